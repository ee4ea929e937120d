//! Speech from the window: the curator's model folder (a setting of this machine, not of the
//! archive, which may be opened on another), transcribing a recording, aligning a typed
//! transcript, and what recognition left on a transcript.
//!
//! A recording is heard with no lock on the archive: the job reads what it needs on a read
//! connection, hears the recording on a blocking thread (the window's other commands go on),
//! then stores what it found in one write.

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

use recollect_db::{
    jobs::{JobContext, Progress},
    transcript::recognized::{self, AlignmentStored, ReheardStored, TranscriptSpeech},
    ErrorCode, Origin,
};
use recollect_speech::{
    archive::{
        self as speech, AlignRequest, Engine, Error as SpeechWorkError, RehearRequest,
        TranscribeRequest,
    },
    SpeechError,
};
use serde::Serialize;
use tauri::{ipc::Channel, AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::{
    error::{AppError, AppResult},
    jobs::Jobs,
    state::AppState,
};

impl From<SpeechWorkError> for AppError {
    fn from(e: SpeechWorkError) -> Self {
        match e {
            SpeechWorkError::Archive(e) => e.into(),
            SpeechWorkError::Speech(e) => {
                let (code, field) = match &e {
                    SpeechError::ModelIncomplete { .. } | SpeechError::ModelUnreadable { .. } => {
                        (ErrorCode::Invalid, Some("model"))
                    }
                    SpeechError::Recording { .. } | SpeechError::Silent { .. } => {
                        (ErrorCode::Invalid, Some("recording"))
                    }
                    SpeechError::Cancelled => (ErrorCode::Cancelled, None),
                    SpeechError::Engine(_) => (ErrorCode::Internal, None),
                };
                let mut error = AppError::new(code, e.to_string());
                error.field = field.map(str::to_owned);
                error
            }
        }
    }
}

/// The model folder, and the engine loaded from it once and kept while the folder stays the
/// same (loading takes a second and a few hundred megabytes).
pub struct SpeechSettings {
    file: PathBuf,
    loaded: Mutex<Option<(PathBuf, Arc<Engine>)>>,
}

impl SpeechSettings {
    /// Settings kept in `file` (in the app's config folder).
    pub fn new(file: PathBuf) -> Self {
        SpeechSettings {
            file,
            loaded: Mutex::new(None),
        }
    }

    fn folder(&self) -> Option<PathBuf> {
        std::fs::read_to_string(&self.file)
            .ok()
            .map(|text| PathBuf::from(text.trim()))
            .filter(|p| !p.as_os_str().is_empty())
    }

    fn remember(&self, folder: &Path) -> AppResult<()> {
        if let Some(parent) = self.file.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
        }
        std::fs::write(&self.file, folder.to_string_lossy().as_bytes())
            .map_err(|e| AppError::new(ErrorCode::Io, format!("{}: {e}", self.file.display())))
    }

    /// The engine for the chosen folder, loaded on first use; call from a blocking thread.
    fn engine(&self) -> AppResult<Arc<Engine>> {
        let folder = self.folder().ok_or_else(|| {
            let mut e = AppError::new(
                ErrorCode::Invalid,
                "no speech model is chosen: choose a Whisper model folder (CTranslate2 format) with Choose speech model…",
            );
            e.field = Some("model".into());
            e
        })?;
        let mut loaded = self.loaded.lock().expect("speech engine lock");
        if let Some((at, engine)) = loaded.as_ref() {
            if *at == folder {
                return Ok(engine.clone());
            }
        }
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let engine = Arc::new(Engine::load(&folder, threads)?);
        *loaded = Some((folder, engine.clone()));
        Ok(engine)
    }
}

/// The model folder as the window shows it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SpeechModel {
    /// The folder chosen, if any.
    pub folder: Option<String>,
    /// Its name ("whisper-base").
    pub name: Option<String>,
    /// What is wrong with it, when something is ("model.bin is missing").
    pub problem: Option<String>,
}

