//! Named revisions of a transcript ("as transcribed", "narrator-reviewed") and the difference
//! between two of them, so a narrator's corrections are a reviewable step, not lost edits.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{
    archive::{now, Archive, Writer},
    error::{Error, Result},
    ids,
    provenance::{self, EventType, Origin},
};

use super::{key, segments_with, Segment};

const KIND: &str = "transcript_revision";

/// A saved state of a transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Revision {
    /// UUIDv7.
    pub id: String,
    /// The transcript.
    pub transcript_id: String,
    /// Its name ("as transcribed").
    pub name: String,
    /// How many segments it held.
    pub segment_count: u32,
    /// When it was saved.
    pub created_at: String,
}

/// One line of a difference between two revisions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum SegmentChange {
    /// The same in both.
    Same {
        /// The segment.
        segment: Segment,
    },
    /// Only in the newer.
    Added {
        /// The segment.
        segment: Segment,
    },
    /// Only in the older.
    Removed {
        /// The segment.
        segment: Segment,
    },
    /// In both, changed.
    Changed {
        /// As it was.
        before: Segment,
        /// As it is.
        after: Segment,
    },
}

/// Saves the transcript's current segments under a name.
pub fn save(
    archive: &mut Archive,
    transcript_id: &str,
    name: &str,
    origin: Origin,
) -> Result<Revision> {
    archive.write(|w| save_with(w, transcript_id, name, origin))
}

/// [`save`], inside the caller's write (an alignment saves the state before it changes times).
pub(crate) fn save_with(
    w: &Writer<'_>,
    transcript_id: &str,
    name: &str,
    origin: Origin,
) -> Result<Revision> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid(
            "name",
            "a revision needs a name, such as \"as transcribed\"",
        ));
    }
    let transcript_key = key(w, transcript_id)?;
    let segments = segments_with(w, transcript_id)?;
    let id = ids::new_id();
    w.execute(
        "INSERT INTO transcript_revisions (uuid, transcript_id, name, segments_json, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, transcript_key, name, serde_json::to_string(&segments)?, now(w)?],
    )?;
    let revision = get_with(w, &id)?;
    provenance::record(
        w,
        EventType::Creation,
        KIND,
        &id,
        origin,
        None::<&()>,
        Some(&revision),
    )?;
    Ok(revision)
}

fn get_with(conn: &rusqlite::Connection, id: &str) -> Result<Revision> {
    let id = ids::parse(KIND, id)?;
    conn.query_row(
        "SELECT r.uuid, t.uuid, r.name, json_array_length(r.segments_json), r.created_at
         FROM transcript_revisions r JOIN transcripts t ON t.id = r.transcript_id WHERE r.uuid = ?1",
        [&id],
        |r| Ok(Revision { id: r.get(0)?, transcript_id: r.get(1)?, name: r.get(2)?, segment_count: r.get(3)?, created_at: r.get(4)? }),
    )
    .optional()?
    .ok_or(Error::NotFound { kind: KIND, id })
}

/// The revisions of a transcript, oldest first.
pub fn list(archive: &Archive, transcript_id: &str) -> Result<Vec<Revision>> {
    let transcript_key = key(archive.conn(), transcript_id)?;
    let mut stmt = archive.conn().prepare(
        "SELECT r.uuid, t.uuid, r.name, json_array_length(r.segments_json), r.created_at
         FROM transcript_revisions r JOIN transcripts t ON t.id = r.transcript_id WHERE r.transcript_id = ?1 ORDER BY r.id",
    )?;
    let rows = stmt.query_map([transcript_key], |r| {
        Ok(Revision {
            id: r.get(0)?,
            transcript_id: r.get(1)?,
            name: r.get(2)?,
            segment_count: r.get(3)?,
            created_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn revision_segments(archive: &Archive, revision_id: &str) -> Result<Vec<Segment>> {
    let id = ids::parse(KIND, revision_id)?;
    let json: String = archive
        .conn()
        .query_row(
            "SELECT segments_json FROM transcript_revisions WHERE uuid = ?1",
            [&id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(Error::NotFound { kind: KIND, id })?;
    Ok(serde_json::from_str(&json)?)
}

/// The difference from revision `older` to revision `newer`, or to the transcript as it is now
/// when `newer` is `None`. Segments are matched by id, so an edited segment shows as changed
/// and a split shows as a change plus an addition.
pub fn diff(archive: &Archive, older: &str, newer: Option<&str>) -> Result<Vec<SegmentChange>> {
    let before = revision_segments(archive, older)?;
    let after = match newer {
        Some(id) => revision_segments(archive, id)?,
        None => {
            let transcript_id: String = archive.conn().query_row(
                "SELECT t.uuid FROM transcript_revisions r JOIN transcripts t ON t.id = r.transcript_id WHERE r.uuid = ?1",
                [ids::parse(KIND, older)?],
                |r| r.get(0),
            )?;
            segments_with(archive.conn(), &transcript_id)?
        }
    };
    Ok(diff_segments(&before, &after))
}

fn same_content(a: &Segment, b: &Segment) -> bool {
    a.text == b.text
        && a.start_ms == b.start_ms
        && a.end_ms == b.end_ms
        && a.speaker_label == b.speaker_label
        && a.speaker_id == b.speaker_id
}

pub(crate) fn diff_segments(before: &[Segment], after: &[Segment]) -> Vec<SegmentChange> {
    let old_by_id: std::collections::HashMap<&str, &Segment> =
        before.iter().map(|s| (s.id.as_str(), s)).collect();
    let new_ids: std::collections::HashSet<&str> = after.iter().map(|s| s.id.as_str()).collect();
    let mut changes = Vec::new();
    let mut removed = before
        .iter()
        .filter(|s| !new_ids.contains(s.id.as_str()))
        .peekable();
    for segment in after {
        // Removed segments are shown where they stood: before the first newer segment that
        // came after them.
        while let Some(gone) = removed.next_if(|g| g.position <= segment.position) {
            changes.push(SegmentChange::Removed {
                segment: gone.clone(),
            });
        }
        changes.push(match old_by_id.get(segment.id.as_str()) {
            None => SegmentChange::Added {
                segment: segment.clone(),
            },
            Some(old) if same_content(old, segment) => SegmentChange::Same {
                segment: segment.clone(),
            },
            Some(old) => SegmentChange::Changed {
                before: (*old).clone(),
                after: segment.clone(),
            },
        });
    }
    changes.extend(removed.map(|gone| SegmentChange::Removed {
        segment: gone.clone(),
    }));
    changes
}
