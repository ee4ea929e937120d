import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import type { AlignmentOutcome, Transcribed } from "../../api";
import { backend, reset, type Cue } from "../../../test/fake-api";
import { mockMedia } from "../../../test/media";
import { renderWindow, seedSample } from "../../../test/render";
import * as mockedApi from "../../api";
import { alignmentSummary, heardLanguageLabel, reheardSummary, transcribedSummary } from "../../state/speech.svelte";

const EN: Cue[] = [
  [0, 3000, "", "My father, Leonid Serebryakov, was born in Samara."],
  [4000, 6000, "", "He kept the letters in a box."],
];
const MODEL = { folder: "/models/whisper-base", name: "whisper-base", problem: null };

let s: ReturnType<typeof seedSample>;
let media: ReturnType<typeof mockMedia>;

beforeEach(() => {
  reset();
  s = seedSample();
  backend.addRecording(s.books.id, { duration_ms: 6000, label: "Tape 1" });
  media = mockMedia();
});
afterEach(() => media.restore());

async function openTranscript(title = "Books and letters") {
  const user = userEvent.setup();
  const r = await renderWindow();
  await user.click(screen.getAllByTestId("interview-row").find((tr) => tr.textContent?.includes(title))!);
  await user.click(await screen.findByTestId("tab-transcript"));
  return { user, ...r };
}

describe("speech in the window", () => {
  it("says no model is chosen, and keeps a folder only when it holds one", async () => {
    const { user } = await openTranscript();
    expect((await screen.findByTestId("no-speech-model")).textContent).toMatch(/No speech model/);
    expect(screen.queryByTestId("transcribe-recording")).toBeNull();
    backend.modelAnswer = { folder: "/tmp/empty", name: "empty", problem: "model.bin is missing" };
    await user.click(screen.getByTestId("choose-speech-model"));
    expect((await screen.findByTestId("speech-model-problem")).textContent).toBe("model.bin is missing");
    expect(screen.queryByTestId("transcribe-recording")).toBeNull();
    backend.modelAnswer = MODEL;
    await user.click(screen.getByTestId("choose-speech-model"));
    expect((await screen.findByTestId("transcribe-recording")).textContent).toContain("Transcribe");
    expect(screen.queryByTestId("speech-model-problem")).toBeNull();
  });

  it("transcribes the recording as a job in the interview's language and says how it ended", async () => {
    backend.speechModel = MODEL;
    const { user, jobs } = await openTranscript();
    const t = backend.addTranscript(s.books.id, "Recognized", "en", EN);
    backend.transcribed = {
      transcript: t,
      words: 15,
      low_confidence_words: 2,
      not_speech: [],
      respelled: [],
      mentions: [],
      duration_ms: 6000,
      language: { code: "en", detected: false },
    } as Transcribed;
    await user.click(await screen.findByTestId("transcribe-recording"));
    const summary = await screen.findByTestId("transcribe-job-summary");
    expect(summary.textContent).toBe("2 segments, 2 of 15 words uncertain; English");
    expect(jobs.jobs).toHaveLength(1);
    expect(jobs.jobs[0].status).toBe("finished");
    const [, interviewId, mediaId, language] = vi.mocked((await import("../../api")).transcribeRecording).mock.calls[0];
    expect([interviewId, mediaId, language]).toEqual([s.books.id, backend.recordings.get(s.books.id)![0].id, null]);
  });

  it("marks uncertain words and segments, lists what to check and says how the transcript was made", async () => {
    const t = backend.addTranscript(s.books.id, "Recognized", "en", EN);
    const [first, second] = backend.segments.get(t.id)!;
    backend.speech.set(t.id, {
      made_by: { engine: "CTranslate2 through ct2rs 0.10", model: "whisper-base", model_sha256: "abcdef0123456789abcdef", settings: { language: "en" } },
      words: [
        {
          segment_id: first.id,
          words: [
            { text: " My", start_ms: 0, end_ms: 300, probability: 0.95 },
            { text: " Samara.", start_ms: 2400, end_ms: 3000, probability: 0.31 },
          ],
          probability: 0.63,
          low_confidence: false,
        },
        { segment_id: second.id, words: [{ text: " box.", start_ms: 5000, end_ms: 5600, probability: 0.8 }], probability: 0.4, low_confidence: true },
      ],
      checks: [{ id: "c1", kind: "not_speech", start_ms: 7000, end_ms: 9000, segment_id: null, heard: "thank you thank you" }],
      low_word_probability: 0.5,
    });
    const { user } = await openTranscript();
    const rows = await screen.findAllByTestId("segment");
    const word = within(rows[0]).getByTestId("low-confidence-word");
    expect(word.textContent).toBe("Samara.");
    expect(word.dataset.lowConfidence).toBe("0.31");
    expect(word.title).toMatch(/^31% sure/);
    expect(within(rows[1]).queryByTestId("low-confidence-word")).toBeNull();
    expect(within(rows[1]).getByTestId("segment-uncertain").textContent).toContain("uncertain");
    expect(within(rows[0]).getByTestId("segment-uncertain").dataset.lowSegment).toBe("false");
    expect(screen.getByTestId("to-check-count").textContent).toBe("To check: 1");
    const item = screen.getByTestId("check-item");
    expect(item.textContent).toContain("the model repeated itself here — listen");
    await user.click(item);
    await waitFor(() => expect(Number(screen.getByTestId("player").dataset.positionMs)).toBe(7000));
    expect(screen.getByTestId("made-by").textContent).toContain("abcdef012345");
    expect(screen.getByTestId("made-by").textContent).not.toContain("abcdef0123456789");
  });

  it("aligns the transcript shown and sums up what it placed", async () => {
    const t = backend.addTranscript(s.books.id, "Typed", "en", EN);
    const [first, second] = backend.segments.get(t.id)!;
    backend.aligned = {
      method: "recognized words",
      stored: {
        transcript: t,
        revision: { id: "r1" },
        placed: 1,
        not_placed: [second],
        speech_not_in_text: [{ start_ms: 8000, end_ms: 9000, heard: "and then" }],
      },
    } as unknown as AlignmentOutcome;
    void first;
    const { user } = await openTranscript();
    await user.click(await screen.findByTestId("align-transcript"));
    expect((await screen.findByTestId("align-job-summary")).textContent).toBe("1 of 2 segments placed by recognized words");
    expect(screen.getByTestId("align-not-placed").textContent).toContain("He kept the letters in a box.");
    expect(screen.getByTestId("align-speech-not-in-text").textContent).toContain("and then");
  });
});

