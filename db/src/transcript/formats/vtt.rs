//! WebVTT (`.vtt`), the subtitle format of the web and of OHMS.
//!
//! Reading follows the W3C format closely where a transcriptionist would want an error
//! (no `WEBVTT` header, a malformed timing, a cue that ends before it starts) and is lenient
//! where real files differ harmlessly: cue identifiers and settings are optional and
//! ignored, a comma is accepted before milliseconds, and a timing line right after a cue
//! without the blank line starts a new cue. `NOTE`, `STYLE` and `REGION` blocks are skipped.
//! `<v Name>` gives the speaker; other markup is dropped and the common entities decoded.
//! Overlapping cues are kept (two people speak at once) and reported as warnings.

use super::{
    cue_order_warning, format_clock, parse_clock, silently, subtitle_times, ClockSyntax,
    FormatError, ParseFailure, ParseProgress, ParsedSegment, ParsedTranscript, SourceLine,
    SourceLines, Warnings,
};

/// What a cue timing looks like, for error messages.
const TIMING_EXAMPLE: &str = "a cue timing like \"00:01:02.000 --> 00:01:05.000\"";

const CLOCK: ClockSyntax = ClockSyntax {
    fraction_separators: &['.', ','],
    fraction_required: true,
    hours_optional: true,
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
    // The header block runs to the first blank line; YouTube puts "Language: ru" there.
    while let Some(line) = lines.next_if(|l| !l.text.trim().is_empty() && !l.text.contains("-->")) {
        if let Some((key, value)) = line.text.split_once(':') {
            if key.trim().eq_ignore_ascii_case("language") && !value.trim().is_empty() {
                transcript.language = Some(value.trim().to_owned());
            }
        }
    }

    let mut previous: Option<(u32, Option<u32>)> = None;
    loop {
        while lines.next_if(|l| l.text.trim().is_empty()).is_some() {}
        let Some(first) = lines.next() else { break };
        progress.reached(first.offset)?;
        let block_name = first.text.split_whitespace().next().unwrap_or("");
        let timing = if first.text.contains("-->") {
            first
        } else if matches!(block_name, "NOTE" | "STYLE" | "REGION") {
            while lines.next_if(|l| !l.text.trim().is_empty()).is_some() {}
            continue;
        } else {
            // A cue identifier: the timing must follow on the next line.
            let expected = format!(
                "{TIMING_EXAMPLE} after the cue identifier \"{}\"",
                first.text.trim()
            );
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
        };
        let (start, end) = cue_timing(file, timing, dialect, &mut warnings)?;
        if let Some(warning) = cue_order_warning(file, timing.number, start, previous, '.') {
            warnings.push(warning);
        }
        previous = Some((start, end));

        let mut payload = String::new();
        while let Some(line) =
            lines.next_if(|l| !l.text.trim().is_empty() && !l.text.contains("-->"))
        {
            if !payload.is_empty() {
                payload.push('\n');
            }
            payload.push_str(line.text);
        }
        let (speaker, text) = cue_text(&payload);
        transcript.segments.push(ParsedSegment {
            start_ms: Some(start),
            end_ms: end,
            speaker,
            text,
            source_line: timing.number,
        });
    }
    transcript.warnings = warnings.into_vec();
    Ok(transcript)
}

