//! Silencing withheld time ranges of a recording for public packages: a sealed or redacted
//! span is withheld from the audio too, not only from the text.
//!
//! WAV (PCM) is silenced while copying: the sample bytes of each range are replaced by silence,
//! and the copy is the `fmt ` and `data` chunks only: every other chunk (LIST/INFO with its
//! artist and comments, bext, iXML, cue points) stays in the archive. FLAC is decoded (symphonia), silenced and re-encoded
//! losslessly (flacenc), streaming frame by frame. A public MP3 with nothing to silence keeps its
//! frames and none of its tags. Other formats cannot be silenced here; the caller leaves them out
//! of public packages with a note when something in them is withheld.

use std::{
    fs::File,
    io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write},
    path::Path,
};

use crate::{
    error::{Error, Result},
    jobs::JobContext,
};

/// A time range to silence, in milliseconds from the start.
pub type Range = (u32, u32);

/// Whether a recording of this MIME type can be silenced.
pub fn can_silence(mime: &str) -> bool {
    matches!(
        mime,
        "audio/wav" | "audio/x-wav" | "audio/wave" | "audio/flac" | "audio/x-flac"
    )
}

/// Writes `src` to `dest` with `ranges` silenced.
pub fn silence(
    src: &Path,
    mime: &str,
    ranges: &[Range],
    dest: &Path,
    job: &JobContext,
) -> Result<()> {
    match mime {
        "audio/wav" | "audio/x-wav" | "audio/wave" => silence_wav(src, ranges, dest, job),
        "audio/flac" | "audio/x-flac" => silence_flac(src, ranges, dest, job),
        other => Err(Error::invalid(
            "recording",
            format!("{}: {other} recordings cannot be silenced", src.display()),
        )),
    }
}

/// Whether a recording of this MIME type is MP3, whose public copy is stripped of its tags.
pub fn is_mp3(mime: &str) -> bool {
    matches!(
        mime,
        "audio/mpeg" | "audio/mp3" | "audio/x-mp3" | "audio/mpeg3"
    )
}

/// Copies an MP3 recording with its frames only: the ID3v2 tags before them (title, artist,
/// comments, pictures) and the ID3v1, APEv2 and appended ID3v2 tags after them may name whom the
/// public view withholds. Written here rather than with a tag library because dropping a tag
/// needs only its framing (a size in its header or footer): nothing inside it is read.
pub fn strip_mp3_tags(src: &Path, dest: &Path) -> Result<()> {
    let mut file = File::open(src).map_err(|e| Error::io(src, e))?;
    let len = file.metadata().map_err(|e| Error::io(src, e))?.len();
    let read_at = |file: &mut File, at: u64, buf: &mut [u8]| -> Result<bool> {
        if at + buf.len() as u64 > len {
            return Ok(false);
        }
        file.seek(SeekFrom::Start(at))
            .map_err(|e| Error::io(src, e))?;
        file.read_exact(buf).map_err(|e| Error::io(src, e))?;
        Ok(true)
    };
    let syncsafe = |b: &[u8]| -> u64 {
        b.iter()
            .fold(0u64, |n, &byte| (n << 7) | u64::from(byte & 0x7f))
    };
    // ID3v2 tags at the start (a file may carry more than one).
    let mut start = 0u64;
    let mut header = [0u8; 10];
    while read_at(&mut file, start, &mut header)? && &header[..3] == b"ID3" {
        let footer = if header[5] & 0x10 != 0 { 10 } else { 0 };
        start += 10 + syncsafe(&header[6..10]) + footer;
    }
    // Tags at the end, in any order: ID3v1 ("TAG", 128 bytes), APEv2 (a 32-byte footer saying
    // the tag's size, plus its header when it has one), an appended ID3v2 tag (a "3DI" footer).
    let mut end = len;
    loop {
        let mut tag = [0u8; 3];
        if end >= start + 128 && read_at(&mut file, end - 128, &mut tag)? && &tag == b"TAG" {
            end -= 128;
            continue;
        }
        let mut ape = [0u8; 32];
        if end >= start + 32 && read_at(&mut file, end - 32, &mut ape)? && &ape[..8] == b"APETAGEX"
        {
            let size = u64::from(u32::from_le_bytes([ape[12], ape[13], ape[14], ape[15]]));
            let has_header = ape[23] & 0x80 != 0;
            let whole = size + if has_header { 32 } else { 0 };
            end = end.saturating_sub(whole).max(start);
            continue;
        }
        let mut footer = [0u8; 10];
        if end >= start + 10 && read_at(&mut file, end - 10, &mut footer)? && &footer[..3] == b"3DI"
        {
            end = end.saturating_sub(20 + syncsafe(&footer[6..10])).max(start);
            continue;
        }
        break;
    }
    file.seek(SeekFrom::Start(start))
        .map_err(|e| Error::io(src, e))?;
    let mut out = BufWriter::new(File::create(dest).map_err(|e| Error::io(dest, e))?);
    std::io::copy(&mut (&mut file).take(end - start), &mut out).map_err(|e| Error::io(dest, e))?;
    out.flush().map_err(|e| Error::io(dest, e))?;
    Ok(())
}

