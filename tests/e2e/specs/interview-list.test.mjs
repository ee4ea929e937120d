// The interview list in the real window: its columns resize by keyboard and by dragging and
// keep their widths after a restart; beside a wide transcript each title has its narrators
// under it; type-ahead finds an interview by its narrator; and a list of 2,000 interviews holds
// only the rows in view, yet End reaches the last.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Key } from "webdriverio";
import { cli, freshWorkspace, launchApp, smilgaWithTranscript, startDriver, textOf, waitForCount, waitForText } from "../harness.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const { dir, env } = freshWorkspace("interview-list");
const archive = join(dir, "Sample.db");
const big = join(dir, "Generated.db");
let driver;
let browser;

before(async () => {
  cli(archive, "sample");
  smilgaWithTranscript(archive, dir);
  // A narrator named in no title, so only the narrator can lead type-ahead to the interview.
  const joffe = cli(archive, "people", "add", "--name", "Nadezhda Joffe", "--json");
  cli(archive, "interviews", "add", "--title", "Memories of the Kremlin", "--narrator", joffe.id);
  cli(big, "generate", "--interviews", "2000", "--segments-per-interview", "0");
  driver = await startDriver(env);
  browser = await launchApp(driver, archive);
  await waitForCount(browser, '[data-testid="interview-row"]', 6);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

/** The Title column's width on screen, in CSS px. */
const titleWidth = () => browser.execute(() => document.querySelector('[data-testid="sort-title"]').closest("th").getBoundingClientRect().width);

/** The text of the row that holds the keyboard, and whether it is selected. */
const focusedRow = () =>
  browser.execute(() => {
    const row = document.activeElement?.closest?.("tr[data-id]");
    return row ? { text: row.textContent.replace(/\s+/g, " ").trim(), selected: row.getAttribute("aria-selected"), index: row.getAttribute("aria-rowindex") } : null;
  });

/** Presses each key in turn (an array given to `keys` would be pressed as one chord). */
async function press(...keys) {
  for (const key of keys) await browser.keys(key);
}

/** WebKitWebDriver will not click a table row itself: click the title in it. */
async function clickRow(row) {
  await row.$(".title").click();
}

async function near(read, expected, what) {
  await browser.waitUntil(async () => Math.abs((await read()) - expected) <= 1.5, { timeout: 5000, timeoutMsg: `${what}: ${await read()}, not about ${expected}` });
}

test("the Title column resizes from the keyboard and by dragging, and keeps its width after a restart", async () => {
  const handle = browser.$('[data-testid="resize-title"]');
  assert.equal(await handle.getAttribute("aria-label"), "Resize Title column");
  assert.equal(await handle.getAttribute("role"), "separator");
  const start = await titleWidth();

  // Focus the boundary from the keyboard (Tab from the Title header's sort button) and widen it.
  await browser.$('[data-testid="sort-title"]').click();
  await browser.keys(Key.Tab);
  assert.equal(await browser.execute(() => document.activeElement?.dataset.testid), "resize-title");
  await press(Key.ArrowRight, Key.ArrowRight, Key.ArrowRight);
  await near(titleWidth, start + 30, "after → three times");
  await press(Key.ArrowLeft);
  await near(titleWidth, start + 20, "after ← once");
  assert.equal(Number(await handle.getAttribute("aria-valuenow")), Math.round(await titleWidth()));

  // Drag the boundary 80 px to the right.
  await browser
    .action("pointer", { parameters: { pointerType: "mouse" } })
    .move({ origin: handle })
    .down({ button: 0 })
    .move({ origin: "pointer", x: 40, y: 0, duration: 100 })
    .move({ origin: "pointer", x: 40, y: 0, duration: 100 })
    .up({ button: 0 })
    .perform();
  await near(titleWidth, start + 100, "after dragging 80 px");
  const resized = await titleWidth();

  // Quit and start again: the column has the width it was left with.
  await browser.deleteSession();
  browser = await launchApp(driver, archive);
  await waitForCount(browser, '[data-testid="interview-row"]', 6);
  await near(titleWidth, resized, "after a restart");

  // A double-click on the boundary puts the widths back.
  await browser.$('[data-testid="resize-title"]').doubleClick();
  await near(titleWidth, start, "after a double-click");
});

test("type-ahead finds an interview by its narrator's name", async () => {
  const rows = await waitForCount(browser, '[data-testid="interview-row"]', 6);
  await clickRow(rows[0]);
  // No title has a word starting with "jof"; the narrator of "Memories of the Kremlin" is Nadezhda Joffe.
  await press("j", "o", "f");
  await browser.waitUntil(async () => (await focusedRow())?.text.startsWith("Memories of the Kremlin"), {
    timeout: 5000,
    timeoutMsg: `type-ahead on "jof" is on ${JSON.stringify(await focusedRow())}`,
  });
  assert.equal((await focusedRow()).selected, "true");
});

test("beside a wide transcript, the list shows each title with its narrators under it", async () => {
  const smilga = await waitForText(browser, '[data-testid="interview-row"]', "Interview with Tatiana Smilga");
  await clickRow(smilga);
  await browser.$('[data-testid="tab-transcript"]').click();
  // The list turns compact: no Narrators column, the narrators under each title instead.
  await browser.waitUntil(async () => !(await browser.$('[data-testid="sort-narrators"]').isExisting()), { timeout: 5000, timeoutMsg: "the list kept its Narrators column" });
  const shown = await browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="interview-row"]')).map((row) => {
      const title = row.querySelector(".title");
      const under = row.querySelector('[data-testid="row-narrators"]');
      const t = title.getBoundingClientRect();
      const u = under?.getBoundingClientRect();
      const r = row.getBoundingClientRect();
      return {
        title: title.getAttribute("title"),
        narrators: under?.textContent.trim() ?? null,
        below: u ? u.top >= t.bottom - 1 && u.bottom <= r.bottom + 1 && u.height > 0 : false,
        smaller: under ? parseFloat(getComputedStyle(under).fontSize) < parseFloat(getComputedStyle(title).fontSize) : false,
      };
    }),
  );
  const of = (t) => shown.find((s) => s.title === t);
  for (const [title, narrator] of [
    ["Interview with Tatiana Smilga", "Tatiana Smilga"],
    ["Interview with Tatiana Isaeva", "Tatiana Isaeva"],
    ["Memories of the Kremlin", "Nadezhda Joffe"],
  ]) {
    assert.deepEqual(of(title), { title, narrators: narrator, below: true, smaller: true }, JSON.stringify(shown));
  }
  await browser.keys(Key.Escape);
});

