//! Record identities. Every record has a UUIDv7: unique across laptops, so archives can merge,
//! and ordered by creation time.

use crate::error::{Error, Result};

/// A new UUIDv7, as text.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Checks that `id` is a UUID and returns it in canonical lower-case form.
pub fn parse(kind: &'static str, id: &str) -> Result<String> {
    uuid::Uuid::parse_str(id.trim())
        .map(|u| u.to_string())
        .map_err(|_| Error::NotFound {
            kind,
            id: id.to_owned(),
        })
}
