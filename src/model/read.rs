//! Reading what a path on the command line names: a .conf server, or a server of a JSON
//! configuration; and the reader a run on those paths reads with.

use std::path::Path;

use crate::finding::Side;
use crate::model::files::{read_conf_server, ServerFiles};
use crate::model::json_config;
use crate::settings::Settings;
use crate::source::{Reader, Roots};

/// Reads the server `input` names for `side`: a directory holding `tibemsd.conf`, or the
/// main file itself. A `.json` file, or a directory holding tibemsd.json and no
/// tibemsd.conf, is a JSON configuration: the server of that side is read from it (the
/// primary from its `primary_listens`, the backup from its `secondary_listens`), with what
/// is wrong with the file itself. `reader` is shared with the other side, so that a file
/// both servers name is read once.
pub fn read_server(side: Side, input: &Path, settings: &Settings, reader: &Reader) -> ServerFiles {
    let given = input.to_string_lossy();
    if let Some((path, display)) = json_config::json_input(input, &given, reader) {
        return json_config::read_side(side, &path, display, settings, reader);
    }
    read_conf_server(side, input, settings, reader)
}

/// The reader of a run on `inputs` (the paths given on the command line): it reads only
/// under the tree of each (a directory given, or the directory of a file given) and under
/// the directories `settings` allows.
pub fn reader_for(inputs: &[&Path], settings: &Settings) -> Reader {
    let trees = inputs.iter().map(|input| {
        if input.is_dir() {
            input.to_path_buf()
        } else {
            match input.parent() {
                Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
                _ => Path::new(".").to_path_buf(),
            }
        }
    });
    Reader::new(Roots::new(
        trees.chain(settings.allow_paths.iter().cloned()),
    ))
}
