//! Documents kept with records (deeds of gift, signed release forms), stored the way
//! [`crate::media`] stores recordings: in the archive's media folder under their SHA-256, as
//! `<sha256[..2]>/<sha256>.<ext>` relative to that folder, so a file is kept once however often
//! it is added, and the folder moves with the archive. Recordings go through `media::add`, which
//! refuses what is not audio or video; this is the same store for everything else.

use std::{
    fs::File,
    io::{Read, Write},
    path::{Path, PathBuf},
};

use sha2::{Digest, Sha256};

use crate::{
    archive::Archive,
    error::{Error, Result},
    jobs::JobContext,
};

/// A file kept by the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// Where it is, relative to the archive's folder.
    pub path: String,
    /// Its SHA-256, in lower-case hex.
    pub sha256: String,
    /// Its size.
    pub size_bytes: u64,
}

/// How much is read between cancellation checks while hashing: big recordings stop promptly.
const CHUNK: usize = 1 << 20;

fn media_folder(archive: &Archive) -> Result<PathBuf> {
    archive
        .media_dir()
        .and_then(|p| std::path::absolute(p).ok())
        .ok_or_else(|| Error::invalid("archive", "an archive in memory keeps no files; save it to a file first"))
}

/// Where a kept document is on disk: under the media folder, as recordings are.
pub fn resolve_path(archive: &Archive, stored: &str) -> Result<PathBuf> {
    let path = Path::new(stored);
    if path.is_absolute() {
        return Ok(path.to_path_buf());
    }
    Ok(media_folder(archive)?.join(path))
}

/// Reads a file through and returns its SHA-256 and size, checking `job` for cancellation
/// between chunks.
pub fn hash_file(path: &Path, job: Option<&JobContext>) -> Result<(String, u64)> {
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    hash_reader(&mut file, path, job, |_| Ok(()))
}

fn hash_reader(
    reader: &mut impl Read,
    path: &Path,
    job: Option<&JobContext>,
    mut each: impl FnMut(&[u8]) -> Result<()>,
) -> Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; CHUNK];
    let mut size = 0u64;
    loop {
        if let Some(job) = job {
            job.check()?;
        }
        let n = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(path, e)),
        };
        hasher.update(&buffer[..n]);
        each(&buffer[..n])?;
        size += n as u64;
    }
    Ok((hex(&hasher.finalize()), size))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Copies a file into the media folder under its hash and returns where it is kept. Content
/// already kept (under any extension, as media does) is not copied again.
pub fn put(archive: &Archive, source: &Path) -> Result<StoredFile> {
    let media = media_folder(archive)?;
    std::fs::create_dir_all(&media).map_err(|e| Error::io(&media, e))?;
    // Hash while copying into a temporary file in the same folder, then rename: a crash never
    // leaves a half-written file under a real hash.
    let mut temp = tempfile_in(&media)?;
    let mut input = File::open(source).map_err(|e| Error::io(source, e))?;
    let copied = hash_reader(&mut input, source, None, |chunk| temp.1.write_all(chunk).map_err(|e| Error::io(&temp.0, e)))
        .and_then(|done| temp.1.sync_all().map(|()| done).map_err(|e| Error::io(&temp.0, e)));
    let (sha256, size_bytes) = match copied {
        Ok(done) => done,
        Err(e) => {
            let _ = std::fs::remove_file(&temp.0);
            return Err(e);
        }
    };
    let shard = &sha256[..2];
    let folder = media.join(shard);
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let existing = std::fs::read_dir(&folder).ok().and_then(|entries| {
        entries.flatten().find_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let same = Path::new(&name).file_stem()? == sha256.as_str() && entry.metadata().ok()?.len() == size_bytes;
            same.then_some(name)
        })
    });
    let name = match existing {
        Some(name) => {
            std::fs::remove_file(&temp.0).map_err(|e| Error::io(&temp.0, e))?;
            name
        }
        None => {
            let extension = source
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .filter(|e| !e.is_empty() && e.len() <= 8 && e.chars().all(|c| c.is_ascii_alphanumeric()))
                .unwrap_or_else(|| "bin".to_owned());
            let name = format!("{sha256}.{extension}");
            let target = folder.join(&name);
            std::fs::rename(&temp.0, &target).map_err(|e| Error::io(&target, e))?;
            name
        }
    };
    Ok(StoredFile { path: format!("{shard}/{name}"), sha256, size_bytes })
}

fn tempfile_in(folder: &Path) -> Result<(PathBuf, File)> {
    let path = folder.join(format!(".incoming-{}.part", crate::ids::new_id()));
    let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
    Ok((path, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_kept_once_under_its_hash_beside_the_archive() {
        let dir = tempfile::tempdir().unwrap();
        let archive = Archive::open(dir.path().join("a.db")).unwrap();
        let source = dir.path().join("Deed of Gift.PDF");
        std::fs::write(&source, b"deed").unwrap();
        let stored = put(&archive, &source).unwrap();
        assert_eq!(stored.sha256, "df75f3ea1d63370ba642bde84f53668817f063ac887beb86b8593d78cf5642b9", "SHA-256 of the bytes");
        assert_eq!(stored.size_bytes, 4);
        assert!(stored.path.starts_with("df/") && stored.path.ends_with(".pdf"), "kept as media keeps recordings: {}", stored.path);
        assert!(dir.path().join("a.media").join(&stored.path).is_file());
        assert_eq!(put(&archive, &source).unwrap(), stored, "the same bytes are kept once");
        let on_disk = resolve_path(&archive, &stored.path).unwrap();
        assert_eq!(hash_file(&on_disk, None).unwrap(), (stored.sha256.clone(), 4));
        assert_eq!(resolve_path(&archive, "/elsewhere/tape.wav").unwrap(), PathBuf::from("/elsewhere/tape.wav"), "referenced files stay where they are");
    }
}
