//! One run: read both sides → parse → the rules → post-processing, into a [`Report`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::finding::{Finding, PairLabel, Severity, Side, Summary};
use crate::model::clients::{read_clients, ClientSource, Clients};
use crate::model::deployment::Deployment;
use crate::model::files::{ServerFiles, MAIN_FILE};
use crate::model::json_config::{self, against::AgainstFiles};
use crate::model::read::{read_server, reader_for};
use crate::model::server::Server;
use crate::model::subfiles::SUB_FILES;
use crate::model::{Against, Pair};
use crate::parallel;
use crate::post::{levels, relocate, suppress};
use crate::rules::registry::registry;
use crate::settings::Settings;
use crate::source::Reader;

/// What to lint: one server, or the two servers of a pair.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub primary: PathBuf,
    pub backup: Option<PathBuf>,
}

impl Inputs {
    /// The paths given, whose trees the run reads.
    fn paths(&self) -> Vec<&Path> {
        std::iter::once(self.primary.as_path())
            .chain(self.backup.as_deref())
            .collect()
    }

    /// What makes these inputs no lint at all, checked before anything is read: the one
    /// message the tool stops with (exit 2). Each path exists (the caller checks that).
    /// A sub-file given as a server's main file, one server given twice, and an `--against`
    /// that is not a JSON configuration are refused.
    pub fn refusal(&self, against: Option<&Path>) -> Option<String> {
        for input in std::iter::once(&self.primary).chain(&self.backup) {
            if let Some(message) = sub_file_given(input) {
                return Some(message);
            }
        }
        if let Some(backup) = &self.backup {
            let main = main_file(&self.primary);
            if main == main_file(backup) {
                return Some(format!(
                    "{} and {} are one server ({}): give the backup's configuration as the second path (a tibemsd.json alone is linted as the pair it describes)",
                    self.primary.display(),
                    backup.display(),
                    main.display()
                ));
            }
        }
        let against = against?;
        let reader = reader_for(&[against], &Settings::default());
        if json_config::json_input(against, &against.to_string_lossy(), &reader).is_some() {
            return None;
        }
        let what = if against.is_dir() {
            format!("a directory with no {}", json_config::JSON_FILE)
        } else {
            "not a JSON file".to_string()
        };
        Some(format!(
            "--against {}: expects a tibemsd.json (or the directory that holds it), and this is {what}; give .conf servers as PRIMARY [BACKUP]",
            against.display()
        ))
    }
}

/// A file named like one of the sub-files tibemsd.conf names (users.conf, queues.conf, …),
/// given where a server's main file is expected.
fn sub_file_given(input: &Path) -> Option<String> {
    if !input.is_file() {
        return None;
    }
    let name = input.file_name()?.to_string_lossy().to_ascii_lowercase();
    let row = SUB_FILES.iter().find(|row| row.file_name == name)?;
    Some(format!(
        "{}: this is the `{}` file tibemsd.conf names ({}), not a server's main configuration; give the directory that holds tibemsd.conf, or tibemsd.conf itself",
        input.display(),
        row.param,
        row.file_name
    ))
}

/// The main file a path on the command line stands for, as this machine knows it.
fn main_file(input: &Path) -> PathBuf {
    let main = if input.is_dir() {
        [MAIN_FILE, json_config::JSON_FILE]
            .iter()
            .map(|name| input.join(name))
            .find(|path| path.is_file())
            .unwrap_or_else(|| input.to_path_buf())
    } else {
        input.to_path_buf()
    };
    std::fs::canonicalize(&main).unwrap_or(main)
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

/// One pair of a discovered tree (or one server), what it is, and its counts.
#[derive(Debug, Clone)]
pub struct PairSummary {
    pub pair: Arc<PairLabel>,
    pub kind: TreeEntry,
    pub summary: Summary,
}

/// What one entry of a discovered tree is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreeEntry {
    /// Two .conf servers that the ft_active ↔ listen links pair, with how their sides were named.
    Pair(SidesBy),
    /// The only two servers with an `ft_active` under one `server` name, neither reaching the
    /// other: a pair whose link the FT rules examine, the primary first in path order.
    NamePair,
    /// A tibemsd.json that describes both servers of a pair.
    JsonPair,
    /// A server that runs alone: no `ft_active`, or a JSON configuration of one server.
    Standalone,
    /// A server with an `ft_active` and no partner under the tree.
    Unpaired,
}

