use super::*;

fn ok(text: &str) -> Node {
    let doc = parse(text);
    assert!(doc.errors.is_empty(), "{text}: {:?}", doc.errors);
    doc.root.expect("a value")
}

fn errors(text: &str) -> Vec<(usize, String)> {
    parse(text)
        .errors
        .into_iter()
        .map(|e| (e.span.start, e.message))
        .collect()
}

#[test]
fn values_keep_their_spans() {
    let text =
        "{\n  \"server\": \"EMS-A\",\n  \"ft_heartbeat\": 5,\n  \"ok\": true,\n  \"n\": null\n}";
    let root = ok(text);
    assert_eq!(root.span, 0..text.len());
    let members = root.as_object().unwrap();
    assert_eq!(members.len(), 4);
    assert_eq!(&text[members[0].key_span.clone()], "\"server\"");
    assert_eq!(&text[members[0].value.span.clone()], "\"EMS-A\"");
    assert_eq!(&text[members[0].value.value_span()], "EMS-A");
    assert_eq!(&text[members[1].value.span.clone()], "5");
    assert_eq!(members[1].value.value, Value::Number("5".into()));
    assert_eq!(members[2].value.value, Value::Bool(true));
    assert_eq!(members[3].value.value, Value::Null);
    assert_eq!(&text[members[1].span()], "\"ft_heartbeat\": 5");
}

#[test]
fn nesting_arrays_and_objects() {
    let text = r#"{"a":[{"b":[1,[2,{}]]},[]],"c":{"d":{"e":"f"}}}"#;
    let root = ok(text);
    let a = root.get("a").unwrap().as_array().unwrap();
    assert_eq!(a.len(), 2);
    let b = a[0].get("b").unwrap().as_array().unwrap();
    assert_eq!(&text[b[1].span.clone()], "[2,{}]");
    let e = root
        .get("c")
        .and_then(|c| c.get("d"))
        .and_then(|d| d.get("e"));
    assert_eq!(e.and_then(Node::as_str), Some("f"));
}

#[test]
fn escapes_are_decoded_and_mark_the_string_inexact() {
    let root = ok(r#"["tcp:\/\/host:7222", "a\"b\\c\n\t", "plain", "\u00e9\u20ac"]"#);
    let items = root.as_array().unwrap();
    let s = |i: usize| match &items[i].value {
        Value::Str(s) => s.clone(),
        _ => panic!("not a string"),
    };
    assert_eq!(s(0).text, "tcp://host:7222");
    assert!(!s(0).exact);
    assert_eq!(s(1).text, "a\"b\\c\n\t");
    assert_eq!(s(2).text, "plain");
    assert!(s(2).exact);
    assert_eq!(s(3).text, "é€");
}

#[test]
fn unicode_text_and_surrogate_pairs() {
    let text = "{\"description\": \"Zürich ✓\", \"e\": \"\\ud83d\\ude00\", \"lone\": \"\\ud800x\"}";
    let root = ok(text);
    let d = root.get("description").unwrap();
    assert_eq!(d.as_str(), Some("Zürich ✓"));
    assert_eq!(&text[d.value_span()], "Zürich ✓");
    assert_eq!(root.get("e").and_then(Node::as_str), Some("😀"));
    assert_eq!(root.get("lone").and_then(Node::as_str), Some("\u{FFFD}x"));
}

#[test]
fn numbers_as_written() {
    let root = ok("[0, -1, 2.5, 1e3, 6E-2]");
    let raw: Vec<String> = root
        .as_array()
        .unwrap()
        .iter()
        .map(|n| match &n.value {
            Value::Number(s) => s.clone(),
            _ => panic!(),
        })
        .collect();
    assert_eq!(raw, ["0", "-1", "2.5", "1e3", "6E-2"]);
    assert_eq!(
        errors("[01]"),
        vec![(1, "`01`: a JSON number has no leading zero".into())]
    );
}

#[test]
fn a_missing_comma_is_reported_and_the_rest_is_read() {
    let text = "{\n  \"a\": 1\n  \"b\": 2\n}";
    let doc = parse(text);
    assert_eq!(doc.errors.len(), 1);
    assert_eq!(doc.errors[0].span.start, text.find("\"b\"").unwrap());
    let root = doc.root.unwrap();
    assert_eq!(root.as_object().unwrap().len(), 2);
}

#[test]
fn a_bad_element_is_skipped_to_the_next_one() {
    // A shell placeholder left in a template, between two elements.
    let text = "{\"users\": [\n  $tibAdminUser\n  {\"name\": \"admin\"}\n], \"x\": 1}";
    let doc = parse(text);
    assert_eq!(doc.errors.len(), 1, "{:?}", doc.errors);
    assert_eq!(doc.errors[0].span.start, text.find('$').unwrap());
    assert!(
        doc.errors[0].message.contains("expected a value"),
        "{:?}",
        doc.errors
    );
    let root = doc.root.unwrap();
    // The placeholder is skipped: the element after it is read, and the rest too.
    let users = root.get("users").and_then(Node::as_array).unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].get("name").and_then(Node::as_str), Some("admin"));
    assert!(root.get("x").is_some());
}

