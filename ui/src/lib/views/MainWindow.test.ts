import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../api", () => import("../../test/fake-api"));

import { screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { ApiError } from "../api";
import { backend, mocks, reset } from "../../test/fake-api";
import { renderWindow, seedSample } from "../../test/render";

let s: ReturnType<typeof seedSample>;

beforeEach(() => {
  reset();
  s = seedSample();
});

async function setup() {
  const user = userEvent.setup();
  const r = await renderWindow();
  return { user, ...r };
}

const rowTitles = () => screen.queryAllByTestId("interview-row").map((r) => r.querySelector("td")?.textContent?.trim());
const selectedTitles = () =>
  screen
    .queryAllByTestId("interview-row")
    .filter((r) => r.getAttribute("aria-selected") === "true")
    .map((r) => r.querySelector("td")?.textContent?.trim());
const navCollection = (title: string) => screen.getAllByTestId("nav-collection").find((b) => b.textContent?.includes(title))!;
const count = (el: HTMLElement) => within(el).getByTestId("count").textContent;

describe("zoom", () => {
  afterEach(() => localStorage.clear());

  it("Ctrl+= and Ctrl+- zoom the interface a step at a time, Ctrl+0 puts it back, and the level is kept", async () => {
    const { user } = await setup();
    await user.keyboard("{Control>}={/Control}");
    expect(mocks.setZoom).toHaveBeenLastCalledWith(1.1);
    await user.keyboard("{Control>}+{/Control}");
    expect(mocks.setZoom).toHaveBeenLastCalledWith(1.25);
    await user.keyboard("{Control>}-{/Control}");
    expect(mocks.setZoom).toHaveBeenLastCalledWith(1.1);
    expect(localStorage.getItem("recollect.zoom")).toBe("1.1");
    await user.keyboard("{Control>}0{/Control}");
    expect(mocks.setZoom).toHaveBeenLastCalledWith(1);
    expect(localStorage.getItem("recollect.zoom")).toBeNull();
    // At 100% already, Ctrl+0 asks nothing of the webview.
    const calls = mocks.setZoom.mock.calls.length;
    await user.keyboard("{Control>}0{/Control}");
    expect(mocks.setZoom).toHaveBeenCalledTimes(calls);
  });

  it("opens at the level kept from the last time", async () => {
    localStorage.setItem("recollect.zoom", "1.5");
    await setup();
    expect(mocks.setZoom).toHaveBeenCalledWith(1.5);
  });

  it("leaves the keys to a view that zooms its own content", async () => {
    const { user } = await setup();
    const own = (e: KeyboardEvent) => e.preventDefault();
    window.addEventListener("keydown", own, { capture: true });
    try {
      await user.keyboard("{Control>}={/Control}");
    } finally {
      window.removeEventListener("keydown", own, { capture: true });
    }
    expect(mocks.setZoom).not.toHaveBeenCalled();
  });

  it("leaves other keys alone, and = without Ctrl types", async () => {
    const { user } = await setup();
    await user.keyboard("=-0");
    await user.keyboard("{Control>}{Alt>}={/Alt}{/Control}");
    expect(mocks.setZoom).not.toHaveBeenCalled();
  });
});

describe("the top bar", () => {
  it("names the archive and opens others through the native dialogs", async () => {
    const { user } = await setup();
    expect(screen.getByTestId("archive-name").textContent).toBe("Family stories");
    backend.dialogAnswer = "/home/ann/Blockade.db";
    await user.click(screen.getByTestId("open-archive"));
    await vi.waitFor(() => expect(screen.getByTestId("archive-name").textContent).toBe("Blockade"));
    expect(mocks.chooseArchiveToOpen).toHaveBeenCalledOnce();
    backend.dialogAnswer = "/home/ann/New.db";
    await user.click(screen.getByTestId("create-archive"));
    await vi.waitFor(() => expect(screen.getByTestId("archive-name").textContent).toBe("New"));
    expect(mocks.chooseArchiveToCreate).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(screen.getByTestId("empty-interviews").textContent).toContain("No interviews yet. Press Ctrl+N to add one."));
  });

  it("lists recent archives in a menu, missing ones disabled", async () => {
    backend.recent.push({ path: "/media/usb/Old.db", name: "Old", exists: false });
    const { user } = await setup();
    await user.click(screen.getByRole("button", { name: "Recent archives" }));
    const items = screen.getAllByRole("menuitem");
    expect(items.map((i) => i.textContent)).toEqual([
      "Family stories (open) /home/ann/Family stories.db",
      "Old Missing: /media/usb/Old.db",
    ]);
    expect(items[1].getAttribute("aria-disabled")).toBe("true");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).toBeNull();
  });
});

