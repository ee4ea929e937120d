//! WebVTT (`.vtt`), the subtitle format of the web and of OHMS.
//!
//! Reading follows the file parsing algorithm of the W3C WebVTT specification ("WebVTT parser
//! algorithm", w3c.github.io/webvtt): a file is refused only when it is not WebVTT at all (no
//! `WEBVTT` signature); otherwise every cue the algorithm keeps is kept and every block it
//! skips is skipped, so one bad cue at line 4,000 does not cost the curator the other 1,999.
//! What was skipped (a timing that cannot be read: 60 seconds, a one-digit minute, `-->`
//! without times, a time too large to hold) and what was corrected (NUL characters replaced
//! by U+FFFD, a cue ending before it starts kept with its end set to its start) is returned
//! as [`super::BlockIssue`]s with their lines. `NOTE`, `STYLE` and `REGION` blocks are read
//! past, as the algorithm does; cue identifiers and settings are read past too (Recollect
//! keeps no positioning). `<v Name>` gives the speaker; other markup is dropped and the common
//! entities decoded. Overlapping cues are kept (two people speak at once) and reported as
//! warnings.
//!
//! Written by hand rather than with a crate: the WebVTT crates on crates.io either refuse a
//! file at its first bad cue or drop bad cues without saying where, and neither gives the
//! line numbers the curator's report needs; the algorithm itself is short.

use super::{
    clock_ms, cue_order_warning, digits_value, format_clock, quote, silently, subtitle_times,
    too_large_message, BlockAction, BlockIssue, ClockError, FormatError, ParseFailure,
    ParseProgress, ParsedSegment, ParsedTranscript, SourceLine, SourceLines, Warnings,
};

/// The kinds of WebVTT met in the wild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// As the W3C specifies it.
    Standard,
    /// Embedded in an OHMS export, whose last cue may end at `00:00:00.000`, meaning that the
    /// end is unknown (the recording's duration was not entered).
    Ohms,
}

/// Reads WebVTT text (already decoded). `file` is used in messages.
pub fn parse(file: &str, text: &str) -> Result<ParsedTranscript, FormatError> {
    silently(|progress| parse_text(file, text, 1, Dialect::Standard, progress))
}

/// Whether the bytes start as the specification requires: an optional UTF-8 byte-order
/// mark, then `WEBVTT`, then the end, a space, a tab or a line break.
pub(crate) fn has_signature_bytes(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    bytes
        .strip_prefix(b"WEBVTT")
        .is_some_and(|rest| rest.is_empty() || matches!(rest[0], b' ' | b'\t' | b'\n' | b'\r'))
}

/// Replaces NUL bytes by U+FFFD, as the specification's preprocessing does, returning the
/// lines where that happened. Only called on files that start with the WebVTT signature, so a
/// binary file is still refused by the decoder.
pub(crate) fn replace_nul(bytes: &[u8]) -> Option<(Vec<u8>, Vec<u32>)> {
    if !bytes.contains(&0) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() + 16);
    let mut lines = Vec::new();
    let mut line = 1u32;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            0 => {
                out.extend_from_slice("\u{fffd}".as_bytes());
                if lines.last() != Some(&line) {
                    lines.push(line);
                }
                continue;
            }
            b'\n' => line = line.saturating_add(1),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => line = line.saturating_add(1),
            _ => {}
        }
        out.push(b);
    }
    Some((out, lines))
}

/// A cue as the block collector finds it.
struct CueDraft {
    start: u32,
    end: u32,
    timing_line: u32,
}

/// What one block of the file turned out to be.
enum Block {
    /// A cue with its timing and raw text.
    Cue(CueDraft, String),
    /// A block whose timing line could not be read: the specification drops the cue.
    BadTiming { line: u32, message: String },
    /// Lines that are not a cue, a comment, a style sheet or a region: dropped.
    Stray { line: u32, text: String },
    /// A `NOTE`, `STYLE` or `REGION` block, or the header: nothing to keep.
    Other,
}

