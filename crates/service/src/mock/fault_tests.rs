//! Faults and brute force in the mock, natively: every operation under every fault kind
//! fails before anything changes and goes on when tried again; wrong passwords, MFA codes
//! and reset codes are limited, and the limit holds across a reload of the store.
use super::*;
use crate::api::AdminAction;
use crate::engine::reset::{ResetBlock, ResetStep};
use crate::engine::BlockReason;
use crate::platform::{FixedClock, SeededEntropy};
use crate::soft_key::SoftKey;
use crate::webauthn::RelyingParty;

const START: u64 = 1_800_000_000_000;
const ORIGIN: &str = "https://login.riskgate.example";
const RP_ID: &str = "login.riskgate.example";

struct Fixture {
    clock: Rc<FixedClock>,
    store: Rc<MemoryStore>,
    backend: MockBackend,
    /// The operations `fails_cleanly_then_works` has faulted.
    faulted: RefCell<Vec<Operation>>,
}

fn fixture() -> Fixture {
    let clock = Rc::new(FixedClock::at(START));
    let store = Rc::new(MemoryStore::default());
    let backend = MockBackend::open(clock.clone(), Rc::new(SeededEntropy::default()), store.clone());
    backend.set_relying_party(RelyingParty { id: RP_ID.into(), origin: ORIGIN.into() });
    Fixture { clock, store, backend, faulted: RefCell::default() }
}

impl Fixture {
    /// The same store opened again, as a reload of the page does.
    fn reload(&self) -> MockBackend {
        MockBackend::open(
            self.clock.clone(),
            Rc::new(SeededEntropy(std::cell::Cell::new(7))),
            self.store.clone(),
        )
    }

    fn sign_in(&self, username: &str) -> Reply {
        self.backend.sign_in_now(request(username, password_of(username))).expect("signs in")
    }

    fn app_code(&self, username: &str) -> String {
        let secret = self.backend.authenticator_secret(username).unwrap();
        totp::code_at(&secret, self.clock.now_ms() / 1000)
    }

    /// A code the persona's app does not show now (nor one step either side).
    fn wrong_code(&self, username: &str) -> String {
        let secret = self.backend.authenticator_secret(username).unwrap();
        let step = self.clock.now_ms() / 1000;
        let near: Vec<String> =
            [step - 30, step, step + 30].iter().map(|t| totp::code_at(&secret, *t)).collect();
        (0..).map(|n| format!("{:06}", n * 111_111 % 1_000_000)).find(|c| !near.contains(c)).unwrap()
    }

    /// Everything the mock holds, saved and in memory, as text to compare.
    fn snapshot(&self) -> String {
        let st = self.backend.rows.borrow();
        let mut flows: Vec<String> = st
            .flows
            .iter()
            .map(|(id, r)| format!("{id}:{}:{:?}:{:?}", r.seq, r.flow.step(), r.session))
            .collect();
        flows.sort();
        let mut resets: Vec<String> =
            st.resets.keys().map(|id| format!("{id}:{:?}", st.resets[id].flow.step())).collect();
        resets.sort();
        let mut sessions: Vec<String> = st.sessions.keys().cloned().collect();
        sessions.sort();
        let mut adding: Vec<String> = st.adding.keys().cloned().collect();
        adding.extend(st.adding_passkeys.keys().map(|s| format!("passkey for {s}")));
        adding.extend(st.sign_in_challenges.keys().map(|u| format!("passkey sign-in of {u}")));
        adding.sort();
        format!("{:?}\n{flows:?}\n{resets:?}\n{sessions:?}\n{adding:?}", self.store.load())
    }
}

fn request(username: &str, password: &str) -> SignInRequest {
    SignInRequest::new(username, password)
}

fn password_of(username: &str) -> &'static str {
    seed::PERSONAS.iter().find(|p| p.username == username).expect(username).password
}

fn block_on<T>(fut: impl std::future::Future<Output = T>) -> T {
    let mut fut = std::pin::pin!(fut);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match fut.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(v) => v,
        std::task::Poll::Pending => panic!("the mock never waits natively"),
    }
}

/// Whether an error is the one a fault must give.
type Expected = fn(&BackendError) -> bool;

/// The three faults that fail a call, with the error each must give.
fn failing_faults() -> [(Fault, Expected); 3] {
    [
        (Fault { failure_percent: 100, ..Fault::default() }, |e| *e == BackendError::Unavailable),
        (Fault { timeout: true, ..Fault::default() }, |e| *e == BackendError::Timeout),
        (Fault { malformed: true, ..Fault::default() }, |e| matches!(e, BackendError::Malformed(_))),
    ]
}

