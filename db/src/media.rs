//! Recordings of an interview: its audio and video files, often several tapes or parts in order.
//!
//! A recording is either *managed*, copied into the archive's media folder under its SHA-256
//! (`NAME.media/ab/abcd….wav` beside `NAME.db`), or *referenced* where it lies, such as large
//! video on an external disk. Paths are stored so that an archive folder can move to another disk
//! or laptop and still open:
//!
//! - managed: relative to the media folder (`ab/abcd….wav`);
//! - referenced inside the archive's folder (the folder holding the `.db` file): relative to that
//!   folder, with `/` separators (`tapes/tape1.wav`);
//! - referenced anywhere else: absolute.
//!
//! A file that cannot be found is reported as [`Media::missing`] and can be [`relink`]ed; its
//! record is never dropped.

mod format;

pub use format::extensions;
use format::{kind_of, read_duration, sniff, stored_extension};

use std::path::{Component, Path, PathBuf};

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::{
    archive::{now, Archive, Writer},
    error::{Error, Result},
    ids, interview,
    jobs::{JobContext, Progress},
    provenance::{self, EventType, Origin},
    store::{self, Incoming, Placed, Stored},
};

const KIND: &str = "media";

/// Audio or video.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    /// A sound recording.
    Audio,
    /// A video recording.
    Video,
}

impl MediaKind {
    /// The stored and printed form.
    pub fn as_str(self) -> &'static str {
        match self {
            MediaKind::Audio => "audio",
            MediaKind::Video => "video",
        }
    }

    fn parse(s: &str) -> Self {
        if s == "video" {
            MediaKind::Video
        } else {
            MediaKind::Audio
        }
    }
}

/// Where a recording's file is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Storage {
    /// Copied into the archive's media folder, named by its SHA-256.
    Managed,
    /// Left where it lies; the archive only points at it.
    Referenced,
}

impl Storage {
    /// The stored and printed form.
    pub fn as_str(self) -> &'static str {
        match self {
            Storage::Managed => "managed",
            Storage::Referenced => "referenced",
        }
    }

    fn parse(s: &str) -> Self {
        if s == "referenced" {
            Storage::Referenced
        } else {
            Storage::Managed
        }
    }
}

/// One recording of an interview: a tape or part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Media {
    /// UUIDv7.
    pub id: String,
    /// The interview it records.
    pub interview_id: String,
    /// Its place among the interview's recordings, from 0.
    pub position: u32,
    /// The source tape's identifier ("Tape 2, side B"); may be blank.
    pub tape_label: String,
    /// Audio or video.
    pub kind: MediaKind,
    /// Copied into the archive or referenced where it lies.
    pub storage: Storage,
    /// The path as stored: relative to the media folder (managed), relative to the archive's
    /// folder or absolute (referenced). See [`resolve_path`] for where it is on this machine.
    pub path: String,
    /// The file's name when it was added.
    pub original_name: String,
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    // `u64` because files pass 4 GB. specta-typescript refuses 64-bit integers (JavaScript
    // loses precision above 2^53, which no file comes near) and renders `f64` as
    // `number | null`; typing it as `u32` gives the plain `number` that JSON delivers.
    #[specta(type = u32)]
    pub size_bytes: u64,
    /// MIME type, from magic bytes and extension ("audio/wav", "video/mp4").
    pub mime_type: String,
    /// Length in milliseconds, when the container says.
    pub duration_ms: Option<u32>,
    /// True when the file is not at its resolved path right now: relink it.
    pub missing: bool,
    /// When the record was made (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

impl Media {
    /// The recording as the curator knows it: its tape label, else the file's name, else its
    /// place among the interview's recordings ("recording 2").
    pub fn display_name(&self) -> String {
        match (self.tape_label.trim(), self.original_name.trim()) {
            ("", "") => format!("recording {}", self.position + 1),
            ("", name) => name.to_owned(),
            (tape, _) => tape.to_owned(),
        }
    }
}

/// How to add a recording.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct AddMediaOptions {
    /// Leave the file where it lies instead of copying it into the archive.
    #[serde(default)]
    pub reference: bool,
    /// The source tape's identifier; may be blank.
    #[serde(default)]
    pub tape_label: String,
}

