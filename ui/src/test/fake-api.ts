// An in-memory stand-in for src/lib/api, used with
//   vi.mock("../lib/api", () => import("../test/fake-api"))
// Every function is a vi.fn over a small fake archive that behaves like the backend where
// the window can tell: it validates titles and dates with the backend's wording, refuses to
// delete people who are in an interview, and announces every change asynchronously.

import { vi } from "vitest";
import { ApiError } from "../lib/api/errors";
import type * as Api from "../lib/api";
import type {
  ArchiveInfo,
  ChangeKind,
  Collection,
  CollectionInput,
  HistoryEvent,
  Interview,
  InterviewFilter,
  InterviewInput,
  Person,
  PersonInput,
  RecentArchive,
} from "../lib/api";

export { ApiError, messageOf, toApiError } from "../lib/api/errors";
// Photos, regions and the people authority live beside, in fake-photos.ts.
export * from "./fake-photos";
import { photoMocks } from "./fake-photos";

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
  listeners = new Set<(what: ChangeKind) => void>();
  /** What the next call to a named function throws, once. */
  failures = new Map<string, ApiError>();
  /** The next native dialog's answer: a path, or null for Cancel. */
  dialogAnswer: string | null = null;
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
    const title = input.title.trim();
    if (!title) throw new ApiError("invalid", "title: an interview needs a title");
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
    const display_name = input.display_name.split(/\s+/).filter(Boolean).join(" ");
    if (!display_name) throw new ApiError("invalid", "name: a person needs a name");
    return {
      display_name,
      sort_name: input.sort_name?.trim() || sortName(display_name),
      birth_date: edtf("birth date", input.birth_date),
      death_date: edtf("death date", input.death_date),
      note: (input.note ?? "").trim(),
    };
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
    });
  }
}

function sortName(name: string): string {
  const w = name.split(/\s+/).filter(Boolean);
  return w.length < 2 ? (w[0] ?? "") : `${w.at(-1)}, ${w.slice(0, -1).join(" ")}`;
}

/** A rough EDTF check: digits, X, -, ~, ?, %, / only, starting with a year. */
function edtf(field: string, value: string | null | undefined): string | null {
  const v = (value ?? "").trim();
  if (!v) return null;
  if (!/^\d[\dX]{3}([-/~?%\dX.]*)$/.test(v) || /-(1[3-9]|[2-9]\d)(\b|$)/.test(v)) {
    throw new ApiError("invalid", `${field}: "${v}" is not an EDTF date (invalid); write e.g. 1927, 1927-02-25, 1927-02~ or 192X`);
  }
  return v;
}

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
        if (!input.title.trim()) throw new ApiError("invalid", "title: a collection needs a title");
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
        if (!input.title.trim()) throw new ApiError("invalid", "title: a collection needs a title");
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
    (filter: InterviewFilter = {}): Promise<Interview[]> =>
      call("listInterviews", () => {
        backend.need();
        return backend.interviews
          .filter((i) => !filter.collection_id || i.collection_id === filter.collection_id)
          .sort((a, b) => a.title.localeCompare(b.title))
          .map((i) => backend.interview(i));
      }),
  ),
  getInterview: vi.fn(
    (id: string): Promise<Interview> =>
      call("getInterview", () => {
        const i = backend.interviews.find((x) => x.id === id);
        if (!i) throw new ApiError("not_found", `no interview with id ${id}: it may have been deleted`);
        return backend.interview(i);
      }),
  ),
  createInterview: vi.fn(
    (input: InterviewInput): Promise<Interview> =>
      call("createInterview", () => {
        const created = backend.addInterview(input.title, backend.validInterview(input));
        backend.log("creation", "interview", created.id, null, created);
        backend.announce("interviews");
        return created;
      }),
  ),
  updateInterview: vi.fn(
    (id: string, input: InterviewInput): Promise<Interview> =>
      call("updateInterview", () => {
        const i = backend.interviews.find((x) => x.id === id);
        if (!i) throw new ApiError("not_found", `no interview with id ${id}: it may have been deleted`);
        const before = backend.interview(i);
        Object.assign(i, backend.validInterview(input), { updated_at: "2026-01-02T11:00:00Z" });
        backend.log("modification", "interview", id, before, backend.interview(i));
        backend.announce("interviews");
        return backend.interview(i);
      }),
  ),
  deleteInterview: vi.fn(
    (id: string): Promise<void> =>
      call("deleteInterview", () => {
        if (!backend.interviews.some((x) => x.id === id)) throw new ApiError("not_found", `no interview with id ${id}: it may have been deleted`);
        backend.interviews = backend.interviews.filter((x) => x.id !== id);
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
        backend.announce("people");
      }),
  ),

  recordHistory: vi.fn((id: string): Promise<HistoryEvent[]> => call("recordHistory", () => backend.history.filter((e) => e.record_id === id))),

  onArchiveChanged: vi.fn((cb: (what: ChangeKind) => void): (() => void) => {
    backend.listeners.add(cb);
    return () => backend.listeners.delete(cb);
  }),
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
export const recordHistory: typeof Api.recordHistory = fns.recordHistory;
export const onArchiveChanged: typeof Api.onArchiveChanged = fns.onArchiveChanged;

/** The vi.fn behind each export, for assertions. */
export const mocks = fns;
