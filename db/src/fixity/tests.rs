use std::sync::{Arc, Mutex};

use super::*;
use crate::{
    interview::{self, InterviewInput},
    jobs::CancelFlag,
};

/// A real WAV of `frames` 16-bit samples at 8 kHz, so the media module takes it.
fn wav(frames: u32) -> Vec<u8> {
    let data_len = frames * 2;
    let mut out = Vec::with_capacity(44 + data_len as usize);
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
        out.extend_from_slice(&(((n % 2000) as i16 - 1000) * 8).to_le_bytes());
    }
    out
}

/// An archive file with one recording added through the media module and a deed of gift.
fn archive_with_files(dir: &std::path::Path) -> (Archive, std::path::PathBuf, String) {
    let mut a = Archive::open(dir.join("a.db")).unwrap();
    let i = interview::create(
        &mut a,
        &InterviewInput {
            title: "Yuri Primakov".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let source = dir.join("tape 1.wav");
    std::fs::write(&source, wav(1_600_000)).unwrap();
    let recording = media::add(
        &mut a,
        &i.id,
        &source,
        &media::AddMediaOptions::default(),
        &JobContext::silent(),
        Origin::Cli,
    )
    .unwrap();
    let deed = dir.join("deed.txt");
    std::fs::write(&deed, "deed").unwrap();
    crate::accession::add_document(
        &mut a,
        &deed,
        crate::accession::DocumentKind::DeedOfGift,
        Origin::Cli,
    )
    .unwrap();
    let path = media::resolve_path(&a, &recording);
    (a, path, recording.id)
}

#[test]
fn an_unchanged_archive_is_clean_and_the_audit_is_an_event() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _, _) = archive_with_files(dir.path());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let job = JobContext::new(CancelFlag::default(), move |p| sink.lock().unwrap().push(p));
    let report = audit(&mut a, &job, Origin::Cli).unwrap();
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(report.checked, 2);
    let seen = seen.lock().unwrap();
    assert!(
        seen.iter().any(|p| matches!(
            p,
            Progress::Progress {
                done: 2,
                total: Some(2),
                ..
            }
        )),
        "progress reaches the end: {seen:?}"
    );
    let id = settings::get(a.conn(), ARCHIVE_ID)
        .unwrap()
        .expect("the archive has an id once audited");
    let history = provenance::history(&a, &id).unwrap();
    assert_eq!(history[0].event_type, EventType::FixityCheck);
}

#[test]
fn a_changed_byte_and_a_missing_file_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, path, media_id) = archive_with_files(dir.path());
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[1_000_000] ^= 1;
    std::fs::write(&path, &bytes).unwrap();
    let report = audit(&mut a, &JobContext::silent(), Origin::Cli).unwrap();
    assert_eq!(report.changed.len(), 1, "{report:?}");
    assert_eq!(report.changed[0].name, "tape 1.wav");
    assert_ne!(report.changed[0].expected, report.changed[0].actual);
    assert!(report.missing.is_empty());
    std::fs::remove_file(&path).unwrap();
    let report = audit(&mut a, &JobContext::silent(), Origin::Cli).unwrap();
    assert_eq!(
        report
            .missing
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>(),
        ["tape 1.wav"]
    );
    assert!(
        report.summary().contains("1 missing"),
        "{}",
        report.summary()
    );
    let history = provenance::history(&a, &media_id).unwrap();
    assert_eq!(
        history.len(),
        3,
        "the recording's addition and both findings are in its history"
    );
}

#[test]
fn a_cancelled_audit_stops_and_logs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _, _) = archive_with_files(dir.path());
    let flag = CancelFlag::default();
    let trigger = flag.clone();
    // Cancel as soon as hashing starts: the big recording must not be read through.
    let job = JobContext::new(flag, move |p| {
        if matches!(p, Progress::Progress { .. }) {
            trigger.cancel();
        }
    });
    assert!(matches!(
        audit(&mut a, &job, Origin::Cli),
        Err(Error::Cancelled)
    ));
    let audits: i64 = a
        .conn()
        .query_row(
            "SELECT count(*) FROM events WHERE event_type = 'fixity_check'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audits, 0, "a cancelled audit is not an audit");
}

#[test]
fn the_files_are_checked_on_a_read_connection_while_the_archive_is_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, path, _) = archive_with_files(dir.path());
    std::fs::remove_file(&path).unwrap();
    let reader = Archive::open_read_only(dir.path().join("a.db")).unwrap();
    let report = reader
        .snapshot(|r| check(r, &JobContext::silent()))
        .unwrap();
    assert_eq!(report.missing.len(), 1, "{report:?}");
    // The writer is free meanwhile: the check holds nothing of it.
    interview::create(
        &mut a,
        &InterviewInput {
            title: "Ivar Smilga".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let report = record(&mut a, report, Origin::Cli, &JobContext::silent()).unwrap();
    assert_eq!(report.checked, 2);
    let logged: i64 = a
        .conn()
        .query_row(
            "SELECT count(*) FROM events WHERE event_type = 'fixity_check'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 2, "the audit and the missing file are logged");
}
