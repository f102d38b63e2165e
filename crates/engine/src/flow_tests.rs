//! Branch-by-branch tests of the flow, named by behaviour.
use super::*;
use crate::policy::{Enforcement, SignInAction, SignInRiskPolicy, UserAction, UserRiskPolicy};
use crate::risk::DAY_MS;
use crate::risk::{RiskState, Timing};
use MethodKind::*;

const NOW: u64 = 1_000 * DAY_MS;

fn registered(id: &str) -> UserState {
    UserState { methods: vec![AuthenticatorApp], ..UserState::new(id) }
}

fn ctx(user: UserState) -> SignInContext {
    SignInContext {
        now_ms: NOW,
        user,
        sign_in_detections: vec![],
        user_detections: vec![],
        policy: TenantPolicy::default(),
        home_policy: None,
        signed_in_with: None,
        step_up: false,
    }
}

fn sign_in_risk(mut c: SignInContext, level: RiskLevel) -> SignInContext {
    c.sign_in_detections.push(Detection::new(
        DetectionKind::UnfamiliarProperties,
        level,
        Timing::RealTime,
        NOW,
    ));
    c
}

fn user_risk(mut c: SignInContext, level: RiskLevel) -> SignInContext {
    c.user_detections.push(Detection::new(
        DetectionKind::LeakedCredentials,
        level,
        Timing::Offline,
        NOW - DAY_MS,
    ));
    c
}

fn run(c: SignInContext, events: &[Event]) -> (Flow, Step) {
    let (mut flow, mut step) = Flow::start(c);
    for e in events {
        step = flow.advance(*e).unwrap_or_else(|r| panic!("{e:?} refused at {:?}", r.step));
    }
    (flow, step)
}

fn blocked_reason(step: &Step) -> Option<BlockReason> {
    match step {
        Step::Blocked { reason, .. } => Some(*reason),
        _ => None,
    }
}

#[test]
fn no_risk_and_registered_signs_in_at_once() {
    let (_, step) = Flow::start(ctx(registered("ada")));
    assert_eq!(step, Step::SignedIn { remediations: vec![] });
}

#[test]
fn sign_in_risk_below_the_threshold_signs_in() {
    let (_, step) = Flow::start(sign_in_risk(ctx(registered("ada")), RiskLevel::Low));
    assert!(matches!(step, Step::SignedIn { .. }));
}

#[test]
fn sign_in_risk_at_the_threshold_shows_a_notice_then_mfa() {
    let c = sign_in_risk(ctx(registered("ravi")), RiskLevel::Medium);
    let (mut flow, step) = Flow::start(c);
    let Step::Notice { kind, why } = step else { panic!("{step:?}") };
    assert_eq!(kind, NoticeKind::SignInRisk);
    assert_eq!(why.policy, PolicyKind::SignInRisk);
    assert_eq!(why.detections, vec![DetectionKind::UnfamiliarProperties]);
    let step = flow.advance(Event::Continue).unwrap();
    assert!(
        matches!(step, Step::MfaChallenge { ref methods, failures: 0, .. } if methods == &vec![AuthenticatorApp])
    );
}

#[test]
fn passing_mfa_remediates_sign_in_risk() {
    let c = sign_in_risk(ctx(registered("ravi")), RiskLevel::High);
    let (flow, step) = run(c, &[Event::Continue, Event::MfaPassed(AuthenticatorApp)]);
    let expected =
        Remediation { risk: RiskKind::SignIn, detail: RiskDetail::UserPassedMfaDrivenByRiskPolicy };
    assert_eq!(step, Step::SignedIn { remediations: vec![expected] });
    assert_eq!(flow.outcome().remediations, vec![expected]);
    assert!(flow.outcome().signed_in);
}

#[test]
fn a_wrong_code_keeps_the_challenge_and_counts_the_failure() {
    let c = sign_in_risk(ctx(registered("ravi")), RiskLevel::High);
    let (_, step) = run(c, &[Event::Continue, Event::MfaFailed]);
    assert!(matches!(step, Step::MfaChallenge { failures: 1, .. }));
}

