//! BagIt bags (RFC 8493): writing a bag with SHA-256 and SHA-512 manifests, and verifying one
//! before anything is read from it.
//!
//! Verifying reads bags as other tools write them: BagIt 0.93 to 1.0, manifests of md5, sha1,
//! sha224, sha256, sha384 and sha512 (md-5, sha1 and sha2 of RustCrypto; each file is read once
//! for all of them), tag files in their declared encoding or with a UTF-16 byte-order mark,
//! manifest paths with a leading `./`. It refuses what could reach outside the bag or stall it:
//! `..` and absolute paths in manifests and `fetch.txt`, links, named pipes and devices (file
//! types are checked before anything is opened), and payloads larger than their Payload-Oxum.
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
    io::{Read, Write},
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

/// The phase a bag reports while it copies and hashes its payload, counting megabytes.
pub const HASHING: &str = "hashing and copying (MB)";

/// Where one payload file comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file on disk, copied into the bag.
    File(PathBuf),
    /// Bytes made by the export (metadata, transcripts, the site).
    Bytes(Vec<u8>),
}

/// A package's payload files, each its path under `data/` and where its bytes come from, as
/// the layers of an export list them for [`write_bag`].
pub type Payload = Vec<(String, Source)>;

/// Writes a bag at `root` of the `payload` files, with the tag files and `info`: one call, so
/// what makes the files (an export's layers) need not know the bag. A path given twice, or one
/// that would leave `data/`, fails the bag.
pub fn write_bag(
    root: &Path,
    payload: Payload,
    info: BagInfo,
    job: &JobContext,
) -> Result<BagSummary> {
    let mut bag = BagWriter::create(root)?;
    for (path, source) in payload {
        bag.add(&path, source)?;
    }
    bag.finish(info, job)
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
        job.step(HASHING, 0, Some((total_bytes >> 20) as u32))?;
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
                                let _ = job.step(HASHING, mb(*done), Some(mb(total_bytes)));
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
mod direct;

/// A bag that verified: its payload files by path relative to `data/`.
#[derive(Debug, Clone)]
pub struct VerifiedBag {
    /// The bag's folder.
    pub root: PathBuf,
    /// Every payload path (relative to `data/`) with its SHA-256, computed while verifying
    /// whichever manifests the bag has.
    pub payload: BTreeMap<String, String>,
    /// The fields of `bag-info.txt`.
    pub info: Vec<(String, String)>,
    /// The BagIt version the bag declares ("0.97", "1.0").
    pub version: String,
    /// The algorithms of its payload manifests, as named in their file names.
    pub algorithms: Vec<String>,
}

fn bag_error(file: &Path, line: usize, message: impl Into<String>) -> Error {
    Error::invalid(
        "bag",
        format!("{}, line {line}: {}", file.display(), message.into()),
    )
}

fn file_error(file: &Path, message: impl Into<String>) -> Error {
    Error::invalid("bag", format!("{}: {}", file.display(), message.into()))
}

/// A manifest algorithm: those RFC 8493 names (md5, sha1, sha256, sha512) and the other SHA-2
/// sizes bagit-python writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Algorithm {
    /// MD5: broken against forgery, still common in older bags; checked, never written.
    Md5,
    /// SHA-1: as MD5.
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256, written by Recollect.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512, written by Recollect.
    Sha512,
}

impl Algorithm {
    const ALL: [Algorithm; 6] = [
        Algorithm::Md5,
        Algorithm::Sha1,
        Algorithm::Sha224,
        Algorithm::Sha256,
        Algorithm::Sha384,
        Algorithm::Sha512,
    ];

    /// The name in manifest file names (`manifest-md5.txt`).
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "md5",
            Algorithm::Sha1 => "sha1",
            Algorithm::Sha224 => "sha224",
            Algorithm::Sha256 => "sha256",
            Algorithm::Sha384 => "sha384",
            Algorithm::Sha512 => "sha512",
        }
    }

    fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Length of a digest in hex.
    fn hex_len(self) -> usize {
        match self {
            Algorithm::Md5 => 32,
            Algorithm::Sha1 => 40,
            Algorithm::Sha224 => 56,
            Algorithm::Sha256 => 64,
            Algorithm::Sha384 => 96,
            Algorithm::Sha512 => 128,
        }
    }
}

