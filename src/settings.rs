//! `emsftlint.toml` and the command-line options that override it (DESIGN §4).

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::ems::host::{Host, HostMatch};
use crate::finding::{RuleMeta, Severity, Side};
use crate::source::DEFAULT_SIZE_CAP;

pub(crate) const FILE_NAME: &str = "emsftlint.toml";

/// The default of `tls_expiry_warning_days`.
pub const DEFAULT_TLS_EXPIRY_WARNING_DAYS: u32 = 30;

/// Overrides the time certificates are checked at, for reproducible reports and tests:
/// an RFC 3339 date or date-time (`2026-11-22`, `2026-11-22T08:00:00Z`) or unix seconds.
pub const NOW_VARIABLE: &str = "EMSFTLINT_NOW";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// One store both servers reach (TIBCO's "shared state"): the default.
    #[default]
    Shared,
    /// Each server keeps its own state: everything must be identical.
    Unshared,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Allow,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Allow => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// Everything that tunes a run, from the config file and the command line.
#[derive(Debug, Clone)]
pub struct Settings {
    pub mode: Mode,
    pub fail_on: Severity,
    /// Per-rule level by code; a rule absent here keeps its default severity.
    pub levels: HashMap<&'static str, Level>,
    pub ignore_destinations: Vec<String>,
    /// Groups of host names that mean the same machine, lower case.
    pub host_aliases: Vec<Vec<Host>>,
    /// Prefix rewrites for absolute paths in the configs, longest first.
    pub path_maps: Vec<(String, String)>,
    /// Directories that may be read besides those of the inputs (`--allow-path`,
    /// `allow_paths`): a file a configuration names anywhere else is not opened.
    pub allow_paths: Vec<PathBuf>,
    pub size_cap: u64,
    /// The knobs of the settings rules (`setting-mismatch`).
    pub parameters: ParameterOptions,
    /// The knobs of the client rules (`ft-token-queue`).
    pub clients: ClientOptions,
    /// The knobs of the TLS rules (`tls-cert-expiring`).
    pub tls: TlsOptions,
    /// What the pair runs on besides its EMS files: `--ftl-config`, `--mounts`.
    pub deployment: DeploymentOptions,
    /// The time certificates are checked at, in unix seconds; `None` reads
    /// [`NOW_VARIABLE`] and then the clock (see [`Settings::now`]).
    pub now: Option<i64>,
    /// Where the config file was found: relative `[paths]` targets are read from the main file's directory.
    pub config_file: Option<PathBuf>,
    /// The baseline of known findings (`--baseline`, `baseline` in emsftlint.toml).
    pub baseline: Option<PathBuf>,
}

/// `per_server` in emsftlint.toml: extra tibemsd.conf parameters allowed to differ between
/// the servers.
#[derive(Debug, Clone, Default)]
pub struct ParameterOptions {
    pub per_server: Vec<String>,
}

/// `ft_token_queues` in emsftlint.toml: queues that hold an adapter's fault-tolerance
/// tokens; each must exist on both servers with `prefetch=none`. `clients` (and `--clients`):
/// the client files attached to the pair.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    pub ft_token_queues: Vec<String>,
    pub files: Vec<PathBuf>,
}

/// `tls_expiry_warning_days` in emsftlint.toml: a certificate that expires within this many
/// days is reported.
#[derive(Debug, Clone)]
pub struct TlsOptions {
    pub expiry_warning_days: u32,
}

/// `ftl_config` and `mounts` in emsftlint.toml (`--ftl-config`, `--mounts`): files that
/// describe what the pair runs on, read as given (they need not be under the inputs).
#[derive(Debug, Clone, Default)]
pub struct DeploymentOptions {
    /// The FTL server cluster configuration (`ftlserver.yml`) of an FTL-store pair.
    pub ftl_config: Option<PathBuf>,
    /// Each host's mounts: `findmnt -J` output or an fstab, for one side or (`None`) both.
    pub mounts: Vec<(Option<Side>, PathBuf)>,
}

