//! The archive's one error type. Messages are written for the curator: they say what went
//! wrong, where, and what to do next.

use std::path::PathBuf;

/// Everything that can go wrong in the archive.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A record asked for by id does not exist.
    #[error("no {kind} with id {id}: it may have been deleted")]
    NotFound {
        /// The kind of record ("interview", "person", ...).
        kind: &'static str,
        /// The id that was looked up.
        id: String,
    },

    /// A field failed validation.
    #[error("{field}: {message}")]
    Invalid {
        /// The field, as the user knows it.
        field: &'static str,
        /// What is wrong and how to fix it.
        message: String,
    },

    /// The record is still used elsewhere and cannot be removed.
    #[error("{0}")]
    InUse(String),

    /// The archive cannot be changed from here: another process is writing to it, or it was
    /// opened read-only.
    #[error("{} cannot be changed from here: {reason}", path.display())]
    Busy {
        /// The archive.
        path: PathBuf,
        /// Why, and what to do.
        reason: String,
    },

    /// The file at `path` is not a Recollect archive.
    #[error("{} is not a Recollect archive (it is a SQLite file of another application)", path.display())]
    NotAnArchive {
        /// The file that was opened.
        path: PathBuf,
    },

    /// The archive was written by a newer version of Recollect.
    #[error("{} was written by a newer Recollect (schema {found}, this one knows up to {supported}); update Recollect to open it", path.display())]
    NewerArchive {
        /// The file that was opened.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest schema this build knows.
        supported: i64,
    },

    /// A migration failed; the archive was left as it was.
    #[error("upgrading the archive to schema {version} failed: {source}; the archive was left unchanged")]
    Migration {
        /// The migration that failed.
        version: i64,
        /// Why.
        source: rusqlite::Error,
    },

    /// An integrity check found damage.
    #[error("the archive failed its integrity check: {0}")]
    Integrity(String),

    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },

    /// The job was cancelled by the user; nothing was changed.
    #[error("cancelled; nothing was changed")]
    Cancelled,

    /// An error from SQLite that the archive did not expect.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// A JSON value in the archive could not be read or written.
    #[error("JSON error: {0}")]
    Json(#[from] serde_json::Error),
}

impl Error {
    /// A short stable code for front ends that branch on the kind of failure.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "not_found",
            Error::Invalid { .. } => "invalid",
            Error::InUse(_) => "in_use",
            Error::Busy { .. } => "busy",
            Error::NotAnArchive { .. } | Error::NewerArchive { .. } => "not_an_archive",
            Error::Cancelled => "cancelled",
            Error::Io { .. } => "io",
            Error::Migration { .. } | Error::Integrity(_) | Error::Sqlite(_) | Error::Json(_) => {
                "internal"
            }
        }
    }

    pub(crate) fn busy(path: &std::path::Path, reason: &str) -> Self {
        Error::Busy {
            path: path.to_owned(),
            reason: reason.to_owned(),
        }
    }

    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The archive's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
