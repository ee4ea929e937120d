//! What the static site shows: a plain, serialisable picture of the exported part of the
//! archive, filled by the exporter.
//!
//! The exporter decides what goes in. A public package leaves out closed interviews and the
//! text of restricted or redacted spans; the site renders whatever it is given and nothing
//! more, so a withheld text must never reach this model (a withheld segment keeps its place,
//! its times and the reason, with empty text).
//!
//! Paths are relative to `data/site/` inside the bag ("../media/smilga-1.mp3",
//! "../photos/web/p1.jpg"). Ids are the archive's UUIDs.

use serde::{Deserialize, Serialize};

/// Everything the site shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteModel {
    /// The archive's (or the export's) title.
    pub title: String,
    /// A description shown on the home page.
    #[serde(default)]
    pub description: String,
    /// When the package was made (an ISO 8601 date or date-time).
    #[serde(default)]
    pub exported: String,
    /// The export profile: "public" or "full".
    #[serde(default)]
    pub profile: String,
    /// What the profile withheld, in words ("1 interview closed, 3 spans redacted"); empty
    /// when nothing was.
    #[serde(default)]
    pub withheld: String,
    /// The interviews, in the order shown.
    #[serde(default)]
    pub interviews: Vec<SiteInterview>,
    /// The people.
    #[serde(default)]
    pub people: Vec<SitePerson>,
    /// The photos.
    #[serde(default)]
    pub photos: Vec<SitePhoto>,
}

/// One interview.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteInterview {
    /// UUID.
    pub id: String,
    /// Title.
    pub title: String,
    /// When it was recorded, as EDTF ("1962-05-03", "1962~", "196X"); empty when unknown.
    #[serde(default)]
    pub date: String,
    /// Where it was recorded.
    #[serde(default)]
    pub place: String,
    /// A summary or abstract.
    #[serde(default)]
    pub summary: String,
    /// Languages spoken, as BCP 47 codes ("ru", "en").
    #[serde(default)]
    pub languages: Vec<String>,
    /// Who tells.
    #[serde(default)]
    pub narrators: Vec<SitePersonRef>,
    /// Who asks.
    #[serde(default)]
    pub interviewers: Vec<SitePersonRef>,
    /// The recordings (tapes, files), in order; the first is played by default.
    #[serde(default)]
    pub recordings: Vec<SiteMedia>,
    /// The transcripts (an original, translations).
    #[serde(default)]
    pub transcripts: Vec<SiteTranscript>,
    /// The index (OHMS-style points: a time, a title, a synopsis, keywords).
    #[serde(default)]
    pub index_points: Vec<SiteIndexPoint>,
    /// Ready-made citations of the interview.
    #[serde(default)]
    pub citations: Vec<String>,
}

/// A person named on an interview.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SitePersonRef {
    /// The person's UUID; the name is shown without a link when no person of the site has it.
    #[serde(default)]
    pub id: String,
    /// The name as shown.
    pub name: String,
}

/// A recording.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteMedia {
    /// Path relative to `data/site/` ("../media/smilga-1.mp3").
    pub path: String,
    /// MIME type ("audio/mpeg", "video/mp4"); decides between an audio and a video player.
    pub mime: String,
    /// Length in milliseconds, when known.
    #[serde(default)]
    pub duration_ms: Option<u32>,
    /// A label ("Tape 1, side A").
    #[serde(default)]
    pub label: String,
}

/// A transcript of an interview.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteTranscript {
    /// UUID.
    pub id: String,
    /// BCP 47 language code, or "".
    #[serde(default)]
    pub language: String,
    /// A label ("Russian original").
    #[serde(default)]
    pub label: String,
    /// The segments, in order.
    #[serde(default)]
    pub segments: Vec<SiteSegment>,
    /// The transcript as files in the package (WebVTT, SRT, plain text).
    #[serde(default)]
    pub files: Vec<SiteFile>,
}

/// One stretch of speech.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteSegment {
    /// Start in milliseconds, when synced.
    #[serde(default)]
    pub start_ms: Option<u32>,
    /// End in milliseconds, when synced.
    #[serde(default)]
    pub end_ms: Option<u32>,
    /// The speaker as labelled.
    #[serde(default)]
    pub speaker: String,
    /// What is said; empty when withheld.
    #[serde(default)]
    pub text: String,
    /// Why the text is not here ("sealed until 2030-01-01", "redacted"); `None` when it is.
    #[serde(default)]
    pub withheld: Option<String>,
}

/// A file of the package that a page links to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteFile {
    /// The format, as shown ("WebVTT", "SRT", "Text").
    pub format: String,
    /// Path relative to `data/site/` ("../transcripts/smilga.ru.vtt").
    pub path: String,
}

/// A point of an interview's index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteIndexPoint {
    /// Where it starts, in milliseconds.
    pub time_ms: u32,
    /// Title.
    pub title: String,
    /// Synopsis.
    #[serde(default)]
    pub synopsis: String,
    /// Keywords.
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// A person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SitePerson {
    /// UUID.
    pub id: String,
    /// The preferred name.
    pub name: String,
    /// Other names and spellings ("Trotsky", "Бронштейн").
    #[serde(default)]
    pub variants: Vec<String>,
    /// Life dates as shown ("1879–1940").
    #[serde(default)]
    pub life: String,
    /// A note.
    #[serde(default)]
    pub note: String,
    /// The interviews they take part in.
    #[serde(default)]
    pub appears_in: Vec<SiteAppearance>,
    /// The ids of photos they are identified in.
    #[serde(default)]
    pub photos: Vec<String>,
}

/// A person's part in an interview.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteAppearance {
    /// The interview's UUID.
    pub interview_id: String,
    /// "narrator", "interviewer" or "mentioned".
    pub role: String,
}

/// A photo.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SitePhoto {
    /// UUID.
    pub id: String,
    /// Title.
    pub title: String,
    /// Captions (as written on the back, as catalogued; any script).
    #[serde(default)]
    pub captions: Vec<String>,
    /// EDTF date, or "".
    #[serde(default)]
    pub date: String,
    /// The web-size image, relative to `data/site/` ("../photos/web/p1.jpg").
    pub web_path: String,
    /// The full-size image, relative to `data/site/`; "" when not in the package.
    #[serde(default)]
    pub full_path: String,
    /// Width of the image the regions are measured on, in pixels.
    pub width: u32,
    /// Height of that image, in pixels.
    pub height: u32,
    /// Identified regions.
    #[serde(default)]
    pub regions: Vec<SiteRegion>,
}

/// A rectangle on a photo, in pixels of the image of `width` × `height`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteRegion {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub w: u32,
    /// Height.
    pub h: u32,
    /// The person shown, when identified.
    #[serde(default)]
    pub person_id: Option<String>,
    /// The name shown on the image ("Троцкий", "unidentified").
    #[serde(default)]
    pub label: String,
}
