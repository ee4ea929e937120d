//! The public view: the one place that answers what may leave the archive on a given day.
//!
//! Every public export (a static site, a BagIt package, OHMS XML for publication) reads the
//! archive through this module only, never through the tables or the other modules, so a
//! restricted, closed or embargoed record cannot leave by an export that forgot to check. What
//! is withheld is left out, or, for parts of an open interview, kept in place without its
//! content: a sealed passage keeps its position and times in the transcript with its words
//! withheld; a redacted passage shows its replacement text; an index point inside a withheld
//! passage keeps its time and loses its text. A recording leaves whole only when no part of it
//! is withheld; otherwise it leaves with the withheld passages' times to silence in it
//! ([`PublicView::recordings_to_silence`]), or not at all when a passage has no times.

use serde::{Deserialize, Serialize};

use crate::{
    archive::Archive,
    dates,
    error::Result,
    links,
    material::{self, Material},
    records::{self, RecordKind, Target},
    restrictions::{AccessLevel, Layer, Policy, RestrictionAction, RuleKind},
    sources, tags, transcript,
};

/// A person named in a public record: their name, or a placeholder when they are withheld.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PublicName {
    /// The person's id, when their record is public.
    pub id: Option<String>,
    /// Their name, or "[name withheld]".
    pub name: String,
    /// Whether the name is withheld.
    pub withheld: bool,
}

/// A collection as it may be published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PublicCollection {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its description.
    pub description: String,
    /// Its notes: the public citations made from it.
    pub citations: Vec<String>,
}

/// A link as it may be published: both its ends are public.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PublicLink {
    /// How it reads from the record: "mentions", "child of".
    pub label: String,
    /// The other end.
    pub other: Target,
    /// The other end's title.
    pub other_title: String,
}

/// What public output shows around a record: its tags, links and notes, each only where what it
/// touches is public too.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PublicContext {
    /// Preferred labels of the tags on the record and on its public spans.
    pub tags: Vec<String>,
    /// Links whose other end is public.
    pub links: Vec<PublicLink>,
    /// Citations whose sources are public, as footnotes.
    pub citations: Vec<String>,
}

/// An interview as it may be published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PublicInterview {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its collection, when that is public too.
    pub collection_id: Option<String>,
    /// When it was recorded (EDTF).
    pub date: Option<String>,
    /// Where.
    pub place: String,
    /// Languages spoken.
    pub languages: Vec<String>,
    /// Its summary.
    pub summary: String,
    /// Its length in milliseconds.
    pub duration_ms: Option<u32>,
    /// Narrators.
    pub narrators: Vec<PublicName>,
    /// Interviewers.
    pub interviewers: Vec<PublicName>,
    /// Whether its transcripts and index may be published.
    pub text_public: bool,
    /// Whether its recordings may be published.
    pub audio_public: bool,
}

/// What became of a segment or index point in public output.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum PublicStatus {
    /// As it is in the archive.
    Open,
    /// Its text replaced by the redaction's replacement.
    Redacted,
    /// Sealed: text withheld, place and times kept.
    Sealed,
    /// Restricted or closed: text withheld, place and times kept.
    Withheld,
}

/// A segment of a public transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PublicSegment {
    /// Its id.
    pub id: String,
    /// Its place in the transcript, from 0.
    pub position: u32,
    /// Start in milliseconds.
    pub start_ms: Option<u32>,
    /// End in milliseconds.
    pub end_ms: Option<u32>,
    /// The speaker's label; empty when the segment is withheld.
    pub speaker_label: String,
    /// What is said; the replacement when redacted (on the span's first segment), empty when
    /// withheld.
    pub text: String,
    /// What became of it.
    pub status: PublicStatus,
    /// For withheld segments, what to show in place of the text: "[sealed until 2030-01-01]".
    pub notice: Option<String>,
}

/// A transcript as it may be published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PublicTranscript {
    /// Its id.
    pub id: String,
    /// The interview.
    pub interview_id: String,
    /// Its language.
    pub language: String,
    /// Its label.
    pub label: String,
    /// Its segments, every one in its place.
    pub segments: Vec<PublicSegment>,
}

/// A point of a public index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PublicIndexPoint {
    /// Its id.
    pub id: String,
    /// Its time.
    pub time_ms: u32,
    /// Open, or withheld (then only its time is given).
    pub status: PublicStatus,
    /// Title.
    pub title: String,
    /// Partial transcript.
    pub partial_transcript: String,
    /// Synopsis.
    pub synopsis: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Subjects.
    pub subjects: Vec<String>,
    /// Latitude.
    pub gps_lat: Option<f64>,
    /// Longitude.
    pub gps_lon: Option<f64>,
    /// Links.
    pub hyperlinks: Vec<String>,
}

/// A recording that may be published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PublicRecording {
    /// Its id.
    pub id: String,
    /// Its place among the interview's recordings.
    pub position: u32,
    /// "audio" or "video".
    pub kind: String,
    /// The source tape's label.
    pub tape_label: String,
    /// Its MIME type.
    pub mime_type: String,
    /// Its length.
    pub duration_ms: Option<u32>,
    /// Its SHA-256, for the package manifest.
    pub sha256: String,
    /// Where the file is, as stored (see [`crate::media::resolve_path`]).
    pub path: String,
}

/// An interview with everything of it that may be published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PublicInterviewFull {
    /// The interview.
    pub interview: PublicInterview,
    /// Its public transcripts.
    pub transcripts: Vec<PublicTranscript>,
    /// Its public index.
    pub index_points: Vec<PublicIndexPoint>,
    /// Its public recordings.
    pub recordings: Vec<PublicRecording>,
    /// Its public tags, links and notes.
    pub context: PublicContext,
}

/// Each layer of one interview as it may leave, judged from one reading of its material
/// ([`PublicView::layers`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PublicLayers {
    /// The interview.
    pub interview: PublicInterview,
    /// Its public transcripts, each segment in its place with what it withholds.
    pub transcripts: Vec<PublicTranscript>,
    /// Its index, every point in its place, withheld ones with their time only.
    pub index_points: Vec<PublicIndexPoint>,
    /// The recordings that may leave once the ranges given are silenced; `None` when the audio
    /// may not leave at all.
    pub recordings: Option<RecordingsToSilence>,
}

