//! Times for a typed transcript from its recording, two ways.
//!
//! **By recognized words** ([`to_words`]): the typed words and the words recognition heard are
//! aligned as two sequences (a global alignment, Needleman-Wunsch, where equal words score,
//! near spellings score less, and a word on one side only costs a gap), so what editing does to
//! a transcript (disfluencies removed, "[laughs]" added, a name respelled, a sentence left out)
//! costs a few gaps and no more. A segment whose words were found is timed from the first to
//! the last of them; a segment moved elsewhere in the typed text is looked for again among the
//! heard words nothing claimed (a local alignment, Smith-Waterman); one still not found keeps
//! no times. Heard words no typed word took, in runs, are speech the typed text lacks.
//!
//! **By pauses** ([`to_pauses`]), for a recording the model cannot hear (a language or voice it
//! does not know): the recording's stretches of voice, between its pauses, are shared out
//! among the typed segments in order, each segment taking the consecutive stretches whose
//! length best fits the length of its text at the recording's rate of speech (a dynamic
//! programme); a stretch that fits no segment is left as speech the text lacks, and a segment
//! that fits no stretch keeps no times. It needs no recognition and no synthesized voice.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::{Word, SAMPLE_RATE};

/// What an alignment found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aligned {
    /// For each typed segment, in order: its start and end in milliseconds, or none.
    pub placements: Vec<Option<(u32, u32)>>,
    /// Stretches of speech no typed segment holds, with what was heard there.
    pub speech_not_in_text: Vec<Unclaimed>,
    /// Of the typed words, how many were found among the heard ones (equal or near); none
    /// when aligned by pauses.
    pub words_found: usize,
    pub words_typed: usize,
}

/// Speech in the recording that is not in the typed text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unclaimed {
    pub start_ms: u32,
    pub end_ms: u32,
    /// The words heard there; empty when found by pauses.
    pub heard: String,
}

impl Aligned {
    /// How many segments were placed.
    pub fn placed(&self) -> usize {
        self.placements.iter().filter(|p| p.is_some()).count()
    }
}

/// A word as compared: lower case, letters and digits only, accents dropped; text in square
/// brackets or parentheses ("[laughs]", "(inaudible)") is a transcriber's note, not speech.
fn comparable_words(text: &str) -> Vec<String> {
    let mut spoken = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => spoken.push(c),
            _ => {}
        }
    }
    spoken
        .split(|c: char| c.is_whitespace() || c == '-' || c == '—')
        .map(comparable)
        .filter(|w| !w.is_empty())
        .collect()
}

