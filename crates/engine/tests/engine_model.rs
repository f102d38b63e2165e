//! Exhaustive model check of the decision engine.
//!
//! Enumerates tenant policies x user states x sign-in risk, starts a flow for each,
//! then explores every event sequence up to depth 6 and checks the safety rules on
//! every step reached. The rules are computed here from the context, independently
//! of the engine's own code.
//!
//! Policies include the phishing-resistant knob (high sign-in risk answered only by a
//! passkey) for every enforced MFA sign-in policy. Three products keep it under a minute
//! while every dimension is enumerated in full in at least one of them, crossed with
//! every policy and sign-in risk:
//! - risk: methods (none, app, phone, passkey, app and passkey) x password/passwordless
//!   x user risk (level x state) x guest (member; a home that lets its people fix user
//!   risk, sign-in risk, both or neither; an unknown home) x temporary password x (with a
//!   passkey) signed in with it or with a password; account active, no grace yet.
//! - status and grace: methods x status (active, disabled, locked) x grace (never
//!   started, day 0..15) x temporary password x user risk (none, high).
//! - step-up: methods x status x user risk (none, high) x temporary password x (with a
//!   passkey) signed in with it or not.
//!
//! Flows that start identically with the same facts are explored once. The reset path
//! has its own check, at the end.
#![cfg(not(target_arch = "wasm32"))]

use riskgate_engine::flow::MAX_MFA_FAILURES;
use riskgate_engine::policy::{RegistrationPolicy, SignInRiskPolicy, UserRiskPolicy};
use riskgate_engine::risk::DAY_MS;
use riskgate_engine::*;
use std::collections::HashMap;

const NOW: u64 = 10_000 * DAY_MS;
const DEPTH: usize = 6;
const LEVELS: [RiskLevel; 3] = [RiskLevel::Low, RiskLevel::Medium, RiskLevel::High];
const STATES: [RiskState; 5] = [
    RiskState::AtRisk,
    RiskState::Remediated,
    RiskState::Dismissed,
    RiskState::ConfirmedCompromised,
    RiskState::ConfirmedSafe,
];
// Registering an app and a passkey are one event to the engine (registration never
// happens where a phishing-resistant method is required), so only the passkey is sent.
const EVENTS: [Event; 12] = [
    Event::Continue,
    Event::MfaPassed(MethodKind::AuthenticatorApp),
    Event::MfaPassed(MethodKind::Sms),
    Event::MfaPassed(MethodKind::Passkey),
    Event::MfaFailed,
    Event::RegistrationCompleted(MethodKind::Sms),
    Event::RegistrationCompleted(MethodKind::Passkey),
    Event::Skip,
    Event::PasswordChanged,
    Event::PasswordRejected,
    Event::BackendError,
    Event::Cancel,
];

fn sign_in_policies() -> Vec<SignInRiskPolicy> {
    let off = SignInRiskPolicy {
        enforcement: Enforcement::Off,
        min_level: RiskLevel::Low,
        action: SignInAction::RequireMfa,
    };
    let mut all = vec![off];
    for enforcement in [Enforcement::ReportOnly, Enforcement::On] {
        for min_level in LEVELS {
            for action in [SignInAction::RequireMfa, SignInAction::Block] {
                all.push(SignInRiskPolicy { enforcement, min_level, action });
            }
        }
    }
    all
}

fn user_policies() -> Vec<UserRiskPolicy> {
    let off = UserRiskPolicy {
        enforcement: Enforcement::Off,
        min_level: RiskLevel::High,
        action: UserAction::RequireMfaAndPasswordChange,
    };
    let mut all = vec![off];
    for enforcement in [Enforcement::ReportOnly, Enforcement::On] {
        for min_level in LEVELS {
            for action in [
                UserAction::RequireMfaAndPasswordChange,
                UserAction::RequireRiskRemediation,
                UserAction::Block,
            ] {
                all.push(UserRiskPolicy { enforcement, min_level, action });
            }
        }
    }
    all
}

/// Each sign-in policy, and those that could ask for a phishing-resistant method
/// (enforced, asking for MFA) once more with that knob on.
fn sign_in_variants() -> Vec<(SignInRiskPolicy, bool)> {
    let mut all = vec![];
    for p in sign_in_policies() {
        all.push((p, false));
        if p.enforcement == Enforcement::On && p.action == SignInAction::RequireMfa {
            all.push((p, true));
        }
    }
    all
}

