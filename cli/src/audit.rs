//! `recollect audit`: re-hash every file the archive keeps; exits non-zero when any is missing
//! or changed.

use clap::Args;
use recollect_db::{
    fixity,
    jobs::{CancelFlag, JobContext, Progress},
    Archive, Origin,
};

use crate::{print_json, Failure};

/// Audit arguments.
#[derive(Args)]
pub struct AuditArgs {
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs an audit.
pub fn run(a: &mut Archive, args: AuditArgs) -> Result<(), Failure> {
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
