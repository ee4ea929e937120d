//! References to records of any kind, and to spans of transcripts: what tags, links, citations,
//! restrictions and lists point at.
//!
//! A span names its first and last segment by id, not by position, so it keeps covering the
//! same words when other segments are split or merged; positions are looked up when needed.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::{
    archive::{Archive, Writer},
    error::{Error, Result},
    ids,
};

/// The kinds of record a tag, link, citation or restriction can point at.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A collection.
    Collection,
    /// An interview.
    Interview,
    /// A person.
    Person,
    /// A photo.
    Photo,
    /// A region of a photo.
    Region,
    /// A source: publication, archival document or web page.
    Source,
    /// A transcript as a whole.
    Transcript,
    /// A point of an interview's index.
    IndexPoint,
}

impl RecordKind {
    /// Every kind, in the order [`resolve`] looks ids up.
    pub const ALL: [RecordKind; 8] = [
        RecordKind::Interview,
        RecordKind::Person,
        RecordKind::Collection,
        RecordKind::Transcript,
        RecordKind::IndexPoint,
        RecordKind::Source,
        RecordKind::Photo,
        RecordKind::Region,
    ];

    /// The stored and printed form.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Collection => "collection",
            RecordKind::Interview => "interview",
            RecordKind::Person => "person",
            RecordKind::Photo => "photo",
            RecordKind::Region => "region",
            RecordKind::Source => "source",
            RecordKind::Transcript => "transcript",
            RecordKind::IndexPoint => "index_point",
        }
    }

    /// The table holding records of this kind, or `None` for kinds this archive cannot hold
    /// yet. The one place that says which kinds exist.
    fn table(self) -> Option<&'static str> {
        match self {
            RecordKind::Collection => Some("collections"),
            RecordKind::Interview => Some("interviews"),
            RecordKind::Person => Some("people"),
            RecordKind::Source => Some("sources"),
            RecordKind::Transcript => Some("transcripts"),
            RecordKind::IndexPoint => Some("index_points"),
            RecordKind::Photo => Some("photos"),
            RecordKind::Region => Some("regions"),
        }
    }
}

impl std::fmt::Display for RecordKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for RecordKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim().to_lowercase().replace(['-', ' '], "_");
        RecordKind::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| {
            Error::invalid("kind", format!("\"{s}\" is not a kind of record; use interview, person, collection, transcript, index_point or source"))
        })
    }
}

/// A record of any kind.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
pub struct RecordRef {
    /// What kind of record.
    pub kind: RecordKind,
    /// Its id.
    pub id: String,
}

impl RecordRef {
    /// A reference to the record `id` of `kind`.
    pub fn new(kind: RecordKind, id: impl Into<String>) -> Self {
        RecordRef {
            kind,
            id: id.into(),
        }
    }
}

/// A range of segments of one transcript, first and last included.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
pub struct SpanRef {
    /// The transcript.
    pub transcript_id: String,
    /// The first segment of the span.
    pub first_segment_id: String,
    /// The last segment of the span (the first again for a span of one segment).
    pub last_segment_id: String,
}

/// What a tag, link, citation or restriction points at: a record or a span of a transcript.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Target {
    /// A whole record.
    Record(RecordRef),
    /// A span of a transcript.
    Span(SpanRef),
}

/// The stored `kind` of a span target.
const SPAN: &str = "span";

impl Target {
    /// A whole record.
    pub fn record(kind: RecordKind, id: impl Into<String>) -> Self {
        Target::Record(RecordRef::new(kind, id))
    }

    /// The record the target is or lies in: the record itself, or a span's transcript.
    pub fn record_id(&self) -> &str {
        match self {
            Target::Record(r) => &r.id,
            Target::Span(s) => &s.transcript_id,
        }
    }

    /// The stored columns: kind, uuid, first segment, last segment.
    pub(crate) fn columns(&self) -> (&'static str, &str, Option<&str>, Option<&str>) {
        match self {
            Target::Record(r) => (r.kind.as_str(), &r.id, None, None),
            Target::Span(s) => (
                SPAN,
                &s.transcript_id,
                Some(&s.first_segment_id),
                Some(&s.last_segment_id),
            ),
        }
    }

    /// Reads a target from four columns starting at `start`, as written by [`Target::columns`].
    pub(crate) fn from_row(r: &Row<'_>, start: usize) -> rusqlite::Result<Target> {
        let kind: String = r.get(start)?;
        let uuid: String = r.get(start + 1)?;
        if kind == SPAN {
            return Ok(Target::Span(SpanRef {
                transcript_id: uuid,
                first_segment_id: r.get(start + 2)?,
                last_segment_id: r.get(start + 3)?,
            }));
        }
        let kind = kind.parse::<RecordKind>().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                start,
                rusqlite::types::Type::Text,
                Box::new(e),
            )
        })?;
        Ok(Target::record(kind, uuid))
    }
}

