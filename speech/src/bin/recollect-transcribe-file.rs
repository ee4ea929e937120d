//! Transcribes one recording with a Whisper model folder and prints what was heard as JSON:
//! segments with their timed words, stretches flagged as not speech, and how long each step
//! took. The speech benchmark (`speech/benches/transcribe.rs`) runs it as its own process so that
//! its peak memory is the recognizer's alone; it is also the shortest way to try a model folder
//! on a recording from a shell.
//!
//! ```text
//! recollect-transcribe-file MODEL_FOLDER RECORDING [--threads N] [--language CODE]
//! ```
//!
//! `--threads` is the engine's CPU thread count (default 0: the engine chooses); `--language`
//! is Whisper's code ("en"; default: detected in each window).

use std::{path::PathBuf, process::ExitCode, sync::atomic::AtomicBool, time::Instant};

use recollect_speech::{read_for_speech, Model, Recognition, Recognizer, Settings};
use serde::Serialize;

const USAGE: &str =
    "usage: recollect-transcribe-file MODEL_FOLDER RECORDING [--threads N] [--language CODE]";

struct Arguments {
    model: PathBuf,
    recording: PathBuf,
    threads: usize,
    language: Option<String>,
}

fn arguments() -> Result<Arguments, String> {
    let mut positional = Vec::new();
    let mut threads = 0;
    let mut language = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--threads") => {
                let value = args.next().ok_or("--threads needs a number")?;
                threads = value
                    .to_str()
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| format!("--threads {value:?} is not a number"))?;
            }
            Some("--language") => {
                let value = args.next().ok_or("--language needs a code such as en")?;
                language = Some(value.to_string_lossy().into_owned());
            }
            Some("-h" | "--help") => return Err(USAGE.into()),
            _ => positional.push(PathBuf::from(arg)),
        }
    }
    let [model, recording] = <[PathBuf; 2]>::try_from(positional).map_err(|_| USAGE)?;
    Ok(Arguments {
        model,
        recording,
        threads,
        language,
    })
}

/// What is printed: the recognition and the time of each step, in seconds.
#[derive(Serialize)]
struct Output {
    model: String,
    model_sha256: String,
    threads: usize,
    language: Option<String>,
    load_seconds: f64,
    read_seconds: f64,
    recognize_seconds: f64,
    #[serde(flatten)]
    recognition: Recognition,
}

fn seconds_since(started: Instant) -> f64 {
    started.elapsed().as_secs_f64()
}

fn main() -> ExitCode {
    let args = match arguments() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match transcribe(&args) {
        Ok(output) => {
            println!(
                "{}",
                serde_json::to_string(&output).expect("the output serializes")
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn transcribe(args: &Arguments) -> Result<Output, String> {
    let started = Instant::now();
    let model = Model::open(&args.model).map_err(|e| e.to_string())?;
    let recognizer = Recognizer::new(&model, args.threads).map_err(|e| e.to_string())?;
    let load_seconds = seconds_since(started);

    let started = Instant::now();
    let samples = read_for_speech(&args.recording).map_err(|e| e.to_string())?;
    let read_seconds = seconds_since(started);

    let started = Instant::now();
    let settings = Settings {
        language: args.language.clone(),
        ..Settings::default()
    };
    let recognition = recognizer
        .recognize(&samples, &settings, &mut |_| {}, &AtomicBool::new(false))
        .map_err(|e| e.to_string())?;
    let recognize_seconds = seconds_since(started);

    Ok(Output {
        model: model.name.clone(),
        model_sha256: model.sha256.clone(),
        threads: args.threads,
        language: args.language.clone(),
        load_seconds,
        read_seconds,
        recognize_seconds,
        recognition,
    })
}
