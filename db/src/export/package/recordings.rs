//! Audio and video: each interview's recordings, silenced and stripped for a public package.

use std::path::{Path, PathBuf};

use super::super::{
    bagit::{Payload, Source},
    content::PackagedInterview,
    silence,
};
use super::Profile;
use crate::{
    error::{Error, Result},
    ids,
    jobs::JobContext,
};

/// Where a recording went in the bag, for the site's player.
pub(super) struct PlacedRecording {
    /// Its path as the site's pages reach it.
    pub(super) path_from_site: String,
    pub(super) mime_type: String,
    pub(super) duration_ms: Option<u32>,
    /// The tape's label, or the file's original name.
    pub(super) label: String,
}

/// Where each interview's recordings went in the bag, by interview id.
pub(super) type RecordingsPlaced = std::collections::HashMap<String, Vec<PlacedRecording>>;

/// Audio and video: an interview's recordings, in a public package silenced where the view
/// withholds and stripped of their tags; one that cannot be silenced is left out and said so in
/// `withheld`. Returns where each went, for the site's player.
pub(super) fn add_recordings(
    payload: &mut Payload,
    scratch: &Scratch,
    packaged: &PackagedInterview,
    profile: Profile,
    withheld: &mut Vec<String>,
    job: &JobContext,
) -> Result<Vec<PlacedRecording>> {
    let i = &packaged.interview;
    let mut placed = Vec::new();
    for (position, (recording, file)) in packaged.recordings.iter().enumerate() {
        if recording.missing {
            return Err(Error::invalid(
                "recording",
                format!(
                    "{} of \"{}\" is missing at {}; relink it before exporting",
                    recording.original_name,
                    i.title,
                    file.display()
                ),
            ));
        }
        let name = format!(
            "media/{}/{:02}-{}",
            i.id,
            position + 1,
            safe_file_name(&recording.original_name, &recording.sha256)
        );
        let mime = recording.mime_type.as_str();
        let scratch_copy = || {
            scratch
                .path()
                .join(format!("{}-{}", recording.id, position))
        };
        let nothing_to_silence = packaged.silenced_ranges.is_empty();
        // A public copy of a recording that can be rewritten carries its sound only, even
        // with nothing to silence: a WAV's LIST/INFO chunk or a FLAC's comments may name
        // whom the public view withholds.
        let rewrite =
            profile == Profile::Public && (silence::can_silence(mime) || silence::is_mp3(mime));
        let source = if nothing_to_silence && !rewrite {
            file.clone()
        } else if nothing_to_silence && silence::is_mp3(mime) {
            // Nothing to silence, but the tags go: they may name whom the view withholds.
            let stripped = scratch_copy();
            silence::strip_mp3_tags(file, &stripped)?;
            stripped
        } else if silence::can_silence(mime) {
            let silenced = scratch_copy();
            silence::silence(file, mime, &packaged.silenced_ranges, &silenced, job)?;
            silenced
        } else {
            withheld.push(format!(
                "the recording {} of \"{}\" was left out: withheld passages cannot be silenced in {mime} files",
                recording.original_name, i.title
            ));
            continue;
        };
        payload.push((name.clone(), Source::File(source)));
        placed.push(PlacedRecording {
            path_from_site: format!("../{name}"),
            mime_type: recording.mime_type.clone(),
            duration_ms: recording.duration_ms,
            label: if recording.tape_label.is_empty() {
                recording.original_name.clone()
            } else {
                recording.tape_label.clone()
            },
        });
    }
    Ok(placed)
}

/// A file name for a recording in the package: its original name with anything that could
/// leave the folder or trouble another system replaced, or its hash when it had none.
fn safe_file_name(original: &str, sha256: &str) -> String {
    let cleaned: String = original
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        sha256.to_owned()
    } else {
        cleaned
    }
}

/// A scratch folder beside the package, removed when dropped.
pub(super) struct Scratch(PathBuf);

impl Scratch {
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub(super) fn tempfile_dir(out: &Path) -> Result<Scratch> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = parent.join(format!(".recollect-export-{}", ids::new_id()));
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    Ok(Scratch(dir))
}
