// Searching the whole archive. (Saved searches are kept among the library's records, library.ts.)

import { commands } from "../bindings";
import type { SearchQuery, SearchResults } from "../bindings";
import { unwrap } from "./call";

export type { HitKind, InterviewHits, MatchedPerson, SearchHit, SearchQuery, SearchResults } from "../bindings";

/** Searches the whole archive. Each hit's `snippet` is HTML-escaped by the backend, with `<mark>` tags. */
export const searchArchive = (query: SearchQuery): Promise<SearchResults> => unwrap(commands.searchArchive(query));
