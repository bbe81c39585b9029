//! What a packager and a shell user meet: completions, the man page, colour from the
//! environment.

mod common;
use common::{stderr, stdout, testdata};
use std::process::{Command, Output};

fn emsftlint(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_emsftlint"));
    command.current_dir(testdata("example"));
    for name in ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "CLICOLOR"] {
        command.env_remove(name);
    }
    command
        .envs(env.iter().copied())
        .args(args)
        .output()
        .expect("emsftlint runs")
}

#[test]
fn completions_are_printed_for_every_shell_and_name_the_flags() {
    for (shell, marker) in [
        ("bash", "complete -F _emsftlint"),
        ("zsh", "#compdef emsftlint"),
        ("fish", "complete -c emsftlint"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[emsftlint]"),
    ] {
        let out = emsftlint(&["completions", shell], &[]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}: no `{marker}`");
        for flag in ["fail-on", "discover", "format"] {
            assert!(script.contains(flag), "{shell}: no {flag}");
        }
    }
}

#[test]
fn bash_completion_completes_the_formats() {
    let Ok(bash) = which("bash") else { return };
    let script = stdout(&emsftlint(&["completions", "bash"], &[]));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("emsftlint.bash");
    std::fs::write(&file, script).unwrap();
    let probe = format!(
        "source '{}' && COMP_WORDS=(emsftlint --format '') COMP_CWORD=2 && _emsftlint emsftlint '' --format && echo \"${{COMPREPLY[*]}}\"",
        file.display()
    );
    let out = Command::new(bash).args(["-c", &probe]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let words = stdout(&out);
    for format in ["human", "json", "sarif", "github", "junit", "html"] {
        assert!(words.split_whitespace().any(|w| w == format), "{words}");
    }
}

#[test]
fn an_unknown_shell_is_refused_with_the_list() {
    let out = emsftlint(&["completions", "tcsh"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bash, elvish, fish, powershell, zsh"));
}

#[test]
fn the_man_page_is_roff_with_every_section() {
    let out = emsftlint(&["man"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains(".TH emsftlint 1"), "{page}");
    for section in [
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "SUBCOMMANDS",
        "EXIT STATUS",
        "ENVIRONMENT",
        "FILES",
    ] {
        assert!(page.contains(&format!(".SH {section}\n")), "no {section}");
    }
    assert!(page.contains("\\-\\-fail\\-on"));
    assert!(page.contains("\\fBemsftlint completions <SHELL>\\fR"));
    // Every request is one roff knows: no line of text starts with a dot by accident.
    for line in page.lines().filter(|l| l.starts_with('.')) {
        let request = line[1..].split_whitespace().next().unwrap_or("");
        assert!(
            ["ie", "el", "TH", "SH", "TP", "br", "RS", "RE", "IP"].contains(&request),
            "unexpected request: {line}"
        );
    }
}

#[test]
fn the_man_page_renders_without_warnings() {
    let Ok(man) = which("man") else { return };
    let page = stdout(&emsftlint(&["man"], &[]));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("emsftlint.1");
    std::fs::write(&file, page).unwrap();
    let out = Command::new(man)
        .env("MANWIDTH", "80")
        .args(["--warnings", "-l"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "", "man warned");
    assert!(stdout(&out).contains("EXIT STATUS"));
}

const ESC: &str = "\u{1b}[";

fn coloured(env: &[(&str, &str)], extra: &[&str]) -> bool {
    let mut args = vec!["primary", "backup", "--no-config"];
    args.extend_from_slice(extra);
    let out = emsftlint(&args, env);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stdout(&out).contains(ESC)
}

#[test]
fn colour_follows_the_flag_then_no_color_then_force_color() {
    // Standard output is a pipe here: without the environment, no colour.
    assert!(!coloured(&[], &[]));
    assert!(coloured(&[("FORCE_COLOR", "1")], &[]));
    assert!(coloured(&[("CLICOLOR_FORCE", "1")], &[]));
    assert!(!coloured(&[("CLICOLOR_FORCE", "0")], &[]));
    assert!(!coloured(&[("FORCE_COLOR", "1"), ("NO_COLOR", "1")], &[]));
    assert!(!coloured(&[("FORCE_COLOR", "1")], &["--color", "never"]));
    assert!(coloured(&[("NO_COLOR", "1")], &["--color", "always"]));
}

#[test]
fn force_color_leaves_a_report_file_plain() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.txt");
    let file_arg = file.to_str().unwrap();
    let out = emsftlint(
        &["primary", "backup", "--no-config", "--output", file_arg],
        &[("FORCE_COLOR", "1")],
    );
    assert_eq!(out.status.code(), Some(1));
    let report = std::fs::read_to_string(&file).unwrap();
    assert!(report.contains("ft-heartbeat-mismatch") && !report.contains(ESC));
}

#[test]
fn a_third_path_is_refused_with_at_most_two_paths() {
    let out = emsftlint(&["primary", "backup", "other", "--no-config"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.starts_with("emsftlint: at most two paths: PRIMARY, or PRIMARY BACKUP"),
        "{message}"
    );
    assert!(message.contains("3 given (primary, backup, other)"));
    assert!(!message.contains("subcommand"));
}

/// A program on PATH, for the checks that need a shell tool the machine may lack (CI
/// installs them: `.ci/run` checks the same with the real tools).
fn which(program: &str) -> Result<std::path::PathBuf, ()> {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(program))
                .find(|path| path.is_file())
        })
        .ok_or(())
}
