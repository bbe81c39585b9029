//! Reading one server: its main file and every file the main file names, resolved and read.
//! What cannot be read, or is not UTF-8, or does not parse in the main file, is a [`Problem`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::ems::json::Document;
use crate::ems::lines::SyntaxError;
use crate::ems::params;
use crate::ems::tibemsd::{self, Param, TibemsdConf};
use crate::finding::Side;
use crate::model::problem::{Problem, ProblemKind};
use crate::model::secrets;
use crate::model::subfiles;
use crate::model::tls_slot;
use crate::settings::Settings;
use crate::source::{FileRef, ReadError, Reader, SourceFile};

pub const MAIN_FILE: &str = "tibemsd.conf";

/// A file that a parameter of the main file names, and what became of reading it.
#[derive(Debug)]
pub struct NamedFile {
    /// Index of the naming line in `ServerFiles::conf.params`.
    pub param: usize,
    pub file: FileRef,
    pub read: Result<(), ReadError>,
}

/// What was read for one server.
#[derive(Debug)]
pub struct ServerFiles {
    pub side: Side,
    /// The main file; when there is none, an absent file named like the directory.
    pub main: FileRef,
    /// Whether the main file was read as text and sets a parameter; a side without one is
    /// compared with nothing (its problems say why).
    pub main_found: bool,
    pub conf: TibemsdConf,
    pub named: Vec<NamedFile>,
    pub problems: Vec<Problem>,
    /// The tibemsd.json this side was read from, when this side reports what is wrong with
    /// that file itself (one side of a JSON pair does).
    pub json: Option<JsonSource>,
}

/// A tibemsd.json as parsed, for the rules that look at its tree.
#[derive(Debug, Clone)]
pub struct JsonSource {
    pub file: FileRef,
    pub doc: Arc<Document>,
}

impl ServerFiles {
    /// A server whose main file was read, with every file it names.
    pub fn found(
        side: Side,
        main: FileRef,
        conf: TibemsdConf,
        named: Vec<NamedFile>,
        problems: Vec<Problem>,
    ) -> ServerFiles {
        ServerFiles {
            side,
            main,
            main_found: true,
            conf,
            named,
            problems,
            json: None,
        }
    }

    /// A server whose main file could not be read: nothing but what went wrong.
    pub fn unread(side: Side, main: FileRef, problems: Vec<Problem>) -> ServerFiles {
        ServerFiles {
            side,
            main,
            main_found: false,
            conf: TibemsdConf::default(),
            named: Vec::new(),
            problems,
            json: None,
        }
    }

    /// The file that parameter `name` names, if it was read.
    pub fn named_file(&self, name: &str) -> Option<&NamedFile> {
        self.named
            .iter()
            .rev()
            .find(|n| self.conf.params[n.param].name == name)
    }
}

