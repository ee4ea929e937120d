use super::*;

type Cue<'a> = (Option<u32>, Option<u32>, Option<&'a str>, &'a str);

fn cues(t: &ParsedTranscript) -> Vec<Cue<'_>> {
    t.segments
        .iter()
        .map(|s| (s.start_ms, s.end_ms, s.speaker.as_deref(), s.text.as_str()))
        .collect()
}

const PLENUM: &str = "1\r\n\
        00:00:01,000 --> 00:00:04,000\r\n\
        TROTSKY: Товарищи, <i>слушайте</i>.\r\n\
        \r\n\
        2\r\n\
        00:00:04,500 --> 00:00:07,250 X1:40 X2:600\r\n\
        [Ivar Smilga] We were in Tomsk\r\n\
        in {\\an8}1929.\r\n\
        \r\n\
        3\r\n\
        00:00:08,000 --> 00:00:09,000\r\n\
        [Laughter]\r\n\
        \r\n\
        4\r\n\
        01:00:10.000 --> 01:00:12,000\r\n\
        He said: a < b <font color=\"red\">always</font>\r\n";

#[test]
fn numbered_blocks_read_with_conservative_speakers() {
    let t = parse("plenum.srt", PLENUM).unwrap();
    assert_eq!(
        cues(&t),
        [
            (
                Some(1000),
                Some(4000),
                Some("TROTSKY"),
                "Товарищи, слушайте."
            ),
            (
                Some(4500),
                Some(7250),
                Some("Ivar Smilga"),
                "We were in Tomsk\nin 1929."
            ),
            (Some(8000), Some(9000), None, "[Laughter]"),
            (
                Some(3_610_000),
                Some(3_612_000),
                None,
                "He said: a < b always"
            ),
        ]
    );
    assert_eq!(
        t.segments.iter().map(|s| s.source_line).collect::<Vec<_>>(),
        [2, 6, 11, 15]
    );
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

#[test]
fn missing_blank_lines_and_numbers_are_tolerated() {
    let srt = "1\n00:00:01,000 --> 00:00:02,000\nOne\n2\n00:00:02,000 --> 00:00:03,000\nTwo\n\n\
                   00:00:03,000 --> 00:00:04,000\n1937\n";
    let t = parse("a.srt", srt).unwrap();
    assert_eq!(
        cues(&t),
        [
            (Some(1000), Some(2000), None, "One"),
            (Some(2000), Some(3000), None, "Two"),
            (Some(3000), Some(4000), None, "1937"),
        ]
    );
}

#[test]
fn a_bad_timestamp_names_the_line() {
    let err = parse(
        "plenum.srt",
        "1\n00:00:01,000 --> 00:00:02,000\nOne\n\n2\n00:00:0x,000 --> 00:00:03,000\nTwo\n",
    )
    .unwrap_err();
    assert_eq!(
            err.to_string(),
            "plenum.srt, line 6: expected a subtitle timing like \"00:00:01,000 --> 00:00:04,000\", found \"00:00:0x,000\""
        );
    let err = parse("plenum.srt", "1\n00:01,000 --> 00:02,000\nOne\n").unwrap_err();
    assert_eq!(err.line(), 2, "SRT times need hours: {err}");
}

#[test]
fn a_timestamp_with_a_huge_hour_is_refused_with_its_line() {
    for huge in [
        "9999999999999999999:00:00,000",
        "99999999999999999999:00:00,000",
        "1194:00:00,000",
    ] {
        let srt =
            format!("1\n00:00:01,000 --> 00:00:02,000\nOne\n\n2\n00:00:03,000 --> {huge}\nTwo\n");
        let err = parse("plenum.srt", &srt).unwrap_err();
        assert_eq!((err.file(), err.line()), ("plenum.srt", 6), "{err}");
        assert!(
            err.to_string()
                .contains(&format!("the time \"{huge}\" is beyond 1,193 hours")),
            "{err}"
        );
    }
}

#[test]
fn a_subtitle_without_its_timing_is_an_error() {
    let err = parse("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nOne\n\n2\n").unwrap_err();
    assert_eq!(
            err.to_string(),
            "a.srt, line 5: expected a subtitle timing like \"00:00:01,000 --> 00:00:04,000\" after the subtitle number \
             2, found the end of the file"
        );
    let err = parse("a.srt", "1\nRadek spoke\n").unwrap_err();
    assert_eq!(err.line(), 2);
    assert!(err.to_string().ends_with("found \"Radek spoke\""), "{err}");
    let err = parse("a.srt", "Radek spoke\n").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("a.srt, line 1: expected a subtitle number like \"12\""),
        "{err}"
    );
}

#[test]
fn a_subtitle_that_ends_before_it_starts_is_an_error() {
    let err = parse(
        "a.srt",
        "1\n00:00:01,000 --> 00:00:02,000\nOne\n\n2\n00:00:09,000 --> 00:00:08,000\nTwo\n",
    )
    .unwrap_err();
    assert!(
        matches!(err, FormatError::Invalid { line: 6, .. }),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("ends at 00:00:08,000 before it starts at 00:00:09,000"),
        "{err}"
    );
}

#[test]
fn overlapping_subtitles_are_kept_and_reported() {
    let t = parse(
            "a.srt",
            "1\n00:00:01,000 --> 00:00:05,000\nSMILGA: One\n\n2\n00:00:03,000 --> 00:00:06,000\nRADEK: Two\n",
        )
        .unwrap();
    assert_eq!(t.segments.len(), 2);
    assert_eq!(
            t.warnings,
            ["a.srt, line 6: this cue starts at 00:00:03,000, before the previous cue ends at 00:00:05,000 (people \
              speaking at once?); both were kept"]
        );
}

#[test]
fn an_srt_file_round_trips_with_the_same_cues_and_times() {
    let original = parse("plenum.srt", PLENUM).unwrap();
    let written = write(&original.segments);
    assert!(
        written
            .starts_with("1\n00:00:01,000 --> 00:00:04,000\nTROTSKY: Товарищи, слушайте.\n\n2\n"),
        "{written}"
    );
    assert!(
        written.contains("[Ivar Smilga] We were in Tomsk\nin 1929.\n"),
        "{written}"
    );
    let again = parse("plenum.srt", &written).unwrap();
    assert_eq!(cues(&again), cues(&original));
    assert_eq!(write(&again.segments), written);
}
