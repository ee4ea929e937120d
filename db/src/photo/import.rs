//! Importing images: files and whole folders, all or nothing per call.
//!
//! Every file is checked first (is it a JPEG, PNG or TIFF, what size, what EXIF), so that a
//! file that is not an image refuses the whole import before anything is copied. Then each is
//! copied into the media store while it is hashed, and the records are written in one
//! transaction. If anything fails or the user cancels, the files this call placed are removed
//! and the archive is as it was.

use std::{
    collections::HashMap,
    fs::File,
    io::{BufReader, Read},
    path::{Path, PathBuf},
};

use image::ImageFormat;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{get_with, link_collection, link_interview, Photo, KIND};
use crate::{
    archive::{now, Archive, Writer},
    collection,
    error::{Error, Result},
    ids, interview,
    jobs::{JobContext, Progress},
    provenance::{self, EventType, Origin},
    store::{self, Stored},
};

/// Where imported photos go.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ImportPhotosOptions {
    /// Put every photo (new or already in the archive) in this collection.
    #[serde(default)]
    pub collection_id: Option<String>,
    /// Attach every photo to this interview.
    #[serde(default)]
    pub interview_id: Option<String>,
}

/// A file whose image the archive holds already.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct DuplicatePhoto {
    /// The file as given.
    pub file: String,
    /// The photo that has the same image.
    pub photo_id: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ImportPhotosSummary {
    /// The new photos, in the order of the files.
    pub added: Vec<Photo>,
    /// Files whose image was in the archive already (or earlier in the same import): stored
    /// once, not added again.
    pub duplicates: Vec<DuplicatePhoto>,
    /// Files in folders that were skipped as not images, and other things to know.
    pub warnings: Vec<String>,
}

/// The extensions of the images the archive takes (from folders too; other files there are
/// skipped with a warning).
pub const IMAGE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "jpe", "png", "tif", "tiff"];

/// What a file is, learnt before anything is copied.
pub(crate) struct Inspected {
    pub file: PathBuf,
    pub name: String,
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    pub exif_date: Option<String>,
    pub exif_camera: Option<String>,
}

/// Which photo a duplicate file has the image of.
enum SameAs {
    /// One already in the archive.
    Stored(String),
    /// The n-th photo added by this import.
    Added(usize),
}

