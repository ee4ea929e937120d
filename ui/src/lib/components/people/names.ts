import type { Person } from "../../api";
import { fold } from "../shared/sorting";

/** "1892–1937", "b. 1892", "d. 1937" or "". */
export function lifeDates(p: Pick<Person, "birth_date" | "death_date">): string {
  const { birth_date: born, death_date: died } = p;
  if (born && died) return `${born}–${died}`;
  if (born) return `b. ${born}`;
  if (died) return `d. ${died}`;
  return "";
}

/**
 * People whose name matches what was typed, best first: names that start with it, then names
 * with a word that starts with it, then names that merely contain it.
 */
export function matchPeople(people: Person[], query: string, exclude: Set<string>, limit = 8): Person[] {
  const q = fold(query.trim());
  const ranked: { p: Person; rank: number }[] = [];
  for (const p of people) {
    if (exclude.has(p.id)) continue;
    if (!q) {
      ranked.push({ p, rank: 3 });
      continue;
    }
    const names = [fold(p.display_name), fold(p.sort_name)];
    let rank = 4;
    for (const n of names) {
      if (n.startsWith(q)) rank = Math.min(rank, 0);
      else if (n.split(/[\s,.-]+/).some((w) => w.startsWith(q))) rank = Math.min(rank, 1);
      else if (n.includes(q)) rank = Math.min(rank, 2);
    }
    if (rank < 4) ranked.push({ p, rank });
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.p.sort_name.localeCompare(b.p.sort_name))
    .slice(0, limit)
    .map((x) => x.p);
}

/** Whether someone already has exactly this name (ignoring case and accents). */
export function hasPersonNamed(people: Person[], name: string): boolean {
  const n = fold(name.trim());
  return people.some((p) => fold(p.display_name) === n);
}

/** The sort name the backend makes from a display name: "Tatiana Smilga" → "Smilga, Tatiana". */
export function defaultSortName(displayName: string): string {
  const words = displayName.split(/\s+/).filter(Boolean);
  if (words.length === 0) return "";
  if (words.length === 1) return words[0];
  const family = words[words.length - 1];
  return `${family}, ${words.slice(0, -1).join(" ")}`;
}
