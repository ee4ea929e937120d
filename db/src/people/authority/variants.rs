//! The names a person is known by besides the display name: in each script, transliteration
//! system and source, misspellings included.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::modify;
use crate::people::{key, names::Transliteration};
use crate::{
    archive::{now, Archive, Writer},
    error::{Error, Result},
    ids,
    provenance::Origin,
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

pub(super) fn variants_with(
    conn: &rusqlite::Connection,
    person_key: i64,
) -> Result<Vec<NameVariant>> {
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
