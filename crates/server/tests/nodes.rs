//! Two `riskgate-server` processes on one PostgreSQL database, as behind a load
//! balancer: a stream of requests alternating between them carries a risky sign-in and
//! a reset to the end; one step answered on both at once moves once; wrong passwords
//! split across both count as they do on one server.
mod support;

use serde_json::json;
use std::sync::{Arc, Barrier};
use support::*;

/// Two server binaries on a new database of the shared throwaway cluster, started at
/// once (both asked to seed it: one does).
struct Pair {
    nodes: [Binary; 2],
    _dir: TempDir,
}

impl Pair {
    fn start() -> Pair {
        let dir = TempDir::new("nodes");
        let database = riskgate_store_sql::throwaway::shared_database();
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| Binary::start(&database, &dir.0));
            let b = s.spawn(|| Binary::start(&database, &dir.0));
            (a.join().unwrap(), b.join().unwrap())
        });
        Pair { nodes: [a, b], _dir: dir }
    }

    /// The node for the `i`-th request: they take turns.
    fn node(&self, i: usize) -> Client {
        self.nodes[i % 2].client
    }
}

#[test]
fn a_risky_sign_in_and_a_reset_go_on_whichever_node_answers() {
    let pair = Pair::start();
    let ravi = "ravi@contoso.example";
    let r = pair.node(0).sign_in(ravi, "Quiet-Meadow-17");
    assert_eq!(step_name(&r.json()), "Notice", "{}", r.body);
    let flow = Flow::of(&r);
    let r = pair.node(1).step(&flow, 0, json!("Continue"));
    assert_eq!(step_name(&r.json()), "MfaChallenge", "{}", r.body);
    let code = pair.node(0).demo_code(ravi);
    let r = pair.node(1).step(&flow, 1, json!({"Code": {"method": "AuthenticatorApp", "code": code}}));
    assert_eq!(step_name(&r.json()), "SignedIn", "{}", r.body);
    let body = r.json();

    // The session and the hand-off code made on one node are good on the other.
    let auth = format!("Bearer {}", body["session"].as_str().expect("a session"));
    let view = pair.node(0).get("/api/account", &[("Authorization", &auth)]);
    assert_eq!((view.status, view.json()["username"].clone()), (200, json!(ravi)), "{}", view.body);
    let handoff = body["handoff"].as_str().expect("a hand-off code");
    let r = pair.node(0).exchange(handoff, HOST_SECRET);
    assert_eq!((r.status, r.json()["proven"].clone()), (200, json!(true)), "{}", r.body);
    pair.node(1).exchange(handoff, HOST_SECRET).assert_error(410, json!("FlowExpired"), "used on the other");

    // A reset started on one node is proven on the other.
    let r = pair.node(0).post("/api/resets", &[], &json!({"username": ravi}));
    assert_eq!(step_name(&r.json()), "Verify", "{}", r.body);
    let reset = Flow::of(&r);
    let seq = r.json()["seq"].as_u64().unwrap();
    let path = format!("/api/resets/{}/steps/{seq}", reset.id);
    // The app code just used for the sign-in is spent: wait for the next one.
    let code = next_code(&pair, ravi, &code);
    let input = json!({"Code": {"method": "AuthenticatorApp", "code": code}});
    let r = pair.node(1).post(&path, &[("Riskgate-Flow-Secret", &reset.secret)], &input);
    assert_eq!(step_name(&r.json()), "NewPassword", "{}", r.body);
}

/// The authenticator's next code, once it differs from `used`.
fn next_code(pair: &Pair, username: &str, used: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(35);
    loop {
        let code = pair.node(0).demo_code(username);
        if code != used {
            return code;
        }
        assert!(std::time::Instant::now() < deadline, "the code never changed");
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
}

/// Runs `n` copies of `each` at once, released together.
fn all_at_once(n: usize, each: impl Fn(usize) -> Resp + Send + Sync + 'static) -> Vec<Resp> {
    let barrier = Arc::new(Barrier::new(n));
    let each = Arc::new(each);
    let threads: Vec<_> = (0..n)
        .map(|i| {
            let (barrier, each) = (barrier.clone(), each.clone());
            std::thread::spawn(move || {
                barrier.wait();
                each(i)
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

#[test]
fn one_code_sent_to_both_nodes_at_once_signs_in_once() {
    let pair = Pair::start();
    let ravi = "ravi@contoso.example";
    let r = pair.node(0).sign_in(ravi, "Quiet-Meadow-17");
    let flow = Flow::of(&r);
    let r = pair.node(1).step(&flow, 0, json!("Continue"));
    assert_eq!(step_name(&r.json()), "MfaChallenge", "{}", r.body);
    let input = json!({"Code": {"method": "AuthenticatorApp", "code": pair.node(0).demo_code(ravi)}});
    let clients = [pair.node(0), pair.node(1)];
    let replies = all_at_once(16, move |i| clients[i % 2].step(&flow, 1, input.clone()));
    let won: Vec<&Resp> = replies.iter().filter(|r| r.status == 200).collect();
    assert_eq!(won.len(), 1, "exactly one wins: {:?}", replies.iter().map(|r| &r.body).collect::<Vec<_>>());
    assert_eq!(step_name(&won[0].json()), "SignedIn");
    for r in replies.iter().filter(|r| r.status != 200) {
        r.assert_error(409, json!({"StaleStep": {"expected": 2}}), "a losing submission");
    }
}

/// What the right password meets after `wrong` wrong ones sent to both nodes, at once
/// or one by one: the step, and how long a lock lasts from the last attempt.
fn after_wrong_passwords(wrong: usize, at_once: bool) -> (String, Option<u64>) {
    let pair = Pair::start();
    let clients = [pair.node(0), pair.node(1)];
    let attempt = move |i: usize| clients[i % 2].sign_in("ada@contoso.example", &format!("Wrong-{i:03}"));
    let replies = if at_once { all_at_once(wrong, attempt) } else { (0..wrong).map(attempt).collect() };
    for r in &replies {
        r.assert_error(401, json!("InvalidCredentials"), "a wrong password");
    }
    let last_ms =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as u64;
    let r = pair.node(wrong).sign_in("ada@contoso.example", "Harbor-Lantern-61");
    let body = r.json();
    let until = body["step"]["Blocked"]["reason"]["LockedOut"]["until_ms"].as_u64();
    (step_name(&body), until.map(|t| t.saturating_sub(last_ms)))
}

/// Twenty at once across both nodes lose no count: they lock as twenty in a row do
/// (for 120 s; ten lock for 60 s, and every ten more for twice as long).
#[test]
fn wrong_passwords_split_across_both_nodes_lose_no_count() {
    let near = |a: u64, b: u64| a.abs_diff(b) < 5_000;
    let (step, sequential) = after_wrong_passwords(20, false);
    let sequential = sequential.unwrap_or_else(|| panic!("twenty in a row lock, not {step}"));
    let (step, at_once) = after_wrong_passwords(20, true);
    let at_once = at_once.unwrap_or_else(|| panic!("twenty at once lock, not {step}"));
    assert!(
        near(sequential, 120_000) && near(at_once, sequential),
        "in a row {sequential} ms, at once {at_once} ms"
    );
}
