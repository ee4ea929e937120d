//! Accessions: how material came into the archive (donor, date, method) and the documents kept
//! with it, such as the deed of gift, stored as files with their SHA-256 so every audit can
//! tell whether they are still as received.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::{
    archive::{now, Archive, Writer},
    dates,
    error::{Error, Result},
    ids, people,
    provenance::{self, EventType, Origin},
    records::{self, RecordRef, Target},
    store,
};

const KIND: &str = "accession";
const DOCUMENT_KIND: &str = "document";

/// How material was acquired.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum AccessionMethod {
    /// Given, usually under a deed of gift.
    #[default]
    Gift,
    /// Bought.
    Purchase,
    /// Deposited, the depositor keeping ownership.
    Deposit,
    /// Transferred from another institution.
    Transfer,
    /// Lent for a time.
    Loan,
    /// Recorded by the project itself.
    Recorded,
    /// Otherwise.
    Other,
}

impl AccessionMethod {
    const ALL: [AccessionMethod; 7] = [
        AccessionMethod::Gift,
        AccessionMethod::Purchase,
        AccessionMethod::Deposit,
        AccessionMethod::Transfer,
        AccessionMethod::Loan,
        AccessionMethod::Recorded,
        AccessionMethod::Other,
    ];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessionMethod::Gift => "gift",
            AccessionMethod::Purchase => "purchase",
            AccessionMethod::Deposit => "deposit",
            AccessionMethod::Transfer => "transfer",
            AccessionMethod::Loan => "loan",
            AccessionMethod::Recorded => "recorded",
            AccessionMethod::Other => "other",
        }
    }
}

impl std::str::FromStr for AccessionMethod {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let key = s.trim().to_lowercase();
        AccessionMethod::ALL.into_iter().find(|m| m.as_str() == key).ok_or_else(|| {
            Error::invalid("method", format!("\"{s}\" is not a method; use gift, purchase, deposit, transfer, loan, recorded or other"))
        })
    }
}

/// What a kept document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A deed of gift.
    DeedOfGift,
    /// A signed release form.
    ReleaseForm,
    /// Another document.
    Other,
}

impl DocumentKind {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::DeedOfGift => "deed_of_gift",
            DocumentKind::ReleaseForm => "release_form",
            DocumentKind::Other => "other",
        }
    }

    fn parse(s: &str) -> DocumentKind {
        match s {
            "deed_of_gift" => DocumentKind::DeedOfGift,
            "release_form" => DocumentKind::ReleaseForm,
            _ => DocumentKind::Other,
        }
    }
}

/// A document kept in the archive's store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Document {
    /// UUIDv7.
    pub id: String,
    /// What it is.
    pub kind: DocumentKind,
    /// The file's name when it was added.
    pub original_name: String,
    /// Where it is kept, relative to the archive's folder.
    pub path: String,
    /// Its SHA-256 when it was added.
    pub sha256: String,
    /// Its size in bytes (a float, as IPC has no 64-bit integers).
    pub size_bytes: f64,
    /// When it was added.
    pub created_at: String,
}

/// An accession.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Accession {
    /// UUIDv7.
    pub id: String,
    /// The curator's accession number ("2024.003").
    pub identifier: String,
    /// Who gave or sold it, as they are to be credited.
    pub donor: String,
    /// The donor as a person of the archive, when they are one.
    pub donor_person_id: Option<String>,
    /// When it was received (EDTF).
    pub received: Option<String>,
    /// How.
    pub method: AccessionMethod,
    /// The deed of gift or other instrument, kept with its hash.
    pub deed: Option<Document>,
    /// The records that came in with it.
    pub records: Vec<RecordRef>,
    /// A note.
    pub note: String,
    /// When the record was made (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// What the curator edits of an accession.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct AccessionInput {
    /// Accession number.
    #[serde(default)]
    pub identifier: String,
    /// Donor; must not be blank.
    pub donor: String,
    /// The donor as a person of the archive.
    #[serde(default)]
    pub donor_person_id: Option<String>,
    /// Date received (EDTF).
    #[serde(default)]
    pub received: Option<String>,
    /// Method.
    #[serde(default)]
    pub method: AccessionMethod,
    /// The records that came in with it.
    #[serde(default)]
    pub records: Vec<RecordRef>,
    /// A note.
    #[serde(default)]
    pub note: String,
}

const DOCUMENT_SELECT: &str =
    "SELECT uuid, kind, original_name, path, sha256, size_bytes, created_at FROM documents";

fn document_from_row(r: &Row<'_>) -> rusqlite::Result<Document> {
    Ok(Document {
        id: r.get(0)?,
        kind: DocumentKind::parse(&r.get::<_, String>(1)?),
        original_name: r.get(2)?,
        path: r.get(3)?,
        sha256: r.get(4)?,
        size_bytes: r.get::<_, i64>(5)? as f64,
        created_at: r.get(6)?,
    })
}

