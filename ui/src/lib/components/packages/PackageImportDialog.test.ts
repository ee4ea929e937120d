import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import * as api from "../../api";
import { access, backend, holdJobs, reset } from "../../../test/fake-api";
import { renderWindow, seedSample } from "../../../test/render";

beforeEach(() => {
  reset();
  seedSample();
});

async function openImport() {
  const user = userEvent.setup();
  const r = await renderWindow();
  await user.click(screen.getByTestId("open-import"));
  return { user, ...r };
}

describe("importing a package", () => {
  it("asks for the package's folder, and does nothing when cancelled", async () => {
    access().folderAnswer = null;
    await openImport();
    await vi.waitFor(() => expect(api.chooseFolder).toHaveBeenCalledWith("Choose a package folder to import"));
    await vi.waitFor(() => expect(screen.queryByTestId("import-dialog")).toBeNull());
    expect(api.importPackage).not.toHaveBeenCalled();
  });

  it("imports with progress, then shows what was added and every conflict for review", async () => {
    const a = access();
    a.folderAnswer = "/media/usb/Smilga package";
    a.importReport = {
      added: 12,
      unchanged: 30,
      conflicts: [
        { table: "interviews", id: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", fields: [["title", '"Two daughters"', '"Two sisters"'], ["date", '"1927"', "null"]] },
        { table: "people", id: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c", fields: [["death_date", '"1987"', '"1988"']] },
      ],
    };
    const release = holdJobs();
    await openImport();
    const bar = await screen.findByTestId("import-progress");
    expect(bar.getAttribute("aria-valuemax")).toBe("2");
    expect(api.importPackage).toHaveBeenCalledWith(expect.any(String), "/media/usb/Smilga package", expect.any(Function));
    release();
    await screen.findByTestId("import-report");
    expect(screen.getByTestId("import-added").textContent).toBe("12");
    expect(screen.getByTestId("import-unchanged").textContent).toBe("30");
    expect(screen.getByTestId("import-conflicts").textContent).toBe("2");
    const rows = screen.getAllByTestId("import-conflict").map((r) => Array.from(r.querySelectorAll("td")).map((td) => td.textContent?.trim()));
    expect(rows).toEqual([
      ["interviews0190a1b2", "title", "Two daughters", "Two sisters"],
      ["date", "1927", "—"],
      ["people0190a1b2", "death date", "1987", "1988"],
    ]);
    await userEvent.setup().click(screen.getByTestId("import-close"));
    expect(screen.queryByTestId("import-dialog")).toBeNull();
  });

  it("says why a package was refused, and that nothing was imported", async () => {
    access().folderAnswer = "/tmp/not-a-bag";
    backend.failNext("importPackage", new api.ApiError("invalid", "package: /tmp/not-a-bag has no bagit.txt; choose the package's folder"));
    await openImport();
    const error = await screen.findByTestId("import-error");
    expect(error.textContent).toBe("Package: /tmp/not-a-bag has no bagit.txt; choose the package's folder");
    expect(within(screen.getByTestId("import-dialog")).getByText("Nothing was imported.")).toBeTruthy();
  });
});
