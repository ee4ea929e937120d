//! The static website inside a package (`data/site/`): browse interviews, people and photos,
//! read a transcript synced to its player, see a photo with its identified people, and search
//! an index built into the site.
//!
//! It works from `file://` with no server and no network: the page is a shell
//! (`index.html`), a stylesheet and a hand-written script, and the data comes in two
//! `<script>` files that assign to globals (`data/archive.js`, `data/search-index.js`), since
//! browsers refuse `fetch()` of `file://` URLs. Nothing is loaded from anywhere else: no CDN,
//! no web fonts, no analytics; a Content-Security-Policy in the page says so to the browser.
//!
//! The site renders the [`SiteModel`] it is given and nothing more; the exporter decides what
//! goes in. As a second line of defence the renderer drops the text of any segment marked as
//! withheld and any media or image path that is not a relative path inside the package.

pub mod model;

use std::collections::BTreeMap;

use serde::Serialize;

pub use model::*;

use crate::{
    error::Result,
    export::bagit::{Payload, Source},
    jobs::JobContext,
};

/// The page shell; `{{…}}` placeholders are filled with HTML-escaped text.
const INDEX_HTML: &str = include_str!("assets/index.html");
/// The stylesheet.
const SITE_CSS: &str = include_str!("assets/site.css");
/// The script: routing, pages, the player sync and the search.
const SITE_JS: &str = include_str!("assets/site.js");

/// Search index record kinds, in the order of `kinds` in `search-index.js`.
const KINDS: [&str; 5] = ["segment", "index_point", "interview", "person", "photo"];
const SEGMENT: i64 = 0;
const INDEX_POINT: i64 = 1;
const INTERVIEW: i64 = 2;
const PERSON: i64 = 3;
const PHOTO: i64 = 4;

/// The phase a job reports while the site is written: its small files, then each interview
/// as the data file carries it and as the search index reads it, then those two files.
pub const PHASE: &str = "writing the site";

/// Renders the site: `(path relative to data/site/, contents)` for every file, ready for
/// `BagWriter::add(&format!("site/{path}"), Source::Bytes(contents))`.
pub fn render(model: &SiteModel) -> Vec<(String, Vec<u8>)> {
    render_for(model, &JobContext::silent()).expect("a silent job is never cancelled")
}

/// [`render`], reporting [`PHASE`] to `job` from 0 of its steps (two an interview, one a
/// file) and stopping between steps when the job is cancelled.
fn render_for(model: &SiteModel, job: &JobContext) -> Result<Vec<(String, Vec<u8>)>> {
    let model = published(model);
    let total = 2 * model.interviews.len() as u32 + 5;
    job.step(PHASE, 0, Some(total))?;
    let mut done = 0;
    let mut step = || {
        done += 1;
        job.step(PHASE, done, Some(total))
    };
    let mut files = vec![("index.html".to_owned(), index_html(&model).into_bytes())];
    step()?;
    files.push(("assets/site.css".to_owned(), SITE_CSS.as_bytes().to_vec()));
    step()?;
    files.push(("assets/site.js".to_owned(), SITE_JS.as_bytes().to_vec()));
    step()?;
    let data = model_json(&model, &mut step)?;
    files.push((
        "data/archive.js".to_owned(),
        js_global_of("RECOLLECT_DATA", &data).into_bytes(),
    ));
    step()?;
    let index = serde_json::to_string(&SearchIndex::build(&model, &mut step)?)
        .expect("the search index serialises");
    files.push((
        "data/search-index.js".to_owned(),
        js_global_of("RECOLLECT_SEARCH", &index).into_bytes(),
    ));
    step()?;
    Ok(files)
}

/// Renders the site and lists its files at `data/site/` in a bag's payload, reporting
/// [`PHASE`] to `job` and stopping when the job is cancelled.
pub fn add_to_payload(payload: &mut Payload, model: &SiteModel, job: &JobContext) -> Result<()> {
    for (path, bytes) in render_for(model, job)? {
        payload.push((format!("site/{path}"), Source::Bytes(bytes)));
    }
    Ok(())
}

