use super::*;
use crate::transcript::formats::{parse, Format};

fn sample() -> (Vec<ParsedSegment>, Vec<ParsedIndexPoint>) {
    let segments = vec![
        ParsedSegment {
            start_ms: Some(1000),
            end_ms: Some(4000),
            speaker: Some("Interviewer".into()),
            text: "Tell me about 1927 & the photo <here>.".into(),
            source_line: 0,
        },
        ParsedSegment {
            start_ms: Some(4000),
            end_ms: Some(9000),
            speaker: Some("Zorya Serebryakova".into()),
            text: "Мой отец сидит слева, рядом с Радеком. ]]> stays text.".into(),
            source_line: 0,
        },
    ];
    let points = vec![ParsedIndexPoint {
        time_ms: 4000,
        title: "The 1927 photograph".into(),
        partial_transcript: "Мой отец сидит слева".into(),
        synopsis: "Serebryakova names the people in the photo.".into(),
        keywords: vec!["Left Opposition".into(), "Серебряков".into()],
        subjects: vec!["Photographs".into()],
        gps: Some((55.7522, 37.6156)),
        hyperlinks: vec!["https://example.org/photo".into()],
    }];
    (segments, points)
}

fn record<'a>(
    segments: &'a [ParsedSegment],
    points: &'a [ParsedIndexPoint],
    names: &'a [String],
) -> OhmsRecord<'a> {
    OhmsRecord {
        number: 1,
        id: "01a21210-accb-70c3-a49d-a104146c8ea1",
        written_on: "2026-11-25",
        title: "Interview with Zorya Serebryakova",
        date: Some("1994-02-27"),
        duration_ms: Some(9000),
        collection_name: "Children of the Left Opposition",
        repository: "Recollect sample",
        interviewees: names,
        language: "ru",
        format: "audio",
        index_points: points,
        segments,
        ..Default::default()
    }
}

#[test]
fn a_written_record_reads_back_with_its_index_and_cues() {
    let (segments, points) = sample();
    let names = vec!["Zorya Serebryakova".to_owned()];
    let xml = write(&record(&segments, &points, &names));
    let back = parse("back.xml", xml.as_bytes(), Format::Ohms, None).unwrap();
    assert_eq!(
        back.title.as_deref(),
        Some("Interview with Zorya Serebryakova")
    );
    assert_eq!(back.segments.len(), 2);
    assert_eq!(
        back.segments[1].text, segments[1].text,
        "text survives escaping and CDATA"
    );
    assert_eq!(back.segments[0].start_ms, Some(1000));
    assert_eq!(back.index_points.len(), 1);
    assert_eq!(back.index_points[0].keywords, points[0].keywords);
    assert_eq!(back.index_points[0].time_ms, 4000);
}

/// A record with every element the writer can write: a translation, a date as written,
/// interviewers, a summary, rights and a restriction besides what `record` has.
fn full_record_xml() -> String {
    let (segments, points) = sample();
    let names = vec!["Zorya Serebryakova".to_owned()];
    let interviewers = vec!["Tatiana Smilga".to_owned()];
    write(&OhmsRecord {
        date_as_written: Some("1994-02"),
        interviewers: &interviewers,
        description: "Serebryakova on the 1927 photograph.",
        rights: "Public after 2030.",
        restricted: true,
        translation: Some(OhmsTranslation {
            language: "en",
            segments: &segments,
        }),
        ..record(&segments, &points, &names)
    })
}

/// The element order of an OHMS 6.0 `record`, as the schema's `xs:sequence` lists it.
const OHMS_RECORD_SEQUENCE: &[&str] = &[
    "version",
    "date",
    "date_nonpreferred_format",
    "cms_record_id",
    "title",
    "accession",
    "duration",
    "collection_id",
    "collection_name",
    "series_id",
    "series_name",
    "repository",
    "funding",
    "repository_url",
    "subject",
    "keyword",
    "interviewee",
    "interviewer",
    "format",
    "file_name",
    "sync",
    "sync_alt",
    "transcript_alt_lang",
    "translate",
    "media_id",
    "media_url",
    "mediafile",
    "kembed",
    "language",
    "user_notes",
    "index",
    "type",
    "description",
    "rel",
    "transcript",
    "transcript_alt",
    "vtt_transcript",
    "vtt_transcript_alt",
    "rights",
    "fmt",
    "usage",
    "userestrict",
    "xmllocation",
    "xmlfilename",
    "collection_link",
    "series_link",
];

/// The names of a written record's child elements, in the order written.
fn record_children(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0;
    let mut names = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) => {
                if depth == 2 {
                    names.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
                }
                depth += 1;
            }
            quick_xml::events::Event::Empty(e) if depth == 2 => {
                names.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
            }
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    names
}

/// Without the schema at hand (`make conformance` has it), the order the schema requires is
/// checked here, for a record with every element the writer knows.
#[test]
fn a_full_record_writes_its_elements_in_the_schema_order() {
    let children = record_children(&full_record_xml());
    assert!(
        children.contains(&"vtt_transcript_alt".to_owned()),
        "{children:?}"
    );
    let positions: Vec<usize> = children
        .iter()
        .map(|name| {
            OHMS_RECORD_SEQUENCE
                .iter()
                .position(|known| known == name)
                .unwrap_or_else(|| panic!("{name} is not an OHMS record element"))
        })
        .collect();
    for (pair, names) in positions.windows(2).zip(children.windows(2)) {
        assert!(
            pair[0] < pair[1],
            "{} is written before {}, against the schema's order",
            names[0],
            names[1]
        );
    }
}

/// Both the full and a bare record, written to files for a checker.
fn written_records(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    [
        ("full.xml", full_record_xml()),
        (
            "bare.xml",
            write(&OhmsRecord {
                id: "x",
                written_on: "2026-11-25",
                title: "Untitled",
                ..Default::default()
            }),
        ),
    ]
    .into_iter()
    .map(|(name, xml)| {
        let path = dir.join(name);
        std::fs::write(&path, xml).unwrap();
        path
    })
    .collect()
}

fn xmllint(args: &[&str], path: &std::path::Path) {
    let out = std::process::Command::new("xmllint")
        .args(args)
        .arg(path)
        .output()
        .expect(
            "xmllint is needed to check OHMS output: install libxml2-utils (make test-deps does)",
        );
    assert!(
        out.status.success(),
        "{} is not valid: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_written_record_is_well_formed_xml() {
    let dir = tempfile::tempdir().unwrap();
    for path in written_records(dir.path()) {
        xmllint(&["--noout"], &path);
    }
}

/// The OHMS XSD is outside the project: `make conformance` names it in `RECOLLECT_OHMS_XSD`.
#[test]
#[ignore = "needs the OHMS XSD from outside the project: make conformance"]
fn conformance_a_written_record_is_valid_against_the_ohms_schema() {
    let schema = std::env::var("RECOLLECT_OHMS_XSD")
        .expect("RECOLLECT_OHMS_XSD names the OHMS XSD (make conformance sets it)");
    let dir = tempfile::tempdir().unwrap();
    for path in written_records(dir.path()) {
        xmllint(&["--noout", "--schema", &schema], &path);
    }
}
