//! OHMS 6.0 translations: a translation aligned to the original is written as
//! `vtt_transcript_alt` beside `vtt_transcript` (with `translate` and `transcript_alt_lang`),
//! and read back as a translation that an import stores beside the original.

use super::{
    ohms::parse,
    ohms_write::{write, OhmsRecord, OhmsTranslation},
    ParsedSegment,
};

/// A cue as compared: start, end, speaker, text.
type Cue = (Option<u32>, Option<u32>, Option<String>, String);

fn segment(start: u32, end: u32, speaker: &str, text: &str) -> ParsedSegment {
    ParsedSegment {
        start_ms: Some(start),
        end_ms: Some(end),
        speaker: Some(speaker.into()),
        text: text.into(),
        source_line: 0,
    }
}

fn original() -> Vec<ParsedSegment> {
    vec![
        segment(1000, 4000, "Interviewer", "Где вы жили в 1927 году?"),
        segment(
            4000,
            9000,
            "Tatiana Smilga",
            "На Грановского, рядом с Троцким.",
        ),
    ]
}

fn english() -> Vec<ParsedSegment> {
    vec![
        segment(1000, 4000, "Interviewer", "Where did you live in 1927?"),
        segment(
            4000,
            9000,
            "Tatiana Smilga",
            "On Granovsky Street, next to Trotsky & Radek.",
        ),
    ]
}

fn record_xml(translation: Option<OhmsTranslation<'_>>) -> String {
    let segments = original();
    write(&OhmsRecord {
        number: 1,
        id: "01a1-smilga",
        written_on: "2026-12-01",
        title: "Tatiana Smilga",
        language: "ru",
        segments: &segments,
        translation,
        ..Default::default()
    })
}

#[test]
fn a_translation_is_written_as_vtt_transcript_alt_beside_vtt_transcript() {
    let english = english();
    let xml = record_xml(Some(OhmsTranslation {
        language: "en",
        segments: &english,
    }));
    assert!(
        xml.contains("<transcript_alt_lang>en</transcript_alt_lang>"),
        "{xml}"
    );
    assert!(xml.contains("<translate>1</translate>"), "{xml}");
    let original_at = xml.find("<vtt_transcript>").expect("the original");
    let alt_at = xml.find("<vtt_transcript_alt>").expect("the translation");
    assert!(original_at < alt_at, "the translation follows the original");
    assert!(
        xml[alt_at..]
            .contains("<v Tatiana Smilga>On Granovsky Street, next to Trotsky &amp; Radek."),
        "{xml}"
    );
    let language_at = xml.find("<language>").unwrap();
    assert!(
        xml.find("<translate>").unwrap() < language_at,
        "the schema puts the translation's language and flag before the record's language"
    );
}

#[test]
fn a_record_without_a_translation_has_no_alt_elements() {
    let xml = record_xml(None);
    assert!(!xml.contains("vtt_transcript_alt"), "{xml}");
    assert!(!xml.contains("<translate>"), "{xml}");
}

#[test]
fn a_written_translation_reads_back_aligned_to_the_original() {
    let english = english();
    let xml = record_xml(Some(OhmsTranslation {
        language: "en",
        segments: &english,
    }));
    let read = parse("smilga.xml", &xml).unwrap();
    let cues = |segments: &[ParsedSegment]| -> Vec<Cue> {
        segments
            .iter()
            .map(|s| (s.start_ms, s.end_ms, s.speaker.clone(), s.text.clone()))
            .collect()
    };
    assert_eq!(cues(&read.segments), cues(&original()));
    assert_eq!(read.translations.len(), 1);
    assert_eq!(read.translations[0].language.as_deref(), Some("en"));
    assert_eq!(cues(&read.translations[0].segments), cues(&english));
    assert!(read.translations[0].segments[0].source_line > read.segments[0].source_line);
}

