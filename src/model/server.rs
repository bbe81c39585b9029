//! One server, parsed: the main file's parameters and the models of its sub-files, which
//! borrow from the files [`ServerFiles`] holds.

use std::ops::Range;
use std::sync::OnceLock;

use crate::ems::acl::{self, AclFile};
use crate::ems::bridges::{self, BridgesFile};
use crate::ems::destinations::{self, DestKind, DestinationsFile};
use crate::ems::durables::{self, DurablesFile};
use crate::ems::groups::{self, GroupsFile};
use crate::ems::ini::{self, IniFile, IniKind};
use crate::ems::lines::SyntaxError;
use crate::ems::params::{self, Canonical, ParamSpec};
use crate::ems::startup_abort::AbortList;
use crate::ems::tibemsd::{Param, TibemsdConf};
use crate::ems::tibrvcm::{self, TibrvcmFile};
use crate::ems::url::{self, EmsUrl};
use crate::ems::users::{self, UsersFile};
use crate::finding::Side;
use crate::model::destinations::{DestinationIndex, Destinations};
use crate::model::files::{push_syntax, ServerFiles};
use crate::model::problem::{Problem, ProblemKind};
use crate::model::secrets;
use crate::model::subfiles::{SubFileKind, INI_FILES};
use crate::model::tls::Tls;
use crate::source::FileRef;

/// Parses the sub-file that parameter `name` names, if it was read, and reports its syntax
/// errors.
fn parse_sub<'a, T>(
    files: &'a ServerFiles,
    kind: SubFileKind,
    problems: &mut Vec<Problem>,
    parse: impl FnOnce(&'a str) -> T,
    errors: impl FnOnce(&T) -> &[SyntaxError],
) -> Option<Parsed<'a, T>> {
    let named = files.named_file(kind.param()).filter(|n| n.read.is_ok())?;
    let file = &named.file;
    let data = parse(&file.text);
    push_syntax(files.side, file, errors(&data), problems);
    Some(Parsed { file, data })
}

/// A parser's warnings as syntax warnings, leaving out those at one of
/// `repeats` (the spans where the parser flags a repeated entry: duplicate-entry reports them).
fn push_warnings(
    side: Side,
    file: &FileRef,
    warnings: &[SyntaxError],
    repeats: &[&Range<usize>],
    problems: &mut Vec<Problem>,
) {
    for warning in warnings {
        if repeats.contains(&&warning.span) {
            continue;
        }
        problems.push(Problem::new(
            ProblemKind::SyntaxWarning,
            side,
            file,
            Some(warning.span.clone()),
            warning.message.clone(),
        ));
    }
}

fn push_unknown_keys(
    side: Side,
    file: &FileRef,
    kind: IniKind,
    keys: &[Range<usize>],
    problems: &mut Vec<Problem>,
) {
    for span in keys {
        let key = file.text.get(span.clone()).unwrap_or_default();
        let problem = Problem::new(
            ProblemKind::UnknownKey,
            side,
            file,
            Some(span.clone()),
            format!(
                "unknown parameter `{key}` in a {} of {}",
                kind.section_noun(),
                kind.file_name()
            ),
        );
        problems.push(match ini::did_you_mean(kind, key) {
            Some(near) => problem.help(format!("did you mean `{near}`?")),
            None => problem.help(format!(
                "remove it, or check the spelling against the EMS documentation of {}",
                kind.file_name()
            )),
        });
    }
}

