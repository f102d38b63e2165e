//! What a screen says about itself: a slow call's progress, and a load that failed and
//! its retry.
use super::{Button, FormMessage, Look, When};
use crate::ui::text::{Key, Message};
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

/// A load that failed: what went wrong, and a button to try again.
#[component]
pub fn LoadFailed(error: RwSignal<Option<Message>>, retry: Callback<()>) -> impl IntoView {
    let ui = use_ui();
    view! {
        <FormMessage message=error />
        <When when=move || error.with(Option::is_some)>
            <div class="rg-actions">
                <Button
                    look=Look::Primary
                    disabled=ui.pending
                    on_click=move |_| retry.run(())
                    label=Key::CommonRetry
                />
            </div>
        </When>
    }
}
