//! Recognition of a whole recording: Whisper hears at most 30 seconds at a time, so the
//! recording is cut into windows at its quietest moments, each window recognized alone (memory
//! stays flat however long the recording, progress is known after each, and a cancel is heard
//! between two), and the timed words are grouped into segments at sentence ends and pauses.

use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use crate::{loops::is_repetition_loop, whisper::Whisper, Model, Result, SpeechError, SAMPLE_RATE};

/// The longest window Whisper hears.
const WINDOW: usize = 30 * SAMPLE_RATE as usize;
/// A window ends at the quietest 20 ms in its last five seconds, so that no word is cut.
const CUT_SEARCH: usize = 5 * SAMPLE_RATE as usize;
const CUT_FRAME: usize = SAMPLE_RATE as usize / 50;
/// A window shorter than this (the tail of a recording) holds no word.
const SHORTEST_WINDOW: usize = SAMPLE_RATE as usize / 5;
const SECOND: usize = SAMPLE_RATE as usize;
/// Quieter than this everywhere, a window holds no voice.
const SILENT_RMS: f32 = 0.005;
/// A pause this long between two words starts a new segment.
const SEGMENT_PAUSE_MS: u32 = 800;

/// How to recognize.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The recording's language as Whisper names it ("en", "ru"); `None` lets the model detect
    /// it in the first window with voice, and hear the rest in it.
    pub language: Option<String>,
    /// Names the recording is expected to hold, as they are to be spelled ("Serebryakov,
    /// Smilga"): given to the model as the text said before each window.
    pub names: Vec<String>,
}

/// A recognized word, its times in milliseconds from the start of the recording.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Word {
    pub text: String,
    pub start_ms: u32,
    pub end_ms: u32,
    /// The model's confidence in the word, 0 to 1.
    pub probability: f32,
}

/// Words spoken together: a sentence, or what lies between two pauses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    pub start_ms: u32,
    pub end_ms: u32,
    pub text: String,
    pub words: Vec<Word>,
}

/// A stretch the model wrote but that is not speech (a repetition loop), kept apart with what
/// it wrote so that the curator can listen there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flagged {
    pub start_ms: u32,
    pub end_ms: u32,
    pub text: String,
    pub reason: &'static str,
}

/// What recognition made of a recording.
#[derive(Debug, Clone, Serialize)]
pub struct Recognition {
    pub segments: Vec<Segment>,
    pub flagged: Vec<Flagged>,
    pub duration_ms: u32,
    /// The language heard, as given or detected ("en"); none when no window held voice.
    pub language: Option<String>,
}

/// How far recognition has come, after each window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done_ms: u32,
    pub total_ms: u32,
}

/// A loaded model, ready to recognize recordings one after the other.
pub struct Recognizer {
    whisper: Whisper,
}

impl Recognizer {
    /// Loads the model with `threads` CPU threads for the engine (0 lets it choose).
    pub fn new(model: &Model, threads: usize) -> Result<Recognizer> {
        Ok(Recognizer {
            whisper: Whisper::load(model, threads)?,
        })
    }

    /// Recognizes 16 kHz mono samples ([`crate::read_for_speech`]). `progress` is told after
    /// each window; `cancel` is read before each, and a cancelled recognition returns nothing.
    pub fn recognize(
        &self,
        samples: &[f32],
        settings: &Settings,
        progress: &mut dyn FnMut(Progress),
        cancel: &AtomicBool,
    ) -> Result<Recognition> {
        let total_ms = ms(samples.len());
        let mut language = settings.language.clone();
        let prompt = settings.names.join(", ");
        let mut words: Vec<Word> = Vec::new();
        let mut flagged = Vec::new();
        let mut from = 0;
        while from + SHORTEST_WINDOW <= samples.len() {
            if cancel.load(Ordering::Relaxed) {
                return Err(SpeechError::Cancelled);
            }
            // A window starts where the voice does: Whisper places a first word heard after a
            // silence at the very start of its window, early by the length of the silence.
            from = voice_from(samples, from);
            if from + SHORTEST_WINDOW > samples.len() {
                break;
            }
            let to = window_end(samples, from);
            let next = match self.hear(&samples[from..to], from, &mut language, &prompt)? {
                Heard::Words(window_words, next) => {
                    words.extend(window_words);
                    next
                }
                Heard::Loop(loop_flagged) => {
                    flagged.push(loop_flagged);
                    to
                }
                Heard::Silence => to,
            };
            progress(Progress {
                done_ms: ms(next),
                total_ms,
            });
            from = next;
        }
        progress(Progress {
            done_ms: total_ms,
            total_ms,
        });
        Ok(Recognition {
            segments: segments(words),
            flagged,
            duration_ms: total_ms,
            language,
        })
    }

