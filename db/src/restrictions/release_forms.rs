//! Release forms: the terms a narrator signed, kept with the restrictions they set.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::{
    accession,
    archive::{now, Archive},
    dates,
    error::{Error, Result},
    ids,
    provenance::{self, EventType, Origin},
    records::{self, RecordKind, RecordRef, Target},
};

pub(super) const FORM_KIND: &str = "release_form";

/// Where a release form stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseStatus {
    /// No form: the material is restricted until one is signed.
    #[default]
    None,
    /// Sent, not yet back: restricted.
    Pending,
    /// Signed: its terms apply.
    Signed,
    /// Refused: closed.
    Declined,
}

impl ReleaseStatus {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            ReleaseStatus::None => "none",
            ReleaseStatus::Pending => "pending",
            ReleaseStatus::Signed => "signed",
            ReleaseStatus::Declined => "declined",
        }
    }

    fn parse(s: &str) -> ReleaseStatus {
        match s {
            "signed" => ReleaseStatus::Signed,
            "pending" => ReleaseStatus::Pending,
            "declined" => ReleaseStatus::Declined,
            _ => ReleaseStatus::None,
        }
    }
}

impl std::str::FromStr for ReleaseStatus {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "none" => Ok(ReleaseStatus::None),
            "pending" => Ok(ReleaseStatus::Pending),
            "signed" => Ok(ReleaseStatus::Signed),
            "declined" => Ok(ReleaseStatus::Declined),
            other => Err(Error::invalid(
                "status",
                format!(
                    "\"{other}\" is not a release status; use none, pending, signed or declined"
                ),
            )),
        }
    }
}

/// The terms a narrator signed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseTerms {
    /// Open now.
    #[default]
    Open,
    /// Closed until a day.
    ClosedUntilDate,
    /// Closed until the narrator's death.
    ClosedUntilDeath,
    /// The transcript closed, the recording open (until a day, when one is given).
    TranscriptClosedAudioOpen,
    /// The recording closed, the transcript open (until a day, when one is given).
    AudioClosedTranscriptOpen,
}

impl ReleaseTerms {
    const ALL: [ReleaseTerms; 5] = [
        ReleaseTerms::Open,
        ReleaseTerms::ClosedUntilDate,
        ReleaseTerms::ClosedUntilDeath,
        ReleaseTerms::TranscriptClosedAudioOpen,
        ReleaseTerms::AudioClosedTranscriptOpen,
    ];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            ReleaseTerms::Open => "open",
            ReleaseTerms::ClosedUntilDate => "closed_until_date",
            ReleaseTerms::ClosedUntilDeath => "closed_until_death",
            ReleaseTerms::TranscriptClosedAudioOpen => "transcript_closed_audio_open",
            ReleaseTerms::AudioClosedTranscriptOpen => "audio_closed_transcript_open",
        }
    }

    fn parse(s: &str) -> Option<ReleaseTerms> {
        ReleaseTerms::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl std::str::FromStr for ReleaseTerms {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let key = s.trim().to_lowercase().replace(['-', ' '], "_");
        ReleaseTerms::parse(&key).ok_or_else(|| {
            Error::invalid(
                "terms",
                format!("\"{s}\" is not a release term; use open, closed_until_date, closed_until_death, transcript_closed_audio_open or audio_closed_transcript_open"),
            )
        })
    }
}

