//! Transcripts made or timed by speech recognition: their words with times and confidence, the
//! stretches left for the curator to check, and how they were made, in their history.
//!
//! The archive does not recognize speech itself (that is `recollect-speech`, a separate crate
//! so that the archive builds without the engine); it stores what recognition and alignment
//! found, each in one write: all of it or, on any error, nothing.

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{get_with, key, revision, segments_by_key, touch, Segment, Transcript, KIND};
use crate::{
    archive::{now, Archive, Writer},
    error::{Error, Result},
    ids, interview, media,
    provenance::{self, EventType, Origin},
};

/// A word whose confidence is below this is marked for the curator to check.
pub const LOW_WORD_PROBABILITY: f32 = 0.5;
/// A segment whose words' mean confidence is below this is marked as a whole.
pub const LOW_SEGMENT_PROBABILITY: f32 = 0.7;

/// How a transcript was made or timed, as its history records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct MadeBy {
    /// The engine and its version ("CTranslate2 (Whisper) through ct2rs 0.10, oneDNN, OpenMP").
    pub engine: String,
    /// The model's name (its folder's: "whisper-base").
    pub model: String,
    /// SHA-256 of the model's weights file.
    pub model_sha256: String,
    /// The settings used, by name ("language": "en", "threads": "2").
    pub settings: BTreeMap<String, String>,
    /// The language the recording was heard in, and whether the model detected it; none when
    /// the model detected none, and in records made before it was kept apart from `settings`.
    #[serde(default)]
    pub language: Option<HeardLanguage>,
}

/// The language recognition heard a recording in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct HeardLanguage {
    /// BCP 47 as given ("ru-RU"), or the model's ISO 639-1 code when it detected it ("en").
    pub code: String,
    /// True when the model detected it: no language was given and the interview or transcript
    /// named no single one, so the curator may want to check it.
    pub detected: bool,
}

/// A word as heard, its times in milliseconds from the start of the recording.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct HeardWord {
    /// The word as written, with the punctuation that follows it.
    pub text: String,
    /// When it starts.
    pub start_ms: u32,
    /// When it ends.
    pub end_ms: u32,
    /// The model's confidence, 0 to 1.
    pub probability: f32,
}

/// A segment as recognition made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct HeardSegment {
    /// When it starts.
    pub start_ms: u32,
    /// When it ends.
    pub end_ms: u32,
    /// Its text.
    pub text: String,
    /// Its words, in order.
    pub words: Vec<HeardWord>,
}

/// A stretch of a recording, and what was heard there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Stretch {
    /// Where it starts.
    pub start_ms: u32,
    /// Where it ends.
    pub end_ms: u32,
    /// What the model wrote or heard there.
    pub heard: String,
}

/// A new transcript from a recognized recording.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Recognized {
    /// The recording it was heard from, a recording of the interview.
    pub media_id: String,
    /// The language it is in (BCP 47), as chosen or detected.
    pub language: String,
    /// A label for the curator; one naming the recording when blank.
    pub label: String,
    /// The speech, in order.
    pub segments: Vec<HeardSegment>,
    /// What the model wrote that is not speech (repetition loops): kept to be checked, never
    /// as segments.
    pub not_speech: Vec<Stretch>,
    /// How it was made.
    pub made_by: MadeBy,
}

/// Where an alignment placed one typed segment; no times when it could not be placed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Placement {
    /// The segment.
    pub segment_id: String,
    /// Where it starts in the recording.
    pub start_ms: Option<u32>,
    /// Where it ends.
    pub end_ms: Option<u32>,
}

/// Times found for a typed transcript in a recording.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Alignment {
    /// The recording, a recording of the transcript's interview.
    pub media_id: String,
    /// How the times were found: "recognized words" or "pauses".
    pub method: String,
    /// Every segment of the transcript, in order.
    pub placements: Vec<Placement>,
    /// Speech in the recording that no typed segment holds.
    pub speech_not_in_text: Vec<Stretch>,
    /// How it was made.
    pub made_by: MadeBy,
}

/// What storing an alignment did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct AlignmentStored {
    /// The transcript, now timed.
    pub transcript: Transcript,
    /// The revision saved before its times changed ("before alignment").
    pub revision: revision::Revision,
    /// How many segments got times.
    pub placed: u32,
    /// The segments that could not be placed: they keep empty times, for the curator.
    pub not_placed: Vec<Segment>,
    /// Speech in the recording that no typed segment holds.
    pub speech_not_in_text: Vec<Stretch>,
}

