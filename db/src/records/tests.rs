use super::*;
use crate::{
    interview::{self, InterviewInput},
    jobs::JobContext,
    transcript::{self, ImportOptions},
    Origin,
};

fn archive_with_transcript() -> (Archive, String, String, Vec<String>) {
    let mut a = Archive::open_in_memory().unwrap();
    let i = interview::create(
        &mut a,
        &InterviewInput {
            title: "Zorya Serebryakova".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\none\n\n00:00:03.000 --> 00:00:04.000\ntwo\n\n00:00:05.000 --> 00:00:06.000\nthree\n";
    let t = transcript::import(
        &mut a,
        &i.id,
        "z.vtt",
        vtt.as_bytes(),
        &ImportOptions::default(),
        &JobContext::silent(),
        Origin::Import,
    )
    .unwrap()
    .transcript;
    let segments = transcript::segments(&a, &t.id)
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    (a, i.id, t.id, segments)
}

#[test]
fn a_bare_id_resolves_to_its_kind_and_a_segment_to_a_span() {
    let (a, interview_id, transcript_id, segments) = archive_with_transcript();
    assert_eq!(
        resolve(&a, &interview_id.to_uppercase()).unwrap(),
        RecordRef::new(RecordKind::Interview, interview_id.clone())
    );
    assert_eq!(
        resolve(&a, &transcript_id).unwrap().kind,
        RecordKind::Transcript
    );
    let target = resolve_target(&a, &segments[0], Some(&segments[1])).unwrap();
    assert!(
        matches!(&target, Target::Span(s) if s.transcript_id == transcript_id),
        "{target:?}"
    );
    assert!(matches!(
        resolve(&a, &ids::new_id()),
        Err(Error::NotFound { .. })
    ));
    assert!(
        resolve_target(&a, &segments[2], Some(&segments[0])).is_err(),
        "a span cannot run backwards"
    );
}

#[test]
fn a_record_is_located_in_the_interview_or_photo_that_holds_it() {
    let (mut a, interview_id, transcript_id, segments) = archive_with_transcript();
    let span = Target::Span(SpanRef {
        transcript_id: transcript_id.clone(),
        first_segment_id: segments[1].clone(),
        last_segment_id: segments[2].clone(),
    });
    assert_eq!(
        locate(a.conn(), &span).unwrap(),
        Some(Location {
            interview_id: Some(interview_id.clone()),
            transcript_id: Some(transcript_id.clone()),
            segment_id: Some(segments[1].clone()),
            at_ms: Some(3000),
            photo_id: None,
        })
    );
    let key = crate::interview::key(a.conn(), &interview_id).unwrap();
    let point = a
        .write(|w| {
            crate::transcript::index::insert(
                w,
                key,
                &crate::transcript::formats::ParsedIndexPoint {
                    time_ms: 42_000,
                    title: "The Kremlin".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let at_point = locate(a.conn(), &Target::record(RecordKind::IndexPoint, point))
        .unwrap()
        .unwrap();
    assert_eq!(
        (at_point.interview_id.as_deref(), at_point.at_ms),
        (Some(interview_id.as_str()), Some(42_000))
    );

    let dir = tempfile::tempdir().unwrap();
    let mut sample = Archive::open(dir.path().join("sample.db")).unwrap();
    crate::sample::build(&mut sample).unwrap();
    let photo = crate::photo::list(&sample, &Default::default())
        .unwrap()
        .remove(0);
    let region = crate::photo::region::regions(&sample, &photo.id)
        .unwrap()
        .remove(0);
    let in_photo = locate(
        sample.conn(),
        &Target::record(RecordKind::Region, region.id),
    )
    .unwrap()
    .unwrap();
    assert_eq!(in_photo.photo_id, Some(photo.id));
    assert_eq!(
        locate(
            sample.conn(),
            &Target::record(RecordKind::Region, ids::new_id())
        )
        .unwrap(),
        None,
        "a region gone has no place"
    );
}

#[test]
fn a_photo_that_does_not_exist_is_not_found() {
    let (a, ..) = archive_with_transcript();
    let err = check(a.conn(), &Target::record(RecordKind::Photo, ids::new_id())).unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
}

#[test]
fn spans_keep_their_words_through_splits_and_merges() {
    let (mut a, _, transcript_id, segments) = archive_with_transcript();
    let span = SpanRef {
        transcript_id: transcript_id.clone(),
        first_segment_id: segments[0].clone(),
        last_segment_id: segments[1].clone(),
    };
    a.write(|w| {
            w.execute(
                "INSERT INTO restrictions (uuid, target_kind, target_uuid, first_segment_uuid, last_segment_uuid, action, level, layer, created_at, updated_at)
                 VALUES (?1, 'span', ?2, ?3, ?4, 'seal', 'closed', 'all', 'x', 'x')",
                params![ids::new_id(), span.transcript_id, span.first_segment_id, span.last_segment_id],
            )?;
            Ok(())
        })
        .unwrap();
    let stored = |a: &Archive| -> SpanRef {
        a.conn()
            .query_row(
                "SELECT target_uuid, first_segment_uuid, last_segment_uuid FROM restrictions",
                [],
                |r| {
                    Ok(SpanRef {
                        transcript_id: r.get(0)?,
                        first_segment_id: r.get(1)?,
                        last_segment_id: r.get(2)?,
                    })
                },
            )
            .unwrap()
    };
    let (_, second_half) =
        transcript::split_segment(&mut a, &segments[1], 1, None, Origin::Window).unwrap();
    let after_split = stored(&a);
    assert_eq!(
        after_split.last_segment_id, second_half.id,
        "the span grows to cover the split-off words"
    );
    assert_eq!(
        span_positions(a.conn(), &after_split).unwrap(),
        Some((0, 2))
    );
    transcript::merge_with_next(&mut a, &segments[0], Origin::Window).unwrap();
    transcript::merge_with_next(&mut a, &segments[0], Origin::Window).unwrap();
    let after_merge = stored(&a);
    assert_eq!(
        (
            after_merge.first_segment_id.as_str(),
            after_merge.last_segment_id.as_str()
        ),
        (segments[0].as_str(), segments[0].as_str())
    );
    assert_eq!(
        span_positions(a.conn(), &after_merge).unwrap(),
        Some((0, 0))
    );
    assert!(title(a.conn(), &Target::Span(after_merge))
        .unwrap()
        .contains("0:00:01.000"));
}

#[test]
fn deleting_a_record_removes_what_pointed_at_it() {
    let (mut a, interview_id, transcript_id, _) = archive_with_transcript();
    a.write(|w| {
            for target in [&interview_id, &transcript_id] {
                w.execute(
                    "INSERT INTO restrictions (uuid, target_kind, target_uuid, action, level, layer, created_at, updated_at)
                     VALUES (?1, 'interview', ?2, 'restrict', 'closed', 'all', 'x', 'x')",
                    params![ids::new_id(), target],
                )?;
            }
            Ok(())
        })
        .unwrap();
    interview::delete(&mut a, &interview_id, Origin::Cli).unwrap();
    let left: i64 = a
        .conn()
        .query_row("SELECT count(*) FROM restrictions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        left, 0,
        "the interview's and its cascaded transcript's restrictions went with them"
    );
}
