//! Photos as they may be published: the one judgement both the public view's own list
//! ([`PublicView::photos`]) and a public package's photos are made from.

use super::{PublicPhoto, PublicView, WITHHELD_NAME};
use crate::{
    error::Result,
    photo::{self, region::Region, Photo},
    records::RecordKind,
};

/// A photo that may be published, as it may leave: its captions and creator with withheld
/// people's names replaced, no curator's note, and only its public regions, a withheld
/// person's region keeping its place under "[name withheld]".
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedPhoto {
    /// The photo, its text scrubbed.
    pub photo: Photo,
    /// Its public regions.
    pub regions: Vec<Region>,
    /// How many of its regions lost the name of the person in them.
    pub names_withheld: u32,
}

impl PublicView<'_> {
    /// `photo`, with `regions` (all of its regions), as it may be published; `None` when the
    /// photo itself may not be.
    pub fn publish_photo(
        &self,
        mut photo: Photo,
        regions: Vec<Region>,
    ) -> Result<Option<PublishedPhoto>> {
        if !self.is_public(RecordKind::Photo, &photo.id)? {
            return Ok(None);
        }
        for caption in &mut photo.captions {
            caption.text = self.scrub_names(&caption.text);
        }
        photo.note = String::new();
        photo.creator = self.scrub_names(&photo.creator);
        let mut names_withheld = 0;
        let mut kept = Vec::new();
        for mut region in regions {
            if !self.is_public(RecordKind::Region, &region.id)? {
                continue;
            }
            if let Some(person) = &region.person {
                if !self.is_public(RecordKind::Person, &person.id)? {
                    names_withheld += 1;
                    region.person = None;
                    region.label = WITHHELD_NAME.into();
                }
            }
            region.label = self.scrub_names(&region.label);
            kept.push(region);
        }
        Ok(Some(PublishedPhoto {
            photo,
            regions: kept,
            names_withheld,
        }))
    }

    /// Public photos, with what may be shown of their captions and the people in them: the
    /// same judgement a public package's photos are written from ([`Self::publish_photo`]).
    pub fn photos(&self) -> Result<Vec<PublicPhoto>> {
        let photos = photo::region::with_regions(
            self.archive.conn(),
            photo::list(self.archive, &Default::default())?,
        )?;
        let mut out = Vec::new();
        for (p, regions) in photos {
            let Some(published) = self.publish_photo(p, regions)? else {
                continue;
            };
            out.push(PublicPhoto {
                captions: published
                    .photo
                    .captions
                    .into_iter()
                    .map(|c| c.text)
                    .collect(),
                id: published.photo.id,
                people: published
                    .regions
                    .into_iter()
                    .map(|r| r.person.map_or(r.label, |person| person.name))
                    .collect(),
            });
        }
        Ok(out)
    }
}
