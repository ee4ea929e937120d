// The photo and people-authority half of the fake API (re-exported by fake-api.ts): photos with
// captions and regions, identifications from captions, name variants, relationships, fuzzy
// matching across spellings and scripts, possible duplicates and merging. It works on the
// people of fake-api's `backend`, and keeps its own records per backend, so reset() there
// gives a fresh set here too.

import { vi } from "vitest";
import { ApiError } from "../lib/api/errors";
import type * as Api from "../lib/api";
import type {
  Candidate,
  Caption,
  CaptionInput,
  ExternalId,
  Identification,
  ImportPhotosOptions,
  ImportPhotosSummary,
  Mention,
  MentionCount,
  NameVariant,
  NameVariantInput,
  Person,
  PersonAuthority,
  PersonMentions,
  Photo,
  PhotoAppearance,
  PhotoFilter,
  PhotoInput,
  PhotoUrls,
  PossibleDuplicate,
  ProgressSink,
  ProposedIdentification,
  Rect,
  Region,
  RegionInput,
  Relation,
  RelationKind,
  TypedMatch,
} from "../lib/api";
import { coreDate, coreRule } from "./core-answers";
import { backend, type FakeArchive } from "./fake-api";

const T0 = "2026-01-02T10:00:00Z";

interface StoredRelation {
  id: string;
  /** `a` is `kind` of `b`. */
  a: string;
  kind: RelationKind;
  b: string;
  note: string;
}

/** The other side of a relationship: a parent's child, a grandchild's grandparent. */
export const INVERSE: Record<RelationKind, RelationKind> = {
  parent_of: "child_of",
  child_of: "parent_of",
  grandparent_of: "grandchild_of",
  grandchild_of: "grandparent_of",
  spouse_of: "spouse_of",
  sibling_of: "sibling_of",
  associate_of: "associate_of",
};

export class FakePhotos {
  photos: Photo[] = [];
  regions: Region[] = [];
  variants = new Map<string, NameVariant[]>();
  roles = new Map<string, string[]>();
  identifiers = new Map<string, ExternalId[]>();
  relations: StoredRelation[] = [];
  merged = new Map<string, string[]>();
  /**
   * Everywhere each person is mentioned, as the core would answer (people::mentioned_in, whose
   * rule is tested in the core): seeded by a test, by person id.
   */
  mentioned = new Map<string, PersonMentions>();
  /** The next Open dialog's answer: the files chosen, or null for Cancel. */
  filesAnswer: string[] | null = null;
  /** Imports wait for this before finishing, when set (to test progress and cancel). */
  importGate: Promise<void> | null = null;
  #n = 0;

  constructor(readonly archive: FakeArchive) {}

  id(prefix: string): string {
    return `${prefix}-${++this.#n}`;
  }

  // Seeding

  addPhoto(original_name: string, more: Partial<Photo> = {}): Photo {
    const p: Photo = {
      id: this.id("ph"),
      sha256: `${this.#n}`.padStart(64, "0"),
      path: `ab/${original_name}`,
      original_name,
      mime_type: "image/jpeg",
      width: 800,
      height: 500,
      size_bytes: 50_000,
      exif_date: null,
      exif_camera: null,
      date: null,
      place: "",
      creator: "",
      source: "",
      rights: "",
      note: "",
      captions: [],
      collection_ids: [],
      interview_ids: [],
      region_count: 0,
      created_at: T0,
      updated_at: T0,
      ...more,
    };
    this.photos.push(p);
    return structuredClone(p);
  }

  addCaption(photoId: string, text: string, more: Partial<CaptionInput> = {}): Caption {
    const photo = this.photo(photoId);
    const c: Caption = { id: this.id("cap"), kind: more.kind ?? "published", language: more.language ?? "", text, position: photo.captions.length };
    photo.captions.push(c);
    return structuredClone(c);
  }

