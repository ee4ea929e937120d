//! What the trash holds, read for an export, which must carry none of it. Apart from the rest
//! of the trash, which restores through a package's dump, so the dump can ask it.

use std::collections::HashSet;

use crate::error::Result;

/// The ids of every record the trash holds, the trashed records and all they held: what no
/// package carries, not even in its log.
pub(crate) fn held_ids(conn: &rusqlite::Connection) -> Result<HashSet<String>> {
    let ids = conn
        .prepare(
            "SELECT json_extract(r.value, '$.uuid') FROM trash, json_each(trash.rows_json) t,
                    json_each(t.value, '$.rows') r
             WHERE json_extract(r.value, '$.uuid') IS NOT NULL",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}
