// What the window knows of photos: the photos of the chosen collection (or all), how many the
// archive holds, the photo open in the viewer, a running import, and the way back from a
// person's page. Reloads itself when the backend says photos changed.

import { getContext, setContext } from "svelte";
import * as api from "../api";
import type { ImportPhotosSummary, Photo } from "../api";
import type { ArchiveStore } from "./archive.svelte";
import type { Place } from "./navigation.svelte";
import { JobRun } from "./jobs.svelte";

/** The size thumbnails are asked for: sharp on a 2× screen at the grid's largest tile. */
export const THUMBNAIL_PX = 360;

export class PhotoStore {
  /** The photos of the chosen collection, or all of them. */
  photos = $state.raw<Photo[]>([]);
  /** How many photos the archive holds, for the sidebar. */
  allCount = $state(0);
  /** The collection whose photos are shown; null for all. */
  collectionId = $state<string | null>(null);
  /** The photo open in the viewer. */
  openId = $state<string | null>(null);
  /** The tile selected in the grid. */
  selectedId = $state<string | null>(null);
  loading = $state(false);
  /** The photo import running, for the progress line. */
  job = $state.raw<JobRun<ImportPhotosSummary> | null>(null);
  /** Goes up on every change to photos, so open viewers reload. */
  version = $state(0);

  #archive: ArchiveStore;
  #unlisten: (() => void) | null = null;
  #seq = 0;
  #thumbs = new Map<string, Promise<string | null>>();
  #back: Place[] = [];

  constructor(archive: ArchiveStore) {
    this.#archive = archive;
  }

  start(): void {
    this.#unlisten ??= api.onArchiveChanged((what) => {
      if (what === "photos" || what === "archive") void this.reload();
      // A person renamed or merged changes the names on regions.
      else if (what === "people") this.version++;
    });
  }

  stop(): void {
    this.#unlisten?.();
    this.#unlisten = null;
  }

  /** Another archive was opened (or none is): start again. */
  async archiveOpened(path: string | null): Promise<void> {
    this.collectionId = null;
    this.openId = null;
    this.selectedId = null;
    this.#thumbs.clear();
    this.#back = [];
    if (!path) {
      this.photos = [];
      this.allCount = 0;
      return;
    }
    await this.reload();
  }

  /** Loads the photos shown and the count, ignoring answers that arrive out of turn. */
  async reload(): Promise<void> {
    if (!this.#archive.info) return;
    const seq = ++this.#seq;
    const collection = this.collectionId;
    try {
      const [shown, all] = await Promise.all([
        api.listPhotos(collection ? { collection_id: collection } : {}),
        collection ? api.listPhotos({}) : null,
      ]);
      if (seq !== this.#seq) return;
      this.photos = shown;
      this.allCount = (all ?? shown).length;
      this.version++;
      if (this.selectedId && !shown.some((p) => p.id === this.selectedId)) this.selectedId = null;
    } catch (e) {
      if (seq === this.#seq) this.#archive.showError(e);
    }
  }

  /** Shows the photos of a collection (or all, for null). */
  async setCollection(id: string | null): Promise<void> {
    if (id === this.collectionId) return;
    this.collectionId = id;
    this.loading = true;
    try {
      await this.reload();
    } finally {
      this.loading = false;
    }
  }

  /** The Photos place: of the collection being shown, if one is. */
  async show(): Promise<void> {
    const place = this.#archive.place;
    if (place.kind === "collection") await this.setCollection(place.id);
    else if (place.kind === "all") await this.setCollection(null);
    await this.#archive.setPlace({ kind: "photos" });
  }

  open(id: string): void {
    this.selectedId = id;
    this.openId = id;
  }

  close(): void {
    this.openId = null;
  }

  /** Opens a photo in the viewer from anywhere (a person's page). */
  async showPhoto(id: string): Promise<void> {
    this.#back.push(this.#archive.place);
    await this.#archive.setPlace({ kind: "photos" });
    this.open(id);
  }

  /** Opens a person's page from anywhere; Back returns here. */
  async showPerson(id: string): Promise<void> {
    const here = this.#archive.place;
    if (here.kind === "person" && here.id === id) return;
    this.#back.push(here);
    await this.#archive.setPlace({ kind: "person", id });
  }

  /** Where Back goes from a person's page. */
  get canGoBack(): boolean {
    return this.#back.length > 0;
  }

  async back(): Promise<void> {
    const to = this.#back.pop() ?? { kind: "people" };
    await this.#archive.setPlace(to);
  }

  /** A thumbnail's URL, asked for once per photo. */
  thumbnail(id: string): Promise<string | null> {
    let url = this.#thumbs.get(id);
    if (!url) {
      url = api.photoUrls(id, THUMBNAIL_PX).then(
        (u) => u.thumbnail ?? u.full,
        () => {
          this.#thumbs.delete(id);
          return null;
        },
      );
      this.#thumbs.set(id, url);
    }
    return url;
  }

  // Importing

  /** "Add photos…": the native dialog, then an import into the collection shown, if any. */
  async chooseAndImport(): Promise<void> {
    if (this.job) return;
    let paths: string[] | null;
    try {
      paths = await api.choosePhotoFiles();
    } catch (e) {
      this.#archive.showError(e);
      return;
    }
    if (paths && paths.length > 0) await this.import(paths);
  }

  async import(paths: string[]): Promise<ImportPhotosSummary | null> {
    const job = new JobRun<ImportPhotosSummary>({ title: `Adding ${count(paths.length, "photo")}`, total: paths.length });
    this.job = job;
    const options = { collection_id: this.collectionId };
    try {
      const summary = await job.run((jobId, onProgress) => api.importPhotos(jobId, paths, options, onProgress));
      if (!summary) return null;
      this.#archive.showInfo(summaryText(summary));
      await this.reload();
      const first = summary.added[0] ?? null;
      if (first) this.selectedId = first.id;
      return summary;
    } catch (e) {
      if (e instanceof api.ApiError && e.code === "cancelled") this.#archive.showInfo("The import was cancelled; no photos were added.");
      else this.#archive.showError(e);
      return null;
    } finally {
      this.job = null;
    }
  }

  async cancelImport(): Promise<void> {
    const job = this.job;
    if (!job) return;
    const refused = await job.cancel();
    if (refused) this.#archive.showError(refused);
  }
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function summaryText(s: ImportPhotosSummary): string {
  const parts = [s.added.length === 0 ? "No new photos were added" : `Added ${count(s.added.length, "photo")}`];
  if (s.duplicates.length > 0) parts.push(`${count(s.duplicates.length, "file")} already in the archive`);
  if (s.warnings.length > 0) parts.push(s.warnings.join(" "));
  return `${parts.join("; ")}.`;
}

export const PHOTOS_KEY = Symbol("photos");

export function providePhotos(photos: PhotoStore): PhotoStore {
  return setContext(PHOTOS_KEY, photos);
}

export function usePhotos(): PhotoStore {
  const photos = getContext<PhotoStore | undefined>(PHOTOS_KEY);
  if (!photos) throw new Error("usePhotos() needs providePhotos() in a parent component");
  return photos;
}

/** The photo store given by a parent, if any (tests give their own). */
export function existingPhotos(): PhotoStore | undefined {
  return getContext<PhotoStore | undefined>(PHOTOS_KEY);
}
