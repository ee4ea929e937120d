// Words for the provenance log: what an event did, which fields a change touched and how
// (before → after), for every kind of event and record the log holds.

import type { EventType, HistoryEvent, Target } from "../../api";

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
  label: "label",
  alt_labels: "alternative labels",
  scope_note: "scope note",
  broader_id: "broader tag",
  level: "level",
  layer: "part",
  until: "until",
  reason: "reason",
  replacement: "shown instead",
  signed_on: "signed on",
  terms: "terms",
  narrator_id: "narrator",
  locator: "where in the source",
  link_type: "link",
  container_title: "published in",
  authors: "authors",
  source_type: "type",
};

/** Fields that say nothing to the curator. */
const IGNORED = new Set(["updated_at", "created_at", "interview_count", "id", "fold", "reference"]);

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

/** Where the change was made. An event that came with a package happened in another archive,
 * whatever it says, and reads so. */
export function originOf(e: HistoryEvent): string {
  const origin = ORIGINS[e.origin] ?? e.origin;
  return e.imported_from ? `${origin} of another archive` : origin;
}

/** For an event that came with a package: which one, and when it was imported. */
export function importedFrom(e: HistoryEvent): string | null {
  const from = e.imported_from;
  return from ? `Came with package ${from.package}, imported on ${from.imported_on}` : null;
}

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The fields a modification changed, in words ("title, date"). */
export function changedFields(e: HistoryEvent): string[] {
  return changesOf(e).map((c) => c.field);
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

/** What a change did to each field, as short text: "1927" → "1927-02~". */
export function changesOf(e: HistoryEvent): FieldChange[] {
  const before = parse(e.before);
  const after = parse(e.after);
  if (!before || !after) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: FieldChange[] = [];
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    out.push({ field: FIELDS[key] ?? key.replace(/_/g, " "), before: valueText(before[key]), after: valueText(after[key]) });
  }
  return out;
}

/** A stored value as a curator reads it. */
export function valueText(v: unknown, max = 80): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "string") return v.length > max ? `${v.slice(0, max - 1)}…` : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return "—";
    return valueText(v.map((x) => (x && typeof x === "object" ? (labelOf(x as Record<string, unknown>) ?? JSON.stringify(x)) : String(x))).join(", "), max);
  }
  if (typeof v === "object") return valueText(labelOf(v as Record<string, unknown>) ?? JSON.stringify(v), max);
  return String(v);
}

function labelOf(o: Record<string, unknown>): string | null {
  for (const k of ["name", "label", "title", "display_name"]) if (typeof o[k] === "string") return o[k] as string;
  return null;
}

/** What the window knows to name things in the log by: tags, sources, records. */
export interface HistoryNames {
  tag(id: string): string | null;
  source(id: string): string | null;
  record(target: Target): string | null;
}

export interface Described {
  /** The headline: "Changed", "Tagged “Exile”", "Restricted: closed until 2030-01-01". */
  action: string;
  changes: FieldChange[];
}

const quote = (s: string | null | undefined) => (s ? `“${s}”` : "");

function asTarget(v: unknown): Target | null {
  return v && typeof v === "object" && "type" in (v as object) ? (v as Target) : null;
}

function restrictionText(r: Record<string, unknown>): string {
  const action = r.action === "seal" ? "Sealed" : r.action === "redact" ? "Redacted" : String(r.level ?? "restricted").replace(/^./, (c) => c.toUpperCase());
  const layer = r.layer && r.layer !== "all" ? ` (${r.layer})` : "";
  const until = r.until ? ` until ${r.until}` : "";
  const span = asTarget(r.target)?.type === "span" ? " a passage" : "";
  return `${action}${span}${layer}${until}`;
}

function formText(f: Record<string, unknown>): string {
  const status = String(f.status ?? "");
  if (status !== "signed") return { none: "no form", pending: "pending", declined: "declined" }[status] ?? status;
  const until = f.until ? ` until ${f.until}` : "";
  const terms: Record<string, string> = {
    open: "open",
    closed_until_date: `closed${until}`,
    closed_until_death: "closed until the narrator's death",
    transcript_closed_audio_open: `transcript closed, audio open${until}`,
    audio_closed_transcript_open: `audio closed, transcript open${until}`,
  };
  return `signed, ${terms[String(f.terms)] ?? String(f.terms ?? "").replace(/_/g, " ")}`;
}

