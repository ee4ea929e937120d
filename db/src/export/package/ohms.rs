//! OHMS XML: one record per interview.

use super::super::{
    bagit::{Payload, Source},
    content::{PackageContent, PackagedInterview},
};
use super::{transcripts::parsed_segments, ExportOptions};
use crate::transcript::formats::{ohms_write, ParsedIndexPoint};

/// OHMS XML for one interview: its first transcript, a translation aligned to it (another
/// language, every segment timed) as OHMS 6.0's `vtt_transcript_alt`, and its index points.
pub(super) fn add_ohms(
    payload: &mut Payload,
    number: usize,
    packaged: &PackagedInterview,
    content: &PackageContent,
    options: &ExportOptions,
    today: &str,
) {
    let i = &packaged.interview;
    let first = packaged.transcripts.first();
    let segments = first
        .map(|t| parsed_segments(&t.segments))
        .unwrap_or_default();
    let translation = first.and_then(|original| {
        packaged.transcripts[1..].iter().find(|t| {
            !t.segments.is_empty()
                && t.transcript.language != original.transcript.language
                && t.segments.iter().all(|s| s.segment.start_ms.is_some())
        })
    });
    let translation_segments = translation
        .map(|t| parsed_segments(&t.segments))
        .unwrap_or_default();
    let points: Vec<ParsedIndexPoint> = packaged
        .index_points
        .iter()
        .map(|p| ParsedIndexPoint {
            time_ms: p.time_ms,
            title: p.title.clone(),
            partial_transcript: p.partial_transcript.clone(),
            synopsis: p.synopsis.clone(),
            keywords: p.keywords.clone(),
            subjects: p.subjects.clone(),
            gps: p.gps_lat.zip(p.gps_lon),
            hyperlinks: p
                .hyperlinks
                .iter()
                .filter(|l| crate::transcript::index::is_safe_hyperlink(l))
                .cloned()
                .collect(),
        })
        .collect();
    let narrators: Vec<String> = i.narrators.iter().map(|n| n.name.clone()).collect();
    let interviewers: Vec<String> = i.interviewers.iter().map(|n| n.name.clone()).collect();
    let day = i
        .date
        .as_deref()
        .filter(|d| d.len() == 10 && d.chars().all(|c| c.is_ascii_digit() || c == '-'));
    let collection_name = content
        .collections
        .iter()
        .find(|c| Some(&c.id) == i.collection_id.as_ref())
        .map(|c| c.title.as_str())
        .unwrap_or("");
    let xml = ohms_write::write(&ohms_write::OhmsRecord {
        number: number as u32 + 1,
        id: &i.id,
        written_on: today,
        title: &i.title,
        date: day,
        date_as_written: i.date.as_deref(),
        duration_ms: i.duration_ms,
        collection_name,
        repository: &options.organization,
        interviewees: &narrators,
        interviewers: &interviewers,
        language: first.map(|t| t.transcript.language.as_str()).unwrap_or(""),
        description: &i.summary,
        rights: "",
        format: "audio",
        restricted: false,
        index_points: &points,
        segments: &segments,
        translation: translation.map(|t| ohms_write::OhmsTranslation {
            language: &t.transcript.language,
            segments: &translation_segments,
        }),
    });
    payload.push((
        format!("transcripts/{}/ohms.xml", i.id),
        Source::Bytes(xml.into_bytes()),
    ));
}
