-- Tags, links, sources and citations, accessions and their documents, release forms and
-- restrictions, saved searches and lists.
--
-- Tags, links, citations, restrictions and list entries can point at any kind of record, or at
-- a span of a transcript, so they name their target by kind and UUID with no foreign key (as the
-- event log does); the core checks that the target exists, and the triggers at the end remove
-- them with the record. A span names its first and last segment by UUID rather than position,
-- so it survives edits to other segments; `target_uuid` is then the transcript's.

-- Which record an event is about when it is not the event's own record: the target of a
-- tagging, link or restriction. It lets a record's history show what was done to it.
ALTER TABLE events ADD COLUMN related_uuid TEXT;
CREATE INDEX events_related ON events (related_uuid, id) WHERE related_uuid IS NOT NULL;

-- A controlled vocabulary: a tree of tags (`broader_id`), each with a preferred label and
-- alternative labels in several languages. `fold` is the label lower-cased without diacritics,
-- for lookup and autocomplete.
CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    label       TEXT NOT NULL CHECK (trim(label) <> ''),
    fold        TEXT NOT NULL UNIQUE CHECK (fold <> ''),
    language    TEXT NOT NULL DEFAULT '',
    scope_note  TEXT NOT NULL DEFAULT '',
    broader_id  INTEGER REFERENCES tags (id) ON DELETE SET NULL,   -- no cycles: checked by the core
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX tags_broader ON tags (broader_id);

CREATE TABLE tag_labels (
    tag_id    INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 0),
    label     TEXT NOT NULL CHECK (trim(label) <> ''),
    fold      TEXT NOT NULL CHECK (fold <> ''),
    language  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tag_id, position)
) WITHOUT ROWID;
CREATE INDEX tag_labels_fold ON tag_labels (fold);

CREATE TABLE taggings (
    id                  INTEGER PRIMARY KEY,
    uuid                TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    tag_id              INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    target_kind         TEXT NOT NULL,
    target_uuid         TEXT NOT NULL,
    first_segment_uuid  TEXT,
    last_segment_uuid   TEXT,
    created_at          TEXT NOT NULL,
    CHECK ((target_kind = 'span') = (first_segment_uuid IS NOT NULL AND last_segment_uuid IS NOT NULL))
);
CREATE UNIQUE INDEX taggings_once ON taggings (tag_id, target_uuid, coalesce(first_segment_uuid, ''), coalesce(last_segment_uuid, ''));
CREATE INDEX taggings_target ON taggings (target_uuid);

-- Typed links between records or spans, read from both ends.
CREATE TABLE links (
    id                      INTEGER PRIMARY KEY,
    uuid                    TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    link_type               TEXT NOT NULL,
    from_kind               TEXT NOT NULL,
    from_uuid               TEXT NOT NULL,
    from_first_segment_uuid TEXT,
    from_last_segment_uuid  TEXT,
    to_kind                 TEXT NOT NULL,
    to_uuid                 TEXT NOT NULL,
    to_first_segment_uuid   TEXT,
    to_last_segment_uuid    TEXT,
    note                    TEXT NOT NULL DEFAULT '',
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
);
CREATE INDEX links_from ON links (from_uuid);
CREATE INDEX links_to ON links (to_uuid);

