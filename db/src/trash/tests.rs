//! The trash on real archives: what goes there comes back whole, is found by no read while it
//! is there, and is gone for good once purged.

use std::collections::BTreeMap;

use super::*;
use crate::{
    export::{
        content::{Profile, Selection},
        package::{self, ExportOptions},
    },
    interview::{self, InterviewInput},
    people, photo, public,
    search::{self, SearchQuery},
    sources::{self, SourceFields},
    transcript::{self, ImportOptions},
};

const TODAY: &str = "2026-01-01";

struct Fixture {
    _dir: tempfile::TempDir,
    archive: Archive,
    /// The sample's interview with Zorya Serebryakova, with a transcript, the group photo and
    /// tags and links of the sample.
    interview: String,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = Archive::open(dir.path().join("a.db")).unwrap();
    crate::sample::build(&mut archive).unwrap();
    let interview: String = archive
        .conn()
        .query_row(
            "SELECT uuid FROM interviews WHERE title = 'Interview with Zorya Serebryakova'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nМы жили рядом с Троцким на Арбате.\n\n00:00:05.000 --> 00:00:09.000\nMy father kept a samovar from Zlatoust.\n";
    transcript::import(
        &mut archive,
        &interview,
        "zorya.vtt",
        vtt.as_bytes(),
        &ImportOptions {
            language: Some("ru".into()),
            ..Default::default()
        },
        &JobContext::silent(),
        Origin::Import,
    )
    .unwrap();
    Fixture {
        _dir: dir,
        archive,
        interview,
    }
}

/// Every record of the archive as a full package carries it (integer keys as UUIDs, so a row
/// that came back under another key is the same row), each table's rows in a stable order;
/// the log and the search index's own tables are left out.
fn records(a: &Archive) -> BTreeMap<String, Vec<String>> {
    dump::dump(a)
        .unwrap()
        .tables
        .into_iter()
        .filter(|t| t.table != "events" && !t.table.starts_with("search_"))
        .map(|t| {
            let mut rows: Vec<String> = t
                .rows
                .iter()
                .map(|r| Value::Object(r.clone()).to_string())
                .collect();
            rows.sort();
            (t.table, rows)
        })
        .collect()
}

fn finds(a: &Archive, words: &str) -> Vec<String> {
    search::search_grouped(
        a,
        &SearchQuery {
            text: words.into(),
            ..Default::default()
        },
    )
    .unwrap()
    .interviews
    .into_iter()
    .map(|i| i.interview_id)
    .collect()
}

/// The interviews a search names among its records (by title, summary or place).
fn finds_records(a: &Archive, words: &str) -> Vec<String> {
    search::search_grouped(
        a,
        &SearchQuery {
            text: words.into(),
            ..Default::default()
        },
    )
    .unwrap()
    .records
    .into_iter()
    .filter_map(|r| r.interview_id)
    .collect()
}

fn index_agrees(a: &Archive) {
    assert_eq!(
        crate::search::index::disagreements(a.conn()).unwrap(),
        Vec::<String>::new(),
        "the search index agrees with the rows"
    );
}

/// Every file of a package, read as text where it is text.
fn package_text(a: &mut Archive, out: &std::path::Path, profile: Profile) -> String {
    package::export(
        a,
        &ExportOptions {
            out: out.display().to_string(),
            profile,
            selection: Selection::All,
            organization: String::new(),
            contact: String::new(),
            description: String::new(),
        },
        TODAY,
        Origin::Cli,
        &JobContext::silent(),
    )
    .unwrap();
    let mut text = String::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(s) = std::fs::read_to_string(&path) {
                text.push_str(&format!("\n=== {}\n", path.display()));
                text.push_str(&s);
            }
        }
    }
    text
}

