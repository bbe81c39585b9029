//! The `name [selector="…"]` grammar that routes.conf (`incoming_topic=`, `outgoing_topic=`),
//! bridges.conf and durables.conf share, and the canonical form of a JMS message selector.

use nom::character::complete::{char, space0};
use nom::{IResult, Parser};

use crate::ems::tokens::{preview, quoted_or_word, tag_ci};

/// A route's `incoming_topic=` / `outgoing_topic=` value: `topic [selector="msg-selector"]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicSelector<'a> {
    pub topic: &'a str,
    /// The selector without its quotes.
    pub selector: Option<&'a str>,
}

impl TopicSelector<'_> {
    /// `topic` or `topic selector="…"` with the selector normalised.
    pub fn canonical(&self) -> String {
        match self.selector {
            Some(sel) => format!("{} selector=\"{}\"", self.topic, canonical_selector(sel)),
            None => self.topic.to_string(),
        }
    }
}

/// Reads `orders selector="country='Canada'"`; routes.conf stores one such line per topic
/// (https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-0AF166AA-3FAC-4F99-AD6E-9179401AB36E.html,
/// https://docs.tibco.com/pub/ems/8.6.0/doc/html/GUID-C189C242-09C2-49A7-9BEA-EE3A9D6E269E.html).
pub fn parse_topic_selector(value: &str) -> Result<TopicSelector<'_>, String> {
    parse_name_selector(value, "topic")
}

/// `name [selector="…"]`, with `noun` naming `name` in messages.
pub(crate) fn parse_name_selector<'a>(
    value: &'a str,
    noun: &str,
) -> Result<TopicSelector<'a>, String> {
    let value = value.trim();
    let (rest, topic) = match quoted_or_word(value) {
        Ok((rest, topic)) if !topic.is_empty() => (rest.trim_start(), topic),
        Err(_) if value.starts_with('"') => {
            return Err(format!("the {noun}'s closing `\"` is missing"))
        }
        _ => return Err(format!("no {noun} name")),
    };
    if rest.is_empty() {
        return Ok(TopicSelector {
            topic,
            selector: None,
        });
    }
    let parsed: IResult<&str, &str> = (tag_ci("selector"), space0, char('='), space0)
        .map(|_| "")
        .parse(rest);
    let after = match parsed {
        Ok((after, _)) => after,
        Err(_) => {
            return Err(format!(
                "expected `selector=\"…\"` after the {noun} `{topic}`, found `{}`",
                preview(rest)
            ))
        }
    };
    let after = after.trim_end();
    let selector = match after.strip_prefix('"') {
        Some(inner) => match inner.strip_suffix('"') {
            Some(sel) => sel,
            None => return Err("the selector's closing `\"` is missing".into()),
        },
        None if !after.is_empty() && !after.contains(char::is_whitespace) => after,
        None => return Err("a selector with spaces must be in double quotes".into()),
    };
    if selector.trim().is_empty() {
        return Err("the selector is empty".into());
    }
    Ok(TopicSelector {
        topic,
        selector: Some(selector),
    })
}

/// A JMS message selector with white space normalised outside string literals: none around
/// operators and parentheses, one space between words, keywords in upper case. Literals
/// (`'…'`, with `''` as an escaped quote) are kept byte for byte.
pub fn canonical_selector(selector: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "AND", "OR", "NOT", "IN", "LIKE", "BETWEEN", "IS", "NULL", "ESCAPE", "TRUE", "FALSE",
    ];
    let mut out = String::with_capacity(selector.len());
    let mut chars = selector.trim().chars().peekable();
    let wordish = |c: char| !c.is_whitespace() && !is_operator(c) && c != '\'';
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if is_operator(c) {
            out.push(c);
            continue;
        }
        // Words and literals are separated by one space unless an operator is between
        // them; `)` counts as a word end so that `) AND` and `)AND` read the same.
        if out
            .chars()
            .last()
            .is_some_and(|l| !is_operator(l) || l == ')')
        {
            out.push(' ');
        }
        if c == '\'' {
            out.push(c);
            while let Some(d) = chars.next() {
                out.push(d);
                if d == '\'' {
                    if chars.peek() == Some(&'\'') {
                        chars.next();
                        out.push('\'');
                    } else {
                        break;
                    }
                }
            }
            continue;
        }
        let mut word = String::from(c);
        while let Some(&d) = chars.peek() {
            if !wordish(d) {
                break;
            }
            word.push(d);
            chars.next();
        }
        match KEYWORDS.iter().find(|k| k.eq_ignore_ascii_case(&word)) {
            Some(k) => out.push_str(k),
            None => out.push_str(&word),
        }
    }
    out
}

fn is_operator(c: char) -> bool {
    matches!(
        c,
        '=' | '<' | '>' | '!' | '(' | ')' | ',' | '+' | '-' | '*' | '/'
    )
}
