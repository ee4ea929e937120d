//! `make bench`: import throughput, search latency beside the raw FTS5 query, and database size
//! on a generated archive (by default 10,000 interviews, about 20 million words).
//!
//! A plain program (`harness = false`): it measures and prints a Markdown report to stdout,
//! progress to stderr. It asserts nothing about time; the tests do not either.
//!
//! Settings, all optional, from the environment:
//!
//! - `RECOLLECT_BENCH_DIR`: where the generated archive, the import archives and the report go.
//!   Default `$CARGO_TARGET_DIR/bench`.
//! - `RECOLLECT_BENCH_ARCHIVE`: the archive to search; generated if missing and reused after.
//!   Default `<dir>/archive-<interviews>x<segments>.db`.
//! - `RECOLLECT_BENCH_INTERVIEWS` (10000) and `RECOLLECT_BENCH_SEGMENTS` (103 segments each,
//!   about 19.5 words a segment: 20 million words) size a generated archive.
//! - `RECOLLECT_BENCH_RUNS` (30): timed runs per query, after 3 warm-ups.
//! - `RECOLLECT_BENCH_IMPORT_MB` (64): the size of the transcript files imported; 0 skips.
//! - `RECOLLECT_BENCH_ONLY`: `import` or `search` to run one part.
//!
//! The report also goes to `<dir>/report.md`.

use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use recollect_db::{
    generate::{self, GenerateOptions},
    interview::{self, InterviewInput},
    jobs::{JobContext, Progress},
    search::{self, HitKind, SearchQuery},
    transcript::{self, formats, formats::Format, ImportOptions},
    Archive, Origin,
};

/// The report so far, written to `report.md` at the end.
static REPORT: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// `println!` that also keeps the line for the report file.
macro_rules! out {
    ($($arg:tt)*) => {{
        let line = format!($($arg)*);
        println!("{line}");
        let mut report = REPORT.lock().unwrap();
        report.push_str(&line);
        report.push('\n');
    }};
}

const SEED: u64 = 1;
const WARM_UPS: usize = 3;
const LIMIT: u32 = 50;

/// What is searched: what the user types, and the same query written by hand in FTS5 syntax
/// for the raw query. The generator draws from about 200 words, so even its names are in 2% of
/// segments; the queries that find only a few thousand segments are combinations.
const QUERIES: &[(&str, &str, &str)] = &[
    // (kind, user text, raw FTS5 MATCH expression)
    ("two rare words", "Kolyma Rogovin", "kolyma rogovin"),
    (
        "two rare words, Cyrillic",
        "Воркута Троцким",
        "Воркута Троцким",
    ),
    (
        "phrase of names",
        "\"Rogovin Smilga\"",
        "\"Rogovin Smilga\"",
    ),
    (
        "phrase, no match",
        "\"left opposition\"",
        "\"left opposition\"",
    ),
    ("phrase, common words", "\"the party\"", "\"the party\""),
    ("common AND rare", "father Rogovin", "father rogovin"),
    ("name", "Rogovin", "rogovin"),
    ("name, hyphen", "Antonov-Ovseenko", "\"Antonov-Ovseenko\""),
    ("name, Cyrillic", "Троцким", "Троцким"),
    ("prefix, Cyrillic", "Серебр*", "Серебр*"),
    ("prefix", "Trots*", "Trots*"),
    ("place", "Kolyma", "kolyma"),
    ("place, Cyrillic", "Воркута", "Воркута"),
    ("prefix", "rehabilit*", "rehabilit*"),
    ("OR", "Smilga OR Смилга", "Smilga OR Смилга"),
    ("common AND rare, Cyrillic", "и Воркута", "и Воркута"),
    ("phrase, Cyrillic", "\"и не\"", "\"и не\""),
    ("common", "father", "father"),
    ("common", "the", "the"),
    ("common, Cyrillic", "и", "и"),
];

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