/// Where an archive's files are on this machine, computed before a write borrows the archive.
pub(crate) struct Places {
    /// The folder holding the archive file, absolute.
    folder: Option<PathBuf>,
    /// The managed media folder.
    media: Option<PathBuf>,
}

impl Places {
    pub(crate) fn of(archive: &Archive) -> Self {
        let folder = archive
            .path()
            .and_then(|p| std::path::absolute(p).ok())
            .and_then(|p| p.parent().map(Path::to_path_buf));
        let media = archive
            .media_dir()
            .and_then(|p| std::path::absolute(p).ok());
        Places { folder, media }
    }

    fn resolve(&self, storage: Storage, stored: &str) -> PathBuf {
        let stored = Path::new(stored);
        let base = match storage {
            Storage::Managed => self.media.as_deref(),
            Storage::Referenced if stored.is_absolute() => None,
            Storage::Referenced => self.folder.as_deref(),
        };
        base.map_or_else(|| stored.to_path_buf(), |b| b.join(stored))
    }

    /// How to store a referenced file's path: relative when it is inside the archive's folder,
    /// so the folder can move as a whole; absolute otherwise.
    fn store_reference(&self, file: &Path) -> Result<String> {
        let file = file.canonicalize().map_err(|e| Error::io(file, e))?;
        // Canonical on both sides, so symlinks and `..` do not hide that the file is inside.
        let folder = self.folder.as_deref().and_then(|f| f.canonicalize().ok());
        if let Some(relative) = folder.as_deref().and_then(|f| file.strip_prefix(f).ok()) {
            let parts: Option<Vec<&str>> = relative
                .components()
                .map(|c| match c {
                    Component::Normal(s) => s.to_str(),
                    _ => None,
                })
                .collect();
            if let Some(parts) = parts.filter(|p| !p.is_empty()) {
                return Ok(parts.join("/"));
            }
        }
        file.to_str().map(str::to_owned).ok_or_else(|| {
            Error::invalid(
                "file",
                format!(
                    "{} has a name that is not valid Unicode; rename it",
                    file.display()
                ),
            )
        })
    }

    fn with_missing(&self, mut media: Media) -> Media {
        media.missing = !self.resolve(media.storage, &media.path).is_file();
        media
    }
}

const SELECT: &str =
    "SELECT m.uuid, i.uuid, m.position, m.tape_label, m.kind, m.storage, m.path, m.original_name,
        m.sha256, m.size_bytes, m.mime_type, m.duration_ms, m.created_at, m.updated_at
    FROM media m JOIN interviews i ON i.id = m.interview_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Media> {
    Ok(Media {
        id: r.get(0)?,
        interview_id: r.get(1)?,
        position: r.get(2)?,
        tape_label: r.get(3)?,
        kind: MediaKind::parse(&r.get::<_, String>(4)?),
        storage: Storage::parse(&r.get::<_, String>(5)?),
        path: r.get(6)?,
        original_name: r.get(7)?,
        sha256: r.get(8)?,
        size_bytes: r.get::<_, i64>(9)?.max(0) as u64,
        mime_type: r.get(10)?,
        duration_ms: r.get(11)?,
        missing: false,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
    })
}

/// An interview's recordings, in order, each with [`Media::missing`] checked now.
pub fn list(archive: &Archive, interview_id: &str) -> Result<Vec<Media>> {
    let conn = archive.conn();
    let key = interview::key(conn, interview_id)?;
    let places = Places::of(archive);
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE m.interview_id = ?1 ORDER BY m.position, m.id"
    ))?;
    let rows = stmt
        .query_map([key], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().map(|m| places.with_missing(m)).collect())
}

/// The recordings of these interviews, in order, each with [`Media::missing`] checked now and
/// with where its file is on this machine; for reading many interviews at once (an export).
pub(crate) fn of_interviews(
    archive: &Archive,
    interview_ids: &[String],
) -> Result<Vec<(Media, PathBuf)>> {
    let places = Places::of(archive);
    let mut stmt = archive.conn().prepare(&format!(
        "{SELECT} WHERE i.uuid IN (SELECT value FROM json_each(?1)) ORDER BY m.position, m.id"
    ))?;
    let rows = stmt
        .query_map([serde_json::to_string(interview_ids)?], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|m| {
            let path = places.resolve(m.storage, &m.path);
            (places.with_missing(m), path)
        })
        .collect())
}

