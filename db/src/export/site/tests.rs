use std::collections::BTreeMap;

use serde_json::Value;

use super::*;

/// The text of the sealed segment: it is not in the model, so it must be in no file.
const SEALED: &str = "Тайное признание о доносе на соседа";
const XSS: &str = "<script>alert(1)</script>";

fn seg(start: u32, end: u32, speaker: &str, text: &str) -> SiteSegment {
    SiteSegment {
        start_ms: Some(start),
        end_ms: Some(end),
        speaker: speaker.into(),
        text: text.into(),
        withheld: None,
    }
}

fn person_ref(id: &str, name: &str) -> SitePersonRef {
    SitePersonRef {
        id: id.into(),
        name: name.into(),
    }
}

/// Two interviews (Russian with an English translation and a sealed span; English), two
/// people, a photo with two regions.
pub(super) fn sample() -> SiteModel {
    let smilga = SiteInterview {
        id: "iv-smilga".into(),
        title: "Смилга: детство на Грановского".into(),
        date: "1962-05-03".into(),
        place: "Москва".into(),
        summary: "Childhood in the House on Granovsky Street; visitors, arrests, exile. \
                  Catalogue: https://example.org/smilga"
            .into(),
        languages: vec!["ru".into(), "en".into()],
        narrators: vec![person_ref("p-smilga", "Татьяна Смилга")],
        interviewers: vec![person_ref("", "M. Ivanova")],
        recordings: vec![
            SiteMedia { path: "../media/smilga-1.wav".into(), mime: "audio/wav".into(), duration_ms: Some(24_000), label: "Tape 1".into() },
            SiteMedia { path: "../media/smilga-2.wav".into(), mime: "audio/wav".into(), duration_ms: Some(24_000), label: "Tape 2".into() },
        ],
        transcripts: vec![
            SiteTranscript {
                id: "tr-smilga-ru".into(),
                language: "ru".into(),
                label: "Русский оригинал".into(),
                segments: vec![
                    seg(0, 4_000, "СМИЛГА", "Мы жили на Грановского, и Троцкий бывал у нас часто."),
                    seg(4_000, 8_000, "ИНТЕРВЬЮЕР", "А что вы помните о нём?"),
                    SiteSegment {
                        start_ms: Some(8_000),
                        end_ms: Some(12_000),
                        speaker: "СМИЛГА".into(),
                        text: String::new(),
                        withheld: Some("sealed until 2030-01-01".into()),
                    },
                    seg(12_000, 18_000, "СМИЛГА", "Потом всё изменилось. Ёлка стояла в углу, а отца увели."),
                    SiteSegment { start_ms: None, end_ms: None, speaker: "".into(), text: "(не синхронизировано)".into(), withheld: None },
                ],
                files: vec![
                    SiteFile { format: "WebVTT".into(), path: "../transcripts/smilga.ru.vtt".into() },
                    SiteFile { format: "Text".into(), path: "../transcripts/smilga.ru.txt".into() },
                ],
            },
            SiteTranscript {
                id: "tr-smilga-en".into(),
                language: "en".into(),
                label: "English translation".into(),
                segments: vec![
                    seg(0, 4_000, "SMILGA", "We lived on Granovsky Street, and Trotsky often came to see us."),
                    seg(4_000, 8_000, "INTERVIEWER", "What do you remember of him?"),
                    SiteSegment {
                        start_ms: Some(8_000),
                        end_ms: Some(12_000),
                        speaker: "SMILGA".into(),
                        text: String::new(),
                        withheld: Some("sealed until 2030-01-01".into()),
                    },
                    seg(12_000, 18_000, "SMILGA", "Then everything changed. The fir tree stood in the corner, and they took father away."),
                ],
                files: vec![SiteFile { format: "WebVTT".into(), path: "../transcripts/smilga.en.vtt".into() }],
            },
        ],
        index_points: vec![
            SiteIndexPoint { time_ms: 0, title: "Дом на Грановского".into(), synopsis: "The flat and its visitors.".into(), keywords: vec!["Moscow".into(), "Троцкий".into()] },
            SiteIndexPoint { time_ms: 12_000, title: "Арест отца".into(), synopsis: "1937.".into(), keywords: vec!["arrest".into()] },
        ],
        citations: vec!["Smilga, Tatiana. Interview by M. Ivanova, 3 May 1962. Recollect Archive.".into()],
    };
    let naive = SiteInterview {
        id: "iv-naive".into(),
        title: format!("{XSS} A naïve question"),
        date: "196X".into(),
        place: "Leningrad".into(),
        summary: String::new(),
        languages: vec!["en".into()],
        narrators: vec![],
        interviewers: vec![],
        recordings: vec![SiteMedia {
            path: "../media/naive.wav".into(),
            mime: "audio/wav".into(),
            duration_ms: Some(24_000),
            label: String::new(),
        }],
        transcripts: vec![SiteTranscript {
            id: "tr-naive".into(),
            language: "en".into(),
            label: "Transcript".into(),
            segments: vec![
                seg(0, 12_000, "Q", "Were you ever afraid?"),
                seg(
                    12_345,
                    20_000,
                    "A",
                    "It was a naïve time; we believed everything we were told.",
                ),
            ],
            files: vec![],
        }],
        index_points: vec![],
        citations: vec![],
    };
    SiteModel {
        title: format!("Архив {XSS} & friends"),
        description: "Interviews recorded 1960–1990. Более подробно: https://example.org/about"
            .into(),
        exported: "2025-06-01".into(),
        profile: "public".into(),
        withheld: "1 interview closed, 1 span sealed".into(),
        interviews: vec![smilga, naive],
        people: vec![
            SitePerson {
                id: "p-smilga".into(),
                name: "Татьяна Смилга".into(),
                variants: vec!["Tatiana Smilga".into(), "Smilga, T. I.".into()],
                life: "1919–2013".into(),
                note: "Daughter of Ivar Smilga.".into(),
                appears_in: vec![SiteAppearance {
                    interview_id: "iv-smilga".into(),
                    role: "narrator".into(),
                }],
                photos: vec!["ph-1".into()],
            },
            SitePerson {
                id: "p-trotsky".into(),
                name: "Лев Троцкий".into(),
                variants: vec!["Leon Trotsky".into(), "Бронштейн".into()],
                life: "1879–1940".into(),
                note: String::new(),
                appears_in: vec![SiteAppearance {
                    interview_id: "iv-smilga".into(),
                    role: "mentioned".into(),
                }],
                photos: vec!["ph-1".into()],
            },
        ],
        photos: vec![SitePhoto {
            id: "ph-1".into(),
            title: "Оппозиционеры, 1927".into(),
            captions: vec!["Сидят (слева направо): Смилга, Троцкий.".into()],
            date: "1927~".into(),
            web_path: "../photos/web/ph-1.jpg".into(),
            full_path: "../photos/full/ph-1.jpg".into(),
            width: 1200,
            height: 800,
            regions: vec![
                SiteRegion {
                    x: 150,
                    y: 160,
                    w: 220,
                    h: 280,
                    person_id: Some("p-smilga".into()),
                    label: "Смилга".into(),
                },
                SiteRegion {
                    x: 640,
                    y: 140,
                    w: 220,
                    h: 290,
                    person_id: Some("p-trotsky".into()),
                    label: "Троцкий".into(),
                },
            ],
        }],
    }
}

