// Names as they are typed, matched two ways: by the start of the names the window already has
// (instant), and by the backend's authority, which knows every variant and spelling of a name
// in any script ("Serebrayakova", "Серебрякова" → Zorya Serebryakova). The second arrives a
// moment later and is merged in after the first.

import * as api from "../../api";
import type { Candidate, Person } from "../../api";
import type { ComboOption } from "../shared/ChipCombobox.svelte";
import { fold } from "../shared/sorting";
import { lifeDates } from "./names";

/** The backend's matches for what is being typed; answers out of turn are dropped. */
export class PeopleMatcher {
  candidates = $state.raw<Candidate[]>([]);
  /** The text the candidates are for. */
  answered = $state("");
  #seq = 0;
  #last = "";

  /** Asks for matches of `text` (nothing for blank text). */
  set(text: string): void {
    const q = text.trim();
    if (q === this.#last) return;
    this.#last = q;
    const seq = ++this.#seq;
    if (!q) {
      this.candidates = [];
      this.answered = "";
      return;
    }
    api.matchPeople(q).then(
      (found) => {
        if (seq !== this.#seq) return;
        this.candidates = found;
        this.answered = q;
      },
      () => {
        if (seq !== this.#seq) return;
        this.candidates = [];
        this.answered = q;
      },
    );
  }

  /** The candidates for `text`, or none while its answer is on its way. */
  for(text: string): Candidate[] {
    return this.answered === text.trim() ? this.candidates : [];
  }
}

/** "92%" for a match score from 0 to 1; "" when there is none. */
export function scoreLabel(score: number | null | undefined): string {
  return score === null || score === undefined ? "" : `${Math.round(score * 100)}%`;
}

/** Whether a candidate matched by a spelling other than the person's display name. */
export function matchedOtherSpelling(candidate: Candidate, person: Pick<Person, "display_name"> | undefined): boolean {
  return !!person && fold(candidate.name) !== fold(person.display_name);
}

/**
 * The options of a person combobox: people found by name first, then people the authority
 * matched by another spelling, each once, none of those excluded. An authority match says which
 * spelling matched ("matched “Serebrayakova”").
 */
export function mergeMatches(local: Person[], candidates: Candidate[], people: Person[], exclude: Set<string>): ComboOption[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const options: ComboOption[] = local.map((p) => ({ id: p.id, label: p.display_name, hint: lifeDates(p) }));
  const seen = new Set(options.map((o) => o.id));
  for (const c of candidates) {
    if (seen.has(c.id) || exclude.has(c.id)) continue;
    const person = byId.get(c.id);
    seen.add(c.id);
    options.push({
      id: c.id,
      label: person?.display_name ?? c.name,
      hint: matchedOtherSpelling(c, person) ? `matched “${c.name}”` : person ? lifeDates(person) : "",
    });
  }
  return options;
}
