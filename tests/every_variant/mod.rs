//! Replies that together hold every variant of every type the HTTP adapter reads by hand
//! (src/backend/replies.rs), for tests/http_adapter.rs to send through it as serde_json
//! writes them. `every!` lists a type's variants once: a variant added to the type does
//! not compile until it is listed here.
#![allow(dead_code)]
use crate::api_examples as ex;
use riskgate::backend::api::*;
use riskgate::backend::webauthn::{PasskeyOptions, WebAuthnError};
use riskgate::engine::password::{Rejection, Verdict};
use riskgate::engine::policy::{RegistrationPolicy, ResetPolicy, SignInRiskPolicy, UserRiskPolicy};
use riskgate::engine::reset::{Proof, ResetBlock, ResetStep};
use riskgate::engine::*;

/// Every variant of `$ty`, with the data given for those that carry some.
macro_rules! every {
    ($ty:ident: $($variant:ident $({ $($field:ident: $value:expr),* })?),* $(,)?) => {{
        let _every_variant = |v: &$ty| match v { $($ty::$variant { .. } => ()),* };
        vec![$($ty::$variant $({ $($field: $value),* })?),*]
    }};
}

pub fn methods() -> Vec<MethodKind> {
    every!(MethodKind: AuthenticatorApp, Sms, Voice, Passkey)
}

pub fn levels() -> Vec<RiskLevel> {
    every!(RiskLevel: None, Low, Medium, High)
}

pub fn details() -> Vec<RiskDetail> {
    every!(RiskDetail:
        UserPassedMfaDrivenByRiskPolicy, UserPerformedSecuredPasswordChange,
        UserPerformedSecuredPasswordReset, UserReauthenticatedPasswordless, AdminGeneratedTemporaryPassword,
        AdminResetPassword, AdminDismissedAllRisk, AdminConfirmedCompromised, AdminConfirmedSafe,
        UserReportedSuspicious,
        SignInBlocked,
    )
}

pub fn detections() -> Vec<DetectionKind> {
    every!(DetectionKind:
        AnonymousIp, UnfamiliarProperties, AtypicalTravel, ImpossibleTravel, MaliciousIp, NewCountry,
        PasswordSpray, ThreatActorIp, LeakedCredentials, AnomalousActivity, UserReportedSuspicious,
        AdminConfirmedCompromised,
    )
}

pub fn states() -> Vec<RiskState> {
    every!(RiskState: AtRisk, Remediated, Dismissed, ConfirmedCompromised, ConfirmedSafe)
}

/// One `Why` per policy, the levels taken in turn, each with every detection.
fn whys() -> Vec<Why> {
    let policies = every!(PolicyKind:
        AccountStatus, UserRisk, SignInRisk, BlockUnregisteredAtRisk, HomeTenant, TemporaryPassword,
        Registration, MfaAttempts, StepUp,
    );
    let levels = levels().into_iter().cycle();
    let why = |(policy, level)| Why { policy, level, detections: detections() };
    policies.into_iter().zip(levels).map(why).collect()
}

/// Every remediation: each kind of risk with each detail.
fn remediations() -> Vec<Remediation> {
    let kinds = every!(RiskKind: SignIn, User);
    kinds
        .into_iter()
        .flat_map(|risk| details().into_iter().map(move |detail| Remediation { risk, detail }))
        .collect()
}

/// The documented steps, and every variant of what they carry.
pub fn steps() -> Vec<Step> {
    let why = || whys()[0].clone();
    let mut steps = ex::steps();
    let notices = every!(NoticeKind: SignInRisk, UserRisk).into_iter().cycle();
    steps.extend(whys().into_iter().zip(notices).map(|(why, kind)| Step::Notice { kind, why }));
    steps.push(Step::MfaChallenge { methods: methods(), failures: 4, why: why(), phishing_resistant: true });
    steps.push(Step::Register { allowed: methods(), attacker_risk: true, why: Some(why()) });
    for reason in every!(PasswordReason: TemporaryPassword, UserRisk) {
        steps.push(Step::ChangePassword { reason, rejected: true });
    }
    let blocks = every!(BlockReason:
        Disabled, LockedOut { until_ms: ex::T0 }, SignInRisk, UserRisk, UnregisteredAtRisk,
        HomeTenantMustRemediate, TooManyFailedCodes, NoPhishingResistantMethod,
    );
    steps.extend(blocks.into_iter().map(|reason| Step::Blocked { reason, why: why() }));
    steps.push(Step::SignedIn { remediations: remediations() });
    steps
}

