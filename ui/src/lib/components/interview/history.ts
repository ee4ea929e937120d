// Words for the provenance log: what an event did, and which fields a change touched.

import type { EventType, HistoryEvent } from "../../api";

const ACTIONS: Record<EventType, string> = {
  creation: "Created",
  ingestion: "Imported",
  modification: "Changed",
  deletion: "Deleted",
  merge: "Merged",
  restriction: "Access changed",
  fixity_check: "Files checked",
  export: "Exported",
};

const FIELDS: Record<string, string> = {
  title: "title",
  collection_id: "collection",
  date: "date",
  place: "place",
  languages: "languages",
  summary: "summary",
  duration_ms: "duration",
  status: "status",
  narrators: "narrators",
  interviewers: "interviewers",
  display_name: "name",
  sort_name: "sort name",
  birth_date: "birth date",
  death_date: "death date",
  note: "note",
  description: "description",
};

const ORIGINS: Record<string, string> = {
  window: "in the window",
  cli: "on the command line",
  import: "by an import",
  sample: "with the sample archive",
  system: "by Recollect",
};

export function actionOf(e: HistoryEvent): string {
  return ACTIONS[e.event_type] ?? e.event_type;
}

export function originOf(e: HistoryEvent): string {
  return ORIGINS[e.origin] ?? e.origin;
}

/** The fields a modification changed, in words ("title, date"). */
export function changedFields(e: HistoryEvent): string[] {
  if (!e.before || !e.after) return [];
  let before: Record<string, unknown>;
  let after: Record<string, unknown>;
  try {
    before = JSON.parse(e.before);
    after = JSON.parse(e.after);
  } catch {
    return [];
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changed: string[] = [];
  for (const key of keys) {
    if (key === "updated_at" || key === "created_at" || key === "interview_count" || key === "id") continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed.push(FIELDS[key] ?? key.replace(/_/g, " "));
  }
  return changed;
}
