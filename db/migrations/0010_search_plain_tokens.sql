-- The search index's three tables split their text on spaces and ASCII punctuation only
-- (FTS5's `ascii` tokenizer) instead of reading it as Unicode text (`unicode61`).
--
-- Their text was never the user's: search/fold.rs writes it, already split into words, case-
-- and diacritic-folded, stemmed and read as names, one term after another with a space
-- between. Queries are folded by the same code before FTS5 parses them. So the Unicode
-- tokenizer only did again what the folding had done, and it was a fifth of the cost of an
-- import (its category look-ups and diacritic tables on every character); both tokenizers
-- make the same terms of folded text, which holds no ASCII punctuation and no capitals.
--
-- The transcripts' table, which ranks interviews, has no prefix indexes: a prefix query there
-- reads the terms of that prefix, which at one row per transcript is cheap, while keeping
-- two prefixes of every term of every transcript doubled the terms an import writes.
--
-- Every row is indexed again, right after this migration, by the runner.

DROP TABLE segments_fts_terms;
DROP TABLE segments_fts;
DROP TABLE records_fts_terms;
DROP TABLE records_fts;
DROP TABLE transcripts_fts_terms;
DROP TABLE transcripts_fts;

-- rowid = segments.id.
CREATE VIRTUAL TABLE segments_fts USING fts5 (
    exact, stem, name,
    content = '', contentless_delete = 1,
    tokenize = 'ascii', prefix = '2 3'
);
CREATE VIRTUAL TABLE segments_fts_terms USING fts5vocab ('segments_fts', 'instance');

-- rowid = search_records.id.
CREATE VIRTUAL TABLE records_fts USING fts5 (
    exact, stem, name,
    content = '', contentless_delete = 1,
    tokenize = 'ascii', prefix = '2 3'
);
CREATE VIRTUAL TABLE records_fts_terms USING fts5vocab ('records_fts', 'instance');

-- rowid = transcripts.id.
CREATE VIRTUAL TABLE transcripts_fts USING fts5 (
    exact, stem, name,
    content = '', contentless_delete = 1,
    tokenize = 'ascii'
);
CREATE VIRTUAL TABLE transcripts_fts_terms USING fts5vocab ('transcripts_fts', 'instance');

DELETE FROM search_records;
DELETE FROM search_pending;
DELETE FROM search_pending_transcripts;
INSERT INTO search_pending (kind, id, indexed) SELECT 'segment', id, 0 FROM segments;
INSERT INTO search_pending (kind, id, indexed) SELECT 'interview', id, 0 FROM interviews;
INSERT INTO search_pending (kind, id, indexed) SELECT 'person', id, 0 FROM people;
INSERT INTO search_pending (kind, id, indexed) SELECT 'index_point', id, 0 FROM index_points;
INSERT INTO search_pending (kind, id, indexed) SELECT 'caption', id, 0 FROM photo_captions;
INSERT INTO search_pending (kind, id, indexed) SELECT 'region', id, 0 FROM regions;
INSERT INTO search_pending_transcripts (id) SELECT DISTINCT transcript_id FROM segments;
