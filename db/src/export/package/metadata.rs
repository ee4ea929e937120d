//! Metadata: Web Annotations, JSON-LD, CSV and the provenance log.

use super::super::{
    bagit::{Payload, Source},
    content::PackageContent,
    linked_data,
};
use super::{photos::PhotosPlaced, transcripts::TranscriptsPlaced};
use crate::error::Result;

/// Metadata: Web Annotations of the photos' regions, JSON-LD and CSV of the records, and the
/// provenance log.
pub(super) fn add_metadata(
    payload: &mut Payload,
    content: &PackageContent,
    photo_paths: &PhotosPlaced,
    transcripts_placed: &TranscriptsPlaced,
) -> Result<()> {
    payload.push((
        "metadata/annotations.jsonld".to_owned(),
        Source::Bytes(linked_data::web_annotations(content, photo_paths)),
    ));
    let transcript_files = |id: &str| transcripts_placed.get(id).cloned().unwrap_or_default();
    for (path, bytes) in linked_data::json_ld(content, &transcript_files) {
        payload.push((path, Source::Bytes(bytes)));
    }
    for (path, bytes) in linked_data::csv(content)? {
        payload.push((path, Source::Bytes(bytes)));
    }
    payload.push((
        "metadata/provenance.json".to_owned(),
        Source::Bytes(serde_json::to_vec_pretty(&content.events)?),
    ));
    Ok(())
}
