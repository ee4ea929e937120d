use super::*;

#[test]
fn tags_are_well_formed_bcp_47_and_nothing_else() {
    for good in [
        "ru",
        "en-GB",
        "sr-Latn",
        "zh-Hant-TW",
        "x-klingon",
        "de-CH-1901",
        "yi",
    ] {
        assert!(is_tag(good), "{good}");
    }
    for bad in [
        "/../../x",
        "../x",
        "ru/../../etc",
        "ru-",
        "-ru",
        "ru ru",
        "ru\nen",
        "r\u{0}u",
        "русский",
        "toolongprimarytag",
        "en_GB",
        "ru.vtt",
    ] {
        assert!(!is_tag(bad), "{bad:?}");
        assert!(check("language", bad).is_err(), "{bad:?}");
    }
    assert_eq!(check("language", "  ru ").unwrap(), "ru");
    assert_eq!(check("language", "").unwrap(), "");
}
