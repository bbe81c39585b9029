//! One server: its main file and everything the main file names, read and parsed.
//!
//! Reading ([`read_server`]) resolves and reads files; parsing ([`Server::parse`]) turns
//! their text into models that borrow from it. Both sides run each phase in parallel.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::ems::acl::{self, AclFile};
use crate::ems::bridges::{self, BridgesFile};
use crate::ems::destinations::{self, DestKind, DestinationsFile};
use crate::ems::durables::{self, DurablesFile};
use crate::ems::groups::{self, GroupsFile};
use crate::ems::ini::{self, IniFile, IniKind};
use crate::ems::lines::SyntaxError;
use crate::ems::params::{self, Canonical, ParamSpec};
use crate::ems::tibemsd::{self, Param, TibemsdConf};
use crate::ems::tibrvcm::{self, TibrvcmFile};
use crate::ems::url::{self, EmsUrl};
use crate::ems::users::{self, UsersFile};
use crate::finding::{Finding, Severity, Side};
use crate::json_model;
use crate::rules::{missing_file, not_utf8, path_fallback, syntax, unknown_parameter};
use crate::server_tls::{self, Tls};
use crate::settings::Settings;
use crate::source::{FileRef, ReadError, Reader, SourceFile};

pub const MAIN_FILE: &str = "tibemsd.conf";

/// A file that a parameter of the main file names, and what became of reading it.
#[derive(Debug)]
pub struct NamedFile {
    /// Index of the naming line in `ServerFiles::conf.params`.
    pub param: usize,
    pub file: FileRef,
    pub read: Result<(), ReadError>,
}

/// What was read for one server.
#[derive(Debug)]
pub struct ServerFiles {
    pub side: Side,
    /// The main file; when there is none, an absent file named like the directory.
    pub main: FileRef,
    pub main_found: bool,
    pub conf: TibemsdConf,
    pub named: Vec<NamedFile>,
    pub findings: Vec<Finding>,
}

impl ServerFiles {
    /// The file that parameter `name` names, if it was read.
    pub fn named_file(&self, name: &str) -> Option<&NamedFile> {
        self.named
            .iter()
            .rev()
            .find(|n| self.conf.params[n.param].name == name)
    }
}

/// Finds the main file for a path given on the command line: a directory holding
/// `tibemsd.conf`, or the main file itself.
///
/// A `.json` file, or a directory holding tibemsd.json and no tibemsd.conf, is a JSON
/// configuration: the server of that side is read from it (the primary from its
/// `primary_listens`, the backup from its `secondary_listens`), with what is wrong with the
/// file itself.
pub fn read_server(side: Side, input: &Path, settings: &Settings) -> ServerFiles {
    read_server_with(side, input, settings, &Reader::new())
}

/// [`read_server`] with a [`Reader`] that the other side shares: a file both servers name
/// (TIBCO's sample FT pair shares every sub-file) is read once.
pub fn read_server_with(
    side: Side,
    input: &Path,
    settings: &Settings,
    reader: &Reader,
) -> ServerFiles {
    let given = input.to_string_lossy().into_owned();
    if let Some((path, display)) = json_model::json_input(input, &given) {
        return json_model::read_side(side, &path, display, settings);
    }
    let (main_path, main_display) = if input.is_dir() {
        (input.join(MAIN_FILE), join_display(&given, MAIN_FILE))
    } else {
        (input.to_path_buf(), given.clone())
    };
    let mut findings = Vec::new();
    let main = match reader.read(&main_path, main_display.clone(), settings.size_cap, false) {
        Ok(file) => file,
        Err(e) => {
            let absent = Arc::new(SourceFile::absent(given.clone(), input.to_path_buf()));
            let message = if input.is_dir() && e == ReadError::NotFound {
                format!("{given} holds no {MAIN_FILE}")
            } else {
                format!("{main_display} {e}")
            };
            findings.push(
                Finding::new(&missing_file::META, message)
                    .at_file(side, &absent)
                    .help("give the directory that holds tibemsd.conf, or the main file itself"),
            );
            return ServerFiles {
                side,
                main: absent,
                main_found: false,
                conf: TibemsdConf::default(),
                named: Vec::new(),
                findings,
            };
        }
    };
    report_text_problems(side, &main, &mut findings);
    let conf = tibemsd::parse(&main.text);
    push_syntax(side, &main, &conf.errors, &mut findings);
    mark_secrets(&main, &conf);

    let (named, more) = read_named(
        side,
        &main,
        &conf,
        &main_path,
        &main_display,
        settings,
        reader,
        &|_| None,
    );
    findings.extend(more);
    ServerFiles {
        side,
        main,
        main_found: true,
        conf,
        named,
        findings,
    }
}