/// Checks that a target exists and returns it with canonical ids. This is the one place that
/// knows which kinds of record the archive holds: a kind without a table here is refused as an
/// unknown record kind.
pub(crate) fn check(conn: &Connection, target: &Target) -> Result<Target> {
    match target {
        Target::Record(r) => {
            let table = r.kind.table().ok_or_else(|| {
                Error::invalid(
                    "record",
                    format!(
                        "unknown record kind \"{}\": this archive does not hold {}s yet",
                        r.kind, r.kind
                    ),
                )
            })?;
            let id = ids::parse(r.kind.as_str(), &r.id).map_err(|_| not_found(r.kind, &r.id))?;
            let exists: bool = conn.query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE uuid = ?1)"),
                [&id],
                |row| row.get(0),
            )?;
            if !exists {
                return Err(not_found(r.kind, &id));
            }
            Ok(Target::record(r.kind, id))
        }
        Target::Span(s) => {
            let transcript = ids::parse("transcript", &s.transcript_id)?;
            let (first_transcript, first) = segment_place(conn, &s.first_segment_id)?;
            let (last_transcript, last) = segment_place(conn, &s.last_segment_id)?;
            if first_transcript != transcript || last_transcript != transcript {
                return Err(Error::invalid(
                    "span",
                    "both ends of a span must be segments of its transcript",
                ));
            }
            if last < first {
                return Err(Error::invalid(
                    "span",
                    "the span ends before it starts; give its first segment first",
                ));
            }
            Ok(Target::Span(SpanRef {
                transcript_id: transcript,
                first_segment_id: ids::parse("segment", &s.first_segment_id)?,
                last_segment_id: ids::parse("segment", &s.last_segment_id)?,
            }))
        }
    }
}

fn not_found(kind: RecordKind, id: &str) -> Error {
    // Error::NotFound wants a static name; every kind's name is one.
    Error::NotFound {
        kind: kind.as_str(),
        id: id.to_owned(),
    }
}

/// The transcript and position of a segment.
fn segment_place(conn: &Connection, segment_id: &str) -> Result<(String, u32)> {
    let id = ids::parse("segment", segment_id)?;
    conn.query_row(
        "SELECT t.uuid, s.position FROM segments s JOIN transcripts t ON t.id = s.transcript_id WHERE s.uuid = ?1",
        [&id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or(Error::NotFound { kind: "segment", id })
}

/// What record a bare id names, found by looking it up in each kind's table: lets the command
/// line take `--record ID` without being told the kind.
pub fn resolve(archive: &Archive, id: &str) -> Result<RecordRef> {
    let conn = archive.conn();
    let canonical = ids::parse("record", id)?;
    for kind in RecordKind::ALL {
        let Some(table) = kind.table() else { continue };
        let exists: bool = conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE uuid = ?1)"),
            [&canonical],
            |r| r.get(0),
        )?;
        if exists {
            return Ok(RecordRef::new(kind, canonical));
        }
    }
    let is_segment: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM segments WHERE uuid = ?1)",
        [&canonical],
        |r| r.get(0),
    )?;
    if is_segment {
        return Err(Error::invalid("record", format!("{canonical} is a segment of a transcript: name it as a span (first and last segment)")));
    }
    Err(Error::NotFound {
        kind: "record",
        id: canonical,
    })
}

/// What `id` names as a target: a record, or, when `id` is a segment, the span from it to
/// `through` (or that one segment).
pub fn resolve_target(archive: &Archive, id: &str, through: Option<&str>) -> Result<Target> {
    let canonical = ids::parse("record", id)?;
    let is_segment: bool = archive.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM segments WHERE uuid = ?1)",
        [&canonical],
        |r| r.get(0),
    )?;
    if is_segment {
        return span(archive, &canonical, through.unwrap_or(&canonical)).map(Target::Span);
    }
    if through.is_some() {
        return Err(Error::invalid(
            "through",
            "a span runs from one segment to another; the first id is not a segment",
        ));
    }
    resolve(archive, &canonical).map(Target::Record)
}

