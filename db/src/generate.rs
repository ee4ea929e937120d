//! Synthetic archives for benchmarks and soak tests: many interviews with long transcripts of
//! realistic mixed Latin and Cyrillic text, reproducible from a seed.

use rusqlite::params;

use crate::{
    archive::{now, Archive},
    error::Result,
    ids,
    jobs::{JobContext, Progress},
    provenance::{self, EventType, Origin},
};

/// How big a synthetic archive to make.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    /// How many interviews.
    pub interviews: u32,
    /// How many segments each interview's transcript has.
    pub segments_per_interview: u32,
    /// The seed; the same seed gives the same archive.
    pub seed: u64,
}

// Word lists ordered from common to rare; words are drawn with a Zipf-like bias so that, as
// in real speech, a few words are in most segments and most words are in few.
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "of",
    "to",
    "was",
    "in",
    "a",
    "he",
    "my",
    "that",
    "we",
    "it",
    "father",
    "they",
    "with",
    "i",
    "had",
    "his",
    "were",
    "mother",
    "not",
    "on",
    "for",
    "party",
    "remember",
    "were",
    "after",
    "when",
    "all",
    "from",
    "years",
    "there",
    "then",
    "arrested",
    "letters",
    "family",
    "opposition",
    "moscow",
    "school",
    "camp",
    "exile",
    "war",
    "children",
    "house",
    "never",
    "told",
    "friends",
    "revolution",
    "books",
    "prison",
    "returned",
    "rehabilitation",
    "archive",
    "truth",
    "history",
    "kitchen",
    "apartment",
    "winter",
    "train",
    "station",
    "photograph",
    "teacher",
    "newspaper",
    "journal",
    "congress",
    "commissar",
    "commander",
    "regiment",
    "civil",
    "literary",
    "critic",
    "editor",
    "manuscript",
    "interrogation",
    "sentence",
    "verdict",
    "trial",
    "naïve",
    "café",
    "Kolyma",
    "Siberia",
    "Arbat",
    "Leningrad",
    "Kharkov",
    "Alma-Ata",
    "Vorkuta",
    "Magadan",
    "Butyrka",
    "Lubyanka",
    "samovar",
    "dacha",
    "memoirs",
    "pension",
    "certificate",
    "perestroika",
];
const RUSSIAN: &[&str] = &[
    "и",
    "в",
    "не",
    "он",
    "на",
    "я",
    "что",
    "мы",
    "с",
    "отец",
    "было",
    "они",
    "мама",
    "это",
    "как",
    "его",
    "нас",
    "был",
    "когда",
    "после",
    "потом",
    "всё",
    "лагерь",
    "ссылка",
    "партия",
    "письма",
    "семья",
    "оппозиция",
    "Москва",
    "школа",
    "война",
    "дети",
    "дом",
    "никогда",
    "друзья",
    "революция",
    "книги",
    "тюрьма",
    "вернулся",
    "реабилитация",
    "архив",
    "правда",
    "история",
    "кухня",
    "квартира",
    "зима",
    "поезд",
    "вокзал",
    "фотография",
    "учитель",
    "газета",
    "журнал",
    "съезд",
    "комиссар",
    "командир",
    "полк",
    "критик",
    "редактор",
    "рукопись",
    "допрос",
    "приговор",
    "суд",
    "Колыма",
    "Сибирь",
    "Арбат",
    "Ленинград",
    "Харьков",
    "Воркута",
    "Магадан",
    "Бутырка",
    "Лубянка",
    "самовар",
    "дача",
    "воспоминания",
];
const NAMES: &[&str] = &[
    "Trotsky",
    "Троцким",
    "Smilga",
    "Смилга",
    "Serebryakov",
    "Серебряков",
    "Serebriakova",
    "Radek",
    "Радек",
    "Rakovsky",
    "Раковский",
    "Preobrazhensky",
    "Преображенский",
    "Voronsky",
    "Воронский",
    "Primakov",
    "Примаков",
    "Joffe",
    "Иоффе",
    "Ioffe",
    "Sosnovsky",
    "Boguslavsky",
    "Beloborodov",
    "Drobnis",
    "Antonov-Ovseenko",
    "Muralov",
    "Rogovin",
    "Isaeva",
];
const SPEAKERS: &[&str] = &["Interviewer", "Narrator"];

fn zipf_pick<'a>(rng: &mut fastrand::Rng, words: &[&'a str]) -> &'a str {
    // The square of a uniform draw favours the front of the list.
    let u = rng.f64();
    words[((u * u) * words.len() as f64) as usize % words.len()]
}

/// What generated text is made of: word forms of each language with how often each is used,
/// and people, each with the spellings and case forms the text names them by.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    english: Weighted,
    russian: Weighted,
    /// Each person's forms: Latin spellings (used in English text) and Cyrillic forms (in
    /// Russian text).
    pub people: Vec<PersonForms>,
}

