// The window's one door to the backend. Only the api folder imports the generated bindings or
// @tauri-apps/*: its files unwrap every result, throw ApiError on failure, and give components
// plain typed functions. Tests replace this door with vi.mock("…/api").
//
// The rule: one file per domain of the core, each wrapper in the file of its command's meaning
// (merge_people in people.ts, search_archive in search.ts, cancel_job in jobs.ts), and this file
// only re-exports them. Components and state import from the api folder (this file), never from
// a domain file. A domain file imports only call.ts, errors.ts, jobs.ts (for the job runner's
// channel), the bindings and @tauri-apps/*: never this file nor another domain file, so the
// files have no import loops.

export { unwrap } from "./call";
export { ApiError, invalidField, messageOf, toApiError } from "./errors";
export type { ErrorCode } from "./errors";

export * from "./archive";
export * from "./interviews";
export * from "./recordings";
export * from "./transcripts";
export * from "./search";
export * from "./people";
export * from "./photos";
export * from "./library";
export * from "./access";
export * from "./packages";
export * from "./trash";
export * from "./speech";
// jobs.ts's channelTo stays inside the api folder: the window hands a ProgressSink, never a channel.
export { cancelJob } from "./jobs";
export type { Progress, ProgressSink } from "./jobs";
