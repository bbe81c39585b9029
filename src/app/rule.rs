//! `emsftlint rule CODE` (a rule's page) and `emsftlint --list-rules` (the table of rules).

use std::process::ExitCode;

use super::options::unknown_rule_message;
use crate::cli::DocFormat;
use crate::{docs, rules};

pub(super) fn explain(name: &str, format: DocFormat) -> ExitCode {
    let Some(meta) = rules::registry::find(name) else {
        eprintln!("emsftlint: {}", unknown_rule_message(name));
        return ExitCode::from(2);
    };
    match docs::page(meta.code) {
        Some(Ok(doc)) => {
            match format {
                DocFormat::Text => print!("{}", docs::render_text(meta, &doc)),
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

pub(super) fn list_rules() -> String {
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
