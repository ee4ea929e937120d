// The window's main screens, visited one after another for checks that hold on each (layout,
// accessibility): the interviews list with an interview open on each of its tabs, People, a
// person's page, Photos and a photo open in the viewer, a tag of the library, the Trash and the
// export dialog.
import { waitForText } from "./harness.mjs";

const TABS = ["overview", "transcript", "index", "sources", "access", "history"];

/** Waits until what the window shows has settled (no frame pending, no "Loading…"). */
async function settle(browser) {
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  await browser.pause(250);
}

async function click(browser, selector) {
  const element = browser.$(selector);
  await element.waitForClickable({ timeout: 10000 });
  await element.click();
}

/**
 * Visits each main screen of the sample archive and calls `check(name)` on it. The window is
 * left on the interviews list with Smilga's interview selected.
 */
export async function eachScreen(browser, check) {
  await click(browser, '[data-testid="nav-all-interviews"]');
  await openSmilga(browser);
  await browser.$('[data-testid="interview-editor"]').waitForExist({ timeout: 10000 });
  for (const tab of TABS) {
    await click(browser, `[data-testid="tab-${tab}"]`);
    await browser.$(`#interview-panel-${tab}`).waitForExist({ timeout: 10000 });
    await settle(browser);
    await check(`interview, ${tab} tab`);
  }
  await click(browser, '[data-testid="tab-overview"]');

  await click(browser, '[data-testid="nav-people"]');
  const person = await waitForText(browser, '[data-testid="person-row"]', "Smilga, Ivar");
  await person.$(".name").click();
  await browser.$('[data-testid="person-editor"]').waitForExist({ timeout: 10000 });
  await settle(browser);
  await check("people");

  await click(browser, '[data-testid="open-person-page"]');
  await waitForText(browser, '[data-testid="person-title"]', "Ivar Smilga");
  await settle(browser);
  await check("a person's page");

  await click(browser, '[data-testid="nav-photos"]');
  await browser.$('[data-testid="photo-tile"]').waitForExist({ timeout: 10000 });
  await settle(browser);
  await check("photos");

  await click(browser, '[data-testid="photo-tile"]');
  await browser.$('[data-testid="photo-viewer"]').waitForDisplayed({ timeout: 10000 });
  await settle(browser);
  await check("a photo open");
  await click(browser, '[data-testid="photo-back"]');
  await browser.$('[data-testid="photo-tile"]').waitForExist({ timeout: 10000 });

  await (await waitForText(browser, '[data-testid="nav-tag"]', "Left Opposition")).click();
  await waitForText(browser, "#list-title, h2", "Left Opposition");
  await settle(browser);
  await check("library, a tag");

  await click(browser, '[data-testid="nav-trash"]');
  await waitForText(browser, '[data-testid="empty-trash-state"]', "The Trash is empty");
  await settle(browser);
  await check("the Trash");

  await click(browser, '[data-testid="nav-all-interviews"]');
  await click(browser, '[data-testid="open-export"]');
  await browser.$('[data-testid="export-dialog"]').waitForExist({ timeout: 10000 });
  await settle(browser);
  await check("the export dialog");
  await click(browser, '[data-testid="export-dialog"] button.close');
  await browser.$('[data-testid="export-dialog"]').waitForExist({ reverse: true, timeout: 10000 });

  await openSmilga(browser);
}

async function openSmilga(browser) {
  const row = await waitForText(browser, '[data-testid="interview-row"]', "Smilga");
  await settle(browser);
  const title = row.$(".title");
  await title.waitForClickable({ timeout: 10000 });
  await title.click();
}
