//! `emsftlint completions SHELL` and `emsftlint man`: generated from the command line's own
//! definition, so they always name the flags this binary has.

use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{write_stdout, Fatal};
use crate::cli::Cli;

const BIN: &str = "emsftlint";

/// The completion script for `shell`.
pub(super) fn completions(shell: Shell) -> Result<ExitCode, Fatal> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, BIN, &mut script);
    write_stdout(&String::from_utf8_lossy(&script))?;
    Ok(ExitCode::SUCCESS)
}

/// The man page, emsftlint(1), in roff: clap's sections, then the subcommands, exit status,
/// environment and files on the same page (there are no emsftlint-rule(1) pages to point at).
pub(super) fn man() -> Result<ExitCode, Fatal> {
    let command = Cli::command();
    let page = clap_mangen::Man::new(command.clone());
    let mut roff = Vec::new();
    let clap_sections = page
        .render_title(&mut roff)
        .and_then(|()| page.render_name_section(&mut roff))
        .and_then(|()| page.render_synopsis_section(&mut roff))
        .and_then(|()| page.render_description_section(&mut roff))
        .and_then(|()| page.render_options_section(&mut roff));
    clap_sections.map_err(|e| Fatal::Message(format!("cannot write the man page: {e}")))?;
    let mut text = String::from_utf8_lossy(&roff).into_owned();
    text.push_str(".SH SUBCOMMANDS\n");
    for sub in command.get_subcommands() {
        let mut sub = sub.clone().bin_name(format!("{BIN} {}", sub.get_name()));
        let usage = sub.render_usage().to_string();
        let usage = usage.trim_start_matches("Usage: ");
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        text.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            escape(usage),
            escape(&about)
        ));
    }
    for (title, paragraphs) in SECTIONS {
        text.push_str(&format!(".SH {title}\n"));
        for (tag, body) in *paragraphs {
            text.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", escape(tag), escape(body)));
        }
    }
    text.push_str(&format!(".SH VERSION\nv{}\n", env!("CARGO_PKG_VERSION")));
    write_stdout(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The page's own sections: (title, [(tag, paragraph)]).
const SECTIONS: &[(&str, &[(&str, &str)])] = &[
    (
        "EXIT STATUS",
        &[
            ("0", "No finding at or above --fail-on (default warning), or --exit-zero."),
            ("1", "Findings at or above --fail-on."),
            ("2", "emsftlint could not run: bad arguments, a path that does not exist, an invalid emsftlint.toml."),
        ],
    ),
    (
        "ENVIRONMENT",
        &[
            ("NO_COLOR", "Set and not empty: no colour, unless --color always."),
            ("FORCE_COLOR, CLICOLOR_FORCE", "Set and not empty (and not 0): colour even when standard output is not a terminal, unless --color never or NO_COLOR."),
            ("EMSFTLINT_NOW", "The time certificates are checked at: an RFC 3339 date or date-time, or unix seconds."),
            ("COLUMNS", "The width of the human report (default 100)."),
        ],
    ),
    (
        "FILES",
        &[(
            "emsftlint.toml",
            "Read from the current directory or its nearest ancestor that has one, unless --config FILE or --no-config.",
        )],
    ),
];

/// Text as roff shows it literally: backslashes and hyphens escaped, no line read as a request.
fn escape(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    text.lines()
        .map(|line| {
            if line.starts_with(['.', '\'']) {
                format!("\\&{line}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
