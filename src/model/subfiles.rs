//! The sub-files of a server: one row each, read by the reader, the server model, the JSON
//! generator, `--against` and the comparison engine (whose specs follow [`SubFileKind`]).
//!
//! Adding a sub-file format: its parser in `ems/`, a variant and a row here (the compiler then
//! points at every `match` that must learn it), its rules, its fuzz target.

use crate::ems::ini::IniKind;

/// A sub-file a tibemsd.conf parameter names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubFileKind {
    Users,
    Groups,
    Acl,
    Queues,
    Topics,
    Durables,
    Bridges,
    Tibrvcm,
    Routes,
    Factories,
    Stores,
    Channels,
    Transports,
}

/// What is known of one sub-file.
#[derive(Debug, Clone, Copy)]
pub struct SubFileRow {
    pub kind: SubFileKind,
    /// The tibemsd.conf parameter that names it.
    pub param: &'static str,
    /// The top-level array of tibemsd.json that holds its entries.
    pub json_key: &'static str,
    /// The name TIBCO's samples give the file.
    pub file_name: &'static str,
    /// For an INI-style file (`[name]` sections of `key = value`), its kind.
    pub ini: Option<IniKind>,
}

/// Every sub-file, in the order tibemsd.json's arrays are written as tibemsd.conf lines.
pub const SUB_FILES: [SubFileRow; 13] = [
    row(SubFileKind::Users, "users", "users", "users.conf", None),
    row(SubFileKind::Groups, "groups", "groups", "groups.conf", None),
    row(SubFileKind::Acl, "acl_list", "acls", "acl.conf", None),
    row(SubFileKind::Queues, "queues", "queues", "queues.conf", None),
    row(SubFileKind::Topics, "topics", "topics", "topics.conf", None),
    row(
        SubFileKind::Durables,
        "durables",
        "durables",
        "durables.conf",
        None,
    ),
    row(
        SubFileKind::Bridges,
        "bridges",
        "bridges",
        "bridges.conf",
        None,
    ),
    row(
        SubFileKind::Tibrvcm,
        "tibrvcm",
        "tibrvcm",
        "tibrvcm.conf",
        None,
    ),
    row(
        SubFileKind::Routes,
        "routes",
        "routes",
        "routes.conf",
        Some(IniKind::Routes),
    ),
    row(
        SubFileKind::Factories,
        "factories",
        "factories",
        "factories.conf",
        Some(IniKind::Factories),
    ),
    row(
        SubFileKind::Stores,
        "stores",
        "stores",
        "stores.conf",
        Some(IniKind::Stores),
    ),
    row(
        SubFileKind::Channels,
        "channels",
        "channels",
        "channels.conf",
        Some(IniKind::Channels),
    ),
    row(
        SubFileKind::Transports,
        "transports",
        "transports",
        "transports.conf",
        Some(IniKind::Transports),
    ),
];

/// The INI-style sub-files, in the order of [`SUB_FILES`].
pub const INI_FILES: [(SubFileKind, IniKind); 5] = {
    let mut out = [(SubFileKind::Routes, IniKind::Routes); 5];
    let (mut i, mut n) = (0, 0);
    while i < SUB_FILES.len() {
        if let Some(ini) = SUB_FILES[i].ini {
            out[n] = (SUB_FILES[i].kind, ini);
            n += 1;
        }
        i += 1;
    }
    assert!(n == out.len());
    out
};

// Each row sits at its kind's index, so that `param()` is an index.
const _: () = {
    let mut i = 0;
    while i < SUB_FILES.len() {
        assert!(SUB_FILES[i].kind as usize == i);
        i += 1;
    }
};

const fn row(
    sub_file: SubFileKind,
    param: &'static str,
    json_key: &'static str,
    file_name: &'static str,
    ini: Option<IniKind>,
) -> SubFileRow {
    SubFileRow {
        kind: sub_file,
        param,
        json_key,
        file_name,
        ini,
    }
}

impl SubFileKind {
    /// The top-level array of tibemsd.json that holds its entries.
    pub const fn json_key(self) -> &'static str {
        SUB_FILES[self as usize].json_key
    }

    /// The tibemsd.conf parameter that names it.
    pub const fn param(self) -> &'static str {
        SUB_FILES[self as usize].param
    }
}

/// The row of the sub-file that tibemsd.conf parameter `param` names.
pub fn by_param(param: &str) -> Option<&'static SubFileRow> {
    SUB_FILES.iter().find(|r| r.param == param)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sub_file_has_one_row_with_distinct_names() {
        for (i, a) in SUB_FILES.iter().enumerate() {
            assert_eq!(a.kind.param(), a.param);
            for b in &SUB_FILES[i + 1..] {
                assert_ne!(a.kind, b.kind);
                assert_ne!(a.param, b.param);
                assert_ne!(a.json_key, b.json_key);
                assert_ne!(a.file_name, b.file_name);
            }
        }
        assert_eq!(by_param("acl_list").map(|r| r.json_key), Some("acls"));
        assert_eq!(by_param("listen").map(|r| r.param), None);
    }
}
