//! `emsftlint PRIMARY [BACKUP]` and `--discover`: lint, render the chosen format, write it,
//! exit 0 or 1.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use super::{options, write_stdout, Fatal};
use crate::cli::{Cli, ColorChoice};
use crate::render::{self, RenderOptions, Style};
use crate::{discover, lint, lint_against, Inputs};

pub(super) fn run(cli: &Cli) -> Result<ExitCode, Fatal> {
    let settings = options::settings_from(cli)?;
    let report = if let Some(root) = &cli.discover {
        check_input(root)?;
        if !root.is_dir() {
            return Err(Fatal::Message(format!(
                "{}: --discover needs a directory",
                root.display()
            )));
        }
        discover::discover(root, &settings)
    } else {
        let Some(primary) = &cli.primary else {
            return Err(Fatal::Message("no PRIMARY given".into()));
        };
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
        match &cli.against {
            Some(json) => lint_against(&inputs, json, &settings),
            None => lint(&inputs, &settings),
        }
    };
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            cli.output.is_none()
                && std::env::var_os("NO_COLOR").is_none()
                && std::io::stdout().is_terminal()
        }
    };
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

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}
