// Transcripts and search end to end: search the archive from the window, click a transcript
// hit, and the interview opens on its Transcript tab with the player at the hit's time.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { cli, freshWorkspace, launchApp, startDriver, textOf, waitForText } from "../harness.mjs";

const { dir, env } = freshWorkspace("search");
const archive = join(dir, "Sample.db");
let driver;
let browser;

/** A mono 16-bit WAV of `seconds` of a quiet tone, so the player has something to play. */
function wav(seconds, rate = 8000) {
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

before(async () => {
  cli(archive, "sample");
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
    ].join("\n"),
  );
  cli(archive, "transcript", "import", "--interview", interview.id, vtt, "--language", "ru");
  const tape = join(dir, "smilga-tape1.wav");
  writeFileSync(tape, wav(60));
  cli(archive, "media", "add", "--interview", interview.id, tape, "--tape", "Tape 1");
  driver = await startDriver(env);
  browser = await launchApp(driver, archive);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

test("a search hit opens the interview at that time, with the player there", async () => {
  await waitForText(browser, '[data-testid="interview-row"]', "Smilga");
  const input = browser.$('[data-testid="search-input"]');
  await input.click();
  await input.setValue("Троцким");
  const hit = await waitForText(browser, '[data-testid="search-hit"]', "Троцким");
  assert.equal(await hit.getAttribute("data-start-ms"), "42000", "the hit carries its time");
  await hit.click();

  await browser.$('[data-testid="player"]').waitForExist({ timeout: 10000 });
  await browser.waitUntil(
    async () => {
      const position = Number(await browser.$('[data-testid="player"]').getAttribute("data-position-ms"));
      return position >= 42000 && position < 48000;
    },
    { timeout: 10000, timeoutMsg: "the player did not move to 0:42" },
  );
  // The segment at that time is the current one (its text is in an editable field, so it is
  // matched by its time).
  const current = browser.$('[data-testid="segment"][data-playing="true"]');
  await current.waitForExist({ timeout: 10000, timeoutMsg: "no segment is marked as playing" });
  assert.equal(await current.getAttribute("data-start-ms"), "42000");
  assert.match(await current.$("textarea").getValue(), /Троцким/);
  assert.match(await textOf(await browser.$('[data-testid="player-time"]')), /0:4\d/);

  // The recording itself loads in the webview's media pipeline.
  await browser.waitUntil(
    async () => (await browser.execute(() => document.querySelector('[data-testid="player-media"]')?.readyState ?? 0)) >= 1,
    { timeout: 10000, timeoutMsg: "the recording never loaded" },
  );
  const error = await browser.execute(() => document.querySelector('[data-testid="player-media"]')?.error?.code ?? null);
  assert.equal(error, null, "the media element reports no error");
});
