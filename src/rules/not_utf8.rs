//! A file that is not valid UTF-8. `tibemsconf2json -confencoding` shows EMS files may use
//! other encodings, so this is a warning: the file is read with replacement characters.

use crate::finding::{RuleMeta, Severity};

pub static META: RuleMeta = RuleMeta {
    code: "FT907",
    name: "not-utf8",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "a file is not valid UTF-8",
};

crate::rules::reported_elsewhere!();