  addRegion(photoId: string, input: RegionInput, caption?: { id: string; row: number; position: number }): Region {
    const photo = this.photo(photoId);
    if (input.rect) checkRect(photo, input.rect);
    const region: Region = {
      id: this.id("r"),
      photo_id: photoId,
      rect: input.rect ?? null,
      person: input.person_id ? this.ref(input.person_id) : null,
      label: (input.label ?? "").trim(),
      caption_id: caption?.id ?? null,
      caption_row: caption?.row ?? null,
      caption_position: caption?.position ?? null,
      created_at: T0,
      updated_at: T0,
    };
    this.regions.push(region);
    return structuredClone(region);
  }

  addVariant(personId: string, input: NameVariantInput): NameVariant {
    this.person(personId);
    const name = input.name.trim();
    const v: NameVariant = {
      id: this.id("v"),
      name,
      script: input.script ?? scriptOf(name),
      kind: input.kind,
      system: input.system ?? null,
      source: input.source ?? "",
    };
    this.variants.set(personId, [...(this.variants.get(personId) ?? []), v]);
    return structuredClone(v);
  }

  relate(a: string, kind: RelationKind, b: string, note = ""): Relation {
    this.person(a);
    this.person(b);
    const r: StoredRelation = { id: this.id("rel"), a, kind, b, note };
    this.relations.push(r);
    return { id: r.id, kind, other: this.ref(b), note };
  }

  // Lookups

  photo(id: string): Photo {
    const p = this.photos.find((x) => x.id === id);
    if (!p) throw new ApiError("not_found", `no photo with id ${id}: it may have been deleted`);
    return p;
  }

  person(id: string): Omit<Person, "interview_count"> {
    const p = this.archive.people.find((x) => x.id === id);
    if (!p) throw new ApiError("not_found", `no person with id ${id}: it may have been deleted`);
    return p;
  }

  ref(id: string) {
    return { id, name: this.person(id).display_name };
  }

  /** The photo as the backend returns it: region count and people's current names. */
  view(p: Photo): Photo {
    return { ...p, region_count: this.regions.filter((r) => r.photo_id === p.id && r.person).length };
  }

  regionView(r: Region): Region {
    return { ...r, person: r.person ? this.ref(r.person.id) : null };
  }

  /** Every name of every person: display name first, then variants. */
  names(): { id: string; names: string[] }[] {
    return this.archive.people.map((p) => ({ id: p.id, names: [p.display_name, ...(this.variants.get(p.id) ?? []).map((v) => v.name)] }));
  }

  /**
   * Known people named in a transcript: any of a person's names, or its last word (a surname),
   * written whole in a segment.
   */
  mentions(transcriptId: string): Mention[] {
    const out: Mention[] = [];
    for (const seg of backend.segments.get(transcriptId) ?? []) {
      const lower = seg.text.toLowerCase();
      for (const { id, names } of this.names()) {
        const words = new Set(names.flatMap((n) => [n, n.split(/\s+/).at(-1) ?? n]).filter((w) => w.length >= 4));
        for (const w of words) {
          const at = lower.search(new RegExp(`(^|[^\\p{L}])${w.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}])`, "u"));
          if (at < 0) continue;
          const start = lower.indexOf(w.toLowerCase(), at);
          out.push({
            segment_id: seg.id,
            start_ms: seg.start_ms,
            text_span: seg.text.slice(start, start + w.length),
            start,
            end: start + w.length,
            person: { id, name: w, score: 1, confident: true },
          });
          break;
        }
      }
    }
    return out;
  }

  /**
   * What the backend offers a field for typed text, roughly and without its ranking: the
   * people with a name (display, sort name or variant) that contains the text as written or
   * romanised, by sort name, naming the variant that contained it as written when the display
   * and sort names did not; then the other spellings `match` finds.
   */
  asTyped(text: string): TypedMatch[] {
    const q = text.trim();
    if (!q) return [];
    const written = (n: string) => n.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().includes(q.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase());
    const spelled = (n: string) => romanise(n).includes(romanise(q));
    const out: TypedMatch[] = [];
    for (const p of [...this.archive.people].sort((a, b) => a.sort_name.localeCompare(b.sort_name))) {
      const own = [p.display_name, p.sort_name];
      const variants = (this.variants.get(p.id) ?? []).map((v) => v.name);
      const shown = own.some(written)
        ? p.display_name
        : (variants.find(written) ?? (own.some(spelled) ? p.display_name : variants.find(spelled)));
      if (shown !== undefined) out.push({ id: p.id, name: shown, fit: "within" });
    }
    for (const c of this.match(q)) {
      if (!out.some((m) => m.id === c.id)) out.push({ id: c.id, name: c.name, fit: "spelling" });
    }
    return out;
  }

