use super::*;

/// A mono 16-bit WAV of `seconds` of a loud square wave.
pub(crate) fn square_wav(rate: u32, seconds: u32) -> Vec<u8> {
    let frames = rate * seconds;
    let mut data = Vec::with_capacity(frames as usize * 2);
    for n in 0..frames {
        let v: i16 = if (n / 20) % 2 == 0 { 12000 } else { -12000 };
        data.extend_from_slice(&v.to_le_bytes());
    }
    let mut wav = Vec::new();
    wav.extend_from_slice(b"RIFF");
    wav.extend_from_slice(&(36 + data.len() as u32).to_le_bytes());
    wav.extend_from_slice(b"WAVEfmt ");
    wav.extend_from_slice(&16u32.to_le_bytes());
    wav.extend_from_slice(&1u16.to_le_bytes());
    wav.extend_from_slice(&1u16.to_le_bytes());
    wav.extend_from_slice(&rate.to_le_bytes());
    wav.extend_from_slice(&(rate * 2).to_le_bytes());
    wav.extend_from_slice(&2u16.to_le_bytes());
    wav.extend_from_slice(&16u16.to_le_bytes());
    wav.extend_from_slice(b"data");
    wav.extend_from_slice(&(data.len() as u32).to_le_bytes());
    wav.extend_from_slice(&data);
    wav
}

fn samples_of_wav(bytes: &[u8]) -> Vec<i16> {
    bytes[44..]
        .chunks(2)
        .map(|c| i16::from_le_bytes([c[0], c[1]]))
        .collect()
}

#[test]
fn a_wav_range_is_silenced_and_the_rest_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("tape.wav");
    let original = square_wav(8000, 3);
    std::fs::write(&src, &original).unwrap();
    let dest = dir.path().join("public.wav");
    silence(
        &src,
        "audio/wav",
        &[(1000, 2000)],
        &dest,
        &JobContext::silent(),
    )
    .unwrap();
    let out = std::fs::read(&dest).unwrap();
    assert_eq!(out.len(), original.len());
    assert_eq!(&out[..44], &original[..44], "the header is unchanged");
    let samples = samples_of_wav(&out);
    assert!(
        samples[8000..16000].iter().all(|&s| s == 0),
        "1 s to 2 s is silent"
    );
    assert!(
        samples[..8000].iter().all(|&s| s != 0) && samples[16000..].iter().all(|&s| s != 0),
        "the rest is untouched"
    );
}

fn encode_flac(samples: &[i32], rate: usize) -> Vec<u8> {
    use flacenc::{component::BitRepr, error::Verify};
    let config = flacenc::config::Encoder::default().into_verified().unwrap();
    let source = flacenc::source::MemSource::from_samples(samples, 1, 16, rate);
    let stream = flacenc::encode_with_fixed_block_size(&config, source, config.block_size).unwrap();
    let mut sink = flacenc::bitsink::ByteSink::new();
    stream.write(&mut sink).unwrap();
    let mut bytes = sink.as_slice().to_vec();
    fix_min_block_size(&mut bytes);
    bytes
}

fn decode_flac(path: &Path) -> Vec<i32> {
    use symphonia::core::{
        audio::SampleBuffer, codecs::DecoderOptions, formats::FormatOptions, io::MediaSourceStream,
        meta::MetadataOptions, probe::Hint,
    };
    let mss = MediaSourceStream::new(Box::new(File::open(path).unwrap()), Default::default());
    let mut hint = Hint::new();
    hint.with_extension("flac");
    let mut format = symphonia::default::get_probe()
        .format(
            &hint,
            mss,
            &FormatOptions::default(),
            &MetadataOptions::default(),
        )
        .unwrap()
        .format;
    let params = format.default_track().unwrap().codec_params.clone();
    let mut decoder = symphonia::default::get_codecs()
        .make(&params, &DecoderOptions::default())
        .unwrap();
    let mut out = Vec::new();
    while let Ok(packet) = format.next_packet() {
        let decoded = decoder.decode(&packet).unwrap();
        let mut buffer = SampleBuffer::<i32>::new(decoded.capacity() as u64, *decoded.spec());
        buffer.copy_interleaved_ref(decoded);
        out.extend(buffer.samples().iter().map(|s| s >> 16));
    }
    out
}

