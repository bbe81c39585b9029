//! Test helper: finds the sample configuration files under `$EMSFTLINT_CORPUS`.

use std::path::PathBuf;

/// Regular files under `$EMSFTLINT_CORPUS` whose name `wanted` accepts, sorted; `None` if unset.
pub fn files(wanted: impl Fn(&str) -> bool) -> Option<Vec<PathBuf>> {
    let root = std::env::var_os("EMSFTLINT_CORPUS")?;
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name().to_str().is_some_and(&wanted))
        .map(walkdir::DirEntry::into_path)
        .collect();
    out.sort();
    Some(out)
}

/// Parses every corpus file whose name starts with `prefix` (templates such as `.erb` too) and
/// asserts that `errors_of` finds nothing in it and that `expected` files were read.
pub fn assert_parse_clean<E: std::fmt::Debug>(
    prefix: &str,
    errors_of: impl Fn(&str) -> Vec<E>,
    expected: usize,
) {
    let Some(files) = files(|n| n.starts_with(prefix)) else {
        return;
    };
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let errors = errors_of(&text);
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
    assert_eq!(files.len(), expected, "{prefix} under $EMSFTLINT_CORPUS");
}
