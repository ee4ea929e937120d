//! Importing a package from elsewhere. A package is hostile until verified: it may name any
//! file on this machine, plant files where derived ones belong, or pass its history off as
//! local. So nothing it says about this machine is believed:
//!
//! - every file it brings (recordings, photos, documents) is copied into the media folder
//!   under the hash of what was actually read, and must match both the bag's manifest and the
//!   record's SHA-256; where a record's file is kept is decided here, never by the package, so
//!   a record can point nowhere outside the media folder (a "referenced" recording becomes a
//!   managed one, or a missing one to relink when its file did not come along);
//! - derived files (thumbnails, web-size copies) are never taken from a package; they are made
//!   again from the originals when first needed;
//! - its events keep what they say, marked with the package and the day of the import, and the
//!   import itself is an event;
//! - languages and links are checked as if typed in;
//! - a failed import leaves neither records nor files behind.

use std::path::Path;

use serde_json::{Map, Value};

use super::{bagit, dump, package::DUMP_PATH};
use crate::{
    archive::{now, Archive},
    error::{Error, Result},
    jobs::{JobContext, Progress},
    provenance::ImportedFrom,
    store::{self, Placed},
};

/// Tables whose rows name a file in the media folder, and where a package carries their files.
const FILE_TABLES: &[(&str, &str)] = &[
    ("media", "media/"),
    ("photos", "photos/full/"),
    ("documents", "documents/"),
];

/// The longest package identifier kept.
const MAX_IDENTIFIER: usize = 200;

/// Verifies a bag and imports its records, all or nothing: records new here are added, records
/// already here and equal are skipped, records that differ are listed as conflicts.
pub fn import(
    archive: &mut Archive,
    bag_dir: &Path,
    job: &JobContext,
) -> Result<dump::MergeReport> {
    job.report(Progress::Started {
        title: format!("Importing {}", bag_dir.display()),
    });
    let verified = bagit::verify(bag_dir, job)?;
    if !verified.payload.contains_key(DUMP_PATH) {
        let made_here = verified.payload.keys().any(|p| p.starts_with("site/"))
            || verified.info.iter().any(|(k, v)| {
                k.eq_ignore_ascii_case("External-Description") && v.contains("profile,")
            });
        let message = if made_here {
            format!("{} is a public Recollect package; it has no {DUMP_PATH}, because a public package withholds records: only full packages can be imported", bag_dir.display())
        } else {
            format!("{} is a valid BagIt bag, but not a Recollect package (it has no data/{DUMP_PATH}); nothing was imported", bag_dir.display())
        };
        return Err(Error::invalid("package", message));
    }
    let dump_file = bag_dir.join("data").join(DUMP_PATH);
    let text = std::fs::read(&dump_file).map_err(|e| Error::io(&dump_file, e))?;
    let mut dumped: dump::ArchiveDump = serde_json::from_slice(&text)
        .map_err(|e| Error::invalid("package", format!("{}: {e}", dump_file.display())))?;
    check_rows(&dumped, &dump_file)?;
    let from = ImportedFrom {
        package: identifier(&verified, bag_dir)?,
        imported_on: now(archive.conn())?.chars().take(10).collect(),
    };
    // Files first, each placed under a guard: if anything after fails, they go again.
    let mut placed = take_in_files(archive, &mut dumped, &verified, bag_dir, job)?;
    let report = dump::restore(archive, &dumped, &from, job)?;
    // Committed: keep the files records point at (a conflicting record keeps its own).
    for guard in &mut placed {
        if let Some(path) = guard.path().map(Path::to_path_buf) {
            if is_referenced(archive, &path)? {
                guard.keep();
            }
        }
    }
    job.report(Progress::Finished {
        summary: format!(
            "{} records added, {} conflicts",
            report.added,
            report.conflicts.len()
        ),
    });
    Ok(report)
}

/// The package's identifier for the events it brings: the `External-Identifier` it gives
/// itself (Recollect writes one into every package), or else the SHA-256 of its payload
/// manifest, which names exactly this content.
fn identifier(verified: &bagit::VerifiedBag, bag_dir: &Path) -> Result<String> {
    let given = verified
        .info
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("External-Identifier"))
        .map(|(_, v)| {
            v.lines()
                .next()
                .unwrap_or("")
                .chars()
                .filter(|c| !c.is_control())
                .take(MAX_IDENTIFIER)
                .collect::<String>()
                .trim()
                .to_owned()
        })
        .filter(|v| !v.is_empty());
    if let Some(given) = given {
        return Ok(given);
    }
    let manifest = ["manifest-sha256.txt", "manifest-sha512.txt"]
        .iter()
        .map(|m| bag_dir.join(m))
        .find(|m| m.is_file())
        .unwrap_or_else(|| bag_dir.join("manifest-sha256.txt"));
    let (digest, _) = store::hash_file(&manifest, None)?;
    let name = manifest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(format!("{name} sha256:{digest}"))
}

