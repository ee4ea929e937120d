//! Images: each photo full size and web size.

use std::path::Path;

use super::super::{
    bagit::{Payload, Source},
    content::{self, PackageContent, PhotoImages},
};
use crate::{
    error::{Error, Result},
    jobs::JobContext,
};

/// Where each photo went in the bag, by photo id: full size and web size.
pub(super) type PhotosPlaced = std::collections::HashMap<String, (String, String)>;

/// Images: each photo full size and web size, re-encoded (without their metadata) where the
/// content says so. Returns each photo's two paths in the bag.
pub(super) fn add_photos(
    payload: &mut Payload,
    content: &PackageContent,
    job: &JobContext,
) -> Result<PhotosPlaced> {
    let mut photo_paths = PhotosPlaced::default();
    let total = content.photos.len() as u32;
    job.step(super::phase::PHOTOS, 0, Some(total))?;
    for (n, p) in content.photos.iter().enumerate() {
        let ext = p
            .file
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_else(|| "jpg".into());
        let full = format!("photos/full/{}.{ext}", p.photo.id);
        let web = format!("photos/web/{}.jpg", p.photo.id);
        match &p.images {
            PhotoImages::Reencoded => {
                let (full_bytes, web_bytes) = public_images(&p.file, &ext)?;
                payload.push((full.clone(), Source::Bytes(full_bytes)));
                payload.push((web.clone(), Source::Bytes(web_bytes)));
            }
            PhotoImages::AsStored { web: cached } => {
                payload.push((full.clone(), Source::File(p.file.clone())));
                payload.push((web.clone(), Source::File(cached.clone())));
            }
        }
        photo_paths.insert(p.photo.id.clone(), (full, web));
        job.step(super::phase::PHOTOS, n as u32 + 1, Some(total))?;
    }
    Ok(photo_paths)
}

/// A photo's full-size and web-size images for a public package, made again from the pixels of
/// the original so that none of its metadata blocks (EXIF with its GPS position, XMP with its
/// face regions, IPTC, comments) can leave: the encoders write pixels and the format's own
/// header only. The full-size copy keeps its format (`ext`), losslessly for PNG and TIFF and at
/// a high quality for JPEG; the pixel grid is the original's, so regions still fit.
fn public_images(original: &Path, ext: &str) -> Result<(Vec<u8>, Vec<u8>)> {
    use crate::photo::thumbnail::{decode, encode_jpeg};
    let image = decode(original)?;
    let encoding_error = |e: image::ImageError| {
        Error::io(
            original,
            std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        )
    };
    let full = match ext {
        "png" => {
            let mut bytes = std::io::Cursor::new(Vec::new());
            image
                .write_to(&mut bytes, image::ImageFormat::Png)
                .map_err(encoding_error)?;
            bytes.into_inner()
        }
        "tif" | "tiff" => {
            let mut bytes = std::io::Cursor::new(Vec::new());
            image
                .write_to(&mut bytes, image::ImageFormat::Tiff)
                .map_err(encoding_error)?;
            bytes.into_inner()
        }
        _ => encode_jpeg(&image, PUBLIC_JPEG_QUALITY).map_err(|e| Error::io(original, e))?,
    };
    let web = if image.width() <= content::WEB_SIZE && image.height() <= content::WEB_SIZE {
        image
    } else {
        image.thumbnail(content::WEB_SIZE, content::WEB_SIZE)
    };
    let web = encode_jpeg(&web, WEB_JPEG_QUALITY).map_err(|e| Error::io(original, e))?;
    Ok((full, web))
}

/// JPEG quality of the public full-size copy of a JPEG photo: no visible loss.
const PUBLIC_JPEG_QUALITY: u8 = 95;
/// JPEG quality of web-size copies, as for thumbnails.
const WEB_JPEG_QUALITY: u8 = 85;
