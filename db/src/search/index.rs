//! Keeping the search index in step with the rows.
//!
//! The index is derived: folded and stemmed terms ([`super::fold`]) in three contentless FTS5
//! tables, `segments_fts` (rowid = segment id), `transcripts_fts` (rowid = transcript id: the
//! terms of all its segments, for ranking interviews) and `records_fts` (rowid =
//! `search_records.id`, one per interview, person, index point, caption and region). The folding is Rust, so SQL
//! triggers cannot write the terms; instead they note each changed row in `search_pending`,
//! and [`apply_pending`] indexes those rows in the same transaction, just before it commits
//! (every write goes through `Archive::write`, which calls it). Rows and index therefore
//! commit together or not at all: a crash or an abort rolls back both, and a row written by
//! another program stays noted until the next write indexes it.
//!
//! Filling the index once per transaction, with plain top-level inserts, is also what keeps
//! imports fast: FTS5 flushes its pending terms to disk at every savepoint, and an insert
//! made by a trigger runs in one, so the trigger-fed index of old flushed once per row.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::fold::{index_text, IndexedText, Reading};
use crate::{error::Result, jobs::JobContext};

/// The migration that made this index (0007); later ones may note rows for it too.
pub(crate) const FIRST_MIGRATION: i64 = 7;

/// Rows of the pending list indexed per progress report and cancellation check.
const BATCH: usize = 2_000;

/// Segments whose terms are kept, as they are indexed, for their transcript's row: folding
/// them again costs as much as the first time. Past this many (a whole archive reindexed),
/// the rest are folded again rather than held in memory (about 1 kB each).
const KEPT_FOR_TRANSCRIPTS: usize = 200_000;

fn insert_terms(conn: &Connection, table: &str, rowid: i64, t: &IndexedText) -> Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO {table} (rowid, exact, stem, name) VALUES (?1, ?2, ?3, ?4)"
    ))?
    .execute(params![rowid, t.exact, t.stem, t.name])?;
    Ok(())
}

/// The terms of a segment: its text, and its speaker's label read as a name.
pub(crate) fn segment_terms(text: &str, speaker_label: &str, language: &str) -> IndexedText {
    let mut terms = index_text(text, language, Reading::Prose);
    let speaker = index_text(speaker_label, language, Reading::Names);
    if !speaker.name.is_empty() {
        if !terms.name.is_empty() {
            terms.name.push(' ');
        }
        terms.name.push_str(&speaker.name);
    }
    terms
}

/// A record's searchable text: what is shown (title, body) and how it is indexed.
pub(crate) struct RecordText {
    pub title: String,
    pub body: String,
    pub language: String,
    pub reading: Reading,
}

impl RecordText {
    pub fn terms(&self) -> IndexedText {
        let mut t = index_text(&self.title, &self.language, self.reading);
        t.add(&self.body, &self.language, self.reading);
        t
    }
}

