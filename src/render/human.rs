//! The miette report for people: each finding with the lines of both sides underlined (the
//! backup side, or any other file, as a related diagnostic with its own source), a unified
//! diff where values differ, a help line, and a summary at the end. With `--discover`, a
//! table of the pairs and their counts comes first, and the findings follow pair by pair.

use std::collections::HashMap;
use std::fmt::{self, Write};
use std::sync::Arc;

use colored::Colorize;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, NamedSource, SourceCode, SourceSpan, SpanContents,
};
use similar::{ChangeTag, TextDiff};

use crate::finding::{thousands, Diff, Finding, Location, PairLabel, Severity, Summary};
use crate::pipeline::{PairSummary, Report, TreeCounts};
use crate::render::escape::{line, no_workflow_commands, visible, Layout, Notation, Visible};
use crate::render::{diff_labels, quotable, statistics, Extras, Style};
use crate::source::{Shown, SourceFile};

pub fn render(report: &Report, style: Style) -> String {
    render_with(report, style, &Extras::default())
}

/// The report with what the run asks: `--statistics` (the counts in place of the findings),
/// `--quiet` (findings only), the baseline's counts in the summary line.
pub fn render_with(report: &Report, style: Style, extras: &Extras) -> String {
    let mut out = String::new();
    if let (Some(pairs), false) = (&report.pairs, extras.quiet) {
        out.push_str(&pairs_table(report, pairs, style.color));
    }
    if extras.statistics {
        out.push_str(&statistics::table(&report.findings));
        if !report.findings.is_empty() {
            out.push('\n');
        }
    } else {
        out.push_str(&findings(report, style));
    }
    if !extras.quiet {
        out.push_str(&summary_line(report, extras, style.color));
    }
    no_workflow_commands(out, Notation::Text)
}

/// Every finding as miette draws it, with its diff; with `--discover`, under its pair.
fn findings(report: &Report, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_break_words(false)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut sources = Sources::default();
    let mut out = String::new();
    let mut current: Option<Option<&Arc<PairLabel>>> = None;
    for finding in &report.findings {
        if report.pairs.is_some() && current != Some(finding.pair.as_ref()) {
            current = Some(finding.pair.as_ref());
            let title = finding.pair.as_ref().map_or_else(
                || "the tree".to_string(),
                |p| line(&p.describe()).into_owned(),
            );
            let line = format!("── {title} ──\n\n");
            out.push_str(&if style.color {
                line.bold().to_string()
            } else {
                line
            });
        }
        let diagnostic = build(finding, &mut sources);
        if handler.render_report(&mut out, &diagnostic).is_err() {
            let _ = writeln!(out, "{}: {}", finding.rule.code, line(&finding.message));
        }
        if let Some(diff) = &finding.diff {
            out.push_str(&render_diff(finding, diff, style.color));
        }
        out.push('\n');
    }
    out
}

/// Each file as shown, with secrets masked and hostile characters made visible, made once
/// and shared by every finding that quotes it.
#[derive(Default)]
struct Sources {
    quoted: HashMap<String, Arc<Quoted>>,
}

/// A file's text as quoted: secrets masked, then made visible; spans of the file map into it.
struct Quoted {
    shown: Shown,
    visible: Visible,
}

impl Quoted {
    fn map(&self, offset: usize) -> usize {
        self.visible.map(self.shown.map(offset))
    }
}

/// A file's quoted text as miette reads it. The column miette puts in a snippet's header
/// does not count the bytes that escapes added before the span on its line, so a hostile
/// character does not shift it.
struct QuotedText(Arc<Quoted>);

impl fmt::Debug for QuotedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("QuotedText")
    }
}

impl SourceCode for QuotedText {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text: &'a str = &self.0.visible.text;
        let contents = text.read_span(span, context_lines_before, context_lines_after)?;
        if context_lines_before != 0 {
            return Ok(contents);
        }
        let at = contents.span().offset();
        let line_start = at.saturating_sub(contents.column());
        let visible = &self.0.visible;
        let added = visible
            .added_before(at)
            .saturating_sub(visible.added_before(line_start));
        Ok(Box::new(MietteSpanContents::new(
            contents.data(),
            *contents.span(),
            contents.line(),
            contents.column().saturating_sub(added),
            contents.line_count(),
        )))
    }
}

impl Sources {
    fn get(&mut self, file: &SourceFile) -> Arc<Quoted> {
        self.quoted
            .entry(file.display.clone())
            .or_insert_with(|| {
                let shown = file.shown();
                let visible = Visible::new(&shown.text, Layout::Lines);
                Arc::new(Quoted { shown, visible })
            })
            .clone()
    }
}

