//! Exporting a package: the selected records as a BagIt bag with transcripts in every format,
//! OHMS XML, JSON-LD and CSV metadata, the provenance log, the recordings, and a full dump for
//! handover; and importing such a package back.
//!
//! [`write_package`] gathers the content once ([`content::gather`]), then hands it to one writer
//! per layer, each in its own file: [`transcripts`], [`recordings`], [`ohms`], [`photos`],
//! [`metadata`], [`site_model`] (written by the site), [`handover`] and [`bag_info`].

mod bag_info;
mod handover;
mod metadata;
mod ohms;
mod photos;
mod recordings;
mod site_model;
mod transcripts;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{
    bagit::{self, Payload},
    content::{self, Selection},
};
use crate::{
    archive::Archive,
    error::{Error, Result},
    ids,
    jobs::{JobContext, Progress},
    provenance::{self, EventType, Origin},
};

pub use super::content::Profile;

/// The phases of writing a package, as a job reports them after those of gathering
/// ([`content::phase`]); each counts from 0 of its total, then the bag reports
/// [`bagit::HASHING`].
pub mod phase {
    /// Interviews written (transcripts, recordings, OHMS).
    pub const INTERVIEWS: &str = "writing interviews";
    /// Photos written (re-encoded, for a public package).
    pub const PHOTOS: &str = "writing photos";
    /// Metadata (JSON-LD, CSV, the provenance log).
    pub const METADATA: &str = "writing metadata";
    /// The site's files.
    pub const SITE: &str = super::super::site::PHASE;
}

/// What to export and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ExportOptions {
    /// A new folder for the bag.
    pub out: String,
    /// Public or full.
    pub profile: Profile,
    /// Which records.
    pub selection: Selection,
    /// `Source-Organization` in bag-info.txt.
    #[serde(default)]
    pub organization: String,
    /// `Contact-Name` in bag-info.txt.
    #[serde(default)]
    pub contact: String,
    /// `External-Description` in bag-info.txt.
    #[serde(default)]
    pub description: String,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ExportSummary {
    /// The bag's folder.
    pub out: String,
    /// Interviews in it.
    pub interviews: u32,
    /// Payload files.
    pub files: u32,
    /// Payload size in megabytes.
    pub megabytes: f64,
    /// What the public profile withheld, one line each.
    pub withheld: Vec<String>,
}

/// What a package would hold, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ExportPreview {
    /// Interviews selected.
    pub interviews: u32,
    /// What the profile withholds, one line each ("1 interview closed").
    pub withheld: Vec<String>,
}

/// What an export of `profile` and `selection` as of `today` would hold and withhold: the
/// same interviews and the same withheld lines as the content [`write_package`] gathers,
/// judged by the same public view, without reading what only the files need
/// ([`content::preview`]). Reports its progress to `job` and stops when it is cancelled.
pub fn preview(
    archive: &Archive,
    profile: Profile,
    selection: &Selection,
    today: &str,
    job: &JobContext,
) -> Result<ExportPreview> {
    let (interviews, withheld) = content::preview(archive, profile, selection, today, job)?;
    Ok(ExportPreview {
        interviews,
        withheld,
    })
}

/// Writes a package. `today` (`yyyy-mm-dd`) is the date restrictions are judged at.
///
/// Reads the archive and writes the folder ([`write_package`]), then logs the export in the
/// archive's history ([`record_export`]): a window runs the first part on a read connection,
/// so other work goes on while a long export is written.
pub fn export(
    archive: &mut Archive,
    options: &ExportOptions,
    today: &str,
    origin: Origin,
    job: &JobContext,
) -> Result<ExportSummary> {
    let written = write_package(archive, options, today, job)?;
    record_export(archive, written, origin, job)
}

/// A package written to its folder and not yet logged: dropping it removes what was written.
pub struct WrittenPackage {
    summary: ExportSummary,
    package_id: String,
    interview_ids: Vec<String>,
    profile: Profile,
    unfinished: Unfinished,
}