/// Reads `00:01:02.000 --> 00:01:05.000 [settings]`. The end is `None` only for the OHMS
/// "unknown end" convention.
fn cue_timing(
    file: &str,
    line: SourceLine<'_>,
    dialect: Dialect,
    warnings: &mut Warnings,
) -> Result<(u32, Option<u32>), FormatError> {
    let (left, right) = line.text.split_once("-->").unwrap_or((line.text, ""));
    let start_text = left.trim();
    let end_text = right.split_whitespace().next().unwrap_or("");
    let clock = |text: &str| {
        let found = if text.is_empty() { line.text } else { text };
        parse_clock(text, CLOCK)
            .ok_or_else(|| FormatError::expected(file, line.number, TIMING_EXAMPLE, found))
    };
    let (start, end) = (clock(start_text)?, clock(end_text)?);
    if end == 0 && start > 0 && dialect == Dialect::Ohms {
        warnings.push(format!(
            "{file}, line {}: the cue ends at 00:00:00.000, which OHMS writes when it does not know the end; it was \
             read as an unknown end",
            line.number
        ));
        return Ok((start, None));
    }
    if end < start {
        return Err(FormatError::invalid(
            file,
            line.number,
            format!(
                "this cue ends at {end_text} before it starts at {start_text}; expected an end time after the start time"
            ),
        ));
    }
    Ok((start, Some(end)))
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
mod tests {
    use super::*;

    type Cue<'a> = (Option<u32>, Option<u32>, Option<&'a str>, &'a str);

    fn cues(transcript: &ParsedTranscript) -> Vec<Cue<'_>> {
        transcript
            .segments
            .iter()
            .map(|s| (s.start_ms, s.end_ms, s.speaker.as_deref(), s.text.as_str()))
            .collect()
    }

    const INTERVIEW: &str = "\u{feff}WEBVTT - Interview with Tatiana Smilga
Kind: captions
Language: ru

NOTE recorded in Moscow, 1989
by Zorya Serebryakova

STYLE
::cue { color: yellow }

REGION
id:bottom

1
00:01.000 --> 00:04.500 align:start position:10%
<v Zorya Serebryakova>Tell me about your father, <i>Ivar Smilga</i>.

intro-2
00:00:05.000 --> 00:00:09.250
<v.loud Tatiana Smilga>Мы жили на Грановского &amp; ходили в школу.
<c.yellow>Троцкий</c> бывал у нас &lt;часто&gt;.

00:00:10.000 --> 00:00:12.000
<00:00:10.500>Rock &amp; roll&nbsp;came <b>later</b> &#8212; &#x41;&c.
";

    #[test]
    fn an_interview_reads_with_speakers_and_plain_text() {
        let t = parse("smilga.vtt", INTERVIEW).unwrap();
        assert_eq!(t.title.as_deref(), Some("Interview with Tatiana Smilga"));
        assert_eq!(t.language.as_deref(), Some("ru"));
        assert_eq!(
            cues(&t),
            [
                (
                    Some(1000),
                    Some(4500),
                    Some("Zorya Serebryakova"),
                    "Tell me about your father, Ivar Smilga."
                ),
                (
                    Some(5000),
                    Some(9250),
                    Some("Tatiana Smilga"),
                    "Мы жили на Грановского & ходили в школу.\nТроцкий бывал у нас <часто>."
                ),
                (
                    Some(10_000),
                    Some(12_000),
                    None,
                    "Rock & roll\u{a0}came later — A&c."
                ),
            ]
        );
        assert_eq!(
            t.segments.iter().map(|s| s.source_line).collect::<Vec<_>>(),
            [15, 19, 23]
        );
        assert!(t.warnings.is_empty(), "{:?}", t.warnings);
        assert!(t.index_points.is_empty());
    }

    #[test]
    fn a_missing_header_is_an_error_at_line_1() {
        let err = parse("smilga.vtt", "00:01.000 --> 00:02.000\nHello\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "smilga.vtt, line 1: expected the header \"WEBVTT\" on the first line, found \"00:01.000 --> 00:02.000\""
        );
        let err = parse("smilga.vtt", "WEBVTTX\n").unwrap_err();
        assert_eq!(err.line(), 1, "{err}");
        assert!(parse("smilga.vtt", "")
            .unwrap_err()
            .to_string()
            .ends_with("found the end of the file"));
    }

    #[test]
    fn a_bad_timestamp_names_the_line_and_shows_what_was_found() {
        let mut vtt = String::from("WEBVTT\n\n");
        for i in 0..3 {
            vtt.push_str(&format!(
                "00:00:0{i}.000 --> 00:00:0{i}.500\nТроцкий {i}\n\n"
            ));
        }
        vtt.push_str("NOTE a comment\n\n");
        vtt.push_str("00:01:0x --> 00:01:05.000\nSmilga\n");
        let err = parse("interview.vtt", &vtt).unwrap_err();
        assert_eq!(
            err.to_string(),
            "interview.vtt, line 14: expected a cue timing like \"00:01:02.000 --> 00:01:05.000\", found \"00:01:0x\""
        );
        let err = parse("interview.vtt", "WEBVTT\n\n00:00:01.000 -->\nSmilga\n").unwrap_err();
        assert_eq!(err.line(), 3);
        assert!(
            err.to_string().ends_with("found \"00:00:01.000 -->\""),
            "{err}"
        );
        let err = parse(
            "interview.vtt",
            "WEBVTT\n\n00:00:01.000 --> 00:00:61.000\nSmilga\n",
        )
        .unwrap_err();
        assert!(err.to_string().ends_with("found \"00:00:61.000\""), "{err}");
    }

    #[test]
    fn a_cue_without_its_timing_is_an_error() {
        let err = parse(
            "a.vtt",
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\nlast-cue",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.vtt, line 6: expected a cue timing like \"00:01:02.000 --> 00:01:05.000\" after the cue identifier \
             \"last-cue\", found the end of the file"
        );
        let err = parse("a.vtt", "WEBVTT\n\nSerebryakov\nspoke without a timing\n").unwrap_err();
        assert_eq!(err.line(), 4);
        assert!(
            err.to_string()
                .ends_with("found \"spoke without a timing\""),
            "{err}"
        );
        let err = parse(
            "a.vtt",
            "WEBVTT\n\nSerebryakov\n\n00:00:01.000 --> 00:00:02.000\nok\n",
        )
        .unwrap_err();
        assert_eq!(err.line(), 4);
        assert!(err.to_string().ends_with("found an empty line"), "{err}");
    }

    #[test]
    fn a_cue_that_ends_before_it_starts_is_an_error() {
        let err = parse(
            "radek.vtt",
            "WEBVTT\n\n00:00:05.000 --> 00:00:03.000\nRadek\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "radek.vtt, line 3: this cue ends at 00:00:03.000 before it starts at 00:00:05.000; expected an end time \
             after the start time"
        );
    }

    #[test]
    fn overlapping_cues_are_kept_and_reported() {
        let vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Trotsky>Comrades!\n\n\
                   00:00:04.000 --> 00:00:06.000\n<v Smilga>Lev Davidovich, wait.\n\n\
                   00:00:02.000 --> 00:00:03.000\n<v Radek>A joke.\n";
        let t = parse("plenum.vtt", vtt).unwrap();
        assert_eq!(t.segments.len(), 3, "overlapping cues are not dropped");
        assert_eq!(t.warnings.len(), 2, "{:?}", t.warnings);
        assert_eq!(
            t.warnings[0],
            "plenum.vtt, line 6: this cue starts at 00:00:04.000, before the previous cue ends at 00:00:05.000 (people \
             speaking at once?); both were kept"
        );
        assert!(t.warnings[1].starts_with(
            "plenum.vtt, line 9: this cue starts at 00:00:02.000, before the previous"
        ));
    }

    #[test]
    fn several_voices_in_one_cue_keep_their_names() {
        let t = parse(
            "a.vtt",
            "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Trotsky>Who?\n<v Radek>Me.\n<v Trotsky>Ah.\n",
        )
        .unwrap();
        assert_eq!(
            cues(&t),
            [(
                Some(1000),
                Some(2000),
                Some("Trotsky"),
                "Who?\nRadek: Me.\nAh."
            )]
        );
    }

    #[test]
    fn a_timing_line_right_after_a_cue_starts_the_next_cue() {
        let t = parse(
            "a.vtt",
            "WEBVTT\n00:01.000 --> 00:02.000\nOne\n00:02.000 --> 00:03.000\nTwo\n",
        )
        .unwrap();
        assert_eq!(
            cues(&t),
            [
                (Some(1000), Some(2000), None, "One"),
                (Some(2000), Some(3000), None, "Two")
            ]
        );
    }

    #[test]
    fn the_ohms_unknown_end_is_accepted_only_in_ohms() {
        let vtt = "WEBVTT\n\n01:01:22.000 --> 00:00:00.000\n<v SMILGA>The end.\n";
        let err = parse("a.vtt", vtt).unwrap_err();
        assert!(matches!(err, FormatError::Invalid { line: 3, .. }), "{err}");
        let t = silently(|p| parse_text("a.xml", vtt, 40, Dialect::Ohms, p)).unwrap();
        assert_eq!(
            cues(&t),
            [(Some(3_682_000), None, Some("SMILGA"), "The end.")]
        );
        assert_eq!(
            t.segments[0].source_line, 42,
            "lines count from where the VTT starts in the XML"
        );
        assert!(
            t.warnings[0].starts_with("a.xml, line 42: the cue ends at 00:00:00.000"),
            "{:?}",
            t.warnings
        );
    }

    #[test]
    fn writing_escapes_markup_and_names_voices() {
        let segments = [
            ParsedSegment {
                start_ms: Some(1000),
                end_ms: Some(4500),
                speaker: Some("Serebryakova".into()),
                text: "Radek & Trotsky <left>\n\nfor Alma-Ata".into(),
                source_line: 1,
            },
            ParsedSegment {
                start_ms: Some(3_723_004),
                end_ms: Some(3_724_000),
                speaker: None,
                text: "—".into(),
                source_line: 9,
            },
        ];
        assert_eq!(
            write(&segments),
            "WEBVTT\n\n00:00:01.000 --> 00:00:04.500\n<v Serebryakova>Radek &amp; Trotsky &lt;left&gt;\nfor Alma-Ata\n\n\
             01:02:03.004 --> 01:02:04.000\n—\n"
        );
    }

    #[test]
    fn a_vtt_file_round_trips_with_the_same_cues_and_times() {
        let original = parse("smilga.vtt", INTERVIEW).unwrap();
        let written = write(&original.segments);
        let again = parse("smilga.vtt", &written).unwrap();
        assert_eq!(cues(&again), cues(&original));
        assert_eq!(write(&again.segments), written, "writing is stable");
    }

    /// Builds about `megabytes` of WebVTT.
    fn big_vtt(megabytes: usize) -> String {
        let mut vtt = String::with_capacity(megabytes << 20);
        vtt.push_str("WEBVTT\n\n");
        let mut ms = 0u32;
        while vtt.len() < megabytes << 20 {
            vtt.push_str(&format!(
                "{} --> {}\n<v Tatiana Smilga>Мы жили на Грановского, <i>Trotsky</i> &amp; Radek came.\nSecond line.\n\n",
                format_clock(ms, Some('.')),
                format_clock(ms + 1500, Some('.'))
            ));
            ms += 1000;
        }
        vtt
    }

    /// Run with `cargo test --release -- --ignored`: a quadratic parser would take a hundred
    /// times longer for ten times the input.
    #[test]
    #[ignore = "reads 110 MB; run in release"]
    fn a_hundred_megabytes_parse_in_linear_time() {
        let timed = |megabytes| {
            let vtt = big_vtt(megabytes);
            let started = std::time::Instant::now();
            let t = crate::transcript::formats::parse(
                "big.vtt",
                vtt.as_bytes(),
                crate::transcript::formats::Format::Vtt,
                None,
            )
            .unwrap();
            assert_eq!(t.warnings.len(), 101, "overlaps are reported, but capped");
            (started.elapsed(), t.segments.len())
        };
        let (small, small_cues) = timed(10);
        let (large, large_cues) = timed(100);
        eprintln!("10 MB: {small:?} ({small_cues} cues); 100 MB: {large:?} ({large_cues} cues)");
        assert!(large_cues > 9 * small_cues);
        assert!(
            large < small * 25,
            "10 MB took {small:?}, 100 MB took {large:?}"
        );
    }
}
