use super::diff::unified;
use super::text::{Edits, Lines, Place};

#[test]
fn a_change_next_to_a_secret_line_has_no_context_from_it() {
    let text = "a\nb\nuser:HASH:\nc\n";
    let secret = text.find("HASH").unwrap();
    let secrets = [std::ops::Range {
        start: secret,
        end: secret + 4,
    }];
    let lines = Lines::new(text, &secrets, true);
    let mut edits = Edits::default();
    edits.remove([3]);
    let new = edits.apply(&lines);
    let patch = unified("f", &lines, &new);
    assert!(!patch.contains("HASH"), "{patch}");
    assert!(patch.contains("-c\n"), "{patch}");
}

#[test]
fn lines_keep_their_endings_and_a_missing_final_newline() {
    let text = "a\r\nb";
    let lines = Lines::new(text, &[], true);
    let mut edits = Edits::default();
    edits.insert(&lines, Place::End, vec!["c".into()]);
    let new = edits.apply(&lines);
    assert_eq!(super::text::joined(&new), "a\r\nb\r\nc");
    let patch = unified("f", &lines, &new);
    assert_eq!(
        patch,
        "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\r\n-b\n\\ No newline at end of file\n+b\r\n+c\n\\ No newline at end of file\n"
    );
}

#[test]
fn patch_paths_are_relative_to_the_base() {
    use std::path::Path;
    let base = Path::new("/work/ems");
    assert_eq!(
        super::patch_path(Path::new("backup/./users.conf"), base),
        "backup/users.conf"
    );
    assert_eq!(
        super::patch_path(Path::new("/work/ems/b/q.conf"), base),
        "b/q.conf"
    );
    assert_eq!(
        super::patch_path(Path::new("/work/other/q.conf"), base),
        "../other/q.conf"
    );
}

#[test]
fn what_is_appended_to_an_entry_comes_before_a_new_entry_after_it() {
    let text = "[a]\n  x = 1\n[b]\n";
    let lines = Lines::new(text, &[], true);
    let mut edits = Edits::default();
    edits.insert(&lines, Place::After(1), vec!["[new]".into()]);
    edits.insert(&lines, Place::Append(1), vec!["  y = 2".into()]);
    edits.insert(&lines, Place::Before(2), vec!["# before b".into()]);
    let new = edits.apply(&lines);
    assert_eq!(
        super::text::joined(&new),
        "[a]\n  x = 1\n  y = 2\n[new]\n# before b\n[b]\n"
    );
}

#[test]
fn a_removed_line_and_its_replacement_are_one_hunk() {
    let text = "a\nb\nc\n";
    let lines = Lines::new(text, &[], true);
    let mut edits = Edits::default();
    edits.remove([1]);
    edits.insert(&lines, Place::Before(1), vec!["B".into()]);
    let new = edits.apply(&lines);
    assert_eq!(
        unified("f", &lines, &new),
        "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
    );
}
