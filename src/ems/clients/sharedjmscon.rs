//! BusinessWorks 5 JMS Connection resources (`*.sharedjmscon`): XML of the form
//! `<BWSharedResource><name>JMS Connection</name><resourceType>ae.shared.JMSConnectionKey
//! </resourceType><config><NamingEnvironment><UseJNDI>true</UseJNDI><ProviderURL>…
//! </ProviderURL><NamingURL>tibjmsnaming://…</NamingURL>…<QueueFactoryName>…
//! </QueueFactoryName></NamingEnvironment><ConnectionAttributes><username>…</username>
//! <password>…</password><clientID/><autoGenClientID>false</autoGenClientID>
//! </ConnectionAttributes>…</config></BWSharedResource>` (docs/clients.md §5). Every element
//! that holds only text is one property named by its local name, in file order; an element
//! with children is a container and holds none. Read with quick-xml; a file that is not
//! well-formed XML is one syntax error where the parser stopped, and the properties before it
//! are kept.

use std::borrow::Cow;
use std::ops::Range;

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::ems::clients::xml::{not_well_formed, position, reference};
use crate::ems::clients::{Prop, PropFile};

/// One element whose end tag has not been read yet.
struct Open {
    name: String,
    /// The start tag.
    tag: Range<usize>,
    text: String,
    text_span: Option<Range<usize>>,
    has_child: bool,
}

impl Open {
    fn push_text(&mut self, text: &str, span: Range<usize>) {
        self.text.push_str(text);
        let start = self.text_span.as_ref().map_or(span.start, |s| s.start);
        self.text_span = Some(start..span.end);
    }
}

/// Parses a `.sharedjmscon` file.
pub fn parse(text: &str) -> PropFile<'_> {
    let mut out = PropFile::default();
    let mut reader = Reader::from_str(text);
    let mut open: Vec<Open> = Vec::new();
    loop {
        let before = position(&reader, text);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                out.errors.push(not_well_formed(&reader, text, &error));
                break;
            }
        };
        let after = position(&reader, text);
        match event {
            Event::Start(start) => {
                if let Some(parent) = open.last_mut() {
                    parent.has_child = true;
                }
                open.push(Open {
                    name: String::from_utf8_lossy(start.local_name().as_ref()).into_owned(),
                    tag: before..after,
                    text: String::new(),
                    text_span: None,
                    has_child: false,
                });
            }
            Event::Empty(empty) => {
                if let Some(parent) = open.last_mut() {
                    parent.has_child = true;
                }
                out.props.push(Prop {
                    key: Cow::Owned(
                        String::from_utf8_lossy(empty.local_name().as_ref()).into_owned(),
                    ),
                    value: Cow::Borrowed(""),
                    key_span: before..after,
                    value_span: after..after,
                    span: before..after,
                });
            }
            Event::Text(t) => {
                if let Some(element) = open.last_mut() {
                    element.push_text(&t.xml10_content().unwrap_or_default(), before..after);
                }
            }
            Event::CData(t) => {
                if let Some(element) = open.last_mut() {
                    element.push_text(&t.decode().unwrap_or_default(), before..after);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(element) = open.last_mut() {
                    element.push_text(&reference(&r), before..after);
                }
            }
            Event::End(_) => {
                let Some(element) = open.pop() else { continue };
                if element.has_child {
                    continue;
                }
                let value_span = element
                    .text_span
                    .unwrap_or(element.tag.end..element.tag.end);
                out.props.push(Prop {
                    key: Cow::Owned(element.name),
                    value: Cow::Owned(element.text),
                    key_span: element.tag.clone(),
                    value_span,
                    span: element.tag.start..after,
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}
