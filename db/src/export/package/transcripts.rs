//! Text and timing: each transcript as WebVTT, SRT and plain text, and the names of those files.

use super::super::{
    bagit::{Payload, Source},
    content::{self, PackageContent, PackagedInterview},
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

/// Text and timing: each transcript as WebVTT, SRT and plain text.
pub(super) fn add_transcripts(payload: &mut Payload, packaged: &PackagedInterview) {
    for t in &packaged.transcripts {
        let segments = parsed_segments(&t.segments);
        let paths = transcript_paths(
            &packaged.interview.id,
            &t.transcript.id,
            &t.transcript.language,
        );
        for (path, _, format) in paths {
            let text = match format {
                formats::Format::Vtt => formats::write_vtt(&segments),
                formats::Format::Srt => formats::write_srt(&segments),
                _ => formats::write_text(&segments),
            };
            payload.push((path, Source::Bytes(text.into_bytes())));
        }
    }
}

/// The files a transcript was written to, with their MIME types.
pub(super) fn transcript_files(
    content: &PackageContent,
    transcript_id: &str,
) -> Vec<(String, &'static str)> {
    content
        .interviews
        .iter()
        .flat_map(|p| p.transcripts.iter().map(move |t| (p, t)))
        .find(|(_, t)| t.transcript.id == transcript_id)
        .map(|(p, t)| {
            transcript_paths(&p.interview.id, transcript_id, &t.transcript.language)
                .into_iter()
                .map(|(path, mime, _)| (path, mime))
                .collect()
        })
        .unwrap_or_default()
}
