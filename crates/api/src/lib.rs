//! What crosses the line between the screens and an identity backend. Plain serde
//! types, so the mock and an HTTP adapter speak the same language.
mod branding;
mod error;
pub mod passkey;
pub mod qr;
mod wire;

pub use branding::{safe_url, BrandText, Branding, BrandingProblem, Logo};
pub use error::{invalid, BackendError, Field, Problem};
pub use wire::*;

use passkey::{PasskeyAssertion, PasskeyCreated, PasskeyOptions};
use riskgate_engine::password::{BannedList, Verdict};
use riskgate_engine::reset::ResetStep;
use riskgate_engine::{
    Detection, DetectionKind, MethodKind, RiskDetail, RiskLevel, RiskState, Step, TenantPolicy,
};
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub city: String,
    pub country: String,
    pub coords: Coordinates,
}

/// Where and how a sign-in comes from. The time is the backend's own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignInSource {
    pub location: Location,
    pub ip: String,
    pub device: String,
    pub app: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignInRequest {
    pub username: String,
    pub password: String,
    /// `None`: the backend uses the person's usual (or, in the mock, scripted) source.
    pub source: Option<SignInSource>,
    /// The organisation the page signs in to (a tenant id). When set, only its own
    /// members and its guests may sign in; anyone else gets `InvalidCredentials`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
}

impl SignInRequest {
    /// A request from wherever the backend sees it coming from, for any tenant.
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        SignInRequest { username: username.into(), password: password.into(), source: None, tenant: None }
    }
}

/// What the person did on the current step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Input {
    Continue,
    /// Send a code by text or call, for a challenge or a phone being registered.
    SendCode {
        method: MethodKind,
    },
    Code {
        method: MethodKind,
        code: String,
    },
    Skip,
    /// Start registering a method; a phone needs its number.
    BeginRegistration {
        method: MethodKind,
        phone: Option<String>,
    },
    ConfirmRegistration {
        code: String,
    },
    NewPassword {
        password: String,
        confirm: String,
    },
    Cancel,
    /// Ask for a passkey challenge: to answer the MFA challenge, or to register one.
    BeginPasskey,
    /// The new passkey, for the challenge the last reply carried.
    PasskeyCreated(PasskeyCreated),
    /// The passkey's answer to the challenge the last reply carried.
    PasskeyAssertion(PasskeyAssertion),
}

/// What was unusual about a sign-in, in terms a person recognises.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unusual {
    pub detection: DetectionKind,
    pub location: Option<String>,
    pub device: Option<String>,
    pub app: Option<String>,
}

/// An authenticator app being set up: the key, its URI and the QR code of the URI.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Enrollment {
    pub method: MethodKind,
    pub key: String,
    pub uri: String,
    pub qr_svg: String,
    /// For a phone: the number, partly hidden.
    pub phone_hint: Option<String>,
}

/// The step the person should see now, with what the screen needs to explain it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub flow_id: String,
    /// Every accepted input moves this on; an input naming an older one is refused.
    pub seq: u32,
    pub step: Step,
    pub display_name: String,
    pub tenant_name: String,
    /// The tenant's branding, already checked; `None` keeps the component's own look.
    pub branding: Option<Branding>,
    /// For a guest, the organisation the account belongs to.
    pub home_tenant_name: Option<String>,
    pub unusual: Vec<Unusual>,
    pub enrollment: Option<Enrollment>,
    /// Where the last code went (partly hidden number), for "we sent a code to".
    pub code_sent_to: Option<String>,
    /// The last candidate password's verdict, never the password itself.
    pub verdict: Option<Verdict>,
    pub correlation_id: String,
    pub time_ms: u64,
    /// Set once signed in: opens the account-health and (for IT staff) admin views.
    pub session: Option<String>,
    /// A passkey challenge for the browser to hand to WebAuthn, after `BeginPasskey`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passkey: Option<PasskeyOptions>,
    /// API v1, with `session`: a one-time code the host page's own server exchanges
    /// (`POST /handoffs/exchange`, with the host secret) for who signed in. The
    /// component passes it on in the `riskgate:signed-in` event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handoff: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignInOutcome {
    SignedIn,
    /// A completed self-service password reset.
    PasswordReset,
    Blocked,
    Cancelled,
    Failed,
    /// Left unfinished (the person closed the page or the flow expired).
    Interrupted,
}

