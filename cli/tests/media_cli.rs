//! `recollect media` against real archive files and a real WAV.

mod common;

use common::{json, run};

use sha2::{Digest, Sha256};

/// A real WAV: 8 kHz mono 16-bit PCM, `frames` samples.
fn wav(frames: u32) -> Vec<u8> {
    let data_len = frames * 2;
    let mut out = Vec::new();
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    for field in [
        16u32.to_le_bytes().as_slice(),
        &1u16.to_le_bytes(),
        &1u16.to_le_bytes(),
        &8000u32.to_le_bytes(),
        &16000u32.to_le_bytes(),
        &2u16.to_le_bytes(),
        &16u16.to_le_bytes(),
    ] {
        out.extend_from_slice(field);
    }
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for n in 0..frames {
        out.extend_from_slice(&(((n * 37 % 1000) as i16 - 500) * 16).to_le_bytes());
    }
    out
}

#[test]
fn add_then_list_shows_hash_type_and_duration() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("a.db");
    let interview = json(
        &archive,
        &["interviews", "add", "--title", "Tatiana Smilga", "--json"],
    );
    let interview = interview["id"].as_str().unwrap();
    let bytes = wav(20_000); // 2.5 s
    let file = dir.path().join("tape1.wav");
    std::fs::write(&file, &bytes).unwrap();

    let added = json(
        &archive,
        &[
            "media",
            "add",
            "--interview",
            interview,
            file.to_str().unwrap(),
            "--tape",
            "Tape 1",
            "--json",
        ],
    );
    assert_eq!(added["storage"], "managed");

    let referenced = dir.path().join("tapes").join("tape2.wav");
    std::fs::create_dir_all(referenced.parent().unwrap()).unwrap();
    std::fs::write(&referenced, wav(8_000)).unwrap();
    json(
        &archive,
        &[
            "media",
            "add",
            "--interview",
            interview,
            referenced.to_str().unwrap(),
            "--reference",
            "--json",
        ],
    );

    let list = json(
        &archive,
        &["media", "list", "--interview", interview, "--json"],
    );
    let list = list.as_array().expect("a JSON array");
    assert_eq!(list.len(), 2);
    let first = &list[0];
    assert_eq!(first["sha256"], format!("{:x}", Sha256::digest(&bytes)));
    assert_eq!(first["mime_type"], "audio/wav");
    assert_eq!(first["kind"], "audio");
    assert_eq!(first["duration_ms"], 2500);
    assert_eq!(first["size_bytes"], bytes.len());
    assert_eq!(first["tape_label"], "Tape 1");
    assert_eq!(first["missing"], false);
    assert_eq!(list[1]["storage"], "referenced");
    assert_eq!(list[1]["path"], "tapes/tape2.wav");
    assert_eq!(list[1]["position"], 1);

    // A missing file is listed and marked, then relinked.
    std::fs::remove_file(&referenced).unwrap();
    let out = run(&archive, &["media", "list", "--interview", interview]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("MISSING"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let copy = dir.path().join("tape2 copy.wav");
    std::fs::write(&copy, wav(8_000)).unwrap();
    let id = list[1]["id"].as_str().unwrap();
    let relinked = json(
        &archive,
        &["media", "relink", id, copy.to_str().unwrap(), "--json"],
    );
    assert_eq!(relinked["missing"], false);

    assert!(run(&archive, &["media", "remove", id]).status.success());
    let history = json(&archive, &["history", "--record", id, "--json"]);
    let types: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event_type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["creation", "modification", "deletion"]);
}

#[test]
fn a_file_that_is_not_a_recording_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("b.db");
    let interview = json(&archive, &["interviews", "add", "--title", "X", "--json"]);
    let notes = dir.path().join("notes.txt");
    std::fs::write(
        &notes,
        "Sitting (left to right): Serebryakov, Radek, Trotsky",
    )
    .unwrap();
    let out = run(
        &archive,
        &[
            "media",
            "add",
            "--interview",
            interview["id"].as_str().unwrap(),
            notes.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("notes.txt") && stderr.contains("not an audio or video file"),
        "stderr: {stderr}"
    );
    assert!(out.stdout.is_empty());
}
