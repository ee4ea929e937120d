// Who may see each interview today, for the lock badges of the interview list. Asked for
// lazily, one record at a time as its row comes into view, a few calls at once; forgotten
// (but still shown until the new answer comes) whenever something that decides access changes.

import { SvelteMap } from "svelte/reactivity";
import * as api from "../api";
import type { Access, RecordKind } from "../api";

/** How many effectiveAccess calls may run at once. */
const PARALLEL = 4;

export class AccessCache {
  #entries = new SvelteMap<string, Access>();
  /** Ids whose entry is from before the last change: shown, and asked for again. */
  #stale = new Set<string>();
  #pending = new Set<string>();
  #queue: { kind: RecordKind; id: string }[] = [];
  #running = 0;
  #generation = 0;
  /** Bumped by clear(), so every reader looks again and asks for what went stale. */
  #epoch = $state(0);

  /**
   * The access of a record, or undefined until it is known. Reading it asks for it (safe inside
   * templates and derivations: the call starts later, in a microtask).
   */
  get(id: string, kind: RecordKind = "interview"): Access | undefined {
    void this.#epoch;
    const known = this.#entries.get(id);
    if ((!known || this.#stale.has(id)) && !this.#pending.has(id)) {
      this.#pending.add(id);
      this.#queue.push({ kind, id });
      queueMicrotask(() => this.#pump());
    }
    return known;
  }

  /** Forgets every answer (they stay on screen until replaced). */
  clear(): void {
    this.#generation++;
    for (const id of this.#entries.keys()) this.#stale.add(id);
    this.#pending.clear();
    this.#queue = [];
    this.#epoch++;
  }

  /** Forgets everything at once, answers included (another archive was opened). */
  reset(): void {
    this.clear();
    this.#stale.clear();
    this.#entries.clear();
  }

  #pump(): void {
    while (this.#running < PARALLEL && this.#queue.length > 0) {
      const next = this.#queue.shift()!;
      const generation = this.#generation;
      this.#running++;
      api
        .effectiveAccess({ type: "record", kind: next.kind, id: next.id })
        .then(
          (access) => {
            if (generation !== this.#generation) return;
            this.#stale.delete(next.id);
            this.#entries.set(next.id, access);
          },
          () => {
            // A record that went away, or no archive: no badge.
          },
        )
        .finally(() => {
          this.#running--;
          if (generation === this.#generation) this.#pending.delete(next.id);
          this.#pump();
        });
    }
  }
}
