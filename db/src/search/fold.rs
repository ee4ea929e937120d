//! The one folding of text for search, used alike when text is indexed and when a query is
//! read, so that every spelling of a word reaches the same index terms.
//!
//! Each word of a text gives terms in three columns of the index:
//! - `exact`: the word in lower case without diacritics ("Naïve" → "naive", "ТРОЦКИЙ" →
//!   "троцкии"), in order, so that a quoted phrase matches exactly what the source says;
//! - `stem`: the word's Snowball stem in its language (Russian for Cyrillic, the transcript's
//!   language for Latin letters, English when unknown), so that "arrested" meets "arrest" and
//!   "арестовали" meets "арестовать". A capitalised Cyrillic word inside a sentence is taken
//!   for a name and left unstemmed here, since the Russian stemmer would fold Иванов into Иван;
//! - `name`: for a word that may be a name (capitalised, or any word of a person's name), the
//!   name key of the people authority ([`names::name_term`]) of each nominative form the word
//!   may come from ([`names::lemmas`]): Троцкий, Троцким, Троцкого, Trotsky, Trotskii,
//!   Trotskij, Trockij, Trotzki and Trotski all give "trotski". The transliteration tables
//!   live in `people/names.rs`, their one home.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

use crate::people::names;

/// Lower case without diacritics ("naïve" → "naive", "Ё" → "е").
pub(crate) fn fold(token: &str) -> String {
    token
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

/// A word of a text: where it is and whether it starts a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub text: &'a str,
    /// Byte offsets in the text.
    pub start: usize,
    pub end: usize,
    pub sentence_start: bool,
}

/// The words of a text: runs of letters, digits and combining marks (as FTS5's unicode61
/// tokenizer splits them: a hyphen or an apostrophe separates words).
pub(crate) fn tokens(text: &str) -> Vec<Token<'_>> {
    let is_word_char = |c: char| c.is_alphanumeric() || is_combining_mark(c);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut sentence_start = true;
    for (at, c) in text.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(at);
            }
            continue;
        }
        if let Some(s) = start.take() {
            out.push(Token {
                text: &text[s..at],
                start: s,
                end: at,
                sentence_start,
            });
            sentence_start = false;
        }
        if matches!(c, '.' | '!' | '?' | '…' | '\n') {
            sentence_start = true;
        }
    }
    if let Some(s) = start {
        out.push(Token {
            text: &text[s..],
            start: s,
            end: text.len(),
            sentence_start,
        });
    }
    out
}

fn is_cyrillic(word: &str) -> bool {
    word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

fn is_latin(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_alphabetic())
        || word
            .nfd()
            .any(|c| c.is_ascii_alphabetic() && !is_combining_mark(c))
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The Snowball algorithm for a BCP 47 language tag ("en", "ru-RU", "de"), if one exists.
fn algorithm(language: &str) -> Option<Algorithm> {
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    Some(match primary.as_str() {
        "en" => Algorithm::English,
        "ru" => Algorithm::Russian,
        "de" => Algorithm::German,
        "fr" => Algorithm::French,
        "es" => Algorithm::Spanish,
        "it" => Algorithm::Italian,
        "pt" => Algorithm::Portuguese,
        "nl" => Algorithm::Dutch,
        "sv" => Algorithm::Swedish,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "da" => Algorithm::Danish,
        "fi" => Algorithm::Finnish,
        "hu" => Algorithm::Hungarian,
        "ro" => Algorithm::Romanian,
        "tr" => Algorithm::Turkish,
        "el" => Algorithm::Greek,
        "ar" => Algorithm::Arabic,
        "ta" => Algorithm::Tamil,
        _ => return None,
    })
}

fn stemmer(algorithm: Algorithm) -> &'static Stemmer {
    // One stemmer per algorithm, made once: a Stemmer is a function pointer.
    static STEMMERS: OnceLock<Vec<(Algorithm, Stemmer)>> = OnceLock::new();
    let all = STEMMERS.get_or_init(|| {
        use Algorithm::*;
        [
            Arabic, Danish, Dutch, English, Finnish, French, German, Greek, Hungarian, Italian,
            Norwegian, Portuguese, Romanian, Russian, Spanish, Swedish, Tamil, Turkish,
        ]
        .into_iter()
        .map(|a| (a, Stemmer::create(a)))
        .collect()
    });
    &all.iter()
        .find(|(a, _)| *a == algorithm)
        .expect("every algorithm is made")
        .1
}

