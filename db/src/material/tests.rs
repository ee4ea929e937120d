use rusqlite::params;

use super::*;
use crate::{
    generate::{self, GenerateOptions},
    ids,
    jobs::JobContext,
    transcript::formats::ParsedIndexPoint,
};

/// An archive of three generated interviews, the first with two index points and a recording.
fn archive() -> (Archive, Vec<String>) {
    let mut a = Archive::open_in_memory().unwrap();
    generate::generate(
        &mut a,
        &GenerateOptions {
            interviews: 3,
            segments_per_interview: 4,
            seed: 3,
        },
        &JobContext::silent(),
    )
    .unwrap();
    let ids: Vec<String> = interview::list(&a, &Default::default())
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    let key = interview::key(a.conn(), &ids[0]).unwrap();
    for (time_ms, title) in [(9_000, "later"), (1_000, "earlier")] {
        a.write(|w| {
            transcript::index::insert(
                w,
                key,
                &ParsedIndexPoint {
                    time_ms,
                    title: title.into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    }
    a.write(|w| {
        w.execute(
            "INSERT INTO media (uuid, interview_id, position, kind, storage, path, sha256, size_bytes, mime_type, duration_ms, created_at, updated_at)
             VALUES (?1, ?2, 0, 'audio', 'managed', 'x.wav', ?3, 1, 'audio/wav', 61000, 'x', 'x')",
            params![ids::new_id(), key, "0".repeat(64)],
        )?;
        Ok(())
    })
    .unwrap();
    (a, ids)
}

/// What the one-record readers say of an interview.
fn one_by_one(a: &Archive, id: &str) -> Material {
    Material {
        interview: interview::get(a, id).unwrap(),
        transcripts: transcript::list(a, id)
            .unwrap()
            .into_iter()
            .map(|t| {
                let segments = transcript::segments(a, &t.id).unwrap();
                (t, segments)
            })
            .collect(),
        index_points: transcript::index::list(a, id).unwrap(),
        recordings: media::list(a, id)
            .unwrap()
            .into_iter()
            .map(|m| {
                let path = media::resolve_path(a, &m);
                (m, path)
            })
            .collect(),
    }
}

#[test]
fn many_interviews_read_at_once_are_what_each_reads_alone_in_the_order_asked() {
    let (a, mut ids) = archive();
    ids.reverse();
    let read = read(&a, &ids).unwrap();
    assert_eq!(read.len(), 3);
    for (m, id) in read.iter().zip(&ids) {
        assert_eq!(m, &one_by_one(&a, id));
        assert!(!m.transcripts.is_empty() && !m.transcripts[0].1.is_empty());
    }
    let with_points = read.iter().find(|m| !m.index_points.is_empty()).unwrap();
    let titles: Vec<&str> = with_points
        .index_points
        .iter()
        .map(|p| p.title.as_str())
        .collect();
    assert_eq!(titles, ["earlier", "later"]);
    assert_eq!(with_points.recordings.len(), 1);
    assert_eq!(with_points.end_ms(), Some(61_000));
}

#[test]
fn an_unknown_interview_is_not_found_and_one_asked_twice_comes_twice() {
    let (a, ids) = archive();
    let missing = ids::new_id();
    assert!(matches!(
        read(&a, &[ids[0].clone(), missing]),
        Err(crate::Error::NotFound { .. })
    ));
    let twice = read(&a, &[ids[1].clone(), ids[1].clone()]).unwrap();
    assert_eq!(twice[0], twice[1]);
    assert_eq!(of(&a, &ids[2]).unwrap(), one_by_one(&a, &ids[2]));
}
