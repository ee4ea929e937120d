use super::*;
use crate::people::{self, PersonInput};

#[test]
fn a_saved_search_finds_what_was_added_after_it() {
    let mut a = Archive::open_in_memory().unwrap();
    let q = SearchQuery {
        text: "Rakovsky".into(),
        ..Default::default()
    };
    let saved = create(&mut a, " Rakovsky  mentions ", &q, Origin::Window).unwrap();
    assert_eq!(saved.name, "Rakovsky mentions");
    assert!(run(&a, "Rakovsky mentions").unwrap().is_empty());
    people::create(
        &mut a,
        &PersonInput {
            display_name: "Christian Rakovsky".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    assert_eq!(run(&a, &saved.id).unwrap().len(), 1);
    assert!(
        create(&mut a, "Rakovsky mentions", &q, Origin::Window).is_err(),
        "names are unique"
    );
    let renamed = update(&mut a, &saved.id, "Rakovsky", &q, Origin::Window).unwrap();
    assert_eq!(list(&a).unwrap(), vec![renamed]);
    delete(&mut a, "Rakovsky", Origin::Window).unwrap();
    assert!(list(&a).unwrap().is_empty());
}
