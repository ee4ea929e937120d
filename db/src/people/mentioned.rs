//! Where a person is mentioned: every passage of a transcript that names them, by the rule of
//! [`super::mentions`] (any of their names and variants, in any script and spelling, in any
//! Russian case form, and only when the name points at them confidently), and every interview
//! or passage the curator linked to them with a "mentions" link. A person's page lists them;
//! the People list counts them, by the same rule, for everyone at once.
//!
//! This is the curator's view of their own archive: sealed and redacted passages are listed
//! with their words. Public output does not read it (`public` decides what may leave).
//!
//! Reading every segment of a large archive for names would be slow, so the search index picks
//! the passages that may name someone first: those with a name term of the family name of one
//! of the names looked for, the terms search itself matches names by. The rule then decides.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{
    matching::{self, NameIndex},
    names,
};
use crate::{archive::Archive, error::Result, records::RecordKind};

/// A range of a text, in UTF-16 code units as JavaScript counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TextRange {
    /// Where it starts.
    pub start: u32,
    /// Where it ends.
    pub end: u32,
}

/// A passage that mentions a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct MentionedPassage {
    /// The transcript.
    pub transcript_id: String,
    /// Its language ("ru").
    pub language: String,
    /// The segment.
    pub segment_id: String,
    /// When it starts, if synced: where to play from.
    pub start_ms: Option<u32>,
    /// When it ends, if known.
    pub end_ms: Option<u32>,
    /// Who speaks, as the transcript names them.
    pub speaker: String,
    /// The segment's text, or the part of it around the first mention when it is long (cut at
    /// words, with "…" where it is cut).
    pub snippet: String,
    /// Where the snippet names the person ("Троцким", "Leon Trotsky").
    pub marks: Vec<TextRange>,
    /// The words as written where the person is first named; empty for a passage that is only
    /// linked.
    pub named_as: String,
    /// Whether the curator linked the passage to the person ("mentions").
    pub linked: bool,
}

/// An interview that mentions a person, with its passages that do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct MentionedInterview {
    /// The interview.
    pub interview_id: String,
    /// Its title.
    pub title: String,
    /// When it was recorded (EDTF).
    pub date: Option<String>,
    /// Whether the curator linked the whole interview (or a transcript of it) to the person.
    pub linked: bool,
    /// Its passages that mention the person, in transcript order.
    pub passages: Vec<MentionedPassage>,
}

/// Everywhere a person is mentioned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PersonMentions {
    /// The person (the one kept, for an id merged away).
    pub person_id: String,
    /// The interviews that mention them, by title.
    pub interviews: Vec<MentionedInterview>,
    /// How many passages mention them, in all interviews.
    pub passages: u32,
}

/// How often a person is mentioned, for the People list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MentionCount {
    /// In how many interviews.
    pub interviews: u32,
    /// In how many passages.
    pub passages: u32,
}

/// Everywhere a person is mentioned: each interview with the passages that name them or that
/// the curator linked to them, with times to play from and the words that named them.
pub fn mentioned_in(archive: &Archive, person_id: &str) -> Result<PersonMentions> {
    let conn = archive.conn();
    let person = super::resolve(archive, person_id)?;
    let found = gather(conn, Some(&person))?;
    let mut interviews = Vec::with_capacity(found.len());
    let mut passages = 0;
    for (_, mut interview) in found {
        let Some(found) = interview.people.remove(&person) else {
            continue;
        };
        let list = found
            .segments
            .iter()
            .map(|(&segment, at)| passage(conn, segment, at))
            .collect::<Result<Vec<_>>>()?;
        passages += list.len() as u32;
        interviews.push(MentionedInterview {
            interview_id: interview.uuid,
            title: interview.title,
            date: interview.date,
            linked: found.linked,
            passages: list,
        });
    }
    interviews.sort_by(|a, b| {
        a.title
            .to_lowercase()
            .cmp(&b.title.to_lowercase())
            .then_with(|| a.interview_id.cmp(&b.interview_id))
    });
    Ok(PersonMentions {
        person_id: person,
        interviews,
        passages,
    })
}

/// How often each person is mentioned, by person id: the counts [`mentioned_in`] would give
/// each of them, found in one pass over the archive. People mentioned nowhere are left out.
pub fn mention_counts(archive: &Archive) -> Result<HashMap<String, MentionCount>> {
    let mut counts: HashMap<String, MentionCount> = HashMap::new();
    for (_, interview) in gather(archive.conn(), None)? {
        for (person, found) in interview.people {
            let count = counts.entry(person).or_insert(MentionCount {
                interviews: 0,
                passages: 0,
            });
            count.interviews += 1;
            count.passages += found.segments.len() as u32;
        }
    }
    Ok(counts)
}

