//! The SQL rows against the behaviour `Rows` promises, on SQLite and on PostgreSQL
//! (a throwaway cluster): round trips through the tables, compare-and-swap on a step,
//! one unit at a time, rollback, durability across a reopen, and no session token at
//! rest. Each test is written once and run on both (`on_both!` at the end).
use super::telemetry::{Page, Stream};
use super::*;
use riskgate_service::api::SignInOutcome;
use riskgate_service::api::{Reply, SignInRequest};
use riskgate_service::directory::{place, source};
use riskgate_service::engine::RiskLevel;
use riskgate_service::engine::{Detection, DetectionKind, RiskState, Timing};
use riskgate_service::platform::{OsEntropy, SeededEntropy, SystemClock};
use riskgate_service::seed;
use riskgate_service::service::Service;
use riskgate_service::webauthn::RelyingParty;
use serde_json::json;
use std::sync::Arc;

/// When the directory was seeded: once per test run, near now, as the server seeds it.
fn seeded_at() -> u64 {
    static AT: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *AT.get_or_init(|| riskgate_service::platform::Clock::now_ms(&SystemClock))
}

struct Db {
    _dir: Option<tempfile::TempDir>,
    url: String,
    runtime: tokio::runtime::Runtime,
    store: SqlStore,
}

impl Db {
    fn new(dialect: Dialect) -> Db {
        let (dir, url) = match dialect {
            Dialect::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}", dir.path().join("riskgate.db").display());
                (Some(dir), url)
            }
            Dialect::Postgres => (None, crate::throwaway::shared_database()),
        };
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let store = runtime.block_on(SqlStore::open(&url, 4)).unwrap();
        Db { _dir: dir, url, runtime, store }
    }

    fn reopen(&mut self) {
        self.runtime.block_on(self.store.close());
        self.store = self.runtime.block_on(SqlStore::open(&self.url, 4)).unwrap();
    }

    fn seeded(dialect: Dialect) -> Db {
        let db = Db::new(dialect);
        let (tenants, accounts) = seed::directory(seeded_at(), &SeededEntropy::default());
        let mut rows = db.store.transaction().unwrap();
        for t in &tenants {
            rows.put_tenant(t).unwrap();
        }
        for (id, a) in accounts.iter().enumerate() {
            rows.put_account(id as u64, a).unwrap();
        }
        rows.commit().unwrap();
        db
    }

    fn count(&self, sql: &'static str) -> i64 {
        self.runtime.block_on(sqlx::query(sql).fetch_one(&self.store.pool)).unwrap().get(0)
    }
}

/// The authority itself over this database.
fn service(db: &Db) -> Service<SqlStore> {
    let rp = RelyingParty { id: "localhost".into(), origin: "http://localhost:8081".into() };
    Service::new(db.store.clone(), Arc::new(SystemClock), Arc::new(OsEntropy), rp)
}

/// Ravi signs in from somewhere new: his flow waits at a second factor.
fn waiting_flow(db: &Db) -> Reply {
    let ravi = &seed::PERSONAS[1];
    let reply = std::thread::scope(|s| {
        s.spawn(|| service(db).sign_in(SignInRequest::new(ravi.username, ravi.password))).join().unwrap()
    });
    let reply = reply.expect("password accepted");
    assert!(reply.session.is_none(), "waits for a second factor: {:?}", reply.step);
    reply
}

/// The same flow one step on, as another writer would leave it.
fn advanced(flow: &FlowRecord) -> FlowRecord {
    let mut value = serde_json::to_value(flow).unwrap();
    value["seq"] = (flow.seq() + 1).into();
    serde_json::from_value(value).unwrap()
}

fn record(username: &str, at_ms: u64) -> SignInRecord {
    SignInRecord {
        id: 0,
        at_ms,
        username: username.into(),
        source: source(place("Oslo", "NO", 59.9, 10.7), "203.0.113.9", "Laptop", "Firefox"),
        detections: vec![],
        level: RiskLevel::None,
        user_level: RiskLevel::None,
        outcome: SignInOutcome::SignedIn,
        correlation_id: "c".into(),
        confirmed_by_user: None,
        risk_state: None,
        risk_detail: None,
    }
}

