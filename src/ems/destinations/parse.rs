//! Parsing: a destination per line, its name checked and its properties split and checked.

use super::*;

/// Parses the whole text of a `queues.conf` (`DestKind::Queue`) or `topics.conf`.
pub fn parse(text: &str, kind: DestKind) -> DestinationsFile<'_> {
    let mut file = DestinationsFile {
        destinations: Vec::with_capacity(capacity(text)),
        ..DestinationsFile::default()
    };
    for line in entry_lines(text) {
        let Some((line, trimmed)) = or_record(line, &mut file.errors) else {
            continue;
        };
        match destination(&line, trimmed, kind) {
            Ok(dest) => file.destinations.push(dest),
            Err(error) => file.errors.push(error),
        }
    }
    file.destinations.shrink_to_fit();
    file
}

pub(super) fn jndi_brackets(input: &str) -> IResult<&str, &str> {
    delimited(char('['), take_till(|c| c == ']'), char(']')).parse(input)
}

pub(super) fn name_and_rest(input: &str) -> IResult<&str, &str> {
    take_while1(|c: char| !c.is_whitespace()).parse(input)
}

pub(super) fn destination<'a>(
    line: &Line<'a>,
    trimmed: &'a str,
    kind: DestKind,
) -> Result<Destination<'a>, SyntaxError> {
    let line_span = line.span_of(trimmed);
    let error = |span: Range<usize>, message: String| SyntaxError { span, message };
    let mut jndi = Vec::new();
    let mut rest = trimmed;
    if trimmed.starts_with('[') {
        let Ok((after, inside)) = jndi_brackets(trimmed) else {
            return Err(error(
                line_span,
                "`[` of the JNDI names is not closed by `]`".to_string(),
            ));
        };
        if !inside.trim().is_empty() {
            for name in inside.split(',') {
                let name = name.trim();
                if name.is_empty() {
                    return Err(error(line.span_of(inside), "empty JNDI name".to_string()));
                }
                jndi.push(name);
            }
        }
        rest = after.trim_start();
    }
    let Ok((props_text, name)) = name_and_rest(rest) else {
        return Err(error(
            line_span,
            format!("no {} name after the JNDI names", kind.noun()),
        ));
    };
    let name_span = line.span_of(name);
    check_name(name).map_err(|message| error(name_span.clone(), message))?;
    let props_text = props_text.trim();
    check_properties(line, props_text, kind)?;
    Ok(Destination {
        name,
        name_span,
        jndi,
        props: Line {
            text: props_text,
            start: line.span_of(props_text).start,
        },
        line_span,
    })
}

/// Elements are separated by `.` and none may be empty.
pub(super) fn check_name(name: &str) -> Result<(), String> {
    let chars = name.chars().count();
    if chars > MAX_NAME_LEN {
        return Err(format!(
            "destination name is {chars} characters long; EMS allows at most {MAX_NAME_LEN}"
        ));
    }
    if name.split('.').any(str::is_empty) {
        return Err(format!(
            "destination name `{name}` has an empty element (leading, trailing or doubled `.`)"
        ));
    }
    Ok(())
}

/// The properties of a line, split on commas outside double quotes and trimmed; an item is
/// `Err` where a double quote is not closed (and the last).
pub(super) fn parts(text: &str) -> impl Iterator<Item = Result<&str, ()>> {
    let mut rest = (!text.is_empty()).then_some(text);
    std::iter::from_fn(move || {
        let input = rest.take()?;
        let Ok((after, part)) = one_prop(input) else {
            return Some(Err(()));
        };
        match after.strip_prefix(',') {
            Some(next) => rest = Some(next),
            None if after.is_empty() => {}
            None => return Some(Err(())),
        }
        Some(Ok(part.trim()))
    })
}

/// A property's name and value, and whether the value is double-quoted (the quotes are not
/// part of it).
pub(super) fn split_property(part: &str) -> (&str, Option<&str>, bool) {
    match part.split_once('=') {
        Some((name, value)) => {
            let value = value.trim();
            match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                Some(inner) => (name.trim_end(), Some(inner), true),
                None => (name.trim_end(), Some(value), false),
            }
        }
        None => (part, None, false),
    }
}

/// Text up to the next comma outside double quotes.
pub(super) fn one_prop(input: &str) -> IResult<&str, &str> {
    recognize(many0(alt((
        take_while1(|c| c != ',' && c != '"'),
        recognize(delimited(char('"'), take_while(|c| c != '"'), char('"'))),
    ))))
    .parse(input)
}

/// Checks every property of a line: the first fault is the line's syntax error.
pub(super) fn check_properties(
    line: &Line<'_>,
    text: &str,
    kind: DestKind,
) -> Result<(), SyntaxError> {
    let error = |span: Range<usize>, message: String| SyntaxError { span, message };
    if parts(text).any(|part| part.is_err()) {
        return Err(error(
            line.span_of(text),
            "unterminated double quote in the properties".to_string(),
        ));
    }
    // The property before, for the hint on an unquoted list.
    let mut previous: Option<&PropSpec> = None;
    for part in parts(text).flatten() {
        if part.is_empty() {
            return Err(error(
                line.span_of(text),
                "empty property (two commas in a row, or a comma at the end)".to_string(),
            ));
        }
        let span = line.span_of(part);
        let (name, value, quoted) = split_property(part);
        if name.is_empty() {
            return Err(error(span, "property has no name before `=`".to_string()));
        }
        let blank_value = !quoted && value.is_some_and(|v| v.contains(char::is_whitespace));
        if name.contains(char::is_whitespace) || blank_value {
            return Err(error(
                span,
                format!("missing comma in `{part}`: properties are separated by commas"),
            ));
        }
        let Some(spec) = spec(name) else {
            let mut message = format!("unknown {} property `{name}`", kind.noun());
            let after_list = previous.is_some_and(|s| s.ty == PropType::List);
            if value.is_none() && after_list {
                message.push_str(
                    "; several transports are written as a quoted list: import=\"RV01,RV02\"",
                );
            } else if name.starts_with('*') {
                message.push_str("; `*` marks an inherited property in `show queue` output");
            }
            return Err(error(span, message));
        };
        let applies = match kind {
            DestKind::Queue => spec.queue,
            DestKind::Topic => spec.topic,
        };
        if !applies {
            return Err(error(
                span,
                format!("`{}` is not a {} property", spec.name, kind.noun()),
            ));
        }
        if spec.ty == PropType::Prefetch
            && kind == DestKind::Topic
            && value.is_some_and(|v| v.eq_ignore_ascii_case("none"))
        {
            return Err(error(
                span,
                "`prefetch=none` is for queues only".to_string(),
            ));
        }
        if let Err(message) = check(spec.ty, value).and_then(|v| check_limits(spec, v)) {
            return Err(error(span, format!("`{}`: {message}", spec.name)));
        }
        previous = Some(spec);
    }
    Ok(())
}
