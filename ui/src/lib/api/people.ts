// People and the people authority: name variants, roles, external identifiers, relationships,
// matching names (across spellings and scripts, and in transcripts), possible duplicates and
// merging.

import { commands } from "../bindings";
import type {
  ExternalId,
  Mention,
  MentionCount,
  NameVariant,
  NameVariantInput,
  Person,
  PersonAuthority,
  PersonInput,
  PersonMentions,
  PossibleDuplicate,
  Relation,
  RelationKind,
  TypedMatch,
} from "../bindings";
import { unwrap } from "./call";
import { toApiError } from "./errors";

export type {
  Candidate,
  ExternalId,
  IdScheme,
  Mention,
  MentionCount,
  MentionedInterview,
  MentionedPassage,
  NameVariant,
  NameVariantInput,
  Person,
  PersonAuthority,
  PersonInput,
  PersonMentions,
  PossibleDuplicate,
  Relation,
  RelationKind,
  Script,
  Fit,
  Transliteration,
  TypedMatch,
  VariantKind,
} from "../bindings";

// People

export const listPeople = (): Promise<Person[]> => unwrap(commands.listPeople());
export const getPerson = (id: string): Promise<Person> => unwrap(commands.getPerson(id));
export const createPerson = (input: PersonInput): Promise<Person> => unwrap(commands.createPerson(input));
export const updatePerson = (id: string, input: PersonInput): Promise<Person> =>
  unwrap(commands.updatePerson(id, input));
export const deletePerson = async (id: string): Promise<void> => {
  await unwrap(commands.deletePerson(id));
};
/** The sort name a person gets when theirs is left blank: "Tatiana Smilga" → "Smilga, Tatiana". */
export async function defaultSortName(displayName: string): Promise<string> {
  try {
    return await commands.defaultSortName(displayName);
  } catch (e) {
    throw toApiError(e);
  }
}

// The people authority

export const personAuthority = (personId: string): Promise<PersonAuthority> => unwrap(commands.personAuthority(personId));
export const addNameVariant = (personId: string, input: NameVariantInput): Promise<NameVariant> =>
  unwrap(commands.addNameVariant(personId, input));
export const removeNameVariant = async (variantId: string): Promise<void> => {
  await unwrap(commands.removeNameVariant(variantId));
};
export const setPersonRoles = (personId: string, roles: string[]): Promise<string[]> => unwrap(commands.setPersonRoles(personId, roles));
export const setPersonIdentifiers = (personId: string, identifiers: ExternalId[]): Promise<ExternalId[]> =>
  unwrap(commands.setPersonIdentifiers(personId, identifiers));

// Relationships

/** Records that `personId` is `kind` `otherId` ("parent_of"); the other side is implied. */
export const relatePeople = (personId: string, kind: RelationKind, otherId: string, note = ""): Promise<Relation> =>
  unwrap(commands.relatePeople(personId, kind, otherId, note));
export const unrelatePeople = async (relationshipId: string): Promise<void> => {
  await unwrap(commands.unrelatePeople(relationshipId));
};

// Matching and merging

/**
 * The people a field offers for what was typed, ranked by the authority: names that start with
 * it, then a word that does, then names containing it, in any script or spelling, then other
 * spellings it knows.
 */
export const matchPeople = (name: string): Promise<TypedMatch[]> => unwrap(commands.matchPeople(name));
/** Known people named in a transcript, by segment, to offer as links. */
export const transcriptMentions = (transcriptId: string): Promise<Mention[]> => unwrap(commands.transcriptMentions(transcriptId));
/**
 * Everywhere a person is mentioned, as the core finds it: each interview whose passages name
 * them in any spelling or script, or that the curator linked to them, with times to play from.
 */
export const personMentions = (personId: string): Promise<PersonMentions> => unwrap(commands.personMentions(personId));
/** How many interviews and passages mention each person, by person id; people mentioned nowhere are absent. */
export const mentionCounts = async (): Promise<Record<string, MentionCount>> => {
  const counts = await unwrap(commands.mentionCounts());
  const out: Record<string, MentionCount> = {};
  for (const [id, count] of Object.entries(counts)) if (count) out[id] = count;
  return out;
};
export const possibleDuplicates = (): Promise<PossibleDuplicate[]> => unwrap(commands.possibleDuplicates());
/** Merges `removeId` into `keepId`, moving every link; the removed id still finds the kept person. */
export const mergePeople = (keepId: string, removeId: string): Promise<Person> => unwrap(commands.mergePeople(keepId, removeId));
