//! The whole archive as data: every table's rows, with integer keys replaced by the UUIDs of
//! the records they point at, so that a `full` package can be imported into another archive
//! and give back the same records and ids.
//!
//! The dump is generic over the schema (it reads `PRAGMA foreign_key_list`), so every table a
//! migration adds travels without code of its own. Full-text indexes are not dumped; their
//! triggers rebuild them on import.

use std::collections::{BTreeMap, HashMap};

use rusqlite::types::Value as SqlValue;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{
    archive::{Archive, Writer},
    error::{Error, Result},
    ids,
    jobs::JobContext,
    provenance::{self, EventType, ImportedFrom, Origin},
};

/// One table's rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableDump {
    /// The table.
    pub table: String,
    /// Its rows, as column → value, with foreign keys as `{"uuid": ...}` of the row pointed at.
    pub rows: Vec<Map<String, Value>>,
}

/// Every table of an archive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchiveDump {
    /// The schema version the dump was written at.
    pub schema_version: i64,
    /// Tables in an order that satisfies their foreign keys.
    pub tables: Vec<TableDump>,
}

/// A record that exists on both sides with different content: listed for review, not
/// overwritten.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Conflict {
    /// The table.
    pub table: String,
    /// The record's UUID (or key, for link rows).
    pub id: String,
    /// The fields that differ, with this archive's and the package's values as JSON text.
    pub fields: Vec<(String, String, String)>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct MergeReport {
    /// Rows added.
    pub added: u32,
    /// Rows that were already there, unchanged.
    pub unchanged: u32,
    /// Rows that differ, kept as they were here.
    pub conflicts: Vec<Conflict>,
}

/// Tables that are never dumped: SQLite's own, full-text indexes kept by triggers,
/// `settings`, which are this laptop's preferences (the curator's name), not archive content,
/// and the trash, whose records are deleted from the archive until restored.
fn is_dumped(name: &str, sql: &str) -> bool {
    !name.starts_with("sqlite_")
        && name != "settings"
        && name != "trash"
        && !sql.to_uppercase().contains("VIRTUAL TABLE")
        && !name.contains("_fts")
        && !name.ends_with("_vocab")
}

/// A dumped table as the schema describes it.
pub(crate) struct Table {
    pub(crate) name: String,
    pub(crate) columns: Vec<String>,
    pub(crate) has_uuid: bool,
    /// The primary key's columns, which identify rows of tables without a UUID.
    key: Vec<String>,
    /// column → referenced table (which must have a uuid column).
    pub(crate) foreign: HashMap<String, String>,
}

/// The dumped tables, each after the tables it points at.
pub(crate) fn tables(conn: &rusqlite::Connection) -> Result<Vec<Table>> {
    let mut stmt =
        conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY rowid")?;
    let names: Vec<(String, String)> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (name, _) in names.into_iter().filter(|(n, s)| is_dumped(n, s)) {
        // Shadow tables of FTS5 (`x_data`, `x_idx`, ...) belong to a virtual table.
        if ["_data", "_idx", "_content", "_docsize", "_config"]
            .iter()
            .any(|s| name.ends_with(s))
        {
            continue;
        }
        let columns: Vec<(String, i64)> = conn
            .prepare(&format!("SELECT name, pk FROM pragma_table_info('{name}')"))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut key: Vec<(i64, String)> = columns
            .iter()
            .filter(|(_, pk)| *pk > 0)
            .map(|(c, pk)| (*pk, c.clone()))
            .collect();
        key.sort();
        let key: Vec<String> = key.into_iter().map(|(_, c)| c).collect();
        let columns: Vec<String> = columns.into_iter().map(|(c, _)| c).collect();
        let foreign: HashMap<String, String> = conn
            .prepare(&format!(
                "SELECT \"from\", \"table\" FROM pragma_foreign_key_list('{name}')"
            ))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        out.push(Table {
            has_uuid: columns.iter().any(|c| c == "uuid"),
            name,
            columns,
            foreign,
            key,
        });
    }
    // Order so that every table comes after the tables it points at.
    let mut ordered: Vec<Table> = Vec::new();
    while !out.is_empty() {
        let ready = out
            .iter()
            .position(|t| {
                t.foreign
                    .values()
                    .all(|r| r == &t.name || ordered.iter().any(|o| &o.name == r))
            })
            .unwrap_or(0);
        ordered.push(out.remove(ready));
    }
    Ok(ordered)
}

