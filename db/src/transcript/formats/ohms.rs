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
mod tests {
    use super::*;

    /// The project's own OHMS records, written for these tests (`testdata/`).
    fn own(name: &str) -> ParsedTranscript {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/transcript/formats/testdata/"
        )
        .to_owned()
            + name;
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        super::super::parse(name, &bytes, super::super::Format::Ohms, None).unwrap()
    }

    type Row<'a> = (Option<u32>, Option<u32>, Option<&'a str>, &'a str, u32);

    fn rows(t: &ParsedTranscript) -> Vec<Row<'_>> {
        t.segments
            .iter()
            .map(|s| {
                (
                    s.start_ms,
                    s.end_ms,
                    s.speaker.as_deref(),
                    s.text.as_str(),
                    s.source_line,
                )
            })
            .collect()
    }

    #[test]
    fn an_index_only_record_reads_its_index_points() {
        let t = own("ohms5_index_only.xml");
        assert_eq!(
            t.title.as_deref(),
            Some("Demonstration record: an index without a transcript")
        );
        assert_eq!(t.language, None);
        assert!(t.segments.is_empty(), "\"No transcript.\" is no transcript");
        let times: Vec<u32> = t.index_points.iter().map(|p| p.time_ms / 1000).collect();
        assert_eq!(times, [4, 305, 1210]);
        let first = &t.index_points[0];
        assert_eq!(first.title, "Childhood in Moscow");
        assert_eq!(
            first.partial_transcript,
            "NARRATOR: We lived in the \"House on the Embankment\" until 1937."
        );
        assert_eq!(
            first.keywords,
            [
                "Moscow",
                "House on the Embankment",
                "Exile & return",
                "Arrests"
            ]
        );
        assert_eq!(
            (first.synopsis.as_str(), first.subjects.len(), first.gps),
            ("", 0, None)
        );
        assert!(
            first.hyperlinks.is_empty(),
            "empty <hyperlink> elements are no links"
        );
        let second = &t.index_points[1];
        assert_eq!(second.synopsis, "Letters from Minusinsk.");
        assert_eq!(
            second.hyperlinks,
            [
                "https://example.org/letters?id=5&page=2",
                "https://example.org/minusinsk"
            ],
            "a point keeps all its hyperlinks"
        );
        assert_eq!(t.index_points[2].title, "Return to Moscow");
        assert!(t.index_points[2].keywords.is_empty());
        assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    }

    #[test]
    fn a_record_without_index_or_transcript_reads_empty() {
        let t = own("ohms5_empty.xml");
        assert_eq!(
            t.title.as_deref(),
            Some("Demonstration record: nothing but a title")
        );
        assert!(t.segments.is_empty() && t.index_points.is_empty());
        assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    }

    #[test]
    fn an_embedded_vtt_transcript_reads_with_xml_line_numbers() {
        let t = own("ohms6_vtt.xml");
        assert_eq!(
            t.title.as_deref(),
            Some("Demonstration record: an embedded WebVTT transcript")
        );
        assert_eq!(t.segments.len(), 4);
        let first = &t.segments[0];
        assert_eq!(
            (first.start_ms, first.end_ms, first.speaker.as_deref()),
            (Some(602_000), Some(609_500), Some("INTERVIEWER"))
        );
        assert!(
            first.text.starts_with("This is a demonstration recording"),
            "{}",
            first.text
        );
        assert_eq!(
            first.source_line, 25,
            "the line of the cue timing in the XML file"
        );
        let second = &t.segments[1];
        assert_eq!(
            (second.source_line, second.speaker.as_deref()),
            (28, Some("NARRATOR"))
        );
        assert_eq!(
            second.text.matches("\n\n").count(),
            2,
            "OHMS <br><br> are paragraph breaks: {:?}",
            second.text
        );
        let last = &t.segments[3];
        assert_eq!(
            (last.start_ms, last.end_ms, last.source_line),
            (Some(631_250), None, 34)
        );
        assert_eq!(last.text, "Her brother, from exile.");
        assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
        assert!(
            t.warnings[0].starts_with("ohms6_vtt.xml, line 34: the cue ends at 00:00:00.000"),
            "{:?}",
            t.warnings
        );
    }

    #[test]
    fn a_legacy_transcript_is_cut_at_its_minute_sync_points() {
        let t = own("ohms5_sync.xml");
        let rows = rows(&t);
        assert_eq!(rows.len(), 5, "{rows:?}");
        assert_eq!(
            rows[0],
            (
                Some(0),
                Some(60_000),
                Some("INTERVIEWER"),
                "Where did your family live\nin those",
                2
            )
        );
        assert_eq!(
            rows[1],
            (
                Some(60_000),
                Some(120_000),
                Some("INTERVIEWER"),
                "years, before the war?\nNARRATOR: In Moscow, on Granovsky Street. My\nfather's",
                3
            ),
            "minute 1 begins at line 2, word 3; &#039; is decoded"
        );
        assert_eq!(
            (rows[2].0, rows[2].1, rows[2].2, rows[2].4),
            (Some(120_000), Some(180_000), Some("NARRATOR"), 5)
        );
        assert!(
            rows[2].3.starts_with("brother lived with us"),
            "{:?}",
            rows[2]
        );
        assert!(
            rows[2]
                .3
                .ends_with("Then came the arrests, one after another."),
            "{:?}",
            rows[2]
        );
        assert_eq!(
            rows[3],
            (
                Some(180_000),
                Some(240_000),
                Some("NARRATOR"),
                "We moved\nto Minusinsk\nin",
                8
            )
        );
        assert_eq!(
            rows[4],
            (
                Some(240_000),
                None,
                Some("NARRATOR"),
                "the\nautumn.\nThat was the last of it.",
                10
            ),
            "the last segment has no end"
        );
        let all: Vec<String> = t
            .segments
            .iter()
            .flat_map(|s| {
                s.text
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(
            all.len(),
            46,
            "no word is lost (the first speaker label is the speaker): {all:?}"
        );
        assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    }
    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ROOT xmlns=\"https://www.weareavp.com/nunncenter/ohms\">\n<record id=\"1\" dt=\"2024-01-01\">\n";

    #[test]
    fn legacy_speakers_carry_across_sync_points() {
        let xml = format!(
            "{HEAD}<title>Smilga family</title><language>ru</language>\n<sync>2:|2(3)|4(1)</sync>\n<transcript>SEREBRYAKOVA: Where did you live?\n\
             SMILGA: On Granovsky Street, in the house\nof the old Bolsheviks.\nTROTSKY: I visited.</transcript>\n</record></ROOT>"
        );
        let t = parse("smilga.xml", &xml).unwrap();
        assert_eq!(t.language.as_deref(), Some("ru"));
        assert_eq!(
            rows(&t),
            [
                (
                    Some(0),
                    Some(120_000),
                    Some("SEREBRYAKOVA"),
                    "Where did you live?\nSMILGA: On",
                    6
                ),
                (
                    Some(120_000),
                    Some(240_000),
                    Some("SMILGA"),
                    "Granovsky Street, in the house\nof the old Bolsheviks.",
                    7
                ),
                (Some(240_000), None, Some("TROTSKY"), "I visited.", 9),
            ]
        );
    }

    #[test]
    fn bad_sync_entries_are_reported_and_left_out() {
        let xml = format!(
            "{HEAD}<sync>1:|2(1)|x|1(1)|9(1)</sync>\n<transcript>SMILGA: One.\nTwo.\nThree.</transcript></record></ROOT>"
        );
        let t = parse("a.xml", &xml).unwrap();
        assert_eq!(
            rows(&t),
            [
                (Some(0), Some(60_000), Some("SMILGA"), "One.", 5),
                (Some(60_000), None, Some("SMILGA"), "Two.\nThree.", 6)
            ]
        );
        assert_eq!(
            t.warnings,
            [
                "a.xml, line 4: the sync entry \"x\" is not like \"13(3)\" (line and word); it was left out",
                "a.xml, line 4: the sync entry \"1(1)\" points before the previous entry; it was left out",
                "a.xml, line 4: the sync entry \"9(1)\" points past the end of the transcript (3 lines); it was left out",
            ]
        );
        let xml =
            format!("{HEAD}<sync>13(3)</sync><transcript>Q: Когда?</transcript></record></ROOT>");
        let t = parse("a.xml", &xml).unwrap();
        assert_eq!(rows(&t), [(None, None, Some("Interviewer"), "Когда?", 4)]);
        assert!(
            t.warnings[0].starts_with("a.xml, line 4: the sync \"13(3)\" is not like"),
            "{:?}",
            t.warnings
        );
    }

    #[test]
    fn a_legacy_transcript_without_sync_reads_as_plain_text() {
        let xml = format!("{HEAD}<transcript>\nQ: Когда?\nA: В 1935.</transcript></record></ROOT>");
        let t = parse("a.xml", &xml).unwrap();
        assert_eq!(
            rows(&t),
            [
                (None, None, Some("Interviewer"), "Когда?", 5),
                (None, None, Some("Narrator"), "В 1935.", 6)
            ]
        );
    }

    #[test]
    fn index_points_read_gps_subjects_and_synopsis() {
        let xml = format!(
            "{HEAD}<index><point><time>90</time><title>Exile</title><synopsis>Alma-Ata, 1928</synopsis>\
             <subjects>Exile; Trotsky, Leon ;</subjects><gpspoints><gps>43.238, 76.945</gps></gpspoints></point>\n\
             <point><time>95</time><gpspoints><gps>north</gps></gpspoints></point></index></record></ROOT>"
        );
        let t = parse("a.xml", &xml).unwrap();
        let p = &t.index_points[0];
        assert_eq!(
            (p.time_ms, p.title.as_str(), p.synopsis.as_str()),
            (90_000, "Exile", "Alma-Ata, 1928")
        );
        assert_eq!(p.subjects, ["Exile", "Trotsky, Leon"]);
        assert_eq!(p.gps, Some((43.238, 76.945)));
        assert_eq!(t.index_points[1].gps, None);
        assert_eq!(
            t.warnings,
            ["a.xml, line 5: the GPS point \"north\" is not \"latitude, longitude\"; it was left out"]
        );
    }

    #[test]
    fn malformed_xml_names_the_line() {
        let err = parse(
            "bad.xml",
            &format!("{HEAD}<title>Smilga\n</titel>\n</record></ROOT>"),
        )
        .unwrap_err();
        assert!(
            matches!(err, FormatError::Invalid { line: 5, .. }),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .starts_with("bad.xml, line 5: this is not well-formed XML ("),
            "{err}"
        );
        let err = parse("cut.xml", &format!("{HEAD}<title>Smilga</title>\n")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cut.xml, line 5: expected </record> to close the <record> opened on line 3, found the end of the file"
        );
        let err = parse("a.xml", "<?xml version=\"1.0\"?>\n<html><body/></html>").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.xml, line 2: expected an OHMS export, whose root element is <ROOT>, found \"<html>\""
        );
        let err = parse("a.xml", "WEBVTT\n").unwrap_err();
        assert_eq!(err.line(), 1, "{err}");
        let err = parse(
            "a.xml",
            &format!("{HEAD}<index><point>\n<time>soon</time></point></index></record></ROOT>"),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.xml, line 5: expected an index point time in seconds, like \"302\", found \"soon\""
        );
    }

    #[test]
    fn errors_inside_an_embedded_vtt_name_the_xml_line() {
        let xml = format!("{HEAD}<vtt_transcript>\n<![CDATA[WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nSmilga\n]]></vtt_transcript></record></ROOT>");
        let t = parse("a.xml", &xml).unwrap();
        assert_eq!(t.issues[0].line, 7, "{:?}", t.issues);
        assert!(
            t.issues[0]
                .message
                .contains("\"00:00:01.000 --> 00:00:0x.000\""),
            "{:?}",
            t.issues
        );
    }

    #[test]
    fn only_the_first_record_is_read() {
        let xml = format!(
            "{HEAD}<title>One</title></record>\n<record><title>Two</title></record></ROOT>"
        );
        let t = parse("two.xml", &xml).unwrap();
        assert_eq!(t.title.as_deref(), Some("One"));
        assert_eq!(
            t.warnings,
            ["two.xml, line 5: the export holds more than one record; only the first was read"]
        );
    }

    /// Real OHMS records from outside the project (a user's clone does not have them):
    /// `make conformance` names their folder in `RECOLLECT_OHMS_FIXTURES` and runs these.
    mod conformance {
        use super::*;

        fn read(name: &str) -> ParsedTranscript {
            let dir = std::env::var("RECOLLECT_OHMS_FIXTURES").expect(
                "RECOLLECT_OHMS_FIXTURES names the folder of real OHMS records (make conformance sets it)",
            );
            let path = std::path::Path::new(&dir).join(name);
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            super::super::super::parse(name, &bytes, super::super::super::Format::Ohms, None)
                .unwrap()
        }

        #[test]
        #[ignore = "reads real OHMS records from outside the project: make conformance"]
        fn an_index_only_export_reads_its_index_points() {
            let t = read("alyea_OH0010.xml");
            assert_eq!(
                t.title.as_deref(),
                Some("Oral history interview with Hubert N. Alyea")
            );
            assert_eq!(t.language, None);
            assert!(t.segments.is_empty(), "\"No transcript.\" is no transcript");
            let times: Vec<u32> = t.index_points.iter().map(|p| p.time_ms / 1000).collect();
            assert_eq!(
                times,
                [
                    3, 302, 692, 930, 1495, 1816, 2068, 2492, 2802, 3857, 4426, 4739, 5429, 5535,
                    5761
                ]
            );
            let first = &t.index_points[0];
            assert_eq!(first.title, "World War II Chemical Warfare");
            assert_eq!(
                first.partial_transcript,
                "ALYEA: Over there is a book--I made this \"Eminent Chemists\" series, you may have seen it."
            );
            assert_eq!(first.keywords.len(), 16);
            assert_eq!(first.keywords[0], "American Chemical Society (ACS)");
            assert!(first.keywords.contains(&"Merck & Company".to_owned()));
            assert_eq!(
                (first.synopsis.as_str(), first.subjects.len(), first.gps),
                ("", 0, None)
            );
            assert!(
                first.hyperlinks.is_empty(),
                "empty <hyperlink> elements are no links"
            );
            assert_eq!(
                t.index_points[1].hyperlinks,
                ["https://catalog.loc.gov/vwebv/holdingsInfo?searchId=5720&recCount=25&recPointer=0&bibId=8693190"]
            );
            assert!(t.warnings.is_empty(), "{:?}", t.warnings);
        }

        #[test]
        #[ignore = "reads real OHMS records from outside the project: make conformance"]
        fn a_point_keeps_all_its_hyperlinks() {
            let t = read("index_hyperlinks_example.xml");
            assert_eq!(
                t.title.as_deref(),
                Some("Oral history interview with Roy J. Plunkett")
            );
            assert_eq!(t.index_points.len(), 2);
            assert_eq!(t.index_points[1].time_ms, 3_473_000);
            assert_eq!(t.index_points[1].title, "DuPont and Tetraethyl Lead");
            assert_eq!(
                t.index_points[1].hyperlinks,
                [
                    "https://digital.sciencehistory.org/works/cf95jc49c",
                    "https://digital.sciencehistory.org/works/g445cf063",
                    "https://digital.sciencehistory.org/works/1n79h560c"
                ]
            );
            assert!(t.index_points[1]
                .keywords
                .contains(&"DuPont (E.I. du Pont de Nemours & Co.)".to_owned()));
            assert!(
                t.segments.is_empty(),
                "a blank transcript with a sync string is still no transcript"
            );
        }

        #[test]
        #[ignore = "reads real OHMS records from outside the project: make conformance"]
        fn an_export_without_index_or_transcript_reads_empty() {
            let t = read("empty_ohms.xml");
            assert_eq!(
                t.title.as_deref(),
                Some("Oral history interview with Hubert N. Alyea")
            );
            assert!(t.segments.is_empty() && t.index_points.is_empty());
        }

        #[test]
        #[ignore = "reads real OHMS records from outside the project: make conformance"]
        fn an_embedded_vtt_transcript_reads_with_xml_line_numbers() {
            let t = read("small-sample-vtt-ohms.xml");
            assert_eq!(
                t.title.as_deref(),
                Some("Jonathan Rochkind Test Record Only")
            );
            assert_eq!(t.segments.len(), 6);
            let first = &t.segments[0];
            assert_eq!(
                (first.start_ms, first.end_ms, first.speaker.as_deref()),
                (Some(3_603_000), Some(3_618_000), Some("SCHNEIDER"))
            );
            assert!(
                first
                    .text
                    .starts_with("Today is December 16, 2024. I am Sarah Schneider"),
                "{}",
                first.text
            );
            assert_eq!(
                first.source_line, 46,
                "the line of the cue timing in the XML file"
            );
            assert_eq!(t.segments[3].source_line, 55);
            assert_eq!(
                t.segments[3].speaker.as_deref(),
                Some("NAME OF INTERVIEWEE")
            );
            assert_eq!(
                t.segments[3].text.matches("\n\n").count(),
                2,
                "OHMS <br><br> are paragraph breaks"
            );
            assert!(t.segments[3]
                .text
                .contains("couldn’t follow the normal path"));
            let last = &t.segments[5];
            assert_eq!(
                (last.start_ms, last.end_ms, last.source_line),
                (Some(3_682_000), None, 61)
            );
            assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
            assert!(t.warnings[0]
                .starts_with("small-sample-vtt-ohms.xml, line 61: the cue ends at 00:00:00.000"));
        }

        #[test]
        #[ignore = "reads real OHMS records from outside the project: make conformance"]
        fn a_legacy_transcript_is_cut_at_its_sync_points() {
            let t = read("various_gaps.xml");
            assert_eq!(t.title.as_deref(), Some("Fifty-line interview"));
            let rows = rows(&t);
            assert_eq!(rows[0], (Some(0), Some(60_000), None, "Yes, my", 2));
            assert!(
                rows[1].3.starts_with("father was a petrologist."),
                "{:?}",
                rows[1]
            );
            assert!(
                rows[1].3.ends_with("he"),
                "minute 2 begins at line 3, word 2: {:?}",
                rows[1]
            );
            assert_eq!(rows[2], (Some(120_000), Some(180_000), None, "would", 4));
            let fathers = rows.iter().find(|r| r.0 == Some(240_000)).unwrap();
            assert_eq!(
                *fathers,
                (Some(240_000), Some(300_000), None, "father's", 8),
                "&#039; is decoded"
            );
            assert_eq!(
                rows.iter().find(|r| r.0 == Some(1_260_000)).unwrap().3,
                "chemistry"
            );
            let last = rows.last().unwrap();
            assert_eq!((last.0, last.1, last.4), (Some(1_320_000), None, 23));
            assert!(
                last.3
                    .starts_with("at MIT, and was in the\nChemical Warfare Service"),
                "{:?}",
                last.3
            );
            assert!(last.3.ends_with("That was not very scientific."));
            let starts: Vec<u32> = rows.iter().filter_map(|r| r.0).collect();
            assert!(
                starts.windows(2).all(|w| w[0] < w[1]),
                "times only grow: {starts:?}"
            );
            let all: String = t
                .segments
                .iter()
                .map(|s| s.text.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                all.contains(
                    "My father was a great believer in scientific research, so I was brought up"
                ),
                "no word is lost"
            );
            assert!(t.warnings.is_empty(), "{:?}", t.warnings);
        }
    }
}