#[test]
fn a_deleted_interview_goes_to_the_trash_with_all_it_holds_and_comes_back_whole() {
    let mut f = fixture();
    let before = records(&f.archive);
    assert_eq!(
        finds(&f.archive, "Троцкий"),
        vec![f.interview.clone()],
        "found before"
    );
    assert!(
        finds_records(&f.archive, "restoring").contains(&f.interview),
        "its summary is found"
    );
    let attached: i64 = f
        .archive
        .conn()
        .query_row(
            "SELECT count(*) FROM photo_interviews pi JOIN interviews i ON i.id = pi.interview_id WHERE i.uuid = ?1",
            [&f.interview],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        attached > 0,
        "the sample attaches the group photo to this interview"
    );

    interview::delete(&mut f.archive, &f.interview, Origin::Window).unwrap();

    assert!(matches!(
        interview::get(&f.archive, &f.interview),
        Err(Error::NotFound { .. })
    ));
    let trash = list(&f.archive).unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].id, f.interview);
    assert_eq!(trash[0].kind, TrashKind::Interview);
    assert_eq!(trash[0].label, "Interview with Zorya Serebryakova");
    assert_eq!(trash[0].origin, "window");
    assert!(
        trash[0].holds.contains("1 transcript") && trash[0].holds.contains("2 segments"),
        "the trash says what the interview holds: {}",
        trash[0].holds
    );
    assert!(
        finds(&f.archive, "Троцкий").is_empty(),
        "a trashed interview is found by no search"
    );
    assert!(finds(&f.archive, "samovar").is_empty());
    assert!(
        !finds_records(&f.archive, "restoring").contains(&f.interview),
        "nor by its summary"
    );
    index_agrees(&f.archive);

    restore(&mut f.archive, &f.interview, Origin::Window).unwrap();

    assert_eq!(records(&f.archive), before, "every row came back as it was");
    assert_eq!(
        finds(&f.archive, "Троцкий"),
        vec![f.interview.clone()],
        "found again"
    );
    assert!(
        list(&f.archive).unwrap().is_empty(),
        "the trash is empty again"
    );
    index_agrees(&f.archive);
    let history = provenance::history(&f.archive, &f.interview).unwrap();
    let notes: Vec<(EventType, Option<String>)> = history
        .iter()
        .rev()
        .take(2)
        .map(|e| (e.event_type, e.note.clone()))
        .collect();
    assert_eq!(
        notes,
        vec![
            (EventType::Creation, Some("restored from the trash".into())),
            (EventType::Deletion, Some("moved to the trash".into())),
        ],
        "the log says it went to the trash and came back"
    );
}

#[test]
fn a_trashed_interview_is_in_no_export_nor_the_public_view() {
    let mut f = fixture();
    let title = "Interview with Zorya Serebryakova";
    let dir = tempfile::tempdir().unwrap();
    let full = package_text(&mut f.archive, &dir.path().join("before"), Profile::Full);
    assert!(
        full.contains(title) && full.contains("samovar"),
        "the export carries it before"
    );

    interview::delete(&mut f.archive, &f.interview, Origin::Cli).unwrap();
    let f_id = f.interview.clone();

    for profile in [Profile::Full, Profile::Public] {
        let text = package_text(
            &mut f.archive,
            &dir.path().join(format!("{profile:?}")),
            profile,
        );
        let seen: Vec<&str> = text
            .split("\n=== ")
            .filter(|f| f.contains(title))
            .map(|f| f.lines().next().unwrap_or_default())
            .collect();
        assert!(
            seen.is_empty(),
            "{profile:?}: no trace of the trashed interview's title: {seen:?}"
        );
        assert!(
            !text.contains("samovar"),
            "{profile:?}: nor of its transcript"
        );
        // Its id is in no file, except where the history of a record that stays tells a past
        // state of it (the group photo was attached to the interview): the log, in
        // provenance.json and among the handover dump's events.
        let mut seen = Vec::new();
        for file in text.split("\n=== ").filter(|f| f.contains(&f_id)) {
            let (name, body) = file.split_once('\n').unwrap_or((file, ""));
            if name.ends_with("provenance.json") {
                continue;
            }
            if name.ends_with("recollect-archive.json") {
                let handover: ArchiveDump = serde_json::from_str(body).unwrap();
                for t in handover.tables.iter().filter(|t| t.table != "events") {
                    if t.rows
                        .iter()
                        .any(|r| Value::Object(r.clone()).to_string().contains(&f_id))
                    {
                        seen.push(format!("{name}: {}", t.table));
                    }
                }
                continue;
            }
            seen.push(name.to_owned());
        }
        assert!(seen.is_empty(), "{profile:?}: nor of its id: {seen:?}");
    }
    assert!(public::interviews(&f.archive, TODAY)
        .unwrap()
        .iter()
        .all(|i| i.id != f.interview));
    assert!(
        dump::dump(&f.archive)
            .unwrap()
            .tables
            .iter()
            .all(|t| t.table != "trash"),
        "the trash itself never travels"
    );
}

