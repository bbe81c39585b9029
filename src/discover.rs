//! `--discover DIR`: every EMS server under a tree, paired and linted.
//!
//! The walk (walkdir, symbolic links not followed, so a link loop is never entered) finds
//! every main configuration: `tibemsd*.conf`, and `.json` files that are EMS configurations
//! (a top-level `"tibemsd"` object). Other files are ignored, and so are `.git`, `target`
//! and every hidden directory. What cannot be read is a finding, never a stop.
//!
//! Servers are paired by what points at what, never by name alone: a server whose
//! `ft_active` reaches a `listen` of another with an `ft_active` is that one's partner (links
//! both ways first; the test of the FT link rules). A server without `ft_active` runs alone and
//! is listed as standalone, whatever its name. A server with an `ft_active` and no partner is
//! `ft-partner-missing`, unless it and one other are the only two with an `ft_active` under
//! one `server` name: they are a pair whose link the FT rules examine. Three or more with an
//! `ft_active` under one name that the links do not sort into pairs are
//! `server-name-ambiguous`. A JSON configuration is the
//! pair it describes, or one standalone server.
//!
//! Pairs are linted in parallel, at most `available_parallelism()` at a time, and every
//! finding carries its pair.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

mod estate;

use crate::ems::tibemsd::{self, Param, TibemsdConf};
use crate::ems::url;
use crate::finding::{Finding, PairLabel, Side, Summary};
use crate::model::ft_link;
use crate::model::json_config::JsonConfig;
use crate::model::read::reader_for;
use crate::model::{Problem, ProblemKind};
use crate::parallel;
use crate::pipeline::{lint, Inputs, PairSummary, Report, SidesBy, TreeEntry};
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
    kind: TreeEntry,
    inputs: Inputs,
    /// Its .conf servers, as indices into the tree's servers (none for a JSON configuration).
    servers: Vec<usize>,
    /// The client files under the tree whose URLs reach its servers.
    clients: Vec<PathBuf>,
}

impl Job {
    fn pair(primary: &Conf, backup: &Conf, kind: TreeEntry) -> Job {
        let (a, b) = (&primary.found, &backup.found);
        Job {
            label: Arc::new(PairLabel {
                primary: a.display.clone(),
                backup: Some(b.display.clone()),
            }),
            kind,
            inputs: Inputs {
                primary: a.path.clone(),
                backup: Some(b.path.clone()),
            },
            servers: Vec::new(),
            clients: Vec::new(),
        }
    }

    fn single(conf: &Conf, kind: TreeEntry) -> Job {
        Job {
            label: Arc::new(PairLabel {
                primary: conf.found.display.clone(),
                backup: None,
            }),
            kind,
            inputs: Inputs {
                primary: conf.found.path.clone(),
                backup: None,
            },
            servers: Vec::new(),
            clients: Vec::new(),
        }
    }
}

/// How the servers of a tree fall into pairs, and what is wrong with that.
struct Pairing {
    jobs: Vec<Job>,
    findings: Vec<Finding>,
    /// Every .conf server of the tree.
    confs: Vec<Conf>,
}

