//! emsftlint: proves that the two servers of a TIBCO EMS fault-tolerant pair agree.
//!
//! Data flows one way: read → parse → model → rules → findings → render.

pub mod app;
pub mod cli;
pub mod compare;
pub mod discover;
pub mod docs;
pub mod ems;
pub mod finding;
pub mod json_model;
pub mod render;
pub mod rules;
pub mod server;
pub mod server_tls;
pub mod settings;
pub mod source;
pub mod suppress;
mod time;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};
use std::sync::Arc;
use std::thread;

pub use finding::{Finding, PairLabel, Severity, Side, Summary};
use json_model::{JsonConfig, Role};
use rules::Pair;
use server::{read_server_with, Server, ServerFiles};
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
    /// With `--discover`: every pair (or single server) found under the tree, with its counts.
    pub pairs: Option<Vec<PairSummary>>,
}

/// One pair of a discovered tree and its counts.
#[derive(Debug, Clone)]
pub struct PairSummary {
    pub pair: Arc<PairLabel>,
    pub summary: Summary,
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

/// Lints one server or a pair. Both sides are read, then parsed, in parallel. A JSON
/// configuration given alone is linted as the pair it describes.
pub fn lint(inputs: &Inputs, settings: &Settings) -> Report {
    let (primary_files, backup_files) = read_inputs(inputs, settings);
    finish(inputs, primary_files, backup_files, Vec::new(), settings)
}

/// Lints a .conf pair (or one server) as [`lint`] does, and checks that the JSON
/// configuration `json` says what it says (`--against`): the .conf primary against the
/// JSON's primary server, the .conf backup against its secondary.
pub fn lint_against(inputs: &Inputs, json: &Path, settings: &Settings) -> Report {
    let (primary_files, backup_files) = read_inputs(inputs, settings);
    let display = json.to_string_lossy().into_owned();
    let mut extra = Vec::new();
    match JsonConfig::read(json, display.clone(), settings) {
        Ok(config) => {
            extra.extend(config.findings(Side::Primary));
            let sides = std::iter::once((&primary_files, Role::Primary))
                .chain(backup_files.as_ref().map(|b| (b, Role::Secondary)));
            for (conf, role) in sides {
                let json_files = config.server(role, conf.side, settings);
                extra.extend(json_files.findings.iter().cloned());
                let label = format!("{display} ({})", role.as_str());
                rules::json_conf_mismatch::check(
                    conf,
                    &json_files,
                    role,
                    &label,
                    settings,
                    &mut extra,
                );
            }
        }
        Err(e) => {
            let absent = Arc::new(source::SourceFile::absent(
                display.clone(),
                json.to_path_buf(),
            ));
            extra.push(
                Finding::new(&rules::missing_file::META, format!("{display} {e}"))
                    .at_file(Side::Primary, &absent)
                    .help("--against names the tibemsd.json to check against the .conf pair"),
            );
        }
    }
    finish(inputs, primary_files, backup_files, extra, settings)
}

/// Reads what the inputs name: both sides in parallel, or the two servers of a JSON
/// configuration given alone.
fn read_inputs(inputs: &Inputs, settings: &Settings) -> (ServerFiles, Option<ServerFiles>) {
    if inputs.backup.is_none() {
        let given = inputs.primary.to_string_lossy();
        if let Some((path, display)) = json_model::json_input(&inputs.primary, &given) {
            return json_model::read_pair(&path, display, settings);
        }
    }
    // One reader for both sides: a file both servers name is read once.
    let reader = source::Reader::new();
    both(
        || read_server_with(Side::Primary, &inputs.primary, settings, &reader),
        || {
            inputs
                .backup
                .as_ref()
                .map(|b| read_server_with(Side::Backup, b, settings, &reader))
        },
    )
}

fn finish(
    inputs: &Inputs,
    primary_files: ServerFiles,
    backup_files: Option<ServerFiles>,
    extra: Vec<Finding>,
    settings: &Settings,
) -> Report {
    let mut findings = Vec::new();
    let pair_findings = check_pair(&primary_files, backup_files.as_ref(), settings);
    let mut read = Vec::new();
    for files in std::iter::once(&primary_files).chain(backup_files.as_ref()) {
        findings.extend(files.findings.iter().cloned());
        // Files generated from a JSON configuration hold no comments to suppress with.
        let written = std::iter::once(&files.main).chain(files.named.iter().map(|n| &n.file));
        read.extend(
            written
                .filter(|f| f.origin.is_none())
                .map(|f| (files.side, f.clone())),
        );
    }
    findings.extend(pair_findings);
    findings.extend(extra);
    let findings = relocate(findings);
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
        pairs: None,
    }
}

/// Moves every location on a file generated from a JSON configuration to the JSON text it
/// was written from. Both servers of a JSON pair come from one file, so the same fault may
/// now be reported twice at one place, for each server: once is kept (the primary's).
fn relocate(findings: Vec<Finding>) -> Vec<Finding> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(findings.len());
    for mut finding in findings {
        let mut moved = false;
        for location in &mut finding.locations {
            if let Some(origin) = &location.file.origin {
                let span = match &location.span {
                    Some(span) => origin.map(span),
                    None => origin.whole.clone(),
                };
                location.file = origin.file.clone();
                location.span = span;
                moved = true;
            }
        }
        let is_json =
            |l: &finding::Location| l.file.display.to_ascii_lowercase().ends_with(".json");
        if !moved && !finding.locations.iter().any(is_json) {
            out.push(finding);
            continue;
        }
        let mut places = Vec::new();
        finding.locations.retain(|l| {
            let place = (l.file.display.clone(), l.span.clone());
            if places.contains(&place) {
                false
            } else {
                places.push(place);
                true
            }
        });
        // A per-server rule says the same of both servers of one file but for their names.
        let said = finding.message.replace("primary", "").replace("backup", "");
        let key = (finding.rule.code, said, places);
        if seen.insert(key) {
            out.push(finding);
        }
    }
    out
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
        indexes: Default::default(),
    };
    findings.extend(run_rules(&pair));
    findings
}

/// Runs every rule, two at a time (each thread takes the next rule not yet taken); the
/// findings come out in the registry's order, as if the rules had run one after another.
fn run_rules(pair: &Pair<'_>) -> Vec<Finding> {
    let registry = rules::registry();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done: Vec<(usize, Vec<Finding>)> = Vec::new();
        loop {
            let i = next.fetch_add(1, AtomicOrdering::Relaxed);
            let Some(rule) = registry.get(i) else {
                return done;
            };
            let mut out = Vec::new();
            rule.check(pair, &mut out);
            done.push((i, out));
        }
    };
    let (mut done, other) = both(work, work);
    done.extend(other);
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().flat_map(|(_, out)| out).collect()
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