fn session(account: u64) -> Session {
    serde_json::from_value(
        serde_json::json!({"account": account, "proven_ms": null, "started_ms": 1, "used_ms": 1}),
    )
    .unwrap()
}

fn every_seeded_account_and_tenant_reads_back_as_written(dialect: Dialect) {
    let db = Db::seeded(dialect);
    let (tenants, accounts) = seed::directory(seeded_at(), &SeededEntropy::default());
    let mut rows = db.store.transaction().unwrap();
    for (id, a) in accounts.iter().enumerate() {
        assert_eq!(rows.account(id as u64).unwrap().as_ref(), Some(a), "{}", a.username);
        let upper = a.username.to_ascii_uppercase();
        assert_eq!(rows.account_named(&upper).unwrap(), Some(id as u64));
    }
    for t in &tenants {
        assert_eq!(rows.tenant(&t.id).unwrap().as_ref(), Some(t));
    }
    assert_eq!(rows.tenant_ids().unwrap(), tenants.iter().map(|t| t.id.clone()).collect::<Vec<_>>());
    assert_eq!(rows.account(accounts.len() as u64).unwrap(), None);
    assert_eq!(rows.account_named("nobody@example.com").unwrap(), None);
}

fn methods_and_passkeys_live_in_their_own_tables(dialect: Dialect) {
    let db = Db::seeded(dialect);
    let (_, accounts) = seed::directory(seeded_at(), &SeededEntropy::default());
    let with_app = accounts.iter().filter(|a| a.totp.is_some()).count() as i64;
    let with_phone = accounts.iter().filter(|a| a.phone.is_some()).count() as i64;
    assert_eq!(db.count("SELECT COUNT(*) FROM methods WHERE kind = 'AuthenticatorApp'"), with_app);
    assert_eq!(db.count("SELECT COUNT(*) FROM methods WHERE kind = 'Phone'"), with_phone);
    assert_eq!(db.count("SELECT COUNT(*) FROM accounts WHERE body LIKE '%\"totp\"%'"), 0);

    let (id, mut account) = (0u64, accounts[0].clone());
    account.totp = None;
    account.revoked_passkeys = vec!["old-key".into()];
    let mut rows = db.store.transaction().unwrap();
    rows.put_account(id, &account).unwrap();
    assert_eq!(rows.account(id).unwrap(), Some(account.clone()));
    assert_eq!(rows.account_with_passkey("old-key").unwrap(), Some(id), "a removed passkey stays known");
    rows.commit().unwrap();
    assert_eq!(db.count("SELECT COUNT(*) FROM passkeys WHERE revoked = 1"), 1);
}

fn a_step_moves_only_from_the_seq_it_was_read_at(dialect: Dialect) {
    let db = Db::seeded(dialect);
    let waiting = waiting_flow(&db);
    let mut rows = db.store.transaction().unwrap();
    let flow = rows.flow(&waiting.flow_id).unwrap().expect("the flow is a row");
    assert_eq!(flow.seq(), waiting.seq);
    rows.insert_flow("f1", &flow).unwrap();
    assert_eq!(rows.insert_flow("f1", &flow), Err(StoreError::Conflict), "an id is used once");
    rows.commit().unwrap();

    let mut first = db.store.transaction().unwrap();
    let read = first.flow("f1").unwrap().unwrap();
    let moved = advanced(&read);
    first.update_flow("f1", read.seq(), &moved).unwrap();
    first.commit().unwrap();

    // A second tab answered the same step: its write finds the seq moved on.
    let mut second = db.store.transaction().unwrap();
    assert_eq!(second.update_flow("f1", read.seq(), &moved), Err(StoreError::Conflict));
    assert_eq!(second.flow("f1").unwrap().unwrap().seq(), read.seq() + 1);
    second.delete_flow("f1").unwrap();
    assert_eq!(second.update_flow("f1", read.seq() + 1, &moved), Err(StoreError::Conflict), "gone");
}

