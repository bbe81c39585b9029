//! Twin findings: one fault both servers have, reported once with both sides' lines.

use std::collections::HashMap;

use crate::finding::Finding;

/// Merges the findings a per-server rule raised on both servers when they say the same
/// thing (both servers' files have the same fault): one finding with both sides' lines.
pub fn merge_twins(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    let mut seen: HashMap<(&'static str, String), usize> = HashMap::new();
    for finding in findings {
        let side = finding.locations.first().map(|l| l.side);
        let key = (finding.rule.code, finding.message.clone());
        match seen.get(&key) {
            Some(&i)
                if out[i].locations.first().map(|l| l.side) != side
                    && out[i].locations.iter().all(|l| Some(l.side) != side) =>
            {
                out[i].locations.extend(finding.locations);
            }
            _ => {
                seen.insert(key, out.len());
                out.push(finding);
            }
        }
    }
    out
}
