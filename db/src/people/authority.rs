//! The people authority: the names a person is known by (in each script, transliteration
//! system and source, misspellings included), their roles, their identifiers in other
//! authorities, and their relationships to other people, read from both sides.
//!
//! Every change is a modification of the person in the provenance log, with the whole
//! [`PersonAuthority`] before and after, so a person's history shows it.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{get_with, key, names::Transliteration, Person, PersonRef, KIND};
use crate::{
    archive::{now, Archive, Writer},
    error::{Error, Result},
    ids,
    links::{self, LinkInput, LinkType},
    provenance::{self, EventType, Origin},
    records::{RecordKind, Target},
};

/// The script a name is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    /// Latin letters.
    Latin,
    /// Cyrillic letters.
    Cyrillic,
    /// Anything else (Hebrew, Georgian, Armenian...).
    Other,
}

impl Script {
    /// The stored and printed form.
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Latin => "latin",
            Script::Cyrillic => "cyrillic",
            Script::Other => "other",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "latin" => Script::Latin,
            "cyrillic" => Script::Cyrillic,
            _ => Script::Other,
        }
    }

    /// The script most of a name's letters are in.
    pub fn detect(name: &str) -> Script {
        let (mut latin, mut cyrillic, mut other) = (0, 0, 0);
        for c in name.chars().filter(|c| c.is_alphabetic()) {
            match c {
                'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
                    latin += 1
                }
                '\u{0400}'..='\u{052F}' => cyrillic += 1,
                _ => other += 1,
            }
        }
        if cyrillic > latin && cyrillic >= other {
            Script::Cyrillic
        } else if latin >= other {
            Script::Latin
        } else {
            Script::Other
        }
    }
}

impl std::str::FromStr for Script {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "latin" => Ok(Script::Latin),
            "cyrillic" => Ok(Script::Cyrillic),
            "other" => Ok(Script::Other),
            other => Err(Error::invalid(
                "script",
                format!("\"{other}\" is not a script; use latin, cyrillic or other"),
            )),
        }
    }
}

/// What a name variant is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum VariantKind {
    /// The preferred form in its script (the display name is the preferred form overall).
    Preferred,
    /// A romanisation in a given system (see the variant's `system`).
    Transliteration,
    /// The spelling a given source uses (see the variant's `source`).
    SourceSpelling,
    /// A misspelling met in a source, kept so that it finds the person.
    Misspelling,
    /// The name as written in the person's own language and script.
    Original,
}

impl VariantKind {
    /// The stored and printed form.
    pub fn as_str(self) -> &'static str {
        match self {
            VariantKind::Preferred => "preferred",
            VariantKind::Transliteration => "transliteration",
            VariantKind::SourceSpelling => "source_spelling",
            VariantKind::Misspelling => "misspelling",
            VariantKind::Original => "original",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "preferred" => VariantKind::Preferred,
            "transliteration" => VariantKind::Transliteration,
            "misspelling" => VariantKind::Misspelling,
            "original" => VariantKind::Original,
            _ => VariantKind::SourceSpelling,
        }
    }
}

impl std::str::FromStr for VariantKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().replace('-', "_").as_str() {
            "preferred" => Ok(VariantKind::Preferred),
            "transliteration" => Ok(VariantKind::Transliteration),
            "source_spelling" | "source" => Ok(VariantKind::SourceSpelling),
            "misspelling" => Ok(VariantKind::Misspelling),
            "original" => Ok(VariantKind::Original),
            other => Err(Error::invalid(
                "kind",
                format!("\"{other}\" is not a kind of name; use preferred, transliteration, source_spelling, misspelling or original"),
            )),
        }
    }
}

fn system_str(system: Transliteration) -> &'static str {
    match system {
        Transliteration::AlaLc => "ala_lc",
        Transliteration::BgnPcgn => "bgn_pcgn",
        Transliteration::Iso9 => "iso9",
        Transliteration::Scholarly => "scholarly",
        Transliteration::German => "german",
    }
}

fn parse_system(s: &str) -> Option<Transliteration> {
    Some(match s {
        "ala_lc" => Transliteration::AlaLc,
        "bgn_pcgn" => Transliteration::BgnPcgn,
        "iso9" => Transliteration::Iso9,
        "scholarly" => Transliteration::Scholarly,
        "german" => Transliteration::German,
        _ => return None,
    })
}

/// Reads a transliteration system as the CLI and forms write it ("ala-lc", "bgn_pcgn", "iso9").
pub fn system_from_str(s: &str) -> Result<Transliteration> {
    parse_system(&s.trim().to_lowercase().replace(['-', '/'], "_")).ok_or_else(|| {
        Error::invalid("system", format!("\"{s}\" is not a transliteration system; use ala_lc, bgn_pcgn, iso9, scholarly or german"))
    })
}

/// One name a person is known by, besides the display name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct NameVariant {
    /// UUIDv7.
    pub id: String,
    /// The name as written ("Серебряков", "Serebrjakow", "Serebrayakova").
    pub name: String,
    /// Its script.
    pub script: Script,
    /// What it is.
    pub kind: VariantKind,
    /// For transliterations, the system.
    pub system: Option<Transliteration>,
    /// Where this spelling is found, for source spellings and misspellings.
    pub source: String,
}

