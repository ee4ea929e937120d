// Column widths of a table the curator can resize. A column is either fixed (a width in px or
// rem: a date, a status) or flexible (a percentage: a share of what the fixed ones leave). The
// curator drags the boundary between two columns, so one grows by what the other gives and the
// table keeps its width; fixed columns remember their pixels and flexible ones their share, so
// a wider window widens the titles, not the dates.

export interface WidthSpec {
  key: string;
  /** "55%" (a share of the room the fixed columns leave), "7.75rem" or "120px"; none: an equal share. */
  width?: string;
  /** The narrowest the curator can make it, in px. */
  minWidth?: number;
}

/** What is remembered of a table's widths: px for a fixed column, a share for a flexible one. */
export type SavedWidths = Record<string, number>;

export const MIN_WIDTH = 48;

type Kind = { fixed: number } | { share: number };

function kindOf(spec: WidthSpec, rem: number): Kind {
  const w = spec.width?.trim() ?? "";
  const n = parseFloat(w);
  if (w.endsWith("rem") && n > 0) return { fixed: n * rem };
  if (w.endsWith("px") && n > 0) return { fixed: n };
  if (w.endsWith("%") && n > 0) return { share: n };
  return { share: 1 };
}

const minOf = (spec: WidthSpec) => spec.minWidth ?? MIN_WIDTH;

/**
 * Each column's width in px for a table `total` px wide: fixed columns as saved or specified,
 * flexible ones sharing the rest by their saved or specified shares (never below their
 * minimum; the table then grows wider than `total` and scrolls).
 */
export function columnWidths(specs: WidthSpec[], saved: SavedWidths, total: number, rem = 16): number[] {
  const kinds = specs.map((s) => kindOf(s, rem));
  const fixed = kinds.map((k, i) => ("fixed" in k ? Math.max(minOf(specs[i]), valid(saved[specs[i].key]) ?? k.fixed) : 0));
  const shares = kinds.map((k, i) => ("share" in k ? (valid(saved[specs[i].key]) ?? k.share) : 0));
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const room = Math.max(0, total - fixed.reduce((a, b) => a + b, 0));
  return kinds.map((k, i) => ("fixed" in k ? fixed[i] : Math.max(minOf(specs[i]), shareSum > 0 ? (room * shares[i]) / shareSum : 0)));
}

function valid(n: unknown): number | undefined {
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * The widths after the boundary right of column `k` moved by `delta` px: column k grows by
 * what column k + 1 gives (or the reverse), neither below its minimum.
 */
export function moveBoundary(specs: WidthSpec[], widths: number[], k: number, delta: number): number[] {
  if (k < 0 || k + 1 >= widths.length) return widths;
  const lo = minOf(specs[k]) - widths[k];
  const hi = widths[k + 1] - minOf(specs[k + 1]);
  const d = Math.max(Math.min(lo, 0), Math.min(Math.max(hi, 0), delta));
  const out = [...widths];
  out[k] += d;
  out[k + 1] -= d;
  return out;
}

/** What to remember of `widths` (as laid out in px): px for fixed columns, shares for the others. */
export function toSaved(specs: WidthSpec[], widths: number[], rem = 16): SavedWidths {
  const kinds = specs.map((s) => kindOf(s, rem));
  const flexible = widths.reduce((sum, w, i) => sum + ("share" in kinds[i] ? w : 0), 0);
  const out: SavedWidths = {};
  specs.forEach((s, i) => {
    out[s.key] = "fixed" in kinds[i] ? Math.round(widths[i] * 10) / 10 : flexible > 0 ? Math.round((widths[i] / flexible) * 100000) / 1000 : 1;
  });
  return out;
}

const storageKey = (table: string) => `recollect.columns.${table}`;

/** The widths remembered for `table` (a table and its mode, "interviews.compact"), or none. */
export function loadWidths(table: string): SavedWidths {
  try {
    const v = JSON.parse(globalThis.localStorage?.getItem(storageKey(table)) ?? "{}");
    if (!v || typeof v !== "object" || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter(([, n]) => valid(n) !== undefined)) as SavedWidths;
  } catch {
    return {};
  }
}

/** Remembers `widths` for `table`; none forgets them (back to the defaults). */
export function saveWidths(table: string, widths: SavedWidths | null) {
  try {
    if (widths) globalThis.localStorage?.setItem(storageKey(table), JSON.stringify(widths));
    else globalThis.localStorage?.removeItem(storageKey(table));
  } catch {
    // Storage full or refused: the widths last for this session only.
  }
}
