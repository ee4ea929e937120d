//! OHMS XML exports (Oral History Metadata Synchronizer, University of Kentucky), as written
//! by OHMS 5 and 6 and described by their `ohms.xsd`.
//!
//! From the first `<record>` we read the title, the language, the index (`<index><point>`
//! with time in seconds, title, partial transcript, synopsis, `;`-separated keywords and
//! subjects, GPS points and hyperlinks) and the transcript, in whichever form it has:
//!
//! * `<vtt_transcript>` (OHMS 6): WebVTT, read by [`super::vtt`] with line numbers of the XML
//!   file. OHMS ends the last cue at `00:00:00.000` when it does not know the duration; that
//!   is read as an unknown end, with a warning.
//! * `<transcript>` with `<sync>` (the older form): plain text, timed by the sync string
//!   `1:|13(3)|19(14)|...`. The number before the colon is the interval in minutes; entry N
//!   (counting from 1) marks where minute N × interval begins, as a 1-based transcript line
//!   and 1-based word on it (counted as the Science History Institute's reader of these
//!   fixtures counts them; a word past the end of its line means the end of the line). We
//!   cut the text there, so each segment is one interval long, and give it the speaker whose
//!   `NAME:` label was last seen.
//! * `<transcript>` without sync: plain text, read by [`super::text`].
//!
//! OHMS writes "No transcript." when there is none; that reads as no segments.

use quick_xml::{events::Event, Reader};

use super::{
    digits_value, line_endings_between, silently, text, too_large_message, vtt, ClockError,
    FormatError, ParseFailure, ParseProgress, ParsedIndexPoint, ParsedSegment, ParsedTranscript,
    SourceLines, Warnings,
};

/// What OHMS writes in `<transcript>` when an interview has none.
const NO_TRANSCRIPT: &str = "No transcript.";

/// Reads an OHMS XML export (already decoded). `file` is used in messages.
pub fn parse(file: &str, text: &str) -> Result<ParsedTranscript, FormatError> {
    silently(|progress| parse_text(file, text, progress))
}

/// Text of an element with the line its content starts on.
#[derive(Debug, Default)]
struct Located {
    text: String,
    line: u32,
}

/// The parts of the first `<record>` we use.
#[derive(Debug, Default)]
struct Record {
    title: Option<String>,
    language: Option<String>,
    sync: Option<Located>,
    transcript: Option<Located>,
    vtt_transcript: Option<Located>,
    vtt_transcript_alt: Option<Located>,
    transcript_alt_lang: Option<String>,
    index_points: Vec<ParsedIndexPoint>,
}

/// Line numbers for byte offsets that only grow, counted incrementally so that a large
/// file is scanned once.
struct LineCounter<'t> {
    bytes: &'t [u8],
    offset: usize,
    line: u32,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, offset: usize) -> u32 {
        let offset = offset.min(self.bytes.len());
        if offset < self.offset {
            // Only error positions go backwards, once.
            (self.offset, self.line) = (0, 1);
        }
        let endings = line_endings_between(self.bytes, self.offset, offset);
        self.line = self
            .line
            .saturating_add(u32::try_from(endings).unwrap_or(u32::MAX));
        self.offset = offset;
        self.line
    }
}

