use super::*;

#[test]
fn archival_dates_are_accepted() {
    for date in [
        "1927",
        "1927-02-25",
        "1927-02~",
        "192X",
        "1905?",
        "1917/1922",
        "19XX",
    ] {
        assert_eq!(
            normalize("date", Some(date)).unwrap().as_deref(),
            Some(date),
            "{date} is valid EDTF"
        );
    }
}

#[test]
fn blank_is_no_date() {
    assert_eq!(normalize("date", Some("  ")).unwrap(), None);
    assert_eq!(normalize("date", None).unwrap(), None);
}

#[test]
fn nonsense_is_refused_with_the_field_and_an_example() {
    for bad in ["February 1927", "1927-13", "1985-02-30", "27/02/1927"] {
        let err = normalize("date", Some(bad)).unwrap_err().to_string();
        assert!(
            err.starts_with("date:")
                && err.contains(&format!("\"{bad}\""))
                && err.contains("1927-05-14"),
            "{bad}: the field, what was typed and an example: {err}"
        );
    }
}

#[test]
fn a_refused_date_is_explained_in_a_historians_words_not_the_parsers() {
    let said = |typed: &str| {
        let err = normalize("date", Some(typed)).unwrap_err();
        err.invalid_field().unwrap().1.to_owned()
    };
    for bad in [
        "1927 -05",
        "spring 1927",
        "1927-13",
        "1985-02-30",
        "27/02/1927",
        "1927-05-1",
    ] {
        let message = said(bad);
        assert!(
            !message.contains("EDTF") && !message.contains("offset"),
            "{bad}: no parser jargon: {message}"
        );
        assert!(
            message.starts_with(&format!("\"{bad}\" is not a date Recollect can read")),
            "{bad}: says what was typed: {message}"
        );
        for example in ["1927", "1927-05", "1927-05-14", "1927~", "1927?", "192X"] {
            assert!(
                message.contains(example),
                "{bad}: shows {example}: {message}"
            );
        }
    }
    assert!(said("1927 -05").contains("(leave out the spaces)"));
    assert!(said("spring 1927").contains("(write it in digits, not words)"));
    assert!(said("1927-13").contains("(months run from 01 to 12)"));
    assert!(said("1985-02-30").contains("(that month has no such day)"));
    assert!(
        said("27/02/1927").contains("read: write"),
        "no reason it cannot give plainly"
    );
}

#[test]
fn days_are_whole_iso_dates() {
    assert_eq!(
        day("until", Some(" 2030-01-01 ")).unwrap().as_deref(),
        Some("2030-01-01")
    );
    for bad in ["2030", "2030-02-30", "1/1/2030", "2030-1-1"] {
        assert!(day("until", Some(bad)).is_err(), "{bad} is refused");
    }
}

#[test]
fn the_latest_day_of_a_date_is_its_last_possible_day() {
    assert_eq!(latest_day("1937").as_deref(), Some("1937-12-31"));
    assert_eq!(latest_day("1937-02").as_deref(), Some("1937-02-28"));
    assert_eq!(latest_day("193X").as_deref(), Some("1939-12-31"));
    assert_eq!(latest_day("1990?").as_deref(), Some("1990-12-31"));
    assert_eq!(latest_day("1990/.."), None, "an open end never passes");
}

#[test]
fn civil_dates_from_days() {
    assert_eq!(civil_from_days(0), "1970-01-01");
    assert_eq!(civil_from_days(11_016), "2000-02-29");
    assert_eq!(civil_from_days(20_000), "2024-10-04");
    assert!(today().as_str() >= "2024-01-01");
}
