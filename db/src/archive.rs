//! Opening an archive: the connection policy, schema migrations and integrity checks.
//!
//! An archive is one SQLite file. Its media live in a folder beside it (see [`Archive::media_dir`]),
//! so the two can move together to another disk or laptop.
//!
//! One process at a time may change an archive: the app, or one command. Opening it for writing
//! claims it with a lock on a file beside it, `NAME.db-lock`; while another process holds the
//! claim, [`Archive::open_or_read`] opens the archive read-only instead. The claim is not a lock
//! on the database file itself because SQLite's own locks are POSIX record locks, which a
//! process loses whenever any descriptor of that file in it is closed (a file dialog showing the
//! archive's folder does that). A second process that then believes itself alone deletes the
//! write-ahead log on closing, and every later change by the first is lost. A `flock`-style lock
//! on another file belongs to its own open file and survives that; a reader never checkpoints.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use rusqlite::{config::DbConfig, Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::changes::ChangeKind;
use crate::error::{Error, Result};

/// `PRAGMA application_id`, so the file says what it is: "RCLT".
pub const APPLICATION_ID: i64 = 0x5243_4C54;

/// One numbered migration, embedded at build time from `db/migrations/`.
pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

pub(crate) const MIGRATIONS: &[Migration] = include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// The newest schema version this build knows.
pub fn schema_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// An open archive.
pub struct Archive {
    // Dropped first: the connection closes before the claim is let go.
    conn: Connection,
    path: Option<PathBuf>,
    agent: String,
    /// The claim to change the archive, held while it is open for writing.
    claim: Option<File>,
    /// Why changes are refused, when the archive is open for reading only.
    read_only_because: &'static str,
    /// What committed writes changed, until [`Archive::take_changes`].
    changes: BTreeSet<ChangeKind>,
}

