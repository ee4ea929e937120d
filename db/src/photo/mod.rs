//! Photos, their captions and the regions that identify the people in them.
//!
//! A photo's image is copied into the archive's media store ([`import`]); the record keeps its
//! hash, size in pixels, what its EXIF says, and what the curator knows: captions (as
//! published, translated, the archivist's), an EDTF date, place, creator or credit, source and
//! rights. Photos belong to collections and attach to interviews. People in a photo are marked
//! by [`region`]s, often proposed from a caption's rows of names ([`caption`]).

pub mod caption;
pub mod import;
pub mod region;
#[cfg(test)]
mod tests;
pub mod thumbnail;

pub use import::{import, ImportPhotosOptions, ImportPhotosSummary};
pub use region::{
    confirm_identification, identify_from_caption, person_appearances, Appearance, Identification,
    ProposedIdentification, Rect, Region, RegionInput,
};
pub use thumbnail::thumbnail;

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::{
    archive::{now, Archive, Writer},
    collection, dates,
    error::{Error, Result},
    ids, interview,
    provenance::{self, EventType, Origin},
    store,
};

pub(crate) const KIND: &str = "photo";
const CAPTION_KIND: &str = "caption";

/// A photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Photo {
    /// UUIDv7.
    pub id: String,
    /// SHA-256 of the image file, lower-case hex.
    pub sha256: String,
    /// Where the file is, relative to the archive's media folder.
    pub path: String,
    /// The file's name when it was imported.
    pub original_name: String,
    /// "image/jpeg", "image/png" or "image/tiff".
    pub mime_type: String,
    /// Width in pixels; regions are in these pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Size of the file in bytes.
    // `u64` because scans pass 4 GB; typed as `u32` for TypeScript, which has one number type
    // and no file comes near its 2^53 limit (specta refuses 64-bit integers).
    #[specta(type = u32)]
    pub size_bytes: u64,
    /// When the camera or scanner says the image was made ("2019-05-04T12:30:00", local time).
    /// For a scan this is the scan's date, not the photo's: see `date`.
    pub exif_date: Option<String>,
    /// The camera or scanner, make and model.
    pub exif_camera: Option<String>,
    /// When the photo was taken (EDTF: "1927", "1927-11~").
    pub date: Option<String>,
    /// Where it was taken.
    pub place: String,
    /// The photographer, or the credit line to print.
    pub creator: String,
    /// Where the print or scan comes from.
    pub source: String,
    /// Rights and permissions.
    pub rights: String,
    /// A note for curators.
    pub note: String,
    /// Its captions, in order.
    pub captions: Vec<Caption>,
    /// The collections it belongs to.
    pub collection_ids: Vec<String>,
    /// The interviews it is attached to.
    pub interview_ids: Vec<String>,
    /// How many people are identified in it.
    pub region_count: u32,
    /// When the record was made (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// What the curator edits of a photo.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PhotoInput {
    /// When it was taken (EDTF).
    #[serde(default)]
    pub date: Option<String>,
    /// Where.
    #[serde(default)]
    pub place: String,
    /// Photographer or credit.
    #[serde(default)]
    pub creator: String,
    /// Where the print or scan comes from.
    #[serde(default)]
    pub source: String,
    /// Rights.
    #[serde(default)]
    pub rights: String,
    /// A note.
    #[serde(default)]
    pub note: String,
}

impl From<&Photo> for PhotoInput {
    fn from(p: &Photo) -> Self {
        PhotoInput {
            date: p.date.clone(),
            place: p.place.clone(),
            creator: p.creator.clone(),
            source: p.source.clone(),
            rights: p.rights.clone(),
            note: p.note.clone(),
        }
    }
}

/// Which photos to list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PhotoFilter {
    /// Only those in this collection.
    #[serde(default)]
    pub collection_id: Option<String>,
    /// Only those attached to this interview.
    #[serde(default)]
    pub interview_id: Option<String>,
}

/// What a caption is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CaptionKind {
    /// As published with the photo.
    #[default]
    Published,
    /// A translation of the published caption.
    Translated,
    /// The archivist's own.
    Archivist,
}

impl CaptionKind {
    /// The stored and printed form.
    pub fn as_str(self) -> &'static str {
        match self {
            CaptionKind::Published => "published",
            CaptionKind::Translated => "translated",
            CaptionKind::Archivist => "archivist",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "translated" => CaptionKind::Translated,
            "archivist" => CaptionKind::Archivist,
            _ => CaptionKind::Published,
        }
    }
}

