// The generated bindings and the parts of @tauri-apps/* the api folder uses, for the api
// folder's own tests (everything else mocks the api itself, fake-api.ts):
//   vi.mock("../bindings", () => import("../../test/fake-bindings"));
//   vi.mock("@tauri-apps/api/core", () => import("../../test/fake-bindings"));
//   vi.mock("@tauri-apps/api/webview", () => import("../../test/fake-bindings"));
// Every command is a vi.fn the test may replace (`h.commands.listPeople = vi.fn(...)`); nothing
// reaches a backend. Call resetBindings() before each test.

import { vi } from "vitest";

export const h = {
  commands: {} as Record<string, ReturnType<typeof vi.fn>>,
  /** events.archiveChanged.listen */
  listen: vi.fn(),
  /** The webview's onDragDropEvent. */
  dragDrop: vi.fn(),
  /** The webview's setZoom. */
  setZoom: vi.fn(),
  /** Every Channel made, in order. */
  channels: [] as { onmessage: ((m: unknown) => void) | null }[],
};

export function resetBindings(): void {
  for (const key of Object.keys(h.commands)) delete h.commands[key];
  h.listen.mockReset();
  h.dragDrop.mockReset();
  h.setZoom.mockReset();
  h.channels.length = 0;
}

/** An ok Result, as the bindings give it. */
export const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
/** An error Result, as the bindings give it. */
// An error as the shell sends it: for `invalid`, the field and the detail come as data.
export const fail = (code: string, message: string, field: string | null = null) =>
  Promise.resolve({
    status: "error" as const,
    error: { code, message, field, detail: field ? message.slice(field.length + 2) : message },
  });

// ../bindings

export const commands = new Proxy(h.commands, {
  get: (target, name: string) => (target[name] ??= vi.fn()),
});
export const events = { archiveChanged: { listen: h.listen } };

// @tauri-apps/api/core

export class Channel {
  onmessage: ((m: unknown) => void) | null = null;
  constructor() {
    h.channels.push(this);
  }
}
export const convertFileSrc = (path: string) => `http://asset.localhost/${encodeURIComponent(path)}`;

// @tauri-apps/api/webview

export const getCurrentWebview = () => ({ onDragDropEvent: h.dragDrop, setZoom: h.setZoom });
