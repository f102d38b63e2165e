//! The HTTP adapter in a Wasm part, in the split build: the username screen makes no
//! call, so the first module goes without the adapter and the JSON code of every reply it
//! reads. It shares the `signin` part with the password screen (src/ui/split.rs), so it
//! is fetched with that screen's preload once the person starts on the first screen, or
//! at the first call; a part that cannot be fetched is `Unavailable`, which the screens
//! already answer with a message and a retry.
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

/// What the part hands over: every call in builds with account health and the admin
/// view, and otherwise the sign-in calls alone (`SignInCalls`), so that the part leaves
/// out the code of the others (their request bodies, about 4.7 KB before wasm-opt).
#[cfg(feature = "account")]
type Adapter = dyn IdentityBackend;
#[cfg(not(feature = "account"))]
type Adapter = dyn SignInCalls;

#[wasm_split(signin, wasm_split_path = ::leptos::wasm_split, fallible)]
fn adapter_for(base_url: String) -> Result<Rc<Adapter>, AdapterMissing> {
    Ok(Rc::new(HttpBackend::new(base_url)))
}

/// `HttpBackend` once its part is here.
pub struct LazyHttp {
    base_url: String,
    adapter: RefCell<Option<Rc<Adapter>>>,
}

impl LazyHttp {
    pub fn new(base_url: String) -> Self {
        LazyHttp { base_url, adapter: RefCell::new(None) }
    }

    async fn adapter(&self) -> Result<Rc<Adapter>, BackendError> {
        if let Some(adapter) = self.adapter.borrow().clone() {
            return Ok(adapter);
        }
        let adapter = adapter_for(self.base_url.clone()).await.map_err(|_| BackendError::Unavailable)?;
        *self.adapter.borrow_mut() = Some(adapter.clone());
        Ok(adapter)
    }

    /// `call` on the adapter once it is here. One copy of the waiting per reply type, not
    /// one per call: the calls are boxed closures.
    fn then<T: 'static>(&self, call: Call<T>) -> BackendFuture<'_, T> {
        Box::pin(async move { call(&*self.adapter().await?).await })
    }
}

/// A call to make on the adapter, with its arguments.
type Call<T> = Box<dyn for<'b> FnOnce(&'b Adapter) -> BackendFuture<'b, T>>;

/// Boxes `f`; passing it through here lets Rust see that its future borrows the adapter.
fn call<T, F>(f: F) -> Call<T>
where
    F: for<'b> FnOnce(&'b Adapter) -> BackendFuture<'b, T> + 'static,
{
    Box::new(f)
}

/// An argument as the call's future keeps it: a borrowed one (`name: &str => String`)
/// copied, since the future may outlive it.
macro_rules! keep {
    ($arg:ident) => {
        $arg
    };
    ($arg:ident, $owned:ty) => {
        <$owned>::from($arg)
    };
}

/// The kept argument as the adapter takes it.
macro_rules! pass {
    ($arg:ident) => {
        $arg
    };
    ($arg:ident, $owned:ty) => {
        &$arg
    };
}

/// Each call waits for the adapter, then is the adapter's. The calls only account health
/// and the admin view make (`views`) are forwarded in builds with those views; the
/// sign-in component has none, and answers them `Unavailable` without the code that
/// would wait for and call the adapter.
macro_rules! forward {
    (
        always { $($name:ident($($arg:ident: $ty:ty $(=> $owned:ty)?),*) -> $out:ty;)* }
        views { $($view:ident($($varg:ident: $vty:ty $(=> $vowned:ty)?),*) -> $vout:ty;)* }
    ) => {
        /// The calls every build makes, as `IdentityBackend` has them.
        #[cfg(not(feature = "account"))]
        trait SignInCalls {
            $(fn $name(&self, $($arg: $ty),*) -> BackendFuture<'_, $out>;)*
        }

        #[cfg(not(feature = "account"))]
        impl SignInCalls for HttpBackend {
            $(fn $name(&self, $($arg: $ty),*) -> BackendFuture<'_, $out> {
                IdentityBackend::$name(self, $($arg),*)
            })*
        }

        impl IdentityBackend for LazyHttp {
            $(fn $name(&self, $($arg: $ty),*) -> BackendFuture<'_, $out> {
                $(let $arg = keep!($arg $(, $owned)?);)*
                self.then(call(move |adapter| adapter.$name($(pass!($arg $(, $owned)?)),*)))
            })*

            $(fn $view(&self, $($varg: $vty),*) -> BackendFuture<'_, $vout> {
                #[cfg(feature = "account")]
                {
                    $(let $varg = keep!($varg $(, $vowned)?);)*
                    self.then(call(move |adapter| adapter.$view($(pass!($varg $(, $vowned)?)),*)))
                }
                #[cfg(not(feature = "account"))]
                {
                    let _ = ($($varg),*);
                    Box::pin(std::future::ready(Err(BackendError::Unavailable)))
                }
            })*
        }
    };
}

forward! {
    always {
        sign_in(request: SignInRequest) -> Reply;
        send(flow_id: &str => String, seq: u32, input: Input) -> Reply;
        current(flow_id: &str => String) -> Reply;
        start_reset(username: &str => String) -> ResetReply;
        send_reset(flow_id: &str => String, seq: u32, input: ResetInput) -> ResetReply;
        current_reset(flow_id: &str => String) -> ResetReply;
        check_password(flow_id: &str => String, candidate: &str => String) -> Verdict;
        begin_passkey_sign_in(username: &str => String, tenant: Option<String>) -> PasskeyOptions;
        passkey_sign_in(username: &str => String, tenant: Option<String>, answer: PasskeyAssertion) -> Reply;
        sign_out(session: &str => String) -> ();
    }
    views {
        account(session: &str => String) -> AccountView;
        report_sign_in(session: &str => String, sign_in: u64, was_me: bool) -> AccountView;
        remove_method(session: &str => String, method: MethodKind) -> AccountView;
        begin_method(session: &str => String, method: MethodKind, phone: Option<String>) -> Enrollment;
        confirm_method(session: &str => String, code: &str => String) -> AccountView;
        admin_overview(session: &str => String) -> AdminView;
        admin_act(session: &str => String, username: &str => String, action: AdminAction) -> AdminReceipt;
        set_policy(session: &str => String, policy: TenantPolicy, banned: BannedList) -> AdminView;
        begin_passkey(session: &str => String) -> PasskeyOptions;
        confirm_passkey(session: &str => String, created: PasskeyCreated) -> AccountView;
        step_up(session: &str => String) -> Reply;
    }
}
