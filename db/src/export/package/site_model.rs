//! The static site's layer: the site's model of the package, from the content every other layer
//! was written from.

use super::super::{content::PackageContent, site::model::SiteModel};
use super::{
    photos::PhotosPlaced, recordings::RecordingsPlaced, transcripts::TranscriptsPlaced,
    ExportOptions,
};

/// The static site's picture of the package: the same content every other layer was written from.
pub(super) fn site_model(
    content: &PackageContent,
    options: &ExportOptions,
    today: &str,
    withheld: &[String],
    recordings: &RecordingsPlaced,
    transcripts_placed: &TranscriptsPlaced,
    photo_paths: &PhotosPlaced,
) -> SiteModel {
    use super::super::site::model::*;
    let person_ref = |p: &crate::people::PersonRef| SitePersonRef {
        id: p.id.clone(),
        name: p.name.clone(),
    };
    let interviews = content
        .interviews
        .iter()
        .map(|p| SiteInterview {
            id: p.interview.id.clone(),
            title: p.interview.title.clone(),
            date: p.interview.date.clone().unwrap_or_default(),
            place: p.interview.place.clone(),
            summary: p.interview.summary.clone(),
            languages: p.interview.languages.clone(),
            narrators: p.interview.narrators.iter().map(person_ref).collect(),
            interviewers: p.interview.interviewers.iter().map(person_ref).collect(),
            recordings: recordings
                .get(&p.interview.id)
                .into_iter()
                .flatten()
                .map(|r| SiteMedia {
                    path: r.path_from_site.clone(),
                    mime: r.mime_type.clone(),
                    duration_ms: r.duration_ms,
                    label: r.label.clone(),
                })
                .collect(),
            transcripts: p
                .transcripts
                .iter()
                .map(|t| SiteTranscript {
                    id: t.transcript.id.clone(),
                    language: t.transcript.language.clone(),
                    label: t.transcript.label.clone(),
                    segments: t
                        .segments
                        .iter()
                        .map(|s| SiteSegment {
                            start_ms: s.segment.start_ms,
                            end_ms: s.segment.end_ms,
                            speaker: s.segment.speaker_label.clone(),
                            text: s.segment.text.clone(),
                            withheld: s.withheld.clone(),
                        })
                        .collect(),
                    files: transcripts_placed
                        .get(&t.transcript.id)
                        .into_iter()
                        .flatten()
                        .map(|(path, mime)| SiteFile {
                            format: format_name(mime).to_owned(),
                            path: format!("../{path}"),
                        })
                        .collect(),
                })
                .collect(),
            index_points: p
                .index_points
                .iter()
                .map(|x| SiteIndexPoint {
                    time_ms: x.time_ms,
                    title: x.title.clone(),
                    synopsis: x.synopsis.clone(),
                    keywords: x.keywords.clone(),
                })
                .collect(),
            citations: Vec::new(),
        })
        .collect();
    let people = content
        .people
        .iter()
        .map(|p| SitePerson {
            id: p.id.clone(),
            name: p.display_name.clone(),
            variants: Vec::new(),
            life: match (&p.birth_date, &p.death_date) {
                (None, None) => String::new(),
                (b, d) => format!(
                    "{}–{}",
                    b.as_deref().unwrap_or(""),
                    d.as_deref().unwrap_or("")
                ),
            },
            note: p.note.clone(),
            appears_in: content
                .interviews
                .iter()
                .flat_map(|i| {
                    let narrated = i.interview.narrators.iter().any(|n| n.id == p.id).then(|| {
                        SiteAppearance {
                            interview_id: i.interview.id.clone(),
                            role: "narrator".into(),
                        }
                    });
                    let interviewed =
                        i.interview
                            .interviewers
                            .iter()
                            .any(|n| n.id == p.id)
                            .then(|| SiteAppearance {
                                interview_id: i.interview.id.clone(),
                                role: "interviewer".into(),
                            });
                    narrated.into_iter().chain(interviewed)
                })
                .collect(),
            photos: content
                .photos
                .iter()
                .filter(|ph| {
                    ph.regions
                        .iter()
                        .any(|r| r.person.as_ref().is_some_and(|x| x.id == p.id))
                })
                .map(|ph| ph.photo.id.clone())
                .collect(),
        })
        .collect();
    let photos = content
        .photos
        .iter()
        .map(|p| {
            let (full, web) = photo_paths.get(&p.photo.id).cloned().unwrap_or_default();
            SitePhoto {
                id: p.photo.id.clone(),
                title: p
                    .photo
                    .captions
                    .first()
                    .map(|c| c.text.clone())
                    .unwrap_or_else(|| p.photo.original_name.clone()),
                captions: p.photo.captions.iter().map(|c| c.text.clone()).collect(),
                date: p.photo.date.clone().unwrap_or_default(),
                web_path: format!("../{web}"),
                full_path: format!("../{full}"),
                width: p.photo.width,
                height: p.photo.height,
                regions: p
                    .regions
                    .iter()
                    .filter_map(|r| {
                        let rect = r.rect.as_ref()?;
                        Some(SiteRegion {
                            x: rect.x,
                            y: rect.y,
                            w: rect.width,
                            h: rect.height,
                            person_id: r.person.as_ref().map(|x| x.id.clone()),
                            label: r
                                .person
                                .as_ref()
                                .map(|x| x.name.clone())
                                .unwrap_or_else(|| r.label.clone()),
                        })
                    })
                    .collect(),
            }
        })
        .collect();
    let title = content
        .collections
        .first()
        .filter(|_| content.collections.len() == 1)
        .map(|c| c.title.clone())
        .unwrap_or_else(|| {
            if options.organization.is_empty() {
                "Oral history interviews".into()
            } else {
                options.organization.clone()
            }
        });
    SiteModel {
        title,
        description: options.description.clone(),
        exported: today.to_owned(),
        profile: options.profile.name().into(),
        withheld: withheld.join("; "),
        interviews,
        people,
        photos,
    }
}

/// How the site names a transcript file's format, by its MIME type.
fn format_name(mime: &str) -> &'static str {
    match mime {
        "text/vtt" => "WebVTT",
        "application/x-subrip" => "SRT",
        _ => "Text",
    }
}
