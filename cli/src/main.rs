//! `recollect`: the headless door onto a Recollect archive, for batch work, tests and benchmarks.
//! Every command takes `--archive PATH`; listing commands take `--json`; errors go to stderr
//! with a non-zero exit.

// One file per domain, named as in `src-tauri/src/` and `ui/src/lib/api/`.
mod access;
mod interviews;
mod library;
mod packages;
mod people;
mod photos;
mod recordings;
mod search;
mod speech;
mod transcripts;
mod trash;

use std::{path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};
use recollect_db::{
    interview::{self, InterviewFilter},
    provenance, sample, Archive,
};
use serde::Serialize;

use library::{links, lists, sources, tags};

#[derive(Parser)]
#[command(
    name = "recollect",
    version,
    about = "Work with a Recollect oral-history archive from the command line"
)]
struct Cli {
    /// The archive file (created if it does not exist).
    #[arg(long, global = true, env = "RECOLLECT_ARCHIVE", value_name = "PATH")]
    archive: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill an empty archive with the sample: four interviews, their families, the 1927 photo's people, and a demonstration interview with a recording and transcripts.
    Sample,
    /// Interviews.
    #[command(subcommand)]
    Interviews(interviews::InterviewCommand),
    /// People.
    #[command(subcommand)]
    People(people::PeopleCommand),
    /// Collections.
    #[command(subcommand)]
    Collections(interviews::CollectionCommand),
    /// Transcripts: import, export, list.
    #[command(subcommand)]
    Transcript(transcripts::TranscriptCommand),
    /// Transcribe an interview's recording with a Whisper model: a new transcript with word
    /// times and confidence.
    Transcribe(speech::TranscribeArgs),
    /// Give a typed transcript its times from a recording of its interview.
    Align(speech::AlignArgs),
    /// Search the whole archive: transcripts, index points, interviews and people.
    Search(search::SearchArgs),
    /// Photos: import, list, caption, identify the people in them.
    #[command(subcommand)]
    Photos(photos::PhotoCommand),
    /// Captions of group photos (needs no archive).
    #[command(subcommand)]
    Caption(photos::CaptionCommand),
    /// Fill the archive with synthetic interviews, for benchmarks and soak tests.
    Generate {
        /// How many interviews.
        #[arg(long)]
        interviews: u32,
        /// How many transcript segments each has.
        #[arg(long, default_value_t = 100)]
        segments_per_interview: u32,
        /// The random seed; the same seed gives the same archive.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Export a package.
    #[command(subcommand)]
    Export(packages::ExportCommand),
    /// Import a package.
    #[command(subcommand)]
    Import(packages::ImportCommand),
    /// Check a package without importing it.
    #[command(subcommand)]
    Validate(packages::ValidateCommand),
    /// The vocabulary: list, add, rename, merge, move, suggest, show.
    #[command(subcommand)]
    Tags(tags::TagsCommand),
    /// Tag a record or span: `recollect tag --record ID TAG`.
    Tag(tags::TagArgs),
    /// Link two records or spans: `recollect link --from ID --to ID --type mentions`.
    Link(links::LinkArgs),
    /// What links to a record, both ways.
    Links(links::LinksArgs),
    /// Sources: publications, archival documents, web pages.
    #[command(subcommand)]
    Sources(sources::SourcesCommand),
    /// Cite a source from a record or span, with a locator.
    Cite(sources::CiteArgs),
    /// Restrict, embargo, seal or redact a record or span.
    Restrict(access::RestrictArgs),
    /// Record a release form for an interview or person.
    Release(access::ReleaseArgs),
    /// What restricts a record or span, today or on a given day.
    Access(access::AccessArgs),
    /// What may leave the archive in public output.
    Public(access::PublicArgs),
    /// Re-hash every kept file; exits non-zero when any is missing or changed.
    Audit(packages::AuditArgs),
    /// Rebuild the search index from the archive's records (or --check it against them).
    Reindex(search::ReindexArgs),
    /// Accessions: donor, date, method and deed of gift.
    #[command(subcommand)]
    Accessions(access::AccessionsCommand),
    /// Hand-made lists of records.
    #[command(subcommand)]
    Lists(lists::ListsCommand),
    /// Saved searches.
    #[command(subcommand)]
    Searches(lists::SearchesCommand),
    /// Recordings of interviews.
    #[command(subcommand)]
    Media(recordings::MediaCommand),
    /// Deleted interviews, people, photos and sources: list, restore, purge.
    #[command(subcommand)]
    Trash(trash::TrashCommand),
    /// The provenance log of one record.
    History {
        /// The record's id.
        #[arg(long)]
        record: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// A failure to report on stderr.
pub(crate) type Failure = Box<dyn std::error::Error>;

fn main() -> ExitCode {
    // Piped into `head` or `less` and cut short, end quietly as Unix tools do, rather than
    // panicking on the next print to a closed pipe (Rust ignores SIGPIPE by default).
    #[cfg(unix)]
    // SAFETY: restores the default action of one signal before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("RECOLLECT_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("recollect: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    // Validating a package and parsing a caption read no archive.
    if let Command::Validate(command) = cli.command {
        return packages::validate(command);
    }
    if let Command::Caption(command) = &cli.command {
        return photos::caption_command(command);
    }
    if let Command::Transcript(command @ transcripts::TranscriptCommand::Preview { .. }) =
        &cli.command
    {
        return transcripts::preview(command);
    }
    let path = cli
        .archive
        .ok_or("no archive given: pass --archive PATH (or set RECOLLECT_ARCHIVE)")?;
    // While the app (or another command) is changing the archive, commands may still read it.
    let mut archive = Archive::open_or_read(&path)?;
    if archive.agent().is_empty() && archive.is_writable() {
        if let Ok(user) = std::env::var("USER") {
            archive.set_agent(&user)?;
        }
    }
    let a = &mut archive;
    match cli.command {
        Command::Sample => {
            sample::build(a)?;
            let count = interview::list(a, &InterviewFilter::default())?.len();
            println!(
                "sample archive written to {} ({count} interviews)",
                path.display()
            );
        }
        Command::Interviews(command) => interviews::interviews(a, command)?,
        Command::People(command) => people::run_people(a, command)?,
        Command::Trash(command) => trash::run(a, command)?,
        Command::Collections(command) => interviews::collections(a, command)?,
        Command::Generate {
            interviews,
            segments_per_interview,
            seed,
        } => {
            let job = recollect_db::jobs::JobContext::new(Default::default(), |p| {
                if let recollect_db::jobs::Progress::Progress {
                    done,
                    total: Some(total),
                    ..
                } = p
                {
                    eprint!("\rgenerated {done} of {total} interviews");
                }
            });
            recollect_db::generate::generate(
                a,
                &recollect_db::generate::GenerateOptions {
                    interviews,
                    segments_per_interview,
                    seed,
                },
                &job,
            )?;
            eprintln!();
        }
        Command::Export(command) => packages::export(a, command)?,
        Command::Import(command) => packages::import(a, command)?,
        Command::Validate(_) => unreachable!("handled before the archive is opened"),
        Command::Transcript(command) => transcripts::run(a, command)?,
        Command::Search(args) => search::run(a, args)?,
        Command::Transcribe(args) => speech::transcribe(a, args)?,
        Command::Align(args) => speech::align(a, args)?,
        Command::Tags(command) => tags::run(a, command)?,
        Command::Tag(args) => tags::tag(a, args)?,
        Command::Link(args) => links::link(a, args)?,
        Command::Links(args) => links::list(a, args)?,
        Command::Sources(command) => sources::run(a, command)?,
        Command::Cite(args) => sources::cite(a, args)?,
        Command::Restrict(args) => access::restrict(a, args)?,
        Command::Release(args) => access::release(a, args)?,
        Command::Access(args) => access::access(a, args)?,
        Command::Public(args) => access::public(a, args)?,
        Command::Audit(args) => packages::audit(a, args)?,
        Command::Reindex(args) => search::reindex(a, args)?,
        Command::Accessions(command) => access::accessions(a, command)?,
        Command::Lists(command) => lists::run(a, command)?,
        Command::Searches(command) => lists::searches(a, command)?,
        Command::Media(command) => recordings::run(a, command)?,
        Command::Photos(command) => photos::run(a, command)?,
        Command::Caption(_) => unreachable!("runs without an archive, above"),
        Command::History { record, json } => {
            let events = provenance::history(a, &record)?;
            if json {
                print_json(&events)?;
            } else {
                for e in &events {
                    println!(
                        "{}  {:?}  {} {}",
                        e.at,
                        e.event_type,
                        e.record_kind,
                        e.attribution()
                    );
                }
            }
        }
    }
    Ok(())
}

pub(crate) fn print_json<T: Serialize>(value: &T) -> Result<(), Failure> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}
