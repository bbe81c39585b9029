//! A file the fix edits: its lines exactly as written (each with its own line ending), which
//! of them carry a secret, the edits planned on it, and the text they make.
//!
//! A patch must show every line it removes and the context around each change, so a line
//! that carries a secret (a users.conf hash, a password parameter) is never removed, never
//! rewritten, and never needed as context: an edit is only planned where the line that
//! follows it (a hunk's trailing context, which `git apply` requires unless the hunk reaches
//! the end of the file) carries none.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// One physical line: its text without the line ending, and the ending (`\n`, `\r\n`, or ""
/// for a last line without one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawLine<'t> {
    pub text: &'t str,
    pub ending: &'t str,
    pub start: usize,
}

/// A file's lines and which of them carry a secret.
#[derive(Debug)]
pub struct Lines<'t> {
    pub lines: Vec<RawLine<'t>>,
    secret: Vec<bool>,
    /// The ending new lines get: the one most of the file's lines have.
    pub ending: &'static str,
    /// Whether the change is shown as a patch, whose context must carry no secret.
    patch: bool,
}

impl<'t> Lines<'t> {
    /// `text` cut into lines; a line is secret when one of `secrets` (byte ranges) touches it.
    /// For a `patch`, a line next to a change must carry no secret either.
    pub fn new(text: &'t str, secrets: &[Range<usize>], patch: bool) -> Self {
        let mut lines = Vec::with_capacity(text.len() / 32 + 1);
        let mut start = 0;
        for raw in text.split_inclusive('\n') {
            let body = raw.strip_suffix('\n').unwrap_or(raw);
            let body = body.strip_suffix('\r').unwrap_or(body);
            lines.push(RawLine {
                text: body,
                ending: &raw[body.len()..],
                start,
            });
            start += raw.len();
        }
        let mut secret = vec![false; lines.len()];
        for span in secrets.iter().filter(|s| s.start < s.end) {
            let first = line_index(&lines, span.start);
            let last = line_index(&lines, span.end - 1);
            for flag in secret.iter_mut().take(last + 1).skip(first) {
                *flag = true;
            }
        }
        let crlf = lines.iter().filter(|l| l.ending == "\r\n").count();
        let lf = lines.iter().filter(|l| l.ending == "\n").count();
        Lines {
            lines,
            secret,
            ending: if crlf > lf { "\r\n" } else { "\n" },
            patch,
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_secret(&self, line: usize) -> bool {
        self.secret.get(line).copied().unwrap_or(false)
    }

    /// The index of the line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        line_index(&self.lines, offset)
    }

    /// The lines a byte span covers (at least the line it starts on).
    pub fn lines_of(&self, span: &Range<usize>) -> Range<usize> {
        let first = self.line_of(span.start);
        let last = self.line_of(span.end.max(span.start + 1) - 1);
        first..last + 1
    }

    pub fn text(&self, line: usize) -> &'t str {
        self.lines.get(line).map_or("", |l| l.text)
    }

    pub fn is_blank(&self, line: usize) -> bool {
        self.lines
            .get(line)
            .is_some_and(|l| l.text.trim().is_empty())
    }

    /// Whether a change may end just before `line` (`len()` = the end of the file): the line
    /// is the hunk's trailing context, so it must carry no secret; at the end of a file
    /// without a final newline the last line is rewritten, so it must carry none either.
    pub fn may_end_before(&self, line: usize) -> bool {
        if !self.patch {
            return true;
        }
        if line >= self.len() {
            return self
                .lines
                .last()
                .is_none_or(|l| !l.ending.is_empty() || !self.is_secret(self.len() - 1));
        }
        !self.is_secret(line)
    }

    /// Whether these lines may be removed or rewritten.
    pub fn may_remove(&self, lines: &[usize]) -> bool {
        lines
            .iter()
            .all(|&l| !self.is_secret(l) && self.may_end_before(l + 1))
    }

    /// The leading white space of `line`.
    pub fn indent_at(&self, line: usize) -> &'t str {
        let text = self.text(line);
        &text[..text.len() - text.trim_start().len()]
    }

    /// `place`, or the nearest place whose change shows no secret, for a file whose order
    /// means nothing (one entry a line, or tibemsd.conf's distinct parameters).
    pub fn nearest_safe(&self, place: Place) -> Option<Place> {
        let lines = self;
        let len = lines.len();
        let wanted = place.next_line(len);
        if lines.may_end_before(wanted) {
            return Some(place);
        }
        let gap = (1..=len).find_map(|d| {
            [wanted.checked_add(d), wanted.checked_sub(d)]
                .into_iter()
                .flatten()
                .find(|&g| g <= len && lines.may_end_before(g))
        })?;
        Some(if gap == len {
            Place::End
        } else {
            Place::Before(gap)
        })
    }
}

