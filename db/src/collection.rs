//! Collections: the groups an archive's interviews and photos are curated in.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::{
    archive::{now, Archive, Writer},
    error::{Error, Result},
    ids,
    provenance::{self, EventType, Origin},
};

const KIND: &str = "collection";

/// A collection, with the number of interviews in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Collection {
    /// UUIDv7.
    pub id: String,
    /// The collection's title.
    pub title: String,
    /// What it gathers, for readers of an export.
    pub description: String,
    /// How many interviews it holds.
    pub interview_count: u32,
    /// When it was made (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// What the curator edits of a collection.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct CollectionInput {
    /// The title; must not be blank.
    pub title: String,
    /// A description; may be blank.
    #[serde(default)]
    pub description: String,
}

const SELECT: &str = "SELECT c.uuid, c.title, c.description,
        (SELECT count(*) FROM interviews i WHERE i.collection_id = c.id),
        c.created_at, c.updated_at
    FROM collections c";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Collection> {
    Ok(Collection {
        id: r.get(0)?,
        title: r.get(1)?,
        description: r.get(2)?,
        interview_count: r.get(3)?,
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
    })
}

/// Every collection, by title.
pub fn list(archive: &Archive) -> Result<Vec<Collection>> {
    let mut stmt = archive
        .conn()
        .prepare(&format!("{SELECT} ORDER BY c.title COLLATE NOCASE, c.id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One collection.
pub fn get(archive: &Archive, id: &str) -> Result<Collection> {
    get_with(archive.conn(), id)
}

fn get_with(conn: &rusqlite::Connection, id: &str) -> Result<Collection> {
    let id = ids::parse(KIND, id)?;
    conn.query_row(&format!("{SELECT} WHERE c.uuid = ?1"), [&id], from_row)
        .optional()?
        .ok_or(Error::NotFound { kind: KIND, id })
}

/// These collections, in the order given, read in one query however many they are (an
/// export's); an id that is none of theirs is not found, as with [`get`].
pub(crate) fn many(conn: &rusqlite::Connection, ids: &[String]) -> Result<Vec<Collection>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE c.uuid IN (SELECT value FROM json_each(?1))"
    ))?;
    let found: std::collections::HashMap<String, Collection> = stmt
        .query_map([serde_json::to_string(ids)?], from_row)?
        .map(|row| row.map(|c| (c.id.clone(), c)))
        .collect::<rusqlite::Result<_>>()?;
    ids.iter()
        .map(|id| match found.get(id) {
            Some(collection) => Ok(collection.clone()),
            None => get_with(conn, id),
        })
        .collect()
}

/// The integer key of a collection, for joins.
pub(crate) fn key(conn: &rusqlite::Connection, id: &str) -> Result<i64> {
    ids::row_key(conn, KIND, "collections", id)
}

fn validate(input: &CollectionInput) -> Result<CollectionInput> {
    let title = input.title.trim();
    if title.is_empty() {
        return Err(Error::invalid("title", "a collection needs a title"));
    }
    Ok(CollectionInput {
        title: title.to_owned(),
        description: input.description.trim().to_owned(),
    })
}

/// Makes a collection.
pub fn create(
    archive: &mut Archive,
    input: &CollectionInput,
    origin: Origin,
) -> Result<Collection> {
    archive.write(|w| insert(w, input, origin))
}

pub(crate) fn insert(
    w: &Writer<'_>,
    input: &CollectionInput,
    origin: Origin,
) -> Result<Collection> {
    let input = validate(input)?;
    let id = ids::new_id();
    let at = now(w)?;
    w.execute(
        "INSERT INTO collections (uuid, title, description, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![id, input.title, input.description, at],
    )?;
    let created = get_with(w, &id)?;
    provenance::record(
        w,
        EventType::Creation,
        KIND,
        &id,
        origin,
        None::<&()>,
        Some(&created),
    )?;
    Ok(created)
}

/// Changes a collection's title and description.
pub fn update(
    archive: &mut Archive,
    id: &str,
    input: &CollectionInput,
    origin: Origin,
) -> Result<Collection> {
    archive.write(|w| {
        let before = get_with(w, id)?;
        let input = validate(input)?;
        if input.title == before.title && input.description == before.description {
            return Ok(before);
        }
        w.execute(
            "UPDATE collections SET title = ?2, description = ?3, updated_at = ?4 WHERE uuid = ?1",
            params![before.id, input.title, input.description, now(w)?],
        )?;
        let after = get_with(w, &before.id)?;
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
    })
}

/// Deletes a collection. Its interviews stay in the archive, in no collection.
pub fn delete(archive: &mut Archive, id: &str, origin: Origin) -> Result<()> {
    archive.write(|w| {
        let before = get_with(w, id)?;
        // Its interviews lose their collection: that is a change to each of them, and the log
        // must say so to agree with the tables.
        let mut stmt = w.prepare(
            "SELECT i.uuid FROM interviews i JOIN collections c ON c.id = i.collection_id WHERE c.uuid = ?1 ORDER BY i.id",
        )?;
        let members: Vec<String> = stmt.query_map([&before.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let members: Vec<crate::interview::Interview> =
            members.iter().map(|i| crate::interview::get_with(w, i)).collect::<Result<_>>()?;
        w.execute("DELETE FROM collections WHERE uuid = ?1", [&before.id])?;
        for old in members {
            let mut new = crate::interview::get_with(w, &old.id)?;
            let at = now(w)?;
            w.execute("UPDATE interviews SET updated_at = ?2 WHERE uuid = ?1", params![new.id, at])?;
            new.updated_at = at;
            provenance::record(w, EventType::Modification, "interview", &new.id, origin, Some(&old), Some(&new))?;
        }
        provenance::record(w, EventType::Deletion, KIND, &before.id, origin, Some(&before), None::<&()>)
    })
}

#[cfg(test)]
mod tests;