/// Reads every file a parameter of the main file names, relative to the main file's
/// directory; `provided` gives the file of a parameter that is not read from disk (the
/// sub-files generated from a JSON configuration). Files that cannot be read are
/// `missing-file` findings at the value that names them.
#[allow(clippy::too_many_arguments)] // where the main file is, and where sub-files come from
pub(crate) fn read_named(
    side: Side,
    main: &FileRef,
    conf: &TibemsdConf,
    main_path: &Path,
    main_display: &str,
    settings: &Settings,
    reader: &Reader,
    provided: &dyn Fn(&str) -> Option<FileRef>,
) -> (Vec<NamedFile>, Vec<Finding>) {
    let mut findings = Vec::new();
    let dir = main_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let display_dir = Path::new(main_display)
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut named = Vec::new();
    let mut fallbacks = Vec::new();
    for (index, param) in conf.params.iter().enumerate() {
        let names_file = params::lookup(&param.name).is_some_and(|s| s.names_file);
        if !names_file || param.is_empty() || server_tls::is_inline_pem(&param.value) {
            continue;
        }
        if let Some(file) = provided(&param.name) {
            named.push(NamedFile {
                param: index,
                file,
                read: Ok(()),
            });
            continue;
        }
        let resolved = resolve(&param.value, &dir, &display_dir, settings);
        if resolved.fell_back {
            fallbacks.push(index);
        }
        // Certificates and keys are read as bytes. A file named twice (identity and key in
        // one PKCS#12, one CA for ssl_server_trusted and ft_ssl_trusted, one sub-file for both
        // servers) is read once.
        let binary = server_tls::is_tls_param(&param.name);
        let (file, read) = match reader.read(
            &resolved.path,
            resolved.display.clone(),
            settings.size_cap,
            binary,
        ) {
            Ok(file) => (file, Ok(())),
            Err(e) => (
                Arc::new(SourceFile::absent(
                    resolved.display.clone(),
                    resolved.path.clone(),
                )),
                Err(e),
            ),
        };
        match &read {
            Err(e) => findings.push(
                Finding::new(
                    &missing_file::META,
                    format!("`{}` names {}, which {e}", param.key, resolved.display),
                )
                .at(side, main, param.value_span.clone())
                .help(missing_help(&param.value, resolved.fell_back)),
            ),
            Ok(()) => report_text_problems(side, &file, &mut findings),
        }
        named.push(NamedFile {
            param: index,
            file,
            read,
        });
    }
    if let Some(&first) = fallbacks.first() {
        let list: Vec<String> = fallbacks
            .iter()
            .map(|&i| format!("{} ({})", conf.params[i].key, conf.params[i].value))
            .collect();
        findings.push(
            Finding::new(
                &path_fallback::META,
                format!(
                    "absolute paths that do not exist on this machine were read beside {main_display}: {}",
                    list.join(", ")
                ),
            )
            .at(side, main, conf.params[first].value_span.clone())
            .help("map the prefix explicitly with --path-map FROM=TO or [paths] in emsftlint.toml"),
        );
    }
    (named, findings)
}

fn missing_help(value: &str, fell_back: bool) -> String {
    if fell_back {
        format!("{value} does not exist here and there is no file of that name beside the main file; add one, or map the prefix with --path-map FROM=TO")
    } else {
        "paths are read relative to the main file's directory; fix the path or add the file".into()
    }
}

struct Resolved {
    path: PathBuf,
    display: String,
    fell_back: bool,
}

fn resolve(value: &str, dir: &Path, display_dir: &str, settings: &Settings) -> Resolved {
    for (from, to) in &settings.path_maps {
        if let Some(rest) = strip_path_prefix(value, from) {
            let mapped = if rest.is_empty() {
                to.clone()
            } else {
                format!("{}/{}", to.trim_end_matches('/'), rest)
            };
            return relative_or_absolute(&mapped, dir, display_dir);
        }
    }
    if is_absolute(value) {
        let path = PathBuf::from(value);
        if path.exists() {
            return Resolved {
                path,
                display: value.to_string(),
                fell_back: false,
            };
        }
        let name = value.rsplit(['/', '\\']).next().unwrap_or(value);
        return Resolved {
            path: dir.join(name),
            display: join_display(display_dir, name),
            fell_back: true,
        };
    }
    relative_or_absolute(value, dir, display_dir)
}

