//! Recognized and aligned transcripts on a real archive file: stored all or nothing, words that
//! follow their text, what is kept to check, and how it was made in the history.

use super::*;
use crate::{
    interview::InterviewInput,
    jobs::JobContext,
    media::AddMediaOptions,
    transcript::{self, formats::Format, ImportOptions},
};

struct Fixture {
    _dir: tempfile::TempDir,
    archive: Archive,
    interview: String,
    recording: String,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::open(dir.path().join("a.recollect")).unwrap();
    let interview = interview::create(
        &mut archive,
        &InterviewInput {
            title: "Tatiana Smilga".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap()
    .id;
    let data_len = 2 * 8000 * 2;
    let mut wav = media::pcm16_wav_header(8000, 1, data_len);
    wav.extend((0..data_len).map(|n| (n % 251) as u8));
    let file = dir.path().join("tape 1.wav");
    std::fs::write(&file, wav).unwrap();
    let recording = media::add(
        &mut archive,
        &interview,
        &file,
        &AddMediaOptions::default(),
        &JobContext::silent(),
        Origin::Cli,
    )
    .unwrap()
    .id;
    Fixture {
        _dir: dir,
        archive,
        interview,
        recording,
    }
}

fn made_by() -> MadeBy {
    MadeBy {
        engine: "CTranslate2 (Whisper)".into(),
        model: "whisper-base".into(),
        model_sha256: "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57".into(),
        settings: [("language".to_string(), "en".to_string())].into(),
        language: Some(HeardLanguage {
            code: "en".into(),
            detected: false,
        }),
    }
}

fn word(text: &str, start_ms: u32, probability: f32) -> HeardWord {
    HeardWord {
        text: text.into(),
        start_ms,
        end_ms: start_ms + 300,
        probability,
    }
}

fn recognized(recording: &str) -> Recognized {
    Recognized {
        media_id: recording.into(),
        language: "en".into(),
        label: String::new(),
        segments: vec![
            HeardSegment {
                start_ms: 500,
                end_ms: 1400,
                text: "We lived there.".into(),
                words: vec![
                    word("We", 500, 0.95),
                    word("lived", 800, 0.9),
                    word("there.", 1100, 0.92),
                ],
            },
            HeardSegment {
                start_ms: 2000,
                end_ms: 2600,
                text: "Serebryakov came.".into(),
                words: vec![word("Serebryakov", 2000, 0.31), word("came.", 2300, 0.4)],
            },
        ],
        not_speech: vec![Stretch {
            start_ms: 30_000,
            end_ms: 60_000,
            heard: "Thank you. Thank you. Thank you. Thank you.".into(),
        }],
        made_by: made_by(),
    }
}

#[test]
fn a_recognized_transcript_keeps_its_words_what_to_check_and_how_it_was_made() {
    let mut f = fixture();
    let stored = store_recognized(
        &mut f.archive,
        &f.interview,
        &recognized(&f.recording),
        Origin::Cli,
    )
    .unwrap();
    assert_eq!(stored.segment_count, 2);
    assert_eq!(stored.language, "en");
    assert_eq!(stored.source_format, "recognized");
    assert_eq!(stored.label, "Recognized from tape 1.wav");
    let segments = transcript::segments(&f.archive, &stored.id).unwrap();
    assert_eq!(segments[1].text, "Serebryakov came.");
    assert_eq!(
        (segments[1].start_ms, segments[1].end_ms),
        (Some(2000), Some(2600))
    );

    let speech = speech_of(&f.archive, &stored.id).unwrap();
    assert_eq!(speech.made_by, Some(made_by()));
    assert_eq!(speech.words.len(), 2);
    assert_eq!(speech.words[0].segment_id, segments[0].id);
    assert_eq!(speech.words[0].words.len(), 3);
    assert!(!speech.words[0].low_confidence);
    assert!(speech.words[1].low_confidence, "{:?}", speech.words[1]);
    assert_eq!(speech.checks.len(), 1);
    assert_eq!(speech.checks[0].kind, CheckKind::NotSpeech);
    assert_eq!(speech.checks[0].start_ms, Some(30_000));

    // The loop is never a segment, nor searchable as speech.
    assert!(segments.iter().all(|s| !s.text.contains("Thank you")));
    let history = provenance::history(&f.archive, &stored.id).unwrap();
    let after: serde_json::Value =
        serde_json::from_str(history[0].after.as_deref().unwrap()).unwrap();
    assert_eq!(after["made_by"]["model_sha256"], made_by().model_sha256);
    assert_eq!(after["recording_id"], f.recording.as_str());
}

#[test]
fn editing_a_segments_text_drops_its_words_and_times_alone_keep_them() {
    let mut f = fixture();
    let stored = store_recognized(
        &mut f.archive,
        &f.interview,
        &recognized(&f.recording),
        Origin::Cli,
    )
    .unwrap();
    let segments = transcript::segments(&f.archive, &stored.id).unwrap();
    let mut input = transcript::SegmentInput::from(&segments[0]);
    input.end_ms = Some(1500);
    transcript::update_segment(&mut f.archive, &segments[0].id, &input, Origin::Cli).unwrap();
    assert_eq!(speech_of(&f.archive, &stored.id).unwrap().words.len(), 2);
    input.text = "We lived there, by the river.".into();
    transcript::update_segment(&mut f.archive, &segments[0].id, &input, Origin::Cli).unwrap();
    let speech = speech_of(&f.archive, &stored.id).unwrap();
    assert_eq!(speech.words.len(), 1);
    assert_eq!(speech.words[0].segment_id, segments[1].id);
}

#[test]
fn a_recording_of_another_interview_or_a_bad_language_stores_nothing() {
    let mut f = fixture();
    let other = interview::create(
        &mut f.archive,
        &InterviewInput {
            title: "Another".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let err = store_recognized(
        &mut f.archive,
        &other.id,
        &recognized(&f.recording),
        Origin::Cli,
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("not a recording of this interview"),
        "{err}"
    );
    let mut bad = recognized(&f.recording);
    bad.language = "english please".into();
    assert!(store_recognized(&mut f.archive, &f.interview, &bad, Origin::Cli).is_err());
    for table in [
        "transcripts",
        "segments",
        "segment_words",
        "transcript_checks",
    ] {
        let rows: i64 = f
            .archive
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 0, "{table}");
    }
}

fn typed(f: &mut Fixture) -> Transcript {
    transcript::import(
        &mut f.archive,
        &f.interview,
        "typed.txt",
        "We lived there.\n\nSerebryakov came.\n\nNobody said this.\n".as_bytes(),
        &ImportOptions {
            format: Some(Format::Text),
            ..Default::default()
        },
        &JobContext::silent(),
        Origin::Cli,
    )
    .unwrap()
    .transcript
}

#[test]
fn an_alignment_saves_the_revision_before_it_times_the_segments_and_lists_what_it_could_not_place()
{
    let mut f = fixture();
    let t = typed(&mut f);
    let segments = transcript::segments(&f.archive, &t.id).unwrap();
    assert_eq!(segments.len(), 3);
    assert!(segments.iter().all(|s| s.start_ms.is_none()));
    let alignment = Alignment {
        media_id: f.recording.clone(),
        method: "recognized words".into(),
        placements: vec![
            Placement {
                segment_id: segments[0].id.clone(),
                start_ms: Some(500),
                end_ms: Some(1400),
            },
            Placement {
                segment_id: segments[1].id.clone(),
                start_ms: Some(2000),
                end_ms: Some(2600),
            },
            Placement {
                segment_id: segments[2].id.clone(),
                start_ms: None,
                end_ms: None,
            },
        ],
        speech_not_in_text: vec![Stretch {
            start_ms: 3000,
            end_ms: 5000,
            heard: "and then we left".into(),
        }],
        made_by: made_by(),
    };
    let stored = store_alignment(&mut f.archive, &t.id, &alignment, Origin::Cli).unwrap();
    assert_eq!(stored.placed, 2);
    assert_eq!(stored.not_placed.len(), 1);
    assert_eq!(stored.not_placed[0].text, "Nobody said this.");
    assert_eq!(stored.revision.name, "before alignment");
    let timed = transcript::segments(&f.archive, &t.id).unwrap();
    assert_eq!(timed[1].start_ms, Some(2000));
    assert_eq!(timed[2].start_ms, None);
    assert_eq!(
        timed.iter().map(|s| &s.text).collect::<Vec<_>>(),
        segments.iter().map(|s| &s.text).collect::<Vec<_>>(),
        "nothing of the typed text changes"
    );
    let diff = revision::diff(&f.archive, &stored.revision.id, None).unwrap();
    assert_eq!(
        diff.iter()
            .filter(|c| matches!(c, revision::SegmentChange::Changed { .. }))
            .count(),
        2,
        "the revision holds the segments as they were"
    );
    let speech = speech_of(&f.archive, &t.id).unwrap();
    assert_eq!(speech.made_by.unwrap().model, "whisper-base");
    let kinds: Vec<CheckKind> = speech.checks.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [CheckKind::SpeechNotInText, CheckKind::NotPlaced]);
    assert_eq!(
        speech.checks[1].segment_id.as_deref(),
        Some(segments[2].id.as_str())
    );

    // Aligned again, what the first alignment left to check is replaced.
    let mut again = alignment.clone();
    again.placements[2].start_ms = Some(6000);
    again.placements[2].end_ms = Some(7000);
    again.speech_not_in_text.clear();
    store_alignment(&mut f.archive, &t.id, &again, Origin::Cli).unwrap();
    assert!(speech_of(&f.archive, &t.id).unwrap().checks.is_empty());
}

#[test]
fn an_alignment_of_segments_that_changed_meanwhile_is_refused_and_changes_nothing() {
    let mut f = fixture();
    let t = typed(&mut f);
    let segments = transcript::segments(&f.archive, &t.id).unwrap();
    let alignment = Alignment {
        media_id: f.recording.clone(),
        method: "pauses".into(),
        placements: segments[..2]
            .iter()
            .map(|s| Placement {
                segment_id: s.id.clone(),
                start_ms: Some(0),
                end_ms: Some(10),
            })
            .collect(),
        speech_not_in_text: Vec::new(),
        made_by: made_by(),
    };
    let err = store_alignment(&mut f.archive, &t.id, &alignment, Origin::Cli).unwrap_err();
    assert!(err.to_string().contains("align it again"), "{err}");
    assert!(revision::list(&f.archive, &t.id).unwrap().is_empty());
    assert!(transcript::segments(&f.archive, &t.id)
        .unwrap()
        .iter()
        .all(|s| s.start_ms.is_none()));
}

/// Every file under `dir`, as text where it is text.
fn text_under(dir: &std::path::Path) -> String {
    let mut text = String::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                text.push_str(&String::from_utf8_lossy(&std::fs::read(&path).unwrap()));
            }
        }
    }
    text
}

