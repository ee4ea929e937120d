// Words for access: levels, layers, release terms and statuses, accession methods, and the
// one-line summaries the Access tab, the lock badges and the restrict dialog share.

import type { Access, Accession, AccessionInput, AccessionMethod, AccessLevel, InterviewAccess, Layer, ReleaseForm, ReleaseStatus, ReleaseTerms, Restriction, RestrictionAction } from "../../api";

export const LEVEL_LABEL: Record<AccessLevel, string> = { open: "Open", restricted: "Restricted", closed: "Closed" };

export const LEVEL_HINT: Record<AccessLevel, string> = {
  open: "Anyone may see it; it goes into public packages.",
  restricted: "Researchers by arrangement; never in public packages.",
  closed: "No one outside the archive.",
};

export const LAYER_LABEL: Record<Layer, string> = { all: "Everything", text: "Text only", audio: "Audio only" };

export const STATUS_OPTIONS: { value: ReleaseStatus; label: string }[] = [
  { value: "signed", label: "Signed" },
  { value: "pending", label: "Sent, not back yet" },
  { value: "none", label: "No form" },
  { value: "declined", label: "Declined" },
];

export const STATUS_LABEL: Record<ReleaseStatus, string> = {
  signed: "Signed",
  pending: "Pending",
  none: "No form",
  declined: "Declined",
};

export const TERMS_OPTIONS: { value: ReleaseTerms; label: string; hint: string }[] = [
  { value: "open", label: "Open", hint: "Open to everyone now." },
  { value: "closed_until_date", label: "Closed until a date", hint: "Everything closed until the day given." },
  { value: "closed_until_death", label: "Closed until the narrator's death", hint: "Opens once the narrator's death date has passed." },
  { value: "transcript_closed_audio_open", label: "Transcript closed, audio open", hint: "The text is withheld; the recording may be heard." },
  { value: "audio_closed_transcript_open", label: "Audio closed, transcript open", hint: "The recording is withheld; the text may be read." },
];

export const METHOD_OPTIONS: { value: AccessionMethod; label: string }[] = [
  { value: "gift", label: "Gift" },
  { value: "purchase", label: "Purchase" },
  { value: "deposit", label: "Deposit" },
  { value: "transfer", label: "Transfer" },
  { value: "loan", label: "Loan" },
  { value: "recorded", label: "Recorded by the project" },
  { value: "other", label: "Other" },
];

export function methodLabel(m: AccessionMethod): string {
  return METHOD_OPTIONS.find((o) => o.value === m)?.label ?? m;
}

export function termsLabel(t: ReleaseTerms): string {
  return TERMS_OPTIONS.find((o) => o.value === t)?.label ?? t;
}

/** "Signed 2019-05-02: closed until 2040-01-01". */
export function formSummary(f: ReleaseForm): string {
  if (f.status !== "signed") return STATUS_LABEL[f.status];
  let terms = termsLabel(f.terms);
  if (f.terms === "closed_until_date") terms = `Closed until ${f.until ?? "a day not given"}`;
  else if (f.until && (f.terms === "transcript_closed_audio_open" || f.terms === "audio_closed_transcript_open")) terms += ` until ${f.until}`;
  return terms;
}

export const ACTION_LABEL: Record<RestrictionAction, string> = { restrict: "Restricted", seal: "Sealed", redact: "Redacted" };

/** "Closed (text) until 2030-01-01". */
export function restrictionSummary(r: Restriction): string {
  const what = r.action === "restrict" ? LEVEL_LABEL[r.level] : ACTION_LABEL[r.action];
  const layer = r.layer === "all" ? "" : ` (${r.layer === "text" ? "text" : "audio"})`;
  const until = r.until ? ` until ${r.until}` : "";
  return `${what}${layer}${until}`;
}

/** The strictest of an access's levels. */
export function strictest(a: Access): AccessLevel {
  const order: AccessLevel[] = ["open", "restricted", "closed"];
  return [a.level, a.text, a.audio].reduce((x, y) => (order.indexOf(y) > order.indexOf(x) ? y : x), "open" as AccessLevel);
}

/** One line for a passage's access: "Closed: sealed (release form)". */
export function accessLine(a: Access): string {
  const partial = a.level === "open" && (a.text !== "open" || a.audio !== "open");
  const head = partial
    ? [a.text !== "open" ? `Text ${a.text}` : "", a.audio !== "open" ? `Audio ${a.audio}` : ""].filter(Boolean).join(", ")
    : LEVEL_LABEL[a.level];
  const why = a.reasons.map((r) => r.because).join("; ");
  const lifts = a.lifts_on ? ` Lifts on ${a.lifts_on}.` : "";
  return `${head}${why ? `: ${why}` : ""}.${lifts}`;
}

/**
 * A lock badge's title, in the core's words: "Closed: none of it goes into a public package.
 * Release declined (release form)."
 */
export function badgeLine(a: InterviewAccess): string {
  const why = a.reasons.join("; ");
  return why ? `${a.headline}. ${why.charAt(0).toUpperCase()}${why.slice(1)}.` : `${a.headline}.`;
}

/** Today as YYYY-MM-DD, in the curator's time zone. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** What to send to change an accession's records and nothing else. */
export function accessionInputOf(a: Accession): AccessionInput {
  return { identifier: a.identifier, donor: a.donor, donor_person_id: a.donor_person_id, received: a.received, method: a.method, records: a.records, note: a.note };
}
