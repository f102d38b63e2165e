//! The attacks of the security review (shared/reviews/security-2026-12-04.md), each
//! played against the authority: one test per attack, named by what it can no longer do.
use super::*;
use crate::api::{AdminAction, ResetInput};
use crate::directory::{place, source};
use crate::engine::reset::{ResetBlock, ResetStep};
use crate::engine::{BlockReason, PolicyKind, RiskState};
use crate::platform::{FixedClock, SeededEntropy};
use crate::soft_key::SoftKey;
use crate::webauthn::{RelyingParty, WebAuthnError};

const START: u64 = 1_800_000_000_000;
const ORIGIN: &str = "https://login.riskgate.example";
const MINUTE: u64 = 60 * 1000;

struct Fixture {
    clock: Rc<FixedClock>,
    backend: MockBackend,
}

fn fixture() -> Fixture {
    let clock = Rc::new(FixedClock::at(START));
    let backend = MockBackend::seeded(clock.clone(), Rc::new(SeededEntropy::default()));
    backend.set_relying_party(RelyingParty { id: "login.riskgate.example".into(), origin: ORIGIN.into() });
    Fixture { clock, backend }
}

fn password_of(username: &str) -> &'static str {
    seed::PERSONAS.iter().find(|p| p.username == username).expect(username).password
}

fn app(code: String) -> Input {
    Input::Code { method: MethodKind::AuthenticatorApp, code }
}

/// Somewhere none of the personas has been.
fn attackers_network() -> SignInSource {
    source(place("Lagos", "NG", 6.52, 3.38), "203.0.113.200", "Unknown browser", "Browser")
}

fn request(username: &str, password: &str) -> SignInRequest {
    SignInRequest { username: username.into(), password: password.into(), source: None, tenant: None }
}

impl Fixture {
    fn try_sign_in(&self, username: &str, password: &str) -> Result<Reply, BackendError> {
        self.backend.sign_in_now(request(username, password))
    }

    fn sign_in(&self, username: &str) -> Reply {
        self.try_sign_in(username, password_of(username)).expect("signs in")
    }

    fn sign_in_from(
        &self,
        username: &str,
        password: &str,
        from: SignInSource,
    ) -> Result<Reply, BackendError> {
        self.backend.accept_client_sources(true);
        let out =
            self.backend.sign_in_now(SignInRequest { source: Some(from), ..request(username, password) });
        self.backend.accept_client_sources(false);
        out
    }

    fn send(&self, reply: &Reply, input: Input) -> Result<Reply, BackendError> {
        self.backend.send_now(&reply.flow_id, reply.seq, input)
    }

    fn app_code(&self, username: &str) -> String {
        let secret = self.backend.authenticator_secret(username).unwrap();
        totp::code_at(&secret, self.clock.now_ms() / 1000)
    }

    /// A code the persona's app shows neither now nor a step either side.
    fn wrong_code(&self, username: &str) -> String {
        let secret = self.backend.authenticator_secret(username).unwrap();
        let now = self.clock.now_ms() / 1000;
        let near: Vec<String> =
            [now - 30, now, now + 30].iter().map(|t| totp::code_at(&secret, *t)).collect();
        ["000000", "111111", "222222"].into_iter().find(|c| !near.iter().any(|n| n == c)).unwrap().into()
    }

    /// A session that proved the person with their authenticator app: in the sign-in
    /// when it asks for a code, or by a step-up after it.
    fn proven_session(&self, username: &str) -> String {
        let mut r = self.sign_in(username);
        if matches!(r.step, Step::Notice { .. }) {
            r = self.send(&r, Input::Continue).unwrap();
        }
        if matches!(r.step, Step::SignedIn { .. }) {
            r = self.backend.step_up_now(r.session.as_deref().unwrap()).expect("a step-up starts");
        }
        let r = self.send(&r, app(self.app_code(username))).unwrap();
        r.session.unwrap_or_else(|| panic!("proven: {:?}", r.step))
    }

    fn policy(&self, tenant: &str, change: impl FnOnce(&mut TenantPolicy)) {
        let mut st = self.backend.rows.borrow_mut();
        change(&mut st.tenants.iter_mut().find(|t| t.id == tenant).unwrap().policy);
    }

    fn account(&self, username: &str) -> Account {
        self.backend.account_of(username).unwrap()
    }
}

// H1: the admin console on a password alone.
#[test]
fn a_password_alone_reaches_no_admin_call() {
    let f = fixture();
    let admin = "admin@contoso.example";
    let r = f.sign_in(admin);
    assert!(matches!(r.step, Step::SignedIn { .. }), "a clean sign-in asks nothing: {:?}", r.step);
    let password_only = r.session.unwrap();
    let b = &f.backend;
    assert_eq!(b.admin_overview_now(&password_only).unwrap_err(), BackendError::StepUpRequired);
    let act = b.admin_act_now(&password_only, "kim@contoso.example", AdminAction::TemporaryPassword);
    assert_eq!(act.unwrap_err(), BackendError::StepUpRequired);
    let off = TenantPolicy::default();
    assert_eq!(
        b.set_policy_now(&password_only, off, BannedList::default()).unwrap_err(),
        BackendError::StepUpRequired
    );
    assert!(!f.account("kim@contoso.example").state.temporary_password, "nothing changed");

    let r = b.step_up_now(&password_only).unwrap();
    let Step::MfaChallenge { ref why, .. } = r.step else { panic!("{:?}", r.step) };
    assert_eq!(why.policy, PolicyKind::StepUp);
    let proven = f.send(&r, app(f.app_code(admin))).unwrap().session.unwrap();
    assert!(b.admin_overview_now(&proven).is_ok());
    assert_eq!(b.account_now(&password_only).unwrap_err(), BackendError::NotAuthorized, "replaced");

    f.clock.advance(STEP_UP_FRESH_MS + 1);
    assert_eq!(b.admin_overview_now(&proven).unwrap_err(), BackendError::StepUpRequired, "15 minutes on");
}

