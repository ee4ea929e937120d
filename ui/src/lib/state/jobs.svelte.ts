// Long jobs (a transcript import now, package exports later): each gets an id the backend can
// cancel by, a progress sink the API turns into a Tauri channel, and a row in the Jobs panel
// that shows its progress, warnings and result until the curator dismisses it.

import * as api from "../api";
import type { Progress, ProgressSink } from "../api";

export type JobStatus = "running" | "finished" | "failed" | "cancelled";

export interface Job {
  id: string;
  title: string;
  status: JobStatus;
  /** What the job is doing now ("reading", "writing"), from its last progress report. */
  phase: string;
  done: number;
  /** Units in all, when known; the bar is indeterminate without it. */
  total: number | null;
  warnings: string[];
  /** One line on what it did, once finished. */
  summary: string | null;
  /** Why it failed. */
  error: string | null;
  /** True once Cancel was pressed, until the job stops. */
  cancelling: boolean;
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

export class JobsStore {
  jobs = $state<Job[]>([]);
  /** Whether the panel is shown; it opens by itself when a job starts. */
  open = $state(false);

  running: number = $derived(this.jobs.filter((j) => j.status === "running").length);

  /**
   * Runs a job: `start` gets the new id and the sink for its progress, and calls the backend.
   * Resolves to its result, or to null when it failed or was cancelled (the panel says why).
   *
   * @param describe  the line shown when it finished, and warnings, from its result; the
   *                  backend's own "finished" summary otherwise
   */
  async run<T>(
    title: string,
    start: (jobId: string, onProgress: ProgressSink) => Promise<T>,
    describe?: (result: T) => { summary: string; warnings?: string[] },
  ): Promise<T | null> {
    const id = newJobId();
    this.jobs = [
      ...this.jobs,
      { id, title, status: "running", phase: "", done: 0, total: null, warnings: [], summary: null, error: null, cancelling: false },
    ];
    this.open = true;
    try {
      const result = await start(id, (p) => this.#report(id, p));
      this.#update(id, (j) => {
        if (j.status !== "running") return;
        j.status = "finished";
        const described = describe?.(result);
        j.summary = described?.summary ?? j.summary ?? "Done";
        // Warnings the channel already brought are not repeated.
        for (const w of described?.warnings ?? []) if (!j.warnings.includes(w)) j.warnings.push(w);
        if (j.total !== null) j.done = j.total;
      });
      return result;
    } catch (e) {
      const error = api.toApiError(e);
      this.#update(id, (j) => {
        if (j.status === "finished") return;
        j.status = error.code === "cancelled" ? "cancelled" : "failed";
        j.error = error.code === "cancelled" ? null : error.message;
      });
      return null;
    } finally {
      this.#update(id, (j) => (j.cancelling = false));
    }
  }

  get(id: string): Job | undefined {
    return this.jobs.find((j) => j.id === id);
  }

  /** Asks the backend to stop a job; it reports back as cancelled. */
  async cancel(id: string): Promise<void> {
    const job = this.get(id);
    if (!job || job.status !== "running") return;
    job.cancelling = true;
    try {
      await api.cancelJob(id);
    } catch (e) {
      // "not_found": it finished in the meantime; its own report will say how.
      const error = api.toApiError(e);
      if (error.code !== "not_found") this.#update(id, (j) => (j.error = error.message));
      this.#update(id, (j) => (j.cancelling = false));
    }
  }

  dismiss(id: string): void {
    this.jobs = this.jobs.filter((j) => j.id !== id || j.status === "running");
    if (this.jobs.length === 0) this.open = false;
  }

  /** Removes every job that has stopped. */
  clearFinished(): void {
    this.jobs = this.jobs.filter((j) => j.status === "running");
    if (this.jobs.length === 0) this.open = false;
  }

  #report(id: string, p: Progress) {
    this.#update(id, (j) => {
      switch (p.event) {
        case "started":
          if (p.title) j.title = p.title;
          break;
        case "progress":
          // Reports can arrive after the command's answer; a stopped job stays as it ended.
          if (j.status !== "running") return;
          j.phase = p.phase;
          j.done = p.done;
          j.total = p.total;
          break;
        case "warning":
          j.warnings.push(p.message);
          break;
        case "finished":
          j.summary = p.summary;
          break;
        case "failed":
          if (j.status === "finished") return;
          j.status = p.cancelled ? "cancelled" : "failed";
          j.error = p.cancelled ? null : p.message;
          break;
      }
    });
  }

  #update(id: string, change: (job: Job) => void) {
    const job = this.jobs.find((j) => j.id === id);
    if (job) change(job);
  }
}
