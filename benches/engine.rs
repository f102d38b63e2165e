//! Native time per engine decision: `cargo bench --bench engine`, run by `make bench`.
//! Prints a markdown table and writes `bench/results/native.json` for `scripts/bench.mjs`.
use riskgate::bench::{self, Timing};
use serde::Serialize;
use std::path::Path;
use std::time::Instant;

/// One case, as `scripts/bench.mjs` reads it.
#[derive(Serialize)]
struct Summary<'a> {
    name: &'a str,
    iterations: u64,
    median_ns: u64,
    p95_ns: u64,
}

fn main() {
    let origin = Instant::now();
    let clock = move || origin.elapsed().as_nanos() as f64;
    let timings = bench::run_all(&clock, bench::SAMPLES);
    let summaries: Vec<Summary> = timings.iter().map(summarise).collect();
    print!("{}", table(&summaries));
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/results/native.json");
    write(&out, &serde_json::to_string_pretty(&summaries).expect("summaries serialise"));
    println!("\nwrote {}", out.display());
}

fn summarise(t: &Timing) -> Summary<'_> {
    let mut sorted = t.samples_ns.clone();
    sorted.sort_unstable();
    let median_ns = percentile(&sorted, 50);
    Summary { name: &t.name, iterations: t.iterations, median_ns, p95_ns: percentile(&sorted, 95) }
}

/// Nearest-rank percentile of sorted, non-empty `values`.
fn percentile(sorted: &[u64], p: usize) -> u64 {
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted[rank - 1]
}

fn table(summaries: &[Summary]) -> String {
    let mut out = format!("Native engine, ns per operation ({} samples each)\n\n", bench::SAMPLES);
    out += "| Case | Median ns | p95 ns | Ops per sample |\n| --- | ---: | ---: | ---: |\n";
    for s in summaries {
        out += &format!("| {} | {} | {} | {} |\n", s.name, s.median_ns, s.p95_ns, s.iterations);
    }
    out
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent directory")).expect("create bench/results");
    std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}
