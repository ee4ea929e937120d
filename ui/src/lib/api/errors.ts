// The error every API call throws. Kept apart from index.ts so tests that mock the API
// (and anything else) can use the real class without pulling in the Tauri bindings.

/** Codes the backend sends; the UI branches on a few of them. */
export type ErrorCode =
  | "not_found"
  | "invalid"
  | "in_use"
  | "not_an_archive"
  | "no_archive"
  | "cancelled"
  | "io"
  | "internal"
  | (string & {});

/** A failed call: a stable `code` and a `message` written for the curator. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** For `invalid`: the field the backend named ("date", "title", "birth date", ...). */
  readonly field: string | null;
  /** The message without the field prefix, for showing under that field. */
  readonly detail: string;

  constructor(code: ErrorCode, message: string) {
    const { field, detail } = splitField(code, message);
    super(sentence(message));
    this.name = "ApiError";
    this.code = code;
    this.field = field;
    this.detail = sentence(detail);
  }
}

/** The backend words validation errors as "field: what is wrong"; split that apart. */
function splitField(code: string, message: string): { field: string | null; detail: string } {
  if (code !== "invalid") return { field: null, detail: message };
  const m = /^([a-z][a-z ]{0,30}): (.+)$/s.exec(message);
  return m ? { field: m[1], detail: m[2] } : { field: null, detail: message };
}

/** Starts a message with a capital letter, as the window shows it. */
function sentence(text: string): string {
  const t = text.trim();
  return t ? t[0].toUpperCase() + t.slice(1) : t;
}

/** Whatever was thrown, as an ApiError the UI can show. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (isAppError(e)) return new ApiError(e.code, e.message);
  const why = e instanceof Error ? e.message : typeof e === "string" ? e : "";
  return new ApiError(
    "internal",
    why
      ? `Recollect could not reach its archive (${why}). Try again; if it keeps happening, restart Recollect.`
      : "Recollect could not reach its archive. Try again; if it keeps happening, restart Recollect.",
  );
}

function isAppError(e: unknown): e is { code: string; message: string } {
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
