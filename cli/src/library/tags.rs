//! `recollect tags ...` and `recollect tag`: the vocabulary, and tagging records and spans.

use clap::{Args, Subcommand};
use recollect_db::{
    records,
    tags::{self, Label, TagInput},
    Archive, Error, Origin,
};

use crate::{print_json, Failure};

/// Vocabulary commands.
#[derive(Subcommand)]
pub enum TagsCommand {
    /// The vocabulary as a tree, with how often each tag is used.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add a tag.
    Add {
        /// The preferred label.
        label: String,
        /// The broader tag it sits under (id or label).
        #[arg(long)]
        under: Option<String>,
        /// The preferred label's language ("en").
        #[arg(long, default_value = "")]
        language: String,
        /// An alternative label, repeatable; "ru:Левая оппозиция" gives its language.
        #[arg(long = "alt")]
        alt_labels: Vec<String>,
        /// What the tag is for.
        #[arg(long, default_value = "")]
        scope_note: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Give a tag a new preferred label; every use stays.
    Rename {
        /// The tag (id or label).
        tag: String,
        /// The new label.
        label: String,
        /// Keep the old label as an alternative label.
        #[arg(long)]
        keep_old: bool,
    },
    /// Merge one tag into another: every use moves, the merged tag's labels stay as alternatives.
    Merge {
        /// The tag that goes (id or label).
        from: String,
        /// The tag that stays (id or label).
        into: String,
    },
    /// Put a tag under another, or at the top with no --under.
    Move {
        /// The tag (id or label).
        tag: String,
        /// Its new broader tag (id or label).
        #[arg(long)]
        under: Option<String>,
    },
    /// Remove an unused tag; its narrower tags move up.
    Delete {
        /// The tag (id or label).
        tag: String,
    },
    /// Tags matching what is typed, for completion.
    Suggest {
        /// The start of a label, in any language.
        prefix: String,
        /// At most this many.
        #[arg(long, default_value_t = 10)]
        limit: u32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A tag and every record carrying it or a narrower tag.
    Show {
        /// The tag (id or label).
        tag: String,
        /// Only records carrying this very tag.
        #[arg(long)]
        exact: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `recollect tag --record ID TAG`.
#[derive(Args)]
pub struct TagArgs {
    /// The record, or the first segment of a span.
    #[arg(long)]
    record: String,
    /// The last segment of a span that starts at --record.
    #[arg(long)]
    through: Option<String>,
    /// The tag, by label or id.
    tag: String,
    /// Add the tag to the vocabulary when no tag has that label.
    #[arg(long)]
    create: bool,
    /// Take the tag off instead.
    #[arg(long, conflicts_with = "create")]
    remove: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

fn label(text: &str) -> Label {
    match text.split_once(':') {
        Some((language, label))
            if !language.is_empty()
                && language.len() <= 8
                && language
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || c == '-') =>
        {
            Label {
                label: label.trim().to_owned(),
                language: language.to_lowercase(),
            }
        }
        _ => Label {
            label: text.trim().to_owned(),
            language: String::new(),
        },
    }
}

/// Runs a vocabulary command.
pub fn run(a: &mut Archive, command: TagsCommand) -> Result<(), Failure> {
    match command {
        TagsCommand::List { json } => {
            let nodes = tags::list(a)?;
            if json {
                return print_json(&nodes);
            }
            for n in &nodes {
                let alt: Vec<&str> = n.tag.alt_labels.iter().map(|l| l.label.as_str()).collect();
                let alt = if alt.is_empty() {
                    String::new()
                } else {
                    format!("  ({})", alt.join("; "))
                };
                println!(
                    "{}  {}{}{}  [{}]",
                    n.tag.id,
                    "  ".repeat(n.depth as usize),
                    n.tag.label,
                    alt,
                    n.use_count
                );
            }
        }
        TagsCommand::Add {
            label: text,
            under,
            language,
            alt_labels,
            scope_note,
            json,
        } => {
            let broader_id = under.map(|u| tags::find(a, &u).map(|t| t.id)).transpose()?;
            let input = TagInput {
                label: text,
                language,
                alt_labels: alt_labels.iter().map(|l| label(l)).collect(),
                scope_note,
                broader_id,
            };
            let created = tags::create(a, &input, Origin::Cli)?;
            if json {
                return print_json(&created);
            }
            println!("{}", created.id);
        }
        TagsCommand::Rename {
            tag,
            label,
            keep_old,
        } => {
            let t = tags::find(a, &tag)?;
            let renamed = tags::rename(a, &t.id, &label, keep_old, Origin::Cli)?;
            println!("{}  {}", renamed.id, renamed.label);
        }
        TagsCommand::Merge { from, into } => {
            let (from, into) = (tags::find(a, &from)?, tags::find(a, &into)?);
            let kept = tags::merge(a, &from.id, &into.id, Origin::Cli)?;
            println!(
                "merged \"{}\" into \"{}\" ({})",
                from.label, kept.label, kept.id
            );
        }
        TagsCommand::Move { tag, under } => {
            let t = tags::find(a, &tag)?;
            let broader = under.map(|u| tags::find(a, &u).map(|b| b.id)).transpose()?;
            tags::move_to(a, &t.id, broader.as_deref(), Origin::Cli)?;
        }
        TagsCommand::Delete { tag } => {
            let t = tags::find(a, &tag)?;
            tags::delete(a, &t.id, Origin::Cli)?;
        }
        TagsCommand::Suggest {
            prefix,
            limit,
            json,
        } => {
            let found = tags::suggest(a, &prefix, limit)?;
            if json {
                return print_json(&found);
            }
            for s in &found {
                let matched = if s.matched == s.label {
                    String::new()
                } else {
                    format!("  (as \"{}\")", s.matched)
                };
                println!("{}  {}{}", s.tag_id, s.path, matched);
            }
        }
        TagsCommand::Show { tag, exact, json } => {
            let t = tags::find(a, &tag)?;
            let found = tags::tagged(a, &t.id, !exact)?;
            if json {
                return print_json(&serde_json::json!({ "tag": t, "records": found }));
            }
            println!("{}  {}", t.id, t.label);
            if !t.scope_note.is_empty() {
                println!("  {}", t.scope_note);
            }
            for r in &found {
                let via = if r.tag_id == t.id {
                    String::new()
                } else {
                    format!("  (as {})", r.tag_label)
                };
                println!("  {}  {}{}", r.target.record_id(), r.title, via);
            }
        }
    }
    Ok(())
}

/// Tags a record or span, or takes a tag off.
pub fn tag(a: &mut Archive, args: TagArgs) -> Result<(), Failure> {
    let target = records::resolve_target(a, &args.record, args.through.as_deref())?;
    let found = match tags::find(a, &args.tag) {
        Ok(t) => t,
        Err(Error::NotFound { .. }) if args.create => tags::create(
            a,
            &TagInput {
                label: args.tag.clone(),
                ..Default::default()
            },
            Origin::Cli,
        )?,
        Err(Error::NotFound { .. }) => {
            let near: Vec<String> = tags::suggest(a, &args.tag, 3)?
                .into_iter()
                .map(|s| s.label)
                .collect();
            let hint = if near.is_empty() {
                String::new()
            } else {
                format!(" Did you mean: {}?", near.join(", "))
            };
            return Err(format!(
                "no tag \"{}\"; pass --create to add it to the vocabulary.{hint}",
                args.tag
            )
            .into());
        }
        Err(e) => return Err(e.into()),
    };
    if args.remove {
        tags::untag(a, &found.id, &target, Origin::Cli)?;
        return Ok(());
    }
    let tagging = tags::tag(a, &found.id, &target, Origin::Cli)?;
    if args.json {
        return print_json(&tagging);
    }
    println!(
        "{}  {} → {}",
        tagging.id,
        found.label,
        records::title(a.conn(), &tagging.target)?
    );
    Ok(())
}
