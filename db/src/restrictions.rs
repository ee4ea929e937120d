//! Consent and restrictions: release forms, access levels, embargoes, sealed and redacted spans,
//! and the one computation of what access a record or span has on a given day.
//!
//! Two things restrict a record. The curator's restrictions: an access level (open, restricted,
//! closed) for the whole record or for its text or audio only, an embargo day on which it
//! lifts, and a reason; for spans of a transcript also a seal (text and times kept inside,
//! withheld outside) or a redaction (text replaced in public output). And release forms: the
//! terms a narrator signed set restrictions that lift by themselves on a day or once the
//! narrator's death is recorded and past. Restrictions pass down: a closed collection closes its
//! interviews, an interview's closed text closes its transcripts and index.
//!
//! The most restrictive rule wins, and nothing the curator sets opens what a release form
//! closes. [`crate::public`] reads only [`effective_access`]'s policy to decide what may leave.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::{
    accession,
    archive::{now, Archive, Writer},
    dates,
    error::{Error, Result},
    ids,
    provenance::{self, EventType, Origin},
    records::{self, RecordKind, RecordRef, SpanRef, Target},
};

const KIND: &str = "restriction";
const FORM_KIND: &str = "release_form";

/// Who may see a record.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum AccessLevel {
    /// Anyone: it may leave in public output.
    #[default]
    Open,
    /// Researchers by arrangement; never in public output.
    Restricted,
    /// No one outside the archive.
    Closed,
}

impl AccessLevel {
    /// The stored and printed form.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::Open => "open",
            AccessLevel::Restricted => "restricted",
            AccessLevel::Closed => "closed",
        }
    }

    fn parse(s: &str) -> AccessLevel {
        match s {
            "open" => AccessLevel::Open,
            "restricted" => AccessLevel::Restricted,
            // Anything unreadable is treated as closed: a damaged row must not open a record.
            _ => AccessLevel::Closed,
        }
    }
}

impl std::str::FromStr for AccessLevel {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "open" => Ok(AccessLevel::Open),
            "restricted" => Ok(AccessLevel::Restricted),
            "closed" => Ok(AccessLevel::Closed),
            other => Err(Error::invalid(
                "level",
                format!("\"{other}\" is not an access level; use open, restricted or closed"),
            )),
        }
    }
}

/// Which part of a record a restriction covers.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    /// The record itself and all it holds.
    #[default]
    All,
    /// Its text: transcripts, index, text of a span.
    Text,
    /// Its audio and video.
    Audio,
}

impl Layer {
    /// The stored and printed form.
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::All => "all",
            Layer::Text => "text",
            Layer::Audio => "audio",
        }
    }

    fn parse(s: &str) -> Layer {
        match s {
            "text" => Layer::Text,
            "audio" => Layer::Audio,
            _ => Layer::All,
        }
    }
}

impl std::str::FromStr for Layer {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "all" => Ok(Layer::All),
            "text" | "transcript" => Ok(Layer::Text),
            "audio" | "media" => Ok(Layer::Audio),
            other => Err(Error::invalid(
                "layer",
                format!("\"{other}\" is not a layer; use all, text or audio"),
            )),
        }
    }
}

/// What a restriction does.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum RestrictionAction {
    /// Sets an access level.
    #[default]
    Restrict,
    /// Withholds a span's text (and audio) from public output while it keeps its place and
    /// times; a sealed span is closed.
    Seal,
    /// Replaces a span's text in public output; the text is kept inside the archive.
    Redact,
}

impl RestrictionAction {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            RestrictionAction::Restrict => "restrict",
            RestrictionAction::Seal => "seal",
            RestrictionAction::Redact => "redact",
        }
    }

    fn parse(s: &str) -> RestrictionAction {
        match s {
            "redact" => RestrictionAction::Redact,
            "restrict" => RestrictionAction::Restrict,
            _ => RestrictionAction::Seal,
        }
    }
}

