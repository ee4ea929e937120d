// Packages end to end: export the archive from the window into a typed folder, watch its
// progress to the end, open the package's website in a window of its own, and follow a
// transcript there: a cue's time moves the site's player to it and marks the cue as playing.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { OUT, cli, freshWorkspace, launchApp, smilgaWithTranscript, startDriver, textOf, waitForText } from "../harness.mjs";

const { dir, env } = freshWorkspace("export");
const archive = join(dir, "Sample.db");
const packages = join(dir, "Packages");
const destination = join(packages, "Smilga, public");
let driver;
let browser;
let mainWindow;

before(async () => {
  cli(archive, "sample");
  smilgaWithTranscript(archive, dir, { tapeSeconds: 60 });
  mkdirSync(packages);
  driver = await startDriver(env);
  browser = await launchApp(driver, archive);
  mainWindow = await browser.getWindowHandle();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

test("an export from the window into a typed folder shows its progress and ends with the package written", async () => {
  await waitForText(browser, '[data-testid="interview-row"]', "Smilga");
  await browser.$('[data-testid="open-export"]').click();
  const dialog = browser.$('[data-testid="export-dialog"]');
  await dialog.waitForDisplayed();
  const run = browser.$('[data-testid="export-run"]');
  await browser.waitUntil(async () => (await run.isEnabled()) && (await browser.$('[data-testid="export-count"]').isExisting()), {
    timeoutMsg: "the preview did not finish",
  });
  await waitForText(browser, '[data-testid="export-count"]', "5 interviews selected");

  const field = browser.$('[data-testid="export-destination"]');
  await field.click();
  await field.setValue(destination);

  // The export may be over before a poll would see it, so the page itself notes every
  // progress bar that appears and what it said.
  await browser.execute(() => {
    window.progressSeen = [];
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="export-progress"]');
      if (bar) window.progressSeen.push({ now: bar.getAttribute("aria-valuenow"), max: bar.getAttribute("aria-valuemax") });
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await run.click();

  await browser.$('[data-testid="export-done"]').waitForExist({ timeout: 60000 });
  const seen = await browser.execute(() => window.progressSeen);
  assert.ok(seen.length > 0, "a progress bar was shown while the export ran");
  assert.ok(
    seen.some((s) => s.max !== null && Number(s.max) > 0),
    `the progress bar knew how much there was to do: ${JSON.stringify(seen.slice(0, 5))}`,
  );
  assert.equal(await textOf(await browser.$('[data-testid="export-path"]')), destination);
  await waitForText(browser, '[data-testid="export-summary"]', /5 interviews, \d+ files/);

  // What the window reported is on disk: a bag with its manifests and its website.
  for (const file of ["bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt", "data/site/index.html"]) {
    assert.ok(existsSync(join(destination, file)), `${file} was written`);
  }
  assert.match(readFileSync(join(destination, "manifest-sha512.txt"), "utf8"), /^[0-9a-f]{128} {2}data\/media\//m, "the recording is in the manifest");

  mkdirSync(OUT, { recursive: true });
  await browser.saveScreenshot(join(OUT, "export-done.png"));
});

test("the package's website opens in a window of its own, and its transcript follows the player", async () => {
  await browser.$('[data-testid="export-open-site"]').click();
  await browser.waitUntil(async () => (await browser.getWindowHandles()).length === 2, { timeout: 15000, timeoutMsg: "no second window opened" });
  const siteWindow = (await browser.getWindowHandles()).find((h) => h !== mainWindow);
  await browser.switchToWindow(siteWindow);

  // The page is the bag's own index.html, read from the folder (no server), its script and
  // data loaded from beside it.
  const address = decodeURIComponent(await browser.getUrl());
  assert.ok(address.includes(`${destination}/data/site/index.html`), `the site window shows the package's index.html: ${address}`);
  assert.match(address, /^(asset|file):/, "read from the folder, not served");
  await waitForText(browser, ".counts", "5Interviews");
  assert.equal(await browser.$("#loading").isExisting(), false, "the site's script ran");

  await browser.$('.top nav a[data-section="interview"]').click();
  const link = await waitForText(browser, "ul.records a", "Smilga");
  await link.click();

  // The transcript, with the cue about Trotsky, and the recording in the player.
  const cue = await waitForText(browser, "li.segment", "Троцким");
  assert.ok(await browser.$(".player audio").isExisting(), "the interview's recording is in the site's player");
  const segments = await browser.$$("li.segment");
  assert.equal(segments.length, 3);

  // Follow the transcript: the cue's time moves the player there and marks the cue.
  await cue.$("button.time").click();
  await browser.waitUntil(async () => (await cue.getAttribute("aria-current")) === "true", {
    timeout: 15000,
    timeoutMsg: "the cue was not marked as the one playing",
  });
  // Paused here, so the checks below see where the cue put it rather than where playback got to.
  const position = await browser.execute(() => {
    const player = document.querySelector(".player audio");
    player.pause();
    return player.currentTime;
  });
  assert.ok(position >= 42 && position < 48, `the player is within the cue: ${position} s`);
  const current = await browser.$$('li.segment[aria-current="true"]');
  assert.equal(current.length, 1, "one cue is current");
  assert.match(await browser.getUrl(), /#\/interview\/[^/]+\/t=42000$/, "the address keeps the time");

  await browser.saveScreenshot(join(OUT, "export-site.png"));

  // Back to the main window, which is as it was.
  await browser.closeWindow();
  await browser.switchToWindow(mainWindow);
  await browser.$('[data-testid="export-close"]').click();
  await browser.$('[data-testid="export-dialog"]').waitForExist({ reverse: true });
  await waitForText(browser, '[data-testid="interview-row"]', "Smilga");
});
