//! Speech work on an archive: a recording of an interview becomes a transcript, and a typed
//! transcript gets its times from its recording.
//!
//! Each is three steps, so that a front end which keeps the archive behind a lock holds it only
//! to read and to write, never while a recording is heard (minutes): what to do is read from
//! the archive (`plan_…`), the recording is heard with no archive in hand (`hear`,
//! `find_times`), and what was found is stored in one write (`store_…`), all or nothing. A
//! cancelled or failed job stores nothing.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
};

use recollect_db::{
    interview,
    jobs::{JobContext, Progress as JobProgress},
    media::{self, Media},
    people::{
        self,
        matching::Mention,
        vocabulary::{self, AuthorityName, Respelled},
    },
    transcript::{
        self,
        recognized::{
            self, Alignment, AlignmentStored, HeardLanguage, HeardSegment, HeardWord, MadeBy,
            Placement, Recognized, Reheard, ReheardStored, Stretch,
        },
        Segment, Transcript,
    },
    Archive, Origin,
};
use serde::Serialize;

use crate::{
    align::{self, Aligned},
    read_for_speech, Model, Progress, Recognition, Recognizer, Settings, SpeechError, ENGINE,
};

/// What can stop speech work on an archive: the archive's refusal, or the recognizer's.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Archive(#[from] recollect_db::Error),
    #[error(transparent)]
    Speech(SpeechError),
}

