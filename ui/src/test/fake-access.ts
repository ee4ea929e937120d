// The fake API's second half: tags, links, sources, restrictions, release forms, accessions,
// lists, saved searches, packages and the audit, in memory. fake-api.ts re-exports everything here, so
//   vi.mock("../lib/api", () => import("../test/fake-api"))
// covers both. The state lives beside fake-api's `backend` and starts afresh whenever reset()
// makes a new one (checked on every use), so tests need no extra reset.
//
// Long jobs (export, import, audit) report progress like the backend: started, progress,
// finished or failed. `holdJobs()` makes them wait after their first progress report until
// released, so a test can look at the progress bar and press Cancel.

import { vi } from "vitest";
import { ApiError, invalidField } from "../lib/api/errors";
import type * as Api from "../lib/api";
import type {
  Access,
  InheritedReason,
  InterviewAccess,
  Accession,
  AccessionInput,
  AppliedTag,
  AuditReport,
  Citation,
  CitationInput,
  CitationView,
  ExportOptions,
  ExportPreview,
  ExportSummary,
  Link,
  LinkEnd,
  LinkInput,
  List,
  ListEntry,
  Location,
  MergeReport,
  ProgressSink,
  RecordRef,
  ReleaseForm,
  ReleaseFormInput,
  Restriction,
  RestrictionInput,
  SavedSearch,
  SearchHit,
  SearchQuery,
  Source,
  SourceFields,
  SpanRef,
  Suggestion,
  Tag,
  TagInput,
  TaggedRecord,
  Tagging,
  TagNode,
  Target,
  Transcript,
  TranscriptMarks,
} from "../lib/api";
import { backend, type FakeArchive } from "./fake-api";
import { photosOf } from "./fake-photos";
import {
  coreAccess,
  coreDate,
  coreRule,
  coreUnrestricted,
  FIXTURE_TODAY,
  unrestrictedInterview,
  unrestrictedMarks,
  unrestrictedWithheld,
  type AccessWorld,
  type WorldAnswers,
} from "./core-answers";

const T0 = "2026-01-02T10:00:00Z";
/** "Today" for access rules: the day the core's access fixtures were computed for. */
export const TODAY = FIXTURE_TODAY;
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();

export class AccessFake {
  readonly owner: FakeArchive;
  tags: Tag[] = [];
  taggings: Tagging[] = [];
  links: Link[] = [];
  sources: Source[] = [];
  citations: Citation[] = [];
  restrictions: Restriction[] = [];
  forms: ReleaseForm[] = [];
  accessions: Accession[] = [];
  savedSearches: SavedSearch[] = [];
  /** What a saved search finds, by its id; interviews whose title has the words otherwise. */
  savedHits = new Map<string, SearchHit[]>();
  lists: List[] = [];
  transcripts: Transcript[] = [];
  /** Segment ids of each transcript, in order, with their start times. */
  segments = new Map<string, { id: string; start_ms: number | null }[]>();
  /** The folder dialog's next answer; null is Cancel. */
  folderAnswer: string | null = null;
  /** Export folders that exist and are not empty: exporting into one fails as the backend does. */
  fullFolders = new Set<string>();
  /** Folders that do not exist: exporting into a new folder inside one fails as the backend does. */
  missingFolders = new Set<string>();
  /** What the public profile withholds, when a test says; worked out from restrictions otherwise. */
  withheld: string[] | null = null;
  importReport: MergeReport = { added: 0, unchanged: 0, conflicts: [] };
  auditReport: AuditReport = { checked: 0, missing: [], changed: [] };
  /** While set, jobs wait for it after their first progress report. */
  gate: Promise<void> | null = null;
  jobs = new Map<string, () => void>();
  #n = 0;

  constructor(owner: FakeArchive) {
    this.owner = owner;
  }

  id(prefix: string): string {
    return `${prefix}-${++this.#n}`;
  }

  // Seeding

  addTag(label: string, more: Partial<Tag> = {}): Tag {
    const t: Tag = { id: this.id("tag"), label, language: "", alt_labels: [], scope_note: "", broader_id: null, created_at: T0, updated_at: T0, ...more };
    this.tags.push(t);
    return t;
  }

  tag(tagId: string, target: Target): Tagging {
    const t: Tagging = { id: this.id("tg"), tag_id: tagId, target, created_at: T0 };
    this.taggings.push(t);
    return t;
  }

  addSource(fields: SourceFields): Source {
    const s = sourceOf(this.id("src"), fields);
    this.sources.push(s);
    return s;
  }

  addRestriction(target: Target, more: Partial<Restriction> = {}): Restriction {
    const r: Restriction = {
      id: this.id("r"),
      target,
      action: "restrict",
      level: "restricted",
      layer: "all",
      until: null,
      reason: "",
      replacement: null,
      created_at: T0,
      updated_at: T0,
      ...more,
    };
    this.restrictions.push(r);
    return r;
  }

  addForm(subject: RecordRef, more: Partial<ReleaseForm> = {}): ReleaseForm {
    const f: ReleaseForm = {
      id: this.id("rf"),
      subject,
      status: "signed",
      signed_on: null,
      terms: "open",
      until: null,
      narrator_id: null,
      document_id: null,
      note: "",
      created_at: T0,
      updated_at: T0,
      ...more,
    };
    this.forms.push(f);
    return f;
  }

  addAccession(records: RecordRef[], more: Partial<Accession> = {}): Accession {
    const a: Accession = {
      id: this.id("acc"),
      identifier: "",
      donor: "",
      donor_person_id: null,
      received: null,
      method: "gift",
      deed: null,
      records,
      note: "",
      created_at: T0,
      updated_at: T0,
      ...more,
    };
    this.accessions.push(a);
    return a;
  }

  addList(name: string, items: RecordRef[] = []): List {
    const l: List = { id: this.id("list"), name, description: "", items, created_at: T0, updated_at: T0 };
    this.lists.push(l);
    return l;
  }

  addSavedSearch(name: string, query: SearchQuery, hits?: SearchHit[]): SavedSearch {
    const s: SavedSearch = { id: this.id("ss"), name, query, created_at: T0, updated_at: T0 };
    this.savedSearches.push(s);
    if (hits) this.savedHits.set(s.id, hits);
    return s;
  }

