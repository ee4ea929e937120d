//! Whisper's known failure: on silence, noise or speech it cannot make out, it writes the same
//! words over and over. Such text is marked for the curator and never stored as speech.

use std::io::Write;

/// faster-whisper's and OpenAI's threshold: text that compresses more than this is a loop.
const COMPRESSION_RATIO_LIMIT: f64 = 2.4;
/// Shorter text compresses too little for the ratio to say anything.
const SHORTEST_FOR_RATIO: usize = 40;
/// The same one to four words this many times in a row is a loop, however short the text.
const REPEATS_IN_A_ROW: usize = 4;

/// Whether recognized text is a repetition loop rather than speech.
pub(crate) fn is_repetition_loop(words: &[&str]) -> bool {
    let folded: Vec<String> = words
        .iter()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    repeats_in_a_row(&folded) || compression_ratio(&words.join(" ")) > COMPRESSION_RATIO_LIMIT
}

fn repeats_in_a_row(words: &[String]) -> bool {
    (1..=4).any(|n| {
        let mut start = 0;
        while start + n * REPEATS_IN_A_ROW <= words.len() {
            let gram = &words[start..start + n];
            let repeats = (1..)
                .take_while(|k| {
                    let at = start + k * n;
                    at + n <= words.len() && &words[at..at + n] == gram
                })
                .count()
                + 1;
            if repeats >= REPEATS_IN_A_ROW {
                return true;
            }
            start += 1;
        }
        false
    })
}

fn compression_ratio(text: &str) -> f64 {
    if text.len() < SHORTEST_FOR_RATIO {
        return 0.0;
    }
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    encoder.write_all(text.as_bytes()).expect("in memory");
    let compressed = encoder.finish().expect("in memory");
    text.len() as f64 / compressed.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }

    #[test]
    fn speech_is_not_a_loop() {
        for text in [
            "My grandfather worked on the railway before the war.",
            "Она говорила, что отец вернулся домой только в пятьдесят шестом году.",
            "No, no, no, I never saw him again.",
        ] {
            assert!(!is_repetition_loop(&words(text)), "{text}");
        }
    }

    #[test]
    fn the_same_words_over_and_over_are_a_loop() {
        for text in [
            "Thank you. Thank you. Thank you. Thank you.",
            "и я и я и я и я и я",
            "so so so so so",
            "I don't know what to say. I don't know what to say. I don't know what to say. I don't know what to say. I don't know",
        ] {
            assert!(is_repetition_loop(&words(text)), "{text}");
        }
    }
}
