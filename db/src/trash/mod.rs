//! The trash: deleted interviews, people, photos and sources, kept with everything they held
//! until the curator restores them whole or purges them for good.
//!
//! A record moved to the trash leaves its tables exactly as a deletion always did (the foreign
//! keys' cascades and the reference triggers remove what it holds), so nothing that reads the
//! archive (lists, search and its index, the public view, exports, the site) can meet it. What
//! that one deletion removed is caught as it happens, row by row, by temporary triggers on
//! every table, and kept in the `trash` table in the form of a full package's dump (foreign keys
//! as the UUIDs of the rows they point at), with the references it cleared in rows that stay
//! (a segment's speaker, a region's person). Restoring merges those rows back by UUID as an
//! import does (`export::dump`), so the records come back with their ids, and the search index
//! takes them again through its triggers. Purging drops the kept rows, and the files of the
//! media folder that only they kept.
//!
//! Every step is one write with its provenance event: the deletion, the restoration (a
//! creation, noted as restored from the trash) and the purge (a deletion, noted as purged).

use std::collections::{HashMap, HashSet};

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub(crate) mod held;
pub(crate) mod intake;
pub mod kind;

// The kind is part of what the trash answers (`TrashItem`); the records name it from `kind`.
pub use kind::TrashKind;

use crate::{
    archive::{Archive, Writer},
    error::{Error, Result},
    export::dump::{self, ArchiveDump, TableDump},
    ids,
    jobs::JobContext,
    provenance::{self, EventType, ImportedFrom, Origin},
    store,
};

/// One record in the trash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct TrashItem {
    /// The record's own id, which it keeps when restored.
    pub id: String,
    /// What kind of record it is.
    pub kind: TrashKind,
    /// Its title or name when it was deleted.
    pub label: String,
    /// When it was moved to the trash (RFC 3339, UTC).
    pub deleted_at: String,
    /// Who moved it there.
    pub agent: String,
    /// From where (window, cli, ...).
    pub origin: String,
    /// What it holds that comes back with it, in words ("2 transcripts, 140 segments"); empty
    /// when it is the record alone.
    pub holds: String,
}

/// How a kind of row is named in [`TrashItem::holds`], singular and plural.
fn holding_words(table: &str) -> (String, String) {
    let known: &[(&str, &str, &str)] = &[
        ("media", "recording", "recordings"),
        ("transcripts", "transcript", "transcripts"),
        ("segments", "segment", "segments"),
        ("transcript_revisions", "saved version", "saved versions"),
        ("index_points", "index point", "index points"),
        ("photo_captions", "caption", "captions"),
        ("regions", "region", "regions"),
        ("person_name_variants", "name variant", "name variants"),
        ("person_roles", "role", "roles"),
        ("person_identifiers", "identifier", "identifiers"),
        ("taggings", "tag", "tags"),
        ("links", "link", "links"),
        ("citations", "citation", "citations"),
        ("restrictions", "restriction", "restrictions"),
        ("release_forms", "release form", "release forms"),
        (
            "interview_people",
            "narrator or interviewer",
            "narrators and interviewers",
        ),
        ("photo_interviews", "photo attached", "photos attached"),
        (
            "photo_collections",
            "collection entry",
            "collection entries",
        ),
        ("list_items", "list entry", "list entries"),
        ("accession_records", "accession entry", "accession entries"),
        ("merged_into", "merged id", "merged ids"),
    ];
    match known.iter().find(|(t, _, _)| *t == table) {
        Some((_, one, many)) => ((*one).to_owned(), (*many).to_owned()),
        None => {
            let words = table.replace('_', " ");
            (words.clone(), words)
        }
    }
}

/// What the trash knows of one record, read from its row.
struct Entry {
    item: TrashItem,
    rows: Vec<TableDump>,
    cleared: Vec<Cleared>,
    paths: Vec<String>,
}

/// A reference the deletion cleared in a row that stayed.
#[derive(Deserialize)]
struct Cleared {
    table: String,
    uuid: String,
    column: String,
    points_at: String,
}

