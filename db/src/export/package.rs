//! Exporting a package: the selected records as a BagIt bag with transcripts in every format,
//! OHMS XML, JSON-LD and CSV metadata, the provenance log, the recordings, and a full dump for
//! handover; and importing such a package back.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{
    bagit::{self, BagWriter, Source},
    content::{self, PackageContent, PackagedInterview, Selection},
    linked_data, silence,
};
use crate::{
    archive::Archive,
    error::{Error, Result},
    ids,
    jobs::{JobContext, Progress},
    provenance::{self, EventType, Origin},
    transcript::formats::{self, ohms_write, ParsedIndexPoint, ParsedSegment},
};

pub use super::content::Profile;

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

fn parsed_segments(segments: &[content::PackagedSegment]) -> Vec<ParsedSegment> {
    segments
        .iter()
        .map(|s| ParsedSegment {
            start_ms: s.segment.start_ms,
            end_ms: s.segment.end_ms,
            speaker: Some(s.segment.speaker_label.clone()).filter(|l| !l.is_empty()),
            text: match &s.withheld {
                Some(reason) if s.segment.text.is_empty() => format!("[{reason}]"),
                _ => s.segment.text.clone(),
            },
            source_line: 0,
        })
        .collect()
}

fn transcript_paths(
    interview_id: &str,
    transcript_id: &str,
    language: &str,
) -> Vec<(String, &'static str, formats::Format)> {
    // Languages are checked on input; one stored before that (or put there by hand) that is
    // not a tag is left out of the name rather than let it reach outside the folder.
    let stem = if !crate::language::is_tag(language) {
        transcript_id.to_owned()
    } else {
        format!("{transcript_id}.{language}")
    };
    vec![
        (
            format!("transcripts/{interview_id}/{stem}.vtt"),
            "text/vtt",
            formats::Format::Vtt,
        ),
        (
            format!("transcripts/{interview_id}/{stem}.srt"),
            "application/x-subrip",
            formats::Format::Srt,
        ),
        (
            format!("transcripts/{interview_id}/{stem}.txt"),
            "text/plain",
            formats::Format::Text,
        ),
    ]
}

/// Where a recording went in the bag, for the site's player.
struct PlacedRecording {
    /// Its path as the site's pages reach it.
    path_from_site: String,
    mime_type: String,
    duration_ms: Option<u32>,
    /// The tape's label, or the file's original name.
    label: String,
}

/// Where each interview's recordings went in the bag, by interview id.
type RecordingsPlaced = std::collections::HashMap<String, Vec<PlacedRecording>>;

/// Where each photo went in the bag, by photo id: full size and web size.
type PhotosPlaced = std::collections::HashMap<String, (String, String)>;

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
    let mut content = content::gather(archive, options.profile, &options.selection, today)?;
    job.check()?;
    let mut bag = BagWriter::create(&out)?;
    let mut withheld = content.withheld.clone();

    // Silenced copies of recordings are made beside the bag, and removed once it is written:
    // the bag copies its files when it finishes.
    let scratch = tempfile_dir(&out)?;
    let mut recordings = RecordingsPlaced::default();
    for (number, packaged) in content.interviews.iter().enumerate() {
        add_transcripts(&mut bag, packaged)?;
        let placed = add_recordings(
            &mut bag,
            &scratch,
            packaged,
            options.profile,
            &mut withheld,
            job,
        )?;
        recordings.insert(packaged.interview.id.clone(), placed);
        add_ohms(&mut bag, number, packaged, &content, options, today)?;
        job.check()?;
    }
    let photo_paths = add_photos(&mut bag, &content)?;
    add_linked_data(&mut bag, &content, &photo_paths)?;
    let site_model = site_model(
        &content,
        options,
        today,
        &withheld,
        &recordings,
        &photo_paths,
        &|id| {
            let format = |mime: &str| match mime {
                "text/vtt" => "WebVTT",
                "application/x-subrip" => "SRT",
                _ => "Text",
            };
            transcript_files(&content, id)
                .into_iter()
                .map(|(path, mime)| (format(mime).to_owned(), format!("../{path}")))
                .collect()
        },
    );
    super::site::add_to_bag(&mut bag, &site_model)?;
    if let Some(handover) = content.handover.take() {
        add_handover(&mut bag, handover)?;
    }

    // The package names itself, so events imported from it can say where they came from.
    let package_id = ids::new_id();
    let info = bag_info(
        &content.curator,
        options,
        today,
        &content.selection_described,
        content.interviews.len(),
        &withheld,
        &package_id,
    );
    let written = bag.finish(info, job)?;
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

