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