/// A person as they may be published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PublicPerson {
    /// Their id.
    pub id: String,
    /// Name as shown.
    pub display_name: String,
    /// Name as sorted.
    pub sort_name: String,
    /// Born (EDTF).
    pub birth_date: Option<String>,
    /// Died (EDTF).
    pub death_date: Option<String>,
    /// A note.
    pub note: String,
    /// Their public tags, links and notes.
    pub context: PublicContext,
}

/// A photo as it may be published: its captions with withheld people's names replaced, and the
/// names of the people identified in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PublicPhoto {
    /// Its id.
    pub id: String,
    /// Its captions, as they may be shown.
    pub captions: Vec<String>,
    /// The people in it, or "[name withheld]".
    pub people: Vec<String>,
}

/// What the public view leaves out, for the export preview: "1 interview closed, 3 spans
/// redacted".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Withheld {
    /// Collections not public.
    pub collections: u32,
    /// Interviews closed.
    pub interviews_closed: u32,
    /// Interviews restricted.
    pub interviews_restricted: u32,
    /// Transcripts of public interviews withheld whole.
    pub transcripts: u32,
    /// Spans sealed, restricted or closed in public transcripts.
    pub spans_withheld: u32,
    /// Spans redacted in public transcripts.
    pub spans_redacted: u32,
    /// Index points withheld.
    pub index_points: u32,
    /// Recordings withheld.
    pub recordings: u32,
    /// People withheld.
    pub people: u32,
    /// Photos withheld (themselves, or for what they belong to).
    pub photos: u32,
    /// The same, in words, one line for each kind withheld.
    pub lines: Vec<String>,
}

impl Withheld {
    /// One line for the export preview.
    pub fn summary(&self) -> String {
        if self.lines.is_empty() {
            "nothing withheld".to_owned()
        } else {
            self.lines.join(", ")
        }
    }

    fn finish(mut self) -> Self {
        let mut line = |n: u32, one: &str, many: &str, what: &str| {
            if n > 0 {
                self.lines
                    .push(format!("{n} {} {what}", if n == 1 { one } else { many }));
            }
        };
        line(self.collections, "collection", "collections", "withheld");
        line(self.interviews_closed, "interview", "interviews", "closed");
        line(
            self.interviews_restricted,
            "interview",
            "interviews",
            "restricted",
        );
        line(self.transcripts, "transcript", "transcripts", "withheld");
        line(self.spans_withheld, "span", "spans", "sealed or withheld");
        line(self.spans_redacted, "span", "spans", "redacted");
        line(self.index_points, "index point", "index points", "withheld");
        line(self.recordings, "recording", "recordings", "withheld");
        line(self.people, "person", "people", "withheld");
        line(self.photos, "photo", "photos", "withheld");
        self
    }
}

/// Everything that may be published on a day, for the export preview and for exporters that
/// write the whole archive.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PublicArchive {
    /// The day the view is for.
    pub today: String,
    /// Public collections.
    pub collections: Vec<PublicCollection>,
    /// Public interviews, with their public parts.
    pub interviews: Vec<PublicInterviewFull>,
    /// Public people.
    pub people: Vec<PublicPerson>,
    /// Public photos.
    pub photos: Vec<PublicPhoto>,
    /// What was left out.
    pub withheld: Withheld,
}

/// How a transcript would leave in public output today, for the transcript view to mark what
/// is held back: only the segments that would not leave as they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct TranscriptMarks {
    /// When the whole transcript is held back (its interview or itself restricted, closed or
    /// sealed): what a public reader would be told. Its segments are not listed one by one.
    pub whole: Option<String>,
    /// When the whole transcript is held back: what the curator is told, in words ("Public
    /// output holds this whole transcript back (closed by the curator): see the Access tab.").
    pub held: Option<String>,
    /// The segments held back or redacted, in order.
    pub segments: Vec<SegmentMark>,
}

/// A segment that would not leave as it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SegmentMark {
    /// The segment.
    pub segment_id: String,
    /// What becomes of it.
    pub status: PublicStatus,
    /// For sealed and withheld segments, the notice shown in its place.
    pub notice: Option<String>,
    /// On the first segment of a redacted passage, the text shown in place of the passage.
    pub replacement: Option<String>,
    /// What the curator is told of it: "Sealed in public output until 2030-01-01: its time is
    /// kept, its words withheld".
    pub label: String,
}

/// Recordings that may leave once the passages given (start and end, in ms) are silenced.
pub type RecordingsToSilence = (Vec<PublicRecording>, Vec<(u32, u32)>);

/// The archive as it may be published on one day. Build one per export; each question it
/// answers reads the same rules.
pub struct PublicView<'a> {
    archive: &'a Archive,
    policy: Policy<'a>,
    names: NameScrubber,
    /// Every person and every collection of the archive, read once when the view is made:
    /// the names to scrub, the people and the collections it lists, and what it withheld of
    /// them are all judged from this one reading.
    people: Vec<crate::people::Person>,
    collections: Vec<crate::collection::Collection>,
}

impl<'a> PublicView<'a> {
    /// The public view of `archive` on `today` (`YYYY-MM-DD`).
    pub fn new(archive: &'a Archive, today: &str) -> Result<Self> {
        let today = dates::day("today", Some(today))?.unwrap_or_default();
        let policy = Policy::load(archive.conn(), &today)?;
        let people = crate::people::list(archive)?;
        Ok(PublicView {
            names: NameScrubber::load(archive, &policy, &people)?,
            collections: crate::collection::list(archive)?,
            people,
            archive,
            policy,
        })
    }

    /// Whether a record of any kind may be published today: the one question the exporter asks
    /// of records the view has no list for (photos and regions).
    pub fn is_record_public(&self, kind: RecordKind, id: &str) -> Result<bool> {
        self.is_public(kind, id)
    }

