//! `startup_abort_list`: the conditions that make the server exit during its initialization.
//!
//! "You may specify any subset of the conditions in a comma-separated list. The list cannot
//! contain spaces between the elements, unless the elements are enclosed in starting and
//! ending double quotes. If a space is included but not enclosed in quotation marks, the
//! server ignores any conditions following the space. Conditions that do not appear in the
//! list are ignored by the server. The default is an empty list." (EMS 8.6 and 10.1
//! GUID-778F6CA4-F781-4891-98C3-A34AD6060DB4). The conditions are SSL, TRANSPORTS,
//! CONFIG_FILES, CONFIG_ERRORS and DB_FILES in 8.6 to 10.x; EMS 8.5.1 also lists MULTICAST
//! (multicast is deprecated since 8.3).

/// One condition the docs list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    Ssl,
    Transports,
    ConfigFiles,
    ConfigErrors,
    DbFiles,
    Multicast,
}

impl Condition {
    pub const ALL: [Condition; 6] = [
        Condition::Ssl,
        Condition::Transports,
        Condition::ConfigFiles,
        Condition::ConfigErrors,
        Condition::DbFiles,
        Condition::Multicast,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Condition::Ssl => "SSL",
            Condition::Transports => "TRANSPORTS",
            Condition::ConfigFiles => "CONFIG_FILES",
            Condition::ConfigErrors => "CONFIG_ERRORS",
            Condition::DbFiles => "DB_FILES",
            Condition::Multicast => "MULTICAST",
        }
    }

    /// The condition written `word` (any case, surrounding blanks ignored).
    pub fn named(word: &str) -> Option<Condition> {
        let word = word.trim();
        Condition::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(word))
    }
}

/// One element of the list as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element<'a> {
    /// As written, without surrounding blanks.
    pub text: &'a str,
    /// The documented condition it names, if any.
    pub condition: Option<Condition>,
}

/// The list as the server reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AbortList<'a> {
    /// The elements the server reads.
    pub read: Vec<Element<'a>>,
    /// The elements after an unquoted space, which the server ignores.
    pub dropped: Vec<Element<'a>>,
}

impl AbortList<'_> {
    /// Reads a list whose value is `value` (one pair of surrounding double quotes already
    /// removed; `quoted` says whether there was one). `spaces_end_the_list` is false for a
    /// value that comes from a JSON string, which has no unquoted spaces to end it.
    pub fn parse(value: &str, quoted: bool, spaces_end_the_list: bool) -> AbortList<'_> {
        let value = value.trim();
        let (read, rest) = if quoted || !spaces_end_the_list {
            (value, "")
        } else {
            match value.find(char::is_whitespace) {
                Some(at) => value.split_at(at),
                None => (value, ""),
            }
        };
        AbortList {
            read: elements(read),
            dropped: elements(rest),
        }
    }

    /// The server exits on `condition`.
    pub fn holds(&self, condition: Condition) -> bool {
        self.read.iter().any(|e| e.condition == Some(condition))
    }

    /// `condition` is written, but after an unquoted space.
    pub fn drops(&self, condition: Condition) -> bool {
        !self.holds(condition) && self.dropped.iter().any(|e| e.condition == Some(condition))
    }

    /// Elements that name no documented condition, read or dropped.
    pub fn unknown(&self) -> impl Iterator<Item = &Element<'_>> {
        self.read
            .iter()
            .chain(&self.dropped)
            .filter(|e| e.condition.is_none())
    }
}

/// The comma- (and, after a space, blank-) separated elements of `text`.
fn elements(text: &str) -> Vec<Element<'_>> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|text| Element {
            text,
            condition: Condition::named(text),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unquoted_space_ends_the_list() {
        let list = AbortList::parse("CONFIG_FILES, CONFIG_ERRORS,DB_FILES", false, true);
        assert!(list.holds(Condition::ConfigFiles));
        assert!(!list.holds(Condition::ConfigErrors));
        assert!(list.drops(Condition::ConfigErrors));
        assert!(list.drops(Condition::DbFiles));
        assert_eq!(list.dropped.len(), 2);
    }

    #[test]
    fn a_quoted_or_json_list_keeps_every_condition() {
        for list in [
            AbortList::parse("CONFIG_FILES, CONFIG_ERRORS", true, true),
            AbortList::parse("CONFIG_FILES, CONFIG_ERRORS", false, false),
        ] {
            assert!(list.holds(Condition::ConfigErrors));
            assert!(list.dropped.is_empty());
        }
    }

    #[test]
    fn conditions_are_read_in_any_case_and_unknown_ones_are_kept() {
        let list = AbortList::parse("config_errors,DB_FILE,,", false, true);
        assert!(list.holds(Condition::ConfigErrors));
        let unknown: Vec<&str> = list.unknown().map(|e| e.text).collect();
        assert_eq!(unknown, ["DB_FILE"]);
    }

    #[test]
    fn an_empty_list_holds_nothing() {
        let list = AbortList::parse("", false, true);
        assert!(list.read.is_empty() && list.dropped.is_empty());
        assert!(!list.holds(Condition::Ssl));
    }
}