/// The span from segment `first` to segment `last`, which must be of one transcript.
pub fn span(archive: &Archive, first: &str, last: &str) -> Result<SpanRef> {
    let (transcript_id, _) = segment_place(archive.conn(), first)?;
    let span = SpanRef {
        transcript_id,
        first_segment_id: first.trim().to_lowercase(),
        last_segment_id: last.trim().to_lowercase(),
    };
    match check(archive.conn(), &Target::Span(span))? {
        Target::Span(s) => Ok(s),
        Target::Record(_) => unreachable!("a span checks as a span"),
    }
}

/// The positions of a span's first and last segment, or `None` when either is gone.
pub(crate) fn span_positions(conn: &Connection, span: &SpanRef) -> Result<Option<(u32, u32)>> {
    let position = |id: &str| -> Result<Option<u32>> {
        Ok(conn
            .query_row(
                "SELECT s.position FROM segments s JOIN transcripts t ON t.id = s.transcript_id WHERE s.uuid = ?1 AND t.uuid = ?2",
                params![id, span.transcript_id],
                |r| r.get(0),
            )
            .optional()?)
    };
    Ok(
        match (
            position(&span.first_segment_id)?,
            position(&span.last_segment_id)?,
        ) {
            (Some(a), Some(b)) => Some((a.min(b), a.max(b))),
            _ => None,
        },
    )
}

