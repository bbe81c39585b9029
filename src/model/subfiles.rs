//! The sub-files of a server: one row each, read by the reader, the server model, the JSON
//! generator, `--against` and the comparison engine (whose specs follow [`SubFileKind`]).
//!
//! Adding a sub-file format: its parser in `ems/`, a variant here with its arm in
//! [`SubFileKind::row`] and its place in [`SUB_FILES`] (the compiler then points at every
//! other `match` that must learn it), its rules, its fuzz target.

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
    SubFileKind::Users.row(),
    SubFileKind::Groups.row(),
    SubFileKind::Acl.row(),
    SubFileKind::Queues.row(),
    SubFileKind::Topics.row(),
    SubFileKind::Durables.row(),
    SubFileKind::Bridges.row(),
    SubFileKind::Tibrvcm.row(),
    SubFileKind::Routes.row(),
    SubFileKind::Factories.row(),
    SubFileKind::Stores.row(),
    SubFileKind::Channels.row(),
    SubFileKind::Transports.row(),
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

impl SubFileKind {
    /// What is known of this sub-file.
    pub const fn row(self) -> SubFileRow {
        use SubFileKind::*;
        let (param, json_key, file_name, ini) = match self {
            Users => ("users", "users", "users.conf", None),
            Groups => ("groups", "groups", "groups.conf", None),
            Acl => ("acl_list", "acls", "acl.conf", None),
            Queues => ("queues", "queues", "queues.conf", None),
            Topics => ("topics", "topics", "topics.conf", None),
            Durables => ("durables", "durables", "durables.conf", None),
            Bridges => ("bridges", "bridges", "bridges.conf", None),
            Tibrvcm => ("tibrvcm", "tibrvcm", "tibrvcm.conf", None),
            Routes => ("routes", "routes", "routes.conf", Some(IniKind::Routes)),
            Factories => (
                "factories",
                "factories",
                "factories.conf",
                Some(IniKind::Factories),
            ),
            Stores => ("stores", "stores", "stores.conf", Some(IniKind::Stores)),
            Channels => (
                "channels",
                "channels",
                "channels.conf",
                Some(IniKind::Channels),
            ),
            Transports => (
                "transports",
                "transports",
                "transports.conf",
                Some(IniKind::Transports),
            ),
        };
        SubFileRow {
            kind: self,
            param,
            json_key,
            file_name,
            ini,
        }
    }

    /// The top-level array of tibemsd.json that holds its entries.
    pub const fn json_key(self) -> &'static str {
        self.row().json_key
    }

    /// The tibemsd.conf parameter that names it.
    pub const fn param(self) -> &'static str {
        self.row().param
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
