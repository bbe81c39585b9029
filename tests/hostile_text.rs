//! Hostile configuration text reaches no reader raw, in any format: terminal escape
//! sequences (a window title, a colour), other C0 and C1 controls, DEL, bidirectional
//! overrides and a lone CR are shown escaped (`\u{1b}`), and no line of any report can be
//! read as a GitHub workflow command (`::error::forged` at the start of a line, or `##[`).

mod common;
#[path = "../fuzz/fuzz_targets/hostile.rs"]
mod hostile;
use std::path::Path;
use std::process::Command;

const FORMATS: [&str; 7] = [
    "human", "concise", "github", "junit", "sarif", "json", "html",
];

/// The queues file of the primary: its name holds an ESC too, so paths are hostile as well.
const QUEUES: &str = "q\u{1b}[31m.conf";

/// A pair whose primary names its servers, values, parameters, queues and a sub-file with
/// hostile text; every line of it differs from the backup, so findings quote all of it.
fn hostile_pair() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "primary/tibemsd.conf".to_string(),
            format!(
                "server = EMS-\u{1b}]0;pwned\u{7}A\nqueues = {QUEUES}\nlisten = tcp://ems-a:7222\nft_active = tcp://ems-b:7222\nmax_msg_memory = 512MB\u{1b}[31m\n::error::forged = 1\nbidi\u{202e}gnp = 2\n"
            ),
        ),
        (
            "backup/tibemsd.conf".to_string(),
            "server = EMS-B\nqueues = queues.conf\nlisten = tcp://ems-b:7222\nft_active = tcp://ems-a:7222\nmax_msg_memory = 1GB\n".to_string(),
        ),
        (
            format!("primary/{QUEUES}"),
            "q.\u{1b}[31mred\u{1b}[0m\n::error::forged\n##[stop-commands]token\nq.cr\rfake\nq.c1\u{9b}31m\nq.bidi\u{202e}cba\nq.del\u{7f}x\n".to_string(),
        ),
        ("backup/queues.conf".to_string(), "other\n".to_string()),
    ];
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// A JSON configuration (both servers in one file) whose JSON escapes put a newline, an OSC
/// sequence, a CR and a legacy workflow command into one key.
fn hostile_json() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::testdata("json/orders/tibemsd.json")).unwrap();
    let hostile = text.replacen(
        "\"server\": \"EMS-ORDERS\",",
        "\"server\": \"EMS-ORDERS\",\n    \"bogus\\n::error::forged\\u001b]0;x\\u0007\\r##[stop-commands]t\\u202e\": 1,",
        1,
    );
    assert_ne!(hostile, text, "the key is inserted");
    std::fs::write(dir.path().join("tibemsd.json"), hostile).unwrap();
    dir
}

