//! Transcripts: time-coded segments of an interview, their formats, and their revisions.
//!
//! An interview has one or more transcripts (say the Russian original and an English
//! translation), each an ordered list of segments. Segments of two transcripts of one interview
//! align by time. A transcript without a recording keeps empty times until it is synced.

pub mod formats;

pub use formats::clock;
pub mod recognized;
pub mod revision;

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::{
    archive::{now, Archive, Writer},
    error::{Error, Result},
    ids, interview,
    jobs::{JobContext, Progress},
    people,
    provenance::{self, EventType, Origin},
};
use formats::{Format, ParsedTranscript};

const KIND: &str = "transcript";
const SEGMENT_KIND: &str = "segment";

/// A transcript of an interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Transcript {
    /// UUIDv7.
    pub id: String,
    /// The interview it transcribes.
    pub interview_id: String,
    /// Language as a BCP 47 code ("ru", "en"), or "" when unknown.
    pub language: String,
    /// A label for the curator ("Russian original", "English translation").
    pub label: String,
    /// The format it was imported from, or "" when typed in.
    pub source_format: String,
    /// The name of the file it was imported from.
    pub source_name: String,
    /// How many segments it has.
    pub segment_count: u32,
    /// When it was made (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// One stretch of speech in a transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Segment {
    /// UUIDv7.
    pub id: String,
    /// Its place in the transcript, from 0.
    pub position: u32,
    /// Start in milliseconds from the start of the recording; `None` until synced.
    pub start_ms: Option<u32>,
    /// End in milliseconds; `None` until synced.
    pub end_ms: Option<u32>,
    /// The person speaking, when known.
    pub speaker_id: Option<String>,
    /// The speaker as labelled in the transcript ("SMILGA", "Interviewer").
    pub speaker_label: String,
    /// What is said.
    pub text: String,
}

/// What the curator edits of a segment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SegmentInput {
    /// Start in milliseconds.
    #[serde(default)]
    pub start_ms: Option<u32>,
    /// End in milliseconds.
    #[serde(default)]
    pub end_ms: Option<u32>,
    /// The person speaking.
    #[serde(default)]
    pub speaker_id: Option<String>,
    /// The speaker's label.
    #[serde(default)]
    pub speaker_label: String,
    /// The text.
    pub text: String,
}

impl From<&Segment> for SegmentInput {
    fn from(s: &Segment) -> Self {
        SegmentInput {
            start_ms: s.start_ms,
            end_ms: s.end_ms,
            speaker_id: s.speaker_id.clone(),
            speaker_label: s.speaker_label.clone(),
            text: s.text.clone(),
        }
    }
}

/// How to read a transcript file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ImportOptions {
    /// The format; detected from the name and content when `None`.
    #[serde(default)]
    pub format: Option<Format>,
    /// The language, overriding what the file declares.
    #[serde(default)]
    pub language: Option<String>,
    /// The text encoding ("windows-1251", "koi8-r", "utf-16le"), overriding detection.
    #[serde(default)]
    pub encoding: Option<String>,
    /// A label for the transcript; the file name when blank.
    #[serde(default)]
    pub label: String,
    /// The SHA-256 of the file as it was previewed ([`ImportPreview::sha256`]): the import is
    /// refused if the file changed since, so what is stored is what the curator saw.
    #[serde(default)]
    pub previewed_sha256: Option<String>,
}

/// What an import added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ImportSummary {
    /// The new transcript.
    pub transcript: Transcript,
    /// Translations that came with it (OHMS `vtt_transcript_alt`), stored beside it.
    pub translations: Vec<Transcript>,
    /// How many index points came with it (OHMS).
    pub index_points: u32,
    /// What the curator should know that did not stop the import.
    pub warnings: Vec<String>,
    /// Blocks of the file that were skipped or corrected, each with its line.
    pub issues: Vec<formats::BlockIssue>,
    /// One sentence on those ("3 cues could not be read: lines 6, 911, 4,012; 1,997
    /// imported"), or `None` when the file read cleanly.
    pub issue_summary: Option<String>,
}

/// What importing a file would store, read before anything is stored, so the curator can see
/// what was skipped or corrected and cancel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ImportPreview {
    /// The file's name.
    pub file_name: String,
    /// The format it was read as.
    pub format: Format,
    /// How many segments would be imported.
    pub segment_count: u32,
    /// How many index points would come with it (OHMS).
    pub index_points: u32,
    /// The language the file declares.
    pub language: Option<String>,
    /// The title the file declares.
    pub title: Option<String>,
    /// The first segments, to recognise the file by.
    pub first_segments: Vec<formats::ParsedSegment>,
    /// What the curator should know that does not stop the import.
    pub warnings: Vec<String>,
    /// Blocks of the file that would be skipped or corrected, each with its line.
    pub issues: Vec<formats::BlockIssue>,
    /// One sentence on those, or `None` when the file reads cleanly.
    pub issue_summary: Option<String>,
    /// SHA-256 of the file's bytes (lower-case hex), to pass back as
    /// [`ImportOptions::previewed_sha256`].
    pub sha256: String,
}