/// What a stretch to check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// The model wrote something there that is not speech (a repetition loop).
    NotSpeech,
    /// The recording has speech there that no typed segment holds.
    SpeechNotInText,
    /// A typed segment the alignment could not find in the recording.
    NotPlaced,
}

impl CheckKind {
    fn as_str(self) -> &'static str {
        match self {
            CheckKind::NotSpeech => "not_speech",
            CheckKind::SpeechNotInText => "speech_not_in_text",
            CheckKind::NotPlaced => "not_placed",
        }
    }

    fn parse(text: &str) -> CheckKind {
        match text {
            "not_speech" => CheckKind::NotSpeech,
            "speech_not_in_text" => CheckKind::SpeechNotInText,
            _ => CheckKind::NotPlaced,
        }
    }
}

/// A stretch of a transcript's recording for the curator to check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct TranscriptCheck {
    /// UUIDv7.
    pub id: String,
    /// What it is.
    pub kind: CheckKind,
    /// Where it starts; none for a segment that could not be placed.
    pub start_ms: Option<u32>,
    /// Where it ends.
    pub end_ms: Option<u32>,
    /// The typed segment that could not be placed.
    pub segment_id: Option<String>,
    /// What was heard there.
    pub heard: String,
}

/// The recognized words of one segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SegmentWords {
    /// The segment.
    pub segment_id: String,
    /// Its words, in order.
    pub words: Vec<HeardWord>,
    /// The mean confidence of its words.
    pub probability: f32,
    /// Whether the segment as a whole is uncertain ([`LOW_SEGMENT_PROBABILITY`]).
    pub low_confidence: bool,
}

/// What recognition left on a transcript: how it was made, its words, what to check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct TranscriptSpeech {
    /// How the transcript was last made or timed by recognition; none for a typed transcript
    /// never aligned.
    pub made_by: Option<MadeBy>,
    /// The words of the segments that have them (recognized, and not edited since).
    pub words: Vec<SegmentWords>,
    /// Stretches to check, in time order (segments not placed last).
    pub checks: Vec<TranscriptCheck>,
    /// Below this a word is marked ([`LOW_WORD_PROBABILITY`]).
    pub low_word_probability: f32,
}

/// The recording `media_id`, checked to be one of the interview's; its key.
fn media_of(w: &Writer<'_>, interview_key: i64, media_id: &str) -> Result<i64> {
    let id = ids::parse("recording", media_id)?;
    w.query_row(
        "SELECT id FROM media WHERE uuid = ?1 AND interview_id = ?2",
        params![id, interview_key],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        Error::invalid(
            "recording",
            format!("recording {id} is not a recording of this interview"),
        )
    })
}

/// Adds a recognized transcript to an interview, in one write: its segments, their words and
/// what was not speech; its history says how it was made.
pub fn store_recognized(
    archive: &mut Archive,
    interview_id: &str,
    recognized: &Recognized,
    origin: Origin,
) -> Result<Transcript> {
    let recording = media::get(archive, &recognized.media_id)?;
    let language = crate::language::check("language", &recognized.language)?;
    archive.write(|w| {
        let interview_key = interview::key(w, interview_id)?;
        media_of(w, interview_key, &recognized.media_id)?;
        let label = match recognized.label.trim() {
            "" => format!("Recognized from {}", recording.display_name()),
            given => given.to_owned(),
        };
        let id = ids::new_id();
        let at = now(w)?;
        w.execute(
            "INSERT INTO transcripts (uuid, interview_id, language, label, source_format, source_name, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'recognized', ?5, ?6, ?6)",
            params![id, interview_key, language, label, recording.original_name, at],
        )?;
        let transcript_key = w.last_insert_rowid();
        insert_heard(w, transcript_key, 0, &spoken(&recognized.segments))?;
        insert_checks(w, transcript_key, CheckKind::NotSpeech, &recognized.not_speech, &at)?;
        let transcript = get_with(w, &id)?;
        provenance::record(
            w,
            EventType::Creation,
            KIND,
            &id,
            origin,
            None::<&()>,
            Some(&MadeRecord {
                transcript: &transcript,
                recording_id: &recording.id,
                made_by: &recognized.made_by,
                method: None,
            }),
        )?;
        Ok(transcript)
    })
}

