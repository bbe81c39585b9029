//! The JSON configurations of the shared corpus (EMSFTLINT_CORPUS; skipped when unset) lint
//! without a `syntax` finding. TIBCO's Helm chart keeps its file as a shell heredoc with
//! `${VAR}`-style placeholders: it is linted as the shell would write it (placeholders
//! substituted, `\$` unescaped), and as it is stored, where each placeholder is a `syntax`
//! finding at its line and column, and nothing panics.

mod common;
use common::corpus;
use std::collections::BTreeMap;
use std::path::Path;

use emsftlint::settings::Settings;
use emsftlint::{lint, Inputs, Report};

const FILES: [&str; 2] = [
    "bsosnowski__tibco-ems-ce/config/data/tibemsd.json",
    "TIBCOSoftware__TIBCO-Messaging/ems/samples/docker/tibemsd-configbase.json.extracted",
];

const TEMPLATE: &str =
    "TIBCOSoftware__tp-helm-charts/charts/msg-ems-tp/scripts/mk-tibemsd-ftl.json.sh.heredoc-template";

fn lint_json(path: &Path) -> Report {
    lint(
        &Inputs {
            primary: path.to_path_buf(),
            backup: None,
        },
        &Settings::default(),
    )
}

fn count(report: &Report, by_rule: &mut BTreeMap<&'static str, usize>) {
    for f in &report.findings {
        *by_rule.entry(f.rule.name).or_default() += 1;
    }
}

/// The heredoc as the script's shell writes it: `\$` is a `$`, and each `$name` is the
/// variable's value (the lists the script builds are empty here).
fn expand(template: &str) -> String {
    let values: BTreeMap<&str, &str> = BTreeMap::from([
        ("insideActiveHostPort", "ems-0.ems:7222"),
        ("insideSvcHostPort", "ems.ems:7222"),
        ("EMS_FTL_SPIN", "enabled"),
        ("EMS_MAX_MEMORY", "2GB"),
        ("srvBase", "EMS-SERVER"),
        ("msgGemsGrp", ""),
        ("adminList", ""),
        ("tibAdminUser", ""),
    ]);
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find(['\\', '$']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("\\$") {
            out.push('$');
            rest = after;
        } else if let Some(after) = tail.strip_prefix('$') {
            let end = after
                .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .unwrap_or(after.len());
            let name = &after[..end];
            out.push_str(
                values
                    .get(name)
                    .copied()
                    .unwrap_or_else(|| panic!("unknown ${name}")),
            );
            rest = &after[end..];
        } else {
            out.push('\\');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn the_corpus_json_files_lint_without_a_syntax_finding() {
    let Some(corpus) = corpus() else { return };
    let mut by_rule = BTreeMap::new();
    for name in FILES {
        let report = lint_json(&corpus.join(name));
        for f in &report.findings {
            assert_ne!(f.rule.name, "syntax", "{name}: {}", f.message);
        }
        count(&report, &mut by_rule);
    }
    let dir = tempfile::tempdir().unwrap();
    let expanded = dir.path().join("tibemsd.json");
    let template = std::fs::read_to_string(corpus.join(TEMPLATE)).unwrap();
    std::fs::write(&expanded, expand(&template)).unwrap();
    let report = lint_json(&expanded);
    for f in &report.findings {
        assert_ne!(f.rule.name, "syntax", "{TEMPLATE} expanded: {}", f.message);
        // TIBCO's Helm chart writes only keys and values EMS knows (corpus_tibco.rs holds
        // the same check for every tibemsd* file).
        assert!(
            !["unknown-parameter", "json-unknown-key", "invalid-value"].contains(&f.rule.name),
            "{TEMPLATE} expanded: {} {}",
            f.rule.name,
            f.message
        );
    }
    count(&report, &mut by_rule);
    eprintln!("corpus: 3 JSON configurations; findings by rule: {by_rule:?}");
}

/// The files are read as TIBCO wrote them: the users, the stores, the factories' URLs.
#[test]
fn the_corpus_json_files_are_read_as_written() {
    let Some(corpus) = corpus() else { return };
    let report = lint_json(&corpus.join(FILES[1]));
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.name).collect();
    // A standalone server's sample (one server's listens, none flagged `ft_active`): linted
    // alone, it has no finding, and no FT rule asks it for a secondary.
    assert_eq!(rules, Vec::<&str>::new(), "{:?}", report.findings);
}

#[test]
fn the_template_as_stored_reports_its_placeholders_and_does_not_panic() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("tibemsd.json");
    std::fs::copy(corpus.join(TEMPLATE), &raw).unwrap();
    let report = lint_json(&raw);
    let syntax: Vec<(usize, usize, &str)> = report
        .findings
        .iter()
        .filter(|f| f.rule.name == "syntax")
        .map(|f| {
            let l = &f.locations[0];
            let r = l.file.region(l.span.as_ref().unwrap());
            (r.line, r.column, f.message.as_str())
        })
        .collect();
    let text = std::fs::read_to_string(&raw).unwrap();
    for placeholder in ["$msgGemsGrp", "$adminList", "$tibAdminUser"] {
        let at = text.find(placeholder).unwrap();
        let line = text[..at].matches('\n').count() + 1;
        let column = at - text[..at].rfind('\n').map_or(0, |n| n + 1) + 1;
        assert!(
            syntax
                .iter()
                .any(|(l, c, m)| (*l, *c) == (line, column) && m.contains(placeholder)),
            "{placeholder} at {line}:{column} not reported: {syntax:?}"
        );
    }
}