/// One recording.
pub fn get(archive: &Archive, media_id: &str) -> Result<Media> {
    get_with(archive.conn(), &Places::of(archive), media_id)
}

fn get_with(conn: &rusqlite::Connection, places: &Places, id: &str) -> Result<Media> {
    let id = ids::parse(KIND, id)?;
    let media = conn
        .query_row(&format!("{SELECT} WHERE m.uuid = ?1"), [&id], from_row)
        .optional()?
        .ok_or(Error::NotFound { kind: KIND, id })?;
    Ok(places.with_missing(media))
}

/// Where a recording's file is on this machine, absolute for an archive on disk.
pub fn resolve_path(archive: &Archive, media: &Media) -> PathBuf {
    Places::of(archive).resolve(media.storage, &media.path)
}

/// Adds a recording to an interview, after its other recordings.
///
/// The file is read once: its SHA-256 is computed while it is copied into the media folder
/// (or, with `opts.reference`, while it is read where it lies). Progress goes to `ctx` in MiB;
/// cancelling leaves no file and no record. Content already in the media folder is not stored
/// twice. Files that are not audio or video are refused. An unknown duration is not an error.
pub fn add(
    archive: &mut Archive,
    interview_id: &str,
    file: &Path,
    opts: &AddMediaOptions,
    ctx: &JobContext,
    origin: Origin,
) -> Result<Media> {
    // Check what can be checked before reading gigabytes.
    interview::key(archive.conn(), interview_id)?;
    let places = Places::of(archive);
    if !opts.reference && places.media.is_none() {
        return Err(Error::invalid(
            "reference",
            "an archive in memory has no media folder; reference the file where it lies instead",
        ));
    }
    let name = display_name(file);
    let metadata = std::fs::metadata(file).map_err(|e| Error::io(file, e))?;
    if !metadata.is_file() {
        return Err(Error::invalid(
            "file",
            format!("{} is not a file", file.display()),
        ));
    }
    ctx.report(Progress::Started {
        title: format!("Adding {name}"),
    });
    let ext = extension(file);

    let (mut stored, mime) = if opts.reference {
        let (sha256, size_bytes, mime) = hash_in_place(file, &ext, ctx)?;
        let stored = Stored {
            sha256,
            size_bytes,
            path: places.store_reference(file)?,
            placed: Placed::default(),
        };
        (stored, mime)
    } else {
        let media_dir = places.media.as_deref().expect("checked above");
        copy_in(media_dir, file, &ext, ctx)?
    };
    // From here an early return drops `stored.placed`, deleting a file this add put in the
    // media folder: no file without its record.
    let duration_ms = read_duration(&places.resolve(storage(opts), &stored.path), &ext);
    ctx.check()?;
    let row = NewMedia {
        interview_id,
        tape_label: opts.tape_label.trim(),
        mime,
        storage: storage(opts),
        path: &stored.path,
        original_name: &name,
        sha256: &stored.sha256,
        size: stored.size_bytes,
        duration_ms,
    };
    let created = archive.write(|w| insert(w, &places, &row, origin))?;
    stored.keep();
    ctx.report(Progress::Finished {
        summary: format!("Added {name} ({})", created.mime_type),
    });
    Ok(created)
}

/// The 44-byte header of a PCM WAV file of 16-bit samples: what the archive writes for the
/// recordings it makes itself (the sample's demonstration) and for benchmark files. Written
/// by hand rather than with a crate: it is a fixed layout of eleven fields.
pub fn pcm16_wav_header(sample_rate: u32, channels: u16, data_len: u32) -> Vec<u8> {
    let block_align = channels * 2;
    let mut header = Vec::with_capacity(44);
    header.extend_from_slice(b"RIFF");
    header.extend_from_slice(&(36 + data_len).to_le_bytes());
    header.extend_from_slice(b"WAVEfmt ");
    header.extend_from_slice(&16u32.to_le_bytes());
    header.extend_from_slice(&1u16.to_le_bytes()); // PCM
    header.extend_from_slice(&channels.to_le_bytes());
    header.extend_from_slice(&sample_rate.to_le_bytes());
    header.extend_from_slice(&(sample_rate * u32::from(block_align)).to_le_bytes());
    header.extend_from_slice(&block_align.to_le_bytes());
    header.extend_from_slice(&16u16.to_le_bytes());
    header.extend_from_slice(b"data");
    header.extend_from_slice(&data_len.to_le_bytes());
    header
}

