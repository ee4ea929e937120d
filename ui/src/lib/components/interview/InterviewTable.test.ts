import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { reset } from "../../../test/fake-api";
import { renderWindow, seedSample } from "../../../test/render";

beforeEach(() => {
  reset();
  seedSample();
});

const rows = () => screen.getAllByTestId("interview-row");
const titles = () => rows().map((r) => r.querySelector("td")?.textContent?.trim());
const selected = () => rows().filter((r) => r.getAttribute("aria-selected") === "true").map((r) => r.querySelector("td")?.textContent?.trim());
const header = (name: string) => screen.getByRole("columnheader", { name: new RegExp(name) });

async function setup() {
  const user = userEvent.setup();
  const r = await renderWindow();
  return { user, ...r };
}

describe("sorting", () => {
  it("starts sorted by title, and says so", async () => {
    await setup();
    expect(titles()).toEqual(["A winter in Leningrad", "Books and letters", "Two daughters", "Zhenya remembers"]);
    expect(header("Title").getAttribute("aria-sort")).toBe("ascending");
    expect(header("Date").getAttribute("aria-sort")).toBe("none");
    // Cells stay apart in the row's text, for anything that reads it whole (WebDriver specs).
    expect(rows()[2].textContent?.replace(/\s+/g, " ").trim()).toBe("Two daughters Tatiana Smilga 1927-02~ Curated");
  });

  it("sorts by EDTF date when the Date header is clicked, blanks last, and reverses on a second click", async () => {
    const { user } = await setup();
    await user.click(screen.getByRole("button", { name: /Date/ }));
    expect(header("Date").getAttribute("aria-sort")).toBe("ascending");
    expect(header("Title").getAttribute("aria-sort")).toBe("none");
    // 192X (the 1920s) < 1927-02~ < 1942, no date last
    expect(titles()).toEqual(["Zhenya remembers", "Two daughters", "A winter in Leningrad", "Books and letters"]);
    await user.click(screen.getByRole("button", { name: /Date/ }));
    expect(header("Date").getAttribute("aria-sort")).toBe("descending");
    expect(titles()).toEqual(["A winter in Leningrad", "Two daughters", "Zhenya remembers", "Books and letters"]);
  });

  it("sorts by status in the order of the work, and by narrators", async () => {
    const { user } = await setup();
    await user.click(screen.getByRole("button", { name: /Status/ }));
    expect(titles().slice(0, 2).sort()).toEqual(["A winter in Leningrad", "Zhenya remembers"]);
    expect(titles().slice(2)).toEqual(["Two daughters", "Books and letters"]);
    await user.click(screen.getByRole("button", { name: /Narrators/ }));
    expect(titles()).toEqual(["Books and letters", "Two daughters", "A winter in Leningrad", "Zhenya remembers"]);
  });
});

