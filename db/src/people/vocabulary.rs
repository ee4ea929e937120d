//! The names of an interview's people as the authority spells them, for what a speech
//! recognizer writes: a recognizer spells a name it hears as it can ("Serebriakov", "Smilger"),
//! and a word that is the name of someone of the interview, in another spelling or heard a
//! letter or two off, is written as the authority writes it in the transcript's language.
//!
//! The people are the interview's own (narrators, interviewers, the speakers of its
//! transcripts and the people its transcripts already name), so a near spelling is taken only
//! for a name that is expected there; any word elsewhere in the archive's authority is left
//! as heard.

use std::collections::BTreeMap;

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{authority::Script, matching, names};
use crate::{archive::Archive, error::Result, interview, transcript};

/// A family name of a person of the interview, in the spelling of the transcript's script.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct AuthorityName {
    /// The person.
    pub person_id: String,
    /// Their name as shown.
    pub display_name: String,
    /// The family name as the authority writes it in the transcript's script ("Smilga",
    /// "Смилга").
    pub spelling: String,
    /// The whole name it is the family name of, in the same script ("Ivar Smilga").
    pub full_name: String,
    /// Its folded key ([`names::match_key`]), on which spelling variants are equal.
    #[serde(skip)]
    key: String,
}

/// A word respelled as the authority spells it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Respelled {
    /// The word as heard ("Serebriakov,").
    pub heard: String,
    /// The word as written ("Serebryakov,").
    pub written: String,
    /// Whose name it is.
    pub person_id: String,
}