/// Why an archive opened for reading only refuses changes: another process holds it.
const HELD_ELSEWHERE: &str = "it is open in Recollect or in another command, so here it may only be read; close it there first to change it";
/// Why an archive opened for reading only refuses changes: its folder cannot be written.
const READ_ONLY_FOLDER: &str = "this account cannot write to it or to its folder (a read-only disk or share, or another account's files), so it is open for reading only and no change is possible; copy the archive and its media folder somewhere writable to change it";

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Archive {
    /// Opens the archive at `path`, creating it if the file does not exist, and brings its
    /// schema up to date. Before upgrading an existing archive it writes a backup beside it.
    ///
    /// Fails with [`Error::Busy`] while another process has the archive open for writing.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let claim = claim(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(|e| not_an_archive(e, path))?;
        // SQLite opens a file it may not write for reading only, without a word: say so now
        // rather than fail at the first change.
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(Error::io(
                path,
                std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "the archive file cannot be written",
                ),
            ));
        }
        let mut archive = Self::init(conn, Some(path.to_owned()))?;
        archive.claim = Some(claim);
        Ok(archive)
    }

    /// Like [`Archive::open`], waiting up to `patience` while another process holds the
    /// archive: a Recollect just quit may still be closing it when the next one starts.
    pub fn open_waiting(path: impl AsRef<Path>, patience: std::time::Duration) -> Result<Self> {
        let started = std::time::Instant::now();
        loop {
            match Self::open(&path) {
                Err(Error::Busy { .. }) if started.elapsed() < patience => {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                result => return result,
            }
        }
    }

    /// Like [`Archive::open_waiting`], except that an archive in a folder this account cannot
    /// write (a read-only disk or share) is opened for reading only, with changes refused with
    /// a message that says why, instead of not at all.
    pub fn open_waiting_or_read(
        path: impl AsRef<Path>,
        patience: std::time::Duration,
    ) -> Result<Self> {
        let path = path.as_ref();
        match Self::open_waiting(path, patience) {
            Err(e) if path.is_file() && is_not_writable(&e) => {
                Self::open_for_reading(path, READ_ONLY_FOLDER)
            }
            other => other,
        }
    }

    /// Opens the archive at `path` for reading only: it must exist and be up to date. Nothing
    /// can be written through it ([`Archive::write`] fails with [`Error::Busy`]), and closing it
    /// never touches the write-ahead log of the process that is writing.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self> {
        Self::open_for_reading(path.as_ref(), HELD_ELSEWHERE)
    }

    fn open_for_reading(path: &Path, because: &'static str) -> Result<Self> {
        let read_only = |uri: Option<&str>| -> Result<Connection> {
            let conn = match uri {
                None => Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
                ),
                Some(uri) => Connection::open_with_flags(
                    uri,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
                ),
            }
            .map_err(|e| not_an_archive(e, path))?;
            conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            Ok(conn)
        };
        let display = path.to_owned();
        let mut conn = read_only(None)?;
        let mut application_id =
            conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i64>(0));
        if application_id.is_err() && because == READ_ONLY_FOLDER && !wal_path(path).exists() {
            // A WAL archive needs its `-shm` file, which a read-only folder cannot hold. With no
            // write-ahead log beside it the file is complete and nobody can be writing to it
            // (that would need the folder), so it is read as immutable.
            if let Some(uri) = immutable_uri(path) {
                conn = read_only(Some(&uri))?;
                application_id = conn.query_row("PRAGMA application_id", [], |r| r.get(0));
            }
        }
        let application_id: i64 = application_id.map_err(|e| not_an_archive(e, path))?;
        if application_id != APPLICATION_ID {
            return Err(Error::NotAnArchive { path: display });
        }
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > schema_version() {
            return Err(Error::NewerArchive {
                path: display,
                found: version,
                supported: schema_version(),
            });
        }
        if version < schema_version() {
            return Err(Error::busy(
                path,
                "it needs an upgrade, which only the process writing to it can make",
            ));
        }
        let mut archive = Archive {
            conn,
            path: Some(display),
            agent: String::new(),
            claim: None,
            read_only_because: because,
            changes: BTreeSet::new(),
        };
        archive.agent = crate::settings::get(archive.conn(), crate::settings::CURATOR_NAME)?
            .unwrap_or_default();
        Ok(archive)
    }

    /// Opens the archive at `path` for writing when no other process is and its folder can be
    /// written, and otherwise for reading only (see [`Archive::open_read_only`]): changes are
    /// then refused with a message that says why.
    pub fn open_or_read(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        match Self::open(path) {
            Err(Error::Busy { .. }) => Self::open_read_only(path),
            Err(e) if path.is_file() && is_not_writable(&e) => {
                Self::open_for_reading(path, READ_ONLY_FOLDER)
            }
            other => other,
        }
    }

    /// Why changes are refused here, when they are (the archive is open for reading only).
    pub fn read_only_reason(&self) -> Option<&'static str> {
        (!self.is_writable()).then_some(self.read_only_because)
    }

    /// Whether changes can be written (the archive was opened for writing).
    pub fn is_writable(&self) -> bool {
        self.claim.is_some() || self.path.is_none()
    }

    /// Opens a fresh archive in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?, None)
    }

    fn init(conn: Connection, path: Option<PathBuf>) -> Result<Self> {
        let display_path = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        // Connection policy lives here, not in migrations: it applies to every connection.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let application_id: i64 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.code == rusqlite::ErrorCode::NotADatabase =>
                {
                    Error::NotAnArchive {
                        path: display_path.clone(),
                    }
                }
                other => Error::Sqlite(other),
            })?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let has_tables: bool =
            conn.query_row("SELECT count(*) > 0 FROM sqlite_schema", [], |r| r.get(0))?;
        if application_id != APPLICATION_ID && (application_id != 0 || has_tables) {
            return Err(Error::NotAnArchive { path: display_path });
        }
        if version > schema_version() {
            return Err(Error::NewerArchive {
                path: display_path,
                found: version,
                supported: schema_version(),
            });
        }
        if path.is_some() {
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                tracing::warn!(mode, "the archive could not switch to WAL journaling");
            }
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Search reads passages all over the file (a match's row, its index entry): a 64 MB
        // page cache and reads through a memory map instead of a copy per page make that
        // several times cheaper on an archive of hundreds of MB. Both are limits, not
        // allocations.
        conn.pragma_update(None, "cache_size", -65_536)?;
        conn.pragma_update(None, "mmap_size", 1_i64 << 30)?;
        let mut archive = Archive {
            conn,
            path,
            agent: String::new(),
            claim: None,
            read_only_because: HELD_ELSEWHERE,
            changes: BTreeSet::new(),
        };
        archive.migrate(version)?;
        archive.agent = crate::settings::get(archive.conn(), crate::settings::CURATOR_NAME)?
            .unwrap_or_default();
        Ok(archive)
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        let pending: Vec<&Migration> = MIGRATIONS.iter().filter(|m| m.version > from).collect();
        if pending.is_empty() {
            return Ok(());
        }
        if from > 0 {
            self.backup_before_upgrade(from)?;
        }
        for migration in pending {
            apply(&mut self.conn, migration)?;
        }
        self.check_integrity()
    }

    /// Writes `<archive>.before-v<N>.bak` with `VACUUM INTO` so an upgrade can be undone by hand.
    fn backup_before_upgrade(&self, from: i64) -> Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let mut backup = path.clone().into_os_string();
        backup.push(format!(".before-v{}.bak", schema_version()));
        let backup = PathBuf::from(backup);
        if backup.exists() {
            std::fs::remove_file(&backup).map_err(|e| Error::io(&backup, e))?;
        }
        tracing::info!(from, to = schema_version(), backup = %backup.display(), "backing up before upgrade");
        self.conn
            .execute("VACUUM INTO ?1", [backup.to_string_lossy()])?;
        Ok(())
    }

    /// Runs SQLite's `integrity_check` and `foreign_key_check`.
    pub fn check_integrity(&self) -> Result<()> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if result != "ok" {
            return Err(Error::Integrity(result));
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let mut rows = stmt.query([])?;
        if let Some(row) = rows.next()? {
            let table: String = row.get(0)?;
            return Err(Error::Integrity(format!(
                "a row of {table} points at a record that does not exist"
            )));
        }
        Ok(())
    }

    /// Runs `f` inside one read transaction, so all it reads is the archive as it was at one
    /// moment, even while another connection writes: what a long read on a connection of its
    /// own (an export, an audit) needs to be consistent.
    pub fn snapshot<T>(&self, f: impl FnOnce(&Archive) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            // Already inside a transaction, which holds one moment already.
            return f(self);
        }
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let result = f(self);
        // A read transaction has nothing to keep: ending it either way lets the moment go.
        let ended = self.conn.execute_batch("ROLLBACK");
        let value = result?;
        ended?;
        Ok(value)
    }

    /// The connection, for reads.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The archive file, or `None` for an archive in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The folder beside the archive file that holds its managed media: `NAME.media/` for
    /// `NAME.db`. `None` for an archive in memory.
    pub fn media_dir(&self) -> Option<PathBuf> {
        let path = self.path.as_ref()?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Some(path.with_file_name(format!("{stem}.media")))
    }

    /// The curator's name, recorded on every event in the provenance log.
    pub fn agent(&self) -> &str {
        &self.agent
    }

    /// Sets the curator's name for this archive and remembers it.
    pub fn set_agent(&mut self, name: &str) -> Result<()> {
        let name = name.trim().to_owned();
        self.write(|tx| crate::settings::set(tx, crate::settings::CURATOR_NAME, &name))?;
        self.agent = name;
        Ok(())
    }

    /// Runs `f` in one immediate transaction: all its writes land together or not at all.
    pub fn write<T>(&mut self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        self.write_because(None, f)
    }

    /// Like [`Archive::write`], with the curator's reason for the change, which every event of
    /// the transaction records as its note. Blank reasons are no reason.
    pub fn write_because<T>(
        &mut self,
        reason: Option<&str>,
        f: impl FnOnce(&Writer<'_>) -> Result<T>,
    ) -> Result<T> {
        if !self.is_writable() {
            let path = self.path.clone().unwrap_or_default();
            return Err(Error::busy(&path, self.read_only_because));
        }
        let agent = self.agent.clone();
        let note = reason
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let writer = Writer {
            tx,
            agent,
            note,
            changed: RefCell::default(),
        };
        let value = f(&writer)?;
        // The search index of the rows this write changed, in the same transaction.
        crate::search::index::apply_pending(&writer.tx, None)?;
        let changed = writer.changed.take();
        writer.tx.commit()?;
        self.changes.extend(changed);
        Ok(value)
    }

    /// What the writes since the last call changed, by kind, in a fixed order; writes that
    /// were rolled back changed nothing.
    pub fn take_changes(&mut self) -> Vec<ChangeKind> {
        std::mem::take(&mut self.changes).into_iter().collect()
    }
}

