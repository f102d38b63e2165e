//! The endpoints of docs/backend-api.md, each one call of the authority, plus what API
//! v1 adds around them: flow secrets, the session hand-off, health and demo tools.
use crate::authority::AuthorityHandle;
use crate::errors::{ApiError, JsonBody, PathParams};
use crate::places::Places;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use riskgate_api::passkey::PasskeyCreated;
use riskgate_api::{
    AdminActRequest, BackendError, Field, HandoffExchange, HandoffSession, Input, MethodCode, MethodRequest,
    PasskeySignInAnswer, PasskeySignInStart, PasswordCheck, PolicyUpdate, Problem, Reply, ResetInput,
    ResetReply, ResetRequest, SignInReport, SignInRequest, WithFlowSecret, FLOW_SECRET_HEADER,
};
use riskgate_engine::{MethodKind, Step};
use riskgate_service::mock::{FLOW_MAX_MS, SESSION_MAX_MS};
use riskgate_store_sql::host::{sha256, ExchangeRefusal, Grant, HandoffRow};
use serde::Serialize;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// A hand-off code is good for this long, once.
pub const HANDOFF_TTL_MS: u64 = 2 * 60 * 1000;
/// How long a client throttled on sending codes should wait: the hour the account's
/// limit counts over (a flow's own five are spent for good).
pub const CODE_SEND_RETRY_S: u64 = 60 * 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    SignIn,
    Passkey,
    StepUp,
    Reset,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::SignIn => "sign-in",
            Kind::Passkey => "passkey",
            Kind::StepUp => "step-up",
            Kind::Reset => "reset",
        }
    }
}

#[derive(Clone)]
pub struct App {
    pub auth: AuthorityHandle,
    host_secret_hash: Option<Arc<Vec<u8>>>,
    /// Demo mode: a sign-in's `source` is taken from its body (the scenario lab).
    demo_sources: bool,
    places: Arc<Places>,
}

pub(crate) fn store_failed(e: sqlx::Error) -> ApiError {
    tracing::error!(error = %e, "the database refused a flow's grant or hand-off");
    BackendError::Unavailable.into()
}

impl App {
    pub fn new(auth: AuthorityHandle, host_secret: Option<&str>, demo_sources: bool, places: Places) -> Self {
        let host_secret_hash = host_secret.map(|s| Arc::new(sha256(s)));
        App { auth, host_secret_hash, demo_sources, places: Arc::new(places) }
    }

    /// Registers a new flow and returns its secret, to be sent once. Kept in the
    /// database, so a flow outlives a restart and any node can answer it.
    async fn grant(
        &self,
        flow_id: &str,
        kind: Kind,
        username: Option<String>,
        first: Option<&Step>,
    ) -> Result<(String, Grant), ApiError> {
        let secret = random_token();
        let saw_mfa = first.is_some_and(|s| matches!(s, Step::MfaChallenge { .. }));
        let grant = Grant { secret_hash: sha256(&secret), kind: kind.name().into(), username, saw_mfa };
        let now = now_ms();
        // Flows end within FLOW_MAX_MS at the authority; their secrets go soon after.
        let forget = now.saturating_sub(FLOW_MAX_MS + 60_000);
        self.auth.store().grant_flow(flow_id, &grant, now, forget).await.map_err(store_failed)?;
        Ok((secret, grant))
    }