/// Hashes one stream with several algorithms at once, so each file is read once however many
/// manifests list it. SHA-256 and SHA-512 go through [`ManifestDigests`] (OpenSSL on Linux,
/// as for writing); the others through the RustCrypto crates.
struct MultiDigest {
    main: ManifestDigests,
    others: Vec<(Algorithm, Box<dyn sha2::digest::DynDigest>)>,
}

impl MultiDigest {
    fn new(algorithms: &[Algorithm]) -> Self {
        let others = algorithms
            .iter()
            .filter_map(|&a| {
                let digest: Box<dyn sha2::digest::DynDigest> = match a {
                    Algorithm::Md5 => Box::new(md5::Md5::default()),
                    Algorithm::Sha1 => Box::new(sha1::Sha1::default()),
                    Algorithm::Sha224 => Box::new(sha2::Sha224::default()),
                    Algorithm::Sha384 => Box::new(sha2::Sha384::default()),
                    Algorithm::Sha256 | Algorithm::Sha512 => return None,
                };
                Some((a, digest))
            })
            .collect();
        MultiDigest {
            main: ManifestDigests::new(),
            others,
        }
    }

    fn update(&mut self, chunk: &[u8]) {
        self.main.update(chunk);
        for (_, digest) in &mut self.others {
            digest.update(chunk);
        }
    }

    fn finish(self) -> BTreeMap<Algorithm, String> {
        let (sha256, sha512) = self.main.finish();
        let mut out = BTreeMap::from([(Algorithm::Sha256, sha256), (Algorithm::Sha512, sha512)]);
        for (a, digest) in self.others {
            out.insert(a, hex(&digest.finalize()));
        }
        out
    }
}

/// The largest tag file read (manifests of very large bags included); a bigger one is refused
/// rather than read into memory.
const TAG_FILE_LIMIT: u64 = 1 << 30;

/// Opens a file listed in a bag for reading: never following a symbolic link and never waiting
/// on a named pipe or a device; only a regular file of the expected `size` is accepted. The
/// file type is checked before the open (so a FIFO is never opened) and again on the open file
/// (so a swap between the two is caught).
fn open_regular(path: &Path, shown: &str, size: Option<u64>) -> Result<(File, u64)> {
    let meta = fs::symlink_metadata(path)
        .map_err(|_| file_error(path, format!("{shown} is listed but missing")))?;
    check_file_type(path, shown, &meta.file_type())?;
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| Error::io(path, e))?;
    let opened = file.metadata().map_err(|e| Error::io(path, e))?;
    check_file_type(path, shown, &opened.file_type())?;
    if let Some(size) = size {
        if opened.len() != size {
            return Err(file_error(
                path,
                format!("{shown} changed while the bag was being verified"),
            ));
        }
    }
    Ok((file, opened.len()))
}

/// Refuses anything but a regular file, saying what it is.
fn check_file_type(path: &Path, shown: &str, kind: &fs::FileType) -> Result<()> {
    if kind.is_file() {
        return Ok(());
    }
    let what = if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_dir() {
        "a folder"
    } else {
        special_kind(kind)
    };
    Err(file_error(
        path,
        format!("{shown} is {what}, not a file; bags with links or special files are refused"),
    ))
}

#[cfg(unix)]
fn special_kind(kind: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::FileType) -> &'static str {
    "a special file"
}

/// Checks that every folder on the way from the bag's root to `relative` is a real folder
/// (not a link that could lead out of the bag), then opens the file as [`open_regular`] does.
fn open_in_bag(root: &Path, relative: &str, size: Option<u64>) -> Result<(File, u64)> {
    let mut at = root.to_owned();
    let parts: Vec<&str> = relative.split('/').collect();
    for part in &parts[..parts.len().saturating_sub(1)] {
        at.push(part);
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.is_dir() => {}
            Ok(meta) => check_file_type(&at, relative, &meta.file_type()).and(Err(file_error(
                &at,
                format!("{relative} is not inside a folder of the bag"),
            )))?,
            Err(_) => {
                return Err(file_error(
                    root,
                    format!("{relative} is listed but missing"),
                ))
            }
        }
    }
    open_regular(&root.join(relative), relative, size)
}

