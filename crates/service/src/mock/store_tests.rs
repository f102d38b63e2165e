//! The authority over a store that fails part-way through a call, and over rows that
//! two writers change at once: a failing call answers `Unavailable`, hands out no
//! session and leaves every row as it was; of two answers to one step, one is kept.
use super::*;
use crate::engine::reset::ResetStep;
use crate::platform::{FixedClock, SeededEntropy};
use crate::store::testing::{Failure, Shared};
use std::sync::Mutex;

const START: u64 = 1_800_000_000_000;

fn backend() -> (Rc<FixedClock>, Rc<MemoryStore>, MockBackend) {
    let clock = Rc::new(FixedClock::at(START));
    let store = Rc::new(MemoryStore::default());
    let backend = MockBackend::open(clock.clone(), Rc::new(SeededEntropy::default()), store.clone());
    (clock, store, backend)
}

fn password_of(username: &str) -> &'static str {
    seed::PERSONAS.iter().find(|p| p.username == username).expect(username).password
}

fn app_code(b: &MockBackend, clock: &FixedClock, username: &str) -> String {
    totp::code_at(&b.authenticator_secret(username).unwrap(), clock.now_ms() / 1000)
}

/// Runs `call` with the store failing at its first read (or write), then its second,
/// and so on until the call gets through; every failed try must answer `Unavailable`
/// and leave the rows and the saved copy as they were. Returns the answer that got
/// through and how many tries failed.
fn fails_closed<T: std::fmt::Debug>(
    b: &MockBackend,
    store: &MemoryStore,
    on_write: bool,
    call: impl Fn() -> Result<T, BackendError>,
) -> (T, usize) {
    for after in 0..500 {
        let (rows, saved) = (b.rows.borrow().clone(), store.load());
        b.store_fault.set(Some(Failure { after, on_write }));
        match call() {
            Err(BackendError::Unavailable) => {
                assert!(*b.rows.borrow() == rows, "try {after}: rows changed");
                assert_eq!(store.load(), saved, "try {after}: the saved copy changed");
            }
            out => return (out.expect("gets through once the store holds"), after),
        }
    }
    panic!("never got through")
}

#[test]
fn a_sign_in_over_a_failing_store_hands_out_no_session_and_changes_nothing() {
    let (_, store, b) = backend();
    let user = "ada@contoso.example";
    for on_write in [false, true] {
        let (r, failed) =
            fails_closed(&b, &store, on_write, || b.sign_in_now(SignInRequest::new(user, password_of(user))));
        assert!(failed > 2, "the store failed at {failed} points");
        assert!(r.session.is_some(), "{:?}", r.step);
    }
    assert_eq!(b.open_sessions(user), 2);
    assert_eq!(b.sign_in_log().len(), 2, "one line per sign-in that got through");
}

#[test]
fn an_mfa_answer_over_a_failing_store_uses_up_nothing() {
    for on_write in [false, true] {
        let (clock, store, b) = backend();
        let user = "ravi@contoso.example";
        let r = b.sign_in_now(SignInRequest::new(user, password_of(user))).unwrap();
        let r = b.send_now(&r.flow_id, r.seq, Input::Continue).unwrap();
        assert!(matches!(r.step, Step::MfaChallenge { .. }), "{:?}", r.step);
        // The same code each time: a failed try did not use up its time step.
        let code = Input::Code { method: MethodKind::AuthenticatorApp, code: app_code(&b, &clock, user) };
        let (done, failed) =
            fails_closed(&b, &store, on_write, || b.send_now(&r.flow_id, r.seq, code.clone()));
        assert!(failed > 2, "the store failed at {failed} points");
        assert!(done.session.is_some(), "{:?}", done.step);
        assert_eq!(b.open_sessions(user), 1);
    }
}

