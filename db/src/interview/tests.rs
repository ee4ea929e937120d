use super::*;
use crate::{collection, people::PersonInput};

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
fn narrators_and_interviewers_keep_their_order() {
    let mut a = Archive::open_in_memory().unwrap();
    let (z, t, i) = (
        person(&mut a, "Zorya Serebryakova"),
        person(&mut a, "Tatiana Smilga"),
        person(&mut a, "Vladimir Volkov"),
    );
    let interview = create(
        &mut a,
        &InterviewInput {
            title: "Two daughters".into(),
            date: Some("1927-02~".into()),
            languages: vec!["ru".into(), " en ".into(), "RU".into()],
            narrator_ids: vec![z.clone(), t.clone()],
            interviewer_ids: vec![i.clone()],
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let names: Vec<_> = interview
        .narrators
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Zorya Serebryakova", "Tatiana Smilga"]);
    assert_eq!(interview.interviewers[0].id, i);
    assert_eq!(
        interview.languages,
        ["ru", "en"],
        "languages are trimmed and deduplicated"
    );

    let mut input = InterviewInput::from(&interview);
    input.narrator_ids.reverse();
    let updated = update(&mut a, &interview.id, &input, Origin::Window).unwrap();
    assert_eq!(updated.narrators[0].id, t, "reordering narrators is kept");
    assert_eq!(
        list(&a, &InterviewFilter::default()).unwrap(),
        vec![updated]
    );
}

#[test]
fn deleting_a_narrator_is_refused_with_the_interview_named() {
    let mut a = Archive::open_in_memory().unwrap();
    let t = person(&mut a, "Tatiana Smilga");
    create(
        &mut a,
        &InterviewInput {
            title: "Tatiana Smilga".into(),
            narrator_ids: vec![t.clone()],
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let err = people::delete(&mut a, &t, Origin::Cli).unwrap_err();
    assert!(matches!(err, Error::InUse(_)), "{err}");
    assert!(
        err.to_string().contains("narrator of \"Tatiana Smilga\""),
        "{err}"
    );
    assert!(people::get(&a, &t).is_ok(), "the person is still there");
}

#[test]
fn an_unknown_narrator_or_collection_changes_nothing() {
    let mut a = Archive::open_in_memory().unwrap();
    let missing = ids::new_id();
    let err = create(
        &mut a,
        &InterviewInput {
            title: "X".into(),
            narrator_ids: vec![missing.clone()],
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap_err();
    assert!(
        matches!(err, Error::NotFound { kind: "person", .. }),
        "{err}"
    );
    let err = create(
        &mut a,
        &InterviewInput {
            title: "X".into(),
            collection_id: Some(missing),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            Error::NotFound {
                kind: "collection",
                ..
            }
        ),
        "{err}"
    );
    assert!(
        list(&a, &InterviewFilter::default()).unwrap().is_empty(),
        "imports are all or nothing"
    );
}

#[test]
fn filtering_by_collection() {
    let mut a = Archive::open_in_memory().unwrap();
    let c = collection::create(
        &mut a,
        &collection::CollectionInput {
            title: "C".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    create(
        &mut a,
        &InterviewInput {
            title: "In".into(),
            collection_id: Some(c.id.clone()),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    create(
        &mut a,
        &InterviewInput {
            title: "Out".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let inside = list(
        &a,
        &InterviewFilter {
            collection_id: Some(c.id.clone()),
        },
    )
    .unwrap();
    assert_eq!(
        inside.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(),
        ["In"]
    );
    assert_eq!(collection::get(&a, &c.id).unwrap().interview_count, 1);
    collection::delete(&mut a, &c.id, Origin::Cli).unwrap();
    assert_eq!(
        list(&a, &InterviewFilter::default()).unwrap().len(),
        2,
        "deleting a collection keeps its interviews"
    );
}

#[test]
fn a_bad_date_names_the_field() {
    let mut a = Archive::open_in_memory().unwrap();
    let err = create(
        &mut a,
        &InterviewInput {
            title: "X".into(),
            date: Some("spring 1927".into()),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("date:"), "{err}");
}