  addTranscript(interviewId: string, label: string, segments: { start_ms: number | null }[] = []): Transcript {
    const t: Transcript = {
      id: this.id("t"),
      interview_id: interviewId,
      language: "",
      label,
      source_format: "vtt",
      source_name: `${label}.vtt`,
      segment_count: segments.length,
      created_at: T0,
      updated_at: T0,
    };
    this.transcripts.push(t);
    this.segments.set(
      t.id,
      segments.map((s) => ({ id: this.id("seg"), start_ms: s.start_ms })),
    );
    return t;
  }

  // Reading

  tagById(id: string): Tag {
    const t = this.tags.find((x) => x.id === id);
    if (!t) throw new ApiError("not_found", `no tag with id ${id}: it may have been deleted`);
    return t;
  }

  title(target: Target): string {
    if (target.type === "span") {
      const t = this.transcripts.find((x) => x.id === target.transcript_id);
      const i = t && this.owner.interviews.find((x) => x.id === t.interview_id);
      const first = this.segments.get(target.transcript_id)?.find((s) => s.id === target.first_segment_id);
      const at = first?.start_ms != null ? clock(first.start_ms) : "a span";
      return `${i?.title ?? "?"}: ${t?.label || "transcript"}, ${at}`;
    }
    const id = target.id;
    switch (target.kind) {
      case "interview":
        return this.owner.interviews.find((x) => x.id === id)?.title ?? `interview ${id}`;
      case "person":
        return this.owner.people.find((x) => x.id === id)?.display_name ?? `person ${id}`;
      case "collection":
        return this.owner.collections.find((x) => x.id === id)?.title ?? `collection ${id}`;
      case "source":
        return this.sources.find((x) => x.id === id)?.title ?? `source ${id}`;
      case "transcript": {
        const t = this.transcripts.find((x) => x.id === id);
        const i = t && this.owner.interviews.find((x) => x.id === t.interview_id);
        return `${i?.title ?? "?"}: ${t?.label || "transcript"}`;
      }
      default:
        return `${target.kind} ${id}`;
    }
  }

  pathOf(tag: Tag): string[] {
    const path = [tag.label];
    let up = tag.broader_id;
    const seen = new Set([tag.id]);
    while (up && !seen.has(up)) {
      seen.add(up);
      const parent = this.tags.find((t) => t.id === up);
      if (!parent) break;
      path.unshift(parent.label);
      up = parent.broader_id;
    }
    return path;
  }

  useCount(tagId: string): number {
    return this.taggings.filter((g) => g.tag_id === tagId).length;
  }

  /** The tag and every tag under it. */
  subtree(tagId: string): Set<string> {
    const out = new Set([tagId]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of this.tags) {
        if (t.broader_id && out.has(t.broader_id) && !out.has(t.id)) {
          out.add(t.id);
          grew = true;
        }
      }
    }
    return out;
  }

  /**
   * The archive as the core's fixtures know it: every record access may depend on, named by
   * handles ("i:Two daughters") instead of the fake's ids, with `toHandle`/`fromHandle` to
   * translate. The rules (restrictions, release forms) are data here; what they mean is looked
   * up in the fixtures (core-answers.ts).
   */
  world(): { world: AccessWorld; toHandle: Map<string, string>; fromHandle: Map<string, string>; rules: boolean } {
    const toHandle = new Map<string, string>();
    const fromHandle = new Map<string, string>();
    const name = (id: string, wanted: string): string => {
      let h = wanted;
      for (let n = 2; fromHandle.has(h); n++) h = `${wanted}~${n}`;
      toHandle.set(id, h);
      fromHandle.set(h, id);
      return h;
    };
    const ref = (id: string): string => {
      const h = toHandle.get(id);
      if (!h) throw new Error(`the fake's access world has no record ${id}`);
      return h;
    };
    const o = this.owner;
    const collections = o.collections.map((c) => ({ id: name(c.id, `c:${c.title}`), title: c.title }));
    const people = o.people.map((p) => ({ id: name(p.id, `p:${p.display_name}`), name: p.display_name, death_date: p.death_date }));
    const interviews = o.interviews.map((i) => ({
      id: name(i.id, `i:${i.title}`),
      title: i.title,
      collection: i.collection_id ? ref(i.collection_id) : null,
      narrators: i.narrator_ids.map(ref),
    }));
    const timed: { id: string; interview_id: string; label: string; segments: { id: string; start_ms: number | null; end_ms: number | null }[] }[] = [
      ...o.transcripts.map((t) => ({ ...t, segments: o.segments.get(t.id) ?? [] })),
      ...this.transcripts.map((t) => ({ ...t, segments: (this.segments.get(t.id) ?? []).map((s) => ({ ...s, end_ms: null })) })),
    ];
    const transcripts = timed.map((t) => {
      const h = name(t.id, `t:${o.interviews.find((i) => i.id === t.interview_id)?.title ?? "?"}/${t.label}`);
      t.segments.forEach((s, k) => name(s.id, `${h}#${k}`));
      return { id: h, interview: ref(t.interview_id), label: t.label, segments: t.segments.map((s) => [s.start_ms, s.end_ms] as [number | null, number | null]) };
    });
    const photos = photosOf(o).photos.map((p) => ({
      id: name(p.id, `ph:${p.original_name}`),
      name: p.original_name,
      interviews: p.interview_ids.map(ref),
      collections: p.collection_ids.map(ref),
    }));
    const target = (t: Target) =>
      t.type === "record"
        ? { type: "record", kind: t.kind, id: ref(t.id) }
        : { type: "span", transcript_id: ref(t.transcript_id), first_segment_id: ref(t.first_segment_id), last_segment_id: ref(t.last_segment_id) };
    const restrictions = this.restrictions.map((r, k) => ({
      id: name(r.id, `r:${k}`),
      target: target(r.target),
      action: r.action,
      level: r.level,
      layer: r.layer,
      until: r.until,
      reason: r.reason,
      replacement: r.replacement,
    }));
    const release_forms = this.forms.map((f, k) => ({
      id: name(f.id, `f:${k}`),
      subject: { kind: f.subject.kind, id: ref(f.subject.id) },
      status: f.status,
      signed_on: f.signed_on,
      terms: f.terms,
      until: f.until,
      narrator_id: f.narrator_id ? ref(f.narrator_id) : null,
      document_id: null,
      note: f.note,
    }));
    const world = { collections, people, interviews, transcripts, photos, restrictions, release_forms };
    return { world, toHandle, fromHandle, rules: restrictions.length + release_forms.length > 0 };
  }

  /** The core's answer for `pick` in today's world, its handles turned back into the fake's ids. */
  answer<T>(pick: (answers: WorldAnswers, toHandle: Map<string, string>) => T | undefined, what: string): T {
    const w = this.world();
    const got = pick(coreAccess(w.world), w.toHandle);
    if (got === undefined) throw new Error(`the core's fixture for this world has no ${what}`);
    const back = (v: unknown): unknown =>
      typeof v === "string" ? (w.fromHandle.get(v) ?? v) : Array.isArray(v) ? v.map(back) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, back(x)])) : v;
    return back(got) as T;
  }

  /** The key of a target in the fixtures: a record's handle, or a span's transcript and positions. */
  targetKey(target: Target, toHandle: Map<string, string>): string | undefined {
    if (target.type === "record") return toHandle.get(target.id);
    const t = toHandle.get(target.transcript_id);
    const first = toHandle.get(target.first_segment_id)?.split("#").at(-1);
    const last = toHandle.get(target.last_segment_id)?.split("#").at(-1);
    return t && first && last ? `span:${t}:${first}-${last}` : undefined;
  }

  /** What the core's policy says of a record or span (restrictions::effective_access). */
  access(target: Target): Access {
    if (!this.world().rules) return coreUnrestricted(target.type === "span" ? "span" : target.kind).effective;
    return this.answer((a, h) => a.effective[this.targetKey(target, h) ?? ""], `access for ${JSON.stringify(target)}`);
  }

  /** What restricts a record because of what it belongs to (restrictions::inherited_reasons). */
  inherited(target: Target): InheritedReason[] {
    if (target.type !== "record") return [];
    if (!this.world().rules) return coreUnrestricted(target.kind).inherited;
    return this.answer((a, h) => a.inherited[h.get(target.id) ?? ""], `inherited reasons for ${JSON.stringify(target)}`);
  }

  /** What of an interview a public package carries (public::interview_access). */
  interviewAccess(interviewId: string): InterviewAccess {
    if (this.restrictions.length + this.forms.length === 0) return unrestrictedInterview();
    return this.answer((a, h) => a.interviews[h.get(interviewId) ?? ""], `interview access for ${interviewId}`);
  }

  /** What public output holds back of a transcript (public::transcript_marks). */
  marks(transcriptId: string): TranscriptMarks {
    if (!this.world().rules) return unrestrictedMarks();
    return this.answer((a, h) => a.marks[h.get(transcriptId) ?? ""], `marks for transcript ${transcriptId}`);
  }

  selected(options: ExportOptions): string[] {
    const all = this.owner.interviews;
    const s = options.selection;
    if (s.kind === "all") return all.map((i) => i.id);
    if (s.kind === "collection") return all.filter((i) => i.collection_id === s.id).map((i) => i.id);
    if (s.kind === "interviews") return s.ids;
    const words = fold(s.query).split(/\s+/).filter(Boolean);
    return all.filter((i) => words.every((w) => fold(i.title).includes(w))).map((i) => i.id);
  }

  log(event_type: "creation" | "modification" | "deletion" | "restriction" | "merge", record_kind: string, record_id: string, before: unknown, after: unknown) {
    this.owner.log(event_type, record_kind, record_id, before, after);
  }
}

