//! What of an interview a public package carries today, in one answer: open, partly withheld
//! (which passages and layers), or withheld whole (restricted, closed, or embargoed until a day).
//!
//! The window's lock badge, status, Access summary and transcript notices all say what this
//! says, and it says what the public view decides: the counts come from the same judgement of
//! the interview's material an export writes from ([`PublicView::layers`]), never from a second
//! reading of the rules.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::{leave_whole, Mode, PublicStatus, PublicView};
use crate::{
    archive::Archive,
    error::Result,
    interview::{self, Interview, InterviewFilter},
    material::{self, Material},
    records::RecordKind,
    restrictions::{AccessLevel, RestrictionAction},
};

/// How much of an interview leaves in a public package today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum InterviewAccessState {
    /// All of it.
    Open,
    /// The interview leaves, with passages or layers of it withheld.
    Partial,
    /// None of it: researchers by arrangement only.
    Restricted,
    /// None of it: no one outside the archive.
    Closed,
}

/// An interview's access as the public view sees it today, with what it withholds counted and
/// said in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct InterviewAccess {
    /// Open, partly withheld, or withheld whole.
    pub state: InterviewAccessState,
    /// For an interview withheld whole, the day all that withholds it lifts (an embargo), when
    /// it lifts on a day.
    pub until: Option<String>,
    /// Whether the text of the whole interview (its transcripts and index) is withheld.
    pub text_withheld: bool,
    /// Whether the sound of the whole interview (its recordings) is withheld.
    pub sound_withheld: bool,
    /// Sealed passages of its transcripts.
    pub sealed_passages: u32,
    /// Passages restricted or closed (not sealed) in its transcripts.
    pub withheld_passages: u32,
    /// Redacted passages: their words replaced.
    pub redacted_passages: u32,
    /// Transcripts withheld whole, or sealed whole (their times kept).
    pub transcripts_withheld: u32,
    /// Index points whose words are withheld.
    pub index_points_withheld: u32,
    /// Recordings that do not leave at all.
    pub recordings_withheld: u32,
    /// Stretches of time silenced in the recordings that leave.
    pub silenced_stretches: u32,
    /// Narrators and interviewers whose names are withheld.
    pub names_withheld: u32,
    /// Photos attached to it that do not leave.
    pub photos_withheld: u32,
    /// A word or two for the list: "Open", "Partly withheld", "Restricted", "Closed".
    pub label: String,
    /// One sentence: "Partly withheld: 1 sealed passage, the recording silenced in 1 place",
    /// "Closed until 2030-01-01: none of it goes into a public package".
    pub headline: String,
    /// What it withholds, one part each ("1 sealed passage"); empty when open or withheld whole.
    pub parts: Vec<String>,
    /// What withholds the interview as a whole, each rule in words; empty when only parts of
    /// it are withheld.
    pub reasons: Vec<String>,
}

/// An interview with its access today: a row of the interview list, and the interview the
/// editor shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ListedInterview {
    /// The interview.
    #[serde(flatten)]
    pub interview: Interview,
    /// What of it a public package carries today.
    pub access: InterviewAccess,
}

impl InterviewAccess {
    fn open() -> Self {
        InterviewAccess {
            state: InterviewAccessState::Open,
            until: None,
            text_withheld: false,
            sound_withheld: false,
            sealed_passages: 0,
            withheld_passages: 0,
            redacted_passages: 0,
            transcripts_withheld: 0,
            index_points_withheld: 0,
            recordings_withheld: 0,
            silenced_stretches: 0,
            names_withheld: 0,
            photos_withheld: 0,
            label: String::new(),
            headline: String::new(),
            parts: Vec::new(),
            reasons: Vec::new(),
        }
    }