/// What the curator enters for a name variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct NameVariantInput {
    /// The name; must not be blank.
    pub name: String,
    /// Its script; detected from the letters when not given.
    #[serde(default)]
    pub script: Option<Script>,
    /// What it is.
    pub kind: VariantKind,
    /// For transliterations, the system.
    #[serde(default)]
    pub system: Option<Transliteration>,
    /// Where the spelling is found.
    #[serde(default)]
    pub source: String,
}

impl NameVariantInput {
    /// A variant of `kind` with its script detected and no system or source.
    pub fn new(name: &str, kind: VariantKind) -> Self {
        NameVariantInput {
            name: name.to_owned(),
            script: None,
            kind,
            system: None,
            source: String::new(),
        }
    }
}

/// An authority a person is identified in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum IdScheme {
    /// A Wikidata item ("Q33391").
    Wikidata,
    /// A VIAF cluster ("49225563").
    Viaf,
    /// Any other authority, named by the identifier's label.
    Other,
}

impl IdScheme {
    /// The stored and printed form.
    pub fn as_str(self) -> &'static str {
        match self {
            IdScheme::Wikidata => "wikidata",
            IdScheme::Viaf => "viaf",
            IdScheme::Other => "other",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "wikidata" => IdScheme::Wikidata,
            "viaf" => IdScheme::Viaf,
            _ => IdScheme::Other,
        }
    }
}

impl std::str::FromStr for IdScheme {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "wikidata" => Ok(IdScheme::Wikidata),
            "viaf" => Ok(IdScheme::Viaf),
            "other" => Ok(IdScheme::Other),
            other => Err(Error::invalid(
                "scheme",
                format!("\"{other}\" is not an identifier scheme; use wikidata, viaf or other"),
            )),
        }
    }
}

/// A person's identifier in another authority. Kept as text; the archive never fetches it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ExternalId {
    /// The authority.
    pub scheme: IdScheme,
    /// The identifier ("Q33391"); a Wikidata or VIAF address is reduced to it.
    pub value: String,
    /// For other schemes, which authority ("GND", "ISNI").
    #[serde(default)]
    pub label: String,
}

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
    let mut stmt =
        conn.prepare_cached("SELECT scheme, value, label FROM person_identifiers WHERE person_id = ?1 ORDER BY scheme, value")?;
    let identifiers = stmt
        .query_map([key], |r| {
            Ok(ExternalId {
                scheme: IdScheme::parse(&r.get::<_, String>(0)?),
                value: r.get(1)?,
                label: r.get(2)?,
            })
        })?
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
        identifiers,
        merged_ids,
    })
}