/// Pairs the servers that point at each other. A server without `ft_active` runs alone,
/// whatever its name (an estate of standalone servers that keep TIBCO's default name
/// `EMS-SERVER` is no ambiguity). Two servers with an `ft_active` are a pair when one's
/// reaches a listen of the other, links both ways first; the primary is the first in path
/// order when both reach each other, else the one whose `ft_active` reaches the other.
fn pair(found: Vec<Found>, settings: &Settings) -> Pairing {
    let mut jobs = Vec::new();
    let mut findings = Vec::new();
    let reader = reader_for(&[], settings);
    let mut confs = Vec::new();
    for f in found {
        if f.json {
            jobs.push(json_job(f, settings, &reader));
        } else {
            confs.push(Conf::read(f, settings, &reader));
        }
    }
    let ft: Vec<usize> = (0..confs.len())
        .filter(|&i| confs[i].ft_active().is_some())
        .collect();
    let mut links: Vec<(u8, bool, usize, usize)> = Vec::new();
    for (n, &i) in ft.iter().enumerate() {
        for &j in &ft[n + 1..] {
            let score = u8::from(confs[i].reaches(&confs[j], settings))
                + u8::from(confs[j].reaches(&confs[i], settings));
            if score > 0 {
                links.push((score, confs[i].name() == confs[j].name(), i, j));
            }
        }
    }
    // Both ways before one way, one name before two, then path order.
    links.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then((a.2, a.3).cmp(&(b.2, b.3)))
    });
    let mut paired = vec![false; confs.len()];
    for (score, _, i, j) in links {
        if paired[i] || paired[j] {
            continue;
        }
        paired[i] = true;
        paired[j] = true;
        let (primary, backup, sides) = if score == 2 {
            (i, j, SidesBy::PathOrder)
        } else if confs[i].reaches(&confs[j], settings) {
            (i, j, SidesBy::FtActive)
        } else {
            (j, i, SidesBy::FtActive)
        };
        let mut job = Job::pair(&confs[primary], &confs[backup], TreeEntry::Pair(sides));
        job.servers = vec![primary, backup];
        jobs.push(job);
    }
    // The only two servers with an ft_active under one name, whose links do not meet (a host
    // written another way, a wrong port): a pair, whose link the FT rules then examine.
    for &i in &ft {
        let namesakes: Vec<usize> = ft
            .iter()
            .copied()
            .filter(|&k| confs[k].name().is_some() && confs[k].name() == confs[i].name())
            .collect();
        if let [first, second] = namesakes[..] {
            if first == i && !paired[first] && !paired[second] {
                paired[first] = true;
                paired[second] = true;
                let mut job = Job::pair(&confs[first], &confs[second], TreeEntry::NamePair);
                job.servers = vec![first, second];
                jobs.push(job);
            }
        }
    }
    for (i, conf) in confs.iter().enumerate() {
        if paired[i] {
            continue;
        }
        if conf.ft_active().is_none() {
            let mut job = Job::single(conf, TreeEntry::Standalone);
            job.servers = vec![i];
            jobs.push(job);
            continue;
        }
        let mut job = Job::single(conf, TreeEntry::Unpaired);
        job.servers = vec![i];
        // Three or more servers with an ft_active under one name: which two are the pair?
        let namesakes: Vec<&Conf> = ft
            .iter()
            .map(|&k| &confs[k])
            .filter(|c| c.name().is_some() && c.name() == conf.name())
            .collect();
        if namesakes.len() >= 3 {
            findings.push(too_many(&namesakes, conf, &job.label));
        } else {
            let alone = confs
                .iter()
                .filter(|c| c.ft_active().is_none() && conf.reaches(c, settings))
                .map(|c| c.found.display.as_str())
                .next();
            findings.extend(orphan(conf, alone, &job.label));
        }
        jobs.push(job);
    }
    jobs.sort_by(|a, b| a.label.cmp(&b.label));
    Pairing {
        jobs,
        findings,
        confs,
    }
}

/// A JSON configuration: the pair it describes, or one standalone server.
fn json_job(found: Found, settings: &Settings, reader: &Reader) -> Job {
    let describes_pair = JsonConfig::read(&found.path, found.display.clone(), settings, reader)
        .is_ok_and(|c| c.describes_pair());
    Job {
        label: Arc::new(PairLabel {
            primary: found.display.clone(),
            backup: describes_pair.then(|| found.display.clone()),
        }),
        kind: if describes_pair {
            TreeEntry::JsonPair
        } else {
            TreeEntry::Standalone
        },
        inputs: Inputs {
            primary: found.path,
            backup: None,
        },
        servers: Vec::new(),
        clients: Vec::new(),
    }
}

/// A server with an ft_active and no partner under the tree; `alone` is a server without
/// ft_active that its ft_active reaches.
fn orphan(conf: &Conf, alone: Option<&str>, label: &Arc<PairLabel>) -> Option<Finding> {
    let param = conf.ft_active()?;
    Some(ft_partner_missing::finding(
        conf.name(),
        param,
        alone,
        &conf.file,
        label,
    ))
}

/// One of three or more servers of one name, each with an ft_active, that the links do not
/// sort into pairs.
fn too_many(namesakes: &[&Conf], conf: &Conf, label: &Arc<PairLabel>) -> Finding {
    let all: Vec<&str> = namesakes.iter().map(|c| c.found.display.as_str()).collect();
    let name = conf.name().unwrap_or_default();
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
    let mut pairing = pair(found, settings);
    findings.extend(std::mem::take(&mut pairing.findings));
    let reader = reader_for(&[root], settings);
    let clients = estate::find_clients(root);
    findings.extend(estate::attach(&mut pairing, clients, settings, &reader));
    findings.extend(estate::routes(&pairing, settings, &reader));
    let reports = lint_all(&pairing.jobs, settings);
    let mut pairs = Vec::with_capacity(pairing.jobs.len());
    let mut findings = levels::apply_levels(findings, settings);
    for (job, report) in pairing.jobs.iter().zip(reports) {
        let mut own: Vec<Finding> = report.findings;
        for f in &mut own {
            f.pair = Some(job.label.clone());
        }
        findings.extend(own);
        pairs.push((job.label.clone(), job.kind));
    }
    // By pair (what is about the tree itself first), then as one pair's report is sorted.
    findings.sort_by_cached_key(|f| (f.pair.clone(), f.sort_key()));
    let pairs = pairs
        .into_iter()
        .map(|(pair, kind)| {
            let own: Vec<Finding> = findings
                .iter()
                .filter(|f| f.pair.as_ref() == Some(&pair))
                .cloned()
                .collect();
            PairSummary {
                summary: Summary::of(&own),
                pair,
                kind,
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
        if job.clients.is_empty() {
            return lint(&job.inputs, settings);
        }
        let mut own = settings.clone();
        own.clients.files.extend(job.clients.iter().cloned());
        lint(&job.inputs, &own)
    })
}
