//! The core's answers to what the UI's tests ask, written as JSON fixtures into
//! `ui/src/test/fixtures/` so the UI's fakes look rules up instead of re-implementing them:
//! every date a UI test types, with the verdict of `dates::normalize` or `dates::day` as the
//! window receives it, and every access world a UI test builds (records, restrictions and
//! release forms), with what the policy and the public view say of it, and every input a UI
//! test gives a rule of the core's (a title, a name, a tag's label, segment times, a seal's
//! target: `db/tests/ui_fixtures/rule_inputs.json`), with the core's verdict. The test fails when
//! the committed files differ from what the core says now;
//! `UPDATE_FIXTURES=1 cargo test -p recollect-db --test ui_fixtures` writes them again.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use recollect_db::{
    accession,
    collection::{self, CollectionInput},
    dates,
    export::{
        content::{self, Selection},
        package,
    },
    interview::{self, InterviewInput},
    jobs::JobContext,
    links, lists,
    people::{self, PersonInput},
    photo, public,
    records::{RecordKind, RecordRef, SpanRef, Target},
    restrictions::{self, ReleaseFormInput, RestrictionInput},
    saved_searches,
    search::SearchQuery,
    sources,
    tags::{self, TagInput},
    transcript::{self, ImportOptions, SegmentInput},
    Archive, Error, Origin,
};
use serde_json::{json, Map, Value};

/// The day the fakes take for today (`TODAY` in ui/src/test/fake-access.ts).
const TODAY: &str = "2026-05-01";

/// Each rule, field and input a UI test gives a date field (the raw text, before trimming).
const DATES: &[(&str, &str, &[&str])] = &[
    (
        "edtf",
        "date",
        &[
            "",
            "1927",
            "1927-02~",
            "192X",
            "1942",
            "1941",
            "spring 1927",
            "1927-13",
            "1985-02-30",
        ],
    ),
    ("edtf", "birth date", &["", "1921", "1890", "around 1890"]),
    ("edtf", "death date", &["", "1938"]),
    (
        "edtf",
        "received",
        &["", "2024-03~", "2023", "1998", "last spring"],
    ),
    (
        "day",
        "until",
        &[
            "",
            "2030-01-01",
            "2040-01-01",
            "2028-06-01",
            "2099-01-01",
            "next spring",
        ],
    ),
    ("day", "signed on", &["", "2019-05-02", "2018-01-01"]),
];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/test/fixtures")
}

/// An error as the shell sends it across IPC (src-tauri/src/error.rs, `AppError`).
fn app_error(e: &Error) -> Value {
    let (field, detail) = match e.invalid_field() {
        Some((field, detail)) => (Value::from(field), detail.to_owned()),
        None => (Value::Null, e.to_string()),
    };
    json!({ "code": e.kind(), "message": e.to_string(), "field": field, "detail": detail })
}

