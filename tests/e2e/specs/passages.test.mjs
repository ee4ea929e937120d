// Passages of a transcript end to end: pick segments into a passage and tag it, find it again
// by its tag in the sidebar, and see the tagging in the transcript's history; link a person a
// segment names; seal a passage and see it marked as held back.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { OUT, cli, freshWorkspace, launchApp, smilgaWithTranscript, startDriver, textOf, waitForCount, waitForText } from "../harness.mjs";

const { dir, env } = freshWorkspace("passages");
const archive = join(dir, "Sample.db");
let driver;
let browser;

before(async () => {
  cli(archive, "sample");
  smilgaWithTranscript(archive, dir, { more: ["00:01:00.000 --> 00:01:05.000", "<v Tatiana Smilga>We never spoke of it again.", ""] });
  driver = await startDriver(env);
  browser = await launchApp(driver, archive);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

/** Clicks `element` with Shift held, as a curator extends a selection. */
async function shiftClick(element) {
  await browser.performActions([{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value: "\uE008" }] }]);
  await element.click();
  await browser.releaseActions();
}

async function openTranscript() {
  // WebKitWebDriver will not click a table row itself: click the title in it.
  const row = await waitForText(browser, '[data-testid="interview-row"]', "Smilga");
  await row.$(".title").click();
  await browser.$('[data-testid="tab-transcript"]').click();
  return waitForCount(browser, '[data-testid="segment"]', 4);
}

test("tag a passage, find it by its tag, and see the tagging in the transcript's history", async () => {
  const segments = await openTranscript();
  // Rows settle once the people they name are shown under them.
  await segments[1].$('[data-testid="segment-mention"]').waitForExist({ timeout: 10000 });
  await segments[1].$('[data-testid="segment-pick"]').click();
  // The passage bar opens below the list; extend once the layout has settled.
  await waitForText(browser, '[data-testid="passage-range"]', "1 segment, 0:42–0:48");
  await shiftClick(await segments[2].$('[data-testid="segment-pick"]'));
  await waitForText(browser, '[data-testid="passage-range"]', "2 segments, 0:42–0:55");
  const picked = await browser.$$('[data-testid="segment"][data-selected="true"]').map((s) => s.getAttribute("data-start-ms"));
  assert.deepEqual(picked, ["42000", "50000"]);

  await browser.$('[data-testid="span-tag"]').click();
  const input = browser.$('[data-testid="passage"] [data-testid="tag-input"]');
  await input.waitForExist({ timeout: 10000 });
  await input.click();
  await input.setValue("Kremlin childhood");
  await waitForText(browser, '[data-testid="passage"] [data-testid="tag-create"]', "Kremlin childhood");
  await browser.keys("Enter");
  await waitForText(browser, '[data-testid="passage"] [data-testid="tag-chip"]', "Kremlin childhood");
  await browser.$('[data-testid="passage-clear"]').click();

  // Found again by its tag: the sidebar's tag lists the passage, and opening it brings the
  // transcript back with the passage's first segment in view.
  await (await waitForText(browser, '[data-testid="nav-tag"]', "Kremlin childhood")).click();
  const found = await waitForText(browser, '[data-testid="library-row"]', "0:42");
  await found.click();
  const target = browser.$('[data-testid="segment"][data-target="true"]');
  await target.waitForExist({ timeout: 10000, timeoutMsg: "the passage was not brought into view" });
  assert.equal(await target.getAttribute("data-start-ms"), "42000");
  assert.match(await target.$("textarea").getValue(), /Троцким/);

  // The transcript's history shows the passage tagged.
  await browser.$('[data-testid="transcript-history"]').click();
  await browser.$('[data-testid="transcript-history-dialog"]').waitForExist({ timeout: 10000 });
  await waitForText(browser, '[data-testid="history-event"]', "Tagged “Kremlin childhood” on a passage");
  await browser.keys("Escape");
});

test("a known person named in a segment is offered as a link, and linked", async () => {
  const segments = await openTranscript();
  const mention = await segments[1].$('[data-testid="segment-mention"]');
  await mention.waitForExist({ timeout: 10000, timeoutMsg: "Trotsky was not found in “рядом с Троцким”" });
  assert.match(await textOf(mention), /Trotsky/);
  assert.equal(await mention.getAttribute("data-linked"), "false");
  await mention.click();
  await browser.waitUntil(async () => (await segments[1].$('[data-testid="segment-mention"]').getAttribute("data-linked")) === "true", {
    timeout: 10000,
    timeoutMsg: "the mention was not linked",
  });
});

test("a sealed passage is marked as held back from public output", async () => {
  const segments = await openTranscript();
  await segments[3].$('[data-testid="segment-pick"]').click();
  await browser.$('[data-testid="span-seal"]').click();
  const dialog = browser.$('[data-testid="restrict-dialog"]');
  await dialog.waitForExist({ timeout: 10000 });
  await dialog.$('[data-testid="restrict-reason"]').setValue("The narrator asked");
  await dialog.$('[data-testid="restrict-submit"]').click();
  const sealed = browser.$('[data-testid="segment"][data-public="sealed"]');
  await sealed.waitForExist({ timeout: 10000, timeoutMsg: "the sealed segment is not marked" });
  assert.equal(await sealed.getAttribute("data-start-ms"), "60000");
  assert.match(await textOf(await sealed.$('[data-testid="segment-mark"]')), /Sealed/);
  assert.equal((await browser.$$('[data-testid="segment"][data-public]')).length, 1, "only the sealed segment is marked");

  mkdirSync(OUT, { recursive: true });
  await browser.saveScreenshot(join(OUT, "transcript-passage.png"));
});
