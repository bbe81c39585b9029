//! `--fix-from primary|backup`: the edits that make the other server's files agree with the
//! chosen side, wherever an equivalence rule or setting-mismatch sees a difference.
//!
//! What differs is the comparison engine's business ([`crate::compare::pair_differences`],
//! the same differences the equivalence rules report) and, for tibemsd.conf, the parameters
//! both servers must set alike ([`settings`]). The fix only decides where each difference
//! is written in the target's file: an entry missing there goes next to the neighbour it has
//! on the source, an entry only there loses its lines, a changed entry is rewritten in
//! place in the target's line ending and indentation; every other line stays byte for byte.
//!
//! Secrets are never written, removed or shown (a patch shows every line it removes and
//! lines around each change): a line that carries one is left alone, its neighbours are
//! edited only when the patch needs no context from it, and each difference left this way
//! becomes a [`Plan::notes`] line that says what to do by hand (passwords with tibemsadmin).

mod blocks;
mod diff;
mod job;
mod one_line;
mod reported;
mod settings;
mod text;

use std::path::{Component, Path, PathBuf};

use crate::finding::Side;
use crate::model::read::{read_server, reader_for};
use crate::model::server::Server;
use crate::model::Pair;
use crate::pipeline::{lint, Inputs};
use crate::settings::Settings;
use crate::source::FileRef;
use reported::Reported;
use text::{joined, Edits, Lines};

/// What the fix changes, and what it leaves to the operator.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: Vec<FileChange>,
    /// Differences the fix does not write, each with what to do by hand.
    pub notes: Vec<String>,
}

/// One file of the target server, before and after.
#[derive(Debug)]
pub struct FileChange {
    /// Where the file is on this machine.
    pub path: PathBuf,
    /// The path as the user gave it.
    pub display: String,
    pub new_text: String,
    /// The change as a unified diff with `a/` and `b/` paths relative to the base directory.
    pub diff: String,
    pub inserted: usize,
    pub removed: usize,
    pub rewritten: usize,
}

impl Plan {
    /// Every file's diff, one after another: the patch.
    pub fn patch(&self) -> String {
        self.files.iter().map(|f| f.diff.as_str()).collect()
    }
}

/// Reads the pair, then plans the fix from side `from`; diffs name files relative to `base`.
/// A JSON configuration (tibemsd.json) cannot be fixed: the error says so.
pub fn plan_inputs(
    inputs: &Inputs,
    settings: &Settings,
    from: Side,
    base: &Path,
    patch: bool,
) -> Result<Plan, String> {
    let Some(backup) = &inputs.backup else {
        let reader = reader_for(&[inputs.primary.as_path()], settings);
        let files = read_server(Side::Primary, &inputs.primary, settings, &reader);
        if files.json.is_some() || files.main.origin.is_some() {
            return Err(json_unsupported(&files.main.display));
        }
        return Err("--fix-from needs both servers: give PRIMARY and BACKUP".into());
    };
    let paths = [inputs.primary.as_path(), backup.as_path()];
    let reader = reader_for(&paths, settings);
    let primary_files = read_server(Side::Primary, &inputs.primary, settings, &reader);
    let backup_files = read_server(Side::Backup, backup, settings, &reader);
    for files in [&primary_files, &backup_files] {
        if files.json.is_some() || files.main.origin.is_some() {
            return Err(json_unsupported(&files.main.display));
        }
        if !files.main_found {
            return Err(format!("{}: no tibemsd.conf to fix", files.main.display));
        }
    }
    // The findings as the operator sees them: what the fix resolves.
    let reported = Reported::of(&lint(inputs, settings));
    let pair = Pair::new(
        Server::parse(&primary_files),
        Some(Server::parse(&backup_files)),
        settings,
        None,
    );
    Ok(plan(&pair, from, base, patch, reported))
}

fn json_unsupported(display: &str) -> String {
    format!(
        "{display}: --fix-from edits .conf configurations only; a JSON configuration (tibemsd.json) is not supported: change it with tibemsadmin, or fix the .conf pair it is generated from"
    )
}

