//! The mock backend as the authority: real checks of what was typed, and refusal of
//! any input the current step does not expect.
use super::*;
use crate::api::AdminAction;
use crate::engine::{BlockReason, NoticeKind, PasswordReason, RiskDetail, RiskLevel, RiskState};
use crate::platform::{FixedClock, SeededEntropy};

const START: u64 = 1_800_000_000_000;

struct Fixture {
    clock: Rc<FixedClock>,
    backend: MockBackend,
}

fn fixture() -> Fixture {
    let clock = Rc::new(FixedClock::at(START));
    let backend = MockBackend::seeded(clock.clone(), Rc::new(SeededEntropy::default()));
    Fixture { clock, backend }
}

fn request(username: &str, password: &str) -> SignInRequest {
    SignInRequest { username: username.into(), password: password.into(), source: None, tenant: None }
}

fn password_of(username: &str) -> &'static str {
    seed::PERSONAS.iter().find(|p| p.username == username).expect(username).password
}

impl Fixture {
    fn sign_in(&self, username: &str) -> Reply {
        self.backend.sign_in_now(request(username, password_of(username))).expect("signs in")
    }

    fn send(&self, reply: &Reply, input: Input) -> Result<Reply, BackendError> {
        self.backend.send_now(&reply.flow_id, reply.seq, input)
    }

    fn app_code(&self, username: &str) -> String {
        let secret = self.backend.authenticator_secret(username).unwrap();
        totp::code_at(&secret, self.clock.now_ms() / 1000)
    }
}

fn code(method: MethodKind, code: &str) -> Input {
    Input::Code { method, code: code.into() }
}

#[test]
fn every_persona_password_matches_its_stored_hash() {
    let f = fixture();
    for p in seed::PERSONAS {
        let account = f.backend.account_of(p.username).unwrap();
        assert!(hash::verify_password(p.password, &account.password_hash), "{}", p.username);
        assert!(!account.password_hash.contains(p.password), "stored in plain text: {}", p.username);
        assert!(
            account.password_hash.starts_with(&format!("pbkdf2-sha256${}$", hash::ITERATIONS)),
            "full cost"
        );
    }
}

#[test]
fn a_page_for_one_tenant_signs_in_its_members_and_guests_only() {
    let f = fixture();
    let for_tenant = |username: &str, tenant: &str| SignInRequest {
        tenant: Some(tenant.into()),
        ..request(username, password_of(username))
    };
    let outsider = f.backend.sign_in_now(for_tenant("sam@woodgrove.example", "contoso"));
    assert_eq!(outsider.unwrap_err(), BackendError::InvalidCredentials);
    let account = f.backend.account_of("sam@woodgrove.example").unwrap();
    assert_eq!(account.lockout, Default::default(), "not counted as a wrong password");
    let member = f.backend.sign_in_now(for_tenant("ada@contoso.example", "contoso")).unwrap();
    assert_eq!(member.step, Step::SignedIn { remediations: vec![] });
    let guest = f.backend.sign_in_now(for_tenant("tech@fabrikam.example", "contoso")).unwrap();
    assert_eq!(guest.tenant_name, "Contoso");
}

#[test]
fn a_clean_persona_signs_in_at_once() {
    let f = fixture();
    let r = f.sign_in("ada@contoso.example");
    assert_eq!(r.step, Step::SignedIn { remediations: vec![] });
    assert_eq!(f.backend.sign_in_log().len(), 1);
}

#[test]
fn a_wrong_password_or_unknown_user_is_the_same_error() {
    let f = fixture();
    let wrong = f.backend.sign_in_now(request("ada@contoso.example", "nope-nope-nope"));
    let unknown = f.backend.sign_in_now(request("nobody@contoso.example", "nope-nope-nope"));
    assert_eq!(wrong.unwrap_err(), BackendError::InvalidCredentials);
    assert_eq!(unknown.unwrap_err(), BackendError::InvalidCredentials);
}

#[test]
fn empty_fields_are_refused_with_the_field_named() {
    let f = fixture();
    let e = f.backend.sign_in_now(request("", "x")).unwrap_err();
    assert_eq!(e, invalid(Field::Username, Problem::Empty));
    let e = f.backend.sign_in_now(request("ada@contoso.example", "")).unwrap_err();
    assert_eq!(e, invalid(Field::Password, Problem::Empty));
}

#[test]
fn risky_sign_in_passes_with_the_real_authenticator_code() {
    let f = fixture();
    let r = f.sign_in("ravi@contoso.example");
    assert!(matches!(r.step, Step::Notice { kind: NoticeKind::SignInRisk, .. }));
    assert!(r.unusual.iter().any(|u| u.location.as_deref() == Some("Lisbon, PT")));
    let r = f.send(&r, Input::Continue).unwrap();
    assert!(matches!(r.step, Step::MfaChallenge { .. }));
    let r = f.send(&r, code(MethodKind::AuthenticatorApp, &f.app_code("ravi@contoso.example"))).unwrap();
    assert!(matches!(r.step, Step::SignedIn { ref remediations } if remediations.len() == 1));
    let history = f.backend.account_of("ravi@contoso.example").unwrap().history;
    assert_eq!(history.last().unwrap().source.location.city, "Lisbon", "the new place is now familiar");
}

#[test]
fn an_authenticator_code_cannot_be_used_twice() {
    let f = fixture();
    let user = "kim@contoso.example";
    let used = f.app_code(user);
    let r = f.sign_in(user);
    let r = f.send(&r, Input::Continue).unwrap();
    let r = f.send(&r, code(MethodKind::AuthenticatorApp, &used)).unwrap();
    assert!(matches!(r.step, Step::ChangePassword { .. }));
    f.send(&r, Input::Cancel).unwrap();
    // Still at risk, so a second sign-in asks again; the same code is a replay.
    let r = f.sign_in(user);
    let r = f.send(&r, Input::Continue).unwrap();
    let r = f.send(&r, code(MethodKind::AuthenticatorApp, &used)).unwrap();
    assert!(matches!(r.step, Step::MfaChallenge { failures: 1, .. }), "{:?}", r.step);
}

#[test]
fn a_wrong_code_counts_as_a_failure_and_a_malformed_one_does_not() {
    let f = fixture();
    let r = f.sign_in("ravi@contoso.example");
    let r = f.send(&r, Input::Continue).unwrap();
    let e = f.send(&r, code(MethodKind::AuthenticatorApp, "12ab")).unwrap_err();
    assert_eq!(e, invalid(Field::Code, Problem::NotACode));
    let right = f.app_code("ravi@contoso.example");
    let wrong = if right == "000000" { "111111" } else { "000000" };
    let r = f.send(&r, code(MethodKind::AuthenticatorApp, wrong)).unwrap();
    assert!(matches!(r.step, Step::MfaChallenge { failures: 1, .. }));
}

#[test]
fn pasted_codes_with_spaces_are_accepted() {
    let f = fixture();
    let r = f.sign_in("ravi@contoso.example");
    let r = f.send(&r, Input::Continue).unwrap();
    let c = f.app_code("ravi@contoso.example");
    let spaced = format!(" {} {} ", &c[..3], &c[3..]);
    let r = f.send(&r, code(MethodKind::AuthenticatorApp, &spaced)).unwrap();
    assert!(matches!(r.step, Step::SignedIn { .. }));
}