#[test]
fn too_many_wrong_codes_block_the_sign_in() {
    let c = sign_in_risk(ctx(registered("ravi")), RiskLevel::High);
    let mut events = vec![Event::Continue];
    events.extend([Event::MfaFailed; MAX_MFA_FAILURES as usize]);
    let (flow, step) = run(c, &events);
    assert_eq!(blocked_reason(&step), Some(BlockReason::TooManyFailedCodes));
    assert!(!flow.outcome().signed_in);
}

#[test]
fn mfa_with_a_method_the_user_does_not_have_is_refused() {
    let c = sign_in_risk(ctx(registered("ravi")), RiskLevel::High);
    let (mut flow, _) = run(c, &[Event::Continue]);
    let refused = flow.advance(Event::MfaPassed(Sms)).unwrap_err();
    assert!(matches!(refused.step, Step::MfaChallenge { .. }));
    assert!(matches!(flow.step(), Step::MfaChallenge { .. }), "the flow has not moved");
}

#[test]
fn sign_in_risk_policy_set_to_block_blocks() {
    let mut c = sign_in_risk(ctx(registered("sam")), RiskLevel::High);
    c.policy.sign_in_risk.action = SignInAction::Block;
    let (_, step) = Flow::start(c);
    assert_eq!(blocked_reason(&step), Some(BlockReason::SignInRisk));
}

#[test]
fn blocked_is_terminal() {
    let mut c = sign_in_risk(ctx(registered("sam")), RiskLevel::High);
    c.policy.sign_in_risk.action = SignInAction::Block;
    let (mut flow, _) = Flow::start(c);
    for e in [
        Event::Continue,
        Event::MfaPassed(AuthenticatorApp),
        Event::Skip,
        Event::PasswordChanged,
        Event::Cancel,
    ] {
        assert!(flow.advance(e).is_err(), "{e:?} accepted after block");
    }
}

#[test]
fn disabled_accounts_are_blocked_before_anything_else() {
    let mut u = registered("dee");
    u.disabled = true;
    let (_, step) = Flow::start(user_risk(ctx(u), RiskLevel::High));
    assert_eq!(blocked_reason(&step), Some(BlockReason::Disabled));
}

#[test]
fn a_locked_account_is_blocked_until_the_lock_ends() {
    let mut u = registered("lou");
    u.locked_until_ms = Some(NOW + 60_000);
    let (_, step) = Flow::start(ctx(u.clone()));
    assert_eq!(blocked_reason(&step), Some(BlockReason::LockedOut { until_ms: NOW + 60_000 }));
    u.locked_until_ms = Some(NOW);
    assert!(matches!(Flow::start(ctx(u)).1, Step::SignedIn { .. }));
}

#[test]
fn user_risk_needs_notice_mfa_and_a_password_change() {
    let c = user_risk(ctx(registered("kim")), RiskLevel::High);
    let (mut flow, step) = Flow::start(c);
    assert!(matches!(step, Step::Notice { kind: NoticeKind::UserRisk, .. }));
    assert!(matches!(flow.advance(Event::Continue).unwrap(), Step::MfaChallenge { .. }));
    let step = flow.advance(Event::MfaPassed(AuthenticatorApp)).unwrap();
    assert_eq!(step, Step::ChangePassword { reason: PasswordReason::UserRisk, rejected: false });
    assert_eq!(
        flow.advance(Event::PasswordRejected).unwrap(),
        Step::ChangePassword { reason: PasswordReason::UserRisk, rejected: true }
    );
    let step = flow.advance(Event::PasswordChanged).unwrap();
    let expected =
        Remediation { risk: RiskKind::User, detail: RiskDetail::UserPerformedSecuredPasswordChange };
    assert_eq!(step, Step::SignedIn { remediations: vec![expected] });
}

#[test]
fn user_risk_policy_set_to_block_blocks() {
    let mut c = user_risk(ctx(registered("jo")), RiskLevel::High);
    c.policy.user_risk.action = UserAction::Block;
    assert_eq!(blocked_reason(&Flow::start(c).1), Some(BlockReason::UserRisk));
}

#[test]
fn user_risk_mfa_also_covers_sign_in_risk() {
    let c = sign_in_risk(user_risk(ctx(registered("kim")), RiskLevel::High), RiskLevel::High);
    let (_, step) = run(c, &[Event::Continue, Event::MfaPassed(AuthenticatorApp), Event::PasswordChanged]);
    let Step::SignedIn { remediations } = step else { panic!("{step:?}") };
    assert_eq!(remediations.len(), 2);
}

