//! `recollect trash ...`: deleted interviews, people, photos and sources, kept with all they
//! held until restored or purged.

use clap::Subcommand;
use recollect_db::{trash, Archive, Origin};

use crate::{print_json, Failure};

/// Trash commands.
#[derive(Subcommand)]
pub enum TrashCommand {
    /// What is in the trash, most recently deleted first.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Bring a record back from the trash, with everything it held.
    Restore {
        /// The record's id.
        id: String,
    },
    /// Delete a record in the trash for good (or --all of them). This cannot be undone.
    Purge {
        /// The record's id.
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        id: Option<String>,
        /// Empty the whole trash.
        #[arg(long)]
        all: bool,
    },
}

/// Runs a trash command.
pub fn run(a: &mut Archive, command: TrashCommand) -> Result<(), Failure> {
    match command {
        TrashCommand::List { json } => {
            let items = trash::list(a)?;
            if json {
                return print_json(&items);
            }
            if items.is_empty() {
                println!("the trash is empty");
            }
            for item in &items {
                let holds = if item.holds.is_empty() {
                    String::new()
                } else {
                    format!(", with {}", item.holds)
                };
                println!(
                    "{}  {}  {}  (deleted {}{holds})",
                    item.id,
                    item.kind.as_str(),
                    item.label,
                    item.deleted_at
                );
            }
        }
        TrashCommand::Restore { id } => {
            let restored = trash::restore(a, &id, Origin::Cli)?;
            println!(
                "restored {} \"{}\"",
                restored.item.kind.as_str(),
                restored.item.label
            );
            if restored.left_out > 0 {
                println!(
                    "{} of what it held points at records deleted since, and stays out",
                    restored.left_out
                );
            }
        }
        TrashCommand::Purge { id, all } => {
            if all {
                let n = trash::purge_all(a, Origin::Cli)?;
                println!("purged {n} record(s) from the trash");
            } else if let Some(id) = id {
                let item = trash::purge(a, &id, Origin::Cli)?;
                println!("purged {} \"{}\" for good", item.kind.as_str(), item.label);
            }
        }
    }
    Ok(())
}
