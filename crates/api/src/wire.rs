//! The HTTP form of the trait (docs/backend-api.md, src/backend/http.rs): the bodies that
//! carry a method's other arguments, the error wrapper, the flow secret and the hand-off.
use crate::passkey::PasskeyAssertion;
use crate::{AdminAction, BackendError};
use riskgate_engine::password::BannedList;
use riskgate_engine::{MethodKind, TenantPolicy};
use serde::{Deserialize, Serialize};

/// `POST /resets`: start "forgot my password".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResetRequest {
    pub username: String,
}

/// `POST /password-checks`. `flow_id` names a sign-in flow or a reset; the candidate
/// travels in the body so it never lands in a URL or an access log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PasswordCheck {
    pub flow_id: String,
    pub candidate: String,
}

/// `POST /account/sign-ins/{id}/report`: `true` is "this was me".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignInReport {
    pub was_me: bool,
}

/// `POST /account/methods`: start adding a method; a phone needs its number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MethodRequest {
    pub method: MethodKind,
    pub phone: Option<String>,
}

/// `POST /account/methods/confirm`: the code that proves the method being added works.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MethodCode {
    pub code: String,
}

/// `POST /admin/users/{username}/actions`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminActRequest {
    pub action: AdminAction,
}

/// `PUT /admin/policy`: the admin's own tenant's policy and banned-password list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicyUpdate {
    pub policy: TenantPolicy,
    pub banned: BannedList,
}

/// The body of every reply that is not a 2xx.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorReply {
    pub error: BackendError,
    /// API v1: the request's `X-Request-Id`, to quote to whoever runs the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl ErrorReply {
    pub fn new(error: BackendError) -> Self {
        ErrorReply { error, request_id: None }
    }
}

/// The version of the HTTP API (docs/backend-api.md) these types speak. v1 adds the
/// flow secret, the session hand-off, request ids and the `NotFound`,
/// `MethodNotAllowed` and `TooLarge` errors.
pub const API_VERSION: u32 = 1;

/// API v1: the header that carries a flow's secret on `/flows/{id}...`,
/// `/resets/{id}...` and `/password-checks`.
pub const FLOW_SECRET_HEADER: &str = "Riskgate-Flow-Secret";

/// API v1: a reply that starts a flow or a reset (`POST /sign-in`,
/// `POST /passkey-sign-ins/answer`, `POST /session/step-up`, `POST /resets`), with the
/// flow's secret beside the reply's own fields. It is sent this once; every later
/// call about the flow carries it in `Riskgate-Flow-Secret`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WithFlowSecret<T> {
    #[serde(flatten)]
    pub reply: T,
    pub flow_secret: String,
}

/// What a client reads of a reply to learn the flow secret, when there is one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FlowSecret {
    #[serde(default)]
    pub flow_secret: Option<String>,
}

/// API v1, `POST /handoffs/exchange` (server to server, with the host secret): the
/// code from the `riskgate:signed-in` event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HandoffExchange {
    pub code: String,
}

/// What a hand-off code stood for: who signed in, to which tenant, until when the
/// session can last at most, and whether the sign-in proved the person with a method
/// (an MFA code or a passkey).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HandoffSession {
    pub subject: String,
    pub tenant: String,
    #[serde(default)]
    pub session_expires_ms: Option<u64>,
    pub proven: bool,
}

/// `POST /passkey-sign-ins`: a challenge for signing in with a passkey instead of a password.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PasskeySignInStart {
    pub username: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
}

/// `POST /passkey-sign-ins/answer`: the passkey's answer to that challenge; starts a flow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PasskeySignInAnswer {
    pub username: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    pub answer: PasskeyAssertion,
}
