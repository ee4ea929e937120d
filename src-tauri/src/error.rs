//! The one error that crosses IPC: a typed code the UI branches on, a message for the curator,
//! and, when a field failed validation, that field as data.

use recollect_db::ErrorCode;
use serde::Serialize;

/// An error returned by a command.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AppError {
    /// What kind of failure.
    pub code: ErrorCode,
    /// What went wrong and what to do, in words for the curator.
    pub message: String,
    /// For `invalid`: the field, as the curator knows it ("date", "birth date", ...).
    pub field: Option<String>,
    /// The message without the field's name, for showing under that field.
    pub detail: String,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        let message = message.into();
        AppError {
            code,
            detail: message.clone(),
            message,
            field: None,
        }
    }

    pub fn no_archive() -> Self {
        AppError::new(
            ErrorCode::NoArchive,
            "No archive is open. Open or create one from the File menu.",
        )
    }
}

impl From<recollect_db::Error> for AppError {
    fn from(e: recollect_db::Error) -> Self {
        if e.kind() == ErrorCode::Internal {
            tracing::error!(error = %e, "command failed");
        }
        let mut error = AppError::new(e.kind(), e.to_string());
        if let Some((field, detail)) = e.invalid_field() {
            error.field = Some(field.to_owned());
            error.detail = detail.to_owned();
        }
        error
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
