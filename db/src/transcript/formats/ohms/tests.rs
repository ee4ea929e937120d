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
    let xml = format!("{HEAD}<sync>13(3)</sync><transcript>Q: Когда?</transcript></record></ROOT>");
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
    let xml =
        format!("{HEAD}<title>One</title></record>\n<record><title>Two</title></record></ROOT>");
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
        super::super::super::parse(name, &bytes, super::super::super::Format::Ohms, None).unwrap()
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
            [3, 302, 692, 930, 1495, 1816, 2068, 2492, 2802, 3857, 4426, 4739, 5429, 5535, 5761]
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
