//! Turning a transcript file's bytes into text.
//!
//! Transcripts come from decades of tools: UTF-8 with and without a byte-order mark, UTF-16
//! from Windows "Unicode" text, and for Russian interviews the two old Cyrillic code pages,
//! Windows-1251 and KOI8-R. [`decode`] reads all of these without being told, refuses what
//! it cannot read with the line of the first bad byte, and refuses binary files (a `.doc`
//! renamed to `.txt`) outright. encoding_rs does all the decoding; this module only decides
//! which encoding to use.

use encoding_rs::{DecoderResult, Encoding, KOI8_R, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1251};

use super::{line_endings_between, FormatError};

/// A file's text and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedText {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding it was read in.
    pub encoding: &'static Encoding,
    /// True when the encoding was guessed from the content (a legacy Cyrillic code page)
    /// rather than known from a byte-order mark, the UTF-8 rules or the user.
    pub guessed: bool,
}

/// Decodes a transcript file. `file` is used in messages.
///
/// With `encoding` given, the bytes are read in it (a byte-order mark of the same encoding
/// is skipped). Otherwise: a byte-order mark decides (UTF-8, UTF-16 LE or BE); UTF-16
/// without a mark is recognised by its zero bytes; then UTF-8; then, if the bytes are not
/// UTF-8, whichever of Windows-1251 and KOI8-R reads as Russian. Anything else is refused,
/// naming the line of the first byte that could not be read, as are files with NUL bytes or
/// control characters, which text never has.
pub fn decode(
    file: &str,
    bytes: &[u8],
    encoding: Option<&'static Encoding>,
) -> Result<DecodedText, FormatError> {
    let bytes = strip_dos_end_of_file(bytes);
    if let Some(encoding) = encoding {
        let body = match Encoding::for_bom(bytes) {
            Some((bom_encoding, length)) if bom_encoding == encoding => &bytes[length..],
            _ => bytes,
        };
        return decoded_strictly(file, body, encoding, false);
    }
    if let Some((encoding, length)) = Encoding::for_bom(bytes) {
        return decoded_strictly(file, &bytes[length..], encoding, false);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        // Zero bytes alone could also be binary junk: UTF-16 it is only if it reads cleanly.
        if let Ok(decoded) = decoded_strictly(file, bytes, encoding, false) {
            return Ok(decoded);
        }
    }
    refuse_control_characters(file, bytes)?;
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(DecodedText {
            text: text.to_owned(),
            encoding: UTF_8,
            guessed: false,
        }),
        Err(e) => {
            if let Some(encoding) = russian_code_page(bytes) {
                return decoded_strictly(file, bytes, encoding, true);
            }
            let bad = e.valid_up_to();
            Err(FormatError::encoding(
                file,
                line_of(bytes, bad),
                format!(
                    "the file is not UTF-8 (the byte 0x{:02X} cannot be read) and does not read as Russian in \
                     Windows-1251 or KOI8-R either; expected UTF-8 text, or choose the file's encoding when importing",
                    bytes[bad]
                ),
            ))
        }
    }
}

/// A lossy decoding of the first `limit` bytes, for recognising a format.
pub(crate) fn decode_head(bytes: &[u8], limit: usize) -> String {
    let head = &bytes[..bytes.len().min(limit)];
    let encoding = match Encoding::for_bom(head) {
        Some((encoding, _)) => encoding,
        None => utf16_without_bom(head).unwrap_or(UTF_8),
    };
    encoding.decode_with_bom_removal(head).0.into_owned()
}

/// Old DOS editors ended files with Ctrl-Z; it is not part of the text.
fn strip_dos_end_of_file(bytes: &[u8]) -> &[u8] {
    bytes.strip_suffix(b"\x1a").unwrap_or(bytes)
}

fn decoded_strictly(
    file: &str,
    bytes: &[u8],
    encoding: &'static Encoding,
    guessed: bool,
) -> Result<DecodedText, FormatError> {
    let text = if encoding == UTF_8 {
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(e) => return Err(unreadable(file, line_of(bytes, e.valid_up_to()), encoding)),
        }
    } else {
        let mut decoder = encoding.new_decoder_without_bom_handling();
        let capacity = decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(usize::MAX);
        let mut text = String::new();
        text.try_reserve_exact(capacity).map_err(|_| {
            FormatError::encoding(file, 1, "the file is too large to read into memory")
        })?;
        match decoder.decode_to_string_without_replacement(bytes, &mut text, true) {
            (DecoderResult::InputEmpty, _) => text,
            (DecoderResult::Malformed(..), _) => {
                return Err(unreadable(
                    file,
                    line_of(text.as_bytes(), text.len()),
                    encoding,
                ));
            }
            (DecoderResult::OutputFull, _) => {
                unreachable!("the buffer was sized by encoding_rs for the whole input")
            }
        }
    };
    refuse_control_characters(file, text.as_bytes())?;
    Ok(DecodedText {
        text,
        encoding,
        guessed,
    })
}

