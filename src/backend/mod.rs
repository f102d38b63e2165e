//! What the screens talk to: the backend trait and wire types (`riskgate-api`), the HTTP
//! adapter, and, with the `mock` feature, the in-browser authority (`riskgate-service`).
//! The shipped component is built without `mock`, so it carries no authority code.
pub use riskgate_api as api;
#[cfg(not(feature = "mock"))]
pub use riskgate_api::passkey as webauthn;
pub use riskgate_api::passkey::{PasskeyAssertion, PasskeyCreated, PasskeyOptions, WebAuthnError};
pub use riskgate_api::{
    AccountView, AdminAction, AdminReceipt, AdminView, BackendError, Input, Reply, SignInRequest,
};
pub use riskgate_api::{BackendFuture, Enrollment, IdentityBackend, ResetInput, ResetReply};
#[cfg(feature = "mock")]
pub use riskgate_service::{
    brands, detect, directory, geo, hash, mock, platform, seed, soft_key, totp, webauthn, MockBackend,
};

/// The HTTP adapter: the same trait over the JSON API of docs/backend-api.md.
#[cfg(target_arch = "wasm32")]
pub mod http;
/// The HTTP adapter as a Wasm part of its own, in the split build.
#[cfg(all(target_arch = "wasm32", feature = "split"))]
pub mod lazy_http;
#[cfg(target_arch = "wasm32")]
mod read;
#[cfg(target_arch = "wasm32")]
mod replies;
/// The sign-in calls' request bodies, written by hand; built natively too, for its tests.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod write;
