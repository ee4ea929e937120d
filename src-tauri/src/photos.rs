//! Photos: import, captions, regions, identification from a caption, and where a person appears.
//!
//! Each command takes its arguments, gets the state, calls one core function and maps the
//! error; nothing here touches SQL or parses files.

use recollect_db::{jobs::Progress, photo, Origin};
use serde::{Deserialize, Serialize};
use tauri::{ipc::Channel, AppHandle, Manager, State};

use crate::{error::AppResult, jobs::Jobs, state::AppState};

/// Photos, optionally of a collection or interview.
#[tauri::command]
#[specta::specta]
pub async fn list_photos(
    state: State<'_, AppState>,
    filter: photo::PhotoFilter,
) -> AppResult<Vec<photo::Photo>> {
    state.with_archive(move |a| photo::list(a, &filter)).await
}

/// One photo with its captions.
#[tauri::command]
#[specta::specta]
pub async fn get_photo(state: State<'_, AppState>, id: String) -> AppResult<photo::Photo> {
    state.with_archive(move |a| photo::get(a, &id)).await
}

/// Changes a photo's date, place, creator, source and rights.
#[tauri::command]
#[specta::specta]
pub async fn update_photo(
    state: State<'_, AppState>,
    id: String,
    input: photo::PhotoInput,
) -> AppResult<photo::Photo> {
    state
        .with_archive(move |a| photo::update(a, &id, &input, Origin::Window))
        .await
}

/// Moves a photo to the trash.
#[tauri::command]
#[specta::specta]
pub async fn delete_photo(state: State<'_, AppState>, id: String) -> AppResult<()> {
    state
        .with_archive(move |a| photo::delete(a, &id, Origin::Window))
        .await
}

/// Adds a caption to a photo.
#[tauri::command]
#[specta::specta]
pub async fn add_caption(
    state: State<'_, AppState>,
    photo_id: String,
    input: photo::CaptionInput,
) -> AppResult<photo::Caption> {
    state
        .with_archive(move |a| photo::add_caption(a, &photo_id, &input, Origin::Window))
        .await
}

/// Changes a caption.
#[tauri::command]
#[specta::specta]
pub async fn update_caption(
    state: State<'_, AppState>,
    caption_id: String,
    input: photo::CaptionInput,
) -> AppResult<photo::Caption> {
    state
        .with_archive(move |a| photo::update_caption(a, &caption_id, &input, Origin::Window))
        .await
}

/// Removes a caption.
#[tauri::command]
#[specta::specta]
pub async fn delete_caption(state: State<'_, AppState>, caption_id: String) -> AppResult<()> {
    state
        .with_archive(move |a| photo::delete_caption(a, &caption_id, Origin::Window))
        .await
}

/// Puts a photo in a collection.
#[tauri::command]
#[specta::specta]
pub async fn add_photo_to_collection(
    state: State<'_, AppState>,
    photo_id: String,
    collection_id: String,
) -> AppResult<photo::Photo> {
    state
        .with_archive(move |a| {
            photo::add_to_collection(a, &photo_id, &collection_id, Origin::Window)
        })
        .await
}

/// Attaches a photo to an interview.
#[tauri::command]
#[specta::specta]
pub async fn attach_photo_to_interview(
    state: State<'_, AppState>,
    photo_id: String,
    interview_id: String,
) -> AppResult<photo::Photo> {
    state
        .with_archive(move |a| {
            photo::attach_to_interview(a, &photo_id, &interview_id, Origin::Window)
        })
        .await
}

/// Detaches a photo from an interview.
#[tauri::command]
#[specta::specta]
pub async fn detach_photo_from_interview(
    state: State<'_, AppState>,
    photo_id: String,
    interview_id: String,
) -> AppResult<photo::Photo> {
    state
        .with_archive(move |a| {
            photo::detach_from_interview(a, &photo_id, &interview_id, Origin::Window)
        })
        .await
}

/// The regions drawn on a photo.
#[tauri::command]
#[specta::specta]
pub async fn photo_regions(
    state: State<'_, AppState>,
    photo_id: String,
) -> AppResult<Vec<photo::region::Region>> {
    state
        .with_archive(move |a| photo::region::regions(a, &photo_id))
        .await
}

