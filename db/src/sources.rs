//! Sources and citations: publications, archival documents and web pages with full citation
//! fields (kept as text; nothing is fetched), cited from any record or span with a locator such
//! as "p. 68", and, when a passage is known only through another work, the work it is quoted in.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::{
    archive::{now, Archive, Writer},
    dates,
    error::{Error, Result},
    ids,
    provenance::{self, EventType, Origin},
    records::{self, Target},
};

const KIND: &str = "source";
const CITATION_KIND: &str = "citation";

/// What kind of work a source is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SourceType {
    /// A book.
    #[default]
    Book,
    /// An article in a periodical.
    Article,
    /// A chapter of a book.
    Chapter,
    /// A report, printed or not.
    Report,
    /// A document in an archive.
    ArchivalDocument,
    /// A web page.
    WebPage,
    /// Anything else.
    Other,
}

impl SourceType {
    const ALL: [SourceType; 7] = [
        SourceType::Book,
        SourceType::Article,
        SourceType::Chapter,
        SourceType::Report,
        SourceType::ArchivalDocument,
        SourceType::WebPage,
        SourceType::Other,
    ];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceType::Book => "book",
            SourceType::Article => "article",
            SourceType::Chapter => "chapter",
            SourceType::Report => "report",
            SourceType::ArchivalDocument => "archival_document",
            SourceType::WebPage => "web_page",
            SourceType::Other => "other",
        }
    }

    fn parse(s: &str) -> SourceType {
        SourceType::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .unwrap_or(SourceType::Other)
    }
}

impl std::str::FromStr for SourceType {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let key = s.trim().to_lowercase().replace(['-', ' '], "_");
        SourceType::ALL.into_iter().find(|t| t.as_str() == key).ok_or_else(|| {
            Error::invalid("type", format!("\"{s}\" is not a source type; use book, article, chapter, report, archival_document, web_page or other"))
        })
    }
}

/// A source, as cited.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SourceFields {
    /// What kind of work.
    #[serde(default)]
    pub source_type: SourceType,
    /// The title of the work itself (the article, chapter, document or page).
    pub title: String,
    /// Authors as they are cited ("Vadim Z. Rogovin"); empty when none is indicated.
    #[serde(default)]
    pub authors: Vec<String>,
    /// The periodical, book or site it appeared in.
    #[serde(default)]
    pub container_title: String,
    /// Volume.
    #[serde(default)]
    pub volume: String,
    /// Issue number ("66-67").
    #[serde(default)]
    pub issue: String,
    /// Its pages within the container ("1-2").
    #[serde(default)]
    pub pages: String,
    /// Edition.
    #[serde(default)]
    pub edition: String,
    /// Publisher.
    #[serde(default)]
    pub publisher: String,
    /// Place of publication.
    #[serde(default)]
    pub place: String,
    /// Date of publication (EDTF).
    #[serde(default)]
    pub date: Option<String>,
    /// The date as printed, when EDTF says less ("Fall-Winter 1992").
    #[serde(default)]
    pub date_text: String,
    /// Genre or occasion ("Report to the 12th Plenum of the ICFI, March 11, 1992").
    #[serde(default)]
    pub description: String,
    /// The archive holding a document.
    #[serde(default)]
    pub repository: String,
    /// Where in it: fonds, series, file, call number.
    #[serde(default)]
    pub archive_location: String,
    /// A web address, kept as text.
    #[serde(default)]
    pub url: String,
    /// When a web page was read (EDTF).
    #[serde(default)]
    pub accessed: Option<String>,
    /// Language, as a BCP 47 code.
    #[serde(default)]
    pub language: String,
    /// A note.
    #[serde(default)]
    pub note: String,
}

/// A source record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Source {
    /// UUIDv7.
    pub id: String,
    /// Its citation fields.
    #[serde(flatten)]
    pub fields: SourceFields,
    /// The reference as text, for lists and footnotes.
    pub reference: String,
    /// When it was made (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// The reference for a source: author, title, where and when it appeared, in the style of the
