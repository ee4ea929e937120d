// Bringing files into an interview, from its buttons or dropped on the window: transcripts
// (they wait here while the options dialog is open) and recordings. Each file runs as a job.

import * as api from "../api";
import type { ImportOptions, ImportPreview, ImportSummary, Interview, Media } from "../api";
import type { JobsStore } from "./jobs.svelte";

/** Files dropped on an interview, sorted by what the core takes each as. */
export interface DroppedFiles {
  transcripts: string[];
  recordings: string[];
  others: string[];
}

/** Sorts dropped files into transcripts, recordings and the rest, as the core tells them apart. */
export async function sortDropped(paths: string[]): Promise<DroppedFiles> {
  const kinds = await api.droppedFileKinds(paths);
  const sorted: DroppedFiles = { transcripts: [], recordings: [], others: [] };
  paths.forEach((path, i) => {
    const kind = kinds[i];
    (kind === "transcript" ? sorted.transcripts : kind === "recording" ? sorted.recordings : sorted.others).push(path);
  });
  return sorted;
}

export function fileName(path: string): string {
  return path.replace(/^.*[\\/]/, "");
}

export interface PendingImport {
  interviewId: string;
  interviewTitle: string;
  paths: string[];
}

export class FileImports {
  /** Files waiting for the options dialog. */
  pending = $state.raw<PendingImport | null>(null);
  /** The last transcript imported, for the Transcript tab to show. */
  last = $state.raw<{ interviewId: string; transcriptId: string; n: number } | null>(null);
  #n = 0;
  #jobs: JobsStore;

  constructor(jobs: JobsStore) {
    this.#jobs = jobs;
  }

  /** Shows the native Open dialog, then the options for the files chosen. */
  async choose(interview: Interview): Promise<void> {
    const paths = await api.chooseFiles("Import transcript", "transcript", true);
    if (paths && paths.length > 0) this.ask(interview, paths);
  }

  /** Shows the native Open dialog for recordings, then adds the files chosen. */
  async chooseRecordings(interview: Interview): Promise<void> {
    const paths = await api.chooseFiles("Add recording", "recording", true);
    if (paths && paths.length > 0) await this.addRecordings(interview, paths);
  }

  /** Adds recordings to an interview, copied into the archive, one job each. */
  async addRecordings(interview: Interview, paths: string[]): Promise<Media[]> {
    const added: Media[] = [];
    for (const path of paths) {
      const media = await this.#jobs.run(
        `Adding ${fileName(path)}`,
        (jobId, onProgress) => api.addRecording(jobId, interview.id, path, {}, onProgress),
        (m) => ({ summary: `${m.kind === "video" ? "Video" : "Recording"} added to “${interview.title}”` }),
      );
      if (media) added.push(media);
    }
    return added;
  }

  /** Asks for the options of importing these files into an interview. */
  ask(interview: Interview, paths: string[]): void {
    this.pending = { interviewId: interview.id, interviewTitle: interview.title, paths };
  }

  cancel(): void {
    this.pending = null;
  }

  /** Reads each waiting file as importing it would, storing nothing. A file that cannot be
   * read has no preview: its import job then fails with the reason, as before. */
  async preview(options: ImportOptions): Promise<Map<string, ImportPreview>> {
    const previews = new Map<string, ImportPreview>();
    for (const path of this.pending?.paths ?? []) {
      try {
        previews.set(path, await api.previewTranscript(path, options));
      } catch {
        // The import job reports it.
      }
    }
    return previews;
  }

  /** Imports the waiting files, one job each, one after another. With `previews`, each file
   * must still be as it was previewed. */
  async confirm(options: ImportOptions, previews: Map<string, ImportPreview> = new Map()): Promise<ImportSummary[]> {
    const pending = this.pending;
    this.pending = null;
    if (!pending) return [];
    const done: ImportSummary[] = [];
    for (const path of pending.paths) {
      const name = fileName(path);
      const summary = await this.#jobs.run(
        `Importing ${name}`,
        (jobId, onProgress) =>
          api.importTranscript(
            jobId,
            pending.interviewId,
            path,
            { ...options, label: pending.paths.length > 1 ? "" : options.label, previewed_sha256: previews.get(path)?.sha256 ?? null },
            onProgress,
          ),
        (s) => {
          const n = s.transcript.segment_count;
          const more = s.index_points > 0 ? ` and ${s.index_points} index ${s.index_points === 1 ? "point" : "points"}` : "";
          const skipped = s.issue_summary ? ` (${s.issue_summary})` : "";
          return { summary: `${n} ${n === 1 ? "segment" : "segments"}${more} into “${pending.interviewTitle}”${skipped}`, warnings: s.warnings };
        },
      );
      if (summary) {
        done.push(summary);
        this.last = { interviewId: pending.interviewId, transcriptId: summary.transcript.id, n: ++this.#n };
      }
    }
    return done;
  }
}
