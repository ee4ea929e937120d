//! Public packages, end to end: archives with transcripts, recordings, photos and people are
//! exported with the public profile, and every file of the bag is searched, byte by byte (and
//! images through an EXIF reader, recordings sample by sample), for what the public view
//! withholds. The rules are worked out again here the simple way, from the stored restrictions,
//! independently of the public view's code.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, RngSeed};

use crate::{
    archive::Archive,
    collection::{self, CollectionInput},
    export::{
        content::Selection,
        package::{self, ExportOptions, Profile},
    },
    interview::{self, InterviewInput},
    jobs::JobContext,
    media::{self, AddMediaOptions},
    people::{self, PersonInput},
    photo::{
        self,
        import::ImportPhotosOptions,
        region::{self, Rect, RegionInput},
        CaptionInput,
    },
    records::{RecordKind, SpanRef, Target},
    restrictions::{self, AccessLevel, Layer, Restriction, RestrictionAction, RestrictionInput},
    transcript::{self, formats::ParsedIndexPoint, index, ImportOptions},
    Origin,
};

/// Every segment lasts one second and the next starts a second later.
const STEP_MS: u32 = 2_000;
const SPOKEN_MS: u32 = 1_000;
const RATE: u32 = 8_000;
const LOUD: i16 = 1_000;
const PEOPLE: usize = 3;

// ---------------------------------------------------------------------------------------------
// Files made for the tests

/// A mono 16-bit WAV of `ms` milliseconds, every sample `LOUD`, with a LIST/INFO chunk naming
/// `artist` before its data.
pub(crate) fn wav_with_info(ms: u32, artist: &str) -> Vec<u8> {
    let frames = (ms as u64 * RATE as u64 / 1000) as usize;
    let mut info = b"INFO".to_vec();
    let mut iart = artist.as_bytes().to_vec();
    iart.push(0);
    if iart.len() % 2 == 1 {
        iart.push(0);
    }
    info.extend_from_slice(b"IART");
    info.extend_from_slice(&(iart.len() as u32).to_le_bytes());
    info.extend_from_slice(&iart);
    let mut fmt = Vec::new();
    fmt.extend_from_slice(&1u16.to_le_bytes());
    fmt.extend_from_slice(&1u16.to_le_bytes());
    fmt.extend_from_slice(&RATE.to_le_bytes());
    fmt.extend_from_slice(&(RATE * 2).to_le_bytes());
    fmt.extend_from_slice(&2u16.to_le_bytes());
    fmt.extend_from_slice(&16u16.to_le_bytes());
    let data: Vec<u8> = (0..frames).flat_map(|_| LOUD.to_le_bytes()).collect();
    let mut body = b"WAVE".to_vec();
    for (id, chunk) in [
        (&b"fmt "[..], &fmt),
        (&b"LIST"[..], &info),
        (&b"data"[..], &data),
    ] {
        body.extend_from_slice(id);
        body.extend_from_slice(&(chunk.len() as u32).to_le_bytes());
        body.extend_from_slice(chunk);
        if chunk.len() % 2 == 1 {
            body.push(0);
        }
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend(body);
    out
}

/// The chunks of a RIFF file: id and body.
fn riff_chunks(bytes: &[u8]) -> Vec<([u8; 4], Vec<u8>)> {
    let mut out = Vec::new();
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let id: [u8; 4] = bytes[at..at + 4].try_into().unwrap();
        let size = u32::from_le_bytes(bytes[at + 4..at + 8].try_into().unwrap()) as usize;
        let end = (at + 8 + size).min(bytes.len());
        out.push((id, bytes[at + 8..end].to_vec()));
        at = at + 8 + size + size % 2;
    }
    out
}

/// A small JPEG whose pixels differ by `seed`, with an EXIF block (ImageDescription and Artist
/// saying `secret`), an XMP packet and a comment saying it too.
pub(crate) fn jpeg_with_metadata(seed: u8, secret: &str) -> Vec<u8> {
    let image = image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([seed.wrapping_mul(37), (x * 4) as u8, (y * 5) as u8])
    });
    let plain =
        crate::photo::thumbnail::encode_jpeg(&image::DynamicImage::ImageRgb8(image), 90).unwrap();
    // A little-endian TIFF with one IFD of two ASCII entries.
    let description = format!("{secret} description\0");
    let artist = format!("{secret} artist\0");
    let data_at = 8 + 2 + 2 * 12 + 4;
    let mut tiff = b"II\x2a\x00".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes());
    for (tag, text, offset) in [
        (0x010Eu16, &description, data_at),
        (0x013Bu16, &artist, data_at + description.len()),
    ] {
        tiff.extend_from_slice(&tag.to_le_bytes());
        tiff.extend_from_slice(&2u16.to_le_bytes());
        tiff.extend_from_slice(&(text.len() as u32).to_le_bytes());
        tiff.extend_from_slice(&(offset as u32).to_le_bytes());
    }
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(description.as_bytes());
    tiff.extend_from_slice(artist.as_bytes());
    let segment = |marker: u8, payload: Vec<u8>| {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        s.extend(payload);
        s
    };
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(tiff);
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    xmp.extend_from_slice(
        format!("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:Description mwg-rs:Name=\"{secret} face\"/></x:xmpmeta>").as_bytes(),
    );
    let mut out = plain[..2].to_vec();
    out.extend(segment(0xE1, exif));
    out.extend(segment(0xE1, xmp));
    out.extend(segment(0xFE, format!("{secret} comment").into_bytes()));
    out.extend_from_slice(&plain[2..]);
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The bag's files that hold `needle`, as bytes.
fn files_with(files: &[(PathBuf, Vec<u8>)], needle: &str) -> Vec<PathBuf> {
    files
        .iter()
        .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .map(|(p, _)| p.clone())
        .collect()
}

