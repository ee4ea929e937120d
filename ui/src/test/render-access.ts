// Renders one library component (SpanActions, TagPicker…) on its own, with the stores it
// reads from context, over the fake API. Mock the API first, as for renderWindow.

import { render } from "@testing-library/svelte";
import type { Component } from "svelte";
import { ArchiveStore } from "../lib/state/archive.svelte";
import { ARCHIVE_KEY, DIALOGS_KEY } from "../lib/state/context";
import { Dialogs } from "../lib/state/dialogs.svelte";
import { LibraryStore } from "../lib/state/library.svelte";
import { LIBRARY_KEY } from "../lib/state/library-context";

export async function renderWithLibrary<P extends Record<string, unknown>>(component: Component<P>, props: P) {
  const store = new ArchiveStore();
  const dialogs = new Dialogs();
  await store.start();
  const library = new LibraryStore(store);
  await library.load();
  const context = new Map<symbol, unknown>([
    [ARCHIVE_KEY, store],
    [DIALOGS_KEY, dialogs],
    [LIBRARY_KEY, library],
  ]);
  // The generic component's props type does not narrow through render's overloads.
  const result = render(component, { props, context } as never);
  return { ...result, store, dialogs, library };
}
