//! Identity backends: the trait the screens talk to, and the in-browser mock.
//! The backend is the authority: it checks what was typed, runs the engine and
//! returns the next step; an input the current step does not take is refused.
pub mod api;
pub mod detect;
pub mod directory;
pub mod geo;
pub mod hash;
pub mod mock;
pub mod platform;
pub mod seed;
pub mod totp;

pub use api::{BackendError, Input, Reply, SignInRequest};
pub use mock::MockBackend;

use std::future::Future;
use std::pin::Pin;

/// A backend call's future. Not `Send`: everything runs on the browser's one thread.
pub type BackendFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, BackendError>> + 'a>>;

pub trait IdentityBackend {
    /// Checks the username and password and starts a flow.
    fn sign_in(&self, request: SignInRequest) -> BackendFuture<'_, Reply>;
    /// Sends what the person did on step `seq` of flow `flow_id`.
    fn send(&self, flow_id: &str, seq: u32, input: Input) -> BackendFuture<'_, Reply>;
}
