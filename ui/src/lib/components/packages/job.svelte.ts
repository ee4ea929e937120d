// One long job run from a dialog (export, import, audit): its progress as the backend reports
// it, Cancel, and how it ended. The jobs panel can take these over later; the shape is the same.

import * as api from "../../api";
import type { Progress, ProgressSink } from "../../api";

export type JobState = "idle" | "running" | "done" | "failed" | "cancelled";

/** A fresh job id (a UUID). */
export function newJobId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") {
    try {
      return c.randomUUID();
    } catch {
      // Not a secure context: make one below.
    }
  }
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export class JobRun<T> {
  state = $state<JobState>("idle");
  title = $state("");
  phase = $state("");
  done = $state(0);
  total = $state<number | null>(null);
  warnings = $state<string[]>([]);
  /** The backend's one-line summary, once finished. */
  summary = $state<string | null>(null);
  error = $state<string | null>(null);
  result = $state.raw<T | null>(null);
  cancelling = $state(false);
  #id: string | null = null;

  get running(): boolean {
    return this.state === "running";
  }

  /** Runs the job; resolves to its result, or null when it failed or was cancelled. */
  async run(start: (jobId: string, onProgress: ProgressSink) => Promise<T>): Promise<T | null> {
    const id = newJobId();
    this.#id = id;
    this.state = "running";
    this.phase = "";
    this.done = 0;
    this.total = null;
    this.warnings = [];
    this.summary = null;
    this.error = null;
    this.result = null;
    this.cancelling = false;
    try {
      const result = await start(id, (p) => this.#report(id, p));
      if (this.#id !== id) return null;
      this.result = result;
      this.state = "done";
      if (this.total !== null) this.done = this.total;
      return result;
    } catch (e) {
      if (this.#id !== id) return null;
      const error = api.toApiError(e);
      this.state = error.code === "cancelled" ? "cancelled" : "failed";
      this.error = error.code === "cancelled" ? null : error.message;
      throw error;
    } finally {
      if (this.#id === id) this.cancelling = false;
    }
  }

  /** Asks the backend to stop the job; it reports back as cancelled. */
  async cancel(): Promise<void> {
    if (!this.#id || this.state !== "running") return;
    this.cancelling = true;
    try {
      await api.cancelJob(this.#id);
    } catch (e) {
      // "not_found": it ended meanwhile, and says how itself.
      if (api.toApiError(e).code !== "not_found") this.error = api.messageOf(e);
      this.cancelling = false;
    }
  }

  /** Back to before it ran (after a failure, to try again). */
  reset(): void {
    this.#id = null;
    this.state = "idle";
    this.error = null;
    this.cancelling = false;
  }

  #report(id: string, p: Progress) {
    if (this.#id !== id) return;
    switch (p.event) {
      case "started":
        this.title = p.title;
        break;
      case "progress":
        if (this.state !== "running") return;
        this.phase = p.phase;
        this.done = p.done;
        this.total = p.total;
        break;
      case "warning":
        this.warnings = [...this.warnings, p.message];
        break;
      case "finished":
        this.summary = p.summary;
        break;
      case "failed":
        break;
    }
  }
}

/** "hashing" → "Hashing". */
export function phaseLabel(phase: string): string {
  return phase ? phase[0].toUpperCase() + phase.slice(1) : "Starting";
}