/** The headline and changed fields of any event, for record `self`. */
export function describe(e: HistoryEvent, self: string, names?: HistoryNames): Described {
  const before = parse(e.before);
  const after = parse(e.after);
  const now = after ?? before ?? {};
  const changes = changesOf(e);
  const plain = (action: string): Described => ({ action, changes });

  switch (e.record_kind) {
    case "tagging": {
      const label = names?.tag(String(now.tag_id ?? "")) ?? null;
      const onSpan = asTarget(now.target)?.type === "span" ? " on a passage" : "";
      if (e.event_type === "creation") return { action: `Tagged ${quote(label) || "with a tag"}${onSpan}`, changes: [] };
      if (e.event_type === "deletion") return { action: `Tag ${quote(label)} removed${onSpan}`.replace("Tag  ", "A tag "), changes: [] };
      if (e.event_type === "merge") {
        const from = names?.tag(String(before?.tag_id ?? "")) ?? null;
        const what = from ? `Tag ${quote(from)}` : "A tag";
        return { action: after ? `${what} merged into ${quote(label) || "another tag"}` : `${what} merged away`, changes: [] };
      }
      break;
    }
    case "link": {
      const from = asTarget(now.from);
      const to = asTarget(now.to);
      const type = String(now.link_type ?? "related_to").replace(/_/g, " ");
      const outgoing = from && (from.type === "record" ? from.id : from.transcript_id) === self;
      const other = outgoing ? to : from;
      const title = other ? (names?.record(other) ?? "another record") : "another record";
      const words = outgoing ? `${type} ${title}` : `${title} ${type} this`;
      if (e.event_type === "creation") return { action: `Linked: ${words}`, changes: [] };
      if (e.event_type === "deletion") return { action: `Link removed: ${words}`, changes: [] };
      break;
    }
    case "citation": {
      const source = names?.source(String(now.source_id ?? "")) ?? "a source";
      const where = now.locator ? `, ${now.locator}` : "";
      if (e.event_type === "creation") return { action: `Cited ${source}${where}`, changes: [] };
      if (e.event_type === "deletion") return { action: `Citation of ${source} removed`, changes: [] };
      break;
    }
    case "restriction":
      if (after && !before) return { action: `Restricted: ${restrictionText(after)}`, changes: [] };
      if (before && !after) return { action: `Restriction lifted: ${restrictionText(before)}`, changes: [] };
      return { action: "Restriction changed", changes };
    case "release_form":
      if (after && !before) return { action: `Release form recorded: ${formText(after)}`, changes: [] };
      if (before && !after) return { action: "Release form removed", changes: [] };
      return { action: "Release form changed", changes };
    case "fixity_check":
      return { action: now.expected ? `File changed: ${now.name ?? "?"}` : `File missing: ${now.name ?? "?"}`, changes: [] };
    case "archive":
      if (e.event_type === "fixity_check") {
        const missing = Array.isArray(now.missing) ? now.missing.length : 0;
        const changed = Array.isArray(now.changed) ? now.changed.length : 0;
        return { action: `Files checked: ${now.checked ?? "?"} checked, ${missing} missing, ${changed} changed`, changes: [] };
      }
      break;
    case "package":
      return { action: `Exported (${now.profile ?? "package"})${now.out ? ` to ${now.out}` : ""}`, changes: [] };
    case "transcript":
      if (e.event_type === "ingestion") return { action: `Transcript imported: ${quote(String(now.label || now.source_name || ""))}`, changes: [] };
      break;
    case "media":
      if (e.event_type === "ingestion" || e.event_type === "creation") return { action: `Recording added: ${now.original_name ?? ""}`, changes: [] };
      if (e.event_type === "deletion") return { action: `Recording removed: ${now.original_name ?? ""}`, changes: [] };
      break;
  }

  switch (e.event_type) {
    case "creation": {
      const name = labelOf(now);
      return { action: e.record_id === self ? `Created${name ? ` as ${quote(name)}` : ""}` : `${e.record_kind.replace(/_/g, " ")} ${quote(name)} created`.replace(/^./, (c) => c.toUpperCase()), changes: [] };
    }
    case "deletion":
      return plain(e.record_id === self ? "Deleted" : `Deleted: ${e.record_kind.replace(/_/g, " ")} ${quote(labelOf(now))}`);
    case "modification":
      return plain(changes.length > 0 ? `Changed ${changes.map((c) => c.field).join(", ")}` : "Changed");
    default:
      return plain(actionOf(e));
  }
}
