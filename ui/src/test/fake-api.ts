// An in-memory stand-in for src/lib/api, used with
//   vi.mock("../lib/api", () => import("../test/fake-api"))
// Every function is a vi.fn over a small fake archive that behaves like the backend where
// the window can tell: it validates titles and dates with the backend's wording, refuses to
// delete people who are in an interview, and announces every change asynchronously.

import { vi } from "vitest";
import { ApiError, invalidField } from "../lib/api/errors";
import { coreDate, coreRule } from "./core-answers";
import type * as Api from "../lib/api";
import type {
  Restored,
  TrashItem,
  AlignedRow,
  ArchiveInfo,
  ChangeKind,
  Collection,
  CollectionInput,
  DragDrop,
  HistoryEvent,
  BlockIssue,
  ImportKind,
  ImportOptions,
  ImportPreview,
  ImportSummary,
  IndexPoint,
  Interview,
  InterviewFilter,
  Media,
  InterviewInput,
  ListedInterview,
  Person,
  PersonInput,
  ProgressSink,
  RecentArchive,
  Recording,
  Revision,
  InterviewHits,
  SearchHit,
  SearchQuery,
  SearchResults,
  Segment,
  Stamp,
  StampOrder,
  SegmentChange,
  SegmentInput,
  Transcript,
  AlignmentOutcome,
  SpeechModel,
  ReheardStored,
  Transcribed,
  TranscriptSpeech,
} from "../lib/api";

export { ApiError, invalidField, messageOf, toApiError } from "../lib/api/errors";
export * from "./fake-access";
// Photos, regions and the people authority live beside, in fake-photos.ts.
export * from "./fake-photos";
import { photoMocks } from "./fake-photos";
import { access } from "./fake-access";

const T0 = "2026-01-02T10:00:00Z";

type StoredCollection = Omit<Collection, "interview_count">;
type StoredPerson = Omit<Person, "interview_count">;
type StoredInterview = Omit<Interview, "narrators" | "interviewers"> & { narrator_ids: string[]; interviewer_ids: string[] };

export class FakeArchive {
  info: ArchiveInfo | null = { path: "/home/ann/Family stories.db", name: "Family stories", curator: "Ann" };
  recent: RecentArchive[] = [{ path: "/home/ann/Family stories.db", name: "Family stories", exists: true }];
  collections: StoredCollection[] = [];
  people: StoredPerson[] = [];
  interviews: StoredInterview[] = [];
  history: HistoryEvent[] = [];
  /** What deleteInterview and deletePerson moved to the trash, newest last, as it was. */
  trash: { item: TrashItem; interview?: StoredInterview; person?: StoredPerson }[] = [];
  listeners = new Set<(what: ChangeKind) => void>();
  /** What the next call to a named function throws, once. */
  failures = new Map<string, ApiError>();
  /** The next native dialog's answer: a path, or null for Cancel. */
  dialogAnswer: string | null = null;
  /** The next file dialog's answer (chooseFiles): paths, or null for Cancel. */
  filesAnswer: string[] | null = null;
  /** What the core would take each dropped path as (droppedFileKinds); any other path: nothing. */
  fileKinds = new Map<string, ImportKind>();
  transcripts: Transcript[] = [];
  /** Each transcript's segments, in order. */
  segments = new Map<string, Segment[]>();
  revisions: { revision: Revision; segments: Segment[] }[] = [];
  indexPoints: (IndexPoint & { interview_id: string })[] = [];
  recordings = new Map<string, Recording[]>();
  /** The speech model folder as speechModel answers, and what the next folder dialog picks. */
  speechModel: SpeechModel = { folder: null, name: null, problem: null };
  modelAnswer: SpeechModel | null = null;
  /** What recognition left on each transcript (transcriptSpeech); none: a typed transcript. */
  speech = new Map<string, TranscriptSpeech>();
  /** What the next transcription or alignment answers, after one progress report. */
  transcribed: Transcribed | null = null;
  aligned: AlignmentOutcome | null = null;
  /** Files importTranscript can read: path → their cues [start, end, speaker, text]. */
  files = new Map<string, { cues: Cue[]; language?: string; warnings?: string[]; issues?: BlockIssue[]; issue_summary?: string }>();
  /** While set, imports wait for it after their first progress report (see holdImports). */
  importGate: Promise<void> | null = null;
  /** While set, speech jobs wait for it after their first progress report (see holdSpeech). */
  speechGate: Promise<void> | null = null;
  /** What hearing a passage again puts in place of its segments. */
  reheardText = "Heard again.";
  /** Running jobs, by id, and how to stop them. */
  jobs = new Map<string, () => void>();
  dropListeners = new Set<(e: DragDrop) => void>();
  #n = 0;

  id(prefix: string): string {
    return `${prefix}-${++this.#n}`;
  }

  failNext(fn: keyof typeof Api, error: ApiError) {
    this.failures.set(fn, error);
  }

  check(fn: string) {
    const e = this.failures.get(fn);
    if (e) {
      this.failures.delete(fn);
      throw e;
    }
  }

  need(): ArchiveInfo {
    if (!this.info) throw new ApiError("no_archive", "No archive is open. Open or create one from the File menu.");
    return this.info;
  }

  /** Keeps a deleted record in the fake trash. */
  toTrash(what: Pick<TrashItem, "kind" | "id" | "label">, held: { interview?: StoredInterview; person?: StoredPerson }) {
    this.trash.push({ item: { ...what, deleted_at: T0, agent: "Ann", origin: "window", holds: "" }, ...held });
  }

  /** Announces a change the way Tauri does: later, not during the call. */
  announce(what: ChangeKind) {
    setTimeout(() => this.listeners.forEach((cb) => cb(what)), 0);
  }

  emit(what: ChangeKind) {
    this.listeners.forEach((cb) => cb(what));
  }

  // Read models

  collection(c: StoredCollection): Collection {
    return { ...c, interview_count: this.interviews.filter((i) => i.collection_id === c.id).length };
  }

  person(p: StoredPerson): Person {
    return { ...p, interview_count: this.interviews.filter((i) => i.narrator_ids.includes(p.id) || i.interviewer_ids.includes(p.id)).length };
  }

