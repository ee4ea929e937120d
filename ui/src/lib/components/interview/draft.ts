// An interview as the editor holds it while the curator types, and back to what the backend
// takes. Everything the form does not show (duration) is carried over from the record.

import type { Interview, InterviewInput, InterviewStatus, PersonRef } from "../../api";

export interface InterviewDraft {
  title: string;
  /** "" for no collection (a <select> value). */
  collectionId: string;
  date: string;
  place: string;
  /** Comma-separated codes, as typed. */
  languages: string;
  summary: string;
  status: InterviewStatus;
  narrators: PersonRef[];
  interviewers: PersonRef[];
}

export const STATUSES: { value: InterviewStatus; label: string }[] = [
  { value: "draft", label: "Draft" },
  { value: "curated", label: "Curated" },
  { value: "published", label: "Published" },
];

export function statusLabel(status: InterviewStatus): string {
  return STATUSES.find((s) => s.value === status)?.label ?? status;
}

export function draftOf(i: Interview): InterviewDraft {
  return {
    title: i.title,
    collectionId: i.collection_id ?? "",
    date: i.date ?? "",
    place: i.place,
    languages: i.languages.join(", "),
    summary: i.summary,
    status: i.status,
    narrators: i.narrators.map((p) => ({ id: p.id, name: p.name })),
    interviewers: i.interviewers.map((p) => ({ id: p.id, name: p.name })),
  };
}

/** Splits "ru, en; uk" into codes. */
export function parseLanguages(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export function inputOf(d: InterviewDraft, base: Interview): InterviewInput {
  return {
    title: d.title,
    collection_id: d.collectionId || null,
    date: d.date.trim() || null,
    place: d.place,
    languages: parseLanguages(d.languages),
    summary: d.summary,
    duration_ms: base.duration_ms,
    status: d.status,
    narrator_ids: d.narrators.map((p) => p.id),
    interviewer_ids: d.interviewers.map((p) => p.id),
  };
}

export function sameDraft(a: InterviewDraft, b: InterviewDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A sortable form of an EDTF date: "1927-02~" sorts as 1927-02, "192X" as 1920, an interval
 * by its start. Blank stays blank (sorted last).
 */
export function dateSortKey(date: string | null): string | null {
  if (!date) return null;
  const start = date.split("/")[0].replace(/^\.\./, "");
  const key = start.replace(/[~?%[\]{}]/g, "").replace(/[Xx]/g, "0");
  return key || null;
}

export function narratorNames(i: Interview): string {
  return i.narrators.map((p) => p.name).join(", ");
}