/// Reads the server a path given on the command line names: a directory holding
/// `tibemsd.conf`, or the main file itself. `reader` is shared with the other side: a file
/// both servers name (TIBCO's sample FT pair shares every sub-file) is read once.
pub fn read_conf_server(
    side: Side,
    input: &Path,
    settings: &Settings,
    reader: &Reader,
) -> ServerFiles {
    let given = input.to_string_lossy().into_owned();
    let (main_path, main_display) = if input.is_dir() {
        (input.join(MAIN_FILE), join_display(&given, MAIN_FILE))
    } else {
        (input.to_path_buf(), given.clone())
    };
    let mut problems = Vec::new();
    let main = match reader.read(&main_path, main_display.clone(), settings.size_cap, false) {
        Ok(file) => file,
        Err(e) => {
            let no_main = input.is_dir() && e == ReadError::NotFound;
            let (shown, path) = if no_main {
                (given.clone(), input.to_path_buf())
            } else {
                (main_display.clone(), main_path.clone())
            };
            let absent = Arc::new(SourceFile::absent(shown, path));
            let (message, help) = match (no_main, &e) {
                (true, _) => no_main_file(input, &given),
                (false, ReadError::NotText(_)) => (
                    format!("{main_display} {e}"),
                    "save it as UTF-8 (TIBCO's own files are ASCII), or give the server's tibemsd.conf".to_string(),
                ),
                (false, ReadError::OutsideTree { .. }) => {
                    (format!("{main_display} {e}"), OUTSIDE_HELP.to_string())
                }
                (false, _) => (
                    format!("{main_display} {e}"),
                    "give the directory that holds tibemsd.conf, or the main file itself".to_string(),
                ),
            };
            problems.push(
                Problem::new(ProblemKind::of_read_error(&e), side, &absent, None, message)
                    .help(help),
            );
            return ServerFiles::unread(side, absent, problems);
        }
    };
    report_text_problems(side, &main, &mut problems);
    let conf = tibemsd::parse(&main.text);
    push_syntax(side, &main, &conf.errors, &mut problems);
    if conf.params.is_empty() {
        // Nothing to compare: the syntax errors, or that it is empty, say why once.
        if conf.errors.is_empty() {
            problems.push(
                Problem::new(
                    ProblemKind::Unreadable,
                    side,
                    &main,
                    None,
                    format!("{main_display} sets no parameter (it is empty, or only comments)"),
                )
                .help("give the server's tibemsd.conf as it is deployed"),
            );
        }
        return ServerFiles::unread(side, main, problems);
    }
    secrets::mark_conf_secrets(&main, &conf);

    let (named, more) = read_named(
        side,
        &main,
        &conf,
        &main_path,
        &main_display,
        settings,
        reader,
        &|_| None,
    );
    problems.extend(more);
    ServerFiles::found(side, main, conf, named, problems)
}

/// A directory with no tibemsd.conf: what it holds instead (`tibemsd_prod.conf`), and which
/// file to pass.
fn no_main_file(dir: &Path, given: &str) -> (String, String) {
    let mut candidates: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            let lower = name.to_ascii_lowercase();
            lower.starts_with("tibemsd") && (lower.ends_with(".conf") || lower.ends_with(".json"))
        })
        .collect();
    candidates.sort();
    let message = format!("{given} holds no {MAIN_FILE}");
    match candidates.as_slice() {
        [] => (
            message,
            "give the directory that holds tibemsd.conf, or the main file itself".into(),
        ),
        [one] => (
            format!("{message}; it holds {one}"),
            format!("pass the main file itself: {}", join_display(given, one)),
        ),
        many => (
            format!("{message}; it holds {}", many.join(", ")),
            format!(
                "pass one of them as the main file, e.g. {}",
                join_display(given, &many[0])
            ),
        ),
    }
}