impl DeploymentOptions {
    /// Adds a `--mounts` value: `primary=FILE`, `backup=FILE`, or `FILE` for both hosts.
    pub fn add_mounts(&mut self, value: &str) {
        let (side, path) = match value.split_once('=') {
            Some(("primary", path)) => (Some(Side::Primary), path),
            Some(("backup", path)) => (Some(Side::Backup), path),
            _ => (None, value),
        };
        self.mounts.retain(|(s, _)| side.is_some() && *s != side);
        self.mounts.push((side, PathBuf::from(path)));
    }
}

impl Default for TlsOptions {
    fn default() -> Self {
        TlsOptions {
            expiry_warning_days: DEFAULT_TLS_EXPIRY_WARNING_DAYS,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            mode: Mode::Shared,
            fail_on: Severity::Warning,
            levels: HashMap::new(),
            ignore_destinations: Vec::new(),
            host_aliases: Vec::new(),
            path_maps: Vec::new(),
            allow_paths: Vec::new(),
            size_cap: DEFAULT_SIZE_CAP,
            parameters: ParameterOptions::default(),
            clients: ClientOptions::default(),
            tls: TlsOptions::default(),
            deployment: DeploymentOptions::default(),
            now: None,
            config_file: None,
            baseline: None,
        }
    }
}

impl Settings {
    /// The severity a finding of `rule` is reported with, or `None` when the rule is allowed.
    pub fn severity_of(&self, rule: &RuleMeta, found: Severity) -> Option<Severity> {
        match self.levels.get(rule.code) {
            Some(level) => level.severity(),
            None => Some(found),
        }
    }

    /// Whether two hosts name one machine: equal by meaning, or aliases in `[hosts]`.
    pub fn host_match(&self, a: &str, b: &str) -> HostMatch {
        let (a, b) = (Host::parse(a), Host::parse(b));
        if self
            .host_aliases
            .iter()
            .any(|group| group.contains(&a) && group.contains(&b))
        {
            return HostMatch::Same;
        }
        a.compare(&b)
    }

    /// True when two hosts are known to name one machine.
    pub fn same_host(&self, a: &str, b: &str) -> bool {
        self.host_match(a, b) == HostMatch::Same
    }

    /// The time certificates are checked at (unix seconds): `now` when set, else
    /// `EMSFTLINT_NOW` when it reads as a time, else the clock.
    pub fn now(&self) -> i64 {
        if let Some(now) = self.now {
            return now;
        }
        match now_from_env() {
            Ok(Some(now)) => now,
            _ => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX)),
        }
    }

    pub fn add_path_map(&mut self, from: &str, to: &str) {
        self.path_maps.push((from.to_string(), to.to_string()));
        self.path_maps.sort_by_key(|m| std::cmp::Reverse(m.0.len()));
    }

    pub fn set_level(&mut self, rule: &'static RuleMeta, level: Level) {
        self.levels.insert(rule.code, level);
    }

    /// Gives each rule the level of the most specific selection that selects it: a rule's
    /// code or name, then a code prefix (the longer first), then a category, then `all`; of
    /// equally specific ones, the command line's over the config file's, the later over the
    /// earlier. A rule no selection names keeps its level.
    pub fn select(&mut self, selections: &[Selection], rules: &[&'static RuleMeta]) {
        for rule in rules {
            let winner = selections
                .iter()
                .filter(|s| s.selector.selects(rule))
                .max_by_key(|s| (s.selector.specificity(), s.origin, s.order));
            if let Some(selection) = winner {
                self.set_level(rule, selection.level);
            }
        }
    }
}

/// What a `-A`/`-W`/`-D` word or a `[rules]` key names: one rule (code or name), a code
/// prefix (`FT1`), a category (`tls`, the `category` of the rules' pages), or `all`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    All,
    Category(String),
    Prefix(String),
    Rule(&'static str),
}

/// Where a selection was written: on equal specificity the command line wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SelectionOrigin {
    ConfigFile,
    CommandLine,
}