fn policies() -> Vec<TenantPolicy> {
    let mut all = vec![];
    for (sign_in_risk, phishing_resistant_for_high_risk) in sign_in_variants() {
        for user_risk in user_policies() {
            for block_unregistered_at_risk in [true, false] {
                for enforcement in [Enforcement::Off, Enforcement::ReportOnly, Enforcement::On] {
                    all.push(TenantPolicy {
                        registration: RegistrationPolicy { enforcement, included: vec![], excluded: vec![] },
                        sign_in_risk,
                        user_risk,
                        block_unregistered_at_risk,
                        admin_password_reset_remediates: true,
                        reset: Default::default(),
                        phishing_resistant_for_high_risk,
                    });
                }
            }
        }
    }
    all
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Guest {
    Member,
    /// Whether the home tenant lets its people fix user risk, and sign-in risk, themselves.
    Home {
        user: bool,
        sign_in: bool,
    },
    /// A guest whose home tenant's policy is not known: it allows nothing.
    HomeUnknown,
}

const GUESTS: [Guest; 6] = [
    Guest::Member,
    Guest::Home { user: true, sign_in: true },
    Guest::Home { user: true, sign_in: false },
    Guest::Home { user: false, sign_in: true },
    Guest::Home { user: false, sign_in: false },
    Guest::HomeUnknown,
];

impl Guest {
    fn fixes_user_risk_here(self) -> bool {
        matches!(self, Guest::Member | Guest::Home { user: true, .. })
    }

    fn fixes_sign_in_risk_here(self) -> bool {
        matches!(self, Guest::Member | Guest::Home { sign_in: true, .. })
    }
}

/// One user state of the enumeration.
#[derive(Clone, Copy, Debug)]
struct User {
    methods: &'static [MethodKind],
    has_password: bool,
    user_risk: Option<(RiskLevel, RiskState)>,
    guest: Guest,
    temporary: bool,
    disabled: bool,
    locked: bool,
    grace_day: Option<u64>,
    /// The sign-in itself was made with the user's passkey.
    primary_passkey: bool,
    /// A signed-in person proving themselves again.
    step_up: bool,
}

const METHODS: [&[MethodKind]; 5] = [
    &[],
    &[MethodKind::AuthenticatorApp],
    &[MethodKind::Sms],
    &[MethodKind::Passkey],
    &[MethodKind::AuthenticatorApp, MethodKind::Passkey],
];

/// With a passkey, the sign-in may have been made with it, or with a password.
fn primaries(methods: &[MethodKind]) -> Vec<bool> {
    if methods.contains(&MethodKind::Passkey) {
        vec![false, true]
    } else {
        vec![false]
    }
}

fn user_risks() -> Vec<Option<(RiskLevel, RiskState)>> {
    let mut all = vec![None];
    for level in LEVELS {
        for state in STATES {
            all.push(Some((level, state)));
        }
    }
    all
}

/// Product 1: everything about risk, for an active account.
fn risk_users() -> Vec<User> {
    let mut all = vec![];
    for methods in METHODS {
        for has_password in [true, false] {
            for user_risk in user_risks() {
                for guest in GUESTS {
                    for temporary in [false, true] {
                        for primary_passkey in primaries(methods) {
                            all.push(User {
                                methods,
                                has_password,
                                user_risk,
                                guest,
                                temporary,
                                disabled: false,
                                locked: false,
                                grace_day: None,
                                primary_passkey,
                                step_up: false,
                            });
                        }
                    }
                }
            }
        }
    }
    all
}

/// Product 2: account status and the registration grace.
fn status_users() -> Vec<User> {
    let mut all = vec![];
    let graces = std::iter::once(None).chain((0..=15).map(Some));
    // Passkeys change nothing about status or grace: the risk product covers them.
    for methods in METHODS.into_iter().take(3) {
        for (disabled, locked) in [(false, false), (true, false), (false, true)] {
            for grace_day in graces.clone() {
                for temporary in [false, true] {
                    for user_risk in [None, Some((RiskLevel::High, RiskState::AtRisk))] {
                        all.push(User {
                            methods,
                            has_password: true,
                            user_risk,
                            guest: Guest::Member,
                            temporary,
                            disabled,
                            locked,
                            grace_day,
                            primary_passkey: false,
                            step_up: false,
                        });
                    }
                }
            }
        }
    }
    all
}

/// Product 3: a step-up, for every status, risk and method.
fn step_up_users() -> Vec<User> {
    let mut all = vec![];
    for methods in METHODS {
        for (disabled, locked) in [(false, false), (true, false), (false, true)] {
            for user_risk in [None, Some((RiskLevel::High, RiskState::AtRisk))] {
                for temporary in [false, true] {
                    for primary_passkey in primaries(methods) {
                        all.push(User {
                            methods,
                            has_password: true,
                            user_risk,
                            guest: Guest::Member,
                            temporary,
                            disabled,
                            locked,
                            grace_day: None,
                            primary_passkey,
                            step_up: true,
                        });
                    }
                }
            }
        }
    }
    all
}

/// A home tenant's policy: one that blocks user risk, or has its sign-in policy off,
/// lets no one fix that risk themselves.
fn home_policy(user: bool, sign_in: bool) -> TenantPolicy {
    let mut p = TenantPolicy::default();
    if !user {
        p.user_risk.action = UserAction::Block;
    }
    if !sign_in {
        p.sign_in_risk.enforcement = Enforcement::Off;
    }
    p
}

fn context(policy: &TenantPolicy, u: User, sign_in: RiskLevel) -> SignInContext {
    let mut user = UserState::new("model");
    user.methods = u.methods.to_vec();
    user.has_password = u.has_password;
    user.temporary_password = u.temporary;
    user.disabled = u.disabled;
    user.locked_until_ms = u.locked.then_some(NOW + 60_000);
    user.grace_started_ms = u.grace_day.map(|d| NOW - d * DAY_MS);
    user.home_tenant = (u.guest != Guest::Member).then(|| "home".into());
    let mut user_detections = vec![];
    if let Some((level, state)) = u.user_risk {
        let mut d = Detection::new(DetectionKind::LeakedCredentials, level, Timing::Offline, NOW - DAY_MS);
        d.state = state;
        user_detections.push(d);
    }
    let mut sign_in_detections = vec![];
    if sign_in != RiskLevel::None {
        sign_in_detections.push(Detection::new(
            DetectionKind::UnfamiliarProperties,
            sign_in,
            Timing::RealTime,
            NOW,
        ));
    }
    SignInContext {
        now_ms: NOW,
        user,
        sign_in_detections,
        user_detections,
        policy: policy.clone(),
        home_policy: match u.guest {
            Guest::Home { user, sign_in } => Some(home_policy(user, sign_in)),
            Guest::Member | Guest::HomeUnknown => None,
        },
        signed_in_with: u.primary_passkey.then_some(MethodKind::Passkey),
        step_up: u.step_up,
    }
}

/// What the rules say about a context, worked out from the context alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Facts {
    sign_in_enforced: bool,
    user_enforced: bool,
    user_blocks: bool,
    passwordless_reauth: bool,
    unregistered: bool,
    block_unregistered: bool,
    /// Any open user risk or sign-in risk, whether or not a policy acts on it.
    any_risk: bool,
    temporary: bool,
    status_blocked: bool,
    grace_over: bool,
    home_refuses: bool,
    /// Only a phishing-resistant method may answer: high risk under that knob, or a
    /// passwordless user re-authenticating.
    strong_required: bool,
    has_passkey: bool,
    primary_passkey: bool,
    methods: &'static [MethodKind],
    step_up: bool,
}