/// The ways generated text names one person.
#[derive(Debug, Clone, Default)]
pub struct PersonForms {
    /// Latin spellings, one per romanization system.
    pub latin: Vec<String>,
    /// Cyrillic case forms.
    pub cyrillic: Vec<String>,
}

/// Endings of Russian surnames, each with four of its case forms (nominative, genitive or
/// feminine, instrumental, prepositional).
pub const SURNAME_ENDINGS: &[(&str, &[&str])] = &[
    ("ов", &["ов", "ова", "овым", "ове"]),
    ("ев", &["ев", "ева", "евым", "еве"]),
    ("ин", &["ин", "ина", "иным", "ине"]),
    ("ский", &["ский", "ского", "ским", "ском"]),
];

/// A made-up Russian surname (two syllables of the given letters, a consonant and one of
/// [`SURNAME_ENDINGS`]) in its nominative, and the ways text names its bearer: in five
/// romanizations (ALA-LC, BGN/PCGN, ISO 9, scholarly, German) and the English press's -sky,
/// and in four Russian case forms.
pub fn made_up_person(
    rng: &mut fastrand::Rng,
    consonants: &[char],
    vowels: &[char],
) -> (String, PersonForms) {
    use crate::people::names::{transliterate, Transliteration};
    let mut root = String::new();
    for _ in 0..2 {
        root.push(consonants[rng.usize(..consonants.len())]);
        root.push(vowels[rng.usize(..vowels.len())]);
    }
    root.push(consonants[rng.usize(..consonants.len())]);
    let (ending, cases) = SURNAME_ENDINGS[rng.usize(..SURNAME_ENDINGS.len())];
    let mut name: Vec<char> = format!("{root}{ending}").chars().collect();
    name[0] = name[0].to_uppercase().next().unwrap_or(name[0]);
    let nominative: String = name.into_iter().collect();
    let stem = &nominative[..nominative.len() - ending.len()];
    let cyrillic: Vec<String> = cases.iter().map(|c| format!("{stem}{c}")).collect();
    let mut latin: Vec<String> = [
        Transliteration::AlaLc,
        Transliteration::BgnPcgn,
        Transliteration::Iso9,
        Transliteration::Scholarly,
        Transliteration::German,
    ]
    .iter()
    .map(|&t| transliterate(&nominative, t))
    .collect();
    let press = latin[1].replace("skiy", "sky");
    latin.push(press);
    (nominative, PersonForms { latin, cyrillic })
}

#[derive(Debug, Clone, Default)]
struct Weighted {
    words: Vec<String>,
    /// Cumulative weights, the last one the total.
    cumulative: Vec<f64>,
}

impl Weighted {
    fn new(words: Vec<(String, f64)>) -> Self {
        let mut total = 0.0;
        let mut cumulative = Vec::with_capacity(words.len());
        for (_, w) in &words {
            total += w;
            cumulative.push(total);
        }
        Weighted {
            words: words.into_iter().map(|(w, _)| w).collect(),
            cumulative,
        }
    }

    fn pick(&self, rng: &mut fastrand::Rng) -> &str {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let at = rng.f64() * total;
        let i = self.cumulative.partition_point(|&c| c < at);
        &self.words[i.min(self.words.len() - 1)]
    }
}

impl Vocabulary {
    /// A vocabulary of English and Russian word forms with their frequencies (as from
    /// `wordfreq`), and people.
    pub fn new(
        english: Vec<(String, f64)>,
        russian: Vec<(String, f64)>,
        people: Vec<PersonForms>,
    ) -> Self {
        Vocabulary {
            english: Weighted::new(english),
            russian: Weighted::new(russian),
            people,
        }
    }

    fn sentence(&self, rng: &mut fastrand::Rng, russian: bool, words: usize) -> String {
        let mut out = String::with_capacity(words * 8);
        for n in 0..words {
            if n > 0 {
                out.push(' ');
            }
            let name = (rng.u8(..100) < 3 && !self.people.is_empty())
                .then(|| {
                    let p = &self.people[rng.usize(..self.people.len())];
                    let forms = if russian && !p.cyrillic.is_empty() || p.latin.is_empty() {
                        &p.cyrillic
                    } else {
                        &p.latin
                    };
                    (!forms.is_empty()).then(|| forms[rng.usize(..forms.len())].as_str())
                })
                .flatten();
            match name {
                Some(name) => out.push_str(name),
                None => out.push_str(if russian {
                    self.russian.pick(rng)
                } else {
                    self.english.pick(rng)
                }),
            }
        }
        out.push('.');
        out
    }
}

fn sentence(rng: &mut fastrand::Rng, russian: bool, words: usize) -> String {
    let mut out = String::with_capacity(words * 8);
    for n in 0..words {
        if n > 0 {
            out.push(' ');
        }
        let word = if rng.u8(..100) < 3 {
            NAMES[rng.usize(..NAMES.len())]
        } else {
            zipf_pick(rng, if russian { RUSSIAN } else { ENGLISH })
        };
        out.push_str(word);
    }
    out.push('.');
    out
}

