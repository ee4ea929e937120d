//! BagIt bags (RFC 8493): writing a bag with SHA-256 and SHA-512 manifests, and verifying one
//! before anything is read from it.
//!
//! Written by hand rather than with a crate: no maintained Rust crate writes bags with
//! streaming dual-digest hashing, and the format is small. Each payload file is read once; the
//! same read feeds both digests and the copy. Files are spread over the machine's cores,
//! largest first.
//!
//! Making the manifests is bound by hashing (SHA-512 above all), so the copy must cost as little
//! CPU as it can: on Linux a large file is written with `O_DIRECT`, straight from the buffer
//! that was hashed to the disk, instead of through the page cache (copying each byte into a new
//! cached page cost as much CPU as both digests; see docs/benchmarks.md). A 4 GB export then
//! also leaves the page cache as it was. Where a file system refuses `O_DIRECT`, the copy
//! falls back to ordinary writes.

use std::{
    collections::{BTreeMap, HashMap},
    fs::{self, File},
    io::{BufRead, BufReader, Read, Write},
    path::{Component, Path, PathBuf},
    sync::Mutex,
};

use crate::{
    error::{Error, Result},
    jobs::JobContext,
};

/// The BagIt version written.
pub const BAGIT_VERSION: &str = "1.0";
const CHUNK: usize = 1 << 20;
/// Files at least this large are copied with `O_DIRECT` on Linux.
#[cfg(target_os = "linux")]
const DIRECT_MIN: u64 = 8 << 20;

/// The two digests of one file, lower-case hex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digests {
    /// SHA-256.
    pub sha256: String,
    /// SHA-512.
    pub sha512: String,
    /// Size in bytes.
    pub size: u64,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Both manifest digests over one stream. Hashing bounds how fast a bag is written, and SHA-512
/// most of all: on Linux OpenSSL's assembly does it about 30% faster per CPU second than the
/// sha2 crate (whose SHA-256 is as fast as OpenSSL's), so the system libssl does both there;
/// elsewhere the sha2 crate needs no system library.
struct ManifestDigests {
    #[cfg(target_os = "linux")]
    sha256: openssl::sha::Sha256,
    #[cfg(target_os = "linux")]
    sha512: openssl::sha::Sha512,
    #[cfg(not(target_os = "linux"))]
    sha256: sha2::Sha256,
    #[cfg(not(target_os = "linux"))]
    sha512: sha2::Sha512,
}

impl ManifestDigests {
    fn new() -> Self {
        #[cfg(target_os = "linux")]
        let digests = ManifestDigests {
            sha256: openssl::sha::Sha256::new(),
            sha512: openssl::sha::Sha512::new(),
        };
        #[cfg(not(target_os = "linux"))]
        let digests = ManifestDigests {
            sha256: sha2::Digest::new(),
            sha512: sha2::Digest::new(),
        };
        digests
    }

    fn update(&mut self, chunk: &[u8]) {
        #[cfg(target_os = "linux")]
        {
            self.sha256.update(chunk);
            self.sha512.update(chunk);
        }
        #[cfg(not(target_os = "linux"))]
        {
            sha2::Digest::update(&mut self.sha256, chunk);
            sha2::Digest::update(&mut self.sha512, chunk);
        }
    }

    /// SHA-256 and SHA-512, lower-case hex.
    fn finish(self) -> (String, String) {
        #[cfg(target_os = "linux")]
        let both = (hex(&self.sha256.finish()), hex(&self.sha512.finish()));
        #[cfg(not(target_os = "linux"))]
        let both = (
            hex(&sha2::Digest::finalize(self.sha256)),
            hex(&sha2::Digest::finalize(self.sha512)),
        );
        both
    }
}

/// Reads `source` once, hashing with both digests and writing every byte to `sink` when given.
/// Checks `job` for cancellation between chunks.
pub fn hash_stream(
    mut source: impl Read,
    mut sink: Option<&mut dyn Write>,
    job: &JobContext,
) -> std::io::Result<Result<Digests>> {
    let mut digests = ManifestDigests::new();
    let mut buffer = vec![0u8; CHUNK];
    let mut size = 0u64;
    loop {
        let n = source.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        let chunk = &buffer[..n];
        digests.update(chunk);
        if let Some(sink) = sink.as_mut() {
            sink.write_all(chunk)?;
        }
        size += n as u64;
        if let Err(e) = job.check() {
            return Ok(Err(e));
        }
    }
    let (sha256, sha512) = digests.finish();
    Ok(Ok(Digests {
        sha256,
        sha512,
        size,
    }))
}

