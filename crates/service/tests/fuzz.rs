//! Generated inputs by the hundred thousand: the engine never panics and never signs in
//! a sign-in (or passes a step-up) its policy would stop, and the backend's JSON decoding
//! never panics.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use riskgate_service::api::{Input, Reply, SignInRequest};
use riskgate_service::engine::policy::{RegistrationPolicy, SignInRiskPolicy, UserRiskPolicy};
use riskgate_service::engine::risk::DAY_MS;
use riskgate_service::engine::*;

const CASES: u32 = 100_000;
const NOW: u64 = 5_000 * DAY_MS;

fn level() -> impl Strategy<Value = RiskLevel> {
    prop::sample::select(RiskLevel::ALL.to_vec())
}

fn enforcement() -> impl Strategy<Value = Enforcement> {
    prop::sample::select(vec![Enforcement::Off, Enforcement::ReportOnly, Enforcement::On])
}

fn policy() -> impl Strategy<Value = TenantPolicy> {
    let sign_in = (enforcement(), level(), any::<bool>()).prop_map(|(enforcement, min_level, block)| {
        SignInRiskPolicy {
            enforcement,
            min_level,
            action: if block { SignInAction::Block } else { SignInAction::RequireMfa },
        }
    });
    let user = (enforcement(), level(), 0..3u8).prop_map(|(enforcement, min_level, a)| UserRiskPolicy {
        enforcement,
        min_level,
        action: [
            UserAction::RequireMfaAndPasswordChange,
            UserAction::RequireRiskRemediation,
            UserAction::Block,
        ][a as usize],
    });
    (sign_in, user, enforcement(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(sign_in_risk, user_risk, reg, block, admin, strong)| TenantPolicy {
            registration: RegistrationPolicy { enforcement: reg, included: vec![], excluded: vec![] },
            sign_in_risk,
            user_risk,
            block_unregistered_at_risk: block,
            admin_password_reset_remediates: admin,
            reset: Default::default(),
            phishing_resistant_for_high_risk: strong,
        },
    )
}

fn method() -> impl Strategy<Value = MethodKind> {
    prop::sample::select(vec![
        MethodKind::AuthenticatorApp,
        MethodKind::Sms,
        MethodKind::Voice,
        MethodKind::Passkey,
    ])
}

fn detection(kinds: Vec<DetectionKind>) -> impl Strategy<Value = Detection> {
    let states = vec![
        RiskState::AtRisk,
        RiskState::Remediated,
        RiskState::Dismissed,
        RiskState::ConfirmedCompromised,
        RiskState::ConfirmedSafe,
    ];
    (prop::sample::select(kinds), level(), any::<bool>(), 0..NOW + DAY_MS, prop::sample::select(states))
        .prop_map(|(kind, level, rt, at_ms, state)| Detection {
            kind,
            level,
            timing: if rt { Timing::RealTime } else { Timing::Offline },
            at_ms,
            state,
        })
}

fn context() -> impl Strategy<Value = SignInContext> {
    let sign_in =
        vec![DetectionKind::AnonymousIp, DetectionKind::ImpossibleTravel, DetectionKind::MaliciousIp];
    let user = vec![
        DetectionKind::LeakedCredentials,
        DetectionKind::UserReportedSuspicious,
        DetectionKind::AnomalousActivity,
    ];
    let state = (
        prop::collection::vec(method(), 0..3),
        any::<[bool; 4]>(),
        prop::option::of(0..NOW + 2 * DAY_MS),
        prop::option::of(0..40 * DAY_MS),
        0..3u8,
    );
    (
        state,
        prop::collection::vec(detection(sign_in), 0..4),
        prop::collection::vec(detection(user), 0..4),
        policy(),
        prop::option::of(policy()),
    )
        .prop_map(
            |(
                (methods, flags, locked, grace_age, guest),
                sign_in_detections,
                user_detections,
                policy,
                home,
            )| {
                let mut user = UserState::new("fuzz");
                user.methods = methods;
                user.has_password = flags[0];
                user.temporary_password = flags[1];
                user.disabled = flags[2];
                user.locked_until_ms = locked;
                user.grace_started_ms = grace_age.map(|a| NOW - a);
                user.home_tenant = (guest > 0).then(|| "home".into());
                SignInContext {
                    now_ms: NOW,
                    user,
                    sign_in_detections,
                    user_detections,
                    policy,
                    home_policy: home,
                    signed_in_with: flags[3].then_some(MethodKind::Passkey),
                    step_up: false,
                }
            },
        )
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        Just(Event::Continue),
        method().prop_map(Event::MfaPassed),
        Just(Event::MfaFailed),
        method().prop_map(Event::RegistrationCompleted),
        Just(Event::Skip),
        Just(Event::PasswordChanged),
        Just(Event::PasswordRejected),
        Just(Event::BackendError),
        Just(Event::Cancel),
    ]
}

/// What an accepted event sequence did.
#[derive(Default)]
struct Path {
    /// MFA passed (only ever with a method the account had before this sign-in).
    mfa: bool,
    /// MFA passed with a passkey.
    strong: bool,
    registered: bool,
    changed: bool,
    failed: bool,
}

fn walk(flow: &mut Flow, methods: &[MethodKind], events: Vec<Event>) -> Path {
    let mut path = Path::default();
    for e in events {
        if flow.advance(e).is_ok() {
            match e {
                Event::MfaPassed(m) => {
                    assert!(methods.contains(&m), "MFA passed with {m:?}, which the account lacks");
                    path.mfa = true;
                    path.strong |= m == MethodKind::Passkey;
                }
                Event::RegistrationCompleted(_) => path.registered = true,
                Event::PasswordChanged => path.changed = true,
                Event::BackendError => path.failed = true,
                _ => {}
            }
        }
    }
    path
}

