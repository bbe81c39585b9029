//! Reading what a path on the command line names: a .conf server, or a server of a JSON
//! configuration.

use std::path::Path;

use crate::finding::Side;
use crate::model::files::{read_conf_server, ServerFiles};
use crate::model::json_config;
use crate::settings::Settings;
use crate::source::Reader;

/// Reads the server `input` names for `side`: a directory holding `tibemsd.conf`, or the
/// main file itself. A `.json` file, or a directory holding tibemsd.json and no
/// tibemsd.conf, is a JSON configuration: the server of that side is read from it (the
/// primary from its `primary_listens`, the backup from its `secondary_listens`), with what
/// is wrong with the file itself. `reader` is shared with the other side, so that a file
/// both servers name is read once.
pub fn read_server(side: Side, input: &Path, settings: &Settings, reader: &Reader) -> ServerFiles {
    let given = input.to_string_lossy();
    if let Some((path, display)) = json_config::json_input(input, &given) {
        return json_config::read_side(side, &path, display, settings);
    }
    read_conf_server(side, input, settings, reader)
}
