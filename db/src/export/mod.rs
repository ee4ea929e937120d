//! Packages for publication and handover.

pub mod bagit;
pub mod site;
