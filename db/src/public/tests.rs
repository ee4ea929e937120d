use rusqlite::params;

use super::*;
use crate::{
    ids,
    records::{RecordRef, SpanRef, Target},
    restrictions::{
        self, tests::fixture, AccessLevel, ReleaseFormInput, ReleaseStatus, ReleaseTerms,
        RestrictionAction, RestrictionInput,
    },
    transcript::{formats::ParsedIndexPoint, index},
    Origin,
};

const TODAY: &str = "2025-06-01";

fn json(view: &PublicArchive) -> String {
    serde_json::to_string(view).unwrap()
}

fn add_point(a: &mut Archive, interview_id: &str, time_ms: u32, title: &str) -> String {
    let key = crate::interview::key(a.conn(), interview_id).unwrap();
    a.write(|w| {
        index::insert(
            w,
            key,
            &ParsedIndexPoint {
                time_ms,
                title: title.into(),
                synopsis: format!("{title} synopsis"),
                ..Default::default()
            },
        )
    })
    .unwrap()
}

fn add_recording(a: &mut Archive, interview_id: &str, path: &str) {
    a.write(|w| {
        w.execute(
            "INSERT INTO media (uuid, interview_id, position, kind, storage, path, sha256, size_bytes, mime_type, created_at, updated_at)
             SELECT ?1, id, 0, 'audio', 'managed', ?2, ?3, 1, 'audio/wav', 'x', 'x' FROM interviews WHERE uuid = ?4",
            params![ids::new_id(), path, "0".repeat(64), interview_id],
        )?;
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_sealed_passage_keeps_its_place_and_times_and_a_redaction_its_replacement() {
    let mut f = fixture();
    f.restrict(
        f.span(1, 2),
        RestrictionAction::Seal,
        AccessLevel::Closed,
        Some("2030-01-01"),
    );
    let redaction = RestrictionInput {
        target: Some(f.span(4, 5)),
        action: RestrictionAction::Redact,
        replacement: Some("[name removed]".into()),
        ..Default::default()
    };
    restrictions::restrict(&mut f.archive, &redaction, Origin::Cli).unwrap();
    let t = transcript(&f.archive, &f.transcript, TODAY)
        .unwrap()
        .expect("the transcript is public");
    let shown: Vec<(u32, Option<u32>, &str, PublicStatus)> = t
        .segments
        .iter()
        .map(|s| (s.position, s.start_ms, s.text.as_str(), s.status))
        .collect();
    assert_eq!(
        shown,
        [
            (0, Some(0), "segment-0-words", PublicStatus::Open),
            (1, Some(10_000), "", PublicStatus::Sealed),
            (2, Some(20_000), "", PublicStatus::Sealed),
            (3, Some(30_000), "segment-3-words", PublicStatus::Open),
            (4, Some(40_000), "[name removed]", PublicStatus::Redacted),
            (5, Some(50_000), "", PublicStatus::Redacted),
        ]
    );
    assert_eq!(
        t.segments[1].notice.as_deref(),
        Some("[sealed until 2030-01-01]")
    );
    let summary = withheld(&f.archive, TODAY).unwrap().summary();
    assert_eq!(summary, "1 span sealed or withheld, 1 span redacted");
    let later = transcript(&f.archive, &f.transcript, "2030-01-01")
        .unwrap()
        .unwrap();
    assert_eq!(
        later.segments[1].text, "segment-1-words",
        "the seal lifts by itself"
    );
}

#[test]
fn the_transcript_view_marks_exactly_what_public_output_holds_back() {
    let mut f = fixture();
    let open = transcript_marks(&f.archive, &f.transcript, TODAY).unwrap();
    assert_eq!(open.whole, None);
    assert!(open.segments.is_empty(), "nothing is held back yet");

    f.restrict(
        f.span(1, 1),
        RestrictionAction::Seal,
        AccessLevel::Closed,
        Some("2030-01-01"),
    );
    let redaction = RestrictionInput {
        target: Some(f.span(3, 4)),
        action: RestrictionAction::Redact,
        replacement: Some("[name removed]".into()),
        ..Default::default()
    };
    restrictions::restrict(&mut f.archive, &redaction, Origin::Cli).unwrap();
    let marks = transcript_marks(&f.archive, &f.transcript, TODAY).unwrap();
    let shown: Vec<(&str, PublicStatus, Option<&str>, Option<&str>)> = marks
        .segments
        .iter()
        .map(|m| {
            (
                m.segment_id.as_str(),
                m.status,
                m.notice.as_deref(),
                m.replacement.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                f.segments[1].as_str(),
                PublicStatus::Sealed,
                Some("[sealed until 2030-01-01]"),
                None
            ),
            (
                f.segments[3].as_str(),
                PublicStatus::Redacted,
                None,
                Some("[name removed]")
            ),
            (f.segments[4].as_str(), PublicStatus::Redacted, None, None),
        ]
    );
    assert!(
        transcript_marks(&f.archive, &f.transcript, "2030-01-01")
            .unwrap()
            .segments
            .iter()
            .all(|m| m.status == PublicStatus::Redacted),
        "the seal lifts by itself; the redaction stays"
    );

    f.restrict(
        f.interview_target(),
        RestrictionAction::Restrict,
        AccessLevel::Closed,
        None,
    );
    let closed = transcript_marks(&f.archive, &f.transcript, TODAY).unwrap();
    assert_eq!(closed.whole.as_deref(), Some("[withheld]"));
    assert!(closed.segments.is_empty());
}

#[test]
fn a_closed_interview_never_leaves_and_is_counted() {
    let mut f = fixture();
    add_point(&mut f.archive, &f.interview, 1_000, "Arbat");
    add_recording(&mut f.archive, &f.interview, "a.media/tape.wav");
    f.restrict(
        f.interview_target(),
        RestrictionAction::Restrict,
        AccessLevel::Closed,
        None,
    );
    let view = archive(&f.archive, TODAY).unwrap();
    let text = json(&view);
    assert!(view.interviews.is_empty());
    for secret in [
        f.interview.as_str(),
        "Interview with Tatiana Smilga",
        "segment-0-words",
        "Arbat",
        "tape.wav",
    ] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
    assert!(transcript(&f.archive, &f.transcript, TODAY)
        .unwrap()
        .is_none());
    assert_eq!(view.withheld.summary(), "1 interview closed");
    assert_eq!(
        view.collections.len(),
        1,
        "the collection itself stays public"
    );
}

#[test]
fn an_index_point_inside_a_sealed_passage_keeps_only_its_time() {
    let mut f = fixture();
    let inside = add_point(&mut f.archive, &f.interview, 12_000, "Exile to Minusinsk");
    let outside = add_point(&mut f.archive, &f.interview, 31_000, "Return");
    f.restrict(
        f.span(1, 1),
        RestrictionAction::Seal,
        AccessLevel::Closed,
        None,
    );
    let points = index_points(&f.archive, &f.interview, TODAY).unwrap();
    let by_id = |id: &str| points.iter().find(|p| p.id == id).unwrap();
    assert_eq!(
        (
            by_id(&inside).status,
            by_id(&inside).title.as_str(),
            by_id(&inside).time_ms
        ),
        (PublicStatus::Withheld, "", 12_000)
    );
    assert_eq!(
        (by_id(&outside).status, by_id(&outside).title.as_str()),
        (PublicStatus::Open, "Return")
    );
    f.restrict(
        Target::record(crate::records::RecordKind::IndexPoint, outside.clone()),
        RestrictionAction::Restrict,
        AccessLevel::Restricted,
        None,
    );
    let points = index_points(&f.archive, &f.interview, TODAY).unwrap();
    assert!(
        points.iter().all(|p| p.status == PublicStatus::Withheld),
        "a point restricted by itself is withheld too"
    );
}

#[test]
fn a_recording_leaves_only_when_no_part_of_it_is_withheld() {
    let mut f = fixture();
    add_recording(&mut f.archive, &f.interview, "a.media/tape.wav");
    assert_eq!(
        recordings(&f.archive, &f.interview, TODAY).unwrap().len(),
        1
    );
    let text_only = RestrictionInput {
        target: Some(f.span(2, 2)),
        action: RestrictionAction::Redact,
        layer: restrictions::Layer::Text,
        ..Default::default()
    };
    restrictions::restrict(&mut f.archive, &text_only, Origin::Cli).unwrap();
    assert_eq!(
        recordings(&f.archive, &f.interview, TODAY).unwrap().len(),
        1,
        "a text-only redaction leaves the audio"
    );
    f.restrict(
        f.span(3, 3),
        RestrictionAction::Seal,
        AccessLevel::Closed,
        None,
    );
    assert!(
        recordings(&f.archive, &f.interview, TODAY)
            .unwrap()
            .is_empty(),
        "a sealed passage is in the audio too"
    );
    let interview = interviews(&f.archive, TODAY).unwrap().remove(0);
    assert!(interview.text_public && !interview.audio_public);
    assert_eq!(withheld(&f.archive, TODAY).unwrap().recordings, 1);
}

#[test]
fn a_withheld_narrators_name_is_replaced() {
    let mut f = fixture();
    f.restrict(
        Target::record(crate::records::RecordKind::Person, f.narrator.clone()),
        RestrictionAction::Restrict,
        AccessLevel::Closed,
        None,
    );
    let view = archive(&f.archive, TODAY).unwrap();
    assert_eq!(
        view.interviews[0].interview.narrators[0],
        PublicName {
            id: None,
            name: "[name withheld]".into(),
            withheld: true
        }
    );
    assert!(view.people.is_empty());
    assert!(
        !json(&view).contains("\"Tatiana Smilga\""),
        "the name is nowhere but in the interview's own title"
    );
}

#[test]
fn a_transcript_sealed_whole_keeps_its_times_and_one_closed_by_terms_goes() {
    let mut f = fixture();
    f.restrict(
        Target::record(crate::records::RecordKind::Transcript, f.transcript.clone()),
        RestrictionAction::Seal,
        AccessLevel::Closed,
        None,
    );
    let t = transcript(&f.archive, &f.transcript, TODAY)
        .unwrap()
        .unwrap();
    assert!(t
        .segments
        .iter()
        .all(|s| s.status == PublicStatus::Sealed && s.text.is_empty() && s.start_ms.is_some()));
    let mut g = fixture();
    g.form(
        ReleaseStatus::Signed,
        ReleaseTerms::TranscriptClosedAudioOpen,
        None,
    );
    assert!(transcript(&g.archive, &g.transcript, TODAY)
        .unwrap()
        .is_none());
    assert_eq!(
        interviews(&g.archive, TODAY).unwrap().len(),
        1,
        "the interview itself stays public"
    );
}

#[test]
fn tags_links_and_notes_show_only_where_both_ends_are_public() {
    let mut a = Archive::open_in_memory().unwrap();
    crate::sample::build(&mut a).unwrap();
    let person = |name: &str| {
        crate::people::list(&a)
            .unwrap()
            .into_iter()
            .find(|p| p.display_name == name)
            .unwrap()
            .id
    };
    let (ivar, tatiana) = (person("Ivar Smilga"), person("Tatiana Smilga"));
    let rogovin = crate::sources::list(&a)
        .unwrap()
        .into_iter()
        .find(|s| s.fields.authors == ["Vadim Z. Rogovin"])
        .unwrap()
        .id;
    let view = archive(&a, TODAY).unwrap();
    let ivar_public = view.people.iter().find(|p| p.id == ivar).unwrap();
    assert_eq!(ivar_public.context.tags, ["Left Opposition"]);
    assert_eq!(
        ivar_public.context.links.len(),
        2,
        "parent of Tatiana, mentioned in her interview"
    );
    assert_eq!(
        view.collections[0].citations.len(),
        3,
        "the footnotes leave with the collection"
    );
    f_restrict(
        &mut a,
        Target::record(crate::records::RecordKind::Person, tatiana),
        AccessLevel::Closed,
    );
    f_restrict(
        &mut a,
        Target::record(crate::records::RecordKind::Source, rogovin),
        AccessLevel::Restricted,
    );
    let view = archive(&a, TODAY).unwrap();
    let ivar_public = view.people.iter().find(|p| p.id == ivar).unwrap();
    let labels: Vec<&str> = ivar_public
        .context
        .links
        .iter()
        .map(|l| l.label.as_str())
        .collect();
    assert_eq!(
        labels,
        ["mentioned in"],
        "the link to a closed person is left out"
    );
    assert_eq!(
        view.collections[0].citations.len(),
        1,
        "notes quoting from a restricted source are left out"
    );
}

fn f_restrict(a: &mut Archive, target: Target, level: AccessLevel) {
    restrictions::restrict(
        a,
        &RestrictionInput {
            target: Some(target),
            level,
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
}

// ---------------------------------------------------------------------------------------------
// Property: random restrictions, release forms, embargo days and "today"s never leak.

mod leaks {
    use std::collections::{HashMap, HashSet};

    use proptest::prelude::*;

    use super::*;
    use crate::{
        collection::{self, CollectionInput},
        interview::{self, InterviewInput},
        jobs::JobContext,
        people::{self, PersonInput},
        records::RecordKind,
        restrictions::{Layer, ReleaseForm, Restriction},
        transcript::ImportOptions,
    };

    const DAYS: [&str; 5] = [
        "2020-01-01",
        "2026-06-15",
        "2026-07-01",
        "2030-12-31",
        "2035-01-01",
    ];
    const UNTILS: [&str; 3] = ["2026-01-01", "2026-07-01", "2031-01-01"];
    const DEATHS: [Option<&str>; 4] = [None, Some("1990"), Some("2026-06"), Some("2031")];
    const PEOPLE: usize = 3;

    #[derive(Debug, Clone)]
    struct InterviewShape {
        in_collection: bool,
        narrator: usize,
        /// Segments of each transcript, and whether it is timed.
        transcripts: Vec<(usize, bool)>,
        /// Index point times, in seconds.
        points: Vec<u32>,
        recording: bool,
    }

    #[derive(Debug, Clone)]
    enum Tgt {
        Collection,
        Interview(usize),
        Transcript(usize, usize),
        Span(usize, usize, usize, usize),
        IndexPoint(usize, usize),
        Person(usize),
    }

    #[derive(Debug, Clone)]
    enum Rule {
        Restrict {
            target: Tgt,
            level: u8,
            layer: u8,
            until: Option<usize>,
        },
        Seal {
            target: Tgt,
            layer: u8,
            until: Option<usize>,
        },
        Redact {
            target: Tgt,
            layer: u8,
        },
        Form {
            person: Option<usize>,
            interview: usize,
            status: u8,
            terms: u8,
            until: Option<usize>,
        },
    }

    fn interview_shape() -> impl Strategy<Value = InterviewShape> {
        (
            any::<bool>(),
            0..PEOPLE,
            prop::collection::vec((1usize..6, prop::bool::weighted(0.8)), 1..3),
            prop::collection::vec(0u32..70, 0..4),
            any::<bool>(),
        )
            .prop_map(
                |(in_collection, narrator, transcripts, points, recording)| InterviewShape {
                    in_collection,
                    narrator,
                    transcripts,
                    points,
                    recording,
                },
            )
    }

    fn target() -> impl Strategy<Value = Tgt> {
        prop_oneof![
            1 => Just(Tgt::Collection),
            2 => (0usize..8).prop_map(Tgt::Interview),
            2 => (0usize..8, 0usize..4).prop_map(|(i, t)| Tgt::Transcript(i, t)),
            5 => (0usize..8, 0usize..4, 0usize..8, 0usize..8).prop_map(|(i, t, a, b)| Tgt::Span(i, t, a, b)),
            1 => (0usize..8, 0usize..4).prop_map(|(i, p)| Tgt::IndexPoint(i, p)),
            1 => (0usize..PEOPLE).prop_map(Tgt::Person),
        ]
    }

    fn until() -> impl Strategy<Value = Option<usize>> {
        prop::option::of(0..UNTILS.len())
    }

    fn rule() -> impl Strategy<Value = Rule> {
        prop_oneof![
            4 => (target(), 0u8..3, 0u8..3, until()).prop_map(|(target, level, layer, until)| Rule::Restrict { target, level, layer, until }),
            3 => (target(), 0u8..3, until()).prop_map(|(target, layer, until)| Rule::Seal { target, layer, until }),
            3 => (target(), 0u8..3).prop_map(|(target, layer)| Rule::Redact { target, layer }),
            3 => (prop::option::of(0..PEOPLE), 0usize..8, 0u8..7, 0u8..5, until())
                .prop_map(|(person, interview, status, terms, until)| Rule::Form { person, interview, status, terms, until }),
        ]
    }

    struct Built {
        archive: Archive,
        collection: String,
        people: Vec<String>,
        interviews: Vec<String>,
        /// Per interview, per transcript: the transcript id and its segment ids.
        transcripts: Vec<Vec<(String, Vec<String>)>>,
        points: Vec<Vec<String>>,
    }

    fn marker_segment(i: usize, t: usize, k: usize) -> String {
        format!("SEG_I{i}_T{t}_S{k}_END")
    }

    fn build(shapes: &[InterviewShape], deaths: &[usize]) -> Built {
        let mut a = Archive::open_in_memory().unwrap();
        let c = collection::create(
            &mut a,
            &CollectionInput {
                title: "COLLECTION_C0_END".into(),
                ..Default::default()
            },
            Origin::Cli,
        )
        .unwrap();
        let people: Vec<String> = (0..PEOPLE)
            .map(|p| {
                let input = PersonInput {
                    display_name: format!("PERSON_P{p}_END"),
                    death_date: DEATHS[deaths[p]].map(Into::into),
                    ..Default::default()
                };
                people::create(&mut a, &input, Origin::Cli).unwrap().id
            })
            .collect();
        let mut interviews = Vec::new();
        let mut transcripts = Vec::new();
        let mut points = Vec::new();
        for (i, shape) in shapes.iter().enumerate() {
            let input = InterviewInput {
                title: format!("TITLE_I{i}_END"),
                collection_id: shape.in_collection.then(|| c.id.clone()),
                narrator_ids: vec![people[shape.narrator].clone()],
                ..Default::default()
            };
            let id = interview::create(&mut a, &input, Origin::Cli).unwrap().id;
            let mut these = Vec::new();
            for (t, (count, timed)) in shape.transcripts.iter().enumerate() {
                let mut vtt = String::from("WEBVTT\n");
                let body: String = (0..*count)
                    .map(|k| format!("{} words\n\n", marker_segment(i, t, k)))
                    .collect();
                let (name, bytes) = if *timed {
                    for k in 0..*count {
                        vtt.push_str(&format!(
                            "\n00:00:{:02}.000 --> 00:00:{:02}.000\n{} words\n",
                            k * 10,
                            k * 10 + 5,
                            marker_segment(i, t, k)
                        ));
                    }
                    ("t.vtt", vtt)
                } else {
                    ("t.txt", body)
                };
                let tr = transcript::import(
                    &mut a,
                    &id,
                    name,
                    bytes.as_bytes(),
                    &ImportOptions::default(),
                    &JobContext::silent(),
                    Origin::Import,
                )
                .unwrap()
                .transcript;
                let segs: Vec<String> = transcript::segments(&a, &tr.id)
                    .unwrap()
                    .into_iter()
                    .map(|s| s.id)
                    .collect();
                assert_eq!(segs.len(), *count, "one segment per marker");
                these.push((tr.id, segs));
            }
            let mut ps = Vec::new();
            for (p, seconds) in shape.points.iter().enumerate() {
                ps.push(add_point(
                    &mut a,
                    &id,
                    seconds * 1000,
                    &format!("POINT_I{i}_P{p}_END"),
                ));
            }
            if shape.recording {
                add_recording(&mut a, &id, &format!("MEDIA_I{i}_END.wav"));
            }
            interviews.push(id);
            transcripts.push(these);
            points.push(ps);
        }
        Built {
            archive: a,
            collection: c.id,
            people,
            interviews,
            transcripts,
            points,
        }
    }

    fn resolve(b: &Built, t: &Tgt) -> Option<Target> {
        let n = b.interviews.len();
        Some(match *t {
            Tgt::Collection => Target::record(RecordKind::Collection, b.collection.clone()),
            Tgt::Interview(i) => Target::record(RecordKind::Interview, b.interviews[i % n].clone()),
            Tgt::Transcript(i, t) => {
                let ts = &b.transcripts[i % n];
                Target::record(RecordKind::Transcript, ts[t % ts.len()].0.clone())
            }
            Tgt::Span(i, t, x, y) => {
                let ts = &b.transcripts[i % n];
                let (tid, segs) = &ts[t % ts.len()];
                let (x, y) = (x % segs.len(), y % segs.len());
                Target::Span(SpanRef {
                    transcript_id: tid.clone(),
                    first_segment_id: segs[x.min(y)].clone(),
                    last_segment_id: segs[x.max(y)].clone(),
                })
            }
            Tgt::IndexPoint(i, p) => {
                let ps = &b.points[i % n];
                if ps.is_empty() {
                    return None;
                }
                Target::record(RecordKind::IndexPoint, ps[p % ps.len()].clone())
            }
            Tgt::Person(p) => Target::record(RecordKind::Person, b.people[p].clone()),
        })
    }

    fn layer(n: u8) -> Layer {
        [Layer::All, Layer::Text, Layer::Audio][n as usize % 3]
    }

    fn apply(b: &mut Built, rule: &Rule) {
        let input = match rule {
            Rule::Restrict {
                target,
                level,
                layer: l,
                until,
            } => RestrictionInput {
                target: resolve(b, target),
                action: RestrictionAction::Restrict,
                level: [
                    AccessLevel::Open,
                    AccessLevel::Restricted,
                    AccessLevel::Closed,
                ][*level as usize % 3],
                layer: layer(*l),
                until: until.map(|u| UNTILS[u].to_owned()),
                reason: "r".into(),
                replacement: None,
            },
            Rule::Seal {
                target,
                layer: l,
                until,
            } => RestrictionInput {
                target: resolve(b, target),
                action: RestrictionAction::Seal,
                layer: layer(*l),
                until: until.map(|u| UNTILS[u].to_owned()),
                ..Default::default()
            },
            Rule::Redact { target, layer: l } => RestrictionInput {
                target: resolve(b, target),
                action: RestrictionAction::Redact,
                layer: layer(*l),
                replacement: Some("[REDACTED]".into()),
                ..Default::default()
            },
            Rule::Form {
                person,
                interview,
                status,
                terms,
                until,
            } => {
                let subject = match person {
                    Some(p) => RecordRef::new(RecordKind::Person, b.people[*p].clone()),
                    None => RecordRef::new(
                        RecordKind::Interview,
                        b.interviews[interview % b.interviews.len()].clone(),
                    ),
                };
                let input = ReleaseFormInput {
                    subject,
                    // Mostly signed, so that every kind of term is tried often.
                    status: [
                        ReleaseStatus::None,
                        ReleaseStatus::Pending,
                        ReleaseStatus::Declined,
                        ReleaseStatus::Signed,
                    ][(*status as usize).min(3)],
                    signed_on: None,
                    terms: [
                        ReleaseTerms::Open,
                        ReleaseTerms::ClosedUntilDate,
                        ReleaseTerms::ClosedUntilDeath,
                        ReleaseTerms::TranscriptClosedAudioOpen,
                        ReleaseTerms::AudioClosedTranscriptOpen,
                    ][*terms as usize % 5],
                    until: until.map(|u| UNTILS[u].to_owned()),
                    narrator_id: None,
                    document_id: None,
                    note: String::new(),
                };
                // Refusals (a closing day not given) leave nothing behind; the oracle reads
                // back what was stored.
                let _ = restrictions::add_release_form(&mut b.archive, &input, Origin::Cli);
                return;
            }
        };
        let _ = restrictions::restrict(&mut b.archive, &input, Origin::Cli);
    }

    /// What must be withheld, worked out the simple way from the stored rules, independently of
    /// the public view's code.
    struct Oracle<'a> {
        today: &'a str,
        restrictions: Vec<Restriction>,
        forms: Vec<ReleaseForm>,
        deaths: HashMap<String, Option<String>>,
    }

    impl Oracle<'_> {
        fn holds(&self, until: &Option<String>) -> bool {
            until.as_deref().is_none_or(|u| self.today < u)
        }

        /// Level of whole-record rules on `id` covering `layers`.
        fn rules_on(&self, id: &str, layers: &[Layer]) -> AccessLevel {
            self.restrictions
                .iter()
                .filter(|r| {
                    matches!(&r.target, Target::Record(rec) if rec.id == id)
                        && layers.contains(&r.layer)
                        && self.holds(&r.until)
                })
                .map(|r| match r.action {
                    RestrictionAction::Seal => AccessLevel::Closed,
                    RestrictionAction::Restrict => r.level,
                    RestrictionAction::Redact => AccessLevel::Open,
                })
                .max()
                .unwrap_or_default()
        }

        /// Level forms on `subject` set on `layers`.
        fn forms_on(&self, subject: &str, layers: &[Layer]) -> AccessLevel {
            let mut level = AccessLevel::Open;
            for f in self.forms.iter().filter(|f| f.subject.id == subject) {
                let (l, layer) = match f.status {
                    ReleaseStatus::None | ReleaseStatus::Pending => {
                        (AccessLevel::Restricted, Layer::All)
                    }
                    ReleaseStatus::Declined => (AccessLevel::Closed, Layer::All),
                    ReleaseStatus::Signed => match f.terms {
                        ReleaseTerms::Open => continue,
                        ReleaseTerms::ClosedUntilDate if self.holds(&f.until) => {
                            (AccessLevel::Closed, Layer::All)
                        }
                        ReleaseTerms::ClosedUntilDate => continue,
                        ReleaseTerms::ClosedUntilDeath => {
                            let death = f
                                .narrator_id
                                .as_ref()
                                .and_then(|n| self.deaths.get(n).cloned().flatten());
                            let latest = death.map(|d| match d.len() {
                                4 => format!("{d}-12-31"),
                                _ => format!("{d}-31"),
                            });
                            if latest.is_some_and(|l| l.as_str() < self.today) {
                                continue;
                            }
                            (AccessLevel::Closed, Layer::All)
                        }
                        ReleaseTerms::TranscriptClosedAudioOpen if self.holds(&f.until) => {
                            (AccessLevel::Closed, Layer::Text)
                        }
                        ReleaseTerms::AudioClosedTranscriptOpen if self.holds(&f.until) => {
                            (AccessLevel::Closed, Layer::Audio)
                        }
                        _ => continue,
                    },
                };
                if layers.contains(&layer) {
                    level = level.max(l);
                }
            }
            level
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

        #[test]
        fn random_restrictions_never_leak_through_the_public_view(
            shapes in prop::collection::vec(interview_shape(), 1..4),
            deaths in prop::collection::vec(0..DEATHS.len(), PEOPLE),
            rules in prop::collection::vec(rule(), 0..12),
            today in 0..DAYS.len(),
        ) {
            let mut b = build(&shapes, &deaths);
            for rule in &rules {
                apply(&mut b, rule);
            }
            let today = DAYS[today];
            let view = archive(&b.archive, today).unwrap();
            let text = serde_json::to_string(&view).unwrap();

            let mut forms = Vec::new();
            for id in b.interviews.iter().chain(&b.people) {
                forms.extend(restrictions::release_forms_of(&b.archive, id).unwrap());
            }
            let deaths_by_id = b.people.iter().map(|p| (p.clone(), people::get(&b.archive, p).unwrap().death_date)).collect();
            let o = Oracle { today, restrictions: restrictions::list(&b.archive).unwrap(), forms, deaths: deaths_by_id };
            let all = [Layer::All];
            let text_layers = [Layer::All, Layer::Text];
            let audio_layers = [Layer::All, Layer::Audio];

            // People.
            let mut public_people = HashSet::new();
            for (p, id) in b.people.iter().enumerate() {
                let level = o.rules_on(id, &all).max(o.forms_on(id, &all));
                let name = format!("PERSON_P{p}_END");
                if level == AccessLevel::Open {
                    public_people.insert(id.clone());
                    prop_assert!(text.contains(&name), "{name} is public and must be shown");
                } else {
                    prop_assert!(!text.contains(&name), "{name} is {level:?} and leaked");
                }
            }
            let collection_level = o.rules_on(&b.collection, &all);
            prop_assert_eq!(text.contains("COLLECTION_C0_END"), collection_level == AccessLevel::Open);

            for (i, shape) in shapes.iter().enumerate() {
                let id = &b.interviews[i];
                let narrator = &b.people[shape.narrator];
                let inherited = |layers: &[Layer]| {
                    let from_collection = if shape.in_collection { o.rules_on(&b.collection, layers) } else { AccessLevel::Open };
                    from_collection.max(o.rules_on(id, layers)).max(o.forms_on(id, layers)).max(o.forms_on(narrator, layers))
                };
                let level = inherited(&all);
                let text_level = inherited(&text_layers);
                let audio_level = inherited(&audio_layers);
                let title = format!("TITLE_I{i}_END");
                if level != AccessLevel::Open {
                    prop_assert!(!text.contains(&title) && !text.contains(id.as_str()), "{title} is {level:?} and leaked");
                } else {
                    prop_assert!(text.contains(&title), "{title} is public and must be shown");
                }
                // Segments: withheld when the interview, its text, the transcript or a span
                // covering it says so; a redacted segment's words are withheld too.
                let mut withheld_times: Vec<(u32, u32)> = Vec::new();
                let mut untimed_withheld = false;
                let mut audio_withheld = level != AccessLevel::Open || audio_level != AccessLevel::Open;
                for (t, (tid, segs)) in b.transcripts[i].iter().enumerate() {
                    let transcript_level = o.rules_on(tid, &text_layers);
                    audio_withheld |= o.rules_on(tid, &audio_layers) != AccessLevel::Open;
                    let timed = shape.transcripts[t].1;
                    for (k, seg) in segs.iter().enumerate() {
                        let mut withheld = level != AccessLevel::Open || text_level != AccessLevel::Open || transcript_level != AccessLevel::Open;
                        for r in o.restrictions.iter().filter(|r| o.holds(&r.until)) {
                            let Target::Span(span) = &r.target else { continue };
                            // A span of any transcript of the interview: in its own by place,
                            // in the others by time (wholly when either is untimed).
                            let Some(source) = b.transcripts[i].iter().position(|(t, _)| *t == span.transcript_id) else {
                                continue;
                            };
                            let source_segs = &b.transcripts[i][source].1;
                            let a = source_segs.iter().position(|s| *s == span.first_segment_id).unwrap();
                            let z = source_segs.iter().position(|s| *s == span.last_segment_id).unwrap();
                            let covers = if source == t {
                                a <= k && k <= z
                            } else if timed && shape.transcripts[source].1 {
                                // Segment k runs from k*10 s to k*10+5 s in every timed transcript.
                                a <= k && k <= z
                            } else {
                                true
                            };
                            let withholds_text = match r.action {
                                RestrictionAction::Redact => true,
                                RestrictionAction::Seal => r.layer != Layer::Audio,
                                RestrictionAction::Restrict => r.layer != Layer::Audio && r.level != AccessLevel::Open,
                            };
                            let withholds_audio = match r.action {
                                RestrictionAction::Restrict => r.level != AccessLevel::Open && r.layer != Layer::Text,
                                _ => r.layer != Layer::Text,
                            };
                            audio_withheld |= withholds_audio;
                            withheld |= covers && withholds_text;
                        }
                        let marker = marker_segment(i, t, k);
                        if withheld {
                            prop_assert!(!text.contains(&marker), "{marker} is withheld and leaked on {today}");
                            if timed {
                                withheld_times.push(((k * 10_000) as u32, (k * 10_000 + 5_000) as u32));
                            } else {
                                untimed_withheld = true;
                            }
                        } else {
                            prop_assert!(text.contains(&marker), "{marker} is public and must be shown");
                        }
                        let _ = seg;
                    }
                }
                // Index points.
                for (p, seconds) in shape.points.iter().enumerate() {
                    let marker = format!("POINT_I{i}_P{p}_END");
                    let ms = seconds * 1000;
                    let own = o.rules_on(&b.points[i][p], &text_layers);
                    let withheld = level != AccessLevel::Open
                        || text_level != AccessLevel::Open
                        || own != AccessLevel::Open
                        || untimed_withheld
                        || withheld_times.iter().any(|(a, z)| *a <= ms && ms <= *z);
                    if withheld {
                        prop_assert!(!text.contains(&marker), "{marker} is withheld and leaked");
                    } else {
                        prop_assert!(text.contains(&marker), "{marker} is public and must be shown");
                    }
                }
                if shape.recording {
                    let marker = format!("MEDIA_I{i}_END");
                    prop_assert_eq!(text.contains(&marker), !audio_withheld, "recording of interview {} on {}", i, today);
                }
            }
        }
    }
}