/// A selector with the level it gives, where it was written, and its place there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub selector: Selector,
    pub level: Level,
    pub origin: SelectionOrigin,
    pub order: usize,
}

impl Selector {
    /// Reads `word` against the rules there are; a message with a "did you mean" when it
    /// selects none.
    pub fn parse(word: &str, rules: &[&'static RuleMeta]) -> Result<Selector, String> {
        let word = word.trim();
        if word.eq_ignore_ascii_case("all") {
            return Ok(Selector::All);
        }
        if let Some(rule) = rules
            .iter()
            .find(|m| m.code.eq_ignore_ascii_case(word) || m.name == word)
        {
            return Ok(Selector::Rule(rule.code));
        }
        if let Some(rule) = rules.iter().find(|m| m.category.eq_ignore_ascii_case(word)) {
            return Ok(Selector::Category(rule.category.to_string()));
        }
        let prefix = word.to_ascii_uppercase();
        let is_prefix = prefix.len() > 2
            && prefix.starts_with("FT")
            && prefix[2..].bytes().all(|b| b.is_ascii_digit());
        if is_prefix && rules.iter().any(|m| m.code.starts_with(&prefix)) {
            return Ok(Selector::Prefix(prefix));
        }
        let known = rules
            .iter()
            .map(|m| m.name)
            .chain(rules.iter().map(|m| m.category))
            .chain(["all"]);
        Err(
            match crate::ems::suggest::nearest_jaro_winkler(word, known) {
                Some(near) => format!("unknown rule `{word}`; did you mean `{near}`?"),
                None if is_prefix => format!(
                    "`{word}` is the prefix of no rule's code; `emsftlint --list-rules` lists them"
                ),
                None => format!(
                    "unknown rule `{word}`: give a rule's code or name, a code prefix (FT1), a category or `all`; `emsftlint --list-rules` lists them"
                ),
            },
        )
    }

    fn selects(&self, rule: &RuleMeta) -> bool {
        match self {
            Selector::All => true,
            Selector::Category(category) => rule.category == category,
            Selector::Prefix(prefix) => rule.code.starts_with(prefix.as_str()),
            Selector::Rule(code) => rule.code == *code,
        }
    }

    /// All, then a category, then a prefix (the longer the more specific), then one rule.
    fn specificity(&self) -> (u8, usize) {
        match self {
            Selector::All => (0, 0),
            Selector::Category(_) => (1, 0),
            Selector::Prefix(prefix) => (2, prefix.len()),
            Selector::Rule(_) => (3, 0),
        }
    }
}

/// A config file that cannot be used: the tool stops with exit 2 and points into the file.
#[derive(Debug)]
pub(crate) struct SettingsError {
    pub(crate) path: PathBuf,
    pub(crate) text: String,
    pub(crate) span: Option<Range<usize>>,
    pub(crate) message: String,
}

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    mode: Option<Mode>,
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<String, Spanned<Level>>,
    #[serde(default)]
    ignore: Ignore,
    #[serde(default)]
    hosts: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    paths: Paths,
    #[serde(default)]
    per_server: Vec<String>,
    #[serde(default)]
    allow_paths: Vec<PathBuf>,
    #[serde(default)]
    ft_token_queues: Vec<String>,
    #[serde(default)]
    clients: Vec<PathBuf>,
    max_file_size: Option<u64>,
    tls_expiry_warning_days: Option<u32>,
    baseline: Option<PathBuf>,
    ftl_config: Option<PathBuf>,
    mounts: Option<MountsSetting>,
}