/// How the two sides of a discovered pair were told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidesBy {
    /// Each one's `ft_active` reaches the other: the primary is the first in path order.
    PathOrder,
    /// The primary is the one whose `ft_active` reaches the other.
    FtActive,
}

impl TreeEntry {
    /// The kind, for the JSON document: `pair`, `pair-by-name`, `json-pair`, `standalone`,
    /// `unpaired`.
    pub fn as_str(self) -> &'static str {
        match self {
            TreeEntry::Pair(_) => "pair",
            TreeEntry::NamePair => "pair-by-name",
            TreeEntry::JsonPair => "json-pair",
            TreeEntry::Standalone => "standalone",
            TreeEntry::Unpaired => "unpaired",
        }
    }

    /// How the sides were named, for the JSON document: `path-order` or `ft-active`.
    pub fn sides(self) -> Option<&'static str> {
        match self {
            TreeEntry::Pair(SidesBy::PathOrder) | TreeEntry::NamePair => Some("path-order"),
            TreeEntry::Pair(SidesBy::FtActive) => Some("ft-active"),
            _ => None,
        }
    }

    /// What the summary table says of it.
    pub fn describe(self) -> &'static str {
        match self {
            TreeEntry::Pair(SidesBy::PathOrder) => "FT pair, primary first in path order",
            TreeEntry::Pair(SidesBy::FtActive) => {
                "FT pair, primary is the one whose ft_active reaches the other"
            }
            TreeEntry::NamePair => {
                "FT pair by name only (neither ft_active reaches the other), primary first in path order"
            }
            TreeEntry::JsonPair => "FT pair in one tibemsd.json",
            TreeEntry::Standalone => "standalone",
            TreeEntry::Unpaired => "has ft_active, no partner under the tree",
        }
    }
}

/// What a discovered tree holds: FT pairs (a JSON pair included), standalone servers, and
/// servers with an `ft_active` and no partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeCounts {
    pub ft_pairs: usize,
    pub standalone: usize,
    pub unpaired: usize,
}

impl TreeCounts {
    pub fn of(pairs: &[PairSummary]) -> TreeCounts {
        let count = |f: &dyn Fn(TreeEntry) -> bool| pairs.iter().filter(|p| f(p.kind)).count();
        TreeCounts {
            ft_pairs: count(&|k| {
                matches!(
                    k,
                    TreeEntry::Pair(_) | TreeEntry::NamePair | TreeEntry::JsonPair
                )
            }),
            standalone: count(&|k| k == TreeEntry::Standalone),
            unpaired: count(&|k| k == TreeEntry::Unpaired),
        }
    }

    /// `2 FT pairs, 3 standalone servers, 1 server without its partner`.
    pub fn describe(self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = vec![plural(self.ft_pairs, "FT pair", "FT pairs")];
        if self.standalone > 0 {
            parts.push(plural(
                self.standalone,
                "standalone server",
                "standalone servers",
            ));
        }
        if self.unpaired > 0 {
            parts.push(plural(
                self.unpaired,
                "server without its partner",
                "servers without their partners",
            ));
        }
        parts.join(", ")
    }
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
    let mut paths = inputs.paths();
    paths.extend(settings.clients.files.iter().map(PathBuf::as_path));
    let reader = reader_for(&paths, settings);
    let (primary_files, backup_files) = read_inputs(inputs, settings, &reader);
    let deployment = read_deployment(&primary_files, backup_files.as_ref(), settings, &reader);
    let clients = read_clients(&settings.clients.files, &reader, settings.size_cap);
    finish(
        inputs,
        primary_files,
        backup_files,
        None,
        &deployment,
        &clients,
        settings,
    )
}

