use super::*;
use crate::{
    interview::{self, InterviewInput},
    people::{self, PersonInput},
};

fn person(a: &mut Archive, name: &str) -> Target {
    let p = people::create(
        a,
        &PersonInput {
            display_name: name.into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    Target::record(RecordKind::Person, p.id)
}

#[test]
fn a_link_shows_at_both_ends_with_its_inverse() {
    let mut a = Archive::open_in_memory().unwrap();
    let ivar = person(&mut a, "Ivar Smilga");
    let tatiana = person(&mut a, "Tatiana Smilga");
    let i = interview::create(
        &mut a,
        &InterviewInput {
            title: "Interview with Tatiana Smilga".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let interview = Target::record(RecordKind::Interview, i.id);
    create(
        &mut a,
        &LinkInput {
            link_type: LinkType::ParentOf,
            from: ivar.clone(),
            to: tatiana.clone(),
            note: String::new(),
        },
        Origin::Cli,
    )
    .unwrap();
    create(
        &mut a,
        &LinkInput {
            link_type: LinkType::Mentions,
            from: interview.clone(),
            to: ivar.clone(),
            note: String::new(),
        },
        Origin::Cli,
    )
    .unwrap();
    let at_ivar = of(&a, ivar.record_id()).unwrap();
    let seen: Vec<(&str, &str)> = at_ivar
        .iter()
        .map(|e| (e.label.as_str(), e.other_title.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            ("parent of", "Tatiana Smilga"),
            ("mentioned in", "Interview with Tatiana Smilga")
        ]
    );
    let at_tatiana = of(&a, tatiana.record_id()).unwrap();
    assert_eq!(
        (at_tatiana[0].label.as_str(), at_tatiana[0].direction),
        ("child of", Direction::Incoming)
    );
}

#[test]
fn relationships_are_between_people_and_nothing_links_to_itself() {
    let mut a = Archive::open_in_memory().unwrap();
    let ivar = person(&mut a, "Ivar Smilga");
    let i = interview::create(
        &mut a,
        &InterviewInput {
            title: "X".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let interview = Target::record(RecordKind::Interview, i.id);
    let err = create(
        &mut a,
        &LinkInput {
            link_type: LinkType::SpouseOf,
            from: ivar.clone(),
            to: interview,
            note: String::new(),
        },
        Origin::Cli,
    )
    .unwrap_err();
    assert!(matches!(err, Error::Invalid { field: "type", .. }), "{err}");
    let err = create(
        &mut a,
        &LinkInput {
            link_type: LinkType::RelatedTo,
            from: ivar.clone(),
            to: ivar,
            note: String::new(),
        },
        Origin::Cli,
    )
    .unwrap_err();
    assert!(matches!(err, Error::Invalid { field: "link", .. }), "{err}");
    assert_eq!("parent-of".parse::<LinkType>().unwrap(), LinkType::ParentOf);
}

#[test]
fn deleting_either_end_removes_the_link() {
    let mut a = Archive::open_in_memory().unwrap();
    let ivar = person(&mut a, "Ivar Smilga");
    let tatiana = person(&mut a, "Tatiana Smilga");
    create(
        &mut a,
        &LinkInput {
            link_type: LinkType::ParentOf,
            from: ivar.clone(),
            to: tatiana.clone(),
            note: String::new(),
        },
        Origin::Cli,
    )
    .unwrap();
    people::delete(&mut a, tatiana.record_id(), Origin::Cli).unwrap();
    assert!(of(&a, ivar.record_id()).unwrap().is_empty());
}
