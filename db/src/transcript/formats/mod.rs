//! Transcript file formats: reading (all or nothing, with errors that name the file and line)
//! and writing.
//!
//! Everything here is pure: bytes in, a [`ParsedTranscript`] out, no database. Reading goes
//! bytes → [`encoding::decode`] → one of the format parsers ([`vtt`], [`srt`], [`text`],
//! [`ohms`]). A file either reads completely or fails with a [`FormatError`] that says which
//! file, which line and what was expected there; things worth knowing that do not stop an
//! import (overlapping cues, a guessed encoding) are returned as
//! [`ParsedTranscript::warnings`].

pub mod encoding;
pub mod ohms;
#[cfg(test)]
mod ohms_translation_tests;
pub mod ohms_write;
pub mod srt;
pub mod text;
pub mod vtt;

use std::{fmt, path::Path, str::FromStr};

use serde::{Deserialize, Serialize};

use crate::jobs::JobContext;

pub use encoding::{decode, DecodedText};
pub use srt::write as write_srt;
pub use text::write as write_text;
pub use vtt::write as write_vtt;

/// A transcript as read from a file, before it is stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ParsedTranscript {
    /// The spoken text, in the order of the file.
    pub segments: Vec<ParsedSegment>,
    /// Index points (OHMS): titled, keyworded moments of the interview.
    pub index_points: Vec<ParsedIndexPoint>,
    /// The language the file declares, as written there ("ru", "English").
    pub language: Option<String>,
    /// The title the file declares.
    pub title: Option<String>,
    /// What the user should know that did not stop the import, each naming the file and
    /// usually the line (overlapping cues, an encoding that had to be guessed).
    pub warnings: Vec<String>,
    /// Blocks of the file that were left out or corrected as the format's specification says
    /// (a WebVTT cue with an unreadable timing is skipped, the rest of the file kept), each
    /// with its line, so the curator can see what did not come in before anything is stored.
    #[serde(default)]
    pub issues: Vec<BlockIssue>,
    /// Translations that came with the file, aligned to it by time (OHMS 6.0
    /// `vtt_transcript_alt`); each is stored as another transcript of the interview.
    #[serde(default)]
    pub translations: Vec<ParsedTranslation>,
}

/// A translation read with a transcript.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ParsedTranslation {
    /// Its language, as the file names it.
    pub language: Option<String>,
    /// Its segments.
    pub segments: Vec<ParsedSegment>,
}

/// What happened to a block of the file that could not be read as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum BlockAction {
    /// The block was left out (a cue whose timing cannot be read).
    Skipped,
    /// The block was kept with a change (NUL characters replaced, an end before the start
    /// set to the start).
    Corrected,
}

/// One block of a transcript file that was skipped or corrected on reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct BlockIssue {
    /// The 1-based line of the file where the block (or the bad part of it) is.
    pub line: u32,
    /// Left out or corrected.
    pub action: BlockAction,
    /// What was wrong and what was done, without the file and line ("the cue timing
    /// \"00:00:60.000 --> 00:01:00.000\" could not be read: seconds go up to 59").
    pub message: String,
}

impl ParsedTranscript {
    /// One sentence on what was skipped and corrected, with lines, for the curator:
    /// "3 cues could not be read: lines 6, 911, 4,012; 1,997 imported". `None` when the file
    /// read cleanly.
    pub fn issue_summary(&self) -> Option<String> {
        summarize_issues(&self.issues, self.segments.len())
    }
}

