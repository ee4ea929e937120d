use super::*;

const CAPTION: &str = "Сидят (слева направо): Серебряков, Радек, Троцкий";
const INTERVIEW: &str = "СМИЛГА: Мы жили на Грановского, в доме, где жили старые большевики.\r\n\
                             ВОПРОС: А когда арестовали Ивара Тенисовича?\r\n\
                             СМИЛГА: В январе 1935 года. Мама - Надежда Васильевна - осталась с нами.\r\n";
/// Punctuation that Windows-1251 has and KOI8-R does not.
const NEWSPAPER: &str = "Статья в «Правде» — Радек о Троцком, 1924 год, № 5.";

fn encoded(text: &str, encoding: &'static Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "test text must be encodable");
    bytes.into_owned()
}

#[test]
fn windows_1251_is_recognised_as_russian() {
    for text in [CAPTION, INTERVIEW, NEWSPAPER] {
        let decoded = decode("caption.txt", &encoded(text, WINDOWS_1251), None).unwrap();
        assert_eq!(decoded.text, text);
        assert_eq!((decoded.encoding, decoded.guessed), (WINDOWS_1251, true));
    }
}

#[test]
fn koi8_r_is_recognised_as_russian() {
    for text in [CAPTION, INTERVIEW] {
        let decoded = decode("caption.txt", &encoded(text, KOI8_R), None).unwrap();
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, KOI8_R);
    }
}

#[test]
fn all_capitals_still_read_in_the_right_code_page() {
    let shouted = "ВОПРОС: КОГДА ВАС АРЕСТОВАЛИ? ОТВЕТ: В ТРИДЦАТЬ СЕДЬМОМ.";
    assert_eq!(
        decode("a.txt", &encoded(shouted, KOI8_R), None)
            .unwrap()
            .text,
        shouted
    );
    assert_eq!(
        decode("a.txt", &encoded(shouted, WINDOWS_1251), None)
            .unwrap()
            .text,
        shouted
    );
}

#[test]
fn utf8_with_and_without_bom() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(CAPTION.as_bytes());
    let decoded = decode("caption.txt", &bytes, None).unwrap();
    assert_eq!(
        (decoded.text.as_str(), decoded.encoding, decoded.guessed),
        (CAPTION, UTF_8, false)
    );
    assert_eq!(
        decode("caption.txt", CAPTION.as_bytes(), None)
            .unwrap()
            .text,
        CAPTION
    );
}

#[test]
fn utf16_with_bom_in_both_byte_orders() {
    let le: Vec<u8> = "\u{feff}"
        .chars()
        .chain(INTERVIEW.chars())
        .collect::<String>()
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let be: Vec<u8> = "\u{feff}"
        .chars()
        .chain(INTERVIEW.chars())
        .collect::<String>()
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    assert_eq!(
        decode("smilga.txt", &le, None).unwrap(),
        DecodedText {
            text: INTERVIEW.into(),
            encoding: UTF_16LE,
            guessed: false
        }
    );
    assert_eq!(decode("smilga.txt", &be, None).unwrap().encoding, UTF_16BE);
    assert_eq!(decode("smilga.txt", &be, None).unwrap().text, INTERVIEW);
}

#[test]
fn utf16_without_bom_is_recognised_by_its_zero_bytes() {
    let le: Vec<u8> = INTERVIEW
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let be: Vec<u8> = INTERVIEW
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    assert_eq!(decode("smilga.txt", &le, None).unwrap().text, INTERVIEW);
    assert_eq!(decode("smilga.txt", &be, None).unwrap().encoding, UTF_16BE);
}

#[test]
fn an_explicit_encoding_wins_over_detection() {
    // Valid UTF-8 whose bytes the user says are Windows-1252: they get what they asked for.
    let decoded = decode(
        "a.txt",
        "Trotsky — Троцкий".as_bytes(),
        Some(encoding_rs::WINDOWS_1252),
    )
    .unwrap();
    assert_eq!(decoded.encoding, encoding_rs::WINDOWS_1252);
    assert!(decoded.text.starts_with("Trotsky â€”"), "{}", decoded.text);
    let koi8 = encoded(CAPTION, KOI8_R);
    assert_eq!(decode("a.txt", &koi8, Some(KOI8_R)).unwrap().text, CAPTION);
}

#[test]
fn an_explicit_encoding_that_does_not_fit_names_the_line() {
    let mut bytes = b"line one\nline two\n".to_vec();
    bytes.extend_from_slice(b"bad \xff byte\n");
    let err = decode("smilga.txt", &bytes, Some(UTF_8)).unwrap_err();
    assert_eq!((err.file(), err.line()), ("smilga.txt", 3));
    assert!(err.to_string().contains("cannot be read as UTF-8"), "{err}");
    // An unpaired surrogate is not UTF-16.
    let utf16: Vec<u8> = [0x6f, 0x0a, 0x74, 0x0d, 0x0a, 0xd800, 0x0a]
        .into_iter()
        .flat_map(u16::to_le_bytes)
        .collect();
    let err = decode("smilga.txt", &utf16, Some(UTF_16LE)).unwrap_err();
    assert_eq!(err.line(), 3, "{err}");
    assert!(
        err.to_string().contains("cannot be read as UTF-16LE"),
        "{err}"
    );
}

#[test]
fn text_that_is_neither_utf8_nor_russian_is_refused_at_the_first_bad_byte() {
    // Latin-1 French: as Cyrillic it would be "cafй", a Cyrillic letter inside a Latin word.
    let latin1 = encoded(
        "Trotsky à Prinkipo\nLe café était fermé, dit Natalia Sedova.\n",
        encoding_rs::WINDOWS_1252,
    );
    let err = decode("sedova.txt", &latin1, None).unwrap_err();
    assert!(matches!(err, FormatError::Encoding { .. }), "{err:?}");
    assert_eq!(err.line(), 1);
    assert!(
        err.to_string()
            .starts_with("sedova.txt, line 1: the file is not UTF-8 (the byte 0xE0"),
        "{err}"
    );
    assert!(
        err.to_string().contains("choose the file's encoding"),
        "{err}"
    );
}

#[test]
fn binary_junk_is_refused_with_its_line() {
    let err = decode(
        "interview.doc",
        b"WEBVTT\n\n\x00\x01\x02\x03\xd0\xcf\x11\xe0",
        None,
    )
    .unwrap_err();
    assert_eq!((err.file(), err.line()), ("interview.doc", 3));
    assert!(err.to_string().contains("binary file"), "{err}");
    let err = decode("a.txt", b"Smilga\n\x1b[0m\n", None).unwrap_err();
    assert_eq!(err.line(), 2);
    let err = decode(
        "a.txt",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
        None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("binary file"), "{err}");
}

#[test]
fn a_dos_end_of_file_mark_is_dropped() {
    assert_eq!(
        decode("old.txt", b"Smilga\r\n\x1a", None).unwrap().text,
        "Smilga\r\n"
    );
}

#[test]
fn the_scorer_tells_russian_from_its_wrong_reading() {
    let right = RussianEvidence::gather(CAPTION);
    let wrong = RussianEvidence::gather(&WINDOWS_1251.decode(&encoded(CAPTION, KOI8_R)).0);
    assert!(right.is_plausible());
    assert!(!wrong.is_plausible(), "{wrong:?}");
    assert!(right.score() > wrong.score());
    assert!(
        right.mean_log_probability() > -3.2,
        "{}",
        right.mean_log_probability()
    );
}
