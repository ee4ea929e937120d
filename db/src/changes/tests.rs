use super::*;
use crate::{
    error::Error,
    interview::{self, InterviewInput},
    people::{self, authority, PersonInput},
    provenance::{self, EventType},
    Archive, Origin,
};

fn person(a: &mut Archive, name: &str) -> String {
    people::create(
        a,
        &PersonInput {
            display_name: name.into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap()
    .id
}

#[test]
fn a_write_says_what_it_changed_and_a_rolled_back_one_nothing() {
    let mut a = Archive::open_in_memory().unwrap();
    assert!(a.take_changes().is_empty());
    interview::create(
        &mut a,
        &InterviewInput {
            title: "Interview with Zorya Serebryakova".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    assert_eq!(a.take_changes(), [ChangeKind::Interviews]);
    assert!(a.take_changes().is_empty(), "taken once");

    let failed = a.write(|w| {
        provenance::record(
            w,
            EventType::Creation,
            "person",
            &crate::ids::new_id(),
            Origin::Cli,
            None::<&()>,
            Some(&"a person"),
        )?;
        Err::<(), _>(Error::invalid("name", "refused after the event"))
    });
    assert!(failed.is_err());
    assert!(
        a.take_changes().is_empty(),
        "a rolled back write changed nothing"
    );

    // A relationship is a link between two people, and both people's pages change.
    let leonid = person(&mut a, "Leonid Serebryakov");
    let zorya = person(&mut a, "Zorya Serebryakova");
    a.take_changes();
    authority::relate(
        &mut a,
        &leonid,
        authority::RelationKind::ParentOf,
        &zorya,
        "",
        Origin::Cli,
    )
    .unwrap();
    assert_eq!(a.take_changes(), [ChangeKind::People, ChangeKind::Links]);
}

#[test]
fn every_kind_of_record_logged_is_a_kind_of_change() {
    for kind in [
        "collection",
        "interview",
        "media",
        "transcript",
        "transcript_revision",
        "segment",
        "person",
        "photo",
        "region",
        "tag",
        "tagging",
        "link",
        "source",
        "citation",
        "list",
        "saved_search",
        "restriction",
        "release_form",
        "accession",
        "document",
        "package",
    ] {
        assert!(ChangeKind::of_record_kind(kind).is_some(), "{kind}");
    }
    assert_eq!(ChangeKind::of_record_kind("fixity_check"), None);
}
