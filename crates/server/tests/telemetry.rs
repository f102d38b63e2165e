//! Telemetry, on SQLite and on PostgreSQL: a server started with `--telemetry FILE`
//! under a load of sign-ins (clean, risky with MFA, wrong passwords) writes one JSON
//! object per line, each parsing alone, with none of the passwords, codes, tokens,
//! hand-off codes or flow secrets the load used; the admin API pages the same events
//! in change order with `since` and `limit`.
#[macro_use]
mod support;

use riskgate_store_sql::Dialect;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};
use support::*;

const ADMIN: (&str, &str) = ("admin@contoso.example", "Steady-Compass-27");

/// Everything secret a request or reply carried.
#[derive(Default)]
struct Secrets(Vec<String>);

impl Secrets {
    fn keep(&mut self, value: &Value) {
        if let Some(text) = value.as_str().filter(|t| !t.is_empty()) {
            self.0.push(text.to_string());
        }
    }

    /// The secrets a sign-in-style reply carried: session, hand-off, flow secret.
    fn keep_reply(&mut self, r: &Resp) {
        let body = r.json();
        for field in ["session", "handoff", "flow_secret"] {
            self.keep(&body[field]);
        }
    }
}

/// Clean sign-ins and wrong passwords from several threads at once, and one risky
/// sign-in through the notice and an app code; what they used.
fn load(c: Client) -> Secrets {
    let threads: Vec<_> = (0..4)
        .map(|t| {
            std::thread::spawn(move || {
                let mut used = Secrets::default();
                for i in 0..3 {
                    let r = c.sign_in("ada@contoso.example", "Harbor-Lantern-61");
                    assert_eq!(r.status, 200, "{}", r.body);
                    used.keep_reply(&r);
                    let wrong = format!("Wrong-Secret-{t}-{i}");
                    c.sign_in("kim@contoso.example", &wrong).assert_error(
                        401,
                        json!("InvalidCredentials"),
                        "",
                    );
                    used.0.push(wrong);
                }
                used
            })
        })
        .collect();
    let mut used = Secrets(vec!["Harbor-Lantern-61".into(), "Quiet-Meadow-17".into()]);
    let r = c.sign_in("ravi@contoso.example", "Quiet-Meadow-17");
    used.keep_reply(&r);
    let flow = Flow::of(&r);
    let r = c.step(&flow, 0, json!("Continue"));
    assert_eq!(step_name(&r.json()), "MfaChallenge", "{}", r.body);
    let code = c.demo_code("ravi@contoso.example");
    let r = c.step(&flow, 1, json!({"Code": {"method": "AuthenticatorApp", "code": code}}));
    assert_eq!(step_name(&r.json()), "SignedIn", "{}", r.body);
    used.keep_reply(&r);
    used.0.push(format!("\"{code}\""));
    for thread in threads {
        used.0.extend(thread.join().unwrap().0);
    }
    used
}

/// Every event of the admin's tenant, through pages of `limit`.
fn all_pages(c: Client, auth: &str, path: &str, limit: u32) -> Vec<Value> {
    let (mut since, mut events) = (0, vec![]);
    loop {
        let r = c.get(&format!("{path}?since={since}&limit={limit}"), &[("Authorization", auth)]);
        assert_eq!(r.status, 200, "{}", r.body);
        let page = r.json();
        let got = page["events"].as_array().unwrap().clone();
        if got.is_empty() {
            assert_eq!(page["next"], json!(since), "an empty page keeps the cursor");
            return events;
        }
        assert!(got.len() <= limit as usize);
        since = page["next"].as_u64().unwrap();
        assert_eq!(got.last().unwrap()["change"], json!(since), "next is the last change read");
        events.extend(got);
    }
}

fn key(event: &Value) -> (String, u64, u64) {
    (event["type"].as_str().unwrap().into(), event["id"].as_u64().unwrap(), event["change"].as_u64().unwrap())
}

fn telemetry_lines_parse_and_carry_no_secret(dialect: Dialect) {
    let dir = TempDir::new("telemetry");
    let file = dir.0.join("telemetry.jsonl");
    let database = database_for(dialect, &dir);
    let server = Binary::with_args(&database, &dir.0, &["--telemetry", file.to_str().unwrap()]);
    let c = server.client;
    let mut used = load(c);
    let code = || c.demo_code(ADMIN.0);
    let admin = c.admin_session(ADMIN.0, ADMIN.1, code);
    let auth = format!("Bearer {admin}");
    used.0.extend([admin.clone(), ADMIN.1.to_string()]);

    // The admin API: the tenant's events, in change order, page by page.
    let sign_ins = all_pages(c, &auth, "/api/admin/sign-ins", 2);
    let detections = all_pages(c, &auth, "/api/admin/detections", 2);
    let changes: Vec<u64> = sign_ins.iter().map(|e| e["change"].as_u64().unwrap()).collect();
    assert!(changes.windows(2).all(|w| w[0] < w[1]), "in change order: {changes:?}");
    let ada = sign_ins.iter().filter(|e| e["username"] == "ada@contoso.example").count();
    assert_eq!(ada, 12, "every one of Ada's sign-ins, once each");
    let ravi = |e: &&Value| e["username"] == "ravi@contoso.example";
    let risky = sign_ins.iter().rfind(ravi).expect("Ravi's sign-in");
    assert_eq!(risky["outcome"], "SignedIn", "{risky}");
    assert!(!risky["detections"].as_array().unwrap().is_empty(), "{risky}");
    assert!(detections.iter().any(|e| ravi(&e)), "Ravi's detection: {detections:?}");
    c.get("/api/admin/sign-ins?limit=0", &[("Authorization", &auth)]).assert_error(
        400,
        json!({"Malformed": "limit=0: from 1 to 1000"}),
        "a limit of 0",
    );
    c.get("/api/admin/sign-ins", &[]).assert_error(401, json!("NotAuthorized"), "without a session");

    // The file: every event the API gave, each line JSON of its own, nothing secret.
    let wanted: BTreeSet<_> = sign_ins.iter().chain(&detections).map(key).collect();
    let text = wait_for_lines(&file, &wanted);
    for line in text.lines() {
        let event: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(["sign_in", "detection"].contains(&event["type"].as_str().unwrap_or("")), "{line}");
    }
    assert!(used.0.len() > 30, "the load used its secrets: {}", used.0.len());
    for secret in &used.0 {
        assert!(!text.contains(secret.as_str()), "{secret} is in the telemetry");
    }
}

/// The file's text once it holds every event in `wanted`.
fn wait_for_lines(file: &std::path::Path, wanted: &BTreeSet<(String, u64, u64)>) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let written: BTreeSet<_> =
            text.lines().filter_map(|l| serde_json::from_str::<Value>(l).ok()).map(|e| key(&e)).collect();
        if wanted.is_subset(&written) {
            return text;
        }
        assert!(Instant::now() < deadline, "missing from the file: {:?}", wanted.difference(&written));
        std::thread::sleep(Duration::from_millis(200));
    }
}

on_both!(telemetry_lines_parse_and_carry_no_secret);
