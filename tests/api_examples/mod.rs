//! The example values behind every JSON block of docs/backend-api.md. The native test
//! `backend_api_doc` checks each block is exactly the value's serde form; the browser
//! test `http_adapter` sends and answers with the same values through the HTTP adapter.
#![allow(dead_code)]
use riskgate::backend::api::*;
use riskgate::backend::geo::Coordinates;
use riskgate::backend::webauthn::{PasskeyAssertion, PasskeyCreated, PasskeyOptions, WebAuthnError};
use riskgate::engine::password::{BannedList, Rejection, Verdict};
use riskgate::engine::policy::{RegistrationPolicy, ResetPolicy, SignInRiskPolicy, UserRiskPolicy};
use riskgate::engine::reset::{Proof, ResetBlock, ResetStep};
use riskgate::engine::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// 22 November 2026, 00:00 UTC, in milliseconds.
pub const T0: u64 = 1_795_305_600_000;
pub const FLOW_ID: &str = "f-3k9QzT7b";
pub const RESET_ID: &str = "r-8Jd2LwQe";
pub const SESSION: &str = "s-Vq7Yb2xR4pLm9NcT";
pub const STEP_UP_ID: &str = "f-Pz4Nc8Wd";
/// The session a passed step-up hands out in place of `SESSION`.
pub const STEPPED_UP_SESSION: &str = "s-Hn3Wq8Zc5Tk2Rb7L";

/// Whether a JSON text decodes back to the example's value, and if not, why.
pub type DecodesBack = Box<dyn Fn(&str) -> Result<(), String>>;

/// One documented example: its name in the doc, its JSON, and a check that the JSON
/// decodes back to the same value.
pub struct Example {
    pub name: String,
    pub json: String,
    pub decodes_back: DecodesBack,
}

fn example<T>(name: &str, value: T) -> Example
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug + 'static,
{
    let json = serde_json::to_string_pretty(&value).unwrap();
    let decodes_back = Box::new(move |text: &str| match serde_json::from_str::<T>(text) {
        Ok(back) if back == value => Ok(()),
        Ok(back) => Err(format!("decodes to {back:?}")),
        Err(e) => Err(e.to_string()),
    });
    Example { name: name.into(), json, decodes_back }
}

/// Every example in the doc, in no particular order.
pub fn all() -> Vec<Example> {
    let mut all = vec![
        example("sign_in_request", sign_in_request()),
        example("sign_in_request_with_source", sign_in_request_with_source()),
        example("reply_notice", reply_notice()),
        example("reply_mfa", reply_mfa()),
        example("reply_signed_in", reply_signed_in()),
        example("reply_register", reply_register()),
        example("reset_request", reset_request()),
        example("reset_reply", reset_reply()),
        example("password_check", password_check()),
        example("verdict", verdict()),
        example("account_view", account_view()),
        example("sign_in_report", sign_in_report()),
        example("method_request", method_request()),
        example("enrollment", enrollment()),
        example("method_code", method_code()),
        example("admin_view", admin_view()),
        example("admin_act_request", admin_act_request()),
        example("admin_act_confirm_sign_in", admin_act_confirm_sign_in()),
        example("reply_step_up", reply_step_up()),
        example("reply_stepped_up", reply_stepped_up()),
        example("admin_receipt", admin_receipt()),
        example("policy_update", policy_update()),
        example("passkey_options", passkey_options()),
        example("passkey_sign_in_start", passkey_sign_in_start()),
        example("passkey_sign_in_answer", passkey_sign_in_answer()),
        example("reply_notice_with_flow_secret", reply_notice_with_flow_secret()),
        example("reply_signed_in_with_handoff", reply_signed_in_with_handoff()),
        example("error_with_request_id", error_with_request_id()),
        example("handoff_exchange", HandoffExchange { code: HANDOFF.into() }),
        example("handoff_session", handoff_session()),
    ];
    all.extend(inputs().into_iter().map(|i| example(&format!("input_{}", input_name(&i)), i)));
    all.extend(
        reset_inputs().into_iter().map(|i| example(&format!("reset_input_{}", reset_input_name(&i)), i)),
    );
    all.extend(steps().into_iter().map(|s| example(&format!("step_{}", step_name(&s)), s)));
    all.extend(reset_steps().into_iter().map(|s| example(&format!("reset_step_{}", reset_step_name(&s)), s)));
    all.extend(errors().into_iter().map(|e| example(&format!("error_{}", e.name()), ErrorReply::new(e))));
    all
}