/// Records a WAV recording the archive made itself and already placed in its media folder
/// (`stored`), in the writer's transaction: the sample's demonstration recording. Its duration
/// is read from the file, as [`add`] reads it.
pub(crate) fn insert_generated_wav(
    w: &Writer<'_>,
    places: &Places,
    interview_id: &str,
    stored: &Stored,
    original_name: &str,
    origin: Origin,
) -> Result<Media> {
    let duration_ms = read_duration(&places.resolve(Storage::Managed, &stored.path), "wav");
    let row = NewMedia {
        interview_id,
        tape_label: "",
        mime: "audio/wav",
        storage: Storage::Managed,
        path: &stored.path,
        original_name,
        sha256: &stored.sha256,
        size: stored.size_bytes,
        duration_ms,
    };
    insert(w, places, &row, origin)
}

/// A recording's record as [`add`] writes it, once its file is in place.
struct NewMedia<'a> {
    interview_id: &'a str,
    tape_label: &'a str,
    mime: &'static str,
    storage: Storage,
    path: &'a str,
    original_name: &'a str,
    sha256: &'a str,
    size: u64,
    duration_ms: Option<u32>,
}

fn insert(w: &Writer<'_>, places: &Places, m: &NewMedia<'_>, origin: Origin) -> Result<Media> {
    let key = interview::key(w, m.interview_id)?;
    let position: i64 = w.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM media WHERE interview_id = ?1",
        [key],
        |r| r.get(0),
    )?;
    let id = ids::new_id();
    w.execute(
        "INSERT INTO media (uuid, interview_id, position, tape_label, kind, storage, path, original_name, sha256,
             size_bytes, mime_type, duration_ms, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        params![
            id,
            key,
            position,
            m.tape_label,
            kind_of(m.mime).as_str(),
            m.storage.as_str(),
            m.path,
            m.original_name,
            m.sha256,
            m.size as i64,
            m.mime,
            m.duration_ms,
            now(w)?
        ],
    )?;
    let created = get_with(w, places, &id)?;
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

fn storage(opts: &AddMediaOptions) -> Storage {
    if opts.reference {
        Storage::Referenced
    } else {
        Storage::Managed
    }
}

