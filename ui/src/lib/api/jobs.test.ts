import { beforeEach, describe, expect, it, vi } from "vitest";

// The generated bindings and Tauri's core stand in for the backend; nothing here reaches one.
vi.mock("../bindings", () => import("../../test/fake-bindings"));
vi.mock("@tauri-apps/api/core", () => import("../../test/fake-bindings"));

import { h, ok, resetBindings } from "../../test/fake-bindings";
import * as api from "./jobs";

beforeEach(() => resetBindings());

describe("jobs", () => {
  it("cancels a job by its id", async () => {
    h.commands.cancelJob = vi.fn(() => ok(null));
    await expect(api.cancelJob("job-1")).resolves.toBeUndefined();
    expect(h.commands.cancelJob).toHaveBeenCalledWith("job-1");
  });
});