/// What names a person in one segment: the byte ranges of its text, and whether it is linked.
#[derive(Debug, Default)]
struct At {
    ranges: Vec<(usize, usize)>,
    linked: bool,
}

/// One person's mentions in one interview.
#[derive(Debug, Default)]
struct Found {
    /// Segment key to what names them there, in segment order.
    segments: BTreeMap<i64, At>,
    linked: bool,
}

/// An interview with the people it mentions.
#[derive(Debug)]
struct InInterview {
    uuid: String,
    title: String,
    date: Option<String>,
    /// By person id: an interview can mention many people, each many times.
    people: HashMap<String, Found>,
}

impl InInterview {
    fn of(&mut self, person: &str) -> &mut Found {
        self.people.entry(person.to_owned()).or_default()
    }
}

/// The mentions of `person`, or of everyone, by interview key.
fn gather(conn: &Connection, person: Option<&str>) -> Result<BTreeMap<i64, InInterview>> {
    let people = matching::all_names(conn)?;
    let looked_for: Vec<&(String, Vec<String>)> = people
        .iter()
        .filter(|(id, _)| person.is_none_or(|p| p == id))
        .collect();
    let candidates = candidate_segments(conn, &looked_for)?;
    let index = NameIndex::new(people);
    let mut interviews: BTreeMap<i64, InInterview> = BTreeMap::new();
    let mut interview =
        conn.prepare_cached("SELECT uuid, title, date FROM interviews WHERE id = ?1")?;

    let mut segment = conn.prepare_cached(
        "SELECT t.interview_id, s.text FROM segments s JOIN transcripts t ON t.id = s.transcript_id WHERE s.id = ?1",
    )?;
    for id in candidates {
        use rusqlite::OptionalExtension;
        let Some((interview_key, text)): Option<(i64, String)> = segment
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
        else {
            continue;
        };
        for named in matching::named_in(&index, &text) {
            if person.is_some_and(|p| p != named.person.id) {
                continue;
            }
            let Some(found) = entry(&mut interviews, &mut interview, interview_key)? else {
                continue;
            };
            found
                .of(&named.person.id)
                .segments
                .entry(id)
                .or_default()
                .ranges
                .push((named.start, named.end));
        }
    }

    // The curator's links: from an interview or a transcript (the whole interview), or from a
    // span of a transcript (its first segment).
    let mut links = conn.prepare_cached(
        "SELECT l.to_uuid, l.from_kind,
                CASE l.from_kind WHEN 'interview' THEN (SELECT id FROM interviews WHERE uuid = l.from_uuid)
                     ELSE (SELECT interview_id FROM transcripts WHERE uuid = l.from_uuid) END,
                (SELECT s.id FROM segments s JOIN transcripts t ON t.id = s.transcript_id
                  WHERE s.uuid = l.from_first_segment_uuid AND t.uuid = l.from_uuid)
         FROM links l
         WHERE l.link_type = 'mentions' AND l.to_kind = ?1 AND l.from_kind IN (?2, ?3, 'span')
           AND (?4 IS NULL OR l.to_uuid = ?4)
         ORDER BY l.id",
    )?;
    let linked: Vec<(String, String, Option<i64>, Option<i64>)> = links
        .query_map(
            rusqlite::params![
                RecordKind::Person.as_str(),
                RecordKind::Interview.as_str(),
                RecordKind::Transcript.as_str(),
                person
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    for (to, kind, interview_key, segment_key) in linked {
        let Some(interview_key) = interview_key else {
            continue;
        };
        let Some(found) = entry(&mut interviews, &mut interview, interview_key)? else {
            continue;
        };
        let found = found.of(&to);
        match (kind.as_str(), segment_key) {
            ("span", Some(segment)) => found.segments.entry(segment).or_default().linked = true,
            ("span", None) => {}
            _ => found.linked = true,
        }
    }
    Ok(interviews)
}

/// The interview of key `key` in `interviews`, read in when it is not there yet; `None` when
/// it is gone.
fn entry<'a>(
    interviews: &'a mut BTreeMap<i64, InInterview>,
    read: &mut rusqlite::CachedStatement<'_>,
    key: i64,
) -> Result<Option<&'a mut InInterview>> {
    use rusqlite::OptionalExtension;
    use std::collections::btree_map::Entry;
    Ok(match interviews.entry(key) {
        Entry::Occupied(found) => Some(found.into_mut()),
        Entry::Vacant(place) => read
            .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?
            .map(|(uuid, title, date)| {
                place.insert(InInterview {
                    uuid,
                    title,
                    date,
                    people: HashMap::new(),
                })
            }),
    })
}

