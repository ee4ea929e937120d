//! `recollect sources ...` and `recollect cite`: sources with full citation fields, and
//! citations of them from records and spans.

use clap::{Args, Subcommand};
use recollect_db::{
    records,
    sources::{self, CitationInput, SourceFields, SourceType},
    Archive, Origin,
};

use crate::{print_json, Failure};

/// Source commands.
#[derive(Subcommand)]
pub enum SourcesCommand {
    /// Add a source: a publication, archival document or web page (kept as text).
    Add {
        #[command(flatten)]
        fields: Box<SourceArgs>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List sources as references.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A source and where it is cited.
    Show {
        /// The source's id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The citations made from a record, as footnotes.
    CitedBy {
        /// The record.
        #[arg(long)]
        record: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Move a source that is not cited to the trash.
    Delete {
        /// The source's id.
        id: String,
    },
}

/// A source's citation fields.
#[derive(Args)]
pub struct SourceArgs {
    /// book, article, chapter, report, archival_document, web_page or other.
    #[arg(long = "type", default_value = "book")]
    source_type: SourceType,
    /// The title of the work itself.
    #[arg(long)]
    title: String,
    /// An author as cited, repeatable, in order.
    #[arg(long = "author")]
    authors: Vec<String>,
    /// The periodical, book or site it appeared in.
    #[arg(long, default_value = "")]
    container: String,
    /// Volume.
    #[arg(long, default_value = "")]
    volume: String,
    /// Issue number.
    #[arg(long, default_value = "")]
    issue: String,
    /// Its pages within the container.
    #[arg(long, default_value = "")]
    pages: String,
    /// Edition.
    #[arg(long, default_value = "")]
    edition: String,
    /// Publisher.
    #[arg(long, default_value = "")]
    publisher: String,
    /// Place of publication.
    #[arg(long, default_value = "")]
    place: String,
    /// Date of publication, in EDTF ("1992", "1938-03").
    #[arg(long)]
    date: Option<String>,
    /// The date as printed ("Fall-Winter 1992").
    #[arg(long, default_value = "")]
    date_text: String,
    /// Genre or occasion ("Report to the 12th Plenum").
    #[arg(long, default_value = "")]
    description: String,
    /// The archive holding a document.
    #[arg(long, default_value = "")]
    repository: String,
    /// Where in it: fonds, series, file.
    #[arg(long, default_value = "")]
    location: String,
    /// A web address, kept as text; nothing is fetched.
    #[arg(long, default_value = "")]
    url: String,
    /// When a web page was read, in EDTF.
    #[arg(long)]
    accessed: Option<String>,
    /// Language code.
    #[arg(long, default_value = "")]
    language: String,
    /// A note.
    #[arg(long, default_value = "")]
    note: String,
}

impl From<SourceArgs> for SourceFields {
    fn from(s: SourceArgs) -> Self {
        SourceFields {
            source_type: s.source_type,
            title: s.title,
            authors: s.authors,
            container_title: s.container,
            volume: s.volume,
            issue: s.issue,
            pages: s.pages,
            edition: s.edition,
            publisher: s.publisher,
            place: s.place,
            date: s.date,
            date_text: s.date_text,
            description: s.description,
            repository: s.repository,
            archive_location: s.location,
            url: s.url,
            accessed: s.accessed,
            language: s.language,
            note: s.note,
        }
    }
}

/// `recollect cite --record ID --source ID --locator "p. 68"`.
#[derive(Args)]
pub struct CiteArgs {
    /// The record citing, or the first segment of a span.
    #[arg(long)]
    record: String,
    /// The last segment of a span that starts at --record.
    #[arg(long)]
    through: Option<String>,
    /// The source cited.
    #[arg(long)]
    source: String,
    /// Where in the source ("p. 68").
    #[arg(long, default_value = "")]
    locator: String,
    /// The work the passage is quoted from, when it was not read in the source itself.
    #[arg(long)]
    quoted_in: Option<String>,
    /// Where in that work ("p. 186").
    #[arg(long, default_value = "")]
    quoted_locator: String,
    /// A note ("translation quoted from").
    #[arg(long, default_value = "")]
    note: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

fn print_citations(views: &[sources::CitationView]) {
    for (n, v) in views.iter().enumerate() {
        println!("{}. {}  [{}]", n + 1, v.text, v.target_title);
    }
}

/// Runs a source command.
pub fn run(a: &mut Archive, command: SourcesCommand) -> Result<(), Failure> {
    match command {
        SourcesCommand::Add { fields, json } => {
            let created = sources::create(a, &(*fields).into(), Origin::Cli)?;
            if json {
                return print_json(&created);
            }
            println!("{}", created.id);
        }
        SourcesCommand::List { json } => {
            let list = sources::list(a)?;
            if json {
                return print_json(&list);
            }
            for s in &list {
                println!("{}  {}", s.id, s.reference);
            }
        }
        SourcesCommand::Show { id, json } => {
            let source = sources::get(a, &id)?;
            let cited = sources::citing(a, &source.id)?;
            if json {
                return print_json(&serde_json::json!({ "source": source, "citations": cited }));
            }
            println!("{}  {}", source.id, source.reference);
            print_citations(&cited);
        }
        SourcesCommand::CitedBy { record, json } => {
            let record = records::resolve(a, &record)?;
            let views = sources::citations_of(a, &record.id)?;
            if json {
                return print_json(&views);
            }
            print_citations(&views);
        }
        SourcesCommand::Delete { id } => sources::delete(a, &id, Origin::Cli)?,
    }
    Ok(())
}

/// Cites a source from a record or span.
pub fn cite(a: &mut Archive, args: CiteArgs) -> Result<(), Failure> {
    let target = records::resolve_target(a, &args.record, args.through.as_deref())?;
    let input = CitationInput {
        source_id: args.source,
        target,
        locator: args.locator,
        quoted_in_id: args.quoted_in,
        quoted_in_locator: args.quoted_locator,
        note: args.note,
    };
    let citation = sources::cite(a, &input, Origin::Cli)?;
    if args.json {
        return print_json(&citation);
    }
    println!("{}", citation.id);
    Ok(())
}