describe("the sidebar", () => {
  it("shows counts beside each place and filters the list by collection", async () => {
    const { user } = await setup();
    expect(count(screen.getByTestId("nav-all-interviews"))).toBe("4");
    // Named by what it shows, the count after a comma (no aria-label to disagree with it).
    expect(screen.getByRole("button", { name: /^All interviews,\s*4$/ })).toBe(screen.getByTestId("nav-all-interviews"));
    expect(count(screen.getByTestId("nav-people"))).toBe("5");
    expect(count(navCollection("Smilga family"))).toBe("2");
    await user.click(navCollection("Smilga family"));
    await vi.waitFor(() => expect(rowTitles()).toEqual(["Two daughters", "Zhenya remembers"]));
    expect(navCollection("Smilga family").getAttribute("aria-current")).toBe("page");
    await user.click(screen.getByTestId("nav-all-interviews"));
    await vi.waitFor(() => expect(rowTitles()).toHaveLength(4));
  });

  it("renames a collection with F2", async () => {
    const { user } = await setup();
    navCollection("Smilga family").focus();
    await user.keyboard("{F2}");
    const input = screen.getByTestId("collection-rename-input") as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe("Smilga family");
    await user.clear(input);
    await user.type(input, "The Smilgas{Enter}");
    expect(mocks.updateCollection).toHaveBeenCalledWith(s.family.id, { title: "The Smilgas", description: "" });
    await vi.waitFor(() => expect(navCollection("The Smilgas")).toBeTruthy());
  });

  it("renames on double-click, and Escape leaves the name as it was", async () => {
    const { user } = await setup();
    await user.dblClick(navCollection("Leningrad blockade"));
    const input = screen.getByTestId("collection-rename-input");
    await user.type(input, " 1941–44{Escape}");
    expect(screen.queryByTestId("collection-rename-input")).toBeNull();
    expect(mocks.updateCollection).not.toHaveBeenCalled();
    expect(navCollection("Leningrad blockade")).toBeTruthy();
  });

  it("makes a new collection, shows it and asks for its name", async () => {
    const { user } = await setup();
    await user.click(screen.getByTestId("new-collection"));
    const input = (await screen.findByTestId("collection-rename-input")) as HTMLInputElement;
    expect(mocks.createCollection).toHaveBeenCalledWith({ title: "New collection", description: "" });
    expect(document.activeElement).toBe(input);
    await user.type(input, "Evacuation{Enter}");
    await vi.waitFor(() => expect(navCollection("Evacuation").getAttribute("aria-current")).toBe("page"));
    expect(screen.getByTestId("empty-interviews").textContent).toContain("This collection is empty");
  });

  it("deletes a collection from its menu after confirming; its interviews stay", async () => {
    const { user } = await setup();
    await user.click(screen.getByRole("button", { name: "Actions for Smilga family" }));
    await user.click(screen.getByRole("menuitem", { name: /Delete/ }));
    const dialog = screen.getByTestId("confirm-dialog");
    expect(dialog.textContent).toContain("Its 2 interviews stay in the archive");
    await user.click(within(dialog).getByTestId("confirm-ok"));
    await vi.waitFor(() => expect(screen.queryAllByTestId("nav-collection")).toHaveLength(1));
    expect(mocks.deleteCollection).toHaveBeenCalledWith(s.family.id);
    expect(rowTitles()).toHaveLength(4);
  });

  it("does not delete when the curator cancels", async () => {
    const { user } = await setup();
    navCollection("Smilga family").focus();
    await user.keyboard("{Delete}");
    await user.click(within(screen.getByTestId("confirm-dialog")).getByTestId("confirm-cancel"));
    expect(mocks.deleteCollection).not.toHaveBeenCalled();
    expect(screen.getAllByTestId("nav-collection")).toHaveLength(2);
  });
});

