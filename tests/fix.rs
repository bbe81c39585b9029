//! `--fix-from primary|backup [--diff]`, run as a user runs it: the patch applies with plain
//! `git apply` (and `patch -p1`), leaves every line it does not touch byte for byte, removes
//! every equivalence finding it does not say is left to the operator, and never shows a
//! secret; the write mode writes the same change and exits as the new lint does.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use common::{stderr, stdout, testdata};
use proptest::prelude::*;

/// The rules `--fix-from` resolves: every equivalence rule of a .conf pair, and
/// setting-mismatch.
const FIXED_RULES: [&str; 14] = [
    "destination-mismatch",
    "user-mismatch",
    "user-description-mismatch",
    "group-mismatch",
    "acl-mismatch",
    "route-mismatch",
    "bridge-mismatch",
    "durable-mismatch",
    "store-mismatch",
    "channel-mismatch",
    "transport-mismatch",
    "tibrvcm-mismatch",
    "factory-mismatch",
    "setting-mismatch",
];

fn emsftlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .current_dir(dir)
        .args(args)
        .args(["--no-config", "--color", "never"])
        .output()
        .unwrap()
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .args([] as [&str; 0])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap()
}

/// A copy of a testdata pair in a new git repository: `primary/` and `backup/`.
fn repo_of(pair: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for side in ["primary", "backup"] {
        let to = dir.path().join(side);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(pair.join(side)).unwrap() {
            let entry = entry.unwrap();
            if entry.path().is_file() {
                std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
            }
        }
    }
    assert!(git(dir.path(), &["init", "-q"]).status.success());
    dir
}

/// Every file of a side, by name, as bytes.
fn side_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

