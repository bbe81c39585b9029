//! `-A/-W/-D` and `[rules]` select rules by code, name, code prefix, category or `all`, the
//! most specific winning; `--statistics` counts findings by rule; `-q` prints findings only.

mod common;
use common::{stderr, stdout, testdata};
use std::path::Path;
use std::process::Output;

/// `effective-values` raises FT018 and FT019 (ft-timing, warnings) and FT022 (settings).
fn lint(extra: &[&str]) -> Output {
    lint_as("concise", extra)
}

fn lint_as(format: &str, extra: &[&str]) -> Output {
    common::emsftlint_with(
        &testdata("pairs/effective-values"),
        &["primary", "backup", "--format", format],
        extra,
    )
}

/// `severity CODE` of every finding, sorted.
fn raised(out: &Output) -> Vec<String> {
    let mut found: Vec<String> = stdout(out)
        .lines()
        .filter_map(|l| {
            let (_, rest) = l.split_once(": ")?;
            let (severity, rest) = rest.split_once('[')?;
            Some(format!("{severity} {}", rest.split(' ').next()?))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn the_case_raises_three_rules_of_two_categories() {
    assert_eq!(
        raised(&lint(&[])),
        ["warning FT018", "warning FT019", "warning FT022"]
    );
}

#[test]
fn a_category_a_prefix_a_name_and_all_select_rules() {
    assert_eq!(raised(&lint(&["-A", "ft-timing"])), ["warning FT022"]);
    assert_eq!(raised(&lint(&["-A", "FT01"])), ["warning FT022"]);
    assert_eq!(raised(&lint(&["-A", "ft1"])), raised(&lint(&[])));
    assert_eq!(
        raised(&lint(&["-D", "heartbeat-mismatch"])),
        ["error FT018", "warning FT019", "warning FT022"]
    );
    let out = lint(&["-A", "all"]);
    assert_eq!(raised(&out), Vec::<String>::new());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        raised(&lint(&["-W", "ALL", "-D", "settings"])),
        ["error FT022", "warning FT018", "warning FT019"]
    );
}

#[test]
fn the_more_specific_selector_wins_whatever_the_order() {
    // code > prefix > category > all
    let cases: [(&[&str], &[&str]); 4] = [
        (
            &["-A", "FT018", "-D", "all"],
            &["error FT019", "error FT022"],
        ),
        (
            &["-D", "FT01", "-A", "ft-timing"],
            &["error FT018", "error FT019", "warning FT022"],
        ),
        (
            &["-A", "FT01", "-D", "FT019"],
            &["error FT019", "warning FT022"],
        ),
        (
            &["-D", "FT019", "-A", "FT01", "-A", "FT0"],
            &["error FT019"],
        ),
    ];
    for (args, expected) in cases {
        assert_eq!(raised(&lint(args)), expected, "{args:?}");
    }
    // A longer prefix beats a shorter one.
    assert_eq!(raised(&lint(&["-A", "FT01", "-D", "FT0"])), ["error FT022"]);
}

#[test]
fn of_equal_selectors_the_later_wins() {
    assert_eq!(
        raised(&lint(&["-D", "FT018", "-A", "FT018"])),
        ["warning FT019", "warning FT022"]
    );
    assert_eq!(
        raised(&lint(&["-A", "FT018", "-D", "heartbeat-mismatch"])),
        ["error FT018", "warning FT019", "warning FT022"]
    );
    assert_eq!(
        raised(&lint(&["-A", "ft-timing", "-D", "ft-timing"])),
        ["error FT018", "error FT019", "warning FT022"]
    );
}

fn with_config(toml: &str, args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("emsftlint.toml");
    std::fs::write(&config, toml).unwrap();
    let case = testdata("pairs/effective-values");
    std::process::Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .current_dir(&case)
        .args(["primary", "backup", "--format", "concise", "--config"])
        .arg(&config)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_config_file_selects_alike_and_the_command_line_wins_at_equal_specificity() {
    let out = with_config("[rules]\nft-timing = \"allow\"\nFT018 = \"error\"\n", &[]);
    assert_eq!(
        raised(&out),
        ["error FT018", "warning FT022"],
        "{}",
        stderr(&out)
    );
    // The command line's category does not beat the file's code…
    let out = with_config("[rules]\nFT018 = \"error\"\n", &["-A", "ft-timing"]);
    assert_eq!(raised(&out), ["error FT018", "warning FT022"]);
    // …its code does.
    let out = with_config("[rules]\nFT018 = \"error\"\n", &["-W", "FT018"]);
    assert_eq!(
        raised(&out),
        ["warning FT018", "warning FT019", "warning FT022"]
    );
    let out = with_config("[rules]\nall = \"allow\"\n", &["-W", "all"]);
    assert_eq!(raised(&out).len(), 3);
    // In the file, of a code and a name of one rule, the later line wins.
    let out = with_config(
        "[rules]\nheartbeat-mismatch = \"allow\"\nFT018 = \"error\"\n",
        &[],
    );
    assert_eq!(
        raised(&out),
        ["error FT018", "warning FT019", "warning FT022"]
    );
}

#[test]
fn an_unknown_selector_exits_two_with_a_did_you_mean() {
    let out = lint(&["-A", "ft-timng"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "emsftlint: -A ft-timng: unknown rule `ft-timng`; did you mean `ft-timing`?\n"
    );
    let out = lint(&["-W", "heartbeat-mismatsh"]);
    assert!(
        stderr(&out).contains("did you mean `heartbeat-mismatch`?"),
        "{}",
        stderr(&out)
    );
    let out = lint(&["-D", "FT99"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`FT99` is the prefix of no rule's code"),
        "{}",
        stderr(&out)
    );
    let out = with_config("[rules]\nequivalance = \"allow\"\n", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("did you mean `equivalence`?"), "{err}");
    assert!(
        err.contains("equivalance = \"allow\""),
        "points into the file: {err}"
    );
}

fn human(dir: &Path, args: &[&str]) -> Output {
    common::emsftlint_with(dir, args, &["--width", "100"])
}

#[test]
fn statistics_count_findings_by_rule_and_severity() {
    let out = lint(&["--statistics", "-D", "FT022"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "code   rule                          severity  count\n\
         FT022  setting-mismatch              error         1\n\
         FT018  heartbeat-mismatch            warning       1\n\
         FT019  heartbeat-timeout-incoherent  warning       1\n"
    );
    let out = human(
        &testdata("pairs/destination-mismatch"),
        &["primary", "backup", "--statistics"],
    );
    assert_eq!(
        stdout(&out),
        "code   rule                  severity  count\n\
         FT101  destination-mismatch  error         3\n\
         \n\
         ✖ 3 errors, 0 warnings, 0 infos (primary ↔ backup)\n"
    );
    let out = human(
        &testdata("pairs/destination-mismatch"),
        &["primary", "backup", "--statistics", "-q"],
    );
    assert_eq!(
        stdout(&out),
        "code   rule                  severity  count\n\
         FT101  destination-mismatch  error         3\n\n"
    );
}

#[test]
fn statistics_go_in_the_json_document_beside_the_findings() {
    let out = lint_as("json", &["--statistics"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["findings"].as_array().unwrap().len(), 3);
    assert_eq!(
        doc["statistics"],
        serde_json::json!([
            {"code": "FT018", "rule": "heartbeat-mismatch", "severity": "warning", "count": 1},
            {"code": "FT019", "rule": "heartbeat-timeout-incoherent", "severity": "warning", "count": 1},
            {"code": "FT022", "rule": "setting-mismatch", "severity": "warning", "count": 1},
        ])
    );
    let out = lint_as("json", &[]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc.get("statistics").is_none(), "only when asked");
}

#[test]
fn statistics_in_a_format_that_cannot_hold_them_exit_two() {
    for format in ["sarif", "github", "junit", "html"] {
        let out = lint_as(format, &["--statistics"]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(
            stderr(&out).contains("--statistics works with --format human, concise or json"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn quiet_prints_the_findings_alone() {
    let case = testdata("pairs/destination-mismatch");
    let loud = stdout(&human(&case, &["primary", "backup"]));
    let quiet = stdout(&human(&case, &["primary", "backup", "-q"]));
    assert!(loud.ends_with("✖ 3 errors, 0 warnings, 0 infos (primary ↔ backup)\n"));
    assert_eq!(
        quiet,
        loud.trim_end_matches("✖ 3 errors, 0 warnings, 0 infos (primary ↔ backup)\n")
    );
    let clean = human(&testdata("pairs/clean"), &["primary", "backup", "--quiet"]);
    assert_eq!(clean.status.code(), Some(0));
    assert_eq!(stdout(&clean), "");
}
