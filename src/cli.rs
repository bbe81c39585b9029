//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::settings::Mode;

#[derive(Debug, Parser)]
#[command(
    name = "emsftlint",
    version,
    about = "Proves that the two servers of a TIBCO EMS fault-tolerant pair agree",
    after_help = "Exit status: 0 no finding at or above --fail-on, 1 findings, 2 the tool could not run.",
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The primary server: a directory holding tibemsd.conf (or tibemsd.json), or the main
    /// file itself; a tibemsd.json alone is linted as the pair it describes
    #[arg(required_unless_present_any = ["list_rules", "discover"])]
    pub primary: Option<PathBuf>,

    /// The backup server; without it, PRIMARY is linted alone
    pub backup: Option<PathBuf>,

    /// Paths beyond PRIMARY and BACKUP, refused with a message that says what to give
    #[arg(hide = true)]
    pub extra: Vec<PathBuf>,

    /// Find every EMS server under DIR (tibemsd*.conf and tibemsd JSON files), pair those whose
    /// ft_active reaches the other's listen, and lint every pair and standalone server
    #[arg(long, value_name = "DIR", conflicts_with_all = ["primary", "backup", "extra", "against"])]
    pub discover: Option<PathBuf>,

    /// Check that this tibemsd.json says what the .conf pair says (its primary against
    /// PRIMARY, its secondary against BACKUP), as tibemsconf2json -secondaryconf would write it
    #[arg(long, value_name = "JSON")]
    pub against: Option<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Write the report to this file instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// When to use colour in the human format; auto honours NO_COLOR, then FORCE_COLOR and
    /// CLICOLOR_FORCE, then whether standard output is a terminal
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Exit 1 when a finding is at or above this severity
    #[arg(long, value_parser = ["error", "warning", "info"])]
    pub fail_on: Option<String>,

    /// Exit 0 even with findings (exit 2 still means the tool could not run)
    #[arg(long)]
    pub exit_zero: bool,

    /// Whether the pair shares one store (shared) or each keeps its own (unshared)
    #[arg(long, value_enum)]
    pub mode: Option<Mode>,

    /// Rewrite an absolute path prefix in the configs, e.g. /opt/tibco/ems/config=. (repeatable)
    #[arg(long, value_name = "FROM=TO")]
    pub path_map: Vec<String>,

    /// Also read files under DIR. Without it, only files under the inputs' directories are
    /// read: a path a configuration names elsewhere is reported, never opened (repeatable)
    #[arg(long, value_name = "DIR")]
    pub allow_path: Vec<PathBuf>,

    /// Read this config file instead of looking for emsftlint.toml
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Read no config file
    #[arg(long)]
    pub no_config: bool,

    /// Turn a rule off (code or name; repeatable)
    #[arg(short = 'A', long = "allow", value_name = "RULE")]
    pub allow: Vec<String>,

    /// Report a rule as a warning (repeatable)
    #[arg(short = 'W', long = "warn", value_name = "RULE")]
    pub warn: Vec<String>,

    /// Report a rule as an error (repeatable)
    #[arg(short = 'D', long = "deny", value_name = "RULE")]
    pub deny: Vec<String>,

    /// Files above this many bytes are not read (a finding says so)
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,

    /// List every rule and exit
    #[arg(long)]
    pub list_rules: bool,

    /// Width of the human report (default: the terminal's, or 100)
    #[arg(long, hide = true)]
    pub width: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Explain a rule: what it checks, why, an example and the fix
    Rule {
        /// The rule's code (FT003) or name (ft-active-not-reciprocal)
        rule: String,
        /// Print the page as text or as JSON
        #[arg(long, value_enum, default_value_t = DocFormat::Text)]
        format: DocFormat,
    },
    /// Print a completion script for SHELL on standard output
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on standard output
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// miette diagnostics with both sides and diffs
    Human,
    /// path:line:col: severity[CODE rule] message
    Concise,
    /// the versioned JSON document
    Json,
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// JUnit XML, for CI dashboards
    Junit,
    /// a self-contained HTML page
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