/// How many segments a preview shows.
const PREVIEW_SEGMENTS: usize = 5;

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads a transcript file as [`import`] would, storing nothing: the first step of an import
/// the curator can cancel. Needs no archive.
pub fn preview(
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    job: &JobContext,
) -> Result<ImportPreview> {
    let (format, parsed) = read_file(file_name, bytes, options, job)?;
    Ok(ImportPreview {
        file_name: file_name.to_owned(),
        format,
        segment_count: u32::try_from(parsed.segments.len()).unwrap_or(u32::MAX),
        index_points: u32::try_from(parsed.index_points.len()).unwrap_or(u32::MAX),
        language: parsed.language.clone(),
        title: parsed.title.clone(),
        first_segments: parsed
            .segments
            .iter()
            .take(PREVIEW_SEGMENTS)
            .cloned()
            .collect(),
        issue_summary: parsed.issue_summary(),
        warnings: parsed.warnings,
        issues: parsed.issues,
        sha256: sha256_hex(bytes),
    })
}

/// Decodes and parses a file with the import's options (encoding, format), storing nothing:
/// the format it was read as and everything read.
pub fn read_file(
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    job: &JobContext,
) -> Result<(Format, ParsedTranscript)> {
    let encoding = resolve_encoding(options.encoding.as_deref())?;
    let format = options
        .format
        .unwrap_or_else(|| Format::detect(std::path::Path::new(file_name), bytes));
    let parsed = formats::parse_with_job(file_name, bytes, format, encoding, job)?;
    Ok((format, parsed))
}