/// One finding as a miette diagnostic. The first location's file is the main source; every
/// other file is a related diagnostic with its own source.
#[derive(Debug)]
struct FindingDiagnostic {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<NamedSource<QuotedText>>,
    labels: Vec<LabeledSpan>,
    related: Vec<FindingDiagnostic>,
}

impl fmt::Display for FindingDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiagnostic {}

impl Diagnostic for FindingDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
        }
    }
}

fn severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn build(finding: &Finding, sources: &mut Sources) -> FindingDiagnostic {
    // Group the locations by file and nearby lines, keeping the order of first appearance;
    // lines far apart in one file are quoted separately rather than with all between them.
    let mut groups: Vec<(&Arc<SourceFile>, Vec<&Location>)> = Vec::new();
    for location in &finding.locations {
        match groups
            .iter_mut()
            .find(|(f, near)| Arc::ptr_eq(f, &location.file) && near_enough(near, location))
        {
            Some((_, locations)) => locations.push(location),
            None => groups.push((&location.file, vec![location])),
        }
    }
    let mut groups = groups.into_iter();
    let mut main = FindingDiagnostic {
        message: line(&finding.message).into_owned(),
        code: Some(format!("{} {}", finding.rule.code, finding.rule.name)),
        severity: severity(finding.severity),
        help: finding.help.as_deref().map(|h| line(h).into_owned()),
        source: None,
        labels: Vec::new(),
        related: Vec::new(),
    };
    if let Some((file, locations)) = groups.next() {
        let unquoted = attach(&mut main, file, &locations, sources);
        if !unquoted.is_empty() {
            main.related
                .push(advice(side_of(&locations), &unquoted, None));
        }
    }
    for (file, locations) in groups {
        let mut related = advice(side_of(&locations), &[], None);
        let unquoted = attach(&mut related, file, &locations, sources);
        related.message = if related.labels.is_empty() {
            format!("{}: {}", side_of(&locations), unquoted.join(", "))
        } else if unquoted.is_empty() {
            format!("{}: {}", side_of(&locations), line(&file.display))
        } else {
            format!(
                "{}: {} (and {})",
                side_of(&locations),
                line(&file.display),
                unquoted.join(", ")
            )
        };
        main.related.push(related);
    }
    main
}

fn side_of(locations: &[&Location]) -> &'static str {
    locations.first().map_or("", |l| l.side.as_str())
}

/// A note under a finding that names a file (and line) of one side.
fn advice(
    side: &str,
    places: &[String],
    source: Option<NamedSource<QuotedText>>,
) -> FindingDiagnostic {
    FindingDiagnostic {
        message: format!("{side}: {}", places.join(", ")),
        code: None,
        severity: miette::Severity::Advice,
        help: None,
        source,
        labels: Vec::new(),
        related: Vec::new(),
    }
}

/// Quotes the file with its spans underlined; returns the places it cannot quote (a whole
/// file, a missing file, a huge line) for the caller to name.
fn attach(
    report: &mut FindingDiagnostic,
    file: &SourceFile,
    locations: &[&Location],
    sources: &mut Sources,
) -> Vec<String> {
    let mut unquoted = Vec::new();
    let quoted = sources.get(file);
    for location in locations {
        match &location.span {
            Some(span) if quotable(file, span) => {
                let (start, end) = (quoted.map(span.start), quoted.map(span.end));
                report.labels.push(LabeledSpan::new(
                    Some(location.side.as_str().to_string()),
                    start,
                    end - start,
                ))
            }
            Some(span) => {
                let r = file.region(span);
                unquoted.push(format!("{}:{}:{}", line(&file.display), r.line, r.column));
            }
            None => unquoted.push(line(&file.display).into_owned()),
        }
    }
    if !report.labels.is_empty() {
        report.source = Some(NamedSource::new(
            line(&file.display),
            QuotedText(quoted.clone()),
        ));
    }
    unquoted
}

/// Lines within this distance of each other are quoted in one snippet.
const NEARBY_LINES: usize = 6;

fn near_enough(group: &[&Location], location: &Location) -> bool {
    let line = |l: &Location| l.span.as_ref().map(|s| l.file.line_col(s.start).0);
    match line(location) {
        None => group.iter().all(|l| l.span.is_none()),
        Some(n) => group
            .iter()
            .filter_map(|l| line(l))
            .any(|m| m.abs_diff(n) <= NEARBY_LINES),
    }
}