/// The first part of [`export`]: reads what the profile lets leave and writes it as a bag,
/// one layer after the other, each from the same content. Writes nothing to the archive.
pub fn write_package(
    archive: &Archive,
    options: &ExportOptions,
    today: &str,
    job: &JobContext,
) -> Result<WrittenPackage> {
    job.report(Progress::Started {
        title: format!("Exporting a {} package", options.profile.name()),
    });
    let out = PathBuf::from(&options.out);
    if options.profile == Profile::Public {
        refuse_future_day(today, &crate::dates::today())?;
    }
    bagit::check_root(&out)?;
    // Whatever fails from here on, the folder is left as it was found (absent, or empty), so
    // the same export can simply be run again.
    let unfinished = Unfinished::watch(&out);
    let mut content = content::gather(archive, options.profile, &options.selection, today, job)?;
    // Each layer lists its files; the bag takes them all at the end, in one place.
    let mut payload = Payload::new();
    let mut withheld = content.withheld.clone();

    // Silenced copies of recordings are made beside the bag, and removed once it is written:
    // the bag copies its files when it finishes.
    let scratch = recordings::tempfile_dir(&out)?;
    let mut recordings_placed = recordings::RecordingsPlaced::default();
    let mut transcripts_placed = transcripts::TranscriptsPlaced::default();
    let interviews = content.interviews.len() as u32;
    job.step(phase::INTERVIEWS, 0, Some(interviews))?;
    for (number, packaged) in content.interviews.iter().enumerate() {
        transcripts::add_transcripts(&mut payload, packaged, &mut transcripts_placed);
        let placed = recordings::add_recordings(
            &mut payload,
            &scratch,
            packaged,
            options.profile,
            &mut withheld,
            job,
        )?;
        recordings_placed.insert(packaged.interview.id.clone(), placed);
        ohms::add_ohms(&mut payload, number, packaged, &content, options, today);
        job.step(phase::INTERVIEWS, number as u32 + 1, Some(interviews))?;
    }
    let photo_paths = photos::add_photos(&mut payload, &content, job)?;
    job.step(phase::METADATA, 0, Some(1))?;
    metadata::add_metadata(&mut payload, &content, &photo_paths, &transcripts_placed)?;
    job.step(phase::METADATA, 1, Some(1))?;
    let site = site_model::site_model(
        &content,
        options,
        today,
        &withheld,
        &recordings_placed,
        &transcripts_placed,
        &photo_paths,
    );
    super::site::add_to_payload(&mut payload, &site, job)?;
    if let Some(handover) = content.handover.take() {
        handover::add_handover(&mut payload, handover);
    }

    // The package names itself, so events imported from it can say where they came from.
    let package_id = ids::new_id();
    let info = bag_info::bag_info(
        &content.curator,
        options,
        today,
        &content.selection_described,
        content.interviews.len(),
        &withheld,
        &package_id,
    );
    let written = bagit::write_bag(&out, payload, info, job)?;
    drop(scratch);
    Ok(WrittenPackage {
        summary: ExportSummary {
            out: options.out.clone(),
            interviews: content.interviews.len() as u32,
            files: written.files as u32,
            megabytes: written.bytes as f64 / 1_048_576.0,
            withheld,
        },
        package_id,
        interview_ids: content.interview_ids,
        profile: options.profile,
        unfinished,
    })
}

/// The second part of [`export`]: logs the written package in the archive's history, and only
/// then lets it stay.
pub fn record_export(
    archive: &mut Archive,
    mut written: WrittenPackage,
    origin: Origin,
    job: &JobContext,
) -> Result<ExportSummary> {
    let summary = &written.summary;
    archive.write(|w| {
        provenance::record(
            w,
            EventType::Export,
            "package",
            &written.package_id,
            origin,
            None::<&()>,
            Some(&serde_json::json!({
                "out": summary.out,
                "profile": written.profile,
                "interviews": written.interview_ids,
                "withheld": summary.withheld,
            })),
        )
    })?;
    written.unfinished.finished();
    job.report(Progress::Finished {
        summary: format!(
            "{} interviews, {} files written to {}",
            summary.interviews, summary.files, summary.out
        ),
    });
    Ok(written.summary)
}

/// A public package is written as of today: a later day would lift embargoes that still hold.
/// (The public view may be looked at for any day; only writing one is refused.) An earlier day
/// only withholds more, and is allowed.
fn refuse_future_day(day: &str, today: &str) -> Result<()> {
    let day = crate::dates::day("as-of", Some(day))?.unwrap_or_default();
    if day.as_str() > today {
        return Err(Error::invalid(
            "as-of",
            format!(
                "a public package cannot be written as of {day}, a day still to come (today is {today}): embargoes that hold today would leave with it. Preview that day with `recollect public --today {day}`, and export it on that day"
            ),
        ));
    }
    Ok(())
}

/// The folder a package is being written to, emptied again (or removed, when the export made
/// it) if the export does not finish.
struct Unfinished {
    root: Option<PathBuf>,
    made_here: bool,
}

impl Unfinished {
    fn watch(root: &Path) -> Self {
        Unfinished {
            made_here: !root.exists(),
            root: Some(root.to_path_buf()),
        }
    }

    fn finished(&mut self) {
        self.root = None;
    }
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        let Some(root) = self.root.take() else {
            return;
        };
        if self.made_here {
            let _ = std::fs::remove_dir_all(&root);
        } else if let Ok(entries) = std::fs::read_dir(&root) {
            // The folder was empty before (`check_root`): everything in it is this export's.
            for entry in entries.flatten() {
                let path = entry.path();
                let _ = match entry.file_type() {
                    Ok(t) if t.is_dir() => std::fs::remove_dir_all(&path),
                    _ => std::fs::remove_file(&path),
                };
            }
        }
    }
}

/// Where a full package keeps the dump of its records.
pub const DUMP_PATH: &str = "metadata/recollect-archive.json";

pub use super::incoming::import;

#[cfg(test)]
mod tests;