fn comparable(word: &str) -> String {
    word.nfd()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// Words that carry no content: a transcriber leaves them out, a recognizer writes them.
fn is_disfluency(word: &str) -> bool {
    matches!(
        word,
        "um" | "uh" | "er" | "erm" | "ah" | "eh" | "hmm" | "mm" | "эм" | "э" | "ээ" | "мм" | "ну"
    )
}

const MATCH: i32 = 4;
const NEAR: i32 = 2;
const MISMATCH: i32 = -2;
const GAP: i32 = -1;

/// How well a typed word and a heard one agree: equal, a near spelling of a longer word (a
/// name respelled, a plural), or not at all.
fn agreement(typed: &str, heard: &str) -> i32 {
    if typed == heard {
        return MATCH;
    }
    let long = typed.chars().count().min(heard.chars().count()) >= 4;
    if long && strsim::normalized_levenshtein(typed, heard) >= 0.6 {
        NEAR
    } else {
        MISMATCH
    }
}

/// Pairs of (typed index, heard index) of a global alignment, with how well each pair agrees.
/// Memory is one byte per cell of the two sequences' product: the caller keeps that bounded.
fn global_alignment(typed: &[String], heard: &[String]) -> Vec<(usize, usize, i32)> {
    let (n, m) = (typed.len(), heard.len());
    if n == 0 || m == 0 {
        return Vec::new();
    }
    // 0: diagonal, 1: typed word alone (up), 2: heard word alone (left).
    let mut from = vec![0u8; (n + 1) * (m + 1)];
    let mut previous: Vec<i32> = (0..=m as i32).map(|j| j * GAP).collect();
    from[1..=m].fill(2);
    let mut current = vec![0; m + 1];
    for i in 1..=n {
        current[0] = i as i32 * GAP;
        from[i * (m + 1)] = 1;
        for j in 1..=m {
            let diagonal = previous[j - 1] + agreement(&typed[i - 1], &heard[j - 1]);
            let up = previous[j] + GAP;
            let left = current[j - 1] + if is_disfluency(&heard[j - 1]) { 0 } else { GAP };
            let (best, way) = if diagonal >= up && diagonal >= left {
                (diagonal, 0)
            } else if up >= left {
                (up, 1)
            } else {
                (left, 2)
            };
            current[j] = best;
            from[i * (m + 1) + j] = way;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        match from[i * (m + 1) + j] {
            0 => {
                pairs.push((i - 1, j - 1, agreement(&typed[i - 1], &heard[j - 1])));
                i -= 1;
                j -= 1;
            }
            1 => i -= 1,
            _ => j -= 1,
        }
    }
    pairs.reverse();
    pairs
}

/// The largest block aligned at once, in cells; longer transcripts are cut at anchors first.
const MAX_CELLS: usize = 40_000_000;
/// Words in a row that anchor a long alignment where they occur once on each side.
const ANCHOR: usize = 5;

/// [`global_alignment`] of sequences of any length: where the product is too large, runs of
/// [`ANCHOR`] words that occur exactly once on each side, in the same order (the longest such
/// chain), cut the problem into blocks aligned one by one.
fn alignment(typed: &[String], heard: &[String]) -> Vec<(usize, usize, i32)> {
    if typed.len().saturating_mul(heard.len()) <= MAX_CELLS {
        return global_alignment(typed, heard);
    }
    let anchors = anchors(typed, heard);
    let mut pairs = Vec::new();
    let (mut ti, mut hi) = (0, 0);
    for (ta, ha) in anchors.into_iter().chain([(typed.len(), heard.len())]) {
        let (t_block, h_block) = (&typed[ti..ta], &heard[hi..ha]);
        if t_block.len().saturating_mul(h_block.len()) <= MAX_CELLS {
            pairs.extend(
                global_alignment(t_block, h_block)
                    .into_iter()
                    .map(|(t, h, s)| (t + ti, h + hi, s)),
            );
        } else {
            // No anchor in a block this long: its words are paired along its diagonal, which
            // is where nothing better is known.
            let len = t_block.len().min(h_block.len());
            pairs.extend((0..len).map(|k| {
                let t = k * t_block.len() / len;
                let h = k * h_block.len() / len;
                (t + ti, h + hi, agreement(&typed[t + ti], &heard[h + hi]))
            }));
        }
        if ta < typed.len() {
            pairs.extend((0..ANCHOR).map(|k| (ta + k, ha + k, MATCH)));
        }
        ti = (ta + ANCHOR).min(typed.len());
        hi = (ha + ANCHOR).min(heard.len());
    }
    pairs
}

/// Start positions of word runs that occur once in each sequence, in an order both agree on
/// (the longest increasing chain), not overlapping.
fn anchors(typed: &[String], heard: &[String]) -> Vec<(usize, usize)> {
    use std::collections::HashMap;
    fn once(words: &[String]) -> HashMap<&[String], Option<usize>> {
        let mut seen: HashMap<&[String], Option<usize>> = HashMap::new();
        for (at, run) in words.windows(ANCHOR).enumerate() {
            seen.entry(run)
                .and_modify(|e| *e = None)
                .or_insert(Some(at));
        }
        seen
    }
    let in_typed = once(typed);
    let in_heard = once(heard);
    let mut pairs: Vec<(usize, usize)> = in_typed
        .iter()
        .filter_map(|(run, at)| Some(((*at)?, in_heard.get(run).copied().flatten()?)))
        .collect();
    pairs.sort();
    // Longest chain increasing in both, by patience sorting on the heard positions.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous = vec![usize::MAX; pairs.len()];
    for (k, &(_, h)) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&t| pairs[t].1 < h);
        if at > 0 {
            previous[k] = tails[at - 1];
        }
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut chain = Vec::new();
    let mut at = tails.last().copied();
    while let Some(k) = at {
        chain.push(pairs[k]);
        at = Some(previous[k]).filter(|&p| p != usize::MAX);
    }
    chain.reverse();
    // Keep anchors apart by a run's length, so their words are not paired twice.
    let mut kept: Vec<(usize, usize)> = Vec::new();
    for (t, h) in chain {
        if kept
            .last()
            .is_none_or(|&(lt, lh)| t >= lt + ANCHOR && h >= lh + ANCHOR)
        {
            kept.push((t, h));
        }
    }
    kept
}

/// A segment is placed when at least this share of its words was found (and one at least).
const FOUND_SHARE: f32 = 0.3;
/// Heard words in a row that no typed word took, at least this many, are reported.
const UNCLAIMED_WORDS: usize = 3;

/// Times for typed segments from the words recognition heard in their recording.
pub fn to_words(typed_segments: &[&str], heard: &[Word]) -> Aligned {
    let mut typed: Vec<String> = Vec::new();
    let mut segment_of: Vec<usize> = Vec::new();
    for (n, text) in typed_segments.iter().enumerate() {
        for word in comparable_words(text) {
            typed.push(word);
            segment_of.push(n);
        }
    }
    let heard_words: Vec<String> = heard.iter().map(|w| comparable(&w.text)).collect();
    let pairs = alignment(&typed, &heard_words);

    let mut claimed = vec![false; heard.len()];
    // Per segment: the heard words paired with its words (matched or not), and how many agreed.
    let mut spans: Vec<Option<(usize, usize)>> = vec![None; typed_segments.len()];
    let mut found = vec![0usize; typed_segments.len()];
    for &(t, h, score) in &pairs {
        let segment = segment_of[t];
        if score > 0 {
            found[segment] += 1;
        }
        let span = spans[segment].get_or_insert((h, h));
        span.0 = span.0.min(h);
        span.1 = span.1.max(h);
    }
    let words_in = |segment: usize| segment_of.iter().filter(|&&s| s == segment).count();
    let is_found =
        |found: usize, words: usize| found >= 1 && found as f32 >= FOUND_SHARE * words as f32;
    let mut placed: Vec<Option<(usize, usize)>> = (0..typed_segments.len())
        .map(|s| spans[s].filter(|_| is_found(found[s], words_in(s))))
        .collect();
    for span in placed.iter().flatten() {
        claimed[span.0..=span.1].fill(true);
    }
    // A segment not found where the order put it may have been moved: look for it among the
    // heard words nothing claimed.
    for segment in 0..typed_segments.len() {
        if placed[segment].is_some() {
            continue;
        }
        let words: Vec<String> = comparable_words(typed_segments[segment]);
        if let Some((from, to, agreed)) = local_alignment(&words, &heard_words, &claimed) {
            if is_found(agreed, words.len()) {
                claimed[from..=to].fill(true);
                placed[segment] = Some((from, to));
            }
        }
    }
    // A segment starts where its speaker did: a disfluency said just before its first word
    // ("um, my grandmother..." typed "My grandmother...") is its beginning.
    for span in placed.iter_mut().flatten() {
        while span.0 > 0 && !claimed[span.0 - 1] && is_disfluency(&heard_words[span.0 - 1]) {
            span.0 -= 1;
            claimed[span.0] = true;
        }
    }
    let placements = placed
        .iter()
        .map(|span| span.map(|(from, to)| (heard[from].start_ms, heard[to].end_ms)))
        .collect();
    Aligned {
        placements,
        speech_not_in_text: unclaimed_runs(heard, &heard_words, &claimed),
        words_found: found.iter().sum(),
        words_typed: typed.len(),
    }
}

/// The best local alignment of `typed` among heard words not yet claimed: the span it covers
/// and how many words agreed.
fn local_alignment(
    typed: &[String],
    heard: &[String],
    claimed: &[bool],
) -> Option<(usize, usize, usize)> {
    if typed.is_empty() {
        return None;
    }
    let m = heard.len();
    // Score, where the alignment ending here began, and how many words agreed on the way.
    let mut previous = vec![(0i32, 0usize, 0usize); m + 1];
    let mut best: Option<(i32, usize, usize, usize)> = None;
    for t in typed {
        let mut current = vec![(0i32, 0usize, 0usize); m + 1];
        for j in 1..=m {
            if claimed[j - 1] {
                continue;
            }
            let score = agreement(t, &heard[j - 1]);
            let (p, start, agreed) = previous[j - 1];
            let start = if p == 0 { j - 1 } else { start };
            let diagonal = (p + score, start, agreed + usize::from(score > 0));
            let up = (previous[j].0 + GAP, previous[j].1, previous[j].2);
            let left = (current[j - 1].0 + GAP, current[j - 1].1, current[j - 1].2);
            let cell = [diagonal, up, left]
                .into_iter()
                .max_by_key(|c| c.0)
                .filter(|c| c.0 > 0)
                .unwrap_or((0, j, 0));
            current[j] = cell;
            if cell.0 > 0 && best.is_none_or(|b| cell.0 > b.0) {
                best = Some((cell.0, cell.1, j - 1, cell.2));
            }
        }
        previous = current;
    }
    best.map(|(_, from, to, agreed)| (from, to, agreed))
}

/// Runs of heard words no segment claimed, of [`UNCLAIMED_WORDS`] or more (disfluencies not
/// counted).
fn unclaimed_runs(heard: &[Word], comparable: &[String], claimed: &[bool]) -> Vec<Unclaimed> {
    let mut runs = Vec::new();
    let mut start = None;
    for at in 0..=heard.len() {
        let free = at < heard.len() && !claimed[at];
        match (free, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                let content = (from..at)
                    .filter(|&k| !is_disfluency(&comparable[k]))
                    .count();
                if content >= UNCLAIMED_WORDS {
                    runs.push(Unclaimed {
                        start_ms: heard[from].start_ms,
                        end_ms: heard[at - 1].end_ms,
                        heard: heard[from..at]
                            .iter()
                            .map(|w| w.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    runs
}

/// A stretch of voice between two pauses, in 20 ms frames.
#[derive(Debug, Clone, Copy)]
struct Voiced {
    from: usize,
    to: usize,
}

const FRAME: usize = SAMPLE_RATE as usize / 50;
const FRAME_MS: u32 = 20;
/// Quieter gaps shorter than this are within a word or between two words.
const SHORTEST_PAUSE_FRAMES: usize = 8;
/// Sounds shorter than this are clicks, not speech.
const SHORTEST_VOICE_FRAMES: usize = 4;

/// The recording's stretches of voice: frames louder than its noise floor by a margin, joined
/// across pauses shorter than [`SHORTEST_PAUSE_FRAMES`].
fn voiced_stretches(samples: &[f32]) -> Vec<Voiced> {
    let energy: Vec<f32> = samples
        .chunks(FRAME)
        .map(|f| (f.iter().map(|s| s * s).sum::<f32>() / f.len() as f32).sqrt())
        .collect();
    if energy.is_empty() {
        return Vec::new();
    }
    let mut sorted = energy.clone();
    sorted.sort_by(f32::total_cmp);
    let floor = sorted[sorted.len() / 10];
    let loud = sorted[sorted.len() * 95 / 100];
    let threshold = (floor * 3.0).max(loud * 0.05).max(0.003);
    let mut stretches: Vec<Voiced> = Vec::new();
    for (at, e) in energy.iter().enumerate() {
        if *e < threshold {
            continue;
        }
        match stretches.last_mut() {
            Some(last) if at - last.to <= SHORTEST_PAUSE_FRAMES => last.to = at + 1,
            _ => stretches.push(Voiced {
                from: at,
                to: at + 1,
            }),
        }
    }
    stretches.retain(|s| s.to - s.from >= SHORTEST_VOICE_FRAMES);
    stretches
}

/// How many stretches of voice one segment may take.
const MOST_STRETCHES: usize = 40;
/// Cost of leaving a segment unplaced, and of leaving a second of speech to no segment.
const NOT_PLACED_COST: f64 = 4.0;
const UNTYPED_SECOND_COST: f64 = 0.5;
/// Cost of each second a pause inside one segment lasts beyond [`PAUSE_IN_SENTENCE`]: long
/// pauses mostly fall between sentences.
const LONG_PAUSE_COST: f64 = 4.0;
const PAUSE_IN_SENTENCE: f64 = 0.3;

/// Times for typed segments from the pauses of their recording (16 kHz mono samples).
pub fn to_pauses(typed_segments: &[&str], samples: &[f32]) -> Aligned {
    let stretches = voiced_stretches(samples);
    let letters: Vec<f64> = typed_segments
        .iter()
        .map(|t| {
            comparable_words(t)
                .iter()
                .map(|w| w.chars().count())
                .sum::<usize>() as f64
        })
        .collect();
    let total_letters: f64 = letters.iter().sum();
    let voiced: usize = stretches.iter().map(|s| s.to - s.from).sum();
    if stretches.is_empty() || total_letters == 0.0 {
        return Aligned {
            placements: vec![None; typed_segments.len()],
            speech_not_in_text: Vec::new(),
            words_found: 0,
            words_typed: 0,
        };
    }
    // Frames of voice per letter: first from the whole, then again from what the first
    // sharing placed (text left out of the transcript makes the first estimate slow).
    let mut rate = voiced as f64 / total_letters;
    let mut shared = share_out(&letters, &stretches, rate);
    let (placed_frames, placed_letters) = shared
        .iter()
        .zip(&letters)
        .filter_map(|(s, l)| s.map(|(a, b)| (voiced_in(&stretches[a..=b]) as f64, *l)))
        .fold((0.0, 0.0), |(f, l), (pf, pl)| (f + pf, l + pl));
    if placed_letters > 0.0 {
        rate = placed_frames / placed_letters;
        shared = share_out(&letters, &stretches, rate);
    }
    let mut taken = vec![false; stretches.len()];
    for (a, b) in shared.iter().flatten() {
        taken[*a..=*b].fill(true);
    }
    let ms = |frame: usize| frame as u32 * FRAME_MS;
    Aligned {
        placements: shared
            .iter()
            .map(|s| s.map(|(a, b)| (ms(stretches[a].from), ms(stretches[b].to))))
            .collect(),
        speech_not_in_text: stretches
            .iter()
            .zip(&taken)
            .filter(|(s, taken)| !**taken && s.to - s.from >= 25)
            .map(|(s, _)| Unclaimed {
                start_ms: ms(s.from),
                end_ms: ms(s.to),
                heard: String::new(),
            })
            .collect(),
        words_found: 0,
        words_typed: 0,
    }
}

fn voiced_in(stretches: &[Voiced]) -> usize {
    stretches.iter().map(|s| s.to - s.from).sum()
}

/// The dynamic programme of [`to_pauses`]: for each segment, the stretches it takes (first
/// and last index), or none. Segments and stretches are both taken in order.
fn share_out(letters: &[f64], stretches: &[Voiced], rate: f64) -> Vec<Option<(usize, usize)>> {
    let (n, k) = (letters.len(), stretches.len());
    let frames_per_second = 1000.0 / FRAME_MS as f64;
    // cost[i][j]: the least cost of placing the first i segments within the first j stretches.
    let mut cost = vec![vec![f64::INFINITY; k + 1]; n + 1];
    // How each cell was reached: 0 a stretch left untyped, 1 a segment not placed, 2 + the
    // number of stretches the segment took.
    let mut way = vec![vec![0usize; k + 1]; n + 1];
    cost[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=k {
            let here = cost[i][j];
            if !here.is_finite() {
                continue;
            }
            if j < k {
                let untyped = here
                    + UNTYPED_SECOND_COST * (stretches[j].to - stretches[j].from) as f64
                        / frames_per_second;
                if untyped < cost[i][j + 1] {
                    cost[i][j + 1] = untyped;
                    way[i][j + 1] = 0;
                }
            }
            if i < n {
                if here + NOT_PLACED_COST < cost[i + 1][j] {
                    cost[i + 1][j] = here + NOT_PLACED_COST;
                    way[i + 1][j] = 1;
                }
                let expected = (letters[i] * rate).max(1.0);
                let mut frames = 0usize;
                let mut long_pauses = 0.0;
                for take in 1..=MOST_STRETCHES.min(k - j) {
                    let last = &stretches[j + take - 1];
                    frames += last.to - last.from;
                    if take > 1 {
                        // A pause inside a segment counts half: sentences pause at commas too.
                        let pause = last.from - stretches[j + take - 2].to;
                        frames += pause / 2;
                        long_pauses +=
                            (pause as f64 / frames_per_second - PAUSE_IN_SENTENCE).max(0.0);
                    }
                    let misfit = (frames as f64 / expected).ln();
                    let step = here + 8.0 * misfit * misfit + LONG_PAUSE_COST * long_pauses;
                    if step < cost[i + 1][j + take] {
                        cost[i + 1][j + take] = step;
                        way[i + 1][j + take] = 2 + take;
                    }
                    if frames as f64 > 3.0 * expected {
                        break;
                    }
                }
            }
        }
    }
    let mut shared = vec![None; n];
    let (mut i, mut j) = (n, k);
    while i > 0 || j > 0 {
        match way[i][j] {
            0 => j -= 1,
            1 => i -= 1,
            w => {
                let take = w - 2;
                shared[i - 1] = Some((j - take, j - 1));
                i -= 1;
                j -= take;
            }
        }
    }
    shared
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heard(text: &str) -> Vec<Word> {
        text.split_whitespace()
            .enumerate()
            .map(|(n, w)| Word {
                text: w.into(),
                start_ms: n as u32 * 500,
                end_ms: n as u32 * 500 + 400,
                probability: 0.9,
            })
            .collect()
    }

    #[test]
    fn edited_text_is_placed_and_speech_it_left_out_is_reported() {
        let words = heard(
            "Um we lived in Leningrad. Then uh Serebriakov came to see us. \
             He stayed for three days and left early. My mother cried.",
        );
        let typed = [
            "We lived in Leningrad [laughs].",
            "Then Serebryakov came to see us.",
            "My mother cried.",
        ];
        let aligned = to_words(&typed, &words);
        // The "Um" the transcriber left out is where the speaker began.
        assert_eq!(
            aligned.placements,
            vec![Some((0, 2400)), Some((2500, 5900)), Some((10000, 11400))]
        );
        assert_eq!(aligned.speech_not_in_text.len(), 1);
        assert_eq!(
            aligned.speech_not_in_text[0].heard,
            "He stayed for three days and left early."
        );
    }

    #[test]
    fn a_segment_moved_in_the_typed_text_is_found_where_it_was_said_and_one_never_said_is_not_placed(
    ) {
        let words = heard(
            "the house stood by the river. we moved to the city in spring. nobody wrote to us.",
        );
        let typed = [
            "We moved to the city in spring.",
            "Nobody wrote to us.",
            "The house stood by the river.",
            "Grandfather was a typesetter in Kharkov.",
        ];
        let aligned = to_words(&typed, &words);
        assert_eq!(aligned.placements[0], Some((3000, 6400)));
        assert_eq!(aligned.placements[1], Some((6500, 8400)));
        assert_eq!(aligned.placements[2], Some((0, 2900)));
        assert_eq!(aligned.placements[3], None);
        assert!(aligned.speech_not_in_text.is_empty());
    }

    #[test]
    fn long_texts_are_cut_at_anchors_into_blocks_and_still_aligned() {
        let typed: Vec<String> = (0..300).map(|n| format!("w{n}")).collect();
        let mut heard = typed.clone();
        heard.remove(150);
        heard.insert(10, "extra".into());
        let anchors = anchors(&typed, &heard);
        assert!(anchors.len() > 10, "{anchors:?}");
        assert!(anchors
            .windows(2)
            .all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
        for (t, h) in anchors {
            assert_eq!(typed[t], heard[h]);
        }
    }

    /// A tone of `seconds` at a loudness, or silence.
    fn tone(seconds: f64, loud: bool) -> Vec<f32> {
        let n = (seconds * SAMPLE_RATE as f64) as usize;
        (0..n)
            .map(|k| {
                if loud {
                    0.3 * (k as f32 * 0.07).sin()
                } else {
                    0.0
                }
            })
            .collect()
    }

    #[test]
    fn pauses_share_the_voice_among_segments_by_the_length_of_their_text() {
        // Three "sentences" of 2, 4 and 1 s (the second with a short pause inside), a 3 s one
        // the typed text lacks, between pauses of a second.
        let mut samples = tone(1.0, false);
        for (seconds, pause) in [(2.0, 1.0), (1.5, 0.3), (2.5, 1.0), (3.0, 1.0), (1.0, 1.0)] {
            samples.extend(tone(seconds, true));
            samples.extend(tone(pause, false));
        }
        let typed = [
            "Twenty letters here.",
            "Forty letters are written in this one.",
            "Ten letter",
        ];
        let aligned = to_pauses(&typed, &samples);
        let starts: Vec<u32> = aligned
            .placements
            .iter()
            .map(|p| p.expect("placed").0)
            .collect();
        assert_eq!(starts, vec![1000, 4000, 13300]);
        assert_eq!(aligned.speech_not_in_text.len(), 1);
        assert_eq!(aligned.speech_not_in_text[0].start_ms, 9300);
    }
}
