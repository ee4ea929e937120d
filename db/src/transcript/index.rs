//! The index of an interview, as in OHMS: titled, keyworded points in time.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::{
    archive::{now, Archive, Writer},
    error::Result,
    ids, interview,
};

use super::formats::ParsedIndexPoint;

/// A point of an interview's index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct IndexPoint {
    /// UUIDv7.
    pub id: String,
    /// Where it is, in milliseconds from the start of the recording.
    pub time_ms: u32,
    /// The segment title.
    pub title: String,
    /// The first words spoken there.
    pub partial_transcript: String,
    /// A summary of what is said.
    pub synopsis: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Subject headings.
    pub subjects: Vec<String>,
    /// Latitude, when a place is talked about.
    pub gps_lat: Option<f64>,
    /// Longitude.
    pub gps_lon: Option<f64>,
    /// Links to related material.
    pub hyperlinks: Vec<String>,
}

const SELECT: &str = "SELECT p.uuid, p.time_ms, p.title, p.partial_transcript, p.synopsis,
        p.keywords, p.subjects, p.gps_lat, p.gps_lon, p.hyperlinks, i.uuid
    FROM index_points p JOIN interviews i ON i.id = p.interview_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<IndexPoint> {
    let json_list = |i: usize| -> rusqlite::Result<Vec<String>> {
        Ok(serde_json::from_str(&r.get::<_, String>(i)?).unwrap_or_default())
    };
    Ok(IndexPoint {
        id: r.get(0)?,
        time_ms: r.get(1)?,
        title: r.get(2)?,
        partial_transcript: r.get(3)?,
        synopsis: r.get(4)?,
        keywords: json_list(5)?,
        subjects: json_list(6)?,
        gps_lat: r.get(7)?,
        gps_lon: r.get(8)?,
        hyperlinks: json_list(9)?,
    })
}

/// The index of an interview, in time order.
pub fn list(archive: &Archive, interview_id: &str) -> Result<Vec<IndexPoint>> {
    let key = interview::key(archive.conn(), interview_id)?;
    let mut stmt = archive.conn().prepare(&format!(
        "{SELECT} WHERE p.interview_id = ?1 ORDER BY p.time_ms, p.id"
    ))?;
    let rows = stmt.query_map([key], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The index points of these interviews, each with its interview's id, in time order; for
/// reading many interviews at once (an export) in one query.
pub(crate) fn of_interviews(
    conn: &rusqlite::Connection,
    interview_ids: &[String],
) -> Result<Vec<(String, IndexPoint)>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE i.uuid IN (SELECT value FROM json_each(?1)) ORDER BY p.time_ms, p.id"
    ))?;
    let rows = stmt.query_map([serde_json::to_string(interview_ids)?], |r| {
        Ok((r.get(10)?, from_row(r)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The schemes a hyperlink of an index point may have: links to pages and to mail. Anything
/// else (`javascript:`, `data:`, `file:`, `vbscript:`) would run or open something on the
/// reader's machine from a published site or OHMS viewer.
pub const LINK_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Checks a hyperlink: an absolute http, https or mailto URL with nothing a browser would
/// silently drop (spaces, tabs, control characters), so the scheme checked is the scheme a
/// browser sees. Returns why a link is refused.
pub fn check_hyperlink(link: &str) -> std::result::Result<(), String> {
    if link.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("a link cannot contain spaces or control characters".into());
    }
    // Written out in full ("https://", "mailto:"): browsers accept "http:host" too, but a link
    // that says what it is at its start is one a reader (and the archive's triggers) can check.
    let lower = link.to_ascii_lowercase();
    if !["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        let scheme = lower.split_once(':').map(|(s, _)| s).unwrap_or("");
        return Err(if scheme.is_empty() || !LINK_SCHEMES.contains(&scheme) {
            format!(
                "only http, https and mailto links are kept{}",
                if scheme.is_empty() || scheme.contains('/') {
                    String::new()
                } else {
                    format!(", not \"{}:\"", scheme.escape_debug())
                }
            )
        } else {
            format!("write the link in full, as {scheme}://…")
        });
    }
    // Parsed as browsers parse it (the WHATWG URL standard), so "JaVaScRiPt:" and
    // "&#106;avascript:" look like what they are or fail to parse.
    let url = url::Url::parse(link)
        .map_err(|e| format!("it is not an absolute link ({e}); use http, https or mailto"))?;
    if !LINK_SCHEMES.contains(&url.scheme()) {
        return Err(format!(
            "links with the scheme \"{}:\" are not kept; use http, https or mailto",
            url.scheme()
        ));
    }
    if url.scheme() != "mailto" && url.host_str().is_none_or(str::is_empty) {
        return Err("a web link needs a host".into());
    }
    Ok(())
}

/// Whether a hyperlink may be written into a package (see [`check_hyperlink`]): links stored
/// before the check existed are left out of OHMS XML and the site rather than passed on.
pub fn is_safe_hyperlink(link: &str) -> bool {
    check_hyperlink(link).is_ok()
}

pub(crate) fn insert(
    w: &Writer<'_>,
    interview_key: i64,
    point: &ParsedIndexPoint,
) -> Result<String> {
    if let Some((link, reason)) = point
        .hyperlinks
        .iter()
        .find_map(|l| check_hyperlink(l).err().map(|r| (l, r)))
    {
        return Err(crate::Error::invalid(
            "hyperlink",
            format!("\"{}\": {reason}", link.escape_debug()),
        ));
    }
    let id = ids::new_id();
    let (lat, lon) = point
        .gps
        .map_or((None, None), |(lat, lon)| (Some(lat), Some(lon)));
    w.execute(
        "INSERT INTO index_points (uuid, interview_id, time_ms, title, partial_transcript, synopsis, keywords, subjects,
             gps_lat, gps_lon, hyperlinks, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            id,
            interview_key,
            point.time_ms,
            point.title,
            point.partial_transcript,
            point.synopsis,
            serde_json::to_string(&point.keywords)?,
            serde_json::to_string(&point.subjects)?,
            lat,
            lon,
            serde_json::to_string(&point.hyperlinks)?,
            now(w)?
        ],
    )?;
    Ok(id)
}

#[cfg(test)]
mod tests;
