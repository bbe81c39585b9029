//! Every real sub-file in EMSFTLINT_CORPUS (users, groups, acl, queues, topics, durables,
//! bridges, routes, factories, stores, channels, transports, tibrvcm; not the ERB templates)
//! is read as a server reads it, named by a tibemsd.conf, and must give no `syntax`,
//! `unknown-parameter` or `invalid-value` finding. Skipped when the variable is unset.
//! `cargo test --test corpus_subfiles -- --nocapture` prints the counts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use emsftlint::settings::Settings;
use emsftlint::{lint, Inputs};

/// The tibemsd.conf parameter that names each kind of sub-file, found by its file name.
const KINDS: [(&str, &str); 13] = [
    ("users", "users"),
    ("groups", "groups"),
    ("acl", "acl_list"),
    ("queues", "queues"),
    ("topics", "topics"),
    ("durables", "durables"),
    ("bridges", "bridges"),
    ("routes", "routes"),
    ("factories", "factories"),
    ("stores", "stores"),
    ("channels", "channels"),
    ("transports", "transports"),
    ("tibrvcm", "tibrvcm"),
];

fn parameter_for(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".erb") || name.starts_with("tibemsd") {
        return None;
    }
    if !(name.ends_with(".conf") || name.ends_with(".fragment")) {
        return None;
    }
    KINDS
        .iter()
        .find(|(stem, _)| name.contains(stem))
        .map(|(_, param)| *param)
}

#[test]
fn every_real_sub_file_parses_without_a_syntax_finding() {
    let Some(corpus) = std::env::var_os("EMSFTLINT_CORPUS").map(PathBuf::from) else {
        return;
    };
    assert!(
        corpus.is_dir(),
        "EMSFTLINT_CORPUS={} is not a directory",
        corpus.display()
    );
    let mut files: Vec<(PathBuf, &str)> = walkdir::WalkDir::new(&corpus)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| parameter_for(e.path()).map(|p| (e.into_path(), p)))
        .collect();
    files.sort();
    assert!(files.len() >= 26, "found only {} sub-files", files.len());
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for (path, param) in &files {
        *by_kind.entry(param).or_default() += 1;
        let dir = tempfile::tempdir().unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        std::fs::copy(path, dir.path().join(&name)).unwrap();
        std::fs::write(
            dir.path().join("tibemsd.conf"),
            format!("{param} = {name}\n"),
        )
        .unwrap();
        let report = lint(
            &Inputs {
                primary: dir.path().to_path_buf(),
                backup: None,
            },
            &Settings::default(),
        );
        for finding in &report.findings {
            let in_sub_file = finding
                .locations
                .iter()
                .any(|l| l.file.display.ends_with(&name));
            if !in_sub_file {
                continue;
            }
            *by_rule.entry(finding.rule.name).or_default() += 1;
            // TIBCO's sub-files name only keys and values EMS knows.
            let catalog = ["unknown-parameter", "invalid-value"].contains(&finding.rule.name);
            if finding.rule.name == "syntax" || catalog {
                let line = finding
                    .locations
                    .first()
                    .and_then(|l| l.span.as_ref().map(|s| l.file.line_col(s.start).0));
                problems.push(format!(
                    "{}:{}: {} {}",
                    path.display(),
                    line.unwrap_or(0),
                    finding.rule.name,
                    finding.message
                ));
            }
        }
    }
    println!(
        "corpus sub-files: {} parsed {by_kind:?}; findings by rule: {by_rule:?}",
        files.len()
    );
    assert!(
        problems.is_empty(),
        "syntax, unknown-parameter or invalid-value findings:\n{}",
        problems.join("\n")
    );
}