/** The mocked api, for what the window called. */
const api = () => mockedApi;
/** The segments' texts as shown. */
const texts = async () => (await screen.findAllByTestId("segment-text")).map((e) => (e as HTMLTextAreaElement).value);
const interviewRow = (title: string) => screen.getAllByTestId("interview-row").find((r) => r.textContent?.includes(title))!;

function recognizedAs(t: { id: string }, language: Transcribed["language"]): Transcribed {
  return {
    transcript: backend.transcript(t.id),
    words: 4,
    low_confidence_words: 0,
    not_speech: [],
    respelled: [],
    mentions: [],
    duration_ms: 6000,
    language,
  } as Transcribed;
}

/** Selects the interviews titled so (Ctrl+click) and opens the queue dialog from the ⋯ menu. */
async function openQueue(user: ReturnType<typeof userEvent.setup>, titles: string[]) {
  await user.click(interviewRow(titles[0]));
  await user.keyboard("{Control>}");
  for (const title of titles.slice(1)) await user.click(interviewRow(title));
  await user.keyboard("{/Control}");
  await user.click(screen.getByTestId("interview-actions"));
  const item = screen.getByTestId("transcribe-selection");
  expect(item.textContent).toContain(`Transcribe the ${titles.length} selected interviews…`);
  await user.click(item);
  return screen.findByTestId("transcribe-queue-dialog");
}