/// A restriction the curator set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Restriction {
    /// UUIDv7.
    pub id: String,
    /// What it restricts.
    pub target: Target,
    /// What it does.
    pub action: RestrictionAction,
    /// The level it sets (closed for seals, open for redactions).
    pub level: AccessLevel,
    /// Which part it covers.
    pub layer: Layer,
    /// The day it lifts (`YYYY-MM-DD`), or `None` for no end.
    pub until: Option<String>,
    /// Why.
    pub reason: String,
    /// For redactions, what public output shows instead of the text.
    pub replacement: Option<String>,
    /// When it was set (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// What the curator gives to restrict a record or span.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct RestrictionInput {
    /// What to restrict.
    pub target: Option<Target>,
    /// What to do.
    #[serde(default)]
    pub action: RestrictionAction,
    /// The level, for `restrict`.
    #[serde(default)]
    pub level: AccessLevel,
    /// Which part.
    #[serde(default)]
    pub layer: Layer,
    /// The day it lifts (`YYYY-MM-DD`).
    #[serde(default)]
    pub until: Option<String>,
    /// Why.
    #[serde(default)]
    pub reason: String,
    /// For redactions, the text to show instead ("[redacted]" when blank).
    #[serde(default)]
    pub replacement: Option<String>,
}

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

/// What kind of rule restricts a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// A restriction the curator set.
    Restriction,
    /// A seal on a span or transcript.
    Seal,
    /// A redaction of a span.
    Redaction,
    /// The terms or status of a release form.
    ReleaseForm,
}

/// One rule that restricts a record today, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct AccessReason {
    /// What kind of rule.
    pub rule: RuleKind,
    /// The level it sets.
    pub level: AccessLevel,
    /// The part it covers.
    pub layer: Layer,
    /// The day it lifts, when it lifts on a day.
    pub until: Option<String>,
    /// What it is, in words: "closed until the narrator's death (release form)".
    pub because: String,
    /// The restriction or release form.
    pub rule_id: String,
    /// Where the rule is set: the record itself, a record above it, or a span.
    pub set_on: Target,
}

/// The access a record or span has on a day.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Access {
    /// The record itself: whether it may be listed, with its title and description.
    pub level: AccessLevel,
    /// Its text: transcripts, index points, the words of a span.
    pub text: AccessLevel,
    /// Its audio and video.
    pub audio: AccessLevel,
    /// For a span, the text public output shows instead of its words, when it is redacted.
    pub redaction: Option<String>,
    /// The day everything that restricts the record lifts, when all of it lifts on a day.
    pub lifts_on: Option<String>,
    /// Every rule that restricts it today.
    pub reasons: Vec<AccessReason>,
}

impl Access {
    /// Whether the record may leave in public output.
    pub fn is_public(&self) -> bool {
        self.level == AccessLevel::Open
    }

    fn apply(&mut self, reason: AccessReason) {
        self.apply_as(reason, false);
    }

    /// Applies a rule; for records that are text (`record_is_text`: a transcript, an index point)
    /// a rule on the text restricts the record itself, but still not its audio.
    fn apply_as(&mut self, reason: AccessReason, record_is_text: bool) {
        if reason.level == AccessLevel::Open {
            return;
        }
        match reason.layer {
            Layer::All => {
                self.level = self.level.max(reason.level);
                self.text = self.text.max(reason.level);
                self.audio = self.audio.max(reason.level);
            }
            Layer::Text => {
                self.text = self.text.max(reason.level);
                if record_is_text {
                    self.level = self.level.max(reason.level);
                }
            }
            Layer::Audio => self.audio = self.audio.max(reason.level),
        }
        if !self.reasons.contains(&reason) {
            self.reasons.push(reason);
        }
    }

    /// Takes on what restricts a record above.
    fn inherit(&mut self, parent: &Access, record_is_text: bool) {
        for reason in &parent.reasons {
            self.apply_as(reason.clone(), record_is_text);
        }
    }

    /// Takes on what restricts a record this one belongs to as a whole (a photo of a closed
    /// interview); what closes only its text or sound is no part of a picture.
    fn inherit_record(&mut self, owner: &Access) {
        for reason in owner.reasons.iter().filter(|r| r.layer == Layer::All) {
            self.apply(reason.clone());
        }
    }

    fn finish(mut self) -> Self {
        let days: Option<Vec<&String>> = self.reasons.iter().map(|r| r.until.as_ref()).collect();
        self.lifts_on = days.and_then(|d| d.into_iter().max().cloned());
        self
    }
}

// ---------------------------------------------------------------------------------------------
// Restrictions