const SELECT: &str = "SELECT t.uuid, i.uuid, t.language, t.label, t.source_format, t.source_name,
        (SELECT count(*) FROM segments s WHERE s.transcript_id = t.id), t.created_at, t.updated_at
    FROM transcripts t JOIN interviews i ON i.id = t.interview_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Transcript> {
    Ok(Transcript {
        id: r.get(0)?,
        interview_id: r.get(1)?,
        language: r.get(2)?,
        label: r.get(3)?,
        source_format: r.get(4)?,
        source_name: r.get(5)?,
        segment_count: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

/// The transcripts of an interview, oldest first.
pub fn list(archive: &Archive, interview_id: &str) -> Result<Vec<Transcript>> {
    let key = interview::key(archive.conn(), interview_id)?;
    let mut stmt = archive
        .conn()
        .prepare(&format!("{SELECT} WHERE t.interview_id = ?1 ORDER BY t.id"))?;
    let rows = stmt.query_map([key], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The transcripts of these interviews, each with its segments, oldest first; for reading
/// many interviews at once (an export) in two queries.
pub(crate) fn of_interviews(
    conn: &rusqlite::Connection,
    interview_ids: &[String],
) -> Result<Vec<(Transcript, Vec<Segment>)>> {
    let wanted = serde_json::to_string(interview_ids)?;
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE i.uuid IN (SELECT value FROM json_each(?1)) ORDER BY t.id"
    ))?;
    let transcripts: Vec<Transcript> = stmt
        .query_map([&wanted], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut segments: std::collections::HashMap<String, Vec<Segment>> = Default::default();
    let mut stmt = conn.prepare(&format!(
        "SELECT t.uuid, {}
         JOIN transcripts t ON t.id = s.transcript_id JOIN interviews i ON i.id = t.interview_id
         WHERE i.uuid IN (SELECT value FROM json_each(?1))
         ORDER BY s.transcript_id, s.position",
        &SEGMENT_SELECT[7..]
    ))?;
    let rows = stmt.query_map([&wanted], |r| {
        Ok((r.get::<_, String>(0)?, segment_at(r, 1)?))
    })?;
    for row in rows {
        let (transcript_id, segment) = row?;
        segments.entry(transcript_id).or_default().push(segment);
    }
    Ok(transcripts
        .into_iter()
        .map(|t| {
            let of_it = segments.remove(&t.id).unwrap_or_default();
            (t, of_it)
        })
        .collect())
}

/// One transcript.
pub fn get(archive: &Archive, id: &str) -> Result<Transcript> {
    get_with(archive.conn(), id)
}

fn get_with(conn: &rusqlite::Connection, id: &str) -> Result<Transcript> {
    let id = ids::parse(KIND, id)?;
    conn.query_row(&format!("{SELECT} WHERE t.uuid = ?1"), [&id], from_row)
        .optional()?
        .ok_or(Error::NotFound { kind: KIND, id })
}

pub(crate) fn key(conn: &rusqlite::Connection, id: &str) -> Result<i64> {
    ids::row_key(conn, KIND, "transcripts", id)
}

const SEGMENT_SELECT: &str =
    "SELECT s.uuid, s.position, s.start_ms, s.end_ms, p.uuid, s.speaker_label, s.text
    FROM segments s LEFT JOIN people p ON p.id = s.speaker_id";

fn segment_from_row(r: &Row<'_>) -> rusqlite::Result<Segment> {
    segment_at(r, 0)
}

/// A segment read from [`SEGMENT_SELECT`]'s columns, the first of them at `first`: a query
/// that reads something before them (the segment's transcript) starts them later.
fn segment_at(r: &Row<'_>, first: usize) -> rusqlite::Result<Segment> {
    Ok(Segment {
        id: r.get(first)?,
        position: r.get(first + 1)?,
        start_ms: r.get(first + 2)?,
        end_ms: r.get(first + 3)?,
        speaker_id: r.get(first + 4)?,
        speaker_label: r.get(first + 5)?,
        text: r.get(first + 6)?,
    })
}

/// The segments of a transcript, in order.
pub fn segments(archive: &Archive, transcript_id: &str) -> Result<Vec<Segment>> {
    segments_with(archive.conn(), transcript_id)
}

pub(crate) fn segments_with(
    conn: &rusqlite::Connection,
    transcript_id: &str,
) -> Result<Vec<Segment>> {
    let key = key(conn, transcript_id)?;
    segments_by_key(conn, key)
}

fn segments_by_key(conn: &rusqlite::Connection, key: i64) -> Result<Vec<Segment>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SEGMENT_SELECT} WHERE s.transcript_id = ?1 ORDER BY s.position"
    ))?;
    let rows = stmt.query_map([key], segment_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn segment_with(conn: &rusqlite::Connection, segment_id: &str) -> Result<(i64, Segment)> {
    let id = ids::parse(SEGMENT_KIND, segment_id)?;
    conn.query_row(
        &format!(
            "SELECT s.transcript_id, {} WHERE s.uuid = ?1",
            &SEGMENT_SELECT[7..]
        ),
        [&id],
        |r| Ok((r.get(0)?, segment_at(r, 1)?)),
    )
    .optional()?
    .ok_or(Error::NotFound {
        kind: SEGMENT_KIND,
        id,
    })
}

/// A segment by its row key (as the search index names it), with its transcript's id and
/// language.
pub(crate) fn segment_by_key(
    conn: &rusqlite::Connection,
    key: i64,
) -> Result<(Segment, String, String)> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT t.uuid, t.language, {} JOIN transcripts t ON t.id = s.transcript_id
             WHERE s.id = ?1",
            &SEGMENT_SELECT[7..]
        ))?
        .query_row([key], |r| Ok((segment_at(r, 2)?, r.get(0)?, r.get(1)?)))?)
}

fn check_times(start_ms: Option<u32>, end_ms: Option<u32>) -> Result<()> {
    if let (Some(start), Some(end)) = (start_ms, end_ms) {
        if end < start {
            return Err(Error::invalid(
                "time",
                format!(
                    "the segment ends ({}) before it starts ({})",
                    clock(end),
                    clock(start)
                ),
            ));
        }
    }
    Ok(())
}

fn resolve_encoding(label: Option<&str>) -> Result<Option<&'static encoding_rs::Encoding>> {
    match label.map(str::trim).filter(|l| !l.is_empty()) {
        None => Ok(None),
        Some(label) => encoding_rs::Encoding::for_label(label.as_bytes()).map(Some).ok_or_else(|| {
            Error::invalid("encoding", format!("\"{label}\" is not an encoding Recollect knows; try utf-8, windows-1251, koi8-r or utf-16le"))
        }),
    }
}