struct WavLayout {
    /// The `fmt ` chunk's body, as it is.
    fmt: Vec<u8>,
    data_start: u64,
    data_len: u64,
    sample_rate: u32,
    block_align: u32,
    unsigned_8bit: bool,
}

fn wav_error(src: &Path, message: &str) -> Error {
    Error::invalid("recording", format!("{}: {message}", src.display()))
}

fn read_wav_layout(src: &Path, file: &mut File) -> Result<WavLayout> {
    let mut header = [0u8; 12];
    file.read_exact(&mut header)
        .map_err(|_| wav_error(src, "too short to be a WAV file"))?;
    if &header[0..4] != b"RIFF" || &header[8..12] != b"WAVE" {
        return Err(wav_error(src, "not a RIFF/WAVE file"));
    }
    let mut format: Option<(u16, u32, u16, u16)> = None;
    let mut fmt_body = Vec::new();
    let mut offset = 12u64;
    loop {
        let mut chunk = [0u8; 8];
        if file.read_exact(&mut chunk).is_err() {
            return Err(wav_error(src, "no data chunk"));
        }
        let size = u32::from_le_bytes(chunk[4..8].try_into().unwrap()) as u64;
        offset += 8;
        match &chunk[0..4] {
            b"fmt " => {
                let mut fmt = vec![0u8; size as usize];
                file.read_exact(&mut fmt)
                    .map_err(|_| wav_error(src, "truncated fmt chunk"))?;
                if fmt.len() < 16 {
                    return Err(wav_error(src, "fmt chunk too short"));
                }
                let tag = u16::from_le_bytes([fmt[0], fmt[1]]);
                let rate = u32::from_le_bytes(fmt[4..8].try_into().unwrap());
                let align = u16::from_le_bytes([fmt[12], fmt[13]]);
                let bits = u16::from_le_bytes([fmt[14], fmt[15]]);
                // 1 = PCM, 3 = IEEE float, 0xFFFE = extensible (PCM or float inside): zero bytes
                // are silence for all of them except 8-bit PCM, which is unsigned.
                if !matches!(tag, 1 | 3 | 0xFFFE) {
                    return Err(wav_error(src, "compressed WAV cannot be silenced"));
                }
                format = Some((tag, rate, align, bits));
                fmt_body = fmt;
                file.seek(SeekFrom::Current((size % 2) as i64))
                    .map_err(|e| Error::io(src, e))?;
            }
            b"data" => {
                let (_, sample_rate, block_align, bits) =
                    format.ok_or_else(|| wav_error(src, "data before fmt"))?;
                // A header written before the length was known says more than there is.
                let in_file = file
                    .metadata()
                    .map_err(|e| Error::io(src, e))?
                    .len()
                    .saturating_sub(offset);
                return Ok(WavLayout {
                    fmt: fmt_body,
                    data_start: offset,
                    data_len: size.min(in_file),
                    sample_rate,
                    block_align: block_align.max(1) as u32,
                    unsigned_8bit: bits == 8,
                });
            }
            _ => {
                file.seek(SeekFrom::Current((size + size % 2) as i64))
                    .map_err(|e| Error::io(src, e))?;
            }
        }
        offset += size + size % 2;
    }
}