/// footnotes the archive's first collection came with.
pub fn reference(s: &SourceFields) -> String {
    let mut out = String::new();
    if !s.authors.is_empty() {
        out.push_str(&s.authors.join(", "));
        out.push_str(": ");
    }
    let quoted = matches!(s.source_type, SourceType::Article | SourceType::Chapter)
        || !s.container_title.is_empty();
    if quoted {
        out.push_str(&format!("“{}”", s.title));
    } else {
        out.push_str(&s.title);
    }
    let date = if s.date_text.is_empty() {
        s.date.clone().unwrap_or_default()
    } else {
        s.date_text.clone()
    };
    let wrap = |text: &str, before: &str, after: &str| {
        if text.is_empty() {
            String::new()
        } else {
            format!("{before}{text}{after}")
        }
    };
    let mut add = |text: &str, sep: &str| {
        if !text.is_empty() {
            out.push_str(sep);
            out.push_str(text);
        }
    };
    add(&s.description, ", ");
    if !s.container_title.is_empty() {
        add(&s.container_title, "; in: ");
        add(&wrap(&s.volume, "Vol. ", ""), ", ");
        add(
            &wrap(&s.issue, "No. ", ""),
            if s.volume.is_empty() { ", " } else { " " },
        );
        add(&wrap(&date, "(", ")"), " ");
        add(&wrap(&s.pages, "pp. ", ""), ", ");
    } else {
        add(&s.edition, ", ");
        let imprint = [s.place.as_str(), s.publisher.as_str()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(": ");
        let imprint = [imprint.as_str(), date.as_str()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        add(&imprint, ", ");
    }
    add(&s.repository, ", ");
    add(&s.archive_location, ", ");
    add(&s.url, ", ");
    add(
        &wrap(s.accessed.as_deref().unwrap_or(""), "(accessed ", ")"),
        " ",
    );
    out
}

const SELECT: &str = "SELECT uuid, source_type, title, authors, container_title, volume, issue, pages, edition, publisher, place,
        date, date_text, description, repository, archive_location, url, accessed, language, note, created_at, updated_at
    FROM sources";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Source> {
    let authors: String = r.get(3)?;
    let fields = SourceFields {
        source_type: SourceType::parse(&r.get::<_, String>(1)?),
        title: r.get(2)?,
        authors: serde_json::from_str(&authors).unwrap_or_default(),
        container_title: r.get(4)?,
        volume: r.get(5)?,
        issue: r.get(6)?,
        pages: r.get(7)?,
        edition: r.get(8)?,
        publisher: r.get(9)?,
        place: r.get(10)?,
        date: r.get(11)?,
        date_text: r.get(12)?,
        description: r.get(13)?,
        repository: r.get(14)?,
        archive_location: r.get(15)?,
        url: r.get(16)?,
        accessed: r.get(17)?,
        language: r.get(18)?,
        note: r.get(19)?,
    };
    Ok(Source {
        id: r.get(0)?,
        reference: reference(&fields),
        fields,
        created_at: r.get(20)?,
        updated_at: r.get(21)?,
    })
}

/// Every source, by reference.
pub fn list(archive: &Archive) -> Result<Vec<Source>> {
    let mut stmt = archive.conn().prepare(&format!("{SELECT} ORDER BY id"))?;
    let mut sources: Vec<Source> = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    sources.sort_by_key(|s| crate::search::fold(&s.reference));
    Ok(sources)
}

/// One source.
pub fn get(archive: &Archive, id: &str) -> Result<Source> {
    get_with(archive.conn(), id)
}

pub(crate) fn get_with(conn: &Connection, id: &str) -> Result<Source> {
    let id = ids::parse(KIND, id)?;
    conn.query_row(&format!("{SELECT} WHERE uuid = ?1"), [&id], from_row)
        .optional()?
        .ok_or(Error::NotFound { kind: KIND, id })
}

fn key(conn: &Connection, id: &str) -> Result<i64> {
    ids::row_key(conn, KIND, "sources", id)
}

fn validate(input: &SourceFields) -> Result<SourceFields> {
    let t = |s: &str| s.trim().to_owned();
    let title = input.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return Err(Error::invalid("title", "a source needs a title"));
    }
    Ok(SourceFields {
        source_type: input.source_type,
        title,
        authors: input
            .authors
            .iter()
            .map(|a| t(a))
            .filter(|a| !a.is_empty())
            .collect(),
        container_title: t(&input.container_title),
        volume: t(&input.volume),
        issue: t(&input.issue),
        pages: t(&input.pages),
        edition: t(&input.edition),
        publisher: t(&input.publisher),
        place: t(&input.place),
        date: dates::normalize("date", input.date.as_deref())?,
        date_text: t(&input.date_text),
        description: t(&input.description),
        repository: t(&input.repository),
        archive_location: t(&input.archive_location),
        url: t(&input.url),
        accessed: dates::normalize("accessed", input.accessed.as_deref())?,
        language: crate::language::check("language", &input.language)?.to_lowercase(),
        note: t(&input.note),
    })
}

