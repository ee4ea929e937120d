use super::*;

fn input(title: &str) -> CollectionInput {
    CollectionInput {
        title: title.into(),
        description: String::new(),
    }
}

#[test]
fn create_update_delete_leave_a_history() {
    let mut a = Archive::open_in_memory().unwrap();
    let c = create(&mut a, &input("  Left Opposition families "), Origin::Cli).unwrap();
    assert_eq!(c.title, "Left Opposition families", "titles are trimmed");
    let c2 = update(&mut a, &c.id, &input("Families"), Origin::Window).unwrap();
    assert_eq!(c2.title, "Families");
    assert_eq!(list(&a).unwrap().len(), 1);
    delete(&mut a, &c.id, Origin::Window).unwrap();
    assert!(matches!(get(&a, &c.id), Err(Error::NotFound { .. })));
    let history = provenance::history(&a, &c.id).unwrap();
    let types: Vec<_> = history.iter().map(|e| e.event_type).collect();
    assert_eq!(
        types,
        [
            EventType::Creation,
            EventType::Modification,
            EventType::Deletion
        ],
        "the log outlives the record"
    );
}

#[test]
fn a_blank_title_is_refused() {
    let mut a = Archive::open_in_memory().unwrap();
    let err = create(&mut a, &input("  "), Origin::Cli).unwrap_err();
    assert!(
        matches!(err, Error::Invalid { field: "title", .. }),
        "{err}"
    );
    assert!(list(&a).unwrap().is_empty(), "nothing was written");
}

#[test]
fn many_collections_are_read_together_in_the_order_asked_as_get_reads_each() {
    let mut a = Archive::open_in_memory().unwrap();
    let first = create(&mut a, &input("First"), Origin::Cli).unwrap();
    let second = create(&mut a, &input("Second"), Origin::Cli).unwrap();
    let asked = [second.id.clone(), first.id.clone()];
    let each: Vec<Collection> = asked.iter().map(|id| get(&a, id).unwrap()).collect();
    assert_eq!(many(a.conn(), &asked).unwrap(), each);
    assert!(
        matches!(
            many(a.conn(), &[first.id.clone(), ids::new_id()]),
            Err(Error::NotFound { kind: KIND, .. })
        ),
        "an id of no collection is not found"
    );
}