fn silence_wav(src: &Path, ranges: &[Range], dest: &Path, job: &JobContext) -> Result<()> {
    let mut file = File::open(src).map_err(|e| Error::io(src, e))?;
    let layout = read_wav_layout(src, &mut file)?;
    let byte_ranges: Vec<(u64, u64)> = ranges
        .iter()
        .map(|&(start, end)| {
            let at = |ms: u32| {
                let frame = ms as u64 * layout.sample_rate as u64 / 1000;
                (layout.data_start + frame * layout.block_align as u64)
                    .min(layout.data_start + layout.data_len)
            };
            (at(start), at(end))
        })
        .collect();
    file.seek(SeekFrom::Start(layout.data_start))
        .map_err(|e| Error::io(src, e))?;
    let mut reader = BufReader::new(file).take(layout.data_len);
    let mut out = BufWriter::new(File::create(dest).map_err(|e| Error::io(dest, e))?);
    let fmt_len = layout.fmt.len() as u64;
    let pad = |n: u64| n % 2;
    let riff_len = 4 + 8 + fmt_len + pad(fmt_len) + 8 + layout.data_len + pad(layout.data_len);
    let mut header = Vec::with_capacity(44);
    header.extend_from_slice(b"RIFF");
    header.extend_from_slice(&(riff_len.min(u32::MAX as u64) as u32).to_le_bytes());
    header.extend_from_slice(b"WAVE");
    header.extend_from_slice(b"fmt ");
    header.extend_from_slice(&(fmt_len as u32).to_le_bytes());
    header.extend_from_slice(&layout.fmt);
    if pad(fmt_len) == 1 {
        header.push(0);
    }
    header.extend_from_slice(b"data");
    header.extend_from_slice(&(layout.data_len as u32).to_le_bytes());
    out.write_all(&header).map_err(|e| Error::io(dest, e))?;
    let silence_byte = if layout.unsigned_8bit { 0x80 } else { 0 };
    let mut buffer = vec![0u8; 1 << 20];
    // Positions are in the source file, as the byte ranges are.
    let mut position = layout.data_start;
    loop {
        let n = reader.read(&mut buffer).map_err(|e| Error::io(src, e))?;
        if n == 0 {
            break;
        }
        let chunk = &mut buffer[..n];
        for &(from, to) in &byte_ranges {
            let lo = from.max(position);
            let hi = to.min(position + n as u64);
            if lo < hi {
                chunk[(lo - position) as usize..(hi - position) as usize].fill(silence_byte);
            }
        }
        out.write_all(chunk).map_err(|e| Error::io(dest, e))?;
        position += n as u64;
        job.check()?;
    }
    if pad(layout.data_len) == 1 {
        out.write_all(&[0]).map_err(|e| Error::io(dest, e))?;
    }
    out.flush().map_err(|e| Error::io(dest, e))
}

/// Decoded FLAC samples, silenced where asked, fed to the encoder block by block.
struct SilencedFlac {
    format: Box<dyn symphonia::core::formats::FormatReader>,
    decoder: Box<dyn symphonia::core::codecs::Decoder>,
    channels: usize,
    bits: usize,
    rate: usize,
    shift: u32,
    pending: Vec<i32>,
    frame_index: u64,
    silent_frames: Vec<(u64, u64)>,
    done: bool,
}

impl SilencedFlac {
    fn decode_more(&mut self) -> std::result::Result<(), String> {
        use symphonia::core::{audio::SampleBuffer, errors::Error as SymError};
        // One packet per call: the encoder asks again while it needs samples.
        let packet = match self.format.next_packet() {
            Ok(p) => p,
            Err(SymError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                self.done = true;
                return Ok(());
            }
            Err(e) => return Err(e.to_string()),
        };
        let decoded = self.decoder.decode(&packet).map_err(|e| e.to_string())?;
        let mut buffer = SampleBuffer::<i32>::new(decoded.capacity() as u64, *decoded.spec());
        buffer.copy_interleaved_ref(decoded);
        let start_frame = self.frame_index + (self.pending.len() / self.channels) as u64;
        for (n, sample) in buffer.samples().iter().enumerate() {
            let frame = start_frame + (n / self.channels) as u64;
            let silent = self
                .silent_frames
                .iter()
                .any(|&(a, b)| frame >= a && frame < b);
            // SampleBuffer<i32> scales to the full i32 range; shift back to the file's depth.
            self.pending
                .push(if silent { 0 } else { sample >> self.shift });
        }
        Ok(())
    }
}

