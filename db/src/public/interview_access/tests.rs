use super::*;
use crate::{
    export::{
        content::{self, Selection},
        package::Profile,
    },
    interview::InterviewInput,
    jobs::JobContext,
    records::Target,
    restrictions::{
        tests::{fixture, Fixture},
        ReleaseStatus, ReleaseTerms,
    },
    Origin,
};

const TODAY: &str = "2025-06-01";

fn access(f: &Fixture) -> InterviewAccess {
    interview_access(&f.archive, &f.interview, TODAY).unwrap()
}

/// The interview as a public package carries it on TODAY, when it carries it.
fn packaged(f: &Fixture) -> Option<content::PackagedInterview> {
    content::gather(
        &f.archive,
        Profile::Public,
        &Selection::All,
        TODAY,
        &JobContext::silent(),
    )
    .unwrap()
    .interviews
    .into_iter()
    .find(|i| i.interview.id == f.interview)
}

#[test]
fn an_interview_nothing_restricts_is_open_and_leaves_whole() {
    let f = fixture();
    let got = access(&f);
    assert_eq!(got.state, InterviewAccessState::Open, "{got:?}");
    assert_eq!(got.label, "Open");
    assert_eq!(got.headline, "Open: all of it goes into a public package");
    assert!(got.parts.is_empty());
    let out = packaged(&f).expect("an open interview leaves");
    assert!(
        out.transcripts[0]
            .segments
            .iter()
            .all(|s| s.withheld.is_none()),
        "the export withholds nothing of an open interview"
    );
}

#[test]
fn a_sealed_passage_makes_the_interview_partly_withheld_as_the_export_does() {
    let mut f = fixture();
    f.restrict(
        f.span(1, 2),
        RestrictionAction::Seal,
        AccessLevel::Closed,
        Some("2030-01-01"),
    );
    let got = access(&f);
    assert_eq!(got.state, InterviewAccessState::Partial, "{got:?}");
    assert_eq!(got.sealed_passages, 1);
    assert_eq!(got.label, "Partly withheld");
    assert_eq!(got.headline, "Partly withheld: 1 sealed passage");
    assert_eq!(got.parts, vec!["1 sealed passage"]);
    assert!(
        got.reasons.is_empty(),
        "nothing withholds the whole interview: {:?}",
        got.reasons
    );
    // The export agrees: the interview leaves, its passage without its words.
    let out = packaged(&f).expect("a partly withheld interview still leaves");
    let withheld: Vec<u32> = out.transcripts[0]
        .segments
        .iter()
        .filter(|s| s.withheld.is_some())
        .map(|s| s.segment.position)
        .collect();
    assert_eq!(
        withheld,
        vec![1, 2],
        "the export withholds the sealed passage"
    );
}

#[test]
fn a_closed_interview_is_closed_and_does_not_leave() {
    let mut f = fixture();
    f.restrict(
        f.interview_target(),
        RestrictionAction::Restrict,
        AccessLevel::Closed,
        None,
    );
    let got = access(&f);
    assert_eq!(got.state, InterviewAccessState::Closed, "{got:?}");
    assert_eq!(got.label, "Closed");
    assert_eq!(
        got.headline,
        "Closed: none of it goes into a public package"
    );
    assert_eq!(
        got.reasons,
        vec!["closed by the curator: narrator's request"]
    );
    assert!(
        packaged(&f).is_none(),
        "the export leaves a closed interview out"
    );
}

#[test]
fn an_embargo_says_its_day_and_a_declined_release_closes() {
    let mut f = fixture();
    f.restrict(
        f.interview_target(),
        RestrictionAction::Restrict,
        AccessLevel::Restricted,
        Some("2030-01-01"),
    );
    let got = access(&f);
    assert_eq!(got.state, InterviewAccessState::Restricted);
    assert_eq!(got.until.as_deref(), Some("2030-01-01"));
    assert_eq!(got.label, "Restricted");
    assert_eq!(
        got.headline,
        "Restricted until 2030-01-01: none of it goes into a public package"
    );
    assert!(packaged(&f).is_none());
    // On the embargo's day it is open.
    let open = interview_access(&f.archive, &f.interview, "2030-01-01").unwrap();
    assert_eq!(open.state, InterviewAccessState::Open);

    let mut f = fixture();
    f.form(ReleaseStatus::Declined, ReleaseTerms::Open, None);
    let got = access(&f);
    assert_eq!(got.state, InterviewAccessState::Closed);
    assert_eq!(got.reasons, vec!["release declined (release form)"]);
}

