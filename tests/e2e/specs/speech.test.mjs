// Speech in the real window, on a real Whisper model and espeak-ng's voice: the model folder
// chosen through the native dialog, a recording transcribed as a job (cancelled once, keeping
// nothing, then run to its end), the names in it linked to the person, the words' confidence
// on the transcript; and a typed transcript of another interview aligned to its recording,
// then played in sync.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { answerFolderDialog, cli, freshWorkspace, launchApp, startDriver, textOf, waitForCount, waitForText } from "../harness.mjs";

const MODEL = process.env.RECOLLECT_WHISPER_MODEL ?? join(homedir(), ".cache/recollect/models/whisper-base");
const SENTENCES = [
  "My father, Leonid Serebryakov, was born in Samara.",
  "He kept the letters in a box.",
  "We moved to Moscow when the war began.",
  "My mother worked at the hospital every night.",
  "After the war, my father taught at the school.",
  "We went back to Samara in the summer.",
];

const { dir, env } = freshWorkspace("speech");
const archive = join(dir, "Speech.db");
let driver;
let browser;
let first;
let second;

/** The sentences spoken by espeak-ng, each followed by a second and a half of silence, as one
 * WAV: long enough (over 30 s) that recognition hears it in two windows, so it can be cancelled. */
function speak(path) {
  const parts = SENTENCES.flatMap((s, i) => {
    const part = join(dir, `part-${i}.wav`);
    execFileSync("espeak-ng", ["-v", "en", "-s", "120", "-w", part, s]);
    const padded = join(dir, `padded-${i}.wav`);
    execFileSync("sox", [part, "-r", "16000", "-c", "1", padded, "pad", "0", "1.5"]);
    return [padded];
  });
  execFileSync("sox", [...parts, ...parts, path]);
}

