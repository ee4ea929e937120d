//! Names in many spellings: transliteration, normalisation and fuzzy matching.
//!
//! One person reaches the archive as Серебряков, Serebryakov, Serebriakov, Serebrjakov and, in
//! one source, "Serebrayakova". Three tools bring the spellings together:
//! - [`transliterate`] writes Russian Cyrillic in one of five romanisation systems;
//! - [`match_key`] folds any spelling, Cyrillic or Latin, to a key on which spelling variants of
//!   one name are equal;
//! - [`score`] and [`rank`] compare names by key, word by word, and forgive a typo.
//!
//! No maintained crate covers these five systems (the crates.io ones cover ISO 9 and the passport
//! system, or many systems but no German one, or are GPL), and each table is one line per
//! letter, so the tables are written here.

use serde::{Deserialize, Serialize};
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// A system for writing Russian Cyrillic in Latin letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Transliteration {
    /// ALA-LC, the Library of Congress system used in library catalogues, with its diacritics
    /// and tie bars: Trot͡skiĭ, Serebri͡akov, Ė for э.
    AlaLc,
    /// BGN/PCGN (1947), the English-language system of maps and the press: Trotskiy, Yevgeniy,
    /// Isayeva. The optional middle dot that separates ambiguous pairs (t·s) is not written.
    BgnPcgn,
    /// ISO 9:1995 (GOST 7.79 system A), one Latin letter per Cyrillic letter: Trockij, Serebrâkov.
    Iso9,
    /// The scholarly system of Slavists: Trockij, Serebrjakov, Preobraženskij, x for х.
    Scholarly,
    /// German transcription after Duden: Trotzki, Serebrjakow, Woronski, Issajewa.
    German,
}

/// Writes Russian Cyrillic in Latin letters; other characters are kept as they are.
///
/// Capitals follow the source: a capital letter starts its Latin form with a capital ("Щукин" →
/// "Shchukin"), and a word in capitals stays in capitals ("ЩУКИН" → "SHCHUKIN"). The
/// pre-reform letters і, ѣ, ѳ and ѵ of older captions are written too.
pub fn transliterate(cyrillic: &str, system: Transliteration) -> String {
    let text: Vec<char> = cyrillic.nfc().collect();
    let lower: Vec<char> = text.iter().map(|&c| lowercase(c)).collect();
    let mut out = String::with_capacity(cyrillic.len() * 2);
    let mut i = 0;
    while i < text.len() {
        let c = lower[i];
        let previous = i.checked_sub(1).map(|p| lower[p]);
        let next = lower.get(i + 1).copied();
        let (latin, used) = match latin_letter(system, c, previous, next) {
            Some(latin) => latin,
            None => {
                out.push(text[i]);
                i += 1;
                continue;
            }
        };
        let is_upper = text[i] != c;
        let neighbour_upper = |at: Option<usize>| {
            at.and_then(|p| text.get(p))
                .is_some_and(|&n| n.is_alphabetic() && n.is_uppercase())
        };
        let next_is_letter = text.get(i + used).is_some_and(|n| n.is_alphabetic());
        // ALA-LC capitalises both letters under a tie bar: I͡Uriĭ, T͡Svetaeva.
        let all_caps = is_upper
            && (latin.contains('\u{361}')
                || neighbour_upper(Some(i + used))
                || (neighbour_upper(i.checked_sub(1)) && !next_is_letter));
        if all_caps {
            out.push_str(&latin.to_uppercase());
        } else if is_upper {
            let mut chars = latin.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(&latin);
        }
        i += used;
    }
    out
}

