//! The open archive: opening, creating, the recent list, the curator, and the history of any
//! record.
//!
//! Each command takes its arguments, gets the state, calls one core function and maps the
//! error; nothing here touches SQL or parses files.

use std::path::PathBuf;

use recollect_db::{
    import_kinds::{self, ImportKind},
    provenance::{self, Event},
    ErrorCode,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::{
    error::{AppError, AppResult},
    events::{announce, ChangeKind},
    state::{AppState, RecentArchive},
};

/// What the window shows of the open archive.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct ArchiveInfo {
    /// The archive file.
    pub path: String,
    /// Its name, from the file name.
    pub name: String,
    /// The curator's name recorded on every change.
    pub curator: String,
}

/// Lets the window play the open archive's managed recordings through the asset protocol, and
/// nothing else on disk.
pub(crate) async fn allow_media(app: &AppHandle, state: &AppState) {
    use tauri::Manager;
    if let Ok(Some(dir)) = state.with_archive(|a| Ok(a.media_dir())).await {
        if let Err(e) = app.asset_protocol_scope().allow_directory(&dir, true) {
            tracing::warn!(error = %e, "could not allow the media folder");
        }
    }
}

async fn info(state: &AppState) -> AppResult<ArchiveInfo> {
    state
        .with_archive(|a| {
            let path = a.path().map(|p| p.to_path_buf()).unwrap_or_default();
            Ok(ArchiveInfo {
                name: path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                path: path.to_string_lossy().into_owned(),
                curator: a.agent().to_owned(),
            })
        })
        .await
}

/// The open archive, or `null` when none is open.
#[tauri::command]
#[specta::specta]
pub async fn archive_info(state: State<'_, AppState>) -> AppResult<Option<ArchiveInfo>> {
    match info(&state).await {
        Ok(info) => Ok(Some(info)),
        Err(e) if e.code == ErrorCode::NoArchive => Ok(None),
        Err(e) => Err(e),
    }
}

/// Opens an existing archive file.
#[tauri::command]
#[specta::specta]
pub async fn open_archive(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> AppResult<ArchiveInfo> {
    let path = PathBuf::from(path);
    if !path.is_file() {
        return Err(AppError::new(
            ErrorCode::NotFound,
            format!(
                "{} does not exist; it may have been moved or deleted",
                path.display()
            ),
        ));
    }
    open_path(&app, &state, path).await
}

/// Creates a new, empty archive file and opens it.
#[tauri::command]
#[specta::specta]
pub async fn create_archive(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> AppResult<ArchiveInfo> {
    let path = PathBuf::from(path);
    if path.exists() {
        return Err(AppError::new(
            ErrorCode::Invalid,
            format!(
                "{} already exists; choose another name, or open it",
                path.display()
            ),
        ));
    }
    open_path(&app, &state, path).await
}

async fn open_path(app: &AppHandle, state: &AppState, path: PathBuf) -> AppResult<ArchiveInfo> {
    let opener = state.clone();
    tauri::async_runtime::spawn_blocking(move || opener.open(&path))
        .await
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))??;
    allow_media(app, state).await;
    announce(app, ChangeKind::Archive);
    info(state).await
}

/// Shows the native Open dialog and opens the chosen archive; `null` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn choose_archive_to_open(
    app: AppHandle,
    state: State<'_, AppState>,
) -> AppResult<Option<ArchiveInfo>> {
    let dialog = app
        .dialog()
        .file()
        .set_title("Open archive")
        .add_filter("Recollect archive", &["db", "recollect", "sqlite"]);
    let Some(file) = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
        .await
        .ok()
        .flatten()
    else {
        return Ok(None);
    };
    let path = file
        .into_path()
        .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    open_path(&app, &state, path).await.map(Some)
}

/// Shows the native Save dialog and creates a new archive there; `null` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn choose_archive_to_create(
    app: AppHandle,
    state: State<'_, AppState>,
) -> AppResult<Option<ArchiveInfo>> {
    let dialog = app
        .dialog()
        .file()
        .set_title("New archive")
        .set_file_name("Archive.db")
        .add_filter("Recollect archive", &["db"]);
    let Some(file) = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .ok()
        .flatten()
    else {
        return Ok(None);
    };
    let path = file
        .into_path()
        .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    if path.exists() {
        // The dialog already asked whether to replace it; an archive is never overwritten, so open it.
        return open_path(&app, &state, path).await.map(Some);
    }
    open_path(&app, &state, path).await.map(Some)
}

/// Recently opened archives, newest first.
#[tauri::command]
#[specta::specta]
pub fn recent_archives(state: State<'_, AppState>) -> Vec<RecentArchive> {
    state.recent()
}

/// Sets the curator's name recorded on every change.
#[tauri::command]
#[specta::specta]
pub async fn set_curator(state: State<'_, AppState>, name: String) -> AppResult<ArchiveInfo> {
    state.with_archive(move |a| a.set_agent(&name)).await?;
    info(&state).await
}

/// The provenance log of one record, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn record_history(state: State<'_, AppState>, id: String) -> AppResult<Vec<Event>> {
    state
        .with_archive(move |a| provenance::history(a, &id))
        .await
}

/// Shows an Open dialog for files of one kind the archive takes in; `null` when the user
/// cancels. The kind's extensions come from the core.
#[tauri::command]
#[specta::specta]
pub async fn choose_files(
    app: AppHandle,
    title: String,
    kind: ImportKind,
    multiple: bool,
) -> AppResult<Option<Vec<String>>> {
    let extensions = kind.extensions();
    let dialog = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(kind.label(), &extensions);
    let picked = tauri::async_runtime::spawn_blocking(move || {
        if multiple {
            dialog.blocking_pick_files()
        } else {
            dialog.blocking_pick_file().map(|f| vec![f])
        }
    })
    .await
    .ok()
    .flatten();
    let Some(files) = picked else { return Ok(None) };
    files
        .into_iter()
        .map(|f| {
            f.into_path()
                .map(|p| p.to_string_lossy().into_owned())
                .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))
        })
        .collect::<AppResult<Vec<_>>>()
        .map(Some)
}

/// What each of these files, dropped on an interview, would be taken as: a transcript, a
/// recording, or nothing (`null`).
#[tauri::command]
#[specta::specta]
pub fn dropped_file_kinds(paths: Vec<String>) -> Vec<Option<ImportKind>> {
    paths
        .iter()
        .map(|p| import_kinds::dropped_on_interview(std::path::Path::new(p)))
        .collect()
}
