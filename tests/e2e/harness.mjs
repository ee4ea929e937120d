// Starts the real app under tauri-driver (over WebKitWebDriver) with a fresh archive and fresh
// app folders, and hands the specs a WebDriver session on its window.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { remote } from "webdriverio";

const root = resolve(import.meta.dirname, "../..");
const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
export const APP = join(target, "debug", "recollect-app");
export const CLI = join(target, "debug", "recollect");
export const OUT = join(import.meta.dirname, "out");

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's serious and critical violations, and any about landmarks (a dialog's header taken
 * for a second banner), on what the window shows (or within `selector`), one line per element.
 * axe comes from node_modules, injected over WebDriver: no network. */
export async function axeViolations(browser, selector = null) {
  if (!(await browser.execute(() => typeof window.axe === "object"))) await browser.execute(`${AXE}\n;return true;`);
  return browser.executeAsync((within, done) => {
    window.axe
      .run(within ? document.querySelector(within) : document, { resultTypes: ["violations"] })
      .then((r) =>
        done(
          r.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical" || v.id.startsWith("landmark-"))
            .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ")}`)),
        ),
      )
      .catch((e) => done([`axe failed: ${e}`]));
  }, selector);
}

/** A temporary folder for one run, with the app's config and data folders inside it. */
export function freshWorkspace(name) {
  const dir = mkdtempSync(join(tmpdir(), `recollect-e2e-${name}-`));
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(dir, "config"),
    XDG_DATA_HOME: join(dir, "data"),
    XDG_CACHE_HOME: join(dir, "cache"),
  };
  for (const sub of ["config", "data", "cache"]) mkdirSync(join(dir, sub));
  return { dir, env };
}

/** Runs the CLI against an archive and returns its parsed JSON output. */
export function cli(archive, ...args) {
  const out = execFileSync(CLI, ["--archive", archive, ...args], { encoding: "utf8" });
  return args.includes("--json") ? JSON.parse(out) : out;
}

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

async function waitForDriver(port, driver) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (driver.exitCode !== null) throw new Error(`tauri-driver exited with ${driver.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("tauri-driver did not start within 10 s");
}

/** Starts tauri-driver; the app it launches inherits `env`. */
export async function startDriver(env) {
  const port = await freePort();
  const nativePort = await freePort();
  // In a process group of its own, with WebKitWebDriver and the app it launches: stopping ends
  // them all, even an app left behind by a session that did not close it. Such an app would
  // hold the test runner's output open and keep it waiting forever.
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  await waitForDriver(port, driver);
  return {
    port,
    stop: () => {
      try {
        process.kill(-driver.pid, "SIGKILL");
      } catch {
        // already gone
      }
    },
  };
}

/** Launches the app on `archive` and returns a WebDriver session on its main window. */
export async function launchApp(driver, archive) {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: driver.port,
    logLevel: "warn",
    connectionRetryCount: 0,
    capabilities: {
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: APP, args: ["--archive", archive] },
    },
  });
  await browser.setTimeout({ implicit: 0 });
  return browser;
}

/** Waits until `selector` matches exactly `count` elements, and returns them. */
export async function waitForCount(browser, selector, count, timeout = 10000) {
  await browser.waitUntil(async () => (await browser.$$(selector).length) === count, {
    timeout,
    timeoutMsg: `expected ${count} × ${selector}, found ${await browser.$$(selector).length}`,
  });
  return Array.from(await browser.$$(selector));
}

/**
 * An element's text. WebKitWebDriver's "get element text" returns "" for some visible
 * elements (those in flex headers, for one), so this reads the DOM's textContent instead.
 */
export async function textOf(element) {
  return ((await element.getProperty("textContent")) ?? "").replace(/\s+/g, " ").trim();
}

/** The first element matching `selector` whose text contains `text` (or matches it, for a
 * RegExp), once there is one. */
export async function waitForText(browser, selector, text, timeout = 10000) {
  let found;
  await browser.waitUntil(
    async () => {
      for (const element of await browser.$$(selector)) {
        const content = await textOf(element);
        if (typeof text === "string" ? content.includes(text) : text.test(content)) {
          found = element;
          return true;
        }
      }
      return false;
    },
    { timeout, timeoutMsg: `no ${selector} with the text "${text}"` },
  );
  return found;
}

/** The window id of the visible dialog titled `title` (a regular expression), or "" if none. */
function visibleDialog(title) {
  try {
    return execFileSync("xdotool", ["search", "--onlyvisible", "--name", `^${title}$`], { encoding: "utf8" })
      .trim()
      .split("\n")[0];
  } catch {
    return ""; // none: xdotool exits non-zero
  }
}

/** Waits for the native `kind` dialog ("file", "folder") titled `title` and focuses it. */
async function focusedDialog(kind, title, timeout) {
  const started = Date.now();
  let window = "";
  while (!window) {
    window = visibleDialog(title);
    try {
      // Only a mapped window can take the focus: GTK names the dialog's window before it maps
      // it, and focusing it then fails with BadMatch.
      if (window) execFileSync("xdotool", ["windowfocus", "--sync", window], { stdio: "pipe" });
    } catch {
      window = "";
    }
    if (!window && Date.now() - started > timeout) throw new Error(`no ${kind} dialog titled "${title}" within ${timeout} ms`);
    if (!window) await new Promise((r) => setTimeout(r, 100));
  }
  return window;
}

/**
 * Answers the app's native file dialog titled `title` (GTK's file chooser) as a curator would
 * from the keyboard: Ctrl+L, the path, Enter. WebDriver reaches only the web page, so the
 * dialog is driven over X with xdotool.
 *
 * GTK checks a typed path while it loads that path's folder, and an Enter pressed before it has
 * (its Open button still greyed) does nothing. So Enter is pressed again, at the dialog's window
 * only, until the dialog has gone: a key sent to a window that no longer exists reaches nothing.
 */
export async function answerFileDialog(title, path, timeout = 10000) {
  const window = await focusedDialog("file", title, timeout);
  execFileSync("xdotool", ["key", "--window", window, "ctrl+l"]);
  await new Promise((r) => setTimeout(r, 300));
  execFileSync("xdotool", ["type", "--delay", "10", path]);
  const typed = Date.now();
  while (visibleDialog(title) === window) {
    if (Date.now() - typed > timeout) throw new Error(`the file dialog "${title}" took no ${path} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 300));
    try {
      execFileSync("xdotool", ["key", "--window", window, "Return"], { stdio: "pipe" });
    } catch {
      // the dialog closed meanwhile
    }
  }
}

