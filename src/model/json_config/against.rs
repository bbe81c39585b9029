//! `--against`: the tibemsd.json a .conf pair is checked against, read as the servers it
//! describes.

use std::path::Path;
use std::sync::Arc;

use crate::finding::Side;
use crate::model::files::{JsonSource, ServerFiles};
use crate::model::json_config::{JsonConfig, Role};
use crate::model::problem::{Problem, ProblemKind};
use crate::settings::Settings;
use crate::source::{Reader, SourceFile};

/// A tibemsd.json read for `--against`: the JSON's server of each role that the .conf pair
/// has, and what is wrong with the file itself (reported with the primary).
#[derive(Debug)]
pub struct AgainstFiles {
    /// The path as the user gave it.
    pub display: String,
    pub json: Option<JsonSource>,
    pub problems: Vec<Problem>,
    /// The .conf primary's counterpart, then the backup's when the .conf pair has one.
    pub servers: Vec<(Role, ServerFiles)>,
}

impl AgainstFiles {
    /// Reads `json` and the servers of `sides` (the sides the .conf pair has), with `reader`
    /// (which must allow the JSON file's directory).
    pub fn read(json: &Path, sides: &[Side], settings: &Settings, reader: &Reader) -> AgainstFiles {
        let display = json.to_string_lossy().into_owned();
        match JsonConfig::read(json, display.clone(), settings, reader) {
            Ok(config) => AgainstFiles {
                problems: config.problems(Side::Primary),
                json: Some(config.source()),
                // A JSON of one server has no secondary to hold the .conf backup to:
                // json-ft-listens says so, once, rather than every entry differing.
                servers: sides
                    .iter()
                    .filter(|&&side| side == Side::Primary || config.describes_pair())
                    .map(|&side| {
                        (
                            Role::of(side),
                            config.server(Role::of(side), side, settings, reader),
                        )
                    })
                    .collect(),
                display,
            },
            Err(e) => {
                let absent = Arc::new(SourceFile::absent(display.clone(), json.to_path_buf()));
                let problem = Problem::new(
                    ProblemKind::of_read_error(&e),
                    Side::Primary,
                    &absent,
                    None,
                    format!("{display} {e}"),
                )
                .help("--against names the tibemsd.json to check against the .conf pair");
                AgainstFiles {
                    display,
                    json: None,
                    problems: vec![problem],
                    servers: Vec::new(),
                }
            }
        }
    }

    /// How a message names the JSON's server of `role`: `cfg/tibemsd.json (secondary)`.
    pub fn label(&self, role: Role) -> String {
        format!("{} ({})", self.display, role.as_str())
    }
}
