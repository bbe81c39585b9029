use std::process::ExitCode;

use emsftlint::cli::Cli;

// A large estate is millions of small model entries made by two threads: mimalloc serves
// them from per-thread pages (the scale benchmark's shuffled pair: 1.03 s with the system
// allocator, 0.71 s with mimalloc). Built without transparent huge pages (`no_thp`): a
// typical pair would otherwise have whole 2 MB pages zeroed for it, and a large one's peak
// RSS rounds up to them (313 → 283 MB).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    emsftlint::app::run(Cli::parse_ordered())
}
