//! The managed media store: files copied into the archive's media folder under their content's
//! SHA-256, as `<first 2 hex digits>/<sha256>.<ext>`.
//!
//! One place for copying, hashing and placing files, for every kind of file the archive keeps
//! (recordings, photos, and documents such as deeds of gift and release forms). Content
//! addressing stores a file once however often it is imported. A file is written to a temp file in the
//! media folder and renamed into place, so a crash leaves at worst a `.part` file, never a half
//! file under a real name; a file placed for a write that then fails is removed again (see
//! [`Placed`]).

use std::{
    fs::File,
    io::{Read, Write},
    path::{Path, PathBuf},
};

use sha2::{Digest, Sha256};

use crate::{
    archive::Archive,
    error::{Error, Result},
    ids,
    jobs::JobContext,
};

const MIB: u64 = 1024 * 1024;
/// Read and write in chunks of this size.
const CHUNK: usize = MIB as usize;
/// Report progress and check for cancellation after this many bytes.
const REPORT_EVERY: u64 = 4 * MIB;

/// A file in the store.
#[derive(Debug)]
pub(crate) struct Stored {
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub size_bytes: u64,
    /// The path relative to the media folder, with `/` separators.
    pub path: String,
    /// Set when this call put the file there; removes it unless kept.
    pub placed: Placed,
}

impl Stored {
    /// Keeps the file: call once the record that points at it is committed.
    pub fn keep(&mut self) {
        self.placed.keep();
    }
}

/// Deletes a file when dropped unless kept: temp files, and files placed for a record that was
/// not written, so an import that fails leaves the media folder as it was.
#[derive(Debug, Default)]
pub(crate) struct Placed(Option<PathBuf>);

impl Placed {
    /// The file watched, until it is kept.
    pub fn path(&self) -> Option<&Path> {
        self.0.as_deref()
    }

    /// The file stays.
    pub fn keep(&mut self) {
        self.0 = None;
    }
}