/// The model as JSON, exactly as `serde_json::to_string` writes it, made an interview at a
/// time with `each` called after each (to report, and to stop when it fails).
fn model_json(model: &SiteModel, mut each: impl FnMut() -> Result<()>) -> Result<String> {
    /// The fields before the interviews, in the model's order.
    #[derive(Serialize)]
    struct Head<'a> {
        title: &'a str,
        description: &'a str,
        exported: &'a str,
        profile: &'a str,
        withheld: &'a str,
    }
    let head = json(&Head {
        title: &model.title,
        description: &model.description,
        exported: &model.exported,
        profile: &model.profile,
        withheld: &model.withheld,
    });
    let mut out = String::with_capacity(head.len() + 1024);
    out.push_str(head.strip_suffix('}').expect("an object ends with }"));
    out.push_str(",\"interviews\":[");
    for (n, interview) in model.interviews.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(&json(interview));
        each()?;
    }
    out.push_str("],\"people\":");
    out.push_str(&json(&model.people));
    out.push_str(",\"photos\":");
    out.push_str(&json(&model.photos));
    out.push('}');
    Ok(out)
}

fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("the site model serialises")
}

/// The model as published: withheld segments without text, paths that leave the package
/// (a URL, an absolute path) blanked.
fn published(model: &SiteModel) -> SiteModel {
    let mut model = model.clone();
    for interview in &mut model.interviews {
        for media in &mut interview.recordings {
            local_path(&mut media.path);
        }
        for transcript in &mut interview.transcripts {
            for segment in &mut transcript.segments {
                if segment.withheld.is_some() {
                    segment.text.clear();
                }
            }
            for file in &mut transcript.files {
                local_path(&mut file.path);
            }
        }
    }
    for photo in &mut model.photos {
        local_path(&mut photo.web_path);
        local_path(&mut photo.full_path);
    }
    model
}

/// Blanks a path unless it is relative and has no scheme: the site loads files of the package
/// and nothing else.
fn local_path(path: &mut String) {
    let p = path.trim();
    let scheme = p.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if scheme || p.starts_with('/') || p.starts_with('\\') || p.contains('\\') {
        path.clear();
    }
}

/// Escapes text for HTML element content and quoted attribute values.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `window.NAME = <json>;` with the JSON safe inside any script: `<`, `>` and `&` (so no
/// `</script>` or `<!--`) and U+2028/U+2029 (line terminators in older JavaScript) are written
/// as `\u` escapes. They can only occur inside JSON strings, where the escapes mean the same.
fn js_global_of(name: &str, json: &str) -> String {
    let mut out = String::with_capacity(json.len() + name.len() + 16);
    out.push_str("window.");
    out.push_str(name);
    out.push_str(" = ");
    let mut run = 0;
    for (i, c) in json.char_indices() {
        let escaped = match c {
            '<' => "\\u003c",
            '>' => "\\u003e",
            '&' => "\\u0026",
            '\u{2028}' => "\\u2028",
            '\u{2029}' => "\\u2029",
            _ => continue,
        };
        out.push_str(&json[run..i]);
        out.push_str(escaped);
        run = i + c.len_utf8();
    }
    out.push_str(&json[run..]);
    out.push_str(";\n");
    out
}

fn index_html(model: &SiteModel) -> String {
    let title = if model.title.trim().is_empty() {
        "Oral history archive"
    } else {
        model.title.trim()
    };
    let mut footer = Vec::new();
    if !model.exported.is_empty() {
        footer.push(format!("Exported {}", model.exported));
    }
    match model.profile.as_str() {
        "public" => footer.push("public package".to_owned()),
        "full" => footer.push("full package".to_owned()),
        _ => {}
    }
    if !model.withheld.is_empty() {
        footer.push(format!("withheld: {}", model.withheld));
    }
    INDEX_HTML
        .replace("{{TITLE}}", &escape_html(title))
        .replace("{{FOOTER}}", &escape_html(&footer.join(" · ")))
}

