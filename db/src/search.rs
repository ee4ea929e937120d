//! One search over the whole archive: transcript segments, index points, interviews and people.
//!
//! SQLite FTS5, ranked by bm25, with snippets and, for transcript hits, the time to play from.
//! Case and diacritics are folded for every script ("naive" finds "naïve", "ТРОЦКИЙ" finds
//! "Троцкий"); `word*` is a prefix query and `"two words"` a phrase.

use rusqlite::params_from_iter;
use serde::{Deserialize, Serialize};

use crate::{
    archive::Archive,
    collection,
    error::{Error, Result},
    people,
};

/// What to search for, and where.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SearchQuery {
    /// The words, as the user typed them.
    pub text: String,
    /// Only interviews of this collection.
    #[serde(default)]
    pub collection_id: Option<String>,
    /// Only interviews this person narrates.
    #[serde(default)]
    pub narrator_id: Option<String>,
    /// Only transcripts in this language ("ru").
    #[serde(default)]
    pub language: Option<String>,
    /// Only interviews dated in or after this year.
    #[serde(default)]
    pub year_from: Option<i32>,
    /// Only interviews dated in or before this year.
    #[serde(default)]
    pub year_to: Option<i32>,
    /// At most this many hits (default 50).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    /// A segment of a transcript.
    Segment,
    /// A point of an interview's index.
    IndexPoint,
    /// An interview's title, place or summary.
    Interview,
    /// A person.
    Person,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SearchHit {
    /// What was found.
    pub kind: HitKind,
    /// The id of the record found (segment, index point, interview or person).
    pub record_id: String,
    /// The interview to open, for every kind but people.
    pub interview_id: Option<String>,
    /// Its title.
    pub interview_title: Option<String>,
    /// The transcript, for segment hits.
    pub transcript_id: Option<String>,
    /// Where to play from, in milliseconds, for segment and index point hits with a time.
    pub start_ms: Option<u32>,
    /// The matching passage, HTML-escaped, with the matched words in `<mark>`.
    pub snippet: String,
    /// The bm25 rank: lower is better.
    pub score: f64,
}

const DEFAULT_LIMIT: u32 = 50;
/// Above this many matching segments a query counts as "very common". FTS5 ranks by bm25 at
/// about a microsecond a match, so a query matching half of a million-segment archive takes
/// half a second to rank in full; instead only the newest [`COMMON_CANDIDATES`] matches are
/// ranked. For a query that common the best-ranked passages are near-ties anyway; anything
/// matching fewer segments (20 ms or so of ranking) is always ranked in full.
pub const COMMON_MATCHES: u32 = 20_000;
/// How many of a very common query's newest matches are ranked (a few milliseconds).
pub const COMMON_CANDIDATES: u32 = 4_000;

/// [`COMMON_MATCHES`] and [`COMMON_CANDIDATES`], which tests lower to reach the common-word
/// path on a small archive.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    common_matches: u32,
    candidates: u32,
}

const BOUNDS: Bounds = Bounds {
    common_matches: COMMON_MATCHES,
    candidates: COMMON_CANDIDATES,
};

// Snippet markers: private-use characters that never occur in text, replaced by <mark> after
// the passage is HTML-escaped.
const MARK_START: char = '\u{E000}';
const MARK_END: char = '\u{E001}';

