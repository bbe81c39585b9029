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

    /// Attach the pair's clients: a TIBCO .tra, a Designer .substvar, a BusinessWorks
    /// .sharedjmscon or a jndi.properties file, or a directory searched for them (repeatable)
    #[arg(long, value_name = "PATH")]
    pub clients: Vec<PathBuf>,

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

    /// The FTL server cluster configuration (ftlserver.yml) of an FTL-store pair; without it,
    /// an ftlserver.yml (or .yaml) beside either main file is read
    #[arg(long, value_name = "FILE")]
    pub ftl_config: Option<PathBuf>,

    /// A host's mounts, `findmnt -J` output or an fstab: `primary=FILE`, `backup=FILE`, or
    /// FILE for both hosts (repeatable); checks that the shared store can be locked
    #[arg(long, value_name = "[HOST=]FILE")]
    pub mounts: Vec<String>,

    /// Read this config file instead of looking for emsftlint.toml
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Read no config file
    #[arg(long)]
    pub no_config: bool,

    /// Turn rules off: a code or name, a code prefix (FT1), a category (tls) or `all`; the
    /// most specific selector wins (repeatable)
    #[arg(short = 'A', long = "allow", value_name = "SELECTOR")]
    pub allow: Vec<String>,

    /// Report rules as warnings (a selector, as for --allow; repeatable)
    #[arg(short = 'W', long = "warn", value_name = "SELECTOR")]
    pub warn: Vec<String>,

    /// Report rules as errors (a selector, as for --allow; repeatable)
    #[arg(short = 'D', long = "deny", value_name = "SELECTOR")]
    pub deny: Vec<String>,

    /// Where each -A/-W/-D value stands on the command line, for "the later wins"
    /// ([`Cli::parse_ordered`] fills it; empty, they are taken -A, then -W, then -D)
    #[arg(skip)]
    pub level_positions: LevelPositions,

    /// Report only findings not in this baseline file (also `baseline` in emsftlint.toml)
    #[arg(long, value_name = "FILE", help_heading = "Adoption")]
    pub baseline: Option<PathBuf>,

    /// Write every current finding to this baseline file (pruning stale entries), then
    /// report as if linted against it
    #[arg(long, value_name = "FILE", help_heading = "Adoption")]
    pub write_baseline: Option<PathBuf>,

    /// Print a table of finding counts by rule (in the JSON document: `statistics`)
    #[arg(long, help_heading = "Adoption")]
    pub statistics: bool,

    /// Print findings only: no summary line, no table of pairs
    #[arg(short = 'q', long, help_heading = "Adoption")]
    pub quiet: bool,

    /// Files above this many bytes are not read (a finding says so)
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,

    /// List every rule and exit
    #[arg(long)]
    pub list_rules: bool,

    /// Edit the other server's files so that every equivalence and setting difference
    /// agrees with SIDE, then lint again (secrets and per-server parameters are never written)
    #[arg(long, value_enum, value_name = "SIDE", conflicts_with_all = ["discover", "against"])]
    pub fix_from: Option<FixFrom>,

    /// With --fix-from: print the change as a unified diff (for git apply or patch -p1) and
    /// write nothing; exit 1 when there is a change
    #[arg(long, requires = "fix_from")]
    pub diff: bool,

    /// Width of the human report (default: the terminal's, or 100)
    #[arg(long, hide = true)]
    pub width: Option<usize>,
}

/// The positions of the -A, -W and -D values among the command line's arguments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LevelPositions {
    pub allow: Vec<usize>,
    pub warn: Vec<usize>,
    pub deny: Vec<usize>,
}

impl Cli {
    /// This process's command line, with where each -A/-W/-D value stands (clap's
    /// `parse`, which exits with clap's message on bad arguments).
    pub fn parse_ordered() -> Cli {
        use clap::{CommandFactory, FromArgMatches};
        let matches = Cli::command().get_matches();
        let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
        let at = |id: &str| {
            matches
                .indices_of(id)
                .map(|i| i.collect())
                .unwrap_or_default()
        };
        cli.level_positions = LevelPositions {
            allow: at("allow"),
            warn: at("warn"),
            deny: at("deny"),
        };
        cli
    }
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

/// The side `--fix-from` makes the other agree with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FixFrom {
    Primary,
    Backup,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
