//! What the pair runs on: the FTL server cluster configuration (`--ftl-config`, or an
//! ftlserver.yml beside a main file) and each host's mounts (`--mounts`), as a user runs them.

mod common;

use common::{emsftlint_with, stderr, stdout, testdata};
use std::collections::BTreeSet;

const FORMATS: [&str; 7] = [
    "human", "concise", "json", "sarif", "github", "junit", "html",
];

fn rules(out: &std::process::Output) -> BTreeSet<String> {
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// A JSON configuration on FTL stores, from the clean FTL case, with `yaml` beside it.
fn ftl_case(yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let primary = dir.path().join("primary");
    std::fs::create_dir(&primary).unwrap();
    let json = testdata("pairs/ftl-pair-clean/primary/tibemsd.json");
    std::fs::copy(json, primary.join("tibemsd.json")).unwrap();
    std::fs::write(primary.join("ftlserver.yml"), yaml).unwrap();
    dir
}

#[test]
fn yaml_that_does_not_parse_is_a_syntax_finding_at_its_line() {
    let case = ftl_case(
        "globals:\n  core.servers:\n    ftl1: host1:8585\n  bad: [unclosed\nservers: {}\n",
    );
    let out = emsftlint_with(case.path(), &["primary"], &["--format", "json"]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let syntax: Vec<&serde_json::Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "syntax")
        .collect();
    assert_eq!(syntax.len(), 1, "{doc}");
    let at = &syntax[0]["locations"][0];
    assert_eq!(at["file"], "primary/ftlserver.yml");
    assert!(at["line"].as_u64().is_some_and(|l| l >= 4), "{at}");
    assert!(at["column"].as_u64().is_some());
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn secrets_of_the_cluster_configuration_and_of_mount_options_reach_no_output() {
    // The finding (no standby_only server) underlines the last server, beside the secrets.
    let case = ftl_case(
        "globals:\n  tls.secure: pass:Keystore-s3cret\n  core.servers:\n    ftl1: h1:8585\n    ftl2: h2:8585\n    ftl3: h3:8585\nservers:\n  ftl1:\n    - tibemsd: {exepath: /x, -ftl_password: Inline-s3cret}\n  ftl2:\n    - tibemsd:\n        -ftl_password: Block-s3cret\n  ftl3:\n    - tibemsd:\n        -ftl_password: Last-s3cret\n",
    );
    let mounts = case.path().join("host.fstab");
    std::fs::write(
        &mounts,
        "//fs01/ems /shared cifs username=ems,password=Cifs-s3cret 0 0\nbroken line password=Broken-s3cret\n",
    )
    .unwrap();
    for format in FORMATS {
        let out = emsftlint_with(
            case.path(),
            &["primary"],
            &["--mounts", "host.fstab", "--format", format],
        );
        let text = stdout(&out);
        assert!(text.contains("standby_only"), "{format}: {text}");
        for secret in [
            "Keystore-s3cret",
            "Inline-s3cret",
            "Block-s3cret",
            "Last-s3cret",
            "Cifs-s3cret",
            "Broken-s3cret",
            "ftl-s3cret-pw",
        ] {
            assert!(!text.contains(secret), "{format} shows {secret}:\n{text}");
        }
    }
}

#[test]
fn without_mounts_the_store_is_not_looked_at() {
    let case = testdata("pairs/json-store-local-disk");
    let with = emsftlint_with(
        &case,
        &["primary"],
        &["--mounts", "mounts/all-hosts.fstab", "--format", "json"],
    );
    assert!(rules(&with).contains("store-filesystem-no-lock"));
    let without = emsftlint_with(&case, &["primary"], &["--format", "json"]);
    assert_eq!(rules(&without), BTreeSet::new());
    assert_eq!(without.status.code(), Some(0));
}

#[test]
fn unshared_mode_checks_no_mount() {
    let case = testdata("pairs/store-filesystem-no-lock");
    let out = emsftlint_with(
        &case,
        &["primary", "backup", "--mode", "unshared"],
        &[
            "--mounts",
            "primary=mounts/primary.fstab",
            "--format",
            "json",
        ],
    );
    assert!(!rules(&out).contains("store-filesystem-no-lock"));
}

#[test]
fn emsftlint_toml_names_the_mounts_of_each_host_and_the_ftl_configuration() {
    let case = testdata("pairs/store-mount-differs");
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("emsftlint.toml");
    let mounts = case.join("mounts");
    std::fs::write(
        &config,
        format!(
            "mounts = {{ primary = {:?}, backup = {:?} }}\nftl_config = {:?}\n",
            mounts.join("primary.fstab"),
            mounts.join("backup.fstab"),
            testdata("pairs/ftl-cluster-shape/primary/ftlserver.yml"),
        ),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .current_dir(&case)
        .args(["primary", "backup", "--config"])
        .arg(&config)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let fired = rules(&out);
    assert!(fired.contains("store-mount-differs"), "{fired:?}");
    assert!(fired.contains("ftl-cluster-shape"), "{fired:?}");
}

#[test]
fn a_file_the_options_name_must_exist() {
    let case = testdata("pairs/clean");
    for option in ["--mounts", "--ftl-config"] {
        let out = emsftlint_with(&case, &["primary", "backup", option, "nowhere.fstab"], &[]);
        assert_eq!(out.status.code(), Some(2), "{option}");
        assert!(stderr(&out).contains("nowhere.fstab"), "{}", stderr(&out));
    }
    let out = emsftlint_with(
        &case,
        &["primary", "backup", "--mounts", "backup=nowhere.json"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_mounts_file_outside_the_input_trees_is_read_when_given() {
    let dir = tempfile::tempdir().unwrap();
    let fstab = dir.path().join("elsewhere.fstab");
    std::fs::write(&fstab, "/dev/sda1 / ext4 defaults 0 1\n").unwrap();
    let case = testdata("pairs/clean");
    let out = emsftlint_with(
        &case,
        &["primary", "backup"],
        &["--mounts", fstab.to_str().unwrap(), "--format", "json"],
    );
    assert!(
        rules(&out).contains("store-filesystem-no-lock"),
        "{}",
        stdout(&out)
    );
}
