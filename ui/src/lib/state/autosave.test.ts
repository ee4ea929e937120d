import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../api", () => import("../../test/fake-api"));

import { ApiError, invalidField } from "../api";
import { AUTOSAVE_DELAY, Autosave } from "./autosave.svelte";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(write = vi.fn(async (_v: string) => {})) {
  let value = "";
  const saver = new Autosave(() => value, write);
  return {
    saver,
    write,
    type: (v: string) => {
      value = v;
      saver.schedule();
    },
  };
}

describe("Autosave", () => {
  it("waits for a pause in typing, then saves the latest value once", async () => {
    const { saver, write, type } = setup();
    type("T");
    await vi.advanceTimersByTimeAsync(200);
    type("Tw");
    await vi.advanceTimersByTimeAsync(200);
    type("Two");
    expect(saver.state).toBe("pending");
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY - 1);
    expect(write).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(write).toHaveBeenCalledOnce();
    expect(write).toHaveBeenCalledWith("Two");
    expect(saver.state).toBe("saved");
  });

  it("saves at once on flush, and not again when the timer would have fired", async () => {
    const { saver, write, type } = setup();
    type("Two");
    await saver.flush();
    expect(write).toHaveBeenCalledWith("Two");
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY * 2);
    expect(write).toHaveBeenCalledOnce();
  });

  it("does nothing on flush when nothing changed", async () => {
    const { saver, write } = setup();
    await saver.flush();
    expect(write).not.toHaveBeenCalled();
    expect(saver.state).toBe("idle");
  });

  it("runs one save at a time and sends edits made meanwhile afterwards", async () => {
    let finish!: () => void;
    const write = vi.fn((_v: string) => new Promise<void>((r) => (finish = r)));
    const { saver, type } = setup(write);
    type("A");
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY);
    expect(saver.state).toBe("saving");
    type("AB");
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY);
    expect(write).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(write).toHaveBeenCalledTimes(2);
    expect(write).toHaveBeenLastCalledWith("AB");
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.state).toBe("saved");
  });

  it("shows a failed save as an error until a later save succeeds", async () => {
    const write = vi.fn(async (v: string) => {
      if (v.includes("spring")) throw invalidField("date", '"spring" is not an EDTF date');
    });
    const { saver, type } = setup(write);
    type("spring");
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY);
    expect(saver.state).toBe("error");
    expect(saver.error?.field).toBe("date");
    type("1927");
    expect(saver.error).not.toBeNull();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY);
    expect(saver.state).toBe("saved");
    expect(saver.error).toBeNull();
  });

  it("drops a waiting save when cancelled", async () => {
    const { saver, write, type } = setup();
    type("gone");
    saver.cancel();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY);
    expect(write).not.toHaveBeenCalled();
  });
});
