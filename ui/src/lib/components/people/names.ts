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
