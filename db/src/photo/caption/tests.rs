use super::*;

fn rows(text: &str) -> Vec<(String, Vec<String>)> {
    parse(text)
        .rows
        .into_iter()
        .map(|row| (row.label, row.names))
        .collect()
}

fn row(label: &str, names: &[&str]) -> (String, Vec<String>) {
    (
        label.to_owned(),
        names.iter().map(|n| (*n).to_owned()).collect(),
    )
}

const LEFT_OPPOSITION_1927: &str = "Members of the Left Opposition in 1927. Sitting (left to right): Serebryakov, \
        Radek, Trotsky, Boguslavsky and Preobrazhensky. Standing (left to right): Rakovsky, Drobnis, Beloborodov \
        and Sosnovsky";

#[test]
fn the_1927_caption_gives_two_rows_in_order() {
    let parsed = parse(LEFT_OPPOSITION_1927);
    assert_eq!(parsed.preamble, "Members of the Left Opposition in 1927.");
    assert_eq!(
        parsed
            .rows
            .into_iter()
            .map(|r| (r.label, r.names))
            .collect::<Vec<_>>(),
        vec![
            row(
                "Sitting",
                &[
                    "Serebryakov",
                    "Radek",
                    "Trotsky",
                    "Boguslavsky",
                    "Preobrazhensky"
                ]
            ),
            row(
                "Standing",
                &["Rakovsky", "Drobnis", "Beloborodov", "Sosnovsky"]
            ),
        ]
    );
}

#[test]
fn json_has_only_rows_labels_and_names() {
    let json = serde_json::to_string(&parse("Sitting (l-r): Radek and Trotsky. Standing: Smilga"))
        .unwrap();
    assert_eq!(
        json,
        r#"{"rows":[{"label":"Sitting","names":["Radek","Trotsky"]},{"label":"Standing","names":["Smilga"]}]}"#
    );
    let back: ParsedCaption = serde_json::from_str(&json).unwrap();
    assert_eq!(back.rows.len(), 2);
}

#[test]
fn the_russian_1927_caption() {
    assert_eq!(
            rows(
                "Сидят (слева направо): Серебряков, Радек, Троцкий, Богуславский и Преображенский. Стоят (слева \
                  направо): Раковский, Дробнис, Белобородов и Сосновский"
            ),
            vec![
                row("Сидят", &["Серебряков", "Радек", "Троцкий", "Богуславский", "Преображенский"]),
                row("Стоят", &["Раковский", "Дробнис", "Белобородов", "Сосновский"]),
            ]
        );
}

#[test]
fn front_and_back_rows_with_abbreviated_ordering() {
    assert_eq!(
            rows(
                "Front row (l. to r.): Serebryakov, Radek, Trotsky; back row (l. to r.): Rakovsky, Drobnis and \
                  Beloborodov."
            ),
            vec![
                row("Front row", &["Serebryakov", "Radek", "Trotsky"]),
                row("back row", &["Rakovsky", "Drobnis", "Beloborodov"]),
            ]
        );
}

#[test]
fn initials_and_hyphenated_names_do_not_end_a_row() {
    assert_eq!(
            rows(
                "Back row, from left: I.N. Smirnov, Antonov-Ovseenko and L. D. Trotsky. Front row: Yu. Primakov \
                  and Radek."
            ),
            vec![
                row("Back row", &["I.N. Smirnov", "Antonov-Ovseenko", "L. D. Trotsky"]),
                row("Front row", &["Yu. Primakov", "Radek"]),
            ]
        );
}

#[test]
fn right_to_left_rows_are_reversed() {
    assert_eq!(
        rows("Standing (right to left): Sosnovsky, Beloborodov, Drobnis and Rakovsky."),
        vec![row(
            "Standing",
            &["Rakovsky", "Drobnis", "Beloborodov", "Sosnovsky"]
        )]
    );
    assert_eq!(
        rows("Seated, r. to l.: Trotsky, Radek. Standing, from right: Smilga and Smirnov"),
        vec![
            row("Seated", &["Radek", "Trotsky"]),
            row("Standing", &["Smirnov", "Smilga"])
        ]
    );
    assert_eq!(
        rows("В верхнем ряду справа налево: Сосновский, Белобородов и неизвестный."),
        vec![row(
            "В верхнем ряду",
            &["неизвестный", "Белобородов", "Сосновский"]
        )]
    );
}

