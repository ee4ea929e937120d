//! The `public` profile's content: read only through the public view, so every restriction,
//! embargo, seal and redaction holds in every layer of the package. Each part below turns what
//! the view hands it into the records a package is written from, and counts what it withheld.

use std::{
    collections::{HashMap, HashSet},
    path::PathBuf,
};

use super::{PackageContent, PackagedInterview, PackagedSegment, PackagedTranscript, Selection};
use crate::{
    archive::Archive,
    collection::Collection,
    error::Result,
    interview::Interview,
    jobs::JobContext,
    material::{self, Material},
    media::Media,
    people::{Person, PersonRef},
    provenance::{self, Event},
    public::{
        PublicCollection, PublicIndexPoint, PublicLayers, PublicName, PublicPerson, PublicStatus,
        PublicTranscript, PublicView, RecordingsToSilence,
    },
    transcript::{index::IndexPoint, Segment, Transcript},
};

/// What a public package of `selection` (its interviews as the view lets it find them) may
/// carry, as of the view's day.
pub(crate) fn public(
    archive: &Archive,
    view: &PublicView,
    selection: &Selection,
    interview_ids: Vec<String>,
    all: bool,
    job: &JobContext,
) -> Result<PackageContent> {
    let Judged {
        interviews,
        person_ids,
        collection_ids,
        photos,
        withheld,
    } = judge(archive, view, &interview_ids, all, job)?;
    job.step(super::phase::HISTORY, 0, Some(1))?;
    // The view's lists of public collections and people, asked once for the whole package:
    // the description of the selection and the package's records are both made from them.
    let (listed_collections, listed_people) = (view.collections()?, view.people()?);
    let selection_described = described(selection, &listed_collections);
    let collections = public_collections(listed_collections, &interviews, &collection_ids);
    let people = packaged_people(listed_people, &interviews, &person_ids, &photos);
    let events = public_events(archive, &interviews, &people, &collections)?;
    Ok(PackageContent {
        interview_ids,
        selection_described,
        curator: String::new(),
        handover: None,
        collections,
        interviews,
        people,
        photos,
        events,
        withheld: withheld.lines(),
    })
}

/// A description of the selection for the `bag-info.txt` of a public package: nothing the
/// public view withholds (a closed collection's title, so only a collection the view lists
/// is named) and not the words of a search, which may be words of a sealed passage.
fn described(selection: &Selection, listed_collections: &[PublicCollection]) -> String {
    match selection {
        Selection::Collection { id } => match listed_collections.iter().find(|c| &c.id == id) {
            Some(c) => format!("the collection \"{}\"", c.title),
            None => "one collection".into(),
        },
        Selection::Search { .. } => "the interviews found by a search".into(),
        Selection::Interviews { ids } => format!("{} hand-picked interviews", ids.len()),
        Selection::All => "the whole archive".into(),
    }
}

/// What a public package of these interviews would hold and withhold, judged as [`public`]
/// judges them (the same interviews and photos, through the same view) without reading what
/// only the package's files need: the people, collections and history. What the export
/// preview says.
pub(crate) fn public_preview(
    archive: &Archive,
    view: &PublicView,
    interview_ids: &[String],
    all: bool,
    job: &JobContext,
) -> Result<(u32, Vec<String>)> {
    let judged = judge(archive, view, interview_ids, all, job)?;
    Ok((judged.interviews.len() as u32, judged.withheld.lines()))
}

/// The interviews and photos the view lets leave, and what it withheld of them.
struct Judged {
    interviews: Vec<PackagedInterview>,
    /// The people the interviews name, in the order they are first named.
    person_ids: Vec<String>,
    collection_ids: Vec<String>,
    photos: Vec<super::PackagedPhoto>,
    withheld: Withheld,
}

