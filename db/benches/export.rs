//! `make bench` (second part): package export and fixity audit throughput on an archive with
//! about 4 GB of recordings, beside the limit set by hashing and beside other tools, all in the
//! same run on the same files.
//!
//! A plain program (`harness = false`): it prints a Markdown report to stdout, progress to
//! stderr, and asserts nothing about time.
//!
//! What is measured, in rounds (each round runs every tool once, so all see similar load):
//!
//! - **export**: `package::export`, full profile, whole archive: payload bytes / wall time.
//!   Every payload file is read once for its SHA-256, its SHA-512 and its copy into the bag.
//! - **audit**: `fixity::audit`: recording bytes / wall time (SHA-256 of every kept file).
//! - **hashing limit**: `openssl speed -evp sha256 -bytes 16384 -seconds 3 -multi 2`, and the same
//!   for sha512. With `-multi 2` openssl reports the total of two processes, one per core, so
//!   `R256` and `R512` are rates for the whole machine. A manifest writer must put every byte
//!   through both digests: one byte costs `1/R256 + 1/R512` seconds of the machine, so the
//!   limit is `1 / (1/R256 + 1/R512)` (equivalently, per core `1 / (1/r256 + 1/r512)` times two
//!   cores). The audit only needs SHA-256: its limit is `R256`.
//! - **digests, in memory**: `bagit::hash_stream`, the export's own hashing (OpenSSL's SHA-256
//!   and SHA-512 on Linux), over a buffer in memory, one thread per core: what our hashing code
//!   can do without any I/O.
//! - **bagit-python**: `bagit.py --processes 2 --sha256 --sha512` making a bag in place of a
//!   fresh folder of hard links to the same recordings (same inodes, so the same cached pages;
//!   bagit moves them into `data/` and only reads them: it hashes but does not copy).
//! - **sha256sum**: coreutils over the same files, one process.
//! - **read**: reading every file once into a 1 MiB buffer (the warm-up): the I/O floor.
//!
//! Page cache: nothing is dropped (that needs root). Before every tool the recordings are read
//! through once, so every tool reads them from the page cache alike.
//!
//! Settings, all optional, from the environment:
//!
//! - `RECOLLECT_BENCH_DIR`: default `$CARGO_TARGET_DIR/bench`; this bench works in `<dir>/export/`.
//! - `RECOLLECT_BENCH_EXPORT_FILES` (40) and `RECOLLECT_BENCH_EXPORT_FILE_MB` (100): the
//!   recordings (WAV, pseudo-random PCM, distinct per file). The archive
//!   `<dir>/export/archive-<files>x<mb>MB.db` is made once and reused.
//! - `RECOLLECT_BENCH_EXPORT_RUNS` (2): rounds; the best of each is reported.
//! - `RECOLLECT_BENCH_EXPORT_TOOLS`: a comma-separated subset of
//!   `export,audit,openssl,digests,bagit,sha256sum` (default all).
//!
//! The report is also written to `<dir>/export/report.md`.

use std::{
    collections::BTreeMap,
    io::{Read, Write},
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::Instant,
};

use recollect_db::{
    export::{
        bagit,
        content::Selection,
        package::{self, ExportOptions, Profile},
    },
    fixity, generate,
    interview::{self, InterviewInput},
    jobs::JobContext,
    media::{self, AddMediaOptions},
    transcript::{self, formats, ImportOptions},
    Archive, Origin,
};

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

const SEED: u64 = 7;
const RECORDINGS_PER_INTERVIEW: u32 = 5;
const MB: f64 = 1_000_000.0;

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

/// CPU seconds (user + system) of this process and of its waited-for children, from
/// `/proc/self/stat` (clock ticks of 1/100 s).
fn cpu_seconds() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<f64> = stat
        .rsplit_once(')')
        .map(|(_, rest)| {
            rest.split_whitespace()
                .filter_map(|f| f.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    // After the command name: state (not a number, skipped), ppid, …; utime is field 14 of the
    // line, so index 10 here, then stime, cutime, cstime.
    let tick = |i: usize| fields.get(i).copied().unwrap_or(0.0) / 100.0;
    (tick(10) + tick(11), tick(12) + tick(13))
}

/// Runs `f`, returning its result, wall seconds and CPU seconds (this process and children).
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (own, children) = cpu_seconds();
    let started = Instant::now();
    let value = f();
    let wall = started.elapsed().as_secs_f64();
    let (own2, children2) = cpu_seconds();
    (value, wall, (own2 - own) + (children2 - children))
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_owned());
    let sha_ni = cpuinfo
        .lines()
        .any(|l| l.starts_with("flags") && l.split_whitespace().any(|f| f == "sha_ni"));
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0));
    format!(
        "{}, {cores} cores available, {} memory, SHA extensions: {}",
        model.as_deref().unwrap_or("unknown CPU"),
        memory.as_deref().unwrap_or("unknown"),
        if sha_ni { "yes (sha_ni)" } else { "no" }
    )
}