fn at_or_above(level: RiskLevel, min: RiskLevel) -> bool {
    level != RiskLevel::None && level >= min
}

fn facts(policy: &TenantPolicy, u: User, sign_in: RiskLevel) -> Facts {
    let user_level = match u.user_risk {
        Some((_, RiskState::ConfirmedCompromised)) => RiskLevel::High,
        Some((level, RiskState::AtRisk)) => level,
        _ => RiskLevel::None,
    };
    let sp = policy.sign_in_risk;
    let up = policy.user_risk;
    let sign_in_enforced = sp.enforcement == Enforcement::On && at_or_above(sign_in, sp.min_level);
    let user_enforced = up.enforcement == Enforcement::On && at_or_above(user_level, up.min_level);
    Facts {
        sign_in_enforced,
        user_enforced,
        user_blocks: user_enforced && up.action == UserAction::Block,
        passwordless_reauth: !u.has_password && up.action == UserAction::RequireRiskRemediation,
        unregistered: u.methods.is_empty(),
        block_unregistered: policy.block_unregistered_at_risk,
        any_risk: user_level != RiskLevel::None || sign_in != RiskLevel::None,
        temporary: u.temporary,
        status_blocked: u.disabled || u.locked,
        grace_over: policy.registration.enforcement == Enforcement::On
            && u.methods.is_empty()
            && u.grace_day.is_some_and(|d| d >= 14),
        home_refuses: (user_enforced && !u.guest.fixes_user_risk_here())
            || (sign_in_enforced && !u.guest.fixes_sign_in_risk_here()),
        strong_required: (sign_in_enforced
            && sp.action == SignInAction::RequireMfa
            && policy.phishing_resistant_for_high_risk
            && sign_in == RiskLevel::High)
            || (user_enforced && !u.has_password && up.action == UserAction::RequireRiskRemediation),
        has_passkey: u.methods.contains(&MethodKind::Passkey),
        primary_passkey: u.primary_passkey,
        methods: u.methods,
        step_up: u.step_up,
    }
}

