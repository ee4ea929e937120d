// Photos, their captions and regions, identifications from captions, and the people authority
// (name variants, roles, identifiers, relationships, matching and merging). Re-exported from
// index.ts; like it, the only code here that touches the bindings or @tauri-apps/*.

import { convertFileSrc } from "@tauri-apps/api/core";
import { commands } from "../bindings";
import type {
  Appearance,
  Candidate,
  Caption,
  CaptionInput,
  ExternalId,
  Identification,
  ImportPhotosOptions,
  ImportPhotosSummary,
  Mention,
  NameVariant,
  NameVariantInput,
  Person,
  PersonAuthority,
  Photo,
  PhotoFilter,
  PhotoInput,
  PossibleDuplicate,
  ProposedIdentification,
  Region,
  RegionInput,
  Relation,
  RelationKind,
} from "../bindings";
import { toApiError } from "./errors";
import { unwrap } from "./call";
import { channelTo, type ProgressSink } from "./jobs";

export type {
  Candidate,
  Mention,
  Caption,
  CaptionInput,
  CaptionKind,
  ExternalId,
  IdScheme,
  Identification,
  ImportPhotosOptions,
  ImportPhotosSummary,
  NameVariant,
  NameVariantInput,
  PersonAuthority,
  Photo,
  PhotoFilter,
  PhotoInput,
  PossibleDuplicate,
  ProposedIdentification,
  Rect,
  Region,
  RegionInput,
  Relation,
  RelationKind,
  Script,
  Transliteration,
  VariantKind,
} from "../bindings";
/** A photo a person appears in, with their regions in it. */
export type PhotoAppearance = Appearance;

/** The image files the window may show for a photo, as URLs; `null` when the file is missing. */
export interface PhotoUrls {
  full: string | null;
  thumbnail: string | null;
}

/** The kinds of image the archive takes. */
export const PHOTO_EXTENSIONS = ["jpg", "jpeg", "png", "tif", "tiff"];

// Photos

export const listPhotos = (filter: PhotoFilter = {}): Promise<Photo[]> => unwrap(commands.listPhotos(filter));
export const getPhoto = (id: string): Promise<Photo> => unwrap(commands.getPhoto(id));
export const updatePhoto = (id: string, input: PhotoInput): Promise<Photo> => unwrap(commands.updatePhoto(id, input));
export const deletePhoto = async (id: string): Promise<void> => {
  await unwrap(commands.deletePhoto(id));
};
export const addPhotoToCollection = (photoId: string, collectionId: string): Promise<Photo> =>
  unwrap(commands.addPhotoToCollection(photoId, collectionId));
export const attachPhotoToInterview = (photoId: string, interviewId: string): Promise<Photo> =>
  unwrap(commands.attachPhotoToInterview(photoId, interviewId));
export const detachPhotoFromInterview = (photoId: string, interviewId: string): Promise<Photo> =>
  unwrap(commands.detachPhotoFromInterview(photoId, interviewId));

/**
 * A photo's full image and a thumbnail no larger than `thumbnailPx`, as URLs the window can load
 * (the backend allows exactly these files to the asset protocol).
 */
export async function photoUrls(photoId: string, thumbnailPx: number): Promise<PhotoUrls> {
  const files = await unwrap(commands.photoFiles(photoId, Math.round(thumbnailPx)));
  return {
    full: files.full ? convertFileSrc(files.full) : null,
    thumbnail: files.thumbnail ? convertFileSrc(files.thumbnail) : null,
  };
}

/** The native Open dialog for images; `null` when the curator cancels. */
export const choosePhotoFiles = (): Promise<string[] | null> =>
  unwrap(commands.chooseFiles("Add photos", "Images", PHOTO_EXTENSIONS, true));

/** The native folder dialog, for importing a whole folder of images; `null` on cancel. */
export const choosePhotoFolder = (): Promise<string | null> => unwrap(commands.chooseFolder("Add a folder of photos"));

/** Imports image files or folders, all or nothing; `onProgress` hears the job's reports, and
 * cancelJob(jobId) stops it (it then fails with code "cancelled" and adds nothing). */
export const importPhotos = (jobId: string, paths: string[], options: ImportPhotosOptions, onProgress: ProgressSink): Promise<ImportPhotosSummary> =>
  unwrap(commands.importPhotos(jobId, paths, options, channelTo(onProgress)));

// Captions

export const addCaption = (photoId: string, input: CaptionInput): Promise<Caption> => unwrap(commands.addCaption(photoId, input));
export const updateCaption = (captionId: string, input: CaptionInput): Promise<Caption> =>
  unwrap(commands.updateCaption(captionId, input));
export const deleteCaption = async (captionId: string): Promise<void> => {
  await unwrap(commands.deleteCaption(captionId));
};

// Regions and identifications

export const photoRegions = (photoId: string): Promise<Region[]> => unwrap(commands.photoRegions(photoId));
export const addRegion = (photoId: string, input: RegionInput): Promise<Region> => unwrap(commands.addRegion(photoId, input));
export const updateRegion = (regionId: string, input: RegionInput): Promise<Region> => unwrap(commands.updateRegion(regionId, input));
export const deleteRegion = async (regionId: string): Promise<void> => {
  await unwrap(commands.deleteRegion(regionId));
};
/** The caption's rows and names, each with the people it may be. */
export const identifyFromCaption = (photoId: string, captionId: string): Promise<ProposedIdentification[]> =>
  unwrap(commands.identifyFromCaption(photoId, captionId));
/** Confirms who is at a row and position (and, with a rect, where they are). */
export const confirmIdentification = (photoId: string, identification: Identification): Promise<Region> =>
  unwrap(commands.confirmIdentification(photoId, identification));
/** Every photo a person is identified in, with their regions. */
export const personAppearances = (personId: string): Promise<Appearance[]> => unwrap(commands.personAppearances(personId));

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
/** Records that `personId` is `kind` `otherId` ("parent_of"); the other side is implied. */
export const relatePeople = (personId: string, kind: RelationKind, otherId: string, note = ""): Promise<Relation> =>
  unwrap(commands.relatePeople(personId, kind, otherId, note));
export const unrelatePeople = async (relationshipId: string): Promise<void> => {
  await unwrap(commands.unrelatePeople(relationshipId));
};
/** People whose names or variants (any script, any spelling) fit what was typed, best first. */
export const matchPeople = (name: string): Promise<Candidate[]> => unwrap(commands.matchPeople(name));
/** Known people named in a transcript, by segment, to offer as links. */
export const transcriptMentions = (transcriptId: string): Promise<Mention[]> => unwrap(commands.transcriptMentions(transcriptId));
export const possibleDuplicates = (): Promise<PossibleDuplicate[]> => unwrap(commands.possibleDuplicates());
/** Merges `removeId` into `keepId`, moving every link; the removed id still finds the kept person. */
export const mergePeople = (keepId: string, removeId: string): Promise<Person> => unwrap(commands.mergePeople(keepId, removeId));

/** A group-photo caption read as rows of names (no archive needed). */
export async function parseCaption(text: string) {
  try {
    return await commands.parseCaption(text);
  } catch (e) {
    throw toApiError(e);
  }
}