/// The findings of the pair in `dir` whose rule is one the fix resolves.
fn fixed_rule_findings(dir: &Path) -> Vec<(String, String)> {
    let out = emsftlint(dir, &["primary", "backup", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| FIXED_RULES.contains(&f["rule"].as_str().unwrap_or("")))
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or("").to_string(),
                f["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The lines of a text with their endings.
fn lines_of(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|&b| b == b'\n').collect()
}

/// Checks that `new` is `old` with only the hunks of `patch` for `path` changed: every line
/// outside a hunk, and every context line, is the same bytes.
fn only_hunks_changed(patch: &str, path: &str, old: &[u8], new: &[u8]) {
    let (old, new) = (lines_of(old), lines_of(new));
    let header = format!("--- a/{path}\n");
    let Some(start) = patch.find(&header) else {
        assert_eq!(old, new, "{path} changed without a diff");
        return;
    };
    let body = &patch[start + header.len()..];
    let body = body.split("\n--- a/").next().unwrap_or(body);
    let (mut at_old, mut at_new) = (0usize, 0usize);
    for hunk in body.split("\n@@ ").skip(1) {
        let head = hunk.split(" @@").next().unwrap();
        let mut parts = head.split(' ');
        let parse = |part: &str| -> (usize, usize) {
            let mut numbers = part[1..].split(',');
            let start: usize = numbers.next().unwrap().parse().unwrap();
            let count: usize = numbers.next().map_or(1, |c| c.parse().unwrap());
            (start, count)
        };
        let (old_start, old_count) = parse(parts.next().unwrap());
        let (new_start, new_count) = parse(parts.next().unwrap());
        let old_first = if old_count == 0 {
            old_start
        } else {
            old_start - 1
        };
        let new_first = if new_count == 0 {
            new_start
        } else {
            new_start - 1
        };
        assert_eq!(
            old[at_old..old_first],
            new[at_new..new_first],
            "{path}: a line outside the hunks changed"
        );
        at_old = old_first + old_count;
        at_new = new_first + new_count;
    }
    assert_eq!(
        old[at_old..],
        new[at_new..],
        "{path}: a line after the last hunk changed"
    );
}

/// Every secret of the testdata: users.conf hashes and tibemsd.conf passwords.
fn testdata_secrets() -> Vec<String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(testdata("pairs")) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        for line in text.lines() {
            if name == "users.conf" && !line.trim_start().starts_with('#') {
                if let Some(hash) = line.split(':').nth(1).filter(|h| h.len() > 3) {
                    out.push(hash.to_string());
                }
            }
            if name.ends_with(".conf") && line.contains("password") {
                if let Some((_, value)) = line.split_once('=') {
                    let value = value.trim().trim_matches('"');
                    if value.len() > 3 {
                        out.push(value.to_string());
                    }
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Runs the fix of the pair in `dir` from `from` as a patch, applies it with git, and
/// checks what the user would: it applies, only its hunks change, no secret shows, and what
/// remains of the fixed rules is what the notes leave to the operator.
fn fix_by_patch(dir: &Path, from: &str, secrets: &[String]) -> String {
    let before: Vec<_> = ["primary", "backup"]
        .iter()
        .flat_map(|s| side_files(&dir.join(s)))
        .collect();
    let out = emsftlint(dir, &["--fix-from", from, "--diff", "primary", "backup"]);
    let patch = stdout(&out);
    let notes = stderr(&out);
    let code = out.status.code();
    assert_eq!(code, Some(if patch.is_empty() { 0 } else { 1 }), "{notes}");
    for secret in secrets {
        assert!(
            !patch.contains(secret.as_str()),
            "a secret in the patch:\n{patch}"
        );
        assert!(
            !notes.contains(secret.as_str()),
            "a secret in the notes:\n{notes}"
        );
    }
    // --diff writes nothing.
    for (path, bytes) in &before {
        assert_eq!(
            &std::fs::read(path).unwrap(),
            bytes,
            "--diff wrote {}",
            path.display()
        );
    }
    if !patch.is_empty() {
        std::fs::write(dir.join("fix.patch"), &patch).unwrap();
        let check = Command::new("patch")
            .current_dir(dir)
            .args(["-p1", "--dry-run", "--quiet", "-i", "fix.patch"])
            .output();
        // GNU patch, where it is installed.
        if let Ok(check) = check {
            assert!(
                check.status.success(),
                "patch -p1 refuses:\n{patch}\n{}",
                stdout(&check)
            );
        }
        let applied = git(dir, &["apply", "fix.patch"]);
        assert!(
            applied.status.success(),
            "git apply refuses:\n{patch}\n{}",
            stderr(&applied)
        );
        std::fs::remove_file(dir.join("fix.patch")).unwrap();
    }
    let root = dir.to_path_buf();
    for (path, bytes) in &before {
        let relative = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        only_hunks_changed(&patch, &relative, bytes, &std::fs::read(path).unwrap());
    }
    for (rule, message) in fixed_rule_findings(dir) {
        let entity = message.split('`').nth(1).unwrap_or("");
        assert!(
            !entity.is_empty() && notes.contains(&format!("`{entity}`")),
            "{rule} remains and no note says why: {message}\nnotes:\n{notes}\npatch:\n{patch}"
        );
    }
    notes
}

/// The testdata pairs of the rules the fix resolves.
fn fixed_pairs() -> Vec<(String, PathBuf)> {
    FIXED_RULES
        .iter()
        .map(|rule| (rule.to_string(), testdata("pairs").join(rule)))
        .filter(|(_, dir)| dir.join("primary").is_dir())
        .collect()
}

#[test]
fn every_rule_pair_is_fixed_from_either_side_by_a_patch_git_applies() {
    let secrets = testdata_secrets();
    assert!(
        secrets.len() >= 2,
        "the testdata has password hashes to look for"
    );
    let pairs = fixed_pairs();
    assert!(pairs.len() >= 13, "{pairs:?}");
    for (rule, pair) in pairs {
        for from in ["primary", "backup"] {
            let dir = repo_of(&pair);
            assert!(
                !fixed_rule_findings(dir.path()).is_empty(),
                "{rule}: its pair has nothing to fix"
            );
            fix_by_patch(dir.path(), from, &secrets);
            // Fixed: the same fix again changes nothing.
            let again = emsftlint(
                dir.path(),
                &["--fix-from", from, "--diff", "primary", "backup"],
            );
            assert_eq!(
                stdout(&again),
                "",
                "{rule} from {from}: a second fix still changes"
            );
        }
    }
}

#[test]
fn a_password_is_never_copied_and_the_note_says_to_set_it_with_tibemsadmin() {
    let dir = repo_of(&testdata("pairs/user-mismatch"));
    let notes = fix_by_patch(dir.path(), "primary", &testdata_secrets());
    assert!(
        notes.contains("user `ops` has a password on primary and none on backup"),
        "{notes}"
    );
    assert!(
        notes.contains("tibemsadmin (`set password ops`)"),
        "{notes}"
    );
    let users = std::fs::read_to_string(dir.path().join("backup/users.conf")).unwrap();
    assert!(
        users.contains("app-billing::\"Billing application\"\n"),
        "{users}"
    );
}

#[test]
fn a_missing_entry_goes_next_to_its_neighbour_and_context_stops_at_a_hash() {
    let dir = repo_of(&testdata("pairs/user-mismatch"));
    let out = emsftlint(
        dir.path(),
        &["--fix-from", "primary", "--diff", "primary", "backup"],
    );
    // app-billing follows app-orders on primary; the line above app-orders holds a hash, so
    // the hunk's leading context is one line.
    assert_eq!(
        stdout(&out),
        "--- a/backup/users.conf\n+++ b/backup/users.conf\n@@ -4,2 +4,3 @@\n app-orders::\"Orders application\"\n+app-billing::\"Billing application\"\n ops::\"Operations\"\n"
    );
}

#[test]
fn the_write_mode_writes_the_patch_and_exits_as_the_new_lint() {
    let pair = testdata("pairs/destination-mismatch");
    let by_patch = repo_of(&pair);
    fix_by_patch(by_patch.path(), "primary", &[]);
    let written = repo_of(&pair);
    let out = emsftlint(
        written.path(),
        &[
            "--fix-from",
            "primary",
            "primary",
            "backup",
            "--format",
            "concise",
        ],
    );
    let after = emsftlint(
        written.path(),
        &["primary", "backup", "--format", "concise"],
    );
    assert_eq!(out.status.code(), after.status.code(), "{}", stderr(&out));
    assert_eq!(stdout(&out), stdout(&after));
    assert!(
        stderr(&out).contains("fixed backup/queues.conf from primary")
            || stderr(&out).contains("fixed backup/"),
        "{}",
        stderr(&out)
    );
    for side in ["primary", "backup"] {
        assert_eq!(
            side_files(&by_patch.path().join(side))
                .into_iter()
                .map(|(_, b)| b)
                .collect::<Vec<_>>(),
            side_files(&written.path().join(side))
                .into_iter()
                .map(|(_, b)| b)
                .collect::<Vec<_>>(),
        );
    }
    // Nothing left to fix: exit status 0 when the new lint is clean of failing findings.
    let clean = emsftlint(
        written.path(),
        &["--fix-from", "primary", "--diff", "primary", "backup"],
    );
    assert_eq!(clean.status.code(), Some(0));
    assert!(
        stderr(&clean).contains("nothing to fix from primary"),
        "{}",
        stderr(&clean)
    );
}

#[test]
fn per_server_parameters_are_never_touched() {
    let dir = repo_of(&testdata("pairs/setting-mismatch"));
    let out = emsftlint(
        dir.path(),
        &["--fix-from", "primary", "--diff", "primary", "backup"],
    );
    let patch = stdout(&out);
    assert!(
        patch.contains("+max_msg_memory          = 512MB\n"),
        "{patch}"
    );
    for word in ["listen", "ft_active", "logfile", "server "] {
        assert!(
            !patch
                .lines()
                .any(|l| l.starts_with(['+', '-']) && l[1..].starts_with(word)),
            "{word}:\n{patch}"
        );
    }
}

#[test]
fn a_json_configuration_is_refused_with_a_message() {
    let json = testdata("pairs/json-conf-mismatch/tibemsd.json");
    let out = emsftlint(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["--fix-from", "primary", json.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("a JSON configuration (tibemsd.json) is not supported"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_file_with_a_byte_order_mark_is_not_rewritten() {
    let dir = repo_of(&testdata("pairs/destination-mismatch"));
    let queues = dir.path().join("backup/queues.conf");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(std::fs::read(&queues).unwrap());
    std::fs::write(&queues, &bytes).unwrap();
    let out = emsftlint(dir.path(), &["--fix-from", "primary", "primary", "backup"]);
    assert_eq!(std::fs::read(&queues).unwrap(), bytes);
    assert!(
        stderr(&out).contains("backup/queues.conf starts with a byte-order mark"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_rule_turned_off_or_an_entry_silenced_is_left_as_the_operator_chose() {
    let dir = repo_of(&testdata("pairs/destination-mismatch"));
    let off = emsftlint(
        dir.path(),
        &[
            "--fix-from",
            "primary",
            "--diff",
            "-A",
            "destination-mismatch",
            "primary",
            "backup",
        ],
    );
    let patch = stdout(&off);
    assert!(
        !patch.contains("queues.conf") && !patch.contains("topics.conf"),
        "{patch}"
    );
    // A suppression on backup's orders.in: the queue missing there is still added.
    let queues = dir.path().join("backup/queues.conf");
    let text = std::fs::read_to_string(&queues).unwrap();
    let silenced = text.replace(
        "orders.in ",
        "# emsftlint: allow(destination-mismatch)\norders.in ",
    );
    std::fs::write(&queues, &silenced).unwrap();
    let out = emsftlint(
        dir.path(),
        &["--fix-from", "primary", "--diff", "primary", "backup"],
    );
    let patch = stdout(&out);
    assert!(patch.contains("+orders.dlq store=$sys.failsafe"), "{patch}");
    assert!(!patch.contains("\n-orders.in"), "{patch}");
    assert!(!patch.contains("\n+orders.in"), "{patch}");
}

#[test]
fn diff_needs_fix_from() {
    let out = emsftlint(Path::new("."), &["--diff", "a", "b"]);
    assert_eq!(out.status.code(), Some(2));
}

/// One file of the large pair: its entries (each one or more lines), and what separates
/// two entries (a blank line between INI sections).
struct Large {
    name: &'static str,
    entries: Vec<Vec<String>>,
    separator: bool,
}

/// A large pair: queues, topics, users (every third with a password hash), groups, ACL
/// lines, routes and tibemsd.conf parameters.
fn large_side(n: usize) -> Vec<Large> {
    let one = |lines: Vec<String>| lines.into_iter().map(|l| vec![l]).collect();
    vec![
        Large {
            name: "queues.conf",
            entries: one((0..n)
                .map(|i| format!("q.{i:03} maxbytes={}KB", 10 + i % 7))
                .collect()),
            separator: false,
        },
        Large {
            name: "topics.conf",
            entries: one((0..n).map(|i| format!("t.{i:03}")).collect()),
            separator: false,
        },
        Large {
            name: "users.conf",
            entries: one((0..n)
                .map(|i| match i % 3 {
                    0 => format!("u{i:03}:$2$s{i:03}$HASHHASH{i:03}:\"user {i}\""),
                    _ => format!("u{i:03}::\"user {i}\""),
                })
                .collect()),
            separator: false,
        },
        Large {
            name: "acl.conf",
            entries: one((0..n)
                .map(|i| format!("QUEUE=q.{i:03} USER=u{i:03} PERM=receive"))
                .collect()),
            separator: false,
        },
        Large {
            name: "groups.conf",
            entries: (0..n / 4)
                .map(|g| {
                    let mut lines = vec![format!("g{g:02}:\"group {g}\"")];
                    lines.extend((0..3).map(|m| format!("  u{:03}", g * 3 + m)));
                    lines
                })
                .collect(),
            separator: false,
        },
        Large {
            name: "routes.conf",
            entries: (0..n / 4)
                .map(|r| {
                    vec![
                        format!("[R{r:02}]"),
                        format!("  url = tcp://r{r:02}.example.com:7222"),
                        "  zone_name = default_mhop_zone".to_string(),
                    ]
                })
                .collect(),
            separator: true,
        },
        Large {
            name: "tibemsd.conf",
            entries: one([
                "max_msg_memory = 512MB",
                "msg_swapping = enabled",
                "max_connections = 100",
                "statistics = enabled",
                "rate_interval = 3",
            ]
            .map(String::from)
            .to_vec()),
            separator: false,
        },
    ]
}

const LARGE_TIBEMSD: &str = "server = EMS-LARGE\nusers = users.conf\ngroups = groups.conf\nqueues = queues.conf\ntopics = topics.conf\nacl_list = acl.conf\nroutes = routes.conf\n";

/// One drift of the backup: `(file, entry)` dropped, added before, or changed.
#[derive(Debug, Clone)]
enum Drift {
    Drop(usize, usize),
    Add(usize, usize),
    Change(usize, usize),
}

fn drifts() -> impl Strategy<Value = (Vec<Drift>, bool, bool)> {
    let one = prop_oneof![
        (0..7usize, 0..40usize).prop_map(|(f, l)| Drift::Drop(f, l)),
        (0..7usize, 0..40usize).prop_map(|(f, l)| Drift::Add(f, l)),
        (0..7usize, 0..40usize).prop_map(|(f, l)| Drift::Change(f, l)),
    ];
    (
        proptest::collection::vec(one, 1..10),
        any::<bool>(),
        any::<bool>(),
    )
}

/// The entry `Drift::Add` writes in file `f` at `l`.
fn added(f: usize, l: usize) -> Vec<String> {
    match f {
        0 => vec![format!("extra.q{l} maxbytes=1MB")],
        1 => vec![format!("extra.t{l}")],
        2 => vec![format!("extra{l}::\"extra\"")],
        3 => vec![format!("TOPIC=t.{l:03} USER=extra{l} PERM=publish")],
        4 => vec![format!("extra{l}:\"extra\""), "  u001".into()],
        5 => vec![
            format!("[extra{l}]"),
            format!("  url = tcp://extra{l}:7222"),
        ],
        _ => vec!["track_message_ids = enabled".into()],
    }
}

/// Entry `entry` of file `f` changed.
fn changed(f: usize, entry: &mut Vec<String>) {
    match f {
        0 | 1 => entry[0].push_str(" secure"),
        2 => entry[0] = entry[0].replace("\"user", "\"changed user"),
        3 => entry[0] = entry[0].replace("PERM=receive", "PERM=receive,browse"),
        4 => {
            entry.pop();
            entry.push("  u039".into());
            entry[0] = entry[0].replace("\"group", "\"renamed group");
        }
        5 => {
            entry[1] = entry[1].replace("7222", "7243");
            entry.push("  zone_type = 1hop".into());
        }
        _ => entry[0] = entry[0].replace("= 100", "= 200").replace("= 3", "= 5"),
    }
}

fn write_large(dir: &Path, drifts: &[Drift], crlf: bool, final_newline: bool) {
    for side in ["primary", "backup"] {
        let to = dir.join(side);
        std::fs::create_dir_all(&to).unwrap();
        let mut files = large_side(40);
        if side == "backup" {
            for drift in drifts {
                let (Drift::Drop(f, l) | Drift::Add(f, l) | Drift::Change(f, l)) = *drift;
                let entries = &mut files[f].entries;
                let l = l.min(entries.len().saturating_sub(1));
                // Users with a password stay as they are: the fix never copies a hash.
                let hashed = |entry: &[String]| f == 2 && !entry[0].contains("::");
                match drift {
                    Drift::Drop(..) if !entries.is_empty() && !hashed(&entries[l]) => {
                        entries.remove(l);
                    }
                    Drift::Add(..) if !entries.iter().any(|e| *e == added(f, l)) => {
                        entries.insert(l, added(f, l));
                    }
                    Drift::Change(..) if !entries.is_empty() && !hashed(&entries[l]) => {
                        changed(f, &mut entries[l]);
                    }
                    _ => {}
                }
            }
        }
        for file in files {
            let ending = if crlf && side == "backup" {
                "\r\n"
            } else {
                "\n"
            };
            let blocks: Vec<String> = file.entries.iter().map(|e| e.join(ending)).collect();
            let between = if file.separator {
                format!("{ending}{ending}")
            } else {
                ending.to_string()
            };
            let head = if file.name == "tibemsd.conf" {
                LARGE_TIBEMSD.replace('\n', ending)
            } else {
                format!("# {}{ending}", file.name)
            };
            let mut text = head + &blocks.join(&between);
            if final_newline || side == "primary" {
                text.push_str(ending);
            }
            std::fs::write(to.join(file.name), text).unwrap();
        }
    }
    assert!(git(dir, &["init", "-q"]).status.success());
}

#[test]
fn a_file_past_the_drift_limit_is_fixed_whole() {
    let dir = tempfile::tempdir().unwrap();
    let drifts: Vec<Drift> = (0..30).map(|_| Drift::Drop(0, 5)).collect();
    write_large(dir.path(), &drifts, false, true);
    let before = fixed_rule_findings(dir.path());
    assert!(
        before.iter().any(|(_, m)| m.contains("30")),
        "one finding for the file: {before:?}"
    );
    fix_by_patch(dir.path(), "primary", &[]);
    assert_eq!(
        fixed_rule_findings(dir.path()),
        Vec::<(String, String)>::new()
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 12,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_drifts_of_a_large_pair_are_fixed_by_a_patch((drifts, crlf, final_newline) in drifts()) {
        let secrets: Vec<String> = (0..40).map(|i| format!("HASHHASH{i:03}")).collect();
        for from in ["primary", "backup"] {
            // As a patch: what it cannot show without a secret as context is in the notes.
            let dir = tempfile::tempdir().unwrap();
            write_large(dir.path(), &drifts, crlf, final_newline);
            fix_by_patch(dir.path(), from, &secrets);
            // Written: only the lines with a hash are left, and the drifts never touch them.
            let dir = tempfile::tempdir().unwrap();
            write_large(dir.path(), &drifts, crlf, final_newline);
            let out = emsftlint(dir.path(), &["--fix-from", from, "primary", "backup", "--format", "json"]);
            for secret in &secrets {
                prop_assert!(!stdout(&out).contains(secret.as_str()) && !stderr(&out).contains(secret.as_str()));
            }
            prop_assert_eq!(fixed_rule_findings(dir.path()), Vec::<(String, String)>::new());
            let users = std::fs::read_to_string(dir.path().join(if from == "primary" { "backup" } else { "primary" }).join("users.conf")).unwrap();
            for i in (0..40).step_by(3) {
                let hash = format!("HASHHASH{i:03}");
                prop_assert!(users.contains(hash.as_str()), "{} lost", hash);
            }
        }
    }
}