/// One line of the sign-in log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignInRecord {
    pub id: u64,
    pub at_ms: u64,
    pub username: String,
    pub source: SignInSource,
    pub detections: Vec<DetectionKind>,
    /// The sign-in's own risk at the time.
    pub level: RiskLevel,
    /// The account's (user) risk at the time.
    #[serde(default = "no_risk")]
    pub user_level: RiskLevel,
    pub outcome: SignInOutcome,
    pub correlation_id: String,
    /// What the person said about it: `Some(true)` "this was me".
    pub confirmed_by_user: Option<bool>,
    /// Where the risk it met stands now: `None` if it met none (neither level above
    /// `None`); `AtRisk` until passed, remediated or judged.
    #[serde(default)]
    pub risk_state: Option<RiskState>,
    /// How the risk came to `risk_state` (passed MFA, changed the password, a reset, an
    /// administrator's verdict, blocked); `None` while nothing happened to it.
    #[serde(default)]
    pub risk_detail: Option<RiskDetail>,
}

fn no_risk() -> RiskLevel {
    RiskLevel::None
}

/// Something the person should know about their account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Alert {
    UnusualSignIn { sign_in: u64 },
    PasswordChanged { at_ms: u64 },
    RiskCleared { at_ms: u64, detail: RiskDetail },
    AccountAtRisk { level: RiskLevel },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RequiredAction {
    RegisterMfa { days_left: u32 },
    ChangePassword,
    ReviewSignIn { sign_in: u64 },
}

/// The signed-in person's own account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub username: String,
    pub display_name: String,
    pub tenant_name: String,
    pub methods: Vec<MethodKind>,
    pub phone_hint: Option<String>,
    pub recent: Vec<SignInRecord>,
    pub alerts: Vec<Alert>,
    pub required: Vec<RequiredAction>,
    pub is_admin: bool,
}

/// A user as IT staff see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserSummary {
    pub username: String,
    pub display_name: String,
    pub tenant: String,
    pub home_tenant: String,
    pub user_risk: RiskLevel,
    pub detections: Vec<Detection>,
    pub risk_history: Vec<RiskChange>,
    pub methods: Vec<MethodKind>,
    pub disabled: bool,
    pub locked_until_ms: Option<u64>,
    pub temporary_password: bool,
    /// What administrators did to the account, oldest first (at most the last 50).
    #[serde(default)]
    pub admin_actions: Vec<AdminRecord>,
}