fn files(model: &SiteModel) -> BTreeMap<String, String> {
    render(model)
        .into_iter()
        .map(|(path, bytes)| (path, String::from_utf8(bytes).expect("UTF-8")))
        .collect()
}

/// The JSON assigned to `window.NAME` in a data file.
fn global(file: &str, name: &str) -> Value {
    let prefix = format!("window.{name} = ");
    let json = file
        .strip_prefix(&prefix)
        .and_then(|s| s.strip_suffix(";\n"))
        .expect("an assignment to the global");
    serde_json::from_str(json).expect("valid JSON")
}

#[test]
fn site_renders_every_file() {
    let out = files(&sample());
    let names: Vec<&str> = out.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "assets/site.css",
            "assets/site.js",
            "data/archive.js",
            "data/search-index.js",
            "index.html"
        ]
    );
    for (path, text) in &out {
        assert!(!text.is_empty(), "{path} is empty");
    }
}

#[test]
fn site_archive_js_is_the_model_as_json() {
    let model = sample();
    let out = files(&model);
    let data = global(&out["data/archive.js"], "RECOLLECT_DATA");
    let back: SiteModel = serde_json::from_value(data).unwrap();
    assert_eq!(back, model);
}

#[test]
fn site_data_is_safe_inside_a_script() {
    let mut model = sample();
    model.interviews[1].summary =
        "a </script><script>alert(2)</script> <!-- x --> line\u{2028}break\u{2029}para".into();
    let out = files(&model);
    for name in ["data/archive.js", "data/search-index.js"] {
        let text = &out[name];
        assert!(
            !text.contains('<') && !text.contains('>'),
            "{name} has a raw angle bracket"
        );
        assert!(
            !text.contains('\u{2028}') && !text.contains('\u{2029}'),
            "{name} has a raw line separator"
        );
    }
    let back: SiteModel =
        serde_json::from_value(global(&out["data/archive.js"], "RECOLLECT_DATA")).unwrap();
    assert_eq!(back.interviews[1].summary, model.interviews[1].summary);
}