  interview(i: StoredInterview): Interview {
    const ref = (id: string) => ({ id, name: this.people.find((p) => p.id === id)?.display_name ?? "?" });
    const { narrator_ids, interviewer_ids, ...rest } = i;
    return { ...rest, narrators: narrator_ids.map(ref), interviewers: interviewer_ids.map(ref) };
  }

  /** An interview with its access, as the list and the editor get it. */
  listed(i: StoredInterview): ListedInterview {
    return { ...this.interview(i), access: access().interviewAccess(i.id) };
  }

  // Seeding

  addCollection(title: string): Collection {
    const c = { id: this.id("c"), title, description: "", created_at: T0, updated_at: T0 };
    this.collections.push(c);
    return this.collection(c);
  }

  addPerson(display_name: string, more: Partial<StoredPerson> = {}): Person {
    const p: StoredPerson = {
      id: this.id("p"),
      display_name,
      sort_name: sortName(display_name),
      birth_date: null,
      death_date: null,
      note: "",
      created_at: T0,
      updated_at: T0,
      ...more,
    };
    this.people.push(p);
    return this.person(p);
  }

  addInterview(title: string, more: Partial<StoredInterview> = {}): Interview {
    const i: StoredInterview = {
      id: this.id("i"),
      title,
      collection_id: null,
      date: null,
      place: "",
      languages: [],
      summary: "",
      duration_ms: null,
      status: "draft",
      narrator_ids: [],
      interviewer_ids: [],
      created_at: T0,
      updated_at: T0,
      ...more,
    };
    this.interviews.push(i);
    return this.interview(i);
  }

  // Validation, worded as the backend words it

  validInterview(input: InterviewInput): Omit<StoredInterview, "id" | "created_at" | "updated_at"> {
    coreRule("interview title", input.title);
    const title = input.title.trim();
    if (input.collection_id && !this.collections.some((c) => c.id === input.collection_id)) {
      throw new ApiError("not_found", `no collection with id ${input.collection_id}: it may have been deleted`);
    }
    for (const id of [...(input.narrator_ids ?? []), ...(input.interviewer_ids ?? [])]) {
      if (!this.people.some((p) => p.id === id)) throw new ApiError("not_found", `no person with id ${id}: it may have been deleted`);
    }
    return {
      title,
      collection_id: input.collection_id ?? null,
      date: edtf("date", input.date),
      place: (input.place ?? "").trim(),
      languages: input.languages ?? [],
      summary: (input.summary ?? "").trim(),
      duration_ms: input.duration_ms ?? null,
      status: input.status ?? "draft",
      narrator_ids: input.narrator_ids ?? [],
      interviewer_ids: input.interviewer_ids ?? [],
    };
  }

  validPerson(input: PersonInput): Omit<StoredPerson, "id" | "created_at" | "updated_at"> {
    const display_name = coreRule("person name", input.display_name) as string;
    return {
      display_name,
      sort_name: input.sort_name?.trim() || sortName(display_name),
      birth_date: edtf("birth date", input.birth_date),
      death_date: edtf("death date", input.death_date),
      note: (input.note ?? "").trim(),
    };
  }

  // Transcripts

  addTranscript(interviewId: string, label: string, language: string, cues: Cue[], more: Partial<Transcript> = {}): Transcript {
    const t: Transcript = {
      id: this.id("t"),
      interview_id: interviewId,
      language,
      label,
      source_format: "vtt",
      source_name: `${label}.vtt`,
      segment_count: cues.length,
      created_at: T0,
      updated_at: T0,
      ...more,
    };
    this.transcripts.push(t);
    this.segments.set(
      t.id,
      cues.map(([start_ms, end_ms, speaker_label, text], position) => ({
        id: this.id("s"),
        position,
        start_ms,
        end_ms,
        speaker_id: null,
        speaker_label,
        text,
      })),
    );
    return t;
  }

  transcript(id: string): Transcript {
    const t = this.transcripts.find((x) => x.id === id);
    if (!t) throw new ApiError("not_found", `no transcript with id ${id}: it may have been deleted`);
    return { ...t, segment_count: this.segments.get(id)?.length ?? 0 };
  }

  /** The segment and the list it is in. */
  segment(id: string): { list: Segment[]; at: number; segment: Segment } {
    for (const list of this.segments.values()) {
      const at = list.findIndex((s) => s.id === id);
      if (at >= 0) return { list, at, segment: list[at] };
    }
    throw new ApiError("not_found", `no segment with id ${id}: it may have been deleted`);
  }

  addIndexPoint(interviewId: string, time_ms: number, title: string, more: Partial<IndexPoint> = {}): IndexPoint {
    const p = {
      id: this.id("x"),
      interview_id: interviewId,
      time_ms,
      title,
      partial_transcript: "",
      synopsis: "",
      keywords: [],
      subjects: [],
      gps_lat: null,
      gps_lon: null,
      hyperlinks: [],
      ...more,
    };
    this.indexPoints.push(p);
    return p;
  }

  addRecording(interviewId: string, more: Partial<Recording> = {}): Recording {
    const r: Recording = {
      id: this.id("m"),
      path: `/archive/media/${interviewId}.mp3`,
      url: `http://127.0.0.1:4000/token/${interviewId}`,
      kind: "audio",
      mime_type: "audio/mpeg",
      duration_ms: 600_000,
      missing: false,
      label: "Tape 1",
      ...more,
    };
    this.recordings.set(interviewId, [...(this.recordings.get(interviewId) ?? []), r]);
    return r;
  }

  /** Makes imports wait after their first progress report until the returned function is called. */
  holdImports(): () => void {
    let release!: () => void;
    this.importGate = new Promise((r) => (release = r));
    return () => {
      this.importGate = null;
      release();
    };
  }

  /** Makes speech jobs wait after their first progress report until the returned function is
   * called; a cancel meanwhile stops them as the backend does (nothing kept). */
  holdSpeech(): () => void {
    let release!: () => void;
    this.speechGate = new Promise((r) => (release = r));
    return () => {
      this.speechGate = null;
      release();
    };
  }

  /** Runs a speech job's hearing: waits for the speech gate, or fails as cancelled. */
  async hearing(jobId: string): Promise<void> {
    let stop!: () => void;
    const stopped = new Promise<"cancelled">((resolve) => (stop = () => resolve("cancelled")));
    this.jobs.set(jobId, stop);
    try {
      if (this.speechGate && (await Promise.race([this.speechGate.then(() => "go" as const), stopped])) === "cancelled") {
        throw new ApiError("cancelled", "the job was cancelled; nothing was kept");
      }
    } finally {
      this.jobs.delete(jobId);
    }
  }

