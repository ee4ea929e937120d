//! Group-photo captions parsed into rows of names, left to right.
//!
//! A caption such as "Sitting (left to right): Serebryakov, Radek and Trotsky. Standing: Rakovsky
//! and Drobnis" becomes one [`CaptionRow`] per row label, each with its names in left-to-right
//! order, spelled exactly as the caption spells them, so the curator can confirm a name against
//! the caption before it is linked to a person.
//!
//! How a caption is read:
//! - A row starts at a *label* ("Sitting", "Back row", "In the top row", "Сидят", "Во втором
//!   ряду") followed by a colon or dash, by an ordering phrase ("left to right", "(l-r)",
//!   "L to R", "from right", "слева направо"), or by both.
//! - An ordering phrase with no label before it ("Left to right: ...", "(L-R) ...") starts a row
//!   whose label is empty: the caption names no row, and an empty label lets the UI show none.
//!   When such a phrase is followed at once by labelled rows ("From left, sitting: ...; standing:
//!   ..."), it sets the direction of the rows that do not give their own.
//! - A row ends at the next row, at a line break, or at a full stop that ends a sentence; the
//!   period after an initial ("I.N. Smirnov", "L. D. Trotsky", "Yu. Primakov") does not.
//! - Names are separated by commas, semicolons, "and", "&" and "и"; separators inside
//!   parentheses do not count, so "Rakovsky (partly hidden, behind Radek)" stays one name. A
//!   closing "and others", "etc." or "и др." is dropped, and so is the "are" of "Standing, from
//!   left, are ...". A dash between names is not a separator.
//! - Rows read right to left ("right to left", "r. to l.", "from right", "справа налево") are
//!   reversed, so names are always left to right.
//! - Placeholders ("unidentified", "unknown man", "(unidentified)", "неизвестный") are kept in
//!   their place; [`is_placeholder`] tells them apart from names.
//! - A caption with neither labels nor an ordering phrase has no rows: a bare list of names does
//!   not say in which order the people stand.
//!
//! The reader is hand-written rather than built on a parser or regex crate: the grammar is a
//! handful of phrases, and the tricky part (which period ends a row, which parentheses belong
//! to a name) needs the token context that a table of patterns does not give.

use serde::{Deserialize, Serialize};
use unicode_normalization::char::is_combining_mark;

/// A caption read as rows of people.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ParsedCaption {
    /// The rows in the order the caption gives them.
    pub rows: Vec<CaptionRow>,
    /// The text before the first row ("Members of the Left Opposition in 1927."), or the whole
    /// caption when it has no rows. Not sent to the UI, which shows the caption itself.
    #[serde(skip)]
    pub preamble: String,
}

/// One row of a group photo.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CaptionRow {
    /// The row's label as written ("Sitting", "Back row", "Во втором ряду"), without its
    /// ordering phrase; empty when the caption gives only an ordering ("Left to right: ...").
    pub label: String,
    /// The names from left to right, each exactly as written; placeholders keep their place.
    pub names: Vec<String>,
}

/// Reads a caption into rows of names.
pub fn parse(text: &str) -> ParsedCaption {
    let tokens = tokenize(text);
    let headers = find_headers(&tokens);
    let preamble = match headers.first() {
        Some(first) => text[..tokens[first.start].start].trim(),
        None => text.trim(),
    };

    let mut rows = Vec::new();
    let mut default_direction = Direction::LeftToRight;
    for (index, header) in headers.iter().enumerate() {
        let body_end = headers
            .get(index + 1)
            .map_or(tokens.len(), |next| next.start);
        let mut names = names_between(text, &tokens, header.body, body_end);
        let label = header.label.map_or("", |(start, end)| &text[start..end]);
        if header.label.is_none() && names.is_empty() {
            if let Some(direction) = header.direction {
                default_direction = direction;
            }
            continue;
        }
        if names.is_empty() {
            continue;
        }
        if header.direction.unwrap_or(default_direction) == Direction::RightToLeft {
            names.reverse();
        }
        rows.push(CaptionRow {
            label: label.to_owned(),
            names,
        });
    }
    ParsedCaption {
        rows,
        preamble: preamble.to_owned(),
    }
}

