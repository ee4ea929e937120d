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

use std::{
    fs::File,
    path::{Component, Path, PathBuf},
};

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
struct Places {
    /// The folder holding the archive file, absolute.
    folder: Option<PathBuf>,
    /// The managed media folder.
    media: Option<PathBuf>,
}

impl Places {
    fn of(archive: &Archive) -> Self {
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
        provenance::record(w, EventType::Deletion, KIND, &before.id, origin, Some(&before), None::<&()>)?;
        let shared: bool = w.query_row(
            "SELECT count(*) > 0 FROM media WHERE storage = 'managed' AND (sha256 = ?1 OR path = ?2)",
            params![before.sha256, before.path],
            |r| r.get(0),
        )?;
        Ok((before.storage == Storage::Managed && !shared).then(|| places.resolve(Storage::Managed, &before.path)))
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
    let mut mime = None;
    let incoming = store::copy_to_temp_checked(media_dir, file, job, "copying", |head| {
        mime = Some(sniff(head, ext).ok_or_else(|| not_media(file))?);
        Ok(())
    })?;
    Ok((incoming, mime.expect("the first chunk is checked")))
}

/// Hashes a recording kept where it lies, refusing it unless its first bytes are audio or
/// video. Returns its SHA-256, its size and its MIME type.
fn hash_in_place(file: &Path, ext: &str, job: &JobContext) -> Result<(String, u64, &'static str)> {
    let mut mime = None;
    let (sha256, size) = store::hash_file_checked(file, job, "hashing", |head| {
        mime = Some(sniff(head, ext).ok_or_else(|| not_media(file))?);
        Ok(())
    })?;
    Ok((sha256, size, mime.expect("the first chunk is checked")))
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

fn kind_of(mime: &str) -> MediaKind {
    if mime.starts_with("video/") {
        MediaKind::Video
    } else {
        MediaKind::Audio
    }
}

/// Extensions each type may keep in the media folder; the first is used when the file's own
/// extension does not fit, so players that go by the name still open it.
const EXTENSIONS: &[(&str, &[&str])] = &[
    ("audio/wav", &["wav", "wave", "bwf"]),
    ("audio/flac", &["flac"]),
    ("audio/mpeg", &["mp3"]),
    ("audio/ogg", &["ogg", "opus", "oga"]),
    ("video/ogg", &["ogv", "ogg"]),
    ("audio/mp4", &["m4a", "m4b", "mp4"]),
    ("video/mp4", &["mp4", "m4v"]),
    ("audio/aac", &["aac"]),
    ("audio/webm", &["weba", "webm"]),
    ("video/webm", &["webm"]),
    ("audio/x-matroska", &["mka"]),
    ("video/x-matroska", &["mkv"]),
    ("video/quicktime", &["mov", "qt"]),
    ("video/x-msvideo", &["avi"]),
];

/// The extensions of the audio and video files the archive keeps, each once.
pub fn extensions() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = Vec::new();
    for ext in EXTENSIONS.iter().flat_map(|(_, e)| e.iter()) {
        if !all.contains(ext) {
            all.push(ext);
        }
    }
    all
}

fn stored_extension(mime: &str, ext: &str) -> &'static str {
    let allowed = EXTENSIONS
        .iter()
        .find(|(m, _)| *m == mime)
        .map_or(&[][..], |(_, e)| *e);
    allowed
        .iter()
        .find(|e| **e == ext)
        .or(allowed.first())
        .copied()
        .unwrap_or("bin")
}

