import { beforeEach, describe, expect, it, vi } from "vitest";

// The generated bindings and Tauri's core stand in for the backend; nothing here reaches one.
vi.mock("../bindings", () => import("../../test/fake-bindings"));
vi.mock("@tauri-apps/api/core", () => import("../../test/fake-bindings"));

import { fail, h, resetBindings } from "../../test/fake-bindings";
import * as api from "./access";
import { ApiError } from "./errors";

beforeEach(() => resetBindings());

describe("access", () => {
  it("turns refusals into ApiErrors with the field named", async () => {
    h.commands.restrict = vi.fn(() => fail("invalid", "seal: a seal is for a span of a transcript or a whole transcript; restrict other records", "seal"));
    const error = (await api.restrict({ target: null, action: "seal" }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.field).toBe("seal");
  });
});
