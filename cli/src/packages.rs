//! `recollect export bag`, `recollect import bag`, `recollect validate bag`: packages.
//!
//! `recollect audit`: re-hash every file the archive keeps; exits non-zero when any is missing
//! or changed.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use recollect_db::{
    export::{
        bagit,
        content::Selection,
        package::{self, ExportOptions, Profile},
    },
    fixity,
    jobs::{CancelFlag, JobContext, Progress},
    Archive, Origin,
};

use crate::{print_json, Failure};

/// `recollect export ...`
#[derive(Subcommand)]
pub enum ExportCommand {
    /// Export a BagIt package (with no selection, the whole archive).
    Bag {
        /// A new folder for the bag, in a folder that exists (or an empty folder).
        #[arg(long)]
        out: PathBuf,
        /// public (honours every restriction) or full (everything, for handover).
        #[arg(long)]
        profile: Profile,
        /// Only this collection.
        #[arg(long, conflicts_with = "search")]
        collection: Option<String>,
        /// Only the interviews this search finds.
        #[arg(long)]
        search: Option<String>,
        /// Source-Organization for bag-info.txt.
        #[arg(long, default_value = "")]
        organization: String,
        /// Contact-Name for bag-info.txt.
        #[arg(long, default_value = "")]
        contact: String,
        /// External-Description for bag-info.txt.
        #[arg(long, default_value = "")]
        description: String,
        /// The date restrictions are judged at (yyyy-mm-dd); today when not given.
        #[arg(long)]
        as_of: Option<String>,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// What a package would hold and withhold, writing nothing (as the window's preview).
    Preview {
        /// public (honours every restriction) or full (everything, for handover).
        #[arg(long)]
        profile: Profile,
        /// Only this collection.
        #[arg(long, conflicts_with = "search")]
        collection: Option<String>,
        /// Only the interviews this search finds.
        #[arg(long)]
        search: Option<String>,
        /// The date restrictions are judged at (yyyy-mm-dd); today when not given.
        #[arg(long)]
        as_of: Option<String>,
        /// Print the preview as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `recollect import ...`
#[derive(Subcommand)]
pub enum ImportCommand {
    /// Verify a bag, then import its records, all or nothing.
    Bag {
        /// The bag's folder.
        dir: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `recollect validate ...`
#[derive(Subcommand)]
pub enum ValidateCommand {
    /// Check a bag's manifests, digests and paths.
    Bag {
        /// The bag's folder.
        dir: PathBuf,
    },
}

fn progress_line() -> JobContext {
    JobContext::new(CancelFlag::default(), |p| {
        if let Progress::Progress {
            phase,
            done,
            total: Some(total),
        } = p
        {
            eprint!("\r{phase}: {done} of {total}   ");
        }
    })
}

/// Runs an export.
pub fn export(archive: &mut Archive, command: ExportCommand) -> Result<(), Failure> {
    if let ExportCommand::Preview {
        profile,
        collection,
        search,
        as_of,
        json,
    } = command
    {
        let preview = package::preview(
            archive,
            profile,
            &selection_of(collection, search),
            &as_of.unwrap_or_else(recollect_db::dates::today),
            &progress_line(),
        )?;
        eprint!("\r");
        if json {
            return print_json(&preview);
        }
        println!("{} interviews", preview.interviews);
        for line in &preview.withheld {
            println!("withheld: {line}");
        }
        return Ok(());
    }
    let ExportCommand::Bag {
        out,
        profile,
        collection,
        search,
        organization,
        contact,
        description,
        as_of,
        json,
    } = command
    else {
        unreachable!("a preview returned above")
    };
    let selection = selection_of(collection, search);
    let options = ExportOptions {
        out: out.to_string_lossy().into_owned(),
        profile,
        selection,
        organization,
        contact,
        description,
    };
    let summary = package::export(
        archive,
        &options,
        &as_of.unwrap_or_else(recollect_db::dates::today),
        Origin::Cli,
        &progress_line(),
    )?;
    eprint!("\r");
    if json {
        return print_json(&summary);
    }
    println!(
        "{} interviews, {} files ({:.1} MB) in {}",
        summary.interviews, summary.files, summary.megabytes, summary.out
    );
    for line in &summary.withheld {
        println!("withheld: {line}");
    }
    Ok(())
}

/// The selection of `--collection` or `--search`; the whole archive without either.
fn selection_of(collection: Option<String>, search: Option<String>) -> Selection {
    match (collection, search) {
        (Some(id), _) => Selection::Collection { id },
        (_, Some(query)) => Selection::Search { query },
        _ => Selection::All,
    }
}

/// Runs an import.
pub fn import(archive: &mut Archive, command: ImportCommand) -> Result<(), Failure> {
    let ImportCommand::Bag { dir, json } = command;
    let report = package::import(archive, &dir, &progress_line())?;
    eprint!("\r");
    if json {
        return print_json(&report);
    }
    println!(
        "{} records added, {} unchanged, {} conflicts",
        report.added,
        report.unchanged,
        report.conflicts.len()
    );
    for c in &report.conflicts {
        let fields: Vec<&str> = c.fields.iter().map(|(f, _, _)| f.as_str()).collect();
        println!("conflict: {} {} ({})", c.table, c.id, fields.join(", "));
    }
    Ok(())
}

/// Validates a bag.
pub fn validate(command: ValidateCommand) -> Result<(), Failure> {
    let ValidateCommand::Bag { dir } = command;
    let bag = bagit::verify(&dir, &progress_line())?;
    eprint!("\r");
    println!(
        "{} is valid: BagIt {}, {} payload files, verified with {}",
        dir.display(),
        bag.version,
        bag.payload.len(),
        bag.algorithms.join(" and ")
    );
    Ok(())
}

/// Audit arguments.
#[derive(Args)]
pub struct AuditArgs {
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs an audit.
pub fn audit(a: &mut Archive, args: AuditArgs) -> Result<(), Failure> {
    let job = JobContext::new(CancelFlag::default(), |p| {
        if let Progress::Progress {
            done,
            total: Some(total),
            ..
        } = p
        {
            eprint!("\rchecked {done} of {total} files");
        }
    });
    let report = fixity::audit(a, &job, Origin::Cli)?;
    eprintln!();
    if args.json {
        print_json(&report)?;
    } else {
        for m in &report.missing {
            println!("missing  {}  ({})", m.name, m.path);
        }
        for c in &report.changed {
            println!(
                "changed  {}  ({}): expected {}, found {}",
                c.name, c.path, c.expected, c.actual
            );
        }
        println!("{}", report.summary());
    }
    if report.is_clean() {
        Ok(())
    } else {
        Err(format!(
            "the audit found {} missing and {} changed files",
            report.missing.len(),
            report.changed.len()
        )
        .into())
    }
}
