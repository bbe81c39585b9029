//! Reading stays inside the configuration: a file a configuration names outside the
//! directories of the inputs (an absolute path, `..` that climb out, a symbolic link of the
//! file or of a directory on its way) is never opened, so that no byte of it reaches any of
//! the seven formats; the finding `path-outside-tree` names the path as written, at its
//! line. `--allow-path` (or `allow_paths`) makes it read, and a file of the same name beside
//! the main file is read instead when there is one.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::testdata;

const FORMATS: [&str; 7] = [
    "human", "concise", "json", "sarif", "github", "junit", "html",
];
/// Written into every file outside the tree: it must never reach a report.
const MARKER: &str = "SECRETMARKER7f3a";

/// A temporary directory holding `pair/` (a copy of the clean pair) and `outside/`.
struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().expect("temp dir");
        for side in ["primary", "backup"] {
            let to = dir.path().join("pair").join(side);
            std::fs::create_dir_all(&to).expect("mkdir");
            let from = testdata("pairs/clean").join(side);
            for entry in std::fs::read_dir(&from).expect("clean pair") {
                let path = entry.expect("entry").path();
                std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
            }
        }
        std::fs::create_dir_all(dir.path().join("outside")).expect("mkdir");
        Setup { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn pair(&self) -> PathBuf {
        self.root().join("pair")
    }

    fn outside(&self, name: &str) -> PathBuf {
        self.root().join("outside").join(name)
    }

    /// A queue only this file has, named with the marker, and a line that is nothing EMS reads.
    fn write_outside(&self, name: &str) -> PathBuf {
        let path = self.outside(name);
        std::fs::write(
            &path,
            format!("{MARKER}.queue secure\n{MARKER} this line is not EMS\n"),
        )
        .expect("write");
        path
    }

    /// Removes `side`'s `name`, so that there is nothing beside the main file to fall back on.
    fn remove(&self, side: &str, name: &str) {
        std::fs::remove_file(self.pair().join(side).join(name)).expect("rm");
    }

    /// Sets `name = value` in `side`'s tibemsd.conf (in place of its line, or appended);
    /// returns the line's number.
    fn set(&self, side: &str, name: &str, value: &str) -> usize {
        let conf = self.pair().join(side).join("tibemsd.conf");
        let text = std::fs::read_to_string(&conf).expect("tibemsd.conf");
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        let line = format!("{name} = {value}");
        let at = match lines
            .iter()
            .position(|l| l.split('=').next().map(str::trim) == Some(name))
        {
            Some(i) => {
                lines[i] = line;
                i
            }
            None => {
                lines.push(line);
                lines.len() - 1
            }
        };
        std::fs::write(&conf, lines.join("\n") + "\n").expect("write");
        at + 1
    }

    /// Runs emsftlint from `pair/` on `primary backup` with `args`, in `format`.
    fn run(&self, args: &[&str], format: &str) -> (String, i32) {
        run_in(
            &self.pair(),
            &[&["primary", "backup"], args].concat(),
            format,
        )
    }

    /// Every format's report; none holds the marker (nor `forbidden`).
    fn assert_nothing_leaks(&self, args: &[&str], forbidden: &[&str]) {
        for format in FORMATS {
            let (out, code) = self.run(args, format);
            assert!(code == 0 || code == 1, "{format}: {out}");
            for text in std::iter::once(MARKER).chain(forbidden.iter().copied()) {
                assert!(!out.contains(text), "{format} shows {text:?}:\n{out}");
            }
        }
    }
}

fn run_in(dir: &Path, args: &[&str], format: &str) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .current_dir(dir)
        .env("EMSFTLINT_NOW", "2026-11-22")
        .args(args)
        .args(["--format", format, "--color", "never", "--width", "100"])
        .output()
        .expect("emsftlint runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains(MARKER),
        "stderr shows the marker: {stderr}"
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().expect("exit code"),
    )
}