before(async () => {
  assert.ok(existsSync(join(MODEL, "model.bin")), `a Whisper model in CTranslate2's format at ${MODEL}`);
  const leonid = cli(archive, "people", "add", "--name", "Leonid Serebryakov", "--json");
  first = cli(archive, "interviews", "add", "--title", "Letters from Samara", "--language", "en", "--narrator", leonid.id, "--json");
  second = cli(archive, "interviews", "add", "--title", "The family in Moscow", "--language", "en", "--json");
  const wav = join(dir, "family.wav");
  speak(wav);
  cli(archive, "media", "add", "--interview", first.id, wav, "--tape", "Tape 1");
  cli(archive, "media", "add", "--interview", second.id, wav, "--tape", "Tape 1");
  const typed = join(dir, "typed.txt");
  writeFileSync(typed, [...SENTENCES, ...SENTENCES].join("\n\n") + "\n");
  cli(archive, "transcript", "import", "--interview", second.id, typed, "--format", "text", "--language", "en", "--label", "Typed");
  driver = await startDriver(env);
  browser = await launchApp(driver, archive);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

const $ = (testid) => browser.$(`[data-testid="${testid}"]`);

async function openInterview(word, tab = "transcript") {
  await $("nav-all-interviews").click();
  const row = await waitForText(browser, '[data-testid="interview-row"]', word);
  await row.$(".title").click();
  await $(`tab-${tab}`).click();
}

test("the model folder is chosen through the native dialog", async () => {
  await openInterview("Samara");
  const choose = $("choose-speech-model");
  await choose.waitForDisplayed({ timeout: 10000 });
  assert.match(await textOf(await $("no-speech-model")), /No speech model/);
  await choose.click();
  // xdotool reads the title as a regular expression: its parentheses are escaped.
  // The model's folder is reached through a link outside hidden folders (~/.cache), which
  // GTK's location entry does not complete.
  const shown = join(dir, "whisper-base");
  symlinkSync(MODEL, shown);
  await answerFolderDialog("Choose a Whisper model folder \\(CTranslate2 format\\)", shown, 20000);
  const transcribe = $("transcribe-recording");
  await transcribe.waitForDisplayed({ timeout: 10000 }).catch(async () => {
    assert.fail(`no Transcribe button after the dialog: ${await textOf(await $("transcribe"))}`);
  });
  assert.match(await textOf(transcribe), /Transcribe/);
});

test("a transcription cancelled keeps nothing; run again it shows progress and ends in a transcript", async (t) => {
  const transcribe = $("transcribe-recording");
  await transcribe.click();
  const cancel = $("transcribe-job-cancel");
  await cancel.waitForDisplayed({ timeout: 10000 });
  await cancel.click();
  await browser.waitUntil(async () => (await $("transcribe-job").getAttribute("data-status")) !== "running", { timeout: 120000 });
  const status = await $("transcribe-job").getAttribute("data-status");
  t.diagnostic(`the first transcription ended as ${status}`);
  if (status === "cancelled") {
    assert.match(await textOf(await $("transcribe-job-summary")), /nothing was kept/);
    assert.equal(await browser.$$('[data-testid="transcript-label"]').length, 0, "no transcript after a cancel");
    assert.equal(cli(archive, "transcript", "list", "--interview", first.id, "--json").length, 0);
  } else {
    // The recognition ended before the cancel was heard: nothing to check about cancelling.
    assert.equal(status, "finished");
  }

  if (status === "cancelled") {
    await transcribe.click();
    // Progress is counted in seconds of the recording.
    let sawProgress = false;
    await browser.waitUntil(
      async () => {
        const job = $("transcribe-job");
        const now = await job.getAttribute("data-status");
        if (now === "running") {
          const progress = await browser.$$('[data-testid="transcribe-job-progress"]');
          if (progress.length > 0 && / of \d+ seconds/.test(await textOf(progress[0]))) sawProgress = true;
        }
        return now === "finished" || now === "failed";
      },
      { timeout: 300000, interval: 200 },
    );
    assert.equal(await $("transcribe-job").getAttribute("data-status"), "finished", await textOf(await $("transcribe-job")));
    assert.ok(sawProgress, "progress in seconds shown while it ran");
  }
  assert.match(await textOf(await $("transcribe-job-summary")), /\d+ segments?/);
});

test("the new transcript's segments name the person, linked, and its words carry their confidence", async () => {
  const segments = await browser.waitUntil(async () => {
    const found = await browser.$$('[data-testid="segment-text"]');
    return found.length > 0 ? found : false;
  }, { timeout: 20000, timeoutMsg: "no segments after the transcription" });
  const texts = await Promise.all(Array.from(segments).map((s) => s.getValue()));
  assert.ok(texts.some((t) => t.includes("Serebryakov")), `the name as the authority spells it: ${texts.join(" | ")}`);

  const mention = await waitForText(browser, '[data-testid="segment-mention"]', "Leonid Serebryakov", 20000);
  if ((await mention.getAttribute("data-linked")) !== "true") {
    await $("link-mentions").click();
    await browser.waitUntil(async () => (await (await waitForText(browser, '[data-testid="segment-mention"]', "Leonid Serebryakov")).getAttribute("data-linked")) === "true", { timeout: 10000 });
  }

  // The words the model was unsure of are marked, each with its probability; whether there is
  // any depends on the voice, so the marks are checked against what the archive holds.
  const transcript = cli(archive, "transcript", "list", "--interview", first.id, "--json")[0];
  const speech = await browser.execute(async (id) => await window.__TAURI_INTERNALS__.invoke("transcript_speech", { transcriptId: id }), transcript.id);
  assert.ok(speech.made_by, "how it was made is recorded");
  const low = speech.words.flatMap((s) => s.words).filter((w) => w.probability !== null && w.probability < speech.low_word_probability);
  const marks = await browser.$$('[data-testid="low-confidence-word"]');
  // Only the rows in view are drawn: at most as many marks as uncertain words, none without one.
  if (low.length === 0) assert.equal(marks.length, 0);
  else {
    assert.ok(marks.length > 0 && marks.length <= low.length, `${marks.length} marks for ${low.length} uncertain words`);
    assert.match(await marks[0].getAttribute("title"), /% sure/);
    assert.ok(Number(await marks[0].getAttribute("data-low-confidence")) < speech.low_word_probability);
  }
  await $("speech-details").click();
  assert.match(await textOf(await $("made-by")), new RegExp(speech.made_by.model));
});

test("a typed transcript aligned to its recording gets times and plays in sync", async () => {
  await openInterview("Moscow");
  const times = await waitForCount(browser, '[data-testid="segment-time"]', SENTENCES.length * 2, 10000).catch(async () => browser.$$('[data-testid="segment-time"]'));
  assert.equal(await times[0].getAttribute("disabled"), "true", "no times before alignment");
  await $("align-transcript").click();
  await browser.waitUntil(async () => {
    const job = await browser.$$('[data-testid="align-job"]');
    return job.length > 0 && ["finished", "failed", "cancelled"].includes(await job[0].getAttribute("data-status"));
  }, { timeout: 300000, interval: 300 });
  const summary = await textOf(await $("align-job-summary"));
  assert.match(summary, /^\d+ of 12 segments placed by /, summary);
  const placed = Number(summary.match(/^(\d+)/)[1]);
  assert.ok(placed >= 6, summary);

  // Segments now have times: click the third one's and the player goes there.
  const third = await browser.waitUntil(async () => {
    const all = await browser.$$('[data-testid="segment-time"]');
    return all.length >= 3 && (await all[2].getAttribute("disabled")) === null ? all[2] : false;
  }, { timeout: 10000, timeoutMsg: "the segments got no times" });
  const label = await textOf(third);
  const [m, s] = label.match(/(\d+):(\d\d)/).slice(1).map(Number);
  await third.click();
  await browser.waitUntil(
    async () => {
      const position = Number(await $("player").getAttribute("data-position-ms"));
      return position >= (m * 60 + s) * 1000 - 500;
    },
    { timeout: 10000, timeoutMsg: `the player did not move to ${label}` },
  );
});
