//! Inputs that go wrong, as a new user would try them: each gives its one clear message, and
//! nothing that only restates it. A side that cannot be read is one finding (exit 1) and no
//! comparison runs against it; a command line that cannot be linted at all is one line on
//! stderr and exit 2 (DESIGN §3: bad arguments).

mod common;
use common::{stderr, stdout, testdata};
use std::path::Path;
use std::process::Output;

/// Writes `line` instead of every line of `file` that starts with `start`.
fn replace_line(file: &Path, start: &str, line: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    let edited: String = text
        .lines()
        .map(|l| if l.starts_with(start) { line } else { l })
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(file, edited).unwrap();
}

fn emsftlint(dir: &Path, args: &[&str]) -> Output {
    common::emsftlint_with(dir, args, &[])
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// A temporary directory holding TIBCO-like `primary/` (the clean pair's primary, which
/// lints clean alone) and whatever `backup` the case makes.
fn with_backup(make: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &testdata("pairs/clean/primary"),
        &dir.path().join("primary"),
    );
    make(&dir.path().join("backup"));
    dir
}

/// Lints `primary backup` in concise form and asserts that the report is exactly one
/// finding, of rule `missing-file`, on the backup, whose line holds `says`.
fn one_finding_about_the_backup(dir: &Path, says: &str) -> String {
    let out = emsftlint(dir, &["primary", "backup", "--format", "concise"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "one finding, nothing restating it:\n{text}");
    assert!(lines[0].starts_with("backup"), "{text}");
    assert!(lines[0].contains("[FT901 missing-file]"), "{text}");
    assert!(lines[0].contains(says), "{text}");
    text
}

/// A command line that cannot be linted: exit 2, nothing on stdout, one line on stderr.
fn refused(dir: &Path, args: &[&str], says: &str) {
    let out = emsftlint(dir, args);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("emsftlint: "), "{err}");
    assert!(err.contains(says), "{err}");
}

#[test]
fn a_directory_without_a_main_file_is_one_finding() {
    let dir = with_backup(|b| std::fs::create_dir(b).unwrap());
    one_finding_about_the_backup(dir.path(), "backup holds no tibemsd.conf");
}

#[test]
fn an_empty_main_file_is_one_finding() {
    let dir = with_backup(|b| {
        std::fs::create_dir(b).unwrap();
        std::fs::write(b.join("tibemsd.conf"), "# to be written\n\n").unwrap();
    });
    one_finding_about_the_backup(dir.path(), "sets no parameter");
}

#[test]
fn a_primary_that_cannot_be_read_leaves_the_backup_linted_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("primary")).unwrap();
    copy_dir(&testdata("pairs/clean/backup"), &dir.path().join("backup"));
    let out = emsftlint(dir.path(), &["primary", "backup", "--format", "concise"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "primary:1:1: error[FT901 missing-file] primary holds no tibemsd.conf\n"
    );
}

#[cfg(unix)]
#[test]
fn a_main_file_that_is_a_dangling_link_is_one_finding() {
    let dir = with_backup(|b| {
        std::fs::create_dir(b).unwrap();
        std::os::unix::fs::symlink("gone.conf", b.join("tibemsd.conf")).unwrap();
    });
    one_finding_about_the_backup(dir.path(), "symbolic link to nothing");
}

#[cfg(unix)]
#[test]
fn a_main_file_that_is_a_fifo_is_one_finding_not_a_hang() {
    let dir = with_backup(|b| {
        std::fs::create_dir(b).unwrap();
        let path = std::ffi::CString::new(b.join("tibemsd.conf").to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0);
    });
    one_finding_about_the_backup(dir.path(), "is a FIFO");
}

#[test]
fn a_main_file_that_is_a_directory_is_one_finding() {
    let dir = with_backup(|b| std::fs::create_dir_all(b.join("tibemsd.conf")).unwrap());
    one_finding_about_the_backup(dir.path(), "backup/tibemsd.conf is a directory");
}