#[test]
fn trailing_commas_unclosed_brackets_and_strings_are_errors() {
    assert_eq!(
        errors("[1,]"),
        vec![(3, "a `,` before `]`: JSON has no trailing comma".into())]
    );
    assert_eq!(
        errors("{\"a\": 1,}"),
        vec![(8, "a `,` before `}`: JSON has no trailing comma".into())]
    );
    assert_eq!(
        errors("[1, 2"),
        vec![(0, "this `[` is never closed with `]`".into())]
    );
    assert_eq!(
        errors("{\"a\": \"b\n}")[0],
        (
            6,
            "the string is not closed before the end of the line".into()
        )
    );
    assert_eq!(errors(""), vec![(0, "the file holds no JSON value".into())]);
    assert_eq!(
        errors("{} x"),
        vec![(3, "text after the end of the JSON value: `x`".into())]
    );
    assert_eq!(
        errors("{'a': 1}")[0],
        (1, "keys must be in double quotes".into())
    );
    assert_eq!(
        errors("{\"a\" 1}")[0],
        (5, "expected `:` after the key \"a\"".into())
    );
    assert_eq!(
        errors("[\"\\x\"]")[0],
        (
            2,
            "`\\x` is not a JSON escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)".into()
        )
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let doc = parse(&text);
    assert_eq!(doc.errors.len(), 1);
    assert!(doc.errors[0].message.contains("nested"));
    let unclosed = "[{".repeat(50_000);
    let doc = parse(&unclosed);
    assert!(!doc.errors.is_empty());
}

#[test]
fn never_panics_on_any_prefix_or_byte_soup() {
    let text = r#"{"tibemsd": {"server": "A\u00e9", "primary_listens": [{"url": "tcp://7222", "ft_active": true}]}, "users": [{"name": "é", "password": null}], "n": -1.5e+3}"#;
    for end in 0..=text.len() {
        if text.is_char_boundary(end) {
            let _ = parse(&text[..end]);
        }
    }
    // Random text from JSON's own characters: every parse ends, without a panic.
    let alphabet: Vec<char> = "{}[]:,\"\\ \nu0123456789abcdeftrlsn-+.eE$é"
        .chars()
        .collect();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..2_000 {
        let mut text = String::new();
        for _ in 0..(seed % 64) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        let doc = parse(&text);
        for e in &doc.errors {
            assert!(
                e.span.start <= e.span.end && e.span.end <= text.len(),
                "{text:?}"
            );
            assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        }
    }
    for soup in [
        "{[}]",
        "]]]",
        "{{{{",
        "\"\\u12",
        "[\"\\ud800\\u",
        "{\"a\":}",
        "[,,]",
        "-",
        "tru",
        "{\"a\"",
        "\u{0}",
    ] {
        let _ = parse(soup);
    }
}
