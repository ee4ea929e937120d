//! Transcript file formats: reading (all or nothing, with errors that name the file and line)
//! and writing.