fn relative_or_absolute(value: &str, dir: &Path, display_dir: &str) -> Resolved {
    if is_absolute(value) {
        return Resolved {
            path: PathBuf::from(value),
            display: value.to_string(),
            fell_back: false,
        };
    }
    Resolved {
        path: dir.join(value),
        display: join_display(display_dir, value),
        fell_back: false,
    }
}

/// `/opt/a` is a prefix of `/opt/a/b` and `/opt/a`, not of `/opt/ab`.
fn strip_path_prefix<'v>(value: &'v str, prefix: &str) -> Option<&'v str> {
    let prefix = prefix.trim_end_matches(['/', '\\']);
    let rest = value.strip_prefix(prefix)?;
    if rest.is_empty() {
        return Some("");
    }
    rest.strip_prefix(['/', '\\'])
}

/// Unix absolute paths and Windows ones (`C:\tibco\…`, `\\server\share`), on any machine.
fn is_absolute(value: &str) -> bool {
    let bytes = value.as_bytes();
    value.starts_with('/')
        || value.starts_with("\\\\")
        || (bytes.len() >= 3
            && bytes[0].is_ascii_alphabetic()
            && bytes[1] == b':'
            && (bytes[2] == b'\\' || bytes[2] == b'/'))
}

pub fn join_display(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        Path::new(dir).join(name).to_string_lossy().into_owned()
    }
}

pub(crate) fn report_text_problems(side: Side, file: &FileRef, findings: &mut Vec<Finding>) {
    if let Some(at) = file.invalid_utf8_at {
        let (line, _) = file.line_col(at);
        findings.push(
            Finding::new(
                &not_utf8::META,
                format!("{} is not valid UTF-8 from line {line} on; it was read with replacement characters", file.display),
            )
            .at(side, file, file.line_span(at))
            .help("save the file as UTF-8, or check it for binary content"),
        );
    }
}

pub fn push_syntax(
    side: Side,
    file: &FileRef,
    errors: &[SyntaxError],
    findings: &mut Vec<Finding>,
) {
    for error in errors {
        findings.push(Finding::new(&syntax::META, error.message.clone()).at(
            side,
            file,
            error.span.clone(),
        ));
    }
}

/// Parses the sub-file that parameter `name` names, if it was read, and reports its syntax
/// errors.
fn parse_sub<'a, T>(
    files: &'a ServerFiles,
    name: &str,
    findings: &mut Vec<Finding>,
    parse: impl FnOnce(&'a str) -> T,
    errors: impl FnOnce(&T) -> &[SyntaxError],
) -> Option<Parsed<'a, T>> {
    let named = files.named_file(name).filter(|n| n.read.is_ok())?;
    let file = &named.file;
    let data = parse(&file.text);
    push_syntax(files.side, file, errors(&data), findings);
    Some(Parsed { file, data })
}

/// A parser's warnings as `syntax` findings at warning level, leaving out those at one of
/// `repeats` (the spans where the parser flags a repeated entry: duplicate-entry reports them).
fn push_warnings(
    side: Side,
    file: &FileRef,
    warnings: &[SyntaxError],
    repeats: &[&Range<usize>],
    findings: &mut Vec<Finding>,
) {
    for warning in warnings {
        if repeats.contains(&&warning.span) {
            continue;
        }
        findings.push(
            Finding::new(&syntax::META, warning.message.clone())
                .severity(Severity::Warning)
                .at(side, file, warning.span.clone()),
        );
    }
}

fn push_unknown_keys(
    side: Side,
    file: &FileRef,
    kind: IniKind,
    keys: &[Range<usize>],
    findings: &mut Vec<Finding>,
) {
    for span in keys {
        let key = file.text.get(span.clone()).unwrap_or_default();
        let finding = Finding::new(
            &unknown_parameter::META,
            format!(
                "unknown parameter `{key}` in a {} of {}",
                kind.section_noun(),
                kind.file_name()
            ),
        )
        .at(side, file, span.clone());
        findings.push(match ini::did_you_mean(kind, key) {
            Some(near) => finding.help(format!("did you mean `{near}`?")),
            None => finding.help(format!(
                "remove it, or check the spelling against the EMS documentation of {}",
                kind.file_name()
            )),
        });
    }
}

