// The library around the records: the tag vocabulary, lists, saved searches and sources for
// the sidebar, and which of the library's dialogs is open.
// It reloads what the backend says changed, and bumps a version per kind so panels that show
// tags, links, citations or access of one record reload too.

import * as api from "../api";
import type { ChangeKind, List, Profile, RecordRef, SavedSearch, Source, SourceFields, Tag, TagInput, TagNode, Target } from "../api";
import type { ArchiveStore } from "./archive.svelte";

/** What the export dialog starts with. */
export type ExportPreset =
  | { kind: "all" }
  | { kind: "collection"; id: string }
  | { kind: "list"; id: string }
  | { kind: "search"; id: string }
  | { kind: "interviews"; ids: string[] };

/** A passage of a transcript to show: for the transcript view, when it is there. */
export interface Passage {
  interviewId: string;
  transcriptId: string | null;
  segmentId: string | null;
  atMs: number | null;
}

export type LibraryKind = "tags" | "links" | "sources" | "access" | "lists" | "searches";

export class LibraryStore {
  readonly archive: ArchiveStore;

  tags = $state.raw<TagNode[]>([]);
  lists = $state.raw<List[]>([]);
  savedSearches = $state.raw<SavedSearch[]>([]);
  sources = $state.raw<Source[]>([]);
  /** Bumped whenever that kind of thing changes, for panels to reload. */
  versions = $state<Record<LibraryKind, number>>({ tags: 0, links: 0, sources: 0, access: 0, lists: 0, searches: 0 });

  /** The tag editor: a tag to edit, or a new tag (under `broaderId`). */
  tagEditor = $state.raw<{ tagId: string | null; broaderId: string | null } | null>(null);
  exportRequest = $state.raw<{ preset: ExportPreset; profile: Profile } | null>(null);
  importOpen = $state(false);
  auditOpen = $state(false);
  newSavedSearchOpen = $state(false);

  /**
   * Opens a passage in its interview's Transcript tab. The main window sets this; without it
   * (a view shown alone) the interview is shown.
   */
  openPassage: ((p: Passage) => void | Promise<void>) | null = null;

  /** Opens a photo in the viewer. The main window sets this, where the photos are. */
  openPhoto: ((photoId: string) => void | Promise<void>) | null = null;

  tagById: Map<string, TagNode> = $derived(new Map(this.tags.map((n) => [n.tag.id, n])));

  #unlisten: (() => void) | null = null;
  /** Which interview each transcript belongs to, learnt as needed. */
  #transcriptOwners = new Map<string, string>();

  constructor(archive: ArchiveStore) {
    this.archive = archive;
  }

  start(): void {
    this.#unlisten ??= api.onArchiveChanged((what) => void this.changed(what));
  }

  stop(): void {
    this.#unlisten?.();
    this.#unlisten = null;
  }

  /** Loads everything the sidebar shows (a newly opened archive). */
  async load(): Promise<void> {
    this.#transcriptOwners.clear();
    try {
      await Promise.all([this.reloadTags(), this.reloadLists(), this.reloadSavedSearches(), this.reloadSources()]);
    } catch (e) {
      this.archive.showError(e);
    }
  }

  /** What an archiveChanged event says changed. */
  async changed(what: ChangeKind): Promise<void> {
    try {
      switch (what) {
        case "archive":
          await this.load();
          this.#bump("tags", "links", "sources", "access", "lists", "searches");
          return;
        case "tags":
          this.#bump("tags");
          await this.reloadTags();
          return;
        case "links":
          this.#bump("links");
          return;
        case "sources":
          this.#bump("sources");
          await this.reloadSources();
          return;
        case "access":
          this.#bump("access");
          return;
        case "lists":
          this.#bump("lists");
          await this.reloadLists();
          return;
        case "searches":
          this.#bump("searches");
          await this.reloadSavedSearches();
          return;
        case "interviews":
        case "people":
        case "collections":
          // Narrators, collections and death dates decide access; titles show in links and lists.
          // (Views of a tag follow the interviews themselves.)
          this.#bump("access", "links", "lists");
          return;
      }
    } catch (e) {
      this.archive.showError(e);
    }
  }

