// Names as they are typed, matched by the backend's authority, the one ranker: names that
// start with what was typed, then names with a word that does, then names that contain it, in
// any script or spelling ("Серебр" → Zorya Serebryakova), then other spellings the authority
// knows ("Serebrayakova"). The window only leaves out whom a field should not offer and shows
// the first few.

import * as api from "../../api";
import type { Person, TypedMatch } from "../../api";
import type { ComboOption } from "../shared/ChipCombobox.svelte";
import { fold } from "../shared/sorting";
import { lifeDates } from "./names";

/** How many people a field offers at most. */
export const OFFERED = 8;

/** The backend's ranked matches for what is being typed; answers out of turn are dropped. */
export class PeopleMatcher {
  candidates = $state.raw<TypedMatch[]>([]);
  /** The text the candidates are for. */
  #answered = $state("");
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
      this.#answered = "";
      return;
    }
    api.matchPeople(q).then(
      (found) => {
        if (seq !== this.#seq) return;
        this.candidates = found;
        this.#answered = q;
      },
      () => {
        if (seq !== this.#seq) return;
        this.candidates = [];
        this.#answered = q;
      },
    );
  }

  /** The matches for `text`, or none while its answer is on its way. */
  for(text: string): TypedMatch[] {
    return this.answered(text) ? this.candidates : [];
  }

  /** Whether the matches for `text` have come. */
  answered(text: string): boolean {
    return this.#answered === text.trim();
  }
}

/** "92%" for a match score from 0 to 1; "" when there is none. */
export function scoreLabel(score: number | null | undefined): string {
  return score === null || score === undefined ? "" : `${Math.round(score * 100)}%`;
}

/** Whether a match was by a spelling other than the person's display name. */
export function matchedOtherSpelling(match: Pick<TypedMatch, "name">, person: Pick<Person, "display_name"> | undefined): boolean {
  return !!person && fold(match.name) !== fold(person.display_name);
}

/**
 * The options of a person combobox: the backend's matches in its order, each once, none of
 * those excluded, at most `limit`. A match by another spelling says which spelling matched
 * ("matched “Serebrayakova”").
 */
export function matchOptions(matches: TypedMatch[], people: Person[], exclude: Set<string>, limit = OFFERED): ComboOption[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const options: ComboOption[] = [];
  const seen = new Set<string>();
  for (const m of matches) {
    if (options.length >= limit) break;
    if (seen.has(m.id) || exclude.has(m.id)) continue;
    const person = byId.get(m.id);
    seen.add(m.id);
    options.push({
      id: m.id,
      label: person?.display_name ?? m.name,
      hint: matchedOtherSpelling(m, person) ? `matched “${m.name}”` : person ? lifeDates(person) : "",
    });
  }
  return options;
}