#[test]
fn an_ordering_without_a_label_makes_one_unlabelled_row() {
    assert_eq!(
        rows("Left to right: Trotsky, Radek, Smilga"),
        vec![row("", &["Trotsky", "Radek", "Smilga"])]
    );
    assert_eq!(
        rows("The Opposition leaders (L-R) Trotsky, unidentified, Radek."),
        vec![row("", &["Trotsky", "unidentified", "Radek"])]
    );
    assert_eq!(
        rows("Slepkov's photo. L to R: Serebryakov and Radek"),
        vec![row("", &["Serebryakov", "Radek"])]
    );
    assert_eq!(
        parse("The Opposition leaders (L-R) Trotsky, Radek.").preamble,
        "The Opposition leaders"
    );
}

#[test]
fn serial_comma_and_semicolons_separate_names() {
    assert_eq!(
        rows("Seated, left to right: Trotsky, Radek, and Smilga."),
        vec![row("Seated", &["Trotsky", "Radek", "Smilga"])]
    );
    assert_eq!(
        rows("Sitting: Serebryakov; Radek; Trotsky"),
        vec![row("Sitting", &["Serebryakov", "Radek", "Trotsky"])]
    );
    assert_eq!(
        rows("Kneeling: Radek & Trotsky"),
        vec![row("Kneeling", &["Radek", "Trotsky"])]
    );
}

#[test]
fn placeholders_keep_their_place() {
    assert_eq!(
        rows("Kneeling (l-r): unknown man, Smilga, (unidentified), unidentified woman and Radek."),
        vec![row(
            "Kneeling",
            &[
                "unknown man",
                "Smilga",
                "(unidentified)",
                "unidentified woman",
                "Radek"
            ]
        )]
    );
}

#[test]
fn top_middle_and_bottom_rows() {
    assert_eq!(
            rows("Top row: Rakovsky, Drobnis. Middle row: Smilga. Bottom row, L to R: Trotsky and Radek."),
            vec![
                row("Top row", &["Rakovsky", "Drobnis"]),
                row("Middle row", &["Smilga"]),
                row("Bottom row", &["Trotsky", "Radek"]),
            ]
        );
}

#[test]
fn numbered_rows_in_one_sentence() {
    assert_eq!(
        rows(
            "First row: Radek, Trotsky; second row: Smilga, Smirnov; third row (left-right): Sedov"
        ),
        vec![
            row("First row", &["Radek", "Trotsky"]),
            row("second row", &["Smilga", "Smirnov"]),
            row("third row", &["Sedov"]),
        ]
    );
}

#[test]
fn russian_numbered_rows_and_initials() {
    assert_eq!(
            rows(
                "Первый ряд (слева направо): И. Н. Смирнов, Л. Д. Троцкий и неизвестный. Во втором ряду: Радек и \
                  Смилга."
            ),
            vec![
                row("Первый ряд", &["И. Н. Смирнов", "Л. Д. Троцкий", "неизвестный"]),
                row("Во втором ряду", &["Радек", "Смилга"]),
            ]
        );
    assert_eq!(
        rows("Сидят — Радек, Троцкий и Смилга."),
        vec![row("Сидят", &["Радек", "Троцкий", "Смилга"])]
    );
}

#[test]
fn text_after_the_last_row_is_not_a_name() {
    assert_eq!(
        rows("Sitting (left to right): Radek and Trotsky. Photo: RGASPI, Moscow."),
        vec![row("Sitting", &["Radek", "Trotsky"])]
    );
}

