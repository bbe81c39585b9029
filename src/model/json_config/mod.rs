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
mod generator;
mod subfiles;
#[cfg(test)]
mod tests;
mod tibemsd_object;
mod writer;

use generator::Generator;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::ems::json::{self, Document, Node, Value};
use crate::ems::tibemsd;
use crate::finding::Side;
use crate::model::files::{self, JsonSource, ServerFiles, MAIN_FILE};
use crate::model::problem::{Problem, ProblemKind};
use crate::model::secrets;
use crate::settings::Settings;
use crate::source::{FileRef, Origin, ReadError, Reader, SourceFile};

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
pub fn json_input(input: &Path, given: &str, reader: &Reader) -> Option<(PathBuf, String)> {
    if input.is_dir() {
        let json = input.join(JSON_FILE);
        let conf = input.join(MAIN_FILE);
        // A link out of the directory counts as there, whatever it leads to: its reading
        // says so, and nothing tells whether something outside exists.
        let there = |p: &Path, file: bool| {
            reader.leads_outside(p) || if file { p.is_file() } else { p.exists() }
        };
        return (there(&json, true) && !there(&conf, false))
            .then(|| (json, files::join_display(given, JSON_FILE)));
    }
    let is_json = input
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        || starts_like_json(input, reader);
    is_json.then(|| (input.to_path_buf(), given.to_string()))
}

/// A regular file whose first character (after a BOM and white space) is `{`: no .conf
/// file starts so, whatever the file is called (`tibemsd.json.bak`).
fn starts_like_json(path: &Path, reader: &Reader) -> bool {
    let Some(head) = reader.head(path, 512) else {
        return false;
    };
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    head.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{')
}

/// The server of `side` in a JSON configuration (the primary, or the secondary for the
/// backup; the one server of a file that describes no pair), with what is wrong with the
/// file itself.
pub fn read_side(
    side: Side,
    path: &Path,
    display: String,
    settings: &Settings,
    reader: &Reader,
) -> ServerFiles {
    match JsonConfig::read(path, display.clone(), settings, reader) {
        Ok(config) => {
            // A file of one server is that server, on whichever side it is given.
            let role = if config.describes_pair() {
                Role::of(side)
            } else {
                Role::Primary
            };
            let mut files = config.server(role, side, settings, reader);
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
    reader: &Reader,
) -> (ServerFiles, Option<ServerFiles>) {
    match JsonConfig::read(path, display.clone(), settings, reader) {
        Ok(config) => {
            let mut primary = config.server(Role::Primary, Side::Primary, settings, reader);
            let mut problems = config.problems(Side::Primary);
            problems.append(&mut primary.problems);
            primary.problems = problems;
            primary.json = Some(config.source());
            let backup = config
                .describes_pair()
                .then(|| config.server(Role::Secondary, Side::Backup, settings, reader));
            (primary, backup)
        }
        Err(e) => (unreadable(Side::Primary, path, display, e), None),
    }
}

fn unreadable(side: Side, path: &Path, display: String, e: ReadError) -> ServerFiles {
    let absent: FileRef = Arc::new(SourceFile::absent(display.clone(), path.to_path_buf()));
    let problem = Problem::new(
        ProblemKind::of_read_error(&e),
        side,
        &absent,
        None,
        format!("{display} {e}"),
    )
    .help(match e {
        ReadError::OutsideTree { .. } => files::OUTSIDE_HELP,
        _ => "give a tibemsd.json that can be read, or the directory that holds it",
    });
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
        reader: &Reader,
    ) -> Result<JsonConfig, ReadError> {
        let file = reader.read(path, display, settings.size_cap, false)?;
        Ok(JsonConfig::from_file(file))
    }

    pub fn from_file(file: FileRef) -> JsonConfig {
        let doc = json::parse(&file.text);
        if let Some(root) = &doc.root {
            secrets::mark_json_secrets(&file, root);
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

    /// Whether the file describes an FT pair: its `secondary_listens` lists a URL. "The fault
    /// tolerance mechanism is triggered by the presence of a URL in the "secondary_listens"
    /// node of a primary tibemsd" (EMS 10.1, GUID-3009FAD8-5C36-45B0-8502-40AF989BCDE2); a
    /// file without one is a standalone server, as TIBCO's Docker sample writes it
    /// (`"primary_listens":[{"url":"tcp://7222"}]`).
    pub fn describes_pair(&self) -> bool {
        self.tibemsd()
            .and_then(Node::as_object)
            .and_then(|members| {
                members
                    .iter()
                    .rev()
                    .find(|m| m.key == Role::Secondary.listens())
            })
            .and_then(|m| m.value.as_array())
            .is_some_and(|urls| !urls.is_empty())
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
    /// and other files its parameters name are read relative to the JSON file's directory,
    /// by `reader`.
    pub fn server(
        &self,
        role: Role,
        side: Side,
        settings: &Settings,
        reader: &Reader,
    ) -> ServerFiles {
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
            reader,
            &|param: &str| subs.get(param).cloned(),
        );
        problems.extend(more);
        ServerFiles::found(side, main, conf, named, problems)
    }
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
