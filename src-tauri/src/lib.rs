//! Recollect's desktop app: a window over the archive in `recollect-db`.

// A command's arguments include what Tauri injects (the app, the state, the jobs) beside its own.
#![allow(clippy::too_many_arguments)]

mod access;
mod accessions;
mod commands;
mod error;
mod events;
mod jobs;
mod media;
mod media_server;
mod packages;
mod photos;
mod state;
mod transcripts;

use std::path::PathBuf;

use tauri::Manager;
use tauri_specta::{collect_commands, collect_events};

pub use error::AppError;
use state::AppState;

/// The file name of the archive made on first start in the app's data folder.
const DEFAULT_ARCHIVE: &str = "Recollect Archive.db";

/// Every command and event the window may use, for Tauri and for the generated bindings.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            commands::archive_info,
            commands::open_archive,
            commands::create_archive,
            commands::choose_archive_to_open,
            commands::choose_archive_to_create,
            commands::recent_archives,
            commands::set_curator,
            commands::list_collections,
            commands::create_collection,
            commands::update_collection,
            commands::delete_collection,
            commands::list_interviews,
            commands::get_interview,
            commands::create_interview,
            commands::update_interview,
            commands::delete_interview,
            commands::list_people,
            commands::get_person,
            commands::create_person,
            commands::update_person,
            commands::delete_person,
            commands::record_history,
            transcripts::list_transcripts,
            transcripts::transcript_segments,
            transcripts::preview_transcript,
            transcripts::import_transcript,
            transcripts::cancel_job,
            transcripts::update_segment,
            transcripts::split_segment,
            transcripts::merge_segment_with_next,
            transcripts::sync_segment_start,
            transcripts::delete_transcript,
            transcripts::align_transcripts,
            transcripts::save_revision,
            transcripts::list_revisions,
            transcripts::diff_revisions,
            transcripts::list_index_points,
            transcripts::search_archive,
            packages::preview_export,
            packages::export_package,
            packages::import_package,
            packages::choose_folder,
            packages::choose_files,
            packages::open_site,
            media::list_media,
            media::add_media,
            media::relink_media,
            media::remove_media,
            media::reorder_media,
            access::list_tags,
            access::suggest_tags,
            access::create_tag,
            access::update_tag,
            access::rename_tag,
            access::move_tag,
            access::merge_tags,
            access::delete_tag,
            access::tag_target,
            access::untag_target,
            access::tags_of,
            access::tagged,
            access::create_link,
            access::delete_link,
            access::links_of,
            access::list_sources,
            access::create_source,
            access::update_source,
            access::delete_source,
            access::cite,
            access::uncite,
            access::citations_of,
            access::restrictions_of,
            access::restrict,
            access::lift_restriction,
            access::release_forms_of,
            access::add_release_form,
            access::update_release_form,
            accessions::list_accessions,
            accessions::accessions_of,
            accessions::create_accession,
            accessions::update_accession,
            accessions::delete_accession,
            accessions::attach_accession_deed,
            access::effective_access,
            access::inherited_access,
            access::transcript_marks,
            access::list_saved_searches,
            access::save_search,
            access::delete_saved_search,
            access::run_saved_search,
            access::list_lists,
            access::create_list,
            access::list_entries,
            access::add_to_list,
            access::remove_from_list,
            access::delete_list,
            access::resolve_span,
            access::locate_record,
            access::audit_archive,
            photos::list_photos,
            photos::get_photo,
            photos::update_photo,
            photos::delete_photo,
            photos::add_caption,
            photos::update_caption,
            photos::delete_caption,
            photos::add_photo_to_collection,
            photos::attach_photo_to_interview,
            photos::detach_photo_from_interview,
            photos::photo_regions,
            photos::add_region,
            photos::update_region,
            photos::delete_region,
            photos::identify_from_caption,
            photos::confirm_identification,
            photos::person_appearances,
            photos::parse_caption,
            photos::person_authority,
            photos::add_name_variant,
            photos::remove_name_variant,
            photos::set_person_roles,
            photos::set_person_identifiers,
            photos::relate_people,
            photos::unrelate_people,
            photos::match_people,
            photos::possible_duplicates,
            photos::merge_people,
            photos::transcript_mentions,
            photos::import_photos,
            photos::photo_files,
        ])
        .events(collect_events![events::ArchiveChanged])
        // One TypeScript type per Rust type, whichever way it crosses.
        .disable_serde_phases()
}

/// Writes the TypeScript bindings the UI is built against.
pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    let header = "// Generated from the Rust commands by `make bindings`. Do not edit.\n";
    specta_builder()
        .export(
            specta_typescript::Typescript::default().header(header),
            path,
        )
        .map_err(|e| e.to_string())
}

/// The archive named by `--archive PATH` on the command line, if any.
fn archive_from_args() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--archive" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.to_str().and_then(|a| a.strip_prefix("--archive=")) {
            return Some(PathBuf::from(path));
        }
    }
    None
}

fn init_logging(dir: &std::path::Path) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    use tracing_subscriber::{fmt, prelude::*, EnvFilter};
    std::fs::create_dir_all(dir).ok()?;
    let (writer, guard) =
        tracing_appender::non_blocking(tracing_appender::rolling::daily(dir, "recollect.log"));
    let filter =
        EnvFilter::try_from_env("RECOLLECT_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::registry()
        .with(filter)
        .with(fmt::layer().with_writer(writer).with_ansi(false))
        .with(fmt::layer().with_writer(std::io::stderr))
        .try_init()
        .ok()?;
    Some(guard)
}

/// Opens the archive the app starts on: `--archive PATH`, else the last one opened, else the
/// default archive in the app's data folder, which is filled with the sample on first start.
fn open_first_archive(
    app: &tauri::App,
    state: &AppState,
) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(path) = archive_from_args() {
        state.open(&path)?;
        return Ok(());
    }
    if let Some(last) = state.recent().into_iter().find(|r| r.exists) {
        if state.open(std::path::Path::new(&last.path)).is_ok() {
            return Ok(());
        }
    }
    let path = app.path().app_data_dir()?.join(DEFAULT_ARCHIVE);
    let first_start = !path.exists();
    state.open(&path)?;
    if first_start {
        tauri::async_runtime::block_on(state.with_archive(recollect_db::sample::build))?;
        tracing::info!(path = %path.display(), "sample archive created on first start");
    }
    Ok(())
}

/// Runs the app.
pub fn run() {
    let builder = specta_builder();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            let guard = app
                .path()
                .app_log_dir()
                .ok()
                .and_then(|dir| init_logging(&dir));
            app.manage(guard);
            let state = AppState::new(app.path().app_config_dir()?.join("recent-archives.json"));
            if let Err(e) = open_first_archive(app, &state) {
                // The window still opens, with an empty state that offers Open and New.
                tracing::error!(error = %e, "could not open the first archive");
            }
            tauri::async_runtime::block_on(commands::allow_media(app.handle(), &state));
            app.manage(state);
            app.manage(jobs::Jobs::default());
            app.manage(media_server::MediaServer::start()?);
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("Recollect could not start its window");
}

#[cfg(test)]
mod tests {
    /// The committed bindings must match the commands; `make bindings` regenerates them.
    #[test]
    fn bindings_are_up_to_date() {
        let committed_path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            super::export_bindings(&committed_path).unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let fresh_path = dir.path().join("bindings.ts");
        super::export_bindings(&fresh_path).unwrap();
        let fresh = std::fs::read_to_string(fresh_path).unwrap();
        let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
        assert!(
            fresh == committed,
            "ui/src/lib/bindings.ts is stale: run `make bindings` and commit it"
        );
    }
}
