//! Crash safety: the built binary under a load of sign-ins is killed with SIGKILL,
//! started again on the same database, and every change it acknowledged is there: the
//! sign-in log lines (read through the admin API), a password change, a method added
//! and a lockout; and the database file passes SQLite's own checks.
mod support;

use serde_json::json;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::*;

const NEW_PASSWORD: &str = "Tundra-Pixel-Meteor-4821";

#[test]
fn every_acknowledged_change_survives_sigkill() {
    let dir = TempDir::new("crash");
    let database = dir.database();
    let mut server = Binary::start(&database, &dir.0);
    let c = server.client;

    let stop = Arc::new(AtomicBool::new(false));
    let signed_in: Arc<Mutex<Vec<String>>> = Arc::default();
    let wrong: Arc<Mutex<usize>> = Arc::default();
    let changed = Arc::new(AtomicBool::new(false));
    let added = Arc::new(AtomicBool::new(false));
    let mut load = vec![];
    // Tomas skips the registration interrupt and adds an authenticator app.
    {
        let added = added.clone();
        load.push(std::thread::spawn(move || {
            if add_an_app(c, "tomas@contoso.example", "Maple-Thunder-73") {
                added.store(true, Ordering::SeqCst);
            }
        }));
    }
    // Clean sign-ins: each acknowledged one is a line in the log.
    for _ in 0..2 {
        let (stop, signed_in) = (stop.clone(), signed_in.clone());
        load.push(std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) && signed_in.lock().unwrap().len() < 40 {
                let Some(r) = c.try_sign_in("ada@contoso.example", "Harbor-Lantern-61") else { return };
                if r.status == 200 && step_name(&r.json()) == "SignedIn" {
                    signed_in.lock().unwrap().push(r.json()["correlation_id"].as_str().unwrap().to_string());
                }
            }
        }));
    }
    // Wrong passwords for noor: ten acknowledged lock her out.
    {
        let (stop, wrong) = (stop.clone(), wrong.clone());
        load.push(std::thread::spawn(move || {
            for i in 0..14 {
                if stop.load(Ordering::SeqCst) {
                    return;
                }
                let Some(r) = c.try_sign_in("noor@contoso.example", &format!("Not-Her-Password-{i}")) else {
                    return;
                };
                if r.status == 401 {
                    *wrong.lock().unwrap() += 1;
                }
            }
        }));
    }
    // Pat changes the temporary password.
    {
        let changed = changed.clone();
        load.push(std::thread::spawn(move || {
            let r = c.sign_in("pat@contoso.example", "Temp-Kestrel-2468");
            assert_eq!(r.status, 200, "{}", r.body);
            let flow = Flow::of(&r);
            let seq = r.json()["seq"].as_u64().unwrap();
            assert_eq!(step_name(&r.json()), "ChangePassword", "{}", r.body);
            let input = json!({"NewPassword": {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}});
            let r = c.step(&flow, seq, input);
            if r.status == 200 && step_name(&r.json()) == "SignedIn" {
                changed.store(true, Ordering::SeqCst);
            }
        }));
    }
    // Kill it in the middle: once each kind of change was acknowledged, sign-ins still going.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !(changed.load(Ordering::SeqCst)
        && added.load(Ordering::SeqCst)
        && *wrong.lock().unwrap() >= 10
        && signed_in.lock().unwrap().len() >= 8)
    {
        assert!(Instant::now() < deadline, "the load never got going");
        std::thread::sleep(Duration::from_millis(5));
    }
    server.kill();
    stop.store(true, Ordering::SeqCst);
    for t in load {
        t.join().unwrap();
    }
    let acknowledged = signed_in.lock().unwrap().clone();
    let wrong = *wrong.lock().unwrap();

    let server = Binary::start(&database, &dir.0);
    let c = server.client;
    // The admin reads the log: every acknowledged sign-in is in it.
    let admin = c
        .admin_session("admin@contoso.example", "Steady-Compass-27", || c.demo_code("admin@contoso.example"));
    let view = c.get("/api/admin", &[("Authorization", &format!("Bearer {admin}"))]);
    assert_eq!(view.status, 200, "{}", view.body);
    let logged: Vec<String> = view.json()["sign_ins"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["correlation_id"].as_str().map(String::from))
        .collect();
    for id in &acknowledged {
        assert!(logged.contains(id), "acknowledged sign-in {id} is in the log after the crash");
    }
    // The password change held, and the seed was not loaded again over it.
    c.sign_in("pat@contoso.example", "Temp-Kestrel-2468").assert_error(
        401,
        json!("InvalidCredentials"),
        "the old one",
    );
    let r = c.sign_in("pat@contoso.example", NEW_PASSWORD);
    assert_eq!(r.status, 200, "the new password: {}", r.body);
    // The method held: tomas signs in without the interrupt, and his account lists it.
    let r = c.sign_in("tomas@contoso.example", "Maple-Thunder-73");
    assert_eq!(step_name(&r.json()), "SignedIn", "{}", r.body);
    let auth = format!("Bearer {}", r.json()["session"].as_str().unwrap());
    let view = c.get("/api/account", &[("Authorization", &auth)]).json();
    assert_eq!(view["methods"], json!(["AuthenticatorApp"]), "{view}");
    // Nothing half-written: SQLite finds the file whole and every reference kept.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let checks = rt.block_on(async {
        let pool = sqlx::SqlitePool::connect(&database).await.unwrap();
        let whole: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&pool).await.unwrap();
        let broken = sqlx::query("PRAGMA foreign_key_check").fetch_all(&pool).await.unwrap().len();
        (whole, broken)
    });
    assert_eq!(checks, ("ok".to_string(), 0));
    // The lockout held.
    assert!(wrong >= 10);
    let r = c.sign_in("noor@contoso.example", "Amber-Glacier-52");
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.json()["step"]["Blocked"]["reason"]["LockedOut"].is_object(), "noor is locked out: {}", r.body);
}

/// Skips the interrupt, adds an authenticator app from account health and proves it.
fn add_an_app(c: Client, username: &str, password: &str) -> bool {
    let (auth, code) = c.start_adding_an_app(username, password);
    c.post("/api/account/methods/confirm", &[("Authorization", &auth)], &code).status == 200
}
