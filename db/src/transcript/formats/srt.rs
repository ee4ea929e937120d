//! SubRip (`.srt`), the most common subtitle format.
//!
//! Blocks of a number, a timing line `00:00:01,000 --> 00:00:04,000` and text lines,
//! separated by blank lines. Reading tolerates a missing number, a dot before milliseconds
//! and a missing blank line between blocks; it drops `<i>`/`<b>`/`<u>`/`<font>` tags and
//! `{\an8}` position codes. The speaker is taken conservatively, only from a leading
//! `[Name]` or an all-capitals `NAME:` label, because subtitle text is mostly speech.
//! Overlapping subtitles are kept and reported as warnings.

use super::{
    cue_order_warning, format_clock, parse_clock, silently, subtitle_times, text, vtt, ClockError,
    ClockSyntax, FormatError, ParseFailure, ParseProgress, ParsedSegment, ParsedTranscript,
    SourceLine, SourceLines, Warnings,
};

/// What a timing line looks like, for error messages.
const TIMING_EXAMPLE: &str = "a subtitle timing like \"00:00:01,000 --> 00:00:04,000\"";

const CLOCK: ClockSyntax = ClockSyntax {
    fraction_separators: &[',', '.'],
    fraction_required: true,
    hours_optional: false,
};

/// Reads SRT text (already decoded). `file` is used in messages.
pub fn parse(file: &str, text: &str) -> Result<ParsedTranscript, FormatError> {
    silently(|progress| parse_text(file, text, progress))
}

pub(crate) fn parse_text(
    file: &str,
    text: &str,
    progress: &mut ParseProgress<'_>,
) -> Result<ParsedTranscript, ParseFailure> {
    let mut lines = SourceLines::new(text, 1);
    let mut segments = Vec::new();
    let mut warnings = Warnings::default();
    let mut previous: Option<(u32, Option<u32>)> = None;
    while let Some(first) = lines.by_ref().find(|l| !l.text.trim().is_empty()) {
        progress.reached(first.offset)?;
        let number = first.text.trim();
        let timing = if is_subtitle_number(number) {
            let expected = format!("{TIMING_EXAMPLE} after the subtitle number {number}");
            match lines.next() {
                None => {
                    return Err(FormatError::expected_at_end(file, first.number, expected).into())
                }
                Some(line) if line.text.contains("-->") => line,
                Some(line) => {
                    return Err(
                        FormatError::expected(file, line.number, expected, line.text).into(),
                    )
                }
            }
        } else if first.text.contains("-->") {
            first
        } else {
            let expected =
                format!("a subtitle number like \"12\" on its own line, then {TIMING_EXAMPLE}");
            return Err(FormatError::expected(file, first.number, expected, first.text).into());
        };
        let (start, end) = timing_of(file, timing)?;
        if let Some(warning) = cue_order_warning(file, timing.number, start, previous, ',') {
            warnings.push(warning);
        }
        previous = Some((start, Some(end)));

        let mut raw = String::new();
        while let Some(line) = next_text_line(&mut lines) {
            if !raw.is_empty() {
                raw.push('\n');
            }
            raw.push_str(line.text);
        }
        let plain = vtt::trimmed_lines(&strip_markup(&raw));
        let (speaker, said) = match bracket_label(&plain).or_else(|| text::all_caps_label(&plain)) {
            Some((name, said)) => (Some(name.to_owned()), said.to_owned()),
            None => (None, plain),
        };
        segments.push(ParsedSegment {
            start_ms: Some(start),
            end_ms: Some(end),
            speaker,
            text: said,
            source_line: timing.number,
        });
    }
    Ok(ParsedTranscript {
        segments,
        warnings: warnings.into_vec(),
        ..Default::default()
    })
}

fn is_subtitle_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The next line of a subtitle's text, or `None` where the text ends: at a blank line, or
/// where the next block evidently starts without one (a timing line, or a number followed
/// by a timing line).
fn next_text_line<'t>(lines: &mut SourceLines<'t>) -> Option<SourceLine<'t>> {
    let mut ahead = lines.clone();
    let line = ahead.next()?;
    if line.text.trim().is_empty() || line.text.contains("-->") {
        return None;
    }
    if is_subtitle_number(line.text.trim())
        && ahead.next().is_some_and(|next| next.text.contains("-->"))
    {
        return None;
    }
    lines.next()
}