/// A stretch of a transcript's recording heard again: what recognition made of it now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Reheard {
    /// The recording heard.
    pub media_id: String,
    /// Where the stretch starts in it.
    pub start_ms: u32,
    /// Where it ends.
    pub end_ms: u32,
    /// The speech heard there, timed from the start of the recording.
    pub segments: Vec<HeardSegment>,
    /// What the model wrote there that is not speech.
    pub not_speech: Vec<Stretch>,
    /// How it was heard.
    pub made_by: MadeBy,
}

/// What hearing a stretch again changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ReheardStored {
    /// The transcript.
    pub transcript: Transcript,
    /// The revision saved before ("before recognizing 0:12-0:40 again").
    pub revision: revision::Revision,
    /// How many segments the stretch held before.
    pub replaced: u32,
    /// How many it holds now.
    pub added: u32,
}

/// Replaces the segments of a transcript that lie within a stretch of its recording (those
/// that start in it and end by its end) with the speech heard there again, in one write, after
/// saving a revision; segments outside it, and their words, stay as they are.
pub fn store_reheard(
    archive: &mut Archive,
    transcript_id: &str,
    reheard: &Reheard,
    origin: Origin,
) -> Result<ReheardStored> {
    if reheard.end_ms <= reheard.start_ms {
        return Err(Error::invalid(
            "span",
            "the stretch to hear again ends before it starts",
        ));
    }
    archive.write(|w| {
        let transcript_key = key(w, transcript_id)?;
        let before = get_with(w, transcript_id)?;
        let interview_key = interview::key(w, &before.interview_id)?;
        media_of(w, interview_key, &reheard.media_id)?;
        let span = format!(
            "{}-{}",
            super::clock(reheard.start_ms),
            super::clock(reheard.end_ms)
        );
        let revision =
            revision::save_with(w, transcript_id, &format!("before recognizing {span} again"), origin)?;
        let segments = segments_by_key(w, transcript_key)?;
        let inside = |s: &Segment| {
            s.start_ms.is_some_and(|start| {
                start >= reheard.start_ms
                    && start < reheard.end_ms
                    && s.end_ms.is_none_or(|end| end <= reheard.end_ms)
            })
        };
        let replaced: Vec<&Segment> = segments.iter().filter(|s| inside(s)).collect();
        // The new segments take the place of the first one replaced, or, when none was, the
        // place of the first segment that starts after the stretch.
        let at = replaced.first().map(|s| s.position).unwrap_or_else(|| {
            segments
                .iter()
                .find(|s| s.start_ms.is_some_and(|t| t >= reheard.end_ms))
                .map_or(segments.len() as u32, |s| s.position)
        });
        for segment in &replaced {
            w.execute("DELETE FROM segments WHERE uuid = ?1", [&segment.id])?;
        }
        // Each kept segment to its new place: closed up, with room for the new segments, through
        // a far range (the unique (transcript, position) index is checked row by row).
        const FAR: i64 = 1 << 40;
        let kept: Vec<&Segment> = segments.iter().filter(|s| !inside(s)).collect();
        let added = spoken(&reheard.segments);
        for (n, segment) in kept.iter().enumerate() {
            let position = if segment.position < at { n } else { n + added.len() };
            w.execute(
                "UPDATE segments SET position = ?2 WHERE uuid = ?1",
                params![segment.id, FAR + position as i64],
            )?;
        }
        w.execute(
            "UPDATE segments SET position = position - ?2 WHERE transcript_id = ?1 AND position >= ?2",
            params![transcript_key, FAR],
        )?;
        let first = kept.iter().filter(|s| s.position < at).count();
        insert_heard(w, transcript_key, first, &added)?;
        w.execute(
            "DELETE FROM transcript_checks WHERE transcript_id = ?1 AND kind = 'not_speech'
               AND start_ms >= ?2 AND start_ms < ?3",
            params![transcript_key, reheard.start_ms, reheard.end_ms],
        )?;
        insert_checks(w, transcript_key, CheckKind::NotSpeech, &reheard.not_speech, &now(w)?)?;
        touch(w, transcript_key)?;
        let transcript = get_with(w, transcript_id)?;
        provenance::record(
            w,
            EventType::Modification,
            KIND,
            transcript_id,
            origin,
            Some(&before),
            Some(&MadeRecord {
                transcript: &transcript,
                recording_id: &reheard.media_id,
                made_by: &reheard.made_by,
                method: Some(&format!("recognized {span} again")),
            }),
        )?;
        Ok(ReheardStored {
            transcript,
            revision,
            replaced: replaced.len() as u32,
            added: added.len() as u32,
        })
    })
}

