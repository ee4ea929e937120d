// Speech work in the window: the model folder, transcribing a recording (or a queue of them),
// aligning a typed transcript and hearing a passage again. Each recording heard is one job of
// the one job runner (JobsStore), so its progress ("12 of 40 seconds"), Cancel and how it ended
// are in the Jobs panel like imports and exports; a queue only decides which job starts next.

import * as api from "../api";
import type { AlignmentOutcome, HeardLanguage, Recording, ReheardStored, SpeechModel, Transcribed } from "../api";
import { JobRun, type JobsStore } from "./jobs.svelte";

const languageNames = new Intl.DisplayNames(undefined, { type: "language" });

/** "English" of "en"; the code itself when the runtime knows no name for it. */
export function languageName(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "English (detected)" when the model detected it, "English" when it was given. */
export function heardLanguageLabel(language: HeardLanguage): string {
  return `${languageName(language.code)}${language.detected ? " (detected)" : ""}`;
}

/** "3 of 4 segments placed by recognized words". */
export function alignmentSummary(outcome: AlignmentOutcome, total: number): string {
  return `${outcome.stored.placed} of ${total} ${total === 1 ? "segment" : "segments"} placed by ${outcome.method}`;
}

/** "12 segments, 3 of 140 words uncertain; English (detected)". */
export function transcribedSummary(t: Transcribed): string {
  const n = t.transcript.segment_count;
  const uncertain = t.low_confidence_words > 0 ? `, ${t.low_confidence_words} of ${t.words} words uncertain` : `, ${t.words} words`;
  const loops = t.not_speech.length > 0 ? `, ${t.not_speech.length} ${t.not_speech.length === 1 ? "stretch" : "stretches"} to check` : "";
  const language = t.language ? `; ${heardLanguageLabel(t.language)}` : "";
  return `${n} ${n === 1 ? "segment" : "segments"}${uncertain}${loops}${language}`;
}

/** "2 segments heard again in place of 1". */
export function reheardSummary(r: ReheardStored): string {
  return `${r.added} ${r.added === 1 ? "segment" : "segments"} heard again in place of ${r.replaced}`;
}

/** An interview as a queue names it. */
export interface QueueInterview {
  id: string;
  title: string;
}

/** One recording of a transcription queue, and its job once it started. */
export interface QueuedRecording {
  interview: QueueInterview;
  recording: Recording;
  /** Null while it waits (and for good when the queue was cancelled before it). */
  job: JobRun<Transcribed> | null;
}

/** What a queue of interviews would transcribe, and the interviews it passes over and why. */
export interface QueuePlan {
  recordings: { interview: QueueInterview; recording: Recording }[];
  skipped: { interview: QueueInterview; reason: string }[];
}

/**
 * A queue of recordings transcribed one after another (the engine hears one at a time anyway),
 * each its own job. Cancelling the queue cancels the job running and starts none of the rest;
 * cancelling one job alone (in the Jobs panel) lets the queue go on to the next.
 */
export class TranscriptionQueue {
  items = $state.raw<QueuedRecording[]>([]);
  skipped: QueuePlan["skipped"];
  /** The item running (or last run), by index; -1 before the first starts. */
  current = $state(-1);
  /** Set by `cancel`: no further item starts. */
  cancelled = $state(false);
  /** Why the queue stopped by itself before its end (the model folder went bad), if it did. */
  stoppedBecause = $state<string | null>(null);
  ended = $state(false);

  constructor(plan: QueuePlan) {
    this.items = plan.recordings.map((r) => ({ ...r, job: null }));
    this.skipped = plan.skipped;
  }

  get running(): boolean {
    return !this.ended;
  }

  get total(): number {
    return this.items.length;
  }

  /** Items whose job ended, however it ended. */
  get stopped(): number {
    return this.items.filter((i) => i.job && !i.job.running && i.job.status !== "idle").length;
  }

  get transcribed(): number {
    return this.items.filter((i) => i.job?.status === "finished").length;
  }

  get failed(): number {
    return this.items.filter((i) => i.job?.status === "failed").length;
  }

  /** Items never started because the queue was cancelled first. */
  get notStarted(): number {
    return this.items.filter((i) => !i.job).length;
  }

  /** Stops the queue: the job running is cancelled (it keeps nothing) and no other starts. */
  async cancel(): Promise<void> {
    if (this.ended) return;
    this.cancelled = true;
    await this.items[this.current]?.job?.cancel();
  }

  /** Hands item `index` its job (once started), for the queue's view to follow. */
  started(index: number, job: JobRun<Transcribed>): void {
    this.current = index;
    this.items = this.items.map((item, i) => (i === index ? { ...item, job } : item));
  }
}

export class SpeechWork {
  /** The model folder as last read; null before it is. */
  model = $state.raw<SpeechModel | null>(null);
  /** Why the last chosen folder was not kept. */
  problem = $state<string | null>(null);
  /** The last run of each piece of work, by `transcribe:<recording>` or `align:<transcript>`,
   * for the action that started it to show its progress, Cancel and end in place. */
  runs = $state.raw<Record<string, JobRun>>({});
  /** The transcription queue running or last run, for the Jobs panel to show; null before one. */
  queue = $state.raw<TranscriptionQueue | null>(null);
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
  async transcribe(
    interview: QueueInterview,
    recording: { id: string; label: string } | null,
    language: string | null,
    onstart?: (job: JobRun<Transcribed>) => void,
  ): Promise<Transcribed | null> {
    return this.#run(
      `transcribe:${recording?.id ?? interview.id}`,
      `Transcribing ${recording?.label ?? "the recording"} of “${interview.title}”`,
      (jobId, onProgress) => api.transcribeRecording(jobId, interview.id, recording?.id ?? null, language, onProgress),
      (t) => ({ summary: transcribedSummary(t) }),
      onstart,
    );
  }

  /**
   * What a queue of `interviews` would transcribe: every recording of each that is on this
   * machine, in the interviews' order and each interview's tape order; an interview with none
   * is passed over, and the plan says why.
   */
  async planQueue(interviews: QueueInterview[]): Promise<QueuePlan> {
    const plan: QueuePlan = { recordings: [], skipped: [] };
    const found = await Promise.all(interviews.map((i) => api.listRecordings(i.id)));
    interviews.forEach((interview, i) => {
      const here = found[i].filter((r) => !r.missing);
      if (found[i].length === 0) plan.skipped.push({ interview, reason: "no recording" });
      else if (here.length === 0) plan.skipped.push({ interview, reason: found[i].length === 1 ? "its recording is missing on this computer" : "its recordings are missing on this computer" });
      for (const recording of here) plan.recordings.push({ interview, recording });
    });
    return plan;
  }

  /**
   * Transcribes a queue's recordings one after another, each in its interview's language (else
   * the one the model detects), each its own job. Resolves when the queue ended: every item ran,
   * or it was cancelled. One queue runs at a time.
   */
  async transcribeQueue(plan: QueuePlan): Promise<TranscriptionQueue> {
    if (this.queue?.running) throw new Error("a transcription queue is running already; cancel it or wait for it to end");
    const queue = new TranscriptionQueue(plan);
    this.queue = queue;
    for (let i = 0; i < queue.items.length && !queue.cancelled; i++) {
      const { interview, recording } = queue.items[i];
      const done = await this.transcribe(interview, recording, null, (job) => queue.started(i, job));
      if (done || queue.items[i].job?.status !== "failed") continue;
      // A recording can fail alone (unreadable); a model folder gone bad fails every one after
      // it, so the queue stops and says why rather than failing them one by one.
      await this.load().catch(() => {});
      if (!this.ready) {
        queue.stoppedBecause = this.model?.problem ?? "no speech model is chosen";
        break;
      }
    }
    queue.ended = true;
    return queue;
  }

  /** Lets an ended queue go from the Jobs panel (its recordings' rows stay there). */
  dismissQueue(): void {
    if (!this.queue?.running) this.queue = null;
  }

  /**
   * Hears `startMs`..`endMs` of a transcript's recording again as a job: the segments within
   * are replaced by what is heard now, after a revision is saved.
   */
  async rehear(transcript: { id: string }, startMs: number, endMs: number): Promise<ReheardStored | null> {
    return this.#run(
      `rehear:${transcript.id}`,
      "Hearing the passage again",
      (jobId, onProgress) => api.rehearSpan(jobId, transcript.id, startMs, endMs, null, onProgress),
      (r) => ({ summary: reheardSummary(r) }),
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
    onstart?: (job: JobRun<T>) => void,
  ): Promise<T | null> {
    const job = new JobRun<T>({ title });
    this.runs = { ...this.runs, [key]: job as JobRun };
    this.#jobs.track(job as JobRun, true);
    onstart?.(job);
    try {
      const result = await job.run(start, describe);
      if (result !== null) this.#changed();
      return result;
    } catch {
      return null;
    }
  }
}
