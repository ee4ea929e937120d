//! Packages from elsewhere are hostile until verified. Each test builds a real full package
//! with the CLI, edits its dump (and files) the way a hostile package would, re-hashes the
//! manifests so the bag still verifies, and imports it with the CLI into a real archive.

mod common;

use common::{json, ok, refused, run};

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use sha2::{Digest, Sha256, Sha512};

/// A real WAV: 8 kHz mono 16-bit PCM, a square wave.
fn square_wav(seconds: u32) -> Vec<u8> {
    let rate = 8000u32;
    let samples: Vec<i16> = (0..rate * seconds)
        .map(|n| if (n / 20) % 2 == 0 { 9000 } else { -9000 })
        .collect();
    let data_len = samples.len() as u32 * 2;
    let mut out = Vec::new();
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&rate.to_le_bytes());
    out.extend_from_slice(&(rate * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for s in samples {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// The sample archive with a recording, and the first interview's id.
fn source_archive(dir: &Path) -> (PathBuf, String) {
    let archive = dir.join("source.db");
    ok(&archive, &["sample"]);
    let interviews = json(&archive, &["interviews", "list", "--json"]);
    // One of the four real interviews: the sample's demonstration interview has a recording
    // of its own.
    let interview = interviews
        .as_array()
        .unwrap()
        .iter()
        .find(|i| !i["title"].as_str().unwrap().starts_with("Demonstration"))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let wav = dir.join("tape1.wav");
    std::fs::write(&wav, square_wav(2)).unwrap();
    ok(
        &archive,
        &[
            "media",
            "add",
            "--interview",
            &interview,
            wav.to_str().unwrap(),
        ],
    );
    (archive, interview)
}

fn export_full(archive: &Path, out: &Path) {
    ok(
        archive,
        &[
            "export",
            "bag",
            "--out",
            out.to_str().unwrap(),
            "--profile",
            "full",
        ],
    );
}

const DUMP: &str = "data/metadata/recollect-archive.json";

fn read_dump(bag: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(bag.join(DUMP)).unwrap()).unwrap()
}

fn rows<'a>(dump: &'a mut Value, table: &str) -> &'a mut Vec<Value> {
    dump["tables"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|t| t["table"] == table)
        .unwrap_or_else(|| panic!("the dump has a table {table}"))["rows"]
        .as_array_mut()
        .unwrap()
}

/// Writes the dump back and re-hashes the bag, as a hostile package would, so that it verifies.
fn write_dump_and_rehash(bag: &Path, dump: &Value) {
    std::fs::write(bag.join(DUMP), serde_json::to_vec(dump).unwrap()).unwrap();
    rehash(bag);
}

