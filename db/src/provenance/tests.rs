//! The log accounts for the archive: replaying it gives the records as they are.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::Value;

use super::*;
use crate::{
    collection::{self, CollectionInput},
    interview::{self, InterviewInput},
    people::{self, PersonInput},
    records::{RecordKind, Target},
    tags::{self, Label, TagInput},
};

#[derive(Debug, Clone)]
enum Op {
    NewCollection(u8),
    EditCollection(usize, u8),
    DeleteCollection(usize),
    NewPerson(u8, bool),
    EditPerson(usize, u8),
    DeletePerson(usize),
    NewInterview(u8, Option<usize>, Option<usize>),
    EditInterview(usize, u8, Option<usize>),
    DeleteInterview(usize),
    NewTag(u8, Option<usize>),
    RenameTag(usize, u8, bool),
    AltLabel(usize, u8),
    MoveTag(usize, Option<usize>),
    MergeTags(usize, usize),
    DeleteTag(usize),
    TagInterview(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let i = || 0usize..6;
    let n = || 0u8..12;
    prop_oneof![
        (n()).prop_map(Op::NewCollection),
        (i(), n()).prop_map(|(a, b)| Op::EditCollection(a, b)),
        (i()).prop_map(Op::DeleteCollection),
        (n(), any::<bool>()).prop_map(|(a, b)| Op::NewPerson(a, b)),
        (i(), n()).prop_map(|(a, b)| Op::EditPerson(a, b)),
        (i()).prop_map(Op::DeletePerson),
        (n(), prop::option::of(i()), prop::option::of(i()))
            .prop_map(|(a, b, c)| Op::NewInterview(a, b, c)),
        (i(), n(), prop::option::of(i())).prop_map(|(a, b, c)| Op::EditInterview(a, b, c)),
        (i()).prop_map(Op::DeleteInterview),
        (n(), prop::option::of(i())).prop_map(|(a, b)| Op::NewTag(a, b)),
        (i(), n(), any::<bool>()).prop_map(|(a, b, c)| Op::RenameTag(a, b, c)),
        (i(), n()).prop_map(|(a, b)| Op::AltLabel(a, b)),
        (i(), prop::option::of(i())).prop_map(|(a, b)| Op::MoveTag(a, b)),
        (i(), i()).prop_map(|(a, b)| Op::MergeTags(a, b)),
        (i()).prop_map(Op::DeleteTag),
        (i(), i()).prop_map(|(a, b)| Op::TagInterview(a, b)),
    ]
}

#[derive(Default)]
struct Made {
    collections: Vec<String>,
    people: Vec<String>,
    interviews: Vec<String>,
    tags: Vec<String>,
}

fn pick(ids: &[String], n: usize) -> Option<String> {
    (!ids.is_empty()).then(|| ids[n % ids.len()].clone())
}

/// Runs one edit. Refused edits (a person still narrating, a duplicate label, a cycle) are
/// part of the series too: they must leave neither a change nor an event.
fn run(a: &mut Archive, made: &mut Made, op: &Op) {
    let o = Origin::Window;
    match op {
        Op::NewCollection(t) => {
            if let Ok(c) = collection::create(
                a,
                &CollectionInput {
                    title: format!("Collection {t}"),
                    description: String::new(),
                },
                o,
            ) {
                made.collections.push(c.id);
            }
        }
        Op::EditCollection(c, t) => {
            if let Some(id) = pick(&made.collections, *c) {
                let _ = collection::update(
                    a,
                    &id,
                    &CollectionInput {
                        title: format!("Collection {t}"),
                        description: format!("about {t}"),
                    },
                    o,
                );
            }
        }
        Op::DeleteCollection(c) => {
            if let Some(id) = pick(&made.collections, *c) {
                let _ = collection::delete(a, &id, o);
            }
        }
        Op::NewPerson(n, dead) => {
            let input = PersonInput {
                display_name: format!("Person {n}"),
                death_date: dead.then(|| "1937".into()),
                ..Default::default()
            };
            if let Ok(p) = people::create(a, &input, o) {
                made.people.push(p.id);
            }
        }
        Op::EditPerson(p, n) => {
            if let Some(id) = pick(&made.people, *p) {
                let _ = people::update(
                    a,
                    &id,
                    &PersonInput {
                        display_name: format!("Person {n}"),
                        note: format!("note {n}"),
                        ..Default::default()
                    },
                    o,
                );
            }
        }
        Op::DeletePerson(p) => {
            if let Some(id) = pick(&made.people, *p) {
                let _ = people::delete(a, &id, o);
            }
        }
        Op::NewInterview(t, c, p) => {
            let input = InterviewInput {
                title: format!("Interview {t}"),
                collection_id: c.and_then(|c| pick(&made.collections, c)),
                narrator_ids: p.and_then(|p| pick(&made.people, p)).into_iter().collect(),
                ..Default::default()
            };
            if let Ok(i) = interview::create(a, &input, o) {
                made.interviews.push(i.id);
            }
        }
        Op::EditInterview(i, t, c) => {
            if let Some(id) = pick(&made.interviews, *i) {
                if let Ok(current) = interview::get(a, &id) {
                    let mut input = InterviewInput::from(&current);
                    input.title = format!("Interview {t}");
                    input.collection_id = c.and_then(|c| pick(&made.collections, c));
                    let _ = interview::update(a, &id, &input, o);
                }
            }
        }
        Op::DeleteInterview(i) => {
            if let Some(id) = pick(&made.interviews, *i) {
                let _ = interview::delete(a, &id, o);
            }
        }
        Op::NewTag(n, parent) => {
            let input = TagInput {
                label: format!("Tag {n}"),
                broader_id: parent.and_then(|p| pick(&made.tags, p)),
                ..Default::default()
            };
            if let Ok(t) = tags::create(a, &input, o) {
                made.tags.push(t.id);
            }
        }
        Op::RenameTag(t, n, keep) => {
            if let Some(id) = pick(&made.tags, *t) {
                let _ = tags::rename(a, &id, &format!("Tag {n}"), *keep, o);
            }
        }
        Op::AltLabel(t, n) => {
            if let Some(id) = pick(&made.tags, *t) {
                if let Ok(tag) = tags::get(a, &id) {
                    let mut input = TagInput::from(&tag);
                    input.alt_labels.push(Label {
                        label: format!("Метка {n}"),
                        language: "ru".into(),
                    });
                    let _ = tags::update(a, &id, &input, o);
                }
            }
        }
        Op::MoveTag(t, parent) => {
            if let Some(id) = pick(&made.tags, *t) {
                let parent = parent.and_then(|p| pick(&made.tags, p));
                let _ = tags::move_to(a, &id, parent.as_deref(), o);
            }
        }
        Op::MergeTags(from, into) => {
            if let (Some(from), Some(into)) = (pick(&made.tags, *from), pick(&made.tags, *into)) {
                let _ = tags::merge(a, &from, &into, o);
            }
        }
        Op::DeleteTag(t) => {
            if let Some(id) = pick(&made.tags, *t) {
                let _ = tags::delete(a, &id, o);
            }
        }
        Op::TagInterview(t, i) => {
            if let (Some(tag), Some(interview)) = (pick(&made.tags, *t), pick(&made.interviews, *i))
            {
                let _ = tags::tag(
                    a,
                    &tag,
                    &Target::record(RecordKind::Interview, interview),
                    o,
                );
            }
        }
    }
}

/// A record's own state: counts and the names of linked people are views of other records,
/// kept current by those records' own events.
fn own_state(kind: &str, mut value: Value) -> Value {
    if let Value::Object(map) = &mut value {
        map.remove("interview_count");
        if kind == "interview" {
            for role in ["narrators", "interviewers"] {
                if let Some(Value::Array(people)) = map.get_mut(role) {
                    for p in people.iter_mut() {
                        *p = p["id"].clone();
                    }
                }
            }
        }
    }
    value
}

fn current(a: &Archive) -> BTreeMap<(String, String), Value> {
    let mut out = BTreeMap::new();
    let mut put = |kind: &str, id: String, v: Value| {
        out.insert((kind.to_owned(), id), own_state(kind, v));
    };
    for c in collection::list(a).unwrap() {
        put(
            "collection",
            c.id.clone(),
            serde_json::to_value(&c).unwrap(),
        );
    }
    for p in people::list(a).unwrap() {
        put("person", p.id.clone(), serde_json::to_value(&p).unwrap());
    }
    for i in interview::list(a, &Default::default()).unwrap() {
        put("interview", i.id.clone(), serde_json::to_value(&i).unwrap());
    }
    for t in tags::list(a).unwrap() {
        put(
            "tag",
            t.tag.id.clone(),
            serde_json::to_value(&t.tag).unwrap(),
        );
    }
    out
}

fn replayed(a: &Archive) -> BTreeMap<(String, String), Value> {
    replay(a)
        .unwrap()
        .into_iter()
        .filter(|(_, r)| ["collection", "person", "interview", "tag"].contains(&r.kind.as_str()))
        .map(|(id, r)| ((r.kind.clone(), id), own_state(&r.kind, r.state)))
        .collect()
}

#[test]
fn the_log_replays_a_known_series() {
    let mut a = Archive::open_in_memory().unwrap();
    let mut made = Made::default();
    for op in [
        Op::NewCollection(1),
        Op::NewPerson(1, false),
        Op::NewInterview(1, Some(0), Some(0)),
        Op::NewTag(1, None),
        Op::NewTag(2, Some(0)),
        Op::TagInterview(1, 0),
        Op::DeleteCollection(0),
        Op::MergeTags(0, 1),
        Op::MoveTag(1, None),
        Op::MergeTags(0, 1),
        Op::DeletePerson(0),
        Op::EditPerson(0, 3),
    ] {
        run(&mut a, &mut made, &op);
    }
    assert_eq!(replayed(&a), current(&a));
    assert_eq!(
        current(&a).len(),
        3,
        "a person still narrating, an interview and the tag merged into"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn a_random_series_of_edits_leaves_a_log_that_replays_to_the_current_state(ops in prop::collection::vec(op(), 1..40)) {
        let mut a = Archive::open_in_memory().unwrap();
        let mut made = Made::default();
        for op in &ops {
            run(&mut a, &mut made, op);
        }
        prop_assert_eq!(replayed(&a), current(&a));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

    /// What an export reads in one go is what it would read record by record: every event of
    /// each record, each event once, in the log's order.
    #[test]
    fn the_histories_of_many_records_are_their_histories_together_each_event_once(
        ops in prop::collection::vec(op(), 1..40),
        picked in prop::collection::vec(0usize..24, 0..12),
    ) {
        let mut a = Archive::open_in_memory().unwrap();
        let mut made = Made::default();
        for op in &ops {
            run(&mut a, &mut made, op);
        }
        let all: Vec<String> = made
            .collections
            .iter()
            .chain(&made.people)
            .chain(&made.interviews)
            .chain(&made.tags)
            .cloned()
            .collect();
        let ids: Vec<String> = picked.iter().filter_map(|n| pick(&all, *n)).collect();
        let mut one_by_one: Vec<(i64, Event)> = Vec::new();
        for id in &ids {
            for e in history(&a, id).unwrap() {
                let order: i64 = a
                    .conn()
                    .query_row("SELECT id FROM events WHERE uuid = ?1", [&e.id], |r| r.get(0))
                    .unwrap();
                if !one_by_one.iter().any(|(o, _)| *o == order) {
                    one_by_one.push((order, e));
                }
            }
        }
        one_by_one.sort_by_key(|(order, _)| *order);
        let expected: Vec<Event> = one_by_one.into_iter().map(|(_, e)| e).collect();
        prop_assert_eq!(histories(&a, &ids).unwrap(), expected);
    }
}
