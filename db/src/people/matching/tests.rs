use super::*;
use crate::{
    interview::{self, InterviewInput},
    people::{
        self,
        authority::{add_variant, NameVariantInput, VariantKind},
        PersonInput,
    },
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

#[test]
fn words_know_initials_and_sentence_breaks() {
    let w = words("Л. Д. Троцкий. Потом, Радек");
    let texts: Vec<(&str, bool, bool)> = w
        .iter()
        .map(|w| (w.text, w.initial, w.after_break))
        .collect();
    assert_eq!(
        texts,
        [
            ("Л", true, true),
            ("Д", true, false),
            ("Троцкий", false, false),
            ("Потом", false, true),
            ("Радек", false, true)
        ]
    );
}

#[test]
fn mentions_in_a_transcript_are_precise() {
    let mut a = Archive::open_in_memory().unwrap();
    let trotsky = person(&mut a, "Leon Trotsky", &["Лев Троцкий"]);
    let radek = person(&mut a, "Karl Radek", &["Карл Радек"]);
    let adolph = person(&mut a, "Adolph Joffe", &["Адольф Иоффе"]);
    person(&mut a, "Nadezhda Joffe", &["Надежда Иоффе"]);
    let smirnov = person(&mut a, "Ivan Smirnov", &[]);
    let interview = interview::create(
        &mut a,
        &InterviewInput {
            title: "T".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let text = "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nМы жили рядом с Троцким, и Радек приходил.\n\n\
                    00:00:06.000 --> 00:00:09.000\nИоффе? Адольф Иоффе был другом. Ivan Trotsky was someone else.\n\n\
                    00:00:10.000 --> 00:00:12.000\nI met Leon Trotsky's son; Smirnoff was there. Рядом — Л. Д. Троцкий.\n";
    let summary = transcript::import(
        &mut a,
        &interview.id,
        "t.vtt",
        text.as_bytes(),
        &ImportOptions::default(),
        &crate::jobs::JobContext::silent(),
        Origin::Cli,
    )
    .unwrap();
    let found = mentions(&a, &summary.transcript.id).unwrap();
    let seen: Vec<(&str, &str)> = found
        .iter()
        .map(|m| (m.text_span.as_str(), m.person.id.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("Троцким", trotsky.as_str()),
            ("Радек", radek.as_str()),
            ("Адольф Иоффе", adolph.as_str()),
            ("Leon Trotsky's", trotsky.as_str()),
            ("Smirnoff", smirnov.as_str()),
            ("Л. Д. Троцкий", trotsky.as_str()),
        ],
        "{found:#?}"
    );
    let first = &found[0];
    assert_eq!(first.start_ms, Some(1000));
    let segment_text = "Мы жили рядом с Троцким, и Радек приходил.";
    let utf16: Vec<u16> = segment_text.encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&utf16[first.start as usize..first.end as usize]).unwrap(),
        "Троцким",
        "offsets count as JavaScript does"
    );
    assert!(found.iter().all(|m| m.person.confident));
}

#[test]
fn duplicates_are_offered_within_a_family_name_only() {
    let mut a = Archive::open_in_memory().unwrap();
    let zorya = person(&mut a, "Zorya Serebryakova", &[]);
    let typo = person(&mut a, "Zorya Serebrayakova", &[]);
    person(&mut a, "Leonid Serebryakov", &[]);
    let trotsky = person(&mut a, "Leon Trotsky", &[]);
    let bare = person(&mut a, "Trotskii", &[]);
    person(&mut a, "Adolph Joffe", &[]);
    person(&mut a, "Nadezhda Joffe", &[]);
    let pairs = possible_duplicates(&a).unwrap();
    let found: Vec<(&str, &str)> = pairs
        .iter()
        .map(|p| (p.person.id.as_str(), p.other.id.as_str()))
        .collect();
    assert!(
        found.contains(&(trotsky.as_str(), bare.as_str())),
        "{pairs:#?}"
    );
    assert!(
        found.contains(&(zorya.as_str(), typo.as_str())),
        "a misspelt family name is offered: {pairs:#?}"
    );
    assert_eq!(
        found.len(),
        2,
        "father and daughter, or two Joffes, are not duplicates: {pairs:#?}"
    );
}

#[test]
fn matching_uses_every_variant() {
    let mut a = Archive::open_in_memory().unwrap();
    let zorya = person(
        &mut a,
        "Zorya Serebryakova",
        &["Зоря Серебрякова", "Serebrayakova"],
    );
    let leonid = person(&mut a, "Leonid Serebryakov", &["Леонид Серебряков"]);
    let voronsky = person(&mut a, "Alexander Voronsky", &["Александр Воронский"]);
    let first = |q: &str| matches(&a, q).unwrap().into_iter().next();
    assert_eq!(first("Серебрякова").unwrap().id, zorya);
    assert_eq!(first("Serebrayakova").unwrap().id, zorya);
    assert!(
        first("Serebrayakova").unwrap().confident,
        "a misspelling on record links without asking"
    );
    assert_eq!(first("Серебряков").unwrap().id, leonid);
    assert_eq!(first("Voronskii").unwrap().id, voronsky);
    assert!(matches(&a, "Kamenev").unwrap().is_empty());
}

#[test]
fn typing_finds_starts_then_word_starts_then_names_within() {
    let mut a = Archive::open_in_memory().unwrap();
    let rivkin = person(&mut a, "David Rivkin", &[]);
    let ioffe = person(&mut a, "Maria Ivanovna Ioffe", &[]);
    let smilga = person(&mut a, "Ivar Smilga", &[]);
    let ivanov = person(&mut a, "Pyotr Ivanov", &[]);
    person(&mut a, "Karl Radek", &[]);
    let typed = |q: &str| -> Vec<(String, Fit)> {
        as_typed(&a, q)
            .unwrap()
            .into_iter()
            .map(|m| (m.id, m.fit))
            .collect()
    };
    assert_eq!(
        typed("iv"),
        [
            // By sort name: "Ivanov, Pyotr" and "Smilga, Ivar" both start with it.
            (ivanov.clone(), Fit::Start),
            (smilga.clone(), Fit::Start),
            (ioffe.clone(), Fit::WordStart),
            (rivkin.clone(), Fit::Within),
        ]
    );
    assert_eq!(
        typed("Ivanovna"),
        [
            (ioffe.clone(), Fit::WordStart),
            // No name of his starts so; the authority's fuzzy matching finds him, last.
            (ivanov.clone(), Fit::Spelling)
        ]
    );
    assert_eq!(
        typed("Ivan"),
        [(ivanov, Fit::Start), (ioffe, Fit::WordStart)]
    );
    assert!(typed(" ").is_empty(), "blank text finds no one");
    let first = as_typed(&a, "smil").unwrap().remove(0);
    assert_eq!(
        (first.id.as_str(), first.name.as_str()),
        (smilga.as_str(), "Ivar Smilga"),
        "a sort name that fits gives the display name"
    );
}

#[test]
fn typing_finds_other_scripts_and_spellings() {
    let mut a = Archive::open_in_memory().unwrap();
    let zorya = person(&mut a, "Zorya Serebryakova", &[]);
    let leonid = person(&mut a, "Leonid Serebryakov", &["Леонид Серебряков"]);
    let trotsky = person(&mut a, "Leon Trotsky", &[]);
    let found = |q: &str| -> Vec<(String, String, Fit)> {
        as_typed(&a, q)
            .unwrap()
            .into_iter()
            .map(|m| (m.id, m.name, m.fit))
            .collect()
    };
    // Cyrillic typed, a Latin display name found; the variant written as typed is named.
    assert_eq!(
        found("Серебр"),
        [
            (leonid.clone(), "Леонид Серебряков".to_owned(), Fit::Start),
            (zorya.clone(), "Zorya Serebryakova".to_owned(), Fit::Start),
        ]
    );
    // German and scholarly spellings of the beginning.
    assert_eq!(found("Serebrjakow")[0].0, leonid);
    assert_eq!(
        found("Trotzk"),
        [(trotsky, "Leon Trotsky".to_owned(), Fit::Start)]
    );
    // A misspelling is no beginning of any name: the authority's matching finds it, after.
    let misspelt = found("Serebrayakova");
    assert_eq!(
        misspelt[0],
        (
            zorya.clone(),
            "Zorya Serebryakova".to_owned(),
            Fit::Spelling
        ),
        "{misspelt:?}"
    );
    add_variant(
        &mut a,
        &zorya,
        &NameVariantInput::new("Serebrayakova", VariantKind::SourceSpelling),
        Origin::Cli,
    )
    .unwrap();
    let on_record = as_typed(&a, "Serebraya").unwrap();
    assert_eq!(
        (
            on_record[0].id.as_str(),
            on_record[0].name.as_str(),
            on_record[0].fit
        ),
        (zorya.as_str(), "Serebrayakova", Fit::Start),
        "a spelling on record is found by its beginning and named: {on_record:?}"
    );
}