fn rehash(bag: &Path) {
    let data = bag.join("data");
    let (mut m256, mut m512) = (String::new(), String::new());
    let (mut bytes, mut count) = (0u64, 0u64);
    for file in walk(&data) {
        let content = std::fs::read(&file).unwrap();
        let name = format!(
            "data/{}",
            file.strip_prefix(&data).unwrap().to_string_lossy()
        );
        m256.push_str(&format!("{}  {name}\n", sha256_hex(&content)));
        m512.push_str(&format!("{:x}  {name}\n", Sha512::digest(&content)));
        bytes += content.len() as u64;
        count += 1;
    }
    std::fs::write(bag.join("manifest-sha256.txt"), m256).unwrap();
    std::fs::write(bag.join("manifest-sha512.txt"), m512).unwrap();
    let info = std::fs::read_to_string(bag.join("bag-info.txt")).unwrap();
    let info: String = info
        .lines()
        .map(|l| {
            if l.starts_with("Payload-Oxum:") {
                format!("Payload-Oxum: {bytes}.{count}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(bag.join("bag-info.txt"), info).unwrap();
    for algorithm in ["sha256", "sha512"] {
        let tag_manifest = bag.join(format!("tagmanifest-{algorithm}.txt"));
        if !tag_manifest.exists() {
            continue;
        }
        let mut lines = String::new();
        for name in [
            "bagit.txt",
            "bag-info.txt",
            "manifest-sha256.txt",
            "manifest-sha512.txt",
        ] {
            let content = std::fs::read(bag.join(name)).unwrap();
            let digest = if algorithm == "sha256" {
                sha256_hex(&content)
            } else {
                format!("{:x}", Sha512::digest(&content))
            };
            lines.push_str(&format!("{digest}  {name}\n"));
        }
        std::fs::write(tag_manifest, lines).unwrap();
    }
}

/// Every file under `dir` whose bytes contain `needle`.
fn files_holding(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    walk(dir)
        .into_iter()
        .filter(|f| {
            let bytes = std::fs::read(f).unwrap_or_default();
            bytes.windows(needle.len()).any(|w| w == needle)
        })
        .collect()
}

fn media_of(archive: &Path, interview: &str) -> Vec<Value> {
    json(
        archive,
        &["media", "list", "--interview", interview, "--json"],
    )
    .as_array()
    .unwrap()
    .clone()
}

#[test]
fn a_referenced_recording_in_a_package_never_brings_a_local_file_into_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    let (source, interview) = source_archive(dir.path());
    let bag = dir.path().join("bag");
    export_full(&source, &bag);
    // A file of this machine the package names: any readable file would do (/etc/passwd).
    let secret = dir.path().join("secret.txt");
    let secret_text = b"root:x:0:0:the secret of this laptop:/root:/bin/bash\n";
    std::fs::write(&secret, secret_text).unwrap();
    let wav_sha = sha256_hex(&square_wav(2));

    for (case, keep_payload) in [("without its file", false), ("with a file", true)] {
        let hostile = dir.path().join(format!("hostile-{keep_payload}"));
        copy_dir(&bag, &hostile);
        let mut dump = read_dump(&hostile);
        let media = rows(&mut dump, "media");
        let mut ours: Vec<&mut Value> = media
            .iter_mut()
            .filter(|m| m["sha256"] == wav_sha.as_str())
            .collect();
        assert_eq!(ours.len(), 1);
        let ours = &mut ours[0];
        ours["storage"] = json!("referenced");
        ours["path"] = json!(secret.to_str().unwrap());
        if !keep_payload {
            // The package says the recording is the secret file and leaves its own out.
            ours["sha256"] = json!(sha256_hex(secret_text));
            ours["size_bytes"] = json!(secret_text.len());
            for f in walk(&hostile.join("data/media")) {
                if std::fs::read(&f).unwrap() == square_wav(2) {
                    std::fs::remove_file(f).unwrap();
                }
            }
        }
        write_dump_and_rehash(&hostile, &dump);
        let target = dir.path().join(format!("target-{keep_payload}.db"));
        ok(&target, &["import", "bag", hostile.to_str().unwrap()]);

        let recording = &media_of(&target, &interview)[0];
        assert_eq!(recording["storage"], "managed", "{case}: {recording}");
        let path = recording["path"].as_str().unwrap();
        assert!(
            !Path::new(path).is_absolute() && !path.contains(".."),
            "{case}: kept in the media folder: {path}"
        );
        assert_eq!(recording["missing"], !keep_payload, "{case}: {recording}");
        if keep_payload {
            assert_eq!(recording["sha256"], wav_sha.as_str());
        }
        let media_dir = dir.path().join(format!("target-{keep_payload}.media"));
        assert!(
            files_holding(&media_dir, b"the secret of this laptop").is_empty(),
            "{case}: the local file was not copied in"
        );
        // No later export copies the file: the missing recording is refused until relinked,
        // and what is exported is the package's own recording.
        for profile in ["full", "public"] {
            let out = dir.path().join(format!("out-{keep_payload}-{profile}"));
            let result = run(
                &target,
                &[
                    "export",
                    "bag",
                    "--out",
                    out.to_str().unwrap(),
                    "--profile",
                    profile,
                ],
            );
            if !keep_payload && profile == "full" {
                assert!(
                    !result.status.success(),
                    "{case}, {profile}: a missing recording is not exported"
                );
                assert!(
                    String::from_utf8_lossy(&result.stderr).contains("relink"),
                    "{}",
                    String::from_utf8_lossy(&result.stderr)
                );
            } else if keep_payload {
                assert!(
                    result.status.success(),
                    "{}",
                    String::from_utf8_lossy(&result.stderr)
                );
            }
            assert!(
                files_holding(&out, b"the secret of this laptop").is_empty(),
                "{case}, {profile}: the local file is in no package"
            );
        }
    }
}

#[test]
fn a_thumbnail_planted_by_a_package_never_becomes_a_photo_s_web_image() {
    let dir = tempfile::tempdir().unwrap();
    let (source, _) = source_archive(dir.path());
    let bag = dir.path().join("bag");
    export_full(&source, &bag);
    let target = dir.path().join("target.db");
    ok(&target, &["import", "bag", bag.to_str().unwrap()]);
    let photos = json(&target, &["photos", "list", "--json"]);
    let photo = photos[0].clone();
    let photo_sha = photo["sha256"].as_str().unwrap().to_owned();
    // A real JPEG that is not the photo's web image: a small thumbnail of it.
    let small = ok(
        &source,
        &[
            "photos",
            "thumbnail",
            photo["id"].as_str().unwrap(),
            "--max",
            "32",
        ],
    );
    let planted = std::fs::read(small.trim()).unwrap();

    // A new photo whose stored path is where the existing photo's web image is cached, with
    // its image in the package, and the package's own web image of the existing photo changed.
    let hostile = dir.path().join("hostile");
    copy_dir(&bag, &hostile);
    let mut dump = read_dump(&hostile);
    let photo_rows = rows(&mut dump, "photos");
    let mut extra = photo_rows[0].clone();
    extra["uuid"] = json!("0190e0c0-0000-7000-8000-0000000000aa");
    extra["sha256"] = json!(sha256_hex(&planted));
    extra["size_bytes"] = json!(planted.len());
    extra["path"] = json!(format!("thumbs/{photo_sha}-1600.jpg"));
    photo_rows.push(extra);
    std::fs::write(hostile.join("data/photos/full/planted.jpg"), &planted).unwrap();
    for web in walk(&hostile.join("data/photos/web")) {
        std::fs::write(web, &planted).unwrap();
    }
    write_dump_and_rehash(&hostile, &dump);
    ok(&target, &["import", "bag", hostile.to_str().unwrap()]);

    let media_dir = dir.path().join("target.media");
    let cached = media_dir.join(format!("thumbs/{photo_sha}-1600.jpg"));
    assert!(
        std::fs::read(&cached).map_or(true, |b| b != planted),
        "the package's file is not the photo's web image"
    );
    for f in walk(&media_dir.join("thumbs")) {
        assert_ne!(
            std::fs::read(&f).unwrap(),
            planted,
            "no derived file comes from the package: {}",
            f.display()
        );
    }
    let public = dir.path().join("public");
    ok(
        &target,
        &[
            "export",
            "bag",
            "--out",
            public.to_str().unwrap(),
            "--profile",
            "public",
        ],
    );
    let web = public.join(format!(
        "data/photos/web/{}.jpg",
        photo["id"].as_str().unwrap()
    ));
    let web = std::fs::read(&web).expect("the photo is public");
    assert_ne!(web, planted, "its web image is made here from the photo");
    let made_here = ok(
        &source,
        &[
            "photos",
            "thumbnail",
            photo["id"].as_str().unwrap(),
            "--max",
            "1600",
        ],
    );
    assert_eq!(
        web,
        std::fs::read(made_here.trim()).unwrap(),
        "the same web image the source archive makes"
    );
}

#[test]
fn imported_events_say_which_package_they_came_from_and_never_read_as_local() {
    let dir = tempfile::tempdir().unwrap();
    let (source, interview) = source_archive(dir.path());
    let bag = dir.path().join("bag");
    export_full(&source, &bag);
    let target = dir.path().join("target.db");
    ok(&target, &["import", "bag", bag.to_str().unwrap()]);
    ok(
        &target,
        &["interviews", "edit", &interview, "--place", "Moscow"],
    );

    // The package claims a change to a record that is already here, by a curator of its
    // choosing, made "in the window".
    let hostile = dir.path().join("hostile");
    copy_dir(&bag, &hostile);
    let mut dump = read_dump(&hostile);
    let events = rows(&mut dump, "events");
    let mut forged = events
        .iter()
        .find(|e| e["record_uuid"] == interview.as_str())
        .unwrap()
        .clone();
    forged["uuid"] = json!("0190e0c0-0000-7000-8000-0000000000bb");
    forged["event_type"] = json!("modification");
    forged["agent"] = json!("Mallory");
    forged["origin"] = json!("window");
    forged["at"] = json!("2020-01-01T00:00:00Z");
    forged["note"] = json!("Approved for publication");
    forged["package"] = json!("pretends to be local");
    events.push(forged);
    write_dump_and_rehash(&hostile, &dump);
    let identifier = std::fs::read_to_string(hostile.join("bag-info.txt"))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("External-Identifier: ").map(str::to_owned))
        .expect("a package names itself");
    ok(&target, &["import", "bag", hostile.to_str().unwrap()]);

    let history = json(&target, &["history", "--record", &interview, "--json"]);
    let history = history.as_array().unwrap();
    let forged = history
        .iter()
        .find(|e| e["agent"] == "Mallory")
        .expect("the event is kept");
    assert_eq!(
        forged["note"], "Approved for publication",
        "its content too"
    );
    assert_eq!(forged["at"], "2020-01-01T00:00:00Z");
    assert_eq!(forged["imported_from"]["package"], identifier.as_str());
    let today = forged["imported_from"]["imported_on"].as_str().unwrap();
    assert_eq!(today.len(), 10, "{today}");
    // Every event that came with a package says so; the edit made here does not.
    let local_edit = history
        .iter()
        .find(|e| e["event_type"] == "modification" && e["agent"] != "Mallory")
        .expect("the local edit");
    assert_eq!(local_edit["imported_from"], Value::Null);
    assert!(history
        .iter()
        .filter(|e| e["event_type"] == "creation")
        .all(|e| e["imported_from"]["package"].is_string()));

    let text = ok(&target, &["history", "--record", &interview]);
    let line = text.lines().find(|l| l.contains("Mallory")).unwrap();
    assert!(
        !line.contains("by Mallory (window)"),
        "never reads as local: {line}"
    );
    assert!(
        line.contains(&format!("imported from package {identifier} on {today}")),
        "{line}"
    );

    // The import itself is an event, in the package's history.
    let imports = json(&target, &["history", "--record", &identifier, "--json"]);
    let imports = imports.as_array().unwrap();
    assert_eq!(imports.len(), 2, "both imports of the package: {imports:?}");
    assert!(imports
        .iter()
        .all(|e| e["event_type"] == "ingestion" && e["record_kind"] == "package"));
    assert_eq!(imports[1]["imported_from"], Value::Null, "made here");

    // A bag from elsewhere that does not name itself is named by the hash of its manifest.
    let anonymous = dir.path().join("anonymous");
    copy_dir(&hostile, &anonymous);
    let mut dump = read_dump(&anonymous);
    let events = rows(&mut dump, "events");
    let mut another = events.last().unwrap().clone();
    another["uuid"] = json!("0190e0c0-0000-7000-8000-0000000000ee");
    another["agent"] = json!("Eve");
    events.push(another);
    let info = std::fs::read_to_string(anonymous.join("bag-info.txt")).unwrap();
    let info: String = info
        .lines()
        .filter(|l| !l.starts_with("External-Identifier"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(anonymous.join("bag-info.txt"), info).unwrap();
    write_dump_and_rehash(&anonymous, &dump);
    ok(&target, &["import", "bag", anonymous.to_str().unwrap()]);
    let manifest = std::fs::read(anonymous.join("manifest-sha256.txt")).unwrap();
    let history = json(&target, &["history", "--record", &interview, "--json"]);
    let eve = history
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["agent"] == "Eve")
        .expect("kept");
    assert_eq!(
        eve["imported_from"]["package"],
        format!("manifest-sha256.txt sha256:{}", sha256_hex(&manifest)).as_str()
    );
}

#[test]
fn a_failed_import_leaves_no_files_in_the_media_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (source, _) = source_archive(dir.path());
    let bag = dir.path().join("bag");
    export_full(&source, &bag);
    let hostile = dir.path().join("hostile");
    copy_dir(&bag, &hostile);
    let mut dump = read_dump(&hostile);
    // The last table's row points at a record the package does not have: found only after
    // the recording and the photo were taken in.
    let segments = rows(&mut dump, "segments");
    segments.push(json!({
        "uuid": "0190e0c0-0000-7000-8000-0000000000cc",
        "transcript_id": { "uuid": "0190e0c0-0000-7000-8000-0000000000dd" },
        "position": 0, "start_ms": 0, "end_ms": 1000, "speaker_id": null,
        "speaker_label": "", "text": "orphan"
    }));
    write_dump_and_rehash(&hostile, &dump);
    let target = dir.path().join("target.db");
    ok(&target, &["interviews", "list"]);
    let stderr = refused(&target, &["import", "bag", hostile.to_str().unwrap()]);
    assert!(stderr.contains("not in the package"), "{stderr}");
    let left = walk(&dir.path().join("target.media"));
    assert!(left.is_empty(), "files left behind: {left:?}");
    assert_eq!(
        json(&target, &["interviews", "list", "--json"]),
        json!([]),
        "and no records"
    );
    // The good package still imports.
    ok(&target, &["import", "bag", bag.to_str().unwrap()]);
    assert!(!walk(&dir.path().join("target.media")).is_empty());
}

#[test]
fn a_failed_export_leaves_no_out_folder_so_a_retry_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let (source, interview) = source_archive(dir.path());
    let recording = &media_of(&source, &interview)[0];
    let kept = dir
        .path()
        .join("source.media")
        .join(recording["path"].as_str().unwrap());
    let saved = dir.path().join("saved.wav");
    std::fs::rename(&kept, &saved).unwrap();
    // A new folder, and an empty folder that exists.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for out in [dir.path().join("new"), empty.clone()] {
        let stderr = refused(
            &source,
            &[
                "export",
                "bag",
                "--out",
                out.to_str().unwrap(),
                "--profile",
                "full",
            ],
        );
        assert!(stderr.contains("missing"), "{stderr}");
        assert!(
            !out.join("data").exists(),
            "no data/ left in {}",
            out.display()
        );
        assert!(walk(&out).is_empty(), "nothing left in {}", out.display());
        assert_eq!(out == empty, out.exists(), "an existing folder stays");
    }
    std::fs::rename(&saved, &kept).unwrap();
    for out in [dir.path().join("new"), empty] {
        export_full(&source, &out);
        assert!(out.join("bagit.txt").exists());
    }
}

