//! The JSON → .conf generator: one server of the file as the files of a .conf server, with
//! the keys it does not know and the values of the wrong shape it met.

use std::ops::Range;

use crate::model::subfiles::SUB_FILES;

use super::writer::{Gen, Generated, Scalar, Sub};
use super::{Role, UnknownKey, WrongShape};
use crate::ems::json::{Member, Node, Value};
use crate::ems::suggest;

/// Every top-level key of TIBCO's files (formats.md §12).
pub(super) const TOP_KEYS: [&str; 15] = [
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

/// Top-level keys that EMS Central Administration writes for itself and EMS ignores: the
/// server's display name and the `emsca` object (`advanced`, `emsca_listens`, the URLs it
/// deploys through) — EMS 8.3 tibemsd.json as Central Administration wrote it
/// (BeeJeeGee/tibcoemsdocker config/tibemsd.json). They are not EMS settings: not read.
pub(super) const TOOLING_TOP_KEYS: [&str; 2] = ["displayName", "emsca"];

pub(super) struct Generator<'j> {
    pub(super) root: &'j Node,
    pub(super) unknown: Vec<UnknownKey>,
    pub(super) problems: Vec<WrongShape>,
}

impl<'j> Generator<'j> {
    pub(super) fn new(root: &'j Node) -> Self {
        Generator {
            root,
            unknown: Vec::new(),
            problems: Vec::new(),
        }
    }

    pub(super) fn run(mut self, role: Role) -> Generated {
        let members = self.root.as_object().unwrap_or(&[]);
        for m in members {
            let key = m.key.as_str();
            if !TOP_KEYS.contains(&key) && !TOOLING_TOP_KEYS.contains(&key) {
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
        for row in SUB_FILES {
            let (key, param, file_name) = (row.json_key, row.param, row.file_name);
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
                    Some(items) => self.array(&mut gen, row.kind, items),
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

    pub(super) fn problem(&mut self, span: Range<usize>, message: String) {
        self.problems.push(WrongShape { span, message });
    }

    pub(super) fn unknown(
        &mut self,
        m: &Member,
        place: &str,
        known: &[&str],
        note: Option<String>,
    ) {
        // Of equally near keys the last is named, as it always was.
        let near = suggest::nearest_damerau_levenshtein(&m.key, known.iter().rev().copied())
            .map(str::to_string);
        self.unknown_near(m, place, near, note);
    }

    pub(super) fn unknown_near(
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
    pub(super) fn scalar(&mut self, node: &Node, what: &str) -> Option<Scalar> {
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
}

pub(super) struct ListenUrl {
    pub(super) url: Scalar,
    pub(super) ft_active: bool,
}

/// An element of a top-level array.
pub(super) struct Entry<'n> {
    pub(super) node: &'n Node,
    pub(super) members: &'n [Member],
    pub(super) place: String,
}

impl Entry<'_> {
    /// The last member called any of `keys`.
    pub(super) fn member(&self, keys: &[&str]) -> Option<&Member> {
        self.members
            .iter()
            .rev()
            .find(|m| keys.contains(&m.key.as_str()))
    }
}
