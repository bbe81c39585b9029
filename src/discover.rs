//! `--discover DIR`: every EMS server under a tree, paired and linted.
//!
//! The walk (walkdir, symbolic links not followed, so a link loop is never entered) finds
//! every main configuration: `tibemsd*.conf`, and `.json` files that are EMS configurations
//! (a top-level `"tibemsd"` object). Other files are ignored, and so are `.git`, `target`
//! and every hidden directory. What cannot be read is a finding, never a stop.
//!
//! Servers are paired by their `server` name, and a pair is confirmed when one's
//! `ft_active` reaches a `listen` of the other (the test of the FT link rules). Two servers
//! of one name are a pair when a link confirms it or when either has an `ft_active`; two
//! without any `ft_active` are two servers that happen to share a name, each linted alone. A
//! server with an `ft_active` and no partner is `ft-partner-missing`; three or more servers
//! of one name that the links do not sort into pairs are `server-name-ambiguous`. A JSON
//! configuration is a pair by itself.
//!
//! Pairs are linted in parallel, at most `available_parallelism()` at a time, and every
//! finding carries its pair.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use crate::ems::tibemsd::{self, Param, TibemsdConf};
use crate::ems::url;
use crate::finding::{Finding, PairLabel, Side, Summary};
use crate::model::ft_link;
use crate::model::json_config::JsonConfig;
use crate::model::read::reader_for;
use crate::model::{Problem, ProblemKind};
use crate::parallel;
use crate::pipeline::{lint, Inputs, PairSummary, Report};
use crate::post::levels;
use crate::rules::ft_link::ft_partner_missing;
use crate::rules::hygiene::missing_file;
use crate::rules::identity::server_name_ambiguous;
use crate::settings::Settings;
use crate::source::{FileRef, Reader, SourceFile};

/// A main configuration found under the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// As the user would write it: the directory given joined with the file's path below it.
    pub display: String,
    pub json: bool,
}

/// Walks `root` for main configurations, in path order; what cannot be read is a finding.
pub fn find(root: &Path, settings: &Settings) -> (Vec<Found>, Vec<Finding>) {
    let mut found = Vec::new();
    let mut findings = Vec::new();
    let reader = reader_for(&[root], settings);
    let walk = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !skipped_dir(e));
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                let reason = e
                    .io_error()
                    .map_or_else(|| e.to_string(), |io| io.kind().to_string());
                findings.push(unreadable(&path, format!("cannot be read: {reason}")));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        let conf = name.starts_with("tibemsd") && name.ends_with(".conf");
        let json = name.to_ascii_lowercase().ends_with(".json");
        if !(conf || json) || entry.file_type().is_dir() {
            continue;
        }
        let path = entry.path().to_path_buf();
        // A link out of the tree is linted, to say so, whatever it leads to (or whether).
        if entry.path_is_symlink() && !reader.leads_outside(&path) {
            // A link to a file is read; a link to a directory is not followed; a loop or a
            // dangling link is reported.
            match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => {}
                Ok(_) => continue,
                Err(e) => {
                    let reason = if e.raw_os_error() == Some(40) || e.raw_os_error() == Some(62) {
                        "is a symbolic link loop".to_string()
                    } else {
                        format!("is a symbolic link to nothing ({})", e.kind())
                    };
                    findings.push(unreadable(&path, reason));
                    continue;
                }
            }
        }
        let display = path.to_string_lossy().into_owned();
        if json && !is_ems_json(&path, &display, settings, &name, &reader) {
            continue;
        }
        found.push(Found {
            path,
            display,
            json,
        });
    }
    (found, findings)
}

/// `.git`, `target` and hidden directories.
fn skipped_dir(entry: &walkdir::DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    entry.file_type().is_dir() && (name.starts_with('.') || name == "target")
}

/// A JSON file with a top-level `"tibemsd"` object, or named `tibemsd*.json` (a broken one
/// is linted, to report what breaks it).
fn is_ems_json(
    path: &Path,
    display: &str,
    settings: &Settings,
    name: &str,
    reader: &Reader,
) -> bool {
    if name.starts_with("tibemsd") {
        return true;
    }
    let Ok(file) = reader.read(path, display.to_string(), settings.size_cap, false) else {
        return false;
    };
    if !file.text.contains("\"tibemsd\"") {
        return false;
    }
    JsonConfig::from_file(file).is_ems()
}

