use super::*;
use crate::jobs::{CancelFlag, Progress};
use std::sync::{Arc, Mutex};

#[test]
fn formats_are_named_and_parsed_from_names() {
    for format in Format::ALL {
        assert_eq!(format.as_str().parse::<Format>().unwrap(), format);
    }
    assert_eq!(" TXT ".parse::<Format>().unwrap(), Format::Text);
    let err = "docx".parse::<Format>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown transcript format \"docx\"; expected one of vtt, srt, text, ohms"
    );
}

#[test]
fn content_decides_over_a_misleading_extension() {
    let srt = b"1\r\n00:00:01,000 --> 00:00:02,000\r\nSMILGA: Hello\r\n";
    assert_eq!(Format::detect(Path::new("smilga.txt"), srt), Format::Srt);
    assert_eq!(
        Format::detect(Path::new("smilga.srt"), b"\xef\xbb\xbfWEBVTT\n\n"),
        Format::Vtt
    );
    let ohms = br#"<?xml version="1.0"?><ROOT xmlns="https://www.weareavp.com/nunncenter/ohms"><record/></ROOT>"#;
    assert_eq!(Format::detect(Path::new("export"), ohms), Format::Ohms);
    let utf16: Vec<u8> = "\u{feff}WEBVTT\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(Format::detect(Path::new("a.txt"), &utf16), Format::Vtt);
}

#[test]
fn the_extension_decides_when_the_content_is_not_telling() {
    assert_eq!(
        Format::detect(Path::new("trotsky.VTT"), b"no header"),
        Format::Vtt
    );
    assert_eq!(
        Format::detect(Path::new("trotsky.srt"), b"broken"),
        Format::Srt
    );
    assert_eq!(
        Format::detect(Path::new("trotsky.xml"), b"<other/>"),
        Format::Ohms
    );
    assert_eq!(
        Format::detect(Path::new("trotsky.doc"), b"SMILGA: hello"),
        Format::Text
    );
}

#[test]
fn clock_times_parse_and_print() {
    let vtt = ClockSyntax {
        fraction_separators: &['.'],
        fraction_required: true,
        hours_optional: true,
    };
    assert_eq!(parse_clock("01:02:03.004", vtt), Ok(3_723_004));
    assert_eq!(parse_clock("02:03.5", vtt), Ok(123_500));
    assert_eq!(
        parse_clock("00:60.000", vtt),
        Err(ClockError::Malformed),
        "seconds stop at 59"
    );
    assert_eq!(parse_clock("00:01:0x.000", vtt), Err(ClockError::Malformed));
    assert_eq!(
        parse_clock("00:01:02", vtt),
        Err(ClockError::Malformed),
        "the fraction is required here"
    );
    assert_eq!(parse_clock("1193:00:00.000", vtt), Ok(4_294_800_000));
    assert_eq!(
        parse_clock("1194:00:00.000", vtt),
        Err(ClockError::TooLarge),
        "beyond u32 milliseconds"
    );
    assert_eq!(format_clock(3_723_004, Some(',')), "01:02:03,004");
    assert_eq!(format_clock(3_723_004, None), "01:02:03");
}

#[test]
fn lines_end_at_any_line_ending_and_count_from_the_given_number() {
    let lines: Vec<_> = SourceLines::new("a\r\nb\rc\n\nd", 10)
        .map(|l| (l.number, l.offset, l.text))
        .collect();
    assert_eq!(
        lines,
        [
            (10, 0, "a"),
            (11, 3, "b"),
            (12, 5, "c"),
            (13, 7, ""),
            (14, 8, "d")
        ]
    );
}

#[test]
fn an_empty_file_is_refused_at_line_1() {
    for format in Format::ALL {
        let err = parse("empty.vtt", b"", format, None).unwrap_err();
        assert_eq!((err.file(), err.line()), ("empty.vtt", 1), "{err}");
        assert!(err.to_string().contains("the file is empty"), "{err}");
    }
    let err = parse("blank.txt", b"\n  \r\n", Format::Text, None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "blank.txt, line 1: the file holds only blank lines; expected a plain text transcript"
    );
}

#[test]
fn a_job_sees_progress_and_can_cancel() {
    let mut vtt = String::from("WEBVTT\n\n");
    for i in 0..40_000u32 {
        vtt.push_str(&format!(
            "{} --> {}\n<v Serebryakova>Мы жили на Грановского, {i}.\n\n",
            format_clock(i * 1000, Some('.')),
            format_clock(i * 1000 + 900, Some('.'))
        ));
    }
    assert!(vtt.len() > 2 * REPORT_EVERY_BYTES);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let job = JobContext::new(CancelFlag::default(), move |p| sink.lock().unwrap().push(p));
    let parsed = parse_with_job("big.vtt", vtt.as_bytes(), Format::Vtt, None, &job).unwrap();
    assert_eq!(parsed.segments.len(), 40_000);
    let reports = seen.lock().unwrap().clone();
    assert!(reports.len() >= 3, "{reports:?}");
    let kilobytes = u32::try_from(vtt.len() / 1024).unwrap();
    let last = Progress::Progress {
        phase: "reading transcript".into(),
        done: kilobytes,
        total: Some(kilobytes),
    };
    assert_eq!(reports.last(), Some(&last));

    let flag = CancelFlag::default();
    flag.cancel();
    let job = JobContext::new(flag, |_| {});
    assert_eq!(
        parse_with_job("big.vtt", vtt.as_bytes(), Format::Vtt, None, &job),
        Err(ParseFailure::Cancelled)
    );
}

#[test]
fn a_guessed_encoding_is_reported() {
    let (koi8, _, _) = encoding_rs::KOI8_R
        .encode("[00:00:05] СМИЛГА: Сидят (слева направо): Серебряков, Радек, Троцкий");
    let parsed = parse("caption.txt", &koi8, Format::Text, None).unwrap();
    assert_eq!(parsed.segments[0].speaker.as_deref(), Some("СМИЛГА"));
    assert_eq!(
        parsed.segments[0].text,
        "Сидят (слева направо): Серебряков, Радек, Троцкий"
    );
    assert_eq!(
            parsed.warnings,
            ["caption.txt: the file is not UTF-8; it was read as Russian in KOI8-R; if the text looks wrong, choose \
              the encoding when importing"]
        );
}

#[test]
fn a_parse_failure_becomes_an_archive_error() {
    let err = crate::Error::from(ParseFailure::Format(FormatError::invalid(
        "a.srt", 3, "bad",
    )));
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().contains("a.srt, line 3: bad"), "{err}");
    assert_eq!(
        crate::Error::from(ParseFailure::Cancelled).code(),
        "cancelled"
    );
}

#[test]
fn subtitle_times_fill_gaps_without_going_backwards() {
    let seg = |start: Option<u32>, end: Option<u32>, text: &str| ParsedSegment {
        start_ms: start,
        end_ms: end,
        text: text.into(),
        ..Default::default()
    };
    let segments = [
        seg(Some(1000), None, "Smilga spoke"),
        seg(None, None, "then Trotsky"),
        seg(Some(9000), None, "one two three four five"),
    ];
    assert_eq!(
        subtitle_times(&segments),
        [(1000, 2000), (2000, 9000), (9000, 11_000)]
    );
}
