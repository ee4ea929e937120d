//! The sample archive: the four interviews with descendants of Soviet Left Oppositionists that
//! the project started from, their families, and the people of the 1927 group photo.
//! Facts only (names, dates, relationships); the interview texts are not reproduced.
//!
//! The people come with their names in Cyrillic and in the transliterations and misspellings
//! met in sources, and with their family relationships. The 1927 group photo is a generated
//! placeholder (see [`placeholder`]), clearly labelled as one, with the published caption
//! parsed and its nine names identified and placed. An archive in memory has no media folder,
//! so it gets no photo and no recording; everything else is the same.
//!
//! Beside the four, a demonstration interview with a fictional narrator ([`demo`]) has a
//! recording, a transcript and its translation, index points, a tagged passage and a sealed
//! one, so that every part of the window has something to show on first run.

pub mod demo;
mod placeholder;

use std::collections::HashMap;

use crate::{
    archive::{Archive, Writer},
    collection::{self, CollectionInput},
    error::{Error, Result},
    interview::{self, InterviewInput, InterviewStatus},
    links::{self, LinkInput, LinkType},
    people::{
        self,
        authority::{self as person_authority, NameVariantInput, RelationKind, VariantKind},
        names::Transliteration,
        PersonInput,
    },
    photo::{
        self, import::Inspected, CaptionInput, CaptionKind, Identification, ImportPhotosOptions,
        PhotoInput,
    },
    provenance::Origin,
    records::{RecordKind, Target},
    sources::{self, CitationInput, SourceFields, SourceType},
    store,
    tags::{self, Label, TagInput},
};

/// A person of the sample: display name, birth, death, note.
struct SamplePerson {
    name: &'static str,
    born: Option<&'static str>,
    died: Option<&'static str>,
    note: &'static str,
}

