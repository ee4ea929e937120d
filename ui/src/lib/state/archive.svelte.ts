// What the window knows of the open archive: its collections, the interviews of the chosen
// place and its people. It reloads itself when the backend says something changed, and every
// write goes through it so the lists update at once.
//
// Beside the records it holds the window's other state, each in its own module: where the
// window is (navigation), what is selected (selection), where attention goes next (focus) and
// the notice line (notices). Components reach all of it through the one store; its members
// for those are thin doors to the parts.

import * as api from "../api";
import type {
  ArchiveInfo,
  ChangeKind,
  Collection,
  HistoryEvent,
  InterviewInput,
  ListedInterview,
  Person,
  PersonInput,
  RecentArchive,
  SearchHit,
} from "../api";
import { FocusRequests, type FocusRequest, type FocusTarget, type PlayRequest } from "./focus.svelte";
import { listsInterviews, Navigation, placeTitle, type InterviewTab, type Place } from "./navigation.svelte";
import { Notices, type Notice, type NoticeAction } from "./notices.svelte";
import { TrashState } from "./trash.svelte";
import { nextSurvivor, Selection } from "./selection.svelte";

/** An interview a person takes part in, and as what. */
export interface Appearance {
  interview: ListedInterview;
  role: "narrator" | "interviewer";
}

export const NEW_INTERVIEW_TITLE = "Untitled interview";
export const NEW_PERSON_NAME = "New person";
export const NEW_COLLECTION_TITLE = "New collection";

export class ArchiveStore {
  /** "starting" until the first answer from the backend. */
  phase = $state<"starting" | "open" | "none">("starting");
  info = $state.raw<ArchiveInfo | null>(null);
  recent = $state.raw<RecentArchive[]>([]);
  collections = $state.raw<Collection[]>([]);
  /** The interviews of the current place (all, or one collection). */
  interviews = $state.raw<ListedInterview[]>([]);
  people = $state.raw<Person[]>([]);
  /** How many interviews the archive holds, for the sidebar. */
  allCount = $state(0);
  /** True while the interviews of a newly chosen place are loading. */
  loadingPlace = $state(false);
  /** Bumped when transcripts change elsewhere (an import finished), so the open one reloads. */
  transcriptsVersion = $state(0);
  /** Bumped when recordings change (one was added), so the player looks again. */
  mediaVersion = $state(0);

  readonly navigation = new Navigation();
  readonly selection = new Selection();
  readonly focus = new FocusRequests();
  readonly notices = new Notices();
  readonly trash = new TrashState();

  selectedInterview: ListedInterview | null = $derived(
    this.selectedIds.length === 1 ? (this.interviews.find((i) => i.id === this.selectedIds[0]) ?? null) : null,
  );
  selectedPerson: Person | null = $derived(this.people.find((p) => p.id === this.selectedPersonId) ?? null);
  currentCollection: Collection | null = $derived(
    this.place.kind === "collection" ? (this.collections.find((c) => c.id === this.navigation.collectionId) ?? null) : null,
  );
  /** An interview's transcript or index is shown: the detail pane takes most of the width. */
  transcriptWide: boolean = $derived(
    this.place.kind !== "people" && this.selectedInterview !== null && (this.interviewTab === "transcript" || this.interviewTab === "index"),
  );
  placeTitle: string = $derived(placeTitle(this.place, this.currentCollection));

  #unlisten: (() => void) | null = null;
  #pending = new Set<ChangeKind>();
  #reloading: Promise<void> | null = null;
  #interviewsSeq = 0;

  // The parts, as members of the store

  /** Where the sidebar points. */
  get place(): Place {
    return this.navigation.place;
  }
  set place(place: Place) {
    this.navigation.place = place;
  }
  /** The interview editor's tab; it stays as the curator moves from interview to interview. */
  get interviewTab(): InterviewTab {
    return this.navigation.interviewTab;
  }
  set interviewTab(tab: InterviewTab) {
    this.navigation.interviewTab = tab;
  }
  /** Selected interviews, by id; the editor shows one when exactly one is selected. */
  get selectedIds(): string[] {
    return this.selection.interviewIds;
  }
  set selectedIds(ids: string[]) {
    this.selection.interviewIds = ids;
  }
  get selectedPersonId(): string | null {
    return this.selection.personId;
  }
  set selectedPersonId(id: string | null) {
    this.selection.personId = id;
  }
  get focusRequest(): FocusRequest | null {
    return this.focus.focus;
  }
  set focusRequest(request: FocusRequest | null) {
    this.focus.focus = request;
  }
  get playRequest(): PlayRequest | null {
    return this.focus.play;
  }
  set playRequest(request: PlayRequest | null) {
    this.focus.play = request;
  }
  get notice(): Notice | null {
    return this.notices.current;
  }

