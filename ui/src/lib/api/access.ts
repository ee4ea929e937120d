// Tags, links, sources and citations, restrictions and release forms, saved searches and
// lists: the commands of the archive's "around the record" layer. Re-exported from index.ts;
// components import them from "../api" like everything else (so tests can mock one module).

import { commands } from "../bindings";
import type {
  Access,
  InheritedReason,
  Accession,
  AccessionInput,
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
  ReleaseForm,
  ReleaseFormInput,
  Restriction,
  RestrictionInput,
  SavedSearch,
  SearchHit,
  SearchQuery,
  Source,
  SourceFields,
  SpanRef,
  Suggestion,
  Tag,
  TagInput,
  TaggedRecord,
  Tagging,
  TagNode,
  Target,
  Transcript,
  TranscriptMarks,
} from "../bindings";
import { unwrap } from "./call";

export type {
  Access,
  InheritedReason,
  Accession,
  AccessionInput,
  AccessionMethod,
  AccessLevel,
  AccessReason,
  AppliedTag,
  Citation,
  CitationInput,
  CitationView,
  Direction,
  HitKind,
  Label,
  Layer,
  Link,
  LinkEnd,
  LinkInput,
  LinkType,
  List,
  ListEntry,
  Location,
  RecordKind,
  RecordRef,
  ReleaseForm,
  ReleaseFormInput,
  ReleaseStatus,
  ReleaseTerms,
  Restriction,
  RestrictionAction,
  RestrictionInput,
  RuleKind,
  SavedSearch,
  SearchHit,
  SearchQuery,
  Source,
  SourceFields,
  SourceType,
  SpanRef,
  Suggestion,
  Tag,
  TagInput,
  TaggedRecord,
  Tagging,
  TagNode,
  Target,
  Transcript,
  TranscriptMarks,
  SegmentMark,
  PublicStatus,
} from "../bindings";

const done = async (call: Promise<unknown>): Promise<void> => {
  await call;
};

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

// Restrictions and release forms

/** The restrictions set on a record, and on spans of it when it is a transcript. */
export const restrictionsOf = (recordId: string): Promise<Restriction[]> => unwrap(commands.restrictionsOf(recordId));
/** Restricts, seals or redacts; restricting to "open" lifts the restriction and gives `null`. */
export const restrict = (input: RestrictionInput): Promise<Restriction | null> => unwrap(commands.restrict(input));
export const liftRestriction = (id: string, reason: string): Promise<void> => done(unwrap(commands.liftRestriction(id, reason)));
export const releaseFormsOf = (subjectId: string): Promise<ReleaseForm[]> => unwrap(commands.releaseFormsOf(subjectId));
export const addReleaseForm = (input: ReleaseFormInput): Promise<ReleaseForm> => unwrap(commands.addReleaseForm(input));
export const updateReleaseForm = (id: string, input: ReleaseFormInput): Promise<ReleaseForm> =>
  unwrap(commands.updateReleaseForm(id, input));
/** Who may see a record or span today, and every rule that says so. */
export const effectiveAccess = (target: Target): Promise<Access> => unwrap(commands.effectiveAccess(target));
export const inheritedAccess = (target: Target): Promise<InheritedReason[]> => unwrap(commands.inheritedAccess(target));

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

// Spans and transcripts

/** A span of a transcript from its first and last segments (in either order). */
export const resolveSpan = (first: string, last: string): Promise<SpanRef> => unwrap(commands.resolveSpan(first, last));
/** Where a record is shown: the interview or photo holding it; null once it is gone. */
export const locateRecord = (target: Target): Promise<Location | null> => unwrap(commands.locateRecord(target));
/** The transcripts of an interview (the Access tab lists restrictions on their spans). */
export const listTranscripts = (interviewId: string): Promise<Transcript[]> => unwrap(commands.listTranscripts(interviewId));
/** What of a transcript public output would hold back today, to mark in the transcript view. */
export const transcriptMarks = (transcriptId: string): Promise<TranscriptMarks> => unwrap(commands.transcriptMarks(transcriptId));

// Accessions

/** Every accession, newest first. */
export const listAccessions = (): Promise<Accession[]> => unwrap(commands.listAccessions());
/** The accessions a record came in with. */
export const accessionsOf = (recordId: string): Promise<Accession[]> => unwrap(commands.accessionsOf(recordId));
export const createAccession = (input: AccessionInput): Promise<Accession> => unwrap(commands.createAccession(input));
/** Changes an accession's details and records (send them all); its deed stays. */
export const updateAccession = (id: string, input: AccessionInput): Promise<Accession> => unwrap(commands.updateAccession(id, input));
/** Deletes an accession; its deed stays among the archive's files and in the log. */
export const deleteAccession = (id: string): Promise<void> => done(unwrap(commands.deleteAccession(id)));
/** The kinds of file a deed may be: scans and PDFs. */
export const DEED_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "tif", "tiff"];
/** Asks for the deed of gift in the Open dialog; null when the curator cancels. */
export async function chooseDeed(): Promise<string | null> {
  const paths = await unwrap(commands.chooseFiles("Attach deed of gift", "Documents and scans", DEED_EXTENSIONS, false));
  return paths?.[0] ?? null;
}
/** Keeps a file as the accession's deed of gift, copied into the archive with its SHA-256. */
export const attachAccessionDeed = (id: string, path: string): Promise<Accession> => unwrap(commands.attachAccessionDeed(id, path));
