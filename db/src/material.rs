//! What the archive holds of interviews, read for many of them at once: each interview with its
//! transcripts and their segments, its index and its recordings.
//!
//! An export reads every layer of every selected interview. Read one interview and one table at
//! a time, that was thousands of small queries, and the public view read the same transcripts
//! again for each question it answered (its segments, its index, its recordings). Here each
//! table is read once per batch of interviews, and the public view judges the material it is
//! handed instead of reading it again.

use std::{collections::HashMap, path::PathBuf};

use crate::{
    archive::Archive,
    error::Result,
    interview::{self, Interview},
    jobs::JobContext,
    media::{self, Media},
    transcript::{self, index::IndexPoint, Segment, Transcript},
};

/// How many interviews are read together: enough that the queries are few, few enough that
/// the segments of one batch stay small in memory.
pub const BATCH: usize = 200;

/// One interview and everything stored with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Material {
    /// The interview, with its narrators and interviewers.
    pub interview: Interview,
    /// Its transcripts, oldest first, each with its segments in order.
    pub transcripts: Vec<(Transcript, Vec<Segment>)>,
    /// Its index, in time order.
    pub index_points: Vec<IndexPoint>,
    /// Its recordings, in order, each with where its file is on this machine.
    pub recordings: Vec<(Media, PathBuf)>,
}

impl Material {
    /// Where the interview's recordings end (the longest of them, or the interview's stated
    /// length when longer), when it is known: a segment without an end runs to it.
    pub fn end_ms(&self) -> Option<u32> {
        self.recordings
            .iter()
            .filter_map(|(m, _)| m.duration_ms)
            .chain(self.interview.duration_ms)
            .max()
    }
}

/// The material of the interviews with these ids, in the order given; an unknown id is not
/// found. Reads four queries, whatever the number of interviews: give it one [`BATCH`] at a
/// time.
pub fn read(archive: &Archive, interview_ids: &[String]) -> Result<Vec<Material>> {
    let conn = archive.conn();
    let interviews = interview::many(conn, interview_ids)?;
    let ids: Vec<String> = interviews.iter().map(|i| i.id.clone()).collect();
    // Each layer is read whole for the batch first, then shared out among its interviews.
    let transcripts = transcript::of_interviews(conn, &ids)?;
    let index_points = transcript::index::of_interviews(conn, &ids)?;
    let recordings = media::of_interviews(archive, &ids)?;
    let transcripts = by_interview(
        transcripts
            .into_iter()
            .map(|(t, segments)| (t.interview_id.clone(), (t, segments))),
    );
    let index_points = by_interview(index_points);
    let recordings = by_interview(
        recordings
            .into_iter()
            .map(|(m, path)| (m.interview_id.clone(), (m, path))),
    );
    Ok(interviews
        .into_iter()
        .map(|interview| Material {
            // Cloned, not taken: an interview asked for twice comes twice, whole.
            transcripts: transcripts.get(&interview.id).cloned().unwrap_or_default(),
            index_points: index_points.get(&interview.id).cloned().unwrap_or_default(),
            recordings: recordings.get(&interview.id).cloned().unwrap_or_default(),
            interview,
        })
        .collect())
}

/// How many interviews a long reading (an export's) reads between two reports and cancellation
/// checks: fewer than a [`BATCH`], so that a bar moves and a cancel is heard within one.
pub const STEP: usize = 25;

/// Reads the material of the interviews with these ids, [`STEP`] interviews at a time, and hands
/// each to `each` in the order given; reports `phase` to `job` from 0 of their number after each
/// step, and stops with [`crate::Error::Cancelled`] when the job is cancelled.
pub(crate) fn read_each(
    archive: &Archive,
    interview_ids: &[String],
    job: &JobContext,
    phase: &'static str,
    mut each: impl FnMut(Material) -> Result<()>,
) -> Result<()> {
    let total = interview_ids.len() as u32;
    job.step(phase, 0, Some(total))?;
    let mut done = 0u32;
    for step in interview_ids.chunks(STEP) {
        for m in read(archive, step)? {
            each(m)?;
        }
        done += step.len() as u32;
        job.step(phase, done, Some(total))?;
    }
    Ok(())
}

/// Rows keyed by their interview's id, grouped by it, each group in the order read.
fn by_interview<T>(rows: impl IntoIterator<Item = (String, T)>) -> HashMap<String, Vec<T>> {
    let mut grouped: HashMap<String, Vec<T>> = HashMap::new();
    for (interview_id, row) in rows {
        grouped.entry(interview_id).or_default().push(row);
    }
    grouped
}

/// The material of one interview.
pub fn of(archive: &Archive, interview_id: &str) -> Result<Material> {
    let mut read = read(archive, &[interview_id.to_owned()])?;
    Ok(read.remove(0))
}

#[cfg(test)]
mod tests;
