//! `make bench` (speech part): the real-time factor of recognizing a 10-minute recording,
//! beside faster-whisper on the same model folder, the same file, the same thread count, compute
//! type, language and beam size, in the same run; peak memory and word error rate of both.
//!
//! A plain program (`harness = false`): it prints a Markdown report to stdout, progress to
//! stderr, and asserts nothing about time.
//!
//! - **The recording**: English sentences spoken by espeak-ng (150 words a minute), each after a
//!   pause of 0.4 to 2.4 s, joined by sox (`tests/common`'s `spoken`, as the speech tests make
//!   theirs). The sentences are drawn from fixed lists of subjects, actions and circumstances
//!   with a fixed seed, so the recording and its text are the same in every run; it ends at the
//!   pause before the first sentence that would start after `RECOLLECT_BENCH_SPEECH_MINUTES`.
//!   It is made once in `<dir>/speech/` with its text beside it, and reused.
//! - **Ours**: `recollect-transcribe-file` (this crate's binary: `Model::open`,
//!   `Recognizer::new` with N threads, `read_for_speech`, `Recognizer::recognize`), its own
//!   process.
//! - **Theirs**: `faster_whisper_transcribe.py` (faster-whisper's `WhisperModel` with
//!   `cpu_threads=N`, `transcribe(language, beam_size, word_timestamps=True)`), its own process,
//!   in the virtual environment `make bench` makes.
//! - **Alternating**: the runs go in pairs, ours then theirs, so that other load on the machine
//!   falls on both sides alike.
//! - **Measured per run**: wall time of the whole process (model load, decoding, recognition)
//!   and of recognition alone as the process reports it; user + system CPU seconds and peak
//!   resident memory (`ru_maxrss`) from `wait4`, that process's own; word error rate of the
//!   segments' text against the spoken text (lower case, letters and digits only).
//!
//! Settings, all optional, from the environment:
//!
//! - `RECOLLECT_BENCH_DIR`: default `$CARGO_TARGET_DIR/bench`; this bench works in `<dir>/speech/`.
//! - `RECOLLECT_WHISPER_MODEL`: the model folder (default: where `make test-deps` puts Whisper
//!   base).
//! - `RECOLLECT_BENCH_SPEECH_MINUTES` (10), `RECOLLECT_BENCH_SPEECH_RUNS` (2 pairs),
//!   `RECOLLECT_BENCH_SPEECH_THREADS` (2).
//! - `RECOLLECT_BENCH_PYTHON`: the Python with faster-whisper (default `<dir>/venv/bin/python`).
//! - `RECOLLECT_BENCH_SPEECH_COMPUTE_TYPE` (ours, `int8`): faster-whisper's compute type. Ours
//!   loads the model as `recollect_speech::COMPUTE_TYPE`; the report gives the type theirs
//!   resolved to.
//! - `RECOLLECT_BENCH_SPEECH_SIDES`: `ours`, `theirs` or `ours,theirs` (the default).
//!
//! The report is also written to `<dir>/speech-report.md`; each run's JSON is kept in
//! `<dir>/speech/`.

#[cfg(unix)]
#[path = "../tests/common/mod.rs"]
mod common;

#[cfg(not(unix))]
fn main() {
    eprintln!("the speech benchmark measures child processes with wait4, which needs a Unix");
}

#[cfg(unix)]
fn main() {
    bench::main()
}

#[cfg(unix)]
mod bench {
    use std::{
        fs::File,
        path::{Path, PathBuf},
        process::{Command, Stdio},
        time::Instant,
    };

    use crate::common::{model_folder, seconds, spoken, word_error_rate, words};

    static REPORT: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

    macro_rules! out {
        ($($arg:tt)*) => {{
            let line = format!($($arg)*);
            println!("{line}");
            let mut report = REPORT.lock().unwrap();
            report.push_str(&line);
            report.push('\n');
        }};
    }

