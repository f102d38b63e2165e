//! `make bench`'s load tool (scripts/load-bench.mjs runs it).
//!
//!   riskgate-load journeys --node URL [--node URL]... --accounts N --users U --seconds S
//!   riskgate-load argon2 [--hashes N]
//!
//! `journeys` drives full risky sign-ins with goose against riskgate-server started with
//! `--seed bench:N --demo-sources`: each journey takes a fresh load-test account
//! (`seed::bench_username`), signs in from a place the account has never seen, continues
//! past the risk notice and answers the MFA challenge with its authenticator code
//! (`seed::bench_secret`). A journey counts only once it reaches `SignedIn` with a
//! session; anything else is an error, counted by what went wrong. With several nodes,
//! the steps of a journey go round them in turn, as a load balancer without sticky
//! sessions would send them.
//!
//! `argon2` times the service's own password hash (`hash::hash_new`) and prints the
//! ceiling it sets: cores / seconds per hash.
//!
//! Both print one JSON object as the last line of standard output (goose may print
//! warnings before it).
mod journey;
mod record;

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("journeys") => journey::Options::parse(&args[1..]).and_then(journey::run),
        Some("argon2") => argon2_ceiling(&args[1..]),
        _ => Err("usage: riskgate-load journeys --node URL... --accounts N --users U --seconds S \
                  | riskgate-load argon2 [--hashes N]"
            .into()),
    };
    match result {
        Ok(json) => println!("{json}"),
        Err(problem) => {
            eprintln!("riskgate-load: {problem}");
            std::process::exit(2);
        }
    }
}

/// The time of one hash with the service's argon2id parameters (median of `--hashes`,
/// after one unrecorded), and the sign-ins per second all cores could hash at most.
fn argon2_ceiling(args: &[String]) -> Result<serde_json::Value, String> {
    let hashes: usize = match args {
        [] => 20,
        [flag, n] if flag == "--hashes" => n.parse().map_err(|_| format!("--hashes {n}: not a number"))?,
        _ => return Err("argon2 takes only --hashes N".into()),
    };
    let salt = [7u8; 16];
    let once = || {
        let started = Instant::now();
        std::hint::black_box(riskgate_service::hash::hash_new(riskgate_service::seed::BENCH_PASSWORD, &salt));
        started.elapsed().as_secs_f64() * 1000.0
    };
    once();
    let times: Vec<f64> = (0..hashes.max(1)).map(|_| once()).collect();
    let ms = record::percentile(&times, 50.0);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    Ok(serde_json::json!({
        "hashes": times.len(),
        "ms_per_hash_median": ms,
        "cores": cores,
        "ceiling_per_second": cores as f64 * 1000.0 / ms,
    }))
}
