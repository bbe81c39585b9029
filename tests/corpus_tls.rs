//! TIBCO's SSL sample (`samples/config/tibemsdssl.conf` with `samples/certs/`, from the
//! corpus at EMSFTLINT_CORPUS; skipped when the variable is unset): its `ssl_password` is
//! mangled and its key is traditional encrypted PEM (password "password"). It lints with no
//! TLS finding, the key opens and matches its certificate, and another key, certificate or
//! password put in a copy is reported at the right file and line.

use std::path::{Path, PathBuf};

use emsftlint::ems::tls::key_matches_cert;
use emsftlint::finding::{Finding, Side};
use emsftlint::model::read::{read_server, reader_for};
use emsftlint::model::server::Server;
use emsftlint::model::tls_slot::Link;
use emsftlint::settings::Settings;
use emsftlint::{lint, Inputs, Report, Severity};

const SAMPLES: &str = "alpanachaphalkar__TIBCO-EMS/8.6.0/ems-client/ems/8.6/samples";
/// 2026-11-22: the sample's certificates are valid from 2019 to 2029.
const NOW: i64 = 1_795_305_600;

fn samples() -> Option<PathBuf> {
    let corpus = PathBuf::from(std::env::var_os("EMSFTLINT_CORPUS")?);
    let dir = corpus.join(SAMPLES);
    assert!(dir.is_dir(), "{} is not a directory", dir.display());
    Some(dir)
}

/// The sample names its certificates `../certs/…`, outside the directory of the main file:
/// allowed, as an operator linting the samples would (`--allow-path samples/certs`).
fn settings(conf: &Path) -> Settings {
    let config = conf.parent().expect("samples/config");
    Settings {
        now: Some(NOW),
        allow_paths: vec![config.join("../certs")],
        ..Settings::default()
    }
}

/// A copy of `samples/config` and `samples/certs` in a temporary directory, with
/// tibemsdssl.conf's `name` line replaced by `name = value` for each edit.
fn copy_with(samples: &Path, edits: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    for sub in ["config", "certs"] {
        let to = dir.path().join(sub);
        std::fs::create_dir_all(&to).expect("mkdir");
        for entry in std::fs::read_dir(samples.join(sub)).expect("samples") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
            }
        }
    }
    let conf = dir.path().join("config/tibemsdssl.conf");
    let mut text = std::fs::read_to_string(&conf).expect("tibemsdssl.conf");
    for (name, value) in edits {
        let line = text
            .lines()
            .find(|l| l.split('=').next().map(str::trim) == Some(*name))
            .unwrap_or_else(|| panic!("no {name} line"))
            .to_string();
        text = text.replacen(&line, &format!("{name} = {value}"), 1);
    }
    std::fs::write(&conf, text).expect("write");
    (dir, conf)
}

fn lint_conf(conf: &Path) -> Report {
    lint(
        &Inputs {
            primary: conf.to_path_buf(),
            backup: None,
        },
        &settings(conf),
    )
}

fn tls(report: &Report) -> Vec<&Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.code.starts_with("FT2"))
        .collect()
}

/// The 1-based line of tibemsdssl.conf that sets `name`.
fn line_of(conf: &Path, name: &str) -> usize {
    let text = std::fs::read_to_string(conf).expect("conf");
    text.lines()
        .position(|l| l.split('=').next().map(str::trim) == Some(name))
        .expect("line")
        + 1
}

/// The finding's places: (file name, line) for each location; a whole file has line 0.
fn places(finding: &Finding) -> Vec<(String, usize)> {
    finding
        .locations
        .iter()
        .map(|l| {
            let name = Path::new(&l.file.display)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let line = l.span.as_ref().map_or(0, |s| l.file.line_col(s.start).0);
            (name, line)
        })
        .collect()
}

#[test]
fn the_ssl_sample_lints_without_tls_findings_and_its_key_opens() {
    let Some(samples) = samples() else {
        eprintln!("EMSFTLINT_CORPUS unset: skipped");
        return;
    };
    let conf = samples.join("config/tibemsdssl.conf");
    let report = lint_conf(&conf);
    assert!(tls(&report).is_empty(), "{:#?}", tls(&report));
    assert!(!report.fails(Severity::Error), "{:#?}", report.findings);

    let files = read_server(
        Side::Primary,
        &conf,
        &settings(&conf),
        &reader_for(&[&conf], &settings(&conf)),
    );
    let server = Server::parse(&files);
    let identity = server
        .tls
        .identity(Link::Server)
        .expect("ssl_server_identity");
    assert_eq!(identity.leaf.subject_cn, ["server"]);
    let (key_item, key) = identity
        .key
        .expect("the key opens with the mangled password");
    assert_eq!(key_item.param.name, "ssl_server_key");
    assert!(key_matches_cert(key, identity.leaf));
    assert_eq!(
        server
            .tls
            .certs(emsftlint::model::tls_slot::Slot::ServerTrusted)
            .len(),
        1
    );
}