#[test]
fn remarks_in_parentheses_stay_with_their_name() {
    assert_eq!(
            rows(
                "Standing (left to right): Rakovsky (partly hidden, behind Radek), Drobnis (second from left?) \
                  and Sosnovsky"
            ),
            vec![row(
                "Standing",
                &["Rakovsky (partly hidden, behind Radek)", "Drobnis (second from left?)", "Sosnovsky"]
            )]
        );
}

#[test]
fn a_caption_without_rows_has_only_a_preamble() {
    let parsed = parse("Trotsky and Radek in Moscow, 1927.");
    assert!(parsed.rows.is_empty());
    assert_eq!(parsed.preamble, "Trotsky and Radek in Moscow, 1927.");
    // "second from left" describes a person, it does not start a row.
    assert!(parse("Trotsky, second from left, with Radek.")
        .rows
        .is_empty());
}

#[test]
fn an_ordering_before_the_labels_applies_to_them() {
    assert_eq!(
        rows("From right to left, sitting: Trotsky, Radek; standing: Smilga, Smirnov."),
        vec![
            row("sitting", &["Radek", "Trotsky"]),
            row("standing", &["Smirnov", "Smilga"])
        ]
    );
}

#[test]
fn an_ordering_after_a_label_without_a_colon() {
    assert_eq!(
        rows("In the front row (l-r) Serebryakov, Radek and Trotsky"),
        vec![row(
            "In the front row",
            &["Serebryakov", "Radek", "Trotsky"]
        )]
    );
}

#[test]
fn longer_labels_titles_and_verbs() {
    assert_eq!(
            rows(
                "Sitting on the ground (l-r): Radek, Smilga. Standing at the back, left to right, are Trotsky and \
                  Rakovsky."
            ),
            vec![
                row("Sitting on the ground", &["Radek", "Smilga"]),
                row("Standing at the back", &["Trotsky", "Rakovsky"])
            ]
        );
    assert_eq!(
        rows("Front row, seated, from left: Radek, Dr. Ivanov and Prof. Petrov. 1st row: Smilga"),
        vec![
            row(
                "Front row, seated",
                &["Radek", "Dr. Ivanov", "Prof. Petrov"]
            ),
            row("1st row", &["Smilga"])
        ]
    );
    assert_eq!(
        rows("Сидят слева направо: Радек, Тов. Смилга. Стоят справа налево: Смилга, Смирнов."),
        vec![
            row("Сидят", &["Радек", "Тов. Смилга"]),
            row("Стоят", &["Смирнов", "Смилга"])
        ]
    );
}

#[test]
fn rows_on_separate_lines() {
    assert_eq!(
            rows(
                "Left Opposition, 1927\nFront row: Serebryakov, Radek\nBack row: Rakovsky, Drobnis\nPhoto by an \
                  unknown photographer"
            ),
            vec![row("Front row", &["Serebryakov", "Radek"]), row("Back row", &["Rakovsky", "Drobnis"])]
        );
}

#[test]
fn lists_that_trail_off_drop_the_tail() {
    assert_eq!(
        rows("Standing, l-r: Smilga, Radek and others."),
        vec![row("Standing", &["Smilga", "Radek"])]
    );
    assert_eq!(
        rows("Стоят: Смилга, Радек и др."),
        vec![row("Стоят", &["Смилга", "Радек"])]
    );
}

#[test]
fn placeholders_are_told_from_names() {
    for placeholder in [
        "unidentified",
        "Unknown",
        "unknown man",
        "unidentified woman",
        "(unidentified)",
        "?",
        "неизвестный",
        "Неизвестная",
        "not identified",
        "N.N.",
    ] {
        assert!(
            is_placeholder(placeholder),
            "{placeholder} is a placeholder"
        );
    }
    for name in [
        "Radek",
        "L. D. Trotsky",
        "Антонов-Овсеенко",
        "Known",
        "Drobnis (?)",
    ] {
        assert!(!is_placeholder(name), "{name} is a name");
    }
}
