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
    let mut p = Parser1 {
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

struct Parser1<'t> {
    text: &'t str,
    pos: usize,
    errors: Vec<SyntaxError>,
}

/// Where a skip stopped.
enum Stop {
    Comma,
    Close(char),
    End,
}

impl<'t> Parser1<'t> {
    fn finish(self, root: Option<Node>) -> Document {
        Document {
            root,
            errors: self.errors,
        }
    }

    fn rest(&self) -> &'t str {
        self.text.get(self.pos..).unwrap_or("")
    }

    fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// The end of the character at `at`, for one-character error spans.
    fn char_end(&self, at: usize) -> usize {
        self.text
            .get(at..)
            .and_then(|s| s.chars().next())
            .map_or(at, |c| at + c.len_utf8())
    }

    fn error(&mut self, span: Range<usize>, message: String) {
        self.errors.push(SyntaxError { span, message });
    }

    /// Advances past what a nom parser consumed.
    fn advance_to(&mut self, rest: &str) {
        self.pos = self.text.len() - rest.len();
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        let trimmed = rest.trim_start_matches([' ', '\t', '\n', '\r']);
        self.advance_to(trimmed);
    }

    /// One value at `depth`; `None` (after reporting why) when none starts here.
    fn value(&mut self, depth: usize) -> Option<Node> {
        self.skip_ws();
        let start = self.pos;
        let Some(c) = self.peek() else {
            self.error(
                start..start,
                "the file ends where a value is expected".into(),
            );
            return None;
        };
        if depth >= MAX_DEPTH && matches!(c, '{' | '[') {
            self.error(
                start..start + 1,
                format!("values are nested more than {MAX_DEPTH} levels deep"),
            );
            self.skip_nested();
            return None;
        }
        match c {
            '{' => Some(self.object(depth)),
            '[' => Some(self.array(depth)),
            '"' => {
                let s = self.string();
                Some(Node {
                    span: start..self.pos,
                    value: Value::Str(s),
                })
            }
            '-' | '0'..='9' => self.number(),
            _ => {
                if let Ok((rest, v)) = literal(self.rest()) {
                    self.advance_to(rest);
                    return Some(Node {
                        span: start..self.pos,
                        value: v,
                    });
                }
                let message = match c {
                    '\'' => "strings must be in double quotes".to_string(),
                    '/' | '#' => "JSON has no comments".to_string(),
                    ',' => "a value is missing before this `,`".to_string(),
                    ']' | '}' => format!("a value is missing before this `{c}`"),
                    _ => format!("expected a value, found `{}`", preview(self.rest())),
                };
                // Skip the bad word (a placeholder such as `$adminList`, a bare name), so
                // that what follows it can still be read.
                let word = self
                    .rest()
                    .find(|c: char| c.is_whitespace() || ",:[]{}\"".contains(c))
                    .unwrap_or(self.rest().len());
                let end = if word == 0 {
                    self.char_end(start)
                } else {
                    start + word
                };
                self.error(start..end, message);
                self.pos = start + word;
                None
            }
        }
    }

    fn number(&mut self) -> Option<Node> {
        let start = self.pos;
        match number_text(self.rest()) {
            Ok((rest, raw)) => {
                self.advance_to(rest);
                let digits = raw.strip_prefix('-').unwrap_or(raw);
                if digits.len() > 1
                    && digits.starts_with('0')
                    && digits.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
                {
                    self.error(
                        start..self.pos,
                        format!("`{raw}`: a JSON number has no leading zero"),
                    );
                }
                Some(Node {
                    span: start..self.pos,
                    value: Value::Number(raw.to_string()),
                })
            }
            Err(_) => {
                let end = self.char_end(start);
                self.error(
                    start..end,
                    format!("expected a number, found `{}`", preview(self.rest())),
                );
                self.pos = end;
                None
            }
        }
    }

    /// A string from its opening quote. An unclosed string ends at the end of its line.
    fn string(&mut self) -> JsonStr {
        let open = self.pos;
        self.pos += 1;
        let inner_start = self.pos;
        let mut text = String::new();
        let mut exact = true;
        loop {
            let rest = self.rest();
            // Plain text up to the next quote, backslash or control character, at once.
            let plain = rest
                .find(|c: char| c == '"' || c == '\\' || (c as u32) < 0x20)
                .unwrap_or(rest.len());
            text.push_str(&rest[..plain]);
            self.pos += plain;
            let Some(c) = self.peek() else {
                self.error(
                    open..self.pos,
                    "the string is not closed: the file ends inside it".into(),
                );
                return JsonStr {
                    text,
                    inner: inner_start..self.pos,
                    exact,
                };
            };
            match c {
                '"' => {
                    let inner = inner_start..self.pos;
                    self.pos += 1;
                    return JsonStr { text, inner, exact };
                }
                '\n' | '\r' => {
                    self.error(
                        open..self.pos,
                        "the string is not closed before the end of the line".into(),
                    );
                    return JsonStr {
                        text,
                        inner: inner_start..self.pos,
                        exact,
                    };
                }
                '\\' => {
                    exact = false;
                    self.escape(&mut text);
                }
                c => {
                    // A raw control character: JSON wants it escaped.
                    self.error(
                        self.pos..self.pos + 1,
                        format!(
                            "control character U+{:04X} in a string: write it as an escape",
                            c as u32
                        ),
                    );
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    /// One escape sequence from its backslash.
    fn escape(&mut self, text: &mut String) {
        let start = self.pos;
        self.pos += 1;
        let Some(c) = self.peek() else {
            self.error(start..self.pos, "the file ends inside an escape".into());
            return;
        };
        self.pos += c.len_utf8();
        let simple = match c {
            '"' => Some('"'),
            '\\' => Some('\\'),
            '/' => Some('/'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            _ => None,
        };
        if let Some(decoded) = simple {
            text.push(decoded);
            return;
        }
        if c != 'u' {
            self.error(
                start..self.pos,
                format!("`\\{c}` is not a JSON escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"),
            );
            text.push(c);
            return;
        }
        let Some(high) = self.hex4() else {
            self.error(
                start..self.pos,
                "`\\u` must be followed by four hexadecimal digits".into(),
            );
            return;
        };
        let code = if (0xD800..0xDC00).contains(&high) {
            // A high surrogate: a low one must follow to make one character.
            let save = self.pos;
            let low = if self.rest().starts_with("\\u") {
                self.pos += 2;
                self.hex4().filter(|l| (0xDC00..0xE000).contains(l))
            } else {
                None
            };
            match low {
                Some(low) => 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00),
                None => {
                    self.pos = save;
                    0xFFFD
                }
            }
        } else {
            high
        };
        text.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.rest().get(..4)?;
        if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let n = u32::from_str_radix(digits, 16).ok()?;
        self.pos += 4;
        Some(n)
    }

    fn object(&mut self, depth: usize) -> Node {
        let open = self.pos;
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some('}') {
            self.pos += 1;
            return Node {
                span: open..self.pos,
                value: Value::Object(members),
            };
        }
        loop {
            self.skip_ws();
            let member = self.member(depth);
            if let Some(m) = member {
                members.push(m);
            }
            self.skip_ws();
            match self.peek() {
                Some(',') => {
                    if self.trailing_comma('}') {
                        break;
                    }
                }
                Some('}') => {
                    self.pos += 1;
                    break;
                }
                Some('"') => {
                    // Another member where a comma was due: report and read it.
                    let at = self.pos;
                    self.error(at..at + 1, "expected `,` between two members".into());
                }
                Some(c) => {
                    let at = self.pos;
                    let end = self.char_end(at);
                    if c == ']' {
                        self.error(at..end, "expected `,` or `}`, found `]`".into());
                        self.unclosed(open, '}');
                        break;
                    }
                    self.error(
                        at..end,
                        format!("expected `,` or `}}`, found `{}`", preview(self.rest())),
                    );
                    match self.skip_to_stop() {
                        Stop::Comma => self.pos += 1,
                        Stop::Close('}') => {
                            self.pos += 1;
                            break;
                        }
                        Stop::Close(_) => {
                            self.unclosed(open, '}');
                            break;
                        }
                        Stop::End => {
                            self.unclosed(open, '}');
                            break;
                        }
                    }
                }
                None => {
                    self.unclosed(open, '}');
                    break;
                }
            }
        }
        Node {
            span: open..self.pos,
            value: Value::Object(members),
        }
    }

    /// `"key": value`; `None` after a reported error, with the input skipped to the next
    /// `,` or closing bracket of this level.
    fn member(&mut self, depth: usize) -> Option<Member> {
        let start = self.pos;
        match self.peek() {
            Some('"') => {}
            Some('}') | None => {
                // `{ "a": 1, }` is handled by the caller; here a member is simply missing.
                self.error(start..self.char_end(start), "a member is missing".into());
                return None;
            }
            Some(_) => {
                let message = match self.peek() {
                    Some('\'') => "keys must be in double quotes".to_string(),
                    Some('/' | '#') => "JSON has no comments".to_string(),
                    _ => format!(
                        "expected a key in double quotes, found `{}`",
                        preview(self.rest())
                    ),
                };
                self.error(start..self.char_end(start), message);
                self.skip_to_stop();
                return None;
            }
        }
        let key = self.string();
        let key_span = start..self.pos;
        self.skip_ws();
        if self.peek() != Some(':') {
            let at = self.pos;
            self.error(
                at..self.char_end(at),
                format!("expected `:` after the key \"{}\"", preview(&key.text)),
            );
            self.skip_to_stop();
            return None;
        }
        self.pos += 1;
        match self.value(depth + 1) {
            Some(value) => Some(Member {
                key: key.text,
                key_span,
                key_inner: key.inner,
                value,
            }),
            None => {
                self.skip_to_stop();
                None
            }
        }
    }

    fn array(&mut self, depth: usize) -> Node {
        let open = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(']') {
            self.pos += 1;
            return Node {
                span: open..self.pos,
                value: Value::Array(items),
            };
        }
        loop {
            match self.value(depth + 1) {
                Some(item) => items.push(item),
                None => {
                    self.skip_ws();
                    match self.peek() {
                        // The bad word is reported: read on from what follows it.
                        Some(c) if starts_value(c) => continue,
                        Some(',' | ']' | '}') | None => {}
                        Some(_) => {
                            if let Stop::Close(']') = self.skip_to_stop() {
                                self.pos += 1;
                                break;
                            }
                        }
                    }
                }
            }
            self.skip_ws();
            match self.peek() {
                Some(',') => {
                    if self.trailing_comma(']') {
                        break;
                    }
                }
                Some(']') => {
                    self.pos += 1;
                    break;
                }
                Some('}') | None => {
                    self.unclosed(open, ']');
                    break;
                }
                Some(c) => {
                    let at = self.pos;
                    let end = self.char_end(at);
                    if starts_value(c) {
                        // Another element where a comma was due: report and read it.
                        self.error(at..end, "expected `,` between two elements".into());
                        continue;
                    }
                    self.error(
                        at..end,
                        format!("expected `,` or `]`, found `{}`", preview(self.rest())),
                    );
                    match self.skip_to_stop() {
                        Stop::Comma => self.pos += 1,
                        Stop::Close(']') => {
                            self.pos += 1;
                            break;
                        }
                        Stop::Close(_) | Stop::End => {
                            self.unclosed(open, ']');
                            break;
                        }
                    }
                }
            }
        }
        Node {
            span: open..self.pos,
            value: Value::Array(items),
        }
    }

    /// Past a `,`: true, with the comma reported and `close` read, when `close` follows it.
    fn trailing_comma(&mut self, close: char) -> bool {
        self.pos += 1;
        self.skip_ws();
        if self.peek() != Some(close) {
            return false;
        }
        let at = self.pos;
        self.error(
            at..at + 1,
            format!("a `,` before `{close}`: JSON has no trailing comma"),
        );
        self.pos += 1;
        true
    }

    fn unclosed(&mut self, open: usize, close: char) {
        let opener = if close == '}' { '{' } else { '[' };
        self.error(
            open..open + 1,
            format!("this `{opener}` is never closed with `{close}`"),
        );
    }

    /// Skips to the next `,` or closing bracket at this level (not consumed), past strings
    /// and nested brackets.
    fn skip_to_stop(&mut self) -> Stop {
        let mut depth = 0usize;
        let mut chars = self.rest().char_indices();
        let base = self.pos;
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    // Skip the string; an unclosed one ends at its line.
                    let mut escaped = false;
                    for (_, s) in chars.by_ref() {
                        match s {
                            '\\' if !escaped => escaped = true,
                            '"' if !escaped => break,
                            '\n' => break,
                            _ => escaped = false,
                        }
                    }
                }
                '{' | '[' => depth += 1,
                '}' | ']' if depth > 0 => depth -= 1,
                '}' | ']' => {
                    self.pos = base + i;
                    return Stop::Close(c);
                }
                ',' if depth == 0 => {
                    self.pos = base + i;
                    return Stop::Comma;
                }
                _ => {}
            }
        }
        self.pos = self.text.len();
        Stop::End
    }

    /// Skips one bracketed value too deep to read.
    fn skip_nested(&mut self) {
        let open = self.pos;
        self.pos += 1;
        let mut depth = 1usize;
        let mut in_string = false;
        let mut escaped = false;
        for (i, c) in self.text[self.pos..].char_indices() {
            if in_string {
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => in_string = false,
                    _ => escaped = false,
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '{' | '[' => depth += 1,
                '}' | ']' => {
                    depth -= 1;
                    if depth == 0 {
                        self.pos = open + 1 + i + 1;
                        return;
                    }
                }
                _ => {}
            }
        }
        self.pos = self.text.len();
    }
}

