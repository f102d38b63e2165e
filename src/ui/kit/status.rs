//! What a screen says about itself while a call is slow.
use crate::ui::text::Key;
use crate::ui::use_ui;
use leptos::prelude::*;

/// Says "working on it" only when a call is slow.
#[component]
pub fn Progress() -> impl IntoView {
    let ui = use_ui();
    view! {
        <p class="rg-progress" role="status" aria-live="polite">
            {move || ui.slow.get().then(|| ui.t(Key::CommonWorking))}
        </p>
    }
}