fn write_fields(w: &Writer<'_>, id: &str, f: &SourceFields, at: &str, insert: bool) -> Result<()> {
    let sql = if insert {
        "INSERT INTO sources (uuid, source_type, title, authors, container_title, volume, issue, pages, edition, publisher, place,
             date, date_text, description, repository, archive_location, url, accessed, language, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?21)"
    } else {
        "UPDATE sources SET source_type = ?2, title = ?3, authors = ?4, container_title = ?5, volume = ?6, issue = ?7, pages = ?8,
             edition = ?9, publisher = ?10, place = ?11, date = ?12, date_text = ?13, description = ?14, repository = ?15,
             archive_location = ?16, url = ?17, accessed = ?18, language = ?19, note = ?20, updated_at = ?21
         WHERE uuid = ?1"
    };
    w.execute(
        sql,
        params![
            id,
            f.source_type.as_str(),
            f.title,
            serde_json::to_string(&f.authors)?,
            f.container_title,
            f.volume,
            f.issue,
            f.pages,
            f.edition,
            f.publisher,
            f.place,
            f.date,
            f.date_text,
            f.description,
            f.repository,
            f.archive_location,
            f.url,
            f.accessed,
            f.language,
            f.note,
            at
        ],
    )?;
    Ok(())
}

/// Adds a source.
pub fn create(archive: &mut Archive, input: &SourceFields, origin: Origin) -> Result<Source> {
    archive.write(|w| insert(w, input, origin))
}

pub(crate) fn insert(w: &Writer<'_>, input: &SourceFields, origin: Origin) -> Result<Source> {
    let fields = validate(input)?;
    let id = ids::new_id();
    write_fields(w, &id, &fields, &now(w)?, true)?;
    let created = get_with(w, &id)?;
    provenance::record(
        w,
        EventType::Creation,
        KIND,
        &id,
        origin,
        None::<&()>,
        Some(&created),
    )?;
    Ok(created)
}

/// Changes a source's citation fields.
pub fn update(
    archive: &mut Archive,
    id: &str,
    input: &SourceFields,
    origin: Origin,
) -> Result<Source> {
    archive.write(|w| {
        let before = get_with(w, id)?;
        let fields = validate(input)?;
        if fields == before.fields {
            return Ok(before);
        }
        write_fields(w, &before.id, &fields, &now(w)?, false)?;
        let after = get_with(w, &before.id)?;
        provenance::record(
            w,
            EventType::Modification,
            KIND,
            &after.id,
            origin,
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    })
}

/// Moves a source to the trash, until restored or purged. Refused while it is cited.
pub fn delete(archive: &mut Archive, id: &str, origin: Origin) -> Result<()> {
    archive.write_because(Some("moved to the trash"), |w| {
        let before = get_with(w, id)?;
        let k = key(w, &before.id)?;
        let uses: u32 = w.query_row(
            "SELECT count(*) FROM citations WHERE source_id = ?1 OR quoted_in_id = ?1",
            [k],
            |r| r.get(0),
        )?;
        if uses > 0 {
            return Err(Error::InUse(format!(
                "\"{}\" is cited {uses} time(s); remove those citations first",
                before.fields.title
            )));
        }
        crate::trash::intake::put(
            w,
            crate::trash::kind::TrashKind::Source,
            &before.id,
            &before.fields.title,
            origin,
        )?;
        provenance::record(
            w,
            EventType::Deletion,
            KIND,
            &before.id,
            origin,
            Some(&before),
            None::<&()>,
        )
    })
}

/// A citation of a source from a record or span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Citation {
    /// UUIDv7.
    pub id: String,
    /// The source cited.
    pub source_id: String,
    /// What cites it.
    pub target: Target,
    /// Where in the source: "p. 68", "pp. 1-2".
    pub locator: String,
    /// The work the passage is quoted from, when it was not read in the source itself.
    pub quoted_in_id: Option<String>,
    /// Where in that work.
    pub quoted_in_locator: String,
    /// A note ("translation quoted from").
    pub note: String,
    /// When it was made (RFC 3339, UTC).
    pub created_at: String,
}

/// What the curator gives to cite a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct CitationInput {
    /// The source cited.
    pub source_id: String,
    /// What cites it.
    pub target: Target,
    /// Where in the source.
    #[serde(default)]
    pub locator: String,
    /// The work the passage is quoted from.
    #[serde(default)]
    pub quoted_in_id: Option<String>,
    /// Where in that work.
    #[serde(default)]
    pub quoted_in_locator: String,
    /// A note.
    #[serde(default)]
    pub note: String,
}

/// A citation with its text, as a footnote shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct CitationView {
    /// The citation.
    pub citation: Citation,
    /// The full footnote: reference, locator, and the work it is quoted from.
    pub text: String,
    /// What cites it, by title.
    pub target_title: String,
}

const CITATION_SELECT: &str = "SELECT c.uuid, s.uuid, c.target_kind, c.target_uuid, c.first_segment_uuid, c.last_segment_uuid,
        c.locator, q.uuid, c.quoted_in_locator, c.note, c.created_at
    FROM citations c JOIN sources s ON s.id = c.source_id LEFT JOIN sources q ON q.id = c.quoted_in_id";