fn starts_value(c: char) -> bool {
    matches!(c, '{' | '[' | '"' | '-' | '0'..='9' | 't' | 'f' | 'n')
}

fn literal(input: &str) -> IResult<&str, Value> {
    alt((
        value(Value::Bool(true), tag("true")),
        value(Value::Bool(false), tag("false")),
        value(Value::Null, tag("null")),
    ))
    .parse(input)
}

/// `-?digits(.digits)?([eE][+-]?digits)?`
fn number_text(input: &str) -> IResult<&str, &str> {
    recognize((
        opt(char('-')),
        digit1,
        opt((char('.'), digit1)),
        opt((one_of("eE"), opt(one_of("+-")), digit1)),
    ))
    .parse(input)
}

/// The start of `text` for a message: up to its line's end, at most 20 characters.
fn preview(text: &str) -> String {
    let line = text.split(['\n', '\r']).next().unwrap_or("");
    match line.char_indices().nth(20) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Node {
        let doc = parse(text);
        assert!(doc.errors.is_empty(), "{text}: {:?}", doc.errors);
        doc.root.expect("a value")
    }

    fn errors(text: &str) -> Vec<(usize, String)> {
        parse(text)
            .errors
            .into_iter()
            .map(|e| (e.span.start, e.message))
            .collect()
    }

    #[test]
    fn values_keep_their_spans() {
        let text = "{\n  \"server\": \"EMS-A\",\n  \"ft_heartbeat\": 5,\n  \"ok\": true,\n  \"n\": null\n}";
        let root = ok(text);
        assert_eq!(root.span, 0..text.len());
        let members = root.as_object().unwrap();
        assert_eq!(members.len(), 4);
        assert_eq!(&text[members[0].key_span.clone()], "\"server\"");
        assert_eq!(&text[members[0].value.span.clone()], "\"EMS-A\"");
        assert_eq!(&text[members[0].value.value_span()], "EMS-A");
        assert_eq!(&text[members[1].value.span.clone()], "5");
        assert_eq!(members[1].value.value, Value::Number("5".into()));
        assert_eq!(members[2].value.value, Value::Bool(true));
        assert_eq!(members[3].value.value, Value::Null);
        assert_eq!(&text[members[1].span()], "\"ft_heartbeat\": 5");
    }

    #[test]
    fn nesting_arrays_and_objects() {
        let text = r#"{"a":[{"b":[1,[2,{}]]},[]],"c":{"d":{"e":"f"}}}"#;
        let root = ok(text);
        let a = root.get("a").unwrap().as_array().unwrap();
        assert_eq!(a.len(), 2);
        let b = a[0].get("b").unwrap().as_array().unwrap();
        assert_eq!(&text[b[1].span.clone()], "[2,{}]");
        let e = root
            .get("c")
            .and_then(|c| c.get("d"))
            .and_then(|d| d.get("e"));
        assert_eq!(e.and_then(Node::as_str), Some("f"));
    }

    #[test]
    fn escapes_are_decoded_and_mark_the_string_inexact() {
        let root = ok(r#"["tcp:\/\/host:7222", "a\"b\\c\n\t", "plain", "\u00e9\u20ac"]"#);
        let items = root.as_array().unwrap();
        let s = |i: usize| match &items[i].value {
            Value::Str(s) => s.clone(),
            _ => panic!("not a string"),
        };
        assert_eq!(s(0).text, "tcp://host:7222");
        assert!(!s(0).exact);
        assert_eq!(s(1).text, "a\"b\\c\n\t");
        assert_eq!(s(2).text, "plain");
        assert!(s(2).exact);
        assert_eq!(s(3).text, "é€");
    }

    #[test]
    fn unicode_text_and_surrogate_pairs() {
        let text =
            "{\"description\": \"Zürich ✓\", \"e\": \"\\ud83d\\ude00\", \"lone\": \"\\ud800x\"}";
        let root = ok(text);
        let d = root.get("description").unwrap();
        assert_eq!(d.as_str(), Some("Zürich ✓"));
        assert_eq!(&text[d.value_span()], "Zürich ✓");
        assert_eq!(root.get("e").and_then(Node::as_str), Some("😀"));
        assert_eq!(root.get("lone").and_then(Node::as_str), Some("\u{FFFD}x"));
    }

    #[test]
    fn numbers_as_written() {
        let root = ok("[0, -1, 2.5, 1e3, 6E-2]");
        let raw: Vec<String> = root
            .as_array()
            .unwrap()
            .iter()
            .map(|n| match &n.value {
                Value::Number(s) => s.clone(),
                _ => panic!(),
            })
            .collect();
        assert_eq!(raw, ["0", "-1", "2.5", "1e3", "6E-2"]);
        assert_eq!(
            errors("[01]"),
            vec![(1, "`01`: a JSON number has no leading zero".into())]
        );
    }

    #[test]
    fn a_missing_comma_is_reported_and_the_rest_is_read() {
        let text = "{\n  \"a\": 1\n  \"b\": 2\n}";
        let doc = parse(text);
        assert_eq!(doc.errors.len(), 1);
        assert_eq!(doc.errors[0].span.start, text.find("\"b\"").unwrap());
        let root = doc.root.unwrap();
        assert_eq!(root.as_object().unwrap().len(), 2);
    }

    #[test]
    fn a_bad_element_is_skipped_to_the_next_one() {
        // A shell placeholder left in a template, between two elements.
        let text = "{\"users\": [\n  $tibAdminUser\n  {\"name\": \"admin\"}\n], \"x\": 1}";
        let doc = parse(text);
        assert_eq!(doc.errors.len(), 1, "{:?}", doc.errors);
        assert_eq!(doc.errors[0].span.start, text.find('$').unwrap());
        assert!(
            doc.errors[0].message.contains("expected a value"),
            "{:?}",
            doc.errors
        );
        let root = doc.root.unwrap();
        // The placeholder is skipped: the element after it is read, and the rest too.
        let users = root.get("users").and_then(Node::as_array).unwrap();
        assert_eq!(users.len(), 1);
        assert_eq!(users[0].get("name").and_then(Node::as_str), Some("admin"));
        assert!(root.get("x").is_some());
    }

    #[test]
    fn trailing_commas_unclosed_brackets_and_strings_are_errors() {
        assert_eq!(
            errors("[1,]"),
            vec![(3, "a `,` before `]`: JSON has no trailing comma".into())]
        );
        assert_eq!(
            errors("{\"a\": 1,}"),
            vec![(8, "a `,` before `}`: JSON has no trailing comma".into())]
        );
        assert_eq!(
            errors("[1, 2"),
            vec![(0, "this `[` is never closed with `]`".into())]
        );
        assert_eq!(
            errors("{\"a\": \"b\n}")[0],
            (
                6,
                "the string is not closed before the end of the line".into()
            )
        );
        assert_eq!(errors(""), vec![(0, "the file holds no JSON value".into())]);
        assert_eq!(
            errors("{} x"),
            vec![(3, "text after the end of the JSON value: `x`".into())]
        );
        assert_eq!(
            errors("{'a': 1}")[0],
            (1, "keys must be in double quotes".into())
        );
        assert_eq!(
            errors("{\"a\" 1}")[0],
            (5, "expected `:` after the key \"a\"".into())
        );
        assert_eq!(
            errors("[\"\\x\"]")[0],
            (
                2,
                "`\\x` is not a JSON escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)".into()
            )
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let doc = parse(&text);
        assert_eq!(doc.errors.len(), 1);
        assert!(doc.errors[0].message.contains("nested"));
        let unclosed = "[{".repeat(50_000);
        let doc = parse(&unclosed);
        assert!(!doc.errors.is_empty());
    }

    #[test]
    fn never_panics_on_any_prefix_or_byte_soup() {
        let text = r#"{"tibemsd": {"server": "A\u00e9", "primary_listens": [{"url": "tcp://7222", "ft_active": true}]}, "users": [{"name": "é", "password": null}], "n": -1.5e+3}"#;
        for end in 0..=text.len() {
            if text.is_char_boundary(end) {
                let _ = parse(&text[..end]);
            }
        }
        // Random text from JSON's own characters: every parse ends, without a panic.
        let alphabet: Vec<char> = "{}[]:,\"\\ \nu0123456789abcdeftrlsn-+.eE$é"
            .chars()
            .collect();
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..2_000 {
            let mut text = String::new();
            for _ in 0..(seed % 64) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let doc = parse(&text);
            for e in &doc.errors {
                assert!(
                    e.span.start <= e.span.end && e.span.end <= text.len(),
                    "{text:?}"
                );
                assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
            }
        }
        for soup in [
            "{[}]",
            "]]]",
            "{{{{",
            "\"\\u12",
            "[\"\\ud800\\u",
            "{\"a\":}",
            "[,,]",
            "-",
            "tru",
            "{\"a\"",
            "\u{0}",
        ] {
            let _ = parse(soup);
        }
    }
}
