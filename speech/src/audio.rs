//! A recording decoded as Whisper hears it: one channel at 16 kHz, samples in [-1, 1].

use std::{fs::File, path::Path};

use rubato::{FftFixedIn, Resampler};
use symphonia::core::{
    audio::SampleBuffer, codecs::DecoderOptions, errors::Error as DecodeError,
    formats::FormatOptions, io::MediaSourceStream, meta::MetadataOptions, probe::Hint,
};

use crate::{Result, SpeechError};

/// The sample rate every Whisper model listens at.
pub const SAMPLE_RATE: u32 = 16_000;

/// Below this peak (about -60 dBFS) a recording holds no speech to speak of.
const SILENT_PEAK: f32 = 0.001;

/// Decodes a recording (WAV, FLAC, MP3, AAC, ALAC, Ogg Vorbis), mixes its channels to one and
/// resamples it to 16 kHz. A file that is not audio, or holds only silence, is refused by name.
pub fn read_for_speech(path: &Path) -> Result<Vec<f32>> {
    let refused = |reason: String| SpeechError::Recording {
        path: path.to_owned(),
        reason,
    };
    let file = File::open(path).map_err(|e| refused(e.to_string()))?;
    let stream = MediaSourceStream::new(Box::new(file), Default::default());
    let mut hint = Hint::new();
    if let Some(extension) = path.extension().and_then(|e| e.to_str()) {
        hint.with_extension(extension);
    }
    let probed = symphonia::default::get_probe()
        .format(
            &hint,
            stream,
            &FormatOptions::default(),
            &MetadataOptions::default(),
        )
        .map_err(|e| refused(format!("no audio format recognized ({e})")))?;
    let mut format = probed.format;
    let track = format
        .default_track()
        .ok_or_else(|| refused("it has no audio track".into()))?;
    let track_id = track.id;
    let params = track.codec_params.clone();
    let rate = params
        .sample_rate
        .ok_or_else(|| refused("its sample rate is not stated".into()))?;
    let mut decoder = symphonia::default::get_codecs()
        .make(&params, &DecoderOptions::default())
        .map_err(|e| refused(format!("its audio cannot be decoded ({e})")))?;

    let mut mono = Vec::new();
    loop {
        let packet = match format.next_packet() {
            Ok(packet) => packet,
            Err(DecodeError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(DecodeError::ResetRequired) => break,
            Err(e) => return Err(refused(e.to_string())),
        };
        if packet.track_id() != track_id {
            continue;
        }
        let decoded = match decoder.decode(&packet) {
            Ok(decoded) => decoded,
            // A damaged packet costs its few milliseconds, not the recording.
            Err(DecodeError::DecodeError(_)) => continue,
            Err(e) => return Err(refused(e.to_string())),
        };
        let channels = decoded.spec().channels.count().max(1);
        let mut buffer = SampleBuffer::<f32>::new(decoded.capacity() as u64, *decoded.spec());
        buffer.copy_interleaved_ref(decoded);
        mono.extend(
            buffer
                .samples()
                .chunks(channels)
                .map(|frame| frame.iter().sum::<f32>() / channels as f32),
        );
    }
    if mono.is_empty() {
        return Err(refused("it holds no audio".into()));
    }
    if mono.iter().all(|s| s.abs() < SILENT_PEAK) {
        return Err(SpeechError::Silent {
            path: path.to_owned(),
        });
    }
    if rate == SAMPLE_RATE {
        return Ok(mono);
    }
    resample(&mono, rate).map_err(refused)
}

/// Resamples one channel to 16 kHz with rubato's FFT resampler.
fn resample(samples: &[f32], rate: u32) -> std::result::Result<Vec<f32>, String> {
    const CHUNK: usize = 4096;
    let mut resampler = FftFixedIn::<f32>::new(rate as usize, SAMPLE_RATE as usize, CHUNK, 2, 1)
        .map_err(|e| e.to_string())?;
    let wanted = (samples.len() as u64 * SAMPLE_RATE as u64 / rate as u64) as usize;
    let delay = resampler.output_delay();
    let mut out = Vec::with_capacity(wanted + delay + CHUNK);
    let mut rest = samples;
    while rest.len() >= resampler.input_frames_next() {
        let (chunk, after) = rest.split_at(resampler.input_frames_next());
        let resampled = resampler
            .process(&[chunk], None)
            .map_err(|e| e.to_string())?;
        out.extend_from_slice(&resampled[0]);
        rest = after;
    }
    if !rest.is_empty() {
        let resampled = resampler
            .process_partial(Some(&[rest]), None)
            .map_err(|e| e.to_string())?;
        out.extend_from_slice(&resampled[0]);
    }
    // The resampler holds back `delay` frames; an empty call lets them out.
    while out.len() < wanted + delay {
        let resampled = resampler
            .process_partial::<&[f32]>(None, None)
            .map_err(|e| e.to_string())?;
        if resampled[0].is_empty() {
            break;
        }
        out.extend_from_slice(&resampled[0]);
    }
    let mut out = out.split_off(delay.min(out.len()));
    out.truncate(wanted);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tone_keeps_its_length_and_pitch_when_resampled() {
        // One second of 440 Hz at 44.1 kHz becomes one second at 16 kHz with the same zero
        // crossings (880 a second, give or take the ends).
        let rate = 44_100;
        let tone: Vec<f32> = (0..rate)
            .map(|n| (2.0 * std::f32::consts::PI * 440.0 * n as f32 / rate as f32).sin() * 0.5)
            .collect();
        let out = resample(&tone, rate).unwrap();
        assert_eq!(out.len(), SAMPLE_RATE as usize);
        let crossings = out
            .windows(2)
            .filter(|w| (w[0] < 0.0) != (w[1] < 0.0))
            .count();
        assert!(
            (870..=890).contains(&crossings),
            "{crossings} zero crossings"
        );
    }
}