/// One server, parsed: the main file's parameters and the models of its sub-files.
///
/// A sub-file is `None` when tibemsd.conf does not name it or it could not be read (a
/// problem says so).
#[derive(Debug)]
pub struct Server<'a> {
    pub files: &'a ServerFiles,
    pub users: Option<Parsed<'a, UsersFile<'a>>>,
    pub groups: Option<Parsed<'a, GroupsFile<'a>>>,
    pub acl: Option<Parsed<'a, AclFile<'a>>>,
    pub queues: Option<Parsed<'a, DestinationsFile<'a>>>,
    pub topics: Option<Parsed<'a, DestinationsFile<'a>>>,
    pub durables: Option<Parsed<'a, DurablesFile<'a>>>,
    pub bridges: Option<Parsed<'a, BridgesFile<'a>>>,
    pub tibrvcm: Option<Parsed<'a, TibrvcmFile<'a>>>,
    pub routes: Option<Parsed<'a, IniFile<'a>>>,
    pub factories: Option<Parsed<'a, IniFile<'a>>>,
    pub stores: Option<Parsed<'a, IniFile<'a>>>,
    pub channels: Option<Parsed<'a, IniFile<'a>>>,
    pub transports: Option<Parsed<'a, IniFile<'a>>>,
    /// Every certificate and key tibemsd.conf names, read with its password.
    pub tls: Tls<'a>,
    /// What parsing the sub-files found wrong.
    pub problems: Vec<Problem>,
    /// The queues' and the topics' index for inheritance, built on first use
    /// ([`Server::destinations`]).
    pub(crate) inheritance: [OnceLock<DestinationIndex>; 2],
}

/// A sub-file's model with the file it came from.
#[derive(Debug)]
pub struct Parsed<'a, T> {
    pub file: &'a FileRef,
    pub data: T,
}

/// What a server has for one sub-file parameter.
#[derive(Debug, Clone, Copy)]
pub enum SubFile<'a> {
    /// tibemsd.conf does not name one: the server has none of these entries.
    NotNamed,
    /// Named but absent or unreadable: `missing-file` reports it.
    Unreadable,
    Read(&'a FileRef),
}

impl<'a> Server<'a> {
    /// Parses every sub-file once. Parse errors are `syntax` problems; keys an INI-style file
    /// does not define are unknown keys; the parsers' other warnings (an
    /// inline ` # …` that becomes part of a value, text after a header, a bridge source
    /// without targets) are syntax warnings, since EMS reads the line but
    /// maybe not as meant. Their warnings about repeated entries are left to
    /// `duplicate-entry`, which reports every file's repeats with both lines. Secret values
    /// (users.conf hashes, stores' and routes' passwords, inline keys) are marked so that no
    /// renderer shows them.
    pub fn parse(files: &'a ServerFiles) -> Server<'a> {
        let side = files.side;
        let mut problems = Vec::new();
        let users = parse_sub(
            files,
            SubFileKind::Users,
            &mut problems,
            users::parse,
            |d| &d.errors,
        );
        if let Some(parsed) = &users {
            secrets::mark_users_secrets(parsed.file, &parsed.data);
        }
        let groups = parse_sub(
            files,
            SubFileKind::Groups,
            &mut problems,
            groups::parse,
            |d| &d.errors,
        );
        let acl = parse_sub(files, SubFileKind::Acl, &mut problems, acl::parse, |d| {
            &d.errors
        });
        let queues = parse_sub(
            files,
            SubFileKind::Queues,
            &mut problems,
            |t| destinations::parse(t, DestKind::Queue),
            |d| &d.errors,
        );
        let topics = parse_sub(
            files,
            SubFileKind::Topics,
            &mut problems,
            |t| destinations::parse(t, DestKind::Topic),
            |d| &d.errors,
        );
        // Every warning of durables.conf and tibrvcm.conf is a repeated entry: duplicate-entry
        // reports it.
        let durables = parse_sub(
            files,
            SubFileKind::Durables,
            &mut problems,
            durables::parse,
            |d| &d.errors,
        );
        let tibrvcm = parse_sub(
            files,
            SubFileKind::Tibrvcm,
            &mut problems,
            tibrvcm::parse,
            |d| &d.errors,
        );
        let bridges = parse_sub(
            files,
            SubFileKind::Bridges,
            &mut problems,
            bridges::parse,
            |d| &d.errors,
        );
        if let Some(parsed) = &bridges {
            let repeats: Vec<&Range<usize>> =
                parsed.data.bridges.iter().map(|b| &b.line_span).collect();
            push_warnings(
                side,
                parsed.file,
                &parsed.data.warnings,
                &repeats,
                &mut problems,
            );
        }
        let ini = |(sub_file, kind): (SubFileKind, IniKind)| {
            let parsed = parse_sub(
                files,
                sub_file,
                &mut problems,
                |t| ini::parse(t, kind),
                |d| &d.errors,
            )?;
            let (file, data) = (parsed.file, &parsed.data);
            let headers: Vec<&Range<usize>> =
                data.sections.iter().map(|s| &s.header_span).collect();
            push_warnings(side, file, &data.warnings, &headers, &mut problems);
            push_unknown_keys(side, file, kind, &data.unknown_keys, &mut problems);
            secrets::mark_ini_secrets(file, kind, data);
            Some(parsed)
        };
        let [routes, factories, stores, channels, transports] = INI_FILES.map(ini);
        Server {
            files,
            users,
            groups,
            acl,
            queues,
            topics,
            durables,
            bridges,
            tibrvcm,
            routes,
            factories,
            stores,
            channels,
            transports,
            tls: Tls::read(files),
            problems,
            inheritance: Default::default(),
        }
    }

    /// The server's queues or topics, indexed for inheritance (built once, on first use);
    /// `None` without a readable file.
    pub fn destinations(&self, kind: DestKind) -> Option<Destinations<'_, 'a>> {
        let (parsed, slot) = match kind {
            DestKind::Queue => (self.queues.as_ref(), &self.inheritance[0]),
            DestKind::Topic => (self.topics.as_ref(), &self.inheritance[1]),
        };
        Some(Destinations::new(kind, &parsed?.data, slot))
    }

    /// What this server has for the sub-file that parameter `name` names.
    pub fn sub_file(&self, name: &str) -> SubFile<'a> {
        match self.files.named_file(name) {
            None => SubFile::NotNamed,
            Some(named) if named.read.is_err() => SubFile::Unreadable,
            Some(named) => SubFile::Read(&named.file),
        }
    }