  // Life

  /** Loads the open archive, if any, and starts listening for changes. */
  async start(): Promise<void> {
    this.#unlisten ??= api.onArchiveChanged((what) => void this.reload(what));
    await this.reload("archive");
  }

  stop(): void {
    this.#unlisten?.();
    this.#unlisten = null;
  }

  /**
   * Reloads what changed. Calls that arrive while a reload runs are gathered into the next one,
   * so a burst of saves costs one or two reloads, not one each.
   */
  reload(what: ChangeKind): Promise<void> {
    this.#pending.add(what);
    this.#reloading ??= this.#drain().finally(() => (this.#reloading = null));
    return this.#reloading;
  }

  async #drain(): Promise<void> {
    while (this.#pending.size > 0) {
      const kinds = new Set(this.#pending);
      this.#pending.clear();
      try {
        await this.#load(kinds);
      } catch (e) {
        this.showError(e);
      }
    }
  }

  async #load(kinds: Set<ChangeKind>): Promise<void> {
    if (kinds.has("transcripts") || kinds.has("archive")) this.transcriptsVersion++;
    if (kinds.has("media") || kinds.has("archive")) this.mediaVersion++;
    // Transcripts and recordings change nothing the lists show.
    kinds.delete("transcripts");
    kinds.delete("media");
    if (kinds.size === 0) return;
    // What goes to the trash and comes back from it is an interview, person, photo or source.
    if (["archive", "interviews", "people", "photos", "sources"].some((k) => kinds.has(k as ChangeKind))) void this.trash.load();
    if (kinds.has("archive")) {
      const [info, recent] = await Promise.all([api.archiveInfo(), api.recentArchives().catch(() => [])]);
      this.recent = recent;
      if (info?.path !== this.info?.path) {
        this.place = { kind: "all" };
        this.selection.clear();
      }
      this.info = info;
      if (!info) {
        this.phase = "none";
        this.collections = [];
        this.interviews = [];
        this.people = [];
        this.allCount = 0;
        return;
      }
      await Promise.all([this.#loadCollections(), this.#loadPeople()]);
      await this.#loadInterviews();
      this.phase = "open";
      return;
    }
    if (!this.info) return;
    // Photos are loaded by the photo store; nothing here shows them.
    if (kinds.size === 1 && kinds.has("photos")) return;
    const jobs: Promise<void>[] = [];
    const all = kinds.has("interviews");
    if (all || kinds.has("collections")) jobs.push(this.#loadCollections());
    if (all || kinds.has("people")) jobs.push(this.#loadPeople());
    // Collections first: if the one shown is gone, the interviews to load are all of them.
    await Promise.all(jobs);
    // People's names appear in the interview list, and deleting a collection moves interviews.
    await this.#loadInterviews();
  }

  async #loadCollections(): Promise<void> {
    this.collections = await api.listCollections();
    if (this.place.kind === "collection" && !this.collections.some((c) => c.id === this.navigation.collectionId)) {
      // The collection shown was deleted: fall back to everything.
      this.place = { kind: "all" };
    }
  }

  async #loadPeople(): Promise<void> {
    this.people = await api.listPeople();
    const ids = new Set(this.people.map((p) => p.id));
    this.selection.keepPerson(ids);
    const place = this.place;
    if (place.kind === "person" && !ids.has(place.id)) this.place = { kind: "people" };
  }

  /** Loads the interviews of the current place, ignoring answers that arrive out of turn. */
  async #loadInterviews(): Promise<void> {
    const seq = ++this.#interviewsSeq;
    const place = this.place;
    const [shown, count] = await Promise.all([
      place.kind === "collection" ? api.listInterviews({ collection_id: place.id }) : api.listInterviews({}),
      place.kind === "collection" ? api.listInterviews({}).then((all) => all.length) : null,
    ]);
    if (seq !== this.#interviewsSeq) return;
    this.interviews = listsInterviews(place) ? shown : [];
    this.allCount = count ?? shown.length;
    this.selection.keepInterviews(new Set(shown.map((i) => i.id)));
  }

  // Places and selection

  async setPlace(place: Place): Promise<void> {
    if (this.navigation.is(place)) return;
    this.place = place;
    this.selectedIds = [];
    if (!listsInterviews(place)) {
      this.interviews = [];
      return;
    }
    this.loadingPlace = true;
    try {
      await this.#loadInterviews();
    } catch (e) {
      this.showError(e);
    } finally {
      this.loadingPlace = false;
    }
  }

  isPlace(place: Place): boolean {
    return this.navigation.is(place);
  }

  selectInterviews(ids: string[]): void {
    this.selectedIds = ids;
  }

  selectPerson(id: string | null): void {
    this.selectedPersonId = id;
  }

  requestFocus(target: FocusTarget, selectAll = false): void {
    this.focus.requestFocus(target, selectAll);
  }

  // Archives

  /** Shows the native Open dialog; nothing happens when the curator cancels. */
  async chooseArchiveToOpen(): Promise<void> {
    await this.#switchArchive(api.chooseArchiveToOpen());
  }

  async chooseArchiveToCreate(): Promise<void> {
    await this.#switchArchive(api.chooseArchiveToCreate());
  }

  async openRecent(path: string): Promise<void> {
    await this.#switchArchive(api.openArchive(path));
  }

  async #switchArchive(opening: Promise<ArchiveInfo | null>): Promise<void> {
    try {
      const info = await opening;
      if (info) await this.reload("archive");
    } catch (e) {
      if (e instanceof api.ApiError && e.code === "cancelled") return;
      this.showError(e);
      // The recent list may now say the file is missing.
      this.recent = await api.recentArchives().catch(() => this.recent);
    }
  }