/// Where one payload file comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file on disk, copied into the bag.
    File(PathBuf),
    /// Bytes made by the export (metadata, transcripts, the site).
    Bytes(Vec<u8>),
}

/// A bag being written: payload files are queued, then [`BagWriter::finish`] copies and hashes
/// them and writes the manifests and tag files.
pub struct BagWriter {
    root: PathBuf,
    payload: BTreeMap<String, Source>,
}

/// `bag-info.txt` fields, in the order written. Payload-Oxum and Bagging-Date are added.
pub type BagInfo = Vec<(String, String)>;

/// What [`BagWriter::finish`] wrote.
#[derive(Debug, Clone)]
pub struct BagSummary {
    /// Payload files.
    pub files: u64,
    /// Payload bytes.
    pub bytes: u64,
}

/// Checks a path relative to `data/` written by the export: forward slashes, no `..`, no
/// absolute parts.
fn check_relative(path: &str) -> Result<()> {
    let p = Path::new(path);
    let ok = !path.is_empty()
        && !path.contains('\\')
        && p.components().all(|c| matches!(c, Component::Normal(_)));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "path",
            format!("\"{path}\" is not a path inside the bag"),
        ))
    }
}

/// Encodes a path for a manifest line (RFC 8493 section 2.1.3: CR, LF and % are
/// percent-encoded).
fn encode_path(path: &str) -> String {
    path.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn decode_path(path: &str) -> String {
    path.replace("%0A", "\n")
        .replace("%0a", "\n")
        .replace("%0D", "\r")
        .replace("%0d", "\r")
        .replace("%25", "%")
}

/// Checks where a bag is to go before anything is read or written: a new folder in one that
/// exists, or an empty folder. A missing parent is refused rather than made, so a mistyped
/// path does not quietly become a tree of new folders.
pub fn check_root(root: &Path) -> Result<()> {
    if root.as_os_str().is_empty() {
        return Err(Error::invalid("out", "choose a folder for the package"));
    }
    match fs::metadata(root) {
        Ok(meta) if !meta.is_dir() => Err(Error::invalid(
            "out",
            format!(
                "{} is a file; choose a new folder for the package",
                root.display()
            ),
        )),
        Ok(_) => {
            if fs::read_dir(root)
                .map_err(|e| Error::io(root, e))?
                .next()
                .is_some()
            {
                return Err(Error::invalid(
                    "out",
                    format!(
                        "{} is not empty; choose a new folder for the package",
                        root.display()
                    ),
                ));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            match root.parent().filter(|p| !p.as_os_str().is_empty()) {
                Some(parent) if !parent.is_dir() => Err(Error::invalid(
                    "out",
                    format!(
                        "{} does not exist; choose a folder that does, and the package goes into a new folder inside it",
                        parent.display()
                    ),
                )),
                _ => Ok(()),
            }
        }
        Err(e) => Err(Error::io(root, e)),
    }
}

impl BagWriter {
    /// Starts a bag at `root`, which must be a new folder in one that exists, or an empty folder.
    pub fn create(root: &Path) -> Result<Self> {
        check_root(root)?;
        fs::create_dir_all(root.join("data")).map_err(|e| Error::io(root, e))?;
        Ok(BagWriter {
            root: root.to_owned(),
            payload: BTreeMap::new(),
        })
    }

    /// Queues a payload file at `data/<path>`.
    pub fn add(&mut self, path: &str, source: Source) -> Result<()> {
        check_relative(path)?;
        if self.payload.insert(path.to_owned(), source).is_some() {
            return Err(Error::invalid(
                "path",
                format!("data/{path} was added twice"),
            ));
        }
        Ok(())
    }

    /// Whether a payload path is already queued.
    pub fn contains(&self, path: &str) -> bool {
        self.payload.contains_key(path)
    }

    /// Copies and hashes every payload file (spread over the cores), then writes the
    /// manifests, `bagit.txt`, `bag-info.txt` and the tag manifests. On an error or a
    /// cancellation the partly written bag is removed.
    pub fn finish(self, info: BagInfo, job: &JobContext) -> Result<BagSummary> {
        let root = self.root.clone();
        let result = self.write_all(info, job);
        if result.is_err() {
            let _ = fs::remove_dir_all(&root);
        }
        result
    }

    fn write_all(self, info: BagInfo, job: &JobContext) -> Result<BagSummary> {
        let total_bytes: u64 = self
            .payload
            .values()
            .map(|s| match s {
                Source::File(p) => fs::metadata(p).map(|m| m.len()).unwrap_or(0),
                Source::Bytes(b) => b.len() as u64,
            })
            .sum();
        // Largest first, so the cores finish together instead of one copying a big recording
        // alone at the end.
        let mut entries: Vec<(&String, &Source, u64)> = self
            .payload
            .iter()
            .map(|(path, source)| {
                let size = match source {
                    Source::File(p) => fs::metadata(p).map(|m| m.len()).unwrap_or(0),
                    Source::Bytes(b) => b.len() as u64,
                };
                (path, source, size)
            })
            .collect();
        entries.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(b.0)));
        let next = Mutex::new(0usize);
        let done_bytes = Mutex::new(0u64);
        let results: Mutex<HashMap<String, Digests>> = Mutex::new(HashMap::new());
        let first_error: Mutex<Option<Error>> = Mutex::new(None);
        // Two workers a core: while one waits for the disk (a direct write), the other hashes.
        let workers = (2 * std::thread::available_parallelism().map_or(2, |n| n.get()))
            .min(entries.len().max(1));
        let report_every = (total_bytes / 200).max(1 << 20);
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| loop {
                    if first_error.lock().unwrap().is_some() {
                        return;
                    }
                    let index = {
                        let mut n = next.lock().unwrap();
                        let index = *n;
                        *n += 1;
                        index
                    };
                    let Some((path, source, _)) = entries.get(index) else {
                        return;
                    };
                    match self.write_one(path, source, job) {
                        Ok(digests) => {
                            let size = digests.size;
                            results.lock().unwrap().insert((*path).clone(), digests);
                            let mut done = done_bytes.lock().unwrap();
                            let before = *done;
                            *done += size;
                            if before / report_every != *done / report_every
                                || *done == total_bytes
                                || index + 1 == entries.len()
                            {
                                let mb = |b: u64| (b >> 20) as u32;
                                let _ = job.step(
                                    "hashing and copying (MB)",
                                    mb(*done),
                                    Some(mb(total_bytes)),
                                );
                            }
                        }
                        Err(e) => {
                            first_error.lock().unwrap().get_or_insert(e);
                            return;
                        }
                    }
                });
            }
        });
        if let Some(e) = first_error.into_inner().unwrap() {
            return Err(e);
        }
        job.check()?;
        let results = results.into_inner().unwrap();
        let (files, bytes) = (
            results.len() as u64,
            results.values().map(|d| d.size).sum::<u64>(),
        );

        let mut manifest256 = String::new();
        let mut manifest512 = String::new();
        for path in self.payload.keys() {
            let d = &results[path];
            let line_path = encode_path(&format!("data/{path}"));
            manifest256.push_str(&format!("{}  {line_path}\n", d.sha256));
            manifest512.push_str(&format!("{}  {line_path}\n", d.sha512));
        }
        let write_tag = |name: &str, text: &str| -> Result<Digests> {
            let path = self.root.join(name);
            fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
            hash_stream(text.as_bytes(), None, &JobContext::silent())
                .map_err(|e| Error::io(&path, e))?
        };
        let mut tags = Vec::new();
        tags.push((
            "bagit.txt",
            write_tag(
                "bagit.txt",
                &format!("BagIt-Version: {BAGIT_VERSION}\nTag-File-Character-Encoding: UTF-8\n"),
            )?,
        ));
        let mut info_text = String::new();
        for (key, value) in &info {
            // Continuation lines of a long value start with white space (RFC 8493 2.2.2).
            info_text.push_str(&format!("{key}: {}\n", value.replace('\n', "\n  ")));
        }
        info_text.push_str(&format!("Payload-Oxum: {bytes}.{files}\n"));
        tags.push(("bag-info.txt", write_tag("bag-info.txt", &info_text)?));
        tags.push((
            "manifest-sha256.txt",
            write_tag("manifest-sha256.txt", &manifest256)?,
        ));
        tags.push((
            "manifest-sha512.txt",
            write_tag("manifest-sha512.txt", &manifest512)?,
        ));
        let (mut tag256, mut tag512) = (String::new(), String::new());
        for (name, d) in &tags {
            tag256.push_str(&format!("{}  {name}\n", d.sha256));
            tag512.push_str(&format!("{}  {name}\n", d.sha512));
        }
        write_tag("tagmanifest-sha256.txt", &tag256)?;
        write_tag("tagmanifest-sha512.txt", &tag512)?;
        Ok(BagSummary { files, bytes })
    }

    fn write_one(&self, path: &str, source: &Source, job: &JobContext) -> Result<Digests> {
        let dest = self.root.join("data").join(path);
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        #[cfg(target_os = "linux")]
        if let Source::File(src) = source {
            if fs::metadata(src).is_ok_and(|m| m.len() >= DIRECT_MIN) {
                return direct::copy_and_hash(src, &dest, job);
            }
        }
        let mut out = File::create(&dest).map_err(|e| Error::io(&dest, e))?;
        let digests = match source {
            Source::File(src) => {
                let file = File::open(src).map_err(|e| Error::io(src, e))?;
                hash_stream(file, Some(&mut out), job).map_err(|e| Error::io(src, e))?
            }
            Source::Bytes(bytes) => hash_stream(bytes.as_slice(), Some(&mut out), job)
                .map_err(|e| Error::io(&dest, e))?,
        }?;
        out.flush().map_err(|e| Error::io(&dest, e))?;
        Ok(digests)
    }
}

