//! People: narrators, interviewers and everyone the archive mentions or depicts.
//!
//! The person record itself is here; the authority around it (name variants, roles, external
//! identifiers, relationships) is in [`authority`], merging two records in [`merge`], and
//! finding a person from a name or in a transcript in [`matching`], everywhere they are
//! mentioned in [`mentioned`], on top of the pure name
//! folding and scoring of [`names`].

pub mod authority;
pub mod matching;
pub mod mentioned;
pub mod merge;
pub mod names;
pub mod vocabulary;

pub use authority::{authority, relations, variants, PersonAuthority};
pub use matching::{as_typed, matches, mentions, possible_duplicates};
pub use mentioned::{mention_counts, mentioned_in, MentionCount, PersonMentions};
pub use merge::merge;

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::{
    archive::{now, Archive, Writer},
    dates,
    error::{Error, Result},
    ids,
    provenance::{self, EventType, Origin},
};

pub(crate) const KIND: &str = "person";

/// A person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Person {
    /// UUIDv7.
    pub id: String,
    /// The name as shown ("Tatiana Smilga").
    pub display_name: String,
    /// The name as sorted ("Smilga, Tatiana").
    pub sort_name: String,
    /// Date of birth (EDTF).
    pub birth_date: Option<String>,
    /// Date of death (EDTF).
    pub death_date: Option<String>,
    /// A short note.
    pub note: String,
    /// In how many interviews they take part, as narrator or interviewer.
    pub interview_count: u32,
    /// When the record was made (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// What the curator edits of a person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PersonInput {
    /// The name as shown; must not be blank.
    pub display_name: String,
    /// The name as sorted; when blank, "Family, Given" is made from the display name.
    #[serde(default)]
    pub sort_name: String,
    /// Date of birth (EDTF).
    #[serde(default)]
    pub birth_date: Option<String>,
    /// Date of death (EDTF).
    #[serde(default)]
    pub death_date: Option<String>,
    /// A short note.
    #[serde(default)]
    pub note: String,
}

/// A person named in another record: id and display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PersonRef {
    /// The person's id.
    pub id: String,
    /// Their display name.
    pub name: String,
}

const SELECT: &str =
    "SELECT p.uuid, p.display_name, p.sort_name, p.birth_date, p.death_date, p.note,
        (SELECT count(DISTINCT ip.interview_id) FROM interview_people ip WHERE ip.person_id = p.id),
        p.created_at, p.updated_at
    FROM people p";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        display_name: r.get(1)?,
        sort_name: r.get(2)?,
        birth_date: r.get(3)?,
        death_date: r.get(4)?,
        note: r.get(5)?,
        interview_count: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

/// Everyone, by sort name.
pub fn list(archive: &Archive) -> Result<Vec<Person>> {
    let mut stmt = archive.conn().prepare(&format!(
        "{SELECT} ORDER BY p.sort_name COLLATE NOCASE, p.id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One person.
pub fn get(archive: &Archive, id: &str) -> Result<Person> {
    get_with(archive.conn(), id)
}

/// One person. The id of a person merged into another finds the one they were merged into.
pub(crate) fn get_with(conn: &rusqlite::Connection, id: &str) -> Result<Person> {
    let key = key(conn, id)?;
    Ok(conn.query_row(&format!("{SELECT} WHERE p.id = ?1"), [key], from_row)?)
}

/// These people, in the order given, read in one query however many they are (an export's).
/// An id that is no person's own (one merged away, or none at all) is looked up as [`get`]
/// looks it up: it finds the person kept, or is not found.
pub(crate) fn many(conn: &rusqlite::Connection, ids: &[String]) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE p.uuid IN (SELECT value FROM json_each(?1))"
    ))?;
    let found: std::collections::HashMap<String, Person> = stmt
        .query_map([serde_json::to_string(ids)?], from_row)?
        .map(|row| row.map(|p| (p.id.clone(), p)))
        .collect::<rusqlite::Result<_>>()?;
    ids.iter()
        .map(|id| match found.get(id) {
            Some(person) => Ok(person.clone()),
            None => get_with(conn, id),
        })
        .collect()
}