impl Drop for Placed {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Where a stored path is on this machine.
pub(crate) fn resolve(media_dir: &Path, path: &str) -> PathBuf {
    path.split('/')
        .fold(media_dir.to_path_buf(), |p, part| p.join(part))
}

/// A file copied into the store as it is hashed, not yet in its place.
pub(crate) struct Incoming {
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub size_bytes: u64,
    temp: Placed,
}

/// Copies `file` to a temp file in `media_dir`, hashing it on the way: one read of the file.
/// Progress ("copying NAME", MiB copied of the file's MiB) and cancellation every few MB.
pub(crate) fn copy_to_temp(media_dir: &Path, file: &Path, job: &JobContext) -> Result<Incoming> {
    let phase = format!(
        "copying {}",
        file.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    );
    copy_to_temp_checked(media_dir, file, job, &phase, |_| Ok(())).map(|(incoming, ())| incoming)
}

/// [`copy_to_temp`] for a file that must be of a kind only its bytes tell: `check_head` sees
/// the first chunk (1 MiB, or the whole file when it is shorter, even when it is empty) before
/// anything is written, and its error refuses the file; what it learns is returned beside the
/// copy. Progress is reported as `phase`.
pub(crate) fn copy_to_temp_checked<T>(
    media_dir: &Path,
    file: &Path,
    job: &JobContext,
    phase: &str,
    check_head: impl FnOnce(&[u8]) -> Result<T>,
) -> Result<(Incoming, T)> {
    std::fs::create_dir_all(media_dir).map_err(|e| Error::io(media_dir, e))?;
    // A temp name in the same folder, so the final rename is atomic: a crash leaves at worst a
    // `.part` file, never a half file under a real name.
    let temp_path = media_dir.join(format!(".incoming-{}.part", ids::new_id()));
    let mut out = File::options()
        .write(true)
        .create_new(true)
        .open(&temp_path)
        .map_err(|e| Error::io(&temp_path, e))?;
    let temp = Placed(Some(temp_path.clone()));
    let (sha256, size_bytes, head) = read_through(
        file,
        Some((&mut out, &temp_path)),
        job,
        Some(phase),
        check_head,
    )?;
    // On disk before the rename makes it real.
    out.sync_all().map_err(|e| Error::io(&temp_path, e))?;
    Ok((
        Incoming {
            sha256,
            size_bytes,
            temp,
        },
        head,
    ))
}

/// Reads a file through and returns its SHA-256 and size, checking `job` for cancellation
/// between chunks.
pub fn hash_file(path: &Path, job: Option<&JobContext>) -> Result<(String, u64)> {
    let silent = JobContext::silent();
    read_through(path, None, job.unwrap_or(&silent), None, |_| Ok(()))
        .map(|(sha256, size, ())| (sha256, size))
}

/// [`hash_file`] for a file kept where it lies that must be of a kind only its bytes tell (see
/// [`copy_to_temp_checked`]), with progress reported as `phase`.
pub(crate) fn hash_file_checked<T>(
    path: &Path,
    job: &JobContext,
    phase: &str,
    check_head: impl FnOnce(&[u8]) -> Result<T>,
) -> Result<(String, u64, T)> {
    read_through(path, None, job, Some(phase), check_head)
}

/// The one read loop of the store: reads `file` once in whole chunks, hashes it, hands the
/// first chunk to `check_head` (returning what it says), writes every chunk to `out` when given, and checks `job` for
/// cancellation, reporting MiB done as `phase` when given, every few MiB and once at the end.
fn read_through<T>(
    file: &Path,
    mut out: Option<(&mut File, &Path)>,
    job: &JobContext,
    phase: Option<&str>,
    check_head: impl FnOnce(&[u8]) -> Result<T>,
) -> Result<(String, u64, T)> {
    let mut input = File::open(file).map_err(|e| Error::io(file, e))?;
    let total = match phase {
        Some(_) => {
            let len = input.metadata().map_err(|e| Error::io(file, e))?.len();
            Some(len.div_ceil(MIB) as u32)
        }
        None => None,
    };
    let mut check_head = Some(check_head);
    let mut head = None;
    let mut buf = vec![0u8; CHUNK];
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut next_report = REPORT_EVERY;
    loop {
        let n = read_full(&mut input, &mut buf).map_err(|e| Error::io(file, e))?;
        if let Some(check) = check_head.take() {
            head = Some(check(&buf[..n])?);
        }
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        if let Some((out, path)) = out.as_mut() {
            out.write_all(&buf[..n]).map_err(|e| Error::io(*path, e))?;
        }
        size += n as u64;
        if size >= next_report {
            match phase {
                Some(phase) => job.step(phase, (size / MIB) as u32, total)?,
                None => job.check()?,
            }
            next_report = size + REPORT_EVERY;
        }
    }
    match phase {
        Some(phase) => job.step(phase, size.div_ceil(MIB) as u32, total)?,
        None => job.check()?,
    }
    let head = head.expect("the first chunk is always checked");
    Ok((format!("{:x}", hasher.finalize()), size, head))
}

/// Fills `buf` unless the file ends first, so every chunk but the last is whole (and the first
/// chunk a check sees is as long as it can be).
pub(crate) fn read_full(input: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Moves an incoming file to its place in the store, `<sha256[..2]>/<sha256>.<ext>`. When the
/// same content is there already (under this name, or under another extension: a recording
/// first added as `.wave`, say) the temp file is dropped, nothing is placed, and the path
/// returned is the one already there.
pub(crate) fn place(media_dir: &Path, mut incoming: Incoming, ext: &str) -> Result<Stored> {
    let shard = &incoming.sha256[..2];
    let shard_dir = media_dir.join(shard);
    let name = format!("{}.{ext}", incoming.sha256);
    if let Some(existing) = existing_copy(&shard_dir, &name, &incoming.sha256, incoming.size_bytes)
    {
        return Ok(Stored {
            path: format!("{shard}/{existing}"),
            sha256: incoming.sha256,
            size_bytes: incoming.size_bytes,
            placed: Placed::default(),
        });
    }
    let target = shard_dir.join(&name);
    let from = incoming.temp.0.clone().expect("a temp file until placed");
    std::fs::create_dir_all(&shard_dir).map_err(|e| Error::io(&shard_dir, e))?;
    std::fs::rename(&from, &target).map_err(|e| Error::io(&target, e))?;
    incoming.temp.keep();
    Ok(Stored {
        path: format!("{shard}/{name}"),
        sha256: incoming.sha256,
        size_bytes: incoming.size_bytes,
        placed: Placed(Some(target)),
    })
}

/// The name of a file in `shard_dir` with this content: `name` itself when it is there, else
/// one with the same hash and size under another extension.
fn existing_copy(shard_dir: &Path, name: &str, sha256: &str, size: u64) -> Option<String> {
    let same_size = |path: &Path| std::fs::metadata(path).is_ok_and(|m| m.len() == size);
    if same_size(&shard_dir.join(name)) {
        return Some(name.to_owned());
    }
    std::fs::read_dir(shard_dir)
        .ok()?
        .flatten()
        .find_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let same_content = Path::new(&name).file_stem()? == sha256 && same_size(&entry.path());
            same_content.then_some(name)
        })
}