/// Reads WebVTT text whose first line is line `first_line` of `file` (WebVTT embedded in an
/// OHMS export starts deep inside the XML).
pub(crate) fn parse_text(
    file: &str,
    text: &str,
    first_line: u32,
    dialect: Dialect,
    progress: &mut ParseProgress<'_>,
) -> Result<ParsedTranscript, ParseFailure> {
    let mut lines = SourceLines::new(text, first_line).peekable();
    let header_expected = "the header \"WEBVTT\" on the first line";
    let Some(header) = lines.next() else {
        return Err(FormatError::expected_at_end(file, first_line, header_expected).into());
    };
    let header_text = header.text.strip_prefix('\u{feff}').unwrap_or(header.text);
    let title = match header_text.strip_prefix("WEBVTT") {
        Some(rest) if rest.is_empty() || rest.starts_with([' ', '\t']) => {
            Some(rest.trim().trim_start_matches('-').trim())
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        }
        _ => {
            return Err(
                FormatError::expected(file, header.number, header_expected, header_text).into(),
            )
        }
    };

    let mut transcript = ParsedTranscript {
        title,
        ..Default::default()
    };
    let mut warnings = Warnings::default();
    // The header block runs to the first empty line or timing line; YouTube puts
    // "Language: ru" there.
    match lines.peek() {
        Some(line) if !line.text.is_empty() => {
            while let Some(line) = lines.next_if(|l| !l.text.is_empty() && !l.text.contains("-->"))
            {
                if let Some((key, value)) = line.text.split_once(':') {
                    if key.trim().eq_ignore_ascii_case("language") && !value.trim().is_empty() {
                        transcript.language = Some(value.trim().to_owned());
                    }
                }
            }
        }
        Some(_) => {
            lines.next();
        }
        None => {}
    }

    let mut previous: Option<(u32, Option<u32>)> = None;
    loop {
        while lines.next_if(|l| l.text.is_empty()).is_some() {}
        let Some(first) = lines.peek() else { break };
        progress.reached(first.offset)?;
        match collect_block(&mut lines) {
            Block::Cue(cue, payload) => {
                let CueDraft {
                    start,
                    mut end,
                    timing_line,
                } = cue;
                let mut end_known = true;
                if end == 0 && start > 0 && dialect == Dialect::Ohms {
                    warnings.push(format!(
                        "{file}, line {timing_line}: the cue ends at 00:00:00.000, which OHMS writes when it does not \
                         know the end; it was read as an unknown end"
                    ));
                    end_known = false;
                } else if end < start {
                    transcript.issues.push(BlockIssue {
                        line: timing_line,
                        action: BlockAction::Corrected,
                        message: format!(
                            "this cue ends at {} before it starts at {}; it was kept with its end set to its start",
                            format_clock(end, Some('.')),
                            format_clock(start, Some('.'))
                        ),
                    });
                    end = start;
                }
                let end = end_known.then_some(end);
                if let Some(warning) = cue_order_warning(file, timing_line, start, previous, '.') {
                    warnings.push(warning);
                }
                previous = Some((start, end));
                let (speaker, text) = cue_text(&payload);
                transcript.segments.push(ParsedSegment {
                    start_ms: Some(start),
                    end_ms: end,
                    speaker,
                    text,
                    source_line: timing_line,
                });
            }
            Block::BadTiming { line, message } => transcript.issues.push(BlockIssue {
                line,
                action: BlockAction::Skipped,
                message,
            }),
            Block::Stray { line, text } => transcript.issues.push(BlockIssue {
                line,
                action: BlockAction::Skipped,
                message: format!(
                    "{} is not a cue (no timing line like \"00:01:02.000 --> 00:01:05.000\" first or after an \
                     identifier); it was left out",
                    quote(&text)
                ),
            }),
            Block::Other => {}
        }
    }
    transcript.warnings = warnings.into_vec();
    Ok(transcript)
}

/// The specification's "collect a WebVTT block" (outside the header): lines up to an empty
/// line, where a line with `-->` as the first line, or as the second after an identifier, is
/// the cue timing, and a later line with `-->` is left for the next block.
fn collect_block<'t>(lines: &mut std::iter::Peekable<SourceLines<'t>>) -> Block {
    let mut line_count = 0u32;
    let mut buffer = String::new();
    let mut first_number = None;
    let mut seen_arrow = false;
    let mut seen_cue = false;
    let mut cue: Option<CueDraft> = None;
    let mut bad_timing: Option<(u32, String)> = None;
    let mut style_or_region = false;
    while let Some(&line) = lines.peek() {
        line_count += 1;
        first_number.get_or_insert(line.number);
        if line.text.contains("-->") {
            if line_count == 1 || (line_count == 2 && !seen_arrow) {
                lines.next();
                seen_arrow = true;
                match cue_timing(line) {
                    Ok((start, end)) => {
                        cue = Some(CueDraft {
                            start,
                            end,
                            timing_line: line.number,
                        });
                        buffer.clear();
                        seen_cue = true;
                    }
                    Err(message) => {
                        cue = None;
                        bad_timing = Some((line.number, message));
                    }
                }
                continue;
            }
            break;
        }
        lines.next();
        if line.text.is_empty() {
            break;
        }
        if line_count == 2 && !seen_cue {
            let block_name = |name: &str| {
                buffer
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_whitespace()))
            };
            if block_name("STYLE") || block_name("REGION") {
                style_or_region = true;
                buffer.clear();
            }
        }
        if !buffer.is_empty() {
            buffer.push('\n');
        }
        buffer.push_str(line.text);
    }
    if let Some(cue) = cue {
        return Block::Cue(cue, buffer);
    }
    if let Some((line, message)) = bad_timing {
        return Block::BadTiming { line, message };
    }
    let is_note = buffer
        .strip_prefix("NOTE")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\n']));
    let lone_style = ["STYLE", "REGION"].iter().any(|name| {
        buffer
            .strip_prefix(name)
            .is_some_and(|rest| rest.trim().is_empty())
    });
    if style_or_region || is_note || lone_style || buffer.is_empty() {
        return Block::Other;
    }
    Block::Stray {
        line: first_number.unwrap_or(0),
        text: buffer.lines().next().unwrap_or("").to_owned(),
    }
}

