//! Search behaviour on real archives in memory.

use super::*;

#[test]
fn user_input_becomes_terms_and_never_fts_syntax() {
    assert_eq!(
        parse_terms("Antonov-Ovseenko"),
        [Term::Word {
            text: "Antonov-Ovseenko".into(),
            prefix: false
        }]
    );
    assert_eq!(
        parse_terms("Троц*  \"left opposition\""),
        [
            Term::Word {
                text: "Троц".into(),
                prefix: true
            },
            Term::Phrase("left opposition".into())
        ]
    );
    assert_eq!(
        parse_terms("OR Radek NOT").len(),
        1,
        "dangling operators are dropped"
    );
    assert!(parse_terms("  \"\" * ").is_empty());
}

use crate::{
    collection::{self, CollectionInput},
    interview::{self, InterviewInput},
    jobs::JobContext,
    people::{self, PersonInput},
    transcript::{self, ImportOptions},
    Origin,
};

struct Fixture {
    archive: Archive,
    smilga: String,
    isaeva: String,
    collection: String,
    tatiana_smilga: String,
}

fn fixture() -> Fixture {
    let mut a = Archive::open_in_memory().unwrap();
    let c = collection::create(
        &mut a,
        &CollectionInput {
            title: "Left Opposition".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let ts = people::create(
        &mut a,
        &PersonInput {
            display_name: "Tatiana Smilga".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let smilga = interview::create(
        &mut a,
        &InterviewInput {
            title: "Tatiana Smilga".into(),
            collection_id: Some(c.id.clone()),
            date: Some("1994".into()),
            narrator_ids: vec![ts.id.clone()],
            languages: vec!["ru".into()],
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let isaeva = interview::create(
        &mut a,
        &InterviewInput {
            title: "Tatiana Isaeva".into(),
            date: Some("201X".into()),
            summary: "Her grandfather Voronsky edited Krasnaya Nov.".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let vtt = "WEBVTT\n\n00:01:00.000 --> 00:01:05.000\nМы жили рядом с Троцким на Арбате.\n\n00:02:00.000 --> 00:02:04.000\nMy father was naïve about Stalin.\n\n00:03:00.000 --> 00:03:04.000\nThe Left Opposition met in our kitchen.\n";
    transcript::import(
        &mut a,
        &smilga.id,
        "smilga.vtt",
        vtt.as_bytes(),
        &ImportOptions {
            language: Some("ru".into()),
            ..Default::default()
        },
        &JobContext::silent(),
        Origin::Import,
    )
    .unwrap();
    let en = "WEBVTT\n\n00:00:10.000 --> 00:00:12.000\nMy grandfather Voronsky was naive too; he trusted the opposition.\n";
    transcript::import(
        &mut a,
        &isaeva.id,
        "isaeva.vtt",
        en.as_bytes(),
        &ImportOptions {
            language: Some("en".into()),
            ..Default::default()
        },
        &JobContext::silent(),
        Origin::Import,
    )
    .unwrap();
    Fixture {
        archive: a,
        smilga: smilga.id,
        isaeva: isaeva.id,
        collection: c.id,
        tatiana_smilga: ts.id,
    }
}

fn find(f: &Fixture, query: SearchQuery) -> Vec<SearchHit> {
    search(&f.archive, &query).unwrap()
}

fn text(q: &str) -> SearchQuery {
    SearchQuery {
        text: q.into(),
        ..Default::default()
    }
}

#[test]
fn diacritics_and_case_are_folded_both_ways() {
    let f = fixture();
    let naive: Vec<_> = find(&f, text("naive"))
        .into_iter()
        .filter(|h| h.kind == HitKind::Segment)
        .collect();
    assert_eq!(naive.len(), 2, "naive finds naïve and naive");
    let with_diaeresis: Vec<_> = find(&f, text("NAÏVE"))
        .into_iter()
        .filter(|h| h.kind == HitKind::Segment)
        .collect();
    assert_eq!(with_diaeresis.len(), 2);
}

#[test]
fn cyrillic_words_and_prefixes_are_found_with_their_time() {
    let f = fixture();
    let hits = find(&f, text("Троцким"));
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].start_ms, Some(60_000));
    assert_eq!(hits[0].interview_id.as_deref(), Some(f.smilga.as_str()));
    assert!(
        hits[0].snippet.contains("<mark>Троцким</mark>"),
        "{}",
        hits[0].snippet
    );
    assert_eq!(find(&f, text("троц*")).len(), 1, "prefix, any case");
    assert_eq!(find(&f, text("ТРОЦКИМ")).len(), 1);
}

#[test]
fn phrases_must_match_in_order() {
    let f = fixture();
    assert_eq!(find(&f, text("\"left opposition\"")).len(), 1);
    assert!(find(&f, text("\"opposition left\"")).is_empty());
    assert_eq!(
        find(&f, text("opposition")).len(),
        2,
        "without quotes both segments match"
    );
}

#[test]
fn filters_narrow_by_collection_narrator_language_and_date() {
    let f = fixture();
    let q = |mut q: SearchQuery| {
        q.text = "opposition".into();
        find(&f, q)
            .into_iter()
            .map(|h| h.interview_id.unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        q(SearchQuery {
            collection_id: Some(f.collection.clone()),
            ..Default::default()
        }),
        [f.smilga.as_str()]
    );
    assert_eq!(
        q(SearchQuery {
            narrator_id: Some(f.tatiana_smilga.clone()),
            ..Default::default()
        }),
        [f.smilga.as_str()]
    );
    assert_eq!(
        q(SearchQuery {
            language: Some("en".into()),
            ..Default::default()
        }),
        [f.isaeva.as_str()]
    );
    assert_eq!(
        q(SearchQuery {
            year_from: Some(2000),
            ..Default::default()
        }),
        [f.isaeva.as_str()],
        "201X is in the 2010s"
    );
    assert_eq!(
        q(SearchQuery {
            year_to: Some(1999),
            ..Default::default()
        }),
        [f.smilga.as_str()]
    );
    assert!(q(SearchQuery {
        year_from: Some(1995),
        year_to: Some(1999),
        ..Default::default()
    })
    .is_empty());
}

#[test]
fn interviews_and_people_are_found_too() {
    let f = fixture();
    let hits = find(&f, text("Krasnaya"));
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].kind, hits[0].interview_id.as_deref()),
        (HitKind::Interview, Some(f.isaeva.as_str()))
    );
    let people: Vec<_> = find(&f, text("Smilga"))
        .into_iter()
        .filter(|h| h.kind == HitKind::Person)
        .collect();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].record_id, f.tatiana_smilga);
}

#[test]
fn nothing_typed_finds_nothing_and_syntax_never_errors() {
    let f = fixture();
    assert!(find(&f, text("   ")).is_empty());
    for odd in [
        "\"",
        "AND",
        "a:b",
        "(",
        "*",
        "NEAR(",
        "Antonov-Ovseenko",
        "-",
    ] {
        assert!(
            search(&f.archive, &text(odd)).is_ok(),
            "{odd:?} must not be an error"
        );
    }
}