function sourceOf(id: string, fields: SourceFields, created = T0): Source {
  const authors = fields.authors ?? [];
  const parts = [authors.join(", "), `“${fields.title}”`, fields.container_title, fields.date_text || fields.date].filter(Boolean);
  return {
    source_type: "other",
    authors: [],
    container_title: "",
    volume: "",
    issue: "",
    pages: "",
    edition: "",
    publisher: "",
    place: "",
    date: null,
    date_text: "",
    description: "",
    repository: "",
    archive_location: "",
    url: "",
    accessed: null,
    language: "",
    note: "",
    ...fields,
    id,
    reference: parts.join(", "),
    created_at: created,
    updated_at: T0,
  };
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const hh = String(Math.floor(s / 3600)).padStart(2, "0");
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return `${hh}:${mm}:${ss}`;
}

export function sameTarget(a: Target, b: Target): boolean {
  if (a.type === "record" && b.type === "record") return a.kind === b.kind && a.id === b.id;
  if (a.type === "span" && b.type === "span") {
    return a.transcript_id === b.transcript_id && a.first_segment_id === b.first_segment_id && a.last_segment_id === b.last_segment_id;
  }
  return false;
}

const recordIdOf = (t: Target) => (t.type === "record" ? t.id : t.transcript_id);

let state: AccessFake | null = null;

/** The fake's access state for the current `backend` (fresh after every reset()). */
export function access(): AccessFake {
  if (!state || state.owner !== backend) {
    state = new AccessFake(backend);
    for (const fn of Object.values(fns)) fn.mockClear();
  }
  return state;
}

/** Makes jobs wait after their first progress report; call the returned function to let them go on. */
export function holdJobs(): () => void {
  let release!: () => void;
  access().gate = new Promise<void>((r) => (release = r));
  return () => {
    access().gate = null;
    release();
  };
}

const clone = <T>(v: T): T => structuredClone(v);

async function call<T>(name: string, body: () => T): Promise<T> {
  await Promise.resolve();
  access();
  backend.check(name);
  return clone(body());
}

/**
 * Runs a job as the backend does: started, progress through `total` steps (waiting at the gate
 * after the first), then finished; failed (and a thrown ApiError) on error or Cancel.
 */
async function job<T>(name: string, jobId: string, title: string, phase: string, total: number, onProgress: ProgressSink, body: () => T, summary: (r: T) => string): Promise<T> {
  await Promise.resolve();
  const a = access();
  let stop!: () => void;
  const stopped = new Promise<"cancelled">((resolve) => (stop = () => resolve("cancelled")));
  a.jobs.set(jobId, stop);
  // When merged with a fake whose cancelJob knows only its own jobs, let it stop these too.
  const shared = (backend as unknown as { jobs?: Map<string, () => void> }).jobs;
  shared?.set(jobId, stop);
  try {
    backend.check(name);
    onProgress({ event: "started", title });
    onProgress({ event: "progress", phase, done: 0, total });
    for (let done = 1; done <= total; done++) {
      const gate = a.gate;
      const outcome = gate ? await Promise.race([gate.then(() => "go" as const), stopped]) : await Promise.race([Promise.resolve("go" as const), stopped]);
      if (outcome === "cancelled") throw new ApiError("cancelled", "the job was cancelled; nothing was kept");
      onProgress({ event: "progress", phase, done, total });
    }
    const result = body();
    onProgress({ event: "finished", summary: summary(result) });
    return clone(result);
  } catch (e) {
    const error = e instanceof ApiError ? e : new ApiError("internal", String(e));
    onProgress({ event: "failed", message: error.message, cancelled: error.code === "cancelled" });
    throw error;
  } finally {
    a.jobs.delete(jobId);
    shared?.delete(jobId);
  }
}