/// A short human name for a target: a title, a name, or a transcript and times for a span.
/// Unknown or deleted records are named by kind and id.
pub fn title(conn: &Connection, target: &Target) -> Result<String> {
    let record = |sql: &str, id: &str| -> Result<Option<String>> {
        Ok(conn.query_row(sql, [id], |r| r.get(0)).optional()?)
    };
    let found = match target {
        Target::Record(r) => match r.kind {
            RecordKind::Collection => record("SELECT title FROM collections WHERE uuid = ?1", &r.id)?,
            RecordKind::Interview => record("SELECT title FROM interviews WHERE uuid = ?1", &r.id)?,
            RecordKind::Person => record("SELECT display_name FROM people WHERE uuid = ?1", &r.id)?,
            RecordKind::Source => record("SELECT title FROM sources WHERE uuid = ?1", &r.id)?,
            RecordKind::Transcript => record(
                "SELECT i.title || ': ' || CASE WHEN t.label <> '' THEN t.label ELSE 'transcript' END
                 FROM transcripts t JOIN interviews i ON i.id = t.interview_id WHERE t.uuid = ?1",
                &r.id,
            )?,
            RecordKind::IndexPoint => conn
                .query_row(
                    "SELECT i.title, p.title, p.time_ms FROM index_points p JOIN interviews i ON i.id = p.interview_id WHERE p.uuid = ?1",
                    [&r.id],
                    |row| Ok(format!("{}: {} ({})", row.get::<_, String>(0)?, row.get::<_, String>(1)?, crate::transcript::formats::clock(row.get(2)?))),
                )
                .optional()?,
            RecordKind::Photo => record(
                "SELECT coalesce((SELECT c.text FROM photo_captions c WHERE c.photo_id = p.id ORDER BY c.position LIMIT 1), p.original_name)
                 FROM photos p WHERE p.uuid = ?1",
                &r.id,
            )?,
            RecordKind::Region => record(
                "SELECT coalesce(nullif(g.label, ''), pe.display_name, 'region') FROM regions g LEFT JOIN people pe ON pe.id = g.person_id WHERE g.uuid = ?1",
                &r.id,
            )?,
        },
        Target::Span(s) => {
            let transcript = title(conn, &Target::record(RecordKind::Transcript, s.transcript_id.clone()))?;
            type Place = (u32, Option<u32>, Option<u32>);
            let ends = |id: &str| -> Result<Option<Place>> {
                Ok(conn
                    .query_row("SELECT position, start_ms, end_ms FROM segments WHERE uuid = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?)
            };
            match (ends(&s.first_segment_id)?, ends(&s.last_segment_id)?) {
                (Some((_, Some(start), _)), Some((_, _, end))) => Some(format!(
                    "{transcript}, {}–{}",
                    crate::transcript::formats::clock(start),
                    end.map(crate::transcript::formats::clock).unwrap_or_default()
                )),
                (Some((first, ..)), Some((last, ..))) => Some(format!("{transcript}, segments {}–{}", first + 1, last + 1)),
                _ => Some(format!("{transcript}, a span")),
            }
        }
    };
    Ok(found.unwrap_or_else(|| {
        let (kind, id, ..) = target.columns();
        format!("{kind} {id}")
    }))
}

/// Where a record is shown: the interview or photo that holds it, and the moment in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Location {
    /// The interview holding it (a transcript, an index point, a span), or itself.
    pub interview_id: Option<String>,
    /// The transcript holding it (a span), or itself.
    pub transcript_id: Option<String>,
    /// A span's first segment.
    pub segment_id: Option<String>,
    /// Where in the recording: an index point's time, a span's start.
    pub at_ms: Option<u32>,
    /// The photo holding it (a region), or itself.
    pub photo_id: Option<String>,
}

/// Where `target` is shown, for opening it from a tag, a link or a list. A record inside an
/// interview or a photo that no longer exists has no location; collections, people and sources
/// are shown as themselves, so theirs is empty.
pub fn locate(conn: &Connection, target: &Target) -> Result<Option<Location>> {
    let one = |sql: &str, id: &str| -> Result<Option<(Option<String>, Option<u32>)>> {
        Ok(conn
            .query_row(sql, [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    };
    let found = match target {
        Target::Record(r) => match r.kind {
            RecordKind::Interview => one("SELECT uuid, NULL FROM interviews WHERE uuid = ?1", &r.id)?
                .map(|(interview_id, _)| Location { interview_id, ..Default::default() }),
            RecordKind::Transcript => one(
                "SELECT i.uuid, NULL FROM transcripts t JOIN interviews i ON i.id = t.interview_id WHERE t.uuid = ?1",
                &r.id,
            )?
            .map(|(interview_id, _)| Location {
                interview_id,
                transcript_id: Some(r.id.clone()),
                ..Default::default()
            }),
            RecordKind::IndexPoint => one(
                "SELECT i.uuid, p.time_ms FROM index_points p JOIN interviews i ON i.id = p.interview_id WHERE p.uuid = ?1",
                &r.id,
            )?
            .map(|(interview_id, at_ms)| Location { interview_id, at_ms, ..Default::default() }),
            RecordKind::Photo => one("SELECT uuid, NULL FROM photos WHERE uuid = ?1", &r.id)?
                .map(|(photo_id, _)| Location { photo_id, ..Default::default() }),
            RecordKind::Region => one(
                "SELECT p.uuid, NULL FROM regions g JOIN photos p ON p.id = g.photo_id WHERE g.uuid = ?1",
                &r.id,
            )?
            .map(|(photo_id, _)| Location { photo_id, ..Default::default() }),
            RecordKind::Collection | RecordKind::Person | RecordKind::Source => {
                Some(Location::default())
            }
        },
        Target::Span(s) => one(
            "SELECT i.uuid, g.start_ms FROM segments g JOIN transcripts t ON t.id = g.transcript_id
             JOIN interviews i ON i.id = t.interview_id WHERE g.uuid = ?1",
            &s.first_segment_id,
        )?
        .map(|(interview_id, at_ms)| Location {
            interview_id,
            transcript_id: Some(s.transcript_id.clone()),
            segment_id: Some(s.first_segment_id.clone()),
            at_ms,
            photo_id: None,
        }),
    };
    Ok(found)
}

/// The tables and column pairs that hold span ends.
const SPAN_COLUMNS: &[(&str, &str, &str)] = &[
    ("taggings", "first_segment_uuid", "last_segment_uuid"),
    ("citations", "first_segment_uuid", "last_segment_uuid"),
    ("restrictions", "first_segment_uuid", "last_segment_uuid"),
    ("links", "from_first_segment_uuid", "from_last_segment_uuid"),
    ("links", "to_first_segment_uuid", "to_last_segment_uuid"),
];

/// After `kept` was split and its second part became `added`: spans that ended at `kept` now
/// end at `added`, so they still cover every word they covered (a sealed passage must stay
/// sealed after a split).
pub(crate) fn segment_split(w: &Writer<'_>, kept: &str, added: &str) -> Result<()> {
    for (table, _, last) in SPAN_COLUMNS {
        w.execute(
            &format!("UPDATE {table} SET {last} = ?2 WHERE {last} = ?1"),
            params![kept, added],
        )?;
    }
    Ok(())
}

/// After `removed` was merged into `kept` (the segment before it): spans that began or ended at
/// `removed` now begin or end at `kept`, which holds its words.
pub(crate) fn segments_merged(w: &Writer<'_>, kept: &str, removed: &str) -> Result<()> {
    for (table, first, last) in SPAN_COLUMNS {
        w.execute(
            &format!("UPDATE {table} SET {first} = ?2 WHERE {first} = ?1"),
            params![removed, kept],
        )?;
        w.execute(
            &format!("UPDATE {table} SET {last} = ?2 WHERE {last} = ?1"),
            params![removed, kept],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