    /// What Whisper hears in one window, `window` being the samples from `from` on; the
    /// language, when not known yet, is what it detects there.
    fn hear(
        &self,
        window: &[f32],
        from: usize,
        language: &mut Option<String>,
        prompt: &str,
    ) -> Result<Heard> {
        let to = from + window.len();
        // Whisper writes words on silence; a window with no voice in it is not heard.
        if is_silent(window) {
            return Ok(Heard::Silence);
        }
        let heard = self.whisper.hear(window, language.as_deref(), prompt)?;
        language.get_or_insert(heard.language);
        let mut words = offset_words(heard.words, from, to);
        snap_to_voice(&mut words, window, from);
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        if is_repetition_loop(&texts) {
            return Ok(Heard::Loop(Flagged {
                start_ms: ms(from),
                end_ms: ms(to),
                text: texts.join(" "),
                reason: "repetition",
            }));
        }
        let next = resume_at(&mut words, from, to);
        Ok(Heard::Words(words, next))
    }
}

/// What one window held.
enum Heard {
    Silence,
    /// Words, and where the next window starts.
    Words(Vec<Word>, usize),
    Loop(Flagged),
}

/// Where the window after `from..to` starts. Whisper often stops before the end of what it
/// hears (a last sentence left out, or cut after its first word): then the window's words are
/// kept up to its last sentence's end, and what follows is heard again in the next window.
fn resume_at(words: &mut Vec<Word>, from: usize, to: usize) -> usize {
    let stopped_early = words
        .last()
        .is_some_and(|last| samples_at(last.end_ms) + SECOND < to);
    if !stopped_early {
        return to;
    }
    let kept = words
        .iter()
        .rposition(|w| ends_sentence(&w.text))
        .map_or(words.len(), |last| last + 1);
    words.truncate(kept);
    words.last().map_or(to, |last| {
        samples_at(last.end_ms).max(from + SECOND).min(to)
    })
}

fn ms(samples: usize) -> u32 {
    (samples as u64 * 1000 / SAMPLE_RATE as u64) as u32
}

fn samples_at(ms: u32) -> usize {
    (ms as u64 * SAMPLE_RATE as u64 / 1000) as usize
}

/// The words of the window `from..to`, timed from the start of the recording.
fn offset_words(words: Vec<Word>, from: usize, to: usize) -> Vec<Word> {
    let offset = ms(from);
    words
        .into_iter()
        .map(|w| {
            let start_ms = (w.start_ms + offset).min(ms(to));
            Word {
                start_ms,
                end_ms: (w.end_ms + offset).min(ms(to)).max(start_ms),
                ..w
            }
        })
        .collect()
}

/// Word times moved off the silence around them: the attention alignment tends to start a
/// word after a pause where the pause starts (or in the tail of the word before it), and to end
/// the last word before a pause where the next word starts. Within a word's span, the stretches
/// of voice apart by pauses of [`PAUSE_IN_WORD`] or more are found; the word is the longest of
/// them (`window` is the samples from `from` on). A span with no voice is left as it is.
fn snap_to_voice(words: &mut [Word], window: &[f32], from: usize) {
    let voiced = |at: usize| {
        window
            .get(at..(at + CUT_FRAME).min(window.len()))
            .is_some_and(|frame| !frame.is_empty() && !is_silent(frame))
    };
    for word in words {
        let start = samples_at(word.start_ms).saturating_sub(from);
        let end = samples_at(word.end_ms)
            .saturating_sub(from)
            .min(window.len());
        // Stretches of voice: (first frame, end of the last frame).
        let mut stretches: Vec<(usize, usize)> = Vec::new();
        for at in (start..end).step_by(CUT_FRAME).filter(|&at| voiced(at)) {
            let frame_end = (at + CUT_FRAME).min(end);
            match stretches.last_mut() {
                Some(last) if at - last.1 < PAUSE_IN_WORD => last.1 = frame_end,
                _ => stretches.push((at, frame_end)),
            }
        }
        let Some(&(first, last)) = stretches.iter().max_by_key(|(a, b)| b - a) else {
            continue;
        };
        word.start_ms = ms(from + first);
        word.end_ms = ms(from + last).max(word.start_ms);
    }
}

/// A quiet stretch this long inside a word's span is a pause between words, not a stop
/// consonant.
const PAUSE_IN_WORD: usize = SAMPLE_RATE as usize / 5;

/// Where the window starting at `from` ends: 30 s on, or at the quietest 20 ms of its last
/// five seconds, or at the end of the recording.
fn window_end(samples: &[f32], from: usize) -> usize {
    let to = from + WINDOW;
    if to >= samples.len() {
        samples.len()
    } else {
        quietest_frame(samples, to - CUT_SEARCH, to)
    }
}