/// The heard segments that hold words: a blank one becomes no segment of the transcript.
fn spoken(segments: &[HeardSegment]) -> Vec<&HeardSegment> {
    segments
        .iter()
        .filter(|s| !s.text.trim().is_empty())
        .collect()
}

/// Inserts heard segments with their words at positions from `first` on.
fn insert_heard(
    w: &Writer<'_>,
    transcript_key: i64,
    first: usize,
    heard: &[&HeardSegment],
) -> Result<()> {
    let mut segment = w.prepare_cached(
        "INSERT INTO segments (uuid, transcript_id, position, start_ms, end_ms, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut word = w.prepare_cached(
        "INSERT INTO segment_words (segment_id, position, start_ms, end_ms, text, probability) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (n, heard) in heard.iter().enumerate() {
        segment.execute(params![
            ids::new_id(),
            transcript_key,
            (first + n) as i64,
            heard.start_ms,
            heard.end_ms.max(heard.start_ms),
            heard.text.trim()
        ])?;
        let segment_key = w.last_insert_rowid();
        for (k, heard_word) in heard
            .words
            .iter()
            .filter(|w| !w.text.trim().is_empty())
            .enumerate()
        {
            word.execute(params![
                segment_key,
                k as i64,
                heard_word.start_ms,
                heard_word.end_ms.max(heard_word.start_ms),
                heard_word.text.trim(),
                f64::from(heard_word.probability.clamp(0.0, 1.0))
            ])?;
        }
    }
    Ok(())
}

/// What the history keeps of a transcript made or timed by recognition.
#[derive(Serialize)]
struct MadeRecord<'a> {
    transcript: &'a Transcript,
    recording_id: &'a str,
    made_by: &'a MadeBy,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<&'a str>,
}

fn insert_checks(
    w: &Writer<'_>,
    transcript_key: i64,
    kind: CheckKind,
    stretches: &[Stretch],
    at: &str,
) -> Result<()> {
    let mut insert = w.prepare_cached(
        "INSERT INTO transcript_checks (uuid, transcript_id, kind, start_ms, end_ms, heard, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for stretch in stretches {
        insert.execute(params![
            ids::new_id(),
            transcript_key,
            kind.as_str(),
            stretch.start_ms,
            stretch.end_ms.max(stretch.start_ms),
            stretch.heard,
            at
        ])?;
    }
    Ok(())
}

/// Gives a typed transcript the times an alignment found, in one write: the revision "before
/// alignment" first, then each segment's start and end (none for a segment not placed, which
/// is listed to be checked), and what of the recording no segment holds. Nothing of the typed
/// text changes. Refused when the transcript's segments are not those that were aligned (it
/// changed meanwhile).
pub fn store_alignment(
    archive: &mut Archive,
    transcript_id: &str,
    alignment: &Alignment,
    origin: Origin,
) -> Result<AlignmentStored> {
    archive.write(|w| {
        let transcript_key = key(w, transcript_id)?;
        let before = get_with(w, transcript_id)?;
        let interview_key = interview::key(w, &before.interview_id)?;
        media_of(w, interview_key, &alignment.media_id)?;
        let segments = segments_by_key(w, transcript_key)?;
        let aligned: Vec<&str> = alignment
            .placements
            .iter()
            .map(|p| p.segment_id.as_str())
            .collect();
        if segments.iter().map(|s| s.id.as_str()).ne(aligned.iter().copied()) {
            return Err(Error::invalid(
                "transcript",
                "the transcript's segments changed while it was being aligned; nothing was changed, align it again",
            ));
        }
        for placement in &alignment.placements {
            if let (Some(start), Some(end)) = (placement.start_ms, placement.end_ms) {
                if end < start {
                    return Err(Error::invalid(
                        "alignment",
                        format!(
                            "segment {} was placed to end before it starts; nothing was changed",
                            placement.segment_id
                        ),
                    ));
                }
            }
        }
        let revision = revision::save_with(w, transcript_id, "before alignment", origin)?;
        let mut set_times =
            w.prepare_cached("UPDATE segments SET start_ms = ?2, end_ms = ?3 WHERE uuid = ?1")?;
        for placement in &alignment.placements {
            set_times.execute(params![
                placement.segment_id,
                placement.start_ms,
                placement.end_ms.or(placement.start_ms)
            ])?;
        }
        // What an earlier alignment left to check is replaced by what this one found.
        w.execute(
            "DELETE FROM transcript_checks WHERE transcript_id = ?1 AND kind IN ('speech_not_in_text', 'not_placed')",
            [transcript_key],
        )?;
        let at = now(w)?;
        insert_checks(
            w,
            transcript_key,
            CheckKind::SpeechNotInText,
            &alignment.speech_not_in_text,
            &at,
        )?;
        let mut not_placed_check = w.prepare_cached(
            "INSERT INTO transcript_checks (uuid, transcript_id, kind, segment_id, created_at)
             SELECT ?1, transcript_id, 'not_placed', id, ?3 FROM segments WHERE uuid = ?2",
        )?;
        for placement in alignment.placements.iter().filter(|p| p.start_ms.is_none()) {
            not_placed_check.execute(params![ids::new_id(), placement.segment_id, at])?;
        }
        touch(w, transcript_key)?;
        let transcript = get_with(w, transcript_id)?;
        let timed = segments_by_key(w, transcript_key)?;
        provenance::record(
            w,
            EventType::Modification,
            KIND,
            transcript_id,
            origin,
            Some(&before),
            Some(&MadeRecord {
                transcript: &transcript,
                recording_id: &alignment.media_id,
                made_by: &alignment.made_by,
                method: Some(&alignment.method),
            }),
        )?;
        let (placed, not_placed): (Vec<Segment>, Vec<Segment>) =
            timed.into_iter().partition(|s| s.start_ms.is_some());
        Ok(AlignmentStored {
            transcript,
            revision,
            placed: placed.len() as u32,
            not_placed,
            speech_not_in_text: alignment.speech_not_in_text.clone(),
        })
    })
}

