//! `path:line:col: severity[CODE rule] message`, one finding a line, for grep and editors;
//! with `--discover`, ` [pair PRIMARY ↔ BACKUP]` at the end.

use std::fmt::Write;

use crate::pipeline::Report;
use crate::render::escape::{line, no_workflow_commands, Notation};
use crate::render::region;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let (path, row, column) = match finding.locations.first() {
            Some(location) => {
                let r = region(location);
                (
                    location.file.display.as_str(),
                    r.map_or(1, |r| r.line),
                    r.map_or(1, |r| r.column),
                )
            }
            None => (report.primary.as_str(), 1, 1),
        };
        let pair = finding.pair.as_ref().map_or(String::new(), |p| {
            format!(" [pair {}]", line(&p.describe()))
        });
        let _ = writeln!(
            out,
            "{}:{row}:{column}: {}[{} {}] {}{pair}",
            line(path),
            finding.severity.as_str(),
            finding.rule.code,
            finding.rule.name,
            line(&finding.message)
        );
    }
    no_workflow_commands(out, Notation::Text)
}
