use super::*;
use crate::{
    interview::{self, InterviewInput},
    people::{self, PersonInput},
    records::RecordKind,
};

#[test]
fn a_list_keeps_its_order_and_mixes_kinds() {
    let mut a = Archive::open_in_memory().unwrap();
    let i = interview::create(
        &mut a,
        &InterviewInput {
            title: "Zorya Serebryakova".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let p = people::create(
        &mut a,
        &PersonInput {
            display_name: "Leonid Serebryakov".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let l = create(&mut a, "For the exhibition", "", Origin::Window).unwrap();
    add(
        &mut a,
        &l.id,
        &RecordRef::new(RecordKind::Interview, i.id.clone()),
        None,
        Origin::Window,
    )
    .unwrap();
    add(
        &mut a,
        "For the exhibition",
        &RecordRef::new(RecordKind::Person, p.id.clone()),
        Some(0),
        Origin::Window,
    )
    .unwrap();
    let titles: Vec<String> = entries(&a, &l.id)
        .unwrap()
        .into_iter()
        .map(|e| e.title)
        .collect();
    assert_eq!(titles, ["Leonid Serebryakov", "Zorya Serebryakova"]);
    let err = add(
        &mut a,
        &l.id,
        &RecordRef::new(RecordKind::Person, ids::new_id()),
        None,
        Origin::Window,
    )
    .unwrap_err();
    assert!(
        matches!(err, Error::NotFound { kind: "person", .. }),
        "{err}"
    );
    interview::delete(&mut a, &i.id, Origin::Cli).unwrap();
    assert_eq!(
        get(&a, &l.id).unwrap().items.len(),
        1,
        "a deleted record leaves its lists"
    );
    remove(&mut a, &l.id, &p.id, Origin::Window).unwrap();
    assert!(get(&a, &l.id).unwrap().items.is_empty());
}
