// The foundation end to end: open the sample archive in the real window, see its four
// interviews and its demonstration interview, add an interview with a narrator, quit, start again and find it saved.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { OUT, cli, freshWorkspace, launchApp, startDriver, textOf, waitForCount, waitForText } from "../harness.mjs";

const { dir, env } = freshWorkspace("interviews");
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

test("the window opens on the sample archive with its four interviews and the demonstration", async () => {
  const rows = await waitForCount(browser, '[data-testid="interview-row"]', 5);
  const texts = await Promise.all(rows.map(textOf));
  for (const narrator of ["Tatiana Smilga", "Yuri Primakov", "Zorya Serebryakova", "Tatiana Isaeva"]) {
    assert.ok(texts.some((t) => t.includes(narrator)), `a row names ${narrator}: ${texts.join(" | ")}`);
  }
  await waitForText(browser, '[data-testid="archive-name"]', "Sample");
});

test("an interview with a narrator is created through the window", async () => {
  await browser.$('[data-testid="new-interview"]').click();
  const title = browser.$('[data-testid="field-title"]');
  await title.waitForDisplayed();
  await title.setValue("Interview with Nadezhda Joffe");

  const narrator = browser.$('[data-testid="narrator-input"]');
  await narrator.click();
  await narrator.setValue("Nadezhda");
  const option = await waitForText(browser, '[data-testid="narrator-option"]', "Nadezhda Joffe");
  await option.click();
  await waitForText(browser, '[data-testid="narrator-chip"]', "Nadezhda Joffe");

  // Saved, and the list shows the new interview with its narrator.
  await waitForText(browser, '[data-testid="interview-row"]', "Interview with Nadezhda Joffe");
  await waitForText(browser, '[data-testid="save-state"]', "Saved");
  await waitForText(browser, '[data-testid="interview-row"]', /Interview with Nadezhda Joffe.*Nadezhda Joffe/);
  await waitForCount(browser, '[data-testid="interview-row"]', 6);

  mkdirSync(OUT, { recursive: true });
  await browser.saveScreenshot(join(OUT, "main-window.png"));
});

test("after quitting and starting again, the new interview is still there", async () => {
  await browser.deleteSession();
  browser = await launchApp(driver, archive);
  const rows = await waitForCount(browser, '[data-testid="interview-row"]', 6);
  const texts = await Promise.all(rows.map(textOf));
  const row = texts.find((t) => t.includes("Interview with Nadezhda Joffe"));
  assert.ok(row, `the new interview is listed: ${texts.join(" | ")}`);
  assert.ok(row.includes("Nadezhda Joffe"), "with its narrator");

  // What the window saved is what the archive file holds.
  const saved = cli(archive, "interviews", "list", "--json").find((i) => i.title === "Interview with Nadezhda Joffe");
  assert.deepEqual(saved?.narrators.map((n) => n.name), ["Nadezhda Joffe"]);
});