/// Copying large files on Linux with `O_DIRECT`: the hashed buffer goes to the disk without
/// being copied into the page cache.
#[cfg(target_os = "linux")]
mod direct {
    use std::{
        fs::{File, OpenOptions},
        io::{Read, Seek, SeekFrom, Write},
        os::unix::fs::OpenOptionsExt,
        path::{Path, PathBuf},
    };

    use super::{Digests, ManifestDigests, CHUNK};
    use crate::{
        error::{Error, Result},
        jobs::JobContext,
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

    fn read_full(input: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
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
    mod tests {
        use sha2::{Digest, Sha256, Sha512};

        use super::{super::hex, *};

        #[test]
        fn a_copy_with_a_partial_last_block_is_whole_and_hashed_once() {
            let dir = tempfile::tempdir().unwrap();
            let src = dir.path().join("in.wav");
            let mut bytes = vec![0u8; 3 * CHUNK + 1234];
            fastrand::Rng::with_seed(3).fill(&mut bytes);
            std::fs::write(&src, &bytes).unwrap();
            let dest = dir.path().join("out.wav");
            let digests = copy_and_hash(&src, &dest, &JobContext::silent()).unwrap();
            assert_eq!(std::fs::read(&dest).unwrap(), bytes);
            assert_eq!(digests.size, bytes.len() as u64);
            assert_eq!(digests.sha256, hex(&Sha256::digest(&bytes)));
            assert_eq!(digests.sha512, hex(&Sha512::digest(&bytes)));
        }
    }
}

/// A bag that verified: its payload files by path relative to `data/`.
#[derive(Debug, Clone)]
pub struct VerifiedBag {
    /// The bag's folder.
    pub root: PathBuf,
    /// Every payload path (relative to `data/`) with its SHA-256.
    pub payload: BTreeMap<String, String>,
    /// The fields of `bag-info.txt`.
    pub info: Vec<(String, String)>,
}

fn bag_error(file: &Path, line: usize, message: impl Into<String>) -> Error {
    Error::invalid(
        "bag",
        format!("{}, line {line}: {}", file.display(), message.into()),
    )
}

/// Resolves a manifest path inside the bag, refusing anything that could leave it.
fn inside_bag(root: &Path, manifest: &Path, line: usize, raw: &str) -> Result<(String, PathBuf)> {
    let decoded = decode_path(raw);
    let p = Path::new(&decoded);
    let escapes =
        decoded.contains('\\') || p.components().any(|c| !matches!(c, Component::Normal(_)));
    if escapes {
        return Err(bag_error(
            manifest,
            line,
            format!("the path \"{raw}\" escapes the bag; the bag is refused"),
        ));
    }
    Ok((decoded.clone(), root.join(p)))
}

/// Verifies a bag: `bagit.txt`, every manifest line's file and digest, Payload-Oxum, that
/// every payload file is listed, the tag manifests, and that no path escapes the bag. Nothing
/// is imported from a bag that fails.
pub fn verify(root: &Path, job: &JobContext) -> Result<VerifiedBag> {
    let bagit = root.join("bagit.txt");
    let declaration = fs::read_to_string(&bagit)
        .map_err(|_| bag_error(&bagit, 1, "missing or unreadable: this is not a BagIt bag"))?;
    if !declaration
        .lines()
        .next()
        .unwrap_or("")
        .starts_with("BagIt-Version:")
    {
        return Err(bag_error(&bagit, 1, "expected \"BagIt-Version: 1.0\""));
    }
    let info_path = root.join("bag-info.txt");
    let info = read_info(&info_path)?;

    let mut payload: BTreeMap<String, String> = BTreeMap::new();
    let mut any_manifest = false;
    for (algorithm, is_512) in [("sha256", false), ("sha512", true)] {
        let manifest = root.join(format!("manifest-{algorithm}.txt"));
        if !manifest.exists() {
            continue;
        }
        any_manifest = true;
        let reader = BufReader::new(File::open(&manifest).map_err(|e| Error::io(&manifest, e))?);
        let mut listed = Vec::new();
        for (n, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| Error::io(&manifest, e))?;
            if line.trim().is_empty() {
                continue;
            }
            let (digest, raw_path) = line
                .split_once(char::is_whitespace)
                .ok_or_else(|| bag_error(&manifest, n + 1, "expected \"DIGEST  data/PATH\""))?;
            let (relative, full) = inside_bag(root, &manifest, n + 1, raw_path.trim_start())?;
            let Some(in_data) = relative.strip_prefix("data/") else {
                return Err(bag_error(
                    &manifest,
                    n + 1,
                    format!("\"{relative}\" is not under data/"),
                ));
            };
            let file = File::open(&full).map_err(|_| {
                bag_error(
                    &manifest,
                    n + 1,
                    format!("{relative} is listed but missing"),
                )
            })?;
            let digests = hash_stream(file, None, job).map_err(|e| Error::io(&full, e))??;
            let actual = if is_512 {
                &digests.sha512
            } else {
                &digests.sha256
            };
            if !actual.eq_ignore_ascii_case(digest) {
                return Err(bag_error(&manifest, n + 1, format!("{relative} does not match its {algorithm} digest: the file was changed or damaged")));
            }
            if !is_512 {
                payload.insert(in_data.to_owned(), digest.to_lowercase());
            }
            listed.push(in_data.to_owned());
        }
        // Every file under data/ must be listed in every payload manifest.
        for file in walk(&root.join("data"))? {
            let relative = file
                .strip_prefix(root.join("data"))
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if !listed.contains(&relative) {
                return Err(bag_error(
                    &manifest,
                    0,
                    format!("data/{relative} is in the bag but not in the manifest"),
                ));
            }
        }
        if is_512 && payload.is_empty() {
            for item in listed {
                payload.insert(item, String::new());
            }
        }
    }
    if !any_manifest {
        return Err(bag_error(
            root,
            0,
            "no manifest-sha256.txt or manifest-sha512.txt",
        ));
    }
    if let Some((_, oxum)) = info
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Payload-Oxum"))
    {
        let files = walk(&root.join("data"))?;
        let bytes: u64 = files
            .iter()
            .map(|f| fs::metadata(f).map(|m| m.len()).unwrap_or(0))
            .sum();
        if oxum.trim() != format!("{bytes}.{}", files.len()) {
            return Err(bag_error(
                &info_path,
                0,
                format!(
                    "Payload-Oxum says {oxum} but the payload is {bytes}.{}",
                    files.len()
                ),
            ));
        }
    }
    for algorithm in ["sha256", "sha512"] {
        let tag_manifest = root.join(format!("tagmanifest-{algorithm}.txt"));
        if !tag_manifest.exists() {
            continue;
        }
        let text = fs::read_to_string(&tag_manifest).map_err(|e| Error::io(&tag_manifest, e))?;
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let (digest, raw_path) = line
                .split_once(char::is_whitespace)
                .ok_or_else(|| bag_error(&tag_manifest, n + 1, "expected \"DIGEST  FILE\""))?;
            let (relative, full) = inside_bag(root, &tag_manifest, n + 1, raw_path.trim_start())?;
            let file = File::open(&full).map_err(|_| {
                bag_error(
                    &tag_manifest,
                    n + 1,
                    format!("{relative} is listed but missing"),
                )
            })?;
            let d = hash_stream(file, None, job).map_err(|e| Error::io(&full, e))??;
            let actual = if algorithm == "sha512" {
                d.sha512
            } else {
                d.sha256
            };
            if !actual.eq_ignore_ascii_case(digest) {
                return Err(bag_error(
                    &tag_manifest,
                    n + 1,
                    format!("{relative} does not match its {algorithm} digest"),
                ));
            }
        }
    }
    Ok(VerifiedBag {
        root: root.to_owned(),
        payload,
        info,
    })
}

