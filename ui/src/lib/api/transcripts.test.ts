import { beforeEach, describe, expect, it, vi } from "vitest";

// The generated bindings and Tauri's core stand in for the backend; nothing here reaches one.
vi.mock("../bindings", () => import("../../test/fake-bindings"));
vi.mock("@tauri-apps/api/core", () => import("../../test/fake-bindings"));

import { fail, h, ok, resetBindings } from "../../test/fake-bindings";
import { cancelJob } from "./jobs";
import * as api from "./transcripts";

beforeEach(() => resetBindings());

describe("transcripts and jobs", () => {
  it("hands an import's progress reports to the sink through a Tauri channel", async () => {
    let channel: { onmessage: (m: unknown) => void } | undefined;
    h.commands.importTranscript = vi.fn((...args: unknown[]) => {
      channel = args[4] as typeof channel;
      channel!.onmessage({ event: "started", title: "Importing a.vtt" });
      return ok({ transcript: { id: "t1" }, index_points: 0, warnings: [] });
    });
    const seen: unknown[] = [];
    await expect(api.importTranscript("job-1", "i1", "/a.vtt", { format: "vtt" }, (p) => seen.push(p))).resolves.toMatchObject({
      transcript: { id: "t1" },
    });
    expect(h.commands.importTranscript).toHaveBeenCalledWith("job-1", "i1", "/a.vtt", { format: "vtt" }, channel);
    expect(seen).toEqual([{ event: "started", title: "Importing a.vtt" }]);
  });

  it("says so when a job was cancelled", async () => {
    h.commands.importTranscript = vi.fn(() => fail("cancelled", "the import was cancelled"));
    await expect(api.importTranscript("j", "i", "/a.vtt", {}, () => {})).rejects.toMatchObject({ code: "cancelled" });
    h.commands.cancelJob = vi.fn(() => ok(null));
    await expect(cancelJob("j")).resolves.toBeUndefined();
    expect(h.commands.cancelJob).toHaveBeenCalledWith("j");
  });

  it("passes segment edits through", async () => {
    h.commands.splitSegment = vi.fn(() => ok([{ id: "a" }, { id: "b" }]));
    await expect(api.splitSegment("s1", 12, null)).resolves.toEqual([{ id: "a" }, { id: "b" }]);
    expect(h.commands.splitSegment).toHaveBeenCalledWith("s1", 12, null);
  });
});
