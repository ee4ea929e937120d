//! One window of at most 30 seconds heard by Whisper through CTranslate2's own Whisper
//! interface (`ct2rs::sys`): the log-mel features, the prompt, beam search, and word times
//! from the cross-attention alignment.
//!
//! The bindings' higher-level transcriber would do most of this, but it takes no prompt and
//! does not say which language it detected; a prompt is how the names of the interview's people
//! reach the model (Whisper reads a prompt as the text said before the window, and spells what
//! it hears the way that text does), and the detected language is the transcript's.

use ct2rs::{
    sys::{self, ComputeType, Config, StorageView, WhisperOptions},
    tokenizers::hf,
    Tokenizer as _,
};
use mel_spec::{
    mel::{log_mel_spectrogram, mel},
    stft::Spectrogram,
};
use ndarray::Array2;

use crate::{Model, Result, SpeechError, Word, SAMPLE_RATE};

/// What every Whisper model with 80 mel bands hears: 30 s windows, 25 ms frames every 10 ms.
const N_FFT: usize = 400;
const HOP: usize = 160;
const MEL_BANDS: usize = 80;
const WINDOW_SAMPLES: usize = 30 * SAMPLE_RATE as usize;
const WINDOW_FRAMES: usize = WINDOW_SAMPLES / HOP;
/// The compute type the engine runs the model in, as faster-whisper names it.
pub const COMPUTE_TYPE: &str = "int8";
/// The engine as built (speech/Cargo.toml: the bindings' version, the matrix library and the
/// threading), as the transcripts it made record it and the benchmark reports it.
pub const ENGINE: &str = "CTranslate2 (Whisper) through ct2rs 0.10, oneDNN, OpenMP";
/// The encoder halves the frame rate: its frames, the alignment's, are 20 ms.
const ALIGNED_FRAME_SECONDS: f32 = 0.02;
/// The width of the median filter over attention weights, Whisper's own.
const MEDIAN_FILTER_WIDTH: i64 = 7;
/// Whisper's prompt takes at most half its context (448 tokens): the rest is the window's text.
const MOST_PROMPT_TOKENS: usize = 223;

/// The model loaded, with its tokenizer and mel filters.
pub(crate) struct Whisper {
    engine: sys::Whisper,
    tokenizer: hf::Tokenizer,
    mel_filters: Array2<f64>,
    end_of_text: usize,
}

/// What Whisper heard in one window.
pub(crate) struct WindowHeard {
    /// Words, timed from the start of the window, punctuation joined to the word before.
    pub words: Vec<Word>,
    /// The language it heard ("en"), as detected or given.
    pub language: String,
}

fn engine_error(e: impl std::fmt::Display) -> SpeechError {
    SpeechError::Engine(e.to_string())
}

impl Whisper {
    pub(crate) fn load(model: &Model, threads: usize) -> Result<Whisper> {
        let unreadable = |reason: String| SpeechError::ModelUnreadable {
            folder: model.folder.clone(),
            reason,
        };
        let config = Config {
            num_threads_per_replica: threads,
            // Measured here (make bench): int8 weights hear as well as float32 (word error rate
            // 0.099 against 0.098 on the 10-minute recording) in half the time and 40% less
            // memory; the model's float16 would be run as float32 on a CPU anyway.
            compute_type: ComputeType::INT8,
            ..Config::default()
        };
        let engine =
            sys::Whisper::new(model.load_path(), config).map_err(|e| unreadable(e.to_string()))?;
        if engine.n_mels() != MEL_BANDS {
            return Err(unreadable(format!(
                "the model hears {} mel bands; Recollect reads models with {MEL_BANDS} (tiny to large-v2)",
                engine.n_mels()
            )));
        }
        let mut tokenizer =
            hf::Tokenizer::new(model.load_path()).map_err(|e| unreadable(e.to_string()))?;
        // Prompts are plain text: no special tokens added around them.
        tokenizer.disable_spacial_token();
        let end_of_text = tokenizer
            .token_to_id("<|endoftext|>")
            .ok_or_else(|| unreadable("its tokenizer has no end-of-text token".into()))?
            as usize;
        let mel_filters = mel(
            SAMPLE_RATE as f64,
            N_FFT,
            MEL_BANDS,
            None,
            None,
            false,
            true,
        );
        Ok(Whisper {
            engine,
            tokenizer,
            mel_filters,
            end_of_text,
        })
    }

