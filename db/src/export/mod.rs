//! Packages for publication and handover.

pub mod bagit;
pub mod content;
pub mod dump;
pub mod linked_data;
pub mod package;
pub mod silence;

use crate::{archive::Archive, error::Result};

/// What a public package may carry, as of `today`. Until restrictions exist in the archive,
/// nothing is withheld.
pub(crate) fn public_content(archive: &Archive, interview_ids: &[String], _today: &str) -> Result<content::PackageContent> {
    content::full(archive, interview_ids)
}