fn read_info(path: &Path) -> Result<Vec<(String, String)>> {
    let Ok(text) = fs::read_to_string(path) else {
        return Ok(Vec::new());
    };
    let mut info: Vec<(String, String)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with([' ', '\t']) {
            let Some(last) = info.last_mut() else {
                return Err(bag_error(
                    path,
                    n + 1,
                    "a continuation line with no field before it",
                ));
            };
            last.1.push('\n');
            last.1.push_str(line.trim());
        } else if let Some((k, v)) = line.split_once(':') {
            info.push((k.trim().to_owned(), v.trim().to_owned()));
        } else if !line.trim().is_empty() {
            return Err(bag_error(path, n + 1, "expected \"Label: value\""));
        }
    }
    Ok(info)
}

/// Every regular file under `dir`, refusing symbolic links (which could point out of the bag).
fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).map_err(|e| Error::io(&d, e))? {
            let entry = entry.map_err(|e| Error::io(&d, e))?;
            let kind = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
            if kind.is_symlink() {
                return Err(Error::invalid(
                    "bag",
                    format!(
                        "{} is a symbolic link; bags with links are refused",
                        entry.path().display()
                    ),
                ));
            } else if kind.is_dir() {
                stack.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    use super::*;

    fn make_bag(root: &Path) {
        let dir = root.parent().unwrap();
        let media = dir.join("tape1.wav");
        fs::write(&media, vec![7u8; 3 * CHUNK + 17]).unwrap();
        let mut bag = BagWriter::create(root).unwrap();
        bag.add("media/tape1.wav", Source::File(media)).unwrap();
        bag.add(
            "transcripts/smilga.vtt",
            Source::Bytes("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nТроцкий\n".into()),
        )
        .unwrap();
        bag.add("metadata/odd name %.json", Source::Bytes(b"{}".to_vec()))
            .unwrap();
        bag.finish(
            vec![
                ("Source-Organization".into(), "Recollect test".into()),
                ("Bagging-Date".into(), "2026-11-25".into()),
            ],
            &JobContext::silent(),
        )
        .unwrap();
    }

    #[test]
    fn a_written_bag_verifies_and_lists_its_payload() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("bag");
        make_bag(&root);
        let bag = verify(&root, &JobContext::silent()).unwrap();
        assert_eq!(bag.payload.len(), 3);
        assert!(bag.payload.contains_key("metadata/odd name %.json"));
        let info = fs::read_to_string(root.join("bag-info.txt")).unwrap();
        assert!(
            info.contains(&format!(
                "Payload-Oxum: {}.3\n",
                3 * CHUNK + 17 + 2 + "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nТроцкий\n".len()
            )),
            "{info}"
        );
        let manifest = fs::read_to_string(root.join("manifest-sha256.txt")).unwrap();
        let expected = hex(&Sha256::digest(vec![7u8; 3 * CHUNK + 17]));
        assert!(
            manifest.contains(&format!("{expected}  data/media/tape1.wav")),
            "{manifest}"
        );
        assert!(
            manifest.contains("data/metadata/odd name %25.json"),
            "percent-encoded per RFC 8493"
        );
    }

    #[test]
    fn a_tampered_file_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("bag");
        make_bag(&root);
        fs::write(
            root.join("data/transcripts/smilga.vtt"),
            "WEBVTT\n\nchanged",
        )
        .unwrap();
        let err = verify(&root, &JobContext::silent())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("data/transcripts/smilga.vtt") && err.contains("does not match"),
            "{err}"
        );
    }

    #[test]
    fn an_unlisted_or_missing_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("bag");
        make_bag(&root);
        fs::write(root.join("data/extra.txt"), "smuggled").unwrap();
        let err = verify(&root, &JobContext::silent())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("data/extra.txt") && err.contains("not in the manifest"),
            "{err}"
        );
        fs::remove_file(root.join("data/extra.txt")).unwrap();
        fs::remove_file(root.join("data/media/tape1.wav")).unwrap();
        let err = verify(&root, &JobContext::silent())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("data/media/tape1.wav is listed but missing"),
            "{err}"
        );
    }

    #[test]
    fn a_path_that_escapes_the_bag_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("bag");
        make_bag(&root);
        fs::write(dir.path().join("secret.txt"), "outside").unwrap();
        let digest = hex(&Sha256::digest(b"outside"));
        let manifest = root.join("manifest-sha256.txt");
        let mut text = fs::read_to_string(&manifest).unwrap();
        text.push_str(&format!("{digest}  data/../../secret.txt\n"));
        fs::write(&manifest, text).unwrap();
        let err = verify(&root, &JobContext::silent())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("escapes the bag") && err.contains("manifest-sha256.txt, line 4"),
            "{err}"
        );
    }

    #[test]
    fn the_writer_refuses_paths_outside_data_and_a_used_folder() {
        let dir = tempfile::tempdir().unwrap();
        let mut bag = BagWriter::create(&dir.path().join("b")).unwrap();
        for bad in ["../x", "/etc/passwd", "a/../../b", "a\\b", ""] {
            assert!(
                bag.add(bad, Source::Bytes(vec![])).is_err(),
                "{bad:?} must be refused"
            );
        }
        fs::write(dir.path().join("b/data/x"), "x").unwrap();
        assert!(
            BagWriter::create(&dir.path().join("b")).is_err(),
            "a folder with files in it is not reused"
        );
    }

    #[test]
    fn a_destination_it_cannot_use_is_refused_saying_why() {
        let dir = tempfile::tempdir().unwrap();
        let message = |root: &Path| match BagWriter::create(root) {
            Err(Error::Invalid { field, message }) => {
                assert_eq!(field, "out");
                message
            }
            Err(other) => panic!("{other}"),
            Ok(_) => panic!("{} was accepted", root.display()),
        };
        assert_eq!(message(Path::new("")), "choose a folder for the package");
        let missing = dir.path().join("no such folder");
        let err = message(&missing.join("bag"));
        assert!(
            err.starts_with(&format!("{} does not exist", missing.display())),
            "{err}"
        );
        assert!(!missing.exists(), "the missing folder is not made");
        fs::write(dir.path().join("notes.txt"), "x").unwrap();
        let err = message(&dir.path().join("notes.txt"));
        assert!(err.contains("notes.txt is a file"), "{err}");
        let err = message(dir.path());
        assert!(err.contains("is not empty"), "{err}");
        // A new folder, and an empty one, are fine.
        assert!(BagWriter::create(&dir.path().join("new")).is_ok());
        fs::create_dir(dir.path().join("empty")).unwrap();
        assert!(BagWriter::create(&dir.path().join("empty")).is_ok());
    }

    #[test]
    fn a_cancelled_bag_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("bag");
        let media = dir.path().join("big.wav");
        fs::write(&media, vec![1u8; 4 * CHUNK]).unwrap();
        let mut bag = BagWriter::create(&root).unwrap();
        bag.add("media/big.wav", Source::File(media)).unwrap();
        let flag = crate::jobs::CancelFlag::default();
        flag.cancel();
        let err = bag
            .finish(vec![], &JobContext::new(flag, |_| {}))
            .unwrap_err();
        assert!(matches!(err, Error::Cancelled), "{err}");
        assert!(!root.exists(), "nothing half-written is left behind");
    }
}
