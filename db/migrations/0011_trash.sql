-- The trash. Deleting an interview, a person, a photo or a source moves it there with
-- everything it holds (transcripts and segments, recordings, index points, captions and
-- regions, tags, links, citations, restrictions, list and accession entries...), so that it
-- can be restored whole until the curator purges it.
--
-- A trashed record is taken out of its tables, as a deletion always did, and kept here as
-- data: the rows the deletion removed, in the form of a full package's dump (foreign keys
-- as the UUIDs of the rows they point at), and the references it cleared in rows that stay
-- (a segment's speaker, a region's person). So no read of the archive (lists, search, the
-- public view, exports, the site) can meet a trashed record, and restoring it goes through
-- the same merge by UUID as an import. This table is never exported.
CREATE TABLE trash (
    id          INTEGER PRIMARY KEY,
    -- The trashed record's own id and kind ('interview', 'person', 'photo', 'source').
    uuid        TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    kind        TEXT NOT NULL CHECK (kind IN ('interview', 'person', 'photo', 'source')),
    -- What the trash shows: the title or name it had.
    label       TEXT NOT NULL,
    deleted_at  TEXT NOT NULL,
    agent       TEXT NOT NULL DEFAULT '',
    origin      TEXT NOT NULL CHECK (origin IN ('window', 'cli', 'import', 'sample', 'system')),
    -- The rows removed: [{"table": ..., "rows": [...]}, ...] in an order that satisfies
    -- their foreign keys.
    rows_json   TEXT NOT NULL CHECK (json_valid(rows_json)),
    -- References cleared in rows that stayed: [{"table", "uuid", "column", "points_at"}].
    cleared_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(cleared_json)),
    -- Files of the media folder the trashed rows keep, so that nothing else removes them
    -- while they can still come back.
    paths_json  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(paths_json) AND json_type(paths_json) = 'array')
);
CREATE INDEX trash_deleted_at ON trash (deleted_at);