/// The sentence of [`ParsedTranscript::issue_summary`] for `issues` with `imported` segments.
pub fn summarize_issues(issues: &[BlockIssue], imported: usize) -> Option<String> {
    if issues.is_empty() {
        return None;
    }
    let lines_of = |action: BlockAction| -> Vec<u32> {
        let mut lines: Vec<u32> = issues
            .iter()
            .filter(|i| i.action == action)
            .map(|i| i.line)
            .collect();
        lines.dedup();
        lines
    };
    let listed = |lines: &[u32]| {
        let word = if lines.len() == 1 { "line" } else { "lines" };
        let numbers: Vec<String> = lines.iter().map(|&n| thousands(n as usize)).collect();
        format!("{word} {}", numbers.join(", "))
    };
    let mut parts = Vec::new();
    let skipped = lines_of(BlockAction::Skipped);
    if !skipped.is_empty() {
        let count = match skipped.len() {
            1 => "1 cue".to_owned(),
            n => format!("{} cues", thousands(n)),
        };
        parts.push(format!("{count} could not be read: {}", listed(&skipped)));
    }
    let corrected = lines_of(BlockAction::Corrected);
    if !corrected.is_empty() {
        let count = match corrected.len() {
            1 => "1 block was".to_owned(),
            n => format!("{} blocks were", thousands(n)),
        };
        parts.push(format!("{count} corrected: {}", listed(&corrected)));
    }
    parts.push(format!("{} imported", thousands(imported)));
    Some(parts.join("; "))
}

/// `4012` as "4,012".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One stretch of speech.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ParsedSegment {
    /// Where it starts, in milliseconds from the start of the recording; `None` when the
    /// source gives no time (plain text without timestamps).
    pub start_ms: Option<u32>,
    /// Where it ends; `None` when the source does not say.
    pub end_ms: Option<u32>,
    /// Who speaks, as the file names them.
    pub speaker: Option<String>,
    /// What is said; lines within a segment are separated by `\n`.
    pub text: String,
    /// The 1-based line of the source file where the segment begins (for OHMS, the line of
    /// the XML file), so the user can find it.
    pub source_line: u32,
}

/// A point of an OHMS index: a titled moment of the interview with its keywords.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ParsedIndexPoint {
    /// Where the point is, in milliseconds from the start of the recording.
    pub time_ms: u32,
    /// The segment title.
    pub title: String,
    /// The first words spoken at this point, to recognise it by.
    pub partial_transcript: String,
    /// A summary of what is said.
    pub synopsis: String,
    /// Keywords, one per entry (OHMS separates them with `;`).
    pub keywords: Vec<String>,
    /// Subject headings, one per entry.
    pub subjects: Vec<String>,
    /// A place talked about, as (latitude, longitude).
    pub gps: Option<(f64, f64)>,
    /// Links to related material.
    pub hyperlinks: Vec<String>,
}

/// A transcript file format Recollect reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// WebVTT subtitles (`.vtt`).
    Vtt,
    /// SubRip subtitles (`.srt`).
    Srt,
    /// Plain text, with or without `[00:01:23]` timestamps and `SPEAKER:` labels.
    Text,
    /// An OHMS (Oral History Metadata Synchronizer) XML export.
    Ohms,
}

impl Format {
    /// Every format, in the order a file dialog lists them.
    pub const ALL: [Format; 4] = [Format::Vtt, Format::Srt, Format::Text, Format::Ohms];

    /// The name used on the command line and in settings ("vtt", "srt", "text", "ohms").
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Vtt => "vtt",
            Format::Srt => "srt",
            Format::Text => "text",
            Format::Ohms => "ohms",
        }
    }

    /// The format's name in messages.
    fn name(self) -> &'static str {
        match self {
            Format::Vtt => "WebVTT",
            Format::Srt => "SRT",
            Format::Text => "plain text",
            Format::Ohms => "OHMS XML",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Vtt => "vtt",
            Format::Srt => "srt",
            Format::Text => "txt",
            Format::Ohms => "xml",
        }
    }

    /// Works out a file's format. The content decides when it is unmistakable (a `WEBVTT`
    /// header, an OHMS root element, a numbered SRT block), because files are often misnamed
    /// (SRT saved as `.txt`); otherwise the extension decides, and anything unknown is text.
    pub fn detect(path: &Path, bytes: &[u8]) -> Format {
        if let Some(format) = sniff(bytes) {
            return format;
        }
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("vtt" | "webvtt") => Format::Vtt,
            Some("srt") => Format::Srt,
            Some("xml") => Format::Ohms,
            _ => Format::Text,
        }
    }

    /// The extensions a transcript file is taken by: each format's own, and `.webvtt`.
    pub const EXTENSIONS: &[&str] = &["vtt", "webvtt", "srt", "txt", "xml"];
}

