// Where a person is mentioned, end to end: the sample's Smilga interview is given a transcript
// that names Trotsky twice (as "Троцким" and as "Trotskii") and a recording; the People list
// counts his mentions, his page lists the interview with both passages and their times, and a
// time opens the interview's transcript with the player there.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { cli, freshWorkspace, launchApp, smilgaWithTranscript, startDriver, textOf, waitForText } from "../harness.mjs";

const { dir, env } = freshWorkspace("mentions");
const archive = join(dir, "Sample.db");
let driver;
let browser;
let smilga;

before(async () => {
  cli(archive, "sample");
  smilga = smilgaWithTranscript(archive, dir, {
    tapeSeconds: 60,
    more: ["00:00:56.000 --> 00:00:59.000", "<v Tatiana Smilga>Trotskii wrote to him there.", ""],
  });
  driver = await startDriver(env);
  browser = await launchApp(driver, archive);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

test("the People list counts a person's mentions, and their page lists each passage and plays the interview from it", async () => {
  await waitForText(browser, '[data-testid="interview-row"]', "Smilga");
  await browser.$('[data-testid="nav-people"]').click();
  const row = await waitForText(browser, '[data-testid="person-row"]', "Trotsky");
  // Two passages of one interview, as the core counts them.
  await browser.waitUntil(async () => (await textOf(await row.$('[data-testid="person-mentions-count"]'))) === "2", {
    timeout: 10000,
    timeoutMsg: "Trotsky's mentions are not counted in the People list",
  });
  assert.equal(await row.$('[data-testid="person-mentions-count"]').getAttribute("title"), "Mentioned in 2 passages of 1 interview");

  // WebKitWebDriver will not click a table row itself: click its first cell.
  await row.$("td").click();
  await browser.$('[data-testid="open-person-page"]').click();
  await browser.$('[data-testid="person-page"]').waitForExist({ timeout: 10000 });
  const interview = await waitForText(browser, '[data-testid="person-page"] [data-testid="mention-interview"]', "Smilga");
  assert.equal(await interview.getAttribute("data-interview-id"), smilga.id);
  const passages = await interview.$$('[data-testid="mention-passage"]');
  const starts = [];
  const texts = [];
  for (const p of passages) {
    starts.push(await p.getAttribute("data-start-ms"));
    texts.push(await textOf(p));
  }
  assert.deepEqual(starts, ["42000", "56000"], `the passages and their times: ${texts}`);
  assert.match(texts[0], /0:42/);
  assert.match(texts[0], /Троцким/);
  assert.match(texts[1], /Trotskii/);
  assert.equal(await textOf(await passages[0].$("mark")), "Троцким", "the words that name him are marked");
  const page = await textOf(await browser.$('[data-testid="person-page"]'));
  assert.doesNotMatch(page, /in no interview/i, "a person mentioned in an interview is not said to be in none");
  assert.match(page, /Not a narrator or interviewer of any interview/);

  // The time opens the interview's transcript, with the player at 0:42.
  await passages[0].$('[data-testid="mention-play"]').click();
  await browser.$('[data-testid="player"]').waitForExist({ timeout: 30000 });
  assert.equal(await browser.$('[data-testid="person-page"]').isExisting(), false, "the person page gives way to the interview");
  assert.equal(await browser.$('[data-testid="tab-transcript"]').getAttribute("aria-selected"), "true");
  await browser.waitUntil(
    async () => {
      const position = Number(await browser.$('[data-testid="player"]').getAttribute("data-position-ms"));
      return position >= 42000 && position < 48000;
    },
    { timeout: 30000, timeoutMsg: "the player did not move to 0:42" },
  );
  const current = browser.$('[data-testid="segment"][data-playing="true"]');
  await current.waitForExist({ timeout: 10000, timeoutMsg: "no segment is marked as playing" });
  assert.equal(await current.getAttribute("data-start-ms"), "42000");
  assert.match(await current.$("textarea").getValue(), /Троцким/);
});

test("a person no transcript names says so on their page", async () => {
  await browser.$('[data-testid="nav-people"]').click();
  const row = await waitForText(browser, '[data-testid="person-row"]', "Radek");
  assert.equal(await textOf(await row.$('[data-testid="person-mentions-count"]')), "0");
  // WebKitWebDriver will not click a table row itself: click its first cell.
  await row.$("td").click();
  await browser.$('[data-testid="open-person-page"]').click();
  await waitForText(browser, '[data-testid="person-mentions-none"]', "No transcript names Karl Radek yet");
});