    /// The parsed INI-style file of `kind`.
    pub fn ini(&self, kind: IniKind) -> Option<&Parsed<'a, IniFile<'a>>> {
        match kind {
            IniKind::Routes => self.routes.as_ref(),
            IniKind::Factories => self.factories.as_ref(),
            IniKind::Stores => self.stores.as_ref(),
            IniKind::Channels => self.channels.as_ref(),
            IniKind::Transports => self.transports.as_ref(),
        }
    }

    pub fn side(&self) -> Side {
        self.files.side
    }

    pub fn main(&self) -> &'a FileRef {
        &self.files.main
    }

    pub fn conf(&self) -> &'a TibemsdConf {
        &self.files.conf
    }

    /// The value in force for `name`, if the file sets one.
    pub fn param(&self, name: &str) -> Option<&'a Param> {
        self.files.conf.get(name)
    }

    /// The line a finding about `name` points at: the one in force, else the last that writes
    /// it empty (`ft_heartbeat =`, which EMS reads as unset); none when the file never names it.
    pub fn line_of(&self, name: &str) -> Option<&'a Param> {
        self.param(name)
            .or_else(|| self.files.conf.params.iter().rev().find(|p| p.name == name))
    }

    /// The value of a parameter by meaning, from the file or the documented default.
    pub fn canonical(&self, name: &str) -> Option<Canonical> {
        let spec: &ParamSpec = params::lookup(name)?;
        let raw = match self.param(name) {
            Some(p) => p.value.as_str(),
            None => spec.default?,
        };
        params::canonical(spec, raw).ok()
    }

    /// `startup_abort_list` as the server reads it (empty when unset). In a .conf file an
    /// unquoted space ends the list; a value from a JSON string has no such space.
    pub fn startup_abort_list(&self) -> AbortList<'a> {
        let Some(param) = self.param("startup_abort_list") else {
            return AbortList::default();
        };
        let text = &self.main().text;
        let quoted = param
            .value_span
            .start
            .checked_sub(1)
            .and_then(|at| text.get(at..param.value_span.start))
            == Some("\"");
        AbortList::parse(&param.value, quoted, self.main().origin.is_none())
    }

    /// A boolean parameter (false when absent and without a documented default).
    pub fn flag(&self, name: &str) -> bool {
        matches!(self.canonical(name), Some(Canonical::Bool(true)))
    }

    /// A number of seconds or an integer, from the file or the documented default.
    pub fn number(&self, name: &str) -> Option<u64> {
        match self.canonical(name)? {
            Canonical::Seconds(n) | Canonical::Bytes(n) => Some(n),
            Canonical::Int(n) => u64::try_from(n).ok(),
            _ => None,
        }
    }

    /// The values in force by meaning: every occurrence for an additive parameter, else the last;
    /// a documented default counts as set.
    pub fn values_in_force(&self, name: &str) -> Vec<String> {
        let spec = params::lookup(name);
        let canon = |raw: &str| match spec {
            Some(spec) => params::canonical(spec, raw)
                .map(|c| c.to_string())
                .unwrap_or_else(|_| raw.trim().to_string()),
            None => raw.trim().to_string(),
        };
        let mut values: Vec<String> = if spec.is_some_and(|s| s.repeatable) {
            self.conf().values(name).map(|p| canon(&p.value)).collect()
        } else {
            self.param(name)
                .map(|p| canon(&p.value))
                .into_iter()
                .collect()
        };
        if values.is_empty() {
            if let Some(default) = spec.and_then(|s| s.default) {
                values.push(canon(default));
            }
        }
        values.sort();
        values
    }

    /// Since EMS 10.3 the peer user may live in JAAS or LDAP instead of users.conf.
    /// The server's first store, when every store of the server is of type `ftl`: FTL stores
    /// are all or none of a server's stores (EMS 10.3 stores.conf_Parameters.htm); a mix is
    /// `store-type-conflict`'s error, and such a server does not run. On FTL stores the FTL
    /// server cluster runs fault tolerance (EMS 10.4 users-guide/fault-tolerance-with2.htm).
    pub fn ftl_store(&self) -> Option<(&'a str, &'a FileRef, &ini::IniProp<'a>)> {
        let stores = self.stores.as_ref()?;
        let mut typed = stores
            .data
            .sections
            .iter()
            .filter_map(|section| section.get("type").map(|kind| (section.name, kind)));
        let (name, kind) = typed.next()?;
        let ftl = |kind: &ini::IniProp<'_>| kind.value.trim().eq_ignore_ascii_case("ftl");
        (ftl(kind) && typed.all(|(_, k)| ftl(k))).then_some((name, stores.file, kind))
    }

    /// Every transport of transports.conf by name, with its `type` in lower case ("" when
    /// unset).
    pub fn transport_types(&self) -> std::collections::BTreeMap<&'a str, String> {
        self.transports
            .iter()
            .flat_map(|t| t.data.sections.iter())
            .map(|s| {
                let ty = s.get("type").map(|t| t.value.trim().to_ascii_lowercase());
                (s.name, ty.unwrap_or_default())
            })
            .collect()
    }

    pub fn external_authentication(&self) -> bool {
        ["jaas_config_file", "ldap_url", "jaas_login_config"]
            .iter()
            .any(|p| self.param(p).is_some())
    }

    /// Every `listen` URL that parses, with its line.
    pub fn listens(&self) -> Vec<(&'a Param, EmsUrl<'a>)> {
        self.files
            .conf
            .values("listen")
            .filter_map(|p| url::parse_url(&p.value).ok().map(|u| (p, u)))
            .collect()
    }
}