pub(crate) fn parse_text(
    file: &str,
    xml: &str,
    progress: &mut ParseProgress<'_>,
) -> Result<ParsedTranscript, ParseFailure> {
    let mut warnings = Warnings::default();
    let record = read_record(file, xml, progress, &mut warnings)?;
    let mut transcript = ParsedTranscript {
        title: record.title,
        language: record.language,
        index_points: record.index_points,
        ..Default::default()
    };
    let transcript_text = record
        .transcript
        .filter(|t| !t.text.trim().is_empty() && t.text.trim() != NO_TRANSCRIPT);
    let read = match (
        record.vtt_transcript.filter(|t| !t.text.trim().is_empty()),
        transcript_text,
    ) {
        (Some(vtt), _) => Some(embedded_vtt(file, vtt, progress)?),
        (None, Some(plain)) if plain.text.trim_start().starts_with("WEBVTT") => {
            Some(embedded_vtt(file, plain, progress)?)
        }
        (None, Some(plain)) => {
            let sync = record.sync.filter(|s| !s.text.trim().is_empty());
            match sync
                .as_ref()
                .map(|sync| (sync, sync.text.trim().split_once(':')))
            {
                Some((sync, Some((interval, entries)))) => Some(ParsedTranscript {
                    segments: split_at_sync(
                        file,
                        &plain,
                        sync.line,
                        interval,
                        entries,
                        &mut warnings,
                    )?,
                    ..Default::default()
                }),
                Some((sync, None)) => {
                    warnings.push(format!(
                        "{file}, line {}: the sync \"{}\" is not like \"1:|13(3)|19(14)\"; the transcript was read \
                         without times",
                        sync.line,
                        sync.text.trim()
                    ));
                    Some(text::parse_text(file, &plain.text, plain.line, progress)?)
                }
                None => Some(text::parse_text(file, &plain.text, plain.line, progress)?),
            }
        }
        (None, None) => None,
    };
    // OHMS 6.0's translation, aligned to the transcript by time.
    if let Some(alt) = record
        .vtt_transcript_alt
        .filter(|t| !t.text.trim().is_empty())
    {
        let read = embedded_vtt(file, alt, progress)?;
        transcript.issues.extend(read.issues);
        for warning in read.warnings {
            warnings.push(warning);
        }
        transcript.translations.push(super::ParsedTranslation {
            language: record.transcript_alt_lang.clone(),
            segments: read.segments,
        });
    }
    if let Some(read) = read {
        transcript.segments = read.segments;
        transcript.issues.splice(0..0, read.issues);
        for warning in read.warnings {
            warnings.push(warning);
        }
    }
    transcript.warnings = warnings.into_vec();
    Ok(transcript)
}

fn embedded_vtt(
    file: &str,
    vtt: Located,
    progress: &mut ParseProgress<'_>,
) -> Result<ParsedTranscript, ParseFailure> {
    // Whitespace between the tag and the CDATA section moves the header down.
    let body = vtt.text.trim_start();
    let skipped = vtt.text.len() - body.len();
    let skipped_lines =
        u32::try_from(line_endings_between(vtt.text.as_bytes(), 0, skipped)).unwrap_or(u32::MAX);
    let first_line = vtt.line.saturating_add(skipped_lines);
    vtt::parse_text(file, body, first_line, vtt::Dialect::Ohms, progress)
}

