import { beforeEach, describe, expect, it, vi } from "vitest";

// The generated bindings and Tauri's core stand in for the backend; nothing here reaches one.
vi.mock("../bindings", () => import("../../test/fake-bindings"));
vi.mock("@tauri-apps/api/core", () => import("../../test/fake-bindings"));

import { h, ok, resetBindings } from "../../test/fake-bindings";
import * as api from "./library";

beforeEach(() => resetBindings());

describe("the library's commands", () => {
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
});