/// The JSON report's findings of `rule`, as (side, file, line, message).
fn findings(report: &str, rule: &str) -> Vec<(String, String, Option<u64>, String)> {
    let doc: serde_json::Value = serde_json::from_str(report).expect("JSON report");
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            let at = &f["locations"][0];
            (
                at["side"].as_str().unwrap_or_default().to_string(),
                at["file"].as_str().unwrap_or_default().to_string(),
                at["line"].as_u64(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn json(setup: &Setup, args: &[&str]) -> String {
    setup.run(args, "json").0
}

#[test]
fn a_configuration_naming_etc_passwd_gets_none_of_it() {
    let setup = Setup::new();
    let line = setup.set("primary", "queues", "/etc/passwd");
    // Whatever this machine's /etc/passwd holds, none of its lines is in any report.
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let lines: Vec<&str> = passwd.lines().filter(|l| l.len() > 8).collect();
    setup.assert_nothing_leaks(&["--no-config"], &lines);
    let found = findings(&json(&setup, &["--no-config"]), "path-outside-tree");
    assert_eq!(found.len(), 1, "{found:#?}");
    let (side, file, at, message) = &found[0];
    assert_eq!(
        (side.as_str(), file.as_str(), *at),
        ("primary", "primary/tibemsd.conf", Some(line as u64))
    );
    assert!(message.contains("/etc/passwd"), "{message}");
    assert!(
        message.contains("primary/passwd, where emsftlint looked instead, does not exist"),
        "{message}"
    );
}

#[test]
fn an_absolute_path_outside_is_not_read_and_allow_path_reads_it() {
    let setup = Setup::new();
    let queues = setup.write_outside("queues.conf");
    let written = queues.to_string_lossy().into_owned();
    let line = setup.set("primary", "queues", &written);
    setup.remove("primary", "queues.conf");
    setup.assert_nothing_leaks(&["--no-config"], &[]);
    let found = findings(&json(&setup, &["--no-config"]), "path-outside-tree");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].2, Some(line as u64));
    assert!(found[0].3.contains(&written), "{}", found[0].3);
    let help = setup.run(&["--no-config"], "human").0;
    assert!(help.contains("--allow-path DIR"), "{help}");

    // Allowed, the file is read: its queue, which only the primary has, is reported.
    let outside = setup.root().join("outside");
    let outside = outside.to_string_lossy();
    let allowed = json(&setup, &["--no-config", "--allow-path", &outside]);
    assert!(
        findings(&allowed, "path-outside-tree").is_empty(),
        "{allowed}"
    );
    assert!(allowed.contains(&format!("{MARKER}.queue")), "{allowed}");
}

#[test]
fn allow_paths_in_emsftlint_toml_is_read_from_the_config_files_directory() {
    let setup = Setup::new();
    let queues = setup.write_outside("queues.conf");
    setup.set("primary", "queues", &queues.to_string_lossy());
    setup.remove("primary", "queues.conf");
    let config = setup.pair().join("emsftlint.toml");
    std::fs::write(&config, "allow_paths = [\"../outside\"]\n").expect("write");
    let report = json(&setup, &["--config", "emsftlint.toml"]);
    assert!(
        findings(&report, "path-outside-tree").is_empty(),
        "{report}"
    );
    assert!(report.contains(&format!("{MARKER}.queue")), "{report}");
}

#[test]
fn dot_dot_that_climbs_out_counts_as_outside() {
    let setup = Setup::new();
    setup.write_outside("topics.conf");
    let line = setup.set("backup", "topics", "../../outside/topics.conf");
    setup.remove("backup", "topics.conf");
    setup.assert_nothing_leaks(&["--no-config"], &[]);
    let found = findings(&json(&setup, &["--no-config"]), "path-outside-tree");
    assert_eq!(found.len(), 1, "{found:#?}");
    let (side, file, at, message) = &found[0];
    assert_eq!(
        (side.as_str(), file.as_str(), *at),
        ("backup", "backup/tibemsd.conf", Some(line as u64))
    );
    assert!(
        message.contains("backup/../../outside/topics.conf"),
        "{message}"
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_that_leaves_the_tree_counts_as_leaving() {
    use std::os::unix::fs::symlink;
    let setup = Setup::new();
    // The file itself a link out.
    let queues = setup.write_outside("queues.conf");
    let primary = setup.pair().join("primary");
    setup.remove("primary", "queues.conf");
    symlink(&queues, primary.join("queues.conf")).expect("symlink");
    let queues_line = setup.set("primary", "queues", "queues.conf");
    // A directory on the way a link out; the certificate's subject must not show.
    std::fs::create_dir_all(setup.outside("certs")).expect("mkdir");
    std::fs::copy(
        testdata("tls/server.cert.pem"),
        setup.outside("certs/server.cert.pem"),
    )
    .expect("copy");
    symlink(setup.outside("certs"), primary.join("certs")).expect("symlink");
    let cert_line = setup.set("primary", "ssl_server_trusted", "certs/server.cert.pem");
    setup.assert_nothing_leaks(&["--no-config"], &["ems1.example.com", "emsftlint test"]);
    let found = findings(&json(&setup, &["--no-config"]), "path-outside-tree");
    let lines: Vec<Option<u64>> = found.iter().map(|f| f.2).collect();
    assert_eq!(
        lines,
        vec![Some(queues_line as u64), Some(cert_line as u64)],
        "{found:#?}"
    );
    for (_, _, _, message) in &found {
        assert!(message.contains("symbolic link"), "{message}");
    }
    // Allowed, the links are followed and what they lead to is read.
    let allowed = setup.root().join("outside");
    let report = json(
        &setup,
        &["--no-config", "--allow-path", &allowed.to_string_lossy()],
    );
    assert!(
        findings(&report, "path-outside-tree").is_empty(),
        "{report}"
    );
}

#[cfg(unix)]
#[test]
fn a_main_file_that_links_out_of_its_directory_is_not_read() {
    let setup = Setup::new();
    let main = setup.outside("tibemsd.conf");
    std::fs::write(&main, format!("server = {MARKER}\n{MARKER}_param = 1\n")).expect("write");
    let conf = setup.pair().join("primary/tibemsd.conf");
    std::fs::remove_file(&conf).expect("rm");
    std::os::unix::fs::symlink(&main, &conf).expect("symlink");
    setup.assert_nothing_leaks(&["--no-config"], &[]);
    let found = findings(&json(&setup, &["--no-config"]), "path-outside-tree");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "primary");
}

#[test]
fn a_file_of_the_same_name_beside_the_main_file_is_read_instead() {
    let setup = Setup::new();
    let queues = setup.write_outside("queues.conf");
    let written = queues.to_string_lossy().into_owned();
    setup.set("primary", "queues", &written);
    // primary/queues.conf is still there, with a queue of its own.
    let beside = setup.pair().join("primary/queues.conf");
    let mut text = std::fs::read_to_string(&beside).expect("queues.conf");
    text.push_str("beside.only.queue\n");
    std::fs::write(&beside, text).expect("write");
    setup.assert_nothing_leaks(&["--no-config"], &[]);
    let report = json(&setup, &["--no-config"]);
    assert!(
        findings(&report, "path-outside-tree").is_empty(),
        "{report}"
    );
    let fallback = findings(&report, "path-fallback");
    assert_eq!(fallback.len(), 1, "{fallback:#?}");
    assert!(fallback[0]
        .3
        .contains("outside the directories emsftlint reads"));
    assert!(fallback[0].3.contains(&written), "{}", fallback[0].3);
    assert!(report.contains("beside.only.queue"), "{report}");
}

#[test]
fn a_json_configuration_reads_only_under_its_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).expect("mkdir");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::fs::copy(
        testdata("tls/server.cert.pem"),
        outside.join("server.cert.pem"),
    )
    .expect("copy");
    let cert = outside
        .join("server.cert.pem")
        .to_string_lossy()
        .into_owned();
    let text = std::fs::read_to_string(testdata("json/orders/tibemsd.json")).expect("json");
    let text = text.replacen(
        "\"tibemsd\": {",
        &format!("\"tibemsd\": {{\n    \"ssl\": {{ \"ssl_server_trusted\": \"{cert}\" }},"),
        1,
    );
    std::fs::write(config.join("tibemsd.json"), text).expect("write");
    for format in FORMATS {
        let (out, _) = run_in(dir.path(), &["config/tibemsd.json", "--no-config"], format);
        for secret in ["ems1.example.com", "emsftlint test"] {
            assert!(!out.contains(secret), "{format} shows {secret}:\n{out}");
        }
    }
    let (report, _) = run_in(dir.path(), &["config/tibemsd.json", "--no-config"], "json");
    let found = findings(&report, "path-outside-tree");
    assert!(!found.is_empty(), "{report}");
    assert!(
        found.iter().all(|f| f.1 == "config/tibemsd.json"),
        "{found:#?}"
    );
    assert!(found[0].3.contains(&cert), "{}", found[0].3);
}

