use super::*;
use crate::interview::InterviewFilter;

#[test]
fn the_sample_has_four_interviews_with_their_narrators_and_the_photo_people() {
    let mut a = Archive::open_in_memory().unwrap();
    build(&mut a).unwrap();
    let interviews = interview::list(&a, &InterviewFilter::default()).unwrap();
    let narrators: Vec<&str> = interviews
        .iter()
        .filter(|i| i.title != demo::TITLE)
        .flat_map(|i| i.narrators.iter().map(|n| n.name.as_str()))
        .collect();
    assert_eq!(narrators.len(), 4);
    for name in [
        "Tatiana Smilga",
        "Yuri Primakov",
        "Zorya Serebryakova",
        "Tatiana Isaeva",
    ] {
        assert!(
            narrators.contains(&name),
            "{name} narrates one of the sample interviews"
        );
    }
    let people: Vec<String> = people::list(&a)
        .unwrap()
        .into_iter()
        .map(|p| p.display_name)
        .collect();
    for family in [
        "Serebryakov",
        "Radek",
        "Trotsky",
        "Boguslavsky",
        "Preobrazhensky",
        "Rakovsky",
        "Drobnis",
        "Beloborodov",
        "Sosnovsky",
        "Smilga",
        "Primakov",
        "Voronsky",
    ] {
        assert!(
            people.iter().any(|p| p.ends_with(family)),
            "{family} is in the sample"
        );
    }
}

fn person_named(a: &Archive, name: &str) -> people::Person {
    people::list(a)
        .unwrap()
        .into_iter()
        .find(|p| p.display_name == name)
        .unwrap_or_else(|| panic!("{name} is in the sample"))
}

#[test]
fn the_sample_people_have_their_variants_and_families() {
    let mut a = Archive::open_in_memory().unwrap();
    build(&mut a).unwrap();
    assert!(
        crate::photo::list(&a, &Default::default())
            .unwrap()
            .is_empty(),
        "an archive in memory gets no photo"
    );
    let zorya =
        person_authority::authority(&a, &person_named(&a, "Zorya Serebryakova").id).unwrap();
    let misspelt = zorya
        .variants
        .iter()
        .find(|v| v.name == "Zorya Serebrayakova")
        .expect("the article's misspelling is kept");
    assert_eq!(
        (misspelt.kind, misspelt.source.as_str()),
        (VariantKind::Misspelling, ARTICLE)
    );
    assert!(zorya
        .variants
        .iter()
        .any(|v| v.script == person_authority::Script::Cyrillic));
    let father: Vec<(RelationKind, &str)> = zorya
        .relations
        .iter()
        .map(|r| (r.kind, r.other.name.as_str()))
        .collect();
    assert_eq!(
        father,
        [(RelationKind::ChildOf, "Leonid Serebryakov")],
        "seen from the daughter"
    );
    let voronsky =
        person_authority::authority(&a, &person_named(&a, "Alexander Voronsky").id).unwrap();
    assert_eq!(voronsky.relations[0].kind, RelationKind::GrandparentOf);
    assert_eq!(voronsky.relations[0].other.name, "Tatiana Isaeva");
    assert_eq!(voronsky.roles, ["Literary critic", "Editor"]);
    for (person, kind, other) in RELATIONSHIPS {
        let relations = people::relations(&a, &person_named(&a, other).id).unwrap();
        assert!(
            relations
                .iter()
                .any(|r| r.other.name == *person && r.kind != *kind),
            "{other} sees {person} from the other side"
        );
    }
    // Every variant leads back to its person.
    for (name, variants) in VARIANTS {
        for (variant, ..) in variants.iter() {
            let found = people::matches(&a, variant).unwrap();
            let first = found
                .first()
                .unwrap_or_else(|| panic!("{variant} found no one"));
            assert_eq!(
                people::get(&a, &first.id).unwrap().display_name,
                *name,
                "{variant}: {found:?}"
            );
            assert!(
                first.score == 1.0 && first.confident,
                "{variant} is one of their names: {found:?}"
            );
        }
    }
}