    /// Log-mel features of up to 30 s of samples, padded with silence to 30 s and normalized
    /// over the whole window as Whisper was trained: `[1, 80, 3000]`, row by row.
    fn features(&self, window: &[f32]) -> Vec<f32> {
        let mut stft = Spectrogram::new(N_FFT, HOP);
        let mut log_mel = vec![f64::NEG_INFINITY; MEL_BANDS * WINDOW_FRAMES];
        let padded = window
            .iter()
            .copied()
            .chain(std::iter::repeat(0.0))
            .take(WINDOW_SAMPLES);
        let samples: Vec<f32> = padded.collect();
        for (frame, hop) in samples.chunks(HOP).enumerate() {
            if let Some(fft) = stft.add(hop) {
                let bands = log_mel_spectrogram(&fft, &self.mel_filters);
                for (band, value) in bands.iter().enumerate() {
                    log_mel[band * WINDOW_FRAMES + frame] = *value;
                }
            }
        }
        let loudest = log_mel.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        log_mel
            .into_iter()
            .map(|v| ((v.max(loudest - 8.0) + 4.0) / 4.0) as f32)
            .collect()
    }

    /// Hears one window of at most 30 s: in `language` (Whisper's code, "en"), or the one it
    /// detects; with `prompt` as the text said before it.
    pub(crate) fn hear(
        &self,
        window: &[f32],
        language: Option<&str>,
        prompt: &str,
    ) -> Result<WindowHeard> {
        let mut features = self.features(window);
        let features = StorageView::new(
            &[1, MEL_BANDS, WINDOW_FRAMES],
            &mut features,
            Default::default(),
        )
        .map_err(engine_error)?;
        let encoded = self.engine.encode(&features, false).map_err(engine_error)?;
        let language_token = match language {
            Some(code) => format!("<|{code}|>"),
            None => self.detect_language(&features)?,
        };
        let start = [
            "<|startoftranscript|>",
            language_token.as_str(),
            "<|transcribe|>",
        ];
        let mut tokens: Vec<String> = Vec::new();
        let prompt_tokens = self
            .tokenizer
            .encode(&format!(" {}", prompt.trim()))
            .map_err(engine_error)?;
        if !prompt.trim().is_empty() {
            tokens.push("<|startofprev|>".into());
            // The end of a long prompt is what was said last: keep that.
            let skip = prompt_tokens.len().saturating_sub(MOST_PROMPT_TOKENS);
            tokens.extend(prompt_tokens.into_iter().skip(skip));
        }
        tokens.extend(start.iter().map(|t| t.to_string()));
        let generated = self
            .engine
            .generate(&encoded, &[tokens], &WhisperOptions::default())
            .map_err(engine_error)?;
        let Some(best) = generated.into_iter().next() else {
            return Ok(WindowHeard {
                words: Vec::new(),
                language: code_of(&language_token),
            });
        };
        // Timestamp and other special tokens come after end-of-text in the vocabulary.
        let (ids, pieces): (Vec<usize>, Vec<String>) = best
            .sequences_ids
            .first()
            .into_iter()
            .flatten()
            .zip(best.sequences.first().into_iter().flatten())
            .filter(|(id, _)| **id < self.end_of_text)
            .map(|(id, piece)| (*id, piece.clone()))
            .unzip();
        let words = if ids.is_empty() {
            Vec::new()
        } else {
            self.timed_words(&encoded, &start, &ids, &pieces, window.len())?
        };
        Ok(WindowHeard {
            words,
            language: code_of(&language_token),
        })
    }

    /// The language the model finds likeliest for the window, as its token ("<|en|>").
    fn detect_language(&self, features: &StorageView) -> Result<String> {
        let found = self
            .engine
            .detect_language(features)
            .map_err(engine_error)?;
        // The bindings (ct2rs 0.10) keep the fields of a detection private, and print them:
        // the best language is the first token in what they print.
        let printed = format!("{:?}", found.first().and_then(|ranked| ranked.first()));
        printed
            .split('"')
            .find(|piece| is_language_token(piece))
            .map(str::to_owned)
            .ok_or_else(|| {
                engine_error(format!(
                    "the model named no language for the recording ({printed})"
                ))
            })
    }

