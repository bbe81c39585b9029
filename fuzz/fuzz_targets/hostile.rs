//! What the `hostile_text` target does with its input, shared with `tests/hostile_text.rs`:
//! arbitrary bytes put where a configuration's text reaches the reports (a server name, a
//! parameter name and value, a sub-file's path, queue lines, a JSON key), the pair linted,
//! and every format checked to hold no raw control, C1 or bidirectional character and no
//! line a CI runner would read as a workflow command.

#![allow(dead_code)]

use std::path::Path;

use emsftlint::render::{self, Style};
use emsftlint::settings::Settings;
use emsftlint::{lint, Inputs, Severity};

/// Input: a flags byte, then up to three parts separated by NUL bytes: the text put into
/// the primary's tibemsd.conf (as the server name, a parameter, a value and a sub-file
/// path), the primary's queues.conf, the backup's queues.conf. Flag bit 0: the first part
/// also becomes a key of a tibemsd.json, linted alone.
pub fn hostile(root: &Path, data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let mut parts = rest.splitn(3, |&b| b == 0);
    let text = parts.next().unwrap_or_default();
    let queues = parts.next().unwrap_or_default();
    let backup_queues = parts.next().unwrap_or_default();

    let (primary, backup) = (root.join("primary"), root.join("backup"));
    for dir in [&primary, &backup] {
        std::fs::create_dir_all(dir).expect("a side's directory");
    }
    let mut conf = Vec::new();
    for line in [
        &b"server = "[..],
        text,
        b"\nqueues = queues.conf\nlisten = tcp://a:7222\nft_active = tcp://b:7222\n",
        text,
        b" = 1\nmax_msg_memory = ",
        text,
        b"\ntopics = ",
        text,
        b"\n",
    ] {
        conf.extend_from_slice(line);
    }
    write(&primary.join("tibemsd.conf"), &conf);
    write(
        &backup.join("tibemsd.conf"),
        b"server = B\nqueues = queues.conf\nlisten = tcp://b:7222\nft_active = tcp://a:7222\nmax_msg_memory = 1GB\n",
    );
    write(&primary.join("queues.conf"), queues);
    write(&backup.join("queues.conf"), backup_queues);

    let settings = Settings::default();
    check(&lint(
        &Inputs {
            primary: primary.clone(),
            backup: Some(backup),
        },
        &settings,
    ));
    if flags & 1 != 0 {
        let json = root.join("json");
        std::fs::create_dir_all(&json).expect("the JSON directory");
        let mut doc = b"{\"tibemsd\": {\"server\": \"S\", \"".to_vec();
        doc.extend_from_slice(text);
        doc.extend_from_slice(b"\": 1}}\n");
        write(&json.join("tibemsd.json"), &doc);
        check(&lint(
            &Inputs {
                primary: json.join("tibemsd.json"),
                backup: None,
            },
            &settings,
        ));
    }
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).expect("write a file");
}

/// Every format of the report holds nothing hostile.
pub fn check(report: &emsftlint::Report) {
    let style = Style {
        color: false,
        width: 80,
    };
    for (format, text) in [
        ("human", render::human::render(report, style)),
        ("concise", render::concise::render(report)),
        ("json", render::json::render(report)),
        ("sarif", render::sarif::render(report)),
        ("github", render::github::render(report)),
        ("junit", render::junit::render(report, Severity::Warning)),
        ("html", render::html::render(report)),
    ] {
        if let Err(problem) = inert(format, &text) {
            panic!("{format}: {problem}\n{text}");
        }
    }
}

/// Why a format's text is not inert, if it is not.
pub fn inert(format: &str, text: &str) -> Result<(), String> {
    if let Some(c) = text.chars().find(|&c| acts_on(c)) {
        return Err(format!("a raw {c:?}"));
    }
    if text.contains("##[") {
        return Err("a legacy workflow command (##[)".into());
    }
    let last = text.lines().count().saturating_sub(1);
    for (i, line) in text.lines().enumerate() {
        // The github format ends with its summary line: counts, no command.
        let summary = i == last && line.starts_with("emsftlint: ") && !line.contains("::");
        let own = format == "github"
            && (summary
                || ["::error file=", "::warning file=", "::notice file="]
                    .iter()
                    .any(|o| line.starts_with(o)));
        if line.trim_start().starts_with("::") && !own {
            return Err(format!("a line that is a workflow command: {line:?}"));
        }
        if format == "github" && !own {
            return Err(format!("a line that is not one of its commands: {line:?}"));
        }
    }
    Ok(())
}

/// A character a terminal or a log viewer acts on (written apart from the renderers' list).
fn acts_on(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}
