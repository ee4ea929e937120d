// The window's state, handed down through Svelte context rather than imported as globals, so
// tests can give each render its own.

import { getContext, setContext } from "svelte";
import type { ArchiveStore } from "./archive.svelte";
import type { Dialogs } from "./dialogs.svelte";
import type { FileImports } from "./imports.svelte";
import type { JobsStore } from "./jobs.svelte";
import type { SearchStore } from "./search.svelte";
import type { SpeechWork } from "./speech.svelte";

export const ARCHIVE_KEY = Symbol("archive");
export const DIALOGS_KEY = Symbol("dialogs");

export function provideArchive(store: ArchiveStore): ArchiveStore {
  return setContext(ARCHIVE_KEY, store);
}

export function useArchive(): ArchiveStore {
  const store = getContext<ArchiveStore | undefined>(ARCHIVE_KEY);
  if (!store) throw new Error("useArchive() needs provideArchive() in a parent component");
  return store;
}

export function provideDialogs(dialogs: Dialogs): Dialogs {
  return setContext(DIALOGS_KEY, dialogs);
}

export function useDialogs(): Dialogs {
  const dialogs = getContext<Dialogs | undefined>(DIALOGS_KEY);
  if (!dialogs) throw new Error("useDialogs() needs provideDialogs() in a parent component");
  return dialogs;
}

export const JOBS_KEY = Symbol("jobs");
export const SEARCH_KEY = Symbol("search");
export const IMPORTS_KEY = Symbol("imports");

export function provideJobs(jobs: JobsStore): JobsStore {
  return setContext(JOBS_KEY, jobs);
}

export function useJobs(): JobsStore {
  const jobs = getContext<JobsStore | undefined>(JOBS_KEY);
  if (!jobs) throw new Error("useJobs() needs provideJobs() in a parent component");
  return jobs;
}

export function provideSearch(search: SearchStore): SearchStore {
  return setContext(SEARCH_KEY, search);
}

export function useSearch(): SearchStore {
  const search = getContext<SearchStore | undefined>(SEARCH_KEY);
  if (!search) throw new Error("useSearch() needs provideSearch() in a parent component");
  return search;
}

export function provideImports(imports: FileImports): FileImports {
  return setContext(IMPORTS_KEY, imports);
}

export function useImports(): FileImports {
  const imports = getContext<FileImports | undefined>(IMPORTS_KEY);
  if (!imports) throw new Error("useImports() needs provideImports() in a parent component");
  return imports;
}

export const SPEECH_KEY = Symbol("speech");

export function provideSpeech(speech: SpeechWork): SpeechWork {
  return setContext(SPEECH_KEY, speech);
}

export function useSpeech(): SpeechWork {
  const speech = getContext<SpeechWork | undefined>(SPEECH_KEY);
  if (!speech) throw new Error("useSpeech() needs provideSpeech() in a parent component");
  return speech;
}