/// The app's search folding (SQLite's unicode61 with remove_diacritics), so "Naïve" is "naive",
/// "ТРОЦКИЙ" is "троцкии" and "ё" is "е". The site's script folds queries the same way
/// (`normalize("NFD")`, drop `\p{M}`, lower).
use crate::search::fold;

/// The folded words of a text: runs of letters and digits after folding.
fn tokens(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The inverted index written to `data/search-index.js`.
///
/// - `records`: the ids a record number refers to (transcript, interview, person or photo ids);
/// - `docs`: a flat array, four integers per searchable unit: kind (an index into `kinds`),
///   record number, position (the segment's or index point's index, or -1), and the time to
///   play from in milliseconds (or -1);
/// - `terms`: folded token → the units it occurs in (each once, ascending), written as gaps
///   (the first unit, then the difference to the one before) to keep the file small.
#[derive(Debug, Serialize)]
struct SearchIndex {
    v: u32,
    kinds: [&'static str; 5],
    records: Vec<String>,
    docs: Vec<i64>,
    terms: BTreeMap<String, Vec<u32>>,
}

impl SearchIndex {
    /// The index of `model`, calling `each` after each interview (to report, and to stop
    /// when it fails).
    fn build(model: &SiteModel, mut each: impl FnMut() -> Result<()>) -> Result<SearchIndex> {
        let mut index = SearchIndex {
            v: 1,
            kinds: KINDS,
            records: Vec::new(),
            docs: Vec::new(),
            terms: BTreeMap::new(),
        };
        for interview in &model.interviews {
            let record = index.record(&interview.id);
            let names = interview
                .narrators
                .iter()
                .chain(&interview.interviewers)
                .map(|p| p.name.as_str());
            let texts = [
                interview.title.as_str(),
                &interview.place,
                &interview.summary,
            ]
            .into_iter()
            .chain(names);
            index.add(INTERVIEW, record, -1, -1, texts);
            for (n, point) in interview.index_points.iter().enumerate() {
                let texts = [point.title.as_str(), &point.synopsis]
                    .into_iter()
                    .chain(point.keywords.iter().map(String::as_str));
                index.add(INDEX_POINT, record, n as i64, point.time_ms.into(), texts);
            }
            for transcript in &interview.transcripts {
                let record = index.record(&transcript.id);
                for (n, segment) in transcript.segments.iter().enumerate() {
                    if segment.withheld.is_some() {
                        continue;
                    }
                    let ms = segment.start_ms.map_or(-1, i64::from);
                    index.add(SEGMENT, record, n as i64, ms, [segment.text.as_str()]);
                }
            }
            each()?;
        }
        for person in &model.people {
            let record = index.record(&person.id);
            let texts = [person.name.as_str(), &person.note]
                .into_iter()
                .chain(person.variants.iter().map(String::as_str));
            index.add(PERSON, record, -1, -1, texts);
        }
        for photo in &model.photos {
            let record = index.record(&photo.id);
            let labels = photo.regions.iter().map(|r| r.label.as_str());
            let texts = [photo.title.as_str()]
                .into_iter()
                .chain(photo.captions.iter().map(String::as_str))
                .chain(labels);
            index.add(PHOTO, record, -1, -1, texts);
        }
        for postings in index.terms.values_mut() {
            for i in (1..postings.len()).rev() {
                postings[i] -= postings[i - 1];
            }
        }
        Ok(index)
    }

    fn record(&mut self, id: &str) -> i64 {
        self.records.push(id.to_owned());
        self.records.len() as i64 - 1
    }

    fn add<'a>(
        &mut self,
        kind: i64,
        record: i64,
        position: i64,
        ms: i64,
        texts: impl IntoIterator<Item = &'a str>,
    ) {
        let doc = (self.docs.len() / 4) as u32;
        let mut any = false;
        for text in texts {
            for token in tokens(text) {
                any = true;
                let postings = self.terms.entry(token).or_default();
                if postings.last() != Some(&doc) {
                    postings.push(doc);
                }
            }
        }
        if any {
            self.docs.extend([kind, record, position, ms]);
        }
    }
}

#[cfg(test)]
mod tests;
