// A small vocabulary, sources and access rules over seedSample's archive, for the library's
// tests.

import type { RecordKind, Target } from "../lib/api";
import { access } from "./fake-access";
import { seedSample } from "./render";

export const rec = (kind: RecordKind, id: string): Target => ({ type: "record", kind, id });

export function seedLibrary() {
  const s = seedSample();
  const a = access();
  const left = a.addTag("Left Opposition", {
    language: "en",
    alt_labels: [{ label: "Левая оппозиция", language: "ru" }],
    scope_note: "The Bolshevik opposition led by Trotsky from 1923.",
  });
  const trials = a.addTag("Moscow Trials", { broader_id: left.id });
  const exile = a.addTag("Exile", { broader_id: left.id });
  const famine = a.addTag("Famine");
  const transcript = a.addTranscript(s.two.id, "Russian original", [{ start_ms: 0 }, { start_ms: 83_000 }, { start_ms: 125_000 }]);
  const segs = a.segments.get(transcript.id)!;
  const passage: Target = { type: "span", transcript_id: transcript.id, first_segment_id: segs[1].id, last_segment_id: segs[2].id };
  a.tag(left.id, rec("interview", s.two.id));
  a.tag(trials.id, rec("person", s.tatiana.id));
  a.tag(exile.id, passage);
  const rogovin = a.addSource({ title: "1937: Stalin's Year of Terror", authors: ["Vadim Z. Rogovin"], source_type: "book", date: "1998", publisher: "Mehring Books" });
  const north = a.addSource({ title: "The Heritage We Defend", authors: ["David North"], source_type: "book", date: "1988" });
  return { ...s, left, trials, exile, famine, transcript, segs, passage, rogovin, north };
}
