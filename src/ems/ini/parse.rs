//! Parsing: lines into sections and properties, with syntax errors and warnings

use super::*;
use crate::ems::tokens::{after_header, AfterHeader};

/// Where the next `key = value` line goes.
pub(super) enum State {
    /// Before the first header: a key here is an error.
    Top,
    /// Under `sections[i]`.
    In(usize),
    /// Under a header that could not be read: keys are dropped silently.
    Skip,
}

/// Parses an INI-style file of the given kind.
pub fn parse(text: &str, kind: IniKind) -> IniFile<'_> {
    let mut file = IniFile::default();
    let mut state = State::Top;
    let mut seen: HashSet<&str> = HashSet::new();
    for line in content_lines(text) {
        let Some((line, trimmed)) = or_record(line, &mut file.errors) else {
            continue;
        };
        if trimmed.starts_with('[') {
            if let State::In(i) = state {
                close_section(&mut file, i, kind);
            }
            state = match header(&line, trimmed, &mut file) {
                Some(section) => {
                    if !seen.insert(section.name) {
                        file.warnings.push(SyntaxError {
                            span: section.header_span.clone(),
                            message: format!(
                                "{} `[{}]` is defined again; EMS's handling of a repeated section is undocumented",
                                kind.section_noun(),
                                section.name
                            ),
                        });
                    }
                    file.sections.push(section);
                    State::In(file.sections.len() - 1)
                }
                None => State::Skip,
            };
            continue;
        }
        let prop = match property(&line, trimmed, kind) {
            Ok(prop) => prop,
            Err(message) => {
                file.errors.push(SyntaxError {
                    span: line.span_of(trimmed),
                    message,
                });
                continue;
            }
        };
        let section = match state {
            State::In(i) => match file.sections.get_mut(i) {
                Some(section) => section,
                None => continue,
            },
            State::Skip => continue,
            State::Top => {
                file.errors.push(SyntaxError {
                    span: prop.line_span.clone(),
                    message: format!(
                        "`{}` comes before any `[name]` header: every parameter of {} belongs to a {}",
                        prop.key,
                        kind.file_name(),
                        kind.section_noun()
                    ),
                });
                continue;
            }
        };
        check_property(&prop, section, kind, &mut file.errors, &mut file.warnings);
        if !is_known_key(kind, prop.key) {
            file.unknown_keys.push(prop.key_span.clone());
        }
        section.span.end = prop.line_span.end;
        section.props.push(prop);
    }
    if let State::In(i) = state {
        close_section(&mut file, i, kind);
    }
    file
}

/// Checks that need the whole section.
pub(super) fn close_section(file: &mut IniFile<'_>, index: usize, kind: IniKind) {
    let Some(section) = file.sections.get(index) else {
        return;
    };
    if kind == IniKind::Transports && section.props.is_empty() {
        file.errors.push(SyntaxError {
            span: section.header_span.clone(),
            message: format!(
                "transport `[{}]` has no `type`: the transport type is mandatory and must follow the name line",
                section.name
            ),
        });
    }
}

/// Per-line checks that depend on the kind and on what came before in the section.
pub(super) fn check_property(
    prop: &IniProp<'_>,
    section: &Section<'_>,
    kind: IniKind,
    errors: &mut Vec<SyntaxError>,
    warnings: &mut Vec<SyntaxError>,
) {
    let spec = spec_for(kind, &prop.key.to_ascii_lowercase());
    // transports.conf: "The first mandatory parameter is a transport type, it must
    // immediately follow the name line" (S86/transports.conf).
    if kind == IniKind::Transports && section.props.is_empty() {
        if !prop.key.eq_ignore_ascii_case("type") {
            errors.push(SyntaxError {
                span: prop.key_span.clone(),
                message: format!(
                    "the first parameter of transport `[{}]` is `{}`; `type` must come first, right after the name line",
                    section.name, prop.key
                ),
            });
        } else if prop.is_empty() {
            errors.push(SyntaxError {
                span: prop.line_span.clone(),
                message: format!("transport `[{}]` has an empty `type`", section.name),
            });
        }
    }
    if spec.ty == ValueKind::TopicSelector && !prop.is_empty() {
        if let Err(message) = parse_topic_selector(prop.value) {
            errors.push(SyntaxError {
                span: prop.value_span.clone(),
                message: format!("`{}`: {message}", prop.key),
            });
        }
        return;
    }
    // A value in quotes ends before the line does; only unquoted values are checked.
    let quoted = prop.value_span.end != prop.line_span.end;
    if let Some(at) = inline_comment(prop.value).filter(|_| !quoted) {
        let start = prop.value_span.start + at;
        warnings.push(SyntaxError {
            span: start..prop.value_span.end,
            message: format!(
                "`{}`: EMS documents no inline comments, so this ` # …` is part of the value",
                prop.key
            ),
        });
    }
}

