use std::path::PathBuf;

/// What can stop a recognition, each said so that the curator knows what to do.
#[derive(Debug, thiserror::Error)]
pub enum SpeechError {
    #[error("{folder}: not a Whisper model in CTranslate2 format: {missing} is missing (the folder needs {needs} and a vocabulary)", needs = crate::MODEL_FILES.join(", "))]
    ModelIncomplete { folder: PathBuf, missing: String },
    #[error("{folder}: the model could not be loaded: {reason}")]
    ModelUnreadable { folder: PathBuf, reason: String },
    #[error("{path}: not a recording that can be read: {reason}")]
    Recording { path: PathBuf, reason: String },
    #[error("{path}: the recording is silent; there is no speech to recognize")]
    Silent { path: PathBuf },
    #[error("recognition failed: {0}")]
    Engine(String),
    #[error("recognition was cancelled")]
    Cancelled,
}

pub type Result<T> = std::result::Result<T, SpeechError>;