/// What recognition left on a transcript: how it was made, its segments' words, what to check.
pub fn speech_of(archive: &Archive, transcript_id: &str) -> Result<TranscriptSpeech> {
    let conn = archive.conn();
    let transcript_key = key(conn, transcript_id)?;
    let made_by = conn
        .query_row(
            "SELECT json_extract(after_json, '$.made_by') FROM events
              WHERE record_uuid = ?1 AND record_kind = ?2
                AND json_extract(after_json, '$.made_by') IS NOT NULL
              ORDER BY id DESC LIMIT 1",
            params![transcript_id, KIND],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .map(|json| serde_json::from_str::<MadeBy>(&json))
        .transpose()?;
    let mut words: Vec<SegmentWords> = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT s.uuid, w.text, w.start_ms, w.end_ms, w.probability
           FROM segment_words w JOIN segments s ON s.id = w.segment_id
          WHERE s.transcript_id = ?1 ORDER BY s.position, w.position",
    )?;
    let mut rows = stmt.query([transcript_key])?;
    while let Some(r) = rows.next()? {
        let segment_id: String = r.get(0)?;
        let word = HeardWord {
            text: r.get(1)?,
            start_ms: r.get(2)?,
            end_ms: r.get(3)?,
            probability: r.get::<_, f64>(4)? as f32,
        };
        match words.last_mut() {
            Some(last) if last.segment_id == segment_id => last.words.push(word),
            _ => words.push(SegmentWords {
                segment_id,
                words: vec![word],
                probability: 0.0,
                low_confidence: false,
            }),
        }
    }
    for segment in &mut words {
        segment.probability =
            segment.words.iter().map(|w| w.probability).sum::<f32>() / segment.words.len() as f32;
        segment.low_confidence = segment.probability < LOW_SEGMENT_PROBABILITY;
    }
    let checks = conn
        .prepare_cached(
            "SELECT c.uuid, c.kind, c.start_ms, c.end_ms, s.uuid, c.heard
               FROM transcript_checks c LEFT JOIN segments s ON s.id = c.segment_id
              WHERE c.transcript_id = ?1
              ORDER BY c.start_ms IS NULL, c.start_ms, s.position, c.id",
        )?
        .query_map([transcript_key], |r| {
            Ok(TranscriptCheck {
                id: r.get(0)?,
                kind: CheckKind::parse(&r.get::<_, String>(1)?),
                start_ms: r.get(2)?,
                end_ms: r.get(3)?,
                segment_id: r.get(4)?,
                heard: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(TranscriptSpeech {
        made_by,
        words,
        checks,
        low_word_probability: LOW_WORD_PROBABILITY,
    })
}

#[cfg(test)]
mod tests;
