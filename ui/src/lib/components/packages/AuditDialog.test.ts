import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import * as api from "../../api";
import { access, holdJobs, reset } from "../../../test/fake-api";
import { renderWindow, seedSample } from "../../../test/render";

beforeEach(() => {
  reset();
  seedSample();
});

async function openAudit() {
  const user = userEvent.setup();
  const r = await renderWindow();
  await user.click(screen.getByTestId("open-audit"));
  await screen.findByTestId("audit-dialog");
  return { user, ...r };
}

describe("checking files (audit)", () => {
  it("re-hashes with progress, then names every missing and changed file", async () => {
    access().auditReport = {
      checked: 4,
      missing: [{ file_id: "m1", kind: "media", name: "tape-2b.wav", path: "/archive/media/ab/cd.wav" }],
      changed: [{ file_id: "m2", kind: "document", name: "release-smilga.pdf", path: "/archive/docs/ef.pdf", expected: "a".repeat(64), actual: "b".repeat(64) }],
    };
    const release = holdJobs();
    await openAudit();
    const bar = await screen.findByTestId("audit-progress");
    await vi.waitFor(() => expect(bar.getAttribute("aria-valuemax")).toBe("4"));
    expect(screen.getByTestId("audit-phase").textContent).toContain("Hashing · 0 of 4 files");
    release();
    expect((await screen.findByTestId("audit-problems")).textContent).toContain("4 checked: 1 missing, 1 changed.");
    expect(screen.getByTestId("audit-missing").textContent).toContain("tape-2b.wav");
    expect(screen.getByTestId("audit-missing").textContent).toContain("/archive/media/ab/cd.wav");
    expect(screen.getByTestId("audit-changed").textContent).toContain("release-smilga.pdf");
    expect(screen.getByTestId("audit-changed").textContent).toContain("expected aaaaaaaaaaaa…, found bbbbbbbbbbbb…");
  });

  it("says so when every file is as it was", async () => {
    access().auditReport = { checked: 7, missing: [], changed: [] };
    await openAudit();
    expect((await screen.findByTestId("audit-ok")).textContent).toContain("All 7 files are where they should be, unchanged.");
  });

  it("cancels with the job's id", async () => {
    access().auditReport = { checked: 3, missing: [], changed: [] };
    holdJobs();
    const { user } = await openAudit();
    await screen.findByTestId("audit-progress");
    await user.click(screen.getByTestId("audit-cancel"));
    const jobId = vi.mocked(api.auditArchive).mock.calls[0][0];
    await vi.waitFor(() => expect(api.cancelJob).toHaveBeenCalledWith(jobId));
    expect(await screen.findByTestId("audit-cancelled")).toBeTruthy();
  });
});
