"""The speech benchmark's other side: faster-whisper on the same model folder, recording,
thread count, compute type, language and beam size as `recollect-transcribe-file`, printing
the same kind of JSON (segments with timed words, and how long each step took).

    python faster_whisper_transcribe.py MODEL_FOLDER RECORDING THREADS LANGUAGE COMPUTE_TYPE BEAM_SIZE

Run by speech/benches/transcribe.rs in the virtual environment `make bench` makes
(speech/benches/faster-whisper-requirements.txt); a tool of the bench, never of the app.
"""

import json
import sys
import time

import ctranslate2
import faster_whisper
from faster_whisper import WhisperModel, decode_audio


def main() -> None:
    model_folder, recording, threads, language, compute_type, beam_size = sys.argv[1:]

    started = time.perf_counter()
    model = WhisperModel(
        model_folder, device="cpu", compute_type=compute_type, cpu_threads=int(threads)
    )
    load_seconds = time.perf_counter() - started

    started = time.perf_counter()
    audio = decode_audio(recording, sampling_rate=16000)
    read_seconds = time.perf_counter() - started

    started = time.perf_counter()
    # Word timings, as ours makes them; the rest are faster-whisper's defaults (no VAD filter,
    # conditioned on the previous window's text, temperature fallback).
    segments, info = model.transcribe(
        audio, language=language, beam_size=int(beam_size), word_timestamps=True
    )
    # The segments are a generator: recognition happens while they are read.
    segments = [
        {
            "start_ms": round(s.start * 1000),
            "end_ms": round(s.end * 1000),
            "text": s.text.strip(),
            "words": [
                {
                    "text": w.word.strip(),
                    "start_ms": round(w.start * 1000),
                    "end_ms": round(w.end * 1000),
                    "probability": w.probability,
                }
                for w in s.words or []
            ],
        }
        for s in segments
    ]
    recognize_seconds = time.perf_counter() - started

    json.dump(
        {
            "faster_whisper": faster_whisper.__version__,
            "ctranslate2": ctranslate2.__version__,
            # What the engine resolved the asked compute type to on this CPU.
            "compute_type": model.model.compute_type,
            "threads": int(threads),
            "language": language,
            "load_seconds": load_seconds,
            "read_seconds": read_seconds,
            "recognize_seconds": recognize_seconds,
            "duration_ms": round(info.duration * 1000),
            "segments": segments,
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    main()
