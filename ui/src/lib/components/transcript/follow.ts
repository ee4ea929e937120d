// Which segment is at the player's position, found quickly in long transcripts.

import type { Segment } from "../../api";

/** The indexes of the segments that have a start time, ordered by it (ties in transcript order). */
export function timedOrder(segments: Segment[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < segments.length; i++) if (segments[i].start_ms !== null) out.push(i);
  out.sort((a, b) => segments[a].start_ms! - segments[b].start_ms! || a - b);
  return out;
}

/** How long after a segment's end it still counts as the one playing (a pause in speech). */
export const PAUSE_MS = 3000;

/**
 * The index of the segment playing at `ms`: the last to start at or before it. Before the first
 * start, none (-1). In a short pause after a segment ends it stays the one playing, as a reader
 * expects; long after its end (a translation that has nothing here), none.
 */
export function segmentAt(segments: Segment[], order: number[], ms: number): number {
  let lo = 0;
  let hi = order.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[order[mid]].start_ms! <= ms) {
      found = order[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const end = found >= 0 ? segments[found].end_ms : null;
  return end !== null && ms > end + PAUSE_MS ? -1 : found;
}

/** A first guess at a segment row's height, before it is measured: lines of text by width. */
export function estimateRow(text: string, width: number): number {
  const textWidth = Math.max(160, Math.min(width - 130, 620));
  const perLine = Math.max(16, Math.floor(textWidth / 7.8));
  const lines = Math.max(1, Math.ceil((text.length + 1) / perLine));
  return 46 + lines * 24;
}
