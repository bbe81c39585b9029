//! The pair's clients as a user attaches them: `--clients`, `clients = [...]` in
//! emsftlint.toml, what reading them refuses, and that their secrets reach no output.

use std::path::Path;
use std::process::{Command, Output};

fn pairs() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/pairs")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn emsftlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .current_dir(dir)
        .env("EMSFTLINT_NOW", "2026-11-22")
        .args(args)
        .args(["--color", "never", "--width", "100"])
        .output()
        .expect("emsftlint runs")
}

/// `emsftlint primary backup --no-config --clients clients --format FORMAT` in `dir`.
fn lint_with_clients(dir: &Path, format: &str) -> Output {
    emsftlint(
        dir,
        &[
            "primary",
            "backup",
            "--no-config",
            "--clients",
            "clients",
            "--format",
            format,
        ],
    )
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// A copy of the clean pair in a temporary directory, with `clients/` holding `files`.
fn estate(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&pairs().join("clean/primary"), &dir.path().join("primary"));
    copy_dir(&pairs().join("clean/backup"), &dir.path().join("backup"));
    for (path, text) in files {
        let path = dir.path().join("clients").join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

const ONE_SERVER: &str = "java.naming.provider.url=tibjmsnaming://ems-a.example.com:7222\n\
                          java.naming.security.credentials=hunter2-jndi\n";

#[test]
fn client_secrets_reach_no_output_format() {
    let substvar = r#"<repository xmlns="http://www.tibco.com/xmlns/repo/types/2002"><globalVariables>
<globalVariable><name>JmsProviderUrl</name><value>tcp://ems-a.example.com:7222</value></globalVariable>
<globalVariable><name>EmsSecret</name><value>hunter2-substvar</value><type>Password</type></globalVariable>
</globalVariables></repository>
"#;
    let tra = "tibco.clientVar.JmsProviderUrl=tcp://ems-b.example.com:7222\n\
               tibco.sdk.faultTolerance.ems.password hunter2-tra\n";
    let dir = estate(&[
        ("bw/jndi.properties", ONE_SERVER),
        ("bw/defaultVars/defaultVars.substvar", substvar),
        ("adapter.tra", tra),
    ]);
    for format in [
        "human", "concise", "json", "sarif", "github", "junit", "html",
    ] {
        let out = emsftlint(
            dir.path(),
            &[
                "primary",
                "backup",
                "--no-config",
                "--clients",
                "clients",
                "--format",
                format,
            ],
        );
        let text = stdout(&out);
        assert!(
            text.contains("FT127"),
            "{format}: client-ft-urls fires:\n{text}"
        );
        assert!(
            !text.contains("hunter2"),
            "{format} shows a client secret:\n{text}"
        );
        assert_eq!(out.status.code(), Some(1), "{format}");
    }
}

#[test]
fn clients_in_the_config_file_are_relative_to_it() {
    let dir = estate(&[("bw/jndi.properties", ONE_SERVER)]);
    let config = dir.path().join("conf");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("emsftlint.toml"),
        "clients = [\"../clients/bw\"]\n",
    )
    .unwrap();
    let out = emsftlint(
        dir.path(),
        &[
            "primary",
            "backup",
            "--config",
            "conf/emsftlint.toml",
            "--format",
            "concise",
        ],
    );
    let text = stdout(&out);
    assert!(
        text.contains("clients/bw/jndi.properties:1:1: error[FT127 client-ft-urls]"),
        "{text}"
    );
    // Without the config, the client is not attached and the pair is clean.
    let out = emsftlint(dir.path(), &["primary", "backup", "--no-config"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn a_missing_clients_path_stops_the_run() {
    let dir = estate(&[]);
    let out = emsftlint(
        dir.path(),
        &["primary", "backup", "--no-config", "--clients", "nowhere"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--clients nowhere: no such file or directory"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_client_file_leading_outside_the_trees_is_reported_not_read() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.tra");
    std::fs::write(
        &secret,
        "tibco.clientVar.JmsProviderUrl=tcp://outside-secret:7222\n",
    )
    .unwrap();
    let dir = estate(&[]);
    std::fs::create_dir_all(dir.path().join("clients")).unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("clients/linked.tra")).unwrap();
    let out = lint_with_clients(dir.path(), "concise");
    let text = stdout(&out);
    assert!(
        text.contains("FT126 client-syntax] client file not read"),
        "{text}"
    );
    assert!(!text.contains("outside-secret"), "{text}");
}

#[test]
fn a_correct_client_of_every_kind_is_silent() {
    let case = pairs().join("clients-clean");
    let out = lint_with_clients(&case, "json");
    let text = stdout(&out);
    assert!(text.contains("\"findings\": []"), "{text}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_variable_a_tra_overrides_is_judged_in_the_tra_only() {
    // The Designer default names localhost; the engine's .tra sets the pair's FT list.
    let substvar = r#"<repository><globalVariables><globalVariable><name>JmsProviderUrl</name><value>tcp://localhost:7222</value></globalVariable></globalVariables></repository>"#;
    let tra = "tibco.clientVar.JmsProviderUrl tcp://ems-a.example.com:7222,tcp://ems-b.example.com:7222\n";
    let dir = estate(&[
        ("defaultVars/defaultVars.substvar", substvar),
        ("engine.tra", tra),
    ]);
    let out = emsftlint(
        dir.path(),
        &["primary", "backup", "--no-config", "--clients", "clients"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // Alone, the Designer default is judged: one machine for a pair on two.
    std::fs::remove_file(dir.path().join("clients/engine.tra")).unwrap();
    let out = lint_with_clients(dir.path(), "concise");
    assert!(
        stdout(&out).contains("names one machine"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_global_variable_reference_is_resolved_from_the_designer_variables() {
    let substvar = r#"<repository><globalVariables><globalVariable><name>EmsUrl</name><value>tcp://ems-a.example.com:7222</value></globalVariable></globalVariables></repository>"#;
    let tra = "tibco.clientVar.JmsProviderUrl %%EmsUrl%%\n";
    let dir = estate(&[
        ("defaultVars/defaultVars.substvar", substvar),
        ("engine.tra", tra),
    ]);
    let out = lint_with_clients(dir.path(), "concise");
    let text = stdout(&out);
    assert!(
        text.contains("`tibco.clientVar.JmsProviderUrl` = %%EmsUrl%% (= tcp://ems-a.example.com:7222) reaches no listen of backup"),
        "{text}"
    );
}
