//! Transcript storage on a real archive: import all or nothing, edit, revisions, alignment.

use super::*;
use crate::{
    interview::InterviewInput,
    jobs::CancelFlag,
    search::{self, HitKind, SearchQuery},
};

const SMILGA_VTT: &str = "WEBVTT

00:00:01.000 --> 00:00:04.500
<v Interviewer>When did you last see your father?

00:00:05.000 --> 00:00:09.000
<v Tatiana Smilga>In 1935, before he was arrested. He spoke with Trotsky often.

00:00:09.500 --> 00:00:12.000
<v Tatiana Smilga>Мы жили на Арбате, рядом с Троцким.
";

fn vtt_time(ms: u32) -> String {
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

fn archive_with_interview() -> (Archive, String) {
    let mut a = Archive::open_in_memory().unwrap();
    let i = interview::create(
        &mut a,
        &InterviewInput {
            title: "Tatiana Smilga".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    (a, i.id)
}

fn import_vtt(a: &mut Archive, interview_id: &str, text: &str) -> Result<ImportSummary> {
    import(
        a,
        interview_id,
        "smilga.vtt",
        text.as_bytes(),
        &ImportOptions::default(),
        &JobContext::silent(),
        Origin::Import,
    )
}

#[test]
fn an_imported_vtt_is_stored_in_order_with_speakers_and_times() {
    let (mut a, interview_id) = archive_with_interview();
    let summary = import_vtt(&mut a, &interview_id, SMILGA_VTT).unwrap();
    assert_eq!(summary.transcript.segment_count, 3);
    assert_eq!(summary.transcript.source_format, "vtt");
    let segments = segments(&a, &summary.transcript.id).unwrap();
    assert_eq!(segments[1].speaker_label, "Tatiana Smilga");
    assert_eq!(
        (segments[1].start_ms, segments[1].end_ms),
        (Some(5000), Some(9000))
    );
    assert_eq!(list(&a, &interview_id).unwrap().len(), 1);
}

#[test]
fn an_imported_vtt_exports_back_with_the_same_cues_and_times() {
    let (mut a, interview_id) = archive_with_interview();
    let summary = import_vtt(&mut a, &interview_id, SMILGA_VTT).unwrap();
    let exported = export(&a, &summary.transcript.id, Format::Vtt).unwrap();
    let again = formats::parse("again.vtt", exported.as_bytes(), Format::Vtt, None).unwrap();
    let original = formats::parse("smilga.vtt", SMILGA_VTT.as_bytes(), Format::Vtt, None).unwrap();
    let cues = |p: &ParsedTranscript| {
        p.segments
            .iter()
            .map(|s| (s.start_ms, s.end_ms, s.speaker.clone(), s.text.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(cues(&again), cues(&original));
}

#[test]
fn a_malformed_file_changes_nothing_and_names_file_and_line() {
    let (mut a, interview_id) = archive_with_interview();
    let broken = "Fine.\n\n00:00:05.000 --> 00:00:06.000\nno WEBVTT header above\n";
    let err = import_vtt(&mut a, &interview_id, broken)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("smilga.vtt") && err.contains("line 1"),
        "{err}"
    );
    assert!(
        list(&a, &interview_id).unwrap().is_empty(),
        "all or nothing"
    );
    let segments: i64 = a
        .conn()
        .query_row("SELECT count(*) FROM segments", [], |r| r.get(0))
        .unwrap();
    assert_eq!(segments, 0);
}

#[test]
fn a_bad_cue_is_skipped_and_reported_with_its_line_while_the_rest_is_stored() {
    let (mut a, interview_id) = archive_with_interview();
    let file = "WEBVTT\n\n00:00:01.000 --> 00:00:04.500\nFine.\n\n00:00:05.000 --> 00:00:60.000\nBroken.\n\n\
                00:00:09.000 --> 00:00:08.000\nBackwards.\n";
    let preview = preview(
        "smilga.vtt",
        file.as_bytes(),
        &ImportOptions::default(),
        &JobContext::silent(),
    )
    .unwrap();
    assert_eq!(preview.segment_count, 2);
    assert_eq!(
        preview.issue_summary.as_deref(),
        Some("1 cue could not be read: line 6; 1 block was corrected: line 9; 2 imported")
    );
    assert!(
        list(&a, &interview_id).unwrap().is_empty(),
        "a preview stores nothing"
    );
    let summary = import(
        &mut a,
        &interview_id,
        "smilga.vtt",
        file.as_bytes(),
        &ImportOptions {
            previewed_sha256: Some(preview.sha256.clone()),
            ..Default::default()
        },
        &JobContext::silent(),
        Origin::Import,
    )
    .unwrap();
    assert_eq!(summary.transcript.segment_count, 2);
    assert_eq!(summary.issues, preview.issues);
    let stored = segments(&a, &summary.transcript.id).unwrap();
    assert_eq!(
        stored
            .iter()
            .map(|s| (s.start_ms, s.end_ms, s.text.as_str()))
            .collect::<Vec<_>>(),
        [
            (Some(1000), Some(4500), "Fine."),
            (Some(9000), Some(9000), "Backwards.")
        ]
    );
}

#[test]
fn a_file_changed_since_its_preview_is_not_imported() {
    let (mut a, interview_id) = archive_with_interview();
    let preview = preview(
        "smilga.vtt",
        SMILGA_VTT.as_bytes(),
        &ImportOptions::default(),
        &JobContext::silent(),
    )
    .unwrap();
    let changed = SMILGA_VTT.replace("1935", "1936");
    let err = import(
        &mut a,
        &interview_id,
        "smilga.vtt",
        changed.as_bytes(),
        &ImportOptions {
            previewed_sha256: Some(preview.sha256),
            ..Default::default()
        },
        &JobContext::silent(),
        Origin::Import,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("changed since it was previewed"),
        "{err}"
    );
    assert!(list(&a, &interview_id).unwrap().is_empty());
}

#[test]
fn a_cancelled_import_leaves_nothing() {
    let (mut a, interview_id) = archive_with_interview();
    let flag = CancelFlag::default();
    let canceller = flag.clone();
    // Cancel as soon as storing begins: the parse has finished and the transaction is open.
    let job = JobContext::new(flag, move |p| {
        if matches!(&p, Progress::Progress { phase, .. } if phase == "storing segments") {
            canceller.cancel();
        }
    });
    let mut big = String::from("WEBVTT\n\n");
    for n in 0..5000u32 {
        big.push_str(&format!(
            "{} --> {}\nSegment {n}\n\n",
            vtt_time(n * 1000),
            vtt_time(n * 1000 + 900)
        ));
    }
    let err = import(
        &mut a,
        &interview_id,
        "big.vtt",
        big.as_bytes(),
        &ImportOptions::default(),
        &job,
        Origin::Import,
    )
    .unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err}");
    let segments: i64 = a
        .conn()
        .query_row("SELECT count(*) FROM segments", [], |r| r.get(0))
        .unwrap();
    assert_eq!(segments, 0, "nothing of a cancelled import is kept");
    assert!(list(&a, &interview_id).unwrap().is_empty());
}

#[test]
fn an_import_into_an_unknown_interview_is_refused() {
    let (mut a, _) = archive_with_interview();
    let err = import_vtt(&mut a, &crate::ids::new_id(), SMILGA_VTT).unwrap_err();
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
}

#[test]
fn split_merge_and_sync_keep_order_and_times() {
    let (mut a, interview_id) = archive_with_interview();
    let t = import_vtt(&mut a, &interview_id, SMILGA_VTT)
        .unwrap()
        .transcript;
    let second = segments(&a, &t.id).unwrap()[1].clone();
    let (first_half, second_half) =
        split_segment(&mut a, &second.id, 32, Some(7000), Origin::Window).unwrap();
    assert_eq!(first_half.text, "In 1935, before he was arrested.");
    assert_eq!(second_half.text, "He spoke with Trotsky often.");
    assert_eq!(
        (first_half.end_ms, second_half.start_ms, second_half.end_ms),
        (Some(7000), Some(7000), Some(9000))
    );
    let all = segments(&a, &t.id).unwrap();
    assert_eq!(
        all.iter().map(|s| s.position).collect::<Vec<_>>(),
        [0, 1, 2, 3],
        "positions stay dense"
    );
    assert_eq!(all[2].id, second_half.id);

    let merged = merge_with_next(&mut a, &first_half.id, Origin::Window).unwrap();
    assert_eq!(
        merged.text,
        "In 1935, before he was arrested. He spoke with Trotsky often."
    );
    assert_eq!((merged.start_ms, merged.end_ms), (Some(5000), Some(9000)));
    assert_eq!(segments(&a, &t.id).unwrap().len(), 3);

    let Stamp::Stamped { segment: synced } =
        sync_start(&mut a, &merged.id, 5200, StampOrder::Check, Origin::Window).unwrap()
    else {
        panic!("5.2 s is after 1 s and the last segment: in order");
    };
    assert_eq!(synced.start_ms, Some(5200));
    let err = update_segment(
        &mut a,
        &merged.id,
        &SegmentInput {
            start_ms: Some(9000),
            end_ms: Some(1000),
            text: "x".into(),
            ..Default::default()
        },
        Origin::Window,
    )
    .unwrap_err();
    assert!(err.to_string().contains("ends"), "{err}");
}

#[test]
fn editing_a_segment_reindexes_it_for_search() {
    let (mut a, interview_id) = archive_with_interview();
    let t = import_vtt(&mut a, &interview_id, SMILGA_VTT)
        .unwrap()
        .transcript;
    let first = segments(&a, &t.id).unwrap()[0].clone();
    let find = |a: &Archive, q: &str| {
        search::search(
            a,
            &SearchQuery {
                text: q.into(),
                ..Default::default()
            },
        )
        .unwrap()
    };
    assert!(find(&a, "Preobrazhensky").is_empty());
    update_segment(
        &mut a,
        &first.id,
        &SegmentInput {
            text: "Did you know Preobrazhensky?".into(),
            ..SegmentInput::from(&first)
        },
        Origin::Window,
    )
    .unwrap();
    let hits = find(&a, "Preobrazhensky");
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].kind, hits[0].start_ms),
        (HitKind::Segment, Some(1000))
    );
    assert!(
        find(&a, "father").is_empty(),
        "the old text is gone from the index"
    );
}

#[test]
fn revisions_show_what_the_narrator_corrected() {
    let (mut a, interview_id) = archive_with_interview();
    let t = import_vtt(&mut a, &interview_id, SMILGA_VTT)
        .unwrap()
        .transcript;
    let as_transcribed = revision::save(&mut a, &t.id, "as transcribed", Origin::Window).unwrap();
    assert_eq!(as_transcribed.segment_count, 3);
    let segs = segments(&a, &t.id).unwrap();
    update_segment(
        &mut a,
        &segs[1].id,
        &SegmentInput {
            text: "In 1936, before he was arrested.".into(),
            ..SegmentInput::from(&segs[1])
        },
        Origin::Window,
    )
    .unwrap();
    merge_with_next(&mut a, &segs[1].id, Origin::Window).unwrap();
    let reviewed = revision::save(&mut a, &t.id, "narrator-reviewed", Origin::Window).unwrap();

    let changes = revision::diff(&a, &as_transcribed.id, Some(&reviewed.id)).unwrap();
    let kinds: Vec<&str> = changes
        .iter()
        .map(|c| match c {
            revision::SegmentChange::Same { .. } => "same",
            revision::SegmentChange::Added { .. } => "added",
            revision::SegmentChange::Removed { .. } => "removed",
            revision::SegmentChange::Changed { .. } => "changed",
        })
        .collect();
    assert_eq!(kinds, ["same", "changed", "removed"]);
    assert_eq!(revision::list(&a, &t.id).unwrap().len(), 2);
    assert!(revision::diff(&a, &reviewed.id, None)
        .unwrap()
        .iter()
        .all(|c| matches!(c, revision::SegmentChange::Same { .. })));
}

#[test]
fn a_translation_aligns_beside_its_original_by_time() {
    let (mut a, interview_id) = archive_with_interview();
    let ru = import(&mut a, &interview_id, "ru.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nПривет.\n\n00:00:05.000 --> 00:00:08.000\nМы жили в Москве.\n".as_bytes(), &ImportOptions { language: Some("ru".into()), ..Default::default() }, &JobContext::silent(), Origin::Import).unwrap().transcript;
    let en = import(&mut a, &interview_id, "en.vtt", "WEBVTT\n\n00:00:01.200 --> 00:00:04.000\nHello.\n\n00:00:05.100 --> 00:00:08.000\nWe lived in Moscow.\n\n00:00:09.000 --> 00:00:10.000\n[pause]\n".as_bytes(), &ImportOptions { language: Some("en".into()), ..Default::default() }, &JobContext::silent(), Origin::Import).unwrap().transcript;
    let rows = align(&a, &ru.id, &en.id).unwrap();
    let pairs: Vec<(Option<&str>, Option<&str>)> = rows
        .iter()
        .map(|r| {
            (
                r.left.as_ref().map(|s| s.text.as_str()),
                r.right.as_ref().map(|s| s.text.as_str()),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            (Some("Привет."), Some("Hello.")),
            (Some("Мы жили в Москве."), Some("We lived in Moscow.")),
            (None, Some("[pause]"))
        ]
    );
}

#[test]
fn a_transcript_without_times_is_searchable() {
    let (mut a, interview_id) = archive_with_interview();
    let text = "Q: Where did you live?\n\nA: On the Arbat, near the Serebryakovs.\n";
    let t = import(
        &mut a,
        &interview_id,
        "typed.txt",
        text.as_bytes(),
        &ImportOptions::default(),
        &JobContext::silent(),
        Origin::Import,
    )
    .unwrap()
    .transcript;
    assert!(segments(&a, &t.id)
        .unwrap()
        .iter()
        .all(|s| s.start_ms.is_none()));
    let hits = search::search(
        &a,
        &SearchQuery {
            text: "Serebryakovs".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].start_ms, None);
}

/// Ctrl+J once stamped a time earlier than the segment before's without a word.
#[test]
fn a_stamp_out_of_time_order_is_refused_with_why_until_kept_or_moved_into_order() {
    let (mut a, interview_id) = archive_with_interview();
    let t = import_vtt(&mut a, &interview_id, SMILGA_VTT)
        .unwrap()
        .transcript;
    let all = segments(&a, &t.id).unwrap();
    let starts = |a: &Archive| {
        segments(a, &t.id)
            .unwrap()
            .iter()
            .map(|s| (s.start_ms, s.text.chars().take(4).collect::<String>()))
            .collect::<Vec<_>>()
    };
    let before = starts(&a);

    // 0:00.5 for the third segment: earlier than the second's 0:05, and the first's 0:01.
    let Stamp::OutOfOrder { order } =
        sync_start(&mut a, &all[2].id, 500, StampOrder::Check, Origin::Window).unwrap()
    else {
        panic!("a time earlier than the segment before's is not stamped without a word");
    };
    assert!(order.earlier);
    assert_eq!(order.neighbour.id, all[1].id, "the segment before it");
    assert_eq!(order.position_in_time, 0, "it belongs before 0:01");
    assert_eq!(
        order.message,
        "0:00.5 is earlier than the start of the segment before it (0:05, “In 1935, before he was arrested. He spok…”): stamped here, the transcript would no longer run in time order"
    );
    assert_eq!(starts(&a), before, "nothing was written");

    // Later than the next segment's start.
    let Stamp::OutOfOrder { order } =
        sync_start(&mut a, &all[0].id, 9_600, StampOrder::Check, Origin::Window).unwrap()
    else {
        panic!("a time later than the segment after's is not stamped without a word");
    };
    assert!(!order.earlier);
    assert_eq!(order.neighbour.id, all[1].id, "the segment after it");
    assert_eq!(order.position_in_time, 2, "it belongs after 0:09.5");
    assert!(
        order
            .message
            .starts_with("0:09.6 is later than the start of the segment after it (0:05"),
        "{}",
        order.message
    );

    // Equal times, and times between the neighbours, are in order.
    for at in [5_000, 9_500, 7_000] {
        assert!(
            matches!(
                sync_start(&mut a, &all[1].id, at, StampOrder::Check, Origin::Window).unwrap(),
                Stamp::Stamped { .. }
            ),
            "{at} is in order"
        );
    }

    // Kept where it is, out of order.
    let Stamp::Stamped { segment } =
        sync_start(&mut a, &all[2].id, 500, StampOrder::Keep, Origin::Window).unwrap()
    else {
        panic!("kept");
    };
    assert_eq!((segment.position, segment.start_ms), (2, Some(500)));

    // Moved to its place in time, in one step; and moved back.
    let Stamp::Stamped { segment } =
        sync_start(&mut a, &all[2].id, 300, StampOrder::Reorder, Origin::Window).unwrap()
    else {
        panic!("moved");
    };
    assert_eq!(
        (segment.position, segment.start_ms, segment.end_ms),
        (0, Some(300), Some(12_000))
    );
    assert_eq!(
        starts(&a),
        [
            (Some(300), "Мы ж".to_string()),
            (Some(1000), "When".to_string()),
            (Some(7000), "In 1".to_string())
        ]
    );
    let positions: Vec<u32> = segments(&a, &t.id)
        .unwrap()
        .iter()
        .map(|s| s.position)
        .collect();
    assert_eq!(positions, [0, 1, 2], "positions stay dense");

    let back = move_segment(&mut a, &all[2].id, 2, Origin::Window).unwrap();
    assert_eq!(back.position, 2);
    assert_eq!(segments(&a, &t.id).unwrap()[2].id, all[2].id);
    assert_eq!(segments(&a, &t.id).unwrap()[0].id, all[0].id);
    let err = move_segment(&mut a, &all[2].id, 3, Origin::Window).unwrap_err();
    assert!(err.to_string().contains("places 0 to 2"), "{err}");
}

#[test]
fn an_untimed_segment_between_is_passed_over_when_a_stamp_is_checked() {
    let (mut a, interview_id) = archive_with_interview();
    let t = import(
        &mut a,
        &interview_id,
        "plain.txt",
        "One.\n\nTwo.\n\nThree.\n".as_bytes(),
        &ImportOptions::default(),
        &JobContext::silent(),
        Origin::Import,
    )
    .unwrap()
    .transcript;
    let all = segments(&a, &t.id).unwrap();
    assert!(
        all.iter().all(|s| s.start_ms.is_none()),
        "a text file has no times"
    );
    assert!(matches!(
        sync_start(&mut a, &all[0].id, 4000, StampOrder::Check, Origin::Window).unwrap(),
        Stamp::Stamped { .. }
    ));
    // The middle one is untimed: the third is checked against the first.
    let Stamp::OutOfOrder { order } =
        sync_start(&mut a, &all[2].id, 3000, StampOrder::Check, Origin::Window).unwrap()
    else {
        panic!("3 s is earlier than the first segment's 4 s");
    };
    assert_eq!(order.neighbour.id, all[0].id);
    assert_eq!(order.position_in_time, 0);
}
