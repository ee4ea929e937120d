//! `recollect transcribe` and `recollect align`: speech recognition on the archive's
//! recordings, with a Whisper model in CTranslate2 format from a folder the curator has.

use std::{
    io::{IsTerminal, Write},
    path::PathBuf,
};

use clap::Args;
use recollect_db::{
    jobs::{CancelFlag, JobContext, Progress},
    transcript::clock,
    Archive, Origin,
};
use recollect_speech::archive::{self as speech, AlignRequest, Engine, TranscribeRequest};
use serde::Serialize;

use crate::{print_json, Failure};

/// The model folder and the engine's threads, shared by both commands.
#[derive(Args)]
pub struct EngineArgs {
    /// The folder of a Whisper model in CTranslate2 format (model.bin, config.json,
    /// tokenizer.json, vocabulary.json or .txt), as `ct2-transformers-converter` writes it.
    #[arg(long, env = "RECOLLECT_WHISPER_MODEL")]
    model: PathBuf,
    /// CPU threads for the engine; all the machine's cores when not given.
    #[arg(long)]
    threads: Option<usize>,
    /// Print a summary as JSON.
    #[arg(long)]
    json: bool,
}

impl EngineArgs {
    fn load(&self) -> Result<Engine, Failure> {
        let threads = self.threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        });
        Ok(Engine::load(&self.model, threads)?)
    }
}

/// `recollect transcribe`.
#[derive(Args)]
pub struct TranscribeArgs {
    /// The interview whose recording is transcribed.
    #[arg(long, required_unless_present = "transcript")]
    interview: Option<String>,
    /// Instead: a transcript whose stretch `--from`..`--to` is heard again, its segments there
    /// replaced (a revision is saved first).
    #[arg(long, conflicts_with = "interview", requires_all = ["from", "to"])]
    transcript: Option<String>,
    /// Where the stretch starts (1:05, 65.2 or 0:01:05.200).
    #[arg(long, value_parser = parse_clock)]
    from: Option<u32>,
    /// Where it ends.
    #[arg(long, value_parser = parse_clock)]
    to: Option<u32>,
    /// Which of its recordings; its first when not given.
    #[arg(long)]
    media: Option<String>,
    /// The language spoken ("ru", "en"); the interview's when it has one, else detected.
    #[arg(long)]
    language: Option<String>,
    /// A label for the new transcript.
    #[arg(long, default_value = "")]
    label: String,
    #[command(flatten)]
    engine: EngineArgs,
}

/// `recollect align`.
#[derive(Args)]
pub struct AlignArgs {
    /// The typed transcript to give times.
    #[arg(long)]
    transcript: String,
    /// The recording to take them from; the interview's first when not given.
    #[arg(long)]
    media: Option<String>,
    #[command(flatten)]
    engine: EngineArgs,
}

/// Progress as one updating line on stderr when a person is watching; scripts get clean
/// stderr. Ctrl-C ends the process before anything is stored: a transcript is written in one
/// transaction at the end.
fn progress_line() -> JobContext {
    if !std::io::stderr().is_terminal() {
        return JobContext::silent();
    }
    JobContext::new(CancelFlag::default(), |p| {
        let mut err = std::io::stderr().lock();
        let _ = match p {
            Progress::Progress {
                done,
                total: Some(total),
                ..
            } => write!(err, "\r\x1b[Kheard {done} of {total} seconds"),
            Progress::Warning { message } => write!(err, "\r\x1b[K{message}\n"),
            _ => Ok(()),
        };
        let _ = err.flush();
    })
}

fn clear_progress_line() {
    if std::io::stderr().is_terminal() {
        eprint!("\r\x1b[K");
    }
}

/// A time as the curator writes it: seconds ("65.2"), or minutes and seconds ("1:05"), or
/// hours too ("0:01:05.200"); in milliseconds.
fn parse_clock(text: &str) -> Result<u32, String> {
    let mut seconds = 0.0;
    for part in text.trim().split(':') {
        let value: f64 = part
            .parse()
            .map_err(|_| format!("\"{text}\" is not a time: write 65.2, 1:05 or 0:01:05.200"))?;
        seconds = seconds * 60.0 + value;
    }
    if !(0.0..=24.0 * 3600.0).contains(&seconds) {
        return Err(format!("\"{text}\" is not a time in a recording"));
    }
    Ok((seconds * 1000.0).round() as u32)
}

