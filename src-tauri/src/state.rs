//! What the app holds between commands: the open archive, and where it keeps its settings.

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex, OnceLock},
};

use recollect_db::{Archive, ErrorCode};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};

/// The open archive, shared by every command. SQLite is blocking, so commands reach it from a
/// blocking thread (see [`AppState::with_archive`]).
#[derive(Clone)]
pub struct AppState {
    archive: Arc<Mutex<Option<Archive>>>,
    recent_file: PathBuf,
    /// The app, once it runs: told what each command changed (see [`AppState::with_archive`]).
    app: Arc<OnceLock<tauri::AppHandle>>,
}

/// How many archives the recent list remembers.
const RECENT_LIMIT: usize = 8;

/// One entry of the recent-archives list.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct RecentArchive {
    /// The archive file.
    pub path: String,
    /// Its file name without extension, as shown in menus.
    pub name: String,
    /// Whether the file is still there.
    pub exists: bool,
}

impl AppState {
    pub fn new(recent_file: PathBuf) -> Self {
        AppState {
            archive: Arc::new(Mutex::new(None)),
            recent_file,
            app: Arc::default(),
        }
    }

    /// From now on the app's windows hear of every change a command makes.
    pub fn announce_to(&self, app: tauri::AppHandle) {
        let _ = self.app.set(app);
    }

    /// Opens `path` (creating it when missing) and makes it the current archive.
    pub fn open(&self, path: &Path) -> AppResult<()> {
        // Opening the archive already open would fail on its own claim (see Archive::open).
        let already_open = self
            .archive
            .lock()
            .expect("archive lock")
            .as_ref()
            .and_then(|a| a.path().map(Path::to_owned));
        if already_open.is_some_and(|open| same_file(&open, path)) {
            self.remember(path);
            return Ok(());
        }
        // A Recollect just quit may still be closing the archive. One in a folder that cannot
        // be written opens for reading, and each change says why it cannot be made.
        let archive = Archive::open_waiting_or_read(path, std::time::Duration::from_secs(5))?;
        if let Some(reason) = archive.read_only_reason() {
            tracing::warn!(path = %path.display(), reason, "archive opened for reading only");
        }
        tracing::info!(path = %path.display(), "archive opened");
        *self.archive.lock().expect("archive lock") = Some(archive);
        self.remember(path);
        Ok(())
    }

    /// Runs `f` on the open archive on a blocking thread, off the UI's event loop. Then the
    /// windows hear what its writes changed, as the core says (even when `f` failed after a
    /// write that landed): a command never decides that itself.
    pub async fn with_archive<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Archive) -> recollect_db::Result<T> + Send + 'static,
    ) -> AppResult<T> {
        let archive = self.archive.clone();
        let (result, changed) = tauri::async_runtime::spawn_blocking(move || {
            let mut guard = archive.lock().map_err(|_| {
                AppError::new(
                    ErrorCode::Internal,
                    "the archive is unavailable after an earlier failure; restart Recollect",
                )
            })?;
            let archive = guard.as_mut().ok_or_else(AppError::no_archive)?;
            let result = f(archive).map_err(AppError::from);
            Ok::<_, AppError>((result, archive.take_changes()))
        })
        .await
        .map_err(background_failed)??;
        if let Some(app) = self.app.get() {
            for what in changed {
                crate::events::announce(app, what);
            }
        }
        result
    }

    /// A second connection to the open archive, for a long job's reading, so the window's other
    /// commands need not wait for it (read it through [`Archive::snapshot`], so all it reads is
    /// of one moment). `None` for an archive that cannot have one: in memory, or
    /// itself open for reading only. Opens a file: call it from a blocking thread.
    pub fn open_reader(&self) -> Option<Archive> {
        let path = {
            let guard = self.archive.lock().ok()?;
            let archive = guard.as_ref()?;
            if archive.read_only_reason().is_some() {
                return None;
            }
            archive.path()?.to_owned()
        };
        Archive::open_read_only(&path)
            .inspect_err(|e| {
                tracing::warn!(path = %path.display(), error = %e, "no read connection; the job holds the archive");
            })
            .ok()
    }

    /// Like [`AppState::with_archive`] for a long read that changes nothing: it runs on a read
    /// connection of its own (see [`AppState::open_reader`]) when there can be one, so other
    /// commands need not wait for it.
    pub async fn with_reader<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Archive) -> recollect_db::Result<T> + Send + 'static,
    ) -> AppResult<T> {
        let state = self.clone();
        let apart = tauri::async_runtime::spawn_blocking(move || match state.open_reader() {
            Some(reader) => Ok(reader.snapshot(f).map_err(AppError::from)),
            None => Err(f),
        })
        .await
        .map_err(background_failed)?;
        match apart {
            Ok(result) => result,
            Err(f) => self.with_archive(move |a| f(a)).await,
        }
    }

    /// The recent archives, newest first.
    pub fn recent(&self) -> Vec<RecentArchive> {
        let paths: Vec<String> = std::fs::read_to_string(&self.recent_file)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        paths
            .into_iter()
            .map(|path| {
                let p = Path::new(&path);
                RecentArchive {
                    name: p
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_else(|| path.clone()),
                    exists: p.exists(),
                    path,
                }
            })
            .collect()
    }

    fn remember(&self, path: &Path) {
        let path = std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.to_owned())
            .to_string_lossy()
            .into_owned();
        let mut paths: Vec<String> = self
            .recent()
            .into_iter()
            .map(|r| r.path)
            .filter(|p| *p != path)
            .collect();
        paths.insert(0, path);
        paths.truncate(RECENT_LIMIT);
        if let Some(dir) = self.recent_file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Err(e) = serde_json::to_string_pretty(&paths)
            .map_err(std::io::Error::other)
            .and_then(|json| std::fs::write(&self.recent_file, json))
        {
            tracing::warn!(error = %e, "could not save the recent archives list");
        }
    }
}

/// Whether two paths name one file (the second may not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// A blocking task that panicked or was cancelled, as the window hears of it.
fn background_failed(e: impl std::fmt::Display) -> AppError {
    AppError::new(
        ErrorCode::Internal,
        format!("a background task failed: {e}"),
    )
}

#[cfg(test)]
mod tests;
