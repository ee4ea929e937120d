//! Offline speech recognition for Recollect: a recording becomes timed words with a confidence
//! each, grouped into segments, from a Whisper model in CTranslate2 format run on the CPU.
//!
//! A crate of its own, above the archive (`recollect-db`): the engine is a large C++ library,
//! and the archive builds and tests without it. [`archive`] is speech work on an archive
//! (transcribe a recording, align a typed transcript), for the CLI and the app alike; the rest
//! knows no archive. Nothing here reaches the network; the model is a folder the curator has.

pub mod align;
pub mod archive;
mod audio;
mod error;
mod loops;
mod model;
mod recognize;
mod whisper;

pub use whisper::{COMPUTE_TYPE, ENGINE};

pub use audio::{read_for_speech, SAMPLE_RATE};
pub use error::{Result, SpeechError};
pub use model::{Model, MODEL_FILES};
pub use recognize::{Flagged, Progress, Recognition, Recognizer, Segment, Settings, Word};
