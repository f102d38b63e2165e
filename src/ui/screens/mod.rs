//! The product's screens, one file per step or view. Each sends what the person did and
//! renders the step the backend returns.
#[cfg(feature = "account")]
pub(crate) mod account;
#[cfg(feature = "admin")]
pub(crate) mod admin;
pub(crate) mod blocked;
pub(crate) mod change_password;
pub(crate) mod ended;
pub(crate) mod interrupt;
pub(crate) mod mfa;
pub(crate) mod notice;
pub(crate) mod register;
pub(crate) mod reset;
pub(crate) mod sign_in;
pub(crate) mod signed_in;
#[cfg(feature = "account")]
pub(crate) mod step_up;