/// Whether opening for writing failed because this account may not write the archive's file
/// or folder (a read-only folder, disk or share), which still lets it be read.
fn is_not_writable(e: &Error) -> bool {
    match e {
        Error::Io { source, .. } => matches!(
            source.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        ),
        Error::Sqlite(rusqlite::Error::SqliteFailure(f, _)) => matches!(
            f.code,
            rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen
        ),
        _ => false,
    }
}

/// The write-ahead log beside an archive.
fn wal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

/// A `file:` URI opening `path` as immutable: no locks, no `-shm` file.
fn immutable_uri(path: &Path) -> Option<String> {
    let absolute = std::path::absolute(path).ok()?;
    let text = absolute.to_str()?;
    // Percent-encode what a URI path cannot hold as it is.
    let encoded: String = text
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect();
    Some(format!("file:{encoded}?immutable=1"))
}

/// The file beside an archive whose lock is the claim to change it.
pub fn claim_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-lock");
    PathBuf::from(name)
}

/// Claims the archive at `path` for this process (see the module's notes).
fn claim(path: &Path) -> Result<File> {
    let lock_path = claim_path(path);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&lock_path)
        .map_err(|e| Error::io(&lock_path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(Error::busy(
            path,
            "it is open in Recollect or in another command; close it there first",
        )),
        Err(TryLockError::Error(e)) => Err(Error::io(&lock_path, e)),
    }
}