#[test]
fn a_step_up_is_passed_by_no_wrong_code_and_no_new_method() {
    let f = fixture();
    let admin = "admin@contoso.example";
    let session = f.sign_in(admin).session.unwrap();
    let r = f.backend.step_up_now(&session).unwrap();
    let r = f.send(&r, app(f.wrong_code(admin))).unwrap();
    assert!(matches!(r.step, Step::MfaChallenge { failures: 1, .. }), "{:?}", r.step);
    let begin = Input::BeginRegistration { method: MethodKind::AuthenticatorApp, phone: None };
    assert!(matches!(f.send(&r, begin), Err(BackendError::Unexpected { .. })));
    assert_eq!(f.backend.admin_overview_now(&session).unwrap_err(), BackendError::StepUpRequired);
}

// H2: unlimited second-factor guessing between right passwords and resets.
/// Guesses a count of wrong second factors allows in `minutes` of trying, as the security
/// model (docs/security.md) states it: five per lock, and lock k ends 2^k - 1 minutes in.
fn guess_bound(minutes: u64) -> u64 {
    let mut locks = 0;
    while (1u64 << locks) - 1 <= minutes {
        locks += 1;
    }
    u64::from(limits::SECOND_FACTOR_LIMIT) * locks
}

/// The review's loop, for Ravi: the right password (which used to clear every count),
/// then two resets with five wrong codes each; `minutes` between rounds. Returns how
/// many wrong codes the authority checked.
fn guess_through_resets(f: &Fixture, rounds: u32, minutes: u64) -> u64 {
    let user = "ravi@contoso.example";
    for _ in 0..rounds {
        let r = f.try_sign_in(user, password_of(user)).unwrap();
        assert!(!matches!(r.step, Step::SignedIn { .. }), "the password alone never signs in");
        for _ in 0..2 {
            let mut r = f.backend.start_reset_now(user).unwrap();
            for _ in 0..5 {
                let guess =
                    ResetInput::Code { method: MethodKind::AuthenticatorApp, code: f.wrong_code(user) };
                match f.backend.send_reset_now(&r.flow_id, r.seq, guess) {
                    Ok(next) => r = next,
                    Err(e) => panic!("{e:?}"),
                }
            }
        }
        f.clock.advance(minutes * MINUTE);
    }
    f.account(user).lockout.wrong_second_factors
}

#[test]
fn guessing_codes_between_right_passwords_and_resets_stays_under_the_bound() {
    let f = fixture();
    let checked = guess_through_resets(&f, 1_000, 1);
    assert!(checked <= guess_bound(1_000), "{checked} wrong codes checked in 1,000 rounds a minute apart");
    assert_eq!(guess_bound(1_000), 50, "the bound docs/security.md states");

    let at_once = fixture();
    let checked = guess_through_resets(&at_once, 1_000, 0);
    assert_eq!(checked, u64::from(limits::SECOND_FACTOR_LIMIT), "all at once: one lock's worth");
}

#[test]
fn while_codes_are_locked_the_right_code_opens_no_reset_and_no_sign_in() {
    let f = fixture();
    let user = "ravi@contoso.example";
    guess_through_resets(&f, 1, 0);
    let r = f.backend.start_reset_now(user).unwrap();
    let right = ResetInput::Code { method: MethodKind::AuthenticatorApp, code: f.app_code(user) };
    let r = f.backend.send_reset_now(&r.flow_id, r.seq, right).unwrap();
    assert!(matches!(r.step, ResetStep::Verify { failures: 1, .. }), "{:?}", r.step);
    let r = f.sign_in(user);
    let r = f.send(&r, Input::Continue).unwrap();
    let r = f.send(&r, app(f.app_code(user))).unwrap();
    assert!(matches!(r.step, Step::MfaChallenge { failures: 1, .. }), "{:?}", r.step);
    // Only a passed second factor or an admin ends it; the wait does too.
    f.clock.advance(limits::SECOND_FACTOR_BASE_MS);
    let r = f.send(&r, app(f.app_code(user))).unwrap();
    assert!(matches!(r.step, Step::SignedIn { .. }), "{:?}", r.step);
    assert_eq!(f.account(user).lockout.second_factor_locks, 0, "a passed factor clears the count");
}

