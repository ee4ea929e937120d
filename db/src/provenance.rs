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
    /// Set when the event came in with a package: it happened elsewhere, as the package says,
    /// and is not a change made in this archive.
    #[serde(default)]
    pub imported_from: Option<ImportedFrom>,
}

/// The package an imported event came with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ImportedFrom {
    /// The package's identifier: its `External-Identifier` in `bag-info.txt`, or, for a bag
    /// without one, the SHA-256 of its manifest.
    pub package: String,
    /// The day it was imported (`yyyy-mm-dd`).
    pub imported_on: String,
}

impl Event {
    /// Who and where, in words: "by Ann (window)" for a change made here; for an event that
    /// came with a package, what the package says, marked as another archive's, with the
    /// package and the day of the import.
    pub fn attribution(&self) -> String {
        let agent = if self.agent.trim().is_empty() {
            "an unknown curator"
        } else {
            self.agent.as_str()
        };
        match &self.imported_from {
            None => format!("by {agent} ({})", self.origin),
            Some(from) => format!(
                "of another archive: {agent} ({}) there, imported from package {} on {}",
                self.origin, from.package, from.imported_on
            ),
        }
    }
}

/// Appends an event for a record. `before` and `after` are the record as JSON; the writer's
/// reason, when it has one, is the event's note.
pub(crate) fn record<B: Serialize, A: Serialize>(
    w: &Writer<'_>,
    event_type: EventType,
    record_kind: &str,
    record_id: &str,
    origin: Origin,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    record_about(
        w,
        event_type,
        record_kind,
        record_id,
        None,
        origin,
        before,
        after,
    )
}

/// Appends an event for a record that is about another one too (a tagging, link, citation or
/// restriction of `related_id`), so that the other record's history shows it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record_about<B: Serialize, A: Serialize>(
    w: &Writer<'_>,
    event_type: EventType,
    record_kind: &str,
    record_id: &str,
    related_id: Option<&str>,
    origin: Origin,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    let before = before.map(serde_json::to_string).transpose()?;
    let after = after.map(serde_json::to_string).transpose()?;
    w.changed(record_kind);
    w.execute(
        "INSERT INTO events (uuid, at, event_type, record_kind, record_uuid, origin, agent, before_json, after_json, note, related_uuid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        rusqlite::params![
            ids::new_id(),
            now(w)?,
            event_type.as_str(),
            record_kind,
            record_id,
            origin.as_str(),
            w.agent(),
            before,
            after,
            w.note(),
            related_id.filter(|r| *r != record_id),
        ],
    )?;
    Ok(())
}

/// The history of one record, oldest first: its own events and those of the tags, links,
/// citations and restrictions put on it. Deleted records keep their history.
pub fn history(archive: &Archive, record_id: &str) -> Result<Vec<Event>> {
    histories(archive, &[record_id.to_owned()])
}

/// The histories of many records together, oldest first, each event once even when it concerns
/// more than one of them (a narrator's link names both the interview and the person). An export
/// reads the history of every record it carries this way, a few hundred records per query.
pub fn histories(archive: &Archive, record_ids: &[String]) -> Result<Vec<Event>> {
    const PER_QUERY: usize = 500;
    let mut stmt = archive.conn().prepare(&format!(
        "{EVENT_COLUMNS} WHERE record_uuid IN (SELECT value FROM json_each(?1))
            OR related_uuid IN (SELECT value FROM json_each(?1))"
    ))?;
    let mut by_order = std::collections::BTreeMap::new();
    for chunk in record_ids.chunks(PER_QUERY) {
        let wanted: Vec<String> = chunk.iter().map(|id| id.trim().to_lowercase()).collect();
        for row in stmt.query_map([serde_json::to_string(&wanted)?], event_from_row)? {
            let (order, event) = row?;
            by_order.insert(order, event);
        }
    }
    Ok(by_order.into_values().collect())
}

/// The columns [`event_from_row`] reads, the log's own order first.
const EVENT_COLUMNS: &str =
    "SELECT id, uuid, at, event_type, record_kind, record_uuid, origin, agent, before_json, after_json, note,
            package, imported_on
     FROM events";

fn event_from_row(r: &rusqlite::Row) -> rusqlite::Result<(i64, Event)> {
    Ok((
        r.get(0)?,
        Event {
            id: r.get(1)?,
            at: r.get(2)?,
            event_type: EventType::parse(&r.get::<_, String>(3)?),
            record_kind: r.get(4)?,
            record_id: r.get(5)?,
            origin: r.get(6)?,
            agent: r.get(7)?,
            before: r.get(8)?,
            after: r.get(9)?,
            note: r.get(10)?,
            imported_from: match (r.get::<_, Option<String>>(11)?, r.get(12)?) {
                (Some(package), Some(imported_on)) => Some(ImportedFrom {
                    package,
                    imported_on,
                }),
                _ => None,
            },
        },
    ))
}

/// A record as the event log rebuilds it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReplayedRecord {
    /// The kind of record.
    pub kind: String,
    /// Its state after its latest event, as the JSON that event recorded.
    pub state: serde_json::Value,
}

/// Rebuilds the archive's records from the event log alone: for each record id, the `after` of
/// its latest event, leaving out records whose latest event removed them (a deletion, a merge
/// into another record, a lifted restriction). Keyed by record id. This is what makes the log
/// an account of the archive rather than a diary: it must agree with the tables.
pub fn replay(archive: &Archive) -> Result<std::collections::BTreeMap<String, ReplayedRecord>> {
    let mut records = std::collections::BTreeMap::new();
    let mut stmt = archive
        .conn()
        .prepare("SELECT record_kind, record_uuid, after_json FROM events ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (kind, id, after): (String, String, Option<String>) =
            (row.get(0)?, row.get(1)?, row.get(2)?);
        match after {
            Some(json) => {
                records.insert(
                    id,
                    ReplayedRecord {
                        kind,
                        state: serde_json::from_str(&json)?,
                    },
                );
            }
            None => {
                records.remove(&id);
            }
        }
    }
    Ok(records)
}

#[cfg(test)]
mod tests;