  match(name: string, limit = 5): Candidate[] {
    const ranked: { id: string; name: string; score: number }[] = [];
    for (const { id, names } of this.names()) {
      let best = { name: "", score: 0 };
      for (const n of names) {
        // Written just so (same script, same letters): preferred over a romanised equal.
        const exact = n.toLowerCase().split(/\s+/).includes(name.trim().toLowerCase()) ? 0.0001 : 0;
        const s = Math.min(1, similarity(name, n)) + exact;
        if (s > best.score) best = { name: n, score: s };
      }
      if (best.score >= 0.75) ranked.push({ id, ...best });
    }
    ranked.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
    return ranked.slice(0, limit).map((c, i) => ({
      id: c.id,
      name: c.name,
      score: Math.min(1, Math.round(c.score * 1000) / 1000),
      confident: i === 0 && c.score >= 0.9 && c.score - (ranked[1]?.score ?? 0) >= 0.05,
    }));
  }
}

function checkRect(photo: Photo, rect: Rect) {
  // A rectangle of fractions or negative numbers would not reach the core: Rect is of u32.
  if (![rect.x, rect.y, rect.width, rect.height].every((n) => Number.isInteger(n) && n >= 0)) {
    throw new Error(`the fake was given a rectangle the shell could not read: ${JSON.stringify(rect)}`);
  }
  coreRule("region", { rect: { x: rect.x, y: rect.y, width: rect.width, height: rect.height }, width: photo.width, height: photo.height });
}

const CYRILLIC: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ё: "e", ж: "zh", з: "z", и: "i", й: "i", к: "k", л: "l", м: "m",
  н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch",
  ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};

/** Folded and romanised: "Серебрякова" and "Serebryakova" come out the same. */
export function romanise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[а-яё]/g, (c) => CYRILLIC[c] ?? c)
    .replace(/[^a-z\s-]/g, "")
    .trim();
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = keep;
    }
  }
  return row[b.length];
}

function ratio(a: string, b: string): number {
  if (!a || !b) return 0;
  return 1 - levenshtein(a, b) / Math.max(a.length, b.length);
}

/** How well a typed name fits a person's name, 0 to 1: whole names, or one word against a surname. */
export function similarity(typed: string, name: string): number {
  const q = romanise(typed);
  const n = romanise(name);
  if (!q || !n) return 0;
  const qw = q.split(/\s+/);
  const nw = n.split(/\s+/);
  let best = ratio(q, n);
  if (qw.length === 1) for (const w of nw) best = Math.max(best, ratio(q, w) * (w === nw.at(-1) ? 1 : 0.9));
  else best = Math.max(best, ratio(qw.at(-1)!, nw.at(-1)!) * 0.9);
  return best;
}

function scriptOf(name: string): NameVariant["script"] {
  if (/[\u0400-\u04FF]/.test(name)) return "cyrillic";
  if (/[A-Za-z]/.test(name)) return "latin";
  return "other";
}

/** A group-photo caption as rows of names, the way the backend reads the common forms. */
export function parseRows(text: string): { label: string; names: string[] }[] {
  const rows: { label: string; names: string[] }[] = [];
  const re = /([^.;:()]*?)\s*\((?:from )?left to right\)\s*:\s*([^.;]*)|(?:^|[.;]\s*)left to right\s*:\s*([^.;]*)/gi;
  for (const m of text.matchAll(re)) {
    const label = (m[1] ?? "").replace(/^.*[.;]\s*/, "").trim();
    const list = m[2] ?? m[3] ?? "";
    const names = list
      .split(/\s*,\s*|\s+and\s+/)
      .map((n) => n.trim())
      .filter(Boolean);
    if (names.length) rows.push({ label, names });
  }
  return rows;
}

const PLACEHOLDER = /^(unknown|unidentified|\?+|n\. ?n\.)$/i;

