//! Writing OHMS 6.0 XML: one record per interview, with its index and its transcript as
//! embedded WebVTT, in the element order the OHMS schema requires.

use quick_xml::escape::escape;

use super::{write_vtt, ParsedIndexPoint, ParsedSegment};

/// What an OHMS record says about an interview.
#[derive(Debug, Clone, Default)]
pub struct OhmsRecord<'a> {
    /// The record's number in the export (OHMS wants an integer).
    pub number: u32,
    /// The interview's UUID, kept as the CMS record id so the record can be matched again.
    pub id: &'a str,
    /// The day the record was written (`yyyy-mm-dd`).
    pub written_on: &'a str,
    /// The interview's title.
    pub title: &'a str,
    /// The date as `yyyy-mm-dd`, `yyyy-mm` or `yyyy` when it is that precise.
    pub date: Option<&'a str>,
    /// The date as the curator wrote it (EDTF), kept when it is less precise than a day.
    pub date_as_written: Option<&'a str>,
    /// Length of the recording.
    pub duration_ms: Option<u32>,
    /// The collection's name.
    pub collection_name: &'a str,
    /// The repository (the archive's name).
    pub repository: &'a str,
    /// Narrators.
    pub interviewees: &'a [String],
    /// Interviewers.
    pub interviewers: &'a [String],
    /// The transcript's language.
    pub language: &'a str,
    /// The summary.
    pub description: &'a str,
    /// Rights statement.
    pub rights: &'a str,
    /// "audio" or "video".
    pub format: &'a str,
    /// Whether use is restricted.
    pub restricted: bool,
    /// The index.
    pub index_points: &'a [ParsedIndexPoint],
    /// The transcript's segments.
    pub segments: &'a [ParsedSegment],
    /// A translation aligned to the transcript by time, written as OHMS 6.0's
    /// `vtt_transcript_alt` (with `translate` and `transcript_alt_lang`), the form Aviary and the
    /// OHMS Viewer show beside the original.
    pub translation: Option<OhmsTranslation<'a>>,
}

/// A translation in an OHMS record.
#[derive(Debug, Clone, Copy, Default)]
pub struct OhmsTranslation<'a> {
    /// Its language.
    pub language: &'a str,
    /// Its segments, timed like the original's.
    pub segments: &'a [ParsedSegment],
}

/// Embeds WebVTT in a CDATA section, which keeps the cue text readable; a literal "]]>" is
/// split across two sections.
fn cdata_vtt(segments: &[ParsedSegment]) -> String {
    write_vtt(segments).replace("]]>", "]]]]><![CDATA[>")
}

fn element(out: &mut String, indent: &str, name: &str, value: &str) {
    if value.is_empty() {
        out.push_str(&format!("{indent}<{name}/>\n"));
    } else {
        out.push_str(&format!("{indent}<{name}>{}</{name}>\n", escape(value)));
    }
}

fn hms(ms: u32) -> String {
    format!(
        "{:02}:{:02}:{:02}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60
    )
}

/// Writes one interview as an OHMS 6.0 XML document.
pub fn write(record: &OhmsRecord<'_>) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<ROOT xmlns=\"https://www.weareavp.com/nunncenter/ohms\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"https://www.weareavp.com/nunncenter/ohms/ohms.xsd\">\n");
    out.push_str(&format!(
        "  <record id=\"{}\" dt=\"{}\">\n",
        record.number,
        escape(record.written_on)
    ));
    let i = "    ";
    element(&mut out, i, "version", "6.0");
    let format = match record.date.map(|d| d.len()) {
        Some(4) => "yyyy",
        Some(7) => "yyyy-mm",
        _ => "yyyy-mm-dd",
    };
    out.push_str(&format!(
        "{i}<date value=\"{}\" format=\"{format}\"/>\n",
        escape(record.date.unwrap_or(""))
    ));
    element(
        &mut out,
        i,
        "date_nonpreferred_format",
        record.date_as_written.unwrap_or(""),
    );
    element(&mut out, i, "cms_record_id", record.id);
    element(&mut out, i, "title", record.title);
    element(
        &mut out,
        i,
        "duration",
        &record.duration_ms.map(hms).unwrap_or_default(),
    );
    element(&mut out, i, "collection_name", record.collection_name);
    element(&mut out, i, "repository", record.repository);
    for name in record.interviewees {
        element(&mut out, i, "interviewee", name);
    }
    for name in record.interviewers {
        element(&mut out, i, "interviewer", name);
    }
    // The OHMS schema's sequence puts the translation's language and flag before `language`.
    if let Some(translation) = &record.translation {
        element(&mut out, i, "transcript_alt_lang", translation.language);
        element(&mut out, i, "translate", "1");
    }
    element(&mut out, i, "language", record.language);
    if record.index_points.is_empty() {
        out.push_str(&format!("{i}<index/>\n"));
    } else {
        out.push_str(&format!("{i}<index>\n"));
        let p = "        ";
        for point in record.index_points {
            out.push_str("      <point>\n");
            element(&mut out, p, "time", &(point.time_ms / 1000).to_string());
            element(&mut out, p, "title", &point.title);
            element(&mut out, p, "partial_transcript", &point.partial_transcript);
            element(&mut out, p, "synopsis", &point.synopsis);
            element(&mut out, p, "keywords", &point.keywords.join(";"));
            element(&mut out, p, "subjects", &point.subjects.join(";"));
            if let Some((lat, lon)) = point.gps {
                out.push_str(&format!("{p}<gpspoints>\n"));
                element(&mut out, &format!("{p}  "), "gps", &format!("{lat}, {lon}"));
                element(&mut out, &format!("{p}  "), "gps_zoom", "");
                out.push_str(&format!("{p}</gpspoints>\n"));
            }
            for link in &point.hyperlinks {
                out.push_str(&format!("{p}<hyperlinks>\n"));
                element(&mut out, &format!("{p}  "), "hyperlink", link);
                out.push_str(&format!("{p}</hyperlinks>\n"));
            }
            out.push_str("      </point>\n");
        }
        out.push_str(&format!("{i}</index>\n"));
    }
    element(&mut out, i, "description", record.description);
    if !record.segments.is_empty() {
        out.push_str(&format!(
            "{i}<vtt_transcript><![CDATA[{}]]></vtt_transcript>\n",
            cdata_vtt(record.segments)
        ));
    }
    if let Some(translation) = record.translation.filter(|t| !t.segments.is_empty()) {
        out.push_str(&format!(
            "{i}<vtt_transcript_alt><![CDATA[{}]]></vtt_transcript_alt>\n",
            cdata_vtt(translation.segments)
        ));
    }
    element(&mut out, i, "rights", record.rights);
    element(
        &mut out,
        i,
        "fmt",
        if record.format == "video" {
            "video"
        } else {
            "audio"
        },
    );
    element(
        &mut out,
        i,
        "userestrict",
        if record.restricted { "1" } else { "0" },
    );
    out.push_str("  </record>\n</ROOT>\n");
    out
}

#[cfg(test)]
mod tests;