/// Spellings met in sources and whom they mean, against the whole sample authority.
const SPELLINGS: &[(&str, &str)] = &[
    ("Серебрякова", "Zorya Serebryakova"),
    ("Serebrayakova", "Zorya Serebryakova"),
    ("Зоря Серебрякова", "Zorya Serebryakova"),
    ("Serebriakov", "Leonid Serebryakov"),
    ("Серебряков", "Leonid Serebryakov"),
    ("L. P. Serebrjakow", "Leonid Serebryakov"),
    ("Voronskii", "Alexander Voronsky"),
    ("Воронский", "Alexander Voronsky"),
    ("Woronski", "Alexander Voronsky"),
    ("Троцкий", "Leon Trotsky"),
    ("Trotzki", "Leon Trotsky"),
    ("Lev Davidovich Trotskii", "Leon Trotsky"),
    ("Ioffe, Adolf", "Adolph Joffe"),
    ("Надежда Иоффе", "Nadezhda Joffe"),
    ("Преображенский", "Yevgeni Preobrazhensky"),
    ("Rakowski", "Christian Rakovsky"),
    ("Смилга, Татьяна", "Tatiana Smilga"),
    ("Iurii Primakov", "Yuri Primakov"),
    ("Issajewa", "Tatiana Isaeva"),
    ("Лев Седов", "Leon Sedov"),
];

#[test]
fn every_spelling_finds_its_person_in_the_sample_and_strangers_find_no_one() {
    let mut a = Archive::open_in_memory().unwrap();
    build(&mut a).unwrap();
    let mut confident = 0;
    for (spelling, name) in SPELLINGS {
        let found = people::matches(&a, spelling).unwrap();
        let first = found
            .first()
            .unwrap_or_else(|| panic!("{spelling} found no one"));
        assert_eq!(
            people::get(&a, &first.id).unwrap().display_name,
            *name,
            "{spelling}: {found:?}"
        );
        confident += usize::from(first.confident);
    }
    assert!(
        confident * 10 >= SPELLINGS.len() * 9,
        "nearly every spelling links without asking ({confident}/{})",
        SPELLINGS.len()
    );
    let mut false_links = 0;
    for stranger in [
        "Kamenev",
        "Zinoviev",
        "Stalin",
        "Bukharin",
        "Smith",
        "Kollontai",
        "Radzinsky",
        "unidentified",
    ] {
        let found = people::matches(&a, stranger).unwrap();
        false_links += found.iter().filter(|c| c.confident).count();
        assert!(found.is_empty(), "{stranger}: {found:?}");
    }
    assert_eq!(false_links, 0, "precision: no stranger is linked");
    // Shared family names ask rather than guess.
    for ambiguous in ["Joffe", "Smilga", "Primakov"] {
        let found = people::matches(&a, ambiguous).unwrap();
        assert!(
            found.len() == 2 && !found[0].confident,
            "{ambiguous}: {found:?}"
        );
    }
}