/// Reads a transcript file and adds it to an interview, all or nothing: a malformed file, an
/// unknown interview or a cancellation leaves the archive as it was.
pub fn import(
    archive: &mut Archive,
    interview_id: &str,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    job: &JobContext,
    origin: Origin,
) -> Result<ImportSummary> {
    job.report(Progress::Started {
        title: format!("Importing {file_name}"),
    });
    interview::key(archive.conn(), interview_id)?;
    if let Some(previewed) = options.previewed_sha256.as_deref() {
        if !previewed.eq_ignore_ascii_case(&sha256_hex(bytes)) {
            return Err(Error::invalid(
                "transcript",
                format!("{file_name} changed since it was previewed; nothing was imported, preview it again"),
            ));
        }
    }
    let (format, parsed) = read_file(file_name, bytes, options, job)?;
    let summary = archive.write(|w| {
        store_parsed(
            w,
            interview_id,
            file_name,
            format,
            &parsed,
            options,
            job,
            origin,
        )
    })?;
    job.report(Progress::Finished {
        summary: summary.issue_summary.clone().unwrap_or_else(|| {
            format!(
                "{} segments imported from {file_name}",
                summary.transcript.segment_count
            )
        }),
    });
    Ok(summary)
}

/// How many segments are written between progress reports and cancellation checks.
const SEGMENTS_PER_STEP: usize = 2_000;

#[allow(clippy::too_many_arguments)]
pub(crate) fn store_parsed(
    w: &Writer<'_>,
    interview_id: &str,
    file_name: &str,
    format: Format,
    parsed: &ParsedTranscript,
    options: &ImportOptions,
    job: &JobContext,
    origin: Origin,
) -> Result<ImportSummary> {
    let interview_key = interview::key(w, interview_id)?;
    // A language given for the import and one the file declares are both checked: either may
    // be anything, and the language becomes part of file names when the transcript is exported.
    let language = match &options.language {
        Some(given) => crate::language::check("language", given)?,
        None => {
            let declared = parsed.language.clone().unwrap_or_default();
            crate::language::check("language", &declared).map_err(|_| {
                Error::invalid(
                    "language",
                    format!(
                        "{file_name} declares its language as {}",
                        crate::language::not_a_tag(declared.trim())
                    ),
                )
            })?
        }
    };
    for point in &parsed.index_points {
        for link in &point.hyperlinks {
            crate::transcript::index::check_hyperlink(link).map_err(|reason| {
                Error::invalid(
                    "hyperlink",
                    format!(
                        "{file_name}: the index point at {} (\"{}\") links to \"{}\": {reason}",
                        clock(point.time_ms),
                        point.title,
                        link.escape_debug()
                    ),
                )
            })?;
        }
    }
    let label = match options.label.trim() {
        "" => parsed
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| file_name.to_owned()),
        given => given.to_owned(),
    };
    let id = insert_transcript(
        w,
        interview_key,
        &language,
        &label,
        format,
        file_name,
        &parsed.segments,
        job,
    )?;
    for point in &parsed.index_points {
        crate::transcript::index::insert(w, interview_key, point)?;
    }
    let transcript = get_with(w, &id)?;
    provenance::record(
        w,
        EventType::Ingestion,
        KIND,
        &id,
        origin,
        None::<&()>,
        Some(&transcript),
    )?;
    // Translations that came with the file (OHMS vtt_transcript_alt) become transcripts of
    // the interview beside it, aligned by time as every transcript of an interview is.
    let mut translations = Vec::new();
    for translation in &parsed.translations {
        let declared = translation.language.clone().unwrap_or_default();
        let language = crate::language::check("language", &declared).map_err(|_| {
            Error::invalid(
                "language",
                format!(
                    "{file_name} declares the language of its translation as {}",
                    crate::language::not_a_tag(declared.trim())
                ),
            )
        })?;
        let translation_label = match language.trim() {
            "" => format!("{label} (translation)"),
            named => format!("{label} ({named} translation)"),
        };
        let translation_id = insert_transcript(
            w,
            interview_key,
            language.trim(),
            &translation_label,
            format,
            file_name,
            &translation.segments,
            job,
        )?;
        let stored = get_with(w, &translation_id)?;
        provenance::record(
            w,
            EventType::Ingestion,
            KIND,
            &translation_id,
            origin,
            None::<&()>,
            Some(&stored),
        )?;
        translations.push(stored);
    }
    Ok(ImportSummary {
        transcript,
        translations,
        index_points: parsed.index_points.len() as u32,
        warnings: parsed.warnings.clone(),
        issues: parsed.issues.clone(),
        issue_summary: parsed.issue_summary(),
    })
}