fn variants_with(conn: &rusqlite::Connection, person_key: i64) -> Result<Vec<NameVariant>> {
    let mut stmt = conn.prepare_cached(
        "SELECT uuid, name, script, kind, system, source FROM person_name_variants WHERE person_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt.query_map([person_key], |r| {
        Ok(NameVariant {
            id: r.get(0)?,
            name: r.get(1)?,
            script: Script::parse(&r.get::<_, String>(2)?),
            kind: VariantKind::parse(&r.get::<_, String>(3)?),
            system: r
                .get::<_, Option<String>>(4)?
                .as_deref()
                .and_then(parse_system),
            source: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A person's other names, in order.
pub fn variants(archive: &Archive, person_id: &str) -> Result<Vec<NameVariant>> {
    variants_with(archive.conn(), key(archive.conn(), person_id)?)
}

fn relations_with(conn: &rusqlite::Connection, person_key: i64) -> Result<Vec<Relation>> {
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

struct ValidVariant {
    name: String,
    script: Script,
    kind: VariantKind,
    system: Option<Transliteration>,
    source: String,
}

fn validate_variant(input: &NameVariantInput) -> Result<ValidVariant> {
    let name = input.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::invalid("name", "a name variant cannot be blank"));
    }
    if input.system.is_some() && input.kind != VariantKind::Transliteration {
        return Err(Error::invalid("system", "only a transliteration has a system; choose the kind transliteration or leave the system out"));
    }
    Ok(ValidVariant {
        script: input.script.unwrap_or_else(|| Script::detect(&name)),
        name,
        kind: input.kind,
        system: input.system,
        source: input.source.trim().to_owned(),
    })
}

/// Adds a name variant to a person. The display name and names already recorded are refused.
pub fn add_variant(
    archive: &mut Archive,
    person_id: &str,
    input: &NameVariantInput,
    origin: Origin,
) -> Result<NameVariant> {
    archive.write(|w| {
        modify(w, person_id, origin, |person_key| {
            insert_variant(w, person_key, input)
        })
    })
}

/// Inserts a variant without logging; the caller logs the change.
pub(crate) fn insert_variant(
    w: &Writer<'_>,
    person_key: i64,
    input: &NameVariantInput,
) -> Result<NameVariant> {
    let v = validate_variant(input)?;
    let display: String = w.query_row(
        "SELECT display_name FROM people WHERE id = ?1",
        [person_key],
        |r| r.get(0),
    )?;
    let taken: bool = w.query_row(
        "SELECT count(*) > 0 FROM person_name_variants WHERE person_id = ?1 AND name = ?2",
        params![person_key, v.name],
        |r| r.get(0),
    )?;
    if taken || display == v.name {
        return Err(Error::invalid(
            "name",
            format!("{display} already has the name \"{}\"", v.name),
        ));
    }
    let id = ids::new_id();
    w.execute(
        "INSERT INTO person_name_variants (uuid, person_id, name, script, kind, system, source, position, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,
                 (SELECT coalesce(max(position) + 1, 0) FROM person_name_variants WHERE person_id = ?2), ?8)",
        params![id, person_key, v.name, v.script.as_str(), v.kind.as_str(), v.system.map(system_str), v.source, now(w)?],
    )?;
    Ok(NameVariant {
        id,
        name: v.name,
        script: v.script,
        kind: v.kind,
        system: v.system,
        source: v.source,
    })
}

fn variant_owner(conn: &rusqlite::Connection, variant_id: &str) -> Result<String> {
    let id = ids::parse("name variant", variant_id)?;
    conn.query_row(
        "SELECT p.uuid FROM person_name_variants v JOIN people p ON p.id = v.person_id WHERE v.uuid = ?1",
        [&id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(Error::NotFound { kind: "name variant", id })
}

/// Changes a name variant.
pub fn update_variant(
    archive: &mut Archive,
    variant_id: &str,
    input: &NameVariantInput,
    origin: Origin,
) -> Result<NameVariant> {
    archive.write(|w| {
        let person_id = variant_owner(w, variant_id)?;
        modify(w, &person_id, origin, |_| {
            let v = validate_variant(input)?;
            let id = ids::parse("name variant", variant_id)?;
            w.execute(
                "UPDATE person_name_variants SET name = ?2, script = ?3, kind = ?4, system = ?5, source = ?6 WHERE uuid = ?1",
                params![id, v.name, v.script.as_str(), v.kind.as_str(), v.system.map(system_str), v.source],
            )
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
                    Error::invalid("name", format!("the person already has the name \"{}\"", v.name))
                }
                other => other.into(),
            })?;
            Ok(NameVariant { id, name: v.name, script: v.script, kind: v.kind, system: v.system, source: v.source })
        })
    })
}

/// Removes a name variant.
pub fn remove_variant(archive: &mut Archive, variant_id: &str, origin: Origin) -> Result<()> {
    archive.write(|w| {
        let person_id = variant_owner(w, variant_id)?;
        modify(w, &person_id, origin, |_| {
            w.execute(
                "DELETE FROM person_name_variants WHERE uuid = ?1",
                [ids::parse("name variant", variant_id)?],
            )?;
            Ok(())
        })
    })
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

/// Checks an identifier and reduces a Wikidata or VIAF address to the identifier itself.
pub fn normalize_identifier(id: &ExternalId) -> Result<ExternalId> {
    let value = id.value.trim();
    let last = value
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(value);
    let value = match id.scheme {
        IdScheme::Wikidata => {
            let q = last.to_uppercase();
            let ok = q.len() > 1
                && q.starts_with('Q')
                && q[1..].chars().all(|c| c.is_ascii_digit())
                && !q[1..].starts_with('0');
            if !ok {
                return Err(Error::invalid("wikidata", format!("\"{value}\" is not a Wikidata item; write it as Q followed by digits, e.g. Q33391")));
            }
            q
        }
        IdScheme::Viaf => {
            if last.is_empty() || !last.chars().all(|c| c.is_ascii_digit()) {
                return Err(Error::invalid(
                    "viaf",
                    format!(
                        "\"{value}\" is not a VIAF identifier; write its digits, e.g. 49225563"
                    ),
                ));
            }
            last.to_owned()
        }
        IdScheme::Other => {
            if value.is_empty() {
                return Err(Error::invalid(
                    "identifier",
                    "an identifier cannot be blank",
                ));
            }
            value.to_owned()
        }
    };
    Ok(ExternalId {
        scheme: id.scheme,
        value,
        label: id.label.trim().to_owned(),
    })
}

/// Replaces a person's identifiers in other authorities.
pub fn set_identifiers(
    archive: &mut Archive,
    person_id: &str,
    identifiers: &[ExternalId],
    origin: Origin,
) -> Result<Vec<ExternalId>> {
    let identifiers = identifiers
        .iter()
        .map(normalize_identifier)
        .collect::<Result<Vec<_>>>()?;
    archive.write(|w| {
        modify(w, person_id, origin, |person_key| {
            w.execute("DELETE FROM person_identifiers WHERE person_id = ?1", [person_key])?;
            for id in &identifiers {
                w.execute(
                    "INSERT OR IGNORE INTO person_identifiers (person_id, scheme, value, label) VALUES (?1, ?2, ?3, ?4)",
                    params![person_key, id.scheme.as_str(), id.value, id.label],
                )?;
            }
            Ok(identifiers.clone())
        })
    })
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

#[cfg(test)]
mod tests;
