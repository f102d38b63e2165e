//! Step-up: the backend answered `StepUpRequired` (the admin view, or changing one's own
//! methods, with a session that has not proven the person recently). The panel says so
//! and starts the step-up; the flow screens show its challenge, and a passed step-up
//! comes back to the view that asked.
use super::account::focus;
use crate::backend::BackendError;
use crate::ui::errors::error_text;
use crate::ui::kit::{after_render, Button, FormMessage, Look};
use crate::ui::text::{Key, Message};
use crate::ui::{use_ui, Screen};
use leptos::prelude::*;

/// Whether `e` asks for a step-up; if so, `needed` is set so the panel shows.
pub fn asks_step_up(e: &BackendError, needed: RwSignal<bool>) -> bool {
    let asks = matches!(e, BackendError::StepUpRequired);
    if asks {
        needed.try_set(true);
    }
    asks
}

/// Why the view needs the person to prove themselves (`lead`, a text key), and a button
/// that starts it; once passed, the component shows `back` again.
#[component]
pub fn StepUpPanel(lead: Key, back: Screen) -> impl IntoView {
    let ui = use_ui();
    let error = RwSignal::new(None::<Message>);
    let node = NodeRef::<leptos::html::Div>::new();
    // It appears after a call, away from the control that was used: take focus there.
    after_render(move || focus(node));
    let start = move |_| {
        error.set(None);
        ui.step_up(back, move |e| {
            error.try_set(Some(error_text(&e).1.into()));
        });
    };
    view! {
        <div
            class="rg-step-up rg-warning"
            role="region"
            aria-labelledby="rg-step-up-heading"
            tabindex="-1"
            node_ref=node
        >
            <h2 id="rg-step-up-heading">{ui.text(Key::StepupHeading)}</h2>
            <p>{ui.text(lead)}</p>
            <FormMessage message=error />
            <div class="rg-actions">
                <Button look=Look::Primary disabled=ui.pending on_click=start label=Key::StepupStart />
            </div>
        </div>
    }
}
