//! Embeds every rule's documentation page (`rules/<CODE>.toml`) in the binary.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    pages.sort();
    let mut code = String::from(
        "/// Every `rules/<CODE>.toml`, by file stem.\npub static PAGES: &[(&str, &str)] = &[\n",
    );
    for page in &pages {
        println!("cargo:rerun-if-changed={}", page.display());
        let stem = page.file_stem().unwrap_or_default().to_string_lossy();
        let _ = writeln!(
            code,
            "    ({stem:?}, include_str!({:?})),",
            page.display().to_string()
        );
    }
    code.push_str("];\n");
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("rule_pages.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
