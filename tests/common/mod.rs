//! Helpers shared by the integration tests (each test file includes the ones it uses).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A path under the repository's `testdata/`.
pub fn testdata(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(path)
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The shared corpus of real configurations, when `EMSFTLINT_CORPUS` names it.
pub fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("EMSFTLINT_CORPUS")?);
    assert!(
        dir.is_dir(),
        "EMSFTLINT_CORPUS={} is not a directory",
        dir.display()
    );
    Some(dir)
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs the binary in `dir` with `args`, then `--no-config --color never` and `extra`, with
/// certificates checked at 2026-11-22.
pub fn emsftlint_with(dir: &Path, args: &[&str], extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_emsftlint"))
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("EMSFTLINT_NOW", "2026-11-22")
        .args(args)
        .args(["--no-config", "--color", "never"])
        .args(extra)
        .output()
        .expect("emsftlint runs")
}

/// xorshift64*: small, seeded, good enough to shuffle.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn coin(&mut self) -> bool {
        self.next() & 1 == 1
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    pub fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
        choices[self.below(choices.len())]
    }
}

/// The findings at warning or above of the pair `dir/primary` ↔ `dir/backup`, linted with the
/// default settings: `severity CODE rule: message`.
pub fn findings_at_warning_or_above(dir: &Path) -> Vec<String> {
    let report = emsftlint::lint(
        &emsftlint::Inputs {
            primary: dir.join("primary"),
            backup: Some(dir.join("backup")),
        },
        &emsftlint::settings::Settings::default(),
    );
    report
        .findings
        .iter()
        .filter(|f| f.severity >= emsftlint::Severity::Warning)
        .map(|f| {
            format!(
                "{} {} {}: {}",
                f.severity.as_str(),
                f.rule.code,
                f.rule.name,
                f.message
            )
        })
        .collect()
}
