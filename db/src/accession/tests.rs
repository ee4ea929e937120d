use super::*;
use crate::{
    interview::{self, InterviewInput},
    records::RecordKind,
};

#[test]
fn an_accession_keeps_its_deed_with_the_hash_and_its_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Archive::open(dir.path().join("a.db")).unwrap();
    let i = interview::create(
        &mut a,
        &InterviewInput {
            title: "Tatiana Isaeva".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let deed = dir.path().join("deed.pdf");
    std::fs::write(&deed, b"%PDF deed of gift").unwrap();
    let created = create(
        &mut a,
        &AccessionInput {
            identifier: "2024.001".into(),
            donor: "Tatiana Isaeva".into(),
            received: Some("2024-03-01".into()),
            method: AccessionMethod::Gift,
            records: vec![RecordRef::new(RecordKind::Interview, i.id.clone())],
            ..Default::default()
        },
        Some(&deed),
        Origin::Cli,
    )
    .unwrap();
    let kept = created.deed.clone().expect("the deed is kept");
    assert_eq!(kept.original_name, "deed.pdf");
    assert_eq!(
        store::hash_file(&store::resolve_path(&a, &kept.path).unwrap(), None)
            .unwrap()
            .0,
        kept.sha256
    );
    assert_eq!(of_record(&a, &i.id).unwrap(), vec![created.clone()]);
    let err = create(
        &mut a,
        &AccessionInput {
            donor: " ".into(),
            ..Default::default()
        },
        None,
        Origin::Cli,
    )
    .unwrap_err();
    assert!(
        matches!(err, Error::Invalid { field: "donor", .. }),
        "{err}"
    );
    let history = provenance::history(&a, &created.id).unwrap();
    assert_eq!(history[0].event_type, EventType::Ingestion);

    delete(&mut a, &created.id, Origin::Cli).unwrap();
    assert!(
        of_record(&a, &i.id).unwrap().is_empty(),
        "the interview is in no accession"
    );
    assert!(document(&a, &kept.id).is_ok(), "the deed stays");
    let history = provenance::history(&a, &created.id).unwrap();
    assert_eq!(
        history.last().unwrap().event_type,
        EventType::Deletion,
        "the log keeps it"
    );
    assert!(matches!(
        delete(&mut a, &created.id, Origin::Cli),
        Err(Error::NotFound { .. })
    ));
}
