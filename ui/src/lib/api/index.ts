// The window's one door to the backend. Only this module imports the generated bindings or
// @tauri-apps/*: it unwraps every result, throws ApiError on failure, and gives components
// plain typed functions. Tests replace it with vi.mock.

import { getCurrentWebview } from "@tauri-apps/api/webview";
import { commands, events } from "../bindings";
import type {
  AddMediaOptions,
  AlignedRow,
  AppError,
  ChangeKind,
  ArchiveInfo,
  Collection,
  CollectionInput,
  Event as HistoryEvent,
  ImportOptions,
  ImportPreview,
  ImportSummary,
  IndexPoint,
  Interview,
  InterviewFilter,
  InterviewInput,
  Media,
  Person,
  PersonInput,
  RecentArchive,
  Revision,
  SearchHit,
  SearchQuery,
  SearchResults,
  Segment,
  SegmentChange,
  SegmentInput,
  Transcript,
} from "../bindings";
import { unwrap } from "./call";
import { ApiError, toApiError } from "./errors";
import { channelTo, type ProgressSink } from "./jobs";

export { unwrap } from "./call";
export { ApiError, invalidField, messageOf, toApiError } from "./errors";
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
  AddMediaOptions,
  AlignedRow,
  Format,
  Media,
  HitKind,
  BlockAction,
  BlockIssue,
  ImportOptions,
  ImportPreview,
  ImportSummary,
  IndexPoint,
  Revision,
  InterviewHits,
  MatchedPerson,
  SearchResults,
  SearchHit,
  SearchQuery,
  Segment,
  SegmentChange,
  SegmentInput,
  Transcript,
} from "../bindings";
export type { HistoryEvent };
export * from "./access";
export * from "./jobs";
export * from "./packages";
export * from "./photos";

/** What an archiveChanged event says changed (the shell's `ChangeKind`). */
export type { ChangeKind } from "../bindings";

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

// Transcripts

export const listTranscripts = (interviewId: string): Promise<Transcript[]> => unwrap(commands.listTranscripts(interviewId));
/** The segments of a transcript, in order. */
export const transcriptSegments = (transcriptId: string): Promise<Segment[]> => unwrap(commands.transcriptSegments(transcriptId));
/** Reads a transcript file as importing it would, storing nothing: how many segments, and
 * every block that would be skipped or corrected, with its line. */
export const previewTranscript = (path: string, options: ImportOptions): Promise<ImportPreview> =>
  unwrap(commands.previewTranscript(path, options));
/** Imports a transcript file, all or nothing; `onProgress` hears the job's reports. */
export const importTranscript = (
  jobId: string,
  interviewId: string,
  path: string,
  options: ImportOptions,
  onProgress: ProgressSink,
): Promise<ImportSummary> => unwrap(commands.importTranscript(jobId, interviewId, path, options, channelTo(onProgress)));
export const updateSegment = (segmentId: string, input: SegmentInput): Promise<Segment> =>
  unwrap(commands.updateSegment(segmentId, input));
/** Splits a segment at a character offset (in Unicode characters, not UTF-16 units), optionally at a time. */
export const splitSegment = (segmentId: string, atChar: number, atMs: number | null): Promise<[Segment, Segment]> =>
  unwrap(commands.splitSegment(segmentId, atChar, atMs));
export const mergeSegmentWithNext = (segmentId: string): Promise<Segment> => unwrap(commands.mergeSegmentWithNext(segmentId));
/** Sets a segment's start to a time (the "stamp the playing time" key). */
export const syncSegmentStart = (segmentId: string, atMs: number): Promise<Segment> =>
  unwrap(commands.syncSegmentStart(segmentId, atMs));
export const deleteTranscript = async (transcriptId: string): Promise<void> => {
  await unwrap(commands.deleteTranscript(transcriptId));
};
/** Two transcripts of one interview side by side, rows aligned by time. */
export const alignTranscripts = (leftId: string, rightId: string): Promise<AlignedRow[]> =>
  unwrap(commands.alignTranscripts(leftId, rightId));
