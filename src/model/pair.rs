//! The pair the rules look at.

use std::any::Any;
use std::sync::OnceLock;

use crate::ems::tibemsd::Param;
use crate::ems::users::UsersFile;
use crate::finding::Side;
use crate::model::clients::Clients;
use crate::model::deployment::Deployment;
use crate::model::files::{JsonSource, ServerFiles};
use crate::model::json_config::against::AgainstFiles;
use crate::model::json_config::Role;
use crate::model::problem::Problem;
use crate::model::server::{Parsed, Server};
use crate::model::subfiles::SUB_FILES;
use crate::settings::Settings;

/// What the rules look at: one server, or the two of a pair, and with `--against` the
/// tibemsd.json the pair is checked against.
///
/// Only servers whose main file was read are compared: a side that could not be read is
/// kept apart in `unread`, where only what went wrong reading it is reported, so that no rule
/// restates that as the other side's every setting "not set" on it.
pub struct Pair<'a> {
    /// The primary; when the primary could not be read and the backup could, the backup,
    /// linted alone (a server knows its own side).
    pub primary: Server<'a>,
    /// The backup, when there is one and both sides were read.
    pub backup: Option<Server<'a>>,
    /// A side given but not read (no main file, unreadable, not text): its problems only.
    pub unread: Option<Server<'a>>,
    pub settings: &'a Settings,
    pub against: Option<Against<'a>>,
    /// What the pair runs on: its FTL cluster configuration and its hosts' mounts.
    pub deployment: Option<&'a Deployment>,
    /// What the comparison engine builds once per pair for the rules that share it.
    pub engine_cache: EngineCache,
    /// The client files attached to the pair (`--clients`), parsed.
    pub clients: Clients<'a>,
}

/// A value the comparison engine keeps in a slot of [`EngineCache`].
pub type Cached = Box<dyn Any + Send + Sync>;

/// One slot per server and sub-file, filled by the first rule that needs it (the engine
/// keeps each server's entries of a file grouped by key there). The model only holds the
/// slots: what is in them is the engine's.
#[derive(Default)]
pub struct EngineCache {
    slots: [[OnceLock<Cached>; SUB_FILES.len()]; 2],
}

impl EngineCache {
    /// The slot of sub-file `index` for `side`.
    pub fn slot(&self, side: Side, index: usize) -> Option<&OnceLock<Cached>> {
        self.slots[side as usize].get(index)
    }
}

/// The tibemsd.json of `--against`: each of its servers paired with the .conf server of the
/// same role, and every problem reading and parsing them found.
pub struct Against<'a> {
    pub files: &'a AgainstFiles,
    pub problems: Vec<Problem>,
    pub comparisons: Vec<JsonComparison<'a>>,
}

/// A .conf server (as the primary) and the JSON's server of its role (as the backup), so that
/// the comparison engine compares their sub-files.
pub struct JsonComparison<'a> {
    pub role: Role,
    /// How messages name the JSON server: `cfg/tibemsd.json (secondary)`.
    pub label: String,
    pub pair: Pair<'a>,
}

impl<'a> Against<'a> {
    /// Parses the JSON's servers once, each beside the .conf server of its role.
    pub fn new(
        files: &'a AgainstFiles,
        conf: (&'a ServerFiles, Option<&'a ServerFiles>),
        settings: &'a Settings,
    ) -> Against<'a> {
        let mut problems = files.problems.clone();
        let mut comparisons = Vec::new();
        for (role, json_files) in &files.servers {
            problems.extend(json_files.problems.iter().cloned());
            let json = Server::parse(json_files);
            problems.extend(json.problems.iter().cloned());
            let conf_files = match role {
                Role::Primary => Some(conf.0),
                Role::Secondary => conf.1,
            };
            // A side that was not read has nothing to compare: its problem says why.
            let conf_files = conf_files.filter(|c| c.main_found && json_files.main_found);
            if let Some(conf_files) = conf_files {
                let pair = Pair::new(Server::parse(conf_files), Some(json), settings, None);
                comparisons.push(JsonComparison {
                    role: *role,
                    label: files.label(*role),
                    pair,
                });
            }
        }
        Against {
            files,
            problems,
            comparisons,
        }
    }
}

impl<'a> Pair<'a> {
    pub fn new(
        primary: Server<'a>,
        backup: Option<Server<'a>>,
        settings: &'a Settings,
        against: Option<Against<'a>>,
    ) -> Pair<'a> {
        let read = |s: &Server<'_>| s.files.main_found;
        let (primary, backup, unread) = match backup {
            Some(backup) if !read(&primary) && read(&backup) => (backup, None, Some(primary)),
            Some(backup) if !read(&backup) => (primary, None, Some(backup)),
            backup => (primary, backup, None),
        };
        Pair {
            primary,
            backup,
            unread,
            settings,
            against,
            deployment: None,
            engine_cache: EngineCache::default(),
            clients: Clients::default(),
        }
    }

    /// Each server of the pair (one when linting a single server).
    pub fn servers(&self) -> impl Iterator<Item = &Server<'a>> {
        std::iter::once(&self.primary).chain(self.backup.as_ref())
    }

    /// Both servers, each with its peer; nothing when linting a single server.
    pub fn both_ways(&self) -> Vec<(&Server<'a>, &Server<'a>)> {
        match &self.backup {
            Some(backup) => vec![(&self.primary, backup), (backup, &self.primary)],
            None => Vec::new(),
        }
    }

    /// Authorization matters for the pair as soon as either side enables it.
    pub fn authorization_on(&self) -> bool {
        self.servers().any(|s| s.flag("authorization"))
    }

    /// Each server with its `server` line and its users.conf, where the server-named user
    /// must be; none when authorization is off on both sides.
    pub fn server_users(
        &self,
    ) -> impl Iterator<Item = (&Server<'a>, &'a Param, &Parsed<'a, UsersFile<'a>>)> {
        let on = self.authorization_on();
        self.servers().filter(move |_| on).filter_map(|server| {
            let name = server.param("server")?;
            let users = server.users.as_ref()?;
            Some((server, name, users))
        })
    }

    /// Every problem reading and parsing found: reading each server (a side not read
    /// included), parsing each server, then the `--against` JSON's.
    pub fn problems(&self) -> impl Iterator<Item = &Problem> {
        let read = self
            .servers()
            .chain(self.unread.as_ref())
            .flat_map(|s| s.files.problems.iter());
        let parsed = self.servers().flat_map(|s| s.problems.iter());
        let against = self.against.iter().flat_map(|a| a.problems.iter());
        let deployment = self.deployment.iter().flat_map(|d| d.problems.iter());
        read.chain(parsed).chain(against).chain(deployment)
    }

    /// Every tibemsd.json whose own tree the rules read, with the side it is reported at.
    pub fn json_sources(&self) -> impl Iterator<Item = (&ServerFiles, &JsonSource)> {
        self.servers()
            .filter_map(|s| s.files.json.as_ref().map(|j| (s.files, j)))
    }

    /// The JSON of `--against`: its source, reported at the primary.
    pub fn against_json(&self) -> Option<&JsonSource> {
        self.against.as_ref().and_then(|a| a.files.json.as_ref())
    }
}
