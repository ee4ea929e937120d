// A command's Result as its data, or a thrown ApiError. Kept apart from index.ts so that the
// domain files it re-exports share it without importing index.ts.

import type { AppError } from "../bindings";
import { toApiError } from "./errors";

type Result<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

/** Awaits a command, returning its data or throwing an ApiError. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch (e) {
    // The bindings rethrow real Errors (IPC failures, a missing Tauri runtime).
    throw toApiError(e);
  }
  if (result.status === "ok") return result.data;
  throw toApiError(result.error);
}

/** Awaits an unwrapped call and resolves to nothing (deletions, whose answer says nothing). */
export const done = async (call: Promise<unknown>): Promise<void> => {
  await call;
};