/// The specification's "collect WebVTT cue timings and settings": a timestamp, `-->`, a
/// timestamp, with white space around the arrow; the settings after it are read past. The
/// error says, for the curator, why the cue was left out.
fn cue_timing(line: SourceLine<'_>) -> Result<(u32, u32), String> {
    let text = line.text;
    let refuse = |why: String| {
        format!(
            "the cue timing {} could not be read: {why}; the cue was left out",
            quote(text)
        )
    };
    let mut rest = text.trim_start_matches(is_webvtt_space);
    let start = timestamp(&mut rest).map_err(|e| refuse(e.explain("start")))?;
    rest = rest.trim_start_matches(is_webvtt_space);
    rest = rest
        .strip_prefix("-->")
        .ok_or_else(|| refuse("expected \"-->\" after the start time".to_owned()))?;
    rest = rest.trim_start_matches(is_webvtt_space);
    let end = timestamp(&mut rest).map_err(|e| refuse(e.explain("end")))?;
    Ok((start, end))
}

/// ASCII white space as the specification counts it.
fn is_webvtt_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0c' | '\r')
}

/// Why a WebVTT timestamp could not be read.
enum TimestampError {
    Missing,
    Malformed(&'static str),
    TooLarge(String),
}

impl TimestampError {
    fn explain(self, which: &str) -> String {
        match self {
            TimestampError::Missing => format!("there is no {which} time"),
            TimestampError::Malformed(why) => format!("the {which} time {why}"),
            TimestampError::TooLarge(time) => too_large_message(&time),
        }
    }
}

/// The specification's "collect a WebVTT timestamp": `[hours:]mm:ss.ttt`, where hours have
/// any number of digits (and are present when the first number is not two digits or is over
/// 59), minutes and seconds two digits up to 59, and milliseconds three digits. Advances
/// `rest` past it.
fn timestamp(rest: &mut &str) -> Result<u32, TimestampError> {
    let text = *rest;
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let first_len = digits(text);
    if first_len == 0 {
        return Err(if text.is_empty() || text.starts_with("-->") {
            TimestampError::Missing
        } else {
            TimestampError::Malformed("does not start with a digit")
        });
    }
    let too_large = |len: usize| TimestampError::TooLarge(text[..len].to_owned());
    let first = &text[..first_len];
    let first_value = digits_value(first).map_err(|_| too_large(first_len))?;
    let hours_given = first_len != 2 || first_value > 59;
    let mut at = first_len;
    let colon = |at: &mut usize, why: &'static str| {
        if text[*at..].starts_with(':') {
            *at += 1;
            Ok(())
        } else {
            Err(TimestampError::Malformed(why))
        }
    };
    let two_digits = |at: &mut usize, why: &'static str| {
        let len = digits(&text[*at..]);
        if len != 2 {
            return Err(TimestampError::Malformed(why));
        }
        let value = text[*at..*at + 2].parse::<u64>().unwrap_or(99);
        *at += 2;
        Ok(value)
    };
    colon(&mut at, "needs minutes and seconds, like \"00:01.000\"")?;
    let second_value = two_digits(
        &mut at,
        "needs two digits for its minutes, like \"01:02:03.000\"",
    )?;
    let (hours, minutes, seconds) = if hours_given || text[at..].starts_with(':') {
        colon(&mut at, "needs seconds after its minutes")?;
        let third = two_digits(&mut at, "needs two digits for its seconds")?;
        (first_value, second_value, third)
    } else {
        (0, first_value, second_value)
    };
    if !text[at..].starts_with('.') {
        return Err(TimestampError::Malformed(
            "needs a dot and three digits of milliseconds, like \"00:01.000\"",
        ));
    }
    at += 1;
    let millis_len = digits(&text[at..]);
    if millis_len != 3 {
        return Err(TimestampError::Malformed(
            "needs exactly three digits of milliseconds, like \"00:01.000\"",
        ));
    }
    let millis = text[at..at + 3].parse::<u64>().unwrap_or(0);
    at += 3;
    if minutes > 59 {
        return Err(TimestampError::Malformed("has minutes beyond 59"));
    }
    if seconds > 59 {
        return Err(TimestampError::Malformed("has seconds beyond 59"));
    }
    let ms = clock_ms(hours, minutes, seconds, millis).map_err(|e| match e {
        ClockError::TooLarge | ClockError::Malformed => too_large(at),
    })?;
    *rest = &text[at..];
    Ok(ms)
}

