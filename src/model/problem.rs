//! What reading and parsing found wrong with a server's files, before any rule looks at it.
//!
//! The model says what it found and where; the hygiene rules (`syntax`, `missing-file`,
//! `not-utf8`, …) turn each problem of their kind into a finding.

use std::ops::Range;

use crate::finding::Side;
use crate::source::{FileRef, ReadError};

/// What kind of problem, and so which rule reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// A line that cannot be parsed (`syntax`).
    Syntax,
    /// A line EMS reads, but maybe not as meant (`syntax`, at warning level).
    SyntaxWarning,
    /// A file that is named or given and cannot be read (`missing-file`).
    Unreadable,
    /// A file named or given leads outside the directories the run may read, and was not
    /// opened (`path-outside-tree`).
    OutsideTree,
    /// Paths that do not exist here, or lead outside the directories the run may read, were
    /// read beside the main file (`path-fallback`).
    PathFallback,
    /// Bytes that are not UTF-8 (`not-utf8`).
    NotUtf8,
    /// A key an INI-style sub-file does not define (`unknown-parameter`).
    UnknownKey,
    /// A key of tibemsd.json that EMS does not know (`json-unknown-key`).
    JsonUnknownKey,
    /// A value of tibemsd.json of the wrong shape (`invalid-value`).
    JsonInvalidValue,
}

impl ProblemKind {
    /// The kind of problem a file that could not be read is.
    pub fn of_read_error(error: &ReadError) -> ProblemKind {
        match error {
            ReadError::OutsideTree { .. } => ProblemKind::OutsideTree,
            _ => ProblemKind::Unreadable,
        }
    }
}

/// One problem: its kind, where it is, and what to say about it.
#[derive(Debug, Clone)]
pub struct Problem {
    pub kind: ProblemKind,
    pub side: Side,
    pub file: FileRef,
    /// The text it is about; `None` for the file as a whole.
    pub span: Option<Range<usize>>,
    pub message: String,
    pub help: Option<String>,
}

impl Problem {
    pub fn new(
        kind: ProblemKind,
        side: Side,
        file: &FileRef,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            kind,
            side,
            file: file.clone(),
            span,
            message: message.into(),
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }
}
