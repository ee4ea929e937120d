// The source editor's draft: SourceFields as text fields, and back.

import type { Source, SourceFields, SourceType } from "../../api";

export const SOURCE_TYPES: { value: SourceType; label: string }[] = [
  { value: "book", label: "Book" },
  { value: "article", label: "Article" },
  { value: "chapter", label: "Chapter" },
  { value: "report", label: "Report" },
  { value: "archival_document", label: "Archival document" },
  { value: "web_page", label: "Web page" },
  { value: "other", label: "Other" },
];

export function typeLabel(t: SourceType | undefined): string {
  return SOURCE_TYPES.find((o) => o.value === t)?.label ?? "Other";
}

export type SourceDraft = {
  source_type: SourceType;
  title: string;
  /** Authors separated by semicolons. */
  authors: string;
  container_title: string;
  volume: string;
  issue: string;
  pages: string;
  edition: string;
  publisher: string;
  place: string;
  date: string;
  date_text: string;
  description: string;
  repository: string;
  archive_location: string;
  url: string;
  accessed: string;
  language: string;
  note: string;
};

export function draftOf(s: Source): SourceDraft {
  return {
    source_type: s.source_type ?? "other",
    title: s.title,
    authors: (s.authors ?? []).join("; "),
    container_title: s.container_title ?? "",
    volume: s.volume ?? "",
    issue: s.issue ?? "",
    pages: s.pages ?? "",
    edition: s.edition ?? "",
    publisher: s.publisher ?? "",
    place: s.place ?? "",
    date: s.date ?? "",
    date_text: s.date_text ?? "",
    description: s.description ?? "",
    repository: s.repository ?? "",
    archive_location: s.archive_location ?? "",
    url: s.url ?? "",
    accessed: s.accessed ?? "",
    language: s.language ?? "",
    note: s.note ?? "",
  };
}

export function fieldsOf(d: SourceDraft): SourceFields {
  return {
    ...d,
    authors: d.authors
      .split(";")
      .map((a) => a.trim())
      .filter(Boolean),
    date: d.date.trim() || null,
    accessed: d.accessed.trim() || null,
  };
}