fn line_index(lines: &[RawLine<'_>], offset: usize) -> usize {
    lines
        .partition_point(|l| l.start <= offset)
        .saturating_sub(1)
}

/// Where new lines go in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Right after this line, as part of the entry it ends (a member, a property).
    Append(usize),
    /// Right after this line, after what is appended to it, before anything placed before
    /// the next one.
    After(usize),
    /// Right before this line (in place of it, when it is removed).
    Before(usize),
    /// At the end of the file.
    End,
}

impl Place {
    /// The line a change placed here ends before (`len` = the end of the file).
    pub fn next_line(self, len: usize) -> usize {
        match self {
            Place::Append(line) | Place::After(line) => line + 1,
            Place::Before(line) => line,
            Place::End => len,
        }
    }

    /// The order of insertion points: the gap before line `n`, then what is attached to it.
    fn key(self, len: usize) -> (usize, u8) {
        match self {
            Place::Append(line) => (line + 1, 0),
            Place::After(line) => (line + 1, 1),
            Place::Before(line) => (line, 2),
            Place::End => (len, 3),
        }
    }
}

/// The edits planned on one file: lines removed, lines inserted.
#[derive(Debug, Default)]
pub struct Edits {
    removed: BTreeSet<usize>,
    inserted: BTreeMap<(usize, u8), Vec<String>>,
}

/// A line of the new text: its text, its ending, and the old line it is, unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLine {
    pub text: String,
    pub ending: String,
    pub old: Option<usize>,
}

impl Edits {
    pub fn is_empty(&self) -> bool {
        self.removed.is_empty() && self.inserted.is_empty()
    }

    pub fn remove(&mut self, lines: impl IntoIterator<Item = usize>) {
        self.removed.extend(lines);
    }

    pub fn insert(&mut self, file: &Lines<'_>, place: Place, lines: Vec<String>) {
        if !lines.is_empty() {
            self.inserted
                .entry(place.key(file.len()))
                .or_default()
                .extend(lines);
        }
    }

    /// The file after the edits, line by line. A line that was last without an ending and
    /// is followed by new lines gets the file's ending (so it is a changed line); new lines
    /// at the end of a file that had no final newline leave the last one without it.
    pub fn apply(&self, file: &Lines<'_>) -> Vec<NewLine> {
        let mut out: Vec<NewLine> = Vec::with_capacity(file.len() + 8);
        let mut inserted = self.inserted.iter().peekable();
        let mut push_inserted = |gap: usize, out: &mut Vec<NewLine>| {
            while let Some((_, lines)) = inserted.next_if(|((at, _), _)| *at <= gap) {
                out.extend(lines.iter().map(|text| NewLine {
                    text: text.clone(),
                    ending: file.ending.to_string(),
                    old: None,
                }));
            }
        };
        for (n, line) in file.lines.iter().enumerate() {
            push_inserted(n, &mut out);
            if !self.removed.contains(&n) {
                out.push(NewLine {
                    text: line.text.to_string(),
                    ending: line.ending.to_string(),
                    old: Some(n),
                });
            }
        }
        push_inserted(usize::MAX, &mut out);
        let without_final_newline = file.lines.last().is_some_and(|l| l.ending.is_empty());
        let count = out.len();
        for (i, line) in out.iter_mut().enumerate() {
            if i + 1 < count && line.ending.is_empty() {
                line.ending = file.ending.to_string();
                line.old = None;
            } else if i + 1 == count && line.old.is_none() && without_final_newline {
                line.ending.clear();
            }
        }
        out
    }
}

/// The text of `lines`.
pub fn joined(lines: &[NewLine]) -> String {
    let mut text = String::with_capacity(lines.iter().map(|l| l.text.len() + 2).sum());
    for line in lines {
        text.push_str(&line.text);
        text.push_str(&line.ending);
    }
    text
}

/// `line` with its leading white space replaced by `indent`.
pub fn reindent(line: &str, indent: Option<&str>) -> String {
    match indent {
        Some(indent) => format!("{indent}{}", line.trim_start()),
        None => line.to_string(),
    }
}