describe("new interview", () => {
  it("Ctrl+N makes an untitled interview, selects it and selects its title for typing", async () => {
    const { user } = await setup();
    await user.keyboard("{Control>}n{/Control}");
    await vi.waitFor(() => expect(selectedTitles()).toEqual(["Untitled interview"]));
    expect(mocks.createInterview).toHaveBeenCalledWith({ title: "Untitled interview", collection_id: null });
    const title = screen.getByTestId("field-title") as HTMLInputElement;
    await vi.waitFor(() => expect(document.activeElement).toBe(title));
    expect([title.selectionStart, title.selectionEnd]).toEqual([0, "Untitled interview".length]);
    expect(count(screen.getByTestId("nav-all-interviews"))).toBe("5");
  });

  it("puts it in the collection being shown", async () => {
    const { user } = await setup();
    await user.click(navCollection("Leningrad blockade"));
    await vi.waitFor(() => expect(rowTitles()).toEqual(["A winter in Leningrad"]));
    await user.keyboard("{Meta>}n{/Meta}");
    await vi.waitFor(() => expect(rowTitles()).toContain("Untitled interview"));
    expect(mocks.createInterview).toHaveBeenCalledWith({ title: "Untitled interview", collection_id: s.blockade.id });
    expect(count(navCollection("Leningrad blockade"))).toBe("2");
  });

  it("works while typing in another field", async () => {
    const { user } = await setup();
    await user.click(screen.getAllByTestId("interview-row")[0]);
    await user.click(screen.getByTestId("field-summary"));
    await user.keyboard("{Control>}n{/Control}");
    await vi.waitFor(() => expect(mocks.createInterview).toHaveBeenCalledOnce());
    await vi.waitFor(() => expect((screen.getByTestId("field-title") as HTMLInputElement).value).toBe("Untitled interview"));
  });

  it("the New interview button does the same", async () => {
    const { user } = await setup();
    await user.click(screen.getByTestId("new-interview"));
    await vi.waitFor(() => expect(selectedTitles()).toEqual(["Untitled interview"]));
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("field-title")));
  });

  it("says what to do when there are no interviews", async () => {
    backend.interviews = [];
    await setup();
    expect(screen.getByTestId("empty-interviews").textContent).toContain("No interviews yet. Press Ctrl+N to add one.");
  });
});

