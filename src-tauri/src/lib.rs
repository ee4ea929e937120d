//! Recollect's desktop app: a window over the archive in `recollect-db`.

// A command's arguments include what Tauri injects (the app, the state, the jobs) beside its own.
#![allow(clippy::too_many_arguments)]

// The command list comes first: its macro is used below.
#[macro_use]
mod command_list;

mod access;
mod archive;
mod error;
mod events;
mod interviews;
mod jobs;
mod library;
mod media_server;
mod packages;
mod people;
mod photos;
mod recordings;
mod search;
mod speech;
mod state;
mod transcripts;
mod trash;

use std::path::PathBuf;

use tauri::Manager;
use tauri_specta::{collect_commands, collect_events};

pub use error::AppError;
use state::AppState;

/// The file name of the archive made on first start in the app's data folder.
const DEFAULT_ARCHIVE: &str = "Recollect Archive.db";

/// Every command of `command_list.rs`, for Tauri and the bindings.
macro_rules! specta_commands {
    ($($module:ident::$command:ident),* $(,)?) => {
        collect_commands![$($module::$command),*]
    };
}

/// Every command and event the window may use, for Tauri and for the generated bindings.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(with_commands!(specta_commands))
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
            tauri::async_runtime::block_on(archive::allow_media(app.handle(), &state));
            state.announce_to(app.handle().clone());
            app.manage(state);
            app.manage(jobs::Jobs::default());
            app.manage(std::sync::Arc::new(speech::SpeechSettings::new(
                app.path().app_config_dir()?.join("speech-model-folder"),
            )));
            app.manage(media_server::MediaServer::start()?);
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("Recollect could not start its window");
}

#[cfg(test)]
mod tests;
