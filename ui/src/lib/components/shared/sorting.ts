// Sorting and matching as a curator expects: by the words, ignoring case and accents, numbers
// in number order, and blank values last whichever way the column is sorted.

export type SortDir = "asc" | "desc";
export type SortValue = string | number | null | undefined;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Compares two sort values; blanks always go last. */
export function compareValues(a: SortValue, b: SortValue, dir: SortDir): number {
  const aBlank = a === null || a === undefined || a === "";
  const bBlank = b === null || b === undefined || b === "";
  if (aBlank || bBlank) return aBlank === bBlank ? 0 : aBlank ? 1 : -1;
  const order = typeof a === "number" && typeof b === "number" ? a - b : collator.compare(String(a), String(b));
  return dir === "asc" ? order : -order;
}

/** A stable sort of `rows` by `value`. */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, dir: SortDir): T[] {
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((a, b) => compareValues(a.key, b.key, dir) || a.index - b.index)
    .map((x) => x.row);
}

/** Text folded for matching: lower case, without accents ("Čapek" matches "cap"). */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}
