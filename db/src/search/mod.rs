//! One search over the whole archive: transcript segments, index points, interviews, people,
//! photo captions and photo regions.
//!
//! A word finds itself in any spelling, script and inflection: text and query are folded by
//! one function ([`fold`]) into the terms of a derived FTS5 index ([`index`]): Snowball stems
//! per language ("arrest" finds "arrested", "арестовать" finds "арестовали"), and for words
//! that may be names the people authority's name keys ("Trotsky" finds Троцким, Trotskii,
//! Trockij and Trotzki). A query that confidently names a person of the authority also finds
//! every passage that names them in any of their spellings, and says so. `"quoted phrases"`
//! match exactly (case and diacritics folded only); `word*` is a prefix; OR and NOT in capitals
//! are operators.
//!
//! Every match is ranked (bm25). Passages are grouped by interview, interviews ordered by their
//! best passage; records (interviews, people, index points, captions, regions) are ranked on
//! their own scale and kept apart, since bm25 scores of two indexes are not comparable.

pub(crate) mod fold;
pub mod index;

use std::collections::{HashMap, HashSet};

use rusqlite::{params, params_from_iter};
use serde::{Deserialize, Serialize};

use crate::{
    archive::Archive,
    collection,
    error::{Error, Result},
    jobs::JobContext,
    people,
};

pub(crate) use fold::fold;
use fold::{Reading, Token};

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
    /// The page: at most this many results (default 50, at most 1,000). A result is an
    /// interview with its passages or a record; see [`SearchResults::total`].
    #[serde(default)]
    pub limit: Option<u32>,
    /// The page: how many results come before it (default 0).
    #[serde(default)]
    pub offset: Option<u32>,
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
    /// A caption of a photo.
    Caption,
    /// A region of a photo: a person shown in it.
    Region,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SearchHit {
    /// What was found.
    pub kind: HitKind,
    /// The id of the record found (segment, index point, interview, person, caption, region).
    pub record_id: String,
    /// The interview to open, for segments, index points and interviews.
    pub interview_id: Option<String>,
    /// Its title.
    pub interview_title: Option<String>,
    /// The transcript, for segment hits.
    pub transcript_id: Option<String>,
    /// The photo, for caption and region hits.
    #[serde(default)]
    pub photo_id: Option<String>,
    /// Where to play from, in milliseconds, for segment and index point hits with a time.
    pub start_ms: Option<u32>,
    /// The matching passage, HTML-escaped, with the matched words in `<mark>`.
    pub snippet: String,
    /// The bm25 rank within its kind of hit (passages or records): lower is better.
    pub score: f64,
    /// The person of the authority this hit names, when the query was matched to one
    /// ("matched as Zorya Serebryakova").
    #[serde(default)]
    pub matched_as: Option<String>,
}

/// The person of the authority a query named confidently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct MatchedPerson {
    /// The person's id.
    pub id: String,
    /// Their display name.
    pub name: String,
    /// The name or variant of theirs the query fitted best.
    pub matched_name: String,
}

/// The passages of one interview that match, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct InterviewHits {
    /// The interview.
    pub interview_id: String,
    /// Its title.
    pub interview_title: String,
    /// How many of its passages match.
    pub count: u32,
    /// The score of its best passage (bm25: lower is better).
    pub score: f64,
    /// Its best passages (at most [`PASSAGES_PER_INTERVIEW`]), with times.
    pub passages: Vec<SearchHit>,
}

/// One page of what a search found.
///
/// The results are one list in a stable order: the interviews whose transcripts match (best
/// first), then the records (best first). A page is `limit` results of it from `offset`: its
/// interviews, then, when the page reaches past the last interview, its records. Paging from
/// 0 by `limit` up to `total` gives every result once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct SearchResults {
    /// The person the query named, when it named one confidently: their passages in every
    /// spelling are among the hits.
    pub person: Option<MatchedPerson>,
    /// This page's interviews whose transcripts match, best first.
    pub interviews: Vec<InterviewHits>,
    /// How many interviews match in all.
    pub interviews_matched: u32,
    /// How many passages match in all.
    pub passages_matched: u32,
    /// This page's interviews, people, index points, captions and regions that match, best
    /// first, ranked among themselves.
    pub records: Vec<SearchHit>,
    /// How many records match in all.
    pub records_matched: u32,
    /// How many results there are in all, on every page: `interviews_matched` +
    /// `records_matched`.
    pub total: u32,
    /// How many results come before this page.
    pub offset: u32,
    /// The most results a page holds.
    pub limit: u32,
}

