// One transcript being read and edited: its segments, kept in step with the backend by applying
// what each write returns (a transcript of 10,000 segments is never reloaded for one edit), and
// every edit recorded on an undo stack as its inverse: a text, speaker or time change is undone
// by writing the old values back; a split by merging; a merge by splitting again.

import * as api from "../api";
import type { Segment, SegmentInput, Stamp, StampOrder, Transcript } from "../api";
import type { SaveState } from "./autosave.svelte";
import { UndoStack, type UndoEntry } from "./undo.svelte";

/** What updateSegment takes, from a segment as it is. */
export function inputOf(s: Segment): SegmentInput {
  return { start_ms: s.start_ms, end_ms: s.end_ms, speaker_id: s.speaker_id, speaker_label: s.speaker_label, text: s.text };
}

function sameInput(a: SegmentInput, b: SegmentInput): boolean {
  return (
    a.text === b.text &&
    (a.speaker_label ?? "") === (b.speaker_label ?? "") &&
    (a.speaker_id ?? null) === (b.speaker_id ?? null) &&
    (a.start_ms ?? null) === (b.start_ms ?? null) &&
    (a.end_ms ?? null) === (b.end_ms ?? null)
  );
}

/** The length of a string in Unicode characters, as the backend counts split offsets. */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** A UTF-16 offset into `text` (a textarea's selectionStart) as a count of Unicode characters. */
export function charOffset(text: string, utf16Offset: number): number {
  return charLength(text.slice(0, utf16Offset));
}

export class TranscriptDoc {
  readonly transcript: Transcript;
  segments = $state.raw<Segment[]>([]);
  loaded = $state(false);
  loadError = $state<string | null>(null);
  /** Where the writes stand, for the quiet "Saving… / Saved" label. */
  saveState = $state<SaveState>("idle");
  saveError = $state<string | null>(null);
  /** The segment the last write or undo touched, to bring into view. */
  touched = $state.raw<{ id: string; n: number } | null>(null);
  /** Bumped by splits and merges, which change the rows a side-by-side view lines up. */
  shape = $state(0);
  readonly undo: UndoStack;
  /** The segments by id, for rows that look theirs up. */
  byId: Map<string, Segment> = $derived(new Map(this.segments.map((s) => [s.id, s])));
  /** Speaker labels used, for suggestions. */
  speakers: string[] = $derived([...new Set(this.segments.map((s) => s.speaker_label).filter(Boolean))].sort());
  /** Saves waiting in open segment editors, flushed before any edit that reshapes the list. */
  readonly editors = new Map<string, () => Promise<void>>();

  /** Old ids of segments that were deleted and made again by an undo or redo, to their new ids. */
  #aliases = new Map<string, string>();
  #writes = 0;
  #touchSeq = 0;

  constructor(transcript: Transcript, undo: UndoStack = new UndoStack()) {
    this.transcript = transcript;
    this.undo = undo;
  }

  get id(): string {
    return this.transcript.id;
  }

  async load(): Promise<void> {
    try {
      this.segments = await api.transcriptSegments(this.transcript.id);
      this.loadError = null;
    } catch (e) {
      this.loadError = api.messageOf(e);
    } finally {
      this.loaded = true;
    }
  }

  /** The segment with this id (or the one it became after an undo), if any. */
  get(id: string): Segment | undefined {
    return this.byId.get(this.#resolve(id));
  }

  /** Saves what every open segment editor is waiting to save. */
  async flushEditors(): Promise<void> {
    await Promise.all([...this.editors.values()].map((flush) => flush()));
  }

  indexOf(id: string): number {
    const real = this.#resolve(id);
    return this.segments.findIndex((s) => s.id === real);
  }

  // Edits

  /**
   * Changes a segment's text, speaker or times. Edits with the same `session` (one stretch of
   * typing in one segment) become one undo step.
   */
  update(id: string, patch: Partial<SegmentInput>, session?: string): Promise<Segment | null> {
    // Worked out when its turn comes, from the segment as the edits before it left it.
    return this.undo.run(() => this.#update(id, patch, session));
  }

  async #update(id: string, patch: Partial<SegmentInput>, session?: string): Promise<Segment | null> {
    const before = this.get(id);
    if (!before) return null;
    const from = inputOf(before);
    const to: SegmentInput = { ...from, ...patch };
    if (sameInput(from, to)) return before;
    const saved = await this.#write(() => this.#put(before.id, to));
    const key = session ? `edit:${before.id}:${session}` : undefined;
    const top = this.undo.top as (UndoEntry & { from?: SegmentInput }) | undefined;
    const label = from.text !== to.text ? "Edit text" : from.speaker_label !== to.speaker_label ? "Edit speaker" : "Change time";
    if (key && top?.key === key && top.from) this.undo.replaceTop(this.#editEntry(before.id, top.from, inputOf(saved), key, top.label));
    else this.undo.push(this.#editEntry(before.id, from, inputOf(saved), key, label));
    return saved;
  }

  /**
   * Stamps a time as the segment's start (the player's position, Ctrl+J). A time out of order
   * with the segments around it is stamped only as `order` says (kept there, or the segment
   * moved into time order); by default the core's answer says why it was not.
   */
  async syncStart(id: string, atMs: number, order: StampOrder = "check"): Promise<Stamp | null> {
    await this.flushEditors();
    return this.undo.run(() => this.#syncStart(id, atMs, order));
  }

  async #syncStart(id: string, atMs: number, order: StampOrder): Promise<Stamp | null> {
    const before = this.get(id);
    if (!before) return null;
    const at = Math.round(atMs);
    const answer = await this.#write(() => this.#stamp(before.id, at, order));
    if (answer.kind !== "stamped") return answer;
    const saved = answer.segment;
    if (saved.position === before.position) {
      this.undo.push(this.#editEntry(before.id, inputOf(before), inputOf(saved), undefined, "Set start time"));
    } else {
      // Moved into time order: undone by moving it back, then giving it its old times.
      const [from, place] = [inputOf(before), before.position];
      this.undo.push({
        label: "Set start time and move into time order",
        undo: async () => {
          await this.#write(() => this.#move(this.#resolve(before.id), place));
          await this.#write(() => this.#put(this.#resolve(before.id), from));
        },
        redo: async () => {
          await this.#write(() => this.#stamp(this.#resolve(before.id), at, "reorder"));
        },
      });
    }
    return answer;
  }

  /** Splits a segment at a character offset (Unicode characters), optionally at a time. */
  async split(id: string, atChar: number, atMs: number | null): Promise<[Segment, Segment] | null> {
    await this.flushEditors();
    return this.undo.run(() => this.#splitStep(id, atChar, atMs));
  }

  async #splitStep(id: string, atChar: number, atMs: number | null): Promise<[Segment, Segment] | null> {
    const before = this.get(id);
    if (!before) return null;
    const pair = await this.#write(() => this.#split(before.id, atChar, atMs));
    const original = inputOf(before);
    let secondId = pair[1].id;
    this.undo.push({
      label: "Split segment",
      undo: async () => {
        const first = this.#resolve(before.id);
        const merged = await this.#write(() => this.#merge(first));
        if (!sameInput(inputOf(merged), original)) await this.#write(() => this.#put(first, original));
      },
      redo: async () => {
        const [, second] = await this.#write(() => this.#split(this.#resolve(before.id), atChar, atMs));
        this.#alias(secondId, second.id);
        secondId = second.id;
      },
    });
    return pair;
  }

  /** Merges a segment with the one after it. */
  async merge(id: string): Promise<Segment | null> {
    await this.flushEditors();
    return this.undo.run(() => this.#mergeStep(id));
  }

  async #mergeStep(id: string): Promise<Segment | null> {
    const at = this.indexOf(id);
    const a = this.segments[at];
    const b = this.segments[at + 1];
    if (!a) return null;
    if (!b) {
      // Let the backend say why, in its words.
      return this.#write(() => this.#merge(a.id));
    }
    const merged = await this.#write(() => this.#merge(a.id));
    const [first, second] = [inputOf(a), inputOf(b)];
    let secondId = b.id;
    this.undo.push({
      label: "Merge segments",
      undo: async () => {
        const created = await this.#unmerge(this.#resolve(a.id), first, second);
        this.#alias(secondId, created.id);
        secondId = created.id;
      },
      redo: async () => {
        await this.#write(() => this.#merge(this.#resolve(a.id)));
      },
    });
    return merged;
  }

  /** Undoes the last step; resolves to true when there was one. */
  async undoLast(): Promise<boolean> {
    await this.flushEditors();
    return (await this.undo.undo()) !== null;
  }

  async redoLast(): Promise<boolean> {
    await this.flushEditors();
    return (await this.undo.redo()) !== null;
  }

  // Writes, applied to the list as the backend answers

  #editEntry(id: string, from: SegmentInput, to: SegmentInput, key: string | undefined, label: string): UndoEntry & { from: SegmentInput } {
    return {
      label,
      key,
      from,
      undo: async () => {
        await this.#write(() => this.#put(this.#resolve(id), from));
      },
      redo: async () => {
        await this.#write(() => this.#put(this.#resolve(id), to));
      },
    };
  }

  async #stamp(id: string, atMs: number, order: StampOrder): Promise<Stamp> {
    const answer = await api.syncSegmentStart(id, atMs, order);
    if (answer.kind === "stamped") this.#place(answer.segment);
    return answer;
  }

  async #move(id: string, position: number): Promise<Segment> {
    const moved = await api.moveSegment(id, position);
    this.#place(moved);
    return moved;
  }

  /** Puts a segment the backend returned in the list, at its position (it may have moved). */
  #place(saved: Segment) {
    const at = this.segments.findIndex((s) => s.id === saved.id);
    if (at < 0) return;
    if (at === saved.position) return this.#replace(saved);
    const next = this.segments.slice();
    next.splice(at, 1);
    next.splice(saved.position, 0, saved);
    this.segments = next.map((s, i) => (s.position === i ? s : { ...s, position: i }));
    this.shape++;
    this.#touch(saved.id);
  }

  async #put(id: string, input: SegmentInput): Promise<Segment> {
    const saved = await api.updateSegment(id, input);
    this.#replace(saved);
    return saved;
  }

  async #split(id: string, atChar: number, atMs: number | null): Promise<[Segment, Segment]> {
    const [first, second] = await api.splitSegment(id, atChar, atMs);
    const at = this.segments.findIndex((s) => s.id === first.id);
    const next = this.segments.slice();
    if (at >= 0) {
      next[at] = first;
      next.splice(at + 1, 0, second);
      for (let i = at + 2; i < next.length; i++) next[i] = { ...next[i], position: next[i].position + 1 };
    }
    this.segments = next;
    this.shape++;
    this.#touch(second.id);
    return [first, second];
  }

  async #merge(id: string): Promise<Segment> {
    const merged = await api.mergeSegmentWithNext(id);
    const at = this.segments.findIndex((s) => s.id === merged.id);
    const next = this.segments.slice();
    if (at >= 0) {
      next[at] = merged;
      next.splice(at + 1, 1);
      for (let i = at + 1; i < next.length; i++) next[i] = { ...next[i], position: next[i].position - 1 };
    }
    this.segments = next;
    this.shape++;
    this.#touch(merged.id);
    return merged;
  }

  /**
   * Splits a merged segment back into the two it was made of, exactly as they were. The backend
   * splits only inside the text, so an empty half is given a stand-in first.
   */
  async #unmerge(id: string, first: SegmentInput, second: SegmentInput): Promise<Segment> {
    const merged = this.get(id);
    if (!merged) throw new api.ApiError("not_found", "The merged segment is no longer in this transcript.");
    const head = first.text || "·";
    const tail = second.text || "·";
    if (merged.text !== `${head} ${tail}`) await this.#write(() => this.#put(id, { ...inputOf(merged), text: `${head} ${tail}` }));
    const t = second.start_ms ?? null;
    const m = this.get(id)!;
    const inside = t !== null && (m.start_ms === null || t >= m.start_ms) && (m.end_ms === null || t <= m.end_ms);
    const [a, b] = await this.#write(() => this.#split(id, charLength(head), inside ? t : null));
    if (!sameInput(inputOf(a), first)) await this.#write(() => this.#put(a.id, first));
    if (!sameInput(inputOf(b), second)) await this.#write(() => this.#put(b.id, second));
    return b;
  }

  #replace(saved: Segment) {
    const at = this.segments.findIndex((s) => s.id === saved.id);
    if (at < 0) return;
    const next = this.segments.slice();
    next[at] = saved;
    this.segments = next;
    this.#touch(saved.id);
  }

  #touch(id: string) {
    this.touched = { id, n: ++this.#touchSeq };
  }

  /** Runs one write, keeping the save state: saving while any runs, saved or failed after. */
  async #write<T>(step: () => Promise<T>): Promise<T> {
    this.#writes++;
    this.saveState = "saving";
    try {
      const result = await step();
      this.saveError = null;
      if (--this.#writes === 0) this.saveState = "saved";
      return result;
    } catch (e) {
      this.#writes--;
      this.saveState = "error";
      this.saveError = api.messageOf(e);
      throw api.toApiError(e);
    }
  }

  #resolve(id: string): string {
    let real = id;
    for (let hops = 0; hops < 1000 && this.#aliases.has(real); hops++) real = this.#aliases.get(real)!;
    return real;
  }

  /** Records that the segment once known as `old` is now `now`. */
  #alias(old: string, now: string) {
    const current = this.#resolve(old);
    if (current !== now) this.#aliases.set(current, now);
  }
}
