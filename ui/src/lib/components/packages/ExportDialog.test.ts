import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import * as api from "../../api";
import { access, holdJobs, reset } from "../../../test/fake-api";
import { renderWindow } from "../../../test/render";
import { seedLibrary } from "../../../test/seed-access";
import { today } from "../access/words";

let s: ReturnType<typeof seedLibrary>;

beforeEach(() => {
  reset();
  s = seedLibrary();
  localStorage.clear();
});

afterEach(() => localStorage.clear());

async function openExport() {
  const user = userEvent.setup();
  const r = await renderWindow();
  await user.click(screen.getByTestId("open-export"));
  const dialog = await screen.findByTestId("export-dialog");
  return { user, dialog, ...r };
}

const withheld = () => screen.queryAllByTestId("export-withheld").map((l) => l.textContent?.trim());

describe("the export dialog", () => {
  it("previews what the public profile withholds before anything is written", async () => {
    access().withheld = ["2 interviews closed", "3 transcript segments redacted"];
    await openExport();
    await vi.waitFor(() => expect(withheld()).toEqual(["2 interviews closed", "3 transcript segments redacted"]));
    expect(screen.getByTestId("export-count").textContent?.replace(/\s+/g, " ").trim()).toBe("4 interviews selected.");
    expect(api.previewExport).toHaveBeenLastCalledWith({ out: "", profile: "public", selection: { kind: "all" } });
    expect(api.exportPackage).not.toHaveBeenCalled();
    expect(api.chooseFolder).not.toHaveBeenCalled();
  });

  it("works out the withheld lines from the access rules", async () => {
    access().addForm({ kind: "interview", id: s.winter.id }, { status: "declined" });
    await openExport();
    await vi.waitFor(() => expect(withheld()).toEqual(["1 interview closed"]));
  });

  it("explains each profile, and warns that the full one holds closed material", async () => {
    const { user, dialog } = await openExport();
    expect(dialog.textContent).toContain("honours every restriction, embargo, seal and redaction");
    expect(dialog.textContent).toContain("For handing over to another curator or a repository");
    await user.click(within(dialog).getByTestId("export-profile-full"));
    await vi.waitFor(() => expect(api.previewExport).toHaveBeenLastCalledWith(expect.objectContaining({ profile: "full" })));
    expect(await screen.findByTestId("export-full-warning")).toBeTruthy();
    expect(withheld()).toEqual([]);
  });

  it("previews a collection, a list (its interviews) or what a saved search finds", async () => {
    const list = access().addList("Exhibition", [
      { kind: "interview", id: s.books.id },
      { kind: "person", id: s.tatiana.id },
    ]);
    const saved = access().addSavedSearch("Winters", { text: "winter" });
    const { user, dialog } = await openExport();
    const what = within(dialog).getByTestId("export-what") as HTMLSelectElement;
    expect(Array.from(what.options).map((o) => o.textContent)).toEqual(["The whole archive", "A collection", "A list", "What a saved search finds"]);
    await user.selectOptions(what, "collection");
    await user.selectOptions(within(dialog).getByTestId("export-collection"), s.family.id);
    await vi.waitFor(() => expect(api.previewExport).toHaveBeenLastCalledWith(expect.objectContaining({ selection: { kind: "collection", id: s.family.id } })));
    await user.selectOptions(what, "list");
    await vi.waitFor(() => expect(api.previewExport).toHaveBeenLastCalledWith(expect.objectContaining({ selection: { kind: "interviews", ids: [s.books.id] } })));
    expect(list.items).toHaveLength(2);
    await user.selectOptions(what, "search");
    await vi.waitFor(() => expect(api.previewExport).toHaveBeenLastCalledWith(expect.objectContaining({ selection: { kind: "search", query: "winter" } })));
    expect(saved.query.text).toBe("winter");
  });

  it("starts from the selected interviews when several are selected", async () => {
    const user = userEvent.setup();
    await renderWindow();
    const row = (title: string) => screen.getAllByTestId("interview-row").find((r) => r.textContent?.includes(title))!;
    await user.click(row("Books and letters"));
    await user.keyboard("{Shift>}");
    await user.click(row("Two daughters"));
    await user.keyboard("{/Shift}");
    await user.click(screen.getByTestId("open-export"));
    const dialog = await screen.findByTestId("export-dialog");
    expect((within(dialog).getByTestId("export-what") as HTMLSelectElement).value).toBe("selection");
    await vi.waitFor(() =>
      expect(api.previewExport).toHaveBeenLastCalledWith(expect.objectContaining({ selection: { kind: "interviews", ids: [s.books.id, s.two.id] } })),
    );
  });

  it("does nothing when the folder dialog is cancelled", async () => {
    const { user, dialog } = await openExport();
    await vi.waitFor(() => expect((within(dialog).getByTestId("export-run") as HTMLButtonElement).disabled).toBe(false));
    access().folderAnswer = null;
    await user.click(within(dialog).getByTestId("export-run"));
    await vi.waitFor(() => expect(api.chooseFolder).toHaveBeenCalled());
    expect(api.exportPackage).not.toHaveBeenCalled();
    expect(screen.getByTestId("export-dialog")).toBeTruthy();
  });

  it("writes into a new folder named after the selection and day, with progress, then shows the summary", async () => {
    access().withheld = ["1 interview closed"];
    const { user, dialog } = await openExport();
    await user.type(within(dialog).getByTestId("export-organization"), "Memorial Society");
    await vi.waitFor(() => expect((within(dialog).getByTestId("export-run") as HTMLButtonElement).disabled).toBe(false));
    access().folderAnswer = "/home/ann/Exports";
    const release = holdJobs();
    await user.click(within(dialog).getByTestId("export-run"));
    const bar = await screen.findByTestId("export-progress");
    await vi.waitFor(() => expect(bar.getAttribute("aria-valuenow")).toBe("0"));
    expect(bar.getAttribute("aria-valuemax")).toBe("3");
    expect(screen.getByTestId("export-phase").textContent).toContain("Writing · 0 of 3");
    expect(screen.getByText("Exporting a public package")).toBeTruthy();
    const out = `/home/ann/Exports/Family stories (public) ${today()}`;
    expect(api.exportPackage).toHaveBeenCalledWith(
      expect.any(String),
      { out, profile: "public", selection: { kind: "all" }, organization: "Memorial Society", contact: "Ann", description: "" },
      expect.any(Function),
    );
    release();
    const done = await screen.findByTestId("export-done");
    expect(screen.getByTestId("export-summary").textContent?.replace(/\s+/g, " ").trim()).toBe("4 interviews, 18 files, 12.5 MB.");
    expect(screen.getByTestId("export-path").textContent).toBe(out);
    expect(done.textContent).toContain("1 interview closed");
    // Who it is from is remembered for next time.
    expect(JSON.parse(localStorage.getItem("recollect.export.from")!)).toEqual({ organization: "Memorial Society", contact: "Ann" });
  });

  it("tries the next name when the folder is taken", async () => {
    const { user, dialog } = await openExport();
    await vi.waitFor(() => expect((within(dialog).getByTestId("export-run") as HTMLButtonElement).disabled).toBe(false));
    access().folderAnswer = "/home/ann/Exports";
    access().fullFolders.add(`/home/ann/Exports/Family stories (public) ${today()}`);
    await user.click(within(dialog).getByTestId("export-run"));
    await screen.findByTestId("export-done");
    expect(screen.getByTestId("export-path").textContent).toBe(`/home/ann/Exports/Family stories (public) ${today()} 2`);
  });

  it("cancels a running export: cancelJob with its id, and nothing kept", async () => {
    const { user, dialog } = await openExport();
    await vi.waitFor(() => expect((within(dialog).getByTestId("export-run") as HTMLButtonElement).disabled).toBe(false));
    access().folderAnswer = "/home/ann/Exports";
    holdJobs();
    await user.click(within(dialog).getByTestId("export-run"));
    await screen.findByTestId("export-progress");
    // Closing is refused while it runs.
    await user.keyboard("{Escape}");
    expect(screen.getByTestId("export-dialog")).toBeTruthy();
    await user.click(screen.getByTestId("export-cancel"));
    const jobId = vi.mocked(api.exportPackage).mock.calls[0][0];
    await vi.waitFor(() => expect(api.cancelJob).toHaveBeenCalledWith(jobId));
    expect((await screen.findByTestId("export-cancelled")).textContent).toContain("nothing was kept");
    expect(screen.queryByTestId("export-done")).toBeNull();
    expect(screen.getByTestId("export-run")).toBeTruthy();
  });

  it("exports a list from the list's own place", async () => {
    const list = access().addList("Exhibition", [{ kind: "interview", id: s.two.id }]);
    const user = userEvent.setup();
    await renderWindow();
    await user.click(await screen.findByTestId("nav-list"));
    await user.click(await screen.findByTestId("export-list"));
    const dialog = await screen.findByTestId("export-dialog");
    expect((within(dialog).getByTestId("export-what") as HTMLSelectElement).value).toBe("list");
    expect((within(dialog).getByTestId("export-list") as HTMLSelectElement).value).toBe(list.id);
    await vi.waitFor(() => expect(api.previewExport).toHaveBeenLastCalledWith(expect.objectContaining({ selection: { kind: "interviews", ids: [s.two.id] } })));
  });
});
