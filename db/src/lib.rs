//! The Recollect archive: one SQLite file of interviews, transcripts, photos and people, with
//! everything that reads or writes it. Front ends (the desktop app, the `recollect` CLI) call
//! into this crate and hold no SQL of their own.
#![deny(missing_docs)]

// The archive file and its one write path: opening and upgrading it, the writer, what a write
// changed, the provenance log, errors, ids, long jobs, settings, and the store of files.
pub mod archive;
pub mod changes;
pub mod error;
pub mod ids;
pub mod jobs;
pub mod provenance;
pub mod settings;
pub mod store;

// The records a curator keeps, one module each, and what they share (a reference to any
// record or span, dates, languages).
pub mod accession;
pub mod collection;
pub mod dates;
pub mod interview;
pub mod language;
pub mod links;
pub mod lists;
pub mod media;
pub mod people;
pub mod photo;
pub mod records;
pub mod restrictions;
pub mod saved_searches;
pub mod sources;
pub mod tags;
pub mod transcript;
pub mod trash;

// Reading across the records: the material of many interviews at once, search, and the public
// view that every public output reads.
pub mod material;
pub mod public;
pub mod search;

// Files in and out: packages and sites, which files an import takes, the fixity audit, and
// archives made for trying the app out and for measuring it.
pub mod export;
pub mod fixity;
pub mod generate;
pub mod import_kinds;
pub mod sample;

pub use archive::Archive;
pub use error::{Error, ErrorCode, Result};
pub use provenance::Origin;