fn date_answers() -> Value {
    let mut out: BTreeMap<&str, BTreeMap<&str, BTreeMap<&str, Value>>> = BTreeMap::new();
    for (rule, field, inputs) in DATES {
        for input in *inputs {
            let verdict = match *rule {
                "edtf" => dates::normalize(field, Some(input)),
                "day" => dates::day(field, Some(input)),
                other => panic!("no date rule {other}"),
            };
            let answer = match verdict {
                Ok(v) => json!({ "ok": v }),
                Err(e) => json!({ "error": app_error(&e) }),
            };
            out.entry(rule)
                .or_default()
                .entry(field)
                .or_default()
                .insert(input, answer);
        }
    }
    serde_json::to_value(out).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Access worlds

/// A world built in a real archive: the handles of its records mapped to their ids.
struct Built {
    archive: Archive,
    _dir: tempfile::TempDir,
    ids: HashMap<String, String>,
    /// Each record's handle and kind, in the world's order.
    records: Vec<(String, RecordKind)>,
    /// Each transcript's handle, id and segment ids.
    transcripts: Vec<(String, String, Vec<String>)>,
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

/// `v` with every string that is a key of `map` replaced by its value.
fn replace(v: &Value, map: &HashMap<String, String>) -> Value {
    match v {
        Value::String(s) => Value::String(map.get(s).cloned().unwrap_or_else(|| s.clone())),
        Value::Array(a) => Value::Array(a.iter().map(|x| replace(x, map)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), replace(x, map)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn tiny_png(dir: &Path, name: &str, shade: u8) -> PathBuf {
    png(dir, name, shade, 4, 3)
}

fn png(dir: &Path, name: &str, shade: u8, width: u32, height: u32) -> PathBuf {
    let path = dir.join(name);
    let mut img = image::RgbImage::new(width, height);
    img.put_pixel(0, 0, image::Rgb([shade, 255 - shade, 7]));
    img.save_with_format(&path, image::ImageFormat::Png)
        .unwrap();
    path
}

fn build(world: &Value) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Archive::open(dir.path().join("world.db")).unwrap();
    let mut ids = HashMap::new();
    let mut records = Vec::new();
    let mut transcripts = Vec::new();
    let handle = |v: &Value| v["id"].as_str().unwrap().to_owned();
    for c in world["collections"].as_array().unwrap() {
        let input = CollectionInput {
            title: c["title"].as_str().unwrap().into(),
            ..Default::default()
        };
        let made = collection::create(&mut a, &input, Origin::Cli).unwrap();
        ids.insert(handle(c), made.id);
        records.push((handle(c), RecordKind::Collection));
    }
    for p in world["people"].as_array().unwrap() {
        let input = PersonInput {
            display_name: p["name"].as_str().unwrap().into(),
            death_date: p["death_date"].as_str().map(Into::into),
            ..Default::default()
        };
        let made = people::create(&mut a, &input, Origin::Cli).unwrap();
        ids.insert(handle(p), made.id);
        records.push((handle(p), RecordKind::Person));
    }
    for i in world["interviews"].as_array().unwrap() {
        let input = InterviewInput {
            title: i["title"].as_str().unwrap().into(),
            collection_id: i["collection"].as_str().map(|c| ids[c].clone()),
            narrator_ids: strs(&i["narrators"])
                .iter()
                .map(|n| ids[n].clone())
                .collect(),
            ..Default::default()
        };
        let made = interview::create(&mut a, &input, Origin::Cli).unwrap();
        ids.insert(handle(i), made.id);
        records.push((handle(i), RecordKind::Interview));
    }
    for t in world["transcripts"].as_array().unwrap() {
        let times: Vec<(Option<u32>, Option<u32>)> = t["segments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s[0].as_u64().map(|x| x as u32),
                    s[1].as_u64().map(|x| x as u32),
                )
            })
            .collect();
        // Imported with times of its own, then each segment given the world's times.
        let vtt: String = std::iter::once("WEBVTT\n".to_owned())
            .chain(
                (0..times.len())
                    .map(|k| format!("\n00:00:{:02}.000 --> 00:00:{:02}.500\nsegment {k}\n", k, k)),
            )
            .collect();
        let options = ImportOptions {
            label: t["label"].as_str().unwrap().into(),
            ..Default::default()
        };
        let interview_id = ids[t["interview"].as_str().unwrap()].clone();
        let made = transcript::import(
            &mut a,
            &interview_id,
            "world.vtt",
            vtt.as_bytes(),
            &options,
            &JobContext::silent(),
            Origin::Import,
        )
        .unwrap()
        .transcript;
        let mut segment_ids = Vec::new();
        for (k, s) in transcript::segments(&a, &made.id)
            .unwrap()
            .into_iter()
            .enumerate()
        {
            let input = SegmentInput {
                start_ms: times[k].0,
                end_ms: times[k].1,
                ..SegmentInput::from(&s)
            };
            transcript::update_segment(&mut a, &s.id, &input, Origin::Cli).unwrap();
            ids.insert(format!("{}#{k}", handle(t)), s.id.clone());
            segment_ids.push(s.id);
        }
        ids.insert(handle(t), made.id.clone());
        records.push((handle(t), RecordKind::Transcript));
        transcripts.push((handle(t), made.id, segment_ids));
    }
    for (n, p) in world["photos"].as_array().unwrap().iter().enumerate() {
        let file = tiny_png(
            dir.path(),
            &format!("{n}-{}.png", p["name"].as_str().unwrap().replace('/', "_")),
            n as u8,
        );
        let made = photo::import::import(
            &mut a,
            &[file],
            &Default::default(),
            &JobContext::silent(),
            Origin::Import,
        )
        .unwrap()
        .added
        .remove(0);
        for i in strs(&p["interviews"]) {
            photo::attach_to_interview(&mut a, &made.id, &ids[&i], Origin::Cli).unwrap();
        }
        for c in strs(&p["collections"]) {
            photo::add_to_collection(&mut a, &made.id, &ids[&c], Origin::Cli).unwrap();
        }
        ids.insert(handle(p), made.id);
        records.push((handle(p), RecordKind::Photo));
    }
    for r in world["restrictions"].as_array().unwrap() {
        let input: RestrictionInput = serde_json::from_value(replace(r, &ids)).unwrap();
        if let Some(made) = restrictions::restrict(&mut a, &input, Origin::Cli).unwrap() {
            ids.insert(handle(r), made.id);
        }
    }
    for f in world["release_forms"].as_array().unwrap() {
        let input: ReleaseFormInput = serde_json::from_value(replace(f, &ids)).unwrap();
        let made = restrictions::add_release_form(&mut a, &input, Origin::Cli).unwrap();
        ids.insert(handle(f), made.id);
    }
    Built {
        archive: a,
        _dir: dir,
        ids,
        records,
        transcripts,
    }
}

/// What the core says of every record and span of a world, with ids written as handles.
fn answers(world: &Value) -> Value {
    let b = build(world);
    let back: HashMap<String, String> = b
        .ids
        .iter()
        .map(|(h, id)| (id.clone(), h.clone()))
        .collect();
    let a = &b.archive;
    let mut effective = Map::new();
    let mut inherited = Map::new();
    let mut marks = Map::new();
    let mut interviews = Map::new();
    for (h, kind) in &b.records {
        if *kind == RecordKind::Interview {
            interviews.insert(
                h.clone(),
                serde_json::to_value(public::interview_access(a, &b.ids[h], TODAY).unwrap())
                    .unwrap(),
            );
        }
        let target = Target::record(*kind, b.ids[h].clone());
        effective.insert(
            h.clone(),
            serde_json::to_value(restrictions::effective_access(a, &target, TODAY).unwrap())
                .unwrap(),
        );
        inherited.insert(
            h.clone(),
            serde_json::to_value(restrictions::inherited_reasons(a, &target, TODAY).unwrap())
                .unwrap(),
        );
    }
    for (h, id, segments) in &b.transcripts {
        marks.insert(
            h.clone(),
            serde_json::to_value(public::transcript_marks(a, id, TODAY).unwrap()).unwrap(),
        );
        for first in 0..segments.len() {
            for last in first..segments.len() {
                let span = Target::Span(SpanRef {
                    transcript_id: id.clone(),
                    first_segment_id: segments[first].clone(),
                    last_segment_id: segments[last].clone(),
                });
                let access = restrictions::effective_access(a, &span, TODAY).unwrap();
                effective.insert(
                    format!("span:{h}:{first}-{last}"),
                    serde_json::to_value(access).unwrap(),
                );
            }
        }
    }
    let content = content::gather(
        a,
        package::Profile::Public,
        &Selection::All,
        TODAY,
        &recollect_db::jobs::JobContext::silent(),
    )
    .unwrap();
    let preview = json!({ "interviews": content.interviews.len(), "withheld": content.withheld });
    replace(
        &json!({ "effective": effective, "inherited": inherited, "marks": marks, "interviews": interviews, "preview": preview }),
        &back,
    )
}

/// A world of every kind of record and no rule.
fn small_world() -> Value {
    json!({
        "collections": [{ "id": "c:A", "title": "A" }, { "id": "c:B", "title": "B" }],
        "people": [{ "id": "p:N", "name": "N N", "death_date": null }, { "id": "p:M", "name": "M M", "death_date": "1938" }],
        "interviews": [
            { "id": "i:X", "title": "X", "collection": "c:A", "narrators": ["p:N"] },
            { "id": "i:Y", "title": "Y", "collection": null, "narrators": [] }
        ],
        "transcripts": [{ "id": "t:X", "interview": "i:X", "label": "x", "segments": [[0, 1000], [1000, null]] }],
        "photos": [{ "id": "ph:P", "name": "p.jpg", "interviews": ["i:X"], "collections": ["c:B"] }],
        "restrictions": [],
        "release_forms": []
    })
}

/// What the core says where nothing restricts.
fn unrestricted() -> Value {
    let got = answers(&small_world());
    let mut effective: BTreeMap<String, Value> = BTreeMap::new();
    let mut inherited: BTreeMap<String, Value> = BTreeMap::new();
    for (key, access) in got["effective"].as_object().unwrap() {
        let kind = match key.split(':').next().unwrap() {
            "c" => "collection",
            "p" => "person",
            "i" => "interview",
            "t" => "transcript",
            "ph" => "photo",
            "span" => "span",
            other => panic!("{other}"),
        };
        if let Some(seen) = effective.insert(kind.into(), access.clone()) {
            assert_eq!(
                &seen, access,
                "with no rule every {kind} has the same access"
            );
        }
        if let Some(reasons) = got["inherited"].get(key) {
            if let Some(seen) = inherited.insert(kind.into(), reasons.clone()) {
                assert_eq!(
                    &seen, reasons,
                    "with no rule every {kind} inherits the same"
                );
            }
        }
    }
    let preview = &got["preview"];
    assert_eq!(
        preview["interviews"], 2,
        "with no rule every interview is public"
    );
    assert_eq!(
        got["interviews"]["i:X"], got["interviews"]["i:Y"],
        "with no rule every interview has the same access"
    );
    json!({
        "effective": effective,
        "inherited": inherited,
        "interview": got["interviews"]["i:X"],
        "marks": got["marks"]["t:X"],
        "preview_withheld": preview["withheld"],
    })
}

fn access_answers() -> Value {
    let inputs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui_fixtures/access_worlds.json");
    let worlds: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(inputs).unwrap()).unwrap();
    let worlds: Vec<Value> = worlds
        .iter()
        .map(|w| json!({ "world": w, "answers": answers(w) }))
        .collect();
    json!({ "today": TODAY, "unrestricted": unrestricted(), "worlds": worlds })
}

/// Compares a fixture with the committed file, or writes it under UPDATE_FIXTURES.
fn check(name: &str, value: &Value) {
    let path = fixtures_dir().join(name);
    let fresh = serde_json::to_string_pretty(value).unwrap() + "\n";
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(fixtures_dir()).unwrap();
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/test/fixtures/{name} is stale: run `UPDATE_FIXTURES=1 cargo test -p recollect-db --test ui_fixtures` and commit it"
    );
}

