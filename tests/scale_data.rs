//! The scale benchmark lints its generated pairs and stops unless both are clean; nothing else
//! runs it. This lints the same generator's pairs at a small scale, so that a new rule that
//! fires on them fails here instead of in the next benchmark run.

#[path = "../benches/scale/generate.rs"]
#[allow(dead_code)]
mod generate;

use emsftlint::settings::Settings;
use emsftlint::{lint, Inputs};

#[test]
fn the_benchmark_pairs_lint_clean() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let pairs = generate::ensure(dir.path(), 0.002, true).expect("scale data written");
    for (what, (primary, backup)) in [
        ("consistent", pairs.consistent()),
        ("shuffled", pairs.shuffled()),
    ] {
        let report = lint(
            &Inputs {
                primary,
                backup: Some(backup),
            },
            &Settings::default(),
        );
        let findings: Vec<String> = report
            .findings
            .iter()
            .map(|f| format!("{} {}", f.rule.code, f.message))
            .collect();
        assert!(
            findings.is_empty(),
            "the {what} pair has findings: {findings:#?}"
        );
    }
}