/// Walks the XML, keeping what [`Record`] needs from the first record.
fn read_record(
    file: &str,
    xml: &str,
    progress: &mut ParseProgress<'_>,
    warnings: &mut Warnings,
) -> Result<Record, ParseFailure> {
    let mut reader = Reader::from_str(xml);
    let mut lines = LineCounter::new(xml);
    let mut record = Record::default();
    // Open elements: local name and the line of their start tag.
    let mut open: Vec<(String, u32)> = Vec::new();
    let mut content = String::new();
    let mut content_start: Option<usize> = None;
    let mut records = 0u32;
    let mut point: Option<(ParsedIndexPoint, u32)> = None;
    let mut root_seen = false;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        progress.reached(before)?;
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                return Err(not_well_formed(file, lines.line_at(at), &e.to_string()).into());
            }
        };
        let (name, closes) = match &event {
            Event::Start(e) => (Some(local_name(e.local_name().as_ref())), false),
            Event::Empty(e) => (Some(local_name(e.local_name().as_ref())), true),
            Event::End(_) => (None, true),
            Event::Text(t) => {
                content_start.get_or_insert(before);
                content.push_str(
                    &t.decode().map_err(|e| {
                        not_well_formed(file, lines.line_at(before), &e.to_string())
                    })?,
                );
                (None, false)
            }
            Event::CData(t) => {
                content_start.get_or_insert(before + "<![CDATA[".len());
                content.push_str(
                    &t.decode().map_err(|e| {
                        not_well_formed(file, lines.line_at(before), &e.to_string())
                    })?,
                );
                (None, false)
            }
            Event::GeneralRef(r) => {
                content_start.get_or_insert(before);
                let reference = r
                    .decode()
                    .map_err(|e| not_well_formed(file, lines.line_at(before), &e.to_string()))?;
                match r.resolve_char_ref() {
                    Ok(Some(c)) => content.push(c),
                    Ok(None) => match reference.as_ref() {
                        "amp" => content.push('&'),
                        "lt" => content.push('<'),
                        "gt" => content.push('>'),
                        "quot" => content.push('"'),
                        "apos" => content.push('\''),
                        // An HTML entity XML does not define: keep it as written.
                        other => content.push_str(&format!("&{other};")),
                    },
                    Err(e) => {
                        return Err(
                            not_well_formed(file, lines.line_at(before), &e.to_string()).into()
                        )
                    }
                }
                (None, false)
            }
            Event::Eof => break,
            _ => (None, false),
        };
        if let Some(name) = name {
            let line = lines.line_at(before);
            if open.is_empty() {
                if name != "ROOT" {
                    let expected = "an OHMS export, whose root element is <ROOT>";
                    return Err(
                        FormatError::expected(file, line, expected, &format!("<{name}>")).into(),
                    );
                }
                root_seen = true;
            }
            if open.len() == 1 && name == "record" {
                records += 1;
                if records == 2 {
                    warnings.push(format!(
                        "{file}, line {line}: the export holds more than one record; only the first was read"
                    ));
                }
            }
            if records == 1 && under(&open, &["ROOT", "record", "index"]) && name == "point" {
                point = Some((ParsedIndexPoint::default(), line));
            }
            open.push((name, line));
            content.clear();
            content_start = None;
        }
        if !closes {
            continue;
        }
        let Some((name, opened_on)) = open.pop() else {
            // quick-xml reports unmatched end tags itself; nothing is open here.
            continue;
        };
        let text = std::mem::take(&mut content);
        let start = content_start.take();
        if records != 1 || open.get(1).is_none_or(|(name, _)| name != "record") {
            continue;
        }
        let content_line = start.map_or(opened_on, |offset| lines.line_at(offset));
        let depth = open.len();
        match (depth, name.as_str()) {
            (2, "title") => record.title = non_empty(&text),
            (2, "language") => record.language = non_empty(&text),
            (2, "sync") => {
                record.sync = Some(Located {
                    text,
                    line: content_line,
                })
            }
            (2, "transcript") => {
                record.transcript = Some(Located {
                    text,
                    line: content_line,
                })
            }
            (2, "vtt_transcript") => {
                record.vtt_transcript = Some(Located {
                    text,
                    line: content_line,
                })
            }
            (2, "vtt_transcript_alt") => {
                record.vtt_transcript_alt = Some(Located {
                    text,
                    line: content_line,
                })
            }
            (2, "transcript_alt_lang") => record.transcript_alt_lang = non_empty(&text),
            (3, "point") if under(&open, &["ROOT", "record", "index"]) => {
                if let Some((point, _)) = point.take() {
                    record.index_points.push(point);
                }
            }
            (4, field) if under(&open, &["ROOT", "record", "index", "point"]) => {
                if let Some((point, _)) = point.as_mut() {
                    read_point_field(file, point, field, &text, content_line, warnings)?;
                }
            }
            (5, "gps") if under(&open, &["ROOT", "record", "index", "point", "gpspoints"]) => {
                if let Some((point, _)) = point.as_mut() {
                    if point.gps.is_none() {
                        point.gps = gps(file, &text, content_line, warnings);
                    }
                }
            }
            (5, "hyperlink")
                if under(&open, &["ROOT", "record", "index", "point", "hyperlinks"]) =>
            {
                if let Some((point, _)) = point.as_mut() {
                    point.hyperlinks.extend(non_empty(&text));
                }
            }
            _ => {}
        }
    }
    let end_line = lines.line_at(xml.len());
    if let Some((name, line)) = open.last() {
        return Err(FormatError::expected_at_end(
            file,
            end_line,
            format!("</{name}> to close the <{name}> opened on line {line}"),
        )
        .into());
    }
    if !root_seen {
        let expected = "an OHMS export, whose root element is <ROOT>";
        let first = xml.lines().map(str::trim).find(|l| !l.is_empty());
        return Err(match first {
            Some(first) => FormatError::expected(file, 1, expected, first),
            None => FormatError::expected_at_end(file, end_line, expected),
        }
        .into());
    }
    if records == 0 {
        return Err(
            FormatError::expected_at_end(file, end_line, "a <record> inside <ROOT>").into(),
        );
    }
    Ok(record)
}