/// Hashes an open file with `algorithms`, reading at most `size` bytes (a file that grows
/// while being read is refused rather than read without end).
fn hash_file(
    mut file: File,
    path: &Path,
    shown: &str,
    size: u64,
    algorithms: &[Algorithm],
    job: &JobContext,
) -> Result<BTreeMap<Algorithm, String>> {
    let mut digest = MultiDigest::new(algorithms);
    let mut buffer = vec![0u8; CHUNK];
    let mut read = 0u64;
    loop {
        let want = usize::try_from((size + 1 - read).min(CHUNK as u64)).unwrap_or(CHUNK);
        let n = match file.read(&mut buffer[..want]) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(path, e)),
        };
        if n == 0 {
            break;
        }
        read += n as u64;
        if read > size {
            return Err(file_error(
                path,
                format!("{shown} grew while the bag was being verified"),
            ));
        }
        digest.update(&buffer[..n]);
        job.check()?;
    }
    if read != size {
        return Err(file_error(
            path,
            format!("{shown} shrank while the bag was being verified"),
        ));
    }
    Ok(digest.finish())
}

/// Reads a tag file in the bag's declared encoding (a byte-order mark decides over it, as
/// bags written on Windows carry one), refusing special files and oversized ones. `None` when
/// the file is not there.
fn read_tag_file(
    root: &Path,
    name: &str,
    encoding: &'static encoding_rs::Encoding,
) -> Result<Option<String>> {
    let path = root.join(name);
    if fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    let (file, size) = open_in_bag(root, name, None)?;
    if size > TAG_FILE_LIMIT {
        return Err(file_error(
            &path,
            format!("{name} is {size} bytes, too large for a tag file"),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(TAG_FILE_LIMIT)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(&path, e))?;
    let (encoding, body) = match encoding_rs::Encoding::for_bom(&bytes) {
        Some((bom_encoding, length)) => (bom_encoding, &bytes[length..]),
        None => (encoding, &bytes[..]),
    };
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(body)
        .ok_or_else(|| {
            file_error(
                &path,
                format!("{name} is not valid {} text", encoding.name()),
            )
        })?;
    Ok(Some(text.into_owned()))
}

/// Resolves a path from a manifest or `fetch.txt` inside the bag, refusing anything that could
/// leave it: `..`, an absolute path, a drive or a backslash. A leading `./` (BagIt 0.96 and
/// 0.97 bags have them) is dropped.
fn inside_bag(manifest: &Path, line: usize, raw: &str) -> Result<String> {
    let decoded = decode_path(raw);
    let decoded = decoded.strip_prefix("./").unwrap_or(&decoded).to_owned();
    let p = Path::new(&decoded);
    let escapes = decoded.is_empty()
        || decoded.contains('\\')
        || p.components().any(|c| !matches!(c, Component::Normal(_)));
    if escapes {
        return Err(bag_error(
            manifest,
            line,
            format!("the path \"{raw}\" escapes the bag; the bag is refused"),
        ));
    }
    Ok(decoded)
}

/// `bagit.txt`: exactly `BagIt-Version: M.N` and `Tag-File-Character-Encoding: ENCODING`, in
/// UTF-8 without a byte-order mark (RFC 8493 2.1.1). Versions 0.93 to 1.0 are read.
fn read_declaration(root: &Path) -> Result<(String, &'static encoding_rs::Encoding)> {
    let bagit = root.join("bagit.txt");
    if fs::symlink_metadata(&bagit).is_err() {
        return Err(bag_error(&bagit, 1, "missing: this is not a BagIt bag"));
    }
    let (file, size) = open_in_bag(root, "bagit.txt", None)?;
    if size > 64 * 1024 {
        return Err(bag_error(&bagit, 1, "too large for a bag declaration"));
    }
    let mut bytes = Vec::new();
    file.take(64 * 1024)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(&bagit, e))?;
    if bytes.starts_with(b"\xef\xbb\xbf") {
        return Err(bag_error(
            &bagit,
            1,
            "starts with a byte-order mark, which bagit.txt must not have",
        ));
    }
    let text = String::from_utf8(bytes).map_err(|_| bag_error(&bagit, 1, "is not UTF-8"))?;
    let mut lines = text.lines();
    let version = lines
        .next()
        .and_then(|l| l.strip_prefix("BagIt-Version: "))
        .map(str::trim_end)
        .ok_or_else(|| bag_error(&bagit, 1, "expected \"BagIt-Version: 1.0\""))?;
    let supported = version
        .split_once('.')
        .and_then(|(major, minor)| {
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            (digits(major) && digits(minor))
                .then(|| Some((major.parse::<u32>().ok()?, minor.parse::<u32>().ok()?)))
                .flatten()
        })
        .is_some_and(|v| ((0, 93)..=(1, 0)).contains(&v));
    if !supported {
        return Err(bag_error(
            &bagit,
            1,
            format!("BagIt-Version \"{version}\" is not a version Recollect reads (0.93 to 1.0)"),
        ));
    }
    let label = lines
        .next()
        .and_then(|l| l.strip_prefix("Tag-File-Character-Encoding: "))
        .map(str::trim_end)
        .ok_or_else(|| bag_error(&bagit, 2, "expected \"Tag-File-Character-Encoding: UTF-8\""))?;
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
        bag_error(
            &bagit,
            2,
            format!("\"{label}\" is not a character encoding Recollect knows"),
        )
    })?;
    Ok((version.to_owned(), encoding))
}