fn unreadable(path: &Path, reason: String) -> Finding {
    let display = path.to_string_lossy().into_owned();
    let file: FileRef = Arc::new(SourceFile::absent(display.clone(), path.to_path_buf()));
    let problem = Problem::new(
        ProblemKind::Unreadable,
        Side::Primary,
        &file,
        None,
        format!("{display} {reason}"),
    )
    .help("fix the file or the link, or move it out of the tree");
    missing_file::finding(&problem)
}

/// What pairing needs of a .conf server: its name, its ft_active and its listens.
struct Conf {
    found: Found,
    file: FileRef,
    conf: TibemsdConf,
}

impl Conf {
    fn read(found: Found, settings: &Settings, reader: &Reader) -> Conf {
        let file = reader
            .read(&found.path, found.display.clone(), settings.size_cap, false)
            .unwrap_or_else(|_| {
                Arc::new(SourceFile::absent(
                    found.display.clone(),
                    found.path.clone(),
                ))
            });
        let conf = tibemsd::parse(&file.text);
        Conf { found, file, conf }
    }

    fn name(&self) -> Option<&str> {
        self.conf.get("server").map(|p| p.value.as_str())
    }

    fn ft_active(&self) -> Option<&Param> {
        self.conf.get("ft_active")
    }

    /// Whether this server's ft_active reaches a listen of `peer`.
    fn reaches(&self, peer: &Conf, settings: &Settings) -> bool {
        let Some(target) = self.ft_active().and_then(|p| url::parse_url(&p.value).ok()) else {
            return false;
        };
        peer.conf
            .values("listen")
            .filter_map(|p| url::parse_url(&p.value).ok())
            .any(|listen| ft_link::reaches(settings, &target, &listen))
    }
}

/// One thing to lint: a pair, a server alone, or a JSON configuration.
struct Job {
    label: Arc<PairLabel>,
    inputs: Inputs,
}

/// How the servers of a tree fall into pairs, and what is wrong with that.
struct Pairing {
    jobs: Vec<Job>,
    findings: Vec<Finding>,
}

fn pair(found: Vec<Found>, settings: &Settings) -> Pairing {
    let mut jobs = Vec::new();
    let mut findings = Vec::new();
    let mut by_name: BTreeMap<String, Vec<Conf>> = BTreeMap::new();
    let mut alone = Vec::new();
    let reader = reader_for(&[], settings);
    for f in found {
        if f.json {
            jobs.push(Job {
                label: Arc::new(PairLabel {
                    primary: f.display.clone(),
                    backup: Some(f.display.clone()),
                }),
                inputs: Inputs {
                    primary: f.path,
                    backup: None,
                },
            });
            continue;
        }
        let conf = Conf::read(f, settings, &reader);
        match conf.name().map(str::to_string) {
            Some(name) => by_name.entry(name).or_default().push(conf),
            None => alone.push(conf),
        }
    }
    let single = |c: &Conf| Job {
        label: Arc::new(PairLabel {
            primary: c.found.display.clone(),
            backup: None,
        }),
        inputs: Inputs {
            primary: c.found.path.clone(),
            backup: None,
        },
    };
    for conf in &alone {
        let job = single(conf);
        if let Some(finding) = orphan(conf, &job.label) {
            findings.push(finding);
        }
        jobs.push(job);
    }
    for (name, group) in &by_name {
        let mut partner: Vec<Option<usize>> = vec![None; group.len()];
        // Confirmed links, both ways first.
        let mut links: Vec<(u8, usize, usize)> = Vec::new();
        for i in 0..group.len() {
            for j in i + 1..group.len() {
                let score = u8::from(group[i].reaches(&group[j], settings))
                    + u8::from(group[j].reaches(&group[i], settings));
                if score > 0 {
                    links.push((score, i, j));
                }
            }
        }
        links.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (_, i, j) in links {
            if partner[i].is_none() && partner[j].is_none() {
                partner[i] = Some(j);
                partner[j] = Some(i);
            }
        }
        let left: Vec<usize> = (0..group.len()).filter(|&i| partner[i].is_none()).collect();
        // Two of one name, one with an ft_active: a pair whose link the FT rules examine.
        if group.len() == 2 && left.len() == 2 && group.iter().any(|c| c.ft_active().is_some()) {
            partner[0] = Some(1);
            partner[1] = Some(0);
        }
        for i in 0..group.len() {
            if let Some(j) = partner[i] {
                if i < j {
                    jobs.push(Job {
                        label: Arc::new(PairLabel {
                            primary: group[i].found.display.clone(),
                            backup: Some(group[j].found.display.clone()),
                        }),
                        inputs: Inputs {
                            primary: group[i].found.path.clone(),
                            backup: Some(group[j].found.path.clone()),
                        },
                    });
                }
            }
        }
        let left: Vec<usize> = (0..group.len()).filter(|&i| partner[i].is_none()).collect();
        let ambiguous = group.len() >= 3 && !left.is_empty();
        for &i in &left {
            let job = single(&group[i]);
            if ambiguous {
                findings.push(too_many(name, group, i, &job.label));
            } else if let Some(finding) = orphan(&group[i], &job.label) {
                findings.push(finding);
            }
            jobs.push(job);
        }
    }
    jobs.sort_by(|a, b| a.label.cmp(&b.label));
    Pairing { jobs, findings }
}

