//! What the shell tells the window when the archive changes: the kinds of change the core's
//! writes report (`recollect_db::changes`). Its own module so that the state and the commands
//! can announce without importing each other.

use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use tauri_specta::Event as _;

pub use recollect_db::changes::ChangeKind;

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