fn lowercase(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn is_cyrillic_vowel(c: char) -> bool {
    "аеёиоуыэюяіѣѵ".contains(c)
}

/// The Latin form of the Cyrillic letter `c` (lower case) and how many letters it used, given
/// its neighbours; `None` when `c` is not a Russian letter.
fn latin_letter(
    system: Transliteration,
    c: char,
    previous: Option<char>,
    next: Option<char>,
) -> Option<(String, usize)> {
    use Transliteration::*;
    let word_start = !previous.is_some_and(char::is_alphabetic);
    let word_end = !next.is_some_and(char::is_alphabetic);
    // BGN/PCGN and German mark the glide of е and ё where Russian spells no consonant before
    // it: at the start of a word, after a vowel, after й, ъ and ь.
    let glide = word_start || previous.is_some_and(|p| is_cyrillic_vowel(p) || "йъь".contains(p));
    let vowel_before = previous.is_some_and(is_cyrillic_vowel);
    let vowel_after = next.is_some_and(is_cyrillic_vowel);
    let contextual = match (system, c) {
        (BgnPcgn, 'е') if glide => Some("ye"),
        (BgnPcgn, 'ё') if glide => Some("yë"),
        (German, 'е') if glide => Some("je"),
        (German, 'ё') if previous.is_some_and(|p| "жчшщ".contains(p)) => Some("o"),
        // Duden: й is not written after и and ы at the end of a word (Gorki, Bely), is j
        // before a vowel and after и or ы before a consonant (Noworossijsk), and i elsewhere
        // (Andrei, Tschuikow).
        (German, 'й') if previous.is_some_and(|p| "иы".contains(p)) && word_end => Some(""),
        (German, 'й') if vowel_after || previous.is_some_and(|p| "иы".contains(p)) => Some("j"),
        (German, 'с') if vowel_before && vowel_after => Some("ss"),
        (German, 'к') if next == Some('с') => return Some(("x".to_owned(), 2)),
        // Duden writes z; after a vowel German spelling doubles it to tz, which gives the
        // customary Trotzki (Duden's own lists have Wyssozki where this gives Wyssotzki).
        (German, 'ц') if vowel_before => Some("tz"),
        (German, 'ь') if next == Some('о') => Some("j"),
        _ => None,
    };
    if let Some(latin) = contextual {
        return Some((latin.to_owned(), 1));
    }
    const LETTERS: &str = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіѣѳѵ";
    let index = LETTERS.chars().position(|l| l == c)?;
    let table: &[&str; 37] = match system {
        AlaLc => &[
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "ë",
            "zh",
            "z",
            "i",
            "ĭ",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "t\u{361}s",
            "ch",
            "sh",
            "shch",
            "ʺ",
            "y",
            "ʹ",
            "ė",
            "i\u{361}u",
            "i\u{361}a",
            "ī",
            "i\u{361}e",
            "ḟ",
            "ẏ",
        ],
        BgnPcgn => &[
            "a", "b", "v", "g", "d", "e", "ë", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
            "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "”", "y", "’", "e", "yu",
            "ya", "i", "e", "f", "i",
        ],
        Iso9 => &[
            "a", "b", "v", "g", "d", "e", "ë", "ž", "z", "i", "j", "k", "l", "m", "n", "o", "p",
            "r", "s", "t", "u", "f", "h", "c", "č", "š", "ŝ", "ʺ", "y", "ʹ", "è", "û", "â", "ì",
            "ě", "f\u{300}", "ỳ",
        ],
        Scholarly => &[
            "a", "b", "v", "g", "d", "e", "ë", "ž", "z", "i", "j", "k", "l", "m", "n", "o", "p",
            "r", "s", "t", "u", "f", "x", "c", "č", "š", "šč", "ʺ", "y", "ʹ", "è", "ju", "ja", "i",
            "ě", "f", "i",
        ],
        German => &[
            "a", "b", "w", "g", "d", "e", "jo", "sch", "s", "i", "i", "k", "l", "m", "n", "o", "p",
            "r", "s", "t", "u", "f", "ch", "z", "tsch", "sch", "schtsch", "", "y", "", "e", "ju",
            "ja", "i", "e", "f", "i",
        ],
    };
    Some((table[index].to_owned(), 1))
}

/// Folds a name to a key on which its spelling variants are equal: Серебряков, Serebryakov,
/// Serebriakov, Serebrjakov and Serebrjakow all give "serebryakov"; Троцкий, Trotsky, Trotskii,
/// Trotskiy, Trockij and Trotzki give "trotski"; Joffe, Ioffe and Иоффе give "yofe".
///
/// The key is lower-case ASCII, one folded word per name word in the order given name(s),
/// family name ("Smilga, Tatiana" and "Tatiana Smilga" give "tatyana smilga"); the parts of a
/// double family name keep their hyphen. Feminine family names fold to the masculine form
/// ("Serebryakova" gives the key of "Serebryakov"), since they name the same family; [`score`]
/// still tells them apart.
///
/// Cyrillic is first written in English-style letters (ж → zh, х → kh, ц → ts, ё → yo, й and
/// ы → y, ь and ъ dropped), and letters whose diacritic carries a sound become the English
/// digraph (ž → zh, ISO 9's â → ya); other diacritics are dropped.
///
/// The rules, applied to each word in order, and why:
/// 1. One spelling per sound, the English-style one (German sch → sh, tsch → ch, tz → ts,
///    w → v; Polish cz → ch, sz → sh; French ou → u; kh → h, as ISO 9 writes х; j → y, the
///    glide й of German and scholarly spellings; ph → f); c is ts before e, i and y and in Slavic -cki/-cky (Trockij, Radecki), k elsewhere (Carl,
///    Victor); x is ks (Alexander, Aleksandr) except before a consonant, where it is the
///    scholarly х (Xruščev).
/// 2. The glide: i before a vowel is y (Serebriakov = Serebryakov, Ioffe = Joffe, Iurii =
///    Yurii, Tatiana = Tatyana); iy and ii before a vowel are y (Mariya = Mariia = Maria); yi
///    after a consonant
///    is i (Ilyich = Il'ich); ye is e everywhere (Yevgeni = Evgeni, Andreyev = Andreev,
///    Zinovyev = Zinov'ev), since only some systems mark the glide of е; yo after a consonant
///    is e (Fyodor = Fëdor = Fedor, Pyotr = Piotr = Petr), since Russian print mostly writes
///    ё as е. Rodionov thereby becomes "rodenov", from every spelling alike.
/// 3. Feminine family names to the masculine form (stem of two letters at least, so that Eva,
///    Nina and Maya stay): -skaya and Polish -ska → -ski, -aya → -i (Belaya = Bely), -ova →
///    -ov, -eva → -ev, -ina → -in, -yna → -yn. Tolstaya/Tolstoy (-aya against -oy) is not
///    covered.
/// 4. Adjectival endings: -iy, -ii, -yy and -y → -i (Trotsky = Trotskii = Trotskiy = Trotzki,
///    Yuri = Yury, Andrey = Andrei); -off and -eff → -ov and -ev (Smirnoff, Sedoff); French
///    -ine → -in (Rogovine, Boukharine); Western -er after a consonant → -r (Alexander =
///    Aleksandr, Peter = Petr).
/// 5. Doubled letters once (Ioffe = Iofe, Wassili = Vasili, Ovseenko = Ovsenko): transliterations
///    double and undouble letters freely.
pub fn match_key(name: &str) -> String {
    let name = Name::parse(name);
    name.in_given_family_order()
        .map(|word| word.key.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The search index's term for one word read as a name: its [`match_key`] fold, with "0"
/// appended when a feminine family-name ending was folded away, so that search keeps
/// Serebryakova and Serebryakov apart as the two people they are while every spelling of each
/// meets. `None` for a word with no letters.
pub(crate) fn name_term(word: &str) -> Option<String> {
    let (words, _) = words(word);
    let mut term = String::new();
    let mut feminine = false;
    for w in words {
        // German spelling writes ж and ш alike (Preobraschenski): search folds zh to sh so
        // that German spellings meet the others; few names differ by that sound alone.
        term.push_str(&w.key.replace('-', "").replace("zh", "sh"));
        feminine = w.feminine;
    }
    if term.is_empty() {
        return None;
    }
    if feminine {
        term.push('0');
    }
    Some(term)
}

/// The search index's terms for the family name of a full name ("Zorya Serebryakova" →
/// ["serebryakov0"], "Antonov-Ovseenko, Vladimir" → ["antonov", "ovsenko"]): each part of
/// the family name as [`name_term`] gives it.
pub(crate) fn family_name_terms(name: &str) -> Vec<String> {
    let name = Name::parse(name);
    let Some(family) = name.words.get(name.family).filter(|w| !w.abbreviation) else {
        return Vec::new();
    };
    let parts: Vec<&str> = family.key.split('-').filter(|p| !p.is_empty()).collect();
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let part = part.replace("zh", "sh");
            if i + 1 == parts.len() && family.feminine {
                format!("{part}0")
            } else {
                part
            }
        })
        .collect()
}

/// The beginning of a name as the search index folds it, for prefix queries ("Троц*" and
/// "Trots*" both give "trots"): spellings folded, endings left alone since a prefix has none.
pub(crate) fn name_prefix_term(prefix: &str) -> String {
    romanize(prefix)
        .split(|c: char| !c.is_alphabetic())
        .map(|part| fold_word(part, true).0.replace("zh", "sh"))
        .collect()
}

/// How a name fits what is being typed into a field that looks for a person, best first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    /// The name starts with it ("Zor" for Zorya Serebryakova, "Sereb" by her sort name).
    Start,
    /// A word of the name starts with it ("Leonidovna" for Zorya Leonidovna Serebryakova).
    WordStart,
    /// The name contains it ("ebrya").
    Within,
    /// The whole of it is another spelling of the name, as [`rank`] scores them
    /// ("Serebrayakova").
    Spelling,
}

