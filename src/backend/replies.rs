//! Which reply types the HTTP adapter reads, and their fields and variants, as the
//! api.rs and engine types declare them. The `#[serde(...)]` attributes on those types
//! are all `default`s (none renames or changes the tagging): here `field = value` where
//! the field is not an `Option`, which reads a missing key as `None` anyway.
use super::api::{
    AccountView, AdminAction, AdminReceipt, AdminRecord, AdminView, Alert, BackendError, BrandText, Branding,
    Coordinates, Enrollment, ErrorReply, Field, FlowSecret, Location, Logo, Problem, Reply, RequiredAction,
    ResetReply, RiskChange, SignInOutcome, SignInRecord, SignInSource, TenantView, Unusual, UserSummary,
};
use super::read::{field, field_or, object, unit, variant, within, Error, Read};
use super::webauthn::{PasskeyOptions, WebAuthnError};
use crate::engine::password::{BannedList, Rejection, Verdict};
use crate::engine::policy::{RegistrationPolicy, ResetPolicy, SignInRiskPolicy, UserRiskPolicy};
use crate::engine::reset::{Proof, ResetBlock, ResetStep};
use crate::engine::{
    BlockReason, Detection, DetectionKind, Enforcement, MethodKind, NoticeKind, PasswordReason, PolicyKind,
    Remediation, RiskDetail, RiskKind, RiskLevel, RiskState, SignInAction, Step, TenantPolicy, Timing,
    UserAction, Why,
};
use wasm_bindgen::JsValue;

/// Readers for structs, by their fields' names; `field = expr` for a field serde reads
/// with `#[serde(default)]`, `expr` being what a missing key means. A field left out
/// does not compile: the struct is built with all of them.
macro_rules! structs {
    ($($ty:ident { $($field:ident $(= $default:expr)?),* $(,)? })*) => {$(
        impl Read for $ty {
            fn read(value: &JsValue) -> Result<Self, Error> {
                let object = object(value)?;
                Ok($ty { $($field: read_field!(object, $field $(, $default)?),)* })
            }
        }
    )*};
}

/// One field, read from `$object`.
macro_rules! read_field {
    ($object:ident, $field:ident) => {
        field($object, stringify!($field))?
    };
    ($object:ident, $field:ident, $default:expr) => {
        field_or($object, stringify!($field), || $default)?
    };
}

/// Readers for enums whose variants are all units: the variant's index among the names.
/// In both kinds of enum `_every_variant` matches the type's variants, so a variant added
/// to the type does not compile until it is listed here.
macro_rules! units {
    ($($ty:ident { $($variant:ident),* $(,)? })*) => {$(
        impl Read for $ty {
            fn read(value: &JsValue) -> Result<Self, Error> {
                let _every_variant = |v: &$ty| match v { $($ty::$variant => ()),* };
                const ALL: &[$ty] = &[$($ty::$variant),*];
                Ok(ALL[unit(value, &[$(stringify!($variant)),*])?])
            }
        }
    )*};
}

/// Readers for enums with data: each variant a unit (`Name`), a newtype (`Name(Type)`)
/// or a struct (`Name { fields }`, as `structs!` takes them). `Tag` names the variants
/// without their data, so the variant found is matched by its index, not its name.
macro_rules! enums {
    ($($ty:ident {
        $($variant:ident $({ $($field:ident $(= $default:expr)?),* $(,)? })? $(($inner:ty))?),* $(,)?
    })*) => {$(
        impl Read for $ty {
            fn read(value: &JsValue) -> Result<Self, Error> {
                let _every_variant = |v: &$ty| match v { $($ty::$variant { .. } => ()),* };
                #[derive(Clone, Copy)]
                enum Tag { $($variant),* }
                const TAGS: &[Tag] = &[$(Tag::$variant),*];
                const NAMES: &[&str] = &[$(stringify!($variant)),*];
                let (index, data) = variant(value, NAMES)?;
                let read = match TAGS[index] {
                    $(Tag::$variant => {
                        read_variant!($ty::$variant $({ $($field $(= $default)?),* })? $(($inner))?, data)
                    })*
                };
                within(NAMES[index], read)
            }
        }
    )*};
}

