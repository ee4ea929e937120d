import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { backend, mocks, reset, type Cue } from "../../../test/fake-api";
import { mockMedia } from "../../../test/media";
import { renderWindow, seedSample } from "../../../test/render";

const RU: Cue[] = Array.from({ length: 40 }, (_, i): Cue => [i * 5000, i * 5000 + 4500, i % 2 ? "СМИЛГА" : "ВОЛКОВ", `Реплика номер ${i}.`]);
RU[30] = [150_000, 154_500, "СМИЛГА", "Сидят слева направо: Серебряков, Радек, Троцкий."];

let s: ReturnType<typeof seedSample>;
let media: ReturnType<typeof mockMedia>;

beforeEach(() => {
  reset();
  s = seedSample();
  backend.addTranscript(s.two.id, "Russian original", "ru", RU);
  backend.addTranscript(s.winter.id, "Notes", "en", [[61_000, 65_000, "", "Trotsky <b>was</b> mentioned & quoted"]]);
  backend.addRecording(s.two.id);
  media = mockMedia();
});
afterEach(() => {
  media.restore();
  vi.useRealTimers();
});

const input = () => screen.getByTestId("search-input") as HTMLInputElement;
const hits = () => screen.queryAllByTestId("search-hit");

async function setup(fakeTimers = false) {
  if (fakeTimers) vi.useFakeTimers();
  const user = userEvent.setup(fakeTimers ? { advanceTimers: vi.advanceTimersByTime.bind(vi) } : {});
  const r = await renderWindow();
  return { user, ...r };
}

