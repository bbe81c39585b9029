use super::*;

#[test]
fn controls_c1_and_bidi_are_shown_as_rust_writes_them() {
    assert_eq!(
        line("a\u{1b}]0;t\u{7}b\u{1b}[31m"),
        "a\\u{1b}]0;t\\u{7}b\\u{1b}[31m"
    );
    assert_eq!(line("x\u{7f}\u{9b}\u{85}y"), "x\\u{7f}\\u{9b}\\u{85}y");
    assert_eq!(
        line("\u{202e}\u{2066}\u{2069}\u{200f}\u{2028}"),
        "\\u{202e}\\u{2066}\\u{2069}\\u{200f}\\u{2028}"
    );
    assert_eq!(line("\u{fffe}"), "\\u{fffe}");
}

#[test]
fn ordinary_text_is_borrowed_unchanged() {
    for text in ["queue `q.>` é ✔ ↔ tab\there", "", "日本語 \u{a0} \u{200b}"] {
        assert!(matches!(line(text), Cow::Borrowed(t) if t == text));
    }
}

#[test]
fn line_breaks_are_layout_only_in_lines() {
    assert_eq!(line("a\nb\r\nc\rd"), "a\\u{a}b\\u{d}\\u{a}c\\u{d}d");
    assert_eq!(
        visible("a\nb\r\nc\rd\r", Layout::Lines),
        "a\nb\r\nc\\u{d}d\\u{d}"
    );
}

#[test]
fn a_text_without_escapes_is_shared_not_copied() {
    let text: Arc<str> = Arc::from("queue q.>\r\n");
    assert!(Arc::ptr_eq(&Visible::new(&text, Layout::Lines).text, &text));
}

#[test]
fn offsets_map_past_every_escape() {
    let text = "a\u{1b}b\u{202e}c";
    let v = Visible::new(&Arc::from(text), Layout::Lines);
    assert_eq!(&*v.text, "a\\u{1b}b\\u{202e}c");
    let at = |s: &str| text.find(s).unwrap();
    assert_eq!(v.map(0), 0);
    assert_eq!(&v.text[v.map(at("b"))..v.map(at("b") + 1)], "b");
    assert_eq!(&v.text[v.map(at("c"))..], "c");
    assert_eq!(v.map(text.len()), v.text.len());
    // A span over an escaped character covers the whole escape.
    assert_eq!(&v.text[v.map(1)..v.map(2)], "\\u{1b}");
    assert_eq!(v.added_before(v.map(at("b"))), "\\u{1b}".len() - 1);
    assert_eq!(v.added_before(1), 0);
    assert_eq!(v.added_before(v.text.len()), v.text.len() - text.len());
}

#[test]
fn no_line_of_a_report_is_a_workflow_command() {
    let report = "ok\n::error::forged\n   ::warning file=x::y\nsee ##[stop-commands]t and ##[error]e\nIPv6 tcp://[::1]:7222\n";
    assert_eq!(
        no_workflow_commands(report.to_string(), Notation::Text),
        "ok\n\\u{3a}:error::forged\n   \\u{3a}:warning file=x::y\nsee ##\\u{5b}stop-commands]t and ##\\u{5b}error]e\nIPv6 tcp://[::1]:7222\n"
    );
    assert_eq!(
        no_workflow_commands(" ::x ##[y".into(), Notation::Markup),
        " &#x3a;:x ##&#x5b;y"
    );
    assert_eq!(
        no_legacy_commands("::error file=a::b ##[error]c\n".into(), Notation::Text),
        "::error file=a::b ##\\u{5b}error]c\n"
    );
    let clean = "nothing to see\n".to_string();
    assert_eq!(no_workflow_commands(clean.clone(), Notation::Json), clean);
}

#[test]
fn a_json_document_keeps_its_values_and_writes_no_raw_control() {
    let value =
        serde_json::json!({ "file": "p/q\u{1b}[31m\u{9b}\u{202e}.conf", "m": "##[error]x" });
    let text = json_document(serde_json::to_string_pretty(&value).unwrap());
    assert!(
        !text.contains(|c: char| c != '\n' && is_hostile(c)),
        "{text}"
    );
    assert!(!text.contains("##["));
    let back: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back, value);
}
