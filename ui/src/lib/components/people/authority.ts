// Words for the people authority: kinds of name variant, transliteration systems, scripts,
// relationships and identifier schemes, as the person's page shows them.

import type { IdScheme, NameVariant, RelationKind, Script, Transliteration, VariantKind } from "../../api";

export const VARIANT_KINDS: { value: VariantKind; label: string }[] = [
  { value: "original", label: "Original script" },
  { value: "transliteration", label: "Transliteration" },
  { value: "source_spelling", label: "Source spelling" },
  { value: "misspelling", label: "Misspelling" },
  { value: "preferred", label: "Preferred in its script" },
];

export const SYSTEMS: { value: Transliteration; label: string }[] = [
  { value: "ala_lc", label: "ALA-LC" },
  { value: "bgn_pcgn", label: "BGN/PCGN" },
  { value: "iso9", label: "ISO 9" },
  { value: "scholarly", label: "Scholarly" },
  { value: "german", label: "German (Duden)" },
];

export const SCRIPTS: { value: Script; label: string }[] = [
  { value: "latin", label: "Latin" },
  { value: "cyrillic", label: "Cyrillic" },
  { value: "other", label: "Other script" },
];

export const RELATION_KINDS: { value: RelationKind; label: string }[] = [
  { value: "parent_of", label: "Parent of" },
  { value: "child_of", label: "Child of" },
  { value: "grandparent_of", label: "Grandparent of" },
  { value: "grandchild_of", label: "Grandchild of" },
  { value: "spouse_of", label: "Spouse of" },
  { value: "sibling_of", label: "Sibling of" },
  { value: "associate_of", label: "Associate of" },
];

export const ID_SCHEMES: { value: IdScheme; label: string }[] = [
  { value: "wikidata", label: "Wikidata" },
  { value: "viaf", label: "VIAF" },
  { value: "other", label: "Other" },
];

const label = <T extends string>(list: { value: T; label: string }[], value: T | null | undefined): string =>
  list.find((x) => x.value === value)?.label ?? (value ?? "");

export const variantKindLabel = (k: VariantKind) => label(VARIANT_KINDS, k);
export const systemLabel = (s: Transliteration | null) => label(SYSTEMS, s);
export const scriptLabel = (s: Script) => label(SCRIPTS, s);
export const relationLabel = (k: RelationKind) => label(RELATION_KINDS, k);
export const schemeLabel = (s: IdScheme) => label(ID_SCHEMES, s);

/** "Transliteration · BGN/PCGN", "Misspelling · in Rogovin 1998", "Original script". */
export function variantDescription(v: NameVariant): string {
  const parts = [variantKindLabel(v.kind)];
  if (v.kind === "transliteration" && v.system) parts.push(systemLabel(v.system));
  if (v.source) parts.push(v.source);
  return parts.join(" · ");
}