const fn p(
    name: &'static str,
    born: Option<&'static str>,
    died: Option<&'static str>,
    note: &'static str,
) -> SamplePerson {
    SamplePerson {
        name,
        born,
        died,
        note,
    }
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

/// A name variant of the sample: the name, what it is, the transliteration system if any, and
/// the source it is found in if any.
type SampleVariant = (
    &'static str,
    VariantKind,
    Option<Transliteration>,
    &'static str,
);

const ORIGINAL: VariantKind = VariantKind::Original;
const TRANSLIT: VariantKind = VariantKind::Transliteration;
const SOURCE: VariantKind = VariantKind::SourceSpelling;
const ARTICLE: &str = "the source article";

/// Other names of the sample's people: the Russian original and the spellings met in print.
const VARIANTS: &[(&str, &[SampleVariant])] = &[
    (
        "Tatiana Smilga",
        &[
            ("Татьяна Иваровна Смилга", ORIGINAL, None, ""),
            (
                "Tatyana Smilga",
                TRANSLIT,
                Some(Transliteration::BgnPcgn),
                "",
            ),
        ],
    ),
    (
        "Yuri Primakov",
        &[
            ("Юрий Витальевич Примаков", ORIGINAL, None, ""),
            ("Iurii Primakov", TRANSLIT, None, ""),
        ],
    ),
    (
        "Zorya Serebryakova",
        &[
            ("Зоря Леонидовна Серебрякова", ORIGINAL, None, ""),
            ("Zoria Serebriakova", TRANSLIT, None, ""),
            (
                "Zorya Serebrayakova",
                VariantKind::Misspelling,
                None,
                ARTICLE,
            ),
        ],
    ),
    (
        "Tatiana Isaeva",
        &[
            ("Татьяна Исаева", ORIGINAL, None, ""),
            (
                "Tatyana Isayeva",
                TRANSLIT,
                Some(Transliteration::BgnPcgn),
                "",
            ),
        ],
    ),
    (
        "Ivar Smilga",
        &[("Ивар Тенисович Смилга", ORIGINAL, None, "")],
    ),
    (
        "Vitali Primakov",
        &[
            ("Виталий Маркович Примаков", ORIGINAL, None, ""),
            ("Vitaly Primakov", TRANSLIT, None, ""),
        ],
    ),
    (
        "Leonid Serebryakov",
        &[
            ("Леонид Петрович Серебряков", ORIGINAL, None, ""),
            ("Leonid Serebriakov", TRANSLIT, None, ""),
            (
                "Leonid Serebrjakov",
                TRANSLIT,
                Some(Transliteration::Scholarly),
                "",
            ),
            (
                "Leonid Serebrjakow",
                TRANSLIT,
                Some(Transliteration::German),
                "",
            ),
        ],
    ),
    (
        "Alexander Voronsky",
        &[
            ("Александр Константинович Воронский", ORIGINAL, None, ""),
            ("Aleksandr Voronsky", SOURCE, None, ARTICLE),
            ("Aleksandr Voronskii", TRANSLIT, None, ""),
            (
                "Alexander Woronski",
                TRANSLIT,
                Some(Transliteration::German),
                "",
            ),
        ],
    ),
    (
        "Karl Radek",
        &[("Карл Бернгардович Радек", ORIGINAL, None, "")],
    ),
    (
        "Leon Trotsky",
        &[
            ("Лев Давидович Троцкий", ORIGINAL, None, ""),
            ("Lev Trotskii", TRANSLIT, None, ""),
            ("Lev Trotskiy", TRANSLIT, Some(Transliteration::BgnPcgn), ""),
            ("Lew Trotzki", TRANSLIT, Some(Transliteration::German), ""),
        ],
    ),
    (
        "Mikhail Boguslavsky",
        &[
            ("Михаил Соломонович Богуславский", ORIGINAL, None, ""),
            ("Mikhail Boguslavskii", TRANSLIT, None, ""),
        ],
    ),
    (
        "Yevgeni Preobrazhensky",
        &[
            ("Евгений Алексеевич Преображенский", ORIGINAL, None, ""),
            ("Evgenii Preobrazhenskii", TRANSLIT, None, ""),
        ],
    ),
    (
        "Christian Rakovsky",
        &[
            ("Христиан Георгиевич Раковский", ORIGINAL, None, ""),
            ("Khristian Rakovskii", TRANSLIT, None, ""),
        ],
    ),
    (
        "Yakov Drobnis",
        &[("Яков Наумович Дробнис", ORIGINAL, None, "")],
    ),
    (
        "Alexander Beloborodov",
        &[("Александр Георгиевич Белобородов", ORIGINAL, None, "")],
    ),
    (
        "Lev Sosnovsky",
        &[
            ("Лев Семёнович Сосновский", ORIGINAL, None, ""),
            ("Lev Sosnovskii", TRANSLIT, None, ""),
        ],
    ),
    (
        "Adolph Joffe",
        &[
            ("Адольф Абрамович Иоффе", ORIGINAL, None, ""),
            ("Adolf Ioffe", TRANSLIT, None, ""),
        ],
    ),
    (
        "Nadezhda Joffe",
        &[
            ("Надежда Адольфовна Иоффе", ORIGINAL, None, ""),
            ("Nadezhda Ioffe", TRANSLIT, None, ""),
        ],
    ),
    (
        "Vadim Rogovin",
        &[("Вадим Захарович Роговин", ORIGINAL, None, "")],
    ),
    (
        "Vladimir Antonov-Ovseenko",
        &[(
            "Владимир Александрович Антонов-Овсеенко",
            ORIGINAL,
            None,
            "",
        )],
    ),
    (
        "Nikolai Muralov",
        &[("Николай Иванович Муралов", ORIGINAL, None, "")],
    ),
    (
        "Ivan Smirnov",
        &[
            ("Иван Никитич Смирнов", ORIGINAL, None, ""),
            ("I. N. Smirnov", SOURCE, None, ARTICLE),
        ],
    ),
    ("Leon Sedov", &[("Лев Львович Седов", ORIGINAL, None, "")]),
];

/// Roles, for the people whose role the source names.
const ROLES: &[(&str, &[&str])] = &[
    ("Vitali Primakov", &["Red Army commander"]),
    ("Alexander Voronsky", &["Literary critic", "Editor"]),
    ("Vadim Rogovin", &["Sociologist", "Historian"]),
];

/// Family relationships: (person, relationship, other).
const RELATIONSHIPS: &[(&str, RelationKind, &str)] = &[
    ("Ivar Smilga", RelationKind::ParentOf, "Tatiana Smilga"),
    ("Vitali Primakov", RelationKind::ParentOf, "Yuri Primakov"),
    (
        "Leonid Serebryakov",
        RelationKind::ParentOf,
        "Zorya Serebryakova",
    ),
    (
        "Alexander Voronsky",
        RelationKind::GrandparentOf,
        "Tatiana Isaeva",
    ),
    ("Adolph Joffe", RelationKind::ParentOf, "Nadezhda Joffe"),
    ("Leon Trotsky", RelationKind::ParentOf, "Leon Sedov"),
];

/// The caption of the 1927 group photo, as published.
pub const GROUP_PHOTO_CAPTION: &str = "Members of the Left Opposition in 1927. Sitting (left to right): Serebryakov, Radek, Trotsky, Boguslavsky and Preobrazhensky. Standing (left to right): Rakovsky, Drobnis, Beloborodov and Sosnovsky";

/// Who is who in the caption, row by row, left to right.
const GROUP_PHOTO_PEOPLE: [&[&str]; 2] = [
    &[
        "Leonid Serebryakov",
        "Karl Radek",
        "Leon Trotsky",
        "Mikhail Boguslavsky",
        "Yevgeni Preobrazhensky",
    ],
    &[
        "Christian Rakovsky",
        "Yakov Drobnis",
        "Alexander Beloborodov",
        "Lev Sosnovsky",
    ],
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
    let existing: i64 = archive
        .conn()
        .query_row("SELECT count(*) FROM interviews", [], |r| r.get(0))?;
    if existing > 0 {
        return Err(Error::InUse(format!(
            "this archive already holds {existing} interviews; the sample is only added to an empty archive"
        )));
    }
    let origin = Origin::Sample;
    // The image goes into the media folder first; it is removed again unless the records that
    // point at it are committed.
    let mut image = match archive.media_dir() {
        Some(dir) => Some(store::put_bytes(
            &dir,
            &placeholder::group_photo_jpeg().map_err(|e| Error::io(&dir, e))?,
            "jpg",
        )?),
        None => None,
    };
    let mut recording = match archive.media_dir() {
        Some(dir) => Some(store::put_bytes(&dir, &demo::recording_wav(), "wav")?),
        None => None,
    };
    let places = crate::media::Places::of(archive);
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
        add_authority(w, &ids)?;
        let mut interviews = HashMap::new();
        for (narrator, day, summary) in INTERVIEWS {
            let created = interview::insert(
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
            interviews.insert(*narrator, created.id);
        }
        if let Some(stored) = &image {
            add_group_photo(w, stored, &ids, &collection.id, &interviews["Zorya Serebryakova"])?;
        }
        let collection = Target::record(RecordKind::Collection, collection.id);
        cite_footnotes(w, &collection, origin)?;
        tag_and_link(w, &ids, &interviews, origin)?;
        demo::add(w, &places, recording.as_ref(), origin)?;
        Ok(())
    })?;
    for stored in [&mut image, &mut recording].into_iter().flatten() {
        stored.keep();
    }
    Ok(())
}