/// A release form: what a narrator (or a person photographed) agreed to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ReleaseForm {
    /// UUIDv7.
    pub id: String,
    /// The interview it covers, or the person (then it covers every interview they narrate,
    /// and their own record).
    pub subject: RecordRef,
    /// Where it stands.
    pub status: ReleaseStatus,
    /// The day it was signed.
    pub signed_on: Option<String>,
    /// The terms.
    pub terms: ReleaseTerms,
    /// The day closed terms end, for `closed_until_date` (and optionally the partial terms).
    pub until: Option<String>,
    /// The narrator whose death lifts `closed_until_death`.
    pub narrator_id: Option<String>,
    /// The signed form, kept as a document.
    pub document_id: Option<String>,
    /// A note.
    pub note: String,
    /// When it was recorded (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// What the curator records of a release form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ReleaseFormInput {
    /// The interview or person it covers.
    pub subject: RecordRef,
    /// Where it stands.
    #[serde(default)]
    pub status: ReleaseStatus,
    /// The day it was signed (`YYYY-MM-DD`).
    #[serde(default)]
    pub signed_on: Option<String>,
    /// The terms.
    #[serde(default)]
    pub terms: ReleaseTerms,
    /// The day closed terms end (`YYYY-MM-DD`).
    #[serde(default)]
    pub until: Option<String>,
    /// The narrator whose death lifts the terms; for a person's form, that person, and for an
    /// interview with one narrator, that narrator, when not given.
    #[serde(default)]
    pub narrator_id: Option<String>,
    /// The signed form, a document already kept.
    #[serde(default)]
    pub document_id: Option<String>,
    /// A note.
    #[serde(default)]
    pub note: String,
}

// ---------------------------------------------------------------------------------------------
// Release forms

pub(super) const FORM_SELECT: &str = "SELECT f.uuid, f.subject_kind, f.subject_uuid, f.status, f.signed_on, f.terms, f.until, f.narrator_uuid,
        d.uuid, f.note, f.created_at, f.updated_at
    FROM release_forms f LEFT JOIN documents d ON d.id = f.document_id";

