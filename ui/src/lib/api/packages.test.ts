import { beforeEach, describe, expect, it, vi } from "vitest";

// The generated bindings and Tauri's core stand in for the backend; nothing here reaches one.
vi.mock("../bindings", () => import("../../test/fake-bindings"));
vi.mock("@tauri-apps/api/core", () => import("../../test/fake-bindings"));

import { h, ok, resetBindings } from "../../test/fake-bindings";
import type { Progress } from "./jobs";
import * as api from "./packages";

beforeEach(() => resetBindings());

describe("packages", () => {
  it("hands each progress report of a job to the function given, through a channel", async () => {
    const heard: Progress[] = [];
    h.commands.exportPackage = vi.fn((_id: string, _options: unknown, channel: { onmessage: (p: Progress) => void }) => {
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
});