/// Stores bytes made by the archive itself (the sample's generated image).
pub(crate) fn put_bytes(media_dir: &Path, bytes: &[u8], ext: &str) -> Result<Stored> {
    std::fs::create_dir_all(media_dir).map_err(|e| Error::io(media_dir, e))?;
    let temp_path = media_dir.join(format!(".incoming-{}.part", ids::new_id()));
    let temp = Placed(Some(temp_path.clone()));
    write_synced(&temp_path, bytes)?;
    let sha256 = format!("{:x}", Sha256::digest(bytes));
    place(
        media_dir,
        Incoming {
            sha256,
            size_bytes: bytes.len() as u64,
            temp,
        },
        ext,
    )
}

/// Writes `bytes` to `target` through a temp file beside it and a rename, so readers never
/// see half a file; two writers of the same derived file (a thumbnail) simply both win.
pub(crate) fn write_atomic(target: &Path, bytes: &[u8]) -> Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let temp_path = dir.join(format!(".{}.part", ids::new_id()));
    let mut temp = Placed(Some(temp_path.clone()));
    write_synced(&temp_path, bytes)?;
    std::fs::rename(&temp_path, target).map_err(|e| Error::io(target, e))?;
    temp.keep();
    Ok(())
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut out = File::options()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    out.write_all(bytes)
        .and_then(|()| out.sync_all())
        .map_err(|e| Error::io(path, e))
}

/// Whether a record still points at the kept file `path` (a recording, a photo or a document):
/// the store keeps content once, so a file may serve records of several kinds, and a record's
/// delete removes its file only when none is left, and a record in the trash, which may come
/// back, keeps its files too. Call it after the record's own row is gone.
pub(crate) fn still_kept(conn: &rusqlite::Connection, path: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM media WHERE storage = 'managed' AND path = ?1)
             OR EXISTS (SELECT 1 FROM photos WHERE path = ?1)
             OR EXISTS (SELECT 1 FROM documents WHERE path = ?1)
             OR EXISTS (SELECT 1 FROM trash, json_each(trash.paths_json) j WHERE j.value = ?1)",
        [path],
        |r| r.get(0),
    )?)
}

/// A document kept by the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// Where it is, relative to the media folder.
    pub path: String,
    /// Its SHA-256, in lower-case hex.
    pub sha256: String,
    /// Its size.
    pub size_bytes: u64,
}

fn media_folder(archive: &Archive) -> Result<PathBuf> {
    archive
        .media_dir()
        .and_then(|p| std::path::absolute(p).ok())
        .ok_or_else(|| {
            Error::invalid(
                "archive",
                "an archive in memory keeps no files; save it to a file first",
            )
        })
}

/// Where a kept document is on disk.
pub fn resolve_path(archive: &Archive, stored: &str) -> Result<PathBuf> {
    let path = Path::new(stored);
    if path.is_absolute() {
        return Ok(path.to_path_buf());
    }
    Ok(resolve(&media_folder(archive)?, stored))
}

/// Copies a document into the store under its hash and returns where it is kept. Content
/// already kept is not copied again.
pub fn put(archive: &Archive, source: &Path) -> Result<StoredFile> {
    let media = media_folder(archive)?;
    let incoming = copy_to_temp(&media, source, &JobContext::silent())?;
    let extension = source
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .filter(|e| !e.is_empty() && e.len() <= 8 && e.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "bin".to_owned());
    let mut stored = place(&media, incoming, &extension)?;
    stored.keep();
    Ok(StoredFile {
        path: stored.path.clone(),
        sha256: stored.sha256.clone(),
        size_bytes: stored.size_bytes,
    })
}

#[cfg(test)]
mod tests;