/// Fills an archive with `interviews` synthetic interviews, each with one transcript of
/// `segments_per_interview` segments of about twenty words. One transaction per hundred
/// interviews; progress and cancellation between them.
pub fn generate(archive: &mut Archive, options: &GenerateOptions, job: &JobContext) -> Result<()> {
    generate_from(archive, options, None, job)
}

/// [`generate`] with words and names drawn from `vocabulary` by their frequencies.
pub fn generate_with(
    archive: &mut Archive,
    options: &GenerateOptions,
    vocabulary: &Vocabulary,
    job: &JobContext,
) -> Result<()> {
    generate_from(archive, options, Some(vocabulary), job)
}

fn generate_from(
    archive: &mut Archive,
    options: &GenerateOptions,
    vocabulary: Option<&Vocabulary>,
    job: &JobContext,
) -> Result<()> {
    let text = |rng: &mut fastrand::Rng, russian: bool, words: usize| match vocabulary {
        Some(v) => v.sentence(rng, russian, words),
        None => sentence(rng, russian, words),
    };
    job.report(Progress::Started {
        title: format!("Generating {} interviews", options.interviews),
    });
    let mut rng = fastrand::Rng::with_seed(options.seed);
    let mut done = 0;
    while done < options.interviews {
        let batch = (options.interviews - done).min(100);
        archive.write(|w| {
            let at = now(w)?;
            let mut interview = w.prepare_cached(
                "INSERT INTO interviews (uuid, title, date, languages, summary, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'draft', ?6, ?6)",
            )?;
            let mut transcript = w.prepare_cached(
                "INSERT INTO transcripts (uuid, interview_id, language, label, source_format, source_name, created_at, updated_at)
                 VALUES (?1, ?2, ?3, 'generated', '', '', ?4, ?4)",
            )?;
            let mut segment = w.prepare_cached(
                "INSERT INTO segments (uuid, transcript_id, position, start_ms, end_ms, speaker_label, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for n in done..done + batch {
                let russian = rng.bool();
                let language = if russian { "ru" } else { "en" };
                let id = ids::new_id();
                interview.execute(params![
                    id,
                    format!("Generated interview {n}"),
                    format!("19{}", rng.u8(50..99)),
                    format!("[\"{language}\"]"),
                    text(&mut rng, russian, 30),
                    at
                ])?;
                let interview_key = w.last_insert_rowid();
                transcript.execute(params![ids::new_id(), interview_key, language, at])?;
                let transcript_key = w.last_insert_rowid();
                let mut clock_ms: u32 = 0;
                for position in 0..options.segments_per_interview {
                    let length = rng.u32(3_000..15_000);
                    let words = 12 + rng.usize(..16);
                    segment.execute(params![
                        ids::new_id(),
                        transcript_key,
                        position,
                        clock_ms,
                        clock_ms + length,
                        SPEAKERS[(position % 2) as usize],
                        text(&mut rng, russian, words)
                    ])?;
                    clock_ms += length + rng.u32(0..800);
                }
                provenance::record(w, EventType::Creation, "interview", &id, Origin::System, None::<&()>, Some(&"generated"))?;
            }
            Ok(())
        })?;
        done += batch;
        job.step("generating", done, Some(options.interviews))?;
    }
    job.report(Progress::Finished {
        summary: format!("{} interviews generated", options.interviews),
    });
    Ok(())
}

/// A long synthetic transcript as a parser returns it, for import benchmarks: `cues` cues of
/// twelve to twenty-seven words, mostly Russian with English passages (a narrator and an
/// interviewer), longer cues split over two lines as subtitles are. Write it out with
/// [`crate::transcript::formats::write_vtt`] and its siblings to get a file to import.
pub fn transcript_segments(
    cues: usize,
    seed: u64,
) -> Vec<crate::transcript::formats::ParsedSegment> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut clock_ms: u32 = 0;
    (0..cues)
        .map(|n| {
            let words = 12 + rng.usize(..16);
            let russian = rng.u8(..100) < 70;
            let mut text = sentence(&mut rng, russian, words);
            if words > 18 {
                // Break the cue's text into two subtitle lines at a space near the middle.
                let middle = text.len() / 2;
                if let Some(at) = text
                    .match_indices(' ')
                    .map(|(at, _)| at)
                    .take_while(|&at| at < middle)
                    .last()
                {
                    text.replace_range(at..at + 1, "\n");
                }
            }
            let length = rng.u32(3_000..15_000);
            let start = clock_ms;
            clock_ms += length + rng.u32(0..800);
            crate::transcript::formats::ParsedSegment {
                start_ms: Some(start),
                end_ms: Some(start + length),
                speaker: Some(SPEAKERS[n % 2].to_owned()),
                text,
                source_line: 0,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
