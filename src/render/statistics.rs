//! `--statistics`: how many findings each rule raised, at each severity, most first.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::finding::{thousands, Finding, Severity};

/// One row: a rule, a severity its findings have, and how many there are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub count: usize,
}

/// The rows, the largest count first, then errors first, then by code.
pub fn of(findings: &[Finding]) -> Vec<RuleCount> {
    let mut counts: BTreeMap<(&'static str, std::cmp::Reverse<Severity>), RuleCount> =
        BTreeMap::new();
    for finding in findings {
        counts
            .entry((finding.rule.code, std::cmp::Reverse(finding.severity)))
            .or_insert(RuleCount {
                code: finding.rule.code,
                rule: finding.rule.name,
                severity: finding.severity,
                count: 0,
            })
            .count += 1;
    }
    let mut rows: Vec<RuleCount> = counts.into_values().collect();
    rows.sort_by_key(|r| (std::cmp::Reverse(r.count), std::cmp::Reverse(r.severity)));
    rows
}

/// The table for people: `code  rule  severity  count`, nothing when there is no finding.
pub fn table(findings: &[Finding]) -> String {
    let rows = of(findings);
    let counts: Vec<String> = rows.iter().map(|r| thousands(r.count)).collect();
    let count_width = counts.iter().map(String::len).chain([5]).max().unwrap_or(5);
    let name_width = rows
        .iter()
        .map(|r| r.rule.len())
        .chain([4])
        .max()
        .unwrap_or(4);
    let mut out = String::new();
    if rows.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "{:<5}  {:<name_width$}  {:<8}  {:>count_width$}",
        "code", "rule", "severity", "count"
    );
    for (row, count) in rows.iter().zip(&counts) {
        let _ = writeln!(
            out,
            "{:<5}  {:<name_width$}  {:<8}  {count:>count_width$}",
            row.code,
            row.rule,
            row.severity.as_str()
        );
    }
    out
}