/// Text and timing: each transcript as WebVTT, SRT and plain text.
fn add_transcripts(bag: &mut BagWriter, packaged: &PackagedInterview) -> Result<()> {
    for t in &packaged.transcripts {
        let segments = parsed_segments(&t.segments);
        let paths = transcript_paths(
            &packaged.interview.id,
            &t.transcript.id,
            &t.transcript.language,
        );
        for (path, _, format) in paths {
            let text = match format {
                formats::Format::Vtt => formats::write_vtt(&segments),
                formats::Format::Srt => formats::write_srt(&segments),
                _ => formats::write_text(&segments),
            };
            bag.add(&path, Source::Bytes(text.into_bytes()))?;
        }
    }
    Ok(())
}

/// Audio and video: an interview's recordings, in a public package silenced where the view
/// withholds and stripped of their tags; one that cannot be silenced is left out and said so in
/// `withheld`. Returns where each went, for the site's player.
fn add_recordings(
    bag: &mut BagWriter,
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
        bag.add(&name, Source::File(source))?;
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

/// OHMS XML for one interview: its first transcript, a translation aligned to it (another
/// language, every segment timed) as OHMS 6.0's `vtt_transcript_alt`, and its index points.
fn add_ohms(
    bag: &mut BagWriter,
    number: usize,
    packaged: &PackagedInterview,
    content: &PackageContent,
    options: &ExportOptions,
    today: &str,
) -> Result<()> {
    let i = &packaged.interview;
    let first = packaged.transcripts.first();
    let segments = first
        .map(|t| parsed_segments(&t.segments))
        .unwrap_or_default();
    let translation = first.and_then(|original| {
        packaged.transcripts[1..].iter().find(|t| {
            !t.segments.is_empty()
                && t.transcript.language != original.transcript.language
                && t.segments.iter().all(|s| s.segment.start_ms.is_some())
        })
    });
    let translation_segments = translation
        .map(|t| parsed_segments(&t.segments))
        .unwrap_or_default();
    let points: Vec<ParsedIndexPoint> = packaged
        .index_points
        .iter()
        .map(|p| ParsedIndexPoint {
            time_ms: p.time_ms,
            title: p.title.clone(),
            partial_transcript: p.partial_transcript.clone(),
            synopsis: p.synopsis.clone(),
            keywords: p.keywords.clone(),
            subjects: p.subjects.clone(),
            gps: p.gps_lat.zip(p.gps_lon),
            hyperlinks: p
                .hyperlinks
                .iter()
                .filter(|l| crate::transcript::index::is_safe_hyperlink(l))
                .cloned()
                .collect(),
        })
        .collect();
    let narrators: Vec<String> = i.narrators.iter().map(|n| n.name.clone()).collect();
    let interviewers: Vec<String> = i.interviewers.iter().map(|n| n.name.clone()).collect();
    let day = i
        .date
        .as_deref()
        .filter(|d| d.len() == 10 && d.chars().all(|c| c.is_ascii_digit() || c == '-'));
    let collection_name = content
        .collections
        .iter()
        .find(|c| Some(&c.id) == i.collection_id.as_ref())
        .map(|c| c.title.as_str())
        .unwrap_or("");
    let xml = ohms_write::write(&ohms_write::OhmsRecord {
        number: number as u32 + 1,
        id: &i.id,
        written_on: today,
        title: &i.title,
        date: day,
        date_as_written: i.date.as_deref(),
        duration_ms: i.duration_ms,
        collection_name,
        repository: &options.organization,
        interviewees: &narrators,
        interviewers: &interviewers,
        language: first.map(|t| t.transcript.language.as_str()).unwrap_or(""),
        description: &i.summary,
        rights: "",
        format: "audio",
        restricted: false,
        index_points: &points,
        segments: &segments,
        translation: translation.map(|t| ohms_write::OhmsTranslation {
            language: &t.transcript.language,
            segments: &translation_segments,
        }),
    });
    bag.add(
        &format!("transcripts/{}/ohms.xml", i.id),
        Source::Bytes(xml.into_bytes()),
    )
}

/// Images: each photo full size and web size, re-encoded (without their metadata) where the
/// content says so. Returns each photo's two paths in the bag.
fn add_photos(bag: &mut BagWriter, content: &PackageContent) -> Result<PhotosPlaced> {
    let mut photo_paths = PhotosPlaced::default();
    for p in &content.photos {
        let ext = p
            .file
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_else(|| "jpg".into());
        let full = format!("photos/full/{}.{ext}", p.photo.id);
        let web = format!("photos/web/{}.jpg", p.photo.id);
        if p.reencode {
            let (full_bytes, web_bytes) = public_images(&p.file, &ext)?;
            bag.add(&full, Source::Bytes(full_bytes))?;
            bag.add(&web, Source::Bytes(web_bytes))?;
        } else {
            bag.add(&full, Source::File(p.file.clone()))?;
            bag.add(&web, Source::File(p.web.clone()))?;
        }
        photo_paths.insert(p.photo.id.clone(), (full, web));
    }
    Ok(photo_paths)
}

/// Metadata: Web Annotations of the photos' regions, JSON-LD and CSV of the records, and the
/// provenance log.
fn add_linked_data(
    bag: &mut BagWriter,
    content: &PackageContent,
    photo_paths: &PhotosPlaced,
) -> Result<()> {
    bag.add(
        "metadata/annotations.jsonld",
        Source::Bytes(linked_data::web_annotations(content, photo_paths)),
    )?;
    let transcript_files = |id: &str| transcript_files(content, id);
    for (path, bytes) in linked_data::json_ld(content, &transcript_files) {
        bag.add(&path, Source::Bytes(bytes))?;
    }
    for (path, bytes) in linked_data::csv(content)? {
        bag.add(&path, Source::Bytes(bytes))?;
    }
    bag.add(
        "metadata/provenance.json",
        Source::Bytes(serde_json::to_vec_pretty(&content.events)?),
    )
}

/// A full package's handover layer: the whole of the selected records, for a lossless import
/// into another archive, with the documents they keep (deeds of gift, release forms).
fn add_handover(bag: &mut BagWriter, handover: content::Handover) -> Result<()> {
    for (path, file) in handover.documents {
        bag.add(&path, Source::File(file))?;
    }
    bag.add(DUMP_PATH, Source::Bytes(handover.dump_json))
}

/// The lines of `bag-info.txt`: who made the package, what it holds, and what it withholds.
fn bag_info(
    curator: &str,
    options: &ExportOptions,
    today: &str,
    selection_described: &str,
    interviews: usize,
    withheld: &[String],
    package_id: &str,
) -> Vec<(String, String)> {
    let profile_name = options.profile.name();
    let or = |given: &str, default: String| {
        if given.trim().is_empty() {
            default
        } else {
            given.to_owned()
        }
    };
    let mut info = vec![
        (
            "Source-Organization".to_owned(),
            or(&options.organization, "Recollect archive".into()),
        ),
        (
            "Contact-Name".to_owned(),
            or(
                &options.contact,
                or(curator, "the curator of this archive (no name set)".into()),
            ),
        ),
        (
            "External-Description".to_owned(),
            or(
                &options.description,
                format!(
                    "Oral history interviews: {selection_described} ({profile_name} profile, {interviews} interviews)."
                ),
            ),
        ),
        ("Bagging-Date".to_owned(), today.to_owned()),
        (
            "Bag-Software-Agent".to_owned(),
            format!("Recollect {}", env!("CARGO_PKG_VERSION")),
        ),
        ("Recollect-Profile".to_owned(), profile_name.to_owned()),
        (
            "Recollect-Selection".to_owned(),
            selection_described.to_owned(),
        ),
    ];
    for line in withheld {
        info.push(("Recollect-Withheld".to_owned(), line.clone()));
    }
    info.push(("External-Identifier".to_owned(), package_id.to_owned()));
    info.retain(|(_, v)| !v.is_empty());
    info
}

/// The files a transcript was written to, with their MIME types.
fn transcript_files(content: &PackageContent, transcript_id: &str) -> Vec<(String, &'static str)> {
    content
        .interviews
        .iter()
        .flat_map(|p| p.transcripts.iter().map(move |t| (p, t)))
        .find(|(_, t)| t.transcript.id == transcript_id)
        .map(|(p, t)| {
            transcript_paths(&p.interview.id, transcript_id, &t.transcript.language)
                .into_iter()
                .map(|(path, mime, _)| (path, mime))
                .collect()
        })
        .unwrap_or_default()
}

/// A photo's full-size and web-size images for a public package, made again from the pixels of
/// the original so that none of its metadata blocks (EXIF with its GPS position, XMP with its
/// face regions, IPTC, comments) can leave: the encoders write pixels and the format's own
/// header only. The full-size copy keeps its format (`ext`), losslessly for PNG and TIFF and at
/// a high quality for JPEG; the pixel grid is the original's, so regions still fit.
fn public_images(original: &Path, ext: &str) -> Result<(Vec<u8>, Vec<u8>)> {
    use crate::photo::thumbnail::{decode, encode_jpeg};
    let image = decode(original)?;
    let encoding_error = |e: image::ImageError| {
        Error::io(
            original,
            std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        )
    };
    let full = match ext {
        "png" => {
            let mut bytes = std::io::Cursor::new(Vec::new());
            image
                .write_to(&mut bytes, image::ImageFormat::Png)
                .map_err(encoding_error)?;
            bytes.into_inner()
        }
        "tif" | "tiff" => {
            let mut bytes = std::io::Cursor::new(Vec::new());
            image
                .write_to(&mut bytes, image::ImageFormat::Tiff)
                .map_err(encoding_error)?;
            bytes.into_inner()
        }
        _ => encode_jpeg(&image, PUBLIC_JPEG_QUALITY).map_err(|e| Error::io(original, e))?,
    };
    let web = if image.width() <= content::WEB_SIZE && image.height() <= content::WEB_SIZE {
        image
    } else {
        image.thumbnail(content::WEB_SIZE, content::WEB_SIZE)
    };
    let web = encode_jpeg(&web, WEB_JPEG_QUALITY).map_err(|e| Error::io(original, e))?;
    Ok((full, web))
}

/// JPEG quality of the public full-size copy of a JPEG photo: no visible loss.
const PUBLIC_JPEG_QUALITY: u8 = 95;
/// JPEG quality of web-size copies, as for thumbnails.
const WEB_JPEG_QUALITY: u8 = 85;

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

/// The static site's picture of the package: the same content every other layer was written from.
fn site_model(
    content: &PackageContent,
    options: &ExportOptions,
    today: &str,
    withheld: &[String],
    recordings: &RecordingsPlaced,
    photo_paths: &PhotosPlaced,
    transcript_files: &dyn Fn(&str) -> Vec<(String, String)>,
) -> super::site::model::SiteModel {
    use super::site::model::*;
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
                    files: transcript_files(&t.transcript.id)
                        .into_iter()
                        .map(|(format, path)| SiteFile { format, path })
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

/// A scratch folder beside the package, removed when dropped.
struct Scratch(PathBuf);

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

fn tempfile_dir(out: &Path) -> Result<Scratch> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = parent.join(format!(".recollect-export-{}", ids::new_id()));
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    Ok(Scratch(dir))
}

/// Where a full package keeps the dump of its records.
pub const DUMP_PATH: &str = "metadata/recollect-archive.json";

pub use super::incoming::import;
