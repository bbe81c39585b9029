//! Renderers: one per output format, each from the finished report to text.

pub mod concise;
pub(crate) mod escape;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub(crate) mod statistics;

use std::ops::Range;

use serde::Serialize;

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

/// What a format needs besides the report: the human format's style, JUnit's failing level,
/// and what the run asks to add or leave out.
#[derive(Debug, Clone)]
pub(crate) struct RenderOptions {
    pub(crate) style: Style,
    pub(crate) fail_on: Severity,
    pub(crate) extras: Extras,
}

/// `--statistics`, `--quiet` and the baseline's counts, for the formats that show them
/// (human, concise, json).
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// Counts by rule instead of the findings (in JSON: beside them).
    pub statistics: bool,
    /// Findings only: no table of pairs, no summary line.
    pub quiet: bool,
    pub baseline: Option<BaselineCounts>,
}

/// What a baseline held back.
#[derive(Debug, Clone, Serialize)]
pub struct BaselineCounts {
    /// The baseline file, as given.
    pub file: String,
    /// Findings it matched, not reported.
    pub known: usize,
    /// Its entries that matched no finding (reported as `baseline-stale`).
    pub stale: usize,
}

/// The formats `--statistics` works with.
pub(crate) fn has_statistics(format: Format) -> bool {
    matches!(format, Format::Human | Format::Concise | Format::Json)
}

/// The report in `format`.
pub(crate) fn render(format: Format, report: &Report, options: &RenderOptions) -> String {
    let extras = &options.extras;
    match format {
        Format::Human => human::render_with(report, options.style, extras),
        Format::Concise if extras.statistics => escape::no_workflow_commands(
            statistics::table(&report.findings),
            escape::Notation::Text,
        ),
        Format::Concise => concise::render(report),
        Format::Json => json::render_with(report, extras),
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
