// What a long list renders and where it scrolls: the arithmetic shared by the transcript's
// VirtualList (rows of any height) and the tables (DataTable, rows of one height).

export type ScrollAlign = "start" | "center" | "nearest";

/**
 * Where a viewport of height `view`, now at `y`, should scroll so that the row spanning
 * `top`..`bottom` is in view: at its top, in its middle, or (`nearest`) moved just enough.
 * A row taller than the view goes to its top.
 */
export function scrollFor(top: number, bottom: number, y: number, view: number, align: ScrollAlign = "nearest"): number {
  if (align === "start" || bottom - top >= view) return top;
  if (align === "center") return top - (view - (bottom - top)) / 2;
  if (top < y) return top;
  if (bottom > y + view) return bottom - view;
  return y;
}

/**
 * The first and last of `count` rows of `rowHeight` pixels to render when the list is scrolled
 * to `y` and `view` pixels are in view, with `overscan` rows more above and below.
 * [0, -1] for none.
 */
export function fixedWindow(count: number, rowHeight: number, y: number, view: number, overscan: number): [number, number] {
  if (count === 0 || !(rowHeight > 0)) return [0, -1];
  const first = Math.max(0, Math.min(count - 1, Math.floor(Math.max(0, y) / rowHeight) - overscan));
  const last = Math.max(first, Math.min(count - 1, Math.ceil((Math.max(0, y) + view) / rowHeight) - 1 + overscan));
  return [first, last];
}