    /// The flow's secret must come with every call about it; a missing or wrong one is
    /// answered as an unknown flow, so a flow id alone tells nothing.
    async fn check_secret(
        &self,
        flow_id: &str,
        headers: &HeaderMap,
        kinds: &[Kind],
    ) -> Result<Grant, ApiError> {
        let given = headers.get(FLOW_SECRET_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
        let given = sha256(given);
        let grant = self.auth.store().flow_grant(flow_id).await.map_err(store_failed)?;
        match grant {
            Some(g)
                if kinds.iter().any(|k| k.name() == g.kind) && constant_time_eq(&g.secret_hash, &given) =>
            {
                Ok(g)
            }
            _ => Err(BackendError::UnknownFlow.into()),
        }
    }

    async fn note_step(&self, flow_id: &str, grant: &mut Grant, step: &Step) -> Result<(), ApiError> {
        if matches!(step, Step::MfaChallenge { .. }) && !grant.saw_mfa {
            grant.saw_mfa = true;
            self.auth.store().note_mfa(flow_id).await.map_err(store_failed)?;
        }
        Ok(())
    }

    /// A reply that hands out a session of a new sign-in also carries a one-time
    /// hand-off code for the host's own server (not a step-up: nobody new signed in).
    async fn with_handoff(&self, mut reply: Reply, grant: &Grant) -> Reply {
        if reply.session.is_none() || self.host_secret_hash.is_none() || grant.kind == Kind::StepUp.name() {
            return reply;
        }
        let proven = grant.saw_mfa || grant.kind == Kind::Passkey.name();
        let Some(username) = grant.username.clone() else { return reply };
        let Ok(Some((subject, tenant))) = self.auth.subject(username).await else { return reply };
        let row =
            HandoffRow { subject, tenant, proven, session_expires_ms: Some(reply.time_ms + SESSION_MAX_MS) };
        let code = random_token();
        let now = now_ms();
        match self.auth.store().insert_handoff(&code, &row, now, now + HANDOFF_TTL_MS).await {
            Ok(()) => reply.handoff = Some(code),
            Err(e) => {
                tracing::error!(error = %e, "storing a hand-off code failed; the reply goes without one")
            }
        }
        reply
    }
}

pub fn now_ms() -> u64 {
    use riskgate_service::platform::{Clock, SystemClock};
    SystemClock.now_ms()
}

fn random_token() -> String {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).expect("no source of randomness");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares without stopping at the first difference.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub(crate) fn bearer(headers: &HeaderMap) -> Result<String, ApiError> {
    let value = headers.get(axum::http::header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    let token = value.and_then(|v| v.strip_prefix("Bearer ")).map(str::trim).filter(|t| !t.is_empty());
    token.map(String::from).ok_or_else(|| BackendError::NotAuthorized.into())
}

pub(crate) type Answer = Result<Response, ApiError>;

pub(crate) fn ok<T: Serialize>(value: T) -> Answer {
    Ok(Json(value).into_response())
}

/// Too many codes sent is throttling: 429 with `Retry-After`, the body as documented.
fn throttle_sends(error: BackendError) -> ApiError {
    match error {
        BackendError::InvalidInput { field: Field::Code, problem: Problem::TooManyAttempts } => {
            ApiError::throttled(error, CODE_SEND_RETRY_S)
        }
        other => other.into(),
    }
}

fn sends_a_code(input: &Input) -> bool {
    matches!(input, Input::SendCode { .. } | Input::BeginRegistration { phone: Some(_), .. })
}

/// The address the connection comes from (none for a request made in-process).
pub struct Peer(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Peer(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())))
    }
}

async fn sign_in(
    State(app): State<App>,
    Peer(peer): Peer,
    headers: HeaderMap,
    JsonBody(mut request): JsonBody<SignInRequest>,
) -> Answer {
    // Where a sign-in comes from is the connection's to say, never the body's, outside
    // demo mode; an address not in `--places` leaves it to the person's last known place.
    if !app.demo_sources {
        let agent = headers.get(axum::http::header::USER_AGENT).and_then(|v| v.to_str().ok());
        request.source = app.places.source(peer, agent.unwrap_or(""));
    }
    let username = request.username.trim().to_string();
    let reply = app.auth.backend(move |b| b.sign_in(request)).await?;
    let (secret, grant) = app.grant(&reply.flow_id, Kind::SignIn, Some(username), Some(&reply.step)).await?;
    let reply = app.with_handoff(reply, &grant).await;
    ok(WithFlowSecret { reply, flow_secret: secret })
}