/// Checks a public image: no EXIF block a real reader finds, no XMP packet, no comment.
fn assert_image_clean(path: &Path, bytes: &[u8]) {
    let exif = exif::Reader::new().read_from_container(&mut std::io::Cursor::new(bytes));
    assert!(
        exif.is_err(),
        "{} still carries EXIF: {:?}",
        path.display(),
        exif.map(|e| e.fields().map(|f| f.tag.to_string()).collect::<Vec<_>>())
    );
    for packet in ["ns.adobe.com/xap", "xmpmeta", "Exif\0\0", "Photoshop 3.0"] {
        assert!(
            !bytes.windows(packet.len()).any(|w| w == packet.as_bytes()),
            "{} still carries {packet:?}",
            path.display()
        );
    }
    image::load_from_memory(bytes).expect("a public image still opens");
}

// ---------------------------------------------------------------------------------------------
// Random archives

#[derive(Debug, Clone)]
struct InterviewShape {
    in_collection: bool,
    narrator: usize,
    /// Segments of each transcript (aligned by time: segment k of each says the same).
    transcripts: Vec<usize>,
    /// Whether the last segment of the first transcript has no end (a plain-text import).
    open_ended: bool,
    /// Index point times, in ms.
    points: Vec<u32>,
    recording: bool,
}

#[derive(Debug, Clone)]
struct PhotoShape {
    interviews: Vec<usize>,
    in_collection: bool,
    /// The person in its region and caption.
    person: usize,
}

#[derive(Debug, Clone)]
enum Tgt {
    Collection,
    Interview(usize),
    Transcript(usize, usize),
    Span(usize, usize, usize, usize),
    IndexPoint(usize, usize),
    Person(usize),
    Photo(usize),
}

#[derive(Debug, Clone)]
struct Rule {
    target: Tgt,
    action: u8,
    level: u8,
    layer: u8,
    until: Option<usize>,
}

/// Days a public package may be written on (none later than the day the tests run).
const DAYS: [&str; 3] = ["2021-03-01", "2024-06-01", "2025-11-30"];
const UNTILS: [&str; 3] = ["2023-01-01", "2025-01-01", "2099-01-01"];

fn interview_shape() -> impl Strategy<Value = InterviewShape> {
    (
        any::<bool>(),
        0..PEOPLE,
        prop::collection::vec(1usize..6, 1..4),
        any::<bool>(),
        prop::collection::vec(0u32..12_000, 0..4),
        prop::bool::weighted(0.7),
    )
        .prop_map(
            |(in_collection, narrator, transcripts, open_ended, points, recording)| {
                InterviewShape {
                    in_collection,
                    narrator,
                    transcripts,
                    open_ended,
                    points,
                    recording,
                }
            },
        )
}

fn photo_shape() -> impl Strategy<Value = PhotoShape> {
    (
        prop::collection::vec(0usize..4, 0..3),
        any::<bool>(),
        0..PEOPLE,
    )
        .prop_map(|(interviews, in_collection, person)| PhotoShape {
            interviews,
            in_collection,
            person,
        })
}

fn target() -> impl Strategy<Value = Tgt> {
    prop_oneof![
        1 => Just(Tgt::Collection),
        2 => (0usize..4).prop_map(Tgt::Interview),
        2 => (0usize..4, 0usize..3).prop_map(|(i, t)| Tgt::Transcript(i, t)),
        6 => (0usize..4, 0usize..3, 0usize..6, 0usize..6).prop_map(|(i, t, a, b)| Tgt::Span(i, t, a, b)),
        1 => (0usize..4, 0usize..4).prop_map(|(i, p)| Tgt::IndexPoint(i, p)),
        2 => (0usize..PEOPLE).prop_map(Tgt::Person),
        2 => (0usize..3).prop_map(Tgt::Photo),
    ]
}

fn rule() -> impl Strategy<Value = Rule> {
    (
        target(),
        0u8..3,
        0u8..3,
        0u8..3,
        prop::option::of(0..UNTILS.len()),
    )
        .prop_map(|(target, action, level, layer, until)| Rule {
            target,
            action,
            level,
            layer,
            until,
        })
}

struct Built {
    _dir: tempfile::TempDir,
    archive: Archive,
    out: PathBuf,
    collection: String,
    people: Vec<String>,
    interviews: Vec<String>,
    /// Per interview, per transcript: its id and its segment ids.
    transcripts: Vec<Vec<(String, Vec<String>)>>,
    points: Vec<Vec<String>>,
    photos: Vec<String>,
    /// Per interview, the recording's length (ms), when it has one.
    recording_ms: Vec<Option<u32>>,
}

fn person_name(p: usize) -> String {
    format!("PERSON_P{p}_END")
}

fn segment_marker(i: usize, t: usize, k: usize) -> String {
    format!("SEG_I{i}_T{t}_S{k}_END")
}