/// Reads and judges the interviews, then the photos of the selection (reporting both phases).
fn judge(
    archive: &Archive,
    view: &PublicView,
    interview_ids: &[String],
    all: bool,
    job: &JobContext,
) -> Result<Judged> {
    let mut withheld = Withheld::default();
    let mut interviews = Vec::new();
    let mut person_ids: Vec<String> = Vec::new();
    material::read_each(archive, interview_ids, job, super::phase::INTERVIEWS, |m| {
        match view.layers(&m)? {
            Some(layers) => {
                interviews.push(public_interview(m, layers, &mut person_ids, &mut withheld))
            }
            None => withheld.closed += 1,
        }
        Ok(())
    })?;
    let collection_ids: Vec<String> = interviews
        .iter()
        .filter_map(|i| i.interview.collection_id.clone())
        .collect();
    let selected_photos = crate::photo::selected(archive, interview_ids, &collection_ids, all)?;
    let photos = public_photos(
        archive,
        view,
        selected_photos,
        &interviews,
        &collection_ids,
        &mut withheld,
        job,
    )?;
    Ok(Judged {
        interviews,
        person_ids,
        collection_ids,
        photos,
        withheld,
    })
}

/// How much of each kind the public view withheld, for the package to say.
#[derive(Default)]
struct Withheld {
    closed: u32,
    segments_withheld: u32,
    segments_redacted: u32,
    points_withheld: u32,
    recordings_out: u32,
    photos_out: u32,
    names_out: u32,
}

