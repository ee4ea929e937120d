use super::*;
use crate::{
    collection::{self, CollectionInput},
    records::RecordKind,
};

fn rogovin() -> SourceFields {
    SourceFields {
        source_type: SourceType::Book,
        title: "Stalin’s Terror of 1937-1938. Political Genocide in the USSR".into(),
        authors: vec!["Vadim Z. Rogovin".into()],
        publisher: "Mehring Books".into(),
        date: Some("2009".into()),
        ..Default::default()
    }
}

#[test]
fn a_citation_quoted_from_another_work_reads_like_the_footnote() {
    let mut a = Archive::open_in_memory().unwrap();
    let book = create(&mut a, &rogovin(), Origin::Cli).unwrap();
    assert_eq!(book.reference, "Vadim Z. Rogovin: Stalin’s Terror of 1937-1938. Political Genocide in the USSR, Mehring Books 2009");
    let article = create(
        &mut a,
        &SourceFields {
            source_type: SourceType::Article,
            title:
                "Does the Soviet Government Still Follow the Principles Adopted Twenty Years Ago?"
                    .into(),
            authors: vec!["L. D. Trotsky".into()],
            container_title: "Biulleten’ oppozitsii".into(),
            issue: "66-67".into(),
            date: Some("1938".into()),
            language: "RU".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let c = collection::create(
        &mut a,
        &CollectionInput {
            title: "Children of the Left Opposition".into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    let target = Target::record(RecordKind::Collection, c.id.clone());
    cite(
        &mut a,
        &CitationInput {
            source_id: article.id.clone(),
            target,
            locator: "p. 21".into(),
            quoted_in_id: Some(book.id.clone()),
            quoted_in_locator: "p. 186".into(),
            note: "translation quoted from".into(),
        },
        Origin::Cli,
    )
    .unwrap();
    let views = citations_of(&a, &c.id).unwrap();
    assert_eq!(
            views[0].text,
            "L. D. Trotsky: “Does the Soviet Government Still Follow the Principles Adopted Twenty Years Ago?”; in: Biulleten’ oppozitsii, No. 66-67 (1938), p. 21; translation quoted from Vadim Z. Rogovin: Stalin’s Terror of 1937-1938. Political Genocide in the USSR, Mehring Books 2009, p. 186."
        );
    assert_eq!(
        citing(&a, &book.id).unwrap().len(),
        1,
        "a work quoted from is cited too"
    );
    assert!(
        matches!(delete(&mut a, &book.id, Origin::Cli), Err(Error::InUse(_))),
        "a cited source stays"
    );
    uncite(&mut a, &views[0].citation.id, Origin::Cli).unwrap();
    delete(&mut a, &book.id, Origin::Cli).unwrap();
    assert_eq!(
        provenance::history(&a, &c.id).unwrap().len(),
        3,
        "the collection's history shows the citation and its removal"
    );
}

#[test]
fn a_source_needs_a_title_and_valid_dates() {
    let mut a = Archive::open_in_memory().unwrap();
    assert!(matches!(
        create(&mut a, &SourceFields::default(), Origin::Cli),
        Err(Error::Invalid { field: "title", .. })
    ));
    let bad = SourceFields {
        date: Some("Fall 1992".into()),
        ..rogovin()
    };
    assert!(matches!(
        create(&mut a, &bad, Origin::Cli),
        Err(Error::Invalid { field: "date", .. })
    ));
    let web = create(
        &mut a,
        &SourceFields {
            source_type: SourceType::WebPage,
            title: "Memorial".into(),
            url: "https://example.org/".into(),
            accessed: Some("2024-05-01".into()),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    assert_eq!(
        web.reference, "Memorial, https://example.org/ (accessed 2024-05-01)",
        "a URL is kept as text, nothing fetched"
    );
}
