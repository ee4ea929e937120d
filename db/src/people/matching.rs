//! Finding people by name: the candidates for a name typed or read anywhere, possible
//! duplicates in the authority, and mentions of known people in transcripts.
//!
//! All three compare a name against every name and variant of every person, with the folding
//! and scoring of [`super::names`]. Names are read from the database on each call and keyed in
//! memory: an archive has thousands of people at most, and keys computed afresh never go stale
//! when the folding rules improve.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::{
    get_with,
    names::{self, Candidate, Fit},
    Person,
};
use crate::{archive::Archive, error::Result, transcript};

/// Every person's names: id, then display name first (so that on a tie it is the one shown)
/// and the variants in order.
pub(crate) fn all_names(conn: &rusqlite::Connection) -> Result<Vec<(String, Vec<String>)>> {
    let mut stmt = conn.prepare(
        "SELECT p.uuid, p.display_name, v.name FROM people p
         LEFT JOIN person_name_variants v ON v.person_id = p.id
         ORDER BY p.id, v.position, v.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut people: Vec<(String, Vec<String>)> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        if people.last().is_none_or(|(last, _)| *last != id) {
            people.push((id, vec![r.get(1)?]));
        }
        if let Some(variant) = r.get::<_, Option<String>>(2)? {
            people.last_mut().expect("pushed above").1.push(variant);
        }
    }
    Ok(people)
}

/// The people a name may refer to, best first, scored by the best of each person's names and
/// variants; only the first can be `confident`. Used before creating a person ("is this
/// someone we have?") and to identify the names of a caption.
pub fn matches(archive: &Archive, name: &str) -> Result<Vec<Candidate>> {
    let people = all_names(archive.conn())?;
    Ok(names::rank(
        name,
        people
            .iter()
            .map(|(id, names)| (id.as_str(), names.as_slice())),
    ))
}

/// A person found by what is being typed, with the name or variant that fitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct TypedMatch {
    /// The person's id.
    pub id: String,
    /// The name that fitted: the best one that fitted as written, else the best in another
    /// spelling or script; the display name stands for the sort name and wins ties.
    pub name: String,
    /// How it fitted.
    pub fit: Fit,
}

/// The people a field that looks for a person offers for what has been typed, best first:
/// those with a name (display name, sort name or variant) that starts with it, then those with
/// a word that does, then those with a name that contains it, each group by sort name; then
/// the other people [`matches`] finds for it (other spellings, typos), best first. The text is
/// compared as written and across scripts and spellings (see `names::Typed`), so "Серебр" finds
/// Zorya Serebryakova. The name given is the one that fitted best as written, or the best in
/// another spelling when none fitted as written ("Серебрякова" gives her variant "Зоря
/// Серебрякова", "Serebr" her display name); the display name stands for the sort name and
/// wins ties. Blank text finds no one.
pub fn as_typed(archive: &Archive, text: &str) -> Result<Vec<TypedMatch>> {
    let typed = names::Typed::new(text);
    if typed.is_empty() {
        return Ok(Vec::new());
    }
    let conn = archive.conn();
    let mut sort_names: HashMap<String, String> = HashMap::new();
    {
        let mut stmt = conn.prepare("SELECT uuid, sort_name FROM people")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            sort_names.insert(r.get(0)?, r.get(1)?);
        }
    }
    let people = all_names(conn)?;
    let sort_key = |id: &str| {
        sort_names
            .get(id)
            .map(|n| n.to_lowercase())
            .unwrap_or_default()
    };
    // (fit, sort key, id, name shown)
    let mut found: Vec<(Fit, String, &str, &str)> = Vec::new();
    for (id, person_names) in &people {
        let display = person_names[0].as_str();
        let sort_name = sort_names.get(id).map_or("", String::as_str);
        // The display and sort names are shown as the display name; a variant as itself.
        let names = [(display, display), (sort_name, display)]
            .into_iter()
            .chain(person_names[1..].iter().map(|v| (v.as_str(), v.as_str())));
        // The person fits as well as their best name, as written or not; the name shown is
        // the best that fitted as written, else the best that fitted at all (the first of
        // equals, so the display name before a variant).
        let mut best: Option<Fit> = None;
        let mut shown: [Option<(Fit, &str)>; 2] = [None, None];
        for (name, label) in names {
            let Some((fit, written)) = typed.fit(name) else {
                continue;
            };
            best = Some(best.map_or(fit, |b| b.min(fit)));
            let slot = &mut shown[usize::from(!written)];
            if slot.is_none_or(|(top, _)| fit < top) {
                *slot = Some((fit, label));
            }
        }
        if let (Some(fit), Some((_, label))) = (best, shown[0].or(shown[1])) {
            found.push((fit, sort_key(id), id, label));
        }
    }
    found.sort();
    let mut out: Vec<TypedMatch> = found
        .into_iter()
        .map(|(fit, _, id, name)| TypedMatch {
            id: id.to_owned(),
            name: name.to_owned(),
            fit,
        })
        .collect();
    let mut listed: HashSet<String> = out.iter().map(|m| m.id.clone()).collect();
    let spellings = names::rank(
        text,
        people
            .iter()
            .map(|(id, names)| (id.as_str(), names.as_slice())),
    );
    for candidate in spellings {
        if listed.insert(candidate.id.clone()) {
            out.push(TypedMatch {
                id: candidate.id,
                name: candidate.name,
                fit: Fit::Spelling,
            });
        }
    }
    Ok(out)
}

