//! The one error that crosses IPC: a code the UI can branch on, and a message for the curator.

use serde::Serialize;

/// An error returned by a command.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppError {
    /// `not_found`, `invalid`, `in_use`, `not_an_archive`, `no_archive`, `cancelled`, `io` or
    /// `internal`.
    pub code: String,
    /// What went wrong and what to do, in words for the curator.
    pub message: String,
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        AppError {
            code: code.to_owned(),
            message: message.into(),
        }
    }

    pub fn no_archive() -> Self {
        AppError::new(
            "no_archive",
            "No archive is open. Open or create one from the File menu.",
        )
    }
}

impl From<recollect_db::Error> for AppError {
    fn from(e: recollect_db::Error) -> Self {
        if e.code() == "internal" {
            tracing::error!(error = %e, "command failed");
        }
        AppError::new(e.code(), e.to_string())
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The result of a command.
pub type AppResult<T> = Result<T, AppError>;

impl std::error::Error for AppError {}