/// Results on a page unless the query says how many.
const DEFAULT_LIMIT: u32 = 50;
/// The most results a page holds.
const MAX_LIMIT: u32 = 1000;
/// Passages shown for each interview.
pub const PASSAGES_PER_INTERVIEW: u32 = 3;
/// Up to this many matching passages, each interview's passages are ranked by bm25; past it,
/// listed in time order (see `search_passages`). At about 3 µs a match, 5,000 stay near 15 ms.
const RANKED_WITHIN_UP_TO: u32 = 5_000;
/// Words a snippet shows at most.
const SNIPPET_WORDS: usize = 32;
/// Words shown before the first match when a snippet is cut.
const SNIPPET_LEAD: usize = 8;

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

fn quoted(term: &str) -> String {
    format!("\"{}\"", term.replace('"', ""))
}

fn any_of(terms: &[String]) -> String {
    let quoted: Vec<String> = terms.iter().map(|t| quoted(t)).collect();
    format!("({})", quoted.join(" OR "))
}

/// What the query's words look for, to mark them in snippets as the index matched them.
#[derive(Debug, Default)]
struct Marks {
    exact: HashSet<String>,
    stems: HashSet<String>,
    names: HashSet<String>,
    exact_prefixes: Vec<String>,
    name_prefixes: Vec<String>,
    /// The name terms of the person the query named.
    person: HashSet<String>,
}

impl Marks {
    fn word_matches(&self, terms: &fold::WordTerms) -> bool {
        self.exact.contains(&terms.exact)
            || self.stems.contains(&terms.stem)
            || terms.names.iter().any(|n| self.names.contains(n))
            || self
                .exact_prefixes
                .iter()
                .any(|p| terms.exact.starts_with(p))
            || terms
                .names
                .iter()
                .any(|n| self.name_prefixes.iter().any(|p| n.starts_with(p)))
    }

    fn names_person(&self, terms: &fold::WordTerms) -> bool {
        terms.names.iter().any(|n| self.person.contains(n))
    }
}

/// A query ready for FTS5.
#[derive(Debug)]
struct Compiled {
    /// What the user asked for, with the person's names added when the query named one.
    expanded: String,
    marks: Marks,
    person: Option<MatchedPerson>,
    /// Whether the expression is alternatives only (words, prefixes, phrases joined by OR),
    /// so that a transcript matches it exactly when one of its passages does. AND and NOT
    /// ask for words together in one passage, which a whole transcript does not tell.
    alternatives_only: bool,
}

/// The FTS5 expression of one term: a word looks for its stems and name terms, a prefix for
/// its folded beginning in words and names, a phrase for its folded words in order.
fn term_expression(term: &Term, languages: &[String], marks: &mut Marks) -> Option<String> {
    match term {
        Term::Word {
            text,
            prefix: false,
        } => {
            let q = fold::query_word(text, languages);
            marks.stems.extend(q.stems.iter().cloned());
            marks.names.extend(q.names.iter().cloned());
            let stems = format!("stem : {}", any_of(&q.stems));
            Some(if q.names.is_empty() {
                stems
            } else {
                format!("({stems} OR name : {})", any_of(&q.names))
            })
        }
        Term::Word { text, prefix: true } => {
            let exact: String = fold::tokens(text).iter().map(|t| fold(t.text)).collect();
            if exact.is_empty() {
                return None;
            }
            let name = people::names::name_prefix_term(text);
            marks.exact_prefixes.push(exact.clone());
            let mut e = format!("exact : {}*", quoted(&exact));
            if !name.is_empty() {
                marks.name_prefixes.push(name.clone());
                e = format!("({e} OR name : {}*)", quoted(&name));
            }
            Some(e)
        }
        Term::Phrase(p) => {
            let words: Vec<String> = fold::tokens(p).iter().map(|t| fold(t.text)).collect();
            if words.is_empty() {
                return None;
            }
            marks.exact.extend(words.iter().cloned());
            Some(format!("exact : {}", quoted(&words.join(" "))))
        }
        Term::Operator(op) => Some((*op).to_owned()),
    }
}

