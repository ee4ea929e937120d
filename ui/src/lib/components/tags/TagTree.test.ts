import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import * as api from "../../api";
import { access, reset } from "../../../test/fake-api";
import { renderWindow } from "../../../test/render";
import { seedLibrary } from "../../../test/seed-access";

let s: ReturnType<typeof seedLibrary>;

beforeEach(() => {
  reset();
  s = seedLibrary();
});

async function setup() {
  const user = userEvent.setup();
  const r = await renderWindow();
  await vi.waitFor(() => expect(screen.getAllByTestId("nav-tag").length).toBeGreaterThan(0));
  return { user, ...r };
}

const navTags = () => screen.getAllByTestId("nav-tag");
const navTag = (label: string) => navTags().find((b) => b.querySelector(".label")?.textContent === label)!;
const rows = () => screen.queryAllByTestId("library-row").map((r) => r.querySelector(".title")?.textContent);

describe("the tag tree in the sidebar", () => {
  it("shows broader tags above narrower ones, indented, with how often each is used", async () => {
    await setup();
    expect(navTags().map((b) => [b.querySelector(".label")?.textContent, within(b).getByTestId("count").textContent])).toEqual([
      ["Famine", "0"],
      ["Left Opposition", "1"],
      ["Exile", "1"],
      ["Moscow Trials", "1"],
    ]);
    const indent = (label: string) => navTag(label).closest("li")!.style.getPropertyValue("--indent");
    expect(indent("Left Opposition")).toBe("12px");
    expect(indent("Exile")).toBe("26px");
    expect(navTag("Left Opposition").getAttribute("aria-expanded")).toBe("true");
    expect(navTag("Famine").getAttribute("aria-expanded")).toBeNull();
  });

  it("folds a broader tag's narrower tags away with ← and back with →", async () => {
    const { user } = await setup();
    navTag("Left Opposition").focus();
    await user.keyboard("{ArrowLeft}");
    expect(navTags().map((b) => b.querySelector(".label")?.textContent)).toEqual(["Famine", "Left Opposition"]);
    await user.keyboard("{ArrowRight}");
    expect(navTags()).toHaveLength(4);
  });

  it("lists everything carrying a chosen tag: interviews, people, and passages with their time", async () => {
    const { user } = await setup();
    await user.click(navTag("Left Opposition"));
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    expect(api.tagged).toHaveBeenLastCalledWith(s.left.id, true);
    expect(screen.getByRole("heading", { name: "Left Opposition" })).toBeTruthy();
    expect(navTag("Left Opposition").getAttribute("aria-current")).toBe("page");
    const text = screen.getAllByTestId("library-row").map((r) => r.textContent?.replace(/\s+/g, " ").trim());
    expect(text).toEqual([
      "Tatiana Smilga Person · tagged Moscow Trials",
      "Two daughters Interview",
      "Two daughters: Russian original, 00:01:23 Passage · tagged Exile",
    ]);
    // Only its own uses, without the narrower tags'.
    await user.click(screen.getByTestId("tag-narrower"));
    await vi.waitFor(() => expect(rows()).toEqual(["Two daughters"]));
    expect(api.tagged).toHaveBeenLastCalledWith(s.left.id, false);
  });

  it("opens a tagged interview or person in the editor beside the list", async () => {
    const { user } = await setup();
    await user.click(navTag("Left Opposition"));
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    await user.click(screen.getAllByTestId("library-row")[1]);
    expect((await screen.findByTestId("field-title") as HTMLInputElement).value).toBe("Two daughters");
    await user.click(screen.getAllByTestId("library-row")[0]);
    expect((await screen.findByTestId("field-name") as HTMLInputElement).value).toBe("Tatiana Smilga");
  });

  it("says what to do when nothing carries the tag", async () => {
    const { user } = await setup();
    await user.click(navTag("Famine"));
    expect((await screen.findByTestId("library-empty")).textContent).toContain("Nothing carries this tag yet");
  });
});

