//! The library: tags, links, sources and citations, lists, and the records they point at.
//!
//! Each command takes its arguments, gets the state, calls one core function and maps the
//! error; nothing here touches SQL or parses files.

use recollect_db::{
    links, lists,
    records::{self, RecordRef, Target},
    sources, tags, Origin,
};
use tauri::State;

use crate::{error::AppResult, state::AppState};

/// The tag tree.
#[tauri::command]
#[specta::specta]
pub async fn list_tags(state: State<'_, AppState>) -> AppResult<Vec<tags::TagNode>> {
    state.with_archive(|a| tags::list(a)).await
}

/// Tags whose labels start with what was typed, for autocomplete.
#[tauri::command]
#[specta::specta]
pub async fn suggest_tags(
    state: State<'_, AppState>,
    typed: String,
) -> AppResult<Vec<tags::Suggestion>> {
    state
        .with_archive(move |a| tags::suggest(a, &typed, 12))
        .await
}

/// Makes a tag.
#[tauri::command]
#[specta::specta]
pub async fn create_tag(state: State<'_, AppState>, input: tags::TagInput) -> AppResult<tags::Tag> {
    state
        .with_archive(move |a| tags::create(a, &input, Origin::Window))
        .await
}

/// Changes a tag's labels and scope note.
#[tauri::command]
#[specta::specta]
pub async fn update_tag(
    state: State<'_, AppState>,
    id: String,
    input: tags::TagInput,
) -> AppResult<tags::Tag> {
    state
        .with_archive(move |a| tags::update(a, &id, &input, Origin::Window))
        .await
}

/// Renames a tag, optionally keeping the old label as an alternative.
#[tauri::command]
#[specta::specta]
pub async fn rename_tag(
    state: State<'_, AppState>,
    id: String,
    label: String,
    keep_old_label: bool,
) -> AppResult<tags::Tag> {
    state
        .with_archive(move |a| tags::rename(a, &id, &label, keep_old_label, Origin::Window))
        .await
}

/// Puts a tag under a broader one, or at the top.
#[tauri::command]
#[specta::specta]
pub async fn move_tag(
    state: State<'_, AppState>,
    id: String,
    broader_id: Option<String>,
) -> AppResult<tags::Tag> {
    state
        .with_archive(move |a| tags::move_to(a, &id, broader_id.as_deref(), Origin::Window))
        .await
}

/// Merges one tag into another, keeping every use.
#[tauri::command]
#[specta::specta]
pub async fn merge_tags(
    state: State<'_, AppState>,
    from: String,
    into: String,
) -> AppResult<tags::Tag> {
    state
        .with_archive(move |a| tags::merge(a, &from, &into, Origin::Window))
        .await
}

/// Deletes an unused tag.
#[tauri::command]
#[specta::specta]
pub async fn delete_tag(state: State<'_, AppState>, id: String) -> AppResult<()> {
    state
        .with_archive(move |a| tags::delete(a, &id, Origin::Window))
        .await
}

/// Tags a record or a span of a transcript.
#[tauri::command]
#[specta::specta]
pub async fn tag_target(
    state: State<'_, AppState>,
    tag_id: String,
    target: Target,
) -> AppResult<tags::Tagging> {
    state
        .with_archive(move |a| tags::tag(a, &tag_id, &target, Origin::Window))
        .await
}

/// Removes a tag from a record or span.
#[tauri::command]
#[specta::specta]
pub async fn untag_target(
    state: State<'_, AppState>,
    tag_id: String,
    target: Target,
) -> AppResult<()> {
    state
        .with_archive(move |a| tags::untag(a, &tag_id, &target, Origin::Window))
        .await
}

/// The tags on a record and on spans of it.
#[tauri::command]
#[specta::specta]
pub async fn tags_of(
    state: State<'_, AppState>,
    record_id: String,
) -> AppResult<Vec<tags::AppliedTag>> {
    state
        .with_archive(move |a| tags::tags_of(a, &record_id))
        .await
}

/// Everything carrying a tag (and its narrower tags when asked).
#[tauri::command]
#[specta::specta]
pub async fn tagged(
    state: State<'_, AppState>,
    tag_id: String,
    narrower: bool,
) -> AppResult<Vec<tags::TaggedRecord>> {
    state
        .with_archive(move |a| tags::tagged(a, &tag_id, narrower))
        .await
}

/// Links two records or spans.
#[tauri::command]
#[specta::specta]
pub async fn create_link(
    state: State<'_, AppState>,
    input: links::LinkInput,
) -> AppResult<links::Link> {
    state
        .with_archive(move |a| links::create(a, &input, Origin::Window))
        .await
}