impl flacenc::source::Source for SilencedFlac {
    fn channels(&self) -> usize {
        self.channels
    }
    fn bits_per_sample(&self) -> usize {
        self.bits
    }
    fn sample_rate(&self) -> usize {
        self.rate
    }
    fn read_samples<F: flacenc::source::Fill>(
        &mut self,
        block_size: usize,
        dest: &mut F,
    ) -> std::result::Result<usize, flacenc::error::SourceError> {
        let wanted = block_size * self.channels;
        while self.pending.len() < wanted && !self.done {
            self.decode_more().map_err(|e| {
                flacenc::error::SourceError::from_io_error(std::io::Error::other(e))
            })?;
        }
        let n = wanted.min(self.pending.len());
        dest.fill_interleaved(&self.pending[..n])?;
        self.pending.drain(..n);
        let frames = n / self.channels;
        self.frame_index += frames as u64;
        Ok(frames)
    }
}

fn silence_flac(src: &Path, ranges: &[Range], dest: &Path, job: &JobContext) -> Result<()> {
    use flacenc::{component::BitRepr, error::Verify};
    use symphonia::core::{
        codecs::DecoderOptions, formats::FormatOptions, io::MediaSourceStream,
        meta::MetadataOptions, probe::Hint,
    };

    let file = File::open(src).map_err(|e| Error::io(src, e))?;
    let stream = MediaSourceStream::new(Box::new(file), Default::default());
    let mut hint = Hint::new();
    hint.with_extension("flac");
    let probed = symphonia::default::get_probe()
        .format(
            &hint,
            stream,
            &FormatOptions::default(),
            &MetadataOptions::default(),
        )
        .map_err(|e| wav_error(src, &format!("not a readable FLAC file ({e})")))?;
    let format = probed.format;
    let track = format
        .default_track()
        .ok_or_else(|| wav_error(src, "no audio track"))?;
    let params = track.codec_params.clone();
    let decoder = symphonia::default::get_codecs()
        .make(&params, &DecoderOptions::default())
        .map_err(|e| wav_error(src, &e.to_string()))?;
    let rate = params
        .sample_rate
        .ok_or_else(|| wav_error(src, "no sample rate"))? as usize;
    let channels = params
        .channels
        .map(|c| c.count())
        .ok_or_else(|| wav_error(src, "no channel layout"))?;
    let bits = params.bits_per_sample.unwrap_or(16) as usize;
    let frame = |ms: u32| ms as u64 * rate as u64 / 1000;
    let source = SilencedFlac {
        format,
        decoder,
        channels,
        bits,
        rate,
        shift: 32 - bits as u32,
        pending: Vec::new(),
        frame_index: 0,
        silent_frames: ranges.iter().map(|&(a, b)| (frame(a), frame(b))).collect(),
        done: false,
    };
    job.check()?;
    let config = flacenc::config::Encoder::default()
        .into_verified()
        .map_err(|(_, e)| wav_error(src, &format!("{e:?}")))?;
    let encoded = flacenc::encode_with_fixed_block_size(&config, source, config.block_size)
        .map_err(|e| wav_error(src, &format!("re-encoding failed: {e}")))?;
    job.check()?;
    let mut sink = flacenc::bitsink::ByteSink::new();
    encoded
        .write(&mut sink)
        .map_err(|e| wav_error(src, &format!("re-encoding failed: {e:?}")))?;
    let mut bytes = sink.as_slice().to_vec();
    fix_min_block_size(&mut bytes);
    std::fs::write(dest, bytes).map_err(|e| Error::io(dest, e))
}

/// STREAMINFO's minimum block size excludes the last block (FLAC format, RFC 9639 8.2), but
/// the encoder reports the last, shorter block there; decoders such as symphonia then misread
/// the stream. With a fixed block size the minimum equals the maximum.
fn fix_min_block_size(flac: &mut [u8]) {
    // "fLaC", a 4-byte metadata block header, then min (2 bytes) and max (2 bytes) block size.
    if flac.len() > 12 && &flac[0..4] == b"fLaC" && flac[4] & 0x7f == 0 {
        let (min, max) = (8..10, 10..12);
        let max_bytes = [flac[max.start], flac[max.start + 1]];
        flac[min].copy_from_slice(&max_bytes);
    }
}

#[cfg(test)]
pub(crate) mod tests;
