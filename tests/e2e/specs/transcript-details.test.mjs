// Details in the real window: a date that cannot be read is explained once, in a historian's
// words; a photo says it is loading and draws its regions only on the image.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { cli, freshWorkspace, launchApp, startDriver, textOf, waitForCount, waitForText } from "../harness.mjs";

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

test("a photo says it is loading, then shows the image, and draws its regions only over it", async () => {
  // Watches the window from before the photo opens: what is shown first, and whether any region
  // is ever drawn while its image has not been read.
  await browser.execute(() => {
    const seen = { loading: false, regionsBeforeImage: 0, regions: 0 };
    window.__photoWatch = seen;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="photo-loading"]')) seen.loading = true;
      const regions = document.querySelectorAll('[data-testid="region"]').length;
      if (regions > seen.regions) {
        const img = document.querySelector('[data-testid="photo-image"] img');
        if (!img || !img.complete || img.naturalWidth === 0) seen.regionsBeforeImage += regions - seen.regions;
      }
      seen.regions = regions;
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await $("nav-photos").click();
  const tile = await waitForCount(browser, '[data-testid="photo-tile"]', 1);
  await tile[0].click();
  await waitForCount(browser, '[data-testid="region"]', 9, 20000);
  await browser.waitUntil(() => browser.execute(() => !document.querySelector('[data-testid="photo-loading"]')), {
    timeout: 10000,
    timeoutMsg: "the loading state stayed after the regions were drawn",
  });
  const seen = await browser.execute(() => window.__photoWatch);
  assert.ok(seen.loading, "the viewer said the photo was loading before it was shown");
  assert.equal(seen.regionsBeforeImage, 0, "no region outline was drawn before its image");
  const shown = await browser.execute(() => {
    const img = document.querySelector('[data-testid="photo-image"] img');
    return { complete: img.complete, width: img.naturalWidth, visible: getComputedStyle(img).visibility };
  });
  assert.ok(shown.complete && shown.width > 0 && shown.visible === "visible", `the image is shown: ${JSON.stringify(shown)}`);
});
