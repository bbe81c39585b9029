//! Property test: the verdict follows what EMS does, not what is written. A backup rewritten
//! in a way the parameter catalog says EMS reads alike (a documented default written out or
//! left out, `0` where it means the default, another unit, another spelling of a boolean or of
//! an IPv6 address, another line order) raises nothing at warning or above; and one effective
//! value changed raises a finding at the changed line.

use std::path::{Path, PathBuf};

mod common;

use emsftlint::ems::params::{self, ParamType};
use emsftlint::settings::Settings;
use emsftlint::{lint, Inputs};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/pairs")
        .join(name)
}

/// Copies a testdata pair to a temporary directory, with `backup/tibemsd.conf` (and, when
/// given, `backup/factories.conf`) replaced.
fn write_pair(base: &str, tibemsd: &str, factories: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for side in ["primary", "backup"] {
        let from = case(base).join(side);
        let to = dir.path().join(side);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(&from).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    let backup = dir.path().join("backup");
    std::fs::write(backup.join("tibemsd.conf"), tibemsd).unwrap();
    if let Some(text) = factories {
        std::fs::write(backup.join("factories.conf"), text).unwrap();
    }
    dir
}

fn read(base: &str, file: &str) -> String {
    std::fs::read_to_string(case(base).join("backup").join(file)).unwrap()
}

/// Every spelling EMS reads as `enabled` (tibemsd.conf.htm: "enable, enabled, true, yes, on").
const TRUE: [&str; 7] = ["enable", "enabled", "true", "yes", "on", "ENABLED", "Yes"];
const FALSE: [&str; 7] = [
    "disable", "disabled", "false", "no", "off", "DISABLED", "No",
];

/// The ways of writing a documented default that EMS reads as that default.
fn spellings_of_default(spec: &params::ParamSpec) -> Vec<String> {
    let Some(default) = spec.default else {
        return Vec::new();
    };
    let mut out = vec![default.to_string()];
    match spec.ty {
        ParamType::Bool => {
            let truth = params::canonical(spec, default)
                .map(|c| c.to_string() == "enabled")
                .unwrap_or(false);
            out.extend(
                (if truth { TRUE } else { FALSE })
                    .iter()
                    .map(|s| s.to_string()),
            );
        }
        ParamType::Seconds | ParamType::Integer | ParamType::Size
            if spec.special_meaning(0) == Some(params::Meaning::TheDefault) =>
        {
            out.push("0".into());
        }
        _ => {}
    }
    out
}

/// The catalog's parameters with a documented default that the base pair leaves unset, can be
/// written without naming a file, and that no other rule reads as a change of configuration.
fn unset_defaults(base_text: &str) -> Vec<(&'static str, Vec<String>)> {
    params::all()
        .iter()
        .filter(|s| s.default.is_some() && !s.per_server && !s.names_file && !s.is_secret())
        .filter(|s| {
            !base_text
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{} ", s.name)))
        })
        .map(|s| (s.name, spellings_of_default(s)))
        .collect()
}

/// The clean pair's backup tibemsd.conf, rewritten by meaning.
fn equivalent_backup() -> impl Strategy<Value = String> {
    let base = read("clean", "tibemsd.conf");
    let defaults = unset_defaults(&base);
    let added = subsequence(defaults.clone(), 0..=defaults.len().min(12)).prop_flat_map(|chosen| {
        chosen
            .into_iter()
            .map(|(name, spellings)| select(spellings).prop_map(move |v| format!("{name} = {v}")))
            .collect::<Vec<_>>()
    });
    (
        added,
        any::<bool>(),
        select(vec!["512MB", "524288KB", "536870912", "512mb", "512 MB"]),
        select(TRUE.to_vec()),
        select(vec!["5", "0", "remove"]),
        select(vec!["keep", "remove"]),
        any::<u64>(),
        any::<bool>(),
    )
        .prop_map(
            move |(
                added,
                remove_ft_defaults,
                memory,
                authorization,
                heartbeat,
                swapping,
                seed,
                crlf,
            )| {
                let mut lines: Vec<String> = Vec::new();
                for line in base.lines() {
                    let name = line.split(['=', ' ']).next().unwrap_or("").trim();
                    let replaced = match name {
                        "ft_heartbeat" | "ft_activation" | "ft_reconnect_timeout"
                            if remove_ft_defaults =>
                        {
                            None
                        }
                        "max_msg_memory" => Some(format!("max_msg_memory = {memory}")),
                        "authorization" => Some(format!("authorization = {authorization}")),
                        "server_heartbeat_client" if heartbeat == "remove" => None,
                        "server_heartbeat_client" => {
                            Some(format!("server_heartbeat_client = {heartbeat}"))
                        }
                        "msg_swapping" if swapping == "remove" => None,
                        _ => Some(line.to_string()),
                    };
                    lines.extend(replaced);
                }
                lines.extend(added);
                // tibemsd.conf's lines may come in any order when no parameter repeats.
                let mut state = seed | 1;
                for i in (1..lines.len()).rev() {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    lines.swap(i, (state % (i as u64 + 1)) as usize);
                }
                let eol = if crlf { "\r\n" } else { "\n" };
                lines.iter().map(|l| format!("{l}{eol}")).collect()
            },
        )
}

/// Every spelling of the IPv6 addresses of the `addresses-ipv6` pair.
fn respelled(text: &str, a: &str, b: &str) -> String {
    text.replace("[2001:db8::a]", a)
        .replace("[2001:0db8:0000::000b]", b)
        .replace("[2001:DB8:0:0:0:0:0:B]", b)
        .replace("[2001:DB8:0::A]", a)
        .replace("[2001:db8:0:0::b]", b)
        .replace("[2001:db8::b]", b)
}

const SPELLINGS_OF_A: [&str; 4] = [
    "[2001:db8::a]",
    "[2001:DB8::A]",
    "[2001:0db8:0000:0000:0000:0000:0000:000a]",
    "[2001:db8:0:0:0:0:0:a]",
];
const SPELLINGS_OF_B: [&str; 4] = [
    "[2001:db8::b]",
    "[2001:0DB8::000B]",
    "[2001:db8:0::0:b]",
    "[2001:db8:0:0:0:0:0:b]",
];

/// The clean pair's backup factories.conf with documented defaults written out, hosts in
/// another case, and the keys of each section in another order.
fn equivalent_factories() -> impl Strategy<Value = String> {
    let defaults = vec![
        "connect_attempt_count = 2",
        "connect_attempt_delay = 500",
        "connect_attempt_timeout = 0",
        "metric = connections",
    ];
    (
        subsequence(defaults.clone(), 0..=defaults.len()),
        select(vec![
            "EMS-A.example.com",
            "ems-a.EXAMPLE.com.",
            "ems-a.example.com",
        ]),
        any::<bool>(),
    )
        .prop_map(|(added, host, reversed)| {
            let text = read("clean", "factories.conf").replace("ems-a.example.com", host);
            let mut out = String::new();
            for block in text.split("\n[") {
                let mut lines: Vec<&str> = block.lines().collect();
                let header = if out.is_empty() {
                    None
                } else {
                    Some(lines.remove(0))
                };
                let (comments, mut keys): (Vec<&str>, Vec<&str>) = lines
                    .into_iter()
                    .partition(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
                if reversed {
                    keys.reverse();
                }
                if let Some(header) = header {
                    out.push_str(&format!("\n[{header}\n"));
                    for line in &added {
                        out.push_str(&format!("  {line}\n"));
                    }
                }
                for line in comments.iter().chain(&keys) {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            out
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn an_equivalent_rewrite_raises_nothing_at_warning_or_above(backup in equivalent_backup()) {
        let dir = write_pair("clean", &backup, None);
        let found = common::findings_at_warning_or_above(dir.path());
        prop_assert!(found.is_empty(), "{found:#?}\n--- backup/tibemsd.conf:\n{backup}");
    }

    #[test]
    fn factories_with_their_defaults_written_out_raise_nothing(factories in equivalent_factories()) {
        let dir = write_pair("clean", &read("clean", "tibemsd.conf"), Some(&factories));
        let found = common::findings_at_warning_or_above(dir.path());
        prop_assert!(found.is_empty(), "{found:#?}\n--- backup/factories.conf:\n{factories}");
    }

    #[test]
    fn every_spelling_of_an_ipv6_address_is_that_address(
        a in select(SPELLINGS_OF_A.to_vec()),
        b in select(SPELLINGS_OF_B.to_vec()),
    ) {
        let tibemsd = respelled(&read("addresses-ipv6", "tibemsd.conf"), a, b);
        let factories = respelled(&read("addresses-ipv6", "factories.conf"), a, b);
        let dir = write_pair("addresses-ipv6", &tibemsd, Some(&factories));
        let found = common::findings_at_warning_or_above(dir.path());
        prop_assert!(found.is_empty(), "{found:#?}\n--- backup/tibemsd.conf:\n{tibemsd}");
    }

    #[test]
    fn one_effective_value_changed_is_found_at_its_line(
        (name, value, code) in select(vec![
            ("ft_heartbeat", "4", "FT014"),
            ("ft_activation", "30", "FT015"),
            ("max_msg_memory", "256MB", "FT022"),
            ("max_msg_memory", "0", "FT022"),
            ("server_heartbeat_client", "6", "FT018"),
            ("authorization", "off", "FT010"),
            ("msg_swapping", "disabled", "FT022"),
        ]),
        backup in equivalent_backup(),
    ) {
        let mut line_number = None;
        let mut lines: Vec<String> = backup.lines().map(str::to_string).collect();
        for (i, line) in lines.iter_mut().enumerate() {
            if line.split(['=', ' ']).next().unwrap_or("").trim() == name {
                *line = format!("{name} = {value}");
                line_number = Some(i + 1);
            }
        }
        let line_number = match line_number {
            Some(n) => n,
            None => {
                lines.push(format!("{name} = {value}"));
                lines.len()
            }
        };
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        let dir = write_pair("clean", &text, None);
        let report = lint(
            &Inputs { primary: dir.path().join("primary"), backup: Some(dir.path().join("backup")) },
            &Settings::default(),
        );
        let hit = report.findings.iter().find(|f| {
            f.rule.code == code
                && f.locations.iter().any(|l| {
                    l.file.display.ends_with("backup/tibemsd.conf")
                        && l.span.as_ref().is_some_and(|s| {
                            text[..s.start].matches('\n').count() + 1 == line_number
                        })
                })
        });
        prop_assert!(
            hit.is_some(),
            "no {code} at backup/tibemsd.conf:{line_number}: {:#?}",
            report.findings.iter().map(|f| (f.rule.code, &f.message)).collect::<Vec<_>>()
        );
    }
}
