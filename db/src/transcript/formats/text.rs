//! Plain-text transcripts, as typed by transcriptionists.
//!
//! A line may start with a timestamp (`[00:01:23]`, `[01:23]`, `(00:01:23)` or a bare
//! `00:01:23`) and then a speaker label (`SMILGA:`, `Tatiana Smilga:`, `Speaker 2:`, or the
//! interview shorthand `Q:`/`A:`, Russian `В:`/`О:`). A timestamp or a label starts a new
//! segment; other lines continue the current one, and a blank line ends it. A segment
//! without a label keeps the previous speaker, since a new paragraph is rarely a new voice.
//! `Q:` is read as "Interviewer" and `A:` as "Narrator" unless the file names them with a
//! legend line such as `Q = Zorya Serebryakova`. When timestamps are present, a segment ends
//! where the next one starts.

use super::{
    format_clock, parse_clock, silently, ClockError, ClockSyntax, FormatError, ParseFailure,
    ParseProgress, ParsedSegment, ParsedTranscript, SourceLines, Warnings,
};

const CLOCK: ClockSyntax = ClockSyntax {
    fraction_separators: &['.', ','],
    fraction_required: false,
    hours_optional: true,
};

/// The interview shorthand roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// `Q:` or `В:` (вопрос).
    Interviewer,
    /// `A:` or `О:` (ответ).
    Narrator,
}

/// Who speaks in a segment being read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Voice {
    Named(String),
    Shorthand(Role),
}

/// A segment being read.
#[derive(Debug)]
struct Draft {
    start_ms: Option<u32>,
    voice: Option<Voice>,
    text: String,
    source_line: u32,
}

/// Reads plain-text transcript text (already decoded). `file` is used in messages.
pub fn parse(file: &str, text: &str) -> Result<ParsedTranscript, FormatError> {
    silently(|progress| parse_text(file, text, 1, progress))
}

/// Reads plain text whose first line is line `first_line` of `file`.
pub(crate) fn parse_text(
    file: &str,
    text: &str,
    first_line: u32,
    progress: &mut ParseProgress<'_>,
) -> Result<ParsedTranscript, ParseFailure> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut current: Option<Draft> = None;
    let mut legend: [Option<String>; 2] = [None, None];
    let mut previous_voice: Option<Voice> = None;
    for line in SourceLines::new(text, first_line) {
        progress.reached(line.offset)?;
        let content = line.text.trim();
        if content.is_empty() {
            close(&mut current, &mut drafts);
            continue;
        }
        if let Some((role, name)) = legend_line(content) {
            legend[role as usize] = Some(name.to_owned());
            continue;
        }
        let (stamp, rest) = match leading_timestamp(content) {
            Ok(Some((ms, rest))) => (Some(ms), rest),
            Ok(None) => (None, content),
            Err(huge) => return Err(ClockError::too_large(file, line.number, huge).into()),
        };
        let (voice, said) = match shorthand_label(rest) {
            Some((role, said)) => (Some(Voice::Shorthand(role)), said),
            None => match speaker_label(rest) {
                Some((name, said)) => (Some(Voice::Named(name.to_owned())), said),
                None => (None, rest),
            },
        };
        match current.as_mut() {
            Some(draft) if stamp.is_none() && voice.is_none() => {
                if !draft.text.is_empty() {
                    draft.text.push('\n');
                }
                draft.text.push_str(said);
            }
            // A line holding only a timestamp times whatever is said next.
            Some(draft) if draft.text.is_empty() && draft.start_ms.is_some() && stamp.is_none() => {
                draft.voice = voice.clone();
                draft.text.push_str(said);
            }
            _ => {
                close(&mut current, &mut drafts);
                let voice = voice.or_else(|| previous_voice.clone());
                current = Some(Draft {
                    start_ms: stamp,
                    voice,
                    text: said.to_owned(),
                    source_line: line.number,
                });
            }
        }
        if let Some(draft) = &current {
            previous_voice = draft.voice.clone();
        }
    }
    close(&mut current, &mut drafts);

    let mut warnings = Warnings::default();
    let mut latest: Option<u32> = None;
    for draft in &drafts {
        if let (Some(start), Some(before)) = (draft.start_ms, latest) {
            if start < before {
                warnings.push(format!(
                    "{file}, line {}: the timestamp {} comes after {}; the segments were kept in the order of the file",
                    draft.source_line,
                    format_clock(start, None),
                    format_clock(before, None)
                ));
            }
        }
        latest = draft.start_ms.or(latest);
    }
    let next_starts: Vec<Option<u32>> = drafts
        .iter()
        .skip(1)
        .map(|d| d.start_ms)
        .chain([None])
        .collect();
    let segments = drafts
        .into_iter()
        .zip(next_starts)
        .map(|(draft, next_start)| ParsedSegment {
            end_ms: draft
                .start_ms
                .and(next_start)
                .filter(|&end| Some(end) >= draft.start_ms),
            start_ms: draft.start_ms,
            speaker: draft.voice.map(|voice| match voice {
                Voice::Named(name) => name,
                Voice::Shorthand(role) => {
                    legend[role as usize].clone().unwrap_or_else(|| match role {
                        Role::Interviewer => "Interviewer".to_owned(),
                        Role::Narrator => "Narrator".to_owned(),
                    })
                }
            }),
            text: draft.text,
            source_line: draft.source_line,
        })
        .collect();
    Ok(ParsedTranscript {
        segments,
        warnings: warnings.into_vec(),
        ..Default::default()
    })
}

/// Ends the current segment; one with nothing said is dropped.
fn close(current: &mut Option<Draft>, drafts: &mut Vec<Draft>) {
    if let Some(draft) = current.take() {
        if !draft.text.is_empty() {
            drafts.push(draft);
        }
    }
}

