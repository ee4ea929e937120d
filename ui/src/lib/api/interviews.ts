// Interviews and the collections that hold them.

import { commands } from "../bindings";
import type { Collection, CollectionInput, Interview, InterviewFilter, InterviewInput } from "../bindings";
import { unwrap } from "./call";

export type { Collection, CollectionInput, Interview, InterviewFilter, InterviewInput, InterviewStatus, PersonRef } from "../bindings";

// Collections

export const listCollections = (): Promise<Collection[]> => unwrap(commands.listCollections());
export const createCollection = (input: CollectionInput): Promise<Collection> =>
  unwrap(commands.createCollection(input));
export const updateCollection = (id: string, input: CollectionInput): Promise<Collection> =>
  unwrap(commands.updateCollection(id, input));
export const deleteCollection = async (id: string): Promise<void> => {
  await unwrap(commands.deleteCollection(id));
};

// Interviews

export const listInterviews = (filter: InterviewFilter = {}): Promise<Interview[]> =>
  unwrap(commands.listInterviews(filter));
export const getInterview = (id: string): Promise<Interview> => unwrap(commands.getInterview(id));
export const createInterview = (input: InterviewInput): Promise<Interview> =>
  unwrap(commands.createInterview(input));
export const updateInterview = (id: string, input: InterviewInput): Promise<Interview> =>
  unwrap(commands.updateInterview(id, input));
export const deleteInterview = async (id: string): Promise<void> => {
  await unwrap(commands.deleteInterview(id));
};
