//! Adopting emsftlint on an estate that has findings: `--write-baseline` records them,
//! `--baseline` reports only new ones (and stale entries), whatever else changes in the files.

mod common;
use common::{stderr, stdout, testdata};
use std::path::{Path, PathBuf};
use std::process::Output;

fn emsftlint(dir: &Path, args: &[&str]) -> Output {
    common::emsftlint_with(dir, args, &[])
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of `testdata/pairs/<case>` in a new directory.
fn case(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&testdata(&format!("pairs/{name}")), dir.path());
    dir
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, f(text)).unwrap();
}

fn concise(dir: &Path, extra: &[&str]) -> (i32, Vec<String>) {
    let mut args = vec!["primary", "backup", "--format", "concise"];
    args.extend_from_slice(extra);
    let out = emsftlint(dir, &args);
    let lines = stdout(&out).lines().map(str::to_string).collect();
    (out.status.code().unwrap(), lines)
}

/// Writes `baseline.json` for the pair in `dir`; the findings it had.
fn write_baseline(dir: &Path) -> Vec<String> {
    let (_, before) = concise(dir, &[]);
    assert!(!before.is_empty(), "the case has findings");
    let (code, after) = concise(dir, &["--write-baseline", "baseline.json"]);
    assert_eq!(code, 0, "{after:?}");
    assert!(after.is_empty(), "{after:?}");
    before
}

