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