/// The segments that may name one of `people`: those the search index gives a name term of
/// the family name of one of their names and variants (all parts of a double name).
fn candidate_segments(
    conn: &Connection,
    people: &[&(String, Vec<String>)],
) -> Result<BTreeSet<i64>> {
    let mut alternatives: BTreeSet<String> = BTreeSet::new();
    for (_, person_names) in people {
        for name in person_names {
            let parts = names::family_name_terms(name);
            if parts.is_empty() {
                continue;
            }
            let all: Vec<String> = parts
                .iter()
                .map(|p| format!("name : \"{}\"", p.replace('"', "\"\"")))
                .collect();
            alternatives.insert(format!("({})", all.join(" AND ")));
        }
    }
    let alternatives: Vec<String> = alternatives.into_iter().collect();
    let mut found = BTreeSet::new();
    let mut stmt =
        conn.prepare_cached("SELECT rowid FROM segments_fts WHERE segments_fts MATCH ?1")?;
    // A few hundred names a query, well within what FTS5 parses at once.
    for chunk in alternatives.chunks(200) {
        let rows = stmt.query_map([chunk.join(" OR ")], |r| r.get::<_, i64>(0))?;
        for row in rows {
            found.insert(row?);
        }
    }
    Ok(found)
}

/// Words shown around the first mention of a long passage.
const SNIPPET_CHARS: usize = 240;
/// Characters shown before the first mention when a passage is cut.
const SNIPPET_LEAD: usize = 60;

/// A passage as listed, with its snippet.
fn passage(conn: &Connection, segment: i64, at: &At) -> Result<MentionedPassage> {
    let (segment, transcript_id, language) = crate::transcript::segment_by_key(conn, segment)?;
    let text = segment.text;
    let named_as = at
        .ranges
        .first()
        .map(|&(s, e)| text[s..e].to_owned())
        .unwrap_or_default();
    let (snippet, marks) = snippet(&text, &at.ranges);
    Ok(MentionedPassage {
        transcript_id,
        language,
        segment_id: segment.id,
        start_ms: segment.start_ms,
        end_ms: segment.end_ms,
        speaker: segment.speaker_label,
        snippet,
        marks,
        named_as,
        linked: at.linked,
    })
}

/// The text, or the part of it around the first range when it is long, cut at spaces, with
/// the ranges that fall in it (UTF-16 offsets in what is returned).
fn snippet(text: &str, ranges: &[(usize, usize)]) -> (String, Vec<TextRange>) {
    let chars = text.chars().count();
    let (mut from, mut to) = (0, text.len());
    if chars > SNIPPET_CHARS {
        let first = ranges.first().map_or(0, |r| r.0);
        // Back SNIPPET_LEAD characters from the first mention, then on to the next space.
        let lead_start = text[..first]
            .char_indices()
            .rev()
            .nth(SNIPPET_LEAD.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        from = if lead_start == 0 {
            0
        } else {
            text[lead_start..first]
                .find(' ')
                .map_or(lead_start, |i| lead_start + i + 1)
        };
        let end = text[from..]
            .char_indices()
            .nth(SNIPPET_CHARS)
            .map_or(text.len(), |(i, _)| from + i);
        to = if end == text.len() {
            end
        } else {
            text[..end].rfind(' ').filter(|&i| i > first).unwrap_or(end)
        };
    }
    let lead = if from > 0 { "…" } else { "" };
    let mut out = format!("{lead}{}", text[from..to].trim_end());
    let shown_end = from + text[from..to].trim_end().len();
    if to < text.len() {
        out.push('…');
    }
    let base = matching::utf16_len(lead);
    let marks = ranges
        .iter()
        .filter(|&&(s, e)| s >= from && e <= shown_end)
        .map(|&(s, e)| TextRange {
            start: base + matching::utf16_len(&text[from..s]),
            end: base + matching::utf16_len(&text[from..e]),
        })
        .collect();
    (out, marks)
}

#[cfg(test)]
mod tests;
