//! The commands the window calls. Each takes its arguments, gets the state, calls one core
//! function and maps the error; nothing here touches SQL or parses files.

use std::path::PathBuf;

use recollect_db::{
    collection::{self, Collection, CollectionInput},
    interview::{self, Interview, InterviewFilter, InterviewInput},
    people::{self, Person, PersonInput},
    provenance::{self, Event},
    Origin,
};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::{
    error::{AppError, AppResult},
    events::announce,
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
        Err(e) if e.code == "no_archive" => Ok(None),
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
            "not_found",
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
            "invalid",
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
        .map_err(|e| AppError::new("internal", e.to_string()))??;
    allow_media(app, state).await;
    announce(app, "archive");
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
        .map_err(|e| AppError::new("io", e.to_string()))?;
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
        .map_err(|e| AppError::new("io", e.to_string()))?;
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

/// Every collection.
#[tauri::command]
#[specta::specta]
pub async fn list_collections(state: State<'_, AppState>) -> AppResult<Vec<Collection>> {
    state.with_archive(|a| collection::list(a)).await
}

/// Makes a collection.
#[tauri::command]
#[specta::specta]
pub async fn create_collection(
    app: AppHandle,
    state: State<'_, AppState>,
    input: CollectionInput,
) -> AppResult<Collection> {
    let created = state
        .with_archive(move |a| collection::create(a, &input, Origin::Window))
        .await?;
    announce(&app, "collections");
    Ok(created)
}

/// Changes a collection.
#[tauri::command]
#[specta::specta]
pub async fn update_collection(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    input: CollectionInput,
) -> AppResult<Collection> {
    let updated = state
        .with_archive(move |a| collection::update(a, &id, &input, Origin::Window))
        .await?;
    announce(&app, "collections");
    Ok(updated)
}

/// Deletes a collection; its interviews stay.
#[tauri::command]
#[specta::specta]
pub async fn delete_collection(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> AppResult<()> {
    state
        .change(&app, "collections", move |a| {
            collection::delete(a, &id, Origin::Window)
        })
        .await
}

/// Interviews, optionally of one collection.
#[tauri::command]
#[specta::specta]
pub async fn list_interviews(
    state: State<'_, AppState>,
    filter: InterviewFilter,
) -> AppResult<Vec<Interview>> {
    state
        .with_archive(move |a| interview::list(a, &filter))
        .await
}

/// One interview.
#[tauri::command]
#[specta::specta]
pub async fn get_interview(state: State<'_, AppState>, id: String) -> AppResult<Interview> {
    state.with_archive(move |a| interview::get(a, &id)).await
}

/// Adds an interview.
#[tauri::command]
#[specta::specta]
pub async fn create_interview(
    app: AppHandle,
    state: State<'_, AppState>,
    input: InterviewInput,
) -> AppResult<Interview> {
    let created = state
        .with_archive(move |a| interview::create(a, &input, Origin::Window))
        .await?;
    announce(&app, "interviews");
    Ok(created)
}

/// Changes an interview.
#[tauri::command]
#[specta::specta]
pub async fn update_interview(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    input: InterviewInput,
) -> AppResult<Interview> {
    let updated = state
        .with_archive(move |a| interview::update(a, &id, &input, Origin::Window))
        .await?;
    announce(&app, "interviews");
    Ok(updated)
}

/// Deletes an interview.
#[tauri::command]
#[specta::specta]
pub async fn delete_interview(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> AppResult<()> {
    state
        .change(&app, "interviews", move |a| {
            interview::delete(a, &id, Origin::Window)
        })
        .await
}

/// Everyone.
#[tauri::command]
#[specta::specta]
pub async fn list_people(state: State<'_, AppState>) -> AppResult<Vec<Person>> {
    state.with_archive(|a| people::list(a)).await
}

/// One person.
#[tauri::command]
#[specta::specta]
pub async fn get_person(state: State<'_, AppState>, id: String) -> AppResult<Person> {
    state.with_archive(move |a| people::get(a, &id)).await
}

/// Adds a person.
#[tauri::command]
#[specta::specta]
pub async fn create_person(
    app: AppHandle,
    state: State<'_, AppState>,
    input: PersonInput,
) -> AppResult<Person> {
    let created = state
        .with_archive(move |a| people::create(a, &input, Origin::Window))
        .await?;
    announce(&app, "people");
    Ok(created)
}

/// Changes a person.
#[tauri::command]
#[specta::specta]
pub async fn update_person(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    input: PersonInput,
) -> AppResult<Person> {
    let updated = state
        .with_archive(move |a| people::update(a, &id, &input, Origin::Window))
        .await?;
    announce(&app, "people");
    Ok(updated)
}

/// Deletes a person; refused while they take part in an interview.
#[tauri::command]
#[specta::specta]
pub async fn delete_person(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> AppResult<()> {
    state
        .change(&app, "people", move |a| {
            people::delete(a, &id, Origin::Window)
        })
        .await
}

/// The provenance log of one record, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn record_history(state: State<'_, AppState>, id: String) -> AppResult<Vec<Event>> {
    state
        .with_archive(move |a| provenance::history(a, &id))
        .await
}