/// A term of the user's query, ready for FTS5.
#[derive(Debug, Clone, PartialEq)]
enum Term {
    Word { text: String, prefix: bool },
    Phrase(String),
    Operator(&'static str),
}

/// Turns what the user typed into an FTS5 query. Words are quoted, so punctuation such as the
/// hyphen of "Antonov-Ovseenko" or a colon is never read as FTS5 syntax; `word*` stays a prefix
/// query, `"a b"` a phrase, and upper-case OR and NOT stay operators.
fn parse_terms(input: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut rest = input.trim();
    while !rest.is_empty() {
        if let Some(after_quote) = rest.strip_prefix('"') {
            let end = after_quote.find('"').unwrap_or(after_quote.len());
            let phrase = after_quote[..end].trim();
            if !phrase.is_empty() {
                terms.push(Term::Phrase(phrase.to_owned()));
            }
            rest = after_quote.get(end + 1..).unwrap_or("").trim_start();
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(rest.len());
        let word = &rest[..end];
        rest = rest[end..].trim_start();
        match word {
            "OR" => terms.push(Term::Operator("OR")),
            "NOT" => terms.push(Term::Operator("NOT")),
            "AND" => {}
            _ => {
                let prefix = word.ends_with('*');
                let text: String = word
                    .trim_end_matches('*')
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '\'' || *c == '.')
                    .collect();
                let text = text.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
                if !text.is_empty() {
                    terms.push(Term::Word { text, prefix });
                }
            }
        }
    }
    // Operators need a term on both sides.
    while matches!(terms.first(), Some(Term::Operator(_))) {
        terms.remove(0);
    }
    while matches!(terms.last(), Some(Term::Operator(_))) {
        terms.pop();
    }
    terms.dedup_by(|b, a| matches!((a, b), (Term::Operator(_), Term::Operator(_))));
    terms
}

fn fts_query(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| match t {
            Term::Word { text, prefix: true } => format!("\"{}\"*", text.replace('"', "")),
            Term::Word {
                text,
                prefix: false,
            } => format!("\"{}\"", text.replace('"', "")),
            Term::Phrase(p) => format!("\"{}\"", p.replace('"', "")),
            Term::Operator(op) => (*op).to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn finish_snippet(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 16);
    for c in raw.chars() {
        match c {
            MARK_START => out.push_str("<mark>"),
            MARK_END => out.push_str("</mark>"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The filters as SQL over an interview aliased `i` (and a transcript `t` for language).
struct Filters {
    sql: String,
    values: Vec<rusqlite::types::Value>,
}

fn filters(archive: &Archive, query: &SearchQuery, with_transcript: bool) -> Result<Filters> {
    use rusqlite::types::Value;
    let mut sql = String::new();
    let mut values = Vec::new();
    if let Some(c) = query.collection_id.as_deref().filter(|c| !c.is_empty()) {
        values.push(Value::Integer(collection::key(archive.conn(), c)?));
        sql.push_str(&format!(" AND i.collection_id = ?{}", values.len() + 1));
    }
    if let Some(p) = query.narrator_id.as_deref().filter(|p| !p.is_empty()) {
        values.push(Value::Integer(people::key(archive.conn(), p)?));
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM interview_people ip WHERE ip.interview_id = i.id AND ip.role = 'narrator' AND ip.person_id = ?{})",
            values.len() + 1
        ));
    }
    if let Some(lang) = query
        .language
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        values.push(Value::Text(lang.to_lowercase()));
        let n = values.len() + 1;
        if with_transcript {
            sql.push_str(&format!(
                " AND (lower(t.language) = ?{n} OR lower(t.language) LIKE ?{n} || '-%')"
            ));
        } else {
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM json_each(i.languages) WHERE lower(value) = ?{n})"
            ));
        }
    }
    // EDTF dates are compared by their year; unspecified digits widen the range ("192X" is
    // 1920 to 1929).
    if let Some(from) = query.year_from {
        values.push(Value::Integer(from.into()));
        sql.push_str(&format!(" AND i.date IS NOT NULL AND CAST(replace(substr(i.date, 1, 4), 'X', '9') AS INTEGER) >= ?{}", values.len() + 1));
    }
    if let Some(to) = query.year_to {
        values.push(Value::Integer(to.into()));
        sql.push_str(&format!(" AND i.date IS NOT NULL AND CAST(replace(substr(i.date, 1, 4), 'X', '0') AS INTEGER) <= ?{}", values.len() + 1));
    }
    Ok(Filters { sql, values })
}

/// Whether more than [`COMMON_MATCHES`] segments match the query. FTS5 walks the matches in
/// rowid order (ascending, which it does faster than descending) without ranking them and stops
/// there: about half a millisecond for plain words however common, a few more for a phrase of
/// common words, which FTS5 checks position by position. (Asking the vocabulary table instead
/// walks each word's whole doclist: 6 ms for "the" in a million segments.) It counts the
/// query itself, not its rarest word, so a phrase or an AND of common words that rarely meet
/// is ranked in full, and prefix, OR and NOT queries are bounded like plain words.
fn is_very_common(archive: &Archive, fts: &str, common_matches: u32) -> Result<bool> {
    let mut stmt = archive.conn().prepare_cached(&format!(
        "SELECT 1 FROM segments_fts WHERE segments_fts MATCH ?1 ORDER BY rowid LIMIT 1 OFFSET {common_matches}"
    ))?;
    let mut rows = stmt.query([fts]).map_err(query_error)?;
    Ok(rows.next().map_err(query_error)?.is_some())
}

