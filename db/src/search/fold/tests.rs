use super::*;

fn names_of(word: &str) -> Vec<String> {
    name_terms(word)
}

fn meets(a: &str, b: &str) -> bool {
    let (qa, qb) = (name_terms(a), name_terms(b));
    qa.iter().any(|t| qb.contains(t))
}

#[test]
fn every_romanization_and_case_form_of_a_name_meets() {
    // ALA-LC (with and without its tie bar and breve), BGN/PCGN, ISO 9, scholarly, German,
    // French and the English press.
    for spelling in [
        "Trotsky",
        "Trotskii",
        "Trot͡skiĭ",
        "Trotskiy",
        "Trotskij",
        "Trockij",
        "Trotzki",
        "Trotski",
        "Троцкий",
        "Троцким",
        "Троцкого",
        "Троцкому",
        "ТРОЦКИЙ",
    ] {
        assert!(
            meets("Trotsky", spelling),
            "{spelling}: {:?}",
            names_of(spelling)
        );
        assert!(meets("Троцкий", spelling), "{spelling}");
    }
    // German transcription: z for ц, ch for х, s for з.
    assert!(meets("Zechigow", "Цехигов"));
    assert!(meets("Sinowjew", "Зиновьев"));
    assert!(meets("Serebrjakow", "Серебряков"), "its own reading stays");
    // ISO 9 and scholarly c for ц before a vowel other than e and i.
    assert!(meets("Dâcakin", "Дяцакин"));
    assert!(meets("Cvetaeva", "Цветаева"));
    for spelling in [
        "Serebryakov",
        "Serebriakov",
        "Serebri͡akov",
        "Serebrjakov",
        "Serebrâkov",
        "Serebrjakow",
        "Sérébriakov",
        "Серебряков",
        "Серебрякова",
        "Серебряковым",
    ] {
        assert!(
            meets("Serebryakov", spelling),
            "{spelling}: {:?}",
            names_of(spelling)
        );
    }
    // The daughter is not the father: feminine forms meet each other only.
    assert!(meets("Serebryakova", "Серебрякову"));
    assert!(meets("Serebryakova", "Serebriakova"));
    assert!(!meets("Serebryakova", "Serebryakov"));
    assert!(!meets("Radek", "Trotsky"));
}

/// Made-up surnames from every consonant and vowel, in each romanization system and in
/// four case forms: any form, searched, meets every other form of the same name.
#[test]
fn every_form_of_made_up_surnames_meets_every_other() {
    let consonants: Vec<char> = "бвгдзклмнпрстфхцчшжщ".chars().collect();
    let vowels: Vec<char> = "аеиоуяыэю".chars().collect();
    let mut rng = fastrand::Rng::with_seed(11);
    let mut failures = Vec::new();
    for _ in 0..3000 {
        let (nominative, person) = crate::generate::made_up_person(&mut rng, &consonants, &vowels);
        let forms: Vec<String> = person.latin.into_iter().chain(person.cyrillic).collect();
        let terms: Vec<Vec<String>> = forms.iter().map(|f| names_of(f)).collect();
        for (a, ta) in forms.iter().zip(&terms) {
            for (b, tb) in forms.iter().zip(&terms) {
                if !ta.iter().any(|t| tb.contains(t)) {
                    failures.push(format!("{nominative}: {a} {ta:?} / {b} {tb:?}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} pairs apart, e.g.\n{}",
        failures.len(),
        failures[..failures.len().min(60)].join("\n")
    );
}

#[test]
fn the_transliteration_tables_give_index_terms_that_meet_the_cyrillic() {
    use names::Transliteration::*;
    for cyrillic in [
        "Троцкий",
        "Серебряков",
        "Воронский",
        "Смилга",
        "Иоффе",
        "Преображенский",
    ] {
        for system in [AlaLc, BgnPcgn, Iso9, Scholarly, German] {
            let latin = names::transliterate(cyrillic, system);
            assert!(
                meets(cyrillic, &latin),
                "{cyrillic} in {system:?} is {latin}: {:?} against {:?}",
                names_of(&latin),
                names_of(cyrillic)
            );
        }
    }
}

#[test]
fn inflections_share_a_stem_in_each_language() {
    for (a, b) in [
        ("arrest", "arrested"),
        ("arrest", "arrests"),
        ("arrests", "arresting"),
    ] {
        assert_eq!(stem(a, "en"), stem(b, "en"), "{a} {b}");
    }
    for (a, b) in [
        ("арестовать", "арестовали"),
        ("тюрьма", "тюрьмы"),
        ("тюрьма", "тюрьме"),
        ("ссылка", "ссылке"),
    ] {
        assert_eq!(stem(a, "ru"), stem(b, "ru"), "{a} {b}");
    }
    assert_eq!(stem("arrêter", "fr"), stem("arrêté", "fr"));
    assert_ne!(stem("arrest", "en"), stem("rest", "en"));
}

#[test]
fn a_capitalised_cyrillic_word_in_a_sentence_is_a_name_not_a_stem() {
    let text = "Мы знали Иванова. Иван пришёл.";
    let t = tokens(text);
    let ivanova = word_terms(&t[2], "ru", Reading::Prose);
    let ivan = word_terms(&t[3], "ru", Reading::Prose);
    assert_eq!(ivanova.stem, "иванова", "not stemmed into Иван");
    assert!(t[3].sentence_start);
    assert_ne!(ivanova.stem, ivan.stem);
    assert!(!ivan.names.iter().any(|n| ivanova.names.contains(n)));
}

#[test]
fn a_word_with_digits_is_no_name() {
    assert!(name_terms("S1").is_empty());
    assert!(name_terms("Tape2").is_empty());
    assert!(!name_terms("Trotsky").is_empty());
}

#[test]
fn folding_keeps_case_and_diacritics_apart_from_spelling() {
    let a = index_text("Naïve ТРОЦКИЙ, Smilga's", "en", Reading::Prose);
    assert_eq!(a.exact, "naive троцкии smilga s");
}
