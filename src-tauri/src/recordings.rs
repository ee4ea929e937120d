//! An interview's recordings: adding, relinking, ordering and removing them.
//!
//! Each command takes its arguments, gets the state, calls one core function and maps the
//! error; nothing here touches SQL or parses files.

use recollect_db::{
    jobs::Progress,
    media::{self, AddMediaOptions, Media},
    Origin,
};
use serde::{Deserialize, Serialize};
use tauri::{ipc::Channel, AppHandle, Manager, State};

use crate::{error::AppResult, jobs::Jobs, state::AppState};

/// A recording and the file to play.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct Recording {
    /// The recording.
    pub media: Media,
    /// Its absolute path on this machine.
    pub file: String,
    /// Where the player loads it from.
    pub url: String,
}

/// The recordings of an interview, in order. Referenced files outside the archive's folder are
/// allowed to the player one by one.
#[tauri::command]
#[specta::specta]
pub async fn list_media(
    app: AppHandle,
    state: State<'_, AppState>,
    server: State<'_, crate::media_server::MediaServer>,
    interview_id: String,
) -> AppResult<Vec<Recording>> {
    let recordings = state
        .with_archive(move |a| {
            Ok(media::list(a, &interview_id)?
                .into_iter()
                .map(|m| {
                    let path = media::resolve_path(a, &m);
                    Recording {
                        file: path.to_string_lossy().into_owned(),
                        url: String::new(),
                        media: m,
                    }
                })
                .collect::<Vec<_>>())
        })
        .await?;
    let mut recordings = recordings;
    for r in &mut recordings {
        r.url = server.url_for(&r.media.id, r.file.clone().into(), &r.media.mime_type);
    }
    for r in recordings.iter().filter(|r| !r.media.missing) {
        if let Err(e) = app.asset_protocol_scope().allow_file(&r.file) {
            tracing::warn!(error = %e, file = %r.file, "could not allow a recording to the player");
        }
    }
    Ok(recordings)
}

/// Adds a recording to an interview: copied into the archive, or referenced where it lies.
#[tauri::command]
#[specta::specta]
pub async fn add_media(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    job_id: String,
    interview_id: String,
    path: String,
    options: AddMediaOptions,
    on_progress: Channel<Progress>,
) -> AppResult<Media> {
    jobs.run(&state, &job_id, on_progress, move |a, job| {
        media::add(
            a,
            &interview_id,
            std::path::Path::new(&path),
            &options,
            job,
            Origin::Window,
        )
    })
    .await
}

/// Points a missing recording at a file with the same content.
#[tauri::command]
#[specta::specta]
pub async fn relink_media(
    state: State<'_, AppState>,
    media_id: String,
    path: String,
) -> AppResult<Media> {
    state
        .with_archive(move |a| {
            media::relink(a, &media_id, std::path::Path::new(&path), Origin::Window)
        })
        .await
}

/// Removes a recording from its interview.
#[tauri::command]
#[specta::specta]
pub async fn remove_media(state: State<'_, AppState>, media_id: String) -> AppResult<()> {
    state
        .with_archive(move |a| media::remove(a, &media_id, Origin::Window))
        .await
}

/// Puts an interview's recordings in the given order.
#[tauri::command]
#[specta::specta]
pub async fn reorder_media(
    state: State<'_, AppState>,
    interview_id: String,
    ids_in_order: Vec<String>,
) -> AppResult<Vec<Media>> {
    state
        .with_archive(move |a| media::reorder(a, &interview_id, &ids_in_order, Origin::Window))
        .await
}