fn row_error(dump_file: &Path, table: &str, row: &Map<String, Value>, message: String) -> Error {
    let id = row
        .get("uuid")
        .and_then(Value::as_str)
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    Error::invalid(
        "package",
        format!("{}: {table}{id}: {message}", dump_file.display()),
    )
}

/// Checks what the archive checks when the same data is typed in: language tags and links.
fn check_rows(dumped: &dump::ArchiveDump, dump_file: &Path) -> Result<()> {
    let tag = |table: &str, row: &Map<String, Value>, value: &Value| -> Result<()> {
        match value.as_str() {
            Some(t) if t.is_empty() || crate::language::is_tag(t) => Ok(()),
            Some(t) => Err(row_error(
                dump_file,
                table,
                row,
                crate::language::not_a_tag(t),
            )),
            None => Err(row_error(
                dump_file,
                table,
                row,
                format!("the language {value} is not text"),
            )),
        }
    };
    let list = |table: &str, row: &Map<String, Value>, column: &str| -> Result<Vec<Value>> {
        let Some(Value::String(json)) = row.get(column) else {
            return Ok(Vec::new());
        };
        match serde_json::from_str::<Value>(json) {
            Ok(Value::Array(items)) => Ok(items),
            _ => Err(row_error(
                dump_file,
                table,
                row,
                format!("{column} is not a list"),
            )),
        }
    };
    for t in &dumped.tables {
        let table = t.table.as_str();
        for row in &t.rows {
            // Every table's languages (transcripts, captions, tags and their labels, sources,
            // and whatever a later schema adds) are tags.
            if let Some(language) = row.get("language") {
                tag(table, row, language)?;
            }
            match table {
                "interviews" => {
                    for language in list(table, row, "languages")? {
                        if language.as_str() == Some("") {
                            return Err(row_error(
                                dump_file,
                                table,
                                row,
                                "a blank language".into(),
                            ));
                        }
                        tag(table, row, &language)?;
                    }
                }
                "index_points" => {
                    for link in list(table, row, "hyperlinks")? {
                        let text = link.as_str().unwrap_or_default();
                        crate::transcript::index::check_hyperlink(text).map_err(|reason| {
                            row_error(dump_file, table, row, format!("the link {link}: {reason}"))
                        })?;
                    }
                }
                _ => {}
            }
        }
        // A table of a later schema that names files would be taken in without these checks.
        let names_files = t.rows.iter().any(|r| r.contains_key("path"));
        if names_files && !FILE_TABLES.iter().any(|(f, _)| *f == table) {
            return Err(Error::invalid(
                "package",
                format!(
                    "{}: the table {table} names files, and this Recollect does not know how to take them in",
                    dump_file.display()
                ),
            ));
        }
    }
    Ok(())
}

