//! `tibemsd.json` on the model of a .conf server (formats.md §12).
//!
//! One JSON file configures both servers of a pair. For each of them this module writes the
//! files that server would have in the .conf formats — a tibemsd.conf whose `listen` lines
//! come from that server's `primary_listens` or `secondary_listens` and whose `ft_active` is
//! the peer's URL flagged `"ft_active": true`, a users.conf from `"users"`, an acl.conf from
//! `"acls"`, and so on — and reads them as [`ServerFiles`], so that every rule applies
//! unchanged. Each generated line, and each key and value in it, remembers the JSON text it
//! was written from ([`Origin`]); lint moves every finding on a generated file back there
//! before anything is rendered, so reports show the JSON file, line and column.
//!
//! JSON's loose types are read as EMS reads them: `"0"` and `0`, `"true"` and `true`,
//! `"4GB"`; `"password": null` is no password. Keys that EMS does not know are collected for
//! `json-unknown-key` (EMS ignores them silently) and left out of the generated files;
//! values of the wrong shape (an object where a value is due, a line break in a value) are
//! `invalid-value` findings. Secrets (every value of a key naming a password, secret or
//! credential, and inline private keys) are masked in the JSON file itself.
//!
//! The shapes of `"users"`, `"groups"`, `"acls"`, `"queues"`, `"topics"`, `"factories"`,
//! `"stores"` and `"tibemsd"` are those of TIBCO's files in the corpus; `"routes"`,
//! `"bridges"`, `"durables"`, `"channels"`, `"transports"` and `"tibrvcm"` are empty in
//! every file seen, so their element keys are read after the .conf parameters of the same
//! name, with the spellings TIBCO's admin tool uses as aliases (UNVERIFIED, formats.md §12).

pub mod against;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::ems::acl;
use crate::ems::destinations::{self, DestKind, PropForm};
use crate::ems::ini::{self, IniKind};
use crate::ems::json::{self, Document, Member, Node, Value};
use crate::ems::params;
use crate::ems::tibemsd;
use crate::finding::Side;
use crate::model::files::{self, JsonSource, ServerFiles, MAIN_FILE};
use crate::model::problem::{Problem, ProblemKind};
use crate::model::secrets;
use crate::settings::Settings;
use crate::source::{read_file, FileRef, MappedLine, MappedPart, Origin, ReadError, SourceFile};

pub const JSON_FILE: &str = "tibemsd.json";

/// Which server of the JSON file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Listens on `primary_listens`; its peer is the URL flagged in `secondary_listens`.
    Primary,
    /// Started with `-secondary`: listens on `secondary_listens`.
    Secondary,
}

impl Role {
    pub fn of(side: Side) -> Role {
        match side {
            Side::Primary => Role::Primary,
            Side::Backup => Role::Secondary,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Primary => "primary",
            Role::Secondary => "secondary",
        }
    }

    fn listens(self) -> &'static str {
        match self {
            Role::Primary => "primary_listens",
            Role::Secondary => "secondary_listens",
        }
    }
}

/// The JSON file a command-line path stands for: a `.json` file, or a directory holding
/// tibemsd.json and no tibemsd.conf. `given` is the path as the user wrote it.
pub fn json_input(input: &Path, given: &str) -> Option<(PathBuf, String)> {
    if input.is_dir() {
        let json = input.join(JSON_FILE);
        let conf = input.join(MAIN_FILE);
        return (json.is_file() && !conf.exists())
            .then(|| (json, files::join_display(given, JSON_FILE)));
    }
    let is_json = input
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || starts_like_json(input);
    is_json.then(|| (input.to_path_buf(), given.to_string()))
}

/// A regular file whose first character (after a BOM and white space) is `{`: no .conf
/// file starts so, whatever the file is called (`tibemsd.json.bak`).
fn starts_like_json(path: &Path) -> bool {
    use std::io::Read;
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = [0u8; 512];
    let Ok(n) = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    let head = head.get(..n).unwrap_or_default();
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{')
}

/// The server of `side` in a JSON configuration (the primary, or the secondary for the
/// backup), with what is wrong with the file itself.
pub fn read_side(side: Side, path: &Path, display: String, settings: &Settings) -> ServerFiles {
    match JsonConfig::read(path, display.clone(), settings) {
        Ok(config) => {
            let mut files = config.server(Role::of(side), side, settings);
            let mut problems = config.problems(side);
            problems.append(&mut files.problems);
            files.problems = problems;
            files.json = Some(config.source());
            files
        }
        Err(e) => unreadable(side, path, display, e),
    }
}

/// Both servers of a JSON configuration: the primary, and the secondary as the backup when
/// the file describes one (it has `secondary_listens`). What is wrong with the file itself
/// is reported once, with the primary.
pub fn read_pair(
    path: &Path,
    display: String,
    settings: &Settings,
) -> (ServerFiles, Option<ServerFiles>) {
    match JsonConfig::read(path, display.clone(), settings) {
        Ok(config) => {
            let mut primary = config.server(Role::Primary, Side::Primary, settings);
            let mut problems = config.problems(Side::Primary);
            problems.append(&mut primary.problems);
            primary.problems = problems;
            primary.json = Some(config.source());
            let backup = config
                .has_secondary()
                .then(|| config.server(Role::Secondary, Side::Backup, settings));
            (primary, backup)
        }
        Err(e) => (unreadable(Side::Primary, path, display, e), None),
    }
}

fn unreadable(side: Side, path: &Path, display: String, e: ReadError) -> ServerFiles {
    let absent: FileRef = Arc::new(SourceFile::absent(display.clone(), path.to_path_buf()));
    let problem = Problem::new(
        ProblemKind::Unreadable,
        side,
        &absent,
        None,
        format!("{display} {e}"),
    )
    .help("give a tibemsd.json that can be read, or the directory that holds it");
    ServerFiles::unread(side, absent, vec![problem])
}

/// A JSON configuration, read and parsed.
#[derive(Debug)]
pub struct JsonConfig {
    pub file: FileRef,
    pub doc: Arc<Document>,
}

/// A key the JSON reader does not know, for `json-unknown-key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    pub key: String,
    /// The key with its quotes.
    pub span: Range<usize>,
    /// Where it is: "the `tibemsd` object", "an element of `queues`".
    pub place: String,
    /// A known key it may be a misspelling of.
    pub near: Option<String>,
    /// Why it is not read, when there is more to say than "EMS does not know it".
    pub note: Option<String>,
}

impl UnknownKey {
    fn problem(&self, side: Side, file: &FileRef) -> Problem {
        let mut message = format!(
            "unknown key `{}` in {}: EMS ignores it",
            self.key, self.place
        );
        if let Some(note) = &self.note {
            message.push_str(&format!(" ({note})"));
        }
        let problem = Problem::new(
            ProblemKind::JsonUnknownKey,
            side,
            file,
            Some(self.span.clone()),
            message,
        );
        match &self.near {
            Some(near) => problem.help(format!("did you mean `{near}`?")),
            None => problem.help(
                "remove it, or check the spelling against the EMS documentation of tibemsd.json",
            ),
        }
    }
}

/// A value of the wrong shape, for `invalid-value`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct WrongShape {
    span: Range<usize>,
    message: String,
}