/** The photo records of the backend the API works on now. */
const stores = new WeakMap<FakeArchive, FakePhotos>();
export function photosOf(b: FakeArchive = backend): FakePhotos {
  let d = stores.get(b);
  if (!d) stores.set(b, (d = new FakePhotos(b)));
  return d;
}

const clone = <T>(v: T): T => structuredClone(v);

async function call<T>(name: string, body: (d: FakePhotos) => T): Promise<T> {
  await Promise.resolve();
  backend.check(name);
  return clone(body(photosOf()));
}

const fns = {
  listPhotos: vi.fn(
    (filter: PhotoFilter = {}): Promise<Photo[]> =>
      call("listPhotos", (d) => {
        backend.need();
        return d.photos
          .filter((p) => !filter.collection_id || p.collection_ids.includes(filter.collection_id))
          .filter((p) => !filter.interview_id || p.interview_ids.includes(filter.interview_id))
          .map((p) => d.view(p));
      }),
  ),
  getPhoto: vi.fn((id: string): Promise<Photo> => call("getPhoto", (d) => d.view(d.photo(id)))),
  updatePhoto: vi.fn(
    (id: string, input: PhotoInput): Promise<Photo> =>
      call("updatePhoto", (d) => {
        const p = d.photo(id);
        const date = coreDate("edtf", "date", input.date);
        Object.assign(p, {
          date,
          place: (input.place ?? "").trim(),
          creator: (input.creator ?? "").trim(),
          source: (input.source ?? "").trim(),
          rights: (input.rights ?? "").trim(),
          note: (input.note ?? "").trim(),
          updated_at: "2026-01-02T11:00:00Z",
        });
        backend.announce("photos");
        return d.view(p);
      }),
  ),
  deletePhoto: vi.fn(
    (id: string): Promise<void> =>
      call("deletePhoto", (d) => {
        d.photo(id);
        d.photos = d.photos.filter((p) => p.id !== id);
        d.regions = d.regions.filter((r) => r.photo_id !== id);
        backend.announce("photos");
      }),
  ),
  addPhotoToCollection: vi.fn(
    (photoId: string, collectionId: string): Promise<Photo> =>
      call("addPhotoToCollection", (d) => {
        const p = d.photo(photoId);
        if (!p.collection_ids.includes(collectionId)) p.collection_ids.push(collectionId);
        backend.announce("photos");
        return d.view(p);
      }),
  ),
  attachPhotoToInterview: vi.fn(
    (photoId: string, interviewId: string): Promise<Photo> =>
      call("attachPhotoToInterview", (d) => {
        const p = d.photo(photoId);
        if (!p.interview_ids.includes(interviewId)) p.interview_ids.push(interviewId);
        backend.announce("photos");
        return d.view(p);
      }),
  ),
  detachPhotoFromInterview: vi.fn(
    (photoId: string, interviewId: string): Promise<Photo> =>
      call("detachPhotoFromInterview", (d) => {
        const p = d.photo(photoId);
        p.interview_ids = p.interview_ids.filter((i) => i !== interviewId);
        backend.announce("photos");
        return d.view(p);
      }),
  ),
  photoUrls: vi.fn(
    (photoId: string, thumbnailPx: number): Promise<PhotoUrls> =>
      call("photoUrls", (d) => {
        d.photo(photoId);
        return { full: `asset://localhost/photos/${photoId}.jpg`, thumbnail: `asset://localhost/thumbs/${photoId}-${thumbnailPx}.jpg` };
      }),
  ),
  choosePhotoFiles: vi.fn((): Promise<string[] | null> => call("choosePhotoFiles", (d) => d.filesAnswer)),
  choosePhotoFolder: vi.fn((): Promise<string | null> => call("choosePhotoFolder", () => null)),
  importPhotos: vi.fn(async (jobId: string, paths: string[], options: ImportPhotosOptions, onProgress: ProgressSink): Promise<ImportPhotosSummary> => {
    let cancelled = false;
    const d = photosOf();
    // cancelJob (fake-api's) stops the jobs it finds here.
    backend.jobs.set(jobId, () => (cancelled = true));
    try {
      await Promise.resolve();
      backend.check("importPhotos");
      onProgress({ event: "started", title: `Importing ${paths.length} ${paths.length === 1 ? "photo" : "photos"}` });
      onProgress({ event: "progress", phase: "copying", done: 0, total: paths.length });
      if (d.importGate) await d.importGate;
      if (cancelled) {
        onProgress({ event: "failed", message: "cancelled", cancelled: true });
        throw new ApiError("cancelled", "the import was cancelled; nothing was added");
      }
      const added = paths.map((path) =>
        d.addPhoto(path.replace(/^.*[\\/]/, ""), {
          collection_ids: options.collection_id ? [options.collection_id] : [],
          interview_ids: options.interview_id ? [options.interview_id] : [],
        }),
      );
      onProgress({ event: "progress", phase: "copying", done: paths.length, total: paths.length });
      onProgress({ event: "finished", summary: `${added.length} added` });
      backend.announce("photos");
      return { added, duplicates: [], warnings: [] };
    } finally {
      backend.jobs.delete(jobId);
    }
  }),

  addCaption: vi.fn(
    (photoId: string, input: CaptionInput): Promise<Caption> =>
      call("addCaption", (d) => {
        coreRule("caption text", input.text);
        const c = d.addCaption(photoId, input.text.trim(), input);
        backend.announce("photos");
        return c;
      }),
  ),
  updateCaption: vi.fn(
    (captionId: string, input: CaptionInput): Promise<Caption> =>
      call("updateCaption", (d) => {
        const c = d.photos.flatMap((p) => p.captions).find((x) => x.id === captionId);
        if (!c) throw new ApiError("not_found", `no caption with id ${captionId}: it may have been deleted`);
        coreRule("caption text", input.text);
        Object.assign(c, { text: input.text.trim(), kind: input.kind ?? c.kind, language: input.language ?? c.language });
        backend.announce("photos");
        return c;
      }),
  ),
  deleteCaption: vi.fn(
    (captionId: string): Promise<void> =>
      call("deleteCaption", (d) => {
        for (const p of d.photos) p.captions = p.captions.filter((c) => c.id !== captionId);
        backend.announce("photos");
      }),
  ),

  photoRegions: vi.fn((photoId: string): Promise<Region[]> => call("photoRegions", (d) => d.regions.filter((r) => r.photo_id === photoId).map((r) => d.regionView(r)))),
  addRegion: vi.fn(
    (photoId: string, input: RegionInput): Promise<Region> =>
      call("addRegion", (d) => {
        const r = d.addRegion(photoId, input);
        backend.announce("photos");
        return r;
      }),
  ),
  updateRegion: vi.fn(
    (regionId: string, input: RegionInput): Promise<Region> =>
      call("updateRegion", (d) => {
        const r = d.regions.find((x) => x.id === regionId);
        if (!r) throw new ApiError("not_found", `no region with id ${regionId}: it may have been deleted`);
        if (input.rect) checkRect(d.photo(r.photo_id), input.rect);
        Object.assign(r, {
          rect: input.rect ?? null,
          person: input.person_id ? d.ref(input.person_id) : null,
          label: (input.label ?? "").trim(),
        });
        backend.announce("photos");
        return d.regionView(r);
      }),
  ),
  deleteRegion: vi.fn(
    (regionId: string): Promise<void> =>
      call("deleteRegion", (d) => {
        d.regions = d.regions.filter((r) => r.id !== regionId);
        backend.announce("photos");
      }),
  ),
  identifyFromCaption: vi.fn(
    (photoId: string, captionId: string): Promise<ProposedIdentification[]> =>
      call("identifyFromCaption", (d) => {
        const caption = d.photo(photoId).captions.find((c) => c.id === captionId);
        if (!caption) throw new ApiError("not_found", `no caption with id ${captionId}: it may have been deleted`);
        return parseRows(caption.text).flatMap((row, r) =>
          row.names.map((name, position) => {
            const placeholder = PLACEHOLDER.test(name);
            const confirmed = d.regions.find((x) => x.caption_id === captionId && x.caption_row === r && x.caption_position === position);
            return {
              row_label: row.label,
              row: r,
              position,
              name_as_written: name,
              placeholder,
              candidates: placeholder ? [] : d.match(name),
              confirmed: confirmed ? d.regionView(confirmed) : null,
            };
          }),
        );
      }),
  ),
  confirmIdentification: vi.fn(
    (photoId: string, id: Identification): Promise<Region> =>
      call("confirmIdentification", (d) => {
        const caption = d.photo(photoId).captions.find((c) => c.id === id.caption_id);
        if (!caption) throw new ApiError("not_found", `no caption with id ${id.caption_id}: it may have been deleted`);
        const name = parseRows(caption.text)[id.row]?.names[id.position];
        coreRule("identification", { caption: caption.text, row: id.row, position: id.position });
        if (name === undefined) throw new Error(`the core found a name at row ${id.row}, position ${id.position} of "${caption.text}" where the fake's parse finds none`);
        const existing = d.regions.find((r) => r.caption_id === id.caption_id && r.caption_row === id.row && r.caption_position === id.position);
        let region: Region;
        if (existing) {
          if (id.rect) checkRect(d.photo(photoId), id.rect);
          existing.rect = id.rect ?? existing.rect;
          existing.person = id.person_id ? d.ref(id.person_id) : null;
          region = d.regionView(existing);
        } else {
          region = d.addRegion(photoId, { rect: id.rect ?? null, person_id: id.person_id, label: name }, { id: id.caption_id, row: id.row, position: id.position });
        }
        backend.announce("photos");
        return region;
      }),
  ),
  personAppearances: vi.fn(
    (personId: string): Promise<PhotoAppearance[]> =>
      call("personAppearances", (d) => {
        d.person(personId);
        const out: PhotoAppearance[] = [];
        for (const p of d.photos) {
          const regions = d.regions.filter((r) => r.photo_id === p.id && r.person?.id === personId).map((r) => d.regionView(r));
          if (regions.length) out.push({ photo: d.view(p), regions });
        }
        return out;
      }),
  ),
  parseCaption: vi.fn((text: string) => call("parseCaption", () => ({ rows: parseRows(text) }))),

  personAuthority: vi.fn(
    (personId: string): Promise<PersonAuthority> =>
      call("personAuthority", (d) => {
        const p = d.person(personId);
        const relations: Relation[] = d.relations
          .filter((r) => r.a === personId || r.b === personId)
          .map((r) =>
            r.a === personId
              ? { id: r.id, kind: r.kind, other: d.ref(r.b), note: r.note }
              : { id: r.id, kind: INVERSE[r.kind], other: d.ref(r.a), note: r.note },
          )
          .sort((x, y) => x.kind.localeCompare(y.kind) || x.other.name.localeCompare(y.other.name));
        return {
          person: backend.person(p),
          variants: d.variants.get(personId) ?? [],
          roles: d.roles.get(personId) ?? [],
          identifiers: d.identifiers.get(personId) ?? [],
          relations,
          merged_ids: d.merged.get(personId) ?? [],
        };
      }),
  ),
  addNameVariant: vi.fn(
    (personId: string, input: NameVariantInput): Promise<NameVariant> =>
      call("addNameVariant", (d) => {
        const others = (d.variants.get(personId) ?? []).map((v) => v.name);
        coreRule("name variant", { person: d.person(personId).display_name, others, name: input.name, kind: input.kind, system: input.system ?? null, script: input.script ?? null });
        const v = d.addVariant(personId, input);
        backend.announce("people");
        return v;
      }),
  ),
  removeNameVariant: vi.fn(
    (variantId: string): Promise<void> =>
      call("removeNameVariant", (d) => {
        for (const [id, list] of d.variants) d.variants.set(id, list.filter((v) => v.id !== variantId));
        backend.announce("people");
      }),
  ),
  setPersonRoles: vi.fn(
    (personId: string, roles: string[]): Promise<string[]> =>
      call("setPersonRoles", (d) => {
        d.person(personId);
        const clean = [...new Set(roles.map((r) => r.trim()).filter(Boolean))];
        d.roles.set(personId, clean);
        backend.announce("people");
        return clean;
      }),
  ),
  setPersonIdentifiers: vi.fn(
    (personId: string, identifiers: ExternalId[]): Promise<ExternalId[]> =>
      call("setPersonIdentifiers", (d) => {
        d.person(personId);
        identifiers = identifiers.map((i) => coreRule("identifier", i) as ExternalId);
        d.identifiers.set(personId, identifiers);
        backend.announce("people");
        return identifiers;
      }),
  ),
  relatePeople: vi.fn(
    (personId: string, kind: RelationKind, otherId: string, note = ""): Promise<Relation> =>
      call("relatePeople", (d) => {
        coreRule("relationship", { person: personId, kind, other: otherId });
        const r = d.relate(personId, kind, otherId, note);
        backend.announce("people");
        return r;
      }),
  ),
  unrelatePeople: vi.fn(
    (relationshipId: string): Promise<void> =>
      call("unrelatePeople", (d) => {
        d.relations = d.relations.filter((r) => r.id !== relationshipId);
        backend.announce("people");
      }),
  ),
  matchPeople: vi.fn((name: string): Promise<TypedMatch[]> => call("matchPeople", (d) => d.asTyped(name))),
  transcriptMentions: vi.fn((transcriptId: string): Promise<Mention[]> => call("transcriptMentions", (d) => d.mentions(transcriptId))),
  personMentions: vi.fn(
    (personId: string): Promise<PersonMentions> =>
      call("personMentions", (d) => {
        d.person(personId);
        return d.mentioned.get(personId) ?? { person_id: personId, interviews: [], passages: 0 };
      }),
  ),
  mentionCounts: vi.fn(
    (): Promise<Record<string, MentionCount>> =>
      call("mentionCounts", (d) => {
        const out: Record<string, MentionCount> = {};
        for (const [id, m] of d.mentioned) if (m.interviews.length > 0) out[id] = { interviews: m.interviews.length, passages: m.passages };
        return out;
      }),
  ),
  possibleDuplicates: vi.fn(
    (): Promise<PossibleDuplicate[]> =>
      call("possibleDuplicates", (d) => {
        const people = backend.people;
        const out: PossibleDuplicate[] = [];
        for (let i = 0; i < people.length; i++) {
          for (let j = i + 1; j < people.length; j++) {
            const score = similarity(people[i].display_name, people[j].display_name);
            if (score >= 0.85) out.push({ person: backend.person(people[i]), other: backend.person(people[j]), score });
          }
        }
        return out;
      }),
  ),
  mergePeople: vi.fn(
    (keepId: string, removeId: string): Promise<Person> =>
      call("mergePeople", (d) => {
        const keep = d.person(keepId);
        d.person(removeId);
        coreRule("person merge", { keep: keepId, remove: removeId });
        for (const r of d.regions) if (r.person?.id === removeId) r.person = d.ref(keepId);
        for (const r of d.relations) {
          if (r.a === removeId) r.a = keepId;
          if (r.b === removeId) r.b = keepId;
        }
        d.relations = d.relations.filter((r) => r.a !== r.b);
        d.variants.set(keepId, [...(d.variants.get(keepId) ?? []), ...(d.variants.get(removeId) ?? [])]);
        d.variants.delete(removeId);
        for (const i of backend.interviews) {
          i.narrator_ids = [...new Set(i.narrator_ids.map((id) => (id === removeId ? keepId : id)))];
          i.interviewer_ids = [...new Set(i.interviewer_ids.map((id) => (id === removeId ? keepId : id)))];
        }
        backend.people = backend.people.filter((p) => p.id !== removeId);
        d.merged.set(keepId, [...(d.merged.get(keepId) ?? []), removeId]);
        backend.announce("people");
        return backend.person(keep);
      }),
  ),
};