async fn send(
    State(app): State<App>,
    PathParams((flow_id, seq)): PathParams<(String, u32)>,
    headers: HeaderMap,
    JsonBody(input): JsonBody<Input>,
) -> Answer {
    let mut grant =
        app.check_secret(&flow_id, &headers, &[Kind::SignIn, Kind::Passkey, Kind::StepUp]).await?;
    let sends = sends_a_code(&input);
    let id = flow_id.clone();
    let reply = app.auth.backend(move |b| b.send(&id, seq, input)).await;
    let reply = reply.map_err(|e| if sends { throttle_sends(e) } else { e.into() })?;
    app.note_step(&flow_id, &mut grant, &reply.step).await?;
    ok(app.with_handoff(reply, &grant).await)
}

async fn current(
    State(app): State<App>,
    PathParams(flow_id): PathParams<String>,
    headers: HeaderMap,
) -> Answer {
    app.check_secret(&flow_id, &headers, &[Kind::SignIn, Kind::Passkey, Kind::StepUp]).await?;
    ok(app.auth.backend(move |b| b.current(&flow_id)).await?)
}

async fn start_reset(State(app): State<App>, JsonBody(request): JsonBody<ResetRequest>) -> Answer {
    let reply: ResetReply = app.auth.backend(move |b| b.start_reset(&request.username)).await?;
    let (secret, _) = app.grant(&reply.flow_id, Kind::Reset, None, None).await?;
    ok(WithFlowSecret { reply, flow_secret: secret })
}

async fn send_reset(
    State(app): State<App>,
    PathParams((flow_id, seq)): PathParams<(String, u32)>,
    headers: HeaderMap,
    JsonBody(input): JsonBody<ResetInput>,
) -> Answer {
    app.check_secret(&flow_id, &headers, &[Kind::Reset]).await?;
    let sends = matches!(input, ResetInput::SendCode { .. });
    let reply = app.auth.backend(move |b| b.send_reset(&flow_id, seq, input)).await;
    ok(reply.map_err(|e| if sends { throttle_sends(e) } else { e.into() })?)
}

async fn current_reset(
    State(app): State<App>,
    PathParams(flow_id): PathParams<String>,
    headers: HeaderMap,
) -> Answer {
    app.check_secret(&flow_id, &headers, &[Kind::Reset]).await?;
    ok(app.auth.backend(move |b| b.current_reset(&flow_id)).await?)
}

async fn check_password(
    State(app): State<App>,
    headers: HeaderMap,
    JsonBody(check): JsonBody<PasswordCheck>,
) -> Answer {
    app.check_secret(&check.flow_id, &headers, &[Kind::SignIn, Kind::Passkey, Kind::StepUp, Kind::Reset])
        .await?;
    ok(app.auth.backend(move |b| b.check_password(&check.flow_id, &check.candidate)).await?)
}

async fn account(State(app): State<App>, headers: HeaderMap) -> Answer {
    let session = bearer(&headers)?;
    ok(app.auth.backend(move |b| b.account(&session)).await?)
}

async fn report_sign_in(
    State(app): State<App>,
    PathParams(sign_in): PathParams<u64>,
    headers: HeaderMap,
    JsonBody(report): JsonBody<SignInReport>,
) -> Answer {
    let session = bearer(&headers)?;
    ok(app.auth.backend(move |b| b.report_sign_in(&session, sign_in, report.was_me)).await?)
}

async fn remove_method(
    State(app): State<App>,
    PathParams(method): PathParams<String>,
    headers: HeaderMap,
) -> Answer {
    let session = bearer(&headers)?;
    let method: MethodKind = serde_json::from_value(serde_json::Value::String(method))
        .map_err(|e| BackendError::Malformed(format!("method: {e}")))?;
    ok(app.auth.backend(move |b| b.remove_method(&session, method)).await?)
}