fn passwordless(methods: Vec<MethodKind>) -> SignInContext {
    let u = UserState { methods, has_password: false, ..UserState::new("pia") };
    let mut c = user_risk(ctx(u), RiskLevel::High);
    c.policy.user_risk.action = UserAction::RequireRiskRemediation;
    c
}

#[test]
fn passwordless_users_at_risk_reauthenticate_with_a_passkey_and_sessions_are_revoked() {
    let (mut flow, step) = run(passwordless(vec![AuthenticatorApp, Passkey]), &[Event::Continue]);
    let Step::MfaChallenge { methods, phishing_resistant, why, .. } = step else { panic!("{step:?}") };
    assert_eq!(methods, vec![Passkey], "only the passkey re-authenticates");
    assert!(phishing_resistant);
    assert_eq!(why.policy, PolicyKind::UserRisk);
    assert!(flow.advance(Event::MfaPassed(AuthenticatorApp)).is_err(), "an app code is not enough");
    let step = flow.advance(Event::MfaPassed(Passkey)).unwrap();
    let expected = Remediation { risk: RiskKind::User, detail: RiskDetail::UserReauthenticatedPasswordless };
    assert_eq!(step, Step::SignedIn { remediations: vec![expected] });
    assert!(flow.outcome().revoke_sessions);
    assert!(flow.outcome().verified);
}

#[test]
fn a_passkey_sign_in_is_the_re_authentication_of_a_passwordless_user() {
    let mut c = passwordless(vec![Passkey]);
    c.signed_in_with = Some(Passkey);
    let (flow, step) = run(c, &[Event::Continue]);
    assert!(matches!(step, Step::SignedIn { ref remediations } if remediations.len() == 1), "{step:?}");
    assert!(flow.outcome().revoke_sessions);
}

#[test]
fn passwordless_users_without_a_passkey_are_blocked_at_user_risk() {
    let (_, step) = Flow::start(passwordless(vec![AuthenticatorApp]));
    assert_eq!(blocked_reason(&step), Some(BlockReason::NoPhishingResistantMethod));
}

#[test]
fn a_claimed_passkey_sign_in_counts_only_for_a_passkey_the_user_has() {
    let mut c = sign_in_risk(ctx(registered("ravi")), RiskLevel::High);
    c.signed_in_with = Some(Passkey);
    assert!(matches!(Flow::start(c.clone()).1, Step::Notice { .. }), "no passkey registered");
    c.signed_in_with = Some(AuthenticatorApp);
    c.user.methods.push(Passkey);
    assert!(matches!(Flow::start(c).1, Step::Notice { .. }), "not a primary method");
}

#[test]
fn a_passkey_sign_in_satisfies_sign_in_risk_without_a_challenge() {
    let mut c =
        sign_in_risk(ctx(UserState { methods: vec![Passkey], ..UserState::new("ravi") }), RiskLevel::High);
    c.signed_in_with = Some(Passkey);
    let (_, step) = Flow::start(c);
    let expected =
        Remediation { risk: RiskKind::SignIn, detail: RiskDetail::UserPassedMfaDrivenByRiskPolicy };
    assert_eq!(step, Step::SignedIn { remediations: vec![expected] });
}

fn strong_tenant(methods: Vec<MethodKind>, level: RiskLevel) -> SignInContext {
    let mut c = sign_in_risk(ctx(UserState { methods, ..UserState::new("ravi") }), level);
    c.policy.phishing_resistant_for_high_risk = true;
    c
}

#[test]
fn high_risk_with_the_phishing_resistant_policy_offers_only_passkeys_and_says_why() {
    let (mut flow, step) =
        run(strong_tenant(vec![AuthenticatorApp, Sms, Passkey], RiskLevel::High), &[Event::Continue]);
    let Step::MfaChallenge { methods, phishing_resistant, why, .. } = step else { panic!("{step:?}") };
    assert_eq!(methods, vec![Passkey]);
    assert!(phishing_resistant);
    assert_eq!((why.policy, why.level), (PolicyKind::SignInRisk, RiskLevel::High));
    assert!(flow.advance(Event::MfaPassed(Sms)).is_err());
    assert!(matches!(flow.advance(Event::MfaPassed(Passkey)).unwrap(), Step::SignedIn { .. }));
}

