//! What the shell tells the window when the archive changes. Its own module so that the state
//! and every command file can announce without importing each other.

use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use tauri_specta::Event as _;

/// What kind of thing changed; the window reloads what it shows of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Another archive was opened: everything.
    Archive,
    Collections,
    Interviews,
    /// Recordings.
    Media,
    Transcripts,
    People,
    Photos,
    Tags,
    Links,
    Sources,
    Lists,
    /// Saved searches.
    Searches,
    /// Restrictions, release forms and accessions.
    Access,
}

/// Something in the archive changed; windows reload what they show of it.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct ArchiveChanged {
    pub what: ChangeKind,
}

pub(crate) fn announce(app: &AppHandle, what: ChangeKind) {
    if let Err(e) = (ArchiveChanged { what }).emit(app) {
        tracing::warn!(error = %e, "could not announce a change");
    }
}
