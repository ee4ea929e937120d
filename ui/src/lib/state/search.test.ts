import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../api", () => import("../../test/fake-api"));

import { backend, mocks, reset } from "../../test/fake-api";
import { SEARCH_DELAY, SearchStore } from "./search.svelte";

beforeEach(() => {
  reset();
  vi.useFakeTimers();
  const c = backend.addCollection("Smilga family");
  const p = backend.addPerson("Tatiana Smilga");
  const i = backend.addInterview("Two daughters", { collection_id: c.id, narrator_ids: [p.id], date: "1927-02~" });
  backend.addTranscript(i.id, "Russian original", "ru", [[49_300, 56_000, "СМИЛГА", "Сидят слева направо: Серебряков, Радек, Троцкий."]]);
});
afterEach(() => vi.useRealTimers());

describe("SearchStore", () => {
  it("searches once typing pauses, with what was typed last", async () => {
    const search = new SearchStore();
    search.setText("Т");
    search.setText("Тро");
    search.setText("Троцкий");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY - 1);
    expect(mocks.searchArchive).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(mocks.searchArchive).toHaveBeenCalledOnce();
    expect(mocks.searchArchive.mock.calls[0][0]).toMatchObject({ text: "Троцкий", collection_id: null, narrator_id: null, language: null });
    await vi.waitFor(() => expect(search.hits).toHaveLength(1));
    expect(search.hits[0].snippet).toContain("<mark>Троцкий</mark>");
    expect(search.answered).toBe("Троцкий");
  });

  it("sends the filters, years as numbers, and searches at once when one changes", async () => {
    const search = new SearchStore();
    search.setText("Радек");
    search.setFilter("yearFrom", "1920");
    search.setFilter("yearTo", " 1930");
    search.setFilter("language", "ru");
    await vi.advanceTimersByTimeAsync(0);
    expect(mocks.searchArchive).toHaveBeenCalledOnce();
    expect(mocks.searchArchive.mock.calls[0][0]).toMatchObject({ text: "Радек", year_from: 1920, year_to: 1930, language: "ru" });
    expect(search.filtered).toBe(true);
    search.clearFilters();
    expect(search.filtered).toBe(false);
  });

  it("drops an answer that comes after a newer question", async () => {
    const search = new SearchStore();
    let release!: () => void;
    mocks.searchArchive.mockImplementationOnce(async (q) => {
      await new Promise<void>((r) => (release = r));
      return {
        person: null,
        interviews: [],
        interviews_matched: 0,
        passages_matched: 0,
        records: [{ kind: "interview", record_id: "old", interview_id: "old", interview_title: q.text, transcript_id: null, photo_id: null, start_ms: null, snippet: "", score: 0, matched_as: null }],
        records_matched: 1,
        total: 1,
        offset: 0,
        limit: 50,
      };
    });
    search.setText("old");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY);
    search.setText("Троцкий");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(search.hits.map((h) => h.kind)).toEqual(["segment"]);
  });

  it("clears the hits when the box is emptied, and says why a search failed", async () => {
    const search = new SearchStore();
    search.setText("Троцкий");
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY);
    search.setText("");
    expect(search.hits).toEqual([]);
    backend.failNext("searchArchive", new (await import("../api/errors")).ApiError("invalid", "query: unbalanced quotes"));
    search.setText('"Троцкий');
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY);
    expect(search.error).toBe("Query: unbalanced quotes");
  });
});
