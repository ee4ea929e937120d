// The global search: what is typed in the top bar's box, the filters, and the hits. Typing
// searches after a short pause; an answer that arrives after a newer question is dropped.

import * as api from "../api";
import type { SearchHit, SearchQuery, SearchResults } from "../api";

/** How long typing must pause before searching, in milliseconds. */
export const SEARCH_DELAY = 250;

/** Results on a page: interviews with their passages, then records. */
export const PAGE_SIZE = 50;

export interface SearchFilters {
  collectionId: string;
  narratorId: string;
  language: string;
  yearFrom: string;
  yearTo: string;
}

const NO_FILTERS: SearchFilters = { collectionId: "", narratorId: "", language: "", yearFrom: "", yearTo: "" };

export class SearchStore {
  text = $state("");
  filters = $state<SearchFilters>({ ...NO_FILTERS });
  /** The answer: passages grouped by interview, records apart, the person matched. */
  results = $state.raw<SearchResults | null>(null);
  /** Every hit shown, in the order shown (passages of each interview, then records): ↑ ↓ move
   *  through these. */
  hits = $state.raw<SearchHit[]>([]);
  /** The query the hits answer; differs from `text` while a search is waiting or running. */
  answered = $state<string | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Whether the results panel is shown. */
  open = $state(false);
  /** The hit Enter opens. */
  active = $state(0);
  /** Bumped to move focus to the box (Ctrl+K). */
  focusRequest = $state(0);
  /** How many results come before the page asked for. */
  offset = $state(0);

  filtered: boolean = $derived(Object.values(this.filters).some((v) => v.trim() !== ""));
  /** Whether there are results before, or after, the page shown. */
  hasPrevious: boolean = $derived((this.results?.offset ?? 0) > 0);
  hasNext: boolean = $derived(this.results !== null && this.results.offset + this.results.limit < this.results.total);

  #timer: ReturnType<typeof setTimeout> | null = null;
  #seq = 0;
  #delay: number;

  constructor(delay = SEARCH_DELAY) {
    this.#delay = delay;
  }

  /** Notes what was typed; searches once typing pauses. */
  setText(text: string): void {
    this.text = text;
    this.open = true;
    this.offset = 0;
    this.schedule();
  }

  /** Changes a filter and searches at once. */
  setFilter<K extends keyof SearchFilters>(key: K, value: SearchFilters[K]): void {
    this.filters[key] = value;
    this.offset = 0;
    this.schedule(0);
  }

  clearFilters(): void {
    this.filters = { ...NO_FILTERS };
    this.offset = 0;
    this.schedule(0);
  }

  /** Shows the next page of results (`by` 1) or the previous one (-1), when there is one. */
  async turn(by: 1 | -1): Promise<void> {
    const r = this.results;
    if (!r || (by > 0 ? !this.hasNext : !this.hasPrevious)) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.offset = Math.max(0, r.offset + by * r.limit);
    await this.run();
  }

  schedule(delay = this.#delay): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.text.trim()) {
      this.#seq++;
      this.results = null;
      this.hits = [];
      this.answered = null;
      this.loading = false;
      this.error = null;
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.run();
    }, delay);
  }

  /** Searches now for what is in the box. */
  async run(): Promise<void> {
    const text = this.text.trim();
    if (!text) return;
    const seq = ++this.#seq;
    this.loading = true;
    try {
      const results = await api.searchArchive(this.query(text));
      if (seq !== this.#seq) return;
      this.results = results;
      this.hits = [...results.interviews.flatMap((g) => g.passages), ...results.records];
      this.answered = text;
      this.error = null;
      this.active = 0;
    } catch (e) {
      if (seq !== this.#seq) return;
      this.results = null;
      this.hits = [];
      this.answered = text;
      this.error = api.messageOf(e);
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  query(text = this.text.trim()): SearchQuery {
    const f = this.filters;
    const year = (v: string) => {
      const n = Number.parseInt(v, 10);
      return Number.isFinite(n) ? n : null;
    };
    return {
      text,
      collection_id: f.collectionId || null,
      narrator_id: f.narratorId || null,
      language: f.language.trim() || null,
      year_from: year(f.yearFrom),
      year_to: year(f.yearTo),
      limit: PAGE_SIZE,
      offset: this.offset,
    };
  }

  /** Opens the panel and asks for focus in the box (Ctrl+K). */
  focus(): void {
    this.open = true;
    this.focusRequest++;
  }

  close(): void {
    this.open = false;
  }

  move(by: number): void {
    if (this.hits.length === 0) return;
    this.active = Math.max(0, Math.min(this.hits.length - 1, this.active + by));
  }
}