/// Points a recording at a new copy of its file, which must have the same content (SHA-256).
///
/// A referenced recording now points at `new_file`. A managed recording whose file left the
/// media folder gets `new_file` copied back into its place.
pub fn relink(
    archive: &mut Archive,
    media_id: &str,
    new_file: &Path,
    origin: Origin,
) -> Result<Media> {
    let places = Places::of(archive);
    let before = get(archive, media_id)?;
    let name = display_name(new_file);
    let metadata = std::fs::metadata(new_file).map_err(|e| Error::io(new_file, e))?;
    let differs = |digest: &str| {
        Error::invalid(
            "file",
            format!(
                "{name} differs from the recording it should replace ({} bytes, SHA-256 {digest}; expected {} bytes, SHA-256 {}); choose a copy of the same file",
                metadata.len(),
                before.size_bytes,
                before.sha256
            ),
        )
    };
    if !metadata.is_file() || metadata.len() != before.size_bytes {
        return Err(differs("not computed"));
    }
    let ctx = JobContext::silent();
    let ext = extension(new_file);
    let path = match before.storage {
        Storage::Referenced => {
            let (digest, _, _) = hash_in_place(new_file, &ext, &ctx)?;
            if digest != before.sha256 {
                return Err(differs(&digest));
            }
            places.store_reference(new_file)?
        }
        Storage::Managed => {
            let media_dir = places.media.as_deref().ok_or_else(|| {
                Error::invalid("file", "an archive in memory has no media folder")
            })?;
            let (incoming, _) = copy_to_temp(media_dir, new_file, &ext, &ctx)?;
            if incoming.sha256 != before.sha256 {
                return Err(differs(&incoming.sha256));
            }
            // Back under the name the record has, so the record need not change.
            let kept_extension = Path::new(&before.path)
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut stored = store::place(media_dir, incoming, &kept_extension)?;
            stored.keep();
            stored.path
        }
    };
    if path == before.path {
        // The content is back where the record says; nothing in the record changes.
        return get(archive, &before.id);
    }
    archive.write(|w| {
        w.execute(
            "UPDATE media SET path = ?2, updated_at = ?3 WHERE uuid = ?1",
            params![before.id, path, now(w)?],
        )?;
        let after = get_with(w, &places, &before.id)?;
        provenance::record(
            w,
            EventType::Modification,
            KIND,
            &after.id,
            origin,
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    })
}

/// Removes a recording. A managed file is deleted too, unless another recording has the same
/// content; a referenced file is never touched.
pub fn remove(archive: &mut Archive, media_id: &str, origin: Origin) -> Result<()> {
    let places = Places::of(archive);
    let orphan = archive.write(|w| {
        let before = get_with(w, &places, media_id)?;
        w.execute("DELETE FROM media WHERE uuid = ?1", [&before.id])?;
        provenance::record(
            w,
            EventType::Deletion,
            KIND,
            &before.id,
            origin,
            Some(&before),
            None::<&()>,
        )?;
        let shared: bool = w.query_row(
            "SELECT count(*) > 0 FROM media WHERE storage = 'managed' AND sha256 = ?1",
            params![before.sha256],
            |r| r.get(0),
        )? || store::still_kept(w, &before.path)?;
        Ok((before.storage == Storage::Managed && !shared)
            .then(|| places.resolve(Storage::Managed, &before.path)))
    })?;
    // After the commit: a file left behind by a failed delete is harmless, a record without
    // its file is not.
    if let Some(file) = orphan {
        if let Err(e) = std::fs::remove_file(&file) {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(file = %file.display(), error = %e, "could not delete a removed recording's file");
            }
        }
    }
    Ok(())
}

