//! Packages: export and its preview, import, the fixity audit, and opening an exported site.
//!
//! Each command takes its arguments, gets the state, calls one core function and maps the
//! error; nothing here touches SQL or parses files.

use recollect_db::{
    export::{
        dump::MergeReport,
        package::{self, ExportOptions, ExportPreview, ExportSummary},
    },
    fixity,
    jobs::{JobContext, Progress},
    ErrorCode, Origin,
};
use tauri::{ipc::Channel, AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::{
    error::{AppError, AppResult},
    jobs::Jobs,
    state::AppState,
};

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
    jobs.run_reading(
        &state,
        &job_id,
        on_progress,
        fixity::check,
        |a, report, job| fixity::record(a, report, Origin::Window, job),
    )
    .await
}

fn today() -> String {
    recollect_db::dates::today()
}

/// What an export with these options would hold and withhold.
#[tauri::command]
#[specta::specta]
pub async fn preview_export(
    state: State<'_, AppState>,
    options: ExportOptions,
) -> AppResult<ExportPreview> {
    state
        .with_reader(move |a| {
            // Judged as the export judges (for a public search, only the interviews the public
            // view lets it find), without writing anything.
            package::preview(
                a,
                options.profile,
                &options.selection,
                &today(),
                &JobContext::silent(),
            )
        })
        .await
}

/// Writes a package, reporting progress on `on_progress`; cancel with `cancel_job(job_id)`.
#[tauri::command]
#[specta::specta]
pub async fn export_package(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    job_id: String,
    options: ExportOptions,
    on_progress: Channel<Progress>,
) -> AppResult<ExportSummary> {
    jobs.run_reading(
        &state,
        &job_id,
        on_progress,
        move |a, job| package::write_package(a, &options, &today(), job),
        |a, written, job| package::record_export(a, written, Origin::Window, job),
    )
    .await
}

/// Verifies a package and imports its records, all or nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_package(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    job_id: String,
    path: String,
    on_progress: Channel<Progress>,
) -> AppResult<MergeReport> {
    jobs.run(&state, &job_id, on_progress, move |a, job| {
        package::import(a, std::path::Path::new(&path), job)
    })
    .await
}

/// Opens an exported package's website in a window of its own, read straight from the
/// package's folder as `file://`, as the site is made to work. Not through the asset protocol:
/// WebKitGTK hands `<audio>` and `<video>` to GStreamer, which cannot read `asset://`
/// (tauri-apps/tauri#3725), so the site's player would stay silent. The window gets no commands.
#[tauri::command]
#[specta::specta]
pub async fn open_site(app: AppHandle, bag_dir: String) -> AppResult<()> {
    let index = std::path::absolute(
        std::path::Path::new(&bag_dir)
            .join("data")
            .join("site")
            .join("index.html"),
    )
    .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    if !index.is_file() {
        return Err(AppError::new(
            ErrorCode::NotFound,
            format!("{} has no site; export the package again", bag_dir),
        ));
    }
    let url = url::Url::from_file_path(&index).map_err(|()| {
        AppError::new(
            ErrorCode::Invalid,
            format!("{} cannot be opened as a file address", index.display()),
        )
    })?;
    let label = format!("site-{}", recollect_db::ids::new_id().replace('-', ""));
    tauri::WebviewWindowBuilder::new(&app, label, tauri::WebviewUrl::External(url))
        .title("Package website")
        .inner_size(1200.0, 820.0)
        .build()
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
    Ok(())
}

/// Opens a folder on this computer (an exported package's) in the system's file manager:
/// `xdg-open` (or `gio open`) on Linux, `open` on macOS, Explorer on Windows; the program named
/// by `RECOLLECT_OPEN_WITH`, when set, instead. Only an existing local folder is opened, so
/// nothing is ever handed a web address.
#[tauri::command]
#[specta::specta]
pub async fn open_folder(path: String) -> AppResult<()> {
    let folder =
        std::path::absolute(&path).map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    if !folder.is_dir() {
        return Err(AppError::new(
            ErrorCode::NotFound,
            format!("{} is not a folder on this computer", folder.display()),
        ));
    }
    let openers: Vec<(String, Vec<&str>)> = match std::env::var("RECOLLECT_OPEN_WITH") {
        Ok(program) if !program.trim().is_empty() => vec![(program, vec![])],
        _ if cfg!(target_os = "macos") => vec![("open".into(), vec![])],
        _ if cfg!(windows) => vec![("explorer".into(), vec![])],
        _ => vec![("xdg-open".into(), vec![]), ("gio".into(), vec!["open"])],
    };
    let mut last_error = None;
    for (program, args) in openers {
        match std::process::Command::new(&program)
            .args(args)
            .arg(&folder)
            .stdin(std::process::Stdio::null())
            .spawn()
        {
            Ok(mut child) => {
                // Reaped when the file manager's launcher exits.
                std::thread::spawn(move || child.wait());
                return Ok(());
            }
            Err(e) => last_error = Some(format!("{program}: {e}")),
        }
    }
    Err(AppError::new(
        ErrorCode::Io,
        format!(
            "no file manager could be started for {} ({})",
            folder.display(),
            last_error.unwrap_or_default()
        ),
    ))
}

/// Shows a folder dialog; `null` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn choose_folder(app: AppHandle, title: String) -> AppResult<Option<String>> {
    let dialog = app.dialog().file().set_title(title);
    let Some(folder) = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_folder())
        .await
        .ok()
        .flatten()
    else {
        return Ok(None);
    };
    let path = folder
        .into_path()
        .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    Ok(Some(path.to_string_lossy().into_owned()))
}
