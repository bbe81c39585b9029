//! The client files that name an EMS server: TIBCO `.tra` property files (adapters,
//! BusinessWorks engines), Designer global variables (`defaultVars.substvar`), BusinessWorks
//! JMS Connection resources (`*.sharedjmscon`) and JNDI properties (`jndi.properties`). Each reader gives the file's properties in order with
//! their spans, and a [`SyntaxError`] for each line it could not read; reading goes on after
//! it. The forms, with their sources, are in docs/clients.md.

pub mod properties;
pub mod sharedjmscon;
pub mod substvar;
#[cfg(test)]
mod tests;
pub mod tra;
mod xml;

use std::borrow::Cow;
use std::ops::Range;

use crate::ems::lines::SyntaxError;

/// One property: a key and its value as the tool reads them, with where each is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prop<'a> {
    pub key: Cow<'a, str>,
    pub value: Cow<'a, str>,
    pub key_span: Range<usize>,
    /// Where the value is written; empty at the end of the key when there is none.
    pub value_span: Range<usize>,
    /// The whole entry (every physical line of a continued one).
    pub span: Range<usize>,
}

/// The properties of one client file, in file order, and the lines that could not be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PropFile<'a> {
    pub props: Vec<Prop<'a>>,
    pub errors: Vec<SyntaxError>,
}

impl<'a> PropFile<'a> {
    /// The entry in force for `key`: the last one, as a later line overrides an earlier one.
    pub fn get(&self, key: &str) -> Option<&Prop<'a>> {
        self.props.iter().rev().find(|p| p.key == key)
    }
}