fn compile(archive: &Archive, terms: &[Term], languages: &[String]) -> Result<Option<Compiled>> {
    let mut marks = Marks::default();
    let mut parts: Vec<String> = Vec::new();
    for term in terms {
        if let Some(e) = term_expression(term, languages, &mut marks) {
            // Operators need an expression on both sides.
            let operator = matches!(term, Term::Operator(_));
            if operator && parts.last().is_none_or(|p| p == "OR" || p == "NOT") {
                continue;
            }
            // FTS5 reads two column-filtered groups side by side as a syntax error: the AND
            // between words is written out.
            if !operator && parts.last().is_some_and(|p| p != "OR" && p != "NOT") {
                parts.push("AND".to_owned());
            }
            parts.push(e);
        }
    }
    while parts.last().is_some_and(|p| p == "OR" || p == "NOT") {
        parts.pop();
    }
    if parts.is_empty() {
        return Ok(None);
    }
    let fts = parts.join(" ");
    let (expanded, person) = match named_person(archive, terms)? {
        Some((person, name_terms)) if !name_terms.is_empty() => {
            let alternatives: Vec<String> = name_terms
                .iter()
                .map(|parts| {
                    parts
                        .iter()
                        .map(|p| format!("name : {}", quoted(p)))
                        .collect::<Vec<_>>()
                        .join(" AND ")
                })
                .collect();
            marks
                .person
                .extend(name_terms.iter().filter_map(|p| p.last().cloned()));
            (
                format!("({fts}) OR ({})", alternatives.join(" OR ")),
                Some(person),
            )
        }
        _ => (fts.clone(), None),
    };
    let alternatives_only = !expanded.contains(" AND ") && !expanded.contains(" NOT ");
    Ok(Some(Compiled {
        expanded,
        marks,
        person,
        alternatives_only,
    }))
}

/// The person of the authority the query's words name confidently, and the name terms of the
/// family names of all their names and variants. Only plain words are read as a name: a
/// phrase asks for that spelling, an operator or a prefix for something else.
fn named_person(
    archive: &Archive,
    terms: &[Term],
) -> Result<Option<(MatchedPerson, Vec<Vec<String>>)>> {
    let mut words = Vec::new();
    for term in terms {
        match term {
            Term::Word {
                text,
                prefix: false,
            } => words.push(text.as_str()),
            _ => return Ok(None),
        }
    }
    if words.is_empty() || words.len() > 4 {
        return Ok(None);
    }
    // The family name may be in a case form ("Троцкого"): each nominative it may come from is
    // tried, and a person is taken only when every confident match is the same one (the
    // dative Серебрякову may be Serebryakov's or Serebryakova's).
    let (family, given) = words.split_last().expect("not empty");
    let mut best: Option<people::names::Candidate> = None;
    for form in people::names::lemmas(family) {
        let mut name: Vec<&str> = given.to_vec();
        name.push(&form);
        let Some(candidate) = people::matching::matches(archive, &name.join(" "))?
            .into_iter()
            .next()
            .filter(|c| c.confident)
        else {
            continue;
        };
        match &best {
            Some(b) if b.id != candidate.id => return Ok(None),
            Some(_) => {}
            None => best = Some(candidate),
        }
    }
    let Some(best) = best else {
        return Ok(None);
    };
    let all = people::matching::all_names(archive.conn())?;
    let Some((_, names)) = all.iter().find(|(id, _)| *id == best.id) else {
        return Ok(None);
    };
    let mut terms: Vec<Vec<String>> = Vec::new();
    for n in names {
        let parts = people::names::family_name_terms(n);
        if !parts.is_empty() && !terms.contains(&parts) {
            terms.push(parts);
        }
    }
    Ok(Some((
        MatchedPerson {
            id: best.id.clone(),
            name: names.first().cloned().unwrap_or_default(),
            matched_name: best.name,
        },
        terms,
    )))
}

