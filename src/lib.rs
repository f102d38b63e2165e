//! Riskgate: the screens a person meets when identity-risk policy interrupts a sign-in,
//! and the engine that decides which screen comes next.
pub mod backend;
pub mod bench;
pub use riskgate_engine as engine;
#[cfg(target_arch = "wasm32")]
pub mod ui;
