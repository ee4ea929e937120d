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

/// A bilingual archive: a Russian transcript and an English one naming the same people in
/// many spellings, and the people authority knowing two of them.
struct Bilingual {
    archive: Archive,
    russian: String,
    english: String,
    zorya: String,
}

pub(crate) fn import_vtt(a: &mut Archive, interview: &str, language: &str, cues: &[&str]) {
    let mut vtt = String::from("WEBVTT\n\n");
    for (i, cue) in cues.iter().enumerate() {
        vtt.push_str(&format!(
            "00:{:02}:00.000 --> 00:{:02}:05.000\n{cue}\n\n",
            i + 1,
            i + 1
        ));
    }
    transcript::import(
        a,
        interview,
        "t.vtt",
        vtt.as_bytes(),
        &ImportOptions {
            language: Some(language.into()),
            ..Default::default()
        },
        &JobContext::silent(),
        Origin::Import,
    )
    .unwrap();
}

fn bilingual() -> Bilingual {
    use crate::people::authority::{add_variant, NameVariantInput, VariantKind};
    let mut a = Archive::open_in_memory().unwrap();
    let zorya = people::create(
        &mut a,
        &PersonInput {
            display_name: "Zorya Serebryakova".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap()
    .id;
    for (v, kind) in [
        ("Зоря Серебрякова", VariantKind::Original),
        ("Zoria Serebriakova", VariantKind::Transliteration),
        // As the source article spells her.
        ("Serebrayakova", VariantKind::Misspelling),
    ] {
        add_variant(&mut a, &zorya, &NameVariantInput::new(v, kind), Origin::Cli).unwrap();
    }
    let interview = |a: &mut Archive, title: &str| {
        interview::create(
            a,
            &InterviewInput {
                title: title.into(),
                ..Default::default()
            },
            Origin::Cli,
        )
        .unwrap()
        .id
    };
    let russian = interview(&mut a, "Воспоминания");
    let english = interview(&mut a, "Memories");
    import_vtt(
        &mut a,
        &russian,
        "ru",
        &[
            "Мы жили рядом с Троцким на Арбате.",
            "Портрет Троцкого висел в кабинете.",
            "Отца арестовали в тридцать шестом.",
            "Я видела Серебрякову в ссылке.",
            "Зоря Серебрякова рассказывала об отце.",
            "Про Троцкий ничего не говорили.",
            "Соседей тоже арестовали.",
        ],
    );
    import_vtt(
        &mut a,
        &english,
        "en",
        &[
            "Everyone knew Trotsky by sight.",
            "The catalogue spells him Trotskii, after ALA-LC.",
            "The gazetteer writes Trotskiy, as BGN/PCGN does.",
            "ISO 9 gives Trockij, the scholars Trotskij.",
            "In Berlin the papers wrote Trotzki, in Paris Trotski.",
            "My father was arrested in 1936.",
            "Leonid Serebriakov was his friend.",
            "The article spells her Serebrayakova.",
            "Zoria Serebriakova kept the letters.",
            "Nobody spoke of the left opposition.",
        ],
    );
    Bilingual {
        archive: a,
        russian,
        english,
        zorya,
    }
}

pub(crate) fn grouped(a: &Archive, q: &str) -> SearchResults {
    search_grouped(
        a,
        &SearchQuery {
            text: q.into(),
            ..Default::default()
        },
    )
    .unwrap()
}

/// The text of every passage found, per interview id.
fn passages(r: &SearchResults) -> Vec<(String, String)> {
    r.interviews
        .iter()
        .flat_map(|g| {
            g.passages
                .iter()
                .map(|p| (g.interview_id.clone(), p.snippet.clone()))
        })
        .collect()
}

fn count_in(r: &SearchResults, interview: &str) -> u32 {
    r.interviews
        .iter()
        .find(|g| g.interview_id == interview)
        .map_or(0, |g| g.count)
}

#[test]
fn a_latin_name_finds_its_cyrillic_forms_and_every_romanization() {
    let b = bilingual();
    for q in [
        "Trotsky",
        "trotsky",
        "Trotskii",
        "Trotskij",
        "Trockij",
        "Trotzki",
        "Trotski",
        "Trotskiy",
        "Trot͡skiĭ",
    ] {
        let r = grouped(&b.archive, q);
        assert_eq!(
            count_in(&r, &b.russian),
            3,
            "{q} in Cyrillic: {:?}",
            passages(&r)
        );
        assert_eq!(
            count_in(&r, &b.english),
            5,
            "{q} in Latin: {:?}",
            passages(&r)
        );
    }
}

#[test]
fn a_cyrillic_name_in_any_case_finds_the_latin_spellings() {
    let b = bilingual();
    for q in ["Троцкий", "Троцким", "Троцкого", "ТРОЦКИЙ", "троцкий"]
    {
        let r = grouped(&b.archive, q);
        assert_eq!(count_in(&r, &b.russian), 3, "{q}: {:?}", passages(&r));
        assert_eq!(count_in(&r, &b.english), 5, "{q}: {:?}", passages(&r));
    }
    let r = grouped(&b.archive, "Троцкого");
    assert!(
        passages(&r)
            .iter()
            .any(|(_, s)| s.contains("<mark>Trotzki</mark>") && s.contains("<mark>Trotski</mark>")),
        "the spellings matched are marked: {:?}",
        passages(&r)
    );
}

#[test]
fn words_match_their_inflections_in_russian_and_english() {
    let b = bilingual();
    let r = grouped(&b.archive, "arrest");
    assert_eq!(count_in(&r, &b.english), 1, "arrest finds arrested");
    let r = grouped(&b.archive, "father arrests");
    assert_eq!(
        r.passages_matched,
        1,
        "two words, both inflected: {:?}",
        passages(&r)
    );
    assert_eq!(grouped(&b.archive, "father OR arrests").passages_matched, 1);
    assert_eq!(
        grouped(&b.archive, "father NOT arrests").passages_matched,
        0
    );
    let r = grouped(&b.archive, "арестовать");
    assert_eq!(
        count_in(&r, &b.russian),
        2,
        "арестовать finds арестовали: {:?}",
        passages(&r)
    );
    let r = grouped(&b.archive, "Серебрякова");
    assert!(
        passages(&r)
            .iter()
            .any(|(_, s)| s.contains("<mark>Серебрякову</mark>")),
        "{:?}",
        passages(&r)
    );
    let r = grouped(&b.archive, "Serebryakov");
    assert!(
        passages(&r)
            .iter()
            .any(|(_, s)| s.contains("<mark>Serebriakov</mark>")),
        "{:?}",
        passages(&r)
    );
}

#[test]
fn a_quoted_word_or_phrase_matches_only_that_spelling() {
    let b = bilingual();
    let r = grouped(&b.archive, "\"Trotzki\"");
    assert_eq!(r.passages_matched, 1, "{:?}", passages(&r));
    assert!(
        r.person.is_none(),
        "a quoted spelling is not read as a person"
    );
    let r = grouped(&b.archive, "\"TROTZKI in Paris\"");
    assert_eq!(r.passages_matched, 1, "case folded, words in order");
    assert_eq!(
        grouped(&b.archive, "\"Paris in Trotzki\"").passages_matched,
        0
    );
    assert_eq!(
        grouped(&b.archive, "\"arrest\"").passages_matched,
        0,
        "no stemming inside quotes"
    );
}

#[test]
fn a_person_the_authority_knows_is_found_in_every_spelling_and_says_so() {
    let b = bilingual();
    // Misspelled as the source article does: the authority's match is confident.
    let r = grouped(&b.archive, "Serebrayakova");
    let person = r
        .person
        .clone()
        .expect("the query names Zorya Serebryakova");
    assert_eq!(person.id, b.zorya);
    assert_eq!(person.name, "Zorya Serebryakova");
    let found = passages(&r);
    for expected in ["Серебрякову", "Зоря", "Zoria Serebriakova", "Serebrayakova"] {
        assert!(
            found.iter().any(|(_, s)| s
                .replace("<mark>", "")
                .replace("</mark>", "")
                .contains(expected)),
            "{expected}: {found:?}"
        );
    }
    assert!(
        !found.iter().any(|(_, s)| s.contains("Leonid")),
        "her father is another person: {found:?}"
    );
    let all: Vec<&SearchHit> = r.interviews.iter().flat_map(|g| &g.passages).collect();
    assert!(all
        .iter()
        .filter(|h| !h.snippet.contains("Serebrayakova"))
        .all(|h| h.matched_as.as_deref() == Some("Zorya Serebryakova")));
    assert!(
        r.records
            .iter()
            .any(|h| h.kind == HitKind::Person && h.record_id == b.zorya),
        "her record is among the records"
    );
    // A spelling the authority does not hold, confidently hers: the same passages.
    let other = grouped(&b.archive, "Serebrjakova");
    assert_eq!(
        other.person.as_ref().map(|p| p.id.clone()),
        Some(b.zorya.clone())
    );
    assert_eq!(passages(&other).len(), found.len());
    // A word that names no one adds nothing.
    assert!(grouped(&b.archive, "letters").person.is_none());
}

#[test]
fn records_and_passages_are_ranked_apart() {
    let b = bilingual();
    let r = grouped(&b.archive, "Memor*");
    assert!(r
        .records
        .iter()
        .any(|h| h.kind == HitKind::Interview
            && h.interview_id.as_deref() == Some(b.english.as_str())));
    assert!(r.interviews.is_empty(), "no passage says memories");
    let r = grouped(&b.archive, "Троц*");
    assert_eq!(
        r.passages_matched,
        3 + 5,
        "a Cyrillic prefix reaches the Latin names too"
    );
    assert!(r
        .interviews
        .iter()
        .all(|g| g.passages.len() as u32 <= PASSAGES_PER_INTERVIEW));
    assert!(r
        .interviews
        .iter()
        .flat_map(|g| &g.passages)
        .all(|p| p.start_ms.is_some() && p.transcript_id.is_some()));
}

#[test]
fn the_flat_list_keeps_the_interviews_in_rank_order() {
    let b = bilingual();
    let r = grouped(&b.archive, "Trotsky");
    let flat = search(&b.archive, &text("Trotsky")).unwrap();
    let order: Vec<&str> = r
        .interviews
        .iter()
        .map(|g| g.interview_id.as_str())
        .collect();
    let mut seen: Vec<&str> = Vec::new();
    for h in flat.iter().filter(|h| h.kind == HitKind::Segment) {
        let id = h.interview_id.as_deref().unwrap();
        if !seen.contains(&id) {
            seen.push(id);
        }
    }
    assert_eq!(seen, order);
}

/// An archive of 40 generated interviews (4,000 segments).
fn generated() -> Archive {
    let mut a = Archive::open_in_memory().unwrap();
    let options = crate::generate::GenerateOptions {
        interviews: 40,
        segments_per_interview: 100,
        seed: 5,
    };
    crate::generate::generate(&mut a, &options, &JobContext::silent()).unwrap();
    a
}

#[test]
fn every_match_is_ranked_and_counted() {
    let a = generated();
    let r = grouped(&a, "the");
    let raw: u32 = a
        .conn()
        .query_row(
            "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH 'stem : \"the\"'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(raw > 1000, "a common word");
    assert!(r.passages_matched >= raw, "{} of {raw}", r.passages_matched);
    assert_eq!(
        r.interviews_matched as usize,
        r.interviews.len().max(r.interviews_matched as usize)
    );
    // Interviews are ranked by bm25 over their whole transcripts: the first holds the best
    // transcript of all that match; each interview's first passage is its best.
    let expanded = compile(
        &a,
        &parse_terms("the"),
        &query_languages(&a, &text("the")).unwrap(),
    )
    .unwrap()
    .unwrap()
    .expanded;
    let (best_interview, best): (String, f64) = a
        .conn()
        .query_row(
            "SELECT i.uuid, bm25(transcripts_fts) AS s FROM transcripts_fts
             JOIN transcripts t ON t.id = transcripts_fts.rowid JOIN interviews i ON i.id = t.interview_id
             WHERE transcripts_fts MATCH ?1 ORDER BY s LIMIT 1",
            [&expanded],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(r.interviews[0].interview_id, best_interview);
    assert_eq!(r.interviews[0].score, best);
    for group in &r.interviews {
        let best_passage: f64 = a
            .conn()
            .query_row(
                "SELECT bm25(segments_fts) AS score FROM segments_fts
                 CROSS JOIN segments s ON s.id = segments_fts.rowid CROSS JOIN transcripts t ON t.id = s.transcript_id
                 CROSS JOIN interviews i ON i.id = t.interview_id
                 WHERE segments_fts MATCH ?1 AND i.uuid = ?2 ORDER BY score LIMIT 1",
                [&expanded, &group.interview_id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(group.passages[0].score, best_passage);
        assert!(group.passages.windows(2).all(|w| w[0].score <= w[1].score));
    }
    assert!(r.interviews.windows(2).all(|w| w[0].score <= w[1].score));
    let total: u32 = r.interviews.iter().map(|g| g.count).sum();
    assert_eq!(
        total, r.passages_matched,
        "all 40 interviews shown, every match counted"
    );
}

/// The index's tokenizer splits only on spaces and ASCII punctuation, and folds only ASCII
/// letters (migration 0010): it relies on the folding to leave no capital, no diacritic and no
/// punctuation of any script in a term. Text full of them is indexed term for term as folded,
/// and is found from any case and spelling of its words.
#[test]
fn text_of_any_script_and_punctuation_is_indexed_as_folded_and_found() {
    let mut a = Archive::open_in_memory().unwrap();
    let interview = interview::create(
        &mut a,
        &InterviewInput {
            title: "Punctuation".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap()
    .id;
    import_vtt(
        &mut a,
        &interview,
        "ru",
        &[
            "«ТРОЦКИЙ» — сказал Ёжиков… (в 1927-м) ‘Zürich’ O’Brien’s ÉCOLE ﬁnal x² Ǆemal",
            "Serebryakov’s wife—Галина—arrived; İstanbul? «Ёлка»! №5 §3 ½ Σίσυφος ÆSIR",
        ],
    );
    assert_eq!(
        index::disagreements(a.conn()).unwrap(),
        Vec::<String>::new(),
        "every term in the index is a folded word, as written"
    );
    for (query, passages) in [
        ("троцкий", 1),
        ("Trotsky", 1),
        ("ежиков", 1),
        ("zurich", 1),
        ("ZÜRICH", 1),
        ("brien", 1),
        ("ecole", 1),
        ("École", 1),
        ("галина", 1),
        ("ГАЛИНА", 1),
        ("елка", 1),
        ("σισυφος", 1),
        ("ΣΊΣΥΦΟΣ", 1),
        ("aesir", 1),
        ("æsir", 1),
        ("1927", 1),
        ("\"сказал ежиков\"", 1),
        ("\"wife галина arrived\"", 1),
    ] {
        assert_eq!(
            grouped(&a, query).passages_matched,
            passages,
            "{query} finds {passages} passage(s)"
        );
    }
}

#[test]
fn an_aborted_write_leaves_the_index_as_the_rows_are() {
    let mut b = bilingual();
    assert_eq!(
        index::disagreements(b.archive.conn()).unwrap(),
        Vec::<String>::new()
    );
    let english = b.english.clone();
    let failed: Result<()> = b.archive.write(|w| {
        w.execute(
            "UPDATE segments SET text = 'Radek spoke' WHERE position = 0",
            [],
        )?;
        w.execute("DELETE FROM segments WHERE position = 1", [])?;
        index::apply_pending(w, None)?;
        Err(Error::invalid("test", "abort after the index was written"))
    });
    assert!(failed.is_err());
    assert_eq!(
        index::disagreements(b.archive.conn()).unwrap(),
        Vec::<String>::new()
    );
    assert_eq!(count_in(&grouped(&b.archive, "Trotsky"), &english), 5);
    assert_eq!(grouped(&b.archive, "Radek").passages_matched, 0);

    // A row written behind the archive's back (another program) is noted, and indexed by
    // the next write.
    b.archive
        .conn()
        .execute(
            "UPDATE segments SET text = 'Radek spoke' WHERE position = 0",
            [],
        )
        .unwrap();
    assert!(!index::disagreements(b.archive.conn()).unwrap().is_empty());
    b.archive.write(|_| Ok(())).unwrap();
    assert_eq!(
        index::disagreements(b.archive.conn()).unwrap(),
        Vec::<String>::new()
    );
    assert_eq!(grouped(&b.archive, "Radek").passages_matched, 2);
}

#[test]
fn reindex_rebuilds_the_same_index_and_a_cancelled_one_changes_nothing() {
    let mut b = bilingual();
    let before = grouped(&b.archive, "Trotsky");
    b.archive
        .conn()
        .execute_batch("INSERT INTO segments_fts (segments_fts) VALUES ('delete-all')")
        .unwrap();
    assert_eq!(
        grouped(&b.archive, "Trotsky").passages_matched,
        0,
        "index emptied by hand"
    );
    let done = rebuild_index(&mut b.archive, &JobContext::silent()).unwrap();
    assert_eq!(done.segments, 17);
    assert_eq!(grouped(&b.archive, "Trotsky"), before);
    assert_eq!(
        index::disagreements(b.archive.conn()).unwrap(),
        Vec::<String>::new()
    );

    let cancel = crate::jobs::CancelFlag::default();
    cancel.cancel();
    // Cancellation is checked every few thousand rows: give it enough of them.
    let a = &mut b.archive;
    a.write(|w| {
        index::rebuild_in(w, None)?;
        Ok(())
    })
    .unwrap();
    let ctx = JobContext::new(cancel, |_| {});
    let mut g = generated();
    let result = rebuild_index(&mut g, &ctx);
    assert!(matches!(result, Err(Error::Cancelled)));
    assert_eq!(
        index::disagreements(g.conn()).unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn index_points_are_found_in_any_spelling_with_their_time() {
    let mut a2 = Archive::open_in_memory().unwrap();
    let i = interview::create(
        &mut a2,
        &InterviewInput {
            title: "Smilga".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    a2.write(|w| {
        let iid: i64 = w.query_row("SELECT id FROM interviews", [], |r| r.get(0))?;
        w.execute(
            "INSERT INTO index_points (uuid, interview_id, time_ms, title, synopsis, created_at, updated_at)
             VALUES ('00000000-0000-7000-8000-000000000001', ?1, 61000, 'Arrests', 'Троцкого выслали в Алма-Ату.', '', '')",
            [iid],
        )?;
        Ok(())
    })
    .unwrap();
    let r = grouped(&a2, "Trotzki");
    let point = r
        .records
        .iter()
        .find(|h| h.kind == HitKind::IndexPoint)
        .expect("the index point");
    assert_eq!(point.start_ms, Some(61_000));
    assert_eq!(point.interview_id.as_deref(), Some(i.id.as_str()));
    assert!(
        point.snippet.contains("<mark>Троцкого</mark>"),
        "{}",
        point.snippet
    );
    assert_eq!(
        index::disagreements(a2.conn()).unwrap(),
        Vec::<String>::new()
    );
}

#[test]
fn words_asked_for_together_must_be_in_one_passage_not_only_in_one_transcript() {
    let f = fixture();
    // "My father was naïve about Stalin." and then "The Left Opposition met in our kitchen."
    let together = grouped(&f.archive, "father Stalin");
    assert_eq!(
        (together.interviews_matched, together.passages_matched),
        (1, 1)
    );
    for apart in ["father kitchen", "\"Stalin the\"", "father NOT Stalin"] {
        let r = grouped(&f.archive, apart);
        assert_eq!(
            (r.interviews_matched, r.passages_matched, r.interviews.len()),
            (0, 0, 0),
            "{apart}: the words are in two passages of one transcript"
        );
    }
    let either = grouped(&f.archive, "father OR kitchen");
    assert_eq!((either.interviews_matched, either.passages_matched), (1, 2));
    assert_eq!(either.interviews[0].count, 2);
}

#[test]
fn the_whole_transcript_rows_follow_every_edit() {
    let mut f = fixture();
    f.archive
        .write(|w| {
            w.execute(
                "UPDATE segments SET text = 'Radek came to the kitchen' WHERE position = 1",
                [],
            )?;
            w.execute("DELETE FROM segments WHERE position = 2", [])?;
            Ok(())
        })
        .unwrap();
    assert_eq!(
        index::disagreements(f.archive.conn()).unwrap(),
        Vec::<String>::new()
    );
    assert_eq!(grouped(&f.archive, "Stalin").interviews_matched, 0);
    assert_eq!(grouped(&f.archive, "Radek kitchen").passages_matched, 1);
    f.archive
        .write(|w| {
            w.execute("DELETE FROM transcripts", [])?;
            Ok(())
        })
        .unwrap();
    assert_eq!(
        index::disagreements(f.archive.conn()).unwrap(),
        Vec::<String>::new()
    );
    let rows: i64 = f
        .archive
        .conn()
        .query_row("SELECT count(*) FROM transcripts_fts_docsize", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(rows, 0, "no row is left for a deleted transcript");
    assert_eq!(grouped(&f.archive, "Radek").passages_matched, 0);
}

#[test]
fn a_person_is_found_in_captions_and_region_labels_in_any_spelling_and_case() {
    use crate::photo::{self, CaptionInput, PhotoFilter, Rect, RegionInput};
    let dir = tempfile::tempdir().unwrap();
    let mut a = Archive::open(dir.path().join("sample.db")).unwrap();
    crate::sample::build(&mut a).unwrap();
    let group = photo::list(&a, &PhotoFilter::default()).unwrap().remove(0);
    let trotsky = people::list(&a)
        .unwrap()
        .into_iter()
        .find(|p| p.display_name == "Leon Trotsky")
        .unwrap();
    let russian = photo::add_caption(
        &mut a,
        &group.id,
        &CaptionInput {
            language: "ru".into(),
            text: "Сидят (слева направо): Серебряков, Радек, Троцкий.".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let place = |x| {
        Some(Rect {
            x,
            y: 10,
            width: 50,
            height: 50,
        })
    };
    let labelled = photo::region::add_region(
        &mut a,
        &group.id,
        &RegionInput {
            rect: place(10),
            person_id: None,
            label: "L. Trotzki".into(),
        },
        Origin::Cli,
    )
    .unwrap();
    let linked = photo::region::add_region(
        &mut a,
        &group.id,
        &RegionInput {
            rect: place(100),
            person_id: Some(trotsky.id.clone()),
            label: String::new(),
        },
        Origin::Cli,
    )
    .unwrap();

    // The genitive in Cyrillic, a scholarly romanization, the German spelling.
    for query in ["Троцкого", "Trockij", "Trotzki"] {
        let r = grouped(&a, query);
        let ids = |kind: HitKind| -> Vec<&str> {
            r.records
                .iter()
                .filter(|h| h.kind == kind)
                .map(|h| h.record_id.as_str())
                .collect()
        };
        let captions = ids(HitKind::Caption);
        assert!(
            captions.contains(&group.captions[0].id.as_str()),
            "{query}: the English caption names Trotsky: {:?}",
            r.records
        );
        assert!(
            captions.contains(&russian.id.as_str()),
            "{query}: the Russian caption"
        );
        let regions = ids(HitKind::Region);
        assert!(
            regions.contains(&labelled.id.as_str()),
            "{query}: the label"
        );
        assert!(
            regions.contains(&linked.id.as_str()),
            "{query}: the region of the person"
        );
        assert!(r
            .records
            .iter()
            .filter(|h| matches!(h.kind, HitKind::Caption | HitKind::Region))
            .all(|h| h.photo_id.as_deref() == Some(group.id.as_str())));
        assert_eq!(
            r.person.as_ref().map(|p| p.name.as_str()),
            Some("Leon Trotsky"),
            "{query}"
        );
    }
    // Radek's spelling does not bring Trotsky's region.
    let radek = grouped(&a, "Radek");
    assert!(!radek
        .records
        .iter()
        .any(|h| h.record_id == linked.id || h.record_id == labelled.id));

    // Paged one or two at a time, the region of the person (added after the records the words
    // found) comes once, on its own page.
    for limit in [1, 2] {
        let all = every_page(&a, &text("Trotzki"), limit);
        assert!(all.contains(&format!("record region {}", linked.id)));
        assert!(all.contains(&format!("record region {}", labelled.id)));
    }
}

/// Every result of `query`, read page by page (`limit` a page), as "interview ID" and
/// "record KIND ID", after checking that each page says the same total, holds `limit` results
/// but the last, repeats none of another page, and that together the pages are the one page
/// that holds them all, in its order.
fn every_page(a: &Archive, query: &SearchQuery, limit: u32) -> Vec<String> {
    let keys = |r: &SearchResults| -> Vec<String> {
        let interviews = r
            .interviews
            .iter()
            .map(|g| format!("interview {}", g.interview_id));
        let records = r.records.iter().map(|h| {
            format!("record {:?} {}", h.kind, h.record_id)
                .to_lowercase()
                .replace("indexpoint", "index_point")
        });
        interviews.chain(records).collect()
    };
    let whole = search_grouped(
        a,
        &SearchQuery {
            limit: Some(1000),
            ..query.clone()
        },
    )
    .unwrap();
    assert!(whole.total < 1000, "one page holds them all");
    assert_eq!(
        whole.total,
        whole.interviews_matched + whole.records_matched
    );
    let all = keys(&whole);
    assert_eq!(
        all.len() as u32,
        whole.total,
        "the total counts every result"
    );

    let mut paged: Vec<String> = Vec::new();
    let mut offset = 0;
    while offset < whole.total {
        let page = search_grouped(
            a,
            &SearchQuery {
                limit: Some(limit),
                offset: Some(offset),
                ..query.clone()
            },
        )
        .unwrap();
        assert_eq!((page.offset, page.limit), (offset, limit));
        assert_eq!(page.total, whole.total, "every page says the same total");
        assert_eq!(
            (
                page.interviews_matched,
                page.passages_matched,
                page.records_matched
            ),
            (
                whole.interviews_matched,
                whole.passages_matched,
                whole.records_matched
            )
        );
        let on_page = keys(&page);
        assert_eq!(
            on_page.len() as u32,
            limit.min(whole.total - offset),
            "a full page but the last, at {offset}"
        );
        for key in &on_page {
            assert!(!paged.contains(key), "{key} is on two pages");
        }
        paged.extend(on_page);
        offset += limit;
    }
    assert_eq!(
        paged, all,
        "the pages together are every result, in one order"
    );
    let past = search_grouped(
        a,
        &SearchQuery {
            limit: Some(limit),
            offset: Some(whole.total),
            ..query.clone()
        },
    )
    .unwrap();
    assert!(
        past.interviews.is_empty() && past.records.is_empty(),
        "nothing past the end"
    );
    assert_eq!(past.total, whole.total);
    all
}

#[test]
fn results_are_counted_and_paged_through_without_overlap_in_a_stable_order() {
    let mut a = Archive::open_in_memory().unwrap();
    let options = crate::generate::GenerateOptions {
        interviews: 80,
        segments_per_interview: 20,
        seed: 5,
    };
    crate::generate::generate(&mut a, &options, &JobContext::silent()).unwrap();
    let r = grouped(&a, "the");
    assert!(
        r.total > 50,
        "more than one page: {} = {} + {}",
        r.total,
        r.interviews_matched,
        r.records_matched
    );
    assert_eq!(r.limit, 50, "a page is 50 unless asked otherwise");
    assert_eq!(r.interviews.len() + r.records.len(), 50);
    // Pages that end among the interviews, one that holds the last interviews and the first
    // records, then pages of records.
    let limit = (6..=10)
        .find(|l| !r.interviews_matched.is_multiple_of(*l))
        .unwrap();
    assert!(
        r.interviews_matched > limit && r.records_matched > 2 * limit,
        "{} + {}",
        r.interviews_matched,
        r.records_matched
    );
    let all = every_page(&a, &text("the"), limit);
    assert_eq!(all.len() as u32, r.total);
    // The same again: the order does not change between searches.
    assert_eq!(every_page(&a, &text("the"), limit), all);
    // A filter narrows the total as it narrows the results.
    let filtered = SearchQuery {
        year_from: Some(1960),
        ..text("the")
    };
    let narrowed = every_page(&a, &filtered, 9);
    assert!(
        narrowed.len() < all.len(),
        "{} of {}",
        narrowed.len(),
        all.len()
    );
}
