use std::{
    fs::{File, OpenOptions},
    io::{Seek, SeekFrom, Write},
    os::unix::fs::OpenOptionsExt,
    path::{Path, PathBuf},
};

use super::{Digests, ManifestDigests, CHUNK};
use crate::{
    error::{Error, Result},
    jobs::JobContext,
    store::read_full,
};

/// Buffer address, file offset and length of a direct write must be multiples of the
/// device's block size; 4096 covers every common one.
const ALIGN: usize = 4096;

/// A file being written, directly while every write is aligned; the last, partial block
/// (or everything, where the file system refuses `O_DIRECT`) through the page cache.
struct Out {
    file: File,
    path: PathBuf,
    position: u64,
    direct: bool,
}

impl Out {
    fn create(path: &Path) -> std::io::Result<Out> {
        let mut options = OpenOptions::new();
        options.write(true).create(true).truncate(true);
        let (file, direct) = match options.clone().custom_flags(libc::O_DIRECT).open(path) {
            Ok(file) => (file, true),
            Err(e) if e.raw_os_error() == Some(libc::EINVAL) => (options.open(path)?, false),
            Err(e) => return Err(e),
        };
        Ok(Out {
            file,
            path: path.to_owned(),
            position: 0,
            direct,
        })
    }

    /// Leaves `O_DIRECT`: the same file opened again, at the same place.
    fn buffered(&mut self) -> std::io::Result<()> {
        let mut file = OpenOptions::new().write(true).open(&self.path)?;
        file.seek(SeekFrom::Start(self.position))?;
        self.file = file;
        self.direct = false;
        Ok(())
    }

    fn write(&mut self, mut data: &[u8]) -> std::io::Result<()> {
        while !data.is_empty() {
            if !self.direct {
                self.file.write_all(data)?;
                self.position += data.len() as u64;
                return Ok(());
            }
            let aligned = data.len() / ALIGN * ALIGN;
            if aligned == 0
                || data.as_ptr().align_offset(ALIGN) != 0
                || !self.position.is_multiple_of(ALIGN as u64)
            {
                self.buffered()?;
                continue;
            }
            match self.file.write(&data[..aligned]) {
                Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
                Ok(n) => {
                    data = &data[n..];
                    self.position += n as u64;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                // Refused after all (some file systems only say so on the first write).
                Err(e) if e.raw_os_error() == Some(libc::EINVAL) => self.buffered()?,
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// Reads `src` once, hashing with both digests and writing every byte to `dest`.
pub(super) fn copy_and_hash(src: &Path, dest: &Path, job: &JobContext) -> Result<Digests> {
    let mut input = File::open(src).map_err(|e| Error::io(src, e))?;
    let mut out = Out::create(dest).map_err(|e| Error::io(dest, e))?;
    let mut storage = vec![0u8; CHUNK + ALIGN];
    let start = storage.as_ptr().align_offset(ALIGN);
    let buffer = &mut storage[start..start + CHUNK];
    let mut digests = ManifestDigests::new();
    let mut size = 0u64;
    loop {
        let n = read_full(&mut input, buffer).map_err(|e| Error::io(src, e))?;
        if n == 0 {
            break;
        }
        let chunk = &buffer[..n];
        digests.update(chunk);
        out.write(chunk).map_err(|e| Error::io(dest, e))?;
        size += n as u64;
        job.check()?;
    }
    let (sha256, sha512) = digests.finish();
    Ok(Digests {
        sha256,
        sha512,
        size,
    })
}

#[cfg(test)]
mod tests;
