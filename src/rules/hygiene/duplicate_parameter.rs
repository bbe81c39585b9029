//! A scalar parameter set twice with different values. EMS documents no rule for which one
//! wins (formats.md §0); emsftlint reads the last non-empty one, as deployment tools that
//! append to the installer's file expect. `listen` and the other additive ones may repeat.

use std::collections::BTreeMap;

use crate::ems::params;
use crate::ems::tibemsd::Param;
use crate::finding::{Finding, RuleMeta, Severity};
use crate::model::secrets::is_secret;
use crate::model::Pair;

pub static META: RuleMeta = RuleMeta {
    code: "FT903",
    name: "duplicate-parameter",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "a parameter is set twice with different values",
};

crate::rules::rule!();

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for server in pair.servers() {
        let mut by_name: BTreeMap<&str, Vec<&Param>> = BTreeMap::new();
        for param in server.conf().params.iter().filter(|p| !p.is_empty()) {
            by_name.entry(param.name.as_str()).or_default().push(param);
        }
        for (name, lines) in by_name {
            let spec = params::lookup(name);
            if spec.is_some_and(|s| s.repeatable) {
                continue;
            }
            let meaning = |p: &Param| match spec {
                Some(spec) => params::canonical(spec, &p.value)
                    .map(|c| c.to_string())
                    .unwrap_or_else(|_| p.value.clone()),
                None => p.value.clone(),
            };
            let Some(last) = lines.last() else { continue };
            for earlier in &lines[..lines.len() - 1] {
                if meaning(earlier) == meaning(last) {
                    continue;
                }
                let line = server.main().shown_line(last.line_span.start);
                let mut finding = Finding::new(
                    &META,
                    format!("`{}` is set again with a different value; emsftlint reads the last one (line {line})", earlier.key),
                ).about("parameter", earlier.key.to_string())
                .at(server.side(), server.main(), earlier.line_span.clone())
                .at(server.side(), server.main(), last.line_span.clone())
                .help("keep one line for this parameter");
                if !is_secret(name) {
                    let first_line = server.main().shown_line(earlier.line_span.start);
                    let file = &server.main().display;
                    finding = finding.diff_labeled(
                        (
                            format!("{file}:{first_line}"),
                            format!(
                                "{} = {}
",
                                earlier.key, earlier.value
                            ),
                        ),
                        (
                            format!("{file}:{line}"),
                            format!(
                                "{} = {}
",
                                last.key, last.value
                            ),
                        ),
                    );
                }
                out.push(finding);
            }
        }
    }
}
