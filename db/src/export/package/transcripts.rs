//! Text and timing: each transcript as WebVTT, SRT and plain text, and the names of those files.

use super::super::{
    bagit::{Payload, Source},
    content::{self, PackagedInterview},
};
use crate::transcript::formats::{self, ParsedSegment};

pub(super) fn parsed_segments(segments: &[content::PackagedSegment]) -> Vec<ParsedSegment> {
    segments
        .iter()
        .map(|s| ParsedSegment {
            start_ms: s.segment.start_ms,
            end_ms: s.segment.end_ms,
            speaker: Some(s.segment.speaker_label.clone()).filter(|l| !l.is_empty()),
            text: match &s.withheld {
                Some(reason) if s.segment.text.is_empty() => format!("[{reason}]"),
                _ => s.segment.text.clone(),
            },
            source_line: 0,
        })
        .collect()
}

fn transcript_paths(
    interview_id: &str,
    transcript_id: &str,
    language: &str,
) -> Vec<(String, &'static str, formats::Format)> {
    // Languages are checked on input; one stored before that (or put there by hand) that is
    // not a tag is left out of the name rather than let it reach outside the folder.
    let stem = if !crate::language::is_tag(language) {
        transcript_id.to_owned()
    } else {
        format!("{transcript_id}.{language}")
    };
    vec![
        (
            format!("transcripts/{interview_id}/{stem}.vtt"),
            "text/vtt",
            formats::Format::Vtt,
        ),
        (
            format!("transcripts/{interview_id}/{stem}.srt"),
            "application/x-subrip",
            formats::Format::Srt,
        ),
        (
            format!("transcripts/{interview_id}/{stem}.txt"),
            "text/plain",
            formats::Format::Text,
        ),
    ]
}

/// Where each transcript went in the bag, by transcript id: its files (relative to `data/`)
/// with their MIME types, for the metadata and the site to point at.
pub(super) type TranscriptsPlaced = std::collections::HashMap<String, Vec<(String, &'static str)>>;

/// Text and timing: each transcript of an interview as WebVTT, SRT and plain text, noting in
/// `placed` where each went, so the layers written after this one link to those files without
/// looking for the transcript again.
pub(super) fn add_transcripts(
    payload: &mut Payload,
    packaged: &PackagedInterview,
    placed: &mut TranscriptsPlaced,
) {
    for t in &packaged.transcripts {
        let segments = parsed_segments(&t.segments);
        let paths = transcript_paths(
            &packaged.interview.id,
            &t.transcript.id,
            &t.transcript.language,
        );
        let mut files = Vec::with_capacity(paths.len());
        for (path, mime, format) in paths {
            let text = match format {
                formats::Format::Vtt => formats::write_vtt(&segments),
                formats::Format::Srt => formats::write_srt(&segments),
                _ => formats::write_text(&segments),
            };
            files.push((path.clone(), mime));
            payload.push((path, Source::Bytes(text.into_bytes())));
        }
        placed.insert(t.transcript.id.clone(), files);
    }
}
