// Transcripts: reading a file (preview) and importing it, the segments and their edits, spans,
// side by side, named revisions and what changed between them, and the interview's index.

import { commands } from "../bindings";
import type {
  AlignedRow,
  ImportOptions,
  ImportPreview,
  ImportSummary,
  IndexPoint,
  Revision,
  Segment,
  SegmentChange,
  SegmentInput,
  SpanRef,
  Stamp,
  StampOrder,
  Transcript,
} from "../bindings";
import { unwrap } from "./call";
import { channelTo, type ProgressSink } from "./jobs";

export type {
  AlignedRow,
  BlockAction,
  BlockIssue,
  Format,
  ImportOptions,
  ImportPreview,
  ImportSummary,
  IndexPoint,
  Revision,
  Segment,
  SegmentChange,
  SegmentInput,
  OutOfOrder,
  SpanRef,
  Stamp,
  StampOrder,
  Transcript,
} from "../bindings";

// Transcripts and importing them

/** The transcripts of an interview. */
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
export const deleteTranscript = async (transcriptId: string): Promise<void> => {
  await unwrap(commands.deleteTranscript(transcriptId));
};

// Segments

export const updateSegment = (segmentId: string, input: SegmentInput): Promise<Segment> =>
  unwrap(commands.updateSegment(segmentId, input));
/** Splits a segment at a character offset (in Unicode characters, not UTF-16 units), optionally at a time. */
export const splitSegment = (segmentId: string, atChar: number, atMs: number | null): Promise<[Segment, Segment]> =>
  unwrap(commands.splitSegment(segmentId, atChar, atMs));
export const mergeSegmentWithNext = (segmentId: string): Promise<Segment> => unwrap(commands.mergeSegmentWithNext(segmentId));
/**
 * Sets a segment's start to a time (the "stamp the playing time" key). A time out of order with
 * the segments around it is not stamped unless `order` says to keep it there or move the
 * segment into time order: the answer says why instead.
 */
export const syncSegmentStart = (segmentId: string, atMs: number, order: StampOrder = "check"): Promise<Stamp> =>
  unwrap(commands.syncSegmentStart(segmentId, atMs, order));
/** Moves a segment to another place (counted from 0) in its transcript. */
export const moveSegment = (segmentId: string, position: number): Promise<Segment> => unwrap(commands.moveSegment(segmentId, position));
/** A span of a transcript from its first and last segments (in either order). */
export const resolveSpan = (first: string, last: string): Promise<SpanRef> => unwrap(commands.resolveSpan(first, last));

// Side by side and revisions

/** Two transcripts of one interview side by side, rows aligned by time. */
export const alignTranscripts = (leftId: string, rightId: string): Promise<AlignedRow[]> =>
  unwrap(commands.alignTranscripts(leftId, rightId));
export const saveRevision = (transcriptId: string, name: string): Promise<Revision> => unwrap(commands.saveRevision(transcriptId, name));
export const listRevisions = (transcriptId: string): Promise<Revision[]> => unwrap(commands.listRevisions(transcriptId));
/** What changed from one revision to another, or to the transcript as it is now (`newerId` null). */
export const diffRevisions = (olderId: string, newerId: string | null): Promise<SegmentChange[]> =>
  unwrap(commands.diffRevisions(olderId, newerId));

// The index

export const listIndexPoints = (interviewId: string): Promise<IndexPoint[]> => unwrap(commands.listIndexPoints(interviewId));
