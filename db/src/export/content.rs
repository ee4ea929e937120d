//! What goes into a package: the selected interviews with their transcripts, index and
//! people, gathered once so every layer of the package (files, metadata, site) is written from
//! the same content. The `public` profile's content comes from the public view, which withholds
//! what may not leave; the `full` profile's carries everything.

mod public;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::dump;
use crate::{
    archive::Archive,
    collection::{self, Collection},
    error::Result,
    interview::{self, Interview},
    jobs::JobContext,
    material,
    media::Media,
    people::{self, Person},
    photo::region::Region,
    provenance::{self, Event},
    search::{self, SearchQuery},
    transcript::{index::IndexPoint, Segment, Transcript},
};

pub(crate) use public::{public, public_preview};

/// Which export profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// For publication: honours every restriction, embargo and redaction as of the export date.
    Public,
    /// For handover to another curator or a repository: everything.
    Full,
}

impl Profile {
    /// The profile's name, as the command line and `bag-info.txt` write it.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Public => "public",
            Profile::Full => "full",
        }
    }
}

impl std::str::FromStr for Profile {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "public" => Ok(Profile::Public),
            "full" => Ok(Profile::Full),
            other => Err(crate::Error::invalid(
                "profile",
                format!("\"{other}\" is not a profile; use public or full"),
            )),
        }
    }
}

/// Which records a package holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Selection {
    /// The whole archive.
    All,
    /// One collection.
    Collection {
        /// Its id.
        id: String,
    },
    /// The interviews a search finds.
    Search {
        /// The query.
        query: String,
    },
    /// Hand-picked interviews.
    Interviews {
        /// Their ids.
        ids: Vec<String>,
    },
}

impl Selection {
    /// The ids of the interviews selected, in title order (a search's in its order, hand-picked
    /// ones as given).
    pub fn interview_ids(&self, archive: &Archive) -> Result<Vec<String>> {
        Ok(match self {
            Selection::All => interview::list_ids(archive, None)?,
            Selection::Collection { id } => interview::list_ids(archive, Some(id))?,
            Selection::Search { query } => {
                let hits = search::search(
                    archive,
                    &SearchQuery {
                        text: query.clone(),
                        limit: Some(1000),
                        ..Default::default()
                    },
                )?;
                let mut ids: Vec<String> = Vec::new();
                for id in hits.into_iter().filter_map(|h| h.interview_id) {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                ids
            }
            Selection::Interviews { ids } => {
                // Only whether each is there: the interviews are read once, with their material.
                for id in ids {
                    interview::key(archive.conn(), id)?;
                }
                ids.clone()
            }
        })
    }

    /// The ids of the interviews selected as the public view sees them: a search finds only
    /// what may leave (a segment or index point whose words are public, the title or summary of
    /// a public interview), never what a seal or redaction holds back.
    pub fn public_interview_ids(
        &self,
        archive: &Archive,
        view: &crate::public::PublicView<'_>,
    ) -> Result<Vec<String>> {
        let Selection::Search { query } = self else {
            return self.interview_ids(archive);
        };
        let hits = search::search(
            archive,
            &SearchQuery {
                text: query.clone(),
                limit: Some(1000),
                ..Default::default()
            },
        )?;
        let mut ids: Vec<String> = Vec::new();
        for hit in hits {
            let Some(interview_id) = hit.interview_id.clone() else {
                continue;
            };
            if ids.contains(&interview_id) || !view.hit_is_public(&hit)? {
                continue;
            }
            ids.push(interview_id);
        }
        Ok(ids)
    }

    /// A description for `bag-info.txt`.
    pub fn describe(&self, archive: &Archive) -> String {
        match self {
            Selection::All => "the whole archive".into(),
            Selection::Collection { id } => match collection::get(archive, id) {
                Ok(c) => format!("the collection \"{}\"", c.title),
                Err(_) => format!("collection {id}"),
            },
            Selection::Search { query } => {
                format!("the interviews found by the search \"{query}\"")
            }
            Selection::Interviews { ids } => format!("{} hand-picked interviews", ids.len()),
        }
    }
}

/// A segment as it leaves: its text, or a notice that it was withheld.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackagedSegment {
    /// The segment; in a public package a withheld segment's text is empty or replaced.
    pub segment: Segment,
    /// Why the text is not there ("sealed until 2030-01-01", "redacted").
    pub withheld: Option<String>,
}

