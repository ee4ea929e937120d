// The api side of long jobs: the channel a job reports its progress on, and cancel_job. A job
// is started by its domain's wrapper (importTranscript, addRecording, importPhotos,
// exportPackage, importPackage, auditArchive), which takes a job id and a ProgressSink and
// hands the sink to the backend through channelTo; the job id cancels it here. Running a job
// (its id, its progress as state, Cancel, how it ended) is state/jobs.svelte.ts's JobRun.

import { Channel } from "@tauri-apps/api/core";
import { commands } from "../bindings";
import type { Progress } from "../bindings";
import { unwrap } from "./call";

export type { Progress } from "../bindings";

/** Receives the reports of a running job. */
export type ProgressSink = (progress: Progress) => void;

/** A Tauri channel that hands each report to `sink`. Channels stay inside the api folder. */
export function channelTo(sink: ProgressSink): Channel<Progress> {
  const channel = new Channel<Progress>();
  channel.onmessage = sink;
  return channel;
}

/** Asks a running job to stop; it then fails with code "cancelled" and keeps nothing. */
export const cancelJob = async (jobId: string): Promise<void> => {
  await unwrap(commands.cancelJob(jobId));
};
