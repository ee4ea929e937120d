//! What goes into a package: the selected interviews with their transcripts, index and
//! people, gathered once so every layer of the package (files, metadata, site) is written from
//! the same content. The `public` profile's content comes from the public view, which withholds
//! what may not leave; the `full` profile's carries everything.

mod public;

use serde::{Deserialize, Serialize};

use crate::{
    archive::Archive,
    collection::{self, Collection},
    error::Result,
    interview::{self, Interview, InterviewFilter},
    material,
    media::Media,
    people::{self, Person},
    provenance::{self, Event},
    search::{self, SearchQuery},
    transcript::{index::IndexPoint, Segment, Transcript},
};

pub(crate) use public::public;

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
    /// The ids of the interviews selected, in title order.
    pub fn interview_ids(&self, archive: &Archive) -> Result<Vec<String>> {
        Ok(match self {
            Selection::All => interview::list(archive, &InterviewFilter::default())?
                .into_iter()
                .map(|i| i.id)
                .collect(),
            Selection::Collection { id } => interview::list(
                archive,
                &InterviewFilter {
                    collection_id: Some(id.clone()),
                },
            )?
            .into_iter()
            .map(|i| i.id)
            .collect(),
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
                for id in ids {
                    interview::get(archive, id)?;
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

    /// A description for the `bag-info.txt` of a public package: nothing the public view
    /// withholds (a closed collection's title) and not the words of a search, which may be
    /// words of a sealed passage.
    pub fn describe_public(&self, view: &crate::public::PublicView<'_>) -> Result<String> {
        Ok(match self {
            Selection::Collection { id } => match view.collection(id)? {
                Some(c) => format!("the collection \"{}\"", c.title),
                None => "one collection".into(),
            },
            Selection::Search { .. } => "the interviews found by a search".into(),
            Selection::All | Selection::Interviews { .. } => self.describe_plain(),
        })
    }

    fn describe_plain(&self) -> String {
        match self {
            Selection::Interviews { ids } => format!("{} hand-picked interviews", ids.len()),
            _ => "the whole archive".into(),
        }
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

/// A photo as it leaves: the original, a web-size copy, and its regions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackagedPhoto {
    /// The photo and its captions.
    pub photo: crate::photo::Photo,
    /// The original image on this machine.
    pub file: std::path::PathBuf,
    /// A JPEG no larger than [`WEB_SIZE`] pixels, made on demand and cached.
    pub web: std::path::PathBuf,
    /// Its regions; in a public package a withheld person's region has no person and the label
    /// "[name withheld]".
    pub regions: Vec<crate::photo::region::Region>,
    /// Whether the image files must be made again from their pixels before they leave, so that
    /// no metadata block of the original (EXIF, XMP, IPTC, comments) goes with them: the case
    /// for every public package.
    pub reencode: bool,
}

/// The longest side of the web-size copy of a photo.
pub const WEB_SIZE: u32 = 1600;

/// The photos of a selection: attached to its interviews or in its collections; every photo
/// when the whole archive is selected.
pub fn selected_photos(
    archive: &Archive,
    interview_ids: &[String],
    collection_ids: &[String],
    all: bool,
) -> Result<Vec<crate::photo::Photo>> {
    let photos = crate::photo::list(archive, &Default::default())?;
    Ok(photos
        .into_iter()
        .filter(|p| {
            all || p.interview_ids.iter().any(|i| interview_ids.contains(i))
                || p.collection_ids.iter().any(|c| collection_ids.contains(c))
        })
        .collect())
}

/// Files and regions of photos, for a package.
pub fn package_photos(
    archive: &Archive,
    photos: Vec<crate::photo::Photo>,
) -> Result<Vec<PackagedPhoto>> {
    photos
        .into_iter()
        .map(|photo| {
            let file = crate::photo::file_path(archive, &photo).ok_or_else(|| {
                crate::Error::invalid(
                    "photo",
                    format!("{} has no file in this archive", photo.original_name),
                )
            })?;
            let web = crate::photo::thumbnail(archive, &photo.id, WEB_SIZE)?;
            let regions = crate::photo::region::regions(archive, &photo.id)?;
            Ok(PackagedPhoto {
                photo,
                file,
                web,
                regions,
                reencode: false,
            })
        })
        .collect()
}

/// Everything a package holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackageContent {
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
}

/// Everything about the selected interviews, withholding nothing: the `full` profile.
pub fn full(archive: &Archive, interview_ids: &[String], all: bool) -> Result<PackageContent> {
    let mut interviews = Vec::new();
    let mut person_ids: Vec<String> = Vec::new();
    let mut collection_ids: Vec<String> = Vec::new();
    for batch in interview_ids.chunks(material::BATCH) {
        for m in material::read(archive, batch)? {
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
        }
    }
    let collections = collection_ids
        .iter()
        .map(|id| collection::get(archive, id))
        .collect::<Result<Vec<_>>>()?;
    let photos = package_photos(
        archive,
        selected_photos(archive, interview_ids, &collection_ids, all)?,
    )?;
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
    let people = person_ids
        .iter()
        .map(|id| people::get(archive, id))
        .collect::<Result<Vec<_>>>()?;
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
        collections,
        interviews,
        people,
        photos,
        events,
        withheld: Vec::new(),
    })
}
