use super::*;

#[test]
fn a_snapshot_reads_one_moment_while_the_writer_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let writer = Archive::open(&path).unwrap();
    let count = |a: &Archive| -> i64 {
        a.conn()
            .query_row("SELECT count(*) FROM settings", [], |r| r.get(0))
            .unwrap()
    };
    let reader = Archive::open_read_only(&path).unwrap();
    let before = count(&reader);
    let (first, second) = reader
        .snapshot(|r| {
            let first = count(r);
            crate::settings::set(writer.conn(), "snapshot.test", "written meanwhile")?;
            Ok((first, count(r)))
        })
        .unwrap();
    assert_eq!(first, before);
    assert_eq!(
        second, first,
        "a write made meanwhile is not seen inside the snapshot"
    );
    assert_eq!(count(&reader), before + 1, "and is seen after it");
    drop(writer);
}

#[test]
fn one_writer_at_a_time_and_readers_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let mut writer = Archive::open(&path).unwrap();
    writer.set_agent("Ann").unwrap();
    assert!(
        claim_path(&path).exists(),
        "the claim sits beside the archive"
    );

    let second = Archive::open(&path).unwrap_err();
    assert_eq!(second.code(), "busy");
    assert!(
        second
            .to_string()
            .contains("is open in Recollect or in another command"),
        "{second}"
    );

    let mut reader = Archive::open_or_read(&path).unwrap();
    assert!(!reader.is_writable());
    assert_eq!(reader.agent(), "Ann", "a reader reads");
    let refused = reader.set_agent("Bob").unwrap_err();
    assert_eq!(refused.code(), "busy");
    drop(reader);

    drop(writer);
    let mut again = Archive::open_or_read(&path).unwrap();
    assert!(again.is_writable(), "the claim goes with the writer");
    again.set_agent("Bob").unwrap();
}

#[test]
fn opening_can_wait_for_the_writer_still_closing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let closing = Archive::open(&path).unwrap();
    let quitting = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(closing);
    });
    let reopened = Archive::open_waiting(&path, std::time::Duration::from_secs(5)).unwrap();
    assert!(reopened.is_writable());
    quitting.join().unwrap();
}

#[test]
fn a_reader_needs_an_archive_that_exists() {
    let dir = tempfile::tempdir().unwrap();
    assert!(Archive::open_read_only(dir.path().join("missing.db")).is_err());
    assert!(
        !dir.path().join("missing.db").exists(),
        "reading creates nothing"
    );
}

#[test]
fn a_new_archive_gets_every_migration_and_the_connection_policy() {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open(dir.path().join("a.db")).unwrap();
    let conn = archive.conn();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema_version(), "all migrations applied");
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        app_id, APPLICATION_ID,
        "the file says it is a Recollect archive"
    );
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: bool = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert!(fk, "foreign keys must be enforced");
    archive.check_integrity().unwrap();
}

#[test]
fn reopening_applies_nothing_and_keeps_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    {
        let mut archive = Archive::open(&path).unwrap();
        archive.set_agent("Curator One").unwrap();
    }
    let archive = Archive::open(&path).unwrap();
    assert_eq!(archive.agent(), "Curator One");
    assert!(
        !dir.path().join("a.db.before-v1.bak").exists(),
        "no upgrade, no backup"
    );
}

#[test]
fn a_foreign_sqlite_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let err = Archive::open(&path).unwrap_err();
    assert!(matches!(err, Error::NotAnArchive { .. }), "got {err}");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(
        &path,
        "this is not a database, just some text that is long enough to be a header ....",
    )
    .unwrap();
    let err = Archive::open(&path).unwrap_err();
    assert!(matches!(err, Error::NotAnArchive { .. }), "got {err}");
}

#[test]
fn a_newer_archive_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", schema_version() + 1)
            .unwrap();
    }
    let err = Archive::open(&path).unwrap_err();
    assert!(matches!(err, Error::NewerArchive { .. }), "got {err}");
}

#[test]
fn the_event_log_is_append_only() {
    let mut archive = Archive::open_in_memory().unwrap();
    archive.set_agent("A").unwrap();
    archive
            .conn()
            .execute(
                "INSERT INTO events (uuid, at, event_type, record_kind, record_uuid, origin) VALUES ('0192f3a0-0000-7000-8000-000000000002', 'x', 'creation', 'person', 'p', 'cli')",
                [],
            )
            .unwrap();
    assert!(
        archive.conn().execute("DELETE FROM events", []).is_err(),
        "deleting events must fail"
    );
    assert!(
        archive
            .conn()
            .execute("UPDATE events SET note = 'x'", [])
            .is_err(),
        "changing events must fail"
    );
}