fn is_sha256(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Copies every file the package's records keep into the media folder, and rewrites those
/// records to point at the copies: where a file is kept is this archive's business.
fn take_in_files(
    archive: &Archive,
    dumped: &mut dump::ArchiveDump,
    verified: &bagit::VerifiedBag,
    bag_dir: &Path,
    job: &JobContext,
) -> Result<Vec<Placed>> {
    let mut placed = Vec::new();
    let has_files = dumped
        .tables
        .iter()
        .any(|t| FILE_TABLES.iter().any(|(f, _)| *f == t.table) && !t.rows.is_empty());
    if !has_files {
        return Ok(placed);
    }
    let media_dir = archive
        .media_dir()
        .and_then(|p| std::path::absolute(p).ok())
        .ok_or_else(|| {
            Error::invalid(
                "package",
                "an archive in memory has no media folder to take a package's files into",
            )
        })?;
    let dump_file = bag_dir.join("data").join(DUMP_PATH);
    for table in dumped.tables.iter_mut() {
        let Some((table_name, folder)) = FILE_TABLES.iter().find(|(f, _)| *f == table.table) else {
            continue;
        };
        for row in table.rows.iter_mut() {
            let sha = row
                .get("sha256")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            if !is_sha256(&sha) {
                return Err(row_error(
                    &dump_file,
                    table_name,
                    row,
                    format!("\"{sha}\" is not a SHA-256"),
                ));
            }
            let name = row
                .get("original_name")
                .and_then(Value::as_str)
                .filter(|n| !n.is_empty())
                .or_else(|| row.get("path").and_then(Value::as_str))
                .unwrap_or_default()
                .to_owned();
            let payload = verified
                .payload
                .iter()
                .find(|(path, digest)| path.starts_with(folder) && digest.as_str() == sha)
                .map(|(path, _)| bag_dir.join("data").join(path));
            let Some(payload) = payload else {
                if *table_name == "media" {
                    // Its file did not come along (a recording referenced on the other
                    // machine, say): a managed recording to relink, never a path out there.
                    let mime = row
                        .get("mime_type")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned();
                    row.insert("storage".into(), "managed".into());
                    row.insert(
                        "path".into(),
                        crate::media::managed_path(&sha, &mime, &name).into(),
                    );
                    continue;
                }
                return Err(row_error(
                    &dump_file,
                    table_name,
                    row,
                    format!("its file (SHA-256 {sha}) is listed but not in the package"),
                ));
            };
            check_regular_file(&payload)?;
            let (path, size) = match *table_name {
                "media" => {
                    let taken = crate::media::take_in(&media_dir, &payload, &sha, &name, job)?;
                    placed.push(taken.placed);
                    row.insert("storage".into(), "managed".into());
                    row.insert("mime_type".into(), taken.mime_type.into());
                    row.insert("kind".into(), taken.kind.as_str().into());
                    (taken.path, taken.size_bytes)
                }
                _ => {
                    let incoming = store::copy_to_temp(&media_dir, &payload, job)?;
                    if incoming.sha256 != sha {
                        return Err(row_error(
                            &dump_file,
                            table_name,
                            row,
                            format!(
                                "{} has SHA-256 {}, not the {sha} its record says",
                                payload.display(),
                                incoming.sha256
                            ),
                        ));
                    }
                    let ext = if *table_name == "photos" {
                        photo_extension(row)
                    } else {
                        document_extension(&name)
                    };
                    let mut stored = store::place(&media_dir, incoming, &ext)?;
                    let path = stored.path.clone();
                    let size = stored.size_bytes;
                    placed.push(std::mem::take(&mut stored.placed));
                    (path, size)
                }
            };
            row.insert("path".into(), path.into());
            row.insert("size_bytes".into(), size.into());
            job.check()?;
        }
    }
    Ok(placed)
}

/// A payload file must be a file of the bag, not a link to one elsewhere.
fn check_regular_file(payload: &Path) -> Result<()> {
    let meta = std::fs::symlink_metadata(payload).map_err(|e| Error::io(payload, e))?;
    if meta.file_type().is_file() {
        Ok(())
    } else {
        Err(Error::invalid(
            "package",
            format!(
                "{} is not a regular file (a link or a device); the package is refused",
                payload.display()
            ),
        ))
    }
}

fn photo_extension(row: &Map<String, Value>) -> String {
    match row.get("mime_type").and_then(Value::as_str) {
        Some("image/png") => "png",
        Some("image/tiff") => "tif",
        _ => "jpg",
    }
    .to_owned()
}

fn document_extension(name: &str) -> String {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .filter(|e| !e.is_empty() && e.len() <= 8 && e.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "bin".to_owned())
}

/// Whether a record of this archive keeps the file at `path` in the media folder.
fn is_referenced(archive: &Archive, path: &Path) -> Result<bool> {
    let Some(media_dir) = archive
        .media_dir()
        .and_then(|p| std::path::absolute(p).ok())
    else {
        return Ok(false);
    };
    let Some(relative) = path
        .strip_prefix(&media_dir)
        .ok()
        .and_then(|r| r.to_str())
        .map(|r| r.replace('\\', "/"))
    else {
        return Ok(false);
    };
    Ok(archive.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM media WHERE storage = 'managed' AND path = ?1)
             OR EXISTS (SELECT 1 FROM photos WHERE path = ?1)
             OR EXISTS (SELECT 1 FROM documents WHERE path = ?1)",
        [&relative],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests;