#[test]
fn medium_risk_with_the_phishing_resistant_policy_takes_any_method() {
    let (_, step) =
        run(strong_tenant(vec![AuthenticatorApp, Passkey], RiskLevel::Medium), &[Event::Continue]);
    let Step::MfaChallenge { methods, phishing_resistant, .. } = step else { panic!("{step:?}") };
    assert_eq!(methods, vec![AuthenticatorApp, Passkey]);
    assert!(!phishing_resistant);
}

#[test]
fn high_risk_needing_a_passkey_blocks_a_user_without_one() {
    let (_, step) = Flow::start(strong_tenant(vec![AuthenticatorApp], RiskLevel::High));
    assert_eq!(blocked_reason(&step), Some(BlockReason::NoPhishingResistantMethod));
}

#[test]
fn a_passkey_answers_an_ordinary_challenge_too() {
    let c = sign_in_risk(
        ctx(UserState { methods: vec![AuthenticatorApp, Passkey], ..UserState::new("ravi") }),
        RiskLevel::Medium,
    );
    let (flow, step) = run(c, &[Event::Continue, Event::MfaPassed(Passkey)]);
    assert!(matches!(step, Step::SignedIn { ref remediations } if remediations.len() == 1));
    assert!(flow.outcome().verified);
}

#[test]
fn registration_offers_a_passkey() {
    let mut u = UserState::new("lena");
    u.grace_started_ms = Some(NOW - 14 * DAY_MS);
    let (mut flow, _) = run(ctx(u), &[Event::Continue]);
    let Step::Register { allowed, .. } = flow.step() else { panic!() };
    assert!(allowed.contains(&Passkey));
    assert!(matches!(flow.advance(Event::RegistrationCompleted(Passkey)).unwrap(), Step::SignedIn { .. }));
}

#[test]
fn passwordless_users_cannot_satisfy_a_password_change_policy() {
    let mut u = registered("pia");
    u.has_password = false;
    let c = user_risk(ctx(u), RiskLevel::High);
    assert_eq!(blocked_reason(&Flow::start(c).1), Some(BlockReason::UserRisk));
}

#[test]
fn unregistered_users_at_risk_are_blocked_by_default() {
    let c = sign_in_risk(ctx(UserState::new("eli")), RiskLevel::Medium);
    let (_, step) = Flow::start(c);
    assert_eq!(blocked_reason(&step), Some(BlockReason::UnregisteredAtRisk));
}

#[test]
fn with_block_unregistered_off_a_risky_user_may_register_but_not_a_phone() {
    let mut c = sign_in_risk(ctx(UserState::new("eli")), RiskLevel::Medium);
    c.policy.block_unregistered_at_risk = false;
    let (mut flow, _) = run(c, &[Event::Continue]);
    let Step::Register { allowed, attacker_risk, .. } = flow.step() else { panic!("{:?}", flow.step()) };
    assert!(attacker_risk);
    assert!(!allowed.iter().any(|m| m.is_phone()));
    assert!(flow.advance(Event::RegistrationCompleted(Sms)).is_err());
    let step = flow.advance(Event::RegistrationCompleted(AuthenticatorApp)).unwrap();
    assert_eq!(step, Step::SignedIn { remediations: vec![] }, "registering does not remediate risk");
}

#[test]
fn temporary_password_must_be_changed_before_signing_in() {
    let mut u = registered("pat");
    u.temporary_password = true;
    let (mut flow, step) = Flow::start(ctx(u));
    assert_eq!(step, Step::ChangePassword { reason: PasswordReason::TemporaryPassword, rejected: false });
    assert!(flow.advance(Event::Skip).is_err());
    assert_eq!(flow.advance(Event::PasswordChanged).unwrap(), Step::SignedIn { remediations: vec![] });
}

#[test]
fn a_voluntary_or_temporary_password_change_does_not_remediate() {
    let mut u = registered("pat");
    u.temporary_password = true;
    let c = user_risk(ctx(u), RiskLevel::Low);
    let (flow, _) = run(c, &[Event::PasswordChanged]);
    assert!(flow.outcome().remediations.is_empty());
}