impl std::str::FromStr for CaptionKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "published" => Ok(CaptionKind::Published),
            "translated" => Ok(CaptionKind::Translated),
            "archivist" => Ok(CaptionKind::Archivist),
            other => Err(Error::invalid(
                "kind",
                format!(
                    "\"{other}\" is not a kind of caption; use published, translated or archivist"
                ),
            )),
        }
    }
}

/// A caption of a photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Caption {
    /// UUIDv7.
    pub id: String,
    /// What it is.
    pub kind: CaptionKind,
    /// Its language (BCP 47), or "" when unknown.
    pub language: String,
    /// The caption as written.
    pub text: String,
    /// Its place among the photo's captions, from 0.
    pub position: u32,
}

/// What the curator enters for a caption.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct CaptionInput {
    /// What it is.
    #[serde(default)]
    pub kind: CaptionKind,
    /// Its language (BCP 47).
    #[serde(default)]
    pub language: String,
    /// The text; must not be blank.
    pub text: String,
}

const SELECT: &str = "SELECT p.id, p.uuid, p.sha256, p.path, p.original_name, p.mime_type, p.width, p.height, p.size_bytes,
        p.exif_date, p.exif_camera, p.date, p.place, p.creator, p.source, p.rights, p.note,
        (SELECT count(*) FROM regions r WHERE r.photo_id = p.id AND r.person_id IS NOT NULL), p.created_at, p.updated_at
    FROM photos p";

fn from_row(r: &Row<'_>) -> rusqlite::Result<(i64, Photo)> {
    Ok((
        r.get(0)?,
        Photo {
            id: r.get(1)?,
            sha256: r.get(2)?,
            path: r.get(3)?,
            original_name: r.get(4)?,
            mime_type: r.get(5)?,
            width: r.get(6)?,
            height: r.get(7)?,
            size_bytes: r.get::<_, i64>(8)?.max(0) as u64,
            exif_date: r.get(9)?,
            exif_camera: r.get(10)?,
            date: r.get(11)?,
            place: r.get(12)?,
            creator: r.get(13)?,
            source: r.get(14)?,
            rights: r.get(15)?,
            note: r.get(16)?,
            captions: Vec::new(),
            collection_ids: Vec::new(),
            interview_ids: Vec::new(),
            region_count: r.get(17)?,
            created_at: r.get(18)?,
            updated_at: r.get(19)?,
        },
    ))
}

/// Fills in captions and links of the given photos, keyed by integer id.
fn attach_details(conn: &rusqlite::Connection, photos: &mut [(i64, Photo)]) -> Result<()> {
    if photos.is_empty() {
        return Ok(());
    }
    let by_key: HashMap<i64, usize> = photos
        .iter()
        .enumerate()
        .map(|(n, (k, _))| (*k, n))
        .collect();
    let single = (photos.len() == 1).then(|| photos[0].0);
    let filter = |column: &str| single.map_or(String::new(), |k| format!("WHERE {column} = {k}"));

    let sql = format!(
        "SELECT photo_id, uuid, kind, language, text, position FROM photo_captions {} ORDER BY photo_id, position, id",
        filter("photo_id")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&n) = by_key.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        photos[n].1.captions.push(Caption {
            id: r.get(1)?,
            kind: CaptionKind::parse(&r.get::<_, String>(2)?),
            language: r.get(3)?,
            text: r.get(4)?,
            position: r.get(5)?,
        });
    }
    for (table, column, other) in [
        ("photo_collections", "collection_id", "collections"),
        ("photo_interviews", "interview_id", "interviews"),
    ] {
        let sql = format!(
            "SELECT l.photo_id, o.uuid FROM {table} l JOIN {other} o ON o.id = l.{column} {} ORDER BY l.photo_id, o.id",
            filter("l.photo_id")
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let Some(&n) = by_key.get(&r.get::<_, i64>(0)?) else {
                continue;
            };
            let id: String = r.get(1)?;
            if table == "photo_collections" {
                photos[n].1.collection_ids.push(id);
            } else {
                photos[n].1.interview_ids.push(id);
            }
        }
    }
    Ok(())
}

