//! What the shell tells the window when the archive changes. Its own module so that the state
//! and every command file can announce without importing each other.

use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use tauri_specta::Event as _;

/// Something in the archive changed; windows reload what they show of it.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct ArchiveChanged {
    /// What changed: "archive" (another archive was opened), "collections", "interviews",
    /// "people", "transcripts" or "media".
    pub what: String,
}

pub(crate) fn announce(app: &AppHandle, what: &str) {
    if let Err(e) = (ArchiveChanged {
        what: what.to_owned(),
    })
    .emit(app)
    {
        tracing::warn!(error = %e, "could not announce a change");
    }
}
