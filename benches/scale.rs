//! The scale benchmark: `cargo bench --bench scale`.
//!
//! Generates (once, under `target/scale-data`) a consistent FT pair of a large estate and a
//! copy whose backup has every list file shuffled, at half, full and double size, then times,
//! alternating the commands round by round: the release `emsftlint --format json` on the
//! shuffled pair, `diff -r` on the consistent pair, `diff -r` on the shuffled pair and `cat` of
//! every file; emsftlint's peak RSS; emsftlint at half and double size; and a typical pair
//! (TIBCO's sample FT pair from `EMSFTLINT_CORPUS`, else `testdata/pairs/clean`). It prints
//! medians, ratios and each target as met or not met, and for a target not met, what stands
//! in the way: CPU per line, the cost of the memory it writes, bytes per line of its model.
//!
//! `SCALE_ROUNDS` (default 7) sets the number of rounds.

#[path = "scale/generate.rs"]
mod generate;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use emsftlint::finding::thousands;
use emsftlint::settings::Settings;
use emsftlint::{lint, Inputs};
use generate::Pairs;

const EMSFTLINT: &str = env!("CARGO_BIN_EXE_emsftlint");

/// One run of a command: wall time, CPU time (user + system), the child's peak RSS and its
/// exit code.
#[derive(Debug, Clone, Copy)]
struct Sample {
    wall: Duration,
    cpu: Duration,
    max_rss: u64,
    code: i32,
}

/// Runs a command with its output to /dev/null and reaps it with `wait4`, which returns the
/// child's own resource usage (the `ru_maxrss` of `getrusage(RUSAGE_CHILDREN)`, for this
/// child alone).
fn run(program: &str, args: &[OsString]) -> Sample {
    let start = Instant::now();
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data; wait4 fills it for the child we just spawned.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(reaped, pid, "wait4 failed for {program}");
    drop(child);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Sample {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        // Linux reports kilobytes.
        max_rss: usage.ru_maxrss as u64 * 1024,
        code,
    }
}

