// Photos end to end: a photo is added through the window (its native file dialog answered from
// the keyboard), given a group caption, identified from it, and Radek's region is drawn by
// dragging on the image; then Karl Radek's page lists the photo.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { OUT, answerFileDialog, cli, freshWorkspace, launchApp, startDriver, textOf, waitForCount, waitForText } from "../harness.mjs";

const CAPTION = "Sitting (left to right): Serebryakov, Radek and Trotsky";

const { dir, env } = freshWorkspace("photos");
const archive = join(dir, "Sample.db");
const image = join(dir, "three-sitting.jpg");
let photoId;
let driver;
let browser;

before(async () => {
  cli(archive, "sample");
  // A plain 800×500 JPEG stands in for a scan.
  execFileSync("convert", ["-size", "800x500", "xc:#c9b28f", "-fill", "#8a7458", "-draw", "rectangle 120,140 300,420", image]);
  driver = await startDriver(env);
  browser = await launchApp(driver, archive);
  mkdirSync(OUT, { recursive: true });
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

/** Waits until every row is either confirmed or offers Confirm, and nothing is being saved. */
async function settled() {
  await browser.waitUntil(
    async () => {
      const status = await browser.$$('[data-testid="identification-status"]').length;
      const confirm = Array.from(await browser.$$('[data-testid="identification-confirm"]'));
      if (status + confirm.length !== 3) return false;
      for (const button of confirm) if (!(await button.isEnabled())) return false;
      return true;
    },
    { timeout: 10000, timeoutMsg: "the identifications did not settle" },
  );
}

const $ = (testid) => browser.$(`[data-testid="${testid}"]`);

/** Clicks the element once it is there and enabled. */
async function click(element) {
  await element.waitForClickable({ timeout: 10000 });
  await element.click();
}

test("a photo is added through the window and opened from the Photos grid", async () => {
  await waitForText(browser, '[data-testid="nav-photos"]', "1");
  await click($("nav-photos"));
  await waitForCount(browser, '[data-testid="photo-tile"]', 1);
  await click($("add-photos"));
  await answerFileDialog("Add photos", image);
  await waitForCount(browser, '[data-testid="photo-tile"]', 2, 20000);
  await waitForText(browser, '[data-testid="nav-photos"]', "2");

  // The window's import is the archive's: the file is stored with its hash.
  const added = cli(archive, "photos", "list", "--json").find((p) => p.original_name === "three-sitting.jpg");
  assert.ok(added, "the archive lists the photo added");
  photoId = added.id;
  await click(browser.$(`[data-testid="photo-tile"][data-photo-id="${photoId}"]`));
  await $("photo-viewer").waitForDisplayed();
  await waitForText(browser, '[data-testid="photo-viewer"] h2', "three-sitting.jpg");
});

test("a group caption is added and its people identified", async () => {
  const input = $("caption-input");
  await input.waitForDisplayed();
  await input.setValue(CAPTION);
  await click($("add-caption"));
  await waitForText(browser, '[data-testid="caption-text"]', "Serebryakov, Radek and Trotsky");

  await click($("identify-from-caption"));
  const rows = await waitForCount(browser, '[data-testid="identification-row"]', 3);
  const names = await Promise.all(rows.map((r) => textOf(r.$('[data-testid="identification-name"]'))));
  assert.deepEqual(names, ["Serebryakov", "Radek", "Trotsky"]);
  const radekRow = rows[1];
  const proposed = await radekRow.$('[data-testid="identification-choice"]').getValue();
  assert.ok(proposed, "Radek has a proposed person");
  assert.match(await textOf(radekRow.$('[data-testid="identification-score"]')), /\d+%/);

  // Confirm the confident ones at once, then any the matcher was not sure of, as proposed.
  const all = $("confirm-all");
  await all.waitForDisplayed();
  if (await all.isEnabled()) await all.click();
  for (let attempt = 0; attempt < 3; attempt++) {
    await settled();
    const pending = Array.from(await browser.$$('[data-testid="identification-confirm"]'));
    if (pending.length === 0) break;
    await pending[0].click();
  }
  await waitForCount(browser, '[data-testid="identification-status"]', 3);
  const chosen = await browser.$$('[data-testid="identification-choice"]')[1].$("option:checked");
  assert.match(await textOf(chosen), /^Karl Radek/);
});

test("Radek's region is drawn by dragging on the image", async () => {
  const rows = await browser.$$('[data-testid="identification-row"]');
  await click(rows[1].$('[data-testid="identification-place"]'));
  await waitForText(browser, '[data-testid="draw-hint"]', "Draw a rectangle around Radek");

  const img = $("photo-image");
  const zoom = Number(await img.getAttribute("data-zoom"));
  const size = await img.getSize();
  assert.ok(size.width > 100 && size.height > 100, `the image is on screen: ${JSON.stringify(size)} at ${zoom}`);
  // From a third of the way in to about the middle, relative to the image's centre.
  const from = { x: -Math.round(size.width * 0.2), y: -Math.round(size.height * 0.25) };
  const to = { x: Math.round(size.width * 0.05), y: Math.round(size.height * 0.3) };
  await browser
    .action("pointer", { parameters: { pointerType: "mouse" } })
    .move({ origin: img, x: from.x, y: from.y })
    .down({ button: 0 })
    .move({ origin: img, x: Math.round((from.x + to.x) / 2), y: Math.round((from.y + to.y) / 2), duration: 100 })
    .move({ origin: img, x: to.x, y: to.y, duration: 100 })
    .up({ button: 0 })
    .perform();

  const regions = await waitForCount(browser, `[data-testid="region"]`, 1);
  assert.equal(await regions[0].getAttribute("aria-label"), "Karl Radek");
  await waitForText(browser, '[data-testid="identification-status"]', "Placed");

  // Saved in image pixels: from 30% to 55% across and 25% to 80% down the 800×500 image,
  // whatever the zoom (give or take a pixel of rounding at each edge).
  const saved = cli(archive, "photos", "regions", photoId, "--json");
  assert.equal(saved.length, 3, "three identifications from the caption");
  const radek = saved.find((r) => r.person?.name === "Karl Radek");
  assert.ok(radek?.rect, "Radek's region is placed");
  const near = (actual, expected) => assert.ok(Math.abs(actual - expected) <= 3, `${actual} is about ${expected}`);
  near(radek.rect.x, 240);
  near(radek.rect.y, 125);
  near(radek.rect.width, 200);
  near(radek.rect.height, 275);
  assert.equal(saved.filter((r) => r.rect).length, 1, "only Radek is placed");

  await click($("toggle-names"));
  await browser.pause(300); // the toggle's colour settles
  await browser.saveScreenshot(join(OUT, "photo.png"));
});

test("Karl Radek's page lists the photo, with the region outlined", async () => {
  // The region is selected after placing: its card links to the person.
  const link = $("region-person-link");
  if (!(await link.isExisting())) await click($("region"));
  await click($("region-person-link"));
  await waitForText(browser, '[data-testid="person-title"]', "Karl Radek");
  await waitForText(browser, '[data-testid="variant"]', "Карл Бернгардович Радек");
  await browser.waitUntil(async () => (await browser.$$('[data-testid="person-photo"]').length) >= 2, {
    timeout: 10000,
    timeoutMsg: "Radek's photos are not listed",
  });
  const photos = Array.from(await browser.$$('[data-testid="person-photo"]'));
  const ids = await Promise.all(photos.map((p) => p.getAttribute("data-photo-id")));
  assert.ok(ids.includes(photoId), `the new photo is listed: ${ids.join(", ")}`);
  const mine = photos[ids.indexOf(photoId)];
  assert.equal((await mine.$$('[data-testid="person-photo-region"]')).length, 1);
  await browser.saveScreenshot(join(OUT, "person.png"));
});

test("back in the grid, the sample's group photo shows its nine people by name", async () => {
  await click($("person-back"));
  await click($("photo-back"));
  await waitForCount(browser, '[data-testid="photo-tile"]', 2);
  await browser.pause(500); // thumbnails load
  await browser.saveScreenshot(join(OUT, "photos-grid.png"));
  const tiles = Array.from(await browser.$$('[data-testid="photo-tile"]'));
  const ids = await Promise.all(tiles.map((t) => t.getAttribute("data-photo-id")));
  await click(tiles[ids.findIndex((id) => id !== photoId)]);
  const regions = await waitForCount(browser, '[data-testid="region"]', 9);
  const names = await Promise.all(regions.map((r) => r.getAttribute("aria-label")));
  assert.ok(names.includes("Leon Trotsky") && names.includes("Karl Radek"), names.join(", "));
  await click($("toggle-names"));
  await browser.pause(300);
  await browser.saveScreenshot(join(OUT, "group-photo.png"));
});

test("a narrator typed with a misspelling or in Cyrillic finds the person the authority knows", async () => {
  await click($("nav-all-interviews"));
  await click($("new-interview"));
  const narrator = $("narrator-input");
  await narrator.waitForDisplayed();
  await narrator.click();
  await narrator.setValue("Serebrayakova");
  const option = await waitForText(browser, '[data-testid="narrator-option"]', "Zorya Serebryakova");
  assert.match(await textOf(option), /matched/);
  await browser.saveScreenshot(join(OUT, "picker.png"));
  await narrator.clearValue();
  await narrator.setValue("Серебрякова");
  await waitForText(browser, '[data-testid="narrator-option"]', "Zorya Serebryakova");
});