#[test]
fn a_flac_range_is_silenced_and_the_rest_is_bit_exact() {
    let dir = tempfile::tempdir().unwrap();
    let rate = 8000;
    let samples: Vec<i32> = (0..rate * 3)
        .map(|n| if (n / 20) % 2 == 0 { 9000 } else { -9000 })
        .collect();
    let src = dir.path().join("tape.flac");
    std::fs::write(&src, encode_flac(&samples, rate)).unwrap();
    let dest = dir.path().join("public.flac");
    silence(
        &src,
        "audio/flac",
        &[(500, 1500)],
        &dest,
        &JobContext::silent(),
    )
    .unwrap();
    let out = decode_flac(&dest);
    assert_eq!(out.len(), samples.len(), "same length");
    assert!(
        out[4000..12000].iter().all(|&s| s == 0),
        "0.5 s to 1.5 s is silent"
    );
    assert_eq!(
        &out[..4000],
        &samples[..4000],
        "before the range is bit-exact"
    );
    assert_eq!(
        &out[12000..],
        &samples[12000..],
        "after the range is bit-exact"
    );
}

#[test]
fn a_public_mp3_copy_keeps_its_frames_and_no_tag() {
    fn syncsafe(n: u32) -> [u8; 4] {
        [
            (n >> 21) as u8 & 0x7f,
            (n >> 14) as u8 & 0x7f,
            (n >> 7) as u8 & 0x7f,
            n as u8 & 0x7f,
        ]
    }
    let frames: Vec<u8> = (0..4000u32).map(|i| (i * 7 % 251) as u8).collect();
    let id3v2_body = b"TIT2\0\0\0\x10\0\0\x03Zorya Serebryakova";
    let mut file = b"ID3\x04\0\0".to_vec();
    file.extend(syncsafe(id3v2_body.len() as u32));
    file.extend_from_slice(id3v2_body);
    file.extend(&frames);
    let ape_items = b"Artist\0Zorya Serebryakova";
    let mut ape_footer = b"APETAGEX".to_vec();
    ape_footer.extend(2000u32.to_le_bytes());
    ape_footer.extend(((ape_items.len() + 32) as u32).to_le_bytes());
    ape_footer.extend(1u32.to_le_bytes());
    ape_footer.extend(0u32.to_le_bytes());
    ape_footer.extend([0u8; 8]);
    file.extend_from_slice(ape_items);
    file.extend(&ape_footer);
    let mut v1 = b"TAGZorya Serebryakova".to_vec();
    v1.resize(128, 0);
    file.extend(&v1);

    let dir = tempfile::tempdir().unwrap();
    let (src, dest) = (dir.path().join("tape.mp3"), dir.path().join("public.mp3"));
    std::fs::write(&src, &file).unwrap();
    strip_mp3_tags(&src, &dest).unwrap();
    assert_eq!(
        std::fs::read(&dest).unwrap(),
        frames,
        "only the frames are left"
    );

    std::fs::write(&src, &frames).unwrap();
    strip_mp3_tags(&src, &dest).unwrap();
    assert_eq!(
        std::fs::read(&dest).unwrap(),
        frames,
        "an untagged file is copied whole"
    );
}

#[test]
fn other_formats_are_refused() {
    assert!(!can_silence("audio/mpeg"));
    let err = silence(
        Path::new("x.mp3"),
        "audio/mpeg",
        &[(0, 1)],
        Path::new("y"),
        &JobContext::silent(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("x.mp3"), "{err}");
}
