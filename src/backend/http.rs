//! `IdentityBackend` over HTTP, for a real identity service. Each trait method is one
//! JSON request to an endpoint of docs/backend-api.md, with the api.rs types as bodies.
//! It fails closed: only a 2xx reply whose body decodes to the expected type, and keeps
//! the promises the screens rely on, is a success.
use super::api::{
    AccountView, AdminActRequest, AdminAction, AdminReceipt, AdminView, BackendError, Branding, Enrollment,
    ErrorReply, Input, MethodCode, MethodRequest, PasswordCheck, PolicyUpdate, Reply, ResetInput, ResetReply,
    ResetRequest, SignInReport, SignInRequest,
};
use super::api::{FlowSecret, PasskeySignInAnswer, PasskeySignInStart, FLOW_SECRET_HEADER};
use super::read::{self, Read};
use super::webauthn::{PasskeyAssertion, PasskeyCreated, PasskeyOptions};
use super::write;
use super::{BackendFuture, IdentityBackend};
use crate::engine::password::{BannedList, Verdict};
use crate::engine::{MethodKind, TenantPolicy};
use gloo_net::http::{Method, RequestBuilder};
use gloo_timers::callback::Timeout;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestCache, RequestCredentials, RequestRedirect};

/// How long a call may take, body included, unless `with_timeout` says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// How many flows' secrets the adapter keeps (the newest): a page has one or two under way.
const FLOW_SECRETS_KEPT: usize = 16;

/// Talks to the identity service at `base_url`, e.g. `https://id.example.com/riskgate/v1`.
#[derive(Clone, Debug)]
pub struct HttpBackend {
    base_url: String,
    timeout: Duration,
    secrets: FlowSecrets,
}

/// API v1: each flow's secret, from the reply that started it, sent with every later
/// call about the flow (`Riskgate-Flow-Secret`). Shared by clones; never printed.
#[derive(Clone, Default)]
struct FlowSecrets(Rc<RefCell<VecDeque<(String, String)>>>);

impl std::fmt::Debug for FlowSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FlowSecrets({} kept)", self.0.borrow().len())
    }
}

impl FlowSecrets {
    fn keep(&self, flow_id: &str, secret: Option<String>) {
        let Some(secret) = secret else { return };
        let mut kept = self.0.borrow_mut();
        kept.retain(|(id, _)| id != flow_id);
        if kept.len() >= FLOW_SECRETS_KEPT {
            kept.pop_front();
        }
        kept.push_back((flow_id.to_string(), secret));
    }

    fn get(&self, flow_id: &str) -> Option<String> {
        self.0.borrow().iter().find(|(id, _)| id == flow_id).map(|(_, s)| s.clone())
    }
}

impl HttpBackend {
    /// `base_url` is the API root; a trailing `/` is dropped. A relative URL resolves
    /// against the page.
    pub fn new(base_url: impl Into<String>) -> Self {
        let mut base_url = base_url.into();
        while base_url.ends_with('/') {
            base_url.pop();
        }
        HttpBackend { base_url, timeout: DEFAULT_TIMEOUT, secrets: FlowSecrets::default() }
    }

