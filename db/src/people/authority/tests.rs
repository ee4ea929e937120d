use super::*;
use crate::{
    error::Error,
    links::{self, LinkInput, LinkType},
    people::{self, names::Transliteration, PersonInput},
    records::{RecordKind, Target},
};

fn person(a: &mut Archive, name: &str) -> String {
    people::create(
        a,
        &PersonInput {
            display_name: name.into(),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap()
    .id
}

#[test]
fn relationships_read_from_both_sides() {
    let mut a = Archive::open_in_memory().unwrap();
    let (ivar, tatiana, voronsky, isaeva) = (
        person(&mut a, "Ivar Smilga"),
        person(&mut a, "Tatiana Smilga"),
        person(&mut a, "Alexander Voronsky"),
        person(&mut a, "Tatiana Isaeva"),
    );
    relate(
        &mut a,
        &ivar,
        RelationKind::ParentOf,
        &tatiana,
        "",
        Origin::Cli,
    )
    .unwrap();
    // Entered from the grandchild's side, stored once, read from both.
    relate(
        &mut a,
        &isaeva,
        RelationKind::GrandchildOf,
        &voronsky,
        "",
        Origin::Cli,
    )
    .unwrap();
    let of_ivar = relations(&a, &ivar).unwrap();
    assert_eq!(
        (of_ivar[0].kind, of_ivar[0].other.name.as_str()),
        (RelationKind::ParentOf, "Tatiana Smilga")
    );
    let of_tatiana = relations(&a, &tatiana).unwrap();
    assert_eq!(
        (of_tatiana[0].kind, of_tatiana[0].other.name.as_str()),
        (RelationKind::ChildOf, "Ivar Smilga")
    );
    assert_eq!(
        of_ivar[0].id, of_tatiana[0].id,
        "one relationship, two sides"
    );
    assert_eq!(
        relations(&a, &voronsky).unwrap()[0].kind,
        RelationKind::GrandparentOf
    );
    assert_eq!(
        relations(&a, &isaeva).unwrap()[0].kind,
        RelationKind::GrandchildOf
    );

    let err = relate(
        &mut a,
        &tatiana,
        RelationKind::ChildOf,
        &ivar,
        "",
        Origin::Cli,
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Invalid {
                field: "relationship",
                ..
            }
        ),
        "the same fact from the other side is a duplicate: {err}"
    );
    relate(
        &mut a,
        &tatiana,
        RelationKind::SiblingOf,
        &isaeva,
        "not really; a test",
        Origin::Cli,
    )
    .unwrap();
    let err = relate(
        &mut a,
        &isaeva,
        RelationKind::SiblingOf,
        &tatiana,
        "",
        Origin::Cli,
    )
    .unwrap_err();
    assert!(
        matches!(err, Error::Invalid { .. }),
        "symmetric relationships are stored once: {err}"
    );
    assert!(relate(
        &mut a,
        &ivar,
        RelationKind::SpouseOf,
        &ivar,
        "",
        Origin::Cli
    )
    .is_err());

    unrelate(&mut a, &of_ivar[0].id, Origin::Cli).unwrap();
    assert!(relations(&a, &tatiana)
        .unwrap()
        .iter()
        .all(|r| r.kind != RelationKind::ChildOf));
    let types = provenance::history(&a, &tatiana).unwrap().len();
    assert!(
        types >= 4,
        "the child's history shows the relationship made and removed too ({types} events)"
    );
}

#[test]
fn a_relationship_is_one_link_whichever_door_it_came_in_by() {
    let mut a = Archive::open_in_memory().unwrap();
    let (ivar, tatiana, radek, trotsky) = (
        person(&mut a, "Ivar Smilga"),
        person(&mut a, "Tatiana Smilga"),
        person(&mut a, "Karl Radek"),
        person(&mut a, "Leon Trotsky"),
    );
    let recorded = relate(
        &mut a,
        &tatiana,
        RelationKind::ChildOf,
        &ivar,
        "",
        Origin::Cli,
    )
    .unwrap();
    let at_ivar = links::of(&a, &ivar).unwrap();
    assert_eq!(at_ivar.len(), 1, "the authority's relationship is the link");
    assert_eq!(
        (at_ivar[0].link.id.as_str(), at_ivar[0].label.as_str()),
        (recorded.id.as_str(), "parent of")
    );

    // A link made among the links is a relationship on both people's pages.
    let link = links::create(
        &mut a,
        &LinkInput {
            link_type: LinkType::ColleagueOf,
            from: Target::record(RecordKind::Person, trotsky.clone()),
            to: Target::record(RecordKind::Person, radek.clone()),
            note: "the Left Opposition".into(),
        },
        Origin::Cli,
    )
    .unwrap();
    let of_radek = relations(&a, &radek).unwrap();
    assert_eq!(
        (
            of_radek[0].id.as_str(),
            of_radek[0].kind,
            of_radek[0].other.name.as_str(),
            of_radek[0].note.as_str()
        ),
        (
            link.id.as_str(),
            RelationKind::AssociateOf,
            "Leon Trotsky",
            "the Left Opposition"
        )
    );
    let again = relate(
        &mut a,
        &radek,
        RelationKind::AssociateOf,
        &trotsky,
        "",
        Origin::Cli,
    )
    .unwrap_err();
    assert!(
        matches!(again, Error::Invalid { .. }),
        "recorded already, from the other side: {again}"
    );

    unrelate(&mut a, &link.id, Origin::Cli).unwrap();
    assert!(
        links::of(&a, &trotsky).unwrap().is_empty(),
        "removed once, gone from both"
    );
    let mention = links::create(
        &mut a,
        &LinkInput {
            link_type: LinkType::RelatedTo,
            from: Target::record(RecordKind::Person, trotsky.clone()),
            to: Target::record(RecordKind::Person, radek.clone()),
            note: String::new(),
        },
        Origin::Cli,
    )
    .unwrap();
    assert!(
        relations(&a, &trotsky).unwrap().is_empty(),
        "a link that is no relationship stays a link"
    );
    assert!(matches!(
        unrelate(&mut a, &mention.id, Origin::Cli),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn variants_roles_and_identifiers() {
    let mut a = Archive::open_in_memory().unwrap();
    let trotsky = person(&mut a, "Leon Trotsky");
    let v = add_variant(
        &mut a,
        &trotsky,
        &NameVariantInput::new("Лев  Троцкий", VariantKind::Original),
        Origin::Cli,
    )
    .unwrap();
    assert_eq!(
        (v.name.as_str(), v.script),
        ("Лев Троцкий", Script::Cyrillic),
        "spaces folded, script detected"
    );
    let mut input = NameVariantInput::new("Trotzki", VariantKind::Transliteration);
    input.system = Some(Transliteration::German);
    add_variant(&mut a, &trotsky, &input, Origin::Cli).unwrap();
    assert!(
        add_variant(
            &mut a,
            &trotsky,
            &NameVariantInput::new("Trotzki", VariantKind::SourceSpelling),
            Origin::Cli
        )
        .is_err(),
        "no name twice"
    );
    assert!(
        add_variant(
            &mut a,
            &trotsky,
            &NameVariantInput::new("Leon Trotsky", VariantKind::Preferred),
            Origin::Cli
        )
        .is_err(),
        "the display name is not a variant"
    );
    let mut bad = NameVariantInput::new("Trockij", VariantKind::Misspelling);
    bad.system = Some(Transliteration::Iso9);
    assert!(matches!(
        add_variant(&mut a, &trotsky, &bad, Origin::Cli),
        Err(Error::Invalid {
            field: "system",
            ..
        })
    ));

    set_roles(
        &mut a,
        &trotsky,
        &[
            "Revolutionary".into(),
            " ".into(),
            "revolutionary".into(),
            "Writer".into(),
        ],
        Origin::Cli,
    )
    .unwrap();
    set_identifiers(
        &mut a,
        &trotsky,
        &[
            ExternalId {
                scheme: IdScheme::Wikidata,
                value: "https://www.wikidata.org/wiki/Q33391".into(),
                label: String::new(),
            },
            ExternalId {
                scheme: IdScheme::Viaf,
                value: "49225563".into(),
                label: String::new(),
            },
        ],
        Origin::Cli,
    )
    .unwrap();
    assert!(set_identifiers(
        &mut a,
        &trotsky,
        &[ExternalId {
            scheme: IdScheme::Wikidata,
            value: "Trotsky".into(),
            label: String::new()
        }],
        Origin::Cli
    )
    .is_err());
    let page = authority(&a, &trotsky).unwrap();
    assert_eq!(
        page.variants
            .iter()
            .map(|v| v.name.as_str())
            .collect::<Vec<_>>(),
        ["Лев Троцкий", "Trotzki"]
    );
    assert_eq!(page.variants[1].system, Some(Transliteration::German));
    assert_eq!(page.roles, ["Revolutionary", "Writer"]);
    assert_eq!(
        page.identifiers[1].value, "Q33391",
        "the address is reduced to the item"
    );
    assert!(
        provenance::history(&a, &trotsky).unwrap().len() >= 5,
        "every change is in the person's history"
    );

    // Variants are searchable.
    let hits = crate::search::search(
        &a,
        &crate::search::SearchQuery {
            text: "Trotzki".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        hits.iter().any(|h| h.record_id == trotsky),
        "a variant finds its person in search: {hits:?}"
    );
    remove_variant(&mut a, &page.variants[1].id, Origin::Cli).unwrap();
    let hits = crate::search::search(
        &a,
        &crate::search::SearchQuery {
            text: "Trotzki".into(),
            ..Default::default()
        },
    )
    .unwrap();
    // Every spelling of the name still finds him (search folds Trotzki to Trotsky), but
    // the removed variant is no longer in his entry.
    assert!(
        hits.iter().all(|h| !h.snippet.contains("Trotzki")),
        "a removed variant is gone from the index: {hits:?}"
    );
    assert_eq!(
        crate::search::index::disagreements(a.conn()).unwrap(),
        Vec::<String>::new()
    );
    let hits = crate::search::search(
        &a,
        &crate::search::SearchQuery {
            text: "Троцкий".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(hits.len(), 1, "the person is indexed once: {hits:?}");
    people::delete(&mut a, &trotsky, Origin::Cli).unwrap();
    let hits = crate::search::search(
        &a,
        &crate::search::SearchQuery {
            text: "Троцкий".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        hits.is_empty(),
        "a deleted person leaves the index with their variants: {hits:?}"
    );
}

#[test]
fn scripts_are_detected() {
    assert_eq!(Script::detect("Серебряков"), Script::Cyrillic);
    assert_eq!(Script::detect("Serebri͡akov"), Script::Latin);
    assert_eq!(Script::detect("Preobraženskij"), Script::Latin);
    assert_eq!(Script::detect("טרוצקי"), Script::Other);
}
