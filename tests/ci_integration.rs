//! What a CI system reads: SARIF locations from any path, GitHub's annotation limit.

mod common;
use common::{emsftlint_with, stdout, testdata};
use serde_json::Value;

fn uris(sarif: &str) -> Vec<String> {
    let doc: Value = serde_json::from_str(sarif).unwrap();
    let mut uris: Vec<String> = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| {
            let mut l = r["locations"].as_array().unwrap().clone();
            l.extend(
                r["relatedLocations"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default(),
            );
            l
        })
        .map(|l| {
            l["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    uris.sort();
    uris.dedup();
    uris
}

fn sarif(dir: &std::path::Path, primary: &str, backup: &str) -> Vec<String> {
    let out = emsftlint_with(dir, &[primary, backup], &["--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    uris(&stdout(&out))
}

#[test]
fn sarif_uris_are_relative_inside_the_current_directory() {
    let example = testdata("example");
    let expected = [
        "backup/tibemsd.conf",
        "backup/users.conf",
        "primary/tibemsd.conf",
    ];
    assert_eq!(sarif(&example, "primary", "backup"), expected);
    let (p, b) = (example.join("primary"), example.join("backup"));
    assert_eq!(
        sarif(&example, p.to_str().unwrap(), b.to_str().unwrap()),
        expected
    );
}

#[test]
fn sarif_uris_outside_it_are_file_uris_of_the_same_files() {
    let example = std::fs::canonicalize(testdata("example")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let sub = elsewhere.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let expected: Vec<String> = [
        "backup/tibemsd.conf",
        "backup/users.conf",
        "primary/tibemsd.conf",
    ]
    .iter()
    .map(|f| format!("file://{}/{f}", example.display()))
    .collect();
    let (p, b) = (example.join("primary"), example.join("backup"));
    assert_eq!(
        sarif(&sub, p.to_str().unwrap(), b.to_str().unwrap()),
        expected,
        "absolute"
    );
    // The same files reached with `..` from a directory beside them.
    let climb = "../".repeat(sub.components().count() - 1);
    let root_relative = example.strip_prefix("/").unwrap().display().to_string();
    let dotdot = |side: &str| format!("{climb}{root_relative}/{side}");
    assert_eq!(
        sarif(&sub, &dotdot("primary"), &dotdot("backup")),
        expected,
        ".."
    );
    for uri in &expected {
        let path = uri.strip_prefix("file://").unwrap();
        assert!(std::path::Path::new(path).is_file(), "{uri} names no file");
    }
}

#[test]
fn the_github_summary_says_how_many_findings_github_does_not_annotate() {
    let out = emsftlint_with(
        &testdata("."),
        &["--discover", "pairs"],
        &["--format", "github"],
    );
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let count = |level: &str| {
        lines
            .iter()
            .filter(|l| l.starts_with(&format!("::{level} ")))
            .count()
    };
    let (errors, warnings, notices) = (count("error"), count("warning"), count("notice"));
    assert!(
        errors > 10 && warnings > 10 && notices > 10,
        "{errors} {warnings} {notices}"
    );
    let summary = lines.last().unwrap();
    assert_eq!(
        *summary,
        format!(
            "emsftlint: {errors} errors, {warnings} warnings, {notices} infos; GitHub annotates 10 of each level in a step, so these more are in this log only: {} errors, {} warnings, {} infos",
            errors - 10,
            warnings - 10,
            notices - 10
        )
    );
    assert_eq!(lines.len(), errors + warnings + notices + 1);
}

#[test]
fn the_github_summary_of_a_clean_pair_counts_nothing() {
    let out = emsftlint_with(
        &testdata("pairs/clean"),
        &["primary", "backup"],
        &["--format", "github"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "emsftlint: 0 errors, 0 warnings, 0 infos\n");
}