/// Lower case without diacritics, as the full-text index folds words.
pub(crate) fn fold(token: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    token
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

/// Searches the archive.
pub fn search(archive: &Archive, query: &SearchQuery) -> Result<Vec<SearchHit>> {
    search_within(archive, query, BOUNDS)
}

fn search_within(archive: &Archive, query: &SearchQuery, bounds: Bounds) -> Result<Vec<SearchHit>> {
    let terms = parse_terms(&query.text);
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let fts = fts_query(&terms);
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, 1000);
    let mut hits = search_segments(archive, query, &fts, limit, bounds)?;
    hits.extend(search_records(archive, query, &fts, limit)?);
    hits.sort_by(|a, b| a.score.total_cmp(&b.score));
    hits.truncate(limit as usize);
    Ok(hits)
}

/// The joins that give a segment its transcript and interview, for the filters and the hit.
/// CROSS JOIN keeps FTS5 the outer loop whatever the planner estimates: driven from the other
/// side, FTS5 would restart the query once per segment.
const SEGMENT_JOINS: &str = "CROSS JOIN segments s ON s.id = segments_fts.rowid
    CROSS JOIN transcripts t ON t.id = s.transcript_id CROSS JOIN interviews i ON i.id = t.interview_id";

/// What a segment hit shows: the segment's id and time, its transcript and interview, and
/// the snippet. Computed only for the rows returned: a snippet reads and tokenizes the text.
/// (The markers are [`MARK_START`] and [`MARK_END`].)
const SEGMENT_COLUMNS: &str = "s.uuid, s.start_ms, t.uuid, i.uuid, i.title,
    snippet(segments_fts, 0, '\u{E000}', '\u{E001}', '…', 16)";

fn segment_hit(r: &rusqlite::Row<'_>, first: usize, score: f64) -> rusqlite::Result<SearchHit> {
    Ok(SearchHit {
        kind: HitKind::Segment,
        record_id: r.get(first)?,
        start_ms: r.get(first + 1)?,
        transcript_id: r.get(first + 2)?,
        interview_id: r.get(first + 3)?,
        interview_title: r.get(first + 4)?,
        snippet: finish_snippet(&r.get::<_, String>(first + 5)?),
        score,
    })
}

