//! Consent and restrictions: release forms, access levels, embargoes, sealed and redacted spans,
//! and the one computation of what access a record or span has on a given day.
//!
//! Two things restrict a record. The curator's restrictions: an access level (open, restricted,
//! closed) for the whole record or for its text or audio only, an embargo day on which it
//! lifts, and a reason; for spans of a transcript also a seal (text and times kept inside,
//! withheld outside) or a redaction (text replaced in public output). And release forms: the
//! terms a narrator signed set restrictions that lift by themselves on a day or once the
//! narrator's death is recorded and past. Restrictions pass down: a closed collection closes its
//! interviews, an interview's closed text closes its transcripts and index.
//!
//! The most restrictive rule wins, and nothing the curator sets opens what a release form
//! closes. [`crate::public`] reads only [`effective_access`]'s policy to decide what may leave.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::{
    archive::{now, Archive, Writer},
    dates,
    error::{Error, Result},
    ids,
    provenance::{self, EventType, Origin},
    records::{self, RecordKind, Target},
};

const KIND: &str = "restriction";

/// Who may see a record.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum AccessLevel {
    /// Anyone: it may leave in public output.
    #[default]
    Open,
    /// Researchers by arrangement; never in public output.
    Restricted,
    /// No one outside the archive.
    Closed,
}

impl AccessLevel {
    /// The stored and printed form.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::Open => "open",
            AccessLevel::Restricted => "restricted",
            AccessLevel::Closed => "closed",
        }
    }

    fn parse(s: &str) -> AccessLevel {
        match s {
            "open" => AccessLevel::Open,
            "restricted" => AccessLevel::Restricted,
            // Anything unreadable is treated as closed: a damaged row must not open a record.
            _ => AccessLevel::Closed,
        }
    }
}

impl std::str::FromStr for AccessLevel {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "open" => Ok(AccessLevel::Open),
            "restricted" => Ok(AccessLevel::Restricted),
            "closed" => Ok(AccessLevel::Closed),
            other => Err(Error::invalid(
                "level",
                format!("\"{other}\" is not an access level; use open, restricted or closed"),
            )),
        }
    }
}

/// Which part of a record a restriction covers.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// The record itself and all it holds.
    #[default]
    All,
    /// Its text: transcripts, index, text of a span.
    Text,
    /// Its audio and video.
    Audio,
}

impl Layer {
    /// The stored and printed form.
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::All => "all",
            Layer::Text => "text",
            Layer::Audio => "audio",
        }
    }

    fn parse(s: &str) -> Layer {
        match s {
            "text" => Layer::Text,
            "audio" => Layer::Audio,
            _ => Layer::All,
        }
    }
}

impl std::str::FromStr for Layer {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "all" => Ok(Layer::All),
            "text" | "transcript" => Ok(Layer::Text),
            "audio" | "media" => Ok(Layer::Audio),
            other => Err(Error::invalid(
                "layer",
                format!("\"{other}\" is not a layer; use all, text or audio"),
            )),
        }
    }
}

/// What a restriction does.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum RestrictionAction {
    /// Sets an access level.
    #[default]
    Restrict,
    /// Withholds a span's text (and audio) from public output while it keeps its place and
    /// times; a sealed span is closed.
    Seal,
    /// Replaces a span's text in public output; the text is kept inside the archive.
    Redact,
}

impl RestrictionAction {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            RestrictionAction::Restrict => "restrict",
            RestrictionAction::Seal => "seal",
            RestrictionAction::Redact => "redact",
        }
    }

    fn parse(s: &str) -> RestrictionAction {
        match s {
            "redact" => RestrictionAction::Redact,
            "restrict" => RestrictionAction::Restrict,
            _ => RestrictionAction::Seal,
        }
    }
}

