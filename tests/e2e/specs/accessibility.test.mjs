// Accessibility in the real window: axe-core (from node_modules, injected over WebDriver; no
// network) finds no serious or critical violation on any main screen: the interviews list with
// an interview open on each tab, People, a person's page, Photos, a tag of the library and the
// export dialog. Then Ctrl+=, Ctrl+- and Ctrl+0 zoom the real webview.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Key } from "webdriverio";
import { cli, freshWorkspace, launchApp, smilgaWithTranscript, startDriver, waitForCount } from "../harness.mjs";
import { eachScreen } from "../screens.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

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

/** axe's serious and critical violations on what the window shows, and any about landmarks (a
 * dialog's header taken for a second banner), one line per element. */
async function violations() {
  if (!(await browser.execute(() => typeof window.axe === "object"))) await browser.execute(`${AXE}\n;return true;`);
  const found = await browser.executeAsync((done) => {
    window.axe
      .run(document, { resultTypes: ["violations"] })
      .then((r) =>
        done(
          r.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical" || v.id.startsWith("landmark-"))
            .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ")}`)),
        ),
      )
      .catch((e) => done([`axe failed: ${e}`]));
  });
  return found;
}

test("no serious or critical axe violation on any main screen", async () => {
  const found = [];
  await eachScreen(browser, async (screen) => {
    const v = await violations();
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
