//! Designer global variables (`defaultVars/defaultVars.substvar`, and
//! `defaultVars/<group>/defaultVars.substvar` for a group): XML of the form
//! `<repository xmlns="http://www.tibco.com/xmlns/repo/types/2002"><globalVariables>
//! <globalVariable><name>JmsProviderUrl</name><value>tcp://localhost:7222</value>
//! <deploymentSettable>true</deploymentSettable><serviceSettable>false</serviceSettable>
//! <type>String</type>…</globalVariable>…` (BusinessWorks 5 projects; TIBCO: "When you want to
//! use the global variable in the fields of a resource, enter the variable name surrounded by
//! %% on both sides", BW 5.14 Process Design Guide, Global Variables). Read with quick-xml; a
//! file that is not well-formed XML is one syntax error where the parser stopped, and the
//! variables before it are kept.

use std::borrow::Cow;
use std::ops::Range;

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::ems::clients::xml::{not_well_formed, position, reference};
use crate::ems::clients::{Prop, PropFile};
use crate::ems::lines::SyntaxError;

/// The variables of one file, and the values of those typed `Password` (never shown).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Substvar<'a> {
    pub vars: PropFile<'a>,
    pub password_spans: Vec<Range<usize>>,
}

/// One `<globalVariable>` being read.
#[derive(Default)]
struct Pending {
    start: usize,
    name: Option<(String, Range<usize>)>,
    value: Option<(String, Range<usize>)>,
    password: bool,
}

/// The child of `<globalVariable>` whose text is being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Value,
    Type,
    Other,
}

/// Parses a `.substvar` file.
pub fn parse(text: &str) -> Substvar<'_> {
    let mut out = Substvar::default();
    let mut reader = Reader::from_str(text);
    let mut depth_in_var = 0usize;
    let mut pending: Option<Pending> = None;
    let mut field: Option<(Field, String, Range<usize>)> = None;
    loop {
        let before = position(&reader, text);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                out.vars.errors.push(not_well_formed(&reader, text, &error));
                break;
            }
        };
        let after = position(&reader, text);
        match event {
            Event::Start(start) => {
                let name = start.local_name();
                if pending.is_none() {
                    if name.as_ref() == b"globalVariable" {
                        pending = Some(Pending {
                            start: before,
                            ..Pending::default()
                        });
                        depth_in_var = 0;
                    }
                    continue;
                }
                depth_in_var += 1;
                if depth_in_var == 1 {
                    let which = match name.as_ref() {
                        b"name" => Field::Name,
                        b"value" => Field::Value,
                        b"type" => Field::Type,
                        _ => Field::Other,
                    };
                    field = Some((which, String::new(), after..after));
                }
            }
            Event::Empty(empty) => {
                if let Some(var) = pending.as_mut().filter(|_| depth_in_var == 0) {
                    match empty.local_name().as_ref() {
                        b"value" => var.value = Some((String::new(), after..after)),
                        b"name" => var.name = Some((String::new(), after..after)),
                        _ => {}
                    }
                }
            }
            Event::Text(t) => append(
                &mut field,
                &t.xml10_content().unwrap_or_default(),
                before,
                after,
            ),
            Event::CData(t) => append(&mut field, &t.decode().unwrap_or_default(), before, after),
            Event::GeneralRef(r) => append(&mut field, &reference(&r), before, after),
            Event::End(_) => {
                let Some(var) = pending.as_mut() else {
                    continue;
                };
                if depth_in_var == 0 {
                    if let Some(var) = pending.take() {
                        finish(var, before..after, &mut out);
                    }
                    continue;
                }
                if depth_in_var == 1 {
                    if let Some((which, content, span)) = field.take() {
                        match which {
                            Field::Name => var.name = Some((content, span)),
                            Field::Value => var.value = Some((content, span)),
                            Field::Type => var.password = content.trim() == "Password",
                            Field::Other => {}
                        }
                    }
                }
                depth_in_var -= 1;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Adds text to the field being read, widening its span.
fn append(field: &mut Option<(Field, String, Range<usize>)>, text: &str, from: usize, to: usize) {
    if let Some((_, content, span)) = field.as_mut() {
        if content.is_empty() && span.start == span.end {
            span.start = from;
        }
        content.push_str(text);
        span.end = to;
    }
}

fn finish(var: Pending, end: Range<usize>, out: &mut Substvar<'_>) {
    let span = var.start..end.end;
    let Some((name, key_span)) = var.name else {
        out.vars.errors.push(SyntaxError {
            span,
            message: "a <globalVariable> without a <name>: Designer ignores it".into(),
        });
        return;
    };
    let (value, value_span) = var
        .value
        .unwrap_or_else(|| (String::new(), key_span.end..key_span.end));
    if var.password && value_span.start < value_span.end {
        out.password_spans.push(value_span.clone());
    }
    out.vars.props.push(Prop {
        key: Cow::Owned(name),
        value: Cow::Owned(value),
        key_span,
        value_span,
        span,
    });
}
