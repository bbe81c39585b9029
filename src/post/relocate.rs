//! Findings on files generated from a JSON configuration, moved back to the JSON text.

use std::collections::HashSet;

use crate::finding::{Finding, Location};

/// Moves every location on a file generated from a JSON configuration to the JSON text it
/// was written from. Both servers of a JSON pair come from one file, so the same fault may
/// now be reported twice at one place, for each server: once is kept (the primary's).
pub fn relocate(findings: Vec<Finding>) -> Vec<Finding> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(findings.len());
    for mut finding in findings {
        let mut moved = false;
        for location in &mut finding.locations {
            if let Some(origin) = &location.file.origin {
                let span = match &location.span {
                    Some(span) => origin.map(span),
                    None => origin.whole.clone(),
                };
                location.file = origin.file.clone();
                location.span = span;
                moved = true;
            }
        }
        let is_json = |l: &Location| l.file.display.to_ascii_lowercase().ends_with(".json");
        if !moved && !finding.locations.iter().any(is_json) {
            out.push(finding);
            continue;
        }
        let mut places = Vec::new();
        finding.locations.retain(|l| {
            let place = (l.file.display.clone(), l.span.clone());
            if places.contains(&place) {
                false
            } else {
                places.push(place);
                true
            }
        });
        // A per-server rule says the same of both servers of one file but for their names;
        // two faults at one place (a `tibemsd` object with neither list of listens) differ in
        // what they say.
        let said = finding.message.replace("primary", "").replace("backup", "");
        let key = (finding.rule.code, said, places);
        if seen.insert(key) {
            out.push(finding);
        }
    }
    out
}
