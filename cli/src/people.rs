//! `recollect people ...` for the authority: matching a name, variants, roles, identifiers,
//! relationships, merging, duplicates, mentions in transcripts, and a person's photos.

use clap::{ArgGroup, Args, Subcommand};
use recollect_db::people::PersonInput;
use recollect_db::{
    people::{
        self,
        authority::{
            self, ExternalId, IdScheme, NameVariantInput, RelationKind, Script, VariantKind,
        },
        names::{Candidate, Transliteration},
    },
    photo, transcript, Archive, Origin,
};
use serde::Serialize;

use crate::{print_json, Failure};

/// Authority commands, flattened into `recollect people`.
#[derive(Subcommand)]
pub enum AuthorityCommand {
    /// Find the people a name may be, best first, by every name and spelling they have.
    Match {
        /// The name, in any script or spelling.
        name: String,
        /// Print JSON: {"candidates":[{"id","name","score","confident"}, ...]}.
        #[arg(long)]
        json: bool,
    },
    /// A person with their names, roles, identifiers and relationships.
    Authority {
        /// The person's id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Name variants.
    #[command(subcommand)]
    Variant(VariantCommand),
    /// Replace a person's roles ("Red Army commander", "Literary critic").
    Roles {
        /// The person's id.
        id: String,
        /// The roles, in order; none clears them.
        roles: Vec<String>,
    },
    /// Add identifiers in other authorities (kept as text, never fetched).
    ExternalId {
        /// The person's id.
        id: String,
        /// A Wikidata item ("Q33391" or its address).
        #[arg(long)]
        wikidata: Vec<String>,
        /// A VIAF identifier.
        #[arg(long)]
        viaf: Vec<String>,
        /// Another authority's identifier, as LABEL:VALUE ("GND:118623761").
        #[arg(long)]
        other: Vec<String>,
    },
    /// Record a relationship, e.g. `people relate PARENT --parent-of CHILD`.
    Relate(RelateArgs),
    /// Remove a relationship.
    Unrelate {
        /// The relationship's id (see `people relations`).
        id: String,
    },
    /// A person's relationships, from their side.
    Relations {
        /// The person's id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Merge REMOVE into KEEP: every link moves, REMOVE's id then finds KEEP.
    Merge {
        /// The person kept.
        keep: String,
        /// The person merged into them.
        remove: String,
        /// Print the kept person as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Pairs of records that may be one person.
    Duplicates {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Known people named in a transcript.
    Mentions {
        /// The transcript's id.
        #[arg(long)]
        transcript: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Everywhere a person is mentioned: interviews and passages that name them in any
    /// spelling, or that are linked to them, with times.
    MentionedIn {
        /// The person's id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// How many interviews and passages mention each person.
    MentionCounts {
        /// Print JSON: {"PERSON_ID":{"interviews","passages"}, ...}.
        #[arg(long)]
        json: bool,
    },
    /// The photos a person is identified in.
    Photos {
        /// The person's id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `people variant ...`.
#[derive(Subcommand)]
pub enum VariantCommand {
    /// Add a name a person is known by.
    Add {
        /// The person's id.
        id: String,
        /// The name as written.
        name: String,
        /// preferred, transliteration, source_spelling, misspelling or original.
        #[arg(long)]
        kind: VariantKind,
        /// latin, cyrillic or other; detected when not given.
        #[arg(long)]
        script: Option<Script>,
        /// For a transliteration: ala_lc, bgn_pcgn, iso9, scholarly or german.
        #[arg(long, value_parser = parse_system)]
        system: Option<Transliteration>,
        /// Where the spelling is found.
        #[arg(long, default_value = "")]
        source: String,
        /// Print the variant as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Remove a name variant.
    Remove {
        /// The variant's id.
        id: String,
    },
    /// A person's name variants.
    List {
        /// The person's id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Who is what to whom: exactly one relationship flag.
#[derive(Args)]
#[command(group(ArgGroup::new("relation").required(true).multiple(false)))]
pub struct RelateArgs {
    /// The person.
    id: String,
    /// ID is the parent of this person.
    #[arg(long, group = "relation", value_name = "ID")]
    parent_of: Option<String>,
    /// ID is the child of this person.
    #[arg(long, group = "relation", value_name = "ID")]
    child_of: Option<String>,
    /// ID is the grandparent of this person.
    #[arg(long, group = "relation", value_name = "ID")]
    grandparent_of: Option<String>,
    /// ID is the grandchild of this person.
    #[arg(long, group = "relation", value_name = "ID")]
    grandchild_of: Option<String>,
    /// ID is the spouse of this person.
    #[arg(long, group = "relation", value_name = "ID")]
    spouse_of: Option<String>,
    /// ID is a sibling of this person.
    #[arg(long, group = "relation", value_name = "ID")]
    sibling_of: Option<String>,
    /// ID is an associate of this person.
    #[arg(long, group = "relation", value_name = "ID")]
    associate_of: Option<String>,
    /// A note on the relationship.
    #[arg(long, default_value = "")]
    note: String,
    /// Print the relationship as JSON.
    #[arg(long)]
    json: bool,
}

impl RelateArgs {
    fn relation(&self) -> (RelationKind, &str) {
        let options = [
            (RelationKind::ParentOf, &self.parent_of),
            (RelationKind::ChildOf, &self.child_of),
            (RelationKind::GrandparentOf, &self.grandparent_of),
            (RelationKind::GrandchildOf, &self.grandchild_of),
            (RelationKind::SpouseOf, &self.spouse_of),
            (RelationKind::SiblingOf, &self.sibling_of),
            (RelationKind::AssociateOf, &self.associate_of),
        ];
        options
            .into_iter()
            .find_map(|(kind, other)| other.as_deref().map(|o| (kind, o)))
            .expect("clap requires one relationship flag")
    }
}

fn parse_system(s: &str) -> Result<Transliteration, String> {
    authority::system_from_str(s).map_err(|e| e.to_string())
}

#[derive(Serialize)]
struct Matches<'a> {
    candidates: &'a [Candidate],
}

/// Runs an authority command.
pub fn run(a: &mut Archive, command: AuthorityCommand) -> Result<(), Failure> {
    match command {
        AuthorityCommand::Match { name, json } => {
            let candidates = people::matches(a, &name)?;
            if json {
                return print_json(&Matches {
                    candidates: &candidates,
                });
            }
            for c in &candidates {
                println!(
                    "{}  {:<36}  {:.3}{}",
                    c.id,
                    c.name,
                    c.score,
                    if c.confident { "  confident" } else { "" }
                );
            }
        }
        AuthorityCommand::Authority { id, json } => {
            let page = authority::authority(a, &id)?;
            if json {
                return print_json(&page);
            }
            let p = &page.person;
            println!(
                "id:      {}\nname:    {}\nlife:    {}–{}",
                p.id,
                p.display_name,
                p.birth_date.as_deref().unwrap_or("?"),
                p.death_date.as_deref().unwrap_or("")
            );
            println!("roles:   {}", page.roles.join("; "));
            for v in &page.variants {
                println!(
                    "name:    {}  ({}, {}{})",
                    v.name,
                    v.kind.as_str(),
                    v.script.as_str(),
                    if v.source.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", v.source)
                    }
                );
            }
            for i in &page.identifiers {
                println!(
                    "id:      {} {}",
                    if i.label.is_empty() {
                        i.scheme.as_str()
                    } else {
                        i.label.as_str()
                    },
                    i.value
                );
            }
            for r in &page.relations {
                println!("{:<14} {}  {}", r.kind.as_str(), r.other.id, r.other.name);
            }
        }
        AuthorityCommand::Variant(command) => variant(a, command)?,
        AuthorityCommand::Roles { id, roles } => {
            let kept = authority::set_roles(a, &id, &roles, Origin::Cli)?;
            println!("{}", kept.join("; "));
        }
        AuthorityCommand::ExternalId {
            id,
            wikidata,
            viaf,
            other,
        } => {
            let mut ids = authority::authority(a, &id)?.identifiers;
            ids.extend(wikidata.into_iter().map(|value| ExternalId {
                scheme: IdScheme::Wikidata,
                value,
                label: String::new(),
            }));
            ids.extend(viaf.into_iter().map(|value| ExternalId {
                scheme: IdScheme::Viaf,
                value,
                label: String::new(),
            }));
            for o in other {
                let (label, value) = o.split_once(':').ok_or_else(|| {
                    format!("\"{o}\": write another authority's identifier as LABEL:VALUE")
                })?;
                ids.push(ExternalId {
                    scheme: IdScheme::Other,
                    value: value.to_owned(),
                    label: label.to_owned(),
                });
            }
            for i in authority::set_identifiers(a, &id, &ids, Origin::Cli)? {
                println!(
                    "{} {}",
                    if i.label.is_empty() {
                        i.scheme.as_str()
                    } else {
                        i.label.as_str()
                    },
                    i.value
                );
            }
        }
        AuthorityCommand::Relate(args) => {
            let (kind, other) = args.relation();
            let relation = authority::relate(a, &args.id, kind, other, &args.note, Origin::Cli)?;
            if args.json {
                return print_json(&relation);
            }
            println!("{}", relation.id);
        }
        AuthorityCommand::Unrelate { id } => authority::unrelate(a, &id, Origin::Cli)?,
        AuthorityCommand::Relations { id, json } => {
            let relations = people::relations(a, &id)?;
            if json {
                return print_json(&relations);
            }
            for r in &relations {
                println!(
                    "{}  {:<14} {}  {}",
                    r.id,
                    r.kind.as_str(),
                    r.other.id,
                    r.other.name
                );
            }
        }
        AuthorityCommand::Merge { keep, remove, json } => {
            let kept = people::merge(a, &keep, &remove, Origin::Cli)?;
            if json {
                return print_json(&kept);
            }
            println!("{}  {}", kept.id, kept.display_name);
        }
        AuthorityCommand::Duplicates { json } => {
            let pairs = people::possible_duplicates(a)?;
            if json {
                return print_json(&pairs);
            }
            for d in &pairs {
                println!(
                    "{:.3}  {} {}  ~  {} {}",
                    d.score, d.person.id, d.person.display_name, d.other.id, d.other.display_name
                );
            }
        }
        AuthorityCommand::Mentions { transcript, json } => {
            let mentions = people::mentions(a, &transcript)?;
            if json {
                return print_json(&mentions);
            }
            for m in &mentions {
                println!(
                    "{}  {:<24}  {} {}",
                    m.segment_id, m.text_span, m.person.id, m.person.name
                );
            }
        }
        AuthorityCommand::MentionedIn { id, json } => {
            let found = people::mentioned_in(a, &id)?;
            if json {
                return print_json(&found);
            }
            for i in &found.interviews {
                println!(
                    "{}  {}{}",
                    i.interview_id,
                    i.title,
                    if i.linked { "  (linked)" } else { "" }
                );
                for p in &i.passages {
                    let at = p.start_ms.map(transcript::clock).unwrap_or_default();
                    println!("  {at:>8}  {}", p.snippet);
                }
            }
        }
        AuthorityCommand::MentionCounts { json } => {
            let counts = people::mention_counts(a)?;
            if json {
                return print_json(&counts);
            }
            for p in people::list(a)? {
                if let Some(c) = counts.get(&p.id) {
                    println!(
                        "{}  {:<32}  {} passages in {} interviews",
                        p.id, p.display_name, c.passages, c.interviews
                    );
                }
            }
        }
        AuthorityCommand::Photos { id, json } => {
            let appearances = photo::person_appearances(a, &id)?;
            if json {
                return print_json(&appearances);
            }
            for ap in &appearances {
                let labels: Vec<&str> = ap.regions.iter().map(|r| r.label.as_str()).collect();
                println!(
                    "{}  {:<32}  {}",
                    ap.photo.id,
                    ap.photo.original_name,
                    labels.join("; ")
                );
            }
        }
    }
    Ok(())
}

fn variant(a: &mut Archive, command: VariantCommand) -> Result<(), Failure> {
    match command {
        VariantCommand::Add {
            id,
            name,
            kind,
            script,
            system,
            source,
            json,
        } => {
            let v = authority::add_variant(
                a,
                &id,
                &NameVariantInput {
                    name,
                    script,
                    kind,
                    system,
                    source,
                },
                Origin::Cli,
            )?;
            if json {
                return print_json(&v);
            }
            println!("{}", v.id);
        }
        VariantCommand::Remove { id } => authority::remove_variant(a, &id, Origin::Cli)?,
        VariantCommand::List { id, json } => {
            let variants = people::variants(a, &id)?;
            if json {
                return print_json(&variants);
            }
            for v in &variants {
                println!(
                    "{}  {:<36}  {:<16} {}",
                    v.id,
                    v.name,
                    v.kind.as_str(),
                    v.script.as_str()
                );
            }
        }
    }
    Ok(())
}

#[derive(Subcommand)]
pub enum PeopleCommand {
    /// List people.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one person.
    Show {
        /// The person's id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add a person.
    Add {
        #[command(flatten)]
        fields: PersonFields,
        /// Print the new person as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change a person: only the fields given change.
    Edit {
        /// The person's id.
        id: String,
        #[command(flatten)]
        fields: PersonFields,
        /// Print the person as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Move a person to the trash (refused while they take part in an interview).
    Delete {
        /// The person's id.
        id: String,
    },
    #[command(flatten)]
    Authority(AuthorityCommand),
}

#[derive(Args)]
pub struct PersonFields {
    /// Name as shown ("Tatiana Smilga").
    #[arg(long)]
    name: Option<String>,
    /// Name as sorted ("Smilga, Tatiana"); made from the name when not given.
    #[arg(long)]
    sort_name: Option<String>,
    /// Date of birth, in EDTF.
    #[arg(long)]
    born: Option<String>,
    /// Date of death, in EDTF.
    #[arg(long)]
    died: Option<String>,
    /// A short note.
    #[arg(long)]
    note: Option<String>,
}

impl PersonFields {
    fn apply(self, input: &mut PersonInput) {
        if let Some(v) = self.name {
            input.display_name = v;
        }
        if let Some(v) = self.sort_name {
            input.sort_name = v;
        }
        if let Some(v) = self.born {
            input.birth_date = Some(v);
        }
        if let Some(v) = self.died {
            input.death_date = Some(v);
        }
        if let Some(v) = self.note {
            input.note = v;
        }
    }
}

fn person_input(p: &people::Person) -> PersonInput {
    PersonInput {
        display_name: p.display_name.clone(),
        sort_name: p.sort_name.clone(),
        birth_date: p.birth_date.clone(),
        death_date: p.death_date.clone(),
        note: p.note.clone(),
    }
}

pub fn run_people(a: &mut Archive, command: PeopleCommand) -> Result<(), Failure> {
    match command {
        PeopleCommand::List { json } => {
            let list = people::list(a)?;
            if json {
                return print_json(&list);
            }
            for p in &list {
                let life = match (&p.birth_date, &p.death_date) {
                    (None, None) => String::new(),
                    (b, d) => format!(
                        "{}–{}",
                        b.as_deref().unwrap_or("?"),
                        d.as_deref().unwrap_or("")
                    ),
                };
                println!("{}  {:<32}  {}", p.id, p.sort_name, life);
            }
        }
        PeopleCommand::Show { id, json } => {
            let p = people::get(a, &id)?;
            if json {
                return print_json(&p);
            }
            println!("id:        {}\nname:      {}\nsort name: {}\nborn:      {}\ndied:      {}\nnote:      {}",
                p.id, p.display_name, p.sort_name, p.birth_date.as_deref().unwrap_or(""), p.death_date.as_deref().unwrap_or(""), p.note);
        }
        PeopleCommand::Add { fields, json } => {
            if fields.name.is_none() {
                return Err("a person needs a name: pass --name".into());
            }
            let mut input = PersonInput::default();
            fields.apply(&mut input);
            let created = people::create(a, &input, Origin::Cli)?;
            if json {
                return print_json(&created);
            }
            println!("{}", created.id);
        }
        PeopleCommand::Edit { id, fields, json } => {
            let current = people::get(a, &id)?;
            let mut input = person_input(&current);
            let renamed = fields.name.is_some() && fields.sort_name.is_none();
            fields.apply(&mut input);
            if renamed && current.sort_name == people::default_sort_name(&current.display_name) {
                input.sort_name.clear(); // follow the new name unless it was set by hand
            }
            let updated = people::update(a, &id, &input, Origin::Cli)?;
            if json {
                return print_json(&updated);
            }
            println!("{}  {}", updated.id, updated.display_name);
        }
        PeopleCommand::Delete { id } => people::delete(a, &id, Origin::Cli)?,
        PeopleCommand::Authority(command) => run(a, command)?,
    }
    Ok(())
}