/// CPU model, cores, memory and compiler, as far as Linux and `rustc` tell.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0));
    let rustc =
        std::process::Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
            .arg("--version")
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    format!(
        "{}, {cores} cores available, {} memory, {}",
        model.as_deref().unwrap_or("unknown CPU"),
        memory.as_deref().unwrap_or("unknown"),
        rustc.as_deref().unwrap_or("rustc unknown")
    )
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// The archive file plus its write-ahead log.
fn archive_size(path: &Path) -> u64 {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    file_size(path) + file_size(Path::new(&wal))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    // Nearest rank.
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn progress_printer(label: &'static str) -> JobContext {
    JobContext::new(Default::default(), move |p| {
        if let Progress::Progress {
            done,
            total: Some(total),
            ..
        } = p
        {
            eprint!("\r{label}: {done} of {total}   ");
        }
    })
}

fn main() {
    // `cargo bench` passes `--bench`; there is nothing else to read from the arguments.
    let interviews: u32 = env_or("RECOLLECT_BENCH_INTERVIEWS", 10_000);
    let segments: u32 = env_or("RECOLLECT_BENCH_SEGMENTS", 103);
    let runs: usize = env_or::<usize>("RECOLLECT_BENCH_RUNS", 30).max(1);
    let import_mb: u64 = env_or("RECOLLECT_BENCH_IMPORT_MB", 64);
    let only = std::env::var("RECOLLECT_BENCH_ONLY").unwrap_or_default();
    let bench_dir = std::env::var_os("RECOLLECT_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
                .join("bench")
        });
    let archive_path = std::env::var_os("RECOLLECT_BENCH_ARCHIVE")
        .map(PathBuf::from)
        .unwrap_or_else(|| bench_dir.join(format!("archive-{interviews}x{segments}.db")));

    out!("# Recollect benchmark\n");
    out!("- machine: {}", machine());
    out!("- load average at start: {}", load_average());
    out!("- SQLite {}", rusqlite::version());
    out!("- timed runs per query: {runs} (after {WARM_UPS} warm-ups), ours and raw interleaved\n");

    if (only.is_empty() || only == "import") && import_mb > 0 {
        bench_import(&bench_dir, import_mb);
    }
    if only.is_empty() || only == "search" {
        let archive = open_or_generate(&archive_path, interviews, segments);
        bench_search(&archive, runs);
    }
    out!("\n- load average at end: {}", load_average());
    let report = bench_dir.join("report.md");
    if let Err(e) = std::fs::create_dir_all(&bench_dir)
        .and_then(|()| std::fs::write(&report, REPORT.lock().unwrap().as_bytes()))
    {
        eprintln!("could not write {}: {e}", report.display());
    } else {
        eprintln!("report written to {}", report.display());
    }
}

// ---------------------------------------------------------------------------------------------
// The dataset

fn open_or_generate(path: &Path, interviews: u32, segments: u32) -> Archive {
    let mut note = path.as_os_str().to_owned();
    note.push(".generated-in");
    let note = PathBuf::from(note);
    let generated_in = if path.exists() {
        eprintln!("reusing {}", path.display());
        std::fs::read_to_string(&note)
            .ok()
            .and_then(|s| s.trim().parse::<f64>().ok())
    } else {
        eprintln!(
            "generating {interviews} interviews of {segments} segments into {}",
            path.display()
        );
        let mut archive = Archive::open(path).expect("create the archive");
        let started = Instant::now();
        generate::generate(
            &mut archive,
            &GenerateOptions {
                interviews,
                segments_per_interview: segments,
                seed: SEED,
            },
            &progress_printer("generated interviews"),
        )
        .expect("generate");
        let seconds = started.elapsed().as_secs_f64();
        eprintln!();
        archive
            .conn()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .expect("checkpoint");
        std::fs::write(&note, format!("{seconds:.1}\n")).expect("write the generation time");
        Some(seconds)
    };
    let archive = Archive::open(path).expect("open the archive");
    let conn = archive.conn();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    eprintln!("counting words");
    let interviews = count("SELECT count(*) FROM interviews");
    let transcripts = count("SELECT count(*) FROM transcripts");
    let segments = count("SELECT count(*) FROM segments");
    // Words as a reader counts them: runs of text between single spaces (the generator writes
    // one space between words).
    let words =
        count("SELECT sum(length(text) - length(replace(text, ' ', '')) + 1) FROM segments");
    let terms = count("SELECT count(*) FROM segments_vocab");
    let text_bytes = count("SELECT sum(length(CAST(text AS BLOB))) FROM segments");
    out!("## Dataset\n");
    out!("| | |\n|---|---|");
    out!("| archive | `{}` |", path.display());
    out!("| interviews | {interviews} |");
    out!("| transcripts | {transcripts} |");
    out!("| segments | {segments} |");
    out!(
        "| words in segments | {words} ({:.1} per segment) |",
        words as f64 / segments.max(1) as f64
    );
    out!("| distinct indexed terms | {terms} |");
    out!("| segment text | {:.0} MB |", megabytes(text_bytes as u64));
    out!(
        "| database size | {:.0} MB |",
        megabytes(archive_size(path))
    );
    match dbstat(conn) {
        Some(tables) => {
            for (name, bytes) in tables {
                out!("| &nbsp; of which `{name}` | {:.0} MB |", megabytes(bytes));
            }
        }
        None => out!("| &nbsp; per table | (dbstat not compiled in) |"),
    }
    match generated_in {
        Some(s) => out!(
            "| generation time (release) | {s:.1} s ({:.0} segments/s) |",
            segments as f64 / s
        ),
        None => out!("| generation time | not recorded |"),
    }
    out!("");
    archive
}

