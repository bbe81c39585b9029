//! TIBCO's own files are the ground truth: every EMS main file of the shared corpus
//! (EMSFTLINT_CORPUS; skipped when unset) — `tibemsd*` files of every kind: the samples, the
//! installer's `tibemsd.conf_template`, JSON written by Central Administration or
//! `tibemsconf2json`, Docker samples — is linted alone and must raise no `unknown-parameter`,
//! `json-unknown-key` or `invalid-value` finding. Whatever is added to the corpus is tested.
//! The tests without the corpus check the keys Central Administration writes for itself.

mod common;
use common::corpus;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use emsftlint::settings::Settings;
use emsftlint::{lint, Inputs, Report};

const CATALOG_RULES: [&str; 3] = ["unknown-parameter", "json-unknown-key", "invalid-value"];

/// Tokens a deployment tool replaces before the server reads the file, with a value of the
/// kind it writes (JK_TIBCO's Chef recipe writes the ports over `TCP_PORT` and `SSL_PORT`).
const PLACEHOLDERS: [(&str, &str); 2] = [("TCP_PORT", "7222"), ("SSL_PORT", "7243")];

/// Every main file: a name starting with `tibemsd` (`tibemsd.conf`, `tibemsdft-1.conf`,
/// `tibemsd.conf_template`, `tibemsd.conf.erb`, `tibemsd.json`, `tibemsd-configbase.json…`).
fn main_files(corpus: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(corpus)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("tibemsd"))
        })
        .collect();
    files.sort();
    files
}

fn lint_alone(path: &Path) -> Report {
    lint(
        &Inputs {
            primary: path.to_path_buf(),
            backup: None,
        },
        &Settings::default(),
    )
}

/// The file as the server reads it: placeholders replaced, in a copy beside the original
/// (so that its sub-files are found as they are) when there is one to replace.
fn as_deployed(path: &Path) -> (Report, Option<PathBuf>) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    if !PLACEHOLDERS.iter().any(|(token, _)| text.contains(token)) {
        return (lint_alone(path), None);
    }
    let mut deployed = text;
    for (token, value) in PLACEHOLDERS {
        deployed = deployed.replace(token, value);
    }
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join(path.file_name().unwrap());
    std::fs::write(&copy, deployed).unwrap();
    let report = lint_alone(&copy);
    (report, Some(copy))
}

fn catalog_findings(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| CATALOG_RULES.contains(&f.rule.name))
        .map(|f| {
            let at = f
                .locations
                .first()
                .and_then(|l| l.span.as_ref().map(|s| l.file.line_col(s.start).0))
                .unwrap_or(0);
            format!("{at}: {} {}", f.rule.name, f.message)
        })
        .collect()
}

#[test]
fn no_tibco_file_of_the_corpus_has_an_unknown_parameter_key_or_value() {
    let Some(corpus) = corpus() else { return };
    let files = main_files(&corpus);
    assert!(files.len() >= 15, "found only {} main files", files.len());
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for file in &files {
        let (report, _) = as_deployed(file);
        for f in &report.findings {
            *by_rule.entry(f.rule.name).or_default() += 1;
        }
        problems.extend(
            catalog_findings(&report)
                .into_iter()
                .map(|p| format!("{}:{p}", file.display())),
        );
    }
    eprintln!(
        "corpus: {} main files linted alone; findings by rule: {by_rule:?}",
        files.len()
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

fn lint_json(text: &str) -> Report {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tibemsd.json");
    std::fs::write(&path, text).unwrap();
    lint_alone(&path)
}

/// The shape of a file Central Administration (EMS 8.3) deploys: its display name, its
/// `emsca` object, its mark of a local edit, unset values as `null`, and arrays for the
/// lists of certificates and JVM options.
const CENTRAL_ADMINISTRATION: &str = r#"{
  "displayName": "EMS-A",
  "emsca": {"advanced": [], "emsca_listens": [{"url": "tcp://ems-a:7222"}]},
  "model_version": "1.0",
  "tibemsd": {
    "server": "EMS-A",
    "authorization": false,
    "console_trace": null,
    "ft_active": null,
    "ft_heartbeat": null,
    "ft_ssl": {"ssl_ciphers": null, "ssl_issuer_list": [], "ssl_trusted_list": ["ca.pem"],
               "ssl_verify_host": null},
    "jre_options": ["-Xmx256m", "-Xss512k"],
    "primary_listens": [{"ft_active": false, "url": "tcp://ems-a:7222"}],
    "secondary_listens": [{"ft_active": true, "url": "tcp://ems-b:7222"}],
    "ssl": {"ssl_issuer_list": [], "ssl_rand_file": null, "ssl_trusted_list": []},
    "locally_modified": "2017-05-19 08:22:43.367"
  },
  "users": [{"name": "admin", "description": "Administrator", "password": ""}],
  "factories": [{"name": "QueueConnectionFactory", "type": "queue", "url": "tcp://ems-a:7222",
                 "jndinames": [], "ssl": {"ssl_issuer_list": [], "ssl_trusted_list": []}}]
}"#;

#[test]
fn the_keys_central_administration_writes_are_accepted_where_it_writes_them() {
    let report = lint_json(CENTRAL_ADMINISTRATION);
    assert_eq!(catalog_findings(&report), Vec::<String>::new());
    // The keys are its own, not EMS settings: elsewhere they are unknown.
    let misplaced = CENTRAL_ADMINISTRATION
        .replace(r#""displayName": "EMS-A","#, "")
        .replace(
            r#""server": "EMS-A","#,
            r#""server": "EMS-A", "displayName": "EMS-A","#,
        )
        .replace(
            r#""model_version""#,
            r#""locally_modified": "2017", "model_version""#,
        );
    let found = catalog_findings(&lint_json(&misplaced));
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found
        .iter()
        .any(|f| f.contains("`displayName` in the `tibemsd` object")));
    assert!(found
        .iter()
        .any(|f| f.contains("`locally_modified` in the top level")));
}

#[test]
fn null_is_an_unset_value_but_a_value_where_the_json_form_has_none_is_reported() {
    let with_url = CENTRAL_ADMINISTRATION.replace(
        r#""ft_active": null,"#,
        r#""ft_active": "tcp://ems-b:7222","#,
    );
    let found = catalog_findings(&lint_json(&with_url));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("unknown key `ft_active`"), "{found:?}");
}

/// Arrays are read where TIBCO's format has them (above); elsewhere an array is still a value
/// EMS cannot read.
#[test]
fn an_array_where_tibcos_format_has_one_value_is_still_invalid() {
    let array_server =
        CENTRAL_ADMINISTRATION.replace(r#""server": "EMS-A","#, r#""server": ["EMS-A", "EMS-B"],"#);
    let found = catalog_findings(&lint_json(&array_server));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("invalid-value `server` is an array"),
        "{found:?}"
    );
}
