//! Interviews: the archive's central record, with the people who took part in each.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::{
    archive::{now, Archive, Writer},
    dates,
    error::{Error, Result},
    ids, people,
    people::PersonRef,
    provenance::{self, EventType, Origin},
};

const KIND: &str = "interview";

/// Where an interview stands in the curator's work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum InterviewStatus {
    /// Being worked on.
    #[default]
    Draft,
    /// Checked and ready.
    Curated,
    /// Published.
    Published,
}

impl InterviewStatus {
    /// The stored and printed form.
    pub fn as_str(self) -> &'static str {
        match self {
            InterviewStatus::Draft => "draft",
            InterviewStatus::Curated => "curated",
            InterviewStatus::Published => "published",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "curated" => InterviewStatus::Curated,
            "published" => InterviewStatus::Published,
            _ => InterviewStatus::Draft,
        }
    }
}

impl std::str::FromStr for InterviewStatus {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_lowercase().as_str() {
            "draft" => Ok(InterviewStatus::Draft),
            "curated" => Ok(InterviewStatus::Curated),
            "published" => Ok(InterviewStatus::Published),
            other => Err(Error::invalid(
                "status",
                format!("\"{other}\" is not a status; use draft, curated or published"),
            )),
        }
    }
}

/// An interview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Interview {
    /// UUIDv7.
    pub id: String,
    /// The title.
    pub title: String,
    /// The collection it belongs to, if any.
    pub collection_id: Option<String>,
    /// When it was recorded (EDTF).
    pub date: Option<String>,
    /// Where it was recorded.
    pub place: String,
    /// Languages spoken, as BCP 47 codes ("ru", "en").
    pub languages: Vec<String>,
    /// A summary for readers.
    pub summary: String,
    /// Length of the recording in milliseconds, when known.
    pub duration_ms: Option<u32>,
    /// Where it stands in the curator's work.
    pub status: InterviewStatus,
    /// Narrators, in order.
    pub narrators: Vec<PersonRef>,
    /// Interviewers, in order.
    pub interviewers: Vec<PersonRef>,
    /// When the record was made (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// What the curator edits of an interview.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct InterviewInput {
    /// The title; must not be blank.
    pub title: String,
    /// The collection, if any.
    #[serde(default)]
    pub collection_id: Option<String>,
    /// When it was recorded (EDTF).
    #[serde(default)]
    pub date: Option<String>,
    /// Where.
    #[serde(default)]
    pub place: String,
    /// Languages, as BCP 47 codes.
    #[serde(default)]
    pub languages: Vec<String>,
    /// A summary.
    #[serde(default)]
    pub summary: String,
    /// Length in milliseconds.
    #[serde(default)]
    pub duration_ms: Option<u32>,
    /// Status.
    #[serde(default)]
    pub status: InterviewStatus,
    /// Narrators' ids, in order.
    #[serde(default)]
    pub narrator_ids: Vec<String>,
    /// Interviewers' ids, in order.
    #[serde(default)]
    pub interviewer_ids: Vec<String>,
}

impl From<&Interview> for InterviewInput {
    fn from(i: &Interview) -> Self {
        InterviewInput {
            title: i.title.clone(),
            collection_id: i.collection_id.clone(),
            date: i.date.clone(),
            place: i.place.clone(),
            languages: i.languages.clone(),
            summary: i.summary.clone(),
            duration_ms: i.duration_ms,
            status: i.status,
            narrator_ids: i.narrators.iter().map(|p| p.id.clone()).collect(),
            interviewer_ids: i.interviewers.iter().map(|p| p.id.clone()).collect(),
        }
    }
}

/// Which interviews to list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct InterviewFilter {
    /// Only those in this collection.
    #[serde(default)]
    pub collection_id: Option<String>,
}

const SELECT: &str =
    "SELECT i.id, i.uuid, i.title, c.uuid, i.date, i.place, i.languages, i.summary,
        i.duration_ms, i.status, i.created_at, i.updated_at
    FROM interviews i LEFT JOIN collections c ON c.id = i.collection_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<(i64, Interview)> {
    let languages: String = r.get(6)?;
    Ok((
        r.get(0)?,
        Interview {
            id: r.get(1)?,
            title: r.get(2)?,
            collection_id: r.get(3)?,
            date: r.get(4)?,
            place: r.get(5)?,
            languages: serde_json::from_str(&languages).unwrap_or_default(),
            summary: r.get(7)?,
            duration_ms: r.get(8)?,
            status: InterviewStatus::parse(&r.get::<_, String>(9)?),
            narrators: Vec::new(),
            interviewers: Vec::new(),
            created_at: r.get(10)?,
            updated_at: r.get(11)?,
        },
    ))
}