/// Recognises a format from the start of the content alone.
fn sniff(bytes: &[u8]) -> Option<Format> {
    let head = encoding::decode_head(bytes, 4096);
    let head = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if head.starts_with("WEBVTT") {
        return Some(Format::Vtt);
    }
    if head.starts_with('<') {
        let lower = head.to_ascii_lowercase();
        if lower.contains("nunncenter/ohms") || lower.contains("<root") && lower.contains("<record")
        {
            return Some(Format::Ohms);
        }
    }
    let mut lines = head.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    let second = lines.next()?;
    if first.bytes().all(|b| b.is_ascii_digit()) && second.contains("-->") {
        return Some(Format::Srt);
    }
    None
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A format name that Recollect does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown transcript format \"{0}\"; expected one of vtt, srt, text, ohms")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name.trim().to_ascii_lowercase().as_str() {
            "vtt" | "webvtt" => Ok(Format::Vtt),
            "srt" => Ok(Format::Srt),
            "text" | "txt" => Ok(Format::Text),
            "ohms" => Ok(Format::Ohms),
            _ => Err(UnknownFormat(name.to_owned())),
        }
    }
}

/// Why a transcript file could not be read. Every variant names the file and the 1-based
/// line, so the message alone lets the user find and fix the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// The text at `line` is not what the format requires there.
    #[error("{file}, line {line}: expected {expected}, found {found}")]
    Expected {
        /// The file name, as the user knows it.
        file: String,
        /// The 1-based line.
        line: u32,
        /// What the format requires, with an example.
        expected: String,
        /// What is there, quoted, or "the end of the file".
        found: String,
    },
    /// The text is well-formed but impossible (a cue that ends before it starts).
    #[error("{file}, line {line}: {message}")]
    Invalid {
        /// The file name.
        file: String,
        /// The 1-based line.
        line: u32,
        /// What is wrong and what was expected instead.
        message: String,
    },
    /// The bytes are not text in an encoding Recollect can read without being told which.
    #[error("{file}, line {line}: {message}")]
    Encoding {
        /// The file name.
        file: String,
        /// The 1-based line of the first byte that could not be read.
        line: u32,
        /// What is wrong and what to do.
        message: String,
    },
}

impl FormatError {
    /// `expected` was required at `line` but `found` is there (quoted in the message;
    /// shortened and with control characters escaped).
    pub fn expected(file: &str, line: u32, expected: impl Into<String>, found: &str) -> Self {
        FormatError::Expected {
            file: file.to_owned(),
            line,
            expected: expected.into(),
            found: quote(found),
        }
    }

    /// `expected` was required at `line` but the file ends there.
    pub fn expected_at_end(file: &str, line: u32, expected: impl Into<String>) -> Self {
        FormatError::Expected {
            file: file.to_owned(),
            line,
            expected: expected.into(),
            found: "the end of the file".to_owned(),
        }
    }

    /// The content at `line` is impossible.
    pub fn invalid(file: &str, line: u32, message: impl Into<String>) -> Self {
        FormatError::Invalid {
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }

    /// The bytes at `line` cannot be read as text.
    pub fn encoding(file: &str, line: u32, message: impl Into<String>) -> Self {
        FormatError::Encoding {
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }

    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            FormatError::Expected { file, .. }
            | FormatError::Invalid { file, .. }
            | FormatError::Encoding { file, .. } => file,
        }
    }

    /// The 1-based line the error is about.
    pub fn line(&self) -> u32 {
        match self {
            FormatError::Expected { line, .. }
            | FormatError::Invalid { line, .. }
            | FormatError::Encoding { line, .. } => *line,
        }
    }
}