/// One manifest: its algorithm and its entries (path from the bag's root, digest, line).
struct Manifest {
    path: PathBuf,
    algorithm: Algorithm,
    entries: BTreeMap<String, (String, usize)>,
}

/// Reads a manifest's lines: `DIGEST  PATH`, one path once.
fn read_manifest(
    root: &Path,
    name: &str,
    algorithm: Algorithm,
    encoding: &'static encoding_rs::Encoding,
) -> Result<Manifest> {
    let path = root.join(name);
    let text = read_tag_file(root, name, encoding)?.ok_or_else(|| file_error(&path, "missing"))?;
    let mut entries = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line_number = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let (digest, raw_path) = line
            .split_once([' ', '\t'])
            .ok_or_else(|| bag_error(&path, line_number, "expected \"DIGEST  PATH\""))?;
        let relative = inside_bag(&path, line_number, raw_path.trim_start_matches([' ', '\t']))?;
        if digest.len() != algorithm.hex_len() || !digest.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bag_error(
                &path,
                line_number,
                format!("\"{digest}\" is not a {} digest", algorithm.name()),
            ));
        }
        if entries
            .insert(relative.clone(), (digest.to_ascii_lowercase(), line_number))
            .is_some()
        {
            return Err(bag_error(
                &path,
                line_number,
                format!("{relative} is listed twice"),
            ));
        }
    }
    Ok(Manifest {
        path,
        algorithm,
        entries,
    })
}

/// The manifests in the bag's root whose names start with `prefix` ("manifest-",
/// "tagmanifest-"), by algorithm; an algorithm Recollect cannot check is refused, since a bag
/// it cannot verify is not to be trusted.
fn manifests_named(root: &Path, prefix: &str) -> Result<Vec<(String, Algorithm)>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(root).map_err(|e| Error::io(root, e))? {
        let entry = entry.map_err(|e| Error::io(root, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(algorithm) = name
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix(".txt"))
        else {
            continue;
        };
        let known = Algorithm::from_name(algorithm).ok_or_else(|| {
            file_error(
                &entry.path(),
                format!(
                    "Recollect cannot check {algorithm} digests; expected md5, sha1, sha224, sha256, sha384 or sha512"
                ),
            )
        })?;
        found.push((name, known));
    }
    found.sort_by_key(|(_, a)| *a);
    Ok(found)
}