#[test]
fn a_closed_transcript_and_a_withheld_narrator_are_parts_withheld() {
    let mut f = fixture();
    f.restrict(
        Target::record(RecordKind::Transcript, f.transcript.clone()),
        RestrictionAction::Restrict,
        AccessLevel::Closed,
        None,
    );
    f.restrict(
        Target::record(RecordKind::Person, f.narrator.clone()),
        RestrictionAction::Restrict,
        AccessLevel::Restricted,
        None,
    );
    let got = access(&f);
    assert_eq!(got.state, InterviewAccessState::Partial, "{got:?}");
    assert_eq!(
        got.headline,
        "Partly withheld: 1 transcript withheld, 1 name withheld"
    );
    let out = packaged(&f).expect("the interview leaves");
    assert!(
        out.transcripts.is_empty(),
        "the export leaves the transcript out"
    );
}

#[test]
fn the_list_judges_each_interview_as_the_view_does_one_by_one() {
    let mut f = fixture();
    f.restrict(
        f.span(3, 3),
        RestrictionAction::Redact,
        AccessLevel::Open,
        None,
    );
    let mut ids = vec![f.interview.clone()];
    for (title, level) in [
        ("Closed one", Some(AccessLevel::Closed)),
        ("Open one", None),
        ("Narrated by the withheld", None),
    ] {
        let narrator_ids = if title.starts_with("Narrated") {
            vec![f.narrator.clone()]
        } else {
            vec![]
        };
        let i = interview::create(
            &mut f.archive,
            &InterviewInput {
                title: title.into(),
                narrator_ids,
                ..Default::default()
            },
            Origin::Cli,
        )
        .unwrap();
        if let Some(level) = level {
            f.restrict(
                Target::record(RecordKind::Interview, i.id.clone()),
                RestrictionAction::Restrict,
                level,
                None,
            );
        }
        ids.push(i.id);
    }
    f.restrict(
        Target::record(RecordKind::Person, f.narrator.clone()),
        RestrictionAction::Restrict,
        AccessLevel::Restricted,
        None,
    );
    let listed = listed_interviews(&f.archive, &Default::default(), TODAY).unwrap();
    assert_eq!(listed.len(), 4);
    for row in &listed {
        let one = interview_access(&f.archive, &row.interview.id, TODAY).unwrap();
        assert_eq!(
            row.access, one,
            "the list says of \"{}\" what the interview's own answer says",
            row.interview.title
        );
    }
    let by_title = |t: &str| {
        listed
            .iter()
            .find(|r| r.interview.title == t)
            .unwrap()
            .access
            .clone()
    };
    assert_eq!(by_title("Closed one").state, InterviewAccessState::Closed);
    assert_eq!(by_title("Open one").state, InterviewAccessState::Open);
    assert_eq!(
        by_title("Narrated by the withheld").headline,
        "Partly withheld: 1 name withheld"
    );
    assert_eq!(
        by_title("Interview with Tatiana Smilga").headline,
        "Partly withheld: 1 passage redacted, 1 name withheld"
    );
}

#[test]
fn a_transcript_held_back_whole_is_said_in_words_not_a_placeholder() {
    let mut f = fixture();
    f.restrict(
        f.interview_target(),
        RestrictionAction::Restrict,
        AccessLevel::Closed,
        None,
    );
    let marks = super::super::transcript_marks(&f.archive, &f.transcript, TODAY).unwrap();
    let held = marks.held.expect("the curator is told why");
    assert_eq!(
        held,
        "Public output holds this whole transcript back (closed by the curator: narrator's request): see the Access tab."
    );
    assert!(!held.contains('['), "no placeholder in the words: {held}");

    let mut f = fixture();
    f.restrict(
        f.span(1, 2),
        RestrictionAction::Seal,
        AccessLevel::Closed,
        Some("2030-01-01"),
    );
    let marks = super::super::transcript_marks(&f.archive, &f.transcript, TODAY).unwrap();
    assert_eq!(marks.held, None);
    assert_eq!(
        marks.segments[0].label,
        "Sealed in public output until 2030-01-01: its time is kept, its words withheld"
    );
}

#[test]
fn a_release_closing_the_text_withholds_the_text_even_with_no_transcript_yet() {
    let mut f = fixture();
    f.form(
        ReleaseStatus::Signed,
        ReleaseTerms::TranscriptClosedAudioOpen,
        None,
    );
    let got = access(&f);
    assert_eq!(got.state, InterviewAccessState::Partial, "{got:?}");
    assert!(got.text_withheld && !got.sound_withheld);
    assert_eq!(got.headline, "Partly withheld: its text withheld");
    assert_eq!(
        got.reasons,
        vec!["transcript closed, audio open (release form)"]
    );
    let out = packaged(&f).expect("the interview leaves");
    assert!(out.transcripts.is_empty(), "without its text");
}
