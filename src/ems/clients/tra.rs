//! TIBCO `.tra` property files, as TIBCO's runtime reads them: "Each line in a properties
//! file is a single property. Each property consists of a key and a value. The key starts with
//! the first non-whitespace character and ends with the first occurrence of these characters:
//! (space) : =. The value starts at the first character after any of the three characters"
//! (ActiveMatrix Adapter for Database, "Adapter Properties File",
//! https://docs.tibco.com/pub/adadbbs/1.3.0/doc/html/GUID-52A73982-9902-4F20-B2F7-4FE83D87E212.html).
//! The same page: `#` comments only (`!` is not one), "The line continuation character is
//! ignored, and you cannot define a property with multi-line values", and no `\` escapes in a
//! key. TIBCO's own support article writes `tibco.clientVar.JmsProviderUrl = tcp://…`, spaces
//! around `=` (KB0088164), so white space around one `=` or `:` separator is dropped, as Java's
//! `Properties` does: the reading chosen where the documents disagree.
//!
//! `%NAME%` in a value is replaced by the value of `tibco.env.NAME` defined on an earlier line,
//! and left as written when there is none (TIBCO's `TraProperties.resolveSubsitution`, which
//! expands `%\w+%` as each line is stored: see docs/clients.md).

use std::borrow::Cow;
use std::collections::HashMap;

use nom::bytes::complete::{take_till1, take_while};
use nom::character::complete::one_of;
use nom::combinator::opt;
use nom::{IResult, Parser};

use crate::ems::clients::{Prop, PropFile};
use crate::ems::lines::{self, SyntaxError};

/// The prefix of the variables `%NAME%` expands from.
pub const ENV_PREFIX: &str = "tibco.env.";

/// Parses a `.tra` file; `%NAME%` references are expanded from earlier `tibco.env.*` lines.
pub fn parse(text: &str) -> PropFile<'_> {
    let mut file = PropFile::default();
    let mut env: HashMap<String, String> = HashMap::new();
    for line in lines::lines(text) {
        if let Some(error) = line.too_long() {
            file.errors.push(error);
            continue;
        }
        let body = if line.start == 0 {
            line.text.strip_prefix('\u{feff}').unwrap_or(line.text)
        } else {
            line.text
        };
        let trimmed = body.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Ok((value, key)) = split(trimmed) else {
            file.errors.push(SyntaxError {
                span: line.span(),
                message: format!(
                    "a property line that starts with `{}` has no key",
                    trimmed.chars().next().unwrap_or(' ')
                ),
            });
            continue;
        };
        let value = value.trim_end();
        let key_span = line.span_of(key);
        let value_span = if value.is_empty() {
            key_span.end..key_span.end
        } else {
            line.span_of(value)
        };
        let expanded = expand(value, &env);
        if let Some(name) = key.strip_prefix(ENV_PREFIX) {
            env.insert(name.to_string(), expanded.clone().into_owned());
        }
        file.props.push(Prop {
            key: Cow::Borrowed(key),
            value: expanded,
            key_span,
            value_span,
            span: line.span(),
        });
    }
    file
}

/// The key, and what follows its separator with the white space around one `=` or `:` dropped.
fn split(line: &str) -> IResult<&str, &str> {
    let (rest, key) = take_till1(is_terminator).parse(line)?;
    let (rest, _) = take_while(is_blank).parse(rest)?;
    let (rest, _) = opt(one_of("=:")).parse(rest)?;
    let (rest, _) = take_while(is_blank).parse(rest)?;
    Ok((rest, key))
}

fn is_terminator(c: char) -> bool {
    is_blank(c) || c == '=' || c == ':'
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\x0c'
}

/// `value` with each `%NAME%` whose `tibco.env.NAME` is known replaced; `NAME` is a run of
/// word characters, as TIBCO's `%\w+%`.
pub fn expand<'v>(value: &'v str, env: &HashMap<String, String>) -> Cow<'v, str> {
    if !value.contains('%') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(open) = rest.find('%') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..name_len];
        match (name.is_empty(), after[name_len..].starts_with('%')) {
            (false, true) => {
                match env.get(name) {
                    Some(v) => out.push_str(v),
                    None => {
                        out.push('%');
                        out.push_str(name);
                        out.push('%');
                    }
                }
                rest = &after[name_len + 1..];
            }
            _ => {
                out.push('%');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}
