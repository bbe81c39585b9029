//! The recursive-descent parser: its cursor over the text, values, numbers, objects and arrays.

use super::*;

pub(super) struct DocumentParser<'t> {
    pub(super) text: &'t str,
    pub(super) pos: usize,
    pub(super) errors: Vec<SyntaxError>,
}

/// Where a skip stopped.
pub(super) enum Stop {
    Comma,
    Close(char),
    End,
}

impl<'t> DocumentParser<'t> {
    pub(super) fn finish(self, root: Option<Node>) -> Document {
        Document {
            root,
            errors: self.errors,
        }
    }

    pub(super) fn rest(&self) -> &'t str {
        self.text.get(self.pos..).unwrap_or("")
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    pub(super) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// The end of the character at `at`, for one-character error spans.
    pub(super) fn char_end(&self, at: usize) -> usize {
        self.text
            .get(at..)
            .and_then(|s| s.chars().next())
            .map_or(at, |c| at + c.len_utf8())
    }

    pub(super) fn error(&mut self, span: Range<usize>, message: String) {
        self.errors.push(SyntaxError { span, message });
    }

    /// Advances past what a nom parser consumed.
    pub(super) fn advance_to(&mut self, rest: &str) {
        self.pos = self.text.len() - rest.len();
    }

    pub(super) fn skip_ws(&mut self) {
        let rest = self.rest();
        let trimmed = rest.trim_start_matches([' ', '\t', '\n', '\r']);
        self.advance_to(trimmed);
    }

    /// One value at `depth`; `None` (after reporting why) when none starts here.
    pub(super) fn value(&mut self, depth: usize) -> Option<Node> {
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

    pub(super) fn number(&mut self) -> Option<Node> {
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
}

impl<'t> DocumentParser<'t> {
    pub(super) fn object(&mut self, depth: usize) -> Node {
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
    pub(super) fn member(&mut self, depth: usize) -> Option<Member> {
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

    pub(super) fn array(&mut self, depth: usize) -> Node {
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
}

pub(super) fn starts_value(c: char) -> bool {
    matches!(c, '{' | '[' | '"' | '-' | '0'..='9' | 't' | 'f' | 'n')
}

pub(super) fn literal(input: &str) -> IResult<&str, Value> {
    alt((
        value(Value::Bool(true), tag("true")),
        value(Value::Bool(false), tag("false")),
        value(Value::Null, tag("null")),
    ))
    .parse(input)
}

/// `-?digits(.digits)?([eE][+-]?digits)?`
pub(super) fn number_text(input: &str) -> IResult<&str, &str> {
    recognize((
        opt(char('-')),
        digit1,
        opt((char('.'), digit1)),
        opt((one_of("eE"), opt(one_of("+-")), digit1)),
    ))
    .parse(input)
}

/// The start of `text` for a message: up to its line's end, at most 20 characters.
pub(super) fn preview(text: &str) -> String {
    let line = text.split(['\n', '\r']).next().unwrap_or("");
    match line.char_indices().nth(20) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}