  /** Files dragged onto the window and dropped. */
  drop(paths: string[]) {
    this.dropListeners.forEach((cb) => cb({ type: "enter", paths }));
    this.dropListeners.forEach((cb) => cb({ type: "drop", paths }));
  }

  log(event_type: HistoryEvent["event_type"], record_kind: string, record_id: string, before: unknown, after: unknown) {
    this.history.push({
      id: this.id("e"),
      at: T0,
      event_type,
      record_kind,
      record_id,
      origin: "window",
      agent: this.info?.curator ?? "",
      before: before ? JSON.stringify(before) : null,
      after: after ? JSON.stringify(after) : null,
      note: null,
      imported_from: null,
    });
  }
}

/** A cue of a transcript: start and end in ms, speaker label, text. */
export type Cue = [number | null, number | null, string, string];

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** The text, escaped, with every word of the query in <mark>, as the backend's snippets are. */
function snippetOf(text: string, words: string[]): string {
  let out = escapeHtml(text);
  for (const w of words) {
    const re = new RegExp(`(${escapeHtml(w).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})`, "giu");
    out = out.replace(re, "<mark>$1</mark>");
  }
  return out;
}

function chars(text: string): string[] {
  return Array.from(text);
}

function sortName(name: string): string {
  const w = name.split(/\s+/).filter(Boolean);
  return w.length < 2 ? (w[0] ?? "") : `${w.at(-1)}, ${w.slice(0, -1).join(" ")}`;
}

/** A date field's value as the core stores it, or the core's error (dates::normalize, from the fixtures). */
const edtf = (field: string, value: string | null | undefined): string | null => coreDate("edtf", field, value);

/** The fake archive the mocked API works on; replaced by reset(). */
export let backend = new FakeArchive();

/** A fresh, empty fake archive (call in beforeEach). */
export function reset(): FakeArchive {
  backend = new FakeArchive();
  for (const fn of Object.values(fns)) fn.mockClear();
  for (const fn of Object.values(photoMocks)) fn.mockClear();
  return backend;
}

const clone = <T>(v: T): T => structuredClone(v);

async function call<T>(name: string, body: () => T): Promise<T> {
  await Promise.resolve();
  backend.check(name);
  return clone(body());
}

