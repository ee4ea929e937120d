use super::*;
use crate::{interview::InterviewInput, jobs::CancelFlag};
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};

/// A real WAV: 8 kHz mono 16-bit PCM, `frames` samples, varied by `seed`.
fn wav(frames: u32, seed: u32) -> Vec<u8> {
    let data_len = frames * 2;
    let mut out = Vec::with_capacity(44 + data_len as usize);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes()); // fmt chunk size
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&8000u32.to_le_bytes()); // sample rate
    out.extend_from_slice(&16000u32.to_le_bytes()); // byte rate
    out.extend_from_slice(&2u16.to_le_bytes()); // block align
    out.extend_from_slice(&16u16.to_le_bytes()); // bits per sample
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for n in 0..frames {
        // A sawtooth: cheap, and not silence.
        let sample = (((n.wrapping_mul(97).wrapping_add(seed)) % 2000) as i16 - 1000) * 8;
        out.extend_from_slice(&sample.to_le_bytes());
    }
    out
}

fn sha(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

fn interview(a: &mut Archive) -> String {
    interview::create(
        a,
        &InterviewInput {
            title: "Tatiana Smilga".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap()
    .id
}

fn managed() -> AddMediaOptions {
    AddMediaOptions::default()
}

fn referenced() -> AddMediaOptions {
    AddMediaOptions {
        reference: true,
        tape_label: String::new(),
    }
}

fn add_file(
    a: &mut Archive,
    interview_id: &str,
    file: &Path,
    opts: &AddMediaOptions,
) -> Result<Media> {
    add(
        a,
        interview_id,
        file,
        opts,
        &JobContext::silent(),
        Origin::Cli,
    )
}

/// Every file under `dir`, for checking that nothing was left behind.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                found.extend(files_under(&path));
            } else {
                found.push(path);
            }
        }
    }
    found
}

#[test]
fn a_wav_is_copied_in_by_hash_with_its_type_and_duration() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Archive::open(dir.path().join("a.db")).unwrap();
    let i = interview(&mut a);
    let bytes = wav(20_000, 1); // 2.5 s at 8 kHz
    let source = dir.path().join("Tape 1.WAV");
    std::fs::write(&source, &bytes).unwrap();

    let opts = AddMediaOptions {
        reference: false,
        tape_label: " Tape 1, side A ".into(),
    };
    let m = add_file(&mut a, &i, &source, &opts).unwrap();
    assert_eq!(m.mime_type, "audio/wav");
    assert_eq!(m.kind, MediaKind::Audio);
    assert_eq!(m.storage, Storage::Managed);
    assert!(
        m.duration_ms.is_some_and(|d| d.abs_diff(2500) <= 1),
        "duration {:?}",
        m.duration_ms
    );
    assert_eq!(m.sha256, sha(&bytes));
    assert_eq!(m.size_bytes, bytes.len() as u64);
    assert_eq!(m.original_name, "Tape 1.WAV");
    assert_eq!(m.tape_label, "Tape 1, side A");
    assert_eq!(m.position, 0);
    assert!(!m.missing);

    let expected = a
        .media_dir()
        .unwrap()
        .join(&m.sha256[..2])
        .join(format!("{}.wav", m.sha256));
    assert_eq!(
        m.path,
        format!("{}/{}.wav", &m.sha256[..2], m.sha256),
        "stored relative to the media folder"
    );
    assert_eq!(
        resolve_path(&a, &m),
        std::path::absolute(&expected).unwrap()
    );
    assert_eq!(
        std::fs::read(&expected).unwrap(),
        bytes,
        "the copy is whole"
    );
    assert!(source.exists(), "the original stays");

    let types: Vec<_> = provenance::history(&a, &m.id)
        .unwrap()
        .iter()
        .map(|e| (e.event_type, e.record_kind.clone()))
        .collect();
    assert_eq!(types, [(EventType::Creation, "media".to_owned())]);
}

