// The recordings of an interview (audio and video, the backend's media).

import { commands } from "../bindings";
import type { AddMediaOptions, Media } from "../bindings";
import { unwrap } from "./call";
import { channelTo, type ProgressSink } from "./jobs";

export type { AddMediaOptions, Media } from "../bindings";

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