fn lint(dir: &Path, args: &[&str], format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .current_dir(dir)
        .args(args)
        .args(["--no-config", "--color", "never", "--format", format])
        .output()
        .expect("emsftlint runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{format}: findings, and no failure: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The characters a terminal or a log viewer acts on, written here independently of the
/// renderers' own list.
fn raw_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// What holds for every format: no raw control, no workflow command but the GitHub format's
/// own, and the escapes visible.
fn assert_inert(format: &str, report: &str) {
    if let Some(c) = report.chars().find(|&c| raw_control(c)) {
        panic!("{format}: raw {c:?} in\n{report}");
    }
    assert!(
        !report.contains("##["),
        "{format}: a legacy workflow command:\n{report}"
    );
    for line in report.lines() {
        let text = line.trim_start();
        if format == "github" && line.starts_with("emsftlint: ") {
            // The summary line: counts only.
        } else if format == "github" {
            let own = ["::error file=", "::warning file=", "::notice file="];
            assert!(
                own.iter().any(|o| line.starts_with(o)),
                "github: a line that is not one of its commands: {line}"
            );
            let properties = &line[2..line[2..].find("::").unwrap() + 2];
            assert!(
                properties.contains(",title=emsftlint ("),
                "github: the data ends the properties early: {line}"
            );
        } else {
            assert!(
                !text.starts_with("::"),
                "{format}: a workflow command: {line}"
            );
        }
    }
}

#[test]
fn configuration_text_is_shown_escaped_in_every_format() {
    let pair = hostile_pair();
    for format in FORMATS {
        let report = lint(pair.path(), &["primary", "backup"], format);
        assert_inert(format, &report);
        // Escaped, not dropped: the title sequence, the colour, C1, the bidi override and
        // the lone CR are all there, as `\u{…}`.
        for shown in [
            "EMS-\\u{1b}]0;pwned\\u{7}A",
            "\\u{1b}[31mred\\u{1b}[0m",
            "q.c1\\u{9b}31m",
            "\\u{202e}",
        ] {
            // JSON writes the backslash of the text as `\\`.
            let written = if matches!(format, "json" | "sarif") {
                shown.replace('\\', "\\\\")
            } else {
                shown.to_string()
            };
            assert!(
                report.contains(&written),
                "{format}: {shown} is shown:\n{report}"
            );
        }
        if matches!(format, "human" | "html") {
            // The formats that quote the file's lines quote the lone CR's line escaped.
            assert!(
                report.contains("q.cr\\u{d}fake"),
                "{format}: the lone CR:\n{report}"
            );
        }
    }
}

#[test]
fn a_forged_workflow_command_starts_no_line() {
    let pair = hostile_pair();
    let concise = lint(pair.path(), &["primary", "backup"], "concise");
    assert!(
        concise.contains("unknown parameter `::error::forged`"),
        "the forged line is reported, as text:\n{concise}"
    );
    let human = lint(pair.path(), &["primary", "backup"], "human");
    assert!(
        human.contains("│ ::error::forged"),
        "and quoted in its file, after the gutter:\n{human}"
    );
    assert!(human.contains("##\\u{5b}stop-commands]token"), "{human}");
    // After an escaped character, the snippet's header still names the file's own column.
    let fake = concise
        .lines()
        .find(|l| l.contains("unknown queue property `fake`"))
        .expect("the property after the lone CR");
    let place = &fake[..fake.find(": error").unwrap()];
    assert!(
        human.contains(&format!("[{place}]")),
        "{place} in:\n{human}"
    );
    let github = lint(pair.path(), &["primary", "backup"], "github");
    assert!(github.contains("::queue `::error::forged` is defined on primary only"));
}

#[test]
fn a_json_key_with_a_newline_stays_on_its_line() {
    let config = hostile_json();
    for format in FORMATS {
        let report = lint(config.path(), &["tibemsd.json"], format);
        assert_inert(format, &report);
        let shown = "bogus\\u{a}::error::forged\\u{1b}]0;x\\u{7}\\u{d}";
        let written = if matches!(format, "json" | "sarif") {
            shown.replace('\\', "\\\\")
        } else {
            shown.to_string()
        };
        assert!(report.contains(&written), "{format}:\n{report}");
    }
}

/// JSON and SARIF: text for people is escaped as in every format; a path is data, so it is
/// kept as it is (written with JSON's `\u` escapes, never raw) and, in SARIF, as a URI.
#[test]
fn json_keeps_paths_faithful_and_sarif_encodes_them_as_uris() {
    let pair = hostile_pair();
    let json: serde_json::Value =
        serde_json::from_str(&lint(pair.path(), &["primary", "backup"], "json")).unwrap();
    let files: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["locations"].as_array().unwrap())
        .map(|l| l["file"].as_str().unwrap())
        .collect();
    let queues = format!("primary/{QUEUES}");
    assert!(files.contains(&queues.as_str()), "{files:?}");
    let raw = lint(pair.path(), &["primary", "backup"], "json");
    assert!(raw.contains("primary/q\\u001b[31m.conf"), "{raw}");

    let sarif: serde_json::Value =
        serde_json::from_str(&lint(pair.path(), &["primary", "backup"], "sarif")).unwrap();
    let uris: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(uris.contains(&"primary/q%1B[31m.conf"), "{uris:?}");
}

/// JUnit: only characters XML 1.0 allows, and a document that parses back.
#[test]
fn junit_is_well_formed_xml() {
    let pair = hostile_pair();
    let xml = lint(pair.path(), &["primary", "backup"], "junit");
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
            || c >= '\u{10000}'
    };
    assert!(xml.chars().all(allowed), "{xml}");
    let parsed = quick_junit::Report::deserialize_from_str(&xml).expect("well-formed JUnit XML");
    let messages: Vec<String> = parsed
        .test_suites
        .iter()
        .flat_map(|s| &s.test_cases)
        .filter_map(|c| match &c.status {
            quick_junit::TestCaseStatus::NonSuccess { message, .. } => {
                message.as_ref().map(|m| m.to_string())
            }
            _ => None,
        })
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("EMS-\\u{1b}]0;pwned\\u{7}A")),
        "the message keeps the escaped text, not stripped: {messages:?}"
    );
}