pub fn verdict() -> Verdict {
    let rejections = every!(Rejection:
        Empty, TooShort { min: 8 }, TooLong { max: 256 }, SameAsCurrent,
        Weak { score: 1, needed: 3, banned_terms: 2 }, ContainsPersonalInfo,
    );
    Verdict { score: 1, banned_terms: 2, personal_terms: 1, rejections }
}

/// A reply with every optional part there, and one per method being set up.
pub fn replies() -> Vec<Reply> {
    let full = Reply {
        branding: Some(ex::branding()),
        home_tenant_name: Some("Fabrikam".into()),
        unusual: detections()
            .into_iter()
            .map(|detection| Unusual { detection, location: None, device: Some("Edge".into()), app: None })
            .collect(),
        code_sent_to: Some("+1 ••• ••• ••42".into()),
        verdict: Some(verdict()),
        session: Some(ex::SESSION.into()),
        passkey: Some(PasskeyOptions { create: true, credential_ids: vec![], ..ex::passkey_options() }),
        handoff: Some(ex::HANDOFF.into()),
        ..ex::reply_notice()
    };
    let setting_up = |method| Reply {
        enrollment: Some(Enrollment { method, phone_hint: Some("+1 ••42".into()), ..ex::enrollment() }),
        ..ex::reply_register()
    };
    std::iter::once(full).chain(methods().into_iter().map(setting_up)).collect()
}

/// The documented reset steps, and every variant of what they carry.
pub fn reset_steps() -> Vec<ResetStep> {
    let proven = every!(Proof: App, Phone, Passkey);
    let mut steps = ex::reset_steps();
    steps.push(ResetStep::Verify { offered: methods(), proven, required: 1, failures: 3 });
    steps.push(ResetStep::Done { unlocked: false, remediation: None });
    let blocks = every!(ResetBlock:
        NotEnabled, Disabled, TooFewMethods, UserRiskPolicyBlocks, TooManyFailedCodes,
        HomeTenantMustRemediate,
    );
    steps.extend(blocks.into_iter().map(|reason| ResetStep::Blocked { reason }));
    steps
}

pub fn reset_replies() -> Vec<ResetReply> {
    let passkey = Some(ex::passkey_options());
    let full = ResetReply { code_sent_to: None, verdict: Some(verdict()), passkey, ..ex::reset_reply() };
    let steps = reset_steps().into_iter().map(|step| ResetReply { step, ..ex::reset_reply() });
    std::iter::once(full).chain(steps).collect()
}

/// The documented errors, every field and problem, and every passkey refusal.
pub fn errors() -> Vec<BackendError> {
    let passkeys = every!(WebAuthnError:
        Malformed, WrongType, ChallengeMismatch, ChallengeExpired, WrongOrigin, WrongRelyingParty,
        UserNotPresent, UserNotVerified, Unsupported, BadSignature, SignCountNotGrowing, DuplicateCredential,
        UnknownCredential,
    );
    let mut errors = ex::errors();
    errors.extend(ex::fields_and_problems());
    errors.extend(passkeys.into_iter().map(BackendError::Passkey));
    errors
}