/// Fills in narrators and interviewers of the given interviews, keyed by integer id.
fn attach_people(conn: &rusqlite::Connection, interviews: &mut [(i64, Interview)]) -> Result<()> {
    if interviews.is_empty() {
        return Ok(());
    }
    let by_key: HashMap<i64, usize> = interviews
        .iter()
        .enumerate()
        .map(|(n, (k, _))| (*k, n))
        .collect();
    let single = interviews.len() == 1;
    let sql = format!(
        "SELECT ip.interview_id, ip.role, p.uuid, p.display_name FROM interview_people ip
         JOIN people p ON p.id = ip.person_id {} ORDER BY ip.interview_id, ip.role, ip.position",
        if single {
            "WHERE ip.interview_id = ?1"
        } else {
            ""
        }
    );
    let mut stmt = conn.prepare(&sql)?;
    let params: Vec<i64> = if single {
        vec![interviews[0].0]
    } else {
        vec![]
    };
    let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
    while let Some(r) = rows.next()? {
        let Some(&n) = by_key.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        let person = PersonRef {
            id: r.get(2)?,
            name: r.get(3)?,
        };
        let interview = &mut interviews[n].1;
        match r.get::<_, String>(1)?.as_str() {
            "narrator" => interview.narrators.push(person),
            _ => interview.interviewers.push(person),
        }
    }
    Ok(())
}

/// The order interviews are listed in: by title.
const BY_TITLE: &str = "ORDER BY i.title COLLATE NOCASE, i.id";

/// Interviews, by title.
pub fn list(archive: &Archive, filter: &InterviewFilter) -> Result<Vec<Interview>> {
    let conn = archive.conn();
    let mut rows: Vec<(i64, Interview)> = match &filter.collection_id {
        Some(collection_id) => {
            let key = collection_key(conn, collection_id)?;
            let mut stmt =
                conn.prepare(&format!("{SELECT} WHERE i.collection_id = ?1 {BY_TITLE}"))?;
            let rows = stmt
                .query_map([key], from_row)?
                .collect::<rusqlite::Result<_>>()?;
            rows
        }
        None => {
            let mut stmt = conn.prepare(&format!("{SELECT} {BY_TITLE}"))?;
            let rows = stmt
                .query_map([], from_row)?
                .collect::<rusqlite::Result<_>>()?;
            rows
        }
    };
    attach_people(conn, &mut rows)?;
    Ok(rows.into_iter().map(|(_, i)| i).collect())
}