/// Two records that may be one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PossibleDuplicate {
    /// One record (the older).
    pub person: Person,
    /// The other.
    pub other: Person,
    /// How well their best-fitting names match, from 0 to 1.
    pub score: f64,
}

/// Below this two records are not offered as duplicates. Same family name with a given name
/// that agrees or is missing (0.9 to 1), or with a typo in one of them (about 0.8), is offered;
/// a contradicting given name (0.75: Adolph and Nadezhda Joffe) or the other gender (0.84 at
/// most, 0.88 × 0.95: Leonid Serebryakov and Zorya Serebryakova) is not... unless a typo is
/// in play, which the curator then judges.
pub const DUPLICATE_SCORE: f64 = 0.78;

/// Letters of the family-name key that two records must share to be compared at all.
const BLOCK_PREFIX: usize = 3;

/// The family-name key of a name: the last word of its match key.
fn family_key(name: &str) -> Option<String> {
    names::match_key(name)
        .rsplit(' ')
        .next()
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
}

/// Pairs of people who may be one person, best first. Records are compared only within blocks
/// that share the first letters of a family-name key (of any of their names), so the work
/// grows with the size of the blocks rather than with the square of the authority. A family
/// name misspelt in its first letters is therefore not found here; matching a new name
/// against the authority ([`matches`]) still finds it.
pub fn possible_duplicates(archive: &Archive) -> Result<Vec<PossibleDuplicate>> {
    let conn = archive.conn();
    let people = all_names(conn)?;
    let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, (_, person_names)) in people.iter().enumerate() {
        let keys: HashSet<String> = person_names
            .iter()
            .filter_map(|n| family_key(n))
            .map(|k| k.chars().take(BLOCK_PREFIX).collect())
            .collect();
        for key in keys {
            blocks.entry(key).or_default().push(index);
        }
    }
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    let mut pairs: Vec<(usize, usize, f64)> = Vec::new();
    for members in blocks.values() {
        for (n, &i) in members.iter().enumerate() {
            for &j in &members[n + 1..] {
                if !seen.insert((i.min(j), i.max(j))) {
                    continue;
                }
                let best = people[i]
                    .1
                    .iter()
                    .flat_map(|a| {
                        people[j]
                            .1
                            .iter()
                            .map(move |b| names::score(a, b).max(names::score(b, a)))
                    })
                    .fold(0.0, f64::max);
                if best >= DUPLICATE_SCORE {
                    pairs.push((i.min(j), i.max(j), best));
                }
            }
        }
    }
    pairs.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
    pairs
        .into_iter()
        .map(|(i, j, score)| {
            Ok(PossibleDuplicate {
                person: get_with(conn, &people[i].0)?,
                other: get_with(conn, &people[j].0)?,
                score,
            })
        })
        .collect()
}