/// Removes a link.
#[tauri::command]
#[specta::specta]
pub async fn delete_link(state: State<'_, AppState>, id: String) -> AppResult<()> {
    state
        .with_archive(move |a| links::delete(a, &id, Origin::Window))
        .await
}

/// What links here, from both ends.
#[tauri::command]
#[specta::specta]
pub async fn links_of(
    state: State<'_, AppState>,
    record_id: String,
) -> AppResult<Vec<links::LinkEnd>> {
    state.with_archive(move |a| links::of(a, &record_id)).await
}

/// Every source.
#[tauri::command]
#[specta::specta]
pub async fn list_sources(state: State<'_, AppState>) -> AppResult<Vec<sources::Source>> {
    state.with_archive(|a| sources::list(a)).await
}

/// Adds a source.
#[tauri::command]
#[specta::specta]
pub async fn create_source(
    state: State<'_, AppState>,
    input: sources::SourceFields,
) -> AppResult<sources::Source> {
    state
        .with_archive(move |a| sources::create(a, &input, Origin::Window))
        .await
}

/// Changes a source.
#[tauri::command]
#[specta::specta]
pub async fn update_source(
    state: State<'_, AppState>,
    id: String,
    input: sources::SourceFields,
) -> AppResult<sources::Source> {
    state
        .with_archive(move |a| sources::update(a, &id, &input, Origin::Window))
        .await
}

/// Moves an uncited source to the trash.
#[tauri::command]
#[specta::specta]
pub async fn delete_source(state: State<'_, AppState>, id: String) -> AppResult<()> {
    state
        .with_archive(move |a| sources::delete(a, &id, Origin::Window))
        .await
}

/// Cites a source from a record or span, with a locator.
#[tauri::command]
#[specta::specta]
pub async fn cite(
    state: State<'_, AppState>,
    input: sources::CitationInput,
) -> AppResult<sources::Citation> {
    state
        .with_archive(move |a| sources::cite(a, &input, Origin::Window))
        .await
}

/// Removes a citation.
#[tauri::command]
#[specta::specta]
pub async fn uncite(state: State<'_, AppState>, citation_id: String) -> AppResult<()> {
    state
        .with_archive(move |a| sources::uncite(a, &citation_id, Origin::Window))
        .await
}

/// The citations on a record and its spans.
#[tauri::command]
#[specta::specta]
pub async fn citations_of(
    state: State<'_, AppState>,
    record_id: String,
) -> AppResult<Vec<sources::CitationView>> {
    state
        .with_archive(move |a| sources::citations_of(a, &record_id))
        .await
}

/// Hand-made lists, for the sidebar.
#[tauri::command]
#[specta::specta]
pub async fn list_lists(state: State<'_, AppState>) -> AppResult<Vec<lists::List>> {
    state.with_archive(|a| lists::list(a)).await
}

/// Makes a list.
#[tauri::command]
#[specta::specta]
pub async fn create_list(
    state: State<'_, AppState>,
    name: String,
    description: String,
) -> AppResult<lists::List> {
    state
        .with_archive(move |a| lists::create(a, &name, &description, Origin::Window))
        .await
}

/// The records on a list, in order.
#[tauri::command]
#[specta::specta]
pub async fn list_entries(
    state: State<'_, AppState>,
    id: String,
) -> AppResult<Vec<lists::ListEntry>> {
    state.with_archive(move |a| lists::entries(a, &id)).await
}

/// Adds a record to a list.
#[tauri::command]
#[specta::specta]
pub async fn add_to_list(
    state: State<'_, AppState>,
    id: String,
    record: RecordRef,
    position: Option<u32>,
) -> AppResult<lists::List> {
    state
        .with_archive(move |a| lists::add(a, &id, &record, position, Origin::Window))
        .await
}

/// Takes a record off a list.
#[tauri::command]
#[specta::specta]
pub async fn remove_from_list(
    state: State<'_, AppState>,
    id: String,
    record_id: String,
) -> AppResult<lists::List> {
    state
        .with_archive(move |a| lists::remove(a, &id, &record_id, Origin::Window))
        .await
}

/// Deletes a list (not its records).
#[tauri::command]
#[specta::specta]
pub async fn delete_list(state: State<'_, AppState>, id: String) -> AppResult<()> {
    state
        .with_archive(move |a| lists::delete(a, &id, Origin::Window))
        .await
}

/// Where a record is shown (the interview or photo holding it), to open it from a tag or link.
#[tauri::command]
#[specta::specta]
pub async fn locate_record(
    state: State<'_, AppState>,
    target: Target,
) -> AppResult<Option<records::Location>> {
    state
        .with_archive(move |a| records::locate(a.conn(), &target))
        .await
}
