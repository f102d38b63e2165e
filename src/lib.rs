//! Riskgate: the screens a person meets when identity-risk policy interrupts a sign-in,
//! and the engine that decides which screen comes next.
//!
//! - `ui`: the component's screens, over the `backend` contract and client;
//! - `embed`: what a host page calls (`mount`) and hears (host events);
//! - `review`: the demo page and the gallery, only with the `review` feature.
pub mod backend;
pub mod bench;
#[cfg(target_arch = "wasm32")]
pub mod embed;
pub use riskgate_engine as engine;
#[cfg(all(target_arch = "wasm32", feature = "review"))]
pub mod review;
#[cfg(target_arch = "wasm32")]
pub mod ui;

// The screens' unit tests need a page, as the tests/ files do.
#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
