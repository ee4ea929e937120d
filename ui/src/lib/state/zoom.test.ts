import { afterEach, describe, expect, it } from "vitest";
import { ZOOM_LEVELS, nextZoom, savedZoom, saveZoom, zoomStepOf } from "./zoom";

const key = (key: string, mods: Partial<KeyboardEvent> = {}, code = "") => ({ key, code, ctrlKey: true, metaKey: false, altKey: false, ...mods });

describe("zoomStepOf", () => {
  it("reads Ctrl or Cmd with =, +, - and 0, on the main row and the keypad", () => {
    expect(zoomStepOf(key("="))).toBe("in");
    expect(zoomStepOf(key("+", { shiftKey: true }))).toBe("in");
    expect(zoomStepOf(key("+", {}, "NumpadAdd"))).toBe("in");
    expect(zoomStepOf(key("-"))).toBe("out");
    expect(zoomStepOf(key("-", {}, "NumpadSubtract"))).toBe("out");
    expect(zoomStepOf(key("0"))).toBe("reset");
    expect(zoomStepOf(key("=", { ctrlKey: false, metaKey: true }))).toBe("in");
  });

  it("reads the key's place when the layout gives it another character", () => {
    expect(zoomStepOf(key("ß", {}, "Minus"))).toBe("out");
    expect(zoomStepOf(key("à", {}, "Digit0"))).toBe("reset");
  });

  it("ignores the keys without Ctrl or Cmd, with Alt, and other keys", () => {
    expect(zoomStepOf(key("=", { ctrlKey: false }))).toBeNull();
    expect(zoomStepOf(key("-", { altKey: true }))).toBeNull();
    expect(zoomStepOf(key("k"))).toBeNull();
    expect(zoomStepOf(key("1"))).toBeNull();
  });
});

describe("nextZoom", () => {
  it("steps through the levels and stops at the ends", () => {
    expect(nextZoom(1, "in")).toBe(1.1);
    expect(nextZoom(1.1, "in")).toBe(1.25);
    expect(nextZoom(1, "out")).toBe(0.9);
    expect(nextZoom(3, "in")).toBe(3);
    expect(nextZoom(0.5, "out")).toBe(0.5);
    expect(nextZoom(2.5, "reset")).toBe(1);
  });

  it("from a level between steps goes to the nearest one in that direction", () => {
    expect(nextZoom(1.2, "in")).toBe(1.25);
    expect(nextZoom(1.2, "out")).toBe(1.1);
  });
});

describe("the kept level", () => {
  afterEach(() => localStorage.clear());

  it("is 1 at first, then what was saved; 1 is not stored", () => {
    expect(savedZoom()).toBe(1);
    saveZoom(1.25);
    expect(savedZoom()).toBe(1.25);
    saveZoom(1);
    expect(localStorage.getItem("recollect.zoom")).toBeNull();
  });

  it("ignores a stored value that is not a level", () => {
    localStorage.setItem("recollect.zoom", "7");
    expect(savedZoom()).toBe(1);
    expect(ZOOM_LEVELS).toContain(savedZoom());
  });
});
