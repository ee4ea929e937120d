import { beforeEach, describe, expect, it, vi } from "vitest";

// The bindings and Tauri's core stand in for the backend; nothing here reaches one.
const h = vi.hoisted(() => ({
  commands: {} as Record<string, ReturnType<typeof vi.fn>>,
  channels: [] as { onmessage: ((m: unknown) => void) | null }[],
}));

vi.mock("../bindings", () => ({
  commands: new Proxy(h.commands, {
    get: (target, name: string) => (target[name] ??= vi.fn()),
  }),
  events: { archiveChanged: { listen: vi.fn(() => Promise.resolve(() => {})) } },
}));

vi.mock("@tauri-apps/api/core", () => ({
  convertFileSrc: (path: string) => `http://asset.localhost/${encodeURIComponent(path)}`,
  Channel: class {
    onmessage: ((m: unknown) => void) | null = null;
    constructor() {
      h.channels.push(this);
    }
  },
}));

import * as api from "./index";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
// An error as the shell sends it: for `invalid`, the field and the detail come as data.
const fail = (code: string, message: string, field: string | null = null) =>
  Promise.resolve({
    status: "error" as const,
    error: { code, message, field, detail: field ? message.slice(field.length + 2) : message },
  });

beforeEach(() => {
  for (const key of Object.keys(h.commands)) delete h.commands[key];
  h.channels.length = 0;
});

describe("photo files", () => {
  it("turns the backend's paths into asset URLs the window may load", async () => {
    h.commands.photoFiles = vi.fn(() => ok({ full: "/archive/media/ab/cd.jpg", thumbnail: null }));
    await expect(api.photoUrls("ph1", 359.6)).resolves.toEqual({ full: "http://asset.localhost/%2Farchive%2Fmedia%2Fab%2Fcd.jpg", thumbnail: null });
    expect(h.commands.photoFiles).toHaveBeenCalledWith("ph1", 360);
  });

  it("asks the native dialog for the kinds of image the archive takes", async () => {
    h.commands.chooseFiles = vi.fn(() => ok(["/a.tif"]));
    await expect(api.choosePhotoFiles()).resolves.toEqual(["/a.tif"]);
    expect(h.commands.chooseFiles).toHaveBeenCalledWith("Add photos", "Images", ["jpg", "jpeg", "png", "tif", "tiff"], true);
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
    await api.cancelJob(jobId);
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
