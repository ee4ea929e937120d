// Known people named in a transcript, per segment, and whether the passage is already linked
// to them: what the transcript view offers as links.

import type { LinkEnd, Mention } from "../../api";

/** A person named in one segment, as the row shows it. */
export interface RowMention {
  personId: string;
  /** The person's name. */
  name: string;
  /** The words as written in the segment. */
  text: string;
  /** Whether a "mentions" link from a passage holding the segment already points to them. */
  linked: boolean;
}

/**
 * The mentions of each segment, one per person, linked or not. `indexOf` places a segment in
 * the transcript, so a link from a passage covers every segment in it; `nameOf` gives a
 * person's preferred name (a mention carries the variant that matched).
 */
export function mentionsBySegment(
  mentions: Mention[],
  links: LinkEnd[],
  transcriptId: string,
  indexOf: (segmentId: string) => number,
  nameOf: (personId: string) => string | undefined = () => undefined,
): Map<string, RowMention[]> {
  const linkedPassages: { personId: string; from: number; to: number }[] = [];
  for (const end of links) {
    const { link } = end;
    if (link.link_type !== "mentions" || link.from.type !== "span" || link.to.type !== "record" || link.to.kind !== "person") continue;
    if (link.from.transcript_id !== transcriptId) continue;
    const a = indexOf(link.from.first_segment_id);
    const b = indexOf(link.from.last_segment_id);
    if (a < 0 || b < 0) continue;
    linkedPassages.push({ personId: link.to.id, from: Math.min(a, b), to: Math.max(a, b) });
  }
  const out = new Map<string, RowMention[]>();
  for (const m of mentions) {
    const row = out.get(m.segment_id) ?? [];
    if (row.some((r) => r.personId === m.person.id)) continue;
    const at = indexOf(m.segment_id);
    const linked = linkedPassages.some((p) => p.personId === m.person.id && p.from <= at && at <= p.to);
    row.push({ personId: m.person.id, name: nameOf(m.person.id) ?? m.person.name, text: m.text_span, linked });
    out.set(m.segment_id, row);
  }
  return out;
}