#[test]
fn a_baseline_written_on_a_pair_with_findings_makes_it_exit_zero() {
    let dir = case("destination-mismatch");
    write_baseline(dir.path());
    let out = emsftlint(
        dir.path(),
        &["primary", "backup", "--baseline", "baseline.json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out)
            .contains("✔ no findings (primary ↔ backup; 3 known in the baseline, not shown)"),
        "{}",
        stdout(&out)
    );
    let text = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    assert!(text.starts_with("{\n  \"version\": 1,\n"), "{text}");
    let entries: Vec<&str> = text.lines().filter(|l| l.contains("\"rule\"")).collect();
    assert_eq!(entries.len(), 3, "{text}");
    let mut sorted = entries.clone();
    sorted.sort();
    assert_eq!(entries, sorted, "entries are sorted");
    assert!(
        text.contains(r#""kind":"queue","entity":"orders.in""#),
        "{text}"
    );
    assert!(text.contains(r#""file":"queues.conf""#), "{text}");
    assert!(!text.contains("\"line\""), "{text}");
}

#[test]
fn writing_the_baseline_says_how_many_entries_it_holds() {
    let dir = case("destination-mismatch");
    let out = emsftlint(
        dir.path(),
        &["primary", "backup", "--write-baseline", "b.json"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("wrote 3 entries to b.json"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_line_added_at_the_top_of_every_file_changes_nothing() {
    let dir = case("destination-mismatch");
    write_baseline(dir.path());
    for side in ["primary", "backup"] {
        for file in files_under(&dir.path().join(side)) {
            edit(&file, |text| format!("# reviewed 2026-12-01\n\n{text}"));
        }
    }
    let (code, lines) = concise(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!((code, lines), (0, vec![]));
}

#[test]
fn entries_in_another_order_change_nothing() {
    let dir = case("destination-mismatch");
    write_baseline(dir.path());
    for file in ["queues.conf", "topics.conf"] {
        for side in ["primary", "backup"] {
            edit(&dir.path().join(side).join(file), |text| {
                let mut lines: Vec<&str> = text.lines().collect();
                lines.reverse();
                lines.join("\n") + "\n"
            });
        }
    }
    let (code, lines) = concise(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!((code, lines), (0, vec![]));
}

#[test]
fn comments_and_blank_lines_anywhere_change_nothing() {
    let cases = [
        "destination-mismatch",
        "acl-mismatch",
        "route-mismatch",
        "setting-mismatch",
        "factory-mismatch",
        "server-user-password-differs",
        "ft-active-not-reciprocal",
    ];
    for (seed, name) in cases.iter().enumerate() {
        let mut rng = common::Rng(0x9E37_79B9_7F4A_7C15 ^ seed as u64);
        let dir = case(name);
        write_baseline(dir.path());
        for side in ["primary", "backup"] {
            for file in files_under(&dir.path().join(side)) {
                if file.extension().is_none_or(|e| e != "conf") {
                    continue;
                }
                edit(&file, |text| {
                    let mut out = String::new();
                    for line in text.lines() {
                        match rng.below(4) {
                            0 => out.push_str("# moved here in a review\n"),
                            1 => out.push('\n'),
                            _ => {}
                        }
                        out.push_str(line);
                        out.push('\n');
                    }
                    out
                });
            }
        }
        let (code, lines) = concise(dir.path(), &["--baseline", "baseline.json"]);
        assert_eq!((code, lines), (0, vec![]), "{name}");
    }
}

#[test]
fn a_new_drift_is_reported_alone() {
    let dir = case("destination-mismatch");
    write_baseline(dir.path());
    edit(&dir.path().join("backup/queues.conf"), |text| {
        format!("{text}payments.in maxbytes=1MB\n")
    });
    let (code, lines) = concise(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("queue `payments.in` is defined on backup only"),
        "{lines:?}"
    );
}

#[test]
fn the_same_drift_changed_is_new_and_its_old_entry_stale() {
    let dir = case("destination-mismatch");
    write_baseline(dir.path());
    // orders.in's prefetch differs (5 on primary, 10 on backup): now it differs otherwise.
    edit(&dir.path().join("backup/queues.conf"), |text| {
        text.replace("prefetch=10", "prefetch=7")
    });
    let (code, lines) = concise(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!(code, 1, "{lines:?}");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines
        .iter()
        .any(|l| l.contains("[FT101 destination-mismatch] queue `orders.in` differs")));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("baseline.json:") && l.contains("info[FT910 baseline-stale]")));
}

#[test]
fn a_fixed_drift_shows_as_stale_and_writing_the_baseline_prunes_it() {
    let dir = case("destination-mismatch");
    write_baseline(dir.path());
    edit(&dir.path().join("backup/queues.conf"), |text| {
        text.replace("prefetch=10", "prefetch=5")
    });
    let (code, lines) = concise(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!(code, 0, "a stale entry is info: {lines:?}");
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("info[FT910 baseline-stale] baseline entry matches no finding: FT101 destination-mismatch: queue orders.in (queues.conf, both)"),
        "{lines:?}"
    );
    // Its location is the entry's line in the baseline.
    let text = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    let line = text.lines().position(|l| l.contains("orders.in")).unwrap() + 1;
    assert!(
        lines[0].starts_with(&format!("baseline.json:{line}:")),
        "{lines:?}"
    );

    let out = emsftlint(
        dir.path(),
        &[
            "primary",
            "backup",
            "--baseline",
            "baseline.json",
            "--write-baseline",
            "baseline.json",
        ],
    );
    assert!(
        stderr(&out).contains("wrote 2 entries to baseline.json (1 stale pruned)"),
        "{}",
        stderr(&out)
    );
    let (code, lines) = concise(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!((code, lines), (0, vec![]));
}

#[test]
fn a_rule_turned_off_leaves_its_entries_unreported() {
    let dir = case("destination-mismatch");
    write_baseline(dir.path());
    edit(&dir.path().join("backup/queues.conf"), |text| {
        text.replace("prefetch=10", "prefetch=5")
    });
    let (code, lines) = concise(dir.path(), &["--baseline", "baseline.json", "-A", "FT101"]);
    assert_eq!((code, lines), (0, vec![]));
}

#[test]
fn the_config_file_names_the_baseline_relative_to_itself() {
    let dir = case("destination-mismatch");
    write_baseline(dir.path());
    std::fs::create_dir(dir.path().join("ci")).unwrap();
    std::fs::rename(
        dir.path().join("baseline.json"),
        dir.path().join("ci/known.json"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ci/emsftlint.toml"),
        "baseline = \"known.json\"\n",
    )
    .unwrap();
    let out = common::emsftlint_with(
        dir.path(),
        &["primary", "backup", "--format", "concise"],
        &[],
    );
    assert_eq!(out.status.code(), Some(1), "--no-config: no baseline");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .current_dir(dir.path())
        .args([
            "primary",
            "backup",
            "--config",
            "ci/emsftlint.toml",
            "--format",
            "concise",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert_eq!(stdout(&out), "");
}

#[test]
fn a_baseline_that_cannot_be_read_exits_two_naming_it() {
    let dir = case("destination-mismatch");
    let out = emsftlint(
        dir.path(),
        &["primary", "backup", "--baseline", "none.json"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("none.json: cannot read the baseline"),
        "{}",
        stderr(&out)
    );
    let out = emsftlint(dir.path(), &["primary", "backup", "--baseline", "primary"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("primary: the baseline is not a regular file"),
        "{}",
        stderr(&out)
    );
    std::fs::write(dir.path().join("bad.json"), "[1, 2]").unwrap();
    let out = emsftlint(dir.path(), &["primary", "backup", "--baseline", "bad.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bad.json: not an emsftlint baseline"),
        "{}",
        stderr(&out)
    );
    std::fs::write(
        dir.path().join("v9.json"),
        r#"{"version": 9, "entries": []}"#,
    )
    .unwrap();
    let out = emsftlint(dir.path(), &["primary", "backup", "--baseline", "v9.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("baseline version 9"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_differing_secret_is_keyed_by_its_name_alone() {
    let dir = case("server-user-password-differs");
    write_baseline(dir.path());
    let text = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    assert!(
        text.contains(r#""kind":"user","entity":"EMS-ORDERS","fingerprint":"secret""#),
        "{text}"
    );
    // Another hash is the same finding: nothing of the hash is in the entry.
    edit(&dir.path().join("backup/users.conf"), |text| {
        text.replace(
            "$2$aBcDeFgH$Qx1y2z3W4v5u6T7s8R9q",
            "$2$zzzzzzzz$0000000000000000000000",
        )
    });
    let (code, lines) = concise(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!((code, lines), (0, vec![]));
}

/// Every password hash of a users.conf and every value of a password parameter under
/// `testdata/pairs`.
fn testdata_secrets() -> Vec<String> {
    let mut secrets = Vec::new();
    for file in files_under(&testdata("pairs")) {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
            if name == "users.conf" {
                if let Some(hash) = line.split(':').nth(1).filter(|h| h.len() > 3) {
                    secrets.push(hash.to_string());
                }
            } else if name.ends_with(".conf") {
                let mut words = line.splitn(2, |c: char| c == '=' || c.is_whitespace());
                let key = words.next().unwrap_or("").to_ascii_lowercase();
                let value = words
                    .next()
                    .unwrap_or("")
                    .trim_start_matches([' ', '=', '\t'])
                    .trim();
                if key.contains("password") && value.len() > 3 {
                    secrets.push(value.to_string());
                }
            }
        }
    }
    secrets.sort();
    secrets.dedup();
    secrets
}

#[test]
fn no_secret_of_the_testdata_is_in_a_baseline_of_all_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("all.json");
    let out = emsftlint(
        &testdata("pairs"),
        &[
            "--discover",
            ".",
            "--write-baseline",
            baseline.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&baseline).unwrap();
    let secrets = testdata_secrets();
    assert!(secrets.iter().any(|s| s.starts_with("$2$")), "{secrets:?}");
    assert!(
        secrets.iter().any(|s| s.starts_with("$man$")),
        "{secrets:?}"
    );
    for secret in &secrets {
        assert!(
            !text.contains(secret.as_str()),
            "{secret} is in the baseline"
        );
    }
    // Every rule gives what its finding is about.
    for line in text.lines().filter(|l| l.contains("\"rule\"")) {
        assert!(!line.contains(r#""kind":"""#), "no entity: {line}");
    }
}

#[test]
fn a_tree_baseline_keys_pairs_by_their_paths_under_the_tree() {
    let dir = case("ft-partner-missing");
    let out = emsftlint(
        dir.path(),
        &["--discover", "tree", "--write-baseline", "b.json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("b.json")).unwrap();
    assert!(text.contains(r#""pair":"orders-a/tibemsd.conf""#), "{text}");
    // The same tree, named from elsewhere, is the same baseline.
    let out = emsftlint(
        &testdata(""),
        &[
            "--discover",
            dir.path().join("tree").to_str().unwrap(),
            "--baseline",
            dir.path().join("b.json").to_str().unwrap(),
            "--format",
            "concise",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "");
}
