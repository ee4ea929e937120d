//! Fixity: re-hashing every file the archive keeps (recordings, deeds, signed release forms) and
//! naming each one that is missing or no longer what was stored. Files are hashed on every core,
//! largest first. Each audit is an event in the log, and so is each file it finds wrong, in that
//! file's history.

use std::{path::PathBuf, sync::Mutex};

use serde::{Deserialize, Serialize};

use crate::{
    archive::Archive,
    error::{Error, Result},
    ids,
    jobs::{JobContext, Progress},
    media,
    provenance::{self, EventType, Origin},
    settings, store,
};

/// What kind of file an audit checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// A recording.
    Media,
    /// A kept document: deed of gift, release form.
    Document,
    /// A photo (its original; thumbnails are made again when missing).
    Photo,
}

/// A file the archive holds that could not be found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct MissingFile {
    /// The media or document record.
    pub file_id: String,
    /// Which.
    pub kind: FileKind,
    /// Its name, as the curator knows it.
    pub name: String,
    /// Where it should be.
    pub path: String,
}

/// A file whose bytes are no longer those stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ChangedFile {
    /// The media or document record.
    pub file_id: String,
    /// Which.
    pub kind: FileKind,
    /// Its name.
    pub name: String,
    /// Where it is.
    pub path: String,
    /// The SHA-256 stored when it came in.
    pub expected: String,
    /// The SHA-256 it has now.
    pub actual: String,
}

/// What an audit found.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct AuditReport {
    /// How many files were checked.
    pub checked: u32,
    /// Files not found.
    pub missing: Vec<MissingFile>,
    /// Files found changed.
    pub changed: Vec<ChangedFile>,
}

impl AuditReport {
    /// Whether every file is present and unchanged.
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.changed.is_empty()
    }

    /// One line for the curator.
    pub fn summary(&self) -> String {
        let files = |n: usize| if n == 1 { "file" } else { "files" };
        if self.is_clean() {
            format!(
                "{} {} checked; all present and unchanged",
                self.checked,
                files(self.checked as usize)
            )
        } else {
            format!(
                "{} {} checked; {} missing, {} changed",
                self.checked,
                files(self.checked as usize),
                self.missing.len(),
                self.changed.len()
            )
        }
    }
}

/// The setting that names this archive in the log, for events about the whole archive.
const ARCHIVE_ID: &str = "archive_id";

struct Kept {
    id: String,
    kind: FileKind,
    name: String,
    path: String,
    sha256: String,
}