#[test]
fn a_main_file_over_the_size_cap_is_one_finding() {
    let dir = with_backup(|b| {
        std::fs::create_dir(b).unwrap();
        let text = std::fs::read_to_string(testdata("pairs/clean/backup/tibemsd.conf")).unwrap();
        let padded = format!("{text}{}", "# padding\n".repeat(2000));
        std::fs::write(b.join("tibemsd.conf"), padded).unwrap();
    });
    let out = emsftlint(
        dir.path(),
        &[
            "primary",
            "backup",
            "--format",
            "concise",
            "--max-file-size",
            "10000",
        ],
    );
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("above the 10000-byte limit"), "{text}");
}

#[test]
fn a_binary_main_file_is_said_to_be_binary_in_one_line() {
    let dir = with_backup(|b| {
        std::fs::create_dir(b).unwrap();
        let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        std::fs::write(b.join("tibemsd.conf"), bytes).unwrap();
    });
    one_finding_about_the_backup(dir.path(), "is binary data");
}

fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    if bom {
        bytes.extend(if little { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
    }
    for unit in text.encode_utf16() {
        bytes.extend(if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

#[test]
fn a_utf16_main_file_is_said_to_be_utf16_in_one_line_with_or_without_a_bom() {
    let text = std::fs::read_to_string(testdata("pairs/clean/backup/tibemsd.conf")).unwrap();
    for (little, bom, says) in [
        (
            true,
            true,
            "UTF-16 text (little-endian, with a byte order mark)",
        ),
        (
            false,
            true,
            "UTF-16 text (big-endian, with a byte order mark)",
        ),
        (
            true,
            false,
            "UTF-16 text (little-endian, without a byte order mark)",
        ),
        (
            false,
            false,
            "UTF-16 text (big-endian, without a byte order mark)",
        ),
    ] {
        let dir = with_backup(|b| {
            std::fs::create_dir(b).unwrap();
            std::fs::write(b.join("tibemsd.conf"), utf16(&text, little, bom)).unwrap();
        });
        one_finding_about_the_backup(dir.path(), says);
    }
}

#[test]
fn a_utf16_sub_file_is_one_finding_at_the_line_that_names_it() {
    let dir = with_backup(|b| {
        copy_dir(&testdata("pairs/clean/backup"), b);
        let users = std::fs::read_to_string(b.join("users.conf")).unwrap();
        std::fs::write(b.join("users.conf"), utf16(&users, true, true)).unwrap();
    });
    let text = one_finding_about_the_backup(dir.path(), "UTF-16 text");
    assert!(
        text.starts_with("backup/tibemsd.conf:") && text.contains("`users` names"),
        "{text}"
    );
}

#[test]
fn a_directory_holding_only_a_named_main_file_says_which_file_to_pass() {
    let dir = with_backup(|b| {
        std::fs::create_dir(b).unwrap();
        std::fs::copy(
            testdata("pairs/clean/backup/tibemsd.conf"),
            b.join("tibemsd_prod.conf"),
        )
        .unwrap();
    });
    let out = emsftlint(dir.path(), &["primary", "backup", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{doc}");
    assert_eq!(
        findings[0]["message"],
        "backup holds no tibemsd.conf; it holds tibemsd_prod.conf"
    );
    assert_eq!(
        findings[0]["help"],
        "pass the main file itself: backup/tibemsd_prod.conf"
    );
}

#[test]
fn one_server_given_twice_is_refused() {
    let dir = with_backup(|_| {});
    refused(dir.path(), &["primary", "primary"], "are one server");
    refused(
        dir.path(),
        &["primary", "primary/tibemsd.conf"],
        "are one server",
    );
}

#[test]
fn a_sub_file_given_as_the_main_file_is_refused_and_named() {
    let dir = with_backup(|_| {});
    refused(
        dir.path(),
        &["primary/users.conf"],
        "primary/users.conf: this is the `users` file tibemsd.conf names (users.conf), not a server's main configuration",
    );
    refused(
        dir.path(),
        &["primary", "primary/queues.conf"],
        "this is the `queues` file",
    );
}

#[test]
fn a_conf_given_to_against_is_refused() {
    let dir = with_backup(|b| copy_dir(&testdata("pairs/clean/backup"), b));
    refused(
        dir.path(),
        &["primary", "backup", "--against", "backup/tibemsd.conf"],
        "--against backup/tibemsd.conf: expects a tibemsd.json",
    );
}

#[test]
fn more_than_two_paths_are_refused() {
    let dir = with_backup(|b| copy_dir(&testdata("pairs/clean/backup"), b));
    refused(
        dir.path(),
        &["primary", "backup", "primary"],
        "at most two paths: PRIMARY, or PRIMARY BACKUP (one server or one pair); 3 given (primary, backup, primary)",
    );
}

#[test]
fn discover_on_a_tree_without_an_ems_server_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "# not EMS\n").unwrap();
    std::fs::write(dir.path().join("logging.conf"), "level = debug\n").unwrap();
    refused(
        dir.path(),
        &["--discover", "."],
        ".: holds no EMS server configuration",
    );
}

#[test]
fn a_parameter_written_empty_is_located_at_its_line() {
    let dir = with_backup(|b| {
        copy_dir(&testdata("pairs/clean/backup"), b);
        replace_line(
            &b.join("tibemsd.conf"),
            "max_msg_memory",
            "max_msg_memory =",
        );
    });
    let line = std::fs::read_to_string(dir.path().join("backup/tibemsd.conf"))
        .unwrap()
        .lines()
        .position(|l| l == "max_msg_memory =")
        .unwrap()
        + 1;
    let out = emsftlint(dir.path(), &["primary", "backup", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{doc}");
    assert_eq!(
        findings[0]["message"],
        "`max_msg_memory` differs: 512MB on primary, written empty (EMS uses no limit) on backup"
    );
    let backup = findings[0]["locations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["side"] == "backup")
        .unwrap();
    assert_eq!(backup["line"], line, "{doc}");
}

#[test]
fn a_missing_file_after_a_path_fallback_names_what_was_written_and_where_it_looked() {
    let dir = with_backup(|b| {
        copy_dir(&testdata("pairs/clean/backup"), b);
        replace_line(
            &b.join("tibemsd.conf"),
            "users ",
            "users = /opt/tibco/ems/config/data/users.conf",
        );
        std::fs::remove_file(b.join("users.conf")).unwrap();
    });
    let out = emsftlint(dir.path(), &["primary", "backup", "--format", "concise"]);
    let text = stdout(&out);
    // An installer path outside the tree is not read; the file beside the main file is
    // looked for instead.
    let missing: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("missing-file") || l.contains("path-outside-tree"))
        .collect();
    assert_eq!(missing.len(), 1, "{text}");
    assert!(
        missing[0].contains(
            "`users` names /opt/tibco/ems/config/data/users.conf, which is outside the directories emsftlint reads; backup/users.conf, where emsftlint looked instead, does not exist"
        ),
        "{text}"
    );
    // It was not read beside the main file, so no path-fallback info claims it was.
    assert!(!text.contains("path-fallback"), "{text}");
}

#[test]
fn a_binary_file_a_non_sub_file_parameter_names_is_no_text_problem() {
    // monitor_ssl_identity may be PKCS#12, ldap_tls_cacert_file DER: bytes, never "not text".
    let dir = with_backup(|b| {
        copy_dir(&testdata("pairs/clean/backup"), b);
        let mut conf = std::fs::read_to_string(b.join("tibemsd.conf")).unwrap();
        conf.push_str("ldap_tls_cacert_file = ca.der\n");
        std::fs::write(b.join("tibemsd.conf"), conf).unwrap();
        std::fs::write(b.join("ca.der"), [0x30, 0x82, 0x00, 0x10, 0x00, 0x00, 0xff]).unwrap();
    });
    let out = emsftlint(dir.path(), &["backup", "--format", "concise"]);
    assert_eq!(stdout(&out), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_path_that_cannot_be_linted_is_named_escaped_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "a\u{1b}]0;pwned\u{7}##[stop-commands]x";
    let out = emsftlint(dir.path(), &[hostile]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("a\\u{1b}]0;pwned\\u{7}"), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(!err.contains("##["), "{err}");
}