function tagInput(a: AccessFake, input: TagInput, self: string | null) {
  const others = a.tags.filter((t) => t.id !== self).map((t) => t.label);
  const label = coreRule("tag label", { label: input.label, others }) as string;
  if (input.broader_id) {
    a.tagById(input.broader_id);
    if (self) coreRule("tag broader", { tags: a.tags.map((t) => [t.id, t.broader_id]), tag: self, broader: input.broader_id });
  }
  return {
    label,
    language: input.language ?? "",
    alt_labels: (input.alt_labels ?? []).filter((l) => l.label.trim()).map((l) => ({ label: l.label.trim(), language: l.language ?? "" })),
    scope_note: (input.scope_note ?? "").trim(),
    broader_id: input.broader_id ?? null,
  };
}

function formInput(input: ReleaseFormInput) {
  const status = input.status ?? "none";
  const terms = input.terms ?? "open";
  const signed_on = coreDate("day", "signed on", input.signed_on);
  const until = coreDate("day", "until", input.until);
  coreRule("release form terms", { status, terms, signed_on: input.signed_on ?? null, until: input.until ?? null });
  return { subject: input.subject, status, terms, signed_on, until, narrator_id: input.narrator_id ?? null, document_id: input.document_id ?? null, note: (input.note ?? "").trim() };
}

function accessionInput(input: AccessionInput) {
  const donor = coreRule("accession donor", input.donor) as string;
  const received = coreDate("edtf", "received", input.received);
  if (input.donor_person_id && !backend.people.some((p) => p.id === input.donor_person_id)) {
    throw new ApiError("not_found", `no person with id ${input.donor_person_id}: they may have been deleted`);
  }
  return {
    identifier: (input.identifier ?? "").trim(),
    donor,
    donor_person_id: input.donor_person_id || null,
    received,
    method: input.method ?? "gift",
    records: (input.records ?? []).filter((r, i, all) => all.findIndex((x) => x.id === r.id) === i),
    note: (input.note ?? "").trim(),
  };
}

/** A stand-in for a file's SHA-256: 64 hex digits that differ from path to path. */
function digestOf(path: string): string {
  let h = 2166136261;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 16777619) >>> 0;
  const out: string[] = [];
  for (let i = 0; i < 8; i++) {
    h = Math.imul(h ^ i, 2654435761) >>> 0;
    out.push(h.toString(16).padStart(8, "0"));
  }
  return out.join("");
}

