//! `recollect search "QUERY"`: the archive's full-text search.

use clap::Args;
use recollect_db::{
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
    /// At most this many hits.
    #[arg(long, default_value_t = 50)]
    limit: u32,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Runs a search.
pub fn run(archive: &Archive, args: SearchArgs) -> Result<(), Failure> {
    let hits = search::search(
        archive,
        &SearchQuery {
            text: args.query,
            collection_id: args.collection,
            narrator_id: args.narrator,
            language: args.language,
            year_from: args.from,
            year_to: args.to,
            limit: Some(args.limit),
        },
    )?;
    if args.json {
        return print_json(&hits);
    }
    for hit in &hits {
        let at = hit.start_ms.map(clock).unwrap_or_default();
        let snippet = hit
            .snippet
            .replace("<mark>", "\x1b[1m")
            .replace("</mark>", "\x1b[0m");
        println!(
            "{:<11} {:<12} {}  {}",
            format!("{:?}", hit.kind).to_lowercase(),
            at,
            hit.interview_title.as_deref().unwrap_or(""),
            snippet
        );
    }
    Ok(())
}