/// Adds a transcript with its segments, reporting progress; returns its id.
#[allow(clippy::too_many_arguments)]
fn insert_transcript(
    w: &Writer<'_>,
    interview_key: i64,
    language: &str,
    label: &str,
    format: Format,
    file_name: &str,
    segments: &[formats::ParsedSegment],
    job: &JobContext,
) -> Result<String> {
    let id = ids::new_id();
    let at = now(w)?;
    w.execute(
        "INSERT INTO transcripts (uuid, interview_id, language, label, source_format, source_name, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![id, interview_key, language, label, format.as_str(), file_name, at],
    )?;
    let transcript_key = w.last_insert_rowid();
    let total = segments.len();
    let mut insert = w.prepare_cached(
        "INSERT INTO segments (uuid, transcript_id, position, start_ms, end_ms, speaker_label, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (position, segment) in segments.iter().enumerate() {
        if position % SEGMENTS_PER_STEP == 0 {
            job.step("storing segments", position as u32, Some(total as u32))?;
        }
        insert.execute(params![
            ids::new_id(),
            transcript_key,
            position as i64,
            segment.start_ms,
            segment.end_ms,
            segment.speaker.as_deref().unwrap_or("").trim(),
            segment.text
        ])?;
    }
    job.step("storing segments", total as u32, Some(total as u32))?;
    Ok(id)
}

/// Writes a transcript as VTT, SRT or plain text.
pub fn export(archive: &Archive, transcript_id: &str, format: Format) -> Result<String> {
    let segments: Vec<formats::ParsedSegment> = segments(archive, transcript_id)?
        .into_iter()
        .map(|s| formats::ParsedSegment {
            start_ms: s.start_ms,
            end_ms: s.end_ms,
            speaker: Some(s.speaker_label).filter(|l| !l.is_empty()),
            text: s.text,
            source_line: 0,
        })
        .collect();
    let parsed = ParsedTranscript {
        segments,
        ..Default::default()
    };
    match format {
        Format::Vtt => Ok(formats::write_vtt(&parsed.segments)),
        Format::Srt => Ok(formats::write_srt(&parsed.segments)),
        Format::Text => Ok(formats::write_text(&parsed.segments)),
        Format::Ohms => Err(Error::invalid("format", "a single transcript exports as vtt, srt or text; OHMS XML is written per interview by the package export")),
    }
}

/// Changes a segment's text, speaker or times.
pub fn update_segment(
    archive: &mut Archive,
    segment_id: &str,
    input: &SegmentInput,
    origin: Origin,
) -> Result<Segment> {
    archive.write(|w| update_with(w, segment_id, input, origin))
}

fn update_with(
    w: &Writer<'_>,
    segment_id: &str,
    input: &SegmentInput,
    origin: Origin,
) -> Result<Segment> {
    let (transcript_key, before) = segment_with(w, segment_id)?;
    check_times(input.start_ms, input.end_ms)?;
    let speaker_key = input
        .speaker_id
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(|p| people::key(w, p))
        .transpose()?;
    w.execute(
        "UPDATE segments SET start_ms = ?2, end_ms = ?3, speaker_id = ?4, speaker_label = ?5, text = ?6 WHERE uuid = ?1",
        params![before.id, input.start_ms, input.end_ms, speaker_key, input.speaker_label.trim(), input.text],
    )?;
    let (_, after) = segment_with(w, &before.id)?;
    if after != before {
        touch(w, transcript_key)?;
        provenance::record(
            w,
            EventType::Modification,
            SEGMENT_KIND,
            &after.id,
            origin,
            Some(&before),
            Some(&after),
        )?;
    }
    Ok(after)
}

fn touch(w: &Writer<'_>, transcript_key: i64) -> Result<()> {
    w.execute(
        "UPDATE transcripts SET updated_at = ?2 WHERE id = ?1",
        params![transcript_key, now(w)?],
    )?;
    Ok(())
}

/// Moves the segments at `from..` of a transcript `by` places (later when positive).
fn shift_positions(w: &Writer<'_>, transcript_key: i64, from: u32, by: i64) -> Result<()> {
    // Two steps through a far range, because the unique (transcript, position) index is checked
    // row by row and rows may otherwise collide mid-update.
    const FAR: i64 = 1 << 40;
    w.execute(
        "UPDATE segments SET position = position + ?3 WHERE transcript_id = ?1 AND position >= ?2",
        params![transcript_key, from, FAR],
    )?;
    w.execute(
        "UPDATE segments SET position = position - ?2 + ?3 WHERE transcript_id = ?1 AND position >= ?2",
        params![transcript_key, FAR, by],
    )?;
    Ok(())
}