/// The stem of a word: Cyrillic words by the Russian stemmer, others by the stemmer of
/// `language` (English when it has none and the word is in Latin letters), folded.
pub(crate) fn stem(word: &str, language: &str) -> String {
    let lower = word.to_lowercase();
    let algorithm = if is_cyrillic(&lower) {
        Some(Algorithm::Russian)
    } else if is_latin(&lower) {
        Some(algorithm(language).unwrap_or(Algorithm::English))
    } else {
        algorithm(language)
    };
    match algorithm {
        // The Russian stemmer knows е but not ё, which print mostly writes as е anyway.
        Some(Algorithm::Russian) => {
            fold(&stemmer(Algorithm::Russian).stem(&lower.replace('ё', "е")))
        }
        Some(a) => fold(&stemmer(a).stem(&lower)),
        None => fold(&lower),
    }
}

/// The name terms of a word: the name key of each nominative form it may come from, and for a
/// word in Latin letters also the key of its German reading.
pub(crate) fn name_terms(word: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    // Names have no digits, and a name key drops them: "S1" or "Tape2" read as names would
    // meet "S0" and "Tape3".
    if word.chars().any(|c| c.is_numeric()) {
        return terms;
    }
    let mut forms = names::lemmas(word);
    if is_latin(word) && !is_cyrillic(word) {
        forms.extend(german_readings(word));
        // The scholarly and ISO 9 readings, each one term more; a name may need both (Xèkecskij).
        let lower = word.to_lowercase();
        let mut readings = vec![lower.clone()];
        // ISO 9 and the scholarly system write ц as c before any letter (Dâcakin, Cvetaeva),
        // where the name keys read c before a, o and u as k (Carl, Victor).
        if lower.contains('c') {
            let iso: String = lower
                .replace("ch", "\u{1}")
                .replace("cz", "\u{2}")
                .replace('c', "ts")
                .replace('\u{1}', "ch")
                .replace('\u{2}', "cz");
            if iso != lower {
                readings.push(iso);
            }
        }
        // The scholarly system writes х as x (Xruščëv), where English reads ks (Maxim).
        if lower.contains('x') {
            for i in 0..readings.len() {
                readings.push(readings[i].replace('x', "kh"));
            }
        }
        forms.extend(readings.into_iter().skip(1));
    }
    for form in forms {
        if let Some(term) = names::name_term(&form) {
            if !terms.contains(&term) {
                terms.push(term);
            }
        }
    }
    terms
}

/// A Latin word read as German transcription writes Russian (Duden: z for ц, ch for х, s
/// between vowels for з, x for кс), in the English-style letters the name keys start from:
/// Zechigow → tsekhigov, Sinowjew → zinovjev, Mapoxki → mapokski. German ch and z mean other
/// letters in every other system, so these readings are terms more, never instead of the
/// word's own. German spelling leaves two letters open, and each reading is given: an initial
/// s before a vowel may be з or с (Sinowjew, Sosubin), and ss may be с, сс or зс (Rossija, Kawkasski).
/// Empty when the word reads the same.
fn german_readings(word: &str) -> Vec<String> {
    let lower = word.to_lowercase();
    if !["z", "ch", "s", "x"].iter().any(|l| lower.contains(l)) {
        return Vec::new();
    }
    let mut readings: Vec<String> = Vec::new();
    // Each ss is read either way; past three in one word, all alike.
    let doubled = lower.matches("ss").count().min(3);
    for initial_z in [true, false] {
        for zs_mask in 0..(1u32 << doubled) {
            let reading = german_reading(&lower, initial_z, zs_mask);
            if reading != lower && !readings.contains(&reading) {
                readings.push(reading);
            }
        }
    }
    readings
}

