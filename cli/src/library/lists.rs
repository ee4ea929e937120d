//! `recollect lists ...` and `recollect searches ...`: the sidebar's hand-made lists and saved
//! searches.

use clap::Subcommand;
use recollect_db::{lists, records, saved_searches, search::SearchQuery, Archive, Origin};

use crate::{print_json, Failure};

/// List commands.
#[derive(Subcommand)]
pub enum ListsCommand {
    /// Every list.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Make a list.
    New {
        /// Its name.
        name: String,
        /// What it is for.
        #[arg(long, default_value = "")]
        description: String,
    },
    /// A list's records, in order.
    Show {
        /// The list (id or name).
        list: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add a record to a list (or move it there).
    Add {
        /// The list (id or name).
        list: String,
        /// The record.
        #[arg(long)]
        record: String,
        /// Its place, from 1; at the end when not given.
        #[arg(long)]
        at: Option<u32>,
    },
    /// Take a record off a list.
    Remove {
        /// The list (id or name).
        list: String,
        /// The record.
        #[arg(long)]
        record: String,
    },
    /// Rename a list.
    Rename {
        /// The list (id or name).
        list: String,
        /// The new name.
        name: String,
    },
    /// Delete a list; its records stay.
    Delete {
        /// The list (id or name).
        list: String,
    },
}

/// Saved search commands.
#[derive(Subcommand)]
pub enum SearchesCommand {
    /// Every saved search.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Save a search under a name.
    Save {
        /// Its name.
        name: String,
        /// The words to find.
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
    },
    /// Run a saved search.
    Run {
        /// The saved search (id or name).
        search: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Delete a saved search.
    Delete {
        /// The saved search (id or name).
        search: String,
    },
}

/// Runs a list command.
pub fn run(a: &mut Archive, command: ListsCommand) -> Result<(), Failure> {
    match command {
        ListsCommand::List { json } => {
            let all = lists::list(a)?;
            if json {
                return print_json(&all);
            }
            for l in &all {
                println!("{}  {}  ({} records)", l.id, l.name, l.items.len());
            }
        }
        ListsCommand::New { name, description } => {
            println!("{}", lists::create(a, &name, &description, Origin::Cli)?.id)
        }
        ListsCommand::Show { list, json } => {
            let entries = lists::entries(a, &list)?;
            if json {
                return print_json(&entries);
            }
            for (n, e) in entries.iter().enumerate() {
                println!(
                    "{:>3}. {}  {:<11} {}",
                    n + 1,
                    e.record.id,
                    e.record.kind.as_str(),
                    e.title
                );
            }
        }
        ListsCommand::Add { list, record, at } => {
            let record = records::resolve(a, &record)?;
            lists::add(
                a,
                &list,
                &record,
                at.map(|n| n.saturating_sub(1)),
                Origin::Cli,
            )?;
        }
        ListsCommand::Remove { list, record } => {
            lists::remove(a, &list, &record, Origin::Cli)?;
        }
        ListsCommand::Rename { list, name } => {
            let current = lists::get(a, &list)?;
            lists::rename(a, &current.id, &name, &current.description, Origin::Cli)?;
        }
        ListsCommand::Delete { list } => lists::delete(a, &list, Origin::Cli)?,
    }
    Ok(())
}

/// Runs a saved search command.
pub fn searches(a: &mut Archive, command: SearchesCommand) -> Result<(), Failure> {
    match command {
        SearchesCommand::List { json } => {
            let all = saved_searches::list(a)?;
            if json {
                return print_json(&all);
            }
            for s in &all {
                println!("{}  {}  \"{}\"", s.id, s.name, s.query.text);
            }
        }
        SearchesCommand::Save {
            name,
            query,
            collection,
            narrator,
            language,
        } => {
            let query = SearchQuery {
                text: query,
                collection_id: collection,
                narrator_id: narrator,
                language,
                ..Default::default()
            };
            println!(
                "{}",
                saved_searches::create(a, &name, &query, Origin::Cli)?.id
            );
        }
        SearchesCommand::Run { search, json } => {
            let hits = saved_searches::run(a, &search)?;
            if json {
                return print_json(&hits);
            }
            for hit in &hits {
                println!(
                    "{:<11} {}  {}",
                    format!("{:?}", hit.kind).to_lowercase(),
                    hit.interview_title.as_deref().unwrap_or(""),
                    hit.snippet
                );
            }
        }
        SearchesCommand::Delete { search } => saved_searches::delete(a, &search, Origin::Cli)?,
    }
    Ok(())
}
