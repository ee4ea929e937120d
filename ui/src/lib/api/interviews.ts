// Interviews and the collections that hold them.

import { commands } from "../bindings";
import type { Collection, CollectionInput, InterviewFilter, InterviewInput, ListedInterview } from "../bindings";
import { unwrap } from "./call";

export type {
  Collection,
  CollectionInput,
  Interview,
  InterviewAccess,
  InterviewAccessState,
  InterviewFilter,
  InterviewInput,
  InterviewStatus,
  ListedInterview,
  PersonRef,
} from "../bindings";

// Collections

export const listCollections = (): Promise<Collection[]> => unwrap(commands.listCollections());
export const createCollection = (input: CollectionInput): Promise<Collection> =>
  unwrap(commands.createCollection(input));
export const updateCollection = (id: string, input: CollectionInput): Promise<Collection> =>
  unwrap(commands.updateCollection(id, input));
export const deleteCollection = async (id: string): Promise<void> => {
  await unwrap(commands.deleteCollection(id));
};

// Interviews, each with its access today as the core's public view sees it (`access`)

export const listInterviews = (filter: InterviewFilter = {}): Promise<ListedInterview[]> =>
  unwrap(commands.listInterviews(filter));
export const getInterview = (id: string): Promise<ListedInterview> => unwrap(commands.getInterview(id));
export const createInterview = (input: InterviewInput): Promise<ListedInterview> =>
  unwrap(commands.createInterview(input));
export const updateInterview = (id: string, input: InterviewInput): Promise<ListedInterview> =>
  unwrap(commands.updateInterview(id, input));
export const deleteInterview = async (id: string): Promise<void> => {
  await unwrap(commands.deleteInterview(id));
};