fn citation_from_row(r: &Row<'_>) -> rusqlite::Result<Citation> {
    Ok(Citation {
        id: r.get(0)?,
        source_id: r.get(1)?,
        target: Target::from_row(r, 2)?,
        locator: r.get(6)?,
        quoted_in_id: r.get(7)?,
        quoted_in_locator: r.get(8)?,
        note: r.get(9)?,
        created_at: r.get(10)?,
    })
}

fn citation_with(conn: &Connection, id: &str) -> Result<Citation> {
    let id = ids::parse(CITATION_KIND, id)?;
    conn.query_row(
        &format!("{CITATION_SELECT} WHERE c.uuid = ?1"),
        [&id],
        citation_from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        kind: CITATION_KIND,
        id,
    })
}

/// Cites a source from a record or span.
pub fn cite(archive: &mut Archive, input: &CitationInput, origin: Origin) -> Result<Citation> {
    archive.write(|w| cite_with(w, input, origin))
}

pub(crate) fn cite_with(w: &Writer<'_>, input: &CitationInput, origin: Origin) -> Result<Citation> {
    let source_key = key(w, &input.source_id)?;
    let quoted_in_key = input
        .quoted_in_id
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(|q| key(w, q))
        .transpose()?;
    if quoted_in_key == Some(source_key) {
        return Err(Error::invalid(
            "quoted in",
            "a source is not quoted from itself",
        ));
    }
    let target = records::check(w, &input.target)?;
    let (kind, uuid, first, last) = target.columns();
    let id = ids::new_id();
    w.execute(
        "INSERT INTO citations (uuid, source_id, target_kind, target_uuid, first_segment_uuid, last_segment_uuid, locator,
             quoted_in_id, quoted_in_locator, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            id,
            source_key,
            kind,
            uuid,
            first,
            last,
            input.locator.trim(),
            quoted_in_key,
            input.quoted_in_locator.trim(),
            input.note.trim(),
            now(w)?
        ],
    )?;
    let created = citation_with(w, &id)?;
    provenance::record_about(
        w,
        EventType::Creation,
        CITATION_KIND,
        &id,
        Some(target.record_id()),
        origin,
        None::<&()>,
        Some(&created),
    )?;
    Ok(created)
}

/// Removes a citation.
pub fn uncite(archive: &mut Archive, citation_id: &str, origin: Origin) -> Result<()> {
    archive.write(|w| {
        let before = citation_with(w, citation_id)?;
        w.execute("DELETE FROM citations WHERE uuid = ?1", [&before.id])?;
        provenance::record_about(
            w,
            EventType::Deletion,
            CITATION_KIND,
            &before.id,
            Some(before.target.record_id()),
            origin,
            Some(&before),
            None::<&()>,
        )
    })
}

fn view(conn: &Connection, citation: Citation) -> Result<CitationView> {
    let source = get_with(conn, &citation.source_id)?;
    let mut text = source.reference.clone();
    if !citation.locator.is_empty() {
        text.push_str(", ");
        text.push_str(&citation.locator);
    }
    if let Some(q) = &citation.quoted_in_id {
        let quoted_in = get_with(conn, q)?;
        let lead = if citation.note.is_empty() {
            "quoted from"
        } else {
            citation.note.as_str()
        };
        text.push_str(&format!("; {lead} {}", quoted_in.reference));
        if !citation.quoted_in_locator.is_empty() {
            text.push_str(", ");
            text.push_str(&citation.quoted_in_locator);
        }
    }
    text.push('.');
    let target_title = records::title(conn, &citation.target)?;
    Ok(CitationView {
        citation,
        text,
        target_title,
    })
}

/// The citations made from a record, and from spans of it when it is a transcript, in the order
/// they were added (footnote order).
pub fn citations_of(archive: &Archive, record_id: &str) -> Result<Vec<CitationView>> {
    let conn = archive.conn();
    let id = ids::parse("record", record_id)?;
    let mut stmt = conn.prepare(&format!(
        "{CITATION_SELECT} WHERE c.target_uuid = ?1 ORDER BY c.id"
    ))?;
    let found: Vec<Citation> = stmt
        .query_map([&id], citation_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    found.into_iter().map(|c| view(conn, c)).collect()
}

/// Where a source is cited, directly or as the work a passage is quoted from.
pub fn citing(archive: &Archive, source_id: &str) -> Result<Vec<CitationView>> {
    let conn = archive.conn();
    let k = key(conn, source_id)?;
    let mut stmt = conn.prepare(&format!(
        "{CITATION_SELECT} WHERE c.source_id = ?1 OR c.quoted_in_id = ?1 ORDER BY c.id"
    ))?;
    let found: Vec<Citation> = stmt
        .query_map([k], citation_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    found.into_iter().map(|c| view(conn, c)).collect()
}

#[cfg(test)]
mod tests;