/// The byte offset of a `#` preceded by white space, outside double quotes.
pub(super) fn inline_comment(value: &str) -> Option<usize> {
    let mut quoted = false;
    let mut prev_blank = false;
    for (i, c) in value.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if prev_blank && !quoted => return Some(i),
            _ => {}
        }
        prev_blank = c.is_whitespace();
    }
    None
}

/// `[name]`; returns the new section, or None (after recording an error) if unreadable.
pub(super) fn header<'a>(
    line: &Line<'a>,
    trimmed: &'a str,
    file: &mut IniFile<'a>,
) -> Option<Section<'a>> {
    let parsed: IResult<&str, &str> =
        delimited(char('['), take_until("]"), char(']')).parse(trimmed);
    let (rest, inner) = match parsed {
        Ok(ok) => ok,
        Err(_) => {
            file.errors.push(SyntaxError {
                span: line.span_of(trimmed),
                message: "a section header has no closing `]`; the lines under it are ignored"
                    .into(),
            });
            return None;
        }
    };
    let name = inner.trim();
    let header_text = match trimmed.get(..trimmed.len() - rest.len()) {
        Some(h) => h,
        None => trimmed,
    };
    if name.is_empty() {
        file.errors.push(SyntaxError {
            span: line.span_of(header_text),
            message: "a section header has an empty name `[]`; the lines under it are ignored"
                .into(),
        });
        return None;
    }
    match after_header(line, rest, &format!("the section header `[{name}]`")) {
        Some(AfterHeader::Comment(warning)) => file.warnings.push(warning),
        Some(AfterHeader::Unexpected(error)) => file.errors.push(error),
        None => {}
    }
    let header_span = line.span_of(header_text);
    Some(Section {
        name,
        name_span: line.span_of(name),
        header_span: header_span.clone(),
        props: Vec::new(),
        span: header_span,
    })
}

/// `key = value` (spaces optional).
pub(super) fn key_eq(input: &str) -> IResult<&str, &str> {
    terminated(
        take_while1(|c: char| !c.is_whitespace() && c != '='),
        (space0, char('=')),
    )
    .parse(input)
}

pub(super) fn property<'a>(
    line: &Line<'a>,
    trimmed: &'a str,
    kind: IniKind,
) -> Result<IniProp<'a>, String> {
    let (raw, key) = match key_eq(trimmed) {
        Ok(ok) => ok,
        Err(_) => return Err(describe_bad_line(trimmed)),
    };
    let raw = raw.trim();
    let selector_key = spec_for(kind, &key.to_ascii_lowercase()).ty == ValueKind::TopicSelector;
    let value = match raw.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) if raw.len() >= 2 && !selector_key => inner,
        _ => raw,
    };
    Ok(IniProp {
        key,
        key_span: line.span_of(key),
        value,
        value_span: line.span_of(value),
        line_span: line.span_of(trimmed),
    })
}

pub(super) fn describe_bad_line(line: &str) -> String {
    match line.split_once('=') {
        Some((key, _)) if key.trim().is_empty() => "a parameter line has no name before `=`".into(),
        // The text is not quoted: it may hold a password written without its `=`.
        Some(_) => "the text before `=` is not a parameter name: names have no spaces".into(),
        None => "expected `[name]` or `name = value`; this line has no `=`".into(),
    }
}
