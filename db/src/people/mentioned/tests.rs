use super::*;
use crate::{
    interview::{self, InterviewInput},
    links::{self, LinkInput, LinkType},
    people::{
        self,
        authority::{add_variant, NameVariantInput, VariantKind},
        PersonInput,
    },
    records::{SpanRef, Target},
    transcript::{self, ImportOptions},
    Origin,
};

fn person(a: &mut Archive, name: &str, variants: &[&str]) -> String {
    let id = people::create(
        a,
        &PersonInput {
            display_name: name.into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap()
    .id;
    for v in variants {
        add_variant(
            a,
            &id,
            &NameVariantInput::new(v, VariantKind::SourceSpelling),
            Origin::Cli,
        )
        .unwrap();
    }
    id
}

/// An interview titled `title` with a transcript of `cues` (start second, text), each five
/// seconds long. Returns the interview and transcript ids.
fn interview_with(a: &mut Archive, title: &str, cues: &[(u32, &str)]) -> (String, String) {
    let interview = interview::create(
        a,
        &InterviewInput {
            title: title.into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let mut vtt = String::from("WEBVTT\n\n");
    for (start, text) in cues {
        vtt.push_str(&format!(
            "00:00:{start:02}.000 --> 00:00:{:02}.000\n{text}\n\n",
            start + 5
        ));
    }
    let summary = transcript::import(
        a,
        &interview.id,
        "t.vtt",
        vtt.as_bytes(),
        &ImportOptions::default(),
        &crate::jobs::JobContext::silent(),
        Origin::Cli,
    )
    .unwrap();
    (interview.id, summary.transcript.id)
}

/// A passage as listed: start, end, the words that named the person.
type Listed = (Option<u32>, Option<u32>, String);

/// (interview title, passages) of everywhere a person is mentioned.
fn listed(a: &Archive, person: &str) -> Vec<(String, Vec<Listed>)> {
    mentioned_in(a, person)
        .unwrap()
        .interviews
        .into_iter()
        .map(|i| {
            (
                i.title,
                i.passages
                    .into_iter()
                    .map(|p| (p.start_ms, p.end_ms, p.named_as))
                    .collect(),
            )
        })
        .collect()
}

struct Fixture {
    a: Archive,
    trotsky: String,
    radek: String,
    nadezhda: String,
    adolph: String,
    kamenev: String,
}

fn fixture() -> Fixture {
    let mut a = Archive::open_in_memory().unwrap();
    let trotsky = person(
        &mut a,
        "Leon Trotsky",
        &["Лев Давидович Троцкий", "Lev Trotskii"],
    );
    let radek = person(&mut a, "Karl Radek", &["Карл Радек"]);
    let adolph = person(&mut a, "Adolph Joffe", &["Адольф Иоффе"]);
    let nadezhda = person(&mut a, "Nadezhda Joffe", &["Надежда Иоффе"]);
    let kamenev = person(&mut a, "Lev Kamenev", &["Лев Каменев"]);
    interview_with(
        &mut a,
        "Interview with Tatiana Smilga",
        &[
            (2, "Where did you live in the twenties?"),
            (
                10,
                "Мы жили в Кремле, рядом с Троцким, до самой ссылки отца.",
            ),
            (20, "Then my father was sent to Minusinsk."),
            (30, "Trotskii wrote to him there; Radek too."),
            (40, "Иоффе? Адольф Иоффе был другом."),
        ],
    );
    interview_with(
        &mut a,
        "Interview with Yuri Primakov",
        &[
            (5, "Radek came by in 1927."),
            (15, "We never spoke of politics at home."),
        ],
    );
    Fixture {
        a,
        trotsky,
        radek,
        nadezhda,
        adolph,
        kamenev,
    }
}

#[test]
fn a_person_is_found_under_every_spelling_and_script_with_times() {
    let f = fixture();
    assert_eq!(
        listed(&f.a, &f.trotsky),
        [(
            "Interview with Tatiana Smilga".to_owned(),
            vec![
                (Some(10_000), Some(15_000), "Троцким".to_owned()),
                (Some(30_000), Some(35_000), "Trotskii".to_owned()),
            ]
        )],
        "the Russian case form and another romanization both name him"
    );
    let found = mentioned_in(&f.a, &f.trotsky).unwrap();
    assert_eq!(found.passages, 2);
    let first = &found.interviews[0].passages[0];
    assert_eq!(
        first.snippet,
        "Мы жили в Кремле, рядом с Троцким, до самой ссылки отца."
    );
    let utf16: Vec<u16> = first.snippet.encode_utf16().collect();
    let mark = first.marks[0];
    assert_eq!(
        String::from_utf16(&utf16[mark.start as usize..mark.end as usize]).unwrap(),
        "Троцким",
        "marks count as JavaScript does"
    );
    assert!(!first.linked && !found.interviews[0].linked);

    assert_eq!(
        listed(&f.a, &f.radek)
            .into_iter()
            .map(|(title, p)| (title, p.len()))
            .collect::<Vec<_>>(),
        [
            ("Interview with Tatiana Smilga".to_owned(), 1),
            ("Interview with Yuri Primakov".to_owned(), 1)
        ]
    );
}

#[test]
fn a_person_not_mentioned_has_no_mentions() {
    let f = fixture();
    let kamenev = mentioned_in(&f.a, &f.kamenev).unwrap();
    assert!(
        kamenev.interviews.is_empty() && kamenev.passages == 0,
        "no one names Kamenev: {kamenev:#?}"
    );
    // A family name two people share, without a given name, names neither.
    assert!(mentioned_in(&f.a, &f.nadezhda)
        .unwrap()
        .interviews
        .is_empty());
    assert_eq!(
        listed(&f.a, &f.adolph),
        [(
            "Interview with Tatiana Smilga".to_owned(),
            vec![(Some(40_000), Some(45_000), "Адольф Иоффе".to_owned())]
        )]
    );
}

#[test]
fn counts_are_what_each_page_lists() {
    let f = fixture();
    let counts = mention_counts(&f.a).unwrap();
    for p in people::list(&f.a).unwrap() {
        let page = mentioned_in(&f.a, &p.id).unwrap();
        let expected = (!page.interviews.is_empty()).then_some(MentionCount {
            interviews: page.interviews.len() as u32,
            passages: page.passages,
        });
        assert_eq!(
            counts.get(&p.id).copied(),
            expected,
            "{} is counted as their page lists",
            p.display_name
        );
    }
    assert_eq!(
        counts[&f.trotsky],
        MentionCount {
            interviews: 1,
            passages: 2
        }
    );
    assert_eq!(
        counts[&f.radek],
        MentionCount {
            interviews: 2,
            passages: 2
        }
    );
    assert!(!counts.contains_key(&f.kamenev));
}

#[test]
fn the_curators_links_are_mentions_too() {
    let mut f = fixture();
    let (interview, transcript) = interview_with(
        &mut f.a,
        "Interview with Zorya Serebryakova",
        &[(1, "My father was arrested."), (8, "He never came back.")],
    );
    let segments = transcript::segments(&f.a, &transcript).unwrap();
    let link = |a: &mut Archive, from: Target| {
        links::create(
            a,
            &LinkInput {
                link_type: LinkType::Mentions,
                from,
                to: Target::record(RecordKind::Person, f.kamenev.clone()),
                note: String::new(),
            },
            Origin::Cli,
        )
        .unwrap();
    };
    link(
        &mut f.a,
        Target::record(RecordKind::Interview, interview.clone()),
    );
    link(
        &mut f.a,
        Target::Span(SpanRef {
            transcript_id: transcript.clone(),
            first_segment_id: segments[1].id.clone(),
            last_segment_id: segments[1].id.clone(),
        }),
    );
    let found = mentioned_in(&f.a, &f.kamenev).unwrap();
    assert_eq!(found.interviews.len(), 1, "{found:#?}");
    let listed = &found.interviews[0];
    assert_eq!(listed.interview_id, interview);
    assert!(listed.linked, "the whole interview is linked");
    assert_eq!(listed.passages.len(), 1);
    let passage = &listed.passages[0];
    assert!(passage.linked && passage.named_as.is_empty() && passage.marks.is_empty());
    assert_eq!(
        (passage.start_ms, passage.end_ms),
        (Some(8_000), Some(13_000))
    );
    assert_eq!(passage.snippet, "He never came back.");
    assert_eq!(
        mention_counts(&f.a).unwrap()[&f.kamenev],
        MentionCount {
            interviews: 1,
            passages: 1
        }
    );
}

#[test]
fn a_merged_id_finds_the_person_kept() {
    let mut f = fixture();
    let bare = person(&mut f.a, "Trotskij", &[]);
    people::merge(&mut f.a, &f.trotsky, &bare, Origin::Cli).unwrap();
    let found = mentioned_in(&f.a, &bare).unwrap();
    assert_eq!(found.person_id, f.trotsky);
    assert_eq!(found.passages, 2);
}

#[test]
fn a_long_passage_is_cut_around_the_first_mention() {
    let long = format!(
        "{} Троцким {}",
        "слово ".repeat(80).trim_end(),
        "ещё ".repeat(80).trim_end()
    );
    let at = long.find("Троцким").unwrap();
    let (snippet, marks) = snippet(&long, &[(at, at + "Троцким".len())]);
    assert!(
        snippet.starts_with('…') && snippet.ends_with('…'),
        "{snippet}"
    );
    assert!(snippet.chars().count() <= SNIPPET_CHARS + 2, "{snippet}");
    let utf16: Vec<u16> = snippet.encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&utf16[marks[0].start as usize..marks[0].end as usize]).unwrap(),
        "Троцким"
    );
    assert!(
        !snippet.contains("  ") && !snippet.starts_with("… "),
        "{snippet:?}"
    );
}
