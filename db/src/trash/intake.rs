//! A record moving into the trash: its deletion, with every row the deletion removes caught and
//! kept. Below the records that call it on delete; restoring and purging (`trash`) read the
//! records back and so sit above them.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, OptionalExtension};
use serde_json::{Map, Value};

use super::kind::TrashKind;
use crate::{
    archive::{now, Writer},
    error::{Error, Result},
    export::dump::{self, TableDump},
    provenance::Origin,
};

/// Tables whose rows are caught when a record moves to the trash: every table a package dumps,
/// except the log (which keeps its events) and the search index's own tables (derived: the
/// index takes restored rows again through its triggers).
fn caught(name: &str) -> bool {
    name != "events" && !name.starts_with("search_")
}

/// A row as caught: column → value.
type Row = Map<String, Value>;

/// Moves a record to the trash inside the caller's write: deletes its row (with everything
/// the deletion removes) and keeps what was removed. The caller logs the deletion event.
pub(crate) fn put(
    w: &Writer<'_>,
    kind: TrashKind,
    id: &str,
    label: &str,
    origin: Origin,
) -> Result<()> {
    let tables = dump::tables(w)?;
    let watched: Vec<&dump::Table> = tables.iter().filter(|t| caught(&t.name)).collect();
    w.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS trash_caught (
             seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL, old TEXT NOT NULL, new TEXT);
         DELETE FROM temp.trash_caught;",
    )?;
    let image = |row: &str, table: &dump::Table| -> String {
        table
            .columns
            .iter()
            .map(|c| {
                format!(
                    "'{c}', CASE typeof({row}.\"{c}\") WHEN 'blob' THEN hex({row}.\"{c}\") ELSE {row}.\"{c}\" END"
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (n, table) in watched.iter().enumerate() {
        w.execute_batch(&format!(
            "CREATE TEMP TRIGGER trash_caught_delete_{n} AFTER DELETE ON main.\"{name}\" BEGIN
                 INSERT INTO temp.trash_caught (tbl, op, old) VALUES ('{name}', 'delete', json_object({old}));
             END;
             CREATE TEMP TRIGGER trash_caught_update_{n} AFTER UPDATE ON main.\"{name}\" BEGIN
                 INSERT INTO temp.trash_caught (tbl, op, old, new)
                 VALUES ('{name}', 'update', json_object({old}), json_object({new}));
             END;",
            name = table.name,
            old = image("old", table),
            new = image("new", table),
        ))?;
    }
    let deleted = w.execute(
        &format!("DELETE FROM {} WHERE uuid = ?1", kind.table()),
        [id],
    );
    // The triggers go whatever happened: they must never outlive this one statement.
    for n in 0..watched.len() {
        w.execute_batch(&format!(
            "DROP TRIGGER IF EXISTS temp.trash_caught_delete_{n};
             DROP TRIGGER IF EXISTS temp.trash_caught_update_{n};"
        ))?;
    }
    if deleted? == 0 {
        return Err(Error::NotFound {
            kind: kind.as_str(),
            id: id.to_owned(),
        });
    }
    let caught_rows: Vec<(String, String, String, Option<String>)> = w
        .prepare("SELECT tbl, op, old, new FROM temp.trash_caught ORDER BY seq")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    w.execute_batch("DROP TABLE temp.trash_caught;")?;

    let by_name: HashMap<&str, &dump::Table> =
        watched.iter().map(|t| (t.name.as_str(), *t)).collect();
    // Each row as it was before the deletion touched it: a region whose caption was removed
    // first (its caption_id cleared) and then the region itself keeps its caption.
    let mut first_image: HashMap<(String, String), Map<String, Value>> = HashMap::new();
    let mut removed: Vec<(String, Map<String, Value>)> = Vec::new();
    let mut updated: Vec<(String, Row, Row)> = Vec::new();
    for (table, op, old, new) in caught_rows {
        let old: Map<String, Value> = serde_json::from_str(&old)?;
        if let Some(uuid) = old.get("uuid").and_then(Value::as_str) {
            first_image
                .entry((table.clone(), uuid.to_owned()))
                .or_insert_with(|| old.clone());
        }
        if op == "delete" {
            removed.push((table, old));
        } else if let Some(new) = new {
            updated.push((table, old, serde_json::from_str(&new)?));
        }
    }
    let removed: Vec<(String, Map<String, Value>)> = removed
        .into_iter()
        .map(|(table, row)| {
            let first = row
                .get("uuid")
                .and_then(Value::as_str)
                .and_then(|u| first_image.get(&(table.clone(), u.to_owned())))
                .cloned();
            (table, first.unwrap_or(row))
        })
        .collect();
    // The UUID of every removed row with an integer key, to name what rows pointed at.
    let mut uuid_of: HashMap<(String, i64), String> = HashMap::new();
    let mut removed_uuids: HashSet<String> = HashSet::new();
    for (table, row) in &removed {
        if let (Some(key), Some(uuid)) = (
            row.get("id").and_then(Value::as_i64),
            row.get("uuid").and_then(Value::as_str),
        ) {
            uuid_of.insert((table.clone(), key), uuid.to_owned());
            removed_uuids.insert(uuid.to_owned());
        }
    }
    let point_at = |referenced: &str, key: i64| -> Result<String> {
        if let Some(uuid) = uuid_of.get(&(referenced.to_owned(), key)) {
            return Ok(uuid.clone());
        }
        Ok(w.query_row(
            &format!("SELECT uuid FROM {referenced} WHERE id = ?1"),
            [key],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default())
    };

    // The removed rows, table by table in the order of their foreign keys, each table's rows
    // in the order they were made.
    let mut kept: Vec<TableDump> = Vec::new();
    let mut paths: Vec<String> = Vec::new();
    for table in &watched {
        let mut rows: Vec<&Map<String, Value>> = removed
            .iter()
            .filter(|(t, _)| t == &table.name)
            .map(|(_, r)| r)
            .collect();
        if rows.is_empty() {
            continue;
        }
        rows.sort_by_key(|r| r.get("id").and_then(Value::as_i64).unwrap_or(i64::MAX));
        let mut dumped = Vec::new();
        for row in rows {
            let mut object = Map::new();
            for (column, value) in row {
                if column == "id" && table.has_uuid {
                    continue; // the integer key is local; a restored row gets a new one
                }
                let value = match (table.foreign.get(column), value.as_i64()) {
                    (Some(referenced), Some(key)) => {
                        serde_json::json!({ "uuid": point_at(referenced, key)? })
                    }
                    _ => value.clone(),
                };
                object.insert(column.clone(), value);
            }
            let path = object
                .get("path")
                .and_then(Value::as_str)
                .map(str::to_owned);
            let managed = table.name != "media"
                || object.get("storage").and_then(Value::as_str) == Some("managed");
            if let (Some(path), true, true) = (
                path,
                managed,
                ["media", "photos", "documents"].contains(&table.name.as_str()),
            ) {
                paths.push(path);
            }
            dumped.push(object);
        }
        kept.push(TableDump {
            table: table.name.clone(),
            rows: dumped,
        });
    }

    // References the deletion cleared in rows that stay.
    let mut cleared: Vec<Value> = Vec::new();
    for (table, old, new) in &updated {
        let Some(t) = by_name.get(table.as_str()) else {
            continue;
        };
        let Some(uuid) = new.get("uuid").and_then(Value::as_str) else {
            continue;
        };
        if removed_uuids.contains(uuid) {
            continue; // removed later in the same deletion: kept whole above
        }
        for (column, referenced) in &t.foreign {
            if let (Some(key), Some(Value::Null)) =
                (old.get(column).and_then(Value::as_i64), new.get(column))
            {
                cleared.push(serde_json::json!({
                    "table": table,
                    "uuid": uuid,
                    "column": column,
                    "points_at": point_at(referenced, key)?,
                }));
            }
        }
    }

    w.execute(
        "INSERT OR REPLACE INTO trash (uuid, kind, label, deleted_at, agent, origin, rows_json, cleared_json, paths_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
            kind.as_str(),
            label,
            now(w)?,
            w.agent(),
            origin_name(origin),
            serde_json::to_string(&kept)?,
            serde_json::to_string(&cleared)?,
            serde_json::to_string(&paths)?,
        ],
    )?;
    Ok(())
}

fn origin_name(origin: Origin) -> &'static str {
    match origin {
        Origin::Window => "window",
        Origin::Cli => "cli",
        Origin::Import => "import",
        Origin::Sample => "sample",
        Origin::System => "system",
    }
}