impl From<SpeechError> for Error {
    fn from(e: SpeechError) -> Self {
        // A cancel is the archive's kind of cancel: nothing was stored.
        match e {
            SpeechError::Cancelled => Error::Archive(recollect_db::Error::Cancelled),
            other => Error::Speech(other),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// The engine as recognition and alignment use it: a checked model, loaded.
pub struct Engine {
    model: Model,
    recognizer: Recognizer,
    threads: usize,
    /// One recognition at a time: a second job waits for the first. The machine's cores are
    /// the engine's already, and recognitions run side by side in one process were seen to hear
    /// the same recording differently.
    hearing: std::sync::Mutex<()>,
}

/// The beam Whisper searches with (the engine's default, written down for provenance).
const BEAM_SIZE: usize = 5;

impl Engine {
    /// Checks and loads the model in `folder`, to run on `threads` CPU threads (0: the engine
    /// chooses).
    pub fn load(folder: &Path, threads: usize) -> Result<Engine> {
        let model = Model::open(folder)?;
        let recognizer = Recognizer::new(&model, threads)?;
        Ok(Engine {
            model,
            recognizer,
            threads,
            hearing: std::sync::Mutex::new(()),
        })
    }

    fn made_by(
        &self,
        settings: BTreeMap<String, String>,
        language: Option<HeardLanguage>,
    ) -> MadeBy {
        let mut settings = settings;
        settings.insert("threads".into(), self.threads.to_string());
        settings.insert("beam_size".into(), BEAM_SIZE.to_string());
        settings.insert("compute_type".into(), crate::COMPUTE_TYPE.to_string());
        MadeBy {
            engine: ENGINE.into(),
            model: self.model.name.clone(),
            model_sha256: self.model.sha256.clone(),
            settings,
            language,
        }
    }
}

/// The language a recording was heard in: the one given (the request's, the interview's or the
/// transcript's), else the one the model detected.
fn heard_language(given: Option<&str>, recognition: &Recognition) -> Option<HeardLanguage> {
    match given {
        Some(code) => Some(HeardLanguage {
            code: code.to_owned(),
            detected: false,
        }),
        None => recognition.language.clone().map(|code| HeardLanguage {
            code,
            detected: true,
        }),
    }
}

/// What to transcribe.
#[derive(Debug, Clone, Default)]
pub struct TranscribeRequest {
    pub interview_id: String,
    /// One of the interview's recordings; its first when none.
    pub media_id: Option<String>,
    /// The language spoken (BCP 47, "ru"); the interview's, when it has exactly one, else the
    /// one the model detects.
    pub language: Option<String>,
    /// A label for the new transcript; one naming the recording when blank.
    pub label: String,
}

/// A transcription read from the archive, ready to be heard.
#[derive(Debug, Clone)]
pub struct TranscriptionPlan {
    interview_id: String,
    recording: Media,
    file: PathBuf,
    language: Option<String>,
    label: String,
    names: Vec<AuthorityName>,
}

impl TranscriptionPlan {
    /// The recording to be heard.
    pub fn recording(&self) -> &Media {
        &self.recording
    }
}

/// Reads what a transcription needs: the recording (checked to be there), the language, and
/// the names of the interview's people as the authority spells them.
pub fn plan_transcription(
    archive: &Archive,
    request: &TranscribeRequest,
) -> Result<TranscriptionPlan> {
    let found = interview::get(archive, &request.interview_id)?;
    let recording = recording_of(archive, &found.id, request.media_id.as_deref())?;
    let file = media::resolve_path(archive, &recording);
    let language = match request.language.as_deref().map(str::trim) {
        Some(given) if !given.is_empty() => Some(recollect_db::language::check("language", given)?),
        _ => match found.languages.as_slice() {
            [only] => Some(only.clone()),
            _ => None,
        },
    };
    let names = vocabulary::of_interview(archive, &found.id, language.as_deref())?;
    Ok(TranscriptionPlan {
        interview_id: found.id,
        recording,
        file,
        language,
        label: request.label.clone(),
        names,
    })
}

/// The recording `media_id` of the interview, or its first; present on this machine.
fn recording_of(archive: &Archive, interview_id: &str, media_id: Option<&str>) -> Result<Media> {
    let recordings = media::list(archive, interview_id)?;
    let recording = match media_id {
        Some(id) => recordings.into_iter().find(|m| m.id == id).ok_or_else(|| {
            recollect_db::Error::invalid(
                "recording",
                format!("recording {id} is not a recording of this interview"),
            )
        })?,
        None => recordings.into_iter().next().ok_or_else(|| {
            recollect_db::Error::invalid(
                "recording",
                "the interview has no recording; add one before transcribing or aligning",
            )
        })?,
    };
    if recording.missing {
        let path = media::resolve_path(archive, &recording);
        return Err(recollect_db::Error::invalid(
            "recording",
            format!(
                "{} is not where the archive expects it; relink the recording first",
                path.display()
            ),
        )
        .into());
    }
    Ok(recording)
}

/// What hearing a recording found, not yet stored.
#[derive(Debug, Clone)]
pub struct Heard {
    recognized: Recognized,
    respelled: Vec<Respelled>,
    duration_ms: u32,
}

/// Hears the plan's recording: recognition window by window (progress after each, a cancel
/// heard between two), then the names of the interview's people written as the authority
/// spells them.
pub fn hear(plan: &TranscriptionPlan, engine: &Engine, job: &JobContext) -> Result<Heard> {
    job.report(JobProgress::Started {
        title: format!("Transcribing {}", plan.recording.display_name()),
    });
    let samples = read_for_speech(&plan.file)?;
    let settings = Settings {
        language: plan.language.as_deref().map(whisper_language),
        names: prompt_names(&plan.names),
    };
    let recognition = recognize(engine, &samples, &settings, job)?;
    let (segments, respelled) = written_by_authority(&recognition, &plan.names);
    let mut settings_used = BTreeMap::new();
    settings_used.insert(
        "language".into(),
        match (&plan.language, &recognition.language) {
            (Some(given), _) => given.clone(),
            (None, Some(detected)) => format!("{detected} (detected)"),
            (None, None) => "none detected".into(),
        },
    );
    settings_used.insert(
        "authority_names".into(),
        plan.names
            .iter()
            .map(|n| n.spelling.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    );
    Ok(Heard {
        recognized: Recognized {
            media_id: plan.recording.id.clone(),
            language: plan
                .language
                .clone()
                .or_else(|| recognition.language.clone())
                .unwrap_or_default(),
            label: plan.label.clone(),
            segments,
            not_speech: recognition
                .flagged
                .iter()
                .map(|f| Stretch {
                    start_ms: f.start_ms,
                    end_ms: f.end_ms,
                    heard: f.text.clone(),
                })
                .collect(),
            made_by: engine.made_by(
                settings_used,
                heard_language(plan.language.as_deref(), &recognition),
            ),
        },
        respelled,
        duration_ms: recognition.duration_ms,
    })
}

/// The interview's people, whole names each once, as the text said before each window: the
/// model spells what it hears the way its prompt does.
fn prompt_names(names: &[AuthorityName]) -> Vec<String> {
    let mut whole: Vec<String> = Vec::new();
    for name in names {
        if !whole.contains(&name.full_name) {
            whole.push(name.full_name.clone());
        }
    }
    whole
}

/// Whisper names languages by their ISO 639-1 code: "ru" of "ru-RU".
fn whisper_language(tag: &str) -> String {
    tag.split('-').next().unwrap_or(tag).to_lowercase()
}

fn recognize(
    engine: &Engine,
    samples: &[f32],
    settings: &Settings,
    job: &JobContext,
) -> Result<Recognition> {
    let mut progress = |p: Progress| {
        job.report(JobProgress::Progress {
            phase: "recognizing speech (seconds of the recording)".into(),
            done: p.done_ms / 1000,
            total: Some(p.total_ms.div_ceil(1000)),
        })
    };
    let _one_at_a_time = engine
        .hearing
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    Ok(engine
        .recognizer
        .recognize(samples, settings, &mut progress, job.cancel_signal())?)
}

/// The recognized segments with every word that names one of `names` written as the
/// authority writes it, and the words so respelled.
fn written_by_authority(
    recognition: &Recognition,
    names: &[AuthorityName],
) -> (Vec<HeardSegment>, Vec<Respelled>) {
    let mut respelled = Vec::new();
    let segments = recognition
        .segments
        .iter()
        .map(|segment| {
            let words: Vec<HeardWord> = segment
                .words
                .iter()
                .map(|w| {
                    let text = match vocabulary::respell(names, &w.text) {
                        Some(r) => {
                            let written = r.written.clone();
                            respelled.push(r);
                            written
                        }
                        None => w.text.clone(),
                    };
                    HeardWord {
                        text,
                        start_ms: w.start_ms,
                        end_ms: w.end_ms,
                        probability: w.probability,
                    }
                })
                .collect();
            HeardSegment {
                start_ms: segment.start_ms,
                end_ms: segment.end_ms,
                text: words
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                words,
            }
        })
        .collect();
    (segments, respelled)
}

/// What a transcription stored.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Transcribed {
    /// The new transcript.
    pub transcript: Transcript,
    /// How many words it holds, and how many of them are uncertain.
    pub words: u32,
    pub low_confidence_words: u32,
    /// Stretches the model wrote but that are not speech, kept to be checked.
    pub not_speech: Vec<Stretch>,
    /// Words written as the authority spells a name.
    pub respelled: Vec<Respelled>,
    /// The people the transcript names, to link as mentions.
    pub mentions: Vec<Mention>,
    /// The recording's length.
    pub duration_ms: u32,
    /// The language it was heard in, and whether the model detected it (the curator chose
    /// "Detect" and the interview names no single language), for the window to say "English
    /// (detected)"; none when none was given and the model detected none.
    pub language: Option<HeardLanguage>,
}

/// Stores what was heard as a new transcript of the plan's interview.
pub fn store_heard(
    archive: &mut Archive,
    plan: &TranscriptionPlan,
    heard: Heard,
    origin: Origin,
) -> Result<Transcribed> {
    let stored =
        recognized::store_recognized(archive, &plan.interview_id, &heard.recognized, origin)?;
    let words: Vec<&HeardWord> = heard
        .recognized
        .segments
        .iter()
        .flat_map(|s| &s.words)
        .collect();
    let mentions = people::mentions(archive, &stored.id)?;
    Ok(Transcribed {
        words: words.len() as u32,
        low_confidence_words: words
            .iter()
            .filter(|w| w.probability < recognized::LOW_WORD_PROBABILITY)
            .count() as u32,
        not_speech: heard.recognized.not_speech,
        respelled: heard.respelled,
        mentions,
        duration_ms: heard.duration_ms,
        language: heard.recognized.made_by.language,
        transcript: stored,
    })
}

/// Plans, hears and stores in one go, for a front end with the archive to itself (the CLI).
pub fn transcribe(
    archive: &mut Archive,
    request: &TranscribeRequest,
    engine: &Engine,
    job: &JobContext,
    origin: Origin,
) -> Result<Transcribed> {
    let plan = plan_transcription(archive, request)?;
    let heard = hear(&plan, engine, job)?;
    let stored = store_heard(archive, &plan, heard, origin)?;
    job.report(JobProgress::Finished {
        summary: format!(
            "{} segments transcribed from {}",
            stored.transcript.segment_count,
            plan.recording.display_name()
        ),
    });
    Ok(stored)
}

/// A stretch of a transcript to hear again (a passage the model got wrong, heard now with
/// another language or after a name was added to the authority).
#[derive(Debug, Clone, Default)]
pub struct RehearRequest {
    pub transcript_id: String,
    /// The recording; the interview's first when none.
    pub media_id: Option<String>,
    pub start_ms: u32,
    pub end_ms: u32,
    /// The language spoken there; the transcript's when none.
    pub language: Option<String>,
}

/// Hears a stretch of a transcript's recording again and puts what it heard in place of the
/// segments within the stretch, after saving a revision. Three steps like [`transcribe`], in one
/// call for a front end with the archive to itself; `plan_transcription`, `hear_span` and
/// `store_reheard` for one that shares it.
pub fn rehear(
    archive: &mut Archive,
    request: &RehearRequest,
    engine: &Engine,
    job: &JobContext,
    origin: Origin,
) -> Result<ReheardStored> {
    let (plan, span) = plan_rehearing(archive, request)?;
    let reheard = hear_span(&plan, span, engine, job)?;
    let stored = recognized::store_reheard(archive, &request.transcript_id, &reheard, origin)?;
    job.report(JobProgress::Finished {
        summary: format!(
            "{} segments heard again in place of {}",
            stored.added, stored.replaced
        ),
    });
    Ok(stored)
}

/// What hearing a stretch again needs: the transcription plan of its interview, in the
/// transcript's language unless another is given, and the stretch.
pub fn plan_rehearing(
    archive: &Archive,
    request: &RehearRequest,
) -> Result<(TranscriptionPlan, (u32, u32))> {
    let known = transcript::get(archive, &request.transcript_id)?;
    if request.end_ms <= request.start_ms {
        return Err(recollect_db::Error::invalid(
            "span",
            "the stretch to hear again ends before it starts",
        )
        .into());
    }
    let language = request
        .language
        .clone()
        .or_else(|| Some(known.language.clone()).filter(|l| !l.is_empty()));
    let plan = plan_transcription(
        archive,
        &TranscribeRequest {
            interview_id: known.interview_id,
            media_id: request.media_id.clone(),
            language,
            label: String::new(),
        },
    )?;
    Ok((plan, (request.start_ms, request.end_ms)))
}

/// Hears the stretch `span` (milliseconds) of the plan's recording.
pub fn hear_span(
    plan: &TranscriptionPlan,
    (start_ms, end_ms): (u32, u32),
    engine: &Engine,
    job: &JobContext,
) -> Result<Reheard> {
    let samples = read_for_speech(&plan.file)?;
    let at = |ms: u32| (ms as usize * crate::SAMPLE_RATE as usize / 1000).min(samples.len());
    let (from, to) = (at(start_ms), at(end_ms));
    let shifted = |ms: u32| ms + start_ms;
    let recognition = recognize(
        engine,
        &samples[from..to],
        &Settings {
            language: plan.language.as_deref().map(whisper_language),
            names: prompt_names(&plan.names),
        },
        job,
    )?;
    let (segments, _) = written_by_authority(&recognition, &plan.names);
    let mut settings = BTreeMap::new();
    settings.insert(
        "language".into(),
        plan.language
            .clone()
            .or(recognition.language.clone())
            .unwrap_or_default(),
    );
    Ok(Reheard {
        media_id: plan.recording.id.clone(),
        start_ms,
        end_ms,
        segments: segments
            .into_iter()
            .map(|s| HeardSegment {
                start_ms: shifted(s.start_ms),
                end_ms: shifted(s.end_ms),
                text: s.text,
                words: s
                    .words
                    .into_iter()
                    .map(|w| HeardWord {
                        start_ms: shifted(w.start_ms),
                        end_ms: shifted(w.end_ms),
                        ..w
                    })
                    .collect(),
            })
            .collect(),
        not_speech: recognition
            .flagged
            .iter()
            .map(|f| Stretch {
                start_ms: shifted(f.start_ms),
                end_ms: shifted(f.end_ms),
                heard: f.text.clone(),
            })
            .collect(),
        made_by: engine.made_by(
            settings,
            heard_language(plan.language.as_deref(), &recognition),
        ),
    })
}

/// What to align.
#[derive(Debug, Clone, Default)]
pub struct AlignRequest {
    pub transcript_id: String,
    /// One of the interview's recordings; its first when none.
    pub media_id: Option<String>,
}

/// An alignment read from the archive, ready to be heard.
#[derive(Debug, Clone)]
pub struct AlignmentPlan {
    transcript: Transcript,
    segments: Vec<Segment>,
    recording: Media,
    file: PathBuf,
}

impl AlignmentPlan {
    /// The recording to be heard.
    pub fn recording(&self) -> &Media {
        &self.recording
    }
}

/// Reads what an alignment needs: the typed segments and the recording.
pub fn plan_alignment(archive: &Archive, request: &AlignRequest) -> Result<AlignmentPlan> {
    let typed = transcript::get(archive, &request.transcript_id)?;
    let segments = transcript::segments(archive, &typed.id)?;
    if segments.is_empty() {
        return Err(recollect_db::Error::invalid(
            "transcript",
            format!("\"{}\" has no segments to align", typed.label),
        )
        .into());
    }
    let recording = recording_of(archive, &typed.interview_id, request.media_id.as_deref())?;
    let file = media::resolve_path(archive, &recording);
    Ok(AlignmentPlan {
        transcript: typed,
        segments,
        recording,
        file,
    })
}

/// Below this share of segments placed, or of typed words found, by recognized words, the
/// recording is aligned by its pauses instead: the model did not hear it well enough (a voice
/// or language it does not know), and words it half heard would place segments wrongly.
const WORDS_PLACE_AT_LEAST: f32 = 0.5;
const WORDS_FOUND_AT_LEAST: f32 = 0.6;

/// Finds times for the plan's segments: by the words recognition hears, or, when those place
/// too few segments, by the recording's pauses.
pub fn find_times(plan: &AlignmentPlan, engine: &Engine, job: &JobContext) -> Result<Alignment> {
    job.report(JobProgress::Started {
        title: format!(
            "Aligning \"{}\" to {}",
            plan.transcript.label,
            plan.recording.display_name()
        ),
    });
    let samples = read_for_speech(&plan.file)?;
    let language = Some(plan.transcript.language.as_str())
        .filter(|l| !l.is_empty())
        .map(whisper_language);
    let recognition = recognize(
        engine,
        &samples,
        &Settings {
            language: language.clone(),
            names: Vec::new(),
        },
        job,
    )?;
    let typed: Vec<&str> = plan.segments.iter().map(|s| s.text.as_str()).collect();
    let heard: Vec<crate::Word> = recognition
        .segments
        .iter()
        .flat_map(|s| s.words.iter().cloned())
        .collect();
    let by_words = align::to_words(&typed, &heard);
    let heard_well = by_words.placed() as f32 >= WORDS_PLACE_AT_LEAST * typed.len() as f32
        && by_words.words_found as f32 >= WORDS_FOUND_AT_LEAST * by_words.words_typed as f32;
    let (method, aligned): (&str, Aligned) = if heard_well {
        ("recognized words", by_words)
    } else {
        job.report(JobProgress::Warning {
                message: format!(
                    "the model recognized too little of {} to align by words ({} of {} typed words found); aligned by its pauses instead",
                    plan.recording.display_name(),
                    by_words.words_found,
                    by_words.words_typed
                ),
            });
        ("pauses", align::to_pauses(&typed, &samples))
    };
    let mut settings = BTreeMap::new();
    settings.insert(
        "language".into(),
        language.unwrap_or_else(|| "detected".into()),
    );
    settings.insert("method".into(), method.into());
    Ok(Alignment {
        media_id: plan.recording.id.clone(),
        method: method.into(),
        placements: plan
            .segments
            .iter()
            .zip(&aligned.placements)
            .map(|(segment, at)| Placement {
                segment_id: segment.id.clone(),
                start_ms: at.map(|(start, _)| start),
                end_ms: at.map(|(_, end)| end),
            })
            .collect(),
        speech_not_in_text: aligned
            .speech_not_in_text
            .into_iter()
            .map(|u| Stretch {
                start_ms: u.start_ms,
                end_ms: u.end_ms,
                heard: u.heard,
            })
            .collect(),
        made_by: engine.made_by(
            settings,
            heard_language(
                Some(plan.transcript.language.as_str()).filter(|l| !l.is_empty()),
                &recognition,
            ),
        ),
    })
}

/// Stores the times found (after saving the revision "before alignment").
pub fn store_times(
    archive: &mut Archive,
    plan: &AlignmentPlan,
    alignment: &Alignment,
    origin: Origin,
) -> Result<AlignmentStored> {
    Ok(recognized::store_alignment(
        archive,
        &plan.transcript.id,
        alignment,
        origin,
    )?)
}

/// Plans, finds times and stores them in one go, for a front end with the archive to itself.
pub fn align(
    archive: &mut Archive,
    request: &AlignRequest,
    engine: &Engine,
    job: &JobContext,
    origin: Origin,
) -> Result<(Alignment, AlignmentStored)> {
    let plan = plan_alignment(archive, request)?;
    let alignment = find_times(&plan, engine, job)?;
    let stored = store_times(archive, &plan, &alignment, origin)?;
    job.report(JobProgress::Finished {
        summary: format!(
            "{} of {} segments placed by {}",
            stored.placed,
            plan.segments.len(),
            alignment.method
        ),
    });
    Ok((alignment, stored))
}