#[test]
fn a_reset_over_a_failing_store_changes_no_password_until_it_gets_through() {
    let (clock, store, b) = backend();
    let user = "ada@contoso.example";
    let old_hash = b.account_of(user).unwrap().password_hash;
    let (r, _) = fails_closed(&b, &store, true, || b.start_reset_now(user));
    let code = ResetInput::Code { method: MethodKind::AuthenticatorApp, code: app_code(&b, &clock, user) };
    let (r, _) = fails_closed(&b, &store, false, || b.send_reset_now(&r.flow_id, r.seq, code.clone()));
    assert!(matches!(r.step, ResetStep::NewPassword { .. }), "{:?}", r.step);
    let new = ResetInput::NewPassword {
        password: "Quiet-Harbor-Lantern-42".into(),
        confirm: "Quiet-Harbor-Lantern-42".into(),
    };
    for on_write in [false, true] {
        b.store_fault.set(Some(Failure { after: 1, on_write }));
        assert_eq!(b.send_reset_now(&r.flow_id, r.seq, new.clone()), Err(BackendError::Unavailable));
        assert_eq!(b.account_of(user).unwrap().password_hash, old_hash, "no password half-changed");
    }
    let (r, failed) = fails_closed(&b, &store, true, || b.send_reset_now(&r.flow_id, r.seq, new.clone()));
    assert!(failed > 2);
    assert!(matches!(r.step, ResetStep::Done { .. }), "{:?}", r.step);
    assert_ne!(b.account_of(user).unwrap().password_hash, old_hash);
}

#[test]
fn of_two_writers_answering_the_same_step_only_one_is_kept() {
    let (clock, _, b) = backend();
    let user = "ravi@contoso.example";
    let r = b.sign_in_now(SignInRequest::new(user, password_of(user))).unwrap();
    let r = b.send_now(&r.flow_id, r.seq, Input::Continue).unwrap();
    let code = Input::Code { method: MethodKind::AuthenticatorApp, code: app_code(&b, &clock, user) };
    let rows = Mutex::new(b.rows.borrow().clone());
    let rp = b.relying_party();
    let entropy = SeededEntropy::default();
    let a = Authority {
        clock: clock.as_ref(),
        entropy: &entropy,
        rp: &rp,
        client_sources: false,
        hashing: crate::hash::Hashing::Pbkdf2,
        checked: None,
    };
    // Two tabs (or two nodes) read the flow at the same step, and both decide.
    let (mut one, mut two) = (Shared(&rows), Shared(&rows));
    let (mut first, mut second) = (Work::new(&mut one), Work::new(&mut two));
    let won = a.send(&mut first, &r.flow_id, r.seq, code.clone()).unwrap();
    let lost = a.send(&mut second, &r.flow_id, r.seq, code).unwrap();
    assert!(won.session.is_some() && lost.session.is_some(), "each decided alone");
    assert_eq!(first.flush(), Ok(()));
    assert_eq!(second.flush(), Err(StoreError::Conflict));
    let rows = rows.into_inner().unwrap();
    let key = |reply: &Reply| crate::store::session_key(reply.session.as_deref().unwrap());
    assert!(rows.sessions.contains_key(&key(&won)));
    assert!(!rows.sessions.contains_key(&key(&lost)), "the second kept nothing");
    assert_eq!(rows.flows[&r.flow_id].seq(), r.seq + 1);
    assert_eq!(rows.log.len(), b.sign_in_log().len() + 1, "one line, not two");
}

#[test]
fn ended_flows_and_sessions_leave_the_saved_copy_a_day_after_they_end() {
    let (clock, _, b) = backend();
    let r = b.sign_in_now(SignInRequest::new("tomas@contoso.example", password_of("tomas@contoso.example")));
    let r = r.unwrap();
    let ada = b.sign_in_now(SignInRequest::new("ada@contoso.example", password_of("ada@contoso.example")));
    assert!(ada.unwrap().session.is_some());
    clock.advance(FLOW_MAX_MS + 1);
    let _ = b.start_reset_now("nobody@contoso.example");
    assert_eq!(b.send_now(&r.flow_id, r.seq, Input::Continue), Err(BackendError::FlowExpired));
    clock.advance(SESSION_MAX_MS + crate::store::FORGET_AFTER_MS);
    let _ = b.start_reset_now("nobody@contoso.example");
    let rows = b.rows.borrow();
    assert!(rows.flows.is_empty() && rows.sessions.is_empty(), "{:?}", rows.flows.keys());
    assert_eq!(rows.resets.len(), 1, "the reset just started stays");
}