#[test]
fn known_people_are_found_in_a_russian_transcript() {
    let mut a = Archive::open_in_memory().unwrap();
    build(&mut a).unwrap();
    let interview = &interview::list(&a, &Default::default()).unwrap()[0];
    let text = "00:00:01.000 --> 00:00:04.000\nМы жили рядом с Троцким, и Радек приходил.\n";
    let imported = crate::transcript::import(
        &mut a,
        &interview.id,
        "t.vtt",
        format!("WEBVTT\n\n{text}").as_bytes(),
        &Default::default(),
        &crate::jobs::JobContext::silent(),
        Origin::Cli,
    )
    .unwrap();
    let found = people::mentions(&a, &imported.transcript.id).unwrap();
    let names: Vec<(String, &str)> = found
        .iter()
        .map(|m| {
            (
                people::get(&a, &m.person.id).unwrap().display_name,
                m.text_span.as_str(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Leon Trotsky".to_owned(), "Троцким"),
            ("Karl Radek".to_owned(), "Радек")
        ]
    );
}

#[test]
fn the_sample_cites_the_three_footnotes_and_tags_its_interviews() {
    let mut a = Archive::open_in_memory().unwrap();
    build(&mut a).unwrap();
    let collection = collection::list(&a).unwrap().remove(0);
    let notes: Vec<String> = sources::citations_of(&a, &collection.id)
        .unwrap()
        .into_iter()
        .map(|c| c.text)
        .collect();
    assert_eq!(notes.len(), 3);
    assert_eq!(
            notes[0],
            "David North: “After the Demise of the USSR: The Struggle for Marxism and the Tasks of the Fourth International”, Report to the 12th Plenum of the ICFI, March 11, 1992; in: Fourth International, Vol. 19 No. 1 (Fall-Winter 1992), p. 68."
        );
    assert!(
        notes[1].contains("No. 66-67 (1938), p. 21; translation quoted from Vadim Z. Rogovin")
            && notes[1].ends_with("Mehring Books 2009, p. 186."),
        "{}",
        notes[1]
    );
    assert!(
        notes[2].starts_with("“Verdict of the International Commission on the Moscow Trials”")
            && notes[2].ends_with("p. 345."),
        "{}",
        notes[2]
    );
    let left = tags::find(&a, "Левая оппозиция").unwrap();
    let tagged = tags::tagged(&a, &left.id, true).unwrap();
    assert_eq!(
        tagged
            .iter()
            .filter(|t| matches!(&t.target, Target::Record(r) if r.kind == RecordKind::Interview))
            .count(),
        4
    );
    let smilga = people::list(&a)
        .unwrap()
        .into_iter()
        .find(|p| p.display_name == "Ivar Smilga")
        .unwrap();
    let ends: Vec<String> = links::of(&a, &smilga.id)
        .unwrap()
        .into_iter()
        .map(|e| format!("{} {}", e.label, e.other_title))
        .collect();
    assert_eq!(
        ends,
        [
            "parent of Tatiana Smilga",
            "mentioned in Interview with Tatiana Smilga"
        ]
    );
}

#[test]
fn the_sample_is_not_added_twice() {
    let mut a = Archive::open_in_memory().unwrap();
    build(&mut a).unwrap();
    assert!(matches!(build(&mut a), Err(Error::InUse(_))));
    assert_eq!(
        interview::list(&a, &InterviewFilter::default())
            .unwrap()
            .len(),
        4 + 1,
        "the four interviews and the demonstration, once"
    );
}

#[test]
fn the_demonstration_interview_has_every_layer_and_says_it_is_made_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Archive::open(dir.path().join("sample.db")).unwrap();
    build(&mut a).unwrap();
    let interviews = interview::list(&a, &InterviewFilter::default()).unwrap();
    assert_eq!(interviews.len(), 5);
    let demo = interviews.iter().find(|i| i.title == demo::TITLE).unwrap();
    assert!(demo.title.contains("Demonstration") && demo.title.contains("fictional"));
    assert!(demo.summary.starts_with("A demonstration") && demo.summary.contains("fictional"));
    assert_eq!(demo.narrators[0].name, demo::NARRATOR);
    assert!(person_named(&a, demo::NARRATOR)
        .note
        .starts_with("Fictional"));

    // A recording the sample made: a WAV the archive reads the length of, in the media folder.
    let recordings = crate::media::list(&a, &demo.id).unwrap();
    assert_eq!(recordings.len(), 1);
    assert_eq!(recordings[0].mime_type, "audio/wav");
    assert_eq!(recordings[0].duration_ms, Some(demo::duration_ms()));
    let file = crate::media::resolve_path(&a, &recordings[0]);
    assert_eq!(std::fs::read(&file).unwrap(), demo::recording_wav());
    assert!(!recordings[0].missing);

    // The Russian original and its English translation line up, line by line.
    let transcripts = crate::transcript::list(&a, &demo.id).unwrap();
    let languages: Vec<&str> = transcripts.iter().map(|t| t.language.as_str()).collect();
    assert_eq!(languages, ["ru", "en"]);
    let rows = crate::transcript::align(&a, &transcripts[0].id, &transcripts[1].id).unwrap();
    assert_eq!(rows.len(), 8);
    assert!(rows.iter().all(|r| r.left.is_some() && r.right.is_some()));
    let segments = crate::transcript::segments(&a, &transcripts[0].id).unwrap();
    assert!(segments
        .iter()
        .all(|s| s.end_ms.unwrap() <= demo::duration_ms()));
    assert_eq!(
        crate::transcript::index::list(&a, &demo.id).unwrap().len(),
        3
    );

    // A tagged passage in each, and the same line sealed in each: the public view withholds
    // its words in the original and in the translation, and nothing else.
    let view = crate::public::PublicView::new(&a, "2026-12-01").unwrap();
    for t in &transcripts {
        let tagged = tags::tags_of(&a, &t.id).unwrap();
        assert!(
            tagged
                .iter()
                .any(|x| x.label == "Family photographs" && matches!(x.target, Target::Span(_))),
            "{}: {tagged:?}",
            t.label
        );
        let public = view
            .transcript(&t.id)
            .unwrap()
            .expect("the transcript is public");
        let withheld: Vec<usize> = public
            .segments
            .iter()
            .enumerate()
            .filter(|(_, s)| s.status != crate::public::PublicStatus::Open)
            .map(|(i, _)| i)
            .collect();
        assert_eq!(withheld, [5], "{}", t.label);
        assert!(public.segments[5].text.is_empty());
    }
}
