-- Packages from elsewhere are hostile until verified.
--
-- Events that came in with a package keep what they say (type, record, time, agent, origin,
-- before and after) and say where they came from: the package's identifier and the day it was
-- imported, so they never read as changes made here. Local events leave both NULL.
ALTER TABLE events ADD COLUMN package TEXT CHECK (package IS NULL OR trim(package) <> '');
ALTER TABLE events ADD COLUMN imported_on TEXT
    CHECK ((imported_on IS NULL) = (package IS NULL)
           AND (imported_on IS NULL OR imported_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'));
CREATE INDEX events_package ON events (package) WHERE package IS NOT NULL;

-- Languages become parts of file names in packages, and links are followed by readers of a
-- published site: the core checks both in full (BCP 47 tags; http, https and mailto links);
-- these triggers are the floor under every way a row can arrive, a package's dump included.
-- A tag has letters, digits and hyphens only; a link starts with its allowed scheme and has no
-- spaces or control characters.
CREATE TRIGGER transcripts_language_is_a_tag_insert BEFORE INSERT ON transcripts
WHEN new.language GLOB '*[^A-Za-z0-9-]*' OR length(new.language) > 64
BEGIN
    SELECT RAISE(ABORT, 'a transcript language must be a language tag such as ru or en-GB');
END;
CREATE TRIGGER transcripts_language_is_a_tag_update BEFORE UPDATE OF language ON transcripts
WHEN new.language GLOB '*[^A-Za-z0-9-]*' OR length(new.language) > 64
BEGIN
    SELECT RAISE(ABORT, 'a transcript language must be a language tag such as ru or en-GB');
END;
CREATE TRIGGER photo_captions_language_is_a_tag_insert BEFORE INSERT ON photo_captions
WHEN new.language GLOB '*[^A-Za-z0-9-]*' OR length(new.language) > 64
BEGIN
    SELECT RAISE(ABORT, 'a caption language must be a language tag such as ru or en-GB');
END;
CREATE TRIGGER photo_captions_language_is_a_tag_update BEFORE UPDATE OF language ON photo_captions
WHEN new.language GLOB '*[^A-Za-z0-9-]*' OR length(new.language) > 64
BEGIN
    SELECT RAISE(ABORT, 'a caption language must be a language tag such as ru or en-GB');
END;
CREATE TRIGGER interviews_languages_are_tags_insert BEFORE INSERT ON interviews
WHEN EXISTS (SELECT 1 FROM json_each(new.languages)
             WHERE type <> 'text' OR value GLOB '*[^A-Za-z0-9-]*' OR value = '' OR length(value) > 64)
BEGIN
    SELECT RAISE(ABORT, 'interview languages must be language tags such as ru or en-GB');
END;
CREATE TRIGGER interviews_languages_are_tags_update BEFORE UPDATE OF languages ON interviews
WHEN EXISTS (SELECT 1 FROM json_each(new.languages)
             WHERE type <> 'text' OR value GLOB '*[^A-Za-z0-9-]*' OR value = '' OR length(value) > 64)
BEGIN
    SELECT RAISE(ABORT, 'interview languages must be language tags such as ru or en-GB');
END;
CREATE TRIGGER index_points_links_are_safe_insert BEFORE INSERT ON index_points
WHEN json_type(new.hyperlinks) <> 'array'
  OR EXISTS (SELECT 1 FROM json_each(new.hyperlinks)
             WHERE type <> 'text'
                OR NOT (lower(value) GLOB 'http://?*' OR lower(value) GLOB 'https://?*' OR lower(value) GLOB 'mailto:?*')
                OR value GLOB '*[ ' || char(9, 10, 11, 12, 13) || ']*'
                OR value GLOB '*[' || char(1) || '-' || char(31) || char(127) || ']*')
BEGIN
    SELECT RAISE(ABORT, 'index point links must be http, https or mailto links');
END;
CREATE TRIGGER index_points_links_are_safe_update BEFORE UPDATE OF hyperlinks ON index_points
WHEN json_type(new.hyperlinks) <> 'array'
  OR EXISTS (SELECT 1 FROM json_each(new.hyperlinks)
             WHERE type <> 'text'
                OR NOT (lower(value) GLOB 'http://?*' OR lower(value) GLOB 'https://?*' OR lower(value) GLOB 'mailto:?*')
                OR value GLOB '*[ ' || char(9, 10, 11, 12, 13) || ']*'
                OR value GLOB '*[' || char(1) || '-' || char(31) || char(127) || ']*')
BEGIN
    SELECT RAISE(ABORT, 'index point links must be http, https or mailto links');
END;