#[test]
fn registration_interrupt_on_day_zero_can_be_skipped_and_starts_the_grace() {
    let (mut flow, step) = Flow::start(ctx(UserState::new("noor")));
    assert_eq!(step, Step::RegistrationInterrupt { days_left: 14, can_skip: true });
    assert_eq!(flow.advance(Event::Skip).unwrap(), Step::SignedIn { remediations: vec![] });
    assert_eq!(flow.outcome().grace_started_ms, Some(NOW));
}

#[test]
fn the_grace_is_counted_from_the_first_interrupt() {
    let mut u = UserState::new("tomas");
    u.grace_started_ms = Some(NOW - 13 * DAY_MS);
    let (flow, step) = Flow::start(ctx(u));
    assert_eq!(step, Step::RegistrationInterrupt { days_left: 1, can_skip: true });
    assert_eq!(flow.outcome().grace_started_ms, None, "an earlier start is kept");
}

#[test]
fn after_the_grace_registration_is_forced() {
    let mut u = UserState::new("lena");
    u.grace_started_ms = Some(NOW - 14 * DAY_MS);
    let (mut flow, step) = Flow::start(ctx(u));
    assert_eq!(step, Step::RegistrationInterrupt { days_left: 0, can_skip: false });
    assert!(flow.advance(Event::Skip).is_err());
    assert!(matches!(flow.advance(Event::Continue).unwrap(), Step::Register { attacker_risk: false, .. }));
    assert!(matches!(flow.advance(Event::RegistrationCompleted(Voice)).unwrap(), Step::SignedIn { .. }));
}

#[test]
fn too_many_wrong_codes_for_a_new_method_end_the_registration_blocked() {
    let mut u = UserState::new("lena");
    u.grace_started_ms = Some(NOW - 14 * DAY_MS);
    let (mut flow, _) = Flow::start(ctx(u));
    assert!(flow.advance(Event::TooManyWrongCodes).is_err(), "only while a method is being proven");
    flow.advance(Event::Continue).unwrap();
    let step = flow.advance(Event::TooManyWrongCodes).unwrap();
    assert_eq!(blocked_reason(&step), Some(BlockReason::TooManyFailedCodes));
    assert!(flow.advance(Event::RegistrationCompleted(Voice)).is_err());
    assert!(!flow.outcome().signed_in);
}

#[test]
fn excluded_users_are_not_interrupted() {
    let mut c = ctx(UserState::new("svc"));
    c.policy.registration.excluded.push("svc".into());
    assert!(matches!(Flow::start(c).1, Step::SignedIn { .. }));
}

#[test]
fn report_only_policies_record_but_do_not_enforce() {
    let mut c = sign_in_risk(user_risk(ctx(registered("ravi")), RiskLevel::High), RiskLevel::High);
    c.policy.sign_in_risk =
        SignInRiskPolicy { enforcement: Enforcement::ReportOnly, ..c.policy.sign_in_risk };
    c.policy.user_risk = UserRiskPolicy { enforcement: Enforcement::ReportOnly, ..c.policy.user_risk };
    let (flow, step) = Flow::start(c);
    assert!(matches!(step, Step::SignedIn { .. }));
    let policies: Vec<_> = flow.report_only().iter().map(|h| h.policy).collect();
    assert_eq!(policies, vec![PolicyKind::UserRisk, PolicyKind::SignInRisk]);
}

#[test]
fn guest_whose_home_tenant_allows_self_remediation_remediates() {
    let mut u = registered("tech");
    u.home_tenant = Some("fabrikam".into());
    let mut c = user_risk(ctx(u), RiskLevel::High);
    c.home_policy = Some(TenantPolicy::default());
    let (_, step) = run(c, &[Event::Continue, Event::MfaPassed(AuthenticatorApp), Event::PasswordChanged]);
    assert!(matches!(step, Step::SignedIn { .. }));
}

#[test]
fn guest_whose_home_tenant_has_no_self_remediation_must_ask_the_home_admin() {
    let mut u = registered("tech");
    u.home_tenant = Some("northwind".into());
    let mut home = TenantPolicy::default();
    home.user_risk.enforcement = Enforcement::Off;
    home.sign_in_risk.enforcement = Enforcement::ReportOnly;
    let mut c = user_risk(ctx(u), RiskLevel::High);
    c.home_policy = Some(home);
    let (_, step) = Flow::start(c.clone());
    assert_eq!(blocked_reason(&step), Some(BlockReason::HomeTenantMustRemediate));
    c.home_policy = None;
    assert_eq!(
        blocked_reason(&Flow::start(c).1),
        Some(BlockReason::HomeTenantMustRemediate),
        "unknown home fails closed"
    );
}

