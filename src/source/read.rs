//! Bounded, safe reading: regular files only, never blocking on a FIFO or a device, each
//! file read once per run, and only under the directories a run may read ([`Roots`]).

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use super::{FileRef, SourceFile};

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    NotFound,
    NotAFile(&'static str),
    TooLarge {
        size: u64,
        cap: u64,
    },
    SymlinkLoop,
    /// The path leads outside the directories the run may read (`through_link`: only a
    /// symbolic link on its way takes it there). It was not opened.
    OutsideTree {
        through_link: bool,
    },
    /// Bytes that are no text EMS reads: UTF-16, or binary data.
    NotText(&'static str),
    Io(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotFound => write!(f, "does not exist"),
            ReadError::NotAFile(kind) => write!(f, "is {kind}, not a regular file"),
            ReadError::TooLarge { size, cap } => {
                write!(f, "is {size} bytes, above the {cap}-byte limit")
            }
            ReadError::SymlinkLoop => write!(f, "is a symbolic link loop"),
            ReadError::OutsideTree {
                through_link: false,
            } => {
                write!(f, "is outside the directories emsftlint reads")
            }
            ReadError::OutsideTree { through_link: true } => write!(
                f,
                "leads through a symbolic link outside the directories emsftlint reads"
            ),
            ReadError::NotText(kind) => write!(
                f,
                "is {kind}, not the UTF-8 (or ASCII) text EMS reads its configuration from"
            ),
            ReadError::Io(e) => write!(f, "cannot be read: {e}"),
        }
    }
}

/// Reads a regular file of at most `cap` bytes; never blocks on a FIFO or a device.
/// Only [`Reader`] calls it, after the containment check.
pub(super) fn read_file(path: &Path, display: String, cap: u64) -> Result<SourceFile, ReadError> {
    let bytes = read_bounded(path, cap)?;
    if let Some(kind) = not_text(&bytes) {
        return Err(ReadError::NotText(kind));
    }
    Ok(SourceFile::from_bytes(display, path.to_path_buf(), bytes))
}

/// Reads a file as [`read_file`] does, keeping its bytes undecoded (certificates and keys).
pub(super) fn read_binary(path: &Path, display: String, cap: u64) -> Result<SourceFile, ReadError> {
    let bytes = read_bounded(path, cap)?;
    Ok(SourceFile::from_raw(display, path.to_path_buf(), bytes))
}

/// Reads each file once per run, and only under its [`Roots`]: a path that leads outside
/// them (by `..`, by an absolute path, or through a symbolic link) is refused before it is
/// opened, whether or not it exists, so that nothing of it (not even its existence) reaches
/// a report. Both servers, and every parameter that names a file, share what was read from
/// one file, found by its canonical path (TIBCO's sample FT pair points both main files at
/// the same sub-files in one directory). A file named the same way gets the same
/// [`FileRef`]; named another way, a copy of its text under that name, not a second read.
/// What could not be read is reported to each reader as its own finding.
#[derive(Debug)]
pub struct Reader {
    roots: Roots,
    /// By canonical path and whether read as bytes: the one reading of that file.
    files: Mutex<HashMap<(PathBuf, bool), Arc<Reading>>>,
}

/// A file's one reading, done by whoever asks first while the others wait.
type Reading = OnceLock<Result<FileRef, ReadError>>;

impl Reader {
    /// A reader that reads only under `roots`.
    pub fn new(roots: Roots) -> Self {
        Reader {
            roots,
            files: Mutex::default(),
        }
    }

    /// [`read_file`] (or [`read_binary`]), once per file, when `path` is under the roots.
    pub fn read(
        &self,
        path: &Path,
        display: String,
        cap: u64,
        binary: bool,
    ) -> Result<FileRef, ReadError> {
        let canonical = self.roots.admit(path)?;
        let read = |display: String| {
            let file = if binary {
                read_binary(path, display, cap)
            } else {
                read_file(path, display, cap)
            };
            file.map(Arc::new)
        };
        let cell = self
            .files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry((canonical, binary))
            .or_default()
            .clone();
        match cell.get_or_init(|| read(display.clone())) {
            Ok(file) if file.display == display => Ok(file.clone()),
            Ok(file) => Ok(Arc::new(file.named(display, path.to_path_buf()))),
            Err(e) => Err(e.clone()),
        }
    }