const fns = {
  // Tags
  listTags: vi.fn(
    (): Promise<TagNode[]> =>
      call("listTags", () => {
        const a = access();
        const out: TagNode[] = [];
        const walk = (parent: string | null, depth: number) => {
          const children = a.tags.filter((t) => t.broader_id === parent).sort((x, y) => x.label.localeCompare(y.label));
          for (const t of children) {
            out.push({ tag: t, depth, path: a.pathOf(t), use_count: a.useCount(t.id) });
            walk(t.id, depth + 1);
          }
        };
        walk(null, 0);
        return out;
      }),
  ),
  suggestTags: vi.fn(
    (typed: string): Promise<Suggestion[]> =>
      call("suggestTags", () => {
        const a = access();
        const want = fold(typed);
        if (!want) return [];
        const out: (Suggestion & { rank: number })[] = [];
        for (const t of a.tags) {
          const labels = [{ label: t.label, rank: 0 }, ...t.alt_labels.map((l) => ({ label: l.label, rank: 1 }))];
          const hit = labels.find((l) => fold(l.label).startsWith(want));
          if (hit) out.push({ tag_id: t.id, label: t.label, matched: hit.label, path: a.pathOf(t).join(" › "), use_count: a.useCount(t.id), rank: hit.rank });
        }
        return out.sort((x, y) => x.rank - y.rank || y.use_count - x.use_count || x.label.localeCompare(y.label)).slice(0, 12).map(({ rank: _, ...s }) => s);
      }),
  ),
  createTag: vi.fn(
    (input: TagInput): Promise<Tag> =>
      call("createTag", () => {
        const a = access();
        const t = a.addTag(input.label, tagInput(a, input, null));
        a.log("creation", "tag", t.id, null, t);
        backend.announce("tags" as never);
        return t;
      }),
  ),
  updateTag: vi.fn(
    (id: string, input: TagInput): Promise<Tag> =>
      call("updateTag", () => {
        const a = access();
        const t = a.tagById(id);
        const before = clone(t);
        Object.assign(t, tagInput(a, input, id), { updated_at: "2026-01-02T11:00:00Z" });
        a.log("modification", "tag", id, before, t);
        backend.announce("tags" as never);
        return t;
      }),
  ),
  renameTag: vi.fn(
    (id: string, label: string, keepOldLabel: boolean): Promise<Tag> =>
      call("renameTag", () => {
        const a = access();
        const t = a.tagById(id);
        const next = tagInput(a, { ...t, label }, id);
        if (keepOldLabel && fold(t.label) !== fold(label)) next.alt_labels.push({ label: t.label, language: t.language });
        next.alt_labels = next.alt_labels.filter((l) => fold(l.label) !== fold(label));
        Object.assign(t, next);
        backend.announce("tags" as never);
        return t;
      }),
  ),
  moveTag: vi.fn(
    (id: string, broaderId: string | null): Promise<Tag> =>
      call("moveTag", () => {
        const a = access();
        const t = a.tagById(id);
        Object.assign(t, tagInput(a, { ...t, broader_id: broaderId }, id));
        backend.announce("tags" as never);
        return t;
      }),
  ),
  mergeTags: vi.fn(
    (from: string, into: string): Promise<Tag> =>
      call("mergeTags", () => {
        const a = access();
        const gone = a.tagById(from);
        const kept = a.tagById(into);
        coreRule("tag merge", { from, into });
        for (const g of a.taggings) if (g.tag_id === from) g.tag_id = into;
        a.taggings = a.taggings.filter((g, i, all) => all.findIndex((x) => x.tag_id === g.tag_id && sameTarget(x.target, g.target)) === i);
        for (const t of a.tags) if (t.broader_id === from) t.broader_id = into;
        kept.alt_labels.push({ label: gone.label, language: gone.language });
        a.tags = a.tags.filter((t) => t.id !== from);
        backend.announce("tags" as never);
        return kept;
      }),
  ),
  deleteTag: vi.fn(
    (id: string): Promise<void> =>
      call("deleteTag", () => {
        const a = access();
        const t = a.tagById(id);
        const uses = a.useCount(id);
        if (uses > 0) {
          throw new ApiError("in_use", `"${t.label}" is on ${uses} record${uses === 1 ? "" : "s"}; merge it into another tag to keep them, or remove it from them first`);
        }
        for (const c of a.tags) if (c.broader_id === id) c.broader_id = t.broader_id;
        a.tags = a.tags.filter((x) => x.id !== id);
        backend.announce("tags" as never);
      }),
  ),
  tagTarget: vi.fn(
    (tagId: string, target: Target): Promise<Tagging> =>
      call("tagTarget", () => {
        const a = access();
        a.tagById(tagId);
        const existing = a.taggings.find((g) => g.tag_id === tagId && sameTarget(g.target, target));
        if (existing) return existing;
        const t = a.tag(tagId, target);
        backend.announce("tags" as never);
        return t;
      }),
  ),
  untagTarget: vi.fn(
    (tagId: string, target: Target): Promise<void> =>
      call("untagTarget", () => {
        const a = access();
        a.taggings = a.taggings.filter((g) => !(g.tag_id === tagId && sameTarget(g.target, target)));
        backend.announce("tags" as never);
      }),
  ),
  tagsOf: vi.fn(
    (recordId: string): Promise<AppliedTag[]> =>
      call("tagsOf", () => {
        const a = access();
        return a.taggings
          .filter((g) => recordIdOf(g.target) === recordId)
          .map((g) => ({ tagging_id: g.id, tag_id: g.tag_id, label: a.tagById(g.tag_id).label, target: g.target }))
          .sort((x, y) => x.label.localeCompare(y.label));
      }),
  ),
  tagged: vi.fn(
    (tagId: string, narrower: boolean): Promise<TaggedRecord[]> =>
      call("tagged", () => {
        const a = access();
        a.tagById(tagId);
        const ids = narrower ? a.subtree(tagId) : new Set([tagId]);
        return a.taggings
          .filter((g) => ids.has(g.tag_id))
          .map((g) => ({ tagging_id: g.id, tag_id: g.tag_id, tag_label: a.tagById(g.tag_id).label, target: g.target, title: a.title(g.target) }))
          .sort((x, y) => x.title.localeCompare(y.title));
      }),
  ),

  // Links
  createLink: vi.fn(
    (input: LinkInput): Promise<Link> =>
      call("createLink", () => {
        const a = access();
        coreRule("link", { link_type: input.link_type, from: input.from, to: input.to });
        const link: Link = { id: a.id("l"), link_type: input.link_type, from: input.from, to: input.to, note: input.note ?? "", created_at: T0 };
        a.links.push(link);
        backend.announce("links" as never);
        return link;
      }),
  ),
  deleteLink: vi.fn(
    (id: string): Promise<void> =>
      call("deleteLink", () => {
        const a = access();
        if (!a.links.some((l) => l.id === id)) throw new ApiError("not_found", `no link with id ${id}: it may have been deleted`);
        a.links = a.links.filter((l) => l.id !== id);
        backend.announce("links" as never);
      }),
  ),
  linksOf: vi.fn(
    (recordId: string): Promise<LinkEnd[]> =>
      call("linksOf", () => {
        const a = access();
        const out: LinkEnd[] = [];
        for (const link of a.links) {
          const words = link.link_type.replace(/_/g, " ");
          if (recordIdOf(link.from) === recordId) out.push({ link, direction: "outgoing", label: words, other: link.to, other_title: a.title(link.to) });
          if (recordIdOf(link.to) === recordId) {
            const back = link.link_type === "mentions" ? "mentioned in" : link.link_type === "parent_of" ? "child of" : words;
            out.push({ link, direction: "incoming", label: back, other: link.from, other_title: a.title(link.from) });
          }
        }
        return out;
      }),
  ),

  // Sources and citations
  listSources: vi.fn((): Promise<Source[]> => call("listSources", () => [...access().sources].sort((x, y) => x.reference.localeCompare(y.reference)))),
  createSource: vi.fn(
    (input: SourceFields): Promise<Source> =>
      call("createSource", () => {
        coreRule("source title", input.title);
        const s = access().addSource(input);
        backend.announce("sources" as never);
        return s;
      }),
  ),
  updateSource: vi.fn(
    (id: string, input: SourceFields): Promise<Source> =>
      call("updateSource", () => {
        const a = access();
        const at = a.sources.findIndex((s) => s.id === id);
        if (at < 0) throw new ApiError("not_found", `no source with id ${id}: it may have been deleted`);
        coreRule("source title", input.title);
        a.sources[at] = sourceOf(id, input, a.sources[at].created_at);
        backend.announce("sources" as never);
        return a.sources[at];
      }),
  ),
  deleteSource: vi.fn(
    (id: string): Promise<void> =>
      call("deleteSource", () => {
        const a = access();
        const uses = a.citations.filter((c) => c.source_id === id || c.quoted_in_id === id).length;
        if (uses > 0) throw new ApiError("in_use", `the source is cited ${uses} time${uses === 1 ? "" : "s"}; remove those citations first`);
        a.sources = a.sources.filter((s) => s.id !== id);
        backend.announce("sources" as never);
      }),
  ),
  cite: vi.fn(
    (input: CitationInput): Promise<Citation> =>
      call("cite", () => {
        const a = access();
        if (!a.sources.some((s) => s.id === input.source_id)) throw new ApiError("not_found", `no source with id ${input.source_id}: it may have been deleted`);
        const c: Citation = {
          id: a.id("cit"),
          source_id: input.source_id,
          target: input.target,
          locator: input.locator ?? "",
          quoted_in_id: input.quoted_in_id ?? null,
          quoted_in_locator: input.quoted_in_locator ?? "",
          note: input.note ?? "",
          created_at: T0,
        };
        a.citations.push(c);
        backend.announce("sources" as never);
        return c;
      }),
  ),
  uncite: vi.fn(
    (citationId: string): Promise<void> =>
      call("uncite", () => {
        const a = access();
        a.citations = a.citations.filter((c) => c.id !== citationId);
        backend.announce("sources" as never);
      }),
  ),
  citationsOf: vi.fn(
    (recordId: string): Promise<CitationView[]> =>
      call("citationsOf", () => {
        const a = access();
        return a.citations
          .filter((c) => recordIdOf(c.target) === recordId)
          .map((c) => {
            const ref = a.sources.find((s) => s.id === c.source_id)?.reference ?? "?";
            const quoted = c.quoted_in_id ? a.sources.find((s) => s.id === c.quoted_in_id)?.reference : null;
            const text = [ref, c.locator].filter(Boolean).join(", ") + (quoted ? `, quoted in ${[quoted, c.quoted_in_locator].filter(Boolean).join(", ")}` : "");
            return { citation: c, text, target_title: a.title(c.target) };
          });
      }),
  ),

  // Restrictions and release forms
  restrictionsOf: vi.fn(
    (recordId: string): Promise<Restriction[]> => call("restrictionsOf", () => access().restrictions.filter((r) => recordIdOf(r.target) === recordId)),
  ),
  restrict: vi.fn(
    (input: RestrictionInput): Promise<Restriction | null> =>
      call("restrict", () => {
        const a = access();
        const target = input.target;
        const action = input.action ?? "restrict";
        coreRule("restriction target", { action, target: !target ? "none" : target.type === "span" ? "span" : target.kind });
        if (!target) throw new Error("the core's fixture let a restriction without a target through");
        const layer = input.layer ?? "all";
        const until = coreDate("day", "until", input.until);
        const level = action === "seal" ? "closed" : action === "redact" ? "open" : (input.level ?? "open");
        const existing = a.restrictions.find((r) => sameTarget(r.target, target) && r.action === action && r.layer === layer);
        backend.announce("access" as never);
        if (action === "restrict" && level === "open") {
          if (existing) a.restrictions = a.restrictions.filter((r) => r !== existing);
          return null;
        }
        const fields = { level, until, reason: (input.reason ?? "").trim(), replacement: action === "redact" ? input.replacement?.trim() || "[redacted]" : null };
        if (existing) {
          Object.assign(existing, fields);
          return existing;
        }
        return a.addRestriction(target, { action, layer, ...fields });
      }),
  ),
  liftRestriction: vi.fn(
    (id: string, reason: string): Promise<void> =>
      call("liftRestriction", () => {
        const a = access();
        const r = a.restrictions.find((x) => x.id === id);
        if (!r) throw new ApiError("not_found", `no restriction with id ${id}: it may have been lifted`);
        a.restrictions = a.restrictions.filter((x) => x.id !== id);
        backend.history.push({
          id: a.id("e"),
          at: T0,
          event_type: "restriction",
          record_kind: "restriction",
          record_id: recordIdOf(r.target),
          origin: "window",
          agent: backend.info?.curator ?? "",
          before: JSON.stringify(r),
          after: null,
          note: reason,
          imported_from: null,
        });
        backend.announce("access" as never);
      }),
  ),
  releaseFormsOf: vi.fn((subjectId: string): Promise<ReleaseForm[]> => call("releaseFormsOf", () => access().forms.filter((f) => f.subject.id === subjectId))),
  addReleaseForm: vi.fn(
    (input: ReleaseFormInput): Promise<ReleaseForm> =>
      call("addReleaseForm", () => {
        const f = access().addForm(input.subject, formInput(input));
        backend.announce("access" as never);
        return f;
      }),
  ),
  updateReleaseForm: vi.fn(
    (id: string, input: ReleaseFormInput): Promise<ReleaseForm> =>
      call("updateReleaseForm", () => {
        const f = access().forms.find((x) => x.id === id);
        if (!f) throw new ApiError("not_found", `no release form with id ${id}: it may have been deleted`);
        Object.assign(f, formInput(input), { updated_at: "2026-01-02T11:00:00Z" });
        backend.announce("access" as never);
        return f;
      }),
  ),
  listAccessions: vi.fn((): Promise<Accession[]> => call("listAccessions", () => [...access().accessions].reverse())),
  accessionsOf: vi.fn(
    (recordId: string): Promise<Accession[]> => call("accessionsOf", () => access().accessions.filter((a) => a.records.some((r) => r.id === recordId))),
  ),
  createAccession: vi.fn(
    (input: AccessionInput): Promise<Accession> =>
      call("createAccession", () => {
        const { records, ...rest } = accessionInput(input);
        const a = access().addAccession(records, rest);
        backend.announce("access" as never);
        return a;
      }),
  ),
  updateAccession: vi.fn(
    (id: string, input: AccessionInput): Promise<Accession> =>
      call("updateAccession", () => {
        const a = access().accessions.find((x) => x.id === id);
        if (!a) throw new ApiError("not_found", `no accession with id ${id}: it may have been deleted`);
        Object.assign(a, accessionInput(input), { updated_at: "2026-01-02T11:00:00Z" });
        backend.announce("access" as never);
        return a;
      }),
  ),
  deleteAccession: vi.fn(
    (id: string): Promise<void> =>
      call("deleteAccession", () => {
        const a = access();
        if (!a.accessions.some((x) => x.id === id)) throw new ApiError("not_found", `no accession with id ${id}: it may have been deleted`);
        a.accessions = a.accessions.filter((x) => x.id !== id);
        backend.announce("access" as never);
      }),
  ),
  chooseDeed: vi.fn((): Promise<string | null> => call("chooseDeed", () => backend.filesAnswer?.[0] ?? null)),
  attachAccessionDeed: vi.fn(
    (id: string, path: string): Promise<Accession> =>
      call("attachAccessionDeed", () => {
        const a = access().accessions.find((x) => x.id === id);
        if (!a) throw new ApiError("not_found", `no accession with id ${id}: it may have been deleted`);
        const sha256 = digestOf(path);
        a.deed = {
          id: access().id("doc"),
          kind: "deed_of_gift",
          original_name: path.split("/").pop() ?? path,
          path: `${sha256.slice(0, 2)}/${sha256}.${path.split(".").pop()}`,
          sha256,
          size_bytes: 1024,
          created_at: "2026-01-02T11:00:00Z",
        };
        a.updated_at = "2026-01-02T11:00:00Z";
        backend.announce("access" as never);
        return a;
      }),
  ),
  effectiveAccess: vi.fn((target: Target): Promise<Access> => call("effectiveAccess", () => access().access(target))),
  inheritedAccess: vi.fn((target: Target): Promise<InheritedReason[]> => call("inheritedAccess", () => access().inherited(target))),
  transcriptMarks: vi.fn((transcriptId: string): Promise<TranscriptMarks> => call("transcriptMarks", () => access().marks(transcriptId))),

  // Saved searches and lists
  listSavedSearches: vi.fn((): Promise<SavedSearch[]> => call("listSavedSearches", () => [...access().savedSearches].sort((x, y) => x.name.localeCompare(y.name)))),
  saveSearch: vi.fn(
    (name: string, query: SearchQuery): Promise<SavedSearch> =>
      call("saveSearch", () => {
        coreRule("saved search", { name, text: query.text });
        const s = access().addSavedSearch(name.trim(), query);
        backend.announce("searches" as never);
        return s;
      }),
  ),
  deleteSavedSearch: vi.fn(
    (id: string): Promise<void> =>
      call("deleteSavedSearch", () => {
        const a = access();
        a.savedSearches = a.savedSearches.filter((s) => s.id !== id);
        backend.announce("searches" as never);
      }),
  ),
  runSavedSearch: vi.fn(
    (id: string): Promise<SearchHit[]> =>
      call("runSavedSearch", () => {
        const a = access();
        const s = a.savedSearches.find((x) => x.id === id);
        if (!s) throw new ApiError("not_found", `no saved search with id ${id}: it may have been deleted`);
        const given = a.savedHits.get(id);
        if (given) return given;
        const words = fold(s.query.text).split(/\s+/).filter(Boolean);
        return backend.interviews
          .filter((i) => words.length > 0 && words.every((w) => fold(i.title).includes(w)))
          .map((i) => ({ kind: "interview" as const, record_id: i.id, interview_id: i.id, interview_title: i.title, transcript_id: null, start_ms: null, snippet: i.title, score: -1 }));
      }),
  ),
  listLists: vi.fn((): Promise<List[]> => call("listLists", () => [...access().lists].sort((x, y) => x.name.localeCompare(y.name)))),
  createList: vi.fn(
    (name: string, description: string): Promise<List> =>
      call("createList", () => {
        coreRule("list name", name);
        const l = access().addList(name.trim());
        l.description = description;
        backend.announce("lists" as never);
        return l;
      }),
  ),
  listEntries: vi.fn(
    (id: string): Promise<ListEntry[]> =>
      call("listEntries", () => {
        const a = access();
        const l = a.lists.find((x) => x.id === id);
        if (!l) throw new ApiError("not_found", `no list with id ${id}: it may have been deleted`);
        return l.items.map((record) => ({ record, title: a.title({ type: "record", ...record }) }));
      }),
  ),
  addToList: vi.fn(
    (id: string, record: RecordRef, position: number | null = null): Promise<List> =>
      call("addToList", () => {
        const l = access().lists.find((x) => x.id === id);
        if (!l) throw new ApiError("not_found", `no list with id ${id}: it may have been deleted`);
        l.items = l.items.filter((r) => r.id !== record.id);
        l.items.splice(position ?? l.items.length, 0, record);
        backend.announce("lists" as never);
        return l;
      }),
  ),
  removeFromList: vi.fn(
    (id: string, recordId: string): Promise<List> =>
      call("removeFromList", () => {
        const l = access().lists.find((x) => x.id === id);
        if (!l) throw new ApiError("not_found", `no list with id ${id}: it may have been deleted`);
        l.items = l.items.filter((r) => r.id !== recordId);
        backend.announce("lists" as never);
        return l;
      }),
  ),
  deleteList: vi.fn(
    (id: string): Promise<void> =>
      call("deleteList", () => {
        const a = access();
        a.lists = a.lists.filter((l) => l.id !== id);
        backend.announce("lists" as never);
      }),
  ),

  // Spans and transcripts
  resolveSpan: vi.fn(
    (first: string, last: string): Promise<SpanRef> =>
      call("resolveSpan", () => {
        for (const [transcript_id, segs] of access().segments) {
          const a = segs.findIndex((s) => s.id === first);
          const b = segs.findIndex((s) => s.id === last);
          if (a >= 0 && b >= 0) return { transcript_id, first_segment_id: segs[Math.min(a, b)].id, last_segment_id: segs[Math.max(a, b)].id };
        }
        throw invalidField("span", "the first and last segment must be of one transcript");
      }),
  ),
  locateRecord: vi.fn(
    (target: Target): Promise<Location | null> =>
      call("locateRecord", () => {
        const none: Location = { interview_id: null, transcript_id: null, segment_id: null, at_ms: null, photo_id: null };
        if (target.type === "span") return { ...none, transcript_id: target.transcript_id, segment_id: target.first_segment_id };
        switch (target.kind) {
          case "photo":
            return { ...none, photo_id: target.id };
          case "region": {
            const region = photosOf().regions.find((r) => r.id === target.id);
            return region ? { ...none, photo_id: region.photo_id } : null;
          }
          case "index_point": {
            const point = backend.indexPoints.find((p) => p.id === target.id);
            return point ? { ...none, interview_id: point.interview_id, at_ms: point.time_ms } : null;
          }
          default:
            return none;
        }
      }),
  ),
  listTranscripts: vi.fn((interviewId: string): Promise<Transcript[]> => call("listTranscripts", () => access().transcripts.filter((t) => t.interview_id === interviewId))),

  // Packages and jobs
  previewExport: vi.fn(
    (options: ExportOptions): Promise<ExportPreview> =>
      call("previewExport", () => {
        const a = access();
        const ids = a.selected(options);
        if (options.profile !== "public") return { interviews: ids.length, withheld: [] };
        if (a.withheld) return { interviews: ids.length, withheld: a.withheld };
        // What the public view leaves out is the core's answer (package::content_for).
        if (!a.world().rules) return { interviews: ids.length, withheld: unrestrictedWithheld() };
        if (options.selection.kind !== "all") throw new Error("the core's fixtures preview only the whole archive when rules exist; set access().withheld");
        return a.answer((w) => w.preview, "public preview");
      }),
  ),
  exportPackage: vi.fn(
    (jobId: string, options: ExportOptions, onProgress: ProgressSink): Promise<ExportSummary> => {
      const a = access();
      return job("exportPackage", jobId, `Exporting a ${options.profile} package`, "writing", 3, onProgress, () => {
        if (!options.out.trim()) throw invalidField("out", "choose a folder for the package");
        if (a.fullFolders.has(options.out)) throw invalidField("out", `${options.out} is not empty; choose a new folder for the package`);
        const parent = options.out.replace(/\/[^/]*$/, "");
        if (a.missingFolders.has(parent))
          throw invalidField("out", `${parent} does not exist; choose a folder that does, and the package goes into a new folder inside it`);
        a.fullFolders.add(options.out);
        const ids = a.selected(options);
        const withheld = options.profile === "public" ? (a.withheld ?? []) : [];
        return { out: options.out, interviews: ids.length, files: ids.length * 3 + 6, megabytes: 12.5, withheld };
      }, (r) => `${r.interviews} interviews, ${r.files} files written to ${r.out}`);
    },
  ),
  importPackage: vi.fn(
    (jobId: string, path: string, onProgress: ProgressSink): Promise<MergeReport> => {
      const a = access();
      return job("importPackage", jobId, `Importing ${path}`, "verifying", 2, onProgress, () => {
        backend.announce("archive");
        return a.importReport;
      }, (r) => `${r.added} records added, ${r.conflicts.length} conflicts`);
    },
  ),
  auditArchive: vi.fn(
    (jobId: string, onProgress: ProgressSink): Promise<AuditReport> => {
      const a = access();
      return job("auditArchive", jobId, "Checking every file of the archive", "hashing", Math.max(1, a.auditReport.checked), onProgress, () => a.auditReport, (r) =>
        `${r.checked} files checked, ${r.missing.length} missing, ${r.changed.length} changed`,
      );
    },
  ),
  cancelJob: vi.fn(
    (jobId: string): Promise<void> =>
      call("cancelJob", () => {
        const stop = access().jobs.get(jobId);
        if (!stop) throw new ApiError("not_found", "that job has already finished");
        stop();
      }),
  ),
  chooseFolder: vi.fn((title: string): Promise<string | null> => call("chooseFolder", () => (void title, access().folderAnswer))),
  openSite: vi.fn(
    (bagDir: string): Promise<void> =>
      call("openSite", () => {
        // As the backend: only a folder an export wrote has a site.
        if (!access().fullFolders.has(bagDir)) throw new ApiError("not_found", `${bagDir} has no site; export the package again`);
      }),
  ),
  openFolder: vi.fn(
    (path: string): Promise<void> =>
      call("openFolder", () => {
        // As the backend: only a folder that exists is opened.
        if (!access().fullFolders.has(path)) throw new ApiError("not_found", `${path} is not a folder on this computer`);
      }),
  ),
};