// H3: the guest technician whose home tenant has no self-remediation, through a reset.
#[test]
fn a_guest_whose_home_allows_no_self_remediation_cannot_close_the_risk_by_a_reset() {
    let f = fixture();
    let user = "tech@northwind.example";
    let before = f.account(user);
    let r = f.backend.start_reset_now(user).unwrap();
    assert!(matches!(r.step, ResetStep::Verify { .. }), "{:?}", r.step);
    let proof = ResetInput::Code { method: MethodKind::AuthenticatorApp, code: f.app_code(user) };
    let r = f.backend.send_reset_now(&r.flow_id, r.seq, proof).unwrap();
    assert_eq!(r.step, ResetStep::Blocked { reason: ResetBlock::HomeTenantMustRemediate });
    let after = f.account(user);
    assert_eq!(after.password_hash, before.password_hash, "the password stays");
    assert_eq!(after.detections, before.detections, "the risk stays open");
    assert!(matches!(
        f.sign_in(user).step,
        Step::Blocked { reason: BlockReason::HomeTenantMustRemediate, .. }
    ));
}

// H4: passkeys kept through "require re-registration" come back to life.
#[test]
fn a_passkey_planted_before_reregistration_never_signs_in_again() {
    let f = fixture();
    let user = "ravi@contoso.example";
    let mut planted = SoftKey::new(7, ORIGIN);
    let session = f.proven_session(user);
    let options = f.backend.begin_passkey_now(&session).unwrap();
    f.backend.confirm_passkey_now(&session, &planted.create(&options)).unwrap();

    let admin = f.proven_session("admin@contoso.example");
    f.backend.admin_act_now(&admin, user, AdminAction::RequireReregistration).unwrap();
    let ravi = f.account(user);
    assert!(ravi.state.methods.is_empty() && ravi.passkeys.is_empty() && ravi.totp.is_none());

    // The person registers a passkey of their own in the next sign-in.
    let mut own = SoftKey::new(9, ORIGIN);
    let r = f.sign_in(user);
    let r = f.send(&r, Input::Continue).unwrap();
    let r = f.send(&r, Input::BeginPasskey).unwrap();
    let r = f.send(&r, Input::PasskeyCreated(own.create(r.passkey.as_ref().unwrap()))).unwrap();
    assert!(matches!(r.step, Step::SignedIn { .. }), "{:?}", r.step);

    let options = f.backend.begin_passkey_sign_in_now(user, None).unwrap();
    let e = f.backend.passkey_sign_in_now(user, None, &planted.get(&options)).unwrap_err();
    assert_eq!(e, BackendError::Passkey(WebAuthnError::UnknownCredential));
    // Nor can it be registered again.
    let r = f.backend.step_up_now(r.session.as_ref().unwrap()).unwrap();
    let r = f.send(&r, Input::BeginPasskey).unwrap();
    let r = f.send(&r, Input::PasskeyAssertion(own.get(r.passkey.as_ref().unwrap()))).unwrap();
    let proven = r.session.expect("stepped up with the person's passkey");
    let options = f.backend.begin_passkey_now(&proven).unwrap();
    let e = f.backend.confirm_passkey_now(&proven, &planted.create(&options)).unwrap_err();
    assert_eq!(e, BackendError::Passkey(WebAuthnError::DuplicateCredential));
}

#[test]
fn confirming_a_compromise_removes_every_method() {
    let f = fixture();
    let user = "ravi@contoso.example";
    let session = f.proven_session(user);
    let options = f.backend.begin_passkey_now(&session).unwrap();
    f.backend.confirm_passkey_now(&session, &SoftKey::new(7, ORIGIN).create(&options)).unwrap();
    let admin = f.proven_session("admin@contoso.example");
    f.backend.admin_act_now(&admin, user, AdminAction::ConfirmCompromised).unwrap();
    let ravi = f.account(user);
    assert!(ravi.state.methods.is_empty() && ravi.passkeys.is_empty() && ravi.totp.is_none());
    assert_eq!(ravi.revoked_passkeys.len(), 1);
}

// M1: a method registered during a risky sign-in makes a "proven" session.
#[test]
fn a_method_registered_during_a_risky_sign_in_proves_nothing_afterwards() {
    let f = fixture();
    f.policy(seed::CONTOSO, |p| p.block_unregistered_at_risk = false);
    let user = "eli@contoso.example";
    let r = f.sign_in_from(user, password_of(user), attackers_network()).unwrap();
    let r = match r.step {
        Step::Notice { .. } => f.send(&r, Input::Continue).unwrap(),
        _ => r,
    };
    let Step::Register { ref allowed, attacker_risk: true, .. } = r.step else { panic!("{:?}", r.step) };
    assert!(!allowed.iter().any(|m| m.is_phone()), "no phone during a risky sign-in");
    let r =
        f.send(&r, Input::BeginRegistration { method: MethodKind::AuthenticatorApp, phone: None }).unwrap();
    let secret = totp::base32_decode(&r.enrollment.clone().unwrap().key).unwrap();
    let code = totp::code_at(&secret, f.clock.now_ms() / 1000);
    let r = f.send(&r, Input::ConfirmRegistration { code }).unwrap();
    let session = r.session.expect("let in, as policy allows");
    let e = f.backend.begin_method_now(&session, MethodKind::Sms, Some("+1 206 555 0199")).unwrap_err();
    assert_eq!(e, BackendError::StepUpRequired);
    let places = f.account(user).history;
    assert!(
        !places.iter().any(|p| p.source.location.city == "Lagos"),
        "the risky place did not become familiar"
    );
}