fn build(shapes: &[InterviewShape], photos: &[PhotoShape]) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Archive::open(dir.path().join("a.db")).unwrap();
    let c = collection::create(
        &mut a,
        &CollectionInput {
            title: "COLL_C0_END".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let people: Vec<String> = (0..PEOPLE)
        .map(|p| {
            let input = PersonInput {
                display_name: person_name(p),
                ..Default::default()
            };
            people::create(&mut a, &input, Origin::Cli).unwrap().id
        })
        .collect();
    let (mut interviews, mut transcripts, mut points, mut recording_ms) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, shape) in shapes.iter().enumerate() {
        let input = InterviewInput {
            title: format!("TITLE_I{i}_END"),
            collection_id: shape.in_collection.then(|| c.id.clone()),
            narrator_ids: vec![people[shape.narrator].clone()],
            ..Default::default()
        };
        let id = interview::create(&mut a, &input, Origin::Cli).unwrap().id;
        let mut these = Vec::new();
        for (t, count) in shape.transcripts.iter().enumerate() {
            let mut vtt = String::from("WEBVTT\n");
            for k in 0..*count {
                let at = |ms: u32| format!("00:00:{:02}.{:03}", ms / 1000, ms % 1000);
                let start = k as u32 * STEP_MS;
                let speaker = if (i + t + k) % 4 == 3 {
                    "Interviewer".to_owned()
                } else {
                    person_name((i + t + k) % PEOPLE)
                };
                vtt.push_str(&format!(
                    "\n{} --> {}\n<v {speaker}>{} words\n",
                    at(start),
                    at(start + SPOKEN_MS),
                    segment_marker(i, t, k)
                ));
            }
            let tr = transcript::import(
                &mut a,
                &id,
                &format!("t{t}.vtt"),
                vtt.as_bytes(),
                &ImportOptions::default(),
                &JobContext::silent(),
                Origin::Import,
            )
            .unwrap()
            .transcript;
            let segs: Vec<String> = transcript::segments(&a, &tr.id)
                .unwrap()
                .into_iter()
                .map(|s| s.id)
                .collect();
            assert_eq!(segs.len(), *count);
            if t == 0 && shape.open_ended {
                // As a plain-text or legacy OHMS import leaves the last segment: no end.
                let last = segs.last().unwrap().clone();
                a.write(|w| {
                    w.execute("UPDATE segments SET end_ms = NULL WHERE uuid = ?1", [&last])?;
                    Ok(())
                })
                .unwrap();
            }
            these.push((tr.id, segs));
        }
        let key = interview::key(a.conn(), &id).unwrap();
        let mut ps = Vec::new();
        for (p, ms) in shape.points.iter().enumerate() {
            let point = ParsedIndexPoint {
                time_ms: *ms,
                title: format!("POINT_I{i}_P{p}_END"),
                ..Default::default()
            };
            ps.push(a.write(|w| index::insert(w, key, &point)).unwrap());
        }
        let ms = shape.recording.then(|| {
            let longest = *shape.transcripts.iter().max().unwrap() as u32;
            longest * STEP_MS + 3_000
        });
        if let Some(ms) = ms {
            let file = dir.path().join(format!("rec{i}.wav"));
            std::fs::write(&file, wav_with_info(ms, &format!("MEDIAINFO_I{i}_END"))).unwrap();
            media::add(
                &mut a,
                &id,
                &file,
                &AddMediaOptions::default(),
                &JobContext::silent(),
                Origin::Cli,
            )
            .unwrap();
        }
        interviews.push(id);
        transcripts.push(these);
        points.push(ps);
        recording_ms.push(ms);
    }
    let mut photo_ids = Vec::new();
    for (p, shape) in photos.iter().enumerate() {
        let file = dir.path().join(format!("photo{p}.jpg"));
        std::fs::write(
            &file,
            jpeg_with_metadata(p as u8 + 1, &format!("PHOTOMETA_F{p}_END")),
        )
        .unwrap();
        let added = photo::import::import(
            &mut a,
            &[file],
            &ImportPhotosOptions::default(),
            &JobContext::silent(),
            Origin::Cli,
        )
        .unwrap()
        .added;
        let id = added[0].id.clone();
        for i in &shape.interviews {
            photo::attach_to_interview(&mut a, &id, &interviews[i % interviews.len()], Origin::Cli)
                .unwrap();
        }
        if shape.in_collection {
            photo::add_to_collection(&mut a, &id, &c.id, Origin::Cli).unwrap();
        }
        photo::add_caption(
            &mut a,
            &id,
            &CaptionInput {
                text: format!("CAPTION_F{p}_END with {}", person_name(shape.person)),
                ..Default::default()
            },
            Origin::Cli,
        )
        .unwrap();
        region::add_region(
            &mut a,
            &id,
            &RegionInput {
                rect: Some(Rect {
                    x: 1,
                    y: 1,
                    width: 10,
                    height: 10,
                }),
                person_id: Some(people[shape.person].clone()),
                label: format!("REGION_F{p}_END"),
            },
            Origin::Cli,
        )
        .unwrap();
        photo_ids.push(id);
    }
    Built {
        out: dir.path().join("bag"),
        _dir: dir,
        archive: a,
        collection: c.id,
        people,
        interviews,
        transcripts,
        points,
        photos: photo_ids,
        recording_ms,
    }
}

fn resolve(b: &Built, t: &Tgt) -> Option<Target> {
    let n = b.interviews.len();
    Some(match *t {
        Tgt::Collection => Target::record(RecordKind::Collection, b.collection.clone()),
        Tgt::Interview(i) => Target::record(RecordKind::Interview, b.interviews[i % n].clone()),
        Tgt::Transcript(i, t) => {
            let ts = &b.transcripts[i % n];
            Target::record(RecordKind::Transcript, ts[t % ts.len()].0.clone())
        }
        Tgt::Span(i, t, x, y) => {
            let ts = &b.transcripts[i % n];
            let (tid, segs) = &ts[t % ts.len()];
            let (x, y) = (x % segs.len(), y % segs.len());
            Target::Span(SpanRef {
                transcript_id: tid.clone(),
                first_segment_id: segs[x.min(y)].clone(),
                last_segment_id: segs[x.max(y)].clone(),
            })
        }
        Tgt::IndexPoint(i, p) => {
            let ps = &b.points[i % n];
            if ps.is_empty() {
                return None;
            }
            Target::record(RecordKind::IndexPoint, ps[p % ps.len()].clone())
        }
        Tgt::Person(p) => Target::record(RecordKind::Person, b.people[p % PEOPLE].clone()),
        Tgt::Photo(p) => {
            if b.photos.is_empty() {
                return None;
            }
            Target::record(RecordKind::Photo, b.photos[p % b.photos.len()].clone())
        }
    })
}

fn apply(b: &mut Built, rule: &Rule) {
    let input = RestrictionInput {
        target: resolve(b, &rule.target),
        action: [
            RestrictionAction::Restrict,
            RestrictionAction::Seal,
            RestrictionAction::Redact,
        ][rule.action as usize % 3],
        level: [
            AccessLevel::Open,
            AccessLevel::Restricted,
            AccessLevel::Closed,
        ][rule.level as usize % 3],
        layer: [Layer::All, Layer::Text, Layer::Audio][rule.layer as usize % 3],
        until: rule.until.map(|u| UNTILS[u].to_owned()),
        reason: "RULEREASON_END".into(),
        replacement: Some("[REDACTED]".into()),
    };
    // Refused combinations (a seal on an interview) leave nothing behind; the oracle reads what
    // was stored.
    let _ = restrictions::restrict(&mut b.archive, &input, Origin::Cli);
}