/// Photos, oldest first.
pub fn list(archive: &Archive, filter: &PhotoFilter) -> Result<Vec<Photo>> {
    let conn = archive.conn();
    let mut conditions = Vec::new();
    let mut values = Vec::new();
    if let Some(c) = filter.collection_id.as_deref() {
        values.push(collection::key(conn, c)?);
        conditions.push(format!(
            "p.id IN (SELECT photo_id FROM photo_collections WHERE collection_id = ?{})",
            values.len()
        ));
    }
    if let Some(i) = filter.interview_id.as_deref() {
        values.push(interview::key(conn, i)?);
        conditions.push(format!(
            "p.id IN (SELECT photo_id FROM photo_interviews WHERE interview_id = ?{})",
            values.len()
        ));
    }
    let filter_sql = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let mut stmt = conn.prepare(&format!("{SELECT} {filter_sql} ORDER BY p.id"))?;
    let mut rows: Vec<(i64, Photo)> = stmt
        .query_map(rusqlite::params_from_iter(values), from_row)?
        .collect::<rusqlite::Result<_>>()?;
    attach_details(conn, &mut rows)?;
    Ok(rows.into_iter().map(|(_, p)| p).collect())
}

/// The photos of an export's selection, oldest first, each with its captions, links and
/// regions: those attached to these interviews or in these collections, or every photo when
/// `all`. Read in one batch (the photos, their captions and links, their regions), whatever
/// their number, as the selection's interviews are read with their material.
pub(crate) fn selected(
    archive: &Archive,
    interview_ids: &[String],
    collection_ids: &[String],
    all: bool,
) -> Result<Vec<(Photo, Vec<region::Region>)>> {
    let conn = archive.conn();
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE ?1
            OR p.id IN (SELECT l.photo_id FROM photo_interviews l JOIN interviews o ON o.id = l.interview_id
                WHERE o.uuid IN (SELECT value FROM json_each(?2)))
            OR p.id IN (SELECT l.photo_id FROM photo_collections l JOIN collections o ON o.id = l.collection_id
                WHERE o.uuid IN (SELECT value FROM json_each(?3)))
        ORDER BY p.id"
    ))?;
    let mut rows: Vec<(i64, Photo)> = stmt
        .query_map(
            params![
                all,
                serde_json::to_string(interview_ids)?,
                serde_json::to_string(collection_ids)?
            ],
            from_row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    attach_details(conn, &mut rows)?;
    region::with_regions(conn, rows.into_iter().map(|(_, p)| p).collect())
}

/// One photo.
pub fn get(archive: &Archive, id: &str) -> Result<Photo> {
    get_with(archive.conn(), id)
}

pub(crate) fn get_with(conn: &rusqlite::Connection, id: &str) -> Result<Photo> {
    let id = ids::parse(KIND, id)?;
    let row = conn
        .query_row(&format!("{SELECT} WHERE p.uuid = ?1"), [&id], from_row)
        .optional()?
        .ok_or(Error::NotFound { kind: KIND, id })?;
    let mut rows = [row];
    attach_details(conn, &mut rows)?;
    let [(_, photo)] = rows;
    Ok(photo)
}

/// The integer key of a photo, for joins.
pub(crate) fn key(conn: &rusqlite::Connection, id: &str) -> Result<i64> {
    ids::row_key(conn, KIND, "photos", id)
}

/// Where a photo's image is on this machine; `None` for an archive in memory.
pub fn file_path(archive: &Archive, photo: &Photo) -> Option<std::path::PathBuf> {
    archive
        .media_dir()
        .map(|dir| store::resolve(&dir, &photo.path))
}

/// Runs `change` and logs the photo before and after as one modification, if it changed.
fn modify<T>(
    w: &Writer<'_>,
    photo_id: &str,
    origin: Origin,
    change: impl FnOnce(i64) -> Result<T>,
) -> Result<(T, Photo)> {
    let before = get_with(w, photo_id)?;
    let photo_key = key(w, &before.id)?;
    let value = change(photo_key)?;
    let mut after = get_with(w, &before.id)?;
    if after != before {
        let at = now(w)?;
        w.execute(
            "UPDATE photos SET updated_at = ?2 WHERE id = ?1",
            params![photo_key, at],
        )?;
        after.updated_at = at;
        provenance::record(
            w,
            EventType::Modification,
            KIND,
            &after.id,
            origin,
            Some(&before),
            Some(&after),
        )?;
    }
    Ok((value, after))
}