// M2 and item 6: flows that outlive a revocation or a change of policy.
#[test]
fn a_flow_paused_across_a_password_reset_hands_out_no_session() {
    let f = fixture();
    let user = "tomas@contoso.example";
    let attacker = f.sign_in(user);
    assert!(matches!(attacker.step, Step::RegistrationInterrupt { .. }), "{:?}", attacker.step);
    // Meanwhile the person is proven elsewhere and an admin resets the password.
    let admin = f.proven_session("admin@contoso.example");
    f.backend.admin_act_now(&admin, user, AdminAction::TemporaryPassword).unwrap();
    assert_eq!(f.send(&attacker, Input::Skip).unwrap_err(), BackendError::UnknownFlow);
    assert_eq!(f.backend.open_sessions(user), 0);
}

#[test]
fn revocation_ends_sessions_flows_and_resets_under_way() {
    for action in [
        AdminAction::Disable,
        AdminAction::TemporaryPassword,
        AdminAction::ConfirmCompromised,
        AdminAction::RequireReregistration,
    ] {
        let f = fixture();
        let user = "ravi@contoso.example";
        let session = f.proven_session(user);
        let flow = f.sign_in(user);
        let reset = f.backend.start_reset_now(user).unwrap();
        let admin = f.proven_session("admin@contoso.example");
        f.backend.admin_act_now(&admin, user, action).unwrap();
        assert_eq!(f.backend.account_now(&session).unwrap_err(), BackendError::NotAuthorized, "{action:?}");
        assert_eq!(f.send(&flow, Input::Continue).unwrap_err(), BackendError::UnknownFlow, "{action:?}");
        let code = ResetInput::Code { method: MethodKind::AuthenticatorApp, code: "123456".into() };
        let e = f.backend.send_reset_now(&reset.flow_id, reset.seq, code).unwrap_err();
        assert_eq!(e, BackendError::UnknownFlow, "{action:?}");
    }
}

#[test]
fn a_policy_changed_during_a_flow_ends_it_without_a_session() {
    let f = fixture();
    let user = "tomas@contoso.example";
    let r = f.sign_in(user);
    assert!(matches!(r.step, Step::RegistrationInterrupt { can_skip: true, .. }), "{:?}", r.step);
    f.policy(seed::CONTOSO, |p| p.registration.enforcement = crate::engine::Enforcement::Off);
    let r = f.send(&r, Input::Skip).unwrap();
    assert_eq!(r.step, Step::Failed);
    assert!(r.session.is_none());
}

#[test]
fn a_flow_kept_busy_ends_thirty_minutes_after_it_began() {
    let f = fixture();
    let user = "tomas@contoso.example";
    let r = f.sign_in(user);
    f.clock.advance(14 * MINUTE);
    let r = f.send(&r, Input::Continue).unwrap();
    f.clock.advance(14 * MINUTE);
    let r =
        f.send(&r, Input::BeginRegistration { method: MethodKind::AuthenticatorApp, phone: None }).unwrap();
    f.clock.advance(3 * MINUTE);
    let secret = totp::base32_decode(&r.enrollment.clone().unwrap().key).unwrap();
    let code = totp::code_at(&secret, f.clock.now_ms() / 1000);
    assert_eq!(f.send(&r, Input::ConfirmRegistration { code }).unwrap_err(), BackendError::FlowExpired);
}

#[test]
fn sessions_end_when_idle_and_after_their_lifetime() {
    let f = fixture();
    let user = "ada@contoso.example";
    let idle = f.sign_in(user).session.unwrap();
    f.clock.advance(SESSION_IDLE_MS + 1);
    assert_eq!(f.backend.account_now(&idle).unwrap_err(), BackendError::NotAuthorized);
    let busy = f.sign_in(user).session.unwrap();
    for _ in 0..(SESSION_MAX_MS / (20 * MINUTE)) {
        f.clock.advance(20 * MINUTE);
        f.backend.account_now(&busy).expect("in use");
    }
    f.clock.advance(20 * MINUTE);
    assert_eq!(f.backend.account_now(&busy).unwrap_err(), BackendError::NotAuthorized, "12 hours at most");
}

// M3 and item 7: passwordless people quietly get a password.
#[test]
fn a_temporary_access_pass_works_once() {
    let f = fixture();
    let user = "pia@contoso.example";
    assert!(f.try_sign_in(user, password_of(user)).is_ok());
    assert_eq!(f.try_sign_in(user, password_of(user)).unwrap_err(), BackendError::InvalidCredentials);
}

#[test]
fn a_temporary_access_pass_expires_after_eight_hours() {
    let f = fixture();
    let user = "pia@contoso.example";
    f.clock.advance(seed::PASS_LIFETIME_MS);
    assert_eq!(f.try_sign_in(user, password_of(user)).unwrap_err(), BackendError::InvalidCredentials);
}

