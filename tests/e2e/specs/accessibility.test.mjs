// Accessibility in the real window: axe-core (from node_modules, injected over WebDriver; no
// network) finds no serious or critical violation on any main screen: the interviews list with
// an interview open on each tab, People, a person's page, Photos, a tag of the library and the
// export dialog. Then Ctrl+=, Ctrl+- and Ctrl+0 zoom the real webview.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Key } from "webdriverio";
import { axeViolations, cli, freshWorkspace, launchApp, smilgaWithTranscript, startDriver, waitForCount } from "../harness.mjs";
import { eachScreen } from "../screens.mjs";

const { dir, env } = freshWorkspace("accessibility");
const archive = join(dir, "Sample.db");
let driver;
let browser;

before(async () => {
  cli(archive, "sample");
  smilgaWithTranscript(archive, dir, { tapeSeconds: 5 });
  driver = await startDriver(env);
  browser = await launchApp(driver, archive);
  await waitForCount(browser, '[data-testid="interview-row"]', 5);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

test("no serious or critical axe violation on any main screen", async () => {
  const found = [];
  await eachScreen(browser, async (screen) => {
    const v = await axeViolations(browser);
    if (v.length > 0) found.push(`${screen}:\n    ${v.join("\n    ")}`);
  });
  assert.deepEqual(found, [], `axe found:\n  ${found.join("\n  ")}`);
});

test("Ctrl+= and Ctrl+- zoom the interface, Ctrl+0 puts it back", async () => {
  const width = () => browser.execute(() => window.innerWidth);
  const full = await width();
  // The zoom is the webview's: at 110% the page has fewer CSS pixels across the same window.
  await browser.$('[data-testid="archive-name"]').click();
  await browser.keys([Key.Ctrl, "="]);
  await browser.waitUntil(async () => Math.abs((await width()) - full / 1.1) <= 2, { timeout: 5000, timeoutMsg: `Ctrl+= did not zoom to 110% (${full} px wide at 100%)` });
  await browser.keys([Key.Ctrl, "-"]);
  await browser.keys([Key.Ctrl, "-"]);
  await browser.waitUntil(async () => Math.abs((await width()) - full / 0.9) <= 2, { timeout: 5000, timeoutMsg: "Ctrl+- did not zoom out to 90%" });
  await browser.keys([Key.Ctrl, "0"]);
  await browser.waitUntil(async () => (await width()) === full, { timeout: 5000, timeoutMsg: "Ctrl+0 did not put the zoom back to 100%" });
});
