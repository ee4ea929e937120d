// The window's one door to the backend. Only this module imports the generated bindings or
// @tauri-apps/*: it unwraps every result, throws ApiError on failure, and gives components
// plain typed functions. Tests replace it with vi.mock.

import { commands, events } from "../bindings";
import type {
  AppError,
  ArchiveInfo,
  Collection,
  CollectionInput,
  Event as HistoryEvent,
  Interview,
  InterviewFilter,
  InterviewInput,
  Person,
  PersonInput,
  RecentArchive,
} from "../bindings";
import { ApiError, toApiError } from "./errors";

export { ApiError, messageOf, toApiError } from "./errors";
export type { ErrorCode } from "./errors";
export type {
  ArchiveInfo,
  Collection,
  CollectionInput,
  EventType,
  Interview,
  InterviewFilter,
  InterviewInput,
  InterviewStatus,
  Person,
  PersonInput,
  PersonRef,
  RecentArchive,
} from "../bindings";
export type { HistoryEvent };
export * from "./photos";

/** What an archiveChanged event says changed. */
export type ChangeKind = "archive" | "collections" | "interviews" | "people" | "photos";

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

/** Awaits a command, returning its data or throwing an ApiError. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch (e) {
    // The bindings rethrow real Errors (IPC failures, a missing Tauri runtime).
    throw toApiError(e);
  }
  if (result.status === "ok") return result.data;
  throw new ApiError(result.error.code, result.error.message);
}

// The archive

export const archiveInfo = (): Promise<ArchiveInfo | null> => unwrap(commands.archiveInfo());
export const openArchive = (path: string): Promise<ArchiveInfo> => unwrap(commands.openArchive(path));
export const createArchive = (path: string): Promise<ArchiveInfo> => unwrap(commands.createArchive(path));
/** The native Open dialog; `null` when the curator cancels. */
export const chooseArchiveToOpen = (): Promise<ArchiveInfo | null> => unwrap(commands.chooseArchiveToOpen());
/** The native Save dialog; `null` when the curator cancels. */
export const chooseArchiveToCreate = (): Promise<ArchiveInfo | null> => unwrap(commands.chooseArchiveToCreate());
export const setCurator = (name: string): Promise<ArchiveInfo> => unwrap(commands.setCurator(name));

/** Recently opened archives, newest first. */
export async function recentArchives(): Promise<RecentArchive[]> {
  try {
    return await commands.recentArchives();
  } catch (e) {
    throw toApiError(e);
  }
}

// Collections

export const listCollections = (): Promise<Collection[]> => unwrap(commands.listCollections());
export const createCollection = (input: CollectionInput): Promise<Collection> =>
  unwrap(commands.createCollection(input));
export const updateCollection = (id: string, input: CollectionInput): Promise<Collection> =>
  unwrap(commands.updateCollection(id, input));
export const deleteCollection = async (id: string): Promise<void> => {
  await unwrap(commands.deleteCollection(id));
};

// Interviews

export const listInterviews = (filter: InterviewFilter = {}): Promise<Interview[]> =>
  unwrap(commands.listInterviews(filter));
export const getInterview = (id: string): Promise<Interview> => unwrap(commands.getInterview(id));
export const createInterview = (input: InterviewInput): Promise<Interview> =>
  unwrap(commands.createInterview(input));
export const updateInterview = (id: string, input: InterviewInput): Promise<Interview> =>
  unwrap(commands.updateInterview(id, input));
export const deleteInterview = async (id: string): Promise<void> => {
  await unwrap(commands.deleteInterview(id));
};

// People

export const listPeople = (): Promise<Person[]> => unwrap(commands.listPeople());
export const getPerson = (id: string): Promise<Person> => unwrap(commands.getPerson(id));
export const createPerson = (input: PersonInput): Promise<Person> => unwrap(commands.createPerson(input));
export const updatePerson = (id: string, input: PersonInput): Promise<Person> =>
  unwrap(commands.updatePerson(id, input));
export const deletePerson = async (id: string): Promise<void> => {
  await unwrap(commands.deletePerson(id));
};

// Provenance

/** The provenance log of one record, oldest first. */
export const recordHistory = (id: string): Promise<HistoryEvent[]> => unwrap(commands.recordHistory(id));

// Events

/**
 * Calls `cb` whenever the archive changes. Returns a function that stops listening; it may be
 * called before the listener is registered (Tauri registers it asynchronously).
 */
export function onArchiveChanged(cb: (what: ChangeKind) => void): () => void {
  let stopped = false;
  let unlisten: (() => void) | null = null;
  events.archiveChanged
    .listen((e) => {
      if (!stopped) cb(e.payload.what as ChangeKind);
    })
    .then((u) => {
      if (stopped) u();
      else unlisten = u;
    })
    .catch(() => {
      // Outside the Tauri window (a plain browser) there are no events to hear.
    });
  return () => {
    stopped = true;
    unlisten?.();
    unlisten = null;
  };
}
