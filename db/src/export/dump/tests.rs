use super::*;
use crate::{
    interview::{self, InterviewInput},
    people::{self, PersonInput},
    sample,
    transcript::{self, ImportOptions},
    Origin,
};

fn package() -> ImportedFrom {
    ImportedFrom {
        package: "0190e0c0-0000-7000-8000-000000000001".into(),
        imported_on: "2026-12-01".into(),
    }
}

/// A dump without the columns the importing archive sets, and without the events of
/// imports themselves, for comparing what travelled.
fn travelled(mut d: ArchiveDump) -> ArchiveDump {
    for t in &mut d.tables {
        t.rows
            .retain(|r| r.get("record_kind").and_then(Value::as_str) != Some("package"));
        for r in &mut t.rows {
            for (table, column) in LOCAL_COLUMNS {
                if *table == t.table {
                    r.remove(*column);
                }
            }
        }
    }
    d
}

/// The sample's interview with Tatiana Isaeva.
fn isaeva(a: &Archive) -> interview::Interview {
    interview::list(a, &Default::default())
        .unwrap()
        .into_iter()
        .find(|i| i.title.contains("Isaeva"))
        .unwrap()
}

fn sample_with_transcript() -> Archive {
    let mut a = Archive::open_in_memory().unwrap();
    sample::build(&mut a).unwrap();
    let first = isaeva(&a).id;
    let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Tatiana Isaeva>Мой дед, Воронский.\n";
    transcript::import(
        &mut a,
        &first,
        "isaeva.vtt",
        vtt.as_bytes(),
        &ImportOptions::default(),
        &JobContext::silent(),
        Origin::Import,
    )
    .unwrap();
    a
}

#[test]
fn a_dump_restored_into_an_empty_archive_gives_back_the_same_records() {
    let original = sample_with_transcript();
    let dumped = dump(&original).unwrap();
    let mut copy = Archive::open_in_memory().unwrap();
    let report = restore(&mut copy, &dumped, &package(), &JobContext::silent()).unwrap();
    assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);
    assert_eq!(
        travelled(dump(&copy).unwrap()),
        travelled(dumped.clone()),
        "every table, every id, every value"
    );
    let hits = crate::search::search(
        &copy,
        &crate::search::SearchQuery {
            text: "Воронский".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        hits.iter()
            .any(|h| h.kind == crate::search::HitKind::Segment),
        "the search index is rebuilt"
    );
}

#[test]
fn a_partial_dump_carries_its_interviews_their_people_and_nothing_else() {
    let original = sample_with_transcript();
    let interviews = interview::list(&original, &Default::default()).unwrap();
    let chosen = &isaeva(&original);
    let dumped = dump_selection(&original, std::slice::from_ref(&chosen.id)).unwrap();
    let rows = |t: &str| {
        dumped
            .tables
            .iter()
            .find(|x| x.table == t)
            .map(|x| x.rows.clone())
            .unwrap_or_default()
    };
    assert_eq!(rows("interviews").len(), 1);
    assert_eq!(rows("transcripts").len(), 1, "its transcript comes along");
    let people: Vec<String> = rows("people")
        .iter()
        .map(|p| p["display_name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        people,
        vec![chosen.narrators[0].name.clone()],
        "only the people it points at"
    );
    let mut copy = Archive::open_in_memory().unwrap();
    restore(&mut copy, &dumped, &package(), &JobContext::silent()).unwrap();
    assert_eq!(
        interview::get(&copy, &chosen.id).unwrap().narrators,
        chosen.narrators
    );
    let event_records: Vec<String> = rows("events")
        .iter()
        .map(|e| e["record_uuid"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        event_records.contains(&chosen.id),
        "the interview's history comes along"
    );
    assert!(
        !interviews
            .iter()
            .filter(|i| i.id != chosen.id)
            .any(|i| event_records.contains(&i.id)),
        "other interviews' history does not"
    );
}

#[test]
fn restoring_twice_changes_nothing() {
    let original = sample_with_transcript();
    let dumped = dump(&original).unwrap();
    let mut copy = Archive::open_in_memory().unwrap();
    restore(&mut copy, &dumped, &package(), &JobContext::silent()).unwrap();
    let again = restore(&mut copy, &dumped, &package(), &JobContext::silent()).unwrap();
    assert_eq!(again.added, 0);
    assert!(again.conflicts.is_empty());
    assert_eq!(travelled(dump(&copy).unwrap()), travelled(dumped));
}

#[test]
fn a_record_changed_on_both_sides_is_a_conflict_and_is_not_overwritten() {
    let mut here = sample_with_transcript();
    let dumped = dump(&here).unwrap();
    let person = people::list(&here)
        .unwrap()
        .into_iter()
        .find(|p| p.display_name == "Karl Radek")
        .unwrap();
    people::update(
        &mut here,
        &person.id,
        &PersonInput {
            display_name: "Karl Radek".into(),
            note: "Edited here.".into(),
            ..Default::default()
        },
        Origin::Window,
    )
    .unwrap();
    let extra = interview::create(
        &mut here,
        &InterviewInput {
            title: "Only here".into(),
            ..Default::default()
        },
        Origin::Window,
    )
    .unwrap();
    let report = restore(&mut here, &dumped, &package(), &JobContext::silent()).unwrap();
    let conflict = report
        .conflicts
        .iter()
        .find(|c| c.table == "people")
        .expect("the edited person is a conflict");
    assert!(
        conflict.fields.iter().any(|(f, _, _)| f == "note"),
        "{conflict:?}"
    );
    assert_eq!(
        people::get(&here, &person.id).unwrap().note,
        "Edited here.",
        "not overwritten"
    );
    assert!(
        interview::get(&here, &extra.id).is_ok(),
        "records only here stay"
    );
}
