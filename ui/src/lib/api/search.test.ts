import { beforeEach, describe, expect, it, vi } from "vitest";

// The generated bindings and Tauri's core stand in for the backend; nothing here reaches one.
vi.mock("../bindings", () => import("../../test/fake-bindings"));
vi.mock("@tauri-apps/api/core", () => import("../../test/fake-bindings"));

import { h, ok, resetBindings } from "../../test/fake-bindings";
import * as api from "./search";

beforeEach(() => resetBindings());

describe("search", () => {
  it("passes the query through", async () => {
    h.commands.searchArchive = vi.fn(() => ok([]));
    await api.searchArchive({ text: "Троцкий", year_from: 1920 });
    expect(h.commands.searchArchive).toHaveBeenCalledWith({ text: "Троцкий", year_from: 1920 });
  });
});
