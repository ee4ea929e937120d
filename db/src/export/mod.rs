//! Packages for publication and handover.

pub mod bagit;
pub mod content;
pub mod dump;
pub mod incoming;
pub mod linked_data;
pub mod package;
pub mod silence;
pub mod site;

#[cfg(test)]
mod public_tests;