// Module-shaped exports, checked against the real module's types.
export const listPhotos: typeof Api.listPhotos = fns.listPhotos;
export const getPhoto: typeof Api.getPhoto = fns.getPhoto;
export const updatePhoto: typeof Api.updatePhoto = fns.updatePhoto;
export const deletePhoto: typeof Api.deletePhoto = fns.deletePhoto;
export const addPhotoToCollection: typeof Api.addPhotoToCollection = fns.addPhotoToCollection;
export const attachPhotoToInterview: typeof Api.attachPhotoToInterview = fns.attachPhotoToInterview;
export const detachPhotoFromInterview: typeof Api.detachPhotoFromInterview = fns.detachPhotoFromInterview;
export const photoUrls: typeof Api.photoUrls = fns.photoUrls;
export const choosePhotoFiles: typeof Api.choosePhotoFiles = fns.choosePhotoFiles;
export const choosePhotoFolder: typeof Api.choosePhotoFolder = fns.choosePhotoFolder;
export const importPhotos: typeof Api.importPhotos = fns.importPhotos;
export const addCaption: typeof Api.addCaption = fns.addCaption;
export const updateCaption: typeof Api.updateCaption = fns.updateCaption;
export const deleteCaption: typeof Api.deleteCaption = fns.deleteCaption;
export const photoRegions: typeof Api.photoRegions = fns.photoRegions;
export const addRegion: typeof Api.addRegion = fns.addRegion;
export const updateRegion: typeof Api.updateRegion = fns.updateRegion;
export const deleteRegion: typeof Api.deleteRegion = fns.deleteRegion;
export const identifyFromCaption: typeof Api.identifyFromCaption = fns.identifyFromCaption;
export const confirmIdentification: typeof Api.confirmIdentification = fns.confirmIdentification;
export const personAppearances: typeof Api.personAppearances = fns.personAppearances;
export const parseCaption: typeof Api.parseCaption = fns.parseCaption;
export const personAuthority: typeof Api.personAuthority = fns.personAuthority;
export const addNameVariant: typeof Api.addNameVariant = fns.addNameVariant;
export const removeNameVariant: typeof Api.removeNameVariant = fns.removeNameVariant;
export const setPersonRoles: typeof Api.setPersonRoles = fns.setPersonRoles;
export const setPersonIdentifiers: typeof Api.setPersonIdentifiers = fns.setPersonIdentifiers;
export const relatePeople: typeof Api.relatePeople = fns.relatePeople;
export const unrelatePeople: typeof Api.unrelatePeople = fns.unrelatePeople;
export const matchPeople: typeof Api.matchPeople = fns.matchPeople;
export const transcriptMentions: typeof Api.transcriptMentions = fns.transcriptMentions;
export const personMentions: typeof Api.personMentions = fns.personMentions;
export const mentionCounts: typeof Api.mentionCounts = fns.mentionCounts;
export const possibleDuplicates: typeof Api.possibleDuplicates = fns.possibleDuplicates;
export const mergePeople: typeof Api.mergePeople = fns.mergePeople;

