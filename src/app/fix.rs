//! `--fix-from primary|backup [--diff]`: plan the fix, print it as a patch or write it, then
//! lint again. What the fix leaves to the operator goes to standard error, so that standard
//! output holds only the patch, or only the new report in the chosen format.

use std::io::IsTerminal;
use std::process::ExitCode;

use super::{check, options, write_stdout, Fatal};
use crate::cli::{Cli, FixFrom};
use crate::finding::Side;
use crate::fix::{self, Plan};
use crate::lint;
use crate::render::escape::{self, Notation};

pub(super) fn run(cli: &Cli, from: FixFrom) -> Result<ExitCode, Fatal> {
    let settings = options::settings_from(cli)?;
    let inputs = check::inputs(cli)?;
    let side = match from {
        FixFrom::Primary => Side::Primary,
        FixFrom::Backup => Side::Backup,
    };
    let base = std::env::current_dir()
        .map_err(|e| Fatal::Message(format!("cannot read the current directory: {e}")))?;
    let plan =
        fix::plan_inputs(&inputs, &settings, side, &base, cli.diff).map_err(Fatal::Message)?;
    if cli.diff {
        let patch = plan.patch();
        // A patch must keep its bytes to apply; on a terminal, configuration text is escaped.
        if std::io::stdout().is_terminal() {
            write_stdout(&escape::visible(&patch, escape::Layout::Lines))?;
        } else {
            write_stdout(&patch)?;
        }
        tell(&plan, side, false);
        return Ok(if patch.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    for file in &plan.files {
        write_file(&file.path, &file.new_text)
            .map_err(|e| Fatal::Message(format!("{}: cannot write the fix: {e}", file.display)))?;
    }
    tell(&plan, side, true);
    let report = lint(&inputs, &settings);
    check::report_and_exit(cli, &settings, report)
}

/// Writes `text` over the file at `path`, keeping its permissions: into a new file beside it,
/// then renamed over it, so that a failure leaves the old file whole.
fn write_file(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let permissions = std::fs::metadata(path)?.permissions();
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".emsftlint-fix");
    let temporary = std::path::PathBuf::from(temporary);
    std::fs::write(&temporary, text.as_bytes())?;
    std::fs::set_permissions(&temporary, permissions)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// What was (or would be) changed, and what is left to do by hand, on standard error.
fn tell(plan: &Plan, side: Side, written: bool) {
    let mut text = String::new();
    let verb = if written { "fixed" } else { "would fix" };
    for file in &plan.files {
        let mut parts = Vec::new();
        for (count, what) in [
            (file.inserted, "added"),
            (file.removed, "removed"),
            (file.rewritten, "rewritten"),
        ] {
            if count > 0 {
                parts.push(format!("{count} {what}"));
            }
        }
        text.push_str(&format!(
            "emsftlint: {verb} {} from {} ({})\n",
            file.display,
            side.as_str(),
            parts.join(", ")
        ));
    }
    if plan.files.is_empty() {
        text.push_str(&format!(
            "emsftlint: nothing to fix from {}\n",
            side.as_str()
        ));
    }
    for note in &plan.notes {
        text.push_str(&format!(
            "emsftlint: left for you: {}\n",
            escape::line(note)
        ));
    }
    eprint!("{}", escape::no_workflow_commands(text, Notation::Text));
}