/// Puts an interview's recordings in the order given, which must list each of them once.
pub fn reorder(
    archive: &mut Archive,
    interview_id: &str,
    ids_in_order: &[String],
    origin: Origin,
) -> Result<Vec<Media>> {
    let places = Places::of(archive);
    archive.write(|w| {
        let key = interview::key(w, interview_id)?;
        let mut stmt = w.prepare(&format!(
            "{SELECT} WHERE m.interview_id = ?1 ORDER BY m.position, m.id"
        ))?;
        let current = stmt
            .query_map([key], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let wanted: Vec<String> = ids_in_order
            .iter()
            .map(|id| ids::parse(KIND, id))
            .collect::<Result<_>>()?;
        let mut sorted_wanted = wanted.clone();
        sorted_wanted.sort();
        let mut sorted_current: Vec<&str> = current.iter().map(|m| m.id.as_str()).collect();
        sorted_current.sort_unstable();
        if sorted_wanted != sorted_current {
            return Err(Error::invalid(
                "media",
                "the new order must list each of the interview's recordings exactly once",
            ));
        }
        let at = now(w)?;
        for (position, id) in wanted.iter().enumerate() {
            let before = current.iter().find(|m| &m.id == id).expect("checked above");
            if before.position as usize == position {
                continue;
            }
            w.execute(
                "UPDATE media SET position = ?2, updated_at = ?3 WHERE uuid = ?1",
                params![id, position as i64, at],
            )?;
            let before = places.with_missing(before.clone());
            let after = get_with(w, &places, id)?;
            provenance::record(
                w,
                EventType::Modification,
                KIND,
                id,
                origin,
                Some(&before),
                Some(&after),
            )?;
        }
        wanted.iter().map(|id| get_with(w, &places, id)).collect()
    })
}

/// Sets the source tape's identifier of a recording. Saving the same label logs nothing.
pub fn set_tape_label(
    archive: &mut Archive,
    media_id: &str,
    tape_label: &str,
    origin: Origin,
) -> Result<Media> {
    let places = Places::of(archive);
    archive.write(|w| {
        let before = get_with(w, &places, media_id)?;
        let label = tape_label.trim();
        if label == before.tape_label {
            return Ok(before);
        }
        w.execute(
            "UPDATE media SET tape_label = ?2, updated_at = ?3 WHERE uuid = ?1",
            params![before.id, label, now(w)?],
        )?;
        let after = get_with(w, &places, &before.id)?;
        provenance::record(
            w,
            EventType::Modification,
            KIND,
            &after.id,
            origin,
            Some(&before),
            Some(&after),
        )?;
        Ok(after)
    })
}

/// Copies `file` into the store as a recording, under an extension that fits its type.
/// Returns where it is and its MIME type.
fn copy_in(
    media_dir: &Path,
    file: &Path,
    ext: &str,
    job: &JobContext,
) -> Result<(Stored, &'static str)> {
    let (incoming, mime) = copy_to_temp(media_dir, file, ext, job)?;
    let stored = store::place(media_dir, incoming, stored_extension(mime, ext))?;
    Ok((stored, mime))
}

/// Copies `file` to a temp file in the store, refusing it before a byte is written unless its
/// first bytes are audio or video. Returns the copy and its MIME type.
fn copy_to_temp(
    media_dir: &Path,
    file: &Path,
    ext: &str,
    job: &JobContext,
) -> Result<(Incoming, &'static str)> {
    store::copy_to_temp_checked(media_dir, file, job, "copying", |head| {
        sniff(head, ext).ok_or_else(|| not_media(file))
    })
}

/// Hashes a recording kept where it lies, refusing it unless its first bytes are audio or
/// video. Returns its SHA-256, its size and its MIME type.
fn hash_in_place(file: &Path, ext: &str, job: &JobContext) -> Result<(String, u64, &'static str)> {
    store::hash_file_checked(file, job, "hashing", |head| {
        sniff(head, ext).ok_or_else(|| not_media(file))
    })
}

fn not_media(file: &Path) -> Error {
    Error::invalid(
        "file",
        format!(
            "{} is not an audio or video file Recollect can store (WAV, FLAC, MP3, Ogg/Opus, M4A/MP4/AAC, WebM, MKV, MOV or AVI)",
            file.display()
        ),
    )
}

fn display_name(file: &Path) -> String {
    file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn extension(file: &Path) -> String {
    file.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// A recording's file taken in from a package: copied into the media folder under its
/// content's hash, its type read from its bytes.
pub(crate) struct TakenIn {
    /// Where it is kept, relative to the media folder.
    pub path: String,
    /// Its MIME type, from its own bytes, not from what the package says.
    pub mime_type: &'static str,
    /// Audio or video, from the same bytes.
    pub kind: MediaKind,
    /// Its size.
    pub size_bytes: u64,
    /// The file, when this call placed it: deleted unless kept.
    pub placed: Placed,
}

/// Copies a package's payload file into the media folder as a managed recording, checking on
/// the way that it is audio or video and that its SHA-256 is `expected_sha256` (what the
/// package's records say). `name` is its original name, for its extension.
pub(crate) fn take_in(
    media_dir: &Path,
    payload: &Path,
    expected_sha256: &str,
    name: &str,
    job: &JobContext,
) -> Result<TakenIn> {
    let ext = extension(Path::new(name));
    let (incoming, mime) = copy_to_temp(media_dir, payload, &ext, job)?;
    if incoming.sha256 != expected_sha256 {
        return Err(Error::invalid(
            "package",
            format!(
                "{} has SHA-256 {}, not the {expected_sha256} its record says",
                payload.display(),
                incoming.sha256
            ),
        ));
    }
    let stored = store::place(media_dir, incoming, stored_extension(mime, &ext))?;
    Ok(TakenIn {
        path: stored.path,
        mime_type: mime,
        kind: kind_of(mime),
        size_bytes: stored.size_bytes,
        placed: stored.placed,
    })
}

/// Where a recording with this content would be kept in the media folder, for a record whose
/// file is not here yet (it shows as missing until relinked).
pub(crate) fn managed_path(sha256: &str, mime: &str, name: &str) -> String {
    format!(
        "{}/{sha256}.{}",
        &sha256[..2],
        stored_extension(mime, &extension(Path::new(name)))
    )
}

#[cfg(test)]
mod tests;