#[test]
fn against_reads_its_json_directory_and_the_pair_only() {
    let setup = Setup::new();
    let json_dir = setup.root().join("json");
    std::fs::create_dir_all(&json_dir).expect("mkdir");
    let queues = setup.write_outside("queues.conf");
    std::fs::copy(
        testdata("tls/server.cert.pem"),
        setup.outside("server.cert.pem"),
    )
    .expect("copy");
    let cert = setup.outside("server.cert.pem");
    let text = std::fs::read_to_string(testdata("json/orders/tibemsd.json")).expect("json");
    let text = text.replacen(
        "\"tibemsd\": {",
        &format!(
            "\"tibemsd\": {{\n    \"ssl\": {{ \"ssl_server_trusted\": \"{}\" }},",
            cert.display()
        ),
        1,
    );
    std::fs::write(json_dir.join("tibemsd.json"), text).expect("write");
    setup.set("primary", "queues", &queues.to_string_lossy());
    setup.remove("primary", "queues.conf");
    let args = ["--no-config", "--against", "../json/tibemsd.json"];
    for format in FORMATS {
        let (out, _) = setup.run(&args, format);
        for secret in [MARKER, "ems1.example.com", "emsftlint test"] {
            assert!(!out.contains(secret), "{format} shows {secret}:\n{out}");
        }
    }
    let report = json(&setup, &args);
    // The JSON file was read (its directory is allowed); the files outside were not.
    assert!(findings(&report, "missing-file").is_empty(), "{report}");
    let files: Vec<String> = findings(&report, "path-outside-tree")
        .into_iter()
        .map(|f| f.1)
        .collect();
    assert!(
        files.contains(&"primary/tibemsd.conf".to_string()),
        "{report}"
    );
    assert!(
        files.contains(&"../json/tibemsd.json".to_string()),
        "{report}"
    );
}