describe("the tag editor", () => {
  async function edit(label: string) {
    const r = await setup();
    await r.user.click(navTag(label));
    await r.user.click(await screen.findByTestId("edit-tag"));
    const dialog = await screen.findByTestId("tag-editor");
    return { ...r, dialog };
  }

  it("makes a new tag under a broader one, with a label in another language and a scope note", async () => {
    const { user } = await setup();
    await user.click(screen.getByTestId("new-tag"));
    const dialog = await screen.findByTestId("tag-editor");
    await user.type(within(dialog).getByTestId("tag-label"), "Kolyma");
    await user.click(within(dialog).getByTestId("tag-alt-add"));
    await user.type(within(dialog).getByTestId("tag-alt-label"), "Колыма");
    await user.type(within(dialog).getByTestId("tag-alt-language"), "ru");
    await user.type(within(dialog).getByTestId("tag-scope"), "Camps of the Kolyma region.");
    await user.selectOptions(within(dialog).getByTestId("tag-broader"), s.exile.id);
    await user.click(within(dialog).getByTestId("tag-save"));
    await vi.waitFor(() =>
      expect(api.createTag).toHaveBeenCalledWith({
        label: "Kolyma",
        language: "",
        alt_labels: [{ label: "Колыма", language: "ru" }],
        scope_note: "Camps of the Kolyma region.",
        broader_id: s.exile.id,
      }),
    );
    await vi.waitFor(() => expect(screen.queryByTestId("tag-editor")).toBeNull());
    expect(navTags().map((b) => b.querySelector(".label")?.textContent)).toEqual(["Famine", "Left Opposition", "Exile", "Kolyma", "Moscow Trials"]);
    // The new tag's place is shown.
    expect(screen.getByRole("heading", { name: "Kolyma" })).toBeTruthy();
  });

  it("renames, keeping the old label as an alternative", async () => {
    const { user, dialog } = await edit("Exile");
    const label = within(dialog).getByTestId("tag-label");
    await user.clear(label);
    await user.type(label, "Exile and deportation");
    const keep = within(dialog).getByTestId("tag-keep-old") as HTMLInputElement;
    expect(keep.checked).toBe(true);
    await user.click(within(dialog).getByTestId("tag-save"));
    await vi.waitFor(() => expect(api.renameTag).toHaveBeenCalledWith(s.exile.id, "Exile and deportation", true));
    await vi.waitFor(() => expect(access().tags.find((t) => t.id === s.exile.id)?.alt_labels).toEqual([{ label: "Exile", language: "" }]));
    expect(api.moveTag).not.toHaveBeenCalled();
  });

  it("moves a tag under another", async () => {
    const { user, dialog } = await edit("Moscow Trials");
    await user.selectOptions(within(dialog).getByTestId("tag-broader"), "");
    await user.click(within(dialog).getByTestId("tag-save"));
    await vi.waitFor(() => expect(api.moveTag).toHaveBeenCalledWith(s.trials.id, null));
    await vi.waitFor(() => expect(navTag("Moscow Trials").closest("li")!.style.getPropertyValue("--indent")).toBe("12px"));
  });

  it("does not offer a tag's own narrower tags as its broader tag", async () => {
    const { dialog } = await edit("Left Opposition");
    const offered = Array.from((within(dialog).getByTestId("tag-broader") as HTMLSelectElement).options).map((o) => o.textContent);
    expect(offered).toEqual(["None: a top-level tag", "Famine"]);
  });

  it("merges a tag into another after confirming, keeping its uses", async () => {
    const { user, dialog } = await edit("Exile");
    await user.selectOptions(within(dialog).getByTestId("tag-merge-into"), s.famine.id);
    await user.click(within(dialog).getByTestId("tag-merge"));
    const confirm = await screen.findByTestId("confirm-dialog");
    expect(confirm.textContent).toContain("Merge “Exile” into “Famine”?");
    await user.click(within(confirm).getByTestId("confirm-ok"));
    await vi.waitFor(() => expect(api.mergeTags).toHaveBeenCalledWith(s.exile.id, s.famine.id));
    await vi.waitFor(() => expect(within(navTag("Famine")).getByTestId("count").textContent).toBe("1"));
    expect(screen.getByRole("heading", { name: "Famine" })).toBeTruthy();
  });

  it("deletes only an unused tag", async () => {
    const used = await edit("Exile");
    expect((within(used.dialog).getByTestId("tag-delete") as HTMLButtonElement).disabled).toBe(true);
    await used.user.keyboard("{Escape}");
    await used.user.click(navTag("Famine"));
    await used.user.click(await screen.findByTestId("edit-tag"));
    const dialog = await screen.findByTestId("tag-editor");
    await used.user.click(within(dialog).getByTestId("tag-delete"));
    await used.user.click(within(await screen.findByTestId("confirm-dialog")).getByTestId("confirm-ok"));
    await vi.waitFor(() => expect(api.deleteTag).toHaveBeenCalledWith(s.famine.id));
    await vi.waitFor(() => expect(navTags().map((b) => b.querySelector(".label")?.textContent)).not.toContain("Famine"));
  });
});
