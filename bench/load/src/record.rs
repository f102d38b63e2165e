//! What the journeys did: the times of those that reached `SignedIn`, and every error.
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Instant;

/// Milliseconds of one whole journey and of its three requests.
#[derive(Clone, Copy)]
pub struct Times {
    pub total: f64,
    pub sign_in: f64,
    pub notice: f64,
    pub code: f64,
}

#[derive(Default)]
struct Inner {
    first_start: Option<Instant>,
    /// Journeys begun; those neither done nor failed were cut off when goose stopped.
    begun: u64,
    failed_begun: u64,
    last_end: Option<Instant>,
    done: Vec<Times>,
    errors: BTreeMap<String, u64>,
}

/// Shared by every goose user.
#[derive(Default)]
pub struct Record(Mutex<Inner>);

impl Record {
    pub fn started(&self, at: Instant) {
        let mut inner = self.0.lock().unwrap();
        inner.first_start.get_or_insert(at);
        inner.begun += 1;
    }

    pub fn done(&self, times: Times) {
        let mut inner = self.0.lock().unwrap();
        inner.done.push(times);
        inner.last_end = Some(Instant::now());
    }

    /// A journey that failed; `begun` says whether it had started (taken an account).
    pub fn error(&self, what: String, begun: bool) {
        let mut inner = self.0.lock().unwrap();
        *inner.errors.entry(what).or_default() += 1;
        inner.failed_begun += u64::from(begun);
    }

    /// The summary as JSON: sign-ins per second over the time from the first journey's
    /// start to the last one's end, and nearest-rank percentiles.
    pub fn summary(&self) -> serde_json::Value {
        let inner = self.0.lock().unwrap();
        let seconds = match (inner.first_start, inner.last_end) {
            (Some(a), Some(b)) => b.duration_since(a).as_secs_f64(),
            _ => 0.0,
        };
        let pick = |f: fn(&Times) -> f64| inner.done.iter().map(f).collect::<Vec<f64>>();
        let (total, sign_in, notice, code) =
            (pick(|t| t.total), pick(|t| t.sign_in), pick(|t| t.notice), pick(|t| t.code));
        let errors: u64 = inner.errors.values().sum();
        serde_json::json!({
            "signed_in": inner.done.len(),
            "cut_off_at_end": inner.begun - inner.done.len() as u64 - inner.failed_begun,
            "errors": errors,
            "error_kinds": inner.errors,
            "seconds": seconds,
            "per_second": if seconds > 0.0 { inner.done.len() as f64 / seconds } else { 0.0 },
            "journey_ms": { "p50": percentile(&total, 50.0), "p99": percentile(&total, 99.0) },
            "step_ms_p50": {
                "sign_in": percentile(&sign_in, 50.0),
                "notice": percentile(&notice, 50.0),
                "code": percentile(&code, 50.0),
            },
        })
    }
}

/// Nearest-rank percentile; 0 for no values.
pub fn percentile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank - 1]
}
