//! What the lint reports, after `-A`/`[rules]` levels and `# emsftlint: allow(…)` comments:
//! the fix resolves findings, so a difference whose rule is turned off, or whose entry is
//! silenced, is left as the operator chose.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::compare::{self, Difference, Spec};
use crate::finding::Side;
use crate::pipeline::Report;

/// The rules that report the differences of a sub-file (users: the description-only ones
/// are user-description-mismatch's).
fn rules_of(spec: &Spec, difference: &Difference<'_>) -> &'static [&'static str] {
    match spec.param {
        "queues" | "topics" => &["destination-mismatch"],
        "users" if compare::description_only(difference) => &["user-description-mismatch"],
        "users" => &["user-mismatch"],
        "groups" => &["group-mismatch"],
        "acl_list" => &["acl-mismatch"],
        "routes" => &["route-mismatch"],
        "bridges" => &["bridge-mismatch"],
        "durables" => &["durable-mismatch"],
        "stores" => &["store-mismatch"],
        "channels" => &["channel-mismatch"],
        "transports" => &["transport-mismatch"],
        "tibrvcm" => &["tibrvcm-mismatch"],
        "factories" => &["factory-mismatch"],
        _ => &[],
    }
}

/// The rules that report a tibemsd.conf parameter differing between the servers.
const SETTING_RULES: [&str; 7] = [
    "setting-mismatch",
    "server-name-mismatch",
    "authorization-mismatch",
    "ft-heartbeat-mismatch",
    "ft-activation-mismatch",
    "ft-reconnect-timeout-mismatch",
    "heartbeat-mismatch",
];

/// Where the lint's findings are: `(rule, side, file, start of the span)`, and the files a
/// finding covers whole (a file past the drift limit).
#[derive(Debug, Default)]
pub struct Reported {
    lines: HashSet<(&'static str, Side, PathBuf, usize)>,
    files: HashSet<(&'static str, PathBuf)>,
}

impl Reported {
    pub fn of(report: &Report) -> Self {
        let mut out = Reported::default();
        for finding in &report.findings {
            let rule = finding.rule.name;
            if finding.locations.iter().all(|l| l.span.is_none()) {
                out.files.extend(
                    finding
                        .locations
                        .iter()
                        .map(|l| (rule, l.file.path.clone())),
                );
            }
            for location in &finding.locations {
                if let Some(span) = &location.span {
                    out.lines
                        .insert((rule, location.side, location.file.path.clone(), span.start));
                }
            }
        }
        out
    }

    fn at(&self, rules: &[&'static str], side: Side, file: &Path, span: &Range<usize>) -> bool {
        rules.iter().any(|rule| {
            self.lines
                .contains(&(*rule, side, file.to_path_buf(), span.start))
                || self.files.contains(&(*rule, file.to_path_buf()))
        })
    }

    /// Whether a finding reports this difference of `spec`, whose files are `[primary, backup]`.
    pub fn difference(&self, spec: &Spec, difference: &Difference<'_>, files: [&Path; 2]) -> bool {
        let rules = rules_of(spec, difference);
        let [primary, backup] = files;
        match difference {
            Difference::OnlyPrimary(e) => self.at(rules, Side::Primary, primary, &e.span),
            Difference::OnlyBackup(e) => self.at(rules, Side::Backup, backup, &e.span),
            Difference::Changed(a, b) => {
                self.at(rules, Side::Primary, primary, &a.span)
                    || self.at(rules, Side::Backup, backup, &b.span)
            }
        }
    }

    /// Whether a finding reports a parameter at one of these `(side, main file, line)`.
    pub fn setting(&self, lines: &[(Side, &Path, Range<usize>)]) -> bool {
        lines
            .iter()
            .any(|(side, file, span)| self.at(&SETTING_RULES, *side, file, span))
    }
}