#[test]
fn a_password_set_for_a_passwordless_account_makes_it_one_with_a_password() {
    let f = fixture();
    let user = "pia@contoso.example";
    let admin = f.proven_session("admin@contoso.example");
    let receipt = f.backend.admin_act_now(&admin, user, AdminAction::TemporaryPassword).unwrap();
    let pia = f.account(user);
    assert!(pia.state.has_password && pia.pass_expires_ms.is_none());
    let temporary = receipt.temporary_password.unwrap();
    let r = f.try_sign_in(user, &temporary).unwrap();
    assert!(matches!(r.step, Step::ChangePassword { .. }), "{:?}", r.step);
}

// M4 and item 8: enumeration.
#[test]
fn an_unknown_username_costs_and_answers_as_a_wrong_password() {
    let f = fixture();
    let cost = |username: &str| {
        let before = hash::rounds_derived();
        let e = f.try_sign_in(username, "Not-The-Password-1").unwrap_err();
        (e, hash::rounds_derived() - before)
    };
    let known = cost("ada@contoso.example");
    let unknown = cost("nobody@contoso.example");
    assert_eq!(known, unknown);
    assert!(known.1 > 0);
}

#[test]
fn a_locked_account_answers_a_wrong_password_as_any_wrong_password() {
    let f = fixture();
    let user = "lou@contoso.example";
    assert_eq!(f.try_sign_in(user, "Not-The-Password-1").unwrap_err(), BackendError::InvalidCredentials);
    // Only the right password shows the lock, and the account's names with it.
    let r = f.sign_in(user);
    assert!(matches!(r.step, Step::Blocked { reason: BlockReason::LockedOut { .. }, .. }));
}

#[test]
fn an_account_without_a_known_place_is_told_apart_by_nothing_before_the_password() {
    let f = fixture();
    let user = "noor@contoso.example";
    f.backend.rows.borrow_mut().accounts.iter_mut().find(|a| a.username == user).unwrap().next_source = None;
    assert_eq!(f.try_sign_in(user, "Not-The-Password-1").unwrap_err(), BackendError::InvalidCredentials);
}

#[test]
fn passkey_options_before_proof_say_nothing_of_the_account() {
    let f = fixture();
    let user = "ravi@contoso.example";
    let session = f.proven_session(user);
    let options = f.backend.begin_passkey_now(&session).unwrap();
    f.backend.confirm_passkey_now(&session, &SoftKey::new(7, ORIGIN).create(&options)).unwrap();
    let known = f.backend.begin_passkey_sign_in_now(user, None).unwrap();
    let unknown = f.backend.begin_passkey_sign_in_now("nobody@contoso.example", None).unwrap();
    for o in [&known, &unknown] {
        assert_eq!(o.display_name, o.user_name, "no display name");
        assert_eq!(o.rp_name, "Riskgate", "no tenant name");
        assert_eq!(o.credential_ids.len(), 1);
    }
    assert_eq!(known.credential_ids[0].len(), unknown.credential_ids[0].len(), "ids alike in length");
}

#[test]
fn a_reset_tells_no_block_reason_before_a_proof() {
    let f = fixture();
    for user in ["dee@contoso.example", "jo@woodgrove.example", "nobody@contoso.example"] {
        let r = f.backend.start_reset_now(user).unwrap();
        assert!(matches!(r.step, ResetStep::Verify { .. }), "{user}: {:?}", r.step);
    }
    // The disabled account learns why only after proving who it is.
    let user = "dee@contoso.example";
    let r = f.backend.start_reset_now(user).unwrap();
    let proof = ResetInput::Code { method: MethodKind::AuthenticatorApp, code: f.app_code(user) };
    let r = f.backend.send_reset_now(&r.flow_id, r.seq, proof).unwrap();
    assert_eq!(r.step, ResetStep::Blocked { reason: ResetBlock::Disabled });
}

#[test]
fn an_unknown_username_is_offered_the_same_decoy_each_time() {
    let f = fixture();
    let offered = |name: &str| match f.backend.start_reset_now(name).unwrap().step {
        ResetStep::Verify { offered, .. } => offered,
        other => panic!("{other:?}"),
    };
    assert_eq!(offered("nobody@contoso.example"), offered("NOBODY@contoso.example"));
    assert!(!offered("nobody@contoso.example").is_empty());
}

// M5 and item 9: smart lockout's places share one lock.
#[test]
fn wrong_passwords_from_elsewhere_do_not_lock_the_person_out_at_their_desk() {
    let f = fixture();
    let user = "ada@contoso.example";
    for i in 0..LOCKOUT_THRESHOLD {
        let e = f.sign_in_from(user, &format!("Guess-{i}"), attackers_network()).unwrap_err();
        assert_eq!(e, BackendError::InvalidCredentials);
    }
    let r = f.sign_in_from(user, password_of(user), attackers_network()).unwrap();
    assert!(matches!(r.step, Step::Blocked { reason: BlockReason::LockedOut { .. }, .. }), "{:?}", r.step);
    let r = f.sign_in(user);
    assert!(matches!(r.step, Step::SignedIn { .. }), "at the desk: {:?}", r.step);
}

