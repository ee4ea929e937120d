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
mod tests {
    use super::*;

    #[test]
    fn a_dropped_file_is_known_by_its_extension_in_any_case() {
        for (name, kind) in [
            ("tape 1.WAV", Some(ImportKind::Recording)),
            ("interview.mkv", Some(ImportKind::Recording)),
            ("side b.opus", Some(ImportKind::Recording)),
            ("smilga.vtt", Some(ImportKind::Transcript)),
            ("smilga.WebVTT", Some(ImportKind::Transcript)),
            ("ohms.xml", Some(ImportKind::Transcript)),
            ("notes.txt", Some(ImportKind::Transcript)),
            ("group photo.jpg", None),
            ("deed.pdf", None),
            ("no extension", None),
        ] {
            assert_eq!(dropped_on_interview(Path::new(name)), kind, "{name}");
        }
    }

    #[test]
    fn each_kind_offers_what_its_reader_takes() {
        // A transcript's extension decides its format when the content does not.
        for ext in ImportKind::Transcript.extensions() {
            let format = Format::detect(Path::new(&format!("t.{ext}")), b"plain words");
            assert!(
                ext == "txt" || format != Format::Text,
                ".{ext} is offered but read as plain text"
            );
        }
        assert!(ImportKind::Photo.extensions().contains(&"tiff"));
        let documents = ImportKind::Document.extensions();
        assert!(documents.contains(&"pdf") && documents.contains(&"jpg"));
        let recordings = ImportKind::Recording.extensions();
        let mut unique = recordings.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), recordings.len(), "each extension once");
    }
}
