//! Interviews and the collections that hold them.
//!
//! Each command takes its arguments, gets the state, calls one core function and maps the
//! error; nothing here touches SQL or parses files.

use recollect_db::{
    collection::{self, Collection, CollectionInput},
    dates,
    interview::{self, InterviewFilter, InterviewInput},
    public::{self, ListedInterview},
    Origin,
};
use tauri::State;

use crate::{error::AppResult, state::AppState};

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
    state: State<'_, AppState>,
    input: CollectionInput,
) -> AppResult<Collection> {
    state
        .with_archive(move |a| collection::create(a, &input, Origin::Window))
        .await
}

/// Changes a collection.
#[tauri::command]
#[specta::specta]
pub async fn update_collection(
    state: State<'_, AppState>,
    id: String,
    input: CollectionInput,
) -> AppResult<Collection> {
    state
        .with_archive(move |a| collection::update(a, &id, &input, Origin::Window))
        .await
}

/// Deletes a collection; its interviews stay.
#[tauri::command]
#[specta::specta]
pub async fn delete_collection(state: State<'_, AppState>, id: String) -> AppResult<()> {
    state
        .with_archive(move |a| collection::delete(a, &id, Origin::Window))
        .await
}

/// Interviews, optionally of one collection.
#[tauri::command]
#[specta::specta]
pub async fn list_interviews(
    state: State<'_, AppState>,
    filter: InterviewFilter,
) -> AppResult<Vec<ListedInterview>> {
    state
        .with_archive(move |a| public::listed_interviews(a, &filter, &dates::today()))
        .await
}

/// One interview.
#[tauri::command]
#[specta::specta]
pub async fn get_interview(state: State<'_, AppState>, id: String) -> AppResult<ListedInterview> {
    state
        .with_archive(move |a| {
            public::listed_interview(a, interview::get(a, &id)?, &dates::today())
        })
        .await
}

/// Adds an interview.
#[tauri::command]
#[specta::specta]
pub async fn create_interview(
    state: State<'_, AppState>,
    input: InterviewInput,
) -> AppResult<ListedInterview> {
    state
        .with_archive(move |a| {
            let made = interview::create(a, &input, Origin::Window)?;
            public::listed_interview(a, made, &dates::today())
        })
        .await
}

/// Changes an interview.
#[tauri::command]
#[specta::specta]
pub async fn update_interview(
    state: State<'_, AppState>,
    id: String,
    input: InterviewInput,
) -> AppResult<ListedInterview> {
    state
        .with_archive(move |a| {
            let saved = interview::update(a, &id, &input, Origin::Window)?;
            public::listed_interview(a, saved, &dates::today())
        })
        .await
}

/// Moves an interview to the trash, with all it holds.
#[tauri::command]
#[specta::specta]
pub async fn delete_interview(state: State<'_, AppState>, id: String) -> AppResult<()> {
    state
        .with_archive(move |a| interview::delete(a, &id, Origin::Window))
        .await
}
