// The trash as the window shows it: what is there, newest first. The core decides what a
// deletion takes along and what a restore brings back; this only lists and asks.

import * as api from "../api";
import type { Restored, TrashItem } from "../api";

export class TrashState {
  items = $state.raw<TrashItem[]>([]);
  #seq = 0;

  get count(): number {
    return this.items.length;
  }

  async load(): Promise<void> {
    const seq = ++this.#seq;
    const items = await api.listTrash().catch(() => null);
    if (items && seq === this.#seq) this.items = items;
  }

  /** Brings a record back, whole; the lists it belongs to reload from the change it makes. */
  async restore(id: string): Promise<Restored> {
    const restored = await api.restoreFromTrash(id);
    this.items = this.items.filter((i) => i.id !== id);
    await this.load();
    return restored;
  }

  /** Deletes a record in the trash for good. */
  async purge(id: string): Promise<void> {
    await api.purgeFromTrash(id);
    this.items = this.items.filter((i) => i.id !== id);
    await this.load();
  }

  /** Deletes everything in the trash for good. */
  async empty(): Promise<number> {
    const n = await api.emptyTrash();
    this.items = [];
    await this.load();
    return n;
  }
}
