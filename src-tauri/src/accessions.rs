//! Commands for accessions: how material came in (donor, date, method) and the deed of gift
//! kept with its hash. Each takes its arguments, calls one core function and maps the error.
//! Changes are announced as "access", as accessions are shown and reloaded on the Access tab.

use std::path::PathBuf;

use recollect_db::{
    accession::{self, Accession, AccessionInput},
    Origin,
};
use tauri::{AppHandle, State};

use crate::{error::AppResult, state::AppState};

/// Every accession, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_accessions(state: State<'_, AppState>) -> AppResult<Vec<Accession>> {
    state.with_archive(|a| accession::list(a)).await
}

/// The accessions a record came in with.
#[tauri::command]
#[specta::specta]
pub async fn accessions_of(
    state: State<'_, AppState>,
    record_id: String,
) -> AppResult<Vec<Accession>> {
    state
        .with_archive(move |a| accession::of_record(a, &record_id))
        .await
}

/// Records an accession; its deed is attached afterwards.
#[tauri::command]
#[specta::specta]
pub async fn create_accession(
    app: AppHandle,
    state: State<'_, AppState>,
    input: AccessionInput,
) -> AppResult<Accession> {
    state
        .change(&app, "access", move |a| {
            accession::create(a, &input, None, Origin::Window)
        })
        .await
}

/// Changes an accession's details and the records that came in with it; the deed stays.
#[tauri::command]
#[specta::specta]
pub async fn update_accession(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    input: AccessionInput,
) -> AppResult<Accession> {
    state
        .change(&app, "access", move |a| {
            accession::update(a, &id, &input, Origin::Window)
        })
        .await
}

/// Deletes an accession; its deed stays among the archive's files and in the log.
#[tauri::command]
#[specta::specta]
pub async fn delete_accession(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> AppResult<()> {
    state
        .change(&app, "access", move |a| {
            accession::delete(a, &id, Origin::Window)
        })
        .await
}

/// Copies a file chosen in the window into the archive's store as the accession's deed of
/// gift, with its SHA-256, replacing the deed it had.
#[tauri::command]
#[specta::specta]
pub async fn attach_accession_deed(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    path: String,
) -> AppResult<Accession> {
    let file = PathBuf::from(path);
    state
        .change(&app, "access", move |a| {
            accession::attach_deed(a, &id, &file, Origin::Window)
        })
        .await
}
