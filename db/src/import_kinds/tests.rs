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
