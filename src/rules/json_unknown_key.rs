//! A key of a JSON configuration that EMS does not know. "Unknown parameters are silently
//! ignored" (EMS 10.1, GUID-DCF4C8FB-9D55-40F5-82DE-FB9E18FABBBF), so a misspelt key leaves
//! the default in force without a word.

use crate::finding::{Finding, RuleMeta, Severity, Side};
use crate::json_model::UnknownKey;
use crate::source::FileRef;

pub static META: RuleMeta = RuleMeta {
    code: "FT302",
    name: "json-unknown-key",
    severity: Severity::Warning,
    category: "hygiene",
    summary: "a key of tibemsd.json that EMS does not know and silently ignores",
};

crate::rules::reported_elsewhere!();

pub fn finding(side: Side, file: &FileRef, unknown: &UnknownKey) -> Finding {
    let mut message = format!(
        "unknown key `{}` in {}: EMS ignores it",
        unknown.key, unknown.place
    );
    if let Some(note) = &unknown.note {
        message.push_str(&format!(" ({note})"));
    }
    let finding = Finding::new(&META, message).at(side, file, unknown.span.clone());
    match &unknown.near {
        Some(near) => finding.help(format!("did you mean `{near}`?")),
        None => finding
            .help("remove it, or check the spelling against the EMS documentation of tibemsd.json"),
    }
}