describe("people", () => {
  async function people() {
    const r = await setup();
    await r.user.click(screen.getByTestId("nav-people"));
    await screen.findAllByTestId("person-row");
    return r;
  }
  const personRow = (name: string) => screen.getAllByTestId("person-row").find((r) => r.textContent?.includes(name))!;

  it("lists people by sort name with life dates, interview counts and mention counts", async () => {
    await people();
    const rows = screen.getAllByTestId("person-row").map((r) => Array.from(r.querySelectorAll("td")).map((td) => td.textContent?.trim()));
    expect(rows).toEqual([
      ["Čapek, Karel", "1890–1938", "0", "0"],
      ["Isaeva, Tatiana", "", "1", "0"],
      ["Serebryakova, Zorya", "", "2", "0"],
      ["Smilga, Tatiana", "", "2", "0"],
      ["Volkov, Vladimir", "", "1", "0"],
    ]);
  });

  it("makes a new person with New person and selects the name for typing", async () => {
    const { user } = await people();
    await user.click(screen.getByTestId("new-person"));
    const name = (await screen.findByTestId("field-name")) as HTMLInputElement;
    await vi.waitFor(() => expect(document.activeElement).toBe(name));
    expect([name.selectionStart, name.selectionEnd, name.value]).toEqual([0, 10, "New person"]);
    expect(mocks.createPerson).toHaveBeenCalledWith({ display_name: "New person" });
  });

  it("Ctrl+N in People makes a person", async () => {
    const { user } = await people();
    await user.keyboard("{Control>}n{/Control}");
    await vi.waitFor(() => expect(mocks.createPerson).toHaveBeenCalledOnce());
    expect(mocks.createInterview).not.toHaveBeenCalled();
  });

  it("saves a person as you type, deriving the sort name from the name", async () => {
    const { user } = await people();
    await user.click(personRow("Volkov"));
    const name = screen.getByTestId("field-name") as HTMLInputElement;
    await user.clear(name);
    await user.type(name, "Vladimir Volkoff");
    expect((screen.getByTestId("field-sort-name") as HTMLInputElement).value).toBe("Volkoff, Vladimir");
    await user.type(screen.getByTestId("field-birth"), "1921");
    await user.tab();
    await vi.waitFor(() => expect(screen.getByTestId("save-state").textContent).toContain("Saved"));
    expect(mocks.updatePerson.mock.calls.at(-1)).toEqual([
      s.volkov.id,
      { display_name: "Vladimir Volkoff", sort_name: "", birth_date: "1921", death_date: null, note: "" },
    ]);
  });

  it("takes the default sort name from the backend, following the name until one is typed", async () => {
    const { user } = await people();
    await user.click(personRow("Volkov"));
    const name = screen.getByTestId("field-name") as HTMLInputElement;
    const sortField = screen.getByTestId("field-sort-name") as HTMLInputElement;
    await user.type(name, "-Sokolov");
    await vi.waitFor(() => expect(sortField.value).toBe("Volkov-Sokolov, Vladimir"));
    expect(mocks.defaultSortName).toHaveBeenLastCalledWith("Vladimir Volkov-Sokolov");

    // A sort name typed stays when the name changes; cleared, the backend's default shows.
    await user.clear(sortField);
    await user.type(sortField, "Wolkow, W.");
    await user.type(name, "a");
    await vi.waitFor(() => expect(mocks.defaultSortName).toHaveBeenLastCalledWith("Vladimir Volkov-Sokolova"));
    await vi.waitFor(() => expect(sortField.placeholder).toBe("Volkov-Sokolova, Vladimir"));
    expect(sortField.value).toBe("Wolkow, W.");
    await user.clear(sortField);
    await user.type(name, "{Backspace}");
    await vi.waitFor(() => expect(sortField.value).toBe("Volkov-Sokolov, Vladimir"));
    await user.tab();
    await vi.waitFor(() => expect(screen.getByTestId("save-state").textContent).toContain("Saved"));
    expect(mocks.updatePerson.mock.calls.at(-1)?.[1]).toMatchObject({ display_name: "Vladimir Volkov-Sokolov", sort_name: "" });
  });

  it("keeps a stored sort name that is not the default when the name changes", async () => {
    backend.addPerson("Anna Larina", { sort_name: "Bukharina, Anna" });
    const { user } = await people();
    await user.click(personRow("Bukharina, Anna"));
    await user.type(screen.getByTestId("field-name"), " Bukharina");
    await user.tab();
    await vi.waitFor(() => expect(screen.getByTestId("save-state").textContent).toContain("Saved"));
    expect((screen.getByTestId("field-sort-name") as HTMLInputElement).value).toBe("Bukharina, Anna");
    expect(mocks.updatePerson.mock.calls.at(-1)?.[1]).toMatchObject({ display_name: "Anna Larina Bukharina", sort_name: "Bukharina, Anna" });
  });

  it("shows a bad birth date's message under the field", async () => {
    const { user } = await people();
    await user.click(personRow("Čapek"));
    await user.clear(screen.getByTestId("field-birth"));
    await user.type(screen.getByTestId("field-birth"), "around 1890");
    await user.tab();
    const error = await screen.findByTestId("field-error");
    expect(error.textContent).toContain('"around 1890" is not a date Recollect can read (write it in digits, not words)');
    expect(screen.getByTestId("save-state").textContent?.trim()).toBe("Not saved: see the birth date below");
  });

  it("shows the backend's reason when a delete is refused", async () => {
    const { user } = await people();
    await user.click(personRow("Smilga"));
    await user.click(screen.getByTestId("delete-person"));
    await user.click(screen.getByTestId("confirm-ok"));
    const refusal = await screen.findByTestId("delete-error");
    expect(refusal.textContent).toBe(
      'Tatiana Smilga cannot be deleted: they are the narrator of "Two daughters" and 1 more. Remove them from those interviews first.',
    );
    expect(personRow("Smilga")).toBeTruthy();
  });

  it("moves someone in no interview to the Trash after confirming, and Undo brings them back", async () => {
    const { user } = await people();
    await user.click(personRow("Čapek"));
    await user.click(screen.getByTestId("delete-person"));
    expect(screen.getByTestId("confirm-dialog").textContent).toContain("Move “Karel Čapek” to the Trash?");
    await user.click(screen.getByTestId("confirm-ok"));
    await vi.waitFor(() => expect(screen.getAllByTestId("person-row")).toHaveLength(4));
    expect(count(screen.getByTestId("nav-people"))).toBe("4");
    const notice = await screen.findByTestId("notice");
    expect(notice.textContent).toContain("Moved “Karel Čapek” to the Trash.");
    await user.click(within(notice).getByTestId("notice-action"));
    await vi.waitFor(() => expect(screen.getAllByTestId("person-row")).toHaveLength(5));
  });

  it("Ctrl+Z outside a field puts back the person's note saved before", async () => {
    const { user } = await people();
    await user.click(personRow("Čapek"));
    const note = screen.getByTestId("field-note") as HTMLTextAreaElement;
    await user.type(note, "Czech writer");
    await user.tab();
    await vi.waitFor(() => expect(backend.people.find((p) => p.id === s.capek.id)?.note).toBe("Czech writer"));
    (document.activeElement as HTMLElement).blur();
    await user.keyboard("{Control>}z{/Control}");
    await vi.waitFor(() => expect(backend.people.find((p) => p.id === s.capek.id)?.note).toBe(""));
    await vi.waitFor(() => expect(note.value).toBe(""));
  });
});

