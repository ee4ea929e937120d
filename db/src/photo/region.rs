//! Regions: the people in a photo, each a rectangle in the image's own pixels (so it survives
//! thumbnails and exports at any scale) linked to a person; and identifications proposed from
//! a caption's rows of names, which the curator confirms and then places.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{caption, get_with as get_photo, key as photo_key, Photo};
use crate::{
    archive::{now, Archive, Writer},
    error::{Error, Result},
    ids,
    people::{self, names::Candidate, PersonRef},
    provenance::{self, EventType, Origin},
};

const KIND: &str = "region";

/// A rectangle in an image's pixels, from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Rect {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width; at least 1.
    pub width: u32,
    /// Height; at least 1.
    pub height: u32,
}

/// A person (or someone not yet identified) in a photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Region {
    /// UUIDv7.
    pub id: String,
    /// The photo.
    pub photo_id: String,
    /// Where they are; `None` for an identification not placed yet.
    pub rect: Option<Rect>,
    /// Who it is, when known.
    pub person: Option<PersonRef>,
    /// A label: the name as the caption writes it, or the curator's note ("man in uniform").
    pub label: String,
    /// The caption it was identified from.
    pub caption_id: Option<String>,
    /// The caption row, from 0.
    pub caption_row: Option<u32>,
    /// The position in that row, from 0, left to right.
    pub caption_position: Option<u32>,
    /// When the record was made (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// What the curator draws and says of a region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct RegionInput {
    /// The rectangle; `None` leaves a region unplaced.
    #[serde(default)]
    pub rect: Option<Rect>,
    /// Who it is.
    #[serde(default)]
    pub person_id: Option<String>,
    /// A label.
    #[serde(default)]
    pub label: String,
}

const SELECT: &str =
    "SELECT r.uuid, ph.uuid, r.x, r.y, r.width, r.height, p.uuid, p.display_name, r.label,
        c.uuid, r.caption_row, r.caption_position, r.created_at, r.updated_at
    FROM regions r JOIN photos ph ON ph.id = r.photo_id
    LEFT JOIN people p ON p.id = r.person_id LEFT JOIN photo_captions c ON c.id = r.caption_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Region> {
    let rect = match (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?) {
        (Some(x), Some(y), Some(width), Some(height)) => Some(Rect {
            x,
            y,
            width,
            height,
        }),
        _ => None,
    };
    let person = match (
        r.get::<_, Option<String>>(6)?,
        r.get::<_, Option<String>>(7)?,
    ) {
        (Some(id), Some(name)) => Some(PersonRef { id, name }),
        _ => None,
    };
    Ok(Region {
        id: r.get(0)?,
        photo_id: r.get(1)?,
        rect,
        person,
        label: r.get(8)?,
        caption_id: r.get(9)?,
        caption_row: r.get(10)?,
        caption_position: r.get(11)?,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
    })
}

/// The regions of a photo: caption rows and positions first, in order, then the others as drawn.
pub fn regions(archive: &Archive, photo_id: &str) -> Result<Vec<Region>> {
    regions_with(archive.conn(), photo_key(archive.conn(), photo_id)?)
}

/// The regions of many photos in one query, keyed by photo id, each photo's in the order
/// [`regions`] gives; a photo without regions has no entry. An export reads its photos' regions
/// this way rather than with one query per photo.
pub fn of_photos(
    conn: &rusqlite::Connection,
    photo_ids: &[String],
) -> Result<std::collections::HashMap<String, Vec<Region>>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE ph.uuid IN (SELECT value FROM json_each(?1))
         ORDER BY r.photo_id, r.caption_row IS NULL, r.caption_row, r.caption_position, r.id"
    ))?;
    let rows = stmt.query_map([serde_json::to_string(photo_ids)?], from_row)?;
    let mut grouped: std::collections::HashMap<String, Vec<Region>> = Default::default();
    for region in rows {
        let region = region?;
        grouped
            .entry(region.photo_id.clone())
            .or_default()
            .push(region);
    }
    Ok(grouped)
}

/// Each of `photos` with its regions, read in one query ([`of_photos`]).
pub fn with_regions(
    conn: &rusqlite::Connection,
    photos: Vec<Photo>,
) -> Result<Vec<(Photo, Vec<Region>)>> {
    let ids: Vec<String> = photos.iter().map(|p| p.id.clone()).collect();
    let mut regions = of_photos(conn, &ids)?;
    Ok(photos
        .into_iter()
        .map(|p| {
            let of_this = regions.remove(&p.id).unwrap_or_default();
            (p, of_this)
        })
        .collect())
}

