// Undo for a record editor (an interview's, a person's, a source's, a photo's details): each
// saved edit is a step back to the values saved before it. Undoing writes those values again
// through the editor's own save, the normal write path, so the core checks them and logs the
// change like any other. Typing in one field, saved in several pauses, is one step.
//
// Inside a text field Ctrl+Z stays the browser's own text undo; outside one (or with the Undo
// beside "Saved") it undoes the last saved edit of the record.

import { hasMod, isMac } from "../components/shared/keys";
import { UndoStack } from "./undo.svelte";

export class EditHistory<T extends object> {
  readonly stack = new UndoStack();
  #apply: (value: T) => Promise<void>;
  #names: Partial<Record<keyof T, string>>;
  #applying = false;
  /** The field the last step was typed in, while typing there goes on. */
  #lastKey: string | null = null;
  #before = new WeakMap<object, T>();
  /** The text field the edit waiting to be saved was typed in, if it was typed. */
  typing: string | null = null;

  /**
   * @param apply  puts the values in the editor and saves them (throws when the save fails)
   * @param names  how each field is named in the step's label ("title")
   */
  constructor(apply: (value: T) => Promise<void>, names: Partial<Record<keyof T, string>> = {}) {
    this.#apply = apply;
    this.#names = names;
  }

  get canUndo(): boolean {
    return this.stack.canUndo;
  }

  get undoLabel(): string | null {
    return this.stack.undoLabel;
  }

  /**
   * Notes a save that took the record from `before` to `after`. `key` names the text field it
   * was typed in: saves of one field one after another fold into one step.
   */
  saved(before: T, after: T, key: string | null = null): void {
    if (this.#applying) return;
    const changed = changedFields(before, after);
    if (changed.length === 0) return;
    const top = this.stack.top;
    const fold = key !== null && key === this.#lastKey && top !== undefined && this.#before.has(top);
    const from = fold ? this.#before.get(top!)! : before;
    const entry = {
      label: `Change ${changedFields(from, after)
        .map((f) => this.#names[f] ?? String(f))
        .join(", ")}`,
      key: key ?? undefined,
      undo: () => this.#run(from),
      redo: () => this.#run(after),
    };
    this.#before.set(entry, from);
    if (fold) this.stack.replaceTop(entry);
    else this.stack.push(entry);
    this.#lastKey = key;
  }

  /** Puts back the values saved before the last step; resolves to its label, or null. */
  async undo(): Promise<string | null> {
    this.#lastKey = null;
    return (await this.stack.undo())?.label ?? null;
  }

  async redo(): Promise<string | null> {
    this.#lastKey = null;
    return (await this.stack.redo())?.label ?? null;
  }

  /**
   * Ctrl/Cmd+Z (undo) and Ctrl/Cmd+Shift+Z or Ctrl+Y (redo) pressed outside a text field; true
   * when the key was taken. A text field keeps its own undo of what is typed in it.
   */
  takesKey(e: KeyboardEvent): "undo" | "redo" | null {
    if (e.defaultPrevented || !hasMod(e) || e.altKey) return null;
    if (isTextField(e.target)) return null;
    const key = e.key.toLowerCase();
    if (key === "z") return e.shiftKey ? "redo" : "undo";
    if (key === "y" && !e.shiftKey && !isMac) return "redo";
    return null;
  }

  /** Notes where an edit was typed (its input event), so its saves fold into one step. */
  typedIn(e?: Event): void {
    const el = (e?.target ?? document.activeElement) as HTMLElement | null;
    this.typing = el?.dataset?.testid ?? el?.id ?? null;
  }

  /** Notes an edit that was not typed (a choice in a list): a step of its own. */
  chose(): void {
    this.typing = null;
  }

  /**
   * Takes the undo keys for `step`, unless a dialog is open or the key was for a text field.
   * For a window's keydown.
   */
  keydown(e: KeyboardEvent, step: (what: "undo" | "redo") => void): void {
    const what = this.takesKey(e);
    if (!what || document.querySelector("[aria-modal='true']")) return;
    e.preventDefault();
    step(what);
  }

  /**
   * Undoes or redoes after `flush` (the edit still waiting to be saved), and says what it did;
   * `notify` and `fail` are the window's notice line.
   */
  async step(what: "undo" | "redo", flush: () => Promise<void>, notify: (message: string) => void, fail: (e: unknown) => void): Promise<void> {
    try {
      await flush();
      const label = what === "undo" ? await this.undo() : await this.redo();
      if (label) notify(`${what === "undo" ? "Undone" : "Redone"}: ${label.toLowerCase()}.`);
    } catch (e) {
      fail(e);
    }
  }

  async #run(value: T): Promise<void> {
    this.#applying = true;
    try {
      await this.#apply(structuredClone(value));
    } finally {
      this.#applying = false;
    }
  }
}

function changedFields<T extends object>(a: T, b: T): (keyof T)[] {
  return (Object.keys(b) as (keyof T)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** Whether keys typed here edit text (where Ctrl+Z is the text's own undo). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(target.type);
  return false;
}