/// A transcript as it leaves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackagedTranscript {
    /// The transcript.
    pub transcript: Transcript,
    /// Its segments.
    pub segments: Vec<PackagedSegment>,
}

/// An interview as it leaves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackagedInterview {
    /// The interview.
    pub interview: Interview,
    /// Its transcripts.
    pub transcripts: Vec<PackagedTranscript>,
    /// Its index.
    pub index_points: Vec<IndexPoint>,
    /// Its recordings, with where each file is on this machine.
    pub recordings: Vec<(Media, std::path::PathBuf)>,
    /// Time ranges (ms) withheld from the recordings, to be silenced.
    pub silenced_ranges: Vec<(u32, u32)>,
}

/// A photo as it leaves: the original, how its images leave, and its regions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackagedPhoto {
    /// The photo and its captions.
    pub photo: crate::photo::Photo,
    /// The original image on this machine.
    pub file: std::path::PathBuf,
    /// How its full-size and web-size images are made.
    pub images: PhotoImages,
    /// Its regions; in a public package a withheld person's region has no person and the label
    /// "[name withheld]".
    pub regions: Vec<Region>,
}

/// How a packaged photo's images are made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PhotoImages {
    /// The original as stored, and the archive's cached web-size copy, a JPEG no larger than
    /// [`WEB_SIZE`] pixels (made on demand).
    AsStored {
        /// The cached web-size copy.
        web: std::path::PathBuf,
    },
    /// Both made again from the original's pixels, so that no metadata block of the original
    /// (EXIF, XMP, IPTC, comments) goes with them: the case for every public package.
    Reencoded,
}

/// The longest side of the web-size copy of a photo.
pub const WEB_SIZE: u32 = 1600;

/// Files of photos (each with the regions it leaves with), for a package whose images leave
/// as `reencode` says: a re-encoded photo needs no cached web copy, so none is made for it.
/// Reports [`phase::PHOTOS`] to `job` from 0 of their number, and stops when it is cancelled.
pub fn package_photos(
    archive: &Archive,
    photos: Vec<(crate::photo::Photo, Vec<Region>)>,
    reencode: bool,
    job: &JobContext,
) -> Result<Vec<PackagedPhoto>> {
    let total = photos.len() as u32;
    job.step(phase::PHOTOS, 0, Some(total))?;
    photos
        .into_iter()
        .enumerate()
        .map(|(n, (photo, regions))| {
            let packaged = package_photo(archive, photo, regions, reencode)?;
            job.step(phase::PHOTOS, n as u32 + 1, Some(total))?;
            Ok(packaged)
        })
        .collect()
}

/// One photo's file, as [`package_photos`] finds it.
pub(crate) fn package_photo(
    archive: &Archive,
    photo: crate::photo::Photo,
    regions: Vec<Region>,
    reencode: bool,
) -> Result<PackagedPhoto> {
    let file = crate::photo::file_path(archive, &photo).ok_or_else(|| {
        crate::Error::invalid(
            "photo",
            format!("{} has no file in this archive", photo.original_name),
        )
    })?;
    let images = if reencode {
        PhotoImages::Reencoded
    } else {
        PhotoImages::AsStored {
            web: crate::photo::thumbnail::thumbnail_of(archive, &photo, WEB_SIZE)?,
        }
    };
    Ok(PackagedPhoto {
        photo,
        file,
        images,
        regions,
    })
}