/// Quotes source text for an error message: short enough to read, control characters made
/// visible so binary junk does not garble the message.
pub(crate) fn quote(text: &str) -> String {
    const LIMIT: usize = 60;
    if text.is_empty() {
        return "an empty line".to_owned();
    }
    let mut quoted = String::from("\"");
    for (count, c) in text.chars().enumerate() {
        if count == LIMIT {
            quoted.push('…');
            break;
        }
        if c.is_control() {
            quoted.extend(c.escape_default());
        } else {
            quoted.push(c);
        }
    }
    quoted.push('"');
    quoted
}

/// Why a cancellable parse stopped: the file is wrong, or the user cancelled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseFailure {
    /// The file could not be read.
    #[error(transparent)]
    Format(#[from] FormatError),
    /// The user cancelled; nothing was read.
    #[error("cancelled; nothing was changed")]
    Cancelled,
}

impl From<ParseFailure> for crate::Error {
    fn from(failure: ParseFailure) -> Self {
        match failure {
            ParseFailure::Format(e) => crate::Error::invalid("transcript", e.to_string()),
            ParseFailure::Cancelled => crate::Error::Cancelled,
        }
    }
}

/// Reads a transcript file. `file_name` is only used in messages; `encoding` overrides the
/// detection described at [`encoding::decode`].
pub fn parse(
    file_name: &str,
    bytes: &[u8],
    format: Format,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<ParsedTranscript, FormatError> {
    silently(|progress| parse_reporting(file_name, bytes, format, encoding, progress))
}

/// Runs a parse that has no job to report to, and so cannot be cancelled.
pub(crate) fn silently<T>(
    parse: impl FnOnce(&mut ParseProgress<'_>) -> Result<T, ParseFailure>,
) -> Result<T, FormatError> {
    parse(&mut ParseProgress::silent()).map_err(|failure| match failure {
        ParseFailure::Format(e) => e,
        ParseFailure::Cancelled => unreachable!("a parse without a job cannot be cancelled"),
    })
}

/// Reads a transcript file as [`parse`] does, reporting progress to `job` (phase
/// "reading transcript", in kilobytes of text) about every megabyte and stopping with
/// [`ParseFailure::Cancelled`] when the user cancels.
pub fn parse_with_job(
    file_name: &str,
    bytes: &[u8],
    format: Format,
    encoding: Option<&'static encoding_rs::Encoding>,
    job: &JobContext,
) -> Result<ParsedTranscript, ParseFailure> {
    parse_reporting(
        file_name,
        bytes,
        format,
        encoding,
        &mut ParseProgress::for_job(job),
    )
}

fn parse_reporting(
    file: &str,
    bytes: &[u8],
    format: Format,
    encoding: Option<&'static encoding_rs::Encoding>,
    progress: &mut ParseProgress<'_>,
) -> Result<ParsedTranscript, ParseFailure> {
    if bytes.is_empty() {
        return Err(FormatError::invalid(
            file,
            1,
            format!("the file is empty; expected a {} transcript", format.name()),
        )
        .into());
    }
    // WebVTT's preprocessing replaces NUL characters by U+FFFD instead of refusing the file;
    // only a file that starts as WebVTT gets this, so binary junk is still refused.
    let nul_replaced = match format {
        Format::Vtt if vtt::has_signature_bytes(bytes) => vtt::replace_nul(bytes),
        _ => None,
    };
    let (bytes, nul_lines) = match &nul_replaced {
        Some((replaced, lines)) => (replaced.as_slice(), lines.as_slice()),
        None => (bytes, &[][..]),
    };
    let decoded = encoding::decode(file, bytes, encoding)?;
    if decoded.text.trim().is_empty() {
        return Err(FormatError::invalid(
            file,
            1,
            format!(
                "the file holds only blank lines; expected a {} transcript",
                format.name()
            ),
        )
        .into());
    }
    progress.start(decoded.text.len());
    let mut parsed = match format {
        Format::Vtt => vtt::parse_text(file, &decoded.text, 1, vtt::Dialect::Standard, progress)?,
        Format::Srt => srt::parse_text(file, &decoded.text, progress)?,
        Format::Text => text::parse_text(file, &decoded.text, 1, progress)?,
        Format::Ohms => ohms::parse_text(file, &decoded.text, progress)?,
    };
    if !nul_lines.is_empty() {
        parsed
            .issues
            .extend(nul_lines.iter().map(|&line| {
                BlockIssue {
                    line,
                    action: BlockAction::Corrected,
                    message: "NUL characters (U+0000) were replaced by U+FFFD, as WebVTT specifies"
                        .to_owned(),
                }
            }));
        parsed.issues.sort_by_key(|issue| issue.line);
    }
    if decoded.guessed {
        let warning = format!(
            "{file}: the file is not UTF-8; it was read as Russian in {}; if the text looks wrong, choose the \
             encoding when importing",
            decoded.encoding.name()
        );
        parsed.warnings.insert(0, warning);
    }
    progress.finish()?;
    Ok(parsed)
}

/// Reports how far a parse has got, and stops it when the user cancels. Parsers call
/// [`ParseProgress::reached`] once per line; it only does work every megabyte.
pub(crate) struct ParseProgress<'a> {
    job: Option<&'a JobContext>,
    total_bytes: usize,
    next_report_at: usize,
}

/// How often a parse reports and checks for cancellation, in bytes of text.
const REPORT_EVERY_BYTES: usize = 1 << 20;

impl<'a> ParseProgress<'a> {
    /// Progress that goes nowhere and is never cancelled.
    pub(crate) fn silent() -> Self {
        ParseProgress {
            job: None,
            total_bytes: 0,
            next_report_at: usize::MAX,
        }
    }

    fn for_job(job: &'a JobContext) -> Self {
        ParseProgress {
            job: Some(job),
            total_bytes: 0,
            next_report_at: 0,
        }
    }

    fn start(&mut self, total_bytes: usize) {
        self.total_bytes = total_bytes;
    }

    /// The parse has read up to byte `offset` of the text.
    pub(crate) fn reached(&mut self, offset: usize) -> Result<(), ParseFailure> {
        if offset < self.next_report_at {
            return Ok(());
        }
        self.next_report_at = offset.saturating_add(REPORT_EVERY_BYTES);
        self.step(offset)
    }

    fn finish(&mut self) -> Result<(), ParseFailure> {
        self.step(self.total_bytes)
    }

    fn step(&self, offset: usize) -> Result<(), ParseFailure> {
        let Some(job) = self.job else { return Ok(()) };
        let kilobytes = |bytes: usize| u32::try_from(bytes / 1024).unwrap_or(u32::MAX);
        // JobContext::step fails only when the user cancelled.
        job.step(
            "reading transcript",
            kilobytes(offset),
            Some(kilobytes(self.total_bytes)),
        )
        .map_err(|_| ParseFailure::Cancelled)
    }
}

/// The lines of a text with their 1-based numbers and byte offsets, ending at `\n`, `\r\n`
/// or a lone `\r` (old Mac files). Counting as we go keeps line numbers linear in the file.
#[derive(Debug, Clone)]
pub(crate) struct SourceLines<'t> {
    text: &'t str,
    offset: usize,
    number: u32,
}