#[test]
fn site_escapes_html() {
    let out = files(&sample());
    for (path, text) in &out {
        assert!(
            !text.contains(XSS),
            "{path} has the title's markup unescaped"
        );
        assert!(!text.contains("<script>alert"), "{path}");
    }
    let html = &out["index.html"];
    assert!(
        html.contains("<title>Архив &lt;script&gt;alert(1)&lt;/script&gt; &amp; friends</title>"),
        "{html}"
    );
    assert!(html.contains("withheld: 1 interview closed, 1 span sealed"));
    // The only scripts are files; no inline script or style for the policy to allow.
    assert_eq!(
        html.matches("<script").count(),
        html.matches("<script src=\"").count()
    );
    assert!(!html.contains("style="), "no inline styles");
    assert!(html.contains("http-equiv=\"Content-Security-Policy\""));
    assert!(html.contains("script-src 'self'"));
}

#[test]
fn site_never_contains_a_withheld_text() {
    let out = files(&sample());
    for (path, text) in &out {
        assert!(!text.contains(SEALED), "{path}");
        assert!(!text.contains("признание"), "{path}");
    }
    let data: SiteModel =
        serde_json::from_value(global(&out["data/archive.js"], "RECOLLECT_DATA")).unwrap();
    let sealed = &data.interviews[0].transcripts[0].segments[2];
    assert_eq!(
        (sealed.start_ms, sealed.end_ms, sealed.text.as_str()),
        (Some(8_000), Some(12_000), "")
    );
    assert_eq!(sealed.withheld.as_deref(), Some("sealed until 2030-01-01"));

    // An exporter that wrongly left the text in a withheld segment: the site drops it.
    let mut leaky = sample();
    leaky.interviews[0].transcripts[0].segments[2].text = SEALED.into();
    for (path, text) in files(&leaky) {
        assert!(!text.contains(SEALED), "{path} publishes a withheld text");
        assert!(!text.contains("доносе"), "{path} indexes a withheld text");
    }
}

/// Unit numbers from the gaps stored in the index.
fn units(gaps: &Value) -> Vec<u64> {
    let mut at = 0;
    gaps.as_array()
        .unwrap()
        .iter()
        .map(|g| {
            at += g.as_u64().unwrap();
            at
        })
        .collect()
}

/// The units of the index a folded token points at, as (kind, record id, position, ms).
fn postings(index: &Value, token: &str) -> Vec<(String, String, i64, i64)> {
    let kinds = index["kinds"].as_array().unwrap();
    let records = index["records"].as_array().unwrap();
    let docs = index["docs"].as_array().unwrap();
    let Some(list) = index["terms"].get(token) else {
        return Vec::new();
    };
    units(list)
        .into_iter()
        .map(|d| {
            let d = d as usize * 4;
            let int = |i: usize| docs[d + i].as_i64().unwrap();
            (
                kinds[int(0) as usize].as_str().unwrap().to_owned(),
                records[int(1) as usize].as_str().unwrap().to_owned(),
                int(2),
                int(3),
            )
        })
        .collect()
}

