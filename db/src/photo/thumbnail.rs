//! Thumbnails: JPEG copies of a photo no larger than a given size, made on demand and cached
//! in the media folder as `thumbs/<sha256>-<max_px>.jpg`.
//!
//! Decoding a large TIFF scan takes seconds, so front ends call [`thumbnail`] off the UI thread;
//! it only reads the archive, and two calls for the same thumbnail at once both succeed (the
//! file is written through a temp file and a rename). Keyed by content hash, a cached
//! thumbnail never goes stale: a different image has a different hash.

use std::{
    fs::File,
    io::BufReader,
    path::{Path, PathBuf},
};

use image::{codecs::jpeg::JpegEncoder, DynamicImage};

use crate::{
    archive::Archive,
    error::{Error, Result},
    store,
};

use super::Photo;

/// The smallest thumbnail made, in pixels on the longer side.
pub const MIN_PX: u32 = 16;
/// The largest.
pub const MAX_PX: u32 = 4096;
/// JPEG quality of thumbnails: small files, no visible blocks at screen size.
const QUALITY: u8 = 85;

fn thumbs_dir(media_dir: &Path) -> PathBuf {
    media_dir.join("thumbs")
}

/// The path of a photo's thumbnail at most `max_px` pixels wide and high, made if it is not
/// cached yet. An image already that small is re-encoded at its own size, never enlarged.
pub fn thumbnail(archive: &Archive, photo_id: &str, max_px: u32) -> Result<PathBuf> {
    thumbnail_of(archive, &super::get(archive, photo_id)?, max_px)
}

/// [`thumbnail`] of a photo already read.
pub fn thumbnail_of(archive: &Archive, photo: &Photo, max_px: u32) -> Result<PathBuf> {
    if !(MIN_PX..=MAX_PX).contains(&max_px) {
        return Err(Error::invalid(
            "size",
            format!("a thumbnail is {MIN_PX} to {MAX_PX} pixels; {max_px} was asked for"),
        ));
    }
    let media_dir = archive.media_dir().ok_or_else(|| {
        Error::invalid(
            "archive",
            "an archive in memory has no media folder, so no thumbnails",
        )
    })?;
    let target = thumbs_dir(&media_dir).join(format!("{}-{max_px}.jpg", photo.sha256));
    if target.exists() {
        return Ok(target);
    }
    let source = store::resolve(&media_dir, &photo.path);
    let image = decode(&source)?;
    let small = if image.width() <= max_px && image.height() <= max_px {
        image
    } else {
        image.thumbnail(max_px, max_px)
    };
    store::write_atomic(
        &target,
        &encode_jpeg(&small, QUALITY).map_err(|e| Error::io(&target, e))?,
    )?;
    Ok(target)
}

/// Decodes an image file in full.
pub(crate) fn decode(source: &Path) -> Result<DynamicImage> {
    let file = File::open(source).map_err(|e| Error::io(source, e))?;
    image::ImageReader::new(BufReader::new(file))
        .with_guessed_format()
        .map_err(|e| Error::io(source, e))?
        .decode()
        .map_err(|e| {
            Error::io(
                source,
                std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            )
        })
}

/// Encodes an image as JPEG, flattening alpha and reducing 16-bit channels, which JPEG lacks.
pub(crate) fn encode_jpeg(image: &DynamicImage, quality: u8) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    JpegEncoder::new_with_quality(&mut bytes, quality)
        .encode_image(&DynamicImage::ImageRgb8(image.to_rgb8()))
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    Ok(bytes)
}

/// Removes every cached thumbnail of an image, at any size.
pub(crate) fn remove_all(media_dir: &Path, sha256: &str) {
    let Ok(entries) = std::fs::read_dir(thumbs_dir(media_dir)) else {
        return;
    };
    let prefix = format!("{sha256}-");
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
