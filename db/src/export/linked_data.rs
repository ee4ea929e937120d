//! Metadata for other systems: JSON-LD (schema.org and Dublin Core terms) and CSV for
//! spreadsheets, one file per kind of record.

use serde_json::{json, Value};

use super::content::PackageContent;
use crate::error::Result;

fn node_id(uuid: &str) -> String {
    format!("urn:uuid:{uuid}")
}

fn edtf(value: &Option<String>) -> Value {
    match value {
        Some(v) => json!({ "@value": v, "@type": "http://id.loc.gov/datatypes/edtf" }),
        None => Value::Null,
    }
}

fn context() -> Value {
    json!({
        "schema": "https://schema.org/",
        "dcterms": "http://purl.org/dc/terms/",
        "recollect": "urn:recollect:terms:"
    })
}

fn graph(nodes: Vec<Value>) -> Vec<u8> {
    let doc = json!({ "@context": context(), "@graph": nodes.into_iter().map(strip_nulls).collect::<Vec<_>>() });
    serde_json::to_vec_pretty(&doc).expect("JSON values serialize")
}

fn strip_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        other => other,
    }
}

/// `path → bytes` of the JSON-LD files: interviews, people, collections and transcripts.
/// `transcript_files` gives, for a transcript id, its files in the package (relative to
/// `data/`) with their MIME types.
pub fn json_ld(
    content: &PackageContent,
    transcript_files: &dyn Fn(&str) -> Vec<(String, &'static str)>,
) -> Vec<(String, Vec<u8>)> {
    let interviews = content
        .interviews
        .iter()
        .map(|p| {
            let i = &p.interview;
            json!({
                "@id": node_id(&i.id),
                "@type": "schema:CreativeWork",
                "schema:genre": "oral history interview",
                "dcterms:title": i.title,
                "dcterms:date": edtf(&i.date),
                "dcterms:spatial": if i.place.is_empty() { Value::Null } else { json!(i.place) },
                "dcterms:language": i.languages,
                "dcterms:abstract": if i.summary.is_empty() { Value::Null } else { json!(i.summary) },
                "dcterms:isPartOf": i.collection_id.as_ref().map(|c| json!({ "@id": node_id(c) })),
                "schema:duration": i.duration_ms.map(|ms| format!("PT{}.{:03}S", ms / 1000, ms % 1000)),
                "recollect:narrator": i.narrators.iter().map(|n| json!({ "@id": node_id(&n.id), "schema:name": n.name })).collect::<Vec<_>>(),
                "recollect:interviewer": i.interviewers.iter().map(|n| json!({ "@id": node_id(&n.id), "schema:name": n.name })).collect::<Vec<_>>(),
                "dcterms:hasPart": p.transcripts.iter().map(|t| json!({ "@id": node_id(&t.transcript.id) })).collect::<Vec<_>>(),
                "recollect:status": i.status.as_str(),
                "dcterms:created": i.created_at,
                "dcterms:modified": i.updated_at,
            })
        })
        .collect();
    let transcripts = content
        .interviews
        .iter()
        .flat_map(|p| {
            p.transcripts.iter().map(move |t| {
                json!({
                    "@id": node_id(&t.transcript.id),
                    "@type": "schema:DigitalDocument",
                    "schema:genre": "transcript",
                    "dcterms:title": t.transcript.label,
                    "dcterms:language": if t.transcript.language.is_empty() { Value::Null } else { json!(t.transcript.language) },
                    "dcterms:isPartOf": { "@id": node_id(&p.interview.id) },
                    "schema:encoding": transcript_files(&t.transcript.id)
                        .into_iter()
                        .map(|(path, mime)| json!({ "@type": "schema:MediaObject", "schema:contentUrl": format!("../{path}"), "schema:encodingFormat": mime }))
                        .collect::<Vec<_>>(),
                })
            })
        })
        .collect();
    let people = content
        .people
        .iter()
        .map(|p| {
            json!({
                "@id": node_id(&p.id),
                "@type": "schema:Person",
                "schema:name": p.display_name,
                "recollect:sortName": p.sort_name,
                "schema:birthDate": edtf(&p.birth_date),
                "schema:deathDate": edtf(&p.death_date),
                "schema:description": if p.note.is_empty() { Value::Null } else { json!(p.note) },
            })
        })
        .collect();
    let collections = content
        .collections
        .iter()
        .map(|c| {
            json!({
                "@id": node_id(&c.id),
                "@type": ["schema:Collection", "dcterms:Collection"],
                "dcterms:title": c.title,
                "dcterms:description": if c.description.is_empty() { Value::Null } else { json!(c.description) },
            })
        })
        .collect();
    let photos = content
        .photos
        .iter()
        .map(|p| {
            json!({
                "@id": node_id(&p.photo.id),
                "@type": "schema:Photograph",
                "schema:caption": p.photo.captions.iter().map(|c| c.text.clone()).collect::<Vec<_>>(),
                "dcterms:date": edtf(&p.photo.date),
                "dcterms:spatial": if p.photo.place.is_empty() { Value::Null } else { json!(p.photo.place) },
                "dcterms:creator": if p.photo.creator.is_empty() { Value::Null } else { json!(p.photo.creator) },
                "dcterms:source": if p.photo.source.is_empty() { Value::Null } else { json!(p.photo.source) },
                "dcterms:rights": if p.photo.rights.is_empty() { Value::Null } else { json!(p.photo.rights) },
                "schema:width": p.photo.width,
                "schema:height": p.photo.height,
                "dcterms:isPartOf": p.photo.collection_ids.iter().map(|c| json!({ "@id": node_id(c) })).collect::<Vec<_>>(),
                "dcterms:relation": p.photo.interview_ids.iter().map(|i| json!({ "@id": node_id(i) })).collect::<Vec<_>>(),
            })
        })
        .collect();
    vec![
        ("metadata/photos.jsonld".into(), graph(photos)),
        ("metadata/interviews.jsonld".into(), graph(interviews)),
        ("metadata/transcripts.jsonld".into(), graph(transcripts)),
        ("metadata/people.jsonld".into(), graph(people)),
        ("metadata/collections.jsonld".into(), graph(collections)),
    ]
}

/// The regions of the package's photos as W3C Web Annotations: each identifies a person in a
/// rectangle of the full-size image, given in image pixels (a media fragment).
pub fn web_annotations(
    content: &PackageContent,
    photo_paths: &std::collections::HashMap<String, (String, String)>,
) -> Vec<u8> {
    let items: Vec<Value> = content
        .photos
        .iter()
        .flat_map(|p| {
            let source = photo_paths.get(&p.photo.id).map(|(full, _)| format!("../{full}")).unwrap_or_default();
            p.regions.iter().filter_map(move |r| {
                let rect = r.rect.as_ref()?;
                let mut body = vec![json!({ "type": "TextualBody", "purpose": "identifying", "value": r.person.as_ref().map(|x| x.name.clone()).unwrap_or_else(|| r.label.clone()) })];
                if let Some(person) = &r.person {
                    body.push(json!({ "id": node_id(&person.id), "type": "SpecificResource", "purpose": "identifying" }));
                }
                Some(json!({
                    "id": node_id(&r.id),
                    "type": "Annotation",
                    "motivation": "identifying",
                    "created": r.created_at,
                    "body": body,
                    "target": {
                        "id": node_id(&p.photo.id),
                        "source": source,
                        "selector": {
                            "type": "FragmentSelector",
                            "conformsTo": "http://www.w3.org/TR/media-frags/",
                            "value": format!("xywh=pixel:{},{},{},{}", rect.x, rect.y, rect.width, rect.height),
                        },
                    },
                }))
            })
        })
        .collect();
    let doc = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": "People identified in the photos",
        "total": items.len(),
        "first": { "type": "AnnotationPage", "items": items },
    });
    serde_json::to_vec_pretty(&doc).expect("JSON values serialize")
}

