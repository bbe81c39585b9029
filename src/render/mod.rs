//! Renderers: one per output format, each from the finished report to text.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::finding::Location;

/// How a human report looks: colour and the width miette wraps at.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// Line and column of a location, or `None` for a whole file.
pub fn region(location: &Location) -> Option<crate::source::Region> {
    location
        .span
        .as_ref()
        .map(|span| location.file.region(span))
}
