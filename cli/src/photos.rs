//! `recollect photos ...` and `recollect caption ...`: import photos, list them, caption them,
//! identify the people in them; read a caption into rows of names.

use std::path::PathBuf;

use clap::Subcommand;
use recollect_db::{
    jobs::{CancelFlag, JobContext, Progress},
    photo::{
        self, caption, region, CaptionInput, CaptionKind, Identification, ImportPhotosOptions,
        PhotoFilter, PhotoInput, Rect, RegionInput,
    },
    Archive, Origin,
};

use crate::{print_json, Failure};

/// Photo commands.
#[derive(Subcommand)]
pub enum PhotoCommand {
    /// Import JPEG, PNG and TIFF files, or whole folders of them, all or nothing.
    Add {
        /// Files and folders; folders are searched recursively.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Put the photos in this collection.
        #[arg(long)]
        collection: Option<String>,
        /// Attach the photos to this interview.
        #[arg(long)]
        interview: Option<String>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List photos.
    List {
        /// Only those in this collection.
        #[arg(long)]
        collection: Option<String>,
        /// Only those attached to this interview.
        #[arg(long)]
        interview: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one photo with its captions.
    Show {
        /// The photo's id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change what is known of a photo: only the fields given change.
    Edit {
        /// The photo's id.
        id: String,
        /// When it was taken, in EDTF ("1927", "1927-11~"; "" for none).
        #[arg(long)]
        date: Option<String>,
        /// Where.
        #[arg(long)]
        place: Option<String>,
        /// Photographer or credit.
        #[arg(long)]
        creator: Option<String>,
        /// Where the print or scan comes from.
        #[arg(long)]
        source: Option<String>,
        /// Rights.
        #[arg(long)]
        rights: Option<String>,
        /// A note.
        #[arg(long)]
        note: Option<String>,
        /// Print the photo as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Move a photo to the trash with its captions and regions; `recollect trash purge` removes its file.
    Delete {
        /// The photo's id.
        id: String,
    },
    /// Add a caption to a photo.
    Caption {
        /// The photo's id.
        id: String,
        /// The caption's text.
        text: String,
        /// published, translated or archivist.
        #[arg(long, default_value = "published")]
        kind: CaptionKind,
        /// Its language ("en", "ru").
        #[arg(long, default_value = "")]
        language: String,
        /// Print the caption as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Put a photo in a collection or attach it to an interview.
    Attach {
        /// The photo's id.
        id: String,
        /// The collection.
        #[arg(long)]
        collection: Option<String>,
        /// The interview.
        #[arg(long)]
        interview: Option<String>,
    },
    /// Read a caption into rows of names and propose who each name is.
    Identify {
        /// The photo's id.
        id: String,
        /// The caption's id; the photo's first caption when not given.
        #[arg(long)]
        caption: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Confirm who a caption's name is (rows and positions count from 0, as `identify` prints).
    Confirm {
        /// The photo's id.
        id: String,
        /// The caption's id.
        #[arg(long)]
        caption: String,
        /// The row, from 0.
        #[arg(long)]
        row: u32,
        /// The position in the row, from 0.
        #[arg(long)]
        position: u32,
        /// The person's id.
        #[arg(long)]
        person: Option<String>,
        /// Where they are, in image pixels: X,Y,WIDTH,HEIGHT.
        #[arg(long, value_parser = parse_rect)]
        rect: Option<Rect>,
        /// Print the region as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Draw a region on a photo.
    Region {
        /// The photo's id.
        id: String,
        /// Where, in image pixels: X,Y,WIDTH,HEIGHT.
        #[arg(long, value_parser = parse_rect)]
        rect: Rect,
        /// Who it is.
        #[arg(long)]
        person: Option<String>,
        /// A label.
        #[arg(long, default_value = "")]
        label: String,
        /// Print the region as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List a photo's regions.
    Regions {
        /// The photo's id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Make (or find cached) a thumbnail and print its path.
    Thumbnail {
        /// The photo's id.
        id: String,
        /// The longest side in pixels.
        #[arg(long, default_value_t = 256)]
        max: u32,
    },
}

/// Caption commands, which need no archive.
#[derive(Subcommand)]
pub enum CaptionCommand {
    /// Read a group photo's caption into rows of names, left to right.
    Parse {
        /// The caption.
        text: String,
        /// Print JSON: {"rows":[{"label":..,"names":[..]}, ...]}.
        #[arg(long)]
        json: bool,
    },
}

fn parse_rect(s: &str) -> Result<Rect, String> {
    let parts: Vec<u32> = s
        .split(',')
        .map(|p| p.trim().parse::<u32>())
        .collect::<Result<_, _>>()
        .map_err(|_| {
            format!(
                "\"{s}\" is not a rectangle; write X,Y,WIDTH,HEIGHT in pixels, e.g. 120,80,200,300"
            )
        })?;
    match parts.as_slice() {
        [x, y, width, height] => Ok(Rect {
            x: *x,
            y: *y,
            width: *width,
            height: *height,
        }),
        _ => Err(format!(
            "\"{s}\" is not a rectangle; write X,Y,WIDTH,HEIGHT in pixels, e.g. 120,80,200,300"
        )),
    }
}

/// Runs a caption command.
pub fn caption_command(command: &CaptionCommand) -> Result<(), Failure> {
    match command {
        CaptionCommand::Parse { text, json } => {
            let parsed = caption::parse(text);
            if *json {
                return print_json(&parsed);
            }
            for row in &parsed.rows {
                let label = if row.label.is_empty() {
                    "(row)"
                } else {
                    row.label.as_str()
                };
                println!("{label}: {}", row.names.join("; "));
            }
        }
    }
    Ok(())
}

fn print_photo_line(p: &photo::Photo) {
    let caption = p.captions.first().map_or("", |c| c.text.as_str());
    let caption: String = caption.chars().take(60).collect();
    println!(
        "{}  {:<32}  {:>5}×{:<5}  {}",
        p.id, p.original_name, p.width, p.height, caption
    );
}

/// Runs a photo command.
pub fn run(a: &mut Archive, command: PhotoCommand) -> Result<(), Failure> {
    match command {
        PhotoCommand::Add {
            files,
            collection,
            interview,
            json,
        } => {
            let job = JobContext::new(CancelFlag::default(), |p| {
                if let Progress::Progress {
                    phase,
                    done,
                    total: Some(total),
                } = p
                {
                    eprint!("\r{phase}: {done} of {total}        ");
                }
            });
            let summary = photo::import(
                a,
                &files,
                &ImportPhotosOptions {
                    collection_id: collection,
                    interview_id: interview,
                },
                &job,
                Origin::Cli,
            );
            eprintln!();
            let summary = summary?;
            for warning in &summary.warnings {
                eprintln!("warning: {warning}");
            }
            if json {
                return print_json(&summary);
            }
            for p in &summary.added {
                print_photo_line(p);
            }
            for d in &summary.duplicates {
                println!("{}  already in the archive as {}", d.file, d.photo_id);
            }
        }
        PhotoCommand::List {
            collection,
            interview,
            json,
        } => {
            let list = photo::list(
                a,
                &PhotoFilter {
                    collection_id: collection,
                    interview_id: interview,
                },
            )?;
            if json {
                return print_json(&list);
            }
            list.iter().for_each(print_photo_line);
        }
        PhotoCommand::Show { id, json } => {
            let p = photo::get(a, &id)?;
            if json {
                return print_json(&p);
            }
            println!(
                "id:        {}\nfile:      {} ({}, {}×{} px, {} bytes)\nsha256:    {}",
                p.id, p.original_name, p.mime_type, p.width, p.height, p.size_bytes, p.sha256
            );
            println!(
                "exif:      {} {}",
                p.exif_date.as_deref().unwrap_or(""),
                p.exif_camera.as_deref().unwrap_or("")
            );
            println!("date:      {}\nplace:     {}\ncreator:   {}\nsource:    {}\nrights:    {}\nnote:      {}", p.date.as_deref().unwrap_or(""), p.place, p.creator, p.source, p.rights, p.note);
            for c in &p.captions {
                println!(
                    "caption {} ({}, {}): {}",
                    c.id,
                    c.kind.as_str(),
                    c.language,
                    c.text
                );
            }
        }
        PhotoCommand::Edit {
            id,
            date,
            place,
            creator,
            source,
            rights,
            note,
            json,
        } => {
            let current = photo::get(a, &id)?;
            let mut input = PhotoInput::from(&current);
            if let Some(v) = date {
                input.date = Some(v);
            }
            for (field, value) in [
                (&mut input.place, place),
                (&mut input.creator, creator),
                (&mut input.source, source),
                (&mut input.rights, rights),
                (&mut input.note, note),
            ] {
                if let Some(v) = value {
                    *field = v;
                }
            }
            let updated = photo::update(a, &id, &input, Origin::Cli)?;
            if json {
                return print_json(&updated);
            }
            print_photo_line(&updated);
        }
        PhotoCommand::Delete { id } => photo::delete(a, &id, Origin::Cli)?,
        PhotoCommand::Caption {
            id,
            text,
            kind,
            language,
            json,
        } => {
            let c = photo::add_caption(
                a,
                &id,
                &CaptionInput {
                    kind,
                    language,
                    text,
                },
                Origin::Cli,
            )?;
            if json {
                return print_json(&c);
            }
            println!("{}", c.id);
        }
        PhotoCommand::Attach {
            id,
            collection,
            interview,
        } => {
            if collection.is_none() && interview.is_none() {
                return Err(
                    "say what to attach the photo to: --collection ID or --interview ID".into(),
                );
            }
            if let Some(c) = collection {
                photo::add_to_collection(a, &id, &c, Origin::Cli)?;
            }
            if let Some(i) = interview {
                photo::attach_to_interview(a, &id, &i, Origin::Cli)?;
            }
        }
        PhotoCommand::Identify { id, caption, json } => {
            let caption = match caption {
                Some(c) => c,
                None => photo::get(a, &id)?
                    .captions
                    .first()
                    .map(|c| c.id.clone())
                    .ok_or("the photo has no caption: add one with `recollect photos caption`")?,
            };
            let proposals = photo::identify_from_caption(a, &id, &caption)?;
            if json {
                return print_json(&proposals);
            }
            for p in &proposals {
                let best = match (p.placeholder, p.candidates.first()) {
                    (true, _) => "(unidentified)".to_owned(),
                    (false, None) => "no one in the archive".to_owned(),
                    (false, Some(c)) => format!(
                        "{} {} ({:.2}{})",
                        c.id,
                        c.name,
                        c.score,
                        if c.confident { ", confident" } else { "" }
                    ),
                };
                let done = if p.confirmed.is_some() {
                    "  [confirmed]"
                } else {
                    ""
                };
                println!(
                    "{} {}.{}  {:<24} {best}{done}",
                    p.row_label, p.row, p.position, p.name_as_written
                );
            }
        }
        PhotoCommand::Confirm {
            id,
            caption,
            row,
            position,
            person,
            rect,
            json,
        } => {
            let region = photo::confirm_identification(
                a,
                &id,
                &Identification {
                    caption_id: caption,
                    row,
                    position,
                    person_id: person,
                    rect,
                },
                Origin::Cli,
            )?;
            if json {
                return print_json(&region);
            }
            println!("{}", region.id);
        }
        PhotoCommand::Region {
            id,
            rect,
            person,
            label,
            json,
        } => {
            let region = region::add_region(
                a,
                &id,
                &RegionInput {
                    rect: Some(rect),
                    person_id: person,
                    label,
                },
                Origin::Cli,
            )?;
            if json {
                return print_json(&region);
            }
            println!("{}", region.id);
        }
        PhotoCommand::Regions { id, json } => {
            let regions = region::regions(a, &id)?;
            if json {
                return print_json(&regions);
            }
            for r in &regions {
                let rect = r.rect.map_or("(not placed)".to_owned(), |r| {
                    format!("{},{},{},{}", r.x, r.y, r.width, r.height)
                });
                println!(
                    "{}  {:<20}  {:<24}  {}",
                    r.id,
                    rect,
                    r.person.as_ref().map_or("", |p| p.name.as_str()),
                    r.label
                );
            }
        }
        PhotoCommand::Thumbnail { id, max } => {
            println!("{}", photo::thumbnail(a, &id, max)?.display())
        }
    }
    Ok(())
}