fn csv_file(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let to_error = |e: csv::Error| crate::Error::invalid("csv", e.to_string());
    writer.write_record(header).map_err(to_error)?;
    for row in rows {
        writer.write_record(&row).map_err(to_error)?;
    }
    writer
        .into_inner()
        .map_err(|e| crate::Error::invalid("csv", e.to_string()))
}

fn opt<T: ToString>(value: &Option<T>) -> String {
    value.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// `path → bytes` of the CSV files: interviews, people, collections, segments, index points.
pub fn csv(content: &PackageContent) -> Result<Vec<(String, Vec<u8>)>> {
    let names = |people: &[crate::people::PersonRef]| {
        people
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let interviews = csv_file(
        &[
            "id",
            "title",
            "collection_id",
            "date",
            "place",
            "languages",
            "summary",
            "duration_ms",
            "status",
            "narrators",
            "interviewers",
        ],
        content.interviews.iter().map(|p| {
            let i = &p.interview;
            vec![
                i.id.clone(),
                i.title.clone(),
                opt(&i.collection_id),
                opt(&i.date),
                i.place.clone(),
                i.languages.join("; "),
                i.summary.clone(),
                opt(&i.duration_ms),
                i.status.as_str().into(),
                names(&i.narrators),
                names(&i.interviewers),
            ]
        }),
    )?;
    let people = csv_file(
        &[
            "id",
            "display_name",
            "sort_name",
            "birth_date",
            "death_date",
            "note",
        ],
        content.people.iter().map(|p| {
            vec![
                p.id.clone(),
                p.display_name.clone(),
                p.sort_name.clone(),
                opt(&p.birth_date),
                opt(&p.death_date),
                p.note.clone(),
            ]
        }),
    )?;
    let collections = csv_file(
        &["id", "title", "description"],
        content
            .collections
            .iter()
            .map(|c| vec![c.id.clone(), c.title.clone(), c.description.clone()]),
    )?;
    let segments = csv_file(
        &[
            "interview_id",
            "transcript_id",
            "language",
            "position",
            "start_ms",
            "end_ms",
            "speaker",
            "text",
            "withheld",
        ],
        content.interviews.iter().flat_map(|p| {
            p.transcripts.iter().flat_map(move |t| {
                t.segments.iter().map(move |s| {
                    vec![
                        p.interview.id.clone(),
                        t.transcript.id.clone(),
                        t.transcript.language.clone(),
                        s.segment.position.to_string(),
                        opt(&s.segment.start_ms),
                        opt(&s.segment.end_ms),
                        s.segment.speaker_label.clone(),
                        s.segment.text.clone(),
                        opt(&s.withheld),
                    ]
                })
            })
        }),
    )?;
    let index_points = csv_file(
        &[
            "interview_id",
            "time_ms",
            "title",
            "synopsis",
            "keywords",
            "subjects",
        ],
        content.interviews.iter().flat_map(|p| {
            p.index_points.iter().map(move |x| {
                vec![
                    p.interview.id.clone(),
                    x.time_ms.to_string(),
                    x.title.clone(),
                    x.synopsis.clone(),
                    x.keywords.join("; "),
                    x.subjects.join("; "),
                ]
            })
        }),
    )?;
    let photos = csv_file(
        &[
            "id", "caption", "date", "place", "creator", "source", "rights", "width", "height",
            "people",
        ],
        content.photos.iter().map(|p| {
            vec![
                p.photo.id.clone(),
                p.photo
                    .captions
                    .first()
                    .map(|c| c.text.clone())
                    .unwrap_or_default(),
                opt(&p.photo.date),
                p.photo.place.clone(),
                p.photo.creator.clone(),
                p.photo.source.clone(),
                p.photo.rights.clone(),
                p.photo.width.to_string(),
                p.photo.height.to_string(),
                p.regions
                    .iter()
                    .filter_map(|r| r.person.as_ref().map(|x| x.name.clone()))
                    .collect::<Vec<_>>()
                    .join("; "),
            ]
        }),
    )?;
    Ok(vec![
        ("metadata/photos.csv".into(), photos),
        ("metadata/interviews.csv".into(), interviews),
        ("metadata/people.csv".into(), people),
        ("metadata/collections.csv".into(), collections),
        ("metadata/segments.csv".into(), segments),
        ("metadata/index_points.csv".into(), index_points),
    ])
}