#[test]
fn the_same_content_added_twice_is_stored_once_and_kept_until_both_go() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Archive::open(dir.path().join("a.db")).unwrap();
    let i = interview(&mut a);
    let bytes = wav(8_000, 2);
    let (one, two) = (dir.path().join("one.wav"), dir.path().join("copy.wav"));
    std::fs::write(&one, &bytes).unwrap();
    std::fs::write(&two, &bytes).unwrap();
    let first = add_file(&mut a, &i, &one, &managed()).unwrap();
    let second = add_file(&mut a, &i, &two, &managed()).unwrap();
    assert_eq!(first.path, second.path);
    assert_eq!(
        (first.position, second.position),
        (0, 1),
        "each new recording goes last"
    );
    let media_dir = a.media_dir().unwrap();
    assert_eq!(
        files_under(&media_dir).len(),
        1,
        "one file for both: {:?}",
        files_under(&media_dir)
    );

    remove(&mut a, &first.id, Origin::Cli).unwrap();
    assert!(
        resolve_path(&a, &second).is_file(),
        "still used by the other recording"
    );
    remove(&mut a, &second.id, Origin::Cli).unwrap();
    assert!(
        files_under(&media_dir).is_empty(),
        "the last one takes the file with it"
    );
    assert!(list(&a, &i).unwrap().is_empty());
    let types: Vec<_> = provenance::history(&a, &first.id)
        .unwrap()
        .iter()
        .map(|e| e.event_type)
        .collect();
    assert_eq!(types, [EventType::Creation, EventType::Deletion]);
}

#[test]
fn a_whole_archive_folder_can_move_and_nothing_goes_missing() {
    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("Smilga archive");
    std::fs::create_dir_all(folder.join("tapes")).unwrap();
    let outside = root.path().join("external disk");
    std::fs::create_dir_all(&outside).unwrap();
    let (managed_id, referenced_id, external_id, i);
    {
        let mut a = Archive::open(folder.join("smilga.db")).unwrap();
        i = interview(&mut a);
        let source = root.path().join("tape1.wav");
        std::fs::write(&source, wav(8_000, 3)).unwrap();
        managed_id = add_file(&mut a, &i, &source, &managed()).unwrap().id;

        let inside = folder.join("tapes").join("tape2.wav");
        std::fs::write(&inside, wav(8_000, 4)).unwrap();
        let r = add_file(&mut a, &i, &inside, &referenced()).unwrap();
        assert_eq!(r.storage, Storage::Referenced);
        assert_eq!(
            r.path, "tapes/tape2.wav",
            "relative to the archive's folder"
        );
        referenced_id = r.id;

        let far = outside.join("tape3.wav");
        std::fs::write(&far, wav(8_000, 5)).unwrap();
        let e = add_file(&mut a, &i, &far, &referenced()).unwrap();
        assert!(
            Path::new(&e.path).is_absolute(),
            "outside the folder the path is absolute: {}",
            e.path
        );
        external_id = e.id;
    }
    let moved = root.path().join("laptop").join("Smilga archive");
    std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
    std::fs::rename(&folder, &moved).unwrap();

    let a = Archive::open(moved.join("smilga.db")).unwrap();
    let list = list(&a, &i).unwrap();
    let ids: Vec<_> = list.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            managed_id.as_str(),
            referenced_id.as_str(),
            external_id.as_str()
        ]
    );
    assert!(list.iter().all(|m| !m.missing), "{list:#?}");
    assert!(resolve_path(&a, &list[0]).starts_with(&moved));
    assert_eq!(
        resolve_path(&a, &list[1]),
        moved.join("tapes").join("tape2.wav")
    );
}

#[test]
fn a_missing_file_is_reported_and_relinked_only_to_the_same_content() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Archive::open(dir.path().join("a.db")).unwrap();
    let i = interview(&mut a);
    let bytes = wav(8_000, 6);
    let file = dir.path().join("tape.wav");
    std::fs::write(&file, &bytes).unwrap();
    let m = add_file(&mut a, &i, &file, &referenced()).unwrap();
    std::fs::remove_file(&file).unwrap();
    let listed = list(&a, &i).unwrap();
    assert!(listed[0].missing, "reported, not dropped");

    let other = dir.path().join("other.wav");
    std::fs::write(&other, wav(8_000, 7)).unwrap();
    let err = relink(&mut a, &m.id, &other, Origin::Cli).unwrap_err();
    assert!(matches!(err, Error::Invalid { .. }), "{err}");
    assert!(err.to_string().contains("other.wav differs"), "{err}");

    let copy = dir.path().join("backup").join("tape (copy).wav");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::write(&copy, &bytes).unwrap();
    let relinked = relink(&mut a, &m.id, &copy, Origin::Cli).unwrap();
    assert!(!relinked.missing);
    assert_eq!(relinked.path, "backup/tape (copy).wav");
    let types: Vec<_> = provenance::history(&a, &m.id)
        .unwrap()
        .iter()
        .map(|e| e.event_type)
        .collect();
    assert_eq!(types, [EventType::Creation, EventType::Modification]);
}