fn search_segments(
    archive: &Archive,
    query: &SearchQuery,
    fts: &str,
    limit: u32,
    bounds: Bounds,
) -> Result<Vec<SearchHit>> {
    let f = filters(archive, query, true)?;
    let mut values = vec![rusqlite::types::Value::Text(fts.to_owned())];
    values.extend(f.values);
    if !is_very_common(archive, fts, bounds.common_matches)? {
        // Ranked in full, as the plain FTS5 query would: FTS5 sorts every match by bm25 and
        // only the best `limit` rows are joined and given a snippet.
        let sql = format!(
            "SELECT bm25(segments_fts), {SEGMENT_COLUMNS} FROM segments_fts {SEGMENT_JOINS}
             WHERE segments_fts MATCH ?1 {} ORDER BY rank LIMIT {limit}",
            f.sql
        );
        let mut stmt = archive.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(values), |r| segment_hit(r, 1, r.get(0)?))?;
        return rows.collect::<rusqlite::Result<_>>().map_err(query_error);
    }

    // A very common query: FTS5 walks the matches newest first and stops after
    // COMMON_CANDIDATES, and only those are ranked by bm25. The joins are needed only to filter.
    let joins = if f.sql.is_empty() { "" } else { SEGMENT_JOINS };
    let sql = format!(
        "SELECT rid, score FROM (
           SELECT segments_fts.rowid AS rid, bm25(segments_fts) AS score FROM segments_fts {joins}
           WHERE segments_fts MATCH ?1 {} ORDER BY segments_fts.rowid DESC LIMIT {})
         ORDER BY score LIMIT {limit}",
        f.sql, bounds.candidates
    );
    let best: Vec<(i64, f64)> = {
        let mut stmt = archive.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(values), |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>().map_err(query_error)?
    };
    let (Some(first), Some(last)) = (
        best.iter().map(|b| b.0).min(),
        best.iter().map(|b| b.0).max(),
    ) else {
        return Ok(Vec::new());
    };
    // Then the hits' columns and snippets in one more walk over the same few thousand newest
    // matches. (Asking FTS5 for one rowid at a time would restart the query per hit, and a
    // prefix query rebuilds its whole merged doclist on every restart.) The `+` keeps the IN
    // list from being handed to FTS5 as rowid lookups.
    let wanted = best
        .iter()
        .map(|b| b.0.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let sql = format!(
        "SELECT segments_fts.rowid, {SEGMENT_COLUMNS} FROM segments_fts {SEGMENT_JOINS}
         WHERE segments_fts MATCH ?1 AND segments_fts.rowid BETWEEN ?2 AND ?3 AND +segments_fts.rowid IN ({wanted})"
    );
    let mut stmt = archive.conn().prepare(&sql)?;
    let scores: std::collections::HashMap<i64, f64> = best.iter().copied().collect();
    let rows = stmt.query_map(rusqlite::params![fts, first, last], |r| {
        let rid: i64 = r.get(0)?;
        segment_hit(r, 1, scores.get(&rid).copied().unwrap_or_default())
    })?;
    let mut hits: Vec<SearchHit> = rows.collect::<rusqlite::Result<_>>().map_err(query_error)?;
    hits.sort_by(|a, b| a.score.total_cmp(&b.score));
    Ok(hits)
}

fn search_records(
    archive: &Archive,
    query: &SearchQuery,
    fts: &str,
    limit: u32,
) -> Result<Vec<SearchHit>> {
    let f = filters(archive, query, false)?;
    let filtered = !f.sql.is_empty();
    // People are not narrowed by interview filters: with a filter set, only interview and index
    // point hits are kept.
    let sql = format!(
        "SELECT r.kind, r.record_uuid, coalesce(i.uuid, ii.uuid), coalesce(i.title, ii.title), ip.time_ms, bm25(records_fts),
                snippet(records_fts, -1, '{MARK_START}', '{MARK_END}', '…', 16)
         FROM records_fts r
           LEFT JOIN interviews i ON r.kind = 'interview' AND i.uuid = r.record_uuid
           LEFT JOIN index_points ip ON r.kind = 'index_point' AND ip.uuid = r.record_uuid
           LEFT JOIN interviews ii ON ii.id = ip.interview_id
         WHERE records_fts MATCH ?1 {}
         ORDER BY rank LIMIT {limit}",
        if filtered {
            // The filters are written over `i`; apply them to whichever interview the hit has.
            format!("AND r.kind <> 'person' AND EXISTS (SELECT 1 FROM interviews i WHERE i.id = coalesce(ii.id, (SELECT id FROM interviews WHERE uuid = r.record_uuid AND r.kind = 'interview')) {})", f.sql)
        } else {
            String::new()
        }
    );
    let mut values = vec![rusqlite::types::Value::Text(fts.to_owned())];
    values.extend(f.values);
    let mut stmt = archive.conn().prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |r| {
        let kind = match r.get::<_, String>(0)?.as_str() {
            "interview" => HitKind::Interview,
            "index_point" => HitKind::IndexPoint,
            _ => HitKind::Person,
        };
        Ok(SearchHit {
            kind,
            record_id: r.get(1)?,
            interview_id: r.get(2)?,
            interview_title: r.get(3)?,
            transcript_id: None,
            start_ms: r.get(4)?,
            score: r.get(5)?,
            snippet: finish_snippet(&r.get::<_, String>(6)?),
        })
    })?;
    rows.collect::<rusqlite::Result<_>>().map_err(query_error)
}

