//! Typed links between records or spans: an interview mentions a person, a photo depicts one,
//! a passage cites a source, a person is another's parent. Each link is read from both ends,
//! so every record can show what links to it.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{
    archive::{now, Archive, Writer},
    error::{Error, Result},
    ids,
    provenance::{self, EventType, Origin},
    records::{self, RecordKind, Target},
};

const KIND: &str = "link";

/// What a link says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LinkType {
    /// The source record or passage speaks of the other.
    Mentions,
    /// The source shows the other (a photo, a region of one).
    Depicts,
    /// The source cites the other.
    Cites,
    /// Related in some other way.
    RelatedTo,
    /// A person is the other's parent.
    ParentOf,
    /// A person is the other's grandparent.
    GrandparentOf,
    /// Married or partners.
    SpouseOf,
    /// Brothers or sisters.
    SiblingOf,
    /// Otherwise related by family.
    RelativeOf,
    /// Friends.
    FriendOf,
    /// Worked or struggled together.
    ColleagueOf,
}

impl LinkType {
    /// Every type, for pickers.
    pub const ALL: [LinkType; 11] = [
        LinkType::Mentions,
        LinkType::Depicts,
        LinkType::Cites,
        LinkType::RelatedTo,
        LinkType::ParentOf,
        LinkType::GrandparentOf,
        LinkType::SpouseOf,
        LinkType::SiblingOf,
        LinkType::RelativeOf,
        LinkType::FriendOf,
        LinkType::ColleagueOf,
    ];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkType::Mentions => "mentions",
            LinkType::Depicts => "depicts",
            LinkType::Cites => "cites",
            LinkType::RelatedTo => "related_to",
            LinkType::ParentOf => "parent_of",
            LinkType::GrandparentOf => "grandparent_of",
            LinkType::SpouseOf => "spouse_of",
            LinkType::SiblingOf => "sibling_of",
            LinkType::RelativeOf => "relative_of",
            LinkType::FriendOf => "friend_of",
            LinkType::ColleagueOf => "colleague_of",
        }
    }

    /// How the link reads from its source: "mentions", "parent of".
    pub fn label(self) -> &'static str {
        match self {
            LinkType::Mentions => "mentions",
            LinkType::Depicts => "depicts",
            LinkType::Cites => "cites",
            LinkType::RelatedTo => "related to",
            LinkType::ParentOf => "parent of",
            LinkType::GrandparentOf => "grandparent of",
            LinkType::SpouseOf => "spouse of",
            LinkType::SiblingOf => "sibling of",
            LinkType::RelativeOf => "relative of",
            LinkType::FriendOf => "friend of",
            LinkType::ColleagueOf => "colleague of",
        }
    }

    /// How the link reads from its other end: "mentioned in", "child of".
    pub fn inverse_label(self) -> &'static str {
        match self {
            LinkType::Mentions => "mentioned in",
            LinkType::Depicts => "depicted in",
            LinkType::Cites => "cited by",
            LinkType::ParentOf => "child of",
            LinkType::GrandparentOf => "grandchild of",
            symmetric => symmetric.label(),
        }
    }

    /// Whether the link is one between people, which only people can have.
    pub fn is_relationship(self) -> bool {
        !matches!(
            self,
            LinkType::Mentions | LinkType::Depicts | LinkType::Cites | LinkType::RelatedTo
        )
    }

    /// Whether the link reads the same from both ends ("spouse of"), so A to B is B to A.
    pub fn is_symmetric(self) -> bool {
        self.label() == self.inverse_label()
    }

    fn parse(s: &str) -> Option<LinkType> {
        LinkType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl std::str::FromStr for LinkType {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let key = s.trim().to_lowercase().replace(['-', ' '], "_");
        LinkType::parse(&key).ok_or_else(|| {
            let all: Vec<&str> = LinkType::ALL.iter().map(|t| t.as_str()).collect();
            Error::invalid(
                "type",
                format!("\"{s}\" is not a link type; use one of {}", all.join(", ")),
            )
        })
    }
}