fn regions_with(conn: &rusqlite::Connection, photo: i64) -> Result<Vec<Region>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE r.photo_id = ?1 ORDER BY r.caption_row IS NULL, r.caption_row, r.caption_position, r.id"
    ))?;
    let rows = stmt.query_map([photo], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn get_with(conn: &rusqlite::Connection, id: &str) -> Result<Region> {
    let id = ids::parse(KIND, id)?;
    conn.query_row(&format!("{SELECT} WHERE r.uuid = ?1"), [&id], from_row)
        .optional()?
        .ok_or(Error::NotFound { kind: KIND, id })
}

/// Checks that a rectangle lies inside a photo.
fn check_rect(photo: &Photo, rect: &Rect) -> Result<()> {
    if rect.width == 0 || rect.height == 0 {
        return Err(Error::invalid(
            "region",
            "a region needs a width and a height of at least one pixel",
        ));
    }
    let right = u64::from(rect.x) + u64::from(rect.width);
    let bottom = u64::from(rect.y) + u64::from(rect.height);
    if right > u64::from(photo.width) || bottom > u64::from(photo.height) {
        return Err(Error::invalid(
            "region",
            format!(
                "the region from ({}, {}) to ({right}, {bottom}) goes outside the image, which is {} × {} pixels; draw it inside the photo",
                rect.x, rect.y, photo.width, photo.height
            ),
        ));
    }
    Ok(())
}

fn person_key(w: &Writer<'_>, person_id: Option<&str>) -> Result<Option<i64>> {
    person_id
        .filter(|p| !p.trim().is_empty())
        .map(|p| people::key(w, p))
        .transpose()
}

/// Adds a region to a photo.
pub fn add_region(
    archive: &mut Archive,
    photo_id: &str,
    input: &RegionInput,
    origin: Origin,
) -> Result<Region> {
    archive.write(|w| insert(w, photo_id, input, None, origin))
}

/// A caption slot: caption key, row, position.
type Slot = (i64, u32, u32);

fn insert(
    w: &Writer<'_>,
    photo_id: &str,
    input: &RegionInput,
    slot: Option<Slot>,
    origin: Origin,
) -> Result<Region> {
    let photo = get_photo(w, photo_id)?;
    if let Some(rect) = &input.rect {
        check_rect(&photo, rect)?;
    }
    let person = person_key(w, input.person_id.as_deref())?;
    let id = ids::new_id();
    let rect = input.rect;
    w.execute(
        "INSERT INTO regions (uuid, photo_id, x, y, width, height, person_id, label, caption_id, caption_row, caption_position,
                              created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            id,
            photo_key(w, &photo.id)?,
            rect.map(|r| r.x),
            rect.map(|r| r.y),
            rect.map(|r| r.width),
            rect.map(|r| r.height),
            person,
            input.label.trim(),
            slot.map(|s| s.0),
            slot.map(|s| s.1),
            slot.map(|s| s.2),
            now(w)?
        ],
    )?;
    let created = get_with(w, &id)?;
    provenance::record(
        w,
        EventType::Creation,
        KIND,
        &id,
        origin,
        None::<&()>,
        Some(&created),
    )?;
    Ok(created)
}

/// Changes a region: its rectangle, person and label.
pub fn update_region(
    archive: &mut Archive,
    region_id: &str,
    input: &RegionInput,
    origin: Origin,
) -> Result<Region> {
    archive.write(|w| update_with(w, region_id, input, origin))
}