#[test]
fn a_managed_file_lost_from_the_media_folder_is_copied_back_by_relink() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Archive::open(dir.path().join("a.db")).unwrap();
    let i = interview(&mut a);
    let bytes = wav(4_000, 8);
    let file = dir.path().join("tape.wav");
    std::fs::write(&file, &bytes).unwrap();
    let m = add_file(&mut a, &i, &file, &managed()).unwrap();
    std::fs::remove_file(resolve_path(&a, &m)).unwrap();
    assert!(get(&a, &m.id).unwrap().missing);
    let back = relink(&mut a, &m.id, &file, Origin::Cli).unwrap();
    assert!(!back.missing);
    assert_eq!(back.path, m.path);
    assert_eq!(std::fs::read(resolve_path(&a, &back)).unwrap(), bytes);
}

#[test]
fn a_text_file_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Archive::open(dir.path().join("a.db")).unwrap();
    let i = interview(&mut a);
    let notes = dir.path().join("notes about tape 2.txt");
    std::fs::write(
        &notes,
        "Sitting (left to right): Serebryakov, Radek, Trotsky",
    )
    .unwrap();
    let err = add_file(&mut a, &i, &notes, &managed()).unwrap_err();
    assert!(err.to_string().contains("notes about tape 2.txt"), "{err}");
    assert!(
        err.to_string().contains("not an audio or video file"),
        "{err}"
    );
    // Renaming it does not help: the content decides.
    let disguised = dir.path().join("notes.mp3");
    std::fs::copy(&notes, &disguised).unwrap();
    assert!(add_file(&mut a, &i, &disguised, &referenced()).is_err());
    assert!(list(&a, &i).unwrap().is_empty());
    assert!(
        files_under(&a.media_dir().unwrap()).is_empty(),
        "nothing was written"
    );
}

#[test]
fn cancelling_mid_copy_leaves_no_file_and_no_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Archive::open(dir.path().join("a.db")).unwrap();
    let i = interview(&mut a);
    let big = dir.path().join("long tape.wav");
    std::fs::write(&big, wav(5_000_000, 9)).unwrap(); // 10 MB: several progress reports
    let flag = CancelFlag::default();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (sink, trip) = (seen.clone(), flag.clone());
    let ctx = JobContext::new(flag, move |p| {
        if matches!(p, Progress::Progress { .. }) {
            trip.cancel();
        }
        sink.lock().unwrap().push(p);
    });
    let err = add(&mut a, &i, &big, &managed(), &ctx, Origin::Cli).unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err}");
    let seen = seen.lock().unwrap();
    let copied = seen.iter().find_map(|p| match p {
        Progress::Progress { phase, done, total } => Some((phase.clone(), *done, *total)),
        _ => None,
    });
    let (phase, done, total) = copied.expect("a progress report");
    assert_eq!(phase, "copying");
    assert!(
        total.is_some_and(|t| done < t),
        "stopped mid-copy: {done} of {total:?} MiB"
    );
    assert!(
        files_under(&a.media_dir().unwrap()).is_empty(),
        "the temp file is gone"
    );
    assert!(list(&a, &i).unwrap().is_empty(), "no record");
}