/// One variant, read from its data.
macro_rules! read_variant {
    ($ty:ident::$variant:ident { $($field:ident $(= $default:expr)?),* }, $data:ident) => {
        object(&$data).and_then(|object| {
            Ok($ty::$variant { $($field: read_field!(object, $field $(, $default)?),)* })
        })
    };
    ($ty:ident::$variant:ident ($inner:ty), $data:ident) => {
        <$inner>::read(&$data).map($ty::$variant)
    };
    ($ty:ident::$variant:ident, $data:ident) => {
        <()>::read(&$data).map(|()| $ty::$variant)
    };
}

// What every flow reads: a sign-in's and a reset's replies and the errors.

structs! {
    Reply {
        flow_id, seq, step, display_name, tenant_name, branding, home_tenant_name, unusual, enrollment,
        code_sent_to, verdict, correlation_id, time_ms, session, passkey, handoff,
    }
    ResetReply { flow_id, seq, step, code_sent_to, verdict, passkey, correlation_id, time_ms }
    FlowSecret { flow_secret }
    ErrorReply { error, request_id }
    Branding { accent, name, logo, background, background_image, texts = Vec::new() }
    Logo { url, alt }
    BrandText { locale = String::new(), sign_in_text = String::new(), username_hint = String::new() }
    Unusual { detection, location, device, app }
    Enrollment { method, key, uri, qr_svg, phone_hint }
    Verdict { score, banned_terms, personal_terms, rejections }
    PasskeyOptions { create, challenge, rp_id, rp_name, user_id, user_name, display_name, credential_ids }
    Why { policy, level, detections }
    Remediation { risk, detail }
}

enums! {
    Step {
        Notice { kind, why },
        MfaChallenge { methods, failures, why, phishing_resistant = false },
        RegistrationInterrupt { days_left, can_skip },
        Register { allowed, attacker_risk, why },
        ChangePassword { reason, rejected },
        Blocked { reason, why },
        SignedIn { remediations },
        Cancelled,
        Failed,
    }
    ResetStep {
        Verify { offered, proven, required, failures },
        NewPassword { rejected },
        Done { unlocked, remediation },
        Blocked { reason },
        Cancelled,
        Failed,
    }
    BlockReason {
        Disabled,
        LockedOut { until_ms },
        SignInRisk,
        UserRisk,
        UnregisteredAtRisk,
        HomeTenantMustRemediate,
        TooManyFailedCodes,
        NoPhishingResistantMethod,
    }
    Rejection {
        Empty,
        TooShort { min },
        TooLong { max },
        SameAsCurrent,
        Weak { score, needed, banned_terms },
        ContainsPersonalInfo,
    }
    BackendError {
        InvalidCredentials,
        InvalidInput { field, problem },
        UnknownFlow,
        FlowExpired,
        StaleStep { expected },
        Unexpected { input },
        NotAuthorized,
        StepUpRequired,
        UnknownUser,
        Unavailable,
        Timeout,
        Malformed(String),
        Passkey(WebAuthnError),
        NotFound,
        MethodNotAllowed,
        TooLarge,
    }
}

