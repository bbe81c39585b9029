//! The command line as a user meets it: exit codes, bad arguments, bad input, secrets.

mod common;
use common::{stdout, testdata};
use std::path::Path;
use std::process::{Command, Output};

fn emsftlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("emsftlint runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A copy of the clean pair in a temporary directory, to break on purpose.
fn scratch_pair() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for side in ["primary", "backup"] {
        let from = testdata("pairs/clean").join(side);
        let to = dir.path().join(side);
        std::fs::create_dir(&to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    dir
}

#[test]
fn the_example_pair_reports_its_findings_and_exits_one() {
    let out = emsftlint(
        &testdata("example"),
        &["primary", "backup", "--no-config", "--color", "never"],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("ft-active-not-reciprocal"), "{text}");
    assert!(text.contains("ft-heartbeat-mismatch"));
    assert!(
        text.contains("-ft_heartbeat            = 3"),
        "a diff of the two lines: {text}"
    );
    assert!(text.contains("+ft_heartbeat            = 5"));
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with("✖ 2 errors, 2 warnings"),
        "{text}"
    );
}

#[test]
fn a_path_that_does_not_exist_exits_two_with_one_line_naming_it() {
    let out = emsftlint(
        &testdata("pairs/clean"),
        &["primary", "no-such-dir", "--no-config"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).lines().count(), 1);
    assert!(stderr(&out).contains("no-such-dir"));
    assert!(stdout(&out).is_empty());
}

#[cfg(unix)]
#[test]
fn a_fifo_on_the_command_line_exits_two_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new("mkfifo")
        .arg(dir.path().join("pipe"))
        .status()
        .unwrap();
    assert!(status.success());
    let out = emsftlint(dir.path(), &["pipe", "--no-config"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("pipe: is neither a directory nor a file"));
}

#[cfg(unix)]
#[test]
fn a_fifo_named_by_the_config_is_a_finding_not_a_hang() {
    let dir = scratch_pair();
    let users = dir.path().join("backup/users.conf");
    std::fs::remove_file(&users).unwrap();
    assert!(Command::new("mkfifo")
        .arg(&users)
        .status()
        .unwrap()
        .success());
    let out = emsftlint(
        dir.path(),
        &["primary", "backup", "--no-config", "--format", "concise"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("backup/users.conf, which is a FIFO, not a regular file"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_directory_without_tibemsd_conf_is_a_finding_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let out = emsftlint(dir.path(), &["empty", "--no-config", "--format", "concise"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "empty:1:1: error[FT901 missing-file] empty holds no tibemsd.conf\n"
    );
}

#[test]
fn fail_on_and_exit_zero_decide_the_exit_code() {
    let case = testdata("pairs/setting-mismatch");
    let warn = ["primary", "backup", "--no-config"];
    assert_eq!(emsftlint(&case, &warn).status.code(), Some(1));
    let on_error = [&warn[..], &["--fail-on", "error"]].concat();
    assert_eq!(emsftlint(&case, &on_error).status.code(), Some(0));
    let errors = testdata("pairs/server-name-mismatch");
    let zero = [&warn[..], &["--exit-zero"]].concat();
    assert_eq!(emsftlint(&errors, &zero).status.code(), Some(0));
    let info = testdata("pairs/path-fallback");
    assert_eq!(emsftlint(&info, &warn).status.code(), Some(0));
    let on_info = [&warn[..], &["--fail-on", "info"]].concat();
    assert_eq!(emsftlint(&info, &on_info).status.code(), Some(1));
}

#[test]
fn rules_are_turned_off_and_raised_from_the_command_line() {
    let case = testdata("pairs/setting-mismatch");
    let out = emsftlint(
        &case,
        &["primary", "backup", "--no-config", "-A", "setting-mismatch"],
    );
    assert_eq!(out.status.code(), Some(0));
    let out = emsftlint(
        &case,
        &[
            "primary",
            "backup",
            "--no-config",
            "-D",
            "FT022",
            "--format",
            "concise",
        ],
    );
    assert!(stdout(&out).contains("error[FT022 setting-mismatch]"));
    let out = emsftlint(
        &case,
        &["primary", "backup", "--no-config", "-A", "setting-mismatc"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean `setting-mismatch`"));
}

#[test]
fn a_bad_config_file_exits_two_pointing_into_it() {
    let dir = scratch_pair();
    std::fs::write(
        dir.path().join("emsftlint.toml"),
        "mode = \"shared\"\nfail-on = \"error\"\n",
    )
    .unwrap();
    let out = emsftlint(dir.path(), &["primary", "backup"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("emsftlint.toml"), "{err}");
    assert!(err.contains("fail-on"), "{err}");
    assert!(
        err.contains("2 │ fail-on"),
        "the report quotes the line: {err}"
    );
}

#[test]
fn the_config_file_is_found_in_an_ancestor_directory() {
    let dir = scratch_pair();
    std::fs::write(
        dir.path().join("emsftlint.toml"),
        "[rules]\nsetting-mismatch = \"error\"\n",
    )
    .unwrap();
    let backup = dir.path().join("backup/tibemsd.conf");
    let text = std::fs::read_to_string(&backup)
        .unwrap()
        .replace("512MB", "1GB");
    std::fs::write(&backup, text).unwrap();
    let sub = dir.path().join("backup");
    let out = emsftlint(&sub, &["../primary", ".", "--format", "concise"]);
    assert!(
        stdout(&out).contains("error[FT022 setting-mismatch]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn one_path_lints_one_server() {
    let out = emsftlint(
        &testdata("pairs/clean"),
        &["primary", "--no-config", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["inputs"]["backup"], serde_json::Value::Null);
    let out = emsftlint(
        &testdata("pairs/unknown-parameter"),
        &["primary", "--no-config", "--format", "concise"],
    );
    assert_eq!(stdout(&out), "primary/tibemsd.conf:23:1: warning[FT902 unknown-parameter] unknown parameter `ft_heartbeet`\n");
}

#[test]
fn the_main_file_itself_may_be_given() {
    let out = emsftlint(
        &testdata("pairs/ft-heartbeat-mismatch"),
        &[
            "primary/tibemsd.conf",
            "backup/tibemsd.conf",
            "--no-config",
            "--format",
            "concise",
        ],
    );
    assert_eq!(
        stdout(&out),
        "primary/tibemsd.conf:23:1: warning[FT014 ft-heartbeat-mismatch] `ft_heartbeat` differs: 3 on primary, 5 on backup\n"
    );
}

#[test]
fn path_map_rewrites_absolute_paths() {
    let dir = scratch_pair();
    for side in ["primary", "backup"] {
        let conf = dir.path().join(side).join("tibemsd.conf");
        let text = std::fs::read_to_string(&conf)
            .unwrap()
            .replace("= users.conf", "= \"/opt/tibco/ems/config/users.conf\"");
        std::fs::write(&conf, text).unwrap();
    }
    let out = emsftlint(
        dir.path(),
        &["primary", "backup", "--no-config", "--format", "concise"],
    );
    assert!(stdout(&out).contains("path-fallback"));
    let out = emsftlint(
        dir.path(),
        &[
            "primary",
            "backup",
            "--no-config",
            "--format",
            "concise",
            "--path-map",
            "/opt/tibco/ems/config=.",
        ],
    );
    assert_eq!(stdout(&out), "", "mapped explicitly, nothing to report");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn colour_is_used_only_when_asked_or_on_a_terminal() {
    let case = testdata("pairs/setting-mismatch");
    let always = emsftlint(
        &case,
        &["primary", "backup", "--no-config", "--color", "always"],
    );
    assert!(stdout(&always).contains("\u{1b}["));
    let auto = emsftlint(&case, &["primary", "backup", "--no-config"]);
    assert!(
        !stdout(&auto).contains("\u{1b}["),
        "stdout is not a terminal here"
    );
}

#[test]
fn list_rules_prints_every_rule() {
    let out = emsftlint(&testdata("pairs"), &["--list-rules"]);
    assert_eq!(out.status.code(), Some(0));
    for rule in emsftlint::rules::registry::registry() {
        assert!(
            stdout(&out).contains(rule.meta().name),
            "{}",
            rule.meta().name
        );
    }
}

#[test]
fn garbage_input_gives_findings_never_a_crash() {
    let cases: [(&str, Vec<u8>); 5] = [
        ("binary", (0..=255u8).cycle().take(4096).collect()),
        ("empty", Vec::new()),
        (
            "nul",
            b"server = A\0B\nlisten = tcp://\0:7222\n\0\0\0 = \0\n".to_vec(),
        ),
        (
            "huge-line",
            [
                b"server = A\nx = ".as_slice(),
                &vec![b'y'; 300_000],
                b"\nlisten = tcp://7222\n",
            ]
            .concat(),
        ),
        ("no-newline", b"server".to_vec()),
    ];
    for (name, bytes) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("tibemsd.conf"), &bytes).unwrap();
        for format in ["human", "json", "concise"] {
            let out = emsftlint(dir.path(), &[".", "--no-config", "--format", format]);
            let code = out.status.code();
            assert!(
                code == Some(0) || code == Some(1),
                "{name} {format}: {code:?} {}",
                stderr(&out)
            );
            assert!(stderr(&out).is_empty(), "{name}: {}", stderr(&out));
        }
    }
}

#[test]
fn a_huge_line_is_named_by_line_not_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "server = A\nx = {}\nlisten = tcp://7222\n",
        "y".repeat(300_000)
    );
    std::fs::write(dir.path().join("tibemsd.conf"), text).unwrap();
    let out = emsftlint(dir.path(), &[".", "--no-config", "--color", "never"]);
    let text = stdout(&out);
    assert!(
        text.contains("./tibemsd.conf:2:1"),
        "{}",
        &text[..text.len().min(2000)]
    );
    assert!(text.len() < 5_000, "the line is not printed");
}

#[test]
fn no_format_ever_prints_a_secret() {
    let dir = scratch_pair();
    let secrets = [
        "hunter2-primary",
        "hunter2-backup",
        "$2$aBcDeFgH$Qx1y2z3W4v5u6T7s8R9q",
        "$man$WjtSRCpaXu7hoTkDlcEPr6KNKRr",
    ];
    let primary = dir.path().join("primary/tibemsd.conf");
    let text = std::fs::read_to_string(&primary)
        .unwrap()
        .replace("$man$WjtSRCpaXu7hoTkDlcEPr6KNKRr", "hunter2-primary");
    std::fs::write(&primary, format!("{text}ssl_password = hunter2-primary\nssl_password = $man$WjtSRCpaXu7hoTkDlcEPr6KNKRr\npassword hunter2-primary\n")).unwrap();
    let backup = dir.path().join("backup/tibemsd.conf");
    let text = std::fs::read_to_string(&backup).unwrap();
    std::fs::write(&backup, format!("{text}password = hunter2-backup\n")).unwrap();
    let users = dir.path().join("backup/users.conf");
    let text = std::fs::read_to_string(&users)
        .unwrap()
        .replace("$2$aBcDeFgH$Qx1y2z3W4v5u6T7s8R9q", "$2$other$hash");
    std::fs::write(&users, text).unwrap();
    for format in [
        "human", "json", "concise", "sarif", "github", "junit", "html",
    ] {
        let out = emsftlint(
            dir.path(),
            &[
                "primary",
                "backup",
                "--no-config",
                "--format",
                format,
                "--color",
                "never",
            ],
        );
        assert_eq!(out.status.code(), Some(1));
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            all.contains("password"),
            "{format}: the findings are about passwords: {all}"
        );
        for secret in secrets {
            assert!(!all.contains(secret), "{format} prints {secret}: {all}");
        }
        assert!(!all.contains("hunter2"), "{format}: {all}");
    }
}

#[test]
fn an_allow_comment_silences_its_rule_on_the_next_entry_only() {
    let dir = scratch_pair();
    let backup = dir.path().join("backup/tibemsd.conf");
    let text = std::fs::read_to_string(&backup).unwrap().replace(
        "max_msg_memory          = 512MB\n",
        "# emsftlint: allow(setting-mismatch)\n# sized for this host\nmax_msg_memory          = 1GB\n",
    );
    let text = text.replace(
        "ft_heartbeat            = 3\n",
        "ft_heartbeat            = 5\n",
    );
    std::fs::write(&backup, text).unwrap();
    let out = emsftlint(
        dir.path(),
        &["primary", "backup", "--no-config", "--format", "concise"],
    );
    let text = stdout(&out);
    assert!(!text.contains("setting-mismatch"), "{text}");
    assert!(
        text.contains("ft-heartbeat-mismatch"),
        "other rules still fire: {text}"
    );
    assert!(!text.contains("unused-suppression"), "{text}");
}

#[test]
fn output_writes_the_report_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.json");
    let out = emsftlint(
        &testdata("example"),
        &[
            "primary",
            "backup",
            "--no-config",
            "--format",
            "json",
            "--output",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(doc["summary"]["error"], 2);
    let bad = emsftlint(
        &testdata("example"),
        &[
            "primary",
            "backup",
            "--no-config",
            "--output",
            "/nonexistent-dir/x",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_users_conf_line_that_does_not_parse_never_shows_its_hash() {
    let dir = scratch_pair();
    let users = dir.path().join("backup/users.conf");
    let text = std::fs::read_to_string(&users).unwrap();
    std::fs::write(
        &users,
        format!("{text}bad name:$2$salt$LeakedHashValue:\"x\"\n"),
    )
    .unwrap();
    for format in [
        "human", "json", "concise", "sarif", "github", "junit", "html",
    ] {
        let out = emsftlint(
            dir.path(),
            &[
                "primary",
                "backup",
                "--no-config",
                "--format",
                format,
                "--color",
                "never",
            ],
        );
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            all.contains("FT900"),
            "{format}: the bad line is reported: {all}"
        );
        assert!(
            !all.contains("LeakedHashValue"),
            "{format} shows the hash: {all}"
        );
    }
}

#[test]
fn the_readme_configuration_example_is_a_valid_config() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = &readme[readme.find("## Configuration").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let block = &section[start..start + section[start..].find("```").unwrap()];
    let dir = scratch_pair();
    std::fs::write(dir.path().join("example.toml"), block).unwrap();
    let args = [
        "primary",
        "backup",
        "--config",
        "example.toml",
        "--format",
        "concise",
    ];
    let out = emsftlint(dir.path(), &args);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    assert_ne!(out.status.code(), Some(2));
    // The only finding: the example's token queue is not in the clean pair.
    let text = stdout(&out);
    assert!(text.lines().all(|l| l.contains("ft-token-queue")), "{text}");
}
