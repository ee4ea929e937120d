// Speech in the real window, on a real Whisper model and espeak-ng's voice: the model folder
// chosen through the native dialog, a recording transcribed as a job (cancelled once, keeping
// nothing, then run to its end), the names in it linked to the person, the words' confidence
// on the transcript; a typed transcript of another interview aligned to its recording, then
// played in sync; a segment heard again in place; a queue of the selected interviews'
// recordings transcribed one after another in the language the model detected (an interview
// without a recording passed over); and a queue cancelled with the first recording running.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { answerFolderDialog, axeViolations, cli, freshWorkspace, launchApp, startDriver, textOf, waitForCount, waitForText } from "../harness.mjs";

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
/** Interviews of the queue: two with a short recording and no language, one with none. */
let harbour;
let orchard;
let untaped;

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

/** A short recording of `sentences` (each about 2 s, then half a second of silence): quick to
 * hear, so a queue of two stays short. */
function speakShort(path, name, sentences) {
  const parts = sentences.map((s, i) => {
    const part = join(dir, `${name}-${i}.wav`);
    execFileSync("espeak-ng", ["-v", "en", "-s", "130", "-w", part, s]);
    const padded = join(dir, `${name}-padded-${i}.wav`);
    execFileSync("sox", [part, "-r", "16000", "-c", "1", padded, "pad", "0.3", "0.5"]);
    return padded;
  });
  execFileSync("sox", [...parts, path]);
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
  // No language given: the model detects it.
  harbour = cli(archive, "interviews", "add", "--title", "Queue: the harbour", "--json");
  orchard = cli(archive, "interviews", "add", "--title", "Queue: the orchard", "--json");
  untaped = cli(archive, "interviews", "add", "--title", "Queue: no tape", "--json");
  const harbourWav = join(dir, "harbour.wav");
  speakShort(harbourWav, "harbour", ["The ships came into the harbour every morning.", "My uncle worked on the docks."]);
  cli(archive, "media", "add", "--interview", harbour.id, harbourWav, "--tape", "Harbour tape");
  const orchardWav = join(dir, "orchard.wav");
  speakShort(orchardWav, "orchard", ["We picked apples in the orchard.", "My grandmother made jam in the autumn."]);
  cli(archive, "media", "add", "--interview", orchard.id, orchardWav, "--tape", "Orchard tape");
  driver = await startDriver(env);
  browser = await launchApp(driver, archive);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

const $ = (testid) => browser.$(`[data-testid="${testid}"]`);

/** Clicks `element` with Control held, as a curator adds a row to a selection. */
async function ctrlClick(element) {
  await browser.performActions([{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value: "\uE009" }] }]);
  await element.click();
  await browser.releaseActions();
}

/** Selects the interviews whose titles hold `words` in the list (WebKitWebDriver clicks a row's
 * title, not the row), then opens the queue dialog from the list's ⋯ menu. */
async function queueInterviews(words) {
  await $("nav-all-interviews").click();
  for (const [i, word] of words.entries()) {
    const row = await waitForText(browser, '[data-testid="interview-row"]', word);
    if (i === 0) await row.$(".title").click();
    else await ctrlClick(await row.$(".title"));
  }
  await $("interview-actions").click();
  const item = $("transcribe-selection");
  await item.waitForDisplayed({ timeout: 5000 });
  assert.match(await textOf(item), new RegExp(`Transcribe the ${words.length} selected interviews`));
  await item.click();
  const dialog = $("transcribe-queue-dialog");
  await dialog.waitForDisplayed({ timeout: 10000 });
  return dialog;
}

/** Waits for the queue to end; returns the queue's summary, having seen its "n of m" line. */
async function queueEnded(timeout = 300000) {
  const seen = new Set();
  await browser.waitUntil(
    async () => {
      const queue = await browser.$$('[data-testid="transcription-queue"]');
      if (queue.length === 0) return false;
      const status = await queue[0].getAttribute("data-status");
      if (status === "running") {
        const progress = await browser.$$('[data-testid="queue-progress"]');
        if (progress.length > 0) seen.add(await textOf(progress[0]));
      }
      return status !== "running";
    },
    { timeout, interval: 250, timeoutMsg: "the queue did not end" },
  );
  return { summary: await textOf(await $("queue-summary")), seen };
}

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
  // Read again when the rows are drawn anew while being read (the list settles once the
  // transcript's words and mentions arrive).
  const texts = await browser.waitUntil(
    async () => {
      const found = await browser.$$('[data-testid="segment-text"]');
      if (found.length === 0) return false;
      return Promise.all(Array.from(found).map((s) => s.getValue())).catch(() => false);
    },
    { timeout: 20000, timeoutMsg: "no segments after the transcription" },
  );
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