test("a list of 2,000 interviews holds only the rows in view, and End reaches the last", async () => {
  await browser.deleteSession();
  browser = await launchApp(driver, big);
  await waitForText(browser, '[data-testid="interview-row"]', "Generated interview 0");
  const page = await browser.execute(() => ({
    rows: document.querySelectorAll("tr").length,
    count: document.querySelector('[role="grid"][aria-label="Interviews"]').getAttribute("aria-rowcount"),
  }));
  assert.equal(page.count, "2001");
  assert.ok(page.rows < 100, `the page holds ${page.rows} rows of 2,000`);

  const rows = await browser.$$('[data-testid="interview-row"]');
  await clickRow(rows[0]);
  await press(Key.End);
  await browser.waitUntil(async () => (await focusedRow())?.index === "2001", { timeout: 5000, timeoutMsg: `End is on ${JSON.stringify(await focusedRow())}` });
  const last = await focusedRow();
  assert.equal(last.text.split(" ").slice(0, 3).join(" "), "Generated interview 1999");
  assert.equal(last.selected, "true");
  // Scrolled into view, below the header, and still only a window of rows in the page.
  const seen = await browser.execute(() => {
    const row = document.activeElement.getBoundingClientRect();
    const scroller = document.activeElement.closest(".scroller").getBoundingClientRect();
    const head = document.activeElement.closest("table").querySelector("thead").getBoundingClientRect();
    return { inView: row.top >= head.bottom - 1 && row.bottom <= scroller.bottom + 1, rows: document.querySelectorAll("tr").length };
  });
  assert.deepEqual(seen.inView, true);
  assert.ok(seen.rows < 100, `after End the page holds ${seen.rows} rows`);
  // The spacers standing for the rows not rendered are nothing to assistive technology: axe
  // finds no serious or critical violation in the list scrolled to its end.
  await browser.execute(`${AXE}\n;return true;`);
  const violations = await browser.executeAsync((done) => {
    window.axe
      .run(document.querySelector(".list-pane"), { resultTypes: ["violations"] })
      .then((r) => done(r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)))
      .catch((e) => done([`axe failed: ${e}`]));
  });
  assert.deepEqual(violations, []);

  // And it is the interview the editor shows.
  const field = browser.$('[data-testid="field-title"]');
  await browser.waitUntil(async () => (await field.isExisting()) && (await field.getValue()) === "Generated interview 1999", { timeout: 5000, timeoutMsg: "the editor does not show the last interview" });
});