/// The human report with colour: the only escape sequences are its own colours (SGR).
#[test]
fn colour_is_the_only_escape_sequence_in_a_coloured_report() {
    let pair = hostile_pair();
    let out = Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .current_dir(pair.path())
        .args(["primary", "backup", "--no-config", "--color", "always"])
        .output()
        .unwrap();
    let report = String::from_utf8(out.stdout).unwrap();
    let mut rest = report.as_str();
    let mut sequences = 0;
    while let Some(at) = rest.find('\u{1b}') {
        rest = &rest[at + 1..];
        let body = rest
            .strip_prefix('[')
            .unwrap_or_else(|| panic!("not a CSI: {:?}", &rest[..rest.len().min(20)]));
        let end = body
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap();
        assert_eq!(
            &body[end..end + 1],
            "m",
            "only colours: {:?}",
            &body[..end + 1]
        );
        sequences += 1;
    }
    assert!(sequences > 0, "the report is coloured");
    let plain: String = report.chars().filter(|&c| c != '\u{1b}').collect();
    assert!(
        plain.contains("\\u{1b}]0;pwned"),
        "the configuration's own ESC is escaped"
    );
}

/// The fuzz target's own check (fuzz/fuzz_targets/hostile.rs) on inputs that hold every
/// hostile kind at once, in every place it puts its text; and the check itself rejects what
/// it must, so the target can fail.
#[test]
fn the_fuzz_target_passes_its_seeds_and_its_check_can_fail() {
    let seeds: [&[u8]; 3] = [
        b"\x01EMS\x1b]0;pwned\x07\r::error::forged\xe2\x80\xae\xc2\x9b##[x\x00q.\x1b[31m\n::error::forged\n\x00other\n",
        b"\x00\n::warning::x\r\n\x7f\x00\x1b[2J\n",
        b"\x01a\\n::error::j\\u001b\x00\x00",
    ];
    for seed in seeds {
        let dir = tempfile::tempdir().unwrap();
        hostile::hostile(dir.path(), seed);
    }
    assert!(hostile::inert("human", "ok\n").is_ok());
    assert!(hostile::inert("human", "a \u{1b}[31m b").is_err());
    assert!(hostile::inert("concise", "x\u{9b}").is_err());
    assert!(hostile::inert("html", "\u{202e}").is_err());
    assert!(hostile::inert("human", "ok\n  ::error::forged\n").is_err());
    assert!(hostile::inert("json", "\"##[error]x\"").is_err());
    assert!(hostile::inert("github", "::error file=a,title=t::m\n").is_ok());
    assert!(hostile::inert("github", "::error file=a::m\nforged\n").is_err());
}