fn tool_version(program: &str, arg: &str) -> String {
    Command::new(program)
        .arg(arg)
        .output()
        .ok()
        .map(|o| {
            let text = if o.stdout.is_empty() {
                o.stderr
            } else {
                o.stdout
            };
            String::from_utf8_lossy(&text)
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_owned()
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "not found".into())
}

/// One timed run of a tool: bytes through it, wall seconds, CPU seconds.
#[derive(Clone, Copy)]
struct Sample {
    bytes: f64,
    wall: f64,
    cpu: f64,
}

fn main() {
    let files: u32 = env_or::<u32>("RECOLLECT_BENCH_EXPORT_FILES", 40).max(1);
    let file_mb: u64 = env_or::<u64>("RECOLLECT_BENCH_EXPORT_FILE_MB", 100).max(1);
    let runs: usize = env_or::<usize>("RECOLLECT_BENCH_EXPORT_RUNS", 2).max(1);
    let tools: Vec<String> = std::env::var("RECOLLECT_BENCH_EXPORT_TOOLS")
        .unwrap_or_else(|_| "export,audit,openssl,digests,bagit,sha256sum".into())
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    let wants = |t: &str| tools.iter().any(|x| x == t);
    let bench_dir = std::env::var_os("RECOLLECT_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
                .join("bench")
        });
    let dir = bench_dir.join("export");
    std::fs::create_dir_all(&dir).expect("create the bench folder");
    let archive_path = dir.join(format!("archive-{files}x{file_mb}MB.db"));

    out!("# Recollect export and fixity benchmark\n");
    out!("- machine: {}", machine());
    out!("- load average at start: {}", load_average());
    out!(
        "- {}; {}; {}",
        tool_version("openssl", "version"),
        tool_version("sha256sum", "--version"),
        tool_version("bagit.py", "--version")
    );
    out!("- rounds: {runs}; every tool runs once a round, after a warm-up read of all recordings (page cache warm for all alike)\n");

    let mut archive = open_or_generate(&archive_path, files, file_mb);
    let recordings = recording_files(&archive);
    let media_bytes: u64 = recordings.iter().map(|(_, size)| size).sum();
    let media = media_bytes as f64;
    out!("## Dataset\n");
    out!("| | |\n|---|---|");
    out!("| archive | `{}` |", archive_path.display());
    out!(
        "| interviews | {} (each with one transcript) |",
        files.div_ceil(RECORDINGS_PER_INTERVIEW)
    );
    out!(
        "| recordings | {} WAV files, managed, {:.0} MB in all ({:.1} MB each) |",
        recordings.len(),
        media / MB,
        media / MB / recordings.len().max(1) as f64
    );
    out!("");

    let mut results: BTreeMap<&'static str, Vec<Sample>> = BTreeMap::new();
    // (R256, R512) for two processes, wall time; (c256, c512) for one process, per CPU second.
    let mut limits: Vec<(f64, f64)> = Vec::new();
    let mut cpu_limits: Vec<(f64, f64)> = Vec::new();
    let warm_up = |results: &mut BTreeMap<&'static str, Vec<Sample>>| {
        let ((), wall, cpu) = timed(|| {
            let mut buffer = vec![0u8; 1 << 20];
            for (path, _) in &recordings {
                let mut file = std::fs::File::open(path).expect("open a recording");
                while file.read(&mut buffer).expect("read a recording") > 0 {}
            }
        });
        results.entry("read").or_default().push(Sample {
            bytes: media,
            wall,
            cpu,
        });
    };
    let say = |name: &str, s: &Sample| {
        eprintln!(
            "  {name}: {:.1} s, {:.0} MB/s; {:.1} CPU s, {:.0} MB per CPU s",
            s.wall,
            s.bytes / MB / s.wall,
            s.cpu,
            s.bytes / MB / s.cpu
        )
    };
    for round in 1..=runs {
        eprintln!("round {round} of {runs} (load {})", load_average());
        if wants("openssl") {
            let r = (openssl_rate("sha256", true), openssl_rate("sha512", true));
            let c = (openssl_rate("sha256", false), openssl_rate("sha512", false));
            eprintln!("  openssl: sha256 {:.0} MB/s, sha512 {:.0} MB/s (2 processes); per CPU s {:.0} and {:.0}", r.0 / MB, r.1 / MB, c.0 / MB, c.1 / MB);
            limits.push(r);
            cpu_limits.push(c);
        }
        if wants("digests") {
            let (bytes, wall, cpu) = timed(digests_in_memory);
            let s = Sample {
                bytes: bytes as f64,
                wall,
                cpu,
            };
            say("digests in memory", &s);
            results.entry("digests").or_default().push(s);
        }
        if wants("export") {
            warm_up(&mut results);
            let out = dir.join("package");
            let _ = std::fs::remove_dir_all(&out);
            let options = ExportOptions {
                out: out.to_string_lossy().into_owned(),
                profile: Profile::Full,
                selection: Selection::All,
                organization: String::new(),
                contact: String::new(),
                description: String::new(),
            };
            let (summary, wall, cpu) = timed(|| {
                package::export(
                    &mut archive,
                    &options,
                    "2026-11-25",
                    Origin::Cli,
                    &JobContext::silent(),
                )
                .expect("export")
            });
            let s = Sample {
                bytes: (summary.megabytes * 1_048_576.0).round(),
                wall,
                cpu,
            };
            say(&format!("export ({} files)", summary.files), &s);
            results.entry("export").or_default().push(s);
            std::fs::remove_dir_all(&out).expect("remove the package");
        }
        if wants("audit") {
            warm_up(&mut results);
            let (report, wall, cpu) = timed(|| {
                fixity::audit(&mut archive, &JobContext::silent(), Origin::Cli).expect("audit")
            });
            assert!(report.is_clean(), "{report:?}");
            let s = Sample {
                bytes: media,
                wall,
                cpu,
            };
            say("audit", &s);
            results.entry("audit").or_default().push(s);
        }
        if wants("bagit") {
            warm_up(&mut results);
            match bagit_python(&dir, &recordings) {
                Some((wall, cpu)) => {
                    let s = Sample {
                        bytes: media,
                        wall,
                        cpu,
                    };
                    say("bagit.py", &s);
                    results.entry("bagit").or_default().push(s);
                }
                None => eprintln!(
                    "  bagit.py: not run (install it with `python3 -m pip install bagit`)"
                ),
            }
        }
        if wants("sha256sum") {
            warm_up(&mut results);
            let (status, wall, cpu) = timed(|| {
                Command::new("sha256sum")
                    .args(recordings.iter().map(|(p, _)| p.as_os_str()))
                    .stdout(Stdio::null())
                    .status()
                    .expect("run sha256sum")
            });
            assert!(status.success(), "sha256sum failed");
            let s = Sample {
                bytes: media,
                wall,
                cpu,
            };
            say("sha256sum", &s);
            results.entry("sha256sum").or_default().push(s);
        }
    }

    let best = |v: &[(f64, f64)]| {
        (
            v.iter().map(|l| l.0).fold(0.0, f64::max),
            v.iter().map(|l| l.1).fold(0.0, f64::max),
        )
    };
    let both = |l: (f64, f64)| 1.0 / (1.0 / l.0 + 1.0 / l.1);
    let (wall_limit, cpu_limit) = (best(&limits), best(&cpu_limits));
    out!("## Results\n");
    out!(
        "MB = 10^6 bytes. Best of {runs} rounds (every round's MB/s in brackets). *Limit* for the manifests: \
         1 / (1/R256 + 1/R512), with R256 and R512 the `openssl speed -evp … -bytes 16384 -seconds 3 -multi 2` totals \
         for two processes (one per core, wall time); for SHA-256 alone (audit, sha256sum) the limit is R256. \
         *Per CPU s*: bytes over the CPU seconds (user + system) the tool used, against the same limits from \
         single-process `openssl speed` (which divides by CPU time); this does not depend on the load.\n"
    );
    out!("| tool | per byte | MB/s (wall) | rounds | vs two-digest limit | vs SHA-256 limit | MB per CPU s | vs two-digest limit | vs SHA-256 limit |");
    out!("|---|---|---:|---|---:|---:|---:|---:|---:|");
    let row = |name: &str, what: &str, wall: f64, rounds: String, cpu: f64| {
        out!(
            "| {name} | {what} | **{:.0}** | {rounds} | {:.2}x | {:.2}x | {:.0} | {:.2}x | {:.2}x |",
            wall / MB,
            wall / both(wall_limit),
            wall / wall_limit.0,
            cpu / MB,
            cpu / both(cpu_limit),
            cpu / cpu_limit.0
        );
    };
    if !limits.is_empty() {
        let each = |f: &dyn Fn(&(f64, f64)) -> f64| {
            limits
                .iter()
                .map(|l| format!("{:.0}", f(l) / MB))
                .collect::<Vec<_>>()
                .join(", ")
        };
        row(
            "openssl sha256",
            "SHA-256",
            wall_limit.0,
            each(&|l| l.0),
            cpu_limit.0,
        );
        row(
            "openssl sha512",
            "SHA-512",
            wall_limit.1,
            each(&|l| l.1),
            cpu_limit.1,
        );
        row(
            "**hashing limit**",
            "SHA-256 + SHA-512",
            both(wall_limit),
            each(&|l| both(*l)),
            both(cpu_limit),
        );
    }
    let tool = |key: &str, name: &str, what: &str| {
        let Some(samples) = results.get(key) else {
            return;
        };
        let wall = samples.iter().map(|s| s.bytes / s.wall).fold(0.0, f64::max);
        let cpu = samples
            .iter()
            .map(|s| s.bytes / s.cpu.max(0.01))
            .fold(0.0, f64::max);
        let rounds = samples
            .iter()
            .map(|s| format!("{:.0}", s.bytes / MB / s.wall))
            .collect::<Vec<_>>()
            .join(", ");
        row(name, what, wall, rounds, cpu);
    };
    tool(
        "digests",
        "our manifest digests in memory, 2 threads",
        "SHA-256 + SHA-512, no I/O",
    );
    tool(
        "export",
        "**Recollect export** (full profile)",
        "read, SHA-256 + SHA-512, write a copy",
    );
    tool(
        "bagit",
        "bagit-python `--processes 2`",
        "read, SHA-256 + SHA-512 (no copy)",
    );
    tool("audit", "**Recollect fixity audit**", "read, SHA-256");
    tool(
        "sha256sum",
        "coreutils `sha256sum`, 1 process",
        "read, SHA-256",
    );
    tool(
        "read",
        "read into a 1 MiB buffer, 1 thread (the warm-ups)",
        "read",
    );
    out!("");
    out!("- load average at end: {}", load_average());
    let report = dir.join("report.md");
    match std::fs::write(&report, REPORT.lock().unwrap().as_bytes()) {
        Ok(()) => eprintln!("report written to {}", report.display()),
        Err(e) => eprintln!("could not write {}: {e}", report.display()),
    }
}