// Exhaustive matches: a new variant does not compile until it has an example (and so
// a place in the doc).

pub fn input_name(input: &Input) -> &'static str {
    match input {
        Input::Continue => "continue",
        Input::SendCode { .. } => "send_code",
        Input::Code { .. } => "code",
        Input::Skip => "skip",
        Input::BeginRegistration { .. } => "begin_registration",
        Input::ConfirmRegistration { .. } => "confirm_registration",
        Input::NewPassword { .. } => "new_password",
        Input::Cancel => "cancel",
        Input::BeginPasskey => "begin_passkey",
        Input::PasskeyCreated(_) => "passkey_created",
        Input::PasskeyAssertion(_) => "passkey_assertion",
    }
}

pub fn reset_input_name(input: &ResetInput) -> &'static str {
    match input {
        ResetInput::SendCode { .. } => "send_code",
        ResetInput::Code { .. } => "code",
        ResetInput::NewPassword { .. } => "new_password",
        ResetInput::Cancel => "cancel",
        ResetInput::BeginPasskey => "begin_passkey",
        ResetInput::PasskeyAssertion(_) => "passkey_assertion",
    }
}

pub fn step_name(step: &Step) -> &'static str {
    match step {
        Step::Notice { .. } => "notice",
        Step::MfaChallenge { .. } => "mfa_challenge",
        Step::RegistrationInterrupt { .. } => "registration_interrupt",
        Step::Register { .. } => "register",
        Step::ChangePassword { .. } => "change_password",
        Step::Blocked { .. } => "blocked",
        Step::SignedIn { .. } => "signed_in",
        Step::Cancelled => "cancelled",
        Step::Failed => "failed",
    }
}

pub fn reset_step_name(step: &ResetStep) -> &'static str {
    match step {
        ResetStep::Verify { .. } => "verify",
        ResetStep::NewPassword { .. } => "new_password",
        ResetStep::Done { .. } => "done",
        ResetStep::Blocked { .. } => "blocked",
        ResetStep::Cancelled => "cancelled",
        ResetStep::Failed => "failed",
    }
}

/// Every `Field` and `Problem` (in an `InvalidInput`), for the doc's list of them.
pub fn fields_and_problems() -> Vec<BackendError> {
    use Field::*;
    use Problem::*;
    let (fields, problems) = (Field::ALL, Problem::ALL);
    // Exhaustive: a new field or problem does not compile until it is matched here, which
    // is the reminder to add it to its `ALL`.
    let _ = |f: Field, p: Problem| match (f, p) {
        (Username | Password | Code | Phone | NewPassword | Confirm | BannedList, _) => match p {
            Empty | TooLong | NotACode | CodeExpired | NoCodeSent | Mismatch | NotAPhoneNumber => (),
            InvalidList | LastMethod | TooManyAttempts => (),
        },
    };
    let by_field = fields.map(|field| BackendError::InvalidInput { field, problem: Empty });
    let by_problem = problems.map(|problem| BackendError::InvalidInput { field: Code, problem });
    by_field.into_iter().chain(by_problem).collect()
}

pub fn inputs() -> Vec<Input> {
    vec![
        Input::Continue,
        Input::SendCode { method: MethodKind::Sms },
        Input::Code { method: MethodKind::AuthenticatorApp, code: "287082".into() },
        Input::Skip,
        Input::BeginRegistration { method: MethodKind::Sms, phone: Some("+1 425 555 0142".into()) },
        Input::ConfirmRegistration { code: "531790".into() },
        Input::NewPassword {
            password: "Orbit-Pebble-Lumen-82".into(),
            confirm: "Orbit-Pebble-Lumen-82".into(),
        },
        Input::Cancel,
        Input::BeginPasskey,
        Input::PasskeyCreated(passkey_created()),
        Input::PasskeyAssertion(passkey_assertion()),
    ]
}

pub fn reset_inputs() -> Vec<ResetInput> {
    vec![
        ResetInput::SendCode { method: MethodKind::Voice },
        ResetInput::Code { method: MethodKind::Sms, code: "604213".into() },
        ResetInput::NewPassword {
            password: "Tidal-Saffron-Quill-47".into(),
            confirm: "Tidal-Saffron-Quill-47".into(),
        },
        ResetInput::Cancel,
        ResetInput::BeginPasskey,
        ResetInput::PasskeyAssertion(passkey_assertion()),
    ]
}