/// Reads every file a parameter of the main file names, relative to the main file's
/// directory; `provided` gives the file of a parameter that is not read from disk (the
/// sub-files generated from a JSON configuration). Files that cannot be read are
/// problems at the value that names them.
#[allow(clippy::too_many_arguments)] // where the main file is, and where sub-files come from
pub(crate) fn read_named(
    side: Side,
    main: &FileRef,
    conf: &TibemsdConf,
    main_path: &Path,
    main_display: &str,
    settings: &Settings,
    reader: &Reader,
    provided: &dyn Fn(&str) -> Option<FileRef>,
) -> (Vec<NamedFile>, Vec<Problem>) {
    let mut problems = Vec::new();
    let dir = main_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let display_dir = Path::new(main_display)
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut named = Vec::new();
    let mut fallbacks: Vec<(usize, Fallback)> = Vec::new();
    for (index, param) in conf.params.iter().enumerate() {
        let names_file = params::lookup(&param.name).is_some_and(|s| s.names_file);
        if !names_file || param.is_empty() || tls_slot::is_inline_pem(&param.value) {
            continue;
        }
        if let Some(file) = provided(&param.name) {
            named.push(NamedFile {
                param: index,
                file,
                read: Ok(()),
            });
            continue;
        }
        let resolved = resolve(&param.value, &dir, &display_dir, settings);
        // Only the sub-files are read as text; certificates, keys, trust stores and the
        // other files a parameter names (which may be DER or PKCS#12) are read as bytes. A
        // file named twice (identity and key in one PKCS#12, one CA for ssl_server_trusted
        // and ft_ssl_trusted, one sub-file for both servers) is read once.
        let binary = subfiles::by_param(&param.name).is_none();
        let read_at = |at: &Target| {
            reader
                .read(&at.path, at.display.clone(), settings.size_cap, binary)
                .map_err(|e| (at.clone(), e))
        };
        let mut read = read_at(&resolved.written);
        let mut fell_back = None;
        if let Err((_, e)) = &read {
            if let (Some(reason), Some(beside)) = (resolved.fallback(e), &resolved.beside) {
                fell_back = Some((reason, e.clone()));
                read = read_at(beside);
            }
        }
        let (file, read) = match read {
            Ok(file) => {
                if let Some((reason, _)) = fell_back {
                    fallbacks.push((index, reason));
                }
                report_text_problems(side, &file, &mut problems);
                (file, Ok(()))
            }
            Err((tried, e)) => {
                let (kind, message, help) = unread(
                    param,
                    &resolved.written,
                    &tried,
                    fell_back,
                    &e,
                    main_display,
                );
                problems.push(
                    Problem::new(kind, side, main, Some(param.value_span.clone()), message)
                        .help(help),
                );
                let absent = SourceFile::absent(tried.display, tried.path);
                (Arc::new(absent), Err(e))
            }
        };
        named.push(NamedFile {
            param: index,
            file,
            read,
        });
    }
    for reason in [Fallback::NotHere, Fallback::Outside] {
        let these: Vec<usize> = fallbacks
            .iter()
            .filter(|(_, r)| *r == reason)
            .map(|&(i, _)| i)
            .collect();
        let Some(&first) = these.first() else {
            continue;
        };
        let list: Vec<String> = these
            .iter()
            .map(|&i| format!("{} ({})", conf.params[i].key, conf.params[i].value))
            .collect();
        let (message, help) = match reason {
            Fallback::NotHere => (
                format!(
                    "absolute paths that do not exist on this machine were read beside {main_display}: {}",
                    list.join(", ")
                ),
                "map the prefix explicitly with --path-map FROM=TO or [paths] in emsftlint.toml",
            ),
            Fallback::Outside => (
                format!(
                    "paths outside the directories emsftlint reads were read beside {main_display} instead: {}",
                    list.join(", ")
                ),
                "map the prefix explicitly with --path-map FROM=TO or [paths] in emsftlint.toml, or allow the directory with --allow-path DIR or allow_paths in emsftlint.toml",
            ),
        };
        problems.push(
            Problem::new(
                ProblemKind::PathFallback,
                side,
                main,
                Some(conf.params[first].value_span.clone()),
                message,
            )
            .help(help),
        );
    }
    (named, problems)
}

/// What is said of a named file that could not be read (`tried`: where it was looked for
/// last; `fell_back`: why the file beside the main file was tried, and what reading the
/// written path gave): the kind of problem, the message and the help.
fn unread(
    param: &Param,
    written: &Target,
    tried: &Target,
    fell_back: Option<(Fallback, ReadError)>,
    error: &ReadError,
    main_display: &str,
) -> (ProblemKind, String, String) {
    let key = &param.key;
    let written = &written.display;
    match fell_back {
        None => (
            ProblemKind::of_read_error(error),
            format!("`{key}` names {written}, which {error}"),
            match error {
                ReadError::OutsideTree { .. } => named_outside_help(main_display),
                _ => "paths are read relative to the main file's directory; fix the path or add the file".into(),
            },
        ),
        Some((Fallback::Outside, first)) => (
            ProblemKind::OutsideTree,
            format!(
                "`{key}` names {written}, which {first}; {}, where emsftlint looked instead, {error}",
                tried.display
            ),
            named_outside_help(main_display),
        ),
        Some((Fallback::NotHere, _)) => (
            ProblemKind::Unreadable,
            format!(
                "`{key}` names {written}, which does not exist on this machine; {}, where emsftlint looked instead, {error}",
                tried.display
            ),
            format!("{} does not exist here and there is no file of that name beside the main file; add one, or map the prefix with --path-map FROM=TO", param.value),
        ),
    }
}