fn validate(input: &PhotoInput) -> Result<PhotoInput> {
    Ok(PhotoInput {
        date: dates::normalize("date", input.date.as_deref())?,
        place: input.place.trim().to_owned(),
        creator: input.creator.trim().to_owned(),
        source: input.source.trim().to_owned(),
        rights: input.rights.trim().to_owned(),
        note: input.note.trim().to_owned(),
    })
}

/// Changes what the curator knows of a photo: date, place, creator, source, rights, note.
pub fn update(
    archive: &mut Archive,
    id: &str,
    input: &PhotoInput,
    origin: Origin,
) -> Result<Photo> {
    archive.write(|w| update_with(w, id, input, origin))
}

pub(crate) fn update_with(
    w: &Writer<'_>,
    id: &str,
    input: &PhotoInput,
    origin: Origin,
) -> Result<Photo> {
    let input = validate(input)?;
    let ((), after) = modify(w, id, origin, |k| {
        w.execute(
            "UPDATE photos SET date = ?2, place = ?3, creator = ?4, source = ?5, rights = ?6, note = ?7 WHERE id = ?1",
            params![k, input.date, input.place, input.creator, input.source, input.rights, input.note],
        )?;
        Ok(())
    })?;
    Ok(after)
}

/// Moves a photo to the trash with its captions and regions and what points at them. Its file
/// and thumbnails stay in the media folder until the photo is purged from the trash
/// (`trash::purge`), which removes them unless another record keeps the same content.
pub fn delete(archive: &mut Archive, id: &str, origin: Origin) -> Result<()> {
    archive.write_because(Some("moved to the trash"), |w| {
        let before = get_with(w, id)?;
        let caption: Option<String> = w
            .query_row(
                "SELECT c.text FROM photo_captions c JOIN photos p ON p.id = c.photo_id
                 WHERE p.uuid = ?1 ORDER BY c.position LIMIT 1",
                [&before.id],
                |r| r.get(0),
            )
            .optional()?;
        let label = caption
            .map(|c| {
                c.lines()
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .take(120)
                    .collect::<String>()
            })
            .filter(|c| !c.trim().is_empty())
            .unwrap_or_else(|| before.original_name.clone());
        crate::trash::intake::put(
            w,
            crate::trash::kind::TrashKind::Photo,
            &before.id,
            &label,
            origin,
        )?;
        provenance::record(
            w,
            EventType::Deletion,
            KIND,
            &before.id,
            origin,
            Some(&before),
            None::<&()>,
        )
    })
}

fn validate_caption(input: &CaptionInput) -> Result<CaptionInput> {
    let text = input.text.trim();
    if text.is_empty() {
        return Err(Error::invalid("caption", "a caption cannot be blank"));
    }
    let language = crate::language::check("language", &input.language)?;
    Ok(CaptionInput {
        kind: input.kind,
        language,
        text: text.to_owned(),
    })
}

/// Adds a caption after the photo's others.
pub fn add_caption(
    archive: &mut Archive,
    photo_id: &str,
    input: &CaptionInput,
    origin: Origin,
) -> Result<Caption> {
    archive.write(|w| insert_caption(w, photo_id, input, origin))
}

pub(crate) fn insert_caption(
    w: &Writer<'_>,
    photo_id: &str,
    input: &CaptionInput,
    origin: Origin,
) -> Result<Caption> {
    let input = validate_caption(input)?;
    let (id, photo) = modify(w, photo_id, origin, |k| {
        let id = ids::new_id();
        w.execute(
            "INSERT INTO photo_captions (uuid, photo_id, kind, language, text, position, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(position) + 1, 0) FROM photo_captions WHERE photo_id = ?2), ?6, ?6)",
            params![id, k, input.kind.as_str(), input.language, input.text, now(w)?],
        )?;
        Ok(id)
    })?;
    Ok(photo
        .captions
        .into_iter()
        .find(|c| c.id == id)
        .expect("inserted above"))
}