fn not_well_formed(file: &str, line: u32, reason: &str) -> FormatError {
    FormatError::invalid(
        file,
        line,
        format!("this is not well-formed XML ({reason}); expected an OHMS export"),
    )
}

fn local_name(name: &[u8]) -> String {
    String::from_utf8_lossy(name).into_owned()
}

/// Whether the open elements are exactly `path`.
fn under(open: &[(String, u32)], path: &[&str]) -> bool {
    open.len() == path.len()
        && open
            .iter()
            .zip(path)
            .all(|((name, _), expected)| name == expected)
}

fn non_empty(text: &str) -> Option<String> {
    Some(text.trim())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

fn read_point_field(
    file: &str,
    point: &mut ParsedIndexPoint,
    field: &str,
    text: &str,
    line: u32,
    warnings: &mut Warnings,
) -> Result<(), FormatError> {
    let listed = |text: &str| {
        text.split(';')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    };
    match field {
        "time" => point.time_ms = seconds(file, text.trim(), line, warnings)?,
        "title" => point.title = text.trim().to_owned(),
        "partial_transcript" => point.partial_transcript = text.trim().to_owned(),
        "synopsis" => point.synopsis = text.trim().to_owned(),
        "keywords" => point.keywords = listed(text),
        "subjects" => point.subjects = listed(text),
        _ => {}
    }
    Ok(())
}

/// An index point's time: whole seconds per the schema, fractions tolerated.
fn seconds(file: &str, text: &str, line: u32, warnings: &mut Warnings) -> Result<u32, FormatError> {
    if text.is_empty() {
        warnings.push(format!(
            "{file}, line {line}: an index point has no time; it was placed at the start"
        ));
        return Ok(0);
    }
    let ms = text
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(|s| (s * 1000.0).round());
    match ms {
        Some(ms) if ms <= f64::from(u32::MAX) => Ok(ms as u32),
        _ => Err(FormatError::expected(
            file,
            line,
            "an index point time in seconds, like \"302\"",
            text,
        )),
    }
}

/// `latitude, longitude`; anything else is reported and skipped, since a bad map pin should
/// not stop an interview from being imported.
fn gps(file: &str, text: &str, line: u32, warnings: &mut Warnings) -> Option<(f64, f64)> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let pair = text.split_once(',').and_then(|(lat, lng)| {
        Some((
            lat.trim().parse::<f64>().ok()?,
            lng.trim().parse::<f64>().ok()?,
        ))
    });
    match pair {
        Some((lat, lng)) if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lng) => {
            Some((lat, lng))
        }
        _ => {
            warnings.push(format!(
                "{file}, line {line}: the GPS point \"{text}\" is not \"latitude, longitude\"; it was left out"
            ));
            None
        }
    }
}