fn an_uncommitted_transaction_leaves_nothing(dialect: Dialect) {
    let db = Db::seeded(dialect);
    let mut rows = db.store.transaction().unwrap();
    rows.append_log(0, &record("a", 5)).unwrap();
    rows.put_session("token-1", &session(0)).unwrap();
    rows.rollback();
    drop(rows);
    let mut dropped = db.store.transaction().unwrap();
    dropped.put_secret("decoy", b"k").unwrap();
    drop(dropped);
    let mut rows = db.store.transaction().unwrap();
    assert_eq!(rows.log_of_account(0, 10).unwrap(), vec![]);
    assert_eq!(rows.session("token-1").unwrap(), None);
    assert_eq!(rows.secret("decoy").unwrap(), None);
}

fn committed_rows_survive_a_reopen(dialect: Dialect) {
    let mut db = Db::seeded(dialect);
    let mut rows = db.store.transaction().unwrap();
    let first = rows.append_log(0, &record("a", 5)).unwrap();
    let second = rows.append_log(1, &record("b", 6)).unwrap();
    assert!(second > first);
    rows.put_secret("decoy", b"key").unwrap();
    rows.commit().unwrap();
    db.reopen();
    let mut rows = db.store.transaction().unwrap();
    assert_eq!(
        rows.log_entry(first).unwrap().map(|(a, r)| (a, r.id, r.username)),
        Some((0, first, "a".into()))
    );
    assert_eq!(rows.secret("decoy").unwrap(), Some(b"key".to_vec()));
}

fn sign_in_logs_are_newest_first_per_account_and_per_tenant(dialect: Dialect) {
    let db = Db::seeded(dialect);
    let (_, accounts) = seed::directory(seeded_at(), &SeededEntropy::default());
    let tenant = accounts[0].signs_in_to.clone();
    let other =
        accounts.iter().position(|a| a.home_tenant != tenant && a.signs_in_to != tenant).unwrap() as u64;
    let mut rows = db.store.transaction().unwrap();
    for at in 1..=3 {
        rows.append_log(0, &record(&accounts[0].username, at)).unwrap();
    }
    rows.append_log(other, &record("elsewhere", 9)).unwrap();
    let mine: Vec<u64> = rows.log_of_account(0, 2).unwrap().iter().map(|r| r.at_ms).collect();
    assert_eq!(mine, vec![3, 2]);
    let theirs = rows.log_of_tenant(&tenant, 10).unwrap();
    assert!(theirs.iter().all(|r| r.username != "elsewhere"));
    assert_eq!(theirs.len(), 3);
}

fn sessions_end_with_what_they_were_adding(dialect: Dialect) {
    let db = Db::seeded(dialect);
    let mut rows = db.store.transaction().unwrap();
    rows.put_session("key-a", &session(0)).unwrap();
    rows.put_session("key-b", &session(0)).unwrap();
    rows.put_session("key-c", &session(1)).unwrap();
    let challenge: Challenge =
        serde_json::from_value(serde_json::json!({"bytes": [1, 2], "expires_ms": 9})).unwrap();
    rows.put_adding_passkey("key-b", &challenge).unwrap();
    rows.commit().unwrap();

    let mut rows = db.store.transaction().unwrap();
    rows.delete_sessions_of(0, Some("key-a")).unwrap();
    assert!(rows.session("key-a").unwrap().is_some(), "kept");
    assert_eq!(rows.session("key-b").unwrap(), None);
    assert_eq!(rows.adding_passkey("key-b").unwrap(), None);
    assert!(rows.session("key-c").unwrap().is_some(), "another account's");
}

