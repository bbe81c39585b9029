//! Real EMS configurations from public repositories, read through EMSFTLINT_CORPUS (the
//! shared corpus; never copied into the repo). Skipped when the variable is unset.
//! `cargo test --test corpus -- --nocapture` prints the counts.

mod common;
use common::corpus;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use emsftlint::settings::Settings;
use emsftlint::{lint, Inputs, Report, Severity};

fn samples(corpus: &Path) -> PathBuf {
    corpus.join("alpanachaphalkar__TIBCO-EMS/8.6.0/ems-client/ems/8.6/samples/config")
}

fn lint_one(primary: &Path, backup: Option<&Path>) -> Report {
    lint(
        &Inputs {
            primary: primary.to_path_buf(),
            backup: backup.map(Path::to_path_buf),
        },
        &Settings::default(),
    )
}

/// Every real main file: `tibemsd*.conf`, not the ERB templates or appended fragments.
fn main_files(corpus: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(corpus)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with("tibemsd") && name.ends_with(".conf")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_real_tibemsd_conf_parses_without_syntax_or_unknown_parameter() {
    let Some(corpus) = corpus() else { return };
    let files = main_files(&corpus);
    assert!(files.len() >= 10, "found only {} main files", files.len());
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for file in &files {
        let report = lint_one(file, None);
        for f in &report.findings {
            *by_rule.entry(f.rule.name).or_default() += 1;
            assert!(
                f.rule.name != "syntax" && f.rule.name != "unknown-parameter",
                "{}: {} {}",
                file.display(),
                f.rule.name,
                f.message
            );
        }
    }
    eprintln!(
        "corpus: {} tibemsd*.conf files linted alone; findings by rule: {by_rule:?}",
        files.len()
    );
}

#[test]
fn tibcos_sample_ft_pair_has_no_error() {
    let Some(corpus) = corpus() else { return };
    let dir = samples(&corpus);
    let report = lint_one(
        &dir.join("tibemsdft-1.conf"),
        Some(&dir.join("tibemsdft-2.conf")),
    );
    let errors: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {}", f.rule.name, f.message))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let all: Vec<&str> = report.findings.iter().map(|f| f.rule.name).collect();
    eprintln!("sample FT pair: {} findings: {all:?}", all.len());
}

/// The EMS installer writes quoted absolute paths (`users = "/opt/tibco/…/users.conf"`);
/// in a repository the files sit beside the main file.
#[test]
fn the_installer_file_finds_its_sub_files_by_the_fallback() {
    let Some(corpus) = corpus() else { return };
    let main = corpus.join("bsosnowski__tibco-ems-ce/config/data/tibemsd.conf");
    let text = std::fs::read_to_string(&main).unwrap();
    assert!(
        text.contains("\"/opt/"),
        "the installer file quotes absolute paths"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&main, dir.path().join("tibemsd.conf")).unwrap();
    for entry in std::fs::read_dir(samples(&corpus)).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".conf") && !name.starts_with("tibemsd") {
            std::fs::copy(&path, dir.path().join(&name)).unwrap();
        }
    }
    let report = lint_one(dir.path(), None);
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.name).collect();
    assert!(rules.contains(&"path-fallback"), "{rules:?}");
    let missing: Vec<&String> = report
        .findings
        .iter()
        .filter(|f| f.rule.name == "missing-file")
        .map(|f| &f.message)
        .collect();
    assert!(missing.is_empty(), "{missing:#?}");
}