fn unreadable(file: &str, line: u32, encoding: &'static Encoding) -> FormatError {
    FormatError::encoding(
        file,
        line,
        format!(
            "the bytes here cannot be read as {0}; expected {0} text, or choose another encoding",
            encoding.name()
        ),
    )
}

/// Recognises UTF-16 without a byte-order mark by where its zero bytes fall: ASCII
/// characters (digits, spaces, punctuation of every transcript) have a zero high byte, so
/// one of each pair of bytes is often zero and the other never is.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(64 * 1024) & !1];
    let pairs = sample.len() / 2;
    if pairs == 0 {
        return None;
    }
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // One character in sixteen being ASCII is rare only in binary data.
    match (even, odd) {
        (0, odd) if odd * 16 >= pairs => Some(UTF_16LE),
        (even, 0) if even * 16 >= pairs => Some(UTF_16BE),
        _ => None,
    }
}

/// Refuses NUL bytes and control characters other than tab, line breaks and form feed;
/// they mean a binary file (a word-processor document, audio) rather than text. Works on
/// raw bytes of any ASCII-compatible encoding and on UTF-8 text alike.
fn refuse_control_characters(file: &str, bytes: &[u8]) -> Result<(), FormatError> {
    let is_foreign =
        |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)) || b == 0x7f;
    match bytes.iter().position(|&b| is_foreign(b)) {
        None => Ok(()),
        Some(at) => Err(FormatError::encoding(
            file,
            line_of(bytes, at),
            format!(
                "found the control character U+{:04X}, which text never contains; this looks like a binary file \
                 (e.g. a word-processor document); expected a text file",
                bytes[at]
            ),
        )),
    }
}

/// The 1-based line of byte `offset`. Only used once, for an error, so scanning from the
/// start keeps decoding linear.
fn line_of(bytes: &[u8], offset: usize) -> u32 {
    u32::try_from(line_endings_between(bytes, 0, offset)).unwrap_or(u32::MAX - 1) + 1
}

/// Chooses between the two Cyrillic code pages for bytes that are not UTF-8, or `None`
/// when neither reads as Russian.
///
/// Both code pages put Cyrillic letters in the upper half, so both readings are "Cyrillic";
/// only the wrong one is gibberish: rare letters where common ones should be, capitals in
/// the middle of words (KOI8-R lowercase is Windows-1251 uppercase), box-drawing characters
/// where punctuation should be. We score exactly that. chardetng (Firefox's detector, by the
/// author of encoding_rs) does this among every legacy encoding, but it always returns a
/// guess and is one more dependency; we only choose between two code pages or refuse, which
/// a small scorer does, and refusing lets the user pick the encoding instead of importing
/// mojibake.
fn russian_code_page(bytes: &[u8]) -> Option<&'static Encoding> {
    // A megabyte of text is more than enough evidence and keeps huge files fast.
    let sample = &bytes[..bytes.len().min(1 << 20)];
    [WINDOWS_1251, KOI8_R]
        .into_iter()
        .map(|encoding| {
            (
                encoding,
                RussianEvidence::gather(&encoding.decode_without_bom_handling(sample).0),
            )
        })
        .filter(|(_, evidence)| evidence.is_plausible())
        .max_by(|(_, a), (_, b)| a.score().total_cmp(&b.score()))
        .map(|(encoding, _)| encoding)
}

/// Letter frequencies of Russian prose, in percent (the usual published corpus figures).
/// Index: `а`..`я` by code point, then `ё`.
const RUSSIAN_LETTER_PERCENT: [f64; 33] = [
    8.01, 1.59, 4.54, 1.70, 2.98, 8.45, 0.94, 1.65, 7.35, 1.21, 3.49, 4.40, 3.21, 6.70, 10.97,
    2.81, // а..п
    4.73, 5.47, 6.26, 2.62, 0.26, 0.97, 0.48, 1.44, 0.73, 0.36, 0.04, 1.90, 1.74, 0.32, 0.64,
    2.01, // р..я
    0.04, // ё
];

