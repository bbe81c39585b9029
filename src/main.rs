use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use emsftlint::cli::{Cli, ColorChoice, Command, DocFormat, Format};
use emsftlint::render::{self, Style};
use emsftlint::settings::{self, Level, Settings, SettingsError};
use emsftlint::{discover, lint, lint_against, rules, Inputs};

// A large estate is millions of small model entries made by two threads: mimalloc serves
// them from per-thread pages (the scale benchmark's shuffled pair: 1.03 s with the system
// allocator, 0.71 s with mimalloc). Built without transparent huge pages (`no_thp`): a
// typical pair would otherwise have whole 2 MB pages zeroed for it, and a large one's peak
// RSS rounds up to them (313 → 283 MB).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.list_rules {
        print!("{}", list_rules());
        return ExitCode::SUCCESS;
    }
    if let Some(Command::Rule { rule, format }) = &cli.command {
        return explain(rule, *format);
    }
    match run(&cli) {
        Ok(code) => code,
        Err(Fatal::Message(message)) => {
            eprintln!("emsftlint: {message}");
            ExitCode::from(2)
        }
        Err(Fatal::Settings(error)) => {
            eprint!("{}", render_settings_error(&error));
            ExitCode::from(2)
        }
    }
}

enum Fatal {
    Message(String),
    Settings(SettingsError),
}

fn run(cli: &Cli) -> Result<ExitCode, Fatal> {
    let settings = settings_from(cli)?;
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
    let text = match cli.format {
        Format::Human => render::human::render(
            &report,
            Style {
                color,
                width: cli.width.unwrap_or_else(terminal_width),
            },
        ),
        Format::Concise => render::concise::render(&report),
        Format::Json => render::json::render(&report),
        Format::Sarif => render::sarif::render(&report),
        Format::Github => render::github::render(&report),
        Format::Junit => render::junit::render(&report, settings.fail_on),
        Format::Html => render::html::render(&report),
    };
    match &cli.output {
        Some(path) => std::fs::write(path, text.as_bytes()).map_err(|e| {
            Fatal::Message(format!("{}: cannot write the report: {e}", path.display()))
        })?,
        None => {
            let mut stdout = std::io::stdout().lock();
            let written = stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush());
            if let Err(e) = written {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(Fatal::Message(format!("cannot write the report: {e}")));
                }
            }
        }
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

fn settings_from(cli: &Cli) -> Result<Settings, Fatal> {
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
    if let Some(path) = config {
        settings::load(&path, &mut settings).map_err(Fatal::Settings)?;
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
    for (names, level) in [
        (&cli.allow, Level::Allow),
        (&cli.warn, Level::Warning),
        (&cli.deny, Level::Error),
    ] {
        for name in names {
            let rule = rules::registry::find(name)
                .ok_or_else(|| Fatal::Message(settings::unknown_rule_message(name)))?;
            settings.set_level(rule, level);
        }
    }
    if let Some(cap) = cli.max_file_size {
        settings.size_cap = cap;
    }
    settings.now = settings::now_from_env().map_err(Fatal::Message)?;
    Ok(settings)
}

fn render_settings_error(error: &SettingsError) -> String {
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
    let theme = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
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

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

fn explain(name: &str, format: DocFormat) -> ExitCode {
    let Some(meta) = rules::registry::find(name) else {
        eprintln!("emsftlint: {}", settings::unknown_rule_message(name));
        return ExitCode::from(2);
    };
    match emsftlint::docs::page(meta.code) {
        Some(Ok(doc)) => {
            match format {
                DocFormat::Text => print!("{}", emsftlint::docs::render_text(meta, &doc)),
                DocFormat::Json => {
                    println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default())
                }
            }
            ExitCode::SUCCESS
        }
        Some(Err(e)) => {
            eprintln!("emsftlint: rules/{}.toml cannot be read: {e}", meta.code);
            ExitCode::from(2)
        }
        None => {
            eprintln!(
                "emsftlint: {} {} has no documentation page",
                meta.code, meta.name
            );
            ExitCode::from(2)
        }
    }
}

fn list_rules() -> String {
    let mut out = format!(
        "{:<6} {:<34} {:<13} {:<8} {}\n",
        "CODE", "NAME", "CATEGORY", "DEFAULT", "SUMMARY"
    );
    let mut metas: Vec<_> = rules::registry::registry()
        .iter()
        .map(|r| r.meta())
        .collect();
    metas.sort_by_key(|m| m.code);
    for m in metas {
        out.push_str(&format!(
            "{:<6} {:<34} {:<13} {:<8} {}\n",
            m.code,
            m.name,
            m.category,
            m.severity.as_str(),
            m.summary
        ));
    }
    out
}