/// Name variants, roles and family relationships of the sample's people.
fn add_authority(w: &Writer<'_>, ids: &HashMap<&str, String>) -> Result<()> {
    let key = |name: &str| people::key(w, &ids[name]);
    for (name, variants) in VARIANTS {
        let person = key(name)?;
        for (variant, kind, system, source) in variants.iter() {
            let mut input = NameVariantInput::new(variant, *kind);
            input.system = *system;
            input.source = (*source).to_owned();
            person_authority::insert_variant(w, person, &input)?;
        }
    }
    for (name, roles) in ROLES {
        person_authority::write_roles(
            w,
            key(name)?,
            &roles.iter().map(|r| (*r).to_owned()).collect::<Vec<_>>(),
        )?;
    }
    for (person, kind, other) in RELATIONSHIPS {
        person_authority::insert_relationship(
            w,
            key(person)?,
            *kind,
            key(other)?,
            "",
            Origin::Sample,
        )?;
    }
    Ok(())
}

/// The placeholder for the 1927 group photo, its caption, and its nine people identified and
/// placed at the figures drawn for them.
fn add_group_photo(
    w: &Writer<'_>,
    stored: &store::Stored,
    ids: &HashMap<&str, String>,
    collection_id: &str,
    interview_id: &str,
) -> Result<()> {
    let origin = Origin::Sample;
    let image = Inspected {
        file: "left-opposition-1927-placeholder.jpg".into(),
        name: "left-opposition-1927-placeholder.jpg".into(),
        format: image::ImageFormat::Jpeg,
        width: placeholder::WIDTH,
        height: placeholder::HEIGHT,
        exif_date: None,
        exif_camera: None,
    };
    let options = ImportPhotosOptions {
        collection_id: Some(collection_id.to_owned()),
        interview_id: Some(interview_id.to_owned()),
    };
    let created = photo::import::insert(w, &image, stored, &options, origin)?;
    photo::update_with(
        w,
        &created.id,
        &PhotoInput {
            date: Some("1927".into()),
            place: String::new(),
            creator: "Generated placeholder, not the historical photograph".into(),
            source: "Drawn by Recollect's sample archive in place of the group photo printed with the source article".into(),
            rights: "The generated image may be used freely; the historical photograph is not included".into(),
            note: format!(
                "PLACEHOLDER. This image was generated by Recollect; it is not the 1927 photograph of the Left Opposition and \
                 shows no real person. Nine plain silhouettes stand where the caption's people would be, so that the caption's \
                 rows can be identified and placed. The image itself says \"{}\". Replace it with a scan of the original.",
                placeholder::LABEL
            ),
        },
        origin,
    )?;
    let caption = photo::insert_caption(
        w,
        &created.id,
        &CaptionInput {
            kind: CaptionKind::Published,
            language: "en".into(),
            text: GROUP_PHOTO_CAPTION.into(),
        },
        origin,
    )?;
    for (row, position, rect) in placeholder::figure_regions() {
        let name = GROUP_PHOTO_PEOPLE[row as usize][position as usize];
        photo::region::confirm_with(
            w,
            &created.id,
            &Identification {
                caption_id: caption.id.clone(),
                row,
                position,
                person_id: Some(ids[name].clone()),
                rect: Some(rect),
            },
            origin,
        )?;
    }
    Ok(())
}