/// Splits a legacy OHMS transcript at its sync points (see the module documentation):
/// `interval` is the part of the sync string before the colon, `entries` the part after.
fn split_at_sync(
    file: &str,
    transcript: &Located,
    sync_line: u32,
    interval: &str,
    entries: &str,
    warnings: &mut Warnings,
) -> Result<Vec<ParsedSegment>, FormatError> {
    let text = transcript.text.as_str();
    let lines: Vec<_> = SourceLines::new(text, transcript.line).collect();
    // A huge interval is refused: it would put every entry past what a time can hold.
    let interval_minutes = match digits_value(interval.trim()) {
        Ok(minutes) if minutes > 0 => minutes,
        Ok(_) | Err(ClockError::Malformed) => 1,
        Err(ClockError::TooLarge) => {
            return Err(FormatError::invalid(
                file,
                sync_line,
                format!(
                    "the sync interval of {} minutes is beyond 1,193 hours, the longest recording Recollect can \
                     hold; expected an interval like \"1:\"",
                    interval.trim()
                ),
            ))
        }
    };

    // Cuts: (byte offset in the transcript, time).
    let mut cuts: Vec<(usize, u32)> = vec![(0, 0)];
    for (index, stamp) in entries.split('|').enumerate() {
        let stamp = stamp.trim();
        if stamp.is_empty() {
            continue;
        }
        let position = stamp
            .strip_suffix(')')
            .and_then(|s| s.split_once('('))
            .and_then(|(line, word)| {
                Some((
                    line.trim().parse::<usize>().ok()?,
                    word.trim().parse::<usize>().ok()?,
                ))
            });
        let time = super::clock_ms(0, (index as u64).saturating_mul(interval_minutes), 0, 0)
            .map_err(|_| {
                FormatError::invalid(
                    file,
                    sync_line,
                    too_large_message(&format!(
                        "{} minutes (entry {} of the sync)",
                        (index as u128) * u128::from(interval_minutes),
                        index + 1
                    )),
                )
            })?;
        let skip = |why: &str| {
            format!("{file}, line {sync_line}: the sync entry \"{stamp}\" {why}; it was left out")
        };
        let Some((line_number, word)) = position else {
            warnings.push(skip("is not like \"13(3)\" (line and word)"));
            continue;
        };
        let Some(line) = line_number.checked_sub(1).and_then(|i| lines.get(i)) else {
            warnings.push(skip(&format!(
                "points past the end of the transcript ({} lines)",
                lines.len()
            )));
            continue;
        };
        let cut = line.offset + word_offset(line.text, word);
        if cut < cuts.last().map_or(0, |&(offset, _)| offset) {
            warnings.push(skip("points before the previous entry"));
            continue;
        }
        cuts.push((cut, time));
    }

    // The speaker in effect on each line: the last all-capitals label at or before it.
    let mut in_effect: Option<&str> = None;
    let speakers: Vec<Option<&str>> = lines
        .iter()
        .map(|line| {
            if let Some((name, _)) = text::all_caps_label(line.text.trim()) {
                in_effect = Some(name);
            }
            in_effect
        })
        .collect();

    let mut segments = Vec::with_capacity(cuts.len());
    for (k, &(from, start)) in cuts.iter().enumerate() {
        let (to, end) = cuts
            .get(k + 1)
            .map_or((text.len(), None), |&(to, end)| (to, Some(end)));
        let piece = &text[from..to];
        let Some(first_char) = piece.find(|c: char| !c.is_whitespace()) else {
            continue;
        };
        let line_index = lines.partition_point(|line| line.offset <= from + first_char) - 1;
        let said = vtt::trimmed_lines(piece);
        let (speaker, said) = match text::all_caps_label(&said) {
            Some((name, rest)) => (Some(name.to_owned()), rest.to_owned()),
            None => (speakers[line_index].map(str::to_owned), said),
        };
        segments.push(ParsedSegment {
            start_ms: Some(start),
            end_ms: end,
            speaker,
            text: said,
            source_line: lines[line_index].number,
        });
    }
    Ok(segments)
}

/// Byte offset of the `word`-th (1-based) word of `line`; 0 or 1 is the start of the line,
/// and past the last word is its end.
fn word_offset(line: &str, word: usize) -> usize {
    if word <= 1 {
        return 0;
    }
    let mut in_word = false;
    let mut seen = 0;
    for (i, c) in line.char_indices() {
        let starts_word = !c.is_whitespace() && !in_word;
        in_word = !c.is_whitespace();
        if starts_word {
            seen += 1;
            if seen == word {
                return i;
            }
        }
    }
    line.len()
}

#[cfg(test)]
mod tests;