/// `fetch.txt`: `URL LENGTH PATH` lines. Recollect does not download, but a path that would
/// leave the bag or land outside `data/` is refused all the same (RFC 8493 2.2.3): such a bag
/// is hostile. Returns the payload paths it lists.
fn read_fetch(root: &Path, encoding: &'static encoding_rs::Encoding) -> Result<Vec<String>> {
    let path = root.join("fetch.txt");
    let Some(text) = read_tag_file(root, "fetch.txt", encoding)? else {
        return Ok(Vec::new());
    };
    let mut listed = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut parts = line.splitn(3, [' ', '\t']);
        let (Some(_url), Some(length), Some(raw_path)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(bag_error(&path, n + 1, "expected \"URL LENGTH data/PATH\""));
        };
        if length != "-" && !length.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bag_error(
                &path,
                n + 1,
                format!("\"{length}\" is not a length in bytes or \"-\""),
            ));
        }
        let relative = inside_bag(&path, n + 1, raw_path.trim())?;
        if !relative.starts_with("data/") {
            return Err(bag_error(
                &path,
                n + 1,
                format!("\"{relative}\" is not under data/; the bag is refused"),
            ));
        }
        listed.push(relative);
    }
    Ok(listed)
}

/// Verifies a bag before anything is read from it: `bagit.txt` (BagIt 0.93 to 1.0), every
/// payload manifest of every algorithm RFC 8493 names (md5, sha1, sha256, sha512; sha224 and
/// sha384 too), that every payload file is listed in each, Payload-Oxum, the tag manifests,
/// and `fetch.txt`'s paths. No path may leave the bag; only regular files are read (a named
/// pipe, a device or a link is refused before it is opened), and no more of each than its
/// size. Nothing is imported from a bag that fails.
pub fn verify(root: &Path, job: &JobContext) -> Result<VerifiedBag> {
    match fs::metadata(root) {
        Ok(meta) if meta.is_dir() => {}
        _ => {
            return Err(file_error(
                root,
                "is not a folder: expected the folder of a BagIt bag",
            ))
        }
    }
    let (version, encoding) = read_declaration(root)?;
    let info_path = root.join("bag-info.txt");
    let info = match read_tag_file(root, "bag-info.txt", encoding)? {
        Some(text) => parse_info(&info_path, &text)?,
        None => Vec::new(),
    };

    // The payload as it is on disk, every file's type checked before anything is read.
    let data = root.join("data");
    match fs::symlink_metadata(&data) {
        Ok(meta) if meta.is_dir() => {}
        Ok(meta) => check_file_type(&data, "data/", &meta.file_type())?,
        Err(_) => {
            return Err(file_error(
                root,
                "has no data/ folder: this is not a BagIt bag",
            ))
        }
    }
    let on_disk: BTreeMap<String, u64> = walk(root, &data)?
        .into_iter()
        .map(|(file, size)| {
            let relative = file
                .strip_prefix(root)
                .unwrap_or(&file)
                .to_string_lossy()
                .replace('\\', "/");
            (relative, size)
        })
        .collect();
    let fetched = read_fetch(root, encoding)?;
    let names = manifests_named(root, "manifest-")?;
    if names.is_empty() {
        return Err(file_error(
            root,
            "has no payload manifest (manifest-sha256.txt, manifest-md5.txt, ...)",
        ));
    }
    let manifests: Vec<Manifest> = names
        .iter()
        .map(|(name, algorithm)| read_manifest(root, name, *algorithm, encoding))
        .collect::<Result<_>>()?;
    for manifest in &manifests {
        for (relative, (_, line)) in &manifest.entries {
            if !relative.starts_with("data/") {
                return Err(bag_error(
                    &manifest.path,
                    *line,
                    format!("\"{relative}\" is not under data/"),
                ));
            }
            if !on_disk.contains_key(relative) {
                let why = if fetched.contains(relative) {
                    format!("{relative} is listed in fetch.txt but not in the bag; Recollect does not download, fetch it first")
                } else {
                    format!("{relative} is listed but missing")
                };
                return Err(bag_error(&manifest.path, *line, why));
            }
        }
        if let Some(unlisted) = on_disk.keys().find(|f| !manifest.entries.contains_key(*f)) {
            return Err(file_error(
                &manifest.path,
                format!("{unlisted} is in the bag but not in the manifest"),
            ));
        }
    }

    // What will be read is bounded before anything is: the sizes on disk must add up to
    // what the bag declares.
    if let Some((_, oxum)) = info
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Payload-Oxum"))
    {
        let (bytes, files) = (on_disk.values().sum::<u64>(), on_disk.len());
        let parsed = oxum
            .trim()
            .split_once('.')
            .and_then(|(b, f)| Some((b.parse::<u64>().ok()?, f.parse::<usize>().ok()?)));
        match parsed {
            Some((b, f)) if (b, f) == (bytes, files) => {}
            Some(_) => {
                return Err(file_error(
                    &info_path,
                    format!("Payload-Oxum says {oxum} but the payload is {bytes}.{files}"),
                ))
            }
            None => {
                return Err(file_error(
                    &info_path,
                    format!("Payload-Oxum \"{oxum}\" is not \"BYTES.FILES\""),
                ))
            }
        }
    }

    let algorithms: Vec<Algorithm> = manifests.iter().map(|m| m.algorithm).collect();
    let total_bytes: u64 = on_disk.values().sum();
    let mut done_bytes = 0u64;
    let mut payload = BTreeMap::new();
    for (relative, &size) in &on_disk {
        let path = root.join(relative);
        let (file, _) = open_in_bag(root, relative, Some(size))?;
        let digests = hash_file(file, &path, relative, size, &algorithms, job)?;
        for manifest in &manifests {
            let (expected, line) = &manifest.entries[relative];
            if &digests[&manifest.algorithm] != expected {
                return Err(bag_error(
                    &manifest.path,
                    *line,
                    format!(
                        "{relative} does not match its {} digest: the file was changed or damaged",
                        manifest.algorithm.name()
                    ),
                ));
            }
        }
        let in_data = relative.strip_prefix("data/").unwrap_or(relative);
        payload.insert(in_data.to_owned(), digests[&Algorithm::Sha256].clone());
        done_bytes += size;
        let mb = |b: u64| u32::try_from(b >> 20).unwrap_or(u32::MAX);
        job.step("verifying (MB)", mb(done_bytes), Some(mb(total_bytes)))?;
    }

    for (name, algorithm) in manifests_named(root, "tagmanifest-")? {
        let tag_manifest = read_manifest(root, &name, algorithm, encoding)?;
        for (relative, (expected, line)) in &tag_manifest.entries {
            let path = root.join(relative);
            let (file, size) = open_in_bag(root, relative, None).map_err(|_| {
                bag_error(
                    &tag_manifest.path,
                    *line,
                    format!("{relative} is listed but missing"),
                )
            })?;
            let digests = hash_file(file, &path, relative, size, &[algorithm], job)?;
            if &digests[&algorithm] != expected {
                return Err(bag_error(
                    &tag_manifest.path,
                    *line,
                    format!("{relative} does not match its {} digest", algorithm.name()),
                ));
            }
        }
    }
    Ok(VerifiedBag {
        root: root.to_owned(),
        payload,
        info,
        version,
        algorithms: algorithms.iter().map(|a| a.name().to_owned()).collect(),
    })
}

/// The fields of `bag-info.txt`: `Label: value` (white space around the colon tolerated, as
/// older bags have it), continued on lines that start with white space.
fn parse_info(path: &Path, text: &str) -> Result<Vec<(String, String)>> {
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

/// Every regular file under `dir` with its size, refusing symbolic links (which could point
/// out of the bag), named pipes, devices and sockets: their types are read without following
/// or opening anything.
fn walk(root: &Path, dir: &Path) -> Result<Vec<(PathBuf, u64)>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).map_err(|e| Error::io(&d, e))? {
            let entry = entry.map_err(|e| Error::io(&d, e))?;
            let path = entry.path();
            let meta = fs::symlink_metadata(&path).map_err(|e| Error::io(&path, e))?;
            let kind = meta.file_type();
            if kind.is_dir() {
                stack.push(path);
            } else {
                let shown = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                check_file_type(root, &shown, &kind)?;
                files.push((path, meta.len()));
            }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests;

/// Bags made by hand the way other tools make them, one per case of RFC 8493 (and its
/// earlier drafts) that a reader must accept or refuse.
#[cfg(test)]
mod reading_other_bags;
