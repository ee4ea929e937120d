//! Search over the whole archive, and saved searches.
//!
//! Each command takes its arguments, gets the state, calls one core function and maps the
//! error; nothing here touches SQL or parses files.

use recollect_db::{
    saved_searches,
    search::{self, SearchQuery, SearchResults},
    Origin,
};
use tauri::State;

use crate::{error::AppResult, state::AppState};

/// Saved searches, for the sidebar.
#[tauri::command]
#[specta::specta]
pub async fn list_saved_searches(
    state: State<'_, AppState>,
) -> AppResult<Vec<saved_searches::SavedSearch>> {
    state.with_archive(|a| saved_searches::list(a)).await
}

/// Saves a search under a name.
#[tauri::command]
#[specta::specta]
pub async fn save_search(
    state: State<'_, AppState>,
    name: String,
    query: SearchQuery,
) -> AppResult<saved_searches::SavedSearch> {
    state
        .with_archive(move |a| saved_searches::create(a, &name, &query, Origin::Window))
        .await
}

/// Deletes a saved search.
#[tauri::command]
#[specta::specta]
pub async fn delete_saved_search(state: State<'_, AppState>, id: String) -> AppResult<()> {
    state
        .with_archive(move |a| saved_searches::delete(a, &id, Origin::Window))
        .await
}

/// Runs a saved search.
#[tauri::command]
#[specta::specta]
pub async fn run_saved_search(
    state: State<'_, AppState>,
    id: String,
) -> AppResult<Vec<recollect_db::search::SearchHit>> {
    state
        .with_archive(move |a| saved_searches::run(a, &id))
        .await
}

/// Searches the whole archive: passages grouped by interview, records apart, and the person
/// of the authority the query named, if any.
#[tauri::command]
#[specta::specta]
pub async fn search_archive(
    state: State<'_, AppState>,
    query: SearchQuery,
) -> AppResult<SearchResults> {
    state
        .with_archive(move |a| search::search_grouped(a, &query))
        .await
}
