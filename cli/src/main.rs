//! `recollect`: the headless door onto a Recollect archive, for batch work, tests and benchmarks.
//! Every command takes `--archive PATH`; listing commands take `--json`; errors go to stderr
//! with a non-zero exit.

// One file per domain, named as in `src-tauri/src/` and `ui/src/lib/api/`.
mod access;
mod library;
mod packages;
mod people;
mod photos;
mod recordings;
mod search;
mod transcripts;

use std::{path::PathBuf, process::ExitCode};

use clap::{Args, Parser, Subcommand};
use recollect_db::{
    collection::{self, CollectionInput},
    interview::{self, InterviewFilter, InterviewInput, InterviewStatus},
    provenance, sample, Archive, Origin,
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
    /// Fill an empty archive with the sample: four interviews, their families, the 1927 photo's people.
    Sample,
    /// Interviews.
    #[command(subcommand)]
    Interviews(InterviewCommand),
    /// People.
    #[command(subcommand)]
    People(people::PeopleCommand),
    /// Collections.
    #[command(subcommand)]
    Collections(CollectionCommand),
    /// Transcripts: import, export, list.
    #[command(subcommand)]
    Transcript(transcripts::TranscriptCommand),
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

#[derive(Subcommand)]
enum InterviewCommand {
    /// List interviews.
    List {
        /// Only those in this collection.
        #[arg(long)]
        collection: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one interview.
    Show {
        /// The interview's id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add an interview.
    Add {
        #[command(flatten)]
        fields: InterviewFields,
        /// Print the new interview as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change an interview: only the fields given change.
    Edit {
        /// The interview's id.
        id: String,
        #[command(flatten)]
        fields: InterviewFields,
        /// Print the interview as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Delete an interview.
    Delete {
        /// The interview's id.
        id: String,
    },
}

#[derive(Args)]
struct InterviewFields {
    /// Title.
    #[arg(long)]
    title: Option<String>,
    /// Collection id ("" for none).
    #[arg(long)]
    collection: Option<String>,
    /// Date recorded, in EDTF ("1927", "1927-02~", "192X"; "" for none).
    #[arg(long)]
    date: Option<String>,
    /// Place recorded.
    #[arg(long)]
    place: Option<String>,
    /// Language code, repeatable ("ru", "en"); replaces the list.
    #[arg(long = "language")]
    languages: Vec<String>,
    /// Summary.
    #[arg(long)]
    summary: Option<String>,
    /// draft, curated or published.
    #[arg(long)]
    status: Option<InterviewStatus>,
    /// Narrator's person id, repeatable, in order; replaces the list.
    #[arg(long = "narrator")]
    narrators: Vec<String>,
    /// Interviewer's person id, repeatable, in order; replaces the list.
    #[arg(long = "interviewer")]
    interviewers: Vec<String>,
}

impl InterviewFields {
    fn apply(self, input: &mut InterviewInput) {
        if let Some(v) = self.title {
            input.title = v;
        }
        if let Some(v) = self.collection {
            input.collection_id = Some(v).filter(|c| !c.is_empty());
        }
        if let Some(v) = self.date {
            input.date = Some(v);
        }
        if let Some(v) = self.place {
            input.place = v;
        }
        if !self.languages.is_empty() {
            input.languages = self.languages;
        }
        if let Some(v) = self.summary {
            input.summary = v;
        }
        if let Some(v) = self.status {
            input.status = v;
        }
        if !self.narrators.is_empty() {
            input.narrator_ids = self.narrators;
        }
        if !self.interviewers.is_empty() {
            input.interviewer_ids = self.interviewers;
        }
    }
}

#[derive(Subcommand)]
enum CollectionCommand {
    /// List collections.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one collection.
    Show {
        /// The collection's id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add a collection.
    Add {
        /// Title.
        #[arg(long)]
        title: String,
        /// Description.
        #[arg(long, default_value = "")]
        description: String,
        /// Print the new collection as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change a collection.
    Edit {
        /// The collection's id.
        id: String,
        /// Title.
        #[arg(long)]
        title: Option<String>,
        /// Description.
        #[arg(long)]
        description: Option<String>,
        /// Print the collection as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Delete a collection; its interviews stay, in no collection.
    Delete {
        /// The collection's id.
        id: String,
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
        Command::Interviews(command) => interviews(a, command)?,
        Command::People(command) => people::run_people(a, command)?,
        Command::Collections(command) => collections(a, command)?,
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

fn names(people: &[recollect_db::people::PersonRef]) -> String {
    people
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

fn print_interview(i: &interview::Interview) {
    println!("id:           {}", i.id);
    println!("title:        {}", i.title);
    println!("date:         {}", i.date.as_deref().unwrap_or(""));
    println!("place:        {}", i.place);
    println!("languages:    {}", i.languages.join(", "));
    println!("status:       {}", i.status.as_str());
    println!("narrators:    {}", names(&i.narrators));
    println!("interviewers: {}", names(&i.interviewers));
    println!("collection:   {}", i.collection_id.as_deref().unwrap_or(""));
    println!("summary:      {}", i.summary);
}

fn interviews(a: &mut Archive, command: InterviewCommand) -> Result<(), Failure> {
    match command {
        InterviewCommand::List { collection, json } => {
            let list = interview::list(
                a,
                &InterviewFilter {
                    collection_id: collection,
                },
            )?;
            if json {
                return print_json(&list);
            }
            for i in &list {
                println!(
                    "{}  {:<40}  {:<8}  {}",
                    i.id,
                    i.title,
                    i.date.as_deref().unwrap_or(""),
                    names(&i.narrators)
                );
            }
        }
        InterviewCommand::Show { id, json } => {
            let i = interview::get(a, &id)?;
            if json {
                return print_json(&i);
            }
            print_interview(&i);
        }
        InterviewCommand::Add { fields, json } => {
            let mut input = InterviewInput::default();
            fields.apply(&mut input);
            let created = interview::create(a, &input, Origin::Cli)?;
            if json {
                return print_json(&created);
            }
            println!("{}", created.id);
        }
        InterviewCommand::Edit { id, fields, json } => {
            let mut input = InterviewInput::from(&interview::get(a, &id)?);
            fields.apply(&mut input);
            let updated = interview::update(a, &id, &input, Origin::Cli)?;
            if json {
                return print_json(&updated);
            }
            print_interview(&updated);
        }
        InterviewCommand::Delete { id } => interview::delete(a, &id, Origin::Cli)?,
    }
    Ok(())
}

fn collections(a: &mut Archive, command: CollectionCommand) -> Result<(), Failure> {
    match command {
        CollectionCommand::List { json } => {
            let list = collection::list(a)?;
            if json {
                return print_json(&list);
            }
            for c in &list {
                println!(
                    "{}  {:<40}  {} interviews",
                    c.id, c.title, c.interview_count
                );
            }
        }
        CollectionCommand::Show { id, json } => {
            let c = collection::get(a, &id)?;
            if json {
                return print_json(&c);
            }
            println!(
                "id:          {}\ntitle:       {}\ninterviews:  {}\ndescription: {}",
                c.id, c.title, c.interview_count, c.description
            );
        }
        CollectionCommand::Add {
            title,
            description,
            json,
        } => {
            let created =
                collection::create(a, &CollectionInput { title, description }, Origin::Cli)?;
            if json {
                return print_json(&created);
            }
            println!("{}", created.id);
        }
        CollectionCommand::Edit {
            id,
            title,
            description,
            json,
        } => {
            let current = collection::get(a, &id)?;
            let input = CollectionInput {
                title: title.unwrap_or(current.title),
                description: description.unwrap_or(current.description),
            };
            let updated = collection::update(a, &id, &input, Origin::Cli)?;
            if json {
                return print_json(&updated);
            }
            println!("{}  {}", updated.id, updated.title);
        }
        CollectionCommand::Delete { id } => collection::delete(a, &id, Origin::Cli)?,
    }
    Ok(())
}