    fn is_public(&self, kind: RecordKind, id: &str) -> Result<bool> {
        Ok(self.policy.record(kind, id)?.is_public())
    }

    /// Public collections, by title.
    pub fn collections(&self) -> Result<Vec<PublicCollection>> {
        let mut out = Vec::new();
        for c in &self.collections {
            if self.is_public(RecordKind::Collection, &c.id)? {
                let citations = self.context(&c.id)?.citations;
                out.push(PublicCollection {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    description: c.description.clone(),
                    citations,
                });
            }
        }
        Ok(out)
    }

    /// Whether a search hit lies in what may leave: a segment or index point whose words are
    /// public as they are (not redacted), an interview that is public. People are not hits of
    /// an interview.
    pub fn hit_is_public(&self, hit: &crate::search::SearchHit) -> Result<bool> {
        use crate::search::HitKind;
        let Some(interview_id) = &hit.interview_id else {
            return Ok(false);
        };
        Ok(match hit.kind {
            HitKind::Segment => match &hit.transcript_id {
                Some(t) => self.transcript(t)?.is_some_and(|t| {
                    t.segments
                        .iter()
                        .any(|s| s.id == hit.record_id && s.status == PublicStatus::Open)
                }),
                None => false,
            },
            HitKind::IndexPoint => self
                .index_points(interview_id)?
                .iter()
                .any(|p| p.id == hit.record_id && p.status == PublicStatus::Open),
            HitKind::Interview => self.interview(interview_id)?.is_some(),
            // A selection picks interviews by their words: people, captions and regions of
            // photos select none.
            HitKind::Person | HitKind::Caption | HitKind::Region => false,
        })
    }

    fn name(&self, person: &crate::people::PersonRef) -> Result<PublicName> {
        Ok(if self.is_public(RecordKind::Person, &person.id)? {
            PublicName {
                id: Some(person.id.clone()),
                name: person.name.clone(),
                withheld: false,
            }
        } else {
            PublicName {
                id: None,
                name: WITHHELD_NAME.into(),
                withheld: true,
            }
        })
    }

    /// Reads one interview's material and places its passages on its timeline, to answer a
    /// question asked of that interview alone.
    fn ask<T>(
        &self,
        interview_id: &str,
        question: impl FnOnce(&Material, &Timeline) -> Result<T>,
    ) -> Result<T> {
        let m = material::of(self.archive, interview_id)?;
        let timeline = self.timeline(&m)?;
        question(&m, &timeline)
    }

    /// One interview, when it may be published.
    pub fn interview(&self, id: &str) -> Result<Option<PublicInterview>> {
        self.ask(id, |m, timeline| {
            let recordings = self.silenced_recordings(m, timeline)?;
            self.public_interview(m, &recordings)
        })
    }

    /// The interview as it may be published, given what of its recordings may leave.
    fn public_interview(
        &self,
        m: &Material,
        recordings: &Option<RecordingsToSilence>,
    ) -> Result<Option<PublicInterview>> {
        let i = &m.interview;
        let access = self.policy.record(RecordKind::Interview, &i.id)?;
        if !access.is_public() {
            return Ok(None);
        }
        let collection_id = match &i.collection_id {
            Some(c) if self.is_public(RecordKind::Collection, c)? => Some(c.clone()),
            _ => None,
        };
        Ok(Some(PublicInterview {
            narrators: i
                .narrators
                .iter()
                .map(|p| self.name(p))
                .collect::<Result<_>>()?,
            interviewers: i
                .interviewers
                .iter()
                .map(|p| self.name(p))
                .collect::<Result<_>>()?,
            text_public: access.text == AccessLevel::Open,
            audio_public: leave_whole(recordings),
            id: i.id.clone(),
            title: i.title.clone(),
            collection_id,
            date: i.date.clone(),
            place: i.place.clone(),
            languages: i.languages.clone(),
            summary: i.summary.clone(),
            duration_ms: i.duration_ms,
        }))
    }

    /// Everything of one interview that may leave, judged from one reading of its material:
    /// `None` when the interview may not leave at all. What an export writes each layer from.
    pub fn layers(&self, m: &Material) -> Result<Option<PublicLayers>> {
        self.layers_on(m, &self.timeline(m)?)
    }

    fn layers_on(&self, m: &Material, timeline: &Timeline) -> Result<Option<PublicLayers>> {
        let recordings = self.silenced_recordings(m, timeline)?;
        let Some(interview) = self.public_interview(m, &recordings)? else {
            return Ok(None);
        };
        let transcripts = self.public_transcripts(m, timeline)?;
        Ok(Some(PublicLayers {
            interview,
            index_points: self.public_index_points(m, timeline, &transcripts)?,
            transcripts,
            recordings,
        }))
    }

    /// Calls `f` with the material of every interview and its timeline, by title, reading
    /// [`material::BATCH`] interviews at a time.
    fn each_interview(&self, mut f: impl FnMut(&Material, &Timeline) -> Result<()>) -> Result<()> {
        let ids: Vec<String> = crate::interview::list(self.archive, &Default::default())?
            .into_iter()
            .map(|i| i.id)
            .collect();
        for batch in ids.chunks(material::BATCH) {
            for m in material::read(self.archive, batch)? {
                let timeline = self.timeline(&m)?;
                f(&m, &timeline)?;
            }
        }
        Ok(())
    }

