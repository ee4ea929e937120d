//! Every test of upgrading an archive, in one place. Each earlier schema has a small archive
//! committed beside this file (`earlier/schema-N.db`), made once when that schema was the newest
//! by [`freeze_the_newest_earlier_schema`] from the migrations and the seeds (`earlier/seed-N.sql`,
//! the records a curator of that schema could keep), and never remade: a migration edited after
//! it shipped, or an upgrade that loses a record, fails here.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection};

use super::*;
use crate::{
    interview::{self, InterviewInput},
    links,
    people::authority::{relations, RelationKind},
    public::{PublicStatus, PublicView},
    search::{
        index,
        tests::{grouped, import_vtt},
    },
    Origin,
};

fn earlier() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/archive/earlier")
}

/// The records seeded when the migration of their schema was applied.
fn seed(version: i64) -> Option<String> {
    std::fs::read_to_string(earlier().join(format!("seed-{version}.sql"))).ok()
}

/// Writes `earlier/schema-N.db` for each schema that has none, the newest among them: run it
/// once, with `cargo test -p recollect-db freeze -- --ignored`, when a schema is complete (before
/// the next migration is added), and commit the file. Files there already are never made again.
#[test]
#[ignore = "writes committed files; run by hand before adding a migration"]
fn freeze_the_newest_earlier_schema() {
    for version in 1..=schema_version() {
        let target = earlier().join(format!("schema-{version}.db"));
        if target.exists() {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("a.db")).unwrap();
        for migration in MIGRATIONS.iter().filter(|m| m.version <= version) {
            apply(&mut conn, migration).unwrap();
            if let Some(sql) = seed(migration.version) {
                conn.execute_batch(&sql)
                    .unwrap_or_else(|e| panic!("seed-{}.sql: {e}", migration.version));
            }
        }
        // Small pages keep a file of a few records small; SQLite reads any page size.
        conn.execute_batch("PRAGMA page_size = 1024; VACUUM;")
            .unwrap();
        conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])
            .unwrap();
    }
}

fn count(a: &Archive, sql: &str) -> i64 {
    a.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

const ZORYA_INTERVIEW: &str = "30000000-0000-4000-8000-000000000001";
const SMILGA_INTERVIEW: &str = "30000000-0000-4000-8000-000000000002";
const ZORYA: &str = "20000000-0000-4000-8000-000000000001";
const LEONID: &str = "20000000-0000-4000-8000-000000000003";

#[test]
fn an_archive_of_every_earlier_schema_upgrades_with_all_it_held() {
    for version in 1..schema_version() {
        let frozen = earlier().join(format!("schema-{version}.db"));
        assert!(
            frozen.exists(),
            "no archive of schema {version}: run freeze_the_newest_earlier_schema before adding a migration"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        std::fs::copy(&frozen, &path).unwrap();
        let a = Archive::open(&path).unwrap_or_else(|e| panic!("schema {version}: {e}"));
        let at = |what: &str| format!("schema {version}: {what}");
        assert_eq!(
            count(&a, "PRAGMA user_version"),
            schema_version(),
            "{}",
            at("upgraded")
        );
        assert!(
            dir.path()
                .join(format!("old.db.before-v{}.bak", schema_version()))
                .exists(),
            "{}",
            at("a backup is written before upgrading")
        );
        assert_eq!(a.agent(), "Anna Petrova", "{}", at("settings survive"));
        assert_eq!(count(&a, "SELECT count(*) FROM interviews"), 2);
        assert_eq!(count(&a, "SELECT count(*) FROM people"), 4);
        assert!(count(&a, "SELECT count(*) FROM events") >= 3);
        let zorya = interview::get(&a, ZORYA_INTERVIEW).unwrap();
        assert_eq!(zorya.narrators[0].name, "Zorya Serebryakova");
        assert_eq!(
            index::disagreements(a.conn()).unwrap(),
            Vec::<String>::new(),
            "{}",
            at("the search index holds what the rows say")
        );
        if version >= 2 {
            assert_eq!(count(&a, "SELECT count(*) FROM segments"), 6);
            // Any spelling, any script: the Russian and the English passage each.
            for spelling in ["Serebryakova", "Серебрякову", "Serebriakova"] {
                assert!(
                    grouped(&a, spelling).passages_matched >= 2,
                    "{}",
                    at(&format!("{spelling} is found in both transcripts"))
                );
            }
            assert_eq!(
                grouped(&a, "Trotzki").passages_matched,
                2,
                "{}",
                at("Trotsky in both")
            );
        }
        if version >= 3 {
            let kinds: Vec<RelationKind> = relations(&a, LEONID)
                .unwrap()
                .into_iter()
                .filter(|r| r.other.id == ZORYA)
                .map(|r| r.kind)
                .collect();
            assert_eq!(
                kinds,
                [RelationKind::ParentOf],
                "{}",
                at("the authority's relationship is a link")
            );
            assert_eq!(count(&a, "SELECT count(*) FROM person_name_variants"), 3);
            assert_eq!(count(&a, "SELECT count(*) FROM photo_captions"), 1);
        }
        if version >= 4 {
            let view = PublicView::new(&a, "2026-12-01").unwrap();
            assert!(
                view.interview(SMILGA_INTERVIEW).unwrap().is_none(),
                "{}",
                at("a closed interview stays closed")
            );
            let original = view
                .transcripts(ZORYA_INTERVIEW)
                .unwrap()
                .into_iter()
                .find(|t| t.language == "ru")
                .unwrap();
            let sealed: Vec<&str> = original
                .segments
                .iter()
                .filter(|s| s.status == PublicStatus::Sealed)
                .map(|s| s.id.as_str())
                .collect();
            assert_eq!(
                sealed,
                ["61000000-0000-4000-8000-000000000003"],
                "{}",
                at("a sealed passage stays sealed")
            );
            assert_eq!(links::of(&a, LEONID).unwrap().len(), 2, "{}", at("links"));
        }
    }
}

#[test]
fn an_old_archive_is_backed_up_then_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        // An archive at schema 1, as the first release wrote it.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0].sql).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.execute(
                "INSERT INTO collections (uuid, title, created_at, updated_at) VALUES ('0192f3a0-0000-7000-8000-000000000001', 'Old', 'x', 'x')",
                [],
            )
            .unwrap();
    }
    let archive = Archive::open(&path).unwrap();
    let title: String = archive
        .conn()
        .query_row("SELECT title FROM collections", [], |r| r.get(0))
        .unwrap();
    assert_eq!(title, "Old", "data survives the upgrade");
    if schema_version() > 1 {
        let backup = dir
            .path()
            .join(format!("old.db.before-v{}.bak", schema_version()));
        assert!(backup.exists(), "a backup is written before upgrading");
    }
}

