//! Renderers: one per output format, each from the finished report to text.

pub mod concise;
pub(crate) mod escape;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use std::ops::Range;

use crate::cli::Format;
use crate::finding::{Diff, Finding, Location, Severity, Side};
use crate::source::SourceFile;
use crate::Report;

/// Spans on lines longer than this are named by line and column, not quoted.
const MAX_QUOTED_LINE: usize = 1_000;

/// How a human report looks: colour and the width miette wraps at.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// What a format needs besides the report: the human format's style, JUnit's failing level.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RenderOptions {
    pub(crate) style: Style,
    pub(crate) fail_on: Severity,
}

/// The report in `format`.
pub(crate) fn render(format: Format, report: &Report, options: &RenderOptions) -> String {
    match format {
        Format::Human => human::render(report, options.style),
        Format::Concise => concise::render(report),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
        Format::Junit => junit::render(report, options.fail_on),
        Format::Html => html::render(report),
    }
}

/// Line and column of a location, or `None` for a whole file.
pub(crate) fn region(location: &Location) -> Option<crate::source::Region> {
    location
        .span
        .as_ref()
        .map(|span| location.file.region(span))
}

/// The names of a diff's two sides, shown safely: its own labels, or the files of the
/// primary and backup locations.
pub(crate) fn diff_labels(finding: &Finding, diff: &Diff) -> (String, String) {
    let name = |side: Side| {
        finding
            .locations
            .iter()
            .find(|l| l.side == side)
            .map_or(side.as_str().to_string(), |l| l.file.display.clone())
    };
    let (left, right) = diff
        .labels
        .clone()
        .unwrap_or_else(|| (name(Side::Primary), name(Side::Backup)));
    (
        escape::line(&left).into_owned(),
        escape::line(&right).into_owned(),
    )
}

/// True when a span can be quoted from its file: inside the text, on character boundaries,
/// and on lines short enough to show.
pub(crate) fn quotable(file: &SourceFile, span: &Range<usize>) -> bool {
    span.end <= file.text.len()
        && file.text.is_char_boundary(span.start)
        && file.text.is_char_boundary(span.end)
        && file.line_span(span.start).len() <= MAX_QUOTED_LINE
        && file.line_span(span.end).len() <= MAX_QUOTED_LINE
}