describe("the search box", () => {
  it("searches once typing pauses, and lists the hits with kind, interview, time and the marked passage", async () => {
    const { user } = await setup(true);
    await user.type(input(), "Троцкий");
    expect(mocks.searchArchive).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(250);
    expect(mocks.searchArchive).toHaveBeenCalledOnce();
    expect(mocks.searchArchive.mock.calls[0][0]).toMatchObject({ text: "Троцкий" });
    await vi.waitFor(() => expect(hits()).toHaveLength(1));
    const hit = hits()[0];
    expect(hit.dataset.kind).toBe("segment");
    expect(hit.dataset.startMs).toBe("150000");
    expect(hit.textContent).toContain("Transcript");
    // Passages come under their interview, with how many of its passages match.
    const group = screen.getByTestId("search-group");
    expect(group.textContent).toContain("Two daughters");
    expect(within(group).getByTestId("search-group-count").textContent).toBe("1 passage");
    expect(screen.getByTestId("search-passages-count").textContent).toMatch(/1 passage\s+in 1\s+interview/);
    expect(hit.textContent).toContain("2:30");
    expect(hit.querySelector("mark")?.textContent).toBe("Троцкий");
  });

  it("shows the backend's escaped passage as text, with only its marks as markup", async () => {
    const { user } = await setup();
    await user.type(input(), "mentioned");
    await vi.waitFor(() => expect(hits()).toHaveLength(1));
    const snippet = hits()[0].querySelector(".snippet")!;
    expect(snippet.querySelector("b")).toBeNull();
    expect(snippet.textContent).toBe("Trotsky <b>was</b> mentioned & quoted");
    expect(snippet.querySelector("mark")?.textContent).toBe("mentioned");
  });

  it("opens the interview at the hit: Transcript tab, the segment highlighted, the player there and playing", async () => {
    const { user, store } = await setup();
    await user.type(input(), "Троцкий");
    await vi.waitFor(() => expect(hits()).toHaveLength(1));
    await user.click(hits()[0]);

    await vi.waitFor(() => expect(store.selectedIds).toEqual([s.two.id]));
    expect(screen.getByTestId("tab-transcript").getAttribute("aria-selected")).toBe("true");
    const segment = await vi.waitFor(() => {
      const found = screen.getAllByTestId("segment").find((el) => el.dataset.startMs === "150000");
      expect(found).toBeTruthy();
      return found!;
    });
    await vi.waitFor(() => expect(segment.dataset.playing).toBe("true"));
    expect(segment.dataset.target).toBe("true");
    expect(screen.getByTestId("player").dataset.positionMs).toBe("150000");
    expect((screen.getByTestId("player-media") as HTMLMediaElement).currentTime).toBe(150);
    await vi.waitFor(() => expect(media.play).toHaveBeenCalled());
    // The panel closes.
    expect(screen.queryByTestId("search-panel")).toBeNull();
  });

  it("highlights the passage without playing when the interview has no recording", async () => {
    const { user } = await setup();
    await user.type(input(), "quoted");
    await vi.waitFor(() => expect(hits()).toHaveLength(1));
    await user.click(hits()[0]);
    const segment = await screen.findByTestId("segment");
    await vi.waitFor(() => expect(segment.dataset.playing).toBe("true"));
    expect(screen.getByTestId("player").dataset.positionMs).toBe("61000");
    expect(screen.getByTestId("player-no-recording")).toBeTruthy();
    expect(media.play).not.toHaveBeenCalled();
  });

  it("moves through the hits with the arrows and opens one with Enter", async () => {
    backend.addIndexPoint(s.two.id, 150_000, "Radek and Trotsky", { synopsis: "The photograph" });
    const { user, store } = await setup();
    await user.type(input(), "Радек");
    await vi.waitFor(() => expect(hits()).toHaveLength(1));
    await user.clear(input());
    await user.type(input(), "Trotsky");
    await vi.waitFor(() => expect(hits().map((h) => h.dataset.kind)).toEqual(["segment", "index_point"]));
    expect(hits()[0].getAttribute("aria-selected")).toBe("true");
    await user.keyboard("{ArrowDown}");
    expect(hits()[1].getAttribute("aria-selected")).toBe("true");
    expect(input().getAttribute("aria-activedescendant")).toBe(hits()[1].id);
    await user.keyboard("{Enter}");
    await vi.waitFor(() => expect(store.selectedIds).toEqual([s.two.id]));
    await vi.waitFor(() => expect(screen.getByTestId("player").dataset.positionMs).toBe("150000"));
  });

  it("opens a person found", async () => {
    const { user, store } = await setup();
    await user.type(input(), "Serebryakova");
    await vi.waitFor(() => expect(hits().map((h) => h.dataset.kind)).toContain("person"));
    await user.click(hits().find((h) => h.dataset.kind === "person")!);
    await vi.waitFor(() => expect(store.place.kind).toBe("people"));
    expect(store.selectedPersonId).toBe(s.zorya.id);
    expect(await screen.findByTestId("person-editor")).toBeTruthy();
  });

  it("opens an interview found by its title on its overview", async () => {
    const { user, store } = await setup();
    await user.type(input(), "Books");
    await vi.waitFor(() => expect(hits()).toHaveLength(1));
    await user.click(hits()[0]);
    await vi.waitFor(() => expect(store.selectedIds).toEqual([s.books.id]));
    expect(screen.getByTestId("tab-overview").getAttribute("aria-selected")).toBe("true");
  });

  it("filters by collection, narrator, language and years", async () => {
    const { user } = await setup();
    await user.type(input(), "Trotsky");
    await vi.waitFor(() => expect(hits()).toHaveLength(1));
    await user.click(screen.getByTestId("search-filters-toggle"));
    await user.selectOptions(screen.getByTestId("filter-collection"), s.blockade.id);
    await vi.waitFor(() => expect(mocks.searchArchive.mock.lastCall![0]).toMatchObject({ collection_id: s.blockade.id }));
    await user.selectOptions(screen.getByTestId("filter-narrator"), s.zorya.id);
    await vi.waitFor(() => expect(mocks.searchArchive.mock.lastCall![0]).toMatchObject({ narrator_id: s.zorya.id }));
    await user.selectOptions(screen.getByTestId("filter-language"), "ru");
    await vi.waitFor(() => expect(mocks.searchArchive.mock.lastCall![0]).toMatchObject({ language: "ru" }));
    await vi.waitFor(() => expect(screen.getByTestId("search-empty").textContent).toContain("with these filters"));
    await user.type(screen.getByTestId("filter-year-from"), "1940");
    await user.tab();
    await vi.waitFor(() => expect(mocks.searchArchive.mock.lastCall![0]).toMatchObject({ year_from: 1940 }));
  });

  it("is reached with Ctrl+K from anywhere, and Escape closes it", async () => {
    const { user } = await setup();
    await user.click(screen.getAllByTestId("interview-row")[0]);
    await user.keyboard("{Control>}k{/Control}");
    expect(document.activeElement).toBe(input());
    await user.keyboard("Radek");
    await vi.waitFor(() => expect(screen.getByTestId("search-panel")).toBeTruthy());
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("search-panel")).toBeNull();
    expect(input().value).toBe("Radek");
    await user.keyboard("{Escape}");
    expect(input().value).toBe("");
  });

  it("says when nothing is found, and offers to look for every ending of the words", async () => {
    const { user } = await setup();
    await user.type(input(), "Bukharin");
    expect((await screen.findByTestId("search-empty")).textContent).toContain("Nothing found for “Bukharin”.");
    expect(within(screen.getByTestId("search-panel")).queryAllByTestId("search-hit")).toEqual([]);
    await user.click(screen.getByTestId("search-suggest"));
    expect(input().value).toBe("Bukharin*");
    await vi.waitFor(() => expect(mocks.searchArchive.mock.lastCall![0]).toMatchObject({ text: "Bukharin*" }));
    // A phrase is left as it is.
    await user.clear(input());
    await user.type(input(), '"no such words"');
    await vi.waitFor(() => expect(screen.getByTestId("search-empty").textContent).toContain("no such words"));
    expect(screen.queryByTestId("search-suggest")).toBeNull();
  });

  it("groups passages by interview, says when a person of the authority was matched, and plays each passage at its time", async () => {
    const { user, store } = await setup();
    const passage = (id: string, interview: { id: string; title: string }, at: number, text: string) => ({
      kind: "segment" as const,
      record_id: id,
      interview_id: interview.id,
      interview_title: interview.title,
      transcript_id: "t-" + interview.id,
      photo_id: null,
      start_ms: at,
      snippet: text,
      score: -1,
      matched_as: "Leon Trotsky",
    });
    mocks.searchArchive.mockImplementationOnce(async () => ({
      person: { id: "p1", name: "Leon Trotsky", matched_name: "Trotzki" },
      interviews: [
        { interview_id: s.two.id, interview_title: s.two.title, count: 7, score: -2, passages: [passage("a", s.two, 150_000, "с <mark>Троцким</mark>"), passage("b", s.two, 20_000, "<mark>Троцкого</mark>")] },
        { interview_id: s.winter.id, interview_title: s.winter.title, count: 1, score: -1, passages: [passage("c", s.winter, 61_000, "<mark>Trotzki</mark> wrote")] },
      ],
      interviews_matched: 2,
      passages_matched: 8,
      records: [],
      records_matched: 0,
      total: 2,
      offset: 0,
      limit: 50,
    }));
    await user.type(input(), "Trotzki");
    await vi.waitFor(() => expect(hits()).toHaveLength(3));
    expect(screen.getByTestId("search-person").textContent).toContain("Matched as Leon Trotsky");
    expect(screen.getByTestId("search-passages-count").textContent).toMatch(/8 passages\s+in 2\s+interviews/);
    const groups = screen.getAllByTestId("search-group");
    expect(groups.map((g) => within(g).getByTestId("search-group-count").textContent)).toEqual(["7 passages", "1 passage"]);
    expect(within(groups[0]).getAllByTestId("search-hit").map((h) => h.dataset.startMs)).toEqual(["150000", "20000"]);
    expect(within(groups[0]).getAllByTestId("search-matched-as")[0].textContent).toBe("matched as Leon Trotsky");
    // The second passage of the first interview plays at its own time.
    await user.click(within(groups[0]).getAllByTestId("search-hit")[1]);
    await vi.waitFor(() => expect(store.selectedIds).toEqual([s.two.id]));
    await vi.waitFor(() => expect(screen.getByTestId("tab-transcript").getAttribute("aria-selected")).toBe("true"));
  });

  it("says how many results there are in all and pages through them from the keyboard", async () => {
    // 60 index points and one passage: 61 results, more than a page of 50.
    for (let n = 0; n < 60; n++) backend.addIndexPoint(s.two.id, n * 10_000, `Letter ${n} from Minusinsk`);
    backend.addTranscript(s.books.id, "Notes", "en", [[5_000, 9_000, "", "Then my father was sent to Minusinsk."]]);
    const { user } = await setup();
    await user.type(input(), "Minusinsk");
    await vi.waitFor(() => expect(hits()).toHaveLength(50));
    expect(screen.getByTestId("search-total").textContent).toMatch(/^61 results · showing 1–50$/);
    expect(screen.getByTestId("search-range").textContent).toBe("1–50 of 61");
    const previous = screen.getByRole("button", { name: "Previous results" });
    const next = screen.getByRole("button", { name: "Next results" });
    expect(previous.getAttribute("aria-disabled")).toBe("true");
    expect(next.getAttribute("aria-disabled")).toBe("false");
    const first = hits().map((h) => h.id + h.textContent);

    // Tab leaves the box for the filters toggle, then Previous, then Next; Enter turns the page.
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(previous);
    await user.tab();
    expect(document.activeElement).toBe(next);
    await user.keyboard("{Enter}");
    await vi.waitFor(() => expect(hits()).toHaveLength(11));
    expect(mocks.searchArchive.mock.lastCall![0]).toMatchObject({ text: "Minusinsk", offset: 50, limit: 50 });
    expect(screen.getByTestId("search-total").textContent).toMatch(/^61 results · showing 51–61$/);
    const second = hits().map((h) => h.textContent);
    expect(second.every((t) => /Letter \d+ from Minusinsk/.test(t ?? ""))).toBe(true);
    expect(second.filter((t) => first.some((f) => f.endsWith(t ?? "")))).toEqual([]);
    // The last page has no next; the panel stays open with the focus on the button.
    expect(next.getAttribute("aria-disabled")).toBe("true");
    expect(document.activeElement).toBe(next);
    await user.keyboard("{Enter}");
    expect(mocks.searchArchive.mock.lastCall![0]).toMatchObject({ offset: 50 });

    await user.keyboard("{Shift>}{Tab}{/Shift} ");
    await vi.waitFor(() => expect(hits()).toHaveLength(50));
    expect(hits().map((h) => h.id + h.textContent)).toEqual(first);

    // New words start again from the first page.
    await user.click(screen.getByRole("button", { name: "Next results" }));
    await vi.waitFor(() => expect(hits()).toHaveLength(11));
    await user.type(input(), " Letter");
    await vi.waitFor(() => expect(mocks.searchArchive.mock.lastCall![0]).toMatchObject({ text: "Minusinsk Letter", offset: 0 }));
    await vi.waitFor(() => expect(screen.getByTestId("search-total").textContent).toMatch(/^60 results · showing 1–50$/));
  }, 30_000);

  it("says the total without pages when one page holds every result", async () => {
    const { user } = await setup();
    await user.type(input(), "Троцкий");
    await vi.waitFor(() => expect(hits()).toHaveLength(1));
    expect(screen.getByTestId("search-total").textContent).toBe("1 result");
    expect(screen.queryByTestId("search-pages")).toBeNull();
  });
});
