//! One module per EMS file format: nom parsers that keep exact spans and go on after a bad line.

pub mod acl;
pub mod bridges;
pub mod clients;
#[cfg(test)]
pub mod corpus;
pub mod destinations;
pub mod durables;
pub mod ftl_yaml;
pub mod groups;
pub mod host;
pub mod ini;
pub mod json;
pub mod lines;
pub mod mounts;
pub mod names;
pub mod params;
pub mod secret;
pub mod selector;
pub mod startup_abort;
pub mod suggest;
pub mod tibemsd;
pub mod tibrvcm;
pub mod tls;
pub mod tokens;
pub mod url;
pub mod users;
pub mod values;