/// Splits a segment in two at a character offset of its text. The first part keeps the start
/// time and ends at `at_ms` (when given); the second starts there and keeps the end time.
pub fn split_segment(
    archive: &mut Archive,
    segment_id: &str,
    at_char: u32,
    at_ms: Option<u32>,
    origin: Origin,
) -> Result<(Segment, Segment)> {
    archive.write(|w| {
        let (transcript_key, before) = segment_with(w, segment_id)?;
        let chars: Vec<char> = before.text.chars().collect();
        let at = at_char as usize;
        if at == 0 || at >= chars.len() {
            return Err(Error::invalid("split", "put the cursor inside the text to split a segment there"));
        }
        if let Some(t) = at_ms {
            if before.start_ms.is_some_and(|s| t < s) || before.end_ms.is_some_and(|e| t > e) {
                return Err(Error::invalid("split", format!("{} is outside the segment", clock(t))));
            }
        }
        let first_text: String = chars[..at].iter().collect::<String>().trim_end().to_owned();
        let second_text: String = chars[at..].iter().collect::<String>().trim_start().to_owned();
        shift_positions(w, transcript_key, before.position + 1, 1)?;
        w.execute("UPDATE segments SET text = ?2, end_ms = coalesce(?3, end_ms) WHERE uuid = ?1", params![before.id, first_text, at_ms])?;
        let second_id = ids::new_id();
        w.execute(
            "INSERT INTO segments (uuid, transcript_id, position, start_ms, end_ms, speaker_id, speaker_label, text)
             SELECT ?2, transcript_id, position + 1, coalesce(?3, end_ms), ?4, speaker_id, speaker_label, ?5 FROM segments WHERE uuid = ?1",
            params![before.id, second_id, at_ms, before.end_ms, second_text],
        )?;
        let (_, first) = segment_with(w, &before.id)?;
        let (_, second) = segment_with(w, &second_id)?;
        crate::records::segment_split(w, &first.id, &second.id)?;
        touch(w, transcript_key)?;
        provenance::record(w, EventType::Modification, SEGMENT_KIND, &first.id, origin, Some(&before), Some(&first))?;
        provenance::record(w, EventType::Creation, SEGMENT_KIND, &second.id, origin, None::<&()>, Some(&second))?;
        Ok((first, second))
    })
}

/// Merges a segment with the one after it: texts joined, the start of the first, the end of
/// the second.
pub fn merge_with_next(archive: &mut Archive, segment_id: &str, origin: Origin) -> Result<Segment> {
    archive.write(|w| {
        let (transcript_key, first) = segment_with(w, segment_id)?;
        let next_id: Option<String> = w
            .query_row(
                "SELECT uuid FROM segments WHERE transcript_id = ?1 AND position = ?2",
                params![transcript_key, first.position + 1],
                |r| r.get(0),
            )
            .optional()?;
        let next_id = next_id.ok_or_else(|| {
            Error::invalid(
                "merge",
                "this is the last segment; there is nothing after it to merge",
            )
        })?;
        let (_, second) = segment_with(w, &next_id)?;
        let text = match (first.text.is_empty(), second.text.is_empty()) {
            (_, true) => first.text.clone(),
            (true, _) => second.text.clone(),
            _ => format!("{} {}", first.text, second.text),
        };
        w.execute(
            "UPDATE segments SET text = ?2, end_ms = coalesce(?3, end_ms) WHERE uuid = ?1",
            params![first.id, text, second.end_ms],
        )?;
        w.execute("DELETE FROM segments WHERE uuid = ?1", [&second.id])?;
        crate::records::segments_merged(w, &first.id, &second.id)?;
        shift_positions(w, transcript_key, second.position + 1, -1)?;
        let (_, merged) = segment_with(w, &first.id)?;
        touch(w, transcript_key)?;
        provenance::record(
            w,
            EventType::Modification,
            SEGMENT_KIND,
            &merged.id,
            origin,
            Some(&first),
            Some(&merged),
        )?;
        provenance::record(
            w,
            EventType::Deletion,
            SEGMENT_KIND,
            &second.id,
            origin,
            Some(&second),
            None::<&()>,
        )?;
        Ok(merged)
    })
}

/// What to do when a stamped time would put a segment out of time order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum StampOrder {
    /// Stamp only when the segment stays in time order; otherwise write nothing and say why.
    #[default]
    Check,
    /// Stamp it where it is, out of order: the curator knows better.
    Keep,
    /// Stamp it and move it to where its new time places it among the others.
    Reorder,
}

/// A stamp that would put a segment out of time order, and so was not written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct OutOfOrder {
    /// The time that was to be stamped.
    pub at_ms: u32,
    /// Whether it is earlier than the start of the timed segment before (else later than the
    /// start of the one after).
    pub earlier: bool,
    /// That segment.
    pub neighbour: Segment,
    /// Where [`StampOrder::Reorder`] would move the segment (its position afterwards).
    pub position_in_time: u32,
    /// In words for the curator.
    pub message: String,
}

