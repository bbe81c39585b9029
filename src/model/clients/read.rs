//! Finding and reading the client files: each path given is a file or a directory walked for
//! `*.tra`, `*.substvar`, `*.sharedjmscon` and `jndi.properties`, read only inside the trees a
//! run may read.

use std::path::{Path, PathBuf};

use crate::source::{FileRef, ReadError, Reader, SourceFile};

/// What kind of client file a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientKind {
    /// An adapter's or BusinessWorks engine's `.tra` properties.
    Tra,
    /// Designer global variables (`defaultVars.substvar`).
    Substvar,
    /// JNDI properties (`jndi.properties`).
    Jndi,
    /// A BusinessWorks 5 JMS Connection resource (`*.sharedjmscon`).
    SharedJmsCon,
}

impl ClientKind {
    /// The kind a file name says, if it is a client file.
    pub fn of_name(name: &str) -> Option<ClientKind> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".tra") {
            Some(ClientKind::Tra)
        } else if lower.ends_with(".substvar") {
            Some(ClientKind::Substvar)
        } else if lower == "jndi.properties" {
            Some(ClientKind::Jndi)
        } else if lower.ends_with(".sharedjmscon") {
            Some(ClientKind::SharedJmsCon)
        } else {
            None
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ClientKind::Tra => "tra",
            ClientKind::Substvar => "substvar",
            ClientKind::Jndi => "jndi",
            ClientKind::SharedJmsCon => "sharedjmscon",
        }
    }
}

/// One client file as read (or not: `error` says why, and `file` is then empty).
#[derive(Debug)]
pub struct ClientSource {
    pub kind: ClientKind,
    pub file: FileRef,
    pub error: Option<ReadError>,
    /// The global-variable group of a `defaultVars/<group>/defaultVars.substvar`.
    pub group: Option<String>,
}

/// Reads the client files under each of `paths` (a file of any name given alone is read by
/// its name's kind, and a `.properties` as JNDI properties), in path order, each once.
pub fn read_clients(paths: &[PathBuf], reader: &Reader, cap: u64) -> Vec<ClientSource> {
    let mut found: Vec<(PathBuf, String, ClientKind)> = Vec::new();
    for path in paths {
        let given = path.to_string_lossy().into_owned();
        if path.is_dir() {
            let mut entries: Vec<(PathBuf, String, ClientKind)> = walkdir::WalkDir::new(path)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                // A link is not followed here: the reader refuses one that leads outside the
                // trees, and that is reported.
                .filter(|e| e.file_type().is_file() || e.file_type().is_symlink())
                .filter_map(|e| {
                    let kind = ClientKind::of_name(&e.file_name().to_string_lossy())?;
                    let display = e.path().to_string_lossy().into_owned();
                    Some((e.into_path(), display, kind))
                })
                .collect();
            found.append(&mut entries);
        } else {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let kind = ClientKind::of_name(&name).or_else(|| {
                name.to_ascii_lowercase()
                    .ends_with(".properties")
                    .then_some(ClientKind::Jndi)
            });
            if let Some(kind) = kind {
                found.push((path.clone(), given, kind));
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    found
        .into_iter()
        .filter(|(path, _, _)| seen.insert(std::fs::canonicalize(path).unwrap_or(path.clone())))
        .map(|(path, display, kind)| {
            let group = group_of(&path, kind);
            match reader.read(&path, display.clone(), cap, false) {
                Ok(file) => ClientSource {
                    kind,
                    file,
                    error: None,
                    group,
                },
                Err(error) => ClientSource {
                    kind,
                    file: std::sync::Arc::new(SourceFile::absent(display, path)),
                    error: Some(error),
                    group,
                },
            }
        })
        .collect()
}

/// `defaultVars/<group>/defaultVars.substvar` → `<group>` (nested groups joined by `/`).
fn group_of(path: &Path, kind: ClientKind) -> Option<String> {
    if kind != ClientKind::Substvar {
        return None;
    }
    let parts: Vec<String> = path
        .parent()?
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let at = parts.iter().rposition(|p| p == "defaultVars")?;
    let group = parts[at + 1..].join("/");
    (!group.is_empty()).then_some(group)
}

/// The Designer project a `<project>/defaultVars/…/defaultVars.substvar` belongs to: the
/// directory that holds `defaultVars` (as written, not resolved).
pub fn project_of_substvar(path: &Path) -> Option<PathBuf> {
    let parent = path.parent()?;
    let at = parent
        .components()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|c| c.as_os_str() == "defaultVars")?;
    Some(parent.components().take(at).collect())
}

/// The project a resource at `path` belongs to: the deepest of `projects` that holds it.
pub fn project_holding<'p>(path: &Path, projects: &'p [PathBuf]) -> Option<&'p PathBuf> {
    projects
        .iter()
        .filter(|p| path.starts_with(p))
        .max_by_key(|p| p.components().count())
}