/// Passwords and inline private keys in an INI-style file; a bad line whose first word is a
/// secret key is masked after that word.
fn mark_ini_secrets(file: &SourceFile, kind: IniKind, data: &IniFile<'_>) {
    for prop in data.sections.iter().flat_map(|s| &s.props) {
        if !prop.is_empty() && ini::is_secret_value(kind, prop.key, prop.value) {
            file.mark_secret(prop.value_span.clone());
        }
    }
    for error in &data.errors {
        let Some(line) = file.text.get(error.span.clone()) else {
            continue;
        };
        let first_word = line
            .trim_start()
            .split([' ', '\t', '='])
            .next()
            .unwrap_or("");
        if !first_word.is_empty() && ini::is_secret_key(kind, first_word) {
            let start = error.span.start + line.len() - line.trim_start().len() + first_word.len();
            file.mark_secret(start..error.span.end);
        }
    }
}

fn mark_secrets(file: &SourceFile, conf: &TibemsdConf) {
    for param in &conf.params {
        // A private key written in the value (ft_ssl_private_key accepts "the actual key").
        let inline_key =
            server_tls::is_inline_pem(&param.value) && param.value.contains("PRIVATE KEY");
        if (is_secret(&param.name) || inline_key) && !param.value.is_empty() {
            file.mark_secret(param.value_span.clone());
        }
    }
    // A bad line that looks like a password is masked after its first word.
    for error in &conf.errors {
        let Some(line) = file.text.get(error.span.clone()) else {
            continue;
        };
        let first_word = line.split([' ', '\t', '=']).next().unwrap_or("");
        if is_secret(&first_word.to_ascii_lowercase()) {
            file.mark_secret(error.span.start + first_word.len()..error.span.end);
        }
    }
}

/// A parameter whose value is never shown: the catalog's secrets, and anything named like one.
pub fn is_secret(name: &str) -> bool {
    params::lookup(name).is_some_and(|s| s.ty == params::ParamType::Secret)
        || name.contains("password")
        || name.contains("credential")
}

/// One server, parsed: the main file's parameters and the models of its sub-files.
///
/// A sub-file is `None` when tibemsd.conf does not name it or it could not be read (a
/// `missing-file` finding says so).
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

/// The tibemsd.conf parameter that names each INI-style file.
pub const INI_FILES: [(&str, IniKind); 5] = [
    ("routes", IniKind::Routes),
    ("factories", IniKind::Factories),
    ("stores", IniKind::Stores),
    ("channels", IniKind::Channels),
    ("transports", IniKind::Transports),
];