/// The people of an interview: narrators and interviewers, speakers of its transcripts, and
/// the people its transcripts name; each person's family names, in the script the transcript's
/// `language` is written in (Cyrillic for Russian, Ukrainian and Belarusian, Latin otherwise).
pub fn of_interview(
    archive: &Archive,
    interview_id: &str,
    language: Option<&str>,
) -> Result<Vec<AuthorityName>> {
    let conn = archive.conn();
    let interview_key = interview::key(conn, interview_id)?;
    let mut people: Vec<String> = conn
        .prepare(
            "SELECT p.uuid FROM interview_people ip JOIN people p ON p.id = ip.person_id
              WHERE ip.interview_id = ?1
             UNION
             SELECT p.uuid FROM segments s JOIN transcripts t ON t.id = s.transcript_id
               JOIN people p ON p.id = s.speaker_id WHERE t.interview_id = ?1",
        )?
        .query_map(params![interview_key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for known in transcript::list(archive, interview_id)? {
        people.extend(
            matching::mentions(archive, &known.id)?
                .into_iter()
                .map(|m| m.person.id),
        );
    }
    people.sort();
    people.dedup();
    let cyrillic = matches!(
        language.map(|l| l.split('-').next().unwrap_or(l)),
        Some("ru" | "uk" | "be")
    );
    let mut spellings: BTreeMap<(String, String), AuthorityName> = BTreeMap::new();
    let mut variants = conn.prepare_cached(
        "SELECT v.name, v.script FROM person_name_variants v JOIN people p ON p.id = v.person_id
          WHERE p.uuid = ?1 ORDER BY v.kind <> 'preferred', v.position, v.id",
    )?;
    for person_id in people {
        let person = super::get(archive, &person_id)?;
        let mut written: Vec<String> = vec![person.display_name.clone()];
        written.extend(
            variants
                .query_map([&person_id], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .filter(|(_, script)| script != "other")
                .map(|(name, _)| name),
        );
        // The first name in the transcript's script names each family: the display name, or
        // the preferred variant before the others.
        for name in written.iter().filter(|n| is_cyrillic(n) == cyrillic) {
            let Some(family) = family_name(name) else {
                continue;
            };
            let key = names::match_key(&family);
            spellings
                .entry((person_id.clone(), key.clone()))
                .or_insert_with(|| AuthorityName {
                    person_id: person_id.clone(),
                    display_name: person.display_name.clone(),
                    spelling: family,
                    full_name: name.clone(),
                    key,
                });
        }
    }
    Ok(spellings.into_values().collect())
}

/// The family name of a name: before the comma of "Smilga, Tatiana", else the last word.
fn family_name(name: &str) -> Option<String> {
    let family = match name.split_once(',') {
        Some((family, _)) => family.trim(),
        None => name.split_whitespace().last()?,
    };
    Some(family.to_owned()).filter(|f| f.chars().any(char::is_alphabetic))
}

fn is_cyrillic(text: &str) -> bool {
    Script::detect(text) == Script::Cyrillic
}

/// How far a heard name may be from the authority's (in edits of the folded key) and still be
/// taken for it: none for short names, where one letter makes another name; one from six
/// letters ("Smilga" heard as "Smilka"); two from nine.
fn allowed_edits(key_len: usize) -> usize {
    match key_len {
        0..=5 => 0,
        6..=8 => 1,
        _ => 2,
    }
}

/// `word` (with any punctuation around it) written as the authority spells the name it is, when
/// it is the family name of one of `names`: equal to it in any spelling, or a capitalised word
/// a letter or two off, in the same script. A word that is a Russian case form of the name
/// ("Смилгой") stays as it is: the authority spells the nominative.
pub fn respell(names: &[AuthorityName], word: &str) -> Option<Respelled> {
    let start = word.find(|c: char| c.is_alphabetic())?;
    let end = word
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphabetic())
        .map(|(i, c)| i + c.len_utf8())?;
    let bare = &word[start..end];
    if !bare.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let key = names::match_key(bare);
    if key.is_empty() || key.contains(' ') {
        return None;
    }
    let (edits, name) = names
        .iter()
        .filter(|n| {
            is_cyrillic(&n.spelling) == is_cyrillic(bare)
                && is_feminine(&n.spelling) == is_feminine(bare)
                && n.key.chars().next() == key.chars().next()
        })
        .map(|n| (strsim::levenshtein(&key, &n.key), n))
        .filter(|(edits, n)| *edits <= allowed_edits(n.key.len()))
        .min_by_key(|(edits, _)| *edits)?;
    if name.spelling == bare {
        return None;
    }
    // A Russian case form ("Смилги", "Смилгой") is nearer the name through its nominative
    // than as it is written: the authority spells the nominative, so the word stays.
    if is_cyrillic(bare)
        && names::lemmas(bare).iter().any(|form| {
            form != bare && strsim::levenshtein(&names::match_key(form), &name.key) < edits.max(1)
        })
    {
        return None;
    }
    Some(Respelled {
        heard: word.to_owned(),
        written: format!("{}{}{}", &word[..start], name.spelling, &word[end..]),
        person_id: name.person_id.clone(),
    })
}

/// Whether a family name has a feminine ending: the folded key makes "Serebryakova" the
/// family of "Serebryakov", but a word heard as one is not written as the other.
fn is_feminine(name: &str) -> bool {
    name.to_lowercase().ends_with(['a', 'а', 'я'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(spelling: &str) -> AuthorityName {
        AuthorityName {
            person_id: format!("id-{spelling}"),
            display_name: spelling.into(),
            spelling: spelling.into(),
            full_name: spelling.into(),
            key: names::match_key(spelling),
        }
    }

    #[test]
    fn a_name_heard_in_another_spelling_or_a_letter_off_is_written_as_the_authority_writes_it() {
        let names = [name("Serebryakov"), name("Smilga"), name("Radek")];
        let written = |word: &str| respell(&names, word).map(|r| r.written);
        assert_eq!(written("Serebriakov,").as_deref(), Some("Serebryakov,"));
        assert_eq!(written("Serebrjakow.").as_deref(), Some("Serebryakov."));
        assert_eq!(written("Smilka").as_deref(), Some("Smilga"));
        assert_eq!(written("Serebryakova"), None, "his daughter is not him");
        assert_eq!(written("(Serebryakov)"), None, "already the authority's");
        // Short names need the same key: "Radik" is not taken for Radek.
        assert_eq!(written("Radik"), None);
        // Words that are not capitalised, and names far off, stay as heard.
        assert_eq!(written("smilka"), None);
        assert_eq!(written("Semyonov"), None);
    }

    #[test]
    fn russian_case_forms_stay_and_the_script_is_kept() {
        let names = [name("Смилга"), name("Serebryakov")];
        let written = |word: &str| respell(&names, word).map(|r| r.written);
        assert_eq!(written("Смилгой"), None, "a case form of the name");
        assert_eq!(written("Смилги"), None, "a case form one letter off");
        assert_eq!(written("Смилка").as_deref(), Some("Смилга"));
        assert_eq!(written("Серебряков"), None, "no Cyrillic spelling given");
    }

    #[test]
    fn the_family_name_is_before_the_comma_or_last() {
        assert_eq!(family_name("Smilga, Tatiana").as_deref(), Some("Smilga"));
        assert_eq!(family_name("Tatiana Smilga").as_deref(), Some("Smilga"));
        assert_eq!(family_name("1927"), None);
    }
}
