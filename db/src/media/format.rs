//! What a recording's bytes say: whether it is audio or video and of which type (sniffed from
//! its first bytes, never taken from its name), the extension it is kept under, and how long it
//! is (from its container).

use std::{fs::File, path::Path};

use super::MediaKind;

pub(super) fn kind_of(mime: &str) -> MediaKind {
    if mime.starts_with("video/") {
        MediaKind::Video
    } else {
        MediaKind::Audio
    }
}

/// Extensions each type may keep in the media folder; the first is used when the file's own
/// extension does not fit, so players that go by the name still open it.
const EXTENSIONS: &[(&str, &[&str])] = &[
    ("audio/wav", &["wav", "wave", "bwf"]),
    ("audio/flac", &["flac"]),
    ("audio/mpeg", &["mp3"]),
    ("audio/ogg", &["ogg", "opus", "oga"]),
    ("video/ogg", &["ogv", "ogg"]),
    ("audio/mp4", &["m4a", "m4b", "mp4"]),
    ("video/mp4", &["mp4", "m4v"]),
    ("audio/aac", &["aac"]),
    ("audio/webm", &["weba", "webm"]),
    ("video/webm", &["webm"]),
    ("audio/x-matroska", &["mka"]),
    ("video/x-matroska", &["mkv"]),
    ("video/quicktime", &["mov", "qt"]),
    ("video/x-msvideo", &["avi"]),
];

/// The extensions of the audio and video files the archive keeps, each once.
pub fn extensions() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = Vec::new();
    for ext in EXTENSIONS.iter().flat_map(|(_, e)| e.iter()) {
        if !all.contains(ext) {
            all.push(ext);
        }
    }
    all
}

pub(super) fn stored_extension(mime: &str, ext: &str) -> &'static str {
    let allowed = EXTENSIONS
        .iter()
        .find(|(m, _)| *m == mime)
        .map_or(&[][..], |(_, e)| *e);
    allowed
        .iter()
        .find(|e| **e == ext)
        .or(allowed.first())
        .copied()
        .unwrap_or("bin")
}

/// The MIME type of a file from its first bytes, with the extension to tell apart containers
/// that hold either audio or video. `None` for anything that is not audio or video.
pub(super) fn sniff(head: &[u8], ext: &str) -> Option<&'static str> {
    let at = |i: usize, magic: &[u8]| head.get(i..i + magic.len()) == Some(magic);
    let within = |n: usize, needle: &[u8]| {
        head[..head.len().min(n)]
            .windows(needle.len())
            .any(|w| w == needle)
    };
    if (at(0, b"RIFF") || at(0, b"RF64") || at(0, b"BW64")) && at(8, b"WAVE") {
        return Some("audio/wav");
    }
    if at(0, b"RIFF") && at(8, b"AVI ") {
        return Some("video/x-msvideo");
    }
    if at(0, b"fLaC") {
        return Some("audio/flac");
    }
    if at(0, b"OggS") {
        return Some(if within(512, b"\x80theora") {
            "video/ogg"
        } else {
            "audio/ogg"
        });
    }
    if at(0, &[0x1A, 0x45, 0xDF, 0xA3]) {
        // EBML: the DocType near the start says WebM or Matroska.
        let audio_only = matches!(ext, "weba" | "mka");
        return Some(match (within(64, b"webm"), audio_only) {
            (true, true) => "audio/webm",
            (true, false) => "video/webm",
            (false, true) => "audio/x-matroska",
            (false, false) => "video/x-matroska",
        });
    }
    if at(4, b"ftyp") {
        let brand = head.get(8..12).unwrap_or_default();
        return Some(
            if brand.starts_with(b"M4A")
                || brand.starts_with(b"M4B")
                || matches!(ext, "m4a" | "m4b")
            {
                "audio/mp4"
            } else if brand == b"qt  " || matches!(ext, "mov" | "qt") {
                "video/quicktime"
            } else {
                "video/mp4"
            },
        );
    }
    if matches!(ext, "mov" | "qt")
        && [&b"moov"[..], b"mdat", b"wide", b"free"]
            .iter()
            .any(|m| at(4, m))
    {
        return Some("video/quicktime"); // QuickTime from before `ftyp`
    }
    if at(0, b"ID3") {
        return Some(if ext == "aac" {
            "audio/aac"
        } else {
            "audio/mpeg"
        });
    }
    // Raw MPEG audio and ADTS AAC start with a frame sync, sometimes after zero padding.
    let start = head.iter().take(4096).position(|&b| b != 0)?;
    let (b0, b1) = (head[start], *head.get(start + 1)?);
    if b0 == 0xFF && b1 & 0xF6 == 0xF0 {
        return Some("audio/aac");
    }
    let layer = (b1 >> 1) & 3;
    let version = (b1 >> 3) & 3;
    if b0 == 0xFF && b1 & 0xE0 == 0xE0 && layer != 0 && version != 1 {
        return Some("audio/mpeg");
    }
    None
}

/// The length in milliseconds from the container's time base and frame count, or `None`
/// when the container does not say (some MP3s) or cannot be read: never an error.
pub(super) fn read_duration(path: &Path, ext: &str) -> Option<u32> {
    use symphonia::core::{
        formats::FormatOptions,
        io::{MediaSourceStream, MediaSourceStreamOptions},
        meta::MetadataOptions,
        probe::Hint,
    };
    let file = File::open(path).ok()?;
    let stream = MediaSourceStream::new(Box::new(file), MediaSourceStreamOptions::default());
    let mut hint = Hint::new();
    hint.with_extension(ext);
    // Demuxers have panicked on damaged files; a damaged file still gets added.
    let duration = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let probed = symphonia::default::get_probe()
            .format(
                &hint,
                stream,
                &FormatOptions::default(),
                &MetadataOptions::default(),
            )
            .ok()?;
        probed
            .format
            .tracks()
            .iter()
            .filter_map(|t| {
                let base = t.codec_params.time_base?;
                let frames = t.codec_params.n_frames?;
                if base.denom == 0 {
                    return None;
                }
                let ms = (u128::from(frames) * u128::from(base.numer) * 1000
                    + u128::from(base.denom) / 2)
                    / u128::from(base.denom);
                u32::try_from(ms).ok()
            })
            .max()
    }))
    .ok()
    .flatten();
    if duration.is_none() {
        tracing::debug!(file = %path.display(), "the container does not say how long the recording is");
    }
    duration
}