pub fn steps() -> Vec<Step> {
    vec![
        notice_step(),
        mfa_step(),
        Step::RegistrationInterrupt { days_left: 13, can_skip: true },
        register_step(),
        Step::ChangePassword { reason: PasswordReason::UserRisk, rejected: false },
        Step::Blocked {
            reason: BlockReason::SignInRisk,
            why: Why {
                policy: PolicyKind::SignInRisk,
                level: RiskLevel::High,
                detections: vec![DetectionKind::MaliciousIp],
            },
        },
        signed_in_step(),
        Step::Cancelled,
        Step::Failed,
    ]
}

pub fn reset_steps() -> Vec<ResetStep> {
    vec![
        verify_step(),
        ResetStep::NewPassword { rejected: true },
        ResetStep::Done {
            unlocked: true,
            remediation: Some(Remediation {
                risk: RiskKind::User,
                detail: RiskDetail::UserPerformedSecuredPasswordReset,
            }),
        },
        ResetStep::Blocked { reason: ResetBlock::TooFewMethods },
        ResetStep::Cancelled,
        ResetStep::Failed,
    ]
}

pub fn errors() -> Vec<BackendError> {
    vec![
        BackendError::InvalidCredentials,
        BackendError::InvalidInput { field: Field::Code, problem: Problem::NotACode },
        BackendError::UnknownFlow,
        BackendError::FlowExpired,
        BackendError::StaleStep { expected: 2 },
        BackendError::Unexpected { input: "Skip".into() },
        BackendError::NotAuthorized,
        BackendError::StepUpRequired,
        BackendError::UnknownUser,
        BackendError::Unavailable,
        BackendError::Timeout,
        BackendError::Malformed("expected value at line 1 column 1".into()),
        BackendError::Passkey(WebAuthnError::BadSignature),
        BackendError::NotFound,
        BackendError::MethodNotAllowed,
        BackendError::TooLarge,
    ]
}

pub fn passkey_options() -> PasskeyOptions {
    PasskeyOptions {
        create: false,
        challenge: "q3Zt0fV6mQ2yQk7Jx1b9cW4eR8tY2uI0oP5aS3dF6gH".into(),
        rp_id: "login.contoso.example".into(),
        rp_name: "Contoso".into(),
        user_id: "m9Q2xR7tY1uI3oP5aS8dFg".into(),
        user_name: "ravi@contoso.example".into(),
        display_name: "Ravi Shankar".into(),
        credential_ids: vec!["kSqzhHnfgYwaZogV9TJ6_UT0asvlqRwbzYeTGmEx88k".into()],
    }
}

fn passkey_created() -> PasskeyCreated {
    PasskeyCreated {
        id: "kSqzhHnfgYwaZogV9TJ6_UT0asvlqRwbzYeTGmEx88k".into(),
        client_data_json: "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIiwiY2hhbGxlbmdlIjoi...".into(),
        attestation_object: "o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVik...".into(),
    }
}

fn passkey_assertion() -> PasskeyAssertion {
    PasskeyAssertion {
        id: "kSqzhHnfgYwaZogV9TJ6_UT0asvlqRwbzYeTGmEx88k".into(),
        client_data_json: "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoi...".into(),
        authenticator_data: "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAg".into(),
        signature: "MEQCICQb6PmjdB784WzFbQgsJVJht6fBSw05hN2lnyQi0tpvAiAYO54KdFqC...".into(),
    }
}

pub fn passkey_sign_in_start() -> PasskeySignInStart {
    PasskeySignInStart { username: "ravi@contoso.example".into(), tenant: None }
}

pub fn passkey_sign_in_answer() -> PasskeySignInAnswer {
    PasskeySignInAnswer { username: "ravi@contoso.example".into(), tenant: None, answer: passkey_assertion() }
}

pub fn sign_in_request() -> SignInRequest {
    SignInRequest {
        username: "ravi@contoso.example".into(),
        password: "Quiet-Meadow-17".into(),
        source: None,
        tenant: None,
    }
}

pub fn sign_in_request_with_source() -> SignInRequest {
    SignInRequest {
        source: Some(SignInSource {
            location: lisbon(),
            ip: "192.0.2.44".into(),
            device: "Windows 11, Edge".into(),
            app: "Contoso Portal".into(),
        }),
        tenant: Some("contoso".into()),
        ..sign_in_request()
    }
}

