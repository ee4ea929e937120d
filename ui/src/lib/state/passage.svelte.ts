// The passage chosen in the transcript view: a run of segments of one transcript, from the
// segment first picked (the anchor) to the one picked last with Shift (the focus), in either
// direction. Tagging, linking, citing and restricting act on it.

import type { Segment } from "../api";
import type { TranscriptDoc } from "./transcript.svelte";

export interface PassageRange {
  transcriptId: string;
  first: Segment;
  last: Segment;
  /** The ids of every segment in it, first to last. */
  ids: Set<string>;
}

export class PassageSelection {
  transcriptId = $state<string | null>(null);
  anchor = $state<string | null>(null);
  focus = $state<string | null>(null);

  /**
   * Picks a segment: alone, or with `extend` from the anchor to it. Picking the only segment
   * chosen again lets the passage go.
   */
  pick(doc: TranscriptDoc, id: string, extend: boolean): void {
    if (extend && this.transcriptId === doc.id && this.anchor && doc.indexOf(this.anchor) >= 0) {
      this.focus = id;
      return;
    }
    if (this.transcriptId === doc.id && this.anchor === id && this.focus === id) {
      this.clear();
      return;
    }
    this.transcriptId = doc.id;
    this.anchor = id;
    this.focus = id;
  }

  clear(): void {
    this.transcriptId = null;
    this.anchor = null;
    this.focus = null;
  }

  /** The passage in `doc`, or null when nothing of it is chosen (or its ends are gone). */
  range(doc: TranscriptDoc | null): PassageRange | null {
    if (!doc || this.transcriptId !== doc.id || !this.anchor || !this.focus) return null;
    const a = doc.indexOf(this.anchor);
    const b = doc.indexOf(this.focus);
    if (a < 0 || b < 0) return null;
    const [from, to] = a <= b ? [a, b] : [b, a];
    const run = doc.segments.slice(from, to + 1);
    return { transcriptId: doc.id, first: run[0], last: run[run.length - 1], ids: new Set(run.map((s) => s.id)) };
  }
}
