//! Commands for tags, links, sources and citations, restrictions and release forms, saved
//! searches and lists. Each takes its arguments, calls one core function and maps the error.

use recollect_db::{
    fixity,
    jobs::Progress,
    links, lists,
    records::{self, RecordRef, Target},
    restrictions, saved_searches,
    search::SearchQuery,
    sources, tags, Origin,
};
use tauri::{ipc::Channel, AppHandle, State};

use crate::{error::AppResult, events::announce, jobs::Jobs, state::AppState};

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
pub async fn create_tag(
    app: AppHandle,
    state: State<'_, AppState>,
    input: tags::TagInput,
) -> AppResult<tags::Tag> {
    state
        .change(&app, "tags", move |a| {
            tags::create(a, &input, Origin::Window)
        })
        .await
}

/// Changes a tag's labels and scope note.
#[tauri::command]
#[specta::specta]
pub async fn update_tag(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    input: tags::TagInput,
) -> AppResult<tags::Tag> {
    state
        .change(&app, "tags", move |a| {
            tags::update(a, &id, &input, Origin::Window)
        })
        .await
}

/// Renames a tag, optionally keeping the old label as an alternative.
#[tauri::command]
#[specta::specta]
pub async fn rename_tag(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    label: String,
    keep_old_label: bool,
) -> AppResult<tags::Tag> {
    state
        .change(&app, "tags", move |a| {
            tags::rename(a, &id, &label, keep_old_label, Origin::Window)
        })
        .await
}

/// Puts a tag under a broader one, or at the top.
#[tauri::command]
#[specta::specta]
pub async fn move_tag(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    broader_id: Option<String>,
) -> AppResult<tags::Tag> {
    state
        .change(&app, "tags", move |a| {
            tags::move_to(a, &id, broader_id.as_deref(), Origin::Window)
        })
        .await
}

/// Merges one tag into another, keeping every use.
#[tauri::command]
#[specta::specta]
pub async fn merge_tags(
    app: AppHandle,
    state: State<'_, AppState>,
    from: String,
    into: String,
) -> AppResult<tags::Tag> {
    state
        .change(&app, "tags", move |a| {
            tags::merge(a, &from, &into, Origin::Window)
        })
        .await
}

/// Deletes an unused tag.
#[tauri::command]
#[specta::specta]
pub async fn delete_tag(app: AppHandle, state: State<'_, AppState>, id: String) -> AppResult<()> {
    state
        .change(&app, "tags", move |a| tags::delete(a, &id, Origin::Window))
        .await
}

/// Tags a record or a span of a transcript.
#[tauri::command]
#[specta::specta]
pub async fn tag_target(
    app: AppHandle,
    state: State<'_, AppState>,
    tag_id: String,
    target: Target,
) -> AppResult<tags::Tagging> {
    state
        .change(&app, "tags", move |a| {
            tags::tag(a, &tag_id, &target, Origin::Window)
        })
        .await
}

/// Removes a tag from a record or span.
#[tauri::command]
#[specta::specta]
pub async fn untag_target(
    app: AppHandle,
    state: State<'_, AppState>,
    tag_id: String,
    target: Target,
) -> AppResult<()> {
    state
        .change(&app, "tags", move |a| {
            tags::untag(a, &tag_id, &target, Origin::Window)
        })
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
    app: AppHandle,
    state: State<'_, AppState>,
    input: links::LinkInput,
) -> AppResult<links::Link> {
    let result = state
        .with_archive(move |a| links::create(a, &input, Origin::Window))
        .await?;
    announce(&app, "links");
    // A link between people is their relationship, on both their pages.
    if result.link_type.is_relationship() {
        announce(&app, "people");
    }
    Ok(result)
}

/// Removes a link.
#[tauri::command]
#[specta::specta]
pub async fn delete_link(app: AppHandle, state: State<'_, AppState>, id: String) -> AppResult<()> {
    let relationship = state
        .with_archive(move |a| {
            let link = links::get(a, &id)?;
            links::delete(a, &id, Origin::Window)?;
            Ok(link.link_type.is_relationship())
        })
        .await?;
    announce(&app, "links");
    if relationship {
        announce(&app, "people");
    }
    Ok(())
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
    app: AppHandle,
    state: State<'_, AppState>,
    input: sources::SourceFields,
) -> AppResult<sources::Source> {
    state
        .change(&app, "sources", move |a| {
            sources::create(a, &input, Origin::Window)
        })
        .await
}

