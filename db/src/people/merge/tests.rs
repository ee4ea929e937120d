use super::*;
use crate::{
    interview::{self, InterviewInput},
    people::{
        self,
        authority::{self, RelationKind},
        PersonInput,
    },
    provenance::EventType,
};

fn person(a: &mut Archive, name: &str, born: Option<&str>) -> String {
    people::create(
        a,
        &PersonInput {
            display_name: name.into(),
            birth_date: born.map(Into::into),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap()
    .id
}

#[test]
fn merging_moves_every_link_and_the_old_id_still_resolves() {
    let mut a = Archive::open_in_memory().unwrap();
    let zorya = person(&mut a, "Zorya Serebryakova", None);
    let typo = person(&mut a, "Zorya Serebrayakova", Some("1923"));
    let leonid = person(&mut a, "Leonid Serebryakov", None);
    let interviewer = person(&mut a, "Interviewer", None);
    authority::add_variant(
        &mut a,
        &typo,
        &authority::NameVariantInput::new("Зоря Серебрякова", authority::VariantKind::Original),
        Origin::Cli,
    )
    .unwrap();
    authority::relate(
        &mut a,
        &leonid,
        RelationKind::ParentOf,
        &typo,
        "",
        Origin::Cli,
    )
    .unwrap();
    authority::relate(
        &mut a,
        &leonid,
        RelationKind::ParentOf,
        &zorya,
        "",
        Origin::Cli,
    )
    .unwrap();
    authority::relate(
        &mut a,
        &typo,
        RelationKind::AssociateOf,
        &interviewer,
        "",
        Origin::Cli,
    )
    .unwrap();
    authority::relate(
        &mut a,
        &zorya,
        RelationKind::SiblingOf,
        &typo,
        "",
        Origin::Cli,
    )
    .unwrap();
    let both = interview::create(
        &mut a,
        &InterviewInput {
            title: "Both".into(),
            narrator_ids: vec![zorya.clone(), typo.clone()],
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let only_typo = interview::create(
        &mut a,
        &InterviewInput {
            title: "Typo".into(),
            narrator_ids: vec![typo.clone()],
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    a.conn()
            .execute_batch(&format!(
                "INSERT INTO photos (uuid, sha256, path, mime_type, width, height, size_bytes, created_at, updated_at)
                 VALUES ('{}', '{}', 'x', 'image/png', 10, 10, 1, 'x', 'x');
                 INSERT INTO regions (uuid, photo_id, x, y, width, height, person_id, created_at, updated_at)
                 VALUES ('{}', 1, 0, 0, 5, 5, (SELECT id FROM people WHERE uuid = '{typo}'), 'x', 'x');",
                crate::ids::new_id(),
                "a".repeat(64),
                crate::ids::new_id()
            ))
            .unwrap();

    let kept = merge(&mut a, &zorya, &typo, Origin::Window).unwrap();
    assert_eq!(kept.id, zorya);
    assert_eq!(
        kept.birth_date.as_deref(),
        Some("1923"),
        "a date the kept record lacked is taken over"
    );

    assert_eq!(
        interview::get(&a, &only_typo.id).unwrap().narrators[0].id,
        zorya,
        "narrator links move"
    );
    assert_eq!(
        interview::get(&a, &both.id).unwrap().narrators.len(),
        1,
        "a narrator listed twice is listed once"
    );
    let region_person: String = a
        .conn()
        .query_row(
            "SELECT p.uuid FROM regions r JOIN people p ON p.id = r.person_id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(region_person, zorya, "regions move");

    let page = authority::authority(&a, &zorya).unwrap();
    let names: Vec<&str> = page.variants.iter().map(|v| v.name.as_str()).collect();
    assert!(
        names.contains(&"Зоря Серебрякова") && names.contains(&"Zorya Serebrayakova"),
        "names move and the old name stays: {names:?}"
    );
    let relations: Vec<(RelationKind, &str)> = page
        .relations
        .iter()
        .map(|r| (r.kind, r.other.name.as_str()))
        .collect();
    assert_eq!(
        relations,
        [
            (RelationKind::AssociateOf, "Interviewer"),
            (RelationKind::ChildOf, "Leonid Serebryakov")
        ],
        "relationships move, once each, none to herself"
    );
    assert_eq!(authority::relations(&a, &leonid).unwrap().len(), 1);
    assert_eq!(page.merged_ids, [typo.as_str()]);

    assert_eq!(
        people::get(&a, &typo).unwrap().id,
        zorya,
        "the old id resolves to the kept person"
    );
    assert_eq!(people::resolve(&a, &typo).unwrap(), zorya);
    assert!(
        people::list(&a).unwrap().iter().all(|p| p.id != typo),
        "the removed record is gone"
    );
    for id in [&zorya, &typo] {
        let history = provenance::history(&a, id).unwrap();
        assert_eq!(
            history.last().unwrap().event_type,
            EventType::Merge,
            "the merge is logged on {id}"
        );
    }
    a.check_integrity().unwrap();

    // A later merge carries the earlier redirect along.
    let third = person(&mut a, "Z. Serebryakova", None);
    merge(&mut a, &third, &zorya, Origin::Window).unwrap();
    assert_eq!(
        people::resolve(&a, &typo).unwrap(),
        third,
        "redirects follow a chain of merges"
    );
    assert!(
        merge(&mut a, &third, &typo, Origin::Cli).is_err(),
        "a person is not merged with themselves"
    );
}
