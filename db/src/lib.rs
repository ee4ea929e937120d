//! The Recollect archive: one SQLite file of interviews, transcripts, photos and people, with
//! everything that reads or writes it. Front ends (the desktop app, the `recollect` CLI) call
//! into this crate and hold no SQL of their own.
#![deny(missing_docs)]

pub mod accession;
pub mod archive;
pub mod changes;
pub mod collection;
pub mod dates;
pub mod error;
pub mod export;
pub mod fixity;
pub mod generate;
pub mod ids;
pub mod import_kinds;
pub mod interview;
pub mod jobs;
pub mod language;
pub mod links;
pub mod lists;
pub mod media;
pub mod people;
pub mod photo;
pub mod provenance;
pub mod public;
pub mod records;
pub mod restrictions;
pub mod sample;
pub mod saved_searches;
pub mod search;
pub mod settings;
pub mod sources;
pub mod store;
pub mod tags;
pub mod transcript;

pub use archive::Archive;
pub use error::{Error, ErrorCode, Result};
pub use provenance::Origin;
