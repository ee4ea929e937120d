// The error every API call throws. Kept apart from index.ts so tests that mock the API
// (and anything else) can use the real class without pulling in the Tauri bindings (types only).

import type { AppError, ErrorCode } from "../bindings";

/** The kinds of failure the backend sends (the core's `ErrorCode`). */
export type { ErrorCode } from "../bindings";

/** A failed call: a typed `code`, a `message` written for the curator, and for `invalid` the field. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** For `invalid`: the field the backend named ("date", "title", "birth date", ...). */
  readonly field: string | null;
  /** The message without the field's name, for showing under that field. */
  readonly detail: string;

  constructor(code: ErrorCode, message: string, field: string | null = null, detail: string = message) {
    super(sentence(message));
    this.name = "ApiError";
    this.code = code;
    this.field = field;
    this.detail = sentence(detail);
  }
}

/** An `invalid` error about one field, worded as the backend words it ("field: detail"). */
export function invalidField(field: string, detail: string): ApiError {
  return new ApiError("invalid", `${field}: ${detail}`, field, detail);
}

/** Starts a message with a capital letter, as the window shows it. */
function sentence(text: string): string {
  const t = text.trim();
  return t ? t[0].toUpperCase() + t.slice(1) : t;
}

/** Whatever was thrown, as an ApiError the UI can show. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (isAppError(e)) return new ApiError(e.code, e.message, e.field ?? null, e.detail ?? e.message);
  const why = e instanceof Error ? e.message : typeof e === "string" ? e : "";
  return new ApiError(
    "internal",
    why
      ? `Recollect could not reach its archive (${why}). Try again; if it keeps happening, restart Recollect.`
      : "Recollect could not reach its archive. Try again; if it keeps happening, restart Recollect.",
  );
}

function isAppError(e: unknown): e is AppError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as { code?: unknown }).code === "string" &&
    typeof (e as { message?: unknown }).message === "string"
  );
}

/** The user-facing message of anything thrown. */
export function messageOf(e: unknown): string {
  return toApiError(e).message;
}
