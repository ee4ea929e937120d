use sha2::{Digest, Sha256};

use super::*;

fn make_bag(root: &Path) {
    let dir = root.parent().unwrap();
    let media = dir.join("tape1.wav");
    fs::write(&media, vec![7u8; 3 * CHUNK + 17]).unwrap();
    let mut bag = BagWriter::create(root).unwrap();
    bag.add("media/tape1.wav", Source::File(media)).unwrap();
    bag.add(
        "transcripts/smilga.vtt",
        Source::Bytes("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nТроцкий\n".into()),
    )
    .unwrap();
    bag.add("metadata/odd name %.json", Source::Bytes(b"{}".to_vec()))
        .unwrap();
    bag.finish(
        vec![
            ("Source-Organization".into(), "Recollect test".into()),
            ("Bagging-Date".into(), "2026-11-25".into()),
        ],
        &JobContext::silent(),
    )
    .unwrap();
}

#[test]
fn a_written_bag_verifies_and_lists_its_payload() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("bag");
    make_bag(&root);
    let bag = verify(&root, &JobContext::silent()).unwrap();
    assert_eq!(bag.payload.len(), 3);
    assert!(bag.payload.contains_key("metadata/odd name %.json"));
    let info = fs::read_to_string(root.join("bag-info.txt")).unwrap();
    assert!(
        info.contains(&format!(
            "Payload-Oxum: {}.3\n",
            3 * CHUNK + 17 + 2 + "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nТроцкий\n".len()
        )),
        "{info}"
    );
    let manifest = fs::read_to_string(root.join("manifest-sha256.txt")).unwrap();
    let expected = hex(&Sha256::digest(vec![7u8; 3 * CHUNK + 17]));
    assert!(
        manifest.contains(&format!("{expected}  data/media/tape1.wav")),
        "{manifest}"
    );
    assert!(
        manifest.contains("data/metadata/odd name %25.json"),
        "percent-encoded per RFC 8493"
    );
}

#[test]
fn a_tampered_file_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("bag");
    make_bag(&root);
    let path = root.join("data/transcripts/smilga.vtt");
    let changed = fs::read_to_string(&path)
        .unwrap()
        .replace("Троцкий", "Радек----");
    fs::write(&path, changed).unwrap();
    let err = verify(&root, &JobContext::silent())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("data/transcripts/smilga.vtt") && err.contains("does not match"),
        "{err}"
    );
}

#[test]
fn an_unlisted_or_missing_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("bag");
    make_bag(&root);
    fs::write(root.join("data/extra.txt"), "smuggled").unwrap();
    let err = verify(&root, &JobContext::silent())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("data/extra.txt") && err.contains("not in the manifest"),
        "{err}"
    );
    fs::remove_file(root.join("data/extra.txt")).unwrap();
    fs::remove_file(root.join("data/media/tape1.wav")).unwrap();
    let err = verify(&root, &JobContext::silent())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("data/media/tape1.wav is listed but missing"),
        "{err}"
    );
}

#[test]
fn a_path_that_escapes_the_bag_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("bag");
    make_bag(&root);
    fs::write(dir.path().join("secret.txt"), "outside").unwrap();
    let digest = hex(&Sha256::digest(b"outside"));
    let manifest = root.join("manifest-sha256.txt");
    let mut text = fs::read_to_string(&manifest).unwrap();
    text.push_str(&format!("{digest}  data/../../secret.txt\n"));
    fs::write(&manifest, text).unwrap();
    let err = verify(&root, &JobContext::silent())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("escapes the bag") && err.contains("manifest-sha256.txt, line 4"),
        "{err}"
    );
}

#[test]
fn the_writer_refuses_paths_outside_data_and_a_used_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut bag = BagWriter::create(&dir.path().join("b")).unwrap();
    for bad in ["../x", "/etc/passwd", "a/../../b", "a\\b", ""] {
        assert!(
            bag.add(bad, Source::Bytes(vec![])).is_err(),
            "{bad:?} must be refused"
        );
    }
    fs::write(dir.path().join("b/data/x"), "x").unwrap();
    assert!(
        BagWriter::create(&dir.path().join("b")).is_err(),
        "a folder with files in it is not reused"
    );
}

#[test]
fn a_destination_it_cannot_use_is_refused_saying_why() {
    let dir = tempfile::tempdir().unwrap();
    let message = |root: &Path| match BagWriter::create(root) {
        Err(Error::Invalid { field, message }) => {
            assert_eq!(field, "out");
            message
        }
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("{} was accepted", root.display()),
    };
    assert_eq!(message(Path::new("")), "choose a folder for the package");
    let missing = dir.path().join("no such folder");
    let err = message(&missing.join("bag"));
    assert!(
        err.starts_with(&format!("{} does not exist", missing.display())),
        "{err}"
    );
    assert!(!missing.exists(), "the missing folder is not made");
    fs::write(dir.path().join("notes.txt"), "x").unwrap();
    let err = message(&dir.path().join("notes.txt"));
    assert!(err.contains("notes.txt is a file"), "{err}");
    let err = message(dir.path());
    assert!(err.contains("is not empty"), "{err}");
    // A new folder, and an empty one, are fine.
    assert!(BagWriter::create(&dir.path().join("new")).is_ok());
    fs::create_dir(dir.path().join("empty")).unwrap();
    assert!(BagWriter::create(&dir.path().join("empty")).is_ok());
}

#[test]
fn a_cancelled_bag_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("bag");
    let media = dir.path().join("big.wav");
    fs::write(&media, vec![1u8; 4 * CHUNK]).unwrap();
    let mut bag = BagWriter::create(&root).unwrap();
    bag.add("media/big.wav", Source::File(media)).unwrap();
    let flag = crate::jobs::CancelFlag::default();
    flag.cancel();
    let err = bag
        .finish(vec![], &JobContext::new(flag, |_| {}))
        .unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err}");
    assert!(!root.exists(), "nothing half-written is left behind");
}
