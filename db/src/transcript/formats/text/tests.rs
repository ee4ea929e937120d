use super::*;

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
fn timestamped_speaker_lines_become_timed_segments() {
    let text = "Interview with Tatiana Smilga, Moscow 1989\n\
                    \n\
                    [00:01:23] SEREBRYAKOVA: Tell me about the flat\n\
                    on Granovsky Street.\n\
                    [01:30.5] SMILGA: Мы жили там до ареста отца.\n\
                    \n\
                    Потом нас выселили.\n\
                    00:02:10 - Tatiana Smilga: Trotsky visited in 1926.\n\
                    (00:03:00) Speaker 2: [inaudible]\n";
    let t = parse("smilga.txt", text).unwrap();
    assert_eq!(
        rows(&t),
        [
            (
                None,
                None,
                None,
                "Interview with Tatiana Smilga, Moscow 1989",
                1
            ),
            (
                Some(83_000),
                Some(90_500),
                Some("SEREBRYAKOVA"),
                "Tell me about the flat\non Granovsky Street.",
                3
            ),
            (
                Some(90_500),
                None,
                Some("SMILGA"),
                "Мы жили там до ареста отца.",
                5
            ),
            (None, None, Some("SMILGA"), "Потом нас выселили.", 7),
            (
                Some(130_000),
                Some(180_000),
                Some("Tatiana Smilga"),
                "Trotsky visited in 1926.",
                8
            ),
            (Some(180_000), None, Some("Speaker 2"), "[inaudible]", 9),
        ]
    );
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

#[test]
fn question_and_answer_shorthand_names_interviewer_and_narrator() {
    let t = parse(
        "qa.txt",
        "Q: Where were you in 1937?\nA: In Tomsk.\nWith my mother.\n\nВ: А потом?\n",
    )
    .unwrap();
    let speakers: Vec<_> = t
        .segments
        .iter()
        .map(|s| (s.speaker.as_deref(), s.text.as_str()))
        .collect();
    assert_eq!(
        speakers,
        [
            (Some("Interviewer"), "Where were you in 1937?"),
            (Some("Narrator"), "In Tomsk.\nWith my mother."),
            (Some("Interviewer"), "А потом?"),
        ]
    );
    assert!(t
        .segments
        .iter()
        .all(|s| s.start_ms.is_none() && s.end_ms.is_none()));
}

#[test]
fn a_legend_names_the_shorthand_speakers() {
    let t = parse(
        "qa.txt",
        "Q = Zorya Serebryakova\nA = Tatiana Smilga\n\nQ: Когда?\nA: В 1935.\n",
    )
    .unwrap();
    let speakers: Vec<_> = t.segments.iter().map(|s| s.speaker.as_deref()).collect();
    assert_eq!(
        speakers,
        [Some("Zorya Serebryakova"), Some("Tatiana Smilga")]
    );
    assert_eq!(
        t.segments[0].source_line, 4,
        "legend lines are not segments"
    );
}

#[test]
fn text_without_labels_or_times_is_paragraphs() {
    let t = parse(
        "notes.txt",
        "He said: we will meet at 10:30.\nSee http://example.org\n\nSecond paragraph.\n",
    )
    .unwrap();
    assert_eq!(
        rows(&t),
        [
            (
                None,
                None,
                None,
                "He said: we will meet at 10:30.\nSee http://example.org",
                1
            ),
            (None, None, None, "Second paragraph.", 4),
        ]
    );
}

#[test]
fn a_timestamp_alone_on_its_line_times_the_next_line() {
    let t = parse(
        "a.txt",
        "[00:05:00]\nRADEK: A joke.\n[00:05:30]\n\nSMILGA: Not funny.\n",
    )
    .unwrap();
    assert_eq!(
        rows(&t),
        [
            (Some(300_000), None, Some("RADEK"), "A joke.", 1),
            (None, None, Some("SMILGA"), "Not funny.", 5)
        ]
    );
}

#[test]
fn timestamps_going_backwards_are_reported() {
    let t = parse("a.txt", "[00:10:00] A: one\n[00:09:00] B: two\n").unwrap();
    assert_eq!(t.segments.len(), 2);
    assert_eq!(
            t.warnings,
            ["a.txt, line 2: the timestamp 00:09:00 comes after 00:10:00; the segments were kept in the order of the file"]
        );
    assert_eq!(
        t.segments[0].end_ms, None,
        "an end before the start is not invented"
    );
}

#[test]
fn labels_are_recognised_conservatively() {
    assert_eq!(
        speaker_label("Leon von Trotsky: Comrades"),
        Some(("Leon von Trotsky", "Comrades"))
    );
    assert_eq!(
        speaker_label("ТРОЦКИЙ: Товарищи"),
        Some(("ТРОЦКИЙ", "Товарищи"))
    );
    assert_eq!(speaker_label("He said: no"), None);
    assert_eq!(
        speaker_label("One Two Three Four Five: no"),
        None,
        "five words is a sentence"
    );
    assert_eq!(speaker_label("Moscow, 1923: cold"), None);
    assert_eq!(all_caps_label("SMILGA: yes"), Some(("SMILGA", "yes")));
    assert_eq!(all_caps_label("Smilga: yes"), None);
    assert_eq!(
        leading_timestamp("10:30 we met"),
        Ok(None),
        "a bare time needs hours"
    );
    assert_eq!(
        leading_timestamp("[01:23] SMILGA: hi"),
        Ok(Some((83_000, "SMILGA: hi")))
    );
}

#[test]
fn a_timestamp_with_a_huge_hour_is_refused_with_its_line() {
    for huge in [
        "[99999999999999999999:00:00]",
        "[18446744073709551615:00:00]",
        "1194:00:00",
    ] {
        let text = format!("[00:00:01] SMILGA: Да.\n{huge} RADEK: Нет.\n");
        let err = parse("tape.txt", &text).unwrap_err();
        assert_eq!((err.file(), err.line()), ("tape.txt", 2), "{err}");
        assert!(err.to_string().contains("beyond 1,193 hours"), "{err}");
    }
    let t = parse(
        "tape.txt",
        "[1193:00:00] SMILGA: the longest time there is\n",
    )
    .unwrap();
    assert_eq!(t.segments[0].start_ms, Some(4_294_800_000));
}

#[test]
fn text_round_trips() {
    let text = "[00:01:23] Serebryakova: Tell me.\nMore.\n\n[00:01:30.250] SMILGA: Да.\n\nUntimed: closing words\n";
    let first = parse("a.txt", text).unwrap();
    let written = write(&first.segments);
    assert_eq!(
            written,
            "[00:01:23] Serebryakova: Tell me.\nMore.\n\n[00:01:30.250] SMILGA: Да.\n\nUntimed: closing words\n"
        );
    let again = parse("a.txt", &written).unwrap();
    let strip = |t: &ParsedTranscript| {
        rows(t)
            .into_iter()
            .map(|r| (r.0, r.1, r.2.map(str::to_owned), r.3.to_owned()))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&again), strip(&first));
}
