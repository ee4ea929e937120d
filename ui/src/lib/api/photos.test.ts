import { beforeEach, describe, expect, it, vi } from "vitest";

// The generated bindings and Tauri's core stand in for the backend; nothing here reaches one.
vi.mock("../bindings", () => import("../../test/fake-bindings"));
vi.mock("@tauri-apps/api/core", () => import("../../test/fake-bindings"));

import { fail, h, ok, resetBindings } from "../../test/fake-bindings";
import { cancelJob } from "./jobs";
import * as api from "./photos";

beforeEach(() => resetBindings());

describe("photo files", () => {
  it("turns the backend's paths into asset URLs the window may load", async () => {
    h.commands.photoFiles = vi.fn(() => ok({ full: "/archive/media/ab/cd.jpg", thumbnail: null }));
    await expect(api.photoUrls("ph1", 359.6)).resolves.toEqual({ full: "http://asset.localhost/%2Farchive%2Fmedia%2Fab%2Fcd.jpg", thumbnail: null });
    expect(h.commands.photoFiles).toHaveBeenCalledWith("ph1", 360);
  });

  it("asks the native dialog for the kinds of image the archive takes", async () => {
    h.commands.chooseFiles = vi.fn(() => ok(["/a.tif"]));
    await expect(api.choosePhotoFiles()).resolves.toEqual(["/a.tif"]);
    expect(h.commands.chooseFiles).toHaveBeenCalledWith("Add photos", "photo", true);
  });
});

describe("importing photos", () => {
  it("reports progress from the channel and cancels the same job", async () => {
    let finish!: (v: unknown) => void;
    h.commands.importPhotos = vi.fn(() => new Promise((r) => (finish = r)));
    h.commands.cancelJob = vi.fn(() => ok(null));
    const seen: unknown[] = [];
    const jobId = "job-1";
    const result = api.importPhotos(jobId, ["/scans"], { collection_id: "c1" }, (p) => seen.push(p));
    expect(h.commands.importPhotos).toHaveBeenCalledWith(jobId, ["/scans"], { collection_id: "c1" }, h.channels[0]);
    h.channels[0].onmessage?.({ event: "progress", phase: "copying", done: 1, total: 3 });
    expect(seen).toEqual([{ event: "progress", phase: "copying", done: 1, total: 3 }]);
    await cancelJob(jobId);
    expect(h.commands.cancelJob).toHaveBeenCalledWith(jobId);
    finish({ status: "error", error: { code: "cancelled", message: "the import was cancelled" } });
    await expect(result).rejects.toMatchObject({ code: "cancelled" });
  });

  it("throws the backend's errors as ApiErrors", async () => {
    h.commands.confirmIdentification = vi.fn(() => fail("invalid", "identification: the caption has no name at row 2, position 1", "identification"));
    await expect(api.confirmIdentification("ph1", { caption_id: "c", row: 1, position: 0, person_id: null })).rejects.toMatchObject({
      code: "invalid",
      field: "identification",
      detail: "The caption has no name at row 2, position 1",
    });
  });
});