fn timing_of(file: &str, line: SourceLine<'_>) -> Result<(u32, u32), FormatError> {
    let (left, right) = line.text.split_once("-->").unwrap_or((line.text, ""));
    let start_text = left.trim();
    let end_text = right.split_whitespace().next().unwrap_or("");
    let clock = |text: &str| {
        let found = if text.is_empty() { line.text } else { text };
        parse_clock(text, CLOCK).map_err(|e| match e {
            ClockError::Malformed => {
                FormatError::expected(file, line.number, TIMING_EXAMPLE, found)
            }
            ClockError::TooLarge => ClockError::too_large(file, line.number, text),
        })
    };
    let (start, end) = (clock(start_text)?, clock(end_text)?);
    if end < start {
        return Err(FormatError::invalid(
            file,
            line.number,
            format!(
                "this subtitle ends at {end_text} before it starts at {start_text}; expected an end time after the \
                 start time"
            ),
        ));
    }
    Ok((start, end))
}

/// Drops the formatting tags SRT players understand (`<i>`, `<b>`, `<u>`, `<s>`, `<font>`)
/// and `{\an8}`-style position codes; any other `<` is text.
fn strip_markup(raw: &str) -> String {
    let mut plain = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['<', '{']) {
        plain.push_str(&rest[..i]);
        let tail = &rest[i..];
        let close = if tail.starts_with('<') { '>' } else { '}' };
        let markup_end = tail.find(close).filter(|&end| {
            let inner = &tail[1..end];
            if close == '}' {
                return inner.starts_with('\\');
            }
            let name = inner
                .trim_start_matches('/')
                .split([' ', '='])
                .next()
                .unwrap_or("");
            ["i", "b", "u", "s", "font"]
                .iter()
                .any(|tag| name.eq_ignore_ascii_case(tag))
        });
        match markup_end {
            Some(end) => rest = &tail[end + 1..],
            None => {
                plain.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    plain.push_str(rest);
    plain
}

/// `[Tatiana Smilga] text`: a bracketed name (capitalised words, as for a speaker label)
/// followed by speech. A bracket alone on the line is a sound description like `[Laughter]`.
fn bracket_label(text: &str) -> Option<(&str, &str)> {
    let inner_end = text.strip_prefix('[')?.find(']')? + 1;
    let name = text[1..inner_end].trim();
    let said = text[inner_end + 1..].trim_start_matches([' ', '\t']);
    if said.is_empty() || said.starts_with('\n') {
        return None;
    }
    text::speaker_label(&format!("{name}:"))?;
    Some((name, said))
}

/// Writes segments as SRT, numbered from 1. A speaker in capitals is written `NAME: text`,
/// any other as `[Name] text`, the two forms the reader recognises. Subtitles need times, so
/// segments without times get estimated ones (a missing start follows the previous
/// segment's end; a missing end is the next segment's start, or else reckoned at 150 words a
/// minute). Blank lines inside a segment are dropped, because in SRT a
/// blank line ends the subtitle.
pub fn write(segments: &[ParsedSegment]) -> String {
    let mut srt = String::new();
    for (number, (segment, (start, end))) in
        segments.iter().zip(subtitle_times(segments)).enumerate()
    {
        if number > 0 {
            srt.push('\n');
        }
        srt.push_str(&format!(
            "{}\n{} --> {}\n",
            number + 1,
            format_clock(start, Some(',')),
            format_clock(end, Some(','))
        ));
        let mut label = segment
            .speaker
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|name| {
                if name.chars().any(char::is_lowercase) {
                    format!("[{name}] ")
                } else {
                    format!("{name}: ")
                }
            });
        for line in segment
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            if let Some(label) = label.take() {
                srt.push_str(&label);
            }
            srt.push_str(line);
            srt.push('\n');
        }
        if let Some(label) = label {
            srt.push_str(label.trim_end());
            srt.push('\n');
        }
    }
    srt
}

#[cfg(test)]
mod tests;
