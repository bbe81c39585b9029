//! The commands of the binary: `main` hands the parsed command line to [`run`].

mod adopt;
mod check;
mod color;
mod completions;
mod fix;
mod options;
mod rule;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::render::escape::{self, Notation};
use crate::settings::SettingsError;

/// Runs one command line: `--list-rules`, `emsftlint rule`, `completions`, `man`, or a check. Exit 2 when the tool
/// cannot run.
pub fn run(cli: Cli) -> ExitCode {
    if cli.list_rules {
        print!("{}", rule::list_rules());
        return ExitCode::SUCCESS;
    }
    let outcome = match &cli.command {
        Some(Command::Rule { rule, format }) => return rule::explain(rule, *format),
        Some(Command::Completions { shell }) => completions::completions(*shell),
        Some(Command::Man) => completions::man(),
        None => match cli.fix_from {
            Some(from) => fix::run(&cli, from),
            None => check::run(&cli),
        },
    };
    match outcome {
        Ok(code) => code,
        Err(Fatal::Message(message)) => {
            // A message may quote a path from a tree or a configuration.
            let line = format!("emsftlint: {}\n", escape::line(&message));
            eprint!("{}", escape::no_workflow_commands(line, Notation::Text));
            ExitCode::from(2)
        }
        Err(Fatal::Settings(error)) => {
            let color = color::wanted(cli.color, std::io::stderr().is_terminal(), true);
            eprint!("{}", options::render_settings_error(&error, color));
            ExitCode::from(2)
        }
    }
}

/// Why the tool cannot run.
enum Fatal {
    Message(String),
    Settings(SettingsError),
}

/// Writes `text` to standard output; a reader that went away (a broken pipe) is no error.
fn write_stdout(text: &str) -> Result<(), Fatal> {
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Fatal::Message(format!("cannot write the report: {e}")))
        }
        _ => Ok(()),
    }
}