fn render_diff(finding: &Finding, diff: &Diff, color: bool) -> String {
    let (left, right) = diff_labels(finding, diff);
    let mut out = String::new();
    let header = format!(
        "  --- {left}
  +++ {right}
"
    );
    out.push_str(&if color {
        header.bold().to_string()
    } else {
        header
    });
    let (primary, backup) = (
        visible(&diff.primary, Layout::Lines),
        visible(&diff.backup, Layout::Lines),
    );
    let diff = TextDiff::from_lines(primary.as_ref(), backup.as_ref());
    for change in diff.iter_all_changes() {
        let line = change.value().trim_end_matches(['\n', '\r']);
        let text = match change.tag() {
            ChangeTag::Delete => format!("  -{line}"),
            ChangeTag::Insert => format!("  +{line}"),
            ChangeTag::Equal => format!("   {line}"),
        };
        let text = match (color, change.tag()) {
            (true, ChangeTag::Delete) => text.red().to_string(),
            (true, ChangeTag::Insert) => text.green().to_string(),
            _ => text,
        };
        out.push_str(&text);
        out.push('\n');
    }
    out
}

/// `--discover`: each pair with its counts, before the findings.
fn pairs_table(report: &Report, pairs: &[PairSummary], color: bool) -> String {
    let mut rows: Vec<(String, Summary, &str)> = Vec::new();
    let tree: Vec<Finding> = report
        .findings
        .iter()
        .filter(|f| f.pair.is_none())
        .cloned()
        .collect();
    if !tree.is_empty() {
        rows.push(("(the tree)".to_string(), Summary::of(&tree), ""));
    }
    // A clean pair is counted in the summary line, not listed.
    rows.extend(
        pairs
            .iter()
            .filter(|p| p.summary != Summary::default())
            .map(|p| {
                (
                    line(&p.pair.describe()).into_owned(),
                    p.summary,
                    p.kind.describe(),
                )
            }),
    );
    let width = rows
        .iter()
        .map(|(name, _, _)| name.chars().count())
        .chain(std::iter::once(4))
        .max()
        .unwrap_or(4);
    let pad = |text: &str| {
        let n = width.saturating_sub(text.chars().count());
        format!("{text}{}", " ".repeat(n))
    };
    let header = format!(
        "{}  {:>6}  {:>8}  {:>5}  what\n",
        pad("servers"),
        "errors",
        "warnings",
        "infos"
    );
    let mut out = format!(
        "under {}: {}\n\n",
        report.primary,
        TreeCounts::of(pairs).describe()
    );
    if rows.is_empty() {
        return out;
    }
    out.push_str(&if color {
        header.bold().to_string()
    } else {
        header
    });
    for (name, s, what) in &rows {
        let line = format!(
            "{}  {:>6}  {:>8}  {:>5}  {what}",
            pad(name),
            s.error,
            s.warning,
            s.info
        );
        let line = format!("{}\n", line.trim_end());
        out.push_str(&match (color, s.error > 0, s.warning > 0) {
            (true, true, _) => line.red().to_string(),
            (true, false, true) => line.yellow().to_string(),
            _ => line,
        });
    }
    out.push('\n');
    out
}

fn summary_line(report: &Report, extras: &Extras, color: bool) -> String {
    let s = report.summary();
    let mut scope = match (&report.pairs, &report.backup) {
        (Some(pairs), _) => {
            let clean = pairs
                .iter()
                .filter(|p| p.summary == Summary::default())
                .count();
            format!(
                "under {}: {}{}",
                line(&report.primary),
                TreeCounts::of(pairs).describe(),
                if clean > 0 {
                    format!("; {clean} without findings")
                } else {
                    String::new()
                }
            )
        }
        (None, Some(backup)) => format!("{} ↔ {}", line(&report.primary), line(backup)),
        (None, None) => line(&report.primary).into_owned(),
    };
    if let Some(baseline) = extras.baseline.as_ref().filter(|b| b.known > 0) {
        let _ = write!(
            scope,
            "; {} known in the baseline, not shown",
            thousands(baseline.known)
        );
    }
    if s.error + s.warning + s.info == 0 {
        let line = format!("✔ no findings ({scope})\n");
        return if color {
            line.green().to_string()
        } else {
            line
        };
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let line = format!(
        "✖ {}, {}, {} ({scope})\n",
        plural(s.error, "error"),
        plural(s.warning, "warning"),
        plural(s.info, "info")
    );
    match (color, s.error > 0) {
        (true, true) => line.red().bold().to_string(),
        (true, false) => line.yellow().bold().to_string(),
        _ => line,
    }
}