fn a_session_handed_out_is_nowhere_in_the_database_as_itself(dialect: Dialect) {
    let db = Db::seeded(dialect);
    let ada = &seed::PERSONAS[0];
    let s = service(&db);
    let put = |rows: &mut SqlRows| rows.put_secret(riskgate_service::store::DECOY_KEY, &[7; 32]).unwrap();
    let mut rows = db.store.transaction().unwrap();
    put(&mut rows);
    rows.commit().unwrap();
    drop(rows);
    let reply = s.sign_in(SignInRequest::new(ada.username, ada.password)).expect("signs in");
    let token = reply.session.expect("a session");
    let found = |sql: &'static str| -> i64 {
        let q = sqlx::query(sql).bind(format!("%{token}%"));
        db.runtime.block_on(q.fetch_one(&db.store.pool)).unwrap().get(0)
    };
    assert_eq!(found("SELECT COUNT(*) FROM flows WHERE body LIKE $1"), 0, "not in the flow");
    assert_eq!(found("SELECT COUNT(*) FROM sessions WHERE body LIKE $1 OR token_hash LIKE $1"), 0);
    // A step-up's flow names the session it will replace, by key only.
    let step_up = s.step_up(&token).expect("a step-up starts");
    assert!(step_up.session.is_none(), "it waits for a second factor");
    assert_eq!(found("SELECT COUNT(*) FROM flows WHERE body LIKE $1"), 0, "not in the step-up's flow");
    let mut rows = db.store.transaction().unwrap();
    let key = riskgate_service::store::session_key(&token);
    assert!(rows.session(&key).unwrap().is_some(), "found by its key");
    assert_eq!(rows.session(&token).unwrap(), None, "not by the token itself");
}

/// The write lock: a unit that begins while another is open waits for it to end, then
/// reads what it wrote. Without it, two servers' units on PostgreSQL would both read
/// a lockout count, both add one, and one count would be lost.
fn a_unit_waits_for_the_open_one_and_reads_its_write(dialect: Dialect) {
    let db = Db::seeded(dialect);
    let mut first = db.store.transaction().unwrap();
    let mut account = first.account(0).unwrap().unwrap();
    account.display_name = "Written by the first unit".into();
    let first_ended = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        let second = s.spawn(|| {
            let mut rows = db.store.transaction().unwrap();
            let waited = first_ended.load(std::sync::atomic::Ordering::SeqCst);
            (waited, rows.account(0).unwrap().unwrap().display_name)
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        first.put_account(0, &account).unwrap();
        first_ended.store(true, std::sync::atomic::Ordering::SeqCst);
        first.commit().unwrap();
        let (waited, seen) = second.join().unwrap();
        assert!(waited, "the second unit began before the first ended");
        assert_eq!(seen, "Written by the first unit");
    });
}

fn events(db: &Db, stream: Stream, tenant: Option<&str>, after: u64, limit: u32) -> Page {
    db.runtime.block_on(db.store.changed_since(stream, tenant, after, limit)).unwrap()
}

fn ids_and_changes(page: &Page) -> Vec<(u64, u64)> {
    page.events.iter().map(|e| (e["id"].as_u64().unwrap(), e["change"].as_u64().unwrap())).collect()
}

/// Telemetry reads rows in the order they changed, page by page, per tenant; a row
/// that changes again comes again, later, under the same id.
fn telemetry_pages_sign_ins_in_change_order(dialect: Dialect) {
    let db = Db::seeded(dialect);
    let (_, accounts) = seed::directory(seeded_at(), &SeededEntropy::default());
    let tenant = accounts[0].signs_in_to.clone();
    let other =
        accounts.iter().position(|a| a.home_tenant != tenant && a.signs_in_to != tenant).unwrap() as u64;
    let detections_before = events(&db, Stream::Detections, None, 0, 1000).next;
    let mut risky = record(&accounts[0].username, 1);
    risky.detections = vec![DetectionKind::UnfamiliarProperties];
    risky.level = RiskLevel::Medium;
    risky.risk_state = Some(RiskState::AtRisk);
    let mut rows = db.store.transaction().unwrap();
    let first = rows.append_log(0, &risky).unwrap();
    let second = rows.append_log(other, &record("elsewhere", 2)).unwrap();
    rows.commit().unwrap();

    let all = events(&db, Stream::SignIns, None, 0, 10);
    assert_eq!(all.events.iter().map(|e| e["id"].as_u64().unwrap()).collect::<Vec<_>>(), vec![first, second]);
    assert_eq!(all.events[0]["type"], "sign_in");
    assert_eq!(all.events[0]["tenant"], tenant.as_str());
    assert_eq!(all.events[0]["username"], accounts[0].username.as_str());
    let page = events(&db, Stream::SignIns, None, 0, 1);
    assert_eq!(page.events.len(), 1);
    let rest = events(&db, Stream::SignIns, None, page.next, 10);
    assert_eq!(ids_and_changes(&rest), ids_and_changes(&all)[1..].to_vec(), "the next page goes on");
    let mine = events(&db, Stream::SignIns, Some(&tenant), 0, 10);
    assert_eq!(mine.events.len(), 1, "one tenant's: {:?}", mine.events);

    // The sign-in's detection is an event of its own, at the sign-in's level.
    let detected = events(&db, Stream::Detections, None, detections_before, 10);
    assert_eq!(detected.events.len(), 1, "{:?}", detected.events);
    let expected =
        json!({"kind": "UnfamiliarProperties", "level": "Medium", "sign_in": first, "state": "AtRisk"});
    for field in ["kind", "level", "sign_in", "state"] {
        assert_eq!(detected.events[0][field], expected[field], "{field}");
    }

    let mut rows = db.store.transaction().unwrap();
    let mut changed = risky.clone();
    changed.confirmed_by_user = Some(true);
    changed.risk_state = Some(RiskState::Remediated);
    rows.update_log(first, &changed).unwrap();
    rows.commit().unwrap();
    let again = events(&db, Stream::SignIns, None, all.next, 10);
    assert_eq!(again.events.len(), 1, "only the changed row: {:?}", again.events);
    assert_eq!(
        (again.events[0]["id"].as_u64(), again.events[0]["confirmed_by_user"].clone()),
        (Some(first), json!(true))
    );
    assert!(again.next > all.next);
    let remediated = events(&db, Stream::Detections, None, detected.next, 10);
    assert_eq!(remediated.events.len(), 1, "the detection comes again: {:?}", remediated.events);
    assert_eq!(remediated.events[0]["id"], detected.events[0]["id"]);
    assert_eq!(remediated.events[0]["state"], "Remediated");
}

