//! Every case under testdata/pairs/<case>/ is linted as a user would run it, from inside the
//! case directory (`emsftlint primary backup`), and its human and JSON reports are compared
//! with reviewed insta snapshots. A case named after a rule must make that rule fire, and
//! every rule has such a case.
//!
//! A case with a `tree/` directory instead is a tree of servers, linted with
//! `emsftlint --discover tree`.
//!
//! A case may hold `args` (extra command-line words, one line), `emsftlint.toml`, and `env`
//! (`KEY=VALUE` lines set for the run). Every run checks certificates at
//! `EMSFTLINT_NOW=2026-11-22` unless the case's `env` says otherwise, so that reports do not
//! change from day to day.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/pairs");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("testdata/pairs exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

struct Run {
    stdout: String,
    code: i32,
}

fn run(case: &Path, format: &str) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_emsftlint"));
    cmd.current_dir(case)
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100")
        .env("EMSFTLINT_NOW", "2026-11-22");
    if let Ok(env) = std::fs::read_to_string(case.join("env")) {
        for line in env.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) = line
                .split_once('=')
                .unwrap_or_else(|| panic!("{}: env line without `=`: {line}", case.display()));
            cmd.env(key.trim(), value.trim());
        }
    }
    if case.join("tree").is_dir() {
        // A tree of servers: `emsftlint --discover tree`.
        cmd.args(["--discover", "tree"]);
    } else {
        cmd.arg("primary");
        if case.join("backup").exists() {
            cmd.arg("backup");
        }
    }
    if case.join("emsftlint.toml").exists() {
        cmd.args(["--config", "emsftlint.toml"]);
    } else {
        cmd.arg("--no-config");
    }
    if let Ok(args) = std::fs::read_to_string(case.join("args")) {
        cmd.args(args.split_whitespace());
    }
    cmd.args(["--format", format, "--color", "never", "--width", "100"]);
    let out = cmd.output().expect("emsftlint runs");
    assert!(
        out.stderr.is_empty(),
        "{}: stderr: {}",
        case.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Run {
        stdout: String::from_utf8(out.stdout).expect("UTF-8 output"),
        code: out.status.code().expect("exit code"),
    }
}

fn fired_rules(json: &str) -> BTreeSet<String> {
    let doc: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    doc["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn every_case_matches_its_reviewed_snapshots() {
    for case in cases() {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let human = run(&case, "human");
        let json = run(&case, "json");
        assert_eq!(
            human.code, json.code,
            "{name}: exit code depends on the format"
        );
        insta::assert_snapshot!(format!("{name}__human"), human.stdout);
        insta::assert_snapshot!(format!("{name}__json"), json.stdout);
    }
}

#[test]
fn a_case_named_after_a_rule_makes_it_fire() {
    for case in cases() {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        if emsftlint::rules::registry::find(&name).is_none() {
            continue;
        }
        let json = run(&case, "json");
        assert!(
            fired_rules(&json.stdout).contains(&name),
            "case {name} does not fire rule {name}"
        );
        let fails = emsftlint::rules::registry::find(&name).unwrap().severity
            >= emsftlint::Severity::Warning;
        assert_eq!(
            json.code,
            i32::from(fails),
            "{name}: exit code under --fail-on warning"
        );
    }
}

#[test]
fn every_rule_has_a_case() {
    let cases: BTreeSet<String> = cases()
        .iter()
        .map(|c| c.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let missing: Vec<&str> = emsftlint::rules::registry::registry()
        .iter()
        .map(|r| r.meta().name)
        .filter(|n| !cases.contains(*n))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a testdata/pairs case: {missing:?}"
    );
}

#[test]
fn the_clean_case_has_no_finding_and_exits_zero() {
    let clean = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/pairs/clean");
    let json = run(&clean, "json");
    assert_eq!(fired_rules(&json.stdout), BTreeSet::new());
    assert_eq!(json.code, 0);
}

/// The rules a case fires, and its exit code.
fn outcome(case: &str) -> (BTreeSet<String>, i32) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/pairs")
        .join(case);
    let json = run(&dir, "json");
    (fired_rules(&json.stdout), json.code)
}

/// A backup that differs from its primary only in the order of lines, sections, properties
/// and permissions, white space, comments, CRLF and description quoting lints clean.
#[test]
fn the_reordered_case_has_no_finding_and_exits_zero() {
    assert_eq!(outcome("reordered"), (BTreeSet::new(), 0));
}

/// Differences confined to `[ignore] destinations` (queues, ACL entries, durables and bridges
/// on them) are not reported.
#[test]
fn ignored_destinations_are_left_out_of_every_comparison() {
    assert_eq!(outcome("ignore-destinations"), (BTreeSet::new(), 0));
}

/// A sub-file missing on one side is one missing-file finding, not a finding per entry.
#[test]
fn a_sub_file_missing_on_one_side_is_reported_once() {
    let (rules, _) = outcome("subfile-missing-one-side");
    assert_eq!(rules, BTreeSet::from(["missing-file".to_string()]));
}