#[test]
fn a_person_comes_back_with_their_names_relationships_and_the_regions_that_showed_them() {
    let mut f = fixture();
    // Someone in the group photo who narrates nothing, with relationships among the links.
    let person: String = f
        .archive
        .conn()
        .query_row(
            "SELECT p.uuid FROM people p JOIN regions r ON r.person_id = p.id
             WHERE p.id NOT IN (SELECT person_id FROM interview_people)
               AND EXISTS (SELECT 1 FROM links l WHERE l.from_uuid = p.uuid OR l.to_uuid = p.uuid)
             LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let before = records(&f.archive);

    people::delete(&mut f.archive, &person, Origin::Window).unwrap();
    let pointing: i64 = f
        .archive
        .conn()
        .query_row(
            "SELECT count(*) FROM regions WHERE person_id IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(pointing > 0, "their region no longer names them");
    assert_eq!(list(&f.archive).unwrap()[0].kind, TrashKind::Person);

    restore(&mut f.archive, &person, Origin::Window).unwrap();
    assert_eq!(
        records(&f.archive),
        before,
        "names, links and the region's person came back"
    );
    index_agrees(&f.archive);
}

#[test]
fn a_photo_keeps_its_file_in_the_trash_and_loses_it_only_when_purged() {
    let mut f = fixture();
    let (id, path): (String, String) = f
        .archive
        .conn()
        .query_row("SELECT uuid, path FROM photos LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let file = store::resolve(&f.archive.media_dir().unwrap(), &path);
    let before = records(&f.archive);

    photo::delete(&mut f.archive, &id, Origin::Window).unwrap();
    assert!(
        file.exists(),
        "a trashed photo's file stays, so it can come back"
    );
    assert!(photo::get(&f.archive, &id).is_err());

    restore(&mut f.archive, &id, Origin::Window).unwrap();
    assert_eq!(
        records(&f.archive),
        before,
        "captions and regions came back"
    );

    photo::delete(&mut f.archive, &id, Origin::Window).unwrap();
    purge(&mut f.archive, &id, Origin::Window).unwrap();
    assert!(!file.exists(), "purged, its file is gone");
    assert!(list(&f.archive).unwrap().is_empty());
    assert!(
        matches!(
            restore(&mut f.archive, &id, Origin::Window),
            Err(Error::NotFound { .. })
        ),
        "a purged record cannot come back"
    );
    let last = provenance::history(&f.archive, &id).unwrap().pop().unwrap();
    assert_eq!(
        (last.event_type, last.note.as_deref()),
        (EventType::Deletion, Some("purged from the trash"))
    );
}

#[test]
fn a_source_comes_back_and_purging_all_empties_the_trash() {
    let mut f = fixture();
    let source = sources::create(
        &mut f.archive,
        &SourceFields {
            title: "Memoirs of a Bolshevik-Leninist".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let before = records(&f.archive);
    sources::delete(&mut f.archive, &source.id, Origin::Cli).unwrap();
    assert_eq!(
        list(&f.archive).unwrap()[0].label,
        "Memoirs of a Bolshevik-Leninist"
    );
    restore(&mut f.archive, &source.id, Origin::Cli).unwrap();
    assert_eq!(records(&f.archive), before);

    sources::delete(&mut f.archive, &source.id, Origin::Cli).unwrap();
    interview::delete(&mut f.archive, &f.interview, Origin::Cli).unwrap();
    assert_eq!(purge_all(&mut f.archive, Origin::Cli).unwrap(), 2);
    assert!(list(&f.archive).unwrap().is_empty());
    assert!(
        finds(&f.archive, "samovar").is_empty(),
        "purged is gone for good"
    );
}

#[test]
fn an_interview_restored_after_its_key_was_taken_again_keeps_all_it_held() {
    let mut f = fixture();
    let transcripts_before = transcript::list(&f.archive, &f.interview).unwrap();
    interview::delete(&mut f.archive, &f.interview, Origin::Cli).unwrap();
    // A new interview may take the integer key the trashed one had.
    let newer = interview::create(
        &mut f.archive,
        &InterviewInput {
            title: "A later interview".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    restore(&mut f.archive, &f.interview, Origin::Cli).unwrap();
    assert_eq!(
        transcript::list(&f.archive, &f.interview).unwrap(),
        transcripts_before
    );
    assert!(transcript::list(&f.archive, &newer.id).unwrap().is_empty());
    assert_eq!(finds(&f.archive, "samovar"), vec![f.interview.clone()]);
    index_agrees(&f.archive);
}

#[test]
fn what_is_gone_since_stays_out_when_an_interview_is_restored() {
    let mut f = fixture();
    let photo_id: String = f
        .archive
        .conn()
        .query_row(
            "SELECT p.uuid FROM photos p JOIN photo_interviews pi ON pi.photo_id = p.id
             JOIN interviews i ON i.id = pi.interview_id WHERE i.uuid = ?1",
            [&f.interview],
            |r| r.get(0),
        )
        .unwrap();
    interview::delete(&mut f.archive, &f.interview, Origin::Cli).unwrap();
    photo::delete(&mut f.archive, &photo_id, Origin::Cli).unwrap();
    purge(&mut f.archive, &photo_id, Origin::Cli).unwrap();
    let restored = restore(&mut f.archive, &f.interview, Origin::Cli).unwrap();
    assert!(
        restored.left_out >= 1,
        "the attachment of the purged photo stays out"
    );
    assert!(interview::get(&f.archive, &f.interview).is_ok());
    f.archive.check_integrity().unwrap();
}

#[test]
fn a_record_in_use_is_still_refused_and_nothing_goes_to_the_trash() {
    let mut f = fixture();
    let narrator: String = f
        .archive
        .conn()
        .query_row(
            "SELECT p.uuid FROM people p JOIN interview_people ip ON ip.person_id = p.id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(matches!(
        people::delete(&mut f.archive, &narrator, Origin::Cli),
        Err(Error::InUse(_))
    ));
    assert!(list(&f.archive).unwrap().is_empty());
}

#[test]
fn a_purged_interview_takes_the_recordings_only_it_kept() {
    let mut f = fixture();
    let other: String = f
        .archive
        .conn()
        .query_row(
            "SELECT uuid FROM interviews WHERE uuid <> ?1 LIMIT 1",
            [&f.interview],
            |r| r.get(0),
        )
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let recording = |name: &str, seconds: u32| {
        let data_len = seconds * 8000 * 2;
        let mut bytes = crate::media::pcm16_wav_header(8000, 1, data_len);
        bytes.extend((0..data_len).map(|n| (n % 251) as u8));
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        file
    };
    let add = |archive: &mut Archive, interview: &str, file: &std::path::Path| {
        let media = crate::media::add(
            archive,
            interview,
            file,
            &crate::media::AddMediaOptions::default(),
            &JobContext::silent(),
            Origin::Cli,
        )
        .unwrap();
        crate::media::resolve_path(archive, &media)
    };
    let only_its_own = add(&mut f.archive, &f.interview, &recording("tape 1.wav", 2));
    let shared = recording("tape 2.wav", 3);
    let kept_for_both = add(&mut f.archive, &f.interview, &shared);
    assert_eq!(
        add(&mut f.archive, &other, &shared),
        kept_for_both,
        "the store keeps one copy"
    );

    interview::delete(&mut f.archive, &f.interview, Origin::Cli).unwrap();
    assert!(only_its_own.exists(), "in the trash, its recordings stay");
    purge(&mut f.archive, &f.interview, Origin::Cli).unwrap();
    assert!(
        !only_its_own.exists(),
        "purged, the recording only it kept is gone"
    );
    assert!(
        kept_for_both.exists(),
        "the recording another interview keeps stays"
    );
}
