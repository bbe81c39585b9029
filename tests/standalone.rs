//! A standalone server is not a broken pair: one server given alone, a .conf server with no
//! (or an empty) `ft_active`, and a tibemsd.json that describes one server are linted with the
//! single-server rules only. Two inputs are a pair, and the FT rules apply to them.

mod common;
use common::stdout;
use std::path::Path;
use std::process::{Command, Output};

fn emsftlint(dir: &Path, args: &[&str]) -> Output {
    common::emsftlint_with(dir, args, &["--format", "concise"])
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// TIBCO's Docker sample writes a standalone server so: one server's listens, no flag
/// (TIBCOSoftware/TIBCO-Messaging ems/samples/docker/tibemsd-configbase.json).
const DOCKER_LIKE: &str = r#"{
  "tibemsd": {
    "server": "EMS-SERVER",
    "primary_listens": [ { "url": "tcp://7222" } ],
    "ft_heartbeat": 3
  }
}
"#;

#[test]
fn a_json_configuration_of_one_server_has_no_ft_finding() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("one/tibemsd.json"), DOCKER_LIKE);
    for input in ["one", "one/tibemsd.json"] {
        let out = emsftlint(dir.path(), &[input]);
        assert_eq!(stdout(&out), "", "{input}");
        assert_eq!(out.status.code(), Some(0), "{input}");
    }
}

#[test]
fn a_json_configuration_with_an_empty_secondary_and_no_flag_is_one_server() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("tibemsd.json"),
        r#"{"tibemsd": {"server": "EMS-SERVER",
            "primary_listens": [{"url": "tcp://7222", "ft_active": false}],
            "secondary_listens": []}}
"#,
    );
    let out = emsftlint(dir.path(), &["tibemsd.json"]);
    assert_eq!(stdout(&out), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_json_configuration_that_lists_a_secondary_url_is_a_pair_and_must_be_complete() {
    // A URL in secondary_listens starts fault tolerance (EMS 10.1 "Configuration Errors"):
    // the peer's list then needs its ft_active flag.
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("tibemsd.json"),
        r#"{"tibemsd": {"server": "EMS-SERVER",
            "primary_listens": [{"url": "tcp://ems-a:7222"}],
            "secondary_listens": [{"url": "tcp://ems-b:7222", "ft_active": true}]}}
"#,
    );
    let out = emsftlint(dir.path(), &["tibemsd.json"]);
    let text = stdout(&out);
    assert!(
        text.contains("[FT301 json-ft-listens] no URL of `primary_listens` is flagged"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_conf_server_without_ft_active_given_alone_has_no_ft_finding() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("none", "server = EMS-SERVER\nlisten = tcp://7222\n"),
        (
            "empty",
            "server = EMS-SERVER\nlisten = tcp://7222\nft_active =\nft_heartbeat =\n",
        ),
    ] {
        write(&dir.path().join(name).join("tibemsd.conf"), text);
        let out = emsftlint(dir.path(), &[name]);
        assert_eq!(stdout(&out), "", "{name}");
        assert_eq!(out.status.code(), Some(0), "{name}");
    }
}

#[test]
fn two_servers_given_are_a_pair_and_the_ft_rules_apply() {
    let dir = tempfile::tempdir().unwrap();
    for (name, host) in [("a", "ems-a"), ("b", "ems-b")] {
        write(
            &dir.path().join(name).join("tibemsd.conf"),
            &format!("server = EMS-SERVER\nlisten = tcp://{host}:7222\n"),
        );
    }
    let out = emsftlint(dir.path(), &["a", "b"]);
    let text = stdout(&out);
    let missing = text
        .lines()
        .filter(|l| l.contains("[FT004 ft-active-missing]"))
        .count();
    assert_eq!(missing, 2, "{text}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn two_json_files_of_one_server_each_are_a_pair_whose_backup_is_its_files_one_server() {
    let dir = tempfile::tempdir().unwrap();
    for (name, host) in [("a", "ems-a"), ("b", "ems-b")] {
        write(
            &dir.path().join(name).join("tibemsd.json"),
            &format!(
                "{{\"tibemsd\": {{\"server\": \"EMS-SERVER\", \"primary_listens\": [{{\"url\": \"tcp://{host}:7222\"}}]}}}}\n"
            ),
        );
    }
    let out = Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .current_dir(dir.path())
        .args(["a", "b", "--no-config", "--format", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let helps: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "ft-active-missing")
        .map(|f| f["help"].as_str().unwrap())
        .collect();
    // The backup's listen is read from b's primary_listens, its only server.
    assert!(
        helps.contains(
            &"set `ft_active` to the backup server's listen URL, e.g. `ft_active = tcp://ems-b:7222`"
        ),
        "{doc}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_pair_checked_against_a_json_of_one_server_is_told_the_secondary_is_missing_once() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("one.json"), DOCKER_LIKE);
    let clean = common::testdata("pairs/clean");
    let (primary, backup) = (clean.join("primary"), clean.join("backup"));
    let out = emsftlint(
        dir.path(),
        &[
            primary.to_str().unwrap(),
            backup.to_str().unwrap(),
            "--against",
            "one.json",
        ],
    );
    let text = stdout(&out);
    assert!(
        text.contains("[FT301 json-ft-listens] `tibemsd` has no `secondary_listens`"),
        "{text}"
    );
    // The backup is held to no server of the file: nothing restates that it lacks one.
    assert!(!text.contains("(secondary)"), "{text}");
    assert!(
        !text
            .lines()
            .any(|l| l.starts_with(backup.to_str().unwrap())),
        "{text}"
    );
}
