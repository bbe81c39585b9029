//! The JSON document of DESIGN §3, version 1: fields are only ever added. With
//! `--discover`, each finding has a `pair` (`{"primary": …, "backup": …}`, the main files
//! of the pair it is about) and the document a `pairs` array with each pair's counts;
//! otherwise neither field is written. With `--statistics` the document has a `statistics`
//! array (counts by rule and severity), with a baseline a `baseline` object (its file, the
//! findings it held back, its stale entries).
//!
//! Text for people (`message`, `help`, `diff`) shows configuration text as every format
//! does ([`escape::visible`]: `\u{1b}` for an ESC); paths (`file`, `inputs`, `pair`) are data
//! a script opens, so they keep their characters, each hostile one written as a JSON `\u`
//! escape ([`escape::json_document`]) and none raw.

use serde::Serialize;

use crate::finding::{Diff, Finding, PairLabel, Severity, Side, Summary};
use crate::pipeline::{Report, TreeCounts};
use crate::render::escape::{self, Layout};
use crate::render::statistics::{self, RuleCount};
use crate::render::{diff_labels, region, BaselineCounts, Extras};
use std::borrow::Cow;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    inputs: Inputs<'a>,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
    /// `--discover` only: every pair found, with its counts (added in version 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pairs: Option<Vec<JsonPair<'a>>>,
    /// `--statistics` only: counts by rule and severity, the largest first (added in version 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    statistics: Option<Vec<RuleCount>>,
    /// `--baseline` only: the file, how many findings it held back, how many of its entries
    /// are stale (added in version 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'a BaselineCounts>,
}

#[derive(Serialize)]
struct JsonPair<'a> {
    primary: &'a str,
    backup: Option<&'a str>,
    /// `pair`, `json-pair`, `standalone` or `unpaired` (added in version 1).
    kind: &'static str,
    /// For a pair: how its sides were named, `path-order` or `ft-active` (added in version 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    sides: Option<&'static str>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Inputs<'a> {
    primary: &'a str,
    backup: Option<&'a str>,
    /// `--discover` only: the directory walked (`primary` holds it too), and what it holds
    /// (added in version 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    tree: Option<JsonTree<'a>>,
}

#[derive(Serialize)]
struct JsonTree<'a> {
    root: &'a str,
    ft_pairs: usize,
    standalone: usize,
    unpaired: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    rule: &'static str,
    severity: Severity,
    message: Cow<'a, str>,
    help: Option<Cow<'a, str>>,
    locations: Vec<JsonLocation<'a>>,
    /// A unified diff of the two sides, when values or entries differ (added in version 1).
    diff: Option<String>,
    /// `--discover` only: the pair the finding is about (added in version 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pair: Option<&'a PairLabel>,
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    side: Side,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
}

pub fn render(report: &Report) -> String {
    render_with(report, &Extras::default())
}

/// The document with what the run adds: statistics, the baseline's counts.
pub fn render_with(report: &Report, extras: &Extras) -> String {
    let document = Document {
        version: 1,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        inputs: Inputs {
            primary: &report.primary,
            backup: report.backup.as_deref(),
            tree: report.pairs.as_ref().map(|pairs| {
                let counts = TreeCounts::of(pairs);
                JsonTree {
                    root: &report.primary,
                    ft_pairs: counts.ft_pairs,
                    standalone: counts.standalone,
                    unpaired: counts.unpaired,
                }
            }),
        },
        findings: report.findings.iter().map(finding).collect(),
        summary: report.summary(),
        pairs: report.pairs.as_ref().map(|pairs| {
            pairs
                .iter()
                .map(|p| JsonPair {
                    primary: &p.pair.primary,
                    backup: p.pair.backup.as_deref(),
                    kind: p.kind.as_str(),
                    sides: p.kind.sides(),
                    summary: p.summary,
                })
                .collect()
        }),
        statistics: extras.statistics.then(|| statistics::of(&report.findings)),
        baseline: extras.baseline.as_ref(),
    };
    let mut text = serde_json::to_string_pretty(&document)
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    escape::json_document(text)
}

fn finding(f: &Finding) -> JsonFinding<'_> {
    JsonFinding {
        code: f.rule.code,
        rule: f.rule.name,
        severity: f.severity,
        message: escape::line(&f.message),
        help: f.help.as_deref().map(escape::line),
        locations: f
            .locations
            .iter()
            .map(|l| {
                let r = region(l);
                JsonLocation {
                    side: l.side,
                    file: &l.file.display,
                    line: r.map(|r| r.line),
                    column: r.map(|r| r.column),
                    end_line: r.map(|r| r.end_line),
                    end_column: r.map(|r| r.end_column),
                }
            })
            .collect(),
        diff: f.diff.as_ref().map(|d| unified(f, d)),
        pair: f.pair.as_deref(),
    }
}

fn unified(f: &Finding, diff: &Diff) -> String {
    let (left, right) = diff_labels(f, diff);
    let (primary, backup) = (
        escape::visible(&diff.primary, Layout::Lines),
        escape::visible(&diff.backup, Layout::Lines),
    );
    similar::TextDiff::from_lines(primary.as_ref(), backup.as_ref())
        .unified_diff()
        .context_radius(3)
        .header(&left, &right)
        .to_string()
}