fn describe(folder: Option<PathBuf>) -> SpeechModel {
    let Some(folder) = folder else {
        return SpeechModel {
            folder: None,
            name: None,
            problem: None,
        };
    };
    let (name, problem) = match recollect_speech::Model::check(&folder) {
        Ok(name) => (Some(name), None),
        Err(e) => (None, Some(e.to_string())),
    };
    SpeechModel {
        folder: Some(folder.to_string_lossy().into_owned()),
        name,
        problem,
    }
}

/// The speech model folder chosen on this machine, and whether it holds a model.
#[tauri::command]
#[specta::specta]
pub async fn speech_model(settings: State<'_, Arc<SpeechSettings>>) -> AppResult<SpeechModel> {
    Ok(describe(settings.folder()))
}

/// Shows a folder dialog for the speech model; a folder that holds no model is not kept, and
/// what it lacks is said. `null` when the curator cancels.
#[tauri::command]
#[specta::specta]
pub async fn choose_speech_model(
    app: AppHandle,
    settings: State<'_, Arc<SpeechSettings>>,
) -> AppResult<Option<SpeechModel>> {
    let dialog = app
        .dialog()
        .file()
        .set_title("Choose a Whisper model folder (CTranslate2 format)");
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_folder())
        .await
        .ok()
        .flatten();
    let Some(picked) = picked else {
        return Ok(None);
    };
    let folder = picked
        .into_path()
        .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let described = describe(Some(folder.clone()));
    if described.problem.is_none() {
        settings.remember(&folder)?;
    }
    Ok(Some(described))
}

/// What transcribing a recording made.
pub type Transcribed = speech::Transcribed;

/// Transcribes a recording of an interview (its first when `media_id` is none) into a new
/// transcript, reporting progress on `on_progress`; cancel with `cancel_job(job_id)`, which
/// stores nothing.
#[tauri::command]
#[specta::specta]
pub async fn transcribe_recording(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    settings: State<'_, Arc<SpeechSettings>>,
    job_id: String,
    interview_id: String,
    media_id: Option<String>,
    language: Option<String>,
    on_progress: Channel<Progress>,
) -> AppResult<Transcribed> {
    let job = Arc::new(jobs.start(&job_id, on_progress.clone()));
    let result = transcribe(
        &state,
        settings.inner().clone(),
        job.clone(),
        TranscribeRequest {
            interview_id,
            media_id,
            language,
            label: String::new(),
        },
    )
    .await;
    jobs.ended(&job_id, &on_progress, result)
}

async fn transcribe(
    state: &AppState,
    settings: Arc<SpeechSettings>,
    job: Arc<JobContext>,
    request: TranscribeRequest,
) -> AppResult<Transcribed> {
    // The core's reads and writes return the archive's errors; speech work returns its own,
    // passed out whole and turned into the window's error here.
    let plan = state
        .with_reader(move |a| Ok(speech::plan_transcription(a, &request)))
        .await??;
    let heard_job = job.clone();
    let (plan, heard) = blocking(move || {
        let engine = settings.engine()?;
        let heard = speech::hear(&plan, &engine, &heard_job)?;
        Ok((plan, heard))
    })
    .await?;
    let stored = state
        .with_archive(move |a| Ok(speech::store_heard(a, &plan, heard, Origin::Window)))
        .await??;
    job.report(Progress::Finished {
        summary: format!(
            "{} segments transcribed into \"{}\"",
            stored.transcript.segment_count, stored.transcript.label
        ),
    });
    Ok(stored)
}

/// Runs `f` on a blocking thread, off the window's event loop.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| AppError::new(ErrorCode::Internal, format!("the speech job stopped: {e}")))?
}

