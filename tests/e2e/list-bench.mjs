// Measures how long the interview list takes to show its first rows and what the web process
// holds then (docs/benchmarks.md, "The interview list"). Not a test: it prints figures.
//
//   RECOLLECT_APP=$CARGO_TARGET_DIR/release/recollect-app ARCHIVE=big.db RUNS=3 \
//     xvfb-run -a -s "-screen 0 1400x900x24" node list-bench.mjs
//
// Each run starts the app on ARCHIVE under tauri-driver and waits for the page's mark
// "recollect:first-interview-rows" (set once the first rows are rendered, in the next
// animation frame). From page start is the mark's own time; from process start adds the time
// from the app process's start (/proc/PID/stat) to the page's time origin. Memory is the
// WebKitWebProcess's RSS and PSS (/proc/PID/smaps_rollup) 2 s after the rows show, and again
// 2 s after End has moved to the last row.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { Key, remote } from "webdriverio";
import { freshWorkspace } from "./harness.mjs";

const APP = process.env.RECOLLECT_APP;
const ARCHIVE = process.env.ARCHIVE;
const RUNS = Number(process.env.RUNS ?? 3);
const POLL = process.env.POLL === "1";
if (!APP || !ARCHIVE) throw new Error("set RECOLLECT_APP and ARCHIVE");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ticks = 100; // USER_HZ on Linux
const bootTime = Number(/^btime (\d+)$/m.exec(readFileSync("/proc/stat", "utf8"))[1]);

function processes() {
  const out = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const name = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" ");
      out.push({ pid: Number(pid), name, ppid: Number(fields[1]), start: Number(fields[19]) });
    } catch {
      // gone
    }
  }
  return out;
}

function descendants(root) {
  const all = processes();
  const found = [];
  let frontier = [root];
  while (frontier.length) {
    const next = all.filter((p) => frontier.includes(p.ppid));
    found.push(...next);
    frontier = next.map((p) => p.pid);
  }
  return found;
}

function memory(pid) {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN);
  return { rss: kb("Rss") / 1024, pss: kb("Pss") / 1024, pssAnon: kb("Pss_Anon") / 1024, pssFile: kb("Pss_File") / 1024 };
}

async function freePort() {
  const { createServer } = await import("node:net");
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

const { env } = freshWorkspace("list-bench");
const port = await freePort();
const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(await freePort())], { env, stdio: "ignore", detached: true });
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) break;
  } catch {
    await sleep(100);
  }
}

const results = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
    const browser = await remote({
      hostname: "127.0.0.1",
      port,
      logLevel: "warn",
      connectionRetryCount: 0,
      capabilities: { "wdio:enforceWebDriverClassic": true, "tauri:options": { application: APP, args: ["--archive", ARCHIVE] } },
    });
    let mark = null;
    for (let i = 0; i < 600 && !mark; i++) {
      mark = await browser.execute((poll) => {
        // POLL=1 (for a window without the mark): the time a row is first seen, polled every 50 ms.
        const m = poll ? (document.querySelector('[data-testid="interview-row"]') ? { startTime: performance.now() } : null) : performance.getEntriesByName("recollect:first-interview-rows")[0];
        return m ? { at: m.startTime, origin: performance.timeOrigin, rows: document.querySelectorAll("tr").length, count: document.querySelector('[role="grid"]')?.getAttribute("aria-rowcount") } : null;
      }, POLL);
      if (!mark) await sleep(50);
    }
    const app = descendants(driver.pid).find((p) => p.name.startsWith("recollect-app"));
    const web = descendants(app.pid).find((p) => p.name.startsWith("WebKitWebProces"));
    const appStart = (bootTime + app.start / ticks) * 1000;
    await sleep(2000);
    const shown = memory(web.pid);
    // WebKitWebDriver will not click a table row itself: click the title in it.
    await browser.$('[data-testid="interview-row"] .title').click();
    await browser.keys(Key.End);
    await browser.waitUntil(async () => await browser.execute(() => document.activeElement !== null && document.activeElement === [...document.querySelectorAll("tr[data-id]")].at(-1)), { timeout: 30000 });
    await sleep(2000);
    const end = memory(web.pid);
    const rowsAfterEnd = await browser.execute(() => document.querySelectorAll("tr").length);
    const r = { load, fromPage: mark.at / 1000, fromProcess: (mark.origin + mark.at - appStart) / 1000, rows: mark.rows, rowsAfterEnd, count: mark.count, shown, end };
    results.push(r);
    console.log(JSON.stringify(r));
    await browser.deleteSession();
    await sleep(1000);
  }
} finally {
  try {
    process.kill(-driver.pid, "SIGKILL");
  } catch {
    // gone
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x, d = 2) => x.toFixed(d);
console.log(`runs: ${results.length}, archive rows: ${results[0]?.count}`);
console.log(`first rows from page start, s: ${results.map((r) => f(r.fromPage)).join(", ")} (median ${f(median(results.map((r) => r.fromPage)))})`);
console.log(`first rows from process start, s: ${results.map((r) => f(r.fromProcess)).join(", ")} (median ${f(median(results.map((r) => r.fromProcess)))})`);
for (const when of ["shown", "end"]) {
  for (const key of ["rss", "pss", "pssAnon", "pssFile"]) {
    console.log(`web process ${key} (${when}), MB: ${results.map((r) => f(r[when][key], 0)).join(", ")} (median ${f(median(results.map((r) => r[when][key])), 0)})`);
  }
}
