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

/// The row id of the record of `kind` whose UUID is `id`, in `table` (a table with `id` and
/// `uuid` columns). Each record module's `key` is this with its own kind and table.
pub(crate) fn row_key(
    conn: &rusqlite::Connection,
    kind: &'static str,
    table: &'static str,
    id: &str,
) -> Result<i64> {
    use rusqlite::OptionalExtension;
    let id = parse(kind, id)?;
    conn.prepare_cached(&format!("SELECT id FROM {table} WHERE uuid = ?1"))?
        .query_row([&id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound { kind, id })
}