/// `mounts = "FILE"` (both hosts) or `mounts = { primary = "…", backup = "…" }`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum MountsSetting {
    Both(PathBuf),
    PerHost(MountsPerHost),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MountsPerHost {
    primary: Option<PathBuf>,
    backup: Option<PathBuf>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Ignore {
    #[serde(default)]
    destinations: Vec<String>,
}

/// DESIGN §4 writes `per_server` after `[paths]`, which puts it inside that table; both
/// places are read.
#[derive(Debug, Deserialize, Default)]
struct Paths {
    #[serde(default)]
    per_server: Vec<String>,
    #[serde(flatten)]
    rewrites: BTreeMap<String, String>,
}

/// `EMSFTLINT_NOW` read as unix seconds: `None` when unset or empty, an error naming the
/// variable when it is not a time.
pub(crate) fn now_from_env() -> Result<Option<i64>, String> {
    let Some(value) = std::env::var_os(NOW_VARIABLE) else {
        return Ok(None);
    };
    let value = value.to_string_lossy();
    if value.trim().is_empty() {
        return Ok(None);
    }
    crate::time::parse_time(&value).map(Some).ok_or_else(|| {
        format!(
            "{NOW_VARIABLE}={value} is not a time: give an RFC 3339 date (2026-11-22), date-time (2026-11-22T08:00:00Z) or unix seconds"
        )
    })
}

/// `emsftlint.toml` in `dir` or its nearest ancestor that has one.
pub(crate) fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

pub(crate) fn parse_severity(s: &str) -> Option<Severity> {
    match s {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    }
}

/// A `[rules]` entry as written: the rule's code or name, where the name is in the file, and
/// the level it asks for. The caller resolves the name against the rules it knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RuleLevel {
    pub(crate) name: String,
    pub(crate) span: Range<usize>,
    pub(crate) level: Level,
}

/// A config file read into [`Settings`], with its `[rules]` levels still to be resolved.
#[derive(Debug)]
pub(crate) struct Config {
    pub(crate) path: PathBuf,
    pub(crate) text: String,
    /// In the order of their names.
    pub(crate) rule_levels: Vec<RuleLevel>,
}

impl Config {
    /// The error a `[rules]` entry's name gives, pointing at the name.
    pub(crate) fn rule_error(&self, rule: &RuleLevel, message: String) -> SettingsError {
        SettingsError {
            path: self.path.clone(),
            text: self.text.clone(),
            span: Some(rule.span.clone()),
            message,
        }
    }
}