/// Runs `call` under each failing fault of `op`: it must fail as the fault says and leave
/// the mock exactly as it was. Then, with the fault cleared, it must succeed.
fn fails_cleanly_then_works<T: std::fmt::Debug>(
    f: &Fixture,
    op: Operation,
    call: impl Fn() -> Result<T, BackendError>,
) -> T {
    f.faulted.borrow_mut().push(op);
    for (fault, expected) in failing_faults() {
        let before = f.snapshot();
        f.backend.set_fault(op, fault);
        let e = call().expect_err("a faulted call fails");
        assert!(expected(&e), "{op:?} under {fault:?} gave {e:?}");
        assert_eq!(f.snapshot(), before, "{op:?} under {fault:?} changed something");
        f.backend.clear_faults();
    }
    call().unwrap_or_else(|e| panic!("{op:?} after the fault was cleared: {e:?}"))
}

#[test]
fn every_operation_under_every_fault_changes_nothing_and_a_retry_goes_on() {
    let f = fixture();
    let b = &f.backend;
    let kim = fails_cleanly_then_works(&f, Operation::SignIn, || {
        block_on(b.sign_in(request("kim@contoso.example", password_of("kim@contoso.example"))))
    });
    assert!(matches!(kim.step, Step::Notice { .. }));
    let kim = fails_cleanly_then_works(&f, Operation::Send, || {
        block_on(b.send(&kim.flow_id, kim.seq, Input::Continue))
    });
    let read_back = fails_cleanly_then_works(&f, Operation::Send, || block_on(b.current(&kim.flow_id)));
    assert_eq!((read_back.seq, &read_back.step), (kim.seq, &kim.step));
    let kim = b.send_now(&kim.flow_id, kim.seq, code_input(&f.app_code("kim@contoso.example"))).unwrap();
    assert!(matches!(kim.step, Step::ChangePassword { .. }));
    let verdict = fails_cleanly_then_works(&f, Operation::CheckPassword, || {
        block_on(b.check_password(&kim.flow_id, "Lantern-Bicycle-Ocean-93"))
    });
    assert!(verdict.accepted());
    let reset = fails_cleanly_then_works(&f, Operation::StartReset, || {
        block_on(b.start_reset("lou@contoso.example"))
    });
    let code =
        ResetInput::Code { method: MethodKind::AuthenticatorApp, code: f.app_code("lou@contoso.example") };
    let reset = fails_cleanly_then_works(&f, Operation::SendReset, || {
        block_on(b.send_reset(&reset.flow_id, reset.seq, code.clone()))
    });
    assert!(matches!(reset.step, ResetStep::NewPassword { .. }));
    let read_back =
        fails_cleanly_then_works(&f, Operation::SendReset, || block_on(b.current_reset(&reset.flow_id)));
    assert_eq!(read_back.step, reset.step);
    let session = proven_session(&f);
    let account = fails_cleanly_then_works(&f, Operation::Account, || block_on(b.account(&session)));
    let id = account.recent[0].id;
    fails_cleanly_then_works(&f, Operation::Account, || block_on(b.report_sign_in(&session, id, true)));
    let phone = Some("+1 425 555 0199".to_string());
    fails_cleanly_then_works(&f, Operation::Account, || {
        block_on(b.begin_method(&session, MethodKind::Sms, phone.clone()))
    });
    let sent = b.phone_messages().pop().unwrap().code;
    fails_cleanly_then_works(&f, Operation::Account, || block_on(b.confirm_method(&session, &sent)));
    let view = fails_cleanly_then_works(&f, Operation::Account, || {
        block_on(b.remove_method(&session, MethodKind::Sms))
    });
    assert_eq!(view.methods, vec![MethodKind::AuthenticatorApp]);
    let password_only = f.sign_in("admin@contoso.example").session.unwrap();
    let step_up = fails_cleanly_then_works(&f, Operation::StepUp, || block_on(b.step_up(&password_only)));
    let code = code_input(&f.app_code("admin@contoso.example"));
    let admin = b.send_now(&step_up.flow_id, step_up.seq, code).unwrap().session.unwrap();
    let view = fails_cleanly_then_works(&f, Operation::Admin, || block_on(b.admin_overview(&admin)));
    fails_cleanly_then_works(&f, Operation::Admin, || {
        block_on(b.admin_act(&admin, "kim@contoso.example", AdminAction::DismissRisk))
    });
    let tenant = view.tenants[0].clone();
    fails_cleanly_then_works(&f, Operation::Admin, || {
        block_on(b.set_policy(&admin, tenant.policy.clone(), tenant.banned.clone()))
    });

    let mut key = SoftKey::new(7, ORIGIN);
    let options =
        fails_cleanly_then_works(&f, Operation::PasskeyChallenge, || block_on(b.begin_passkey(&session)));
    // Each faulted try leaves the challenge unused, so the same answer is good once the
    // call goes through.
    let created = key.create(&options);
    let view = fails_cleanly_then_works(&f, Operation::PasskeyAnswer, || {
        block_on(b.confirm_passkey(&session, created.clone()))
    });
    assert!(view.methods.contains(&MethodKind::Passkey), "{:?}", view.methods);

    fails_cleanly_then_works(&f, Operation::Account, || block_on(b.sign_out(&session)));
    assert_eq!(b.account_now(&session).unwrap_err(), BackendError::NotAuthorized, "signed out for good");

    let ravi = "ravi@contoso.example";
    let options = fails_cleanly_then_works(&f, Operation::PasskeyChallenge, || {
        block_on(b.begin_passkey_sign_in(ravi, None))
    });
    let answer = key.get(&options);
    let reply = fails_cleanly_then_works(&f, Operation::PasskeyAnswer, || {
        block_on(b.passkey_sign_in(ravi, None, answer.clone()))
    });
    assert!(reply.session.is_some(), "signed in with the passkey: {:?}", reply.step);

    let faulted = f.faulted.borrow();
    assert!(Operation::ALL.iter().all(|op| faulted.contains(op)), "every operation was faulted: {faulted:?}");
}

