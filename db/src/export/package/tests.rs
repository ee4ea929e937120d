//! An export as a long job: the progress it reports, its cancellation, and its preview.

use std::sync::{
    atomic::{AtomicU32, Ordering},
    Arc, Mutex,
};

use super::{export, preview, ExportOptions, Profile};
use crate::{
    archive::Archive,
    error::Error,
    export::content::{self, Selection},
    generate::{generate, GenerateOptions},
    jobs::{CancelFlag, JobContext, Progress},
    Origin,
};

const TODAY: &str = "2024-06-01";

/// A generated archive of `n` interviews, in a folder of its own.
fn archive(n: u32) -> (tempfile::TempDir, Archive) {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Archive::open(dir.path().join("a.db")).unwrap();
    generate(
        &mut a,
        &GenerateOptions {
            interviews: n,
            segments_per_interview: 6,
            seed: 7,
        },
        &JobContext::silent(),
    )
    .unwrap();
    (dir, a)
}

fn options(out: &std::path::Path, profile: Profile) -> ExportOptions {
    ExportOptions {
        out: out.to_string_lossy().into_owned(),
        profile,
        selection: Selection::All,
        organization: String::new(),
        contact: String::new(),
        description: String::new(),
    }
}

/// A job that keeps every report.
fn recording() -> (JobContext, Arc<Mutex<Vec<Progress>>>) {
    let reports = Arc::new(Mutex::new(Vec::new()));
    let kept = reports.clone();
    let job = JobContext::new(CancelFlag::default(), move |p| kept.lock().unwrap().push(p));
    (job, reports)
}

fn steps(reports: &[Progress]) -> Vec<(String, u32, Option<u32>)> {
    reports
        .iter()
        .filter_map(|p| match p {
            Progress::Progress { phase, done, total } => Some((phase.clone(), *done, *total)),
            _ => None,
        })
        .collect()
}