/// One line of [`SourceLines`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct SourceLine<'t> {
    /// 1-based line number.
    pub number: u32,
    /// Byte offset of the line in the text.
    pub offset: usize,
    /// The line without its ending.
    pub text: &'t str,
}

impl<'t> SourceLines<'t> {
    /// Lines of `text`, numbered from `first_number`.
    pub(crate) fn new(text: &'t str, first_number: u32) -> Self {
        SourceLines {
            text,
            offset: 0,
            number: first_number,
        }
    }
}

impl<'t> Iterator for SourceLines<'t> {
    type Item = SourceLine<'t>;

    fn next(&mut self) -> Option<SourceLine<'t>> {
        if self.offset >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.offset..];
        let (length, ending) = match rest.bytes().position(|b| b == b'\n' || b == b'\r') {
            None => (rest.len(), 0),
            Some(i)
                if rest.as_bytes()[i] == b'\r' && rest.as_bytes().get(i + 1) == Some(&b'\n') =>
            {
                (i, 2)
            }
            Some(i) => (i, 1),
        };
        let line = SourceLine {
            number: self.number,
            offset: self.offset,
            text: &rest[..length],
        };
        self.offset += length + ending;
        self.number += 1;
        Some(line)
    }
}

/// The number of line endings in `bytes[from..to]`, counted as [`SourceLines`] counts them:
/// `\n`, `\r\n` and a lone `\r` each end one line. The byte after `to` decides whether a
/// `\r` at the end is lone.
pub(crate) fn line_endings_between(bytes: &[u8], from: usize, to: usize) -> usize {
    (from..to.min(bytes.len()))
        .filter(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// Collects warnings, keeping the first hundred so a file with a systematic problem does
/// not produce a million of them.
#[derive(Debug, Default)]
pub(crate) struct Warnings {
    kept: Vec<String>,
    dropped: usize,
}

impl Warnings {
    const LIMIT: usize = 100;

    pub(crate) fn push(&mut self, warning: String) {
        if self.kept.len() < Self::LIMIT {
            self.kept.push(warning);
        } else {
            self.dropped += 1;
        }
    }

    pub(crate) fn into_vec(mut self) -> Vec<String> {
        if self.dropped > 0 {
            self.kept
                .push(format!("… and {} more warnings like these", self.dropped));
        }
        self.kept
    }
}

/// A warning when a cue starting at `start` (on `line`) is out of step with the `previous`
/// cue's start and end: it starts before it, or overlaps it. Such cues are kept: two people
/// speaking at once is real, and refusing the file would help nobody.
pub(crate) fn cue_order_warning(
    file: &str,
    line: u32,
    start: u32,
    previous: Option<(u32, Option<u32>)>,
    fraction_separator: char,
) -> Option<String> {
    let (previous_start, previous_end) = previous?;
    let clock = |ms| format_clock(ms, Some(fraction_separator));
    if start < previous_start {
        return Some(format!(
            "{file}, line {line}: this cue starts at {}, before the previous cue (at {}); both were kept in the order \
             of the file",
            clock(start),
            clock(previous_start)
        ));
    }
    let previous_end = previous_end.filter(|&end| start < end)?;
    Some(format!(
        "{file}, line {line}: this cue starts at {}, before the previous cue ends at {} (people speaking at once?); \
         both were kept",
        clock(start),
        clock(previous_end)
    ))
}

/// How a format writes clock times.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClockSyntax {
    /// Characters allowed between seconds and their fraction.
    pub fraction_separators: &'static [char],
    /// Whether the fraction of a second must be there.
    pub fraction_required: bool,
    /// Whether `mm:ss` without hours is allowed.
    pub hours_optional: bool,
}

/// Why a clock time could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClockError {
    /// The text is not a time of the format.
    Malformed,
    /// The text is a time, but beyond what milliseconds in `u32` hold (about 1,193 hours).
    TooLarge,
}

