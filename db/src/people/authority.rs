//! The people authority: the names a person is known by (in each script, transliteration
//! system and source, misspellings included), their roles, their identifiers in other
//! authorities, and their relationships to other people, read from both sides.
//!
//! Every change is a modification of the person in the provenance log, with the whole
//! [`PersonAuthority`] before and after, so a person's history shows it.

mod identifiers;
mod relationships;
mod variants;

pub use identifiers::{normalize_identifier, set_identifiers, ExternalId, IdScheme};
pub(crate) use relationships::insert_relationship;
pub use relationships::{relate, relations, unrelate, Relation, RelationKind};
pub(crate) use variants::insert_variant;
pub use variants::{
    add_variant, remove_variant, system_from_str, update_variant, variants, NameVariant,
    NameVariantInput, Script, VariantKind,
};

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{get_with, key, Person, KIND};
use crate::{
    archive::{now, Archive, Writer},
    error::Result,
    provenance::{self, EventType, Origin},
};
use identifiers::identifiers_with;
use relationships::relations_with;
use variants::variants_with;

/// A person with everything the authority knows of them: the person's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PersonAuthority {
    /// The person record.
    pub person: Person,
    /// Their other names, in order.
    pub variants: Vec<NameVariant>,
    /// Their roles, in order.
    pub roles: Vec<String>,
    /// Their identifiers in other authorities.
    pub identifiers: Vec<ExternalId>,
    /// Their relationships, from their side, by kind and then name.
    pub relations: Vec<Relation>,
    /// Ids of records merged into this one; they still find this person.
    pub merged_ids: Vec<String>,
}

/// A person with their names, roles, identifiers and relationships.
pub fn authority(archive: &Archive, person_id: &str) -> Result<PersonAuthority> {
    authority_with(archive.conn(), person_id)
}

pub(crate) fn authority_with(
    conn: &rusqlite::Connection,
    person_id: &str,
) -> Result<PersonAuthority> {
    let person = get_with(conn, person_id)?;
    let key = key(conn, &person.id)?;
    let mut stmt = conn
        .prepare_cached("SELECT role FROM person_roles WHERE person_id = ?1 ORDER BY position")?;
    let roles = stmt
        .query_map([key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT old_uuid FROM merged_into WHERE person_id = ?1 ORDER BY merged_at, old_uuid",
    )?;
    let merged_ids = stmt
        .query_map([key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(PersonAuthority {
        variants: variants_with(conn, key)?,
        relations: relations_with(conn, key)?,
        person,
        roles,
        identifiers: identifiers_with(conn, key)?,
        merged_ids,
    })
}

/// Runs `change` on a person and logs the authority before and after as one modification.
fn modify<T>(
    w: &Writer<'_>,
    person_id: &str,
    origin: Origin,
    change: impl FnOnce(i64) -> Result<T>,
) -> Result<T> {
    let before = authority_with(w, person_id)?;
    let person_key = key(w, &before.person.id)?;
    let value = change(person_key)?;
    let after = authority_with(w, &before.person.id)?;
    if after != before {
        w.execute(
            "UPDATE people SET updated_at = ?2 WHERE id = ?1",
            params![person_key, now(w)?],
        )?;
        provenance::record(
            w,
            EventType::Modification,
            KIND,
            &before.person.id,
            origin,
            Some(&before),
            Some(&after),
        )?;
    }
    Ok(value)
}

/// Replaces a person's roles, in order. Blank and repeated roles are dropped.
pub fn set_roles(
    archive: &mut Archive,
    person_id: &str,
    roles: &[String],
    origin: Origin,
) -> Result<Vec<String>> {
    archive.write(|w| {
        modify(w, person_id, origin, |person_key| {
            write_roles(w, person_key, roles)
        })
    })
}

pub(crate) fn write_roles(
    w: &Writer<'_>,
    person_key: i64,
    roles: &[String],
) -> Result<Vec<String>> {
    w.execute(
        "DELETE FROM person_roles WHERE person_id = ?1",
        [person_key],
    )?;
    let mut kept: Vec<String> = Vec::new();
    for role in roles {
        let role = role.split_whitespace().collect::<Vec<_>>().join(" ");
        if role.is_empty() || kept.iter().any(|k| k.eq_ignore_ascii_case(&role)) {
            continue;
        }
        w.execute(
            "INSERT INTO person_roles (person_id, role, position) VALUES (?1, ?2, ?3)",
            params![person_key, role, kept.len() as i64],
        )?;
        kept.push(role);
    }
    Ok(kept)
}

#[cfg(test)]
mod tests;
