import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import type { AlignmentOutcome, Transcribed } from "../../api";
import { backend, reset, type Cue } from "../../../test/fake-api";
import { mockMedia } from "../../../test/media";
import { renderWindow, seedSample } from "../../../test/render";
import { alignmentSummary, transcribedSummary } from "../../state/speech.svelte";

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
    backend.transcribed = { transcript: t, words: 15, low_confidence_words: 2, not_speech: [], respelled: [], mentions: [], duration_ms: 6000 } as Transcribed;
    await user.click(await screen.findByTestId("transcribe-recording"));
    const summary = await screen.findByTestId("transcribe-job-summary");
    expect(summary.textContent).toBe("2 segments, 2 of 15 words uncertain");
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

describe("summaries", () => {
  it("count in words a curator reads", () => {
    expect(alignmentSummary({ method: "pauses", stored: { placed: 1 } } as AlignmentOutcome, 1)).toBe("1 of 1 segment placed by pauses");
    expect(
      transcribedSummary({ transcript: { segment_count: 1 }, words: 4, low_confidence_words: 0, not_speech: [{ start_ms: 0, end_ms: 1, heard: "x" }] } as Transcribed),
    ).toBe("1 segment, 4 words, 1 stretch to check");
  });
});
