// Long jobs (transcript and photo imports, recordings, package export, import and audit): the
// one runner of them in the window.
//
// Why one state class here and not a helper in the api: the api only carries a job (api/jobs.ts:
// a domain wrapper takes a job id and a ProgressSink and makes the Tauri channel; cancelJob stops
// it). What the window shows of a job (its title, phase, done of total, warnings, how it ended,
// Cancel) is state, and the same state everywhere: `JobRun` follows one job's reports, so the
// package dialogs, the photo import's progress line and the Jobs panel all read one shape, and a
// job moved from a dialog to the panel needs no translation. `JobsStore` is the panel's list of
// runs: every job started through it gets a row that stays until the curator dismisses it.

import * as api from "../api";
import type { Progress, ProgressSink } from "../api";

export type JobStatus = "idle" | "running" | "finished" | "failed" | "cancelled";

/** What a job's result says about it: the line shown once it finished, and warnings. */
export type Describe<T> = (result: T) => { summary?: string | null; warnings?: string[] };

/** Something to do with what a finished job made ("Open folder"), offered in its row. */
export interface JobAction {
  label: string;
  /** For tests: `job-action-<key>`. */
  key: string;
  run: () => Promise<void>;
}

/** A fresh job id: a UUID, from crypto.randomUUID where the page may use it. */
export function newJobId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") {
    try {
      return c.randomUUID();
    } catch {
      // Not a secure context: fall through.
    }
  }
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** "hashing" → "Hashing"; "Starting" before the first report. */
export function phaseLabel(phase: string): string {
  return phase ? phase[0].toUpperCase() + phase.slice(1) : "Starting";
}

/**
 * One job: its id, its progress as the backend reports it, Cancel, and how it ended. It can run
 * again (after a failure, to try again); each run gets a fresh id, and reports or answers of an
 * earlier run are ignored.
 */
export class JobRun<T = unknown> {
  /** The id the backend knows the job by; "" before it first runs. */
  id = $state("");
  status = $state<JobStatus>("idle");
  title = $state("");
  /** What the job is doing now ("reading", "writing"), from its last progress report. */
  phase = $state("");
  done = $state(0);
  /** Units in all, when known; the bar is indeterminate without it. */
  total = $state<number | null>(null);
  warnings = $state<string[]>([]);
  /** One line on what it did, once finished: from its result, else the backend's own. */
  summary = $state<string | null>(null);
  /** Why it failed (or why Cancel was refused). */
  error = $state<string | null>(null);
  result = $state.raw<T | null>(null);
  /** True once Cancel was pressed, until the job stops. */
  cancelling = $state(false);
  /** What can be done with its result, once finished (set by whoever started it). */
  actions = $state.raw<JobAction[]>([]);

  #title: string;
  #total: number | null;

  /** `title` and `total` are shown until the backend's first reports say otherwise. */
  constructor(start: { title?: string; total?: number | null } = {}) {
    this.#title = start.title ?? "";
    this.#total = start.total ?? null;
    this.title = this.#title;
    this.total = this.#total;
  }

  get running(): boolean {
    return this.status === "running";
  }

