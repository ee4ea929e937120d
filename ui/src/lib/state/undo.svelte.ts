// An undo stack of inverse operations, for edits that went to the backend: each entry knows
// how to undo and redo itself. It also runs the edits themselves (`run`): edits, undos and
// redos go one at a time, in order, however fast the keys come, so each is worked out from
// what the one before it left.

export interface UndoEntry {
  /** What it did, for the Undo button's title ("Edit text", "Split segment"). */
  label: string;
  /** Entries with the same key, pushed one after another, may be folded into one. */
  key?: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

/** How many steps are kept. */
export const UNDO_LIMIT = 200;

export class UndoStack {
  #done = $state.raw<UndoEntry[]>([]);
  #undone = $state.raw<UndoEntry[]>([]);
  /** True while an undo or redo is running. */
  busy = $state(false);
  #queue: Promise<unknown> = Promise.resolve();

  canUndo: boolean = $derived(this.#done.length > 0);
  canRedo: boolean = $derived(this.#undone.length > 0);
  /** The label of what Undo would undo. */
  undoLabel: string | null = $derived(this.#done.at(-1)?.label ?? null);
  redoLabel: string | null = $derived(this.#undone.at(-1)?.label ?? null);

  /** The last step done, if any. */
  get top(): UndoEntry | undefined {
    return this.#done.at(-1);
  }

  /** Records a step just done. Anything undone before it can no longer be redone. */
  push(entry: UndoEntry): void {
    this.#done = [...this.#done, entry].slice(-UNDO_LIMIT);
    this.#undone = [];
  }

  /** Replaces the last step (folding a run of typing into one step). */
  replaceTop(entry: UndoEntry): void {
    if (this.#done.length === 0) this.push(entry);
    else this.#done = [...this.#done.slice(0, -1), entry];
    this.#undone = [];
  }

  /** Runs an edit after every edit, undo and redo asked for before it. */
  run<T>(step: () => Promise<T>): Promise<T> {
    return this.#enqueue(step);
  }

  /** Undoes the last step; resolves to it, or null when there was nothing to undo. A failed step stays on the stack. */
  undo(): Promise<UndoEntry | null> {
    return this.#enqueue(async () => {
      const entry = this.#done.at(-1);
      if (!entry) return null;
      await entry.undo();
      this.#done = this.#done.slice(0, -1);
      this.#undone = [...this.#undone, entry];
      return entry;
    });
  }

  redo(): Promise<UndoEntry | null> {
    return this.#enqueue(async () => {
      const entry = this.#undone.at(-1);
      if (!entry) return null;
      await entry.redo();
      this.#undone = this.#undone.slice(0, -1);
      this.#done = [...this.#done, entry];
      return entry;
    });
  }

  clear(): void {
    this.#done = [];
    this.#undone = [];
  }

  #enqueue<T>(step: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      this.busy = true;
      try {
        return await step();
      } finally {
        this.busy = false;
      }
    });
    this.#queue = run.catch(() => {});
    return run;
  }
}