/// Bytes per table (indexes counted with their table), largest first, when SQLite has dbstat.
fn dbstat(conn: &rusqlite::Connection) -> Option<Vec<(String, u64)>> {
    let mut stmt = conn
        .prepare(
            "SELECT coalesce(m.tbl_name, d.name), sum(d.pgsize) FROM dbstat d LEFT JOIN sqlite_schema m ON m.name = d.name
             GROUP BY 1 ORDER BY 2 DESC LIMIT 6",
        )
        .ok()?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
        })
        .ok()?;
    rows.collect::<rusqlite::Result<Vec<_>>>().ok()
}

// ---------------------------------------------------------------------------------------------
// Import

fn bench_import(bench_dir: &Path, target_mb: u64) {
    let target = (target_mb * 1_000_000) as usize;
    // Size the transcript from a sample of its cues.
    let sample = formats::write_vtt(&generate::transcript_segments(2_000, SEED));
    let cues = target * 2_000 / sample.len();
    eprintln!("building a {target_mb} MB transcript of {cues} cues");
    let segments = generate::transcript_segments(cues, SEED);
    let files = [
        (Format::Vtt, "interview.vtt", formats::write_vtt(&segments)),
        (Format::Srt, "interview.srt", formats::write_srt(&segments)),
        (
            Format::Text,
            "interview.txt",
            formats::write_text(&segments),
        ),
    ];
    drop(segments);
    let dir = bench_dir.join("import");
    std::fs::create_dir_all(&dir).expect("create the import folder");

    out!("## Import\n");
    out!(
        "One file of {cues} cues (mixed Russian and English, two speakers), imported with `transcript::import` into a \
         fresh archive file (WAL, one transaction); parse-only is `formats::parse` alone, best of 3.\n"
    );
    out!("| format | file | parse only | import (parse, store, index) | segments/s | archive after |");
    out!("|---|---:|---:|---:|---:|---:|");
    for (format, name, file) in &files {
        let bytes = file.as_bytes();
        let mb = megabytes(bytes.len() as u64);
        let parse = (0..3)
            .map(|_| {
                let started = Instant::now();
                let parsed = formats::parse(name, bytes, *format, None).expect("parse");
                let elapsed = started.elapsed();
                assert_eq!(parsed.segments.len(), cues, "every cue is read");
                elapsed
            })
            .min()
            .unwrap();

        let path = dir.join(format!("import-{}.db", format.as_str()));
        remove_archive(&path);
        let mut archive = Archive::open(&path).expect("create the archive");
        let interview = interview::create(
            &mut archive,
            &InterviewInput {
                title: "Benchmark".into(),
                ..Default::default()
            },
            Origin::Cli,
        )
        .expect("create the interview");
        eprintln!("importing {name} ({mb:.0} MB)");
        let started = Instant::now();
        let summary = transcript::import(
            &mut archive,
            &interview.id,
            name,
            bytes,
            &ImportOptions::default(),
            &JobContext::silent(),
            Origin::Import,
        )
        .expect("import");
        let import = started.elapsed();
        assert_eq!(summary.transcript.segment_count as usize, cues);
        archive
            .conn()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .expect("checkpoint");
        let size = archive_size(&path);
        drop(archive);
        remove_archive(&path);
        out!(
            "| {} | {mb:.1} MB | {:.0} MB/s ({:.2} s) | **{:.1} MB/s** ({:.1} s) | {:.0} | {:.0} MB |",
            format.as_str(),
            mb / parse.as_secs_f64(),
            parse.as_secs_f64(),
            mb / import.as_secs_f64(),
            import.as_secs_f64(),
            cues as f64 / import.as_secs_f64(),
            megabytes(size)
        );
    }
    out!("");
}

