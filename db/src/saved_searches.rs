//! Saved searches: a search kept under a name in the sidebar, run again on demand, so it finds
//! what was added since.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::{
    archive::{now, Archive},
    error::{Error, Result},
    ids,
    provenance::{self, EventType, Origin},
    search::{self, SearchHit, SearchQuery},
};

const KIND: &str = "saved_search";

/// A saved search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SavedSearch {
    /// UUIDv7.
    pub id: String,
    /// Its name in the sidebar.
    pub name: String,
    /// The search.
    pub query: SearchQuery,
    /// When it was saved (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

const SELECT: &str = "SELECT uuid, name, query_json, created_at, updated_at FROM saved_searches";

fn from_row(r: &Row<'_>) -> rusqlite::Result<SavedSearch> {
    let json: String = r.get(2)?;
    let query = serde_json::from_str(&json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(SavedSearch {
        id: r.get(0)?,
        name: r.get(1)?,
        query,
        created_at: r.get(3)?,
        updated_at: r.get(4)?,
    })
}

fn get_with(conn: &Connection, id_or_name: &str) -> Result<SavedSearch> {
    let by_id = ids::parse(KIND, id_or_name).ok();
    conn.query_row(
        &format!("{SELECT} WHERE uuid = ?1 OR name = ?2"),
        params![by_id, id_or_name.trim()],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        kind: KIND,
        id: id_or_name.trim().to_owned(),
    })
}

/// One saved search, by id or name.
pub fn get(archive: &Archive, id_or_name: &str) -> Result<SavedSearch> {
    get_with(archive.conn(), id_or_name)
}

/// Every saved search, by name.
pub fn list(archive: &Archive) -> Result<Vec<SavedSearch>> {
    let mut stmt = archive
        .conn()
        .prepare(&format!("{SELECT} ORDER BY name COLLATE NOCASE, id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn check(conn: &Connection, name: &str, this: Option<&str>) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::invalid("name", "a saved search needs a name"));
    }
    let taken: Option<String> = conn
        .query_row(
            "SELECT uuid FROM saved_searches WHERE name = ?1",
            [&name],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some_and(|t| Some(t.as_str()) != this) {
        return Err(Error::invalid(
            "name",
            format!("there is already a saved search called \"{name}\""),
        ));
    }
    Ok(name)
}

/// Saves a search under a name.
pub fn create(
    archive: &mut Archive,
    name: &str,
    query: &SearchQuery,
    origin: Origin,
) -> Result<SavedSearch> {
    archive.write(|w| {
        let name = check(w, name, None)?;
        let id = ids::new_id();
        w.execute(
            "INSERT INTO saved_searches (uuid, name, query_json, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![id, name, serde_json::to_string(query)?, now(w)?],
        )?;
        let created = get_with(w, &id)?;
        provenance::record(w, EventType::Creation, KIND, &id, origin, None::<&()>, Some(&created))?;
        Ok(created)
    })
}

/// Renames a saved search or changes its search.
pub fn update(
    archive: &mut Archive,
    id: &str,
    name: &str,
    query: &SearchQuery,
    origin: Origin,
) -> Result<SavedSearch> {
    archive.write(|w| {
        let before = get_with(w, id)?;
        let name = check(w, name, Some(&before.id))?;
        if name == before.name && *query == before.query {
            return Ok(before);
        }
        w.execute(
            "UPDATE saved_searches SET name = ?2, query_json = ?3, updated_at = ?4 WHERE uuid = ?1",
            params![before.id, name, serde_json::to_string(query)?, now(w)?],
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

/// Deletes a saved search.
pub fn delete(archive: &mut Archive, id: &str, origin: Origin) -> Result<()> {
    archive.write(|w| {
        let before = get_with(w, id)?;
        w.execute("DELETE FROM saved_searches WHERE uuid = ?1", [&before.id])?;
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

/// Runs a saved search against the archive as it is now.
pub fn run(archive: &Archive, id: &str) -> Result<Vec<SearchHit>> {
    search::search(archive, &get(archive, id)?.query)
}

#[cfg(test)]
mod tests;