/// Imports images into the archive's media store. `files` may name files and folders; folders
/// are searched recursively for JPEG, PNG and TIFF files (other files there are skipped with a
/// warning, hidden files and folders ignored). A file named directly that is not one of these
/// images refuses the whole import, with its name. All or nothing: on any error, or when
/// cancelled, nothing is added and no file stays in the media folder.
pub fn import(
    archive: &mut Archive,
    files: &[PathBuf],
    options: &ImportPhotosOptions,
    job: &JobContext,
    origin: Origin,
) -> Result<ImportPhotosSummary> {
    let media_dir = archive.media_dir().ok_or_else(|| {
        Error::invalid(
            "archive",
            "an archive in memory has no media folder for photos; save the archive to a file first",
        )
    })?;
    if let Some(c) = options.collection_id.as_deref() {
        collection::key(archive.conn(), c)?;
    }
    if let Some(i) = options.interview_id.as_deref() {
        interview::key(archive.conn(), i)?;
    }
    let mut warnings = Vec::new();
    let paths = expand(files, &mut warnings)?;
    if paths.is_empty() {
        return Err(Error::invalid(
            "files",
            "no JPEG, PNG or TIFF files were found in what was given",
        ));
    }
    job.report(Progress::Started {
        title: format!("Importing {} photos", paths.len()),
    });
    let total = Some(paths.len() as u32);

    let mut inspected = Vec::with_capacity(paths.len());
    for (n, path) in paths.iter().enumerate() {
        job.step("reading", n as u32, total)?;
        inspected.push(inspect(path)?);
    }

    // Copy and hash; a duplicate's temp file is dropped (and deleted) at once.
    let mut new: Vec<(Inspected, Stored)> = Vec::new();
    let mut duplicates = Vec::new();
    let mut in_this_import: HashMap<String, usize> = HashMap::new();
    for (n, item) in inspected.into_iter().enumerate() {
        job.step("copying", n as u32, total)?;
        let incoming = store::copy_to_temp(&media_dir, &item.file, job)?;
        let existing: Option<String> = archive
            .conn()
            .query_row(
                "SELECT uuid FROM photos WHERE sha256 = ?1",
                [&incoming.sha256],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(photo_id) = existing {
            duplicates.push((item.file.display().to_string(), SameAs::Stored(photo_id)));
            continue;
        }
        if let Some(&earlier) = in_this_import.get(&incoming.sha256) {
            duplicates.push((item.file.display().to_string(), SameAs::Added(earlier)));
            continue;
        }
        let stored = store::place(&media_dir, incoming, extension(item.format))?;
        in_this_import.insert(stored.sha256.clone(), new.len());
        new.push((item, stored));
    }
    job.step("copying", paths.len() as u32, total)?;

    let (added, duplicates) = archive.write(|w| {
        let mut added = Vec::with_capacity(new.len());
        for (n, (item, stored)) in new.iter().enumerate() {
            job.step("recording", n as u32, Some(new.len() as u32))?;
            added.push(insert(w, item, stored, options, origin)?);
        }
        let mut resolved = Vec::with_capacity(duplicates.len());
        for (file, same_as) in &duplicates {
            let photo_id = match same_as {
                SameAs::Stored(id) => id.clone(),
                SameAs::Added(n) => added[*n].id.clone(),
            };
            link(w, &photo_id, options, origin)?;
            resolved.push(DuplicatePhoto {
                file: file.clone(),
                photo_id,
            });
        }
        // Re-read: links made for duplicates of photos added in this import show on them.
        let added = added
            .iter()
            .map(|p| get_with(w, &p.id))
            .collect::<Result<Vec<_>>>()?;
        Ok((added, resolved))
    })?;
    for (_, stored) in &mut new {
        stored.keep();
    }
    job.report(Progress::Finished {
        summary: format!(
            "{} photos imported, {} already in the archive",
            added.len(),
            duplicates.len()
        ),
    });
    Ok(ImportPhotosSummary {
        added,
        duplicates,
        warnings,
    })
}

fn link(
    w: &Writer<'_>,
    photo_id: &str,
    options: &ImportPhotosOptions,
    origin: Origin,
) -> Result<()> {
    if let Some(c) = options.collection_id.as_deref() {
        link_collection(w, photo_id, c, origin)?;
    }
    if let Some(i) = options.interview_id.as_deref() {
        link_interview(w, photo_id, i, origin)?;
    }
    Ok(())
}

/// Writes the record of a stored image, linked as the options say.
pub(crate) fn insert(
    w: &Writer<'_>,
    item: &Inspected,
    stored: &Stored,
    options: &ImportPhotosOptions,
    origin: Origin,
) -> Result<Photo> {
    let id = ids::new_id();
    w.execute(
        "INSERT INTO photos (uuid, sha256, path, original_name, mime_type, width, height, size_bytes, exif_date, exif_camera,
                             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            id,
            stored.sha256,
            stored.path,
            item.name,
            item.format.to_mime_type(),
            item.width,
            item.height,
            stored.size_bytes as i64,
            item.exif_date,
            item.exif_camera,
            now(w)?
        ],
    )?;
    let created = get_with(w, &id)?;
    provenance::record(
        w,
        EventType::Ingestion,
        KIND,
        &id,
        origin,
        None::<&()>,
        Some(&created),
    )?;
    link(w, &id, options, origin)?;
    get_with(w, &id)
}

/// The extension a stored image gets, from its content rather than its name.
pub(crate) fn extension(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Png => "png",
        ImageFormat::Tiff => "tif",
        _ => "jpg",
    }
}

fn has_image_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.to_lowercase().as_str()))
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// The files to import: files as given, folders searched recursively in name order. Symbolic
/// links to folders are not followed, so a link cycle cannot make the walk endless.
fn expand(given: &[PathBuf], warnings: &mut Vec<String>) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in given {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            walk(path, &mut out, warnings)?;
        } else {
            out.push(path.clone());
        }
    }
    // The same file named twice (directly and in its folder) is imported once.
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())));
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, warnings: &mut Vec<String>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()
        .map_err(|e| Error::io(dir, e))?;
    entries.sort();
    for path in entries {
        if is_hidden(&path) {
            continue;
        }
        let meta = std::fs::symlink_metadata(&path).map_err(|e| Error::io(&path, e))?;
        if meta.is_dir() {
            walk(&path, out, warnings)?;
        } else if has_image_extension(&path) {
            out.push(path);
        } else if meta.is_file() {
            warnings.push(format!(
                "{} was skipped: it is not a JPEG, PNG or TIFF file",
                path.display()
            ));
        }
    }
    Ok(())
}