/// The text of a record of `kind` with key `id`, or `None` when it no longer exists.
pub(crate) fn record_text(conn: &Connection, kind: &str, id: i64) -> Result<Option<RecordText>> {
    let prose = |title: String, body: String, language: String| RecordText {
        title,
        body,
        language,
        reading: Reading::Prose,
    };
    let text = match kind {
        "interview" => conn
            .query_row(
                "SELECT title, trim(place || ' ' || summary),
                        coalesce((SELECT value FROM json_each(languages) LIMIT 1), '')
                 FROM interviews WHERE id = ?1",
                [id],
                |r| Ok(prose(r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?,
        "person" => conn
            .query_row(
                "SELECT display_name,
                        trim(sort_name || ' ' || coalesce((SELECT group_concat(name, ' ') FROM person_name_variants WHERE person_id = p.id), '')),
                        note
                 FROM people p WHERE id = ?1",
                [id],
                |r| {
                    let note: String = r.get(2)?;
                    let mut body: String = r.get(1)?;
                    if !note.is_empty() {
                        body.push_str(" \n");
                        body.push_str(&note);
                    }
                    Ok(RecordText {
                        title: r.get(0)?,
                        body,
                        language: String::new(),
                        reading: Reading::Names,
                    })
                },
            )
            .optional()?,
        "index_point" => conn
            .query_row(
                "SELECT ip.title, ip.partial_transcript || ' \n' || ip.synopsis || ' \n' ||
                        coalesce((SELECT group_concat(value, ', ') FROM json_each(ip.keywords)), '') || ' \n' ||
                        coalesce((SELECT group_concat(value, ', ') FROM json_each(ip.subjects)), ''),
                        coalesce((SELECT value FROM json_each(i.languages) LIMIT 1), '')
                 FROM index_points ip JOIN interviews i ON i.id = ip.interview_id WHERE ip.id = ?1",
                [id],
                |r| Ok(prose(r.get(0)?, r.get::<_, String>(1)?.trim().to_owned(), r.get(2)?)),
            )
            .optional()?,
        "caption" => conn
            .query_row(
                "SELECT '', text, language FROM photo_captions WHERE id = ?1",
                [id],
                |r| Ok(prose(r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?,
        "region" => conn
            .query_row("SELECT label FROM regions WHERE id = ?1", [id], |r| {
                Ok(RecordText {
                    title: r.get(0)?,
                    body: String::new(),
                    language: String::new(),
                    reading: Reading::Names,
                })
            })
            .optional()?,
        _ => None,
    };
    Ok(text)
}

/// Indexes every row noted in `search_pending` and empties it. Called by `Archive::write`
/// before each commit, by the migration that made the index, and by [`super::rebuild_index`].
pub(crate) fn apply_pending(conn: &Connection, ctx: Option<&JobContext>) -> Result<()> {
    let any: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM search_pending)")?
        .query_row([], |r| r.get(0))?;
    let transcripts = has_transcript_rows(conn)?;
    let any_transcript = transcripts
        && conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM search_pending_transcripts)")?
            .query_row([], |r| r.get(0))?;
    if !any && !any_transcript {
        return Ok(());
    }
    // Each segment's terms, kept for its transcript's row below.
    let mut folded: HashMap<i64, IndexedText> = HashMap::new();
    // Segments: the old terms of changed and deleted rows go first.
    conn.execute(
        "DELETE FROM segments_fts WHERE rowid IN (SELECT id FROM search_pending WHERE kind = 'segment' AND indexed)",
        [],
    )?;
    let total: i64 = conn.query_row(
        "SELECT count(*) FROM search_pending WHERE kind = 'segment'",
        [],
        |r| r.get(0),
    )?;
    {
        let mut stmt = conn.prepare_cached(
            "SELECT s.id, s.text, s.speaker_label, t.language FROM search_pending p
             JOIN segments s ON s.id = p.id JOIN transcripts t ON t.id = s.transcript_id
             WHERE p.kind = 'segment' ORDER BY p.id",
        )?;
        let mut rows = stmt.query([])?;
        let mut done = 0i64;
        while let Some(r) = rows.next()? {
            let (id, text, speaker, language): (i64, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let terms = segment_terms(&text, &speaker, &language);
            insert_terms(conn, "segments_fts", id, &terms)?;
            if folded.len() < KEPT_FOR_TRANSCRIPTS {
                folded.insert(id, terms);
            }
            done += 1;
            if let Some(ctx) = ctx {
                if done % BATCH as i64 == 0 {
                    ctx.step("indexing passages", done as u32, Some(total as u32))?;
                }
            }
        }
    }
    // Records: one row of search_records each, kept while the record exists.
    let records: Vec<(String, i64)> = conn
        .prepare_cached("SELECT kind, id FROM search_pending WHERE kind <> 'segment'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (kind, id) in records {
        let entry: Option<i64> = conn
            .prepare_cached("SELECT id FROM search_records WHERE kind = ?1 AND record_id = ?2")?
            .query_row(params![kind, id], |r| r.get(0))
            .optional()?;
        if let Some(entry) = entry {
            conn.prepare_cached("DELETE FROM records_fts WHERE rowid = ?1")?
                .execute([entry])?;
        }
        match (record_text(conn, &kind, id)?, entry) {
            (Some(text), entry) => {
                let entry = match entry {
                    Some(e) => e,
                    None => {
                        conn.prepare_cached(
                            "INSERT INTO search_records (kind, record_id) VALUES (?1, ?2)",
                        )?
                        .execute(params![kind, id])?;
                        conn.last_insert_rowid()
                    }
                };
                insert_terms(conn, "records_fts", entry, &text.terms())?;
            }
            (None, Some(entry)) => {
                conn.prepare_cached("DELETE FROM search_records WHERE id = ?1")?
                    .execute([entry])?;
            }
            (None, None) => {}
        }
    }
    conn.execute("DELETE FROM search_pending", [])?;
    if any_transcript {
        index_pending_transcripts(conn, ctx, &mut folded)?;
    }
    Ok(())
}

/// Whether the archive has the whole-transcript rows of migration 0009 yet: the runner
/// indexes after every migration from 0007 on.
fn has_transcript_rows(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'search_pending_transcripts')",
        )?
        .query_row([], |r| r.get(0))?)
}

/// The term written between two segments' terms in a transcript's row, so that a phrase
/// never spans two passages. A word no text is expected to hold: digits around letters.
pub(crate) const SEGMENT_BREAK: &str = "0segmentbreak0";

/// The terms of a whole transcript: its segments' terms in order, with a break between two.
/// Terms already folded for a segment are taken from `folded`.
pub(crate) fn transcript_terms(
    conn: &Connection,
    transcript: i64,
    language: &str,
    folded: &mut HashMap<i64, IndexedText>,
) -> Result<IndexedText> {
    let mut doc = IndexedText::default();
    let mut stmt = conn.prepare_cached(
        "SELECT id, text, speaker_label FROM segments WHERE transcript_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query([transcript])?;
    let mut first = true;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let terms = match folded.remove(&id) {
            Some(terms) => terms,
            None => segment_terms(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?, language),
        };
        for (column, part) in [
            (&mut doc.exact, &terms.exact),
            (&mut doc.stem, &terms.stem),
            (&mut doc.name, &terms.name),
        ] {
            if !first {
                column.push(' ');
                column.push_str(SEGMENT_BREAK);
            }
            if !part.is_empty() {
                if !column.is_empty() {
                    column.push(' ');
                }
                column.push_str(part);
            }
        }
        first = false;
    }
    Ok(doc)
}

/// Writes again the row of each transcript noted in `search_pending_transcripts` (or removes
/// it, when the transcript has no segments left) and empties the list. A transcript's words
/// were folded moments ago for its segments, so the word cache makes this pass cheap.
fn index_pending_transcripts(
    conn: &Connection,
    ctx: Option<&JobContext>,
    folded: &mut HashMap<i64, IndexedText>,
) -> Result<()> {
    let pending: Vec<(i64, Option<String>)> = conn
        .prepare_cached(
            "SELECT p.id, t.language FROM search_pending_transcripts p
             LEFT JOIN transcripts t ON t.id = p.id ORDER BY p.id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let total = pending.len();
    for (done, (id, language)) in pending.into_iter().enumerate() {
        // The docsize table says whether the row exists: deleting a row FTS5 does not hold
        // would write a tombstone for nothing.
        let indexed: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM transcripts_fts_docsize WHERE id = ?1)")?
            .query_row([id], |r| r.get(0))?;
        if indexed {
            conn.prepare_cached("DELETE FROM transcripts_fts WHERE rowid = ?1")?
                .execute([id])?;
        }
        if let Some(language) = language {
            let doc = transcript_terms(conn, id, &language, folded)?;
            if !doc.exact.is_empty() {
                insert_terms(conn, "transcripts_fts", id, &doc)?;
            }
        }
        if let Some(ctx) = ctx {
            if (done + 1) % 100 == 0 {
                ctx.step(
                    "indexing transcripts",
                    (done + 1) as u32,
                    Some(total as u32),
                )?;
            }
        }
    }
    conn.execute("DELETE FROM search_pending_transcripts", [])?;
    Ok(())
}

/// Notes every searchable row as pending, with no index entry.
const EVERYTHING_PENDING: &str = "
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) SELECT 'segment', id, 0 FROM segments;
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) SELECT 'interview', id, 0 FROM interviews;
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) SELECT 'person', id, 0 FROM people;
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) SELECT 'index_point', id, 0 FROM index_points;
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) SELECT 'caption', id, 0 FROM photo_captions;
    INSERT OR IGNORE INTO search_pending (kind, id, indexed) SELECT 'region', id, 0 FROM regions;";