/// The ids of the interviews in a collection, or of all interviews, in the order of [`list`],
/// without reading the interviews: an export's selection needs only which they are, and reads
/// them once, with their material.
pub(crate) fn list_ids(archive: &Archive, collection_id: Option<&str>) -> Result<Vec<String>> {
    let conn = archive.conn();
    let key = collection_id.map(|c| collection_key(conn, c)).transpose()?;
    let mut stmt = conn.prepare(&format!(
        "SELECT i.uuid FROM interviews i WHERE ?1 IS NULL OR i.collection_id = ?1 {BY_TITLE}"
    ))?;
    let ids = stmt
        .query_map([key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The interviews with these ids, in the order given; an unknown id is not found.
pub(crate) fn many(conn: &rusqlite::Connection, ids: &[String]) -> Result<Vec<Interview>> {
    let wanted = ids
        .iter()
        .map(|id| ids::parse(KIND, id))
        .collect::<Result<Vec<_>>>()?;
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE i.uuid IN (SELECT value FROM json_each(?1))"
    ))?;
    let mut rows: Vec<(i64, Interview)> = stmt
        .query_map([serde_json::to_string(&wanted)?], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    attach_people(conn, &mut rows)?;
    let by_id: HashMap<String, Interview> =
        rows.into_iter().map(|(_, i)| (i.id.clone(), i)).collect();
    wanted
        .into_iter()
        .map(|id| {
            by_id
                .get(&id)
                .cloned()
                .ok_or(Error::NotFound { kind: KIND, id })
        })
        .collect()
}

/// One interview.
pub fn get(archive: &Archive, id: &str) -> Result<Interview> {
    get_with(archive.conn(), id)
}

pub(crate) fn get_with(conn: &rusqlite::Connection, id: &str) -> Result<Interview> {
    let id = ids::parse(KIND, id)?;
    let row = conn
        .query_row(&format!("{SELECT} WHERE i.uuid = ?1"), [&id], from_row)
        .optional()?
        .ok_or(Error::NotFound { kind: KIND, id })?;
    let mut rows = [row];
    attach_people(conn, &mut rows)?;
    let [(_, interview)] = rows;
    Ok(interview)
}

/// The integer key of an interview, for joins.
pub(crate) fn key(conn: &rusqlite::Connection, id: &str) -> Result<i64> {
    ids::row_key(conn, KIND, "interviews", id)
}

/// A collection's row id. Not `collection::key`: deleting a collection reads its interviews
/// (`collection::delete`), and the two modules would import each other.
fn collection_key(conn: &rusqlite::Connection, id: &str) -> Result<i64> {
    ids::row_key(conn, "collection", "collections", id)
}

struct Valid {
    input: InterviewInput,
    collection_key: Option<i64>,
    languages_json: String,
}

fn validate(conn: &rusqlite::Connection, input: &InterviewInput) -> Result<Valid> {
    let title = input.title.trim();
    if title.is_empty() {
        return Err(Error::invalid("title", "an interview needs a title"));
    }
    let collection_key = input
        .collection_id
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .map(|c| collection_key(conn, c))
        .transpose()?;
    let mut languages: Vec<String> = Vec::new();
    for language in &input.languages {
        let language = language.trim();
        if language.is_empty() {
            continue;
        }
        let language = crate::language::check("languages", language)?;
        let language = language.as_str();
        if !languages.iter().any(|l| l.eq_ignore_ascii_case(language)) {
            languages.push(language.to_owned());
        }
    }
    for (field, list) in [
        ("narrators", &input.narrator_ids),
        ("interviewers", &input.interviewer_ids),
    ] {
        let mut seen = std::collections::HashSet::new();
        if !list.iter().all(|id| seen.insert(id.trim().to_lowercase())) {
            return Err(Error::invalid(field, "the same person is listed twice"));
        }
    }
    Ok(Valid {
        languages_json: serde_json::to_string(&languages)?,
        input: InterviewInput {
            title: title.to_owned(),
            collection_id: input.collection_id.clone(),
            date: dates::normalize("date", input.date.as_deref())?,
            place: input.place.trim().to_owned(),
            languages,
            summary: input.summary.trim().to_owned(),
            duration_ms: input.duration_ms,
            status: input.status,
            narrator_ids: input.narrator_ids.clone(),
            interviewer_ids: input.interviewer_ids.clone(),
        },
        collection_key,
    })
}

fn write_participants(w: &Writer<'_>, interview_key: i64, input: &InterviewInput) -> Result<()> {
    w.execute(
        "DELETE FROM interview_people WHERE interview_id = ?1",
        [interview_key],
    )?;
    for (role, ids) in [
        ("narrator", &input.narrator_ids),
        ("interviewer", &input.interviewer_ids),
    ] {
        for (position, person_id) in ids.iter().enumerate() {
            let person_key = people::key(w, person_id)?;
            w.execute(
                "INSERT INTO interview_people (interview_id, person_id, role, position) VALUES (?1, ?2, ?3, ?4)",
                params![interview_key, person_key, role, position as i64],
            )?;
        }
    }
    Ok(())
}

/// Adds an interview.
pub fn create(archive: &mut Archive, input: &InterviewInput, origin: Origin) -> Result<Interview> {
    archive.write(|w| insert(w, input, origin))
}

pub(crate) fn insert(w: &Writer<'_>, input: &InterviewInput, origin: Origin) -> Result<Interview> {
    let valid = validate(w, input)?;
    let i = &valid.input;
    let id = ids::new_id();
    w.execute(
        "INSERT INTO interviews (uuid, collection_id, title, date, place, languages, summary, duration_ms, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![id, valid.collection_key, i.title, i.date, i.place, valid.languages_json, i.summary, i.duration_ms, i.status.as_str(), now(w)?],
    )?;
    write_participants(w, w.last_insert_rowid(), i)?;
    let created = get_with(w, &id)?;
    provenance::record(
        w,
        EventType::Creation,
        KIND,
        &id,
        origin,
        None::<&()>,
        Some(&created),
    )?;
    Ok(created)
}

/// Changes an interview. Saving what is already stored changes nothing and logs nothing.
pub fn update(
    archive: &mut Archive,
    id: &str,
    input: &InterviewInput,
    origin: Origin,
) -> Result<Interview> {
    archive.write(|w| {
        let before = get_with(w, id)?;
        let valid = validate(w, input)?;
        let i = &valid.input;
        let key = key(w, &before.id)?;
        w.execute(
            "UPDATE interviews SET collection_id = ?2, title = ?3, date = ?4, place = ?5, languages = ?6, summary = ?7,
                 duration_ms = ?8, status = ?9 WHERE id = ?1",
            params![key, valid.collection_key, i.title, i.date, i.place, valid.languages_json, i.summary, i.duration_ms, i.status.as_str()],
        )?;
        write_participants(w, key, i)?;
        let mut after = get_with(w, &before.id)?;
        if after == before {
            return Ok(before);
        }
        let at = now(w)?;
        w.execute("UPDATE interviews SET updated_at = ?2 WHERE id = ?1", params![key, at])?;
        after.updated_at = at;
        provenance::record(w, EventType::Modification, KIND, &after.id, origin, Some(&before), Some(&after))?;
        Ok(after)
    })
}

/// Moves an interview to the trash with everything it holds (recordings, transcripts, index,
/// and what points at them: tags, links, restrictions, release forms...), until it is restored
/// or purged. The people in it stay.
pub fn delete(archive: &mut Archive, id: &str, origin: Origin) -> Result<()> {
    archive.write_because(Some("moved to the trash"), |w| {
        let before = get_with(w, id)?;
        crate::trash::intake::put(
            w,
            crate::trash::kind::TrashKind::Interview,
            &before.id,
            &before.title,
            origin,
        )?;
        provenance::record(
            w,
            EventType::Deletion,
            KIND,
            &before.id,
            origin,
            Some(&before),
            None::<&()>,
        )
    })
}

#[cfg(test)]
mod tests;