// M6: the admin's "Unblock" trusted whatever blocked sign-in came last.
#[test]
fn unblocking_does_not_make_the_attackers_place_familiar() {
    let f = fixture();
    let user = "ada@contoso.example";
    for i in 0..LOCKOUT_THRESHOLD {
        let _ = f.sign_in_from(user, &format!("Guess-{i}"), attackers_network());
    }
    // Holding the password, the attacker writes a blocked sign-in from their network.
    let r = f.sign_in_from(user, password_of(user), attackers_network()).unwrap();
    assert!(matches!(r.step, Step::Blocked { .. }));
    let admin = f.proven_session("admin@contoso.example");
    f.backend.admin_act_now(&admin, user, AdminAction::Unblock).unwrap();
    let ada = f.account(user);
    assert!(!ada.trusted_ips.contains(&attackers_network().ip));
    assert!(!limits::is_familiar(&ada, &attackers_network()));
}

// L1 and item 10: codes sent without limit.
#[test]
fn codes_cannot_be_sent_without_limit() {
    let f = fixture();
    let user = "omar@contoso.example";
    let start = || match f.backend.start_reset_now(user).unwrap() {
        r if matches!(r.step, ResetStep::Verify { .. }) => r,
        r => panic!("{:?}", r.step),
    };
    let send = ResetInput::SendCode { method: MethodKind::Sms };
    let mut r = start();
    for _ in 0..limits::CODES_PER_FLOW {
        r = f.backend.send_reset_now(&r.flow_id, r.seq, send.clone()).unwrap();
    }
    let e = f.backend.send_reset_now(&r.flow_id, r.seq, send.clone()).unwrap_err();
    assert_eq!(e, invalid(Field::Code, Problem::TooManyAttempts), "per reset");
    let mut r = start();
    for _ in limits::CODES_PER_FLOW..limits::CODES_PER_HOUR as u32 {
        r = f.backend.send_reset_now(&r.flow_id, r.seq, send.clone()).unwrap();
    }
    let e = f.backend.send_reset_now(&r.flow_id, r.seq, send.clone()).unwrap_err();
    assert_eq!(e, invalid(Field::Code, Problem::TooManyAttempts), "per account and hour");
    assert_eq!(f.backend.phone_messages().len(), limits::CODES_PER_HOUR);
    f.clock.advance(60 * MINUTE);
    let r = start();
    assert!(f.backend.send_reset_now(&r.flow_id, r.seq, send).is_ok(), "an hour later");
}

// L8: a huge new password costs hashing and scoring.
#[test]
fn an_overlong_new_password_is_refused_before_it_is_hashed() {
    let f = fixture();
    let user = "pat@contoso.example";
    let r = f.sign_in(user);
    assert!(matches!(r.step, Step::ChangePassword { .. }), "{:?}", r.step);
    let huge = "Long-Enough-1".repeat(100_000);
    let before = hash::rounds_derived();
    let e = f.send(&r, Input::NewPassword { password: huge.clone(), confirm: huge.clone() }).unwrap_err();
    assert_eq!(e, invalid(Field::NewPassword, Problem::TooLong));
    assert_eq!(hash::rounds_derived(), before, "nothing hashed");
    let e = f.backend.check_password_now(&r.flow_id, &huge).unwrap_err();
    assert_eq!(e, invalid(Field::NewPassword, Problem::TooLong));
}

// L6: "this wasn't me" ended no session.
#[test]
fn this_wasnt_me_ends_every_other_session() {
    let f = fixture();
    let user = "ada@contoso.example";
    let other = f.sign_in(user).session.unwrap();
    let mine = f.sign_in(user).session.unwrap();
    let id = f.backend.account_now(&mine).unwrap().recent[1].id;
    f.backend.report_sign_in_now(&mine, id, false).unwrap();
    assert_eq!(f.backend.account_now(&other).unwrap_err(), BackendError::NotAuthorized);
    assert!(f.backend.account_now(&mine).is_ok(), "the reporting one stays");
}

// L7: one passkey challenge per username, which anyone could overwrite.
#[test]
fn another_request_for_a_passkey_challenge_does_not_spoil_the_persons_own() {
    let f = fixture();
    let user = "ravi@contoso.example";
    let mut key = SoftKey::new(7, ORIGIN);
    let session = f.proven_session(user);
    let options = f.backend.begin_passkey_now(&session).unwrap();
    f.backend.confirm_passkey_now(&session, &key.create(&options)).unwrap();
    let mine = f.backend.begin_passkey_sign_in_now(user, None).unwrap();
    for _ in 0..2 {
        f.backend.begin_passkey_sign_in_now(user, None).unwrap();
    }
    let r = f.backend.passkey_sign_in_now(user, None, &key.get(&mine)).unwrap();
    assert!(r.session.is_some(), "signed in with the answer to the first challenge: {:?}", r.step);
}

// Gaps a mutation check found: each of these fails when its guarantee is undone.

// ---- proposed extra tests (mutation check) ----

