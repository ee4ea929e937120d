import { beforeEach, describe, expect, it, vi } from "vitest";

// The generated bindings and Tauri's core stand in for the backend; nothing here reaches one.
vi.mock("../bindings", () => import("../../test/fake-bindings"));
vi.mock("@tauri-apps/api/core", () => import("../../test/fake-bindings"));

import { h, ok, resetBindings } from "../../test/fake-bindings";
import * as api from "./recordings";

beforeEach(() => resetBindings());

describe("recordings", () => {
  it("reads the recordings the backend lists, with where each file is on this machine", async () => {
    const media = (over: object) => ({
      id: "m1",
      interview_id: "i1",
      position: 0,
      tape_label: "",
      kind: "audio",
      storage: "managed",
      path: "ab/abcd.mp3",
      original_name: "tape1.mp3",
      sha256: "abcd",
      size_bytes: 10,
      mime_type: "audio/mpeg",
      duration_ms: 60000,
      missing: false,
      created_at: "",
      updated_at: "",
      ...over,
    });
    h.commands.listMedia = vi.fn(() =>
      ok([
        { media: media({}), file: "/archive/media/ab/abcd.mp3" },
        { media: media({ id: "m2", position: 1, kind: "video", tape_label: "Tape 2, side B", duration_ms: null, missing: true }), file: "/mnt/video.mp4" },
      ]),
    );
    await expect(api.listRecordings("i1")).resolves.toEqual([
      { id: "m1", path: "/archive/media/ab/abcd.mp3", kind: "audio", mime_type: "audio/mpeg", duration_ms: 60000, missing: false, label: "tape1.mp3" },
      { id: "m2", path: "/mnt/video.mp4", kind: "video", mime_type: "audio/mpeg", duration_ms: null, missing: true, label: "Tape 2, side B" },
    ]);
    expect(h.commands.listMedia).toHaveBeenCalledWith("i1");
  });

  it("adds a recording as a job with progress", async () => {
    h.commands.addMedia = vi.fn((...args: unknown[]) => {
      (args[4] as { onmessage: (m: unknown) => void }).onmessage({ event: "progress", phase: "copying", done: 1, total: 2 });
      return ok({ id: "m1" });
    });
    const seen: unknown[] = [];
    await expect(api.addRecording("j1", "i1", "/a.wav", {}, (p) => seen.push(p))).resolves.toEqual({ id: "m1" });
    expect(h.commands.addMedia).toHaveBeenCalledWith("j1", "i1", "/a.wav", {}, expect.anything());
    expect(seen).toEqual([{ event: "progress", phase: "copying", done: 1, total: 2 }]);
  });
});