fn export(f: &mut Fixture, out: &std::path::Path, profile: crate::export::package::Profile) {
    crate::export::package::export(
        &mut f.archive,
        &crate::export::package::ExportOptions {
            out: out.display().to_string(),
            profile,
            selection: crate::export::content::Selection::All,
            organization: String::new(),
            contact: String::new(),
            description: String::new(),
        },
        "2026-12-01",
        Origin::Cli,
        &JobContext::silent(),
    )
    .unwrap();
}

#[test]
fn a_sealed_recognized_segment_leaves_in_no_layer_of_a_public_package_and_a_full_one_keeps_its_words(
) {
    use crate::{
        export::package::Profile,
        records::{SpanRef, Target},
        restrictions::{self, RestrictionAction, RestrictionInput},
    };
    let mut f = fixture();
    let mut heard = recognized(&f.recording);
    heard.segments[1].text = "Zhelyabova came.".into();
    heard.segments[1].words[0].text = "Zhelyabova".into();
    let stored = store_recognized(&mut f.archive, &f.interview, &heard, Origin::Cli).unwrap();
    let segments = transcript::segments(&f.archive, &stored.id).unwrap();
    restrictions::restrict(
        &mut f.archive,
        &RestrictionInput {
            target: Some(Target::Span(SpanRef {
                transcript_id: stored.id.clone(),
                first_segment_id: segments[1].id.clone(),
                last_segment_id: segments[1].id.clone(),
            })),
            action: RestrictionAction::Seal,
            reason: "the family asked".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    export(&mut f, &public, Profile::Public);
    let published = text_under(&public);
    assert!(
        published.contains("We lived there."),
        "the open segment leaves"
    );
    assert!(
        !published.contains("Zhelyabova"),
        "the sealed segment's words stay"
    );
    assert!(
        !published.contains("Thank you"),
        "what was not speech stays"
    );
    assert!(
        !published.contains("whisper-base"),
        "how it was made is the archive's own record"
    );

    let full = dir.path().join("full");
    export(&mut f, &full, Profile::Full);
    let mut other = Archive::open(dir.path().join("other.recollect")).unwrap();
    crate::export::incoming::import(&mut other, &full, &JobContext::silent()).unwrap();
    let speech = speech_of(&other, &stored.id).unwrap();
    assert_eq!(
        speech.words.len(),
        2,
        "the words travel with a full package"
    );
    assert_eq!(speech.checks.len(), 1);
    assert_eq!(speech.made_by, Some(made_by()));
}

#[test]
fn a_stretch_heard_again_replaces_the_segments_within_it_after_a_revision_and_keeps_the_rest() {
    let mut f = fixture();
    let mut heard = recognized(&f.recording);
    heard.segments.push(HeardSegment {
        start_ms: 4000,
        end_ms: 4500,
        text: "Then we left.".into(),
        words: vec![
            word("Then", 4000, 0.9),
            word("we", 4200, 0.9),
            word("left.", 4300, 0.9),
        ],
    });
    let stored = store_recognized(&mut f.archive, &f.interview, &heard, Origin::Cli).unwrap();
    let reheard = Reheard {
        media_id: f.recording.clone(),
        start_ms: 1800,
        end_ms: 3000,
        segments: vec![
            HeardSegment {
                start_ms: 1900,
                end_ms: 2300,
                text: "Serebryakov".into(),
                words: vec![word("Serebryakov", 1900, 0.8)],
            },
            HeardSegment {
                start_ms: 2300,
                end_ms: 2700,
                text: "came at last.".into(),
                words: vec![
                    word("came", 2300, 0.9),
                    word("at", 2450, 0.9),
                    word("last.", 2550, 0.9),
                ],
            },
        ],
        not_speech: Vec::new(),
        made_by: made_by(),
    };
    let done = store_reheard(&mut f.archive, &stored.id, &reheard, Origin::Cli).unwrap();
    assert_eq!((done.replaced, done.added), (1, 2));
    assert_eq!(
        done.revision.name,
        "before recognizing 0:00:01.800-0:00:03.000 again"
    );
    let texts: Vec<(u32, String)> = transcript::segments(&f.archive, &stored.id)
        .unwrap()
        .into_iter()
        .map(|s| (s.position, s.text))
        .collect();
    assert_eq!(
        texts,
        [
            (0, "We lived there.".to_string()),
            (1, "Serebryakov".to_string()),
            (2, "came at last.".to_string()),
            (3, "Then we left.".to_string()),
        ]
    );
    let speech = speech_of(&f.archive, &stored.id).unwrap();
    assert_eq!(
        speech.words.len(),
        4,
        "every segment keeps or gets its words"
    );
    assert_eq!(
        speech.checks.len(),
        1,
        "the loop outside the stretch is still to check"
    );
    let backwards = Reheard {
        start_ms: 3000,
        end_ms: 1000,
        ..reheard
    };
    assert!(store_reheard(&mut f.archive, &stored.id, &backwards, Origin::Cli).is_err());
}
