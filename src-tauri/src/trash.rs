//! The trash: deleted interviews, people, photos and sources, until restored or purged.
//!
//! Each command takes its arguments, gets the state, calls one core function and maps the
//! error; nothing here touches SQL.

use recollect_db::{
    trash::{self, Restored, TrashItem},
    Origin,
};
use tauri::State;

use crate::{error::AppResult, state::AppState};

/// What is in the trash, most recently deleted first.
#[tauri::command]
#[specta::specta]
pub async fn list_trash(state: State<'_, AppState>) -> AppResult<Vec<TrashItem>> {
    state.with_archive(|a| trash::list(a)).await
}

/// Brings a record back from the trash, with everything it held.
#[tauri::command]
#[specta::specta]
pub async fn restore_from_trash(state: State<'_, AppState>, id: String) -> AppResult<Restored> {
    state
        .with_archive(move |a| trash::restore(a, &id, Origin::Window))
        .await
}

/// Deletes a record in the trash for good.
#[tauri::command]
#[specta::specta]
pub async fn purge_from_trash(state: State<'_, AppState>, id: String) -> AppResult<TrashItem> {
    state
        .with_archive(move |a| trash::purge(a, &id, Origin::Window))
        .await
}

/// Deletes everything in the trash for good; returns how many records went.
#[tauri::command]
#[specta::specta]
pub async fn empty_trash(state: State<'_, AppState>) -> AppResult<u32> {
    state
        .with_archive(|a| trash::purge_all(a, Origin::Window))
        .await
}
