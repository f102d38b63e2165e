//! Every answer that is not a success is the API's JSON `ErrorReply`, with the status
//! `BackendError::http_status` gives (throttling alone answers 429, with
//! `Retry-After`), and the request's id. Axum's and tower's own refusals (unknown
//! route, wrong method, body too large, timeout, panic) are rewritten on the way out.
use axum::body::Body;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use riskgate_api::{BackendError, ErrorReply};
use serde::de::DeserializeOwned;

/// An error on its way to becoming a response.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiError {
    pub error: BackendError,
    /// Throttling: 429 and how many seconds to wait.
    pub retry_after_s: Option<u64>,
}

impl From<BackendError> for ApiError {
    fn from(error: BackendError) -> Self {
        ApiError { error, retry_after_s: None }
    }
}

impl ApiError {
    pub fn throttled(error: BackendError, retry_after_s: u64) -> Self {
        ApiError { error, retry_after_s: Some(retry_after_s) }
    }

    pub fn status(&self) -> StatusCode {
        let code = if self.retry_after_s.is_some() { 429 } else { self.error.http_status() };
        StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// Marks a response as already carrying its `ErrorReply`, so `json_errors` only adds
/// the request id.
#[derive(Clone)]
struct Rendered(BackendError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let mut response = (status, Json(ErrorReply::new(self.error.clone()))).into_response();
        // A service that cannot answer now may well in a moment.
        let retry_after_s = self.retry_after_s.or((self.error == BackendError::Unavailable).then_some(1));
        if let Some(secs) = retry_after_s {
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(secs));
        }
        response.extensions_mut().insert(Rendered(self.error));
        response
    }
}

/// The error a refusal from outside the routes' own code means, by its status.
fn from_status(status: StatusCode, text: &str) -> BackendError {
    match status.as_u16() {
        404 => BackendError::NotFound,
        405 => BackendError::MethodNotAllowed,
        408 | 504 => BackendError::Timeout,
        413 => BackendError::TooLarge,
        401 => BackendError::NotAuthorized,
        500..=599 => BackendError::Unavailable,
        _ if text.is_empty() => BackendError::Malformed(format!("HTTP {}", status.as_u16())),
        _ => BackendError::Malformed(text.chars().take(200).collect()),
    }
}

/// Middleware: any 4xx or 5xx leaves as JSON `ErrorReply` with the request id.
pub async fn json_errors(request: Request, next: Next) -> Response {
    let request_id = request.headers().get(crate::REQUEST_ID).and_then(|v| v.to_str().ok()).map(String::from);
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let error = match parts.extensions.remove::<Rendered>() {
        Some(Rendered(error)) => error,
        None => {
            let text = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
            from_status(status, String::from_utf8_lossy(&text).trim())
        }
    };
    let body = serde_json::to_vec(&ErrorReply { error, request_id }).unwrap_or_default();
    parts.headers.remove(CONTENT_LENGTH);
    parts.headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Response::from_parts(parts, Body::from(body))
}

/// A panic in a route: the service cannot answer this request (`Unavailable`).
pub fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    ApiError::from(BackendError::Unavailable).into_response()
}

/// A JSON body of type `T`; anything else (not JSON, wrong content type, missing
/// fields, over the limit) is the API's error.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(JsonBody(value)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(BackendError::TooLarge.into())
            }
            Err(rejection) => Err(BackendError::Malformed(rejection.body_text()).into()),
        }
    }
}

/// Path parameters; one that does not parse (a step number that is not a number) is
/// `Malformed`.
pub struct PathParams<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for PathParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, ApiError> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(PathParams(value)),
            Err(rejection) => Err(BackendError::Malformed(rejection.body_text()).into()),
        }
    }
}