    /// The recording's sentences and pauses are drawn with this seed. The sentences hold no
    /// numbers and only American spellings, which Whisper writes as digits and in American
    /// spelling: the word error rate then counts mishearings, not spelling.
    const SEED: u64 = 12;
    /// What ct2rs's `WhisperOptions::default()` searches with, which ours uses; theirs is given
    /// the same.
    const BEAM_SIZE: usize = 5;
    const LANGUAGE: &str = "en";

    const SUBJECTS: [&str; 16] = [
        "My grandmother",
        "Her older brother",
        "The schoolteacher in our village",
        "My father",
        "Our neighbor across the road",
        "The young doctor",
        "My mother's cousin",
        "The old fisherman",
        "Her husband",
        "The priest",
        "One of the soldiers",
        "My uncle",
        "The woman who ran the bakery",
        "Our landlord",
        "His sister",
        "The station master",
    ];
    const ACTIONS: [&str; 20] = [
        "kept all the letters",
        "walked to the factory every morning",
        "sold the family's piano",
        "wrote down the names of everyone who left",
        "planted apple trees behind the house",
        "learned to drive a truck",
        "hid the photographs under the floor",
        "sang in the church choir",
        "carried water from the well",
        "repaired shoes for half the street",
        "lost his job at the mill",
        "taught the children to read",
        "never spoke about the war",
        "moved to the city with two suitcases",
        "cooked soup for the whole street",
        "waited at the harbor for news",
        "built a small boat out of old doors",
        "worked nights at the hospital",
        "painted the kitchen bright yellow",
        "bought a radio with her first wages",
    ];
    const CIRCUMSTANCES: [&str; 20] = [
        "during the long winter",
        "after the flood",
        "when the school was closed",
        "before the bridge was built",
        "while the men were away",
        "because nobody else would do it",
        "in the years after the strike",
        "when the trains stopped running",
        "even though it was forbidden",
        "until the end of the summer",
        "when the snow came early",
        "after her mother died",
        "as soon as the harvest was in",
        "without telling anyone",
        "for most of her life",
        "in the house by the river",
        "on the day the news arrived",
        "when food was scarce",
        "at the edge of the forest",
        "long after everyone had forgotten",
    ];
    const QUESTIONS: [&str; 8] = [
        "Do you remember what happened next?",
        "Why did nobody ask them?",
        "Can you tell me about the house?",
        "What did your mother say about it?",
        "How long did they stay there?",
        "Who told you that story?",
        "Was it very cold that year?",
        "Did you ever go back?",
    ];

    /// A small deterministic generator (SplitMix64), so that the recording is the same on every
    /// machine and with every crate version.
    struct Draw(u64);

    impl Draw {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    /// `count` sentences, each with the pause before it in seconds.
    fn sentences(count: usize) -> Vec<(f64, String)> {
        let mut draw = Draw(SEED);
        (0..count)
            .map(|_| {
                let pause = 0.4 + draw.below(21) as f64 / 10.0;
                let sentence = if draw.below(8) == 0 {
                    QUESTIONS[draw.below(QUESTIONS.len())].to_owned()
                } else {
                    format!(
                        "{} {} {}.",
                        SUBJECTS[draw.below(SUBJECTS.len())],
                        ACTIONS[draw.below(ACTIONS.len())],
                        CIRCUMSTANCES[draw.below(CIRCUMSTANCES.len())]
                    )
                };
                (pause, sentence)
            })
            .collect()
    }

