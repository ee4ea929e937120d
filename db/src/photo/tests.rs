//! Photos on real archive files with real images, made here with the `image` crate.

use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};

use super::*;
use crate::{
    collection::{self, CollectionInput},
    jobs::{CancelFlag, JobContext},
    people, sample, Archive, Error, Origin,
};

fn image_bytes(width: u32, height: u32, format: ImageFormat, seed: u8) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x % 251) as u8 ^ seed, (y % 241) as u8, seed])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(img)
        .write_to(&mut out, format)
        .unwrap();
    out.into_inner()
}

fn write_image(
    dir: &Path,
    name: &str,
    width: u32,
    height: u32,
    format: ImageFormat,
    seed: u8,
) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, image_bytes(width, height, format, seed)).unwrap();
    path
}

/// A JPEG with an EXIF segment saying when and with what it was taken, built as cameras do:
/// an APP1 segment ("Exif\0\0" and a TIFF structure) right after the start-of-image marker.
fn jpeg_with_exif(width: u32, height: u32, date: &str, make: &str, model: &str) -> Vec<u8> {
    use exif::{experimental::Writer, Field, In, Tag, Value};
    let ascii = |tag, text: &str| Field {
        tag,
        ifd_num: In::PRIMARY,
        value: Value::Ascii(vec![text.as_bytes().to_vec()]),
    };
    let fields = [
        ascii(Tag::DateTimeOriginal, date),
        ascii(Tag::Make, make),
        ascii(Tag::Model, model),
    ];
    let mut writer = Writer::new();
    for field in &fields {
        writer.push_field(field);
    }
    let mut tiff = std::io::Cursor::new(Vec::new());
    writer.write(&mut tiff, false).unwrap();
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff.into_inner());
    let jpeg = image_bytes(width, height, ImageFormat::Jpeg, 9);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

struct Fixture {
    dir: tempfile::TempDir,
    archive: Archive,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let archive = Archive::open(dir.path().join("a.db")).unwrap();
        Fixture { dir, archive }
    }

    fn input(&self) -> PathBuf {
        self.dir.path().join("in")
    }

    fn media(&self) -> PathBuf {
        self.archive.media_dir().unwrap()
    }

    /// Files in the media store (not thumbnails, not temp files).
    fn stored_files(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let Ok(entries) = std::fs::read_dir(self.media()) else {
            return out;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() && path.file_name().unwrap() != "thumbs" {
                out.extend(
                    std::fs::read_dir(&path)
                        .unwrap()
                        .flatten()
                        .map(|e| e.path()),
                );
            } else if path.is_file() {
                out.push(path);
            }
        }
        out.sort();
        out
    }

    fn import(
        &mut self,
        files: &[PathBuf],
        options: &ImportPhotosOptions,
    ) -> crate::Result<ImportPhotosSummary> {
        import(
            &mut self.archive,
            files,
            options,
            &JobContext::silent(),
            Origin::Cli,
        )
    }
}

