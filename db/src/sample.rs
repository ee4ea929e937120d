//! The sample archive: the four interviews with descendants of Soviet Left Oppositionists that
//! the project started from, their families, and the people of the 1927 group photo.
//! Facts only (names, dates, relationships); the interview texts are not reproduced.

use crate::{
    archive::Archive,
    collection::{self, CollectionInput},
    error::{Error, Result},
    interview::{self, InterviewInput, InterviewStatus},
    people::{self, PersonInput},
    provenance::Origin,
};

/// A person of the sample: display name, birth, death, note.
struct SamplePerson {
    name: &'static str,
    born: Option<&'static str>,
    died: Option<&'static str>,
    note: &'static str,
}

const fn p(name: &'static str, born: Option<&'static str>, died: Option<&'static str>, note: &'static str) -> SamplePerson {
    SamplePerson { name, born, died, note }
}

/// Everyone the sample knows, narrators first.
const PEOPLE: &[SamplePerson] = &[
    p("Tatiana Smilga", None, None, "Daughter of Ivar Smilga; born shortly after the October Revolution."),
    p("Yuri Primakov", None, None, "Son of Vitali Primakov; born shortly after the October Revolution."),
    p("Zorya Serebryakova", None, None, "Daughter of Leonid Serebryakov; born shortly after the October Revolution. Spelled \"Serebrayakova\" once in the source article."),
    p("Tatiana Isaeva", None, None, "Granddaughter of Alexander Voronsky; born after the Second World War."),
    p("Ivar Smilga", Some("1892"), Some("1937"), "Bolshevik, Left Oppositionist; father of Tatiana Smilga."),
    p("Vitali Primakov", Some("1897"), Some("1937"), "Red Army commander, Left Oppositionist; father of Yuri Primakov."),
    p("Leonid Serebryakov", Some("1888"), Some("1937"), "Left Oppositionist; father of Zorya Serebryakova. Sitting, first from left, in the 1927 group photo."),
    p("Alexander Voronsky", Some("1884"), Some("1937"), "Marxist literary critic and editor, Left Oppositionist; grandfather of Tatiana Isaeva. Also spelled Aleksandr Voronsky."),
    p("Karl Radek", Some("1885"), Some("1939"), "In the 1927 group photo, sitting."),
    p("Leon Trotsky", Some("1879"), Some("1940"), "Founded the Left Opposition in October 1923. In the 1927 group photo, sitting."),
    p("Mikhail Boguslavsky", Some("1886"), Some("1937"), "In the 1927 group photo, sitting."),
    p("Yevgeni Preobrazhensky", Some("1886"), Some("1937"), "In the 1927 group photo, sitting."),
    p("Christian Rakovsky", Some("1873"), Some("1941"), "In the 1927 group photo, standing."),
    p("Yakov Drobnis", Some("1890"), Some("1937"), "In the 1927 group photo, standing."),
    p("Alexander Beloborodov", Some("1891"), Some("1938"), "In the 1927 group photo, standing."),
    p("Lev Sosnovsky", Some("1886"), Some("1937"), "In the 1927 group photo, standing."),
    p("Adolph Joffe", Some("1883"), Some("1927"), "Left Oppositionist; father of Nadezhda Joffe. Also spelled Ioffe."),
    p("Nadezhda Joffe", None, None, "Daughter of Adolph Joffe."),
    p("Vadim Rogovin", Some("1937"), Some("1998"), "Sociologist; author of a seven-volume history of the Left Opposition."),
    p("Vladimir Antonov-Ovseenko", None, None, "Left Oppositionist."),
    p("Nikolai Muralov", None, None, "Left Oppositionist."),
    p("Ivan Smirnov", None, None, "Left Oppositionist, cited as I.N. Smirnov."),
    p("Leon Sedov", None, None, "Son of Leon Trotsky; a defendant in absentia in the Moscow Trials."),
];

