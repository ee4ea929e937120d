//! The provenance log: every change to the archive appends an event saying what changed
//! (before and after), when, by whom, from where, and why when given.

use serde::{Deserialize, Serialize};

use crate::{
    archive::{now, Archive, Writer},
    error::Result,
    ids,
};

/// Where a write came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The desktop app's window.
    Window,
    /// The command line.
    Cli,
    /// An import of files or packages.
    Import,
    /// The sample archive builder.
    Sample,
    /// The archive itself (upgrades, scheduled lifting of restrictions).
    System,
}

impl Origin {
    fn as_str(self) -> &'static str {
        match self {
            Origin::Window => "window",
            Origin::Cli => "cli",
            Origin::Import => "import",
            Origin::Sample => "sample",
            Origin::System => "system",
        }
    }
}

/// The kind of event, in the spirit of PREMIS event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// A record was made in the archive.
    Creation,
    /// A record came in from outside (an import).
    Ingestion,
    /// A record was changed.
    Modification,
    /// A record was removed.
    Deletion,
    /// Two records became one.
    Merge,
    /// Access to a record changed.
    Restriction,
    /// Files were re-hashed.
    FixityCheck,
    /// Records left in a package.
    Export,
}

impl EventType {
    fn as_str(self) -> &'static str {
        match self {
            EventType::Creation => "creation",
            EventType::Ingestion => "ingestion",
            EventType::Modification => "modification",
            EventType::Deletion => "deletion",
            EventType::Merge => "merge",
            EventType::Restriction => "restriction",
            EventType::FixityCheck => "fixity_check",
            EventType::Export => "export",
        }
    }

    fn parse(s: &str) -> EventType {
        match s {
            "creation" => EventType::Creation,
            "ingestion" => EventType::Ingestion,
            "deletion" => EventType::Deletion,
            "merge" => EventType::Merge,
            "restriction" => EventType::Restriction,
            "fixity_check" => EventType::FixityCheck,
            "export" => EventType::Export,
            _ => EventType::Modification,
        }
    }
}

/// One event of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Event {
    /// The event's own id.
    pub id: String,
    /// When it happened (RFC 3339, UTC).
    pub at: String,
    /// What happened.
    pub event_type: EventType,
    /// The kind of record ("interview", "person", ...).
    pub record_kind: String,
    /// The record's id.
    pub record_id: String,
    /// Where the change came from.
    pub origin: String,
    /// The curator's name.
    pub agent: String,
    /// The record before the change, as JSON text.
    pub before: Option<String>,
    /// The record after the change, as JSON text.
    pub after: Option<String>,
    /// Why, when given.
    pub note: Option<String>,
}

/// Appends an event for a record. `before` and `after` are the record as JSON.
pub(crate) fn record<B: Serialize, A: Serialize>(
    w: &Writer<'_>,
    event_type: EventType,
    record_kind: &str,
    record_id: &str,
    origin: Origin,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    let before = before.map(serde_json::to_string).transpose()?;
    let after = after.map(serde_json::to_string).transpose()?;
    w.execute(
        "INSERT INTO events (uuid, at, event_type, record_kind, record_uuid, origin, agent, before_json, after_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![
            ids::new_id(),
            now(w)?,
            event_type.as_str(),
            record_kind,
            record_id,
            origin.as_str(),
            w.agent(),
            before,
            after
        ],
    )?;
    Ok(())
}

/// The history of one record, oldest first.
pub fn history(archive: &Archive, record_id: &str) -> Result<Vec<Event>> {
    let mut stmt = archive.conn().prepare(
        "SELECT uuid, at, event_type, record_kind, record_uuid, origin, agent, before_json, after_json, note
         FROM events WHERE record_uuid = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([record_id], |r| {
        Ok(Event {
            id: r.get(0)?,
            at: r.get(1)?,
            event_type: EventType::parse(&r.get::<_, String>(2)?),
            record_kind: r.get(3)?,
            record_id: r.get(4)?,
            origin: r.get(5)?,
            agent: r.get(6)?,
            before: r.get(7)?,
            after: r.get(8)?,
            note: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
