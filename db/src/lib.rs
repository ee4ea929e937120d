//! The Recollect archive: one SQLite file of interviews, transcripts, photos and people, with
//! everything that reads or writes it. Front ends (the desktop app, the `recollect` CLI) call
//! into this crate and hold no SQL of their own.
#![deny(missing_docs)]

pub mod archive;
pub mod collection;
pub mod dates;
pub mod error;
pub mod generate;
pub mod ids;
pub mod interview;
pub mod jobs;
pub mod people;
pub mod photo;
pub mod provenance;
pub mod sample;
pub mod search;
pub mod settings;
mod store;
pub mod transcript;

pub use archive::Archive;
pub use error::{Error, Result};
pub use provenance::Origin;