const ENTRY_COLUMNS: &str =
    "SELECT uuid, kind, label, deleted_at, agent, origin, rows_json, cleared_json, paths_json FROM trash";

fn entry_from_row(r: &rusqlite::Row) -> rusqlite::Result<EntryRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
    ))
}

/// A row of the trash table, column by column.
type EntryRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
);

fn entry(row: EntryRow) -> Result<Entry> {
    let (id, kind, label, deleted_at, agent, origin, rows, cleared, paths) = row;
    let kind = TrashKind::parse(&kind)?;
    let rows: Vec<TableDump> = serde_json::from_str(&rows)?;
    let holds = rows
        .iter()
        .filter(|t| t.table != kind.table() && !t.rows.is_empty())
        .map(|t| {
            let (one, many) = holding_words(&t.table);
            match t.rows.len() {
                1 => format!("1 {one}"),
                n => format!("{n} {many}"),
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    Ok(Entry {
        item: TrashItem {
            id,
            kind,
            label,
            deleted_at,
            agent,
            origin,
            holds,
        },
        rows,
        cleared: serde_json::from_str(&cleared)?,
        paths: serde_json::from_str(&paths)?,
    })
}

fn get_entry(conn: &rusqlite::Connection, id: &str) -> Result<Entry> {
    let id = ids::parse("record in the trash", id)?;
    let row = conn
        .query_row(
            &format!("{ENTRY_COLUMNS} WHERE uuid = ?1"),
            [&id],
            entry_from_row,
        )
        .optional()?
        .ok_or(Error::NotFound {
            kind: "record in the trash",
            id,
        })?;
    entry(row)
}

/// What is in the trash, most recently deleted first.
pub fn list(archive: &Archive) -> Result<Vec<TrashItem>> {
    let rows: Vec<EntryRow> = archive
        .conn()
        .prepare(&format!(
            "{ENTRY_COLUMNS} ORDER BY deleted_at DESC, id DESC"
        ))?
        .query_map([], entry_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|r| entry(r).map(|e| e.item)).collect()
}

/// One record in the trash.
pub fn get(archive: &Archive, id: &str) -> Result<TrashItem> {
    Ok(get_entry(archive.conn(), id)?.item)
}

/// Whether a record of any kind has this UUID in the archive now.
fn exists_anywhere(w: &Writer<'_>, tables: &[dump::Table], uuid: &str) -> Result<bool> {
    for table in tables.iter().filter(|t| t.has_uuid && t.name != "events") {
        let found: Option<i64> = w
            .query_row(
                &format!("SELECT 1 FROM {} WHERE uuid = ?1", table.name),
                [uuid],
                |r| r.get(0),
            )
            .optional()?;
        if found.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Columns that name a record by UUID without a foreign key (a tag's target, a link's ends, a
/// list's entry) and so must find it when restored. `merged_into.old_uuid` names an id that
/// no longer exists by design.
fn names_a_record(column: &str) -> bool {
    column.ends_with("_uuid") && column != "old_uuid"
}

/// The kept rows that can come back: a row pointing at a record that is gone since (a photo
/// attached to the interview, deleted meanwhile) stays out, and so does what points at it.
fn restorable(w: &Writer<'_>, rows: &[TableDump]) -> Result<(Vec<TableDump>, usize)> {
    let tables = dump::tables(w)?;
    let foreign: HashMap<&str, &HashMap<String, String>> = tables
        .iter()
        .map(|t| (t.name.as_str(), &t.foreign))
        .collect();
    let mut here: HashSet<String> = rows
        .iter()
        .flat_map(|t| t.rows.iter())
        .filter_map(|r| r.get("uuid").and_then(Value::as_str).map(str::to_owned))
        .collect();
    let mut live: HashMap<String, bool> = HashMap::new();
    let mut out: Vec<TableDump> = rows.to_vec();
    let mut left_out = 0;
    loop {
        let mut dropped_any = false;
        for table in &mut out {
            let fks = foreign.get(table.table.as_str()).copied();
            let mut keep = Vec::new();
            for row in std::mem::take(&mut table.rows) {
                let mut ok = true;
                for (column, value) in &row {
                    let target = match value {
                        Value::Object(o) if fks.is_some_and(|f| f.contains_key(column)) => {
                            o.get("uuid").and_then(Value::as_str)
                        }
                        Value::String(s) if names_a_record(column) => Some(s.as_str()),
                        _ => None,
                    };
                    let Some(target) = target else { continue };
                    if here.contains(target) {
                        continue;
                    }
                    let found = match live.get(target) {
                        Some(found) => *found,
                        None => {
                            let found = exists_anywhere(w, &tables, target)?;
                            live.insert(target.to_owned(), found);
                            found
                        }
                    };
                    if !found {
                        ok = false;
                        break;
                    }
                }
                if ok {
                    keep.push(row);
                } else {
                    if let Some(uuid) = row.get("uuid").and_then(Value::as_str) {
                        here.remove(uuid);
                    }
                    left_out += 1;
                    dropped_any = true;
                }
            }
            table.rows = keep;
        }
        if !dropped_any {
            break;
        }
    }
    Ok((out, left_out))
}

/// What a restore brought back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Restored {
    /// The record, back in the archive.
    pub item: TrashItem,
    /// Rows that could not come back because what they pointed at is gone since (a photo
    /// attached to the interview, deleted meanwhile).
    pub left_out: u32,
}

/// Restores a record from the trash, whole: its rows and everything it held come back with
/// their ids, and the references its deletion cleared (a segment's speaker) point at it again.
pub fn restore(archive: &mut Archive, id: &str, origin: Origin) -> Result<Restored> {
    archive.write_because(Some("restored from the trash"), |w| {
        let entry = get_entry(w, id)?;
        let kind = entry.item.kind;
        let uuid = entry.item.id.clone();
        let found: Option<i64> = w
            .query_row(&format!("SELECT 1 FROM {} WHERE uuid = ?1", kind.table()), [&uuid], |r| r.get(0))
            .optional()?;
        if found.is_some() {
            return Err(Error::InUse(format!(
                "\"{}\" is in the archive again (brought back by an import since); purge it from the trash instead",
                entry.item.label
            )));
        }
        if kind == TrashKind::Photo {
            let sha = entry
                .rows
                .iter()
                .filter(|t| t.table == "photos")
                .flat_map(|t| t.rows.iter())
                .find_map(|r| r.get("sha256").and_then(Value::as_str).map(str::to_owned))
                .unwrap_or_default();
            let again: Option<String> = w
                .query_row("SELECT uuid FROM photos WHERE sha256 = ?1", [&sha], |r| r.get(0))
                .optional()?;
            if again.is_some() {
                return Err(Error::InUse(format!(
                    "the same picture as \"{}\" was imported again since; delete that copy first to restore this one",
                    entry.item.label
                )));
            }
        }
        let (rows, left_out) = restorable(w, &entry.rows)?;
        let dump = ArchiveDump {
            schema_version: crate::archive::schema_version(),
            tables: rows,
        };
        // Kept rows hold no events, so the package these would be the events of is never named.
        let from = ImportedFrom {
            package: String::new(),
            imported_on: String::new(),
        };
        dump::restore_in(w, &dump, &from, &JobContext::silent())?;
        for c in &entry.cleared {
            let Some(referenced) = dump::tables(w)?
                .into_iter()
                .find(|t| t.name == c.table)
                .and_then(|t| t.foreign.get(&c.column).cloned())
            else {
                continue;
            };
            w.execute(
                &format!(
                    "UPDATE {table} SET {column} = (SELECT id FROM {referenced} WHERE uuid = ?2)
                     WHERE uuid = ?1 AND {column} IS NULL
                       AND EXISTS (SELECT 1 FROM {referenced} WHERE uuid = ?2)",
                    table = c.table,
                    column = c.column,
                ),
                params![c.uuid, c.points_at],
            )?;
        }
        w.execute("DELETE FROM trash WHERE uuid = ?1", [&uuid])?;
        let after = record_of(kind, w, &uuid)?;
        provenance::record(w, EventType::Creation, kind.as_str(), &uuid, origin, None::<&()>, Some(&after))?;
        Ok(Restored {
            item: entry.item,
            left_out: left_out as u32,
        })
    })
}

/// Deletes a record in the trash for good, with the files of the media folder that only it
/// kept (a photo's image and its thumbnails). This cannot be undone.
pub fn purge(archive: &mut Archive, id: &str, origin: Origin) -> Result<TrashItem> {
    let media_dir = archive.media_dir();
    let (item, gone) =
        archive.write_because(Some("purged from the trash"), |w| purge_in(w, id, origin))?;
    if let Some(dir) = media_dir {
        remove_files(&dir, &gone);
    }
    Ok(item)
}

/// Purges everything in the trash; returns how many records were purged.
pub fn purge_all(archive: &mut Archive, origin: Origin) -> Result<u32> {
    let media_dir = archive.media_dir();
    let gone = archive.write_because(Some("purged from the trash"), |w| {
        let ids: Vec<String> = w
            .prepare("SELECT uuid FROM trash ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut gone = Vec::new();
        for id in &ids {
            gone.push(purge_in(w, id, origin)?.1);
        }
        Ok(gone)
    })?;
    if let Some(dir) = media_dir {
        for files in &gone {
            remove_files(&dir, files);
        }
    }
    Ok(gone.len() as u32)
}

/// Files of the media folder that nothing keeps once an entry is purged: each path, with the
/// SHA-256 of a photo's image (whose thumbnails go too).
type GoneFiles = Vec<(String, Option<String>)>;

fn purge_in(w: &Writer<'_>, id: &str, origin: Origin) -> Result<(TrashItem, GoneFiles)> {
    let entry = get_entry(w, id)?;
    w.execute("DELETE FROM trash WHERE uuid = ?1", [&entry.item.id])?;
    provenance::record(
        w,
        EventType::Deletion,
        entry.item.kind.as_str(),
        &entry.item.id,
        origin,
        Some(&entry.item),
        None::<&()>,
    )?;
    // As a deletion did before there was a trash: the files the archive kept for the record
    // (an interview's copied recordings, a photo's image and its thumbnails, a deed) go with
    // it, unless another record keeps the same file.
    let photo_sha: HashMap<&str, &str> = entry
        .rows
        .iter()
        .filter(|t| t.table == "photos")
        .flat_map(|t| t.rows.iter())
        .filter_map(|row| {
            Some((
                row.get("path").and_then(Value::as_str)?,
                row.get("sha256").and_then(Value::as_str)?,
            ))
        })
        .collect();
    let mut gone = Vec::new();
    for path in &entry.paths {
        if !store::still_kept(w, path)? {
            let sha = photo_sha.get(path.as_str()).map(|s| (*s).to_owned());
            gone.push((path.clone(), sha));
        }
    }
    Ok((entry.item, gone))
}

fn remove_files(media_dir: &std::path::Path, gone: &GoneFiles) {
    // After the commit: a failed purge keeps its files. A file that cannot be removed now is
    // only wasted space, so it does not fail the purge.
    for (path, photo_sha) in gone {
        let file = store::resolve(media_dir, path);
        if let Err(e) = std::fs::remove_file(&file) {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(file = %file.display(), error = %e, "could not delete a purged record's file");
            }
        }
        if let Some(sha) = photo_sha {
            crate::photo::thumbnail::remove_all(media_dir, sha);
        }
    }
}

/// The record as the provenance log keeps it, read again after a restore.
fn record_of(kind: TrashKind, conn: &rusqlite::Connection, id: &str) -> Result<Value> {
    Ok(match kind {
        TrashKind::Interview => serde_json::to_value(crate::interview::get_with(conn, id)?)?,
        TrashKind::Person => serde_json::to_value(crate::people::get_with(conn, id)?)?,
        TrashKind::Photo => serde_json::to_value(crate::photo::get_with(conn, id)?)?,
        TrashKind::Source => serde_json::to_value(crate::sources::get_with(conn, id)?)?,
    })
}

#[cfg(test)]
mod tests;
