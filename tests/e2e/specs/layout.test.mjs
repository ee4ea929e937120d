// Layouts hold at every size from the minimum up: at the default 1280×820 and at the 900×600
// minimum, with the sample archive open and an interview selected, no pane scrolls sideways,
// nothing is cut off at a pane's edge and no element is wider than its pane, on every main
// screen (each tab of the interview, People, a person's page, Photos, a tag, the export dialog).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { OUT, cli, freshWorkspace, launchApp, smilgaWithTranscript, startDriver, waitForCount } from "../harness.mjs";
import { eachScreen } from "../screens.mjs";

const { dir, env } = freshWorkspace("layout");
// A long name, which the top bar must give way to without pushing anything out.
const archive = join(dir, "Memorial Society, oral histories of the Left Opposition.db");
let driver;
let browser;

before(async () => {
  cli(archive, "sample");
  // A transcript and a recording, so the Transcript tab has its player and segments.
  smilgaWithTranscript(archive, dir, { tapeSeconds: 5 });
  driver = await startDriver(env);
  browser = await launchApp(driver, archive);
  await waitForCount(browser, '[data-testid="interview-row"]', 5);
  mkdirSync(OUT, { recursive: true });
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

/**
 * What sticks out, in the page: the document wider than the window; a pane (top bar, sidebar,
 * list, detail, a dialog) or any box inside it that scrolls sideways or cuts what it holds
 * (text ellipsized on purpose and form fields, which scroll their own text, aside); an element
 * reaching past its pane's edges or wider than it.
 */
function overflowProblems() {
  const problems = [];
  const name = (el) => {
    const testid = el.getAttribute("data-testid");
    const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).filter((c) => !c.startsWith("svelte-")).join(".") : "";
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${testid ? ` data-testid="${testid}"` : ""}${cls}> "${text}"`;
  };
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 2 && r.height > 2 && getComputedStyle(el).visibility !== "hidden";
  };
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) problems.push(`the document is ${doc.scrollWidth}px wide in a ${doc.clientWidth}px window`);
  const panes = Array.from(document.querySelectorAll(".topbar, .sidebar, .content > *, [role='dialog']")).filter(shown);
  for (const pane of panes) {
    const box = pane.getBoundingClientRect();
    if (box.right > doc.clientWidth + 1 || box.left < -1) problems.push(`${name(pane)} reaches past the window (${Math.round(box.left)}–${Math.round(box.right)})`);
    for (const el of [pane, ...pane.querySelectorAll("*")]) {
      if (!shown(el) || el.closest("svg") !== null && el.tagName.toLowerCase() !== "svg") continue;
      const style = getComputedStyle(el);
      const field = ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
      if (!field && style.overflowX !== "visible" && style.textOverflow !== "ellipsis" && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 2) {
        problems.push(`${name(el)} holds ${el.scrollWidth}px in ${el.clientWidth}px (overflow-x: ${style.overflowX})`);
      }
      if (el === pane) continue;
      // Judged against the pane unless a box between them clips or scrolls it (a title cell
      // that ellipsizes, a list that scrolls): that box is judged itself, here and above.
      let clip = el.parentElement;
      while (clip && clip !== pane && getComputedStyle(clip).overflowX === "visible") clip = clip.parentElement;
      if (clip !== pane) continue;
      const r = el.getBoundingClientRect();
      if (r.width > box.width + 1) problems.push(`${name(el)} is ${Math.round(r.width)}px wide in a ${Math.round(box.width)}px pane`);
      else if (r.right > box.right + 1 || r.left < box.left - 1) {
        problems.push(`${name(el)} reaches past its pane (${Math.round(r.left)}–${Math.round(r.right)} of ${Math.round(box.left)}–${Math.round(box.right)})`);
      }
    }
  }
  return [...new Set(problems)];
}

for (const [width, height] of [
  [1280, 820],
  [900, 600],
]) {
  test(`at ${width}×${height} nothing is cut or wider than its pane on any main screen`, async () => {
    await browser.setWindowSize(width, height);
    await browser.waitUntil(async () => (await browser.execute(() => window.innerWidth)) === width, {
      timeout: 5000,
      timeoutMsg: `the window did not become ${width} wide`,
    });
    const found = [];
    await eachScreen(browser, async (screen) => {
      const problems = await browser.execute(overflowProblems);
      if (problems.length > 0) {
        found.push(`${screen}:\n    ${problems.join("\n    ")}`);
        await browser.saveScreenshot(join(OUT, `layout-${width}-${screen.replace(/[^a-z]+/gi, "-")}.png`));
      }
    });
    assert.deepEqual(found, [], `at ${width}×${height}:\n  ${found.join("\n  ")}`);
  });
}
