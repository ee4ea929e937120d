import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import * as api from "../../api";
import { access, reset } from "../../../test/fake-api";
import { renderWindow } from "../../../test/render";
import { renderWithLibrary } from "../../../test/render-access";
import { rec, seedLibrary } from "../../../test/seed-access";
import TagPicker from "./TagPicker.svelte";

let s: ReturnType<typeof seedLibrary>;

beforeEach(() => {
  reset();
  s = seedLibrary();
});

const chips = () => screen.queryAllByTestId("tag-chip").map((c) => c.querySelector("span")?.textContent);
const options = () => screen.queryAllByTestId("tag-option").map((o) => o.querySelector(".name")?.textContent);
const input = () => screen.getByTestId("tag-input") as HTMLInputElement;

async function openInterview(title: string) {
  const user = userEvent.setup();
  const r = await renderWindow();
  await user.click(screen.getAllByTestId("interview-row").find((tr) => tr.textContent?.includes(title))!);
  await screen.findByTestId("interview-editor");
  return { user, ...r };
}

describe("the tag picker on an interview's Overview", () => {
  it("shows the interview's tags as chips", async () => {
    await openInterview("Two daughters");
    await vi.waitFor(() => expect(chips()).toEqual(["Left Opposition"]));
  });

  it("suggests tags as you type, by preferred or alternative label, leaving out those already on it", async () => {
    const { user } = await openInterview("Two daughters");
    await vi.waitFor(() => expect(chips()).toEqual(["Left Opposition"]));
    await user.type(input(), "e");
    await vi.waitFor(() => expect(options()).toEqual(["Exile"]));
    await user.clear(input());
    await user.type(input(), "лев");
    await vi.waitFor(() => expect(options()).toEqual([]));
    await user.clear(input());
    await user.type(input(), "mo");
    await vi.waitFor(() => expect(options()).toEqual(["Moscow Trials"]));
    // Where it sits in the tree, as a hint.
    expect(screen.getByTestId("tag-option").textContent).toContain("Left Opposition");
  });

  it("matches an alternative label in another language, and says which", async () => {
    const { user } = await openInterview("Books and letters");
    await user.type(input(), "лев");
    await vi.waitFor(() => expect(options()).toEqual(["Left Opposition"]));
    expect(screen.getByTestId("tag-option").textContent).toContain("= Левая оппозиция");
  });

  it("tags the interview with the highlighted suggestion on Enter", async () => {
    const { user } = await openInterview("Books and letters");
    await user.type(input(), "m");
    await vi.waitFor(() => expect(options()).toEqual(["Moscow Trials"]));
    await user.keyboard("{Enter}");
    await vi.waitFor(() => expect(api.tagTarget).toHaveBeenCalledWith(s.trials.id, rec("interview", s.books.id)));
    await vi.waitFor(() => expect(chips()).toEqual(["Moscow Trials"]));
    expect(input().value).toBe("");
    expect(access().taggings.some((g) => g.tag_id === s.trials.id && g.target.type === "record" && g.target.id === s.books.id)).toBe(true);
  });

  it("offers “Create tag” for a new label, makes the tag and puts it on the interview", async () => {
    const { user } = await openInterview("Books and letters");
    await user.type(input(), "Kolyma");
    const create = await screen.findByTestId("tag-create");
    expect(create.textContent?.trim()).toBe("Create tag “Kolyma”");
    await user.keyboard("{Enter}");
    await vi.waitFor(() => expect(api.createTag).toHaveBeenCalledWith({ label: "Kolyma" }));
    const kolyma = access().tags.find((t) => t.label === "Kolyma")!;
    await vi.waitFor(() => expect(api.tagTarget).toHaveBeenCalledWith(kolyma.id, rec("interview", s.books.id)));
    await vi.waitFor(() => expect(chips()).toEqual(["Kolyma"]));
    // The new tag shows in the sidebar's tree.
    await vi.waitFor(() => expect(screen.getAllByTestId("nav-tag").map((b) => b.querySelector(".label")?.textContent)).toContain("Kolyma"));
  });

  it("does not offer to create a tag that exists", async () => {
    const { user } = await openInterview("Books and letters");
    await user.type(input(), "famine");
    await vi.waitFor(() => expect(options()).toEqual(["Famine"]));
    expect(screen.queryByTestId("tag-create")).toBeNull();
  });

  it("removes a tag with the chip's button, and with Backspace in the empty field", async () => {
    const a = access();
    a.tag(s.famine.id, rec("interview", s.two.id));
    const { user } = await openInterview("Two daughters");
    await vi.waitFor(() => expect(chips()).toEqual(["Famine", "Left Opposition"]));
    await user.click(screen.getByRole("button", { name: "Remove Famine" }));
    await vi.waitFor(() => expect(api.untagTarget).toHaveBeenCalledWith(s.famine.id, rec("interview", s.two.id)));
    expect(chips()).toEqual(["Left Opposition"]);
    await user.click(input());
    await user.keyboard("{Backspace}");
    await vi.waitFor(() => expect(api.untagTarget).toHaveBeenCalledWith(s.left.id, rec("interview", s.two.id)));
    await vi.waitFor(() => expect(chips()).toEqual([]));
  });
});

describe("the tag picker elsewhere", () => {
  it("tags a person from the person editor", async () => {
    const user = userEvent.setup();
    await renderWindow();
    await user.click(screen.getByTestId("nav-people"));
    await user.click(screen.getAllByTestId("person-row").find((r) => r.textContent?.includes("Zorya"))!);
    const editor = await screen.findByTestId("person-editor");
    await user.type(within(editor).getByTestId("tag-input"), "exi{Enter}");
    await vi.waitFor(() => expect(api.tagTarget).toHaveBeenCalledWith(s.exile.id, rec("person", s.zorya.id)));
  });

  it("works on its own for any target", async () => {
    const user = userEvent.setup();
    await renderWithLibrary(TagPicker, { target: s.passage });
    await vi.waitFor(() => expect(chips()).toEqual(["Exile"]));
    await user.type(input(), "fam{Enter}");
    await vi.waitFor(() => expect(api.tagTarget).toHaveBeenCalledWith(s.famine.id, s.passage));
  });
});
