// Photos: importing them, their files, their links to collections and interviews, captions,
// and regions with the identifications that place people in them (a caption's rows of names
// matched against the people authority, people.ts).

import { convertFileSrc } from "@tauri-apps/api/core";
import { commands } from "../bindings";
import type {
  Appearance,
  Caption,
  CaptionInput,
  Identification,
  ImportPhotosOptions,
  ImportPhotosSummary,
  Photo,
  PhotoFilter,
  PhotoInput,
  ProposedIdentification,
  Region,
  RegionInput,
} from "../bindings";
import { unwrap } from "./call";
import { toApiError } from "./errors";
import { channelTo, type ProgressSink } from "./jobs";

export type {
  Caption,
  CaptionInput,
  CaptionKind,
  Identification,
  ImportPhotosOptions,
  ImportPhotosSummary,
  Photo,
  PhotoFilter,
  PhotoInput,
  ProposedIdentification,
  Rect,
  Region,
  RegionInput,
} from "../bindings";
/** A photo a person appears in, with their regions in it. */
export type PhotoAppearance = Appearance;

/** The image files the window may show for a photo, as URLs; `null` when the file is missing. */
export interface PhotoUrls {
  full: string | null;
  thumbnail: string | null;
}


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
  unwrap(commands.chooseFiles("Add photos", "photo", true));

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

/** A group-photo caption read as rows of names (no archive needed). */
export async function parseCaption(text: string) {
  try {
    return await commands.parseCaption(text);
  } catch (e) {
    throw toApiError(e);
  }
}