/// A link from one record or span to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Link {
    /// UUIDv7.
    pub id: String,
    /// What it says.
    pub link_type: LinkType,
    /// Where it starts.
    pub from: Target,
    /// Where it points.
    pub to: Target,
    /// A note on the link.
    pub note: String,
    /// When it was made (RFC 3339, UTC).
    pub created_at: String,
}

/// What the curator gives to link two records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct LinkInput {
    /// What it says.
    pub link_type: LinkType,
    /// Where it starts.
    pub from: Target,
    /// Where it points.
    pub to: Target,
    /// A note.
    #[serde(default)]
    pub note: String,
}

/// Which end of a link a record is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The record links out to the other.
    Outgoing,
    /// The other links to the record.
    Incoming,
}

/// A link as seen from one of its ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct LinkEnd {
    /// The link.
    pub link: Link,
    /// Which end the record is at.
    pub direction: Direction,
    /// How it reads from this end: "mentions", "mentioned in", "child of".
    pub label: String,
    /// The other end.
    pub other: Target,
    /// The other end's title.
    pub other_title: String,
}

const SELECT: &str =
    "SELECT uuid, link_type, from_kind, from_uuid, from_first_segment_uuid, from_last_segment_uuid,
        to_kind, to_uuid, to_first_segment_uuid, to_last_segment_uuid, note, created_at
    FROM links";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Link> {
    let link_type: String = r.get(1)?;
    Ok(Link {
        id: r.get(0)?,
        link_type: LinkType::parse(&link_type).unwrap_or(LinkType::RelatedTo),
        from: Target::from_row(r, 2)?,
        to: Target::from_row(r, 6)?,
        note: r.get(10)?,
        created_at: r.get(11)?,
    })
}

pub(crate) fn get_with(conn: &Connection, id: &str) -> Result<Link> {
    let id = ids::parse(KIND, id)?;
    conn.query_row(&format!("{SELECT} WHERE uuid = ?1"), [&id], from_row)
        .optional()?
        .ok_or(Error::NotFound { kind: KIND, id })
}

/// One link.
pub fn get(archive: &Archive, id: &str) -> Result<Link> {
    get_with(archive.conn(), id)
}

/// Links two records or spans. Linking the same two the same way again returns the first link.
pub fn create(archive: &mut Archive, input: &LinkInput, origin: Origin) -> Result<Link> {
    archive.write(|w| insert(w, input, origin))
}

pub(crate) fn insert(w: &Writer<'_>, input: &LinkInput, origin: Origin) -> Result<Link> {
    let from = records::check(w, &input.from)?;
    let to = records::check(w, &input.to)?;
    if from == to {
        return Err(Error::invalid("link", "a record cannot link to itself"));
    }
    if input.link_type.is_relationship() {
        let person = |t: &Target| matches!(t, Target::Record(r) if r.kind == RecordKind::Person);
        if !person(&from) || !person(&to) {
            return Err(Error::invalid(
                "type",
                format!("\"{}\" links two people", input.link_type.label()),
            ));
        }
    }
    let (fk, fu, ff, fl) = from.columns();
    let (tk, tu, tf, tl) = to.columns();
    if let Some(existing) = find(w, input.link_type, &from, &to)? {
        return Ok(existing);
    }
    let id = ids::new_id();
    w.execute(
        "INSERT INTO links (uuid, link_type, from_kind, from_uuid, from_first_segment_uuid, from_last_segment_uuid,
             to_kind, to_uuid, to_first_segment_uuid, to_last_segment_uuid, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![id, input.link_type.as_str(), fk, fu, ff, fl, tk, tu, tf, tl, input.note.trim(), now(w)?],
    )?;
    let created = get_with(w, &id)?;
    if created.link_type.is_relationship() {
        // A link between people is their relationship: both their pages change.
        w.changed(crate::people::KIND);
    }
    provenance::record_about(
        w,
        EventType::Creation,
        KIND,
        &id,
        Some(created.from.record_id()),
        origin,
        None::<&()>,
        Some(&created),
    )?;
    Ok(created)
}