/// One German reading: `initial_z`, whether an initial s before a vowel is з; bit n of
/// `zs_mask`, whether the word's nth ss is зс (the last bit for every ss after the third).
fn german_reading(lower: &str, initial_z: bool, zs_mask: u32) -> String {
    let chars: Vec<char> = lower.chars().collect();
    // j counts as a vowel: German writes the iotated vowels with it (зю → sju, зя → sja).
    let vowel = |c: Option<&char>| c.is_some_and(|c| "aeiouyäöüj".contains(*c));
    let mut out = String::with_capacity(lower.len() + 4);
    let mut i = 0;
    let mut doubled = 0;
    while i < chars.len() {
        let rest: String = chars[i..].iter().take(7).collect();
        let (spelled, used) = if rest.starts_with("schtsch") {
            ("shch", 7)
        } else if rest.starts_with("tsch") {
            ("ch", 4)
        } else if rest.starts_with("sch") {
            ("sh", 3)
        } else if rest.starts_with("ch") {
            ("kh", 2)
        } else if rest.starts_with("tz") || rest.starts_with('z') {
            ("ts", if rest.starts_with("tz") { 2 } else { 1 })
        } else if rest.starts_with('x') {
            ("ks", 1)
        } else if rest.starts_with("ss") {
            let as_zs = zs_mask & (1 << doubled.min(2)) != 0;
            doubled += 1;
            (if as_zs { "zs" } else { "s" }, 2)
        } else if rest.starts_with('s')
            && vowel(chars.get(i + 1))
            && (if i == 0 {
                initial_z
            } else {
                vowel(chars.get(i - 1))
            })
        {
            ("z", 1)
        } else {
            out.push(chars[i]);
            i += 1;
            continue;
        };
        out.push_str(spelled);
        i += used;
    }
    out
}

/// A word's terms as the index holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WordTerms {
    pub exact: String,
    pub stem: String,
    pub names: Vec<String>,
}

/// How a text is read when it is indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Running text (a transcript, a summary): capitalised words may be names.
    Prose,
    /// A name or a list of names (a person's names, a region's label): every word may be one.
    Names,
}

/// Words folded lately, with how they were read: text repeats its words (a few hundred make
/// up half of any text), and folding a name is the costly part of indexing.
type Cache = std::collections::HashMap<(String, bool, bool, String), WordTerms>;
const CACHE_WORDS: usize = 100_000;

thread_local! {
    static CACHE: std::cell::RefCell<Cache> = std::cell::RefCell::new(Cache::new());
}

/// The index terms of one word of a text.
pub(crate) fn word_terms(token: &Token<'_>, language: &str, reading: Reading) -> WordTerms {
    let word = token.text;
    let capital = capitalised(word);
    let as_name = reading == Reading::Names || capital;
    let unstemmed = is_cyrillic(word) && capital && !token.sentence_start;
    let key = (word.to_owned(), as_name, unstemmed, language.to_owned());
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let exact = fold(word);
    let stem = if unstemmed {
        exact.clone()
    } else {
        stem(word, language)
    };
    let names = if as_name {
        name_terms(word)
    } else {
        Vec::new()
    };
    let terms = WordTerms { exact, stem, names };
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_WORDS {
            c.clear();
        }
        c.insert(key, terms.clone());
    });
    terms
}

/// A text as the three columns of the index: terms separated by spaces.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct IndexedText {
    pub exact: String,
    pub stem: String,
    pub name: String,
}

impl IndexedText {
    pub fn add(&mut self, text: &str, language: &str, reading: Reading) {
        for token in tokens(text) {
            let terms = word_terms(&token, language, reading);
            for (column, term) in [
                (&mut self.exact, &terms.exact),
                (&mut self.stem, &terms.stem),
            ] {
                if !column.is_empty() {
                    column.push(' ');
                }
                column.push_str(term);
            }
            for name in &terms.names {
                if !self.name.is_empty() {
                    self.name.push(' ');
                }
                self.name.push_str(name);
            }
        }
    }
}

/// Indexes one text.
pub(crate) fn index_text(text: &str, language: &str, reading: Reading) -> IndexedText {
    let mut indexed = IndexedText::default();
    indexed.add(text, language, reading);
    indexed
}

/// What one word of a query looks for: any of its stems (in each language searched, and the
/// word itself, which is how an unstemmed name is indexed) in the stem column, or any of its
/// name terms in the name column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct QueryWord {
    pub stems: Vec<String>,
    pub names: Vec<String>,
}

/// The terms a query word looks for; `languages` are the stemmers to try for a Latin word
/// (English always among them).
pub(crate) fn query_word(word: &str, languages: &[String]) -> QueryWord {
    let mut stems = vec![fold(word)];
    let mut push = |s: String| {
        if !s.is_empty() && !stems.contains(&s) {
            stems.push(s);
        }
    };
    push(stem(word, "en"));
    for language in languages {
        push(stem(word, language));
    }
    QueryWord {
        stems,
        names: name_terms(word),
    }
}

#[cfg(test)]
mod tests;