/// What to say about a main file that leads outside the directories a run may read.
pub(crate) const OUTSIDE_HELP: &str = "emsftlint reads only under the directories of its inputs: allow another with --allow-path DIR or allow_paths in emsftlint.toml";

/// What to say about a named file that leads outside the directories a run may read.
fn named_outside_help(main_display: &str) -> String {
    format!("emsftlint reads only under the directories of its inputs: keep the file beside {main_display} (a file of that name there is read instead), map the path into them with --path-map FROM=TO, or allow its directory with --allow-path DIR or allow_paths in emsftlint.toml")
}

/// Why a named file was read from beside the main file instead of where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fallback {
    /// An absolute path that does not exist on this machine.
    NotHere,
    /// A path that leads outside the directories the run may read.
    Outside,
}

/// A path to read, and how a message names it.
#[derive(Debug, Clone, PartialEq)]
struct Target {
    path: PathBuf,
    display: String,
}

/// Where a parameter's file is: where its value says (after `--path-map`), and the file of
/// the same name beside the main file, read instead when the first leads outside the
/// directories the run may read or, for an absolute path not mapped, does not exist here.
#[derive(Debug)]
struct Resolved {
    written: Target,
    beside: Option<Target>,
    /// An absolute path that no `--path-map` rewrote.
    unmapped_absolute: bool,
}

impl Resolved {
    /// Whether reading `written` failed in a way that the file beside the main file answers.
    fn fallback(&self, error: &ReadError) -> Option<Fallback> {
        match error {
            ReadError::OutsideTree { .. } => Some(Fallback::Outside),
            ReadError::NotFound if self.unmapped_absolute => Some(Fallback::NotHere),
            _ => None,
        }
    }
}

fn resolve(value: &str, dir: &Path, display_dir: &str, settings: &Settings) -> Resolved {
    let name = value.rsplit(['/', '\\']).next().unwrap_or(value);
    let beside = (!matches!(name, "" | "." | "..")).then(|| Target {
        path: dir.join(name),
        display: join_display(display_dir, name),
    });
    let mapped = settings.path_maps.iter().find_map(|(from, to)| {
        let rest = strip_path_prefix(value, from)?;
        Some(if rest.is_empty() {
            to.clone()
        } else {
            format!("{}/{}", to.trim_end_matches('/'), rest)
        })
    });
    let unmapped_absolute = mapped.is_none() && is_absolute(value);
    let written = relative_or_absolute(mapped.as_deref().unwrap_or(value), dir, display_dir);
    Resolved {
        beside: beside.filter(|b| b.path != written.path),
        written,
        unmapped_absolute,
    }
}

fn relative_or_absolute(value: &str, dir: &Path, display_dir: &str) -> Target {
    if is_absolute(value) {
        return Target {
            path: PathBuf::from(value),
            display: value.to_string(),
        };
    }
    Target {
        path: dir.join(value),
        display: join_display(display_dir, value),
    }
}

/// `/opt/a` is a prefix of `/opt/a/b` and `/opt/a`, not of `/opt/ab`.
fn strip_path_prefix<'v>(value: &'v str, prefix: &str) -> Option<&'v str> {
    let prefix = prefix.trim_end_matches(['/', '\\']);
    let rest = value.strip_prefix(prefix)?;
    if rest.is_empty() {
        return Some("");
    }
    rest.strip_prefix(['/', '\\'])
}

/// Unix absolute paths and Windows ones (`C:\tibco\…`, `\\server\share`), on any machine.
fn is_absolute(value: &str) -> bool {
    let bytes = value.as_bytes();
    value.starts_with('/')
        || value.starts_with("\\\\")
        || (bytes.len() >= 3
            && bytes[0].is_ascii_alphabetic()
            && bytes[1] == b':'
            && (bytes[2] == b'\\' || bytes[2] == b'/'))
}