    /// The words of the generated tokens, timed by aligning them to the audio (dynamic time
    /// warping over the decoder's cross-attention, in CTranslate2).
    fn timed_words(
        &self,
        encoded: &StorageView,
        start: &[&str],
        ids: &[usize],
        pieces: &[String],
        window_samples: usize,
    ) -> Result<Vec<Word>> {
        let start_ids: Vec<usize> = start
            .iter()
            .map(|t| self.tokenizer.token_to_id(t).map_or(0, |id| id as usize))
            .collect();
        let frames = window_samples.div_ceil(HOP).min(WINDOW_FRAMES);
        let aligned = self
            .engine
            .align(
                encoded,
                &start_ids,
                &[ids.to_vec()],
                &[frames],
                MEDIAN_FILTER_WIDTH,
            )
            .map_err(engine_error)?;
        let Some(aligned) = aligned.into_iter().next() else {
            return Ok(Vec::new());
        };
        // Each token's first and last aligned frame; a token the path skipped takes the end of
        // the one before, so times never go back.
        let mut spans = vec![(i64::MAX, i64::MIN); ids.len()];
        for step in &aligned.alignments {
            if let Some(span) = usize::try_from(step.token_x)
                .ok()
                .and_then(|t| spans.get_mut(t))
            {
                span.0 = span.0.min(step.frame_x);
                span.1 = span.1.max(step.frame_x + 1);
            }
        }
        let mut last_end = 0;
        for span in &mut spans {
            if span.0 == i64::MAX {
                *span = (last_end, last_end);
            } else {
                span.0 = span.0.max(last_end);
                span.1 = span.1.max(span.0);
            }
            last_end = span.1;
        }
        let mut words = Vec::new();
        for range in word_ranges(pieces) {
            let text = self
                .tokenizer
                .decode(pieces[range.clone()].to_vec())
                .map_err(engine_error)?
                .trim()
                .to_owned();
            if text.is_empty() {
                continue;
            }
            let probabilities = &aligned.text_token_probs;
            let probability = range
                .clone()
                .filter_map(|t| probabilities.get(t))
                .sum::<f32>()
                / range.len() as f32;
            let seconds = |frame: i64| frame as f32 * ALIGNED_FRAME_SECONDS;
            let end_ms = ms(seconds(spans[range.end - 1].1));
            // A dash or bracket written apart joins the word before it.
            if let Some(previous) = words
                .last_mut()
                .filter(|_| !text.chars().any(char::is_alphanumeric))
            {
                let previous: &mut Word = previous;
                previous.text.push_str(&text);
                previous.end_ms = previous.end_ms.max(end_ms);
                continue;
            }
            words.push(Word {
                text,
                start_ms: ms(seconds(spans[range.start].0)),
                end_ms,
                probability: probability.clamp(0.0, 1.0),
            });
        }
        cap_long_words(&mut words);
        Ok(words)
    }
}

fn ms(seconds: f32) -> u32 {
    (seconds.max(0.0) * 1000.0).round() as u32
}

fn is_language_token(token: &str) -> bool {
    token.len() <= 9
        && token.starts_with("<|")
        && token.ends_with("|>")
        && token[2..token.len() - 2]
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_')
}

fn code_of(language_token: &str) -> String {
    language_token
        .trim_start_matches("<|")
        .trim_end_matches("|>")
        .to_owned()
}

/// Byte-level BPE pieces grouped into words: a piece that starts with a space (`Ġ`) starts a
/// word; punctuation and the rest of a word join the word before.
fn word_ranges(pieces: &[String]) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for (at, piece) in pieces.iter().enumerate() {
        match ranges.last_mut() {
            Some(last) if !piece.starts_with('Ġ') => last.end = at + 1,
            _ => ranges.push(at..at + 1),
        }
    }
    ranges
}

/// A word the alignment stretched over a pause (the last before a silence, mostly) ends at
/// twice the window's median word length (at most 1.4 s), as Whisper's own word timing does.
fn cap_long_words(words: &mut [Word]) {
    let mut lengths: Vec<u32> = words
        .iter()
        .map(|w| w.end_ms - w.start_ms)
        .filter(|l| *l > 0)
        .collect();
    if lengths.is_empty() {
        return;
    }
    lengths.sort_unstable();
    let longest = 2 * lengths[lengths.len() / 2].min(700);
    for word in words {
        word.end_ms = word.end_ms.min(word.start_ms + longest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_group_into_words_with_their_punctuation() {
        let pieces: Vec<String> = ["ĠMy", "Ġfather", ",", "ĠSere", "bry", "akov", "."]
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(word_ranges(&pieces), vec![0..1, 1..3, 3..7]);
        assert!(is_language_token("<|en|>") && is_language_token("<|haw|>"));
        assert!(!is_language_token("<|transcribe|>") && !is_language_token("Ġthe"));
        assert_eq!(code_of("<|ru|>"), "ru");
    }
}