/// Whether a caption entry stands for someone not identified ("unidentified", "unknown man",
/// "(unidentified)", "?", "неизвестный") rather than naming a person.
pub fn is_placeholder(name: &str) -> bool {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '?')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return false;
    }
    if words.iter().all(|w| w.chars().all(|c| c == '?')) {
        return true;
    }
    if matches!(
        words.as_slice(),
        ["n", "n"] | ["nn"] | ["not", "identified", ..]
    ) {
        return true;
    }
    words.iter().any(|word| {
        matches!(
            *word,
            "unidentified" | "unknown" | "unnamed" | "anonymous" | "unrecognized"
        ) || ["неизвестн", "неустановлен", "неопознан", "неизв"]
            .iter()
            .any(|stem| word.starts_with(stem))
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    LeftToRight,
    RightToLeft,
}

/// Where a row begins: its label (if any), its direction (if given) and where its names start.
#[derive(Debug)]
struct Header {
    /// The first token of the header; the previous row's names stop here.
    start: usize,
    /// Byte span of the label.
    label: Option<(usize, usize)>,
    direction: Option<Direction>,
    /// The first token after the header.
    body: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Punct(char),
    LineBreak,
}

#[derive(Debug)]
struct Token<'a> {
    kind: Kind,
    /// Lower-cased text, for matching phrases.
    lower: String,
    text: &'a str,
    start: usize,
    end: usize,
    /// Whitespace comes before it: "I.N." is one name, "Radek. Standing" is two sentences.
    spaced: bool,
    /// How many parentheses are open before it; headers inside a name's parenthetical remark
    /// ("(second from left)") are not headers.
    depth: u32,
}

impl Token<'_> {
    fn is_punct(&self, chars: &[char]) -> bool {
        matches!(self.kind, Kind::Punct(c) if chars.contains(&c))
    }

    fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
}

/// Letters, digits and combining marks (stress marks in "Тро́цкий") make words; a hyphen or
/// apostrophe between two of them joins ("Antonov-Ovseenko", "l-r", "O'Brien").
fn tokenize(text: &str) -> Vec<Token<'_>> {
    let is_word_char = |c: char| c.is_alphanumeric() || is_combining_mark(c);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens: Vec<Token<'_>> = Vec::new();
    let mut depth = 0u32;
    let mut spaced = false;
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            if (c == '\n' || c == '\r')
                && !matches!(tokens.last(), Some(t) if t.kind == Kind::LineBreak)
            {
                tokens.push(Token {
                    kind: Kind::LineBreak,
                    lower: String::new(),
                    text: &text[start..start + c.len_utf8()],
                    start,
                    end: start + c.len_utf8(),
                    spaced,
                    depth,
                });
            }
            spaced = true;
            i += 1;
            continue;
        }
        let (kind, end_index) = if is_word_char(c) {
            let mut j = i + 1;
            while j < chars.len() {
                let d = chars[j].1;
                let joins = matches!(d, '-' | '‐' | '\'' | '’' | 'ʼ')
                    && chars
                        .get(j + 1)
                        .is_some_and(|&(_, next)| is_word_char(next));
                if is_word_char(d) || joins {
                    j += 1;
                } else {
                    break;
                }
            }
            (Kind::Word, j)
        } else {
            (Kind::Punct(c), i + 1)
        };
        let end = chars
            .get(end_index)
            .map_or(text.len(), |&(offset, _)| offset);
        let token_text = &text[start..end];
        if matches!(kind, Kind::Punct(')' | ']')) {
            depth = depth.saturating_sub(1);
        }
        tokens.push(Token {
            kind,
            lower: token_text.to_lowercase(),
            text: token_text,
            start,
            end,
            spaced,
            depth,
        });
        if matches!(kind, Kind::Punct('(' | '[')) {
            depth += 1;
        }
        spaced = false;
        i = end_index;
    }
    tokens
}

/// Ordering phrases, as words; "-" stands for any dash or slash, and a period right after a
/// word ("l. to r.") is skipped.
const LEFT_TO_RIGHT: &[&[&str]] = &[
    &["from", "the", "left", "to", "the", "right"],
    &["from", "the", "left", "to", "right"],
    &["from", "left", "to", "right"],
    &["left", "to", "right"],
    &["left-to-right"],
    &["left-right"],
    &["from", "the", "left"],
    &["from", "left"],
    &["l", "to", "r"],
    &["l-to-r"],
    &["l-r"],
    &["l", "-", "r"],
    &["слева", "направо"],
    &["слева-направо"],
    &["слева"],
];

const RIGHT_TO_LEFT: &[&[&str]] = &[
    &["from", "the", "right", "to", "the", "left"],
    &["from", "the", "right", "to", "left"],
    &["from", "right", "to", "left"],
    &["right", "to", "left"],
    &["right-to-left"],
    &["right-left"],
    &["from", "the", "right"],
    &["from", "right"],
    &["r", "to", "l"],
    &["r-to-l"],
    &["r-l"],
    &["r", "-", "l"],
    &["справа", "налево"],
    &["справа-налево"],
    &["справа"],
];