/// Reads a config file into `settings`, all but its `[rules]` levels, which it returns as
/// written.
pub(crate) fn load(path: &Path, settings: &mut Settings) -> Result<Config, SettingsError> {
    let text = std::fs::read_to_string(path).map_err(|e| SettingsError {
        path: path.to_path_buf(),
        text: String::new(),
        span: None,
        message: format!("cannot read the config file: {e}"),
    })?;
    let error = |span: Option<Range<usize>>, message: String| SettingsError {
        path: path.to_path_buf(),
        text: text.clone(),
        span,
        message,
    };
    let file: FileSettings =
        toml::from_str(&text).map_err(|e| error(e.span(), e.message().to_string()))?;

    if let Some(mode) = file.mode {
        settings.mode = mode;
    }
    if let Some(fail_on) = file.fail_on {
        settings.fail_on = parse_severity(fail_on.get_ref()).ok_or_else(|| {
            error(
                Some(fail_on.span()),
                "fail_on must be \"error\", \"warning\" or \"info\"".into(),
            )
        })?;
    }
    let rule_levels = file
        .rules
        .into_iter()
        .map(|(name, level)| {
            // The name's first `name ` or `name=` in the text, else the level: what the
            // messages have always pointed at (a `Spanned` key would take in a key's quotes).
            let span = text
                .find(&format!("{name} "))
                .or_else(|| text.find(&format!("{name}=")))
                .map_or_else(|| level.span(), |at| at..at + name.len());
            RuleLevel {
                name,
                span,
                level: *level.get_ref(),
            }
        })
        .collect();
    settings
        .ignore_destinations
        .extend(file.ignore.destinations);
    for (host, aliases) in file.hosts {
        let mut group: Vec<Host> = aliases.iter().map(|a| Host::parse(a)).collect();
        group.push(Host::parse(&host));
        settings.host_aliases.push(group);
    }
    for (from, to) in &file.paths.rewrites {
        settings.add_path_map(from, to);
    }
    // Relative to the directory of the config file, wherever emsftlint is run from.
    let config_dir = path.parent().unwrap_or(Path::new(""));
    settings
        .allow_paths
        .extend(file.allow_paths.iter().map(|dir| config_dir.join(dir)));
    let per_server = &mut settings.parameters.per_server;
    per_server.extend(file.per_server);
    per_server.extend(file.paths.per_server);
    settings
        .clients
        .ft_token_queues
        .extend(file.ft_token_queues);
    settings
        .clients
        .files
        .extend(file.clients.iter().map(|p| config_dir.join(p)));
    if let Some(cap) = file.max_file_size {
        settings.size_cap = cap;
    }
    if let Some(days) = file.tls_expiry_warning_days {
        settings.tls.expiry_warning_days = days;
    }
    if let Some(baseline) = &file.baseline {
        settings.baseline = Some(config_dir.join(baseline));
    }
    let deployment = &mut settings.deployment;
    if let Some(ftl) = file.ftl_config {
        deployment.ftl_config = Some(config_dir.join(ftl));
    }
    match file.mounts {
        Some(MountsSetting::Both(path)) => deployment.mounts = vec![(None, config_dir.join(path))],
        Some(MountsSetting::PerHost(MountsPerHost { primary, backup })) => {
            deployment.mounts = [(Side::Primary, primary), (Side::Backup, backup)]
                .into_iter()
                .filter_map(|(side, path)| Some((Some(side), config_dir.join(path?))))
                .collect();
        }
        None => {}
    }
    settings.config_file = Some(path.to_path_buf());
    Ok(Config {
        path: path.to_path_buf(),
        text,
        rule_levels,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `text` as an emsftlint.toml in a new directory (kept while the handle lives).
    pub(crate) fn config_file(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    fn load_str(text: &str) -> Result<Settings, SettingsError> {
        let (_dir, path) = config_file(text);
        let mut settings = Settings::default();
        load(&path, &mut settings).map(|_| settings)
    }

    #[test]
    fn reads_the_ft_token_queues() {
        let s =
            load_str("ft_token_queues = [\"adapter.ft.tokens\"]\n[ignore]\ndestinations = []\n")
                .unwrap();
        assert_eq!(s.clients.ft_token_queues, vec!["adapter.ft.tokens"]);
    }

    #[test]
    fn reads_the_client_paths_relative_to_the_config_file() {
        let (_dir, path) = config_file("clients = [\"adapters\", \"bw/jndi.properties\"]\n");
        let mut s = Settings::default();
        load(&path, &mut s).unwrap();
        let base = path.parent().unwrap();
        assert_eq!(
            s.clients.files,
            vec![base.join("adapters"), base.join("bw/jndi.properties")]
        );
    }

    #[test]
    fn reads_the_tls_expiry_warning_window() {
        assert_eq!(Settings::default().tls.expiry_warning_days, 30);
        let s = load_str("tls_expiry_warning_days = 90\n").unwrap();
        assert_eq!(s.tls.expiry_warning_days, 90);
        let err = load_str("tls_expiry_warning_days = -1\n").unwrap_err();
        assert!(err.span.is_some());
    }

    #[test]
    fn reads_the_allowed_paths_relative_to_the_config_file() {
        let (dir, path) = config_file("allow_paths = [\"/etc/pki/ems\", \"../certs\"]\n");
        let mut s = Settings::default();
        load(&path, &mut s).unwrap();
        assert_eq!(
            s.allow_paths,
            vec![PathBuf::from("/etc/pki/ems"), dir.path().join("../certs")]
        );
    }

    #[test]
    fn reads_the_deployment_files_relative_to_the_config_file() {
        let (dir, path) =
            config_file("ftl_config = \"ftl/ftlserver.yml\"\nmounts = { primary = \"a.json\", backup = \"b.fstab\" }\n");
        let mut s = Settings::default();
        load(&path, &mut s).unwrap();
        assert_eq!(
            s.deployment.ftl_config,
            Some(dir.path().join("ftl/ftlserver.yml"))
        );
        assert_eq!(
            s.deployment.mounts,
            vec![
                (Some(Side::Primary), dir.path().join("a.json")),
                (Some(Side::Backup), dir.path().join("b.fstab"))
            ]
        );
        let s = load_str("mounts = \"all.fstab\"\n").unwrap();
        assert_eq!(s.deployment.mounts.len(), 1);
        assert!(load_str("mounts = { primry = \"a\" }\n").is_err());
    }

    #[test]
    fn a_mounts_option_names_its_host_or_both() {
        let mut d = DeploymentOptions::default();
        d.add_mounts("primary=a.json");
        d.add_mounts("backup=b.json");
        d.add_mounts("backup=c.json");
        assert_eq!(
            d.mounts,
            vec![
                (Some(Side::Primary), PathBuf::from("a.json")),
                (Some(Side::Backup), PathBuf::from("c.json"))
            ]
        );
        d.add_mounts("both.fstab");
        assert_eq!(d.mounts, vec![(None, PathBuf::from("both.fstab"))]);
    }

    #[test]
    fn now_is_the_override_when_set() {
        let s = Settings {
            now: Some(1_795_305_600),
            ..Settings::default()
        };
        assert_eq!(s.now(), 1_795_305_600);
    }

    #[test]
    fn an_unknown_key_is_an_error_pointing_into_the_file() {
        let err = load_str("mode = \"shared\"\nfail_onn = \"error\"\n").unwrap_err();
        assert!(err.message.contains("fail_onn"), "{}", err.message);
        let span = err.span.unwrap();
        assert_eq!(&err.text[span.start..span.start + 8], "fail_onn");
    }

    fn meta(code: &'static str, name: &'static str, category: &'static str) -> RuleMeta {
        RuleMeta {
            code,
            name,
            severity: Severity::Warning,
            category,
            summary: "",
        }
    }

    #[test]
    fn selectors_name_a_rule_a_prefix_a_category_or_all() {
        let (a, b) = (
            meta("FT101", "queue-x", "equivalence"),
            meta("FT201", "tls-y", "tls"),
        );
        let a: &'static RuleMeta = Box::leak(Box::new(a));
        let b: &'static RuleMeta = Box::leak(Box::new(b));
        let rules = [a, b];
        assert_eq!(Selector::parse("ALL", &rules), Ok(Selector::All));
        assert_eq!(
            Selector::parse("ft101", &rules),
            Ok(Selector::Rule("FT101"))
        );
        assert_eq!(
            Selector::parse("tls-y", &rules),
            Ok(Selector::Rule("FT201"))
        );
        assert_eq!(
            Selector::parse("tls", &rules),
            Ok(Selector::Category("tls".into()))
        );
        assert_eq!(
            Selector::parse("ft1", &rules),
            Ok(Selector::Prefix("FT1".into()))
        );
        assert!(Selector::parse("FT3", &rules).is_err());
        assert!(Selector::parse("FT", &rules).is_err());
        let selection = |selector, level, origin, order| Selection {
            selector,
            level,
            origin,
            order,
        };
        let mut settings = Settings::default();
        settings.select(
            &[
                selection(
                    Selector::Rule("FT101"),
                    Level::Error,
                    SelectionOrigin::ConfigFile,
                    9,
                ),
                selection(
                    Selector::Prefix("FT1".into()),
                    Level::Allow,
                    SelectionOrigin::CommandLine,
                    1,
                ),
                selection(Selector::All, Level::Info, SelectionOrigin::CommandLine, 2),
            ],
            &rules,
        );
        assert_eq!(settings.levels.get("FT101"), Some(&Level::Error));
        assert_eq!(settings.levels.get("FT201"), Some(&Level::Info));
    }

    #[test]
    fn a_bad_level_is_an_error() {
        let err = load_str("[rules]\nFT001 = \"loud\"\n").unwrap_err();
        assert!(err.span.is_some());
    }
}
