//! The settings of a run: `emsftlint.toml` with the command line over it, and the rule names
//! of both resolved against the registry.

use std::path::Path;

use super::Fatal;
use crate::cli::Cli;
use crate::finding::RuleMeta;
use crate::rules;
use crate::settings::{self, Level, Selection, SelectionOrigin, Selector, Settings, SettingsError};

pub(super) fn settings_from(cli: &Cli) -> Result<Settings, Fatal> {
    let mut settings = Settings::default();
    let config = match (&cli.config, cli.no_config) {
        (Some(path), _) => {
            if !path.is_file() {
                return Err(Fatal::Message(format!(
                    "{}: config file not found",
                    path.display()
                )));
            }
            Some(path.clone())
        }
        (None, true) => None,
        (None, false) => std::env::current_dir()
            .ok()
            .and_then(|d| settings::find_config(&d)),
    };
    let mut selections = Vec::new();
    if let Some(path) = config {
        selections = load_config(&path, &mut settings).map_err(Fatal::Settings)?;
    }
    if let Some(mode) = cli.mode {
        settings.mode = mode;
    }
    if let Some(fail_on) = cli.fail_on.as_deref().and_then(settings::parse_severity) {
        settings.fail_on = fail_on;
    }
    for map in &cli.path_map {
        let Some((from, to)) = map.split_once('=') else {
            return Err(Fatal::Message(format!(
                "--path-map {map}: expected FROM=TO"
            )));
        };
        settings.add_path_map(from, to);
    }
    for dir in &cli.allow_path {
        if !dir.exists() {
            return Err(Fatal::Message(format!(
                "--allow-path {}: no such file or directory",
                dir.display()
            )));
        }
        settings.allow_paths.push(dir.clone());
    }
    for path in &cli.clients {
        if !path.exists() {
            return Err(Fatal::Message(format!(
                "--clients {}: no such file or directory",
                path.display()
            )));
        }
        settings.clients.files.push(path.clone());
    }
    if let Some(path) = &cli.ftl_config {
        settings.deployment.ftl_config = Some(given_file("--ftl-config", path)?);
    }
    for value in &cli.mounts {
        settings.deployment.add_mounts(value);
        let path = value
            .strip_prefix("primary=")
            .or_else(|| value.strip_prefix("backup="))
            .unwrap_or(value);
        given_file("--mounts", Path::new(path))?;
    }
    let positions = &cli.level_positions;
    let flags = [
        ("-A", &cli.allow, &positions.allow, Level::Allow),
        ("-W", &cli.warn, &positions.warn, Level::Warning),
        ("-D", &cli.deny, &positions.deny, Level::Error),
    ];
    // Without positions (a `Cli` not from `parse_ordered`), -A, then -W, then -D.
    let mut unplaced = 0;
    for (flag, words, at, level) in flags {
        for (i, word) in words.iter().enumerate() {
            let selector = Selector::parse(word, &rule_metas())
                .map_err(|message| Fatal::Message(format!("{flag} {word}: {message}")))?;
            unplaced += 1;
            selections.push(Selection {
                selector,
                level,
                origin: SelectionOrigin::CommandLine,
                order: at.get(i).copied().unwrap_or(unplaced),
            });
        }
    }
    settings.select(&selections, &rule_metas());
    if let Some(baseline) = &cli.baseline {
        settings.baseline = Some(baseline.clone());
    }
    if let Some(cap) = cli.max_file_size {
        settings.size_cap = cap;
    }
    settings.now = settings::now_from_env().map_err(Fatal::Message)?;
    Ok(settings)
}

/// A file named by an option, which must exist (exit 2 otherwise).
fn given_file(option: &str, path: &Path) -> Result<std::path::PathBuf, Fatal> {
    if path.is_file() {
        Ok(path.to_path_buf())
    } else {
        Err(Fatal::Message(format!(
            "{option} {}: no such file",
            path.display()
        )))
    }
}

