-- Whole transcripts in the search index, for ranking interviews (see search/mod.rs). A word
-- as common as "the" is in a third of all passages; ranking every one of them by bm25 grows
-- with the archive (hundreds of ms at 10,000 interviews), while ranking transcripts, each
-- one document of all its passages' terms, stays bounded by the number of transcripts. The
-- best passages are then ranked within the best few transcripts only.
--
-- Each row holds the terms of every segment of one transcript, in order, with a break term
-- between segments so that a phrase never spans two passages. Like `segments_fts`, it is
-- written by Rust (search/index.rs) in the transaction that changed the segments.

-- rowid = transcripts.id.
CREATE VIRTUAL TABLE transcripts_fts USING fts5 (
    exact, stem, name,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE VIRTUAL TABLE transcripts_fts_terms USING fts5vocab ('transcripts_fts', 'instance');

-- Transcripts whose row is to be written (again), or removed when they have no segments.
CREATE TABLE search_pending_transcripts (id INTEGER PRIMARY KEY);

CREATE TRIGGER transcripts_search_segment_insert AFTER INSERT ON segments BEGIN
    INSERT OR IGNORE INTO search_pending_transcripts (id) VALUES (new.transcript_id);
END;
CREATE TRIGGER transcripts_search_segment_update AFTER UPDATE OF text, speaker_label, transcript_id ON segments BEGIN
    INSERT OR IGNORE INTO search_pending_transcripts (id) VALUES (new.transcript_id);
    INSERT OR IGNORE INTO search_pending_transcripts (id) VALUES (old.transcript_id);
END;
CREATE TRIGGER transcripts_search_segment_delete AFTER DELETE ON segments BEGIN
    INSERT OR IGNORE INTO search_pending_transcripts (id) VALUES (old.transcript_id);
END;
CREATE TRIGGER transcripts_search_whole_language AFTER UPDATE OF language ON transcripts BEGIN
    INSERT OR IGNORE INTO search_pending_transcripts (id) VALUES (new.id);
END;

-- Every row is indexed again, right after this migration, by the runner: besides the new
-- table, names are read in more ways than 0007 read them (scholarly x for х, German x for кс,
-- and German's open letters each way; see search/fold.rs).
INSERT INTO segments_fts (segments_fts) VALUES ('delete-all');
INSERT INTO records_fts (records_fts) VALUES ('delete-all');
DELETE FROM search_records;
DELETE FROM search_pending;
INSERT INTO search_pending (kind, id, indexed) SELECT 'segment', id, 0 FROM segments;
INSERT INTO search_pending (kind, id, indexed) SELECT 'interview', id, 0 FROM interviews;
INSERT INTO search_pending (kind, id, indexed) SELECT 'person', id, 0 FROM people;
INSERT INTO search_pending (kind, id, indexed) SELECT 'index_point', id, 0 FROM index_points;
INSERT INTO search_pending (kind, id, indexed) SELECT 'caption', id, 0 FROM photo_captions;
INSERT INTO search_pending (kind, id, indexed) SELECT 'region', id, 0 FROM regions;
INSERT INTO search_pending_transcripts (id) SELECT DISTINCT transcript_id FROM segments;