#[test]
fn skipping_a_required_step_is_refused_and_the_flow_stays_put() {
    let f = fixture();
    let r = f.sign_in("ravi@contoso.example");
    for input in [
        Input::Skip,
        code(MethodKind::AuthenticatorApp, "123456"),
        Input::NewPassword { password: "x".into(), confirm: "x".into() },
        Input::ConfirmRegistration { code: "123456".into() },
    ] {
        let e = f.send(&r, input).unwrap_err();
        assert!(matches!(e, BackendError::Unexpected { .. }), "{e:?}");
    }
    let r2 = f.send(&r, Input::Continue).unwrap();
    assert!(matches!(r2.step, Step::MfaChallenge { .. }), "nothing moved before Continue");
}

#[test]
fn a_replayed_or_out_of_order_input_is_refused() {
    let f = fixture();
    let r0 = f.sign_in("ravi@contoso.example");
    let r1 = f.send(&r0, Input::Continue).unwrap();
    let e = f.send(&r0, Input::Continue).unwrap_err();
    assert_eq!(e, BackendError::StaleStep { expected: 1 });
    let e = f.backend.send_now(&r1.flow_id, 7, Input::Continue).unwrap_err();
    assert_eq!(e, BackendError::StaleStep { expected: 1 });
    assert!(matches!(f.send(&r1, Input::Continue).unwrap_err(), BackendError::Unexpected { .. }));
}

#[test]
fn a_forged_or_expired_flow_is_refused() {
    let f = fixture();
    assert_eq!(f.backend.send_now("forged", 0, Input::Continue).unwrap_err(), BackendError::UnknownFlow);
    let r = f.sign_in("ravi@contoso.example");
    f.clock.advance(FLOW_TTL_MS + 1);
    assert_eq!(f.send(&r, Input::Continue).unwrap_err(), BackendError::FlowExpired);
    assert_eq!(f.send(&r, Input::Continue).unwrap_err(), BackendError::UnknownFlow);
}

#[test]
fn a_finished_flow_takes_no_more_input() {
    let f = fixture();
    let r = f.sign_in("sam@woodgrove.example");
    assert!(matches!(r.step, Step::Blocked { reason: BlockReason::SignInRisk, .. }));
    assert!(matches!(f.send(&r, Input::Continue).unwrap_err(), BackendError::Unexpected { .. }));
}

#[test]
fn text_message_codes_reach_the_simulated_phone_and_work_once() {
    let f = fixture();
    let r = f.sign_in("omar@contoso.example");
    let r = f.send(&r, Input::Continue).unwrap();
    let e = f.send(&r, code(MethodKind::Sms, "123456")).unwrap_err();
    assert_eq!(e, invalid(Field::Code, Problem::NoCodeSent));
    let r = f.send(&r, Input::SendCode { method: MethodKind::Sms }).unwrap();
    assert_eq!(r.code_sent_to.as_deref(), Some("•••• 47"));
    let sms = f.backend.phone_messages().pop().unwrap();
    assert_eq!(sms.to, "+1 206 555 0147");
    let r = f.send(&r, code(MethodKind::Sms, &sms.code)).unwrap();
    assert!(matches!(r.step, Step::SignedIn { .. }));
}

#[test]
fn text_message_codes_expire_after_five_minutes() {
    let f = fixture();
    let r = f.sign_in("omar@contoso.example");
    let r = f.send(&r, Input::Continue).unwrap();
    let r = f.send(&r, Input::SendCode { method: MethodKind::Sms }).unwrap();
    let sms = f.backend.phone_messages().pop().unwrap();
    f.clock.advance(PHONE_CODE_TTL_MS);
    let e = f.send(&r, code(MethodKind::Sms, &sms.code)).unwrap_err();
    assert_eq!(e, invalid(Field::Code, Problem::CodeExpired));
}

#[test]
fn leaked_credentials_need_mfa_and_a_strong_new_password_then_risk_is_gone() {
    let f = fixture();
    let user = "kim@contoso.example";
    let r = f.sign_in(user);
    assert!(matches!(r.step, Step::Notice { kind: NoticeKind::UserRisk, .. }));
    let r = f.send(&r, Input::Continue).unwrap();
    let r = f.send(&r, code(MethodKind::AuthenticatorApp, &f.app_code(user))).unwrap();
    assert_eq!(r.step, Step::ChangePassword { reason: PasswordReason::UserRisk, rejected: false });
    let weak = Input::NewPassword { password: "C0ntos0Blank12".into(), confirm: "C0ntos0Blank12".into() };
    let r = f.send(&r, weak).unwrap();
    assert!(matches!(r.step, Step::ChangePassword { rejected: true, .. }));
    assert!(!r.verdict.as_ref().unwrap().accepted());
    let e = f.send(&r, Input::NewPassword { password: "a".into(), confirm: "b".into() }).unwrap_err();
    assert_eq!(e, invalid(Field::Confirm, Problem::Mismatch));
    let strong = "Lavender-Bicycle-Ocean-93";
    let r = f.send(&r, Input::NewPassword { password: strong.into(), confirm: strong.into() }).unwrap();
    assert!(matches!(r.step, Step::SignedIn { .. }), "{:?}", r.step);
    let account = f.backend.account_of(user).unwrap();
    assert!(hash::verify_password(strong, &account.password_hash));
    assert!(account.detections.iter().all(|d| d.state == RiskState::Remediated));
    assert_eq!(
        account.risk_log.last().unwrap().detail,
        crate::engine::RiskDetail::UserPerformedSecuredPasswordChange
    );
    let again = f.backend.sign_in_now(request(user, strong)).unwrap();
    assert!(matches!(again.step, Step::SignedIn { .. }), "no longer at risk");
}

#[test]
fn ten_different_wrong_passwords_lock_the_account_and_repeats_count_once() {
    let f = fixture();
    let user = "ada@contoso.example";
    for _ in 0..20 {
        assert_eq!(
            f.backend.sign_in_now(request(user, "same-wrong-1")).unwrap_err(),
            BackendError::InvalidCredentials
        );
    }
    for i in 0..8 {
        let e = f.backend.sign_in_now(request(user, &format!("wrong-{i}"))).unwrap_err();
        assert_eq!(e, BackendError::InvalidCredentials);
    }
    // The tenth locks, and says so no more than any wrong password does.
    let e = f.backend.sign_in_now(request(user, "wrong-final")).unwrap_err();
    assert_eq!(e, BackendError::InvalidCredentials);
    let still = f.backend.sign_in_now(request(user, password_of(user))).unwrap();
    assert!(
        matches!(still.step, Step::Blocked { reason: BlockReason::LockedOut { .. }, .. }),
        "the right password waits"
    );
    f.clock.advance(LOCKOUT_BASE_MS + 1);
    assert!(matches!(f.sign_in(user).step, Step::SignedIn { .. }));
}