#[test]
fn reorder_labels_and_the_rules_on_what_can_be_added() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Archive::open(dir.path().join("a.db")).unwrap();
    let i = interview(&mut a);
    let mut ids = Vec::new();
    for n in 0..3 {
        let f = dir.path().join(format!("part{n}.wav"));
        std::fs::write(&f, wav(800, 10 + n)).unwrap();
        ids.push(add_file(&mut a, &i, &f, &managed()).unwrap().id);
    }
    let order = vec![ids[2].clone(), ids[0].clone(), ids[1].clone()];
    let reordered = reorder(&mut a, &i, &order, Origin::Cli).unwrap();
    assert_eq!(
        reordered.iter().map(|m| &m.id).collect::<Vec<_>>(),
        order.iter().collect::<Vec<_>>()
    );
    assert_eq!(
        list(&a, &i)
            .unwrap()
            .iter()
            .map(|m| m.position)
            .collect::<Vec<_>>(),
        [0, 1, 2]
    );
    let err = reorder(&mut a, &i, &order[..2], Origin::Cli).unwrap_err();
    assert!(
        matches!(err, Error::Invalid { field: "media", .. }),
        "{err}"
    );

    let labelled = set_tape_label(&mut a, &ids[0], " Tape 2 ", Origin::Window).unwrap();
    assert_eq!(labelled.tape_label, "Tape 2");
    set_tape_label(&mut a, &ids[0], "Tape 2", Origin::Window).unwrap();
    let types: Vec<_> = provenance::history(&a, &ids[0])
        .unwrap()
        .iter()
        .map(|e| e.event_type)
        .collect();
    assert_eq!(
        types,
        [
            EventType::Creation,
            EventType::Modification,
            EventType::Modification
        ],
        "moved, then labelled once"
    );

    let f = dir.path().join("part0.wav");
    let err = add_file(&mut a, &ids::new_id(), &f, &managed()).unwrap_err();
    assert!(
        matches!(
            err,
            Error::NotFound {
                kind: "interview",
                ..
            }
        ),
        "{err}"
    );

    let mut memory = Archive::open_in_memory().unwrap();
    let j = interview(&mut memory);
    let err = add_file(&mut memory, &j, &f, &managed()).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Invalid {
                field: "reference",
                ..
            }
        ),
        "{err}"
    );
    let m = add_file(&mut memory, &j, &f, &referenced()).unwrap();
    assert!(Path::new(&m.path).is_absolute() && !m.missing);
}

#[test]
fn magic_bytes_decide_the_type() {
    assert_eq!(sniff(b"fLaC\0\0\0\x22", "flac"), Some("audio/flac"));
    assert_eq!(sniff(b"ID3\x04\0\0\0\0\0\0", "mp3"), Some("audio/mpeg"));
    assert_eq!(sniff(&[0xFF, 0xFB, 0x90, 0x64], "mp3"), Some("audio/mpeg"));
    assert_eq!(sniff(&[0xFF, 0xF1, 0x50, 0x80], "aac"), Some("audio/aac"));
    assert_eq!(
        sniff(b"OggS\0\x02\0\0\0\0\0\0\0\0OpusHead", "opus"),
        Some("audio/ogg")
    );
    assert_eq!(
        sniff(b"\0\0\0\x20ftypM4A \0\0\0\0", "m4a"),
        Some("audio/mp4")
    );
    assert_eq!(
        sniff(b"\0\0\0\x20ftypisom\0\0\0\0", "mp4"),
        Some("video/mp4")
    );
    assert_eq!(
        sniff(b"\0\0\0\x14ftypqt  \0\0\0\0", "mov"),
        Some("video/quicktime")
    );
    assert_eq!(
        sniff(
            b"\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01\x42\x82\x84webm",
            "webm"
        ),
        Some("video/webm")
    );
    assert_eq!(
        sniff(b"\x1A\x45\xDF\xA3\x9F\x42\x82\x88matroska", "mkv"),
        Some("video/x-matroska")
    );
    assert_eq!(
        sniff(b"RIFF\0\0\0\0AVI LIST", "avi"),
        Some("video/x-msvideo")
    );
    assert_eq!(
        sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF", "mp3"),
        None,
        "a JPEG named .mp3"
    );
    assert_eq!(sniff(b"", "wav"), None);
    assert_eq!(stored_extension("audio/ogg", "opus"), "opus");
    assert_eq!(stored_extension("audio/wav", "mp3"), "wav");
}
