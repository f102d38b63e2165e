//! Leptos's hello world, mounted as the component is: make bench times its first paint
//! beside the component's first screen (scripts/parts-bench.mjs).
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    leptos::mount::mount_to_body(|| view! { <p id="hello">"Hello, world"</p> });
}
