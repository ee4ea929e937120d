//! Packages through the CLI: BagIt bags that bagit-python validates, a full package that
//! imports into an empty archive as the same archive, and bags that are refused.

mod common;

use common::{ok, run};

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

use recollect_db::{export::dump, Archive};
use serde_json::Value;

fn bagit_validate(bag: &Path) -> Output {
    Command::new("bagit.py")
        .arg("--validate")
        .arg(bag)
        .output()
        .expect("bagit.py is needed: `make test-deps` installs bagit-python")
}

/// The OHMS record of each interview in a bag.
fn ohms_records(bag: &Path) -> Vec<PathBuf> {
    let ohms: Vec<PathBuf> = std::fs::read_dir(bag.join("data/transcripts"))
        .unwrap()
        .map(|d| d.unwrap().path().join("ohms.xml"))
        .collect();
    assert_eq!(
        ohms.len(),
        4 + 1,
        "one OHMS record per interview, the demonstration's too"
    );
    ohms
}

fn xmllint(args: &[&str], file: &Path) {
    let out = Command::new("xmllint")
        .args(args)
        .arg(file)
        .output()
        .expect("xmllint (libxml2-utils)");
    assert!(
        out.status.success(),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The OHMS XSD is outside the project: `make conformance` names it in `RECOLLECT_OHMS_XSD`.
#[test]
#[ignore = "needs the OHMS XSD from outside the project: make conformance"]
fn conformance_both_profiles_write_schema_valid_ohms() {
    let schema = std::env::var("RECOLLECT_OHMS_XSD")
        .expect("RECOLLECT_OHMS_XSD names the OHMS XSD (make conformance sets it)");
    let dir = tempfile::tempdir().unwrap();
    let archive = archive_with_transcripts(dir.path());
    for profile in ["public", "full"] {
        let bag = dir.path().join(format!("{profile}-bag"));
        ok(
            &archive,
            &[
                "export",
                "bag",
                "--out",
                bag.to_str().unwrap(),
                "--profile",
                profile,
            ],
        );
        for file in ohms_records(&bag) {
            xmllint(&["--noout", "--schema", &schema], &file);
        }
    }
}

/// A sample archive with transcripts in two interviews.
fn archive_with_transcripts(dir: &Path) -> PathBuf {
    let archive = dir.join("source.db");
    ok(&archive, &["sample"]);
    let interviews: Value =
        serde_json::from_str(&ok(&archive, &["interviews", "list", "--json"])).unwrap();
    let vtt = dir.join("smilga.vtt");
    std::fs::write(&vtt, "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Tatiana Smilga>Отец дружил с Троцким.\n\n00:00:05.000 --> 00:00:09.000\n<v Tatiana Smilga>He was shot in 1937.\n").unwrap();
    for i in interviews.as_array().unwrap().iter().take(2) {
        ok(
            &archive,
            &[
                "transcript",
                "import",
                "--interview",
                i["id"].as_str().unwrap(),
                vtt.to_str().unwrap(),
            ],
        );
    }
    let wav = dir.join("smilga-tape1.wav");
    std::fs::write(&wav, square_wav(8000, 3)).unwrap();
    ok(
        &archive,
        &[
            "media",
            "add",
            "--interview",
            interviews[0]["id"].as_str().unwrap(),
            wav.to_str().unwrap(),
            "--tape",
            "Tape 1",
        ],
    );
    let ohms = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../db/src/transcript/formats/testdata/ohms5_index_only.xml");
    ok(
        &archive,
        &[
            "transcript",
            "import",
            "--interview",
            interviews[3]["id"].as_str().unwrap(),
            ohms.to_str().unwrap(),
        ],
    );
    archive
}

#[test]
fn both_profiles_make_bags_that_bagit_python_validates_with_well_formed_ohms() {
    let dir = tempfile::tempdir().unwrap();
    let archive = archive_with_transcripts(dir.path());
    for profile in ["public", "full"] {
        let bag = dir.path().join(format!("{profile}-bag"));
        ok(
            &archive,
            &[
                "export",
                "bag",
                "--out",
                bag.to_str().unwrap(),
                "--profile",
                profile,
            ],
        );
        let out = bagit_validate(&bag);
        assert!(
            out.status.success(),
            "bagit-python: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let recordings = added_recordings(&bag);
        assert_eq!(recordings.len(), 1, "the recording is in the {profile} bag");
        assert_eq!(
            std::fs::read(&recordings[0]).unwrap(),
            square_wav(8000, 3),
            "unchanged: nothing is withheld"
        );
        let info = std::fs::read_to_string(bag.join("bag-info.txt")).unwrap();
        for field in [
            "Source-Organization",
            "Contact-Name",
            "Bagging-Date",
            "External-Description",
            "Payload-Oxum",
            "Bag-Software-Agent",
        ] {
            assert!(
                info.contains(&format!("{field}: ")),
                "bag-info.txt has {field}: {info}"
            );
        }
        assert!(info.contains(&format!("Recollect-Profile: {profile}")));
        for file in ohms_records(&bag) {
            xmllint(&["--noout"], &file);
        }
    }
    // The log says the exports were made here, from the command line.
    let a = Archive::open_read_only(&archive).unwrap();
    let origins: Vec<String> = a
        .conn()
        .prepare("SELECT origin FROM events WHERE event_type = 'export' ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(origins, ["cli", "cli"]);
}

#[test]
fn a_full_package_imported_into_an_empty_archive_gives_back_the_same_archive() {
    let dir = tempfile::tempdir().unwrap();
    let archive = archive_with_transcripts(dir.path());
    let bag = dir.path().join("handover");
    ok(
        &archive,
        &[
            "export",
            "bag",
            "--out",
            bag.to_str().unwrap(),
            "--profile",
            "full",
        ],
    );
    let copy = dir.path().join("copy.db");
    ok(&copy, &["import", "bag", bag.to_str().unwrap()]);

    let mut original = dump::dump(&Archive::open(&archive).unwrap()).unwrap();
    let mut imported = dump::dump(&Archive::open(&copy).unwrap()).unwrap();
    // The export is an event of the source archive only, the import one of the copy only; the
    // copy's events say which package they came with.
    for d in [&mut original, &mut imported] {
        for t in d.tables.iter_mut().filter(|t| t.table == "events") {
            t.rows.retain(|r| r["record_kind"] != "package");
            for r in &mut t.rows {
                r.remove("package");
                r.remove("imported_on");
            }
        }
    }
    // The recording came along and plays from the new archive's own media folder.
    let recordings =
        serde_json::from_str::<Value>(&ok(&copy, &["interviews", "list", "--json"])).unwrap();
    let mut found = 0;
    for i in recordings.as_array().unwrap() {
        let media: Value = serde_json::from_str(&ok(
            &copy,
            &[
                "media",
                "list",
                "--interview",
                i["id"].as_str().unwrap(),
                "--json",
            ],
        ))
        .unwrap();
        for m in media.as_array().unwrap() {
            assert_eq!(m["missing"], false, "{m}");
            found += 1;
        }
    }
    assert_eq!(found, 2, "the recording added and the demonstration's");
    // Every file the archive keeps (the recording, the sample's photo) came along, unchanged.
    let audit: Value = serde_json::from_str(&ok(&copy, &["audit", "--json"])).unwrap();
    assert_eq!(audit["missing"], Value::Array(vec![]), "{audit}");
    assert_eq!(audit["changed"], Value::Array(vec![]), "{audit}");
    assert!(audit["checked"].as_u64().unwrap() >= 2, "{audit}");
    assert_eq!(imported.tables.len(), original.tables.len());
    for (a, b) in imported.tables.iter().zip(&original.tables) {
        assert_eq!(a.table, b.table);
        assert_eq!(
            a.rows.len(),
            b.rows.len(),
            "{}: the same number of records",
            a.table
        );
        for (x, y) in a.rows.iter().zip(&b.rows) {
            assert!(
                x == y,
                "{}: a record differs after the round trip:\n{x:?}\n{y:?}",
                a.table
            );
        }
    }

    // Importing it again on the other laptop adds nothing and reports no conflicts.
    let again: Value = serde_json::from_str(&ok(
        &copy,
        &["import", "bag", bag.to_str().unwrap(), "--json"],
    ))
    .unwrap();
    assert_eq!(again["added"], 0);
    assert_eq!(again["conflicts"], Value::Array(vec![]));
}

#[test]
fn an_import_into_an_archive_with_edits_lists_conflicts_instead_of_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let archive = archive_with_transcripts(dir.path());
    let bag = dir.path().join("handover");
    ok(
        &archive,
        &[
            "export",
            "bag",
            "--out",
            bag.to_str().unwrap(),
            "--profile",
            "full",
        ],
    );
    let people: Value = serde_json::from_str(&ok(&archive, &["people", "list", "--json"])).unwrap();
    let radek = people
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["display_name"] == "Karl Radek")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok(
        &archive,
        &[
            "people",
            "edit",
            &radek,
            "--note",
            "Corrected on this laptop.",
        ],
    );
    let report: Value = serde_json::from_str(&ok(
        &archive,
        &["import", "bag", bag.to_str().unwrap(), "--json"],
    ))
    .unwrap();
    let conflicts = report["conflicts"].as_array().unwrap();
    assert!(
        conflicts
            .iter()
            .any(|c| c["table"] == "people" && c["id"] == radek.as_str()),
        "{report}"
    );
    let after: Value =
        serde_json::from_str(&ok(&archive, &["people", "show", &radek, "--json"])).unwrap();
    assert_eq!(
        after["note"], "Corrected on this laptop.",
        "not overwritten"
    );
}

#[test]
fn a_tampered_bag_and_a_bag_with_escaping_paths_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let archive = archive_with_transcripts(dir.path());
    let bag = dir.path().join("bag");
    ok(
        &archive,
        &[
            "export",
            "bag",
            "--out",
            bag.to_str().unwrap(),
            "--profile",
            "full",
        ],
    );
    let target = dir.path().join("target.db");

    // Tampered: one byte of a transcript changed.
    let tampered = dir.path().join("tampered");
    copy_dir(&bag, &tampered);
    let vtt = walk(&tampered.join("data/transcripts"))
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "vtt"))
        .unwrap();
    let mut bytes = std::fs::read(&vtt).unwrap();
    let last = bytes.len() - 2;
    bytes[last] ^= 1;
    std::fs::write(&vtt, bytes).unwrap();
    let out = run(&target, &["import", "bag", tampered.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let name = vtt.file_name().unwrap().to_string_lossy();
    assert!(
        stderr.contains(name.as_ref()) && stderr.contains("does not match"),
        "{stderr}"
    );

    // A manifest line that climbs out of the bag.
    let escaping = dir.path().join("escaping");
    copy_dir(&bag, &escaping);
    std::fs::write(dir.path().join("outside.txt"), "x").unwrap();
    let manifest = escaping.join("manifest-sha256.txt");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881  data/../../outside.txt\n");
    std::fs::write(&manifest, text).unwrap();
    let out = run(&target, &["import", "bag", escaping.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("escapes the bag"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    assert_eq!(
        ok(&target, &["interviews", "list", "--json"]).trim(),
        "[]",
        "nothing was imported"
    );
    assert!(!run(
        dir.path().join("unused.db").as_path(),
        &["validate", "bag", tampered.to_str().unwrap()]
    )
    .status
    .success());
}

/// A mono 16-bit WAV of `seconds` of a square wave.
fn square_wav(rate: u32, seconds: u32) -> Vec<u8> {
    let data: Vec<u8> = (0..rate * seconds)
        .flat_map(|n| (if (n / 20) % 2 == 0 { 12000i16 } else { -12000 }).to_le_bytes())
        .collect();
    let mut wav = Vec::new();
    wav.extend_from_slice(b"RIFF");
    wav.extend_from_slice(&(36 + data.len() as u32).to_le_bytes());
    wav.extend_from_slice(b"WAVEfmt ");
    for (value, bytes) in [
        (16u32, 4),
        (1, 2),
        (1, 2),
        (rate, 4),
        (rate * 2, 4),
        (2, 2),
        (16, 2),
    ] {
        wav.extend_from_slice(&value.to_le_bytes()[..bytes]);
    }
    wav.extend_from_slice(b"data");
    wav.extend_from_slice(&(data.len() as u32).to_le_bytes());
    wav.extend_from_slice(&data);
    wav
}

/// The recordings of a bag but the sample's demonstration recording: those a test added.
fn added_recordings(bag: &Path) -> Vec<PathBuf> {
    walk(&bag.join("data/media"))
        .into_iter()
        .filter(|f| !f.to_string_lossy().ends_with("demonstration.wav"))
        .collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
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

fn copy_dir(from: &Path, to: &Path) {
    for file in walk(from) {
        let dest = to.join(file.strip_prefix(from).unwrap());
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&file, &dest).unwrap();
    }
}

/// Reads every file under `dir` and returns the paths whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &str) -> Vec<PathBuf> {
    walk(dir)
        .into_iter()
        .filter(|f| {
            std::fs::read(f)
                .unwrap()
                .windows(needle.len())
                .any(|w| w == needle.as_bytes())
        })
        .collect()
}

fn segment_ids(archive: &Path, transcript: &str) -> Vec<String> {
    let segments: Value =
        serde_json::from_str(&ok(archive, &["transcript", "show", transcript, "--json"])).unwrap();
    segments
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect()
}

fn import_vtt(dir: &Path, archive: &Path, interview: &str, name: &str, cues: &[&str]) -> String {
    let mut vtt = String::from("WEBVTT\n\n");
    for (n, text) in cues.iter().enumerate() {
        vtt.push_str(&format!(
            "00:00:{:02}.000 --> 00:00:{:02}.000\n{text}\n\n",
            n * 2,
            n * 2 + 2
        ));
    }
    let file = dir.join(name);
    std::fs::write(&file, vtt).unwrap();
    let out: Value = serde_json::from_str(&ok(
        archive,
        &[
            "transcript",
            "import",
            "--interview",
            interview,
            file.to_str().unwrap(),
            "--json",
        ],
    ))
    .unwrap();
    out["transcript"]["id"].as_str().unwrap().to_owned()
}

#[test]
fn a_public_package_holds_nothing_restricted_in_any_layer() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("restricted.db");
    ok(&archive, &["sample"]);
    let interviews: Value =
        serde_json::from_str(&ok(&archive, &["interviews", "list", "--json"])).unwrap();
    let id = |n: usize| interviews[n]["id"].as_str().unwrap().to_owned();
    let (open, closed, embargoed) = (id(0), id(1), id(2));

    // An open interview with a sealed and a redacted passage, and a recording of it.
    let t = import_vtt(
        dir.path(),
        &archive,
        &open,
        "open.vtt",
        &[
            "Open words about the Arbat.",
            "SECRETSEALED Kolyma camp.",
            "SECRETREDACTED was the informer.",
            "More open talk.",
        ],
    );
    let segs = segment_ids(&archive, &t);
    ok(
        &archive,
        &[
            "restrict",
            "--record",
            &segs[1],
            "--seal",
            "--reason",
            "narrator's wish",
        ],
    );
    ok(
        &archive,
        &[
            "restrict",
            "--record",
            &segs[2],
            "--redact",
            "--replacement",
            "[name redacted]",
            "--reason",
            "living person",
        ],
    );
    let wav = dir.path().join("tape.wav");
    std::fs::write(&wav, square_wav(8000, 8)).unwrap();
    ok(
        &archive,
        &["media", "add", "--interview", &open, wav.to_str().unwrap()],
    );

    // A closed interview and an embargoed one.
    import_vtt(
        dir.path(),
        &archive,
        &closed,
        "closed.vtt",
        &["SECRETCLOSED words."],
    );
    ok(
        &archive,
        &[
            "restrict",
            "--record",
            &closed,
            "--level",
            "closed",
            "--reason",
            "family request",
        ],
    );
    import_vtt(
        dir.path(),
        &archive,
        &embargoed,
        "embargoed.vtt",
        &["SECRETEMBARGO words."],
    );
    ok(
        &archive,
        &[
            "restrict",
            "--record",
            &embargoed,
            "--level",
            "closed",
            "--until",
            "2090-01-01",
            "--reason",
            "embargo",
        ],
    );

    let bag = dir.path().join("public");
    let summary: Value = serde_json::from_str(&ok(
        &archive,
        &[
            "export",
            "bag",
            "--out",
            bag.to_str().unwrap(),
            "--profile",
            "public",
            "--as-of",
            "2026-11-25",
            "--json",
        ],
    ))
    .unwrap();
    assert!(
        bagit_validate(&bag).status.success(),
        "the public bag validates"
    );
    assert!(
        bag.join("data/site/index.html").is_file()
            && bag.join("data/site/data/search-index.js").is_file(),
        "the site and its search index are in the bag"
    );
    for secret in [
        "SECRETSEALED",
        "SECRETREDACTED",
        "SECRETCLOSED",
        "SECRETEMBARGO",
        "Kolyma",
        "informer",
    ] {
        let leaks = files_containing(&bag, secret);
        assert!(leaks.is_empty(), "{secret} leaked into {leaks:?}");
    }
    for title in [
        interviews[1]["title"].as_str().unwrap(),
        interviews[2]["title"].as_str().unwrap(),
    ] {
        let leaks = files_containing(&bag, title);
        assert!(
            leaks.is_empty(),
            "the withheld interview \"{title}\" appears in {leaks:?}"
        );
    }
    assert!(
        !files_containing(&bag, "[name redacted]").is_empty(),
        "the redaction's replacement is shown"
    );
    assert!(
        !files_containing(&bag, "Open words about the Arbat").is_empty(),
        "open text is there"
    );
    let withheld = summary["withheld"].as_array().unwrap();
    assert!(
        withheld
            .iter()
            .any(|w| w.as_str().unwrap().contains("2 interviews closed")),
        "{summary}"
    );

    // The recording is there, silent where the sealed and redacted passages are (2 s to 6 s).
    let recordings = added_recordings(&bag);
    assert_eq!(recordings.len(), 1);
    let bytes = std::fs::read(&recordings[0]).unwrap();
    let samples: Vec<i16> = bytes[44..]
        .chunks(2)
        .map(|c| i16::from_le_bytes([c[0], c[1]]))
        .collect();
    assert!(
        samples[2 * 8000..6 * 8000].iter().all(|&s| s == 0),
        "withheld passages are silent"
    );
    assert!(
        samples[..2 * 8000]
            .iter()
            .chain(&samples[6 * 8000..])
            .all(|&s| s != 0),
        "the rest plays"
    );

    // A later day may be previewed, where the embargo has passed and the closed interview is
    // still closed; it may not be written as a public package.
    let preview: Value = serde_json::from_str(&ok(
        &archive,
        &["public", "--today", "2091-01-01", "--json"],
    ))
    .unwrap();
    assert!(
        preview.to_string().contains("SECRETEMBARGO")
            && !preview.to_string().contains("SECRETCLOSED"),
        "an embargo lifts by itself in the preview"
    );
    let later = dir.path().join("later");
    let refused = run(
        &archive,
        &[
            "export",
            "bag",
            "--out",
            later.to_str().unwrap(),
            "--profile",
            "public",
            "--as-of",
            "2091-01-01",
        ],
    );
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        !refused.status.success()
            && message.contains("2091-01-01")
            && message.contains("still to come"),
        "a public package of a later day is refused: {message}"
    );
    assert!(!later.exists(), "nothing is written");
}