/// What happened on the path so far.
#[derive(Clone, Copy, Default)]
struct Path {
    mfa: bool,
    /// MFA passed with a phishing-resistant method.
    strong: bool,
    registered: bool,
    password_changed: bool,
    backend_error: bool,
}

struct Explorer {
    nodes: u64,
}

impl Explorer {
    /// Checks the flow's current step and, once signed in, its outcome.
    fn check(&self, f: &Facts, path: &Path, flow: &Flow) -> Step {
        let step = flow.step();
        if f.step_up {
            self.check_step_up(f, path, flow, &step);
        } else {
            self.check_step(f, path, &step);
        }
        if let Step::SignedIn { .. } = step {
            // Registering a method in the sign-in lets the person in but proves nothing.
            let proven = path.mfa || (f.primary_passkey && !f.step_up);
            assert_eq!(flow.outcome().verified, proven, "the session's proof is wrong: {f:?}");
        }
        step
    }

    /// A step-up asks for nothing but the account status and a method it already has.
    fn check_step_up(&self, f: &Facts, path: &Path, flow: &Flow, step: &Step) {
        match step {
            Step::MfaChallenge { methods, phishing_resistant, why, .. } => {
                assert_eq!(methods, f.methods, "a step-up offers the account's own methods");
                assert!(!phishing_resistant);
                assert_eq!(why.policy, PolicyKind::StepUp);
            }
            Step::SignedIn { remediations } => {
                assert!(path.mfa, "a step-up passed without MFA: {f:?}");
                assert!(!f.status_blocked && !path.backend_error, "{f:?}");
                assert!(remediations.is_empty(), "a step-up closed risk: {f:?}");
                assert!(!flow.outcome().revoke_sessions);
            }
            Step::Blocked { reason, .. } => assert!(
                f.status_blocked || f.unregistered || *reason == BlockReason::TooManyFailedCodes,
                "step-up blocked for {reason:?}: {f:?}"
            ),
            Step::Cancelled | Step::Failed => {}
            _ => panic!("a step-up asked for {step:?}: {f:?}"),
        }
        if f.status_blocked {
            assert!(matches!(step, Step::Blocked { .. }), "disabled or locked account got {step:?}");
        }
    }

