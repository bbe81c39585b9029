//! A generated .conf file being written: its text, and the JSON text each line, key and value
//! was written from.

use std::ops::Range;

use crate::source::{MappedLine, MappedPart};

use super::{UnknownKey, WrongShape};

/// A generated file being written: its text and where each line came from.
#[derive(Debug, Default)]
pub(super) struct Gen {
    pub(super) text: String,
    pub(super) lines: Vec<MappedLine>,
    pub(super) open: Option<(usize, Range<usize>, Vec<MappedPart>)>,
}

impl Gen {
    pub(super) fn begin(&mut self, json: Range<usize>) {
        self.open = Some((self.text.len(), json, Vec::new()));
    }

    pub(super) fn raw(&mut self, s: &str) {
        self.text.push_str(s);
    }

    pub(super) fn part(&mut self, s: &str, json: Range<usize>, exact: bool) {
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
    pub(super) fn mark(&self) -> usize {
        self.text.len()
    }

    /// Maps everything written since `start` to `json` as one part.
    pub(super) fn cover(&mut self, start: usize, json: Range<usize>) {
        let end = self.text.len();
        if let Some((_, _, parts)) = &mut self.open {
            parts.push(MappedPart {
                generated: start..end,
                json,
                exact: false,
            });
        }
    }

    pub(super) fn end(&mut self) {
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
pub(super) struct Scalar {
    pub(super) text: String,
    pub(super) span: Range<usize>,
    pub(super) exact: bool,
}

impl Scalar {
    pub(super) fn write(&self, g: &mut Gen) {
        g.part(&self.text, self.span.clone(), self.exact);
    }

    /// Written so that the .conf readers (which trim values and strip one pair of double
    /// quotes) read this text back.
    pub(super) fn write_quoted_if_needed(&self, g: &mut Gen) {
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
pub(super) struct Sub {
    /// The tibemsd.conf parameter that names it.
    pub(super) param: &'static str,
    /// Its key in the JSON file.
    pub(super) key: &'static str,
    pub(super) gen: Gen,
    pub(super) whole: Option<Range<usize>>,
}

pub(super) struct Generated {
    pub(super) main: Gen,
    pub(super) main_whole: Option<Range<usize>>,
    pub(super) subs: Vec<Sub>,
    pub(super) unknown: Vec<UnknownKey>,
    pub(super) problems: Vec<WrongShape>,
}

/// A name in a space-separated line: quoted when it holds white space.
pub(super) fn quoted_word(g: &mut Gen, s: &Scalar) {
    if s.text.contains([' ', '\t']) {
        g.raw("\"");
        s.write(g);
        g.raw("\"");
    } else {
        s.write(g);
    }
}
