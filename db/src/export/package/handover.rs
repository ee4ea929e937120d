//! The handover layer of a full package.

use super::super::{
    bagit::{Payload, Source},
    content,
};
use super::DUMP_PATH;

/// A full package's handover layer: the whole of the selected records, for a lossless import
/// into another archive, with the documents they keep (deeds of gift, release forms).
pub(super) fn add_handover(payload: &mut Payload, handover: content::Handover) {
    for (path, file) in handover.documents {
        payload.push((path, Source::File(file)));
    }
    payload.push((DUMP_PATH.to_owned(), Source::Bytes(handover.dump_json)));
}
