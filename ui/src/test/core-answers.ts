// What the core answers, read from fixtures the core wrote (ui/src/test/fixtures/, made by
// db/tests/ui_fixtures.rs). The fakes keep data; whether a date is valid, whether an input
// passes a rule of the core's (a title, a name, a tag's label, segment times, a seal's target),
// and what access a record has, they look up here. An input the fixtures lack fails loudly: add it to the
// writer's inputs and run `UPDATE_FIXTURES=1 cargo test -p recollect-db --test ui_fixtures`.

import { ApiError } from "../lib/api/errors";
import type { Access, InheritedReason, InterviewAccess, TranscriptMarks } from "../lib/api";
import type { AppError } from "../lib/bindings";
import datesRaw from "./fixtures/dates.json?raw";
import accessRaw from "./fixtures/access.json?raw";
import rulesRaw from "./fixtures/rules.json?raw";

const REGENERATE = "then run `UPDATE_FIXTURES=1 cargo test -p recollect-db --test ui_fixtures` and commit ui/src/test/fixtures/";

type Verdict = { ok: string | null } | { error: AppError };

const dates: Record<string, Record<string, Record<string, Verdict>>> = JSON.parse(datesRaw);

/** Notes a missing input (in the file FIXTURE_MISSES names, when set) and throws. */
function missing(what: string, input: unknown, where: string): never {
  const line = JSON.stringify(input);
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined>; getBuiltinModule?: (m: string) => unknown } }).process;
  const file = proc?.env?.FIXTURE_MISSES;
  if (file) (proc?.getBuiltinModule?.("node:fs") as { appendFileSync(p: string, s: string): void } | undefined)?.appendFileSync(file, `${what}\t${line}\n`);
  const message = `the core's fixtures have no answer for ${what} ${line}: add it to ${where}, ${REGENERATE}`;
  console.error(message);
  throw new Error(message);
}

function thrown(e: AppError): ApiError {
  return new ApiError(e.code, e.message, e.field, e.detail);
}

/**
 * The core's verdict on a date typed into a field: `dates::normalize` ("edtf") or `dates::day`
 * ("day"). Returns the stored value (null for blank), or throws the error the window receives.
 */
export function coreDate(rule: "edtf" | "day", field: string, value: string | null | undefined): string | null {
  if (value == null) return null;
  const verdict = dates[rule]?.[field]?.[value];
  if (!verdict) missing(`the ${rule} date of "${field}"`, value, `DATES in db/tests/ui_fixtures.rs`);
  if ("error" in verdict) throw thrown(verdict.error);
  return verdict.ok;
}

// Rules

/** What the core keeps of an input a rule accepts (null when the fixture says nothing more). */
type RuleAnswer = { input: unknown; ok: unknown } | { input: unknown; error: AppError };

const rules = new Map(
  Object.entries(JSON.parse(rulesRaw) as Record<string, RuleAnswer[]>).map(([rule, answers]) => [rule, new Map(answers.map((a) => [canonical(a.input), a]))]),
);

/**
 * The core's verdict on `input` to one of its rules ("collection title", "tag label", ...; see
 * run_rule in db/tests/ui_fixtures.rs). Returns what the core keeps (null when the fixture
 * records nothing), or throws the error the window receives.
 */
export function coreRule(rule: string, input: unknown): unknown {
  const answer = rules.get(rule)?.get(canonical(input));
  if (!answer) missing(`the rule "${rule}" on`, input, `"${rule}" in db/tests/ui_fixtures/rule_inputs.json`);
  if ("error" in answer) throw thrown(answer.error);
  return answer.ok;
}

// Access

/** A record of the fake's archive as the core is told about it; ids are handles ("i:Two daughters"). */
export interface AccessWorld {
  collections: { id: string; title: string }[];
  people: { id: string; name: string; death_date: string | null }[];
  interviews: { id: string; title: string; collection: string | null; narrators: string[] }[];
  transcripts: { id: string; interview: string; label: string; segments: [number | null, number | null][] }[];
  photos: { id: string; name: string; interviews: string[]; collections: string[] }[];
  restrictions: unknown[];
  release_forms: unknown[];
}

export interface WorldAnswers {
  /** By record handle, or `span:<transcript>:<first>-<last>` (segment positions). */
  effective: Record<string, Access>;
  inherited: Record<string, InheritedReason[]>;
  marks: Record<string, TranscriptMarks>;
  /** What of each interview a public package carries (public::interview_access), by handle. */
  interviews: Record<string, InterviewAccess>;
  /** The public profile's preview of the whole archive. */
  preview: { interviews: number; withheld: string[] };
}

interface AccessFixtures {
  today: string;
  /** The core's answers where no restriction or release form exists: one per kind of record. */
  unrestricted: {
    effective: Record<string, Access>;
    inherited: Record<string, InheritedReason[]>;
    interview: InterviewAccess;
    marks: TranscriptMarks;
    preview_withheld: string[];
  };
  worlds: { world: AccessWorld; answers: WorldAnswers }[];
}

const accessFixtures: AccessFixtures = JSON.parse(accessRaw);

/** The day the access fixtures were computed for. */
export const FIXTURE_TODAY = accessFixtures.today;

/** JSON with its keys sorted, so that two equal worlds give one key. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

const byWorld = new Map(accessFixtures.worlds.map((w) => [canonical(w.world), w.answers]));

/** The core's answers for a world with rules; fails loudly when the world is not in the fixtures. */
export function coreAccess(world: AccessWorld): WorldAnswers {
  const answers = byWorld.get(canonical(world));
  if (!answers) missing("the access world", world, "db/tests/ui_fixtures/access_worlds.json");
  return answers;
}

/** The core's answers for a record of `kind` (or "span") where no rule exists at all. */
export function coreUnrestricted(kind: string): { effective: Access; inherited: InheritedReason[] } {
  const effective = accessFixtures.unrestricted.effective[kind];
  if (!effective) missing("an unrestricted record of kind", kind, "unrestricted_world() in db/tests/ui_fixtures.rs");
  return { effective, inherited: accessFixtures.unrestricted.inherited[kind] ?? [] };
}

export const unrestrictedMarks = (): TranscriptMarks => accessFixtures.unrestricted.marks;
export const unrestrictedInterview = (): InterviewAccess => accessFixtures.unrestricted.interview;
export const unrestrictedWithheld = (): string[] => accessFixtures.unrestricted.preview_withheld;