#[test]
fn an_allowed_path_that_does_not_exist_stops_with_exit_2() {
    let setup = Setup::new();
    let out = Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .current_dir(setup.pair())
        .args([
            "primary",
            "backup",
            "--no-config",
            "--allow-path",
            "no/such/dir",
        ])
        .output()
        .expect("emsftlint runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--allow-path no/such/dir"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn discover_reads_anywhere_under_its_root_and_nothing_outside() {
    let setup = Setup::new();
    // The pair as a tree: both servers name one queues.conf kept beside them, under the root.
    let tree = setup.pair();
    std::fs::create_dir_all(tree.join("shared")).expect("mkdir");
    std::fs::rename(
        tree.join("primary/queues.conf"),
        tree.join("shared/queues.conf"),
    )
    .expect("mv");
    setup.remove("backup", "queues.conf");
    for side in ["primary", "backup"] {
        setup.set(side, "queues", "../shared/queues.conf");
    }
    // A server whose main file is a link out of the tree.
    std::fs::create_dir_all(tree.join("evil")).expect("mkdir");
    let main = setup.outside("tibemsd.conf");
    std::fs::write(
        &main,
        format!("server = {MARKER}\nlisten = tcp://{MARKER}:7222\n"),
    )
    .expect("write");
    std::os::unix::fs::symlink(&main, tree.join("evil/tibemsd.conf")).expect("symlink");
    // And one whose link out leads nowhere: said the same way, so that nothing tells whether
    // a path outside exists.
    std::fs::create_dir_all(tree.join("gone")).expect("mkdir");
    std::os::unix::fs::symlink(setup.outside("none.conf"), tree.join("gone/tibemsd.conf"))
        .expect("symlink");
    let args = ["--discover", "pair", "--no-config"];
    for format in FORMATS {
        let (out, _) = run_in(setup.root(), &args, format);
        assert!(!out.contains(MARKER), "{format} shows the marker:\n{out}");
    }
    let (report, _) = run_in(setup.root(), &args, "json");
    let outside: Vec<String> = findings(&report, "path-outside-tree")
        .into_iter()
        .map(|f| f.1)
        .collect();
    assert_eq!(
        outside,
        ["pair/evil/tibemsd.conf", "pair/gone/tibemsd.conf"],
        "{report}"
    );
    assert!(findings(&report, "missing-file").is_empty(), "{report}");
}

#[cfg(unix)]
#[test]
fn a_tibemsd_json_that_links_out_is_outside_whether_or_not_its_target_exists() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).expect("mkdir");
    let target = dir.path().join("outside.json");
    std::os::unix::fs::symlink(&target, config.join("tibemsd.json")).expect("symlink");
    let said = || {
        let (report, _) = run_in(dir.path(), &["config", "--no-config"], "json");
        findings(&report, "path-outside-tree")
            .into_iter()
            .map(|f| (f.1, f.3))
            .collect::<Vec<_>>()
    };
    let absent = said();
    std::fs::write(
        &target,
        format!("{{\"tibemsd\": {{\"server\": \"{MARKER}\"}}}}\n"),
    )
    .expect("write");
    let present = said();
    assert_eq!(absent.len(), 1, "{absent:#?}");
    assert_eq!(absent, present);
    for format in FORMATS {
        let (out, _) = run_in(dir.path(), &["config", "--no-config"], format);
        assert!(!out.contains(MARKER), "{format} shows the marker:\n{out}");
    }
}
