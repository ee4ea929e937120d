// The window's state, handed down through Svelte context rather than imported as globals, so
// tests can give each render its own.

import { getContext, setContext } from "svelte";
import type { ArchiveStore } from "./archive.svelte";
import type { Dialogs } from "./dialogs.svelte";

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