#[test]
fn relationships_kept_by_the_authority_before_become_links_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for m in MIGRATIONS.iter().filter(|m| m.version <= 5) {
            conn.execute_batch(m.sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 5).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        let at = "2026-01-01T00:00:00Z";
        for (key, name) in [(1, "Ivar Smilga"), (2, "Tatiana Smilga"), (3, "Karl Radek")] {
            conn.execute(
                    "INSERT INTO people (id, uuid, display_name, sort_name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3, ?4, ?4)",
                    params![key, format!("00000000-0000-7000-8000-00000000000{key}"), name, at],
                )
                .unwrap();
        }
        let (parent, colleague) = (
            "01000000-0000-7000-8000-000000000001",
            "01000000-0000-7000-8000-000000000002",
        );
        conn.execute(
                "INSERT INTO person_relationships (uuid, person_a, person_b, kind, created_at) VALUES (?1, 1, 2, 'parent_of', ?2), (?3, 1, 3, 'associate_of', ?2)",
                params![parent, at, colleague],
            )
            .unwrap();
        // The same fact was also a link: it stays one link.
        conn.execute(
                "INSERT INTO links (uuid, link_type, from_kind, from_uuid, to_kind, to_uuid, created_at, updated_at)
                 VALUES ('02000000-0000-7000-8000-000000000001', 'parent_of', 'person', '00000000-0000-7000-8000-000000000001', 'person', '00000000-0000-7000-8000-000000000002', ?1, ?1)",
                [at],
            )
            .unwrap();
    }
    let a = Archive::open(&path).unwrap();
    let ivar = "00000000-0000-7000-8000-000000000001";
    let mut kinds: Vec<(RelationKind, String)> = relations(&a, ivar)
        .unwrap()
        .into_iter()
        .map(|r| (r.kind, r.other.name))
        .collect();
    kinds.sort_by_key(|(k, _)| k.as_str());
    assert_eq!(
        kinds,
        [
            (RelationKind::AssociateOf, "Karl Radek".to_owned()),
            (RelationKind::ParentOf, "Tatiana Smilga".to_owned())
        ]
    );
    assert_eq!(
        links::of(&a, ivar).unwrap().len(),
        2,
        "no relationship twice"
    );
    assert!(
        links::get(&a, "01000000-0000-7000-8000-000000000002").is_ok(),
        "a relationship keeps its id"
    );
}

#[test]
fn an_archive_of_schema_8_is_indexed_again_with_its_whole_transcripts_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut a = Archive::open(&path).unwrap();
        let interview = interview::create(
            &mut a,
            &InterviewInput {
                title: "Smilga".into(),
                ..Default::default()
            },
            Origin::Cli,
        )
        .unwrap();
        import_vtt(
            &mut a,
            &interview.id,
            "ru",
            &["Мы жили рядом с Троцким.", "Xruščëv came later."],
        );
    }
    {
        // Back to schema 8: no whole-transcript rows, and passage terms as 0007 left them
        // (here: none).
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TRIGGER segment_words_follow_text;
             DROP TABLE transcript_checks;
             DROP TABLE segment_words;
             DROP TRIGGER transcripts_search_segment_insert;
             DROP TRIGGER transcripts_search_segment_update;
             DROP TRIGGER transcripts_search_segment_delete;
             DROP TRIGGER transcripts_search_whole_language;
             DROP TABLE transcripts_fts_terms;
             DROP TABLE transcripts_fts;
             DROP TABLE search_pending_transcripts;
             INSERT INTO segments_fts (segments_fts) VALUES ('delete-all');
             DROP TABLE trash;
             PRAGMA user_version = 8;",
        )
        .unwrap();
    }
    let a = Archive::open(&path).unwrap();
    assert_eq!(
        index::disagreements(a.conn()).unwrap(),
        Vec::<String>::new()
    );
    let rows: i64 = a
        .conn()
        .query_row("SELECT count(*) FROM transcripts_fts_docsize", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(rows, 1, "the transcript has its row");
    assert_eq!(grouped(&a, "Trotzki").passages_matched, 1);
    assert_eq!(
        grouped(&a, "Khrushchev").passages_matched,
        1,
        "scholarly x for х"
    );
}