/// The sample archive opened directly, as a Recollect before languages were checked left it:
/// the check's triggers are dropped, a value put in, and the triggers put back.
fn store_unchecked(archive: &Path, sql: &str) {
    let a = recollect_db::Archive::open(archive).unwrap();
    let triggers: Vec<(String, String)> = {
        let mut stmt = a
            .conn()
            .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND (name LIKE '%is_a_tag%' OR name LIKE '%are_tags%' OR name LIKE '%links_are_safe%')")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert!(!triggers.is_empty());
    for (name, _) in &triggers {
        a.conn()
            .execute_batch(&format!("DROP TRIGGER {name}"))
            .unwrap();
    }
    a.conn().execute_batch(sql).unwrap();
    for (_, sql) in &triggers {
        a.conn().execute_batch(sql).unwrap();
    }
}

#[test]
fn a_language_like_a_path_is_refused_everywhere_it_enters_and_never_breaks_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let (archive, interview) = source_archive(dir.path());
    let vtt = dir.path().join("t.vtt");
    std::fs::write(
        &vtt,
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nЗдравствуйте.\n",
    )
    .unwrap();
    let before = json(
        &archive,
        &["transcript", "list", "--interview", &interview, "--json"],
    );
    for language in ["/../../x", "../x", "ru/../../etc", "ru x", "en_GB"] {
        let stderr = refused(
            &archive,
            &[
                "transcript",
                "import",
                "--interview",
                &interview,
                vtt.to_str().unwrap(),
                "--language",
                language,
            ],
        );
        assert!(stderr.contains("language tag"), "{language}: {stderr}");
        let stderr = refused(
            &archive,
            &["interviews", "edit", &interview, "--language", language],
        );
        assert!(stderr.contains("language tag"), "{language}: {stderr}");
    }
    // A language read from the file itself.
    let ohms = dir.path().join("declared.xml");
    std::fs::write(
        &ohms,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ROOT xmlns=\"https://www.weareavp.com/nunncenter/ohms\">\n<record id=\"1\" dt=\"2024-01-01\">\n<title>Smilga family</title><language>/../../x</language>\n<sync>2:|2(3)</sync>\n<transcript>SMILGA: On Granovsky Street.\nSEREBRYAKOVA: Yes.</transcript>\n</record></ROOT>",
    )
    .unwrap();
    let stderr = refused(
        &archive,
        &[
            "transcript",
            "import",
            "--interview",
            &interview,
            ohms.to_str().unwrap(),
        ],
    );
    assert!(
        stderr.contains("declared.xml") && stderr.contains("language tag"),
        "{stderr}"
    );
    assert_eq!(
        json(
            &archive,
            &["transcript", "list", "--interview", &interview, "--json"]
        ),
        before,
        "nothing was imported"
    );

    // A language carried by a package.
    ok(
        &archive,
        &[
            "transcript",
            "import",
            "--interview",
            &interview,
            vtt.to_str().unwrap(),
            "--language",
            "ru",
        ],
    );
    let bag = dir.path().join("bag");
    export_full(&archive, &bag);
    let mut dump = read_dump(&bag);
    rows(&mut dump, "transcripts")[0]["language"] = json!("/../../x");
    write_dump_and_rehash(&bag, &dump);
    let target = dir.path().join("target.db");
    let stderr = refused(&target, &["import", "bag", bag.to_str().unwrap()]);
    assert!(
        stderr.contains("recollect-archive.json") && stderr.contains("language tag"),
        "{stderr}"
    );
    assert!(walk(&dir.path().join("target.media")).is_empty());

    // One stored before languages were checked never breaks an export, nor leaves the bag.
    store_unchecked(
        &archive,
        "UPDATE transcripts SET language = '/../../../escaped'",
    );
    for profile in ["full", "public"] {
        let out = dir.path().join(format!("after-{profile}"));
        ok(
            &archive,
            &[
                "export",
                "bag",
                "--out",
                out.to_str().unwrap(),
                "--profile",
                profile,
            ],
        );
        assert!(!dir.path().join("escaped.vtt").exists());
        assert!(walk(dir.path())
            .iter()
            .all(|f| !f.to_string_lossy().contains("escaped")));
        assert!(!walk(&out.join("data/transcripts")).is_empty());
    }
}