/// The MIME type of a file from its first bytes, with the extension to tell apart containers
/// that hold either audio or video. `None` for anything that is not audio or video.
fn sniff(head: &[u8], ext: &str) -> Option<&'static str> {
    let at = |i: usize, magic: &[u8]| head.get(i..i + magic.len()) == Some(magic);
    let within = |n: usize, needle: &[u8]| {
        head[..head.len().min(n)]
            .windows(needle.len())
            .any(|w| w == needle)
    };
    if (at(0, b"RIFF") || at(0, b"RF64") || at(0, b"BW64")) && at(8, b"WAVE") {
        return Some("audio/wav");
    }
    if at(0, b"RIFF") && at(8, b"AVI ") {
        return Some("video/x-msvideo");
    }
    if at(0, b"fLaC") {
        return Some("audio/flac");
    }
    if at(0, b"OggS") {
        return Some(if within(512, b"\x80theora") {
            "video/ogg"
        } else {
            "audio/ogg"
        });
    }
    if at(0, &[0x1A, 0x45, 0xDF, 0xA3]) {
        // EBML: the DocType near the start says WebM or Matroska.
        let audio_only = matches!(ext, "weba" | "mka");
        return Some(match (within(64, b"webm"), audio_only) {
            (true, true) => "audio/webm",
            (true, false) => "video/webm",
            (false, true) => "audio/x-matroska",
            (false, false) => "video/x-matroska",
        });
    }
    if at(4, b"ftyp") {
        let brand = head.get(8..12).unwrap_or_default();
        return Some(
            if brand.starts_with(b"M4A")
                || brand.starts_with(b"M4B")
                || matches!(ext, "m4a" | "m4b")
            {
                "audio/mp4"
            } else if brand == b"qt  " || matches!(ext, "mov" | "qt") {
                "video/quicktime"
            } else {
                "video/mp4"
            },
        );
    }
    if matches!(ext, "mov" | "qt")
        && [&b"moov"[..], b"mdat", b"wide", b"free"]
            .iter()
            .any(|m| at(4, m))
    {
        return Some("video/quicktime"); // QuickTime from before `ftyp`
    }
    if at(0, b"ID3") {
        return Some(if ext == "aac" {
            "audio/aac"
        } else {
            "audio/mpeg"
        });
    }
    // Raw MPEG audio and ADTS AAC start with a frame sync, sometimes after zero padding.
    let start = head.iter().take(4096).position(|&b| b != 0)?;
    let (b0, b1) = (head[start], *head.get(start + 1)?);
    if b0 == 0xFF && b1 & 0xF6 == 0xF0 {
        return Some("audio/aac");
    }
    let layer = (b1 >> 1) & 3;
    let version = (b1 >> 3) & 3;
    if b0 == 0xFF && b1 & 0xE0 == 0xE0 && layer != 0 && version != 1 {
        return Some("audio/mpeg");
    }
    None
}

/// The length in milliseconds from the container's time base and frame count, or `None`
/// when the container does not say (some MP3s) or cannot be read: never an error.
fn read_duration(path: &Path, ext: &str) -> Option<u32> {
    use symphonia::core::{
        formats::FormatOptions,
        io::{MediaSourceStream, MediaSourceStreamOptions},
        meta::MetadataOptions,
        probe::Hint,
    };
    let file = File::open(path).ok()?;
    let stream = MediaSourceStream::new(Box::new(file), MediaSourceStreamOptions::default());
    let mut hint = Hint::new();
    hint.with_extension(ext);
    // Demuxers have panicked on damaged files; a damaged file still gets added.
    let duration = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let probed = symphonia::default::get_probe()
            .format(
                &hint,
                stream,
                &FormatOptions::default(),
                &MetadataOptions::default(),
            )
            .ok()?;
        probed
            .format
            .tracks()
            .iter()
            .filter_map(|t| {
                let base = t.codec_params.time_base?;
                let frames = t.codec_params.n_frames?;
                if base.denom == 0 {
                    return None;
                }
                let ms = (u128::from(frames) * u128::from(base.numer) * 1000
                    + u128::from(base.denom) / 2)
                    / u128::from(base.denom);
                u32::try_from(ms).ok()
            })
            .max()
    }))
    .ok()
    .flatten();
    if duration.is_none() {
        tracing::debug!(file = %path.display(), "the container does not say how long the recording is");
    }
    duration
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
mod tests {
    use super::*;
    use crate::{interview::InterviewInput, jobs::CancelFlag};
    use sha2::{Digest, Sha256};
    use std::sync::{Arc, Mutex};