fn code_input(code: &str) -> Input {
    Input::Code { method: MethodKind::AuthenticatorApp, code: code.into() }
}

/// Ravi passes MFA, so his session may change his methods.
fn proven_session(f: &Fixture) -> String {
    let r = f.sign_in("ravi@contoso.example");
    let r = f.backend.send_now(&r.flow_id, r.seq, Input::Continue).unwrap();
    let r = f.backend.send_now(&r.flow_id, r.seq, code_input(&f.app_code("ravi@contoso.example"))).unwrap();
    r.session.expect("signed in")
}

/// Sends `n` wrong codes to a fresh MFA challenge of Ravi's; the step it ends on.
fn wrong_mfa_codes(f: &Fixture, backend: &MockBackend, n: usize) -> Step {
    let user = "ravi@contoso.example";
    let r = backend.sign_in_now(request(user, password_of(user))).unwrap();
    if !matches!(r.step, Step::Notice { .. }) {
        return r.step;
    }
    let mut r = backend.send_now(&r.flow_id, r.seq, Input::Continue).unwrap();
    for _ in 0..n {
        r = backend.send_now(&r.flow_id, r.seq, code_input(&f.wrong_code(user))).unwrap();
    }
    r.step
}

#[test]
fn wrong_mfa_codes_lock_the_codes_across_a_reload_but_not_the_password() {
    let f = fixture();
    let user = "ravi@contoso.example";
    let first = wrong_mfa_codes(&f, &f.backend, limits::SECOND_FACTOR_LIMIT as usize);
    assert!(matches!(first, Step::Blocked { reason: BlockReason::TooManyFailedCodes, .. }));
    let reloaded = f.reload();
    let lockout = reloaded.account_of(user).unwrap().lockout;
    assert!(lockout.second_factors_locked_until_ms.is_some(), "five wrong codes lock the codes");
    let r = reloaded.sign_in_now(request(user, password_of(user))).unwrap();
    let r = reloaded.send_now(&r.flow_id, r.seq, Input::Continue).unwrap();
    let r = reloaded.send_now(&r.flow_id, r.seq, code_input(&f.app_code(user))).unwrap();
    assert!(
        matches!(r.step, Step::MfaChallenge { failures: 1, .. }),
        "the right code is not even checked while the codes are locked: {:?}",
        r.step
    );
}

#[test]
fn the_right_password_does_not_clear_the_count_of_wrong_codes() {
    let f = fixture();
    wrong_mfa_codes(&f, &f.backend, 4);
    let count = |f: &Fixture| f.backend.account_of("ravi@contoso.example").unwrap().lockout;
    assert_eq!(count(&f).second_factor_failures, 4);
    let step = wrong_mfa_codes(&f, &f.backend, 1);
    assert!(matches!(step, Step::MfaChallenge { .. }), "{step:?}");
    assert_eq!(count(&f).second_factor_locks, 1, "locked at the fifth wrong code, across sign-ins");
}