#[test]
fn a_backend_error_ends_the_flow_without_signing_in() {
    let c = sign_in_risk(ctx(registered("ravi")), RiskLevel::High);
    let (mut flow, _) = run(c, &[Event::Continue]);
    assert_eq!(flow.advance(Event::BackendError).unwrap(), Step::Failed);
    assert!(flow.advance(Event::MfaPassed(AuthenticatorApp)).is_err());
    assert!(!flow.outcome().signed_in);
}

#[test]
fn cancel_ends_the_flow_without_signing_in() {
    let (mut flow, _) = Flow::start(user_risk(ctx(registered("kim")), RiskLevel::High));
    assert_eq!(flow.advance(Event::Cancel).unwrap(), Step::Cancelled);
    assert!(flow.outcome().remediations.is_empty());
}

#[test]
fn dismissed_user_risk_does_not_interrupt() {
    let mut c = user_risk(ctx(registered("kim")), RiskLevel::High);
    c.user_detections[0].state = RiskState::Dismissed;
    assert!(matches!(Flow::start(c).1, Step::SignedIn { .. }));
}

#[test]
fn a_block_wins_over_every_other_requirement() {
    let mut u = registered("kim");
    u.temporary_password = true;
    let mut c = sign_in_risk(user_risk(ctx(u), RiskLevel::High), RiskLevel::High);
    c.policy.sign_in_risk.action = SignInAction::Block;
    assert_eq!(blocked_reason(&Flow::start(c).1), Some(BlockReason::SignInRisk));
}

#[test]
fn a_block_reasons_name_is_its_json_tag() {
    use BlockReason::*;
    let all = [
        Disabled,
        LockedOut { until_ms: 1 },
        SignInRisk,
        UserRisk,
        UnregisteredAtRisk,
        HomeTenantMustRemediate,
        TooManyFailedCodes,
        NoPhishingResistantMethod,
    ];
    for reason in all {
        let json = serde_json::to_value(reason).unwrap();
        let tag = json.as_str().map(String::from).or_else(|| json.as_object()?.keys().next().cloned());
        assert_eq!(Some(reason.name().to_string()), tag);
    }
}

fn guest(home: TenantPolicy) -> SignInContext {
    let mut u = registered("tech");
    u.home_tenant = Some("home".into());
    let mut c = ctx(u);
    c.home_policy = Some(home);
    c
}

#[test]
fn a_guest_cannot_clear_user_risk_here_when_the_home_tenant_blocks_it_but_allows_sign_in_mfa() {
    let mut home = TenantPolicy::default();
    home.user_risk.action = UserAction::Block;
    let c = user_risk(guest(home), RiskLevel::High);
    let (_, step) = Flow::start(c);
    let Step::Blocked { reason, why } = step else { panic!("{step:?}") };
    assert_eq!(reason, BlockReason::HomeTenantMustRemediate);
    assert_eq!((why.policy, why.level), (PolicyKind::HomeTenant, RiskLevel::High));
}

#[test]
fn a_guest_cannot_clear_sign_in_risk_here_when_the_home_tenant_remediates_only_user_risk() {
    let mut home = TenantPolicy::default();
    home.sign_in_risk.enforcement = Enforcement::Off;
    let c = sign_in_risk(guest(home.clone()), RiskLevel::High);
    assert_eq!(blocked_reason(&Flow::start(c).1), Some(BlockReason::HomeTenantMustRemediate));
    let c = user_risk(guest(home), RiskLevel::High);
    assert!(
        matches!(Flow::start(c).1, Step::Notice { kind: NoticeKind::UserRisk, .. }),
        "user risk still can"
    );
}

#[test]
fn a_guest_whose_home_tenant_remediates_only_sign_in_risk_passes_sign_in_mfa_here() {
    let mut home = TenantPolicy::default();
    home.user_risk.enforcement = Enforcement::ReportOnly;
    let c = sign_in_risk(guest(home), RiskLevel::High);
    let (_, step) = run(c, &[Event::Continue, Event::MfaPassed(AuthenticatorApp)]);
    assert!(matches!(step, Step::SignedIn { .. }), "{step:?}");
}