fn query_error(e: rusqlite::Error) -> Error {
    match &e {
        rusqlite::Error::SqliteFailure(_, Some(message)) if message.contains("fts5") => {
            Error::invalid(
                "search",
                format!("the search could not be understood ({message}); try plain words"),
            )
        }
        _ => Error::Sqlite(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_input_becomes_safe_fts_syntax() {
        assert_eq!(
            fts_query(&parse_terms("Antonov-Ovseenko")),
            "\"Antonov-Ovseenko\""
        );
        assert_eq!(
            fts_query(&parse_terms("Троц*  \"left opposition\"")),
            "\"Троц\"* \"left opposition\""
        );
        assert_eq!(
            fts_query(&parse_terms("Radek OR Trotsky")),
            "\"Radek\" OR \"Trotsky\""
        );
        assert_eq!(
            fts_query(&parse_terms("OR Radek NOT")),
            "\"Radek\"",
            "dangling operators are dropped"
        );
        assert_eq!(
            fts_query(&parse_terms("col:umn (x) ^y")),
            "\"column\" \"x\" \"y\""
        );
        assert!(parse_terms("  \"\" * ").is_empty());
    }

    use crate::{
        collection::{self, CollectionInput},
        interview::{self, InterviewInput},
        jobs::JobContext,
        people::{self, PersonInput},
        transcript::{self, ImportOptions},
        Origin,
    };

    struct Fixture {
        archive: Archive,
        smilga: String,
        isaeva: String,
        collection: String,
        tatiana_smilga: String,
    }

    fn fixture() -> Fixture {
        let mut a = Archive::open_in_memory().unwrap();
        let c = collection::create(
            &mut a,
            &CollectionInput {
                title: "Left Opposition".into(),
                ..Default::default()
            },
            Origin::Cli,
        )
        .unwrap();
        let ts = people::create(
            &mut a,
            &PersonInput {
                display_name: "Tatiana Smilga".into(),
                ..Default::default()
            },
            Origin::Cli,
        )
        .unwrap();
        let smilga = interview::create(
            &mut a,
            &InterviewInput {
                title: "Tatiana Smilga".into(),
                collection_id: Some(c.id.clone()),
                date: Some("1994".into()),
                narrator_ids: vec![ts.id.clone()],
                languages: vec!["ru".into()],
                ..Default::default()
            },
            Origin::Cli,
        )
        .unwrap();
        let isaeva = interview::create(
            &mut a,
            &InterviewInput {
                title: "Tatiana Isaeva".into(),
                date: Some("201X".into()),
                summary: "Her grandfather Voronsky edited Krasnaya Nov.".into(),
                ..Default::default()
            },
            Origin::Cli,
        )
        .unwrap();
        let vtt = "WEBVTT\n\n00:01:00.000 --> 00:01:05.000\nМы жили рядом с Троцким на Арбате.\n\n00:02:00.000 --> 00:02:04.000\nMy father was naïve about Stalin.\n\n00:03:00.000 --> 00:03:04.000\nThe Left Opposition met in our kitchen.\n";
        transcript::import(
            &mut a,
            &smilga.id,
            "smilga.vtt",
            vtt.as_bytes(),
            &ImportOptions {
                language: Some("ru".into()),
                ..Default::default()
            },
            &JobContext::silent(),
            Origin::Import,
        )
        .unwrap();
        let en = "WEBVTT\n\n00:00:10.000 --> 00:00:12.000\nMy grandfather Voronsky was naive too; he trusted the opposition.\n";
        transcript::import(
            &mut a,
            &isaeva.id,
            "isaeva.vtt",
            en.as_bytes(),
            &ImportOptions {
                language: Some("en".into()),
                ..Default::default()
            },
            &JobContext::silent(),
            Origin::Import,
        )
        .unwrap();
        Fixture {
            archive: a,
            smilga: smilga.id,
            isaeva: isaeva.id,
            collection: c.id,
            tatiana_smilga: ts.id,
        }
    }

    fn find(f: &Fixture, query: SearchQuery) -> Vec<SearchHit> {
        search(&f.archive, &query).unwrap()
    }

    fn text(q: &str) -> SearchQuery {
        SearchQuery {
            text: q.into(),
            ..Default::default()
        }
    }

    #[test]
    fn diacritics_and_case_are_folded_both_ways() {
        let f = fixture();
        let naive: Vec<_> = find(&f, text("naive"))
            .into_iter()
            .filter(|h| h.kind == HitKind::Segment)
            .collect();
        assert_eq!(naive.len(), 2, "naive finds naïve and naive");
        let with_diaeresis: Vec<_> = find(&f, text("NAÏVE"))
            .into_iter()
            .filter(|h| h.kind == HitKind::Segment)
            .collect();
        assert_eq!(with_diaeresis.len(), 2);
    }

    #[test]
    fn cyrillic_words_and_prefixes_are_found_with_their_time() {
        let f = fixture();
        let hits = find(&f, text("Троцким"));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].start_ms, Some(60_000));
        assert_eq!(hits[0].interview_id.as_deref(), Some(f.smilga.as_str()));
        assert!(
            hits[0].snippet.contains("<mark>Троцким</mark>"),
            "{}",
            hits[0].snippet
        );
        assert_eq!(find(&f, text("троц*")).len(), 1, "prefix, any case");
        assert_eq!(find(&f, text("ТРОЦКИМ")).len(), 1);
    }

    #[test]
    fn phrases_must_match_in_order() {
        let f = fixture();
        assert_eq!(find(&f, text("\"left opposition\"")).len(), 1);
        assert!(find(&f, text("\"opposition left\"")).is_empty());
        assert_eq!(
            find(&f, text("opposition")).len(),
            2,
            "without quotes both segments match"
        );
    }

    #[test]
    fn filters_narrow_by_collection_narrator_language_and_date() {
        let f = fixture();
        let q = |mut q: SearchQuery| {
            q.text = "opposition".into();
            find(&f, q)
                .into_iter()
                .map(|h| h.interview_id.unwrap_or_default())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            q(SearchQuery {
                collection_id: Some(f.collection.clone()),
                ..Default::default()
            }),
            [f.smilga.as_str()]
        );
        assert_eq!(
            q(SearchQuery {
                narrator_id: Some(f.tatiana_smilga.clone()),
                ..Default::default()
            }),
            [f.smilga.as_str()]
        );
        assert_eq!(
            q(SearchQuery {
                language: Some("en".into()),
                ..Default::default()
            }),
            [f.isaeva.as_str()]
        );
        assert_eq!(
            q(SearchQuery {
                year_from: Some(2000),
                ..Default::default()
            }),
            [f.isaeva.as_str()],
            "201X is in the 2010s"
        );
        assert_eq!(
            q(SearchQuery {
                year_to: Some(1999),
                ..Default::default()
            }),
            [f.smilga.as_str()]
        );
        assert!(q(SearchQuery {
            year_from: Some(1995),
            year_to: Some(1999),
            ..Default::default()
        })
        .is_empty());
    }

    #[test]
    fn interviews_and_people_are_found_too() {
        let f = fixture();
        let hits = find(&f, text("Krasnaya"));
        assert_eq!(hits.len(), 1);
        assert_eq!(
            (hits[0].kind, hits[0].interview_id.as_deref()),
            (HitKind::Interview, Some(f.isaeva.as_str()))
        );
        let people: Vec<_> = find(&f, text("Smilga"))
            .into_iter()
            .filter(|h| h.kind == HitKind::Person)
            .collect();
        assert_eq!(people.len(), 1);
        assert_eq!(people[0].record_id, f.tatiana_smilga);
    }

    #[test]
    fn nothing_typed_finds_nothing_and_syntax_never_errors() {
        let f = fixture();
        assert!(find(&f, text("   ")).is_empty());
        for odd in [
            "\"",
            "AND",
            "a:b",
            "(",
            "*",
            "NEAR(",
            "Antonov-Ovseenko",
            "-",
        ] {
            assert!(
                search(&f.archive, &text(odd)).is_ok(),
                "{odd:?} must not be an error"
            );
        }
    }

    /// An archive of 40 generated interviews (4,000 segments): every common word is in
    /// hundreds of them.
    fn generated() -> Archive {
        let mut a = Archive::open_in_memory().unwrap();
        let options = crate::generate::GenerateOptions {
            interviews: 40,
            segments_per_interview: 100,
            seed: 5,
        };
        crate::generate::generate(&mut a, &options, &JobContext::silent()).unwrap();
        a
    }

    fn segment_ids(hits: &[SearchHit]) -> Vec<&str> {
        hits.iter()
            .filter(|h| h.kind == HitKind::Segment)
            .map(|h| h.record_id.as_str())
            .collect()
    }

    #[test]
    fn a_very_common_word_is_ranked_over_its_newest_matches_only() {
        let a = generated();
        let the = text("the");
        let everything = Bounds {
            common_matches: u32::MAX,
            candidates: 0,
        };
        let full = search_within(&a, &the, everything).unwrap();
        assert_eq!(full.len(), 50);

        // Common, with room for every match among the candidates: the same hits as in full.
        let all_candidates = Bounds {
            common_matches: 100,
            candidates: 100_000,
        };
        let bounded = search_within(&a, &the, all_candidates).unwrap();
        let scores = |hits: &[SearchHit]| hits.iter().map(|h| h.score).collect::<Vec<_>>();
        assert_eq!(
            scores(&bounded),
            scores(&full),
            "the same scores as the full ranking"
        );
        // Which of several equally scored segments makes the cut is arbitrary; above it the
        // hits are the same.
        let cut = full[49].score;
        let above = |hits: &[SearchHit]| {
            let mut above: Vec<_> = hits
                .iter()
                .filter(|h| h.score < cut)
                .map(|h| (h.record_id.clone(), h.snippet.clone()))
                .collect();
            above.sort();
            above
        };
        assert!(above(&full).len() > 10);
        assert_eq!(
            above(&bounded),
            above(&full),
            "the same hits and snippets as the full ranking"
        );

        // Common, ranking only the newest 300 matches: the best of those, best first.
        let newest = Bounds {
            common_matches: 100,
            candidates: 300,
        };
        let hits = search_within(&a, &the, newest).unwrap();
        assert_eq!(hits.len(), 50);
        assert!(
            hits.windows(2).all(|w| w[0].score <= w[1].score),
            "best first"
        );
        let candidates: Vec<String> = a
            .conn()
            .prepare("SELECT s.uuid FROM segments_fts JOIN segments s ON s.id = segments_fts.rowid WHERE segments_fts MATCH 'the' ORDER BY s.id DESC LIMIT 300")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for hit in hits.iter().filter(|h| h.kind == HitKind::Segment) {
            assert!(
                candidates.contains(&hit.record_id),
                "hits come from the newest matches"
            );
            assert!(
                hit.snippet.to_lowercase().contains("<mark>the</mark>"),
                "{}",
                hit.snippet
            );
            assert!(
                hit.start_ms.is_some()
                    && hit.transcript_id.is_some()
                    && hit.interview_title.is_some()
            );
        }
    }

    #[test]
    fn the_common_word_path_keeps_filters_limits_and_query_syntax() {
        let a = generated();
        let newest = Bounds {
            common_matches: 100,
            candidates: 300,
        };
        let everything = Bounds {
            common_matches: u32::MAX,
            candidates: 0,
        };
        let russian = SearchQuery {
            text: "и".into(),
            language: Some("ru".into()),
            limit: Some(7),
            ..Default::default()
        };
        let hits = search_within(&a, &russian, newest).unwrap();
        assert_eq!(hits.len(), 7);
        let english = SearchQuery {
            language: Some("en".into()),
            ..russian.clone()
        };
        assert!(
            search_within(&a, &english, newest).unwrap().is_empty(),
            "no Russian word in English transcripts"
        );
        // A phrase, a prefix and an OR query that match enough segments take the same path.
        for q in ["\"и не\"", "Серебр*", "Smilga OR Смилга"] {
            let bounded = search_within(&a, &text(q), newest).unwrap();
            let full = search_within(&a, &text(q), everything).unwrap();
            assert_eq!(bounded.len(), full.len().min(50), "{q}");
            assert!(bounded.iter().all(|h| h.snippet.contains("<mark>")), "{q}");
        }
        // Rare queries are ranked in full even with the low bounds.
        let rare = text("Kolyma Rogovin");
        assert_eq!(
            segment_ids(&search_within(&a, &rare, newest).unwrap()),
            segment_ids(&search_within(&a, &rare, everything).unwrap())
        );
    }
}
