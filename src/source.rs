//! Source files: bounded, safe reading, line and column lookup, and redaction of secrets.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// Files above this size are not read (a finding says so); `--max-file-size` may change it.
pub const DEFAULT_SIZE_CAP: u64 = 256 * 1024 * 1024;

/// One file the linter read, or tried to read.
pub struct SourceFile {
    /// The path as the user would write it: the argument given joined with the file's name.
    pub display: String,
    /// Where it was read from on this machine.
    pub path: PathBuf,
    /// The decoded text, without a UTF-8 BOM; empty when the file could not be read.
    pub text: String,
    /// Byte offset of the first byte that was not valid UTF-8 (decoded as U+FFFD).
    pub invalid_utf8_at: Option<usize>,
    /// The raw content of a file read as binary ([`read_binary`]: certificates and keys,
    /// which may be DER or PKCS#12). Such a file has no `text`, so that no renderer can
    /// quote key material.
    pub bytes: Option<Vec<u8>>,
    /// Set on a file generated from a JSON configuration ([`Origin`]): findings on it are
    /// moved to the JSON file before they are rendered.
    pub origin: Option<Origin>,
    /// Where each line starts, built on first use: only findings and quoted lines need it.
    line_starts: OnceLock<Vec<usize>>,
    secret_spans: Mutex<Vec<Range<usize>>>,
}

/// Where the text of a generated file comes from: each of its lines that stands for something
/// in a JSON file, and within a line the parts (a key, a value) written from one JSON value.
#[derive(Debug)]
pub struct Origin {
    /// The JSON file.
    pub file: FileRef,
    /// Sorted by position, never overlapping.
    pub lines: Vec<MappedLine>,
    /// Where a finding about the whole generated file points in the JSON file (`None`: the
    /// whole JSON file).
    pub whole: Option<Range<usize>>,
}

/// A generated line and the JSON text it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedLine {
    pub generated: Range<usize>,
    pub json: Range<usize>,
    pub parts: Vec<MappedPart>,
}

/// Part of a generated line written from one JSON value (or key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedPart {
    pub generated: Range<usize>,
    pub json: Range<usize>,
    /// The generated text is the JSON text byte for byte: offsets map one to one.
    pub exact: bool,
}

impl Origin {
    /// The JSON span a span of the generated file stands for: the part of a line that holds
    /// it (offset for offset when written as is), else its line, else (across lines) from the
    /// first line to the last; `whole` when no line of it comes from the JSON.
    pub fn map(&self, span: &Range<usize>) -> Option<Range<usize>> {
        let Some(first) = self.line_at(span.start) else {
            return self.whole.clone();
        };
        if span.end <= first.generated.end {
            // Parts may nest (`prefetch=1` holds `prefetch` and `1`): the smallest one.
            let part = first
                .parts
                .iter()
                .filter(|p| p.generated.start <= span.start && span.end <= p.generated.end)
                .min_by_key(|p| p.generated.len());
            return Some(match part {
                Some(p) if p.exact && p.generated.len() == p.json.len() => {
                    let offset = span.start - p.generated.start;
                    let len = span.end.max(span.start) - span.start;
                    p.json.start + offset..p.json.start + offset + len
                }
                Some(p) => p.json.clone(),
                None => first.json.clone(),
            });
        }
        let last = self.line_at(span.end.saturating_sub(1)).unwrap_or(first);
        Some(first.json.start.min(last.json.start)..first.json.end.max(last.json.end))
    }

    fn line_at(&self, offset: usize) -> Option<&MappedLine> {
        let i = self.lines.partition_point(|l| l.generated.end < offset);
        self.lines
            .get(i)
            .filter(|l| l.generated.start <= offset && offset <= l.generated.end)
    }
}

impl std::fmt::Debug for SourceFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Neither the text nor the bytes: they may hold passwords or key material.
        f.debug_struct("SourceFile")
            .field("display", &self.display)
            .field("path", &self.path)
            .field("text_len", &self.text.len())
            .field("bytes_len", &self.bytes.as_ref().map(Vec::len))
            .finish_non_exhaustive()
    }
}

/// A shared handle: findings point at the file they are about.
pub type FileRef = Arc<SourceFile>;

/// Line and column (1-based; columns count characters, `end_column` is exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    NotFound,
    NotAFile(&'static str),
    TooLarge { size: u64, cap: u64 },
    SymlinkLoop,
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
            ReadError::Io(e) => write!(f, "cannot be read: {e}"),
        }
    }
}

impl SourceFile {
    /// A file known only by its name: one that is missing, or the subject of a finding.
    pub fn absent(display: String, path: PathBuf) -> Self {
        Self::from_text(display, path, String::new(), None)
    }