const SELECT: &str = "SELECT uuid, target_kind, target_uuid, first_segment_uuid, last_segment_uuid, action, level, layer, until,
        reason, replacement, created_at, updated_at
    FROM restrictions";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Restriction> {
    Ok(Restriction {
        id: r.get(0)?,
        target: Target::from_row(r, 1)?,
        action: RestrictionAction::parse(&r.get::<_, String>(5)?),
        level: AccessLevel::parse(&r.get::<_, String>(6)?),
        layer: Layer::parse(&r.get::<_, String>(7)?),
        until: r.get(8)?,
        reason: r.get(9)?,
        replacement: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

fn get_with(conn: &Connection, id: &str) -> Result<Restriction> {
    let id = ids::parse(KIND, id)?;
    conn.query_row(&format!("{SELECT} WHERE uuid = ?1"), [&id], from_row)
        .optional()?
        .ok_or(Error::NotFound { kind: KIND, id })
}

/// One restriction.
pub fn get(archive: &Archive, id: &str) -> Result<Restriction> {
    get_with(archive.conn(), id)
}

/// Every restriction, oldest first.
pub fn list(archive: &Archive) -> Result<Vec<Restriction>> {
    let mut stmt = archive.conn().prepare(&format!("{SELECT} ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The restrictions set on a record, and on spans of it when it is a transcript.
pub fn list_for(archive: &Archive, record_id: &str) -> Result<Vec<Restriction>> {
    let id = ids::parse("record", record_id)?;
    let mut stmt = archive
        .conn()
        .prepare(&format!("{SELECT} WHERE target_uuid = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([&id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Restricts, seals or redacts a record or span, or changes how it is restricted. A record or
/// span has one restriction of each action and layer: setting it again replaces it, and
/// restricting to `open` lifts it (then `None` is returned). The reason goes into the log.
pub fn restrict(
    archive: &mut Archive,
    input: &RestrictionInput,
    origin: Origin,
) -> Result<Option<Restriction>> {
    let reason = input.reason.trim().to_owned();
    archive.write_because(Some(&reason), |w| restrict_with(w, input, origin))
}

pub(crate) fn restrict_with(
    w: &Writer<'_>,
    input: &RestrictionInput,
    origin: Origin,
) -> Result<Option<Restriction>> {
    let target = input
        .target
        .as_ref()
        .ok_or_else(|| Error::invalid("record", "say what to restrict"))?;
    let target = records::check(w, target)?;
    let until = dates::day("until", input.until.as_deref())?;
    let is_span = matches!(target, Target::Span(_));
    let (level, replacement) = match input.action {
        RestrictionAction::Restrict => (input.level, None),
        RestrictionAction::Seal => {
            if !is_span && !matches!(&target, Target::Record(r) if r.kind == RecordKind::Transcript)
            {
                return Err(Error::invalid("seal", "a seal is for a span of a transcript or a whole transcript; restrict other records"));
            }
            (AccessLevel::Closed, None)
        }
        RestrictionAction::Redact => {
            if !is_span {
                return Err(Error::invalid("redact", "redaction replaces the text of a span of a transcript; choose its first and last segment"));
            }
            let text = input
                .replacement
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .unwrap_or("[redacted]");
            (AccessLevel::Open, Some(text.to_owned()))
        }
    };
    let (kind, uuid, first, last) = target.columns();
    let existing = w
        .query_row(
            &format!("{SELECT} WHERE target_uuid = ?1 AND first_segment_uuid IS ?2 AND last_segment_uuid IS ?3 AND action = ?4 AND layer = ?5"),
            params![uuid, first, last, input.action.as_str(), input.layer.as_str()],
            from_row,
        )
        .optional()?;
    // Restricting a photo to "open" is kept: it opens the photo explicitly, so that it no longer
    // takes on the restrictions of the interviews and collections it belongs to. Elsewhere
    // "open" lifts the restriction.
    let opens_explicitly = matches!(&target, Target::Record(r) if r.kind == RecordKind::Photo)
        && input.layer == Layer::All;
    let lifting = input.action == RestrictionAction::Restrict
        && level == AccessLevel::Open
        && !opens_explicitly;
    let reason = input.reason.trim();
    let at = now(w)?;
    match existing {
        Some(before) if lifting => {
            w.execute("DELETE FROM restrictions WHERE uuid = ?1", [&before.id])?;
            provenance::record_about(
                w,
                EventType::Restriction,
                KIND,
                &before.id,
                Some(target.record_id()),
                origin,
                Some(&before),
                None::<&()>,
            )?;
            Ok(None)
        }
        None if lifting => Ok(None),
        Some(before) => {
            w.execute(
                "UPDATE restrictions SET level = ?2, until = ?3, reason = ?4, replacement = ?5, updated_at = ?6 WHERE uuid = ?1",
                params![before.id, level.as_str(), until, reason, replacement, at],
            )?;
            let after = get_with(w, &before.id)?;
            if (
                &after.level,
                &after.until,
                &after.reason,
                &after.replacement,
            ) != (
                &before.level,
                &before.until,
                &before.reason,
                &before.replacement,
            ) {
                provenance::record_about(
                    w,
                    EventType::Restriction,
                    KIND,
                    &after.id,
                    Some(target.record_id()),
                    origin,
                    Some(&before),
                    Some(&after),
                )?;
            }
            Ok(Some(after))
        }
        None => {
            let id = ids::new_id();
            w.execute(
                "INSERT INTO restrictions (uuid, target_kind, target_uuid, first_segment_uuid, last_segment_uuid, action, level, layer, until,
                     reason, replacement, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                params![id, kind, uuid, first, last, input.action.as_str(), level.as_str(), input.layer.as_str(), until, reason, replacement, at],
            )?;
            let created = get_with(w, &id)?;
            provenance::record_about(
                w,
                EventType::Restriction,
                KIND,
                &id,
                Some(target.record_id()),
                origin,
                None::<&()>,
                Some(&created),
            )?;
            Ok(Some(created))
        }
    }
}

/// Removes a restriction, saying why.
pub fn lift(archive: &mut Archive, id: &str, reason: &str, origin: Origin) -> Result<()> {
    archive.write_because(Some(reason), |w| {
        let before = get_with(w, id)?;
        w.execute("DELETE FROM restrictions WHERE uuid = ?1", [&before.id])?;
        provenance::record_about(
            w,
            EventType::Restriction,
            KIND,
            &before.id,
            Some(before.target.record_id()),
            origin,
            Some(&before),
            None::<&()>,
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Release forms

const FORM_SELECT: &str = "SELECT f.uuid, f.subject_kind, f.subject_uuid, f.status, f.signed_on, f.terms, f.until, f.narrator_uuid,
        d.uuid, f.note, f.created_at, f.updated_at
    FROM release_forms f LEFT JOIN documents d ON d.id = f.document_id";

fn form_from_row(r: &Row<'_>) -> rusqlite::Result<ReleaseForm> {
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

fn form_with(conn: &Connection, id: &str) -> Result<ReleaseForm> {
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

struct ValidForm {
    subject: RecordRef,
    signed_on: Option<String>,
    until: Option<String>,
    narrator: Option<String>,
    document_key: Option<i64>,
}

fn validate_form(conn: &Connection, input: &ReleaseFormInput) -> Result<ValidForm> {
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

// ---------------------------------------------------------------------------------------------
// Effective access

/// The access a record or span has on `today` (`YYYY-MM-DD`): its own restrictions, those of
/// the records above it, and the release forms that cover it, of which the most restrictive
/// wins. Restrictions whose day has come, and release terms whose condition has passed, no
/// longer count.
pub fn effective_access(archive: &Archive, target: &Target, today: &str) -> Result<Access> {
    let today = dates::day("today", Some(today))?.unwrap_or_default();
    Policy::load(archive.conn(), &today)?.access(target)
}

/// A rule that restricts a record because of a record it belongs to or is part of, in words
/// for the Access tab: "closed: belongs to an embargoed interview "Smilga, 1989"".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct InheritedReason {
    /// The level it sets on the record.
    pub level: AccessLevel,
    /// The record it comes from.
    pub from: Target,
    /// That record's title.
    pub from_title: String,
    /// The sentence to show.
    pub line: String,
    /// The rule, in the words of [`AccessReason::because`].
    pub because: String,
}

/// What restricts a record on `today` only because of what it belongs to (its collection, the
/// interviews and collections a photo is in, a region's photo, a transcript's interview), each
/// in words. Empty when nothing is inherited.
pub fn inherited_reasons(
    archive: &Archive,
    target: &Target,
    today: &str,
) -> Result<Vec<InheritedReason>> {
    let access = effective_access(archive, target, today)?;
    let here = target.record_id().to_owned();
    let mut out = Vec::new();
    for reason in access.reasons {
        let Target::Record(from) = &reason.set_on else {
            continue;
        };
        if from.id == here || reason.level == AccessLevel::Open {
            continue;
        }
        let from_title = records::title(archive.conn(), &reason.set_on).unwrap_or_default();
        let kind = from.kind.as_str().replace('_', " ");
        let state = if reason.rule == RuleKind::ReleaseForm {
            format!("{} by its release form", reason.level.as_str())
        } else if reason.until.is_some() {
            "embargoed".to_owned()
        } else {
            reason.level.as_str().to_owned()
        };
        let article = |word: &str| {
            if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            }
        };
        let line = if reason.rule == RuleKind::ReleaseForm {
            format!(
                "{}: belongs to {} {kind} {state} \"{from_title}\"",
                reason.level.as_str(),
                article(&kind)
            )
        } else {
            format!(
                "{}: belongs to {} {state} {kind} \"{from_title}\"",
                reason.level.as_str(),
                article(&state)
            )
        };
        out.push(InheritedReason {
            level: reason.level,
            from: reason.set_on.clone(),
            from_title,
            line,
            because: reason.because,
        });
    }
    Ok(out)
}

/// A restriction on a span, with the positions it covers (`None` when an end is gone).
pub(crate) type SpanRule = (Restriction, Option<(u32, u32)>);

/// Everything that decides access, read once for a day. The public view asks it about every
/// record it may show; it is the one place where rules become access levels.
pub(crate) struct Policy<'a> {
    conn: &'a Connection,
    today: String,
    by_target: HashMap<String, Vec<Restriction>>,
    forms: HashMap<String, Vec<ReleaseForm>>,
    death_dates: HashMap<String, Option<String>>,
}

impl<'a> Policy<'a> {
    pub(crate) fn load(conn: &'a Connection, today: &str) -> Result<Self> {
        let mut by_target: HashMap<String, Vec<Restriction>> = HashMap::new();
        let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY id"))?;
        for r in stmt.query_map([], from_row)? {
            let r = r?;
            by_target
                .entry(r.target.record_id().to_owned())
                .or_default()
                .push(r);
        }
        let mut forms: HashMap<String, Vec<ReleaseForm>> = HashMap::new();
        let mut stmt = conn.prepare(&format!("{FORM_SELECT} ORDER BY f.id"))?;
        for f in stmt.query_map([], form_from_row)? {
            let f = f?;
            forms.entry(f.subject.id.clone()).or_default().push(f);
        }
        let mut stmt = conn.prepare("SELECT uuid, death_date FROM people")?;
        let death_dates = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Policy {
            conn,
            today: today.to_owned(),
            by_target,
            forms,
            death_dates,
        })
    }

    pub(crate) fn today(&self) -> &str {
        &self.today
    }

    /// Whether a rule with this end day still holds today.
    fn holds(&self, until: Option<&str>) -> bool {
        until.is_none_or(|u| self.today.as_str() < u)
    }

    fn restriction_reason(&self, r: &Restriction) -> AccessReason {
        let what = match (r.action, r.level) {
            (RestrictionAction::Seal, _) => "sealed".to_owned(),
            (RestrictionAction::Redact, _) => "redacted".to_owned(),
            (_, level) => format!("{} by the curator", level.as_str()),
        };
        let layer = match r.layer {
            Layer::All => "",
            Layer::Text => " (text)",
            Layer::Audio => " (audio)",
        };
        let until = r
            .until
            .as_deref()
            .map(|u| format!(" until {u}"))
            .unwrap_or_default();
        let why = if r.reason.is_empty() {
            String::new()
        } else {
            format!(": {}", r.reason)
        };
        AccessReason {
            rule: match r.action {
                RestrictionAction::Restrict => RuleKind::Restriction,
                RestrictionAction::Seal => RuleKind::Seal,
                RestrictionAction::Redact => RuleKind::Redaction,
            },
            level: if r.action == RestrictionAction::Seal {
                AccessLevel::Closed
            } else {
                r.level
            },
            layer: r.layer,
            until: r.until.clone(),
            because: format!("{what}{layer}{until}{why}"),
            rule_id: r.id.clone(),
            set_on: r.target.clone(),
        }
    }

    /// The curator's restrictions in force on a whole record (not on spans of it). For records
    /// that are text (a transcript, an index point), closing the text closes the record.
    fn own_rules(&self, record_id: &str, record_is_text: bool, access: &mut Access) {
        for r in self.by_target.get(record_id).into_iter().flatten() {
            if matches!(r.target, Target::Record(_))
                && r.action != RestrictionAction::Redact
                && self.holds(r.until.as_deref())
            {
                access.apply_as(self.restriction_reason(r), record_is_text);
            }
        }
    }

    /// The restrictions in force on spans of a transcript, with the positions they cover
    /// (`None` when an end is gone: then the span is taken to cover the whole transcript).
    pub(crate) fn span_rules(&self, transcript_id: &str) -> Result<Vec<SpanRule>> {
        let mut out = Vec::new();
        for r in self.by_target.get(transcript_id).into_iter().flatten() {
            if let Target::Span(span) = &r.target {
                if self.holds(r.until.as_deref()) {
                    out.push((r.clone(), records::span_positions(self.conn, span)?));
                }
            }
        }
        Ok(out)
    }

    /// What a release form restricts today, if anything.
    fn form_reason(&self, f: &ReleaseForm) -> Option<AccessReason> {
        let reason = |level, layer, until: Option<String>, because: String| AccessReason {
            rule: RuleKind::ReleaseForm,
            level,
            layer,
            until,
            because: format!("{because} (release form)"),
            rule_id: f.id.clone(),
            set_on: Target::Record(f.subject.clone()),
        };
        match f.status {
            ReleaseStatus::None => Some(reason(
                AccessLevel::Restricted,
                Layer::All,
                None,
                "no release signed".into(),
            )),
            ReleaseStatus::Pending => Some(reason(
                AccessLevel::Restricted,
                Layer::All,
                None,
                "release pending".into(),
            )),
            ReleaseStatus::Declined => Some(reason(
                AccessLevel::Closed,
                Layer::All,
                None,
                "release declined".into(),
            )),
            ReleaseStatus::Signed => match f.terms {
                ReleaseTerms::Open => None,
                ReleaseTerms::ClosedUntilDate => {
                    // The schema requires the day; a form without one stays closed.
                    let until = f.until.clone();
                    until.is_none_or(|u| self.today < u).then(|| {
                        reason(
                            AccessLevel::Closed,
                            Layer::All,
                            f.until.clone(),
                            format!(
                                "closed until {}",
                                f.until.as_deref().unwrap_or("a day not given")
                            ),
                        )
                    })
                }
                ReleaseTerms::ClosedUntilDeath => {
                    let died = f
                        .narrator_id
                        .as_ref()
                        .and_then(|n| self.death_dates.get(n))
                        .and_then(|d| d.as_deref())
                        .and_then(dates::latest_day);
                    let passed = died.is_some_and(|d| d.as_str() < self.today.as_str());
                    (!passed).then(|| {
                        reason(
                            AccessLevel::Closed,
                            Layer::All,
                            None,
                            "closed until the narrator's death".into(),
                        )
                    })
                }
                ReleaseTerms::TranscriptClosedAudioOpen => {
                    self.holds(f.until.as_deref()).then(|| {
                        reason(
                            AccessLevel::Closed,
                            Layer::Text,
                            f.until.clone(),
                            "transcript closed, audio open".into(),
                        )
                    })
                }
                ReleaseTerms::AudioClosedTranscriptOpen => {
                    self.holds(f.until.as_deref()).then(|| {
                        reason(
                            AccessLevel::Closed,
                            Layer::Audio,
                            f.until.clone(),
                            "audio closed, transcript open".into(),
                        )
                    })
                }
            },
        }
    }

    fn forms_of(&self, subject_id: &str, access: &mut Access) {
        for f in self.forms.get(subject_id).into_iter().flatten() {
            if let Some(reason) = self.form_reason(f) {
                access.apply(reason);
            }
        }
    }

    /// Whether the curator opened a record explicitly (a restriction to "open" kept on it), so
    /// that it does not take on what restricts the records it belongs to.
    fn opened_explicitly(&self, record_id: &str) -> bool {
        self.by_target
            .get(record_id)
            .into_iter()
            .flatten()
            .any(|r| {
                matches!(r.target, Target::Record(_))
                    && r.action == RestrictionAction::Restrict
                    && r.level == AccessLevel::Open
                    && r.layer == Layer::All
            })
    }

    fn all(&self, sql: &str, id: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn parent(&self, sql: &str, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(sql, [id], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten())
    }

    /// The access of a whole record.
    pub(crate) fn record(&self, kind: RecordKind, id: &str) -> Result<Access> {
        let mut access = Access::default();
        self.own_rules(
            id,
            matches!(kind, RecordKind::Transcript | RecordKind::IndexPoint),
            &mut access,
        );
        match kind {
            RecordKind::Interview => {
                let collection = self.parent(
                    "SELECT c.uuid FROM interviews i JOIN collections c ON c.id = i.collection_id WHERE i.uuid = ?1",
                    id,
                )?;
                if let Some(c) = collection {
                    access.inherit(&self.record(RecordKind::Collection, &c)?, false);
                }
                self.forms_of(id, &mut access);
                let mut stmt = self.conn.prepare_cached(
                    "SELECT p.uuid FROM interview_people ip JOIN people p ON p.id = ip.person_id JOIN interviews i ON i.id = ip.interview_id
                     WHERE i.uuid = ?1 AND ip.role = 'narrator'",
                )?;
                let narrators: Vec<String> = stmt
                    .query_map([id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for n in narrators {
                    self.forms_of(&n, &mut access);
                }
            }
            RecordKind::Transcript => {
                let interview =
                    self.parent("SELECT i.uuid FROM transcripts t JOIN interviews i ON i.id = t.interview_id WHERE t.uuid = ?1", id)?;
                if let Some(i) = interview {
                    access.inherit(&self.record(RecordKind::Interview, &i)?, true);
                }
            }
            RecordKind::IndexPoint => {
                let interview =
                    self.parent("SELECT i.uuid FROM index_points p JOIN interviews i ON i.id = p.interview_id WHERE p.uuid = ?1", id)?;
                if let Some(i) = interview {
                    access.inherit(&self.record(RecordKind::Interview, &i)?, true);
                }
            }
            RecordKind::Person => self.forms_of(id, &mut access),
            RecordKind::Photo => {
                // A photo is as restricted as the most restricted interview or collection it
                // belongs to, unless the curator opened it explicitly.
                if !self.opened_explicitly(id) {
                    for (kind, sql) in [
                        (RecordKind::Interview, "SELECT i.uuid FROM photo_interviews pi JOIN interviews i ON i.id = pi.interview_id JOIN photos p ON p.id = pi.photo_id WHERE p.uuid = ?1"),
                        (RecordKind::Collection, "SELECT c.uuid FROM photo_collections pc JOIN collections c ON c.id = pc.collection_id JOIN photos p ON p.id = pc.photo_id WHERE p.uuid = ?1"),
                    ] {
                        for owner in self.all(sql, id)? {
                            access.inherit_record(&self.record(kind, &owner)?);
                        }
                    }
                }
            }
            RecordKind::Region => {
                let photo = self.parent("SELECT p.uuid FROM regions r JOIN photos p ON p.id = r.photo_id WHERE r.uuid = ?1", id)?;
                if let Some(p) = photo {
                    access.inherit(&self.record(RecordKind::Photo, &p)?, false);
                }
            }
            RecordKind::Collection | RecordKind::Source => {}
        }
        Ok(access.finish())
    }

    /// The access of a record or span.
    pub(crate) fn access(&self, target: &Target) -> Result<Access> {
        match target {
            Target::Record(r) => self.record(r.kind, &r.id.trim().to_lowercase()),
            Target::Span(span) => self.span(span),
        }
    }

    fn span(&self, span: &SpanRef) -> Result<Access> {
        let mut access = self.record(RecordKind::Transcript, &span.transcript_id)?;
        let here = records::span_positions(self.conn, span)?;
        for (rule, covers) in self.span_rules(&span.transcript_id)? {
            let overlaps = match (here, covers) {
                (Some((a, b)), Some((c, d))) => a <= d && c <= b,
                _ => true,
            };
            if !overlaps {
                continue;
            }
            match rule.action {
                RestrictionAction::Redact => {
                    access
                        .redaction
                        .get_or_insert_with(|| rule.replacement.clone().unwrap_or_default());
                    access.reasons.push(self.restriction_reason(&rule));
                }
                _ => access.apply(self.restriction_reason(&rule)),
            }
        }
        Ok(access.finish())
    }
}

#[cfg(test)]
pub(crate) mod tests;