fn not_an_archive(e: rusqlite::Error, path: &Path) -> Error {
    match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            Error::NotAnArchive {
                path: path.to_owned(),
            }
        }
        other => Error::Sqlite(other),
    }
}

/// A write transaction that knows who is writing, for the provenance log.
pub struct Writer<'a> {
    tx: Transaction<'a>,
    agent: String,
    note: Option<String>,
    /// What this write changed, from the kinds of record its events are about.
    changed: RefCell<BTreeSet<ChangeKind>>,
}

impl Writer<'_> {
    /// Notes that this write changed a record of `record_kind` (called for each event logged).
    pub(crate) fn changed(&self, record_kind: &str) {
        if let Some(kind) = ChangeKind::of_record_kind(record_kind) {
            self.changed.borrow_mut().insert(kind);
        }
    }

    /// The curator recorded on events written in this transaction.
    pub fn agent(&self) -> &str {
        &self.agent
    }

    /// Why the change is made, recorded on events written in this transaction.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

impl std::ops::Deref for Writer<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

/// The current time as the archive writes it: RFC 3339 in UTC with milliseconds.
/// Applies one migration in a transaction of its own, indexing what it noted for search.
fn apply(conn: &mut Connection, migration: &Migration) -> Result<()> {
    tracing::info!(
        version = migration.version,
        name = migration.name,
        "applying migration"
    );
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    tx.execute_batch(migration.sql)
        .map_err(|source| Error::Migration {
            version: migration.version,
            source,
        })?;
    // From 0007 on, migrations note rows for the search index, which is written by Rust
    // (search::index): indexed here, in the migration's own transaction.
    if migration.version >= crate::search::index::FIRST_MIGRATION {
        crate::search::index::apply_pending(&tx, None)?;
    }
    tx.pragma_update(None, "user_version", migration.version)
        .and_then(|()| tx.pragma_update(None, "application_id", APPLICATION_ID))
        .and_then(|()| tx.commit())
        .map_err(|source| Error::Migration {
            version: migration.version,
            source,
        })
}

pub(crate) fn now(conn: &Connection) -> Result<String> {
    Ok(
        conn.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", [], |r| {
            r.get(0)
        })?,
    )
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod upgrade_tests;