-- Publications, archival documents and web pages, as text: nothing is fetched.
CREATE TABLE sources (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    source_type      TEXT NOT NULL CHECK (source_type IN ('book', 'article', 'chapter', 'report', 'archival_document', 'web_page', 'other')),
    title            TEXT NOT NULL CHECK (trim(title) <> ''),
    authors          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authors) AND json_type(authors) = 'array'),
    container_title  TEXT NOT NULL DEFAULT '',   -- the periodical, book or site it appeared in
    volume           TEXT NOT NULL DEFAULT '',
    issue            TEXT NOT NULL DEFAULT '',
    pages            TEXT NOT NULL DEFAULT '',   -- its extent within the container
    edition          TEXT NOT NULL DEFAULT '',
    publisher        TEXT NOT NULL DEFAULT '',
    place            TEXT NOT NULL DEFAULT '',
    date             TEXT,                       -- EDTF
    date_text        TEXT NOT NULL DEFAULT '',   -- as printed ("Fall-Winter 1992")
    description      TEXT NOT NULL DEFAULT '',   -- genre or occasion ("Report to the 12th Plenum")
    repository       TEXT NOT NULL DEFAULT '',   -- the archive holding a document
    archive_location TEXT NOT NULL DEFAULT '',   -- fonds, series, file, call number
    url              TEXT NOT NULL DEFAULT '',
    accessed         TEXT,                       -- EDTF, for web pages
    language         TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE citations (
    id                  INTEGER PRIMARY KEY,
    uuid                TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    source_id           INTEGER NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    target_kind         TEXT NOT NULL,
    target_uuid         TEXT NOT NULL,
    first_segment_uuid  TEXT,
    last_segment_uuid   TEXT,
    locator             TEXT NOT NULL DEFAULT '',   -- "p. 68", "pp. 1-2", "f. 17, op. 2"
    quoted_in_id        INTEGER REFERENCES sources (id) ON DELETE RESTRICT,
    quoted_in_locator   TEXT NOT NULL DEFAULT '',
    note                TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX citations_target ON citations (target_uuid);
CREATE INDEX citations_source ON citations (source_id);
CREATE INDEX citations_quoted_in ON citations (quoted_in_id);

-- Files kept with the archive's records, such as deeds of gift and signed release forms,
-- stored in the media folder under their SHA-256 and re-hashed by every audit.
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    kind          TEXT NOT NULL CHECK (kind IN ('deed_of_gift', 'release_form', 'other')),
    path          TEXT NOT NULL CHECK (path <> ''),
    original_name TEXT NOT NULL DEFAULT '',
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    size_bytes    INTEGER NOT NULL CHECK (size_bytes >= 0),
    created_at    TEXT NOT NULL
);

-- How material came into the archive.
CREATE TABLE accessions (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    identifier       TEXT NOT NULL DEFAULT '',   -- the curator's accession number
    donor            TEXT NOT NULL CHECK (trim(donor) <> ''),
    donor_person_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
    received         TEXT,                       -- EDTF
    method           TEXT NOT NULL CHECK (method IN ('gift', 'purchase', 'deposit', 'transfer', 'loan', 'recorded', 'other')),
    deed_id          INTEGER REFERENCES documents (id) ON DELETE SET NULL,
    note             TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE TABLE accession_records (
    accession_id INTEGER NOT NULL REFERENCES accessions (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 0),
    record_kind  TEXT NOT NULL,
    record_uuid  TEXT NOT NULL,
    PRIMARY KEY (accession_id, record_uuid)
) WITHOUT ROWID;
CREATE INDEX accession_records_record ON accession_records (record_uuid);

-- What a narrator (or a person photographed) signed. Signed terms set restrictions that lift
-- by themselves: on a date, or once the narrator's death date is recorded and past.
-- `narrator_uuid` has no foreign key: a form outlives a deleted person and then never lifts.
CREATE TABLE release_forms (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    subject_kind  TEXT NOT NULL CHECK (subject_kind IN ('interview', 'person')),
    subject_uuid  TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('none', 'pending', 'signed', 'declined')),
    signed_on     TEXT,                           -- ISO date
    terms         TEXT NOT NULL CHECK (terms IN ('open', 'closed_until_date', 'closed_until_death',
                      'transcript_closed_audio_open', 'audio_closed_transcript_open')),
    until         TEXT,                           -- ISO date
    narrator_uuid TEXT,
    document_id   INTEGER REFERENCES documents (id) ON DELETE SET NULL,
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (terms <> 'closed_until_date' OR until IS NOT NULL),
    CHECK (terms <> 'closed_until_death' OR narrator_uuid IS NOT NULL)
);
CREATE INDEX release_forms_subject ON release_forms (subject_uuid);

-- Restrictions set by the curator. `restrict` sets an access level; `seal` withholds a span's
-- text (and audio) while keeping its place and times; `redact` replaces a span's text in public
-- output with `replacement`. `until` is the day it lifts (ISO date), or NULL for no end.
CREATE TABLE restrictions (
    id                  INTEGER PRIMARY KEY,
    uuid                TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    target_kind         TEXT NOT NULL,
    target_uuid         TEXT NOT NULL,
    first_segment_uuid  TEXT,
    last_segment_uuid   TEXT,
    action              TEXT NOT NULL CHECK (action IN ('restrict', 'seal', 'redact')),
    level               TEXT NOT NULL CHECK (level IN ('open', 'restricted', 'closed')),
    layer               TEXT NOT NULL CHECK (layer IN ('all', 'text', 'audio')),
    until               TEXT,
    reason              TEXT NOT NULL DEFAULT '',
    replacement         TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK (action <> 'redact' OR (target_kind = 'span' AND replacement IS NOT NULL)),
    CHECK ((target_kind = 'span') = (first_segment_uuid IS NOT NULL AND last_segment_uuid IS NOT NULL))
);
CREATE INDEX restrictions_target ON restrictions (target_uuid);

