use super::*;
use std::path::Path;

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
    let reader = Reader::new(Roots::new([dir.path()]));
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
        Reader::new(Roots::new([dir.path()]))
            .read(&a, "a".into(), 10, false)
            .unwrap_err(),
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

#[cfg(unix)]
#[test]
fn only_paths_under_the_roots_are_read_whatever_links_and_dots_say() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let (root, outside) = (dir.path().join("root"), dir.path().join("outside"));
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(root.join("sub/in.conf"), "in\n").unwrap();
    std::fs::write(outside.join("secret.conf"), "secret\n").unwrap();
    symlink(outside.join("secret.conf"), root.join("file-link")).unwrap();
    symlink(&outside, root.join("dir-link")).unwrap();
    symlink(outside.join("none"), root.join("dangling-out")).unwrap();
    symlink("sub/in.conf", root.join("inner-link")).unwrap();
    symlink(outside.join("loop-b"), outside.join("loop-a")).unwrap();
    symlink(outside.join("loop-a"), outside.join("loop-b")).unwrap();
    symlink(outside.join("loop-a"), root.join("loop-out")).unwrap();
    symlink(root.join("loop-in-b"), root.join("loop-in-a")).unwrap();
    symlink(root.join("loop-in-a"), root.join("loop-in-b")).unwrap();
    // The root named through a link of its own is the same root.
    symlink(&root, dir.path().join("root-link")).unwrap();
    let reader = Reader::new(Roots::new([dir.path().join("root-link")]));
    let read = |path: PathBuf| {
        reader
            .read(&path, "x".into(), 100, false)
            .map(|f| f.text.clone())
    };
    let out = |through_link| Err(ReadError::OutsideTree { through_link });
    assert_eq!(read(root.join("sub/in.conf")), Ok("in\n".into()));
    assert_eq!(read(root.join("sub/../inner-link")), Ok("in\n".into()));
    assert_eq!(read(root.join("sub/../../outside/secret.conf")), out(false));
    assert_eq!(read(outside.join("secret.conf")), out(false));
    // Outside, a file that does not exist is refused the same way: nothing says it is absent.
    assert_eq!(read(outside.join("absent.conf")), out(false));
    assert_eq!(read(PathBuf::from("/etc/passwd")), out(false));
    assert_eq!(read(root.join("file-link")), out(true));
    assert_eq!(read(root.join("dir-link/secret.conf")), out(true));
    assert_eq!(read(root.join("dangling-out")), out(true));
    assert_eq!(
        read(root.join("sub/missing.conf")),
        Err(ReadError::NotFound)
    );
    // A loop is a loop inside the roots, and only outside them outside.
    assert_eq!(read(root.join("loop-in-a")), Err(ReadError::SymlinkLoop));
    assert_eq!(read(root.join("loop-out")), out(true));
    assert_eq!(read(outside.join("loop-a")), out(false));
    assert!(reader.leads_outside(&root.join("dangling-out")));
    assert!(!reader.leads_outside(&root.join("sub/missing.conf")));
    assert_eq!(reader.head(&root.join("file-link"), 10), None);
    assert_eq!(
        reader.head(&root.join("sub/in.conf"), 2),
        Some(b"in".to_vec())
    );
}