#[test]
fn site_search_index_folds_case_and_diacritics() {
    let out = files(&sample());
    let index = global(&out["data/search-index.js"], "RECOLLECT_SEARCH");
    assert_eq!(index["v"], 1);

    let trotsky = postings(&index, "троцкии");
    assert!(
        trotsky.contains(&("segment".into(), "tr-smilga-ru".into(), 0, 0)),
        "{trotsky:?}"
    );
    assert!(
        trotsky.contains(&("index_point".into(), "iv-smilga".into(), 0, 0)),
        "keyword of the first index point: {trotsky:?}"
    );
    assert!(
        trotsky.contains(&("person".into(), "p-trotsky".into(), -1, -1)),
        "{trotsky:?}"
    );
    assert!(
        trotsky.contains(&("photo".into(), "ph-1".into(), -1, -1)),
        "caption and region label: {trotsky:?}"
    );
    assert!(
        postings(&index, "троцкий").is_empty(),
        "only folded forms are indexed"
    );
    assert!(postings(&index, "Троцкий").is_empty());

    let naive = postings(&index, "naive");
    assert!(
        naive.contains(&("segment".into(), "tr-naive".into(), 1, 12_345)),
        "{naive:?}"
    );
    assert!(
        naive.contains(&("interview".into(), "iv-naive".into(), -1, -1)),
        "{naive:?}"
    );
    assert!(postings(&index, "naïve").is_empty());

    // ё folds to е; the later segment carries its own time.
    assert_eq!(
        postings(&index, "елка"),
        [("segment".into(), "tr-smilga-ru".into(), 3, 12_000)]
    );
    // Unsynced segments are found, without a time.
    assert_eq!(
        postings(&index, "синхронизировано"),
        [("segment".into(), "tr-smilga-ru".into(), 4, -1)]
    );
    // Names of narrators find their interviews.
    assert!(postings(&index, "смилга").contains(&("interview".into(), "iv-smilga".into(), -1, -1)));

    // Each unit is listed once per token, in ascending order.
    let docs = index["docs"].as_array().unwrap().len() as u64 / 4;
    for (token, list) in index["terms"].as_object().unwrap() {
        let list = units(list);
        assert!(list.windows(2).all(|w| w[0] < w[1]), "{token}: {list:?}");
        assert!(list.iter().all(|&d| d < docs), "{token}: {list:?}");
        assert_eq!(token, &fold(token), "{token} is folded");
    }
}

#[test]
fn site_folds_like_the_app_search() {
    assert_eq!(fold("ТРОЦКИЙ"), "троцкии");
    assert_eq!(fold("Naïve"), "naive");
    assert_eq!(fold("Ёлка"), "елка");
    assert_eq!(fold("Тро́цкий"), "троцкии", "stress marks go");
    assert_eq!(
        tokens("Мы жили на Грановского, и Троцкий — naïve!"),
        ["мы", "жили", "на", "грановского", "и", "троцкии", "naive"]
    );
}

#[test]
fn site_loads_nothing_from_the_network() {
    let out = files(&sample());
    for name in ["index.html", "assets/site.css", "assets/site.js"] {
        let text = &out[name];
        assert!(
            !text.contains("http://") && !text.contains("https://"),
            "{name} names a web address"
        );
        assert!(
            !text.contains("//cdn") && !text.contains("@import") && !text.contains("@font-face"),
            "{name}"
        );
    }
    let js = &out["assets/site.js"];
    for forbidden in [
        "fetch(",
        "XMLHttpRequest",
        "import(",
        "WebSocket",
        "sendBeacon",
        "EventSource",
        "innerHTML",
        "insertAdjacentHTML",
        "eval(",
    ] {
        assert!(!js.contains(forbidden), "site.js uses {forbidden}");
    }
    assert!(
        !out["assets/site.css"].contains("url("),
        "the stylesheet loads nothing"
    );

    // Web addresses in the archive's text stay text (the script makes links of them, which
    // load nothing); no path the site loads is a web address.
    let data: SiteModel =
        serde_json::from_value(global(&out["data/archive.js"], "RECOLLECT_DATA")).unwrap();
    assert!(data.description.contains("https://example.org/about"));
    let mut paths = Vec::new();
    for iv in &data.interviews {
        paths.extend(iv.recordings.iter().map(|m| m.path.clone()));
        paths.extend(
            iv.transcripts
                .iter()
                .flat_map(|t| t.files.iter().map(|f| f.path.clone())),
        );
    }
    paths.extend(
        data.photos
            .iter()
            .flat_map(|p| [p.web_path.clone(), p.full_path.clone()]),
    );
    assert!(
        paths
            .iter()
            .all(|p| p.starts_with("../") && !p.contains("://")),
        "{paths:?}"
    );
}