/// The photo a caption belongs to.
fn caption_owner(conn: &rusqlite::Connection, caption_id: &str) -> Result<String> {
    let id = ids::parse(CAPTION_KIND, caption_id)?;
    conn.query_row(
        "SELECT p.uuid FROM photo_captions c JOIN photos p ON p.id = c.photo_id WHERE c.uuid = ?1",
        [&id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(Error::NotFound {
        kind: CAPTION_KIND,
        id,
    })
}

/// Changes a caption. Identifications confirmed from it keep their row and position.
pub fn update_caption(
    archive: &mut Archive,
    caption_id: &str,
    input: &CaptionInput,
    origin: Origin,
) -> Result<Caption> {
    archive.write(|w| {
        let input = validate_caption(input)?;
        let photo_id = caption_owner(w, caption_id)?;
        let id = ids::parse(CAPTION_KIND, caption_id)?;
        let ((), photo) = modify(w, &photo_id, origin, |_| {
            w.execute(
                "UPDATE photo_captions SET kind = ?2, language = ?3, text = ?4, updated_at = ?5 WHERE uuid = ?1",
                params![id, input.kind.as_str(), input.language, input.text, now(w)?],
            )?;
            Ok(())
        })?;
        Ok(photo.captions.into_iter().find(|c| c.id == id).expect("updated above"))
    })
}

/// Removes a caption. Regions confirmed from it stay, no longer tied to a caption.
pub fn delete_caption(archive: &mut Archive, caption_id: &str, origin: Origin) -> Result<()> {
    archive.write(|w| {
        let photo_id = caption_owner(w, caption_id)?;
        let id = ids::parse(CAPTION_KIND, caption_id)?;
        modify(w, &photo_id, origin, |_| {
            w.execute(
                "UPDATE regions SET caption_id = NULL, caption_row = NULL, caption_position = NULL
                 WHERE caption_id = (SELECT id FROM photo_captions WHERE uuid = ?1)",
                [&id],
            )?;
            w.execute("DELETE FROM photo_captions WHERE uuid = ?1", [&id])?;
            Ok(())
        })?;
        Ok(())
    })
}

/// Puts a photo in a collection (nothing changes if it is there already).
pub fn add_to_collection(
    archive: &mut Archive,
    photo_id: &str,
    collection_id: &str,
    origin: Origin,
) -> Result<Photo> {
    archive.write(|w| link_collection(w, photo_id, collection_id, origin))
}

pub(crate) fn link_collection(
    w: &Writer<'_>,
    photo_id: &str,
    collection_id: &str,
    origin: Origin,
) -> Result<Photo> {
    let collection_key = collection::key(w, collection_id)?;
    let ((), photo) = modify(w, photo_id, origin, |k| {
        w.execute(
            "INSERT OR IGNORE INTO photo_collections (photo_id, collection_id) VALUES (?1, ?2)",
            params![k, collection_key],
        )?;
        Ok(())
    })?;
    Ok(photo)
}

/// Takes a photo out of a collection; the photo stays in the archive.
pub fn remove_from_collection(
    archive: &mut Archive,
    photo_id: &str,
    collection_id: &str,
    origin: Origin,
) -> Result<Photo> {
    archive.write(|w| {
        let collection_key = collection::key(w, collection_id)?;
        let ((), photo) = modify(w, photo_id, origin, |k| {
            w.execute(
                "DELETE FROM photo_collections WHERE photo_id = ?1 AND collection_id = ?2",
                params![k, collection_key],
            )?;
            Ok(())
        })?;
        Ok(photo)
    })
}

/// Attaches a photo to an interview (nothing changes if it is attached already).
pub fn attach_to_interview(
    archive: &mut Archive,
    photo_id: &str,
    interview_id: &str,
    origin: Origin,
) -> Result<Photo> {
    archive.write(|w| link_interview(w, photo_id, interview_id, origin))
}

pub(crate) fn link_interview(
    w: &Writer<'_>,
    photo_id: &str,
    interview_id: &str,
    origin: Origin,
) -> Result<Photo> {
    let interview_key = interview::key(w, interview_id)?;
    let ((), photo) = modify(w, photo_id, origin, |k| {
        w.execute(
            "INSERT OR IGNORE INTO photo_interviews (photo_id, interview_id) VALUES (?1, ?2)",
            params![k, interview_key],
        )?;
        Ok(())
    })?;
    Ok(photo)
}

/// Detaches a photo from an interview.
pub fn detach_from_interview(
    archive: &mut Archive,
    photo_id: &str,
    interview_id: &str,
    origin: Origin,
) -> Result<Photo> {
    archive.write(|w| {
        let interview_key = interview::key(w, interview_id)?;
        let ((), photo) = modify(w, photo_id, origin, |k| {
            w.execute(
                "DELETE FROM photo_interviews WHERE photo_id = ?1 AND interview_id = ?2",
                params![k, interview_key],
            )?;
            Ok(())
        })?;
        Ok(photo)
    })
}
