//! The one computation of what access a record or span has on a given day: every rule that
//! reaches it, the curator's and the release forms', the most restrictive winning.

use std::{cell::RefCell, collections::HashMap};

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{
    archive::Archive,
    dates,
    error::Result,
    records::{self, RecordKind, SpanRef, Target},
};

use super::*;

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
    /// Each record's access once judged: a policy answers for one moment, and a list asks
    /// of a collection or an interview again for everything that belongs to it.
    judged: RefCell<HashMap<(RecordKind, String), Access>>,
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
            judged: RefCell::default(),
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
        if let Some(judged) = self.judged.borrow().get(&(kind, id.to_owned())) {
            return Ok(judged.clone());
        }
        let access = self.judge(kind, id)?;
        self.judged
            .borrow_mut()
            .insert((kind, id.to_owned()), access.clone());
        Ok(access)
    }

    /// Judges the interviews of a list from what is already read of them (their collection
    /// and narrators), so that asking each of them afterwards reads nothing more.
    pub(crate) fn judge_interviews(
        &self,
        interviews: &[crate::interview::Interview],
    ) -> Result<()> {
        for i in interviews {
            if self
                .judged
                .borrow()
                .contains_key(&(RecordKind::Interview, i.id.clone()))
            {
                continue;
            }
            let narrators: Vec<&str> = i.narrators.iter().map(|n| n.id.as_str()).collect();
            let access = self.interview(&i.id, i.collection_id.as_deref(), &narrators)?;
            self.judged
                .borrow_mut()
                .insert((RecordKind::Interview, i.id.clone()), access);
        }
        Ok(())
    }

    /// An interview's access: its own rules, its collection's, and the release forms of the
    /// interview and of its narrators.
    fn interview(&self, id: &str, collection: Option<&str>, narrators: &[&str]) -> Result<Access> {
        let mut access = Access::default();
        self.own_rules(id, false, &mut access);
        if let Some(c) = collection {
            access.inherit(&self.record(RecordKind::Collection, c)?, false);
        }
        self.forms_of(id, &mut access);
        for n in narrators {
            self.forms_of(n, &mut access);
        }
        Ok(access.finish())
    }

    fn judge(&self, kind: RecordKind, id: &str) -> Result<Access> {
        if kind == RecordKind::Interview {
            let collection = self.parent(
                "SELECT c.uuid FROM interviews i JOIN collections c ON c.id = i.collection_id WHERE i.uuid = ?1",
                id,
            )?;
            let narrators = self.all(
                "SELECT p.uuid FROM interview_people ip JOIN people p ON p.id = ip.person_id JOIN interviews i ON i.id = ip.interview_id
                 WHERE i.uuid = ?1 AND ip.role = 'narrator'",
                id,
            )?;
            let narrators: Vec<&str> = narrators.iter().map(String::as_str).collect();
            return self.interview(id, collection.as_deref(), &narrators);
        }
        let mut access = Access::default();
        self.own_rules(
            id,
            matches!(kind, RecordKind::Transcript | RecordKind::IndexPoint),
            &mut access,
        );
        match kind {
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
            // An interview is judged above.
            RecordKind::Interview | RecordKind::Collection | RecordKind::Source => {}
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