/// A known person named in a transcript segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Mention {
    /// The segment.
    pub segment_id: String,
    /// When the segment starts, if synced: where to play from.
    pub start_ms: Option<u32>,
    /// The words as written in the segment ("Троцким", "Leon Trotsky").
    pub text_span: String,
    /// Where they start in the segment's text, in UTF-16 code units as JavaScript counts.
    pub start: u32,
    /// Where they end, likewise.
    pub end: u32,
    /// The person, always a confident match.
    pub person: Candidate,
}

/// A word of a segment, as found by [`words`].
#[derive(Debug)]
struct Word<'a> {
    text: &'a str,
    /// Byte offsets in the segment's text.
    start: usize,
    end: usize,
    /// An initial ("Л." of "Л. Д. Троцкий").
    initial: bool,
    /// Punctuation (other than an initial's period) comes between this word and the one before.
    after_break: bool,
}

/// Words: letters and combining marks, with a hyphen or apostrophe inside a word joining it.
fn words(text: &str) -> Vec<Word<'_>> {
    let is_letter =
        |c: char| c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out: Vec<Word<'_>> = Vec::new();
    let mut i = 0;
    let mut broken = true;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !is_letter(c) {
            if !c.is_whitespace() && c != '.' {
                broken = true;
            }
            // A period ends a sentence unless it follows an initial.
            if c == '.' && !out.last().is_some_and(|w| w.initial && w.end == start) {
                broken = true;
            }
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let d = chars[j].1;
            let joins = matches!(d, '-' | '\'' | '’')
                && chars.get(j + 1).is_some_and(|&(_, n)| is_letter(n));
            if is_letter(d) || joins {
                j += 1;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(o, _)| o);
        let word = &text[start..end];
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let initial = letters <= 2
            && word.chars().next().is_some_and(char::is_uppercase)
            && text[end..].starts_with('.');
        out.push(Word {
            text: word,
            start,
            end,
            initial,
            after_break: broken,
        });
        broken = false;
        i = j;
    }
    out
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Known names keyed for lookup: the family-name key of every name and variant, to the people
/// who have it; and every given-name key, so that a given name in front of a family name is
/// recognised as part of the name rather than as a stray word.
pub(crate) struct NameIndex {
    people: Vec<(String, Vec<String>)>,
    by_family: HashMap<String, Vec<usize>>,
    given: HashSet<String>,
}

impl NameIndex {
    pub(crate) fn new(people: Vec<(String, Vec<String>)>) -> Self {
        let mut by_family: HashMap<String, Vec<usize>> = HashMap::new();
        let mut given = HashSet::new();
        for (index, (_, person_names)) in people.iter().enumerate() {
            for name in person_names {
                let key = names::match_key(name);
                let mut parts: Vec<&str> = key.split(' ').collect();
                let Some(family) = parts.pop().filter(|f| !f.is_empty()) else {
                    continue;
                };
                // People are taken in order, so a person already listed under this family
                // name is the last one (a search of the list would be quadratic in the people
                // who share a common family name).
                let entry = by_family.entry(family.to_owned()).or_default();
                if entry.last() != Some(&index) {
                    entry.push(index);
                }
                given.extend(parts.into_iter().filter(|p| p.len() > 1).map(str::to_owned));
            }
        }
        NameIndex {
            people,
            by_family,
            given,
        }
    }

    /// The nominative form of `word` that is a known family name, and who has it.
    fn family(&self, word: &str) -> Option<(String, &[usize])> {
        names::lemmas(word).into_iter().find_map(|form| {
            let key = names::match_key(&form);
            self.by_family
                .get(&key)
                .map(|people| (form, people.as_slice()))
        })
    }

    fn is_given(&self, word: &str) -> bool {
        names::lemmas(word)
            .iter()
            .any(|form| self.given.contains(&names::match_key(form)))
    }

