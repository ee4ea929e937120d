//! Transcripts: import, segments and their edits, alignment, revisions and index points.
//!
//! Each command takes its arguments, gets the state, calls one core function and maps the
//! error; nothing here touches SQL or parses files.

use recollect_db::{
    jobs::Progress,
    records::{self},
    transcript::{
        self, index, revision, AlignedRow, ImportOptions, ImportPreview, ImportSummary, Segment,
        SegmentInput, Stamp, StampOrder, Transcript,
    },
    ErrorCode, Origin,
};
use tauri::{ipc::Channel, State};

use crate::{
    error::{AppError, AppResult},
    jobs::Jobs,
    state::AppState,
};

/// The transcripts of an interview.
#[tauri::command]
#[specta::specta]
pub async fn list_transcripts(
    state: State<'_, AppState>,
    interview_id: String,
) -> AppResult<Vec<Transcript>> {
    state
        .with_archive(move |a| transcript::list(a, &interview_id))
        .await
}

/// The segments of a transcript, in order.
#[tauri::command]
#[specta::specta]
pub async fn transcript_segments(
    state: State<'_, AppState>,
    transcript_id: String,
) -> AppResult<Vec<Segment>> {
    state
        .with_archive(move |a| transcript::segments(a, &transcript_id))
        .await
}

/// Reads a transcript file as importing it would, storing nothing, so the import dialog can
/// show what would be skipped or corrected (with lines) and let the curator cancel.
#[tauri::command]
#[specta::specta]
pub async fn preview_transcript(path: String, options: ImportOptions) -> AppResult<ImportPreview> {
    tauri::async_runtime::spawn_blocking(move || {
        let path = std::path::PathBuf::from(&path);
        let bytes = std::fs::read(&path).map_err(|e| recollect_db::Error::Io {
            path: path.clone(),
            source: e,
        })?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(transcript::preview(
            &name,
            &bytes,
            &options,
            &recollect_db::jobs::JobContext::silent(),
        )?)
    })
    .await
    .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?
}

/// Imports a transcript file into an interview, reporting progress on `on_progress`; cancel
/// with `cancel_job(job_id)`. All or nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_transcript(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    job_id: String,
    interview_id: String,
    path: String,
    options: ImportOptions,
    on_progress: Channel<Progress>,
) -> AppResult<ImportSummary> {
    jobs.run(&state, &job_id, on_progress, move |a, job| {
        let path = std::path::PathBuf::from(&path);
        let bytes = std::fs::read(&path).map_err(|e| recollect_db::Error::Io {
            path: path.clone(),
            source: e,
        })?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        transcript::import(
            a,
            &interview_id,
            &name,
            &bytes,
            &options,
            job,
            Origin::Window,
        )
    })
    .await
}

/// Changes a segment's text, speaker or times.
#[tauri::command]
#[specta::specta]
pub async fn update_segment(
    state: State<'_, AppState>,
    segment_id: String,
    input: SegmentInput,
) -> AppResult<Segment> {
    state
        .with_archive(move |a| transcript::update_segment(a, &segment_id, &input, Origin::Window))
        .await
}

/// Splits a segment at a character offset, optionally at a time.
#[tauri::command]
#[specta::specta]
pub async fn split_segment(
    state: State<'_, AppState>,
    segment_id: String,
    at_char: u32,
    at_ms: Option<u32>,
) -> AppResult<(Segment, Segment)> {
    state
        .with_archive(move |a| {
            transcript::split_segment(a, &segment_id, at_char, at_ms, Origin::Window)
        })
        .await
}

/// Merges a segment with the next one.
#[tauri::command]
#[specta::specta]
pub async fn merge_segment_with_next(
    state: State<'_, AppState>,
    segment_id: String,
) -> AppResult<Segment> {
    state
        .with_archive(move |a| transcript::merge_with_next(a, &segment_id, Origin::Window))
        .await
}

/// Sets a segment's start to the playing position, unless that would put it out of time order
/// and `order` does not say what to do then.
#[tauri::command]
#[specta::specta]
pub async fn sync_segment_start(
    state: State<'_, AppState>,
    segment_id: String,
    at_ms: u32,
    order: StampOrder,
) -> AppResult<Stamp> {
    state
        .with_archive(move |a| transcript::sync_start(a, &segment_id, at_ms, order, Origin::Window))
        .await
}

/// Moves a segment to another place in its transcript.
#[tauri::command]
#[specta::specta]
pub async fn move_segment(
    state: State<'_, AppState>,
    segment_id: String,
    position: u32,
) -> AppResult<Segment> {
    state
        .with_archive(move |a| transcript::move_segment(a, &segment_id, position, Origin::Window))
        .await
}

/// Deletes a transcript.
#[tauri::command]
#[specta::specta]
pub async fn delete_transcript(state: State<'_, AppState>, transcript_id: String) -> AppResult<()> {
    state
        .with_archive(move |a| transcript::delete(a, &transcript_id, Origin::Window))
        .await
}

/// Two transcripts of one interview side by side, aligned by time.
#[tauri::command]
#[specta::specta]
pub async fn align_transcripts(
    state: State<'_, AppState>,
    left_id: String,
    right_id: String,
) -> AppResult<Vec<AlignedRow>> {
    state
        .with_archive(move |a| transcript::align(a, &left_id, &right_id))
        .await
}

/// Saves the transcript as it is now under a name.
#[tauri::command]
#[specta::specta]
pub async fn save_revision(
    state: State<'_, AppState>,
    transcript_id: String,
    name: String,
) -> AppResult<revision::Revision> {
    state
        .with_archive(move |a| revision::save(a, &transcript_id, &name, Origin::Window))
        .await
}

/// The saved revisions of a transcript.
#[tauri::command]
#[specta::specta]
pub async fn list_revisions(
    state: State<'_, AppState>,
    transcript_id: String,
) -> AppResult<Vec<revision::Revision>> {
    state
        .with_archive(move |a| revision::list(a, &transcript_id))
        .await
}

/// What changed from one revision to another, or to now.
#[tauri::command]
#[specta::specta]
pub async fn diff_revisions(
    state: State<'_, AppState>,
    older_id: String,
    newer_id: Option<String>,
) -> AppResult<Vec<revision::SegmentChange>> {
    state
        .with_archive(move |a| revision::diff(a, &older_id, newer_id.as_deref()))
        .await
}

/// The index of an interview.
#[tauri::command]
#[specta::specta]
pub async fn list_index_points(
    state: State<'_, AppState>,
    interview_id: String,
) -> AppResult<Vec<index::IndexPoint>> {
    state
        .with_archive(move |a| index::list(a, &interview_id))
        .await
}

/// A span of a transcript from its first and last segments.
#[tauri::command]
#[specta::specta]
pub async fn resolve_span(
    state: State<'_, AppState>,
    first: String,
    last: String,
) -> AppResult<records::SpanRef> {
    state
        .with_archive(move |a| records::span(a, &first, &last))
        .await
}
