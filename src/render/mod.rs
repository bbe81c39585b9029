//! Renderers: one per output format, each from the finished report to text.

pub mod concise;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::finding::{Diff, Finding, Location, Side};

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

/// The names of a diff's two sides: its own labels, or the files of the primary and backup
/// locations.
pub fn diff_labels(finding: &Finding, diff: &Diff) -> (String, String) {
    let name = |side: Side| {
        finding
            .locations
            .iter()
            .find(|l| l.side == side)
            .map_or(side.as_str().to_string(), |l| l.file.display.clone())
    };
    diff.labels
        .clone()
        .unwrap_or_else(|| (name(Side::Primary), name(Side::Backup)))
}