/// What must be withheld, worked out from the stored restrictions.
struct Oracle<'a> {
    b: &'a Built,
    shapes: &'a [InterviewShape],
    photos: &'a [PhotoShape],
    today: &'a str,
    rules: Vec<Restriction>,
}

impl Oracle<'_> {
    fn in_force(&self) -> impl Iterator<Item = &Restriction> {
        self.rules
            .iter()
            .filter(|r| r.until.as_deref().is_none_or(|u| self.today < u))
    }

    /// Whether a whole-record rule on `id` closes the `layer` given (All: the record itself).
    fn closes(&self, id: &str, layer: Layer) -> bool {
        self.in_force().any(|r| {
            let on = matches!(&r.target, Target::Record(rec) if rec.id == id);
            let closes = match r.action {
                RestrictionAction::Restrict => r.level != AccessLevel::Open,
                RestrictionAction::Seal => true,
                RestrictionAction::Redact => false,
            };
            on && closes && (r.layer == Layer::All || r.layer == layer)
        })
    }

    fn record_closed(&self, id: &str) -> bool {
        self.in_force().any(|r| {
            matches!(&r.target, Target::Record(rec) if rec.id == id)
                && r.layer == Layer::All
                && match r.action {
                    RestrictionAction::Restrict => r.level != AccessLevel::Open,
                    RestrictionAction::Seal => true,
                    RestrictionAction::Redact => false,
                }
        })
    }

    fn collection_closed(&self) -> bool {
        self.record_closed(&self.b.collection)
    }

    fn interview_closed(&self, i: usize) -> bool {
        self.record_closed(&self.b.interviews[i])
            || (self.shapes[i].in_collection && self.collection_closed())
    }

    fn interview_closes(&self, i: usize, layer: Layer) -> bool {
        self.closes(&self.b.interviews[i], layer)
            || (self.shapes[i].in_collection && self.closes(&self.b.collection, layer))
    }

    fn person_closed(&self, p: usize) -> bool {
        self.record_closed(&self.b.people[p])
    }

    fn photo_closed(&self, p: usize) -> bool {
        let id = &self.b.photos[p];
        if self.record_closed(id) {
            return true;
        }
        let opened = self.in_force().any(|r| {
            matches!(&r.target, Target::Record(rec) if rec.id == *id)
                && r.action == RestrictionAction::Restrict
                && r.level == AccessLevel::Open
                && r.layer == Layer::All
        });
        let shape = &self.photos[p];
        !opened
            && (shape
                .interviews
                .iter()
                .any(|i| self.interview_closed(i % self.b.interviews.len()))
                || (shape.in_collection && self.collection_closed()))
    }

    /// Time range of segment `k` of transcript `t` of interview `i`: a segment without an end
    /// runs to the next one's start, or to the end of the recording, or to the end of time.
    fn segment_time(&self, i: usize, t: usize, k: usize) -> (u32, u32) {
        let shape = &self.shapes[i];
        let start = k as u32 * STEP_MS;
        let last = k + 1 == shape.transcripts[t];
        if t == 0 && shape.open_ended && last {
            (start, self.b.recording_ms[i].unwrap_or(u32::MAX))
        } else {
            (start, start + SPOKEN_MS)
        }
    }

    /// The span rules in force on interview `i`: source transcript, first and last segment,
    /// and the rule.
    fn spans(&self, i: usize) -> Vec<(usize, usize, usize, &Restriction)> {
        let mut out = Vec::new();
        for r in self.in_force() {
            let Target::Span(span) = &r.target else {
                continue;
            };
            let Some(t) = self.b.transcripts[i]
                .iter()
                .position(|(id, _)| *id == span.transcript_id)
            else {
                continue;
            };
            let segs = &self.b.transcripts[i][t].1;
            let a = segs
                .iter()
                .position(|s| *s == span.first_segment_id)
                .unwrap();
            let z = segs
                .iter()
                .position(|s| *s == span.last_segment_id)
                .unwrap();
            out.push((t, a, z, r));
        }
        out
    }

    fn span_time(&self, i: usize, t: usize, a: usize, z: usize) -> (u32, u32) {
        let start = self.segment_time(i, t, a).0;
        let end = (a..=z).map(|k| self.segment_time(i, t, k).1).max().unwrap();
        (start, end)
    }

    fn text_withheld(&self, i: usize, t: usize, k: usize) -> bool {
        if self.interview_closed(i)
            || self.interview_closes(i, Layer::Text)
            || self.closes(&self.b.transcripts[i][t].0, Layer::Text)
        {
            return true;
        }
        let here = self.segment_time(i, t, k);
        self.spans(i).into_iter().any(|(source, a, z, r)| {
            let touches_text = match r.action {
                RestrictionAction::Redact => true,
                RestrictionAction::Seal => r.layer != Layer::Audio,
                RestrictionAction::Restrict => {
                    r.layer != Layer::Audio && r.level != AccessLevel::Open
                }
            };
            let covers = if source == t {
                a <= k && k <= z
            } else {
                let (x, y) = self.span_time(i, source, a, z);
                x < here.1 && here.0 < y
            };
            touches_text && covers
        })
    }

    /// `None` when no recording of interview `i` may leave; else the ranges to be silent.
    fn audio(&self, i: usize) -> Option<Vec<(u32, u32)>> {
        if self.interview_closed(i) || self.interview_closes(i, Layer::Audio) {
            return None;
        }
        if self.b.transcripts[i]
            .iter()
            .any(|(id, _)| self.closes(id, Layer::Audio))
        {
            return None;
        }
        Some(
            self.spans(i)
                .into_iter()
                .filter(|(_, _, _, r)| {
                    r.layer != Layer::Text
                        && (r.action != RestrictionAction::Restrict || r.level != AccessLevel::Open)
                })
                .map(|(t, a, z, _)| self.span_time(i, t, a, z))
                .collect(),
        )
    }
}

