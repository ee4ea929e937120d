// Targets (what a tag, link, citation or restriction points at) and their words.

import type { LinkType, RecordKind, RecordRef, SpanRef, Target } from "../../api";

export function recordTarget(kind: RecordKind, id: string): Target {
  return { type: "record", kind, id };
}

export function spanTarget(span: SpanRef): Target {
  return { type: "span", transcript_id: span.transcript_id, first_segment_id: span.first_segment_id, last_segment_id: span.last_segment_id };
}

export function sameTarget(a: Target, b: Target): boolean {
  if (a.type === "record" && b.type === "record") return a.kind === b.kind && a.id === b.id;
  if (a.type === "span" && b.type === "span") {
    return a.transcript_id === b.transcript_id && a.first_segment_id === b.first_segment_id && a.last_segment_id === b.last_segment_id;
  }
  return false;
}

/** A stable key for a target, for keyed lists. */
export function targetKey(t: Target): string {
  return t.type === "record" ? `${t.kind}:${t.id}` : `span:${t.transcript_id}:${t.first_segment_id}:${t.last_segment_id}`;
}

/** The record a target is of or in: the record itself, or a span's transcript. */
export function recordIdOf(t: Target): string {
  return t.type === "record" ? t.id : t.transcript_id;
}

export function refOf(t: Target): RecordRef | null {
  return t.type === "record" ? { kind: t.kind, id: t.id } : null;
}

const KINDS: Record<RecordKind, string> = {
  collection: "Collection",
  interview: "Interview",
  person: "Person",
  photo: "Photo",
  region: "Photo region",
  source: "Source",
  transcript: "Transcript",
  index_point: "Index point",
};

/** "Interview", "Person", "Passage". */
export function kindLabel(t: Target): string {
  return t.type === "span" ? "Passage" : KINDS[t.kind];
}

export const LINK_TYPES: { value: LinkType; label: string }[] = [
  { value: "mentions", label: "mentions" },
  { value: "related_to", label: "is related to" },
  { value: "depicts", label: "depicts" },
  { value: "cites", label: "cites" },
  { value: "parent_of", label: "is a parent of" },
  { value: "grandparent_of", label: "is a grandparent of" },
  { value: "spouse_of", label: "is the spouse or partner of" },
  { value: "sibling_of", label: "is a sibling of" },
  { value: "relative_of", label: "is a relative of" },
  { value: "friend_of", label: "is a friend of" },
  { value: "colleague_of", label: "is a colleague of" },
];

/** 83 000 ms → "1:23"; 3 723 000 → "1:02:03". */
export function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}