// ---------------------------------------------------------------------------------------------
// The dataset

/// A WAV file of `bytes` bytes: 48 kHz 16-bit stereo, pseudo-random samples (nothing in it
/// compresses or repeats), distinct for each `seed`.
fn write_wav(path: &Path, bytes: u64, seed: u64) {
    let data_len = ((bytes.saturating_sub(44)) / 4 * 4) as u32;
    let mut out = std::io::BufWriter::with_capacity(
        1 << 20,
        std::fs::File::create(path).expect("create a WAV"),
    );
    let header = recollect_db::media::pcm16_wav_header(48_000, 2, data_len);
    out.write_all(&header).expect("write a WAV");
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut chunk = vec![0u8; 1 << 20];
    let mut left = data_len as usize;
    while left > 0 {
        let n = left.min(chunk.len());
        rng.fill(&mut chunk[..n]);
        out.write_all(&chunk[..n]).expect("write a WAV");
        left -= n;
    }
    out.flush().expect("write a WAV");
}

fn open_or_generate(path: &Path, files: u32, file_mb: u64) -> Archive {
    let mut done = path.as_os_str().to_owned();
    done.push(".complete");
    let done = PathBuf::from(done);
    if path.exists() && done.exists() {
        eprintln!("reusing {}", path.display());
        return Archive::open(path).expect("open the archive");
    }
    // A half-made archive from an interrupted run is made again.
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    let mut archive = Archive::open(path).expect("create the archive");
    if let Some(media_dir) = archive.media_dir() {
        let _ = std::fs::remove_dir_all(media_dir);
    }
    eprintln!(
        "generating {files} recordings of {file_mb} MB into {}",
        path.display()
    );
    let started = Instant::now();
    let incoming = path.with_file_name("incoming.wav");
    let interviews = files.div_ceil(RECORDINGS_PER_INTERVIEW);
    let mut made = 0;
    for n in 0..interviews {
        let i = interview::create(
            &mut archive,
            &InterviewInput {
                title: format!("Benchmark interview {}", n + 1),
                ..Default::default()
            },
            Origin::Cli,
        )
        .expect("create an interview");
        let vtt = formats::write_vtt(&generate::transcript_segments(400, SEED + u64::from(n)));
        transcript::import(
            &mut archive,
            &i.id,
            "interview.vtt",
            vtt.as_bytes(),
            &ImportOptions::default(),
            &JobContext::silent(),
            Origin::Import,
        )
        .expect("import a transcript");
        for tape in 0..RECORDINGS_PER_INTERVIEW.min(files - made) {
            write_wav(
                &incoming,
                file_mb * 1_000_000,
                SEED * 1_000 + u64::from(made),
            );
            let options = AddMediaOptions {
                reference: false,
                tape_label: format!("Tape {}", tape + 1),
            };
            media::add(
                &mut archive,
                &i.id,
                &incoming,
                &options,
                &JobContext::silent(),
                Origin::Cli,
            )
            .expect("add a recording");
            made += 1;
            eprint!("\rrecordings: {made} of {files}   ");
        }
    }
    let _ = std::fs::remove_file(&incoming);
    eprintln!("\ngenerated in {:.0} s", started.elapsed().as_secs_f64());
    archive
        .conn()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .expect("checkpoint");
    std::fs::write(&done, "").expect("mark the archive complete");
    archive
}

