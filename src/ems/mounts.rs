//! What a host mounts where: the output of `findmnt -J` (util-linux: `{"filesystems": [{
//! "target", "source", "fstype", "options", "children": [...]}]}`) or an fstab (fstab(5):
//! `source target fstype options [dump [pass]]`, `#` comments, `\040` for a space). The first
//! character that is not white space tells them apart: `{` is findmnt's JSON.

use std::ops::Range;

use nom::bytes::complete::take_till1;
use nom::character::complete::space0;
use nom::multi::many0;
use nom::sequence::preceded;
use nom::{IResult, Parser};

use crate::ems::json::{self, Node};
use crate::ems::lines::SyntaxError;

/// One mounted (or, in an fstab, to be mounted) filesystem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    /// The mount point, without a trailing `/` (but `/` itself).
    pub target: String,
    /// `nas01:/export/ems`, `/dev/mapper/vg-ems`, `UUID=…`.
    pub source: String,
    pub fstype: String,
    /// `rw`, `vers=4.1`, `nolock`, … as written.
    pub options: Vec<String>,
    /// The fstab line, or the findmnt object.
    pub span: Range<usize>,
}

impl Mount {
    /// The value of option `name` (`vers=3` → `3`); `Some("")` for a flag.
    pub fn option(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find_map(|o| match o.split_once('=') {
                Some((key, value)) if key == name => Some(value),
                None if o == name => Some(""),
                _ => None,
            })
    }
}

/// A host's mounts, with what could not be read.
#[derive(Debug, Default)]
pub struct MountTable {
    pub mounts: Vec<Mount>,
    pub errors: Vec<SyntaxError>,
    /// Read from findmnt (what is mounted) rather than an fstab (what is to be mounted).
    pub live: bool,
}

impl MountTable {
    /// The mount that holds `path` (absolute, normalized): the longest target that is `path`
    /// or one of its parent directories; of two at one target, the later (it hides the other).
    pub fn covering(&self, path: &str) -> Option<&Mount> {
        self.mounts
            .iter()
            .filter(|m| is_under(path, &m.target))
            .max_by_key(|m| m.target.len())
            .and_then(|longest| {
                self.mounts
                    .iter()
                    .rev()
                    .find(|m| m.target == longest.target)
            })
    }
}

/// Whether `path` is `dir` or under it, by whole path components.
pub fn is_under(path: &str, dir: &str) -> bool {
    dir == "/"
        || path == dir
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Reads findmnt's JSON or an fstab. Never panics; a bad line or entry is an error and the
/// rest is read.
pub fn parse(text: &str) -> MountTable {
    if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        parse_findmnt(text)
    } else {
        parse_fstab(text)
    }
}

fn parse_findmnt(text: &str) -> MountTable {
    let doc = json::parse(text);
    let mut table = MountTable {
        live: true,
        errors: doc.errors,
        ..MountTable::default()
    };
    let Some(root) = &doc.root else {
        return table;
    };
    match root.get("filesystems").and_then(Node::as_array) {
        Some(filesystems) => filesystems
            .iter()
            .for_each(|fs| read_filesystem(fs, &mut table)),
        None => table.errors.push(SyntaxError {
            span: root.span.clone(),
            message: "no `filesystems` array: expected the output of `findmnt -J`".into(),
        }),
    }
    table
}

/// One findmnt object and its `children` (the JSON parser bounds their depth).
fn read_filesystem(node: &Node, table: &mut MountTable) {
    let field = |key: &str| node.get(key).and_then(Node::as_str);
    match (field("target"), field("source"), field("fstype")) {
        (Some(target), Some(source), Some(fstype)) => table.mounts.push(Mount {
            target: normalize(target),
            source: source.to_string(),
            fstype: fstype.to_ascii_lowercase(),
            options: split_options(field("options").unwrap_or_default()),
            span: node.span.clone(),
        }),
        _ => table.errors.push(SyntaxError {
            span: node.span.clone(),
            message: "a filesystem without `target`, `source` and `fstype` strings".into(),
        }),
    }
    for child in node
        .get("children")
        .and_then(Node::as_array)
        .unwrap_or_default()
    {
        read_filesystem(child, table);
    }
}

fn parse_fstab(text: &str) -> MountTable {
    let mut table = MountTable::default();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let line_start = start;
        start += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let span = line_start..line_start + line.len();
        let fields = match fields(line) {
            Ok((_, fields)) => fields,
            Err(_) => Vec::new(),
        };
        match fields.as_slice() {
            [source, target, fstype, rest @ ..] if rest.len() <= 3 => {
                table.mounts.push(Mount {
                    target: normalize(&unescape(target)),
                    source: unescape(source),
                    fstype: fstype.to_ascii_lowercase(),
                    options: split_options(rest.first().copied().unwrap_or("defaults")),
                    span,
                });
            }
            _ => table.errors.push(SyntaxError {
                span,
                message: format!(
                    "an fstab line has 3 to 6 fields (source, mount point, type, options, dump, pass), this one {}",
                    fields.len()
                ),
            }),
        }
    }
    table
}

/// The white-space separated fields of an fstab line.
fn fields(line: &str) -> IResult<&str, Vec<&str>> {
    many0(preceded(
        space0,
        take_till1(|c: char| c == ' ' || c == '\t'),
    ))
    .parse(line)
}

/// fstab's octal escapes (`\040` is a space, `\011` a tab, `\134` a backslash).
fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut rest = field;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let digits = rest
            .get(at + 1..at + 4)
            .filter(|d| d.bytes().all(|b| (b'0'..=b'7').contains(&b)));
        match digits.and_then(|d| u8::from_str_radix(d, 8).ok()) {
            Some(byte) if byte.is_ascii() => {
                out.push(char::from(byte));
                rest = &rest[at + 4..];
            }
            _ => {
                out.push('\\');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn split_options(options: &str) -> Vec<String> {
    options
        .split(',')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_string)
        .collect()
}

/// The values of mount options that hold a password (CIFS `password=`, `pass=`,
/// `password2=`), wherever they are written: in an fstab line or findmnt's `options`, and in
/// a line that does not parse.
pub fn secret_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    for key in ["password=", "password2=", "pass="] {
        for (at, _) in text.match_indices(key) {
            let starts_option = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, ',' | ' ' | '\t' | '"'));
            if !starts_option {
                continue;
            }
            let start = at + key.len();
            let len = text[start..]
                .find([',', ' ', '\t', '"', '\n', '\r'])
                .unwrap_or(text.len() - start);
            spans.push(start..start + len);
        }
    }
    spans
}

/// `/shared//ems/` → `/shared/ems`; `/` stays `/`.
pub fn normalize(path: &str) -> String {
    let mut out = String::new();
    for part in path.split('/').filter(|p| !p.is_empty() && *p != ".") {
        out.push('/');
        out.push_str(part);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests;
