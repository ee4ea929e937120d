//! A person's identifiers in other authorities (Wikidata, VIAF), kept as text: the archive
//! never fetches them.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::modify;
use crate::{
    archive::Archive,
    error::{Error, Result},
    provenance::Origin,
};

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

/// A person's identifiers, by scheme and value.
pub(super) fn identifiers_with(
    conn: &rusqlite::Connection,
    person_key: i64,
) -> Result<Vec<ExternalId>> {
    let mut stmt =
        conn.prepare_cached("SELECT scheme, value, label FROM person_identifiers WHERE person_id = ?1 ORDER BY scheme, value")?;
    let identifiers = stmt
        .query_map([person_key], |r| {
            Ok(ExternalId {
                scheme: IdScheme::parse(&r.get::<_, String>(0)?),
                value: r.get(1)?,
                label: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(identifiers)
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
