//! Packages for publication and handover.

pub mod bagit;
pub mod content;
pub mod dump;
pub mod incoming;
pub mod linked_data;
pub mod package;
pub mod silence;
pub mod site;

#[cfg(test)]
mod public_tests;

use content::{PackageContent, PackagedInterview, PackagedSegment, PackagedTranscript};

use crate::{
    archive::Archive,
    collection::Collection,
    error::Result,
    interview::{self, Interview},
    media,
    people::{Person, PersonRef},
    provenance::{self, Event},
    public::{PublicName, PublicStatus, PublicView},
    transcript::{self, index::IndexPoint, Segment, Transcript},
};

fn counted(n: u32, one: &str, many: &str, what: &str) -> Option<String> {
    match n {
        0 => None,
        1 => Some(format!("1 {one} {what}")),
        n => Some(format!("{n} {many} {what}")),
    }
}

/// What a public package may carry, as of `today`: read only through the public view, so every
/// restriction, embargo, seal and redaction holds in every layer of the package.
pub(crate) fn public_content(
    archive: &Archive,
    interview_ids: &[String],
    today: &str,
    all: bool,
) -> Result<PackageContent> {
    let view = PublicView::new(archive, today)?;
    let (
        mut closed,
        mut segments_withheld,
        mut segments_redacted,
        mut points_withheld,
        mut recordings_out,
    ) = (0, 0, 0, 0, 0);
    let mut interviews = Vec::new();
    let mut person_ids: Vec<String> = Vec::new();
    for id in interview_ids {
        let Some(public) = view.interview(id)? else {
            closed += 1;
            continue;
        };
        let stored = interview::get(archive, id)?;
        let names = |names: &[PublicName], person_ids: &mut Vec<String>| -> Vec<PersonRef> {
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
        };
        let interview = Interview {
            id: public.id.clone(),
            title: public.title.clone(),
            collection_id: public.collection_id.clone(),
            date: public.date.clone(),
            place: public.place.clone(),
            languages: public.languages.clone(),
            summary: public.summary.clone(),
            duration_ms: public.duration_ms,
            status: stored.status,
            narrators: names(&public.narrators, &mut person_ids),
            interviewers: names(&public.interviewers, &mut person_ids),
            created_at: stored.created_at.clone(),
            updated_at: stored.updated_at.clone(),
        };
        let mut transcripts = Vec::new();
        for t in view.transcripts(id)? {
            let stored = transcript::get(archive, &t.id)?;
            let segments = t
                .segments
                .into_iter()
                .map(|s| {
                    match s.status {
                        PublicStatus::Open => {}
                        PublicStatus::Redacted => segments_redacted += 1,
                        PublicStatus::Sealed | PublicStatus::Withheld => segments_withheld += 1,
                    }
                    let withheld = match s.status {
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
                        withheld,
                    }
                })
                .collect::<Vec<_>>();
            transcripts.push(PackagedTranscript {
                transcript: Transcript {
                    segment_count: segments.len() as u32,
                    language: t.language,
                    label: t.label,
                    ..stored
                },
                segments,
            });
        }
        let mut index_points = Vec::new();
        for p in view.index_points(id)? {
            if p.status != PublicStatus::Open {
                points_withheld += 1;
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
        let all_recordings = media::list(archive, id)?.len() as u32;
        let (recordings, silenced_ranges) = match view.recordings_to_silence(id)? {
            None => {
                recordings_out += all_recordings;
                (Vec::new(), Vec::new())
            }
            Some((public_recordings, ranges)) => {
                let mut recordings = Vec::new();
                for r in public_recordings {
                    let m = media::get(archive, &r.id)?;
                    let path = media::resolve_path(archive, &m);
                    recordings.push((m, path));
                }
                (recordings, ranges)
            }
        };
        interviews.push(PackagedInterview {
            interview,
            transcripts,
            index_points,
            recordings,
            silenced_ranges,
        });
    }
    let collection_ids: Vec<String> = interviews
        .iter()
        .filter_map(|i| i.interview.collection_id.clone())
        .collect();
    let collections: Vec<Collection> = view
        .collections()?
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
        .collect();
    // Photos: public ones only; a region naming a withheld person keeps its place, not the name.
    let (mut photos_out, mut names_out) = (0, 0);
    let public_people: Vec<String> = view.people()?.into_iter().map(|p| p.id).collect();
    let mut photos = Vec::new();
    for photo in content::selected_photos(archive, interview_ids, &collection_ids, all)? {
        if view.is_record_public(crate::records::RecordKind::Photo, &photo.id)? {
            photos.push(photo);
        } else {
            photos_out += 1;
        }
    }
    let mut photos = content::package_photos(archive, photos)?;
    for p in &mut photos {
        p.reencode = true;
        // Captions may name a withheld person; the curator's note never leaves.
        for caption in &mut p.photo.captions {
            caption.text = view.scrub_names(&caption.text);
        }
        p.photo.note = String::new();
        p.photo.creator = view.scrub_names(&p.photo.creator);
        p.photo
            .interview_ids
            .retain(|i| interviews.iter().any(|x| &x.interview.id == i));
        p.photo
            .collection_ids
            .retain(|c| collection_ids.contains(c));
        let mut kept = Vec::new();
        for mut region in std::mem::take(&mut p.regions) {
            if !view.is_record_public(crate::records::RecordKind::Region, &region.id)? {
                continue;
            }
            if let Some(person) = &region.person {
                if !public_people.contains(&person.id) {
                    names_out += 1;
                    region.person = None;
                    region.label = crate::public::WITHHELD_NAME.into();
                }
            }
            region.label = view.scrub_names(&region.label);
            kept.push(region);
        }
        p.regions = kept;
    }
    let people: Vec<Person> = view
        .people()?
        .into_iter()
        .filter(|p| {
            person_ids.contains(&p.id)
                || photos.iter().any(|ph| {
                    ph.regions
                        .iter()
                        .any(|r| r.person.as_ref().is_some_and(|x| x.id == p.id))
                })
        })
        .map(|p| Person {
            interview_count: interviews
                .iter()
                .filter(|i| {
                    i.interview
                        .narrators
                        .iter()
                        .chain(&i.interview.interviewers)
                        .any(|n| n.id == p.id)
                })
                .count() as u32,
            id: p.id,
            display_name: p.display_name,
            sort_name: p.sort_name,
            birth_date: p.birth_date,
            death_date: p.death_date,
            note: p.note,
            created_at: String::new(),
            updated_at: String::new(),
        })
        .collect();
    // The public log says what happened to public records, and when; the records' content before
    // and after each change, and curators' notes, stay in the archive.
    let mut events: Vec<Event> = Vec::new();
    let public_ids = interviews
        .iter()
        .map(|i| i.interview.id.clone())
        .chain(people.iter().map(|p| p.id.clone()))
        .chain(collections.iter().map(|c| c.id.clone()));
    for id in public_ids {
        events.extend(
            provenance::history(archive, &id)?
                .into_iter()
                .map(|e| Event {
                    before: None,
                    after: None,
                    note: None,
                    agent: String::new(),
                    ..e
                }),
        );
    }
    events.sort_by(|a, b| a.at.cmp(&b.at).then(a.id.cmp(&b.id)));
    let withheld = [
        counted(
            closed,
            "interview",
            "interviews",
            "closed, restricted or embargoed",
        ),
        counted(photos_out, "photo", "photos", "withheld"),
        counted(names_out, "name in a photo", "names in photos", "withheld"),
        counted(
            segments_withheld,
            "transcript segment",
            "transcript segments",
            "sealed or withheld",
        ),
        counted(
            segments_redacted,
            "transcript segment",
            "transcript segments",
            "redacted",
        ),
        counted(points_withheld, "index point", "index points", "withheld"),
        counted(recordings_out, "recording", "recordings", "withheld"),
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok(PackageContent {
        collections,
        interviews,
        people,
        photos,
        events,
        withheld,
    })
}