/// An HTML snippet of `text` with the words the query matched in `<mark>`: the whole text
/// when short, else [`SNIPPET_WORDS`] words from a little before the first match. Also whether
/// the text names the person the query named.
fn snippet(text: &str, language: &str, reading: Reading, marks: &Marks) -> (String, bool) {
    let tokens: Vec<Token<'_>> = fold::tokens(text);
    let mut marked = Vec::with_capacity(tokens.len());
    let mut names_person = false;
    for t in &tokens {
        let terms = fold::word_terms(t, language, reading);
        let person = marks.names_person(&terms);
        names_person |= person;
        marked.push(person || marks.word_matches(&terms));
    }
    let (first, last) = if tokens.len() <= SNIPPET_WORDS {
        (0, tokens.len())
    } else {
        let at = marked.iter().position(|&m| m).unwrap_or(0);
        let first = at
            .saturating_sub(SNIPPET_LEAD)
            .min(tokens.len() - SNIPPET_WORDS);
        (first, first + SNIPPET_WORDS)
    };
    let mut out = String::with_capacity(text.len().min(400) + 32);
    if tokens.is_empty() {
        escape_into(&mut out, text);
        return (out, false);
    }
    let from = if first == 0 { 0 } else { tokens[first].start };
    let to = if last == tokens.len() {
        text.len()
    } else {
        tokens[last - 1].end
    };
    if first > 0 {
        out.push('…');
    }
    let mut at = from;
    for (t, &m) in tokens[first..last].iter().zip(&marked[first..last]) {
        escape_into(&mut out, &text[at..t.start]);
        if m {
            out.push_str("<mark>");
            escape_into(&mut out, t.text);
            out.push_str("</mark>");
        } else {
            escape_into(&mut out, t.text);
        }
        at = t.end;
    }
    escape_into(&mut out, &text[at..to]);
    if last < tokens.len() {
        out.push('…');
    }
    (out, names_person)
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
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

/// The languages whose stemmers a Latin query word is tried in: English, the filter's
/// language, and every language the archive's transcripts are in.
fn query_languages(archive: &Archive, query: &SearchQuery) -> Result<Vec<String>> {
    let mut languages: Vec<String> = archive
        .conn()
        .prepare_cached("SELECT DISTINCT lower(language) FROM transcripts WHERE language <> ''")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some(l) = query.language.as_deref().filter(|l| !l.trim().is_empty()) {
        languages.push(l.trim().to_lowercase());
    }
    languages.sort();
    languages.dedup();
    Ok(languages)
}

/// What [`rebuild_index`] did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, specta::Type)]
pub struct Reindexed {
    /// Transcript segments indexed.
    pub segments: i64,
    /// Interviews, people, index points, captions and regions indexed.
    pub records: i64,
}

/// Builds the search index again from the rows (`recollect reindex`), as one transaction:
/// cancelled or failed, the index stays as it was.
pub fn rebuild_index(archive: &mut Archive, ctx: &JobContext) -> Result<Reindexed> {
    use crate::jobs::Progress;
    ctx.report(Progress::Started {
        title: "Rebuilding the search index".into(),
    });
    let result = archive.write(|w| {
        index::rebuild_in(w, Some(ctx))?;
        Ok(Reindexed {
            segments: w.query_row("SELECT count(*) FROM segments", [], |r| r.get(0))?,
            records: w.query_row("SELECT count(*) FROM search_records", [], |r| r.get(0))?,
        })
    });
    ctx.report(match &result {
        Ok(r) => Progress::Finished {
            summary: format!("{} passages and {} records indexed", r.segments, r.records),
        },
        Err(e) => Progress::Failed {
            message: e.to_string(),
            cancelled: matches!(e, crate::Error::Cancelled),
        },
    });
    result
}

/// Searches the archive: passages grouped by interview, and records apart, one page of them
/// (the query's `offset` and `limit`; see [`SearchResults`]). Counts are of every match.
pub fn search_grouped(archive: &Archive, query: &SearchQuery) -> Result<SearchResults> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let offset = query.offset.unwrap_or(0);
    let mut results = SearchResults {
        person: None,
        interviews: Vec::new(),
        interviews_matched: 0,
        passages_matched: 0,
        records: Vec::new(),
        records_matched: 0,
        total: 0,
        offset,
        limit,
    };
    let terms = parse_terms(&query.text);
    if terms.is_empty() {
        return Ok(results);
    }
    let languages = query_languages(archive, query)?;
    let Some(compiled) = compile(archive, &terms, &languages)? else {
        return Ok(results);
    };
    let end = offset.saturating_add(limit);
    search_passages(archive, query, &compiled, offset, end, &mut results)?;
    // The records follow the interviews in the one list of results.
    let before = results.interviews_matched;
    let (records, matched) = search_records(
        archive,
        query,
        &compiled,
        offset.saturating_sub(before),
        end.saturating_sub(before),
    )?;
    results.records = records;
    results.records_matched = matched;
    results.total = results.interviews_matched.saturating_add(matched);
    results.person = compiled.person;
    Ok(results)
}