pub(super) fn form_from_row(r: &Row<'_>) -> rusqlite::Result<ReleaseForm> {
    let subject_kind: String = r.get(1)?;
    Ok(ReleaseForm {
        id: r.get(0)?,
        subject: RecordRef::new(
            if subject_kind == "person" {
                RecordKind::Person
            } else {
                RecordKind::Interview
            },
            r.get::<_, String>(2)?,
        ),
        status: ReleaseStatus::parse(&r.get::<_, String>(3)?),
        signed_on: r.get(4)?,
        // An unreadable term is read as the strictest, never as open.
        terms: ReleaseTerms::parse(&r.get::<_, String>(5)?)
            .unwrap_or(ReleaseTerms::ClosedUntilDeath),
        until: r.get(6)?,
        narrator_id: r.get(7)?,
        document_id: r.get(8)?,
        note: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

pub(super) fn form_with(conn: &Connection, id: &str) -> Result<ReleaseForm> {
    let id = ids::parse(FORM_KIND, id)?;
    conn.query_row(
        &format!("{FORM_SELECT} WHERE f.uuid = ?1"),
        [&id],
        form_from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        kind: FORM_KIND,
        id,
    })
}

/// One release form.
pub fn release_form(archive: &Archive, id: &str) -> Result<ReleaseForm> {
    form_with(archive.conn(), id)
}

/// The release forms of an interview or person.
pub fn release_forms_of(archive: &Archive, subject_id: &str) -> Result<Vec<ReleaseForm>> {
    let id = ids::parse("record", subject_id)?;
    let mut stmt = archive.conn().prepare(&format!(
        "{FORM_SELECT} WHERE f.subject_uuid = ?1 ORDER BY f.id"
    ))?;
    let rows = stmt.query_map([&id], form_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) struct ValidForm {
    subject: RecordRef,
    signed_on: Option<String>,
    until: Option<String>,
    narrator: Option<String>,
    document_key: Option<i64>,
}

pub(super) fn validate_form(conn: &Connection, input: &ReleaseFormInput) -> Result<ValidForm> {
    if !matches!(
        input.subject.kind,
        RecordKind::Interview | RecordKind::Person
    ) {
        return Err(Error::invalid(
            "subject",
            "a release form covers an interview or a person",
        ));
    }
    let Target::Record(subject) = records::check(conn, &Target::Record(input.subject.clone()))?
    else {
        unreachable!("a record checks as a record")
    };
    let signed_on = dates::day("signed on", input.signed_on.as_deref())?;
    let until = dates::day("until", input.until.as_deref())?;
    if input.status == ReleaseStatus::Signed
        && input.terms == ReleaseTerms::ClosedUntilDate
        && until.is_none()
    {
        return Err(Error::invalid(
            "until",
            "closed until a date: give the date, as YYYY-MM-DD",
        ));
    }
    let mut narrator = input
        .narrator_id
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| crate::people::get_with(conn, n).map(|p| p.id))
        .transpose()?;
    if narrator.is_none() && input.terms == ReleaseTerms::ClosedUntilDeath {
        narrator = match subject.kind {
            RecordKind::Person => Some(subject.id.clone()),
            _ => {
                let mut stmt = conn.prepare(
                    "SELECT p.uuid FROM interview_people ip JOIN people p ON p.id = ip.person_id JOIN interviews i ON i.id = ip.interview_id
                     WHERE i.uuid = ?1 AND ip.role = 'narrator'",
                )?;
                let narrators: Vec<String> = stmt
                    .query_map([&subject.id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                match narrators.as_slice() {
                    [one] => Some(one.clone()),
                    _ => {
                        return Err(Error::invalid(
                            "narrator",
                            "closed until the narrator's death: say which narrator",
                        ))
                    }
                }
            }
        };
    }
    let document_key = input
        .document_id
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .map(|d| accession::document_key(conn, d))
        .transpose()?;
    Ok(ValidForm {
        subject,
        signed_on,
        until,
        narrator,
        document_key,
    })
}

/// Records a release form for an interview or person.
pub fn add_release_form(
    archive: &mut Archive,
    input: &ReleaseFormInput,
    origin: Origin,
) -> Result<ReleaseForm> {
    archive.write(|w| {
        let v = validate_form(w, input)?;
        let id = ids::new_id();
        w.execute(
            "INSERT INTO release_forms (uuid, subject_kind, subject_uuid, status, signed_on, terms, until, narrator_uuid, document_id, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            params![
                id,
                v.subject.kind.as_str(),
                v.subject.id,
                input.status.as_str(),
                v.signed_on,
                input.terms.as_str(),
                v.until,
                v.narrator,
                v.document_key,
                input.note.trim(),
                now(w)?
            ],
        )?;
        let created = form_with(w, &id)?;
        provenance::record_about(w, EventType::Restriction, FORM_KIND, &id, Some(&created.subject.id), origin, None::<&()>, Some(&created))?;
        Ok(created)
    })
}

/// Changes a release form: a pending form comes back signed, terms are corrected.
pub fn update_release_form(
    archive: &mut Archive,
    id: &str,
    input: &ReleaseFormInput,
    origin: Origin,
) -> Result<ReleaseForm> {
    archive.write(|w| {
        let before = form_with(w, id)?;
        let v = validate_form(w, input)?;
        w.execute(
            "UPDATE release_forms SET subject_kind = ?2, subject_uuid = ?3, status = ?4, signed_on = ?5, terms = ?6, until = ?7,
                 narrator_uuid = ?8, document_id = ?9, note = ?10, updated_at = ?11 WHERE uuid = ?1",
            params![
                before.id,
                v.subject.kind.as_str(),
                v.subject.id,
                input.status.as_str(),
                v.signed_on,
                input.terms.as_str(),
                v.until,
                v.narrator,
                v.document_key,
                input.note.trim(),
                now(w)?
            ],
        )?;
        let after = form_with(w, &before.id)?;
        provenance::record_about(w, EventType::Restriction, FORM_KIND, &after.id, Some(&after.subject.id), origin, Some(&before), Some(&after))?;
        Ok(after)
    })
}

/// Removes a release form record.
pub fn delete_release_form(archive: &mut Archive, id: &str, origin: Origin) -> Result<()> {
    archive.write(|w| {
        let before = form_with(w, id)?;
        w.execute("DELETE FROM release_forms WHERE uuid = ?1", [&before.id])?;
        provenance::record_about(
            w,
            EventType::Restriction,
            FORM_KIND,
            &before.id,
            Some(&before.subject.id),
            origin,
            Some(&before),
            None::<&()>,
        )
    })
}
