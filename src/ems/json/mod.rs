//! JSON with positions: the parser behind `tibemsd.json` (formats.md §12).
//!
//! serde_json forgets where a value was written, and every finding must point at a line and
//! column, so this is a small recursive-descent parser of its own (RFC 8259) whose tokens are
//! read with nom. Every value keeps its byte span in the text; a string also says whether its
//! decoded text is its raw text (no escapes), so that a span inside it can be mapped exactly.
//!
//! Errors never stop the parse: a bad member or element is reported as a [`SyntaxError`] with
//! its position and skipped up to the next `,` or closing bracket of its level, so one typo
//! (or a shell placeholder such as `$adminList` left in a template) costs one finding, and the
//! rest of the file is still read. Nesting deeper than [`MAX_DEPTH`] is an error, not a stack
//! overflow. Members are kept in file order, repeated keys included: the reader decides what
//! a repeat means.

use std::ops::Range;

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{char, digit1, one_of};
use nom::combinator::{opt, recognize, value};
use nom::{IResult, Parser};

use crate::ems::lines::SyntaxError;

mod parse;
mod recover;
mod string;

use parse::*;

/// Deeper nesting is reported and skipped: no EMS configuration nests more than four levels.
pub const MAX_DEPTH: usize = 128;

/// One JSON value and where it is written (its whole text: quotes, brackets included).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Range<usize>,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number as written (`5`, `-1`, `2.5e3`): EMS reads numbers as text of its own.
    Number(String),
    Str(JsonStr),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

/// A decoded string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonStr {
    pub text: String,
    /// The text between the quotes as written; equal to `text` byte for byte when `exact`.
    pub inner: Range<usize>,
    /// No escape sequence: an offset into `text` is the same offset into `inner`.
    pub exact: bool,
}

/// `"key": value` in an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    /// The key with its quotes.
    pub key_span: Range<usize>,
    /// The key's text between its quotes.
    pub key_inner: Range<usize>,
    pub value: Node,
}

impl Member {
    /// From the key's opening quote to the end of the value.
    pub fn span(&self) -> Range<usize> {
        self.key_span.start..self.value.span.end.max(self.key_span.end)
    }
}

/// A parsed file: its value (as much of it as could be read) and the errors on the way.
#[derive(Debug, Default)]
pub struct Document {
    pub root: Option<Node>,
    pub errors: Vec<SyntaxError>,
}

impl Node {
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(&s.text),
            _ => None,
        }
    }

    /// The last member called `key` (a later repeat replaces an earlier one, as in most
    /// JSON readers).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_object()?
            .iter()
            .rev()
            .find(|m| m.key == key)
            .map(|m| &m.value)
    }

    /// The span to underline for this value: a string's text without its quotes (when it
    /// has any), else the whole value.
    pub fn value_span(&self) -> Range<usize> {
        match &self.value {
            Value::Str(s) if !s.inner.is_empty() => s.inner.clone(),
            _ => self.span.clone(),
        }
    }

    /// What kind of value this is, for messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::Str(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Parses a whole file. Never panics, whatever the input.
pub fn parse(text: &str) -> Document {
    let mut p = DocumentParser {
        text,
        pos: 0,
        errors: Vec::new(),
    };
    p.skip_ws();
    if p.at_end() {
        p.error(0..0, "the file holds no JSON value".into());
        return p.finish(None);
    }
    let root = p.value(0);
    p.skip_ws();
    if root.is_some() && !p.at_end() {
        let start = p.pos;
        p.error(
            start..p.char_end(start),
            format!(
                "text after the end of the JSON value: `{}`",
                preview(&text[start..])
            ),
        );
    }
    p.finish(root)
}

#[cfg(test)]
mod tests;
