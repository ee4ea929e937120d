use super::*;
use crate::transcript::formats::BlockAction;

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

fn issues(t: &ParsedTranscript) -> Vec<(u32, BlockAction, &str)> {
    t.issues
        .iter()
        .map(|i| (i.line, i.action, i.message.as_str()))
        .collect()
}

fn texts(t: &ParsedTranscript) -> Vec<&str> {
    t.segments.iter().map(|s| s.text.as_str()).collect()
}

#[test]
fn a_bad_timing_skips_only_its_cue_and_names_the_line() {
    let mut vtt = String::from("WEBVTT\n\n");
    for i in 0..3 {
        vtt.push_str(&format!(
            "00:00:0{i}.000 --> 00:00:0{i}.500\nТроцкий {i}\n\n"
        ));
    }
    vtt.push_str("NOTE a comment\n\n");
    vtt.push_str("00:01:0x --> 00:01:05.000\nSmilga\n\n00:01:06.000 --> 00:01:07.000\nRadek\n");
    let t = parse("interview.vtt", &vtt).unwrap();
    assert_eq!(texts(&t), ["Троцкий 0", "Троцкий 1", "Троцкий 2", "Radek"]);
    assert_eq!(
            issues(&t),
            [(
                14,
                BlockAction::Skipped,
                "the cue timing \"00:01:0x --> 00:01:05.000\" could not be read: the start time needs two digits for \
                 its seconds; the cue was left out"
            )]
        );
    assert_eq!(
        t.issue_summary().as_deref(),
        Some("1 cue could not be read: line 14; 4 imported")
    );
}

#[test]
fn sixty_seconds_skip_the_cue() {
    let t = parse(
        "a.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:60.000\nbad\n\n00:01:00.000 --> 00:01:01.000\ngood\n",
    )
    .unwrap();
    assert_eq!(texts(&t), ["good"]);
    assert_eq!(t.issues[0].line, 3);
    assert!(
        t.issues[0]
            .message
            .contains("the end time has seconds beyond 59"),
        "{:?}",
        t.issues
    );
}

#[test]
fn sixty_minutes_after_hours_skip_the_cue_but_a_long_first_number_is_hours() {
    let t = parse(
        "a.vtt",
        "WEBVTT\n\n01:60:00.000 --> 02:00:00.000\nbad\n\n100:00.000 --> 101:00.000\nhours\n",
    )
    .unwrap();
    assert_eq!(issues(&t).len(), 2, "{:?}", t.issues);
    assert!(
        t.issues[0].message.contains("minutes beyond 59"),
        "{:?}",
        t.issues
    );
    assert!(
        t.issues[1]
            .message
            .contains("needs seconds after its minutes"),
        "three digits before the first colon are hours, so seconds must follow: {:?}",
        t.issues
    );
    assert!(t.segments.is_empty());
}

#[test]
fn a_missing_two_digit_minute_skips_the_cue() {
    let t = parse(
        "a.vtt",
        "WEBVTT\n\n00:1:00.000 --> 00:00:02.000\nbad\n\n0:01.000 --> 00:02.000\nhours\n\n\
             00:01.000 --> 00:02.000\ngood\n",
    )
    .unwrap();
    assert_eq!(texts(&t), ["good"]);
    assert_eq!(issues(&t).iter().map(|i| i.0).collect::<Vec<_>>(), [3, 6]);
    assert!(
        t.issues[0].message.contains("two digits for its minutes"),
        "{:?}",
        t.issues
    );
    assert!(
        t.issues[1]
            .message
            .contains("needs seconds after its minutes"),
        "one digit before the first colon is hours: {:?}",
        t.issues
    );
}