    /// What it withholds, in words, one part each.
    fn count_parts(&self) -> Vec<String> {
        let count = |n: u32, one: &str, many: &str| {
            (n > 0).then(|| format!("{n} {}", if n == 1 { one } else { many }))
        };
        let recordings = |n: u32, what: &str| match n {
            0 => None,
            1 => Some(format!("the recording {what}")),
            n => Some(format!("{n} recordings {what}")),
        };
        // Its whole text or sound withheld says it all of that layer.
        let text = !self.text_withheld;
        let sound = !self.sound_withheld;
        [
            self.text_withheld.then(|| "its text withheld".to_owned()),
            self.sound_withheld.then(|| "its sound withheld".to_owned()),
            count(self.sealed_passages, "sealed passage", "sealed passages"),
            count(
                self.withheld_passages,
                "passage withheld",
                "passages withheld",
            ),
            count(
                self.redacted_passages,
                "passage redacted",
                "passages redacted",
            ),
            count(
                self.transcripts_withheld,
                "transcript withheld",
                "transcripts withheld",
            )
            .filter(|_| text),
            count(
                self.index_points_withheld,
                "index point withheld",
                "index points withheld",
            )
            .filter(|_| text),
            recordings(self.recordings_withheld, "withheld").filter(|_| sound),
            count(self.silenced_stretches, "place", "places")
                .map(|places| format!("the recording silenced in {places}")),
            count(self.names_withheld, "name withheld", "names withheld"),
            count(self.photos_withheld, "photo withheld", "photos withheld"),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Sets the state of an interview that leaves from what it withholds, and the words.
    fn finish(mut self) -> Self {
        let parts = self.count_parts();
        match self.state {
            InterviewAccessState::Open | InterviewAccessState::Partial => {
                if parts.is_empty() {
                    self.state = InterviewAccessState::Open;
                    self.label = "Open".into();
                    self.headline = "Open: all of it goes into a public package".into();
                } else {
                    self.state = InterviewAccessState::Partial;
                    self.label = "Partly withheld".into();
                    self.headline = format!("Partly withheld: {}", parts.join(", "));
                    self.parts = parts;
                }
            }
            InterviewAccessState::Restricted | InterviewAccessState::Closed => {
                let level = if self.state == InterviewAccessState::Closed {
                    "Closed"
                } else {
                    "Restricted"
                };
                self.label = level.to_owned();
                let until = match &self.until {
                    Some(day) => format!(" until {day}"),
                    None => String::new(),
                };
                self.headline = format!("{level}{until}: none of it goes into a public package");
            }
        }
        self
    }
}

impl PublicView<'_> {
    /// What of one interview a public package carries today.
    pub fn interview_access(&self, interview_id: &str) -> Result<InterviewAccess> {
        let m = material::of(self.archive, interview_id)?;
        let photos = self.photos_of(interview_id)?;
        self.access_of(&m.interview, Some(&m), &photos)
    }

    /// The access of each of these interviews, in their order. An interview withheld whole, or
    /// one whose own access has no rule and whose transcripts and index no rule is set on, is
    /// judged without reading its material: nothing of it leaves, or every layer of it leaves
    /// as it is (a test holds the two ways together).
    pub fn interviews_access(&self, interviews: &[Interview]) -> Result<Vec<InterviewAccess>> {
        let below = rule_holders(self.archive.conn())?;
        self.policy.judge_interviews(interviews)?;
        let photos = self.photos_by_interview()?;
        let photos_of = |id: &str| photos.get(id).map_or(&[][..], Vec::as_slice);
        let mut out = Vec::with_capacity(interviews.len());
        let mut to_read = Vec::new();
        for (k, i) in interviews.iter().enumerate() {
            let own = self.policy.record(RecordKind::Interview, &i.id)?;
            let whole = own.level != AccessLevel::Open;
            if whole || (own.reasons.is_empty() && !below.contains(&i.id)) {
                out.push(Some(self.access_of(i, None, photos_of(&i.id))?));
            } else {
                out.push(None);
                to_read.push((k, i.id.clone()));
            }
        }
        for batch in to_read.chunks(material::BATCH) {
            let ids: Vec<String> = batch.iter().map(|(_, id)| id.clone()).collect();
            for ((k, _), m) in batch.iter().zip(material::read(self.archive, &ids)?) {
                let photos = photos_of(&m.interview.id);
                out[*k] = Some(self.access_of(&m.interview, Some(&m), photos)?);
            }
        }
        Ok(out.into_iter().flatten().collect())
    }

    /// The access of an interview, from its material as the public view judges it (`None`:
    /// nothing below the interview is restricted, so every layer leaves as it is).
    pub(super) fn access_of(
        &self,
        interview: &Interview,
        material: Option<&Material>,
        photos: &[String],
    ) -> Result<InterviewAccess> {
        let mut out = InterviewAccess::open();
        let access = self.policy.record(RecordKind::Interview, &interview.id)?;
        match access.level {
            AccessLevel::Open => {}
            level => {
                out.state = if level == AccessLevel::Closed {
                    InterviewAccessState::Closed
                } else {
                    InterviewAccessState::Restricted
                };
                out.until = access.lifts_on.clone();
                out.reasons = access.reasons.iter().map(|r| r.because.clone()).collect();
                return Ok(out.finish());
            }
        }
        out.text_withheld = access.text != AccessLevel::Open;
        out.sound_withheld = access.audio != AccessLevel::Open;
        for p in interview.narrators.iter().chain(&interview.interviewers) {
            if self.name(p)?.withheld {
                out.names_withheld += 1;
            }
        }
        for photo in photos {
            if !self.is_public(RecordKind::Photo, photo)? {
                out.photos_withheld += 1;
            }
        }
        if let Some(m) = material {
            self.count_layers(m, &mut out)?;
        }
        // What withholds the text or sound of the whole interview (a release form's terms).
        out.reasons = access.reasons.iter().map(|r| r.because.clone()).collect();
        Ok(out.finish())
    }

    /// Counts what the public view withholds of each layer of an interview that leaves.
    fn count_layers(&self, m: &Material, out: &mut InterviewAccess) -> Result<()> {
        let timeline = self.timeline(m)?;
        let Some(layers) = self.layers_on(m, &timeline)? else {
            return Ok(());
        };
        for (t, _) in &m.transcripts {
            match self.transcript_mode(&m.interview.id, &t.id)? {
                Mode::Withheld | Mode::Sealed(_) => out.transcripts_withheld += 1,
                Mode::Open => {
                    for p in timeline
                        .passages
                        .iter()
                        .filter(|p| p.transcript_id == t.id && p.touches_text())
                    {
                        match p.rule.action {
                            RestrictionAction::Seal => out.sealed_passages += 1,
                            RestrictionAction::Restrict => out.withheld_passages += 1,
                            RestrictionAction::Redact => out.redacted_passages += 1,
                        }
                    }
                }
            }
        }
        let open_points = layers
            .index_points
            .iter()
            .filter(|p| p.status == PublicStatus::Open)
            .count();
        out.index_points_withheld = (m.index_points.len() - open_points) as u32;
        if !m.recordings.is_empty() {
            match &layers.recordings {
                None => out.recordings_withheld = m.recordings.len() as u32,
                Some((_, ranges)) if !leave_whole(&layers.recordings) => {
                    out.silenced_stretches = merged(ranges).len() as u32
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// The photos attached to each interview that has any, by interview.
    fn photos_by_interview(&self) -> Result<HashMap<String, Vec<String>>> {
        let mut stmt = self.archive.conn().prepare_cached(
            "SELECT i.uuid, p.uuid FROM photo_interviews pi JOIN photos p ON p.id = pi.photo_id
             JOIN interviews i ON i.id = pi.interview_id",
        )?;
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))? {
            let (interview, photo): (String, String) = row?;
            out.entry(interview).or_default().push(photo);
        }
        Ok(out)
    }

    /// The photos attached to an interview.
    fn photos_of(&self, interview_id: &str) -> Result<Vec<String>> {
        let mut stmt = self.archive.conn().prepare_cached(
            "SELECT p.uuid FROM photo_interviews pi JOIN photos p ON p.id = pi.photo_id
             JOIN interviews i ON i.id = pi.interview_id WHERE i.uuid = ?1",
        )?;
        let rows = stmt.query_map([interview_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Time ranges (sorted) with those that touch or overlap joined: the stretches silenced.
fn merged(ranges: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &(a, b) in ranges {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Interviews with their access on `today`, by title: the rows of the interview list.
pub fn listed_interviews(
    archive: &Archive,
    filter: &InterviewFilter,
    today: &str,
) -> Result<Vec<ListedInterview>> {
    let interviews = interview::list(archive, filter)?;
    let access = PublicView::new(archive, today)?.interviews_access(&interviews)?;
    Ok(interviews
        .into_iter()
        .zip(access)
        .map(|(interview, access)| ListedInterview { interview, access })
        .collect())
}

/// One interview with its access on `today`.
pub fn listed_interview(
    archive: &Archive,
    interview: Interview,
    today: &str,
) -> Result<ListedInterview> {
    let access = PublicView::new(archive, today)?.interview_access(&interview.id)?;
    Ok(ListedInterview { interview, access })
}

/// What of one interview a public package carries on `today`.
pub fn interview_access(
    archive: &Archive,
    interview_id: &str,
    today: &str,
) -> Result<InterviewAccess> {
    PublicView::new(archive, today)?.interview_access(interview_id)
}

/// The interviews with a rule set on one of their transcripts (or a passage of one) or index
/// points: only those need their material read to know what they withhold.
pub(crate) fn rule_holders(conn: &rusqlite::Connection) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.uuid FROM restrictions r JOIN transcripts t ON t.uuid = r.target_uuid
             JOIN interviews i ON i.id = t.interview_id
         UNION SELECT i.uuid FROM restrictions r JOIN index_points p ON p.uuid = r.target_uuid
             JOIN interviews i ON i.id = p.interview_id",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests;
