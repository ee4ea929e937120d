-- Photos with their captions and the regions that identify people in them, and the people
-- authority: name variants, roles, external identifiers, relationships and merges.

-- A photo. Its file is copied into the archive's media folder under its SHA-256 (`path` is
-- relative to that folder), so one image is stored once however often it is imported.
-- `exif_date` and `exif_camera` are what the file says (often the scanner's date, not the
-- photo's); `date` is the curator's EDTF date of the photo itself.
CREATE TABLE photos (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    sha256        TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    path          TEXT NOT NULL CHECK (path <> ''),
    original_name TEXT NOT NULL DEFAULT '',
    mime_type     TEXT NOT NULL CHECK (mime_type IN ('image/jpeg', 'image/png', 'image/tiff')),
    width         INTEGER NOT NULL CHECK (width > 0),
    height        INTEGER NOT NULL CHECK (height > 0),
    size_bytes    INTEGER NOT NULL CHECK (size_bytes >= 0),
    exif_date     TEXT,           -- "2019-05-04T12:30:00", local time as the camera wrote it
    exif_camera   TEXT,           -- make and model
    date          TEXT,           -- EDTF, validated by the core
    place         TEXT NOT NULL DEFAULT '',
    creator       TEXT NOT NULL DEFAULT '',   -- photographer or credit line
    source        TEXT NOT NULL DEFAULT '',   -- where the print or scan comes from
    rights        TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- A photo has several captions: as published, translated, and the archivist's own.
CREATE TABLE photo_captions (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    photo_id   INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('published', 'translated', 'archivist')),
    language   TEXT NOT NULL DEFAULT '',  -- BCP 47, '' when unknown
    text       TEXT NOT NULL CHECK (trim(text) <> ''),
    position   INTEGER NOT NULL CHECK (position >= 0),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX photo_captions_photo ON photo_captions (photo_id, position);

CREATE TABLE photo_collections (
    photo_id      INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    PRIMARY KEY (photo_id, collection_id)
) WITHOUT ROWID;
CREATE INDEX photo_collections_collection ON photo_collections (collection_id);

CREATE TABLE photo_interviews (
    photo_id     INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
    PRIMARY KEY (photo_id, interview_id)
) WITHOUT ROWID;
CREATE INDEX photo_interviews_interview ON photo_interviews (interview_id);

-- A person identified in a photo, with the rectangle where they are, in the image's own pixels
-- (so it survives thumbnails and exports). The rectangle is NULL until the curator draws it:
-- an identification confirmed from a caption comes before its region is placed. When it came
-- from a caption, `caption_id`, `caption_row` and `caption_position` say which name it is.
CREATE TABLE regions (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    photo_id         INTEGER NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    x                INTEGER CHECK (x >= 0),
    y                INTEGER CHECK (y >= 0),
    width            INTEGER CHECK (width > 0),
    height           INTEGER CHECK (height > 0),
    person_id        INTEGER REFERENCES people (id) ON DELETE SET NULL,
    label            TEXT NOT NULL DEFAULT '',
    caption_id       INTEGER REFERENCES photo_captions (id) ON DELETE SET NULL,
    caption_row      INTEGER CHECK (caption_row >= 0),
    caption_position INTEGER CHECK (caption_position >= 0),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((x IS NULL) = (y IS NULL) AND (x IS NULL) = (width IS NULL) AND (x IS NULL) = (height IS NULL)),
    CHECK ((caption_row IS NULL) = (caption_position IS NULL))
);
CREATE INDEX regions_photo ON regions (photo_id);
CREATE INDEX regions_person ON regions (person_id);
-- One identification per name of a caption.
CREATE UNIQUE INDEX regions_caption_slot ON regions (caption_id, caption_row, caption_position)
    WHERE caption_id IS NOT NULL;

-- The core checks that a rectangle lies inside its image and says so in the curator's words;
-- these triggers keep any other writer from storing one that does not.
CREATE TRIGGER regions_inside_image_insert BEFORE INSERT ON regions
WHEN new.x IS NOT NULL AND EXISTS (SELECT 1 FROM photos p WHERE p.id = new.photo_id
    AND (new.x + new.width > p.width OR new.y + new.height > p.height))
BEGIN
    SELECT RAISE(ABORT, 'a region must lie inside its image');
END;
CREATE TRIGGER regions_inside_image_update BEFORE UPDATE OF x, y, width, height ON regions
WHEN new.x IS NOT NULL AND EXISTS (SELECT 1 FROM photos p WHERE p.id = new.photo_id
    AND (new.x + new.width > p.width OR new.y + new.height > p.height))
BEGIN
    SELECT RAISE(ABORT, 'a region must lie inside its image');
END;

-- The names a person is known by besides the display name: spellings in other scripts and
-- transliteration systems, spellings of a given source, misspellings, the original.
CREATE TABLE person_name_variants (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (trim(name) <> ''),
    script     TEXT NOT NULL CHECK (script IN ('latin', 'cyrillic', 'other')),
    kind       TEXT NOT NULL CHECK (kind IN ('preferred', 'transliteration', 'source_spelling', 'misspelling', 'original')),
    system     TEXT CHECK (system IS NULL OR system IN ('ala_lc', 'bgn_pcgn', 'iso9', 'scholarly', 'german')),
    source     TEXT NOT NULL DEFAULT '',  -- where this spelling is found
    position   INTEGER NOT NULL CHECK (position >= 0),
    created_at TEXT NOT NULL,
    UNIQUE (person_id, name)
);

-- What a person was or did ("Red Army commander", "literary critic"), in order.
CREATE TABLE person_roles (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (trim(role) <> ''),
    position  INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (person_id, role)
) WITHOUT ROWID;

-- Identifiers in other authorities, kept as text and never fetched.
CREATE TABLE person_identifiers (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    scheme    TEXT NOT NULL CHECK (scheme IN ('wikidata', 'viaf', 'other')),
    value     TEXT NOT NULL CHECK (trim(value) <> ''),
    label     TEXT NOT NULL DEFAULT '',  -- for 'other': which authority ("GND", "ISNI")
    PRIMARY KEY (person_id, scheme, value)
) WITHOUT ROWID;

-- One row per relationship, read from both sides through `person_relations`. Symmetric kinds
-- (spouse, sibling, associate) are stored with the smaller key first, so each is stored once.
CREATE TABLE person_relationships (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    person_a   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    person_b   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('parent_of', 'grandparent_of', 'spouse_of', 'sibling_of', 'associate_of')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    CHECK (person_a <> person_b),
    UNIQUE (person_a, person_b, kind)
);
CREATE INDEX person_relationships_b ON person_relationships (person_b);

-- Each relationship as seen by each of its two people: "parent_of" seen from the child is
-- "child_of", "grandparent_of" is "grandchild_of"; the symmetric kinds read the same.
CREATE VIEW person_relations AS
    SELECT id, person_a AS person_id, person_b AS other_id, kind AS relation, note FROM person_relationships
    UNION ALL
    SELECT id, person_b, person_a,
           CASE kind WHEN 'parent_of' THEN 'child_of' WHEN 'grandparent_of' THEN 'grandchild_of' ELSE kind END,
           note
    FROM person_relationships;

-- The ids of people merged into another, so that links to them made outside the archive (an
-- export, a citation) still find the person. The merge itself is in the provenance log.
CREATE TABLE merged_into (
    old_uuid  TEXT PRIMARY KEY CHECK (length(old_uuid) = 36),
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    merged_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX merged_into_person ON merged_into (person_id);

-- Search finds a person by any of their names: the variants join the person's entry in
-- records_fts (defined in 0002). The person triggers of 0002 are replaced to keep them there.
DROP TRIGGER people_fts_insert;
DROP TRIGGER people_fts_update;

CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
    INSERT INTO records_fts (kind, record_uuid, title, body)
    VALUES ('person', new.uuid, new.display_name, new.sort_name || ' ' || new.note);
END;
CREATE TRIGGER people_fts_update AFTER UPDATE OF display_name, sort_name, note ON people BEGIN
    DELETE FROM records_fts WHERE kind = 'person' AND record_uuid = old.uuid;
    INSERT INTO records_fts (kind, record_uuid, title, body)
    VALUES ('person', new.uuid, new.display_name,
            new.sort_name || ' ' || new.note || ' ' ||
            coalesce((SELECT group_concat(v.name, ' ') FROM person_name_variants v WHERE v.person_id = new.id), ''));
END;

CREATE TRIGGER person_name_variants_fts_insert AFTER INSERT ON person_name_variants BEGIN
    DELETE FROM records_fts WHERE kind = 'person' AND record_uuid = (SELECT uuid FROM people WHERE id = new.person_id);
    INSERT INTO records_fts (kind, record_uuid, title, body)
    SELECT 'person', p.uuid, p.display_name,
           p.sort_name || ' ' || p.note || ' ' ||
           coalesce((SELECT group_concat(v.name, ' ') FROM person_name_variants v WHERE v.person_id = p.id), '')
    FROM people p WHERE p.id = new.person_id;
END;
CREATE TRIGGER person_name_variants_fts_update AFTER UPDATE OF name, person_id ON person_name_variants BEGIN
    DELETE FROM records_fts WHERE kind = 'person'
        AND record_uuid IN (SELECT uuid FROM people WHERE id IN (old.person_id, new.person_id));
    INSERT INTO records_fts (kind, record_uuid, title, body)
    SELECT 'person', p.uuid, p.display_name,
           p.sort_name || ' ' || p.note || ' ' ||
           coalesce((SELECT group_concat(v.name, ' ') FROM person_name_variants v WHERE v.person_id = p.id), '')
    FROM people p WHERE p.id IN (old.person_id, new.person_id);
END;
-- When the person goes too (a cascade), people_fts_delete has removed the entry already and
-- the SELECT below finds no person, so nothing is put back.
CREATE TRIGGER person_name_variants_fts_delete AFTER DELETE ON person_name_variants BEGIN
    DELETE FROM records_fts WHERE kind = 'person' AND record_uuid = (SELECT uuid FROM people WHERE id = old.person_id);
    INSERT INTO records_fts (kind, record_uuid, title, body)
    SELECT 'person', p.uuid, p.display_name,
           p.sort_name || ' ' || p.note || ' ' ||
           coalesce((SELECT group_concat(v.name, ' ') FROM person_name_variants v WHERE v.person_id = p.id), '')
    FROM people p WHERE p.id = old.person_id;
END;
