//! The severities the settings give rules (`-A`/`-W`/`-D`, `[rules]` in emsftlint.toml).

use crate::finding::{Finding, Severity};
use crate::settings::Settings;

/// Findings keep the severity they were raised with unless the settings say otherwise; a
/// rule turned off drops its findings.
pub fn apply_levels(findings: Vec<Finding>, settings: &Settings) -> Vec<Finding> {
    findings
        .into_iter()
        .filter_map(|mut f| {
            let severity: Severity = settings.severity_of(f.rule, f.severity)?;
            f.severity = severity;
            Some(f)
        })
        .collect()
}
