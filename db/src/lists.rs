//! Lists: hand-made, ordered lists of records in the sidebar ("to transcribe", "for the
//! exhibition"), any kind of record in one list.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{
    archive::{now, Archive, Writer},
    error::{Error, Result},
    ids,
    provenance::{self, EventType, Origin},
    records::{self, RecordRef, Target},
};

const KIND: &str = "list";

/// A list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct List {
    /// UUIDv7.
    pub id: String,
    /// Its name in the sidebar.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Its records, in order.
    pub items: Vec<RecordRef>,
    /// When it was made (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// A record of a list, with its title, for showing the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ListEntry {
    /// The record.
    pub record: RecordRef,
    /// Its title.
    pub title: String,
}

fn get_with(conn: &Connection, id_or_name: &str) -> Result<(i64, List)> {
    let by_id = ids::parse(KIND, id_or_name).ok();
    let found = conn
        .query_row(
            "SELECT id, uuid, name, description, created_at, updated_at FROM lists WHERE uuid = ?1 OR name = ?2",
            params![by_id, id_or_name.trim()],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    List { id: r.get(1)?, name: r.get(2)?, description: r.get(3)?, items: Vec::new(), created_at: r.get(4)?, updated_at: r.get(5)? },
                ))
            },
        )
        .optional()?
        .ok_or(Error::NotFound { kind: KIND, id: id_or_name.trim().to_owned() })?;
    let (key, mut list) = found;
    let mut stmt = conn.prepare_cached(
        "SELECT record_kind, record_uuid FROM list_items WHERE list_id = ?1 ORDER BY position",
    )?;
    list.items = stmt
        .query_map([key], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter_map(|(kind, id)| kind.parse().ok().map(|k| RecordRef::new(k, id)))
        .collect();
    Ok((key, list))
}

/// One list, by id or name.
pub fn get(archive: &Archive, id_or_name: &str) -> Result<List> {
    Ok(get_with(archive.conn(), id_or_name)?.1)
}

/// Every list, by name.
pub fn list(archive: &Archive) -> Result<Vec<List>> {
    let mut stmt = archive
        .conn()
        .prepare("SELECT uuid FROM lists ORDER BY name COLLATE NOCASE, id")?;
    let found: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    found.iter().map(|id| get(archive, id)).collect()
}

/// A list's records with their titles.
pub fn entries(archive: &Archive, id_or_name: &str) -> Result<Vec<ListEntry>> {
    let list = get(archive, id_or_name)?;
    list.items
        .into_iter()
        .map(|record| {
            Ok(ListEntry {
                title: records::title(archive.conn(), &Target::Record(record.clone()))?,
                record,
            })
        })
        .collect()
}

fn check_name(conn: &Connection, name: &str, this: Option<&str>) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::invalid("name", "a list needs a name"));
    }
    let taken: Option<String> = conn
        .query_row("SELECT uuid FROM lists WHERE name = ?1", [&name], |r| {
            r.get(0)
        })
        .optional()?;
    if taken.is_some_and(|t| Some(t.as_str()) != this) {
        return Err(Error::invalid(
            "name",
            format!("there is already a list called \"{name}\""),
        ));
    }
    Ok(name)
}

/// Makes an empty list.
pub fn create(
    archive: &mut Archive,
    name: &str,
    description: &str,
    origin: Origin,
) -> Result<List> {
    archive.write(|w| {
        let name = check_name(w, name, None)?;
        let id = ids::new_id();
        w.execute(
            "INSERT INTO lists (uuid, name, description, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![id, name, description.trim(), now(w)?],
        )?;
        let (_, created) = get_with(w, &id)?;
        provenance::record(w, EventType::Creation, KIND, &id, origin, None::<&()>, Some(&created))?;
        Ok(created)
    })
}

/// Writes a list's name, description and records, logging the change if there is one.
fn save(
    w: &Writer<'_>,
    id: &str,
    name: &str,
    description: &str,
    items: &[RecordRef],
    origin: Origin,
) -> Result<List> {
    let (key, before) = get_with(w, id)?;
    let name = check_name(w, name, Some(&before.id))?;
    let mut checked: Vec<RecordRef> = Vec::with_capacity(items.len());
    for item in items {
        if let Target::Record(r) = records::check(w, &Target::Record(item.clone()))? {
            if !checked.contains(&r) {
                checked.push(r);
            }
        }
    }
    if name == before.name && description.trim() == before.description && checked == before.items {
        return Ok(before);
    }
    w.execute(
        "UPDATE lists SET name = ?2, description = ?3, updated_at = ?4 WHERE id = ?1",
        params![key, name, description.trim(), now(w)?],
    )?;
    w.execute("DELETE FROM list_items WHERE list_id = ?1", [key])?;
    for (position, r) in checked.iter().enumerate() {
        w.execute(
            "INSERT INTO list_items (list_id, position, record_kind, record_uuid) VALUES (?1, ?2, ?3, ?4)",
            params![key, position as i64, r.kind.as_str(), r.id],
        )?;
    }
    let (_, after) = get_with(w, &before.id)?;
    provenance::record(
        w,
        EventType::Modification,
        KIND,
        &after.id,
        origin,
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// Renames a list or changes its description.
pub fn rename(
    archive: &mut Archive,
    id: &str,
    name: &str,
    description: &str,
    origin: Origin,
) -> Result<List> {
    archive.write(|w| {
        let (_, list) = get_with(w, id)?;
        save(w, &list.id, name, description, &list.items, origin)
    })
}

/// Adds a record to a list, at `position` (from 0) or at the end. A record already in the list
/// moves there.
pub fn add(
    archive: &mut Archive,
    id: &str,
    record: &RecordRef,
    position: Option<u32>,
    origin: Origin,
) -> Result<List> {
    archive.write(|w| {
        let (_, list) = get_with(w, id)?;
        let mut items = list.items.clone();
        let record = RecordRef::new(record.kind, record.id.trim().to_lowercase());
        items.retain(|r| *r != record);
        let at = position.map_or(items.len(), |p| (p as usize).min(items.len()));
        items.insert(at, record);
        save(w, &list.id, &list.name, &list.description, &items, origin)
    })
}

/// Takes a record off a list.
pub fn remove(archive: &mut Archive, id: &str, record_id: &str, origin: Origin) -> Result<List> {
    archive.write(|w| {
        let (_, list) = get_with(w, id)?;
        let record_id = record_id.trim().to_lowercase();
        let items: Vec<RecordRef> = list
            .items
            .iter()
            .filter(|r| r.id != record_id)
            .cloned()
            .collect();
        save(w, &list.id, &list.name, &list.description, &items, origin)
    })
}

/// Deletes a list; its records stay in the archive.
pub fn delete(archive: &mut Archive, id: &str, origin: Origin) -> Result<()> {
    archive.write(|w| {
        let (key, before) = get_with(w, id)?;
        w.execute("DELETE FROM lists WHERE id = ?1", [key])?;
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

#[cfg(test)]
mod tests;
