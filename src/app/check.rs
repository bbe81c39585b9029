//! `emsftlint PRIMARY [BACKUP]` and `--discover`: lint, render the chosen format, write it,
//! exit 0 or 1.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use super::{adopt, color, options, write_stdout, Fatal};
use crate::cli::Cli;
use crate::render::{self, Extras, RenderOptions, Style};
use crate::settings::Settings;
use crate::{discover, lint, lint_against, Inputs, Report};

pub(super) fn run(cli: &Cli) -> Result<ExitCode, Fatal> {
    let settings = options::settings_from(cli)?;
    if cli.statistics && !render::has_statistics(cli.format) {
        return Err(Fatal::Message(format!(
            "--statistics works with --format human, concise or json, not {}",
            format_name(cli.format)
        )));
    }
    let report = if let Some(root) = &cli.discover {
        check_input(root)?;
        if !root.is_dir() {
            return Err(Fatal::Message(format!(
                "{}: --discover needs a directory",
                root.display()
            )));
        }
        let report = discover::discover(root, &settings);
        // A tree with something it could not read has findings to show; one with nothing
        // at all is a wrong directory.
        if report.pairs.as_ref().is_some_and(Vec::is_empty) && report.findings.is_empty() {
            return Err(Fatal::Message(no_server_under(root)));
        }
        report
    } else {
        let inputs = inputs(cli)?;
        match &cli.against {
            Some(json) => lint_against(&inputs, json, &settings),
            None => lint(&inputs, &settings),
        }
    };
    report_and_exit(cli, &settings, report)
}

/// Filters `report` through the baseline, renders it in the chosen format, writes it, and
/// says how to exit.
pub(super) fn report_and_exit(
    cli: &Cli,
    settings: &Settings,
    mut report: Report,
) -> Result<ExitCode, Fatal> {
    let baseline = adopt::apply_baseline(cli, settings, &mut report)?;
    let to_stdout = cli.output.is_none();
    let color = color::wanted(
        cli.color,
        to_stdout && std::io::stdout().is_terminal(),
        to_stdout,
    );
    colored::control::set_override(color);
    let text = render::render(
        cli.format,
        &report,
        &RenderOptions {
            style: Style {
                color,
                width: cli.width.unwrap_or_else(terminal_width),
            },
            fail_on: settings.fail_on,
            extras: Extras {
                statistics: cli.statistics,
                quiet: cli.quiet,
                baseline,
            },
        },
    );
    match &cli.output {
        Some(path) => std::fs::write(path, text.as_bytes()).map_err(|e| {
            Fatal::Message(format!("{}: cannot write the report: {e}", path.display()))
        })?,
        None => write_stdout(&text)?,
    }
    let failed = !cli.exit_zero && report.fails(settings.fail_on);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// PRIMARY [BACKUP] as given, checked: each path exists, and the inputs are a lint.
pub(super) fn inputs(cli: &Cli) -> Result<Inputs, Fatal> {
    let Some(primary) = &cli.primary else {
        return Err(Fatal::Message("no PRIMARY given".into()));
    };
    if !cli.extra.is_empty() {
        return Err(Fatal::Message(too_many_paths(cli)));
    }
    for path in std::iter::once(primary)
        .chain(&cli.backup)
        .chain(&cli.against)
    {
        check_input(path)?;
    }
    let inputs = Inputs {
        primary: primary.clone(),
        backup: cli.backup.clone(),
    };
    if let Some(refusal) = inputs.refusal(cli.against.as_deref()) {
        return Err(Fatal::Message(refusal));
    }
    Ok(inputs)
}

fn check_input(path: &Path) -> Result<(), Fatal> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() || m.is_file() => Ok(()),
        Ok(_) => Err(Fatal::Message(format!(
            "{}: is neither a directory nor a file",
            path.display()
        ))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Fatal::Message(format!(
            "{}: no such file or directory",
            path.display()
        ))),
        Err(e) => Err(Fatal::Message(format!("{}: {e}", path.display()))),
    }
}

/// `--discover` found no EMS server, and nothing it could not read.
fn no_server_under(root: &Path) -> String {
    format!(
        "{}: holds no EMS server configuration (no tibemsd*.conf, and no .json file with a `tibemsd` object; .git, target and hidden directories are not searched)",
        root.display()
    )
}

/// More than two paths: emsftlint lints one server or one pair.
fn too_many_paths(cli: &Cli) -> String {
    let given: Vec<String> = cli
        .primary
        .iter()
        .chain(&cli.backup)
        .chain(&cli.extra)
        .map(|p| p.display().to_string())
        .collect();
    format!(
        "at most two paths: PRIMARY, or PRIMARY BACKUP (one server or one pair); {} given ({}); for a tree of servers use --discover DIR",
        given.len(),
        given.join(", ")
    )
}

fn format_name(format: crate::cli::Format) -> String {
    use clap::ValueEnum;
    format
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_string())
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}