    /// A real WAV: 8 kHz mono 16-bit PCM, `frames` samples, varied by `seed`.
    fn wav(frames: u32, seed: u32) -> Vec<u8> {
        let data_len = frames * 2;
        let mut out = Vec::with_capacity(44 + data_len as usize);
        out.extend_from_slice(b"RIFF");
        out.extend_from_slice(&(36 + data_len).to_le_bytes());
        out.extend_from_slice(b"WAVEfmt ");
        out.extend_from_slice(&16u32.to_le_bytes()); // fmt chunk size
        out.extend_from_slice(&1u16.to_le_bytes()); // PCM
        out.extend_from_slice(&1u16.to_le_bytes()); // mono
        out.extend_from_slice(&8000u32.to_le_bytes()); // sample rate
        out.extend_from_slice(&16000u32.to_le_bytes()); // byte rate
        out.extend_from_slice(&2u16.to_le_bytes()); // block align
        out.extend_from_slice(&16u16.to_le_bytes()); // bits per sample
        out.extend_from_slice(b"data");
        out.extend_from_slice(&data_len.to_le_bytes());
        for n in 0..frames {
            // A sawtooth: cheap, and not silence.
            let sample = (((n.wrapping_mul(97).wrapping_add(seed)) % 2000) as i16 - 1000) * 8;
            out.extend_from_slice(&sample.to_le_bytes());
        }
        out
    }

    fn sha(bytes: &[u8]) -> String {
        format!("{:x}", Sha256::digest(bytes))
    }

    fn interview(a: &mut Archive) -> String {
        interview::create(
            a,
            &InterviewInput {
                title: "Tatiana Smilga".into(),
                ..Default::default()
            },
            Origin::Cli,
        )
        .unwrap()
        .id
    }

    fn managed() -> AddMediaOptions {
        AddMediaOptions::default()
    }

    fn referenced() -> AddMediaOptions {
        AddMediaOptions {
            reference: true,
            tape_label: String::new(),
        }
    }

    fn add_file(
        a: &mut Archive,
        interview_id: &str,
        file: &Path,
        opts: &AddMediaOptions,
    ) -> Result<Media> {
        add(
            a,
            interview_id,
            file,
            opts,
            &JobContext::silent(),
            Origin::Cli,
        )
    }

