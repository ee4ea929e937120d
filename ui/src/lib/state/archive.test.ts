import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../api", () => import("../../test/fake-api"));

import { ApiError } from "../api";
import { backend, mocks, reset } from "../../test/fake-api";
import { seedSample } from "../../test/render";
import { ArchiveStore, NEW_INTERVIEW_TITLE } from "./archive.svelte";

let s: ReturnType<typeof seedSample>;

beforeEach(() => {
  reset();
  s = seedSample();
});

async function started() {
  const store = new ArchiveStore();
  await store.start();
  return store;
}

const titles = (store: ArchiveStore) => store.interviews.map((i) => i.title);

describe("loading", () => {
  it("loads the archive, its collections, people and all interviews", async () => {
    const store = await started();
    expect(store.phase).toBe("open");
    expect(store.info?.name).toBe("Family stories");
    expect(store.collections.map((c) => [c.title, c.interview_count])).toEqual([
      ["Leningrad blockade", 1],
      ["Smilga family", 2],
    ]);
    expect(store.people).toHaveLength(5);
    expect(titles(store)).toEqual(["A winter in Leningrad", "Books and letters", "Two daughters", "Zhenya remembers"]);
    expect(store.allCount).toBe(4);
    expect(store.recent).toHaveLength(1);
  });

  it("says so when no archive is open, and loads nothing else", async () => {
    backend.info = null;
    const store = await started();
    expect(store.phase).toBe("none");
    expect(store.interviews).toEqual([]);
    expect(mocks.listInterviews).not.toHaveBeenCalled();
  });

  it("shows a load failure as a notice instead of throwing", async () => {
    backend.failNext("listCollections", new ApiError("internal", "database error: disk I/O error"));
    const store = await started();
    expect(store.notice?.message).toBe("Database error: disk I/O error");
    expect(store.notice?.kind).toBe("error");
  });

  it("lets information go by itself, and keeps an error until dismissed", async () => {
    const store = await started();
    vi.useFakeTimers();
    try {
      store.showInfo("Added 1 photo.");
      vi.advanceTimersByTime(7000);
      expect(store.notice?.message).toBe("Added 1 photo.");
      vi.advanceTimersByTime(2000);
      expect(store.notice).toBeNull();
      store.showError(new ApiError("io", "the disk is full"));
      vi.advanceTimersByTime(60_000);
      expect(store.notice?.kind).toBe("error");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("places and selection", () => {
  it("shows one collection's interviews, keeping the count of all", async () => {
    const store = await started();
    await store.setPlace({ kind: "collection", id: s.family.id });
    expect(titles(store)).toEqual(["Two daughters", "Zhenya remembers"]);
    expect(mocks.listInterviews).toHaveBeenLastCalledWith({});
    expect(mocks.listInterviews).toHaveBeenCalledWith({ collection_id: s.family.id });
    expect(store.allCount).toBe(4);
    expect(store.placeTitle).toBe("Smilga family");
  });

  it("selects one interview for the editor, and none when several are selected", async () => {
    const store = await started();
    store.selectInterviews([s.two.id]);
    expect(store.selectedInterview?.title).toBe("Two daughters");
    store.selectInterviews([s.two.id, s.books.id]);
    expect(store.selectedInterview).toBeNull();
  });

  it("clears the selection when the place changes", async () => {
    const store = await started();
    store.selectInterviews([s.two.id]);
    await store.setPlace({ kind: "collection", id: s.blockade.id });
    expect(store.selectedIds).toEqual([]);
  });

  it("ignores an answer for a place that is no longer shown", async () => {
    const store = await started();
    let release!: () => void;
    mocks.listInterviews.mockImplementationOnce(
      () => new Promise((resolve) => (release = () => resolve([]))),
    );
    const slow = store.setPlace({ kind: "collection", id: s.blockade.id });
    await store.setPlace({ kind: "all" });
    release();
    await slow;
    expect(titles(store)).toHaveLength(4);
  });
});

describe("reloading on archiveChanged", () => {
  it("reloads the interviews and counts when interviews change elsewhere", async () => {
    const store = await started();
    backend.addInterview("Added by the command line", { collection_id: s.blockade.id });
    backend.emit("interviews");
    await vi.waitFor(() => expect(titles(store)).toContain("Added by the command line"));
    expect(store.allCount).toBe(5);
    expect(store.collections.find((c) => c.id === s.blockade.id)?.interview_count).toBe(2);
  });

  it("keeps the selection when the selected interview is still there, and drops it when not", async () => {
    const store = await started();
    store.selectInterviews([s.two.id, s.books.id]);
    backend.interviews = backend.interviews.filter((i) => i.id !== s.books.id);
    backend.emit("interviews");
    await vi.waitFor(() => expect(store.interviews).toHaveLength(3));
    expect(store.selectedIds).toEqual([s.two.id]);
  });

  it("shows new names in the list after people change", async () => {
    const store = await started();
    backend.people.find((p) => p.id === s.zorya.id)!.display_name = "Zoria Serebriakova";
    backend.emit("people");
    await vi.waitFor(() => expect(store.interviews.find((i) => i.id === s.winter.id)?.narrators[0].name).toBe("Zoria Serebriakova"));
    expect(store.people.some((p) => p.display_name === "Zoria Serebriakova")).toBe(true);
  });

  it("falls back to all interviews when the shown collection is deleted elsewhere", async () => {
    const store = await started();
    await store.setPlace({ kind: "collection", id: s.blockade.id });
    backend.collections = backend.collections.filter((c) => c.id !== s.blockade.id);
    backend.emit("collections");
    await vi.waitFor(() => expect(store.place).toEqual({ kind: "all" }));
    await vi.waitFor(() => expect(store.interviews).toHaveLength(4));
  });

  it("starts afresh when another archive is opened", async () => {
    const store = await started();
    await store.setPlace({ kind: "collection", id: s.family.id });
    store.selectInterviews([s.two.id]);
    backend.info = { path: "/other.db", name: "other", curator: "Ann" };
    backend.interviews = [];
    backend.emit("archive");
    await vi.waitFor(() => expect(store.info?.name).toBe("other"));
    expect(store.place).toEqual({ kind: "all" });
    expect(store.selectedIds).toEqual([]);
    expect(store.interviews).toEqual([]);
  });

  it("gathers a burst of changes into few reloads", async () => {
    const store = await started();
    mocks.listPeople.mockClear();
    for (let n = 0; n < 6; n++) backend.emit("people");
    await vi.waitFor(() => expect(mocks.listPeople).toHaveBeenCalled());
    await store.reload("people");
    expect(mocks.listPeople.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it("stops listening when stopped", async () => {
    const store = await started();
    store.stop();
    mocks.listInterviews.mockClear();
    backend.emit("interviews");
    await new Promise((r) => setTimeout(r, 5));
    expect(mocks.listInterviews).not.toHaveBeenCalled();
  });
});

describe("writes", () => {
  it("creates an untitled interview in the current collection, selects it and asks for its title", async () => {
    const store = await started();
    await store.setPlace({ kind: "collection", id: s.family.id });
    const created = await store.createInterview();
    expect(mocks.createInterview).toHaveBeenCalledWith({ title: NEW_INTERVIEW_TITLE, collection_id: s.family.id });
    expect(store.selectedIds).toEqual([created.id]);
    expect(titles(store)).toContain(NEW_INTERVIEW_TITLE);
    expect(store.focusRequest).toMatchObject({ target: "interview-title", selectAll: true });
    expect(store.collections.find((c) => c.id === s.family.id)?.interview_count).toBe(3);
    expect(store.allCount).toBe(5);
  });

  it("saves an interview and shows the saved record in the list at once", async () => {
    const store = await started();
    await store.saveInterview(s.books.id, { title: "Books, letters and diaries", narrator_ids: [s.isaeva.id] });
    expect(titles(store)).toContain("Books, letters and diaries");
  });

  it("deletes interviews and selects the next one in the order shown", async () => {
    const store = await started();
    store.selectInterviews([s.books.id]);
    const shown = [s.zhenya.id, s.books.id, s.two.id, s.winter.id];
    await store.deleteInterviews([s.books.id], shown);
    expect(store.selectedIds).toEqual([s.two.id]);
    expect(store.allCount).toBe(3);
  });

  it("keeps a person the backend refuses to delete, passing on its message", async () => {
    const store = await started();
    const error = await store.deletePerson(s.tatiana.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "in_use" });
    expect((error as Error).message).toContain('narrator of "Two daughters"');
    expect(store.people.some((p) => p.id === s.tatiana.id)).toBe(true);
  });

  it("returns to all interviews when the shown collection is deleted", async () => {
    const store = await started();
    await store.setPlace({ kind: "collection", id: s.family.id });
    await store.deleteCollection(s.family.id);
    expect(store.place).toEqual({ kind: "all" });
    expect(store.collections.map((c) => c.title)).toEqual(["Leningrad blockade"]);
  });

  it("does nothing when the Open dialog is cancelled", async () => {
    const store = await started();
    backend.dialogAnswer = null;
    await store.chooseArchiveToOpen();
    expect(store.info?.name).toBe("Family stories");
    expect(store.notice).toBeNull();
  });

  it("tells the curator when a recent archive is gone", async () => {
    const store = await started();
    await store.openRecent("/gone.db");
    expect(store.notice?.message).toMatch(/does not exist/);
  });
});