/// What a stamp did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Stamp {
    /// The time was stamped (and, with [`StampOrder::Reorder`], the segment moved into order).
    Stamped {
        /// The segment as it is now.
        segment: Segment,
    },
    /// Nothing was written: the time would put the segment out of time order.
    OutOfOrder {
        /// Why, and where the segment belongs.
        order: OutOfOrder,
    },
}

/// A time as the window shows it ("0:42", "1:02:05"), with tenths when it falls between
/// seconds ("0:05.4"), so that two stamps a moment apart never read the same.
fn said_time(ms: u32) -> String {
    let (h, m, s, tenths) = (
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms / 100 % 10,
    );
    let whole = if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    };
    if ms.is_multiple_of(1000) {
        whole
    } else {
        format!("{whole}.{tenths}")
    }
}

/// Whether `at_ms` as the start of the segment at `position` keeps the transcript in time
/// order: no earlier than the start of the nearest timed segment before it, no later than that
/// of the nearest after it. Untimed segments are passed over; equal times are in order.
fn order_of(all: &[Segment], position: usize, at_ms: u32) -> Option<OutOfOrder> {
    let before = all[..position].iter().rev().find(|s| s.start_ms.is_some());
    let after = all[position + 1..].iter().find(|s| s.start_ms.is_some());
    let quote = |s: &Segment| {
        let words: String = s.text.chars().take(40).collect();
        if words.chars().count() < s.text.chars().count() {
            format!("“{}…”", words.trim_end())
        } else {
            format!("“{words}”")
        }
    };
    if let Some(prev) = before.filter(|p| p.start_ms.is_some_and(|t| at_ms < t)) {
        // It belongs before the first segment above it that starts later.
        let to = all[..position]
            .iter()
            .position(|s| s.start_ms.is_some_and(|t| t > at_ms))
            .unwrap_or(position);
        return Some(OutOfOrder {
            at_ms,
            earlier: true,
            message: format!(
                "{} is earlier than the start of the segment before it ({}, {}): stamped here, the transcript would no longer run in time order",
                said_time(at_ms),
                said_time(prev.start_ms.unwrap_or(0)),
                quote(prev)
            ),
            neighbour: prev.clone(),
            position_in_time: to as u32,
        });
    }
    if let Some(next) = after.filter(|n| n.start_ms.is_some_and(|t| at_ms > t)) {
        // It belongs after the last segment below it that starts no later.
        let to = all
            .iter()
            .enumerate()
            .skip(position + 1)
            .filter(|(_, s)| s.start_ms.is_some_and(|t| t <= at_ms))
            .map(|(i, _)| i)
            .next_back()
            .unwrap_or(position);
        return Some(OutOfOrder {
            at_ms,
            earlier: false,
            message: format!(
                "{} is later than the start of the segment after it ({}, {}): stamped here, the transcript would no longer run in time order",
                said_time(at_ms),
                said_time(next.start_ms.unwrap_or(0)),
                quote(next)
            ),
            neighbour: next.clone(),
            position_in_time: to as u32,
        });
    }
    None
}

/// Sets a segment's start to `at_ms` (the "stamp the playing time" key), clearing its end when
/// that would come before it. A time earlier than the start of the segment before it, or later
/// than that of the one after, is refused with [`Stamp::OutOfOrder`] unless `order` says to
/// keep it there anyway or to move the segment to its place in time.
pub fn sync_start(
    archive: &mut Archive,
    segment_id: &str,
    at_ms: u32,
    order: StampOrder,
    origin: Origin,
) -> Result<Stamp> {
    archive.write(|w| {
        let (transcript_key, segment) = segment_with(w, segment_id)?;
        let all = segments_by_key(w, transcript_key)?;
        let position = all.iter().position(|s| s.id == segment.id).unwrap_or(0);
        let out_of_order = order_of(&all, position, at_ms);
        if let (Some(found), StampOrder::Check) = (&out_of_order, order) {
            return Ok(Stamp::OutOfOrder {
                order: found.clone(),
            });
        }
        let mut input = SegmentInput::from(&segment);
        input.start_ms = Some(at_ms);
        if input.end_ms.is_some_and(|e| e < at_ms) {
            input.end_ms = None;
        }
        let mut stamped = update_with(w, segment_id, &input, origin)?;
        if let (Some(found), StampOrder::Reorder) = (out_of_order, order) {
            stamped = move_with(w, &stamped.id, found.position_in_time, origin)?;
        }
        Ok(Stamp::Stamped { segment: stamped })
    })
}

/// Moves a segment to another place in its transcript (`position`, counted from 0 as it will
/// be afterwards); the segments between close up. Undoes a stamp that moved a segment into
/// time order.
pub fn move_segment(
    archive: &mut Archive,
    segment_id: &str,
    position: u32,
    origin: Origin,
) -> Result<Segment> {
    archive.write(|w| move_with(w, segment_id, position, origin))
}