/// Empties the index and indexes every row again, in the caller's transaction.
pub(crate) fn rebuild_in(conn: &Connection, ctx: Option<&JobContext>) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM search_pending;
         INSERT INTO segments_fts (segments_fts) VALUES ('delete-all');
         INSERT INTO records_fts (records_fts) VALUES ('delete-all');
         DELETE FROM search_records;",
    )?;
    conn.execute_batch(EVERYTHING_PENDING)?;
    let transcripts = has_transcript_rows(conn)?;
    if transcripts {
        conn.execute_batch(
            "DELETE FROM search_pending_transcripts;
             INSERT INTO transcripts_fts (transcripts_fts) VALUES ('delete-all');
             INSERT INTO search_pending_transcripts (id) SELECT DISTINCT transcript_id FROM segments;",
        )?;
    }
    apply_pending(conn, ctx)?;
    conn.execute_batch(
        "INSERT INTO segments_fts (segments_fts) VALUES ('optimize');
         INSERT INTO records_fts (records_fts) VALUES ('optimize');",
    )?;
    if transcripts {
        conn.execute(
            "INSERT INTO transcripts_fts (transcripts_fts) VALUES ('optimize')",
            [],
        )?;
    }
    Ok(())
}

/// Where the index disagrees with the rows: each segment or record whose index terms are not
/// exactly those its text gives now, or which is indexed but gone. Empty when they agree.
/// Reads every term of the index, so it is for tests and `recollect reindex --check`.
pub fn disagreements(conn: &Connection) -> Result<Vec<String>> {
    use std::collections::BTreeMap;
    type Terms = BTreeMap<(i64, i64), Vec<String>>;
    let read = |vocab: &str| -> Result<Terms> {
        let mut terms: Terms = BTreeMap::new();
        let mut stmt = conn.prepare(&format!(
            "SELECT doc, col, term FROM {vocab} ORDER BY doc, col, offset"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let col = match r.get::<_, String>(1)?.as_str() {
                "exact" => 0,
                "stem" => 1,
                _ => 2,
            };
            terms.entry((r.get(0)?, col)).or_default().push(r.get(2)?);
        }
        Ok(terms)
    };
    let expected = |terms: &mut Terms, rowid: i64, t: &IndexedText| {
        for (col, text) in [(0, &t.exact), (1, &t.stem), (2, &t.name)] {
            // The index holds the terms exactly as they were written, one per space: its
            // tokenizer (`ascii`, migration 0010) splits folded text nowhere else and changes
            // none of it, which this comparison checks too.
            let words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
            if !words.is_empty() {
                terms.insert((rowid, col), words);
            }
        }
    };
    let mut problems = Vec::new();
    let compare = |problems: &mut Vec<String>, what: &str, actual: Terms, wanted: Terms| {
        let keys: std::collections::BTreeSet<_> = actual.keys().chain(wanted.keys()).collect();
        for key in keys {
            let (a, w) = (actual.get(key), wanted.get(key));
            if a.map(|v| {
                let mut v = v.clone();
                v.sort();
                v
            }) != w.map(|v| {
                let mut v = v.clone();
                v.sort();
                v
            }) {
                problems.push(format!(
                    "{what} {} column {}: index has {:?}, the row gives {:?}",
                    key.0, key.1, a, w
                ));
            }
        }
    };

    let mut wanted: Terms = BTreeMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT s.id, s.text, s.speaker_label, t.language FROM segments s JOIN transcripts t ON t.id = s.transcript_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, text, speaker, language): (i64, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            expected(&mut wanted, id, &segment_terms(&text, &speaker, &language));
        }
    }
    compare(
        &mut problems,
        "segment",
        read("segments_fts_terms")?,
        wanted,
    );

    let mut wanted: Terms = BTreeMap::new();
    let entries: Vec<(i64, String, i64)> = conn
        .prepare("SELECT id, kind, record_id FROM search_records")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (entry, kind, id) in &entries {
        match record_text(conn, kind, *id)? {
            Some(text) => expected(&mut wanted, *entry, &text.terms()),
            None => problems.push(format!("{kind} {id} is indexed but no longer exists")),
        }
    }
    compare(&mut problems, "record", read("records_fts_terms")?, wanted);
    if has_transcript_rows(conn)? {
        let mut wanted: Terms = BTreeMap::new();
        let transcripts: Vec<(i64, String)> = conn
            .prepare("SELECT id, language FROM transcripts WHERE EXISTS (SELECT 1 FROM segments WHERE transcript_id = transcripts.id)")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, language) in transcripts {
            expected(
                &mut wanted,
                id,
                &transcript_terms(conn, id, &language, &mut HashMap::new())?,
            );
        }
        compare(
            &mut problems,
            "transcript",
            read("transcripts_fts_terms")?,
            wanted,
        );
        let waiting: i64 =
            conn.query_row("SELECT count(*) FROM search_pending_transcripts", [], |r| {
                r.get(0)
            })?;
        if waiting > 0 {
            problems.push(format!("{waiting} transcripts are waiting to be indexed"));
        }
    }
    let missing: Vec<(String, i64)> = conn
        .prepare(
            "SELECT 'interview', id FROM interviews UNION ALL SELECT 'person', id FROM people
             UNION ALL SELECT 'index_point', id FROM index_points UNION ALL SELECT 'caption', id FROM photo_captions
             UNION ALL SELECT 'region', id FROM regions
             EXCEPT SELECT kind, record_id FROM search_records",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (kind, id) in missing {
        problems.push(format!("{kind} {id} is not indexed"));
    }
    let pending: i64 = conn.query_row("SELECT count(*) FROM search_pending", [], |r| r.get(0))?;
    if pending > 0 {
        problems.push(format!("{pending} rows are waiting to be indexed"));
    }
    Ok(problems)
}