/// The speaker and plain text of a cue payload: markup dropped, entities decoded, lines
/// trimmed. The first `<v Name>` is the speaker; a later, different voice in the same cue
/// keeps its name in the text ("Trotsky: ...") so nothing said is misattributed.
fn cue_text(payload: &str) -> (Option<String>, String) {
    let mut speaker: Option<String> = None;
    let mut plain = String::with_capacity(payload.len());
    let mut rest = payload;
    while let Some(i) = rest.find(['<', '&']) {
        plain.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after_ampersand) = tail.strip_prefix('&') {
            match entity(tail) {
                Some((decoded, length)) => {
                    plain.push(decoded);
                    rest = &tail[length..];
                }
                None => {
                    plain.push('&');
                    rest = after_ampersand;
                }
            }
            continue;
        }
        let Some(close) = tail.find('>') else {
            // A stray "<" with no tag after it: keep it as written.
            plain.push_str(tail);
            rest = "";
            break;
        };
        let tag = &tail[1..close];
        rest = &tail[close + 1..];
        let is_voice =
            tag.starts_with('v') && tag[1..].starts_with(|c: char| c.is_whitespace() || c == '.');
        if is_voice {
            let name = tag
                .split_once(char::is_whitespace)
                .map(|(_, name)| decode_entities(name.trim()));
            match (name, &speaker) {
                (Some(name), _) if name.is_empty() => {}
                (Some(name), None) => speaker = Some(name),
                (Some(name), Some(first)) if &name != first => {
                    plain.push_str(&name);
                    plain.push_str(": ");
                }
                _ => {}
            }
        } else if matches!(
            tag.trim_end_matches('/')
                .trim()
                .to_ascii_lowercase()
                .as_str(),
            "br"
        ) {
            // OHMS writes paragraph breaks inside a cue as <br>.
            plain.push('\n');
        }
    }
    plain.push_str(rest);
    (speaker, trimmed_lines(&plain))
}

/// Trims each line and drops blank lines at the start and end, keeping blank lines inside
/// (paragraph breaks).
pub(crate) fn trimmed_lines(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
    let first = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(first, |i| i + 1);
    lines[first..last].join("\n")
}

fn decode_entities(text: &str) -> String {
    cue_text(&text.replace('<', "&lt;")).1
}

/// Decodes the entity at the start of `text` ("&amp;...", "&#8212;..."), returning its
/// character and the length of its source, or `None` when it is not one. Only a few bytes
/// are looked at, so a cue full of bare `&` stays linear.
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text.bytes().take(12).position(|b| b == b';')?;
    let name = &text[1..end];
    let decoded = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "nbsp" => '\u{a0}',
        "quot" => '"',
        "apos" => '\'',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')?
        }
    };
    Some((decoded, end + 1))
}

/// Writes segments as WebVTT. Speakers become `<v Name>` voice tags. Cues need times, so
/// segments without times get estimated ones (a missing start follows the previous
/// segment's end; a missing end is the next segment's start, or else reckoned at 150 words a
/// minute). Blank lines inside a segment are dropped, because in WebVTT a
/// blank line ends the cue.
pub fn write(segments: &[ParsedSegment]) -> String {
    let mut vtt = String::from("WEBVTT\n");
    for (segment, (start, end)) in segments.iter().zip(subtitle_times(segments)) {
        vtt.push('\n');
        vtt.push_str(&format_clock(start, Some('.')));
        vtt.push_str(" --> ");
        vtt.push_str(&format_clock(end, Some('.')));
        vtt.push('\n');
        let mut voice = segment
            .speaker
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        for line in segment
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            if let Some(name) = voice.take() {
                vtt.push_str(&format!("<v {}>", escape(name)));
            }
            vtt.push_str(&escape(line));
            vtt.push('\n');
        }
        if let Some(name) = voice {
            vtt.push_str(&format!("<v {}>\n", escape(name)));
        }
    }
    vtt
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests;