/// Reads files through a small buffer, so that the page cache holds them.
fn warm(files: &[PathBuf]) {
    let mut buffer = vec![0u8; 1 << 20];
    for path in files {
        let mut file = std::fs::File::open(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        while std::io::Read::read(&mut file, &mut buffer).is_ok_and(|n| n > 0) {}
    }
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn secs(d: Duration) -> String {
    if d < Duration::from_millis(10) {
        format!("{:.2} ms", d.as_secs_f64() * 1e3)
    } else {
        format!("{:.3} s", d.as_secs_f64())
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn os(items: &[&Path]) -> Vec<OsString> {
    items.iter().map(|p| p.as_os_str().to_owned()).collect()
}

/// The command that lints a pair as users run it.
fn emsftlint_args(pair: &(PathBuf, PathBuf)) -> Vec<OsString> {
    let mut args: Vec<OsString> = ["--format", "json", "--no-config", "--fail-on", "info"]
        .iter()
        .map(OsString::from)
        .collect();
    args.extend(os(&[&pair.0, &pair.1]));
    args
}

/// Lints a pair with the CLI and fails the benchmark unless it is clean: no finding at all,
/// not even an info. (In a child process: the benchmark itself stays small, so that a child's
/// peak RSS, which counts what it shares with its parent before `exec`, is its own.)
fn assert_clean(what: &str, pair: &(PathBuf, PathBuf)) {
    let out = Command::new(EMSFTLINT)
        .args(["--format", "concise", "--no-config", "--fail-on", "info"])
        .args([&pair.0, &pair.1])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {EMSFTLINT}: {e}"));
    assert!(
        out.status.success(),
        "the {what} pair does not lint clean:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

struct Timed {
    label: &'static str,
    program: String,
    args: Vec<OsString>,
    /// The exit codes that mean it did its job.
    ok: &'static [i32],
    /// The files it reads.
    reads: Vec<PathBuf>,
    samples: Vec<Sample>,
}

impl Timed {
    fn new(
        label: &'static str,
        program: &str,
        args: Vec<OsString>,
        ok: &'static [i32],
        reads: &(PathBuf, PathBuf),
    ) -> Self {
        Timed {
            label,
            program: program.to_string(),
            args,
            ok,
            reads: Pairs::files(reads),
            samples: Vec::new(),
        }
    }

    fn once(&mut self) -> Sample {
        let s = run(&self.program, &self.args);
        assert!(
            self.ok.contains(&s.code),
            "{} exited with {} ({} {:?})",
            self.label,
            s.code,
            self.program,
            self.args
        );
        s
    }

    /// One timed run, its files read just before: every command is timed with its input in
    /// the page cache, whatever the machine evicted meanwhile (a machine may page out what
    /// was not used for a few seconds, as this benchmark's first machine did).
    fn time(&mut self) {
        warm(&self.reads);
        let s = self.once();
        self.samples.push(s);
    }

    fn median(&self) -> Duration {
        median(self.samples.iter().map(|s| s.wall).collect())
    }

    fn median_cpu(&self) -> Duration {
        median(self.samples.iter().map(|s| s.cpu).collect())
    }

    fn range(&self) -> (Duration, Duration) {
        let walls = self.samples.iter().map(|s| s.wall);
        (
            walls.clone().min().unwrap_or_default(),
            walls.max().unwrap_or_default(),
        )
    }

    fn peak_rss(&self) -> u64 {
        self.samples.iter().map(|s| s.max_rss).max().unwrap_or(0)
    }
}

/// The typical pair and how it is named.
fn typical_pair() -> (String, Inputs) {
    if let Some(corpus) = std::env::var_os("EMSFTLINT_CORPUS") {
        let dir = PathBuf::from(corpus)
            .join("alpanachaphalkar__TIBCO-EMS/8.6.0/ems-client/ems/8.6/samples/config");
        if dir.join("tibemsdft-1.conf").is_file() {
            return (
                "TIBCO's sample FT pair (tibemsdft-1.conf / tibemsdft-2.conf)".into(),
                Inputs {
                    primary: dir.join("tibemsdft-1.conf"),
                    backup: Some(dir.join("tibemsdft-2.conf")),
                },
            );
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/pairs/clean");
    (
        "testdata/pairs/clean (EMSFTLINT_CORPUS is not set)".into(),
        Inputs {
            primary: dir.join("primary"),
            backup: Some(dir.join("backup")),
        },
    )
}

/// What writing fresh memory once costs on this machine, in milliseconds per megabyte: the
/// first touch of every page a process allocates (the median of three 256 MB buffers).
fn fresh_memory_ms_per_mb() -> f64 {
    const SIZE: usize = 256_000_000;
    let runs = (0..3)
        .map(|_| {
            let start = Instant::now();
            let buffer = vec![1u8; SIZE];
            std::hint::black_box(&buffer);
            start.elapsed()
        })
        .collect();
    median(runs).as_secs_f64() * 1e3 / (SIZE as f64 / 1e6)
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met    "
    } else {
        "NOT MET"
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is accepted and ignored.
    let rounds: usize = std::env::var("SCALE_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(7)
        .max(1);
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/scale-data");

    let started = Instant::now();
    let full = generate::ensure(&base, 1.0, true).expect("write the scale data");
    let half = generate::ensure(&base, 0.5, false).expect("write the scale data");
    let double = generate::ensure(&base, 2.0, false).expect("write the scale data");
    let generated = started.elapsed();

    let shuffled = full.shuffled();
    let consistent = full.consistent();
    let input = Pairs::size(&shuffled);
    let c = full.counts;
    println!("emsftlint scale benchmark: {rounds} rounds, commands alternating, medians");
    println!(
        "data: {} ({} queues, {} topics, {} users, {} groups of {}, {} ACL lines; {} a side, {} the pair; ready in {})",
        base.display(),
        c.queues,
        c.topics,
        c.users,
        c.groups,
        c.members,
        c.acl,
        mb(input / 2),
        mb(input),
        secs(generated)
    );

    let started = Instant::now();
    assert_clean("consistent", &consistent);
    assert_clean("shuffled", &shuffled);
    assert_clean("half-size shuffled", &half.shuffled());
    assert_clean("double-size shuffled", &double.shuffled());
    println!(
        "all four generated pairs lint clean (checked with the CLI in {}; every timed emsftlint run must exit 0 too)",
        secs(started.elapsed())
    );

    let cat_args = |pair: &(PathBuf, PathBuf)| -> Vec<OsString> {
        Pairs::files(pair)
            .iter()
            .map(|p| p.as_os_str().to_owned())
            .collect()
    };
    let mut commands = [
        Timed::new(
            "A  emsftlint --format json, shuffled pair",
            EMSFTLINT,
            emsftlint_args(&shuffled),
            &[0],
            &shuffled,
        ),
        Timed::new(
            "B  diff -r, consistent pair",
            "diff",
            os(&[Path::new("-r"), &consistent.0, &consistent.1]),
            &[0, 1],
            &consistent,
        ),
        Timed::new(
            "C  diff -r, shuffled pair",
            "diff",
            os(&[Path::new("-r"), &shuffled.0, &shuffled.1]),
            &[0, 1],
            &shuffled,
        ),
        Timed::new(
            "D  cat of every file, shuffled pair",
            "cat",
            cat_args(&shuffled),
            &[0],
            &shuffled,
        ),
        Timed::new(
            "A½ emsftlint, half-size shuffled pair",
            EMSFTLINT,
            emsftlint_args(&half.shuffled()),
            &[0],
            &half.shuffled(),
        ),
        Timed::new(
            "A2 emsftlint, double-size shuffled pair",
            EMSFTLINT,
            emsftlint_args(&double.shuffled()),
            &[0],
            &double.shuffled(),
        ),
    ];
    // One untimed run of each first.
    for command in &mut commands {
        command.once();
    }
    for _ in 0..rounds {
        for command in &mut commands {
            command.time();
        }
    }
    println!();
    for command in &commands {
        let (lo, hi) = command.range();
        println!(
            "{:<44} {:>10}   (min {}, max {})",
            command.label,
            secs(command.median()),
            secs(lo),
            secs(hi)
        );
    }
    let [a, b, cdiff, d, a_half, a_double] = &commands;
    let (ta, tb, tc, td) = (a.median(), b.median(), cdiff.median(), d.median());
    let ratio = |x: Duration, y: Duration| x.as_secs_f64() / y.as_secs_f64();
    println!();
    println!("ratios:");
    println!(
        "  emsftlint (shuffled) / diff -r (consistent) = {:.2}×",
        ratio(ta, tb)
    );
    println!(
        "  emsftlint (shuffled) / diff -r (shuffled)   = {:.2}×",
        ratio(ta, tc)
    );
    println!(
        "  emsftlint (shuffled) / cat                  = {:.2}×",
        ratio(ta, td)
    );
    println!(
        "  diff -r (consistent) / cat                  = {:.2}×",
        ratio(tb, td)
    );
    let rss = a.peak_rss();
    println!(
        "peak RSS of emsftlint on the shuffled pair: {} = {:.2}× the input ({})",
        mb(rss),
        rss as f64 / input as f64,
        mb(input)
    );
    let (t_half, t_double) = (a_half.median(), a_double.median());
    println!(
        "scaling: half size {} · full size {} · double size {}: full/half = {:.2}×, double/full = {:.2}×",
        secs(t_half),
        secs(ta),
        secs(t_double),
        ratio(ta, t_half),
        ratio(t_double, ta)
    );

    // The typical pair: in-process (lint and the JSON rendering), and the CLI as users run it.
    let (name, inputs) = typical_pair();
    let settings = Settings::default();
    let lint_once = || {
        let start = Instant::now();
        let report = lint(&inputs, &settings);
        let json = emsftlint::render::json::render(&report);
        std::hint::black_box(json);
        start.elapsed()
    };
    for _ in 0..20 {
        lint_once();
    }
    let runs = 500;
    let typical = median((0..runs).map(|_| lint_once()).collect());
    let mut args = vec![
        OsString::from("--format"),
        "json".into(),
        "--no-config".into(),
    ];
    args.push(inputs.primary.as_os_str().to_owned());
    args.extend(inputs.backup.iter().map(|b| b.as_os_str().to_owned()));
    let cli_runs = 100;
    let cli = median(
        (0..cli_runs)
            .map(|_| {
                let s = run(EMSFTLINT, &args);
                assert!(
                    s.code == 0 || s.code == 1,
                    "emsftlint exited with {}",
                    s.code
                );
                s.wall
            })
            .collect(),
    );
    println!(
        "typical pair, {name}: {} in-process (lint + JSON, median of {runs}); {} as a process (median of {cli_runs})",
        secs(typical),
        secs(cli)
    );

    println!();
    println!("targets:");
    println!(
        "  {} emsftlint on the shuffled pair ≤ 1.0× diff -r on the consistent pair: {:.2}× ({} vs {})",
        verdict(ta <= tb),
        ratio(ta, tb),
        secs(ta),
        secs(tb)
    );
    println!(
        "  {} peak RSS ≤ 1.5× the input: {:.2}× ({} for {})",
        verdict(rss as f64 <= 1.5 * input as f64),
        rss as f64 / input as f64,
        mb(rss),
        mb(input)
    );
    println!(
        "  {} double the size at most doubles the time (+10%): {:.2}× ({} → {})",
        verdict(ratio(t_double, ta) <= 2.2),
        ratio(t_double, ta),
        secs(ta),
        secs(t_double)
    );
    println!(
        "  {} typical pair < 5 ms wall time, as a process as a git hook runs it: {} (lint and JSON alone, in-process: {})",
        verdict(cli < Duration::from_millis(5)),
        secs(cli),
        secs(typical)
    );
    println!("  met     both generated pairs lint clean (asserted above: the run stops if not)");

    let time_met = ta <= tb;
    let rss_met = rss as f64 <= 1.5 * input as f64;
    let scaling_met = ratio(t_double, ta) <= 2.2;
    if time_met && rss_met && scaling_met {
        return;
    }
    // Each side's list lines: what emsftlint reads into its model.
    let lines = 2 * (c.queues + c.topics + c.users + c.groups * (1 + c.members) + c.acl);
    let fresh = fresh_memory_ms_per_mb();
    println!();
    println!("what stands in the way:");
    if !time_met {
        println!(
            "  time: diff -r on identical files only compares bytes ({:.0} MB/s). emsftlint parses {} list lines into a model, keys, groups and merges them: {} of CPU ({:.0} ns a line) on {} cores. Its {} of memory are written fresh, and writing fresh memory costs {:.2} ms/MB on this machine: {:.0} ms, {:.1}× the whole diff -r, before any parsing.",
            input as f64 / 1e6 / tb.as_secs_f64(),
            thousands(lines),
            secs(a.median_cpu()),
            a.median_cpu().as_secs_f64() * 1e9 / lines as f64,
            std::thread::available_parallelism().map_or(1, |n| n.get()),
            mb(rss),
            fresh,
            fresh * rss as f64 / 1e6,
            fresh * rss as f64 / 1e6 / (tb.as_secs_f64() * 1e3)
        );
    }
    if !rss_met {
        println!(
            "  memory: the input stays in memory, since findings quote it (1.00×); the parsed model and the grouped keys take the other {} = {:.0} bytes a list line. 1.5× leaves {} = {:.0} bytes a line.",
            mb(rss.saturating_sub(input)),
            rss.saturating_sub(input) as f64 / lines as f64,
            mb(input / 2),
            (input / 2) as f64 / lines as f64
        );
    }
    if !scaling_met {
        let (full_lo, full_hi) = a.range();
        let (double_lo, double_hi) = a_double.range();
        println!(
            "  scaling: the runs spread over full size {} to {} and double size {} to {}; the fastest runs give double/full = {:.2}×.",
            secs(full_lo),
            secs(full_hi),
            secs(double_lo),
            secs(double_hi),
            ratio(double_lo, full_lo)
        );
    }
}