/// Sign-ins with every outcome, and every state and detail of their risk.
fn sign_ins() -> Vec<SignInRecord> {
    let outcomes =
        every!(SignInOutcome: SignedIn, PasswordReset, Blocked, Cancelled, Failed, Interrupted).into_iter();
    let base = ex::account_view().recent.remove(0);
    let record = |(i, outcome): (usize, SignInOutcome)| SignInRecord {
        id: i as u64,
        detections: detections(),
        level: levels()[i % 4],
        user_level: levels()[(i + 1) % 4],
        outcome,
        confirmed_by_user: [None, Some(true), Some(false)][i % 3],
        risk_state: states().get(i).copied(),
        risk_detail: details().get(i).copied(),
        ..base.clone()
    };
    outcomes.enumerate().map(record).collect()
}

/// The documented account, and one with every alert and required action.
pub fn accounts() -> Vec<AccountView> {
    let alerts = every!(Alert:
        UnusualSignIn { sign_in: 41 },
        PasswordChanged { at_ms: ex::T0 },
        RiskCleared { at_ms: ex::T0, detail: RiskDetail::AdminConfirmedSafe },
        AccountAtRisk { level: RiskLevel::High },
    );
    let required = every!(RequiredAction:
        RegisterMfa { days_left: 0 }, ChangePassword, ReviewSignIn { sign_in: 7 },
    );
    let full = AccountView {
        methods: methods(),
        phone_hint: None,
        recent: sign_ins(),
        alerts,
        required,
        is_admin: true,
        ..ex::account_view()
    };
    vec![ex::account_view(), full]
}

/// A tenant's policy per enforcement, with every action.
fn policies() -> Vec<TenantPolicy> {
    let enforcements = every!(Enforcement: Off, ReportOnly, On);
    let sign_in_actions = every!(SignInAction: RequireMfa, Block).into_iter().cycle();
    let user_actions =
        every!(UserAction: RequireMfaAndPasswordChange, RequireRiskRemediation, Block).into_iter();
    let policy = |((enforcement, action), user_action)| TenantPolicy {
        registration: RegistrationPolicy { enforcement, included: vec!["kim".into()], excluded: vec![] },
        sign_in_risk: SignInRiskPolicy { enforcement, min_level: RiskLevel::Low, action },
        user_risk: UserRiskPolicy { enforcement, min_level: RiskLevel::High, action: user_action },
        block_unregistered_at_risk: false,
        admin_password_reset_remediates: false,
        reset: ResetPolicy { enabled: false, methods_required: 2, allowed: methods() },
        phishing_resistant_for_high_risk: true,
    };
    enforcements.into_iter().zip(sign_in_actions).zip(user_actions).map(policy).collect()
}

/// The documented admin view, and one with every timing, state, outcome and policy.
pub fn admin_views() -> Vec<AdminView> {
    let documented = ex::admin_view();
    let timings = every!(Timing: RealTime, Offline).into_iter().cycle();
    let detection = |(state, timing)| Detection {
        kind: DetectionKind::PasswordSpray,
        level: RiskLevel::Low,
        timing,
        at_ms: 5,
        state,
    };
    let history = |state| RiskChange { at_ms: 9, state, detail: RiskDetail::AdminDismissedAllRisk };
    let user = UserSummary {
        detections: states().into_iter().zip(timings).map(detection).collect(),
        risk_history: states().into_iter().map(history).collect(),
        methods: methods(),
        disabled: true,
        locked_until_ms: Some(ex::T0),
        temporary_password: true,
        admin_actions: every!(AdminAction:
            DismissRisk, ConfirmCompromised, ConfirmSafe, TemporaryPassword, RequireReregistration, Unblock,
            ConfirmSignInSafe { sign_in: 7 }, Enable, Disable)
        .into_iter()
        .map(|action| AdminRecord { at_ms: 11, action, by: "Alex Admin".into() })
        .collect(),
        ..documented.users[0].clone()
    };
    let tenant = |policy| TenantView { policy, ..documented.tenants[0].clone() };
    let full = AdminView {
        users: vec![user],
        sign_ins: sign_ins(),
        tenants: policies().into_iter().map(tenant).collect(),
    };
    vec![documented, full]
}
