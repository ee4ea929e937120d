// The Trash end to end in the real window: a deleted interview goes to the Trash with what it
// holds, is in no search meanwhile, comes back whole with Restore, and the notice's Undo
// brings back what was just deleted.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { cli, freshWorkspace, launchApp, startDriver, textOf, waitForCount, waitForText } from "../harness.mjs";

const { dir, env } = freshWorkspace("trash");
const archive = join(dir, "Sample.db");
const TITLE = "Interview with Zorya Serebryakova";
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

const rowTitles = async () => Promise.all(Array.from(await browser.$$('[data-testid="interview-row"]')).map(textOf));
const searchFinds = (words) => JSON.stringify(cli(archive, "search", words, "--json")).includes(TITLE);

async function deleteZorya() {
  const row = await waitForText(browser, '[data-testid="interview-row"]', TITLE);
  await row.$("td").click();
  const remove = browser.$('[data-testid="delete-interview"]');
  await remove.waitForDisplayed();
  await remove.click();
  const dialog = await waitForText(browser, '[data-testid="confirm-dialog"]', "to the Trash?");
  await dialog.$('[data-testid="confirm-ok"]').click();
  await waitForCount(browser, '[data-testid="interview-row"]', 4);
  assert.ok(!(await rowTitles()).some((t) => t.includes(TITLE)), "it left the list");
}

test("a deleted interview is in the Trash, found by no search, and Restore brings it back", async () => {
  await waitForCount(browser, '[data-testid="interview-row"]', 5);
  assert.ok(searchFinds("Serebryakova"), "the search finds it before");

  await deleteZorya();
  await waitForText(browser, '[data-testid="notice"]', `Moved “${TITLE}” to the Trash.`);
  await waitForText(browser, '[data-testid="nav-trash"] [data-testid="count"]', "1");
  assert.ok(!searchFinds("Serebryakova"), "no search finds it while it is in the Trash");
  assert.deepEqual(
    cli(archive, "trash", "list", "--json").map((i) => i.label),
    [TITLE],
  );

  await browser.$('[data-testid="nav-trash"]').click();
  const item = await waitForText(browser, '[data-testid="trash-item"]', TITLE);
  assert.match(await textOf(item), /Interview · deleted/);
  await item.$('[data-testid="restore"]').click();
  await waitForText(browser, '[data-testid="notice"]', `Restored “${TITLE}”.`);
  await waitForCount(browser, '[data-testid="trash-item"]', 0);
  await waitForText(browser, '[data-testid="empty-trash-state"]', "The Trash is empty");

  await browser.$('[data-testid="nav-all-interviews"]').click();
  await waitForCount(browser, '[data-testid="interview-row"]', 5);
  assert.ok((await rowTitles()).some((t) => t.includes(TITLE)), "it is back in the list");
  assert.ok(searchFinds("Serebryakova"), "and found again");
  assert.deepEqual(cli(archive, "trash", "list", "--json"), []);
});

test("Undo in the notice brings back the interview just deleted", async () => {
  await deleteZorya();
  const notice = await waitForText(browser, '[data-testid="notice"]', "to the Trash.");
  await notice.$('[data-testid="notice-action"]').click();
  await waitForCount(browser, '[data-testid="interview-row"]', 5);
  assert.ok((await rowTitles()).some((t) => t.includes(TITLE)), "it is back");
  await waitForText(browser, '[data-testid="nav-trash"] [data-testid="count"]', "0");
});

test("Delete permanently asks first, then the Trash is empty for good", async () => {
  await deleteZorya();
  await browser.$('[data-testid="nav-trash"]').click();
  const item = await waitForText(browser, '[data-testid="trash-item"]', TITLE);
  await item.$('[data-testid="purge"]').click();
  const dialog = await waitForText(browser, '[data-testid="confirm-dialog"]', "cannot be undone");
  await dialog.$('[data-testid="confirm-ok"]').click();
  await waitForCount(browser, '[data-testid="trash-item"]', 0);
  assert.deepEqual(cli(archive, "trash", "list", "--json"), []);
  assert.ok(!searchFinds("Serebryakova"));
});

test("Ctrl+Z outside a field puts back the title saved before", async () => {
  // The test before leaves the window in the Trash.
  await browser.$('[data-testid="nav-all-interviews"]').click();
  const row = await waitForText(browser, '[data-testid="interview-row"]', "Interview with Tatiana Isaeva");
  await row.$("td").click();
  const title = browser.$('[data-testid="field-title"]');
  await title.waitForDisplayed();
  await title.setValue("Tatiana Isaeva on Voronsky");
  await browser.keys("Tab");
  await waitForText(browser, '[data-testid="interview-row"]', "Tatiana Isaeva on Voronsky");
  await waitForText(browser, '[data-testid="save-state"]', "Saved");
  await browser.execute(() => document.activeElement?.blur());
  await browser.keys(["Control", "z"]);
  await waitForText(browser, '[data-testid="interview-row"]', "Interview with Tatiana Isaeva");
  await browser.waitUntil(async () => (await title.getValue()) === "Interview with Tatiana Isaeva", { timeout: 10000 });
  assert.ok(
    cli(archive, "interviews", "list", "--json").some((i) => i.title === "Interview with Tatiana Isaeva"),
    "the archive holds the title saved before",
  );
});