/// The four interviews: title, narrator, day of publication in February, summary.
const INTERVIEWS: &[(&str, &str, &str)] = &[
    ("Tatiana Smilga", "25", "Tatiana Smilga, daughter of the Left Oppositionist Ivar Smilga, remembers the 1920s and her family's fate under Stalin."),
    ("Yuri Primakov", "26", "Yuri Primakov, son of the Red Army commander Vitali Primakov, on his father and the Left Opposition."),
    ("Zorya Serebryakova", "27", "Zorya Serebryakova, daughter of Leonid Serebryakov, on her father and on restoring the historical truth."),
    ("Tatiana Isaeva", "28", "Tatiana Isaeva, granddaughter of the literary critic Alexander Voronsky, on her grandfather and her parents."),
];

/// The title of the sample's collection.
pub const COLLECTION_TITLE: &str = "Children of the Left Opposition";

/// Fills an empty archive with the sample. Refused when the archive already has interviews, so
/// that nothing is added twice.
pub fn build(archive: &mut Archive) -> Result<()> {
    let existing: i64 = archive.conn().query_row("SELECT count(*) FROM interviews", [], |r| r.get(0))?;
    if existing > 0 {
        return Err(Error::InUse(format!(
            "this archive already holds {existing} interviews; the sample is only added to an empty archive"
        )));
    }
    let origin = Origin::Sample;
    archive.write(|w| {
        let collection = collection::insert(
            w,
            &CollectionInput {
                title: COLLECTION_TITLE.into(),
                description: "Interviews with three children of Soviet Left Oppositionists and with the granddaughter of Alexander Voronsky, published online on 25-28 February.".into(),
            },
            origin,
        )?;
        let mut ids = std::collections::HashMap::new();
        for person in PEOPLE {
            let created = people::insert(
                w,
                &PersonInput {
                    display_name: person.name.into(),
                    birth_date: person.born.map(Into::into),
                    death_date: person.died.map(Into::into),
                    note: person.note.into(),
                    ..Default::default()
                },
                origin,
            )?;
            ids.insert(person.name, created.id);
        }
        for (narrator, day, summary) in INTERVIEWS {
            interview::insert(
                w,
                &InterviewInput {
                    title: format!("Interview with {narrator}"),
                    collection_id: Some(collection.id.clone()),
                    // The year of the interviews is not given in the source; the 2010s are.
                    date: Some("201X".into()),
                    place: String::new(),
                    languages: vec!["ru".into(), "en".into()],
                    summary: format!("{summary} Published online on {day} February."),
                    duration_ms: None,
                    status: InterviewStatus::Published,
                    narrator_ids: vec![ids[narrator].clone()],
                    interviewer_ids: Vec::new(),
                },
                origin,
            )?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::InterviewFilter;

    #[test]
    fn the_sample_has_four_interviews_with_their_narrators_and_the_photo_people() {
        let mut a = Archive::open_in_memory().unwrap();
        build(&mut a).unwrap();
        let interviews = interview::list(&a, &InterviewFilter::default()).unwrap();
        let narrators: Vec<&str> = interviews.iter().flat_map(|i| i.narrators.iter().map(|n| n.name.as_str())).collect();
        assert_eq!(narrators.len(), 4);
        for name in ["Tatiana Smilga", "Yuri Primakov", "Zorya Serebryakova", "Tatiana Isaeva"] {
            assert!(narrators.contains(&name), "{name} narrates one of the sample interviews");
        }
        let people: Vec<String> = people::list(&a).unwrap().into_iter().map(|p| p.display_name).collect();
        for family in ["Serebryakov", "Radek", "Trotsky", "Boguslavsky", "Preobrazhensky", "Rakovsky", "Drobnis", "Beloborodov", "Sosnovsky", "Smilga", "Primakov", "Voronsky"] {
            assert!(people.iter().any(|p| p.ends_with(family)), "{family} is in the sample");
        }
    }

    #[test]
    fn the_sample_is_not_added_twice() {
        let mut a = Archive::open_in_memory().unwrap();
        build(&mut a).unwrap();
        assert!(matches!(build(&mut a), Err(Error::InUse(_))));
        assert_eq!(interview::list(&a, &InterviewFilter::default()).unwrap().len(), 4);
    }
}