    /// Whether `path` leads outside the roots, so that [`Reader::read`] would refuse it.
    pub fn leads_outside(&self, path: &Path) -> bool {
        matches!(self.roots.admit(path), Err(ReadError::OutsideTree { .. }))
    }

    /// The first bytes of a regular file under the roots (at most `len`), to tell what kind
    /// of file it is; `None` when it is not one or cannot be read.
    pub fn head(&self, path: &Path, len: usize) -> Option<Vec<u8>> {
        self.roots.admit(path).ok()?;
        if !fs::metadata(path).is_ok_and(|m| m.is_file()) {
            return None;
        }
        let file = open_nonblocking(path).ok()?;
        let mut head = Vec::with_capacity(len);
        file.take(len as u64).read_to_end(&mut head).ok()?;
        Some(head)
    }
}

/// The directories a run may read: each input's own directory and those allowed by
/// `--allow-path` or `allow_paths`, resolved through their symbolic links.
#[derive(Debug, Clone, Default)]
pub struct Roots {
    dirs: Vec<PathBuf>,
}

impl Roots {
    /// The roots `dirs` (relative ones from the current directory).
    pub fn new<P: AsRef<Path>>(dirs: impl IntoIterator<Item = P>) -> Roots {
        Roots {
            dirs: dirs
                .into_iter()
                .filter_map(|d| locate(d.as_ref()).ok().map(|l| l.physical))
                .collect(),
        }
    }

    /// Where `path` leads (its canonical path when it exists), when that is under a root.
    fn admit(&self, path: &Path) -> Result<PathBuf, ReadError> {
        let located = locate(path)?;
        if !self.holds(&located.physical) {
            return Err(ReadError::OutsideTree {
                through_link: self.holds(&located.lexical),
            });
        }
        if located.looped {
            return Err(ReadError::SymlinkLoop);
        }
        Ok(located.physical)
    }

    fn holds(&self, path: &Path) -> bool {
        self.dirs.iter().any(|root| path.starts_with(root))
    }
}

/// Where a path leads: as written with `.` and `..` taken away (`lexical`), and after every
/// symbolic link on its way, the last one included, is followed (`physical`). When the links
/// loop (`looped`), `physical` is where the walk gave up: a loop outside the roots is only
/// outside.
struct Located {
    lexical: PathBuf,
    physical: PathBuf,
    looped: bool,
}

/// How many symbolic links one path may pass through before it counts as a loop (Linux's
/// limit).
const MAX_LINKS: usize = 40;

/// Resolves `path` (relative ones from the current directory) as the system would open it,
/// component by component, without requiring that it exist: a missing component and what
/// follows are taken as written.
fn locate(path: &Path) -> Result<Located, ReadError> {
    use std::path::Component;
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| ReadError::Io(format!("the current directory: {}", e.kind())))?
            .join(path)
    };
    let mut lexical = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                lexical.pop();
            }
            other => lexical.push(other),
        }
    }
    // Components still to walk, the next one last.
    let mut pending: Vec<std::ffi::OsString> = Vec::new();
    let mut physical = PathBuf::new();
    push_all(&mut pending, &absolute);
    let mut links = 0;
    let mut missing = false;
    while let Some(part) = pending.pop() {
        let component = Path::new(&part);
        match component.components().next() {
            Some(Component::RootDir | Component::Prefix(_)) => physical.push(component),
            Some(Component::CurDir) | None => {}
            Some(Component::ParentDir) => {
                physical.pop();
            }
            Some(Component::Normal(_)) => {
                let next = physical.join(component);
                let link = if missing {
                    None
                } else {
                    match fs::symlink_metadata(&next) {
                        Ok(meta) if meta.file_type().is_symlink() => fs::read_link(&next).ok(),
                        Ok(_) => None,
                        Err(_) => {
                            missing = true;
                            None
                        }
                    }
                };
                match link {
                    Some(target) => {
                        links += 1;
                        if links > MAX_LINKS {
                            return Ok(Located {
                                lexical,
                                physical,
                                looped: true,
                            });
                        }
                        if target.is_absolute() {
                            physical = PathBuf::new();
                        }
                        push_all(&mut pending, &target);
                    }
                    None => physical = next,
                }
            }
        }
    }
    Ok(Located {
        lexical,
        physical,
        looped: false,
    })
}

