//! `recollect search` finds a name in any spelling and script, says which person of the
//! authority it matched; `recollect reindex` rebuilds the index; and an import killed halfway
//! leaves the index agreeing with the rows.

mod common;

use common::{json, recollect_bin, run};

use std::{
    path::Path,
    process::{Command, Stdio},
};

fn interview_with(archive: &Path, dir: &Path, title: &str, language: &str, text: &str) -> String {
    let id = json(archive, &["interviews", "add", "--title", title, "--json"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let file = dir.join(format!("{title}.vtt"));
    std::fs::write(&file, text).unwrap();
    json(
        archive,
        &[
            "transcript",
            "import",
            "--interview",
            &id,
            "--language",
            language,
            file.to_str().unwrap(),
            "--json",
        ],
    );
    id
}

#[test]
fn trotsky_is_found_in_cyrillic_and_latin_transcripts_and_named_as_the_person() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("a.db");
    let russian = interview_with(
        &archive,
        dir.path(),
        "ru",
        "ru",
        "WEBVTT\n\n00:01:00.000 --> 00:01:05.000\nМы жили рядом с Троцким.\n\n00:02:00.000 --> 00:02:05.000\nО Троцком не говорили.\n",
    );
    let english = interview_with(
        &archive,
        dir.path(),
        "de",
        "en",
        "WEBVTT\n\n00:00:10.000 --> 00:00:12.000\nThe papers wrote Trotzki.\n",
    );
    json(
        &archive,
        &["people", "add", "--name", "Leon Trotsky", "--json"],
    );
    let results = json(&archive, &["search", "Trotsky", "--json"]);
    assert_eq!(results["person"]["name"], "Leon Trotsky", "{results}");
    let groups = results["interviews"].as_array().unwrap();
    let count = |id: &str| {
        groups
            .iter()
            .find(|g| g["interview_id"] == id)
            .map(|g| g["count"].as_u64().unwrap())
    };
    assert_eq!(count(&russian), Some(2), "{results}");
    assert_eq!(count(&english), Some(1), "{results}");
    for g in groups {
        for p in g["passages"].as_array().unwrap() {
            assert_eq!(p["matched_as"], "Leon Trotsky", "{p}");
            assert!(p["start_ms"].is_u64());
            assert!(p["snippet"].as_str().unwrap().contains("<mark>"));
        }
    }
    let cyrillic = json(&archive, &["search", "Троцкий", "--json"]);
    assert_eq!(cyrillic["passages_matched"], 3, "{cyrillic}");

    // The index can be rebuilt and checked.
    let rebuilt = json(&archive, &["reindex", "--json"]);
    assert_eq!(rebuilt["segments"], 3);
    let check = run(&archive, &["reindex", "--check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert_eq!(json(&archive, &["search", "Trotsky", "--json"]), results);
}

#[test]
fn an_import_killed_halfway_leaves_the_index_agreeing_with_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("a.db");
    interview_with(
        &archive,
        dir.path(),
        "before",
        "ru",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nТроцкий уехал.\n",
    );
    let id = json(&archive, &["interviews", "add", "--title", "big", "--json"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // A transcript big enough that its import takes a while.
    let mut vtt = String::from("WEBVTT\n\n");
    for i in 0..60_000u32 {
        let at = format!("{:02}:{:02}:{:02}", i / 3600, i / 60 % 60, i % 60);
        vtt.push_str(&format!(
            "{at}.000 --> {at}.500\nTrotzki sprach {i} mit Serebrjakow über die Verhaftungen.\n\n"
        ));
    }
    let file = dir.path().join("big.vtt");
    std::fs::write(&file, vtt).unwrap();
    // Killed while reading, while storing the rows, and while indexing them.
    for delay_ms in [300u64, 1500, 4000] {
        let mut child = Command::new(recollect_bin())
            .arg("--archive")
            .arg(&archive)
            .args([
                "transcript",
                "import",
                "--interview",
                &id,
                "--language",
                "de",
            ])
            .arg(&file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        let check = run(&archive, &["reindex", "--check"]);
        assert!(
            check.status.success(),
            "after a kill at {delay_ms} ms: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        let found = json(&archive, &["search", "Trotsky", "--json"]);
        let segments: u64 = found["passages_matched"].as_u64().unwrap();
        assert!(
            segments == 1 || segments == 60_001,
            "all or nothing: {segments}"
        );
        if segments > 1 {
            break;
        }
    }
    // Not killed, the same import goes through: the kills above interrupted a real one.
    let out = run(
        &archive,
        &[
            "transcript",
            "import",
            "--interview",
            &id,
            "--language",
            "de",
            file.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found = json(&archive, &["search", "Trotsky", "--json"]);
    assert!(found["passages_matched"].as_u64().unwrap() >= 60_001);
    assert!(run(&archive, &["reindex", "--check"]).status.success());
}