impl ClockError {
    /// The error for a time that does not fit, naming the file, line and time.
    pub(crate) fn too_large(file: &str, line: u32, time: &str) -> FormatError {
        FormatError::invalid(file, line, too_large_message(time))
    }
}

/// Why a huge time is refused, for messages.
pub(crate) fn too_large_message(time: &str) -> String {
    format!(
        "the time {} is beyond 1,193 hours, the longest recording Recollect can hold; expected a time within the \
         recording",
        quote(time)
    )
}

/// Milliseconds from hours, minutes, seconds and milliseconds, or [`ClockError::TooLarge`]
/// when that does not fit in `u32` (a huge hour must never wrap to a small time).
pub(crate) fn clock_ms(
    hours: u64,
    minutes: u64,
    seconds: u64,
    millis: u64,
) -> Result<u32, ClockError> {
    let total = hours
        .checked_mul(60)
        .and_then(|m| m.checked_add(minutes))
        .and_then(|m| m.checked_mul(60))
        .and_then(|s| s.checked_add(seconds))
        .and_then(|s| s.checked_mul(1000))
        .and_then(|ms| ms.checked_add(millis))
        .ok_or(ClockError::TooLarge)?;
    u32::try_from(total).map_err(|_| ClockError::TooLarge)
}

/// Reads a run of ASCII digits as a number; a run too long for `u64` is
/// [`ClockError::TooLarge`], since it is still a number, only a huge one.
pub(crate) fn digits_value(digits: &str) -> Result<u64, ClockError> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ClockError::Malformed);
    }
    digits.parse::<u64>().map_err(|_| ClockError::TooLarge)
}