/// One kept document.
pub fn document(archive: &Archive, id: &str) -> Result<Document> {
    document_with(archive.conn(), id)
}

fn document_with(conn: &Connection, id: &str) -> Result<Document> {
    let id = ids::parse(DOCUMENT_KIND, id)?;
    conn.query_row(
        &format!("{DOCUMENT_SELECT} WHERE uuid = ?1"),
        [&id],
        document_from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        kind: DOCUMENT_KIND,
        id,
    })
}

pub(crate) fn document_key(conn: &Connection, id: &str) -> Result<i64> {
    let id = ids::parse(DOCUMENT_KIND, id)?;
    conn.query_row("SELECT id FROM documents WHERE uuid = ?1", [&id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or(Error::NotFound {
        kind: DOCUMENT_KIND,
        id,
    })
}

/// Keeps a file in the archive's store as a document (a deed, a signed release form) and logs
/// its ingestion with its hash.
pub fn add_document(
    archive: &mut Archive,
    file: &Path,
    kind: DocumentKind,
    origin: Origin,
) -> Result<Document> {
    let stored = store::put(archive, file)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    archive.write(|w| insert_document(w, &stored, &name, kind, origin))
}

fn insert_document(
    w: &Writer<'_>,
    stored: &store::StoredFile,
    name: &str,
    kind: DocumentKind,
    origin: Origin,
) -> Result<Document> {
    let id = ids::new_id();
    w.execute(
        "INSERT INTO documents (uuid, kind, path, original_name, sha256, size_bytes, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, kind.as_str(), stored.path, name, stored.sha256, stored.size_bytes as i64, now(w)?],
    )?;
    let created = document_with(w, &id)?;
    provenance::record(
        w,
        EventType::Ingestion,
        DOCUMENT_KIND,
        &id,
        origin,
        None::<&()>,
        Some(&created),
    )?;
    Ok(created)
}

const SELECT: &str = "SELECT a.id, a.uuid, a.identifier, a.donor, p.uuid, a.received, a.method, d.uuid, a.note, a.created_at, a.updated_at
    FROM accessions a LEFT JOIN people p ON p.id = a.donor_person_id LEFT JOIN documents d ON d.id = a.deed_id";

fn get_with(conn: &Connection, id: &str) -> Result<Accession> {
    let id = ids::parse(KIND, id)?;
    let row = conn
        .query_row(&format!("{SELECT} WHERE a.uuid = ?1"), [&id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(7)?,
                Accession {
                    id: r.get(1)?,
                    identifier: r.get(2)?,
                    donor: r.get(3)?,
                    donor_person_id: r.get(4)?,
                    received: r.get(5)?,
                    method: r.get::<_, String>(6)?.parse().unwrap_or_default(),
                    deed: None,
                    records: Vec::new(),
                    note: r.get(8)?,
                    created_at: r.get(9)?,
                    updated_at: r.get(10)?,
                },
            ))
        })
        .optional()?
        .ok_or(Error::NotFound { kind: KIND, id })?;
    let (key, deed, mut accession) = row;
    accession.deed = deed.map(|d| document_with(conn, &d)).transpose()?;
    let mut stmt = conn.prepare("SELECT record_kind, record_uuid FROM accession_records WHERE accession_id = ?1 ORDER BY position")?;
    accession.records = stmt
        .query_map([key], |r| {
            let kind: String = r.get(0)?;
            Ok((kind, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter_map(|(kind, id)| kind.parse().ok().map(|k| RecordRef::new(k, id)))
        .collect();
    Ok(accession)
}

/// One accession.
pub fn get(archive: &Archive, id: &str) -> Result<Accession> {
    get_with(archive.conn(), id)
}

/// Every accession, newest first.
pub fn list(archive: &Archive) -> Result<Vec<Accession>> {
    let mut stmt = archive
        .conn()
        .prepare("SELECT uuid FROM accessions ORDER BY id DESC")?;
    let found: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    found
        .iter()
        .map(|id| get_with(archive.conn(), id))
        .collect()
}

/// The accessions a record came in with.
pub fn of_record(archive: &Archive, record_id: &str) -> Result<Vec<Accession>> {
    let id = ids::parse("record", record_id)?;
    let mut stmt = archive.conn().prepare(
        "SELECT DISTINCT a.uuid FROM accession_records r JOIN accessions a ON a.id = r.accession_id WHERE r.record_uuid = ?1 ORDER BY a.id",
    )?;
    let found: Vec<String> = stmt
        .query_map([&id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    found
        .iter()
        .map(|id| get_with(archive.conn(), id))
        .collect()
}

struct Valid {
    input: AccessionInput,
    donor_key: Option<i64>,
}

fn validate(conn: &Connection, input: &AccessionInput) -> Result<Valid> {
    let donor = input.donor.split_whitespace().collect::<Vec<_>>().join(" ");
    if donor.is_empty() {
        return Err(Error::invalid(
            "donor",
            "an accession needs a donor (or the project, for its own recordings)",
        ));
    }
    let donor_key = input
        .donor_person_id
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .map(|p| people::key(conn, p))
        .transpose()?;
    let mut records = Vec::new();
    for r in &input.records {
        if let Target::Record(checked) = records::check(conn, &Target::Record(r.clone()))? {
            if !records.contains(&checked) {
                records.push(checked);
            }
        }
    }
    Ok(Valid {
        input: AccessionInput {
            identifier: input.identifier.trim().to_owned(),
            donor,
            donor_person_id: input
                .donor_person_id
                .clone()
                .filter(|p| !p.trim().is_empty()),
            received: dates::normalize("received", input.received.as_deref())?,
            method: input.method,
            records,
            note: input.note.trim().to_owned(),
        },
        donor_key,
    })
}

fn write_records(w: &Writer<'_>, key: i64, records: &[RecordRef]) -> Result<()> {
    w.execute(
        "DELETE FROM accession_records WHERE accession_id = ?1",
        [key],
    )?;
    for (position, r) in records.iter().enumerate() {
        w.execute(
            "INSERT INTO accession_records (accession_id, position, record_kind, record_uuid) VALUES (?1, ?2, ?3, ?4)",
            params![key, position as i64, r.kind.as_str(), r.id],
        )?;
    }
    Ok(())
}

/// Records an accession, with its deed of gift when a file is given.
pub fn create(
    archive: &mut Archive,
    input: &AccessionInput,
    deed: Option<&Path>,
    origin: Origin,
) -> Result<Accession> {
    let stored = deed.map(|d| store::put(archive, d)).transpose()?;
    archive.write(|w| {
        let v = validate(w, input)?;
        let deed_key = match (&stored, deed) {
            (Some(stored), Some(file)) => {
                let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let document = insert_document(w, stored, &name, DocumentKind::DeedOfGift, origin)?;
                Some(document_key(w, &document.id)?)
            }
            _ => None,
        };
        let id = ids::new_id();
        let i = &v.input;
        w.execute(
            "INSERT INTO accessions (uuid, identifier, donor, donor_person_id, received, method, deed_id, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![id, i.identifier, i.donor, v.donor_key, i.received, i.method.as_str(), deed_key, i.note, now(w)?],
        )?;
        write_records(w, w.last_insert_rowid(), &i.records)?;
        let created = get_with(w, &id)?;
        provenance::record(w, EventType::Ingestion, KIND, &id, origin, None::<&()>, Some(&created))?;
        Ok(created)
    })
}

/// Changes an accession's details and records. The deed stays.
pub fn update(
    archive: &mut Archive,
    id: &str,
    input: &AccessionInput,
    origin: Origin,
) -> Result<Accession> {
    archive.write(|w| {
        let before = get_with(w, id)?;
        let v = validate(w, input)?;
        let i = &v.input;
        let key: i64 = w.query_row("SELECT id FROM accessions WHERE uuid = ?1", [&before.id], |r| r.get(0))?;
        w.execute(
            "UPDATE accessions SET identifier = ?2, donor = ?3, donor_person_id = ?4, received = ?5, method = ?6, note = ?7 WHERE id = ?1",
            params![key, i.identifier, i.donor, v.donor_key, i.received, i.method.as_str(), i.note],
        )?;
        write_records(w, key, &i.records)?;
        let mut after = get_with(w, &before.id)?;
        if after == before {
            return Ok(before);
        }
        let at = now(w)?;
        w.execute("UPDATE accessions SET updated_at = ?2 WHERE id = ?1", params![key, at])?;
        after.updated_at = at;
        provenance::record(w, EventType::Modification, KIND, &after.id, origin, Some(&before), Some(&after))?;
        Ok(after)
    })
}

/// Deletes an accession. Its deed stays among the archive's files, and the log keeps the
/// accession as it was.
pub fn delete(archive: &mut Archive, id: &str, origin: Origin) -> Result<()> {
    archive.write(|w| {
        let before = get_with(w, id)?;
        w.execute("DELETE FROM accessions WHERE uuid = ?1", [&before.id])?;
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

/// Keeps a deed of gift with an accession, replacing the one it had (the old file stays in the
/// store, and the log says which it was).
pub fn attach_deed(
    archive: &mut Archive,
    id: &str,
    file: &Path,
    origin: Origin,
) -> Result<Accession> {
    get(archive, id)?;
    let stored = store::put(archive, file)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    archive.write(|w| {
        let before = get_with(w, id)?;
        let document = insert_document(w, &stored, &name, DocumentKind::DeedOfGift, origin)?;
        w.execute(
            "UPDATE accessions SET deed_id = ?2, updated_at = ?3 WHERE uuid = ?1",
            params![before.id, document_key(w, &document.id)?, now(w)?],
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

#[cfg(test)]
mod tests;
