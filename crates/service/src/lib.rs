//! The authority: it checks what was typed, runs the engine and returns the next step;
//! an input the current step does not take is refused. Today it holds its directory in
//! memory (and, in the browser, in localStorage) as the mock.
pub mod brands;
pub mod detect;
pub mod directory;
pub mod geo;
pub mod hash;
pub mod mock;
pub mod platform;
pub mod seed;
pub mod service;
pub mod soft_key;
pub mod store;
pub mod totp;
pub mod webauthn;

pub use mock::MockBackend;
pub use riskgate_api as api;
pub use riskgate_api::{
    AccountView, AdminAction, AdminReceipt, AdminView, BackendError, Input, Reply, SignInRequest,
};
pub use riskgate_api::{BackendFuture, Enrollment, IdentityBackend, ResetInput, ResetReply};
pub use riskgate_engine as engine;
pub use webauthn::{PasskeyAssertion, PasskeyCreated, PasskeyOptions, WebAuthnError};
