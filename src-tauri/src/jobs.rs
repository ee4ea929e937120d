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
    state::background_failed,
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
        state: &crate::state::AppState,
        job_id: &str,
        channel: Channel<Progress>,
        f: impl FnOnce(&mut recollect_db::Archive, &JobContext) -> recollect_db::Result<T>
            + Send
            + 'static,
    ) -> crate::error::AppResult<T> {
        let job = self.start(job_id, channel.clone());
        let result = state.with_archive(move |a| f(a, &job)).await;
        self.finish(job_id);
        if let Err(e) = &result {
            let _ = channel.send(Progress::Failed {
                message: e.message.clone(),
                cancelled: e.code == recollect_db::ErrorCode::Cancelled,
            });
        }
        result
    }
}

impl Jobs {
    /// Runs a long job in two parts, as job `job_id`: `read` on a read connection of its own,
    /// so every other command goes on meanwhile, then `write` on the open archive with what
    /// `read` returned (the one writer, held only for that). Without a read connection (see
    /// [`AppState::open_reader`]) both parts run on the open archive. Progress, cancellation and
    /// failures as for [`Jobs::run`].
    ///
    /// [`AppState::open_reader`]: crate::state::AppState::open_reader
    pub async fn run_reading<R: Send + 'static, T: Send + 'static>(
        &self,
        state: &crate::state::AppState,
        job_id: &str,
        channel: Channel<Progress>,
        read: impl FnOnce(&Archive, &JobContext) -> recollect_db::Result<R> + Send + 'static,
        write: impl FnOnce(&mut Archive, R, &JobContext) -> recollect_db::Result<T> + Send + 'static,
    ) -> AppResult<T> {
        let job = Arc::new(self.start(job_id, channel.clone()));
        let result = read_then_write(state, job, read, write).await;
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

async fn read_then_write<R: Send + 'static, T: Send + 'static>(
    state: &crate::state::AppState,
    job: Arc<JobContext>,
    read: impl FnOnce(&Archive, &JobContext) -> recollect_db::Result<R> + Send + 'static,
    write: impl FnOnce(&mut Archive, R, &JobContext) -> recollect_db::Result<T> + Send + 'static,
) -> AppResult<T> {
    let reading = state.clone();
    let reader_job = job.clone();
    let read_apart = tauri::async_runtime::spawn_blocking(move || match reading.open_reader() {
        Some(reader) => Ok(reader.snapshot(|r| read(r, &reader_job))),
        // Given back, to run under the writer's lock.
        None => Err(read),
    })
    .await
    .map_err(background_failed)?;
    match read_apart {
        Ok(read) => {
            let read = read?;
            state.with_archive(move |a| write(a, read, &job)).await
        }
        Err(read) => {
            state
                .with_archive(move |a| {
                    let read = read(a, &job)?;
                    write(a, read, &job)
                })
                .await
        }
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
