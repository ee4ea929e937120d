// The library around the records: tags (a thesaurus of labels), links between records, sources
// and citations, lists and saved searches, and where a record they point at is shown.

import { commands } from "../bindings";
import type {
  AppliedTag,
  Citation,
  CitationInput,
  CitationView,
  Link,
  LinkEnd,
  LinkInput,
  List,
  ListEntry,
  Location,
  RecordRef,
  SavedSearch,
  SearchHit,
  SearchQuery,
  Source,
  SourceFields,
  Suggestion,
  Tag,
  TagInput,
  TaggedRecord,
  Tagging,
  TagNode,
  Target,
} from "../bindings";
import { done, unwrap } from "./call";

export type {
  AppliedTag,
  Citation,
  CitationInput,
  CitationView,
  Direction,
  Label,
  Link,
  LinkEnd,
  LinkInput,
  LinkType,
  List,
  ListEntry,
  Location,
  RecordKind,
  RecordRef,
  SavedSearch,
  Source,
  SourceFields,
  SourceType,
  Suggestion,
  Tag,
  TagInput,
  TaggedRecord,
  Tagging,
  TagNode,
  Target,
} from "../bindings";

// Tags

/** The tag tree, broader tags before their narrower ones. */
export const listTags = (): Promise<TagNode[]> => unwrap(commands.listTags());
/** Tags whose labels (preferred or alternative) start with what was typed, best first. */
export const suggestTags = (typed: string): Promise<Suggestion[]> => unwrap(commands.suggestTags(typed));
export const createTag = (input: TagInput): Promise<Tag> => unwrap(commands.createTag(input));
export const updateTag = (id: string, input: TagInput): Promise<Tag> => unwrap(commands.updateTag(id, input));
/** Renames a tag; with `keepOldLabel` the old label stays as an alternative, so it is still found. */
export const renameTag = (id: string, label: string, keepOldLabel: boolean): Promise<Tag> =>
  unwrap(commands.renameTag(id, label, keepOldLabel));
/** Puts a tag under another, or at the top with `null`. */
export const moveTag = (id: string, broaderId: string | null): Promise<Tag> => unwrap(commands.moveTag(id, broaderId));
/** Merges `from` into `into`; every use of `from` moves to `into`. */
export const mergeTags = (from: string, into: string): Promise<Tag> => unwrap(commands.mergeTags(from, into));
/** Deletes an unused tag (code "in_use" otherwise). */
export const deleteTag = (id: string): Promise<void> => done(unwrap(commands.deleteTag(id)));
export const tagTarget = (tagId: string, target: Target): Promise<Tagging> => unwrap(commands.tagTarget(tagId, target));
export const untagTarget = (tagId: string, target: Target): Promise<void> => done(unwrap(commands.untagTarget(tagId, target)));
/** The tags on a record, and on spans of it when it is a transcript. */
export const tagsOf = (recordId: string): Promise<AppliedTag[]> => unwrap(commands.tagsOf(recordId));
/** Everything carrying a tag, and with `narrower` its narrower tags too. */
export const tagged = (tagId: string, narrower: boolean): Promise<TaggedRecord[]> => unwrap(commands.tagged(tagId, narrower));

// Links

export const createLink = (input: LinkInput): Promise<Link> => unwrap(commands.createLink(input));
export const deleteLink = (id: string): Promise<void> => done(unwrap(commands.deleteLink(id)));
/** What links here, from both ends. */
export const linksOf = (recordId: string): Promise<LinkEnd[]> => unwrap(commands.linksOf(recordId));

// Sources and citations

export const listSources = (): Promise<Source[]> => unwrap(commands.listSources());
export const createSource = (input: SourceFields): Promise<Source> => unwrap(commands.createSource(input));
export const updateSource = (id: string, input: SourceFields): Promise<Source> => unwrap(commands.updateSource(id, input));
/** Deletes a source nothing cites (code "in_use" otherwise). */
export const deleteSource = (id: string): Promise<void> => done(unwrap(commands.deleteSource(id)));
export const cite = (input: CitationInput): Promise<Citation> => unwrap(commands.cite(input));
export const uncite = (citationId: string): Promise<void> => done(unwrap(commands.uncite(citationId)));
/** The citations on a record and its spans, each with its footnote text. */
export const citationsOf = (recordId: string): Promise<CitationView[]> => unwrap(commands.citationsOf(recordId));

// Saved searches and lists

export const listSavedSearches = (): Promise<SavedSearch[]> => unwrap(commands.listSavedSearches());
export const saveSearch = (name: string, query: SearchQuery): Promise<SavedSearch> => unwrap(commands.saveSearch(name, query));
export const deleteSavedSearch = (id: string): Promise<void> => done(unwrap(commands.deleteSavedSearch(id)));
/** Runs a saved search. Each hit's `snippet` is HTML-escaped by the backend, with `<mark>` tags. */
export const runSavedSearch = (id: string): Promise<SearchHit[]> => unwrap(commands.runSavedSearch(id));
export const listLists = (): Promise<List[]> => unwrap(commands.listLists());
export const createList = (name: string, description: string): Promise<List> => unwrap(commands.createList(name, description));
export const listEntries = (id: string): Promise<ListEntry[]> => unwrap(commands.listEntries(id));
/** Adds a record to a list, at the end unless `position` says where; a record already there moves. */
export const addToList = (id: string, record: RecordRef, position: number | null = null): Promise<List> =>
  unwrap(commands.addToList(id, record, position));
export const removeFromList = (id: string, recordId: string): Promise<List> => unwrap(commands.removeFromList(id, recordId));
export const deleteList = (id: string): Promise<void> => done(unwrap(commands.deleteList(id)));

// Records

/** Where a record is shown: the interview or photo holding it; null once it is gone. */
export const locateRecord = (target: Target): Promise<Location | null> => unwrap(commands.locateRecord(target));