/// What a decoding looks like, measured for plausibility as Russian.
#[derive(Debug)]
struct RussianEvidence {
    /// Russian letters, case-folded, indexed as [`RUSSIAN_LETTER_PERCENT`].
    letters: [u32; 33],
    /// Cyrillic letters that Russian does not use (і, ђ, ...).
    other_cyrillic: u32,
    /// Words with a Cyrillic letter.
    words: u32,
    /// Of those, words with capitals in the middle ("уЙДСФ").
    odd_case_words: u32,
    /// Of those, words mixing Cyrillic and Latin letters ("cafй": Latin-1 read as Cyrillic).
    mixed_script_words: u32,
    /// Box-drawing and mathematical symbols, C1 controls and undecodable bytes.
    unlikely_symbols: u32,
    /// All characters that are not ASCII.
    non_ascii: u32,
}

/// A word being read by [`RussianEvidence::gather`].
#[derive(Debug, Default)]
struct WordShape {
    letters: u32,
    capitals: u32,
    starts_capital: bool,
    cyrillic: bool,
    latin: bool,
}

impl RussianEvidence {
    fn gather(text: &str) -> Self {
        let mut evidence = RussianEvidence {
            letters: [0; 33],
            other_cyrillic: 0,
            words: 0,
            odd_case_words: 0,
            mixed_script_words: 0,
            unlikely_symbols: 0,
            non_ascii: 0,
        };
        let mut word = WordShape::default();
        for c in text.chars() {
            if !c.is_ascii() {
                evidence.non_ascii += 1;
            }
            if c.is_alphabetic() {
                let cyrillic = ('\u{400}'..='\u{4ff}').contains(&c);
                if cyrillic {
                    let lower = c.to_lowercase().next().unwrap_or(c);
                    match lower {
                        'а'..='я' => evidence.letters[(lower as u32 - 'а' as u32) as usize] += 1,
                        'ё' => evidence.letters[32] += 1,
                        _ => evidence.other_cyrillic += 1,
                    }
                }
                word.cyrillic |= cyrillic;
                word.latin |= c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c);
                if c.is_uppercase() {
                    word.starts_capital |= word.letters == 0;
                    word.capitals += 1;
                }
                word.letters += 1;
                continue;
            }
            evidence.end_word(std::mem::take(&mut word));
            let unlikely = matches!(c,
                '\u{fffd}' | '\u{80}'..='\u{9f}' | '\u{2200}'..='\u{22ff}' | '\u{2320}'..='\u{2321}' | '\u{2500}'..='\u{25ff}');
            if unlikely {
                evidence.unlikely_symbols += 1;
            }
        }
        evidence.end_word(word);
        evidence
    }

    fn end_word(&mut self, word: WordShape) {
        if !word.cyrillic {
            return;
        }
        self.words += 1;
        if word.latin {
            self.mixed_script_words += 1;
        }
        let plain_case = word.capitals == 0
            || word.capitals == word.letters
            || (word.capitals == 1 && word.starts_capital);
        if !plain_case {
            self.odd_case_words += 1;
        }
    }

    fn cyrillic_letters(&self) -> u32 {
        self.letters.iter().sum::<u32>() + self.other_cyrillic
    }

    /// Mean natural log of each Cyrillic letter's probability in Russian: about −3.0 for
    /// Russian, −3.5 for letters drawn at random, lower for the wrong code page.
    fn mean_log_probability(&self) -> f64 {
        // Letters Russian does not use are possible (Ukrainian names) but rare.
        const OTHER_CYRILLIC_PERCENT: f64 = 0.05;
        let total = self.cyrillic_letters();
        if total == 0 {
            return f64::NEG_INFINITY;
        }
        let russian: f64 = self
            .letters
            .iter()
            .zip(RUSSIAN_LETTER_PERCENT)
            .map(|(&n, p)| f64::from(n) * (p / 100.0).ln())
            .sum();
        let other = f64::from(self.other_cyrillic) * (OTHER_CYRILLIC_PERCENT / 100.0).ln();
        (russian + other) / f64::from(total)
    }

    fn ratio(part: u32, whole: u32) -> f64 {
        if whole == 0 {
            0.0
        } else {
            f64::from(part) / f64::from(whole)
        }
    }

    fn is_plausible(&self) -> bool {
        self.words > 0
            && self.mean_log_probability() >= -4.2
            && Self::ratio(self.odd_case_words, self.words) <= 0.25
            && Self::ratio(self.mixed_script_words, self.words) <= 0.2
            && Self::ratio(self.unlikely_symbols, self.non_ascii) <= 0.02
    }

    fn score(&self) -> f64 {
        self.mean_log_probability()
            - Self::ratio(self.odd_case_words, self.words)
            - 2.0 * Self::ratio(self.mixed_script_words, self.words)
            - 5.0 * Self::ratio(self.unlikely_symbols, self.non_ascii)
    }
}

#[cfg(test)]
mod tests;
