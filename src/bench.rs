//! Times the engine's decisions the same way natively (`benches/engine.rs`) and in the
//! browser (`bench_engine`, called by `scripts/bench.mjs`), so the two sets of figures compare.
use crate::engine::{password, scenarios};
use serde::Serialize;
use std::hint::black_box;

/// Samples per case; the median and the 95th percentile are taken over them.
pub const SAMPLES: u32 = 31;

/// Each sample lasts at least this long: far above the browser's clock step, which is
/// coarsened to 100 µs on a page that is not cross-origin isolated.
const SAMPLE_NS: f64 = 5e6;

/// A clock in nanoseconds from any fixed origin.
pub type Clock<'a> = &'a dyn Fn() -> f64;

/// One case's time per operation in each sample, in whole nanoseconds. Integers, and no
/// sorting here, keep float formatting and sort code out of the shipped bundle: the
/// callers take the median and the 95th percentile.
#[derive(Clone, Debug, Serialize)]
pub struct Timing {
    pub name: String,
    /// Operations per sample, found by calibration.
    pub iterations: u64,
    pub samples_ns: Vec<u64>,
}

/// Every case: `Flow::start` of each scenario, the full walk, and the password check.
pub fn run_all(clock: Clock, samples: u32) -> Vec<Timing> {
    let mut out = vec![];
    for s in scenarios::all() {
        let name = match s.events.len() {
            0 => format!("Flow::start {}", s.name),
            n => format!("Flow walk {} (start + {n} events)", s.name),
        };
        let prepare = || s.context.clone();
        out.push(measure(clock, samples, name, prepare, |c| drop(black_box(scenarios::walk(c, s.events)))));
    }
    let (banned, personal) = (scenarios::banned_list(), scenarios::personal_terms());
    for length in [16, password::MAX_LENGTH] {
        let p = scenarios::password(length);
        let check = |()| drop(black_box(password::check(black_box(&p), false, &banned, &personal)));
        out.push(measure(clock, samples, format!("password::check {length} chars"), || (), check));
    }
    out
}

/// Times `op` over inputs from `prepare`, which runs outside the timed region.
pub fn measure<I>(
    clock: Clock,
    samples: u32,
    name: String,
    prepare: impl Fn() -> I,
    op: impl Fn(I),
) -> Timing {
    let iterations = calibrate(clock, &prepare, &op);
    let samples_ns = (0..samples).map(|_| sample(clock, iterations, &prepare, &op).round() as u64).collect();
    Timing { name, iterations, samples_ns }
}

/// Doubles the operations per sample until the fastest of three samples lasts `SAMPLE_NS`
/// (one slow sample must not stop it early); doubles as warm-up.
fn calibrate<I>(clock: Clock, prepare: &impl Fn() -> I, op: &impl Fn(I)) -> u64 {
    let mut n = 1;
    let fastest = |n| (0..3).map(|_| sample(clock, n, prepare, op)).fold(f64::INFINITY, f64::min);
    while fastest(n) * (n as f64) < SAMPLE_NS {
        n *= 2;
    }
    n
}

/// Nanoseconds per operation over `n` operations.
fn sample<I>(clock: Clock, n: u64, prepare: &impl Fn() -> I, op: &impl Fn(I)) -> f64 {
    let inputs: Vec<I> = (0..n).map(|_| prepare()).collect();
    let start = clock();
    for input in inputs {
        op(black_box(input));
    }
    (clock() - start) / n as f64
}

pub fn to_json(timings: &[Timing]) -> String {
    serde_json::to_string(timings).expect("timings serialise")
}

/// Runs every case in this browser; JSON text of the timings, as `to_json` writes them.
/// Only in a build with the `bench` feature, so the shipped bundle carries no bench code.
#[cfg(all(target_arch = "wasm32", feature = "bench"))]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench_engine(samples: u32) -> String {
    let performance = web_sys::window().and_then(|w| w.performance()).expect("window.performance");
    let clock = move || performance.now() * 1e6;
    to_json(&run_all(&clock, samples.max(1)))
}