-- The sidebar: saved searches and hand-made lists.
CREATE TABLE saved_searches (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    name        TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
    query_json  TEXT NOT NULL CHECK (json_valid(query_json)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE lists (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    name        TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE TABLE list_items (
    list_id      INTEGER NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 0),
    record_kind  TEXT NOT NULL,
    record_uuid  TEXT NOT NULL,
    PRIMARY KEY (list_id, position)
) WITHOUT ROWID;
CREATE INDEX list_items_record ON list_items (record_uuid);

-- When a record goes, what pointed at it goes too. (Triggers, because these references have no
-- foreign keys; they also fire for rows removed by a cascade, such as an interview's transcripts.)
CREATE TRIGGER collections_refs_delete AFTER DELETE ON collections BEGIN
    DELETE FROM taggings WHERE target_uuid = old.uuid;
    DELETE FROM links WHERE from_uuid = old.uuid OR to_uuid = old.uuid;
    DELETE FROM citations WHERE target_uuid = old.uuid;
    DELETE FROM restrictions WHERE target_uuid = old.uuid;
    DELETE FROM list_items WHERE record_uuid = old.uuid;
    DELETE FROM accession_records WHERE record_uuid = old.uuid;
END;
CREATE TRIGGER interviews_refs_delete AFTER DELETE ON interviews BEGIN
    DELETE FROM taggings WHERE target_uuid = old.uuid;
    DELETE FROM links WHERE from_uuid = old.uuid OR to_uuid = old.uuid;
    DELETE FROM citations WHERE target_uuid = old.uuid;
    DELETE FROM restrictions WHERE target_uuid = old.uuid;
    DELETE FROM release_forms WHERE subject_uuid = old.uuid;
    DELETE FROM list_items WHERE record_uuid = old.uuid;
    DELETE FROM accession_records WHERE record_uuid = old.uuid;
END;
CREATE TRIGGER people_refs_delete AFTER DELETE ON people BEGIN
    DELETE FROM taggings WHERE target_uuid = old.uuid;
    DELETE FROM links WHERE from_uuid = old.uuid OR to_uuid = old.uuid;
    DELETE FROM citations WHERE target_uuid = old.uuid;
    DELETE FROM restrictions WHERE target_uuid = old.uuid;
    DELETE FROM release_forms WHERE subject_uuid = old.uuid;
    DELETE FROM list_items WHERE record_uuid = old.uuid;
    DELETE FROM accession_records WHERE record_uuid = old.uuid;
END;
CREATE TRIGGER transcripts_refs_delete AFTER DELETE ON transcripts BEGIN
    DELETE FROM taggings WHERE target_uuid = old.uuid;
    DELETE FROM links WHERE from_uuid = old.uuid OR to_uuid = old.uuid;
    DELETE FROM citations WHERE target_uuid = old.uuid;
    DELETE FROM restrictions WHERE target_uuid = old.uuid;
    DELETE FROM list_items WHERE record_uuid = old.uuid;
    DELETE FROM accession_records WHERE record_uuid = old.uuid;
END;
CREATE TRIGGER index_points_refs_delete AFTER DELETE ON index_points BEGIN
    DELETE FROM taggings WHERE target_uuid = old.uuid;
    DELETE FROM links WHERE from_uuid = old.uuid OR to_uuid = old.uuid;
    DELETE FROM citations WHERE target_uuid = old.uuid;
    DELETE FROM restrictions WHERE target_uuid = old.uuid;
    DELETE FROM list_items WHERE record_uuid = old.uuid;
END;
CREATE TRIGGER sources_refs_delete AFTER DELETE ON sources BEGIN
    DELETE FROM taggings WHERE target_uuid = old.uuid;
    DELETE FROM links WHERE from_uuid = old.uuid OR to_uuid = old.uuid;
    DELETE FROM citations WHERE target_uuid = old.uuid;
    DELETE FROM restrictions WHERE target_uuid = old.uuid;
    DELETE FROM list_items WHERE record_uuid = old.uuid;
END;
