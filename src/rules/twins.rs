//! Twin findings: one fault both servers have, reported once with both sides' lines.

use std::collections::HashMap;
use std::hash::Hash;

use crate::finding::Finding;

/// Merges the findings a per-server rule raised on both servers about the same thing: each
/// comes with what it is about (the rule's entity and the values its message states, such as
/// a factory's name and URLs), and two of one `about` from the two servers become one finding
/// with both sides' lines. A second one on a side already there stays apart.
pub fn merge_twins<K: Eq + Hash>(found: Vec<(K, Finding)>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(found.len());
    let mut seen: HashMap<K, usize> = HashMap::new();
    for (about, finding) in found {
        let side = finding.locations.first().map(|l| l.side);
        match seen.get(&about) {
            Some(&i)
                if out[i].locations.first().map(|l| l.side) != side
                    && out[i].locations.iter().all(|l| Some(l.side) != side) =>
            {
                out[i].locations.extend(finding.locations);
            }
            _ => {
                seen.insert(about, out.len());
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
        let on = |side, message: &'static str| {
            (message, Finding::new(meta, message).at_file(side, &file))
        };
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
