use super::*;

#[test]
fn sort_names_are_family_first() {
    assert_eq!(default_sort_name("Tatiana Smilga"), "Smilga, Tatiana");
    assert_eq!(
        default_sort_name("Vladimir Antonov-Ovseenko"),
        "Antonov-Ovseenko, Vladimir"
    );
    assert_eq!(default_sort_name("Trotsky"), "Trotsky");
    assert_eq!(
        default_sort_name("Ivar Tenisovich Smilga"),
        "Smilga, Ivar Tenisovich"
    );
}

#[test]
fn a_person_round_trips_and_bad_dates_are_refused() {
    let mut a = Archive::open_in_memory().unwrap();
    let p = create(
        &mut a,
        &PersonInput {
            display_name: " Ivar  Smilga ".into(),
            birth_date: Some("1892".into()),
            death_date: Some("1937-01-10".into()),
            ..Default::default()
        },
        Origin::Cli,
    )
    .unwrap();
    assert_eq!(p.display_name, "Ivar Smilga");
    assert_eq!(p.sort_name, "Smilga, Ivar");
    assert_eq!(get(&a, &p.id).unwrap(), p);
    let err = update(
        &mut a,
        &p.id,
        &PersonInput {
            display_name: "Ivar Smilga".into(),
            birth_date: Some("in the 1890s".into()),
            ..Default::default()
        },
        Origin::Window,
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Invalid {
                field: "birth date",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        get(&a, &p.id).unwrap().birth_date.as_deref(),
        Some("1892"),
        "a refused edit changes nothing"
    );
}

#[test]
fn an_unchanged_save_logs_nothing() {
    let mut a = Archive::open_in_memory().unwrap();
    let input = PersonInput {
        display_name: "Karl Radek".into(),
        ..Default::default()
    };
    let p = create(&mut a, &input, Origin::Cli).unwrap();
    update(&mut a, &p.id, &input, Origin::Window).unwrap();
    assert_eq!(
        provenance::history(&a, &p.id).unwrap().len(),
        1,
        "saving without a change is not an event"
    );
}

#[test]
fn many_people_are_read_together_in_the_order_asked_as_get_reads_each() {
    let mut a = Archive::open_in_memory().unwrap();
    let mut made = Vec::new();
    for name in ["Karl Radek", "Ivar Smilga", "Larisa Reisner"] {
        let input = PersonInput {
            display_name: name.into(),
            ..Default::default()
        };
        made.push(create(&mut a, &input, Origin::Cli).unwrap());
    }
    let (radek, smilga, reisner) = (&made[0], &made[1], &made[2]);
    merge::merge(&mut a, &radek.id, &reisner.id, Origin::Cli).unwrap();
    let asked = [smilga.id.clone(), reisner.id.clone(), smilga.id.clone()];
    let read = many(a.conn(), &asked).unwrap();
    let each: Vec<Person> = asked.iter().map(|id| get(&a, id).unwrap()).collect();
    assert_eq!(read, each);
    assert_eq!(
        read[1].id, radek.id,
        "an id merged away finds the person kept"
    );
    let unknown = ids::new_id();
    assert!(
        matches!(
            many(a.conn(), &[smilga.id.clone(), unknown]),
            Err(Error::NotFound { kind: KIND, .. })
        ),
        "an id of no one is not found"
    );
}
