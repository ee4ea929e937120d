use super::*;
use crate::{
    interview::{self, InterviewInput},
    records::RecordKind,
};

fn input(label: &str) -> TagInput {
    TagInput {
        label: label.into(),
        ..Default::default()
    }
}

fn archive() -> (Archive, Tag, Tag, Tag) {
    let mut a = Archive::open_in_memory().unwrap();
    let left = create(
        &mut a,
        &TagInput {
            label: "Left Opposition".into(),
            language: "en".into(),
            alt_labels: vec![Label {
                label: "Левая оппозиция".into(),
                language: "ru".into(),
            }],
            scope_note: "The Bolshevik opposition led by Trotsky from 1923.".into(),
            broader_id: None,
        },
        Origin::Cli,
    )
    .unwrap();
    let trials = create(
        &mut a,
        &TagInput {
            broader_id: Some(left.id.clone()),
            ..input("Moscow Trials")
        },
        Origin::Cli,
    )
    .unwrap();
    let exile = create(
        &mut a,
        &TagInput {
            broader_id: Some(left.id.clone()),
            ..input("Exile")
        },
        Origin::Cli,
    )
    .unwrap();
    (a, left, trials, exile)
}

fn interview(a: &mut Archive, title: &str) -> Target {
    let i = interview::create(
        a,
        &InterviewInput {
            title: title.into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    Target::record(RecordKind::Interview, i.id)
}

#[test]
fn the_tree_lists_broader_before_narrower_with_paths() {
    let (a, ..) = archive();
    let nodes = list(&a).unwrap();
    let shown: Vec<(u32, &str)> = nodes
        .iter()
        .map(|n| (n.depth, n.tag.label.as_str()))
        .collect();
    assert_eq!(
        shown,
        [(0, "Left Opposition"), (1, "Exile"), (1, "Moscow Trials")]
    );
    assert_eq!(nodes[2].path, ["Left Opposition", "Moscow Trials"]);
}

#[test]
fn labels_are_found_in_any_case_language_and_without_diacritics() {
    let (a, left, ..) = archive();
    assert_eq!(find(&a, "left opposition").unwrap().id, left.id);
    assert_eq!(
        find(&a, "ЛЕВАЯ ОППОЗИЦИЯ").unwrap().id,
        left.id,
        "alternative labels in Russian find the tag"
    );
    assert!(matches!(
        find(&a, "Right Opposition"),
        Err(Error::NotFound { .. })
    ));
    let suggestions = suggest(&a, "opp", 10).unwrap();
    assert_eq!(
        suggestions[0].label, "Left Opposition",
        "a later word matches too"
    );
    let trials = suggest(&a, "mosc", 10).unwrap();
    assert_eq!(trials[0].path, "Left Opposition › Moscow Trials");
    assert_eq!(
        suggest(&a, "лев", 10).unwrap()[0].matched,
        "Левая оппозиция"
    );
}

#[test]
fn duplicate_labels_and_cycles_are_refused() {
    let (mut a, left, trials, _) = archive();
    let err = create(&mut a, &input(" moscow  trials "), Origin::Cli).unwrap_err();
    assert!(
        err.to_string().contains("already a tag \"Moscow Trials\""),
        "{err}"
    );
    let err = move_to(&mut a, &left.id, Some(&trials.id), Origin::Cli).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Invalid {
                field: "broader",
                ..
            }
        ),
        "{err}"
    );
    let err = move_to(&mut a, &left.id, Some(&left.id), Origin::Cli).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Invalid {
                field: "broader",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn renaming_keeps_every_use_and_can_keep_the_old_label() {
    let (mut a, _, trials, _) = archive();
    let target = interview(&mut a, "Zorya Serebryakova");
    tag(&mut a, &trials.id, &target, Origin::Cli).unwrap();
    tag(&mut a, &trials.id, &target, Origin::Cli).unwrap();
    let renamed = rename(&mut a, &trials.id, "Moscow show trials", true, Origin::Cli).unwrap();
    assert_eq!(renamed.alt_labels[0].label, "Moscow Trials");
    let applied = tags_of(&a, target.record_id()).unwrap();
    assert_eq!(applied.len(), 1, "tagging twice is tagging once");
    assert_eq!(
        applied[0].label, "Moscow show trials",
        "the use follows the tag"
    );
    assert_eq!(find(&a, "moscow trials").unwrap().id, trials.id);
}

#[test]
fn merging_moves_uses_children_and_labels_and_logs_a_merge() {
    let (mut a, left, trials, exile) = archive();
    let purges = create(&mut a, &input("Purges"), Origin::Cli).unwrap();
    let sub = create(
        &mut a,
        &TagInput {
            broader_id: Some(purges.id.clone()),
            ..input("1937")
        },
        Origin::Cli,
    )
    .unwrap();
    let one = interview(&mut a, "One");
    let two = interview(&mut a, "Two");
    tag(&mut a, &purges.id, &one, Origin::Cli).unwrap();
    tag(&mut a, &purges.id, &two, Origin::Cli).unwrap();
    tag(&mut a, &trials.id, &two, Origin::Cli).unwrap();
    let merged = merge(&mut a, &purges.id, &trials.id, Origin::Cli).unwrap();
    assert!(
        merged.alt_labels.iter().any(|l| l.label == "Purges"),
        "{:?}",
        merged.alt_labels
    );
    assert!(matches!(get(&a, &purges.id), Err(Error::NotFound { .. })));
    assert_eq!(
        get(&a, &sub.id).unwrap().broader_id.as_deref(),
        Some(trials.id.as_str())
    );
    let found: Vec<String> = tagged(&a, &trials.id, false)
        .unwrap()
        .into_iter()
        .map(|t| t.title)
        .collect();
    assert_eq!(
        found,
        ["One", "Two"],
        "every use kept, the duplicate dropped"
    );
    let under_left = tagged(&a, &left.id, true).unwrap();
    assert_eq!(
        under_left.len(),
        2,
        "browsing a broader tag finds the narrower tags' records"
    );
    assert!(tagged(&a, &exile.id, true).unwrap().is_empty());
    let history = provenance::history(&a, &purges.id).unwrap();
    assert_eq!(
        history.last().unwrap().event_type,
        EventType::Merge,
        "the log keeps the merged tag"
    );
    assert_eq!(
        find(&a, "purges").unwrap().id,
        trials.id,
        "the merged label still finds the tag"
    );
}

#[test]
fn a_used_tag_is_not_deleted_and_an_unused_ones_children_move_up() {
    let (mut a, left, trials, exile) = archive();
    let target = interview(&mut a, "One");
    tag(&mut a, &exile.id, &target, Origin::Cli).unwrap();
    assert!(matches!(
        delete(&mut a, &exile.id, Origin::Cli),
        Err(Error::InUse(_))
    ));
    delete(&mut a, &left.id, Origin::Cli).unwrap();
    assert_eq!(get(&a, &trials.id).unwrap().broader_id, None);
    untag(&mut a, &exile.id, &target, Origin::Cli).unwrap();
    delete(&mut a, &exile.id, Origin::Cli).unwrap();
    let history = provenance::history(&a, target.record_id()).unwrap();
    let kinds: Vec<(&str, EventType)> = history
        .iter()
        .map(|e| (e.record_kind.as_str(), e.event_type))
        .collect();
    assert_eq!(
        kinds,
        [
            ("interview", EventType::Creation),
            ("tagging", EventType::Creation),
            ("tagging", EventType::Deletion)
        ],
        "the interview's history shows it was tagged and untagged"
    );
}
