use super::*;
use crate::records::{RecordRef, SpanRef};
use crate::{
    collection::{self, CollectionInput},
    interview::{self, InterviewInput},
    jobs::JobContext,
    people::{self, PersonInput},
    transcript::{self, ImportOptions},
};

pub(crate) struct Fixture {
    pub archive: Archive,
    pub collection: String,
    pub narrator: String,
    pub interview: String,
    pub transcript: String,
    pub segments: Vec<String>,
}

/// A collection with one interview narrated by one person, with a timed transcript of six
/// segments, each saying which it is.
pub(crate) fn fixture() -> Fixture {
    let mut a = Archive::open_in_memory().unwrap();
    let c = collection::create(
        &mut a,
        &CollectionInput {
            title: "Children of the Left Opposition".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let n = people::create(
        &mut a,
        &PersonInput {
            display_name: "Tatiana Smilga".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let i = interview::create(
        &mut a,
        &InterviewInput {
            title: "Interview with Tatiana Smilga".into(),
            collection_id: Some(c.id.clone()),
            narrator_ids: vec![n.id.clone()],
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let vtt: String = std::iter::once("WEBVTT\n".to_owned())
        .chain((0..6).map(|k| {
            format!(
                "\n00:00:{:02}.000 --> 00:00:{:02}.500\nsegment-{k}-words\n",
                k * 10,
                k * 10 + 5
            )
        }))
        .collect();
    let t = transcript::import(
        &mut a,
        &i.id,
        "smilga.vtt",
        vtt.as_bytes(),
        &ImportOptions::default(),
        &JobContext::silent(),
        Origin::Import,
    )
    .unwrap()
    .transcript;
    let segments = transcript::segments(&a, &t.id)
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    Fixture {
        archive: a,
        collection: c.id,
        narrator: n.id,
        interview: i.id,
        transcript: t.id,
        segments,
    }
}

impl Fixture {
    pub fn interview_target(&self) -> Target {
        Target::record(RecordKind::Interview, self.interview.clone())
    }

    pub fn span(&self, first: usize, last: usize) -> Target {
        Target::Span(SpanRef {
            transcript_id: self.transcript.clone(),
            first_segment_id: self.segments[first].clone(),
            last_segment_id: self.segments[last].clone(),
        })
    }

    pub fn restrict(
        &mut self,
        target: Target,
        action: RestrictionAction,
        level: AccessLevel,
        until: Option<&str>,
    ) -> Option<Restriction> {
        restrict(
            &mut self.archive,
            &RestrictionInput {
                target: Some(target),
                action,
                level,
                until: until.map(Into::into),
                reason: "narrator's request".into(),
                ..Default::default()
            },
            Origin::Cli,
        )
        .unwrap()
    }

    pub fn form(
        &mut self,
        status: ReleaseStatus,
        terms: ReleaseTerms,
        until: Option<&str>,
    ) -> ReleaseForm {
        add_release_form(
            &mut self.archive,
            &ReleaseFormInput {
                subject: RecordRef::new(RecordKind::Interview, self.interview.clone()),
                status,
                signed_on: Some("2015-05-01".into()),
                terms,
                until: until.map(Into::into),
                narrator_id: None,
                document_id: None,
                note: String::new(),
            },
            Origin::Cli,
        )
        .unwrap()
    }

    pub fn access(&self, target: &Target, today: &str) -> Access {
        effective_access(&self.archive, target, today).unwrap()
    }
}

#[test]
fn an_embargo_lifts_by_itself_on_its_day() {
    let mut f = fixture();
    f.restrict(
        f.interview_target(),
        RestrictionAction::Restrict,
        AccessLevel::Closed,
        Some("2030-01-01"),
    );
    let before = f.access(&f.interview_target(), "2029-12-31");
    assert_eq!(before.level, AccessLevel::Closed);
    assert_eq!(before.lifts_on.as_deref(), Some("2030-01-01"));
    assert!(
        before.reasons[0].because.contains("narrator's request"),
        "{:?}",
        before.reasons
    );
    assert!(
        f.access(&f.interview_target(), "2030-01-01").is_public(),
        "open on the embargo's day"
    );
}

#[test]
fn restrictions_pass_down_from_collection_to_interview_to_transcript() {
    let mut f = fixture();
    f.restrict(
        Target::record(RecordKind::Collection, f.collection.clone()),
        RestrictionAction::Restrict,
        AccessLevel::Restricted,
        None,
    );
    let transcript = f.access(
        &Target::record(RecordKind::Transcript, f.transcript.clone()),
        "2025-01-01",
    );
    assert_eq!(transcript.level, AccessLevel::Restricted);
    assert_eq!(
        transcript.reasons[0].set_on,
        Target::record(RecordKind::Collection, f.collection.clone()),
        "the UI can say where it comes from"
    );
    assert_eq!(transcript.lifts_on, None, "no end day");
    let person = f.access(
        &Target::record(RecordKind::Person, f.narrator.clone()),
        "2025-01-01",
    );
    assert!(
        person.is_public(),
        "a collection does not close its narrators' records"
    );
}

#[test]
fn closed_until_the_narrators_death_lifts_once_the_death_is_recorded_and_past() {
    let mut f = fixture();
    f.form(ReleaseStatus::Signed, ReleaseTerms::ClosedUntilDeath, None);
    assert_eq!(
        f.access(&f.interview_target(), "2025-01-01").level,
        AccessLevel::Closed,
        "alive, or not known to have died"
    );
    let narrator = people::get(&f.archive, &f.narrator).unwrap();
    people::update(
        &mut f.archive,
        &f.narrator,
        &PersonInput {
            display_name: narrator.display_name,
            death_date: Some("2020".into()),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    assert_eq!(
        f.access(&f.interview_target(), "2020-06-01").level,
        AccessLevel::Closed,
        "\"2020\" may still mean December"
    );
    assert!(f.access(&f.interview_target(), "2021-01-01").is_public());
}

#[test]
fn a_transcript_closed_audio_open_form_closes_the_text_only() {
    let mut f = fixture();
    f.form(
        ReleaseStatus::Signed,
        ReleaseTerms::TranscriptClosedAudioOpen,
        None,
    );
    let access = f.access(&f.interview_target(), "2025-01-01");
    assert_eq!(
        (access.level, access.text, access.audio),
        (AccessLevel::Open, AccessLevel::Closed, AccessLevel::Open)
    );
    assert_eq!(
        f.access(
            &Target::record(RecordKind::Transcript, f.transcript.clone()),
            "2025-01-01"
        )
        .level,
        AccessLevel::Closed
    );
    let mut g = fixture();
    g.form(
        ReleaseStatus::Signed,
        ReleaseTerms::AudioClosedTranscriptOpen,
        Some("2027-01-01"),
    );
    let access = g.access(&g.interview_target(), "2025-01-01");
    assert_eq!(
        (access.text, access.audio),
        (AccessLevel::Open, AccessLevel::Closed)
    );
    assert_eq!(
        g.access(&g.interview_target(), "2027-01-01").audio,
        AccessLevel::Open
    );
}

#[test]
fn unsigned_forms_restrict_and_declined_ones_close() {
    let mut f = fixture();
    let form = f.form(ReleaseStatus::Pending, ReleaseTerms::Open, None);
    assert_eq!(
        f.access(&f.interview_target(), "2025-01-01").level,
        AccessLevel::Restricted
    );
    let mut input = ReleaseFormInput {
        subject: form.subject.clone(),
        status: ReleaseStatus::Declined,
        signed_on: None,
        terms: ReleaseTerms::Open,
        until: None,
        narrator_id: None,
        document_id: None,
        note: String::new(),
    };
    update_release_form(&mut f.archive, &form.id, &input, Origin::Cli).unwrap();
    assert_eq!(
        f.access(&f.interview_target(), "2025-01-01").level,
        AccessLevel::Closed
    );
    input.status = ReleaseStatus::Signed;
    update_release_form(&mut f.archive, &form.id, &input, Origin::Cli).unwrap();
    assert!(f.access(&f.interview_target(), "2025-01-01").is_public());
}

#[test]
fn the_curator_cannot_open_what_a_release_form_closes() {
    let mut f = fixture();
    f.form(
        ReleaseStatus::Signed,
        ReleaseTerms::ClosedUntilDate,
        Some("2040-01-01"),
    );
    f.restrict(
        f.interview_target(),
        RestrictionAction::Restrict,
        AccessLevel::Restricted,
        None,
    );
    assert!(
        f.restrict(
            f.interview_target(),
            RestrictionAction::Restrict,
            AccessLevel::Open,
            None
        )
        .is_none(),
        "open lifts the curator's restriction"
    );
    assert!(list_for(&f.archive, &f.interview).unwrap().is_empty());
    let access = f.access(&f.interview_target(), "2025-01-01");
    assert_eq!(
        access.level,
        AccessLevel::Closed,
        "the signed terms still hold"
    );
    assert_eq!(access.reasons[0].rule, RuleKind::ReleaseForm);
    let history = provenance::history(&f.archive, &f.interview).unwrap();
    let restrictions: Vec<_> = history
        .iter()
        .filter(|e| e.record_kind == "restriction")
        .collect();
    assert_eq!(restrictions.len(), 2, "set and lifted");
    assert_eq!(
        restrictions[0].note.as_deref(),
        Some("narrator's request"),
        "the reason is the event's note"
    );
    assert_eq!(restrictions[1].event_type, EventType::Restriction);
}

#[test]
fn a_span_is_restricted_where_a_sealed_span_overlaps_it() {
    let mut f = fixture();
    f.restrict(
        f.span(1, 2),
        RestrictionAction::Seal,
        AccessLevel::Closed,
        Some("2030-01-01"),
    );
    assert_eq!(
        f.access(&f.span(2, 4), "2025-01-01").level,
        AccessLevel::Closed
    );
    assert!(f.access(&f.span(3, 5), "2025-01-01").is_public());
    assert!(
        f.access(&f.span(2, 4), "2030-01-01").is_public(),
        "the seal lifts on its day"
    );
    assert!(
        f.access(&f.interview_target(), "2025-01-01").is_public(),
        "a sealed passage leaves the interview open"
    );
    let mut input = RestrictionInput {
        target: Some(f.span(4, 4)),
        action: RestrictionAction::Redact,
        ..Default::default()
    };
    restrict(&mut f.archive, &input, Origin::Cli).unwrap();
    assert_eq!(
        f.access(&f.span(4, 5), "2025-01-01").redaction.as_deref(),
        Some("[redacted]")
    );
    input.replacement = Some("[name removed]".into());
    restrict(&mut f.archive, &input, Origin::Cli).unwrap();
    assert_eq!(
        list_for(&f.archive, &f.transcript).unwrap().len(),
        2,
        "setting a redaction again replaces it"
    );
}

#[test]
fn nonsense_is_refused_and_changes_nothing() {
    let mut f = fixture();
    let cases = [
        RestrictionInput {
            target: Some(f.interview_target()),
            action: RestrictionAction::Redact,
            ..Default::default()
        },
        RestrictionInput {
            target: Some(f.interview_target()),
            action: RestrictionAction::Seal,
            ..Default::default()
        },
        RestrictionInput {
            target: Some(f.interview_target()),
            level: AccessLevel::Closed,
            until: Some("2030".into()),
            ..Default::default()
        },
        RestrictionInput {
            target: None,
            ..Default::default()
        },
    ];
    for input in cases {
        assert!(
            matches!(
                restrict(&mut f.archive, &input, Origin::Cli),
                Err(Error::Invalid { .. })
            ),
            "{input:?}"
        );
    }
    let err = add_release_form(
        &mut f.archive,
        &ReleaseFormInput {
            subject: RecordRef::new(RecordKind::Interview, f.interview.clone()),
            status: ReleaseStatus::Signed,
            signed_on: None,
            terms: ReleaseTerms::ClosedUntilDate,
            until: None,
            narrator_id: None,
            document_id: None,
            note: String::new(),
        },
        Origin::Cli,
    )
    .unwrap_err();
    assert!(
        matches!(err, Error::Invalid { field: "until", .. }),
        "{err}"
    );
    assert!(list(&f.archive).unwrap().is_empty());
}
