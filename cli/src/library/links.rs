//! `recollect link` and `recollect links`: typed links, and what links to a record.

use clap::Args;
use recollect_db::{
    links::{self, Direction, LinkInput, LinkType},
    records, Archive, Origin,
};

use crate::{print_json, Failure};

/// `recollect link --from ID --to ID --type mentions`.
#[derive(Args)]
pub struct LinkArgs {
    /// Where the link starts: a record, or the first segment of a span.
    #[arg(long)]
    from: Option<String>,
    /// The last segment of a span that starts at --from.
    #[arg(long)]
    from_through: Option<String>,
    /// Where it points: a record, or the first segment of a span.
    #[arg(long)]
    to: Option<String>,
    /// The last segment of a span that starts at --to.
    #[arg(long)]
    to_through: Option<String>,
    /// mentions, depicts, cites, related_to, parent_of, grandparent_of, spouse_of, sibling_of,
    /// relative_of, friend_of or colleague_of.
    #[arg(long = "type", default_value = "related_to")]
    link_type: LinkType,
    /// A note on the link.
    #[arg(long, default_value = "")]
    note: String,
    /// Remove the link with this id instead.
    #[arg(long, conflicts_with_all = ["from", "to"])]
    delete: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `recollect links --record ID`: what links here, both ways.
#[derive(Args)]
pub struct LinksArgs {
    /// The record.
    #[arg(long)]
    record: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Links two records or spans, or removes a link.
pub fn link(a: &mut Archive, args: LinkArgs) -> Result<(), Failure> {
    if let Some(id) = args.delete {
        links::delete(a, &id, Origin::Cli)?;
        return Ok(());
    }
    let (Some(from), Some(to)) = (args.from, args.to) else {
        return Err("say what to link: --from ID --to ID".into());
    };
    let from = records::resolve_target(a, &from, args.from_through.as_deref())?;
    let to = records::resolve_target(a, &to, args.to_through.as_deref())?;
    let link = links::create(
        a,
        &LinkInput {
            link_type: args.link_type,
            from,
            to,
            note: args.note,
        },
        Origin::Cli,
    )?;
    if args.json {
        return print_json(&link);
    }
    println!(
        "{}  {} {} {}",
        link.id,
        records::title(a.conn(), &link.from)?,
        link.link_type.label(),
        records::title(a.conn(), &link.to)?
    );
    Ok(())
}

/// Prints what links to a record.
pub fn list(a: &Archive, args: LinksArgs) -> Result<(), Failure> {
    let record = records::resolve(a, &args.record)?;
    let ends = links::of(a, &record.id)?;
    if args.json {
        return print_json(&ends);
    }
    for e in &ends {
        let arrow = if e.direction == Direction::Outgoing {
            "→"
        } else {
            "←"
        };
        println!("{}  {arrow} {} {}", e.link.id, e.label, e.other_title);
    }
    Ok(())
}
