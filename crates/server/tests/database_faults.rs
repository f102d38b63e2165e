//! PostgreSQL stopped under load (at once, as a crash would) and started again, with
//! the server left running: while it is down every request answers the API's JSON
//! error with 503 and readiness fails; once it is back the same server process serves
//! again, and every sign-in it acknowledged before, during or after is still there.
mod support;

use riskgate_store_sql::throwaway::Postgres;
use serde_json::json;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::*;

/// Signs Ada in again and again until `done`; every reply, in order.
fn sign_in_until(c: Client, done: Arc<AtomicBool>) -> Vec<Resp> {
    let mut replies = vec![];
    while !done.load(Ordering::SeqCst) {
        replies.push(c.sign_in("ada@contoso.example", "Harbor-Lantern-61"));
    }
    replies
}

fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !ready() {
        assert!(Instant::now() < deadline, "{what} never happened");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_database_outage_answers_503_and_loses_nothing_acknowledged() {
    let mut pg = Postgres::start();
    let database = pg.database("faults");
    let dir = TempDir::new("faults");
    let server = Binary::start(&database, &dir.0);
    let c = server.client;
    let done = Arc::new(AtomicBool::new(false));
    let load: Vec<_> = (0..3)
        .map(|_| {
            let done = done.clone();
            std::thread::spawn(move || sign_in_until(c, done))
        })
        .collect();

    std::thread::sleep(Duration::from_secs(1));
    pg.stop();
    let ready = c.get("/health/ready", &[]);
    ready.assert_error(503, json!("Unavailable"), "readiness while the database is down");
    // The liveness check does not depend on the database: the process is fine.
    assert_eq!(c.get("/health/live", &[]).status, 200);
    let down = c.sign_in("ada@contoso.example", "Harbor-Lantern-61");
    down.assert_error(503, json!("Unavailable"), "a sign-in while the database is down");
    std::thread::sleep(Duration::from_secs(2));
    pg.start_again();

    wait_for("readiness after the restart", || c.get("/health/ready", &[]).status == 200);
    wait_for("a sign-in after the restart", || {
        c.sign_in("ada@contoso.example", "Harbor-Lantern-61").status == 200
    });
    std::thread::sleep(Duration::from_secs(1));
    done.store(true, Ordering::SeqCst);
    let replies: Vec<Resp> = load.into_iter().flat_map(|t| t.join().unwrap()).collect();

    let mut sessions = vec![];
    for r in &replies {
        if r.status == 200 {
            assert_eq!(step_name(&r.json()), "SignedIn", "{}", r.body);
            sessions.push(r.json()["session"].as_str().expect("a session").to_string());
        } else {
            r.assert_error(503, json!("Unavailable"), "a sign-in during the outage");
        }
    }
    let refused = replies.len() - sessions.len();
    assert!(refused > 0 && !sessions.is_empty(), "{} acknowledged, {refused} refused", sessions.len());

    // Every sign-in that was acknowledged is still there: its session works.
    for session in &sessions {
        let r = c.get("/api/account", &[("Authorization", &format!("Bearer {session}"))]);
        assert_eq!(r.status, 200, "an acknowledged session was lost: {}", r.body);
    }
}
