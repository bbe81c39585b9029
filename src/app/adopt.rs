//! `--write-baseline` and `--baseline`: the report held against the estate's known findings.

use std::collections::HashMap;

use super::Fatal;
use crate::cli::Cli;
use crate::finding::{PairLabel, Summary};
use crate::post::baseline::{self, Baseline};
use crate::render::BaselineCounts;
use crate::settings::Settings;
use crate::Report;

/// Writes the baseline `--write-baseline` names (saying on stderr, unless `--quiet`, how
/// many entries it holds and how many stale ones it pruned), then filters the report through
/// the baseline in use: that one, or `--baseline`, or `baseline` in emsftlint.toml. Counts
/// of each pair of a tree are those of what is left.
pub(super) fn apply_baseline(
    cli: &Cli,
    settings: &Settings,
    report: &mut Report,
) -> Result<Option<BaselineCounts>, Fatal> {
    let root = cli.discover.as_deref();
    if let Some(path) = &cli.write_baseline {
        let pruned = match settings.baseline.as_deref().filter(|p| p.is_file()) {
            Some(old) => {
                let old = Baseline::read(old, settings.size_cap).map_err(Fatal::Message)?;
                baseline::apply(report.findings.clone(), &old, root, settings).stale
            }
            None => 0,
        };
        let (text, entries) = baseline::write(&report.findings, root);
        std::fs::write(path, text).map_err(|e| {
            Fatal::Message(format!(
                "{}: cannot write the baseline: {e}",
                path.display()
            ))
        })?;
        if !cli.quiet {
            eprintln!(
                "emsftlint: wrote {entries} {} to {}{}",
                if entries == 1 { "entry" } else { "entries" },
                path.display(),
                if pruned > 0 {
                    format!(" ({pruned} stale pruned)")
                } else {
                    String::new()
                }
            );
        }
    }
    let Some(path) = cli
        .write_baseline
        .as_deref()
        .or(settings.baseline.as_deref())
    else {
        return Ok(None);
    };
    let baseline = Baseline::read(path, settings.size_cap).map_err(Fatal::Message)?;
    let filtered = baseline::apply(
        std::mem::take(&mut report.findings),
        &baseline,
        root,
        settings,
    );
    report.findings = filtered.findings;
    recount(report);
    Ok(Some(BaselineCounts {
        file: path.display().to_string(),
        known: filtered.matched,
        stale: filtered.stale,
    }))
}

/// Each pair's counts, from the findings left.
fn recount(report: &mut Report) {
    let Some(pairs) = &mut report.pairs else {
        return;
    };
    let mut by_pair: HashMap<&PairLabel, Summary> = HashMap::new();
    for finding in &report.findings {
        if let Some(pair) = &finding.pair {
            by_pair.entry(pair).or_default().count(finding.severity);
        }
    }
    for pair in pairs {
        pair.summary = by_pair.get(pair.pair.as_ref()).copied().unwrap_or_default();
    }
}
