// Zooming the whole interface with Ctrl/Cmd+= (or +), Ctrl/Cmd+- and Ctrl/Cmd+0, in the steps
// browsers use. The level is kept in localStorage, so the window opens at it again.

export const ZOOM_LEVELS = [0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const;
const KEY = "recollect.zoom";

export type ZoomStep = "in" | "out" | "reset";

/** What a key press asks of the zoom, if anything: Ctrl/Cmd with =, +, - or 0 (main row or
 * keypad), without Alt. */
export function zoomStepOf(e: Pick<KeyboardEvent, "key" | "code" | "ctrlKey" | "metaKey" | "altKey">): ZoomStep | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  if (e.key === "=" || e.key === "+" || e.code === "Equal" || e.code === "NumpadAdd") return "in";
  if (e.key === "-" || e.key === "_" || e.code === "Minus" || e.code === "NumpadSubtract") return "out";
  if (e.key === "0" || e.code === "Digit0" || e.code === "Numpad0") return "reset";
  return null;
}

/** The level a step leads to from `current`: the next level up or down, 1 for reset; the
 * ends stay where they are. */
export function nextZoom(current: number, step: ZoomStep): number {
  if (step === "reset") return 1;
  if (step === "in") return ZOOM_LEVELS.find((z) => z > current + 1e-6) ?? ZOOM_LEVELS[ZOOM_LEVELS.length - 1];
  return [...ZOOM_LEVELS].reverse().find((z) => z < current - 1e-6) ?? ZOOM_LEVELS[0];
}

/** The level kept from the last session, 1 when none (or one that is not a level). */
export function savedZoom(): number {
  const z = Number(globalThis.localStorage?.getItem(KEY));
  return ZOOM_LEVELS.some((l) => l === z) ? z : 1;
}

export function saveZoom(z: number): void {
  if (z === 1) globalThis.localStorage?.removeItem(KEY);
  else globalThis.localStorage?.setItem(KEY, String(z));
}
