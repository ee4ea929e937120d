//! What a write changed, by kind, so a front end knows what to show again. It is read off the
//! write's own provenance events: every change is logged with the kind of record it changed
//! (see `provenance::record_about`), so the one write path says what changed and no front end
//! has to guess.

use serde::{Deserialize, Serialize};

/// What kind of thing changed; a window reloads what it shows of that kind.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Everything: another archive was opened, or a package brought records of every kind.
    Archive,
    /// Collections.
    Collections,
    /// Interviews.
    Interviews,
    /// Recordings.
    Media,
    /// Transcripts, their segments and revisions.
    Transcripts,
    /// People and their authority records.
    People,
    /// Photos, their captions and regions.
    Photos,
    /// Tags and taggings.
    Tags,
    /// Links between records.
    Links,
    /// Sources and citations.
    Sources,
    /// Lists.
    Lists,
    /// Saved searches.
    Searches,
    /// Restrictions, release forms, accessions and their documents.
    Access,
}

impl ChangeKind {
    /// The kind of change an event about a record of `record_kind` is; `None` for events that
    /// change nothing a window shows (a fixity check).
    pub fn of_record_kind(record_kind: &str) -> Option<ChangeKind> {
        Some(match record_kind {
            "collection" => ChangeKind::Collections,
            "interview" => ChangeKind::Interviews,
            "media" => ChangeKind::Media,
            "transcript" | "transcript_revision" | "segment" => ChangeKind::Transcripts,
            "person" => ChangeKind::People,
            "photo" | "region" => ChangeKind::Photos,
            "tag" | "tagging" => ChangeKind::Tags,
            "link" => ChangeKind::Links,
            "source" | "citation" => ChangeKind::Sources,
            "list" => ChangeKind::Lists,
            "saved_search" => ChangeKind::Searches,
            "restriction" | "release_form" | "accession" | "document" => ChangeKind::Access,
            "package" => ChangeKind::Archive,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests;