#[test]
fn site_blanks_paths_outside_the_package() {
    let mut model = sample();
    model.interviews[0].recordings[0].path = "https://cdn.example.com/smilga.mp3".into();
    model.interviews[0].recordings[1].path = "//cdn.example.com/smilga.mp3".into();
    model.interviews[1].recordings[0].path = "/home/curator/naive.wav".into();
    model.interviews[0].transcripts[0].files[0].path = "file:///etc/passwd".into();
    model.photos[0].web_path = "data:image/png;base64,AAAA".into();
    model.photos[0].full_path = "C:\\photos\\ph-1.tif".into();
    let out = files(&model);
    for (path, text) in &out {
        assert!(
            !text.contains("cdn.example.com")
                && !text.contains("/home/curator")
                && !text.contains("passwd"),
            "{path}"
        );
    }
    let data: SiteModel =
        serde_json::from_value(global(&out["data/archive.js"], "RECOLLECT_DATA")).unwrap();
    assert_eq!(data.interviews[0].recordings[0].path, "");
    assert_eq!(data.interviews[0].recordings[1].path, "");
    assert_eq!(data.interviews[1].recordings[0].path, "");
    assert_eq!(data.interviews[0].transcripts[0].files[0].path, "");
    assert_eq!(data.photos[0].web_path, "");
    assert_eq!(data.photos[0].full_path, "");
    assert_eq!(
        data.interviews[0].transcripts[0].files[1].path, "../transcripts/smilga.ru.txt",
        "local paths stay"
    );
}

#[test]
fn site_of_an_empty_archive() {
    let out = files(&SiteModel::default());
    assert!(out["index.html"].contains("<title>Oral history archive</title>"));
    let index = global(&out["data/search-index.js"], "RECOLLECT_SEARCH");
    assert_eq!(index["docs"], serde_json::json!([]));
    let data: SiteModel =
        serde_json::from_value(global(&out["data/archive.js"], "RECOLLECT_DATA")).unwrap();
    assert_eq!(data, SiteModel::default());
}

#[test]
fn site_lists_its_files_under_site_in_a_payload() {
    let mut payload = Payload::new();
    add_to_payload(&mut payload, &sample(), &crate::jobs::JobContext::silent()).unwrap();
    let paths: Vec<&str> = payload.iter().map(|(path, _)| path.as_str()).collect();
    for path in [
        "site/index.html",
        "site/assets/site.css",
        "site/assets/site.js",
        "site/data/archive.js",
        "site/data/search-index.js",
    ] {
        assert!(paths.contains(&path), "{path} in {paths:?}");
    }
    assert!(paths.iter().all(|p| p.starts_with("site/")), "{paths:?}");
}

/// Writes the sample site to `$RECOLLECT_SITE_OUT/data/site` for a look in a browser (the
/// recordings and images are not written; the browser check adds them).
#[test]
#[ignore = "writes files for a manual browser check"]
fn site_write_sample() {
    let root =
        std::path::PathBuf::from(std::env::var("RECOLLECT_SITE_OUT").expect("RECOLLECT_SITE_OUT"));
    for (path, bytes) in render(&sample()) {
        let file = root.join("data/site").join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, bytes).unwrap();
    }
}