/// Parses `[h:]mm:ss[.fff]` into milliseconds. The leading component may have any number of
/// digits; minutes after hours and seconds need two digits below 60; the fraction has 1 to 3
/// digits. [`ClockError::Malformed`] when the text is not such a time,
/// [`ClockError::TooLarge`] when it does not fit in `u32` milliseconds.
pub(crate) fn parse_clock(text: &str, syntax: ClockSyntax) -> Result<u32, ClockError> {
    let (clock, fraction) = match text.find(syntax.fraction_separators) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let millis = match fraction {
        Some(f) if (1..=3).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit()) => {
            digits_value(f)? * 10u64.pow(3 - f.len() as u32)
        }
        Some(_) => return Err(ClockError::Malformed),
        None if syntax.fraction_required => return Err(ClockError::Malformed),
        None => 0,
    };
    let parts: Vec<&str> = clock.split(':').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let two_digits_below_60 = |s: &str| s.len() == 2 && digits(s) && s < "60";
    let (hours, minutes, seconds) = match parts.as_slice() {
        [h, m, s] if digits(h) && two_digits_below_60(m) && two_digits_below_60(s) => {
            (digits_value(h)?, digits_value(m)?, digits_value(s)?)
        }
        [m, s] if syntax.hours_optional && digits(m) && two_digits_below_60(s) => {
            (0, digits_value(m)?, digits_value(s)?)
        }
        _ => return Err(ClockError::Malformed),
    };
    clock_ms(hours, minutes, seconds, millis)
}

/// `h:mm:ss.mmm`, for messages.
pub fn clock(ms: u32) -> String {
    let (h, m, s, millis) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    format!("{h}:{m:02}:{s:02}.{millis:03}")
}

/// Writes milliseconds as `HH:MM:SS` followed by `separator` and milliseconds when given.
pub(crate) fn format_clock(ms: u32, fraction_separator: Option<char>) -> String {
    let (hours, minutes, seconds, millis) =
        (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    match fraction_separator {
        Some(sep) => format!("{hours:02}:{minutes:02}:{seconds:02}{sep}{millis:03}"),
        None => format!("{hours:02}:{minutes:02}:{seconds:02}"),
    }
}

/// Start and end times for writing segments to a subtitle format, which needs both.
/// Known times are kept. A missing start follows the previous segment's end (or 0); a
/// missing end is the next segment's start, or else an estimate from the segment's length at
/// 150 words a minute (the usual pace of an interview) that stops at the next known start.
pub(crate) fn subtitle_times(segments: &[ParsedSegment]) -> Vec<(u32, u32)> {
    let mut times = Vec::with_capacity(segments.len());
    let mut previous_end = 0u32;
    for (i, segment) in segments.iter().enumerate() {
        let start = segment.start_ms.unwrap_or(previous_end);
        let next_start = segments.get(i + 1).and_then(|s| s.start_ms);
        let end = segment
            .end_ms
            .or(next_start)
            .filter(|&end| end >= start)
            .unwrap_or_else(|| {
                let words = segment.text.split_whitespace().count() as u32;
                let estimate = start.saturating_add(words.saturating_mul(400).max(1000));
                let later_start = segments[i + 1..]
                    .iter()
                    .find_map(|s| s.start_ms)
                    .filter(|&s| s >= start);
                later_start.map_or(estimate, |later| estimate.min(later))
            });
        times.push((start, end));
        previous_end = end;
    }
    times
}

#[cfg(test)]
mod tests;