test("a segment heard again is replaced in place, after a revision", async () => {
  await openInterview("Samara");
  const transcript = cli(archive, "transcript", "list", "--interview", first.id, "--json")[0];
  const invoke = (command, args) => browser.execute(async (c, a) => await window.__TAURI_INTERNALS__.invoke(c, a), command, args);
  const stored = await invoke("transcript_segments", { transcriptId: transcript.id });
  // The list shows this transcript (not the one of the interview open before) once its first
  // row is this transcript's first segment.
  const firstRowIs = async (id) => {
    const found = await browser.$$('[data-testid="segment"]');
    return found.length >= 2 && (await found[0].getAttribute("data-segment-id")) === id ? found : false;
  };
  await browser.waitUntil(() => firstRowIs(stored[0].id), { timeout: 20000, timeoutMsg: "the recognized transcript was not shown" });
  const before = [stored[0].id, stored[1].id];
  const revisionsBefore = await invoke("list_revisions", { transcriptId: transcript.id });
  await browser.$(`[data-segment-id="${before[0]}"] [data-testid="segment-pick"]`).click();
  const again = $("rehear-passage");
  await again.waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => (await again.getAttribute("disabled")) === null, {
    timeout: 10000,
    timeoutMsg: `Hear again stays disabled: ${await textOf(await $("passage"))}`,
  });
  assert.deepEqual(await axeViolations(browser, '[data-testid="passage"]'), [], "the passage bar with Hear again passes axe");
  await again.click();
  await browser.waitUntil(async () => {
    const job = await browser.$$('[data-testid="rehear-job"]');
    return job.length > 0 && ["finished", "failed", "cancelled"].includes(await job[0].getAttribute("data-status"));
  }, { timeout: 120000, interval: 250, timeoutMsg: "hearing the segment again did not end" });
  const summary = await textOf(await $("rehear-job-summary"));
  assert.match(summary, /^\d+ segments? heard again in place of 1$/, summary);

  // The first segment is new (its id), what follows it is as it was, and it still says what
  // was said there; the window shows the transcript as stored.
  const now = await invoke("transcript_segments", { transcriptId: transcript.id });
  const ids = now.map((segment) => segment.id);
  assert.ok(!ids.includes(before[0]), "the segment heard again is replaced");
  assert.ok(ids.includes(before[1]), "the segment after it stays");
  assert.match(now[0].text, /father|Samara/i, now[0].text);
  const after = await browser.waitUntil(() => firstRowIs(now[0].id), { timeout: 20000, timeoutMsg: "the transcript was not shown again" });
  assert.equal(await after[0].$('[data-testid="segment-text"]').getValue(), now[0].text);
  const revisionsAfter = await invoke("list_revisions", { transcriptId: transcript.id });
  assert.equal(revisionsAfter.length, revisionsBefore.length + 1, "a revision saved before");
  assert.match(revisionsAfter.map((r) => r.name).join(" | "), /before recognizing/);
});

test("a queue of the selected interviews' recordings is transcribed one after another, the language detected", async () => {
  const dialog = await queueInterviews(["the harbour", "the orchard", "no tape"]);
  await browser.waitUntil(async () => (await dialog.$$('[data-testid="queue-recording"]')).length === 2, { timeout: 10000, timeoutMsg: "the queue's recordings were not listed" });
  assert.match(await textOf(await dialog.$('[data-testid="queue-skipped"]')), /no tape.*no recording/);
  assert.deepEqual(await axeViolations(browser, '[data-testid="transcribe-queue-dialog"]'), [], "the queue dialog passes axe");
  const start = $("queue-start");
  assert.match(await textOf(start), /Transcribe 2 recordings/);
  await start.click();

  const { summary, seen } = await queueEnded();
  assert.equal(summary, "Queue done: 2 of 2 recordings transcribed.", `${summary} (seen: ${[...seen].join(", ")})`);
  assert.ok([...seen].some((line) => / of 2$/.test(line)), `the queue's progress was shown: ${[...seen].join(", ")}`);
  assert.match(await textOf(await $("queue-passed-over")), /no tape/);
  assert.deepEqual(await axeViolations(browser, '[data-testid="jobs-panel"]'), [], "the Jobs panel with the queue passes axe");

  // Each recording was its own job; each says the language the model heard.
  const results = [];
  for (const job of await browser.$$('[data-testid="job"]')) {
    const title = await textOf(await job.$(".title"));
    if (!/Harbour tape|Orchard tape/.test(title)) continue;
    assert.equal(await job.getAttribute("data-status"), "finished", title);
    results.push(await textOf(await job.$('[data-testid="job-result"]')));
  }
  assert.equal(results.length, 2, results.join(" | "));
  for (const r of results) assert.match(r, /\d+ segments?.*English \(detected\)/, r);
  for (const interview of [harbour, orchard]) {
    const made = cli(archive, "transcript", "list", "--interview", interview.id, "--json");
    assert.equal(made.length, 1, `one transcript of ${interview.title}`);
    assert.equal(made[0].language, "en");
  }
  assert.equal(cli(archive, "transcript", "list", "--interview", untaped.id, "--json").length, 0);

  // The transcript says what it was heard in where it says how it was made.
  await openInterview("the orchard");
  const heard = $("heard-language");
  await heard.waitForDisplayed({ timeout: 20000 });
  assert.equal(await textOf(heard), "English (detected)");
  await $("queue-dismiss").click();
});

test("a queue cancelled while its first recording is heard keeps nothing of it and starts no other", async (t) => {
  const count = (interview) => cli(archive, "transcript", "list", "--interview", interview.id, "--json").length;
  const [firstBefore, secondBefore] = [count(first), count(second)];
  const dialog = await queueInterviews(["Samara", "Moscow"]);
  await browser.waitUntil(async () => (await dialog.$$('[data-testid="queue-recording"]')).length === 2, { timeout: 10000 });
  await $("queue-start").click();
  // Cancelled as soon as the first recording's job runs: it is 45 s long, heard in two windows,
  // and a cancel is heard before the next window, so it comes while the first is heard.
  await browser.waitUntil(async () => (await browser.$$('[data-testid="job-progress"]')).length > 0, {
    timeout: 60000,
    interval: 100,
    timeoutMsg: "the first recording never ran",
  });
  await $("queue-cancel").click();
  const { summary } = await queueEnded(120000);
  t.diagnostic(summary);
  assert.match(summary, /^Queue cancelled: .*1 not started\.$/, summary);
  assert.equal(count(second), secondBefore, "the second interview's recording was never heard");
  if (/1 cancelled/.test(summary)) assert.equal(count(first), firstBefore, "the first recording's cancelled job kept nothing");
  else assert.match(summary, /1 of 2 recordings transcribed/, "the first ended before the cancel was heard");
});