/// The integer key of a person, for joins. An id merged away resolves to the person kept, so
/// links made before a merge (in an export, a note, the UI's history) still find them.
pub(crate) fn key(conn: &rusqlite::Connection, id: &str) -> Result<i64> {
    let id = ids::parse(KIND, id)?;
    conn.query_row(
        "SELECT id FROM people WHERE uuid = ?1 UNION ALL SELECT person_id FROM merged_into WHERE old_uuid = ?1",
        [&id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(Error::NotFound { kind: KIND, id })
}

/// The current id of a person: `id` itself, or the person it was merged into.
pub fn resolve(archive: &Archive, id: &str) -> Result<String> {
    let key = key(archive.conn(), id)?;
    Ok(archive
        .conn()
        .query_row("SELECT uuid FROM people WHERE id = ?1", [key], |r| r.get(0))?)
}

/// "Family, Given" from "Given Family": the last word is taken as the family name, which holds
/// for the Russian and Western names this archive mostly keeps; the curator can override it.
pub fn default_sort_name(display_name: &str) -> String {
    let words: Vec<&str> = display_name.split_whitespace().collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [given @ .., family] => format!("{family}, {}", given.join(" ")),
    }
}

fn validate(input: &PersonInput) -> Result<PersonInput> {
    let display_name = input
        .display_name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if display_name.is_empty() {
        return Err(Error::invalid("name", "a person needs a name"));
    }
    let sort_name = match input.sort_name.trim() {
        "" => default_sort_name(&display_name),
        given => given.to_owned(),
    };
    Ok(PersonInput {
        sort_name,
        birth_date: dates::normalize("birth date", input.birth_date.as_deref())?,
        death_date: dates::normalize("death date", input.death_date.as_deref())?,
        note: input.note.trim().to_owned(),
        display_name,
    })
}

/// Adds a person.
pub fn create(archive: &mut Archive, input: &PersonInput, origin: Origin) -> Result<Person> {
    archive.write(|w| insert(w, input, origin))
}

pub(crate) fn insert(w: &Writer<'_>, input: &PersonInput, origin: Origin) -> Result<Person> {
    let input = validate(input)?;
    let id = ids::new_id();
    w.execute(
        "INSERT INTO people (uuid, display_name, sort_name, birth_date, death_date, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![id, input.display_name, input.sort_name, input.birth_date, input.death_date, input.note, now(w)?],
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

/// Changes a person.
pub fn update(
    archive: &mut Archive,
    id: &str,
    input: &PersonInput,
    origin: Origin,
) -> Result<Person> {
    archive.write(|w| {
        let before = get_with(w, id)?;
        let input = validate(input)?;
        w.execute(
            "UPDATE people SET display_name = ?2, sort_name = ?3, birth_date = ?4, death_date = ?5, note = ?6, updated_at = ?7
             WHERE uuid = ?1 AND (display_name, sort_name, birth_date, death_date, note) IS NOT (?2, ?3, ?4, ?5, ?6)",
            params![before.id, input.display_name, input.sort_name, input.birth_date, input.death_date, input.note, now(w)?],
        )?;
        let after = get_with(w, &before.id)?;
        if after != before {
            provenance::record(w, EventType::Modification, KIND, &after.id, origin, Some(&before), Some(&after))?;
        }
        Ok(after)
    })
}

/// Moves a person to the trash, with their names, roles and identifiers and what points at
/// them, until restored or purged. Refused while they are a narrator or interviewer of an
/// interview.
pub fn delete(archive: &mut Archive, id: &str, origin: Origin) -> Result<()> {
    archive.write_because(Some("moved to the trash"), |w| {
        let before = get_with(w, id)?;
        let mut stmt = w.prepare(
            "SELECT ip.role, i.title FROM interview_people ip
             JOIN interviews i ON i.id = ip.interview_id JOIN people p ON p.id = ip.person_id
             WHERE p.uuid = ?1 ORDER BY i.title",
        )?;
        let uses: Vec<(String, String)> =
            stmt.query_map([&before.id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        if let Some((role, title)) = uses.first() {
            let more = match uses.len() {
                1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            return Err(Error::InUse(format!(
                "{} cannot be deleted: they are the {role} of \"{title}\"{more}. Remove them from those interviews first.",
                before.display_name
            )));
        }
        crate::trash::intake::put(w, crate::trash::kind::TrashKind::Person, &before.id, &before.display_name, origin)?;
        provenance::record(w, EventType::Deletion, KIND, &before.id, origin, Some(&before), None::<&()>)
    })
}

#[cfg(test)]
mod tests;
