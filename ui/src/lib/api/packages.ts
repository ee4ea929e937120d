// Packages: export preview, export and import with progress (cancelled through jobs.ts), the
// fixity audit, and the folder dialog. Re-exported from index.ts. Callers hand a plain
// function that hears each progress report; jobs.ts makes the channel.

import { commands } from "../bindings";
import type { AuditReport, ExportOptions, ExportPreview, ExportSummary, MergeReport } from "../bindings";
import { unwrap } from "./call";
import { channelTo, type ProgressSink } from "./jobs";

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
  Selection,
} from "../bindings";

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

/** Opens an exported package's website (`data/site/index.html` of the bag) in a window of its own. */
export const openSite = async (bagDir: string): Promise<void> => {
  await unwrap(commands.openSite(bagDir));
};

/** Opens a folder (an exported package's) in the system's file manager. */
export const openFolder = async (path: string): Promise<void> => {
  await unwrap(commands.openFolder(path));
};

/** The native folder dialog; `null` when the curator cancels. */
export const chooseFolder = (title: string): Promise<string | null> => unwrap(commands.chooseFolder(title));