/** The vi.fn behind each export, for assertions. */
export const photoMocks = fns;

/**
 * The people of the 1927 group photo with a few of their spellings and one family, and a photo
 * with its caption. Uses people already in the archive when they are there (seedSample's Zorya).
 */
export function seedGroupPhoto(b: FakeArchive = backend) {
  const d = photosOf(b);
  const person = (name: string, more: Partial<Person> = {}) => b.people.find((p) => p.display_name === name) ?? b.addPerson(name, more);
  const leonid = person("Leonid Serebryakov", { birth_date: "1888", death_date: "1937" });
  const radek = person("Karl Radek", { birth_date: "1885", death_date: "1939" });
  const trotsky = person("Leon Trotsky", { birth_date: "1879", death_date: "1940" });
  const zorya = person("Zorya Serebryakova");
  d.addVariant(leonid.id, { name: "Леонид Петрович Серебряков", kind: "original" });
  d.addVariant(leonid.id, { name: "Leonid Serebrjakow", kind: "transliteration", system: "german" });
  d.addVariant(radek.id, { name: "Карл Бернгардович Радек", kind: "original" });
  d.addVariant(zorya.id, { name: "Зоря Леонидовна Серебрякова", kind: "original" });
  d.addVariant(zorya.id, { name: "Zorya Serebrayakova", kind: "misspelling", source: "Rogovin 1998" });
  const family = d.relate(leonid.id, "parent_of", zorya.id);
  const photo = d.addPhoto("group-1927.jpg", { date: "1927", width: 800, height: 500 });
  const caption = d.addCaption(photo.id, "Members of the Left Opposition in 1927. Sitting (left to right): Serebryakov, Radek and Trotsky");
  return { d, leonid, radek, trotsky, zorya, family, photo, caption };
}