#[test]
fn registering_an_authenticator_app_during_the_grace_works_end_to_end() {
    let f = fixture();
    let user = "lena@contoso.example";
    let r = f.sign_in(user);
    assert_eq!(r.step, Step::RegistrationInterrupt { days_left: 0, can_skip: false });
    assert!(matches!(f.send(&r, Input::Skip).unwrap_err(), BackendError::Unexpected { .. }));
    let r = f.send(&r, Input::Continue).unwrap();
    let r =
        f.send(&r, Input::BeginRegistration { method: MethodKind::AuthenticatorApp, phone: None }).unwrap();
    let enrollment = r.enrollment.clone().unwrap();
    assert!(enrollment.uri.starts_with("otpauth://totp/"));
    assert!(enrollment.qr_svg.contains("<svg"));
    let secret = totp::base32_decode(&enrollment.key).unwrap();
    let r = f.send(&r, Input::ConfirmRegistration { code: totp::code_at(&secret, START / 1000) }).unwrap();
    assert!(matches!(r.step, Step::SignedIn { .. }));
    assert_eq!(f.backend.account_of(user).unwrap().state.methods, vec![MethodKind::AuthenticatorApp]);
}

#[test]
fn skipping_registration_starts_the_grace_clock_once() {
    let f = fixture();
    let user = "noor@contoso.example";
    let r = f.sign_in(user);
    assert_eq!(r.step, Step::RegistrationInterrupt { days_left: 14, can_skip: true });
    f.send(&r, Input::Skip).unwrap();
    assert_eq!(f.backend.account_of(user).unwrap().state.grace_started_ms, Some(START));
    f.clock.advance(3 * crate::engine::risk::DAY_MS);
    let r = f.sign_in(user);
    assert_eq!(r.step, Step::RegistrationInterrupt { days_left: 11, can_skip: true });
}

#[test]
fn every_blocked_persona_is_blocked_for_its_reason() {
    let f = fixture();
    let cases = [
        ("eli@contoso.example", BlockReason::UnregisteredAtRisk),
        ("dee@contoso.example", BlockReason::Disabled),
        ("sam@woodgrove.example", BlockReason::SignInRisk),
        ("jo@woodgrove.example", BlockReason::UserRisk),
        ("tech@northwind.example", BlockReason::HomeTenantMustRemediate),
    ];
    for (user, reason) in cases {
        let r = f.sign_in(user);
        assert!(matches!(r.step, Step::Blocked { reason: got, .. } if got == reason), "{user}: {:?}", r.step);
    }
    let lou = f.sign_in("lou@contoso.example");
    assert!(matches!(lou.step, Step::Blocked { reason: BlockReason::LockedOut { .. }, .. }));
}

fn session_of(reply: &Reply) -> String {
    reply.session.clone().expect("a signed-in reply carries a session")
}

/// An administrator's session, stepped up with their authenticator app as admin calls need.
fn admin_session(f: &Fixture, username: &str) -> String {
    let password_only = session_of(&f.sign_in(username));
    let r = f.backend.step_up_now(&password_only).expect("a step-up starts");
    assert!(matches!(r.step, Step::MfaChallenge { .. }), "{:?}", r.step);
    session_of(&f.send(&r, code(MethodKind::AuthenticatorApp, &f.app_code(username))).unwrap())
}

#[test]
fn state_survives_a_reload_from_the_store() {
    let clock = Rc::new(FixedClock::at(START));
    let store = Rc::new(MemoryStore::default());
    let first = MockBackend::open(clock.clone(), Rc::new(SeededEntropy::default()), store.clone());
    assert_eq!(first.store_status(), &StoreStatus::Fresh);
    for i in 0..9 {
        let _ = first.sign_in_now(request("ada@contoso.example", &format!("wrong-{i}")));
    }
    let locked = first.sign_in_now(request("ada@contoso.example", "wrong-last")).unwrap_err();
    assert_eq!(locked, BackendError::InvalidCredentials);
    let second = MockBackend::open(clock, Rc::new(SeededEntropy(std::cell::Cell::new(99))), store);
    assert_eq!(second.store_status(), &StoreStatus::Loaded);
    assert_eq!(second.sign_in_log(), first.sign_in_log());
    let after_reload =
        second.sign_in_now(request("ada@contoso.example", password_of("ada@contoso.example"))).unwrap();
    assert!(
        matches!(after_reload.step, Step::Blocked { reason: BlockReason::LockedOut { .. }, .. }),
        "the lockout holds across a reload"
    );
}

#[test]
fn the_whole_directory_comes_back_from_the_store_unchanged() {
    let f = fixture();
    // Every kind of record: a lockout, a remembered wrong password, a sign-in log, texts.
    for i in 0..3 {
        let _ = f.backend.sign_in_now(request("ada@contoso.example", &format!("wrong-{i}")));
    }
    f.sign_in("omar@contoso.example");
    let store = MemoryStore::default();
    let saved = f.backend.rows.borrow().clone();
    store::save(&store, &saved);
    assert!(store.load().unwrap().starts_with(&format!("{{\"version\":{STORE_VERSION},\"data\":\"")));
    assert_eq!(store::load(&store), Ok(Some(saved)));
}