describe("a queue of recordings", () => {
  it("queues every recording of the selected interviews, passes over one without, and asks for a model first", async () => {
    backend.addRecording(s.books.id, { duration_ms: 6000, label: "Tape 2" });
    backend.addRecording(s.zhenya.id, { duration_ms: 6000, label: "Side A" });
    const t = backend.addTranscript(s.books.id, "Recognized", "", EN);
    backend.transcribed = recognizedAs(t, { code: "en", detected: true });
    const user = userEvent.setup();
    const { jobs, speech } = await renderWindow();
    const dialog = await openQueue(user, ["Books and letters", "Zhenya remembers", "A winter in Leningrad"]);

    await waitFor(() => expect(within(dialog).getAllByTestId("queue-recording")).toHaveLength(3));
    expect(within(dialog).getAllByTestId("queue-recording").map((li) => li.textContent)).toEqual([
      "Tape 1 of “Books and letters”",
      "Tape 2 of “Books and letters”",
      "Side A of “Zhenya remembers”",
    ]);
    expect(within(dialog).getByTestId("queue-skipped").textContent).toContain("“A winter in Leningrad”: no recording");
    // No model yet: it says so, offers the folder dialog, and nothing can start.
    expect((await within(dialog).findByTestId("no-speech-model")).textContent).toMatch(/No speech model/);
    const start = within(dialog).getByTestId("queue-start");
    expect(start.textContent).toContain("Transcribe 3 recordings");
    expect((start as HTMLButtonElement).disabled).toBe(true);
    backend.modelAnswer = MODEL;
    await user.click(within(dialog).getByTestId("choose-speech-model"));
    await waitFor(() => expect((start as HTMLButtonElement).disabled).toBe(false));

    const release = backend.holdSpeech();
    await user.click(start);
    expect(screen.queryByTestId("transcribe-queue-dialog")).toBeNull();
    const queue = await screen.findByTestId("transcription-queue");
    await waitFor(() => expect(within(queue).getByTestId("queue-progress").textContent).toBe("Transcribing recording 1 of 3"));
    // One recognition at a time: the second waits for the first.
    expect(vi.mocked(api().transcribeRecording)).toHaveBeenCalledTimes(1);
    expect(within(queue).getByTestId("queue-passed-over").textContent).toContain("“A winter in Leningrad” (no recording)");
    release();
    await waitFor(() => expect(screen.getByTestId("queue-summary").textContent).toBe("Queue done: 3 of 3 recordings transcribed."));
    const calls = vi.mocked(api().transcribeRecording).mock.calls.map(([, interviewId, mediaId, language]) => [interviewId, mediaId, language]);
    const [tape1, tape2] = backend.recordings.get(s.books.id)!;
    expect(calls).toEqual([
      [s.books.id, tape1.id, null],
      [s.books.id, tape2.id, null],
      [s.zhenya.id, backend.recordings.get(s.zhenya.id)![0].id, null],
    ]);
    // Each recording is its own job in the Jobs panel, with the language the model heard.
    expect(jobs.jobs).toHaveLength(3);
    expect(jobs.jobs.map((j) => j.status)).toEqual(["finished", "finished", "finished"]);
    const results = screen.getAllByTestId("job-result").map((r) => r.textContent);
    expect(results.every((r) => r?.includes("English (detected)")), results.join(" | ")).toBe(true);
    await user.click(screen.getByTestId("queue-dismiss"));
    expect(speech.queue).toBeNull();
  });

  it("cancels one recording and goes on, or cancels the queue: the running job stops and the rest never start", async () => {
    backend.speechModel = MODEL;
    backend.addRecording(s.books.id, { duration_ms: 6000, label: "Tape 2" });
    backend.addRecording(s.zhenya.id, { duration_ms: 6000, label: "Side A" });
    const t = backend.addTranscript(s.books.id, "Recognized", "en", EN);
    backend.transcribed = recognizedAs(t, { code: "en", detected: false });
    const user = userEvent.setup();
    const { jobs } = await renderWindow();
    const dialog = await openQueue(user, ["Books and letters", "Zhenya remembers"]);
    const start = within(dialog).getByTestId("queue-start");
    await waitFor(() => expect((start as HTMLButtonElement).disabled).toBe(false));
    backend.holdSpeech();
    await user.click(start);
    const queue = await screen.findByTestId("transcription-queue");
    await waitFor(() => expect(jobs.jobs[0]?.running).toBe(true));
    // The first recording's own Cancel: the queue goes on to the next.
    await jobs.jobs[0].cancel();
    await waitFor(() => expect(within(queue).getByTestId("queue-progress").textContent).toBe("Transcribing recording 2 of 3"));
    expect(jobs.jobs[0].status).toBe("cancelled");
    await waitFor(() => expect(jobs.jobs[1]?.running).toBe(true));
    // The queue's Cancel: the second stops, the third never starts.
    await user.click(within(queue).getByTestId("queue-cancel"));
    await waitFor(() => expect(screen.getByTestId("queue-summary").textContent).toBe("Queue cancelled: 0 of 3 recordings transcribed, 2 cancelled, 1 not started."));
    expect(vi.mocked(api().transcribeRecording)).toHaveBeenCalledTimes(2);
    expect(jobs.jobs.map((j) => j.status)).toEqual(["cancelled", "cancelled"]);
    expect(backend.jobs.size, "no job left running").toBe(0);
  });

  it("goes on past a recording that fails, but stops when the model folder went bad", async () => {
    backend.speechModel = MODEL;
    backend.addRecording(s.zhenya.id, { duration_ms: 6000, label: "Side A" });
    const user = userEvent.setup();
    await renderWindow();
    // No answer to give: each transcription fails, the model still being there.
    backend.transcribed = null;
    let dialog = await openQueue(user, ["Books and letters", "Zhenya remembers"]);
    let start = within(dialog).getByTestId("queue-start");
    await waitFor(() => expect((start as HTMLButtonElement).disabled).toBe(false));
    await user.click(start);
    await waitFor(() => expect(screen.getByTestId("queue-summary").textContent).toBe("Queue done: 0 of 2 recordings transcribed, 2 failed."));
    expect(vi.mocked(api().transcribeRecording)).toHaveBeenCalledTimes(2);

    await user.click(screen.getByTestId("queue-dismiss"));
    dialog = await openQueue(user, ["Books and letters", "Zhenya remembers"]);
    start = within(dialog).getByTestId("queue-start");
    await waitFor(() => expect((start as HTMLButtonElement).disabled).toBe(false));
    const release = backend.holdSpeech();
    await user.click(start);
    await screen.findByTestId("queue-progress");
    backend.speechModel = { folder: "/models/whisper-base", name: null, problem: "model.bin is missing" };
    release();
    await waitFor(() => expect(screen.getByTestId("queue-summary").textContent).toBe("Queue stopped: 0 of 2 recordings transcribed, 1 failed, 1 not started."));
    expect(screen.getByTestId("queue-stopped").textContent).toContain("model.bin is missing");
    expect(vi.mocked(api().transcribeRecording)).toHaveBeenCalledTimes(3);
  });

  it("says when none of the interviews has a recording, and starts nothing", async () => {
    backend.speechModel = MODEL;
    const user = userEvent.setup();
    await renderWindow();
    const dialog = await openQueue(user, ["A winter in Leningrad", "Two daughters"]);
    expect((await within(dialog).findByTestId("queue-nothing")).textContent).toContain("None of these interviews has a recording");
    expect(within(dialog).getAllByTestId("queue-skipped-interview")).toHaveLength(2);
    expect((within(dialog).getByTestId("queue-start") as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("hearing a passage again", () => {
  const pick = async (user: ReturnType<typeof userEvent.setup>, i: number) => user.click(within((await screen.findAllByTestId("segment"))[i]).getByTestId("segment-pick"));

  it("hears the selected segments' stretch again as a job and shows the transcript with what was heard", async () => {
    backend.speechModel = MODEL;
    const t = backend.addTranscript(s.books.id, "Recognized", "en", EN);
    const { user, jobs } = await openTranscript();
    await pick(user, 0);
    const again = await screen.findByTestId("rehear-passage");
    await waitFor(() => expect((again as HTMLButtonElement).disabled).toBe(false));
    const release = backend.holdSpeech();
    await user.click(again);
    const job = await screen.findByTestId("rehear-job");
    await waitFor(() => expect(within(job).getByTestId("rehear-job-progress").textContent).toBe("Recognizing speech: 1 of 3 seconds"));
    expect(within(job).getByTestId("rehear-job-cancel")).toBeTruthy();
    release();
    await waitFor(() => expect(screen.getByTestId("rehear-job-summary").textContent).toBe("1 segment heard again in place of 1"));
    const [, transcriptId, startMs, endMs, language] = vi.mocked(api().rehearSpan).mock.calls[0];
    expect([transcriptId, startMs, endMs, language]).toEqual([t.id, 0, 3000, null]);
    // The transcript is read again: the first segment is what was heard, the second stays.
    await waitFor(async () => expect(await texts()).toEqual(["Heard again.", "He kept the letters in a box."]));
    expect(screen.queryByTestId("passage")).toBeNull();
    expect(jobs.jobs.at(-1)?.status).toBe("finished");
  });

  it("a cancelled hearing changes nothing", async () => {
    backend.speechModel = MODEL;
    backend.addTranscript(s.books.id, "Recognized", "en", EN);
    const { user } = await openTranscript();
    await pick(user, 1);
    const again = await screen.findByTestId("rehear-passage");
    await waitFor(() => expect((again as HTMLButtonElement).disabled).toBe(false));
    backend.holdSpeech();
    await user.click(again);
    await user.click(await screen.findByTestId("rehear-job-cancel"));
    await waitFor(() => expect(screen.getByTestId("rehear-job-summary").textContent).toBe("Cancelled: nothing was kept."));
    expect(await texts()).toEqual(EN.map((c) => c[3]));
  });

  it("is offered only with a model and a passage with times, and says why not", async () => {
    backend.addTranscript(s.books.id, "Typed", "en", [
      [0, 3000, "", "My father, Leonid Serebryakov, was born in Samara."],
      [null, null, "", "He kept the letters in a box."],
    ] as unknown as Cue[]);
    const { user } = await openTranscript();
    await pick(user, 0);
    const again = await screen.findByTestId("rehear-passage");
    expect((again as HTMLButtonElement).disabled).toBe(true);
    expect((await screen.findByTestId("rehear-unavailable")).textContent).toContain("no speech model is chosen");
    backend.modelAnswer = MODEL;
    await user.click(screen.getByTestId("choose-speech-model"));
    await waitFor(() => expect((again as HTMLButtonElement).disabled).toBe(false));
    // Extended to a segment with no times, the passage has no end to hear to.
    await user.keyboard("{Shift>}");
    await pick(user, 1);
    await user.keyboard("{/Shift}");
    await waitFor(() => expect(screen.getByTestId("rehear-unavailable").textContent).toContain("no times"));
    expect((screen.getByTestId("rehear-passage") as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("the language heard", () => {
  it("is said after a transcription with Detect, and where the transcript says how it was made", async () => {
    backend.speechModel = MODEL;
    const t = backend.addTranscript(s.books.id, "Recognized", "en", EN);
    backend.transcribed = recognizedAs(t, { code: "en", detected: true });
    backend.speech.set(t.id, {
      made_by: {
        engine: "CTranslate2 (Whisper)",
        model: "whisper-base",
        model_sha256: "abcdef0123456789abcdef",
        settings: { language: "en (detected)" },
        language: { code: "en", detected: true },
      },
      words: [],
      checks: [],
      low_word_probability: 0.5,
    });
    const { user } = await openTranscript();
    await user.selectOptions(await screen.findByTestId("transcribe-language"), "");
    await user.click(screen.getByTestId("transcribe-recording"));
    expect((await screen.findByTestId("transcribe-job-summary")).textContent).toBe("2 segments, 4 words; English (detected)");
    const [, , , language] = vi.mocked(api().transcribeRecording).mock.calls[0];
    expect(language).toBeNull();
    expect((await screen.findByTestId("heard-language")).textContent).toBe("English (detected)");
    expect(screen.getByTestId("made-by").textContent).toContain("Language heardEnglish (detected)");
  });
});

describe("summaries", () => {
  it("count in words a curator reads", () => {
    expect(alignmentSummary({ method: "pauses", stored: { placed: 1 } } as AlignmentOutcome, 1)).toBe("1 of 1 segment placed by pauses");
    expect(
      transcribedSummary({ transcript: { segment_count: 1 }, words: 4, low_confidence_words: 0, not_speech: [{ start_ms: 0, end_ms: 1, heard: "x" }] } as Transcribed),
    ).toBe("1 segment, 4 words, 1 stretch to check");
    expect(reheardSummary({ added: 2, replaced: 1 } as Parameters<typeof reheardSummary>[0])).toBe("2 segments heard again in place of 1");
    expect(heardLanguageLabel({ code: "ru", detected: false })).toBe("Russian");
    expect(heardLanguageLabel({ code: "de", detected: true })).toBe("German (detected)");
  });
});