/// Searches the archive and gives one list: the best passages of each matching interview,
/// interviews in rank order, then the records; at most the query's limit of hits.
pub fn search(archive: &Archive, query: &SearchQuery) -> Result<Vec<SearchHit>> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize;
    let results = search_grouped(archive, query)?;
    let mut hits: Vec<SearchHit> = results
        .interviews
        .into_iter()
        .flat_map(|g| g.passages)
        .collect();
    hits.extend(results.records);
    hits.truncate(limit);
    Ok(hits)
}

/// The joins that give a segment its transcript and interview, for the filters and grouping.
/// CROSS JOIN keeps FTS5 the outer loop whatever the planner estimates: driven from the other
/// side, FTS5 would restart the query once per segment.
const SEGMENT_JOINS: &str = "CROSS JOIN segments s ON s.id = segments_fts.rowid
    CROSS JOIN transcripts t ON t.id = s.transcript_id CROSS JOIN interviews i ON i.id = t.interview_id";

/// Passages, grouped by interview. Interviews are ranked by bm25 over their whole transcripts
/// (`transcripts_fts`: one document per transcript), so every matching interview is ranked at
/// a cost bounded by the number of transcripts, however common the words. Every matching
/// interview is counted; only those from `start` to `end` (of all, best first) are read.
///
/// Passages are found one of two ways. Up to `RANKED_WITHIN_UP_TO` matches, every match is
/// read once with its bm25 and its transcript (one statement: FTS5 counts each term's
/// passages once per statement), and each interview's best come first. Past it, only the
/// shown interviews' passages are read, by rowid range per transcript, and listed in time
/// order: ranking them by bm25 would make FTS5 read each term's whole list again for every
/// interview, and ranking every match grows with the archive (a second for "the" at 10,000
/// interviews).
fn search_passages(
    archive: &Archive,
    query: &SearchQuery,
    compiled: &Compiled,
    start: u32,
    end: u32,
    results: &mut SearchResults,
) -> Result<()> {
    use rusqlite::types::Value;
    let conn = archive.conn();
    let f = filters(archive, query, true)?;
    let mut values = vec![Value::Text(compiled.expanded.clone())];
    values.extend(f.values.iter().cloned());

    // How many passages match, before filters: FTS5 counts its own matches quickly.
    let unfiltered: u32 = conn
        .prepare_cached("SELECT count(*) FROM segments_fts WHERE segments_fts MATCH ?1")?
        .query_row([&compiled.expanded], |r| r.get(0))
        .map_err(query_error)?;
    if unfiltered == 0 {
        return Ok(());
    }
    let few = unfiltered <= RANKED_WITHIN_UP_TO;

    // Every match with its transcript (and score, when few), or the passages counted by
    // transcript when words are asked for together (AND, NOT): they may be in one transcript
    // but in no one passage.
    let mut matches: HashMap<i64, Vec<(i64, f64)>> = HashMap::new();
    let mut counts: Option<HashMap<i64, u32>> = None;
    if few {
        let sql = format!(
            "SELECT s.transcript_id, segments_fts.rowid, bm25(segments_fts) FROM segments_fts {SEGMENT_JOINS}
             WHERE segments_fts MATCH ?1 {}",
            f.sql
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt
            .query(params_from_iter(values.iter()))
            .map_err(query_error)?;
        while let Some(r) = rows.next().map_err(query_error)? {
            matches
                .entry(r.get(0)?)
                .or_default()
                .push((r.get(1)?, r.get(2)?));
        }
        counts = Some(matches.iter().map(|(t, m)| (*t, m.len() as u32)).collect());
    } else if !compiled.alternatives_only {
        let sql = format!(
            "SELECT s.transcript_id, count(*) FROM segments_fts {SEGMENT_JOINS}
             WHERE segments_fts MATCH ?1 {} GROUP BY s.transcript_id",
            f.sql
        );
        counts = Some(
            conn.prepare_cached(&sql)?
                .query_map(params_from_iter(values.iter()), |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()
                .map_err(query_error)?,
        );
    }

    // Every matching transcript with its score; with counts, only those with a passage.
    let sql = format!(
        "SELECT transcripts_fts.rowid, t.interview_id, bm25(transcripts_fts)
         FROM transcripts_fts CROSS JOIN transcripts t ON t.id = transcripts_fts.rowid
         CROSS JOIN interviews i ON i.id = t.interview_id
         WHERE transcripts_fts MATCH ?1 {}",
        f.sql
    );
    let mut transcripts: Vec<(i64, i64, f64)> = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(values.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()
        .map_err(query_error)?;
    if let Some(counts) = &counts {
        transcripts.retain(|(t, _, _)| counts.contains_key(t));
    }

    let interviews = interviews_by_best_transcript(transcripts);
    results.interviews_matched = interviews.len() as u32;
    results.passages_matched = match &counts {
        Some(counts) => counts.values().sum(),
        None if f.sql.is_empty() => unfiltered,
        None => {
            let sql = format!(
                "SELECT count(*) FROM segments_fts {SEGMENT_JOINS} WHERE segments_fts MATCH ?1 {}",
                f.sql
            );
            conn.prepare_cached(&sql)?
                .query_row(params_from_iter(values.iter()), |r| r.get(0))
                .map_err(query_error)?
        }
    };

    let mut range =
        conn.prepare_cached("SELECT min(id), max(id) FROM segments WHERE transcript_id = ?1")?;
    let mut in_range = conn.prepare_cached(
        "SELECT segments_fts.rowid FROM segments_fts CROSS JOIN segments s ON s.id = segments_fts.rowid
         WHERE segments_fts MATCH ?1 AND segments_fts.rowid BETWEEN ?2 AND ?3 AND s.transcript_id = ?4
         ORDER BY coalesce(s.start_ms, 0), s.position",
    )?;
    let page = interviews
        .into_iter()
        .skip(start as usize)
        .take(end.saturating_sub(start) as usize);
    for (_, best, transcripts) in page {
        // The interview's passages with their scores: bm25 when few, else the interview's.
        let mut found: Vec<(i64, f64)> = Vec::new();
        for transcript in transcripts {
            if few {
                found.extend(matches.remove(&transcript).unwrap_or_default());
                continue;
            }
            let (low, high): (Option<i64>, Option<i64>) =
                range.query_row([transcript], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let (Some(low), Some(high)) = (low, high) else {
                continue;
            };
            let rows = in_range
                .query_map(params![compiled.expanded, low, high, transcript], |r| {
                    Ok((r.get(0)?, best))
                })?
                .collect::<rusqlite::Result<Vec<(i64, f64)>>>()
                .map_err(query_error)?;
            found.extend(rows);
        }
        if found.is_empty() {
            continue;
        }
        let count = found.len() as u32;
        if few {
            found.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        }
        results
            .interviews
            .extend(interview_hits(conn, compiled, &found, count, best)?);
    }
    Ok(())
}

/// Interviews (key, best score, their matching transcripts) from their transcripts' scores,
/// best first.
fn interviews_by_best_transcript(transcripts: Vec<(i64, i64, f64)>) -> Vec<(i64, f64, Vec<i64>)> {
    let mut interviews: Vec<(i64, f64, Vec<i64>)> = Vec::new();
    let mut at: HashMap<i64, usize> = HashMap::new();
    for (transcript, interview, score) in transcripts {
        match at.get(&interview) {
            Some(&i) => {
                let entry = &mut interviews[i];
                entry.1 = entry.1.min(score);
                entry.2.push(transcript);
            }
            None => {
                at.insert(interview, interviews.len());
                interviews.push((interview, score, vec![transcript]));
            }
        }
    }
    interviews.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    interviews
}

/// One interview's group of hits: the first of `found` (segment, score), in their order, with
/// snippets; `count` passages match in all, `best` is the interview's score.
fn interview_hits(
    conn: &rusqlite::Connection,
    compiled: &Compiled,
    found: &[(i64, f64)],
    count: u32,
    best: f64,
) -> Result<Option<InterviewHits>> {
    let mut detail = conn.prepare_cached(
        "SELECT s.uuid, s.start_ms, s.text, t.uuid, t.language, i.uuid, i.title
         FROM segments s JOIN transcripts t ON t.id = s.transcript_id JOIN interviews i ON i.id = t.interview_id
         WHERE s.id = ?1",
    )?;
    let mut group: Option<InterviewHits> = None;
    for &(sid, score) in found.iter().take(PASSAGES_PER_INTERVIEW as usize) {
        let (segment, start_ms, text, transcript, language, interview, title): (
            String,
            Option<u32>,
            String,
            String,
            String,
            String,
            String,
        ) = detail.query_row([sid], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?;
        let (snippet, names_person) = snippet(&text, &language, Reading::Prose, &compiled.marks);
        let group = group.get_or_insert_with(|| InterviewHits {
            interview_id: interview.clone(),
            interview_title: title.clone(),
            count,
            score: best,
            passages: Vec::new(),
        });
        group.passages.push(SearchHit {
            kind: HitKind::Segment,
            record_id: segment,
            interview_id: Some(interview),
            interview_title: Some(title),
            transcript_id: Some(transcript),
            photo_id: None,
            start_ms,
            snippet,
            score,
            matched_as: matched_as(compiled, names_person),
        });
    }
    Ok(group)
}

fn matched_as(compiled: &Compiled, names_person: bool) -> Option<String> {
    compiled
        .person
        .as_ref()
        .filter(|_| names_person)
        .map(|p| p.name.clone())
}

/// The records from `start` to `end` of all that match, best first (bm25, then their key, so
/// the order is the same on every page), and how many match in all. The regions showing the
/// person the query named, whatever their label says, come after the records that match.
fn search_records(
    archive: &Archive,
    query: &SearchQuery,
    compiled: &Compiled,
    start: u32,
    end: u32,
) -> Result<(Vec<SearchHit>, u32)> {
    let conn = archive.conn();
    let f = filters(archive, query, false)?;
    let filtered = !f.sql.is_empty();
    // With a filter set, only interview and index point hits are kept, those of the
    // interviews the filter lets through; people and photos are not narrowed by interviews.
    let from = format!(
        "FROM records_fts CROSS JOIN search_records sr ON sr.id = records_fts.rowid
         WHERE records_fts MATCH ?1 {}",
        if filtered {
            format!(
                "AND sr.kind IN ('interview', 'index_point') AND EXISTS (SELECT 1 FROM interviews i WHERE i.id =
                   CASE sr.kind WHEN 'interview' THEN sr.record_id ELSE (SELECT interview_id FROM index_points WHERE id = sr.record_id) END {})",
                f.sql
            )
        } else {
            String::new()
        }
    );
    let mut values = vec![rusqlite::types::Value::Text(compiled.expanded.clone())];
    values.extend(f.values);
    // How many match; then the page's, ranked. (FTS5 gives bm25 to no window function, so
    // the two are asked apart.)
    let matched: u32 = conn
        .prepare_cached(&format!("SELECT count(*) {from}"))?
        .query_row(params_from_iter(values.iter()), |r| r.get(0))
        .map_err(query_error)?;
    let take = end.min(matched).saturating_sub(start);
    let found: Vec<(String, i64, f64)> = if take == 0 {
        Vec::new()
    } else {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT sr.kind, sr.record_id, bm25(records_fts) {from}
             ORDER BY bm25(records_fts), sr.id LIMIT {take} OFFSET {start}"
        ))?;
        let rows = stmt.query_map(params_from_iter(values.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        rows.collect::<rusqlite::Result<_>>().map_err(query_error)?
    };
    let mut hits = Vec::with_capacity(found.len());
    for (kind, id, score) in found {
        if let Some(hit) = record_hit(archive, compiled, &kind, id, score)? {
            hits.push(hit);
        }
    }
    // The regions where the person named is shown, whatever their label says: those the
    // words did not find already.
    let Some(person) = compiled.person.as_ref().filter(|_| !filtered) else {
        return Ok((hits, matched));
    };
    let found_regions: HashSet<i64> = conn
        .prepare_cached(&format!(
            "SELECT sr.record_id {from} AND sr.kind = 'region'"
        ))?
        .query_map(params_from_iter(values.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()
        .map_err(query_error)?;
    let regions: Vec<i64> = conn
        .prepare_cached(
            "SELECT r.id FROM regions r JOIN people p ON p.id = r.person_id WHERE p.uuid = ?1 ORDER BY r.id",
        )?
        .query_map([&person.id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?
        .into_iter()
        .filter(|id| !found_regions.contains(id))
        .collect();
    let page = regions
        .iter()
        .skip(start.saturating_sub(matched) as usize)
        .take(end.saturating_sub(matched.max(start)) as usize);
    for &id in page {
        // Ranked after every record the words found: bm25 scores are below zero.
        if let Some(mut hit) = record_hit(archive, compiled, "region", id, 0.0)? {
            hit.matched_as = Some(person.name.clone());
            hits.push(hit);
        }
    }
    Ok((hits, matched + regions.len() as u32))
}

/// A record hit with its snippet, or `None` if the record went away meanwhile.
fn record_hit(
    archive: &Archive,
    compiled: &Compiled,
    kind: &str,
    id: i64,
    score: f64,
) -> Result<Option<SearchHit>> {
    let conn = archive.conn();
    let Some(text) = index::record_text(conn, kind, id)? else {
        return Ok(None);
    };
    use rusqlite::OptionalExtension;
    // (record uuid, interview uuid, interview title, photo uuid, time)
    type Where = (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<u32>,
    );
    let sql = match kind {
        "interview" => "SELECT uuid, uuid, title, NULL, NULL FROM interviews WHERE id = ?1",
        "person" => "SELECT uuid, NULL, NULL, NULL, NULL FROM people WHERE id = ?1",
        "index_point" => "SELECT ip.uuid, i.uuid, i.title, NULL, ip.time_ms FROM index_points ip JOIN interviews i ON i.id = ip.interview_id WHERE ip.id = ?1",
        "caption" => "SELECT c.uuid, NULL, NULL, p.uuid, NULL FROM photo_captions c JOIN photos p ON p.id = c.photo_id WHERE c.id = ?1",
        _ => "SELECT r.uuid, NULL, NULL, p.uuid, NULL FROM regions r JOIN photos p ON p.id = r.photo_id WHERE r.id = ?1",
    };
    let Some((record_id, interview_id, interview_title, photo_id, start_ms)): Option<Where> = conn
        .prepare_cached(sql)?
        .query_row([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?
    else {
        return Ok(None);
    };
    let shown = match (text.title.is_empty(), text.body.is_empty()) {
        (false, false) => format!("{} — {}", text.title, text.body),
        (false, true) => text.title.clone(),
        _ => text.body.clone(),
    };
    let (snippet, names_person) = snippet(&shown, &text.language, text.reading, &compiled.marks);
    Ok(Some(SearchHit {
        kind: match kind {
            "interview" => HitKind::Interview,
            "person" => HitKind::Person,
            "index_point" => HitKind::IndexPoint,
            "caption" => HitKind::Caption,
            _ => HitKind::Region,
        },
        record_id,
        interview_id,
        interview_title,
        transcript_id: None,
        photo_id,
        start_ms,
        snippet,
        score,
        matched_as: matched_as(compiled, names_person),
    }))
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
pub(crate) mod tests;