/// Exports `b` as a public bag on `today` and checks every file of it against the oracle.
/// Returns how many withheld strings were looked for.
fn export_and_check(
    b: &mut Built,
    shapes: &[InterviewShape],
    photos: &[PhotoShape],
    today: &str,
    selection: Selection,
) -> usize {
    let options = ExportOptions {
        out: b.out.to_string_lossy().into_owned(),
        profile: Profile::Public,
        selection: selection.clone(),
        organization: String::new(),
        contact: String::new(),
        description: String::new(),
    };
    // Written from a read connection, as the window does, and logged through the writer.
    let reader = Archive::open_read_only(b.archive.path().unwrap()).unwrap();
    let written = reader
        .snapshot(|r| package::write_package(r, &options, today, &JobContext::silent()))
        .unwrap();
    drop(reader);
    package::record_export(&mut b.archive, written, Origin::Cli, &JobContext::silent()).unwrap();
    let b = &*b;
    let files: Vec<(PathBuf, Vec<u8>)> = walk(&b.out)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    let o = Oracle {
        b,
        shapes,
        photos,
        today,
        rules: restrictions::list(&b.archive).unwrap(),
    };
    let whole = matches!(selection, Selection::All);
    let mut withheld: Vec<String> = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut sort = |name: String, is_withheld: bool, shown_when_open: bool| {
        if is_withheld {
            withheld.push(name);
        } else if shown_when_open && whole {
            open.push(name);
        }
    };
    // Never in a public package: the curators' reasons, the recordings' and photos' metadata.
    sort("RULEREASON_END".into(), true, false);
    sort("COLL_C0_END".into(), o.collection_closed(), false);
    for p in 0..PEOPLE {
        sort(person_name(p), o.person_closed(p), false);
    }
    for (i, shape) in shapes.iter().enumerate() {
        sort(format!("MEDIAINFO_I{i}_END"), true, false);
        sort(format!("TITLE_I{i}_END"), o.interview_closed(i), true);
        let mut withheld_times = Vec::new();
        for (t, count) in shape.transcripts.iter().enumerate() {
            for k in 0..*count {
                let w = o.text_withheld(i, t, k);
                if w {
                    withheld_times.push(o.segment_time(i, t, k));
                }
                sort(segment_marker(i, t, k), w, true);
            }
        }
        for (p, ms) in shape.points.iter().enumerate() {
            let w = o.interview_closed(i)
                || o.interview_closes(i, Layer::Text)
                || o.closes(&b.points[i][p], Layer::Text)
                || withheld_times.iter().any(|(x, y)| x <= ms && ms <= y);
            sort(format!("POINT_I{i}_P{p}_END"), w, true);
        }
    }
    for (p, shape) in photos.iter().enumerate() {
        sort(format!("PHOTOMETA_F{p}_END"), true, false);
        let closed = o.photo_closed(p);
        sort(format!("CAPTION_F{p}_END"), closed, true);
        // A region naming a person is shown by the person's name, not its label.
        sort(
            format!("REGION_F{p}_END"),
            closed || o.person_closed(shape.person),
            false,
        );
    }
    // The preview (`recollect public`, the app's export dialog) says the same.
    let preview =
        serde_json::to_string(&crate::public::archive(&b.archive, today).unwrap()).unwrap();
    for secret in &withheld {
        let leaks = files_with(&files, secret);
        assert!(
            leaks.is_empty(),
            "{secret} leaked on {today} into {leaks:?}"
        );
        assert!(
            !preview.contains(secret.as_str()),
            "the preview shows {secret}"
        );
    }
    for shown in &open {
        assert!(
            preview.contains(shown.as_str()),
            "the preview leaves out {shown}"
        );
    }
    for shown in &open {
        assert!(
            !files_with(&files, shown).is_empty(),
            "{shown} is public on {today} and must be in the package"
        );
    }
    // Images: clean, read back by a real EXIF reader.
    for (path, bytes) in &files {
        if path.components().any(|c| c.as_os_str() == "photos") {
            assert_image_clean(path, bytes);
        }
    }
    // Recordings: only the sound, silent where withheld, loud elsewhere.
    for (i, _) in shapes.iter().enumerate() {
        let folder = b.out.join("data/media").join(&b.interviews[i]);
        let placed: Vec<&(PathBuf, Vec<u8>)> = files
            .iter()
            .filter(|(p, _)| p.starts_with(&folder))
            .collect();
        let expected = o.audio(i).filter(|_| b.recording_ms[i].is_some());
        let Some(ranges) = expected else {
            assert!(
                placed.is_empty(),
                "the recording of interview {i} is withheld on {today} and left"
            );
            continue;
        };
        if !whole && placed.is_empty() {
            continue;
        }
        assert_eq!(placed.len(), 1, "the recording of interview {i} leaves");
        let chunks = riff_chunks(&placed[0].1);
        let ids: Vec<&[u8]> = chunks.iter().map(|(id, _)| &id[..]).collect();
        assert_eq!(
            ids,
            vec![&b"fmt "[..], &b"data"[..]],
            "only the sound leaves"
        );
        let data = &chunks[1].1;
        for (n, pair) in data.chunks(2).enumerate() {
            let ms_x8 = n as u64 * 1000;
            let silent = ranges.iter().any(|&(x, y)| {
                let (x, y) = (x as u64 * RATE as u64, y as u64 * RATE as u64);
                x <= ms_x8 && ms_x8 < y
            });
            let sample = i16::from_le_bytes([pair[0], pair[1]]);
            if silent {
                assert_eq!(
                    sample, 0,
                    "sample {n} of interview {i} is withheld and plays"
                );
            } else {
                assert_eq!(
                    sample, LOUD,
                    "sample {n} of interview {i} is open and was lost"
                );
            }
        }
    }
    std::fs::remove_dir_all(&b.out).unwrap();
    withheld.len()
}

