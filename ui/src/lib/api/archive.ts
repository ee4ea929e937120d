// The archive as a whole: open, create and recent archives, what is open, the curator's name,
// the provenance log of a record, and the window's events: "the archive changed", the native
// Open dialog for files, files dropped on the window and the window's zoom.

import { getCurrentWebview } from "@tauri-apps/api/webview";
import { commands, events } from "../bindings";
import type { ArchiveInfo, Event as HistoryEvent, ImportKind, RecentArchive } from "../bindings";
import { unwrap } from "./call";
import { toApiError } from "./errors";

export type { ArchiveInfo, EventType, ImportKind, RecentArchive } from "../bindings";
export type { HistoryEvent };

/** What an archiveChanged event says changed. */
import type { ChangeKind } from "../bindings";
export type { ChangeKind };

// The archive

export const archiveInfo = (): Promise<ArchiveInfo | null> => unwrap(commands.archiveInfo());
export const openArchive = (path: string): Promise<ArchiveInfo> => unwrap(commands.openArchive(path));
export const createArchive = (path: string): Promise<ArchiveInfo> => unwrap(commands.createArchive(path));
/** The native Open dialog; `null` when the curator cancels. */
export const chooseArchiveToOpen = (): Promise<ArchiveInfo | null> => unwrap(commands.chooseArchiveToOpen());
/** The native Save dialog; `null` when the curator cancels. */
export const chooseArchiveToCreate = (): Promise<ArchiveInfo | null> => unwrap(commands.chooseArchiveToCreate());
export const setCurator = (name: string): Promise<ArchiveInfo> => unwrap(commands.setCurator(name));

/** Recently opened archives, newest first. */
export async function recentArchives(): Promise<RecentArchive[]> {
  try {
    return await commands.recentArchives();
  } catch (e) {
    throw toApiError(e);
  }
}

// Provenance

/** The provenance log of one record, oldest first. */
export const recordHistory = (id: string): Promise<HistoryEvent[]> => unwrap(commands.recordHistory(id));

// Files

/** The native Open dialog for files of one kind the archive takes in; `null` when cancelled. */
export const chooseFiles = (title: string, kind: ImportKind, multiple: boolean): Promise<string[] | null> =>
  unwrap(commands.chooseFiles(title, kind, multiple));

/** What each file dropped on an interview would be taken as (`null`: not taken). */
export const droppedFileKinds = (paths: string[]): Promise<(ImportKind | null)[]> => commands.droppedFileKinds(paths);

// Events

/**
 * Calls `cb` whenever the archive changes. Returns a function that stops listening; it may be
 * called before the listener is registered (Tauri registers it asynchronously).
 */
export function onArchiveChanged(cb: (what: ChangeKind) => void): () => void {
  let stopped = false;
  let unlisten: (() => void) | null = null;
  events.archiveChanged
    .listen((e) => {
      if (!stopped) cb(e.payload.what);
    })
    .then((u) => {
      if (stopped) u();
      else unlisten = u;
    })
    .catch(() => {
      // Outside the Tauri window (a plain browser) there are no events to hear.
    });
  return () => {
    stopped = true;
    unlisten?.();
    unlisten = null;
  };
}

/** Files dragged over or dropped on the window. */
export type DragDrop = { type: "enter"; paths: string[] } | { type: "over" } | { type: "drop"; paths: string[] } | { type: "leave" };

/**
 * Calls `cb` as files are dragged over and dropped onto the window (Tauri's webview event: the
 * page's own drag-and-drop never sees files from the desktop). Returns a function that stops
 * listening, safe to call before the listener is registered.
 */
export function onDragDrop(cb: (e: DragDrop) => void): () => void {
  let stopped = false;
  let unlisten: (() => void) | null = null;
  try {
    getCurrentWebview()
      .onDragDropEvent((e) => {
        if (stopped) return;
        const p = e.payload;
        if (p.type === "enter" || p.type === "drop") cb({ type: p.type, paths: p.paths });
        else cb({ type: p.type });
      })
      .then((u) => {
        if (stopped) u();
        else unlisten = u;
      })
      .catch(() => {});
  } catch {
    // Outside the Tauri window there is no webview to listen to.
  }
  return () => {
    stopped = true;
    unlisten?.();
    unlisten = null;
  };
}

// The window's zoom

/** Zooms the whole interface (the webview), 1 being 100%. */
export async function setZoom(factor: number): Promise<void> {
  try {
    await getCurrentWebview().setZoom(factor);
  } catch (e) {
    throw toApiError(e);
  }
}
