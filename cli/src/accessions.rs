//! `recollect accessions ...`: how material came in, with the deed of gift kept by hash.

use std::path::PathBuf;

use clap::Subcommand;
use recollect_db::{
    accession::{self, AccessionInput, AccessionMethod},
    records, Archive, Origin,
};

use crate::{print_json, Failure};

/// Accession commands.
#[derive(Subcommand)]
pub enum AccessionsCommand {
    /// Record an accession.
    Add {
        /// Who gave or sold it.
        #[arg(long)]
        donor: String,
        /// The donor's person id, when they are in the archive.
        #[arg(long)]
        donor_person: Option<String>,
        /// The accession number.
        #[arg(long, default_value = "")]
        identifier: String,
        /// When it was received, in EDTF.
        #[arg(long)]
        received: Option<String>,
        /// gift, purchase, deposit, transfer, loan, recorded or other.
        #[arg(long, default_value = "gift")]
        method: AccessionMethod,
        /// The deed of gift, kept in the archive with its SHA-256.
        #[arg(long)]
        deed: Option<PathBuf>,
        /// A record that came in with it, repeatable.
        #[arg(long = "record")]
        records: Vec<String>,
        /// A note.
        #[arg(long, default_value = "")]
        note: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Every accession, newest first.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// One accession.
    Show {
        /// Its id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Delete an accession; its deed stays among the archive's files and in the log.
    Delete {
        /// Its id.
        id: String,
    },
}

fn print(a: &accession::Accession) {
    println!("id:        {}", a.id);
    println!("number:    {}", a.identifier);
    println!("donor:     {}", a.donor);
    println!("received:  {}", a.received.as_deref().unwrap_or(""));
    println!("method:    {}", a.method.as_str());
    if let Some(d) = &a.deed {
        println!("deed:      {} (sha256 {})", d.original_name, d.sha256);
    }
    for r in &a.records {
        println!("record:    {} {}", r.kind, r.id);
    }
}

/// Runs an accession command.
pub fn run(a: &mut Archive, command: AccessionsCommand) -> Result<(), Failure> {
    match command {
        AccessionsCommand::Add {
            donor,
            donor_person,
            identifier,
            received,
            method,
            deed,
            records: ids,
            note,
            json,
        } => {
            let records = ids
                .iter()
                .map(|id| records::resolve(a, id))
                .collect::<Result<Vec<_>, _>>()?;
            let input = AccessionInput {
                identifier,
                donor,
                donor_person_id: donor_person,
                received,
                method,
                records,
                note,
            };
            let created = accession::create(a, &input, deed.as_deref(), Origin::Cli)?;
            if json {
                return print_json(&created);
            }
            println!("{}", created.id);
        }
        AccessionsCommand::List { json } => {
            let all = accession::list(a)?;
            if json {
                return print_json(&all);
            }
            for x in &all {
                println!(
                    "{}  {:<10} {:<30} {}",
                    x.id,
                    x.identifier,
                    x.donor,
                    x.received.as_deref().unwrap_or("")
                );
            }
        }
        AccessionsCommand::Show { id, json } => {
            let x = accession::get(a, &id)?;
            if json {
                return print_json(&x);
            }
            print(&x);
        }
        AccessionsCommand::Delete { id } => {
            accession::delete(a, &id, Origin::Cli)?;
        }
    }
    Ok(())
}