fn lisbon() -> Location {
    Location { city: "Lisbon".into(), country: "PT".into(), coords: Coordinates { lat: 38.72, lon: -9.14 } }
}

fn sign_in_risk_why(level: RiskLevel) -> Why {
    Why { policy: PolicyKind::SignInRisk, level, detections: vec![DetectionKind::UnfamiliarProperties] }
}

fn notice_step() -> Step {
    Step::Notice { kind: NoticeKind::SignInRisk, why: sign_in_risk_why(RiskLevel::Medium) }
}

fn mfa_step() -> Step {
    Step::MfaChallenge {
        methods: vec![MethodKind::AuthenticatorApp, MethodKind::Sms],
        failures: 0,
        why: sign_in_risk_why(RiskLevel::Medium),
        phishing_resistant: false,
    }
}

fn register_step() -> Step {
    Step::Register {
        allowed: vec![MethodKind::AuthenticatorApp, MethodKind::Sms, MethodKind::Voice],
        attacker_risk: false,
        why: None,
    }
}

fn signed_in_step() -> Step {
    Step::SignedIn {
        remediations: vec![Remediation {
            risk: RiskKind::SignIn,
            detail: RiskDetail::UserPassedMfaDrivenByRiskPolicy,
        }],
    }
}

fn verify_step() -> ResetStep {
    ResetStep::Verify {
        offered: vec![MethodKind::AuthenticatorApp, MethodKind::Sms],
        proven: vec![Proof::App],
        required: 2,
        failures: 0,
    }
}

/// The first reply of Ravi's risky sign-in: the notice, with what was unusual.
pub fn reply_notice() -> Reply {
    Reply {
        flow_id: FLOW_ID.into(),
        seq: 0,
        step: notice_step(),
        display_name: "Ravi Shankar".into(),
        tenant_name: "Contoso".into(),
        branding: None,
        home_tenant_name: None,
        unusual: vec![Unusual {
            detection: DetectionKind::UnfamiliarProperties,
            location: Some("Lisbon, PT".into()),
            device: Some("Windows 11, Edge".into()),
            app: None,
        }],
        enrollment: None,
        code_sent_to: None,
        verdict: None,
        correlation_id: "9f3c2a71".into(),
        time_ms: T0,
        session: None,
        passkey: None,
        handoff: None,
    }
}

/// API v1: the first reply of a flow carries its secret, once.
pub fn reply_notice_with_flow_secret() -> WithFlowSecret<Reply> {
    WithFlowSecret { reply: reply_notice(), flow_secret: FLOW_SECRET.into() }
}

pub const FLOW_SECRET: &str = "b1f0c3d9a7e24f6c8d5b2a9e7f1c4d3b";
pub const HANDOFF: &str = "h-7Qm2Vx9Kc4Tz8Lp1Rw6Ny3";

/// API v1: the reply that signs someone in carries a one-time hand-off code.
pub fn reply_signed_in_with_handoff() -> Reply {
    Reply { handoff: Some(HANDOFF.into()), ..reply_signed_in() }
}

pub fn error_with_request_id() -> ErrorReply {
    ErrorReply { request_id: Some("4f9c2e71b0d3a8e5".into()), ..ErrorReply::new(BackendError::UnknownFlow) }
}

pub fn handoff_session() -> HandoffSession {
    HandoffSession {
        subject: "ravi@contoso.example".into(),
        tenant: "contoso".into(),
        session_expires_ms: Some(T0 + 8_000 + 12 * 60 * 60 * 1000),
        proven: true,
    }
}

pub fn reply_mfa() -> Reply {
    Reply { seq: 1, step: mfa_step(), time_ms: T0 + 4_000, ..reply_notice() }
}

/// A tenant's whole branding, as a reply carries it (already checked by the service).
pub fn branding() -> Branding {
    let text = |locale: &str, sign_in_text: &str, username_hint: &str| BrandText {
        locale: locale.into(),
        sign_in_text: sign_in_text.into(),
        username_hint: username_hint.into(),
    };
    Branding {
        logo: Some(Logo { url: "https://id.contoso.example/brand/logo.svg".into(), alt: "Contoso".into() }),
        background: Some("#f3f4f6".into()),
        texts: vec![
            text("", "Contoso staff: sign in with your work account.", "name@contoso.example"),
            text("de", "Für Mitarbeitende von Contoso.", "name@contoso.example"),
        ],
        ..Branding::accent("#0b5cad")
    }
}