#[test]
fn javascript_and_data_links_in_index_points_are_refused_and_never_published() {
    let dir = tempfile::tempdir().unwrap();
    let (archive, interview) = source_archive(dir.path());
    let with_link = |link: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ROOT xmlns=\"https://www.weareavp.com/nunncenter/ohms\">\n<record id=\"1\" dt=\"2024-01-01\">\n<title>Smilga family</title>\n<index><point><time>1</time><title>Granovsky Street</title><hyperlinks><hyperlink>{link}</hyperlink><hyperlink_text>More</hyperlink_text></hyperlinks></point></index>\n<sync>2:|2(3)</sync>\n<transcript>SMILGA: On Granovsky Street.\nSEREBRYAKOVA: Yes.</transcript>\n</record></ROOT>"
        )
    };
    for link in [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ] {
        let file = dir.path().join("linked.xml");
        std::fs::write(&file, with_link(link)).unwrap();
        let stderr = refused(
            &archive,
            &[
                "transcript",
                "import",
                "--interview",
                &interview,
                file.to_str().unwrap(),
            ],
        );
        assert!(
            stderr.contains("linked.xml") && stderr.contains("Granovsky Street"),
            "{link}: {stderr}"
        );
    }
    let file = dir.path().join("linked.xml");
    std::fs::write(&file, with_link("https://example.org/smilga")).unwrap();
    ok(
        &archive,
        &[
            "transcript",
            "import",
            "--interview",
            &interview,
            file.to_str().unwrap(),
        ],
    );

    // From a package.
    let bag = dir.path().join("bag");
    export_full(&archive, &bag);
    let mut dump = read_dump(&bag);
    rows(&mut dump, "index_points")[0]["hyperlinks"] = json!("[\"javascript:alert(1)\"]");
    write_dump_and_rehash(&bag, &dump);
    let stderr = refused(
        &dir.path().join("target.db"),
        &["import", "bag", bag.to_str().unwrap()],
    );
    assert!(stderr.contains("javascript"), "{stderr}");

    // Stored before links were checked: left out of OHMS XML and the site.
    store_unchecked(
        &archive,
        "UPDATE index_points SET hyperlinks = '[\"https://example.org/smilga\", \"javascript:alert(1)\", \"data:text/html,x\"]'",
    );
    for profile in ["full", "public"] {
        let out = dir.path().join(format!("links-{profile}"));
        ok(
            &archive,
            &[
                "export",
                "bag",
                "--out",
                out.to_str().unwrap(),
                "--profile",
                profile,
            ],
        );
        let ohms: Vec<PathBuf> = walk(&out.join("data"))
            .into_iter()
            .filter(|f| f.to_string_lossy().ends_with("ohms.xml"))
            .collect();
        let all: String = ohms
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect();
        if profile == "full" {
            assert!(
                all.contains("https://example.org/smilga"),
                "the good link stays"
            );
        }
        for f in walk(&out.join("data")) {
            if f.to_string_lossy()
                .ends_with(DUMP.trim_start_matches("data/"))
            {
                continue; // the dump is the archive as it is, for handover
            }
            let text = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).to_lowercase();
            assert!(
                !text.contains("javascript:") && !text.contains("data:text/html"),
                "{profile}: {}",
                f.display()
            );
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