// Module-shaped exports, checked against the real module's types.
export const listTags: typeof Api.listTags = fns.listTags;
export const suggestTags: typeof Api.suggestTags = fns.suggestTags;
export const createTag: typeof Api.createTag = fns.createTag;
export const updateTag: typeof Api.updateTag = fns.updateTag;
export const renameTag: typeof Api.renameTag = fns.renameTag;
export const moveTag: typeof Api.moveTag = fns.moveTag;
export const mergeTags: typeof Api.mergeTags = fns.mergeTags;
export const deleteTag: typeof Api.deleteTag = fns.deleteTag;
export const tagTarget: typeof Api.tagTarget = fns.tagTarget;
export const untagTarget: typeof Api.untagTarget = fns.untagTarget;
export const tagsOf: typeof Api.tagsOf = fns.tagsOf;
export const tagged: typeof Api.tagged = fns.tagged;
export const createLink: typeof Api.createLink = fns.createLink;
export const deleteLink: typeof Api.deleteLink = fns.deleteLink;
export const linksOf: typeof Api.linksOf = fns.linksOf;
export const listSources: typeof Api.listSources = fns.listSources;
export const createSource: typeof Api.createSource = fns.createSource;
export const updateSource: typeof Api.updateSource = fns.updateSource;
export const deleteSource: typeof Api.deleteSource = fns.deleteSource;
export const cite: typeof Api.cite = fns.cite;
export const uncite: typeof Api.uncite = fns.uncite;
export const citationsOf: typeof Api.citationsOf = fns.citationsOf;
export const restrictionsOf: typeof Api.restrictionsOf = fns.restrictionsOf;
export const restrict: typeof Api.restrict = fns.restrict;
export const liftRestriction: typeof Api.liftRestriction = fns.liftRestriction;
export const releaseFormsOf: typeof Api.releaseFormsOf = fns.releaseFormsOf;
export const addReleaseForm: typeof Api.addReleaseForm = fns.addReleaseForm;
export const updateReleaseForm: typeof Api.updateReleaseForm = fns.updateReleaseForm;
export const listAccessions: typeof Api.listAccessions = fns.listAccessions;
export const accessionsOf: typeof Api.accessionsOf = fns.accessionsOf;
export const createAccession: typeof Api.createAccession = fns.createAccession;
export const updateAccession: typeof Api.updateAccession = fns.updateAccession;
export const deleteAccession: typeof Api.deleteAccession = fns.deleteAccession;
export const chooseDeed: typeof Api.chooseDeed = fns.chooseDeed;
export const attachAccessionDeed: typeof Api.attachAccessionDeed = fns.attachAccessionDeed;
export const effectiveAccess: typeof Api.effectiveAccess = fns.effectiveAccess;
export const inheritedAccess: typeof Api.inheritedAccess = fns.inheritedAccess;
export const transcriptMarks: typeof Api.transcriptMarks = fns.transcriptMarks;
export const listSavedSearches: typeof Api.listSavedSearches = fns.listSavedSearches;
export const saveSearch: typeof Api.saveSearch = fns.saveSearch;
export const deleteSavedSearch: typeof Api.deleteSavedSearch = fns.deleteSavedSearch;
export const runSavedSearch: typeof Api.runSavedSearch = fns.runSavedSearch;
export const listLists: typeof Api.listLists = fns.listLists;
export const createList: typeof Api.createList = fns.createList;
export const listEntries: typeof Api.listEntries = fns.listEntries;
export const addToList: typeof Api.addToList = fns.addToList;
export const removeFromList: typeof Api.removeFromList = fns.removeFromList;
export const deleteList: typeof Api.deleteList = fns.deleteList;
export const resolveSpan: typeof Api.resolveSpan = fns.resolveSpan;
export const locateRecord: typeof Api.locateRecord = fns.locateRecord;
export const listTranscripts: typeof Api.listTranscripts = fns.listTranscripts;
export const previewExport: typeof Api.previewExport = fns.previewExport;
export const exportPackage: typeof Api.exportPackage = fns.exportPackage;
export const importPackage: typeof Api.importPackage = fns.importPackage;
export const auditArchive: typeof Api.auditArchive = fns.auditArchive;
export const cancelJob: typeof Api.cancelJob = fns.cancelJob;
export const chooseFolder: typeof Api.chooseFolder = fns.chooseFolder;
export const openSite: typeof Api.openSite = fns.openSite;
export const openFolder: typeof Api.openFolder = fns.openFolder;

/** The vi.fn behind each export of this half, for assertions. */
export const accessMocks = fns;
