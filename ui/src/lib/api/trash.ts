// The trash: deleted interviews, people, photos and sources, until restored or purged.

import { commands } from "../bindings";
import type { Restored, TrashItem } from "../bindings";
import { unwrap } from "./call";

export type { Restored, TrashItem, TrashKind } from "../bindings";

/** What is in the trash, most recently deleted first. */
export const listTrash = (): Promise<TrashItem[]> => unwrap(commands.listTrash());
/** Brings a record back from the trash, with everything it held. */
export const restoreFromTrash = (id: string): Promise<Restored> => unwrap(commands.restoreFromTrash(id));
/** Deletes a record in the trash for good. */
export const purgeFromTrash = (id: string): Promise<TrashItem> => unwrap(commands.purgeFromTrash(id));
/** Deletes everything in the trash for good; how many records went. */
export const emptyTrash = (): Promise<number> => unwrap(commands.emptyTrash());
