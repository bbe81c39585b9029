//! Destination names: EMS wildcards (formats.md §5).

/// Whether a destination name has a wildcard element (`*`, or `>` at the end).
pub fn is_wildcard(name: &str) -> bool {
    name.bytes().any(|b| b == b'*' || b == b'>')
        && name
            .split('.')
            .any(|element| element == "*" || element == ">")
}

/// EMS wildcard matching of a destination name against a pattern: `*` is exactly one
/// element, `>` as the last element is one or more remaining elements (formats.md §5).
/// Anything else matches literally, `*` and `>` in the name included.
pub fn wildcard_match(pattern: &str, name: &str) -> bool {
    let mut pattern = pattern.split('.').peekable();
    let mut name = name.split('.');
    loop {
        match (pattern.next(), name.next()) {
            (None, None) => return true,
            (Some(">"), Some(_)) if pattern.peek().is_none() => return true,
            (Some("*"), Some(_)) => {}
            (Some(p), Some(n)) if p == n => {}
            _ => return false,
        }
    }
}

/// Whether `pattern` matches every name that `other` (a name or a pattern) matches: `>` as
/// the last element covers any rest, `*` covers one element other than a trailing `>`, a
/// literal only itself.
pub fn covers(pattern: &str, other: &str) -> bool {
    let mut pattern = pattern.split('.').peekable();
    let mut other = other.split('.').peekable();
    loop {
        match (pattern.next(), other.next()) {
            (None, None) => return true,
            (Some(">"), Some(_)) if pattern.peek().is_none() => return true,
            (Some(_), Some(">")) if other.peek().is_none() => return false,
            (Some("*"), Some(_)) => {}
            (Some(p), Some(o)) if p == o => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wildcard_is_a_star_or_a_trailing_greater_than_element() {
        assert!(is_wildcard(">") && is_wildcard("a.*.c") && !is_wildcard("a*b.c"));
    }

    #[test]
    fn wildcards_follow_ems_semantics() {
        assert!(wildcard_match("$TMP$.>", "$TMP$.a"));
        assert!(wildcard_match("$TMP$.>", "$TMP$.a.b.c"));
        assert!(!wildcard_match("$TMP$.>", "$TMP$"));
        assert!(wildcard_match("sample.*", "sample.x"));
        assert!(!wildcard_match("sample.*", "sample.x.y"));
        assert!(!wildcard_match("sample.*", "sample"));
        assert!(wildcard_match("a.*.c", "a.b.c"));
        assert!(!wildcard_match("a.*.c", "a.b.d"));
        assert!(wildcard_match(">", "anything.at.all"));
        assert!(wildcard_match(">", ">"));
        assert!(wildcard_match("orders.in", "orders.in"));
        assert!(!wildcard_match("orders.in", "orders.input"));
        assert!(!wildcard_match("Orders.in", "orders.in"));
        // `>` only means "the rest" as the last element.
        assert!(!wildcard_match("a.>.c", "a.b.c"));
        assert!(wildcard_match("a.>.c", "a.>.c"));
        // A wildcard destination is matched like any name.
        assert!(wildcard_match("sample.>", "sample.>"));
    }

    #[test]
    fn a_pattern_covers_what_it_matches_in_full() {
        assert!(covers(">", "orders.>"));
        assert!(covers("orders.>", "orders.*"));
        assert!(covers("orders.>", "orders.a.>"));
        assert!(covers("orders.*", "orders.*"));
        assert!(covers("*.*", "orders.a"));
        assert!(!covers("orders.*", "orders.>"));
        assert!(!covers("orders.a", "orders.*"));
        assert!(!covers("orders.>", "orders"));
        assert!(!covers("a.*.c", "a.>"));
    }
}