pub fn reply_signed_in() -> Reply {
    Reply {
        seq: 2,
        step: signed_in_step(),
        branding: Some(branding()),
        time_ms: T0 + 21_000,
        session: Some(SESSION.into()),
        ..reply_notice()
    }
}

/// Registering an authenticator app during sign-in: the reply carries the enrollment.
pub fn reply_register() -> Reply {
    Reply { seq: 1, step: register_step(), unusual: vec![], enrollment: Some(enrollment()), ..reply_notice() }
}

/// The first reply of a step-up: a challenge over the person's own methods, for the
/// step-up policy, with nothing unusual to explain.
pub fn reply_step_up() -> Reply {
    Reply {
        flow_id: STEP_UP_ID.into(),
        seq: 0,
        step: Step::MfaChallenge {
            methods: vec![MethodKind::AuthenticatorApp, MethodKind::Sms],
            failures: 0,
            why: Why { policy: PolicyKind::StepUp, level: RiskLevel::None, detections: vec![] },
            phishing_resistant: false,
        },
        display_name: "Alex Admin".into(),
        tenant_name: "Contoso".into(),
        branding: Some(Branding::accent("#0b5cad")),
        home_tenant_name: None,
        unusual: vec![],
        enrollment: None,
        code_sent_to: None,
        verdict: None,
        correlation_id: "5d20b7e4".into(),
        time_ms: T0 + 60_000,
        session: None,
        passkey: None,
        handoff: None,
    }
}

/// A passed step-up: a fresh session, proven now, in place of the one that asked.
pub fn reply_stepped_up() -> Reply {
    Reply {
        seq: 1,
        step: Step::SignedIn { remediations: vec![] },
        time_ms: T0 + 75_000,
        session: Some(STEPPED_UP_SESSION.into()),
        ..reply_step_up()
    }
}

pub fn reset_request() -> ResetRequest {
    ResetRequest { username: "kim@contoso.example".into() }
}

pub fn reset_reply() -> ResetReply {
    ResetReply {
        flow_id: RESET_ID.into(),
        seq: 1,
        step: verify_step(),
        code_sent_to: Some("+1 ••• ••• ••42".into()),
        verdict: None,
        passkey: None,
        correlation_id: "c4e81b06".into(),
        time_ms: T0,
    }
}

pub fn password_check() -> PasswordCheck {
    PasswordCheck { flow_id: FLOW_ID.into(), candidate: "Contoso2026!".into() }
}

pub fn verdict() -> Verdict {
    Verdict {
        score: 3,
        banned_terms: 1,
        personal_terms: 0,
        rejections: vec![Rejection::Weak { score: 3, needed: 5, banned_terms: 1 }],
    }
}

fn sign_in_record() -> SignInRecord {
    SignInRecord {
        id: 41,
        at_ms: T0,
        username: "ravi@contoso.example".into(),
        source: sign_in_request_with_source().source.unwrap(),
        detections: vec![DetectionKind::UnfamiliarProperties],
        level: RiskLevel::Medium,
        user_level: RiskLevel::None,
        outcome: SignInOutcome::SignedIn,
        correlation_id: "9f3c2a71".into(),
        confirmed_by_user: None,
        risk_state: Some(RiskState::Remediated),
        risk_detail: Some(RiskDetail::UserPassedMfaDrivenByRiskPolicy),
    }
}

/// Shows every kind of alert and required action.
pub fn account_view() -> AccountView {
    AccountView {
        username: "ravi@contoso.example".into(),
        display_name: "Ravi Shankar".into(),
        tenant_name: "Contoso".into(),
        methods: vec![MethodKind::AuthenticatorApp, MethodKind::Sms],
        phone_hint: Some("+1 ••• ••• ••42".into()),
        recent: vec![sign_in_record()],
        alerts: vec![
            Alert::UnusualSignIn { sign_in: 41 },
            Alert::PasswordChanged { at_ms: T0 - 86_400_000 },
            Alert::RiskCleared { at_ms: T0, detail: RiskDetail::UserPassedMfaDrivenByRiskPolicy },
            Alert::AccountAtRisk { level: RiskLevel::Low },
        ],
        required: vec![
            RequiredAction::RegisterMfa { days_left: 9 },
            RequiredAction::ChangePassword,
            RequiredAction::ReviewSignIn { sign_in: 41 },
        ],
        is_admin: false,
    }
}

