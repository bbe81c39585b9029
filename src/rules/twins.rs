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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Side;
    use crate::source::{FileRef, SourceFile};

    #[test]
    fn one_fault_on_both_servers_is_one_finding_with_both_sides() {
        let meta = &crate::rules::hygiene::route_to_self::META;
        let file: FileRef = std::sync::Arc::new(SourceFile::from_text(
            "routes.conf".into(),
            "routes.conf".into(),
            String::new(),
            None,
        ));
        let on = |side, message: &str| Finding::new(meta, message).at_file(side, &file);
        let merged = merge_twins(vec![
            on(Side::Primary, "same"),
            on(Side::Primary, "other"),
            on(Side::Backup, "same"),
            on(Side::Primary, "same"),
        ]);
        let sides: Vec<(&str, Vec<Side>)> = merged
            .iter()
            .map(|f| {
                let sides = f.locations.iter().map(|l| l.side).collect();
                (f.message.as_str(), sides)
            })
            .collect();
        // The first keeps its place; a second one on a side already there stays apart.
        assert_eq!(
            sides,
            [
                ("same", vec![Side::Primary, Side::Backup]),
                ("other", vec![Side::Primary]),
                ("same", vec![Side::Primary]),
            ]
        );
    }
}