impl<'a> Server<'a> {
    /// Parses every sub-file once. Parse errors are `syntax` findings; keys an INI-style file
    /// does not define are `unknown-parameter` findings; the parsers' other warnings (an
    /// inline ` # …` that becomes part of a value, text after a header, a bridge source
    /// without targets) are `syntax` findings at warning level, since EMS reads the line but
    /// maybe not as meant. Their warnings about repeated entries are left to
    /// `duplicate-entry`, which reports every file's repeats with both lines. Secret values
    /// (users.conf hashes, stores' and routes' passwords, inline keys) are marked so that no
    /// renderer shows them.
    pub fn parse(files: &'a ServerFiles) -> (Server<'a>, Vec<Finding>) {
        let side = files.side;
        let mut findings = Vec::new();
        let users = parse_sub(files, "users", &mut findings, users::parse, |d| &d.errors);
        if let Some(parsed) = &users {
            for user in parsed.data.users.iter().filter(|u| !u.password.is_empty()) {
                parsed.file.mark_secret(user.password_span.clone());
            }
            // A line that does not parse may still hold a hash: mask what follows its first `:`.
            for error in &parsed.data.errors {
                let line = parsed.file.line_span(error.span.start);
                let Some(text) = parsed.file.text.get(line.clone()) else {
                    continue;
                };
                if let Some(colon) = text.find(':') {
                    let rest = &text[colon + 1..];
                    let end = rest.find(':').unwrap_or(rest.len());
                    parsed
                        .file
                        .mark_secret(line.start + colon + 1..line.start + colon + 1 + end);
                }
            }
        }
        let groups = parse_sub(files, "groups", &mut findings, groups::parse, |d| &d.errors);
        let acl = parse_sub(files, "acl_list", &mut findings, acl::parse, |d| &d.errors);
        let queues = parse_sub(
            files,
            "queues",
            &mut findings,
            |t| destinations::parse(t, DestKind::Queue),
            |d| &d.errors,
        );
        let topics = parse_sub(
            files,
            "topics",
            &mut findings,
            |t| destinations::parse(t, DestKind::Topic),
            |d| &d.errors,
        );
        // Every warning of durables.conf and tibrvcm.conf is a repeated entry: duplicate-entry
        // reports it.
        let durables = parse_sub(files, "durables", &mut findings, durables::parse, |d| {
            &d.errors
        });
        let tibrvcm = parse_sub(files, "tibrvcm", &mut findings, tibrvcm::parse, |d| {
            &d.errors
        });
        let bridges = parse_sub(files, "bridges", &mut findings, bridges::parse, |d| {
            &d.errors
        });
        if let Some(parsed) = &bridges {
            let repeats: Vec<&Range<usize>> =
                parsed.data.bridges.iter().map(|b| &b.line_span).collect();
            push_warnings(
                side,
                parsed.file,
                &parsed.data.warnings,
                &repeats,
                &mut findings,
            );
        }
        let mut ini = |name: &str, kind: IniKind| {
            let parsed = parse_sub(
                files,
                name,
                &mut findings,
                |t| ini::parse(t, kind),
                |d| &d.errors,
            )?;
            let (file, data) = (parsed.file, &parsed.data);
            let headers: Vec<&Range<usize>> =
                data.sections.iter().map(|s| &s.header_span).collect();
            push_warnings(side, file, &data.warnings, &headers, &mut findings);
            push_unknown_keys(side, file, kind, &data.unknown_keys, &mut findings);
            mark_ini_secrets(file, kind, data);
            Some(parsed)
        };
        let [routes, factories, stores, channels, transports] =
            INI_FILES.map(|(name, kind)| ini(name, kind));
        let server = Server {
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
        };
        (server, findings)
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

    /// The value of a parameter by meaning, from the file or the documented default.
    pub fn canonical(&self, name: &str) -> Option<Canonical> {
        let spec: &ParamSpec = params::lookup(name)?;
        let raw = match self.param(name) {
            Some(p) => p.value.as_str(),
            None => spec.default?,
        };
        params::canonical(spec, raw).ok()
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

    /// Every `listen` URL that parses, with its line.
    pub fn listens(&self) -> Vec<(&'a Param, EmsUrl<'a>)> {
        self.files
            .conf
            .values("listen")
            .filter_map(|p| url::parse_url(&p.value).ok().map(|u| (p, u)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_paths_of_both_kinds_are_recognised() {
        assert!(is_absolute("/opt/tibco/users.conf"));
        assert!(is_absolute("C:\\tibco\\ems\\users.conf"));
        assert!(is_absolute("\\\\server\\share\\users.conf"));
        assert!(!is_absolute("users.conf"));
        assert!(!is_absolute("../certs/server.cert.pem"));
    }

    #[test]
    fn path_prefixes_match_whole_components() {
        assert_eq!(strip_path_prefix("/opt/a/b.conf", "/opt/a"), Some("b.conf"));
        assert_eq!(
            strip_path_prefix("/opt/a/b.conf", "/opt/a/"),
            Some("b.conf")
        );
        assert_eq!(strip_path_prefix("/opt/ab/b.conf", "/opt/a"), None);
    }

    #[test]
    fn a_missing_absolute_path_falls_back_beside_the_main_file() {
        let r = resolve(
            "/opt/tibco/ems/config/data/users.conf",
            Path::new("/x/primary"),
            "primary/",
            &Settings::default(),
        );
        assert!(r.fell_back);
        assert_eq!(r.path, Path::new("/x/primary/users.conf"));
        assert_eq!(r.display, "primary/users.conf");
    }

    #[test]
    fn a_path_map_rewrites_the_prefix_relative_to_the_main_file() {
        let mut settings = Settings::default();
        settings.add_path_map("/opt/tibco/ems/config/data", "conf");
        let r = resolve(
            "/opt/tibco/ems/config/data/users.conf",
            Path::new("/x/p"),
            "p",
            &settings,
        );
        assert!(!r.fell_back);
        assert_eq!(r.path, Path::new("/x/p/conf/users.conf"));
        assert_eq!(r.display, "p/conf/users.conf");
    }
}
