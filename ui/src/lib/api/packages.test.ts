import { beforeEach, describe, expect, it, vi } from "vitest";

// The generated bindings and Tauri's Channel stand in for the backend.
const h = vi.hoisted(() => ({ commands: {} as Record<string, ReturnType<typeof vi.fn>> }));

vi.mock("../bindings", () => ({
  commands: new Proxy(h.commands, { get: (target, name: string) => (target[name] ??= vi.fn()) }),
  events: { archiveChanged: { listen: vi.fn() } },
}));

vi.mock("@tauri-apps/api/core", () => ({
  Channel: class<T> {
    onmessage: (message: T) => void = () => {};
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
});

describe("the library's commands, through the one API module", () => {
  it("passes a Target through as the bindings type it", async () => {
    h.commands.tagTarget = vi.fn(() => ok({ id: "g1" }));
    const target = { type: "span" as const, transcript_id: "t1", first_segment_id: "s1", last_segment_id: "s2" };
    await api.tagTarget("tag1", target);
    expect(h.commands.tagTarget).toHaveBeenCalledWith("tag1", target);
  });

  it("adds to the end of a list unless told where", async () => {
    h.commands.addToList = vi.fn(() => ok({ id: "l1" }));
    await api.addToList("l1", { kind: "interview", id: "i1" });
    expect(h.commands.addToList).toHaveBeenCalledWith("l1", { kind: "interview", id: "i1" }, null);
  });

  it("turns refusals into ApiErrors with the field named", async () => {
    h.commands.restrict = vi.fn(() => fail("invalid", "seal: a seal is for a span of a transcript or a whole transcript; restrict other records", "seal"));
    const error = (await api.restrict({ target: null, action: "seal" }).catch((e: unknown) => e)) as api.ApiError;
    expect(error).toBeInstanceOf(api.ApiError);
    expect(error.field).toBe("seal");
  });

  it("hands each progress report of a job to the function given, through a channel", async () => {
    const heard: api.Progress[] = [];
    h.commands.exportPackage = vi.fn((_id: string, _options: unknown, channel: { onmessage: (p: api.Progress) => void }) => {
      channel.onmessage({ event: "started", title: "Exporting a public package" });
      channel.onmessage({ event: "progress", phase: "writing", done: 1, total: 2 });
      return ok({ out: "/x", interviews: 1, files: 3, megabytes: 1, withheld: [] });
    });
    const summary = await api.exportPackage("job-1", { out: "/x", profile: "public", selection: { kind: "all" } }, (p) => heard.push(p));
    expect(summary.files).toBe(3);
    expect(h.commands.exportPackage.mock.calls[0][0]).toBe("job-1");
    expect(heard).toEqual([
      { event: "started", title: "Exporting a public package" },
      { event: "progress", phase: "writing", done: 1, total: 2 },
    ]);
  });

  it("cancels a job by its id", async () => {
    h.commands.cancelJob = vi.fn(() => ok(null));
    await expect(api.cancelJob("job-1")).resolves.toBeUndefined();
    expect(h.commands.cancelJob).toHaveBeenCalledWith("job-1");
  });
});
