//! Many clients at once, on SQLite and on PostgreSQL: one right code submitted 16 times
//! signs in once (and proves a reset once, and adds a new method once); 20 different
//! wrong passwords at once lock the account as 20 in a row do (no count lost).
#[macro_use]
mod support;

use riskgate_store_sql::Dialect;
use serde_json::json;
use std::sync::{Arc, Barrier};
use support::*;

/// Runs `n` copies of `each` at once, released together, and returns their replies.
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

fn sixteen_submissions_of_one_right_code_sign_in_once(dialect: Dialect) {
    let s = TestServer::on(dialect);
    let c = s.client;
    let r = c.sign_in("ravi@contoso.example", "Quiet-Meadow-17");
    let flow = Flow::of(&r);
    let r = c.step(&flow, 0, json!("Continue"));
    assert_eq!(step_name(&r.json()), "MfaChallenge", "{}", r.body);
    let code = s.app_code("ravi@contoso.example");
    let input = json!({"Code": {"method": "AuthenticatorApp", "code": code}});
    let replies = all_at_once(16, move |_| c.step(&flow, 1, input.clone()));
    let won: Vec<&Resp> = replies.iter().filter(|r| r.status == 200).collect();
    assert_eq!(won.len(), 1, "exactly one wins: {:?}", replies.iter().map(|r| &r.body).collect::<Vec<_>>());
    assert_eq!(step_name(&won[0].json()), "SignedIn");
    assert!(won[0].json()["session"].is_string());
    for r in replies.iter().filter(|r| r.status != 200) {
        r.assert_error(409, json!({"StaleStep": {"expected": 2}}), "a losing submission");
    }
}

/// What the right password meets after `wrong` wrong ones, sent at once or one by
/// one: the step's name, and for a lock how long it lasts from the last attempt.
fn after_wrong_passwords(dialect: Dialect, wrong: usize, at_once: bool) -> (String, Option<u64>) {
    let s = TestServer::on(dialect);
    let c = s.client;
    let attempt = move |i: usize| c.sign_in("ada@contoso.example", &format!("Wrong-Guess-{i:03}"));
    let replies = if at_once { all_at_once(wrong, attempt) } else { (0..wrong).map(attempt).collect() };
    for r in &replies {
        r.assert_error(401, json!("InvalidCredentials"), "a wrong password");
    }
    let last_ms =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as u64;
    let r = c.sign_in("ada@contoso.example", "Harbor-Lantern-61");
    assert_eq!(r.status, 200, "{}", r.body);
    let body = r.json();
    let until = body["step"]["Blocked"]["reason"]["LockedOut"]["until_ms"].as_u64();
    (step_name(&body), until.map(|t| t.saturating_sub(last_ms)))
}

/// Wrong passwords go on counting during a lock, and every ten lock again for twice as
/// long (crates/service/src/mock/limits.rs): ten lock for 60 s, twenty for 120 s. Twenty
/// at once must lose no count: they lock as twenty in a row do, not as fewer.
fn twenty_wrong_passwords_at_once_lock_as_twenty_in_a_row(dialect: Dialect) {
    let near = |a: u64, b: u64| a.abs_diff(b) < 5_000;
    let (ten_step, ten) = after_wrong_passwords(dialect, 10, false);
    assert_eq!(ten_step, "Blocked", "ten in a row lock");
    let ten = ten.expect("locked out");
    assert!(near(ten, 60_000), "ten lock for 60 s, not {ten} ms");
    let (sequential_step, sequential) = after_wrong_passwords(dialect, 20, false);
    let (concurrent_step, concurrent) = after_wrong_passwords(dialect, 20, true);
    assert_eq!(concurrent_step, sequential_step, "the same step after the right password");
    let (s, c) = (sequential.expect("locked out"), concurrent.expect("locked out"));
    assert!(near(s, 120_000) && near(c, s), "twenty lock for 120 s: in a row {s} ms, at once {c} ms");
    // And nine at once are not enough.
    let (nine, lock) = after_wrong_passwords(dialect, 9, true);
    assert_eq!((nine.as_str(), lock), ("SignedIn", None), "nine wrong passwords lock nothing");
}

fn sixteen_submissions_of_one_right_reset_code_prove_once(dialect: Dialect) {
    let s = TestServer::on(dialect);
    let c = s.client;
    let r = c.post("/api/resets", &[], &json!({"username": "ravi@contoso.example"}));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(step_name(&r.json()), "Verify", "{}", r.body);
    let flow = Flow::of(&r);
    let seq = r.json()["seq"].as_u64().unwrap();
    let input = json!({"Code": {"method": "AuthenticatorApp", "code": s.app_code("ravi@contoso.example")}});
    let path = format!("/api/resets/{}/steps/{seq}", flow.id);
    let replies = all_at_once(16, move |_| c.post(&path, &[("Riskgate-Flow-Secret", &flow.secret)], &input));
    let won: Vec<&Resp> = replies.iter().filter(|r| r.status == 200).collect();
    assert_eq!(won.len(), 1, "exactly one wins: {:?}", replies.iter().map(|r| &r.body).collect::<Vec<_>>());
    assert_eq!(step_name(&won[0].json()), "NewPassword", "{}", won[0].body);
    for r in replies.iter().filter(|r| r.status != 200) {
        r.assert_error(409, json!({"StaleStep": {"expected": seq + 1}}), "a losing submission");
    }
}

fn sixteen_confirmations_of_one_new_method_add_it_once(dialect: Dialect) {
    let s = TestServer::on(dialect);
    let c = s.client;
    // Noor has no method yet: she skips the interrupt and adds an app from account health.
    let (auth, code) = c.start_adding_an_app("noor@contoso.example", "Amber-Glacier-52");
    let a = auth.clone();
    let replies =
        all_at_once(16, move |_| c.post("/api/account/methods/confirm", &[("Authorization", &a)], &code));
    let won: Vec<&Resp> = replies.iter().filter(|r| r.status == 200).collect();
    assert_eq!(
        won.len(),
        1,
        "exactly one adds it: {:?}",
        replies.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    for r in replies.iter().filter(|r| r.status != 200) {
        // The enrollment is used up: the others are refused with the API's error.
        assert!((400..500).contains(&r.status) && !r.json()["error"].is_null(), "{}", r.body);
    }
    let view = c.get("/api/account", &[("Authorization", &auth)]).json();
    assert_eq!(view["methods"], json!(["AuthenticatorApp"]), "{view}");
}

on_both!(
    sixteen_submissions_of_one_right_code_sign_in_once,
    twenty_wrong_passwords_at_once_lock_as_twenty_in_a_row,
    sixteen_submissions_of_one_right_reset_code_prove_once,
    sixteen_confirmations_of_one_new_method_add_it_once
);
