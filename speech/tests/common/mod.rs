//! Speech made here with espeak-ng and sox, so the truth of every time is known, and the model
//! `make test-deps` fetched.

#![allow(dead_code)]

use std::{
    path::{Path, PathBuf},
    process::Command,
};

/// The Whisper base model in CTranslate2 format: `RECOLLECT_WHISPER_MODEL`, or where
/// `scripts/install-deps.sh --test` puts it. Missing, the tests fail saying how to get it.
pub fn model_folder() -> PathBuf {
    let folder = std::env::var_os("RECOLLECT_WHISPER_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let cache = std::env::var_os("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache")
                });
            cache.join("recollect/models/whisper-base")
        });
    assert!(
        folder.join("model.bin").is_file(),
        "the speech tests need the Whisper base model in {}: `make test-deps` (scripts/install-deps.sh --test) fetches it",
        folder.display()
    );
    folder
}

fn run(command: &mut Command) {
    let out = command.output().unwrap_or_else(|e| {
        panic!("{command:?}: {e} (`make test-deps` installs espeak-ng and sox)")
    });
    assert!(
        out.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The length of a sound file in seconds, as sox reads it.
pub fn seconds(file: &Path) -> f64 {
    let out = Command::new("soxi")
        .arg("-D")
        .arg(file)
        .output()
        .expect("soxi runs");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("soxi prints seconds")
}

/// A recording of `sentences` spoken by espeak-ng's `voice`, each after its silence (seconds),
/// and when each sentence's file starts in it, in milliseconds.
pub fn spoken(dir: &Path, voice: &str, sentences: &[(f64, &str)]) -> (PathBuf, Vec<u32>) {
    let mut parts = Vec::new();
    let mut starts = Vec::new();
    let mut at = 0.0;
    for (n, (silence, sentence)) in sentences.iter().enumerate() {
        let quiet = dir.join(format!("quiet-{n}.wav"));
        run(Command::new("sox")
            .args(["-n", "-r", "22050", "-c", "1", "-b", "16"])
            .arg(&quiet)
            .args(["trim", "0", &silence.to_string()]));
        let said = dir.join(format!("said-{n}.wav"));
        run(Command::new("espeak-ng")
            .args(["-v", voice, "-s", "150", "-w"])
            .arg(&said)
            .arg(sentence));
        at += seconds(&quiet);
        starts.push((at * 1000.0).round() as u32);
        at += seconds(&said);
        parts.push(quiet);
        parts.push(said);
    }
    let recording = dir.join(format!("{voice}.wav"));
    run(Command::new("sox").args(&parts).arg(&recording));
    (recording, starts)
}

/// Silence of `seconds`.
pub fn silence(dir: &Path, seconds: f64) -> PathBuf {
    let file = dir.join("silence.wav");
    run(Command::new("sox")
        .args(["-n", "-r", "44100", "-c", "2", "-b", "16"])
        .arg(&file)
        .args(["trim", "0", &seconds.to_string()]));
    file
}

/// Words as compared: lower case, letters and digits only.
pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Word error rate: word-level edit distance over the truth's length.
pub fn word_error_rate(truth: &[String], heard: &[String]) -> f64 {
    let mut previous: Vec<usize> = (0..=heard.len()).collect();
    for (i, t) in truth.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, h) in heard.iter().enumerate() {
            let substitute = previous[j] + usize::from(t != h);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[heard.len()] as f64 / truth.len() as f64
}