#[test]
fn once_locked_by_wrong_codes_even_the_right_code_fails_in_the_open_challenge() {
    let f = fixture();
    let user = "ravi@contoso.example";
    wrong_mfa_codes(&f, &f.backend, 4);
    let r = f.sign_in(user);
    let mut r = f.backend.send_now(&r.flow_id, r.seq, Input::Continue).unwrap();
    r = f.backend.send_now(&r.flow_id, r.seq, code_input(&f.wrong_code(user))).unwrap();
    let r = f.backend.send_now(&r.flow_id, r.seq, code_input(&f.app_code(user))).unwrap();
    assert!(matches!(r.step, Step::MfaChallenge { failures: 2, .. }), "{:?}", r.step);
    assert!(f.backend.sign_in_log().iter().all(|l| l.outcome != SignInOutcome::SignedIn));
}

#[test]
fn a_code_that_works_starts_the_count_again() {
    let f = fixture();
    wrong_mfa_codes(&f, &f.backend, 4);
    proven_session(&f);
    assert_eq!(f.backend.account_of("ravi@contoso.example").unwrap().lockout.second_factor_failures, 0);
}

#[test]
fn wrong_reset_codes_lock_the_codes_across_a_reload() {
    let f = fixture();
    let user = "ada@contoso.example";
    let mut r = f.backend.start_reset_now(user).unwrap();
    for _ in 0..5 {
        let guess = ResetInput::Code { method: MethodKind::AuthenticatorApp, code: f.wrong_code(user) };
        r = f.backend.send_reset_now(&r.flow_id, r.seq, guess).unwrap();
    }
    assert_eq!(r.step, ResetStep::Blocked { reason: ResetBlock::TooManyFailedCodes });
    let reloaded = f.reload();
    let r = reloaded.start_reset_now(user).unwrap();
    assert!(matches!(r.step, ResetStep::Verify { .. }), "no lock is told before a proof: {:?}", r.step);
    let right = ResetInput::Code { method: MethodKind::AuthenticatorApp, code: f.app_code(user) };
    let r = reloaded.send_reset_now(&r.flow_id, r.seq, right).unwrap();
    assert!(
        matches!(r.step, ResetStep::Verify { failures: 1, .. }),
        "not checked while locked: {:?}",
        r.step
    );
}

#[test]
fn wrong_passwords_lock_and_the_lock_holds_across_a_reload() {
    let f = fixture();
    let user = "ada@contoso.example";
    for i in 0..LOCKOUT_THRESHOLD {
        let _ = f.backend.sign_in_now(request(user, &format!("Wrong-Guess-{i}")));
    }
    let r = f.reload().sign_in_now(request(user, password_of(user))).unwrap();
    assert!(matches!(r.step, Step::Blocked { reason: BlockReason::LockedOut { .. }, .. }), "{:?}", r.step);
}

#[test]
fn codes_are_accepted_with_pasted_spaces_dashes_and_other_digits() {
    for typed in
        ["123456", "123 456", " 123456 ", "123-456", "12 34 56", "\u{200B}123456", "١٢٣٤٥٦", "１２３４５６"]
    {
        assert_eq!(clean_code(typed), Ok("123456".to_string()), "{typed:?}");
    }
    for typed in ["12345", "1234567", "12345a", "<script>", "12\u{0301}3456", &"1".repeat(10_000)] {
        assert_eq!(clean_code(typed), Err(invalid(Field::Code, Problem::NotACode)), "{typed:?}");
    }
    assert_eq!(clean_code(" \u{200B} "), Err(invalid(Field::Code, Problem::Empty)));
}

#[test]
fn overlong_inputs_are_refused_with_the_field_named() {
    let f = fixture();
    let long = "a".repeat(300);
    let e = f.backend.sign_in_now(request(&long, "x")).unwrap_err();
    assert_eq!(e, invalid(Field::Username, Problem::TooLong));
    let e = f.backend.sign_in_now(request("ada@contoso.example", &long)).unwrap_err();
    assert_eq!(e, invalid(Field::Password, Problem::TooLong));
    let e = f.backend.start_reset_now(&long).unwrap_err();
    assert_eq!(e, invalid(Field::Username, Problem::TooLong));
    let spaced = format!("+1{}4255550100", " ".repeat(100));
    assert_eq!(clean_phone(&spaced), Err(invalid(Field::Phone, Problem::NotAPhoneNumber)));
}
