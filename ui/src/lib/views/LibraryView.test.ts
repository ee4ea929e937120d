import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../api", () => import("../../test/fake-api"));

import { screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import * as api from "../api";
import { access, reset } from "../../test/fake-api";
import { renderWindow } from "../../test/render";
import { rec, seedLibrary } from "../../test/seed-access";

let s: ReturnType<typeof seedLibrary>;

beforeEach(() => {
  reset();
  s = seedLibrary();
});

async function setup() {
  const user = userEvent.setup();
  const r = await renderWindow();
  return { user, ...r };
}

const rowTitles = () => screen.queryAllByTestId("library-row").map((r) => r.querySelector(".title")?.textContent);
const interviewRow = (title: string) => screen.getAllByTestId("interview-row").find((r) => r.textContent?.includes(title))!;

describe("lists", () => {
  it("makes a list from the selected interviews with the list's ⋯ menu, and opens it", async () => {
    const { user } = await setup();
    await user.click(interviewRow("Books and letters"));
    await user.keyboard("{Control>}");
    await user.click(interviewRow("Zhenya remembers"));
    await user.keyboard("{/Control}");
    await user.click(screen.getByTestId("interview-actions"));
    await user.click(screen.getByTestId("new-list-from-selection"));
    const dialog = await screen.findByTestId("new-list-dialog");
    expect(dialog.textContent).toContain("It will hold the 2 selected interviews.");
    await user.type(within(dialog).getByTestId("new-list-dialog-input"), "Exhibition{Enter}");
    await vi.waitFor(() => expect(api.createList).toHaveBeenCalledWith("Exhibition", ""));
    const list = access().lists[0];
    expect(list.items).toEqual([
      { kind: "interview", id: s.books.id },
      { kind: "interview", id: s.zhenya.id },
    ]);
    const nav = await screen.findByTestId("nav-list");
    expect(within(nav).getByTestId("count").textContent).toBe("2");
    await user.click(nav);
    await vi.waitFor(() => expect(rowTitles()).toEqual(["Books and letters", "Zhenya remembers"]));
  });

  it("adds the selection to an existing list, and takes a record off it", async () => {
    const list = access().addList("Exhibition", [{ kind: "interview", id: s.two.id }]);
    const { user } = await setup();
    await vi.waitFor(() => expect(screen.getAllByTestId("nav-list")).toHaveLength(1));
    await user.click(interviewRow("A winter in Leningrad"));
    await user.click(screen.getByTestId("interview-actions"));
    const add = screen.getByTestId("add-to-list");
    expect(add.textContent).toContain("Add to “Exhibition”");
    await user.click(add);
    await vi.waitFor(() => expect(api.addToList).toHaveBeenCalledWith(list.id, { kind: "interview", id: s.winter.id }, null));
    await user.click(screen.getByTestId("nav-list"));
    await vi.waitFor(() => expect(rowTitles()).toEqual(["Two daughters", "A winter in Leningrad"]));
    await user.click(screen.getAllByRole("button", { name: "Take off the list: Two daughters" })[0]);
    await vi.waitFor(() => expect(api.removeFromList).toHaveBeenCalledWith(list.id, s.two.id));
    await vi.waitFor(() => expect(rowTitles()).toEqual(["A winter in Leningrad"]));
  });

  it("makes an empty list from the sidebar's +", async () => {
    const { user } = await setup();
    await user.click(screen.getByTestId("new-list"));
    await user.type(within(await screen.findByTestId("new-list-dialog")).getByTestId("new-list-dialog-input"), "To transcribe{Enter}");
    expect((await screen.findByTestId("library-empty")).textContent).toContain("This list is empty");
    expect(screen.getByRole("heading", { name: "To transcribe" })).toBeTruthy();
  });
});

describe("saved searches", () => {
  it("runs a saved search when opened and shows its hits with their marked snippets", async () => {
    access().addSavedSearch("Rakovsky mentions", { text: "Rakovsky" }, [
      {
        kind: "segment",
        record_id: "seg-x",
        interview_id: s.two.id,
        interview_title: "Two daughters",
        transcript_id: s.transcript.id,
        start_ms: 83_000,
        snippet: "letters from <mark>Rakovsky</mark> &amp; others",
        score: -3,
      },
      { kind: "person", record_id: s.volkov.id, interview_id: null, interview_title: null, transcript_id: null, start_ms: null, snippet: "Vladimir Volkov", score: -1 },
    ]);
    const { user } = await setup();
    await user.click(await screen.findByTestId("nav-saved-search"));
    await vi.waitFor(() => expect(rowTitles()).toEqual(["Two daughters", "Vladimir Volkov"]));
    const first = screen.getAllByTestId("library-row")[0];
    expect(first.querySelector(".snippet")?.innerHTML).toBe("letters from <mark>Rakovsky</mark> &amp; others");
    expect(first.querySelector(".detail")?.textContent).toBe("Transcript · 1:23");
    // A passage opens in its interview's Transcript tab, among all interviews.
    await user.click(first);
    const editor = await screen.findByTestId("interview-editor");
    expect(editor.getAttribute("aria-label")).toBe("Interview: Two daughters");
    await vi.waitFor(() => expect(within(editor).getByTestId("transcript")).toBeTruthy());
  });

  it("saves a new search from the sidebar", async () => {
    const { user } = await setup();
    await user.click(screen.getByTestId("new-saved-search"));
    const dialog = await screen.findByTestId("saved-search-dialog");
    await user.type(within(dialog).getByTestId("saved-search-text"), "winter");
    await user.type(within(dialog).getByTestId("saved-search-name"), "Winters");
    await user.click(within(dialog).getByTestId("saved-search-save"));
    await vi.waitFor(() =>
      expect(api.saveSearch).toHaveBeenCalledWith("Winters", { text: "winter", collection_id: null, narrator_id: null, language: null, year_from: null, year_to: null }),
    );
    await vi.waitFor(() => expect(rowTitles()).toEqual(["A winter in Leningrad"]));
  });
});

describe("sources", () => {
  it("lists the sources and edits one's citation fields as you type", async () => {
    const { user } = await setup();
    await user.click(screen.getByTestId("nav-sources"));
    await vi.waitFor(() => expect(screen.getAllByTestId("source-row")).toHaveLength(2));
    await user.click(screen.getAllByTestId("source-row").find((r) => r.textContent?.includes("Rogovin"))!);
    const editor = await screen.findByTestId("source-editor");
    expect((within(editor).getByTestId("source-field-title") as HTMLInputElement).value).toBe("1937: Stalin's Year of Terror");
    await user.type(within(editor).getByTestId("source-field-place"), "Oak Park");
    await user.type(within(editor).getByTestId("source-field-pages"), "186");
    await user.tab();
    await vi.waitFor(() => expect(api.updateSource).toHaveBeenCalled());
    expect(vi.mocked(api.updateSource).mock.calls.at(-1)).toEqual([
      s.rogovin.id,
      expect.objectContaining({ title: "1937: Stalin's Year of Terror", authors: ["Vadim Z. Rogovin"], place: "Oak Park", pages: "186", publisher: "Mehring Books", date: "1998" }),
    ]);
  });

  it("tags a source", async () => {
    const memoirs = access().addTag("Memoirs");
    const { user } = await setup();
    await user.click(screen.getByTestId("nav-sources"));
    await user.click((await screen.findAllByTestId("source-row")).find((r) => r.textContent?.includes("Rogovin"))!);
    const editor = await screen.findByTestId("source-editor");
    await user.type(within(editor).getByTestId("tag-input"), "Memo{Enter}");
    await vi.waitFor(() => expect(api.tagTarget).toHaveBeenCalledWith(memoirs.id, { type: "record", kind: "source", id: s.rogovin.id }));
  });

  it("adds a new source, and refuses to delete one that is cited", async () => {
    access().citations.push({ id: "cit-1", source_id: s.north.id, target: rec("interview", s.two.id), locator: "", quoted_in_id: null, quoted_in_locator: "", note: "", created_at: "" });
    const { user } = await setup();
    await user.click(screen.getByTestId("nav-sources"));
    await user.click(await screen.findByTestId("new-source"));
    await vi.waitFor(() => expect(screen.getAllByTestId("source-row")).toHaveLength(3));
    expect(((await screen.findByTestId("source-field-title")) as HTMLInputElement).value).toBe("New source");
    await user.click(screen.getAllByTestId("source-row").find((r) => r.textContent?.includes("North"))!);
    await user.click(await screen.findByTestId("delete-source"));
    await user.click(within(await screen.findByTestId("confirm-dialog")).getByTestId("confirm-ok"));
    expect((await screen.findByTestId("delete-error")).textContent).toContain("cited 1 time");
  });
});

describe("an interview's sources and links", () => {
  it("cites a source on the Sources tab with a page and the work it is quoted in, and removes it", async () => {
    const { user } = await setup();
    await user.click(interviewRow("Two daughters"));
    await user.click(await screen.findByTestId("tab-sources"));
    await user.click(await screen.findByTestId("cite-open"));
    await user.selectOptions(screen.getByTestId("cite-source"), s.north.id);
    await user.type(screen.getByTestId("cite-locator"), "p. 21");
    await user.selectOptions(screen.getByTestId("cite-quoted-in"), s.rogovin.id);
    await user.type(screen.getByTestId("cite-quoted-locator"), "p. 186");
    await user.click(screen.getByTestId("cite-submit"));
    await vi.waitFor(() =>
      expect(api.cite).toHaveBeenCalledWith({ source_id: s.north.id, target: rec("interview", s.two.id), locator: "p. 21", quoted_in_id: s.rogovin.id, quoted_in_locator: "p. 186", note: "" }),
    );
    const note = await screen.findByTestId("citation");
    expect(note.textContent).toContain("David North, “The Heritage We Defend”, 1988, p. 21, quoted in Vadim Z. Rogovin, “1937: Stalin's Year of Terror”, 1998, p. 186");
    await user.click(within(note).getByTestId("citation-remove"));
    await vi.waitFor(() => expect(screen.queryByTestId("citation")).toBeNull());
    expect(api.uncite).toHaveBeenCalled();
  });

  it("cites a new source made by its title", async () => {
    const { user } = await setup();
    await user.click(interviewRow("Books and letters"));
    await user.click(await screen.findByTestId("tab-sources"));
    await user.click(await screen.findByTestId("cite-open"));
    await user.selectOptions(screen.getByTestId("cite-source"), "__new__");
    await user.type(screen.getByTestId("cite-new-title"), "Letter to the Politburo");
    await user.click(screen.getByTestId("cite-submit"));
    await vi.waitFor(() => expect(api.createSource).toHaveBeenCalledWith({ title: "Letter to the Politburo" }));
    expect((await screen.findByTestId("citation")).textContent).toContain("“Letter to the Politburo”");
  });

  it("shows what links here, adds a link to a person found by name, opens and removes links", async () => {
    access().links.push({ id: "l-0", link_type: "parent_of", from: rec("person", s.isaeva.id), to: rec("interview", s.books.id), note: "", created_at: "" });
    const { user } = await setup();
    await user.click(interviewRow("Books and letters"));
    const panel = await screen.findByTestId("links-panel");
    await vi.waitFor(() => expect(within(panel).getAllByTestId("link-row").map((r) => r.textContent?.replace(/\s+/g, " ").trim())).toEqual(["Child of Tatiana Isaeva"]));
    await user.click(within(panel).getByTestId("link-add"));
    await user.type(within(panel).getByTestId("link-target-input"), "zorya");
    // People by name, interviews by title or narrator.
    const options = await within(panel).findAllByTestId("link-target-option");
    expect(options.map((o) => o.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "Zorya Serebryakova Person",
      "A winter in Leningrad Interview · 1942",
      "Zhenya remembers Interview · 192X",
    ]);
    await user.click(options[0]);
    await user.click(within(panel).getByTestId("link-submit"));
    await vi.waitFor(() =>
      expect(api.createLink).toHaveBeenCalledWith({ link_type: "mentions", from: rec("interview", s.books.id), to: rec("person", s.zorya.id), note: "" }),
    );
    await vi.waitFor(() => expect(within(panel).getAllByTestId("link-row")).toHaveLength(2));
    await user.click(within(panel).getByRole("button", { name: "Remove the link to Tatiana Isaeva" }));
    await vi.waitFor(() => expect(api.deleteLink).toHaveBeenCalledWith("l-0"));
    await user.click(within(panel).getByRole("button", { name: "Zorya Serebryakova" }));
    expect(((await screen.findByTestId("field-name")) as HTMLInputElement).value).toBe("Zorya Serebryakova");
    // The person's own panel reads the link from the other end.
    const theirs = within(screen.getByTestId("person-editor")).getByTestId("links-panel");
    await vi.waitFor(() => expect(within(theirs).getAllByTestId("link-row")[0].textContent).toContain("Mentioned in"));
  });
});