/// One change of a user's risk, with why it changed.
/// One thing an administrator did to an account: when, what, and who.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminRecord {
    pub at_ms: u64,
    pub action: AdminAction,
    /// The administrator's display name.
    pub by: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskChange {
    pub at_ms: u64,
    pub state: RiskState,
    pub detail: RiskDetail,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TenantView {
    pub id: String,
    pub name: String,
    pub policy: TenantPolicy,
    pub banned: BannedList,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminView {
    pub users: Vec<UserSummary>,
    pub sign_ins: Vec<SignInRecord>,
    pub tenants: Vec<TenantView>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdminAction {
    DismissRisk,
    ConfirmCompromised,
    ConfirmSafe,
    /// A random temporary password, shown once, to be changed at the next sign-in.
    TemporaryPassword,
    RequireReregistration,
    /// Lifts a lockout and closes the user's risk as dismissed; trusts no place.
    Unblock,
    /// One sign-in of the person's, picked by the admin from the log, was theirs: its
    /// place and address become familiar. Only a sign-in that passed the password counts.
    ConfirmSignInSafe {
        sign_in: u64,
    },
    Enable,
    Disable,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminReceipt {
    pub view: AdminView,
    /// Only for `TemporaryPassword`: shown to the admin once, stored only as a hash.
    pub temporary_password: Option<String>,
}

/// What the person did on a step of a password reset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ResetInput {
    SendCode {
        method: MethodKind,
    },
    Code {
        method: MethodKind,
        code: String,
    },
    NewPassword {
        password: String,
        confirm: String,
    },
    Cancel,
    /// Ask for a passkey challenge, to prove who you are with a passkey.
    BeginPasskey,
    /// The passkey's answer to the challenge the last reply carried.
    PasskeyAssertion(PasskeyAssertion),
}

/// The step of a password reset the person should see now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResetReply {
    pub flow_id: String,
    pub seq: u32,
    pub step: ResetStep,
    pub code_sent_to: Option<String>,
    pub verdict: Option<Verdict>,
    /// A passkey challenge for the browser to hand to WebAuthn, after `BeginPasskey`.
    pub passkey: Option<PasskeyOptions>,
    pub correlation_id: String,
    pub time_ms: u64,
}

/// A point in decimal degrees: latitude in [-90, 90], longitude in [-180, 180].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Coordinates {
    pub lat: f64,
    pub lon: f64,
}

/// A backend call's future. Not `Send`: everything runs on the browser's one thread.
pub type BackendFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, BackendError>> + 'a>>;

pub trait IdentityBackend {
    /// Checks the username and password and starts a flow.
    fn sign_in(&self, request: SignInRequest) -> BackendFuture<'_, Reply>;
    /// Sends what the person did on step `seq` of flow `flow_id`.
    fn send(&self, flow_id: &str, seq: u32, input: Input) -> BackendFuture<'_, Reply>;
    /// The flow as it stands, for a client whose answer was taken but whose reply was
    /// lost (a timeout), and which was then refused as stale. Never carries the session:
    /// flow ids travel in URLs, and a session goes only to the answer that earned it.
    fn current(&self, flow_id: &str) -> BackendFuture<'_, Reply>;

    /// Starts "forgot my password" for `username`. The reply is the same whether or not
    /// the account exists, up to the code step.
    fn start_reset(&self, username: &str) -> BackendFuture<'_, ResetReply>;
    fn send_reset(&self, flow_id: &str, seq: u32, input: ResetInput) -> BackendFuture<'_, ResetReply>;
    /// The reset as it stands, for a client whose answer was taken but whose reply was
    /// lost, as `current` is for a flow. Never carries passkey options: they go only
    /// to the answer that asked for them.
    fn current_reset(&self, flow_id: &str) -> BackendFuture<'_, ResetReply>;

    /// Password protection's verdict on a candidate, for live feedback while typing;
    /// only while the flow asks for a new password. Changes nothing.
    fn check_password(&self, flow_id: &str, candidate: &str) -> BackendFuture<'_, Verdict>;

    /// The signed-in person's own account: methods, recent sign-ins, alerts, required actions.
    fn account(&self, session: &str) -> BackendFuture<'_, AccountView>;
    /// "This was me" (`true`) or "this wasn't me" about one of the person's sign-ins.
    fn report_sign_in(&self, session: &str, sign_in: u64, was_me: bool) -> BackendFuture<'_, AccountView>;
    fn remove_method(&self, session: &str, method: MethodKind) -> BackendFuture<'_, AccountView>;
    /// Starts adding a method from account health; a phone is sent its code at once.
    fn begin_method(
        &self,
        session: &str,
        method: MethodKind,
        phone: Option<String>,
    ) -> BackendFuture<'_, Enrollment>;
    /// Proves the method being added works; the account then has it.
    fn confirm_method(&self, session: &str, code: &str) -> BackendFuture<'_, AccountView>;

    /// IT staff: the tenant's users, sign-ins and policy.
    fn admin_overview(&self, session: &str) -> BackendFuture<'_, AdminView>;
    fn admin_act(
        &self,
        session: &str,
        username: &str,
        action: AdminAction,
    ) -> BackendFuture<'_, AdminReceipt>;
    fn set_policy(
        &self,
        session: &str,
        policy: TenantPolicy,
        banned: BannedList,
    ) -> BackendFuture<'_, AdminView>;

    /// A fresh, single-use challenge for signing in with a passkey instead of a
    /// password. Answers alike whether or not the account exists (or, with `tenant`,
    /// belongs to that organisation).
    fn begin_passkey_sign_in(
        &self,
        username: &str,
        tenant: Option<String>,
    ) -> BackendFuture<'_, PasskeyOptions>;
    /// Checks the passkey's answer and starts a flow, as `sign_in` does after a password.
    fn passkey_sign_in(
        &self,
        username: &str,
        tenant: Option<String>,
        answer: PasskeyAssertion,
    ) -> BackendFuture<'_, Reply>;
    /// A challenge for adding a passkey from account health.
    fn begin_passkey(&self, session: &str) -> BackendFuture<'_, PasskeyOptions>;
    /// Checks and stores the new passkey; the account then has it.
    fn confirm_passkey(&self, session: &str, created: PasskeyCreated) -> BackendFuture<'_, AccountView>;
    /// Ends the session: it opens nothing afterwards. Ending one already gone is no error.
    fn sign_out(&self, session: &str) -> BackendFuture<'_, ()>;
    /// Step-up: starts a flow in which the signed-in person proves themselves again
    /// with a method they already have (as IT staff must before admin calls, which
    /// answer `StepUpRequired` otherwise). Its `SignedIn` reply carries a fresh session,
    /// proven now, that replaces `session`; the old one ends then.
    fn step_up(&self, session: &str) -> BackendFuture<'_, Reply>;
}

/// Lets the app and a test share one mock: the app holds it as a trait object.
impl<T: IdentityBackend + ?Sized> IdentityBackend for Rc<T> {
    fn sign_in(&self, request: SignInRequest) -> BackendFuture<'_, Reply> {
        (**self).sign_in(request)
    }
    fn send(&self, flow_id: &str, seq: u32, input: Input) -> BackendFuture<'_, Reply> {
        (**self).send(flow_id, seq, input)
    }
    fn start_reset(&self, username: &str) -> BackendFuture<'_, ResetReply> {
        (**self).start_reset(username)
    }
    fn send_reset(&self, flow_id: &str, seq: u32, input: ResetInput) -> BackendFuture<'_, ResetReply> {
        (**self).send_reset(flow_id, seq, input)
    }
    fn current_reset(&self, flow_id: &str) -> BackendFuture<'_, ResetReply> {
        (**self).current_reset(flow_id)
    }
    fn check_password(&self, flow_id: &str, candidate: &str) -> BackendFuture<'_, Verdict> {
        (**self).check_password(flow_id, candidate)
    }
    fn begin_method(
        &self,
        session: &str,
        method: MethodKind,
        phone: Option<String>,
    ) -> BackendFuture<'_, Enrollment> {
        (**self).begin_method(session, method, phone)
    }
    fn confirm_method(&self, session: &str, code: &str) -> BackendFuture<'_, AccountView> {
        (**self).confirm_method(session, code)
    }
    fn account(&self, session: &str) -> BackendFuture<'_, AccountView> {
        (**self).account(session)
    }
    fn report_sign_in(&self, session: &str, sign_in: u64, was_me: bool) -> BackendFuture<'_, AccountView> {
        (**self).report_sign_in(session, sign_in, was_me)
    }
    fn remove_method(&self, session: &str, method: MethodKind) -> BackendFuture<'_, AccountView> {
        (**self).remove_method(session, method)
    }
    fn admin_overview(&self, session: &str) -> BackendFuture<'_, AdminView> {
        (**self).admin_overview(session)
    }
    fn admin_act(
        &self,
        session: &str,
        username: &str,
        action: AdminAction,
    ) -> BackendFuture<'_, AdminReceipt> {
        (**self).admin_act(session, username, action)
    }
    fn set_policy(
        &self,
        session: &str,
        policy: TenantPolicy,
        banned: BannedList,
    ) -> BackendFuture<'_, AdminView> {
        (**self).set_policy(session, policy, banned)
    }
    fn begin_passkey_sign_in(
        &self,
        username: &str,
        tenant: Option<String>,
    ) -> BackendFuture<'_, PasskeyOptions> {
        (**self).begin_passkey_sign_in(username, tenant)
    }
    fn passkey_sign_in(
        &self,
        username: &str,
        tenant: Option<String>,
        answer: PasskeyAssertion,
    ) -> BackendFuture<'_, Reply> {
        (**self).passkey_sign_in(username, tenant, answer)
    }
    fn begin_passkey(&self, session: &str) -> BackendFuture<'_, PasskeyOptions> {
        (**self).begin_passkey(session)
    }
    fn confirm_passkey(&self, session: &str, created: PasskeyCreated) -> BackendFuture<'_, AccountView> {
        (**self).confirm_passkey(session, created)
    }
    fn sign_out(&self, session: &str) -> BackendFuture<'_, ()> {
        (**self).sign_out(session)
    }
    fn current(&self, flow_id: &str) -> BackendFuture<'_, Reply> {
        (**self).current(flow_id)
    }
    fn step_up(&self, session: &str) -> BackendFuture<'_, Reply> {
        (**self).step_up(session)
    }
}