/// Gives a typed transcript the times of a recording of its interview (its first when
/// `media_id` is none), saving the revision "before alignment" first; progress on
/// `on_progress`, cancel with `cancel_job(job_id)`.
#[tauri::command]
#[specta::specta]
pub async fn align_transcript(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    settings: State<'_, Arc<SpeechSettings>>,
    job_id: String,
    transcript_id: String,
    media_id: Option<String>,
    on_progress: Channel<Progress>,
) -> AppResult<AlignmentOutcome> {
    let job = Arc::new(jobs.start(&job_id, on_progress.clone()));
    let result = align(
        &state,
        settings.inner().clone(),
        job.clone(),
        AlignRequest {
            transcript_id,
            media_id,
        },
    )
    .await;
    jobs.ended(&job_id, &on_progress, result)
}

/// What aligning a transcript did.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AlignmentOutcome {
    /// How the times were found: "recognized words" or "pauses".
    pub method: String,
    /// What was stored.
    pub stored: AlignmentStored,
}

async fn align(
    state: &AppState,
    settings: Arc<SpeechSettings>,
    job: Arc<JobContext>,
    request: AlignRequest,
) -> AppResult<AlignmentOutcome> {
    let plan = state
        .with_reader(move |a| Ok(speech::plan_alignment(a, &request)))
        .await??;
    let times_job = job.clone();
    let (plan, alignment) = blocking(move || {
        let engine = settings.engine()?;
        let alignment = speech::find_times(&plan, &engine, &times_job)?;
        Ok((plan, alignment))
    })
    .await?;
    let method = alignment.method.clone();
    let stored = state
        .with_archive(move |a| Ok(speech::store_times(a, &plan, &alignment, Origin::Window)))
        .await??;
    job.report(Progress::Finished {
        summary: format!(
            "{} of {} segments placed by {method}",
            stored.placed,
            stored.placed as usize + stored.not_placed.len()
        ),
    });
    Ok(AlignmentOutcome { method, stored })
}

/// Hears a stretch of a transcript's recording again (`start_ms`..`end_ms`) and puts what it
/// hears in place of the segments within it, after saving a revision; progress on
/// `on_progress`, cancel with `cancel_job(job_id)`.
#[tauri::command]
#[specta::specta]
pub async fn rehear_span(
    state: State<'_, AppState>,
    jobs: State<'_, Jobs>,
    settings: State<'_, Arc<SpeechSettings>>,
    job_id: String,
    transcript_id: String,
    start_ms: u32,
    end_ms: u32,
    language: Option<String>,
    on_progress: Channel<Progress>,
) -> AppResult<ReheardStored> {
    let job = Arc::new(jobs.start(&job_id, on_progress.clone()));
    let settings = settings.inner().clone();
    let request = RehearRequest {
        transcript_id: transcript_id.clone(),
        media_id: None,
        start_ms,
        end_ms,
        language,
    };
    let result = async {
        let (plan, span) = state
            .with_reader(move |a| Ok(speech::plan_rehearing(a, &request)))
            .await??;
        let heard_job = job.clone();
        let reheard = blocking(move || {
            let engine = settings.engine()?;
            Ok(speech::hear_span(&plan, span, &engine, &heard_job)?)
        })
        .await?;
        let stored = state
            .with_archive(move |a| {
                Ok(recognized::store_reheard(
                    a,
                    &transcript_id,
                    &reheard,
                    Origin::Window,
                ))
            })
            .await??;
        job.report(Progress::Finished {
            summary: format!(
                "{} segments heard again in place of {}",
                stored.added, stored.replaced
            ),
        });
        Ok(stored)
    }
    .await;
    jobs.ended(&job_id, &on_progress, result)
}

/// What recognition left on a transcript: how it was made, its words with their confidence,
/// and the stretches to check.
#[tauri::command]
#[specta::specta]
pub async fn transcript_speech(
    state: State<'_, AppState>,
    transcript_id: String,
) -> AppResult<TranscriptSpeech> {
    state
        .with_archive(move |a| recognized::speech_of(a, &transcript_id))
        .await
}