units! {
    MethodKind { AuthenticatorApp, Sms, Voice, Passkey }
    NoticeKind { SignInRisk, UserRisk }
    PasswordReason { TemporaryPassword, UserRisk }
    RiskKind { SignIn, User }
    PolicyKind {
        AccountStatus, UserRisk, SignInRisk, BlockUnregisteredAtRisk, HomeTenant, TemporaryPassword,
        Registration, MfaAttempts, StepUp,
    }
    RiskLevel { None, Low, Medium, High }
    RiskDetail {
        UserPassedMfaDrivenByRiskPolicy, UserPerformedSecuredPasswordChange,
        UserPerformedSecuredPasswordReset, UserReauthenticatedPasswordless, AdminGeneratedTemporaryPassword,
        AdminResetPassword, AdminDismissedAllRisk, AdminConfirmedCompromised, AdminConfirmedSafe,
        UserReportedSuspicious, SignInBlocked,
    }
    DetectionKind {
        AnonymousIp, UnfamiliarProperties, AtypicalTravel, ImpossibleTravel, MaliciousIp, NewCountry,
        PasswordSpray, ThreatActorIp, LeakedCredentials, AnomalousActivity, UserReportedSuspicious,
        AdminConfirmedCompromised,
    }
    Proof { App, Phone, Passkey }
    ResetBlock {
        NotEnabled, Disabled, TooFewMethods, UserRiskPolicyBlocks, TooManyFailedCodes,
        HomeTenantMustRemediate,
    }
    Field { Username, Password, Code, Phone, NewPassword, Confirm, BannedList }
    Problem {
        Empty, TooLong, NotACode, CodeExpired, NoCodeSent, Mismatch, NotAPhoneNumber, InvalidList, LastMethod,
        TooManyAttempts,
    }
    WebAuthnError {
        Malformed, WrongType, ChallengeMismatch, ChallengeExpired, WrongOrigin, WrongRelyingParty,
        UserNotPresent, UserNotVerified, Unsupported, BadSignature, SignCountNotGrowing, DuplicateCredential,
        UnknownCredential,
    }
}

// Only account health and the admin view read these: the sign-in component makes none
// of their calls, so its Wasm leaves these readers out.

structs! {
    AccountView {
        username, display_name, tenant_name, methods, phone_hint, recent, alerts, required, is_admin,
    }
    SignInRecord {
        id, at_ms, username, source, detections, level, user_level = RiskLevel::None, outcome, correlation_id,
        confirmed_by_user, risk_state, risk_detail,
    }
    SignInSource { location, ip, device, app }
    Location { city, country, coords }
    Coordinates { lat, lon }
    AdminView { users, sign_ins, tenants }
    AdminReceipt { view, temporary_password }
    UserSummary {
        username, display_name, tenant, home_tenant, user_risk, detections, risk_history, methods, disabled,
        locked_until_ms, temporary_password, admin_actions = Vec::new(),
    }
    AdminRecord { at_ms, action, by }
    Detection { kind, level, timing, at_ms, state }
    RiskChange { at_ms, state, detail }
    TenantView { id, name, policy, banned }
    TenantPolicy {
        registration, sign_in_risk, user_risk, block_unregistered_at_risk, admin_password_reset_remediates,
        reset = ResetPolicy::default(), phishing_resistant_for_high_risk = false,
    }
    RegistrationPolicy { enforcement, included, excluded }
    SignInRiskPolicy { enforcement, min_level, action }
    UserRiskPolicy { enforcement, min_level, action }
    ResetPolicy { enabled, methods_required, allowed }
    BannedList { custom }
}

enums! {
    AdminAction {
        DismissRisk, ConfirmCompromised, ConfirmSafe, TemporaryPassword, RequireReregistration, Unblock,
        ConfirmSignInSafe { sign_in }, Enable, Disable,
    }
    Alert {
        UnusualSignIn { sign_in },
        PasswordChanged { at_ms },
        RiskCleared { at_ms, detail },
        AccountAtRisk { level },
    }
    RequiredAction {
        RegisterMfa { days_left },
        ChangePassword,
        ReviewSignIn { sign_in },
    }
}

units! {
    SignInOutcome { SignedIn, PasswordReset, Blocked, Cancelled, Failed, Interrupted }
    RiskState { AtRisk, Remediated, Dismissed, ConfirmedCompromised, ConfirmedSafe }
    Timing { RealTime, Offline }
    Enforcement { Off, ReportOnly, On }
    SignInAction { RequireMfa, Block }
    UserAction { RequireMfaAndPasswordChange, RequireRiskRemediation, Block }
}