  // Collections

  async createCollection(title = NEW_COLLECTION_TITLE): Promise<Collection> {
    const created = await api.createCollection({ title, description: "" });
    this.collections = [...this.collections.filter((c) => c.id !== created.id), created];
    return created;
  }

  async renameCollection(id: string, title: string): Promise<void> {
    const before = this.collections.find((c) => c.id === id);
    if (!before || before.title === title) return;
    const updated = await api.updateCollection(id, { title, description: before.description });
    this.collections = this.collections.map((c) => (c.id === id ? updated : c));
  }

  async deleteCollection(id: string): Promise<void> {
    await api.deleteCollection(id);
    this.collections = this.collections.filter((c) => c.id !== id);
    if (this.place.kind === "collection" && this.place.id === id) await this.setPlace({ kind: "all" });
    else if (this.place.kind === "all") await this.#loadInterviews();
  }

  // Interviews

  /** Adds "Untitled interview" to the current collection, selects it and asks for its title. */
  async createInterview(): Promise<ListedInterview> {
    if (this.place.kind !== "all" && this.place.kind !== "collection") await this.setPlace({ kind: "all" });
    const created = await api.createInterview({
      title: NEW_INTERVIEW_TITLE,
      collection_id: this.navigation.collectionId,
    });
    this.interviews = [...this.interviews.filter((i) => i.id !== created.id), created];
    this.allCount += 1;
    if (created.collection_id) this.#bumpCollection(created.collection_id, 1);
    this.selectedIds = [created.id];
    this.requestFocus("interview-title", true);
    return created;
  }

  /** Saves an interview; the list shows the saved record at once. */
  async saveInterview(id: string, input: InterviewInput): Promise<ListedInterview> {
    const saved = await api.updateInterview(id, input);
    this.interviews = this.interviews.map((i) => (i.id === id ? saved : i));
    return saved;
  }

  /**
   * Deletes interviews and selects the row after the last one deleted, in `order` (the order
   * the list shows), else in the store's.
   */
  async deleteInterviews(ids: string[], order: string[] = this.interviews.map((i) => i.id)): Promise<void> {
    const next = nextSurvivor(order, ids);
    const done: string[] = [];
    try {
      for (const id of ids) {
        await api.deleteInterview(id);
        done.push(id);
      }
    } finally {
      const gone = new Set(done);
      for (const i of this.interviews) if (gone.has(i.id) && i.collection_id) this.#bumpCollection(i.collection_id, -1);
      this.interviews = this.interviews.filter((i) => !gone.has(i.id));
      this.allCount = Math.max(0, this.allCount - gone.size);
      this.selectedIds = done.length === ids.length && next ? [next] : this.selectedIds.filter((id) => !gone.has(id));
    }
  }