/// Everything a package holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageContent {
    /// The ids of the interviews selected (for the public profile, those its view lets the
    /// selection find), in the package's order.
    pub interview_ids: Vec<String>,
    /// What the selection is, in words the profile lets leave, for `bag-info.txt`.
    pub selection_described: String,
    /// The curator's name as the archive knows it (`Contact-Name` when none is given).
    pub curator: String,
    /// Collections of the selected interviews.
    pub collections: Vec<Collection>,
    /// The interviews.
    pub interviews: Vec<PackagedInterview>,
    /// The people they name.
    pub people: Vec<Person>,
    /// The photos.
    pub photos: Vec<PackagedPhoto>,
    /// The provenance events of every record in the package.
    pub events: Vec<Event>,
    /// What was withheld, one line each, for `bag-info.txt` and the export preview.
    pub withheld: Vec<String>,
    /// The handover layer, in a full package only.
    pub handover: Option<Handover>,
}

/// A full package's handover layer: every row of the selected records, for a lossless import
/// into another archive, and the documents they keep (deeds of gift, release forms).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handover {
    /// The rows, as the JSON the package carries: written out while gathering, so the tree of
    /// rows (several times the size of its text) is not kept while the other layers are written.
    pub dump_json: Vec<u8>,
    /// Each document's path in the package, with its file on this machine.
    pub documents: Vec<(String, PathBuf)>,
}

/// The phases of gathering, as a job reports them: each counts from 0 of its total.
pub mod phase {
    /// Interviews read (and, for a public package, judged by the public view).
    pub const INTERVIEWS: &str = "reading interviews";
    /// Photos read and judged.
    pub const PHOTOS: &str = "reading photos";
    /// The records' history (and, for a full package, the rows for handover).
    pub const HISTORY: &str = "reading history";
}

/// Everything a package of this profile holds, read once from the archive as of `today`:
/// the one place an export reads the archive, so each layer of the package is written from
/// what was read here and, for a public package, from what the public view let leave.
/// Reports its phases ([`phase`]) to `job`, each with its count from the start, and stops
/// with [`crate::Error::Cancelled`] between steps when the job is cancelled.
pub fn gather(
    archive: &Archive,
    profile: Profile,
    selection: &Selection,
    today: &str,
    job: &JobContext,
) -> Result<PackageContent> {
    let all = matches!(selection, Selection::All);
    let mut content = match profile {
        Profile::Public => {
            let view = crate::public::PublicView::new(archive, today)?;
            let interview_ids = selection.public_interview_ids(archive, &view)?;
            public(archive, &view, selection, interview_ids, all, job)?
        }
        Profile::Full => {
            let interview_ids = selection.interview_ids(archive)?;
            let content = full(archive, interview_ids, all, job)?;
            PackageContent {
                selection_described: selection.describe(archive),
                handover: Some(handover(archive, selection, &content.interview_ids, job)?),
                ..content
            }
        }
    };
    job.step(phase::HISTORY, 1, Some(1))?;
    content.curator = archive.agent().to_owned();
    Ok(content)
}

/// What an export of this profile would hold and withhold, as [`gather`] would find it,
/// without reading what only the package's files need: the number of interviews and the lines
/// of what the profile withholds. Reports its phases to `job`, and stops when it is cancelled.
pub fn preview(
    archive: &Archive,
    profile: Profile,
    selection: &Selection,
    today: &str,
    job: &JobContext,
) -> Result<(u32, Vec<String>)> {
    match profile {
        Profile::Public => {
            let view = crate::public::PublicView::new(archive, today)?;
            let interview_ids = selection.public_interview_ids(archive, &view)?;
            let all = matches!(selection, Selection::All);
            public_preview(archive, &view, &interview_ids, all, job)
        }
        // A full package withholds nothing: it holds every interview selected.
        Profile::Full => Ok((selection.interview_ids(archive)?.len() as u32, Vec::new())),
    }
}