export const saveRevision = (transcriptId: string, name: string): Promise<Revision> => unwrap(commands.saveRevision(transcriptId, name));
export const listRevisions = (transcriptId: string): Promise<Revision[]> => unwrap(commands.listRevisions(transcriptId));
/** What changed from one revision to another, or to the transcript as it is now (`newerId` null). */
export const diffRevisions = (olderId: string, newerId: string | null): Promise<SegmentChange[]> =>
  unwrap(commands.diffRevisions(olderId, newerId));
export const listIndexPoints = (interviewId: string): Promise<IndexPoint[]> => unwrap(commands.listIndexPoints(interviewId));

// Search

/** Searches the whole archive. Each hit's `snippet` is HTML-escaped by the backend, with `<mark>` tags. */
export const searchArchive = (query: SearchQuery): Promise<SearchResults> => unwrap(commands.searchArchive(query));

// Files

/** The native Open dialog for files of the given kinds (`["vtt", "srt"]`); `null` when cancelled. */
export const chooseFiles = (title: string, filterName: string, extensions: string[], multiple: boolean): Promise<string[] | null> =>
  unwrap(commands.chooseFiles(title, filterName, extensions, multiple));

// Recordings

/** A recording of an interview, as the player needs it. */
export interface Recording {
  id: string;
  /** The file on this machine, absolute. */
  path: string;
  /** Where the player loads it from: the backend serves recordings on loopback, because
   * WebKitGTK's media pipeline cannot read the asset protocol. */
  url: string;
  kind: "audio" | "video";
  mime_type: string;
  duration_ms: number | null;
  /** True when the file is not where the archive says. */
  missing: boolean;
  /** A name for the tape selector: the tape's label, else the file's name. */
  label: string;
}

/** The recordings of an interview, in order. */
export async function listRecordings(interviewId: string): Promise<Recording[]> {
  const rows = await unwrap(commands.listMedia(interviewId));
  return rows.map(({ media, file, url }) => ({
    id: media.id,
    path: file,
    url,
    kind: media.kind,
    mime_type: media.mime_type,
    duration_ms: media.duration_ms,
    missing: media.missing,
    label: media.tape_label || media.original_name || `Tape ${media.position + 1}`,
  }));
}

/** Adds an audio or video file to an interview, copied into the archive unless `reference`. */
export const addRecording = (jobId: string, interviewId: string, path: string, options: AddMediaOptions, onProgress: ProgressSink): Promise<Media> =>
  unwrap(commands.addMedia(jobId, interviewId, path, options, channelTo(onProgress)));


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
      if (!stopped) cb(e.payload.what);
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

/** Files dragged over or dropped on the window. */
export type DragDrop = { type: "enter"; paths: string[] } | { type: "over" } | { type: "drop"; paths: string[] } | { type: "leave" };

/**
 * Calls `cb` as files are dragged over and dropped onto the window (Tauri's webview event: the
 * page's own drag-and-drop never sees files from the desktop). Returns a function that stops
 * listening, safe to call before the listener is registered.
 */
export function onDragDrop(cb: (e: DragDrop) => void): () => void {
  let stopped = false;
  let unlisten: (() => void) | null = null;
  try {
    getCurrentWebview()
      .onDragDropEvent((e) => {
        if (stopped) return;
        const p = e.payload;
        if (p.type === "enter" || p.type === "drop") cb({ type: p.type, paths: p.paths });
        else cb({ type: p.type });
      })
      .then((u) => {
        if (stopped) u();
        else unlisten = u;
      })
      .catch(() => {});
  } catch {
    // Outside the Tauri window there is no webview to listen to.
  }
  return () => {
    stopped = true;
    unlisten?.();
    unlisten = null;
  };
}