impl JsonConfig {
    /// Reads and parses the file and masks its secrets.
    pub fn read(
        path: &Path,
        display: String,
        settings: &Settings,
    ) -> Result<JsonConfig, ReadError> {
        let file = read_file(path, display, settings.size_cap)?;
        Ok(JsonConfig::from_file(Arc::new(file)))
    }

    pub fn from_file(file: FileRef) -> JsonConfig {
        let doc = json::parse(&file.text);
        if let Some(root) = &doc.root {
            mark_secrets(&file, root);
        }
        JsonConfig {
            file,
            doc: Arc::new(doc),
        }
    }

    /// The `"tibemsd"` object.
    pub fn tibemsd(&self) -> Option<&Node> {
        self.doc.root.as_ref()?.get("tibemsd")
    }

    /// Whether the file describes a second server: it has `secondary_listens`.
    pub fn has_secondary(&self) -> bool {
        self.tibemsd()
            .and_then(Node::as_object)
            .is_some_and(|m| m.iter().any(|m| m.key == "secondary_listens"))
    }

    /// Whether the file is an EMS configuration: a top-level `"tibemsd"` object.
    pub fn is_ems(&self) -> bool {
        self.tibemsd().and_then(Node::as_object).is_some()
    }

    /// The file and its tree, for the rules that read it.
    pub fn source(&self) -> JsonSource {
        JsonSource {
            file: self.file.clone(),
            doc: self.doc.clone(),
        }
    }

    /// What is wrong with the file itself, reported once for both servers, at `side`:
    /// syntax, keys EMS ignores and values of the wrong shape. (The listens of the pair are
    /// `json-ft-listens`'s, which reads the tree.)
    pub fn problems(&self, side: Side) -> Vec<Problem> {
        let mut out = Vec::new();
        let file = &self.file;
        files::report_text_problems(side, file, &mut out);
        for error in &self.doc.errors {
            out.push(
                Problem::new(ProblemKind::Syntax, side, file, Some(error.span.clone()), error.message.clone())
                    .help("tibemsd.json must be valid JSON: EMS does not start with a file it cannot read"),
            );
        }
        let Some(root) = &self.doc.root else {
            return out;
        };
        if root.as_object().is_none() {
            out.push(Problem::new(
                ProblemKind::Syntax,
                side,
                file,
                Some(root.span.clone()),
                format!(
                    "the file is {}, not the JSON object of an EMS configuration",
                    root.kind()
                ),
            ));
            return out;
        }
        let generated = Generator::new(root).run(Role::Primary);
        out.extend(generated.unknown.iter().map(|u| u.problem(side, file)));
        for shape in &generated.problems {
            out.push(Problem::new(
                ProblemKind::JsonInvalidValue,
                side,
                file,
                Some(shape.span.clone()),
                shape.message.clone(),
            ));
        }
        out
    }

    /// One server of the file as the files of a .conf server, labelled `side`. Certificate
    /// and other files its parameters name are read relative to the JSON file's directory.
    pub fn server(&self, role: Role, side: Side, settings: &Settings) -> ServerFiles {
        let empty = Node {
            span: 0..0,
            value: Value::Object(Vec::new()),
        };
        let root = self.doc.root.as_ref().unwrap_or(&empty);
        let generated = Generator::new(root).run(role);
        let whole = |span: Option<Range<usize>>| Origin {
            file: self.file.clone(),
            lines: Vec::new(),
            whole: span,
        };
        let main_origin = Origin {
            lines: generated.main.lines,
            ..whole(generated.main_whole)
        };
        let main: FileRef = Arc::new(SourceFile::generated(
            self.file.display.clone(),
            self.file.path.clone(),
            generated.main.text,
            main_origin,
        ));
        let conf = tibemsd::parse(&main.text);
        let mut problems = Vec::new();
        files::push_syntax(side, &main, &conf.errors, &mut problems);
        let mut subs: HashMap<&'static str, FileRef> = HashMap::new();
        for sub in generated.subs {
            let origin = Origin {
                lines: sub.gen.lines,
                ..whole(sub.whole)
            };
            let file = SourceFile::generated(
                format!("{} ({})", self.file.display, sub.key),
                self.file.path.clone(),
                sub.gen.text,
                origin,
            );
            subs.insert(sub.param, Arc::new(file));
        }
        let (named, more) = files::read_named(
            side,
            &main,
            &conf,
            &self.file.path,
            &self.file.display,
            settings,
            &crate::source::Reader::new(),
            &|param: &str| subs.get(param).cloned(),
        );
        problems.extend(more);
        ServerFiles {
            side,
            main,
            main_found: true,
            conf,
            named,
            problems,
            json: None,
        }
    }
}

