//! Java `.properties` files (`jndi.properties`), as `java.util.Properties.load` reads them: a
//! logical line may continue over physical lines that end in an odd number of `\` (the next
//! line's leading white space dropped); a line whose first non-blank character is `#` or `!` is
//! a comment; the key ends at the first unescaped `=`, `:` or white space, and white space
//! around one `=` or `:` is dropped; `\t`, `\n`, `\r`, `\f`, `\uXXXX` are escapes and a `\`
//! before any other character stands for that character
//! (https://docs.oracle.com/javase/8/docs/api/java/util/Properties.html#load-java.io.Reader-).
//! A malformed `\uXXXX`, which Java refuses, is the one syntax error; the entry is skipped.

use std::borrow::Cow;
use std::ops::Range;

use crate::ems::clients::{Prop, PropFile};
use crate::ems::lines::{self, Line, SyntaxError};

/// Parses a `.properties` file.
pub fn parse(text: &str) -> PropFile<'_> {
    let mut file = PropFile::default();
    let mut physical = lines::lines(text).peekable();
    while let Some(first) = physical.next() {
        if let Some(error) = first.too_long() {
            file.errors.push(error);
            continue;
        }
        let body = if first.start == 0 {
            first.text.strip_prefix('\u{feff}').unwrap_or(first.text)
        } else {
            first.text
        };
        let trimmed = body.trim_start_matches(is_blank);
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('!') {
            continue;
        }
        // The logical line: its pieces, each a slice of one physical line.
        let mut pieces: Vec<(Line<'_>, &str)> = vec![(first, trimmed)];
        while continues(pieces.last().map_or("", |(_, p)| *p)) {
            let Some(next) = physical.next() else { break };
            let piece = next.text.trim_start_matches(is_blank);
            pieces.push((next, piece));
        }
        match entry(&pieces) {
            Ok(prop) => file.props.push(prop),
            Err(error) => file.errors.push(error),
        }
    }
    file
}

/// Whether a piece ends in an odd number of `\`: the logical line goes on.
fn continues(piece: &str) -> bool {
    piece.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\x0c'
}

/// Where each character of the logical line is: the characters in order, each with its offset
/// in the file; the `\` that continues a piece is left out.
fn chars<'a>(pieces: &[(Line<'a>, &'a str)]) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    let last = pieces.len().saturating_sub(1);
    for (i, (line, piece)) in pieces.iter().enumerate() {
        let base = line.span_of(piece).start;
        let mut text: &str = piece;
        if i < last || continues(piece) {
            text = &piece[..piece.len() - 1];
        }
        out.extend(text.char_indices().map(|(at, c)| (base + at, c)));
    }
    out
}

fn entry<'a>(pieces: &[(Line<'a>, &'a str)]) -> Result<Prop<'a>, SyntaxError> {
    let (Some((first, first_piece)), Some((last, last_piece))) = (pieces.first(), pieces.last())
    else {
        return Err(SyntaxError {
            span: 0..0,
            message: "an empty property".into(),
        });
    };
    let start = first.span_of(first_piece).start;
    let end = last.span_of(last_piece).end;
    let span = start..end;
    let all = chars(pieces);
    let end_of = |i: usize| all.get(i).map_or(end, |(at, _)| *at);
    // The key: up to the first unescaped terminator.
    let mut i = 0;
    while let Some(&(_, c)) = all.get(i) {
        if c == '\\' {
            i += 2;
            continue;
        }
        if c == '=' || c == ':' || is_blank(c) {
            break;
        }
        i += 1;
    }
    let i = i.min(all.len());
    let key_chars = &all[..i];
    let key_span = start..end_of(i);
    let mut j = i;
    while all.get(j).is_some_and(|(_, c)| is_blank(*c)) {
        j += 1;
    }
    if all.get(j).is_some_and(|(_, c)| *c == '=' || *c == ':') {
        j += 1;
        while all.get(j).is_some_and(|(_, c)| is_blank(*c)) {
            j += 1;
        }
    }
    let value_chars = &all[j..];
    let value_span = match value_chars.first() {
        Some((at, _)) => *at..end,
        None => key_span.end..key_span.end,
    };
    let key = unescape(key_chars, &span)?;
    let value = unescape(value_chars, &span)?;
    Ok(Prop {
        key: Cow::Owned(key),
        value: Cow::Owned(value),
        key_span,
        value_span,
        span,
    })
}

/// Java's escapes resolved.
fn unescape(chars: &[(usize, char)], span: &Range<usize>) -> Result<String, SyntaxError> {
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while let Some(&(at, c)) = chars.get(i) {
        i += 1;
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(&(_, next)) = chars.get(i) else {
            break;
        };
        i += 1;
        match next {
            't' => out.push('\t'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            'f' => out.push('\x0c'),
            'u' => {
                let hex: String = chars.iter().skip(i).take(4).map(|(_, c)| *c).collect();
                let code = (hex.len() == 4 && hex.chars().all(|c| c.is_ascii_hexdigit()))
                    .then(|| u32::from_str_radix(&hex, 16).ok())
                    .flatten();
                let Some(code) = code else {
                    return Err(SyntaxError {
                        span: at..span.end,
                        message: format!(
                            "malformed \\uXXXX escape `\\u{hex}`: Java refuses the file here"
                        ),
                    });
                };
                // Half of a surrogate pair stands for a character Rust keeps whole: U+FFFD.
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                i += 4;
            }
            other => out.push(other),
        }
    }
    Ok(out)
}
