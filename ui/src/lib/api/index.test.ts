import { beforeEach, describe, expect, it, vi } from "vitest";

// The generated bindings stand in for Tauri; nothing here reaches a backend.
const h = vi.hoisted(() => ({
  commands: {} as Record<string, ReturnType<typeof vi.fn>>,
  listen: vi.fn(),
}));

// Tauri's channel, asset URLs and webview events, as far as the module uses them.
const t = vi.hoisted(() => ({
  dragDrop: vi.fn(),
}));
vi.mock("@tauri-apps/api/core", () => ({
  Channel: class {
    onmessage: ((m: unknown) => void) | null = null;
  },
  convertFileSrc: (path: string) => `asset://localhost/${encodeURIComponent(path)}`,
}));
vi.mock("@tauri-apps/api/webview", () => ({
  getCurrentWebview: () => ({ onDragDropEvent: t.dragDrop }),
}));

vi.mock("../bindings", () => ({
  commands: new Proxy(h.commands, {
    get: (target, name: string) => (target[name] ??= vi.fn()),
  }),
  events: { archiveChanged: { listen: h.listen } },
}));

import * as api from "./index";
import { ApiError } from "./index";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
// An error as the shell sends it: for `invalid`, the field and the detail come as data.
const fail = (code: string, message: string, field: string | null = null) =>
  Promise.resolve({
    status: "error" as const,
    error: { code, message, field, detail: field ? message.slice(field.length + 2) : message },
  });

beforeEach(() => {
  for (const key of Object.keys(h.commands)) delete h.commands[key];
  h.listen.mockReset();
});