/// Lints a .conf pair (or one server) as [`lint`] does, and checks that the JSON
/// configuration `json` says what it says (`--against`): the .conf primary against the
/// JSON's primary server, the .conf backup against its secondary.
pub fn lint_against(inputs: &Inputs, json: &Path, settings: &Settings) -> Report {
    let mut paths = inputs.paths();
    paths.push(json);
    paths.extend(settings.clients.files.iter().map(PathBuf::as_path));
    let reader = reader_for(&paths, settings);
    let (primary_files, backup_files) = read_inputs(inputs, settings, &reader);
    let clients = read_clients(&settings.clients.files, &reader, settings.size_cap);
    let sides: Vec<Side> = std::iter::once(primary_files.side)
        .chain(backup_files.as_ref().map(|b| b.side))
        .collect();
    let against = AgainstFiles::read(json, &sides, settings, &reader);
    let deployment = read_deployment(&primary_files, backup_files.as_ref(), settings, &reader);
    finish(
        inputs,
        primary_files,
        backup_files,
        Some(&against),
        &deployment,
        &clients,
        settings,
    )
}

fn read_deployment(
    primary: &ServerFiles,
    backup: Option<&ServerFiles>,
    settings: &Settings,
    reader: &Reader,
) -> Deployment {
    let servers: Vec<&ServerFiles> = std::iter::once(primary).chain(backup).collect();
    Deployment::read(settings, &servers, reader)
}

/// Reads what the inputs name: both sides in parallel, or the two servers of a JSON
/// configuration given alone. One reader for both sides: a file both servers name is read
/// once.
fn read_inputs(
    inputs: &Inputs,
    settings: &Settings,
    reader: &Reader,
) -> (ServerFiles, Option<ServerFiles>) {
    if inputs.backup.is_none() {
        let given = inputs.primary.to_string_lossy();
        if let Some((path, display)) = json_config::json_input(&inputs.primary, &given, reader) {
            return json_config::read_pair(&path, display, settings, reader);
        }
    }
    parallel::both(
        || read_server(Side::Primary, &inputs.primary, settings, reader),
        || {
            inputs
                .backup
                .as_ref()
                .map(|b| read_server(Side::Backup, b, settings, reader))
        },
    )
}

fn finish(
    inputs: &Inputs,
    primary_files: ServerFiles,
    backup_files: Option<ServerFiles>,
    against: Option<&AgainstFiles>,
    deployment: &Deployment,
    clients: &[ClientSource],
    settings: &Settings,
) -> Report {
    let findings = check_pair(
        &primary_files,
        backup_files.as_ref(),
        against,
        deployment,
        clients,
        settings,
    );
    let mut read = Vec::new();
    for files in std::iter::once(&primary_files).chain(backup_files.as_ref()) {
        // Files generated from a JSON configuration hold no comments to suppress with.
        let written = std::iter::once(&files.main).chain(files.named.iter().map(|n| &n.file));
        read.extend(
            written
                .filter(|f| f.origin.is_none())
                .map(|f| (files.side, f.clone())),
        );
    }
    let findings = relocate::relocate(findings);
    let findings = suppress::apply(findings, &read);
    let mut findings = levels::apply_levels(findings, settings);
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

fn check_pair(
    primary: &ServerFiles,
    backup: Option<&ServerFiles>,
    against: Option<&AgainstFiles>,
    deployment: &Deployment,
    clients: &[ClientSource],
    settings: &Settings,
) -> Vec<Finding> {
    let against = against.map(|a| Against::new(a, (primary, backup), settings));
    let (primary, backup) = parallel::both(|| Server::parse(primary), || backup.map(Server::parse));
    let mut pair = Pair::new(primary, backup, settings, against);
    pair.deployment = Some(deployment);
    pair.clients = Clients::parse(clients);
    run_rules(&pair)
}

/// Runs every rule, two at a time; the findings come out in the registry's order, as if the
/// rules had run one after another.
fn run_rules(pair: &Pair<'_>) -> Vec<Finding> {
    let done = parallel::map_in_order(registry(), 2, |rule| {
        let mut out = Vec::new();
        rule.check(pair, &mut out);
        out
    });
    done.into_iter().flatten().collect()
}