/// The first 20 ms frame from `from` on louder than about -46 dBFS, less a tenth of a second
/// (speech starts softer than it goes on); the end of the samples when there is none.
fn voice_from(samples: &[f32], from: usize) -> usize {
    samples[from..]
        .chunks(CUT_FRAME)
        .position(|frame| !is_silent(frame))
        .map_or(samples.len(), |n| {
            (from + n * CUT_FRAME).saturating_sub(SECOND / 10).max(from)
        })
}

/// Whether no 20 ms of the samples is louder than about -46 dBFS.
fn is_silent(samples: &[f32]) -> bool {
    samples.chunks(CUT_FRAME).all(|frame| {
        let energy = frame.iter().map(|s| s * s).sum::<f32>() / frame.len() as f32;
        energy.sqrt() < SILENT_RMS
    })
}

/// The middle of the 20 ms frame with the least energy between `from` and `to`.
fn quietest_frame(samples: &[f32], from: usize, to: usize) -> usize {
    (from..to - CUT_FRAME)
        .step_by(CUT_FRAME / 2)
        .min_by(|&a, &b| {
            let energy = |at: usize| {
                samples[at..at + CUT_FRAME]
                    .iter()
                    .map(|s| s * s)
                    .sum::<f32>()
            };
            energy(a).total_cmp(&energy(b))
        })
        .map_or(to, |at| at + CUT_FRAME / 2)
}

fn ends_sentence(word: &str) -> bool {
    word.ends_with(['.', '?', '!', '…'])
}

/// Words grouped into segments: a new one after a sentence's end or a long pause.
fn segments(words: Vec<Word>) -> Vec<Segment> {
    let mut out: Vec<Vec<Word>> = Vec::new();
    for word in words {
        let starts_new = match out.last().and_then(|s| s.last()) {
            None => true,
            Some(previous) => {
                ends_sentence(&previous.text)
                    || word.start_ms.saturating_sub(previous.end_ms) >= SEGMENT_PAUSE_MS
            }
        };
        if starts_new {
            out.push(vec![word]);
        } else if let Some(current) = out.last_mut() {
            current.push(word);
        }
    }
    out.into_iter()
        .map(|words| Segment {
            start_ms: words[0].start_ms,
            end_ms: words[words.len() - 1].end_ms,
            text: words
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            words,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, start_ms: u32, end_ms: u32) -> Word {
        Word {
            text: text.into(),
            start_ms,
            end_ms,
            probability: 0.9,
        }
    }

    #[test]
    fn segments_end_at_a_sentence_end_or_a_long_pause() {
        let words = vec![
            word("We", 0, 200),
            word("left.", 250, 600),
            word("Then", 700, 900),
            word("nothing", 1000, 1400),
            word("for", 2500, 2700),
            word("years.", 2750, 3200),
        ];
        let texts: Vec<(String, u32, u32)> = segments(words)
            .into_iter()
            .map(|s| (s.text, s.start_ms, s.end_ms))
            .collect();
        assert_eq!(
            texts,
            [
                ("We left.".to_string(), 0, 600),
                ("Then nothing".to_string(), 700, 1400),
                ("for years.".to_string(), 2500, 3200),
            ]
        );
    }

    #[test]
    fn a_long_recording_is_cut_at_its_quiet_moments_into_windows_of_at_most_30_seconds() {
        // 75 s of loud samples with a silent 40 ms every 7 s: each cut falls in a silence.
        let rate = SAMPLE_RATE as usize;
        let samples: Vec<f32> = (0..75 * rate)
            .map(|n| {
                if n % (7 * rate) < rate / 25 {
                    0.0
                } else if n % 2 == 0 {
                    0.5
                } else {
                    -0.5
                }
            })
            .collect();
        let mut from = 0;
        let mut cuts = Vec::new();
        while from < samples.len() {
            let to = window_end(&samples, from);
            assert!(to > from && to - from <= WINDOW, "{from}..{to}");
            if to < samples.len() {
                assert_eq!(samples[to], 0.0, "the cut at {to} is in a silence");
            }
            cuts.push(to);
            from = to;
        }
        assert_eq!(cuts.len(), 3, "{cuts:?}");
        assert!(!is_silent(&samples));
        assert!(is_silent(&vec![0.001; rate]));
        let mut late = vec![0.0; 3 * rate];
        late[2 * rate..].fill(0.5);
        assert_eq!(voice_from(&late, 0), 2 * rate - rate / 10);
        assert_eq!(voice_from(&late, 2 * rate), 2 * rate);
        assert_eq!(voice_from(&vec![0.0; rate], 0), rate);
    }
}
