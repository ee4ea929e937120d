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
    await vi.waitFor(() => expect(withheld()).toEqual(["1 interview closed, restricted or embargoed"]));
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

  const runButton = (dialog: HTMLElement) => within(dialog).getByTestId("export-run") as HTMLButtonElement;
  const destinationField = (dialog: HTMLElement) => within(dialog).getByTestId("export-destination") as HTMLInputElement;

  it("leaves the destination as it was when the folder dialog is cancelled", async () => {
    const { user, dialog } = await openExport();
    await user.type(destinationField(dialog), "/home/ann/Exports/Spring");
    access().folderAnswer = null;
    await user.click(within(dialog).getByTestId("export-choose"));
    await vi.waitFor(() => expect(api.chooseFolder).toHaveBeenCalled());
    expect(destinationField(dialog).value).toBe("/home/ann/Exports/Spring");
    expect(api.exportPackage).not.toHaveBeenCalled();
  });

  it("says what is missing before anything runs: no folder, or only part of a path", async () => {
    const { user, dialog } = await openExport();
    await vi.waitFor(() => expect(runButton(dialog).disabled).toBe(false));
    await user.click(runButton(dialog));
    expect(within(dialog).getByTestId("field-error").textContent).toBe("Type or paste the folder for the package, or choose one.");
    await user.type(destinationField(dialog), "Exports/Spring");
    expect(within(dialog).queryByTestId("field-error")).toBeNull();
    await user.click(runButton(dialog));
    expect(within(dialog).getByTestId("field-error").textContent).toBe("Give the whole path, starting with /, or choose a folder.");
    expect(destinationField(dialog).getAttribute("aria-invalid")).toBe("true");
    expect(api.exportPackage).not.toHaveBeenCalled();
  });

  it("Choose… fills in a new folder named after the selection and day, and the export runs with progress to the summary", async () => {
    access().withheld = ["1 interview closed"];
    const { user, dialog } = await openExport();
    await user.type(within(dialog).getByTestId("export-organization"), "Memorial Society");
    await vi.waitFor(() => expect(runButton(dialog).disabled).toBe(false));
    access().folderAnswer = "/home/ann/Exports";
    await user.click(within(dialog).getByTestId("export-choose"));
    const out = `/home/ann/Exports/Family stories (public) ${today()}`;
    await vi.waitFor(() => expect(destinationField(dialog).value).toBe(out));
    // The name follows the profile until the curator edits it.
    await user.click(within(dialog).getByTestId("export-profile-full"));
    expect(destinationField(dialog).value).toBe(`/home/ann/Exports/Family stories (full) ${today()}`);
    await user.click(within(dialog).getByTestId("export-profile-public"));
    await vi.waitFor(() => expect(runButton(dialog).disabled).toBe(false));
    const release = holdJobs();
    await user.click(runButton(dialog));
    const bar = await screen.findByTestId("export-progress");
    await vi.waitFor(() => expect(bar.getAttribute("aria-valuenow")).toBe("0"));
    expect(bar.getAttribute("aria-valuemax")).toBe("3");
    expect(screen.getByTestId("export-phase").textContent).toContain("Writing · 0 of 3");
    expect(screen.getByText("Exporting a public package")).toBeTruthy();
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

  it("tries the next name when the folder Choose… named is taken", async () => {
    const { user, dialog } = await openExport();
    await vi.waitFor(() => expect(runButton(dialog).disabled).toBe(false));
    access().folderAnswer = "/home/ann/Exports";
    access().fullFolders.add(`/home/ann/Exports/Family stories (public) ${today()}`);
    await user.click(within(dialog).getByTestId("export-choose"));
    await vi.waitFor(() => expect(destinationField(dialog).value).not.toBe(""));
    await user.click(runButton(dialog));
    await screen.findByTestId("export-done");
    expect(screen.getByTestId("export-path").textContent).toBe(`/home/ann/Exports/Family stories (public) ${today()} 2`);
  });

  it("uses a typed path as it is, and shows the backend's reason at the field when it cannot", async () => {
    const { user, dialog } = await openExport();
    await vi.waitFor(() => expect(runButton(dialog).disabled).toBe(false));
    access().fullFolders.add("/home/ann/Exports/Spring");
    await user.type(destinationField(dialog), "/home/ann/Exports/Spring");
    await user.click(runButton(dialog));
    await vi.waitFor(() =>
      expect(within(dialog).getByTestId("field-error").textContent).toBe("/home/ann/Exports/Spring is not empty; choose a new folder for the package"),
    );
    expect(api.exportPackage).toHaveBeenCalledTimes(1);

    access().missingFolders.add("/home/ann/Expotrs");
    await user.clear(destinationField(dialog));
    await user.type(destinationField(dialog), "/home/ann/Expotrs/Spring");
    await user.click(runButton(dialog));
    await vi.waitFor(() =>
      expect(within(dialog).getByTestId("field-error").textContent).toBe(
        "/home/ann/Expotrs does not exist; choose a folder that does, and the package goes into a new folder inside it",
      ),
    );

    await user.clear(destinationField(dialog));
    await user.type(destinationField(dialog), "/home/ann/Exports/Spring 2026");
    await user.click(runButton(dialog));
    await screen.findByTestId("export-done");
    expect(screen.getByTestId("export-path").textContent).toBe("/home/ann/Exports/Spring 2026");
  });

  it("opens the package's website from the summary", async () => {
    const { user, dialog } = await openExport();
    await vi.waitFor(() => expect(runButton(dialog).disabled).toBe(false));
    await user.type(destinationField(dialog), "/home/ann/Exports/Spring");
    await user.click(runButton(dialog));
    await screen.findByTestId("export-done");
    await user.click(screen.getByTestId("export-open-site"));
    await vi.waitFor(() => expect(api.openSite).toHaveBeenCalledWith("/home/ann/Exports/Spring"));
    expect(screen.queryByTestId("export-site-error")).toBeNull();
    // Gone meanwhile: the window says so.
    access().fullFolders.delete("/home/ann/Exports/Spring");
    await user.click(screen.getByTestId("export-open-site"));
    expect((await screen.findByTestId("export-site-error")).textContent).toContain("has no site");
  });

  it("cancels a running export: cancelJob with its id, and nothing kept", async () => {
    const { user, dialog } = await openExport();
    await vi.waitFor(() => expect(runButton(dialog).disabled).toBe(false));
    await user.type(destinationField(dialog), "/home/ann/Exports/Spring");
    holdJobs();
    await user.click(runButton(dialog));
    await screen.findByTestId("export-progress");
    await user.click(screen.getByTestId("export-cancel"));
    const jobId = vi.mocked(api.exportPackage).mock.calls[0][0];
    await vi.waitFor(() => expect(api.cancelJob).toHaveBeenCalledWith(jobId));
    expect((await screen.findByTestId("export-cancelled")).textContent).toContain("nothing was kept");
    expect(screen.queryByTestId("export-done")).toBeNull();
    expect(screen.getByTestId("export-run")).toBeTruthy();
  });

  it("opens the package's folder from the summary", async () => {
    const { user, dialog } = await openExport();
    await vi.waitFor(() => expect(runButton(dialog).disabled).toBe(false));
    await user.type(destinationField(dialog), "/home/ann/Exports/Spring");
    await user.click(runButton(dialog));
    await screen.findByTestId("export-done");
    await user.click(screen.getByTestId("export-open-folder"));
    await vi.waitFor(() => expect(api.openFolder).toHaveBeenCalledWith("/home/ann/Exports/Spring"));
    expect(screen.queryByTestId("export-site-error")).toBeNull();
  });

  it("can be closed while the export runs, which goes on in the Jobs panel, where it can be cancelled", async () => {
    const { user, dialog } = await openExport();
    await vi.waitFor(() => expect(runButton(dialog).disabled).toBe(false));
    await user.type(destinationField(dialog), "/home/ann/Exports/Spring");
    holdJobs();
    await user.click(runButton(dialog));
    const bar = await screen.findByTestId("export-progress");
    expect(bar.getAttribute("aria-valuenow")).toBe("0");
    await user.keyboard("{Escape}");
    await vi.waitFor(() => expect(screen.queryByTestId("export-dialog")).toBeNull());
    const panel = await screen.findByTestId("jobs-panel");
    const row = within(panel).getByTestId("job");
    expect(row.dataset.status).toBe("running");
    expect(within(row).getByTestId("job-progress").getAttribute("aria-valuemax")).toBe("3");
    await user.click(within(row).getByTestId("job-cancel"));
    const jobId = vi.mocked(api.exportPackage).mock.calls[0][0];
    await vi.waitFor(() => expect(api.cancelJob).toHaveBeenCalledWith(jobId));
    await vi.waitFor(() => expect(within(panel).getByTestId("job").dataset.status).toBe("cancelled"));
    expect(within(panel).getByTestId("job").textContent).toContain("nothing was kept");
  });

  it("offers the folder and the site in the Jobs panel once an export closed meanwhile has finished", async () => {
    const { user, dialog } = await openExport();
    await vi.waitFor(() => expect(runButton(dialog).disabled).toBe(false));
    await user.type(destinationField(dialog), "/home/ann/Exports/Spring");
    const release = holdJobs();
    await user.click(runButton(dialog));
    await screen.findByTestId("export-progress");
    await user.click(screen.getByTestId("export-background"));
    await vi.waitFor(() => expect(screen.queryByTestId("export-dialog")).toBeNull());
    const panel = await screen.findByTestId("jobs-panel");
    expect(within(panel).queryByTestId("job-action-open-folder")).toBeNull();
    release();
    await vi.waitFor(() => expect(within(panel).getByTestId("job").dataset.status).toBe("finished"));
    await user.click(within(panel).getByTestId("job-action-open-folder"));
    await vi.waitFor(() => expect(api.openFolder).toHaveBeenCalledWith("/home/ann/Exports/Spring"));
    await user.click(within(panel).getByTestId("job-action-open-site"));
    await vi.waitFor(() => expect(api.openSite).toHaveBeenCalledWith("/home/ann/Exports/Spring"));
    expect(within(panel).queryByTestId("job-action-error")).toBeNull();
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
