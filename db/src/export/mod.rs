//! Packages for publication and handover.

pub mod bagit;
pub mod dump;
pub mod silence;
