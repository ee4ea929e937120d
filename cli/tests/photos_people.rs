//! The `recollect` binary on photos, captions and the people authority: the JSON a batch
//! script reads, and all-or-nothing imports.

mod common;

use common::{json, run, run_without_archive, succeeded};

use std::path::Path;

use serde_json::{json, Value};

/// A tiny valid PNG: 1×1 pixel of the given grey (so that each is a different image).
fn png(path: &Path, grey: u8) {
    fn crc(data: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &b in data {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn adler(data: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for &d in data {
            a = (a + u32::from(d)) % 65521;
            b = (b + a) % 65521;
        }
        (b << 16) | a
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc(&body).to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    // One scanline: filter byte 0, one grey byte; stored (uncompressed) deflate block.
    let raw = [0u8, grey];
    let mut z = vec![0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF];
    z.extend(raw);
    z.extend(adler(&raw).to_be_bytes());
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, out).unwrap();
}

#[test]
fn caption_parse_prints_rows_of_names_without_an_archive() {
    let caption = "Members of the Left Opposition in 1927. Sitting (left to right): Serebryakov, Radek, Trotsky, Boguslavsky and Preobrazhensky. Standing (left to right): Rakovsky, Drobnis, Beloborodov and Sosnovsky";
    let parsed: Value = serde_json::from_str(&succeeded(&run_without_archive(&[
        "caption", "parse", caption, "--json",
    ])))
    .unwrap();
    assert_eq!(
        parsed,
        json!({"rows": [
            {"label": "Sitting", "names": ["Serebryakov", "Radek", "Trotsky", "Boguslavsky", "Preobrazhensky"]},
            {"label": "Standing", "names": ["Rakovsky", "Drobnis", "Beloborodov", "Sosnovsky"]}
        ]})
    );
}

#[test]
fn people_match_ranks_the_sample_by_every_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("a.db");
    assert!(run(&archive, &["sample"]).status.success());
    let name_of = |id: &str| {
        json(&archive, &["people", "show", id, "--json"])["display_name"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    for (query, who) in [
        ("Серебрякова", "Zorya Serebryakova"),
        ("Serebrayakova", "Zorya Serebryakova"),
        ("Voronskii", "Alexander Voronsky"),
    ] {
        let found = json(&archive, &["people", "match", query, "--json"]);
        let first = &found["candidates"][0];
        assert_eq!(
            name_of(first["id"].as_str().unwrap()),
            who,
            "{query}: {found}"
        );
        assert_eq!(first["confident"], true, "{query}: {found}");
        let score = first["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert_eq!(
            first.as_object().unwrap().len(),
            4,
            "id, name, score, confident: {first}"
        );
    }
    assert_eq!(
        json(&archive, &["people", "match", "Kamenev", "--json"]),
        json!({"candidates": []})
    );

    let photos = json(&archive, &["photos", "list", "--json"]);
    assert_eq!(
        photos.as_array().unwrap().len(),
        1,
        "the sample's group photo"
    );
    assert!(photos[0]["note"]
        .as_str()
        .unwrap()
        .contains("not the 1927 photograph"));
    let proposals = json(
        &archive,
        &[
            "photos",
            "identify",
            photos[0]["id"].as_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(proposals.as_array().unwrap().len(), 9);
    assert!(proposals
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["candidates"][0]["confident"] == true && !p["confirmed"].is_null()));
}

#[test]
fn photos_add_imports_files_and_folders_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("a.db");
    let collection = json(
        &archive,
        &["collections", "add", "--title", "Family photos", "--json"],
    );
    let collection = collection["id"].as_str().unwrap();
    let pics = dir.path().join("pics");
    png(&pics.join("one.png"), 10);
    png(&pics.join("album").join("two.png"), 20);
    png(&pics.join("album").join("deeper").join("three.png"), 30);
    std::fs::write(pics.join("album").join("notes.txt"), "who is who").unwrap();
    let not_an_image = dir.path().join("scan.png");
    std::fs::write(&not_an_image, "not really a picture").unwrap();

    let out = run(
        &archive,
        &[
            "photos",
            "add",
            pics.join("one.png").to_str().unwrap(),
            not_an_image.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("scan.png"),
        "the refused file is named: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        json(&archive, &["photos", "list", "--json"]),
        json!([]),
        "nothing was imported"
    );

    let summary = json(
        &archive,
        &[
            "photos",
            "add",
            pics.join("one.png").to_str().unwrap(),
            pics.join("album").to_str().unwrap(),
            "--collection",
            collection,
            "--json",
        ],
    );
    let names: Vec<&str> = summary["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["original_name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["one.png", "three.png", "two.png"],
        "folders are searched recursively, in name order"
    );
    assert_eq!(
        summary["warnings"].as_array().unwrap().len(),
        1,
        "the text file is skipped with a warning"
    );

    let again = json(
        &archive,
        &[
            "photos",
            "add",
            pics.join("one.png").to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(again["added"], json!([]));
    assert_eq!(
        again["duplicates"].as_array().unwrap().len(),
        1,
        "the same image is stored once"
    );

    let list = json(&archive, &["photos", "list", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    for p in list {
        assert_eq!(
            (
                p["width"].as_u64(),
                p["height"].as_u64(),
                p["mime_type"].as_str()
            ),
            (Some(1), Some(1), Some("image/png"))
        );
        assert_eq!(p["collection_ids"], json!([collection]));
        assert_eq!(p["sha256"].as_str().unwrap().len(), 64);
    }
    let in_collection = json(
        &archive,
        &["photos", "list", "--collection", collection, "--json"],
    );
    assert_eq!(in_collection.as_array().unwrap().len(), 3);
}

#[test]
fn variants_relationships_and_merge_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("a.db");
    let add = |name: &str| {
        json(&archive, &["people", "add", "--name", name, "--json"])["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (father, daughter, typo) = (
        add("Leonid Serebryakov"),
        add("Zorya Serebryakova"),
        add("Zorya Serebrayakova"),
    );
    let variant = json(
        &archive,
        &[
            "people",
            "variant",
            "add",
            &father,
            "Serebrjakow",
            "--kind",
            "transliteration",
            "--system",
            "german",
            "--json",
        ],
    );
    assert_eq!(
        (variant["script"].as_str(), variant["system"].as_str()),
        (Some("latin"), Some("german"))
    );
    assert!(!run(
        &archive,
        &["people", "variant", "add", &father, "X", "--kind", "nickname"]
    )
    .status
    .success());

    assert!(run(
        &archive,
        &["people", "relate", &father, "--parent-of", &typo]
    )
    .status
    .success());
    let seen_from_typo = json(&archive, &["people", "relations", &typo, "--json"]);
    assert_eq!(seen_from_typo[0]["kind"], "child_of");

    let dupes = json(&archive, &["people", "duplicates", "--json"]);
    assert_eq!(dupes[0]["person"]["id"], daughter.as_str(), "{dupes}");
    assert_eq!(dupes[0]["other"]["id"], typo.as_str());

    let kept = json(&archive, &["people", "merge", &daughter, &typo, "--json"]);
    assert_eq!(kept["id"], daughter.as_str());
    let seen_from_father = json(&archive, &["people", "relations", &father, "--json"]);
    assert_eq!(
        (
            seen_from_father[0]["kind"].as_str(),
            seen_from_father[0]["other"]["id"].as_str()
        ),
        (Some("parent_of"), Some(daughter.as_str()))
    );
    let old_id = json(&archive, &["people", "show", &typo, "--json"]);
    assert_eq!(
        old_id["id"],
        daughter.as_str(),
        "the merged id still finds the person"
    );
    let page = json(&archive, &["people", "authority", &daughter, "--json"]);
    assert!(
        page["variants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["name"] == "Zorya Serebrayakova"),
        "{page}"
    );
    let history = json(&archive, &["history", "--record", &typo, "--json"]);
    assert_eq!(
        history.as_array().unwrap().last().unwrap()["event_type"],
        "merge"
    );
}