    /// Public interviews, by title.
    pub fn interviews(&self) -> Result<Vec<PublicInterview>> {
        let mut out = Vec::new();
        self.each_interview(|m, timeline| {
            let recordings = self.silenced_recordings(m, timeline)?;
            out.extend(self.public_interview(m, &recordings)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// One transcript, when it may be published: `None` when its interview or its text is
    /// withheld, except that a transcript sealed whole keeps its segments' places and times.
    /// A passage withheld or redacted in any transcript of the interview is withheld or
    /// redacted by its time range in this one too (a translation aligned by time says the same
    /// words).
    pub fn transcript(&self, transcript_id: &str) -> Result<Option<PublicTranscript>> {
        let t = transcript::get(self.archive, transcript_id)?;
        self.ask(&t.interview_id, |m, timeline| {
            match m.transcripts.iter().find(|(x, _)| x.id == t.id) {
                Some((t, stored)) => self.public_transcript(t, stored, timeline),
                None => Ok(None),
            }
        })
    }

    fn public_transcript(
        &self,
        t: &transcript::Transcript,
        stored: &[transcript::Segment],
        timeline: &Timeline,
    ) -> Result<Option<PublicTranscript>> {
        Ok(self
            .judged_transcript(t, stored, timeline)?
            .map(|(public, _)| public))
    }

    /// A transcript as it may be published, with, for each segment, the day the rule that
    /// withholds it lifts.
    fn judged_transcript(
        &self,
        t: &transcript::Transcript,
        stored: &[transcript::Segment],
        timeline: &Timeline,
    ) -> Result<Option<(PublicTranscript, Vec<Option<String>>)>> {
        let whole = match self.transcript_mode(&t.interview_id, &t.id)? {
            Mode::Withheld => return Ok(None),
            Mode::Sealed(notice) => Some(notice),
            Mode::Open => None,
        };
        let times = segment_times(stored, timeline.end_ms);
        let mut shown_replacement = vec![false; timeline.passages.len()];
        let mut segments = Vec::new();
        let mut untils = Vec::new();
        for (s, time) in stored.iter().zip(times) {
            let judged = match &whole {
                Some(notice) => Judged {
                    status: PublicStatus::Sealed,
                    notice: Some(notice.clone()),
                    until: None,
                    replacement: None,
                },
                None => classify(
                    &t.id,
                    s.position,
                    time,
                    &timeline.passages,
                    &mut shown_replacement,
                ),
            };
            let Judged {
                status,
                notice,
                until,
                replacement,
            } = judged;
            untils.push(until);
            let (speaker_label, text) = match status {
                PublicStatus::Open => (self.speaker(s)?, s.text.clone()),
                PublicStatus::Redacted => (self.speaker(s)?, replacement.unwrap_or_default()),
                PublicStatus::Sealed | PublicStatus::Withheld => (String::new(), String::new()),
            };
            segments.push(PublicSegment {
                id: s.id.clone(),
                position: s.position,
                start_ms: s.start_ms,
                end_ms: s.end_ms,
                speaker_label,
                text,
                status,
                notice,
            });
        }
        Ok(Some((
            PublicTranscript {
                id: t.id.clone(),
                interview_id: t.interview_id.clone(),
                language: t.language.clone(),
                label: t.label.clone(),
                segments,
            },
            untils,
        )))
    }

    /// A segment's speaker as it may be shown: the label, with a withheld person's names (the
    /// linked speaker's, and any withheld person's name written in the label) replaced.
    fn speaker(&self, s: &transcript::Segment) -> Result<String> {
        if let Some(id) = &s.speaker_id {
            if !self.is_public(RecordKind::Person, id)? {
                return Ok(WITHHELD_NAME.to_owned());
            }
        }
        Ok(self.names.scrub(&s.speaker_label))
    }

    /// Text naming people (a caption, a region's label) as it may be shown: every name of a
    /// withheld person replaced by "[name withheld]".
    pub fn scrub_names(&self, text: &str) -> String {
        self.names.scrub(text)
    }

    /// The span rules in force on every transcript of an interview, each placed on the
    /// interview's timeline.
    fn timeline(&self, m: &Material) -> Result<Timeline> {
        let end_ms = m.end_ms();
        let mut passages = Vec::new();
        for (t, segments) in &m.transcripts {
            let rules = self.policy.span_rules(&t.id)?;
            if rules.is_empty() {
                continue;
            }
            let times = segment_times(segments, end_ms);
            for (rule, positions) in rules {
                let span_times = positions.and_then(|(first, last)| {
                    let covered: Vec<Option<(u32, u32)>> = segments
                        .iter()
                        .zip(&times)
                        .filter(|(s, _)| s.position >= first && s.position <= last)
                        .map(|(_, t)| *t)
                        .collect();
                    let all: Option<Vec<(u32, u32)>> = covered.into_iter().collect();
                    let all = all?;
                    let start = all.iter().map(|t| t.0).min()?;
                    let end = all.iter().map(|t| t.1).max()?;
                    Some((start, end))
                });
                passages.push(Passage {
                    rule,
                    transcript_id: t.id.clone(),
                    positions,
                    times: span_times,
                });
            }
        }
        Ok(Timeline { passages, end_ms })
    }

    /// What of a transcript is held back today, segment by segment.
    pub fn transcript_marks(&self, transcript_id: &str) -> Result<TranscriptMarks> {
        let t = transcript::get(self.archive, transcript_id)?;
        let access = self.policy.record(RecordKind::Transcript, &t.id)?;
        let why: Vec<&str> = access.reasons.iter().map(|r| r.because.as_str()).collect();
        let withheld = || TranscriptMarks {
            whole: Some(notice_for(PublicStatus::Withheld, None)),
            held: Some(format!(
                "Public output holds this whole transcript back ({}): see the Access tab.",
                why.join("; ")
            )),
            segments: Vec::new(),
        };
        match self.transcript_mode(&t.interview_id, &t.id)? {
            Mode::Withheld => return Ok(withheld()),
            Mode::Sealed(notice) => {
                let until = access
                    .lifts_on
                    .as_deref()
                    .map(|u| format!(" until {u}"))
                    .unwrap_or_default();
                return Ok(TranscriptMarks {
                    whole: Some(notice),
                    held: Some(format!(
                        "Public output keeps this transcript's times and withholds all its words: it is sealed{until}."
                    )),
                    segments: Vec::new(),
                });
            }
            Mode::Open => {}
        }
        let judged = self.ask(&t.interview_id, |m, timeline| {
            match m.transcripts.iter().find(|(x, _)| x.id == t.id) {
                Some((t, stored)) => self.judged_transcript(t, stored, timeline),
                None => Ok(None),
            }
        })?;
        let Some((public, untils)) = judged else {
            return Ok(withheld());
        };
        let segments = public
            .segments
            .into_iter()
            .zip(untils)
            .filter(|(s, _)| s.status != PublicStatus::Open)
            .map(|(s, until)| {
                let replacement =
                    (s.status == PublicStatus::Redacted && !s.text.is_empty()).then_some(s.text);
                SegmentMark {
                    label: mark_label(s.status, until.as_deref(), replacement.as_deref()),
                    replacement,
                    segment_id: s.id,
                    status: s.status,
                    notice: s.notice,
                }
            })
            .collect();
        Ok(TranscriptMarks {
            whole: None,
            held: None,
            segments,
        })
    }

    /// Whether a transcript leaves, without reading its segments.
    fn transcript_mode(&self, interview_id: &str, transcript_id: &str) -> Result<Mode> {
        if !self.is_public(RecordKind::Interview, interview_id)? {
            return Ok(Mode::Withheld);
        }
        let access = self.policy.record(RecordKind::Transcript, transcript_id)?;
        Ok(if access.is_public() {
            Mode::Open
        } else if access.reasons.iter().all(|r| r.rule == RuleKind::Seal) {
            Mode::Sealed(notice_for(PublicStatus::Sealed, access.lifts_on.as_deref()))
        } else {
            Mode::Withheld
        })
    }

    /// The public transcripts of an interview.
    pub fn transcripts(&self, interview_id: &str) -> Result<Vec<PublicTranscript>> {
        self.ask(interview_id, |m, timeline| {
            self.public_transcripts(m, timeline)
        })
    }

    fn public_transcripts(
        &self,
        m: &Material,
        timeline: &Timeline,
    ) -> Result<Vec<PublicTranscript>> {
        let mut out = Vec::new();
        for (t, stored) in &m.transcripts {
            out.extend(self.public_transcript(t, stored, timeline)?);
        }
        Ok(out)
    }

    /// The time ranges of an interview whose text is withheld or replaced, from every
    /// transcript of it as the view judged them (`public`: a transcript not among them is
    /// withheld whole); `None` when some withheld text has no times and so cannot be placed.
    fn withheld_ranges(
        m: &Material,
        timeline: &Timeline,
        public: &[PublicTranscript],
    ) -> Option<Vec<(u32, u32)>> {
        let mut ranges = Vec::new();
        for (t, stored) in &m.transcripts {
            let times = segment_times(stored, timeline.end_ms);
            let statuses: Vec<PublicStatus> = match public.iter().find(|p| p.id == t.id) {
                Some(p) => p.segments.iter().map(|s| s.status).collect(),
                None => vec![PublicStatus::Withheld; stored.len()],
            };
            for (status, time) in statuses.into_iter().zip(times) {
                if status == PublicStatus::Open {
                    continue;
                }
                match time {
                    Some(range) => ranges.push(range),
                    None => return None,
                }
            }
        }
        Some(ranges)
    }

    /// The public index of an interview: every point in its place, those withheld (by their own
    /// restriction, or for lying in a withheld passage) with their time only. Empty when the
    /// interview or its text is withheld.
    pub fn index_points(&self, interview_id: &str) -> Result<Vec<PublicIndexPoint>> {
        self.ask(interview_id, |m, timeline| {
            let transcripts = self.public_transcripts(m, timeline)?;
            self.public_index_points(m, timeline, &transcripts)
        })
    }

    /// The index as it may leave, given the interview's transcripts as the view judged them.
    fn public_index_points(
        &self,
        m: &Material,
        timeline: &Timeline,
        transcripts: &[PublicTranscript],
    ) -> Result<Vec<PublicIndexPoint>> {
        let interview = self.policy.record(RecordKind::Interview, &m.interview.id)?;
        if interview.level != AccessLevel::Open || interview.text != AccessLevel::Open {
            return Ok(Vec::new());
        }
        let ranges = Self::withheld_ranges(m, timeline, transcripts);
        let mut out = Vec::new();
        for p in &m.index_points {
            let inside = match &ranges {
                Some(ranges) => ranges
                    .iter()
                    .any(|range| overlaps(*range, (p.time_ms, p.time_ms))),
                None => true,
            };
            if !inside && self.is_public(RecordKind::IndexPoint, &p.id)? {
                let p = p.clone();
                out.push(PublicIndexPoint {
                    id: p.id,
                    time_ms: p.time_ms,
                    status: PublicStatus::Open,
                    title: p.title,
                    partial_transcript: p.partial_transcript,
                    synopsis: p.synopsis,
                    keywords: p.keywords,
                    subjects: p.subjects,
                    gps_lat: p.gps_lat,
                    gps_lon: p.gps_lon,
                    hyperlinks: p.hyperlinks,
                });
            } else {
                out.push(PublicIndexPoint {
                    id: p.id.clone(),
                    time_ms: p.time_ms,
                    status: PublicStatus::Withheld,
                    title: String::new(),
                    partial_transcript: String::new(),
                    synopsis: String::new(),
                    keywords: Vec::new(),
                    subjects: Vec::new(),
                    gps_lat: None,
                    gps_lon: None,
                    hyperlinks: Vec::new(),
                });
            }
        }
        Ok(out)
    }

    /// The recordings of an interview that may be published whole.
    pub fn recordings(&self, interview_id: &str) -> Result<Vec<PublicRecording>> {
        self.ask(interview_id, |m, timeline| {
            Ok(whole_recordings(self.silenced_recordings(m, timeline)?))
        })
    }

    /// The recordings of an interview that may leave once the withheld passages are silenced in
    /// them, with those passages as time ranges (ms), from every transcript of the interview; a
    /// passage whose last segment has no end runs to the next segment's start or to the end of
    /// the recording. `None` when the audio may not leave at all: the interview's or a
    /// transcript's audio is withheld, or a withheld passage has no times to silence.
    pub fn recordings_to_silence(&self, interview_id: &str) -> Result<Option<RecordingsToSilence>> {
        self.ask(interview_id, |m, timeline| {
            self.silenced_recordings(m, timeline)
        })
    }

    fn silenced_recordings(
        &self,
        m: &Material,
        timeline: &Timeline,
    ) -> Result<Option<RecordingsToSilence>> {
        let interview = self.policy.record(RecordKind::Interview, &m.interview.id)?;
        if interview.level != AccessLevel::Open || interview.audio != AccessLevel::Open {
            return Ok(None);
        }
        for (t, _) in &m.transcripts {
            if self.policy.record(RecordKind::Transcript, &t.id)?.audio != AccessLevel::Open {
                return Ok(None);
            }
        }
        let mut ranges = Vec::new();
        for passage in &timeline.passages {
            if !passage.touches_audio() {
                continue;
            }
            match passage.times {
                Some(range) => ranges.push(range),
                None => return Ok(None),
            }
        }
        ranges.sort_unstable();
        Ok(Some((all_recordings(m), ranges)))
    }

    /// Public people, by sort name.
    pub fn people(&self) -> Result<Vec<PublicPerson>> {
        let mut out = Vec::new();
        for p in &self.people {
            if self.is_public(RecordKind::Person, &p.id)? {
                out.push(PublicPerson {
                    context: self.context(&p.id)?,
                    id: p.id.clone(),
                    display_name: p.display_name.clone(),
                    sort_name: p.sort_name.clone(),
                    birth_date: p.birth_date.clone(),
                    death_date: p.death_date.clone(),
                    note: p.note.clone(),
                });
            }
        }
        Ok(out)
    }

    /// Whether a record or span may be shown, as the other end of a link or the place of a tag:
    /// a record when it is public, a span when its words are.
    fn target_public(&self, target: &Target) -> Result<bool> {
        let access = match self.policy.access(target) {
            Ok(access) => access,
            // What cannot be found cannot be shown.
            Err(crate::Error::NotFound { .. }) => return Ok(false),
            Err(e) => return Err(e),
        };
        Ok(match target {
            Target::Record(_) => access.is_public(),
            Target::Span(_) => {
                access.is_public() && access.text == AccessLevel::Open && access.redaction.is_none()
            }
        })
    }

    /// The tags, links and notes of a public record that may be shown with it. Empty for a
    /// record that is not public.
    pub fn context(&self, record_id: &str) -> Result<PublicContext> {
        let record = records::resolve(self.archive, record_id)?;
        if !self.target_public(&Target::Record(record.clone()))? {
            return Ok(PublicContext::default());
        }
        let mut context = PublicContext::default();
        for applied in tags::tags_of(self.archive, &record.id)? {
            if self.target_public(&applied.target)? && !context.tags.contains(&applied.label) {
                context.tags.push(applied.label);
            }
        }
        for end in links::of(self.archive, &record.id)? {
            let here = if end.direction == links::Direction::Outgoing {
                &end.link.from
            } else {
                &end.link.to
            };
            if self.target_public(here)? && self.target_public(&end.other)? {
                context.links.push(PublicLink {
                    label: end.label,
                    other: end.other,
                    other_title: end.other_title,
                });
            }
        }
        for note in sources::citations_of(self.archive, &record.id)? {
            let c = &note.citation;
            let source_public = self.is_public(RecordKind::Source, &c.source_id)?;
            let quoted_public = match &c.quoted_in_id {
                Some(q) => self.is_public(RecordKind::Source, q)?,
                None => true,
            };
            if source_public && quoted_public && self.target_public(&c.target)? {
                context.citations.push(note.text);
            }
        }
        Ok(context)
    }

    /// What the view leaves out.
    pub fn withheld(&self) -> Result<Withheld> {
        let mut w = Withheld::default();
        for c in &self.collections {
            if !self.is_public(RecordKind::Collection, &c.id)? {
                w.collections += 1;
            }
        }
        self.each_interview(|m, timeline| {
            let i = &m.interview;
            let access = self.policy.record(RecordKind::Interview, &i.id)?;
            match access.level {
                AccessLevel::Closed => w.interviews_closed += 1,
                AccessLevel::Restricted => w.interviews_restricted += 1,
                AccessLevel::Open => {
                    for (t, _) in &m.transcripts {
                        match self.transcript_mode(&i.id, &t.id)? {
                            Mode::Withheld => w.transcripts += 1,
                            Mode::Sealed(_) => w.spans_withheld += 1,
                            Mode::Open => {
                                for (rule, _) in self.policy.span_rules(&t.id)? {
                                    match rule.action {
                                        RestrictionAction::Redact => w.spans_redacted += 1,
                                        RestrictionAction::Seal => w.spans_withheld += 1,
                                        RestrictionAction::Restrict
                                            if rule.level != AccessLevel::Open
                                                && rule.layer != Layer::Audio =>
                                        {
                                            w.spans_withheld += 1
                                        }
                                        RestrictionAction::Restrict => {}
                                    }
                                }
                            }
                        }
                    }
                    let transcripts = self.public_transcripts(m, timeline)?;
                    w.index_points += self
                        .public_index_points(m, timeline, &transcripts)?
                        .iter()
                        .filter(|p| p.status != PublicStatus::Open)
                        .count() as u32;
                    if access.text != AccessLevel::Open {
                        w.index_points += m.index_points.len() as u32;
                    }
                    if !leave_whole(&self.silenced_recordings(m, timeline)?) {
                        w.recordings += m.recordings.len() as u32;
                    }
                }
            }
            Ok(())
        })?;
        for p in &self.people {
            if !self.is_public(RecordKind::Person, &p.id)? {
                w.people += 1;
            }
        }
        for p in crate::photo::list(self.archive, &Default::default())? {
            if !self.is_public(RecordKind::Photo, &p.id)? {
                w.photos += 1;
            }
        }
        Ok(w.finish())
    }

    /// Everything that may be published, in one value.
    pub fn archive(&self) -> Result<PublicArchive> {
        let mut interviews = Vec::new();
        self.each_interview(|m, timeline| {
            let Some(layers) = self.layers_on(m, timeline)? else {
                return Ok(());
            };
            interviews.push(PublicInterviewFull {
                context: self.context(&layers.interview.id)?,
                interview: layers.interview,
                transcripts: layers.transcripts,
                index_points: layers.index_points,
                recordings: whole_recordings(layers.recordings),
            });
            Ok(())
        })?;
        Ok(PublicArchive {
            today: self.policy.today().to_owned(),
            collections: self.collections()?,
            interviews,
            people: self.people()?,
            photos: self.photos()?,
            withheld: self.withheld()?,
        })
    }
}

/// Whether an interview's recordings may leave whole: its audio is open, and no transcript or
/// span of it withholds audio (a sealed passage is sealed in the recording too).
fn leave_whole(recordings: &Option<RecordingsToSilence>) -> bool {
    recordings
        .as_ref()
        .is_some_and(|(_, ranges)| ranges.is_empty())
}

/// The recordings that may leave whole, from what may leave once silenced: none when a
/// passage must be silenced in them.
fn whole_recordings(recordings: Option<RecordingsToSilence>) -> Vec<PublicRecording> {
    match recordings {
        Some((recordings, ranges)) if ranges.is_empty() => recordings,
        _ => Vec::new(),
    }
}

/// Every recording of an interview, as the public view lists it.
fn all_recordings(m: &Material) -> Vec<PublicRecording> {
    m.recordings
        .iter()
        .map(|(r, _)| PublicRecording {
            id: r.id.clone(),
            position: r.position,
            kind: r.kind.as_str().to_owned(),
            tape_label: r.tape_label.clone(),
            mime_type: r.mime_type.clone(),
            duration_ms: r.duration_ms,
            sha256: r.sha256.clone(),
            path: r.path.clone(),
        })
        .collect()
}

/// How a transcript leaves: whole, sealed whole (places and times only), or not at all.
enum Mode {
    Open,
    Sealed(String),
    Withheld,
}

/// What public output shows in place of a withheld person's name.
pub const WITHHELD_NAME: &str = "[name withheld]";

/// A span rule in force, placed on its interview's timeline.
struct Passage {
    rule: crate::restrictions::Restriction,
    /// The transcript it is set on.
    transcript_id: String,
    /// The positions it covers there (`None` when an end is gone: then all of it).
    positions: Option<(u32, u32)>,
    /// The time range it covers (ms), `None` when it cannot be placed in time: some segment of
    /// it has no start, or its ends are gone.
    times: Option<(u32, u32)>,
}

impl Passage {
    /// Whether it withholds or replaces words.
    fn touches_text(&self) -> bool {
        match self.rule.action {
            RestrictionAction::Redact => true,
            RestrictionAction::Seal => self.rule.layer != Layer::Audio,
            RestrictionAction::Restrict => {
                self.rule.layer != Layer::Audio && self.rule.level != AccessLevel::Open
            }
        }
    }

    /// Whether it withholds sound.
    fn touches_audio(&self) -> bool {
        matches!(self.rule.layer, Layer::All | Layer::Audio)
            && (self.rule.action != RestrictionAction::Restrict
                || self.rule.level != AccessLevel::Open)
    }

    /// Whether it covers the segment at `position` of `transcript_id`, timed `time`. In its own
    /// transcript by position; in the others by time, and, when either cannot be placed in
    /// time, wholly: withholding too much is recoverable, publishing a sealed passage is not.
    fn covers(&self, transcript_id: &str, position: u32, time: Option<(u32, u32)>) -> bool {
        if self.transcript_id == transcript_id {
            return match self.positions {
                Some((a, b)) => a <= position && position <= b,
                None => true,
            };
        }
        match (self.times, time) {
            (Some(passage), Some(segment)) => overlaps(passage, segment),
            _ => true,
        }
    }
}

/// Whether two time ranges share any time; a range of no length is a moment, inside a range
/// when it lies within it (ends included).
fn overlaps((a, b): (u32, u32), (c, d): (u32, u32)) -> bool {
    if a == b {
        c <= a && a <= d
    } else if c == d {
        a <= c && c <= b
    } else {
        a < d && c < b
    }
}

/// The span rules of an interview on its timeline.
struct Timeline {
    passages: Vec<Passage>,
    /// Where the recording ends, when known.
    end_ms: Option<u32>,
}

/// Each segment's time range: from its start to its end, or, without an end, to the next
/// segment's start, or to the end of the recording, or (that not known) to the end of time.
/// `None` for a segment without a start.
fn segment_times(segments: &[transcript::Segment], end_ms: Option<u32>) -> Vec<Option<(u32, u32)>> {
    segments
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let start = s.start_ms?;
            let end = s.end_ms.filter(|e| *e > start).unwrap_or_else(|| {
                segments[k + 1..]
                    .iter()
                    .find_map(|n| n.start_ms.filter(|n| *n > start))
                    .or(end_ms.filter(|e| *e > start))
                    .unwrap_or(u32::MAX)
            });
            Some((start, end))
        })
        .collect()
}

/// What becomes of a segment under the passages in force: the strictest covering it wins, and a
/// redaction's replacement is shown once, on the first segment it covers (`shown` remembers).
fn classify(
    transcript_id: &str,
    position: u32,
    time: Option<(u32, u32)>,
    passages: &[Passage],
    shown: &mut [bool],
) -> Judged {
    let mut status = PublicStatus::Open;
    let mut notice = None;
    let mut until = None;
    let mut replacement = None;
    for (k, p) in passages.iter().enumerate() {
        if !p.touches_text() || !p.covers(transcript_id, position, time) {
            continue;
        }
        let rule = &p.rule;
        match rule.action {
            RestrictionAction::Redact => {
                status = status.max(PublicStatus::Redacted);
                if !shown[k] {
                    shown[k] = true;
                    if replacement.is_none() {
                        replacement = Some(rule.replacement.clone().unwrap_or_default());
                    }
                }
            }
            RestrictionAction::Restrict | RestrictionAction::Seal => {
                let this = if rule.action == RestrictionAction::Seal {
                    PublicStatus::Sealed
                } else {
                    PublicStatus::Withheld
                };
                if this > status {
                    status = this;
                    notice = Some(notice_for(this, rule.until.as_deref()));
                    until = rule.until.clone();
                }
            }
        }
    }
    if status != PublicStatus::Redacted {
        replacement = None;
    }
    Judged {
        status,
        notice,
        until,
        replacement,
    }
}

/// What becomes of one segment: its status, the public notice in its place, the day the rule
/// that withholds it lifts, and a redaction's replacement.
struct Judged {
    status: PublicStatus,
    notice: Option<String>,
    until: Option<String>,
    replacement: Option<String>,
}

/// What the curator is told of a segment that would not leave as it is.
fn mark_label(status: PublicStatus, until: Option<&str>, replacement: Option<&str>) -> String {
    let when = until.map(|u| format!(" until {u}")).unwrap_or_default();
    match status {
        PublicStatus::Open => "In public output as it is".to_owned(),
        PublicStatus::Redacted => match replacement {
            Some(r) => format!("Redacted in public output: shown as \u{201c}{r}\u{201d}"),
            None => "Redacted in public output".to_owned(),
        },
        PublicStatus::Sealed => {
            format!("Sealed in public output{when}: its time is kept, its words withheld")
        }
        PublicStatus::Withheld => format!("Withheld from public output{when}"),
    }
}

/// The names of withheld people, to be replaced wherever a label or caption writes them.
#[derive(Default)]
struct NameScrubber {
    /// Lower-cased names, longest first, so "Anna Smilga" goes before "Smilga".
    names: Vec<String>,
}

impl NameScrubber {
    fn load(
        archive: &Archive,
        policy: &Policy<'_>,
        people: &[crate::people::Person],
    ) -> Result<Self> {
        let mut names: Vec<String> = Vec::new();
        // Each name once; a set, as a search of the list for each name would be quadratic in
        // the names of the people withheld.
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut add = |n: &str| {
            let n = n.trim().to_lowercase();
            // One or two letters are initials, which name no one on their own.
            if n.chars().count() > 2 && seen.insert(n.clone()) {
                names.push(n);
            }
        };
        for p in people {
            if policy.record(RecordKind::Person, &p.id)?.is_public() {
                continue;
            }
            add(&p.display_name);
            add(&p.sort_name);
            // "Smilga, Anna": the family name alone is how transcripts label speakers.
            if let Some((family, given)) = p.sort_name.split_once(',') {
                add(family);
                add(&format!("{} {}", given.trim(), family.trim()));
            }
            let mut stmt = archive.conn().prepare_cached(
                "SELECT v.name FROM person_name_variants v JOIN people p ON p.id = v.person_id WHERE p.uuid = ?1",
            )?;
            for v in stmt.query_map([&p.id], |r| r.get::<_, String>(0))? {
                add(&v?);
            }
        }
        names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        Ok(NameScrubber { names })
    }

    /// `text` with every whole-word occurrence of a withheld name replaced, ignoring case.
    fn scrub(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for name in &self.names {
            out = replace_word(&out, name, WITHHELD_NAME);
        }
        out
    }
}

/// `text` with each occurrence of `word` (lower case) that stands as a whole word replaced by
/// `with`, ignoring case.
fn replace_word(text: &str, word: &str, with: &str) -> String {
    let original: Vec<char> = text.chars().collect();
    let folded: String = text.chars().flat_map(char::to_lowercase).collect();
    // Folding can change lengths (a few letters); then the whole text goes, to be safe.
    if folded.chars().count() != original.len() {
        return if text.to_lowercase().contains(word) {
            with.to_owned()
        } else {
            text.to_owned()
        };
    }
    let folded_chars: Vec<char> = folded.chars().collect();
    let word_chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut k = 0;
    while k < folded_chars.len() {
        let end = k + word_chars.len();
        let boundary_before = k == 0 || !folded_chars[k - 1].is_alphanumeric();
        let boundary_after = end >= folded_chars.len() || !folded_chars[end].is_alphanumeric();
        if end <= folded_chars.len()
            && folded_chars[k..end] == word_chars[..]
            && boundary_before
            && boundary_after
        {
            out.push_str(with);
            k = end;
        } else {
            out.push(original[k]);
            k += 1;
        }
    }
    out
}

fn notice_for(status: PublicStatus, until: Option<&str>) -> String {
    let what = if status == PublicStatus::Sealed {
        "sealed"
    } else {
        "withheld"
    };
    match until {
        Some(day) => format!("[{what} until {day}]"),
        None => format!("[{what}]"),
    }
}

/// What of a transcript is held back on `today`.
pub fn transcript_marks(
    archive: &Archive,
    transcript_id: &str,
    today: &str,
) -> Result<TranscriptMarks> {
    PublicView::new(archive, today)?.transcript_marks(transcript_id)
}

/// Public interviews on `today`.
pub fn interviews(archive: &Archive, today: &str) -> Result<Vec<PublicInterview>> {
    PublicView::new(archive, today)?.interviews()
}

/// A public transcript on `today`, or `None` when it may not leave.
pub fn transcript(
    archive: &Archive,
    transcript_id: &str,
    today: &str,
) -> Result<Option<PublicTranscript>> {
    PublicView::new(archive, today)?.transcript(transcript_id)
}

/// The public index of an interview on `today`.
pub fn index_points(
    archive: &Archive,
    interview_id: &str,
    today: &str,
) -> Result<Vec<PublicIndexPoint>> {
    PublicView::new(archive, today)?.index_points(interview_id)
}

/// The public recordings of an interview on `today`.
pub fn recordings(
    archive: &Archive,
    interview_id: &str,
    today: &str,
) -> Result<Vec<PublicRecording>> {
    PublicView::new(archive, today)?.recordings(interview_id)
}

/// Public people on `today`.
pub fn people(archive: &Archive, today: &str) -> Result<Vec<PublicPerson>> {
    PublicView::new(archive, today)?.people()
}

/// What is withheld on `today`.
pub fn withheld(archive: &Archive, today: &str) -> Result<Withheld> {
    PublicView::new(archive, today)?.withheld()
}

/// Everything public on `today`.
pub fn archive(archive: &Archive, today: &str) -> Result<PublicArchive> {
    PublicView::new(archive, today)?.archive()
}

mod photos;
pub use photos::PublishedPhoto;
mod interview_access;

pub use interview_access::*;

#[cfg(test)]
mod tests;
