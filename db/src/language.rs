//! Language tags (BCP 47), checked wherever a language enters the archive: typed in, read from
//! a transcript file, or carried by a package. A language is data, but it also becomes part of
//! file names in packages (`<transcript>.<language>.vtt`), so only well-formed tags are kept.

use crate::error::{Error, Result};

/// Whether `tag` is a well-formed BCP 47 language tag ("ru", "en-GB", "sr-Latn", "x-klingon").
/// Well-formed, not registered: a tag the IANA registry does not list yet is still a tag.
pub fn is_tag(tag: &str) -> bool {
    // `language-tags` implements the grammar of RFC 5646 in full (extensions, private use,
    // grandfathered tags), which a hand-written check would only approximate.
    !tag.is_empty() && language_tags::LanguageTag::parse(tag).is_ok()
}

/// A language as given, trimmed: "" (unknown) or a well-formed tag. Anything else is refused
/// with a message naming `field`.
pub fn check(field: &'static str, given: &str) -> Result<String> {
    let tag = given.trim();
    if tag.is_empty() || is_tag(tag) {
        return Ok(tag.to_owned());
    }
    Err(Error::invalid(field, not_a_tag(tag)))
}

/// The message for a value that is not a language tag.
pub(crate) fn not_a_tag(given: &str) -> String {
    format!(
        "\"{}\" is not a language tag (BCP 47); use tags such as ru, en, uk or en-GB",
        given.escape_debug()
    )
}

#[cfg(test)]
mod tests;