/// The three footnotes of the article that introduced the interviews, cited from the
/// collection, whose description is that introduction's summary.
fn cite_footnotes(w: &Writer<'_>, collection: &Target, origin: Origin) -> Result<()> {
    let biulleten = "Biulleten’ oppozitsii";
    let north = sources::insert(
        w,
        &SourceFields {
            source_type: SourceType::Report,
            title: "After the Demise of the USSR: The Struggle for Marxism and the Tasks of the Fourth International".into(),
            authors: vec!["David North".into()],
            description: "Report to the 12th Plenum of the ICFI, March 11, 1992".into(),
            container_title: "Fourth International".into(),
            volume: "19".into(),
            issue: "1".into(),
            date: Some("1992".into()),
            date_text: "Fall-Winter 1992".into(),
            language: "en".into(),
            ..Default::default()
        },
        origin,
    )?;
    let rogovin = sources::insert(
        w,
        &SourceFields {
            source_type: SourceType::Book,
            title: "Stalin’s Terror of 1937-1938. Political Genocide in the USSR".into(),
            authors: vec!["Vadim Z. Rogovin".into()],
            publisher: "Mehring Books".into(),
            date: Some("2009".into()),
            language: "en".into(),
            ..Default::default()
        },
        origin,
    )?;
    let principles = sources::insert(
        w,
        &SourceFields {
            source_type: SourceType::Article,
            title:
                "Does the Soviet Government Still Follow the Principles Adopted Twenty Years Ago?"
                    .into(),
            authors: vec!["L. D. Trotsky".into()],
            container_title: biulleten.into(),
            issue: "66-67".into(),
            date: Some("1938".into()),
            language: "ru".into(),
            ..Default::default()
        },
        origin,
    )?;
    let verdict = sources::insert(
        w,
        &SourceFields {
            source_type: SourceType::Article,
            title: "Verdict of the International Commission on the Moscow Trials".into(),
            container_title: biulleten.into(),
            issue: "62-63".into(),
            date: Some("1938".into()),
            language: "ru".into(),
            note: "No author indicated.".into(),
            ..Default::default()
        },
        origin,
    )?;
    let cite = |source: &str, locator: &str, quoted_in: Option<(&str, &str)>| CitationInput {
        source_id: source.to_owned(),
        target: collection.clone(),
        locator: locator.into(),
        quoted_in_id: quoted_in.map(|(id, _)| id.to_owned()),
        quoted_in_locator: quoted_in.map(|(_, at)| at.to_owned()).unwrap_or_default(),
        note: if quoted_in.is_some() {
            "translation quoted from".into()
        } else {
            String::new()
        },
    };
    sources::cite_with(w, &cite(&north.id, "p. 68", None), origin)?;
    sources::cite_with(
        w,
        &cite(&principles.id, "p. 21", Some((&rogovin.id, "p. 186"))),
        origin,
    )?;
    sources::cite_with(
        w,
        &cite(&verdict.id, "pp. 1-2", Some((&rogovin.id, "p. 345"))),
        origin,
    )?;
    Ok(())
}