#[test]
fn an_attacker_with_the_password_of_an_unregistered_user_at_risk_below_the_policy_is_blocked() {
    // Medium leaked credentials: the user-risk policy (high) does not fire.
    let (_, step) = Flow::start(user_risk(ctx(UserState::new("eli")), RiskLevel::Medium));
    let Step::Blocked { reason, why } = step else { panic!("{step:?}") };
    assert_eq!(reason, BlockReason::UnregisteredAtRisk);
    assert_eq!(why.policy, PolicyKind::BlockUnregisteredAtRisk);
    assert_eq!(why.level, RiskLevel::Medium);
    assert_eq!(why.detections, vec![DetectionKind::LeakedCredentials]);
}

#[test]
fn an_attacker_signing_in_at_low_risk_to_an_unregistered_account_is_blocked() {
    let (_, step) = Flow::start(sign_in_risk(ctx(UserState::new("eli")), RiskLevel::Low));
    let Step::Blocked { reason, why } = step else { panic!("{step:?}") };
    assert_eq!(reason, BlockReason::UnregisteredAtRisk);
    assert_eq!((why.policy, why.level), (PolicyKind::BlockUnregisteredAtRisk, RiskLevel::Low));
    assert_eq!(why.detections, vec![DetectionKind::UnfamiliarProperties]);
}

#[test]
fn block_unregistered_at_risk_holds_when_the_risk_policies_are_report_only_or_off() {
    let mut c = user_risk(ctx(UserState::new("eli")), RiskLevel::High);
    c.policy.user_risk.enforcement = Enforcement::ReportOnly;
    c.policy.sign_in_risk.enforcement = Enforcement::Off;
    let (flow, step) = Flow::start(c);
    assert_eq!(blocked_reason(&step), Some(BlockReason::UnregisteredAtRisk));
    assert_eq!(flow.report_only()[0].policy, PolicyKind::UserRisk, "the report-only hit is still recorded");
}

#[test]
fn an_attacker_cannot_add_a_phone_to_an_unregistered_account_at_risk_below_the_policy() {
    let mut c = user_risk(ctx(UserState::new("eli")), RiskLevel::Medium);
    c.policy.block_unregistered_at_risk = false;
    let (mut flow, step) = run(c, &[Event::Continue]);
    let Step::Register { allowed, attacker_risk, why } = step else { panic!("{step:?}") };
    assert!(attacker_risk);
    assert!(!allowed.iter().any(|m| m.is_phone()), "{allowed:?}");
    assert_eq!(why.map(|w| w.level), Some(RiskLevel::Medium));
    assert!(flow.advance(Event::RegistrationCompleted(Sms)).is_err());
    assert!(matches!(
        flow.advance(Event::RegistrationCompleted(AuthenticatorApp)).unwrap(),
        Step::SignedIn { .. }
    ));
}

#[test]
fn an_attacker_who_registers_an_app_during_a_risky_sign_in_gets_no_proven_session() {
    let mut c = sign_in_risk(ctx(UserState::new("eli")), RiskLevel::Medium);
    c.policy.block_unregistered_at_risk = false;
    let (flow, step) = run(c, &[Event::Continue, Event::RegistrationCompleted(AuthenticatorApp)]);
    assert!(matches!(step, Step::SignedIn { .. }), "{step:?}");
    let outcome = flow.outcome();
    assert!(outcome.signed_in);
    assert!(!outcome.verified, "a method added in this sign-in proves nothing");
    assert_eq!(outcome.registered, Some(AuthenticatorApp));
}

#[test]
fn registering_at_the_registration_interrupt_does_not_prove_the_session() {
    let (flow, step) =
        run(ctx(UserState::new("noor")), &[Event::Continue, Event::RegistrationCompleted(AuthenticatorApp)]);
    assert!(matches!(step, Step::SignedIn { .. }), "{step:?}");
    assert!(!flow.outcome().verified);
}

#[test]
fn a_passkey_sign_in_or_a_passed_challenge_proves_the_session() {
    let mut c = ctx(UserState { methods: vec![Passkey], ..UserState::new("ravi") });
    c.signed_in_with = Some(Passkey);
    assert!(Flow::start(c).0.outcome().verified);
    let (flow, _) = run(
        sign_in_risk(ctx(registered("ravi")), RiskLevel::High),
        &[Event::Continue, Event::MfaPassed(AuthenticatorApp)],
    );
    assert!(flow.outcome().verified);
    assert!(!Flow::start(ctx(registered("ada"))).0.outcome().verified, "a password alone proves nothing");
}

