// Access: restrictions (embargoes, seals, redactions), release forms, who may see a record or
// span today and why, what public output holds back of a transcript, and accessions with their
// deeds of gift.

import { commands } from "../bindings";
import type {
  Access,
  Accession,
  AccessionInput,
  InheritedReason,
  ReleaseForm,
  ReleaseFormInput,
  Restriction,
  RestrictionInput,
  Target,
  TranscriptMarks,
} from "../bindings";
import { done, unwrap } from "./call";

export type {
  Access,
  AccessLevel,
  AccessReason,
  Accession,
  AccessionInput,
  AccessionMethod,
  InheritedReason,
  Layer,
  PublicStatus,
  ReleaseForm,
  ReleaseFormInput,
  ReleaseStatus,
  ReleaseTerms,
  Restriction,
  RestrictionAction,
  RestrictionInput,
  RuleKind,
  SegmentMark,
  TranscriptMarks,
} from "../bindings";

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

// What public output holds back

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
/** Asks for the deed of gift in the Open dialog; null when the curator cancels. */
export async function chooseDeed(): Promise<string | null> {
  const paths = await unwrap(commands.chooseFiles("Attach deed of gift", "document", false));
  return paths?.[0] ?? null;
}
/** Keeps a file as the accession's deed of gift, copied into the archive with its SHA-256. */
export const attachAccessionDeed = (id: string, path: string): Promise<Accession> => unwrap(commands.attachAccessionDeed(id, path));
