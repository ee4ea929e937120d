// What a public package carries of an interview, said the same way everywhere in the real
// window: the lock badge in the list (visible beside a truncated title), the Status column (a
// closed interview does not read "Published"), the Access tab's summary (a sealed passage is
// "Partly withheld") and the transcript's notice (words, never a "[withheld]" placeholder).
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { cli, freshWorkspace, launchApp, smilgaWithTranscript, startDriver, textOf, waitForText } from "../harness.mjs";

const { dir, env } = freshWorkspace("access-state");
const archive = join(dir, "Sample.db");
const CLOSED_TITLE = "A closed interview whose title is far too long to fit in the list beside its lock, however wide the window";
let driver;
let browser;

before(async () => {
  cli(archive, "sample");
  // Smilga's interview: a transcript with its second passage sealed.
  const smilga = smilgaWithTranscript(archive, dir);
  const [transcript] = cli(archive, "transcript", "list", "--interview", smilga.id, "--json");
  const segments = cli(archive, "transcript", "show", transcript.id, "--json");
  cli(archive, "restrict", "--record", segments[1].id, "--seal", "--reason", "narrator's wish");
  // Another interview, marked published, with a transcript, closed whole, its title long (not the
  // demonstration, which has transcripts of its own).
  const other = cli(archive, "interviews", "list", "--json").find((i) => i.id !== smilga.id && !i.title.startsWith("Demonstration"));
  cli(archive, "interviews", "edit", other.id, "--title", CLOSED_TITLE, "--status", "published");
  const vtt = join(dir, "closed.vtt");
  writeFileSync(vtt, "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWords no one outside may read.\n");
  cli(archive, "transcript", "import", "--interview", other.id, vtt, "--language", "en");
  cli(archive, "restrict", "--record", other.id, "--level", "closed", "--reason", "family request");
  driver = await startDriver(env);
  browser = await launchApp(driver, archive);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

/** The element's box in the page. */
async function box(element) {
  return browser.execute((e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width };
  }, element);
}

function inside(inner, outer, what) {
  assert.ok(
    inner.width > 0 && inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5,
    `${what}: ${JSON.stringify(inner)} is not inside ${JSON.stringify(outer)}`,
  );
}

test("a closed interview's lock is visible beside its truncated title, and its status says closed", async () => {
  const row = await waitForText(browser, '[data-testid="interview-row"]', "A closed interview");
  const badge = await row.$('[data-testid="lock-badge"]');
  await badge.waitForExist({ timeout: 10000, timeoutMsg: "no lock badge on the closed interview" });
  assert.ok(await badge.isDisplayed(), "the lock is displayed");
  const title = await row.$(".title");
  const cell = await title.parentElement().parentElement();
  const pane = await browser.$(".list-pane");
  await pane.waitForExist({ timeout: 10000, timeoutMsg: "no list pane" });
  const [b, t, c, r, p] = [await box(badge), await box(title), await box(cell), await box(row), await box(pane)];
  // The title is truncated (narrower than its text), and the lock keeps its room.
  const full = await browser.execute((e) => e.scrollWidth, title);
  assert.ok(full > t.width + 1, `the long title is truncated (${full} > ${t.width})`);
  inside(b, c, "the lock inside its cell");
  inside(b, r, "the lock inside its row");
  inside(b, p, "the lock inside the list pane");
  assert.ok(b.left >= t.right - 0.5, "the lock sits after the title, not under it");
  assert.match(await badge.getAttribute("title"), /^Closed: none of it goes into a public package\. Closed by the curator: family request\.$/);

  const status = await textOf(await row.$('[data-testid="interview-status"]'));
  assert.equal(status, "Closed", "a closed interview does not read Published");

  // The Smilga interview leaves with its sealed passage withheld: a lock too, but it is published
  // or not as the curator set it.
  const smilga = await waitForText(browser, '[data-testid="interview-row"]', "Smilga");
  const partial = await smilga.$('[data-testid="lock-badge"]');
  await partial.waitForExist({ timeout: 10000 });
  assert.equal(await partial.getAttribute("title"), "Partly withheld: 1 sealed passage.");
  assert.notEqual(await textOf(await smilga.$('[data-testid="interview-status"]')), "Closed");
});

test("the Access tab says what the sealed passage withholds, and the closed transcript's notice is in words", async () => {
  const smilga = await waitForText(browser, '[data-testid="interview-row"]', "Smilga");
  await smilga.$(".title").click();
  await browser.$('[data-testid="tab-access"]').click();
  await waitForText(browser, '[data-testid="access-level"]', "Partly withheld: 1 sealed passage");
  const lifts = await textOf(await browser.$('[data-testid="access-lifts"]'));
  assert.doesNotMatch(lifts, /Nothing restricts it/, "a sealed passage is not 'nothing'");

  const closed = await waitForText(browser, '[data-testid="interview-row"]', "A closed interview");
  await closed.$(".title").click();
  await waitForText(browser, '[data-testid="access-level"]', "Closed");
  await browser.$('[data-testid="tab-overview"]').click();
  const hint = browser.$('[data-testid="field-status-hint"]');
  await hint.waitForExist({ timeout: 10000, timeoutMsg: "the status field says nothing of the closed interview's access" });
  assert.equal(await textOf(hint), "Closed: none of it goes into a public package");

  await browser.$('[data-testid="tab-transcript"]').click();
  const held = await waitForText(browser, '[data-testid="transcript-held"]', "Public output holds this whole transcript back");
  const words = await textOf(held);
  assert.equal(words, "Public output holds this whole transcript back (closed by the curator: family request): see the Access tab.");
  assert.doesNotMatch(words, /\[/, "no placeholder in the notice");
});