impl Withheld {
    /// One line for each kind something was withheld of ("2 interviews closed, ...").
    fn lines(&self) -> Vec<String> {
        [
            counted(
                self.closed,
                "interview",
                "interviews",
                "closed, restricted or embargoed",
            ),
            counted(self.photos_out, "photo", "photos", "withheld"),
            counted(
                self.names_out,
                "name in a photo",
                "names in photos",
                "withheld",
            ),
            counted(
                self.segments_withheld,
                "transcript segment",
                "transcript segments",
                "sealed or withheld",
            ),
            counted(
                self.segments_redacted,
                "transcript segment",
                "transcript segments",
                "redacted",
            ),
            counted(
                self.points_withheld,
                "index point",
                "index points",
                "withheld",
            ),
            counted(self.recordings_out, "recording", "recordings", "withheld"),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

fn counted(n: u32, one: &str, many: &str, what: &str) -> Option<String> {
    match n {
        0 => None,
        1 => Some(format!("1 {one} {what}")),
        n => Some(format!("{n} {many} {what}")),
    }
}

/// One interview as the view judged it: each layer from what [`PublicView::layers`] lets
/// leave, with the stored fields the view has no say in (status, dates of the record) from
/// the material it judged.
fn public_interview(
    m: Material,
    layers: PublicLayers,
    person_ids: &mut Vec<String>,
    withheld: &mut Withheld,
) -> PackagedInterview {
    let public = layers.interview;
    let interview = Interview {
        narrators: named(&public.narrators, person_ids),
        interviewers: named(&public.interviewers, person_ids),
        id: public.id,
        title: public.title,
        collection_id: public.collection_id,
        date: public.date,
        place: public.place,
        languages: public.languages,
        summary: public.summary,
        duration_ms: public.duration_ms,
        status: m.interview.status,
        created_at: m.interview.created_at,
        updated_at: m.interview.updated_at,
    };
    let stored_transcripts: Vec<Transcript> = m.transcripts.into_iter().map(|(t, _)| t).collect();
    let transcripts = public_transcripts(&stored_transcripts, layers.transcripts, withheld);
    let index_points = public_index_points(layers.index_points, withheld);
    let (recordings, silenced_ranges) =
        public_recordings(m.recordings, layers.recordings, withheld);
    PackagedInterview {
        interview,
        transcripts,
        index_points,
        recordings,
        silenced_ranges,
    }
}

/// The people the view names, noting each one's id in `person_ids`.
fn named(names: &[PublicName], person_ids: &mut Vec<String>) -> Vec<PersonRef> {
    names
        .iter()
        .map(|n| {
            if let Some(pid) = &n.id {
                if !person_ids.contains(pid) {
                    person_ids.push(pid.clone());
                }
            }
            PersonRef {
                id: n.id.clone().unwrap_or_default(),
                name: n.name.clone(),
            }
        })
        .collect()
}

/// Text and timing: each segment as the view shows it, with the notice of what it withholds.
fn public_transcripts(
    stored: &[Transcript],
    public: Vec<PublicTranscript>,
    withheld: &mut Withheld,
) -> Vec<PackagedTranscript> {
    public
        .into_iter()
        .filter_map(|t| {
            let stored = stored.iter().find(|s| s.id == t.id)?.clone();
            let segments = t
                .segments
                .into_iter()
                .map(|s| {
                    match s.status {
                        PublicStatus::Open => {}
                        PublicStatus::Redacted => withheld.segments_redacted += 1,
                        PublicStatus::Sealed | PublicStatus::Withheld => {
                            withheld.segments_withheld += 1
                        }
                    }
                    let notice = match s.status {
                        PublicStatus::Open => None,
                        _ => Some(s.notice.clone().unwrap_or_else(|| "withheld".into())),
                    };
                    PackagedSegment {
                        segment: Segment {
                            id: s.id,
                            position: s.position,
                            start_ms: s.start_ms,
                            end_ms: s.end_ms,
                            speaker_id: None,
                            speaker_label: s.speaker_label,
                            text: s.text,
                        },
                        withheld: notice,
                    }
                })
                .collect::<Vec<_>>();
            Some(PackagedTranscript {
                transcript: Transcript {
                    segment_count: segments.len() as u32,
                    language: t.language,
                    label: t.label,
                    ..stored
                },
                segments,
            })
        })
        .collect()
}

/// The index points the view leaves open.
fn public_index_points(public: Vec<PublicIndexPoint>, withheld: &mut Withheld) -> Vec<IndexPoint> {
    let mut index_points = Vec::new();
    for p in public {
        if p.status != PublicStatus::Open {
            withheld.points_withheld += 1;
            continue;
        }
        index_points.push(IndexPoint {
            id: p.id,
            time_ms: p.time_ms,
            title: p.title,
            partial_transcript: p.partial_transcript,
            synopsis: p.synopsis,
            keywords: p.keywords,
            subjects: p.subjects,
            gps_lat: p.gps_lat,
            gps_lon: p.gps_lon,
            hyperlinks: p.hyperlinks,
        });
    }
    index_points
}

/// The recordings that leave, each with where its file is here, and the ranges (ms) to silence.
type PublicRecordings = (Vec<(Media, PathBuf)>, Vec<(u32, u32)>);

/// Audio: the stored recordings the view lets leave, each with where it is here, and the
/// ranges to silence in them.
fn public_recordings(
    stored: Vec<(Media, PathBuf)>,
    public: Option<RecordingsToSilence>,
    withheld: &mut Withheld,
) -> PublicRecordings {
    let Some((public, ranges)) = public else {
        withheld.recordings_out += stored.len() as u32;
        return (Vec::new(), Vec::new());
    };
    let recordings = stored
        .into_iter()
        .filter(|(m, _)| public.iter().any(|r| r.id == m.id))
        .collect();
    (recordings, ranges)
}

/// The collections of the interviews that leave (of the public collections the view lists,
/// `listed`), each counting only those.
fn public_collections(
    listed: Vec<PublicCollection>,
    interviews: &[PackagedInterview],
    collection_ids: &[String],
) -> Vec<Collection> {
    listed
        .into_iter()
        .filter(|c| collection_ids.contains(&c.id))
        .map(|c| Collection {
            interview_count: interviews
                .iter()
                .filter(|i| i.interview.collection_id.as_deref() == Some(c.id.as_str()))
                .count() as u32,
            id: c.id,
            title: c.title,
            description: c.description,
            created_at: String::new(),
            updated_at: String::new(),
        })
        .collect()
}

/// Images: public photos only, re-encoded without their metadata, as the view publishes them
/// ([`PublicView::publish_photo`]: a region naming a withheld person keeps its place, not the
/// name; captions and creators lose withheld names; the curator's note never leaves), naming
/// only the package's interviews and collections. Of the `selected` photos, those the view
/// withholds are counted.
fn public_photos(
    archive: &Archive,
    view: &PublicView,
    selected: Vec<(crate::photo::Photo, Vec<crate::photo::region::Region>)>,
    interviews: &[PackagedInterview],
    collection_ids: &[String],
    withheld: &mut Withheld,
    job: &JobContext,
) -> Result<Vec<super::PackagedPhoto>> {
    let mut photos = Vec::new();
    let total = selected.len() as u32;
    for (n, (photo, regions)) in selected.into_iter().enumerate() {
        job.step(super::phase::PHOTOS, n as u32, Some(total))?;
        let Some(mut published) = view.publish_photo(photo, regions)? else {
            withheld.photos_out += 1;
            continue;
        };
        withheld.names_out += published.names_withheld;
        published
            .photo
            .interview_ids
            .retain(|i| interviews.iter().any(|x| &x.interview.id == i));
        published
            .photo
            .collection_ids
            .retain(|c| collection_ids.contains(c));
        photos.push(super::package_photo(
            archive,
            published.photo,
            published.regions,
            true,
        )?);
    }
    job.step(super::phase::PHOTOS, total, Some(total))?;
    Ok(photos)
}

/// Names: the public people (`public_people`, as the view lists them) the interviews or the
/// photos' regions name, each counting the interviews that leave.
fn packaged_people(
    public_people: Vec<PublicPerson>,
    interviews: &[PackagedInterview],
    person_ids: &[String],
    photos: &[super::PackagedPhoto],
) -> Vec<Person> {
    let named: HashSet<&str> = person_ids
        .iter()
        .map(String::as_str)
        .chain(
            photos
                .iter()
                .flat_map(|ph| &ph.regions)
                .filter_map(|r| r.person.as_ref().map(|x| x.id.as_str())),
        )
        .collect();
    let mut interview_counts: HashMap<&str, u32> = HashMap::new();
    for i in interviews {
        let mut people: Vec<&str> = i
            .interview
            .narrators
            .iter()
            .chain(&i.interview.interviewers)
            .map(|n| n.id.as_str())
            .collect();
        // An interview counts once for a person who is both narrator and interviewer in it.
        people.sort_unstable();
        people.dedup();
        for id in people {
            *interview_counts.entry(id).or_default() += 1;
        }
    }
    public_people
        .into_iter()
        .filter(|p| named.contains(p.id.as_str()))
        .map(|p| Person {
            interview_count: interview_counts.get(p.id.as_str()).copied().unwrap_or(0),
            id: p.id,
            display_name: p.display_name,
            sort_name: p.sort_name,
            birth_date: p.birth_date,
            death_date: p.death_date,
            note: p.note,
            created_at: String::new(),
            updated_at: String::new(),
        })
        .collect()
}

/// The public log says what happened to public records, and when; the records' content before
/// and after each change, and curators' notes, stay in the archive.
fn public_events(
    archive: &Archive,
    interviews: &[PackagedInterview],
    people: &[Person],
    collections: &[Collection],
) -> Result<Vec<Event>> {
    let public_ids: Vec<String> = interviews
        .iter()
        .map(|i| i.interview.id.clone())
        .chain(people.iter().map(|p| p.id.clone()))
        .chain(collections.iter().map(|c| c.id.clone()))
        .collect();
    let mut events: Vec<Event> = provenance::histories(archive, &public_ids)?
        .into_iter()
        .map(|e| Event {
            before: None,
            after: None,
            note: None,
            agent: String::new(),
            ..e
        })
        .collect();
    events.sort_by(|a, b| a.at.cmp(&b.at).then(a.id.cmp(&b.id)));
    Ok(events)
}
