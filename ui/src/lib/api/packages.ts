// Packages and long jobs: export preview, export and import with progress and cancel, the
// fixity audit, and the folder dialog. Re-exported from index.ts. Channels stay in here:
// callers hand a plain function that hears each progress report.

import { Channel } from "@tauri-apps/api/core";
import { commands } from "../bindings";
import type { AuditReport, ExportOptions, ExportPreview, ExportSummary, MergeReport, Progress } from "../bindings";
import { unwrap } from "./call";

export type {
  AuditReport,
  ChangedFile,
  Conflict,
  ExportOptions,
  ExportPreview,
  ExportSummary,
  FileKind,
  MergeReport,
  MissingFile,
  Profile,
  Progress,
  Selection,
} from "../bindings";

/** Receives the reports of a running job. */
export type ProgressSink = (progress: Progress) => void;

function channelTo(sink: ProgressSink): Channel<Progress> {
  const channel = new Channel<Progress>();
  channel.onmessage = sink;
  return channel;
}

/** What an export with these options would hold, and what the public profile withholds. */
export const previewExport = (options: ExportOptions): Promise<ExportPreview> => unwrap(commands.previewExport(options));

/** Writes a package into `options.out`, which must be new or empty; cancel with cancelJob(jobId). */
export const exportPackage = (jobId: string, options: ExportOptions, onProgress: ProgressSink): Promise<ExportSummary> =>
  unwrap(commands.exportPackage(jobId, options, channelTo(onProgress)));

/** Verifies a package folder and imports its records, all or nothing. */
export const importPackage = (jobId: string, path: string, onProgress: ProgressSink): Promise<MergeReport> =>
  unwrap(commands.importPackage(jobId, path, channelTo(onProgress)));

/** Re-hashes every recording and document; the report names each missing or changed file. */
export const auditArchive = (jobId: string, onProgress: ProgressSink): Promise<AuditReport> =>
  unwrap(commands.auditArchive(jobId, channelTo(onProgress)));

/** Asks a running job to stop; it then fails with code "cancelled" and keeps nothing. */
export const cancelJob = async (jobId: string): Promise<void> => {
  await unwrap(commands.cancelJob(jobId));
};

/** Opens an exported package's website (`data/site/index.html` of the bag) in a window of its own. */
export const openSite = async (bagDir: string): Promise<void> => {
  await unwrap(commands.openSite(bagDir));
};

/** The native folder dialog; `null` when the curator cancels. */
export const chooseFolder = (title: string): Promise<string | null> => unwrap(commands.chooseFolder(title));