#[test]
fn a_bad_cue_in_the_translation_is_reported_with_its_xml_line() {
    let xml = "<?xml version=\"1.0\"?>\n<ROOT xmlns=\"https://www.weareavp.com/nunncenter/ohms\"><record>\n\
               <transcript_alt_lang>en</transcript_alt_lang>\n\
               <vtt_transcript><![CDATA[WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nДа.\n]]></vtt_transcript>\n\
               <vtt_transcript_alt><![CDATA[WEBVTT\n\n00:00:01.000 --> 00:00:60.000\nYes.\n]]></vtt_transcript_alt>\n\
               </record></ROOT>\n";
    let read = parse("smilga.xml", xml).unwrap();
    assert_eq!(read.segments.len(), 1);
    assert!(read.translations[0].segments.is_empty());
    assert_eq!(read.issues.len(), 1, "{:?}", read.issues);
    assert_eq!(
        read.issues[0].line, 11,
        "the timing line of the alt transcript: {:?}",
        read.issues
    );
}

#[test]
fn an_imported_ohms_translation_is_stored_beside_its_original() {
    use crate::{
        interview::{self, InterviewInput},
        jobs::JobContext,
        transcript::{self, ImportOptions},
        Archive, Origin,
    };
    let english = english();
    let xml = record_xml(Some(OhmsTranslation {
        language: "en",
        segments: &english,
    }));
    let mut archive = Archive::open_in_memory().unwrap();
    let interview = interview::create(
        &mut archive,
        &InterviewInput {
            title: "Tatiana Smilga".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let summary = transcript::import(
        &mut archive,
        &interview.id,
        "smilga.xml",
        xml.as_bytes(),
        &ImportOptions::default(),
        &JobContext::silent(),
        Origin::Import,
    )
    .unwrap();
    assert_eq!(summary.transcript.language, "ru");
    assert_eq!(summary.translations.len(), 1);
    let translation = &summary.translations[0];
    assert_eq!(translation.language, "en");
    let listed = transcript::list(&archive, &interview.id).unwrap();
    assert_eq!(listed.len(), 2);
    let rows = transcript::align(&archive, &summary.transcript.id, &translation.id).unwrap();
    assert_eq!(
        rows.len(),
        2,
        "the translation aligns with the original by time"
    );
}

#[test]
fn a_package_writes_an_aligned_translation_into_the_interviews_ohms_record() {
    use crate::{
        export::{
            content::Selection,
            package::{self, ExportOptions, Profile},
        },
        interview::{self, InterviewInput},
        jobs::JobContext,
        transcript::{self, ImportOptions},
        Archive, Origin,
    };
    let mut archive = Archive::open_in_memory().unwrap();
    let interview = interview::create(
        &mut archive,
        &InterviewInput {
            title: "Tatiana Smilga".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    for (name, language, segments) in [("ru.vtt", "ru", original()), ("en.vtt", "en", english())] {
        let vtt = super::write_vtt(&segments);
        transcript::import(
            &mut archive,
            &interview.id,
            name,
            vtt.as_bytes(),
            &ImportOptions {
                language: Some(language.into()),
                ..Default::default()
            },
            &JobContext::silent(),
            Origin::Import,
        )
        .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bag");
    package::export(
        &mut archive,
        &ExportOptions {
            out: out.to_string_lossy().into_owned(),
            profile: Profile::Full,
            selection: Selection::All,
            organization: String::new(),
            contact: String::new(),
            description: String::new(),
        },
        "2026-12-01",
        Origin::Cli,
        &JobContext::silent(),
    )
    .unwrap();
    let xml = std::fs::read_to_string(
        out.join("data/transcripts")
            .join(&interview.id)
            .join("ohms.xml"),
    )
    .unwrap();
    assert!(
        xml.contains("<transcript_alt_lang>en</transcript_alt_lang>"),
        "{xml}"
    );
    let read = parse("ohms.xml", &xml).unwrap();
    assert_eq!(read.segments[1].text, "На Грановского, рядом с Троцким.");
    assert_eq!(
        read.translations[0].segments[1].text,
        "On Granovsky Street, next to Trotsky & Radek."
    );
}
