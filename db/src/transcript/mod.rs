//! Transcripts: time-coded segments of an interview, their formats, and their revisions.

pub mod formats;
