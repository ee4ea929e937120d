// Where the window is: the place the sidebar points to, and the interview editor's tab, which
// stays as the curator moves from interview to interview.

import type { Collection } from "../api";

/** Where the sidebar points. */
export type Place =
  | { kind: "all" }
  | { kind: "collection"; id: string }
  | { kind: "people" }
  // The library's places, shown by LibraryView: a tag, a list, a saved search, the sources.
  | { kind: "tag"; id: string }
  | { kind: "list"; id: string }
  | { kind: "search"; id: string }
  | { kind: "sources" }
  | { kind: "photos" }
  | { kind: "trash" }
  | { kind: "person"; id: string };

/** The tabs of the interview editor. */
export type InterviewTab = "overview" | "transcript" | "index" | "sources" | "access" | "history";

/** Whether a place works with the archive's interviews (people, photos and a person's page
 * do not; the library's places open interviews beside their lists). */
export function listsInterviews(place: Place): boolean {
  return place.kind !== "people" && place.kind !== "photos" && place.kind !== "person" && place.kind !== "trash";
}

export function samePlace(a: Place, b: Place): boolean {
  if (a.kind !== b.kind) return false;
  return !("id" in a) || a.id === (b as { id: string }).id;
}

/** The heading of a place: "People", "Photos", a collection's title or "All interviews". */
export function placeTitle(place: Place, collection: Collection | null): string {
  if (place.kind === "people" || place.kind === "person") return "People";
  if (place.kind === "photos") return "Photos";
  if (place.kind === "trash") return "Trash";
  return place.kind === "collection" ? (collection?.title ?? "") : "All interviews";
}

export class Navigation {
  place = $state.raw<Place>({ kind: "all" });
  interviewTab = $state<InterviewTab>("overview");

  /** The id of the collection shown, if one is. */
  get collectionId(): string | null {
    return this.place.kind === "collection" ? this.place.id : null;
  }

  is(place: Place): boolean {
    return samePlace(place, this.place);
  }
}