async fn begin_method(
    State(app): State<App>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<MethodRequest>,
) -> Answer {
    let session = bearer(&headers)?;
    let sends = request.phone.is_some();
    let reply = app.auth.backend(move |b| b.begin_method(&session, request.method, request.phone)).await;
    ok(reply.map_err(|e| if sends { throttle_sends(e) } else { e.into() })?)
}

async fn confirm_method(
    State(app): State<App>,
    headers: HeaderMap,
    JsonBody(code): JsonBody<MethodCode>,
) -> Answer {
    let session = bearer(&headers)?;
    ok(app.auth.backend(move |b| b.confirm_method(&session, &code.code)).await?)
}

async fn admin_overview(State(app): State<App>, headers: HeaderMap) -> Answer {
    let session = bearer(&headers)?;
    ok(app.auth.backend(move |b| b.admin_overview(&session)).await?)
}

async fn admin_act(
    State(app): State<App>,
    PathParams(username): PathParams<String>,
    headers: HeaderMap,
    JsonBody(act): JsonBody<AdminActRequest>,
) -> Answer {
    let session = bearer(&headers)?;
    ok(app.auth.backend(move |b| b.admin_act(&session, &username, act.action)).await?)
}

async fn set_policy(
    State(app): State<App>,
    headers: HeaderMap,
    JsonBody(update): JsonBody<PolicyUpdate>,
) -> Answer {
    let session = bearer(&headers)?;
    ok(app.auth.backend(move |b| b.set_policy(&session, update.policy, update.banned)).await?)
}

async fn begin_passkey_sign_in(
    State(app): State<App>,
    JsonBody(start): JsonBody<PasskeySignInStart>,
) -> Answer {
    ok(app.auth.backend(move |b| b.begin_passkey_sign_in(&start.username, start.tenant)).await?)
}

async fn passkey_sign_in(State(app): State<App>, JsonBody(answer): JsonBody<PasskeySignInAnswer>) -> Answer {
    let username = answer.username.trim().to_string();
    let reply =
        app.auth.backend(move |b| b.passkey_sign_in(&answer.username, answer.tenant, answer.answer)).await?;
    let (secret, grant) = app.grant(&reply.flow_id, Kind::Passkey, Some(username), Some(&reply.step)).await?;
    let reply = app.with_handoff(reply, &grant).await;
    ok(WithFlowSecret { reply, flow_secret: secret })
}

async fn begin_passkey(State(app): State<App>, headers: HeaderMap) -> Answer {
    let session = bearer(&headers)?;
    ok(app.auth.backend(move |b| b.begin_passkey(&session)).await?)
}

async fn confirm_passkey(
    State(app): State<App>,
    headers: HeaderMap,
    JsonBody(created): JsonBody<PasskeyCreated>,
) -> Answer {
    let session = bearer(&headers)?;
    ok(app.auth.backend(move |b| b.confirm_passkey(&session, created)).await?)
}

async fn sign_out(State(app): State<App>, headers: HeaderMap) -> Answer {
    let session = bearer(&headers)?;
    app.auth.backend(move |b| b.sign_out(&session)).await?;
    ok(())
}

async fn step_up(State(app): State<App>, headers: HeaderMap) -> Answer {
    let session = bearer(&headers)?;
    let s = session.clone();
    let username = app.auth.backend(move |b| b.account(&s)).await?.username;
    let reply = app.auth.backend(move |b| b.step_up(&session)).await?;
    let (secret, _) = app.grant(&reply.flow_id, Kind::StepUp, Some(username), Some(&reply.step)).await?;
    ok(WithFlowSecret { reply, flow_secret: secret })
}

