-- Recordings, time-coded transcripts with revisions, OHMS-style index points, and full-text
-- search over them and over interviews and people.

-- A recording of an interview: one of possibly several tapes or parts, in order. Managed files
-- are copied into the archive's media folder under their SHA-256; referenced files stay where
-- they are (large video on an external disk). `path` is relative to the archive's folder when
-- it can be, so an archive folder can move to another disk and still open.
CREATE TABLE media (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 0),
    tape_label   TEXT NOT NULL DEFAULT '',   -- the source tape's identifier
    kind         TEXT NOT NULL CHECK (kind IN ('audio', 'video')),
    storage      TEXT NOT NULL CHECK (storage IN ('managed', 'referenced')),
    path         TEXT NOT NULL CHECK (path <> ''),
    original_name TEXT NOT NULL DEFAULT '',
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    size_bytes   INTEGER NOT NULL CHECK (size_bytes >= 0),
    mime_type    TEXT NOT NULL,
    duration_ms  INTEGER CHECK (duration_ms IS NULL OR duration_ms >= 0),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX media_interview ON media (interview_id, position);

CREATE TABLE transcripts (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    interview_id  INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    language      TEXT NOT NULL DEFAULT '',  -- BCP 47 ("ru", "en"), '' when unknown
    label         TEXT NOT NULL DEFAULT '',  -- "Russian original", "English translation"
    source_format TEXT NOT NULL DEFAULT '',  -- vtt, srt, text, ohms, or '' when typed in
    source_name   TEXT NOT NULL DEFAULT '',  -- the imported file's name
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX transcripts_interview ON transcripts (interview_id);

-- Times are NULL until a transcript without a recording is synced.
CREATE TABLE segments (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    transcript_id INTEGER NOT NULL REFERENCES transcripts (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 0),
    start_ms      INTEGER CHECK (start_ms IS NULL OR start_ms >= 0),
    end_ms        INTEGER CHECK (end_ms IS NULL OR start_ms IS NULL OR end_ms >= start_ms),
    speaker_id    INTEGER REFERENCES people (id) ON DELETE SET NULL,
    speaker_label TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL
);
CREATE UNIQUE INDEX segments_order ON segments (transcript_id, position);

-- Named snapshots of a transcript ("as transcribed", "narrator-reviewed"): the segments as JSON.
CREATE TABLE transcript_revisions (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    transcript_id INTEGER NOT NULL REFERENCES transcripts (id) ON DELETE CASCADE,
    name          TEXT NOT NULL CHECK (trim(name) <> ''),
    segments_json TEXT NOT NULL CHECK (json_valid(segments_json)),
    created_at    TEXT NOT NULL
);
CREATE INDEX transcript_revisions_transcript ON transcript_revisions (transcript_id, id);

-- OHMS-style index: at a time, a title, partial transcript, synopsis, keywords, subjects, a
-- GPS point and hyperlinks.
CREATE TABLE index_points (
    id                 INTEGER PRIMARY KEY,
    uuid               TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    interview_id       INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    time_ms            INTEGER NOT NULL CHECK (time_ms >= 0),
    title              TEXT NOT NULL DEFAULT '',
    partial_transcript TEXT NOT NULL DEFAULT '',
    synopsis           TEXT NOT NULL DEFAULT '',
    keywords           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords)),
    subjects           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(subjects)),
    gps_lat            REAL CHECK (gps_lat IS NULL OR gps_lat BETWEEN -90 AND 90),
    gps_lon            REAL CHECK (gps_lon IS NULL OR gps_lon BETWEEN -180 AND 180),
    hyperlinks         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(hyperlinks)),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX index_points_interview ON index_points (interview_id, time_ms);

