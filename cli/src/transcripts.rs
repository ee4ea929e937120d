//! `recollect transcript ...`: import, export and list transcripts.

use std::path::PathBuf;

use clap::Subcommand;
use recollect_db::{
    jobs::{CancelFlag, JobContext, Progress},
    transcript::{
        self,
        formats::{BlockAction, BlockIssue, Format, ParsedSegment},
        revision, ImportOptions,
    },
    Archive, Origin,
};

use crate::{print_json, Failure};

/// Transcript commands.
#[derive(Subcommand)]
pub enum TranscriptCommand {
    /// Import a transcript file (WebVTT, SRT, plain text or OHMS XML) into an interview.
    Import {
        /// The interview's id.
        #[arg(long)]
        interview: String,
        /// The file.
        file: PathBuf,
        /// vtt, srt, text or ohms; detected from the file when not given.
        #[arg(long)]
        format: Option<Format>,
        /// The transcript's language ("ru", "en").
        #[arg(long)]
        language: Option<String>,
        /// The file's encoding ("windows-1251", "koi8-r", "utf-16le"); detected when not given.
        #[arg(long)]
        encoding: Option<String>,
        /// A label ("Russian original"); the file name when not given.
        #[arg(long, default_value = "")]
        label: String,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Read a transcript file and say what importing it would store, storing nothing: the
    /// segments, and every block that would be skipped or corrected, with its line. Needs no
    /// archive.
    Preview {
        /// The file.
        file: PathBuf,
        /// vtt, srt, text or ohms; detected from the file when not given.
        #[arg(long)]
        format: Option<Format>,
        /// The file's encoding ("windows-1251", "koi8-r", "utf-16le"); detected when not given.
        #[arg(long)]
        encoding: Option<String>,
        /// Print the preview, with every segment, as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write a transcript as WebVTT, SRT or plain text.
    Export {
        /// The transcript's id.
        #[arg(long)]
        transcript: String,
        /// vtt, srt or text.
        #[arg(long)]
        format: Format,
        /// Where to write it ("-" for standard output).
        #[arg(long)]
        out: PathBuf,
    },
    /// List an interview's transcripts.
    List {
        /// The interview's id.
        #[arg(long)]
        interview: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show a transcript's segments.
    Show {
        /// The transcript's id.
        transcript: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Save the transcript as it is now under a name ("as transcribed").
    Revision {
        /// The transcript's id.
        #[arg(long)]
        transcript: String,
        /// The revision's name.
        name: String,
    },
}

/// The file's name (for messages) and bytes.
fn read_file(file: &std::path::Path) -> Result<(String, Vec<u8>), Failure> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((name, bytes))
}

/// A job that shows its progress on standard error.
fn progress_job() -> JobContext {
    JobContext::new(CancelFlag::default(), |p| {
        if let Progress::Progress {
            phase,
            done,
            total: Some(total),
        } = p
        {
            if total > 0 {
                eprint!(
                    "\r{phase}: {}%   ",
                    u64::from(done) * 100 / u64::from(total)
                );
            }
        }
    })
}

/// Prints what was skipped or corrected: the sentence, then each block with its line.
fn print_issues(file: &str, issues: &[BlockIssue], summary: Option<&str>) {
    if let Some(summary) = summary {
        println!("{summary}");
    }
    for issue in issues {
        let action = match issue.action {
            BlockAction::Skipped => "skipped",
            BlockAction::Corrected => "corrected",
        };
        println!("{action}: {file}, line {}: {}", issue.line, issue.message);
    }
}

/// A preview on the command line: the preview with every segment.
#[derive(serde::Serialize)]
struct PreviewOutput {
    #[serde(flatten)]
    preview: transcript::ImportPreview,
    segments: Vec<ParsedSegment>,
}

/// `recollect transcript preview FILE`: what an import would store, storing nothing.
pub fn preview(command: &TranscriptCommand) -> Result<(), Failure> {
    let TranscriptCommand::Preview {
        file,
        format,
        encoding,
        json,
    } = command
    else {
        unreachable!("only a preview is passed here")
    };
    let (name, bytes) = read_file(file)?;
    let options = ImportOptions {
        format: *format,
        encoding: encoding.clone(),
        ..Default::default()
    };
    let job = progress_job();
    let preview = transcript::preview(&name, &bytes, &options, &job)?;
    eprint!("\r");
    for warning in &preview.warnings {
        eprintln!("warning: {warning}");
    }
    if *json {
        // Read again for every segment: the preview itself carries only the first few.
        let (_, parsed) = transcript::read_file(&name, &bytes, &options, &JobContext::silent())?;
        return print_json(&PreviewOutput {
            preview,
            segments: parsed.segments,
        });
    }
    println!(
        "{name}: {} segments, {} index points, read as {}",
        preview.segment_count, preview.index_points, preview.format
    );
    print_issues(&name, &preview.issues, preview.issue_summary.as_deref());
    Ok(())
}

/// Runs a transcript command.
pub fn run(archive: &mut Archive, command: TranscriptCommand) -> Result<(), Failure> {
    match command {
        TranscriptCommand::Import {
            interview,
            file,
            format,
            language,
            encoding,
            label,
            json,
        } => {
            let (name, bytes) = read_file(&file)?;
            let job = progress_job();
            let summary = transcript::import(
                archive,
                &interview,
                &name,
                &bytes,
                &ImportOptions {
                    format,
                    language,
                    encoding,
                    label,
                    previewed_sha256: None,
                },
                &job,
                Origin::Cli,
            )?;
            eprint!("\r");
            for warning in &summary.warnings {
                eprintln!("warning: {warning}");
            }
            if json {
                return print_json(&summary);
            }
            println!(
                "{}  {} segments, {} index points",
                summary.transcript.id, summary.transcript.segment_count, summary.index_points
            );
            print_issues(&name, &summary.issues, summary.issue_summary.as_deref());
        }
        TranscriptCommand::Preview { .. } => {
            unreachable!("a preview reads no archive; main runs it before opening one")
        }
        TranscriptCommand::Export {
            transcript,
            format,
            out,
        } => {
            let text = transcript::export(archive, &transcript, format)?;
            if out.as_os_str() == "-" {
                print!("{text}");
            } else {
                std::fs::write(&out, text).map_err(|e| format!("{}: {e}", out.display()))?;
            }
        }
        TranscriptCommand::List { interview, json } => {
            let list = transcript::list(archive, &interview)?;
            if json {
                return print_json(&list);
            }
            for t in &list {
                println!(
                    "{}  {:<6} {:>6} segments  {}",
                    t.id, t.language, t.segment_count, t.label
                );
            }
        }
        TranscriptCommand::Show { transcript, json } => {
            let segments = transcript::segments(archive, &transcript)?;
            if json {
                return print_json(&segments);
            }
            for s in &segments {
                let time = s
                    .start_ms
                    .map(transcript::clock)
                    .unwrap_or_else(|| "--:--".into());
                println!("[{time}] {}: {}", s.speaker_label, s.text);
            }
        }
        TranscriptCommand::Revision { transcript, name } => {
            let r = revision::save(archive, &transcript, &name, Origin::Cli)?;
            println!("{}  {} ({} segments)", r.id, r.name, r.segment_count);
        }
    }
    Ok(())
}
