//! `recollect transcribe` and `recollect align` on a real archive file with a real Whisper model
//! and speech made here by espeak-ng, as a curator's script runs them.

mod common;
#[path = "../../speech/tests/common/mod.rs"]
mod speech_common;

use common::{json, ok, refused};
use speech_common::{model_folder, spoken};

const SAID: [(f64, &str); 3] = [
    (0.5, "My grandmother was born in Moscow before the war."),
    (
        1.0,
        "Her father worked at the railway station for many years.",
    ),
    (1.2, "Every summer the family went to the country."),
];

fn interview_with_recording(
    archive: &std::path::Path,
    title: &str,
    wav: &std::path::Path,
) -> String {
    let interview = json(
        archive,
        &[
            "interviews",
            "add",
            "--title",
            title,
            "--language",
            "en",
            "--json",
        ],
    );
    let id = interview["id"].as_str().unwrap().to_owned();
    ok(
        archive,
        &["media", "add", "--interview", &id, wav.to_str().unwrap()],
    );
    id
}

#[test]
fn a_recording_is_transcribed_and_a_typed_transcript_of_another_interview_aligned_from_the_command_line(
) {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive.db");
    let (wav, starts) = spoken(dir.path(), "en", &SAID);
    let model = model_folder();
    let model = model.to_str().unwrap();

    let first = interview_with_recording(&archive, "Interview with Anna Petrova", &wav);
    let done = json(
        &archive,
        &[
            "transcribe",
            "--interview",
            &first,
            "--model",
            model,
            "--threads",
            "1",
            "--json",
        ],
    );
    assert_eq!(done["transcript"]["segment_count"], 3, "{done}");
    assert_eq!(done["transcript"]["language"], "en");
    // The interview's own language, not the model's detection.
    assert_eq!(
        done["language"],
        serde_json::json!({ "code": "en", "detected": false }),
        "{done}"
    );
    assert!(done["words"].as_u64().unwrap() >= 20, "{done}");
    let transcript = done["transcript"]["id"].as_str().unwrap();
    let history = json(&archive, &["history", "--record", transcript, "--json"]);
    let made: serde_json::Value =
        serde_json::from_str(history[0]["after"].as_str().unwrap()).unwrap();
    assert_eq!(made["made_by"]["model"], "whisper-base");
    assert_eq!(made["made_by"]["settings"]["threads"], "1");
    assert!(
        made["made_by"]["settings"]["language"]
            .as_str()
            .unwrap()
            .starts_with("en"),
        "{made}"
    );

    // The first sentence heard again: its segment is replaced, the others stay.
    let first_end = format!("{:.1}", f64::from(starts[1]) / 1000.0 - 0.3);
    let again = json(
        &archive,
        &[
            "transcribe",
            "--transcript",
            transcript,
            "--from",
            "0",
            "--to",
            &first_end,
            "--model",
            model,
            "--threads",
            "1",
            "--json",
        ],
    );
    assert_eq!(
        (again["replaced"].as_u64(), again["added"].as_u64()),
        (Some(1), Some(1)),
        "{again}"
    );
    assert_eq!(again["transcript"]["segment_count"], 3);
    assert!(again["revision"]["name"]
        .as_str()
        .unwrap()
        .starts_with("before recognizing"));

    // Another interview of the same recording, with a transcript typed without times.
    let copy = dir.path().join("copy.wav");
    std::fs::copy(&wav, &copy).unwrap();
    let second = interview_with_recording(&archive, "Interview with Anna Petrova, typed", &copy);
    let typed = dir.path().join("typed.txt");
    std::fs::write(
        &typed,
        SAID.iter()
            .map(|(_, s)| *s)
            .collect::<Vec<_>>()
            .join("\n\n"),
    )
    .unwrap();
    let imported = json(
        &archive,
        &[
            "transcript",
            "import",
            "--interview",
            &second,
            typed.to_str().unwrap(),
            "--json",
        ],
    );
    let typed_id = imported["transcript"]["id"].as_str().unwrap();
    let aligned = json(
        &archive,
        &[
            "align",
            "--transcript",
            typed_id,
            "--model",
            model,
            "--threads",
            "1",
            "--json",
        ],
    );
    assert_eq!(aligned["method"], "recognized words", "{aligned}");
    assert_eq!(aligned["placed"], 3, "{aligned}");
    for (placement, truth) in aligned["placements"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&starts)
    {
        let start = placement["start_ms"].as_u64().unwrap();
        assert!(
            start.abs_diff(u64::from(*truth)) <= 500,
            "{placement} against {truth}"
        );
    }
    let text = ok(
        &archive,
        &[
            "transcript",
            "export",
            "--transcript",
            typed_id,
            "--format",
            "vtt",
            "--out",
            "-",
        ],
    );
    assert!(
        text.contains("-->"),
        "the typed transcript now has times: {text}"
    );
}

#[test]
fn without_a_model_the_commands_say_what_is_missing_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive.db");
    let (wav, _) = spoken(dir.path(), "en", &SAID[..1]);
    let interview = interview_with_recording(&archive, "Interview", &wav);
    let empty = dir.path().join("no model here");
    std::fs::create_dir(&empty).unwrap();
    let said = refused(
        &archive,
        &[
            "transcribe",
            "--interview",
            &interview,
            "--model",
            empty.to_str().unwrap(),
        ],
    );
    assert!(
        said.contains("model.bin is missing") && said.contains("no model here"),
        "{said}"
    );
    let transcripts = json(
        &archive,
        &["transcript", "list", "--interview", &interview, "--json"],
    );
    assert_eq!(transcripts.as_array().unwrap().len(), 0);
}
