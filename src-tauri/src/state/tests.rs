use std::{sync::mpsc, time::Duration};

use super::*;

#[test]
fn a_long_read_leaves_the_archive_to_other_commands() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(dir.path().join("recent.json"));
    state.open(&dir.path().join("a.db")).unwrap();
    let (reading_tx, reading) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    let long_read = state.clone();
    let long = tauri::async_runtime::spawn(async move {
        long_read
            .with_reader(move |a| {
                reading_tx.send(()).unwrap();
                released.recv().unwrap();
                recollect_db::interview::list(a, &Default::default())
            })
            .await
    });
    reading.recv_timeout(Duration::from_secs(30)).unwrap();
    // While the read waits, a command reaches the open archive.
    let (done_tx, done) = mpsc::channel();
    let other = state.clone();
    tauri::async_runtime::spawn(async move {
        let path = other.with_archive(|a| Ok(a.path().is_some())).await;
        done_tx.send(path.unwrap()).unwrap();
    });
    let reached = done.recv_timeout(Duration::from_secs(30));
    release.send(()).unwrap();
    assert_eq!(reached, Ok(true), "the read held the archive");
    let listed = tauri::async_runtime::block_on(long).unwrap();
    assert!(listed.unwrap().is_empty());
}
