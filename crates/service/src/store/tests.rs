//! The unit of work over `MemoryRows`: what it reads, keeps and writes.
use super::*;
use crate::platform::SeededEntropy;

fn rows() -> MemoryRows {
    let (tenants, accounts) = crate::seed::directory(1_800_000_000_000, &SeededEntropy::default());
    MemoryRows::new(tenants, accounts)
}

fn session(account: AccountId) -> Session {
    Session { account, proven_ms: None, started_ms: 0, used_ms: 0 }
}

#[test]
fn sessions_ended_in_a_unit_are_gone_for_the_rest_of_it_and_after() {
    let mut rows = rows();
    // The store has sessions by key; the unit is given their tokens.
    rows.put_session(&session_key("a"), &session(1)).unwrap();
    rows.put_session(&session_key("b"), &session(1)).unwrap();
    rows.put_session(&session_key("c"), &session(2)).unwrap();
    rows.commit().unwrap();
    let mut w = Work::new(&mut rows);
    w.end_sessions_of(1, Some("b"));
    assert!(w.session("a").unwrap().is_none(), "ended, though the store still has it");
    assert!(w.session_mut("a").unwrap().is_none());
    assert!(w.session("b").unwrap().is_some(), "the one kept");
    w.put_session("d", session(1));
    w.flush().unwrap();
    let kept: Vec<&String> = rows.sessions.keys().collect();
    let mut expected: Vec<String> = ["b", "c", "d"].map(session_key).into();
    expected.sort();
    assert_eq!(kept, expected.iter().collect::<Vec<_>>());
    assert!(!rows.sessions.contains_key("d"), "no token is a key");
}

#[test]
fn nothing_is_written_after_a_failed_read_and_a_failed_write_rolls_back() {
    let mut rows = rows();
    let before = rows.clone();
    let mut failing = testing::FailingRows::new(&mut rows, testing::Failure { after: 1, on_write: true });
    let mut w = Work::new(&mut failing);
    w.account_mut(0).unwrap().is_admin = true;
    w.put_session("x", session(0));
    let text = crate::engine::MethodKind::Sms;
    w.append_phone(crate::mock::PhoneMessage {
        to: "+1 555 0100".into(),
        method: text,
        code: "123456".into(),
        at_ms: 0,
    });
    assert!(w.flush().is_err());
    assert!(rows == before, "the first write was rolled back");
    let mut failing = testing::FailingRows::new(&mut rows, testing::Failure { after: 1, on_write: false });
    let mut w = Work::new(&mut failing);
    w.put_session("y", session(0));
    assert!(w.account(0).is_ok());
    assert!(w.account(1).is_err());
    assert!(w.flush().is_err(), "a unit that met a store error writes nothing");
    assert!(rows == before);
}