/// `Q = Zorya Serebryakova` names who the shorthand labels stand for.
fn legend_line(line: &str) -> Option<(Role, &str)> {
    let (key, name) = line.split_once('=')?;
    let role = shorthand_role(key.trim())?;
    let name = name.trim();
    speaker_label(&format!("{name}:"))?;
    Some((role, name))
}

fn shorthand_role(label: &str) -> Option<Role> {
    match label {
        "Q" | "В" => Some(Role::Interviewer),
        "A" | "О" => Some(Role::Narrator),
        _ => None,
    }
}

/// `Q: text` and its kin.
fn shorthand_label(line: &str) -> Option<(Role, &str)> {
    let (label, said) = split_label(line)?;
    Some((shorthand_role(label)?, said))
}

/// A timestamp at the start of a line: bracketed `[00:01:23]`, `[01:23]`, `(00:01:23)` (with
/// optional milliseconds), or a bare `00:01:23` with hours. Returns the milliseconds and the
/// rest of the line; a dash between the timestamp and the text is dropped. A timestamp too
/// large to hold (a huge hour) is `Err` with its text, so it is refused rather than read as
/// words or wrapped to a small time.
pub(crate) fn leading_timestamp(line: &str) -> Result<Option<(u32, &str)>, &str> {
    let Some(first) = line.chars().next() else {
        return Ok(None);
    };
    let (clock, rest) = match first {
        open @ ('[' | '(') => {
            let close = if open == '[' { ']' } else { ')' };
            let Some(end) = line.find(close) else {
                return Ok(None);
            };
            (line[1..end].trim(), &line[end + 1..])
        }
        _ => {
            let end = line.find(char::is_whitespace).unwrap_or(line.len());
            let clock = &line[..end];
            if clock.matches(':').count() != 2 {
                return Ok(None);
            }
            (clock, &line[end..])
        }
    };
    let ms = match parse_clock(clock, CLOCK) {
        Ok(ms) => ms,
        Err(ClockError::Malformed) => return Ok(None),
        Err(ClockError::TooLarge) => return Err(clock),
    };
    let rest = rest.trim_start();
    let rest = match rest.strip_prefix(['-', '–', '—']) {
        Some(after) if after.is_empty() || after.starts_with(char::is_whitespace) => {
            after.trim_start()
        }
        _ => rest,
    };
    Ok(Some((ms, rest)))
}

/// Splits `Label: text` at the first colon of the first line, if a space or the end of the
/// line follows it (so "10:30" and "http://" are not labels).
fn split_label(line: &str) -> Option<(&str, &str)> {
    let first_line = &line[..line.find('\n').unwrap_or(line.len())];
    let colon = first_line.find(':').filter(|&i| i < 80)?;
    let (label, rest) = (line[..colon].trim(), &line[colon + 1..]);
    if label.is_empty() || !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((label, rest.trim_start()))
}

/// The words of a label: one to four, made of letters, digits and `.-'’`.
fn label_words(label: &str) -> Option<Vec<&str>> {
    let words: Vec<&str> = label.split_whitespace().collect();
    let well_formed = (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '’'))
        })
        && words[0].starts_with(char::is_alphabetic);
    well_formed.then_some(words)
}

/// A speaker label: `SMILGA: text`, `Tatiana Smilga: text`, `Leon von Trotsky: text`,
/// `Speaker 2: text`. Every word must be capitalised, a number, or a lowercase name particle,
/// so that "He said: yes" is not a speaker. Returns the name and the rest of the line.
pub(crate) fn speaker_label(line: &str) -> Option<(&str, &str)> {
    const PARTICLES: [&str; 14] = [
        "von", "van", "de", "der", "den", "da", "di", "du", "la", "le", "del", "dos", "bin", "ibn",
    ];
    let (label, said) = split_label(line)?;
    let words = label_words(label)?;
    let capitalised = |w: &str| w.starts_with(char::is_uppercase);
    let name_like = capitalised(words[0])
        && words.iter().all(|w| {
            capitalised(w) || w.chars().all(|c| c.is_ascii_digit()) || PARTICLES.contains(w)
        });
    name_like.then_some((label, said))
}

/// A speaker label in capitals only (`SMILGA: text`, `NAME OF INTERVIEWEE: text`), the
/// conservative rule for subtitle files and OHMS transcripts, where mixed-case text before a
/// colon is usually speech.
pub(crate) fn all_caps_label(line: &str) -> Option<(&str, &str)> {
    let (label, said) = split_label(line)?;
    label_words(label)?;
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = letters >= 2
        && label
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    all_caps.then_some((label, said))
}

/// Writes segments as plain text, one paragraph each: `[HH:MM:SS] Speaker: text` (with
/// `.mmm` when the time has milliseconds), leaving out what is unknown. Blank lines inside a
/// segment are dropped, because a blank line separates segments.
pub fn write(segments: &[ParsedSegment]) -> String {
    let mut text = String::new();
    for segment in segments {
        if !text.is_empty() {
            text.push('\n');
        }
        if let Some(start) = segment.start_ms {
            let separator = (start % 1000 != 0).then_some('.');
            text.push_str(&format!("[{}] ", format_clock(start, separator)));
        }
        if let Some(speaker) = segment
            .speaker
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            text.push_str(speaker);
            text.push_str(": ");
        }
        let mut lines = segment
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty());
        text.push_str(lines.next().unwrap_or(""));
        text.truncate(text.trim_end_matches(' ').len());
        text.push('\n');
        for line in lines {
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

#[cfg(test)]
mod tests;