    /// The recording of about `minutes`, made once in `dir`, and the text spoken in it.
    fn recording(dir: &Path, minutes: f64) -> (PathBuf, String) {
        let name = format!("spoken-{minutes}min-seed{SEED}");
        let wav = dir.join(format!("{name}.wav"));
        let text_file = dir.join(format!("{name}.txt"));
        if wav.is_file() && text_file.is_file() {
            let text = std::fs::read_to_string(&text_file).expect("read the recording's text");
            return (wav, text);
        }
        eprintln!("making the recording {} (espeak-ng, sox)", wav.display());
        // About 6 s a sentence with its pause; half as many again, and cut to length below.
        let count = (minutes * 60.0 / 6.0 * 1.5).ceil() as usize + 2;
        let drawn = sentences(count);
        let parts = tempfile::tempdir_in(dir).expect("a scratch folder");
        let spoken_list: Vec<(f64, &str)> = drawn.iter().map(|(p, s)| (*p, s.as_str())).collect();
        let (whole, starts) = spoken(parts.path(), "en", &spoken_list);
        let limit_ms = (minutes * 60_000.0) as u32;
        let kept = starts
            .iter()
            .position(|&start| start >= limit_ms)
            .expect("enough sentences drawn to pass the length");
        let end_seconds = starts[kept] as f64 / 1000.0 - drawn[kept].0 / 2.0;
        let status = Command::new("sox")
            .arg(&whole)
            .arg(&wav)
            .args(["trim", "0", &format!("{end_seconds:.3}")])
            .status()
            .expect("sox runs");
        assert!(status.success(), "sox could not cut {}", whole.display());
        let text = drawn[..kept]
            .iter()
            .map(|(_, s)| s.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(&text_file, &text).expect("write the recording's text");
        (wav, text)
    }

    /// One run of one side.
    struct Run {
        /// The one-minute load average when the run started and when it ended: other work on
        /// the machine.
        load: String,
        wall: f64,
        recognize: f64,
        cpu: f64,
        peak_mib: f64,
        wer: f64,
        words: usize,
    }

    /// Runs `command` as its own process, its JSON output to `json`; wall seconds, and the
    /// CPU seconds and peak resident memory of that process alone (`wait4`).
    // The child is reaped by wait4, not by `Child::wait`, which would not give its rusage.
    #[allow(clippy::zombie_processes)]
    fn measured(mut command: Command, json: &Path, log: &Path) -> (f64, f64, f64) {
        command
            .stdin(Stdio::null())
            .stdout(File::create(json).expect("create the run's output file"))
            .stderr(File::create(log).expect("create the run's log file"));
        let started = Instant::now();
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("{command:?} does not start: {e}"));
        let mut status = 0;
        // SAFETY: rusage is plain data, filled by the call; the pid is our own child's, which
        // nothing else waits for.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let waited = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
        let wall = started.elapsed().as_secs_f64();
        assert_eq!(waited, child.id() as libc::pid_t, "wait4 on {command:?}");
        assert!(
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
            "{command:?} failed (status {status}): {}",
            std::fs::read_to_string(log).unwrap_or_default()
        );
        let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime);
        // Linux gives ru_maxrss in KiB.
        let peak_mib = usage.ru_maxrss as f64 / 1024.0;
        (wall, cpu, peak_mib)
    }

