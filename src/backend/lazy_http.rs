//! The HTTP adapter as a Wasm part of its own, in the split build: the username screen
//! makes no call, so the first module goes without the adapter and the JSON code of every
//! reply it reads. The part is fetched once the person starts on the first screen
//! (`warm_up`), or at the first call; a part that cannot be fetched is `Unavailable`,
//! which the screens already answer with a message and a retry.
use super::api::{AccountView, AdminAction, AdminReceipt, AdminView, BackendError, Enrollment, Input};
use super::api::{Reply, ResetInput, ResetReply, SignInRequest};
use super::http::HttpBackend;
use super::webauthn::{PasskeyAssertion, PasskeyCreated, PasskeyOptions};
use super::{BackendFuture, IdentityBackend};
use crate::engine::password::{BannedList, Verdict};
use crate::engine::{MethodKind, TenantPolicy};
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use std::cell::RefCell;
use std::rc::Rc;

/// The adapter's part could not be fetched.
pub struct AdapterMissing;

impl From<SplitLoaderError> for AdapterMissing {
    fn from(_: SplitLoaderError) -> Self {
        AdapterMissing
    }
}

#[wasm_split(http, wasm_split_path = ::leptos::wasm_split, preload(preload_adapter), fallible)]
fn adapter_for(base_url: String) -> Result<Rc<dyn IdentityBackend>, AdapterMissing> {
    Ok(Rc::new(HttpBackend::new(base_url)))
}

/// `HttpBackend` once its part is here.
pub struct LazyHttp {
    base_url: String,
    adapter: RefCell<Option<Rc<dyn IdentityBackend>>>,
}

impl LazyHttp {
    pub fn new(base_url: String) -> Self {
        LazyHttp { base_url, adapter: RefCell::new(None) }
    }

    async fn adapter(&self) -> Result<Rc<dyn IdentityBackend>, BackendError> {
        if let Some(adapter) = self.adapter.borrow().clone() {
            return Ok(adapter);
        }
        let adapter = adapter_for(self.base_url.clone()).await.map_err(|_| BackendError::Unavailable)?;
        *self.adapter.borrow_mut() = Some(adapter.clone());
        Ok(adapter)
    }
}

