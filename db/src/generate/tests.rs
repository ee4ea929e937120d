use super::*;

#[test]
fn the_same_seed_gives_the_same_text_and_the_text_is_searchable() {
    let make = || {
        let mut a = Archive::open_in_memory().unwrap();
        generate(
            &mut a,
            &GenerateOptions {
                interviews: 3,
                segments_per_interview: 50,
                seed: 7,
            },
            &JobContext::silent(),
        )
        .unwrap();
        a
    };
    let (a, b) = (make(), make());
    let texts = |a: &Archive| -> Vec<String> {
        let mut stmt = a
            .conn()
            .prepare("SELECT text FROM segments ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    assert_eq!(texts(&a).len(), 150);
    assert_eq!(texts(&a), texts(&b), "reproducible from the seed");
    let word = texts(&a)[0]
        .split(' ')
        .next()
        .unwrap()
        .trim_end_matches('.')
        .to_owned();
    let hits = crate::search::search(
        &a,
        &crate::search::SearchQuery {
            text: word.clone(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!hits.is_empty(), "generated text is indexed: {word}");
}

#[test]
fn a_synthetic_transcript_survives_every_writer_and_reader() {
    use crate::transcript::formats::{self, Format};
    let segments = transcript_segments(200, 3);
    assert_eq!(
        segments,
        transcript_segments(200, 3),
        "reproducible from the seed"
    );
    assert!(
        segments.iter().any(|s| s.text.contains('\n')),
        "long cues have two lines"
    );
    assert!(
        segments
            .iter()
            .any(|s| s.text.chars().any(|c| matches!(c, 'а'..='я'))),
        "Russian"
    );
    assert!(segments.iter().any(|s| s.text.contains("the")), "English");
    for (format, file) in [
        (Format::Vtt, formats::write_vtt(&segments)),
        (Format::Srt, formats::write_srt(&segments)),
        (Format::Text, formats::write_text(&segments)),
    ] {
        let parsed = formats::parse("bench", file.as_bytes(), format, None).unwrap();
        assert_eq!(parsed.segments.len(), segments.len(), "{format:?}");
        assert_eq!(parsed.segments[7].text, segments[7].text, "{format:?}");
    }
}