#[test]
fn jpeg_png_tiff_and_a_folder_are_imported_into_the_store() {
    let mut f = Fixture::new();
    let input = f.input();
    let jpeg = write_image(&input, "a.jpg", 320, 200, ImageFormat::Jpeg, 1);
    let png = write_image(&input, "b.png", 64, 48, ImageFormat::Png, 2);
    let tiff = write_image(&input, "c.tif", 30, 40, ImageFormat::Tiff, 3);
    let folder = input.join("album");
    write_image(&folder, "d.JPEG", 50, 50, ImageFormat::Jpeg, 4);
    write_image(&folder.join("inner"), "e.png", 20, 10, ImageFormat::Png, 5);
    std::fs::write(folder.join("notes.txt"), "who is who").unwrap();
    std::fs::write(folder.join(".DS_Store"), "x").unwrap();
    let c = collection::create(
        &mut f.archive,
        &CollectionInput {
            title: "Family photos".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();

    let summary = f
        .import(
            &[jpeg, png, tiff, folder],
            &ImportPhotosOptions {
                collection_id: Some(c.id.clone()),
                ..Default::default()
            },
        )
        .unwrap();
    let got: Vec<(&str, &str, u32, u32)> = summary
        .added
        .iter()
        .map(|p| {
            (
                p.original_name.as_str(),
                p.mime_type.as_str(),
                p.width,
                p.height,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("a.jpg", "image/jpeg", 320, 200),
            ("b.png", "image/png", 64, 48),
            ("c.tif", "image/tiff", 30, 40),
            ("d.JPEG", "image/jpeg", 50, 50),
            ("e.png", "image/png", 20, 10),
        ],
        "files first, then the folder recursively, with their size in pixels"
    );
    assert_eq!(
        summary.warnings.len(),
        1,
        "the text file in the folder is skipped and said so: {:?}",
        summary.warnings
    );
    assert!(summary.warnings[0].contains("notes.txt"));
    for photo in &summary.added {
        assert_eq!(photo.collection_ids, [c.id.as_str()]);
        let file = file_path(&f.archive, photo).unwrap();
        let bytes = std::fs::read(&file).unwrap();
        use sha2::Digest;
        assert_eq!(
            format!("{:x}", sha2::Sha256::digest(&bytes)),
            photo.sha256,
            "stored under its own hash"
        );
        assert_eq!(photo.size_bytes, bytes.len() as u64);
        assert!(
            photo.path.starts_with(&photo.sha256[..2]),
            "sharded by the hash's first two digits: {}",
            photo.path
        );
    }
    assert_eq!(f.stored_files().len(), 5);
    assert_eq!(
        list(
            &f.archive,
            &PhotoFilter {
                collection_id: Some(c.id),
                ..Default::default()
            }
        )
        .unwrap()
        .len(),
        5
    );
    let history = crate::provenance::history(&f.archive, &summary.added[0].id).unwrap();
    assert_eq!(
        history[0].event_type,
        crate::provenance::EventType::Ingestion
    );
}

#[test]
fn the_same_image_is_stored_once() {
    let mut f = Fixture::new();
    let input = f.input();
    let a = write_image(&input, "a.png", 40, 30, ImageFormat::Png, 1);
    let copy = input.join("copy of a.png");
    std::fs::copy(&a, &copy).unwrap();
    let first = f
        .import(
            &[a.clone(), copy, a.clone()],
            &ImportPhotosOptions::default(),
        )
        .unwrap();
    assert_eq!(
        first.added.len(),
        1,
        "a file named twice, and a copy of it, make one photo"
    );
    assert_eq!(first.duplicates.len(), 1);
    assert_eq!(first.duplicates[0].photo_id, first.added[0].id);

    let c = collection::create(
        &mut f.archive,
        &CollectionInput {
            title: "C".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let again = f
        .import(
            &[a],
            &ImportPhotosOptions {
                collection_id: Some(c.id.clone()),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(again.added.is_empty());
    assert_eq!(again.duplicates[0].photo_id, first.added[0].id);
    assert_eq!(
        get(&f.archive, &first.added[0].id).unwrap().collection_ids,
        [c.id],
        "a duplicate still joins the collection asked for"
    );
    assert_eq!(list(&f.archive, &PhotoFilter::default()).unwrap().len(), 1);
    assert_eq!(f.stored_files().len(), 1, "one file in the store");
}

#[test]
fn a_file_that_is_not_an_image_refuses_the_whole_import() {
    let mut f = Fixture::new();
    let input = f.input();
    let good = write_image(&input, "good.jpg", 40, 30, ImageFormat::Jpeg, 1);
    let text = input.join("interview-notes.jpg");
    std::fs::write(&text, "these are notes, not a photo").unwrap();
    let err = f
        .import(&[good.clone(), text], &ImportPhotosOptions::default())
        .unwrap_err();
    assert!(matches!(err, Error::Invalid { field: "file", .. }), "{err}");
    assert!(
        err.to_string().contains("interview-notes.jpg"),
        "the message names the file: {err}"
    );
    assert!(
        list(&f.archive, &PhotoFilter::default())
            .unwrap()
            .is_empty(),
        "nothing was imported"
    );
    assert!(
        f.stored_files().is_empty(),
        "no file stays in the store: {:?}",
        f.stored_files()
    );

    let gif = input.join("anim.gif");
    std::fs::write(&gif, b"GIF89a\x01\x00\x01\x00\x00\x00\x00;").unwrap();
    let err = f
        .import(&[gif], &ImportPhotosOptions::default())
        .unwrap_err();
    assert!(
        err.to_string().contains("anim.gif") && err.to_string().contains("JPEG, PNG and TIFF"),
        "{err}"
    );

    let err = f
        .import(
            &[good, input.join("missing.png")],
            &ImportPhotosOptions::default(),
        )
        .unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err}");
    assert!(list(&f.archive, &PhotoFilter::default())
        .unwrap()
        .is_empty());
}

#[test]
fn a_failure_after_copying_removes_the_copied_files() {
    let mut f = Fixture::new();
    let input = f.input();
    let a = write_image(&input, "a.png", 40, 30, ImageFormat::Png, 1);
    let b = write_image(&input, "b.png", 40, 30, ImageFormat::Png, 2);
    // Cancelled during copying: the first file was placed, then the job stopped.
    let flag = CancelFlag::default();
    let trigger = flag.clone();
    let job = JobContext::new(flag, move |p| {
        if matches!(&p, crate::jobs::Progress::Progress { phase, done: 1, .. } if phase == "copying")
        {
            trigger.cancel();
        }
    });
    let err = import(
        &mut f.archive,
        &[a.clone(), b.clone()],
        &ImportPhotosOptions::default(),
        &job,
        Origin::Cli,
    )
    .unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err}");
    assert!(
        f.stored_files().is_empty(),
        "placed files are removed again: {:?}",
        f.stored_files()
    );
    assert!(list(&f.archive, &PhotoFilter::default())
        .unwrap()
        .is_empty());
    // An unknown collection is refused before anything is copied.
    let err = f
        .import(
            &[a],
            &ImportPhotosOptions {
                collection_id: Some(crate::ids::new_id()),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::NotFound {
                kind: "collection",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn an_archive_in_memory_has_no_place_for_photos() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_image(dir.path(), "a.png", 4, 4, ImageFormat::Png, 1);
    let mut a = Archive::open_in_memory().unwrap();
    let err = import(
        &mut a,
        &[file],
        &ImportPhotosOptions::default(),
        &JobContext::silent(),
        Origin::Cli,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("save the archive to a file"),
        "{err}"
    );
}

#[test]
fn exif_date_and_camera_are_read() {
    let mut f = Fixture::new();
    let input = f.input();
    std::fs::create_dir_all(&input).unwrap();
    let path = input.join("scan.jpg");
    std::fs::write(
        &path,
        jpeg_with_exif(64, 48, "2019:05:04 12:30:15", "EPSON", "Perfection V850"),
    )
    .unwrap();
    let plain = write_image(&input, "plain.png", 8, 8, ImageFormat::Png, 3);
    let summary = f
        .import(&[path, plain], &ImportPhotosOptions::default())
        .unwrap();
    let scan = &summary.added[0];
    assert_eq!(
        (scan.width, scan.height),
        (64, 48),
        "the EXIF segment does not hide the image"
    );
    assert_eq!(scan.exif_date.as_deref(), Some("2019-05-04T12:30:15"));
    assert_eq!(scan.exif_camera.as_deref(), Some("EPSON Perfection V850"));
    assert_eq!(
        scan.date, None,
        "the scan's EXIF date is not taken as the photo's date"
    );
    assert_eq!(
        (
            summary.added[1].exif_date.as_ref(),
            summary.added[1].exif_camera.as_ref()
        ),
        (None, None)
    );
}

#[test]
fn thumbnails_fit_their_size_and_are_cached() {
    let mut f = Fixture::new();
    let input = f.input();
    let big = write_image(&input, "big.tif", 400, 250, ImageFormat::Tiff, 1);
    let small = write_image(&input, "small.png", 40, 20, ImageFormat::Png, 2);
    let summary = f
        .import(&[big, small], &ImportPhotosOptions::default())
        .unwrap();
    let (big, small) = (&summary.added[0], &summary.added[1]);

    let path = thumbnail(&f.archive, &big.id, 128).unwrap();
    assert_eq!(
        path,
        f.media()
            .join("thumbs")
            .join(format!("{}-128.jpg", big.sha256))
    );
    let thumb = image::open(&path).unwrap();
    assert_eq!(
        (thumb.width(), thumb.height()),
        (128, 80),
        "fits in 128 × 128, keeping the shape"
    );
    assert_eq!(
        image::guess_format(&std::fs::read(&path).unwrap()).unwrap(),
        ImageFormat::Jpeg
    );

    // Cached: with the original gone the thumbnail is still served, untouched.
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::rename(
        file_path(&f.archive, big).unwrap(),
        f.dir.path().join("away"),
    )
    .unwrap();
    assert_eq!(thumbnail(&f.archive, &big.id, 128).unwrap(), path);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified,
        "not made again"
    );
    assert!(
        thumbnail(&f.archive, &big.id, 64).is_err(),
        "another size needs the original"
    );

    let small_thumb = image::open(thumbnail(&f.archive, &small.id, 128).unwrap()).unwrap();
    assert_eq!(
        (small_thumb.width(), small_thumb.height()),
        (40, 20),
        "a small image is not enlarged"
    );
    assert!(
        thumbnail(&f.archive, &small.id, 2).is_err(),
        "absurd sizes are refused"
    );

    delete(&mut f.archive, &small.id, Origin::Cli).unwrap();
    // In the trash its thumbnails stay, for it may come back; purged, they go.
    crate::trash::purge(&mut f.archive, &small.id, Origin::Cli).unwrap();
    let left: Vec<_> = std::fs::read_dir(f.media().join("thumbs"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        left.len(),
        1,
        "deleting a photo removes its thumbnails: {left:?}"
    );
    assert_eq!(
        f.stored_files().len(),
        0,
        "and its file (the other one was moved away above)"
    );
}

#[test]
fn regions_must_lie_inside_the_image() {
    let mut f = Fixture::new();
    let input = f.input();
    let file = write_image(&input, "a.png", 200, 100, ImageFormat::Png, 1);
    let photo = f
        .import(&[file], &ImportPhotosOptions::default())
        .unwrap()
        .added
        .remove(0);
    let person = people::create(
        &mut f.archive,
        &people::PersonInput {
            display_name: "Karl Radek".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let inside = RegionInput {
        rect: Some(Rect {
            x: 150,
            y: 50,
            width: 50,
            height: 50,
        }),
        person_id: Some(person.id.clone()),
        label: "Radek".into(),
    };
    let region = region::add_region(&mut f.archive, &photo.id, &inside, Origin::Cli).unwrap();
    assert_eq!(region.person.as_ref().unwrap().name, "Karl Radek");
    for rect in [
        Rect {
            x: 151,
            y: 50,
            width: 50,
            height: 50,
        },
        Rect {
            x: 0,
            y: 90,
            width: 10,
            height: 11,
        },
        Rect {
            x: 0,
            y: 0,
            width: 0,
            height: 5,
        },
        Rect {
            x: u32::MAX,
            y: 0,
            width: 2,
            height: 2,
        },
    ] {
        let err = region::add_region(
            &mut f.archive,
            &photo.id,
            &RegionInput {
                rect: Some(rect),
                ..Default::default()
            },
            Origin::Cli,
        )
        .unwrap_err();
        assert!(
            matches!(
                err,
                Error::Invalid {
                    field: "region",
                    ..
                }
            ),
            "{rect:?}: {err}"
        );
    }
    let err = region::update_region(
        &mut f.archive,
        &region.id,
        &RegionInput {
            rect: Some(Rect {
                x: 0,
                y: 0,
                width: 201,
                height: 1,
            }),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("200 × 100"),
        "the message gives the image's size: {err}"
    );
    // The database refuses it too, whoever writes.
    let raw = f
        .archive
        .conn()
        .execute("UPDATE regions SET width = 51", []);
    assert!(raw.is_err(), "the trigger keeps regions inside the image");

    let appearances = person_appearances(&f.archive, &person.id).unwrap();
    assert_eq!(appearances.len(), 1);
    assert_eq!(appearances[0].photo.id, photo.id);
    assert_eq!(
        appearances[0].regions[0].rect,
        Some(Rect {
            x: 150,
            y: 50,
            width: 50,
            height: 50
        })
    );
    assert_eq!(get(&f.archive, &photo.id).unwrap().region_count, 1);
    region::delete_region(&mut f.archive, &region.id, Origin::Cli).unwrap();
    assert!(person_appearances(&f.archive, &person.id)
        .unwrap()
        .is_empty());
}

#[test]
fn captions_and_links_are_kept_and_logged() {
    let mut f = Fixture::new();
    let file = write_image(&f.input(), "a.png", 20, 20, ImageFormat::Png, 1);
    let photo = f
        .import(&[file], &ImportPhotosOptions::default())
        .unwrap()
        .added
        .remove(0);
    let published = add_caption(
        &mut f.archive,
        &photo.id,
        &CaptionInput {
            kind: CaptionKind::Published,
            language: "ru".into(),
            text: "Сидят: Радек".into(),
        },
        Origin::Cli,
    )
    .unwrap();
    let mine = add_caption(
        &mut f.archive,
        &photo.id,
        &CaptionInput {
            kind: CaptionKind::Archivist,
            language: "en".into(),
            text: " Sitting: Radek ".into(),
        },
        Origin::Cli,
    )
    .unwrap();
    assert_eq!(
        (published.position, mine.position, mine.text.as_str()),
        (0, 1, "Sitting: Radek")
    );
    assert!(add_caption(
        &mut f.archive,
        &photo.id,
        &CaptionInput {
            text: " ".into(),
            ..Default::default()
        },
        Origin::Cli
    )
    .is_err());
    update_caption(
        &mut f.archive,
        &mine.id,
        &CaptionInput {
            kind: CaptionKind::Translated,
            language: "en".into(),
            text: "Sitting: Karl Radek".into(),
        },
        Origin::Cli,
    )
    .unwrap();
    let updated = update(
        &mut f.archive,
        &photo.id,
        &PhotoInput {
            date: Some("1927~".into()),
            creator: "Unknown photographer".into(),
            ..PhotoInput::from(&photo)
        },
        Origin::Cli,
    )
    .unwrap();
    assert_eq!(updated.date.as_deref(), Some("1927~"));
    assert!(update(
        &mut f.archive,
        &photo.id,
        &PhotoInput {
            date: Some("summer 1927".into()),
            ..Default::default()
        },
        Origin::Cli
    )
    .is_err());

    let interview = crate::interview::create(
        &mut f.archive,
        &crate::interview::InterviewInput {
            title: "I".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    attach_to_interview(&mut f.archive, &photo.id, &interview.id, Origin::Cli).unwrap();
    let c = collection::create(
        &mut f.archive,
        &CollectionInput {
            title: "C".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    add_to_collection(&mut f.archive, &photo.id, &c.id, Origin::Cli).unwrap();
    let got = get(&f.archive, &photo.id).unwrap();
    assert_eq!(
        got.captions
            .iter()
            .map(|c| (c.kind, c.text.as_str()))
            .collect::<Vec<_>>(),
        [
            (CaptionKind::Published, "Сидят: Радек"),
            (CaptionKind::Translated, "Sitting: Karl Radek")
        ]
    );
    assert_eq!(
        (got.interview_ids.clone(), got.collection_ids.clone()),
        (vec![interview.id.clone()], vec![c.id.clone()])
    );
    assert_eq!(
        list(
            &f.archive,
            &PhotoFilter {
                interview_id: Some(interview.id.clone()),
                collection_id: Some(c.id.clone())
            }
        )
        .unwrap()
        .len(),
        1
    );
    detach_from_interview(&mut f.archive, &photo.id, &interview.id, Origin::Cli).unwrap();
    remove_from_collection(&mut f.archive, &photo.id, &c.id, Origin::Cli).unwrap();
    delete_caption(&mut f.archive, &published.id, Origin::Cli).unwrap();
    let got = get(&f.archive, &photo.id).unwrap();
    assert!(
        got.interview_ids.is_empty() && got.collection_ids.is_empty() && got.captions.len() == 1
    );
    let events = crate::provenance::history(&f.archive, &photo.id).unwrap();
    assert_eq!(
        events.len(),
        10,
        "import, and each of the nine changes, is in the photo's history"
    );
}

#[test]
fn the_sample_photo_is_identified_from_its_caption() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Archive::open(dir.path().join("sample.db")).unwrap();
    sample::build(&mut a).unwrap();
    let photos = list(&a, &PhotoFilter::default()).unwrap();
    assert_eq!(photos.len(), 1, "the sample has the 1927 group photo");
    let photo = &photos[0];
    assert!(
        photo.note.starts_with("PLACEHOLDER") && photo.creator.contains("placeholder"),
        "it says it is not the real photograph"
    );
    assert_eq!((photo.width, photo.height), (1600, 1000));
    assert!(file_path(&a, photo).unwrap().exists());
    assert_eq!(photo.collection_ids.len(), 1);
    assert_eq!(photo.interview_ids.len(), 1);

    let proposals = identify_from_caption(&a, &photo.id, &photo.captions[0].id).unwrap();
    let expected = [
        ("Sitting", "Serebryakov", "Leonid Serebryakov"),
        ("Sitting", "Radek", "Karl Radek"),
        ("Sitting", "Trotsky", "Leon Trotsky"),
        ("Sitting", "Boguslavsky", "Mikhail Boguslavsky"),
        ("Sitting", "Preobrazhensky", "Yevgeni Preobrazhensky"),
        ("Standing", "Rakovsky", "Christian Rakovsky"),
        ("Standing", "Drobnis", "Yakov Drobnis"),
        ("Standing", "Beloborodov", "Alexander Beloborodov"),
        ("Standing", "Sosnovsky", "Lev Sosnovsky"),
    ];
    assert_eq!(proposals.len(), 9);
    for (proposal, (label, written, person)) in proposals.iter().zip(expected) {
        assert_eq!(
            (
                proposal.row_label.as_str(),
                proposal.name_as_written.as_str()
            ),
            (label, written)
        );
        let best = &proposal.candidates[0];
        assert_eq!(
            people::get(&a, &best.id).unwrap().display_name,
            person,
            "{written}: {:?}",
            proposal.candidates
        );
        assert!(
            best.confident,
            "{written} is identified confidently: {:?}",
            proposal.candidates
        );
        let confirmed = proposal
            .confirmed
            .as_ref()
            .expect("the sample confirmed and placed every name");
        assert_eq!(confirmed.person.as_ref().unwrap().id, best.id);
        assert!(confirmed.rect.is_some());
    }
    // Row 0 is sitting, in front and lower in the picture; the standing row is above it.
    let sitting_y = proposals[0].confirmed.as_ref().unwrap().rect.unwrap().y;
    let standing_y = proposals[5].confirmed.as_ref().unwrap().rect.unwrap().y;
    assert!(standing_y < sitting_y);

    let trotsky = &proposals[2].candidates[0].id;
    let appearances = person_appearances(&a, trotsky).unwrap();
    assert_eq!(appearances.len(), 1);
    assert_eq!(appearances[0].regions[0].label, "Trotsky");
    assert!(thumbnail(&a, &photo.id, 256).unwrap().exists());
}

#[test]
fn confirming_again_changes_the_identification_in_place() {
    let mut f = Fixture::new();
    let file = write_image(&f.input(), "a.png", 300, 200, ImageFormat::Png, 1);
    let photo = f
        .import(&[file], &ImportPhotosOptions::default())
        .unwrap()
        .added
        .remove(0);
    let caption = add_caption(
        &mut f.archive,
        &photo.id,
        &CaptionInput {
            text: "Left to right: Radek, unidentified".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let radek = people::create(
        &mut f.archive,
        &people::PersonInput {
            display_name: "Karl Radek".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let proposals = identify_from_caption(&f.archive, &photo.id, &caption.id).unwrap();
    assert_eq!(proposals.len(), 2);
    assert!(
        proposals[1].placeholder && proposals[1].candidates.is_empty(),
        "placeholders are kept in place, with no candidates"
    );
    let id = Identification {
        caption_id: caption.id.clone(),
        row: 0,
        position: 0,
        person_id: Some(radek.id.clone()),
        rect: None,
    };
    let first = confirm_identification(&mut f.archive, &photo.id, &id, Origin::Cli).unwrap();
    assert_eq!(
        (first.rect, first.label.as_str()),
        (None, "Radek"),
        "confirmed before it is placed"
    );
    let placed = confirm_identification(
        &mut f.archive,
        &photo.id,
        &Identification {
            rect: Some(Rect {
                x: 10,
                y: 10,
                width: 50,
                height: 80,
            }),
            ..id.clone()
        },
        Origin::Cli,
    )
    .unwrap();
    assert_eq!(placed.id, first.id, "the same identification, now placed");
    assert_eq!(region::regions(&f.archive, &photo.id).unwrap().len(), 1);
    let err = confirm_identification(
        &mut f.archive,
        &photo.id,
        &Identification { position: 5, ..id },
        Origin::Cli,
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Invalid {
                field: "identification",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_photo_deleted_leaves_the_file_a_deed_of_the_same_scan_keeps() {
    let mut f = Fixture::new();
    let input = f.input();
    let scan = write_image(&input, "deed scan.png", 60, 40, ImageFormat::Png, 7);
    let summary = f
        .import(std::slice::from_ref(&scan), &ImportPhotosOptions::default())
        .unwrap();
    let photo = &summary.added[0];
    let deed = crate::accession::add_document(
        &mut f.archive,
        &scan,
        crate::accession::DocumentKind::DeedOfGift,
        Origin::Cli,
    )
    .unwrap();
    let kept = crate::store::resolve_path(&f.archive, &deed.path).unwrap();
    assert_eq!(
        kept,
        file_path(&f.archive, photo).unwrap(),
        "the store keeps the scan once, for both records"
    );
    delete(&mut f.archive, &photo.id, Origin::Cli).unwrap();
    assert!(kept.is_file(), "the deed's file stays");
}

#[test]
fn regions_of_many_photos_are_each_photos_regions_in_order() {
    let mut f = Fixture::new();
    sample::build(&mut f.archive).unwrap();
    let input = f.input();
    let file = write_image(&input, "b.png", 200, 100, ImageFormat::Png, 2);
    let second = f
        .import(&[file], &ImportPhotosOptions::default())
        .unwrap()
        .added
        .remove(0);
    for (x, label) in [(120, "man in uniform"), (10, "woman with a hat")] {
        let input = RegionInput {
            rect: Some(Rect {
                x,
                y: 10,
                width: 20,
                height: 20,
            }),
            person_id: None,
            label: label.into(),
        };
        region::add_region(&mut f.archive, &second.id, &input, Origin::Cli).unwrap();
    }
    let input = f.input();
    let bare = write_image(&input, "c.png", 50, 50, ImageFormat::Png, 3);
    let bare = f
        .import(&[bare], &ImportPhotosOptions::default())
        .unwrap()
        .added
        .remove(0);
    let photos = list(&f.archive, &PhotoFilter::default()).unwrap();
    assert_eq!(photos.len(), 3);
    let ids: Vec<String> = photos.iter().map(|p| p.id.clone()).collect();
    let grouped = region::of_photos(f.archive.conn(), &ids).unwrap();
    for p in &photos {
        let one_by_one = region::regions(&f.archive, &p.id).unwrap();
        assert_eq!(
            grouped.get(&p.id).cloned().unwrap_or_default(),
            one_by_one,
            "{}",
            p.original_name
        );
    }
    assert_eq!(grouped.values().map(Vec::len).sum::<usize>(), 9 + 2);
    for (p, regions) in region::with_regions(f.archive.conn(), photos.clone()).unwrap() {
        assert_eq!(regions, region::regions(&f.archive, &p.id).unwrap());
    }
    assert!(!grouped.contains_key(&bare.id), "a photo without regions");
    let only_second =
        region::of_photos(f.archive.conn(), std::slice::from_ref(&second.id)).unwrap();
    assert_eq!(only_second.keys().collect::<Vec<_>>(), [&second.id]);
}

#[test]
fn a_selection_reads_the_photos_of_its_interviews_and_collections_with_their_regions() {
    let mut f = Fixture::new();
    let input = f.input();
    let files: Vec<PathBuf> = (0..3)
        .map(|n| {
            write_image(
                &input,
                &format!("{n}.png"),
                40,
                40,
                ImageFormat::Png,
                n as u8,
            )
        })
        .collect();
    let added = f
        .import(&files, &ImportPhotosOptions::default())
        .unwrap()
        .added;
    let (of_interview, in_collection, elsewhere) = (&added[0], &added[1], &added[2]);
    let interview = crate::interview::create(
        &mut f.archive,
        &crate::interview::InterviewInput {
            title: "I".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    attach_to_interview(&mut f.archive, &of_interview.id, &interview.id, Origin::Cli).unwrap();
    let c = collection::create(
        &mut f.archive,
        &CollectionInput {
            title: "C".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    add_to_collection(&mut f.archive, &in_collection.id, &c.id, Origin::Cli).unwrap();
    let region = RegionInput {
        rect: Some(Rect {
            x: 1,
            y: 1,
            width: 5,
            height: 5,
        }),
        person_id: None,
        label: "someone".into(),
    };
    region::add_region(&mut f.archive, &in_collection.id, &region, Origin::Cli).unwrap();

    let ids = |picked: &[(Photo, Vec<Region>)]| -> Vec<String> {
        picked.iter().map(|(p, _)| p.id.clone()).collect()
    };
    let picked = selected(
        &f.archive,
        std::slice::from_ref(&interview.id),
        std::slice::from_ref(&c.id),
        false,
    )
    .unwrap();
    assert_eq!(
        ids(&picked),
        [of_interview.id.clone(), in_collection.id.clone()],
        "the interview's photo and the collection's, oldest first, and not the third"
    );
    for (p, regions) in &picked {
        assert_eq!(
            *p,
            get(&f.archive, &p.id).unwrap(),
            "read whole, with its links"
        );
        assert_eq!(*regions, region::regions(&f.archive, &p.id).unwrap());
    }
    let only_interview =
        selected(&f.archive, std::slice::from_ref(&interview.id), &[], false).unwrap();
    assert_eq!(ids(&only_interview), std::slice::from_ref(&of_interview.id));
    assert!(selected(&f.archive, &[], &[], false).unwrap().is_empty());
    let every = selected(&f.archive, &[], &[], true).unwrap();
    assert_eq!(
        ids(&every),
        [
            of_interview.id.clone(),
            in_collection.id.clone(),
            elsewhere.id.clone()
        ],
        "the whole archive selects every photo"
    );
}