    /// Calls that take longer than `timeout` are aborted and fail with `Timeout`.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// One request, as the status and text of its reply. Boxed and not generic, so the
    /// thirteen methods share one copy of it (each only decodes its own type).
    fn exchange(
        &self,
        method: Method,
        path: Result<String, BackendError>,
        session: Option<&str>,
        body: Option<Result<String, BackendError>>,
    ) -> Exchange<'_> {
        self.exchange_for(method, path, session, None, body)
    }

    /// An exchange about flow `flow_id`, carrying its secret when the adapter has it.
    fn exchange_flow(
        &self,
        method: Method,
        path: Result<String, BackendError>,
        flow_id: &str,
        body: Option<Result<String, BackendError>>,
    ) -> Exchange<'_> {
        self.exchange_for(method, path, None, self.secrets.get(flow_id), body)
    }

    fn exchange_for(
        &self,
        method: Method,
        path: Result<String, BackendError>,
        session: Option<&str>,
        secret: Option<String>,
        body: Option<Result<String, BackendError>>,
    ) -> Exchange<'_> {
        let ready = (|| Ok((path?, session.map(bearer).transpose()?, body.transpose()?)))();
        Box::pin(async move {
            let (path, auth, body) = ready?;
            let url = format!("{}{path}", self.base_url);
            self.fetch(method, &url, auth.as_deref(), secret.as_deref(), body).await
        })
    }

    /// A reply that starts a flow or a reset: the reply, and the flow's secret kept
    /// for the calls that follow.
    fn started<T: Read>(
        &self,
        reply: (u16, String),
        flow_id: impl Fn(&T) -> &str,
    ) -> Result<T, BackendError> {
        let (status, value) = success(reply)?;
        let secret = FlowSecret::read(&value).map(|s| s.flow_secret).unwrap_or_default();
        let reply = T::read(&value).map_err(|e| malformed(status, &e))?;
        self.secrets.keep(flow_id(&reply), secret.filter(|s| header_safe(s)));
        Ok(reply)
    }

    /// The status and body text of one exchange; a network failure is `Unavailable`.
    async fn fetch(
        &self,
        method: Method,
        url: &str,
        auth: Option<&str>,
        secret: Option<&str>,
        body: Option<String>,
    ) -> Result<(u16, String), BackendError> {
        let deadline = Deadline::start(self.timeout);
        let signal = deadline.signal();
        // No cookies either way: the session travels only in the Authorization header.
        // No cache: replies hold personal data. No redirects: a moved API is a fault.
        let mut builder = RequestBuilder::new(url)
            .method(method)
            .header("Accept", "application/json")
            .credentials(RequestCredentials::Omit)
            .cache(RequestCache::NoStore)
            .redirect(RequestRedirect::Error)
            .abort_signal(Some(&signal));
        if let Some(auth) = auth {
            builder = builder.header("Authorization", auth);
        }
        if let Some(secret) = secret {
            builder = builder.header(FLOW_SECRET_HEADER, secret);
        }
        let request = match body {
            Some(json) => builder.header("Content-Type", "application/json").body(json),
            None => builder.build(),
        };
        // Only a base URL the browser cannot parse fails here: the service is unreachable.
        let request: web_sys::Request = request.map_err(|_| BackendError::Unavailable)?.into();
        let window = web_sys::window().ok_or(BackendError::Unavailable)?;
        let answer =
            JsFuture::from(window.fetch_with_request(&request)).await.map_err(|_| deadline.failure())?;
        // A host page may have replaced `fetch`: anything but a Response is a fault, not a crash.
        let response: web_sys::Response = answer.dyn_into().map_err(|_| not_a_response())?;
        let text = response.text().map_err(|_| not_a_response())?;
        let text = JsFuture::from(text).await.map_err(|_| deadline.failure())?;
        Ok((response.status(), text.as_string().unwrap_or_default()))
    }
}

/// The reply of an account-health or admin call, decoded only where the build has those
/// views: the sign-in component makes no such call, and leaves out the code that would
/// read their replies. Were one made there, it fails and signs no one in.
fn view_reply<'a, T: Read + 'a>(reply: Exchange<'a>) -> BackendFuture<'a, T> {
    #[cfg(feature = "account")]
    return Box::pin(async move { decode(reply.await?) });
    #[cfg(not(feature = "account"))]
    return Box::pin(async move {
        drop(reply);
        Err(BackendError::Unexpected { input: "a call of the account or admin view".into() })
    });
}

fn not_a_response() -> BackendError {
    BackendError::Malformed("fetch answered with something that is not a Response".into())
}

/// A reply's status and body text.
type Exchange<'a> = Pin<Box<dyn Future<Output = Result<(u16, String), BackendError>> + 'a>>;

/// A 2xx body must decode as `T`; any other status must carry an `ErrorReply`. A
/// gateway's own 502, 503 or 504 page (not our JSON) still means the service is away.
fn decode<T: Read>(reply: (u16, String)) -> Result<T, BackendError> {
    let (status, value) = success(reply)?;
    T::read(&value).map_err(|e| malformed(status, &e))
}

/// The JSON of a 2xx reply, or the error any other reply means. The browser's
/// `JSON.parse` reads the text, so each reply type only maps the parsed value.
fn success((status, body): (u16, String)) -> Result<(u16, JsValue), BackendError> {
    let parsed = read::parse(&body);
    if (200..300).contains(&status) {
        return parsed.map(|value| (status, value)).map_err(|e| malformed(status, &e));
    }
    match parsed.and_then(|value| ErrorReply::read(&value)) {
        Ok(reply) => Err(reply.error),
        Err(_) if status == 504 => Err(BackendError::Timeout),
        Err(_) if status == 502 || status == 503 => Err(BackendError::Unavailable),
        Err(e) => Err(malformed(status, &e)),
    }
}

/// Why a reply is not the type, e.g. "HTTP 200: missing field `seq`", or the
/// browser's words for one that is not JSON.
fn malformed(status: u16, error: &read::Error) -> BackendError {
    BackendError::Malformed(format!("HTTP {status}: {error}"))
}

/// `value` as a JavaScript value of the same shape as its serde JSON form: an absent
/// optional value is `null`, and a number must fit a double exactly.
fn js_value<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, serde_wasm_bindgen::Error> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}