/**
 * Answers the app's native folder dialog titled `title` (a regular expression, as xdotool reads
 * it) with `folder`: Ctrl+L, the folder's path and Enter, which opens the folder in the dialog
 * (in a folder dialog Enter on a folder's path only goes into it), then the dialog's Select
 * button, called Open, by its mnemonic (Alt+O).
 */
export async function answerFolderDialog(title, folder, timeout = 10000) {
  const window = await focusedDialog("folder", title, timeout);
  // A folder dialog opens on Recent, where a typed path is never gone into: Alt+Home leaves it.
  execFileSync("xdotool", ["key", "--window", window, "alt+Home"]);
  await new Promise((r) => setTimeout(r, 700));
  execFileSync("xdotool", ["key", "--window", window, "ctrl+l"]);
  await new Promise((r) => setTimeout(r, 300));
  execFileSync("xdotool", ["type", "--delay", "10", folder.replace(/\/+$/, "")]);
  // GTK reads the typed path while it loads its folder (see answerFileDialog); Enter then
  // opens the folder in the dialog, and Select takes the folder open.
  await new Promise((r) => setTimeout(r, 1500));
  // The first Enter takes GTK's completion (the closing slash), the second opens the folder.
  execFileSync("xdotool", ["key", "--window", window, "Return"], { stdio: "pipe" });
  await new Promise((r) => setTimeout(r, 1000));
  execFileSync("xdotool", ["key", "--window", window, "Return"], { stdio: "pipe" });
  await new Promise((r) => setTimeout(r, 1500));
  const typed = Date.now();
  while (visibleDialog(title) === window) {
    if (Date.now() - typed > timeout) throw new Error(`the folder dialog "${title}" took no ${folder} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 700));
    try {
      execFileSync("xdotool", ["key", "--window", window, "alt+o"], { stdio: "pipe" });
    } catch {
      // the dialog closed meanwhile
    }
  }
}

/** The sample's Smilga interview, given a Russian transcript (cues at 0:02, 0:42, 0:50, then
 * any `more` cues as WebVTT lines) and, with `tapeSeconds`, a recording of a quiet tone.
 * Returns the interview. */
export function smilgaWithTranscript(archive, dir, { more = [], tapeSeconds = 0 } = {}) {
  const interview = cli(archive, "interviews", "list", "--json").find((i) => i.title.includes("Smilga"));
  const vtt = join(dir, "smilga.vtt");
  writeFileSync(
    vtt,
    [
      "WEBVTT",
      "",
      "00:00:02.000 --> 00:00:06.000",
      "<v Interviewer>Where did you live in the twenties?",
      "",
      "00:00:42.000 --> 00:00:48.000",
      "<v Tatiana Smilga>Мы жили в Кремле, рядом с Троцким, до самой ссылки отца.",
      "",
      "00:00:50.000 --> 00:00:55.000",
      "<v Tatiana Smilga>Then my father was sent to Minusinsk.",
      "",
      ...more,
    ].join("\n"),
  );
  cli(archive, "transcript", "import", "--interview", interview.id, vtt, "--language", "ru");
  if (tapeSeconds > 0) {
    const tape = join(dir, "smilga-tape1.wav");
    writeFileSync(tape, toneWav(tapeSeconds));
    cli(archive, "media", "add", "--interview", interview.id, tape, "--tape", "Tape 1");
  }
  return interview;
}

/** A mono 16-bit WAV of `seconds` of a quiet tone, so a player has something to play. */
function toneWav(seconds, rate = 8000) {
  const data = Buffer.alloc(seconds * rate * 2);
  for (let n = 0; n < seconds * rate; n++) data.writeInt16LE(Math.round(800 * Math.sin((n / rate) * 2 * Math.PI * 220)), n * 2);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
