//! Tags: a controlled vocabulary in a tree (broader and narrower), each tag with a preferred
//! label, alternative labels in several languages and a scope note, put on any record or span.
//!
//! Uses point at a tag's id, not its label, so renaming keeps every use; merging moves every use
//! of one tag onto another and keeps the merged tag's labels as alternative labels, so what
//! found it still finds it.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{
    archive::{now, Archive, Writer},
    error::{Error, Result},
    ids,
    provenance::{self, EventType, Origin},
    records::{self, Target},
    search::fold,
};

const KIND: &str = "tag";
const TAGGING_KIND: &str = "tagging";

/// A label in a language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Label {
    /// The label ("Левая оппозиция").
    pub label: String,
    /// Its language as a BCP 47 code ("ru"), or "" when unsaid.
    #[serde(default)]
    pub language: String,
}

/// A tag of the vocabulary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Tag {
    /// UUIDv7.
    pub id: String,
    /// The preferred label, unique in the vocabulary.
    pub label: String,
    /// The preferred label's language, or "".
    pub language: String,
    /// Other names it is found by, in any language.
    pub alt_labels: Vec<Label>,
    /// What the tag is for and what it is not for.
    pub scope_note: String,
    /// The broader tag it sits under, if any.
    pub broader_id: Option<String>,
    /// When it was made (RFC 3339, UTC).
    pub created_at: String,
    /// When it last changed.
    pub updated_at: String,
}

/// What the curator edits of a tag.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct TagInput {
    /// The preferred label; must not be blank or another tag's preferred label.
    pub label: String,
    /// Its language.
    #[serde(default)]
    pub language: String,
    /// Alternative labels.
    #[serde(default)]
    pub alt_labels: Vec<Label>,
    /// A scope note.
    #[serde(default)]
    pub scope_note: String,
    /// The broader tag, if any.
    #[serde(default)]
    pub broader_id: Option<String>,
}

impl From<&Tag> for TagInput {
    fn from(t: &Tag) -> Self {
        TagInput {
            label: t.label.clone(),
            language: t.language.clone(),
            alt_labels: t.alt_labels.clone(),
            scope_note: t.scope_note.clone(),
            broader_id: t.broader_id.clone(),
        }
    }
}

/// A tag in the vocabulary's tree, for browsing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct TagNode {
    /// The tag.
    pub tag: Tag,
    /// How deep it sits: 0 for a tag with no broader tag.
    pub depth: u32,
    /// The preferred labels from the top of the tree down to this tag.
    pub path: Vec<String>,
    /// On how many records and spans it is put (its own uses, not its narrower tags').
    pub use_count: u32,
}

/// A tag offered while the curator types.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Suggestion {
    /// The tag's id.
    pub tag_id: String,
    /// Its preferred label.
    pub label: String,
    /// The label that matched what was typed (the preferred one or an alternative).
    pub matched: String,
    /// Where it sits: "Left Opposition › Moscow Trials".
    pub path: String,
    /// How often it is used.
    pub use_count: u32,
}

/// One use of a tag, as the log records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Tagging {
    /// UUIDv7.
    pub id: String,
    /// The tag.
    pub tag_id: String,
    /// What it is put on.
    pub target: Target,
    /// When.
    pub created_at: String,
}

/// A tag as put on a record, for showing beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct AppliedTag {
    /// The use.
    pub tagging_id: String,
    /// The tag's id.
    pub tag_id: String,
    /// Its preferred label.
    pub label: String,
    /// What it is put on: the record, or a span in it.
    pub target: Target,
}

/// A record or span found by browsing a tag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct TaggedRecord {
    /// The use.
    pub tagging_id: String,
    /// The tag it carries (the browsed tag or one narrower).
    pub tag_id: String,
    /// That tag's preferred label.
    pub tag_label: String,
    /// The record or span.
    pub target: Target,
    /// Its title, for the list.
    pub title: String,
}

fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn tag_from_row(conn: &Connection, r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, Tag)> {
    let key: i64 = r.get(0)?;
    let mut stmt = conn.prepare_cached(
        "SELECT label, language FROM tag_labels WHERE tag_id = ?1 ORDER BY position",
    )?;
    let alt_labels = stmt
        .query_map([key], |l| {
            Ok(Label {
                label: l.get(0)?,
                language: l.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((
        key,
        Tag {
            id: r.get(1)?,
            label: r.get(2)?,
            language: r.get(3)?,
            alt_labels,
            scope_note: r.get(4)?,
            broader_id: r.get(5)?,
            created_at: r.get(6)?,
            updated_at: r.get(7)?,
        },
    ))
}

const SELECT: &str =
    "SELECT t.id, t.uuid, t.label, t.language, t.scope_note, b.uuid, t.created_at, t.updated_at
    FROM tags t LEFT JOIN tags b ON b.id = t.broader_id";

/// One tag.
pub fn get(archive: &Archive, id: &str) -> Result<Tag> {
    Ok(get_with(archive.conn(), id)?.1)
}

fn get_with(conn: &Connection, id: &str) -> Result<(i64, Tag)> {
    let id = ids::parse(KIND, id)?;
    conn.query_row(&format!("{SELECT} WHERE t.uuid = ?1"), [&id], |r| {
        tag_from_row(conn, r)
    })
    .optional()?
    .ok_or(Error::NotFound { kind: KIND, id })
}

fn all_tags(conn: &Connection) -> Result<Vec<(i64, Tag)>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY t.fold"))?;
    let rows = stmt.query_map([], |r| tag_from_row(conn, r))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn use_counts(conn: &Connection) -> Result<HashMap<String, u32>> {
    let mut stmt = conn.prepare(
        "SELECT t.uuid, count(*) FROM taggings g JOIN tags t ON t.id = g.tag_id GROUP BY t.id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The whole vocabulary as a tree, depth first: each tag followed by its narrower tags, in
/// alphabetical order at every level.
pub fn list(archive: &Archive) -> Result<Vec<TagNode>> {
    let conn = archive.conn();
    let tags = all_tags(conn)?;
    let counts = use_counts(conn)?;
    let mut children: HashMap<Option<String>, Vec<&Tag>> = HashMap::new();
    for (_, tag) in &tags {
        children
            .entry(tag.broader_id.clone())
            .or_default()
            .push(tag);
    }
    let mut out = Vec::with_capacity(tags.len());
    fn walk(
        parent: Option<String>,
        path: &mut Vec<String>,
        children: &HashMap<Option<String>, Vec<&Tag>>,
        counts: &HashMap<String, u32>,
        out: &mut Vec<TagNode>,
    ) {
        for tag in children.get(&parent).into_iter().flatten() {
            path.push(tag.label.clone());
            out.push(TagNode {
                tag: (*tag).clone(),
                depth: path.len() as u32 - 1,
                path: path.clone(),
                use_count: counts.get(&tag.id).copied().unwrap_or(0),
            });
            walk(Some(tag.id.clone()), path, children, counts, out);
            path.pop();
        }
    }
    walk(None, &mut Vec::new(), &children, &counts, &mut out);
    Ok(out)
}

/// The tag with this id or label (preferred or alternative, in any case, with or without
/// diacritics). An alternative label shared by several tags is refused as ambiguous.
pub fn find(archive: &Archive, id_or_label: &str) -> Result<Tag> {
    find_with(archive.conn(), id_or_label)
}

fn find_with(conn: &Connection, id_or_label: &str) -> Result<Tag> {
    if let Ok(id) = ids::parse(KIND, id_or_label) {
        if let Ok((_, tag)) = get_with(conn, &id) {
            return Ok(tag);
        }
    }
    let key = fold(&clean(id_or_label));
    if let Some(id) = conn
        .query_row("SELECT uuid FROM tags WHERE fold = ?1", [&key], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
    {
        return Ok(get_with(conn, &id)?.1);
    }
    let mut stmt = conn.prepare("SELECT DISTINCT t.uuid, t.label FROM tag_labels l JOIN tags t ON t.id = l.tag_id WHERE l.fold = ?1 ORDER BY t.fold")?;
    let found: Vec<(String, String)> = stmt
        .query_map([&key], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    match found.as_slice() {
        [] => Err(Error::NotFound {
            kind: KIND,
            id: id_or_label.trim().to_owned(),
        }),
        [(id, _)] => Ok(get_with(conn, id)?.1),
        many => {
            Err(Error::invalid(
                "tag",
                format!(
                "\"{}\" is a label of several tags ({}); use the preferred label or the tag's id",
                id_or_label.trim(),
                many.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>().join(", ")
            ),
            ))
        }
    }
}

/// Tags whose labels start with what was typed, or have a word that does: the preferred label
/// matching from its start first, then by use. For tagging from the keyboard.
pub fn suggest(archive: &Archive, typed: &str, limit: u32) -> Result<Vec<Suggestion>> {
    let typed = fold(&clean(typed));
    if typed.is_empty() {
        return Ok(Vec::new());
    }
    let conn = archive.conn();
    let tags = all_tags(conn)?;
    let counts = use_counts(conn)?;
    let by_id: HashMap<&str, &Tag> = tags.iter().map(|(_, t)| (t.id.as_str(), t)).collect();
    let path = |tag: &Tag| -> String {
        let mut labels = vec![tag.label.clone()];
        let mut seen = HashSet::from([tag.id.as_str()]);
        let mut up = tag.broader_id.as_deref();
        while let Some(parent) = up.and_then(|id| by_id.get(id)) {
            if !seen.insert(parent.id.as_str()) {
                break;
            }
            labels.push(parent.label.clone());
            up = parent.broader_id.as_deref();
        }
        labels.reverse();
        labels.join(" › ")
    };
    // Rank 0: the preferred label starts with it; 1: an alternative does; 2: a later word of
    // either does.
    let rank_of = |label: &str| -> Option<u8> {
        let folded = fold(label);
        if folded.starts_with(&typed) {
            Some(0)
        } else if folded
            .split(|c: char| !c.is_alphanumeric())
            .skip(1)
            .any(|w| w.starts_with(&typed))
        {
            Some(2)
        } else {
            None
        }
    };
    let mut found: Vec<(u8, u32, Suggestion)> = Vec::new();
    for (_, tag) in &tags {
        let best = std::iter::once((rank_of(&tag.label), &tag.label))
            .chain(
                tag.alt_labels
                    .iter()
                    .map(|l| (rank_of(&l.label).map(|r| r.max(1)), &l.label)),
            )
            .filter_map(|(rank, label)| rank.map(|r| (r, label)))
            .min_by_key(|(r, _)| *r);
        if let Some((rank, matched)) = best {
            let use_count = counts.get(&tag.id).copied().unwrap_or(0);
            found.push((
                rank,
                use_count,
                Suggestion {
                    tag_id: tag.id.clone(),
                    label: tag.label.clone(),
                    matched: matched.clone(),
                    path: path(tag),
                    use_count,
                },
            ));
        }
    }
    found.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.cmp(&a.1))
            .then_with(|| fold(&a.2.label).cmp(&fold(&b.2.label)))
    });
    Ok(found
        .into_iter()
        .take(limit.max(1) as usize)
        .map(|(_, _, s)| s)
        .collect())
}

struct Valid {
    label: String,
    language: String,
    alt_labels: Vec<Label>,
    scope_note: String,
    broader_key: Option<i64>,
}

fn validate(conn: &Connection, input: &TagInput, this: Option<i64>) -> Result<Valid> {
    let label = clean(&input.label);
    if label.is_empty() {
        return Err(Error::invalid("label", "a tag needs a label"));
    }
    let key = fold(&label);
    let taken: Option<(i64, String)> = conn
        .query_row("SELECT id, label FROM tags WHERE fold = ?1", [&key], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    if let Some((_, other_label)) = taken.filter(|(other, _)| Some(*other) != this) {
        return Err(Error::invalid(
            "label",
            format!(
                "there is already a tag \"{other_label}\"; merge into it or choose another label"
            ),
        ));
    }
    let language = crate::language::check("language", &input.language)?.to_lowercase();
    let mut seen = HashSet::from([(key, language.clone())]);
    let mut alt_labels = Vec::new();
    for l in &input.alt_labels {
        let label = Label {
            label: clean(&l.label),
            language: crate::language::check("language", &l.language)?.to_lowercase(),
        };
        if !label.label.is_empty() && seen.insert((fold(&label.label), label.language.clone())) {
            alt_labels.push(label);
        }
    }
    let broader_key = match input
        .broader_id
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        None => None,
        Some(broader) => {
            let (broader_key, _) = get_with(conn, broader)?;
            if let Some(this) = this {
                let mut up = Some(broader_key);
                while let Some(k) = up {
                    if k == this {
                        return Err(Error::invalid(
                            "broader",
                            "a tag cannot sit under itself or under one of its narrower tags",
                        ));
                    }
                    up = conn.query_row("SELECT broader_id FROM tags WHERE id = ?1", [k], |r| {
                        r.get(0)
                    })?;
                }
            }
            Some(broader_key)
        }
    };
    Ok(Valid {
        label,
        language,
        alt_labels,
        scope_note: input.scope_note.trim().to_owned(),
        broader_key,
    })
}

fn write_labels(w: &Writer<'_>, key: i64, labels: &[Label]) -> Result<()> {
    w.execute("DELETE FROM tag_labels WHERE tag_id = ?1", [key])?;
    for (position, l) in labels.iter().enumerate() {
        w.execute(
            "INSERT INTO tag_labels (tag_id, position, label, fold, language) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![key, position as i64, l.label, fold(&l.label), l.language],
        )?;
    }
    Ok(())
}

/// Adds a tag to the vocabulary.
pub fn create(archive: &mut Archive, input: &TagInput, origin: Origin) -> Result<Tag> {
    archive.write(|w| insert(w, input, origin))
}

pub(crate) fn insert(w: &Writer<'_>, input: &TagInput, origin: Origin) -> Result<Tag> {
    let v = validate(w, input, None)?;
    let id = ids::new_id();
    w.execute(
        "INSERT INTO tags (uuid, label, fold, language, scope_note, broader_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![id, v.label, fold(&v.label), v.language, v.scope_note, v.broader_key, now(w)?],
    )?;
    write_labels(w, w.last_insert_rowid(), &v.alt_labels)?;
    let (_, created) = get_with(w, &id)?;
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

/// Changes a tag: labels, scope note, place in the tree. Its uses stay.
pub fn update(archive: &mut Archive, id: &str, input: &TagInput, origin: Origin) -> Result<Tag> {
    archive.write(|w| update_with(w, id, input, origin))
}

fn update_with(w: &Writer<'_>, id: &str, input: &TagInput, origin: Origin) -> Result<Tag> {
    let (key, before) = get_with(w, id)?;
    let v = validate(w, input, Some(key))?;
    w.execute(
        "UPDATE tags SET label = ?2, fold = ?3, language = ?4, scope_note = ?5, broader_id = ?6 WHERE id = ?1",
        params![key, v.label, fold(&v.label), v.language, v.scope_note, v.broader_key],
    )?;
    write_labels(w, key, &v.alt_labels)?;
    let (_, mut after) = get_with(w, &before.id)?;
    if after == before {
        return Ok(before);
    }
    let at = now(w)?;
    w.execute(
        "UPDATE tags SET updated_at = ?2 WHERE id = ?1",
        params![key, at],
    )?;
    after.updated_at = at;
    provenance::record(
        w,
        EventType::Modification,
        KIND,
        &after.id,
        origin,
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// Gives a tag a new preferred label. Every use stays; the old label is kept as an alternative
/// label when `keep_old_label`, so searches by it still find the tag.
pub fn rename(
    archive: &mut Archive,
    id: &str,
    label: &str,
    keep_old_label: bool,
    origin: Origin,
) -> Result<Tag> {
    archive.write(|w| {
        let (_, tag) = get_with(w, id)?;
        let mut input = TagInput::from(&tag);
        if keep_old_label && fold(&tag.label) != fold(label) {
            input.alt_labels.push(Label {
                label: tag.label.clone(),
                language: tag.language.clone(),
            });
        }
        input.alt_labels.retain(|l| fold(&l.label) != fold(label));
        input.label = label.to_owned();
        update_with(w, &tag.id, &input, origin)
    })
}

/// Puts a tag under another (or at the top of the tree with `None`), with its narrower tags.
pub fn move_to(
    archive: &mut Archive,
    id: &str,
    broader_id: Option<&str>,
    origin: Origin,
) -> Result<Tag> {
    archive.write(|w| {
        let (_, tag) = get_with(w, id)?;
        let input = TagInput {
            broader_id: broader_id.map(str::to_owned),
            ..TagInput::from(&tag)
        };
        update_with(w, &tag.id, &input, origin)
    })
}

/// Moves the narrower tags of `key` under `new_broader`, logging each move.
fn reparent_children(
    w: &Writer<'_>,
    key: i64,
    new_broader: Option<&str>,
    origin: Origin,
) -> Result<()> {
    let mut stmt = w.prepare("SELECT uuid FROM tags WHERE broader_id = ?1 ORDER BY id")?;
    let children: Vec<String> = stmt
        .query_map([key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for child in children {
        let (_, tag) = get_with(w, &child)?;
        update_with(
            w,
            &child,
            &TagInput {
                broader_id: new_broader.map(str::to_owned),
                ..TagInput::from(&tag)
            },
            origin,
        )?;
    }
    Ok(())
}

/// Merges tag `from` into tag `into`: every use of `from` becomes a use of `into`, its narrower
/// tags move under `into`, and its labels become alternative labels of `into`. `from` is gone
/// afterwards; the log keeps it as merged.
pub fn merge(archive: &mut Archive, from: &str, into: &str, origin: Origin) -> Result<Tag> {
    archive.write(|w| {
        let (from_key, gone) = get_with(w, from)?;
        let (into_key, kept) = get_with(w, into)?;
        if from_key == into_key {
            return Err(Error::invalid("merge", "a tag cannot be merged into itself"));
        }
        let mut up = Some(into_key);
        while let Some(k) = up {
            if k == from_key {
                return Err(Error::invalid("merge", format!("\"{}\" sits under \"{}\"; move it out first", kept.label, gone.label)));
            }
            up = w.query_row("SELECT broader_id FROM tags WHERE id = ?1", [k], |r| r.get(0))?;
        }
        // Uses: move each, or drop it when the record already carries `into`.
        let mut stmt = w.prepare(&format!("{TAGGING_SELECT} WHERE g.tag_id = ?1 ORDER BY g.id"))?;
        let uses: Vec<Tagging> = stmt.query_map([from_key], tagging_from_row)?.collect::<rusqlite::Result<_>>()?;
        for before in uses {
            let (kind, uuid, first, last) = before.target.columns();
            let duplicate: bool = w.query_row(
                "SELECT EXISTS (SELECT 1 FROM taggings WHERE tag_id = ?1 AND target_kind = ?2 AND target_uuid = ?3
                     AND first_segment_uuid IS ?4 AND last_segment_uuid IS ?5)",
                params![into_key, kind, uuid, first, last],
                |r| r.get(0),
            )?;
            if duplicate {
                w.execute("DELETE FROM taggings WHERE uuid = ?1", [&before.id])?;
                provenance::record_about(w, EventType::Merge, TAGGING_KIND, &before.id, Some(before.target.record_id()), origin, Some(&before), None::<&()>)?;
            } else {
                w.execute("UPDATE taggings SET tag_id = ?2 WHERE uuid = ?1", params![before.id, into_key])?;
                let after = Tagging { tag_id: kept.id.clone(), ..before.clone() };
                provenance::record_about(w, EventType::Merge, TAGGING_KIND, &after.id, Some(after.target.record_id()), origin, Some(&before), Some(&after))?;
            }
        }
        reparent_children(w, from_key, Some(&kept.id), origin)?;
        let mut input = TagInput::from(&get_with(w, &kept.id)?.1);
        input.alt_labels.push(Label { label: gone.label.clone(), language: gone.language.clone() });
        input.alt_labels.extend(gone.alt_labels.iter().cloned());
        w.execute("DELETE FROM tags WHERE id = ?1", [from_key])?;
        provenance::record_about(w, EventType::Merge, KIND, &gone.id, Some(&kept.id), origin, Some(&gone), None::<&()>)?;
        let before = get_with(w, &kept.id)?.1;
        let v = validate(w, &input, Some(into_key))?;
        write_labels(w, into_key, &v.alt_labels)?;
        w.execute("UPDATE tags SET updated_at = ?2 WHERE id = ?1", params![into_key, now(w)?])?;
        let (_, after) = get_with(w, &kept.id)?;
        provenance::record_about(w, EventType::Merge, KIND, &kept.id, Some(&gone.id), origin, Some(&before), Some(&after))?;
        Ok(after)
    })
}

/// Removes a tag from the vocabulary; its narrower tags move up to its broader tag. Refused
/// while it is in use: merge it into another tag instead, which keeps the uses.
pub fn delete(archive: &mut Archive, id: &str, origin: Origin) -> Result<()> {
    archive.write(|w| {
        let (key, before) = get_with(w, id)?;
        let uses: u32 = w.query_row("SELECT count(*) FROM taggings WHERE tag_id = ?1", [key], |r| r.get(0))?;
        if uses > 0 {
            return Err(Error::InUse(format!(
                "\"{}\" is on {uses} record{}; merge it into another tag to keep them, or remove it from them first",
                before.label,
                if uses == 1 { "" } else { "s" }
            )));
        }
        reparent_children(w, key, before.broader_id.as_deref(), origin)?;
        w.execute("DELETE FROM tags WHERE id = ?1", [key])?;
        provenance::record(w, EventType::Deletion, KIND, &before.id, origin, Some(&before), None::<&()>)
    })
}

const TAGGING_SELECT: &str = "SELECT g.uuid, t.uuid, g.target_kind, g.target_uuid, g.first_segment_uuid, g.last_segment_uuid, g.created_at
    FROM taggings g JOIN tags t ON t.id = g.tag_id";

fn tagging_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Tagging> {
    Ok(Tagging {
        id: r.get(0)?,
        tag_id: r.get(1)?,
        target: Target::from_row(r, 2)?,
        created_at: r.get(6)?,
    })
}

/// Puts a tag on a record or span. Putting it on twice is the same as once.
pub fn tag(
    archive: &mut Archive,
    tag_id: &str,
    target: &Target,
    origin: Origin,
) -> Result<Tagging> {
    archive.write(|w| tag_with(w, tag_id, target, origin))
}

pub(crate) fn tag_with(
    w: &Writer<'_>,
    tag_id: &str,
    target: &Target,
    origin: Origin,
) -> Result<Tagging> {
    let (tag_key, _) = get_with(w, tag_id)?;
    let target = records::check(w, target)?;
    let (kind, uuid, first, last) = target.columns();
    let existing = w
        .query_row(
            &format!("{TAGGING_SELECT} WHERE g.tag_id = ?1 AND g.target_uuid = ?2 AND g.first_segment_uuid IS ?3 AND g.last_segment_uuid IS ?4"),
            params![tag_key, uuid, first, last],
            tagging_from_row,
        )
        .optional()?;
    if let Some(existing) = existing {
        return Ok(existing);
    }
    let id = ids::new_id();
    w.execute(
        "INSERT INTO taggings (uuid, tag_id, target_kind, target_uuid, first_segment_uuid, last_segment_uuid, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, tag_key, kind, uuid, first, last, now(w)?],
    )?;
    let created = w.query_row(
        &format!("{TAGGING_SELECT} WHERE g.uuid = ?1"),
        [&id],
        tagging_from_row,
    )?;
    provenance::record_about(
        w,
        EventType::Creation,
        TAGGING_KIND,
        &id,
        Some(target.record_id()),
        origin,
        None::<&()>,
        Some(&created),
    )?;
    Ok(created)
}

/// Takes a tag off a record or span. Nothing happens when it was not there.
pub fn untag(archive: &mut Archive, tag_id: &str, target: &Target, origin: Origin) -> Result<()> {
    archive.write(|w| {
        let (tag_key, _) = get_with(w, tag_id)?;
        let (_, uuid, first, last) = target.columns();
        let uuid = uuid.to_lowercase();
        let existing = w
            .query_row(
                &format!("{TAGGING_SELECT} WHERE g.tag_id = ?1 AND g.target_uuid = ?2 AND g.first_segment_uuid IS ?3 AND g.last_segment_uuid IS ?4"),
                params![tag_key, uuid, first, last],
                tagging_from_row,
            )
            .optional()?;
        if let Some(before) = existing {
            w.execute("DELETE FROM taggings WHERE uuid = ?1", [&before.id])?;
            provenance::record_about(w, EventType::Deletion, TAGGING_KIND, &before.id, Some(before.target.record_id()), origin, Some(&before), None::<&()>)?;
        }
        Ok(())
    })
}

/// The tags on a record, and on spans in it when it is a transcript.
pub fn tags_of(archive: &Archive, record_id: &str) -> Result<Vec<AppliedTag>> {
    let id = ids::parse("record", record_id)?;
    let mut stmt = archive.conn().prepare(
        "SELECT g.uuid, t.uuid, t.label, g.target_kind, g.target_uuid, g.first_segment_uuid, g.last_segment_uuid
         FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.target_uuid = ?1 ORDER BY t.fold, g.id",
    )?;
    let rows = stmt.query_map([&id], |r| {
        Ok(AppliedTag {
            tagging_id: r.get(0)?,
            tag_id: r.get(1)?,
            label: r.get(2)?,
            target: Target::from_row(r, 3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every record and span carrying a tag, and with `narrower`, carrying any tag under it: browsing
/// "Left Opposition" then also finds what is tagged "Moscow Trials".
pub fn tagged(archive: &Archive, tag_id: &str, narrower: bool) -> Result<Vec<TaggedRecord>> {
    let conn = archive.conn();
    let (key, _) = get_with(conn, tag_id)?;
    let sql = if narrower {
        "WITH RECURSIVE tree (id) AS (SELECT ?1 UNION SELECT t.id FROM tags t JOIN tree ON t.broader_id = tree.id)
         SELECT g.uuid, t.uuid, t.label, g.target_kind, g.target_uuid, g.first_segment_uuid, g.last_segment_uuid
         FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.tag_id IN (SELECT id FROM tree) ORDER BY g.id"
    } else {
        "SELECT g.uuid, t.uuid, t.label, g.target_kind, g.target_uuid, g.first_segment_uuid, g.last_segment_uuid
         FROM taggings g JOIN tags t ON t.id = g.tag_id WHERE g.tag_id = ?1 ORDER BY g.id"
    };
    let mut stmt = conn.prepare(sql)?;
    let rows: Vec<(String, String, String, Target)> = stmt
        .query_map([key], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, Target::from_row(r, 3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (tagging_id, tag_id, tag_label, target) in rows {
        let title = records::title(conn, &target)?;
        out.push(TaggedRecord {
            tagging_id,
            tag_id,
            tag_label,
            target,
            title,
        });
    }
    out.sort_by_key(|t| fold(&t.title));
    Ok(out)
}

#[cfg(test)]
mod tests;