describe("no archive", () => {
  it("offers Open, New and the recent archives", async () => {
    backend.info = null;
    backend.recent = [{ path: "/home/ann/Family stories.db", name: "Family stories", exists: true }];
    const { user } = await setup();
    expect(screen.getByTestId("no-archive").textContent).toContain("No archive is open");
    await user.click(screen.getByTestId("recent-archive"));
    await vi.waitFor(() => expect(screen.getByTestId("archive-name").textContent).toBe("Family stories"));
    expect(mocks.openArchive).toHaveBeenCalledWith("/home/ann/Family stories.db");
    await vi.waitFor(() => expect(rowTitles()).toHaveLength(4));
  });

  it("shows why an archive could not be opened", async () => {
    backend.info = null;
    backend.recent = [{ path: "/gone.db", name: "gone", exists: true }];
    // Listed as there, but moved away since.
    backend.failNext("openArchive", new ApiError("not_found", "/gone.db does not exist; it may have been moved or deleted"));
    const { user } = await setup();
    await user.click(screen.getByTestId("recent-archive"));
    expect((await screen.findByTestId("notice")).textContent).toContain("/gone.db does not exist");
  });
});

describe("a person's interviews", () => {
  it("lists where they appear, and opens the interview", async () => {
    const user = userEvent.setup();
    await renderWindow();
    await user.click(screen.getByTestId("nav-people"));
    const row = (await screen.findAllByTestId("person-row")).find((r) => r.textContent?.includes("Serebryakova"))!;
    await user.click(row);
    const list = await screen.findByTestId("person-interviews");
    expect(Array.from(list.querySelectorAll("li")).map((li) => li.textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "A winter in Leningrad narrator · 1942",
      "Zhenya remembers narrator · 192X",
    ]);
    await user.click(within(list).getByRole("button", { name: "Zhenya remembers" }));
    await vi.waitFor(() => expect(selectedTitles()).toEqual(["Zhenya remembers"]));
    expect((screen.getByTestId("field-title") as HTMLInputElement).value).toBe("Zhenya remembers");
  });
});
