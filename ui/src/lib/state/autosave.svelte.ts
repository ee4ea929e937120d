// Save-as-you-type: edits are saved after a quiet moment (or at once on flush), one save at a
// time, and the last edit always wins. The state drives the quiet "Saving… / Saved" label.

import { ApiError, toApiError } from "../api";

export type SaveState = "idle" | "pending" | "saving" | "saved" | "error";

/** How long typing must pause before a save, in milliseconds. */
export const AUTOSAVE_DELAY = 400;

export class Autosave<T> {
  state = $state<SaveState>("idle");
  error = $state.raw<ApiError | null>(null);

  #read: () => T;
  #write: (value: T) => Promise<void>;
  #delay: number;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #dirty = false;
  #running: Promise<void> | null = null;

  /**
   * @param read   the value to save, read when the save starts (so the latest edit is sent)
   * @param write  saves it; throws on failure
   */
  constructor(read: () => T, write: (value: T) => Promise<void>, delay = AUTOSAVE_DELAY) {
    this.#read = read;
    this.#write = write;
    this.#delay = delay;
  }

  /** Whether an edit is waiting to be saved or being saved. */
  get busy(): boolean {
    return this.#dirty || this.#running !== null;
  }

  /** Notes an edit; it is saved once typing pauses. */
  schedule(): void {
    this.#dirty = true;
    this.state = "pending";
    this.#clearTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#drain();
    }, this.#delay);
  }

  /** Saves any waiting edit now (on blur, on leaving the record). */
  flush(): Promise<void> {
    this.#clearTimer();
    if (this.#running) return this.#running;
    return this.#dirty ? this.#drain() : Promise.resolve();
  }

  /** Notes an edit and saves it now (for discrete changes: a chip, a select). */
  saveNow(): Promise<void> {
    this.#dirty = true;
    return this.flush();
  }

  /** Stops a waiting save without saving (when the record is gone). */
  cancel(): void {
    this.#clearTimer();
    this.#dirty = false;
  }

  #clearTimer() {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
  }

  #drain(): Promise<void> {
    if (this.#running) return this.#running;
    this.#running = (async () => {
      try {
        // Edits made during a save wait for their own timer, unless flushed.
        while (this.#dirty && this.#timer === null) {
          this.#dirty = false;
          this.state = "saving";
          try {
            await this.#write(this.#read());
            this.error = null;
            this.state = this.#dirty ? "pending" : "saved";
          } catch (e) {
            this.error = toApiError(e);
            this.state = "error";
            // Stop here; the next edit, or leaving the field, tries again.
            break;
          }
        }
      } finally {
        this.#running = null;
      }
    })();
    return this.#running;
  }
}
