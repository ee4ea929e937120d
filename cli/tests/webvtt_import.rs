//! A WebVTT file with bad cues imports the rest, as the WebVTT parsing algorithm says, and the
//! command line reports every skipped or corrected block with its line, in its words and in
//! JSON; `transcript preview` shows the same before anything is stored.

mod common;

use common::{run, run_without_archive, succeeded};

use serde_json::Value;

/// A file of `cues` good cues where the cues at the given indexes have unreadable timings;
/// returns it with the line of each bad timing.
fn file_with_bad_cues(cues: usize, bad: &[usize]) -> (String, Vec<usize>) {
    let mut vtt = String::from("WEBVTT\n\n");
    let mut line = 3;
    let mut bad_lines = Vec::new();
    for i in 0..cues {
        let (start, end) = (i * 2, i * 2 + 1);
        if bad.contains(&i) {
            bad_lines.push(line);
            vtt.push_str(&format!(
                "00:{:02}:{:02}.000 --> 00:00:60.000\n",
                start / 60 % 60,
                start % 60
            ));
        } else {
            vtt.push_str(&format!(
                "{:02}:{:02}:{:02}.000 --> {:02}:{:02}:{:02}.000\n",
                start / 3600,
                start / 60 % 60,
                start % 60,
                end / 3600,
                end / 60 % 60,
                end % 60
            ));
        }
        vtt.push_str(&format!("<v Smilga>Cue {i}.\n\n"));
        line += 3;
    }
    (vtt, bad_lines)
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn bad_cues_are_skipped_and_each_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("a.db");
    let (vtt, bad_lines) = file_with_bad_cues(2000, &[1, 303, 1336]);
    let file = dir.path().join("smilga.vtt");
    std::fs::write(&file, vtt).unwrap();
    let created = succeeded(&run(
        &archive,
        &["interviews", "add", "--title", "Smilga", "--json"],
    ));
    let interview: Value = serde_json::from_str(&created).unwrap();
    let interview = interview["id"].as_str().unwrap();

    let path = file.to_str().unwrap();
    let human = succeeded(&run(
        &archive,
        &["transcript", "import", "--interview", interview, path],
    ));
    let lines: Vec<String> = bad_lines.iter().map(|&l| thousands(l)).collect();
    let expected = format!(
        "3 cues could not be read: lines {}; 1,997 imported",
        lines.join(", ")
    );
    assert!(human.contains(&expected), "{human}");
    for line in &bad_lines {
        assert!(
            human.contains(&format!("skipped: smilga.vtt, line {line}: the cue timing")),
            "{human}"
        );
    }

    let json: Value = serde_json::from_str(&succeeded(&run(
        &archive,
        &[
            "transcript",
            "import",
            "--interview",
            interview,
            path,
            "--json",
        ],
    )))
    .unwrap();
    assert_eq!(json["transcript"]["segment_count"], 1997);
    assert_eq!(json["issue_summary"], Value::String(expected));
    let reported: Vec<u64> = json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            assert_eq!(i["action"], "skipped");
            i["line"].as_u64().unwrap()
        })
        .collect();
    assert_eq!(
        reported,
        bad_lines.iter().map(|&l| l as u64).collect::<Vec<_>>()
    );
}

#[test]
fn a_preview_reports_without_an_archive_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("radek.vtt");
    std::fs::write(
        &file,
        "WEBVTT\n\n00:00:05.000 --> 00:00:03.000\nBackwards.\n\n00:00:06.000 --> 00:00:07.000\nFine.\n",
    )
    .unwrap();
    let human = succeeded(&run_without_archive(&[
        "transcript",
        "preview",
        file.to_str().unwrap(),
    ]));
    assert!(human.contains("radek.vtt: 2 segments"), "{human}");
    assert!(
        human.contains("1 block was corrected: line 3; 2 imported"),
        "{human}"
    );
    assert!(
        human.contains(
            "corrected: radek.vtt, line 3: this cue ends at 00:00:03.000 before it starts"
        ),
        "{human}"
    );
    let json: Value = serde_json::from_str(&succeeded(&run_without_archive(&[
        "transcript",
        "preview",
        file.to_str().unwrap(),
        "--json",
    ])))
    .unwrap();
    assert_eq!(
        json["segments"][0]["end_ms"], 5000,
        "kept, ending at its start"
    );
    assert_eq!(json["issues"][0]["action"], "corrected");
    assert_eq!(json["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn a_file_that_is_not_webvtt_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.vtt");
    std::fs::write(&file, "00:00:01.000 --> 00:00:02.000\nno header\n").unwrap();
    let out = run_without_archive(&["transcript", "preview", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("notes.vtt, line 1: expected the header \"WEBVTT\""),
        "{stderr}"
    );
}
