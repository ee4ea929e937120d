// A long export in the real window: a generated archive big enough to take a while, whose
// export shows determinate progress from its start, goes on in the Jobs panel when its dialog
// is closed, and is cancelled there, leaving no folder behind; then an export that finishes
// offers Open folder (the system's file manager, here a stand-in program that notes what it
// was asked to open) and Open the site.
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { cli, freshWorkspace, launchApp, startDriver } from "../harness.mjs";

const { dir, env } = freshWorkspace("export-progress");
const archive = join(dir, "Big.db");
const packages = join(dir, "Packages");
const opened = join(dir, "opened.txt");
let driver;
let browser;

before(async () => {
  cli(archive, "generate", "--interviews", "600", "--segments-per-interview", "60");
  mkdirSync(packages);
  // What "Open folder" starts instead of the desktop's file manager: it notes the folder.
  const opener = join(dir, "open-with.sh");
  writeFileSync(opener, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`);
  chmodSync(opener, 0o755);
  driver = await startDriver({ ...env, RECOLLECT_OPEN_WITH: opener });
  browser = await launchApp(driver, archive);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

/** Opens the export dialog, waits for its preview, and types `destination`. */
async function startExport(destination) {
  await browser.$('[data-testid="open-export"]').waitForClickable({ timeout: 30000 });
  await browser.$('[data-testid="open-export"]').click();
  await browser.$('[data-testid="export-dialog"]').waitForDisplayed();
  const run = browser.$('[data-testid="export-run"]');
  await browser.waitUntil(async () => (await run.isEnabled()) && (await browser.$('[data-testid="export-count"]').isExisting()), {
    timeout: 60000,
    timeoutMsg: "the preview did not finish",
  });
  const field = browser.$('[data-testid="export-destination"]');
  await field.click();
  await field.setValue(destination);
  // Every value the dialog's bar and the panel's bar showed, noted by the page itself.
  await browser.execute(() => {
    window.barsSeen = [];
    const note = () => {
      for (const bar of document.querySelectorAll('[data-testid="export-progress"], [data-testid="job-progress"]')) {
        const phase = document.querySelector('[data-testid="export-phase"]')?.textContent ?? "";
        window.barsSeen.push({ now: bar.getAttribute("aria-valuenow"), max: bar.getAttribute("aria-valuemax"), phase });
      }
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await run.click();
}

test("a long export shows determinate progress, goes on in the Jobs panel when its dialog is closed, and cancelled there leaves nothing", async () => {
  const destination = join(packages, "Cancelled");
  await startExport(destination);
  const bar = browser.$('[data-testid="export-progress"]');
  await bar.waitForExist();
  // Determinate from the start, and moving.
  let first = null;
  await browser.waitUntil(
    async () => {
      const now = await bar.getAttribute("aria-valuenow");
      if (now === null) return false;
      first ??= { now: Number(now), phase: await browser.$('[data-testid="export-phase"]').getText() };
      const phase = await browser.$('[data-testid="export-phase"]').getText();
      return phase !== first.phase || Number(now) > first.now;
    },
    { timeout: 60000, timeoutMsg: "the export's progress did not move" },
  );
  const seen = await browser.execute(() => window.barsSeen);
  // From the job's first report on (it comes with its start), every bar was determinate, the
  // first counting the interviews read, from 0.
  const from = seen.findIndex((s) => s.now !== null);
  assert.ok(from >= 0, "a determinate bar was shown");
  assert.match(seen[from].phase, /^Reading interviews/, `the first phase counted: ${JSON.stringify(seen[from])}`);
  assert.equal(seen[from].now, "0");
  const later = seen.slice(from).filter((s) => s.now === null || s.max === null);
  assert.deepEqual(later, [], "no bar went back to indeterminate");

  // Closed while it runs: the job goes on in the panel.
  await browser.$('[data-testid="export-background"]').click();
  await browser.$('[data-testid="export-dialog"]').waitForExist({ reverse: true });
  const row = browser.$('[data-testid="jobs-panel"] [data-testid="job"]');
  await row.waitForExist();
  assert.equal(await row.getAttribute("data-status"), "running");
  assert.notEqual(await row.$('[data-testid="job-progress"]').getAttribute("aria-valuenow"), null, "the panel's bar is determinate");

  await row.$('[data-testid="job-cancel"]').click();
  await browser.waitUntil(async () => (await row.getAttribute("data-status")) === "cancelled", {
    timeout: 60000,
    timeoutMsg: "the export did not stop",
  });
  assert.match(await row.getText(), /nothing was kept/);
  assert.equal(existsSync(destination), false, "the unfinished package folder was removed");
  assert.deepEqual(readdirSync(packages), [], "nothing else was left beside it");
  await row.$('[data-testid="job-dismiss"]').click();
});

test("an export that finishes offers Open folder and Open the site, in the dialog and in the Jobs panel", async () => {
  const destination = join(packages, "Finished");
  await startExport(destination);
  await browser.$('[data-testid="export-done"]').waitForExist({ timeout: 300000 });
  await browser.$('[data-testid="export-open-folder"]').click();
  await browser.waitUntil(() => existsSync(opened), { timeout: 10000, timeoutMsg: "no folder was opened" });
  assert.deepEqual(readFileSync(opened, "utf8").trim().split("\n"), [destination]);
  assert.equal(await browser.$('[data-testid="export-site-error"]').isExisting(), false);
  assert.ok(await browser.$('[data-testid="export-open-site"]').isExisting());

  await browser.$('[data-testid="export-close"]').click();
  await browser.$('[data-testid="export-dialog"]').waitForExist({ reverse: true });
  // The panel keeps the finished export with the same two actions.
  const jobs = browser.$('[data-testid="jobs-panel"]');
  if (!(await jobs.isExisting())) await browser.$('[data-testid="jobs-button"]').click();
  const row = browser.$('[data-testid="jobs-panel"] [data-testid="job"][data-status="finished"]');
  await row.waitForExist();
  assert.ok(await row.$('[data-testid="job-action-open-site"]').isExisting());
  await row.$('[data-testid="job-action-open-folder"]').click();
  await browser.waitUntil(() => readFileSync(opened, "utf8").trim().split("\n").length === 2, { timeout: 10000 });
  assert.deepEqual(readFileSync(opened, "utf8").trim().split("\n"), [destination, destination]);
  assert.ok(existsSync(join(destination, "data", "site", "index.html")));
});