#[test]
fn another_key_is_reported_at_the_key_line_and_file() {
    let Some(samples) = samples() else { return };
    let (_dir, conf) = copy_with(&samples, &[("ssl_server_key", "../certs/client.key.pem")]);
    let report = lint_conf(&conf);
    let found = tls(&report);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule.name, "tls-key-mismatch");
    assert_eq!(found[0].severity, Severity::Error);
    let at = places(found[0]);
    assert_eq!(
        at[0],
        ("tibemsdssl.conf".into(), line_of(&conf, "ssl_server_key"))
    );
    assert_eq!(at[1], ("client.key.pem".into(), 0));
    assert!(at.contains(&(
        "tibemsdssl.conf".into(),
        line_of(&conf, "ssl_server_identity")
    )));
    assert!(at.contains(&("server.cert.pem".into(), 0)));
}

#[test]
fn another_certificate_is_reported_at_the_identity_line_and_file() {
    let Some(samples) = samples() else { return };
    let (_dir, conf) = copy_with(
        &samples,
        &[("ssl_server_identity", "../certs/client.cert.pem")],
    );
    let report = lint_conf(&conf);
    let found = tls(&report);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].rule.name, "tls-key-mismatch");
    assert!(
        found[0].message.contains("CN=client"),
        "{}",
        found[0].message
    );
    let at = places(found[0]);
    assert!(at.contains(&(
        "tibemsdssl.conf".into(),
        line_of(&conf, "ssl_server_identity")
    )));
    assert!(at.contains(&("client.cert.pem".into(), 0)));
}

#[test]
fn another_password_is_reported_at_the_password_line_and_the_key() {
    let Some(samples) = samples() else { return };
    // "wrongpassword", plain and mangled with other seeds than TIBCO's sample value.
    for password in ["wrongpassword", "$man$WjxSRC1OQnDxfyr01rS9kw0="] {
        let (_dir, conf) = copy_with(&samples, &[("ssl_password", password)]);
        let report = lint_conf(&conf);
        let found = tls(&report);
        assert!(!report
            .findings
            .iter()
            .any(|f| f.rule.name == "invalid-value"));
        assert_eq!(found.len(), 1, "{password}: {found:#?}");
        assert_eq!(found[0].rule.name, "tls-wrong-password");
        let at = places(found[0]);
        assert_eq!(
            at[0],
            ("tibemsdssl.conf".into(), line_of(&conf, "ssl_server_key"))
        );
        assert!(at.contains(&("server.key.pem".into(), 0)));
        assert!(at.contains(&("tibemsdssl.conf".into(), line_of(&conf, "ssl_password"))));
        // The password is never shown.
        let shown = emsftlint::render::json::render(&report);
        assert!(!shown.contains(password), "{shown}");
    }
}

#[test]
fn the_right_password_mangled_otherwise_opens_the_key() {
    let Some(samples) = samples() else { return };
    // "password", mangled with other seeds than the sample's value.
    let (_dir, conf) = copy_with(&samples, &[("ssl_password", "$man$WjxVRCpdXm3hYDnj")]);
    let report = lint_conf(&conf);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
}

#[test]
fn the_sample_pkcs12_identity_opens_with_the_password() {
    let Some(samples) = samples() else { return };
    let (_dir, conf) = copy_with(
        &samples,
        &[
            ("ssl_server_identity", "../certs/client_identity.p12"),
            ("ssl_server_key", ""),
        ],
    );
    let report = lint_conf(&conf);
    assert!(tls(&report).is_empty(), "{:#?}", tls(&report));
    let files = read_server(
        Side::Primary,
        &conf,
        &settings(&conf),
        &reader_for(&[&conf], &settings(&conf)),
    );
    let server = Server::parse(&files);
    let identity = server.tls.identity(Link::Server).expect("identity");
    let (_, key) = identity.key.expect("key in the PKCS#12 file");
    assert!(key_matches_cert(key, identity.leaf));
    assert_eq!(identity.leaf.subject_cn, ["client"]);
}
