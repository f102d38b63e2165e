//! Riskgate's reference server: the HTTP API of docs/backend-api.md (v1) in front of
//! the authority (`riskgate_service::Service`), over SQLite's per-row tables
//! (`riskgate_store_sql`): each call one transaction, flows, sessions and flow secrets
//! in the database, so a restart ends nothing. See docs/server.md and the end of
//! docs/backend-api.md.
pub mod authority;
pub mod config;
pub mod errors;
pub mod places;
pub mod routes;
pub mod telemetry;

use authority::{AuthorityHandle, Opening};
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::routing::get;
use axum::Router;
use config::Config;
use riskgate_api::passkey::RelyingParty;
use std::net::SocketAddr;
use tokio::sync::oneshot;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::sensitive_headers::SetSensitiveRequestHeadersLayer;
use tower_http::services::ServeDir;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
const FLOW_SECRET: HeaderName = HeaderName::from_static("riskgate-flow-secret");

/// A request id of 16 random hex digits, when the request brings none (or a bad one).
#[derive(Clone, Copy, Default)]
struct RandomId;

impl MakeRequestId for RandomId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).ok()?;
        let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        HeaderValue::from_str(&id).ok().map(RequestId::new)
    }
}

/// A client's own `X-Request-Id` is kept if it is short and plain; otherwise dropped,
/// and a fresh one made, so nothing odd reaches the logs.
async fn tidy_request_id(mut request: Request, next: axum::middleware::Next) -> axum::response::Response {
    let plain = |v: &HeaderValue| {
        let b = v.as_bytes();
        !b.is_empty() && b.len() <= 64 && b.iter().all(|c| c.is_ascii_alphanumeric() || b"-_.".contains(c))
    };
    if request.headers().get(&REQUEST_ID).is_some_and(|v| !plain(v)) {
        request.headers_mut().remove(&REQUEST_ID);
    }
    next.run(request).await
}

/// A running server; dropping it stops it.
pub struct Running {
    pub addr: SocketAddr,
    pub auth: AuthorityHandle,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Running {
    /// Stops accepting, finishes the requests under way, and returns.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Runs until stopped by `stop` or a signal (for the binary).
    pub async fn wait(mut self) {
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    pub fn stopper(&mut self) -> Option<oneshot::Sender<()>> {
        self.stop.take()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The whole application: the API under `/api`, health, and the static files.
pub fn app(state: routes::App, config: &Config) -> Router {
    let api = routes::api(state.clone(), config.demo_tools);
    let mut router = Router::new()
        .route("/health/live", get(routes::live))
        .route("/health/ready", get(routes::ready).with_state(state))
        .nest("/api", api);
    router = match &config.static_dir {
        Some(dir) => router.fallback_service(ServeDir::new(dir).append_index_html_on_directories(true)),
        None => router.fallback(|| async { errors::ApiError::from(riskgate_api::BackendError::NotFound) }),
    };
    layered(router, config)
}

/// The layers every route and the fallback run under: request ids, logs, JSON errors,
/// CORS, panics, the time limit and the body limit.
pub fn layered(router: Router, config: &Config) -> Router {
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request| {
            // The route's template, never the path itself: flow ids and usernames stay out.
            let route = request.extensions().get::<MatchedPath>().map_or("(no route)", MatchedPath::as_str);
            let id = request.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("");
            tracing::info_span!("request", method = %request.method(), route, request_id = id)
        })
        .on_response(DefaultOnResponse::new().level(tracing::Level::INFO).latency_unit(LatencyUnit::Millis));
    let cors = (!config.allow_origins.is_empty()).then(|| {
        let origins: Vec<HeaderValue> =
            config.allow_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
            .allow_headers([
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                header::ACCEPT,
                FLOW_SECRET,
                REQUEST_ID,
            ])
            .expose_headers([REQUEST_ID, header::RETRY_AFTER])
            .allow_credentials(false)
            .max_age(std::time::Duration::from_secs(600))
    });
    router.layer(
        ServiceBuilder::new()
            .layer(axum::middleware::from_fn(tidy_request_id))
            .layer(SetRequestIdLayer::new(REQUEST_ID, RandomId))
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(SetSensitiveRequestHeadersLayer::new([header::AUTHORIZATION, header::COOKIE, FLOW_SECRET]))
            .layer(trace)
            .layer(axum::middleware::from_fn(errors::json_errors))
            .option_layer(cors)
            .layer(CatchPanicLayer::custom(errors::panicked))
            .layer(TimeoutLayer::with_status_code(StatusCode::GATEWAY_TIMEOUT, config.request_timeout))
            .layer(RequestBodyLimitLayer::new(config.body_limit))
            .layer(DefaultBodyLimit::max(config.body_limit)),
    )
}

/// Opens the database and the authority, binds `config.listen` and serves.
pub async fn start(config: Config) -> Result<Running, String> {
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("--listen {}: {e}", config.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let store = riskgate_store_sql::SqlStore::open(&config.database, config.max_connections).await?;
    let origin = config.origin.clone().unwrap_or_else(|| format!("http://localhost:{}", addr.port()));
    let rp_id =
        origin.split("://").nth(1).unwrap_or("localhost").split([':', '/']).next().unwrap_or("localhost");
    let relying_party = RelyingParty { id: rp_id.to_string(), origin: origin.clone() };
    let auth = AuthorityHandle::start(Opening {
        store,
        seed_demo: config.seed_demo,
        bench_accounts: config.bench_accounts,
        relying_party,
        workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
    })
    .await?;
    let state = routes::App::new(
        auth.clone(),
        config.host_secret.as_deref(),
        config.demo_sources,
        config.places.clone(),
    );
    if let Some(target) = config.telemetry.clone() {
        tokio::spawn(telemetry::export(auth.store().clone(), target, std::time::Duration::from_secs(1)));
    }
    let router = app(state, &config);
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let router = router.into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(listener, router)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "the server stopped");
        }
    });
    tracing::info!(%addr, %origin, "serving");
    Ok(Running { addr, auth, stop: Some(stop), task: Some(task) })
}