/// Every recording's file and size.
fn recording_files(archive: &Archive) -> Vec<(PathBuf, u64)> {
    let mut stmt = archive
        .conn()
        .prepare("SELECT uuid FROM media ORDER BY uuid")
        .expect("list media");
    let ids: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .expect("list media")
        .collect::<Result<_, _>>()
        .expect("list media");
    ids.iter()
        .map(|id| {
            let path = media::resolve_path(archive, &media::get(archive, id).expect("a recording"));
            let size = std::fs::metadata(&path).expect("a recording's file").len();
            (path, size)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The other tools

/// `openssl speed -evp <digest> -bytes 16384 -seconds 3 -multi 2`: bytes per second for the two
/// processes together, from the 16384-byte column (reported in thousands of bytes per second).
/// Without `multi`, one process, whose rate openssl divides by the CPU (user) time it used.
fn openssl_rate(digest: &str, multi: bool) -> f64 {
    let mut args = vec!["speed", "-evp", digest, "-bytes", "16384", "-seconds", "3"];
    if multi {
        args.extend(["-multi", "2"]);
    }
    let output = Command::new("openssl")
        .args(&args)
        .stderr(Stdio::null())
        .output()
        .expect("run openssl speed");
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines()
        .filter(|l| {
            l.split_whitespace().next().is_some_and(|w| {
                w.eq_ignore_ascii_case(digest) || w.eq_ignore_ascii_case(&format!("evp_{digest}"))
            })
        })
        .filter_map(|l| {
            l.split_whitespace()
                .last()?
                .strip_suffix('k')?
                .parse::<f64>()
                .ok()
        })
        .next_back()
        .map(|k| k * 1000.0)
        .unwrap_or_else(|| panic!("could not read openssl speed's output:\n{text}"))
}

/// The export's own hashing (`bagit::hash_stream`), SHA-256 and SHA-512 over the same 1 MiB
/// chunks of a 64 MiB buffer, one thread per core, for about 3 seconds.
fn digests_in_memory() -> u64 {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut data = vec![0u8; 64 << 20];
    fastrand::Rng::with_seed(SEED).fill(&mut data);
    let started = Instant::now();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut bytes = 0u64;
                    while started.elapsed().as_secs_f64() < 3.0 {
                        let digests =
                            bagit::hash_stream(data.as_slice(), None, &JobContext::silent())
                                .expect("read memory")
                                .expect("not cancelled");
                        std::hint::black_box(digests);
                        bytes += data.len() as u64;
                    }
                    bytes
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    })
}

/// bagit-python making a bag in place of a fresh folder of hard links to the recordings.
/// Returns the wall and CPU seconds, or `None` when bagit.py is not installed.
fn bagit_python(dir: &Path, recordings: &[(PathBuf, u64)]) -> Option<(f64, f64)> {
    let folder = dir.join("bagit-python");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("create the bagit folder");
    for (n, (path, _)) in recordings.iter().enumerate() {
        let name = format!("{n:03}-{}", path.file_name().unwrap().to_string_lossy());
        std::fs::hard_link(path, folder.join(name)).expect("link a recording");
    }
    let (status, wall, cpu) = timed(|| {
        Command::new("bagit.py")
            .args(["--quiet", "--processes", "2", "--sha256", "--sha512"])
            .arg(&folder)
            .status()
    });
    let _ = std::fs::remove_dir_all(&folder);
    match status {
        Ok(s) if s.success() => Some((wall, cpu)),
        Ok(s) => panic!("bagit.py failed: {s}"),
        Err(_) => None,
    }
}
