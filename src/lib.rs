//! emsftlint: proves that the two servers of a TIBCO EMS fault-tolerant pair agree.
//!
//! Data flows one way: read → parse → model → rules → findings → render.

pub mod cli;
pub mod compare;
pub mod docs;
pub mod ems;
pub mod finding;
pub mod render;
pub mod rules;
pub mod server;
pub mod server_tls;
pub mod settings;
pub mod source;
pub mod suppress;

use std::path::PathBuf;
use std::thread;

pub use finding::{Finding, Severity, Side, Summary};
use rules::Pair;
use server::{read_server, Server, ServerFiles};
use settings::Settings;

/// What to lint: one server, or the two servers of a pair.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub primary: PathBuf,
    pub backup: Option<PathBuf>,
}

/// Every finding of a run, sorted, with the inputs as the user gave them.
#[derive(Debug)]
pub struct Report {
    pub primary: String,
    pub backup: Option<String>,
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn summary(&self) -> Summary {
        Summary::of(&self.findings)
    }

    /// True when a finding is at or above `level`.
    pub fn fails(&self, level: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= level)
    }
}

/// Lints one server or a pair. Both sides are read, then parsed, in parallel.
pub fn lint(inputs: &Inputs, settings: &Settings) -> Report {
    let (primary_files, backup_files) = both(
        || read_server(Side::Primary, &inputs.primary, settings),
        || {
            inputs
                .backup
                .as_ref()
                .map(|b| read_server(Side::Backup, b, settings))
        },
    );
    let mut findings = Vec::new();
    let pair_findings = check_pair(&primary_files, backup_files.as_ref(), settings);
    let mut read = Vec::new();
    for files in std::iter::once(&primary_files).chain(backup_files.as_ref()) {
        findings.extend(files.findings.iter().cloned());
        read.push((files.side, files.main.clone()));
        read.extend(files.named.iter().map(|n| (files.side, n.file.clone())));
    }
    findings.extend(pair_findings);
    let findings = suppress::apply(findings, &read);
    let mut findings = rules::apply_levels(findings, settings);
    findings.sort_by_cached_key(Finding::sort_key);
    Report {
        primary: inputs.primary.to_string_lossy().into_owned(),
        backup: inputs
            .backup
            .as_ref()
            .map(|b| b.to_string_lossy().into_owned()),
        findings,
    }
}

fn check_pair(
    primary: &ServerFiles,
    backup: Option<&ServerFiles>,
    settings: &Settings,
) -> Vec<Finding> {
    let ((primary, mut findings), backup) =
        both(|| Server::parse(primary), || backup.map(Server::parse));
    let backup = backup.map(|(server, parse_findings)| {
        findings.extend(parse_findings);
        server
    });
    let pair = Pair {
        primary,
        backup,
        settings,
    };
    for rule in rules::registry() {
        rule.check(&pair, &mut findings);
    }
    findings
}

/// Runs two jobs at once and returns both results.
fn both<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    thread::scope(|scope| {
        let handle = scope.spawn(b);
        let a = a();
        let b = handle
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (a, b)
    })
}
