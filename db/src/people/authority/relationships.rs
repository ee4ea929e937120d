//! Relationships between people, kept as links between them and read from both sides.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use super::{authority_with, modify};
use crate::people::{get_with, key, PersonRef, KIND};
use crate::{
    archive::{Archive, Writer},
    error::{Error, Result},
    links::{self, LinkInput, LinkType},
    provenance::{self, EventType, Origin},
    records::{RecordKind, Target},
};

/// A relationship as seen from one of its two people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// This person is the other's parent.
    ParentOf,
    /// This person is the other's child.
    ChildOf,
    /// This person is the other's grandparent.
    GrandparentOf,
    /// This person is the other's grandchild.
    GrandchildOf,
    /// Married or partners.
    SpouseOf,
    /// Brothers or sisters.
    SiblingOf,
    /// Worked, fought or lived alongside.
    AssociateOf,
}

impl RelationKind {
    /// The printed form.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::ParentOf => "parent_of",
            RelationKind::ChildOf => "child_of",
            RelationKind::GrandparentOf => "grandparent_of",
            RelationKind::GrandchildOf => "grandchild_of",
            RelationKind::SpouseOf => "spouse_of",
            RelationKind::SiblingOf => "sibling_of",
            RelationKind::AssociateOf => "associate_of",
        }
    }

    /// The link that records it, and whether this person is where the link points (a child
    /// is where "parent of" points); `None` for symmetric kinds, which read the same both ways.
    fn as_link(self) -> (LinkType, Option<bool>) {
        match self {
            RelationKind::ParentOf => (LinkType::ParentOf, Some(false)),
            RelationKind::ChildOf => (LinkType::ParentOf, Some(true)),
            RelationKind::GrandparentOf => (LinkType::GrandparentOf, Some(false)),
            RelationKind::GrandchildOf => (LinkType::GrandparentOf, Some(true)),
            RelationKind::SpouseOf => (LinkType::SpouseOf, None),
            RelationKind::SiblingOf => (LinkType::SiblingOf, None),
            RelationKind::AssociateOf => (LinkType::ColleagueOf, None),
        }
    }

    /// What a relationship link says of the person at one end: `at_target` when they are where
    /// it points. `None` for the links between people the authority does not list (friends,
    /// other relatives): those show among the person's links.
    fn from_link(link_type: LinkType, at_target: bool) -> Option<Self> {
        Some(match (link_type, at_target) {
            (LinkType::ParentOf, false) => RelationKind::ParentOf,
            (LinkType::ParentOf, true) => RelationKind::ChildOf,
            (LinkType::GrandparentOf, false) => RelationKind::GrandparentOf,
            (LinkType::GrandparentOf, true) => RelationKind::GrandchildOf,
            (LinkType::SpouseOf, _) => RelationKind::SpouseOf,
            (LinkType::SiblingOf, _) => RelationKind::SiblingOf,
            (LinkType::ColleagueOf, _) => RelationKind::AssociateOf,
            _ => return None,
        })
    }
}

impl std::str::FromStr for RelationKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let kind = match s.trim().to_lowercase().replace('-', "_").as_str() {
            "parent_of" => RelationKind::ParentOf,
            "child_of" => RelationKind::ChildOf,
            "grandparent_of" => RelationKind::GrandparentOf,
            "grandchild_of" => RelationKind::GrandchildOf,
            "spouse_of" => RelationKind::SpouseOf,
            "sibling_of" => RelationKind::SiblingOf,
            "associate_of" => RelationKind::AssociateOf,
            other => {
                return Err(Error::invalid(
                    "relationship",
                    format!("\"{other}\" is not a relationship; use parent_of, child_of, grandparent_of, grandchild_of, spouse_of, sibling_of or associate_of"),
                ))
            }
        };
        Ok(kind)
    }
}

/// One of a person's relationships, from their side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Relation {
    /// The relationship's id (the same from both sides).
    pub id: String,
    /// What this person is to the other ("child_of" on the child's page).
    pub kind: RelationKind,
    /// The other person.
    pub other: PersonRef,
    /// A note on the relationship.
    pub note: String,
}