describe("keyboard", () => {
  it("moves the selection with the arrow keys, Home and End", async () => {
    const { user } = await setup();
    await user.click(rows()[0]);
    expect(selected()).toEqual(["A winter in Leningrad"]);
    await user.keyboard("{ArrowDown}");
    expect(selected()).toEqual(["Books and letters"]);
    expect(document.activeElement).toBe(rows()[1]);
    await user.keyboard("{End}");
    expect(selected()).toEqual(["Zhenya remembers"]);
    await user.keyboard("{ArrowDown}");
    expect(selected()).toEqual(["Zhenya remembers"]);
    await user.keyboard("{Home}");
    expect(selected()).toEqual(["A winter in Leningrad"]);
    await user.keyboard("{ArrowUp}");
    expect(selected()).toEqual(["A winter in Leningrad"]);
  });

  it("follows the order shown after sorting", async () => {
    const { user } = await setup();
    await user.click(screen.getByRole("button", { name: /Date/ }));
    await user.click(rows()[0]);
    await user.keyboard("{ArrowDown}");
    expect(selected()).toEqual(["Two daughters"]);
  });

  it("keeps one tab stop on the list, on the selected row", async () => {
    const { user } = await setup();
    expect(rows().map((r) => r.tabIndex)).toEqual([0, -1, -1, -1]);
    await user.click(rows()[2]);
    expect(rows().map((r) => r.tabIndex)).toEqual([-1, -1, 0, -1]);
  });

  it("shows the selected interview in the editor, and Enter moves focus to its title", async () => {
    const { user } = await setup();
    await user.click(rows()[2]);
    await user.keyboard("{Enter}");
    const title = screen.getByTestId("field-title") as HTMLInputElement;
    expect(title.value).toBe("Two daughters");
    expect(document.activeElement).toBe(title);
    await user.keyboard("{Escape}");
    await vi.waitFor(() => expect(document.activeElement).toBe(rows()[2]));
  });

  it("jumps to the first title starting with the letters typed", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const { user } = await setup();
      const pause = () => vi.setSystemTime(Date.now() + 1000);
      await user.click(rows()[0]);
      await user.keyboard("z");
      expect(selected()).toEqual(["Zhenya remembers"]);
      pause();
      await user.keyboard("b");
      expect(selected()).toEqual(["Books and letters"]);
      pause();
      await user.keyboard("tw");
      expect(selected()).toEqual(["Two daughters"]);
      pause();
      await user.keyboard("A");
      expect(selected()).toEqual(["A winter in Leningrad"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("type-ahead also finds an interview by a narrator's name, any word of it, folding accents", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const { capek } = seedSample(reset());
      const { backend } = await import("../../../test/fake-api");
      backend.addInterview("Letters from Prague", { narrator_ids: [capek.id] });
      const { user } = await setup();
      const pause = () => vi.setSystemTime(Date.now() + 1000);
      await user.click(rows()[3]);
      // No title starts with "ser": the narrator of "A winter in Leningrad" is Zorya Serebryakova.
      await user.keyboard("ser");
      expect(selected()).toEqual(["A winter in Leningrad"]);
      pause();
      await user.keyboard("cap");
      expect(selected()).toEqual(["Letters from Prague"]);
      pause();
      // A title that starts with what was typed comes before a narrator's name.
      await user.keyboard("z");
      expect(selected()).toEqual(["Zhenya remembers"]);
      pause();
      // Tatiana Smilga narrates "Two daughters" and "Zhenya remembers".
      await user.keyboard("smi");
      expect(selected()).toEqual(["Two daughters"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("waits for a pause before starting a new type-ahead word", async () => {
    const { user } = await setup();
    await user.click(rows()[0]);
    await user.keyboard("bo");
    expect(selected()).toEqual(["Books and letters"]);
    await user.keyboard("x");
    expect(selected()).toEqual(["Books and letters"]);
  });

  it("extends the selection with Shift, and toggles rows with Ctrl-click", async () => {
    const { user } = await setup();
    await user.click(rows()[0]);
    await user.keyboard("{Shift>}{ArrowDown}{ArrowDown}{/Shift}");
    expect(selected()).toEqual(["A winter in Leningrad", "Books and letters", "Two daughters"]);
    expect(screen.getByTestId("multi-selection").textContent).toContain("3 interviews selected");
    await user.keyboard("{Control>}");
    await user.click(rows()[1]);
    await user.keyboard("{/Control}");
    expect(selected()).toEqual(["A winter in Leningrad", "Two daughters"]);
  });

  it("selects a range with Shift-click", async () => {
    const { user } = await setup();
    await user.click(rows()[1]);
    await user.keyboard("{Shift>}");
    await user.click(rows()[3]);
    await user.keyboard("{/Shift}");
    expect(selected()).toEqual(["Books and letters", "Two daughters", "Zhenya remembers"]);
  });

  it("deletes the selected interview with Delete after confirming, and selects the next", async () => {
    const { user } = await setup();
    await user.click(rows()[1]);
    await user.keyboard("{Delete}");
    expect(screen.getByTestId("confirm-dialog").textContent).toContain("Books and letters");
    await user.keyboard("{Enter}");
    await vi.waitFor(() => expect(titles()).toEqual(["A winter in Leningrad", "Two daughters", "Zhenya remembers"]));
    expect(selected()).toEqual(["Two daughters"]);
  });
});

describe("beside a wide transcript", () => {
  it("lists the title with the narrators under it, so alike titles can be told apart", async () => {
    const { user } = await setup();
    await user.click(rows()[2]);
    await user.click(screen.getByRole("tab", { name: /Transcript/ }));
    await vi.waitFor(() => expect(screen.queryByRole("columnheader", { name: /Narrators/ })).toBeNull());
    const under = rows().map((r) => r.querySelector('[data-testid="row-narrators"]')?.textContent);
    expect(under).toEqual(["Zorya Serebryakova", "Tatiana Isaeva", "Tatiana Smilga", "Zorya Serebryakova, Tatiana Smilga"]);
    expect(rows()[3].querySelector('[data-testid="row-narrators"]')?.getAttribute("title")).toBe("Zorya Serebryakova, Tatiana Smilga");
    expect(rows()[2].textContent?.replace(/\s+/g, " ").trim()).toBe("Two daughters Tatiana Smilga 1927-02~");
  });
});
