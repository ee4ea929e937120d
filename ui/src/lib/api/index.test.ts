import { beforeEach, describe, expect, it, vi } from "vitest";

// The generated bindings and Tauri stand in for the backend; nothing here reaches one.
vi.mock("../bindings", () => import("../../test/fake-bindings"));
vi.mock("@tauri-apps/api/core", () => import("../../test/fake-bindings"));
vi.mock("@tauri-apps/api/webview", () => import("../../test/fake-bindings"));

import { fail, h, ok, resetBindings } from "../../test/fake-bindings";
import * as access from "./access";
import * as archive from "./archive";
import * as api from "./index";
import { ApiError } from "./index";
import * as interviews from "./interviews";
import * as jobs from "./jobs";
import * as library from "./library";
import * as packages from "./packages";
import * as people from "./people";
import * as photos from "./photos";
import * as recordings from "./recordings";
import * as search from "./search";
import * as transcripts from "./transcripts";

beforeEach(() => resetBindings());

describe("the door", () => {
  it("re-exports every function and value of every domain file, and nothing twice", () => {
    const domains = { access, archive, interviews, jobs, library, packages, people, photos, recordings, search, transcripts };
    const seen = new Map<string, string>();
    for (const [domain, module] of Object.entries(domains)) {
      for (const [name, value] of Object.entries(module)) {
        expect(seen.get(name), `${name} is in ${domain}.ts and ${seen.get(name)}.ts`).toBeUndefined();
        seen.set(name, domain);
        // The channel stays inside the api folder.
        if (name === "channelTo") expect(name in api, "channelTo is not re-exported").toBe(false);
        else expect((api as Record<string, unknown>)[name], `${domain}.ts's ${name}`).toBe(value);
      }
    }
  });
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