fn move_with(w: &Writer<'_>, segment_id: &str, to: u32, origin: Origin) -> Result<Segment> {
    let (transcript_key, before) = segment_with(w, segment_id)?;
    let count: u32 = w.query_row(
        "SELECT count(*) FROM segments WHERE transcript_id = ?1",
        [transcript_key],
        |r| r.get(0),
    )?;
    if to >= count {
        return Err(Error::invalid(
            "position",
            format!(
                "the transcript has {count} segments; a segment can move to places 0 to {}",
                count - 1
            ),
        ));
    }
    let from = before.position;
    if to == from {
        return Ok(before);
    }
    // The segment steps aside, the ones between move up or down a place, and it takes its new
    // place: through far ranges, since the unique (transcript, position) index is checked row by
    // row.
    const ASIDE: i64 = 1 << 40;
    const FAR: i64 = 1 << 41;
    let (lo, hi, by) = if to < from {
        (to, from, 1)
    } else {
        (from + 1, to + 1, -1)
    };
    w.execute(
        "UPDATE segments SET position = ?2 WHERE uuid = ?1",
        params![before.id, ASIDE],
    )?;
    w.execute(
        "UPDATE segments SET position = position + ?4 WHERE transcript_id = ?1 AND position >= ?2 AND position < ?3",
        params![transcript_key, lo, hi, FAR],
    )?;
    w.execute(
        "UPDATE segments SET position = position - ?2 + ?3 WHERE transcript_id = ?1 AND position >= ?2",
        params![transcript_key, FAR, by],
    )?;
    w.execute(
        "UPDATE segments SET position = ?2 WHERE uuid = ?1",
        params![before.id, to],
    )?;
    let (_, after) = segment_with(w, &before.id)?;
    touch(w, transcript_key)?;
    provenance::record(
        w,
        EventType::Modification,
        SEGMENT_KIND,
        &after.id,
        origin,
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// Deletes a transcript with its segments and revisions.
pub fn delete(archive: &mut Archive, id: &str, origin: Origin) -> Result<()> {
    archive.write(|w| {
        let before = get_with(w, id)?;
        w.execute("DELETE FROM transcripts WHERE uuid = ?1", [&before.id])?;
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

/// A row of two transcripts side by side: segments that overlap in time share a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct AlignedRow {
    /// The segment of the first transcript, if any.
    pub left: Option<Segment>,
    /// The segment of the second transcript, if any.
    pub right: Option<Segment>,
}

/// Lines two transcripts of one interview up by time, for a translation beside its original.
/// Segments without times are paired by position.
pub fn align(archive: &Archive, left_id: &str, right_id: &str) -> Result<Vec<AlignedRow>> {
    let left = segments(archive, left_id)?;
    let right = segments(archive, right_id)?;
    Ok(align_segments(left, right))
}

fn align_segments(left: Vec<Segment>, right: Vec<Segment>) -> Vec<AlignedRow> {
    let timed = |s: &[Segment]| s.iter().all(|x| x.start_ms.is_some());
    if !timed(&left) || !timed(&right) {
        let n = left.len().max(right.len());
        let (mut l, mut r) = (left.into_iter(), right.into_iter());
        return (0..n)
            .map(|_| AlignedRow {
                left: l.next(),
                right: r.next(),
            })
            .collect();
    }
    // Walk both lists in time order; a right segment joins the row of the left segment it
    // starts within, else it gets a row of its own.
    let mut rows = Vec::new();
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    loop {
        match (l.peek(), r.peek()) {
            (None, None) => break,
            (Some(_), None) => rows.push(AlignedRow {
                left: l.next(),
                right: None,
            }),
            (None, Some(_)) => rows.push(AlignedRow {
                left: None,
                right: r.next(),
            }),
            (Some(a), Some(b)) => {
                let (a_start, b_start) = (a.start_ms.unwrap_or(0), b.start_ms.unwrap_or(0));
                let a_end = a.end_ms.unwrap_or(a_start);
                if b_start < a_start {
                    rows.push(AlignedRow {
                        left: None,
                        right: r.next(),
                    });
                } else if b_start <= a_end.max(a_start) {
                    rows.push(AlignedRow {
                        left: l.next(),
                        right: r.next(),
                    });
                } else {
                    rows.push(AlignedRow {
                        left: l.next(),
                        right: None,
                    });
                }
            }
        }
    }
    rows
}

pub mod index;

#[cfg(test)]
mod tests;