describe("unwrapping results", () => {
  it("returns the data of an ok result", async () => {
    h.commands.listCollections = vi.fn(() => ok([{ id: "c1", title: "Family" }]));
    await expect(api.listCollections()).resolves.toEqual([{ id: "c1", title: "Family" }]);
  });

  it("passes arguments through to the command", async () => {
    h.commands.listInterviews = vi.fn(() => ok([]));
    h.commands.updateInterview = vi.fn(() => ok({ id: "i1" }));
    await api.listInterviews({ collection_id: "c1" });
    await api.updateInterview("i1", { title: "T" });
    expect(h.commands.listInterviews).toHaveBeenCalledWith({ collection_id: "c1" });
    expect(h.commands.updateInterview).toHaveBeenCalledWith("i1", { title: "T" });
  });

  it("throws an ApiError with the backend's code and message", async () => {
    h.commands.deletePerson = vi.fn(() =>
      fail("in_use", 'Tatiana Smilga cannot be deleted: they are the narrator of "Two daughters". Remove them from those interviews first.'),
    );
    const error = await api.deletePerson("p1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: "in_use",
      message: 'Tatiana Smilga cannot be deleted: they are the narrator of "Two daughters". Remove them from those interviews first.',
      field: null,
    });
  });

  it("splits a validation error into its field and what to do", async () => {
    h.commands.updateInterview = vi.fn(() =>
      fail("invalid", 'date: "spring 1927" is not an EDTF date (invalid); write e.g. 1927, 1927-02-25, 1927-02~ or 192X', "date"),
    );
    const error = (await api.updateInterview("i1", { title: "T", date: "spring 1927" }).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe("invalid");
    expect(error.field).toBe("date");
    expect(error.detail).toBe('"spring 1927" is not an EDTF date (invalid); write e.g. 1927, 1927-02-25, 1927-02~ or 192X');
    expect(error.message).toBe('Date: "spring 1927" is not an EDTF date (invalid); write e.g. 1927, 1927-02-25, 1927-02~ or 192X');
  });

  it("keeps fields with spaces (birth date) and capitalises the detail", async () => {
    h.commands.updatePerson = vi.fn(() => fail("invalid", "birth date: wrong", "birth date"));
    const error = (await api.updatePerson("p1", { display_name: "X" }).catch((e: unknown) => e)) as ApiError;
    expect([error.field, error.detail]).toEqual(["birth date", "Wrong"]);
  });

  it("does not read a field into errors of other codes", async () => {
    h.commands.openArchive = vi.fn(() => fail("not_found", "/tmp/x.db: does not exist"));
    const error = (await api.openArchive("/tmp/x.db").catch((e: unknown) => e)) as ApiError;
    expect(error.field).toBeNull();
    expect(error.code).toBe("not_found");
  });

  it("turns a failed IPC call into an internal ApiError with a message for the curator", async () => {
    h.commands.archiveInfo = vi.fn(() => Promise.reject(new Error("ipc channel closed")));
    const error = (await api.archiveInfo().catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("internal");
    expect(error.message).toMatch(/could not reach its archive \(ipc channel closed\)/);
  });

  it("unwraps recentArchives, which returns a plain list, and wraps its failures", async () => {
    h.commands.recentArchives = vi.fn(() => Promise.resolve([{ path: "/a.db", name: "a", exists: true }]));
    await expect(api.recentArchives()).resolves.toHaveLength(1);
    h.commands.recentArchives = vi.fn(() => Promise.reject("no window"));
    await expect(api.recentArchives()).rejects.toMatchObject({ code: "internal" });
  });

  it("resolves deletions to nothing", async () => {
    h.commands.deleteInterview = vi.fn(() => ok(null));
    await expect(api.deleteInterview("i1")).resolves.toBeUndefined();
  });
});

describe("onArchiveChanged", () => {
  it("calls back with what changed, and stops when unlistened", async () => {
    const unlisten = vi.fn();
    let handler: ((e: { payload: { what: string } }) => void) | undefined;
    h.listen.mockImplementation((cb: typeof handler) => {
      handler = cb;
      return Promise.resolve(unlisten);
    });
    const seen: string[] = [];
    const stop = api.onArchiveChanged((what) => seen.push(what));
    await Promise.resolve();
    handler!({ payload: { what: "people" } });
    expect(seen).toEqual(["people"]);
    stop();
    expect(unlisten).toHaveBeenCalledOnce();
    handler!({ payload: { what: "interviews" } });
    expect(seen).toEqual(["people"]);
  });

  it("unlistens even when stopped before Tauri registered the listener", async () => {
    const unlisten = vi.fn();
    let register!: (u: () => void) => void;
    h.listen.mockReturnValue(new Promise((resolve) => (register = resolve)));
    const stop = api.onArchiveChanged(() => {});
    stop();
    register(unlisten);
    await Promise.resolve();
    await Promise.resolve();
    expect(unlisten).toHaveBeenCalledOnce();
  });
});

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
    await expect(api.cancelJob("j")).resolves.toBeUndefined();
    expect(h.commands.cancelJob).toHaveBeenCalledWith("j");
  });

  it("passes segment edits through", async () => {
    h.commands.splitSegment = vi.fn(() => ok([{ id: "a" }, { id: "b" }]));
    await expect(api.splitSegment("s1", 12, null)).resolves.toEqual([{ id: "a" }, { id: "b" }]);
    expect(h.commands.splitSegment).toHaveBeenCalledWith("s1", 12, null);
    h.commands.searchArchive = vi.fn(() => ok([]));
    await api.searchArchive({ text: "Троцкий", year_from: 1920 });
    expect(h.commands.searchArchive).toHaveBeenCalledWith({ text: "Троцкий", year_from: 1920 });
  });
});

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

describe("onDragDrop", () => {
  it("reports files dragged over and dropped on the window, and stops when asked", async () => {
    const unlisten = vi.fn();
    let handler: ((e: { payload: unknown }) => void) | undefined;
    t.dragDrop.mockImplementation((cb: typeof handler) => {
      handler = cb;
      return Promise.resolve(unlisten);
    });
    const seen: unknown[] = [];
    const stop = api.onDragDrop((e) => seen.push(e));
    await Promise.resolve();
    handler!({ payload: { type: "enter", paths: ["/a.vtt"], position: { x: 1, y: 2 } } });
    handler!({ payload: { type: "over", position: { x: 3, y: 4 } } });
    handler!({ payload: { type: "drop", paths: ["/a.vtt"], position: { x: 3, y: 4 } } });
    expect(seen).toEqual([{ type: "enter", paths: ["/a.vtt"] }, { type: "over" }, { type: "drop", paths: ["/a.vtt"] }]);
    stop();
    expect(unlisten).toHaveBeenCalledOnce();
  });
});