const fns = {
  listTrash: vi.fn((): Promise<TrashItem[]> => call("listTrash", () => backend.trash.map((t) => t.item).reverse())),
  restoreFromTrash: vi.fn(
    (id: string): Promise<Restored> =>
      call("restoreFromTrash", () => {
        const kept = backend.trash.find((t) => t.item.id === id);
        if (!kept) throw new ApiError("not_found", `no record in the trash with id ${id}: it may have been deleted`);
        backend.trash = backend.trash.filter((t) => t !== kept);
        if (kept.interview) backend.interviews.push(kept.interview);
        if (kept.person) backend.people.push(kept.person);
        backend.announce(kept.person ? "people" : "interviews");
        return { item: kept.item, left_out: 0 };
      }),
  ),
  purgeFromTrash: vi.fn(
    (id: string): Promise<TrashItem> =>
      call("purgeFromTrash", () => {
        const kept = backend.trash.find((t) => t.item.id === id);
        if (!kept) throw new ApiError("not_found", `no record in the trash with id ${id}: it may have been deleted`);
        backend.trash = backend.trash.filter((t) => t !== kept);
        backend.announce("interviews");
        return kept.item;
      }),
  ),
  emptyTrash: vi.fn(
    (): Promise<number> =>
      call("emptyTrash", () => {
        const n = backend.trash.length;
        backend.trash = [];
        backend.announce("interviews");
        return n;
      }),
  ),
  archiveInfo: vi.fn((): Promise<ArchiveInfo | null> => call("archiveInfo", () => backend.info)),
  recentArchives: vi.fn((): Promise<RecentArchive[]> => call("recentArchives", () => backend.recent)),
  openArchive: vi.fn(
    (path: string): Promise<ArchiveInfo> =>
      call("openArchive", () => {
        const known = backend.recent.find((r) => r.path === path);
        if (!known?.exists) throw new ApiError("not_found", `${path} does not exist; it may have been moved or deleted`);
        backend.info = { path, name: known.name, curator: "Ann" };
        backend.announce("archive");
        return backend.info;
      }),
  ),
  createArchive: vi.fn(
    (path: string): Promise<ArchiveInfo> =>
      call("createArchive", () => {
        backend.info = { path, name: path.replace(/^.*\//, "").replace(/\.db$/, ""), curator: "Ann" };
        return backend.info;
      }),
  ),
  chooseArchiveToOpen: vi.fn(
    (): Promise<ArchiveInfo | null> =>
      call("chooseArchiveToOpen", () => {
        const path = backend.dialogAnswer;
        if (!path) return null;
        backend.info = { path, name: path.replace(/^.*\//, "").replace(/\.db$/, ""), curator: "Ann" };
        backend.announce("archive");
        return backend.info;
      }),
  ),
  chooseArchiveToCreate: vi.fn(
    (): Promise<ArchiveInfo | null> =>
      call("chooseArchiveToCreate", () => {
        const path = backend.dialogAnswer;
        if (!path) return null;
        backend.info = { path, name: path.replace(/^.*\//, "").replace(/\.db$/, ""), curator: "Ann" };
        backend.collections = [];
        backend.people = [];
        backend.interviews = [];
        backend.announce("archive");
        return backend.info;
      }),
  ),
  setCurator: vi.fn(
    (name: string): Promise<ArchiveInfo> =>
      call("setCurator", () => {
        backend.info = { ...backend.need(), curator: name };
        return backend.info;
      }),
  ),

  listCollections: vi.fn(
    (): Promise<Collection[]> =>
      call("listCollections", () => {
        backend.need();
        return [...backend.collections].sort((a, b) => a.title.localeCompare(b.title)).map((c) => backend.collection(c));
      }),
  ),
  createCollection: vi.fn(
    (input: CollectionInput): Promise<Collection> =>
      call("createCollection", () => {
        backend.need();
        coreRule("collection title", input.title);
        const c = backend.addCollection(input.title.trim());
        backend.announce("collections");
        return c;
      }),
  ),
  updateCollection: vi.fn(
    (id: string, input: CollectionInput): Promise<Collection> =>
      call("updateCollection", () => {
        const c = backend.collections.find((x) => x.id === id);
        if (!c) throw new ApiError("not_found", `no collection with id ${id}: it may have been deleted`);
        coreRule("collection title", input.title);
        c.title = input.title.trim();
        c.description = input.description ?? "";
        backend.announce("collections");
        return backend.collection(c);
      }),
  ),
  deleteCollection: vi.fn(
    (id: string): Promise<void> =>
      call("deleteCollection", () => {
        backend.collections = backend.collections.filter((c) => c.id !== id);
        for (const i of backend.interviews) if (i.collection_id === id) i.collection_id = null;
        backend.announce("collections");
      }),
  ),

  listInterviews: vi.fn(
    (filter: InterviewFilter = {}): Promise<ListedInterview[]> =>
      call("listInterviews", () => {
        backend.need();
        return backend.interviews
          .filter((i) => !filter.collection_id || i.collection_id === filter.collection_id)
          .sort((a, b) => a.title.localeCompare(b.title))
          .map((i) => backend.listed(i));
      }),
  ),
  getInterview: vi.fn(
    (id: string): Promise<ListedInterview> =>
      call("getInterview", () => {
        const i = backend.interviews.find((x) => x.id === id);
        if (!i) throw new ApiError("not_found", `no interview with id ${id}: it may have been deleted`);
        return backend.listed(i);
      }),
  ),
  createInterview: vi.fn(
    (input: InterviewInput): Promise<ListedInterview> =>
      call("createInterview", () => {
        const created = backend.addInterview(input.title, backend.validInterview(input));
        backend.log("creation", "interview", created.id, null, created);
        backend.announce("interviews");
        return backend.listed(backend.interviews.find((i) => i.id === created.id)!);
      }),
  ),
  updateInterview: vi.fn(
    (id: string, input: InterviewInput): Promise<ListedInterview> =>
      call("updateInterview", () => {
        const i = backend.interviews.find((x) => x.id === id);
        if (!i) throw new ApiError("not_found", `no interview with id ${id}: it may have been deleted`);
        const before = backend.interview(i);
        Object.assign(i, backend.validInterview(input), { updated_at: "2026-01-02T11:00:00Z" });
        backend.log("modification", "interview", id, before, backend.interview(i));
        backend.announce("interviews");
        return backend.listed(i);
      }),
  ),
  deleteInterview: vi.fn(
    (id: string): Promise<void> =>
      call("deleteInterview", () => {
        if (!backend.interviews.some((x) => x.id === id)) throw new ApiError("not_found", `no interview with id ${id}: it may have been deleted`);
        const gone = backend.interviews.find((x) => x.id === id)!;
        backend.interviews = backend.interviews.filter((x) => x.id !== id);
        backend.toTrash({ kind: "interview", id, label: gone.title }, { interview: gone });
        backend.announce("interviews");
      }),
  ),

  listPeople: vi.fn(
    (): Promise<Person[]> =>
      call("listPeople", () => {
        backend.need();
        return [...backend.people].sort((a, b) => a.sort_name.localeCompare(b.sort_name)).map((p) => backend.person(p));
      }),
  ),
  getPerson: vi.fn(
    (id: string): Promise<Person> =>
      call("getPerson", () => {
        const p = backend.people.find((x) => x.id === id);
        if (!p) throw new ApiError("not_found", `no person with id ${id}: it may have been deleted`);
        return backend.person(p);
      }),
  ),
  createPerson: vi.fn(
    (input: PersonInput): Promise<Person> =>
      call("createPerson", () => {
        const created = backend.addPerson(input.display_name, backend.validPerson(input));
        backend.announce("people");
        return created;
      }),
  ),
  updatePerson: vi.fn(
    (id: string, input: PersonInput): Promise<Person> =>
      call("updatePerson", () => {
        const p = backend.people.find((x) => x.id === id);
        if (!p) throw new ApiError("not_found", `no person with id ${id}: it may have been deleted`);
        Object.assign(p, backend.validPerson(input));
        backend.announce("people");
        return backend.person(p);
      }),
  ),
  deletePerson: vi.fn(
    (id: string): Promise<void> =>
      call("deletePerson", () => {
        const p = backend.people.find((x) => x.id === id);
        if (!p) throw new ApiError("not_found", `no person with id ${id}: it may have been deleted`);
        const uses = backend.interviews.filter((i) => i.narrator_ids.includes(id) || i.interviewer_ids.includes(id));
        if (uses.length > 0) {
          const role = uses[0].narrator_ids.includes(id) ? "narrator" : "interviewer";
          const more = uses.length > 1 ? ` and ${uses.length - 1} more` : "";
          throw new ApiError(
            "in_use",
            `${p.display_name} cannot be deleted: they are the ${role} of "${uses[0].title}"${more}. Remove them from those interviews first.`,
          );
        }
        backend.people = backend.people.filter((x) => x.id !== id);
        backend.toTrash({ kind: "person", id, label: p.display_name }, { person: p });
        backend.announce("people");
      }),
  ),

  defaultSortName: vi.fn((displayName: string): Promise<string> => call("defaultSortName", () => sortName(displayName))),

  recordHistory: vi.fn((id: string): Promise<HistoryEvent[]> => call("recordHistory", () => backend.history.filter((e) => e.record_id === id))),

  onArchiveChanged: vi.fn((cb: (what: ChangeKind) => void): (() => void) => {
    backend.listeners.add(cb);
    return () => backend.listeners.delete(cb);
  }),

  listTranscripts: vi.fn(
    (interviewId: string): Promise<Transcript[]> =>
      call("listTranscripts", () => backend.transcripts.filter((t) => t.interview_id === interviewId).map((t) => backend.transcript(t.id))),
  ),
  transcriptSegments: vi.fn(
    (transcriptId: string): Promise<Segment[]> =>
      call("transcriptSegments", () => {
        backend.transcript(transcriptId);
        return backend.segments.get(transcriptId) ?? [];
      }),
  ),
  previewTranscript: vi.fn(
    (path: string, options: ImportOptions): Promise<ImportPreview> =>
      call("previewTranscript", () => {
        const file = backend.files.get(path);
        if (!file) throw new ApiError("io", `${path}: no such file`);
        const name = path.replace(/^.*\//, "");
        return {
          file_name: name,
          format: options.format ?? "vtt",
          segment_count: file.cues.length,
          index_points: 0,
          language: file.language ?? null,
          title: null,
          first_segments: [],
          warnings: file.warnings ?? [],
          issues: file.issues ?? [],
          issue_summary: file.issue_summary ?? null,
          sha256: `sha-of-${name}`,
        };
      }),
  ),
  importTranscript: vi.fn(
    async (jobId: string, interviewId: string, path: string, options: ImportOptions, onProgress: ProgressSink): Promise<ImportSummary> => {
      await Promise.resolve();
      backend.check("importTranscript");
      const name = path.replace(/^.*\//, "");
      const file = backend.files.get(path);
      onProgress({ event: "started", title: `Importing ${name}` });
      let stop!: () => void;
      const stopped = new Promise<"cancelled">((resolve) => (stop = () => resolve("cancelled")));
      backend.jobs.set(jobId, stop);
      try {
        if (!backend.interviews.some((i) => i.id === interviewId)) throw new ApiError("not_found", `no interview with id ${interviewId}: it may have been deleted`);
        if (!file) throw new ApiError("io", `${path}: no such file`);
        const total = file.cues.length;
        onProgress({ event: "progress", phase: "storing segments", done: 0, total });
        for (const message of file.warnings ?? []) onProgress({ event: "warning", message });
        if (backend.importGate && (await Promise.race([backend.importGate.then(() => "go" as const), stopped])) === "cancelled") {
          throw new ApiError("cancelled", "the import was cancelled; nothing was kept");
        }
        const t = backend.addTranscript(interviewId, options.label || name, options.language || file.language || "", file.cues, {
          source_format: options.format ?? "vtt",
          source_name: name,
        });
        onProgress({ event: "progress", phase: "storing segments", done: total, total });
        onProgress({ event: "finished", summary: `${total} segments imported from ${name}` });
        backend.announce("transcripts");
        return clone({ transcript: backend.transcript(t.id), translations: [], index_points: 0, warnings: file.warnings ?? [], issues: file.issues ?? [], issue_summary: file.issue_summary ?? null });
      } catch (e) {
        const error = e instanceof ApiError ? e : new ApiError("internal", String(e));
        onProgress({ event: "failed", message: error.message, cancelled: error.code === "cancelled" });
        throw error;
      } finally {
        backend.jobs.delete(jobId);
      }
    },
  ),
  cancelJob: vi.fn(
    (jobId: string): Promise<void> =>
      call("cancelJob", () => {
        const stop = backend.jobs.get(jobId);
        if (!stop) throw new ApiError("not_found", "that job has already finished");
        stop();
      }),
  ),
  updateSegment: vi.fn(
    (segmentId: string, input: SegmentInput): Promise<Segment> =>
      call("updateSegment", () => {
        const { list, at, segment } = backend.segment(segmentId);
        const start = input.start_ms ?? null;
        const end = input.end_ms ?? null;
        coreRule("segment times", [start, end]);
        list[at] = { ...segment, start_ms: start, end_ms: end, speaker_id: input.speaker_id ?? null, speaker_label: (input.speaker_label ?? "").trim(), text: input.text };
        return list[at];
      }),
  ),
  splitSegment: vi.fn(
    (segmentId: string, atChar: number, atMs: number | null): Promise<[Segment, Segment]> =>
      call("splitSegment", () => {
        const { list, at, segment } = backend.segment(segmentId);
        const cs = chars(segment.text);
        coreRule("split segment", { text: segment.text, start_ms: segment.start_ms, end_ms: segment.end_ms, at_char: atChar, at_ms: atMs });
        const first: Segment = { ...segment, text: cs.slice(0, atChar).join("").trimEnd(), end_ms: atMs ?? segment.end_ms };
        const second: Segment = {
          ...segment,
          id: backend.id("s"),
          position: segment.position + 1,
          start_ms: atMs ?? segment.end_ms,
          end_ms: segment.end_ms,
          text: cs.slice(atChar).join("").trimStart(),
        };
        list.splice(at, 1, first, second);
        for (let i = at + 2; i < list.length; i++) list[i] = { ...list[i], position: i };
        return [first, second] as [Segment, Segment];
      }),
  ),
  mergeSegmentWithNext: vi.fn(
    (segmentId: string): Promise<Segment> =>
      call("mergeSegmentWithNext", () => {
        const { list, at, segment } = backend.segment(segmentId);
        const next = list[at + 1];
        coreRule("merge with next", { count: list.length, position: at });
        if (!next) throw new Error("the core's fixture let the last segment merge with a next one");
        const text = !next.text ? segment.text : !segment.text ? next.text : `${segment.text} ${next.text}`;
        list.splice(at, 2, { ...segment, text, end_ms: next.end_ms ?? segment.end_ms });
        for (let i = at + 1; i < list.length; i++) list[i] = { ...list[i], position: i };
        return list[at];
      }),
  ),
  syncSegmentStart: vi.fn(
    (segmentId: string, atMs: number, order: StampOrder = "check"): Promise<Stamp> =>
      call("syncSegmentStart", () => {
        const { list, at, segment } = backend.segment(segmentId);
        // Whether the time keeps the order, and where the segment ends up, are the core's.
        const answer = coreRule("stamp", {
          texts: list.map((s) => s.text),
          starts: list.map((s) => s.start_ms),
          ends: list.map((s) => s.end_ms),
          position: at,
          at_ms: atMs,
          order,
        }) as
          | { kind: "stamped"; position: number; start_ms: number | null; end_ms: number | null }
          | { kind: "out_of_order"; earlier: boolean; neighbour_position: number; position_in_time: number; message: string };
        if (answer.kind === "out_of_order") {
          const { earlier, neighbour_position, position_in_time, message } = answer;
          return { kind: "out_of_order", order: { at_ms: atMs, earlier, neighbour: list[neighbour_position], position_in_time, message } };
        }
        list.splice(at, 1);
        list.splice(answer.position, 0, { ...segment, start_ms: answer.start_ms, end_ms: answer.end_ms });
        for (let i = 0; i < list.length; i++) if (list[i].position !== i) list[i] = { ...list[i], position: i };
        return { kind: "stamped", segment: list[answer.position] };
      }),
  ),
  moveSegment: vi.fn(
    (segmentId: string, position: number): Promise<Segment> =>
      call("moveSegment", () => {
        const { list, at, segment } = backend.segment(segmentId);
        const to = coreRule("move segment", { count: list.length, from: at, to: position }) as number;
        list.splice(at, 1);
        list.splice(to, 0, segment);
        for (let i = 0; i < list.length; i++) if (list[i].position !== i) list[i] = { ...list[i], position: i };
        return list[to];
      }),
  ),
  deleteTranscript: vi.fn(
    (transcriptId: string): Promise<void> =>
      call("deleteTranscript", () => {
        backend.transcript(transcriptId);
        backend.transcripts = backend.transcripts.filter((t) => t.id !== transcriptId);
        backend.segments.delete(transcriptId);
        backend.announce("transcripts");
      }),
  ),
  alignTranscripts: vi.fn(
    (leftId: string, rightId: string): Promise<AlignedRow[]> =>
      call("alignTranscripts", () => {
        // The backend's walk: a right segment joins the row of the left one it starts within.
        const left = [...(backend.segments.get(leftId) ?? [])];
        const right = [...(backend.segments.get(rightId) ?? [])];
        const rows: AlignedRow[] = [];
        while (left.length || right.length) {
          const [a, b] = [left[0], right[0]];
          if (!b) rows.push({ left: left.shift()!, right: null });
          else if (!a) rows.push({ left: null, right: right.shift()! });
          else {
            const [as, bs] = [a.start_ms ?? 0, b.start_ms ?? 0];
            const ae = a.end_ms ?? as;
            if (bs < as) rows.push({ left: null, right: right.shift()! });
            else if (bs <= Math.max(ae, as)) rows.push({ left: left.shift()!, right: right.shift()! });
            else rows.push({ left: left.shift()!, right: null });
          }
        }
        return rows;
      }),
  ),
  saveRevision: vi.fn(
    (transcriptId: string, name: string): Promise<Revision> =>
      call("saveRevision", () => {
        backend.transcript(transcriptId);
        coreRule("revision name", name);
        const segments = structuredClone(backend.segments.get(transcriptId) ?? []);
        const revision: Revision = { id: backend.id("r"), transcript_id: transcriptId, name: name.trim(), segment_count: segments.length, created_at: T0 };
        backend.revisions.push({ revision, segments });
        return revision;
      }),
  ),
  listRevisions: vi.fn(
    (transcriptId: string): Promise<Revision[]> =>
      call("listRevisions", () => backend.revisions.filter((r) => r.revision.transcript_id === transcriptId).map((r) => r.revision)),
  ),
  diffRevisions: vi.fn(
    (olderId: string, newerId: string | null): Promise<SegmentChange[]> =>
      call("diffRevisions", () => {
        const older = backend.revisions.find((r) => r.revision.id === olderId);
        if (!older) throw new ApiError("not_found", `no revision with id ${olderId}`);
        const newer = newerId
          ? backend.revisions.find((r) => r.revision.id === newerId)?.segments
          : backend.segments.get(older.revision.transcript_id);
        if (!newer) throw new ApiError("not_found", `no revision with id ${newerId}`);
        const before = new Map(older.segments.map((s) => [s.id, s]));
        const after = new Set(newer.map((s) => s.id));
        const out: SegmentChange[] = [];
        let o = 0;
        for (const s of newer) {
          // Segments gone from before this one come first, in their old order.
          while (o < older.segments.length && !after.has(older.segments[o].id)) out.push({ change: "removed", segment: older.segments[o++] });
          const was = before.get(s.id);
          if (!was) out.push({ change: "added", segment: s });
          else {
            o = Math.max(o, older.segments.indexOf(was) + 1);
            const same = was.text === s.text && was.speaker_label === s.speaker_label && was.start_ms === s.start_ms && was.end_ms === s.end_ms;
            out.push(same ? { change: "same", segment: s } : { change: "changed", before: was, after: s });
          }
        }
        while (o < older.segments.length) if (!after.has(older.segments[o].id)) out.push({ change: "removed", segment: older.segments[o++] });
        else o++;
        return out;
      }),
  ),
  listIndexPoints: vi.fn(
    (interviewId: string): Promise<IndexPoint[]> =>
      call("listIndexPoints", () =>
        backend.indexPoints
          .filter((p) => p.interview_id === interviewId)
          .sort((a, b) => a.time_ms - b.time_ms)
          .map(({ interview_id: _, ...p }) => p),
      ),
  ),
  searchArchive: vi.fn(
    (query: SearchQuery): Promise<SearchResults> =>
      call("searchArchive", () => {
        backend.need();
        const words = query.text.toLowerCase().split(/\s+/).filter(Boolean);
        const matches = (text: string) => words.length > 0 && words.every((w) => text.toLowerCase().includes(w));
        const interviewOk = (i: StoredInterview) => {
          const year = i.date ? Number.parseInt(i.date.slice(0, 4), 10) : null;
          if (query.collection_id && i.collection_id !== query.collection_id) return false;
          if (query.narrator_id && !i.narrator_ids.includes(query.narrator_id)) return false;
          if (query.year_from != null && (year === null || year < query.year_from)) return false;
          if (query.year_to != null && (year === null || year > query.year_to)) return false;
          return true;
        };
        const hits: SearchHit[] = [];
        for (const t of backend.transcripts) {
          const i = backend.interviews.find((x) => x.id === t.interview_id);
          if (!i || !interviewOk(i) || (query.language && t.language !== query.language)) continue;
          for (const s of backend.segments.get(t.id) ?? []) {
            if (!matches(s.text)) continue;
            hits.push({ kind: "segment", record_id: s.id, interview_id: i.id, interview_title: i.title, transcript_id: t.id, start_ms: s.start_ms, snippet: snippetOf(s.text, words), score: -1, photo_id: null, matched_as: null });
          }
        }
        for (const p of backend.indexPoints) {
          const i = backend.interviews.find((x) => x.id === p.interview_id);
          if (!i || !interviewOk(i) || !matches(`${p.title} ${p.synopsis} ${p.keywords.join(" ")}`)) continue;
          hits.push({ kind: "index_point", record_id: p.id, interview_id: i.id, interview_title: i.title, transcript_id: null, start_ms: p.time_ms, snippet: snippetOf(`${p.title}: ${p.synopsis}`, words), score: -1, photo_id: null, matched_as: null });
        }
        for (const i of backend.interviews) {
          if (!interviewOk(i) || !matches(`${i.title} ${i.place} ${i.summary}`)) continue;
          hits.push({ kind: "interview", record_id: i.id, interview_id: i.id, interview_title: i.title, transcript_id: null, start_ms: null, snippet: snippetOf(i.title, words), score: -1, photo_id: null, matched_as: null });
        }
        if (!query.collection_id && !query.narrator_id && !query.language) {
          for (const p of backend.people) {
            if (!matches(p.display_name)) continue;
            hits.push({ kind: "person", record_id: p.id, interview_id: null, interview_title: null, transcript_id: null, start_ms: null, snippet: snippetOf(p.display_name, words), score: -1, photo_id: null, matched_as: null });
          }
        }
        // As the backend answers: passages grouped by interview (best three each), records apart.
        const limit = query.limit ?? 50;
        const interviews: InterviewHits[] = [];
        for (const h of hits.filter((h) => h.kind === "segment")) {
          let group = interviews.find((g) => g.interview_id === h.interview_id);
          if (!group) {
            group = { interview_id: h.interview_id!, interview_title: h.interview_title ?? "", count: 0, score: -1, passages: [] };
            interviews.push(group);
          }
          group.count++;
          if (group.passages.length < 3) group.passages.push(h);
        }
        const person = backend.people.find((p) => words.length > 0 && words.every((w) => p.display_name.toLowerCase().includes(w)));
        // One page of the one list of results: the interviews, then the records.
        const records = hits.filter((h) => h.kind !== "segment");
        const offset = query.offset ?? 0;
        const end = offset + limit;
        return {
          person: person ? { id: person.id, name: person.display_name, matched_name: person.display_name } : null,
          interviews: interviews.slice(offset, end),
          interviews_matched: interviews.length,
          passages_matched: interviews.reduce((n, g) => n + g.count, 0),
          records: records.slice(Math.max(0, offset - interviews.length), Math.max(0, end - interviews.length)),
          records_matched: records.length,
          total: interviews.length + records.length,
          offset,
          limit,
        };
      }),
  ),
  chooseFiles: vi.fn(
    (_title: string, _kind: ImportKind, _multiple: boolean): Promise<string[] | null> => call("chooseFiles", () => backend.filesAnswer),
  ),
  droppedFileKinds: vi.fn(
    (paths: string[]): Promise<(ImportKind | null)[]> => call("droppedFileKinds", () => paths.map((p) => backend.fileKinds.get(p) ?? null)),
  ),
  speechModel: vi.fn((): Promise<SpeechModel> => call("speechModel", () => backend.speechModel)),
  chooseSpeechModel: vi.fn(
    (): Promise<SpeechModel | null> =>
      call("chooseSpeechModel", () => {
        const chosen = backend.modelAnswer;
        if (chosen && !chosen.problem) backend.speechModel = chosen;
        return chosen;
      }),
  ),
  transcriptSpeech: vi.fn(
    (transcriptId: string): Promise<TranscriptSpeech> =>
      call("transcriptSpeech", () => backend.speech.get(transcriptId) ?? { made_by: null, words: [], checks: [], low_word_probability: 0.5 }),
  ),
  transcribeRecording: vi.fn(
    async (jobId: string, _interviewId: string, _mediaId: string | null, _language: string | null, onProgress: ProgressSink): Promise<Transcribed> => {
      onProgress({ event: "progress", phase: "recognizing speech (seconds of the recording)", done: 10, total: 30 });
      await backend.hearing(jobId);
      return call("transcribeRecording", () => {
        if (!backend.transcribed) throw invalidField("model", "choose a speech model folder first");
        return backend.transcribed;
      });
    },
  ),
  rehearSpan: vi.fn(
    async (jobId: string, transcriptId: string, startMs: number, endMs: number, _language: string | null, onProgress: ProgressSink): Promise<ReheardStored> => {
      onProgress({ event: "progress", phase: "recognizing speech (seconds of the recording)", done: 1, total: Math.ceil((endMs - startMs) / 1000) });
      await backend.hearing(jobId);
      return call("rehearSpan", () => {
        if (!backend.speechModel.folder) throw invalidField("model", "choose a speech model folder first");
        const list = backend.segments.get(transcriptId) ?? [];
        // As the core: the segments that start in the stretch and end by its end.
        const within = (s: Segment) => s.start_ms !== null && s.start_ms >= startMs && s.start_ms < endMs && (s.end_ms ?? s.start_ms) <= endMs;
        const at = list.findIndex(within);
        const kept = list.filter((s) => !within(s));
        const heard: Segment = { id: backend.id("s"), position: 0, start_ms: startMs, end_ms: endMs, speaker_id: null, speaker_label: "", text: backend.reheardText };
        kept.splice(at < 0 ? kept.length : at, 0, heard);
        backend.segments.set(transcriptId, kept.map((s, position) => ({ ...s, position })));
        return {
          transcript: backend.transcript(transcriptId),
          revision: { id: backend.id("r"), transcript_id: transcriptId, name: "before recognizing again", created_at: T0, segment_count: list.length },
          replaced: list.length - (kept.length - 1),
          added: 1,
        } as unknown as ReheardStored;
      });
    },
  ),
  alignTranscript: vi.fn(
    async (_jobId: string, _transcriptId: string, _mediaId: string | null, onProgress: ProgressSink): Promise<AlignmentOutcome> => {
      onProgress({ event: "progress", phase: "recognizing speech (seconds of the recording)", done: 10, total: 30 });
      return call("alignTranscript", () => {
        if (!backend.aligned) throw invalidField("model", "choose a speech model folder first");
        return backend.aligned;
      });
    },
  ),
  listRecordings: vi.fn((interviewId: string): Promise<Recording[]> => call("listRecordings", () => backend.recordings.get(interviewId) ?? [])),
  addRecording: vi.fn(
    async (jobId: string, interviewId: string, path: string, _options: unknown, onProgress: ProgressSink): Promise<Media> => {
      await Promise.resolve();
      backend.check("addRecording");
      const name = path.replace(/^.*\//, "");
      onProgress({ event: "started", title: `Adding ${name}` });
      onProgress({ event: "progress", phase: "copying", done: 1, total: 1 });
      const video = /\.(mp4|m4v|mov|webm|mkv|ogv|avi)$/i.test(name);
      const r = backend.addRecording(interviewId, { path: `/archive/media/${name}`, url: `http://127.0.0.1:4000/token/${encodeURIComponent(name)}`, kind: video ? "video" : "audio", label: name, mime_type: video ? "video/mp4" : "audio/mpeg" });
      onProgress({ event: "finished", summary: `added ${name}` });
      backend.announce("media");
      void jobId;
      return clone({
        id: r.id,
        interview_id: interviewId,
        position: (backend.recordings.get(interviewId)?.length ?? 1) - 1,
        tape_label: "",
        kind: r.kind,
        storage: "managed",
        path: name,
        original_name: name,
        sha256: "0".repeat(64),
        size_bytes: 1000,
        mime_type: r.mime_type,
        duration_ms: r.duration_ms,
        missing: false,
        created_at: T0,
        updated_at: T0,
      });
    },
  ),
  onDragDrop: vi.fn((cb: (e: DragDrop) => void): (() => void) => {
    backend.dropListeners.add(cb);
    return () => backend.dropListeners.delete(cb);
  }),
  setZoom: vi.fn(async (_factor: number): Promise<void> => {}),
};

// Module-shaped exports, checked against the real module's types.
export const archiveInfo: typeof Api.archiveInfo = fns.archiveInfo;
export const recentArchives: typeof Api.recentArchives = fns.recentArchives;
export const openArchive: typeof Api.openArchive = fns.openArchive;
export const createArchive: typeof Api.createArchive = fns.createArchive;
export const chooseArchiveToOpen: typeof Api.chooseArchiveToOpen = fns.chooseArchiveToOpen;
export const chooseArchiveToCreate: typeof Api.chooseArchiveToCreate = fns.chooseArchiveToCreate;
export const setCurator: typeof Api.setCurator = fns.setCurator;
export const listCollections: typeof Api.listCollections = fns.listCollections;
export const createCollection: typeof Api.createCollection = fns.createCollection;
export const updateCollection: typeof Api.updateCollection = fns.updateCollection;
export const deleteCollection: typeof Api.deleteCollection = fns.deleteCollection;
export const listInterviews: typeof Api.listInterviews = fns.listInterviews;
export const getInterview: typeof Api.getInterview = fns.getInterview;
export const createInterview: typeof Api.createInterview = fns.createInterview;
export const updateInterview: typeof Api.updateInterview = fns.updateInterview;
export const deleteInterview: typeof Api.deleteInterview = fns.deleteInterview;
export const listPeople: typeof Api.listPeople = fns.listPeople;
export const getPerson: typeof Api.getPerson = fns.getPerson;
export const createPerson: typeof Api.createPerson = fns.createPerson;
export const updatePerson: typeof Api.updatePerson = fns.updatePerson;
export const deletePerson: typeof Api.deletePerson = fns.deletePerson;
export const defaultSortName: typeof Api.defaultSortName = fns.defaultSortName;
export const recordHistory: typeof Api.recordHistory = fns.recordHistory;
export const onArchiveChanged: typeof Api.onArchiveChanged = fns.onArchiveChanged;
export const listTranscripts: typeof Api.listTranscripts = fns.listTranscripts;
export const transcriptSegments: typeof Api.transcriptSegments = fns.transcriptSegments;
export const previewTranscript: typeof Api.previewTranscript = fns.previewTranscript;
export const importTranscript: typeof Api.importTranscript = fns.importTranscript;
export const cancelJob: typeof Api.cancelJob = fns.cancelJob;
export const updateSegment: typeof Api.updateSegment = fns.updateSegment;
export const splitSegment: typeof Api.splitSegment = fns.splitSegment;
export const mergeSegmentWithNext: typeof Api.mergeSegmentWithNext = fns.mergeSegmentWithNext;
export const syncSegmentStart: typeof Api.syncSegmentStart = fns.syncSegmentStart;
export const moveSegment: typeof Api.moveSegment = fns.moveSegment;
export const deleteTranscript: typeof Api.deleteTranscript = fns.deleteTranscript;
export const alignTranscripts: typeof Api.alignTranscripts = fns.alignTranscripts;
export const saveRevision: typeof Api.saveRevision = fns.saveRevision;
export const listRevisions: typeof Api.listRevisions = fns.listRevisions;
export const diffRevisions: typeof Api.diffRevisions = fns.diffRevisions;
export const listIndexPoints: typeof Api.listIndexPoints = fns.listIndexPoints;
export const searchArchive: typeof Api.searchArchive = fns.searchArchive;
export const chooseFiles: typeof Api.chooseFiles = fns.chooseFiles;
export const droppedFileKinds: typeof Api.droppedFileKinds = fns.droppedFileKinds;
export const listRecordings: typeof Api.listRecordings = fns.listRecordings;
export const speechModel: typeof Api.speechModel = fns.speechModel;
export const chooseSpeechModel: typeof Api.chooseSpeechModel = fns.chooseSpeechModel;
export const transcriptSpeech: typeof Api.transcriptSpeech = fns.transcriptSpeech;
export const transcribeRecording: typeof Api.transcribeRecording = fns.transcribeRecording;
export const alignTranscript: typeof Api.alignTranscript = fns.alignTranscript;
export const rehearSpan: typeof Api.rehearSpan = fns.rehearSpan;
export const addRecording: typeof Api.addRecording = fns.addRecording;
export const onDragDrop: typeof Api.onDragDrop = fns.onDragDrop;
export const setZoom: typeof Api.setZoom = fns.setZoom;

export const listTrash: typeof Api.listTrash = fns.listTrash;
export const restoreFromTrash: typeof Api.restoreFromTrash = fns.restoreFromTrash;
export const purgeFromTrash: typeof Api.purgeFromTrash = fns.purgeFromTrash;
export const emptyTrash: typeof Api.emptyTrash = fns.emptyTrash;

/** The vi.fn behind each export, for assertions. */
export const mocks = fns;
