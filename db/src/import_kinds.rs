//! The kinds of file the archive takes in, and which extensions each kind is known by: what the
//! window's Open dialogs offer, and how a file dropped on the window is told apart. Each list
//! belongs to the module that reads such files; this one only gathers them.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::{media, photo, transcript::formats::Format};

/// A kind of file the archive takes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// A transcript: WebVTT, SRT, plain text or OHMS XML.
    Transcript,
    /// An audio or video recording.
    Recording,
    /// A photo or a scan.
    Photo,
    /// A document kept with an accession or a release form: a PDF or a scan.
    Document,
}

/// A document is a PDF or an image (a scan of a signed paper).
const DOCUMENT_ONLY_EXTENSIONS: &[&str] = &["pdf"];

impl ImportKind {
    /// The extensions, lower case and without the dot, that files of this kind are taken by.
    pub fn extensions(self) -> Vec<&'static str> {
        match self {
            ImportKind::Transcript => Format::EXTENSIONS.to_vec(),
            ImportKind::Recording => media::extensions(),
            ImportKind::Photo => photo::import::IMAGE_EXTENSIONS.to_vec(),
            ImportKind::Document => DOCUMENT_ONLY_EXTENSIONS
                .iter()
                .chain(photo::import::IMAGE_EXTENSIONS)
                .copied()
                .collect(),
        }
    }

    /// What an Open dialog calls files of this kind.
    pub fn label(self) -> &'static str {
        match self {
            ImportKind::Transcript => "Transcripts",
            ImportKind::Recording => "Audio and video",
            ImportKind::Photo => "Images",
            ImportKind::Document => "Documents and scans",
        }
    }
}

/// What a file dropped on an interview is, by its extension: a transcript or a recording, or
/// `None` for anything an interview does not take that way.
pub fn dropped_on_interview(path: &Path) -> Option<ImportKind> {
    let extension = path.extension()?.to_str()?.to_lowercase();
    [ImportKind::Transcript, ImportKind::Recording]
        .into_iter()
        .find(|kind| kind.extensions().contains(&extension.as_str()))
}

#[cfg(test)]
mod tests;