    fn run(command: Command, json: &Path, truth: &[String]) -> Run {
        let one_minute_load = || {
            load_average()
                .split_whitespace()
                .next()
                .unwrap_or("unknown")
                .to_owned()
        };
        let load_at_start = one_minute_load();
        let (wall, cpu, peak_mib) = measured(command, json, &json.with_extension("log"));
        let load = format!("{load_at_start} to {}", one_minute_load());
        let output: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(json).expect("read the run's output"))
                .unwrap_or_else(|e| panic!("{} is not JSON: {e}", json.display()));
        let heard: Vec<String> = output["segments"]
            .as_array()
            .expect("segments")
            .iter()
            .flat_map(|s| words(s["text"].as_str().unwrap_or_default()))
            .collect();
        Run {
            load,
            wall,
            recognize: output["recognize_seconds"].as_f64().unwrap_or(f64::NAN),
            cpu,
            peak_mib,
            wer: word_error_rate(truth, &heard),
            words: heard.len(),
        }
    }

    fn median(mut values: Vec<f64>) -> f64 {
        values.sort_by(f64::total_cmp);
        let n = values.len();
        if n == 0 {
            f64::NAN
        } else if n % 2 == 1 {
            values[n / 2]
        } else {
            (values[n / 2 - 1] + values[n / 2]) / 2.0
        }
    }

    fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
        std::env::var(name)
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(default)
    }

    fn load_average() -> String {
        std::fs::read_to_string("/proc/loadavg")
            .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|_| "unknown".into())
    }

    fn machine() -> String {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let model = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name"))
            .map(|l| l.trim_start_matches([' ', '\t', ':']).to_owned());
        let flags: Vec<&str> = cpuinfo
            .lines()
            .find(|l| l.starts_with("flags"))
            .map(|l| l.split_whitespace().collect())
            .unwrap_or_default();
        let has = |f: &str| flags.contains(&f);
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        format!(
            "{}, {cores} cores available; AVX2 {}, AVX-512 {}, AVX-512 VNNI {}",
            model.as_deref().unwrap_or("unknown CPU"),
            if has("avx2") { "yes" } else { "no" },
            if has("avx512f") { "yes" } else { "no" },
            if has("avx512_vnni") { "yes" } else { "no" },
        )
    }

    fn first_json_field(json: &Path, field: &str) -> String {
        std::fs::read_to_string(json)
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|v| v[field].as_str().map(str::to_owned))
            .unwrap_or_else(|| "unknown".into())
    }

    pub fn main() {
        let minutes: f64 = env_or("RECOLLECT_BENCH_SPEECH_MINUTES", 10.0_f64).max(0.5);
        let pairs: usize = env_or("RECOLLECT_BENCH_SPEECH_RUNS", 2_usize).max(1);
        let threads: usize = env_or("RECOLLECT_BENCH_SPEECH_THREADS", 2_usize).max(1);
        let their_compute_type = std::env::var("RECOLLECT_BENCH_SPEECH_COMPUTE_TYPE")
            .unwrap_or_else(|_| recollect_speech::COMPUTE_TYPE.into());
        let sides =
            std::env::var("RECOLLECT_BENCH_SPEECH_SIDES").unwrap_or_else(|_| "ours,theirs".into());
        let wants = |side: &str| sides.split(',').any(|s| s.trim() == side);
        let bench_dir = std::env::var_os("RECOLLECT_BENCH_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                std::env::var_os("CARGO_TARGET_DIR")
                    .map(PathBuf::from)
                    .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
                    .join("bench")
            });
        let dir = bench_dir.join("speech");
        std::fs::create_dir_all(&dir).expect("create the bench folder");
        let python = std::env::var_os("RECOLLECT_BENCH_PYTHON")
            .map(PathBuf::from)
            .unwrap_or_else(|| bench_dir.join("venv/bin/python"));
        if wants("theirs") {
            assert!(
                python.is_file(),
                "faster-whisper's Python is not at {} (`make bench` makes that virtual environment; or set RECOLLECT_BENCH_PYTHON)",
                python.display()
            );
        }
        let model = model_folder();
        let ours = Path::new(env!("CARGO_BIN_EXE_recollect-transcribe-file"));
        let theirs =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/faster_whisper_transcribe.py");

        let (wav, text) = recording(&dir, minutes);
        let audio_seconds = seconds(&wav);
        let truth: Vec<String> = words(&text);

        out!("# Recollect speech benchmark\n");
        out!("- machine: {}", machine());
        out!("- load average at start: {}", load_average());
        out!(
            "- model: `{}`; {threads} threads each; language `{LANGUAGE}`; beam size {BEAM_SIZE}; word timings on both sides",
            model.display()
        );
        out!(
            "- recording: `{}`, {:.1} s ({:.2} min), espeak-ng English at 150 words a minute, {} sentences, {} words, seed {SEED}",
            wav.display(),
            audio_seconds,
            audio_seconds / 60.0,
            text.lines().count(),
            truth.len()
        );
        out!(
            "- runs: {pairs} pairs, each side its own process, alternating ({}); nothing else of the bench runs meanwhile, but the machine is not idle (see the load average)\n",
            if wants("ours") && wants("theirs") { "ours, theirs, ours, theirs, …" } else { "one side only" }
        );

        let mut our_runs = Vec::new();
        let mut their_runs = Vec::new();
        let say = |side: &str, pair: usize, r: &Run| {
            eprintln!(
                "  {side} {pair}: {:.1} s wall ({:.1} s recognizing), RTF {:.3}, {:.1} CPU s, {:.0} MiB peak, WER {:.3} ({} words)",
                r.wall, r.recognize, r.wall / audio_seconds, r.cpu, r.peak_mib, r.wer, r.words
            )
        };
        for pair in 1..=pairs {
            eprintln!("pair {pair} of {pairs} (load {})", load_average());
            if wants("ours") {
                let mut command = Command::new(ours);
                command.arg(&model).arg(&wav).args([
                    "--threads",
                    &threads.to_string(),
                    "--language",
                    LANGUAGE,
                ]);
                let r = run(command, &dir.join(format!("ours-{pair}.json")), &truth);
                say("ours", pair, &r);
                our_runs.push(r);
            }
            if wants("theirs") {
                let mut command = Command::new(&python);
                command
                    .arg(&theirs)
                    .arg(&model)
                    .arg(&wav)
                    .arg(threads.to_string())
                    .arg(LANGUAGE)
                    .arg(&their_compute_type)
                    .arg(BEAM_SIZE.to_string());
                let r = run(command, &dir.join(format!("theirs-{pair}.json")), &truth);
                say("theirs", pair, &r);
                their_runs.push(r);
            }
        }

        let their_json = dir.join("theirs-1.json");
        let their_engine = if their_runs.is_empty() {
            String::new()
        } else {
            format!(
                "faster-whisper {}, CTranslate2 {} from PyPI",
                first_json_field(&their_json, "faster_whisper"),
                first_json_field(&their_json, "ctranslate2"),
            )
        };
        out!("## Results\n");
        out!("Times are medians of the runs (each run in brackets); RTF = processing time / audio duration ({audio_seconds:.1} s). *Process* is the whole process: model load, decoding the file, recognition. CPU seconds and peak memory come from `wait4` on that process.\n");
        out!("| | ours (`recollect-transcribe-file`) | faster-whisper |");
        out!("|---|---:|---:|");
        out!(
            "| engine | {} (CTranslate2 4.8.4, vendored) | {their_engine} |",
            recollect_speech::ENGINE
        );
        out!(
            "| compute type | {} | {} asked, {} used |",
            recollect_speech::COMPUTE_TYPE,
            their_compute_type,
            first_json_field(&their_json, "compute_type")
        );
        let cell = |runs: &[Run], value: &dyn Fn(&Run) -> f64, digits: usize| {
            if runs.is_empty() {
                return "not run".to_owned();
            }
            let each: Vec<String> = runs
                .iter()
                .map(|r| format!("{:.*}", digits, value(r)))
                .collect();
            format!(
                "**{:.*}** ({})",
                digits,
                median(runs.iter().map(value).collect()),
                each.join(", ")
            )
        };
        type Measure<'a> = dyn Fn(&Run) -> f64 + 'a;
        let rows: [(&str, &Measure, usize); 7] = [
            ("process wall time, s", &|r| r.wall, 1),
            ("RTF, process", &|r| r.wall / audio_seconds, 3),
            ("recognition alone, s", &|r| r.recognize, 1),
            (
                "RTF, recognition alone",
                &|r| r.recognize / audio_seconds,
                3,
            ),
            ("CPU seconds (user + system)", &|r| r.cpu, 1),
            ("peak resident memory, MiB", &|r| r.peak_mib, 0),
            ("word error rate", &|r| r.wer, 3),
        ];
        for (name, value, digits) in rows {
            out!(
                "| {name} | {} | {} |",
                cell(&our_runs, value, digits),
                cell(&their_runs, value, digits)
            );
        }
        out!(
            "| words heard (of {}) | {} | {} |",
            truth.len(),
            cell(&our_runs, &|r| r.words as f64, 0),
            cell(&their_runs, &|r| r.words as f64, 0)
        );
        out!("");
        out!("Each run in the order it ran, with the load average (1 minute) at its start and end: another build on the machine slows both sides, but not alike.\n");
        out!("| pair | side | load | process wall, s | RTF | CPU s | peak MiB | WER |");
        out!("|---:|---|---:|---:|---:|---:|---:|---:|");
        for pair in 0..pairs {
            for (side, runs) in [("ours", &our_runs), ("faster-whisper", &their_runs)] {
                if let Some(r) = runs.get(pair) {
                    out!(
                        "| {} | {side} | {} | {:.1} | {:.3} | {:.1} | {:.0} | {:.3} |",
                        pair + 1,
                        r.load,
                        r.wall,
                        r.wall / audio_seconds,
                        r.cpu,
                        r.peak_mib,
                        r.wer
                    );
                }
            }
            if let (Some(o), Some(t)) = (our_runs.get(pair), their_runs.get(pair)) {
                out!(
                    "| {} | ours / theirs | | **{:.2}x** | | {:.2}x | {:.2}x | |",
                    pair + 1,
                    o.wall / t.wall,
                    o.cpu / t.cpu,
                    o.peak_mib / t.peak_mib
                );
            }
        }
        out!("");
        if !our_runs.is_empty() && !their_runs.is_empty() {
            let ratio = |value: &dyn Fn(&Run) -> f64| {
                median(our_runs.iter().map(value).collect())
                    / median(their_runs.iter().map(value).collect())
            };
            let wall_ratio = ratio(&|r| r.wall);
            let pair_ratios: Vec<String> = our_runs
                .iter()
                .zip(&their_runs)
                .map(|(o, t)| format!("{:.2}x", o.wall / t.wall))
                .collect();
            let our_rtf = median(our_runs.iter().map(|r| r.wall / audio_seconds).collect());
            out!("### Against the goals\n");
            out!("| goal | measured | met? |");
            out!("|---|---|---|");
            out!(
                "| at most 1.0x faster-whisper's time | **{wall_ratio:.2}x** (process wall time, ours / theirs, of the medians; pair by pair {}; recognition alone {:.2}x, CPU seconds {:.2}x) | {} |",
                pair_ratios.join(", "),
                ratio(&|r| r.recognize),
                ratio(&|r| r.cpu),
                if wall_ratio <= 1.0 { "yes" } else { "no" }
            );
            out!(
                "| under 0.5x real time | **{our_rtf:.3}** | {} |",
                if our_rtf < 0.5 { "yes" } else { "no" }
            );
            out!(
                "| peak memory of both | ours {:.0} MiB, theirs {:.0} MiB ({:.2}x) | reported |",
                median(our_runs.iter().map(|r| r.peak_mib).collect()),
                median(their_runs.iter().map(|r| r.peak_mib).collect()),
                ratio(&|r| r.peak_mib)
            );
            out!(
                "| accuracy not traded for speed | word error rate ours {:.3}, theirs {:.3} | reported |",
                median(our_runs.iter().map(|r| r.wer).collect()),
                median(their_runs.iter().map(|r| r.wer).collect())
            );
            out!("");
        }
        out!("- load average at end: {}", load_average());

        let report_path = bench_dir.join("speech-report.md");
        std::fs::write(&report_path, REPORT.lock().unwrap().as_str()).expect("write the report");
        eprintln!("report written to {}", report_path.display());
    }
}
