//! `recollect restrict`, `release`, `access` and `public`: restrictions, release forms, the
//! access a record has, and what may leave the archive.
//!
//! `recollect accessions ...`: how material came in, with the deed of gift kept by hash.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use recollect_db::{
    accession::{self, AccessionInput, AccessionMethod, DocumentKind},
    dates, public,
    records::{self, RecordKind, Target},
    restrictions::{
        self, Access, AccessLevel, Layer, ReleaseFormInput, ReleaseStatus, ReleaseTerms,
        RestrictionAction, RestrictionInput,
    },
    Archive, Origin,
};

use crate::{print_json, Failure};

/// `recollect restrict --record ID --level open|restricted|closed [--until DATE] [--reason TEXT]`.
#[derive(Args)]
pub struct RestrictArgs {
    /// The record, or the first segment of a span.
    #[arg(long)]
    record: String,
    /// The last segment of a span that starts at --record.
    #[arg(long)]
    through: Option<String>,
    /// open (lifts the curator's restriction), restricted or closed.
    #[arg(long, required_unless_present_any = ["seal", "redact"])]
    level: Option<AccessLevel>,
    /// Seal a span (or a whole transcript): its text is withheld, its place and times kept.
    #[arg(long, conflicts_with_all = ["level", "redact"])]
    seal: bool,
    /// Redact a span: public output shows --replacement instead of its text.
    #[arg(long, conflicts_with = "level")]
    redact: bool,
    /// What public output shows instead of a redacted span ("[redacted]").
    #[arg(long, requires = "redact")]
    replacement: Option<String>,
    /// all, text or audio.
    #[arg(long, default_value = "all")]
    layer: Layer,
    /// The day it lifts by itself (YYYY-MM-DD): an embargo.
    #[arg(long)]
    until: Option<String>,
    /// Why; recorded in the log.
    #[arg(long, default_value = "")]
    reason: String,
    /// Print the resulting access as JSON.
    #[arg(long)]
    json: bool,
}

/// `recollect release --record ID --status signed --terms ...`.
#[derive(Args)]
pub struct ReleaseArgs {
    /// The interview or person the form covers.
    #[arg(long)]
    record: String,
    /// none, pending, signed or declined.
    #[arg(long)]
    status: ReleaseStatus,
    /// open, closed_until_date, closed_until_death, transcript_closed_audio_open or
    /// audio_closed_transcript_open.
    #[arg(long, default_value = "open")]
    terms: ReleaseTerms,
    /// The day closed terms end (YYYY-MM-DD).
    #[arg(long)]
    until: Option<String>,
    /// The day it was signed (YYYY-MM-DD).
    #[arg(long)]
    signed_on: Option<String>,
    /// The narrator whose death lifts closed_until_death (when the interview has several).
    #[arg(long)]
    narrator: Option<String>,
    /// The signed form, kept in the archive with its hash.
    #[arg(long)]
    document: Option<PathBuf>,
    /// A note.
    #[arg(long, default_value = "")]
    note: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `recollect access --record ID`: what restricts a record and what it may show.
#[derive(Args)]
pub struct AccessArgs {
    /// The record, or the first segment of a span.
    #[arg(long)]
    record: String,
    /// The last segment of a span that starts at --record.
    #[arg(long)]
    through: Option<String>,
    /// The day to ask about (YYYY-MM-DD); today when not given.
    #[arg(long)]
    today: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `recollect public`: what may leave the archive in public output.
#[derive(Args)]
pub struct PublicArgs {
    /// The day to ask about (YYYY-MM-DD); today when not given.
    #[arg(long)]
    today: Option<String>,
    /// Print the whole public view as JSON, as exports read it.
    #[arg(long)]
    json: bool,
}

fn print_access(access: &Access) {
    let level = |l: AccessLevel| l.as_str();
    println!(
        "record: {}   text: {}   audio: {}",
        level(access.level),
        level(access.text),
        level(access.audio)
    );
    if let Some(r) = &access.redaction {
        println!("redacted in public output as \"{r}\"");
    }
    if let Some(day) = &access.lifts_on {
        println!("lifts on {day}");
    }
    for r in &access.reasons {
        println!("  {}", r.because);
    }
}

/// Restricts, seals or redacts, then shows the access that results.
pub fn restrict(a: &mut Archive, args: RestrictArgs) -> Result<(), Failure> {
    let target = records::resolve_target(a, &args.record, args.through.as_deref())?;
    let action = if args.seal {
        RestrictionAction::Seal
    } else if args.redact {
        RestrictionAction::Redact
    } else {
        RestrictionAction::Restrict
    };
    let input = RestrictionInput {
        target: Some(target.clone()),
        action,
        level: args.level.unwrap_or(AccessLevel::Closed),
        layer: args.layer,
        until: args.until,
        reason: args.reason,
        replacement: args.replacement,
    };
    restrictions::restrict(a, &input, Origin::Cli)?;
    let access = restrictions::effective_access(a, &target, &dates::today())?;
    if args.json {
        return print_json(&access);
    }
    print_access(&access);
    Ok(())
}

/// Records a release form.
pub fn release(a: &mut Archive, args: ReleaseArgs) -> Result<(), Failure> {
    let subject = records::resolve(a, &args.record)?;
    if !matches!(subject.kind, RecordKind::Interview | RecordKind::Person) {
        return Err("a release form covers an interview or a person".into());
    }
    let document_id = args
        .document
        .map(|d| {
            accession::add_document(a, &d, DocumentKind::ReleaseForm, Origin::Cli).map(|d| d.id)
        })
        .transpose()?;
    let input = ReleaseFormInput {
        subject: subject.clone(),
        status: args.status,
        signed_on: args.signed_on,
        terms: args.terms,
        until: args.until,
        narrator_id: args.narrator,
        document_id,
        note: args.note,
    };
    let form = restrictions::add_release_form(a, &input, Origin::Cli)?;
    if args.json {
        return print_json(&form);
    }
    println!("{}", form.id);
    print_access(&restrictions::effective_access(
        a,
        &Target::Record(subject),
        &dates::today(),
    )?);
    Ok(())
}

/// Shows what restricts a record today, or on a given day.
pub fn access(a: &Archive, args: AccessArgs) -> Result<(), Failure> {
    let target = records::resolve_target(a, &args.record, args.through.as_deref())?;
    let today = args.today.unwrap_or_else(dates::today);
    let access = restrictions::effective_access(a, &target, &today)?;
    if args.json {
        return print_json(&access);
    }
    print_access(&access);
    Ok(())
}

/// Shows what may leave the archive, as every public export sees it.
pub fn public(a: &Archive, args: PublicArgs) -> Result<(), Failure> {
    let today = args.today.unwrap_or_else(dates::today);
    let view = public::archive(a, &today)?;
    if args.json {
        return print_json(&view);
    }
    println!(
        "public on {}: {} collections, {} interviews, {} people",
        view.today,
        view.collections.len(),
        view.interviews.len(),
        view.people.len()
    );
    println!("withheld: {}", view.withheld.summary());
    Ok(())
}

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
pub fn accessions(a: &mut Archive, command: AccessionsCommand) -> Result<(), Failure> {
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
