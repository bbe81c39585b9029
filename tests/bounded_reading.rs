//! Bounded reading (DESIGN.md §2): whatever a directory holds, emsftlint answers with
//! findings, never a hang, and reads each file once.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use emsftlint::model::read::{read_server, reader_for};
use emsftlint::settings::Settings;
use emsftlint::{lint, Inputs, Side};

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn messages(inputs: &Inputs, settings: &Settings) -> Vec<String> {
    lint(inputs, settings)
        .findings
        .iter()
        .map(|f| format!("{} {}", f.rule.name, f.message))
        .collect()
}

/// TIBCO's sample pair: two main files in one directory that name the same sub-files.
#[test]
fn sub_files_both_servers_name_are_read_once_and_reported_per_side() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, listen, peer) in [("ft-1.conf", 7222, 7224), ("ft-2.conf", 7224, 7222)] {
        write(
            d,
            name,
            &format!(
                "server = EMS\nusers = users.conf\nqueues = queues.conf\n\
                 listen = tcp://localhost:{listen}\nft_active = tcp://localhost:{peer}\n"
            ),
        );
    }
    write(d, "users.conf", "admin::\nbad line\n");
    write(d, "queues.conf", "q1\n");
    let settings = Settings::default();
    let reader = reader_for(&[d], &settings);
    let a = read_server(Side::Primary, &d.join("ft-1.conf"), &settings, &reader);
    let b = read_server(Side::Backup, &d.join("ft-2.conf"), &settings, &reader);
    for name in ["users", "queues"] {
        let (fa, fb) = (a.named_file(name).unwrap(), b.named_file(name).unwrap());
        assert!(Arc::ptr_eq(&fa.file, &fb.file), "{name} was read twice");
    }
    // Each side still reports what is wrong with the file it names.
    let found = messages(
        &Inputs {
            primary: d.join("ft-1.conf"),
            backup: Some(d.join("ft-2.conf")),
        },
        &settings,
    );
    let syntax: Vec<&String> = found.iter().filter(|m| m.starts_with("syntax")).collect();
    assert_eq!(syntax.len(), 2, "{found:#?}");
}

#[cfg(unix)]
#[test]
fn special_files_loops_and_large_files_named_by_the_config_are_findings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "tibemsd.conf",
        "users = loop.conf\ngroups = sub\nqueues = socket\ntopics = big.conf\nacl_list = /dev/zero\n",
    );
    std::os::unix::fs::symlink(d.join("loop2.conf"), d.join("loop.conf")).unwrap();
    std::os::unix::fs::symlink(d.join("loop.conf"), d.join("loop2.conf")).unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(d.join("socket")).unwrap();
    write(d, "big.conf", &"t\n".repeat(100));
    // /dev is outside the tree: allowed, so that the device is opened and found to be one.
    let settings = Settings {
        size_cap: 100,
        allow_paths: vec!["/dev".into()],
        ..Settings::default()
    };
    let found = messages(
        &Inputs {
            primary: d.to_path_buf(),
            backup: None,
        },
        &settings,
    );
    let has = |what: &str| {
        assert!(
            found
                .iter()
                .any(|m| m.starts_with("missing-file") && m.contains(what)),
            "no missing-file finding with `{what}` in {found:#?}"
        )
    };
    has("loop.conf, which is a symbolic link loop");
    has("sub, which is a directory, not a regular file");
    has("socket, which is a socket, not a regular file");
    has("big.conf, which is 200 bytes, above the 100-byte limit");
    has("/dev/zero, which is a device, not a regular file");
}

#[test]
fn max_file_size_sets_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "tibemsd.conf", "queues = queues.conf\n");
    write(d, "queues.conf", &"q\n".repeat(50));
    let out = Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .args([
            "--format",
            "concise",
            "--no-config",
            "--max-file-size",
            "30",
        ])
        .arg(d)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("queues.conf, which is 100 bytes, above the 30-byte limit"),
        "{stdout}"
    );
}