/// A small vocabulary put on the interviews and people, and the families' relationships.
fn tag_and_link(
    w: &Writer<'_>,
    people: &HashMap<&str, String>,
    interviews: &HashMap<&str, String>,
    origin: Origin,
) -> Result<()> {
    let label = |label: &str, language: &str| Label {
        label: label.into(),
        language: language.into(),
    };
    let left = tags::insert(
        w,
        &TagInput {
            label: "Left Opposition".into(),
            language: "en".into(),
            alt_labels: vec![label("Левая оппозиция", "ru")],
            scope_note: "The opposition in the Bolshevik party that Leon Trotsky founded in October 1923, and its members.".into(),
            broader_id: None,
        },
        origin,
    )?;
    let trials = tags::insert(
        w,
        &TagInput {
            label: "Moscow Trials".into(),
            language: "en".into(),
            alt_labels: vec![label("Московские процессы", "ru")],
            scope_note:
                "The show trials from August 1936 of the former leaders of the October Revolution."
                    .into(),
            broader_id: Some(left.id.clone()),
        },
        origin,
    )?;
    let exile = tags::insert(
        w,
        &TagInput {
            label: "Exile".into(),
            language: "en".into(),
            alt_labels: vec![label("Ссылка", "ru")],
            scope_note: "Banishment of Oppositionists to remote places or abroad.".into(),
            broader_id: Some(left.id.clone()),
        },
        origin,
    )?;
    let person = |name: &str| Target::record(RecordKind::Person, people[name].clone());
    for id in interviews.values() {
        tags::tag_with(
            w,
            &left.id,
            &Target::record(RecordKind::Interview, id.clone()),
            origin,
        )?;
    }
    for name in [
        "Leon Trotsky",
        "Ivar Smilga",
        "Leonid Serebryakov",
        "Vitali Primakov",
        "Alexander Voronsky",
    ] {
        tags::tag_with(w, &left.id, &person(name), origin)?;
    }
    for name in ["Leon Trotsky", "Leon Sedov"] {
        tags::tag_with(w, &trials.id, &person(name), origin)?;
    }
    tags::tag_with(w, &exile.id, &person("Leon Trotsky"), origin)?;
    // Each narrator speaks of the forebear the interview is about (the families themselves are
    // the people's relationships, recorded with the authority).
    for (forebear, _, narrator) in RELATIONSHIPS {
        if let Some(interview) = interviews.get(narrator) {
            links::insert(
                w,
                &LinkInput {
                    link_type: LinkType::Mentions,
                    from: Target::record(RecordKind::Interview, interview.clone()),
                    to: person(forebear),
                    note: String::new(),
                },
                origin,
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
