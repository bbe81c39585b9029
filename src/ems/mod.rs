//! One module per EMS file format: nom parsers that keep exact spans and go on after a bad line.

pub mod acl;
pub mod destinations;
pub mod groups;
pub mod lines;
pub mod params;
pub mod secret;
pub mod tibemsd;
pub mod url;
pub mod users;