/// The fix of `pair` from side `from`, of the differences the lint `reported`. For a `patch`, an edit whose hunk would need a line
/// that carries a secret as context is left to the operator; written, only the secret lines
/// themselves are.
fn plan(pair: &Pair<'_>, from: Side, base: &Path, patch: bool, reported: Reported) -> Plan {
    let Some(backup) = &pair.backup else {
        return Plan::default();
    };
    let (source, target) = match from {
        Side::Backup => (backup, &pair.primary),
        _ => (&pair.primary, backup),
    };
    let mut planner = Planner {
        patch,
        reported,
        ..Planner::default()
    };
    for spec in crate::compare::ALL {
        let Some((job, work)) = job::Job::build(pair, spec, source, target, &mut planner) else {
            continue;
        };
        match spec.param {
            "groups" => blocks::groups(&job, &work, &mut planner),
            "bridges" => blocks::bridges(&job, &work, &mut planner),
            param => match crate::model::subfiles::by_param(param).and_then(|row| row.ini) {
                Some(kind) => blocks::sections(&job, kind, &work, &mut planner),
                None => one_line::entries(&job, &work, &mut planner),
            },
        }
    }
    settings::plan(pair, source, target, &mut planner);
    planner.finish(base)
}

/// The files being edited and what is left to do by hand.
#[derive(Default)]
struct Planner<'a> {
    targets: Vec<Target<'a>>,
    notes: Vec<String>,
    /// Whether the change is printed as a patch (`--diff`) rather than written.
    patch: bool,
    /// The findings the fix resolves.
    reported: Reported,
}

/// A file of the target server being edited.
struct Target<'a> {
    file: &'a FileRef,
    lines: Lines<'a>,
    edits: Edits,
    inserted: usize,
    removed: usize,
    rewritten: usize,
    /// Whether the file on disk is exactly the text read: a byte-order mark, bytes that are
    /// not UTF-8 (decoded lossily) or a change since would not survive a rewrite.
    exact: bool,
}

impl<'a> Planner<'a> {
    /// The file's edits, begun on first use.
    fn target(&mut self, file: &'a FileRef) -> &mut Target<'a> {
        let at = match self.targets.iter().position(|t| t.file.path == file.path) {
            Some(at) => at,
            None => {
                self.targets.push(Target {
                    file,
                    lines: Lines::new(&file.text, &file.secret_spans(), self.patch),
                    edits: Edits::default(),
                    inserted: 0,
                    removed: 0,
                    rewritten: 0,
                    exact: std::fs::read(&file.path).is_ok_and(|b| b == file.text.as_bytes()),
                });
                self.targets.len() - 1
            }
        };
        &mut self.targets[at]
    }

    fn note(&mut self, note: String) {
        self.notes.push(note);
    }

    fn finish(mut self, base: &Path) -> Plan {
        let mut files = Vec::new();
        for target in self.targets {
            if target.edits.is_empty() {
                continue;
            }
            if !target.exact {
                self.notes.push(format!(
                    "{} starts with a byte-order mark, holds bytes that are not UTF-8, or changed since it was read: emsftlint does not rewrite it; make its changes by hand",
                    target.file.display
                ));
                continue;
            }
            let new = target.edits.apply(&target.lines);
            let new_text = joined(&new);
            if new_text == target.file.text {
                continue;
            }
            let path = patch_path(&target.file.path, base);
            if path.starts_with("../") || path.starts_with('/') {
                self.notes.push(format!(
                    "{} is not under the current directory, so the patch names it `{path}`: run from a directory that holds both servers for a patch git apply takes",
                    target.file.display
                ));
            }
            files.push(FileChange {
                path: target.file.path.clone(),
                display: target.file.display.clone(),
                diff: diff::unified(&path, &target.lines, &new),
                new_text,
                inserted: target.inserted,
                removed: target.removed,
                rewritten: target.rewritten,
            });
        }
        Plan {
            files,
            notes: self.notes,
        }
    }
}

/// A file's path as a patch names it: relative to `base`, with `/` (`..` where it is
/// outside it; absolute when they share no root).
fn patch_path(path: &Path, base: &Path) -> String {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    };
    let normal = |p: &Path| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir => {
                    out.pop();
                }
                other => out.push(other.as_os_str().to_string_lossy().into_owned()),
            }
        }
        out
    };
    let (file, base) = (normal(&absolute), normal(base));
    let shared = file.iter().zip(&base).take_while(|(a, b)| a == b).count();
    if shared == 0 {
        return absolute.to_string_lossy().replace('\\', "/");
    }
    let ups = std::iter::repeat_n("..".to_string(), base.len() - shared);
    ups.chain(file[shared..].iter().cloned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The side a change is made on, for messages.
fn side_name(server: &Server<'_>) -> &'static str {
    server.side().as_str()
}

#[cfg(test)]
mod tests;
