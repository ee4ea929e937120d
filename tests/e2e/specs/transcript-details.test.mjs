// Details of the interview's pages in the real window: a date that cannot be read is explained
// once, in a historian's words.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { cli, freshWorkspace, launchApp, startDriver, textOf, waitForText } from "../harness.mjs";

const { dir, env } = freshWorkspace("details");
const archive = join(dir, "Sample.db");
let driver;
let browser;

before(async () => {
  cli(archive, "sample");
  driver = await startDriver(env);
  browser = await launchApp(driver, archive);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

const $ = (testid) => browser.$(`[data-testid="${testid}"]`);

/** Opens an interview of the sample by a word of its title, on the tab asked for. */
async function openInterview(word, tab = "overview") {
  // WebKitWebDriver will not click a table row itself: click the title in it.
  const row = await waitForText(browser, '[data-testid="interview-row"]', word);
  await row.$(".title").click();
  await $(`tab-${tab}`).click();
}

test("a date that cannot be read is said once, in a historian's words", async () => {
  await openInterview("Smilga");
  const date = $("field-date");
  await date.waitForDisplayed();
  await date.clearValue();
  await date.setValue("1927 -05");
  const error = await waitForText(browser, '[data-testid="field-error"]', "is not a date Recollect can read");
  assert.equal(
    await textOf(error),
    '"1927 -05" is not a date Recollect can read (leave out the spaces): write a year (1927), a month (1927-05) or a day (1927-05-14); add ~ for about (1927~) or ? for uncertain (1927?), and X for digits not known (192X, the 1920s)',
  );
  // Once: the save state points at the field, and nothing else in the window says it again.
  assert.equal(await textOf(await $("save-state")), "Not saved: see the date below");
  const window = await textOf(await browser.$("body"));
  assert.equal(window.split("is not a date Recollect can read").length - 1, 1, `said once: ${window}`);
  assert.ok(!/EDTF at offset|whitespace/.test(window), "none of the parser's words");

  await date.clearValue();
  await date.setValue("1927-05");
  await waitForText(browser, '[data-testid="save-state"]', "Saved");
  assert.equal(await browser.$$('[data-testid="field-error"]').length, 0);
});