fn not_an_image(file: &Path, why: &str) -> Error {
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    // The full path too when the name alone may not say which file it is.
    let path = file.display().to_string();
    let place = if path == name {
        String::new()
    } else {
        format!(" ({path})")
    };
    Error::invalid("file", format!("{name} {why}; nothing was imported{place}"))
}

/// Reads what the archive keeps of an image without decoding its pixels: format from the magic
/// bytes, size from the header, date and camera from EXIF.
fn inspect(file: &Path) -> Result<Inspected> {
    let mut head = [0u8; 32];
    let mut f = File::open(file).map_err(|e| Error::io(file, e))?;
    let mut len = 0;
    while len < head.len() {
        match f.read(&mut head[len..]).map_err(|e| Error::io(file, e))? {
            0 => break,
            n => len += n,
        }
    }
    let format = match image::guess_format(&head[..len]) {
        Ok(format @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::Tiff)) => format,
        Ok(other) => {
            return Err(not_an_image(
                file,
                &format!("is a {other:?} image; Recollect takes JPEG, PNG and TIFF"),
            ))
        }
        Err(_) => return Err(not_an_image(file, "is not a JPEG, PNG or TIFF image")),
    };
    let reader = image::ImageReader::with_format(
        BufReader::new(File::open(file).map_err(|e| Error::io(file, e))?),
        format,
    );
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| not_an_image(file, &format!("could not be read as {format:?} ({e})")))?;
    if width == 0 || height == 0 {
        return Err(not_an_image(file, "has no pixels"));
    }
    let (exif_date, exif_camera) = read_exif(file);
    Ok(Inspected {
        name: file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        file: file.to_path_buf(),
        format,
        width,
        height,
        exif_date,
        exif_camera,
    })
}

/// The EXIF date (when the picture was taken, else digitised, else last changed) as
/// "YYYY-MM-DDTHH:MM:SS", and the camera's make and model. Missing or broken EXIF gives
/// nothing: it never stops an import.
pub(crate) fn read_exif(file: &Path) -> (Option<String>, Option<String>) {
    let Ok(f) = File::open(file) else {
        return (None, None);
    };
    let Ok(exif) = exif::Reader::new().read_from_container(&mut BufReader::new(f)) else {
        return (None, None);
    };
    let ascii = |tag: exif::Tag| -> Option<Vec<u8>> {
        let field = exif.get_field(tag, exif::In::PRIMARY)?;
        match &field.value {
            exif::Value::Ascii(parts) => parts.first().cloned(),
            _ => None,
        }
    };
    let date = [
        exif::Tag::DateTimeOriginal,
        exif::Tag::DateTimeDigitized,
        exif::Tag::DateTime,
    ]
    .into_iter()
    .find_map(|tag| {
        let d = exif::DateTime::from_ascii(&ascii(tag)?).ok()?;
        let valid = (1..=12).contains(&d.month)
            && (1..=31).contains(&d.day)
            && d.hour < 24
            && d.minute < 60
            && d.second < 61;
        valid.then(|| {
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                d.year, d.month, d.day, d.hour, d.minute, d.second
            )
        })
    });
    let text = |tag| {
        ascii(tag)
            .map(|b| {
                String::from_utf8_lossy(&b)
                    .trim_matches(|c: char| c == '\0' || c.is_whitespace())
                    .to_owned()
            })
            .filter(|s| !s.is_empty())
    };
    let camera = match (text(exif::Tag::Make), text(exif::Tag::Model)) {
        (Some(make), Some(model)) if model.to_lowercase().starts_with(&make.to_lowercase()) => {
            Some(model)
        }
        (Some(make), Some(model)) => Some(format!("{make} {model}")),
        (make, model) => make.or(model),
    };
    (date, camera)
}