/// The body of a call only account health and the admin view make (the sign-in calls'
/// are written by hand, write.rs); the api.rs types always serialise, but a failure
/// stays an error.
fn json<T: Serialize>(value: &T) -> Result<String, BackendError> {
    stringify(js_value(value))
}

fn stringify(value: Result<JsValue, serde_wasm_bindgen::Error>) -> Result<String, BackendError> {
    let text = value.and_then(|v| Ok(js_sys::JSON::stringify(&v)?));
    text.map(String::from).map_err(|e| BackendError::Malformed(format!("request: {e}")))
}

/// The Authorization header. A session that is not visible ASCII cannot be a header
/// value (the browser would throw), and was not issued by a well-behaved service.
fn bearer(session: &str) -> Result<String, BackendError> {
    let visible = !session.is_empty() && session.bytes().all(|b| (0x21..=0x7e).contains(&b));
    visible.then(|| format!("Bearer {session}")).ok_or(BackendError::NotAuthorized)
}

/// A flow secret the browser can send as a header: visible ASCII.
fn header_safe(secret: &str) -> bool {
    !secret.is_empty() && secret.len() <= 256 && secret.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

/// One path segment, percent-encoded but for RFC 3986's unreserved characters. `.`
/// and `..` (and their encoded forms) would be resolved away by the URL parser, and an
/// empty segment names nothing, so those are refused.
fn segment(value: &str) -> Option<String> {
    if matches!(value, "" | "." | "..") {
        return None;
    }
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

fn flow_segment(flow_id: &str) -> Result<String, BackendError> {
    segment(flow_id).ok_or(BackendError::UnknownFlow)
}

/// A method's name in a path: its JSON form without the quotes, e.g. `Sms`.
fn method_segment(method: MethodKind) -> Result<String, BackendError> {
    let name = js_value(&method).ok().and_then(|name| name.as_string());
    name.ok_or_else(|| BackendError::Malformed("request: method name".into()))
}

/// The reply's promise the screens take on trust from the mock: branding they can show
/// (a plain `#rrggbb` accent white text reads on, pictures from safe addresses). (The QR
/// code is drawn by the screen from the URI: the reply's `qr_svg` is never inserted.)
fn checked_reply(reply: Reply) -> Result<Reply, BackendError> {
    if let Some(Err(problem)) = reply.branding.as_ref().map(Branding::check) {
        return Err(BackendError::Malformed(format!("reply: {problem}")));
    }
    Ok(reply)
}

#[wasm_bindgen]
extern "C" {
    // Three members of the DOM's AbortController; web-sys would need another feature flag.
    #[derive(Clone)]
    type AbortController;
    #[wasm_bindgen(constructor)]
    fn new() -> AbortController;
    #[wasm_bindgen(method, getter)]
    fn signal(this: &AbortController) -> AbortSignal;
    #[wasm_bindgen(method)]
    fn abort(this: &AbortController);
}

/// Aborts the request when the time is up, or when the call is dropped (the screen
/// that made it is gone), so no request outlives its caller.
struct Deadline {
    controller: AbortController,
    _timer: Timeout,
}

impl Deadline {
    fn start(limit: Duration) -> Self {
        let controller = AbortController::new();
        let on_time_up = controller.clone();
        // setTimeout takes at most 2^31 - 1 ms; anything longer would fire at once.
        let ms = limit.as_millis().min(i32::MAX as u128) as u32;
        let timer = Timeout::new(ms, move || on_time_up.abort());
        Deadline { controller, _timer: timer }
    }

    fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    /// What a failed fetch means: the deadline passed, or the network failed.
    fn failure(&self) -> BackendError {
        if self.signal().aborted() {
            BackendError::Timeout
        } else {
            BackendError::Unavailable
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        // A finished request ignores this.
        self.controller.abort();
    }
}

impl IdentityBackend for HttpBackend {
    fn sign_in(&self, request: SignInRequest) -> BackendFuture<'_, Reply> {
        let reply = self.exchange(Method::POST, Ok("/sign-in".into()), None, Some(Ok(write::json(&request))));
        Box::pin(async move { self.started(reply.await?, |r: &Reply| &r.flow_id).and_then(checked_reply) })
    }

    fn send(&self, flow_id: &str, seq: u32, input: Input) -> BackendFuture<'_, Reply> {
        let path = flow_segment(flow_id).map(|id| format!("/flows/{id}/steps/{seq}"));
        let reply = self.exchange_flow(Method::POST, path, flow_id, Some(Ok(write::json(&input))));
        Box::pin(async move { decode(reply.await?).and_then(checked_reply) })
    }

    fn current(&self, flow_id: &str) -> BackendFuture<'_, Reply> {
        let path = flow_segment(flow_id).map(|id| format!("/flows/{id}"));
        let reply = self.exchange_flow(Method::GET, path, flow_id, None);
        // Read by flow id alone: whatever the service sends, this carries no session and
        // opens no passkey prompt.
        Box::pin(async move {
            let read = decode(reply.await?).and_then(checked_reply)?;
            Ok(Reply { session: None, passkey: None, handoff: None, ..read })
        })
    }

    fn start_reset(&self, username: &str) -> BackendFuture<'_, ResetReply> {
        let body = Ok(write::json(&ResetRequest { username: username.into() }));
        let reply = self.exchange(Method::POST, Ok("/resets".into()), None, Some(body));
        Box::pin(async move { self.started(reply.await?, |r: &ResetReply| &r.flow_id) })
    }

    fn send_reset(&self, flow_id: &str, seq: u32, input: ResetInput) -> BackendFuture<'_, ResetReply> {
        let path = flow_segment(flow_id).map(|id| format!("/resets/{id}/steps/{seq}"));
        let reply = self.exchange_flow(Method::POST, path, flow_id, Some(Ok(write::json(&input))));
        Box::pin(async move { decode(reply.await?) })
    }

    fn current_reset(&self, flow_id: &str) -> BackendFuture<'_, ResetReply> {
        let path = flow_segment(flow_id).map(|id| format!("/resets/{id}"));
        let reply = self.exchange_flow(Method::GET, path, flow_id, None);
        Box::pin(async move { decode(reply.await?).map(|r| ResetReply { passkey: None, ..r }) })
    }

    fn check_password(&self, flow_id: &str, candidate: &str) -> BackendFuture<'_, Verdict> {
        let body = Ok(write::json(&PasswordCheck { flow_id: flow_id.into(), candidate: candidate.into() }));
        let reply = self.exchange_flow(Method::POST, Ok("/password-checks".into()), flow_id, Some(body));
        Box::pin(async move { decode(reply.await?) })
    }

    fn account(&self, session: &str) -> BackendFuture<'_, AccountView> {
        let reply = self.exchange(Method::GET, Ok("/account".into()), Some(session), None);
        view_reply(reply)
    }

    fn report_sign_in(&self, session: &str, sign_in: u64, was_me: bool) -> BackendFuture<'_, AccountView> {
        let path = Ok(format!("/account/sign-ins/{sign_in}/report"));
        let reply = self.exchange(Method::POST, path, Some(session), Some(json(&SignInReport { was_me })));
        view_reply(reply)
    }

    fn remove_method(&self, session: &str, method: MethodKind) -> BackendFuture<'_, AccountView> {
        let path = method_segment(method).map(|m| format!("/account/methods/{m}"));
        let reply = self.exchange(Method::DELETE, path, Some(session), None);
        view_reply(reply)
    }

    fn begin_method(
        &self,
        session: &str,
        method: MethodKind,
        phone: Option<String>,
    ) -> BackendFuture<'_, Enrollment> {
        let body = json(&MethodRequest { method, phone });
        let reply = self.exchange(Method::POST, Ok("/account/methods".into()), Some(session), Some(body));
        Box::pin(view_reply(reply))
    }

    fn confirm_method(&self, session: &str, code: &str) -> BackendFuture<'_, AccountView> {
        let body = json(&MethodCode { code: code.into() });
        let path = Ok("/account/methods/confirm".into());
        let reply = self.exchange(Method::POST, path, Some(session), Some(body));
        view_reply(reply)
    }

    fn admin_overview(&self, session: &str) -> BackendFuture<'_, AdminView> {
        let reply = self.exchange(Method::GET, Ok("/admin".into()), Some(session), None);
        view_reply(reply)
    }

    fn admin_act(
        &self,
        session: &str,
        username: &str,
        action: AdminAction,
    ) -> BackendFuture<'_, AdminReceipt> {
        let path = segment(username).map(|u| format!("/admin/users/{u}/actions"));
        let path = path.ok_or(BackendError::UnknownUser);
        let reply = self.exchange(Method::POST, path, Some(session), Some(json(&AdminActRequest { action })));
        view_reply(reply)
    }

    fn set_policy(
        &self,
        session: &str,
        policy: TenantPolicy,
        banned: BannedList,
    ) -> BackendFuture<'_, AdminView> {
        let body = json(&PolicyUpdate { policy, banned });
        let reply = self.exchange(Method::PUT, Ok("/admin/policy".into()), Some(session), Some(body));
        view_reply(reply)
    }

    fn step_up(&self, session: &str) -> BackendFuture<'_, Reply> {
        let reply = self.exchange(Method::POST, Ok("/session/step-up".into()), Some(session), None);
        Box::pin(async move { self.started(reply.await?, |r: &Reply| &r.flow_id).and_then(checked_reply) })
    }

    fn begin_passkey_sign_in(
        &self,
        username: &str,
        tenant: Option<String>,
    ) -> BackendFuture<'_, PasskeyOptions> {
        let body = Ok(write::json(&PasskeySignInStart { username: username.into(), tenant }));
        let reply = self.exchange(Method::POST, Ok("/passkey-sign-ins".into()), None, Some(body));
        Box::pin(async move { decode(reply.await?) })
    }

    fn passkey_sign_in(
        &self,
        username: &str,
        tenant: Option<String>,
        answer: PasskeyAssertion,
    ) -> BackendFuture<'_, Reply> {
        let body = Ok(write::json(&PasskeySignInAnswer { username: username.into(), tenant, answer }));
        let reply = self.exchange(Method::POST, Ok("/passkey-sign-ins/answer".into()), None, Some(body));
        Box::pin(async move { self.started(reply.await?, |r: &Reply| &r.flow_id).and_then(checked_reply) })
    }

    fn begin_passkey(&self, session: &str) -> BackendFuture<'_, PasskeyOptions> {
        let reply = self.exchange(Method::POST, Ok("/account/passkeys".into()), Some(session), None);
        Box::pin(async move { decode(reply.await?) })
    }

    fn confirm_passkey(&self, session: &str, created: PasskeyCreated) -> BackendFuture<'_, AccountView> {
        let path = Ok("/account/passkeys/confirm".into());
        let reply = self.exchange(Method::POST, path, Some(session), Some(json(&created)));
        view_reply(reply)
    }

    fn sign_out(&self, session: &str) -> BackendFuture<'_, ()> {
        let reply = self.exchange(Method::DELETE, Ok("/session".into()), Some(session), None);
        Box::pin(async move {
            match reply.await? {
                // No content is as good as the documented `null`.
                (204, _) => Ok(()),
                reply => decode(reply),
            }
        })
    }
}