/// A new detection is an event; one whose state changes comes again; an account
/// written again unchanged adds nothing.
fn telemetry_pages_detections_as_they_change(dialect: Dialect) {
    let db = Db::seeded(dialect);
    let before = events(&db, Stream::Detections, None, 0, 1000);
    let mut rows = db.store.transaction().unwrap();
    let mut account = rows.account(0).unwrap().unwrap();
    account.detections.push(Detection::new(
        DetectionKind::LeakedCredentials,
        RiskLevel::High,
        Timing::Offline,
        7,
    ));
    rows.put_account(0, &account).unwrap();
    rows.commit().unwrap();
    let added = events(&db, Stream::Detections, None, before.next, 10);
    assert_eq!(added.events.len(), 1, "{:?}", added.events);
    let event = &added.events[0];
    assert_eq!(
        (event["type"].clone(), event["kind"].clone(), event["state"].clone()),
        (json!("detection"), json!("LeakedCredentials"), json!("AtRisk"))
    );
    assert_eq!(event["username"], account.username.to_ascii_lowercase().as_str());

    let mut rows = db.store.transaction().unwrap();
    rows.put_account(0, &account).unwrap();
    account.detections.last_mut().unwrap().state = RiskState::Dismissed;
    rows.put_account(0, &account).unwrap();
    rows.commit().unwrap();
    let changed = events(&db, Stream::Detections, None, added.next, 10);
    assert_eq!(changed.events.len(), 1, "{:?}", changed.events);
    assert_eq!(
        (changed.events[0]["id"].clone(), changed.events[0]["state"].clone()),
        (event["id"].clone(), json!("Dismissed"))
    );
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $name() { super::$name(super::Dialect::Sqlite) })*
        }
        mod postgres {
            $(#[test] fn $name() { super::$name(super::Dialect::Postgres) })*
        }
    };
}

on_both!(
    every_seeded_account_and_tenant_reads_back_as_written,
    methods_and_passkeys_live_in_their_own_tables,
    a_step_moves_only_from_the_seq_it_was_read_at,
    an_uncommitted_transaction_leaves_nothing,
    committed_rows_survive_a_reopen,
    sign_in_logs_are_newest_first_per_account_and_per_tenant,
    sessions_end_with_what_they_were_adding,
    a_session_handed_out_is_nowhere_in_the_database_as_itself,
    a_unit_waits_for_the_open_one_and_reads_its_write,
    telemetry_pages_sign_ins_in_change_order,
    telemetry_pages_detections_as_they_change,
);