pub fn transcribe(archive: &mut Archive, args: TranscribeArgs) -> Result<(), Failure> {
    let engine = args.engine.load()?;
    if let Some(transcript_id) = args.transcript {
        let request = speech::RehearRequest {
            transcript_id,
            media_id: args.media,
            start_ms: args.from.unwrap_or_default(),
            end_ms: args.to.unwrap_or_default(),
            language: args.language,
        };
        let done = speech::rehear(archive, &request, &engine, &progress_line(), Origin::Cli);
        clear_progress_line();
        let done = done?;
        if args.engine.json {
            return print_json(&done);
        }
        println!(
            "{}-{} heard again: {} segments in place of {}; the revision \"{}\" keeps what was there",
            clock(request.start_ms),
            clock(request.end_ms),
            done.added,
            done.replaced,
            done.revision.name
        );
        return Ok(());
    }
    let request = TranscribeRequest {
        interview_id: args.interview.unwrap_or_default(),
        media_id: args.media,
        language: args.language,
        label: args.label,
    };
    let started = std::time::Instant::now();
    let done = speech::transcribe(archive, &request, &engine, &progress_line(), Origin::Cli);
    clear_progress_line();
    let done = done?;
    if args.engine.json {
        return print_json(&done);
    }
    let t = &done.transcript;
    println!(
        "transcript {} ({}): {} segments, {} words ({} uncertain) from {} of speech in {:.0} s",
        t.id,
        if t.language.is_empty() {
            "language unknown"
        } else {
            &t.language
        },
        t.segment_count,
        done.words,
        done.low_confidence_words,
        clock(done.duration_ms),
        started.elapsed().as_secs_f64()
    );
    for stretch in &done.not_speech {
        println!(
            "  not speech at {}-{}: the model repeated itself (\"{}\"); listen there",
            clock(stretch.start_ms),
            clock(stretch.end_ms),
            shortened(&stretch.heard)
        );
    }
    for r in &done.respelled {
        println!(
            "  \"{}\" written as the authority spells it: \"{}\"",
            r.heard, r.written
        );
    }
    for m in &done.mentions {
        println!(
            "  names {} at {}: \"{}\"",
            m.person.name,
            m.start_ms.map(clock).unwrap_or_default(),
            m.text_span
        );
    }
    Ok(())
}

fn shortened(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// What `recollect align --json` prints.
#[derive(Serialize)]
struct AlignSummary<'a> {
    transcript_id: &'a str,
    method: &'a str,
    segments: usize,
    placed: u32,
    not_placed: Vec<&'a str>,
    speech_not_in_text: &'a [recollect_db::transcript::recognized::Stretch],
    revision_before: &'a str,
    placements: &'a [recollect_db::transcript::recognized::Placement],
}

pub fn align(archive: &mut Archive, args: AlignArgs) -> Result<(), Failure> {
    let engine = args.engine.load()?;
    let request = AlignRequest {
        transcript_id: args.transcript,
        media_id: args.media,
    };
    let done = speech::align(archive, &request, &engine, &progress_line(), Origin::Cli);
    clear_progress_line();
    let (alignment, stored) = done?;
    let summary = AlignSummary {
        transcript_id: &stored.transcript.id,
        method: &alignment.method,
        segments: alignment.placements.len(),
        placed: stored.placed,
        not_placed: stored.not_placed.iter().map(|s| s.id.as_str()).collect(),
        speech_not_in_text: &stored.speech_not_in_text,
        revision_before: &stored.revision.id,
        placements: &alignment.placements,
    };
    if args.engine.json {
        return print_json(&summary);
    }
    println!(
        "{} of {} segments of \"{}\" placed by {}; the revision \"before alignment\" keeps the times it had",
        stored.placed,
        summary.segments,
        stored.transcript.label,
        alignment.method
    );
    for segment in &stored.not_placed {
        println!(
            "  not placed: segment {} (\"{}\") keeps no times",
            segment.position + 1,
            shortened(&segment.text)
        );
    }
    for stretch in &stored.speech_not_in_text {
        println!(
            "  speech at {}-{} is in no segment{}",
            clock(stretch.start_ms),
            clock(stretch.end_ms),
            if stretch.heard.is_empty() {
                String::new()
            } else {
                format!(": \"{}\"", shortened(&stretch.heard))
            }
        );
    }
    Ok(())
}