pub fn join_display(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        Path::new(dir).join(name).to_string_lossy().into_owned()
    }
}

/// Bytes that are not UTF-8, at the first line that holds one.
pub(crate) fn report_text_problems(side: Side, file: &FileRef, problems: &mut Vec<Problem>) {
    if let Some(at) = file.invalid_utf8_at {
        let (line, _) = file.line_col(at);
        problems.push(
            Problem::new(
                ProblemKind::NotUtf8,
                side,
                file,
                Some(file.line_span(at)),
                format!("{} is not valid UTF-8 from line {line} on; it was read with replacement characters", file.display),
            )
            .help("save the file as UTF-8, or check it for binary content"),
        );
    }
}

/// A parser's errors as `syntax` problems.
pub fn push_syntax(
    side: Side,
    file: &FileRef,
    errors: &[SyntaxError],
    problems: &mut Vec<Problem>,
) {
    for error in errors {
        problems.push(Problem::new(
            ProblemKind::Syntax,
            side,
            file,
            Some(error.span.clone()),
            error.message.clone(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_paths_of_both_kinds_are_recognised() {
        assert!(is_absolute("/opt/tibco/users.conf"));
        assert!(is_absolute("C:\\tibco\\ems\\users.conf"));
        assert!(is_absolute("\\\\server\\share\\users.conf"));
        assert!(!is_absolute("users.conf"));
        assert!(!is_absolute("../certs/server.cert.pem"));
    }

    #[test]
    fn path_prefixes_match_whole_components() {
        assert_eq!(strip_path_prefix("/opt/a/b.conf", "/opt/a"), Some("b.conf"));
        assert_eq!(
            strip_path_prefix("/opt/a/b.conf", "/opt/a/"),
            Some("b.conf")
        );
        assert_eq!(strip_path_prefix("/opt/ab/b.conf", "/opt/a"), None);
    }

    #[test]
    fn an_absolute_path_has_the_file_of_its_name_beside_the_main_file_to_fall_back_on() {
        let r = resolve(
            "/opt/tibco/ems/config/data/users.conf",
            Path::new("/x/primary"),
            "primary/",
            &Settings::default(),
        );
        assert!(r.unmapped_absolute);
        assert_eq!(
            r.written.path,
            Path::new("/opt/tibco/ems/config/data/users.conf")
        );
        let beside = r.beside.as_ref().unwrap();
        assert_eq!(beside.path, Path::new("/x/primary/users.conf"));
        assert_eq!(beside.display, "primary/users.conf");
        assert_eq!(r.fallback(&ReadError::NotFound), Some(Fallback::NotHere));
    }

    #[test]
    fn a_relative_path_falls_back_only_when_it_leads_outside() {
        let r = resolve(
            "../../etc/queues.conf",
            Path::new("/x/p"),
            "p",
            &Settings::default(),
        );
        assert_eq!(r.written.display, "p/../../etc/queues.conf");
        assert_eq!(r.beside.as_ref().unwrap().display, "p/queues.conf");
        assert_eq!(r.fallback(&ReadError::NotFound), None);
        let outside = ReadError::OutsideTree {
            through_link: false,
        };
        assert_eq!(r.fallback(&outside), Some(Fallback::Outside));
        // A file named beside the main file has nothing else to fall back on.
        assert!(
            resolve("users.conf", Path::new("/x/p"), "p", &Settings::default())
                .beside
                .is_none()
        );
    }

    #[test]
    fn a_path_map_rewrites_the_prefix_relative_to_the_main_file() {
        let mut settings = Settings::default();
        settings.add_path_map("/opt/tibco/ems/config/data", "conf");
        let r = resolve(
            "/opt/tibco/ems/config/data/users.conf",
            Path::new("/x/p"),
            "p",
            &settings,
        );
        assert!(!r.unmapped_absolute);
        assert_eq!(r.written.path, Path::new("/x/p/conf/users.conf"));
        assert_eq!(r.written.display, "p/conf/users.conf");
        assert_eq!(r.fallback(&ReadError::NotFound), None);
    }
}