/// Masks every secret value in the JSON file: values of keys that name a password, secret or
/// credential (`password`, `ssl_password`, `dbstore_driver_password`, `ldap_credential`, a
/// user's hash), and private keys written inline.
fn mark_secrets(file: &SourceFile, node: &Node) {
    match &node.value {
        Value::Object(members) => {
            for m in members {
                let key = m.key.to_ascii_lowercase();
                let secret_key = key.contains("password")
                    || key.contains("secret")
                    || key.contains("credential")
                    || secrets::is_secret(&key);
                let inline_key = m.value.as_str().is_some_and(|s| s.contains("PRIVATE KEY"));
                if secret_key || inline_key {
                    mark_value(file, &m.value);
                } else {
                    mark_secrets(file, &m.value);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| mark_secrets(file, i)),
        _ => {}
    }
}

fn mark_value(file: &SourceFile, node: &Node) {
    match &node.value {
        Value::Null => {}
        Value::Str(s) if s.inner.is_empty() => {}
        Value::Array(items) => items.iter().for_each(|i| mark_value(file, i)),
        Value::Object(members) => members.iter().for_each(|m| mark_value(file, &m.value)),
        _ => file.mark_secret(node.value_span()),
    }
}

// ---------------------------------------------------------------------------------------
// Writing the .conf files.

/// A generated file being written: its text and where each line came from.
#[derive(Debug, Default)]
struct Gen {
    text: String,
    lines: Vec<MappedLine>,
    open: Option<(usize, Range<usize>, Vec<MappedPart>)>,
}

impl Gen {
    fn begin(&mut self, json: Range<usize>) {
        self.open = Some((self.text.len(), json, Vec::new()));
    }

    fn raw(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn part(&mut self, s: &str, json: Range<usize>, exact: bool) {
        let start = self.text.len();
        self.text.push_str(s);
        if let Some((_, _, parts)) = &mut self.open {
            parts.push(MappedPart {
                generated: start..self.text.len(),
                json,
                exact,
            });
        }
    }

    /// Where the next text starts, for [`Gen::cover`].
    fn mark(&self) -> usize {
        self.text.len()
    }

    /// Maps everything written since `start` to `json` as one part.
    fn cover(&mut self, start: usize, json: Range<usize>) {
        let end = self.text.len();
        if let Some((_, _, parts)) = &mut self.open {
            parts.push(MappedPart {
                generated: start..end,
                json,
                exact: false,
            });
        }
    }

    fn end(&mut self) {
        if let Some((start, json, parts)) = self.open.take() {
            self.lines.push(MappedLine {
                generated: start..self.text.len(),
                json,
                parts,
            });
        }
        self.text.push('\n');
    }
}

/// A JSON value written as text, with where it is.
#[derive(Debug, Clone)]
struct Scalar {
    text: String,
    span: Range<usize>,
    exact: bool,
}

impl Scalar {
    fn write(&self, g: &mut Gen) {
        g.part(&self.text, self.span.clone(), self.exact);
    }

    /// Written so that the .conf readers (which trim values and strip one pair of double
    /// quotes) read this text back.
    fn write_quoted_if_needed(&self, g: &mut Gen) {
        let t = &self.text;
        let needs = t.trim() != t || (t.len() >= 2 && t.starts_with('"') && t.ends_with('"'));
        if needs {
            g.raw("\"");
            self.write(g);
            g.raw("\"");
        } else {
            self.write(g);
        }
    }
}

/// One generated sub-file.
struct Sub {
    /// The tibemsd.conf parameter that names it.
    param: &'static str,
    /// Its key in the JSON file.
    key: &'static str,
    gen: Gen,
    whole: Option<Range<usize>>,
}

struct Generated {
    main: Gen,
    main_whole: Option<Range<usize>>,
    subs: Vec<Sub>,
    unknown: Vec<UnknownKey>,
    problems: Vec<WrongShape>,
}

/// Top-level arrays: (JSON key, tibemsd.conf parameter, file name).
const ARRAYS: [(&str, &str, &str); 13] = [
    ("users", "users", "users.conf"),
    ("groups", "groups", "groups.conf"),
    ("acls", "acl_list", "acl.conf"),
    ("queues", "queues", "queues.conf"),
    ("topics", "topics", "topics.conf"),
    ("durables", "durables", "durables.conf"),
    ("bridges", "bridges", "bridges.conf"),
    ("tibrvcm", "tibrvcm", "tibrvcm.conf"),
    ("routes", "routes", "routes.conf"),
    ("factories", "factories", "factories.conf"),
    ("stores", "stores", "stores.conf"),
    ("channels", "channels", "channels.conf"),
    ("transports", "transports", "transports.conf"),
];

/// Every top-level key of TIBCO's files (formats.md §12).
const TOP_KEYS: [&str; 15] = [
    "acls",
    "bridges",
    "channels",
    "durables",
    "factories",
    "groups",
    "model_version",
    "queues",
    "routes",
    "stores",
    "tibemsd",
    "tibrvcm",
    "topics",
    "transports",
    "users",
];

struct Generator<'j> {
    root: &'j Node,
    unknown: Vec<UnknownKey>,
    problems: Vec<WrongShape>,
}

impl<'j> Generator<'j> {
    fn new(root: &'j Node) -> Self {
        Generator {
            root,
            unknown: Vec::new(),
            problems: Vec::new(),
        }
    }

    fn run(mut self, role: Role) -> Generated {
        let members = self.root.as_object().unwrap_or(&[]);
        for m in members {
            if !TOP_KEYS.contains(&m.key.as_str()) {
                self.unknown(m, "the top level", &TOP_KEYS, None);
            }
        }
        let tibemsd_member = members.iter().rev().find(|m| m.key == "tibemsd");
        let mut main = Gen::default();
        if let Some(t) = tibemsd_member {
            match t.value.as_object() {
                Some(params) => self.tibemsd(&mut main, params, role),
                None => self.problem(
                    t.value.span.clone(),
                    format!(
                        "`tibemsd` is {}, not an object of parameters",
                        t.value.kind()
                    ),
                ),
            }
        }
        let mut subs = Vec::new();
        for (key, param, file_name) in ARRAYS {
            let member = members.iter().rev().find(|m| m.key == key);
            let whole = member.map(|m| m.key_span.clone());
            // Every sub-file is named: an absent array is a file with no entries.
            main.begin(whole.clone().unwrap_or_default());
            main.raw(&format!("{param} = {file_name}"));
            if member.is_some() {
                main.end();
            } else {
                main.open = None;
                main.text.push('\n');
            }
            let mut gen = Gen::default();
            if let Some(m) = member {
                match m.value.as_array() {
                    Some(items) => self.array(&mut gen, key, items),
                    None if m.value.value == Value::Null => {}
                    None => self.problem(
                        m.value.span.clone(),
                        format!("`{key}` is {}, not an array", m.value.kind()),
                    ),
                }
            }
            subs.push(Sub {
                param,
                key,
                gen,
                whole,
            });
        }
        Generated {
            main,
            main_whole: tibemsd_member.map(|m| m.key_span.clone()),
            subs,
            unknown: self.unknown,
            problems: self.problems,
        }
    }

    fn problem(&mut self, span: Range<usize>, message: String) {
        self.problems.push(WrongShape { span, message });
    }

    fn unknown(&mut self, m: &Member, place: &str, known: &[&str], note: Option<String>) {
        let near = known
            .iter()
            .filter(|k| params::could_be_near(&m.key, k))
            .map(|k| (strsim::normalized_damerau_levenshtein(&m.key, k), *k))
            .filter(|(score, _)| *score >= 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, k)| k.to_string());
        self.unknown_near(m, place, near, note);
    }

    fn unknown_near(
        &mut self,
        m: &Member,
        place: &str,
        near: Option<String>,
        note: Option<String>,
    ) {
        self.unknown.push(UnknownKey {
            key: m.key.clone(),
            span: m.key_span.clone(),
            place: place.to_string(),
            near,
            note,
        });
    }

    /// A value as one line of text: `None` (after a problem, when it is not a value) for
    /// null, arrays, objects and text with a line break.
    fn scalar(&mut self, node: &Node, what: &str) -> Option<Scalar> {
        let (text, span, exact) = match &node.value {
            Value::Null => return None,
            Value::Bool(b) => (b.to_string(), node.span.clone(), true),
            Value::Number(raw) => (raw.clone(), node.span.clone(), true),
            Value::Str(s) => (s.text.clone(), node.value_span(), s.exact),
            Value::Array(_) | Value::Object(_) => {
                self.problem(
                    node.span.clone(),
                    format!("{what} is {}; EMS expects a single value", node.kind()),
                );
                return None;
            }
        };
        if text.contains(['\n', '\r']) {
            self.problem(
                node.value_span(),
                format!("{what} holds a line break, which no EMS configuration value can"),
            );
            return None;
        }
        Some(Scalar { text, span, exact })
    }

    // --- tibemsd ---------------------------------------------------------------------

    fn tibemsd(&mut self, g: &mut Gen, params: &[Member], role: Role) {
        for m in params {
            match m.key.as_str() {
                "primary_listens" | "secondary_listens" => self.listens(g, m, role),
                "ssl" => self.ssl_object(g, m, ""),
                "ft_ssl" => self.ssl_object(g, m, "ft_"),
                key => match tibemsd_param(key) {
                    Ok(name) => {
                        // The secondary's health and monitor listens are its own.
                        let name = match (name.strip_prefix("secondary_"), role) {
                            (Some(_), Role::Primary) => {
                                self.scalar(&m.value, &format!("`{key}`"));
                                continue;
                            }
                            (Some(own), Role::Secondary) => own,
                            (None, Role::Secondary)
                                if matches!(name, "health_check_listen" | "monitor_listen") =>
                            {
                                self.scalar(&m.value, &format!("`{key}`"));
                                continue;
                            }
                            (None, _) => name,
                        };
                        self.param(g, name, m);
                    }
                    Err(note) => {
                        let known: Vec<&str> = params::all().iter().map(|s| s.name).collect();
                        self.unknown(m, "the `tibemsd` object", &known, note);
                    }
                },
            }
        }
    }

    /// `name = value` from a member, or one line per element of an array value for a
    /// parameter that takes several.
    fn param(&mut self, g: &mut Gen, name: &str, m: &Member) {
        let what = format!("`{}`", m.key);
        let values: Vec<&Node> = match &m.value.value {
            Value::Array(items)
                if params::lookup(name).is_some_and(|s| s.repeatable)
                    || name.ends_with("_list") =>
            {
                items.iter().collect()
            }
            _ => vec![&m.value],
        };
        for node in values {
            let Some(value) = self.scalar(node, &what) else {
                continue;
            };
            g.begin(m.span());
            let key_inner = m.key_inner.clone();
            g.part(name, key_inner, name == m.key);
            g.raw(" = ");
            value.write_quoted_if_needed(g);
            g.end();
        }
    }

    /// `"ssl": {…}` (prefix "") and `"ft_ssl": {…}` (prefix "ft_"): `ssl_*` keys become
    /// `ssl_*` / `ft_ssl_*` parameters; `ssl_issuer_list` and `ssl_trusted_list` become one
    /// `ssl_server_issuer` / `ft_ssl_issuer` (…`trusted`) line per file.
    fn ssl_object(&mut self, g: &mut Gen, m: &Member, prefix: &str) {
        let Some(members) = m.value.as_object() else {
            if m.value.value != Value::Null {
                self.problem(
                    m.value.span.clone(),
                    format!("`{}` is {}, not an object", m.key, m.value.kind()),
                );
            }
            return;
        };
        let place = format!("the `{}` object of `tibemsd`", m.key);
        let list_param = |key: &str| -> Option<String> {
            let what = key.strip_prefix("ssl_")?.strip_suffix("_list")?;
            Some(if prefix.is_empty() {
                format!("ssl_server_{what}")
            } else {
                format!("ft_ssl_{what}")
            })
        };
        let known: Vec<String> = params::all()
            .iter()
            .filter_map(|s| {
                if prefix.is_empty() {
                    s.name.starts_with("ssl_").then(|| s.name.to_string())
                } else {
                    s.name
                        .strip_prefix("ft_")
                        .filter(|n| n.starts_with("ssl_"))
                        .map(String::from)
                }
            })
            .chain([
                "ssl_issuer_list".to_string(),
                "ssl_trusted_list".to_string(),
            ])
            .collect();
        for member in members {
            let name = match list_param(&member.key) {
                Some(name) if params::lookup(&name).is_some() => Some(name),
                _ => {
                    let name = format!("{prefix}{}", member.key);
                    (member.key.starts_with("ssl_")
                        && params::lookup(&name).is_some_and(|s| s.name == name))
                    .then_some(name)
                }
            };
            match name {
                Some(name) => self.param(g, &name, member),
                None => {
                    let known: Vec<&str> = known.iter().map(String::as_str).collect();
                    self.unknown(member, &place, &known, None);
                }
            }
        }
    }

    /// A server's own listens become `listen` lines; the peer's URL flagged
    /// `"ft_active": true` becomes its `ft_active`.
    fn listens(&mut self, g: &mut Gen, m: &Member, role: Role) {
        let own = m.key == role.listens();
        let Some(items) = m.value.as_array() else {
            if m.value.value != Value::Null {
                self.problem(
                    m.value.span.clone(),
                    format!("`{}` is {}, not an array of URLs", m.key, m.value.kind()),
                );
            }
            return;
        };
        let mut flagged = false;
        for item in items {
            let Some(listen) = self.listen(item, &m.key) else {
                continue;
            };
            if own {
                g.begin(item.span.clone());
                g.raw("listen = ");
                listen.url.write_quoted_if_needed(g);
                g.end();
            } else if listen.ft_active && !flagged {
                // A second flag is json-ft-listens' finding: the first one is the peer.
                flagged = true;
                g.begin(item.span.clone());
                g.raw("ft_active = ");
                listen.url.write_quoted_if_needed(g);
                g.end();
            }
        }
    }

    fn listen(&mut self, item: &Node, list: &str) -> Option<ListenUrl> {
        if let Value::Str(_) = item.value {
            let url = self.scalar(item, &format!("a URL of `{list}`"))?;
            return Some(ListenUrl {
                url,
                ft_active: false,
            });
        }
        let Some(members) = item.as_object() else {
            self.problem(
                item.span.clone(),
                format!(
                    "an element of `{list}` is {}, not an object with a `url`",
                    item.kind()
                ),
            );
            return None;
        };
        let place = format!("an element of `{list}`");
        let mut url = None;
        let mut ft_active = false;
        for m in members {
            match m.key.as_str() {
                "url" => url = self.scalar(&m.value, &format!("a `url` of `{list}`")),
                "ft_active" => ft_active = truthy(&m.value).unwrap_or(false),
                _ => self.unknown(m, &place, &["url", "ft_active"], None),
            }
        }
        if url.is_none() {
            self.problem(
                item.span.clone(),
                format!("an element of `{list}` has no `url`"),
            );
        }
        url.map(|url| ListenUrl { url, ft_active })
    }

    // --- the arrays ---------------------------------------------------------------------

    fn array(&mut self, g: &mut Gen, key: &str, items: &[Node]) {
        for item in items {
            let Some(members) = item.as_object() else {
                self.problem(
                    item.span.clone(),
                    format!("an element of `{key}` is {}, not an object", item.kind()),
                );
                continue;
            };
            let entry = Entry {
                node: item,
                members,
                place: format!("an element of `{key}`"),
            };
            match key {
                "users" => self.user(g, &entry),
                "groups" => self.group(g, &entry),
                "acls" => self.acl(g, &entry),
                "queues" => self.destination(g, &entry, DestKind::Queue),
                "topics" => self.destination(g, &entry, DestKind::Topic),
                "durables" => self.durable(g, &entry),
                "bridges" => self.bridge(g, &entry),
                "tibrvcm" => self.rvcm(g, &entry),
                "routes" => self.ini(g, &entry, IniKind::Routes),
                "factories" => self.ini(g, &entry, IniKind::Factories),
                "stores" => self.ini(g, &entry, IniKind::Stores),
                "channels" => self.ini(g, &entry, IniKind::Channels),
                "transports" => self.ini(g, &entry, IniKind::Transports),
                _ => {}
            }
        }
    }

    /// The value of the first of `keys` the entry has, as text.
    fn field(&mut self, entry: &Entry<'_>, keys: &[&str]) -> Option<Scalar> {
        let m = entry.member(keys)?;
        self.scalar(&m.value, &format!("`{}` in {}", m.key, entry.place))
    }

    /// Reports every key of the entry that is none of `known`.
    fn check_keys(&mut self, entry: &Entry<'_>, known: &[&str]) {
        for m in entry.members {
            if !known.contains(&m.key.as_str()) {
                self.unknown(m, &entry.place, known, None);
            }
        }
    }

    fn name(&mut self, entry: &Entry<'_>, keys: &[&str]) -> Option<Scalar> {
        let name = self.field(entry, keys);
        if name.is_none() {
            self.problem(
                entry.node.span.clone(),
                format!(
                    "{} has no `{}`",
                    entry.place,
                    keys.first().copied().unwrap_or("name")
                ),
            );
        }
        name
    }

    /// `name:password:"description"`
    fn user(&mut self, g: &mut Gen, e: &Entry<'_>) {
        self.check_keys(e, &["name", "description", "password"]);
        let Some(name) = self.name(e, &["name"]) else {
            return;
        };
        let password = self.field(e, &["password"]);
        let description = self.field(e, &["description"]);
        g.begin(e.node.span.clone());
        name.write(g);
        g.raw(":");
        if let Some(p) = &password {
            if p.text.contains(':') {
                self.problem(
                    p.span.clone(),
                    format!(
                        "the password of user `{}` holds a `:`, which users.conf cannot",
                        name.text
                    ),
                );
                g.part("*", p.span.clone(), false);
            } else {
                p.write(g);
            }
        }
        g.raw(":\"");
        if let Some(d) = &description {
            d.write(g);
        }
        g.raw("\"");
        g.end();
    }

    /// `name:"description"`, then an indented line per member.
    fn group(&mut self, g: &mut Gen, e: &Entry<'_>) {
        self.check_keys(e, &["name", "description", "members"]);
        let Some(name) = self.name(e, &["name"]) else {
            return;
        };
        let description = self.field(e, &["description"]);
        g.begin(e.node.span.clone());
        name.write(g);
        g.raw(":\"");
        if let Some(d) = &description {
            d.write(g);
        }
        g.raw("\"");
        g.end();
        let Some(members) = e.member(&["members"]) else {
            return;
        };
        let Some(items) = members.value.as_array() else {
            if members.value.value != Value::Null {
                self.problem(
                    members.value.span.clone(),
                    format!("`members` is {}, not an array", members.value.kind()),
                );
            }
            return;
        };
        for item in items {
            let user = match item.as_object() {
                Some(fields) => {
                    let entry = Entry {
                        node: item,
                        members: fields,
                        place: "a member of a group".into(),
                    };
                    self.check_keys(&entry, &["name"]);
                    self.name(&entry, &["name"])
                }
                None => self.scalar(item, "a member of a group"),
            };
            if let Some(user) = user {
                g.begin(item.span.clone());
                g.raw("  ");
                user.write(g);
                g.end();
            }
        }
    }

    /// `QUEUE=name USER=u PERM=p1,p2`, `ADMIN GROUP=g PERM=all`: each permission is a
    /// boolean key (`"view_server": true`).
    fn acl(&mut self, g: &mut Gen, e: &Entry<'_>) {
        let kind = self
            .field(e, &["type"])
            .map(|t| t.text.to_ascii_lowercase());
        let (target, perms): (&str, Vec<&str>) = match kind.as_deref() {
            Some("queue") => (
                "QUEUE",
                [acl::QUEUE_PERMISSIONS, acl::DESTINATION_ADMIN_PERMISSIONS].concat(),
            ),
            Some("topic") => (
                "TOPIC",
                [acl::TOPIC_PERMISSIONS, acl::DESTINATION_ADMIN_PERMISSIONS].concat(),
            ),
            Some("admin") => ("ADMIN", acl::ADMIN_PERMISSIONS.to_vec()),
            _ => {
                self.problem(
                    e.node.span.clone(),
                    format!("{} has no `type` of `queue`, `topic` or `admin`", e.place),
                );
                return;
            }
        };
        // JSON writes `view_server` where acl.conf writes `view-server`.
        let json_perm = |p: &str| p.replace('-', "_");
        let mut known: Vec<String> = ["type", "user", "group", "name", "all"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        known.extend(perms.iter().map(|p| json_perm(p)));
        let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
        self.check_keys(e, &known_refs);
        let destination = if target == "ADMIN" {
            None
        } else {
            let Some(name) = self.name(e, &["name"]) else {
                return;
            };
            Some(name)
        };
        let (principal_key, principal) = match (e.member(&["user"]), e.member(&["group"])) {
            (Some(_), _) => ("USER", self.field(e, &["user"])),
            (None, Some(_)) => ("GROUP", self.field(e, &["group"])),
            (None, None) => ("USER", None),
        };
        let Some(principal) = principal else {
            self.problem(
                e.node.span.clone(),
                format!("{} has no `user` or `group`", e.place),
            );
            return;
        };
        let granted: Vec<(String, Range<usize>)> = e
            .members
            .iter()
            .filter(|m| m.key == "all" || perms.iter().any(|p| json_perm(p) == m.key))
            .filter(|m| truthy(&m.value) == Some(true))
            .map(|m| {
                let name = perms
                    .iter()
                    .find(|p| json_perm(p) == m.key)
                    .map_or_else(|| m.key.clone(), |p| p.to_string());
                (name, m.span())
            })
            .collect();
        if granted.is_empty() {
            // Nothing granted: acl.conf has no such line.
            return;
        }
        g.begin(e.node.span.clone());
        g.raw(target);
        if let Some(d) = &destination {
            g.raw("=");
            quoted_word(g, d);
        }
        g.raw(&format!(" {principal_key}="));
        quoted_word(g, &principal);
        g.raw(" PERM=");
        for (i, (perm, span)) in granted.iter().enumerate() {
            if i > 0 {
                g.raw(",");
            }
            g.part(perm, span.clone(), false);
        }
        g.end();
    }

    /// `[jndi1,jndi2]name prop,prop=value`
    fn destination(&mut self, g: &mut Gen, e: &Entry<'_>, kind: DestKind) {
        for m in e.members {
            if m.key != "name"
                && m.key != "jndinames"
                && destinations::property_form(&m.key, kind).is_none()
            {
                let known = DEST_PROPS;
                self.unknown(m, &e.place, &known, None);
            }
        }
        let Some(name) = self.name(e, &["name"]) else {
            return;
        };
        g.begin(e.node.span.clone());
        let jndi: Vec<Scalar> = e
            .member(&["jndinames"])
            .map(|m| self.list(&m.value, "`jndinames`"))
            .unwrap_or_default();
        if !jndi.is_empty() {
            g.raw("[");
            for (i, j) in jndi.iter().enumerate() {
                if i > 0 {
                    g.raw(",");
                }
                j.write(g);
            }
            g.raw("]");
        }
        name.write(g);
        let mut first = true;
        for m in e.members {
            let Some((prop, form)) = destinations::property_form(&m.key, kind) else {
                continue;
            };
            let written = match (form, truthy(&m.value)) {
                (PropForm::Flag, Some(false)) | (PropForm::FlagOrValue, Some(false)) => continue,
                (PropForm::Flag, _) | (PropForm::FlagOrValue, Some(true)) => None,
                _ => match &m.value.value {
                    Value::Array(_) => {
                        let items = self.list(&m.value, &format!("`{}`", m.key));
                        let texts: Vec<String> = items.into_iter().map(|s| s.text).collect();
                        Some(Scalar {
                            text: texts.join(","),
                            span: m.value.span.clone(),
                            exact: false,
                        })
                    }
                    Value::Null => continue,
                    _ => match self.scalar(&m.value, &format!("`{}` in {}", m.key, e.place)) {
                        Some(v) => Some(v),
                        None => continue,
                    },
                },
            };
            g.raw(if first { " " } else { "," });
            first = false;
            match written {
                None => g.part(prop, m.span(), false),
                Some(v) => {
                    let start = g.mark();
                    g.part(prop, m.key_inner.clone(), false);
                    g.raw("=");
                    if v.text.contains([',', ' ', '\t', '"']) || v.text.is_empty() {
                        g.raw("\"");
                        v.write(g);
                        g.raw("\"");
                    } else {
                        v.write(g);
                    }
                    g.cover(start, m.span());
                }
            }
        }
        g.end();
    }

    /// An array of values (or one value) as texts.
    fn list(&mut self, node: &Node, what: &str) -> Vec<Scalar> {
        match &node.value {
            Value::Array(items) => items.iter().filter_map(|i| self.scalar(i, what)).collect(),
            Value::Null => Vec::new(),
            _ => self.scalar(node, what).into_iter().collect(),
        }
    }

    /// `topic durable [route] [clientid=id] [nolocal] [selector="…"]`
    fn durable(&mut self, g: &mut Gen, e: &Entry<'_>) {
        const TOPIC: &[&str] = &["topic", "topic_name", "topicname"];
        const NAME: &[&str] = &["durablename", "durable_name", "durable", "name"];
        const CLIENT: &[&str] = &["clientid", "client_id"];
        const NOLOCAL: &[&str] = &["nolocal", "no_local"];
        let known: Vec<&str> = [TOPIC, NAME, CLIENT, NOLOCAL, &["route", "selector"]].concat();
        self.check_keys(e, &known);
        let (Some(topic), Some(name)) = (self.name(e, TOPIC), self.name(e, NAME)) else {
            return;
        };
        g.begin(e.node.span.clone());
        quoted_word(g, &topic);
        g.raw(" ");
        quoted_word(g, &name);
        let mut options: Vec<(String, Option<Scalar>, Range<usize>)> = Vec::new();
        if let Some(m) = e.member(&["route"]) {
            if truthy(&m.value) == Some(true) {
                options.push(("route".into(), None, m.span()));
            }
        }
        if let Some(client) = self.field(e, CLIENT) {
            let span = e.member(CLIENT).map_or(client.span.clone(), Member::span);
            options.push(("clientid".into(), Some(client), span));
        }
        if let Some(m) = e.member(NOLOCAL) {
            if truthy(&m.value) == Some(true) {
                options.push(("nolocal".into(), None, m.span()));
            }
        }
        if let Some(selector) = self.field(e, &["selector"]) {
            let span = e
                .member(&["selector"])
                .map_or(selector.span.clone(), Member::span);
            options.push(("selector".into(), Some(selector), span));
        }
        for (i, (option, value, span)) in options.iter().enumerate() {
            g.raw(if i == 0 { " " } else { "," });
            match value {
                None => g.part(option, span.clone(), false),
                Some(v) if option == "selector" => {
                    g.raw("selector=\"");
                    v.write(g);
                    g.raw("\"");
                }
                Some(v) => {
                    g.raw(&format!("{option}="));
                    v.write(g);
                }
            }
        }
        g.end();
    }

    /// `[topic:source]`, then `queue=target selector="…"` per target.
    fn bridge(&mut self, g: &mut Gen, e: &Entry<'_>) {
        const NAME: &[&str] = &["name", "source", "source_name"];
        const TYPE: &[&str] = &["type", "source_type"];
        let known: Vec<&str> = [NAME, TYPE, &["targets"]].concat();
        self.check_keys(e, &known);
        let (Some(source), Some(kind)) = (self.name(e, NAME), self.name(e, TYPE)) else {
            return;
        };
        g.begin(e.node.span.clone());
        g.raw("[");
        g.part(&kind.text.to_ascii_lowercase(), kind.span.clone(), false);
        g.raw(":");
        source.write(g);
        g.raw("]");
        g.end();
        let Some(targets) = e.member(&["targets"]) else {
            return;
        };
        let Some(items) = targets.value.as_array() else {
            self.problem(
                targets.value.span.clone(),
                format!("`targets` is {}, not an array", targets.value.kind()),
            );
            return;
        };
        for item in items {
            let Some(fields) = item.as_object() else {
                self.problem(
                    item.span.clone(),
                    format!("a bridge target is {}, not an object", item.kind()),
                );
                continue;
            };
            let target = Entry {
                node: item,
                members: fields,
                place: "a bridge target".into(),
            };
            const TNAME: &[&str] = &["name", "target", "target_name"];
            const TTYPE: &[&str] = &["type", "target_type"];
            let known: Vec<&str> = [TNAME, TTYPE, &["selector"]].concat();
            self.check_keys(&target, &known);
            let (Some(name), Some(kind)) = (self.name(&target, TNAME), self.name(&target, TTYPE))
            else {
                continue;
            };
            let selector = self.field(&target, &["selector"]);
            g.begin(item.span.clone());
            g.part(&kind.text.to_ascii_lowercase(), kind.span.clone(), false);
            g.raw("=");
            name.write(g);
            if let Some(s) = &selector {
                g.raw(" selector=\"");
                s.write(g);
                g.raw("\"");
            }
            g.end();
        }
    }

    /// `[transport] listener subject`
    fn rvcm(&mut self, g: &mut Gen, e: &Entry<'_>) {
        const TRANSPORT: &[&str] = &["transport", "transport_name"];
        const LISTENER: &[&str] = &["listener", "listener_name", "name"];
        const SUBJECT: &[&str] = &["subject"];
        let known: Vec<&str> = [TRANSPORT, LISTENER, SUBJECT].concat();
        self.check_keys(e, &known);
        let transport = self.field(e, TRANSPORT);
        let (Some(listener), Some(subject)) = (self.name(e, LISTENER), self.name(e, SUBJECT))
        else {
            return;
        };
        g.begin(e.node.span.clone());
        if let Some(t) = &transport {
            t.write(g);
            g.raw(" ");
        }
        listener.write(g);
        g.raw(" ");
        subject.write(g);
        g.end();
    }

    /// `[name]`, then `key = value` lines; a nested `"ssl": {…}` is flattened, and
    /// `…_list` arrays become one line per element.
    fn ini(&mut self, g: &mut Gen, e: &Entry<'_>, kind: IniKind) {
        let Some(name) = self.name(e, &["name"]) else {
            return;
        };
        g.begin(e.node.span.clone());
        g.raw("[");
        name.write(g);
        g.raw("]");
        g.end();
        for m in e.members {
            match m.key.as_str() {
                "name" => {}
                // Alternative JNDI names have no line in factories.conf: not compared.
                "jndinames" if kind == IniKind::Factories => {}
                "ssl" if matches!(kind, IniKind::Routes | IniKind::Factories) => {
                    match m.value.as_object() {
                        Some(fields) => {
                            for f in fields {
                                self.ini_line(
                                    g,
                                    kind,
                                    f,
                                    &format!("the `ssl` object of {}", e.place),
                                );
                            }
                        }
                        None if m.value.value == Value::Null => {}
                        None => self.problem(
                            m.value.span.clone(),
                            format!("`ssl` is {}, not an object", m.value.kind()),
                        ),
                    }
                }
                _ => self.ini_line(g, kind, m, &e.place),
            }
        }
    }

    fn ini_line(&mut self, g: &mut Gen, kind: IniKind, m: &Member, place: &str) {
        let key = match ini_key(kind, &m.key, &m.value) {
            Some(key) => key,
            None => {
                let near = ini::did_you_mean(kind, &m.key).map(String::from);
                self.unknown_near(m, place, near, None);
                return;
            }
        };
        let values: Vec<&Node> = match &m.value.value {
            Value::Array(items) => items.iter().collect(),
            _ => vec![&m.value],
        };
        for node in values {
            // A route's topic with its selector: `{"name": "orders", "selector": "…"}`.
            let value = match node.as_object() {
                Some(fields) => {
                    let entry = Entry {
                        node,
                        members: fields,
                        place: format!("an element of `{}`", m.key),
                    };
                    self.check_keys(&entry, &["name", "topic", "selector"]);
                    let Some(topic) = self.name(&entry, &["name", "topic"]) else {
                        continue;
                    };
                    match self.field(&entry, &["selector"]) {
                        Some(sel) => Scalar {
                            text: format!("{} selector=\"{}\"", topic.text, sel.text),
                            span: node.span.clone(),
                            exact: false,
                        },
                        None => topic,
                    }
                }
                None => match self.scalar(node, &format!("`{}` in {place}", m.key)) {
                    Some(v) => v,
                    None => continue,
                },
            };
            g.begin(m.span());
            g.part(&key, m.key_inner.clone(), key == m.key);
            g.raw(" = ");
            value.write_quoted_if_needed(g);
            g.end();
        }
    }
}

struct ListenUrl {
    url: Scalar,
    ft_active: bool,
}

/// An element of a top-level array.
struct Entry<'n> {
    node: &'n Node,
    members: &'n [Member],
    place: String,
}

impl Entry<'_> {
    /// The last member called any of `keys`.
    fn member(&self, keys: &[&str]) -> Option<&Member> {
        self.members
            .iter()
            .rev()
            .find(|m| keys.contains(&m.key.as_str()))
    }
}

