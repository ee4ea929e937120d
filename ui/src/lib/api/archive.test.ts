import { beforeEach, describe, expect, it, vi } from "vitest";

// The generated bindings and Tauri's core stand in for the backend; nothing here reaches one.
vi.mock("../bindings", () => import("../../test/fake-bindings"));
vi.mock("@tauri-apps/api/core", () => import("../../test/fake-bindings"));
vi.mock("@tauri-apps/api/webview", () => import("../../test/fake-bindings"));

import { h, resetBindings } from "../../test/fake-bindings";
import * as api from "./archive";
import { ApiError } from "./errors";

beforeEach(() => resetBindings());

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

describe("onDragDrop", () => {
  it("reports files dragged over and dropped on the window, and stops when asked", async () => {
    const unlisten = vi.fn();
    let handler: ((e: { payload: unknown }) => void) | undefined;
    h.dragDrop.mockImplementation((cb: typeof handler) => {
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

describe("setZoom", () => {
  it("zooms the webview, and a refusal comes back as an ApiError", async () => {
    h.setZoom.mockResolvedValueOnce(undefined);
    await api.setZoom(1.25);
    expect(h.setZoom).toHaveBeenCalledWith(1.25);
    h.setZoom.mockRejectedValueOnce("webview.set_webview_zoom not allowed");
    await expect(api.setZoom(2)).rejects.toBeInstanceOf(ApiError);
  });
});
