// Transcripts and search end to end: search the archive from the window, click a transcript
// hit, and the interview opens on its Transcript tab with the player at the hit's time; a
// search with more results than a page says how many and pages through them.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { cli, freshWorkspace, launchApp, smilgaWithTranscript, startDriver, textOf, waitForText } from "../harness.mjs";

const { dir, env } = freshWorkspace("search");
const archive = join(dir, "Sample.db");
let driver;
let browser;

before(async () => {
  cli(archive, "sample");
  smilgaWithTranscript(archive, dir, {
    tapeSeconds: 60,
    more: ["00:00:56.000 --> 00:00:59.000", "<v Tatiana Smilga>Trotskii wrote to him there.", ""],
  });
  // More results than a page of 50: the Smilga passage "sent to Minusinsk" and 60 interviews
  // whose titles name the town.
  for (let n = 1; n <= 60; n++) cli(archive, "interviews", "add", "--title", `Letter from Minusinsk, ${n}`);
  driver = await startDriver(env);
  browser = await launchApp(driver, archive);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

test("a search hit opens the interview at that time, with the player there", async () => {
  await waitForText(browser, '[data-testid="interview-row"]', "Smilga");
  const input = browser.$('[data-testid="search-input"]');
  await input.click();
  await input.setValue("Троцким");
  const hit = await waitForText(browser, '[data-testid="search-hit"]', "Троцким");
  assert.equal(await hit.getAttribute("data-start-ms"), "42000", "the hit carries its time");
  await hit.click();

  // Generous waits: on a loaded machine the recording takes seconds to reach the webview.
  await browser.$('[data-testid="player"]').waitForExist({ timeout: 30000 });
  await browser.waitUntil(
    async () => {
      const position = Number(await browser.$('[data-testid="player"]').getAttribute("data-position-ms"));
      return position >= 42000 && position < 48000;
    },
    { timeout: 30000, timeoutMsg: "the player did not move to 0:42" },
  );
  // The segment at that time is the current one (its text is in an editable field, so it is
  // matched by its time).
  const current = browser.$('[data-testid="segment"][data-playing="true"]');
  await current.waitForExist({ timeout: 10000, timeoutMsg: "no segment is marked as playing" });
  assert.equal(await current.getAttribute("data-start-ms"), "42000");
  assert.match(await current.$("textarea").getValue(), /Троцким/);
  assert.match(await textOf(await browser.$('[data-testid="player-time"]')), /0:4\d/);

  // The recording itself loads in the webview's media pipeline.
  await browser.waitUntil(
    async () => (await browser.execute(() => document.querySelector('[data-testid="player-media"]')?.readyState ?? 0)) >= 1,
    { timeout: 10000, timeoutMsg: "the recording never loaded" },
  );
  const error = await browser.execute(() => document.querySelector('[data-testid="player-media"]')?.error?.code ?? null);
  assert.equal(error, null, "the media element reports no error");
});

test("a name in another spelling finds its passages in both scripts, grouped by interview, and says whom it matched", async () => {
  const input = browser.$('[data-testid="search-input"]');
  await input.click();
  await input.clearValue();
  // German spelling; the transcript says Троцким (Cyrillic, instrumental case) and Trotskii.
  await input.setValue("Trotzki");
  // The answer to the whole word, not to a keystroke before it.
  await waitForText(browser, '[data-testid="search-passages-count"]', "2 passages in 1 interview");
  const group = await waitForText(browser, '[data-testid="search-group"]', "Smilga");
  assert.match(await textOf(await group.$('[data-testid="search-group-count"]')), /^2 passages$/);
  const hits = await group.$$('[data-testid="search-hit"]');
  // Read one by one: the element list's own map is asynchronous.
  const texts = [];
  const starts = [];
  for (let i = 0; i < hits.length; i++) {
    texts.push(await textOf(hits[i]));
    starts.push(await hits[i].getAttribute("data-start-ms"));
  }
  assert.ok(texts.some((t) => /Троцким/.test(t)), `the Cyrillic passage is among ${texts}`);
  assert.ok(texts.some((t) => /Trotskii/.test(t)), `the other romanization is among ${texts}`);
  assert.deepEqual([...starts].sort(), ["42000", "56000"], "each passage carries its time");
  assert.match(await textOf(await browser.$('[data-testid="search-person"]')), /Leon Trotsky/);
  assert.match(await textOf(await browser.$('[data-testid="search-passages-count"]')), /2 passages in 1 interview/);

  // The later passage plays from its own time. It is looked up again by its time: the list
  // read above may have been drawn again since (a search answers each keystroke).
  await browser.$('[data-testid="search-hit"][data-start-ms="56000"]').click();
  await browser.waitUntil(
    async () => {
      const position = Number(await browser.$('[data-testid="player"]').getAttribute("data-position-ms"));
      return position >= 56000 && position < 59000;
    },
    { timeout: 10000, timeoutMsg: "the player did not move to 0:56" },
  );
});

/** The results shown, in order: "interview ID" for each interview with passages, then "KIND ID"
 * for each record, as the core's JSON names them. */
function shownResults() {
  return browser.execute(() => {
    const groups = [...document.querySelectorAll('[data-testid="search-group"]')].map((g) => `interview ${g.dataset.interviewId}`);
    const records = [...document.querySelectorAll('[data-testid="search-hit"]')]
      .filter((h) => !h.closest('[data-testid="search-group"]'))
      .map((h) => `${h.dataset.kind} ${h.dataset.recordId}`);
    return [...groups, ...records];
  });
}

/** The same, of a page of the core's answer (the CLI's JSON). */
const resultsOf = (page) => [...page.interviews.map((g) => `interview ${g.interview_id}`), ...page.records.map((h) => `${h.kind} ${h.record_id}`)];

test("a search with more results than a page says how many there are, and pages through them by mouse and keyboard", async () => {
  const first = cli(archive, "search", "Minusinsk", "--json");
  const second = cli(archive, "search", "Minusinsk", "--offset", "50", "--json");
  assert.ok(first.total > 60 && first.total <= 100, `two pages: ${first.total}`);
  assert.equal(first.interviews_matched, 1, "the Smilga interview's passage");

  const input = browser.$('[data-testid="search-input"]');
  await input.click();
  await input.clearValue();
  await input.setValue("Minusinsk");
  const total = await waitForText(browser, '[data-testid="search-total"]', `${first.total} results`);
  assert.equal(await textOf(total), `${first.total} results · showing 1–50`);
  assert.equal(await textOf(await browser.$('[data-testid="search-range"]')), `1–50 of ${first.total}`);
  const pageOne = await shownResults();
  assert.equal(pageOne.length, 50, "a page of 50");
  assert.deepEqual(pageOne, resultsOf(first), "the window shows the core's first page, in its order");
  const previous = browser.$('[data-testid="search-previous"]');
  const next = browser.$('[data-testid="search-next"]');
  assert.equal(await previous.getAttribute("aria-label"), "Previous results");
  assert.equal(await next.getAttribute("aria-label"), "Next results");
  assert.equal(await previous.getAttribute("aria-disabled"), "true", "no page before the first");

  // The mouse turns to the next page; the panel stays open.
  await next.click();
  await waitForText(browser, '[data-testid="search-range"]', `51–${first.total} of ${first.total}`);
  const pageTwo = await shownResults();
  assert.equal(pageTwo.length, first.total - 50);
  assert.deepEqual(pageTwo, resultsOf(second), "the core's second page");
  assert.deepEqual(pageTwo.filter((r) => pageOne.includes(r)), [], "no result on both pages");
  assert.equal(new Set([...pageOne, ...pageTwo]).size, first.total, "the two pages hold every result");
  assert.equal(await next.getAttribute("aria-disabled"), "true", "no page after the last");
  assert.match(await textOf(total), new RegExp(`^${first.total} results · showing 51–${first.total}$`));

  // The keyboard goes back: Tab from the box passes the filters toggle to Previous; Enter.
  assert.equal(await browser.execute(() => document.activeElement?.dataset.testid), "search-input", "the mouse left the focus in the box");
  await browser.keys("Tab");
  await browser.keys("Tab");
  assert.equal(await browser.execute(() => document.activeElement?.dataset.testid), "search-previous");
  await browser.keys("Enter");
  await waitForText(browser, '[data-testid="search-range"]', `1–50 of ${first.total}`);
  assert.deepEqual(await shownResults(), pageOne, "the first page again, in the same order");
  assert.ok(await browser.$('[data-testid="search-panel"]').isDisplayed(), "the panel stayed open");
});