/// queues.conf and topics.conf properties, for a "did you mean".
const DEST_PROPS: [&str; 20] = [
    "name",
    "jndinames",
    "channel",
    "exclusive",
    "expiration",
    "export",
    "flowControl",
    "global",
    "import",
    "maxbytes",
    "maxmsgs",
    "maxRedelivery",
    "overflowPolicy",
    "prefetch",
    "redeliveryDelay",
    "secure",
    "sender_name",
    "sender_name_enforced",
    "store",
    "trace",
];

/// The tibemsd.conf parameter a key of the `tibemsd` object stands for, or why it is not one.
fn tibemsd_param(key: &str) -> Result<&'static str, Option<String>> {
    let Some(spec) = params::lookup(key).filter(|s| s.name == key) else {
        return Err(None);
    };
    if spec.names_file && ARRAYS.iter().any(|(_, param, _)| *param == key) {
        return Err(Some(format!(
            "a JSON configuration holds its {key} itself, in the top-level `{}` array",
            ARRAYS
                .iter()
                .find(|(_, param, _)| *param == key)
                .map_or(key, |(json, _, _)| json)
        )));
    }
    match key {
        "listen" => Err(Some(
            "a JSON configuration lists each server's URLs in `primary_listens` and `secondary_listens`".into(),
        )),
        "ft_active" => Err(Some(
            "a JSON configuration flags the peer's URL with `\"ft_active\": true` in its listens".into(),
        )),
        _ => Ok(spec.name),
    }
}

