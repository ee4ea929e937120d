//! The library: tags, links, sources and citations, lists and saved searches.

pub mod links;
pub mod lists;
pub mod sources;
pub mod tags;
