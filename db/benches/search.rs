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
//! - `RECOLLECT_BENCH_ONLY`: `import`, `search` or `recall` to run one part.
//!
//! The report also goes to `<dir>/report.md`.

use std::{
    path::{Path, PathBuf},
    time::{Duration, Instant},
};

use recollect_db::{
    generate::{self, GenerateOptions, PersonForms, Vocabulary},
    interview::{self, InterviewInput},
    jobs::{JobContext, Progress},
    search::{self, SearchQuery, SearchResults},
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

/// What is searched: what the user types, and the raw FTS5 query on the same rows where one
/// exists (the folded word in the `exact` column: what plain FTS5 over the text would find).
/// Names are the generated people's; `{name}` queries take the first person's forms.
const QUERIES: &[(&str, &str, Option<&str>)] = &[
    // (kind, user text, raw FTS5 MATCH expression)
    ("common", "the", Some("exact : \"the\"")),
    ("common", "and", Some("exact : \"and\"")),
    ("common, Cyrillic", "и", Some("exact : \"и\"")),
    ("common, Cyrillic", "не", Some("exact : \"не\"")),
    ("common, inflected", "said", Some("exact : \"said\"")),
    ("mid-frequency", "prison", Some("exact : \"prison\"")),
    ("mid-frequency", "arrested", Some("exact : \"arrested\"")),
    (
        "mid-frequency, Cyrillic",
        "арестовали",
        Some("exact : \"арестовали\""),
    ),
    (
        "mid-frequency, Cyrillic",
        "тюрьма",
        Some("exact : \"тюрьма\""),
    ),
    ("rare", "linlithgow", Some("exact : \"linlithgow\"")),
    ("rare", "quarantined", Some("exact : \"quarantined\"")),
    (
        "rare, Cyrillic",
        "обнародовала",
        Some("exact : \"обнародовала\""),
    ),
    (
        "two words",
        "prison camp",
        Some("exact : \"prison\" AND exact : \"camp\""),
    ),
    (
        "two words, common",
        "the war",
        Some("exact : \"the\" AND exact : \"war\""),
    ),
    (
        "two words, Cyrillic",
        "после войны",
        Some("exact : \"после\" AND exact : \"войны\""),
    ),
    ("phrase", "\"of the\"", Some("exact : \"of the\"")),
    (
        "phrase",
        "\"after the war\"",
        Some("exact : \"after the war\""),
    ),
    ("phrase, Cyrillic", "\"и не\"", Some("exact : \"и не\"")),
    ("prefix", "rehabilit*", Some("exact : \"rehabilit\"*")),
    ("prefix", "pri*", Some("exact : \"pri\"*")),
    ("prefix, Cyrillic", "арест*", Some("exact : \"арест\"*")),
    (
        "OR",
        "prison OR camp",
        Some("exact : \"prison\" OR exact : \"camp\""),
    ),
    (
        "NOT",
        "prison NOT camp",
        Some("exact : \"prison\" NOT exact : \"camp\""),
    ),
    ("name, Latin", "{name:latin:0}", None),
    ("name, German spelling", "{name:latin:4}", None),
    ("name, ISO 9", "{name:latin:2}", None),
    ("name, Cyrillic", "{name:cyrillic:0}", None),
    ("name, Cyrillic case form", "{name:cyrillic:1}", None),
    ("name, prefix", "{name:prefix}", None),
    ("name and word", "{name:latin:1} prison", None),
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
    if only.is_empty() || only == "search" || only == "recall" {
        let vocabulary = vocabulary();
        let archive = open_or_generate(&archive_path, interviews, segments, &vocabulary);
        if only != "recall" {
            bench_search(&archive, runs, &vocabulary);
        }
        // How search time grows: the same queries on an archive a tenth the size.
        let small = (interviews / 10).max(1);
        let small_path = bench_dir.join(format!("archive-{small}x{segments}.db"));
        let small_archive = open_or_generate(&small_path, small, segments, &vocabulary);
        // Recall is checked where every interview naming a person fits in one answer (at most
        // 1,000 interviews a query; at 10,000 interviews a person is named in about 1,400).
        bench_recall(&small_archive, &vocabulary);
        if only != "recall" {
            bench_scaling(
                &[(small, &small_archive), (interviews, &archive)],
                runs,
                &vocabulary,
            );
        }
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

/// The word list made once from `wordfreq` (60,000 English and 60,000 Russian word forms with
/// their frequencies; see docs/benchmarks.md), committed gzipped.
fn vocabulary() -> Vocabulary {
    use std::io::Read;
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/words.tsv.gz");
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&file).expect("the word list"))
        .read_to_string(&mut text)
        .expect("read the word list");
    let (mut english, mut russian) = (Vec::new(), Vec::new());
    for line in text.lines() {
        let mut parts = line.split('\t');
        let (Some(lang), Some(word), Some(freq)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let f: f64 = freq.parse().unwrap_or(0.0);
        match lang {
            "en" => english.push((word.to_owned(), f)),
            _ => russian.push((word.to_owned(), f)),
        }
    }
    eprintln!(
        "{} English and {} Russian word forms",
        english.len(),
        russian.len()
    );
    Vocabulary::new(english, russian, people())
}

/// Several hundred people with made-up Russian surnames, each written in English text in five
/// romanizations (ALA-LC, BGN/PCGN, ISO 9, scholarly, German) and the English press's -sky,
/// and in Russian text in four case forms.
fn people() -> Vec<PersonForms> {
    let mut rng = fastrand::Rng::with_seed(7);
    let consonants: Vec<char> = "бвгдзклмнпрстфхцчшжщ".chars().collect();
    let vowels: Vec<char> = "аеиоуя".chars().collect();
    let mut seen = std::collections::HashSet::new();
    let mut people = Vec::new();
    while people.len() < 400 {
        let (nominative, forms) = generate::made_up_person(&mut rng, &consonants, &vowels);
        if seen.insert(nominative) {
            people.push(forms);
        }
    }
    people
}

fn open_or_generate(
    path: &Path,
    interviews: u32,
    segments: u32,
    vocabulary: &Vocabulary,
) -> Archive {
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
        generate::generate_with(
            &mut archive,
            &GenerateOptions {
                interviews,
                segments_per_interview: segments,
                seed: SEED,
            },
            vocabulary,
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
    conn.execute_batch("CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, 'segments_fts', 'row')")
        .expect("vocabulary table");
    let terms = count("SELECT count(*) FROM temp.bench_vocab");
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
        "| database size | {:.0} MB ({:.0} MB per million words) |",
        megabytes(archive_size(path)),
        megabytes(archive_size(path)) / (words as f64 / 1e6)
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

    // The best raw way to load the same rows into the same schema and index: parse, then one
    // transaction of prepared inserts, the index filled once at its end (as every write does).
    let (_, name, file) = &files[0];
    let bytes = file.as_bytes();
    let mb = megabytes(bytes.len() as u64);
    let mut best_import = Duration::MAX;
    let mut best_raw = Duration::MAX;
    for _ in 0..2 {
        best_import = best_import.min(import_once(&dir, name, bytes));
        best_raw = best_raw.min(raw_load_once(&dir, name, bytes));
    }
    out!("Import beside the best raw load of the same rows (VTT, {mb:.0} MB, best of 2 each):\n");
    out!("| | time | MB/s | ratio |");
    out!("|---|---:|---:|---:|");
    out!(
        "| `transcript::import` (parse, check, store, revision, provenance, index) | {:.2} s | {:.1} | **{:.2}x** |",
        best_import.as_secs_f64(),
        mb / best_import.as_secs_f64(),
        best_raw.as_secs_f64() / best_import.as_secs_f64()
    );
    out!(
        "| raw: parse, prepared inserts in one transaction, index once at the end | {:.2} s | {:.1} | 1.00x |",
        best_raw.as_secs_f64(),
        mb / best_raw.as_secs_f64()
    );
    let ten_thousand = formats::write_vtt(&generate::transcript_segments(10_000, SEED));
    let one = (0..3)
        .map(|_| import_once(&dir, "ten-thousand.vtt", ten_thousand.as_bytes()))
        .min()
        .unwrap();
    out!(
        "\nA 10,000-segment interview ({:.1} MB of VTT) imports in **{:.0} ms** (best of 3).\n",
        megabytes(ten_thousand.len() as u64),
        ms(one)
    );
}

fn fresh_archive(dir: &Path, name: &str) -> (Archive, String, PathBuf) {
    let path = dir.join(format!("{name}.db"));
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
    (archive, interview.id, path)
}

fn import_once(dir: &Path, name: &str, bytes: &[u8]) -> Duration {
    let (mut archive, interview, path) = fresh_archive(dir, "import-once");
    let started = Instant::now();
    transcript::import(
        &mut archive,
        &interview,
        name,
        bytes,
        &ImportOptions::default(),
        &JobContext::silent(),
        Origin::Import,
    )
    .expect("import");
    let elapsed = started.elapsed();
    drop(archive);
    remove_archive(&path);
    elapsed
}

fn raw_load_once(dir: &Path, name: &str, bytes: &[u8]) -> Duration {
    let (mut archive, interview, path) = fresh_archive(dir, "raw-once");
    let started = Instant::now();
    let parsed = formats::parse(name, bytes, Format::Vtt, None).expect("parse");
    archive
        .write(|w| {
            let interview_key: i64 =
                w.query_row("SELECT id FROM interviews WHERE uuid = ?1", [&interview], |r| r.get(0))?;
            w.execute(
                "INSERT INTO transcripts (uuid, interview_id, language, created_at, updated_at) VALUES (?1, ?2, '', '', '')",
                rusqlite::params![recollect_db::ids::new_id(), interview_key],
            )?;
            let transcript_key = w.last_insert_rowid();
            let mut insert = w.prepare_cached(
                "INSERT INTO segments (uuid, transcript_id, position, start_ms, end_ms, speaker_label, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (position, s) in parsed.segments.iter().enumerate() {
                insert.execute(rusqlite::params![
                    recollect_db::ids::new_id(),
                    transcript_key,
                    position as i64,
                    s.start_ms,
                    s.end_ms,
                    s.speaker.as_deref().unwrap_or(""),
                    s.text
                ])?;
            }
            Ok(())
        })
        .expect("raw load");
    let elapsed = started.elapsed();
    drop(archive);
    remove_archive(&path);
    elapsed
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

/// The raw FTS5 query: bm25 order over every match, the best 50 rowids (the index holds no
/// text to make snippets from, so none are made).
const RAW_SQL: &str =
    "SELECT rowid, bm25(segments_fts) FROM segments_fts WHERE segments_fts MATCH ?1 ORDER BY rank LIMIT 50";

fn raw(archive: &Archive, fts: &str) -> Vec<(i64, f64)> {
    let mut stmt = archive
        .conn()
        .prepare_cached(RAW_SQL)
        .expect("prepare the raw query");
    let rows = stmt
        .query_map([fts], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("raw query");
    rows.collect::<rusqlite::Result<_>>().expect("raw rows")
}

fn ours(archive: &Archive, text: &str, limit: u32) -> SearchResults {
    search::search_grouped(
        archive,
        &SearchQuery {
            text: text.into(),
            limit: Some(limit),
            ..Default::default()
        },
    )
    .expect("search")
}

/// A query with its `{name:...}` placeholder filled from the first generated person.
fn resolve(text: &str, vocabulary: &Vocabulary) -> String {
    let person = &vocabulary.people[0];
    let mut out = text.to_owned();
    for (i, f) in person.latin.iter().enumerate() {
        out = out.replace(&format!("{{name:latin:{i}}}"), f);
    }
    for (i, f) in person.cyrillic.iter().enumerate() {
        out = out.replace(&format!("{{name:cyrillic:{i}}}"), f);
    }
    let prefix: String = person.latin[1].chars().take(5).collect();
    out.replace("{name:prefix}", &format!("{prefix}*"))
}

struct Row {
    kind: &'static str,
    text: String,
    passages: u32,
    interviews: u32,
    raw_matches: Option<i64>,
    ours: (Duration, Duration),
    raw: Option<(Duration, Duration)>,
}

fn time_query(
    archive: &Archive,
    text: &str,
    fts: Option<&str>,
    runs: usize,
) -> (
    (Duration, Duration),
    Option<(Duration, Duration)>,
    SearchResults,
) {
    for _ in 0..WARM_UPS {
        ours(archive, text, LIMIT);
        if let Some(fts) = fts {
            raw(archive, fts);
        }
    }
    let (mut ours_times, mut raw_times) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    let mut results = None;
    // Interleaved, so both see the same load from the rest of the machine.
    for _ in 0..runs {
        let started = Instant::now();
        results = Some(ours(archive, text, LIMIT));
        ours_times.push(started.elapsed());
        if let Some(fts) = fts {
            let started = Instant::now();
            raw(archive, fts);
            raw_times.push(started.elapsed());
        }
    }
    ours_times.sort();
    raw_times.sort();
    let pair = |t: &[Duration]| (percentile(t, 50.0), percentile(t, 95.0));
    (
        pair(&ours_times),
        fts.map(|_| pair(&raw_times)),
        results.expect("at least one run"),
    )
}

fn bench_search(archive: &Archive, runs: usize, vocabulary: &Vocabulary) {
    let mut rows = Vec::new();
    for &(kind, text, fts) in QUERIES {
        let text = resolve(text, vocabulary);
        let raw_matches: Option<i64> = fts.map(|fts| {
            archive
                .conn()
                .query_row(
                    "SELECT count(*) FROM segments_fts WHERE segments_fts MATCH ?1",
                    [fts],
                    |r| r.get(0),
                )
                .expect("count matches")
        });
        eprint!("{text}: ");
        let (ours_t, raw_t, results) = time_query(archive, &text, fts, runs);
        eprintln!(
            "{} passages, ours {:.1} ms p95, raw {} ms",
            results.passages_matched,
            ms(ours_t.1),
            raw_t.map_or("–".into(), |r| format!("{:.1}", ms(r.1)))
        );
        rows.push(Row {
            kind,
            text,
            passages: results.passages_matched,
            interviews: results.interviews_matched,
            raw_matches,
            ours: ours_t,
            raw: raw_t,
        });
    }

    out!("## Search\n");
    out!(
        "`search::search_grouped` (every match ranked by bm25, passages grouped by interview with the best \
         {} of each and snippets, the best {LIMIT} interviews; records ranked apart; people of the authority \
         looked up) beside the raw FTS5 query where one exists (the folded word in the `exact` column, what \
         plain FTS5 over the text finds: `ORDER BY rank LIMIT 50`, no snippets). One connection, warm cache, \
         times in ms. *Passages*: what our search matches (stems, names in every spelling); *raw matches*: \
         what the raw query matches.\n",
        search::PASSAGES_PER_INTERVIEW
    );
    out!("| query | kind | passages (interviews) | raw matches | ours p50 | ours p95 | raw p50 | raw p95 |");
    out!("|---|---|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        out!(
            "| `{}` | {} | {} ({}) | {} | {:.1} | **{:.1}** | {} | {} |",
            r.text.replace('|', "\\|"),
            r.kind,
            r.passages,
            r.interviews,
            r.raw_matches.map_or("–".into(), |m| m.to_string()),
            ms(r.ours.0),
            ms(r.ours.1),
            r.raw.map_or("–".into(), |t| format!("{:.1}", ms(t.0))),
            r.raw.map_or("–".into(), |t| format!("{:.1}", ms(t.1))),
        );
    }
    out!("");
}

/// Recall of a name in any spelling: for 30 generated people, searched by their German
/// spelling (which no other text uses more than the others), how many of the passages that
/// name them in any form (the answers are known: the generator wrote them) are found.
fn bench_recall(archive: &Archive, vocabulary: &Vocabulary) {
    use std::collections::HashMap;
    let sample: Vec<usize> = (0..vocabulary.people.len())
        .step_by((vocabulary.people.len() / 30).max(1))
        .take(30)
        .collect();
    let mut form_of: HashMap<&str, usize> = HashMap::new();
    for &p in &sample {
        for f in vocabulary.people[p]
            .latin
            .iter()
            .chain(&vocabulary.people[p].cyrillic)
        {
            form_of.insert(f.as_str(), p);
        }
    }
    // The answers: per person, per interview, the passages naming them.
    eprintln!("reading every passage for the known answers");
    let mut truth: HashMap<usize, HashMap<String, u32>> = HashMap::new();
    {
        let mut stmt = archive
            .conn()
            .prepare("SELECT s.text, i.uuid FROM segments s JOIN transcripts t ON t.id = s.transcript_id JOIN interviews i ON i.id = t.interview_id")
            .unwrap();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let text: String = r.get(0).unwrap();
            let mut named: Vec<usize> = text
                .split(|c: char| !c.is_alphanumeric() && c != '\u{361}' && c != 'ʹ' && c != 'ʺ')
                .filter_map(|w| form_of.get(w).copied())
                .collect();
            named.sort();
            named.dedup();
            for p in named {
                *truth
                    .entry(p)
                    .or_default()
                    .entry(r.get(1).unwrap())
                    .or_default() += 1;
            }
        }
    }
    if let Some(most) = sample
        .iter()
        .filter_map(|p| truth.get(p))
        .map(|t| t.len())
        .max()
    {
        if most > 1000 {
            out!("(a person is named in {most} interviews, more than one answer holds: recall below is capped)\n");
        }
    }
    let (mut expected, mut found) = (0u64, 0u64);
    let mut worst: Option<(String, f64)> = None;
    for &p in &sample {
        let query = &vocabulary.people[p].latin[4];
        let results = ours(archive, query, 1000);
        let got: HashMap<&str, u32> = results
            .interviews
            .iter()
            .map(|g| (g.interview_id.as_str(), g.count))
            .collect();
        let (mut e, mut f) = (0u64, 0u64);
        for (interview, n) in truth.get(&p).into_iter().flatten() {
            e += u64::from(*n);
            f += u64::from((*got.get(interview.as_str()).unwrap_or(&0)).min(*n));
        }
        expected += e;
        found += f;
        let recall = if e == 0 { 1.0 } else { f as f64 / e as f64 };
        if worst.as_ref().is_none_or(|(_, w)| recall < *w) {
            worst = Some((query.clone(), recall));
        }
    }
    out!("## Recall of a name in any spelling\n");
    out!(
        "{} people, each searched by the German spelling of their name; the passages naming them in any of \
         their {} forms (six romanizations, four Russian case forms) are known from the generator.\n",
        sample.len(),
        vocabulary.people[0].latin.len() + vocabulary.people[0].cyrillic.len()
    );
    out!("| passages to find | found | recall | lowest for one person |");
    out!("|---:|---:|---:|---|");
    out!(
        "| {expected} | {found} | **{:.2}%** | {} |\n",
        100.0 * found as f64 / expected.max(1) as f64,
        worst.map_or("–".into(), |(q, r)| format!("`{q}` {:.2}%", 100.0 * r))
    );
}

/// The same queries on archives of two sizes.
fn bench_scaling(archives: &[(u32, &Archive)], runs: usize, vocabulary: &Vocabulary) {
    let picks = [
        "the",
        "и",
        "prison",
        "\"after the war\"",
        "{name:latin:4}",
        "{name:cyrillic:1}",
    ];
    out!("## Search time by archive size\n");
    out!("p95 in ms, same queries, limit {LIMIT}.\n");
    let mut header = String::from("| query |");
    let mut rule = String::from("|---|");
    for (n, _) in archives {
        header.push_str(&format!(" {n} interviews |"));
        rule.push_str("---:|");
    }
    out!("{header}");
    out!("{rule}");
    for q in picks {
        let text = resolve(q, vocabulary);
        let mut line = format!("| `{text}` |");
        for (_, a) in archives {
            let (t, _, r) = time_query(a, &text, None, runs);
            line.push_str(&format!(
                " {:.1} ({} passages) |",
                ms(t.1),
                r.passages_matched
            ));
        }
        out!("{line}");
    }
    out!("");
}
