//! Identity backends: the trait the screens talk to, and the in-browser mock.
//! The backend is the authority: it checks what was typed, runs the engine and
//! returns the next step; an input the current step does not take is refused.
pub mod api;
pub mod detect;
pub mod directory;
pub mod geo;
pub mod hash;
/// The HTTP adapter: the same trait over the JSON API of docs/backend-api.md.
#[cfg(target_arch = "wasm32")]
pub mod http;
#[cfg(target_arch = "wasm32")]
mod js_json;
pub mod mock;
pub mod platform;
pub mod seed;
pub mod soft_key;
pub mod totp;
pub mod webauthn;

pub use api::{AccountView, AdminAction, AdminReceipt, AdminView, BackendError, Input, Reply, SignInRequest};
pub use api::{Enrollment, ResetInput, ResetReply};
pub use mock::MockBackend;
pub use webauthn::{PasskeyAssertion, PasskeyCreated, PasskeyOptions, WebAuthnError};

use crate::engine::password::{BannedList, Verdict};
use crate::engine::{MethodKind, TenantPolicy};
use std::future::Future;
use std::pin::Pin;

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
