//! Tags, citations, restrictions, the public view and the audit through the `recollect` binary,
//! as an archivist's script would use them.

mod common;

use common::{json, ok, run};

use std::path::{Path, PathBuf};

fn sample(dir: &Path) -> (PathBuf, String) {
    let archive = dir.join("a.db");
    ok(&archive, &["sample"]);
    let interviews = json(&archive, &["interviews", "list", "--json"]);
    let smilga = interviews
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Interview with Tatiana Smilga")
        .unwrap();
    (archive, smilga["id"].as_str().unwrap().to_owned())
}

#[test]
fn tagging_by_label_from_the_keyboard_and_the_history_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let (archive, interview) = sample(dir.path());
    let suggested = json(&archive, &["tags", "suggest", "моск", "--json"]);
    assert_eq!(
        suggested[0]["label"], "Moscow Trials",
        "Russian labels complete to the tag"
    );
    let refused = run(&archive, &["tag", "--record", &interview, "Purges"]);
    assert!(
        !refused.status.success(),
        "an unknown label is not made up silently"
    );
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--create"));
    ok(
        &archive,
        &["tag", "--record", &interview, "Purges", "--create"],
    );
    ok(&archive, &["tags", "merge", "Purges", "Moscow Trials"]);
    let shown = json(
        &archive,
        &["tags", "show", "Moscow Trials", "--exact", "--json"],
    );
    let titles: Vec<&str> = shown["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Interview with Tatiana Smilga"),
        "the merged tag's use moved: {titles:?}"
    );
    let history = json(&archive, &["history", "--record", &interview, "--json"]);
    let kinds: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["record_kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"tagging"), "{kinds:?}");
    assert!(
        history
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["agent"] == "Curator"),
        "every event names the curator"
    );
}

#[test]
fn the_footnotes_are_cited_with_their_locators() {
    let dir = tempfile::tempdir().unwrap();
    let (archive, interview) = sample(dir.path());
    let sources = json(&archive, &["sources", "list", "--json"]);
    let rogovin = sources
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["authors"][0] == "Vadim Z. Rogovin")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let shown = json(&archive, &["sources", "show", &rogovin, "--json"]);
    let locators: Vec<&str> = shown["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["citation"]["quoted_in_locator"].as_str().unwrap())
        .collect();
    assert_eq!(locators, ["p. 186", "p. 345"]);
    ok(
        &archive,
        &[
            "cite",
            "--record",
            &interview,
            "--source",
            &rogovin,
            "--locator",
            "p. 12",
        ],
    );
    let notes = json(
        &archive,
        &["sources", "cited-by", "--record", &interview, "--json"],
    );
    assert!(
        notes[0]["text"]
            .as_str()
            .unwrap()
            .ends_with("Mehring Books 2009, p. 12."),
        "{notes}"
    );
}

#[test]
fn a_restricted_interview_leaves_the_public_view_until_its_embargo_lifts() {
    let dir = tempfile::tempdir().unwrap();
    let (archive, interview) = sample(dir.path());
    ok(
        &archive,
        &[
            "restrict",
            "--record",
            &interview,
            "--level",
            "closed",
            "--until",
            "2030-01-01",
            "--reason",
            "the family asked",
        ],
    );
    let before = json(&archive, &["public", "--today", "2029-12-31", "--json"]);
    assert!(
        !before.to_string().contains(&interview),
        "a closed interview never leaves"
    );
    assert_eq!(before["withheld"]["interviews_closed"], 1);
    let after = json(&archive, &["public", "--today", "2030-01-01", "--json"]);
    assert!(
        after.to_string().contains(&interview),
        "the embargo lifts by itself"
    );
    let access = json(
        &archive,
        &[
            "access",
            "--record",
            &interview,
            "--today",
            "2029-01-01",
            "--json",
        ],
    );
    assert_eq!(access["level"], "closed");
    assert_eq!(access["lifts_on"], "2030-01-01");
    let history = json(&archive, &["history", "--record", &interview, "--json"]);
    let last = history.as_array().unwrap().last().unwrap();
    assert_eq!(
        (last["event_type"].as_str(), last["note"].as_str()),
        (Some("restriction"), Some("the family asked"))
    );
    let bad = run(
        &archive,
        &[
            "restrict", "--record", &interview, "--level", "closed", "--until", "2030",
        ],
    );
    assert!(!bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn the_audit_names_a_changed_deed_and_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let (archive, interview) = sample(dir.path());
    let deed = dir.path().join("deed of gift.pdf");
    std::fs::write(&deed, "signed").unwrap();
    ok(
        &archive,
        &[
            "accessions",
            "add",
            "--donor",
            "Tatiana Smilga",
            "--received",
            "2015-05",
            "--deed",
            deed.to_str().unwrap(),
            "--record",
            &interview,
        ],
    );
    let clean = json(&archive, &["audit", "--json"]);
    // The deed, the sample's photo and its demonstration recording.
    assert_eq!(
        (
            clean["checked"].as_u64(),
            clean["changed"].as_array().map(Vec::len)
        ),
        (Some(3), Some(0))
    );
    let kept = walk(&dir.path().join("a.media"))
        .into_iter()
        .find(|f| std::fs::read(f).unwrap() == b"signed")
        .expect("the deed is kept in the media folder");
    std::fs::write(&kept, "forged").unwrap();
    let out = run(&archive, &["audit"]);
    assert!(!out.status.success(), "a changed file fails the audit");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("changed  deed of gift.pdf"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
