-- The first slice of the archive: collections, people, interviews and who took part in them,
-- plus the append-only event log that every write adds to.
-- Each record has an integer key for joins and a UUIDv7 (`uuid`) that is its identity outside
-- this file: in exports, in the UI, and when archives from two laptops are merged.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE collections (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    title       TEXT NOT NULL CHECK (trim(title) <> ''),
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE people (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    display_name TEXT NOT NULL CHECK (trim(display_name) <> ''),
    sort_name    TEXT NOT NULL CHECK (trim(sort_name) <> ''),
    birth_date   TEXT,            -- EDTF, validated by the core
    death_date   TEXT,            -- EDTF
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX people_sort_name ON people (sort_name COLLATE NOCASE);

CREATE TABLE interviews (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    collection_id INTEGER REFERENCES collections (id) ON DELETE SET NULL,
    title         TEXT NOT NULL CHECK (trim(title) <> ''),
    date          TEXT,           -- EDTF, validated by the core
    place         TEXT NOT NULL DEFAULT '',
    languages     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(languages) AND json_type(languages) = 'array'),
    summary       TEXT NOT NULL DEFAULT '',
    duration_ms   INTEGER CHECK (duration_ms IS NULL OR duration_ms >= 0),
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'curated', 'published')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX interviews_collection ON interviews (collection_id);

-- Narrators and interviewers, in the order the curator gave them.
CREATE TABLE interview_people (
    interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    role         TEXT NOT NULL CHECK (role IN ('narrator', 'interviewer')),
    position     INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (interview_id, role, person_id)
) WITHOUT ROWID;
CREATE INDEX interview_people_person ON interview_people (person_id);

-- The provenance log. It names records by UUID and has no foreign keys on purpose: the log
-- outlives the records it describes. Rows are never changed or removed.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    at          TEXT NOT NULL,
    event_type  TEXT NOT NULL CHECK (event_type IN (
                    'creation', 'ingestion', 'modification', 'deletion', 'merge',
                    'restriction', 'fixity_check', 'export')),
    record_kind TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('window', 'cli', 'import', 'sample', 'system')),
    agent       TEXT NOT NULL DEFAULT '',
    before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
    after_json  TEXT CHECK (after_json IS NULL OR json_valid(after_json)),
    note        TEXT
);
CREATE INDEX events_record ON events (record_uuid, id);

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'the provenance log is append-only');
END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'the provenance log is append-only');
END;