/// The longest ordering phrase starting at `at`: where it ends and which way it reads.
fn ordering_at(tokens: &[Token<'_>], at: usize) -> Option<(usize, Direction)> {
    let phrases = LEFT_TO_RIGHT
        .iter()
        .map(|p| (p, Direction::LeftToRight))
        .chain(RIGHT_TO_LEFT.iter().map(|p| (p, Direction::RightToLeft)));
    phrases
        .filter_map(|(phrase, direction)| {
            phrase_end(tokens, at, phrase).map(|end| (end, direction))
        })
        .max_by_key(|&(end, _)| end)
}

fn phrase_end(tokens: &[Token<'_>], at: usize, phrase: &[&str]) -> Option<usize> {
    let mut i = at;
    for &part in phrase {
        let token = tokens.get(i)?;
        let matched = if part == "-" {
            token.is_punct(&['-', '–', '—', '/'])
        } else {
            token.lower == part
        };
        if !matched {
            return None;
        }
        i += 1;
        if token.is_word()
            && tokens
                .get(i)
                .is_some_and(|t| t.is_punct(&['.']) && !t.spaced)
        {
            i += 1;
        }
    }
    Some(i)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelWord {
    /// Names a row or a posture: "row", "front", "sitting", "ряду", "стоят".
    Head,
    /// "first", "second", "второй": a row only with a head ("second row"), since "second from
    /// left" describes one person.
    Ordinal,
    /// "in", "the", "в", "на": part of a label, never one by itself.
    Filler,
}

fn label_word(lower: &str) -> Option<LabelWord> {
    use LabelWord::*;
    let class = match lower {
        "sitting" | "seated" | "standing" | "kneeling" | "squatting" | "crouching" | "lying"
        | "reclining" | "front" | "back" | "rear" | "top" | "bottom" | "middle" | "centre"
        | "center" | "upper" | "lower" | "foreground" | "background" | "row" | "rows" => Head,
        "first" | "second" | "third" | "fourth" | "fifth" | "sixth" | "last" | "1st" | "2nd"
        | "3rd" | "4th" | "5th" | "6th" => Ordinal,
        "in" | "the" | "on" | "at" | "floor" | "ground" => Filler,
        "сидят" | "сидит" | "сидящие" | "стоят" | "стоит" | "стоящие" | "лежат" | "лежит"
        | "вверху" | "внизу" | "корточках" | "ряд" | "ряду" | "ряда" | "ряды" | "верхний"
        | "верхнем" | "верхнего" | "нижний" | "нижнем" | "нижнего" | "средний" | "среднем"
        | "среднего" | "передний" | "переднем" | "переднего" | "задний" | "заднем" | "заднего" => {
            Head
        }
        "первый" | "первом" | "первого" | "второй" | "втором" | "второго" | "третий"
        | "третьем" | "третьего" | "четвёртый" | "четвертый" | "четвёртом" | "четвертом"
        | "пятый" | "пятом" | "последний" | "последнем" => Ordinal,
        "в" | "во" | "на" => Filler,
        number if number.len() <= 2 && number.chars().all(|c| c.is_ascii_digit()) => Ordinal,
        _ => return None,
    };
    Some(class)
}

/// The label whose last word is `tokens[last]`: the run of label words before it (commas may
/// join them: "Front row, seated"), if the run has a head and stands outside parentheses.
fn label_ending_at(tokens: &[Token<'_>], last: Option<usize>) -> Option<usize> {
    let is_label_word = |i: usize| tokens[i].is_word() && label_word(&tokens[i].lower).is_some();
    let last = last?;
    if !is_label_word(last) {
        return None;
    }
    let mut first = last;
    while first > 0 {
        if is_label_word(first - 1) {
            first -= 1;
        } else if first >= 2 && tokens[first - 1].is_punct(&[',']) && is_label_word(first - 2) {
            first -= 2;
        } else {
            break;
        }
    }
    let has_head = (first..=last)
        .any(|i| tokens[i].is_word() && label_word(&tokens[i].lower) == Some(LabelWord::Head));
    (has_head && tokens[first].depth == 0).then_some(first)
}

/// Whether a row may begin after `tokens[before]`: at the start, or after punctuation or a
/// line break rather than in the middle of a phrase ("second from left").
fn at_boundary(tokens: &[Token<'_>], before: Option<usize>) -> bool {
    match before {
        None => true,
        Some(i) => {
            tokens[i].kind == Kind::LineBreak
                || tokens[i].is_punct(&['.', ';', ':', ',', ')', '—', '–'])
        }
    }
}

/// The first name after a header: past the verb of "Standing, from left, are Trotsky, ...".
fn skip_verb(tokens: &[Token<'_>], body: usize) -> usize {
    let verb = tokens
        .get(body)
        .is_some_and(|t| t.is_word() && matches!(t.lower.as_str(), "are" | "is"));
    if verb {
        body + 1
    } else {
        body
    }
}

fn find_headers(tokens: &[Token<'_>]) -> Vec<Header> {
    let mut headers = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if let Some((phrase_end, direction)) = ordering_at(tokens, i) {
            let opening = i
                .checked_sub(1)
                .filter(|&j| tokens[j].is_punct(&['(', ',', '—', '–', '-']));
            let before_phrase = opening.unwrap_or(i).checked_sub(1);
            let mut body = phrase_end;
            let closed = tokens.get(body).is_some_and(|t| t.is_punct(&[')']));
            if closed {
                body += 1;
            }
            let colon = tokens
                .get(body)
                .is_some_and(|t| t.is_punct(&[':', '—', '–', '-']));
            if colon || tokens.get(body).is_some_and(|t| t.is_punct(&[','])) {
                body += 1;
            }
            let body = skip_verb(tokens, body);
            let label =
                before_phrase.and_then(|last| Some((label_ending_at(tokens, Some(last))?, last)));
            let header = if let Some((first, last)) = label {
                Some(Header {
                    start: first,
                    label: Some((tokens[first].start, tokens[last].end)),
                    direction: Some(direction),
                    body,
                })
            } else {
                let parenthesised = opening.is_some_and(|j| tokens[j].is_punct(&['('])) && closed;
                let standalone = if parenthesised {
                    tokens[i - 1].depth == 0
                } else {
                    tokens[i].depth == 0 && (at_boundary(tokens, i.checked_sub(1)) || colon)
                };
                standalone.then(|| Header {
                    start: if parenthesised { i - 1 } else { i },
                    label: None,
                    direction: Some(direction),
                    body,
                })
            };
            if let Some(header) = header {
                i = header.body;
                headers.push(header);
                continue;
            }
        } else if tokens[i].is_punct(&[':', '—', '–', '-']) {
            if let Some(first) = label_ending_at(tokens, i.checked_sub(1)) {
                headers.push(Header {
                    start: first,
                    label: Some((tokens[first].start, tokens[i - 1].end)),
                    direction: None,
                    body: skip_verb(tokens, i + 1),
                });
            }
        }
        i += 1;
    }
    headers
}

/// Titles and abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "prof", "gen", "col", "capt", "lt", "sgt", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "acad",
    "проф", "акад", "тов", "ген",
];

/// Whether the period at `tokens[at]` ends a sentence rather than an initial ("I.N.", "L. D.",
/// "Yu.", "Дж.") or a title.
fn ends_sentence(tokens: &[Token<'_>], at: usize) -> bool {
    if tokens
        .get(at + 1)
        .is_some_and(|next| next.is_word() && !next.spaced)
    {
        return false;
    }
    let Some(previous) = at
        .checked_sub(1)
        .map(|i| &tokens[i])
        .filter(|t| t.is_word())
    else {
        return true;
    };
    let letters = previous.text.chars().filter(|c| c.is_alphabetic()).count();
    let capitalised = previous.text.chars().next().is_some_and(char::is_uppercase);
    let initial = letters == 1 || (letters == 2 && capitalised);
    !(initial || ABBREVIATIONS.contains(&previous.lower.as_str()))
}

/// "and others", "etc.", "и др.": the caption's way of saying the list is not complete.
fn is_list_tail(name: &str) -> bool {
    let lower = name.trim_end_matches('.').to_lowercase();
    matches!(
        lower.as_str(),
        "others" | "other" | "etc" | "et al" | "другие" | "др" | "прочие"
    )
}

fn names_between(text: &str, tokens: &[Token<'_>], from: usize, to: usize) -> Vec<String> {
    let mut names = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut has_word = false;
    let mut depth = 0u32;
    let mut flush = |current: &mut Option<(usize, usize)>, has_word: &mut bool| {
        if let Some((first, last)) = current.take() {
            let name = text[tokens[first].start..tokens[last].end].trim();
            if *has_word && !is_list_tail(name) {
                names.push(name.to_owned());
            }
        }
        *has_word = false;
    };
    for at in from..to {
        let token = &tokens[at];
        if depth == 0 {
            let conjunction = token.is_word()
                && matches!(token.lower.as_str(), "and" | "и")
                && !tokens
                    .get(at + 1)
                    .is_some_and(|t| t.is_punct(&['.']) && !t.spaced);
            if token.kind == Kind::LineBreak
                || (token.is_punct(&['.']) && ends_sentence(tokens, at))
            {
                break;
            }
            if conjunction || token.is_punct(&[',', ';', '&']) {
                flush(&mut current, &mut has_word);
                continue;
            }
        }
        match token.kind {
            Kind::Punct('(' | '[') => depth += 1,
            Kind::Punct(')' | ']') => depth = depth.saturating_sub(1),
            Kind::Word => has_word = true,
            _ => {}
        }
        current = Some(current.map_or((at, at), |(first, _)| (first, at)));
    }
    flush(&mut current, &mut has_word);
    names
}

#[cfg(test)]
mod tests;