  /**
   * Runs the job: `start` gets the new id and the sink for its progress, and calls the backend.
   * Resolves to its result; throws the ApiError when it failed or was cancelled (code
   * "cancelled"), after the state says so. An earlier run still answering resolves to null.
   */
  async run(start: (jobId: string, onProgress: ProgressSink) => Promise<T>, describe?: Describe<T>): Promise<T | null> {
    const id = newJobId();
    this.id = id;
    this.status = "running";
    this.title = this.#title;
    this.phase = "";
    this.done = 0;
    this.total = this.#total;
    this.warnings = [];
    this.summary = null;
    this.error = null;
    this.result = null;
    this.cancelling = false;
    this.actions = [];
    try {
      const result = await start(id, (p) => this.#report(id, p));
      if (this.id !== id) return null;
      const described = describe?.(result);
      this.result = result;
      this.status = "finished";
      if (described?.summary != null) this.summary = described.summary;
      // Warnings the channel already brought are not repeated.
      for (const w of described?.warnings ?? []) if (!this.warnings.includes(w)) this.warnings.push(w);
      if (this.total !== null) this.done = this.total;
      return result;
    } catch (e) {
      if (this.id !== id) return null;
      const error = api.toApiError(e);
      this.status = error.code === "cancelled" ? "cancelled" : "failed";
      this.error = error.code === "cancelled" ? null : error.message;
      throw error;
    } finally {
      if (this.id === id) this.cancelling = false;
    }
  }

  /**
   * Asks the backend to stop the job; it reports back as cancelled. Resolves to why Cancel was
   * refused (also in `error`), or null.
   */
  async cancel(): Promise<api.ApiError | null> {
    const id = this.id;
    if (!id || this.status !== "running") return null;
    this.cancelling = true;
    try {
      await api.cancelJob(id);
      return null;
    } catch (e) {
      if (this.id !== id) return null;
      this.cancelling = false;
      // "not_found": it ended meanwhile, and says how itself.
      const error = api.toApiError(e);
      if (error.code === "not_found") return null;
      this.error = error.message;
      return error;
    }
  }

  /** Back to before it ran (after a failure, to try again). */
  reset(): void {
    this.id = "";
    this.status = "idle";
    this.error = null;
    this.cancelling = false;
  }

  #report(id: string, p: Progress) {
    if (this.id !== id) return;
    switch (p.event) {
      case "started":
        if (p.title) this.title = p.title;
        break;
      case "progress":
        // Reports can arrive after the command's answer; a stopped job stays as it ended.
        if (this.status !== "running") return;
        this.phase = p.phase;
        this.done = p.done;
        this.total = p.total;
        break;
      case "warning":
        this.warnings.push(p.message);
        break;
      case "finished":
        this.summary = p.summary;
        break;
      case "failed":
        if (this.status !== "running") return;
        this.status = p.cancelled ? "cancelled" : "failed";
        this.error = p.cancelled ? null : p.message;
        break;
    }
  }
}

/** The jobs of this session, for the Jobs panel: each a JobRun, kept until dismissed. */
export class JobsStore {
  jobs = $state.raw<JobRun[]>([]);
  /** Whether the panel is shown; it opens by itself when a job starts. */
  open = $state(false);

  running: number = $derived(this.jobs.filter((j) => j.running).length);

  /**
   * Runs a job with a row in the panel. Resolves to its result, or to null when it failed or
   * was cancelled (the panel says why).
   *
   * @param describe  the line shown when it finished, and warnings, from its result; the
   *                  backend's own "finished" summary otherwise, else "Done"
   */
  async run<T>(
    title: string,
    start: (jobId: string, onProgress: ProgressSink) => Promise<T>,
    describe?: (result: T) => { summary: string; warnings?: string[] },
  ): Promise<T | null> {
    const job = new JobRun<T>({ title });
    this.jobs = [...this.jobs, job];
    this.open = true;
    try {
      return await job.run(start, (result) => {
        const described = describe?.(result);
        return { summary: described?.summary ?? job.summary ?? "Done", warnings: described?.warnings };
      });
    } catch {
      return null;
    }
  }

  /**
   * Gives a job started elsewhere (a dialog's) a row in the panel, so it can be followed and
   * cancelled there once the dialog is closed. Added once; the panel opens when `show`.
   */
  track(job: JobRun, show = false): void {
    if (!this.jobs.includes(job)) this.jobs = [...this.jobs, job];
    if (show) this.open = true;
  }

  get(id: string): JobRun | undefined {
    return this.jobs.find((j) => j.id === id);
  }

  /** Asks the backend to stop a job; it reports back as cancelled. */
  async cancel(id: string): Promise<void> {
    await this.get(id)?.cancel();
  }

  dismiss(id: string): void {
    this.jobs = this.jobs.filter((j) => j.id !== id || j.running);
    if (this.jobs.length === 0) this.open = false;
  }

  /** Removes every job that has stopped. */
  clearFinished(): void {
    this.jobs = this.jobs.filter((j) => j.running);
    if (this.jobs.length === 0) this.open = false;
  }
}