fn step_up(mut c: SignInContext) -> SignInContext {
    c.step_up = true;
    c
}

#[test]
fn a_password_only_session_must_pass_a_registered_method_to_step_up() {
    let (mut flow, step) = Flow::start(step_up(ctx(registered("admin"))));
    let Step::MfaChallenge { methods, why, phishing_resistant, failures: 0 } = step else {
        panic!("{step:?}")
    };
    assert_eq!(methods, vec![AuthenticatorApp]);
    assert_eq!(why, Why { policy: PolicyKind::StepUp, level: RiskLevel::None, detections: vec![] });
    assert!(!phishing_resistant);
    assert!(flow.advance(Event::MfaPassed(Sms)).is_err(), "a method the account lacks");
    assert_eq!(
        flow.advance(Event::MfaPassed(AuthenticatorApp)).unwrap(),
        Step::SignedIn { remediations: vec![] }
    );
    let outcome = flow.outcome();
    assert!(outcome.signed_in && outcome.verified && !outcome.revoke_sessions);
}

#[test]
fn a_step_up_cannot_be_passed_by_registering_skipping_or_continuing() {
    let (mut flow, _) = Flow::start(step_up(ctx(registered("admin"))));
    for e in [Event::RegistrationCompleted(Passkey), Event::Skip, Event::Continue, Event::PasswordChanged] {
        assert!(flow.advance(e).is_err(), "{e:?} accepted at a step-up");
    }
    assert!(matches!(flow.step(), Step::MfaChallenge { .. }), "{:?}", flow.step());
    assert!(!flow.outcome().signed_in);
}

#[test]
fn a_step_up_does_not_take_the_passkey_the_session_signed_in_with() {
    let mut c = step_up(ctx(UserState { methods: vec![Passkey], ..UserState::new("admin") }));
    c.signed_in_with = Some(Passkey);
    let (mut flow, step) = Flow::start(c);
    assert!(matches!(step, Step::MfaChallenge { .. }), "{step:?}");
    assert!(!flow.outcome().verified);
    assert!(matches!(flow.advance(Event::MfaPassed(Passkey)).unwrap(), Step::SignedIn { .. }));
}

#[test]
fn a_step_up_asks_for_nothing_but_proof_and_closes_no_risk() {
    let mut u = registered("kim");
    u.temporary_password = true;
    let c = step_up(sign_in_risk(user_risk(ctx(u), RiskLevel::High), RiskLevel::High));
    let (flow, step) = run(c, &[Event::MfaPassed(AuthenticatorApp)]);
    assert_eq!(step, Step::SignedIn { remediations: vec![] });
    assert!(flow.outcome().remediations.is_empty());
    assert!(flow.report_only().is_empty());
}

#[test]
fn a_step_up_of_a_disabled_locked_or_methodless_account_is_blocked() {
    let mut u = registered("dee");
    u.disabled = true;
    assert_eq!(blocked_reason(&Flow::start(step_up(ctx(u))).1), Some(BlockReason::Disabled));
    let mut u = registered("lou");
    u.locked_until_ms = Some(NOW + 1);
    assert_eq!(
        blocked_reason(&Flow::start(step_up(ctx(u))).1),
        Some(BlockReason::LockedOut { until_ms: NOW + 1 })
    );
    let (_, step) = Flow::start(step_up(ctx(UserState::new("noor"))));
    let Step::Blocked { reason, why } = step else { panic!("{step:?}") };
    assert_eq!((reason, why.policy), (BlockReason::UnregisteredAtRisk, PolicyKind::StepUp));
}

#[test]
fn too_many_wrong_codes_end_a_step_up() {
    let (mut flow, _) = Flow::start(step_up(ctx(registered("admin"))));
    for _ in 0..MAX_MFA_FAILURES {
        flow.advance(Event::MfaFailed).unwrap();
    }
    assert_eq!(blocked_reason(&flow.step()), Some(BlockReason::TooManyFailedCodes));
    assert!(!flow.outcome().signed_in);
}