/// A server with an ft_active and no partner under the tree.
fn orphan(conf: &Conf, label: &Arc<PairLabel>) -> Option<Finding> {
    let param = conf.ft_active()?;
    Some(ft_partner_missing::finding(
        conf.name(),
        param,
        &conf.file,
        label,
    ))
}

/// One of three or more servers of one name that the links do not sort into pairs.
fn too_many(name: &str, group: &[Conf], i: usize, label: &Arc<PairLabel>) -> Finding {
    let all: Vec<&str> = group.iter().map(|c| c.found.display.as_str()).collect();
    let conf = &group[i];
    let at = conf.conf.get("server").map(|p| p.line_span.clone());
    server_name_ambiguous::finding(name, &all, &conf.found.display, &conf.file, at, label)
}

/// Finds, pairs and lints every server under `root`.
pub fn discover(root: &Path, settings: &Settings) -> Report {
    // Every pair of the tree may read anywhere under it.
    let mut settings = settings.clone();
    settings.allow_paths.push(root.to_path_buf());
    let settings = &settings;
    let (found, mut findings) = find(root, settings);
    let pairing = pair(found, settings);
    findings.extend(pairing.findings);
    let reports = lint_all(&pairing.jobs, settings);
    let mut pairs = Vec::with_capacity(pairing.jobs.len());
    let mut findings = levels::apply_levels(findings, settings);
    for (job, report) in pairing.jobs.iter().zip(reports) {
        let mut own: Vec<Finding> = report.findings;
        for f in &mut own {
            f.pair = Some(job.label.clone());
        }
        findings.extend(own);
        pairs.push(job.label.clone());
    }
    // By pair (what is about the tree itself first), then as one pair's report is sorted.
    findings.sort_by_cached_key(|f| (f.pair.clone(), f.sort_key()));
    let pairs = pairs
        .into_iter()
        .map(|pair| {
            let own: Vec<Finding> = findings
                .iter()
                .filter(|f| f.pair.as_ref() == Some(&pair))
                .cloned()
                .collect();
            PairSummary {
                summary: Summary::of(&own),
                pair,
            }
        })
        .collect();
    Report {
        primary: root.to_string_lossy().into_owned(),
        backup: None,
        findings,
        pairs: Some(pairs),
    }
}

/// Lints every job, at most `available_parallelism()` at a time; the reports in job order.
fn lint_all(jobs: &[Job], settings: &Settings) -> Vec<Report> {
    parallel::map_in_order(jobs, parallel::available(), |job| {
        lint(&job.inputs, settings)
    })
}
