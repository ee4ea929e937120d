//! `recollect media`: the recordings of an interview, copied into the archive or referenced.

use std::{
    io::{IsTerminal, Write},
    path::PathBuf,
};

use clap::Subcommand;
use recollect_db::{
    jobs::{CancelFlag, JobContext, Progress},
    media::{self, AddMediaOptions, Media},
    Archive, Origin,
};

/// What `recollect media` does.
#[derive(Subcommand)]
pub enum MediaCommand {
    /// Add an audio or video file to an interview, after its other recordings.
    Add {
        /// The interview's id.
        #[arg(long)]
        interview: String,
        /// The audio or video file.
        file: PathBuf,
        /// Leave the file where it lies (large video on an external disk) instead of copying it
        /// into the archive's media folder.
        #[arg(long)]
        reference: bool,
        /// The source tape's identifier ("Tape 2, side B").
        #[arg(long, default_value = "")]
        tape: String,
        /// Print the new recording as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List an interview's recordings, in order; missing files are marked.
    List {
        /// The interview's id.
        #[arg(long)]
        interview: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Point a recording whose file went missing at a copy of it (the content must be the same).
    Relink {
        /// The recording's id.
        id: String,
        /// Where the file is now.
        file: PathBuf,
        /// Print the recording as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Remove a recording. A copied-in file is deleted when no other recording uses it; a
    /// referenced file is left alone.
    Remove {
        /// The recording's id.
        id: String,
    },
}

/// Runs a `recollect media` command against an open archive.
pub fn run(archive: &mut Archive, command: MediaCommand) -> Result<(), Box<dyn std::error::Error>> {
    match command {
        MediaCommand::Add {
            interview,
            file,
            reference,
            tape,
            json,
        } => {
            let opts = AddMediaOptions {
                reference,
                tape_label: tape,
            };
            let created = media::add(
                archive,
                &interview,
                &file,
                &opts,
                &progress_line(),
                Origin::Cli,
            );
            clear_progress_line();
            let created = created?;
            if json {
                return print_json(&created);
            }
            println!("{}", created.id);
        }
        MediaCommand::List { interview, json } => {
            let list = media::list(archive, &interview)?;
            if json {
                return print_json(&list);
            }
            for m in &list {
                print_row(archive, m);
            }
        }
        MediaCommand::Relink { id, file, json } => {
            let relinked = media::relink(archive, &id, &file, Origin::Cli)?;
            if json {
                return print_json(&relinked);
            }
            println!(
                "{}  {}",
                relinked.id,
                media::resolve_path(archive, &relinked).display()
            );
        }
        MediaCommand::Remove { id } => media::remove(archive, &id, Origin::Cli)?,
    }
    Ok(())
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Box<dyn std::error::Error>> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

fn print_row(archive: &Archive, m: &Media) {
    let duration = m
        .duration_ms
        .map(format_duration)
        .unwrap_or_else(|| "?".into());
    println!(
        "{:>2}  {}  {:<5}  {:>8}  {:>9}  {:<10}  {:<16}  {}",
        m.position,
        m.id,
        m.kind.as_str(),
        duration,
        format_size(m.size_bytes),
        m.storage.as_str(),
        m.tape_label,
        m.original_name
    );
    if m.missing {
        println!(
            "    MISSING: not found at {}; use `recollect media relink {} FILE`",
            media::resolve_path(archive, m).display(),
            m.id
        );
    }
}

fn format_duration(ms: u32) -> String {
    let s = ms / 1000;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// Progress as one updating line on stderr, only when a person is watching it: scripts get
/// clean stderr. Ctrl-C is not caught; it ends the process and may leave a `.part` file in the
/// media folder, never a half file under a real name.
fn progress_line() -> JobContext {
    if !std::io::stderr().is_terminal() {
        return JobContext::silent();
    }
    JobContext::new(CancelFlag::default(), |p| {
        if let Progress::Progress { phase, done, total } = p {
            let total = total.map(|t| format!(" of {t}")).unwrap_or_default();
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K{phase} {done}{total} MiB");
            let _ = err.flush();
        }
    })
}

fn clear_progress_line() {
    if std::io::stderr().is_terminal() {
        eprint!("\r\x1b[K");
    }
}