  #bump(...kinds: LibraryKind[]) {
    for (const k of kinds) this.versions[k]++;
  }

  async reloadTags(): Promise<void> {
    this.tags = await api.listTags();
  }
  async reloadLists(): Promise<void> {
    this.lists = await api.listLists();
  }
  async reloadSavedSearches(): Promise<void> {
    this.savedSearches = await api.listSavedSearches();
  }
  async reloadSources(): Promise<void> {
    this.sources = await api.listSources();
  }

  // Tags

  async createTag(input: TagInput): Promise<Tag> {
    const tag = await api.createTag(input);
    await this.reloadTags();
    return tag;
  }

  /**
   * Saves the tag editor's changes: renaming (keeping the old label as an alternative when
   * asked), moving under another tag, and the rest of its fields, each only when changed.
   */
  async saveTag(before: Tag, next: TagInput, keepOldLabel: boolean): Promise<Tag> {
    let tag = before;
    const label = next.label.trim();
    if (label !== before.label) tag = await api.renameTag(before.id, label, keepOldLabel);
    const broader = next.broader_id ?? null;
    if (broader !== before.broader_id) tag = await api.moveTag(before.id, broader);
    const alt = [...(next.alt_labels ?? [])];
    // Renaming put the old label among the alternatives; keep it unless the curator removed it.
    for (const l of tag.alt_labels) if (!before.alt_labels.some((b) => b.label === l.label) && !alt.some((a) => a.label === l.label)) alt.push(l);
    const wanted: TagInput = { label, language: next.language ?? "", alt_labels: alt, scope_note: next.scope_note ?? "", broader_id: broader };
    const same =
      (wanted.language ?? "") === tag.language &&
      (wanted.scope_note ?? "") === tag.scope_note &&
      JSON.stringify(wanted.alt_labels?.map((l) => [l.label, l.language ?? ""])) === JSON.stringify(tag.alt_labels.map((l) => [l.label, l.language ?? ""]));
    if (!same) tag = await api.updateTag(before.id, wanted);
    await this.reloadTags();
    this.#bump("tags");
    return tag;
  }

  async mergeTags(from: string, into: string): Promise<void> {
    await api.mergeTags(from, into);
    if (this.archive.place.kind === "tag" && this.archive.place.id === from) await this.archive.setPlace({ kind: "tag", id: into });
    await this.reloadTags();
    this.#bump("tags");
  }

  async deleteTag(id: string): Promise<void> {
    await api.deleteTag(id);
    if (this.archive.place.kind === "tag" && this.archive.place.id === id) await this.archive.setPlace({ kind: "all" });
    await this.reloadTags();
  }

  /** Puts a tag on a record or span, making the tag first when it is new. */
  async tag(target: Target, tag: { id: string } | { label: string }): Promise<void> {
    const id = "id" in tag ? tag.id : (await api.createTag({ label: tag.label })).id;
    await api.tagTarget(id, target);
    await this.reloadTags();
    this.#bump("tags");
  }

  async untag(target: Target, tagId: string): Promise<void> {
    await api.untagTarget(tagId, target);
    await this.reloadTags();
    this.#bump("tags");
  }

  // Lists

  async createList(name: string, records: RecordRef[] = []): Promise<List> {
    let list = await api.createList(name, "");
    for (const r of records) list = await api.addToList(list.id, r, null);
    await this.reloadLists();
    return list;
  }

  async addToList(id: string, records: RecordRef[]): Promise<void> {
    for (const r of records) await api.addToList(id, r, null);
    await this.reloadLists();
    this.#bump("lists");
  }

  async removeFromList(id: string, recordId: string): Promise<void> {
    await api.removeFromList(id, recordId);
    await this.reloadLists();
    this.#bump("lists");
  }

  async deleteList(id: string): Promise<void> {
    await api.deleteList(id);
    if (this.archive.place.kind === "list" && this.archive.place.id === id) await this.archive.setPlace({ kind: "all" });
    await this.reloadLists();
  }

  async deleteSavedSearch(id: string): Promise<void> {
    await api.deleteSavedSearch(id);
    if (this.archive.place.kind === "search" && this.archive.place.id === id) await this.archive.setPlace({ kind: "all" });
    await this.reloadSavedSearches();
  }

  // Sources

  async createSource(fields: SourceFields): Promise<Source> {
    const source = await api.createSource(fields);
    await this.reloadSources();
    return source;
  }

  async saveSource(id: string, fields: SourceFields): Promise<Source> {
    const source = await api.updateSource(id, fields);
    this.sources = this.sources.map((s) => (s.id === id ? source : s));
    this.#bump("sources");
    return source;
  }

  async deleteSource(id: string): Promise<void> {
    await api.deleteSource(id);
    await this.reloadSources();
  }

  // Access

  /** Notes a change of access made here (the event from the backend may come later). */
  accessChanged(): void {
    this.#bump("access");
  }

  linksChanged(): void {
    this.#bump("links");
  }

  sourcesChanged(): void {
    this.#bump("sources");
  }

  // Going places

  /** Shows what a tag, link, list or citation points at. */
  async open(target: Target): Promise<void> {
    const store = this.archive;
    if (target.type === "record") {
      switch (target.kind) {
        case "interview":
          if (store.place.kind === "people" || store.place.kind === "sources" || !store.interviews.some((i) => i.id === target.id)) {
            await store.showInterview(target.id);
          } else store.selectInterviews([target.id]);
          return;
        case "person":
          if (store.place.kind !== "people") await store.setPlace({ kind: "people" });
          store.selectPerson(target.id);
          return;
        case "collection":
          await store.setPlace({ kind: "collection", id: target.id });
          return;
        case "source":
          await store.setPlace({ kind: "sources" });
          this.selectedSourceId = target.id;
          return;
        case "transcript":
          await this.#openTranscript(target.id, null);
          return;
        case "photo":
        case "region":
        case "index_point": {
          const where = await api.locateRecord(target);
          if (!where) {
            store.showInfo("That record is no longer in the archive.");
            return;
          }
          if (where.photo_id && this.openPhoto) {
            await this.openPhoto(where.photo_id);
            return;
          }
          if (where.interview_id && this.openPassage) {
            await this.openPassage({ interviewId: where.interview_id, transcriptId: null, segmentId: null, atMs: where.at_ms });
            return;
          }
          break;
        }
      }
      store.showInfo("Recollect cannot show that kind of record here yet.");
      return;
    }
    await this.#openTranscript(target.transcript_id, target.first_segment_id);
  }

  /** The source the Sources view shows. */
  selectedSourceId = $state<string | null>(null);

  async #openTranscript(transcriptId: string, segmentId: string | null): Promise<void> {
    const interviewId = await this.interviewOfTranscript(transcriptId);
    if (!interviewId) {
      this.archive.showInfo("The transcript of that passage is no longer in the archive.");
      return;
    }
    if (this.openPassage) {
      this.openPassage({ interviewId, transcriptId, segmentId, atMs: null });
      return;
    }
    await this.open({ type: "record", kind: "interview", id: interviewId });
  }

  /** The interview a transcript belongs to, looked up among the interviews once and remembered. */
  async interviewOfTranscript(transcriptId: string): Promise<string | null> {
    const known = this.#transcriptOwners.get(transcriptId);
    if (known) return known;
    const interviews = await api.listInterviews({});
    for (const i of interviews) {
      for (const t of await api.listTranscripts(i.id)) this.#transcriptOwners.set(t.id, i.id);
      const found = this.#transcriptOwners.get(transcriptId);
      if (found) return found;
    }
    return null;
  }
}
