//! The archive's one error type. Messages are written for the curator: they say what went
//! wrong, where, and what to do next.

use std::path::PathBuf;

/// The kinds of failure a front end may branch on; their names cross the window's IPC and the
/// CLI's JSON as snake case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A record asked for does not exist.
    NotFound,
    /// A field failed validation.
    Invalid,
    /// A record is still used elsewhere.
    InUse,
    /// Another process is writing the archive, or it is read-only.
    Busy,
    /// The file is not an archive this Recollect can open.
    NotAnArchive,
    /// No archive is open (a front end's own state; the core never says it).
    NoArchive,
    /// The curator cancelled; nothing changed.
    Cancelled,
    /// A file could not be read or written.
    Io,
    /// Something the archive did not expect.
    Internal,
}

impl ErrorCode {
    /// The stable name, as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not_found",
            ErrorCode::Invalid => "invalid",
            ErrorCode::InUse => "in_use",
            ErrorCode::Busy => "busy",
            ErrorCode::NotAnArchive => "not_an_archive",
            ErrorCode::NoArchive => "no_archive",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::Io => "io",
            ErrorCode::Internal => "internal",
        }
    }
}

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
    /// What kind of failure this is, for front ends that branch on it.
    pub fn kind(&self) -> ErrorCode {
        match self {
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Invalid { .. } => ErrorCode::Invalid,
            Error::InUse(_) => ErrorCode::InUse,
            Error::Busy { .. } => ErrorCode::Busy,
            Error::NotAnArchive { .. } | Error::NewerArchive { .. } => ErrorCode::NotAnArchive,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::Io { .. } => ErrorCode::Io,
            Error::Migration { .. } | Error::Integrity(_) | Error::Sqlite(_) | Error::Json(_) => {
                ErrorCode::Internal
            }
        }
    }

    /// [`Error::kind`] as its stable name (`not_found`, `invalid`, ...), for the CLI's JSON.
    pub fn code(&self) -> &'static str {
        self.kind().as_str()
    }

    /// For [`Error::Invalid`]: the field, and what is wrong with it without the field's name.
    pub fn invalid_field(&self) -> Option<(&'static str, &str)> {
        match self {
            Error::Invalid { field, message } => Some((field, message)),
            _ => None,
        }
    }

    pub(crate) fn busy(path: &std::path::Path, reason: &str) -> Self {
        Error::Busy {
            path: path.to_owned(),
            reason: reason.to_owned(),
        }
    }

    /// A field that failed validation (`field` as the curator knows it), and what is wrong.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
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

#[cfg(test)]
mod tests;