    pub fn from_text(
        display: String,
        path: PathBuf,
        text: String,
        invalid_utf8_at: Option<usize>,
    ) -> Self {
        SourceFile {
            display,
            path,
            text,
            invalid_utf8_at,
            bytes: None,
            origin: None,
            line_starts: OnceLock::new(),
            secret_spans: Mutex::new(Vec::new()),
        }
    }

    /// A file generated from a JSON configuration: findings on it are moved to `origin`.
    pub fn generated(display: String, path: PathBuf, text: String, origin: Origin) -> Self {
        SourceFile {
            origin: Some(origin),
            ..Self::from_text(display, path, text, None)
        }
    }

    /// A file kept as raw bytes, with no text.
    pub fn from_raw(display: String, path: PathBuf, bytes: Vec<u8>) -> Self {
        SourceFile {
            bytes: Some(bytes),
            ..Self::from_text(display, path, String::new(), None)
        }
    }

    /// Decodes bytes: a UTF-8 BOM is dropped, invalid UTF-8 is replaced and remembered.
    pub fn from_bytes(display: String, path: PathBuf, bytes: Vec<u8>) -> Self {
        let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => rest.to_vec(),
            None => bytes,
        };
        match String::from_utf8(bytes) {
            Ok(text) => Self::from_text(display, path, text, None),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                Self::from_text(display, path, text, Some(at))
            }
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&s| s <= offset).max(1);
        let start = line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, column)
    }

    /// The line to name in a message for an offset: in the JSON file a generated file comes
    /// from (see [`Origin`]), else in this file.
    pub fn shown_line(&self, offset: usize) -> usize {
        match &self.origin {
            Some(origin) => origin
                .map(&(offset..offset))
                .map_or(1, |span| origin.file.line_col(span.start).0),
            None => self.line_col(offset).0,
        }
    }

    pub fn region(&self, span: &Range<usize>) -> Region {
        let (line, column) = self.line_col(span.start);
        let (end_line, end_column) = self.line_col(span.end.max(span.start));
        Region {
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The byte range of the whole line that holds `offset`, without its line ending.
    pub fn line_span(&self, offset: usize) -> Range<usize> {
        let (line, _) = self.line_col(offset);
        let start = self.line_starts()[line - 1];
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }

    /// Marks a span whose text must never be shown (a password, a hash).
    pub fn mark_secret(&self, span: Range<usize>) {
        if let Ok(mut spans) = self.secret_spans.lock() {
            spans.push(span);
        }
    }

    /// The text with every secret span masked by `*`, byte for byte, so spans stay valid.
    pub fn redacted_text(&self) -> Cow<'_, str> {
        let spans = match self.secret_spans.lock() {
            Ok(spans) if !spans.is_empty() => spans.clone(),
            _ => return Cow::Borrowed(&self.text),
        };
        let mut bytes = self.text.clone().into_bytes();
        for span in spans {
            let end = span.end.min(bytes.len());
            let start = span.start.min(end);
            for b in &mut bytes[start..end] {
                // Masking every byte of a multi-byte character keeps the text valid UTF-8.
                *b = b'*';
            }
        }
        Cow::Owned(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// A file's text as shown to people: every secret replaced by the same eight `*`, so that
/// not even its length shows, and a map from offsets in the file to offsets in the text.
#[derive(Debug)]
pub struct Shown {
    pub text: Arc<str>,
    /// (secret's range in the file, where its mask starts in the shown text)
    masks: Vec<(Range<usize>, usize)>,
}

pub const MASK: &str = "********";

impl Shown {
    /// Where a file offset lands in the shown text (inside a secret: within its mask).
    pub fn map(&self, offset: usize) -> usize {
        let mut shift: isize = 0;
        for (range, at) in &self.masks {
            if offset <= range.start {
                break;
            }
            if offset < range.end {
                return at + (offset - range.start).min(MASK.len());
            }
            shift += MASK.len() as isize - range.len() as isize;
        }
        offset.saturating_add_signed(shift)
    }
}

impl SourceFile {
    pub fn shown(&self) -> Shown {
        let mut spans = self
            .secret_spans
            .lock()
            .map(|s| s.clone())
            .unwrap_or_default();
        spans.sort_by_key(|s| s.start);
        let mut text = String::with_capacity(self.text.len());
        let mut masks: Vec<(Range<usize>, usize)> = Vec::new();
        let mut done = 0;
        for span in spans {
            let start = span.start.max(done).min(self.text.len());
            let end = span.end.min(self.text.len());
            if start >= end
                || !self.text.is_char_boundary(start)
                || !self.text.is_char_boundary(end)
            {
                continue;
            }
            text.push_str(&self.text[done..start]);
            masks.push((start..end, text.len()));
            text.push_str(MASK);
            done = end;
        }
        text.push_str(&self.text[done..]);
        Shown {
            text: Arc::from(text),
            masks,
        }
    }
}

/// Reads a regular file of at most `cap` bytes; never blocks on a FIFO or a device.
pub fn read_file(path: &Path, display: String, cap: u64) -> Result<SourceFile, ReadError> {
    let bytes = read_bounded(path, cap)?;
    Ok(SourceFile::from_bytes(display, path.to_path_buf(), bytes))
}

/// Reads a file as [`read_file`] does, keeping its bytes undecoded (certificates and keys).
pub fn read_binary(path: &Path, display: String, cap: u64) -> Result<SourceFile, ReadError> {
    let bytes = read_bounded(path, cap)?;
    Ok(SourceFile::from_raw(display, path.to_path_buf(), bytes))
}

/// Reads each file once per run. Both servers, and every parameter that names a file, share
/// what was read from one file, found by its canonical path (TIBCO's sample FT pair points
/// both main files at the same sub-files in one directory). A file named the same way gets
/// the same [`FileRef`]; named another way, a copy of its text under that name, not a second
/// read. What could not be read is reported to each reader as its own finding.
#[derive(Debug, Default)]
pub struct Reader {
    /// By canonical path and whether read as bytes: the one reading of that file.
    files: Mutex<HashMap<(PathBuf, bool), Arc<Reading>>>,
}

/// A file's one reading, done by whoever asks first while the others wait.
type Reading = OnceLock<Result<FileRef, ReadError>>;

impl Reader {
    pub fn new() -> Self {
        Self::default()
    }

    /// [`read_file`] (or [`read_binary`]), once per file.
    pub fn read(
        &self,
        path: &Path,
        display: String,
        cap: u64,
        binary: bool,
    ) -> Result<FileRef, ReadError> {
        let read = |display: String| {
            let file = if binary {
                read_binary(path, display, cap)
            } else {
                read_file(path, display, cap)
            };
            file.map(Arc::new)
        };
        // A path that does not resolve is read as given: that says what is wrong with it.
        let Ok(canonical) = fs::canonicalize(path) else {
            return read(display);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::from_text("f".into(), "f".into(), text.into(), None)
    }

    #[test]
    fn line_and_column_count_characters() {
        let f = file("ab\nçd = x\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(5), (2, 2));
        assert_eq!(f.line_col(999), (3, 1));
    }

    #[test]
    fn bom_is_dropped_and_invalid_utf8_remembered() {
        let f = SourceFile::from_bytes(
            "f".into(),
            "f".into(),
            b"\xEF\xBB\xBFa=1\nb=\xFF\n".to_vec(),
        );
        assert!(f.text.starts_with("a=1"));
        assert_eq!(f.invalid_utf8_at, Some(6));
        assert_eq!(f.line_col(6), (2, 3));
    }

    #[test]
    fn redaction_masks_secret_bytes_only() {
        let f = file("password = hunter2\nserver = x\n");
        f.mark_secret(11..18);
        let shown = f.redacted_text();
        assert!(!shown.contains("hunter2"));
        assert_eq!(shown.len(), f.text.len());
        assert!(shown.contains("server = x"));
    }

    #[test]
    fn shown_text_masks_secrets_to_a_fixed_width_and_maps_offsets() {
        let f = file("password = hunter2-long\nserver = x\n");
        f.mark_secret(11..23);
        let shown = f.shown();
        assert_eq!(&*shown.text, "password = ********\nserver = x\n");
        let server = f.text.find("server").unwrap();
        assert_eq!(
            &shown.text[shown.map(server)..shown.map(server + 6)],
            "server"
        );
        assert_eq!(shown.map(0), 0);
        assert_eq!(shown.map(11), 11);
        assert_eq!(shown.map(23), 19);
    }

    #[test]
    fn a_generated_span_maps_to_its_json_value_part_or_line() {
        let json = std::sync::Arc::new(file(
            "{\"tibemsd\": {\"ft_heartbeat\": 5, \"server\": \"EMS-A\"}}",
        ));
        let text = "ft_heartbeat = 5\nserver = EMS-A\nusers = users.conf\n";
        let j = |s: &str| {
            let at = json.text.find(s).unwrap();
            at..at + s.len()
        };
        let g = |s: &str| {
            let at = text.find(s).unwrap();
            at..at + s.len()
        };
        let origin = Origin {
            file: json.clone(),
            lines: vec![
                MappedLine {
                    generated: g("ft_heartbeat = 5"),
                    json: j("\"ft_heartbeat\": 5"),
                    parts: vec![MappedPart {
                        generated: g("5"),
                        json: j("5"),
                        exact: true,
                    }],
                },
                MappedLine {
                    generated: g("server = EMS-A"),
                    json: j("\"server\": \"EMS-A\""),
                    parts: vec![MappedPart {
                        generated: g("EMS-A"),
                        json: j("EMS-A"),
                        exact: true,
                    }],
                },
            ],
            whole: Some(j("\"tibemsd\"")),
        };
        assert_eq!(origin.map(&g("5")), Some(j("5")));
        assert_eq!(origin.map(&g("MS")), Some(j("MS")));
        assert_eq!(
            origin.map(&g("ft_heartbeat = 5")),
            Some(j("\"ft_heartbeat\": 5"))
        );
        assert_eq!(
            origin.map(&g("ft_heartbeat")),
            Some(j("\"ft_heartbeat\": 5"))
        );
        let both = origin.map(&g("ft_heartbeat = 5\nserver")).unwrap();
        assert_eq!(both.start, j("\"ft_heartbeat\"").start);
        assert_eq!(both.end, j("\"EMS-A\"").end);
        assert_eq!(origin.map(&g("users.conf")), Some(j("\"tibemsd\"")));
    }

    #[test]
    fn line_span_excludes_crlf() {
        let f = file("a = 1\r\nb = 2\r\n");
        assert_eq!(&f.text[f.line_span(8)], "b = 2");
    }

    #[test]
    fn binary_files_keep_their_bytes_and_have_no_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.der");
        std::fs::write(&path, b"\x30\x82\xFF\xFE-----BEGIN PRIVATE KEY-----").unwrap();
        let f = read_binary(&path, "k.der".into(), 100).unwrap();
        assert_eq!(
            f.bytes.as_deref(),
            Some(&b"\x30\x82\xFF\xFE-----BEGIN PRIVATE KEY-----"[..])
        );
        assert!(f.text.is_empty());
        assert_eq!(f.invalid_utf8_at, None);
        assert_eq!(
            read_binary(&path, "k.der".into(), 3).unwrap_err(),
            ReadError::TooLarge { size: 31, cap: 3 }
        );
    }

    #[test]
    fn a_file_is_read_once_whoever_names_it_and_however() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("users.conf");
        std::fs::write(&path, "a::\n").unwrap();
        let reader = Reader::new();
        let first = reader
            .read(&path, "p/users.conf".into(), 100, false)
            .unwrap();
        // Changed on disk after the first read: nobody sees the change, nothing is read again.
        std::fs::write(&path, "b::\n").unwrap();
        let again = reader
            .read(&path, "p/users.conf".into(), 100, false)
            .unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        let other = dir.path().join(".").join("users.conf");
        let renamed = reader
            .read(&other, "b/../p/users.conf".into(), 100, false)
            .unwrap();
        assert!(!Arc::ptr_eq(&first, &renamed));
        assert_eq!(renamed.text, "a::\n");
        assert_eq!(renamed.display, "b/../p/users.conf");
        // Read as bytes it is another reading (certificates keep their bytes).
        let binary = reader
            .read(&path, "p/users.conf".into(), 100, true)
            .unwrap();
        assert_eq!(binary.bytes.as_deref(), Some(&b"b::\n"[..]));
        // What cannot be read is an error for every reader.
        let missing = dir.path().join("nope.conf");
        for _ in 0..2 {
            assert_eq!(
                reader
                    .read(&missing, "nope".into(), 100, false)
                    .unwrap_err(),
                ReadError::NotFound
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn fifos_sockets_devices_loops_and_large_files_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        assert_eq!(
            read_file(&fifo, "f".into(), 10).unwrap_err(),
            ReadError::NotAFile("a FIFO")
        );
        let socket = dir.path().join("socket");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        assert_eq!(
            read_file(&socket, "s".into(), 10).unwrap_err(),
            ReadError::NotAFile("a socket")
        );
        assert_eq!(
            read_file(Path::new("/dev/null"), "d".into(), 10).unwrap_err(),
            ReadError::NotAFile("a device")
        );
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        assert_eq!(
            read_file(&a, "a".into(), 10).unwrap_err(),
            ReadError::SymlinkLoop
        );
        assert_eq!(
            Reader::new().read(&a, "a".into(), 10, false).unwrap_err(),
            ReadError::SymlinkLoop
        );
        let big = dir.path().join("big");
        std::fs::write(&big, "x".repeat(11)).unwrap();
        assert_eq!(
            read_file(&big, "big".into(), 10).unwrap_err(),
            ReadError::TooLarge { size: 11, cap: 10 }
        );
        assert!(read_file(&big, "big".into(), 11).is_ok());
    }

    #[test]
    fn directories_and_missing_files_are_not_read() {
        let dir = std::env::temp_dir();
        assert_eq!(
            read_file(&dir, "d".into(), 10).unwrap_err(),
            ReadError::NotAFile("a directory")
        );
        let missing = dir.join("emsftlint-no-such-file");
        assert_eq!(
            read_file(&missing, "m".into(), 10).unwrap_err(),
            ReadError::NotFound
        );
    }
}