  #bumpCollection(id: string, by: number) {
    this.collections = this.collections.map((c) => (c.id === id ? { ...c, interview_count: c.interview_count + by } : c));
  }

  /** The interviews a person takes part in, with their role, by title. */
  async interviewsOf(personId: string): Promise<Appearance[]> {
    const all = await api.listInterviews({});
    const found: Appearance[] = [];
    for (const interview of all) {
      if (interview.narrators.some((p) => p.id === personId)) found.push({ interview, role: "narrator" });
      else if (interview.interviewers.some((p) => p.id === personId)) found.push({ interview, role: "interviewer" });
    }
    return found;
  }

  /** Shows one interview: all interviews, with it selected. */
  async showInterview(id: string): Promise<void> {
    await this.setPlace({ kind: "all" });
    this.selectedIds = [id];
  }

  /**
   * Opens an interview's transcript at a time: selects the interview, shows the Transcript tab
   * and asks it to bring that moment into view and play it.
   */
  async openAt(request: Omit<PlayRequest, "n">): Promise<void> {
    // Stay in the place shown when the interview is listed there (a person's page lists none).
    if (this.place.kind !== "people" && this.place.kind !== "person" && this.interviews.some((i) => i.id === request.interviewId))
      this.selectedIds = [request.interviewId];
    else await this.showInterview(request.interviewId);
    this.interviewTab = "transcript";
    this.focus.requestPlay(request);
  }

  /** Opens what a search hit found: a person, or an interview (at the hit's time, for passages). */
  async openHit(hit: SearchHit): Promise<void> {
    if (hit.kind === "person") {
      await this.setPlace({ kind: "people" });
      this.selectPerson(hit.record_id);
      return;
    }
    if (!hit.interview_id) return;
    if (hit.kind === "segment" || (hit.kind === "index_point" && hit.start_ms !== null)) {
      await this.openAt({
        interviewId: hit.interview_id,
        transcriptId: hit.transcript_id,
        segmentId: hit.kind === "segment" ? hit.record_id : null,
        atMs: hit.start_ms,
        play: true,
      });
      return;
    }
    if (this.place.kind !== "people" && this.interviews.some((i) => i.id === hit.interview_id)) this.selectedIds = [hit.interview_id];
    else await this.showInterview(hit.interview_id);
    this.interviewTab = "overview";
  }

  historyOf(id: string): Promise<HistoryEvent[]> {
    return api.recordHistory(id);
  }

  // People

  /** Makes a person with the given name (the picker's "Add as a new person"). */
  async addPerson(displayName: string): Promise<Person> {
    const created = await api.createPerson({ display_name: displayName });
    this.people = sortPeople([...this.people.filter((p) => p.id !== created.id), created]);
    return created;
  }

  /** The People view's "New person": makes one, selects it and asks for the name. */
  async createPerson(): Promise<Person> {
    const created = await this.addPerson(NEW_PERSON_NAME);
    this.selectedPersonId = created.id;
    this.requestFocus("person-name", true);
    return created;
  }

  async savePerson(id: string, input: PersonInput): Promise<Person> {
    const saved = await api.updatePerson(id, input);
    this.people = this.people.map((p) => (p.id === id ? saved : p));
    return saved;
  }

  /** Deletes a person; the backend refuses (code "in_use") while they are in an interview. */
  async deletePerson(id: string): Promise<void> {
    const next = nextSurvivor(
      this.people.map((p) => p.id),
      [id],
    );
    await api.deletePerson(id);
    this.people = this.people.filter((p) => p.id !== id);
    this.selectedPersonId = next;
  }

  // Notices

  showError(e: unknown): void {
    this.notices.showError(e);
  }

  /** Information goes by itself after a while; an error stays until dismissed. */
  showInfo(message: string, action?: NoticeAction): void {
    this.notices.showInfo(message, action);
  }

  /** Says that a record went to the trash, with an Undo that brings it back. */
  movedToTrash(what: string, ids: string[]): void {
    this.showInfo(`Moved ${what} to the Trash.`, {
      label: "Undo",
      run: async () => {
        try {
          for (const id of ids) await this.trash.restore(id);
          this.showInfo(`Restored ${what}.`);
        } catch (e) {
          this.showError(e);
        }
      },
    });
  }

  dismissNotice(): void {
    this.notices.dismiss();
  }
}

function sortPeople(people: Person[]): Person[] {
  return [...people].sort((a, b) => a.sort_name.localeCompare(b.sort_name, undefined, { sensitivity: "base" }));
}