#[test]
fn user_risk_raised_during_a_flow_ends_it_without_a_session() {
    let f = fixture();
    let user = "tomas@contoso.example";
    let r = f.sign_in(user);
    assert!(matches!(r.step, Step::RegistrationInterrupt { can_skip: true, .. }), "{:?}", r.step);
    let now = f.clock.now_ms();
    f.backend.rows.borrow_mut().accounts.iter_mut().find(|a| a.username == user).unwrap().raise_risk(
        crate::engine::DetectionKind::UserReportedSuspicious,
        RiskState::AtRisk,
        crate::engine::RiskDetail::UserReportedSuspicious,
        now,
    );
    let r = f.send(&r, Input::Skip).unwrap();
    assert_eq!(r.step, Step::Failed);
    assert!(r.session.is_none());
}

#[test]
fn a_home_policy_changed_during_a_guests_flow_ends_it_without_a_session() {
    let f = fixture();
    let r = f.sign_in("tech@fabrikam.example");
    assert!(!r.step.is_terminal(), "{:?}", r.step);
    f.policy(seed::FABRIKAM, |p| p.user_risk.enforcement = crate::engine::Enforcement::Off);
    let r = f.send(&r, Input::Cancel).unwrap();
    assert_eq!(r.step, Step::Failed);
    assert!(r.session.is_none());
}

#[test]
fn a_flow_left_alone_fifteen_minutes_ends() {
    let f = fixture();
    let r = f.sign_in("tomas@contoso.example");
    f.clock.advance(FLOW_TTL_MS + 1);
    assert_eq!(f.send(&r, Input::Continue).unwrap_err(), BackendError::FlowExpired);
}

#[test]
fn a_password_set_by_a_reset_makes_a_passwordless_account_one_with_a_password() {
    let f = fixture();
    let user = "lou@contoso.example";
    {
        let mut st = f.backend.rows.borrow_mut();
        let lou = st.accounts.iter_mut().find(|a| a.username == user).unwrap();
        lou.state.has_password = false; // passwordless, its pass long used
        lou.pass_expires_ms = None;
    }
    let r = f.backend.start_reset_now(user).unwrap();
    let proof = ResetInput::Code { method: MethodKind::AuthenticatorApp, code: f.app_code(user) };
    let r = f.backend.send_reset_now(&r.flow_id, r.seq, proof).unwrap();
    let new = "Marigold-Ferry-Summit-58";
    let input = ResetInput::NewPassword { password: new.into(), confirm: new.into() };
    let r = f.backend.send_reset_now(&r.flow_id, r.seq, input).unwrap();
    assert!(matches!(r.step, ResetStep::Done { .. }), "{:?}", r.step);
    assert!(f.account(user).state.has_password);
    assert!(f.try_sign_in(user, new).is_ok(), "the new password signs in");
}

#[test]
fn passkey_decoys_are_stable_and_keyed() {
    let f = fixture();
    let name = "nobody@contoso.example";
    let first = f.backend.begin_passkey_sign_in_now(name, None).unwrap().credential_ids;
    let again = f.backend.begin_passkey_sign_in_now(name, None).unwrap().credential_ids;
    assert_eq!(first, again, "the same name gets the same decoy");
    let other = MockBackend::seeded(
        Rc::new(FixedClock::at(START)),
        Rc::new(SeededEntropy(std::cell::Cell::new(0xfeed))),
    );
    let elsewhere = other.begin_passkey_sign_in_now(name, None).unwrap().credential_ids;
    assert_ne!(first, elsewhere, "without the key, nobody can compute the decoy");
}

#[test]
fn a_lock_earned_at_the_desk_holds_elsewhere_too() {
    let f = fixture();
    let user = "ada@contoso.example";
    for i in 0..LOCKOUT_THRESHOLD {
        assert_eq!(f.try_sign_in(user, &format!("Guess-{i}")).unwrap_err(), BackendError::InvalidCredentials);
    }
    let r = f.sign_in_from(user, password_of(user), attackers_network()).unwrap();
    assert!(matches!(r.step, Step::Blocked { reason: BlockReason::LockedOut { .. }, .. }), "{:?}", r.step);
}

#[test]
fn a_new_reset_in_the_same_hour_sends_no_more_codes() {
    let f = fixture();
    let user = "omar@contoso.example";
    let send = ResetInput::SendCode { method: MethodKind::Sms };
    for _ in 0..(limits::CODES_PER_HOUR as u32 / limits::CODES_PER_FLOW) {
        let mut r = f.backend.start_reset_now(user).unwrap();
        for _ in 0..limits::CODES_PER_FLOW {
            r = f.backend.send_reset_now(&r.flow_id, r.seq, send.clone()).unwrap();
        }
    }
    let r = f.backend.start_reset_now(user).unwrap();
    let e = f.backend.send_reset_now(&r.flow_id, r.seq, send).unwrap_err();
    assert_eq!(e, invalid(Field::Code, Problem::TooManyAttempts), "per account and hour, across resets");
}

#[test]
fn adding_phones_from_account_health_sends_no_more_than_the_hourly_limit() {
    let f = fixture();
    let user = "ravi@contoso.example";
    let session = f.proven_session(user);
    for _ in 0..limits::CODES_PER_HOUR {
        f.backend.begin_method_now(&session, MethodKind::Sms, Some("+1 206 555 0199")).unwrap();
    }
    let e = f.backend.begin_method_now(&session, MethodKind::Sms, Some("+1 206 555 0199")).unwrap_err();
    assert_eq!(e, invalid(Field::Code, Problem::TooManyAttempts));
}

