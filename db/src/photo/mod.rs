//! Photos, their captions and the regions that identify the people in them.

pub mod caption;