pub(super) fn relations_with(
    conn: &rusqlite::Connection,
    person_key: i64,
) -> Result<Vec<Relation>> {
    let person_id: String =
        conn.query_row("SELECT uuid FROM people WHERE id = ?1", [person_key], |r| {
            r.get(0)
        })?;
    let mut out = Vec::new();
    for link in links::relationships_of(conn, &person_id)? {
        let at_target = link.to.record_id() == person_id;
        let Some(kind) = RelationKind::from_link(link.link_type, at_target) else {
            continue;
        };
        let other_id = if at_target {
            link.from.record_id()
        } else {
            link.to.record_id()
        };
        let Some((id, name, sort_name)) = conn
            .query_row(
                "SELECT uuid, display_name, sort_name FROM people WHERE uuid = ?1",
                [other_id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                },
            )
            .optional()?
        else {
            continue;
        };
        out.push((
            sort_name.to_lowercase(),
            Relation {
                id: link.id,
                kind,
                other: PersonRef { id, name },
                note: link.note,
            },
        ));
    }
    out.sort_by(|(a_name, a), (b_name, b)| {
        a.kind
            .as_str()
            .cmp(b.kind.as_str())
            .then(a_name.cmp(b_name))
    });
    Ok(out.into_iter().map(|(_, r)| r).collect())
}

/// A person's relationships, from their side: the parent's page says "parent_of", the child's
/// "child_of".
pub fn relations(archive: &Archive, person_id: &str) -> Result<Vec<Relation>> {
    relations_with(archive.conn(), key(archive.conn(), person_id)?)
}

/// Records that `person_id` is `kind` of `other_id` ("parent_of", "child_of", "spouse_of"...).
/// Both people see it, each from their side. A relationship already recorded is refused.
pub fn relate(
    archive: &mut Archive,
    person_id: &str,
    kind: RelationKind,
    other_id: &str,
    note: &str,
    origin: Origin,
) -> Result<Relation> {
    archive.write(|w| {
        let other = get_with(w, other_id)?;
        let other_key = key(w, &other.id)?;
        let relation = modify(w, person_id, origin, |person_key| {
            let id = insert_relationship(w, person_key, kind, other_key, note, origin)?;
            Ok(Relation {
                id,
                kind,
                other: PersonRef {
                    id: other.id.clone(),
                    name: other.display_name.clone(),
                },
                note: note.trim().to_owned(),
            })
        })?;
        log_other_side(w, &other.id, origin)?;
        Ok(relation)
    })
}

/// The other person's page changed too: their history says so.
fn log_other_side(w: &Writer<'_>, other_id: &str, origin: Origin) -> Result<()> {
    let after = authority_with(w, other_id)?;
    provenance::record(
        w,
        EventType::Modification,
        KIND,
        other_id,
        origin,
        None::<&()>,
        Some(&after),
    )
}

/// Records a relationship as the link between the two people; returns its id.
pub(crate) fn insert_relationship(
    w: &Writer<'_>,
    person_key: i64,
    kind: RelationKind,
    other_key: i64,
    note: &str,
    origin: Origin,
) -> Result<String> {
    if person_key == other_key {
        return Err(Error::invalid(
            "relationship",
            "a person cannot be related to themselves",
        ));
    }
    let uuid_of = |k: i64| -> Result<String> {
        Ok(w.query_row("SELECT uuid FROM people WHERE id = ?1", [k], |r| r.get(0))?)
    };
    let (person, other) = (uuid_of(person_key)?, uuid_of(other_key)?);
    let (link_type, person_is_target) = kind.as_link();
    let (from, to) = if person_is_target == Some(true) {
        (other, person)
    } else {
        (person, other)
    };
    let (from, to) = (
        Target::record(RecordKind::Person, from),
        Target::record(RecordKind::Person, to),
    );
    if links::find(w, link_type, &from, &to)?.is_some() {
        return Err(Error::invalid(
            "relationship",
            "this relationship is recorded already",
        ));
    }
    let link = links::insert(
        w,
        &LinkInput {
            link_type,
            from,
            to,
            note: note.trim().to_owned(),
        },
        origin,
    )?;
    Ok(link.id)
}

/// Removes a relationship; both people's histories record it.
pub fn unrelate(archive: &mut Archive, relationship_id: &str, origin: Origin) -> Result<()> {
    archive.write(|w| {
        let link = links::get_with(w, relationship_id)?;
        let between_people = link.link_type.is_relationship()
            && matches!((&link.from, &link.to), (Target::Record(a), Target::Record(b)) if a.kind == RecordKind::Person && b.kind == RecordKind::Person);
        if !between_people {
            return Err(Error::NotFound {
                kind: "relationship",
                id: link.id,
            });
        }
        let (a, b) = (link.from.record_id().to_owned(), link.to.record_id().to_owned());
        modify(w, &a, origin, |_| links::remove(w, &link.id, origin))?;
        log_other_side(w, &b, origin)
    })
}