/// Server to server: the host's secret as a bearer token, and a code from the
/// `riskgate:signed-in` event, answered once.
async fn exchange_handoff(
    State(app): State<App>,
    headers: HeaderMap,
    JsonBody(exchange): JsonBody<HandoffExchange>,
) -> Answer {
    let given = bearer(&headers).map(|s| sha256(&s)).unwrap_or_default();
    let Some(expected) = app.host_secret_hash.as_deref() else {
        return Err(BackendError::NotAuthorized.into());
    };
    if !constant_time_eq(expected, &given) {
        return Err(BackendError::NotAuthorized.into());
    }
    let found = app.auth.store().exchange_handoff(exchange.code.trim(), now_ms()).await.map_err(|e| {
        tracing::error!(error = %e, "reading a hand-off code failed");
        BackendError::Unavailable
    })?;
    match found {
        Ok(row) => ok(HandoffSession {
            subject: row.subject,
            tenant: row.tenant,
            session_expires_ms: row.session_expires_ms,
            proven: row.proven,
        }),
        Err(ExchangeRefusal::Unknown) => Err(BackendError::UnknownFlow.into()),
        Err(ExchangeRefusal::Spent) => Err(BackendError::FlowExpired.into()),
    }
}

#[derive(Serialize)]
struct Code {
    code: String,
}

async fn demo_authenticator(State(app): State<App>, PathParams(username): PathParams<String>) -> Answer {
    match app.auth.authenticator_code(username).await? {
        Some(code) => ok(Code { code }),
        None => Err(BackendError::UnknownUser.into()),
    }
}

async fn demo_phone(State(app): State<App>) -> Answer {
    ok(app.auth.phone().await?)
}

async fn not_found() -> ApiError {
    BackendError::NotFound.into()
}

/// The API, to be nested under `/api`.
pub fn api(app: App, demo_tools: bool) -> Router {
    let mut router = Router::new()
        .route("/sign-in", post(sign_in))
        .route("/flows/{flow_id}", get(current))
        .route("/flows/{flow_id}/steps/{seq}", post(send))
        .route("/resets", post(start_reset))
        .route("/resets/{flow_id}", get(current_reset))
        .route("/resets/{flow_id}/steps/{seq}", post(send_reset))
        .route("/password-checks", post(check_password))
        .route("/account", get(account))
        .route("/account/sign-ins/{sign_in}/report", post(report_sign_in))
        .route("/account/methods", post(begin_method))
        .route("/account/methods/confirm", post(confirm_method))
        .route("/account/methods/{method}", delete(remove_method))
        .route("/account/passkeys", post(begin_passkey))
        .route("/account/passkeys/confirm", post(confirm_passkey))
        .route("/admin", get(admin_overview))
        .route("/admin/users/{username}/actions", post(admin_act))
        .route("/admin/policy", put(set_policy))
        .route("/admin/sign-ins", get(crate::telemetry::sign_ins))
        .route("/admin/detections", get(crate::telemetry::detections))
        .route("/passkey-sign-ins", post(begin_passkey_sign_in))
        .route("/passkey-sign-ins/answer", post(passkey_sign_in))
        .route("/session", delete(sign_out))
        .route("/session/step-up", post(step_up))
        .route("/handoffs/exchange", post(exchange_handoff));
    if demo_tools {
        router = router
            .route("/demo/phone", get(demo_phone))
            .route("/demo/authenticator/{username}", get(demo_authenticator));
    }
    router.fallback(not_found).with_state(app)
}

#[derive(Serialize)]
pub struct Health {
    status: &'static str,
    api_version: u32,
}

pub async fn live() -> Json<Health> {
    Json(Health { status: "live", api_version: riskgate_api::API_VERSION })
}

pub async fn ready(State(app): State<App>) -> Answer {
    if !app.auth.ping().await {
        return Err(BackendError::Unavailable.into());
    }
    // The authority answers a call: a transaction can be opened, a worker is free.
    app.auth.check().await?;
    ok(Health { status: "ready", api_version: riskgate_api::API_VERSION })
}
