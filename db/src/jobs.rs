//! Long jobs (imports, exports, audits, thumbnails): progress reports and cancellation.
//!
//! A job gets a [`JobContext`]; it reports through it and checks it for cancellation between
//! steps. Front ends decide where reports go: a Tauri channel, a terminal progress line, a test.

use std::sync::{
    atomic::{AtomicBool, Ordering},
    Arc,
};

use serde::Serialize;

use crate::error::{Error, Result};

/// A report from a running job.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Progress {
    /// The job began.
    Started {
        /// What the job does, for the progress panel.
        title: String,
    },
    /// A step finished.
    Progress {
        /// The phase ("hashing", "writing").
        phase: String,
        /// Units done so far.
        done: u32,
        /// Units in all, when known.
        total: Option<u32>,
    },
    /// Something the user should know that did not stop the job.
    Warning {
        /// What happened.
        message: String,
    },
    /// The job finished.
    Finished {
        /// A one-line summary of the result.
        summary: String,
    },
    /// The job stopped on an error or was cancelled; nothing it did was kept.
    Failed {
        /// Why.
        message: String,
        /// True when the user cancelled it.
        cancelled: bool,
    },
}

/// A flag a front end sets to stop a job.
#[derive(Debug, Clone, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    /// Asks the job to stop at its next check.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether cancellation was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// What a running job reports through and checks for cancellation.
pub struct JobContext {
    cancel: CancelFlag,
    report: Box<dyn Fn(Progress) + Send + Sync>,
}

impl JobContext {
    /// A context that sends reports to `report` and stops when `cancel` is set.
    pub fn new(cancel: CancelFlag, report: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        JobContext {
            cancel,
            report: Box::new(report),
        }
    }

    /// A context that reports nowhere and is never cancelled.
    pub fn silent() -> Self {
        JobContext::new(CancelFlag::default(), |_| {})
    }

    /// Sends a report.
    pub fn report(&self, progress: Progress) {
        (self.report)(progress);
    }

    /// Reports progress, then fails with [`Error::Cancelled`] if the user asked to stop.
    pub fn step(&self, phase: &str, done: u32, total: Option<u32>) -> Result<()> {
        self.report(Progress::Progress {
            phase: phase.to_owned(),
            done,
            total,
        });
        self.check()
    }

    /// The cancellation flag itself, for work that checks it outside this crate (speech
    /// recognition, between two windows of a recording).
    pub fn cancel_signal(&self) -> &AtomicBool {
        &self.cancel.0
    }

    /// Fails with [`Error::Cancelled`] if the user asked to stop.
    pub fn check(&self) -> Result<()> {
        if self.cancel.is_cancelled() {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests;
