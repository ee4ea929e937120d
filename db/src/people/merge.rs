//! Merging two records of one person, as when "Zorya Serebrayakova" was entered from a source
//! that misspelt her and later found to be Zorya Serebryakova.

use rusqlite::params;
use serde::Serialize;

use super::{
    authority::{authority_with, insert_variant, NameVariantInput, VariantKind},
    get_with, key, Person, KIND,
};
use crate::{
    archive::{now, Archive},
    error::{Error, Result},
    links,
    provenance::{self, EventType, Origin},
};

/// What the log says of a merge, on both records.
#[derive(Serialize)]
struct MergeRecord<'a> {
    kept: &'a str,
    removed: &'a str,
}

/// Merges `remove_id` into `keep_id`, in one transaction: every link to the removed person
/// moves to the kept one (interviews they narrate or conduct, transcript segments they speak,
/// photo regions, relationships, name variants, roles and identifiers); the removed person's
/// display name becomes a variant of the kept one; dates and note the kept record lacks are
/// taken from the removed one. The removed id then resolves to the kept person (see
/// [`super::resolve`]), and a merge event is logged on both ids.
pub fn merge(
    archive: &mut Archive,
    keep_id: &str,
    remove_id: &str,
    origin: Origin,
) -> Result<Person> {
    archive.write(|w| {
        let keep_before = authority_with(w, keep_id)?;
        let remove_before = authority_with(w, remove_id)?;
        let (keep_id, remove_id) = (keep_before.person.id.clone(), remove_before.person.id.clone());
        if keep_id == remove_id {
            return Err(Error::invalid("merge", "a person cannot be merged with themselves"));
        }
        let (keep, remove) = (key(w, &keep_id)?, key(w, &remove_id)?);

        // Interviews: a person already in the same role keeps their place.
        w.execute("UPDATE OR IGNORE interview_people SET person_id = ?1 WHERE person_id = ?2", params![keep, remove])?;
        w.execute("DELETE FROM interview_people WHERE person_id = ?1", [remove])?;
        w.execute("UPDATE segments SET speaker_id = ?1 WHERE speaker_id = ?2", params![keep, remove])?;
        w.execute("UPDATE regions SET person_id = ?1 WHERE person_id = ?2", params![keep, remove])?;

        // Names: the removed record's variants move unless the kept one has the name already;
        // its display name becomes a variant.
        w.execute(
            "UPDATE person_name_variants SET person_id = ?1,
                 position = position + (SELECT coalesce(max(position) + 1, 0) FROM person_name_variants WHERE person_id = ?1)
             WHERE person_id = ?2 AND name NOT IN (SELECT name FROM person_name_variants WHERE person_id = ?1)
               AND name <> (SELECT display_name FROM people WHERE id = ?1)",
            params![keep, remove],
        )?;
        w.execute("DELETE FROM person_name_variants WHERE person_id = ?1", [remove])?;
        let removed_name = &remove_before.person.display_name;
        let known = removed_name == &keep_before.person.display_name
            || keep_before.variants.iter().chain(&remove_before.variants).any(|v| &v.name == removed_name);
        if !known {
            let mut variant = NameVariantInput::new(removed_name, VariantKind::SourceSpelling);
            variant.source = format!("name of the record {remove_id}, merged into this one");
            insert_variant(w, keep, &variant)?;
        }
        w.execute(
            "INSERT OR IGNORE INTO person_roles (person_id, role, position)
             SELECT ?1, role, position + (SELECT coalesce(max(position) + 1, 0) FROM person_roles WHERE person_id = ?1)
             FROM person_roles WHERE person_id = ?2",
            params![keep, remove],
        )?;
        w.execute(
            "INSERT OR IGNORE INTO person_identifiers (person_id, scheme, value, label)
             SELECT ?1, scheme, value, label FROM person_identifiers WHERE person_id = ?2",
            params![keep, remove],
        )?;

        // What the kept record lacks.
        let k = &keep_before.person;
        let r = &remove_before.person;
        let note = match (k.note.is_empty(), r.note.is_empty()) {
            (true, _) => r.note.clone(),
            (false, true) => k.note.clone(),
            (false, false) if k.note.contains(&r.note) => k.note.clone(),
            (false, false) => format!("{}\n\n{}", k.note, r.note),
        };
        w.execute(
            "UPDATE people SET birth_date = coalesce(birth_date, ?2), death_date = coalesce(death_date, ?3), note = ?4, updated_at = ?5
             WHERE id = ?1",
            params![keep, r.birth_date, r.death_date, note, now(w)?],
        )?;

        // Old ids, the removed one and those merged into it before, now find the kept person.
        let at = now(w)?;
        w.execute("UPDATE merged_into SET person_id = ?1 WHERE person_id = ?2", params![keep, remove])?;
        // Tags, links, citations, restrictions, release forms, list entries and accessions name
        // records by UUID; point them at the kept person before deleting the other, whose
        // delete trigger would otherwise take them along. Where the kept person already has
        // the same one, the duplicate goes.
        for sql in [
            "UPDATE OR IGNORE taggings SET target_uuid = ?1 WHERE target_uuid = ?2",
            "UPDATE OR IGNORE links SET from_uuid = ?1 WHERE from_uuid = ?2",
            "UPDATE OR IGNORE links SET to_uuid = ?1 WHERE to_uuid = ?2",
            "UPDATE OR IGNORE citations SET target_uuid = ?1 WHERE target_uuid = ?2",
            "UPDATE OR IGNORE restrictions SET target_uuid = ?1 WHERE target_uuid = ?2",
            "UPDATE OR IGNORE release_forms SET subject_uuid = ?1 WHERE subject_uuid = ?2",
            "UPDATE OR IGNORE list_items SET record_uuid = ?1 WHERE record_uuid = ?2",
            "UPDATE OR IGNORE accession_records SET record_uuid = ?1 WHERE record_uuid = ?2",
        ] {
            w.execute(sql, params![keep_id, remove_id])?;
        }
        // Relationships are links too: one between the two people would now relate the person
        // to themselves, and one both had is kept once.
        links::tidy_relationships(w, &keep_id)?;
        w.execute("DELETE FROM people WHERE id = ?1", [remove])?;
        w.execute("INSERT INTO merged_into (old_uuid, person_id, merged_at) VALUES (?1, ?2, ?3)", params![remove_id, keep, at])?;

        let after = authority_with(w, &keep_id)?;
        let record = MergeRecord { kept: &keep_id, removed: &remove_id };
        provenance::record(w, EventType::Merge, KIND, &keep_id, origin, Some(&keep_before), Some(&after))?;
        provenance::record(w, EventType::Merge, KIND, &remove_id, origin, Some(&remove_before), Some(&record))?;
        get_with(w, &keep_id)
    })
}

#[cfg(test)]
mod tests;