fn update_with(
    w: &Writer<'_>,
    region_id: &str,
    input: &RegionInput,
    origin: Origin,
) -> Result<Region> {
    let before = get_with(w, region_id)?;
    let photo = get_photo(w, &before.photo_id)?;
    if let Some(rect) = &input.rect {
        check_rect(&photo, rect)?;
    }
    let person = person_key(w, input.person_id.as_deref())?;
    let rect = input.rect;
    w.execute(
        "UPDATE regions SET x = ?2, y = ?3, width = ?4, height = ?5, person_id = ?6, label = ?7 WHERE uuid = ?1",
        params![before.id, rect.map(|r| r.x), rect.map(|r| r.y), rect.map(|r| r.width), rect.map(|r| r.height), person, input.label.trim()],
    )?;
    let mut after = get_with(w, &before.id)?;
    if after != before {
        let at = now(w)?;
        w.execute(
            "UPDATE regions SET updated_at = ?2 WHERE uuid = ?1",
            params![before.id, at],
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
    Ok(after)
}

/// Removes a region.
pub fn delete_region(archive: &mut Archive, region_id: &str, origin: Origin) -> Result<()> {
    archive.write(|w| {
        let before = get_with(w, region_id)?;
        w.execute("DELETE FROM regions WHERE uuid = ?1", [&before.id])?;
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

/// One name of a caption, with the people it may be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ProposedIdentification {
    /// The row's label as written ("Sitting"); empty when the caption names no row.
    pub row_label: String,
    /// The row, from 0, in the caption's order.
    pub row: u32,
    /// The place in the row, from 0, left to right.
    pub position: u32,
    /// The name as the caption writes it.
    pub name_as_written: String,
    /// The caption marks someone unidentified here ("unknown"): no candidates.
    pub placeholder: bool,
    /// Who it may be, best first; only the first can be confident.
    pub candidates: Vec<Candidate>,
    /// The identification already confirmed for this name, if any.
    pub confirmed: Option<Region>,
}

fn caption_of(conn: &rusqlite::Connection, photo: i64, caption_id: &str) -> Result<(i64, String)> {
    let id = ids::parse("caption", caption_id)?;
    conn.query_row(
        "SELECT id, text FROM photo_captions WHERE uuid = ?1 AND photo_id = ?2",
        params![id, photo],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or(Error::NotFound {
        kind: "caption",
        id,
    })
}

/// Reads a caption into rows of names and matches each name against the people authority
/// (every name and variant of every person), for the curator to confirm.
pub fn identify_from_caption(
    archive: &Archive,
    photo_id: &str,
    caption_id: &str,
) -> Result<Vec<ProposedIdentification>> {
    let conn = archive.conn();
    let photo = photo_key(conn, photo_id)?;
    let (_, text) = caption_of(conn, photo, caption_id)?;
    let confirmed = regions_with(conn, photo)?;
    let caption_uuid = ids::parse("caption", caption_id)?;
    let people = people::matching::all_names(conn)?;
    let mut proposals = Vec::new();
    for (row, parsed) in caption::parse(&text).rows.into_iter().enumerate() {
        for (position, name) in parsed.names.into_iter().enumerate() {
            let placeholder = caption::is_placeholder(&name);
            let candidates = if placeholder {
                Vec::new()
            } else {
                people::names::rank(
                    &name,
                    people
                        .iter()
                        .map(|(id, names)| (id.as_str(), names.as_slice())),
                )
            };
            let (row, position) = (row as u32, position as u32);
            let existing = confirmed.iter().find(|r| {
                r.caption_id.as_deref() == Some(caption_uuid.as_str())
                    && r.caption_row == Some(row)
                    && r.caption_position == Some(position)
            });
            proposals.push(ProposedIdentification {
                row_label: parsed.label.clone(),
                row,
                position,
                name_as_written: name,
                placeholder,
                candidates,
                confirmed: existing.cloned(),
            });
        }
    }
    Ok(proposals)
}

/// The curator's answer to one proposed identification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Identification {
    /// The caption the name is in (rows and positions are those of one caption).
    pub caption_id: String,
    /// The row, from 0.
    pub row: u32,
    /// The place in the row, from 0.
    pub position: u32,
    /// Who it is; `None` records someone the curator could not identify.
    pub person_id: Option<String>,
    /// Where they are, when placed; `None` keeps the rectangle already drawn, if any.
    #[serde(default)]
    pub rect: Option<Rect>,
}

/// Confirms who a caption's name is, and optionally where they are: makes the region for that
/// name, or changes the one confirmed before. The region's label is the name as written.
pub fn confirm_identification(
    archive: &mut Archive,
    photo_id: &str,
    identification: &Identification,
    origin: Origin,
) -> Result<Region> {
    archive.write(|w| confirm_with(w, photo_id, identification, origin))
}

pub(crate) fn confirm_with(
    w: &Writer<'_>,
    photo_id: &str,
    id: &Identification,
    origin: Origin,
) -> Result<Region> {
    let photo = photo_key(w, photo_id)?;
    let (caption_key, text) = caption_of(w, photo, &id.caption_id)?;
    let parsed = caption::parse(&text);
    let name = parsed
        .rows
        .get(id.row as usize)
        .and_then(|row| row.names.get(id.position as usize))
        .ok_or_else(|| {
            Error::invalid(
                "identification",
                format!(
                    "the caption has no name at row {}, position {}",
                    id.row + 1,
                    id.position + 1
                ),
            )
        })?;
    let existing: Option<String> = w
        .query_row(
            "SELECT uuid FROM regions WHERE caption_id = ?1 AND caption_row = ?2 AND caption_position = ?3",
            params![caption_key, id.row, id.position],
            |r| r.get(0),
        )
        .optional()?;
    match existing {
        Some(region_id) => {
            let before = get_with(w, &region_id)?;
            let input = RegionInput {
                rect: id.rect.or(before.rect),
                person_id: id.person_id.clone(),
                label: before.label.clone(),
            };
            update_with(w, &region_id, &input, origin)
        }
        None => {
            let input = RegionInput {
                rect: id.rect,
                person_id: id.person_id.clone(),
                label: name.clone(),
            };
            insert(
                w,
                photo_id,
                &input,
                Some((caption_key, id.row, id.position)),
                origin,
            )
        }
    }
}

/// A photo a person appears in, with their regions in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Appearance {
    /// The photo.
    pub photo: Photo,
    /// The person's regions in it (usually one).
    pub regions: Vec<Region>,
}

/// Every photo a person is identified in, oldest photo first: for the person's page.
pub fn person_appearances(archive: &Archive, person_id: &str) -> Result<Vec<Appearance>> {
    let conn = archive.conn();
    let person = people::key(conn, person_id)?;
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE r.person_id = ?1 ORDER BY r.photo_id, r.caption_row, r.caption_position, r.id"))?;
    let regions: Vec<Region> = stmt
        .query_map([person], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut appearances: Vec<Appearance> = Vec::new();
    for region in regions {
        match appearances.last_mut() {
            Some(last) if last.photo.id == region.photo_id => last.regions.push(region),
            _ => appearances.push(Appearance {
                photo: get_photo(conn, &region.photo_id)?,
                regions: vec![region],
            }),
        }
    }
    Ok(appearances)
}
