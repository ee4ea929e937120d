// What is selected: interviews in the list (the editor shows one when exactly one is), and a
// person in the People view.

export class Selection {
  /** Selected interviews, by id. */
  interviewIds = $state.raw<string[]>([]);
  personId = $state<string | null>(null);

  clear(): void {
    this.interviewIds = [];
    this.personId = null;
  }

  /** Keeps only the selected interviews that are among `ids` (the ones still listed). */
  keepInterviews(ids: Set<string>): void {
    if (this.interviewIds.some((id) => !ids.has(id))) this.interviewIds = this.interviewIds.filter((id) => ids.has(id));
  }

  /** Drops the selected person when they are not among `ids`. */
  keepPerson(ids: Set<string>): void {
    if (this.personId && !ids.has(this.personId)) this.personId = null;
  }
}

/** The id that should be selected once `removed` are gone: the next one, else the one before. */
export function nextSurvivor(order: string[], removed: string[]): string | null {
  const gone = new Set(removed);
  const last = Math.max(...removed.map((id) => order.indexOf(id)));
  for (let i = last + 1; i < order.length; i++) if (!gone.has(order[i])) return order[i];
  for (let i = last - 1; i >= 0; i--) if (!gone.has(order[i])) return order[i];
  return null;
}
