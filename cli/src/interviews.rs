//! `recollect interviews ...` and `recollect collections ...`: interviews and the collections
//! that hold them.

use clap::{Args, Subcommand};
use recollect_db::{
    collection::{self, CollectionInput},
    interview::{self, InterviewFilter, InterviewInput, InterviewStatus},
    Archive, Origin,
};

use crate::{print_json, Failure};

#[derive(Subcommand)]
pub(crate) enum InterviewCommand {
    /// List interviews.
    List {
        /// Only those in this collection.
        #[arg(long)]
        collection: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one interview.
    Show {
        /// The interview's id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add an interview.
    Add {
        #[command(flatten)]
        fields: InterviewFields,
        /// Print the new interview as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change an interview: only the fields given change.
    Edit {
        /// The interview's id.
        id: String,
        #[command(flatten)]
        fields: InterviewFields,
        /// Print the interview as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Move an interview to the trash, with all it holds (`recollect trash restore` brings it back).
    Delete {
        /// The interview's id.
        id: String,
    },
}

#[derive(Args)]
pub(crate) struct InterviewFields {
    /// Title.
    #[arg(long)]
    title: Option<String>,
    /// Collection id ("" for none).
    #[arg(long)]
    collection: Option<String>,
    /// Date recorded, in EDTF ("1927", "1927-02~", "192X"; "" for none).
    #[arg(long)]
    date: Option<String>,
    /// Place recorded.
    #[arg(long)]
    place: Option<String>,
    /// Language code, repeatable ("ru", "en"); replaces the list.
    #[arg(long = "language")]
    languages: Vec<String>,
    /// Summary.
    #[arg(long)]
    summary: Option<String>,
    /// draft, curated or published.
    #[arg(long)]
    status: Option<InterviewStatus>,
    /// Narrator's person id, repeatable, in order; replaces the list.
    #[arg(long = "narrator")]
    narrators: Vec<String>,
    /// Interviewer's person id, repeatable, in order; replaces the list.
    #[arg(long = "interviewer")]
    interviewers: Vec<String>,
}

impl InterviewFields {
    fn apply(self, input: &mut InterviewInput) {
        if let Some(v) = self.title {
            input.title = v;
        }
        if let Some(v) = self.collection {
            input.collection_id = Some(v).filter(|c| !c.is_empty());
        }
        if let Some(v) = self.date {
            input.date = Some(v);
        }
        if let Some(v) = self.place {
            input.place = v;
        }
        if !self.languages.is_empty() {
            input.languages = self.languages;
        }
        if let Some(v) = self.summary {
            input.summary = v;
        }
        if let Some(v) = self.status {
            input.status = v;
        }
        if !self.narrators.is_empty() {
            input.narrator_ids = self.narrators;
        }
        if !self.interviewers.is_empty() {
            input.interviewer_ids = self.interviewers;
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum CollectionCommand {
    /// List collections.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one collection.
    Show {
        /// The collection's id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add a collection.
    Add {
        /// Title.
        #[arg(long)]
        title: String,
        /// Description.
        #[arg(long, default_value = "")]
        description: String,
        /// Print the new collection as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change a collection.
    Edit {
        /// The collection's id.
        id: String,
        /// Title.
        #[arg(long)]
        title: Option<String>,
        /// Description.
        #[arg(long)]
        description: Option<String>,
        /// Print the collection as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Delete a collection; its interviews stay, in no collection.
    Delete {
        /// The collection's id.
        id: String,
    },
}

pub(crate) fn names(people: &[recollect_db::people::PersonRef]) -> String {
    people
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

pub(crate) fn print_interview(i: &interview::Interview) {
    println!("id:           {}", i.id);
    println!("title:        {}", i.title);
    println!("date:         {}", i.date.as_deref().unwrap_or(""));
    println!("place:        {}", i.place);
    println!("languages:    {}", i.languages.join(", "));
    println!("status:       {}", i.status.as_str());
    println!("narrators:    {}", names(&i.narrators));
    println!("interviewers: {}", names(&i.interviewers));
    println!("collection:   {}", i.collection_id.as_deref().unwrap_or(""));
    println!("summary:      {}", i.summary);
}

pub(crate) fn interviews(a: &mut Archive, command: InterviewCommand) -> Result<(), Failure> {
    match command {
        InterviewCommand::List { collection, json } => {
            let list = interview::list(
                a,
                &InterviewFilter {
                    collection_id: collection,
                },
            )?;
            if json {
                return print_json(&list);
            }
            for i in &list {
                println!(
                    "{}  {:<40}  {:<8}  {}",
                    i.id,
                    i.title,
                    i.date.as_deref().unwrap_or(""),
                    names(&i.narrators)
                );
            }
        }
        InterviewCommand::Show { id, json } => {
            let i = interview::get(a, &id)?;
            if json {
                return print_json(&i);
            }
            print_interview(&i);
        }
        InterviewCommand::Add { fields, json } => {
            let mut input = InterviewInput::default();
            fields.apply(&mut input);
            let created = interview::create(a, &input, Origin::Cli)?;
            if json {
                return print_json(&created);
            }
            println!("{}", created.id);
        }
        InterviewCommand::Edit { id, fields, json } => {
            let mut input = InterviewInput::from(&interview::get(a, &id)?);
            fields.apply(&mut input);
            let updated = interview::update(a, &id, &input, Origin::Cli)?;
            if json {
                return print_json(&updated);
            }
            print_interview(&updated);
        }
        InterviewCommand::Delete { id } => interview::delete(a, &id, Origin::Cli)?,
    }
    Ok(())
}

pub(crate) fn collections(a: &mut Archive, command: CollectionCommand) -> Result<(), Failure> {
    match command {
        CollectionCommand::List { json } => {
            let list = collection::list(a)?;
            if json {
                return print_json(&list);
            }
            for c in &list {
                println!(
                    "{}  {:<40}  {} interviews",
                    c.id, c.title, c.interview_count
                );
            }
        }
        CollectionCommand::Show { id, json } => {
            let c = collection::get(a, &id)?;
            if json {
                return print_json(&c);
            }
            println!(
                "id:          {}\ntitle:       {}\ninterviews:  {}\ndescription: {}",
                c.id, c.title, c.interview_count, c.description
            );
        }
        CollectionCommand::Add {
            title,
            description,
            json,
        } => {
            let created =
                collection::create(a, &CollectionInput { title, description }, Origin::Cli)?;
            if json {
                return print_json(&created);
            }
            println!("{}", created.id);
        }
        CollectionCommand::Edit {
            id,
            title,
            description,
            json,
        } => {
            let current = collection::get(a, &id)?;
            let input = CollectionInput {
                title: title.unwrap_or(current.title),
                description: description.unwrap_or(current.description),
            };
            let updated = collection::update(a, &id, &input, Origin::Cli)?;
            if json {
                return print_json(&updated);
            }
            println!("{}  {}", updated.id, updated.title);
        }
        CollectionCommand::Delete { id } => collection::delete(a, &id, Origin::Cli)?,
    }
    Ok(())
}
