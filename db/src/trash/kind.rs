//! What kinds of record the trash takes. Its own module, below both the records that go into
//! the trash and the trash that brings them back, so both can name a kind.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The kinds of record the trash takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum TrashKind {
    /// An interview, with its recordings, transcripts, index and what points at them.
    Interview,
    /// A person of the authority, with their names, roles and identifiers.
    Person,
    /// A photo, with its captions and regions.
    Photo,
    /// A source.
    Source,
}

impl TrashKind {
    /// The record kind, as the provenance log names it.
    pub fn as_str(self) -> &'static str {
        match self {
            TrashKind::Interview => "interview",
            TrashKind::Person => "person",
            TrashKind::Photo => "photo",
            TrashKind::Source => "source",
        }
    }

    pub(super) fn parse(s: &str) -> Result<TrashKind> {
        Ok(match s {
            "interview" => TrashKind::Interview,
            "person" => TrashKind::Person,
            "photo" => TrashKind::Photo,
            "source" => TrashKind::Source,
            other => return Err(Error::Integrity(format!("the trash holds a {other}"))),
        })
    }

    pub(super) fn table(self) -> &'static str {
        match self {
            TrashKind::Interview => "interviews",
            TrashKind::Person => "people",
            TrashKind::Photo => "photos",
            TrashKind::Source => "sources",
        }
    }
}
