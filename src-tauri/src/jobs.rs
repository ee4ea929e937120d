//! Long jobs started from the window: each has an id the window chose, reports progress over a
//! channel, and can be cancelled with `cancel_job`.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use recollect_db::jobs::{CancelFlag, JobContext, Progress};
use tauri::ipc::Channel;

/// The jobs running now, by id.
#[derive(Clone, Default)]
pub struct Jobs(Arc<Mutex<HashMap<String, CancelFlag>>>);

impl Jobs {
    /// Registers a job and returns the context it runs with; progress goes to `channel`.
    pub fn start(&self, job_id: &str, channel: Channel<Progress>) -> JobContext {
        let flag = CancelFlag::default();
        self.0
            .lock()
            .expect("jobs lock")
            .insert(job_id.to_owned(), flag.clone());
        JobContext::new(flag, move |progress| {
            if let Err(e) = channel.send(progress) {
                tracing::debug!(error = %e, "progress channel closed");
            }
        })
    }

    /// Forgets a finished job.
    pub fn finish(&self, job_id: &str) {
        self.0.lock().expect("jobs lock").remove(job_id);
    }

    /// Asks a job to stop; false when no such job is running.
    pub fn cancel(&self, job_id: &str) -> bool {
        match self.0.lock().expect("jobs lock").get(job_id) {
            Some(flag) => {
                flag.cancel();
                true
            }
            None => false,
        }
    }
}