fn to_json(value: SqlValue) -> Value {
    match value {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::from(i),
        SqlValue::Real(f) => Value::from(f),
        SqlValue::Text(t) => Value::String(t),
        SqlValue::Blob(b) => Value::String(b.iter().map(|x| format!("{x:02x}")).collect()),
    }
}

fn to_sql(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(*b as i64),
        Value::Number(n) => n
            .as_i64()
            .map(SqlValue::Integer)
            .unwrap_or_else(|| SqlValue::Real(n.as_f64().unwrap_or(0.0))),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

/// Dumps every table. Records in the trash are deleted from the archive until restored: their
/// events stay out too.
pub fn dump(archive: &Archive) -> Result<ArchiveDump> {
    dump_for(archive, &JobContext::silent())
}

/// The phase a dump reports, counting tables.
pub const PHASE: &str = "reading records for handover";

/// [`dump`], reporting [`PHASE`] to `job` from 0 of the tables and stopping when the job is
/// cancelled (checked every few thousand rows).
pub fn dump_for(archive: &Archive, job: &JobContext) -> Result<ArchiveDump> {
    let conn = archive.conn();
    let trashed = crate::trash::held::held_ids(conn)?;
    let mut out = Vec::new();
    let tables = tables(conn)?;
    let total = tables.len() as u32;
    job.step(PHASE, 0, Some(total))?;
    for (done, table) in tables.into_iter().enumerate() {
        // Integer keys of referenced rows become their UUIDs.
        let mut uuid_of: HashMap<&str, HashMap<i64, String>> = HashMap::new();
        for referenced in table.foreign.values() {
            let map = conn
                .prepare(&format!("SELECT id, uuid FROM {referenced}"))?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            uuid_of.insert(referenced.as_str(), map);
        }
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {} ORDER BY rowid", table.name))
            .or_else(|_| conn.prepare(&format!("SELECT * FROM {}", table.name)))?;
        let mut rows = stmt.query([])?;
        let mut dumped = Vec::new();
        while let Some(row) = rows.next()? {
            let mut object = Map::new();
            for (n, column) in table.columns.iter().enumerate() {
                if column == "id" && table.has_uuid {
                    continue; // the integer key is local to this file
                }
                let value: SqlValue = row.get(n)?;
                let json = match (table.foreign.get(column), &value) {
                    (Some(referenced), SqlValue::Integer(key)) => {
                        let uuid = uuid_of[referenced.as_str()]
                            .get(key)
                            .cloned()
                            .unwrap_or_default();
                        serde_json::json!({ "uuid": uuid })
                    }
                    _ => to_json(value),
                };
                object.insert(column.clone(), json);
            }
            if table.name == "events"
                && ["record_uuid", "related_uuid"].iter().any(|c| {
                    object
                        .get(*c)
                        .and_then(Value::as_str)
                        .is_some_and(|id| trashed.contains(id))
                })
            {
                continue;
            }
            dumped.push(object);
            if dumped.len() % 2000 == 0 {
                job.check()?;
            }
        }
        out.push(TableDump {
            table: table.name,
            rows: dumped,
        });
        job.step(PHASE, done as u32 + 1, Some(total))?;
    }
    Ok(ArchiveDump {
        schema_version: crate::archive::schema_version(),
        tables: out,
    })
}

/// Tables kept in a partial dump only when something of the selection points at them.
/// Beside the records the selection's rows point at (people, collections, photos), this is
/// everything that stands on its own in the archive: the documents, deeds and accessions, the
/// sources, the tags, the lists and saved searches. A partial package carries only what its
/// selection reaches.
const SHARED_TABLES: &[&str] = &[
    "people",
    "collections",
    "photos",
    "documents",
    "accessions",
    "sources",
    "tags",
    "lists",
    "saved_searches",
];

/// A dump of part of the archive: the given interviews, everything that belongs to them, the
/// people and collections they point at, and the events of every record kept.
pub fn dump_selection(archive: &Archive, interview_ids: &[String]) -> Result<ArchiveDump> {
    dump_selection_for(archive, interview_ids, &JobContext::silent())
}

/// [`dump_selection`], reporting to `job` as [`dump_for`] does.
pub fn dump_selection_for(
    archive: &Archive,
    interview_ids: &[String],
    job: &JobContext,
) -> Result<ArchiveDump> {
    let mut full = dump_for(archive, job)?;
    let selected: std::collections::HashSet<&str> =
        interview_ids.iter().map(String::as_str).collect();
    let uuid_of =
        |row: &Map<String, Value>| row.get("uuid").and_then(Value::as_str).map(str::to_owned);
    // A row points at another by a foreign key (dumped as `{"uuid": ...}`), or, for rows that
    // may point at a record of any kind (a restriction's target, a release form's subject, an
    // accession's record), by a `..._uuid` column.
    let references = |row: &Map<String, Value>| -> Vec<String> {
        row.iter()
            .filter_map(|(column, v)| match v {
                Value::String(s) if column.ends_with("_uuid") => Some(s.clone()),
                _ => v.get("uuid").and_then(Value::as_str).map(str::to_owned),
            })
            .collect()
    };
    // Drop unselected interviews, then, until nothing changes, every row pointing at a dropped row.
    let mut dropped: std::collections::HashSet<String> = std::collections::HashSet::new();
    for table in full.tables.iter_mut().filter(|t| t.table == "interviews") {
        table.rows.retain(|row| {
            let keep = uuid_of(row).is_some_and(|u| selected.contains(u.as_str()));
            if !keep {
                dropped.extend(uuid_of(row));
            }
            keep
        });
    }
    loop {
        let before = dropped.len();
        for table in full.tables.iter_mut().filter(|t| t.table != "events") {
            table.rows.retain(|row| {
                let keep = !references(row).iter().any(|r| dropped.contains(r));
                if !keep {
                    dropped.extend(uuid_of(row));
                }
                keep
            });
        }
        if dropped.len() == before {
            break;
        }
    }
    // People, collections and photos travel only when a row that belongs to the selection points
    // at them (an interview's narrator link, a photo attached to an interview), not because
    // their own details (a person's name variants) point back at them.
    let selection: std::collections::HashSet<String> = full
        .tables
        .iter()
        .filter(|t| !SHARED_TABLES.contains(&t.table.as_str()) && t.table != "events")
        .flat_map(|t| t.rows.iter().filter_map(uuid_of))
        .collect();
    let belongs = |row: &Map<String, Value>| {
        references(row).iter().any(|r| selection.contains(r))
            || uuid_of(row).is_some_and(|u| selected.contains(u.as_str()))
    };
    // A link to a record outside the selection does not bring that record along: the link goes
    // with the package only when both its ends do.
    let mut referenced: std::collections::HashSet<String> = full
        .tables
        .iter()
        .filter(|t| {
            !SHARED_TABLES.contains(&t.table.as_str()) && t.table != "events" && t.table != "links"
        })
        .flat_map(|t| t.rows.iter().filter(|r| belongs(r)).flat_map(references))
        .collect();
    // What those reach reaches too: a release form's document, an accession's deed of gift.
    loop {
        let before = referenced.len();
        let more: Vec<String> = full
            .tables
            .iter()
            .filter(|t| SHARED_TABLES.contains(&t.table.as_str()))
            .flat_map(|t| t.rows.iter())
            .filter(|row| uuid_of(row).is_some_and(|u| referenced.contains(&u)))
            .flat_map(references)
            .collect();
        referenced.extend(more);
        if referenced.len() == before {
            break;
        }
    }
    for table in full
        .tables
        .iter_mut()
        .filter(|t| SHARED_TABLES.contains(&t.table.as_str()))
    {
        table
            .rows
            .retain(|row| uuid_of(row).is_some_and(|u| referenced.contains(&u)));
    }
    // Rows of other tables that point only at dropped shared records go too.
    let kept: std::collections::HashSet<String> = full
        .tables
        .iter()
        .flat_map(|t| t.rows.iter().filter_map(uuid_of))
        .collect();
    for table in full.tables.iter_mut().filter(|t| t.table != "events") {
        table
            .rows
            .retain(|row| references(row).iter().all(|r| kept.contains(r)));
    }
    let kept: std::collections::HashSet<String> = full
        .tables
        .iter()
        .flat_map(|t| t.rows.iter().filter_map(uuid_of))
        .collect();
    for table in full.tables.iter_mut().filter(|t| t.table == "events") {
        table.rows.retain(|row| {
            row.get("record_uuid")
                .and_then(Value::as_str)
                .is_some_and(|r| kept.contains(r))
        });
    }
    Ok(full)
}

/// Columns that say where a record's file is on this machine, or where an event came from:
/// set by the importing archive, never taken from a package, and not compared for conflicts.
const LOCAL_COLUMNS: &[(&str, &str)] = &[
    ("media", "storage"),
    ("media", "path"),
    ("photos", "path"),
    ("documents", "path"),
    ("events", "package"),
    ("events", "imported_on"),
];

fn is_local(table: &str, column: &str) -> bool {
    LOCAL_COLUMNS.contains(&(table, column))
}

/// Imports a dump that came with the package `from`: rows whose UUID (or, for link rows,
/// whose whole key) is new are added; rows that exist and are equal are skipped; rows that
/// exist and differ are listed as conflicts and left as they are. Events added say they came
/// from the package, and the import is an event of its own. All or nothing.
pub fn restore(
    archive: &mut Archive,
    dump: &ArchiveDump,
    from: &ImportedFrom,
    job: &JobContext,
) -> Result<MergeReport> {
    if dump.schema_version > crate::archive::schema_version() {
        return Err(Error::invalid(
            "package",
            format!(
                "the package was written by a newer Recollect (schema {})",
                dump.schema_version
            ),
        ));
    }
    archive.write(|w| {
        let report = restore_in(w, dump, from, job)?;
        // The import is an event of the package, so the package's history (its export where it
        // was written, when that archive is this one) shows it.
        let package_record = ids::parse("package", &from.package).unwrap_or_else(|_| ids::new_id());
        provenance::record(
            w,
            EventType::Ingestion,
            "package",
            &package_record,
            Origin::Import,
            None::<&()>,
            Some(&serde_json::json!({
                "package": from.package,
                "imported_on": from.imported_on,
                "added": report.added,
                "unchanged": report.unchanged,
                "conflicts": report.conflicts.len(),
            })),
        )?;
        Ok(report)
    })
}

/// Merges a dump into the archive inside the caller's write (see [`restore`]); the trash
/// restores its records through here too.
pub(crate) fn restore_in(
    w: &Writer<'_>,
    dump: &ArchiveDump,
    from: &ImportedFrom,
    job: &JobContext,
) -> Result<MergeReport> {
    let known: BTreeMap<String, Table> = tables(w)?
        .into_iter()
        .map(|t| (t.name.clone(), t))
        .collect();
    let mut report = MergeReport::default();
    let total: usize = dump.tables.iter().map(|t| t.rows.len()).sum();
    let mut done = 0usize;
    for table_dump in &dump.tables {
        let Some(table) = known.get(&table_dump.table) else {
            return Err(Error::invalid(
                "package",
                format!(
                    "the package has a table \"{}\" this archive does not know",
                    table_dump.table
                ),
            ));
        };
        for row in &table_dump.rows {
            done += 1;
            if done.is_multiple_of(5000) {
                job.step("importing records", done as u32, Some(total as u32))?;
            }
            // Resolve references to this archive's integer keys.
            let mut values: Vec<(String, SqlValue)> = Vec::new();
            for (column, value) in row {
                if !table.columns.contains(column) {
                    return Err(Error::invalid(
                        "package",
                        format!("{}.{column} is not a column this archive knows", table.name),
                    ));
                }
                if table.name == "events" && is_local(&table.name, column) {
                    continue; // set below: the package these events came with
                }
                let sql = match (table.foreign.get(column), value) {
                    (Some(referenced), Value::Object(o)) => {
                        let uuid = o.get("uuid").and_then(Value::as_str).unwrap_or_default();
                        let key: Option<i64> = w
                            .query_row(
                                &format!("SELECT id FROM {referenced} WHERE uuid = ?1"),
                                [uuid],
                                |r| r.get(0),
                            )
                            .ok();
                        match key {
                            Some(k) => SqlValue::Integer(k),
                            None => {
                                return Err(Error::invalid(
                                    "package",
                                    format!(
                                    "{} points at {referenced} {uuid}, which is not in the package",
                                    table.name
                                ),
                                ))
                            }
                        }
                    }
                    _ => to_sql(value),
                };
                values.push((column.clone(), sql));
            }
            if table.name == "events" {
                values.push(("package".into(), SqlValue::Text(from.package.clone())));
                values.push((
                    "imported_on".into(),
                    SqlValue::Text(from.imported_on.clone()),
                ));
            }
            let existing = find_existing(w, table, &values)?;
            match existing {
                None => {
                    let columns: Vec<&str> = values.iter().map(|(c, _)| c.as_str()).collect();
                    let marks: Vec<String> = (1..=values.len()).map(|n| format!("?{n}")).collect();
                    w.execute(
                        &format!(
                            "INSERT INTO {} ({}) VALUES ({})",
                            table.name,
                            columns.join(", "),
                            marks.join(", ")
                        ),
                        rusqlite::params_from_iter(values.iter().map(|(_, v)| v)),
                    )?;
                    report.added += 1;
                }
                Some(current) => {
                    let fields: Vec<(String, String, String)> = values
                        .iter()
                        .filter(|(c, v)| !is_local(&table.name, c) && current.get(c) != Some(v))
                        .map(|(c, v)| {
                            (
                                c.clone(),
                                current.get(c).map(display).unwrap_or_default(),
                                display(v),
                            )
                        })
                        .collect();
                    if fields.is_empty() {
                        report.unchanged += 1;
                    } else {
                        report.conflicts.push(Conflict {
                            table: table.name.clone(),
                            id: identity(table, &values),
                            fields,
                        });
                    }
                }
            }
        }
    }
    Ok(report)
}

fn display(value: &SqlValue) -> String {
    match value {
        SqlValue::Text(t) => t.clone(),
        other => to_json(other.clone()).to_string(),
    }
}

/// How a row is named in a conflict: its UUID, or its key columns.
fn identity(table: &Table, values: &[(String, SqlValue)]) -> String {
    let named: Vec<String> = values
        .iter()
        .filter(|(c, _)| {
            if table.has_uuid {
                c == "uuid"
            } else {
                table.key.contains(c)
            }
        })
        .map(|(c, v)| {
            if table.has_uuid {
                display(v)
            } else {
                format!("{c}={}", display(v))
            }
        })
        .collect();
    named.join(", ")
}

/// The row that has the same identity as `values`: the same UUID, or for tables without one,
/// the same values in every column.
fn find_existing(
    w: &Writer<'_>,
    table: &Table,
    values: &[(String, SqlValue)],
) -> Result<Option<HashMap<String, SqlValue>>> {
    let (condition, params): (String, Vec<&SqlValue>) = if table.has_uuid {
        let uuid = values
            .iter()
            .find(|(c, _)| c == "uuid")
            .map(|(_, v)| v)
            .ok_or_else(|| {
                Error::invalid("package", format!("a {} row has no uuid", table.name))
            })?;
        ("uuid = ?1".into(), vec![uuid])
    } else {
        // The primary key identifies the row; without one, every column does.
        let identifying: Vec<&(String, SqlValue)> = values
            .iter()
            .filter(|(c, _)| table.key.is_empty() || table.key.contains(c))
            .collect();
        let parts: Vec<String> = identifying
            .iter()
            .enumerate()
            .map(|(n, (c, _))| format!("{c} IS ?{}", n + 1))
            .collect();
        (
            parts.join(" AND "),
            identifying.iter().map(|(_, v)| v).collect(),
        )
    };
    let columns: Vec<&String> = values.iter().map(|(c, _)| c).collect();
    let sql = format!(
        "SELECT {} FROM {} WHERE {condition} LIMIT 1",
        columns
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        table.name
    );
    let mut stmt = w.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let mut current = HashMap::new();
    for (n, column) in columns.iter().enumerate() {
        current.insert((*column).clone(), row.get::<_, SqlValue>(n)?);
    }
    Ok(Some(current))
}

#[cfg(test)]
mod tests;