fn exports_logged(a: &Archive) -> u32 {
    a.conn()
        .query_row(
            "SELECT count(*) FROM events WHERE event_type = 'export'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// Every phase is counted from its first report (0 of its total), counts up to its total and
/// never back; gathering reads the interviews in several steps, not one.
fn assert_determinate(steps: &[(String, u32, Option<u32>)]) {
    let mut seen: Vec<(String, u32)> = Vec::new();
    for (phase, done, total) in steps {
        let total = total.unwrap_or_else(|| panic!("{phase} reported no total"));
        assert!(*done <= total, "{phase}: {done} of {total}");
        match seen.iter_mut().find(|(p, _)| p == phase) {
            Some((_, last)) => {
                assert!(*done >= *last, "{phase} went back from {last} to {done}");
                *last = *done;
            }
            None => {
                assert_eq!(*done, 0, "{phase} began at {done} of {total}");
                seen.push((phase.clone(), *done));
            }
        }
    }
}

#[test]
fn every_phase_of_an_export_reports_a_determinate_count_from_its_start() {
    for profile in [Profile::Public, Profile::Full] {
        let (dir, mut a) = archive(60);
        let (job, reports) = recording();
        let out = dir.path().join("package");
        export(&mut a, &options(&out, profile), TODAY, Origin::Cli, &job).unwrap();
        let steps = steps(&reports.lock().unwrap());
        // The first report after "started" is the gathering, counted from 0 of every interview.
        assert_eq!(
            steps[0],
            (content::phase::INTERVIEWS.to_owned(), 0, Some(60)),
            "{profile:?}"
        );
        assert_determinate(&steps);
        let reading: Vec<u32> = steps
            .iter()
            .filter(|(p, _, _)| p == content::phase::INTERVIEWS)
            .map(|(_, d, _)| *d)
            .collect();
        assert!(reading.len() > 2, "reading reported {reading:?}");
        assert_eq!(reading.last(), Some(&60));
        for phase in [
            super::phase::INTERVIEWS,
            super::phase::METADATA,
            super::phase::SITE,
            crate::export::bagit::HASHING,
        ] {
            assert!(
                steps.iter().any(|(p, _, _)| p == phase),
                "{profile:?}: no {phase} in {:?}",
                steps.iter().map(|s| &s.0).collect::<Vec<_>>()
            );
        }
    }
}

/// A job cancelled after its `n`th progress report, as the window's Cancel sets the flag
/// from another thread while the export runs.
fn cancelled_after(n: u32) -> (JobContext, Arc<AtomicU32>) {
    let flag = CancelFlag::default();
    let count = Arc::new(AtomicU32::new(0));
    let (seen, to_cancel) = (count.clone(), flag.clone());
    let job = JobContext::new(flag, move |p| {
        if matches!(p, Progress::Progress { .. }) && seen.fetch_add(1, Ordering::SeqCst) + 1 == n {
            let f = to_cancel.clone();
            std::thread::spawn(move || f.cancel()).join().unwrap();
        }
    });
    (job, count)
}

#[test]
fn an_export_cancelled_in_any_phase_stops_there_leaves_no_folder_and_logs_nothing() {
    for profile in [Profile::Public, Profile::Full] {
        // How many reports a whole export makes, to cancel after each phase's first.
        let (dir, mut a) = archive(60);
        let (job, reports) = recording();
        export(
            &mut a,
            &options(&dir.path().join("whole"), profile),
            TODAY,
            Origin::Cli,
            &job,
        )
        .unwrap();
        let all = steps(&reports.lock().unwrap());
        let logged = exports_logged(&a);
        let mut firsts: Vec<u32> = Vec::new();
        for (n, (phase, _, _)) in all.iter().enumerate() {
            if all[..n].iter().all(|(p, _, _)| p != phase) {
                firsts.push(n as u32 + 1);
            }
        }
        // And once in the middle of reading the interviews.
        firsts.push(2);
        for n in firsts {
            let out = dir.path().join(format!("cancelled-{n}"));
            let (job, count) = cancelled_after(n);
            let result = export(&mut a, &options(&out, profile), TODAY, Origin::Cli, &job);
            assert!(
                matches!(result, Err(Error::Cancelled)),
                "{profile:?}, cancelled after report {n} ({:?}): {result:?}",
                all[n as usize - 1]
            );
            // It stopped at the next check: no further step was reported.
            assert_eq!(count.load(Ordering::SeqCst), n, "{profile:?} after {n}");
            assert!(!out.exists(), "{profile:?}: {} was left", out.display());
            assert_eq!(
                exports_logged(&a),
                logged,
                "{profile:?}: an export was logged"
            );
        }
        // Nothing beside the packages either (the scratch folder of recordings).
        let left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".recollect-export"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}

#[test]
fn the_preview_says_what_the_export_holds_and_withholds() {
    let (dir, mut a) = archive(12);
    // Close some interviews, so the public profile withholds something.
    let ids: Vec<String> = crate::interview::list(&a, &Default::default())
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    for id in ids.iter().take(3) {
        crate::restrictions::restrict(
            &mut a,
            &crate::restrictions::RestrictionInput {
                target: Some(crate::records::Target::record(
                    crate::records::RecordKind::Interview,
                    id,
                )),
                action: crate::restrictions::RestrictionAction::Restrict,
                level: crate::restrictions::AccessLevel::Closed,
                reason: "closed for the test".into(),
                ..Default::default()
            },
            Origin::Cli,
        )
        .unwrap();
    }
    for profile in [Profile::Public, Profile::Full] {
        let (job, reports) = recording();
        let shown = preview(&a, profile, &Selection::All, TODAY, &job).unwrap();
        assert_determinate(&steps(&reports.lock().unwrap()));
        let out = dir.path().join(format!("{profile:?}"));
        let written = export(
            &mut a,
            &options(&out, profile),
            TODAY,
            Origin::Cli,
            &JobContext::silent(),
        )
        .unwrap();
        assert_eq!(shown.interviews, written.interviews, "{profile:?}");
        assert_eq!(shown.withheld, written.withheld, "{profile:?}");
    }
    let public = preview(
        &a,
        Profile::Public,
        &Selection::All,
        TODAY,
        &JobContext::silent(),
    )
    .unwrap();
    assert_eq!(public.interviews, 9);
    assert!(!public.withheld.is_empty());
}

#[test]
fn a_cancelled_preview_stops() {
    let (_dir, a) = archive(60);
    let (job, count) = cancelled_after(2);
    let result = preview(&a, Profile::Public, &Selection::All, TODAY, &job);
    assert!(matches!(result, Err(Error::Cancelled)), "{result:?}");
    assert_eq!(count.load(Ordering::SeqCst), 2);
}