// ---------------------------------------------------------------------------------------------
// Rules

/// A transcript of one segment in `a`, under a new interview: its id and its segment.
fn one_segment(a: &mut Archive) -> (String, transcript::Segment) {
    let i = interview::create(
        a,
        &InterviewInput {
            title: "T".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let t = transcript::import(
        a,
        &i.id,
        "t.vtt",
        b"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nsome words here\n",
        &ImportOptions {
            label: "t".into(),
            ..Default::default()
        },
        &JobContext::silent(),
        Origin::Import,
    )
    .unwrap()
    .transcript;
    let s = transcript::segments(a, &t.id).unwrap().remove(0);
    (t.id, s)
}

/// A transcript of `count` segments in `a`, under a new interview: its id and its segments.
fn segments(a: &mut Archive, count: usize) -> (String, Vec<transcript::Segment>) {
    let i = interview::create(
        a,
        &InterviewInput {
            title: "T".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let vtt: String = std::iter::once("WEBVTT\n".to_owned())
        .chain(
            (0..count).map(|k| format!("\n00:00:{k:02}.000 --> 00:00:{k:02}.500\nsegment {k}\n")),
        )
        .collect();
    let t = transcript::import(
        a,
        &i.id,
        "t.vtt",
        vtt.as_bytes(),
        &ImportOptions {
            label: "t".into(),
            ..Default::default()
        },
        &JobContext::silent(),
        Origin::Import,
    )
    .unwrap()
    .transcript;
    let all = transcript::segments(a, &t.id).unwrap();
    (t.id, all)
}

/// A photo of `width`×`height` pixels in `a`, whose folder is `dir`.
fn a_photo(a: &mut Archive, dir: &Path, width: u32, height: u32) -> photo::Photo {
    let file = png(dir, "p.png", 0, width, height);
    photo::import::import(
        a,
        &[file],
        &Default::default(),
        &JobContext::silent(),
        Origin::Import,
    )
    .unwrap()
    .added
    .remove(0)
}

/// A record of `kind` in `a` for each distinct handle of `handles`: the handles mapped to ids.
fn records_for(a: &mut Archive, kind: &str, handles: &[&str]) -> HashMap<String, String> {
    let mut ids = HashMap::new();
    for h in handles {
        if ids.contains_key(*h) {
            continue;
        }
        let id = match kind {
            "person" => {
                let input = PersonInput {
                    display_name: format!("Person {h}"),
                    ..Default::default()
                };
                people::create(a, &input, Origin::Cli).unwrap().id
            }
            "collection" => {
                let input = CollectionInput {
                    title: format!("Collection {h}"),
                    ..Default::default()
                };
                collection::create(a, &input, Origin::Cli).unwrap().id
            }
            "interview" => {
                let input = InterviewInput {
                    title: format!("Interview {h}"),
                    ..Default::default()
                };
                interview::create(a, &input, Origin::Cli).unwrap().id
            }
            "tag" => {
                let input = TagInput {
                    label: format!("Tag {h}"),
                    ..Default::default()
                };
                tags::create(a, &input, Origin::Cli).unwrap().id
            }
            other => panic!("no records of kind {other} for the rules"),
        };
        ids.insert((*h).to_owned(), id);
    }
    ids
}

/// The record of `kind` ("collection", "person", "interview", "transcript", "photo"), or a
/// span ("span"), of a small world, as a restriction's target.
fn target_of(ids: &HashMap<String, String>, kind: &str) -> Option<Target> {
    let record = |k: RecordKind, h: &str| Some(Target::record(k, ids[h].clone()));
    match kind {
        "none" => None,
        "collection" => record(RecordKind::Collection, "c:A"),
        "person" => record(RecordKind::Person, "p:N"),
        "interview" => record(RecordKind::Interview, "i:X"),
        "transcript" => record(RecordKind::Transcript, "t:X"),
        "photo" => record(RecordKind::Photo, "ph:P"),
        "span" => Some(Target::Span(SpanRef {
            transcript_id: ids["t:X"].clone(),
            first_segment_id: ids["t:X#0"].clone(),
            last_segment_id: ids["t:X#1"].clone(),
        })),
        other => panic!("no target kind {other}"),
    }
}

/// What the core says of `input` to `rule`, on a fresh archive: `Ok` with what it keeps (or
/// null), or the error.
fn run_rule(rule: &str, input: &Value) -> Result<Value, Error> {
    let mut a = Archive::open_in_memory().unwrap();
    let text = || input.as_str().unwrap_or_else(|| panic!("{rule}: {input}"));
    match rule {
        "collection title" => {
            let input = CollectionInput {
                title: text().into(),
                ..Default::default()
            };
            collection::create(&mut a, &input, Origin::Cli).map(|_| Value::Null)
        }
        "interview title" => {
            let input = InterviewInput {
                title: text().into(),
                ..Default::default()
            };
            interview::create(&mut a, &input, Origin::Cli).map(|_| Value::Null)
        }
        "person name" => {
            let input = PersonInput {
                display_name: text().into(),
                ..Default::default()
            };
            people::create(&mut a, &input, Origin::Cli).map(|p| json!(p.display_name))
        }
        "source title" => {
            let input = sources::SourceFields {
                title: text().into(),
                ..Default::default()
            };
            sources::create(&mut a, &input, Origin::Cli).map(|_| Value::Null)
        }
        "list name" => lists::create(&mut a, text(), "", Origin::Cli).map(|_| Value::Null),
        "saved search" => {
            let query = SearchQuery {
                text: input["text"].as_str().unwrap().into(),
                ..Default::default()
            };
            let name = input["name"].as_str().unwrap();
            saved_searches::create(&mut a, name, &query, Origin::Cli).map(|_| Value::Null)
        }
        "revision name" => {
            let (t, _) = one_segment(&mut a);
            transcript::revision::save(&mut a, &t, text(), Origin::Cli).map(|_| Value::Null)
        }
        "segment times" => {
            let (_, s) = one_segment(&mut a);
            let time = |k: usize| input[k].as_u64().map(|x| x as u32);
            let input = SegmentInput {
                start_ms: time(0),
                end_ms: time(1),
                ..SegmentInput::from(&s)
            };
            transcript::update_segment(&mut a, &s.id, &input, Origin::Cli).map(|_| Value::Null)
        }
        "caption text" => {
            let dir = tempfile::tempdir().unwrap();
            let mut a = Archive::open(dir.path().join("rules.db")).unwrap();
            let file = tiny_png(dir.path(), "p.png", 0);
            let p = photo::import::import(
                &mut a,
                &[file],
                &Default::default(),
                &JobContext::silent(),
                Origin::Import,
            )
            .unwrap()
            .added
            .remove(0);
            let input = photo::CaptionInput {
                text: text().into(),
                ..Default::default()
            };
            photo::add_caption(&mut a, &p.id, &input, Origin::Cli).map(|_| Value::Null)
        }
        "identifier" => {
            let p = people::create(
                &mut a,
                &PersonInput {
                    display_name: "N N".into(),
                    ..Default::default()
                },
                Origin::Cli,
            )
            .unwrap();
            let id: people::authority::ExternalId = serde_json::from_value(input.clone()).unwrap();
            people::authority::set_identifiers(&mut a, &p.id, &[id], Origin::Cli)
                .map(|kept| serde_json::to_value(&kept[0]).unwrap())
        }
        "tag label" => {
            for other in strs(&input["others"]) {
                let other = TagInput {
                    label: other,
                    ..Default::default()
                };
                tags::create(&mut a, &other, Origin::Cli).unwrap();
            }
            let tag = TagInput {
                label: input["label"].as_str().unwrap().into(),
                ..Default::default()
            };
            tags::create(&mut a, &tag, Origin::Cli).map(|t| json!(t.label))
        }
        "restriction target" => {
            let mut b = build(&small_world());
            let restriction = RestrictionInput {
                target: target_of(&b.ids, input["target"].as_str().unwrap()),
                action: serde_json::from_value(input["action"].clone()).unwrap(),
                ..Default::default()
            };
            restrictions::restrict(&mut b.archive, &restriction, Origin::Cli).map(|_| Value::Null)
        }
        "region" => {
            let dir = tempfile::tempdir().unwrap();
            let mut a = Archive::open(dir.path().join("rules.db")).unwrap();
            let size = |k: &str| input[k].as_u64().unwrap() as u32;
            let p = a_photo(&mut a, dir.path(), size("width"), size("height"));
            let region = photo::RegionInput {
                rect: Some(serde_json::from_value(input["rect"].clone()).unwrap()),
                ..Default::default()
            };
            photo::region::add_region(&mut a, &p.id, &region, Origin::Cli).map(|_| Value::Null)
        }
        "split segment" => {
            let (_, s) = one_segment(&mut a);
            let time = |k: &str| input[k].as_u64().map(|x| x as u32);
            let edit = SegmentInput {
                text: input["text"].as_str().unwrap().into(),
                start_ms: time("start_ms"),
                end_ms: time("end_ms"),
                ..SegmentInput::from(&s)
            };
            transcript::update_segment(&mut a, &s.id, &edit, Origin::Cli).unwrap();
            let at_char = input["at_char"].as_u64().unwrap() as u32;
            transcript::split_segment(&mut a, &s.id, at_char, time("at_ms"), Origin::Cli)
                .map(|_| Value::Null)
        }
        "merge with next" => {
            let (_, all) = segments(&mut a, input["count"].as_u64().unwrap() as usize);
            let s = &all[input["position"].as_u64().unwrap() as usize];
            transcript::merge_with_next(&mut a, &s.id, Origin::Cli).map(|_| Value::Null)
        }
        "stamp" => {
            // A transcript of these segments (times and texts), the one at `position` stamped
            // at `at_ms` with `order`: what the core answers, by position.
            let texts = strs(&input["texts"]);
            let (_, all) = segments(&mut a, texts.len());
            for (k, s) in all.iter().enumerate() {
                let time = |key: &str| input[key][k].as_u64().map(|x| x as u32);
                let edit = SegmentInput {
                    start_ms: time("starts"),
                    end_ms: time("ends"),
                    text: texts[k].clone(),
                    ..SegmentInput::from(s)
                };
                transcript::update_segment(&mut a, &s.id, &edit, Origin::Cli).unwrap();
            }
            let at = input["position"].as_u64().unwrap() as usize;
            let order = serde_json::from_value(input["order"].clone()).unwrap();
            let at_ms = input["at_ms"].as_u64().unwrap() as u32;
            transcript::sync_start(&mut a, &all[at].id, at_ms, order, Origin::Cli).map(|stamp| {
                match stamp {
                    transcript::Stamp::Stamped { segment } => json!({
                        "kind": "stamped",
                        "position": segment.position,
                        "start_ms": segment.start_ms,
                        "end_ms": segment.end_ms,
                    }),
                    transcript::Stamp::OutOfOrder { order } => json!({
                        "kind": "out_of_order",
                        "earlier": order.earlier,
                        "neighbour_position": order.neighbour.position,
                        "position_in_time": order.position_in_time,
                        "message": order.message,
                    }),
                }
            })
        }
        "move segment" => {
            let (_, all) = segments(&mut a, input["count"].as_u64().unwrap() as usize);
            let s = &all[input["from"].as_u64().unwrap() as usize];
            let to = input["to"].as_u64().unwrap() as u32;
            transcript::move_segment(&mut a, &s.id, to, Origin::Cli).map(|m| json!(m.position))
        }
        "tag merge" => {
            let (from, into) = (
                input["from"].as_str().unwrap(),
                input["into"].as_str().unwrap(),
            );
            let ids = records_for(&mut a, "tag", &[from, into]);
            tags::merge(&mut a, &ids[from], &ids[into], Origin::Cli).map(|_| Value::Null)
        }
        "person merge" => {
            let (keep, remove) = (
                input["keep"].as_str().unwrap(),
                input["remove"].as_str().unwrap(),
            );
            let ids = records_for(&mut a, "person", &[keep, remove]);
            people::merge(&mut a, &ids[keep], &ids[remove], Origin::Cli).map(|_| Value::Null)
        }
        "relationship" => {
            let (one, other) = (
                input["person"].as_str().unwrap(),
                input["other"].as_str().unwrap(),
            );
            let ids = records_for(&mut a, "person", &[one, other]);
            let kind = serde_json::from_value(input["kind"].clone()).unwrap();
            people::authority::relate(&mut a, &ids[one], kind, &ids[other], "", Origin::Cli)
                .map(|_| Value::Null)
        }
        "link" => {
            let mut ids = HashMap::new();
            for end in ["from", "to"] {
                let t = &input[end];
                if t["type"] == "span" {
                    // A transcript of its own, its segments the span's first and last.
                    let (first, last) = (
                        t["first_segment_id"].as_str().unwrap(),
                        t["last_segment_id"].as_str().unwrap(),
                    );
                    let (transcript_id, all) = segments(&mut a, if first == last { 1 } else { 2 });
                    ids.insert(t["transcript_id"].as_str().unwrap().into(), transcript_id);
                    ids.insert(first.into(), all[0].id.clone());
                    ids.insert(last.into(), all[all.len() - 1].id.clone());
                    continue;
                }
                let kind = t["kind"].as_str().unwrap_or_else(|| panic!("link: {t}"));
                ids.extend(records_for(&mut a, kind, &[t["id"].as_str().unwrap()]));
            }
            let link: links::LinkInput = serde_json::from_value(replace(input, &ids)).unwrap();
            links::create(&mut a, &link, Origin::Cli).map(|_| Value::Null)
        }
        "release form terms" => {
            let ids = records_for(&mut a, "interview", &["i"]);
            let form = ReleaseFormInput {
                subject: RecordRef::new(RecordKind::Interview, ids["i"].clone()),
                status: serde_json::from_value(input["status"].clone()).unwrap(),
                terms: serde_json::from_value(input["terms"].clone()).unwrap(),
                until: input["until"].as_str().map(Into::into),
                signed_on: input["signed_on"].as_str().map(Into::into),
                narrator_id: None,
                document_id: None,
                note: String::new(),
            };
            restrictions::add_release_form(&mut a, &form, Origin::Cli).map(|_| Value::Null)
        }
        "accession donor" => {
            let input = accession::AccessionInput {
                donor: text().into(),
                ..Default::default()
            };
            accession::create(&mut a, &input, None, Origin::Cli).map(|x| json!(x.donor))
        }
        "name variant" => {
            let person = input["person"].as_str().unwrap();
            let p = people::create(
                &mut a,
                &PersonInput {
                    display_name: person.into(),
                    ..Default::default()
                },
                Origin::Cli,
            )
            .unwrap();
            for other in strs(&input["others"]) {
                let other = people::authority::NameVariantInput::new(
                    &other,
                    people::authority::VariantKind::SourceSpelling,
                );
                people::authority::add_variant(&mut a, &p.id, &other, Origin::Cli).unwrap();
            }
            let mut variant = input.clone();
            let variant = variant.as_object_mut().unwrap();
            variant.remove("person");
            variant.remove("others");
            let variant: people::authority::NameVariantInput =
                serde_json::from_value(Value::Object(variant.clone())).unwrap();
            people::authority::add_variant(&mut a, &p.id, &variant, Origin::Cli)
                .map(|_| Value::Null)
        }
        "identification" => {
            let dir = tempfile::tempdir().unwrap();
            let mut a = Archive::open(dir.path().join("rules.db")).unwrap();
            let p = a_photo(&mut a, dir.path(), 4, 3);
            let caption = photo::CaptionInput {
                text: input["caption"].as_str().unwrap().into(),
                ..Default::default()
            };
            let c = photo::add_caption(&mut a, &p.id, &caption, Origin::Cli).unwrap();
            let id = photo::Identification {
                caption_id: c.id,
                row: input["row"].as_u64().unwrap() as u32,
                position: input["position"].as_u64().unwrap() as u32,
                person_id: None,
                rect: None,
            };
            photo::confirm_identification(&mut a, &p.id, &id, Origin::Cli).map(|_| Value::Null)
        }
        "tag broader" => {
            // The fake's tags, each under its broader one, then `tag` put under `broader`.
            let tree: Vec<(String, Option<String>)> =
                serde_json::from_value(input["tags"].clone()).unwrap();
            let handles: Vec<&str> = tree.iter().map(|(h, _)| h.as_str()).collect();
            let ids = records_for(&mut a, "tag", &handles);
            let under = |a: &mut Archive, h: &str, broader: Option<&str>| {
                let tag = tags::get(a, &ids[h]).unwrap();
                let input = TagInput {
                    broader_id: broader.map(|b| ids[b].clone()),
                    ..TagInput::from(&tag)
                };
                tags::update(a, &ids[h], &input, Origin::Cli)
            };
            for (h, broader) in &tree {
                if broader.is_some() {
                    under(&mut a, h, broader.as_deref()).unwrap();
                }
            }
            let (tag, broader) = (
                input["tag"].as_str().unwrap(),
                input["broader"].as_str().unwrap(),
            );
            under(&mut a, tag, Some(broader)).map(|_| Value::Null)
        }
        other => panic!("no rule {other} in run_rule"),
    }
}

fn rule_answers() -> Value {
    let inputs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui_fixtures/rule_inputs.json");
    let rules: BTreeMap<String, Vec<Value>> =
        serde_json::from_str(&std::fs::read_to_string(inputs).unwrap()).unwrap();
    let mut out = Map::new();
    for (rule, inputs) in &rules {
        let answers: Vec<Value> = inputs
            .iter()
            .map(|input| match run_rule(rule, input) {
                Ok(v) => json!({ "input": input, "ok": v }),
                Err(e) => json!({ "input": input, "error": app_error(&e) }),
            })
            .collect();
        out.insert(rule.clone(), Value::Array(answers));
    }
    Value::Object(out)
}

#[test]
fn ui_fixtures_rule_verdicts_are_the_cores() {
    check("rules.json", &rule_answers());
}

#[test]
fn ui_fixtures_date_verdicts_are_the_cores() {
    check("dates.json", &date_answers());
}

#[test]
fn ui_fixtures_access_answers_are_the_cores() {
    check("access.json", &access_answers());
}