    fn check_step(&self, f: &Facts, path: &Path, step: &Step) {
        let unregistered_at_risk = f.unregistered && f.any_risk;
        match step {
            Step::Register { allowed, attacker_risk, .. } => {
                assert!(
                    !(unregistered_at_risk && f.block_unregistered),
                    "an unregistered user at risk reached registration with block-unregistered on: {f:?}"
                );
                assert!(
                    *attacker_risk || !unregistered_at_risk,
                    "registration at open risk not marked as one an attacker could be doing: {f:?}"
                );
                if *attacker_risk {
                    assert!(
                        !allowed.iter().any(|m| m.is_phone()),
                        "a phone could be added during a risky sign-in"
                    );
                }
            }
            Step::SignedIn { .. } => {
                // Registering a first method counts as proof only when policy lets unregistered risky users in.
                let verified = path.mfa || f.primary_passkey || (path.registered && !f.block_unregistered);
                assert!(
                    !f.strong_required || path.strong || f.primary_passkey,
                    "signed in without the phishing-resistant method policy asks for: {f:?}"
                );
                assert!(!f.status_blocked, "disabled or locked account signed in: {f:?}");
                assert!(!path.backend_error, "signed in after a backend error");
                assert!(!f.sign_in_enforced || verified, "risky sign-in signed in without MFA: {f:?}");
                assert!(!f.user_blocks, "user risk policy blocks, yet signed in: {f:?}");
                assert!(
                    !f.user_enforced || (verified && (path.password_changed || f.passwordless_reauth)),
                    "risky user signed in without MFA and a password change: {f:?}"
                );
                assert!(!f.temporary || path.password_changed, "temporary password kept: {f:?}");
                assert!(
                    !f.home_refuses,
                    "guest signed in though the home tenant allows no self-remediation: {f:?}"
                );
                assert!(
                    !(unregistered_at_risk && f.block_unregistered),
                    "an unregistered user at risk signed in with block-unregistered on: {f:?}"
                );
            }
            Step::MfaChallenge { methods, phishing_resistant, .. } => {
                assert!(!methods.is_empty(), "a challenge with no method to answer it");
                assert!(
                    !f.strong_required || *phishing_resistant,
                    "a weak challenge where a strong one is due: {f:?}"
                );
                if *phishing_resistant {
                    assert!(
                        methods.iter().all(|m| m.is_phishing_resistant()),
                        "{methods:?} offered as phishing-resistant"
                    );
                }
            }
            Step::Blocked { reason: BlockReason::NoPhishingResistantMethod, .. } => {
                assert!(f.strong_required && !f.has_passkey, "blocked for want of a passkey: {f:?}");
            }
            _ => {}
        }
        if f.status_blocked {
            assert!(matches!(step, Step::Blocked { .. }), "disabled or locked account got {step:?}");
        }
    }

    fn explore(&mut self, flow: &Flow, f: &Facts, path: Path, depth: usize) {
        self.nodes += 1;
        let step = self.check(f, &path, flow);
        for event in EVENTS {
            let mut next = flow.clone();
            let accepted = next.advance(event);
            if step.is_terminal() {
                assert!(accepted.is_err(), "{step:?} accepted {event:?}: terminal steps must stay terminal");
                continue;
            }
            let Ok(_) = accepted else {
                assert_eq!(next, *flow, "a refused event changed the flow");
                continue;
            };
            if let Event::MfaPassed(m) = event {
                assert!(f.methods.contains(&m), "MFA passed with {m:?}, which the account lacks");
            }
            if event == Event::Skip {
                assert!(!f.grace_over, "skipped after the grace period: {f:?}");
                assert!(matches!(step, Step::RegistrationInterrupt { can_skip: true, .. }));
            }
            if depth + 1 >= DEPTH && !matches!(event, Event::Cancel | Event::BackendError) {
                self.nodes += 1;
                self.check(f, &advance_path(path, event), &next);
                continue;
            }
            self.explore(&next, f, advance_path(path, event), depth + 1);
        }
    }
}

fn advance_path(mut path: Path, event: Event) -> Path {
    match event {
        Event::MfaPassed(m) => {
            path.mfa = true;
            path.strong |= m.is_phishing_resistant();
        }
        Event::RegistrationCompleted(_) => path.registered = true,
        Event::PasswordChanged => path.password_changed = true,
        Event::BackendError => path.backend_error = true,
        _ => {}
    }
    path
}

/// Runs one product; returns (contexts, distinct starts, nodes explored).
fn check(users: &[User], policies: &[TenantPolicy]) -> (u64, u64, u64) {
    let mut explorer = Explorer { nodes: 0 };
    let mut seen: HashMap<(Flow, Facts), ()> = HashMap::new();
    let mut contexts = 0;
    for policy in policies {
        for &u in users {
            for sign_in in RiskLevel::ALL {
                contexts += 1;
                let f = facts(policy, u, sign_in);
                let (flow, _) = Flow::start(context(policy, u, sign_in));
                if seen.insert((flow.clone(), f), ()).is_none() {
                    explorer.explore(&flow, &f, Path::default(), 0);
                }
            }
        }
    }
    (contexts, seen.len() as u64, explorer.nodes)
}

