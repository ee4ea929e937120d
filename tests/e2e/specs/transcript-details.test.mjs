// Details in the real window: a date that cannot be read is explained once, in a historian's
// words; a photo says it is loading and draws its regions only on the image; the segment picked
// into a passage stays in view above the passage bar; Ctrl+J out of time order warns and puts
// the segment in its place in time.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { cli, freshWorkspace, launchApp, smilgaWithTranscript, startDriver, textOf, waitForCount, waitForText } from "../harness.mjs";

const { dir, env } = freshWorkspace("details");
const archive = join(dir, "Sample.db");
let driver;
let browser;
let smilga;

/** Thirty more cues, one every five seconds from 1:00, so the list is longer than the window. */
const MORE = Array.from({ length: 30 }, (_, k) => {
  const at = 60 + k * 5;
  const t = (s) => `00:0${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}.000`;
  return [`${t(at)} --> ${t(at + 4)}`, `<v Tatiana Smilga>Passage ${k + 1} of the later years.`, ""];
}).flat();

before(async () => {
  cli(archive, "sample");
  smilga = smilgaWithTranscript(archive, dir, { more: MORE, tapeSeconds: 240 });
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
  await $("nav-all-interviews").click();
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

/** Where each segment shown is, and where the list's viewport is, on screen. */
function layout() {
  return browser.execute(() => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    };
    const list = document.querySelector('[data-testid="segment-list"]');
    const segments = [...document.querySelectorAll('[data-testid="segment"]')].map((s) => ({ start: s.dataset.startMs, ...box(s) }));
    return { list: box(list), segments };
  });
}

test("the segment picked into a passage stays in view above the passage bar", async () => {
  await openInterview("Smilga", "transcript");
  // Rows settle once the people they name are shown under them.
  await browser.$('[data-testid="segment-mention"]').waitForExist({ timeout: 10000 });
  await browser.waitUntil(async () => (await browser.$$('[data-testid="segment"]').length) > 8, { timeout: 10000 });
  // Scroll so that a segment sits at the very foot of the list, where the bar will open.
  const before = await layout();
  const foot = before.segments.find((s) => s.bottom > before.list.bottom - 1 && s.top < before.list.bottom);
  assert.ok(foot, `a segment at the foot of the list: ${JSON.stringify(before)}`);
  await browser.execute((by) => {
    document.querySelector('[data-testid="segment-list"]').scrollTop += by;
  }, foot.bottom - before.list.bottom + 2);
  await browser.waitUntil(async () => {
    const now = await layout();
    const s = now.segments.find((x) => x.start === foot.start);
    return s && s.bottom <= now.list.bottom && s.bottom > now.list.bottom - 10;
  }, { timeout: 5000, timeoutMsg: "the segment did not come to the foot of the list" });

  await browser.$(`[data-testid="segment"][data-start-ms="${foot.start}"] [data-testid="segment-pick"]`).click();
  await $("passage").waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(
    async () => {
      const now = await layout();
      const s = now.segments.find((x) => x.start === foot.start);
      const bar = await browser.execute(() => document.querySelector('[data-testid="passage"]').getBoundingClientRect().top);
      return s && s.top >= now.list.top && s.bottom <= now.list.bottom + 0.5 && s.bottom <= bar + 0.5;
    },
    { timeout: 5000, timeoutMsg: "the segment picked is hidden under the passage bar" },
  );
  await $("passage-clear").click();
});

test("Ctrl+J out of time order warns in words, stamps nothing, and moves the segment into its place in time", async () => {
  await openInterview("Smilga", "transcript");
  await $("player-media").waitForExist({ timeout: 10000 });
  await browser.execute(() => document.querySelector('[data-testid="segment-list"]').scrollTo(0, 0));
  const third = browser.$('[data-testid="segment"][data-start-ms="50000"] textarea');
  await third.waitForExist({ timeout: 10000 });
  // The recording at 0:20, while the segment before the third starts at 0:42.
  await browser.execute(() => {
    document.querySelector('[data-testid="player-media"]').currentTime = 20;
  });
  await waitForText(browser, '[data-testid="player-time"]', "0:20");
  await third.click();
  await browser.keys(["Control", "j"]);
  const message = await waitForText(browser, '[data-testid="stamp-message"]', "0:20 is earlier than the start of the segment before it (0:42");
  assert.match(await textOf(message), /^Not stamped yet: 0:20 is earlier than the start of the segment before it \(0:42, “Мы жили в Кремле/);
  const [transcript] = cli(archive, "transcript", "list", "--interview", smilga.id, "--json");
  const starts = () => cli(archive, "transcript", "show", transcript.id, "--json").slice(0, 4).map((s) => s.start_ms);
  assert.deepEqual(starts(), [2000, 42000, 50000, 60000], "nothing stamped before the curator says");

  await $("stamp-reorder").click();
  await browser.waitUntil(async () => (await browser.$$('[data-testid="stamp-out-of-order"]').length) === 0, { timeout: 10000 });
  assert.deepEqual(starts(), [2000, 20000, 42000, 60000], "stamped at 0:20 and moved between 0:02 and 0:42");
  await browser.waitUntil(
    async () => {
      const shown = await browser.$$('[data-testid="segment"]').map((s) => s.getAttribute("data-start-ms"));
      return shown.slice(0, 4).join() === "2000,20000,42000,60000";
    },
    { timeout: 10000, timeoutMsg: "the window does not show the segment in its place in time" },
  );
  const moved = browser.$('[data-testid="segment"][data-start-ms="20000"] textarea');
  assert.equal(await moved.getValue(), "Then my father was sent to Minusinsk.");
});