/// Reads a config file into `settings`, and returns its `[rules]` selections (applied
/// with the command line's by [`Settings::select`]).
fn load_config(path: &Path, settings: &mut Settings) -> Result<Vec<Selection>, SettingsError> {
    let config = settings::load(path, settings)?;
    let rules = rule_metas();
    config
        .rule_levels
        .iter()
        .map(|rule_level| {
            let selector = Selector::parse(&rule_level.name, &rules)
                .map_err(|message| config.rule_error(rule_level, message))?;
            Ok(Selection {
                selector,
                level: rule_level.level,
                origin: SelectionOrigin::ConfigFile,
                order: rule_level.span.start,
            })
        })
        .collect()
}

/// Every rule's metadata, in the registry's order.
fn rule_metas() -> Vec<&'static RuleMeta> {
    rules::registry::registry()
        .iter()
        .map(|r| r.meta())
        .collect()
}

pub(super) fn unknown_rule_message(name: &str) -> String {
    match rules::registry::did_you_mean(name) {
        Some(near) => format!("unknown rule `{name}`; did you mean `{near}`?"),
        None => format!("unknown rule `{name}`; `emsftlint --list-rules` lists them"),
    }
}

/// A config error as miette draws it: the message, and a label at the place in the file.
pub(super) fn render_settings_error(error: &SettingsError, color: bool) -> String {
    use miette::{
        GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report,
    };
    let mut diagnostic =
        MietteDiagnostic::new(error.message.clone()).with_code("emsftlint::config");
    if let Some(span) = &error.span {
        diagnostic = diagnostic.with_label(LabeledSpan::at(span.clone(), "here"));
    }
    let report = Report::new(diagnostic).with_source_code(NamedSource::new(
        error.path.display().to_string(),
        error.text.clone(),
    ));
    let mut out = String::new();
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme);
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        out = format!("emsftlint: {error}\n");
    }
    format!("emsftlint: invalid config {}\n{out}", error.path.display())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use crate::settings::tests::config_file;
    use crate::settings::Mode;

    fn load_str(text: &str) -> Result<Settings, SettingsError> {
        let (_dir, path) = config_file(text);
        let mut settings = Settings::default();
        let selections = load_config(&path, &mut settings)?;
        settings.select(&selections, &rule_metas());
        Ok(settings)
    }

    #[test]
    fn reads_the_design_example() {
        let s = load_str(
            r#"
mode = "unshared"
fail_on = "error"
[rules]
ft-reconnect-timeout-mismatch = "allow"
[ignore]
destinations = ["$TMP$.>", "sample.>"]
[hosts]
ems-a = ["ems-a.prod.example.com", "10.1.2.3"]
[paths]
"/opt/tibco/ems/config/data" = "."
per_server = ["module_path"]
"#,
        )
        .unwrap();
        assert_eq!(s.mode, Mode::Unshared);
        assert_eq!(s.fail_on, Severity::Error);
        assert_eq!(s.ignore_destinations, vec!["$TMP$.>", "sample.>"]);
        assert!(s.same_host("EMS-A", "10.1.2.3"));
        assert!(!s.same_host("ems-b", "10.1.2.3"));
        assert_eq!(
            s.path_maps,
            vec![("/opt/tibco/ems/config/data".into(), ".".into())]
        );
        assert_eq!(s.parameters.per_server, vec!["module_path"]);
        let rule = rules::registry::find("ft-reconnect-timeout-mismatch").unwrap();
        assert_eq!(s.severity_of(rule, Severity::Warning), None);
    }

    #[test]
    fn an_unknown_rule_is_an_error_with_a_suggestion() {
        let err = load_str("[rules]\nft-reconect-timeout-mismatch = \"allow\"\n").unwrap_err();
        assert!(err
            .message
            .contains("did you mean `ft-reconnect-timeout-mismatch`"));
        assert_eq!(&err.text[err.span.unwrap()], "ft-reconect-timeout-mismatch");
    }
}