/// A restriction the curator set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Restriction {
    /// UUIDv7.
    pub id: String,
    /// What it restricts.
    pub target: Target,
    /// What it does.
    pub action: RestrictionAction,
    /// The level it sets (closed for seals, open for redactions).
    pub level: AccessLevel,
    /// Which part it covers.
    pub layer: Layer,
    /// The day it lifts (`YYYY-MM-DD`), or `None` for no end.
    pub until: Option<String>,
    /// Why.
    pub reason: String,
    /// For redactions, what public output shows instead of the text.
    pub replacement: Option<String>,
    /// When it was set (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// What the curator gives to restrict a record or span.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct RestrictionInput {
    /// What to restrict.
    pub target: Option<Target>,
    /// What to do.
    #[serde(default)]
    pub action: RestrictionAction,
    /// The level, for `restrict`.
    #[serde(default)]
    pub level: AccessLevel,
    /// Which part.
    #[serde(default)]
    pub layer: Layer,
    /// The day it lifts (`YYYY-MM-DD`).
    #[serde(default)]
    pub until: Option<String>,
    /// Why.
    #[serde(default)]
    pub reason: String,
    /// For redactions, the text to show instead ("[redacted]" when blank).
    #[serde(default)]
    pub replacement: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Restrictions

const SELECT: &str = "SELECT uuid, target_kind, target_uuid, first_segment_uuid, last_segment_uuid, action, level, layer, until,
        reason, replacement, created_at, updated_at
    FROM restrictions";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Restriction> {
    Ok(Restriction {
        id: r.get(0)?,
        target: Target::from_row(r, 1)?,
        action: RestrictionAction::parse(&r.get::<_, String>(5)?),
        level: AccessLevel::parse(&r.get::<_, String>(6)?),
        layer: Layer::parse(&r.get::<_, String>(7)?),
        until: r.get(8)?,
        reason: r.get(9)?,
        replacement: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

fn get_with(conn: &Connection, id: &str) -> Result<Restriction> {
    let id = ids::parse(KIND, id)?;
    conn.query_row(&format!("{SELECT} WHERE uuid = ?1"), [&id], from_row)
        .optional()?
        .ok_or(Error::NotFound { kind: KIND, id })
}

/// One restriction.
pub fn get(archive: &Archive, id: &str) -> Result<Restriction> {
    get_with(archive.conn(), id)
}

/// Every restriction, oldest first.
pub fn list(archive: &Archive) -> Result<Vec<Restriction>> {
    let mut stmt = archive.conn().prepare(&format!("{SELECT} ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The restrictions set on a record, and on spans of it when it is a transcript.
pub fn list_for(archive: &Archive, record_id: &str) -> Result<Vec<Restriction>> {
    let id = ids::parse("record", record_id)?;
    let mut stmt = archive
        .conn()
        .prepare(&format!("{SELECT} WHERE target_uuid = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([&id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Restricts, seals or redacts a record or span, or changes how it is restricted. A record or
/// span has one restriction of each action and layer: setting it again replaces it, and
/// restricting to `open` lifts it (then `None` is returned). The reason goes into the log.
pub fn restrict(
    archive: &mut Archive,
    input: &RestrictionInput,
    origin: Origin,
) -> Result<Option<Restriction>> {
    let reason = input.reason.trim().to_owned();
    archive.write_because(Some(&reason), |w| restrict_with(w, input, origin))
}

pub(crate) fn restrict_with(
    w: &Writer<'_>,
    input: &RestrictionInput,
    origin: Origin,
) -> Result<Option<Restriction>> {
    let target = input
        .target
        .as_ref()
        .ok_or_else(|| Error::invalid("record", "say what to restrict"))?;
    let target = records::check(w, target)?;
    let until = dates::day("until", input.until.as_deref())?;
    let is_span = matches!(target, Target::Span(_));
    let (level, replacement) = match input.action {
        RestrictionAction::Restrict => (input.level, None),
        RestrictionAction::Seal => {
            if !is_span && !matches!(&target, Target::Record(r) if r.kind == RecordKind::Transcript)
            {
                return Err(Error::invalid("seal", "a seal is for a span of a transcript or a whole transcript; restrict other records"));
            }
            (AccessLevel::Closed, None)
        }
        RestrictionAction::Redact => {
            if !is_span {
                return Err(Error::invalid("redact", "redaction replaces the text of a span of a transcript; choose its first and last segment"));
            }
            let text = input
                .replacement
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .unwrap_or("[redacted]");
            (AccessLevel::Open, Some(text.to_owned()))
        }
    };
    let (kind, uuid, first, last) = target.columns();
    let existing = w
        .query_row(
            &format!("{SELECT} WHERE target_uuid = ?1 AND first_segment_uuid IS ?2 AND last_segment_uuid IS ?3 AND action = ?4 AND layer = ?5"),
            params![uuid, first, last, input.action.as_str(), input.layer.as_str()],
            from_row,
        )
        .optional()?;
    // Restricting a photo to "open" is kept: it opens the photo explicitly, so that it no longer
    // takes on the restrictions of the interviews and collections it belongs to. Elsewhere
    // "open" lifts the restriction.
    let opens_explicitly = matches!(&target, Target::Record(r) if r.kind == RecordKind::Photo)
        && input.layer == Layer::All;
    let lifting = input.action == RestrictionAction::Restrict
        && level == AccessLevel::Open
        && !opens_explicitly;
    let reason = input.reason.trim();
    let at = now(w)?;
    match existing {
        Some(before) if lifting => {
            w.execute("DELETE FROM restrictions WHERE uuid = ?1", [&before.id])?;
            provenance::record_about(
                w,
                EventType::Restriction,
                KIND,
                &before.id,
                Some(target.record_id()),
                origin,
                Some(&before),
                None::<&()>,
            )?;
            Ok(None)
        }
        None if lifting => Ok(None),
        Some(before) => {
            w.execute(
                "UPDATE restrictions SET level = ?2, until = ?3, reason = ?4, replacement = ?5, updated_at = ?6 WHERE uuid = ?1",
                params![before.id, level.as_str(), until, reason, replacement, at],
            )?;
            let after = get_with(w, &before.id)?;
            if (
                &after.level,
                &after.until,
                &after.reason,
                &after.replacement,
            ) != (
                &before.level,
                &before.until,
                &before.reason,
                &before.replacement,
            ) {
                provenance::record_about(
                    w,
                    EventType::Restriction,
                    KIND,
                    &after.id,
                    Some(target.record_id()),
                    origin,
                    Some(&before),
                    Some(&after),
                )?;
            }
            Ok(Some(after))
        }
        None => {
            let id = ids::new_id();
            w.execute(
                "INSERT INTO restrictions (uuid, target_kind, target_uuid, first_segment_uuid, last_segment_uuid, action, level, layer, until,
                     reason, replacement, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                params![id, kind, uuid, first, last, input.action.as_str(), level.as_str(), input.layer.as_str(), until, reason, replacement, at],
            )?;
            let created = get_with(w, &id)?;
            provenance::record_about(
                w,
                EventType::Restriction,
                KIND,
                &id,
                Some(target.record_id()),
                origin,
                None::<&()>,
                Some(&created),
            )?;
            Ok(Some(created))
        }
    }
}

/// Removes a restriction, saying why.
pub fn lift(archive: &mut Archive, id: &str, reason: &str, origin: Origin) -> Result<()> {
    archive.write_because(Some(reason), |w| {
        let before = get_with(w, id)?;
        w.execute("DELETE FROM restrictions WHERE uuid = ?1", [&before.id])?;
        provenance::record_about(
            w,
            EventType::Restriction,
            KIND,
            &before.id,
            Some(before.target.record_id()),
            origin,
            Some(&before),
            None::<&()>,
        )
    })
}

mod policy;
mod release_forms;

pub use policy::*;
pub use release_forms::*;

#[cfg(test)]
pub(crate) mod tests;