/// Draws a region on a photo, in image pixels.
#[tauri::command]
#[specta::specta]
pub async fn add_region(
    state: State<'_, AppState>,
    photo_id: String,
    input: photo::region::RegionInput,
) -> AppResult<photo::region::Region> {
    state
        .with_archive(move |a| photo::region::add_region(a, &photo_id, &input, Origin::Window))
        .await
}

/// Moves, resizes or relinks a region.
#[tauri::command]
#[specta::specta]
pub async fn update_region(
    state: State<'_, AppState>,
    region_id: String,
    input: photo::region::RegionInput,
) -> AppResult<photo::region::Region> {
    state
        .with_archive(move |a| photo::region::update_region(a, &region_id, &input, Origin::Window))
        .await
}

/// Removes a region.
#[tauri::command]
#[specta::specta]
pub async fn delete_region(state: State<'_, AppState>, region_id: String) -> AppResult<()> {
    state
        .with_archive(move |a| photo::region::delete_region(a, &region_id, Origin::Window))
        .await
}

/// The caption's rows and names, each with the people it may be.
#[tauri::command]
#[specta::specta]
pub async fn identify_from_caption(
    state: State<'_, AppState>,
    photo_id: String,
    caption_id: String,
) -> AppResult<Vec<photo::region::ProposedIdentification>> {
    state
        .with_archive(move |a| photo::region::identify_from_caption(a, &photo_id, &caption_id))
        .await
}

/// Confirms who is at a row and position, optionally placing the region.
#[tauri::command]
#[specta::specta]
pub async fn confirm_identification(
    state: State<'_, AppState>,
    photo_id: String,
    identification: photo::region::Identification,
) -> AppResult<photo::region::Region> {
    state
        .with_archive(move |a| {
            photo::region::confirm_identification(a, &photo_id, &identification, Origin::Window)
        })
        .await
}

/// Every photo and region a person appears in.
#[tauri::command]
#[specta::specta]
pub async fn person_appearances(
    state: State<'_, AppState>,
    person_id: String,
) -> AppResult<Vec<photo::region::Appearance>> {
    state
        .with_archive(move |a| photo::region::person_appearances(a, &person_id))
        .await
}

/// A group-photo caption as rows of names, left to right.
#[tauri::command]
#[specta::specta]
pub fn parse_caption(text: String) -> photo::caption::ParsedCaption {
    photo::caption::parse(&text)
}

/// Imports images (files or whole folders), all or nothing, reporting progress on
/// `on_progress`; cancel with `cancel_job(job_id)`.
#[tauri::command]
#[specta::specta]
pub async fn import_photos(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    job_id: String,
    paths: Vec<String>,
    options: photo::ImportPhotosOptions,
    on_progress: Channel<Progress>,
) -> AppResult<photo::ImportPhotosSummary> {
    let files: Vec<std::path::PathBuf> = paths.into_iter().map(Into::into).collect();
    jobs.run(&state, &job_id, on_progress, move |a, job| {
        photo::import(a, &files, &options, job, Origin::Window)
    })
    .await
}

/// Where to show a photo from: its full image and a thumbnail, as files the window may load.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct PhotoFiles {
    /// The image as imported.
    pub full: Option<String>,
    /// A thumbnail no larger than asked.
    pub thumbnail: Option<String>,
}

/// The files to display a photo (the thumbnail is made on first request, off the UI thread).
#[tauri::command]
#[specta::specta]
pub async fn photo_files(
    app: AppHandle,
    state: State<'_, AppState>,
    photo_id: String,
    thumbnail_px: u32,
) -> AppResult<PhotoFiles> {
    let files = state
        .with_archive(move |a| {
            let p = photo::get(a, &photo_id)?;
            let full = photo::file_path(a, &p).map(|f| f.to_string_lossy().into_owned());
            let thumbnail = photo::thumbnail(a, &photo_id, thumbnail_px)
                .ok()
                .map(|f| f.to_string_lossy().into_owned());
            Ok(PhotoFiles { full, thumbnail })
        })
        .await?;
    for file in files.full.iter().chain(&files.thumbnail) {
        let _ = app.asset_protocol_scope().allow_file(file);
    }
    Ok(files)
}