    /// Every file under `dir`, for checking that nothing was left behind.
    fn files_under(dir: &Path) -> Vec<PathBuf> {
        let mut found = Vec::new();
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    found.extend(files_under(&path));
                } else {
                    found.push(path);
                }
            }
        }
        found
    }

    #[test]
    fn a_wav_is_copied_in_by_hash_with_its_type_and_duration() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Archive::open(dir.path().join("a.db")).unwrap();
        let i = interview(&mut a);
        let bytes = wav(20_000, 1); // 2.5 s at 8 kHz
        let source = dir.path().join("Tape 1.WAV");
        std::fs::write(&source, &bytes).unwrap();

        let opts = AddMediaOptions {
            reference: false,
            tape_label: " Tape 1, side A ".into(),
        };
        let m = add_file(&mut a, &i, &source, &opts).unwrap();
        assert_eq!(m.mime_type, "audio/wav");
        assert_eq!(m.kind, MediaKind::Audio);
        assert_eq!(m.storage, Storage::Managed);
        assert!(
            m.duration_ms.is_some_and(|d| d.abs_diff(2500) <= 1),
            "duration {:?}",
            m.duration_ms
        );
        assert_eq!(m.sha256, sha(&bytes));
        assert_eq!(m.size_bytes, bytes.len() as u64);
        assert_eq!(m.original_name, "Tape 1.WAV");
        assert_eq!(m.tape_label, "Tape 1, side A");
        assert_eq!(m.position, 0);
        assert!(!m.missing);

        let expected = a
            .media_dir()
            .unwrap()
            .join(&m.sha256[..2])
            .join(format!("{}.wav", m.sha256));
        assert_eq!(
            m.path,
            format!("{}/{}.wav", &m.sha256[..2], m.sha256),
            "stored relative to the media folder"
        );
        assert_eq!(
            resolve_path(&a, &m),
            std::path::absolute(&expected).unwrap()
        );
        assert_eq!(
            std::fs::read(&expected).unwrap(),
            bytes,
            "the copy is whole"
        );
        assert!(source.exists(), "the original stays");

        let types: Vec<_> = provenance::history(&a, &m.id)
            .unwrap()
            .iter()
            .map(|e| (e.event_type, e.record_kind.clone()))
            .collect();
        assert_eq!(types, [(EventType::Creation, "media".to_owned())]);
    }

    #[test]
    fn the_same_content_added_twice_is_stored_once_and_kept_until_both_go() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Archive::open(dir.path().join("a.db")).unwrap();
        let i = interview(&mut a);
        let bytes = wav(8_000, 2);
        let (one, two) = (dir.path().join("one.wav"), dir.path().join("copy.wav"));
        std::fs::write(&one, &bytes).unwrap();
        std::fs::write(&two, &bytes).unwrap();
        let first = add_file(&mut a, &i, &one, &managed()).unwrap();
        let second = add_file(&mut a, &i, &two, &managed()).unwrap();
        assert_eq!(first.path, second.path);
        assert_eq!(
            (first.position, second.position),
            (0, 1),
            "each new recording goes last"
        );
        let media_dir = a.media_dir().unwrap();
        assert_eq!(
            files_under(&media_dir).len(),
            1,
            "one file for both: {:?}",
            files_under(&media_dir)
        );

        remove(&mut a, &first.id, Origin::Cli).unwrap();
        assert!(
            resolve_path(&a, &second).is_file(),
            "still used by the other recording"
        );
        remove(&mut a, &second.id, Origin::Cli).unwrap();
        assert!(
            files_under(&media_dir).is_empty(),
            "the last one takes the file with it"
        );
        assert!(list(&a, &i).unwrap().is_empty());
        let types: Vec<_> = provenance::history(&a, &first.id)
            .unwrap()
            .iter()
            .map(|e| e.event_type)
            .collect();
        assert_eq!(types, [EventType::Creation, EventType::Deletion]);
    }

    #[test]
    fn a_whole_archive_folder_can_move_and_nothing_goes_missing() {
        let root = tempfile::tempdir().unwrap();
        let folder = root.path().join("Smilga archive");
        std::fs::create_dir_all(folder.join("tapes")).unwrap();
        let outside = root.path().join("external disk");
        std::fs::create_dir_all(&outside).unwrap();
        let (managed_id, referenced_id, external_id, i);
        {
            let mut a = Archive::open(folder.join("smilga.db")).unwrap();
            i = interview(&mut a);
            let source = root.path().join("tape1.wav");
            std::fs::write(&source, wav(8_000, 3)).unwrap();
            managed_id = add_file(&mut a, &i, &source, &managed()).unwrap().id;

            let inside = folder.join("tapes").join("tape2.wav");
            std::fs::write(&inside, wav(8_000, 4)).unwrap();
            let r = add_file(&mut a, &i, &inside, &referenced()).unwrap();
            assert_eq!(r.storage, Storage::Referenced);
            assert_eq!(
                r.path, "tapes/tape2.wav",
                "relative to the archive's folder"
            );
            referenced_id = r.id;

            let far = outside.join("tape3.wav");
            std::fs::write(&far, wav(8_000, 5)).unwrap();
            let e = add_file(&mut a, &i, &far, &referenced()).unwrap();
            assert!(
                Path::new(&e.path).is_absolute(),
                "outside the folder the path is absolute: {}",
                e.path
            );
            external_id = e.id;
        }
        let moved = root.path().join("laptop").join("Smilga archive");
        std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
        std::fs::rename(&folder, &moved).unwrap();

        let a = Archive::open(moved.join("smilga.db")).unwrap();
        let list = list(&a, &i).unwrap();
        let ids: Vec<_> = list.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                managed_id.as_str(),
                referenced_id.as_str(),
                external_id.as_str()
            ]
        );
        assert!(list.iter().all(|m| !m.missing), "{list:#?}");
        assert!(resolve_path(&a, &list[0]).starts_with(&moved));
        assert_eq!(
            resolve_path(&a, &list[1]),
            moved.join("tapes").join("tape2.wav")
        );
    }

    #[test]
    fn a_missing_file_is_reported_and_relinked_only_to_the_same_content() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Archive::open(dir.path().join("a.db")).unwrap();
        let i = interview(&mut a);
        let bytes = wav(8_000, 6);
        let file = dir.path().join("tape.wav");
        std::fs::write(&file, &bytes).unwrap();
        let m = add_file(&mut a, &i, &file, &referenced()).unwrap();
        std::fs::remove_file(&file).unwrap();
        let listed = list(&a, &i).unwrap();
        assert!(listed[0].missing, "reported, not dropped");

        let other = dir.path().join("other.wav");
        std::fs::write(&other, wav(8_000, 7)).unwrap();
        let err = relink(&mut a, &m.id, &other, Origin::Cli).unwrap_err();
        assert!(matches!(err, Error::Invalid { .. }), "{err}");
        assert!(err.to_string().contains("other.wav differs"), "{err}");

        let copy = dir.path().join("backup").join("tape (copy).wav");
        std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
        std::fs::write(&copy, &bytes).unwrap();
        let relinked = relink(&mut a, &m.id, &copy, Origin::Cli).unwrap();
        assert!(!relinked.missing);
        assert_eq!(relinked.path, "backup/tape (copy).wav");
        let types: Vec<_> = provenance::history(&a, &m.id)
            .unwrap()
            .iter()
            .map(|e| e.event_type)
            .collect();
        assert_eq!(types, [EventType::Creation, EventType::Modification]);
    }

    #[test]
    fn a_managed_file_lost_from_the_media_folder_is_copied_back_by_relink() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Archive::open(dir.path().join("a.db")).unwrap();
        let i = interview(&mut a);
        let bytes = wav(4_000, 8);
        let file = dir.path().join("tape.wav");
        std::fs::write(&file, &bytes).unwrap();
        let m = add_file(&mut a, &i, &file, &managed()).unwrap();
        std::fs::remove_file(resolve_path(&a, &m)).unwrap();
        assert!(get(&a, &m.id).unwrap().missing);
        let back = relink(&mut a, &m.id, &file, Origin::Cli).unwrap();
        assert!(!back.missing);
        assert_eq!(back.path, m.path);
        assert_eq!(std::fs::read(resolve_path(&a, &back)).unwrap(), bytes);
    }

    #[test]
    fn a_text_file_is_refused_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Archive::open(dir.path().join("a.db")).unwrap();
        let i = interview(&mut a);
        let notes = dir.path().join("notes about tape 2.txt");
        std::fs::write(
            &notes,
            "Sitting (left to right): Serebryakov, Radek, Trotsky",
        )
        .unwrap();
        let err = add_file(&mut a, &i, &notes, &managed()).unwrap_err();
        assert!(err.to_string().contains("notes about tape 2.txt"), "{err}");
        assert!(
            err.to_string().contains("not an audio or video file"),
            "{err}"
        );
        // Renaming it does not help: the content decides.
        let disguised = dir.path().join("notes.mp3");
        std::fs::copy(&notes, &disguised).unwrap();
        assert!(add_file(&mut a, &i, &disguised, &referenced()).is_err());
        assert!(list(&a, &i).unwrap().is_empty());
        assert!(
            files_under(&a.media_dir().unwrap()).is_empty(),
            "nothing was written"
        );
    }

    #[test]
    fn cancelling_mid_copy_leaves_no_file_and_no_record() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Archive::open(dir.path().join("a.db")).unwrap();
        let i = interview(&mut a);
        let big = dir.path().join("long tape.wav");
        std::fs::write(&big, wav(5_000_000, 9)).unwrap(); // 10 MB: several progress reports
        let flag = CancelFlag::default();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (sink, trip) = (seen.clone(), flag.clone());
        let ctx = JobContext::new(flag, move |p| {
            if matches!(p, Progress::Progress { .. }) {
                trip.cancel();
            }
            sink.lock().unwrap().push(p);
        });
        let err = add(&mut a, &i, &big, &managed(), &ctx, Origin::Cli).unwrap_err();
        assert!(matches!(err, Error::Cancelled), "{err}");
        let seen = seen.lock().unwrap();
        let copied = seen.iter().find_map(|p| match p {
            Progress::Progress { phase, done, total } => Some((phase.clone(), *done, *total)),
            _ => None,
        });
        let (phase, done, total) = copied.expect("a progress report");
        assert_eq!(phase, "copying");
        assert!(
            total.is_some_and(|t| done < t),
            "stopped mid-copy: {done} of {total:?} MiB"
        );
        assert!(
            files_under(&a.media_dir().unwrap()).is_empty(),
            "the temp file is gone"
        );
        assert!(list(&a, &i).unwrap().is_empty(), "no record");
    }

    #[test]
    fn reorder_labels_and_the_rules_on_what_can_be_added() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Archive::open(dir.path().join("a.db")).unwrap();
        let i = interview(&mut a);
        let mut ids = Vec::new();
        for n in 0..3 {
            let f = dir.path().join(format!("part{n}.wav"));
            std::fs::write(&f, wav(800, 10 + n)).unwrap();
            ids.push(add_file(&mut a, &i, &f, &managed()).unwrap().id);
        }
        let order = vec![ids[2].clone(), ids[0].clone(), ids[1].clone()];
        let reordered = reorder(&mut a, &i, &order, Origin::Cli).unwrap();
        assert_eq!(
            reordered.iter().map(|m| &m.id).collect::<Vec<_>>(),
            order.iter().collect::<Vec<_>>()
        );
        assert_eq!(
            list(&a, &i)
                .unwrap()
                .iter()
                .map(|m| m.position)
                .collect::<Vec<_>>(),
            [0, 1, 2]
        );
        let err = reorder(&mut a, &i, &order[..2], Origin::Cli).unwrap_err();
        assert!(
            matches!(err, Error::Invalid { field: "media", .. }),
            "{err}"
        );

        let labelled = set_tape_label(&mut a, &ids[0], " Tape 2 ", Origin::Window).unwrap();
        assert_eq!(labelled.tape_label, "Tape 2");
        set_tape_label(&mut a, &ids[0], "Tape 2", Origin::Window).unwrap();
        let types: Vec<_> = provenance::history(&a, &ids[0])
            .unwrap()
            .iter()
            .map(|e| e.event_type)
            .collect();
        assert_eq!(
            types,
            [
                EventType::Creation,
                EventType::Modification,
                EventType::Modification
            ],
            "moved, then labelled once"
        );

        let f = dir.path().join("part0.wav");
        let err = add_file(&mut a, &ids::new_id(), &f, &managed()).unwrap_err();
        assert!(
            matches!(
                err,
                Error::NotFound {
                    kind: "interview",
                    ..
                }
            ),
            "{err}"
        );

        let mut memory = Archive::open_in_memory().unwrap();
        let j = interview(&mut memory);
        let err = add_file(&mut memory, &j, &f, &managed()).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Invalid {
                    field: "reference",
                    ..
                }
            ),
            "{err}"
        );
        let m = add_file(&mut memory, &j, &f, &referenced()).unwrap();
        assert!(Path::new(&m.path).is_absolute() && !m.missing);
    }

    #[test]
    fn magic_bytes_decide_the_type() {
        assert_eq!(sniff(b"fLaC\0\0\0\x22", "flac"), Some("audio/flac"));
        assert_eq!(sniff(b"ID3\x04\0\0\0\0\0\0", "mp3"), Some("audio/mpeg"));
        assert_eq!(sniff(&[0xFF, 0xFB, 0x90, 0x64], "mp3"), Some("audio/mpeg"));
        assert_eq!(sniff(&[0xFF, 0xF1, 0x50, 0x80], "aac"), Some("audio/aac"));
        assert_eq!(
            sniff(b"OggS\0\x02\0\0\0\0\0\0\0\0OpusHead", "opus"),
            Some("audio/ogg")
        );
        assert_eq!(
            sniff(b"\0\0\0\x20ftypM4A \0\0\0\0", "m4a"),
            Some("audio/mp4")
        );
        assert_eq!(
            sniff(b"\0\0\0\x20ftypisom\0\0\0\0", "mp4"),
            Some("video/mp4")
        );
        assert_eq!(
            sniff(b"\0\0\0\x14ftypqt  \0\0\0\0", "mov"),
            Some("video/quicktime")
        );
        assert_eq!(
            sniff(
                b"\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01\x42\x82\x84webm",
                "webm"
            ),
            Some("video/webm")
        );
        assert_eq!(
            sniff(b"\x1A\x45\xDF\xA3\x9F\x42\x82\x88matroska", "mkv"),
            Some("video/x-matroska")
        );
        assert_eq!(
            sniff(b"RIFF\0\0\0\0AVI LIST", "avi"),
            Some("video/x-msvideo")
        );
        assert_eq!(
            sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF", "mp3"),
            None,
            "a JPEG named .mp3"
        );
        assert_eq!(sniff(b"", "wav"), None);
        assert_eq!(stored_extension("audio/ogg", "opus"), "opus");
        assert_eq!(stored_extension("audio/wav", "mp3"), "wav");
    }
}