/// Cases in `make test`; `RECOLLECT_PROPTEST_CASES` asks for more.
fn cases() -> u32 {
    std::env::var("RECOLLECT_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        rng_seed: RngSeed::Fixed(0x5245_434c),
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    #[test]
    fn random_archives_leak_nothing_into_a_public_package(
        shapes in prop::collection::vec(interview_shape(), 1..4),
        photos in prop::collection::vec(photo_shape(), 0..3),
        rules in prop::collection::vec(rule(), 0..10),
        today in 0..DAYS.len(),
        by_collection in prop::bool::weighted(0.2),
    ) {
        let mut b = build(&shapes, &photos);
        for rule in &rules {
            apply(&mut b, rule);
        }
        let selection = if by_collection {
            Selection::Collection { id: b.collection.clone() }
        } else {
            Selection::All
        };
        export_and_check(&mut b, &shapes, &photos, DAYS[today], selection);
    }
}

// ---------------------------------------------------------------------------------------------
// Regression tests, one for each numbered case of what once leaked.

fn shape(transcripts: Vec<usize>, open_ended: bool, points: Vec<u32>) -> InterviewShape {
    InterviewShape {
        in_collection: true,
        narrator: 0,
        transcripts,
        open_ended,
        points,
        recording: true,
    }
}

fn restrict(b: &mut Built, target: Tgt, action: RestrictionAction, level: AccessLevel) {
    let input = RestrictionInput {
        target: resolve(b, &target),
        action,
        level,
        reason: "RULEREASON_END".into(),
        replacement: Some("[REDACTED]".into()),
        ..Default::default()
    };
    restrictions::restrict(&mut b.archive, &input, Origin::Cli).unwrap();
}

const TODAY: &str = "2025-11-30";

fn bag_files(b: &Built) -> Vec<(PathBuf, Vec<u8>)> {
    walk(&b.out)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

fn export_public(b: &mut Built, selection: Selection, today: &str) -> crate::Result<()> {
    let options = ExportOptions {
        out: b.out.to_string_lossy().into_owned(),
        profile: Profile::Public,
        selection,
        organization: String::new(),
        contact: String::new(),
        description: String::new(),
    };
    package::export(
        &mut b.archive,
        &options,
        today,
        Origin::Cli,
        &JobContext::silent(),
    )
    .map(|_| ())
}

#[test]
fn case_1_a_passage_sealed_or_redacted_in_one_transcript_is_withheld_in_every_transcript_and_the_index(
) {
    let shapes = vec![shape(vec![4, 4, 3], false, vec![2_500, 4_200, 6_100])];
    let mut b = build(&shapes, &[]);
    restrict(
        &mut b,
        Tgt::Span(0, 0, 1, 1),
        RestrictionAction::Seal,
        AccessLevel::Closed,
    );
    restrict(
        &mut b,
        Tgt::Span(0, 1, 3, 3),
        RestrictionAction::Redact,
        AccessLevel::Open,
    );
    let view = crate::public::PublicView::new(&b.archive, TODAY).unwrap();
    let other = view.transcripts(&b.interviews[0]).unwrap();
    let statuses: Vec<Vec<crate::public::PublicStatus>> = other
        .iter()
        .map(|t| t.segments.iter().map(|s| s.status).collect())
        .collect();
    use crate::public::PublicStatus::{Open, Redacted, Sealed};
    assert_eq!(
        statuses,
        vec![
            vec![Open, Sealed, Open, Redacted],
            vec![Open, Sealed, Open, Redacted],
            vec![Open, Sealed, Open],
        ],
        "the seal of transcript 0 and the redaction of transcript 1 hold in all three by time"
    );
    // And in every file of the package, with the index point inside the sealed second.
    export_and_check(&mut b, &shapes, &[], TODAY, Selection::All);
}

#[test]
fn case_2_a_sealed_segment_without_an_end_is_silenced_to_the_end_of_the_recording() {
    let shapes = vec![shape(vec![3], true, vec![])];
    let mut b = build(&shapes, &[]);
    restrict(
        &mut b,
        Tgt::Span(0, 0, 2, 2),
        RestrictionAction::Seal,
        AccessLevel::Closed,
    );
    let view = crate::public::PublicView::new(&b.archive, TODAY).unwrap();
    let (_, ranges) = view
        .recordings_to_silence(&b.interviews[0])
        .unwrap()
        .unwrap();
    let end = b.recording_ms[0].unwrap();
    assert_eq!(ranges, vec![(2 * STEP_MS, end)]);
    // The samples of the package's copy are checked against that range.
    export_and_check(&mut b, &shapes, &[], TODAY, Selection::All);
}

#[test]
fn case_3_a_photo_of_a_closed_interview_or_collection_stays_in_unless_opened_explicitly() {
    let mut shapes = vec![shape(vec![2], false, vec![]), shape(vec![2], false, vec![])];
    shapes[0].in_collection = false;
    shapes[1].in_collection = false;
    let photos = vec![
        PhotoShape {
            interviews: vec![0],
            in_collection: false,
            person: 1,
        },
        PhotoShape {
            interviews: vec![],
            in_collection: true,
            person: 1,
        },
        PhotoShape {
            interviews: vec![0],
            in_collection: false,
            person: 1,
        },
        PhotoShape {
            interviews: vec![1],
            in_collection: false,
            person: 1,
        },
    ];
    let mut b = build(&shapes, &photos);
    restrict(
        &mut b,
        Tgt::Interview(0),
        RestrictionAction::Restrict,
        AccessLevel::Closed,
    );
    restrict(
        &mut b,
        Tgt::Collection,
        RestrictionAction::Restrict,
        AccessLevel::Restricted,
    );
    restrict(
        &mut b,
        Tgt::Photo(2),
        RestrictionAction::Restrict,
        AccessLevel::Open,
    );
    let embargoed = resolve(&b, &Tgt::Interview(1));
    restrictions::restrict(
        &mut b.archive,
        &RestrictionInput {
            target: embargoed,
            level: AccessLevel::Closed,
            until: Some("2099-01-01".into()),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let access = |b: &Built, p: usize| {
        restrictions::effective_access(
            &b.archive,
            &Target::record(RecordKind::Photo, b.photos[p].clone()),
            TODAY,
        )
        .unwrap()
    };
    let levels: Vec<AccessLevel> = (0..4).map(|p| access(&b, p).level).collect();
    assert_eq!(
        levels,
        vec![
            AccessLevel::Closed,
            AccessLevel::Restricted,
            AccessLevel::Open,
            AccessLevel::Closed
        ]
    );
    let said = |b: &Built, p: usize| -> Vec<String> {
        restrictions::inherited_reasons(
            &b.archive,
            &Target::record(RecordKind::Photo, b.photos[p].clone()),
            TODAY,
        )
        .unwrap()
        .into_iter()
        .map(|r| r.line)
        .collect()
    };
    assert_eq!(
        said(&b, 0),
        vec!["closed: belongs to a closed interview \"TITLE_I0_END\""]
    );
    assert_eq!(
        said(&b, 3),
        vec!["closed: belongs to an embargoed interview \"TITLE_I1_END\""]
    );
    assert_eq!(
        said(&b, 1),
        vec!["restricted: belongs to a restricted collection \"COLL_C0_END\""]
    );
    assert!(said(&b, 2).is_empty(), "opened explicitly");
    assert!(
        access(&b, 0).reasons[0].set_on
            == Target::record(RecordKind::Interview, b.interviews[0].clone()),
        "the photo says where its restriction comes from"
    );
    // A region inherits its photo's.
    let region = region::regions(&b.archive, &b.photos[0]).unwrap()[0]
        .id
        .clone();
    let region_access = restrictions::effective_access(
        &b.archive,
        &Target::record(RecordKind::Region, region),
        TODAY,
    )
    .unwrap();
    assert_eq!(region_access.level, AccessLevel::Closed);
    export_and_check(&mut b, &shapes, &photos, TODAY, Selection::All);
}

#[test]
fn case_4_public_photos_carry_no_exif_xmp_iptc_or_comments() {
    let photos = vec![PhotoShape {
        interviews: vec![0],
        in_collection: false,
        person: 1,
    }];
    let shapes = vec![shape(vec![1], false, vec![])];
    let mut b = build(&shapes, &photos);
    let original =
        photo::file_path(&b.archive, &photo::get(&b.archive, &b.photos[0]).unwrap()).unwrap();
    let before = std::fs::read(&original).unwrap();
    let exif = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(&before))
        .expect("the original has EXIF, so the test can fail");
    assert!(exif
        .get_field(exif::Tag::ImageDescription, exif::In::PRIMARY)
        .is_some());
    let thumbs = b.archive.media_dir().unwrap().join("thumbs");
    let cached = || std::fs::read_dir(&thumbs).map_or(0, |d| d.count());
    let cached_before = cached();
    export_public(&mut b, Selection::All, TODAY).unwrap();
    assert_eq!(
        cached(),
        cached_before,
        "a public package makes its images from the original's pixels, so it caches no web copy"
    );
    let files = bag_files(&b);
    let images: Vec<&(PathBuf, Vec<u8>)> = files
        .iter()
        .filter(|(p, _)| p.components().any(|c| c.as_os_str() == "photos"))
        .collect();
    assert_eq!(images.len(), 2, "full and web size");
    for (path, bytes) in images {
        assert_image_clean(path, bytes);
        let image = image::load_from_memory(bytes).unwrap();
        assert_eq!(
            (image.width(), image.height()),
            (64, 48),
            "the pixels are all there"
        );
    }
    assert!(files_with(&files, "PHOTOMETA_F0_END").is_empty());
}

#[test]
fn case_5_a_restricted_persons_name_leaves_no_speaker_label_caption_or_region() {
    let photos = vec![PhotoShape {
        interviews: vec![0],
        in_collection: false,
        person: 1,
    }];
    let shapes = vec![shape(vec![4, 4], false, vec![])];
    let mut b = build(&shapes, &photos);
    restrict(
        &mut b,
        Tgt::Person(1),
        RestrictionAction::Restrict,
        AccessLevel::Restricted,
    );
    export_public(&mut b, Selection::All, TODAY).unwrap();
    let files = bag_files(&b);
    let leaks = files_with(&files, &person_name(1));
    assert!(leaks.is_empty(), "{} leaked into {leaks:?}", person_name(1));
    for open in [person_name(0), person_name(2), "CAPTION_F0_END".into()] {
        assert!(!files_with(&files, &open).is_empty(), "{open} is public");
    }
    assert!(!files_with(&files, crate::public::WITHHELD_NAME).is_empty());
}

#[test]
fn case_6_a_public_package_of_a_later_day_is_refused() {
    let shapes = vec![shape(vec![2], false, vec![])];
    let mut b = build(&shapes, &[]);
    restrict(
        &mut b,
        Tgt::Interview(0),
        RestrictionAction::Restrict,
        AccessLevel::Closed,
    );
    let later = "2099-06-01";
    let refused = export_public(&mut b, Selection::All, later).unwrap_err();
    assert!(
        refused.to_string().contains(later) && refused.to_string().contains("still to come"),
        "{refused}"
    );
    assert!(!b.out.exists(), "nothing is written");
    // The view itself may be looked at on any day.
    assert!(crate::public::PublicView::new(&b.archive, later).is_ok());
    export_public(&mut b, Selection::All, &crate::dates::today()).unwrap();
}

#[test]
fn case_7_a_package_of_one_collection_carries_only_what_it_reaches() {
    let mut shapes = vec![shape(vec![2], false, vec![]), shape(vec![2], false, vec![])];
    shapes[1].in_collection = false;
    shapes[1].narrator = 1;
    let mut b = build(&shapes, &[]);
    let dir = b.out.parent().unwrap().to_path_buf();
    for (i, tag) in ["A", "B"].iter().enumerate() {
        let file = dir.join(format!("form-{tag}.pdf"));
        std::fs::write(&file, format!("FORMDOC_{tag}_END")).unwrap();
        let document = crate::accession::add_document(
            &mut b.archive,
            &file,
            crate::accession::DocumentKind::ReleaseForm,
            Origin::Cli,
        )
        .unwrap();
        restrictions::add_release_form(
            &mut b.archive,
            &restrictions::ReleaseFormInput {
                subject: crate::records::RecordRef::new(
                    RecordKind::Interview,
                    b.interviews[i].clone(),
                ),
                status: restrictions::ReleaseStatus::Signed,
                signed_on: None,
                terms: restrictions::ReleaseTerms::Open,
                until: None,
                narrator_id: None,
                document_id: Some(document.id),
                note: format!("FORMNOTE_{tag}_END"),
            },
            Origin::Cli,
        )
        .unwrap();
        let deed = dir.join(format!("deed-{tag}.pdf"));
        std::fs::write(&deed, format!("DEED_{tag}_END")).unwrap();
        crate::accession::create(
            &mut b.archive,
            &crate::accession::AccessionInput {
                identifier: format!("ACC_{tag}_END"),
                donor: format!("DONOR_{tag}_END"),
                records: vec![crate::records::RecordRef::new(
                    RecordKind::Interview,
                    b.interviews[i].clone(),
                )],
                ..Default::default()
            },
            Some(&deed),
            Origin::Cli,
        )
        .unwrap();
        let input = RestrictionInput {
            target: resolve(&b, &Tgt::Span(i, 0, 0, 0)),
            action: RestrictionAction::Redact,
            reason: format!("REASON_{tag}_END"),
            replacement: Some("[REDACTED]".into()),
            ..Default::default()
        };
        restrictions::restrict(&mut b.archive, &input, Origin::Cli).unwrap();
    }
    crate::sources::create(
        &mut b.archive,
        &crate::sources::SourceFields {
            title: "SOURCE_UNCITED_END".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let options = ExportOptions {
        out: b.out.to_string_lossy().into_owned(),
        profile: Profile::Full,
        selection: Selection::Collection {
            id: b.collection.clone(),
        },
        organization: String::new(),
        contact: String::new(),
        description: String::new(),
    };
    package::export(
        &mut b.archive,
        &options,
        TODAY,
        Origin::Cli,
        &JobContext::silent(),
    )
    .unwrap();
    let files = bag_files(&b);
    for reached in [
        "FORMNOTE_A_END",
        "FORMDOC_A_END",
        "DEED_A_END",
        "ACC_A_END",
        "DONOR_A_END",
        "REASON_A_END",
        "TITLE_I0_END",
    ] {
        assert!(
            !files_with(&files, reached).is_empty(),
            "{reached} is part of the collection"
        );
    }
    for other in [
        "FORMNOTE_B_END",
        "FORMDOC_B_END",
        "DEED_B_END",
        "ACC_B_END",
        "DONOR_B_END",
        "REASON_B_END",
        "TITLE_I1_END",
        "SOURCE_UNCITED_END",
    ] {
        let leaks = files_with(&files, other);
        assert!(
            leaks.is_empty(),
            "{other} is not reached by the collection: {leaks:?}"
        );
    }
}

#[test]
fn case_8_bag_info_names_no_closed_collection_and_no_search_and_a_search_sees_only_public_words() {
    let shapes = vec![shape(vec![3], false, vec![]), shape(vec![3], false, vec![])];
    let mut b = build(&shapes, &[]);
    restrict(
        &mut b,
        Tgt::Collection,
        RestrictionAction::Restrict,
        AccessLevel::Closed,
    );
    let id = b.collection.clone();
    export_public(&mut b, Selection::Collection { id }, TODAY).unwrap();
    let info = std::fs::read_to_string(b.out.join("bag-info.txt")).unwrap();
    assert!(!info.contains("COLL_C0_END"), "{info}");
    std::fs::remove_dir_all(&b.out).unwrap();

    // A search for a word only a sealed passage says finds nothing public.
    let mut b = build(&shapes, &[]);
    restrict(
        &mut b,
        Tgt::Span(0, 0, 1, 1),
        RestrictionAction::Seal,
        AccessLevel::Closed,
    );
    let query = "S1".to_owned();
    let view = crate::public::PublicView::new(&b.archive, TODAY).unwrap();
    let found = Selection::Search {
        query: query.clone(),
    }
    .public_interview_ids(&b.archive, &view)
    .unwrap();
    let everywhere = Selection::Search {
        query: query.clone(),
    }
    .interview_ids(&b.archive)
    .unwrap();
    assert_eq!(
        everywhere.len(),
        2,
        "the query finds both interviews inside the archive"
    );
    assert_eq!(
        found,
        vec![b.interviews[1].clone()],
        "only the open passage counts"
    );
    drop(view);
    export_public(&mut b, Selection::Search { query }, TODAY).unwrap();
    let info = std::fs::read_to_string(b.out.join("bag-info.txt")).unwrap();
    assert!(!info.contains("S1"), "the query is not written: {info}");
    let files = bag_files(&b);
    assert!(files_with(&files, "TITLE_I0_END").is_empty());
    assert!(!files_with(&files, "TITLE_I1_END").is_empty());
}

#[test]
fn case_9_a_public_wav_keeps_no_list_info_or_other_chunk_and_the_bag_validates() {
    let shapes = vec![
        shape(vec![3], false, vec![500]),
        shape(vec![2], false, vec![]),
    ];
    let mut b = build(&shapes, &[]);
    restrict(
        &mut b,
        Tgt::Span(0, 0, 0, 0),
        RestrictionAction::Seal,
        AccessLevel::Closed,
    );
    export_public(&mut b, Selection::All, TODAY).unwrap();
    let files = bag_files(&b);
    let wavs: Vec<&(PathBuf, Vec<u8>)> = files
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "wav"))
        .collect();
    assert_eq!(
        wavs.len(),
        2,
        "the silenced copy and the untouched one both leave"
    );
    for (path, bytes) in wavs {
        let ids: Vec<[u8; 4]> = riff_chunks(bytes).into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, vec![*b"fmt ", *b"data"], "{}", path.display());
    }
    assert!(files_with(&files, "MEDIAINFO_I").is_empty());
    let validated = std::process::Command::new("bagit.py")
        .arg("--validate")
        .arg(&b.out)
        .output()
        .expect("bagit.py is needed: scripts/install-deps.sh --test installs bagit-python");
    assert!(
        validated.status.success(),
        "{}",
        String::from_utf8_lossy(&validated.stderr)
    );
    for open in [
        "TITLE_I0_END",
        "SEG_I0_T0_S1_END",
        "TITLE_I1_END",
        "SEG_I1_T0_S0_END",
    ] {
        assert!(!files_with(&files, open).is_empty(), "{open} is public");
    }
}