fn kept_files(archive: &Archive) -> Result<Vec<Kept>> {
    let mut stmt = archive.conn().prepare(
        "SELECT uuid, 'media', CASE WHEN original_name <> '' THEN original_name WHEN tape_label <> '' THEN tape_label ELSE path END, path, sha256
         FROM media
         UNION ALL
         SELECT uuid, 'document', CASE WHEN original_name <> '' THEN original_name ELSE path END, path, sha256 FROM documents
         UNION ALL
         SELECT uuid, 'photo', CASE WHEN original_name <> '' THEN original_name ELSE path END, path, sha256 FROM photos
         ORDER BY 2 DESC, 1",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Kept {
            id: r.get(0)?,
            kind: match r.get::<_, String>(1)?.as_str() {
                "media" => FileKind::Media,
                "photo" => FileKind::Photo,
                _ => FileKind::Document,
            },
            name: r.get(2)?,
            path: r.get(3)?,
            sha256: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Re-hashes every file the archive keeps, reporting progress through `job` and stopping when
/// it is cancelled (then nothing is logged). Records the audit as a fixity check event, and a
/// fixity check in the history of each file found missing or changed.
pub fn audit(archive: &mut Archive, job: &JobContext, origin: Origin) -> Result<AuditReport> {
    let result = check(archive, job).and_then(|report| record(archive, report, origin, job));
    if let Err(e) = &result {
        job.report(Progress::Failed {
            message: e.to_string(),
            cancelled: matches!(e, Error::Cancelled),
        });
    }
    result
}

/// The first part of [`audit`]: hashes every kept file and says what is missing or changed.
/// Writes nothing, so a window runs it on a read connection while other work goes on.
pub fn check(archive: &Archive, job: &JobContext) -> Result<AuditReport> {
    job.report(Progress::Started {
        title: "Checking every file of the archive".into(),
    });
    let files = kept_files(archive)?;
    let total = files.len() as u32;
    let mut report = AuditReport::default();
    job.step("hashing", 0, Some(total))?;
    // Each kind of file is found where the module that keeps it puts it.
    let paths = files
        .iter()
        .map(|file| match file.kind {
            FileKind::Media => Ok(media::resolve_path(
                archive,
                &media::get(archive, &file.id)?,
            )),
            FileKind::Document | FileKind::Photo => store::resolve_path(archive, &file.path),
        })
        .collect::<Result<Vec<_>>>()?;
    let found = hash_all(&paths, job)?;
    for ((file, path), found) in files.iter().zip(&paths).zip(found) {
        match found {
            Found::Missing => {
                job.report(Progress::Warning {
                    message: format!("missing: {} ({})", file.name, path.display()),
                });
                report.missing.push(MissingFile {
                    file_id: file.id.clone(),
                    kind: file.kind,
                    name: file.name.clone(),
                    path: path.display().to_string(),
                });
            }
            Found::Hash(actual) if actual != file.sha256 => {
                job.report(Progress::Warning {
                    message: format!("changed: {} ({})", file.name, path.display()),
                });
                report.changed.push(ChangedFile {
                    file_id: file.id.clone(),
                    kind: file.kind,
                    name: file.name.clone(),
                    path: path.display().to_string(),
                    expected: file.sha256.clone(),
                    actual,
                });
            }
            Found::Hash(_) => {}
        }
        report.checked += 1;
    }
    job.step("hashing", total, Some(total))?;
    Ok(report)
}

/// The second part of [`audit`]: logs the check in the archive's history, with one event for
/// each file found missing or changed.
pub fn record(
    archive: &mut Archive,
    report: AuditReport,
    origin: Origin,
    job: &JobContext,
) -> Result<AuditReport> {
    archive.write(|w| {
        let archive_id = match w.query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [ARCHIVE_ID],
            |r| r.get::<_, String>(0),
        ) {
            Ok(id) => id,
            Err(rusqlite::Error::QueryReturnedNoRows) => {
                let id = ids::new_id();
                settings::set(w, ARCHIVE_ID, &id)?;
                id
            }
            Err(e) => return Err(e.into()),
        };
        provenance::record(
            w,
            EventType::FixityCheck,
            "archive",
            &archive_id,
            origin,
            None::<&()>,
            Some(&report),
        )?;
        for m in &report.missing {
            provenance::record_about(
                w,
                EventType::FixityCheck,
                "fixity_check",
                &ids::new_id(),
                Some(&m.file_id),
                origin,
                None::<&()>,
                Some(m),
            )?;
        }
        for c in &report.changed {
            provenance::record_about(
                w,
                EventType::FixityCheck,
                "fixity_check",
                &ids::new_id(),
                Some(&c.file_id),
                origin,
                None::<&()>,
                Some(c),
            )?;
        }
        Ok(())
    })?;
    job.report(Progress::Finished {
        summary: report.summary(),
    });
    Ok(report)
}
/// What hashing one kept file found.
enum Found {
    Missing,
    Hash(String),
}

/// Hashes `paths` on every core, largest first, reporting each file done through `job`.
/// Stops at the first error or at a cancellation.
fn hash_all(paths: &[PathBuf], job: &JobContext) -> Result<Vec<Found>> {
    let total = paths.len() as u32;
    let mut order: Vec<(usize, u64)> = paths
        .iter()
        .enumerate()
        .map(|(i, p)| (i, std::fs::metadata(p).map_or(0, |m| m.len())))
        .collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let next = Mutex::new(0usize);
    let done = Mutex::new(0u32);
    let found: Mutex<Vec<Option<Found>>> = Mutex::new((0..paths.len()).map(|_| None).collect());
    let first_error: Mutex<Option<Error>> = Mutex::new(None);
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(paths.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                if first_error.lock().unwrap().is_some() {
                    return;
                }
                let Some(&(index, _)) = ({
                    let mut n = next.lock().unwrap();
                    *n += 1;
                    order.get(*n - 1)
                }) else {
                    return;
                };
                let path = &paths[index];
                let outcome = if !path.is_file() {
                    Ok(Found::Missing)
                } else {
                    match store::hash_file(path, Some(job)) {
                        Ok((hash, _)) => Ok(Found::Hash(hash)),
                        Err(Error::Io { source, .. })
                            if source.kind() == std::io::ErrorKind::NotFound =>
                        {
                            Ok(Found::Missing)
                        }
                        Err(e) => Err(e),
                    }
                };
                let step = outcome.and_then(|f| {
                    found.lock().unwrap()[index] = Some(f);
                    let mut d = done.lock().unwrap();
                    *d += 1;
                    job.step("hashing", *d, Some(total))
                });
                if let Err(e) = step {
                    first_error.lock().unwrap().get_or_insert(e);
                    return;
                }
            });
        }
    });
    if let Some(e) = first_error.into_inner().unwrap() {
        return Err(e);
    }
    Ok(found
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|f| f.expect("every file was hashed"))
        .collect())
}

#[cfg(test)]
mod tests;
