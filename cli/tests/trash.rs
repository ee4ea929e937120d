//! `recollect trash list|restore|purge` against a real archive file.

mod common;

use std::path::Path;

use common::{json, ok, run};
use serde_json::Value;

fn titles(archive: &Path) -> Vec<String> {
    let mut titles: Vec<String> = json(archive, &["interviews", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_owned())
        .collect();
    titles.sort();
    titles
}

#[test]
fn a_deleted_interview_is_listed_in_the_trash_restored_whole_and_purged_for_good() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("a.db");
    ok(&archive, &["sample"]);
    let all = titles(&archive);
    let list = json(&archive, &["interviews", "list", "--json"]);
    let interview = list
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Interview with Zorya Serebryakova")
        .unwrap();
    let id = interview["id"].as_str().unwrap().to_owned();
    let found = |words: &str| -> usize {
        json(&archive, &["search", words, "--json"])
            .to_string()
            .matches(&id)
            .count()
    };
    assert!(found("Zorya") > 0, "the search finds it before");
    assert_eq!(
        json(&archive, &["trash", "list", "--json"]),
        Value::Array(vec![])
    );

    ok(&archive, &["interviews", "delete", &id]);
    assert!(!titles(&archive).contains(&"Interview with Zorya Serebryakova".to_owned()));
    assert_eq!(
        found("Zorya"),
        0,
        "nor does any search while it is in the trash"
    );
    let trash = json(&archive, &["trash", "list", "--json"]);
    let items = trash.as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], id.as_str());
    assert_eq!(items[0]["kind"], "interview");
    assert_eq!(items[0]["label"], "Interview with Zorya Serebryakova");
    assert_eq!(items[0]["origin"], "cli");
    let listed = ok(&archive, &["trash", "list"]);
    assert!(
        listed.contains("Interview with Zorya Serebryakova") && listed.contains(&id),
        "the plain list names it: {listed}"
    );

    let restored = ok(&archive, &["trash", "restore", &id]);
    assert!(restored.contains("restored interview"), "{restored}");
    assert_eq!(titles(&archive), all, "it is back");
    assert!(found("Zorya") > 0, "and found again");
    assert!(ok(&archive, &["trash", "list"]).contains("the trash is empty"));
    assert!(
        ok(&archive, &["reindex", "--check"])
            .to_lowercase()
            .contains("agree"),
        "the index agrees with the rows"
    );

    ok(&archive, &["interviews", "delete", &id]);
    let purged = ok(&archive, &["trash", "purge", &id]);
    assert!(purged.contains("purged interview"), "{purged}");
    assert_eq!(
        json(&archive, &["trash", "list", "--json"]),
        Value::Array(vec![])
    );
    let again = run(&archive, &["trash", "restore", &id]);
    assert!(
        !again.status.success(),
        "a purged interview cannot come back"
    );
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("no record in the trash"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let history = json(&archive, &["history", "--record", &id, "--json"]);
    let notes: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["note"].as_str())
        .collect();
    assert_eq!(
        notes,
        [
            "moved to the trash",
            "restored from the trash",
            "moved to the trash",
            "purged from the trash"
        ]
    );
}

#[test]
fn purge_all_empties_the_trash_and_purge_needs_an_id_or_all() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("a.db");
    ok(&archive, &["sample"]);
    for i in json(&archive, &["interviews", "list", "--json"])
        .as_array()
        .unwrap()
    {
        ok(
            &archive,
            &["interviews", "delete", i["id"].as_str().unwrap()],
        );
    }
    assert_eq!(
        json(&archive, &["trash", "list", "--json"])
            .as_array()
            .unwrap()
            .len(),
        5,
        "the sample's five interviews (the demonstration among them) are in the trash"
    );
    assert!(!run(&archive, &["trash", "purge"]).status.success());
    assert!(ok(&archive, &["trash", "purge", "--all"]).contains("purged 5"));
    assert_eq!(
        json(&archive, &["trash", "list", "--json"]),
        Value::Array(vec![])
    );
}