/// Changes a source.
#[tauri::command]
#[specta::specta]
pub async fn update_source(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    input: sources::SourceFields,
) -> AppResult<sources::Source> {
    state
        .change(&app, "sources", move |a| {
            sources::update(a, &id, &input, Origin::Window)
        })
        .await
}

/// Deletes an uncited source.
#[tauri::command]
#[specta::specta]
pub async fn delete_source(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> AppResult<()> {
    state
        .change(&app, "sources", move |a| {
            sources::delete(a, &id, Origin::Window)
        })
        .await
}

/// Cites a source from a record or span, with a locator.
#[tauri::command]
#[specta::specta]
pub async fn cite(
    app: AppHandle,
    state: State<'_, AppState>,
    input: sources::CitationInput,
) -> AppResult<sources::Citation> {
    state
        .change(&app, "sources", move |a| {
            sources::cite(a, &input, Origin::Window)
        })
        .await
}

/// Removes a citation.
#[tauri::command]
#[specta::specta]
pub async fn uncite(
    app: AppHandle,
    state: State<'_, AppState>,
    citation_id: String,
) -> AppResult<()> {
    state
        .change(&app, "sources", move |a| {
            sources::uncite(a, &citation_id, Origin::Window)
        })
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
    app: AppHandle,
    state: State<'_, AppState>,
    input: restrictions::RestrictionInput,
) -> AppResult<Option<restrictions::Restriction>> {
    state
        .change(&app, "access", move |a| {
            restrictions::restrict(a, &input, Origin::Window)
        })
        .await
}

/// Lifts a restriction, saying why.
#[tauri::command]
#[specta::specta]
pub async fn lift_restriction(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    reason: String,
) -> AppResult<()> {
    state
        .change(&app, "access", move |a| {
            restrictions::lift(a, &id, &reason, Origin::Window)
        })
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
    app: AppHandle,
    state: State<'_, AppState>,
    input: restrictions::ReleaseFormInput,
) -> AppResult<restrictions::ReleaseForm> {
    state
        .change(&app, "access", move |a| {
            restrictions::add_release_form(a, &input, Origin::Window)
        })
        .await
}

/// Changes a release form.
#[tauri::command]
#[specta::specta]
pub async fn update_release_form(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    input: restrictions::ReleaseFormInput,
) -> AppResult<restrictions::ReleaseForm> {
    state
        .change(&app, "access", move |a| {
            restrictions::update_release_form(a, &id, &input, Origin::Window)
        })
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
    app: AppHandle,
    state: State<'_, AppState>,
    name: String,
    query: SearchQuery,
) -> AppResult<saved_searches::SavedSearch> {
    state
        .change(&app, "searches", move |a| {
            saved_searches::create(a, &name, &query, Origin::Window)
        })
        .await
}

/// Deletes a saved search.
#[tauri::command]
#[specta::specta]
pub async fn delete_saved_search(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> AppResult<()> {
    state
        .change(&app, "searches", move |a| {
            saved_searches::delete(a, &id, Origin::Window)
        })
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
    app: AppHandle,
    state: State<'_, AppState>,
    name: String,
    description: String,
) -> AppResult<lists::List> {
    state
        .change(&app, "lists", move |a| {
            lists::create(a, &name, &description, Origin::Window)
        })
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
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    record: RecordRef,
    position: Option<u32>,
) -> AppResult<lists::List> {
    state
        .change(&app, "lists", move |a| {
            lists::add(a, &id, &record, position, Origin::Window)
        })
        .await
}

/// Takes a record off a list.
#[tauri::command]
#[specta::specta]
pub async fn remove_from_list(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    record_id: String,
) -> AppResult<lists::List> {
    state
        .change(&app, "lists", move |a| {
            lists::remove(a, &id, &record_id, Origin::Window)
        })
        .await
}

/// Deletes a list (not its records).
#[tauri::command]
#[specta::specta]
pub async fn delete_list(app: AppHandle, state: State<'_, AppState>, id: String) -> AppResult<()> {
    state
        .change(&app, "lists", move |a| {
            lists::delete(a, &id, Origin::Window)
        })
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

/// Re-hashes every recording and document, reporting progress on `on_progress`; cancel with
/// `cancel_job(job_id)`. The report names every missing or changed file.
#[tauri::command]
#[specta::specta]
pub async fn audit_archive(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    job_id: String,
    on_progress: Channel<Progress>,
) -> AppResult<fixity::AuditReport> {
    let result = jobs
        .run(&state, &job_id, on_progress, move |a, job| {
            fixity::audit(a, job, Origin::Window)
        })
        .await;
    result
}