    /// The person a name refers to, when one does confidently.
    fn confident(&self, name: &str, among: &[usize]) -> Option<Candidate> {
        let people = among
            .iter()
            .map(|&i| (self.people[i].0.as_str(), self.people[i].1.as_slice()));
        // Everyone else who shares a given name or initial must not be forgotten in the margin:
        // rank only among those with the family name, which is what the text names.
        names::rank(name, people)
            .into_iter()
            .next()
            .filter(|c| c.confident)
    }
}

/// Known people named in a transcript: each capitalised word whose nominative form is the
/// family name of a known person, with up to two given names or initials before it, counts
/// when the name ranks one person confidently (see [`names::rank`]). Cyrillic case forms are
/// recognised ("с Троцким" finds Trotsky). Precision comes first: a family name shared by two
/// people ("Joffe" for Adolph and Nadezhda) is left out unless a given name settles it, and so
/// is a name whose given name contradicts everyone of that family ("Ivan Trotsky").
pub fn mentions(archive: &Archive, transcript_id: &str) -> Result<Vec<Mention>> {
    let index = NameIndex::new(all_names(archive.conn())?);
    let mut found = Vec::new();
    for segment in transcript::segments(archive, transcript_id)? {
        for named in named_in(&index, &segment.text) {
            found.push(Mention {
                segment_id: segment.id.clone(),
                start_ms: segment.start_ms,
                text_span: segment.text[named.start..named.end].to_owned(),
                start: utf16_len(&segment.text[..named.start]),
                end: utf16_len(&segment.text[..named.end]),
                person: named.person,
            });
        }
    }
    Ok(found)
}

/// The length of `text` in UTF-16 code units, as JavaScript counts.
pub(crate) fn utf16_len(text: &str) -> u32 {
    text.encode_utf16().count() as u32
}

/// A known person named in a text, as found by [`named_in`].
#[derive(Debug)]
pub(crate) struct Named {
    /// Where the name starts in the text, in bytes.
    pub start: usize,
    /// Where it ends, in bytes.
    pub end: usize,
    /// The person, a confident match.
    pub person: Candidate,
}

/// The known people a text names, in order: the rule of [`mentions`], for one segment's text.
pub(crate) fn named_in(index: &NameIndex, text: &str) -> Vec<Named> {
    let words = words(text);
    let mut found = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if !capitalised(word.text) || word.initial {
            continue;
        }
        let Some((family, among)) = index.family(word.text) else {
            continue;
        };
        // Given names and initials directly before, nearest first.
        let mut given: Vec<(usize, String)> = Vec::new();
        let mut at = i;
        while given.len() < 2 && at > 0 && !words[at].after_break {
            let previous = &words[at - 1];
            if !capitalised(previous.text) {
                break;
            }
            let form = if previous.initial {
                format!("{}.", previous.text)
            } else {
                lemma_for_given(index, previous.text)
            };
            given.push((at - 1, form));
            at -= 1;
        }
        // Longest first; a shorter name only when the word left out is not a given name
        // the archive knows ("Вчера Троцкий" is Trotsky, "Ivan Trotsky" is no one).
        let mut accepted = None;
        for take in (0..=given.len()).rev() {
            let mut parts: Vec<&str> = given[..take]
                .iter()
                .rev()
                .map(|(_, g)| g.as_str())
                .collect();
            parts.push(&family);
            if let Some(candidate) = index.confident(&parts.join(" "), among) {
                accepted = Some((take, candidate));
                break;
            }
            if let Some((w, _)) = given.get(take.wrapping_sub(1)) {
                let dropped = &words[*w];
                if dropped.initial || index.is_given(dropped.text) {
                    break;
                }
            }
        }
        let Some((take, person)) = accepted else {
            continue;
        };
        let start = if take == 0 {
            word.start
        } else {
            words[given[take - 1].0].start
        };
        found.push(Named {
            start,
            end: word.end,
            person,
        });
    }
    found
}

/// A given name in the nominative when one of its forms is a known given name ("Львом" →
/// "Лев"), else as written.
fn lemma_for_given(index: &NameIndex, word: &str) -> String {
    names::lemmas(word)
        .into_iter()
        .find(|form| index.given.contains(&names::match_key(form)))
        .unwrap_or_else(|| word.to_owned())
}

#[cfg(test)]
mod tests;
