//! `recollect restrict`, `release`, `access` and `public`: restrictions, release forms, the
//! access a record has, and what may leave the archive.

use std::path::PathBuf;

use clap::Args;
use recollect_db::{
    accession::{self, DocumentKind},
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