#[test]
fn a_password_change_ends_the_accounts_other_flows_and_resets() {
    let f = fixture();
    let user = "pat@contoso.example";
    let other = f.sign_in(user);
    let reset = f.backend.start_reset_now(user).unwrap();
    let r = f.sign_in(user);
    let new = "Marigold-Ferry-Summit-58";
    let r = f.send(&r, Input::NewPassword { password: new.into(), confirm: new.into() }).unwrap();
    assert!(!matches!(r.step, Step::ChangePassword { .. }), "{:?}", r.step);
    assert_eq!(f.send(&other, Input::Continue).unwrap_err(), BackendError::UnknownFlow);
    let code = ResetInput::Code { method: MethodKind::AuthenticatorApp, code: "123456".into() };
    let e = f.backend.send_reset_now(&reset.flow_id, reset.seq, code).unwrap_err();
    assert_eq!(e, BackendError::UnknownFlow);
}

#[test]
fn a_completed_reset_ends_the_accounts_sessions_flows_and_other_resets() {
    let f = fixture();
    let user = "ravi@contoso.example";
    let session = f.proven_session(user);
    let flow = f.sign_in(user);
    let other = f.backend.start_reset_now(user).unwrap();
    let r = f.backend.start_reset_now(user).unwrap();
    f.clock.advance(30 * 1000); // the app's code of the step-up is used up
    let r = f
        .backend
        .send_reset_now(
            &r.flow_id,
            r.seq,
            ResetInput::Code { method: MethodKind::AuthenticatorApp, code: f.app_code(user) },
        )
        .unwrap();
    let new = "Marigold-Ferry-Summit-58";
    let r = f
        .backend
        .send_reset_now(
            &r.flow_id,
            r.seq,
            ResetInput::NewPassword { password: new.into(), confirm: new.into() },
        )
        .unwrap();
    assert!(matches!(r.step, ResetStep::Done { .. }), "{:?}", r.step);
    assert_eq!(f.backend.account_now(&session).unwrap_err(), BackendError::NotAuthorized);
    assert_eq!(f.send(&flow, Input::Continue).unwrap_err(), BackendError::UnknownFlow);
    let code = ResetInput::Code { method: MethodKind::AuthenticatorApp, code: "123456".into() };
    assert_eq!(
        f.backend.send_reset_now(&other.flow_id, other.seq, code).unwrap_err(),
        BackendError::UnknownFlow
    );
}

#[test]
fn wrong_codes_for_a_method_added_from_account_health_count_and_lock() {
    let f = fixture();
    let user = "ravi@contoso.example";
    let session = f.proven_session(user);
    for _ in 0..limits::SECOND_FACTOR_LIMIT {
        f.backend.begin_method_now(&session, MethodKind::AuthenticatorApp, None).unwrap();
        let e = f.backend.confirm_method_now(&session, "000000").unwrap_err();
        assert_eq!(e, invalid(Field::Code, Problem::Mismatch));
    }
    assert!(limits::second_factors_locked(&f.account(user), f.clock.now_ms()), "they count");
    // While locked, not even the right code for the new app is checked.
    let enrolment = f.backend.begin_method_now(&session, MethodKind::AuthenticatorApp, None).unwrap();
    let secret = totp::base32_decode(&enrolment.key).unwrap();
    let code = totp::code_at(&secret, f.clock.now_ms() / 1000);
    let e = f.backend.confirm_method_now(&session, &code).unwrap_err();
    assert_eq!(e, invalid(Field::Code, Problem::TooManyAttempts));
}

#[test]
fn refused_passkey_answers_count_towards_the_lock() {
    let f = fixture();
    let user = "ravi@contoso.example";
    let session = f.proven_session(user);
    let options = f.backend.begin_passkey_now(&session).unwrap();
    f.backend.confirm_passkey_now(&session, &SoftKey::new(7, ORIGIN).create(&options)).unwrap();
    let mut phished = SoftKey::new(7, "https://login.riskgate.example.evil");
    for _ in 0..limits::SECOND_FACTOR_LIMIT {
        let options = f.backend.begin_passkey_sign_in_now(user, None).unwrap();
        assert!(f.backend.passkey_sign_in_now(user, None, &phished.get(&options)).is_err());
    }
    assert!(limits::second_factors_locked(&f.account(user), f.clock.now_ms()));
}

#[test]
fn a_step_up_does_not_make_a_session_live_longer() {
    let f = fixture();
    let admin = "admin@contoso.example";
    let session = f.sign_in(admin).session.unwrap();
    for _ in 0..(SESSION_MAX_MS / (20 * MINUTE) - 1) {
        f.clock.advance(20 * MINUTE);
        f.backend.account_now(&session).expect("in use");
    }
    let r = f.backend.step_up_now(&session).unwrap();
    let proven = f.send(&r, app(f.app_code(admin))).unwrap().session.unwrap();
    f.clock.advance(21 * MINUTE);
    assert_eq!(
        f.backend.account_now(&proven).unwrap_err(),
        BackendError::NotAuthorized,
        "12 hours from the sign-in"
    );
}