#[test]
fn every_policy_user_and_risk_combination_keeps_the_safety_rules() {
    let policies = policies();
    let (half_a, half_b) = policies.split_at(policies.len() / 2);
    let risk = risk_users();
    let status = status_users();
    let step_up = step_up_users();
    let totals = std::thread::scope(|s| {
        let jobs: Vec<_> = [half_a, half_b]
            .into_iter()
            .flat_map(|half| {
                [
                    s.spawn(|| check(&risk, half)),
                    s.spawn(|| check(&status, half)),
                    s.spawn(|| check(&step_up, half)),
                ]
            })
            .collect();
        jobs.into_iter()
            .map(|j| j.join().expect("model check thread"))
            .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2))
    });
    println!(
        "model check: {} policies, {} contexts, {} distinct starts, {} states explored (depth {DEPTH}, {} events, MFA failure limit {MAX_MFA_FAILURES})",
        policies.len(),
        totals.0,
        totals.1,
        totals.2,
        EVENTS.len()
    );
    assert_eq!(totals.0 as usize, policies.len() * (risk.len() + status.len() + step_up.len()) * 4);
    assert!(totals.2 > totals.1, "every start was explored beyond its first step");
}

mod reset_path {
    //! The reset path, exhaustively: every reset policy (on/off, one or two proofs, every
    //! set of counted methods) x user risk policy (off, block, password change) x every
    //! user: unknown (under each decoy seed), or any set of methods x disabled x locked x
    //! user risk (none, medium, high) x guest (member; a home that lets its people fix
    //! user risk, one that blocks it, one with its policies off, an unknown home); every
    //! event sequence to depth 6.
    use super::*;
    use riskgate_engine::reset::{
        proof_of, Proof, ResetBlock, ResetContext, ResetEvent, ResetFlow, ResetStep,
    };

    const PHONE_AND_APP: [MethodKind; 3] = [MethodKind::AuthenticatorApp, MethodKind::Sms, MethodKind::Voice];
    const EVENTS: [ResetEvent; 7] = [
        ResetEvent::Verified(MethodKind::AuthenticatorApp),
        ResetEvent::Verified(MethodKind::Sms),
        ResetEvent::Verified(MethodKind::Voice),
        ResetEvent::VerifyFailed,
        ResetEvent::PasswordChanged,
        ResetEvent::PasswordRejected,
        ResetEvent::Cancel,
    ];
    const RISKS: [RiskLevel; 3] = [RiskLevel::None, RiskLevel::Medium, RiskLevel::High];

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum Home {
        Member,
        /// The home tenant requires MFA and a password change for user risk.
        Allows,
        /// The home tenant blocks user risk (and asks MFA for sign-in risk).
        Blocks,
        /// Both of the home tenant's risk policies are off.
        Off,
        Unknown,
    }
    const HOMES: [Home; 5] = [Home::Member, Home::Allows, Home::Blocks, Home::Off, Home::Unknown];

    fn home_policy(home: Home) -> Option<TenantPolicy> {
        let mut p = TenantPolicy::default();
        match home {
            Home::Member | Home::Unknown => return None,
            Home::Allows => {}
            Home::Blocks => p.user_risk.action = UserAction::Block,
            Home::Off => {
                p.user_risk.enforcement = Enforcement::Off;
                p.sign_in_risk.enforcement = Enforcement::Off;
            }
        }
        Some(p)
    }

