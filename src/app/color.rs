//! Whether a report is coloured: `--color always|never` wins, then `NO_COLOR`, then
//! `FORCE_COLOR` / `CLICOLOR_FORCE`, then whether the output is a terminal.

use crate::cli::ColorChoice;

/// `terminal`: the output is a terminal (false for a file written by `--output`).
/// `forcible`: the environment may force colour here (false for a file: a report kept on
/// disk gets escape codes only with `--color always`).
pub(super) fn wanted(choice: ColorChoice, terminal: bool, forcible: bool) -> bool {
    decide(choice, terminal, forcible, |name| std::env::var(name).ok())
}

fn decide(
    choice: ColorChoice,
    terminal: bool,
    forcible: bool,
    env: impl Fn(&str) -> Option<String>,
) -> bool {
    // no-color.org: "present and not an empty string"; CLICOLOR_FORCE "other than 0";
    // FORCE_COLOR=0 or false is Node's way to say "do not force", never to force.
    let set = |name: &str| env(name).is_some_and(|v| !v.is_empty());
    let forced = |name: &str| env(name).is_some_and(|v| !matches!(v.as_str(), "" | "0" | "false"));
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("NO_COLOR") => false,
        ColorChoice::Auto if forcible && (forced("FORCE_COLOR") || forced("CLICOLOR_FORCE")) => {
            true
        }
        ColorChoice::Auto => terminal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)], choice: ColorChoice, terminal: bool) -> bool {
        decide(choice, terminal, true, |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn precedence_is_flag_then_no_color_then_force_then_terminal() {
        use ColorChoice::*;
        assert!(with(&[("NO_COLOR", "1")], Always, false));
        assert!(!with(&[("FORCE_COLOR", "1")], Never, true));
        assert!(!with(
            &[("NO_COLOR", "1"), ("FORCE_COLOR", "1")],
            Auto,
            true
        ));
        assert!(with(&[("NO_COLOR", ""), ("FORCE_COLOR", "1")], Auto, false));
        assert!(with(&[("CLICOLOR_FORCE", "1")], Auto, false));
        assert!(!with(&[("CLICOLOR_FORCE", "0")], Auto, false));
        assert!(!with(&[("FORCE_COLOR", "0")], Auto, false));
        assert!(with(&[("FORCE_COLOR", "0")], Auto, true));
        assert!(!with(&[], Auto, false));
        assert!(with(&[], Auto, true));
    }

    #[test]
    fn a_file_is_coloured_only_when_asked() {
        let env = |name: &str| (name == "FORCE_COLOR").then(|| "1".to_string());
        assert!(!decide(ColorChoice::Auto, false, false, env));
        assert!(decide(ColorChoice::Always, false, false, env));
    }
}