/// The INI key a JSON key stands for: itself, or for an array `ssl_issuer_list` →
/// `ssl_issuer`, `incoming_topics` → `incoming_topic`.
fn ini_key(kind: IniKind, key: &str, value: &Node) -> Option<String> {
    if ini::is_known_key(kind, key) {
        return Some(key.to_string());
    }
    if value.as_array().is_some() {
        for base in [key.strip_suffix("_list"), key.strip_suffix('s')]
            .into_iter()
            .flatten()
        {
            if ini::is_known_key(kind, base) {
                return Some(base.to_string());
            }
        }
    }
    None
}

/// A boolean as EMS reads JSON's loose types: `true`, `"true"`, `"enabled"`…
pub fn truthy(node: &Node) -> Option<bool> {
    match &node.value {
        Value::Bool(b) => Some(*b),
        Value::Str(s) => {
            let t = s.text.trim().to_ascii_lowercase();
            match t.as_str() {
                "true" | "enable" | "enabled" | "yes" | "on" => Some(true),
                "false" | "disable" | "disabled" | "no" | "off" => Some(false),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A name in a space-separated line: quoted when it holds white space.
fn quoted_word(g: &mut Gen, s: &Scalar) {
    if s.text.contains([' ', '\t']) {
        g.raw("\"");
        s.write(g);
        g.raw("\"");
    } else {
        s.write(g);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> JsonConfig {
        JsonConfig::from_file(Arc::new(SourceFile::from_text(
            "cfg/tibemsd.json".into(),
            "cfg/tibemsd.json".into(),
            text.into(),
            None,
        )))
    }

    fn generated(text: &str, role: Role) -> (String, Vec<(String, String)>) {
        let c = config(text);
        let root = c.doc.root.clone().unwrap();
        let g = Generator::new(&root).run(role);
        let subs = g
            .subs
            .into_iter()
            .filter(|s| !s.gen.text.is_empty())
            .map(|s| (s.key.to_string(), s.gen.text))
            .collect();
        (g.main.text, subs)
    }

    const PAIR: &str = r#"{
  "model_version": "1.0",
  "tibemsd": {
    "server": "EMS-A",
    "authorization": "true",
    "ft_heartbeat": 3,
    "max_msg_memory": "4GB",
    "primary_listens": [{"url": "tcp://ems-a:7222"}, {"url": "ssl://ems-a:7243", "ft_active": true}],
    "secondary_listens": [{"url": "tcp://ems-b:7222", "ft_active": true}],
    "ssl": {"ssl_password": "$man$x", "ssl_trusted_list": ["ca1.pem", "ca2.pem"]},
    "ft_ssl": {"ssl_verify_host": false},
    "health_check_listen": "http://ems-a:7220",
    "secondary_health_check_listen": "http://ems-b:7220"
  },
  "users": [{"name": "admin", "description": "Administrator", "password": null},
            {"name": "EMS-A", "password": "$2$salt$hash"}],
  "groups": [{"name": "$admin", "description": "Administrators", "members": [{"name": "admin"}]}],
  "acls": [{"type": "admin", "user": "probe", "view_server": true, "view_user": false},
           {"type": "queue", "name": "orders.>", "group": "apps", "send": true, "receive": "true"}],
  "queues": [{"name": ">", "secure": true, "prefetch": 1, "store": "$sys.failsafe", "maxbytes": "4GB", "expiration": "4day", "exclusive": false}],
  "factories": [{"name": "FT", "type": "generic", "url": "tcp://ems-a:7222,tcp://ems-b:7222",
                 "reconnect_attempt_count": "120", "ssl": {"ssl_verify_host": false, "ssl_trusted_list": []}, "jndinames": []}],
  "stores": [{"name": "$sys.meta", "type": "file", "file": "meta.db", "file_crc": true}]
}"#;

    #[test]
    fn the_primary_listens_on_its_own_urls_and_points_at_the_flagged_peer() {
        let (main, _) = generated(PAIR, Role::Primary);
        assert!(
            main.contains("listen = tcp://ems-a:7222\nlisten = ssl://ems-a:7243\n"),
            "{main}"
        );
        assert!(main.contains("ft_active = tcp://ems-b:7222\n"), "{main}");
        assert!(
            main.contains("health_check_listen = http://ems-a:7220\n"),
            "{main}"
        );
        assert!(!main.contains("ems-b:7220"), "{main}");
        assert!(
            main.contains(
                "server = EMS-A\nauthorization = true\nft_heartbeat = 3\nmax_msg_memory = 4GB\n"
            ),
            "{main}"
        );
        assert!(
            main.contains("ssl_server_trusted = ca1.pem\nssl_server_trusted = ca2.pem\n"),
            "{main}"
        );
        assert!(main.contains("ft_ssl_verify_host = false\n"), "{main}");
        assert!(main.contains("users = users.conf\n") && main.contains("acl_list = acl.conf\n"));
    }

    #[test]
    fn the_secondary_listens_on_its_own_urls_and_points_at_the_flagged_peer() {
        let (main, _) = generated(PAIR, Role::Secondary);
        assert!(main.contains("listen = tcp://ems-b:7222\n"), "{main}");
        assert!(main.contains("ft_active = ssl://ems-a:7243\n"), "{main}");
        assert!(
            main.contains("health_check_listen = http://ems-b:7220\n"),
            "{main}"
        );
        assert!(!main.contains("ems-a:7220"), "{main}");
    }

    #[test]
    fn the_arrays_become_conf_files() {
        let (_, subs) = generated(PAIR, Role::Primary);
        let sub = |k: &str| {
            subs.iter()
                .find(|(key, _)| key == k)
                .map(|(_, t)| t.as_str())
                .unwrap_or("")
        };
        assert_eq!(
            sub("users"),
            "admin::\"Administrator\"\nEMS-A:$2$salt$hash:\"\"\n"
        );
        assert_eq!(sub("groups"), "$admin:\"Administrators\"\n  admin\n");
        assert_eq!(
            sub("acls"),
            "ADMIN USER=probe PERM=view-server\nQUEUE=orders.> GROUP=apps PERM=send,receive\n"
        );
        assert_eq!(
            sub("queues"),
            "> secure,prefetch=1,store=$sys.failsafe,maxbytes=4GB,expiration=4day\n"
        );
        assert_eq!(
            sub("factories"),
            "[FT]\ntype = generic\nurl = tcp://ems-a:7222,tcp://ems-b:7222\nreconnect_attempt_count = 120\nssl_verify_host = false\n"
        );
        assert_eq!(
            sub("stores"),
            "[$sys.meta]\ntype = file\nfile = meta.db\nfile_crc = true\n"
        );
    }

    #[test]
    fn generated_files_parse_cleanly_and_map_back_to_the_json() {
        let c = config(PAIR);
        let files = c.server(Role::Primary, Side::Primary, &Settings::default());
        // The trusted files do not exist: reported at their names in the JSON.
        let missing: Vec<&str> = files
            .problems
            .iter()
            .map(|p| {
                assert_eq!(p.kind, ProblemKind::Unreadable);
                let origin = p.file.origin.as_ref().unwrap();
                &c.file.text[origin.map(p.span.as_ref().unwrap()).unwrap()]
            })
            .collect();
        assert_eq!(missing, ["ca1.pem", "ca2.pem"]);
        let server = crate::model::server::Server::parse(&files);
        assert!(
            server
                .problems
                .iter()
                .all(|p| p.kind != ProblemKind::Syntax),
            "{:?}",
            server
                .problems
                .iter()
                .map(|p| &p.message)
                .collect::<Vec<_>>()
        );
        let p = server.param("ft_heartbeat").unwrap();
        let origin = files.main.origin.as_ref().unwrap();
        let json = &c.file.text;
        assert_eq!(&json[origin.map(&p.value_span).unwrap()], "3");
        assert_eq!(
            &json[origin.map(&p.line_span).unwrap()],
            "\"ft_heartbeat\": 3"
        );
        let listen = server.param("ft_active").unwrap();
        assert_eq!(
            &json[origin.map(&listen.line_span).unwrap()],
            "{\"url\": \"tcp://ems-b:7222\", \"ft_active\": true}"
        );
        assert_eq!(
            &json[origin.map(&listen.value_span).unwrap()],
            "tcp://ems-b:7222"
        );
        let queues = server.queues.as_ref().unwrap();
        let q = &queues.data.destinations[0];
        assert_eq!(q.canonical()["maxbytes"], "4294967296");
        let qorigin = queues.file.origin.as_ref().unwrap();
        assert!(json[qorigin.map(&q.line_span).unwrap()].starts_with("{\"name\": \">\""));
    }

    #[test]
    fn parse_errors_are_syntax_findings_with_line_and_column() {
        let c = config("{\n  \"tibemsd\": {\n    \"server\": \"A\"\n    \"ft_heartbeat\": 3,\n  },\n  \"users\": [ $admins ]\n}\n");
        let found: Vec<(usize, usize, String)> = c
            .problems(Side::Primary)
            .into_iter()
            .filter(|p| p.kind == ProblemKind::Syntax)
            .map(|p| {
                let r = p.file.region(p.span.as_ref().unwrap());
                (r.line, r.column, p.message)
            })
            .collect();
        assert_eq!(
            found,
            [
                (4, 5, "expected `,` between two members".to_string()),
                (
                    5,
                    3,
                    "a `,` before `}`: JSON has no trailing comma".to_string()
                ),
                (6, 14, "expected a value, found `$admins ]`".to_string()),
            ]
        );
        // What could be read is still read.
        let files = c.server(Role::Primary, Side::Primary, &Settings::default());
        assert_eq!(
            files.conf.get("ft_heartbeat").map(|p| p.value.as_str()),
            Some("3")
        );
    }

    #[test]
    fn secrets_are_masked_in_the_json_file() {
        let c = config(PAIR);
        let shown = c.file.shown();
        assert!(!shown.text.contains("$man$x"));
        assert!(!shown.text.contains("$2$salt$hash"));
        assert!(shown.text.contains("\"password\": null"));
    }

    #[test]
    fn unknown_keys_and_wrong_shapes_are_reported_once() {
        let c = config(
            r#"{"tibemsd": {"server": "A", "ft_hartbeat": 3, "listen": "tcp://7222", "users": "users.conf",
                 "max_connections": {"n": 1}, "primary_listens": [{"url": "tcp://7222", "ft_active": true, "weight": 1}],
                 "secondary_listens": [{"url": "tcp://7224", "ft_active": true}]},
                "queues": [{"name": "q", "prefetsh": 2}], "colour": "blue"}"#,
        );
        let problems = c.problems(Side::Primary);
        let messages: Vec<String> = problems
            .iter()
            .map(|p| format!("{:?} {}", p.kind, p.message))
            .collect();
        assert!(
            messages.iter().any(|m| m.contains("`ft_hartbeat`")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("`listen`")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("`users`")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("`weight`")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("`prefetsh`")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("`colour`")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("JsonInvalidValue") && m.contains("max_connections")),
            "{messages:?}"
        );
        assert_eq!(
            problems
                .iter()
                .filter(|p| p.kind == ProblemKind::JsonUnknownKey)
                .count(),
            6,
            "{messages:?}"
        );
    }
}