#[test]
fn an_arrow_without_times_skips_the_cue_and_the_next_timing_starts_a_new_one() {
    let t = parse(
        "a.vtt",
        "WEBVTT\n\n-->\n00:00:00.000 --> 00:00:01.000\ntext0\n\n00:00:02.000 -->\nlost\n",
    )
    .unwrap();
    assert_eq!(texts(&t), ["text0"]);
    assert_eq!(issues(&t).iter().map(|i| i.0).collect::<Vec<_>>(), [3, 7]);
    assert!(
        t.issues[0].message.contains("there is no start time"),
        "{:?}",
        t.issues
    );
    assert!(
        t.issues[1].message.contains("there is no end time"),
        "{:?}",
        t.issues
    );
}

#[test]
fn a_cue_that_ends_before_it_starts_is_kept_ending_at_its_start_and_flagged() {
    let t = parse(
        "radek.vtt",
        "WEBVTT\n\n00:00:05.000 --> 00:00:03.000\nRadek\n",
    )
    .unwrap();
    assert_eq!(cues(&t), [(Some(5000), Some(5000), None, "Radek")]);
    assert_eq!(
            issues(&t),
            [(
                3,
                BlockAction::Corrected,
                "this cue ends at 00:00:03.000 before it starts at 00:00:05.000; it was kept with its end set to its \
                 start"
            )]
        );
    assert_eq!(
        t.issue_summary().as_deref(),
        Some("1 block was corrected: line 3; 1 imported")
    );
}

#[test]
fn nul_characters_become_replacement_characters_and_are_reported() {
    let bytes = b"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n\0text\0\n\n00:00:01.000 --> 00:00:02.000\nclean\n";
    let t = crate::transcript::formats::parse(
        "nulls.vtt",
        bytes,
        crate::transcript::formats::Format::Vtt,
        None,
    )
    .unwrap();
    assert_eq!(texts(&t), ["\u{fffd}text\u{fffd}", "clean"]);
    assert_eq!(issues(&t).len(), 1);
    assert_eq!(
        (t.issues[0].line, t.issues[0].action),
        (4, BlockAction::Corrected)
    );
    let err = crate::transcript::formats::parse(
        "tape.vtt",
        b"\0\0\x01binary",
        crate::transcript::formats::Format::Vtt,
        None,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("binary file"),
        "what is not WebVTT is refused: {err}"
    );
}

#[test]
fn style_and_region_blocks_with_css_are_read_past() {
    let t = parse(
        "a.vtt",
        "WEBVTT\n\nSTYLE\n::cue {\n  color: yellow;\n}\n\nREGION\nid:fred\nwidth:40%\n\n\
             00:00:00.000 --> 00:00:01.000\nspoken\n\nSTYLE\n::cue(b) { color: red }\n",
    )
    .unwrap();
    assert_eq!(texts(&t), ["spoken"]);
    assert!(t.issues.is_empty(), "{:?}", t.issues);
}

#[test]
fn notes_are_read_past_without_a_report() {
    let t = parse(
            "a.vtt",
            "WEBVTT\n\nNOTE\nrecorded in Moscow\n\nNOTE by Zorya\n\n00:00:00.000 --> 00:00:01.000\nspoken\n",
        )
        .unwrap();
    assert_eq!(texts(&t), ["spoken"]);
    assert!(t.issues.is_empty(), "{:?}", t.issues);
}

#[test]
fn text_without_a_timing_is_skipped_and_reported() {
    let t = parse(
        "a.vtt",
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\nlast-cue",
    )
    .unwrap();
    assert_eq!(texts(&t), ["ok"]);
    assert_eq!(issues(&t)[0].0, 6);
    assert!(
        t.issues[0].message.starts_with("\"last-cue\" is not a cue"),
        "{:?}",
        t.issues
    );
    let t = parse(
        "a.vtt",
        "WEBVTT\n\nSerebryakov\n\n00:00:01.000 --> 00:00:02.000\nok\n",
    )
    .unwrap();
    assert_eq!(texts(&t), ["ok"]);
    assert_eq!(issues(&t)[0].0, 3);
}