fn remove_archive(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

// ---------------------------------------------------------------------------------------------
// Search

/// The raw FTS5 query: bm25 order, snippets, and the columns our search returns, over the same
/// tables, with no common-word handling and no search of interviews and people.
const RAW_SQL: &str = "SELECT s.uuid, s.start_ms, t.uuid, i.uuid, i.title, bm25(segments_fts),
        snippet(segments_fts, 0, '<mark>', '</mark>', '…', 16)
    FROM segments_fts JOIN segments s ON s.id = segments_fts.rowid JOIN transcripts t ON t.id = s.transcript_id
      JOIN interviews i ON i.id = t.interview_id
    WHERE segments_fts MATCH ?1 ORDER BY rank LIMIT 50";

type RawHit = (String, Option<u32>, String, String, String, f64, String);

fn raw(archive: &Archive, fts: &str) -> Vec<RawHit> {
    let mut stmt = archive
        .conn()
        .prepare_cached(RAW_SQL)
        .expect("prepare the raw query");
    let rows = stmt
        .query_map([fts], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .expect("raw query");
    rows.collect::<rusqlite::Result<_>>().expect("raw rows")
}

fn ours(archive: &Archive, text: &str) -> Vec<search::SearchHit> {
    search::search(
        archive,
        &SearchQuery {
            text: text.into(),
            limit: Some(LIMIT),
            ..Default::default()
        },
    )
    .expect("search")
}

struct Row {
    kind: &'static str,
    text: &'static str,
    matches: i64,
    overlap: usize,
    best: (f64, f64),
    raw_hits: usize,
    ours: (Duration, Duration),
    raw: (Duration, Duration),
}

fn bench_search(archive: &Archive, runs: usize) {
    let mut rows = Vec::new();
    for &(kind, text, fts) in QUERIES {
        let matches: i64 = archive
            .conn()
            .query_row(
                "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH ?1",
                [fts],
                |r| r.get(0),
            )
            .expect("count matches");
        eprint!("{text}: {matches} segments match… ");
        for _ in 0..WARM_UPS {
            ours(archive, text);
            raw(archive, fts);
        }
        let (mut ours_times, mut raw_times) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
        let (mut our_hits, mut raw_hits) = (Vec::new(), Vec::new());
        // Interleaved, so both see the same load from the rest of the machine.
        for _ in 0..runs {
            let started = Instant::now();
            our_hits = ours(archive, text);
            ours_times.push(started.elapsed());
            let started = Instant::now();
            raw_hits = raw(archive, fts);
            raw_times.push(started.elapsed());
        }
        ours_times.sort();
        raw_times.sort();
        let raw_ids: std::collections::HashSet<&str> =
            raw_hits.iter().map(|h| h.0.as_str()).collect();
        let overlap = our_hits
            .iter()
            .filter(|h| h.kind == HitKind::Segment && raw_ids.contains(h.record_id.as_str()))
            .count();
        let best_segment = our_hits
            .iter()
            .filter(|h| h.kind == HitKind::Segment)
            .map(|h| h.score)
            .fold(f64::NAN, f64::min);
        let row = Row {
            kind,
            text,
            matches,
            overlap,
            best: (best_segment, raw_hits.first().map_or(f64::NAN, |h| h.5)),
            raw_hits: raw_hits.len(),
            ours: (percentile(&ours_times, 50.0), percentile(&ours_times, 95.0)),
            raw: (percentile(&raw_times, 50.0), percentile(&raw_times, 95.0)),
        };
        eprintln!(
            "ours {:.1} ms, raw {:.1} ms (p50)",
            ms(row.ours.0),
            ms(row.raw.0)
        );
        rows.push(row);
    }

    out!("## Search\n");
    out!(
        "`search::search` (segments, then interviews, index points and people; limit {LIMIT}) beside the raw FTS5 query \
         (`ORDER BY rank LIMIT 50` with snippets, joined to segments, transcripts and interviews), on one connection, \
         warm cache. Times in ms. *Ranking*: queries matching more than {} segments rank only their newest {} matches. \
         *Same top 50*: how many of the raw query's 50 best segments our search also returns. *Best bm25*: the best \
         segment's score, ours / raw (lower is better).\n",
        search::COMMON_MATCHES,
        search::COMMON_CANDIDATES
    );
    out!("| query | kind | matching segments | ranking | ours p50 | ours p95 | raw p50 | raw p95 | ratio (p50) | same top 50 | best bm25 |");
    out!("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        let ranking = if r.matches > i64::from(search::COMMON_MATCHES) {
            format!("newest {}", search::COMMON_CANDIDATES)
        } else {
            "full".into()
        };
        out!(
            "| `{}` | {} | {} | {ranking} | {:.1} | {:.1} | {:.1} | {:.1} | {:.2}x | {}/{} | {} |",
            r.text.replace('|', "\\|"),
            r.kind,
            r.matches,
            ms(r.ours.0),
            ms(r.ours.1),
            ms(r.raw.0),
            ms(r.raw.1),
            ms(r.ours.0) / ms(r.raw.0).max(1e-6),
            r.overlap,
            r.raw_hits,
            if r.best.1.is_nan() {
                "–".to_owned()
            } else {
                format!("{:.2} / {:.2}", r.best.0, r.best.1)
            },
        );
    }
    out!("");
}