/// Queues the components of `path` so that its first is walked next.
fn push_all(pending: &mut Vec<std::ffi::OsString>, path: &Path) {
    let parts: Vec<_> = path
        .components()
        .map(|c| c.as_os_str().to_owned())
        .collect();
    pending.extend(parts.into_iter().rev());
}

impl SourceFile {
    /// The same content under another name (secrets are marked again by whoever parses it).
    fn named(&self, display: String, path: PathBuf) -> SourceFile {
        match &self.bytes {
            Some(bytes) => SourceFile::from_raw(display, path, bytes.clone()),
            None => SourceFile::from_text(display, path, self.text.clone(), self.invalid_utf8_at),
        }
    }
}

fn read_bounded(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let meta = fs::metadata(path).map_err(|e| classify(path, e))?;
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(ReadError::NotAFile("a directory"));
    }
    if !kind.is_file() {
        return Err(ReadError::NotAFile(special_kind(&meta)));
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            cap,
        });
    }
    let file = open_nonblocking(path).map_err(|e| classify(path, e))?;
    // What was opened is what is read: a file swapped for a FIFO since is not read.
    let opened = file.metadata().map_err(|e| classify(path, e))?;
    if opened.is_dir() {
        return Err(ReadError::NotAFile("a directory"));
    }
    if !opened.file_type().is_file() {
        return Err(ReadError::NotAFile(special_kind(&opened)));
    }
    let mut bytes = Vec::with_capacity(opened.len().min(cap) as usize);
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| classify(path, e))?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            cap,
        });
    }
    Ok(bytes)
}

/// What bytes are when they are no text: UTF-16 (with a byte order mark, or ASCII text with
/// every other byte NUL), or binary data (a NUL byte anywhere).
fn not_text(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some("UTF-16 text (little-endian, with a byte order mark)");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some("UTF-16 text (big-endian, with a byte order mark)");
    }
    if !bytes.contains(&0) {
        return None;
    }
    let head = &bytes[..bytes.len().min(1024)];
    let nuls_at = |first: usize| {
        head.iter()
            .skip(first)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let pairs = head.len() / 2;
    let (even, odd) = (nuls_at(0), nuls_at(1));
    if pairs > 0 && even == 0 && odd * 10 >= pairs * 9 {
        return Some("UTF-16 text (little-endian, without a byte order mark)");
    }
    if pairs > 0 && odd == 0 && even * 10 >= pairs * 9 {
        return Some("UTF-16 text (big-endian, without a byte order mark)");
    }
    Some("binary data (it holds NUL bytes)")
}

/// Opens for reading without waiting for a writer, should the path be a FIFO by now.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn open_nonblocking(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    const O_NONBLOCK: i32 = 0o4000;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(O_NONBLOCK)
        .open(path)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn open_nonblocking(path: &Path) -> io::Result<fs::File> {
    fs::File::open(path)
}

fn classify(path: &Path, e: io::Error) -> ReadError {
    if e.kind() == io::ErrorKind::NotFound {
        // A dangling symlink also reports NotFound; a loop reports ELOOP (40 on Linux).
        if fs::symlink_metadata(path).is_ok() {
            return ReadError::Io("it is a symbolic link to nothing".into());
        }
        return ReadError::NotFound;
    }
    if e.raw_os_error() == Some(40) || e.raw_os_error() == Some(62) {
        return ReadError::SymlinkLoop;
    }
    ReadError::Io(e.kind().to_string())
}

#[cfg(unix)]
fn special_kind(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::Metadata) -> &'static str {
    "a special file"
}
