//! Access: restrictions, release forms, accessions, and what the public view withholds.
//!
//! Each command takes its arguments, gets the state, calls one core function and maps the
//! error; nothing here touches SQL or parses files.

use std::path::PathBuf;

use recollect_db::{
    accession::{self, Accession, AccessionInput},
    records::Target,
    restrictions, Origin,
};
use tauri::State;

use crate::{error::AppResult, state::AppState};

/// The restrictions set on a record and on spans of it.
#[tauri::command]
#[specta::specta]
pub async fn restrictions_of(
    state: State<'_, AppState>,
    record_id: String,
) -> AppResult<Vec<restrictions::Restriction>> {
    state
        .with_archive(move |a| restrictions::list_for(a, &record_id))
        .await
}

/// Restricts, seals or redacts a record or span.
#[tauri::command]
#[specta::specta]
pub async fn restrict(
    state: State<'_, AppState>,
    input: restrictions::RestrictionInput,
) -> AppResult<Option<restrictions::Restriction>> {
    state
        .with_archive(move |a| restrictions::restrict(a, &input, Origin::Window))
        .await
}

/// Lifts a restriction, saying why.
#[tauri::command]
#[specta::specta]
pub async fn lift_restriction(
    state: State<'_, AppState>,
    id: String,
    reason: String,
) -> AppResult<()> {
    state
        .with_archive(move |a| restrictions::lift(a, &id, &reason, Origin::Window))
        .await
}

/// The release forms of an interview or person.
#[tauri::command]
#[specta::specta]
pub async fn release_forms_of(
    state: State<'_, AppState>,
    subject_id: String,
) -> AppResult<Vec<restrictions::ReleaseForm>> {
    state
        .with_archive(move |a| restrictions::release_forms_of(a, &subject_id))
        .await
}

/// Records a release form and the terms signed.
#[tauri::command]
#[specta::specta]
pub async fn add_release_form(
    state: State<'_, AppState>,
    input: restrictions::ReleaseFormInput,
) -> AppResult<restrictions::ReleaseForm> {
    state
        .with_archive(move |a| restrictions::add_release_form(a, &input, Origin::Window))
        .await
}

/// Changes a release form.
#[tauri::command]
#[specta::specta]
pub async fn update_release_form(
    state: State<'_, AppState>,
    id: String,
    input: restrictions::ReleaseFormInput,
) -> AppResult<restrictions::ReleaseForm> {
    state
        .with_archive(move |a| restrictions::update_release_form(a, &id, &input, Origin::Window))
        .await
}

/// Who may see a record or span today, and why.
#[tauri::command]
#[specta::specta]
pub async fn effective_access(
    state: State<'_, AppState>,
    target: Target,
) -> AppResult<restrictions::Access> {
    state
        .with_archive(move |a| {
            restrictions::effective_access(a, &target, &recollect_db::dates::today())
        })
        .await
}

/// What restricts a record today only because of what it belongs to, in words: a photo of an
/// embargoed interview says so.
#[tauri::command]
#[specta::specta]
pub async fn inherited_access(
    state: State<'_, AppState>,
    target: Target,
) -> AppResult<Vec<restrictions::InheritedReason>> {
    state
        .with_archive(move |a| {
            restrictions::inherited_reasons(a, &target, &recollect_db::dates::today())
        })
        .await
}

/// What of a transcript public output would hold back today, for the transcript view to mark.
#[tauri::command]
#[specta::specta]
pub async fn transcript_marks(
    state: State<'_, AppState>,
    transcript_id: String,
) -> AppResult<recollect_db::public::TranscriptMarks> {
    state
        .with_archive(move |a| {
            recollect_db::public::transcript_marks(a, &transcript_id, &recollect_db::dates::today())
        })
        .await
}

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
    state: State<'_, AppState>,
    input: AccessionInput,
) -> AppResult<Accession> {
    state
        .with_archive(move |a| accession::create(a, &input, None, Origin::Window))
        .await
}

/// Changes an accession's details and the records that came in with it; the deed stays.
#[tauri::command]
#[specta::specta]
pub async fn update_accession(
    state: State<'_, AppState>,
    id: String,
    input: AccessionInput,
) -> AppResult<Accession> {
    state
        .with_archive(move |a| accession::update(a, &id, &input, Origin::Window))
        .await
}

/// Deletes an accession; its deed stays among the archive's files and in the log.
#[tauri::command]
#[specta::specta]
pub async fn delete_accession(state: State<'_, AppState>, id: String) -> AppResult<()> {
    state
        .with_archive(move |a| accession::delete(a, &id, Origin::Window))
        .await
}

/// Copies a file chosen in the window into the archive's store as the accession's deed of
/// gift, with its SHA-256, replacing the deed it had.
#[tauri::command]
#[specta::specta]
pub async fn attach_accession_deed(
    state: State<'_, AppState>,
    id: String,
    path: String,
) -> AppResult<Accession> {
    let file = PathBuf::from(path);
    state
        .with_archive(move |a| accession::attach_deed(a, &id, &file, Origin::Window))
        .await
}
