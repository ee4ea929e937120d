//! Every transcript format, imported through the CLI into a real archive file, is found by the
//! archive's search with the time of the hit.

mod common;

use common::{json, run};

use std::path::{Path, PathBuf};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../db/src/transcript/formats/testdata")
        .join(name)
}

fn new_interview(archive: &Path, title: &str) -> String {
    json(archive, &["interviews", "add", "--title", title, "--json"])["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The passages (of every interview) and the records a search found.
fn search(archive: &Path, query: &str) -> Vec<Value> {
    let results = json(archive, &["search", query, "--json"]);
    let mut hits: Vec<Value> = results["interviews"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["passages"].as_array().unwrap().clone())
        .collect();
    hits.extend(results["records"].as_array().unwrap().iter().cloned());
    hits
}

#[test]
fn each_format_imports_and_is_found_by_search() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("formats.db");

    let cases: Vec<(&str, Vec<u8>, &str, Option<u32>)> = vec![
        ("smilga.vtt", b"WEBVTT\n\n00:01:00.000 --> 00:01:04.000\n<v Tatiana Smilga>My father Ivar was in Minusinsk.\n".to_vec(), "Minusinsk", Some(60_000)),
        ("primakov.srt", b"1\n00:02:00,000 --> 00:02:05,000\nPRIMAKOV: The regiment of Chervonnye Kazaki.\n".to_vec(), "Chervonnye", Some(120_000)),
        ("isaeva.txt", "[00:03:00] ISAEVA: Воронский редактировал журнал «Красная новь».\n".as_bytes().to_vec(), "Воронский", Some(180_000)),
        // Windows-1251, as old Cyrillic files often are: detected without being told.
        ("serebryakova.txt", encode_1251("Q: Где вы жили?\n\nA: В Доме на набережной, у Серебряковых.\n"), "Серебряковых", None),
    ];
    for (name, bytes, word, start) in &cases {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let interview = new_interview(&archive, name);
        let imported = json(
            &archive,
            &[
                "transcript",
                "import",
                "--interview",
                &interview,
                file.to_str().unwrap(),
                "--json",
            ],
        );
        assert!(
            imported["transcript"]["segment_count"].as_u64().unwrap() >= 1,
            "{name}: {imported}"
        );
        let hits = search(&archive, word);
        assert_eq!(hits.len(), 1, "{name}: {word} is found once: {hits:?}");
        assert_eq!(
            hits[0]["interview_id"],
            Value::String(interview.clone()),
            "{name}"
        );
        assert_eq!(
            hits[0]["start_ms"].as_u64().map(|v| v as u32),
            *start,
            "{name}: the hit carries its time"
        );
    }

    // OHMS: the project's own OHMS 6 record with an embedded WebVTT transcript, and an OHMS 5
    // record of index points.
    let ohms = fixture("ohms6_vtt.xml");
    let interview = new_interview(&archive, "OHMS sample");
    let imported = json(
        &archive,
        &[
            "transcript",
            "import",
            "--interview",
            &interview,
            ohms.to_str().unwrap(),
            "--json",
        ],
    );
    let transcript = imported["transcript"]["id"].as_str().unwrap().to_owned();
    let segments = json(&archive, &["transcript", "show", &transcript, "--json"]);
    let first_words: String = segments[0]["text"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let hits = search(&archive, &format!("\"{first_words}\""));
    assert!(
        hits.iter()
            .any(|h| h["transcript_id"] == Value::String(transcript.clone())),
        "the OHMS transcript is searchable: {first_words}"
    );

    let index_only = fixture("ohms5_index_only.xml");
    let interview = new_interview(&archive, "Index only");
    let imported = json(
        &archive,
        &[
            "transcript",
            "import",
            "--interview",
            &interview,
            index_only.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(
        imported["index_points"].as_u64() == Some(3),
        "the OHMS index comes along: {imported}"
    );
    let hits = search(&archive, "Childhood");
    assert!(
        hits.iter().any(|h| h["kind"] == "index_point"
            && h["interview_id"] == Value::String(interview.clone())
            && h["start_ms"].is_u64()),
        "an index point is found with its time: {hits:?}"
    );
}

#[test]
fn a_malformed_file_is_refused_by_name_and_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("bad.db");
    let interview = new_interview(&archive, "Bad");
    // SRT has no specified recovery, so a bad subtitle refuses the file; WebVTT skips a bad
    // cue as its specification says (cli/tests/webvtt_import.rs).
    let file = dir.path().join("broken.srt");
    std::fs::write(&file, "1\n00:00:01,000 --> 00:00:02,000\nOne.\n\n2\n00:00:05,000 --> 00:00:03,000\nEnds before it starts.\n").unwrap();
    let out = run(
        &archive,
        &[
            "transcript",
            "import",
            "--interview",
            &interview,
            file.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken.srt") && stderr.contains("line 6"),
        "{stderr}"
    );
    assert_eq!(
        json(
            &archive,
            &["transcript", "list", "--interview", &interview, "--json"]
        ),
        Value::Array(vec![])
    );
}

#[test]
fn vtt_and_srt_export_back_with_the_same_cues() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("round.db");
    let interview = new_interview(&archive, "Round trip");
    for (name, text) in [
        ("a.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.500\n<v Zorya Serebryakova>Мой отец, Леонид Серебряков.\n\n00:00:05.000 --> 00:01:09.250\n<v Interviewer>And your mother?\n"),
        ("b.srt", "1\n00:00:01,000 --> 00:00:04,500\nFirst line.\n\n2\n00:00:05,000 --> 00:01:09,250\nSecond line\nwith two lines.\n"),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let imported = json(&archive, &["transcript", "import", "--interview", &interview, file.to_str().unwrap(), "--json"]);
        let id = imported["transcript"]["id"].as_str().unwrap();
        let format = &name[2..];
        let out = dir.path().join(format!("out.{format}"));
        assert!(run(&archive, &["transcript", "export", "--transcript", id, "--format", format, "--out", out.to_str().unwrap()]).status.success());
        let again = json(&archive, &["transcript", "import", "--interview", &interview, out.to_str().unwrap(), "--json"]);
        let cues = |id: &str| -> Vec<(Value, Value, Value)> {
            json(&archive, &["transcript", "show", id, "--json"])
                .as_array()
                .unwrap()
                .iter()
                .map(|s| (s["start_ms"].clone(), s["end_ms"].clone(), s["text"].clone()))
                .collect()
        };
        assert_eq!(cues(id), cues(again["transcript"]["id"].as_str().unwrap()), "{name} round-trips");
    }
}

/// Windows-1251 bytes of Russian text (and ASCII), as an old word processor saved them.
fn encode_1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            'ё' => 0xB8,
            'Ё' => 0xA8,
            c if c.is_ascii() => c as u8,
            other => panic!("no Windows-1251 byte for {other}"),
        })
        .collect()
}