/// The rows of the selected records, and the documents they keep.
fn handover(
    archive: &Archive,
    selection: &Selection,
    interview_ids: &[String],
    job: &JobContext,
) -> Result<Handover> {
    let dump = match selection {
        Selection::All => dump::dump_for(archive, job)?,
        _ => dump::dump_selection_for(archive, interview_ids, job)?,
    };
    job.check()?;
    let mut documents = Vec::new();
    for table in dump.tables.iter().filter(|t| t.table == "documents") {
        for row in &table.rows {
            let (Some(uuid), Some(stored)) = (
                row.get("uuid").and_then(|v| v.as_str()),
                row.get("path").and_then(|v| v.as_str()),
            ) else {
                continue;
            };
            let file = crate::store::resolve_path(archive, stored)?;
            let ext = std::path::Path::new(stored)
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
                .unwrap_or_else(|| "bin".into());
            documents.push((format!("documents/{uuid}.{ext}"), file));
        }
    }
    Ok(Handover {
        dump_json: serde_json::to_vec(&dump)?,
        documents,
    })
}

/// Everything about the selected interviews, withholding nothing: the `full` profile.
fn full(
    archive: &Archive,
    interview_ids: Vec<String>,
    all: bool,
    job: &JobContext,
) -> Result<PackageContent> {
    let mut interviews = Vec::new();
    let mut person_ids: Vec<String> = Vec::new();
    let mut collection_ids: Vec<String> = Vec::new();
    material::read_each(archive, &interview_ids, job, phase::INTERVIEWS, |m| {
        let interview = m.interview;
        for p in interview.narrators.iter().chain(&interview.interviewers) {
            if !person_ids.contains(&p.id) {
                person_ids.push(p.id.clone());
            }
        }
        if let Some(c) = &interview.collection_id {
            if !collection_ids.contains(c) {
                collection_ids.push(c.clone());
            }
        }
        let transcripts = m
            .transcripts
            .into_iter()
            .map(|(transcript, segments)| PackagedTranscript {
                transcript,
                segments: segments
                    .into_iter()
                    .map(|segment| PackagedSegment {
                        segment,
                        withheld: None,
                    })
                    .collect(),
            })
            .collect();
        interviews.push(PackagedInterview {
            index_points: m.index_points,
            interview,
            transcripts,
            recordings: m.recordings,
            silenced_ranges: Vec::new(),
        });
        Ok(())
    })?;
    let selected_photos = crate::photo::selected(archive, &interview_ids, &collection_ids, all)?;
    let photos = package_photos(archive, selected_photos, false, job)?;
    job.step(phase::HISTORY, 0, Some(1))?;
    // The people identified in the photos come along with the narrators and interviewers.
    for id in photos.iter().flat_map(|p| {
        p.regions
            .iter()
            .filter_map(|r| r.person.as_ref().map(|x| x.id.clone()))
    }) {
        if !person_ids.contains(&id) {
            person_ids.push(id);
        }
    }
    // The records the interviews and photos name, each kind in one read.
    let collections = collection::many(archive.conn(), &collection_ids)?;
    let people = people::many(archive.conn(), &person_ids)?;
    let record_ids: Vec<String> = interview_ids
        .iter()
        .chain(&person_ids)
        .chain(&collection_ids)
        .cloned()
        .chain(
            interviews
                .iter()
                .flat_map(|i| i.transcripts.iter().map(|t| t.transcript.id.clone())),
        )
        .chain(photos.iter().map(|p| p.photo.id.clone()))
        .collect();
    let mut events = provenance::histories(archive, &record_ids)?;
    events.sort_by(|a, b| a.at.cmp(&b.at).then(a.id.cmp(&b.id)));
    Ok(PackageContent {
        interview_ids,
        selection_described: String::new(),
        curator: String::new(),
        collections,
        interviews,
        people,
        photos,
        events,
        withheld: Vec::new(),
        handover: None,
    })
}
