use super::*;

#[test]
fn the_same_content_is_stored_once_and_an_unkept_file_goes_away() {
    let dir = tempfile::tempdir().unwrap();
    let media = dir.path().join("a.media");
    let source = dir.path().join("x.bin");
    std::fs::write(&source, b"hello").unwrap();
    let incoming = copy_to_temp(&media, &source, &JobContext::silent()).unwrap();
    assert_eq!(
        incoming.sha256,
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
    );
    let mut first = place(&media, incoming, "bin").unwrap();
    assert_eq!(first.path, format!("2c/{}.bin", first.sha256));
    first.keep();
    let second = put_bytes(&media, b"hello", "bin").unwrap();
    assert_eq!(second.path, first.path);
    drop(second);
    assert!(
        resolve(&media, &first.path).exists(),
        "a file placed earlier is not removed by a later duplicate"
    );
    let third = put_bytes(&media, b"other", "bin").unwrap();
    let third_path = resolve(&media, &third.path);
    assert!(third_path.exists());
    drop(third);
    assert!(!third_path.exists(), "a placed file not kept is removed");
    let leftovers: Vec<_> = std::fs::read_dir(&media)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "no temp files stay behind");
}

#[test]
fn content_kept_under_another_extension_is_not_stored_again() {
    let dir = tempfile::tempdir().unwrap();
    let media = dir.path().join("a.media");
    let mut first = put_bytes(&media, b"RIFF tape", "wav").unwrap();
    first.keep();
    let second = put_bytes(&media, b"RIFF tape", "wave").unwrap();
    assert_eq!(second.path, first.path, "the copy already kept is used");
    assert!(second.placed.path().is_none(), "nothing new was placed");
    let shard: Vec<_> = std::fs::read_dir(resolve(&media, &first.sha256[..2]))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(shard.len(), 1);
}

#[test]
fn a_head_check_refuses_a_file_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let media = dir.path().join("a.media");
    let source = dir.path().join("notes.txt");
    std::fs::write(&source, vec![b'x'; CHUNK + 10]).unwrap();
    let mut seen = 0;
    let refused = copy_to_temp_checked(&media, &source, &JobContext::silent(), "copying", |head| {
        seen = head.len();
        Err::<(), _>(Error::invalid("file", "not a recording"))
    });
    assert!(matches!(refused, Err(Error::Invalid { .. })));
    assert_eq!(seen, CHUNK, "the check sees a whole first chunk");
    assert_eq!(std::fs::read_dir(&media).unwrap().count(), 0);
}

#[test]
fn a_cancelled_copy_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let media = dir.path().join("a.media");
    let source = dir.path().join("big.bin");
    std::fs::write(&source, vec![7u8; (REPORT_EVERY + 10) as usize]).unwrap();
    let flag = crate::jobs::CancelFlag::default();
    flag.cancel();
    let job = JobContext::new(flag, |_| {});
    assert!(matches!(
        copy_to_temp(&media, &source, &job),
        Err(Error::Cancelled)
    ));
    assert_eq!(std::fs::read_dir(&media).unwrap().count(), 0);
}