pub fn sign_in_report() -> SignInReport {
    SignInReport { was_me: false }
}

pub fn method_request() -> MethodRequest {
    MethodRequest { method: MethodKind::AuthenticatorApp, phone: None }
}

const APP_URI: &str =
    "otpauth://totp/Contoso:ravi%40contoso.example?secret=JBSWY3DPEHPK3PXP&issuer=Contoso&digits=6&period=30";

/// An authenticator app being added. The service may send an empty `qr_svg`: the
/// adapter draws the code from `uri` itself.
pub fn enrollment() -> Enrollment {
    Enrollment {
        method: MethodKind::AuthenticatorApp,
        key: "JBSW Y3DP EHPK 3PXP".into(),
        uri: APP_URI.into(),
        qr_svg: String::new(),
        phone_hint: None,
    }
}

pub fn method_code() -> MethodCode {
    MethodCode { code: "287082".into() }
}

fn contoso_policy() -> TenantPolicy {
    TenantPolicy {
        registration: RegistrationPolicy { enforcement: Enforcement::On, included: vec![], excluded: vec![] },
        sign_in_risk: SignInRiskPolicy {
            enforcement: Enforcement::On,
            min_level: RiskLevel::Medium,
            action: SignInAction::RequireMfa,
        },
        user_risk: UserRiskPolicy {
            enforcement: Enforcement::On,
            min_level: RiskLevel::High,
            action: UserAction::RequireMfaAndPasswordChange,
        },
        block_unregistered_at_risk: true,
        admin_password_reset_remediates: true,
        phishing_resistant_for_high_risk: false,
        reset: ResetPolicy {
            enabled: true,
            methods_required: 1,
            allowed: vec![MethodKind::AuthenticatorApp, MethodKind::Sms],
        },
    }
}

fn banned() -> BannedList {
    BannedList { custom: vec!["contoso".into(), "redmond".into()] }
}

pub fn admin_view() -> AdminView {
    AdminView {
        users: vec![UserSummary {
            username: "kim@contoso.example".into(),
            display_name: "Kim Abercrombie".into(),
            tenant: "contoso".into(),
            home_tenant: "contoso".into(),
            user_risk: RiskLevel::High,
            detections: vec![Detection {
                kind: DetectionKind::LeakedCredentials,
                level: RiskLevel::High,
                timing: Timing::Offline,
                at_ms: T0 - 3_600_000,
                state: RiskState::AtRisk,
            }],
            risk_history: vec![RiskChange {
                at_ms: T0 - 7 * 86_400_000,
                state: RiskState::Remediated,
                detail: RiskDetail::UserPerformedSecuredPasswordChange,
            }],
            methods: vec![MethodKind::AuthenticatorApp],
            disabled: false,
            locked_until_ms: None,
            temporary_password: false,
            admin_actions: vec![
                AdminRecord {
                    at_ms: T0 - 2 * 86_400_000,
                    action: AdminAction::Unblock,
                    by: "Alex Admin".into(),
                },
                AdminRecord {
                    at_ms: T0 - 86_400_000,
                    action: AdminAction::ConfirmSignInSafe { sign_in: 41 },
                    by: "Alex Admin".into(),
                },
            ],
        }],
        sign_ins: vec![sign_in_record()],
        tenants: vec![TenantView {
            id: "contoso".into(),
            name: "Contoso".into(),
            policy: contoso_policy(),
            banned: banned(),
        }],
    }
}

pub fn admin_act_request() -> AdminActRequest {
    AdminActRequest { action: AdminAction::TemporaryPassword }
}

/// The admin confirms one logged sign-in (its `id`) was the person's own.
pub fn admin_act_confirm_sign_in() -> AdminActRequest {
    AdminActRequest { action: AdminAction::ConfirmSignInSafe { sign_in: 41 } }
}

pub fn admin_receipt() -> AdminReceipt {
    AdminReceipt { view: admin_view(), temporary_password: Some("Temp-Heron-5831".into()) }
}

pub fn policy_update() -> PolicyUpdate {
    PolicyUpdate { policy: contoso_policy(), banned: banned() }
}
