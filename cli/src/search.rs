//! `recollect search "QUERY"`: the archive's full-text search.

use clap::Args;
use recollect_db::{
    jobs::{CancelFlag, JobContext, Progress},
    search::{self, SearchQuery},
    transcript::clock,
    Archive,
};

use crate::{print_json, Failure};

/// Search arguments.
#[derive(Args)]
pub struct SearchArgs {
    /// Words to find; `word*` for a prefix, "two words" for a phrase, OR and NOT in capitals.
    query: String,
    /// Only this collection.
    #[arg(long)]
    collection: Option<String>,
    /// Only interviews this person narrates.
    #[arg(long)]
    narrator: Option<String>,
    /// Only transcripts in this language.
    #[arg(long)]
    language: Option<String>,
    /// Only interviews dated in or after this year.
    #[arg(long)]
    from: Option<i32>,
    /// Only interviews dated in or before this year.
    #[arg(long)]
    to: Option<i32>,
    /// At most this many results (interviews with their passages, or records).
    #[arg(long, default_value_t = 50)]
    limit: u32,
    /// Skip this many results first: `--offset 50` is the second page of 50.
    #[arg(long, default_value_t = 0)]
    offset: u32,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Runs a search: the person the query named, if any; then each matching interview with its
/// number of matching passages and its best ones with their times; then the records.
pub fn run(archive: &Archive, args: SearchArgs) -> Result<(), Failure> {
    let results = search::search_grouped(
        archive,
        &SearchQuery {
            text: args.query,
            collection_id: args.collection,
            narrator_id: args.narrator,
            language: args.language,
            year_from: args.from,
            year_to: args.to,
            limit: Some(args.limit),
            offset: Some(args.offset),
        },
    )?;
    if args.json {
        return print_json(&results);
    }
    let bold = |snippet: &str| {
        snippet
            .replace("<mark>", "\x1b[1m")
            .replace("</mark>", "\x1b[0m")
    };
    if let Some(person) = &results.person {
        println!(
            "matched as {} (the query fits their name \"{}\"): their passages in every spelling are included",
            person.name, person.matched_name
        );
    }
    let shown = (results.interviews.len() + results.records.len()) as u32;
    println!(
        "{} results ({} passages in {} interviews, {} records){}",
        results.total,
        results.passages_matched,
        results.interviews_matched,
        results.records_matched,
        if shown > 0 && shown < results.total {
            format!(
                "; showing {} to {}",
                results.offset + 1,
                results.offset + shown
            )
        } else {
            String::new()
        }
    );
    for group in &results.interviews {
        println!("\n{}  ({} passages)", group.interview_title, group.count);
        for hit in &group.passages {
            let at = hit.start_ms.map(clock).unwrap_or_default();
            let matched = hit
                .matched_as
                .as_deref()
                .map(|p| format!("  [matched as {p}]"))
                .unwrap_or_default();
            println!("  {:<12} {}{matched}", at, bold(&hit.snippet));
        }
    }
    if !results.records.is_empty() {
        println!("\nrecords");
    }
    for hit in &results.records {
        let at = hit.start_ms.map(clock).unwrap_or_default();
        println!(
            "  {:<11} {:<12} {}  {}",
            format!("{:?}", hit.kind).to_lowercase(),
            at,
            hit.interview_title.as_deref().unwrap_or(""),
            bold(&hit.snippet)
        );
    }
    Ok(())
}

/// Reindex arguments.
#[derive(Args)]
pub struct ReindexArgs {
    /// Only compare the index with the rows, changing nothing; exits non-zero when they differ.
    #[arg(long)]
    check: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Rebuilds the search index from the rows, or checks it against them.
pub fn reindex(archive: &mut Archive, args: ReindexArgs) -> Result<(), Failure> {
    if args.check {
        let problems = search::index::disagreements(archive.conn())?;
        if args.json {
            print_json(&problems)?;
        } else if problems.is_empty() {
            println!("the search index agrees with the archive");
        } else {
            for p in &problems {
                println!("{p}");
            }
        }
        if problems.is_empty() {
            return Ok(());
        }
        return Err(Failure::from(recollect_db::Error::Integrity(format!(
            "the search index disagrees with the archive in {} places; run recollect reindex",
            problems.len()
        ))));
    }
    let job = JobContext::new(CancelFlag::default(), |p| {
        if let Progress::Progress {
            done,
            total: Some(total),
            ..
        } = p
        {
            eprint!("\rindexed {done} of {total} passages");
        }
    });
    let done = search::rebuild_index(archive, &job)?;
    eprintln!();
    if args.json {
        return print_json(&done);
    }
    println!(
        "indexed {} passages and {} records",
        done.segments, done.records
    );
    Ok(())
}