/// Whether a guest may close this kind of risk here: only if the home tenant enforces a
/// policy for it that does not block. An unknown home allows nothing; a member may.
fn home_lets(ctx: &SignInContext, user_risk: bool) -> bool {
    if ctx.user.home_tenant.is_none() {
        return true;
    }
    let Some(home) = ctx.home_policy.as_ref() else { return false };
    if user_risk {
        home.user_risk.enforcement == Enforcement::On && home.user_risk.action != UserAction::Block
    } else {
        home.sign_in_risk.enforcement == Enforcement::On
            && home.sign_in_risk.action == SignInAction::RequireMfa
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever the context and events, the engine answers; a sign-in it signs in passed
    /// what an enforced policy demanded, and its session counts as proven only after MFA
    /// with a method the account already had.
    #[test]
    fn the_engine_never_fails_open(ctx in context(), events in prop::collection::vec(event(), 0..10)) {
        let policy = &ctx.policy;
        let sign_in_fires = policy.sign_in_risk.enforcement == Enforcement::On && policy.sign_in_risk.fires(ctx.sign_in_risk());
        let user_fires = policy.user_risk.enforcement == Enforcement::On && policy.user_risk.fires(ctx.user_risk());
        let blocked_status = ctx.user.disabled || ctx.user.locked_until_ms.is_some_and(|t| t > NOW);
        let temporary = ctx.user.temporary_password;
        let strong_needed = sign_in_fires
            && policy.sign_in_risk.action == SignInAction::RequireMfa
            && policy.phishing_resistant_for_high_risk
            && ctx.sign_in_risk() == RiskLevel::High;
        let any_risk = ctx.user_risk() > RiskLevel::None || ctx.sign_in_risk() > RiskLevel::None;
        let unregistered_blocked = ctx.user.methods.is_empty() && any_risk && policy.block_unregistered_at_risk;
        let home_refuses = (user_fires && !home_lets(&ctx, true)) || (sign_in_fires && !home_lets(&ctx, false));
        let primary = ctx.signed_in_with == Some(MethodKind::Passkey) && ctx.user.methods.contains(&MethodKind::Passkey);
        let methods = ctx.user.methods.clone();
        let (mut flow, _) = Flow::start(ctx);
        let path = walk(&mut flow, &methods, events);
        let verified = primary || path.mfa || path.registered;
        if let Step::SignedIn { .. } = flow.step() {
            prop_assert!(!blocked_status && !path.failed);
            prop_assert!(!sign_in_fires || verified);
            prop_assert!(!user_fires || verified);
            prop_assert!(!temporary || path.changed);
            prop_assert!(!strong_needed || primary || path.strong, "high risk passed without a passkey");
            prop_assert!(!unregistered_blocked, "an unregistered account at risk signed in");
            prop_assert!(!home_refuses, "a guest closed a risk its home tenant must close");
            prop_assert_eq!(flow.outcome().verified, primary || path.mfa, "proven by registering");
        }
    }

    /// A step-up passes only with MFA by a method the account already had, whatever the
    /// risk, policy or passkey the session signed in with, and closes no risk.
    #[test]
    fn a_step_up_never_passes_without_mfa(ctx in context(), events in prop::collection::vec(event(), 0..10)) {
        let mut ctx = ctx;
        ctx.step_up = true;
        let blocked_status = ctx.user.disabled || ctx.user.locked_until_ms.is_some_and(|t| t > NOW);
        let methods = ctx.user.methods.clone();
        let (mut flow, _) = Flow::start(ctx);
        let path = walk(&mut flow, &methods, events);
        if let Step::SignedIn { remediations } = flow.step() {
            prop_assert!(!blocked_status && !path.failed);
            prop_assert!(path.mfa, "a step-up passed without MFA");
            prop_assert!(remediations.is_empty());
            prop_assert!(flow.outcome().verified && !flow.outcome().revoke_sessions);
        }
    }

    /// Any text at all decodes to a value or an error, never a panic.
    #[test]
    fn decoding_arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = serde_json::from_str::<Reply>(&text);
        let _ = serde_json::from_str::<Input>(&text);
        let _ = serde_json::from_str::<SignInRequest>(&text);
    }

    /// Valid JSON cut or altered at any point still decodes safely.
    #[test]
    fn decoding_damaged_json_never_panics(cut in 0usize..400, byte in any::<u8>(), at in 0usize..400) {
        let valid = r#"{"flow_id":"f","seq":3,"step":{"MfaChallenge":{"methods":["AuthenticatorApp"],"failures":1,"why":{"policy":"SignInRisk","level":"High","detections":["ImpossibleTravel"]}}},"display_name":"A","tenant_name":"T","branding":null,"home_tenant_name":null,"unusual":[],"enrollment":null,"code_sent_to":null,"verdict":null,"correlation_id":"c","time_ms":1,"session":null}"#;
        prop_assert!(serde_json::from_str::<Reply>(valid).is_ok(), "the sample is a real reply");
        let mut bytes = valid.as_bytes().to_vec();
        bytes.truncate(cut.min(bytes.len()));
        if !bytes.is_empty() {
            let i = at % bytes.len();
            bytes[i] = byte;
        }
        let text = String::from_utf8_lossy(&bytes);
        let _ = serde_json::from_str::<Reply>(&text);
    }
}
