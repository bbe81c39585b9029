//! Destination inheritance as a user sees it: two servers whose queues.conf and topics.conf
//! are written differently but give every destination the same effective properties raise
//! nothing above info; a difference of effective properties is an error at the line that
//! makes it.

mod common;
use common::Rng;

use std::path::Path;
use std::process::Command;

use emsftlint::settings::Settings;
use emsftlint::{lint, Inputs, Severity};

/// A finding as (severity, rule, file, line, message) of its first location.
type Seen = (String, String, String, u64, String);

/// The findings of a testdata case, and the exit code.
fn case(name: &str) -> (Vec<Seen>, i32) {
    let dir = common::testdata("pairs").join(name);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_emsftlint"));
    cmd.current_dir(&dir)
        .args(["primary", "backup", "--format", "json"]);
    if dir.join("emsftlint.toml").exists() {
        cmd.args(["--config", "emsftlint.toml"]);
    } else {
        cmd.arg("--no-config");
    }
    let out = cmd.output().expect("emsftlint runs");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let findings = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let at = &f["locations"][0];
            (
                f["severity"].as_str().unwrap_or_default().to_string(),
                f["rule"].as_str().unwrap_or_default().to_string(),
                at["file"].as_str().unwrap_or_default().to_string(),
                at["line"].as_u64().unwrap_or_default(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    (findings, out.status.code().expect("exit code"))
}

#[test]
fn written_differently_with_the_same_effective_properties_is_info_at_most() {
    let (findings, code) = case("destination-inheritance-equivalent");
    assert!(!findings.is_empty(), "the differences are still shown");
    for (severity, rule, _, _, message) in &findings {
        assert_eq!(severity, "info", "{rule}: {message}");
    }
    assert_eq!(code, 0);
    assert!(findings.iter().any(|f| f.4.contains(
        "queue `orders.dlq` differs in `secure`; its effective properties are the same on both servers (`secure` inherited from `orders.>` on primary)"
    )));
}

#[test]
fn a_difference_of_effective_properties_stays_an_error_at_its_line() {
    let (findings, code) = case("destination-inheritance-differs");
    assert_eq!(code, 1);
    let has = |severity: &str, rule: &str, file: &str, line: u64, text: &str| {
        findings.iter().any(|f| {
            f.0 == severity && f.1 == rule && f.2 == file && f.3 == line && f.4.contains(text)
        })
    };
    // A wildcard on one side only that changes queues defined on both.
    assert!(has(
        "error",
        "destination-mismatch",
        "primary/queues.conf",
        6,
        "the effective properties of 3 queues defined on both servers differ under it"
    ));
    // Equal lines under a wildcard that differs: the wildcard is the finding, and the token
    // queue inherits prefetch=2 on backup.
    assert!(has(
        "error",
        "destination-mismatch",
        "primary/queues.conf",
        9,
        "`adapter.>` differs in `prefetch`"
    ));
    assert!(has(
        "error",
        "ft-token-queue",
        "backup/queues.conf",
        7,
        "has prefetch=2, inherited from `adapter.>`"
    ));
    // A queue's own value against an inherited one.
    assert!(has(
        "error",
        "destination-mismatch",
        "primary/queues.conf",
        13,
        "in effect `maxmsgs` is 1000 on primary, 5000 on backup"
    ));
    // Only destinations created on demand differ: a risk, not a proof.
    assert!(has(
        "warning",
        "destination-mismatch",
        "primary/queues.conf",
        15,
        "create on demand under it differ"
    ));
    // A wildcard on both servers with other properties and no queue under it.
    assert!(has(
        "warning",
        "destination-mismatch",
        "primary/queues.conf",
        17,
        "`dyn.*` differs in `maxmsgs`; no queue defined on both servers differs under it"
    ));
    assert_eq!(findings.len(), 6, "{findings:#?}");
}

#[test]
fn inherited_conflicts_are_reported_once_for_both_servers() {
    let (findings, _) = case("destination-property-conflict");
    let conflicts: Vec<_> = findings
        .iter()
        .filter(|f| f.1 == "destination-property-conflict")
        .map(|f| (f.0.as_str(), f.2.as_str(), f.3))
        .collect();
    assert_eq!(
        conflicts,
        vec![
            ("warning", "primary/queues.conf", 6),
            ("error", "primary/queues.conf", 7),
            ("warning", "primary/queues.conf", 10),
            ("error", "primary/queues.conf", 13),
            ("warning", "primary/queues.conf", 13),
            ("warning", "primary/queues.conf", 17),
            ("error", "primary/topics.conf", 5),
            ("error", "primary/topics.conf", 7),
        ],
        "{findings:#?}"
    );
}

/// A property a wildcard gives its children, and ways of writing the same effective value on
/// a child (restating it, or its spelling in another unit).
const INHERITED: &[(&str, &[&str])] = &[
    ("secure", &["secure"]),
    ("sender_name", &["sender_name"]),
    (
        "maxbytes=1MB",
        &["maxbytes=1MB", "maxbytes=1024KB", "maxbytes=0"],
    ),
    ("maxmsgs=100", &["maxmsgs=100", "maxmsgs=0"]),
    ("prefetch=none", &["prefetch=none", "prefetch=0"]),
    ("prefetch=10", &["prefetch=10", "prefetch=0"]),
    (
        "overflowPolicy=rejectIncoming",
        &["overflowPolicy=rejectIncoming", "overflowPolicy=default"],
    ),
    ("expiration=10min", &["expiration=600", "expiration=10min"]),
    ("store=$sys.failsafe", &["store=$sys.failsafe"]),
];

fn write_pair(dir: &Path, queues: [&str; 2]) {
    let clean = common::testdata("pairs/clean");
    for (side, text) in ["primary", "backup"].into_iter().zip(queues) {
        let to = dir.join(side);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(clean.join(side)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
        std::fs::write(to.join("queues.conf"), text).unwrap();
    }
}

#[test]
fn restating_what_a_wildcard_gives_never_warns_and_a_changed_value_is_an_error_at_its_line() {
    for seed in 1..=24u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let (property, restated) = INHERITED[rng.below(INHERITED.len())];
        let children = 2 + rng.below(4);
        let mut primary = format!(">\ngrp.* {property}\n");
        let mut backup = primary.clone();
        for child in 0..children {
            primary.push_str(&format!("grp.q{child}\n"));
            // The child restates the inherited value, or says what its parent gives.
            let written = restated[rng.below(restated.len())];
            if rng.below(3) == 0 {
                backup.push_str(&format!("grp.q{child}\n"));
            } else {
                backup.push_str(&format!("grp.q{child} {written}\n"));
            }
        }
        let dir = tempfile::tempdir().unwrap();
        write_pair(dir.path(), [&primary, &backup]);
        let found = common::findings_at_warning_or_above(dir.path());
        assert!(
            found.is_empty(),
            "seed {seed}: {property}: {found:?}\n{backup}"
        );

        // One child's own value that is not what the wildcard gives: an error at its line.
        let mutated_child = rng.below(children);
        let mut mutated = format!(">\ngrp.* {property}\n");
        for child in 0..children {
            if child == mutated_child {
                mutated.push_str(&format!("grp.q{child} maxmsgs=7,prefetch=3\n"));
            } else {
                mutated.push_str(&format!("grp.q{child}\n"));
            }
        }
        write_pair(dir.path(), [&primary, &mutated]);
        let report = lint(
            &Inputs {
                primary: dir.path().join("primary"),
                backup: Some(dir.path().join("backup")),
            },
            &Settings::default(),
        );
        let errors: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert_eq!(errors.len(), 1, "seed {seed}: {errors:?}");
        let at = errors[0]
            .locations
            .iter()
            .find(|l| l.side == emsftlint::Side::Backup)
            .expect("the backup's line");
        assert!(at.file.display.ends_with("queues.conf"), "seed {seed}");
        let start = at.span.clone().expect("a line").start;
        let line = at.file.text[..start].matches('\n').count() + 1;
        assert_eq!(line, 3 + mutated_child, "seed {seed}: {:?}", errors[0]);
    }
}