// Each call waits for the adapter, then is the adapter's. Borrowed arguments are copied
// first: the call's future may outlive them.
impl IdentityBackend for LazyHttp {
    /// Fetches the adapter's part ahead of the first call; a failure is left to that call.
    fn warm_up(&self) {
        if self.adapter.borrow().is_none() {
            leptos::task::spawn_local(async {
                let _ = preload_adapter().await;
            });
        }
    }
    fn sign_in(&self, request: SignInRequest) -> BackendFuture<'_, Reply> {
        Box::pin(async move { self.adapter().await?.sign_in(request).await })
    }
    fn send(&self, flow_id: &str, seq: u32, input: Input) -> BackendFuture<'_, Reply> {
        let flow_id = flow_id.to_owned();
        Box::pin(async move { self.adapter().await?.send(&flow_id, seq, input).await })
    }
    fn current(&self, flow_id: &str) -> BackendFuture<'_, Reply> {
        let flow_id = flow_id.to_owned();
        Box::pin(async move { self.adapter().await?.current(&flow_id).await })
    }
    fn start_reset(&self, username: &str) -> BackendFuture<'_, ResetReply> {
        let username = username.to_owned();
        Box::pin(async move { self.adapter().await?.start_reset(&username).await })
    }
    fn send_reset(&self, flow_id: &str, seq: u32, input: ResetInput) -> BackendFuture<'_, ResetReply> {
        let flow_id = flow_id.to_owned();
        Box::pin(async move { self.adapter().await?.send_reset(&flow_id, seq, input).await })
    }
    fn current_reset(&self, flow_id: &str) -> BackendFuture<'_, ResetReply> {
        let flow_id = flow_id.to_owned();
        Box::pin(async move { self.adapter().await?.current_reset(&flow_id).await })
    }
    fn check_password(&self, flow_id: &str, candidate: &str) -> BackendFuture<'_, Verdict> {
        let (flow_id, candidate) = (flow_id.to_owned(), candidate.to_owned());
        Box::pin(async move { self.adapter().await?.check_password(&flow_id, &candidate).await })
    }
    fn account(&self, session: &str) -> BackendFuture<'_, AccountView> {
        let session = session.to_owned();
        Box::pin(async move { self.adapter().await?.account(&session).await })
    }
    fn report_sign_in(&self, session: &str, sign_in: u64, was_me: bool) -> BackendFuture<'_, AccountView> {
        let session = session.to_owned();
        Box::pin(async move { self.adapter().await?.report_sign_in(&session, sign_in, was_me).await })
    }
    fn remove_method(&self, session: &str, method: MethodKind) -> BackendFuture<'_, AccountView> {
        let session = session.to_owned();
        Box::pin(async move { self.adapter().await?.remove_method(&session, method).await })
    }
    fn begin_method(
        &self,
        session: &str,
        method: MethodKind,
        phone: Option<String>,
    ) -> BackendFuture<'_, Enrollment> {
        let session = session.to_owned();
        Box::pin(async move { self.adapter().await?.begin_method(&session, method, phone).await })
    }
    fn confirm_method(&self, session: &str, code: &str) -> BackendFuture<'_, AccountView> {
        let (session, code) = (session.to_owned(), code.to_owned());
        Box::pin(async move { self.adapter().await?.confirm_method(&session, &code).await })
    }
    fn admin_overview(&self, session: &str) -> BackendFuture<'_, AdminView> {
        let session = session.to_owned();
        Box::pin(async move { self.adapter().await?.admin_overview(&session).await })
    }
    fn admin_act(
        &self,
        session: &str,
        username: &str,
        action: AdminAction,
    ) -> BackendFuture<'_, AdminReceipt> {
        let (session, username) = (session.to_owned(), username.to_owned());
        Box::pin(async move { self.adapter().await?.admin_act(&session, &username, action).await })
    }
    fn set_policy(
        &self,
        session: &str,
        policy: TenantPolicy,
        banned: BannedList,
    ) -> BackendFuture<'_, AdminView> {
        let session = session.to_owned();
        Box::pin(async move { self.adapter().await?.set_policy(&session, policy, banned).await })
    }
    fn begin_passkey_sign_in(
        &self,
        username: &str,
        tenant: Option<String>,
    ) -> BackendFuture<'_, PasskeyOptions> {
        let username = username.to_owned();
        Box::pin(async move { self.adapter().await?.begin_passkey_sign_in(&username, tenant).await })
    }
    fn passkey_sign_in(
        &self,
        username: &str,
        tenant: Option<String>,
        answer: PasskeyAssertion,
    ) -> BackendFuture<'_, Reply> {
        let username = username.to_owned();
        Box::pin(async move { self.adapter().await?.passkey_sign_in(&username, tenant, answer).await })
    }
    fn begin_passkey(&self, session: &str) -> BackendFuture<'_, PasskeyOptions> {
        let session = session.to_owned();
        Box::pin(async move { self.adapter().await?.begin_passkey(&session).await })
    }
    fn confirm_passkey(&self, session: &str, created: PasskeyCreated) -> BackendFuture<'_, AccountView> {
        let session = session.to_owned();
        Box::pin(async move { self.adapter().await?.confirm_passkey(&session, created).await })
    }
    fn sign_out(&self, session: &str) -> BackendFuture<'_, ()> {
        let session = session.to_owned();
        Box::pin(async move { self.adapter().await?.sign_out(&session).await })
    }
    fn step_up(&self, session: &str) -> BackendFuture<'_, Reply> {
        let session = session.to_owned();
        Box::pin(async move { self.adapter().await?.step_up(&session).await })
    }
}