-- Full-text search. Case and diacritics are folded (unicode61, remove_diacritics 2) for every
-- script, Cyrillic included; prefix indexes make "Троц*" and "Serebr*" fast.
-- Segments are the bulk of the text, so their index is external-content: the text is stored
-- once, in `segments`, and triggers keep the index in step.
CREATE VIRTUAL TABLE segments_fts USING fts5 (
    text, speaker_label,
    content = 'segments', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER segments_fts_insert AFTER INSERT ON segments BEGIN
    INSERT INTO segments_fts (rowid, text, speaker_label) VALUES (new.id, new.text, new.speaker_label);
END;
CREATE TRIGGER segments_fts_delete AFTER DELETE ON segments BEGIN
    INSERT INTO segments_fts (segments_fts, rowid, text, speaker_label) VALUES ('delete', old.id, old.text, old.speaker_label);
END;
CREATE TRIGGER segments_fts_update AFTER UPDATE OF text, speaker_label ON segments BEGIN
    INSERT INTO segments_fts (segments_fts, rowid, text, speaker_label) VALUES ('delete', old.id, old.text, old.speaker_label);
    INSERT INTO segments_fts (rowid, text, speaker_label) VALUES (new.id, new.text, new.speaker_label);
END;

-- The smaller records share one index: interviews (title, place, summary), people (names and
-- note) and index points. `kind` and `record_uuid` say what a hit is.
CREATE VIRTUAL TABLE records_fts USING fts5 (
    kind UNINDEXED, record_uuid UNINDEXED, title, body,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);

CREATE TRIGGER interviews_fts_insert AFTER INSERT ON interviews BEGIN
    INSERT INTO records_fts (kind, record_uuid, title, body)
    VALUES ('interview', new.uuid, new.title, new.place || ' ' || new.summary);
END;
CREATE TRIGGER interviews_fts_update AFTER UPDATE OF title, place, summary ON interviews BEGIN
    DELETE FROM records_fts WHERE kind = 'interview' AND record_uuid = old.uuid;
    INSERT INTO records_fts (kind, record_uuid, title, body)
    VALUES ('interview', new.uuid, new.title, new.place || ' ' || new.summary);
END;
CREATE TRIGGER interviews_fts_delete AFTER DELETE ON interviews BEGIN
    DELETE FROM records_fts WHERE kind = 'interview' AND record_uuid = old.uuid;
END;

CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
    INSERT INTO records_fts (kind, record_uuid, title, body)
    VALUES ('person', new.uuid, new.display_name, new.sort_name || ' ' || new.note);
END;
CREATE TRIGGER people_fts_update AFTER UPDATE OF display_name, sort_name, note ON people BEGIN
    DELETE FROM records_fts WHERE kind = 'person' AND record_uuid = old.uuid;
    INSERT INTO records_fts (kind, record_uuid, title, body)
    VALUES ('person', new.uuid, new.display_name, new.sort_name || ' ' || new.note);
END;
CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
    DELETE FROM records_fts WHERE kind = 'person' AND record_uuid = old.uuid;
END;

CREATE TRIGGER index_points_fts_insert AFTER INSERT ON index_points BEGIN
    INSERT INTO records_fts (kind, record_uuid, title, body)
    VALUES ('index_point', new.uuid, new.title,
            new.partial_transcript || ' ' || new.synopsis || ' ' ||
            coalesce((SELECT group_concat(value, ' ') FROM json_each(new.keywords)), '') || ' ' ||
            coalesce((SELECT group_concat(value, ' ') FROM json_each(new.subjects)), ''));
END;
CREATE TRIGGER index_points_fts_update AFTER UPDATE ON index_points BEGIN
    DELETE FROM records_fts WHERE kind = 'index_point' AND record_uuid = old.uuid;
    INSERT INTO records_fts (kind, record_uuid, title, body)
    VALUES ('index_point', new.uuid, new.title,
            new.partial_transcript || ' ' || new.synopsis || ' ' ||
            coalesce((SELECT group_concat(value, ' ') FROM json_each(new.keywords)), '') || ' ' ||
            coalesce((SELECT group_concat(value, ' ') FROM json_each(new.subjects)), ''));
END;
CREATE TRIGGER index_points_fts_delete AFTER DELETE ON index_points BEGIN
    DELETE FROM records_fts WHERE kind = 'index_point' AND record_uuid = old.uuid;
END;

-- Interviews and people that existed before this migration.
INSERT INTO records_fts (kind, record_uuid, title, body)
    SELECT 'interview', uuid, title, place || ' ' || summary FROM interviews;
INSERT INTO records_fts (kind, record_uuid, title, body)
    SELECT 'person', uuid, display_name, sort_name || ' ' || note FROM people;

-- How many segments each indexed term occurs in: lets search see a very common word coming
-- before asking FTS5 to rank every segment that holds it.
CREATE VIRTUAL TABLE segments_vocab USING fts5vocab ('segments_fts', 'row');
