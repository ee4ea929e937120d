// Speech work in the window: the model folder, transcribing a recording and aligning a typed
// transcript. Both run through the one job runner (JobsStore), so their progress ("12 of 40
// seconds"), Cancel and how they ended are in the Jobs panel like imports and exports.

import * as api from "../api";
import type { AlignmentOutcome, SpeechModel, Transcribed } from "../api";
import { JobRun, type JobsStore } from "./jobs.svelte";

/** "3 of 4 segments placed by recognized words". */
export function alignmentSummary(outcome: AlignmentOutcome, total: number): string {
  return `${outcome.stored.placed} of ${total} ${total === 1 ? "segment" : "segments"} placed by ${outcome.method}`;
}

/** "12 segments, 3 uncertain words of 140". */
export function transcribedSummary(t: Transcribed): string {
  const n = t.transcript.segment_count;
  const uncertain = t.low_confidence_words > 0 ? `, ${t.low_confidence_words} of ${t.words} words uncertain` : `, ${t.words} words`;
  const loops = t.not_speech.length > 0 ? `, ${t.not_speech.length} ${t.not_speech.length === 1 ? "stretch" : "stretches"} to check` : "";
  return `${n} ${n === 1 ? "segment" : "segments"}${uncertain}${loops}`;
}

export class SpeechWork {
  /** The model folder as last read; null before it is. */
  model = $state.raw<SpeechModel | null>(null);
  /** Why the last chosen folder was not kept. */
  problem = $state<string | null>(null);
  /** The last run of each piece of work, by `transcribe:<recording>` or `align:<transcript>`,
   * for the action that started it to show its progress, Cancel and end in place. */
  runs = $state.raw<Record<string, JobRun>>({});
  #jobs: JobsStore;
  #changed: () => void;

  /** `changed` is told when a transcript was made or timed, for the views to reload. */
  constructor(jobs: JobsStore, changed: () => void = () => {}) {
    this.#jobs = jobs;
    this.#changed = changed;
  }

  get ready(): boolean {
    return !!this.model?.folder && !this.model.problem;
  }

  async load(): Promise<SpeechModel> {
    this.model = await api.speechModel();
    return this.model;
  }

  /** The native folder dialog; a folder without a model is not kept and `problem` says why. */
  async chooseModel(): Promise<SpeechModel | null> {
    const chosen = await api.chooseSpeechModel();
    if (!chosen) return null;
    this.problem = chosen.problem;
    if (!chosen.problem) this.model = chosen;
    return chosen;
  }

  /** Transcribes one recording as a job; null when it failed or was cancelled (the panel says). */
  async transcribe(interview: { id: string; title: string }, recording: { id: string; label: string } | null, language: string | null): Promise<Transcribed | null> {
    return this.#run(
      `transcribe:${recording?.id ?? interview.id}`,
      `Transcribing ${recording?.label ?? "the recording"} of “${interview.title}”`,
      (jobId, onProgress) => api.transcribeRecording(jobId, interview.id, recording?.id ?? null, language, onProgress),
      (t) => ({ summary: transcribedSummary(t) }),
    );
  }

  /** Aligns a transcript to a recording as a job. */
  async align(transcript: { id: string; label: string; segment_count: number }, mediaId: string | null): Promise<AlignmentOutcome | null> {
    return this.#run(
      `align:${transcript.id}`,
      `Aligning “${transcript.label || "transcript"}” to its recording`,
      (jobId, onProgress) => api.alignTranscript(jobId, transcript.id, mediaId, onProgress),
      (o) => ({ summary: alignmentSummary(o, transcript.segment_count) }),
    );
  }

  run(key: string): JobRun | undefined {
    return this.runs[key];
  }

  /** One job, shown in place (runs) and in the Jobs panel; null when it failed or was cancelled. */
  async #run<T>(
    key: string,
    title: string,
    start: (jobId: string, onProgress: api.ProgressSink) => Promise<T>,
    describe: (result: T) => { summary: string },
  ): Promise<T | null> {
    const job = new JobRun<T>({ title });
    this.runs = { ...this.runs, [key]: job as JobRun };
    this.#jobs.track(job as JobRun, true);
    try {
      const result = await job.run(start, describe);
      if (result !== null) this.#changed();
      return result;
    } catch {
      return null;
    }
  }
}
