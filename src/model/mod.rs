//! The model: what each server of a pair is, read from its files and parsed, and the pair
//! the rules look at. It reports what reading and parsing found as typed [`Problem`]s and
//! names no rule; the rules turn problems into findings.

pub mod clients;
pub mod deployment;
pub mod destinations;
pub(crate) mod files;
pub(crate) mod ft_link;
pub(crate) mod json_config;
pub(crate) mod pair;
pub(crate) mod problem;
pub mod read;
pub(crate) mod secrets;
pub mod server;
pub(crate) mod subfiles;
pub mod tls;
pub mod tls_slot;

pub use pair::{Against, Pair};
pub use problem::{Problem, ProblemKind};