/// The link of `link_type` from `from` to `to`, or either way for a symmetric type.
pub(crate) fn find(
    conn: &Connection,
    link_type: LinkType,
    from: &Target,
    to: &Target,
) -> Result<Option<Link>> {
    let one_way = |from: &Target, to: &Target| -> Result<Option<Link>> {
        let (_, fu, ff, fl) = from.columns();
        let (_, tu, tf, tl) = to.columns();
        Ok(conn
            .query_row(
                &format!(
                    "{SELECT} WHERE link_type = ?1 AND from_uuid = ?2 AND from_first_segment_uuid IS ?3 AND from_last_segment_uuid IS ?4
                     AND to_uuid = ?5 AND to_first_segment_uuid IS ?6 AND to_last_segment_uuid IS ?7"
                ),
                params![link_type.as_str(), fu, ff, fl, tu, tf, tl],
                from_row,
            )
            .optional()?)
    };
    match one_way(from, to)? {
        None if link_type.is_symmetric() => one_way(to, from),
        found => Ok(found),
    }
}

/// Removes a link.
pub fn delete(archive: &mut Archive, id: &str, origin: Origin) -> Result<()> {
    archive.write(|w| remove(w, id, origin))
}

pub(crate) fn remove(w: &Writer<'_>, id: &str, origin: Origin) -> Result<()> {
    let before = get_with(w, id)?;
    w.execute("DELETE FROM links WHERE uuid = ?1", [&before.id])?;
    if before.link_type.is_relationship() {
        w.changed(crate::people::KIND);
    }
    provenance::record_about(
        w,
        EventType::Deletion,
        KIND,
        &before.id,
        Some(before.from.record_id()),
        origin,
        Some(&before),
        None::<&()>,
    )
}

/// A person's relationships: the links between people that start or end at them.
pub(crate) fn relationships_of(conn: &Connection, person_id: &str) -> Result<Vec<Link>> {
    let types: Vec<String> = LinkType::ALL
        .iter()
        .filter(|t| t.is_relationship())
        .map(|t| format!("'{}'", t.as_str()))
        .collect();
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE (from_uuid = ?1 OR to_uuid = ?1) AND from_kind = 'person' AND to_kind = 'person'
         AND link_type IN ({}) ORDER BY id",
        types.join(", ")
    ))?;
    let links = stmt
        .query_map([person_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(links)
}

/// After two people became one: relationships between them go, and one the kept person now
/// has twice is kept once.
pub(crate) fn tidy_relationships(w: &Writer<'_>, person_id: &str) -> Result<()> {
    let mut seen: Vec<(LinkType, String, String)> = Vec::new();
    for link in relationships_of(w, person_id)? {
        let (from, to) = (
            link.from.record_id().to_owned(),
            link.to.record_id().to_owned(),
        );
        let twice = seen.iter().any(|(t, f, o)| {
            *t == link.link_type
                && ((*f == from && *o == to) || (t.is_symmetric() && *f == to && *o == from))
        });
        if from == to || twice {
            w.execute("DELETE FROM links WHERE uuid = ?1", [&link.id])?;
        } else {
            seen.push((link.link_type, from, to));
        }
    }
    Ok(())
}

/// Every link at a record, both ways ("what links here"), including links from or to spans of it
/// when it is a transcript.
pub fn of(archive: &Archive, record_id: &str) -> Result<Vec<LinkEnd>> {
    let conn = archive.conn();
    let id = ids::parse("record", record_id)?;
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE from_uuid = ?1 OR to_uuid = ?1 ORDER BY id"
    ))?;
    let links: Vec<Link> = stmt
        .query_map([&id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(links.len());
    for link in links {
        let (direction, label, other) = if link.from.record_id() == id {
            (Direction::Outgoing, link.link_type.label(), link.to.clone())
        } else {
            (
                Direction::Incoming,
                link.link_type.inverse_label(),
                link.from.clone(),
            )
        };
        let other_title = records::title(conn, &other)?;
        out.push(LinkEnd {
            link,
            direction,
            label: label.to_owned(),
            other,
            other_title,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