#[test]
fn a_corrupt_or_old_store_is_reported_and_replaced_by_the_seed() {
    for (text, expect) in [
        ("{not json", "unreadable"),
        (r#"{"version":0,"data":{}}"#, "version 0"),
        (r#"{"version":2,"data":{"tenants":5}}"#, "version 2"),
        (r#"{"version":3,"data":"05ff"}"#, "version 3"),
        (r#"{"version":4,"data":"05ff"}"#, "version 4"),
        (r#"{"version":5,"data":"05ff"}"#, "version 5"),
        (r#"{"version":6,"data":"05ff"}"#, "version 6"),
        (r#"{"version":7,"data":{"tenants":5}}"#, "unreadable"),
        (r#"{"version":7,"data":"05zz"}"#, "damaged"),
        (r#"{"version":7,"data":"05ff"}"#, "damaged"),
    ] {
        let store = Rc::new(MemoryStore::default());
        store.save(text);
        let b = MockBackend::open(
            Rc::new(FixedClock::at(START)),
            Rc::new(SeededEntropy::default()),
            store.clone(),
        );
        let StoreStatus::Reset(why) = b.store_status() else { panic!("{:?}", b.store_status()) };
        assert!(why.contains(expect), "{why}");
        assert!(b.account_of("ada@contoso.example").is_some(), "the seed is back");
        assert!(store.load().unwrap().contains(&format!("\"version\":{STORE_VERSION}")), "and saved");
    }
}

#[test]
fn reset_restores_the_seed() {
    let f = fixture();
    f.sign_in("noor@contoso.example");
    f.backend.reset();
    assert_eq!(f.backend.account_of("noor@contoso.example").unwrap().state.grace_started_ms, None);
    assert!(f.backend.sign_in_log().is_empty());
}

#[test]
fn an_admin_confirms_a_blocked_sign_in_was_the_person_and_its_place_becomes_familiar() {
    let f = fixture();
    let blocked = f.sign_in("sam@woodgrove.example");
    assert!(matches!(blocked.step, Step::Blocked { reason: BlockReason::SignInRisk, .. }));
    let admin = admin_session(&f, "admin@woodgrove.example");
    let log = f.backend.sign_in_log();
    let sign_in = log.iter().find(|r| r.username == "sam@woodgrove.example").unwrap().id;
    let action = AdminAction::ConfirmSignInSafe { sign_in };
    let receipt = f.backend.admin_act_now(&admin, "sam@woodgrove.example", action).unwrap();
    assert!(receipt.view.users.iter().any(|u| u.username == "sam@woodgrove.example"));
    assert!(matches!(f.sign_in("sam@woodgrove.example").step, Step::SignedIn { .. }));
}

#[test]
fn admin_dismisses_user_risk_and_the_block_lifts_with_the_reason_recorded() {
    let f = fixture();
    assert!(matches!(
        f.sign_in("jo@woodgrove.example").step,
        Step::Blocked { reason: BlockReason::UserRisk, .. }
    ));
    let admin = admin_session(&f, "admin@woodgrove.example");
    f.backend.admin_act_now(&admin, "jo@woodgrove.example", AdminAction::DismissRisk).unwrap();
    let jo = f.backend.account_of("jo@woodgrove.example").unwrap();
    assert_eq!(jo.risk_log.last().unwrap().detail, crate::engine::RiskDetail::AdminDismissedAllRisk);
    assert!(matches!(f.sign_in("jo@woodgrove.example").step, Step::SignedIn { .. }));
}

#[test]
fn a_temporary_password_is_shown_once_remediates_risk_and_must_be_changed() {
    let f = fixture();
    let admin = admin_session(&f, "admin@contoso.example");
    let receipt =
        f.backend.admin_act_now(&admin, "kim@contoso.example", AdminAction::TemporaryPassword).unwrap();
    let temp = receipt.temporary_password.expect("shown to the admin");
    let kim = f.backend.account_of("kim@contoso.example").unwrap();
    assert!(!kim.password_hash.contains(&temp));
    assert_eq!(
        kim.risk_log.last().unwrap().detail,
        crate::engine::RiskDetail::AdminGeneratedTemporaryPassword
    );
    let r = f.backend.sign_in_now(request("kim@contoso.example", &temp)).unwrap();
    assert_eq!(r.step, Step::ChangePassword { reason: PasswordReason::TemporaryPassword, rejected: false });
}

#[test]
fn admins_act_only_in_their_own_tenant_and_others_not_at_all() {
    let f = fixture();
    let admin = admin_session(&f, "admin@contoso.example");
    let e = f.backend.admin_act_now(&admin, "tech@northwind.example", AdminAction::DismissRisk).unwrap_err();
    assert_eq!(e, BackendError::UnknownUser, "a guest's risk is for the home tenant");
    let ada = session_of(&f.sign_in("ada@contoso.example"));
    assert_eq!(f.backend.admin_overview_now(&ada).unwrap_err(), BackendError::NotAuthorized);
    assert_eq!(f.backend.admin_overview_now("forged").unwrap_err(), BackendError::NotAuthorized);
}

#[test]
fn the_home_tenant_admin_remediates_the_guest_technician() {
    let f = fixture();
    let r = f.sign_in("tech@northwind.example");
    assert!(matches!(r.step, Step::Blocked { reason: BlockReason::HomeTenantMustRemediate, .. }));
    assert_eq!(r.home_tenant_name.as_deref(), Some("Northwind IT Partners"));
    let home_admin = admin_session(&f, "admin@northwind.example");
    f.backend.admin_act_now(&home_admin, "tech@northwind.example", AdminAction::DismissRisk).unwrap();
    assert!(matches!(f.sign_in("tech@northwind.example").step, Step::SignedIn { .. }));
}

#[test]
fn an_admin_can_change_policy_and_the_banned_list_is_validated() {
    let f = fixture();
    let admin = admin_session(&f, "admin@contoso.example");
    let mut policy = f.backend.admin_overview_now(&admin).unwrap().tenants[0].policy.clone();
    policy.sign_in_risk.action = crate::engine::SignInAction::Block;
    let bad = BannedList { custom: vec!["abc".into()] };
    let e = f.backend.set_policy_now(&admin, policy.clone(), bad).unwrap_err();
    assert_eq!(e, invalid(Field::BannedList, Problem::InvalidList));
    f.backend.set_policy_now(&admin, policy, BannedList { custom: vec!["contoso".into()] }).unwrap();
    assert!(matches!(
        f.sign_in("ravi@contoso.example").step,
        Step::Blocked { reason: BlockReason::SignInRisk, .. }
    ));
}

#[test]
fn this_wasnt_me_raises_user_risk_and_this_was_me_clears_the_alert() {
    let f = fixture();
    let user = "ravi@contoso.example";
    let r = f.sign_in(user);
    let r = f.send(&r, Input::Continue).unwrap();
    let r = f.send(&r, code(MethodKind::AuthenticatorApp, &f.app_code(user))).unwrap();
    let session = session_of(&r);
    let view = f.backend.account_now(&session).unwrap();
    let unusual = view.recent[0].id;
    assert!(view.alerts.contains(&crate::api::Alert::UnusualSignIn { sign_in: unusual }));
    let view = f.backend.report_sign_in_now(&session, unusual, true).unwrap();
    assert!(!view.alerts.iter().any(|a| matches!(a, crate::api::Alert::UnusualSignIn { .. })));
    let view = f.backend.report_sign_in_now(&session, unusual, false).unwrap();
    assert!(view
        .alerts
        .contains(&crate::api::Alert::AccountAtRisk { level: crate::engine::RiskLevel::High }));
    assert!(
        matches!(f.sign_in(user).step, Step::Notice { kind: NoticeKind::UserRisk, .. }),
        "next sign-in remediates"
    );
}

/// Ravi's session after passing MFA on his unfamiliar sign-in.
fn proven_session(f: &Fixture) -> String {
    let user = "ravi@contoso.example";
    let r = f.sign_in(user);
    let r = f.send(&r, Input::Continue).unwrap();
    session_of(&f.send(&r, code(MethodKind::AuthenticatorApp, &f.app_code(user))).unwrap())
}

#[test]
fn the_last_method_cannot_be_removed() {
    let f = fixture();
    let session = proven_session(&f);
    let e = f.backend.remove_method_now(&session, MethodKind::AuthenticatorApp).unwrap_err();
    assert_eq!(e, invalid(Field::Code, Problem::LastMethod));
}

fn block_on<T>(fut: impl std::future::Future<Output = T>) -> T {
    let mut fut = std::pin::pin!(fut);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match fut.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(v) => v,
        std::task::Poll::Pending => panic!("the mock never waits natively"),
    }
}

#[test]
fn every_fault_kind_fails_every_operation_before_anything_changes() {
    let f = fixture();
    let faults = [
        (Fault { timeout: true, ..Fault::default() }, BackendError::Timeout),
        (Fault { failure_percent: 100, ..Fault::default() }, BackendError::Unavailable),
    ];
    for (fault, expected) in faults {
        for op in Operation::ALL {
            f.backend.set_fault(op, fault);
        }
        let e =
            block_on(f.backend.sign_in(request("ravi@contoso.example", password_of("ravi@contoso.example"))));
        assert_eq!(e.unwrap_err(), expected);
        assert!(f.backend.sign_in_log().is_empty());
        assert_eq!(block_on(IdentityBackend::account(&f.backend, "any")).unwrap_err(), expected);
        assert_eq!(block_on(f.backend.admin_overview("any")).unwrap_err(), expected);
        f.backend.clear_faults();
    }
    f.backend.set_fault(Operation::Send, Fault { malformed: true, ..Fault::default() });
    let r = block_on(f.backend.sign_in(request("ravi@contoso.example", password_of("ravi@contoso.example"))))
        .unwrap();
    let e = block_on(f.backend.send(&r.flow_id, r.seq, Input::Continue)).unwrap_err();
    assert!(matches!(e, BackendError::Malformed(_)));
    f.backend.clear_faults();
    let r = block_on(f.backend.send(&r.flow_id, r.seq, Input::Continue)).unwrap();
    assert!(matches!(r.step, Step::MfaChallenge { .. }), "a retry after a fault goes on from where it was");
}

#[test]
fn persona_passwords_never_appear_in_what_is_stored() {
    let store = Rc::new(MemoryStore::default());
    let b =
        MockBackend::open(Rc::new(FixedClock::at(START)), Rc::new(SeededEntropy::default()), store.clone());
    b.sign_in_now(request("ada@contoso.example", password_of("ada@contoso.example"))).unwrap();
    let _ = b.sign_in_now(request("ada@contoso.example", "Typo-Harbor-Lantern"));
    let saved = store.load().unwrap();
    for p in seed::PERSONAS {
        assert!(!saved.contains(p.password), "{} stored in plain text", p.username);
    }
    assert!(!saved.contains("Typo-Harbor-Lantern"), "a wrong password is kept only as a hash");
}

#[test]
fn live_password_feedback_is_only_for_a_flow_asking_for_a_new_password() {
    let f = fixture();
    let r = f.sign_in("pat@contoso.example");
    let weak = f.backend.check_password_now(&r.flow_id, "Contoso-Blank1").unwrap();
    assert!(!weak.accepted());
    assert!(f.backend.check_password_now(&r.flow_id, "Orchid-Pylon-Meadow-71").unwrap().accepted());
    let ravi = f.sign_in("ravi@contoso.example");
    let e = f.backend.check_password_now(&ravi.flow_id, "anything").unwrap_err();
    assert!(matches!(e, BackendError::Unexpected { .. }));
}

#[test]
fn wrong_passwords_from_familiar_and_unfamiliar_places_are_counted_apart() {
    let f = fixture();
    f.backend.accept_client_sources(true);
    let user = "ada@contoso.example";
    let away = crate::directory::source(
        crate::directory::place("Lagos", "NG", 6.52, 3.38),
        "192.0.2.200",
        "Unknown PC",
        "Mail",
    );
    for i in 0..9 {
        let mut req = request(user, &format!("attacker-{i}"));
        req.source = Some(away.clone());
        assert!(f.backend.sign_in_now(req).is_err());
    }
    for i in 0..9 {
        assert!(f.backend.sign_in_now(request(user, &format!("typo-{i}"))).is_err());
    }
    let account = f.backend.account_of(user).unwrap();
    assert_eq!(account.state.locked_until_ms, None, "nine and nine: neither count reached ten");
    assert_eq!((account.lockout.familiar_failures, account.lockout.unfamiliar_failures), (9, 9));
}

#[test]
fn replies_carry_the_tenant_branding_as_far_as_it_can_be_shown() {
    let f = fixture();
    assert_eq!(f.sign_in("sam@woodgrove.example").branding, Some(crate::brands::woodgrove()));
    // A record with a pale accent and an unsafe picture: the accent is darkened until
    // white reads on it, and the picture is left out; the logo and texts stay.
    let rewrite = |accent: &str| {
        let mut rows = f.backend.rows.borrow_mut();
        let mut tenant = rows.tenant(seed::WOODGROVE).unwrap().unwrap();
        tenant.branding.accent = accent.into();
        tenant.branding.background_image = Some("javascript:alert(1)".into());
        rows.put_tenant(&tenant).unwrap();
    };
    rewrite("#9fe0c0");
    let shown = f.sign_in("jo@woodgrove.example").branding.expect("branding");
    assert_eq!(shown.check(), Ok(()));
    assert_ne!(shown.accent, "#9fe0c0");
    assert_eq!(shown.background_image, None);
    assert_eq!(
        (shown.logo, shown.texts),
        (crate::brands::woodgrove().logo, crate::brands::woodgrove().texts)
    );
    // An accent that is no colour at all: the component's own look.
    rewrite("#fff;background:url(x)");
    assert_eq!(f.sign_in("jo@woodgrove.example").branding, None);
}

mod reset {
    use super::*;
    use crate::api::{Alert, ResetInput, SignInOutcome};
    use crate::engine::reset::{ResetBlock, ResetStep};

    fn reset_code(f: &Fixture, user: &str, r: &crate::api::ResetReply) -> crate::api::ResetReply {
        let input = ResetInput::Code { method: MethodKind::AuthenticatorApp, code: f.app_code(user) };
        f.backend.send_reset_now(&r.flow_id, r.seq, input).unwrap()
    }

    fn new_password(f: &Fixture, r: &crate::api::ResetReply, p: &str) -> crate::api::ResetReply {
        let input = ResetInput::NewPassword { password: p.into(), confirm: p.into() };
        f.backend.send_reset_now(&r.flow_id, r.seq, input).unwrap()
    }

    #[test]
    fn a_locked_out_person_resets_and_signs_in() {
        let f = fixture();
        let user = "lou@contoso.example";
        let r = f.backend.start_reset_now(user).unwrap();
        assert!(matches!(r.step, ResetStep::Verify { .. }));
        let r = reset_code(&f, user, &r);
        assert_eq!(r.step, ResetStep::NewPassword { rejected: false });
        let r = new_password(&f, &r, "Contoso-Blank1");
        assert_eq!(r.step, ResetStep::NewPassword { rejected: true });
        let r = new_password(&f, &r, "Marigold-Ferry-Summit-58");
        assert!(matches!(r.step, ResetStep::Done { unlocked: true, .. }));
        let signed = f.backend.sign_in_now(request(user, "Marigold-Ferry-Summit-58")).unwrap();
        assert!(matches!(signed.step, Step::SignedIn { .. }));
        let log = f.backend.sign_in_log();
        assert!(log.iter().any(|r| r.outcome == SignInOutcome::PasswordReset && r.username == user));
        let view = f.backend.account_now(&signed.session.unwrap()).unwrap();
        assert!(view.alerts.iter().any(|a| matches!(a, Alert::PasswordChanged { .. })));
    }

    #[test]
    fn a_person_at_user_risk_resets_and_is_no_longer_at_risk() {
        let f = fixture();
        let user = "kim@contoso.example";
        let r = f.backend.start_reset_now(user).unwrap();
        let r = reset_code(&f, user, &r);
        let r = new_password(&f, &r, "Marigold-Ferry-Summit-58");
        assert!(matches!(r.step, ResetStep::Done { remediation: Some(_), .. }));
        let kim = f.backend.account_of(user).unwrap();
        assert_eq!(
            kim.risk_log.last().unwrap().detail,
            crate::engine::RiskDetail::UserPerformedSecuredPasswordReset
        );
        assert!(matches!(
            f.backend.sign_in_now(request(user, "Marigold-Ferry-Summit-58")).unwrap().step,
            Step::SignedIn { .. }
        ));
    }

    #[test]
    fn a_blocking_user_risk_policy_refuses_the_reset() {
        let f = fixture();
        let user = "jo@woodgrove.example";
        let r = f.backend.start_reset_now(user).unwrap();
        assert!(matches!(r.step, ResetStep::Verify { .. }), "told only after a proof: {:?}", r.step);
        let r = reset_code(&f, user, &r);
        assert_eq!(r.step, ResetStep::Blocked { reason: ResetBlock::UserRiskPolicyBlocks });
    }

    #[test]
    fn one_method_under_a_two_method_policy_is_sent_to_the_admin() {
        let f = fixture();
        let admin = admin_session(&f, "admin@contoso.example");
        let mut policy = f.backend.admin_overview_now(&admin).unwrap().tenants[0].policy.clone();
        policy.reset.methods_required = 2;
        f.backend.set_policy_now(&admin, policy, BannedList { custom: vec!["contoso".into()] }).unwrap();
        let r = f.backend.start_reset_now("ada@contoso.example").unwrap();
        let r = reset_code(&f, "ada@contoso.example", &r);
        assert_eq!(r.step, ResetStep::Blocked { reason: ResetBlock::TooFewMethods });
    }

    #[test]
    fn an_unknown_username_gets_the_same_steps_up_to_the_code_and_never_further() {
        let f = fixture();
        let known = f.backend.start_reset_now("omar@contoso.example").unwrap();
        // Unknown names are offered one of a few common shapes: take one offering a text.
        let unknown = (0..20)
            .map(|i| f.backend.start_reset_now(&format!("nobody{i}@contoso.example")).unwrap())
            .find(|r| matches!(&r.step, ResetStep::Verify { offered, .. } if offered.contains(&MethodKind::Sms)))
            .expect("some decoy offers a text");
        assert!(matches!(known.step, ResetStep::Verify { .. }));
        let sent = f
            .backend
            .send_reset_now(&unknown.flow_id, 0, ResetInput::SendCode { method: MethodKind::Sms })
            .unwrap();
        assert!(
            sent.code_sent_to.as_deref().is_some_and(|h| h.starts_with("•••• ")),
            "looks like a real phone"
        );
        assert!(f.backend.phone_messages().is_empty(), "nothing was sent anywhere");
        let guess = ResetInput::Code { method: MethodKind::Sms, code: "123456".into() };
        let r = f.backend.send_reset_now(&unknown.flow_id, 1, guess).unwrap();
        assert!(matches!(r.step, ResetStep::Verify { failures: 1, .. }));
    }

    #[test]
    fn codes_are_single_use_and_an_expired_reset_is_refused() {
        let f = fixture();
        let user = "omar@contoso.example";
        let r = f.backend.start_reset_now(user).unwrap();
        let r = f
            .backend
            .send_reset_now(&r.flow_id, r.seq, ResetInput::SendCode { method: MethodKind::Sms })
            .unwrap();
        let sms = f.backend.phone_messages().pop().unwrap();
        let input = ResetInput::Code { method: MethodKind::Sms, code: sms.code.clone() };
        let r = f.backend.send_reset_now(&r.flow_id, r.seq, input.clone()).unwrap();
        assert_eq!(r.step, ResetStep::NewPassword { rejected: false });
        assert!(matches!(
            f.backend.send_reset_now(&r.flow_id, r.seq, input).unwrap_err(),
            BackendError::Unexpected { .. }
        ));
        f.clock.advance(crate::mock::reset::RESET_TTL_MS + 1);
        let e = f.backend.send_reset_now(&r.flow_id, r.seq, ResetInput::Cancel).unwrap_err();
        assert_eq!(e, BackendError::FlowExpired);
        assert!(
            matches!(f.backend.start_reset_now(user).unwrap().step, ResetStep::Verify { .. }),
            "a new reset starts cleanly"
        );
    }

    #[test]
    fn a_reset_can_be_read_again_after_a_lost_reply() {
        let f = fixture();
        let user = "lou@contoso.example";
        let started = f.backend.start_reset_now(user).unwrap();
        assert_eq!(f.backend.latest_reset(), Some((started.flow_id.clone(), 0)));
        let proven = reset_code(&f, user, &started);
        // The answer was taken (its reply lost): the same step number is now stale ...
        let again = f.backend.send_reset_now(&started.flow_id, started.seq, ResetInput::Cancel).unwrap_err();
        assert_eq!(again, BackendError::StaleStep { expected: proven.seq });
        // ... and the reset as it stands is the reply that was lost.
        let current = f.backend.current_reset_now(&started.flow_id).unwrap();
        assert_eq!(current, proven);
        assert_eq!(current.step, ResetStep::NewPassword { rejected: false });
        assert_eq!(f.backend.current_reset_now("no-such-reset").unwrap_err(), BackendError::UnknownFlow);
        f.clock.advance(crate::mock::reset::RESET_TTL_MS + 1);
        assert_eq!(f.backend.current_reset_now(&started.flow_id).unwrap_err(), BackendError::FlowExpired);
    }
}

#[test]
fn live_password_feedback_also_serves_a_reset_at_its_password_step() {
    let f = fixture();
    let user = "lou@contoso.example";
    let r = f.backend.start_reset_now(user).unwrap();
    assert!(matches!(
        f.backend.check_password_now(&r.flow_id, "x").unwrap_err(),
        BackendError::Unexpected { .. }
    ));
    let input = crate::api::ResetInput::Code { method: MethodKind::AuthenticatorApp, code: f.app_code(user) };
    let r = f.backend.send_reset_now(&r.flow_id, r.seq, input).unwrap();
    assert!(!f.backend.check_password_now(&r.flow_id, "Contoso-Blank1").unwrap().accepted());
    let unknown = f.backend.start_reset_now("nobody@contoso.example").unwrap();
    assert!(f.backend.check_password_now(&unknown.flow_id, "x").is_err());
}

#[test]
fn a_password_alone_cannot_change_the_methods_of_an_account_that_has_one() {
    let f = fixture();
    let ada = session_of(&f.sign_in("ada@contoso.example"));
    let e = f.backend.begin_method_now(&ada, MethodKind::Sms, Some("+44 20 7946 0958")).unwrap_err();
    assert_eq!(e, BackendError::StepUpRequired);
    assert_eq!(
        f.backend.remove_method_now(&ada, MethodKind::AuthenticatorApp).unwrap_err(),
        BackendError::StepUpRequired
    );
    assert!(f.backend.account_now(&ada).is_ok(), "reading the account is fine");
}

#[test]
fn a_signed_in_person_adds_a_phone_proven_by_the_code_it_receives() {
    let f = fixture();
    let session = proven_session(&f);
    let e = f.backend.begin_method_now(&session, MethodKind::Sms, Some("12ab")).unwrap_err();
    assert_eq!(e, invalid(Field::Phone, Problem::NotAPhoneNumber));
    let view = f.backend.begin_method_now(&session, MethodKind::Sms, Some("+44 20 7946 0958")).unwrap();
    assert_eq!(view.phone_hint.as_deref(), Some("•••• 58"));
    let sms = f.backend.phone_messages().pop().unwrap();
    assert_eq!(sms.to, "+44 20 7946 0958");
    let wrong = if sms.code == "000000" { "111111" } else { "000000" };
    assert_eq!(
        f.backend.confirm_method_now(&session, wrong).unwrap_err(),
        invalid(Field::Code, Problem::Mismatch)
    );
    let account = f.backend.confirm_method_now(&session, &sms.code).unwrap();
    assert_eq!(account.methods, vec![MethodKind::AuthenticatorApp, MethodKind::Sms]);
    assert_eq!(
        f.backend.account_of("ravi@contoso.example").unwrap().phone.as_deref(),
        Some("+44 20 7946 0958")
    );
    assert!(f.backend.confirm_method_now("forged", "123456").is_err());
}

#[test]
fn a_client_cannot_name_a_familiar_source_to_dodge_detection() {
    let f = fixture();
    let user = "ravi@contoso.example";
    let familiar = f.backend.account_of(user).unwrap().history[0].source.clone();
    let mut req = request(user, password_of(user));
    req.source = Some(familiar);
    let r = f.backend.sign_in_now(req).unwrap();
    assert!(matches!(r.step, Step::Notice { .. }), "the mock's own source decides: {:?}", r.step);
}

#[test]
fn sessions_end_when_an_admin_resets_the_password_or_disables_the_account() {
    let f = fixture();
    let kim = session_of(&{
        let r = f.sign_in("kim@contoso.example");
        let r = f.send(&r, Input::Continue).unwrap();
        let r = f.send(&r, code(MethodKind::AuthenticatorApp, &f.app_code("kim@contoso.example"))).unwrap();
        let strong = "Lavender-Bicycle-Ocean-93";
        f.send(&r, Input::NewPassword { password: strong.into(), confirm: strong.into() }).unwrap()
    });
    assert!(f.backend.account_now(&kim).is_ok());
    let admin = admin_session(&f, "admin@contoso.example");
    f.backend.admin_act_now(&admin, "kim@contoso.example", AdminAction::TemporaryPassword).unwrap();
    assert_eq!(f.backend.account_now(&kim).unwrap_err(), BackendError::NotAuthorized);

    let ada = session_of(&f.sign_in("ada@contoso.example"));
    f.backend.admin_act_now(&admin, "ada@contoso.example", AdminAction::Disable).unwrap();
    assert_eq!(f.backend.account_now(&ada).unwrap_err(), BackendError::NotAuthorized);
}

#[test]
fn each_admin_action_is_kept_on_the_account_with_when_and_by_whom() {
    let f = fixture();
    let admin = admin_session(&f, "admin@contoso.example");
    f.backend.admin_act_now(&admin, "kim@contoso.example", AdminAction::Unblock).unwrap();
    f.clock.advance(60_000);
    let receipt = f.backend.admin_act_now(&admin, "kim@contoso.example", AdminAction::Disable).unwrap();
    let kim = receipt.view.users.iter().find(|u| u.username == "kim@contoso.example").unwrap();
    let done: Vec<_> = kim.admin_actions.iter().map(|r| (r.action, r.by.as_str(), r.at_ms)).collect();
    assert_eq!(
        done,
        [(AdminAction::Unblock, "Alex Admin", START), (AdminAction::Disable, "Alex Admin", START + 60_000)]
    );
    let ada = receipt.view.users.iter().find(|u| u.username == "ada@contoso.example").unwrap();
    assert!(ada.admin_actions.is_empty(), "only the account acted on");
    // Kept in the directory, and only the latest fifty.
    for _ in 0..60 {
        f.backend.admin_act_now(&admin, "kim@contoso.example", AdminAction::Enable).unwrap();
    }
    let log = f.backend.account_of("kim@contoso.example").unwrap().admin_log;
    assert_eq!(log.len(), 50);
    assert!(log.iter().all(|r| r.action == AdminAction::Enable), "the oldest went first");
}

mod lab {
    use super::*;
    use crate::directory::{place, source};
    use crate::engine::{DetectionKind, PolicyKind, RiskKind, SignInAction};

    fn from_malicious_network() -> crate::api::SignInSource {
        source(place("Rotterdam", "NL", 51.92, 4.48), "203.0.113.9", "Unknown Linux PC", "Browser")
    }

    #[test]
    fn the_trace_shows_detections_levels_steps_and_remediations() {
        let f = fixture();
        f.backend.script_next_sign_in("ada@contoso.example", from_malicious_network()).unwrap();
        let notice = f.sign_in("ada@contoso.example");
        let trace = f.backend.latest_trace().expect("a trace");
        assert_eq!(trace.source.ip, "203.0.113.9");
        assert!(trace.detections.iter().any(|d| d.kind == DetectionKind::MaliciousIp), "{trace:?}");
        assert!(trace.sign_in_risk >= RiskLevel::Medium);
        let Step::Notice { why, .. } = &trace.steps[0] else { panic!("{:?}", trace.steps) };
        assert_eq!(why.policy, PolicyKind::SignInRisk);

        let challenge = f.send(&notice, Input::Continue).unwrap();
        let code = f.app_code("ada@contoso.example");
        f.send(&challenge, Input::Code { method: MethodKind::AuthenticatorApp, code }).unwrap();
        let trace = f.backend.latest_trace().unwrap();
        assert_eq!(trace.steps.len(), 3, "notice, challenge, signed in: {:?}", trace.steps);
        assert!(trace.outcome.signed_in);
        assert!(trace.outcome.remediations.iter().any(|r| r.risk == RiskKind::SignIn));
    }

    #[test]
    fn a_policy_set_in_the_lab_decides_the_next_sign_in() {
        let f = fixture();
        let (tenant, mut policy) = f.backend.policy_for("ada@contoso.example").unwrap();
        assert_eq!(tenant, "contoso");
        policy.sign_in_risk.action = SignInAction::Block;
        f.backend.replace_policy(&tenant, policy).unwrap();
        f.backend.script_next_sign_in("ada@contoso.example", from_malicious_network()).unwrap();
        let r = f.sign_in("ada@contoso.example");
        assert!(matches!(r.step, Step::Blocked { reason: BlockReason::SignInRisk, .. }), "{:?}", r.step);
        assert!(f.backend.script_next_sign_in("nobody@contoso.example", from_malicious_network()).is_err());
    }
}

/// A code that is not the one for `secret` now.
fn wrong_totp(secret: &[u8]) -> String {
    let right = totp::code_at(secret, START / 1000);
    if right == "000000" { "111111" } else { "000000" }.to_string()
}

#[test]
fn wrong_codes_for_a_new_app_in_a_sign_in_end_it_blocked_at_the_limit() {
    let f = fixture();
    let user = "lena@contoso.example";
    let r = f.sign_in(user);
    let r = f.send(&r, Input::Continue).unwrap();
    let r =
        f.send(&r, Input::BeginRegistration { method: MethodKind::AuthenticatorApp, phone: None }).unwrap();
    let secret = totp::base32_decode(&r.enrollment.clone().unwrap().key).unwrap();
    let wrong = Input::ConfirmRegistration { code: wrong_totp(&secret) };
    for _ in 1..WRONG_CODES_PER_ENROLLMENT {
        assert_eq!(f.send(&r, wrong.clone()).unwrap_err(), invalid(Field::Code, Problem::Mismatch));
    }
    let r = f.send(&r, wrong).unwrap();
    assert!(matches!(r.step, Step::Blocked { reason: BlockReason::TooManyFailedCodes, .. }), "{:?}", r.step);
    let right = Input::ConfirmRegistration { code: totp::code_at(&secret, START / 1000) };
    assert!(f.send(&r, right).is_err(), "the ended flow takes no code");
    assert!(f.backend.account_of(user).unwrap().state.methods.is_empty(), "nothing was registered");
    let lockout = f.backend.account_of(user).unwrap().lockout;
    assert_eq!(
        lockout.wrong_second_factors, WRONG_CODES_PER_ENROLLMENT as u64,
        "each counts as a wrong second factor"
    );
}

#[test]
fn a_right_code_for_a_new_app_still_works_after_a_few_wrong_ones() {
    let f = fixture();
    let r = f.sign_in("lena@contoso.example");
    let r = f.send(&r, Input::Continue).unwrap();
    let r =
        f.send(&r, Input::BeginRegistration { method: MethodKind::AuthenticatorApp, phone: None }).unwrap();
    let secret = totp::base32_decode(&r.enrollment.clone().unwrap().key).unwrap();
    for _ in 1..WRONG_CODES_PER_ENROLLMENT {
        let wrong = Input::ConfirmRegistration { code: wrong_totp(&secret) };
        assert!(f.send(&r, wrong).is_err());
    }
    let r = f.send(&r, Input::ConfirmRegistration { code: totp::code_at(&secret, START / 1000) }).unwrap();
    assert!(matches!(r.step, Step::SignedIn { .. }), "{:?}", r.step);
}

#[test]
fn wrong_codes_for_a_phone_added_from_the_account_drop_it_at_the_limit() {
    let f = fixture();
    let session = proven_session(&f);
    f.backend.begin_method_now(&session, MethodKind::Sms, Some("+44 20 7946 0958")).unwrap();
    let sms = f.backend.phone_messages().pop().unwrap();
    let wrong = if sms.code == "000000" { "111111" } else { "000000" };
    for _ in 1..WRONG_CODES_PER_ENROLLMENT {
        assert_eq!(
            f.backend.confirm_method_now(&session, wrong).unwrap_err(),
            invalid(Field::Code, Problem::Mismatch)
        );
    }
    assert_eq!(
        f.backend.confirm_method_now(&session, wrong).unwrap_err(),
        invalid(Field::Code, Problem::TooManyAttempts)
    );
    assert_eq!(
        f.backend.confirm_method_now(&session, &sms.code).unwrap_err(),
        invalid(Field::Code, Problem::NoCodeSent),
        "the right code no longer adds the dropped phone"
    );
    assert!(f.backend.account_of("ravi@contoso.example").unwrap().phone.is_none());
    // Five wrong in a row also locked the account's codes for a minute.
    f.clock.advance(limits::SECOND_FACTOR_BASE_MS);
    f.backend.begin_method_now(&session, MethodKind::Sms, Some("+44 20 7946 0958")).unwrap();
    let again = f.backend.phone_messages().pop().unwrap();
    let account = f.backend.confirm_method_now(&session, &again.code).unwrap();
    assert!(account.methods.contains(&MethodKind::Sms), "starting again works");
}

#[test]
fn the_current_step_can_be_read_again_without_the_session() {
    let f = fixture();
    let user = "ravi@contoso.example";
    let notice = f.sign_in(user);
    assert_eq!(f.backend.current_now(&notice.flow_id).unwrap(), Reply { time_ms: START, ..notice.clone() });
    let mfa = f.send(&notice, Input::Continue).unwrap();
    let code = code(
        MethodKind::AuthenticatorApp,
        &totp::code_at(&f.backend.authenticator_secret(user).unwrap(), START / 1000),
    );
    let done = f.send(&mfa, code).unwrap();
    assert!(done.session.is_some());
    let again = f.backend.current_now(&done.flow_id).unwrap();
    assert!(matches!(again.step, Step::SignedIn { .. }));
    assert_eq!((again.seq, again.session), (done.seq, None), "read again, the session is not handed out");
    assert_eq!(f.backend.current_now("no-such-flow").unwrap_err(), BackendError::UnknownFlow);
}

fn logged(f: &Fixture, username: &str) -> SignInRecord {
    f.backend.sign_in_log().into_iter().rev().find(|r| r.username == username).expect(username)
}

#[test]
fn a_risky_sign_in_passed_with_mfa_is_logged_as_remediated_by_it() {
    let f = fixture();
    let notice = f.sign_in("ravi@contoso.example");
    let mfa = f.send(&notice, Input::Continue).unwrap();
    let done = f.send(&mfa, code(MethodKind::AuthenticatorApp, &f.app_code("ravi@contoso.example"))).unwrap();
    assert!(done.session.is_some());
    let r = logged(&f, "ravi@contoso.example");
    assert_eq!((r.level, r.user_level), (RiskLevel::Medium, RiskLevel::None));
    assert_eq!(r.risk_state, Some(RiskState::Remediated));
    assert_eq!(r.risk_detail, Some(RiskDetail::UserPassedMfaDrivenByRiskPolicy));
    // A clean sign-in met no risk: no state at all.
    f.sign_in("ada@contoso.example");
    assert_eq!(logged(&f, "ada@contoso.example").risk_state, None);
}

#[test]
fn a_risky_user_who_changes_the_password_is_logged_as_remediated_by_it() {
    let f = fixture();
    let notice = f.sign_in("kim@contoso.example");
    let mfa = f.send(&notice, Input::Continue).unwrap();
    let change =
        f.send(&mfa, code(MethodKind::AuthenticatorApp, &f.app_code("kim@contoso.example"))).unwrap();
    let new = "Orbit-Lantern-Fjord-5821";
    let done = f.send(&change, Input::NewPassword { password: new.into(), confirm: new.into() }).unwrap();
    assert!(done.session.is_some(), "{:?}", done.step);
    let r = logged(&f, "kim@contoso.example");
    assert_eq!(r.user_level, RiskLevel::High);
    assert_eq!(r.risk_state, Some(RiskState::Remediated));
    assert_eq!(r.risk_detail, Some(RiskDetail::UserPerformedSecuredPasswordChange));
}

#[test]
fn a_blocked_sign_in_stays_at_risk_until_the_admin_dismisses_it() {
    let f = fixture();
    f.sign_in("jo@woodgrove.example");
    let blocked = logged(&f, "jo@woodgrove.example");
    assert_eq!(blocked.risk_state, Some(RiskState::AtRisk));
    assert_eq!(blocked.risk_detail, Some(RiskDetail::SignInBlocked));
    let admin = admin_session(&f, "admin@woodgrove.example");
    let receipt = f.backend.admin_act_now(&admin, "jo@woodgrove.example", AdminAction::DismissRisk).unwrap();
    let row = receipt.view.sign_ins.iter().find(|r| r.id == blocked.id).expect("in the admin's log");
    assert_eq!(row.risk_state, Some(RiskState::Dismissed));
    assert_eq!(row.risk_detail, Some(RiskDetail::AdminDismissedAllRisk));
    // The next sign-in met no risk; the dismissed one stays as it was judged.
    f.sign_in("jo@woodgrove.example");
    assert_eq!(logged(&f, "jo@woodgrove.example").risk_state, None);
    let again = f.backend.sign_in_log().into_iter().find(|r| r.id == blocked.id).unwrap();
    assert_eq!(again.risk_state, Some(RiskState::Dismissed));
}

#[test]
fn an_admin_confirming_one_sign_in_safe_settles_that_one_only() {
    let f = fixture();
    f.sign_in("sam@woodgrove.example");
    f.sign_in("sam@woodgrove.example");
    let log = f.backend.sign_in_log();
    let ids: Vec<u64> = log.iter().filter(|r| r.username == "sam@woodgrove.example").map(|r| r.id).collect();
    let admin = admin_session(&f, "admin@woodgrove.example");
    let action = AdminAction::ConfirmSignInSafe { sign_in: ids[0] };
    f.backend.admin_act_now(&admin, "sam@woodgrove.example", action).unwrap();
    let log = f.backend.sign_in_log();
    let state = |id: u64| log.iter().find(|r| r.id == id).unwrap().risk_state;
    assert_eq!(state(ids[0]), Some(RiskState::ConfirmedSafe));
    assert_eq!(state(ids[1]), Some(RiskState::AtRisk));
}