/// Text being typed, folded two ways to meet names: as written (lower case without
/// diacritics, so "capek" finds Čapek), and across scripts and spellings as [`match_key`]
/// folds each word, without the ending rules since the end is not typed yet ("Серебр",
/// "Serebrj" and "Serebr" all find Serebryakova).
pub(crate) struct Typed {
    written: String,
    spelled: String,
}

impl Typed {
    pub(crate) fn new(text: &str) -> Typed {
        Typed {
            written: as_written(text),
            spelled: spelled_words(text),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.written.is_empty()
    }

    /// How `name` fits, and whether it did as written (rather than only in another spelling
    /// or script).
    pub(crate) fn fit(&self, name: &str) -> Option<(Fit, bool)> {
        let written = fit_in(&self.written, &as_written(name)).map(|fit| (fit, true));
        let spelled = (!self.spelled.is_empty())
            .then(|| fit_in(&self.spelled, &spelled_words(name)))
            .flatten()
            .map(|fit| (fit, false));
        match (written, spelled) {
            (Some(w), Some(s)) if s.0 < w.0 => Some(s),
            (Some(w), _) => Some(w),
            (None, s) => s,
        }
    }
}

/// Lower case without diacritics, with runs of white space as one space.
fn as_written(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a name or of its beginning, romanised and folded as [`match_key`] folds them
/// but keeping their endings, separated by spaces.
fn spelled_words(text: &str) -> String {
    romanize(text)
        .split(|c: char| !c.is_alphabetic())
        .filter(|part| !part.is_empty())
        .map(|part| fold_word(part, true).0)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where `typed` is in `name`: at its start, at the start of one of its words (after a
/// character that is no letter or digit), or anywhere.
fn fit_in(typed: &str, name: &str) -> Option<Fit> {
    if typed.is_empty() {
        return None;
    }
    if name.starts_with(typed) {
        return Some(Fit::Start);
    }
    let mut fit = None;
    let mut before = None;
    for (at, c) in name.char_indices() {
        if name[at..].starts_with(typed) {
            if before.is_some_and(|b: char| !b.is_alphanumeric()) {
                return Some(Fit::WordStart);
            }
            fit = Some(Fit::Within);
        }
        before = Some(c);
    }
    fit
}

/// A word of a name, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    key: String,
    /// The word had a feminine family-name ending (-ova, -eva, -ina, -skaya, -aya) that was
    /// folded away.
    feminine: bool,
    /// An initial or a shortened name ("L.", "Yu.", "Iv."), matched as a prefix.
    abbreviation: bool,
}

impl Word {
    fn is_patronymic(&self) -> bool {
        !self.abbreviation
            && self.key.len() >= 5
            && ["ovich", "evich", "ich", "ovna", "evna", "ichna"]
                .iter()
                .any(|end| self.key.ends_with(end))
    }
}

/// A name as words, with which of them is the family name.
#[derive(Debug, Clone)]
struct Name {
    words: Vec<Word>,
    /// Where the family name is.
    family: usize,
    /// Whether the order is known (a comma, a patronymic, or one word); otherwise "Trotsky Lev"
    /// may be family-first, as Russian documents write names, and [`score`] tries both.
    order_known: bool,
}

impl Name {
    fn parse(name: &str) -> Name {
        let (words, before_comma) = words(name);
        let patronymic = |i: usize| words.get(i).is_some_and(Word::is_patronymic);
        let (family, order_known) =
            if let Some(count) = before_comma.filter(|&c| c > 0 && c < words.len()) {
                // "Smilga, Tatiana" or "Antonov-Ovseenko, Vladimir Aleksandrovich".
                (count - 1, true)
            } else if words.len() >= 3 && patronymic(words.len() - 1) && !patronymic(1) {
                // "Серебряков Леонид Петрович": family name, given name, patronymic.
                (0, true)
            } else {
                (
                    words.len().saturating_sub(1),
                    words.len() <= 1 || (words.len() >= 3 && patronymic(1)),
                )
            };
        Name {
            words,
            family,
            order_known,
        }
    }

    fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn in_given_family_order(&self) -> impl Iterator<Item = &Word> {
        let family = self.family;
        self.words
            .iter()
            .enumerate()
            .filter(move |&(i, _)| i != family)
            .map(|(_, w)| w)
            .chain(self.words.get(family))
    }

    /// The readings of this name: the likely one first; then, when the order is not known,
    /// family-first ("Trotsky Lev") and the last two words as one double family name written
    /// without its hyphen ("Antonov Ovseenko").
    fn readings(&self) -> Vec<Reading> {
        let mut readings = vec![self.reading(self.family, 1.0)];
        if !self.order_known && self.family != 0 {
            readings.push(self.reading(0, ALTERNATE_READING));
            let (given, double) = self.words.split_at(self.words.len() - 2);
            if double.iter().all(|w| !w.abbreviation) {
                let family = Word {
                    key: format!("{}-{}", double[0].key, double[1].key),
                    feminine: double[1].feminine,
                    abbreviation: false,
                };
                readings.push(Reading {
                    family,
                    given: given.first().cloned(),
                    middle: given.get(1).cloned(),
                    weight: ALTERNATE_READING,
                    joined: true,
                });
            }
        }
        readings
    }

    fn reading(&self, family: usize, weight: f64) -> Reading {
        let mut others = self
            .words
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != family)
            .map(|(_, w)| w.clone());
        Reading {
            family: self.words[family].clone(),
            given: others.next(),
            middle: others.next(),
            weight,
            joined: false,
        }
    }
}

/// One way to read a name: which word is the family name, which the given name and which the
/// patronymic or middle name.
struct Reading {
    family: Word,
    given: Option<Word>,
    middle: Option<Word>,
    /// 1 for the likely reading, less for the others, so that they win only when they fit
    /// clearly better.
    weight: f64,
    /// The family name was made by joining two words; it is compared only with double family
    /// names, or "Lev Sedov" would be read as part of a double name "Lev".
    joined: bool,
}

impl Reading {
    fn is_alternate(&self) -> bool {
        self.weight < 1.0
    }
}

/// Splits a name into folded words; also how many words come before the first comma.
fn words(name: &str) -> (Vec<Word>, Option<usize>) {
    let mut words = Vec::new();
    let mut before_comma = None;
    let mut current = String::new();
    let push = |words: &mut Vec<Word>, current: &mut String, abbreviated: bool| {
        if !current.is_empty() {
            let word = fold_name_word(current, abbreviated);
            if !word.key.is_empty() {
                words.push(word);
            }
            current.clear();
        }
    };
    for c in romanize(name).chars() {
        if c.is_alphabetic() || (c == '-' && !current.is_empty()) {
            current.push(c);
            continue;
        }
        push(&mut words, &mut current, c == '.');
        if c == ',' && before_comma.is_none() {
            before_comma = Some(words.len());
        }
    }
    push(&mut words, &mut current, false);
    (words, before_comma)
}

fn fold_name_word(word: &str, abbreviated: bool) -> Word {
    let abbreviation = abbreviated || word.chars().count() == 1;
    let parts: Vec<(String, bool)> = word
        .split('-')
        .filter(|p| !p.is_empty())
        .map(|part| fold_word(part, abbreviation))
        .collect();
    Word {
        key: parts
            .iter()
            .map(|(key, _)| key.as_str())
            .collect::<Vec<_>>()
            .join("-"),
        feminine: parts.last().is_some_and(|&(_, feminine)| feminine),
        abbreviation,
    }
}

/// Lower case, Cyrillic written in Latin letters, diacritics taken off. Letters whose
/// diacritic carries a sound become the English digraph first (ž → zh, š → sh, č → ch, ŝ → shch,
/// ë → yo, ISO 9's â → ya and û → yu, ALA-LC's ĭ → y), so that every system lands on the same
/// letters; other marks, apostrophes and the soft and hard signs are dropped.
fn romanize(name: &str) -> String {
    let mut latin = String::with_capacity(name.len());
    for c in name.nfc().flat_map(char::to_lowercase) {
        match cyrillic_for_key(c) {
            Some(letters) => latin.push_str(letters),
            None => latin.push(c),
        }
    }
    let decomposed: Vec<char> = latin.nfd().collect();
    let mut out = String::with_capacity(decomposed.len());
    let mut i = 0;
    while i < decomposed.len() {
        let c = decomposed[i];
        let mark = decomposed
            .get(i + 1)
            .copied()
            .filter(|&m| is_combining_mark(m));
        let spelled = match (c, mark) {
            ('z', Some('\u{30C}')) => Some("zh"),
            ('s', Some('\u{30C}')) => Some("sh"),
            ('c', Some('\u{30C}')) => Some("ch"),
            ('s', Some('\u{302}')) => Some("shch"),
            ('e', Some('\u{308}')) => Some("yo"),
            ('a', Some('\u{302}')) => Some("ya"),
            ('u', Some('\u{302}')) => Some("yu"),
            ('i', Some('\u{306}')) => Some("y"),
            _ => None,
        };
        if let Some(spelled) = spelled {
            out.push_str(spelled);
            i += 2;
            continue;
        }
        i += 1;
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ß' => out.push_str("ss"),
            'ł' => out.push('l'),
            'ø' => out.push('o'),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'đ' => out.push('d'),
            'ı' => out.push('i'),
            // Apostrophes, primes and the modifier letters of ALA-LC and ISO 9 for ь and ъ.
            '\'' | '’' | '‘' | 'ʹ' | 'ʺ' | 'ʼ' | '”' | '“' | '`' | '´' | '′' | '″' =>
                {}
            _ => out.push(c),
        }
    }
    out
}

/// Russian Cyrillic (and the pre-reform letters) for keys: the English-style letters that
/// [`fold_word`] expects, with ё as yo so that it folds like the Latin yo of Fyodor.
fn cyrillic_for_key(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ѣ' | 'э' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ѵ' => "i",
        'й' | 'ы' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' | 'ѳ' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Spellings of one sound in the transliterations this archive meets, longest first. Each
/// becomes the English-style spelling of the Russian sound.
const SPELLINGS: &[(&str, &str)] = &[
    // German щ, ч, ш/ж; Polish щ, ч, ш; French ч.
    ("schtsch", "shch"),
    ("szcz", "shch"),
    ("tsch", "ch"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("cz", "ch"),
    ("sz", "sh"),
    // х: kh in English, h in ISO 9 and in Western names. German ch for х is left alone, since
    // ch is ч in English; the typo tolerance of score() covers Bucharin for Bukharin.
    ("kh", "h"),
    ("ch", "ch"),
    // Western spellings of Greek names: Adolph/Adolf, Theodor/Teodor.
    ("ph", "f"),
    ("th", "t"),
    // German tz and Slavic c are ц: Trotzki, Trockij.
    ("tz", "ts"),
    ("q", "k"),
    // German w is в: Serebrjakow, Woronski.
    ("w", "v"),
    // j is the glide й in German, Scholarly and ISO spellings: Jurij, Serebrjakov, Joffe. In
    // English j is дж, but English transliterations of Russian write дж as dzh.
    ("j", "y"),
    // French ou for у: Boukharine.
    ("ou", "u"),
];

/// Folds one word (or one part of a hyphenated name) of lower-case Latin letters; also whether
/// a feminine ending was folded away. `abbreviation`: keep the endings of "Yu." or "Iv." as
/// they are, since they are not endings. The rules are listed on [`match_key`].
fn fold_word(word: &str, abbreviation: bool) -> (String, bool) {
    let word = word.as_bytes();
    let mut spelled = Vec::with_capacity(word.len() + 4);
    let mut i = 0;
    'letters: while i < word.len() {
        let rest = &word[i..];
        let next = |n: usize| word.get(i + n).copied();
        match rest[0] {
            b'c' if !rest.starts_with(b"ch") && !rest.starts_with(b"cz") => {
                if rest.starts_with(b"ck") {
                    spelled.extend_from_slice(if matches!(next(2), Some(b'i' | b'y')) {
                        b"tsk"
                    } else {
                        b"k"
                    });
                    i += 2;
                } else {
                    spelled.extend_from_slice(if matches!(next(1), Some(b'e' | b'i' | b'y')) {
                        b"ts"
                    } else {
                        b"k"
                    });
                    i += 1;
                }
                continue;
            }
            b'x' => {
                let before_consonant =
                    next(1).is_some_and(|n| n.is_ascii_alphabetic() && !is_vowel(n));
                spelled.extend_from_slice(if before_consonant { b"h" } else { b"ks" });
                i += 1;
                continue;
            }
            _ => {}
        }
        for (from, to) in SPELLINGS {
            if rest.starts_with(from.as_bytes()) {
                spelled.extend_from_slice(to.as_bytes());
                i += from.len();
                continue 'letters;
            }
        }
        spelled.push(rest[0]);
        i += 1;
    }

    let glided = fold_glides(&spelled);
    let (ended, feminine) = if abbreviation || glided.len() < 3 {
        (glided, false)
    } else {
        fold_endings(glided)
    };
    // The rules above rewrite ASCII letters only, so the bytes are still UTF-8: letters of
    // other scripts (Greek, Georgian, a Latin letter no table knows) pass through whole. Read
    // them as bytes, one per char, and they became other letters ("Σ" was "Î£").
    let ended = String::from_utf8(ended)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let mut key = String::with_capacity(ended.len());
    for c in ended.chars() {
        if !key.ends_with(c) {
            key.push(c);
        }
    }
    (key, feminine)
}

/// Rule 2 of [`match_key`].
fn fold_glides(word: &[u8]) -> Vec<u8> {
    let is_consonant = |c: Option<&u8>| c.is_some_and(|&c| c.is_ascii_alphabetic() && !is_vowel(c));
    let glide_vowel = |c: Option<&u8>| matches!(c, Some(b'a' | b'e' | b'o' | b'u'));
    let mut out: Vec<u8> = Vec::with_capacity(word.len());
    let mut i = 0;
    while i < word.len() {
        let c = word[i];
        let next = word.get(i + 1);
        if (c == b'i' || c == b'y')
            && matches!(next, Some(b'i' | b'y'))
            && glide_vowel(word.get(i + 2))
        {
            // iy, ii, yy before a vowel: one glide (Mariya, Mariia).
            i += 1;
            continue;
        }
        let c = if c == b'i' && glide_vowel(next) {
            b'y'
        } else {
            c
        };
        if c == b'y' {
            match next {
                Some(b'i') if is_consonant(out.last()) => {
                    i += 1;
                    continue;
                }
                Some(b'e') => {
                    i += 1;
                    continue;
                }
                Some(b'o') if is_consonant(out.last()) => {
                    out.push(b'e');
                    i += 2;
                    continue;
                }
                _ => {}
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Rules 3 and 4 of [`match_key`].
fn fold_endings(mut word: Vec<u8>) -> (Vec<u8>, bool) {
    const FEMININE: &[(&str, &str)] = &[
        ("skaya", "ski"),
        ("ska", "ski"),
        ("aya", "i"),
        ("ova", "ov"),
        ("eva", "ev"),
        ("ina", "in"),
        ("yna", "yn"),
    ];
    let mut feminine = false;
    for (ending, masculine) in FEMININE {
        if word.ends_with(ending.as_bytes()) && word.len() >= ending.len() + 2 {
            word.truncate(word.len() - ending.len());
            word.extend_from_slice(masculine.as_bytes());
            feminine = true;
            break;
        }
    }
    if !feminine {
        if ["iy", "ii", "yy"]
            .iter()
            .any(|end| word.ends_with(end.as_bytes()))
        {
            word.truncate(word.len() - 2);
            word.push(b'i');
        } else if word.ends_with(b"y") {
            word.pop();
            word.push(b'i');
        } else if word.ends_with(b"off") || word.ends_with(b"eff") {
            word.truncate(word.len() - 2);
            word.push(b'v');
        } else if word.len() >= 6 && word.ends_with(b"ine") {
            word.pop();
        } else if word.len() >= 5 && word.ends_with(b"er") && !is_vowel(word[word.len() - 3]) {
            word.remove(word.len() - 2);
        }
    }
    (word, feminine)
}

/// A family name that matches but in the other gender ("Serebryakova" for Serebryakov): the
/// same family, probably not the same person.
const GENDER_MISMATCH: f64 = 0.88;
/// A family name that differs from the candidate's key (a typo, an unfolded spelling) counts
/// at most this much, so that a typo alone never makes a link confident.
const FUZZY_CAP: f64 = 0.9;
/// One part of a double family name ("Antonov" for Antonov-Ovseenko).
const PART_OF_DOUBLE_NAME: f64 = 0.9;
/// The query gives only a family name: right family, person unconfirmed.
const FAMILY_ONLY: f64 = 0.95;
/// The query gives a given name but the candidate's name has none to check it against.
const GIVEN_UNCHECKED: f64 = 0.9;
/// An initial that fits the given name ("L." for Leon): weaker than the name itself.
const INITIAL_FITS: f64 = 0.97;
/// Given names that contradict ("Tatiana" against "Ivar" Smilga): the same family, another
/// person; kept as a weak candidate in case the source has the given name wrong.
const GIVEN_CONTRADICTS: f64 = 0.75;
/// Patronymics that contradict.
const PATRONYMIC_CONTRADICTS: f64 = 0.85;
/// Two given names (or patronymics) agree from this similarity of their keys on.
const GIVEN_AGREES: f64 = 0.85;
/// The family-first reading of a name whose order is not known ("Trotsky Lev").
const ALTERNATE_READING: f64 = 0.98;

/// How well `candidate` fits `query`, from 0 (no relation) to 1 (the same name).
///
/// Both names are folded with [`match_key`] and compared word by word: the family names must
/// match (exactly, in the other gender, as one part of a double name, or as a typo by
/// Jaro-Winkler and Damerau-Levenshtein similarity); given names and initials that agree
/// raise the score, given names that contradict lower it. A query with a family name only
/// ("Serebryakov") scores 0.95 against a full name with that family name.
pub fn score(query: &str, candidate: &str) -> f64 {
    score_names(&Name::parse(query), &Name::parse(candidate))
}

fn score_names(query: &Name, candidate: &Name) -> f64 {
    if query.is_empty() || candidate.is_empty() {
        return 0.0;
    }
    let ordered = |name: &Name| name.in_given_family_order().cloned().collect::<Vec<_>>();
    if ordered(query) == ordered(candidate) {
        return 1.0;
    }
    let compact = |name: &Name| {
        name.in_given_family_order()
            .flat_map(|w| w.key.chars())
            .filter(|&c| c != '-')
            .collect::<String>()
    };
    let same_gender =
        query.words[query.family].feminine == candidate.words[candidate.family].feminine;
    if same_gender && compact(query) == compact(candidate) {
        // "Antonov Ovseenko" for "Antonov-Ovseenko".
        return 1.0;
    }
    let mut best: f64 = 0.0;
    let candidate_readings = candidate.readings();
    for q in query.readings() {
        for c in &candidate_readings {
            // Two family-first readings compare given names as if they were family names
            // ("Lev Sedov" with "Lev Sosnovsky"); one of them suffices for "Trotsky Lev".
            let both_alternate = q.is_alternate() && c.is_alternate();
            let joined_alone = (q.joined && !c.family.key.contains('-'))
                || (c.joined && !q.family.key.contains('-'));
            if both_alternate || joined_alone {
                continue;
            }
            let (score, contradicted) = score_reading(&q, c);
            // A reading other than the likely one is there to explain a swapped order; if the
            // given names still contradict, it explains nothing ("Trotsky Lev" is not Lev Sedov).
            if !(contradicted && (q.is_alternate() || c.is_alternate())) {
                best = best.max(score * q.weight * c.weight);
            }
        }
    }
    best.clamp(0.0, 1.0)
}

/// The score of one reading against another, and whether their given names contradict.
fn score_reading(query: &Reading, candidate: &Reading) -> (f64, bool) {
    let family = family_similarity(&query.family, &candidate.family);
    let (given, contradicted) = match (&query.given, &candidate.given) {
        (None, _) => (FAMILY_ONLY, false),
        (Some(_), None) => (GIVEN_UNCHECKED, false),
        (Some(q), Some(c)) => match word_agreement(q, c) {
            Some(agreement) => (agreement, false),
            None => (GIVEN_CONTRADICTS, true),
        },
    };
    let middle = match (&query.middle, &candidate.middle) {
        (Some(q), Some(c)) if word_agreement(q, c).is_none() => PATRONYMIC_CONTRADICTS,
        _ => 1.0,
    };
    (family * given * middle, contradicted)
}

/// How far two given names (or patronymics) agree, or `None` when they contradict.
fn word_agreement(a: &Word, b: &Word) -> Option<f64> {
    if a.abbreviation || b.abbreviation {
        let fits = b.key.starts_with(&a.key) || a.key.starts_with(&b.key);
        return fits.then_some(INITIAL_FITS);
    }
    let similarity = key_similarity(&a.key, &b.key);
    (similarity >= GIVEN_AGREES).then_some(0.9 + 0.1 * similarity)
}

fn family_similarity(query: &Word, candidate: &Word) -> f64 {
    let gender = if query.feminine == candidate.feminine {
        1.0
    } else {
        GENDER_MISMATCH
    };
    if query.key == candidate.key {
        return gender;
    }
    let parts = |word: &Word| word.key.split('-').map(str::to_owned).collect::<Vec<_>>();
    let (query_parts, candidate_parts) = (parts(query), parts(candidate));
    if (candidate_parts.len() > 1 && candidate_parts.contains(&query.key))
        || (query_parts.len() > 1 && query_parts.contains(&candidate.key))
    {
        return PART_OF_DOUBLE_NAME * gender;
    }
    FUZZY_CAP * key_similarity(&query.key, &candidate.key) * gender
}

/// The mean of Jaro-Winkler similarity, which forgives a typo late in a long name, and
/// normalised Damerau-Levenshtein similarity, which keeps short names that share only a first
/// letter or two ("Radek", "Rakovski") apart.
fn key_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    (strsim::jaro_winkler(a, b) + strsim::normalized_damerau_levenshtein(a, b)) / 2.0
}

/// A person who may be the one a name refers to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Candidate {
    /// The person's id.
    pub id: String,
    /// The name or variant of that person that fitted best.
    pub name: String,
    /// How well it fitted, from 0 to 1 (see [`score`]).
    pub score: f64,
    /// Safe to link without asking: see [`CONFIDENT_SCORE`] and [`CONFIDENT_MARGIN`].
    pub confident: bool,
}

/// Candidates scoring below this are left out. A family name with a typo ("Trotksy", about
/// 0.78), in the other gender (0.84) or with a contradicting given name (0.75) stays in;
/// unrelated names that share a few letters ("Smith" for Smilga, "Radek" for Rakovsky, about
/// 0.5) fall out.
pub const MIN_SCORE: f64 = 0.7;

/// The best candidate is confident from this score on: the family name matches by key (no
/// typo: those are capped lower) and nothing contradicts. A family name alone (0.95) qualifies.
pub const CONFIDENT_SCORE: f64 = 0.9;

/// ...and when it is this far ahead of the next person: two people with the family name and
/// no given name to choose between them (Adolph and Nadezhda Joffe for "Joffe") are not
/// confident; the same family name in the other gender (0.95 against 0.84) is far enough.
pub const CONFIDENT_MARGIN: f64 = 0.08;

/// The people a name may refer to, best first. Each person comes with all their names and
/// spellings and is scored by the one that fits best; people below [`MIN_SCORE`] are left out,
/// and ties are ordered by id so that the order is stable. Only the first candidate can be
/// confident.
pub fn rank<'a>(
    query: &str,
    people: impl IntoIterator<Item = (&'a str, &'a [String])>,
) -> Vec<Candidate> {
    let query = Name::parse(query);
    let mut candidates: Vec<Candidate> = people
        .into_iter()
        .filter_map(|(id, names)| {
            let mut best: Option<(&String, f64)> = None;
            for name in names {
                let score = score_names(&query, &Name::parse(name));
                if best.is_none_or(|(_, top)| score > top) {
                    best = Some((name, score));
                }
            }
            let (name, score) = best.filter(|&(_, score)| score >= MIN_SCORE)?;
            Some(Candidate {
                id: id.to_owned(),
                name: name.clone(),
                score,
                confident: false,
            })
        })
        .collect();
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    let runner_up = candidates.get(1).map_or(0.0, |c| c.score);
    if let Some(best) = candidates.first_mut() {
        best.confident =
            best.score >= CONFIDENT_SCORE && best.score - runner_up >= CONFIDENT_MARGIN;
    }
    candidates
}

/// The nominative forms a Russian surname or given name may have when written in another
/// case: "Троцким" gives "Троцкий", "Радека" gives "Радек", "Смилгой" gives "Смилга",
/// "Серебряковым" gives "Серебряков". Over-generating is harmless: a form counts only when it
/// is the key of a known person's name. An English possessive ("Trotsky's") is dropped.
pub(crate) fn lemmas(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_owned()];
    for possessive in ["'s", "’s"] {
        if let Some(stem) = word.strip_suffix(possessive) {
            forms.push(stem.to_owned());
        }
    }
    if !word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
        return forms;
    }
    // Ending in an oblique case → the nominative endings it may come from.
    const ENDINGS: &[(&str, &[&str])] = &[
        ("ого", &["ий", "ой", "ый"]),
        ("его", &["ий"]),
        ("ому", &["ий", "ой", "ый"]),
        ("ему", &["ий"]),
        ("ими", &["ие"]),
        ("ым", &["ый", ""]),
        ("им", &["ий", ""]),
        // The prepositional of adjectival surnames too: "о Троцком", "о Горьком".
        ("ом", &["", "ой", "ий", "ый"]),
        ("ем", &["ь", "й", "", "ий"]),
        ("ой", &["ая", "а"]),
        ("ей", &["яя", "я", "ь"]),
        ("ую", &["ая"]),
        ("ою", &["а"]),
        ("а", &["", "ь", "й"]),
        ("я", &["ь", "й"]),
        ("у", &["", "а"]),
        ("ю", &["ь", "й", "я"]),
        ("е", &["", "а", "ь"]),
        ("и", &["а", "ь", "я"]),
        ("ы", &["а"]),
    ];
    for (ending, nominatives) in ENDINGS {
        if let Some(stem) = word.strip_suffix(ending) {
            if stem.chars().count() >= 2 {
                forms.extend(nominatives.iter().map(|n| format!("{stem}{n}")));
            }
        }
    }
    forms
}

#[cfg(test)]
mod tests;
