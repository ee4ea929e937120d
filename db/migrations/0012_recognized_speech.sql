-- What speech recognition knows beyond a segment's text: when each word was said and how sure
-- the model was of it, and the stretches of a recording the curator should check (what the
-- model wrote that is not speech, speech the typed text lacks, typed segments an alignment
-- could not place). How a transcript was made (engine, model, settings) is in its history.

-- The words of a recognized segment, in order. They describe the segment's text as it was
-- heard: when the curator changes the text, its words no longer say when that text was said,
-- and are dropped (the trigger below).
CREATE TABLE segment_words (
    segment_id  INTEGER NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 0),
    start_ms    INTEGER NOT NULL CHECK (start_ms >= 0),
    end_ms      INTEGER NOT NULL CHECK (end_ms >= start_ms),
    text        TEXT NOT NULL CHECK (text <> ''),
    -- The model's confidence, 0 to 1.
    probability REAL NOT NULL CHECK (probability BETWEEN 0 AND 1),
    PRIMARY KEY (segment_id, position)
) WITHOUT ROWID;

CREATE TRIGGER segment_words_follow_text AFTER UPDATE OF text ON segments
WHEN OLD.text IS NOT NEW.text
BEGIN
    DELETE FROM segment_words WHERE segment_id = NEW.id;
END;

-- Stretches of a transcript's recording to check, as recognition or alignment left them.
CREATE TABLE transcript_checks (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
    transcript_id INTEGER NOT NULL REFERENCES transcripts (id) ON DELETE CASCADE,
    -- 'not_speech': the model wrote something that is not speech (a repetition loop), kept
    --   here and never as a segment;
    -- 'speech_not_in_text': the recording has speech there that no typed segment holds;
    -- 'not_placed': a typed segment the alignment could not find in the recording.
    kind          TEXT NOT NULL CHECK (kind IN ('not_speech', 'speech_not_in_text', 'not_placed')),
    start_ms      INTEGER CHECK (start_ms IS NULL OR start_ms >= 0),
    end_ms        INTEGER CHECK (end_ms IS NULL OR start_ms IS NULL OR end_ms >= start_ms),
    -- The typed segment, for 'not_placed'.
    segment_id    INTEGER REFERENCES segments (id) ON DELETE CASCADE,
    -- What the model wrote or heard there.
    heard         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    CHECK ((kind = 'not_placed') = (segment_id IS NOT NULL))
);
CREATE INDEX transcript_checks_transcript ON transcript_checks (transcript_id, start_ms);
CREATE INDEX transcript_checks_segment ON transcript_checks (segment_id);
