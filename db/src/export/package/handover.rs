//! The handover layer of a full package.

use super::super::{
    bagit::{BagWriter, Source},
    content,
};
use super::DUMP_PATH;
use crate::error::Result;

/// A full package's handover layer: the whole of the selected records, for a lossless import
/// into another archive, with the documents they keep (deeds of gift, release forms).
pub(super) fn add_handover(bag: &mut BagWriter, handover: content::Handover) -> Result<()> {
    for (path, file) in handover.documents {
        bag.add(&path, Source::File(file))?;
    }
    bag.add(DUMP_PATH, Source::Bytes(handover.dump_json))
}
