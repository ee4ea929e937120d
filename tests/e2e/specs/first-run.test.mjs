// First run: the sample alone shows the heart of the app. Its demonstration interview (a
// fictional narrator, plainly labelled) has a recording the sample made, a Russian transcript
// synced to it with its English translation beside it, index points, a tagged passage and a
// sealed one. Also saves the README's screenshot of the window at its default size (1280×820).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { OUT, cli, freshWorkspace, launchApp, startDriver, textOf, waitForCount, waitForText } from "../harness.mjs";

const { dir, env } = freshWorkspace("first-run");
const archive = join(dir, "Sample.db");
let driver;
let browser;
let demo;

before(async () => {
  cli(archive, "sample");
  demo = cli(archive, "interviews", "list", "--json").find((i) => i.title.startsWith("Demonstration"));
  driver = await startDriver(env);
  browser = await launchApp(driver, archive);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

test("the sample lists a demonstration interview that says it is made up", async () => {
  assert.ok(demo, "the sample has a demonstration interview");
  assert.match(demo.title, /fictional narrator/);
  // The list is drawn again once the archive has opened: find the row after that.
  await waitForText(browser, '[data-testid="archive-name"]', "Sample");
  await waitForCount(browser, '[data-testid="interview-row"]', 5);
  const row = await waitForText(browser, '[data-testid="interview-row"]', "Demonstration interview");
  assert.match(await textOf(row), /Vera Orlova/);
  // Its title is longer than its cell: the centre of the title would be over the next
  // column, so the click goes to the cell.
  await row.$("td").click();
  const summary = browser.$('[data-testid="field-summary"]');
  await summary.waitForExist({ timeout: 10000 });
  assert.match(await summary.getValue(), /^A demonstration .* fictional/);
});

test("its transcript plays with its recording, its translation beside it", async () => {
  await browser.$('[data-testid="tab-transcript"]').click();
  const segments = await waitForCount(browser, '[data-testid="segment"]', 8);
  assert.match(await segments[1].$("textarea").getValue(), /жестяной коробке/);

  // The recording the sample generated loads in the webview, with the length the archive knows.
  await browser.$('[data-testid="player"]').waitForExist({ timeout: 30000 });
  await browser.waitUntil(
    async () => (await browser.execute(() => document.querySelector('[data-testid="player-media"]')?.readyState ?? 0)) >= 1,
    { timeout: 30000, timeoutMsg: "the recording did not load" },
  );
  const seconds = await browser.execute(() => document.querySelector('[data-testid="player-media"]').duration);
  assert.ok(Math.abs(seconds * 1000 - demo.duration_ms) < 100, `the recording lasts ${seconds} s`);

  // A line's time plays from there: the player moves and marks the line as playing.
  await segments[4].$('[data-testid="segment-time"]').click();
  await browser.waitUntil(
    async () => {
      const position = Number(await browser.$('[data-testid="player"]').getAttribute("data-position-ms"));
      return position >= 22500 && position < 27500;
    },
    { timeout: 30000, timeoutMsg: "the player did not move to the fifth line" },
  );
  await browser.$('[data-testid="segment"][data-playing="true"]').waitForExist({ timeout: 10000 });

  // The English translation, lined up beside the original.
  await browser.$('[data-testid="side-by-side"]').click();
  await browser.waitUntil(
    () =>
      browser.execute(() =>
        Array.from(document.querySelectorAll('[data-testid="segment"] textarea')).some((t) => t.value.includes("tin biscuit box")),
      ),
    { timeout: 10000, timeoutMsg: "the English translation is not beside the original" },
  );
});

test("a sealed line is marked as held back, and the index has its points", async () => {
  const sealed = await browser.$$('[data-testid="segment"][data-public="sealed"]');
  assert.ok(sealed.length >= 1, "the sealed line is marked");
  assert.match(await sealed[0].$("textarea").getValue(), /никому не показывать/);
  assert.match(await textOf(await sealed[0].$('[data-testid="segment-mark"]')), /\S/);

  mkdirSync(OUT, { recursive: true });
  await browser.saveScreenshot(join(OUT, "readme-screenshot.png"));

  await browser.$('[data-testid="tab-index"]').click();
  await waitForCount(browser, '[data-testid="index-point"]', 3);
  await waitForText(browser, '[data-testid="index-point"]', "The move to Leningrad");
});

test("the tagged passage is found by its tag", async () => {
  await (await waitForText(browser, '[data-testid="nav-tag"]', "Family photographs")).click();
  const rows = await waitForCount(browser, '[data-testid="library-row"]', 2);
  assert.match(await textOf(rows[0]), /0:0[56]/);
});
