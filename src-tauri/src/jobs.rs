//! Long jobs started from the window: each has an id the window chose, reports progress over a
//! channel, and can be cancelled with `cancel_job`.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use recollect_db::{
    jobs::{CancelFlag, JobContext, Progress},
    Archive, ErrorCode,
};
use tauri::{ipc::Channel, State};

use crate::{
    error::{AppError, AppResult},
    state::AppState,
};

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

impl Jobs {
    /// Runs `f` on the open archive as job `job_id`: progress goes to `channel`, `cancel_job`
    /// stops it, and a failure is reported on the channel as well as returned.
    pub async fn run<T: Send + 'static>(
        &self,
        state: &AppState,
        job_id: &str,
        channel: Channel<Progress>,
        f: impl FnOnce(&mut Archive, &JobContext) -> recollect_db::Result<T> + Send + 'static,
    ) -> AppResult<T> {
        let job = self.start(job_id, channel.clone());
        let result = state.with_archive(move |a| f(a, &job)).await;
        self.ended(job_id, &channel, result)
    }

    /// Runs a long job in two parts, as job `job_id`: `read` on a read connection of its own
    /// ([`AppState::with_reader`]), so every other command goes on meanwhile, then `write` on
    /// the open archive with what `read` returned (the one writer, held only for that).
    /// Progress, cancellation and failures as for [`Jobs::run`].
    pub async fn run_reading<R: Send + 'static, T: Send + 'static>(
        &self,
        state: &AppState,
        job_id: &str,
        channel: Channel<Progress>,
        read: impl FnOnce(&Archive, &JobContext) -> recollect_db::Result<R> + Send + 'static,
        write: impl FnOnce(&mut Archive, R, &JobContext) -> recollect_db::Result<T> + Send + 'static,
    ) -> AppResult<T> {
        let job = Arc::new(self.start(job_id, channel.clone()));
        let reader_job = job.clone();
        let result = match state.with_reader(move |a| read(a, &reader_job)).await {
            Ok(read) => state.with_archive(move |a| write(a, read, &job)).await,
            Err(e) => Err(e),
        };
        self.ended(job_id, &channel, result)
    }

    /// Forgets a job that ended, and reports its failure on its channel too.
    pub(crate) fn ended<T>(
        &self,
        job_id: &str,
        channel: &Channel<Progress>,
        result: AppResult<T>,
    ) -> AppResult<T> {
        self.finish(job_id);
        if let Err(e) = &result {
            let _ = channel.send(Progress::Failed {
                message: e.message.clone(),
                cancelled: e.code == ErrorCode::Cancelled,
            });
        }
        result
    }
}

/// Asks a running job to stop. Its work is rolled back.
#[tauri::command]
#[specta::specta]
pub fn cancel_job(jobs: State<'_, Jobs>, job_id: String) -> AppResult<()> {
    if jobs.cancel(&job_id) {
        Ok(())
    } else {
        Err(AppError::new(
            ErrorCode::NotFound,
            "that job has already finished",
        ))
    }
}