#[test]
fn an_identifier_is_read_past_and_a_third_line_arrow_starts_the_next_block() {
    let t = parse(
            "a.vtt",
            "WEBVTT\n\nintro\n00:00:00.000 --> 00:00:01.000\nfirst\n00:00:01.000 --> 00:00:02.000\nsecond\n",
        )
        .unwrap();
    assert_eq!(texts(&t), ["first", "second"]);
    assert!(t.issues.is_empty());
}

#[test]
fn a_comma_before_milliseconds_is_not_webvtt_and_skips_the_cue() {
    let t = parse(
        "a.vtt",
        "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nsrt style\n",
    )
    .unwrap();
    assert!(t.segments.is_empty());
    assert!(
        t.issues[0].message.contains("needs a dot"),
        "{:?}",
        t.issues
    );
}

#[test]
fn a_time_with_a_huge_hour_skips_the_cue_naming_the_line_instead_of_wrapping() {
    for huge in ["99999999999999999999", "9999999999999999999", "1194"] {
        let vtt = format!(
                "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n{huge}:00:00.000 --> {huge}:00:01.000\nhuge\n"
            );
        let t = parse("a.vtt", &vtt).unwrap();
        assert_eq!(texts(&t), ["ok"], "{huge}");
        assert_eq!(issues(&t)[0].0, 6);
        assert!(
            t.issues[0].message.contains("beyond 1,193 hours"),
            "{:?}",
            t.issues
        );
    }
    let t = parse(
        "a.vtt",
        "WEBVTT\n\n1193:00:00.000 --> 1193:01:00.000\nlast\n",
    )
    .unwrap();
    assert_eq!(t.segments[0].start_ms, Some(4_294_800_000));
}

#[test]
fn the_signature_must_be_followed_by_space_tab_or_a_line_break() {
    for ok in [
        "WEBVTT",
        "WEBVTT\n",
        "WEBVTT foo",
        "WEBVTT\tfoo",
        "\u{feff}WEBVTT\n",
    ] {
        assert!(parse("a.vtt", ok).is_ok(), "{ok:?}");
    }
    for bad in ["WEBVTTX\n", "webvtt\n", " WEBVTT\n"] {
        assert_eq!(parse("a.vtt", bad).unwrap_err().line(), 1, "{bad:?}");
    }
}

#[test]
fn settings_after_the_end_time_are_read_past() {
    let t = parse(
            "a.vtt",
            "WEBVTT\n\n00:00:00.000 --> 00:00:01.000 align:start line:0 bogus\nok\n\n00:00:01.000\t-->\t00:00:02.000\ntabbed\n",
        )
        .unwrap();
    assert_eq!(texts(&t), ["ok", "tabbed"]);
}

#[test]
fn the_ohms_unknown_end_is_accepted_only_in_ohms() {
    let vtt = "WEBVTT\n\n01:01:22.000 --> 00:00:00.000\n<v SMILGA>The end.\n";
    let t = parse("a.vtt", vtt).unwrap();
    assert_eq!(
        cues(&t),
        [(Some(3_682_000), Some(3_682_000), Some("SMILGA"), "The end.")],
        "outside OHMS the end before the start is corrected"
    );
    assert_eq!(t.issues[0].action, BlockAction::Corrected);
    let t = silently(|p| parse_text("a.xml", vtt, 40, Dialect::Ohms, p)).unwrap();
    assert_eq!(
        cues(&t),
        [(Some(3_682_000), None, Some("SMILGA"), "The end.")]
    );
    assert_eq!(
        t.segments[0].source_line, 42,
        "lines count from where the VTT starts in the XML"
    );
    assert!(t.issues.is_empty());
    assert!(
        t.warnings[0].starts_with("a.xml, line 42: the cue ends at 00:00:00.000"),
        "{:?}",
        t.warnings
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
    assert!(t.warnings[1]
        .starts_with("plenum.vtt, line 9: this cue starts at 00:00:02.000, before the previous"));
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
