//! Speech work on a real archive file with a real model: a synthesized recording of an
//! interview becomes a transcript that spells its people as the authority does, and typed
//! transcripts, edited as transcribers edit, get their times from their recordings.

mod common;

use std::path::Path;

use common::{model_folder, spoken};
use recollect_db::{
    interview::{self, InterviewInput},
    jobs::{CancelFlag, JobContext},
    media::{self, AddMediaOptions},
    people::{self, PersonInput},
    transcript::{self, formats::Format, recognized, ImportOptions},
    Archive, Error as ArchiveError, Origin,
};
use recollect_speech::archive::{self as speech, AlignRequest, Engine, Error, TranscribeRequest};

/// One engine for every test here, loaded once: it hears one recording at a time, on one
/// thread, where it hears the same recording the same way every time (on two, the order its
/// threads add up in changes a word now and then).
fn engine() -> &'static Engine {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| Engine::load(&model_folder(), 1).expect("the model loads"))
}

struct Interview {
    archive: Archive,
    id: String,
    recording: String,
}

/// An archive file with one interview, its narrator and interviewer, and `recording` added
/// to it.
fn interview_with(
    dir: &Path,
    recording: &Path,
    [narrator, interviewer]: [&str; 2],
    language: &str,
) -> Interview {
    let mut archive = Archive::open(dir.join("archive.recollect")).unwrap();
    let mut person = |name: &str| {
        people::create(
            &mut archive,
            &PersonInput {
                display_name: name.into(),
                ..Default::default()
            },
            Origin::Cli,
        )
        .unwrap()
        .id
    };
    let (narrator_id, interviewer_id) = (person(narrator), person(interviewer));
    let id = interview::create(
        &mut archive,
        &InterviewInput {
            title: format!("Interview with {narrator}"),
            languages: vec![language.into()],
            narrator_ids: vec![narrator_id],
            interviewer_ids: vec![interviewer_id],
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap()
    .id;
    let recording = media::add(
        &mut archive,
        &id,
        recording,
        &AddMediaOptions::default(),
        &JobContext::silent(),
        Origin::Cli,
    )
    .unwrap()
    .id;
    Interview {
        archive,
        id,
        recording,
    }
}

fn import_text(a: &mut Archive, interview_id: &str, language: &str, text: &str) -> String {
    transcript::import(
        a,
        interview_id,
        "typed.txt",
        text.as_bytes(),
        &ImportOptions {
            format: Some(Format::Text),
            language: Some(language.into()),
            ..Default::default()
        },
        &JobContext::silent(),
        Origin::Cli,
    )
    .unwrap()
    .transcript
    .id
}

const NARRATED: [(f64, &str); 4] = [
    (0.5, "My father, Leonid Serebryakov, was born in Samara."),
    (1.0, "He met Ivar Smilga at the railway station."),
    (1.2, "They wrote to each other for many years."),
    (1.0, "Serebryakov kept the letters in a box."),
];

#[test]
fn a_recording_becomes_a_transcript_that_spells_the_interviews_people_as_the_authority_does() {
    let dir = tempfile::tempdir().unwrap();
    let (wav, starts) = spoken(dir.path(), "en", &NARRATED);
    // Smilga is known to the interview as its interviewer.
    let mut f = interview_with(
        dir.path(),
        &wav,
        ["Leonid Serebryakov", "Ivar Smilga"],
        "en",
    );
    let mut reports = Vec::new();
    let (sender, received) = std::sync::mpsc::channel();
    let job = JobContext::new(CancelFlag::default(), move |p| {
        let _ = sender.send(p);
    });
    let done = speech::transcribe(
        &mut f.archive,
        &TranscribeRequest {
            interview_id: f.id.clone(),
            ..Default::default()
        },
        engine(),
        &job,
        Origin::Cli,
    )
    .unwrap();
    reports.extend(received.try_iter());
    let segments = transcript::segments(&f.archive, &done.transcript.id).unwrap();
    let text: Vec<&str> = segments.iter().map(|s| s.text.as_str()).collect();
    eprintln!("heard {text:?}\nrespelled {:?}", done.respelled);

    assert_eq!(done.transcript.language, "en", "the interview's language");
    // Heard in the interview's language, not the model's detection.
    assert_eq!(
        done.language,
        Some(recognized::HeardLanguage {
            code: "en".into(),
            detected: false,
        })
    );
    // Each sentence starts a segment on time (the model may cut one sentence in two).
    for truth in &starts {
        assert!(
            segments.iter().any(|s| s
                .start_ms
                .is_some_and(|start| start.abs_diff(*truth) <= 500)),
            "no segment starts within 0.5 s of {truth} ms: {:?}",
            segments
                .iter()
                .map(|s| (s.start_ms, &s.text))
                .collect::<Vec<_>>()
        );
    }
    let all = text.join(" ");
    assert_eq!(all.matches("Serebryakov").count(), 2, "{all}");
    assert!(all.contains("Smilga"), "{all}");
    let named: std::collections::BTreeSet<&str> = done
        .mentions
        .iter()
        .map(|m| m.person.name.as_str())
        .collect();
    assert!(
        named.contains("Leonid Serebryakov") && named.contains("Ivar Smilga"),
        "{named:?}"
    );

    let stored = recognized::speech_of(&f.archive, &done.transcript.id).unwrap();
    assert_eq!(
        stored.words.len(),
        segments.len(),
        "every segment has its words"
    );
    assert_eq!(stored.made_by.as_ref().unwrap().model_sha256.len(), 64);
    assert_eq!(stored.made_by.as_ref().unwrap().settings["threads"], "1");
    assert!(matches!(
        reports.last(),
        Some(recollect_db::jobs::Progress::Finished { .. })
    ));
}

/// The truth of a typed transcript: its segments' texts and when each was said.
fn aligned_within(
    a: &Archive,
    transcript_id: &str,
    truth_ms: &[Option<u32>],
) -> (usize, Vec<String>) {
    let segments = transcript::segments(a, transcript_id).unwrap();
    assert_eq!(segments.len(), truth_ms.len());
    let mut misses = Vec::new();
    let mut close = 0;
    for (segment, truth) in segments.iter().zip(truth_ms) {
        match (segment.start_ms, truth) {
            (Some(start), Some(truth)) if start.abs_diff(*truth) <= 500 => close += 1,
            (None, None) => close += 1,
            (found, _) => misses.push(format!(
                "{:?} at {found:?}, said at {truth:?}",
                segment.text
            )),
        }
    }
    (close, misses)
}

const SAID: [(f64, &str); 10] = [
    (0.5, "Um, my grandmother was born in Moscow before the war."),
    (
        1.0,
        "Her father, Serebryakov, worked at the railway station.",
    ),
    (
        0.8,
        "In the winter they moved to a small town near the river.",
    ),
    (1.2, "She kept his letters in a wooden box under her bed."),
    (0.9, "Uh, every summer the family went to the country."),
    (1.0, "The house had a garden with apple trees."),
    (0.7, "Her brother studied medicine in Leningrad."),
    (1.1, "After the war nobody spoke about those years."),
    (0.8, "The letters were found again in nineteen ninety."),
    (1.0, "Now they are kept in the city archive."),
];

#[test]
fn a_typed_transcript_edited_by_a_transcriber_gets_its_times_and_the_sentence_it_lacks_is_reported()
{
    let dir = tempfile::tempdir().unwrap();
    let (wav, starts) = spoken(dir.path(), "en", &SAID);
    let mut f = interview_with(dir.path(), &wav, ["Tatiana Smilga", "Anna Petrova"], "en");
    // Typed as a transcriber types: disfluencies left out, a laugh noted, the name respelled,
    // the sixth sentence missing, one sentence never said.
    let typed = [
        "My grandmother was born in Moscow before the war.",
        "Her father, Serebriakov, worked at the railway station.",
        "In the winter they moved to a small town near the river. [laughs]",
        "She kept his letters in a wooden box under her bed.",
        "Every summer the family went to the country.",
        "Her brother studied medicine in Leningrad.",
        "After the war nobody spoke about those years.",
        "The letters were found again in nineteen ninety.",
        "My mother never learned to swim.",
        "Now they are kept in the city archive.",
    ];
    let transcript = import_text(&mut f.archive, &f.id, "en", &typed.join("\n\n"));
    let truth: Vec<Option<u32>> = [0, 1, 2, 3, 4, 6, 7, 8]
        .iter()
        .map(|&n| Some(starts[n]))
        .chain([None, Some(starts[9])])
        .collect();

    let (alignment, stored) = speech::align(
        &mut f.archive,
        &AlignRequest {
            transcript_id: transcript.clone(),
            media_id: None,
        },
        engine(),
        &JobContext::silent(),
        Origin::Cli,
    )
    .unwrap();
    assert_eq!(alignment.method, "recognized words");
    let (close, misses) = aligned_within(&f.archive, &transcript, &truth);
    assert!(
        close * 10 >= typed.len() * 9,
        "{close} of {} placed within 0.5 s: {misses:?}",
        typed.len()
    );
    assert_eq!(stored.not_placed.len(), 1, "{:?}", stored.not_placed);
    assert_eq!(
        stored.not_placed[0].text,
        "My mother never learned to swim."
    );
    assert_eq!(
        stored.speech_not_in_text.len(),
        1,
        "{:?}",
        stored.speech_not_in_text
    );
    let missing = &stored.speech_not_in_text[0];
    assert!(
        missing.start_ms.abs_diff(starts[5]) <= 500,
        "{missing:?} against {}",
        starts[5]
    );
    assert!(
        missing.heard.to_lowercase().contains("apple"),
        "{missing:?}"
    );
    let texts: Vec<String> = transcript::segments(&f.archive, &transcript)
        .unwrap()
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert_eq!(texts, typed, "the typed text is as it was");
    assert_eq!(stored.revision.name, "before alignment");
}

const RUSSIAN: [(f64, &str); 8] = [
    (0.5, "Мой дед работал на железной дороге до войны."),
    (1.0, "Зимой семья переехала в маленький город у реки."),
    (0.8, "Она хранила его письма в деревянной коробке."),
    (1.2, "Каждое лето вся семья уезжала в деревню."),
    (0.9, "У дома был большой сад с яблонями."),
    (1.0, "Её брат учился в Ленинграде."),
    (0.7, "После войны об этих годах никто не говорил."),
    (1.1, "Теперь письма хранятся в городском архиве."),
];

#[test]
fn a_russian_typed_transcript_is_aligned_and_the_pauses_alone_place_it_too() {
    let dir = tempfile::tempdir().unwrap();
    let (wav, starts) = spoken(dir.path(), "ru", &RUSSIAN);
    let mut f = interview_with(dir.path(), &wav, ["Татьяна Смилга", "Анна Петрова"], "ru");
    // The fourth sentence is not in the typed text.
    let typed: Vec<&str> = RUSSIAN
        .iter()
        .enumerate()
        .filter(|(n, _)| *n != 3)
        .map(|(_, (_, s))| *s)
        .collect();
    let transcript = import_text(&mut f.archive, &f.id, "ru", &typed.join("\n\n"));
    let truth: Vec<Option<u32>> = (0..RUSSIAN.len())
        .filter(|n| *n != 3)
        .map(|n| Some(starts[n]))
        .collect();
    let (alignment, stored) = speech::align(
        &mut f.archive,
        &AlignRequest {
            transcript_id: transcript.clone(),
            media_id: Some(f.recording.clone()),
        },
        engine(),
        &JobContext::silent(),
        Origin::Cli,
    )
    .unwrap();
    let (close, misses) = aligned_within(&f.archive, &transcript, &truth);
    assert!(
        close * 10 >= typed.len() * 9,
        "{close} of {} placed within 0.5 s by {}: {misses:?}",
        typed.len(),
        alignment.method
    );
    let reported =
        |stretches: &[(u32, u32)]| stretches.iter().any(|s| s.0.abs_diff(starts[3]) <= 500);
    let missing: Vec<(u32, u32)> = stored
        .speech_not_in_text
        .iter()
        .map(|s| (s.start_ms, s.end_ms))
        .collect();
    assert!(
        reported(&missing),
        "the sentence the text lacks: {missing:?} (said at {})",
        starts[3]
    );

    // A recording the model cannot hear at all (a voice or language it does not know) is
    // aligned by its pauses: the same typed text, by the recording's voice alone.
    let samples = recollect_speech::read_for_speech(&wav).unwrap();
    let by_pauses = recollect_speech::align::to_pauses(&typed, &samples);
    let close = by_pauses
        .placements
        .iter()
        .zip(&truth)
        .filter(|(p, t)| {
            p.zip(**t)
                .is_some_and(|((start, _), t)| start.abs_diff(t) <= 500)
        })
        .count();
    assert!(
        close * 10 >= typed.len() * 9,
        "{close} of {} by pauses: {:?} against {truth:?}",
        typed.len(),
        by_pauses.placements
    );
    let missing: Vec<(u32, u32)> = by_pauses
        .speech_not_in_text
        .iter()
        .map(|s| (s.start_ms, s.end_ms))
        .collect();
    assert!(
        reported(&missing),
        "by pauses, the sentence the text lacks: {missing:?} (said at {})",
        starts[3]
    );
}

#[test]
fn a_cancelled_transcription_leaves_the_archive_as_it_was_and_a_missing_model_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (wav, _) = spoken(dir.path(), "en", &NARRATED);
    let mut f = interview_with(
        dir.path(),
        &wav,
        ["Leonid Serebryakov", "Anna Petrova"],
        "en",
    );
    let file = dir.path().join("archive.recollect");
    let events_before: i64 = f
        .archive
        .conn()
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap();
    let cancel = CancelFlag::default();
    cancel.cancel();
    let job = JobContext::new(cancel, |_| {});
    let result = speech::transcribe(
        &mut f.archive,
        &TranscribeRequest {
            interview_id: f.id.clone(),
            ..Default::default()
        },
        engine(),
        &job,
        Origin::Cli,
    );
    assert!(
        matches!(result, Err(Error::Archive(ArchiveError::Cancelled))),
        "{result:?}"
    );
    assert!(transcript::list(&f.archive, &f.id).unwrap().is_empty());
    let events_after: i64 = f
        .archive
        .conn()
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(events_before, events_after);
    assert!(file.exists());

    let empty = tempfile::tempdir().unwrap();
    let err = Engine::load(empty.path(), 1).err().expect("no model there");
    let message = err.to_string();
    assert!(message.contains("model.bin is missing"), "{message}");
    assert!(
        message.contains(&empty.path().display().to_string()),
        "{message}"
    );
}
