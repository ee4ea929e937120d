// Context for the library: tags, lists, saved searches, sources and access, beside the
// archive store. The main window makes one when no parent provided it.

import { getContext, setContext } from "svelte";
import type { LibraryStore } from "./library.svelte";

export const LIBRARY_KEY = Symbol("library");

export function provideLibrary(library: LibraryStore): LibraryStore {
  return setContext(LIBRARY_KEY, library);
}

export function useLibrary(): LibraryStore {
  const library = getContext<LibraryStore | undefined>(LIBRARY_KEY);
  if (!library) throw new Error("useLibrary() needs provideLibrary() in a parent component");
  return library;
}

/** The library, when there is one (components also shown outside the window, in tests). */
export function useOptionalLibrary(): LibraryStore | null {
  return getContext<LibraryStore | undefined>(LIBRARY_KEY) ?? null;
}