    fn subsets() -> Vec<Vec<MethodKind>> {
        (0..8u8)
            .map(|bits| {
                PHONE_AND_APP
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| bits & (1 << i) != 0)
                    .map(|(_, m)| *m)
                    .collect()
            })
            .collect()
    }

    /// A known account of the enumeration.
    #[derive(Clone, Debug)]
    struct Known {
        methods: Vec<MethodKind>,
        disabled: bool,
        locked: bool,
        risk: RiskLevel,
        home: Home,
    }

    /// One reset of the enumeration: `user` is `None` for an unknown username.
    #[derive(Clone, Debug)]
    struct Case {
        enabled: bool,
        required: u8,
        allowed: Vec<MethodKind>,
        user_action: Option<UserAction>,
        user: Option<Known>,
        seed: u8,
    }

    fn users() -> Vec<(Option<Known>, u8)> {
        let mut all: Vec<_> = (0..4).map(|seed| (None, seed)).collect();
        for (seed, methods) in subsets().into_iter().enumerate() {
            for disabled in [false, true] {
                for locked in [false, true] {
                    for risk in RISKS {
                        for home in HOMES {
                            let known = Known { methods: methods.clone(), disabled, locked, risk, home };
                            all.push((Some(known), seed as u8));
                        }
                    }
                }
            }
        }
        all
    }

    fn cases() -> Vec<Case> {
        let mut all = vec![];
        for enabled in [true, false] {
            for required in [1u8, 2] {
                for allowed in subsets() {
                    for user_action in
                        [None, Some(UserAction::Block), Some(UserAction::RequireMfaAndPasswordChange)]
                    {
                        for (user, seed) in users() {
                            let allowed = allowed.clone();
                            all.push(Case { enabled, required, allowed, user_action, user, seed });
                        }
                    }
                }
            }
        }
        all
    }

    fn context(c: &Case) -> ResetContext {
        let mut policy = TenantPolicy::default();
        policy.reset = riskgate_engine::policy::ResetPolicy {
            enabled: c.enabled,
            methods_required: c.required,
            allowed: c.allowed.clone(),
        };
        match c.user_action {
            None => policy.user_risk.enforcement = Enforcement::Off,
            Some(a) => policy.user_risk.action = a,
        }
        let user = c.user.as_ref().map(|k| UserState {
            methods: k.methods.clone(),
            disabled: k.disabled,
            locked_until_ms: k.locked.then_some(NOW + 1),
            home_tenant: (k.home != Home::Member).then(|| "home".into()),
            ..UserState::new("r")
        });
        let risk = c.user.as_ref().map_or(RiskLevel::None, |k| k.risk);
        let user_detections = if risk == RiskLevel::None {
            vec![]
        } else {
            vec![Detection::new(DetectionKind::LeakedCredentials, risk, Timing::Offline, NOW - 1)]
        };
        ResetContext {
            now_ms: NOW,
            user,
            user_detections,
            policy,
            home_policy: c.user.as_ref().and_then(|k| home_policy(k.home)),
            decoy_seed: c.seed,
        }
    }

    /// Whom the reset must look like before a proof: an unknown username with the same
    /// seed when the account has no usable method, else the same account with nothing
    /// against it.
    fn look_alike(c: &Case, usable: &[MethodKind]) -> Case {
        let mut twin = c.clone();
        match &mut twin.user {
            Some(_) if usable.is_empty() => twin.user = None,
            Some(k) => {
                *k = Known {
                    disabled: false,
                    locked: false,
                    risk: RiskLevel::None,
                    home: Home::Member,
                    ..k.clone()
                }
            }
            None => {}
        }
        twin
    }

    /// What the rules say about a reset, worked out from the case alone.
    #[derive(Clone, Debug)]
    struct Facts {
        enabled: bool,
        known: bool,
        disabled: bool,
        locked: bool,
        at_risk: bool,
        /// The tenant's enforced user risk policy blocks this user (its minimum is high).
        risk_blocks: bool,
        /// A guest at risk whose home tenant does not let its people fix user risk.
        home_refuses: bool,
        allowed: Vec<MethodKind>,
        /// Registered methods the tenant counts: the only ones a proof may use.
        usable: Vec<MethodKind>,
        required: usize,
        /// Kinds of proof among `usable`: a text and a call to one phone are one.
        kinds: usize,
    }

    fn facts(c: &Case) -> Facts {
        let k = c.user.as_ref();
        let risk = k.map_or(RiskLevel::None, |k| k.risk);
        let usable: Vec<MethodKind> =
            k.map_or(vec![], |k| k.methods.iter().copied().filter(|m| c.allowed.contains(m)).collect());
        let app = usable.contains(&MethodKind::AuthenticatorApp);
        let phone = usable.iter().any(|m| m.is_phone());
        Facts {
            enabled: c.enabled,
            known: k.is_some(),
            disabled: k.is_some_and(|k| k.disabled),
            locked: k.is_some_and(|k| k.locked),
            at_risk: risk != RiskLevel::None,
            risk_blocks: c.user_action == Some(UserAction::Block) && risk == RiskLevel::High,
            home_refuses: risk != RiskLevel::None
                && k.is_some_and(|k| !matches!(k.home, Home::Member | Home::Allows)),
            allowed: c.allowed.clone(),
            required: c.required as usize,
            kinds: app as usize + phone as usize,
            usable,
        }
    }

    struct Walk {
        nodes: u64,
        facts: Facts,
    }

    impl Walk {
        fn check(&self, step: &ResetStep, proofs: &[Proof], changed: bool) {
            let f = &self.facts;
            if matches!(step, ResetStep::NewPassword { .. } | ResetStep::Done { .. }) {
                assert!(
                    f.known && f.enabled,
                    "an unknown username or a tenant without reset reached {step:?}"
                );
                assert!(!f.disabled && !f.risk_blocks, "a refused reset reached {step:?}: {f:?}");
                assert!(
                    !f.home_refuses,
                    "a guest whose risk only the home tenant may close reached {step:?}: {f:?}"
                );
                assert!(
                    proofs.len() >= f.required,
                    "{step:?} after {} of {} proofs",
                    proofs.len(),
                    f.required
                );
            }
            match step {
                ResetStep::Done { unlocked, remediation } => {
                    assert!(changed, "done without a new password");
                    assert_eq!(remediation.is_some(), f.at_risk, "{f:?}");
                    assert_eq!(*unlocked, f.locked);
                }
                ResetStep::Blocked { reason } => self.check_block(*reason, proofs),
                ResetStep::Verify { offered, .. } => {
                    assert!(f.enabled, "a reset in a tenant without it: {f:?}");
                    if f.usable.is_empty() {
                        assert!(offered.iter().all(|m| f.allowed.contains(m)), "{offered:?} offered: {f:?}");
                        assert_eq!(offered.is_empty(), f.allowed.is_empty(), "{f:?}");
                    } else {
                        assert_eq!(offered, &f.usable, "{f:?}");
                    }
                }
                _ => {}
            }
        }

        /// A reason is told only when it holds, and an account's own only after a proof.
        fn check_block(&self, reason: ResetBlock, proofs: &[Proof]) {
            let f = &self.facts;
            let holds = match reason {
                ResetBlock::NotEnabled => {
                    assert!(!f.enabled, "NotEnabled in a tenant with reset on");
                    return;
                }
                ResetBlock::TooManyFailedCodes => return,
                ResetBlock::Disabled => f.disabled,
                ResetBlock::UserRiskPolicyBlocks => f.risk_blocks,
                ResetBlock::HomeTenantMustRemediate => f.home_refuses,
                ResetBlock::TooFewMethods => f.known && f.kinds < f.required,
            };
            assert!(holds, "blocked for {reason:?}: {f:?}");
            assert!(!proofs.is_empty(), "{reason:?} told before a proof: {f:?}");
        }

        fn explore(&mut self, flow: &ResetFlow, proofs: Vec<Proof>, changed: bool, depth: usize) {
            self.nodes += 1;
            let step = flow.step();
            self.check(&step, &proofs, changed);
            if depth == DEPTH {
                return;
            }
            for event in EVENTS {
                let mut next = flow.clone();
                match next.advance(event) {
                    Err(_) => assert_eq!(next, *flow, "a refused event changed the reset"),
                    Ok(_) => {
                        assert!(!step.is_terminal(), "{step:?} accepted {event:?}");
                        let mut p = proofs.clone();
                        if let ResetEvent::Verified(m) = event {
                            assert!(self.facts.usable.contains(&m), "a proof with {m:?}: {:?}", self.facts);
                            assert!(!p.contains(&proof_of(m)), "a proof counted twice");
                            p.push(proof_of(m));
                        }
                        self.explore(&next, p, changed || event == ResetEvent::PasswordChanged, depth + 1);
                    }
                }
            }
        }
    }

    #[test]
    fn no_reset_completes_without_the_proofs_and_policy_it_needs() {
        let (mut contexts, mut nodes) = (0u64, 0u64);
        for case in cases() {
            contexts += 1;
            let facts = facts(&case);
            let (flow, first) = ResetFlow::start(context(&case));
            let twin = look_alike(&case, &facts.usable);
            assert_eq!(first, ResetFlow::start(context(&twin)).1, "told apart before a proof: {case:?}");
            let mut walk = Walk { nodes: 0, facts };
            walk.explore(&flow, vec![], false, 0);
            nodes += walk.nodes;
        }
        println!("reset model check: {contexts} contexts, {nodes} states explored (depth {DEPTH})");
        assert!(nodes > contexts);
    }
}
