-- Search that finds a word in any spelling, script and inflection (see search/fold.rs and
-- search/index.rs). The index becomes derived terms, written by Rust: each text gives three
-- columns, `exact` (case and diacritics folded, for phrases), `stem` (Snowball stems) and
-- `name` (the people authority's name keys of every word that may be a name). The tables are
-- contentless: the text lives once, in its own table, and the terms only in the index.
--
-- Rust folds the text, so triggers cannot fill the index. They note each changed row in
-- `search_pending` instead, and every write indexes those rows in its own transaction before
-- it commits: rows and index always commit together. Right after this migration the runner
-- indexes every row noted below, in the same transaction.

DROP TRIGGER segments_fts_insert;
DROP TRIGGER segments_fts_delete;
DROP TRIGGER segments_fts_update;
DROP TRIGGER interviews_fts_insert;
DROP TRIGGER interviews_fts_update;
DROP TRIGGER interviews_fts_delete;
DROP TRIGGER people_fts_insert;
DROP TRIGGER people_fts_update;
DROP TRIGGER people_fts_delete;
DROP TRIGGER person_name_variants_fts_insert;
DROP TRIGGER person_name_variants_fts_update;
DROP TRIGGER person_name_variants_fts_delete;
DROP TRIGGER index_points_fts_insert;
DROP TRIGGER index_points_fts_update;
DROP TRIGGER index_points_fts_delete;
DROP TABLE segments_vocab;
DROP TABLE segments_fts;
DROP TABLE records_fts;

-- Rows whose index entry is to be written (again). `indexed`: the row has an entry now, to be
-- removed first (a row inserted and changed in one transaction has none yet).
CREATE TABLE search_pending (
    kind    TEXT NOT NULL CHECK (kind IN ('segment', 'interview', 'person', 'index_point', 'caption', 'region')),
    id      INTEGER NOT NULL,
    indexed INTEGER NOT NULL CHECK (indexed IN (0, 1)),
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;

-- Transcript segments: rowid = segments.id.
CREATE VIRTUAL TABLE segments_fts USING fts5 (
    exact, stem, name,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
-- Every term of every segment, for checking the index against the rows.
CREATE VIRTUAL TABLE segments_fts_terms USING fts5vocab ('segments_fts', 'instance');

-- Interviews, people, index points, photo captions and photo regions share one index: rowid =
-- search_records.id, which says what record an entry is.
CREATE TABLE search_records (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('interview', 'person', 'index_point', 'caption', 'region')),
    record_id INTEGER NOT NULL,
    UNIQUE (kind, record_id)
);
CREATE VIRTUAL TABLE records_fts USING fts5 (
    exact, stem, name,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE VIRTUAL TABLE records_fts_terms USING fts5vocab ('records_fts', 'instance');

CREATE TRIGGER segments_search_insert AFTER INSERT ON segments BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('segment', new.id, 0);
END;
CREATE TRIGGER segments_search_update AFTER UPDATE OF text, speaker_label ON segments BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('segment', new.id, 1);
END;
CREATE TRIGGER segments_search_delete AFTER DELETE ON segments BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('segment', old.id, 1);
END;
-- Stems depend on the transcript's language.
CREATE TRIGGER transcripts_search_language AFTER UPDATE OF language ON transcripts BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed)
        SELECT 'segment', id, 1 FROM segments WHERE transcript_id = new.id;
END;

CREATE TRIGGER interviews_search_insert AFTER INSERT ON interviews BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('interview', new.id, 0);
END;
CREATE TRIGGER interviews_search_update AFTER UPDATE OF title, place, summary, languages ON interviews BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('interview', new.id, 1);
    INSERT OR IGNORE INTO search_pending (kind, id, indexed)
        SELECT 'index_point', id, 1 FROM index_points WHERE interview_id = new.id;
END;
CREATE TRIGGER interviews_search_delete AFTER DELETE ON interviews BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('interview', old.id, 1);
END;

CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('person', new.id, 0);
END;
CREATE TRIGGER people_search_update AFTER UPDATE OF display_name, sort_name, note ON people BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('person', new.id, 1);
END;
CREATE TRIGGER people_search_delete AFTER DELETE ON people BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('person', old.id, 1);
END;
CREATE TRIGGER person_name_variants_search_insert AFTER INSERT ON person_name_variants BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('person', new.person_id, 1);
END;
CREATE TRIGGER person_name_variants_search_update AFTER UPDATE OF name, person_id ON person_name_variants BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('person', old.person_id, 1);
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('person', new.person_id, 1);
END;
CREATE TRIGGER person_name_variants_search_delete AFTER DELETE ON person_name_variants BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('person', old.person_id, 1);
END;

CREATE TRIGGER index_points_search_insert AFTER INSERT ON index_points BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('index_point', new.id, 0);
END;
CREATE TRIGGER index_points_search_update AFTER UPDATE ON index_points BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('index_point', new.id, 1);
END;
CREATE TRIGGER index_points_search_delete AFTER DELETE ON index_points BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('index_point', old.id, 1);
END;

CREATE TRIGGER photo_captions_search_insert AFTER INSERT ON photo_captions BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('caption', new.id, 0);
END;
CREATE TRIGGER photo_captions_search_update AFTER UPDATE OF text, language ON photo_captions BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('caption', new.id, 1);
END;
CREATE TRIGGER photo_captions_search_delete AFTER DELETE ON photo_captions BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('caption', old.id, 1);
END;

CREATE TRIGGER regions_search_insert AFTER INSERT ON regions BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('region', new.id, 0);
END;
CREATE TRIGGER regions_search_update AFTER UPDATE OF label ON regions BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('region', new.id, 1);
END;
CREATE TRIGGER regions_search_delete AFTER DELETE ON regions BEGIN
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) VALUES ('region', old.id, 1);
END;

-- Everything already in the archive, indexed by the runner right after this migration.
INSERT INTO search_pending (kind, id, indexed) SELECT 'segment', id, 0 FROM segments;
INSERT INTO search_pending (kind, id, indexed) SELECT 'interview', id, 0 FROM interviews;
INSERT INTO search_pending (kind, id, indexed) SELECT 'person', id, 0 FROM people;
INSERT INTO search_pending (kind, id, indexed) SELECT 'index_point', id, 0 FROM index_points;
INSERT INTO search_pending (kind, id, indexed) SELECT 'caption', id, 0 FROM photo_captions;
INSERT INTO search_pending (kind, id, indexed) SELECT 'region', id, 0 FROM regions;
