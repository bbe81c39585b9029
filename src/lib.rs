//! emsftlint: proves that the two servers of a TIBCO EMS fault-tolerant pair agree.
//!
//! Data flows one way: read (`source`) → parse (`ems`) → model → compare → rules → post →
//! render; `pipeline` runs one pair through it, `discover` a tree of pairs, `fix` plans `--fix-from`,
//! `app` the commands.

pub mod app;
pub mod cli;
pub mod compare;
pub mod discover;
pub mod docs;
pub mod ems;
pub mod finding;
pub mod fix;
pub mod model;
pub(crate) mod parallel;
pub mod pipeline;
pub(crate) mod post;
pub mod render;
pub mod rules;
pub mod settings;
pub mod source;
mod time;

pub use finding::{Finding, PairLabel, Severity, Side, Summary};
pub use pipeline::{lint, lint_against, Inputs, PairSummary, Report};
